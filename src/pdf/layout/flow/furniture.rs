//! The running header and footer of a page, from the furniture templates:
//! one line of Markdown per line, what follows a tab set flush right.
//!
//! Each line of the header is kept to one line of the page: what does not
//! fit is cut and ends with "…". The header repeats words of the profile
//! (the country's name), and a header that wrapped would take the page from
//! the document; a line of the footer may wrap, as the disclaimer does.

use super::*;

impl Builder<'_> {
    /// Lays out the header and footer of one page.
    pub(in crate::pdf::layout) fn furniture(
        &mut self,
        furniture: &dyn Furniture,
        page: usize,
        pages: usize,
    ) -> Result<PageFurniture, RenderError> {
        let style = self.style;
        let (x, width, size) = (self.x, self.width, self.size);
        self.x = style.page.margin.left;
        self.width = style.text_width();
        let header_base = Base {
            size: style.header.size,
            color: style.header.color,
            line_height: 1.3,
            ..self.base()
        };
        let content = self.content;
        self.content = Tag::Artifact(Artifact::Header);
        let mut header = self.furniture_lines(&furniture.header(page, pages)?, header_base, true);
        if let Some(last) = header.last_mut() {
            last.height += style.header.space;
        }
        let footer_base = Base {
            size: style.footer.size,
            color: style.footer.color,
            line_height: style.footer.line_height,
            ..self.base()
        };
        // The last page's footer text is the document's closing, read once
        // at its end; on other pages it is a running artifact.
        self.content = if self.closing {
            Tag::Node(self.structure.open(Role::Paragraph, DOCUMENT))
        } else {
            Tag::Artifact(Artifact::Footer)
        };
        let mut footer = self.furniture_lines(&furniture.footer(page, pages)?, footer_base, false);
        self.content = content;
        if !footer.is_empty() {
            let f = &style.footer;
            let gap = f.size * 0.4;
            footer.insert(
                0,
                Chunk {
                    height: f.space + f.rule_width + gap,
                    items: vec![Drawn {
                        tag: Tag::Artifact(Artifact::Footer),
                        item: Item::Line {
                            from: (self.x, f.space + f.rule_width / 2.0),
                            to: (self.x + self.width, f.space + f.rule_width / 2.0),
                            width: f.rule_width,
                            color: f.rule_color,
                        },
                    }],
                    ..Chunk::default()
                },
            );
        }
        self.x = x;
        self.width = width;
        self.size = size;
        Ok(PageFurniture { header, footer })
    }

    /// Lines of header or footer text: Markdown, with a right-hand part
    /// after a tab; with `one_line`, each shortened to one line.
    fn furniture_lines(&mut self, text: &str, base: Base, one_line: bool) -> Vec<Chunk> {
        let lines: Vec<&str> = text.lines().collect();
        let first = lines.iter().position(|l| !l.trim().is_empty());
        let last = lines.iter().rposition(|l| !l.trim().is_empty());
        let (Some(first), Some(last)) = (first, last) else {
            return Vec::new();
        };
        let mut chunks = Vec::new();
        for line in &lines[first..=last] {
            let (left, right) = match line.rsplit_once('\t') {
                Some((left, right)) => (left.trim(), right.trim()),
                None => (line.trim(), ""),
            };
            let (height, baseline) = self.line_box(base.size, base.line_height);
            let gap = base.size * 2.0;
            let (right_lines, right_looks, right_links) = if one_line {
                // At most half the line, less the gap, so the left part keeps half.
                self.one_line(inline_markdown(right), base, self.width / 2.0 - gap)
            } else {
                self.lines(&inline_markdown(right), base, self.width, false)
            };
            let right_width = right_lines.first().map_or(0.0, |l| l.width);
            let gap = if right_width > 0.0 { gap } else { 0.0 };
            let left_width = (self.width - right_width - gap).max(self.width / 2.0);
            let (left_lines, left_looks, left_links) = if one_line {
                self.one_line(inline_markdown(left), base, left_width)
            } else {
                self.lines(&inline_markdown(left), base, left_width, false)
            };
            let rows = left_lines.len().max(right_lines.len()).max(1);
            let mut left_nodes = vec![None; left_links.len()];
            for row in 0..rows {
                let mut chunk = Chunk {
                    height,
                    baseline: Some(baseline),
                    ..Chunk::default()
                };
                if let Some(line) = left_lines.get(row) {
                    let (items, links) = self.line_items(
                        line,
                        &left_looks,
                        &left_links,
                        &mut left_nodes,
                        self.x,
                        baseline,
                    );
                    chunk.items.extend(items);
                    chunk.links.extend(links);
                }
                if let Some(line) = right_lines.get(row) {
                    // What is set flush right is the page number: furniture.
                    let x = self.x + self.width - line.width;
                    let flush_right = match self.content {
                        Tag::Node(_) => Tag::Artifact(Artifact::Footer),
                        artifact => artifact,
                    };
                    let content = std::mem::replace(&mut self.content, flush_right);
                    let (items, links) =
                        self.line_items(line, &right_looks, &right_links, &mut [], x, baseline);
                    self.content = content;
                    chunk.items.extend(items);
                    chunk.links.extend(links);
                }
                chunks.push(chunk);
            }
        }
        chunks
    }

    /// `spans` broken into lines of `width`, or, if they take more than
    /// one, the longest beginning of them that fits on one line with "…"
    /// after it. Wider text never fits where narrower did not, so the
    /// longest beginning is found by halving.
    fn one_line(
        &mut self,
        spans: Vec<Span>,
        base: Base,
        width: f32,
    ) -> (Vec<Line>, Vec<Look>, Vec<LinkRef>) {
        let whole = self.lines(&spans, base, width, false);
        if whole.0.len() <= 1 {
            return whole;
        }
        let total: usize = spans.iter().map(|s| s.text.chars().count()).sum();
        // `fits` holds a count that fits (none but the ellipsis always
        // does: a line holds at least one character); `beyond` one that
        // does not.
        let (mut fits, mut beyond) = (0, total);
        while beyond - fits > 1 {
            let mid = fits + (beyond - fits) / 2;
            if self
                .lines(&shortened(&spans, mid), base, width, false)
                .0
                .len()
                <= 1
            {
                fits = mid;
            } else {
                beyond = mid;
            }
        }
        self.lines(&shortened(&spans, fits), base, width, false)
    }
}

