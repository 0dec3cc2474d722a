//! The charts of a GCI country profile: the radar of the country's pillar
//! scores against its region's average, and the tier staircase.
//!
//! Long (about 940 lines before its tests) because both charts' geometry
//! and their one SVG writer belong together: the PDF draws the same
//! geometry, and splitting them would expose its internals to both.
//!
//! | owns | must not |
//! | --- | --- |
//! | each chart's geometry, from numbers to shapes (pure); the shapes as SVG | word anything (the words come from the view); know pages, fonts or PDF; load anything |
//!
//! One pure layout function per chart ([`radar_geometry`],
//! [`staircase_geometry`]) turns numbers into points; [`radar`] and
//! [`staircase`] dress them as a [`Drawing`]: polygons, lines, circles and
//! text anchored at points, in abstract units of about one CSS pixel at the
//! chart's natural size, y downwards. The HTML page writes a drawing as
//! inline SVG ([`svg`]); the PDF draws the same shapes as vector paths,
//! scaled to the page. The two formats therefore cannot draw different
//! charts.
//!
//! Accessibility is part of the geometry, not an afterthought: the two data
//! series differ by line style (solid with round markers, dashed with square
//! markers) and a legend with line samples, not by colour alone; every line
//! and outline keeps a contrast of at least 3:1 against what it is drawn on
//! (a unit test checks each colour pair); the country's tier is marked by an
//! outline, a pointer and its name, not by its fill alone. The words a reader
//! needs (title, description stating every number, legend, labels) are the
//! view's, so the SVG's `<title>` and `<desc>` and the PDF's alternative text
//! say the same thing, and the table beside the chart gives the numbers.
//!
//! The SVG is made here, not by a template, because it is geometry: it holds
//! only elements this module writes (no script, no link, no style sheet, no
//! external reference), every text escaped, every number printed with two
//! decimals, so the same view gives the same bytes.

use std::f64::consts::PI;
use std::fmt::Write as _;

use super::scorecard::ScorecardView;

/// A point in a drawing's units, y downwards.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    /// From the left edge.
    pub x: f64,
    /// From the top edge.
    pub y: f64,
}

impl Point {
    /// A point.
    pub const fn new(x: f64, y: f64) -> Self {
        Point { x, y }
    }
}

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Color(pub u8, pub u8, pub u8);

impl Color {
    /// `#rrggbb`.
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    /// The components from 0 to 1.
    pub fn unit(self) -> [f32; 3] {
        [self.0, self.1, self.2].map(|c| f32::from(c) / 255.0)
    }

    /// The relative luminance (WCAG 2.1).
    pub fn luminance(self) -> f64 {
        let linear = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.039_28 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * linear(self.0) + 0.7152 * linear(self.1) + 0.0722 * linear(self.2)
    }

    /// The contrast ratio with another colour (WCAG 2.1), from 1 to 21.
    pub fn contrast(self, other: Color) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }
}

/// How a line is drawn.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Stroke {
    /// Its colour.
    pub color: Color,
    /// Its width.
    pub width: f64,
    /// Dash and gap lengths, for a dashed line.
    pub dash: Option<[f64; 2]>,
}

impl Stroke {
    const fn solid(color: Color, width: f64) -> Self {
        Stroke {
            color,
            width,
            dash: None,
        }
    }
}

/// Where a text's anchor point is along its baseline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    /// At its start (left).
    Start,
    /// At its middle.
    Middle,
    /// At its end (right).
    End,
}

/// One thing drawn.
#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    /// A closed polygon.
    Polygon {
        /// Its corners, in order.
        points: Vec<Point>,
        /// Its fill, if filled.
        fill: Option<Color>,
        /// Its outline, if outlined.
        stroke: Option<Stroke>,
    },
    /// An open line through points.
    Polyline {
        /// Its points, in order.
        points: Vec<Point>,
        /// How it is drawn.
        stroke: Stroke,
    },
    /// A circle.
    Circle {
        /// Its centre.
        centre: Point,
        /// Its radius.
        radius: f64,
        /// Its fill, if filled.
        fill: Option<Color>,
        /// Its outline, if outlined.
        stroke: Option<Stroke>,
    },
    /// One line of text.
    Text {
        /// The anchor point, on the baseline.
        at: Point,
        /// Which point of the text the anchor is.
        anchor: Anchor,
        /// Font size.
        size: f64,
        /// Bold.
        bold: bool,
        /// Colour.
        color: Color,
        /// The text.
        text: String,
    },
}

/// A chart as shapes, in abstract units, on a white background.
#[derive(Debug, Clone, PartialEq)]
pub struct Drawing {
    /// Its width.
    pub width: f64,
    /// Its height.
    pub height: f64,
    /// What is drawn, back to front (the order a reader reads the texts in).
    pub shapes: Vec<Shape>,
}

/// A chart with the words that stand for it.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// Which figure (`radar`, `tiers`): the name a template's
    /// `mark(figure=…)` gives.
    pub name: &'static str,
    /// A short title.
    pub title: String,
    /// Its text alternative, stating every number it shows.
    pub description: String,
    /// The drawing.
    pub drawing: Drawing,
}

/// The radar chart's figure name.
pub const RADAR: &str = "radar";
/// The tier staircase's figure name.
pub const TIERS: &str = "tiers";

