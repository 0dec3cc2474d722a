//! Writing a laid-out document as PDF bytes: the only user of printpdf (and
//! of lopdf, the object model printpdf writes through).
//!
//! printpdf turns the pages' drawing operations into content streams and
//! embeds the fonts (as CID fonts with `/ToUnicode` maps, so the text can be
//! selected, searched and extracted). Its own identifiers and document ID are
//! random and its bookmarks are flat and sorted by name, so this module
//! subsets the fonts itself (through [`super::fonts`]) before handing them
//! over, names every resource, and finishes printpdf's object tree with
//! lopdf: a nested outline with exact destinations, the document language,
//! and a document ID derived from the content. The dates are the ones the
//! caller gives. The result is the same bytes for the same layout, always.
//! Returns bytes; writes no files.

use std::collections::{BTreeMap, BTreeSet};

use lopdf::{Dictionary, Object, ObjectId, StringFormat};
use printpdf::{
    Actions, BorderArray, Codepoint, Color, ColorArray, Destination, FontId, HighlightingMode,
    Line as PdfLine, LineDashPattern, LineJoinStyle, LinePoint, LinkAnnotation, Mm, Op, PaintMode,
    ParsedFont, PdfDocument, PdfFont, PdfFontHandle, PdfPage, PdfParseErrorSeverity,
    PdfSaveOptions, Point, Polygon, PolygonRing, Pt, Rect, TextItem, TextMatrix, WindingOrder,
};

use super::fonts::{Face, subset_face};
use super::layout::{Item, Layout, OutlineEntry, PathStroke, Target, TextRun};
use super::style::Rgb;

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