/// The first `keep` characters of `spans`, without the spaces they end
/// with, and "…".
fn shortened(spans: &[Span], keep: usize) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    let mut left = keep;
    for span in spans {
        if left == 0 {
            break;
        }
        let text: String = span.text.chars().take(left).collect();
        left -= text.chars().count();
        out.push(Span {
            text,
            ..span.clone()
        });
    }
    while let Some(last) = out.last_mut() {
        let trimmed = last.text.trim_end().len();
        last.text.truncate(trimmed);
        if !last.text.is_empty() {
            break;
        }
        out.pop();
    }
    match out.last_mut() {
        Some(last) => last.text.push('\u{2026}'),
        None => out.push(Span {
            text: "\u{2026}".to_owned(),
            ..Span::default()
        }),
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::layout::Item;

    /// A header that repeats a name far longer than a line, and a footer of
    /// two long lines.
    struct Long(String);

    impl Furniture for Long {
        fn header(&self, _: usize, _: usize) -> Result<String, RenderError> {
            Ok(format!("PROFILE · **{}**\t2015", self.0))
        }
        fn footer(&self, _: usize, _: usize) -> Result<String, RenderError> {
            Ok(format!("{}\n{}\t2", self.0, self.0))
        }
    }

    fn text(chunk: &Chunk) -> Vec<(f32, f32, String)> {
        chunk
            .items
            .iter()
            .filter_map(|d| match &d.item {
                Item::Text(run) => Some((
                    run.x,
                    run.x + run.width(),
                    run.glyphs.iter().map(|g| g.text).collect(),
                )),
                _ => None,
            })
            .collect()
    }

    /// Issue 13, item 5: a long country name cannot make the running header
    /// take the page; each header line is cut to one line, with "…".
    #[test]
    fn a_header_line_is_cut_to_one_line_and_a_footer_line_wraps() {
        let style = crate::pdf::style::Style::builtin().unwrap();
        let fonts = crate::pdf::fonts::Fonts::embedded().unwrap();
        let mut builder = Builder::new(&style, fonts);
        for name in ["Belgium ".repeat(500), "W".repeat(3000), "Ab".to_owned()] {
            let furniture = Long(name.clone());
            let page = builder.furniture(&furniture, 2, 3).unwrap();
            assert_eq!(page.header.len(), 1, "one header line for {}", name.len());
            let runs = text(&page.header[0]);
            let left: String = runs[..runs.len() - 1]
                .iter()
                .map(|r| r.2.as_str())
                .collect();
            let (right_start, _, right) = runs.last().unwrap().clone();
            assert_eq!(right, "2015");
            let left_end = runs[runs.len() - 2].1;
            assert!(left_end < right_start, "the two parts do not overlap");
            let margin = style.page.margin.left;
            assert!(
                runs.iter()
                    .all(|r| r.0 >= margin - 0.01 && r.1 <= margin + style.text_width() + 0.01)
            );
            if name.len() > 100 {
                assert!(left.ends_with('\u{2026}'), "{left}");
                assert!(left.starts_with("PROFILE · "), "{left}");
            } else {
                assert_eq!(left, "PROFILE · Ab");
            }
            // The footer is not cut: the long lines wrap (after the rule).
            if name.len() > 100 {
                assert!(page.footer.len() > 3, "{}", page.footer.len());
            }
        }
    }
}
