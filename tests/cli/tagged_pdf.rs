//! The tagged PDF (PDF/UA-1), checked from the outside: `pdfua check` (the
//! machine-checkable subset of PDF/UA-1 and WCAG 2.1; pinned in
//! `.ci/requirements.txt`, which `.ci/run` installs), `pdfinfo`, `qpdf --check`, and the
//! structure tree read back with lopdf, its text decoded through the
//! fonts' own `/ToUnicode` maps, as a screen reader gets it.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId};

use crate::common::{TestCommand, repo};

/// The profiles whose PDFs `pdfua check` must pass without a finding. One
/// line per profile.
const PDFUA_PROFILES: &[&str] = &[
    "profiles/belgium-2015.yaml",
    "profiles/belgium.yaml",
    "profiles/gci/2024/bel.yaml",
];

/// The pinned checker, as `.ci/run` installs it.
const PDFUA: &str = "pdfua==0.1.3";

/// Builds the PDF of each profile into a fresh folder.
fn build_pdfs(profiles: &[&str]) -> (tempfile::TempDir, Vec<PathBuf>) {
    let dir = tempfile::tempdir().expect("a temp dir");
    let ran = TestCommand::new()
        .current_dir(repo())
        .args(["build", "-f", "pdf", "-o"])
        .arg(dir.path())
        .args(profiles)
        .run();
    assert_eq!(ran.code, 0, "{}", ran.stderr_text());
    let pdfs = profiles
        .iter()
        .map(|p| {
            let stem = Path::new(p).file_stem().expect("a stem");
            dir.path().join(format!("{}.pdf", stem.to_string_lossy()))
        })
        .collect();
    (dir, pdfs)
}

#[test]
fn pdfua_finds_nothing_in_the_belgian_pdfs() {
    let (_dir, pdfs) = build_pdfs(PDFUA_PROFILES);
    for pdf in &pdfs {
        // As a module, so no PATH entry for its script is needed.
        let out = Command::new("python3")
            .args(["-m", "pdfua", "check", "--format", "json"])
            .arg(pdf)
            .output()
            .unwrap_or_else(|e| panic!("python3 does not run: {e}"));
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
            panic!(
                "pdfua does not run or its report is not JSON ({e}); install it with \
                 `python3 -m pip install {PDFUA}` (.ci/run installs .ci/requirements.txt): {}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            )
        });
        let summary = &report["summary"];
        assert_eq!(
            summary["findings"],
            0,
            "{}: {:#}",
            pdf.display(),
            report["findings"]
        );
        // A rule that could not run found nothing either: none may skip.
        assert_eq!(
            summary["rules_skipped"],
            0,
            "{}: {:#}",
            pdf.display(),
            report["skipped"]
        );
        assert!(
            summary["rules_run"].as_u64().is_some_and(|n| n >= 12),
            "{summary}"
        );
        assert!(out.status.success(), "{}: {report:#}", pdf.display());
    }
}

#[test]
fn every_pdf_is_tagged_and_clean_for_qpdf() {
    let profiles = [
        "profiles/belgium-2015.yaml",
        "profiles/belgium.yaml",
        "tests/fixtures/valid/stress.yaml",
    ];
    let (_dir, pdfs) = build_pdfs(&profiles);
    for pdf in &pdfs {
        let info = Command::new("pdfinfo")
            .arg(pdf)
            .output()
            .expect("pdfinfo runs (Debian: poppler-utils; .ci/run installs it)");
        let info = String::from_utf8_lossy(&info.stdout);
        assert!(
            info.lines()
                .any(|l| l.split_whitespace().collect::<Vec<_>>() == ["Tagged:", "yes"]),
            "{}: {info}",
            pdf.display()
        );
        let check = Command::new("qpdf")
            .arg("--check")
            .arg(pdf)
            .output()
            .expect("qpdf runs (Debian: qpdf; .ci/run installs it)");
        let report = String::from_utf8_lossy(&check.stdout);
        assert!(check.status.success(), "{}: {report}", pdf.display());
        assert!(
            report.contains("No syntax or stream encoding errors"),
            "{report}"
        );
    }
}

