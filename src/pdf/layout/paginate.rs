//! Filling pages with the flow: greedily, breaking each page at the last
//! place the flow allows (never after a chunk that keeps with the next), and
//! dropping the space at the top of a page. Each page's text area is what
//! its header and footer leave. Pure.

use super::flow::{Builder, Flow};
use super::{Furniture, Rect};
use crate::render::RenderError;

/// A page being filled: its body area and the chunks placed, with their y.
pub(super) struct Paged {
    pub(super) body: Rect,
    /// Indices into the flow, with the top of each on the page.
    pub(super) placed: Vec<(usize, f32)>,
}

/// Fills pages with the flow, `pages` being the expected page count (for
/// the header and footer).
pub(super) fn paginate(
    flow: &[Flow],
    builder: &mut Builder,
    furniture: &dyn Furniture,
    pages: usize,
) -> Result<Vec<Paged>, RenderError> {
    let style = builder.style;
    let body_of = |builder: &mut Builder, page: usize| -> Result<Rect, RenderError> {
        let f = builder.furniture(furniture, page, pages)?;
        let header: f32 = f.header.iter().map(|c| c.height).sum();
        let footer: f32 = f.footer.iter().map(|c| c.height).sum();
        let top = style.page.margin.top + header;
        let bottom = style.page.height - style.page.margin.bottom - footer;
        let frame = style.page.height - style.page.margin.top - style.page.margin.bottom;
        if bottom - top < frame / 2.0 {
            // Blame the larger of the two.
            let template = if header > footer {
                crate::pdf::HEADER_TEMPLATE
            } else {
                crate::pdf::FOOTER_TEMPLATE
            };
            return Err(RenderError::Template {
                template: template.to_owned(),
                location: None,
                message: format!(
                    "the running header and footer of page {page} take {:.0} of the page's {:.0} points; keep them to less than half",
                    header + footer,
                    frame
                ),
            });
        }
        Ok(Rect {
            x: style.page.margin.left,
            y: top,
            width: style.text_width(),
            height: bottom - top,
        })
    };
    let mut done: Vec<Paged> = Vec::new();
    let mut page = Paged {
        body: body_of(builder, 1)?,
        placed: Vec::new(),
    };
    let mut y = page.body.y;
    let mut pending: f32 = 0.0;
    let mut i = 0;
    while i < flow.len() {
        match &flow[i] {
            Flow::Space(space) => {
                if !page.placed.is_empty() {
                    pending = pending.max(*space);
                }
                i += 1;
            }
            Flow::Chunk(chunk) => {
                let at = y + pending;
                if at + chunk.height <= page.body.bottom() + 0.01 || page.placed.is_empty() {
                    page.placed.push((i, at));
                    y = at + chunk.height;
                    pending = 0.0;
                    i += 1;
                    continue;
                }
                // Break the page at the last place allowed.
                let keeps = |index: usize| match &flow[index] {
                    Flow::Chunk(c) => c.keep_with_next,
                    Flow::Space(_) => false,
                };
                let last_placed = page.placed.last().map(|(index, _)| *index);
                let resume = if last_placed.is_some_and(|l| !keeps(l)) {
                    i
                } else {
                    // Walk back to a chunk whose predecessor lets go of it.
                    let cut = (1..page.placed.len())
                        .rev()
                        .find(|&j| !keeps(page.placed[j - 1].0));
                    match cut {
                        Some(j) => {
                            let resume = page.placed[j].0;
                            page.placed.truncate(j);
                            resume
                        }
                        // One unbreakable chain longer than the page.
                        None => i,
                    }
                };
                let next_number = done.len() + 2;
                done.push(std::mem::replace(
                    &mut page,
                    Paged {
                        body: Rect::default(),
                        placed: Vec::new(),
                    },
                ));
                page.body = body_of(builder, next_number)?;
                y = page.body.y;
                pending = 0.0;
                i = resume;
            }
        }
    }
    done.push(page);
    Ok(done)
}

