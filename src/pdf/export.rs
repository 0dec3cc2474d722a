//! Writing a laid-out document as a tagged PDF (PDF/UA-1): bytes in memory,
//! no files. The one place that knows PDF objects.
//!
//! | owns | must not |
//! | --- | --- |
//! | content streams, fonts (subsets, widths, `/ToUnicode`), annotations, outline, the structure tree, metadata, the file's syntax | lay anything out, or know what a block is |
//!
//! The layout says what every drawn item is (`layout::structure`): this
//! module writes each run of items of one node as a marked-content sequence
//! with an MCID, and every artifact as an `/Artifact` sequence, then the
//! structure tree from the layout's nodes and kids, the parent tree that
//! leads back from content and annotations to their elements, and the
//! document-level entries PDF/UA asks for (`/MarkInfo`, `/Lang`,
//! `DisplayDocTitle`, XMP metadata with `pdfuaid:part 1`). A role is mapped
//! to its standard structure type in one table (`role_name`) and its
//! attributes in another (`attributes`): a new kind of content (a chart's
//! `Figure` with its alternative text) needs no code here.
//!
//! Fonts are embedded as CID fonts (`Identity-H`) holding only the glyphs
//! the document draws, with the widths the layout measured with and a
//! `/ToUnicode` map, so copied text is the text. Dictionaries are packed in
//! one compressed object stream; streams are compressed with zlib (one
//! compressor for the whole file). The writer is this crate's own rather
//! than printpdf's: printpdf builds an object tree, then serializes it
//! through lopdf's formatter, which cost more than three quarters of the
//! time of a PDF and gave no way to tag content.
//!
//! The output is deterministic: the dates are the caller's, the document
//! ID is a hash of the content, and nothing depends on a hash map's order.
//!
//! Long (about 1,200 lines before its tests) because the objects of a PDF
//! refer to one another by number: pages, content, annotations, structure
//! tree and parent tree are numbered and written in one pass here, while
//! the file's syntax (`syntax`) and the fonts' subsets ([`crate::pdf::fonts`])
//! are modules of their own.

mod syntax;

use std::collections::{BTreeMap, HashMap};

use super::fonts::{Face, Fonts, subset_face};
use super::layout::structure::{Artifact, DOCUMENT, Kid, Numbering, Role, Scope, Tag};
use super::layout::{Item, Layout, OutlineEntry, Page, PathStroke, Target, TextRun};
use super::style::Rgb;
use syntax::{File, hex_u16, int, name, real, reals, reference, text};

/// What the document says about itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Metadata {
    /// Title.
    pub title: String,
    /// Author.
    pub author: String,
    /// Subject.
    pub subject: String,
    /// Keywords.
    pub keywords: Vec<String>,
    /// Language (BCP 47, such as `en`).
    pub language: String,
    /// Creation and modification time, in seconds since 1970 (UTC).
    pub date: i64,
}

/// Why the PDF could not be written: a defect, never the input's fault.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("PDF export: {0}")]
pub struct ExportError(pub String);

/// Writes the layout as a tagged PDF.
pub fn export(layout: &Layout, metadata: &Metadata) -> Result<Vec<u8>, ExportError> {
    write(layout, metadata, true)
}

/// Writes the layout as a PDF without its structure (no marked content, no
/// structure tree, no XMP): only to measure what tagging costs
/// (`benches/pdf.rs`). profilec never writes such a file.
#[doc(hidden)]
pub fn export_untagged(layout: &Layout, metadata: &Metadata) -> Result<Vec<u8>, ExportError> {
    write(layout, metadata, false)
}

/// One embedded face: its resource name, objects and glyph numbering.
struct EmbeddedFace {
    face: Face,
    resource: &'static str,
    /// Original glyph id → glyph id in the subset.
    renumber: HashMap<u16, u16>,
}

