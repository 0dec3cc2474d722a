//! A figure in the flow: a chart's drawing ([`crate::render::chart`]),
//! the same shapes the HTML page draws as SVG, scaled into the text column
//! and drawn as vector paths and text runs, as one unbreakable chunk.
//!
//! The drawing's units become points at one scale for both axes, so the
//! geometry is the SVG's; its text is set in the document's fonts at the
//! scaled size, placed by its anchor from its measured width (the SVG's
//! `text-anchor`). Circles (the markers) become 24-sided polygons, which
//! at their size no eye tells from a circle. The whole is an
//! [`Item::Figure`] carrying the figure's description as its alternative
//! text, tagged with a `Figure` node of the structure that carries it too:
//! a screen reader reads the description, not the drawing. Pure.

use super::{Base, Builder, Chunk};
use crate::pdf::blocks::Span;
use crate::pdf::fonts::Face;
use crate::pdf::layout::structure::{Drawn, Role, Tag};
use crate::pdf::layout::{Item, PathStroke, Rect, TextRun};
use crate::pdf::style::Rgb;
use crate::render::chart::{Anchor, Color, Figure, Point, Shape, Stroke};

/// How much of the text column's width a figure takes at most: about 300
/// points on A4, where the charts' labels come out at 8 to 10 points.
const SHARE: f32 = 0.56;

/// The sides of the polygon that draws a circle.
const CIRCLE_SIDES: usize = 24;

fn rgb(color: Color) -> Rgb {
    Rgb(color.unit())
}