/// Writes the layout as a PDF file.
pub fn export(layout: &Layout, metadata: &Metadata) -> Result<Vec<u8>, ExportError> {
    // The glyphs each face draws, to embed no more than that.
    let mut used: BTreeMap<Face, BTreeSet<u16>> = BTreeMap::new();
    for page in &layout.pages {
        for item in drawn(&page.items) {
            if let Item::Text(run) = item {
                used.entry(run.face)
                    .or_default()
                    .extend(run.glyphs.iter().map(|g| g.id));
            }
        }
    }

    let mut pdf = PdfDocument::new(&metadata.title);
    let mut renumber: BTreeMap<Face, std::collections::HashMap<u16, u16>> = BTreeMap::new();
    for (face, glyphs) in &used {
        let glyphs: Vec<u16> = glyphs.iter().copied().collect();
        let subset = subset_face(*face, &glyphs).map_err(|e| ExportError(e.to_string()))?;
        let mut warnings = Vec::new();
        let mut parsed =
            ParsedFont::from_bytes(&subset.bytes, 0, &mut warnings).ok_or_else(|| {
                ExportError(format!(
                    "the subset of {} cannot be read back: {warnings:?}",
                    face.postscript_name()
                ))
            })?;
        parsed.font_name = Some(format!(
            "{}+{}",
            subset_tag(*face, &glyphs),
            face.postscript_name()
        ));
        pdf.resources
            .fonts
            .map
            .insert(font_id(*face), PdfFont::new(parsed));
        renumber.insert(*face, subset.glyphs);
    }

    let height = layout.height;
    for page in &layout.pages {
        let mut ops = Vec::new();
        let mut in_text = false;
        let mut font: Option<(Face, f32)> = None;
        let mut fill: Option<Rgb> = None;
        for item in drawn(&page.items) {
            match item {
                Item::Text(run) => {
                    if !in_text {
                        ops.push(Op::StartTextSection);
                        in_text = true;
                    }
                    if font != Some((run.face, run.size)) {
                        ops.push(Op::SetFont {
                            font: PdfFontHandle::External(font_id(run.face)),
                            size: Pt(run.size),
                        });
                        font = Some((run.face, run.size));
                    }
                    if fill != Some(run.color) {
                        ops.push(Op::SetFillColor {
                            col: color(run.color),
                        });
                        fill = Some(run.color);
                    }
                    ops.push(Op::SetTextMatrix {
                        matrix: TextMatrix::Translate(Pt(run.x), Pt(height - run.baseline)),
                    });
                    ops.push(Op::ShowText {
                        items: vec![TextItem::GlyphIds(codepoints(run, renumber.get(&run.face)))],
                    });
                }
                Item::Line {
                    from,
                    to,
                    width,
                    color: c,
                } => {
                    if in_text {
                        ops.push(Op::EndTextSection);
                        in_text = false;
                    }
                    ops.push(Op::SetOutlineColor { col: color(*c) });
                    ops.push(Op::SetOutlineThickness { pt: Pt(*width) });
                    ops.push(Op::DrawLine {
                        line: PdfLine {
                            points: vec![
                                LinePoint {
                                    p: Point {
                                        x: Pt(from.0),
                                        y: Pt(height - from.1),
                                    },
                                    bezier: false,
                                },
                                LinePoint {
                                    p: Point {
                                        x: Pt(to.0),
                                        y: Pt(height - to.1),
                                    },
                                    bezier: false,
                                },
                            ],
                            is_closed: false,
                        },
                    });
                }
                Item::Fill { rect, color: c } => {
                    if in_text {
                        ops.push(Op::EndTextSection);
                        in_text = false;
                    }
                    ops.push(Op::SetFillColor { col: color(*c) });
                    fill = Some(*c);
                    ops.push(Op::DrawRectangle {
                        rectangle: Rect {
                            x: Pt(rect.x),
                            y: Pt(height - rect.bottom()),
                            width: Pt(rect.width),
                            height: Pt(rect.height),
                            mode: Some(PaintMode::Fill),
                            winding_order: None,
                        },
                    });
                }
                Item::Path {
                    points,
                    closed,
                    fill: paint,
                    stroke,
                } => {
                    if in_text {
                        ops.push(Op::EndTextSection);
                        in_text = false;
                    }
                    path_ops(&mut ops, height, points, *closed, *paint, *stroke);
                }
                // `drawn` opens figures: their items come one by one.
                Item::Figure { .. } => {}
            }
        }
        if in_text {
            ops.push(Op::EndTextSection);
        }
        for link in &page.links {
            let actions = match &link.target {
                Target::Uri(uri) => Actions::Uri(uri.clone()),
                Target::Internal { page, y } => Actions::Goto(Destination::Xyz {
                    page: page + 1,
                    left: None,
                    top: Some(height - y),
                    zoom: None,
                }),
            };
            ops.push(Op::LinkAnnotation {
                link: LinkAnnotation::new(
                    Rect::from_xywh(
                        Pt(link.rect.x),
                        Pt(height - link.rect.bottom()),
                        Pt(link.rect.width),
                        Pt(link.rect.height),
                    ),
                    actions,
                    // No border: the link is shown by its color.
                    Some(BorderArray::Solid([0.0, 0.0, 0.0])),
                    Some(ColorArray::Transparent),
                    Some(HighlightingMode::Invert),
                ),
            });
        }
        pdf.pages.push(PdfPage::new(
            Mm::from(Pt(layout.width)),
            Mm::from(Pt(layout.height)),
            ops,
        ));
        // PdfPage::new goes through millimetres; keep the exact size.
        if let Some(last) = pdf.pages.last_mut() {
            let size = Rect::from_wh(Pt(layout.width), Pt(layout.height));
            last.media_box = size.clone();
            last.trim_box = size.clone();
            last.crop_box = size;
        }
    }
    if pdf.pages.is_empty() {
        pdf.pages.push(PdfPage::new(
            Mm::from(Pt(layout.width)),
            Mm::from(Pt(layout.height)),
            Vec::new(),
        ));
    }

    let info = &mut pdf.metadata.info;
    info.document_title = metadata.title.clone();
    info.author = metadata.author.clone();
    info.subject = metadata.subject.clone();
    info.keywords = metadata.keywords.clone();
    info.creator = "profilec".to_owned();
    info.producer = format!("profilec {} (printpdf)", env!("CARGO_PKG_VERSION"));
    let date = printpdf::OffsetDateTime::from_unix_timestamp(metadata.date)
        .map_err(|e| ExportError(format!("date {}: {e}", metadata.date)))?;
    info.creation_date = date;
    info.modification_date = date;
    info.metadata_date = date;

    let options = PdfSaveOptions {
        optimize: false,
        subset_fonts: false,
        secure: true,
        image_optimization: None,
    };
    let mut warnings = Vec::new();
    let mut doc = printpdf::serialize::to_lopdf_doc(&pdf, &options, &mut warnings);
    if let Some(error) = warnings
        .iter()
        .find(|w| w.severity == PdfParseErrorSeverity::Error)
    {
        return Err(ExportError(error.msg.clone()));
    }
    finish(&mut doc, layout, metadata)?;
    compress(&mut doc)?;
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes)
        .map_err(|e| ExportError(format!("cannot serialize: {e}")))?;
    Ok(bytes)
}