fn write(layout: &Layout, metadata: &Metadata, tagged: bool) -> Result<Vec<u8>, ExportError> {
    let fail = ExportError;
    let fonts = Fonts::embedded().map_err(|e| fail(e.to_string()))?;
    let mut file = File::new("1.7", 64 * 1024);

    // The glyphs each face draws, with the character each shows first.
    let mut used: BTreeMap<Face, BTreeMap<u16, char>> = BTreeMap::new();
    fn collect(items: &[Item], used: &mut BTreeMap<Face, BTreeMap<u16, char>>) {
        for item in items {
            match item {
                Item::Text(run) => {
                    let glyphs = used.entry(run.face).or_default();
                    for g in &run.glyphs {
                        glyphs.entry(g.id).or_insert(g.text);
                    }
                }
                Item::Figure { items, .. } => collect(items, used),
                Item::Line { .. } | Item::Fill { .. } | Item::Path { .. } => {}
            }
        }
    }
    for page in &layout.pages {
        collect(&page.items, &mut used);
    }

    let catalog = file.id();
    let page_tree = file.id();
    let resources = file.id();
    // Layout always makes a page, even of an empty document; a PDF with
    // none would be invalid.
    if layout.pages.is_empty() {
        return Err(fail("the layout has no page".to_owned()));
    }
    let page_count = layout.pages.len();
    let page_ids: Vec<u32> = (0..page_count).map(|_| file.id()).collect();

    // Fonts.
    let mut faces: Vec<(EmbeddedFace, u32)> = Vec::new();
    for (face, glyphs) in &used {
        let ids: Vec<u16> = glyphs.keys().copied().collect();
        let subset = subset_face(*face, &ids).map_err(|e| fail(e.to_string()))?;
        let font = file.id();
        let embedded = EmbeddedFace {
            face: *face,
            resource: match face {
                Face::Regular => "R",
                Face::Bold => "B",
                Face::Italic => "I",
            },
            renumber: subset.glyphs,
        };
        write_font(
            &mut file,
            font,
            &embedded,
            glyphs,
            &subset.bytes,
            fonts.face(*face),
        )
        .map_err(fail)?;
        faces.push((embedded, font));
    }
    let mut body = b"<< /Font <<".to_vec();
    for (face, id) in &faces {
        body.push(b' ');
        name(&mut body, face.resource);
        body.push(b' ');
        reference(&mut body, *id);
    }
    body.extend_from_slice(b" >> >>");
    file.object(resources, &body);

    // Pages: their content, each run of one node's items marked with an
    // MCID (recorded per page, by the run's first item).
    let face_of = |face: Face| faces.iter().find(|(f, _)| f.face == face).map(|(f, _)| f);
    let mut mcids: Vec<HashMap<usize, i64>> = Vec::with_capacity(page_count);
    let mut owners: Vec<Vec<usize>> = Vec::with_capacity(page_count);
    let mut contents_hash = Fnv::new();
    let mut annotation_ids: Vec<Vec<u32>> = Vec::with_capacity(page_count);
    let mut page_bodies: Vec<Vec<u8>> = Vec::with_capacity(page_count);
    for (index, page) in layout.pages.iter().enumerate() {
        let (content, page_mcids, page_owners) =
            page_content(page, layout, &face_of, fonts, tagged);
        contents_hash.write(&content);
        let contents = file.id();
        file.stream(contents, b"", &content, true).map_err(fail)?;
        let annotations: Vec<u32> = page.links.iter().map(|_| file.id()).collect();
        let mut body = b"<< /Type /Page /Parent ".to_vec();
        reference(&mut body, page_tree);
        body.extend_from_slice(b" /MediaBox [0 0 ");
        reals(&mut body, &[layout.width, layout.height]);
        body.extend_from_slice(b"] /Resources ");
        reference(&mut body, resources);
        body.extend_from_slice(b" /Contents ");
        reference(&mut body, contents);
        if !annotations.is_empty() {
            body.extend_from_slice(b" /Annots [");
            for id in &annotations {
                body.push(b' ');
                reference(&mut body, *id);
            }
            body.extend_from_slice(b" ]");
            if tagged {
                // Tab order follows the structure (PDF/UA 7.18.3).
                body.extend_from_slice(b" /Tabs /S");
            }
        }
        if tagged {
            body.extend_from_slice(b" /StructParents ");
            int(&mut body, index as i64);
        }
        body.extend_from_slice(b" >>");
        page_bodies.push(body);
        mcids.push(page_mcids);
        owners.push(page_owners);
        annotation_ids.push(annotations);
    }
    for (id, body) in page_ids.iter().zip(&page_bodies) {
        file.object(*id, body);
    }
    let mut body = b"<< /Type /Pages /Count ".to_vec();
    int(&mut body, page_count as i64);
    body.extend_from_slice(b" /Kids [");
    for id in &page_ids {
        body.push(b' ');
        reference(&mut body, *id);
    }
    body.extend_from_slice(b" ] >>");
    file.object(page_tree, &body);

    // The structure tree, and the annotations that point into it.
    let elements: Vec<Option<u32>> = if tagged {
        reachable(layout)
            .into_iter()
            .map(|on| on.then(|| file.id()))
            .collect()
    } else {
        Vec::new()
    };
    let annotation_keys = page_count as i64;
    let mut next_key = annotation_keys;
    let mut annotation_owner: Vec<(i64, u32)> = Vec::new();
    for (index, page) in layout.pages.iter().enumerate() {
        for (link, id) in page.links.iter().zip(&annotation_ids[index]) {
            let mut body = b"<< /Type /Annot /Subtype /Link /Rect [".to_vec();
            reals(
                &mut body,
                &[
                    link.rect.x,
                    layout.height - link.rect.bottom(),
                    link.rect.right(),
                    layout.height - link.rect.y,
                ],
            );
            // No border: the link is shown by its color.
            body.extend_from_slice(b"] /Border [0 0 0] /F 4 /Contents ");
            text(&mut body, &link.description);
            match &link.target {
                Target::Uri(uri) => {
                    body.extend_from_slice(b" /A << /S /URI /URI ");
                    text(&mut body, uri);
                    body.extend_from_slice(b" >>");
                }
                Target::Internal { page, y } => {
                    body.extend_from_slice(b" /A << /S /GoTo /D [");
                    reference(
                        &mut body,
                        page_ids.get(*page).copied().unwrap_or(page_ids[0]),
                    );
                    body.extend_from_slice(b" /XYZ null ");
                    real(&mut body, layout.height - y);
                    body.extend_from_slice(b" null] >>");
                }
            }
            if let Some(element) = link.node.and_then(|n| elements.get(n).copied().flatten()) {
                body.extend_from_slice(b" /StructParent ");
                int(&mut body, next_key);
                annotation_owner.push((next_key, element));
                next_key += 1;
            }
            body.extend_from_slice(b" >>");
            file.object(*id, &body);
        }
    }
    let struct_root = if tagged {
        let root = file.id();
        let parent_tree = file.id();
        write_elements(
            &mut file,
            layout,
            &elements,
            root,
            &page_ids,
            &mcids,
            &annotation_ids,
        )?;
        let mut body = b"<< /Nums [".to_vec();
        for (index, page_owners) in owners.iter().enumerate() {
            body.push(b' ');
            int(&mut body, index as i64);
            body.extend_from_slice(b" [");
            for node in page_owners {
                body.push(b' ');
                match elements.get(*node).copied().flatten() {
                    Some(id) => reference(&mut body, id),
                    None => body.extend_from_slice(b"null"),
                }
            }
            body.extend_from_slice(b" ]");
        }
        for (key, element) in &annotation_owner {
            body.push(b' ');
            int(&mut body, *key);
            body.push(b' ');
            reference(&mut body, *element);
        }
        body.extend_from_slice(b" ] >>");
        file.object(parent_tree, &body);
        let mut body = b"<< /Type /StructTreeRoot /K ".to_vec();
        match elements.get(DOCUMENT).copied().flatten() {
            Some(document) => reference(&mut body, document),
            None => body.extend_from_slice(b"[]"),
        }
        body.extend_from_slice(b" /ParentTree ");
        reference(&mut body, parent_tree);
        body.extend_from_slice(b" /ParentTreeNextKey ");
        int(&mut body, next_key);
        body.extend_from_slice(b" >>");
        file.object(root, &body);
        Some(root)
    } else {
        None
    };

    let outline = write_outline(&mut file, &layout.outline, &page_ids, layout.height);

    // Document information and metadata.
    let date = pdf_date(metadata.date);
    let producer = format!("profilec {}", env!("CARGO_PKG_VERSION"));
    let info = file.id();
    let mut body = b"<< /Title ".to_vec();
    text(&mut body, &metadata.title);
    body.extend_from_slice(b" /Author ");
    text(&mut body, &metadata.author);
    body.extend_from_slice(b" /Subject ");
    text(&mut body, &metadata.subject);
    body.extend_from_slice(b" /Keywords ");
    text(&mut body, &metadata.keywords.join(", "));
    body.extend_from_slice(b" /Creator (profilec) /Producer ");
    text(&mut body, &producer);
    body.extend_from_slice(b" /CreationDate ");
    text(&mut body, &date);
    body.extend_from_slice(b" /ModDate ");
    text(&mut body, &date);
    body.extend_from_slice(b" >>");
    file.object(info, &body);
    let xmp = if tagged {
        let id = file.id();
        let packet = xmp(metadata, &producer);
        file.stream(
            id,
            b" /Type /Metadata /Subtype /XML",
            packet.as_bytes(),
            false,
        )
        .map_err(fail)?;
        Some(id)
    } else {
        None
    };

    let mut body = b"<< /Type /Catalog /Pages ".to_vec();
    reference(&mut body, page_tree);
    body.extend_from_slice(b" /Lang ");
    text(&mut body, &metadata.language);
    body.extend_from_slice(b" /ViewerPreferences << /DisplayDocTitle true >>");
    match outline {
        Some(outline) => {
            body.extend_from_slice(b" /Outlines ");
            reference(&mut body, outline);
            body.extend_from_slice(b" /PageMode /UseOutlines");
        }
        None => body.extend_from_slice(b" /PageMode /UseNone"),
    }
    if let Some(root) = struct_root {
        body.extend_from_slice(b" /MarkInfo << /Marked true >> /StructTreeRoot ");
        reference(&mut body, root);
    }
    if let Some(xmp) = xmp {
        body.extend_from_slice(b" /Metadata ");
        reference(&mut body, xmp);
    }
    body.extend_from_slice(b" >>");
    file.object(catalog, &body);

    // The ID names this content: a hash of every page's drawing and of the
    // document information.
    let mut first = contents_hash;
    let mut second = Fnv(0x8422_2325_cbf2_9ce4);
    second.write(&first.finish().to_be_bytes());
    for part in [
        &metadata.title,
        &metadata.author,
        &metadata.subject,
        &metadata.language,
    ] {
        first.write(part.as_bytes());
        second.write(part.as_bytes());
    }
    first.write(&metadata.date.to_be_bytes());
    second.write(&metadata.date.to_be_bytes());
    let mut id = first.finish().to_be_bytes().to_vec();
    id.extend_from_slice(&second.finish().to_be_bytes());
    let mut trailer = b" /Root ".to_vec();
    reference(&mut trailer, catalog);
    trailer.extend_from_slice(b" /Info ");
    reference(&mut trailer, info);
    trailer.extend_from_slice(b" /ID [");
    syntax::hex_string(&mut trailer, &id);
    syntax::hex_string(&mut trailer, &id);
    trailer.push(b']');
    file.finish(&trailer).map_err(fail)
}