/// The background every chart is drawn on.
pub const BACKGROUND: Color = Color(0xff, 0xff, 0xff);
/// Text.
const INK: Color = Color(0x1b, 0x1f, 0x24);
/// Secondary text and the scale.
const MUTED: Color = Color(0x4a, 0x55, 0x61);
/// Rings and spokes of the radar.
const GRID: Color = Color(0x76, 0x76, 0x76);
/// The country's line and markers; the country's tier.
const ACCENT: Color = Color(0x00, 0x52, 0x9b);
/// The area inside the country's line (its outline carries the contrast).
const ACCENT_SOFT: Color = Color(0xd6, 0xe6, 0xf5);
/// The region's dashed line and square markers.
const REGION: Color = Color(0x1b, 0x1f, 0x24);
/// The tiers that are not the country's, lightest (Tier 5) to darkest.
const STEPS: [Color; 5] = [
    Color(0xf1, 0xf3, 0xf5),
    Color(0xe4, 0xe8, 0xec),
    Color(0xd7, 0xdd, 0xe3),
    Color(0xca, 0xd2, 0xda),
    Color(0xbd, 0xc7, 0xd1),
];

// ---------------------------------------------------------------------------
// The radar chart.

/// One axis of a radar chart: a pillar.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RadarAxis {
    /// The country's score.
    pub value: f64,
    /// The region's average, where known.
    pub region: Option<f64>,
    /// The highest score (the outer ring).
    pub max: f64,
}

/// Where a radar chart's parts are: the pure geometry.
#[derive(Debug, Clone, PartialEq)]
pub struct RadarGeometry {
    /// The centre (a score of 0).
    pub centre: Point,
    /// The outer ring's radius (the highest score).
    pub radius: f64,
    /// Each axis's end point on the outer ring, clockwise from the top, in
    /// the order of the axes given.
    pub spokes: Vec<Point>,
    /// The rings, inner to outer, at equal fractions of the scale (1/4 to
    /// 4/4 with four rings).
    pub rings: Vec<Vec<Point>>,
    /// The country's scores, one point per axis.
    pub country: Vec<Point>,
    /// The region's averages, when every axis has one.
    pub region: Option<Vec<Point>>,
}

/// The angle of axis `i` of `n`, in radians, clockwise from the top (y
/// points down, so the top is −π/2).
pub fn axis_angle(i: usize, n: usize) -> f64 {
    -PI / 2.0 + 2.0 * PI * i as f64 / n.max(1) as f64
}

/// The geometry of a radar chart: axes clockwise from the top, in the order
/// given (the edition's pillar order); a score `v` of `max` lies at
/// `radius · v / max` from the centre, clamped to the scale (a score is
/// never drawn outside the chart, nor a non-number anywhere but the
/// centre).
pub fn radar_geometry(
    axes: &[RadarAxis],
    centre: Point,
    radius: f64,
    rings: usize,
) -> RadarGeometry {
    let n = axes.len();
    let at = |i: usize, fraction: f64| {
        let fraction = if fraction.is_finite() {
            fraction.clamp(0.0, 1.0)
        } else {
            0.0
        };
        let angle = axis_angle(i, n);
        Point::new(
            clean(centre.x + radius * fraction * angle.cos()),
            clean(centre.y + radius * fraction * angle.sin()),
        )
    };
    let share = |value: f64, max: f64| if max > 0.0 { value / max } else { 0.0 };
    RadarGeometry {
        centre,
        radius,
        spokes: (0..n).map(|i| at(i, 1.0)).collect(),
        rings: (1..=rings)
            .map(|k| (0..n).map(|i| at(i, k as f64 / rings as f64)).collect())
            .collect(),
        country: axes
            .iter()
            .enumerate()
            .map(|(i, a)| at(i, share(a.value, a.max)))
            .collect(),
        region: axes
            .iter()
            .enumerate()
            .map(|(i, a)| a.region.map(|r| at(i, share(r, a.max))))
            .collect(),
    }
}

/// Rounds away the last bits of trigonometry (so that 0 prints as 0, not
/// −0.00, and the same numbers print the same everywhere).
fn clean(value: f64) -> f64 {
    crate::wording::round(value, 6)
}

/// The radar chart's sizes.
const RADAR_WIDTH: f64 = 480.0;
const RADAR_RADIUS: f64 = 124.0;
const RADAR_TOP: f64 = 60.0;
const LABEL_SIZE: f64 = 16.0;
const VALUE_SIZE: f64 = 15.0;
const SMALL_SIZE: f64 = 12.0;
const LINE: f64 = 18.0;
/// The width of a text estimated without its font: 0.6 em a character
/// (the labels' fonts average less; estimates only keep text inside).
fn estimated_width(text: &str, size: f64) -> f64 {
    text.chars().count() as f64 * size * 0.6
}

/// A label in one or two lines: a name longer than `max` characters
/// breaks at the space or after the hyphen nearest its middle.
fn label_lines(name: &str, max: usize) -> Vec<String> {
    let count = name.chars().count();
    if count <= max {
        return vec![name.to_owned()];
    }
    let middle = name.len() / 2;
    match name
        .match_indices([' ', '-'])
        .min_by_key(|(at, _)| at.abs_diff(middle))
    {
        Some((at, " ")) => vec![name[..at].to_owned(), name[at + 1..].to_owned()],
        Some((at, _)) => vec![name[..=at].to_owned(), name[at + 1..].to_owned()],
        None => vec![name.to_owned()],
    }
}

