//! The typesetter: blocks, font metrics and a style in; pages of positioned
//! glyph runs, rules, tinted areas, links and outline entries out.
//!
//! Blocks become a vertical flow of unbreakable chunks (one per line, or one
//! per table row or background band) and the spaces between them. Each chunk
//! may ask to stay on the same page as the next one, which is how headings
//! are never stranded at a page's foot, and how a paragraph never leaves its
//! first line alone at the bottom of a page (orphan) or its last line alone
//! at the top of the next (widow): the first and the second-to-last line of
//! every paragraph of two lines or more keep with the following line. Pages
//! are filled greedily; when a chunk does not fit, the page breaks at the
//! last place it may.
//!
//! The running header and footer are laid out per page from the text their
//! templates give for that page. Their height decides how much room the page
//! has, and the page count can change what they say (`3 of 4`), so the pages
//! are laid out again until the count settles.
//!
//! The submodule `flow` turns blocks into the flow and `paginate` fills
//! pages with it; this module owns what comes out (pages of items, links,
//! the outline) and ties the two together. Every item carries a tag, what it
//! is in the document's logical structure or that it is an artifact; the
//! tree of [`structure`] is assembled here once the pages are known.
//!
//! Coordinates are points from the page's top-left corner, y downwards. No
//! PDF types appear here: the export turns this into a file. Pure.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

mod flow;
mod paginate;
pub mod structure;

use super::blocks::{Block, Blocks};
use super::fonts::{Face, Fonts};
use super::style::{Rgb, Style};
use crate::render::RenderError;
use flow::{Builder, Chunk, Flow, LinkRef, shift};
use paginate::paginate;
use structure::{NodeId, Structure, Tag};

/// A rectangle: top-left corner, width and height.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Rect {
    /// Left edge.
    pub x: f32,
    /// Top edge.
    pub y: f32,
    /// Width.
    pub width: f32,
    /// Height.
    pub height: f32,
}

impl Rect {
    /// The bottom edge.
    pub fn bottom(&self) -> f32 {
        self.y + self.height
    }

    /// The right edge.
    pub fn right(&self) -> f32 {
        self.x + self.width
    }
}

/// Glyphs of one face, size and color on one baseline.
#[derive(Debug, Clone, PartialEq)]
pub struct TextRun {
    /// Where the first glyph starts.
    pub x: f32,
    /// The baseline.
    pub baseline: f32,
    /// The face.
    pub face: Face,
    /// Font size.
    pub size: f32,
    /// Color.
    pub color: Rgb,
    /// The glyphs, each advancing the pen by its advance.
    pub glyphs: Vec<super::text::Glyph>,
}

impl TextRun {
    /// The run's width.
    pub fn width(&self) -> f32 {
        self.glyphs.iter().map(|g| g.advance).sum()
    }

    /// The characters it shows.
    pub fn text(&self) -> String {
        self.glyphs.iter().map(|g| g.text).collect()
    }
}

/// Something drawn on a page.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// Text.
    Text(TextRun),
    /// A straight line.
    Line {
        /// Start point.
        from: (f32, f32),
        /// End point.
        to: (f32, f32),
        /// Stroke width.
        width: f32,
        /// Stroke color.
        color: Rgb,
    },
    /// A filled rectangle.
    Fill {
        /// The area.
        rect: Rect,
        /// Fill color.
        color: Rgb,
    },
    /// A vector path: a polygon or a line through points (charts).
    Path {
        /// Its points.
        points: Vec<(f32, f32)>,
        /// Whether it closes back to its first point.
        closed: bool,
        /// Its fill, if filled (closed paths).
        fill: Option<Rgb>,
        /// Its outline, if outlined.
        stroke: Option<PathStroke>,
    },
    /// A figure: a drawing (a chart) made of paths and text, which a reader
    /// who cannot see it reads as its alternative text.
    Figure {
        /// Where it is drawn.
        area: Rect,
        /// What it shows, every number included.
        alt: String,
        /// What draws it.
        items: Vec<Item>,
    },
}

/// How a path is outlined.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PathStroke {
    /// Line width.
    pub width: f32,
    /// Line color.
    pub color: Rgb,
    /// Dash and gap lengths, for a dashed line.
    pub dash: Option<[f32; 2]>,
}

/// Where a link goes.
#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    /// A web or mail address.
    Uri(String),
    /// A place in this document: page index (from 0) and y.
    Internal {
        /// Page index, from 0.
        page: usize,
        /// Top of the target.
        y: f32,
    },
}

