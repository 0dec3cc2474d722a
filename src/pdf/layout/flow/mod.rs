//! From blocks to a flow: each block becomes chunks (a line, a table row, the
//! background band) that cannot be split across pages, with the spaces
//! between them and the rules that keep chunks together (headings with what
//! follows, a paragraph's first two and last two lines, a status line with
//! its indicator). Also the running header and footer of a page. Pure.
//!
//! Long (about 980 lines before its tests) because the rules that keep
//! chunks together work on one shared flow; figures and page furniture are
//! already in their own modules.

mod figure;
mod furniture;
mod table;

use std::collections::BTreeSet;

use crate::model::Status;
use crate::pdf::blocks::{Block, ParagraphKind, Span, inline_markdown, plain_text};
use crate::pdf::fonts::{Face, Fonts};
use crate::pdf::layout::structure::{
    Artifact, DOCUMENT, Drawn, NodeId, Numbering, Role, Scope, Structure, Tag,
};
use crate::pdf::layout::{Furniture, Item, Rect, TextRun};
use crate::pdf::style::{Rgb, Style};
use crate::pdf::text::{Line, Look, break_lines};
use crate::render::RenderError;

/// Where a link in a chunk goes, before pages are known.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum LinkRef {
    Uri(String),
    Anchor(String),
}

/// A clickable area of a chunk.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct ChunkLink {
    pub(super) rect: Rect,
    pub(super) target: LinkRef,
    /// The link's node in the structure (none in an artifact).
    pub(super) node: Option<NodeId>,
    /// The text shown in the area.
    pub(super) text: String,
}

/// Something that cannot be split across pages. `x` coordinates are final;
/// `y` coordinates are relative to the chunk's top.
#[derive(Debug, Clone, Default)]
pub(super) struct Chunk {
    pub(super) height: f32,
    /// Stay on the same page as the next chunk.
    pub(super) keep_with_next: bool,
    pub(super) items: Vec<Drawn>,
    pub(super) links: Vec<ChunkLink>,
    /// Names links in the document may point at (`1-2-1-cirt`, `source-1`).
    pub(super) anchors: Vec<String>,
    /// An outline entry: level and title.
    pub(super) outline: Option<(usize, String)>,
    /// The first line's baseline, for list markers.
    pub(super) baseline: Option<f32>,
}

#[derive(Debug, Clone)]
pub(super) enum Flow {
    Chunk(Chunk),
    /// Vertical space; adjacent spaces collapse to the largest; none at a
    /// page's top.
    Space(f32),
}

impl Chunk {
    /// Draws `other`'s items and links into this chunk, `dy` lower (a line
    /// of a background column or a table cell). Its anchors and outline
    /// entry are not kept: lines of a paragraph have none.
    fn draw(&mut self, other: Chunk, dy: f32) {
        self.items.extend(other.items.iter().map(|d| Drawn {
            tag: d.tag,
            item: shift(&d.item, dy),
        }));
        self.links
            .extend(other.links.into_iter().map(|link| ChunkLink {
                rect: Rect {
                    y: link.rect.y + dy,
                    ..link.rect
                },
                ..link
            }));
    }
}

pub(super) fn shift(item: &Item, dy: f32) -> Item {
    match item {
        Item::Text(run) => Item::Text(TextRun {
            baseline: run.baseline + dy,
            ..run.clone()
        }),
        Item::Line {
            from,
            to,
            width,
            color,
        } => Item::Line {
            from: (from.0, from.1 + dy),
            to: (to.0, to.1 + dy),
            width: *width,
            color: *color,
        },
        Item::Fill { rect, color } => Item::Fill {
            rect: Rect {
                y: rect.y + dy,
                ..*rect
            },
            color: *color,
        },
        Item::Path {
            points,
            closed,
            fill,
            stroke,
        } => Item::Path {
            points: points.iter().map(|(x, y)| (*x, y + dy)).collect(),
            closed: *closed,
            fill: *fill,
            stroke: *stroke,
        },
        Item::Figure { area, alt, items } => Item::Figure {
            area: Rect {
                y: area.y + dy,
                ..*area
            },
            alt: alt.clone(),
            items: items.iter().map(|item| shift(item, dy)).collect(),
        },
    }
}