/// The radar chart of a GCI profile's pillars against its region's
/// average: `None` when the profile has fewer than three pillars or lacks a
/// pillar's score.
pub fn radar(view: &ScorecardView) -> Option<Figure> {
    let text = view.radar.as_ref()?;
    let axes: Vec<RadarAxis> = view
        .pillars
        .iter()
        .map(|p| {
            Some(RadarAxis {
                value: p.value?,
                region: p.region_value,
                max: p.max_value,
            })
        })
        .collect::<Option<_>>()?;
    if axes.len() < 3 {
        return None;
    }
    let centre = Point::new(RADAR_WIDTH / 2.0, RADAR_TOP + RADAR_RADIUS);
    let geometry = radar_geometry(&axes, centre, RADAR_RADIUS, 4);
    let uniform = axes.iter().all(|a| a.max == axes[0].max);
    let region_line = Stroke {
        color: REGION,
        width: 2.0,
        dash: Some([7.0, 4.0]),
    };
    let country_line = Stroke::solid(ACCENT, 2.5);
    let mut shapes = Vec::new();

    // The country's area, under the grid so that the rings read through it.
    shapes.push(Shape::Polygon {
        points: geometry.country.clone(),
        fill: Some(ACCENT_SOFT),
        stroke: None,
    });
    for ring in &geometry.rings {
        shapes.push(Shape::Polygon {
            points: ring.clone(),
            fill: None,
            stroke: Some(Stroke::solid(GRID, 0.75)),
        });
    }
    for spoke in &geometry.spokes {
        shapes.push(Shape::Polyline {
            points: vec![centre, *spoke],
            stroke: Stroke::solid(GRID, 0.75),
        });
    }
    if let Some(region) = &geometry.region {
        shapes.push(Shape::Polygon {
            points: region.clone(),
            fill: None,
            stroke: Some(region_line),
        });
        for point in region {
            shapes.push(square(*point, 3.5, REGION));
        }
    }
    shapes.push(Shape::Polygon {
        points: geometry.country.clone(),
        fill: None,
        stroke: Some(country_line),
    });
    for point in &geometry.country {
        shapes.push(Shape::Circle {
            centre: *point,
            radius: 4.0,
            fill: Some(ACCENT),
            stroke: None,
        });
    }

    // The scale, where all axes share it: each ring's value beside the first
    // axis, left of it, on a white ground, over the lines (the numbers are
    // printed at each axis too, so a line hidden there hides no number).
    if uniform {
        let rings = geometry.rings.len();
        for (k, ring) in geometry.rings.iter().enumerate() {
            let crossing = ring[0];
            let text = crate::wording::decimal(axes[0].max * (k + 1) as f64 / rings as f64);
            let width = estimated_width(&text, SMALL_SIZE) + 2.0;
            let right = crossing.x - 5.0;
            shapes.push(Shape::Polygon {
                points: vec![
                    Point::new(clean(right - width), clean(crossing.y - 6.0)),
                    Point::new(clean(right + 1.0), clean(crossing.y - 6.0)),
                    Point::new(clean(right + 1.0), clean(crossing.y + 6.0)),
                    Point::new(clean(right - width), clean(crossing.y + 6.0)),
                ],
                fill: Some(BACKGROUND),
                stroke: None,
            });
            shapes.push(Shape::Text {
                at: Point::new(clean(right), clean(crossing.y + 4.0)),
                anchor: Anchor::End,
                size: SMALL_SIZE,
                bold: false,
                color: MUTED,
                text,
            });
        }
    }

    // Each axis's name and the country's score, outside the outer ring:
    // above the top, below the bottom, beside the sides.
    let mut bottom = centre.y + geometry.radius;
    for (i, pillar) in view.pillars.iter().enumerate() {
        let angle = axis_angle(i, axes.len());
        let (cos, sin) = (angle.cos(), angle.sin());
        let reach = geometry.radius + 12.0;
        let point = Point::new(centre.x + reach * cos, centre.y + reach * sin);
        let mut lines: Vec<(String, bool)> = label_lines(&pillar.name, 13)
            .into_iter()
            .map(|l| (l, true))
            .collect();
        lines.push((pillar.score.clone().unwrap_or_default(), false));
        let height = LINE * (lines.len() - 1) as f64;
        let (anchor, first_baseline) = if sin < -0.7 {
            (Anchor::Middle, point.y - height - 4.0)
        } else if sin > 0.5 {
            (Anchor::Middle, point.y + LABEL_SIZE - 2.0)
        } else if cos > 0.0 {
            (Anchor::Start, point.y - height / 2.0 + 4.0)
        } else {
            (Anchor::End, point.y - height / 2.0 + 4.0)
        };
        let x = clean(point.x);
        for (n, (line, name)) in lines.into_iter().enumerate() {
            shapes.push(Shape::Text {
                at: Point::new(x, clean(first_baseline + LINE * n as f64)),
                anchor,
                size: if name { LABEL_SIZE } else { VALUE_SIZE },
                bold: name,
                color: if name { INK } else { ACCENT },
                text: line,
            });
        }
        bottom = bottom.max(first_baseline + height + 4.0);
    }

    // The legend: a sample of each line with its marker, then its name.
    let mut entries = vec![(country_line, true, text.country_label.as_str())];
    if let (Some(_), Some(label)) = (&geometry.region, &text.region_label) {
        entries.push((region_line, false, label.as_str()));
    }
    // Centred under the chart, as far as the longest label allows.
    let widest = entries
        .iter()
        .map(|(_, _, label)| estimated_width(label, VALUE_SIZE))
        .fold(0.0, f64::max);
    let left = clean((centre.x - (52.0 + widest) / 2.0).max(8.0));
    let mut y = bottom + 28.0;
    for (stroke, round, label) in entries {
        shapes.push(Shape::Polyline {
            points: vec![Point::new(left, y), Point::new(left + 40.0, y)],
            stroke,
        });
        let middle = Point::new(left + 20.0, y);
        shapes.push(if round {
            Shape::Circle {
                centre: middle,
                radius: 4.0,
                fill: Some(ACCENT),
                stroke: None,
            }
        } else {
            square(middle, 3.5, REGION)
        });
        shapes.push(Shape::Text {
            at: Point::new(left + 52.0, y + 5.0),
            anchor: Anchor::Start,
            size: VALUE_SIZE,
            bold: false,
            color: INK,
            text: label.to_owned(),
        });
        y += 24.0;
    }
    Some(Figure {
        name: RADAR,
        title: text.title.clone(),
        description: text.description.clone(),
        drawing: Drawing {
            width: RADAR_WIDTH,
            height: y.ceil(),
            shapes,
        },
    })
}