/// Which nodes are in the tree (reachable from the document by kids).
fn reachable(layout: &Layout) -> Vec<bool> {
    let nodes = &layout.structure.nodes;
    let mut on = vec![false; nodes.len()];
    let mut stack = vec![DOCUMENT];
    while let Some(node) = stack.pop() {
        if node >= nodes.len() || on[node] {
            continue;
        }
        on[node] = true;
        for kid in &nodes[node].kids {
            if let Kid::Node(child) = kid {
                stack.push(*child);
            }
        }
    }
    on
}

/// A page's content stream; with it, the MCID of each marked run (by the
/// run's first item) and the node each MCID belongs to.
fn page_content<'f>(
    page: &Page,
    layout: &Layout,
    face_of: &impl Fn(Face) -> Option<&'f EmbeddedFace>,
    fonts: &Fonts,
    tagged: bool,
) -> (Vec<u8>, HashMap<usize, i64>, Vec<usize>) {
    let height = layout.height;
    let mut out = Vec::with_capacity(page.items.len() * 48);
    let mut mcids = HashMap::new();
    let mut owners = Vec::new();
    let mut state = GraphicsState::default();
    let mut i = 0;
    while i < page.items.len() {
        let tag = page.tags.get(i).copied();
        let mut end = i + 1;
        while end < page.items.len() && page.tags.get(end).copied() == tag {
            end += 1;
        }
        if tagged {
            match tag {
                Some(Tag::Node(node)) => {
                    let role = layout
                        .structure
                        .nodes
                        .get(node)
                        .map_or(Role::Document, |n| n.role.clone());
                    name(&mut out, role_name(&role));
                    out.extend_from_slice(b" <</MCID ");
                    int(&mut out, owners.len() as i64);
                    out.extend_from_slice(b">> BDC\n");
                    mcids.insert(i, owners.len() as i64);
                    owners.push(node);
                }
                Some(Tag::Artifact(Artifact::Header)) => {
                    out.extend_from_slice(b"/Artifact <</Type /Pagination /Subtype /Header>> BDC\n")
                }
                Some(Tag::Artifact(Artifact::Footer)) => {
                    out.extend_from_slice(b"/Artifact <</Type /Pagination /Subtype /Footer>> BDC\n")
                }
                Some(Tag::Artifact(Artifact::Layout)) | None => {
                    out.extend_from_slice(b"/Artifact <</Type /Layout>> BDC\n");
                }
            }
        }
        for item in &page.items[i..end] {
            draw(&mut out, &mut state, item, height, face_of, fonts);
        }
        if state.in_text {
            out.extend_from_slice(b"ET\n");
            state.in_text = false;
        }
        if tagged {
            out.extend_from_slice(b"EMC\n");
        }
        i = end;
    }
    (out, mcids, owners)
}