/// Moves an item `dx` to the right, in place (what it draws and what
/// draws it).
fn shift_x(item: &mut Item, dx: f32) {
    match item {
        Item::Text(run) => run.x += dx,
        Item::Line { from, to, .. } => {
            from.0 += dx;
            to.0 += dx;
        }
        Item::Fill { rect, .. } => rect.x += dx,
        Item::Path { points, .. } => points.iter_mut().for_each(|p| p.0 += dx),
        Item::Figure { area, items, .. } => {
            area.x += dx;
            items.iter_mut().for_each(|item| shift_x(item, dx));
        }
    }
}

impl Chunk {
    /// Moves everything the chunk draws, and its links, `dx` to the right:
    /// a link's underline goes with its text.
    pub(super) fn shift_x(&mut self, dx: f32) {
        for drawn in &mut self.items {
            shift_x(&mut drawn.item, dx);
        }
        for link in &mut self.links {
            link.rect.x += dx;
        }
    }
}

/// The base look of a paragraph.
#[derive(Debug, Clone, Copy)]
struct Base {
    size: f32,
    color: Rgb,
    bold: bool,
    italic: bool,
    /// The color of strong text (the status word).
    strong_color: Option<Rgb>,
    line_height: f32,
}

pub(super) struct Builder<'a> {
    pub(super) style: &'a Style,
    fonts: &'a Fonts,
    /// The flow built so far.
    pub(super) flow: Vec<Flow>,
    /// Characters no face can show.
    pub(super) missing: BTreeSet<char>,
    /// The left edge of the text column here (lists and quotes indent it).
    x: f32,
    /// The width of the text column here.
    width: f32,
    /// The text size here (smaller in the references).
    size: f32,
    /// The structure: a node per block, opened as blocks are laid out.
    pub(super) structure: Structure,
    /// Where new nodes go.
    container: NodeId,
    /// The tag of the text drawn now.
    content: Tag,
    /// The wanted levels of the headings open here, outermost first, so
    /// levels never skip.
    headings: Vec<usize>,
    /// Whether the furniture laid out now is the last page's, whose
    /// footer text (the document's closing lines) is content, read once at
    /// the document's end; elsewhere it is a running artifact.
    pub(super) closing: bool,
}

/// The header and footer of one page, laid out.
pub(super) struct PageFurniture {
    pub(super) header: Vec<Chunk>,
    pub(super) footer: Vec<Chunk>,
}

impl<'a> Builder<'a> {
    pub(super) fn new(style: &'a Style, fonts: &'a Fonts) -> Self {
        Builder {
            style,
            fonts,
            flow: Vec::new(),
            missing: BTreeSet::new(),
            x: style.page.margin.left,
            width: style.text_width(),
            size: style.text.size,
            structure: Structure::default(),
            container: DOCUMENT,
            content: Tag::Node(DOCUMENT),
            headings: Vec::new(),
            closing: false,
        }
    }

    /// Opens a node in the current container.
    fn open(&mut self, role: Role) -> NodeId {
        self.structure.open(role, self.container)
    }

    /// Runs `f` with `node` as the container of new nodes and the tag of
    /// the text drawn.
    fn inside<R>(&mut self, node: NodeId, f: impl FnOnce(&mut Self) -> R) -> R {
        let (container, content) = (self.container, self.content);
        self.container = node;
        self.content = Tag::Node(node);
        let result = f(self);
        self.container = container;
        self.content = content;
        result
    }

    /// Lays out text as the content of a new node of this role.
    fn tagged<R>(&mut self, role: Role, f: impl FnOnce(&mut Self) -> R) -> R {
        let node = self.open(role);
        self.inside(node, f)
    }