/// Compresses every stream that may be and is not yet, with zlib at its
/// default level. lopdf's own `compress` uses the best level, which made
/// deflate ~40% of the time of a site build with PDFs (1,960 documents) for
/// output a few percent smaller. flate2 runs on zlib-rs (see Cargo.toml),
/// which deflates in about half the time of the default miniz_oxide for the
/// same size.
fn compress(doc: &mut lopdf::Document) -> Result<(), ExportError> {
    use std::io::Write;
    for object in doc.objects.values_mut() {
        let Object::Stream(stream) = object else {
            continue;
        };
        if !stream.allows_compression || stream.dict.get(b"Filter").is_ok() {
            continue;
        }
        let mut encoder =
            flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        encoder
            .write_all(&stream.content)
            .and_then(|()| encoder.finish())
            .map_err(|e| ExportError(format!("cannot compress a stream: {e}")))
            .map(|compressed| {
                if compressed.len() + 19 < stream.content.len() {
                    stream.dict.set("Filter", "FlateDecode");
                    stream.set_content(compressed);
                }
            })?;
    }
    Ok(())
}

/// The resource name of a face.
fn font_id(face: Face) -> FontId {
    FontId(
        match face {
            Face::Regular => "NotoR",
            Face::Bold => "NotoB",
            Face::Italic => "NotoI",
        }
        .to_owned(),
    )
}

/// The items of a page as they are drawn: a figure's items in its place.
fn drawn(items: &[Item]) -> Vec<&Item> {
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        match item {
            Item::Figure { items, .. } => out.extend(drawn(items)),
            other => out.push(other),
        }
    }
    out
}

/// Draws a path (a chart's polygon or line) in a graphics state of its own,
/// so that its dash and joins change nothing after it, and leaves the fill
/// color as it found it.
fn path_ops(
    ops: &mut Vec<Op>,
    height: f32,
    points: &[(f32, f32)],
    closed: bool,
    fill: Option<Rgb>,
    stroke: Option<PathStroke>,
) {
    if points.len() < 2 || (fill.is_none() && stroke.is_none()) {
        return;
    }
    let points: Vec<LinePoint> = points
        .iter()
        .map(|(x, y)| LinePoint {
            p: Point {
                x: Pt(*x),
                y: Pt(height - y),
            },
            bezier: false,
        })
        .collect();
    ops.push(Op::SaveGraphicsState);
    if let Some(c) = fill {
        ops.push(Op::SetFillColor { col: color(c) });
    }
    if let Some(s) = stroke {
        ops.push(Op::SetOutlineColor {
            col: color(s.color),
        });
        ops.push(Op::SetOutlineThickness { pt: Pt(s.width) });
        ops.push(Op::SetLineJoinStyle {
            join: LineJoinStyle::Round,
        });
        if let Some([dash, gap]) = s.dash {
            ops.push(Op::SetLineDashPattern {
                dash: LineDashPattern::new(0.0, &[dash, gap]),
            });
        }
    }
    if closed {
        let mode = match (fill, stroke) {
            (Some(_), Some(_)) => PaintMode::FillStroke,
            (Some(_), None) => PaintMode::Fill,
            _ => PaintMode::Stroke,
        };
        ops.push(Op::DrawPolygon {
            polygon: Polygon {
                rings: vec![PolygonRing { points }],
                mode,
                winding_order: WindingOrder::NonZero,
            },
        });
    } else if stroke.is_some() {
        ops.push(Op::DrawLine {
            line: PdfLine {
                points,
                is_closed: false,
            },
        });
    }
    ops.push(Op::RestoreGraphicsState);
}