/// What the content stream has set so far, not to set it again.
#[derive(Default)]
struct GraphicsState {
    in_text: bool,
    font: Option<(Face, f32)>,
    fill: Option<Rgb>,
    stroke: Option<Rgb>,
    line_width: Option<f32>,
}

fn color(out: &mut Vec<u8>, c: Rgb, operator: &[u8]) {
    reals(out, &c.0);
    out.push(b' ');
    out.extend_from_slice(operator);
    out.push(b'\n');
}

fn draw<'f>(
    out: &mut Vec<u8>,
    state: &mut GraphicsState,
    item: &Item,
    height: f32,
    face_of: &impl Fn(Face) -> Option<&'f EmbeddedFace>,
    fonts: &Fonts,
) {
    match item {
        Item::Text(run) => {
            let Some(face) = face_of(run.face) else {
                return;
            };
            if !state.in_text {
                out.extend_from_slice(b"BT\n");
                state.in_text = true;
            }
            if state.font != Some((run.face, run.size)) {
                name(out, face.resource);
                out.push(b' ');
                real(out, run.size);
                out.extend_from_slice(b" Tf\n");
                state.font = Some((run.face, run.size));
            }
            if state.fill != Some(run.color) {
                color(out, run.color, b"rg");
                state.fill = Some(run.color);
            }
            out.extend_from_slice(b"1 0 0 1 ");
            reals(out, &[run.x, height - run.baseline]);
            out.extend_from_slice(b" Tm\n");
            show(out, run, face, fonts);
        }
        Item::Line {
            from,
            to,
            width,
            color: c,
        } => {
            if state.in_text {
                out.extend_from_slice(b"ET\n");
                state.in_text = false;
            }
            if state.stroke != Some(*c) {
                color(out, *c, b"RG");
                state.stroke = Some(*c);
            }
            if state.line_width != Some(*width) {
                real(out, *width);
                out.extend_from_slice(b" w\n");
                state.line_width = Some(*width);
            }
            reals(out, &[from.0, height - from.1]);
            out.extend_from_slice(b" m ");
            reals(out, &[to.0, height - to.1]);
            out.extend_from_slice(b" l S\n");
        }
        Item::Fill { rect, color: c } => {
            if state.in_text {
                out.extend_from_slice(b"ET\n");
                state.in_text = false;
            }
            if state.fill != Some(*c) {
                color(out, *c, b"rg");
                state.fill = Some(*c);
            }
            reals(
                out,
                &[rect.x, height - rect.bottom(), rect.width, rect.height],
            );
            out.extend_from_slice(b" re f\n");
        }
        Item::Path {
            points,
            closed,
            fill,
            stroke,
        } => {
            if state.in_text {
                out.extend_from_slice(b"ET\n");
                state.in_text = false;
            }
            path(out, height, points, *closed, *fill, *stroke);
        }
        // A figure's items are drawn in its place (its tag covers them).
        Item::Figure { items, .. } => {
            for item in items {
                draw(out, state, item, height, face_of, fonts);
            }
        }
    }
}