    /// A heading node of the level its place in the tree of headings
    /// gives: one deeper than the nearest earlier heading of a lower level
    /// wanted, so the first is level 1 and no level is skipped (as PDF/UA
    /// asks), H6 at most.
    fn heading_node(&mut self, wanted: usize) -> NodeId {
        while self.headings.last().is_some_and(|&open| open >= wanted) {
            self.headings.pop();
        }
        self.headings.push(wanted);
        let level = self.headings.len().min(6) as u8;
        self.open(Role::Heading(level))
    }

    fn base(&self) -> Base {
        Base {
            size: self.size,
            color: self.style.text.color,
            bold: false,
            italic: false,
            strong_color: None,
            line_height: self.style.text.line_height,
        }
    }

    fn push(&mut self, chunk: Chunk) {
        self.flow.push(Flow::Chunk(chunk));
    }

    fn space(&mut self, amount: f32) {
        if amount > 0.0 {
            self.flow.push(Flow::Space(amount));
        }
    }

    /// Marks the last chunk so far as staying with what follows.
    fn keep_last_with_next(&mut self) {
        if let Some(Flow::Chunk(chunk)) = self
            .flow
            .iter_mut()
            .rev()
            .find(|f| matches!(f, Flow::Chunk(_)))
        {
            chunk.keep_with_next = true;
        }
    }

    /// Adds a block to the flow.
    pub(super) fn block(&mut self, block: &Block) {
        let style = self.style;
        match block {
            Block::Title { lines, .. } => self.title(lines),
            Block::Background {
                heading,
                anchor,
                columns,
            } => self.background(heading, anchor, columns),
            Block::Heading {
                level,
                number,
                text,
                plain,
                anchor,
            } => self.heading(*level, number.as_deref(), text, plain, anchor),
            Block::Paragraph { spans, kind } => match kind {
                ParagraphKind::Body => {
                    let base = self.base();
                    let chunks = self.tagged(Role::Paragraph, |b| {
                        b.paragraph(spans, base, style.text.justify)
                    });
                    let ends_with_colon = plain_text(spans).trim_end().ends_with(':');
                    self.extend(chunks);
                    if ends_with_colon {
                        // An introduction stays with what it introduces.
                        self.keep_last_with_next();
                    }
                    self.space(style.text.paragraph_space);
                }
                ParagraphKind::Status(word) => {
                    let status = &style.status;
                    let color = match word {
                        Status::Yes => status.yes,
                        Status::Partial => status.partial,
                        Status::No => status.no,
                        Status::Unknown => status.unknown,
                    };
                    let base = Base {
                        size: status.size,
                        color: status.color,
                        strong_color: Some(color),
                        line_height: 1.3,
                        ..self.base()
                    };
                    // The status line belongs to the indicator above it.
                    self.keep_last_with_next();
                    let chunks = self.tagged(Role::Paragraph, |b| b.paragraph(spans, base, false));
                    self.extend(chunks);
                    self.space(status.space_after);
                }
            },
            Block::List {
                start,
                items,
                references,
            } => self.list(*start, items, *references),
            Block::Table {
                aligns,
                header,
                rows,
            } => self.table(aligns, header, rows),
            Block::Quote(blocks) => {
                let indent = self.indent();
                let first = self.flow.len();
                let (x, width) = (self.x, self.width);
                self.x += indent;
                self.width -= indent;
                self.tagged(Role::BlockQuote, |b| {
                    for block in blocks {
                        b.block(block);
                    }
                });
                self.x = x;
                self.width = width;
                let bar = x + indent / 3.0;
                for flow in &mut self.flow[first..] {
                    if let Flow::Chunk(chunk) = flow {
                        chunk.items.push(Drawn::decoration(Item::Line {
                            from: (bar, 0.0),
                            to: (bar, chunk.height),
                            width: 1.5,
                            color: style.tables.rule_color,
                        }));
                    }
                }
            }
            Block::Code(text) => {
                let base = Base {
                    size: self.size * 0.92,
                    color: style.status.color,
                    ..self.base()
                };
                let span = Span {
                    text: text.clone(),
                    ..Span::default()
                };
                let indent = self.indent() / 2.0;
                self.x += indent;
                self.width -= indent;
                let chunks = self.tagged(Role::Paragraph, |b| b.paragraph(&[span], base, false));
                self.x -= indent;
                self.width += indent;
                self.extend(chunks);
                self.space(style.text.paragraph_space);
            }
            Block::Rule => {
                let height = style.text.size;
                self.push(Chunk {
                    height,
                    items: vec![Drawn::decoration(Item::Line {
                        from: (self.x, height / 2.0),
                        to: (self.x + self.width, height / 2.0),
                        width: 0.5,
                        color: style.tables.rule_color,
                    })],
                    ..Chunk::default()
                });
                self.space(style.text.paragraph_space);
            }
            // Figures are drawn by `figure`, from the document's drawings.
            Block::Figure(_) => {}
        }
    }