#[cfg(test)]
mod tests {
    use super::super::flow::Chunk;
    use super::*;
    use crate::pdf::fonts::Fonts;
    use crate::pdf::style::Style;

    struct NoFurniture;

    impl Furniture for NoFurniture {
        fn header(&self, _: usize, _: usize) -> Result<String, RenderError> {
            Ok(String::new())
        }
        fn footer(&self, _: usize, _: usize) -> Result<String, RenderError> {
            Ok(String::new())
        }
    }

    fn chunk(height: f32, keep_with_next: bool) -> Flow {
        Flow::Chunk(Chunk {
            height,
            keep_with_next,
            ..Chunk::default()
        })
    }

    /// A paragraph of `n` lines of 15 points, with the widow and orphan
    /// rules as `Builder::paragraph` sets them.
    fn paragraph(n: usize) -> Vec<Flow> {
        (0..n)
            .map(|i| chunk(15.0, n > 1 && (i == 0 || i + 2 == n)))
            .collect()
    }

    /// Pages as lists of flow indices.
    fn pages(flow: &[Flow]) -> Vec<Vec<usize>> {
        let style = Style::builtin().unwrap();
        let fonts = Fonts::embedded().unwrap();
        let mut builder = Builder::new(&style, fonts);
        paginate(flow, &mut builder, &NoFurniture, 1)
            .unwrap()
            .into_iter()
            .map(|p| p.placed.into_iter().map(|(i, _)| i).collect())
            .collect()
    }

    /// Filler up to `left` points above the foot of the first page.
    fn filler(left: f32) -> Vec<Flow> {
        let style = Style::builtin().unwrap();
        let body = style.page.height - style.page.margin.top - style.page.margin.bottom;
        vec![chunk(body - left, false)]
    }

    #[test]
    fn a_heading_never_ends_a_page() {
        // Room for the heading and one line, but not two lines.
        let mut flow = filler(40.0);
        flow.push(chunk(20.0, true));
        flow.extend(paragraph(5));
        let pages = pages(&flow);
        assert_eq!(pages[0], [0], "the heading went to the next page");
        assert_eq!(pages[1], [1, 2, 3, 4, 5, 6]);
    }

    #[test]
    fn a_paragraph_leaves_no_single_line_at_either_end() {
        // Room for one line: the paragraph moves whole (no orphan).
        let mut flow = filler(20.0);
        flow.extend(paragraph(5));
        assert_eq!(pages(&flow)[0], [0]);
        // Room for four lines: three stay, two go (no widow).
        let mut flow = filler(62.0);
        flow.extend(paragraph(5));
        let pages = pages(&flow);
        assert_eq!(pages[0], [0, 1, 2, 3]);
        assert_eq!(pages[1], [4, 5]);
        // Room for two: two stay, three go.
        let mut flow = filler(31.0);
        flow.extend(paragraph(5));
        assert_eq!(self::pages(&flow)[0], [0, 1, 2]);
    }

    #[test]
    fn spaces_vanish_at_the_top_of_a_page() {
        let mut flow = filler(10.0);
        flow.push(Flow::Space(30.0));
        flow.push(chunk(15.0, false));
        let style = Style::builtin().unwrap();
        let fonts = Fonts::embedded().unwrap();
        let mut builder = Builder::new(&style, fonts);
        let paged = paginate(&flow, &mut builder, &NoFurniture, 1).unwrap();
        assert_eq!(paged[1].placed, [(2, style.page.margin.top)]);
    }

    #[test]
    fn a_chain_longer_than_a_page_is_broken_anyway() {
        let flow: Vec<Flow> = (0..200).map(|_| chunk(15.0, true)).collect();
        let pages = pages(&flow);
        assert!(pages.len() >= 4);
        assert_eq!(pages.iter().map(Vec::len).sum::<usize>(), 200);
    }
}