/// Draws a path (a chart's polygon or line) in a graphics state of its own
/// (`q` … `Q`), so that its colors, width, dash and joins change nothing
/// after it: what the content stream had set stays set.
fn path(
    out: &mut Vec<u8>,
    height: f32,
    points: &[(f32, f32)],
    closed: bool,
    fill: Option<Rgb>,
    stroke: Option<PathStroke>,
) {
    if points.len() < 2 || (fill.is_none() && stroke.is_none()) || (!closed && stroke.is_none()) {
        return;
    }
    out.extend_from_slice(b"q\n");
    if let Some(c) = fill {
        color(out, c, b"rg");
    }
    if let Some(s) = stroke {
        color(out, s.color, b"RG");
        real(out, s.width);
        // Round joins.
        out.extend_from_slice(b" w 1 j\n");
        if let Some([dash, gap]) = s.dash {
            out.push(b'[');
            reals(out, &[dash, gap]);
            out.extend_from_slice(b"] 0 d\n");
        }
    }
    for (i, (x, y)) in points.iter().enumerate() {
        reals(out, &[*x, height - y]);
        out.extend_from_slice(if i == 0 { b" m\n".as_slice() } else { b" l\n" });
    }
    out.extend_from_slice(match (closed, fill.is_some(), stroke.is_some()) {
        (true, true, true) => b"h B\nQ\n".as_slice(),
        (true, true, false) => b"h f\nQ\n",
        (true, false, _) => b"h S\nQ\n",
        (false, _, _) => b"S\nQ\n",
    });
}

/// Shows a run's glyphs (`TJ`), in the subset's numbering; where the
/// layout stretched a space, the extra distance follows the glyph (in
/// thousandths of an em, negative to move right).
fn show(out: &mut Vec<u8>, run: &TextRun, face: &EmbeddedFace, fonts: &Fonts) {
    let metrics = fonts.face(run.face);
    out.extend_from_slice(b"[<");
    let mut open = true;
    for g in &run.glyphs {
        if !open {
            out.push(b'<');
            open = true;
        }
        hex_u16(out, face.renumber.get(&g.id).copied().unwrap_or(0));
        if run.size > 0.0 {
            let natural = f32::from(metrics.advance(g.id));
            let offset = natural - g.advance * 1000.0 / run.size;
            if offset.abs() >= 0.05 {
                out.extend_from_slice(b"> ");
                real(out, (offset * 100.0).round() / 100.0);
                out.push(b' ');
                open = false;
            }
        }
    }
    if open {
        out.push(b'>');
    }
    out.extend_from_slice(b"] TJ\n");
}

/// The standard structure type of a role.
fn role_name(role: &Role) -> &'static str {
    match role {
        Role::Document => "Document",
        Role::Heading(1) => "H1",
        Role::Heading(2) => "H2",
        Role::Heading(3) => "H3",
        Role::Heading(4) => "H4",
        Role::Heading(5) => "H5",
        Role::Heading(_) => "H6",
        Role::Paragraph => "P",
        Role::List(_) => "L",
        Role::ListItem => "LI",
        Role::Label => "Lbl",
        Role::ListBody => "LBody",
        Role::Table => "Table",
        Role::TableRow => "TR",
        Role::TableHeader(_) => "TH",
        Role::TableCell => "TD",
        Role::BlockQuote => "BlockQuote",
        Role::Figure { .. } => "Figure",
        Role::Link => "Link",
    }
}

/// A role's entries beyond its type: attributes (a header cell's scope, a
/// list's numbering, a figure's box) and alternative text.
fn attributes(out: &mut Vec<u8>, role: &Role, bbox: Option<[f32; 4]>) {
    match role {
        Role::TableHeader(scope) => out.extend_from_slice(match scope {
            Scope::Column => b" /A << /O /Table /Scope /Column >>".as_slice(),
            Scope::Row => b" /A << /O /Table /Scope /Row >>".as_slice(),
        }),
        Role::List(numbering) => out.extend_from_slice(match numbering {
            Numbering::Decimal => b" /A << /O /List /ListNumbering /Decimal >>".as_slice(),
            Numbering::Disc => b" /A << /O /List /ListNumbering /Disc >>".as_slice(),
        }),
        Role::Figure { alt } => {
            out.extend_from_slice(b" /Alt ");
            text(out, alt);
            if let Some(bbox) = bbox {
                out.extend_from_slice(b" /A << /O /Layout /Placement /Block /BBox [");
                reals(out, &bbox);
                out.extend_from_slice(b"] >>");
            }
        }
        _ => {}
    }
}