    fn extend(&mut self, chunks: Vec<Chunk>) {
        self.flow.extend(chunks.into_iter().map(Flow::Chunk));
    }

    /// How far a list or quote indents, unless the column is already narrow.
    fn indent(&self) -> f32 {
        if self.width - self.style.lists.indent < self.style.text_width() / 3.0 {
            0.0
        } else {
            self.style.lists.indent
        }
    }

    fn title(&mut self, lines: &[Vec<Span>]) {
        let title = &self.style.title;
        let count = lines.len();
        // The title block is the document's first heading, all its lines.
        let node = self.heading_node(1);
        for (i, spans) in lines.iter().enumerate() {
            let (size, color) = if i == 0 {
                (title.size, title.color)
            } else {
                (title.country_size, title.country_color)
            };
            let base = Base {
                size,
                color,
                bold: true,
                line_height: 1.25,
                ..self.base()
            };
            let mut chunks = self.inside(node, |b| b.paragraph(spans, base, false));
            // Flush right, as in the ITU's title block.
            for chunk in &mut chunks {
                let right = chunk
                    .items
                    .iter()
                    .filter_map(|d| match &d.item {
                        Item::Text(run) => Some(run.x + run.width()),
                        _ => None,
                    })
                    .fold(self.x, f32::max);
                chunk.shift_x(self.x + self.width - right);
                chunk.keep_with_next = true;
            }
            if i + 1 == count
                && let Some(last) = chunks.last_mut()
            {
                let y = last.height + title.rule_width / 2.0 + 3.0;
                last.items.push(Drawn::decoration(Item::Line {
                    from: (self.x, y),
                    to: (self.x + self.width, y),
                    width: title.rule_width,
                    color: title.rule_color,
                }));
                last.height += title.rule_width + 3.0;
                last.keep_with_next = false;
            }
            self.extend(chunks);
        }
        self.space(title.space_after);
    }

