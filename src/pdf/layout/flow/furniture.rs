//! The running header and footer of a page, from the furniture templates:
//! one line of Markdown per line, what follows a tab set flush right.

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
        let mut header = self.furniture_lines(&furniture.header(page, pages)?, header_base);
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
        let mut footer = self.furniture_lines(&furniture.footer(page, pages)?, footer_base);
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
    /// after a tab.
    fn furniture_lines(&mut self, text: &str, base: Base) -> Vec<Chunk> {
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
            let (right_lines, right_looks, right_links) =
                self.lines(&inline_markdown(right), base, self.width, false);
            let right_width = right_lines.first().map_or(0.0, |l| l.width);
            let gap = if right_width > 0.0 {
                base.size * 2.0
            } else {
                0.0
            };
            let left_width = (self.width - right_width - gap).max(self.width / 2.0);
            let (left_lines, left_looks, left_links) =
                self.lines(&inline_markdown(left), base, left_width, false);
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
}