/// The box, in PDF coordinates, around what a node draws on its first page.
fn bounding_box(layout: &Layout, kids: &[Kid]) -> Option<[f32; 4]> {
    let fonts = Fonts::embedded().ok()?;
    let mut page_of = None;
    let mut bbox: Option<[f32; 4]> = None;
    for kid in kids {
        let Kid::Content { page, items } = kid else {
            continue;
        };
        if *page_of.get_or_insert(*page) != *page {
            continue;
        }
        for item in layout.pages.get(*page)?.items.get(items.clone())? {
            let [x0, top, x1, bottom] = match item {
                Item::Text(run) => {
                    let m = fonts.face(run.face);
                    [
                        run.x,
                        run.baseline - m.ascent / 1000.0 * run.size,
                        run.x + run.width(),
                        run.baseline + m.descent / 1000.0 * run.size,
                    ]
                }
                Item::Line {
                    from, to, width, ..
                } => [
                    from.0.min(to.0) - width / 2.0,
                    from.1.min(to.1) - width / 2.0,
                    from.0.max(to.0) + width / 2.0,
                    from.1.max(to.1) + width / 2.0,
                ],
                Item::Fill { rect, .. } => [rect.x, rect.y, rect.right(), rect.bottom()],
                Item::Figure { area, .. } => [area.x, area.y, area.right(), area.bottom()],
                Item::Path { points, stroke, .. } => {
                    let half = stroke.map_or(0.0, |s| s.width / 2.0);
                    let (mut x0, mut y0) = (f32::MAX, f32::MAX);
                    let (mut x1, mut y1) = (f32::MIN, f32::MIN);
                    for (x, y) in points {
                        x0 = x0.min(*x);
                        y0 = y0.min(*y);
                        x1 = x1.max(*x);
                        y1 = y1.max(*y);
                    }
                    if points.is_empty() {
                        continue;
                    }
                    [x0 - half, y0 - half, x1 + half, y1 + half]
                }
            };
            let b = [x0, layout.height - bottom, x1, layout.height - top];
            bbox = Some(match bbox {
                None => b,
                Some(a) => [
                    a[0].min(b[0]),
                    a[1].min(b[1]),
                    a[2].max(b[2]),
                    a[3].max(b[3]),
                ],
            });
        }
    }
    bbox
}

/// Writes a structure element per node of the tree.
fn write_elements(
    file: &mut File,
    layout: &Layout,
    elements: &[Option<u32>],
    root: u32,
    page_ids: &[u32],
    mcids: &[HashMap<usize, i64>],
    annotations: &[Vec<u32>],
) -> Result<(), ExportError> {
    // The content and annotations were numbered as the pages were written;
    // a kid that found no number is a defect, not something to write as
    // MCID -1 or object 0.
    let defect = |what: &str| {
        ExportError(format!(
            "the structure tree names {what} that was not written"
        ))
    };
    let page_id = |page: usize| page_ids.get(page).copied().ok_or_else(|| defect("a page"));
    let nodes = &layout.structure.nodes;
    let mut body = Vec::with_capacity(256);
    for (index, node) in nodes.iter().enumerate() {
        let Some(id) = elements.get(index).copied().flatten() else {
            continue;
        };
        body.clear();
        body.extend_from_slice(b"<< /S ");
        name(&mut body, role_name(&node.role));
        body.extend_from_slice(b" /P ");
        let parent = node
            .parent
            .and_then(|p| elements.get(p).copied().flatten())
            .unwrap_or(root);
        reference(&mut body, parent);
        // The page of the first content: marked content there is named by
        // its MCID alone.
        let home = node.kids.iter().find_map(|k| match k {
            Kid::Content { page, .. } | Kid::Link { page, .. } => Some(*page),
            Kid::Node(_) => None,
        });
        if let Some(page) = home.and_then(|p| page_ids.get(p)) {
            body.extend_from_slice(b" /Pg ");
            reference(&mut body, *page);
        }
        let bbox = matches!(node.role, Role::Figure { .. })
            .then(|| bounding_box(layout, &node.kids))
            .flatten();
        attributes(&mut body, &node.role, bbox);
        // A lone kid is written as itself, not in an array (smaller, and
        // what some checkers expect of a heading).
        let single = node.kids.len() == 1;
        body.extend_from_slice(if single { b" /K".as_slice() } else { b" /K [" });
        for kid in &node.kids {
            body.push(b' ');
            match kid {
                Kid::Node(child) => match elements.get(*child).copied().flatten() {
                    Some(child) => reference(&mut body, child),
                    None => body.extend_from_slice(b"null"),
                },
                Kid::Content { page, items } => {
                    let mcid = mcids
                        .get(*page)
                        .and_then(|m| m.get(&items.start))
                        .copied()
                        .ok_or_else(|| defect("marked content"))?;
                    if Some(*page) == home {
                        int(&mut body, mcid);
                    } else {
                        body.extend_from_slice(b"<< /Type /MCR /Pg ");
                        reference(&mut body, page_id(*page)?);
                        body.extend_from_slice(b" /MCID ");
                        int(&mut body, mcid);
                        body.extend_from_slice(b" >>");
                    }
                }
                Kid::Link { page, link } => {
                    body.extend_from_slice(b"<< /Type /OBJR /Pg ");
                    reference(&mut body, page_id(*page)?);
                    body.extend_from_slice(b" /Obj ");
                    let annotation = annotations
                        .get(*page)
                        .and_then(|a| a.get(*link))
                        .copied()
                        .ok_or_else(|| defect("a link annotation"))?;
                    reference(&mut body, annotation);
                    body.extend_from_slice(b" >>");
                }
            }
        }
        body.extend_from_slice(if single { b" >>".as_slice() } else { b" ] >>" });
        file.object(id, &body);
    }
    Ok(())
}