impl Builder<'_> {
    /// Adds a figure to the flow, centred in the column, with a paragraph's
    /// space before and after it.
    pub(in crate::pdf::layout) fn figure(&mut self, figure: &Figure) {
        let drawing = &figure.drawing;
        if drawing.width <= 0.0 || drawing.height <= 0.0 {
            return;
        }
        let scale = (self.width * SHARE / drawing.width as f32).min(1.0);
        let width = drawing.width as f32 * scale;
        let height = drawing.height as f32 * scale;
        let left = self.x + (self.width - width) / 2.0;
        let at = |p: &Point| (left + p.x as f32 * scale, p.y as f32 * scale);
        let stroke = |s: &Stroke| PathStroke {
            width: s.width as f32 * scale,
            color: rgb(s.color),
            dash: s.dash.map(|[d, g]| [d as f32 * scale, g as f32 * scale]),
        };
        let mut items = Vec::with_capacity(drawing.shapes.len());
        for shape in &drawing.shapes {
            match shape {
                Shape::Polygon {
                    points,
                    fill,
                    stroke: outline,
                } => items.push(Item::Path {
                    points: points.iter().map(at).collect(),
                    closed: true,
                    fill: fill.map(rgb),
                    stroke: outline.as_ref().map(stroke),
                }),
                Shape::Polyline {
                    points,
                    stroke: line,
                } => items.push(Item::Path {
                    points: points.iter().map(at).collect(),
                    closed: false,
                    fill: None,
                    stroke: Some(stroke(line)),
                }),
                Shape::Circle {
                    centre,
                    radius,
                    fill,
                    stroke: outline,
                } => {
                    let (cx, cy) = at(centre);
                    let r = *radius as f32 * scale;
                    let points = (0..CIRCLE_SIDES)
                        .map(|i| {
                            let angle = std::f32::consts::TAU * i as f32 / CIRCLE_SIDES as f32;
                            (cx + r * angle.cos(), cy + r * angle.sin())
                        })
                        .collect();
                    items.push(Item::Path {
                        points,
                        closed: true,
                        fill: fill.map(rgb),
                        stroke: outline.as_ref().map(stroke),
                    });
                }
                Shape::Text {
                    at: point,
                    anchor,
                    size,
                    bold,
                    color,
                    text,
                } => {
                    let (x, baseline) = at(point);
                    items.extend(self.label(
                        text,
                        *bold,
                        *size as f32 * scale,
                        rgb(*color),
                        x,
                        baseline,
                        *anchor,
                    ));
                }
            }
        }
        let space = self.style.text.paragraph_space;
        self.space(space * 2.0);
        let node = self.open(Role::Figure {
            alt: figure.description.clone(),
        });
        self.push(Chunk {
            height,
            items: vec![Drawn {
                tag: Tag::Node(node),
                item: Item::Figure {
                    area: Rect {
                        x: left,
                        y: 0.0,
                        width,
                        height,
                    },
                    alt: figure.description.clone(),
                    items,
                },
            }],
            ..Chunk::default()
        });
        self.space(space * 2.0);
    }

    /// One line of a chart's text, its anchor at `x` on `baseline`.
    #[allow(clippy::too_many_arguments)]
    fn label(
        &mut self,
        text: &str,
        bold: bool,
        size: f32,
        color: Rgb,
        x: f32,
        baseline: f32,
        anchor: Anchor,
    ) -> Vec<Item> {
        let span = Span {
            text: text.to_owned(),
            bold,
            ..Span::default()
        };
        let base = Base {
            size,
            color,
            bold,
            italic: false,
            strong_color: None,
            line_height: 1.0,
        };
        // One line, however long: a label is never broken.
        let (lines, looks, _) = self.lines(&[span], base, f32::MAX, false);
        let Some(line) = lines.first() else {
            return Vec::new();
        };
        let start = match anchor {
            Anchor::Start => x,
            Anchor::Middle => x - line.width / 2.0,
            Anchor::End => x - line.width,
        };
        line.runs
            .iter()
            .filter_map(|run| {
                let look = looks.get(run.look)?;
                Some(Item::Text(TextRun {
                    x: start + run.x,
                    baseline,
                    face: Face::of(bold, false),
                    size: look.size,
                    color: look.color,
                    glyphs: run.glyphs.clone(),
                }))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::fonts::Fonts;
    use crate::pdf::layout::flow::Flow;
    use crate::pdf::style::Style;
    use crate::render::chart;

    fn belgium() -> crate::render::ScorecardView {
        let profile: crate::model::ScoredProfile =
            crate::load::from_yaml_str(include_str!("../../../../profiles/gci/2024/bel.yaml"))
                .unwrap();
        let catalogues = crate::schema::Catalogues::builtin().unwrap();
        crate::render::scorecard_view(&profile, catalogues.scored("gci-2024").unwrap(), None)
    }

    /// The figure `figure` lays out: its area, alternative text and items.
    fn laid_out(figure: &Figure) -> (Rect, String, Vec<Item>) {
        let style = Style::builtin().unwrap();
        let mut builder = Builder::new(&style, Fonts::embedded().unwrap());
        builder.figure(figure);
        let chunk = builder
            .flow
            .iter()
            .find_map(|f| match f {
                Flow::Chunk(c) => Some(c.clone()),
                Flow::Space(_) => None,
            })
            .expect("a chunk");
        match chunk.items.as_slice() {
            [
                Drawn {
                    item: Item::Figure { area, alt, items },
                    tag: Tag::Node(node),
                },
            ] => {
                assert_eq!(
                    builder.structure.nodes[*node].role,
                    Role::Figure { alt: alt.clone() }
                );
                assert_eq!(chunk.height, area.height);
                (*area, alt.clone(), items.clone())
            }
            other => panic!("{other:?}"),
        }
    }

    /// The PDF draws the chart's own geometry: every polygon and line at the
    /// drawing's points, at one scale, in the drawing's order.
    #[test]
    fn the_pdf_draws_the_same_geometry_as_the_svg() {
        let figure = chart::radar(&belgium()).unwrap();
        let (area, alt, items) = laid_out(&figure);
        assert_eq!(alt, figure.description);
        let scale = area.width / figure.drawing.width as f32;
        assert!((area.height - figure.drawing.height as f32 * scale).abs() < 1e-3);
        let expected: Vec<Vec<(f32, f32)>> = figure
            .drawing
            .shapes
            .iter()
            .filter_map(|s| match s {
                Shape::Polygon { points, .. } | Shape::Polyline { points, .. } => Some(
                    points
                        .iter()
                        .map(|p| (area.x + p.x as f32 * scale, p.y as f32 * scale))
                        .collect(),
                ),
                _ => None,
            })
            .collect();
        let paths: Vec<Vec<(f32, f32)>> = items
            .iter()
            .filter_map(|i| match i {
                // The circles are the 24-sided ones.
                Item::Path { points, .. } if points.len() != CIRCLE_SIDES => Some(points.clone()),
                _ => None,
            })
            .collect();
        assert_eq!(paths, expected);
        // The region's line is dashed, the country's solid.
        let dashed = items
            .iter()
            .filter(|i| {
                matches!(
                    i,
                    Item::Path {
                        stroke: Some(PathStroke { dash: Some(_), .. }),
                        ..
                    }
                )
            })
            .count();
        assert_eq!(dashed, 2, "the region's polygon and its legend sample");
    }

    #[test]
    fn a_figure_fits_the_column_and_its_labels_are_text_anchored_as_in_svg() {
        let figure = chart::staircase(&belgium()).unwrap();
        let style = Style::builtin().unwrap();
        let (area, _, items) = laid_out(&figure);
        let (left, right) = (
            style.page.margin.left,
            style.page.width - style.page.margin.right,
        );
        assert!(area.x >= left && area.right() <= right, "{area:?}");
        // Centred.
        assert!(((area.x - left) - (right - area.right())).abs() < 0.01);
        let scale = area.width / figure.drawing.width as f32;
        let texts: Vec<&TextRun> = items
            .iter()
            .filter_map(|i| match i {
                Item::Text(run) => Some(run),
                _ => None,
            })
            .collect();
        for shape in &figure.drawing.shapes {
            let Shape::Text {
                at, anchor, text, ..
            } = shape
            else {
                continue;
            };
            let run = texts
                .iter()
                .find(|r| r.text() == *text)
                .unwrap_or_else(|| panic!("{text} is drawn"));
            let x = area.x + at.x as f32 * scale;
            let anchored = match anchor {
                Anchor::Start => run.x,
                Anchor::Middle => run.x + run.width() / 2.0,
                Anchor::End => run.x + run.width(),
            };
            assert!((anchored - x).abs() < 0.01, "{text}: {anchored} for {x}");
            assert!((run.baseline - at.y as f32 * scale).abs() < 0.01);
            assert!(
                run.x >= area.x - 0.5 && run.x + run.width() <= area.right() + 0.5,
                "{text}"
            );
        }
    }
}
