//! The export on small synthetic layouts, read back with lopdf.

use lopdf::{Document, Object, ObjectId};

use super::*;
use crate::pdf::layout::structure::{Drawn, NodeId, Structure};
use crate::pdf::layout::{Link, Rect};
use crate::pdf::text::Glyph;

fn metadata() -> Metadata {
    Metadata {
        title: "A chart (test)".into(),
        author: "Tester".into(),
        subject: "Figures".into(),
        keywords: vec!["a".into()],
        language: "en".into(),
        date: 1_422_835_200,
    }
}

fn run(text: &str, x: f32, baseline: f32) -> Item {
    let fonts = Fonts::embedded().unwrap();
    let face = fonts.face(Face::Regular);
    Item::Text(TextRun {
        x,
        baseline,
        face: Face::Regular,
        size: 10.0,
        color: Rgb([0.0, 0.0, 0.0]),
        glyphs: text
            .chars()
            .map(|c| {
                let id = face.glyph(c).unwrap();
                Glyph {
                    id,
                    text: c,
                    advance: f32::from(face.advance(id)) / 100.0,
                }
            })
            .collect(),
    })
}

/// A page with a caption paragraph, a drawn chart (a figure with its
/// description: two bars, an axis and a label) and a decorative rule.
fn chart_layout() -> (Layout, NodeId, NodeId) {
    let mut structure = Structure::default();
    let caption = structure.open(Role::Paragraph, DOCUMENT);
    let figure = structure.open(
        Role::Figure {
            alt: "Scores: legal 20, technical 12.5".into(),
        },
        DOCUMENT,
    );
    let drawn = [
        Drawn {
            tag: Tag::Node(caption),
            item: run("Figure 1", 50.0, 100.0),
        },
        Drawn {
            tag: Tag::Node(figure),
            item: Item::Fill {
                rect: Rect {
                    x: 60.0,
                    y: 200.0,
                    width: 20.0,
                    height: 100.0,
                },
                color: Rgb([0.0, 0.35, 0.6]),
            },
        },
        Drawn {
            tag: Tag::Node(figure),
            item: Item::Fill {
                rect: Rect {
                    x: 90.0,
                    y: 240.0,
                    width: 20.0,
                    height: 60.0,
                },
                color: Rgb([0.0, 0.35, 0.6]),
            },
        },
        Drawn {
            tag: Tag::Node(figure),
            item: Item::Line {
                from: (55.0, 300.0),
                to: (120.0, 300.0),
                width: 1.0,
                color: Rgb([0.0, 0.0, 0.0]),
            },
        },
        Drawn {
            tag: Tag::Node(figure),
            item: run("20", 62.0, 312.0),
        },
        Drawn::decoration(Item::Line {
            from: (50.0, 400.0),
            to: (500.0, 400.0),
            width: 0.5,
            color: Rgb([0.5, 0.5, 0.5]),
        }),
    ];
    let page = Page {
        body: Rect {
            x: 50.0,
            y: 50.0,
            width: 495.0,
            height: 700.0,
        },
        items: drawn.iter().map(|d| d.item.clone()).collect(),
        tags: drawn.iter().map(|d| d.tag).collect(),
        links: Vec::new(),
        filled_to: 400.0,
    };
    let pages = vec![page];
    structure.assemble(&pages);
    let layout = Layout {
        width: 595.0,
        height: 842.0,
        pages,
        outline: Vec::new(),
        missing: Default::default(),
        structure,
    };
    (layout, caption, figure)
}

fn deref<'a>(doc: &'a Document, object: &'a Object) -> &'a Object {
    match object {
        Object::Reference(id) => doc.get_object(*id).unwrap(),
        other => other,
    }
}

/// The structure elements under the document element, with their ids.
fn document_kids(doc: &Document) -> Vec<(ObjectId, &lopdf::Dictionary)> {
    let catalog = doc.catalog().unwrap();
    let root = deref(doc, catalog.get(b"StructTreeRoot").unwrap())
        .as_dict()
        .unwrap();
    let document = deref(doc, root.get(b"K").unwrap()).as_dict().unwrap();
    assert_eq!(document.get(b"S").unwrap().as_name().unwrap(), b"Document");
    document
        .get(b"K")
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .map(|k| {
            let id = k.as_reference().unwrap();
            (id, doc.get_object(id).unwrap().as_dict().unwrap())
        })
        .collect()
}