/// Writes one face: the Type 0 font, its CID font and descriptor, the
/// subset's font program and the `/ToUnicode` map.
fn write_font(
    file: &mut File,
    font: u32,
    face: &EmbeddedFace,
    glyphs: &BTreeMap<u16, char>,
    program: &[u8],
    metrics: &super::fonts::FaceMetrics,
) -> Result<(), String> {
    let cid_font = file.id();
    let descriptor = file.id();
    let font_file = file.id();
    let to_unicode = file.id();
    let base_name = format!(
        "{}+{}",
        subset_tag(face.face, glyphs.keys().copied()),
        face.face.postscript_name()
    );

    let mut body = b"<< /Type /Font /Subtype /Type0 /BaseFont ".to_vec();
    name(&mut body, &base_name);
    body.extend_from_slice(b" /Encoding /Identity-H /DescendantFonts [");
    reference(&mut body, cid_font);
    body.extend_from_slice(b"] /ToUnicode ");
    reference(&mut body, to_unicode);
    body.extend_from_slice(b" >>");
    file.object(font, &body);

    // Widths by the subset's numbering, which is the order of the
    // original ids (glyph 0 first): one run from 0.
    let mut widths: Vec<(u16, u16)> = face
        .renumber
        .iter()
        .map(|(old, new)| (*new, metrics.advance(*old)))
        .collect();
    widths.sort_unstable();
    let mut body = b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont ".to_vec();
    name(&mut body, &base_name);
    body.extend_from_slice(
        b" /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor ",
    );
    reference(&mut body, descriptor);
    body.extend_from_slice(b" /DW 0 /W [");
    let mut expected = None;
    for (gid, width) in &widths {
        if expected != Some(*gid) {
            if expected.is_some() {
                body.push(b']');
            }
            body.push(b' ');
            int(&mut body, i64::from(*gid));
            body.extend_from_slice(b" [");
        } else {
            body.push(b' ');
        }
        int(&mut body, i64::from(*width));
        expected = gid.checked_add(1);
    }
    if expected.is_some() {
        body.push(b']');
    }
    body.extend_from_slice(b" ] /CIDToGIDMap /Identity >>");
    file.object(cid_font, &body);

    let d = metrics.descriptor;
    let mut body = b"<< /Type /FontDescriptor /FontName ".to_vec();
    name(&mut body, &base_name);
    // Non-symbolic (32), italic (64).
    body.extend_from_slice(if d.italic {
        b" /Flags 96 /FontBBox [".as_slice()
    } else {
        b" /Flags 32 /FontBBox [".as_slice()
    });
    for (i, v) in d.bbox.iter().enumerate() {
        if i > 0 {
            body.push(b' ');
        }
        int(&mut body, i64::from(*v));
    }
    body.extend_from_slice(b"] /ItalicAngle ");
    real(&mut body, d.italic_angle);
    body.extend_from_slice(b" /Ascent ");
    real(&mut body, metrics.ascent.round());
    body.extend_from_slice(b" /Descent ");
    real(&mut body, -metrics.descent.round());
    body.extend_from_slice(b" /CapHeight ");
    int(&mut body, i64::from(d.cap_height));
    body.extend_from_slice(b" /StemV 80 /FontFile2 ");
    reference(&mut body, font_file);
    body.extend_from_slice(b" >>");
    file.object(descriptor, &body);

    let mut entries = b" /Length1 ".to_vec();
    int(&mut entries, program.len() as i64);
    file.stream(font_file, &entries, program, true)?;

    let mut cmap = Vec::with_capacity(glyphs.len() * 16 + 512);
    cmap.extend_from_slice(
        b"/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    let mut pairs: Vec<(u16, char)> = glyphs
        .iter()
        .filter_map(|(old, c)| face.renumber.get(old).map(|new| (*new, *c)))
        .collect();
    pairs.sort_unstable();
    for block in pairs.chunks(100) {
        int(&mut cmap, block.len() as i64);
        cmap.extend_from_slice(b" beginbfchar\n");
        for (gid, c) in block {
            cmap.push(b'<');
            hex_u16(&mut cmap, *gid);
            cmap.extend_from_slice(b"> <");
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                hex_u16(&mut cmap, *unit);
            }
            cmap.extend_from_slice(b">\n");
        }
        cmap.extend_from_slice(b"endbfchar\n");
    }
    cmap.extend_from_slice(b"endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    file.stream(to_unicode, b"", &cmap, true)
}

/// The six capital letters that mark a subset font, from its glyph set.
fn subset_tag(face: Face, glyphs: impl Iterator<Item = u16>) -> String {
    let mut hash = Fnv::new();
    hash.write(face.postscript_name().as_bytes());
    for g in glyphs {
        hash.write(&g.to_be_bytes());
    }
    let mut value = hash.finish();
    (0..6)
        .map(|_| {
            let letter = (b'A' + (value % 26) as u8) as char;
            value /= 26;
            letter
        })
        .collect()
}

/// Writes the outline tree; returns the outline dictionary's id.
fn write_outline(
    file: &mut File,
    entries: &[OutlineEntry],
    pages: &[u32],
    height: f32,
) -> Option<u32> {
    if entries.is_empty() {
        return None;
    }
    // Parent of each entry: the nearest earlier entry of a lower level.
    let mut parents: Vec<Option<usize>> = Vec::with_capacity(entries.len());
    let mut stack: Vec<usize> = Vec::new();
    for (i, entry) in entries.iter().enumerate() {
        while stack
            .last()
            .is_some_and(|&s| entries[s].level >= entry.level)
        {
            stack.pop();
        }
        parents.push(stack.last().copied());
        stack.push(i);
    }
    let root = file.id();
    let ids: Vec<u32> = entries.iter().map(|_| file.id()).collect();
    let mut top: Vec<usize> = Vec::new();
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); entries.len()];
    for (i, parent) in parents.iter().enumerate() {
        match parent {
            Some(p) => children[*p].push(i),
            None => top.push(i),
        }
    }
    let mut positions = vec![0usize; entries.len()];
    for list in children.iter().chain(std::iter::once(&top)) {
        for (position, &i) in list.iter().enumerate() {
            positions[i] = position;
        }
    }
    // Open entries count all their descendants; children come after their
    // parent, so one backward pass adds them up.
    let mut descendants = vec![0i64; entries.len()];
    for i in (0..entries.len()).rev() {
        if let Some(p) = parents[i] {
            descendants[p] += 1 + descendants[i];
        }
    }
    let mut body = Vec::with_capacity(160);
    for (i, entry) in entries.iter().enumerate() {
        let siblings = match parents[i] {
            Some(p) => &children[p],
            None => &top,
        };
        let position = positions[i];
        body.clear();
        body.extend_from_slice(b"<< /Title ");
        text(&mut body, &entry.title);
        body.extend_from_slice(b" /Parent ");
        reference(&mut body, parents[i].map_or(root, |p| ids[p]));
        if position > 0 {
            body.extend_from_slice(b" /Prev ");
            reference(&mut body, ids[siblings[position - 1]]);
        }
        if let Some(next) = siblings.get(position + 1) {
            body.extend_from_slice(b" /Next ");
            reference(&mut body, ids[*next]);
        }
        if let (Some(first), Some(last)) = (children[i].first(), children[i].last()) {
            body.extend_from_slice(b" /First ");
            reference(&mut body, ids[*first]);
            body.extend_from_slice(b" /Last ");
            reference(&mut body, ids[*last]);
            body.extend_from_slice(b" /Count ");
            int(&mut body, descendants[i]);
        }
        if let Some(page) = pages.get(entry.page) {
            body.extend_from_slice(b" /Dest [");
            reference(&mut body, *page);
            body.extend_from_slice(b" /XYZ null ");
            real(&mut body, height - entry.y);
            body.extend_from_slice(b" null]");
        }
        body.extend_from_slice(b" >>");
        file.object(ids[i], &body);
    }
    body.clear();
    body.extend_from_slice(b"<< /Type /Outlines");
    if let (Some(first), Some(last)) = (top.first(), top.last()) {
        body.extend_from_slice(b" /First ");
        reference(&mut body, ids[*first]);
        body.extend_from_slice(b" /Last ");
        reference(&mut body, ids[*last]);
    }
    body.extend_from_slice(b" /Count ");
    int(&mut body, entries.len() as i64);
    body.extend_from_slice(b" >>");
    file.object(root, &body);
    Some(root)
}