    fn background(&mut self, heading: &[Span], anchor: &str, columns: &[Vec<Span>; 2]) {
        let bg = &self.style.background;
        let base = Base {
            size: bg.heading_size,
            color: bg.heading_color,
            bold: true,
            line_height: 1.3,
            ..self.base()
        };
        // A heading of the Markdown's second level, as the sections are.
        let node = self.heading_node(2);
        let mut chunks = self.inside(node, |b| b.paragraph(heading, base, false));
        if let Some(first) = chunks.first_mut() {
            first.anchors.push(anchor.to_owned());
            first.outline = Some((1, plain_text(heading).trim().to_owned()));
        }
        for chunk in &mut chunks {
            chunk.keep_with_next = true;
        }
        self.extend(chunks);
        self.space(3.0);

        // The figures are a table: a row per column, the figure (before the
        // first line break, in bold) heading its row, its source after.
        let column_width = (self.width - 2.0 * bg.padding - bg.column_gap) / 2.0;
        let table = self.open(Role::Table);
        let mut band = Chunk::default();
        let mut tallest: f32 = 0.0;
        for (i, column) in columns.iter().enumerate() {
            let mut figure = Vec::with_capacity(column.len());
            let mut source = Vec::with_capacity(column.len());
            for span in column {
                match span.text.split_once('\n') {
                    Some((before, after)) if source.is_empty() && figure_open(&figure) => {
                        figure.push(Span {
                            text: format!("{before}\n"),
                            bold: true,
                            ..span.clone()
                        });
                        if !after.is_empty() {
                            source.push(Span {
                                text: after.to_owned(),
                                ..span.clone()
                            });
                        }
                    }
                    _ if source.is_empty() && figure_open(&figure) => figure.push(Span {
                        bold: true,
                        ..span.clone()
                    }),
                    _ => source.push(span.clone()),
                }
            }
            let (x, width) = (self.x, self.width);
            self.x = x + bg.padding + i as f32 * (column_width + bg.column_gap);
            self.width = column_width;
            let base = self.base();
            let lines = self.inside(table, |b| {
                b.tagged(Role::TableRow, |b| {
                    let mut lines = b.tagged(Role::TableHeader(Scope::Row), |b| {
                        b.paragraph(&figure, base, false)
                    });
                    if !source.is_empty() {
                        lines.extend(
                            b.tagged(Role::TableCell, |b| b.paragraph(&source, base, false)),
                        );
                    }
                    lines
                })
            });
            self.x = x;
            self.width = width;
            let mut y = bg.padding;
            for chunk in lines {
                let height = chunk.height;
                band.draw(chunk, y);
                y += height;
            }
            tallest = tallest.max(y);
        }
        band.height = tallest + bg.padding;
        band.items.insert(
            0,
            Drawn::decoration(Item::Fill {
                rect: Rect {
                    x: self.x,
                    y: 0.0,
                    width: self.width,
                    height: band.height,
                },
                color: bg.fill,
            }),
        );
        if band.height > self.body_height_floor() {
            // Too tall for a page: print the two columns one after the other.
            for spans in columns {
                let base = self.base();
                let chunks = self.tagged(Role::Paragraph, |b| b.paragraph(spans, base, false));
                self.extend(chunks);
                self.space(self.style.text.paragraph_space);
            }
        } else {
            self.push(band);
        }
        self.space(bg.space_after);
    }

    /// A height any page's body is guaranteed to have (header and footer
    /// are limited to leave at least this much).
    fn body_height_floor(&self) -> f32 {
        let page = &self.style.page;
        (page.height - page.margin.top - page.margin.bottom) / 2.0
    }

    fn heading(
        &mut self,
        level: usize,
        number: Option<&str>,
        text: &[Span],
        plain: &str,
        anchor: &str,
    ) {
        let h = self.style.heading(level).clone();
        self.space(h.space_before);
        // The Markdown's levels: the title is its first, sections its second.
        let node = self.heading_node(level + 1);
        let base = Base {
            size: h.size,
            color: h.color,
            bold: true,
            line_height: 1.3,
            ..self.base()
        };
        let (number_run, hang) = match number {
            Some(number) => {
                let spans = [Span {
                    text: number.to_owned(),
                    ..Span::default()
                }];
                let (lines, looks, _) = self.lines(&spans, base, f32::INFINITY, false);
                let width = lines.first().map_or(0.0, |l: &Line| l.width);
                let mut first = lines.into_iter().next();
                // The gap after the number is a space in the text, so the
                // heading reads (and copies) `1.2 TECHNICAL MEASURES`.
                if let Some(run) = first.as_mut().and_then(|l| l.runs.last_mut())
                    && let Some(look) = looks.get(run.look)
                    && let Some(id) = self.fonts.face(look.face).glyph(' ')
                {
                    run.glyphs.push(crate::pdf::text::Glyph {
                        id,
                        text: ' ',
                        advance: f32::from(self.fonts.face(look.face).advance(id)) * look.size
                            / 1000.0,
                    });
                }
                (first.map(|l| (l, looks)), width + h.number_gap * h.size)
            }
            None => (None, 0.0),
        };
        let hang = if hang > self.width / 2.0 { 0.0 } else { hang };
        let (x, width) = (self.x, self.width);
        self.x += hang;
        self.width -= hang;
        let mut chunks = self.inside(node, |b| b.paragraph(text, base, false));
        self.x = x;
        self.width = width;
        if let (Some((line, looks)), Some(first)) = (number_run, chunks.first_mut()) {
            let baseline = first.baseline.unwrap_or(0.0);
            let (items, _) = self.inside(node, |b| {
                b.line_items(&line, &looks, &[], &mut [], x, baseline)
            });
            first.items.splice(0..0, items);
        }
        if chunks.is_empty() {
            return;
        }
        if let Some(first) = chunks.first_mut() {
            first.anchors.push(anchor.to_owned());
            first.outline = Some((level, plain.to_owned()));
        }
        if h.rule_width > 0.0
            && let Some(last) = chunks.last_mut()
        {
            let y = last.height + 1.0 + h.rule_width / 2.0;
            last.items.push(Drawn::decoration(Item::Line {
                from: (x, y),
                to: (x + width, y),
                width: h.rule_width,
                color: h.color,
            }));
            last.height += 1.0 + h.rule_width;
        }
        for chunk in &mut chunks {
            chunk.keep_with_next = true;
        }
        self.extend(chunks);
        self.space(h.space_after);
    }