/// A clickable area.
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    /// The area.
    pub rect: Rect,
    /// Where it goes.
    pub target: Target,
    /// The link's node in the structure.
    pub node: Option<NodeId>,
    /// What it is, for a reader who cannot see it: its text and where it
    /// goes.
    pub description: String,
}

/// One entry of the document outline (bookmarks).
#[derive(Debug, Clone, PartialEq)]
pub struct OutlineEntry {
    /// Depth, from 1.
    pub level: usize,
    /// The heading's text.
    pub title: String,
    /// Page index, from 0.
    pub page: usize,
    /// Top of the heading.
    pub y: f32,
}

/// One page.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    /// Where the flowing text may go (between header and footer).
    pub body: Rect,
    /// What is drawn, in reading order: header, text, footer.
    pub items: Vec<Item>,
    /// What each item is (same index as `items`).
    pub tags: Vec<Tag>,
    /// Clickable areas.
    pub links: Vec<Link>,
    /// The bottom of the last thing in the body.
    pub filled_to: f32,
}

/// The laid-out document.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    /// Page width.
    pub width: f32,
    /// Page height.
    pub height: f32,
    /// The pages.
    pub pages: Vec<Page>,
    /// The outline, in document order.
    pub outline: Vec<OutlineEntry>,
    /// Characters the fonts cannot show (drawn as `.notdef` boxes).
    pub missing: BTreeSet<char>,
    /// The logical structure, in reading order.
    pub structure: Structure,
}

/// The running header and footer: Markdown text for a page, one line per
/// line; what follows a tab on a line is set flush right.
pub trait Furniture {
    /// The header of page `page` (from 1) of `pages`.
    fn header(&self, page: usize, pages: usize) -> Result<String, RenderError>;
    /// The footer of page `page` (from 1) of `pages`.
    fn footer(&self, page: usize, pages: usize) -> Result<String, RenderError>;
}

/// The furniture's text, rendered once per page and page count:
/// pagination asks for it again for every page of every round.
struct Remembered<'a> {
    furniture: &'a dyn Furniture,
    /// (header or footer, page, pages) → text.
    seen: std::cell::RefCell<BTreeMap<(bool, usize, usize), String>>,
}

impl Remembered<'_> {
    fn text(
        &self,
        header: bool,
        page: usize,
        pages: usize,
        render: impl FnOnce() -> Result<String, RenderError>,
    ) -> Result<String, RenderError> {
        if let Some(text) = self.seen.borrow().get(&(header, page, pages)) {
            return Ok(text.clone());
        }
        let text = render()?;
        self.seen
            .borrow_mut()
            .insert((header, page, pages), text.clone());
        Ok(text)
    }
}

impl Furniture for Remembered<'_> {
    fn header(&self, page: usize, pages: usize) -> Result<String, RenderError> {
        self.text(true, page, pages, || self.furniture.header(page, pages))
    }

    fn footer(&self, page: usize, pages: usize) -> Result<String, RenderError> {
        self.text(false, page, pages, || self.furniture.footer(page, pages))
    }
}

