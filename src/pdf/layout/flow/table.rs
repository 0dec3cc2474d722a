//! Tables: a header row and body rows, columns sized to their content
//! within the text width, each row a chunk that is not split across pages.

use super::*;

impl Builder<'_> {
    pub(super) fn table(
        &mut self,
        aligns: &[pulldown_cmark::Alignment],
        header: &[Vec<Span>],
        rows: &[Vec<Vec<Span>>],
    ) {
        let style = self.style;
        let columns = rows
            .iter()
            .map(Vec::len)
            .chain(std::iter::once(header.len()))
            .max()
            .unwrap_or(0);
        if columns == 0 {
            return;
        }
        let base = Base {
            size: style.tables.size,
            ..self.base()
        };
        let pad = style.tables.padding;
        let min_column = 24.0 + 2.0 * pad;
        let fits = self.width / columns as f32 >= min_column;
        let all_rows: Vec<(bool, &[Vec<Span>])> = std::iter::once((true, header))
            .filter(|_| !header.is_empty())
            .chain(rows.iter().map(|r| (false, r.as_slice())))
            .collect();
        if !fits {
            // Too many columns for the page: each row as a line of cells.
            for (is_header, row) in all_rows {
                let mut spans = Vec::new();
                for (i, cell) in row.iter().enumerate() {
                    if i > 0 {
                        spans.push(Span {
                            text: "   ".into(),
                            ..Span::default()
                        });
                    }
                    spans.extend(cell.iter().map(|s| Span {
                        bold: s.bold || is_header,
                        ..s.clone()
                    }));
                }
                // Its cells run together: a paragraph, not a table.
                let chunks = self.tagged(Role::Paragraph, |b| b.paragraph(&spans, base, false));
                self.extend(chunks);
                self.space(style.lists.item_space);
            }
            self.space(style.text.paragraph_space);
            return;
        }
        // Column widths in proportion to their natural widths, none too thin.
        let mut natural = vec![0.0f32; columns];
        for (is_header, row) in &all_rows {
            for (i, cell) in row.iter().enumerate() {
                let base = Base {
                    bold: *is_header,
                    ..base
                };
                let (lines, _, _) = self.lines(cell, base, f32::INFINITY, false);
                let width = lines.iter().map(|l| l.width).fold(0.0, f32::max);
                natural[i] = natural[i].max(width + 2.0 * pad);
            }
        }
        let total: f32 = natural.iter().sum::<f32>().max(1.0);
        let mut widths: Vec<f32> = natural
            .iter()
            .map(|n| (n / total * self.width).max(min_column))
            .collect();
        let sum: f32 = widths.iter().sum();
        if sum > self.width {
            let shrinkable: f32 = widths
                .iter()
                .map(|w| w - min_column)
                .sum::<f32>()
                .max(0.001);
            let excess = sum - self.width;
            for w in &mut widths {
                *w -= (*w - min_column) / shrinkable * excess;
            }
        }
        let table = self.open(Role::Table);
        for (is_header, row) in all_rows {
            let row_node = self.structure.open(Role::TableRow, table);
            let mut chunk = Chunk::default();
            let mut tallest: f32 = 0.0;
            let mut x = self.x;
            let mut cells_chunks = Vec::new();
            for (i, width) in widths.iter().enumerate() {
                let empty = Vec::new();
                let cell = row.get(i).unwrap_or(&empty);
                let (sx, sw) = (self.x, self.width);
                self.x = x + pad;
                self.width = width - 2.0 * pad;
                let cell_base = Base {
                    bold: is_header,
                    ..base
                };
                let role = if is_header {
                    Role::TableHeader(Scope::Column)
                } else {
                    Role::TableCell
                };
                let mut lines = self.inside(row_node, |b| {
                    b.tagged(role, |b| b.paragraph(cell, cell_base, false))
                });
                self.x = sx;
                self.width = sw;
                let align = aligns
                    .get(i)
                    .copied()
                    .unwrap_or(pulldown_cmark::Alignment::None);
                let mut y = pad;
                for line in &mut lines {
                    let right = line
                        .items
                        .iter()
                        .filter_map(|d| match &d.item {
                            Item::Text(run) => Some(run.x + run.width()),
                            _ => None,
                        })
                        .fold(x + pad, f32::max);
                    let free = x + width - pad - right;
                    let dx = match align {
                        pulldown_cmark::Alignment::Right => free,
                        pulldown_cmark::Alignment::Center => free / 2.0,
                        _ => 0.0,
                    };
                    line.shift_x(dx);
                    y += line.height;
                }
                tallest = tallest.max(y);
                cells_chunks.push(lines);
                x += width;
            }
            let height = tallest + pad;
            if height > self.body_height_floor() {
                // A row taller than a page: its cells one after the other.
                for lines in cells_chunks {
                    self.extend(lines);
                }
                continue;
            }
            if is_header {
                chunk.items.push(Drawn::decoration(Item::Fill {
                    rect: Rect {
                        x: self.x,
                        y: 0.0,
                        width: widths.iter().sum(),
                        height,
                    },
                    color: style.tables.header_fill,
                }));
            }
            for lines in cells_chunks {
                let mut y = pad;
                for line in lines {
                    let height = line.height;
                    chunk.draw(line, y);
                    y += height;
                }
            }
            chunk.items.push(Drawn::decoration(Item::Line {
                from: (self.x, height),
                to: (self.x + widths.iter().sum::<f32>(), height),
                width: 0.5,
                color: style.tables.rule_color,
            }));
            chunk.height = height;
            chunk.keep_with_next = is_header;
            self.push(chunk);
        }
        self.space(style.text.paragraph_space);
    }
}