    fn list(&mut self, start: Option<u64>, items: &[Vec<Block>], references: bool) {
        let style = self.style;
        let size = self.size;
        if references {
            self.size = style.references.size;
        }
        let markers: Vec<String> = items
            .iter()
            .enumerate()
            .map(|(i, _)| match start {
                Some(n) => format!("{}.", n.saturating_add(i as u64)),
                None => style.lists.bullet.clone(),
            })
            .collect();
        let base = self.base();
        let marker_lines: Vec<(Line, Vec<Look>)> = markers
            .iter()
            .map(|m| {
                let spans = [Span {
                    text: m.clone(),
                    ..Span::default()
                }];
                let (mut lines, looks, _) = self.lines(&spans, base, f32::INFINITY, false);
                (
                    lines.pop().unwrap_or(Line {
                        runs: Vec::new(),
                        width: 0.0,
                        size: base.size,
                    }),
                    looks,
                )
            })
            .collect();
        let widest = marker_lines
            .iter()
            .map(|(l, _)| l.width)
            .fold(0.0, f32::max);
        let indent = if self.width - style.lists.indent < style.text_width() / 3.0 {
            0.0
        } else {
            style.lists.indent.max(widest + base.size * 0.5)
        };
        let (x, width) = (self.x, self.width);
        let list = self.open(Role::List(if start.is_some() {
            Numbering::Decimal
        } else {
            Numbering::Disc
        }));
        for (i, (item, (marker, looks))) in items.iter().zip(marker_lines).enumerate() {
            if i > 0 {
                self.space(style.lists.item_space);
            }
            let first = self.flow.len();
            self.x = x + indent;
            self.width = width - indent;
            let list_item = self.structure.open(Role::ListItem, list);
            let label = self.structure.open(Role::Label, list_item);
            self.inside(list_item, |b| {
                b.tagged(Role::ListBody, |b| {
                    for block in item {
                        b.block(block);
                    }
                });
            });
            self.x = x;
            self.width = width;
            // Drop the space after the item's last paragraph: items are
            // spaced by `item_space`.
            while matches!(self.flow.last(), Some(Flow::Space(_))) && self.flow.len() > first {
                self.flow.pop();
            }
            let first_chunk = self.flow[first..].iter_mut().find_map(|f| match f {
                Flow::Chunk(c) => Some(c),
                Flow::Space(_) => None,
            });
            let marker_x = if start.is_some() {
                // Numbers align on their right edge.
                x + indent - base.size * 0.5 - marker.width
            } else {
                x + (indent - marker.width) / 3.0
            };
            let (marker_items, _) = {
                let baseline = first_chunk.as_ref().and_then(|c| c.baseline).unwrap_or(0.0);
                self.inside(label, |b| {
                    b.line_items(&marker, &looks, &[], &mut [], marker_x.max(x), baseline)
                })
            };
            let first_chunk = self.flow[first..].iter_mut().find_map(|f| match f {
                Flow::Chunk(c) => Some(c),
                Flow::Space(_) => None,
            });
            match first_chunk {
                Some(chunk) => {
                    chunk.items.splice(0..0, marker_items);
                    if references {
                        chunk.anchors.push(format!(
                            "source-{}",
                            start.unwrap_or(1).saturating_add(i as u64)
                        ));
                    }
                }
                None => self.push(Chunk {
                    height: base.size * base.line_height,
                    items: marker_items,
                    ..Chunk::default()
                }),
            }
        }
        self.size = size;
        self.space(style.text.paragraph_space);
    }