/// Lays out the document.
pub fn lay_out(
    blocks: &Blocks,
    style: &Style,
    fonts: &Fonts,
    furniture: &dyn Furniture,
) -> Result<Layout, RenderError> {
    let remembered = Remembered {
        furniture,
        seen: Default::default(),
    };
    let furniture: &dyn Furniture = &remembered;
    let mut builder = Builder::new(style, fonts);
    for block in &blocks.blocks {
        match block {
            Block::Figure(name) => {
                if let Some(figure) = blocks.figures.get(name) {
                    builder.figure(figure);
                }
            }
            other => builder.block(other),
        }
    }
    let flow = std::mem::take(&mut builder.flow);
    let mut estimate = 1;
    let mut paged = paginate(&flow, &mut builder, furniture, estimate)?;
    // The page count can change what the header and footer say, and so their
    // height; a few rounds settle it.
    for _ in 0..4 {
        if paged.len() == estimate {
            break;
        }
        estimate = paged.len();
        paged = paginate(&flow, &mut builder, furniture, estimate)?;
    }
    let total = paged.len();
    let mut anchors: BTreeMap<&str, (usize, f32, &Chunk)> = BTreeMap::new();
    let mut outline = Vec::new();
    for (index, page) in paged.iter().enumerate() {
        for (chunk, y) in &page.placed {
            let Flow::Chunk(chunk) = &flow[*chunk] else {
                continue;
            };
            for anchor in &chunk.anchors {
                anchors.entry(anchor.as_str()).or_insert((index, *y, chunk));
            }
            if let Some((level, title)) = &chunk.outline {
                outline.push(OutlineEntry {
                    level: *level,
                    title: title.clone(),
                    page: index,
                    y: *y,
                });
            }
        }
    }
    let mut pages = Vec::with_capacity(total);
    for (index, paged_page) in paged.into_iter().enumerate() {
        builder.closing = index + 1 == total;
        let furniture_now = builder.furniture(furniture, index + 1, total)?;
        builder.closing = false;
        let mut items = Vec::new();
        let mut tags = Vec::new();
        let mut links = Vec::new();
        let mut place = |chunk: &Chunk, y: f32, items: &mut Vec<Item>, tags: &mut Vec<Tag>| {
            for drawn in &chunk.items {
                items.push(shift(&drawn.item, y));
                tags.push(drawn.tag);
            }
            for link in &chunk.links {
                let target = match &link.target {
                    LinkRef::Uri(uri) => Some((Target::Uri(uri.clone()), uri.clone())),
                    LinkRef::Anchor(name) => anchors.get(name.as_str()).map(|(page, y, to)| {
                        (Target::Internal { page: *page, y: *y }, chunk_text(to))
                    }),
                };
                if let Some((target, destination)) = target {
                    links.push(Link {
                        rect: Rect {
                            y: link.rect.y + y,
                            ..link.rect
                        },
                        target,
                        node: link.node,
                        description: describe_link(&link.text, &destination),
                    });
                }
            }
        };
        let mut y = style.page.margin.top;
        for chunk in &furniture_now.header {
            place(chunk, y, &mut items, &mut tags);
            y += chunk.height;
        }
        let mut filled_to = paged_page.body.y;
        for (index, at) in &paged_page.placed {
            if let Flow::Chunk(chunk) = &flow[*index] {
                place(chunk, *at, &mut items, &mut tags);
                filled_to = filled_to.max(at + chunk.height);
            }
        }
        let footer_height: f32 = furniture_now.footer.iter().map(|c| c.height).sum();
        let mut y = style.page.height - style.page.margin.bottom - footer_height;
        for chunk in &furniture_now.footer {
            place(chunk, y, &mut items, &mut tags);
            y += chunk.height;
        }
        pages.push(Page {
            body: paged_page.body,
            items,
            tags,
            links,
            filled_to,
        });
    }
    let mut structure = std::mem::take(&mut builder.structure);
    join_running_links(&mut structure, &mut pages);
    structure.assemble(&pages);
    Ok(Layout {
        width: style.page.width,
        height: style.page.height,
        pages,
        outline,
        missing: builder.missing,
        structure,
    })
}

/// The text a chunk shows: runs that touch joined as they are, runs apart
/// (a list's label and its text, two lines) by a space.
fn chunk_text(chunk: &Chunk) -> String {
    let mut text = String::new();
    let mut last: Option<(f32, f32)> = None;
    for drawn in &chunk.items {
        if let Item::Text(run) = &drawn.item {
            if last.is_some_and(|(baseline, end)| baseline != run.baseline || run.x > end + 0.5)
                && !text.ends_with(' ')
            {
                text.push(' ');
            }
            last = Some((run.baseline, run.x + run.width()));
            text.push_str(&run.text());
        }
    }
    text.trim().to_owned()
}

/// What a link says to a reader who cannot see it: its text, and where it
/// goes when the text does not say (an address, or the first line of the
/// place in the document).
fn describe_link(text: &str, destination: &str) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let destination = destination.split_whitespace().collect::<Vec<_>>().join(" ");
    let same = |a: &str, b: &str| a.trim_end_matches('/') == b.trim_end_matches('/');
    if text.is_empty() {
        destination
    } else if destination.is_empty()
        || same(&text, &destination)
        || same(&format!("mailto:{text}"), &destination)
    {
        text
    } else {
        format!("{text} ({destination})")
    }
}

/// Links drawn in running artifacts (the footer of every page but the
/// last) still need a node, since every link area of a tagged PDF belongs
/// to one: each joins the link node that goes to the same place in the
/// document's content (the last page's footer holds the same links), or
/// gets a node of its own at the document's end.
fn join_running_links(structure: &mut Structure, pages: &mut [Page]) {
    let mut by_target: Vec<(Target, NodeId)> = Vec::new();
    for page in pages.iter() {
        for link in &page.links {
            if let Some(node) = link.node
                && !by_target.iter().any(|(t, _)| *t == link.target)
            {
                by_target.push((link.target.clone(), node));
            }
        }
    }
    for page in pages.iter_mut() {
        for link in &mut page.links {
            if link.node.is_some() {
                continue;
            }
            let node = match by_target.iter().find(|(t, _)| *t == link.target) {
                Some((_, node)) => *node,
                None => {
                    let node = structure.open(structure::Role::Link, structure::DOCUMENT);
                    by_target.push((link.target.clone(), node));
                    node
                }
            };
            link.node = Some(node);
        }
    }
}

