//! `profilec build -f pdf`: the typeset PDF, checked from the outside with
//! poppler's `pdftotext` and `pdfinfo`, `qpdf`, and lopdf.

use std::path::{Path, PathBuf};
use std::process::Command;

use lopdf::{Dictionary, Document, Object};
use profilec::check::check_path;
use profilec::model::Date;
use profilec::pdf::layout::{Item, Layout, Rect};
use profilec::pdf::{Style, lay_out};
use profilec::render::{self, Templates};
use profilec::validate::Validator;

use crate::common::{TestCommand, repo};
use crate::fidelity::{assert_same_words, markdown_words, seed_words, words};

/// Builds one profile into a fresh folder; returns the folder and the run.
fn build(profile: &str, formats: &str) -> (tempfile::TempDir, crate::common::Ran) {
    let dir = tempfile::tempdir().expect("a temp dir");
    let ran = TestCommand::new()
        .current_dir(repo())
        .args(["build", profile, "-f", formats, "-o"])
        .arg(dir.path())
        .run();
    (dir, ran)
}

fn output(dir: &Path, profile: &str, ext: &str) -> PathBuf {
    let stem = Path::new(profile).file_stem().expect("a stem");
    dir.join(format!("{}.{ext}", stem.to_string_lossy()))
}

/// The layout the library makes of a profile, with the built-in templates:
/// where each page's text area and footer are.
fn layout_of(profile: &str) -> Layout {
    let validator = Validator::builtin().expect("a validator");
    let catalogues = validator.catalogues();
    // As the binary judges dates: against today.
    let checked = check_path(&repo().join(profile), validator, Date::today());
    let profile = checked.profile.expect("a valid profile");
    let templates = Templates::builtin().expect("templates");
    let sentences = render::Sentences::builtin().expect("sentences");
    let prepared = render::prepare(&profile, catalogues, &templates, sentences).expect("renders");
    lay_out(&prepared.context(&profile, &templates)).expect("lays out")
}

/// `pdftotext` of one page (from 1), cropped to `area` (in points).
fn text_in(pdf: &Path, page: usize, area: Rect) -> String {
    let n = page.to_string();
    let x = area.x.floor() as i64;
    let y = area.y.floor() as i64;
    let out = Command::new("pdftotext")
        .args(["-f", &n, "-l", &n, "-r", "72"])
        .args(["-x", &x.to_string(), "-y", &y.to_string()])
        .args(["-W", &((area.right().ceil() as i64) - x).to_string()])
        .args(["-H", &((area.bottom().ceil() as i64) - y).to_string()])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs (Debian: poppler-utils; .ci/run installs it)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 text")
}

/// The words of the text pdftotext extracted from the pages' text areas,
/// without profilec's additions, as `markdown_words` leaves them out: the
/// status line under each indicator and the list of sources.
fn body_words(text: &str) -> Vec<String> {
    let mut kept = String::new();
    for line in text.lines() {
        let line = line.trim();
        if line == "Sources" {
            break;
        }
        if !line.starts_with("Status: ") {
            kept.push_str(line);
            kept.push('\n');
        }
    }
    words(&kept)
}