    /// Breaks spans into lines of this column's width.
    fn lines(
        &mut self,
        spans: &[Span],
        base: Base,
        width: f32,
        justify: bool,
    ) -> (Vec<Line>, Vec<Look>, Vec<LinkRef>) {
        let style = self.style;
        let mut looks: Vec<Look> = Vec::new();
        let mut links: Vec<LinkRef> = Vec::new();
        let mut pieces: Vec<(String, usize)> = Vec::with_capacity(spans.len());
        for span in spans {
            let link = span.link.as_deref().and_then(link_ref).map(|link| {
                links.push(link);
                links.len() - 1
            });
            let bold = base.bold || span.bold;
            let color = if link.is_some() {
                style.links.color
            } else if span.bold && !base.bold {
                base.strong_color.unwrap_or(base.color)
            } else {
                base.color
            };
            let look = Look {
                face: Face::of(bold, base.italic || span.italic),
                size: base.size,
                color,
                underline: link.is_some() && style.links.underline,
                strike: span.strike,
                link,
            };
            let index = match looks.iter().position(|l| *l == look) {
                Some(i) => i,
                None => {
                    looks.push(look);
                    looks.len() - 1
                }
            };
            pieces.push((span.text.clone(), index));
        }
        let lines = break_lines(
            &pieces,
            &looks,
            width,
            justify,
            self.fonts,
            &mut self.missing,
        );
        (lines, looks, links)
    }

    /// The height of a line of text of this size, and its baseline from the
    /// line's top. Never less than the font's ascent plus descent, so no
    /// glyph reaches out of its line (or out of the page's margins).
    fn line_box(&self, size: f32, line_height: f32) -> (f32, f32) {
        let metrics = self.fonts.face(Face::Regular);
        let content = (metrics.ascent + metrics.descent) / 1000.0 * size;
        let height = (size * line_height).max(content);
        let baseline = (height - content) / 2.0 + metrics.ascent / 1000.0 * size;
        (height, baseline)
    }

    /// A paragraph as one chunk per line, with the widow and orphan rules.
    fn paragraph(&mut self, spans: &[Span], base: Base, justify: bool) -> Vec<Chunk> {
        let (lines, looks, links) = self.lines(spans, base, self.width, justify);
        let count = lines.len();
        let mut chunks = Vec::with_capacity(count);
        // A link's node, opened where its text is first drawn.
        let mut link_nodes = vec![None; links.len()];
        for (i, line) in lines.iter().enumerate() {
            let (height, baseline) = self.line_box(line.size.max(base.size), base.line_height);
            let (items, link_rects) =
                self.line_items(line, &looks, &links, &mut link_nodes, self.x, baseline);
            chunks.push(Chunk {
                height,
                keep_with_next: count > 1 && (i == 0 || i + 2 == count),
                items,
                links: link_rects,
                baseline: Some(baseline),
                ..Chunk::default()
            });
        }
        chunks
    }