impl Layout {
    /// The layout as text: one line per drawn thing, for snapshot tests.
    pub fn describe(&self) -> String {
        let color = |c: &Rgb| {
            format!(
                "#{:02x}{:02x}{:02x}",
                (c.0[0] * 255.0).round() as u8,
                (c.0[1] * 255.0).round() as u8,
                (c.0[2] * 255.0).round() as u8
            )
        };
        let mut out = String::new();
        let _ = writeln!(out, "page size {:.2} x {:.2}", self.width, self.height);
        for (n, page) in self.pages.iter().enumerate() {
            let b = &page.body;
            let _ = writeln!(
                out,
                "page {} body {:.1},{:.1} {:.1}x{:.1} filled to {:.1}",
                n + 1,
                b.x,
                b.y,
                b.width,
                b.height,
                page.filled_to
            );
            for item in &page.items {
                describe_item(&mut out, item, "  ", &color);
            }
            for link in &page.links {
                let r = &link.rect;
                let _ = match &link.target {
                    Target::Uri(uri) => writeln!(
                        out,
                        "  link {:.1},{:.1} {:.1}x{:.1} to {uri}",
                        r.x, r.y, r.width, r.height
                    ),
                    Target::Internal { page, y } => writeln!(
                        out,
                        "  link {:.1},{:.1} {:.1}x{:.1} to page {} at {:.1}",
                        r.x,
                        r.y,
                        r.width,
                        r.height,
                        page + 1,
                        y
                    ),
                };
            }
        }
        for entry in &self.outline {
            let _ = writeln!(
                out,
                "outline {} {:?} page {} at {:.1}",
                entry.level,
                entry.title,
                entry.page + 1,
                entry.y
            );
        }
        if !self.missing.is_empty() {
            let _ = writeln!(out, "missing {:?}", self.missing);
        }
        out
    }
}

/// One drawn thing as a line of text (a figure: its line, then its items
/// indented).
fn describe_item(out: &mut String, item: &Item, indent: &str, color: &dyn Fn(&Rgb) -> String) {
    let _ = match item {
        Item::Text(run) => writeln!(
            out,
            "{indent}text {:.1},{:.1} {} {:.1} {} {:?}",
            run.x,
            run.baseline,
            run.face.postscript_name(),
            run.size,
            color(&run.color),
            run.text()
        ),
        Item::Line {
            from,
            to,
            width,
            color: c,
        } => writeln!(
            out,
            "{indent}line {:.1},{:.1} to {:.1},{:.1} width {:.1} {}",
            from.0,
            from.1,
            to.0,
            to.1,
            width,
            color(c)
        ),
        Item::Fill { rect, color: c } => writeln!(
            out,
            "{indent}fill {:.1},{:.1} {:.1}x{:.1} {}",
            rect.x,
            rect.y,
            rect.width,
            rect.height,
            color(c)
        ),
        Item::Path {
            points,
            closed,
            fill,
            stroke,
        } => {
            let points: Vec<String> = points
                .iter()
                .map(|(x, y)| format!("{x:.1},{y:.1}"))
                .collect();
            let mut paint = String::new();
            if let Some(c) = fill {
                let _ = write!(paint, " fill {}", color(c));
            }
            if let Some(s) = stroke {
                let _ = write!(paint, " stroke {:.1} {}", s.width, color(&s.color));
                if let Some([dash, gap]) = s.dash {
                    let _ = write!(paint, " dash {dash:.1} {gap:.1}");
                }
            }
            writeln!(
                out,
                "{indent}{} {}{paint}",
                if *closed { "polygon" } else { "polyline" },
                points.join(" ")
            )
        }
        Item::Figure { area, alt, items } => {
            let _ = writeln!(
                out,
                "{indent}figure {:.1},{:.1} {:.1}x{:.1} alt {alt:?}",
                area.x, area.y, area.width, area.height
            );
            let inner = format!("{indent}  ");
            for item in items {
                describe_item(out, item, &inner, color);
            }
            Ok(())
        }
    };
}