/// A square marker, outlined, white inside.
fn square(centre: Point, half: f64, color: Color) -> Shape {
    let (x, y) = (centre.x, centre.y);
    Shape::Polygon {
        points: vec![
            Point::new(clean(x - half), clean(y - half)),
            Point::new(clean(x + half), clean(y - half)),
            Point::new(clean(x + half), clean(y + half)),
            Point::new(clean(x - half), clean(y + half)),
        ],
        fill: Some(BACKGROUND),
        stroke: Some(Stroke::solid(color, 1.5)),
    }
}

// ---------------------------------------------------------------------------
// The tier staircase.

/// One step of the staircase: a rectangle standing on the base line.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Step {
    /// Left edge.
    pub x: f64,
    /// Top edge.
    pub top: f64,
    /// Width.
    pub width: f64,
    /// The base line (the bottom edge).
    pub base: f64,
}

impl Step {
    /// The middle of the step, left to right.
    pub fn centre(&self) -> f64 {
        self.x + self.width / 2.0
    }

    /// The step's corners, clockwise from the top left.
    pub fn corners(&self) -> Vec<Point> {
        vec![
            Point::new(clean(self.x), clean(self.top)),
            Point::new(clean(self.x + self.width), clean(self.top)),
            Point::new(clean(self.x + self.width), clean(self.base)),
            Point::new(clean(self.x), clean(self.base)),
        ]
    }
}

/// The geometry of a staircase of `count` steps, lowest on the left, each
/// `rise` higher than the one before, side by side with `gap` between them
/// across `width` from `left`, on the base line `base`.
pub fn staircase_geometry(
    count: usize,
    left: f64,
    width: f64,
    gap: f64,
    base: f64,
    lowest: f64,
    rise: f64,
) -> Vec<Step> {
    let step_width = (width - gap * count.saturating_sub(1) as f64) / count.max(1) as f64;
    (0..count)
        .map(|i| Step {
            x: clean(left + i as f64 * (step_width + gap)),
            top: clean(base - lowest - rise * i as f64),
            width: clean(step_width),
            base,
        })
        .collect()
}

const STAIR_WIDTH: f64 = 480.0;
const STAIR_BASE: f64 = 176.0;