fn color(c: Rgb) -> Color {
    Color::Rgb(printpdf::Rgb {
        r: c.0[0],
        g: c.0[1],
        b: c.0[2],
        icc_profile: None,
    })
}

/// The glyphs of a run in the subset's numbering, each with the character
/// it shows (for `/ToUnicode`) and, where the layout stretched a space, the
/// extra distance (a `TJ` adjustment, in thousandths of an em, negative to
/// move right).
fn codepoints(
    run: &TextRun,
    renumber: Option<&std::collections::HashMap<u16, u16>>,
) -> Vec<Codepoint> {
    let fonts = super::fonts::Fonts::embedded().ok();
    run.glyphs
        .iter()
        .map(|g| {
            let natural = fonts.map_or(0.0, |f| f32::from(f.face(run.face).advance(g.id)));
            let wanted = if run.size > 0.0 {
                g.advance * 1000.0 / run.size
            } else {
                natural
            };
            let offset = natural - wanted;
            Codepoint {
                gid: renumber.and_then(|r| r.get(&g.id).copied()).unwrap_or(0),
                offset: if offset.abs() < 0.05 {
                    0.0
                } else {
                    (offset * 100.0).round() / 100.0
                },
                cid: Some(g.text.to_string()),
            }
        })
        .collect()
}