#[test]
fn a_figure_is_an_element_with_its_description_its_box_and_its_drawing() {
    let (layout, _, _) = chart_layout();
    let bytes = export(&layout, &metadata()).unwrap();
    let doc = Document::load_mem(&bytes).unwrap();
    let kids = document_kids(&doc);
    let roles: Vec<&[u8]> = kids
        .iter()
        .map(|(_, d)| d.get(b"S").unwrap().as_name().unwrap())
        .collect();
    assert_eq!(roles, [b"P".as_slice(), b"Figure".as_slice()]);
    let (figure_id, figure) = kids[1];
    assert_eq!(
        figure.get(b"Alt").unwrap().as_str().unwrap(),
        b"Scores: legal 20, technical 12.5"
    );
    let attributes = deref(&doc, figure.get(b"A").unwrap()).as_dict().unwrap();
    assert_eq!(attributes.get(b"O").unwrap().as_name().unwrap(), b"Layout");
    let bbox: Vec<f32> = attributes
        .get(b"BBox")
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_float().unwrap())
        .collect();
    // From the axis's left end to its right end (half its width beyond
    // each), bottom of the label to the top of the tallest bar, in PDF
    // coordinates.
    assert!((bbox[0] - 54.5).abs() < 0.01, "{bbox:?}");
    assert!((bbox[2] - 120.5).abs() < 0.01, "{bbox:?}");
    assert!((bbox[3] - (842.0 - 200.0)).abs() < 0.01, "{bbox:?}");
    assert!(bbox[1] < 842.0 - 312.0, "{bbox:?}");

    // Its content is one marked sequence, found again through the parent
    // tree; the caption's is another; the rule is an artifact.
    // One marked sequence: the MCID itself.
    let mcid = figure.get(b"K").unwrap().as_i64().unwrap();
    let page_id = *doc.get_pages().values().next().unwrap();
    let content = String::from_utf8(doc.get_page_content(page_id)).unwrap();
    let marked = format!("/Figure <</MCID {mcid}>> BDC");
    let at = content.find(&marked).expect("the figure's marked content");
    let inside = &content[at..at + content[at..].find("EMC").unwrap()];
    assert_eq!(inside.matches(" re f").count(), 2, "{inside}");
    assert!(inside.contains(" l S") && inside.contains("TJ"), "{inside}");
    assert!(content.contains("/P <</MCID 0>> BDC"), "{content}");
    assert!(
        content.contains("/Artifact <</Type /Layout>> BDC"),
        "{content}"
    );
    let catalog = doc.catalog().unwrap();
    let root = deref(&doc, catalog.get(b"StructTreeRoot").unwrap())
        .as_dict()
        .unwrap();
    let parent_tree = deref(&doc, root.get(b"ParentTree").unwrap())
        .as_dict()
        .unwrap();
    let nums = parent_tree.get(b"Nums").unwrap().as_array().unwrap();
    assert_eq!(nums[0].as_i64().unwrap(), 0);
    let owners = deref(&doc, &nums[1]).as_array().unwrap();
    assert_eq!(
        owners[mcid as usize].as_reference().unwrap(),
        figure_id,
        "MCID {mcid} leads back to the figure"
    );
    let page = doc.get_dictionary(page_id).unwrap();
    assert_eq!(page.get(b"StructParents").unwrap().as_i64().unwrap(), 0);
    assert!(
        catalog
            .get(b"MarkInfo")
            .and_then(|m| deref(&doc, m).as_dict())
            .unwrap()
            .get(b"Marked")
            .unwrap()
            .as_bool()
            .unwrap()
    );
}