/// Every word pdftotext draws on each page, with its box.
pub(crate) fn word_boxes(pdf: &Path) -> Vec<Vec<(String, Rect)>> {
    let out = Command::new("pdftotext")
        .args(["-bbox", "-r", "72"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    let attr = |line: &str, name: &str| -> f32 {
        let at = line.find(&format!("{name}=\"")).expect("an attribute") + name.len() + 2;
        line[at..]
            .split('"')
            .next()
            .and_then(|v| v.parse().ok())
            .expect("a number")
    };
    let mut pages = Vec::new();
    for line in text.lines().map(str::trim) {
        if line.starts_with("<page") {
            pages.push(Vec::new());
        } else if line.starts_with("<word")
            && let Some(page) = pages.last_mut()
        {
            let (x0, y0) = (attr(line, "xMin"), attr(line, "yMin"));
            let (x1, y1) = (attr(line, "xMax"), attr(line, "yMax"));
            let word = line
                .split('>')
                .nth(1)
                .and_then(|w| w.split('<').next())
                .unwrap_or("");
            page.push((
                word.to_owned(),
                Rect {
                    x: x0,
                    y: y0,
                    width: x1 - x0,
                    height: y1 - y0,
                },
            ));
        }
    }
    pages
}

fn pdf_object<'a>(doc: &'a Document, object: &'a Object) -> &'a Object {
    match object {
        Object::Reference(id) => doc.get_object(*id).expect("a referenced object"),
        other => other,
    }
}

fn dict<'a>(doc: &'a Document, object: &'a Object) -> &'a Dictionary {
    pdf_object(doc, object).as_dict().expect("a dictionary")
}

/// A PDF text string as Rust text (ASCII or UTF-16BE with a byte-order mark).
fn text_of(doc: &Document, object: &Object) -> String {
    let bytes = pdf_object(doc, object).as_str().expect("a string");
    match bytes.strip_prefix(&[0xfe, 0xff]) {
        Some(utf16) => String::from_utf16_lossy(
            &utf16
                .chunks(2)
                .map(|p| u16::from_be_bytes([p[0], *p.get(1).unwrap_or(&0)]))
                .collect::<Vec<_>>(),
        ),
        None => String::from_utf8_lossy(bytes).into_owned(),
    }
}

/// The outline as (depth, title), depth first.
fn outline(doc: &Document) -> Vec<(usize, String)> {
    let catalog = doc.catalog().expect("a catalog");
    let root = dict(doc, catalog.get(b"Outlines").expect("an outline"));
    let mut found = Vec::new();
    fn walk(
        doc: &Document,
        first: Option<&Object>,
        depth: usize,
        found: &mut Vec<(usize, String)>,
    ) {
        let mut next = first;
        while let Some(item) = next {
            let entry = dict(doc, item);
            found.push((depth, text_of(doc, entry.get(b"Title").expect("a title"))));
            assert!(
                entry.get(b"Dest").is_ok(),
                "an outline entry without a destination"
            );
            walk(doc, entry.get(b"First").ok(), depth + 1, found);
            next = entry.get(b"Next").ok();
        }
    }
    walk(doc, root.get(b"First").ok(), 1, &mut found);
    found
}

/// The words of a built PDF, read as `pdftotext` reads them: the text
/// areas of every page, in order, then the footer of the last page, which
/// carries the closing lines (disclaimer, last update) the Markdown ends
/// with. Also returns the text areas' text.
fn pdf_words(pdf: &Path, layout: &Layout) -> (Vec<String>, String) {
    let style = Style::builtin().expect("the built-in style");
    let mut text = String::new();
    for (index, page) in layout.pages.iter().enumerate() {
        text.push_str(&text_in(pdf, index + 1, page.body));
    }
    let mut found = body_words(&text);
    let last = layout.pages.last().expect("a page");
    let footer = Rect {
        y: last.body.bottom(),
        height: layout.height - style.page.margin.bottom - last.body.bottom(),
        ..last.body
    };
    let mut closing = words(&text_in(pdf, layout.pages.len(), footer));
    assert_eq!(
        closing.pop().as_deref(),
        Some(layout.pages.len().to_string().as_str()),
        "the footer ends with the page number"
    );
    found.extend(closing);
    (found, text)
}

#[test]
fn the_belgian_2015_pdf_has_the_words_of_the_markdown_in_order() {
    let profile = "profiles/belgium-2015.yaml";
    let (dir, ran) = build(profile, "md,pdf");
    assert_eq!(ran.code, 0, "{}", ran.stderr_text());
    let markdown = std::fs::read_to_string(output(dir.path(), profile, "md")).expect("md");
    let pdf = output(dir.path(), profile, "pdf");
    let (found, text) = pdf_words(&pdf, &layout_of(profile));

    assert_same_words(&markdown_words(&markdown), &found, "PDF vs Markdown");
    assert_same_words(&seed_words(), &found, "PDF vs seed");

    // profilec's additions are there too: a status line per indicator, and
    // the list of sources.
    assert_eq!(text.matches("Status: ").count(), 21, "{text}");
    assert!(
        text.contains("Status: no information · as of February 2015 · Source: 1"),
        "{text}"
    );
    assert!(
        text.contains("Sources\n")
            && text.contains("International Telecommunication Union (ITU), Cyberwellness Profile: Belgium, 2 February 2015."),
        "{text}"
    );
}

#[test]
fn the_current_belgian_pdf_has_the_words_of_its_markdown_in_order() {
    let profile = "profiles/belgium.yaml";
    let (dir, ran) = build(profile, "md,pdf");
    assert_eq!(ran.code, 0, "{}", ran.stderr_text());
    let markdown = std::fs::read_to_string(output(dir.path(), profile, "md")).expect("md");
    let pdf = output(dir.path(), profile, "pdf");
    let layout = layout_of(profile);
    assert!(layout.pages.len() >= 3);
    let (found, _) = pdf_words(&pdf, &layout);
    assert_same_words(&markdown_words(&markdown), &found, "PDF vs Markdown");
}

#[test]
fn the_oracle_notices_a_missing_word_in_the_pdf() {
    // The comparison above must be able to fail: drop one word.
    let text = "1.2.1 CIRT\nBelgium has an officially recognized national CIRT\nStatus: yes\n";
    let mut expected = body_words(text);
    assert_eq!(expected[0], "1.2.1");
    expected.remove(3);
    assert_ne!(body_words(text), expected);
    assert_eq!(
        body_words("Text.\nStatus: yes · Source: 1\nMore.\nSources\n1. A source.\n"),
        ["Text.", "More."]
    );
}

#[test]
fn no_glyph_is_drawn_outside_the_margins_and_pages_are_filled() {
    let style = Style::builtin().expect("the built-in style");
    let m = style.page.margin;
    let frame = Rect {
        x: m.left,
        y: m.top,
        width: style.page.width - m.left - m.right,
        height: style.page.height - m.top - m.bottom,
    };
    // "A few lines": the tallest block the page-break rules keep together in
    // these profiles is two headings, a paragraph's two lines and its status
    // line, about seven lines of text.
    let line = style.text.size * style.text.line_height;
    let few_lines = 7.0 * line;
    for profile in [
        "profiles/belgium-2015.yaml",
        "tests/fixtures/valid/stress.yaml",
    ] {
        let (dir, ran) = build(profile, "pdf");
        assert_eq!(ran.code, 0, "{}", ran.stderr_text());
        let pdf = output(dir.path(), profile, "pdf");
        let layout = layout_of(profile);
        let boxes = word_boxes(&pdf);
        assert_eq!(boxes.len(), layout.pages.len(), "{profile}: page count");
        assert!(boxes.len() >= 3, "{profile}: {} pages", boxes.len());

        for (index, (words, page)) in boxes.iter().zip(&layout.pages).enumerate() {
            // In the PDF, as poppler measures each word.
            for (word, b) in words {
                assert!(
                    b.x >= frame.x - 0.01
                        && b.right() <= frame.right() + 0.01
                        && b.y >= frame.y - 0.01
                        && b.bottom() <= frame.bottom() + 0.01,
                    "{profile} page {}: `{word}` at {b:?} is outside the margins {frame:?}",
                    index + 1
                );
            }
            // In the layout, every run of the text area stays in it.
            let fonts = profilec::pdf::fonts::Fonts::embedded().expect("fonts");
            for item in &page.items {
                if let Item::Text(run) = item {
                    let metrics = fonts.face(run.face);
                    let top = run.baseline - metrics.ascent / 1000.0 * run.size;
                    let bottom = run.baseline + metrics.descent / 1000.0 * run.size;
                    assert!(
                        run.x >= frame.x - 0.01 && run.x + run.width() <= frame.right() + 0.01,
                        "{profile}: {:?} runs past a side margin",
                        run.text()
                    );
                    assert!(
                        top >= frame.y - 0.01 && bottom <= frame.bottom() + 0.01,
                        "{profile}: {:?} is above or below the margins",
                        run.text()
                    );
                }
            }
            if index + 1 < layout.pages.len() {
                let gap = page.body.bottom() - page.filled_to;
                assert!(
                    gap <= few_lines,
                    "{profile} page {}: {gap:.1} points left empty at the foot (more than {few_lines:.1})",
                    index + 1
                );
                // The same, seen in the PDF: the lowest word of the text area.
                let lowest = words
                    .iter()
                    .filter(|(_, b)| b.bottom() <= page.body.bottom() + 0.01)
                    .map(|(_, b)| b.bottom())
                    .fold(0.0, f32::max);
                assert!(
                    page.body.bottom() - lowest <= few_lines,
                    "{profile} page {}: the text stops {:.1} points above the foot",
                    index + 1,
                    page.body.bottom() - lowest
                );
            }
        }
    }
}

#[test]
fn a_long_profile_in_three_scripts_builds_a_valid_pdf_with_every_glyph() {
    let profile = "tests/fixtures/valid/stress.yaml";
    let (dir, ran) = build(profile, "md,pdf");
    assert_eq!(ran.code, 0, "{}", ran.stderr_text());
    assert!(
        !ran.stderr_text().contains("warning[missing-glyph]"),
        "{}",
        ran.stderr_text()
    );
    let pdf = output(dir.path(), profile, "pdf");
    let check = Command::new("qpdf")
        .arg("--check")
        .arg(&pdf)
        .output()
        .expect("qpdf runs (Debian: qpdf; .ci/run installs it)");
    let report = String::from_utf8_lossy(&check.stdout);
    assert!(check.status.success(), "{report}");
    assert!(
        report.contains("No syntax or stream encoding errors"),
        "{report}"
    );
    let info = Command::new("pdfinfo")
        .arg(&pdf)
        .output()
        .expect("pdfinfo runs");
    let info = String::from_utf8_lossy(&info.stdout);
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("a page count");
    assert!(pages >= 4, "{pages} pages");

    // Every word of the Markdown is in the PDF, in order, whatever the lines
    // did to it: compare the text with all spacing removed, so a word cut
    // between characters at a line's end still matches.
    let markdown = std::fs::read_to_string(output(dir.path(), profile, "md")).expect("md");
    let raw = Command::new("pdftotext")
        .args(["-raw"])
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    let text = String::from_utf8(raw.stdout).expect("UTF-8");
    // Bullets are not words (as in `words`).
    let squeezed: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '•')
        .collect();
    let mut at = 0;
    for word in markdown_words(&markdown) {
        match squeezed[at..].find(&word) {
            Some(found) => at += found + word.len(),
            None => panic!("`{word}` is missing from the PDF after byte {at}"),
        }
    }
    for name in [
        "Άρτεμις Παπαδοπούλου",
        "Светослав Иванов",
        "Милена Петрова-Георгиева",
        "Ελευθέριος Κωνσταντινίδης",
    ] {
        assert!(text.contains(name), "{name} is not in the PDF's text");
    }
    assert!(
        !text.contains('\u{fffd}'),
        "a character was lost on the way"
    );
}

#[test]
fn a_character_the_font_lacks_is_a_warning_naming_the_field() {
    let profile = "tests/fixtures/valid/missing-glyph.yaml";
    let (dir, ran) = build(profile, "pdf");
    let stderr = ran.stderr_text();
    assert_eq!(ran.code, 0, "a warning does not stop the build: {stderr}");
    assert!(output(dir.path(), profile, "pdf").is_file());
    assert_eq!(
        stderr.matches("warning[missing-glyph]").count(),
        2,
        "{stderr}"
    );
    assert!(
        stderr.contains("`日` (U+65E5)") && stderr.contains("in `/technical/cirt/text`"),
        "{stderr}"
    );
    assert!(stderr.contains("missing-glyph.yaml:22:11"), "{stderr}");
    assert!(
        stderr.contains("`🛡` (U+1F6E1) in `/cooperation/international_cooperation/agencies/0`"),
        "{stderr}"
    );
    // Markdown and HTML show every character: no warning there.
    let (_, ran) = build(profile, "md,html");
    assert_eq!(ran.code, 0, "{}", ran.stderr_text());
    assert!(
        !ran.stderr_text().contains("warning["),
        "{}",
        ran.stderr_text()
    );
}

#[test]
fn the_pdf_has_an_outline_metadata_and_clickable_links() {
    let profile = "profiles/belgium-2015.yaml";
    let (dir, ran) = build(profile, "md,pdf");
    assert_eq!(ran.code, 0, "{}", ran.stderr_text());
    let bytes = std::fs::read(output(dir.path(), profile, "pdf")).expect("the PDF");
    let doc = Document::load_mem(&bytes).expect("lopdf reads the PDF");

    let info = dict(&doc, doc.trailer.get(b"Info").expect("an Info dictionary"));
    let field = |name: &[u8]| text_of(&doc, info.get(name).expect("a field"));
    assert_eq!(field(b"Title"), "Cyberwellness Profile: Belgium (2015)");
    assert_eq!(
        field(b"Author"),
        "International Telecommunication Union (ITU)"
    );
    assert!(field(b"Subject").contains("child online protection in Belgium"));
    assert!(field(b"Keywords").contains("Belgium") && field(b"Keywords").contains("BEL"));
    let catalog = doc.catalog().expect("a catalog");
    assert_eq!(
        text_of(&doc, catalog.get(b"Lang").expect("a language")),
        "en"
    );
    assert_eq!(
        catalog.get(b"PageMode").and_then(Object::as_name).ok(),
        Some(&b"UseOutlines"[..])
    );

    // The outline follows the numbered sections, nested as they are.
    let markdown = std::fs::read_to_string(output(dir.path(), profile, "md")).expect("md");
    let headings: Vec<String> = markdown
        .lines()
        .filter(|l| l.starts_with("## ") || l.starts_with("### ") || l.starts_with("#### "))
        .map(|l| l.trim_start_matches('#').trim().to_owned())
        .collect();
    let entries = outline(&doc);
    assert_eq!(
        entries.iter().map(|(_, t)| t.clone()).collect::<Vec<_>>(),
        headings
    );
    let depth = |title: &str| entries.iter().find(|(_, t)| t == title).map(|(d, _)| *d);
    assert_eq!(depth("1. CYBERSECURITY"), Some(1));
    assert_eq!(depth("1.2 TECHNICAL MEASURES"), Some(2));
    assert_eq!(depth("1.2.1 CIRT"), Some(3));
    assert_eq!(depth("2.4 REPORTING MECHANISM"), Some(2));

    // Links: the disclaimer's addresses, and each status line's source
    // number, which goes to the list of sources.
    let mut uris = Vec::new();
    let mut internal = 0;
    for page in doc.get_pages().values() {
        let page = doc.get_dictionary(*page).expect("a page");
        let Ok(annots) = page.get(b"Annots").and_then(Object::as_array) else {
            continue;
        };
        for annot in annots {
            let annot = dict(&doc, annot);
            assert_eq!(
                annot.get(b"Subtype").and_then(Object::as_name).ok(),
                Some(&b"Link"[..])
            );
            let action = dict(&doc, annot.get(b"A").expect("an action"));
            match action.get(b"S").and_then(Object::as_name).expect("a kind") {
                b"URI" => uris.push(text_of(&doc, action.get(b"URI").expect("a URI"))),
                b"GoTo" => internal += 1,
                other => panic!("unexpected action {}", String::from_utf8_lossy(other)),
            }
        }
    }
    let pages = doc.get_pages().len();
    assert!(
        uris.iter()
            .filter(|u| *u == "http://www.itu.int/en/Pages/copyright.aspx")
            .count()
            == pages,
        "{uris:?}"
    );
    assert!(
        uris.contains(&"http://www.itu.int/en/ITU-D/Cybersecurity/Pages/default.aspx".to_owned())
    );
    assert_eq!(internal, 21, "one link per status line");
}

#[test]
fn building_twice_gives_identical_bytes_and_source_date_epoch_sets_the_date() {
    let profile = "profiles/belgium-2015.yaml";
    let (a, ran) = build(profile, "pdf");
    assert_eq!(ran.code, 0, "{}", ran.stderr_text());
    let (b, _) = build(profile, "pdf");
    let first = std::fs::read(output(a.path(), profile, "pdf")).expect("a PDF");
    let second = std::fs::read(output(b.path(), profile, "pdf")).expect("a PDF");
    assert!(first == second, "two builds differ");
    let date = |bytes: &[u8]| {
        let doc = Document::load_mem(bytes).expect("a PDF");
        let info = dict(&doc, doc.trailer.get(b"Info").expect("Info"));
        text_of(&doc, info.get(b"CreationDate").expect("a date"))
    };
    // Without SOURCE_DATE_EPOCH: the day the profile was last updated.
    assert_eq!(date(&first), "D:20150202000000+00'00'");

    let dir = tempfile::tempdir().expect("a temp dir");
    let ran = TestCommand::new()
        .current_dir(repo())
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .args(["build", profile, "-f", "pdf", "-o"])
        .arg(dir.path())
        .run();
    assert_eq!(ran.code, 0, "{}", ran.stderr_text());
    let dated = std::fs::read(output(dir.path(), profile, "pdf")).expect("a PDF");
    assert_eq!(date(&dated), "D:20231114221320+00'00'");
    assert!(dated != first);

    let ran = TestCommand::new()
        .current_dir(repo())
        .env("SOURCE_DATE_EPOCH", "yesterday")
        .args(["build", profile, "-f", "pdf", "-o"])
        .arg(dir.path())
        .run();
    assert_eq!(
        ran.code, 2,
        "a malformed SOURCE_DATE_EPOCH is a usage error"
    );
    assert!(
        ran.stderr_text().contains("SOURCE_DATE_EPOCH")
            || ran.stderr_text().contains("source-date-epoch"),
        "{}",
        ran.stderr_text()
    );
}

#[test]
fn dash_f_pdf_writes_only_the_pdf_and_the_default_writes_all_three() {
    let profile = "profiles/belgium-2015.yaml";
    let (dir, ran) = build(profile, "pdf");
    assert_eq!(ran.code, 0, "{}", ran.stderr_text());
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .expect("the folder")
        .map(|e| {
            e.expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    assert_eq!(names, ["belgium-2015.pdf"]);

    let dir = tempfile::tempdir().expect("a temp dir");
    let ran = TestCommand::new()
        .current_dir(repo())
        .args(["build", profile, "-o"])
        .arg(dir.path())
        .run();
    assert_eq!(ran.code, 0, "{}", ran.stderr_text());
    for ext in ["md", "html", "pdf"] {
        assert!(output(dir.path(), profile, ext).is_file(), "no .{ext}");
    }

    let ran = TestCommand::new()
        .current_dir(repo())
        .args(["build", profile, "-f", "pdf", "-o", "-"])
        .run();
    assert_eq!(ran.code, 0, "{}", ran.stderr_text());
    assert!(ran.stdout.starts_with(b"%PDF-1.7"));
    assert!(ran.stdout.ends_with(b"%%EOF") || ran.stdout.ends_with(b"%%EOF\n"));
}

#[test]
fn a_publisher_restyles_the_pdf_and_a_bad_style_is_reported() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let templates = dir.path().join("templates");
    std::fs::create_dir(&templates).expect("mkdir");
    std::fs::write(
        templates.join("pdf-style.yaml"),
        "# Bigger text.\ntext: {size: 12}\n",
    )
    .expect("write");
    std::fs::write(
        templates.join("pdf-footer.tera"),
        "Published by an example publisher{{ tab }}page {{ page }} of {{ pages }}\n",
    )
    .expect("write");
    let out = dir.path().join("out");
    let run = |out: &Path| {
        TestCommand::new()
            .current_dir(repo())
            .args([
                "build",
                "profiles/belgium-2015.yaml",
                "-f",
                "pdf",
                "--templates",
            ])
            .arg(&templates)
            .arg("-o")
            .arg(out)
            .run()
    };
    let ran = run(&out);
    assert_eq!(ran.code, 0, "{}", ran.stderr_text());
    let pdf = out.join("belgium-2015.pdf");
    let text = String::from_utf8(
        Command::new("pdftotext")
            .arg(&pdf)
            .arg("-")
            .output()
            .expect("pdftotext")
            .stdout,
    )
    .expect("UTF-8");
    let pages = text.matches('\u{c}').count();
    assert!(
        pages > 3,
        "12-point text needs more pages than 3, got {pages}"
    );
    assert!(text.contains(&format!("page {pages} of {pages}")), "{text}");
    assert!(text.contains("Published by an example publisher"));

    std::fs::write(
        templates.join("pdf-style.yaml"),
        "text: {size: 400}\npage: {margin: {left: -3}}\n",
    )
    .expect("write");
    let ran = run(&out);
    let stderr = ran.stderr_text();
    assert_eq!(ran.code, 1, "{stderr}");
    assert!(stderr.contains("error[template]"), "{stderr}");
    assert!(stderr.contains("pdf-style.yaml"), "{stderr}");
    assert!(
        stderr.contains("`text.size` is 400") && stderr.contains("`page.margin.left` is -3"),
        "{stderr}"
    );

    std::fs::write(templates.join("pdf-style.yaml"), "text:\n  size: [12\n").expect("write");
    let ran = run(&out);
    let stderr = ran.stderr_text();
    assert_eq!(ran.code, 1, "{stderr}");
    assert!(
        stderr.contains("pdf-style.yaml:"),
        "a YAML error has a line: {stderr}"
    );

    // A footer that would leave no room for the text.
    std::fs::remove_file(templates.join("pdf-style.yaml")).expect("rm");
    let long: String = (0..80).map(|i| format!("line {i}\n")).collect();
    std::fs::write(templates.join("pdf-footer.tera"), long).expect("write");
    let none = dir.path().join("none");
    let ran = run(&none);
    let stderr = ran.stderr_text();
    assert_eq!(ran.code, 1, "{stderr}");
    assert!(
        stderr.contains("pdf-footer.tera") && stderr.contains("less than half"),
        "{stderr}"
    );
    assert!(!none.exists(), "nothing is written");
}