    /// The drawing of one line whose left edge is `x`. Its text is tagged
    /// as the current content; a link's text as the link's node (opened in
    /// `link_nodes` on first use, inside the current content), unless the
    /// text is an artifact.
    fn line_items(
        &mut self,
        line: &Line,
        looks: &[Look],
        links: &[LinkRef],
        link_nodes: &mut [Option<NodeId>],
        x: f32,
        baseline: f32,
    ) -> (Vec<Drawn>, Vec<ChunkLink>) {
        let metrics = self.fonts.face(Face::Regular);
        let mut items = Vec::with_capacity(line.runs.len());
        let mut rects: Vec<ChunkLink> = Vec::new();
        let mut last_link: Option<usize> = None;
        for run in &line.runs {
            let Some(look) = looks.get(run.look) else {
                continue;
            };
            let run_x = x + run.x;
            let width = run.width();
            let link = look.link.and_then(|l| links.get(l).map(|t| (l, t)));
            let node = match (link, self.content) {
                (Some((l, _)), Tag::Node(parent)) => {
                    let node = match link_nodes.get(l).copied().flatten() {
                        Some(node) => node,
                        None => {
                            let node = self.structure.open(Role::Link, parent);
                            if let Some(slot) = link_nodes.get_mut(l) {
                                *slot = Some(node);
                            }
                            node
                        }
                    };
                    Some(node)
                }
                _ => None,
            };
            let text_run = TextRun {
                x: run_x,
                baseline,
                face: look.face,
                size: look.size,
                color: look.color,
                glyphs: run.glyphs.clone(),
            };
            let shown = text_run.text();
            items.push(Drawn {
                tag: node.map_or(self.content, Tag::Node),
                item: Item::Text(text_run),
            });
            if look.underline {
                let y = baseline + look.size * 0.11;
                items.push(Drawn::decoration(Item::Line {
                    from: (run_x, y),
                    to: (run_x + width, y),
                    width: look.size * 0.05,
                    color: look.color,
                }));
            }
            if look.strike {
                let y = baseline - look.size * 0.3;
                items.push(Drawn::decoration(Item::Line {
                    from: (run_x, y),
                    to: (run_x + width, y),
                    width: look.size * 0.05,
                    color: look.color,
                }));
            }
            if let Some((l, target)) = link {
                let top = baseline - metrics.ascent / 1000.0 * look.size;
                let height = (metrics.ascent + metrics.descent) / 1000.0 * look.size;
                match (last_link, rects.last_mut()) {
                    // The same link continuing in another look: one area.
                    (Some(last), Some(area)) if last == l => {
                        area.rect.width = run_x + width - area.rect.x;
                        area.text.push_str(&shown);
                    }
                    _ => rects.push(ChunkLink {
                        rect: Rect {
                            x: run_x,
                            y: top,
                            width,
                            height,
                        },
                        target: target.clone(),
                        node,
                        text: shown,
                    }),
                }
                last_link = Some(l);
            } else {
                last_link = None;
            }
        }
        (items, rects)
    }
}

/// Whether the figure of a background column is still being read: it ends
/// at the first line break.
fn figure_open(figure: &[Span]) -> bool {
    !figure.last().is_some_and(|s| s.text.ends_with('\n'))
}

/// What a link's destination becomes: in-document anchors, and web and
/// mail addresses (in their ASCII form); anything else is not clickable.
fn link_ref(destination: &str) -> Option<LinkRef> {
    if let Some(anchor) = destination.strip_prefix('#') {
        return (!anchor.is_empty()).then(|| LinkRef::Anchor(anchor.to_owned()));
    }
    let url = url::Url::parse(destination.trim()).ok()?;
    matches!(url.scheme(), "http" | "https" | "mailto").then(|| LinkRef::Uri(url.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_go_to_web_mail_and_anchors_only() {
        assert_eq!(
            link_ref("https://example.org/a b"),
            Some(LinkRef::Uri("https://example.org/a%20b".into()))
        );
        assert_eq!(link_ref("https://"), None, "not an address");
        assert_eq!(
            link_ref("https://example.org/ä"),
            Some(LinkRef::Uri("https://example.org/%C3%A4".into()))
        );
        assert_eq!(
            link_ref("#source-1"),
            Some(LinkRef::Anchor("source-1".into()))
        );
        assert_eq!(link_ref("javascript:alert(1)"), None);
        assert_eq!(link_ref("file:///etc/passwd"), None);
        assert_eq!(link_ref("relative/page.html"), None);
    }
}