#[test]
fn a_link_is_an_element_that_owns_its_annotation_and_its_text() {
    let (mut layout, caption, _) = chart_layout();
    let link = layout.structure.open(Role::Link, caption);
    let page = &mut layout.pages[0];
    page.items.push(run("here", 100.0, 100.0));
    page.tags.push(Tag::Node(link));
    page.links.push(Link {
        rect: Rect {
            x: 100.0,
            y: 90.0,
            width: 20.0,
            height: 12.0,
        },
        target: Target::Uri("https://example.org/".into()),
        node: Some(link),
        description: "here (https://example.org/)".into(),
    });
    let pages = layout.pages.clone();
    layout.structure.assemble(&pages);
    let bytes = export(&layout, &metadata()).unwrap();
    let doc = Document::load_mem(&bytes).unwrap();
    let page_id = *doc.get_pages().values().next().unwrap();
    let page = doc.get_dictionary(page_id).unwrap();
    assert_eq!(page.get(b"Tabs").unwrap().as_name().unwrap(), b"S");
    let annotation_id = page.get(b"Annots").unwrap().as_array().unwrap()[0]
        .as_reference()
        .unwrap();
    let annotation = doc.get_dictionary(annotation_id).unwrap();
    assert_eq!(
        annotation.get(b"Contents").unwrap().as_str().unwrap(),
        b"here (https://example.org/)"
    );
    let key = annotation.get(b"StructParent").unwrap().as_i64().unwrap();
    let kids = document_kids(&doc);
    let (_, paragraph) = kids[0];
    let link_id = paragraph.get(b"K").unwrap().as_array().unwrap()[1]
        .as_reference()
        .unwrap();
    let element = doc.get_dictionary(link_id).unwrap();
    assert_eq!(element.get(b"S").unwrap().as_name().unwrap(), b"Link");
    let link_kids = element.get(b"K").unwrap().as_array().unwrap();
    assert!(
        link_kids[0].as_i64().is_ok(),
        "its text first: {link_kids:?}"
    );
    let objr = deref(&doc, &link_kids[1]).as_dict().unwrap();
    assert_eq!(objr.get(b"Type").unwrap().as_name().unwrap(), b"OBJR");
    assert_eq!(
        objr.get(b"Obj").unwrap().as_reference().unwrap(),
        annotation_id
    );
    // The parent tree leads from the annotation's key to the element.
    let catalog = doc.catalog().unwrap();
    let root = deref(&doc, catalog.get(b"StructTreeRoot").unwrap())
        .as_dict()
        .unwrap();
    let nums = deref(&doc, root.get(b"ParentTree").unwrap())
        .as_dict()
        .unwrap()
        .get(b"Nums")
        .unwrap()
        .as_array()
        .unwrap();
    let at = nums
        .iter()
        .position(|n| n.as_i64().ok() == Some(key))
        .unwrap();
    assert_eq!(nums[at + 1].as_reference().unwrap(), link_id);
    assert_eq!(
        root.get(b"ParentTreeNextKey").unwrap().as_i64().unwrap(),
        key + 1
    );
}

#[test]
fn the_untagged_variant_has_no_structure_and_is_smaller() {
    let (layout, _, _) = chart_layout();
    let tagged = export(&layout, &metadata()).unwrap();
    let untagged = export_untagged(&layout, &metadata()).unwrap();
    let doc = Document::load_mem(&untagged).unwrap();
    assert!(doc.catalog().unwrap().get(b"StructTreeRoot").is_err());
    assert!(untagged.len() < tagged.len());
}

#[test]
fn the_same_layout_gives_the_same_bytes() {
    let (layout, _, _) = chart_layout();
    assert_eq!(
        export(&layout, &metadata()).unwrap(),
        export(&layout, &metadata()).unwrap()
    );
}

#[test]
fn dates_are_civil_utc() {
    assert_eq!(pdf_date(0), "D:19700101000000+00'00'");
    assert_eq!(pdf_date(1_422_835_200), "D:20150202000000+00'00'");
    assert_eq!(pdf_date(1_700_000_000), "D:20231114221320+00'00'");
    assert_eq!(pdf_date(-1), "D:19691231235959+00'00'");
    assert_eq!(pdf_date(951_782_400), "D:20000229000000+00'00'");
}

#[test]
fn a_layout_without_pages_is_refused_not_written_as_an_invalid_pdf() {
    let (mut layout, _, _) = chart_layout();
    layout.pages.clear();
    let error = export(&layout, &metadata()).unwrap_err();
    assert!(error.0.contains("no page"), "{}", error.0);
}