/// The six capital letters that mark a subset font, from its glyph set.
fn subset_tag(face: Face, glyphs: &[u16]) -> String {
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

/// The FNV-1a hash of some bytes: stable across platforms and versions,
/// for identifiers and tests (not for security).
pub fn fnv64(bytes: &[u8]) -> u64 {
    let mut hash = Fnv::new();
    hash.write(bytes);
    hash.finish()
}

/// FNV-1a, 64 bits: a stable hash for identifiers (not for security).
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

/// Completes printpdf's object tree: outline, language, viewer
/// preferences, clean document information and a content-derived ID.
fn finish(
    doc: &mut lopdf::Document,
    layout: &Layout,
    metadata: &Metadata,
) -> Result<(), ExportError> {
    let fail = |what: &str| ExportError(format!("printpdf's output has no {what}"));
    let root = doc
        .trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .map_err(|_| fail("catalog"))?;
    let pages: Vec<ObjectId> = doc.get_pages().values().copied().collect();

    let outline = write_outline(doc, &layout.outline, &pages, layout.height);

    let catalog = doc
        .get_object_mut(root)
        .and_then(Object::as_dict_mut)
        .map_err(|_| fail("catalog"))?;
    catalog.set("Lang", text_string(&metadata.language));
    catalog.set(
        "ViewerPreferences",
        Dictionary::from_iter(vec![("DisplayDocTitle", Object::Boolean(true))]),
    );
    match outline {
        Some(outline) => {
            catalog.set("Outlines", Object::Reference(outline));
            catalog.set("PageMode", Object::Name(b"UseOutlines".to_vec()));
        }
        None => catalog.set("PageMode", Object::Name(b"UseNone".to_vec())),
    }

    // printpdf writes empty PDF/X fields; a plain document has none.
    if let Ok(info) = doc
        .trailer
        .get(b"Info")
        .and_then(Object::as_reference)
        .and_then(|id| doc.get_object_mut(id))
        .and_then(Object::as_dict_mut)
    {
        info.remove(b"GTS_PDFXVersion");
        info.remove(b"Identifier");
        info.remove(b"Trapped");
    }

    // The ID names this content: a hash of every page's drawing and of the
    // document information.
    let mut first = Fnv::new();
    let mut second = Fnv(0x84222325cbf29ce4);
    for page in &pages {
        let content = doc.get_page_content(*page);
        first.write(&content);
        second.write(&content);
    }
    for text in [
        &metadata.title,
        &metadata.author,
        &metadata.subject,
        &metadata.language,
    ] {
        first.write(text.as_bytes());
        second.write(text.as_bytes());
    }
    first.write(&metadata.date.to_be_bytes());
    second.write(&metadata.date.to_be_bytes());
    let mut id = first.finish().to_be_bytes().to_vec();
    id.extend_from_slice(&second.finish().to_be_bytes());
    doc.trailer.set(
        "ID",
        Object::Array(vec![
            Object::String(id.clone(), StringFormat::Hexadecimal),
            Object::String(id, StringFormat::Hexadecimal),
        ]),
    );
    doc.version = "1.7".to_owned();
    Ok(())
}

/// A PDF text string: plain if ASCII, else UTF-16BE with a byte-order mark.
fn text_string(text: &str) -> Object {
    if text.is_ascii() {
        Object::String(text.as_bytes().to_vec(), StringFormat::Literal)
    } else {
        let mut bytes = vec![0xfe, 0xff];
        for unit in text.encode_utf16() {
            bytes.extend_from_slice(&unit.to_be_bytes());
        }
        Object::String(bytes, StringFormat::Hexadecimal)
    }
}

/// Writes the outline tree; returns the outline dictionary's id.
fn write_outline(
    doc: &mut lopdf::Document,
    entries: &[OutlineEntry],
    pages: &[ObjectId],
    height: f32,
) -> Option<ObjectId> {
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
    let root = doc.new_object_id();
    let ids: Vec<ObjectId> = entries.iter().map(|_| doc.new_object_id()).collect();
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
    for (i, entry) in entries.iter().enumerate() {
        let siblings = match parents[i] {
            Some(p) => &children[p],
            None => &top,
        };
        let position = positions[i];
        let mut dict = Dictionary::new();
        dict.set("Title", text_string(&entry.title));
        dict.set(
            "Parent",
            Object::Reference(parents[i].map_or(root, |p| ids[p])),
        );
        if position > 0 {
            dict.set("Prev", Object::Reference(ids[siblings[position - 1]]));
        }
        if let Some(next) = siblings.get(position + 1) {
            dict.set("Next", Object::Reference(ids[*next]));
        }
        if let (Some(first), Some(last)) = (children[i].first(), children[i].last()) {
            dict.set("First", Object::Reference(ids[*first]));
            dict.set("Last", Object::Reference(ids[*last]));
            dict.set("Count", Object::Integer(descendants[i]));
        }
        if let Some(page) = pages.get(entry.page) {
            dict.set(
                "Dest",
                Object::Array(vec![
                    Object::Reference(*page),
                    Object::Name(b"XYZ".to_vec()),
                    Object::Null,
                    Object::Real(height - entry.y),
                    Object::Null,
                ]),
            );
        }
        doc.objects.insert(ids[i], Object::Dictionary(dict));
    }
    let mut outline = Dictionary::new();
    outline.set("Type", Object::Name(b"Outlines".to_vec()));
    if let (Some(first), Some(last)) = (top.first(), top.last()) {
        outline.set("First", Object::Reference(ids[*first]));
        outline.set("Last", Object::Reference(ids[*last]));
    }
    outline.set("Count", Object::Integer(entries.len() as i64));
    doc.objects.insert(root, Object::Dictionary(outline));
    Some(root)
}