/// The tier staircase: five steps from the lowest tier (left) to Tier 1
/// (right), along an arrow of growing commitment; the country's tier filled
/// dark, outlined, and pointed at with the country's name. `None` in
/// editions without tiers.
pub fn staircase(view: &ScorecardView) -> Option<Figure> {
    let text = view.staircase.as_ref()?;
    if view.tiers.is_empty() {
        return None;
    }
    // The view lists tiers best first; the staircase climbs to the best.
    let tiers: Vec<_> = view.tiers.iter().rev().collect();
    let steps = staircase_geometry(
        tiers.len(),
        16.0,
        STAIR_WIDTH - 32.0,
        6.0,
        STAIR_BASE,
        36.0,
        22.0,
    );
    let mut shapes = Vec::new();
    for (i, (tier, step)) in tiers.iter().zip(&steps).enumerate() {
        let shade = STEPS[i.min(STEPS.len() - 1)];
        let (fill, stroke, ink) = if tier.current {
            (ACCENT, Stroke::solid(INK, 2.5), BACKGROUND)
        } else {
            (shade, Stroke::solid(MUTED, 1.0), INK)
        };
        shapes.push(Shape::Polygon {
            points: step.corners(),
            fill: Some(fill),
            stroke: Some(stroke),
        });
        shapes.push(Shape::Text {
            at: Point::new(clean(step.centre()), step.base - 10.0),
            anchor: Anchor::Middle,
            size: 15.0,
            bold: true,
            color: ink,
            text: tier.short.clone(),
        });
        let name_lines = label_lines(&tier.name, 12);
        let lines = name_lines.len();
        for (n, line) in name_lines.into_iter().enumerate() {
            shapes.push(Shape::Text {
                at: Point::new(clean(step.centre()), step.base + 19.0 + 16.0 * n as f64),
                anchor: Anchor::Middle,
                size: 14.0,
                bold: tier.current,
                color: INK,
                text: line,
            });
        }
        shapes.push(Shape::Text {
            at: Point::new(
                clean(step.centre()),
                step.base + 19.0 + 16.0 * lines as f64 + 1.0,
            ),
            anchor: Anchor::Middle,
            size: 13.0,
            bold: false,
            color: MUTED,
            text: tier.range.clone(),
        });
    }
    // The pointer at the country's tier, with its name in a row above the
    // tallest step, so that no name, however long, crosses a step.
    if let (Some((_, step)), Some(marker)) = (
        tiers.iter().zip(&steps).find(|(t, _)| t.current),
        &text.marker,
    ) {
        let tip = step.top - 5.0;
        let c = step.centre();
        let highest = steps.iter().map(|s| s.top).fold(f64::INFINITY, f64::min);
        let name_baseline = highest - 23.0;
        // A stem from the name down to the pointer, where they are apart.
        if tip - 12.0 > name_baseline + 8.0 {
            shapes.push(Shape::Polyline {
                points: vec![
                    Point::new(clean(c), clean(name_baseline + 6.0)),
                    Point::new(clean(c), clean(tip - 12.0)),
                ],
                stroke: Stroke::solid(INK, 1.5),
            });
        }
        shapes.push(Shape::Polygon {
            points: vec![
                Point::new(clean(c - 8.0), clean(tip - 12.0)),
                Point::new(clean(c + 8.0), clean(tip - 12.0)),
                Point::new(clean(c), clean(tip)),
            ],
            fill: Some(INK),
            stroke: None,
        });
        // Keep the name inside the drawing: a long name near an edge is
        // set flush with that edge (its width estimated at 0.6 em a letter).
        let estimate = estimated_width(marker, LABEL_SIZE);
        let (x, anchor) = if c + estimate / 2.0 > STAIR_WIDTH - 4.0 {
            (STAIR_WIDTH - 4.0, Anchor::End)
        } else if c - estimate / 2.0 < 4.0 {
            (4.0, Anchor::Start)
        } else {
            (c, Anchor::Middle)
        };
        shapes.push(Shape::Text {
            at: Point::new(clean(x), clean(name_baseline)),
            anchor,
            size: LABEL_SIZE,
            bold: true,
            color: INK,
            text: marker.clone(),
        });
    }
    // The arrow of commitment under the steps.
    let lines = tiers
        .iter()
        .map(|t| label_lines(&t.name, 12).len())
        .max()
        .unwrap_or(1);
    let arrow_y = STAIR_BASE + 40.0 + 16.0 * lines as f64;
    let (from, to) = (8.0, STAIR_WIDTH - 8.0);
    shapes.push(Shape::Polyline {
        points: vec![Point::new(from, arrow_y), Point::new(to - 8.0, arrow_y)],
        stroke: Stroke::solid(MUTED, 1.5),
    });
    shapes.push(Shape::Polygon {
        points: vec![
            Point::new(to - 10.0, arrow_y - 5.0),
            Point::new(to, arrow_y),
            Point::new(to - 10.0, arrow_y + 5.0),
        ],
        fill: Some(MUTED),
        stroke: None,
    });
    shapes.push(Shape::Text {
        at: Point::new(STAIR_WIDTH / 2.0, arrow_y + 20.0),
        anchor: Anchor::Middle,
        size: 14.0,
        bold: false,
        color: MUTED,
        text: text.axis.clone(),
    });
    Some(Figure {
        name: TIERS,
        title: text.title.clone(),
        description: text.description.clone(),
        drawing: Drawing {
            width: STAIR_WIDTH,
            height: arrow_y + 28.0,
            shapes,
        },
    })
}

// ---------------------------------------------------------------------------
// The figures of a view, and SVG.

/// The figure a template's `mark(figure=…)` names, if the view has it.
pub fn figure(view: &ScorecardView, name: &str) -> Option<Figure> {
    match name {
        RADAR => radar(view),
        TIERS => staircase(view),
        _ => None,
    }
}

/// The radar chart as inline SVG (`None` where there is no chart), as a
/// document draws it: for the tests of its SVG.
#[cfg(test)]
fn radar_svg(view: &ScorecardView) -> Option<String> {
    radar(view).map(|f| svg(&f, &id_prefix(view)))
}

/// The tier staircase as inline SVG: `None` in editions without tiers.
#[cfg(test)]
fn tiers_svg(view: &ScorecardView) -> Option<String> {
    staircase(view).map(|f| svg(&f, &id_prefix(view)))
}

/// What the identifiers of a view's charts start with (`bel-2024`), so that
/// the charts of several countries and editions can share a page.
pub fn id_prefix(view: &ScorecardView) -> String {
    format!("{}-{}", view.alpha3.to_lowercase(), view.edition)
}

/// The font stack of the charts' text: the page's, so the chart's labels
/// look like its text.
const FONTS: &str = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Liberation Sans', Arial, sans-serif";

/// A figure as an inline SVG element: an image (`role="img"`) named by its
/// `<title>` and described by its `<desc>`, scaled to its container. The
/// identifiers start with `prefix` (letters, digits and `-` are kept), so
/// several charts can share a page.
pub fn svg(figure: &Figure, prefix: &str) -> String {
    let prefix: String = prefix
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    let id = if prefix.is_empty() {
        format!("chart-{}", figure.name)
    } else {
        format!("chart-{prefix}-{}", figure.name)
    };
    let d = &figure.drawing;
    let mut out = String::with_capacity(4096);
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart chart-{name}\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" font-family=\"{FONTS}\">\n<title id=\"{id}-title\">{title}</title>\n<desc id=\"{id}-desc\">{desc}</desc>\n<rect width=\"{w}\" height=\"{h}\" fill=\"{bg}\"/>\n",
        name = figure.name,
        w = num(d.width),
        h = num(d.height),
        title = escape(&figure.title),
        desc = escape(&figure.description),
        bg = BACKGROUND.hex(),
    );
    for shape in &d.shapes {
        match shape {
            Shape::Polygon {
                points,
                fill,
                stroke,
            } => {
                let _ = writeln!(
                    out,
                    "<polygon points=\"{}\"{}/>",
                    points_text(points),
                    paint(*fill, *stroke)
                );
            }
            Shape::Polyline { points, stroke } => {
                let _ = writeln!(
                    out,
                    "<polyline points=\"{}\"{}/>",
                    points_text(points),
                    paint(None, Some(*stroke))
                );
            }
            Shape::Circle {
                centre,
                radius,
                fill,
                stroke,
            } => {
                let _ = writeln!(
                    out,
                    "<circle cx=\"{}\" cy=\"{}\" r=\"{}\"{}/>",
                    num(centre.x),
                    num(centre.y),
                    num(*radius),
                    paint(*fill, *stroke)
                );
            }
            Shape::Text {
                at,
                anchor,
                size,
                bold,
                color,
                text,
            } => {
                let anchor = match anchor {
                    Anchor::Start => "",
                    Anchor::Middle => " text-anchor=\"middle\"",
                    Anchor::End => " text-anchor=\"end\"",
                };
                let weight = if *bold { " font-weight=\"bold\"" } else { "" };
                let _ = writeln!(
                    out,
                    "<text x=\"{}\" y=\"{}\" font-size=\"{}\" fill=\"{}\"{anchor}{weight}>{}</text>",
                    num(at.x),
                    num(at.y),
                    num(*size),
                    color.hex(),
                    escape(text)
                );
            }
        }
    }
    out.push_str("</svg>");
    out
}