/// A structure element as read back: its type, attributes, text, kids.
#[derive(Debug)]
struct Element {
    role: String,
    id: ObjectId,
    dict: Dictionary,
    /// The text of its own marked content and of its kids', in order.
    text: String,
    kids: Vec<Element>,
    /// The annotations it owns.
    annotations: Vec<ObjectId>,
}

impl Element {
    /// Every element below this one (itself first), depth first.
    fn walk(&self) -> Vec<&Element> {
        let mut out = vec![self];
        for kid in &self.kids {
            out.extend(kid.walk());
        }
        out
    }
}

fn resolve<'a>(doc: &'a Document, object: &'a Object) -> &'a Object {
    match object {
        Object::Reference(id) => doc.get_object(*id).expect("a referenced object"),
        other => other,
    }
}

/// The text of each marked-content sequence of a page, by MCID, decoded
/// with the fonts' `/ToUnicode` maps.
fn marked_text(doc: &Document, page: ObjectId) -> HashMap<i64, String> {
    let page_dict = doc.get_dictionary(page).expect("a page");
    let resources = resolve(doc, page_dict.get(b"Resources").expect("resources"))
        .as_dict()
        .expect("a dictionary");
    let fonts = resolve(doc, resources.get(b"Font").expect("fonts"))
        .as_dict()
        .expect("a dictionary");
    let mut maps: HashMap<Vec<u8>, HashMap<u16, String>> = HashMap::new();
    for (name, font) in fonts.iter() {
        let font = resolve(doc, font).as_dict().expect("a font");
        let stream = resolve(doc, font.get(b"ToUnicode").expect("a /ToUnicode map"))
            .as_stream()
            .expect("a stream");
        let cmap = String::from_utf8(stream.decompressed_content().expect("inflates"))
            .expect("an ASCII map");
        let mut map = HashMap::new();
        for line in cmap.lines() {
            let parts: Vec<&str> = line.split_whitespace().collect();
            if let [code, unicode] = parts.as_slice()
                && code.starts_with('<')
                && unicode.starts_with('<')
                && !line.contains("0000> <FFFF")
            {
                let code = u16::from_str_radix(code.trim_matches(['<', '>']), 16).expect("hex");
                let hex = unicode.trim_matches(['<', '>']);
                let units: Vec<u16> = (0..hex.len() / 4)
                    .map(|i| u16::from_str_radix(&hex[i * 4..i * 4 + 4], 16).expect("hex"))
                    .collect();
                map.insert(code, String::from_utf16_lossy(&units));
            }
        }
        maps.insert(name.clone(), map);
    }
    let content = Content::decode(&doc.get_page_content(page)).expect("a content stream");
    let mut out: HashMap<i64, String> = HashMap::new();
    let mut stack: Vec<Option<i64>> = Vec::new();
    let mut font: Vec<u8> = Vec::new();
    let mut y: Option<f32> = None;
    for op in &content.operations {
        match op.operator.as_str() {
            "BDC" => stack.push(
                op.operands
                    .get(1)
                    .and_then(|p| p.as_dict().ok())
                    .and_then(|p| p.get(b"MCID").ok())
                    .and_then(|m| m.as_i64().ok()),
            ),
            "BMC" => stack.push(None),
            "EMC" => {
                stack.pop();
            }
            "Tf" => font = op.operands[0].as_name().expect("a font name").to_vec(),
            "Tm" => {
                let new_y = op.operands[5].as_float().expect("a number");
                if let Some(Some(mcid)) = stack.last()
                    && y.is_some_and(|y| (y - new_y).abs() > 0.01)
                {
                    let text = out.entry(*mcid).or_default();
                    if !text.is_empty() && !text.ends_with(' ') {
                        text.push(' ');
                    }
                }
                y = Some(new_y);
            }
            "TJ" | "Tj" => {
                let Some(Some(mcid)) = stack.last() else {
                    continue;
                };
                let strings: Vec<&[u8]> = match &op.operands[0] {
                    Object::Array(items) => items.iter().filter_map(|i| i.as_str().ok()).collect(),
                    other => other.as_str().into_iter().collect(),
                };
                let map = &maps[&font];
                let text = out.entry(*mcid).or_default();
                for s in strings {
                    for pair in s.chunks(2) {
                        let code = u16::from_be_bytes([pair[0], *pair.get(1).unwrap_or(&0)]);
                        text.push_str(map.get(&code).map_or("\u{fffd}", String::as_str));
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// The structure tree under the document element.
fn structure(doc: &Document) -> Element {
    let catalog = doc.catalog().expect("a catalog");
    let root = resolve(
        doc,
        catalog.get(b"StructTreeRoot").expect("a structure tree"),
    )
    .as_dict()
    .expect("a dictionary");
    let pages: Vec<ObjectId> = doc.get_pages().values().copied().collect();
    let texts: HashMap<ObjectId, HashMap<i64, String>> =
        pages.iter().map(|p| (*p, marked_text(doc, *p))).collect();
    let document = root
        .get(b"K")
        .and_then(Object::as_reference)
        .expect("one document element");
    read_element(doc, document, &texts)
}

fn read_element(
    doc: &Document,
    id: ObjectId,
    texts: &HashMap<ObjectId, HashMap<i64, String>>,
) -> Element {
    let dict = doc.get_dictionary(id).expect("an element").clone();
    let role =
        String::from_utf8_lossy(dict.get(b"S").and_then(Object::as_name).expect("/S")).into_owned();
    let home = dict.get(b"Pg").and_then(Object::as_reference).ok();
    let mut element = Element {
        role,
        id,
        dict: dict.clone(),
        text: String::new(),
        kids: Vec::new(),
        annotations: Vec::new(),
    };
    let kids: Vec<Object> = match dict.get(b"K") {
        Ok(Object::Array(items)) => items.clone(),
        Ok(other) => vec![other.clone()],
        Err(_) => Vec::new(),
    };
    let push_text = |element: &mut Element, text: &str| {
        if !element.text.is_empty() && !element.text.ends_with(' ') && !text.starts_with(' ') {
            element.text.push(' ');
        }
        element.text.push_str(text);
    };
    for kid in kids {
        match kid {
            Object::Integer(mcid) => {
                let page = home.expect("an element with an MCID names its page");
                push_text(&mut element, &texts[&page][&mcid]);
            }
            Object::Reference(child) => {
                let child = read_element(doc, child, texts);
                let text = child.text.clone();
                element.kids.push(child);
                if !text.is_empty() {
                    // A link inside a sentence: no space around it.
                    if element.text.is_empty() || element.text.ends_with(' ') {
                        element.text.push_str(&text);
                    } else {
                        push_text(&mut element, &text);
                    }
                }
            }
            Object::Dictionary(reference) => {
                let page = reference
                    .get(b"Pg")
                    .and_then(Object::as_reference)
                    .ok()
                    .or(home)
                    .expect("a page");
                match reference.get(b"Type").and_then(Object::as_name) {
                    Ok(b"MCR") => {
                        let mcid = reference
                            .get(b"MCID")
                            .and_then(Object::as_i64)
                            .expect("MCID");
                        push_text(&mut element, &texts[&page][&mcid]);
                    }
                    Ok(b"OBJR") => element.annotations.push(
                        reference
                            .get(b"Obj")
                            .and_then(Object::as_reference)
                            .expect("/Obj"),
                    ),
                    other => panic!("unexpected kid {other:?}"),
                }
            }
            other => panic!("unexpected kid {other:?}"),
        }
    }
    element
}

fn attribute<'a>(doc: &'a Document, element: &'a Element, key: &[u8]) -> Option<&'a [u8]> {
    let a = resolve(doc, element.dict.get(b"A").ok()?).as_dict().ok()?;
    a.get(key).and_then(Object::as_name).ok()
}

/// A table cell as read back: its type, its scope, its text.
type Cell<'a> = (String, Option<&'a [u8]>, String);

/// The Markdown's headings: level (from the number of `#`) and text.
fn markdown_headings(markdown: &str) -> Vec<(usize, String)> {
    markdown
        .lines()
        .filter(|l| l.starts_with('#'))
        .map(|l| {
            let level = l.chars().take_while(|c| *c == '#').count();
            (level, l[level..].trim().to_owned())
        })
        .collect()
}

#[test]
fn the_belgian_2015_structure_has_its_headings_lists_table_and_described_links() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let ran = TestCommand::new()
        .current_dir(repo())
        .args(["build", "profiles/belgium-2015.yaml", "-f", "md,pdf", "-o"])
        .arg(dir.path())
        .run();
    assert_eq!(ran.code, 0, "{}", ran.stderr_text());
    let markdown =
        std::fs::read_to_string(dir.path().join("belgium-2015.md")).expect("the Markdown");
    let bytes = std::fs::read(dir.path().join("belgium-2015.pdf")).expect("the PDF");
    let doc = Document::load_mem(&bytes).expect("lopdf reads the PDF");
    let tree = structure(&doc);
    assert_eq!(tree.role, "Document");
    let all = tree.walk();

    // Headings: the Markdown's, in order, at its levels (H1 the title).
    let headings: Vec<(usize, String)> = all
        .iter()
        .filter_map(|e| {
            let level = e.role.strip_prefix('H')?.parse::<usize>().ok()?;
            Some((level, e.text.clone()))
        })
        .collect();
    let expected = markdown_headings(&markdown);
    assert_eq!(headings, expected);
    assert_eq!(
        headings[..5],
        [
            (1, "CYBERWELLNESS PROFILE BELGIUM".to_owned()),
            (2, "BACKGROUND".to_owned()),
            (2, "1. CYBERSECURITY".to_owned()),
            (3, "1.1 LEGAL MEASURES".to_owned()),
            (4, "1.1.1 CRIMINAL LEGISLATION".to_owned()),
        ]
    );
    assert_eq!(headings.len(), 31, "{headings:#?}");

    // Lists: the bullet lists of 1.1.1, 1.1.2 and 2.1, and the sources.
    let lists: Vec<&&Element> = all.iter().filter(|e| e.role == "L").collect();
    let shape: Vec<(Option<&[u8]>, usize)> = lists
        .iter()
        .map(|l| (attribute(&doc, l, b"ListNumbering"), l.kids.len()))
        .collect();
    assert_eq!(
        shape,
        [
            (Some(&b"Disc"[..]), 1),
            (Some(&b"Disc"[..]), 4),
            (Some(&b"Disc"[..]), 1),
            (Some(&b"Decimal"[..]), 1),
        ]
    );
    for item in lists.iter().flat_map(|l| &l.kids) {
        assert_eq!(item.role, "LI");
        let roles: Vec<&str> = item.kids.iter().map(|k| k.role.as_str()).collect();
        assert_eq!(roles, ["Lbl", "LBody"], "{item:#?}");
    }
    assert_eq!(
        lists[1].kids[1].kids[1].text,
        "Law on Electronic Signatures and certification services"
    );
    assert_eq!(lists[3].kids[0].kids[0].text, "1.");
    assert_eq!(
        lists[3].kids[0].kids[1].text,
        "International Telecommunication Union (ITU), Cyberwellness Profile: Belgium, 2 February 2015."
    );

    // The table: the background figures, each heading its row, its source
    // beside it.
    let tables: Vec<&&Element> = all.iter().filter(|e| e.role == "Table").collect();
    assert_eq!(tables.len(), 1);
    let rows: Vec<Vec<Cell>> = tables[0]
        .kids
        .iter()
        .map(|row| {
            assert_eq!(row.role, "TR");
            row.kids
                .iter()
                .map(|cell| {
                    (
                        cell.role.clone(),
                        attribute(&doc, cell, b"Scope"),
                        cell.text.clone(),
                    )
                })
                .collect()
        })
        .collect();
    assert_eq!(
        rows,
        [
            vec![
                (
                    "TH".to_owned(),
                    Some(&b"Row"[..]),
                    "Total Population: 10 788 000".to_owned()
                ),
                (
                    "TD".to_owned(),
                    None,
                    "(data source: United Nations Statistics Division, December 2012)".to_owned()
                ),
            ],
            vec![
                (
                    "TH".to_owned(),
                    Some(&b"Row"[..]),
                    "Internet users, percentage of population: 82.17%".to_owned()
                ),
                (
                    "TD".to_owned(),
                    None,
                    "(data source: ITU Statistics, December 2013)".to_owned()
                ),
            ],
        ]
    );

    // Links: every annotation has a description and belongs to a Link
    // element, which the parent tree leads back to.
    let owned: HashMap<ObjectId, ObjectId> = all
        .iter()
        .filter(|e| e.role == "Link")
        .flat_map(|e| e.annotations.iter().map(move |a| (*a, e.id)))
        .collect();
    let catalog = doc.catalog().expect("a catalog");
    let root = resolve(&doc, catalog.get(b"StructTreeRoot").expect("a tree"))
        .as_dict()
        .expect("a dictionary");
    let nums = resolve(&doc, root.get(b"ParentTree").expect("a parent tree"))
        .as_dict()
        .expect("a dictionary")
        .get(b"Nums")
        .and_then(Object::as_array)
        .expect("/Nums");
    let parent_of: HashMap<i64, &Object> = nums
        .chunks(2)
        .map(|pair| (pair[0].as_i64().expect("a key"), &pair[1]))
        .collect();
    let mut count = 0;
    for page in doc.get_pages().values() {
        let page = doc.get_dictionary(*page).expect("a page");
        let Ok(annotations) = page.get(b"Annots").and_then(Object::as_array) else {
            continue;
        };
        assert_eq!(
            page.get(b"Tabs").and_then(Object::as_name).ok(),
            Some(&b"S"[..])
        );
        for annotation in annotations {
            let id = annotation.as_reference().expect("an indirect annotation");
            let dict = doc.get_dictionary(id).expect("an annotation");
            let contents = dict
                .get(b"Contents")
                .and_then(Object::as_str)
                .expect("/Contents");
            assert!(!contents.is_empty());
            let key = dict
                .get(b"StructParent")
                .and_then(Object::as_i64)
                .expect("/StructParent");
            // A Link element owns it (by /OBJR), and the parent tree leads
            // back to that element.
            let owner = owned.get(&id).copied();
            assert!(owner.is_some(), "annotation {id:?} has no Link element");
            assert_eq!(
                parent_of[&key].as_reference().ok(),
                owner,
                "annotation {id:?}"
            );
            count += 1;
        }
    }
    assert_eq!(
        count,
        21 + 2 * 3,
        "a source link per status line, two footer links per page"
    );
    // A source number says where it goes.
    let status_link = all
        .iter()
        .find(|e| e.role == "Link" && e.text == "1")
        .expect("a source link");
    let annotation = doc
        .get_dictionary(status_link.annotations[0])
        .expect("its annotation");
    assert_eq!(
        annotation.get(b"Contents").and_then(Object::as_str).ok(),
        Some(
            &b"1 (1. International Telecommunication Union (ITU), Cyberwellness Profile: Belgium, 2 February 2015.)"[..]
        )
    );

    // The closing lines are read once, at the end; the page number is not.
    let last = tree.kids.last().expect("a last element");
    assert_eq!(last.role, "P");
    assert!(
        last.text
            .starts_with("DISCLAIMER: Please refer to http://www.itu.int/en/Pages/copyright.aspx")
            && last.text.ends_with("Last updated on 2nd February 2015"),
        "{}",
        last.text
    );
    assert_eq!(
        all.iter().filter(|e| e.text.contains("DISCLAIMER")).count(),
        1 + 1,
        "the closing paragraph (and its document) only"
    );
}