/// A time in seconds since 1970 as a UTC calendar time (saturating at
/// the ends of the range the calendar holds).
fn utc(seconds: i64) -> jiff::civil::DateTime {
    let time = jiff::Timestamp::from_second(seconds).unwrap_or(if seconds < 0 {
        jiff::Timestamp::MIN
    } else {
        jiff::Timestamp::MAX
    });
    jiff::tz::Offset::UTC.to_datetime(time)
}

/// A PDF date: `D:20150202000000+00'00'`.
fn pdf_date(seconds: i64) -> String {
    let t = utc(seconds);
    format!(
        "D:{:04}{:02}{:02}{:02}{:02}{:02}+00'00'",
        t.year(),
        t.month(),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

/// The XMP metadata packet: the document's properties, and its claim to
/// PDF/UA-1 (`pdfuaid:part`).
fn xmp(metadata: &Metadata, producer: &str) -> String {
    let t = utc(metadata.date);
    let date = format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        t.year(),
        t.month(),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    );
    let e = crate::render::templates::escape_xml;
    format!(
        "<?xpacket begin=\"\u{feff}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n\
<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n\
<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n\
<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" \
xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" \
xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n\
<dc:format>application/pdf</dc:format>\n\
<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">{title}</rdf:li></rdf:Alt></dc:title>\n\
<dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>\n\
<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">{subject}</rdf:li></rdf:Alt></dc:description>\n\
<dc:language><rdf:Bag><rdf:li>{language}</rdf:li></rdf:Bag></dc:language>\n\
<pdf:Keywords>{keywords}</pdf:Keywords>\n\
<pdf:Producer>{producer}</pdf:Producer>\n\
<xmp:CreatorTool>profilec</xmp:CreatorTool>\n\
<xmp:CreateDate>{date}</xmp:CreateDate>\n\
<xmp:ModifyDate>{date}</xmp:ModifyDate>\n\
<xmp:MetadataDate>{date}</xmp:MetadataDate>\n\
<pdfuaid:part>1</pdfuaid:part>\n\
</rdf:Description>\n\
</rdf:RDF>\n\
</x:xmpmeta>\n\
<?xpacket end=\"w\"?>",
        title = e(&metadata.title),
        author = e(&metadata.author),
        subject = e(&metadata.subject),
        language = e(&metadata.language),
        keywords = e(&metadata.keywords.join(", ")),
        producer = e(producer),
    )
}

/// The FNV-1a hash of some bytes: stable across platforms and versions,
/// for identifiers and tests (not for security).
pub fn fnv64(bytes: &[u8]) -> u64 {
    let mut hash = Fnv::new();
    hash.write(bytes);
    hash.finish()
}

/// FNV-1a, 64 bits: a stable hash for identifiers (not for security).
#[derive(Clone, Copy)]
struct Fnv(u64);

impl Fnv {
    fn new() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }

    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests;