/// The fill and stroke attributes of a shape.
fn paint(fill: Option<Color>, stroke: Option<Stroke>) -> String {
    let mut out = match fill {
        Some(color) => format!(" fill=\"{}\"", color.hex()),
        None => " fill=\"none\"".to_owned(),
    };
    if let Some(stroke) = stroke {
        let _ = write!(
            out,
            " stroke=\"{}\" stroke-width=\"{}\" stroke-linejoin=\"round\"",
            stroke.color.hex(),
            num(stroke.width)
        );
        if let Some([dash, gap]) = stroke.dash {
            let _ = write!(out, " stroke-dasharray=\"{} {}\"", num(dash), num(gap));
        }
    }
    out
}

fn points_text(points: &[Point]) -> String {
    points
        .iter()
        .map(|p| format!("{},{}", num(p.x), num(p.y)))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A number with at most two decimals, without trailing zeros.
fn num(value: f64) -> String {
    crate::wording::decimal(value)
}

/// Text for SVG content and attribute values.
fn escape(text: &str) -> String {
    crate::render::templates::escape_xml(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ScoredProfile;
    use crate::render::scorecard::scorecard_view;
    use crate::schema::Catalogues;

    fn belgium(edit: impl Fn(&mut ScoredProfile)) -> ScorecardView {
        let mut profile: ScoredProfile =
            crate::load::from_yaml_str(include_str!("../../profiles/gci/2024/bel.yaml")).unwrap();
        edit(&mut profile);
        let edition = Catalogues::builtin().unwrap().scored("gci-2024").unwrap();
        scorecard_view(&profile, edition, None)
    }

    fn distance(a: Point, b: Point) -> f64 {
        ((a.x - b.x).powi(2) + (a.y - b.y).powi(2)).sqrt()
    }

    const CENTRE: Point = Point::new(100.0, 100.0);

    fn axes(values: &[f64]) -> Vec<RadarAxis> {
        values
            .iter()
            .map(|&value| RadarAxis {
                value,
                region: Some(10.0),
                max: 20.0,
            })
            .collect()
    }

    #[test]
    fn axes_run_clockwise_from_the_top_in_the_order_given() {
        let g = radar_geometry(&axes(&[1.0; 5]), CENTRE, 50.0, 4);
        // The first axis points straight up.
        assert_eq!(g.spokes[0], Point::new(100.0, 50.0));
        assert!((axis_angle(0, 5) + PI / 2.0).abs() < 1e-12);
        // 72° apart, clockwise on screen (y down): right, lower right,
        // lower left, left.
        for i in 0..5 {
            let step = axis_angle(i + 1, 5) - axis_angle(i, 5);
            assert!((step - 2.0 * PI / 5.0).abs() < 1e-12);
        }
        let [_, right, lower_right, lower_left, left] = g.spokes[..] else {
            panic!("five spokes");
        };
        assert!(right.x > 100.0 && right.y < 100.0, "{right:?}");
        assert!(lower_right.x > 100.0 && lower_right.y > 100.0);
        assert!(lower_left.x < 100.0 && lower_left.y > 100.0);
        assert!(left.x < 100.0 && left.y < 100.0);
        // Symmetric about the vertical through the centre.
        assert!((right.x - 100.0 + (left.x - 100.0)).abs() < 1e-6);
        assert!((lower_right.y - lower_left.y).abs() < 1e-6);
    }

    #[test]
    fn the_highest_score_is_on_the_outer_ring_and_zero_at_the_centre() {
        let g = radar_geometry(&axes(&[20.0, 0.0, 20.0, 0.0, 5.0]), CENTRE, 50.0, 4);
        assert_eq!(g.country[0], g.spokes[0]);
        assert!((distance(g.country[2], CENTRE) - 50.0).abs() < 1e-6);
        assert_eq!(g.country[1], CENTRE);
        assert_eq!(g.country[3], CENTRE);
        // A quarter of the scale is on the first ring.
        assert!((distance(g.country[4], CENTRE) - 12.5).abs() < 1e-6);
        assert_eq!(g.country[4], g.rings[0][4]);
    }

    #[test]
    fn rings_are_at_5_10_15_and_20_of_20() {
        let g = radar_geometry(&axes(&[20.0; 5]), CENTRE, 80.0, 4);
        assert_eq!(g.rings.len(), 4);
        for (k, ring) in g.rings.iter().enumerate() {
            assert_eq!(ring.len(), 5);
            for point in ring {
                assert!((distance(*point, CENTRE) - 20.0 * (k + 1) as f64).abs() < 1e-5);
            }
        }
        assert_eq!(g.rings[3], g.spokes);
    }

    #[test]
    fn the_region_polygon_follows_the_averages_and_needs_them_all() {
        let mut a = axes(&[20.0; 5]);
        for (i, axis) in a.iter_mut().enumerate() {
            axis.region = Some(4.0 * i as f64);
        }
        let g = radar_geometry(&a, CENTRE, 50.0, 4);
        let region = g.region.expect("a region polygon");
        for (i, point) in region.iter().enumerate() {
            assert!((distance(*point, CENTRE) - 10.0 * i as f64).abs() < 1e-6);
        }
        a[2].region = None;
        assert_eq!(radar_geometry(&a, CENTRE, 50.0, 4).region, None);
    }

    #[test]
    fn scores_outside_the_scale_are_drawn_on_its_edges() {
        let g = radar_geometry(
            &axes(&[25.0, -3.0, f64::NAN, f64::INFINITY, 0.0]),
            CENTRE,
            50.0,
            4,
        );
        assert_eq!(g.country[0], g.spokes[0]);
        assert_eq!(g.country[1], CENTRE);
        assert_eq!(g.country[2], CENTRE);
        assert_eq!(g.country[3], CENTRE);
    }

    #[test]
    fn the_staircase_climbs_left_to_right_inside_its_width() {
        let steps = staircase_geometry(5, 10.0, 400.0, 5.0, 200.0, 30.0, 20.0);
        assert_eq!(steps.len(), 5);
        assert_eq!(steps[0].x, 10.0);
        assert!((steps[4].x + steps[4].width - 410.0).abs() < 1e-6);
        for pair in steps.windows(2) {
            assert!(pair[1].top < pair[0].top, "{pair:?}");
            assert!((pair[1].x - (pair[0].x + pair[0].width) - 5.0).abs() < 1e-6);
        }
        assert_eq!(steps[0].base - steps[0].top, 30.0);
        assert_eq!(steps[4].base - steps[4].top, 110.0);
    }

    /// Every line and outline keeps 3:1 against white and against the
    /// country's area it crosses; text keeps 4.5:1 against what it is on.
    #[test]
    fn lines_keep_3_to_1_and_text_4_5_to_1() {
        let view = belgium(|_| {});
        let figures = [radar(&view).unwrap(), staircase(&view).unwrap()];
        for figure in &figures {
            for shape in &figure.drawing.shapes {
                let strokes = match shape {
                    Shape::Polygon { stroke, .. } | Shape::Circle { stroke, .. } => *stroke,
                    Shape::Polyline { stroke, .. } => Some(*stroke),
                    Shape::Text { color, .. } => {
                        assert!(color.contrast(BACKGROUND) >= 4.5 || *color == BACKGROUND);
                        None
                    }
                };
                if let Some(stroke) = strokes {
                    for ground in [BACKGROUND, ACCENT_SOFT] {
                        let ratio = stroke.color.contrast(ground);
                        assert!(
                            ratio >= 3.0,
                            "{} on {}: {ratio:.2}",
                            stroke.color.hex(),
                            ground.hex()
                        );
                    }
                }
            }
        }
        // The filled marks: the country's markers and tier, the pointer.
        for fill in [ACCENT, INK, MUTED] {
            assert!(fill.contrast(BACKGROUND) >= 3.0);
        }
        // White text on the country's tier.
        assert!(BACKGROUND.contrast(ACCENT) >= 4.5);
        // Every shade of the other tiers carries dark text.
        for shade in STEPS {
            assert!(INK.contrast(shade) >= 4.5);
        }
        assert!((Color(0, 0, 0).contrast(BACKGROUND) - 21.0).abs() < 1e-9);
    }

    #[test]
    fn the_two_series_differ_by_line_style_and_marker_not_colour_alone() {
        let drawing = radar(&belgium(|_| {})).unwrap().drawing;
        let outlines: Vec<Stroke> = drawing
            .shapes
            .iter()
            .filter_map(|s| match s {
                Shape::Polygon {
                    points,
                    stroke: Some(stroke),
                    fill: None,
                } if points.len() == 5 && stroke.width >= 2.0 => Some(*stroke),
                _ => None,
            })
            .collect();
        assert_eq!(outlines.len(), 2, "{outlines:?}");
        assert!(outlines[0].dash.is_some(), "the region's line is dashed");
        assert!(outlines[1].dash.is_none(), "the country's line is solid");
        let circles = drawing
            .shapes
            .iter()
            .filter(|s| matches!(s, Shape::Circle { .. }))
            .count();
        assert_eq!(circles, 6, "five round markers and the legend's");
        let texts: Vec<&str> = drawing
            .shapes
            .iter()
            .filter_map(|s| match s {
                Shape::Text { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect();
        assert!(texts.contains(&"Belgium"), "{texts:?}");
        assert!(
            texts.contains(&"Europe average (46 countries)"),
            "{texts:?}"
        );
        for label in [
            "Legal",
            "Capacity",
            "Development",
            "20.00",
            "18.11",
            "5",
            "20",
        ] {
            assert!(texts.contains(&label), "{label}: {texts:?}");
        }
    }

    #[test]
    fn the_tier_is_marked_by_outline_pointer_and_name() {
        let figure = staircase(&belgium(|_| {})).unwrap();
        let texts: Vec<&str> = figure
            .drawing
            .shapes
            .iter()
            .filter_map(|s| match s {
                Shape::Text { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect();
        // Lowest tier first, the pointer's label, the arrow's.
        let order: Vec<usize> = ["T5", "T1", "Belgium", "Cybersecurity commitment"]
            .iter()
            .map(|t| texts.iter().position(|x| x == t).unwrap_or(usize::MAX))
            .collect();
        assert!(order.windows(2).all(|w| w[0] < w[1]), "{texts:?}");
        assert!(
            texts.contains(&"20\u{2013}55*"),
            "Tier 4's floor is qualified: {texts:?}"
        );
        let thick = figure
            .drawing
            .shapes
            .iter()
            .filter(|s| matches!(s, Shape::Polygon { stroke: Some(s), .. } if s.width > 2.0))
            .count();
        assert_eq!(thick, 1, "one tier outlined");
        // Without a tier: no pointer, no outline.
        let figure = staircase(&belgium(|p| p.tier = None)).unwrap();
        assert!(
            !figure
                .drawing
                .shapes
                .iter()
                .any(|s| matches!(s, Shape::Text { text, .. } if text == "Belgium"))
        );
        assert!(figure.description.contains("does not state"));
    }

    /// A lower tier's name is set above the tallest step, with a stem down
    /// to its pointer, so that it crosses no step however long it is.
    #[test]
    fn a_lower_tier_is_named_above_every_step() {
        let figure = staircase(&belgium(|p| {
            p.tier = Some(4);
            p.country.name = "Bosnia and Herzegovina".into();
        }))
        .unwrap();
        let shapes = &figure.drawing.shapes;
        let tops: Vec<f64> = shapes
            .iter()
            .filter_map(|s| match s {
                Shape::Polygon { points, .. } if points.len() == 4 => Some(points[0].y),
                _ => None,
            })
            .collect();
        assert_eq!(tops.len(), 5);
        let name = shapes
            .iter()
            .find_map(|s| match s {
                Shape::Text { text, at, .. } if text == "Bosnia and Herzegovina" => Some(*at),
                _ => None,
            })
            .expect("the name");
        assert!(
            tops.iter().all(|top| name.y < top - 5.0),
            "{name:?} {tops:?}"
        );
        let stems = shapes
            .iter()
            .filter(|s| matches!(s, Shape::Polyline { points, .. } if points[0].x == points[1].x))
            .count();
        assert_eq!(stems, 1);
        // Tier 4 is the second step from the left, and the one outlined.
        let outlined = shapes
            .iter()
            .position(|s| matches!(s, Shape::Polygon { stroke: Some(s), .. } if s.width > 2.0));
        let steps: Vec<usize> = shapes
            .iter()
            .enumerate()
            .filter(|(_, s)| matches!(s, Shape::Polygon { points, .. } if points.len() == 4))
            .map(|(i, _)| i)
            .collect();
        assert_eq!(outlined, Some(steps[1]));
    }

    #[test]
    fn the_svg_is_an_image_with_a_title_and_a_description_and_nothing_active() {
        let view = belgium(|p| p.country.name = "Bel<script>alert('x')</script>&gium".into());
        let svg = radar_svg(&view).unwrap();
        assert!(
            svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""),
            "{svg}"
        );
        assert!(svg.contains("role=\"img\""));
        assert!(
            svg.contains(
                "aria-labelledby=\"chart-bel-2024-radar-title chart-bel-2024-radar-desc\""
            )
        );
        assert!(svg.contains("<title id=\"chart-bel-2024-radar-title\">Bel&lt;script&gt;"));
        let lower = svg.to_lowercase();
        for bad in [
            "<script",
            "href",
            "url(",
            "<style",
            "<image",
            "<foreignobject",
        ] {
            assert!(!lower.contains(bad), "{bad} in {svg}");
        }
        // No event handler: no attribute named on….
        for tag in lower.split('<').skip(1) {
            let tag = tag.split('>').next().unwrap_or_default();
            for attribute in tag.split_whitespace().filter(|t| t.contains('=')) {
                assert!(!attribute.starts_with("on"), "{attribute} in {svg}");
            }
        }
        // The description states every number.
        for number in [
            "20.00", "18.11", "19.51", "19.19", "19.05", "16.41", "17.40", "15.91", "17.34",
        ] {
            assert!(svg.contains(number), "{number}");
        }
        // The same view, the same bytes.
        assert_eq!(svg, radar_svg(&view).unwrap());
        assert!(
            tiers_svg(&view)
                .unwrap()
                .contains("class=\"chart chart-tiers\"")
        );
    }

    #[test]
    fn no_radar_without_every_pillar_and_no_staircase_without_tiers() {
        let view = belgium(|p| {
            p.scores.pillars.remove("legal");
        });
        assert!(radar(&view).is_none());
        assert!(figure(&belgium(|_| {}), "pie").is_none());
        let mut profile: ScoredProfile =
            crate::load::from_yaml_str(include_str!("../../profiles/gci/2020/bel.yaml")).unwrap();
        profile.averages = None;
        let edition = Catalogues::builtin().unwrap().scored("gci-2020").unwrap();
        let view = scorecard_view(&profile, edition, None);
        assert!(staircase(&view).is_none());
        // Without averages, the country's line alone.
        let drawing = radar(&view).unwrap().drawing;
        assert!(!drawing.shapes.iter().any(|s| matches!(
            s,
            Shape::Polygon {
                stroke: Some(Stroke { dash: Some(_), .. }),
                ..
            }
        )));
    }
}
