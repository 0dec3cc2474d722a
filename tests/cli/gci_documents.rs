//! `profilec build` of GCI profiles: the country profile in Markdown, HTML
//! and PDF, with the radar chart, the tier staircase, the scores as a
//! table, the change since the previous edition when its profile is beside
//! (issue 14, item 4; issue 16, item 4).

use std::path::Path;
use std::process::Command;

use profilec::check::check_path;
use profilec::model::{AnyProfile, Date};
use profilec::pdf::lay_out;
use profilec::pdf::layout::{Item, Layout, Rect};
use profilec::render::{self, Templates};
use profilec::validate::Validator;

use crate::common::{Ran, TestCommand, repo};
use crate::fidelity::{assert_same_words, markdown_words, words};
use crate::pdf::word_boxes;

const BELGIUM_2024: &str = "profiles/gci/2024/bel.yaml";

/// Builds `profile` (relative to `dir`) into a fresh folder.
fn build_in(dir: &Path, profile: &str, formats: &str) -> (tempfile::TempDir, Ran) {
    let out = tempfile::tempdir().expect("a temp dir");
    let ran = TestCommand::new()
        .current_dir(dir)
        .args(["build", profile, "-f", formats, "-o"])
        .arg(out.path())
        .run();
    (out, ran)
}

fn read(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).expect("a built document")
}

/// A folder laid out as `profilec import` writes it, with the Belgian 2024
/// profile and, when given, a file as the 2020 profile.
fn gci_folder(previous: Option<&str>) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temp dir");
    for year in ["2020", "2024"] {
        std::fs::create_dir(dir.path().join(year)).expect("a year folder");
    }
    std::fs::copy(repo().join(BELGIUM_2024), dir.path().join("2024/bel.yaml")).expect("a copy");
    if let Some(text) = previous {
        std::fs::write(dir.path().join("2020/bel.yaml"), text).expect("a 2020 profile");
    }
    dir
}

fn belgium_2020() -> String {
    std::fs::read_to_string(repo().join("profiles/gci/2020/bel.yaml")).expect("the 2020 profile")
}

#[test]
fn belgium_2024_md() {
    let (out, ran) = build_in(&repo(), BELGIUM_2024, "md");
    assert_eq!(ran.code, 0, "{}", ran.stderr_text());
    let markdown = read(out.path(), "bel.md");
    insta::assert_snapshot!("belgium_2024_md", markdown);
}

#[test]
fn belgium_2024_html() {
    let (out, ran) = build_in(&repo(), BELGIUM_2024, "html");
    assert_eq!(ran.code, 0, "{}", ran.stderr_text());
    let html = read(out.path(), "bel.html");
    insta::assert_snapshot!("belgium_2024_html", html);
}

/// The chart is an image with a name and a description that states its
/// numbers, the table beside it gives them again, and the tier is said in
/// words and drawn with a pointer; nothing in the page runs or loads.
#[test]
fn the_html_charts_are_accessible_and_inert() {
    let (out, ran) = build_in(&repo(), BELGIUM_2024, "html");
    assert_eq!(ran.code, 0, "{}", ran.stderr_text());
    let html = read(out.path(), "bel.html");
    let radar = html.find("<svg").expect("the radar chart");
    let table = html.find("<table>").expect("the table of scores");
    let staircase = html.rfind("<svg").expect("the staircase");
    assert!(
        radar < table && table < staircase,
        "chart, its table, then the staircase"
    );
    assert_eq!(html.matches("<svg").count(), 2);
    assert_eq!(html.matches("role=\"img\"").count(), 2);
    for id in ["chart-bel-2024-radar", "chart-bel-2024-tiers"] {
        assert!(html.contains(&format!("<title id=\"{id}-title\">")), "{id}");
        assert!(html.contains(&format!("<desc id=\"{id}-desc\">")), "{id}");
        assert!(
            html.contains(&format!("aria-labelledby=\"{id}-title {id}-desc\"")),
            "{id}"
        );
    }
    let desc = &html[html
        .find("<desc id=\"chart-bel-2024-radar-desc\">")
        .unwrap()..];
    let desc = &desc[..desc.find("</desc>").unwrap()];
    for number in [
        "20.00", "18.11", "19.51", "19.19", "19.05", "16.41", "17.40", "15.91", "17.34",
    ] {
        assert!(desc.contains(number), "{number} in {desc}");
    }
    assert!(
        html.contains("stroke-dasharray"),
        "the region's line is dashed"
    );
    assert!(html.contains("Belgium is in <strong>Tier 1: Role-modelling</strong>"));
    let lower = html.to_lowercase();
    assert!(!lower.contains("<script") && !lower.contains("<img") && !lower.contains("<link"));
    assert!(!lower.contains("src=") && !lower.contains("url("));
}

#[test]
fn the_change_since_2020_is_shown_when_its_profile_is_in_the_2020_folder() {
    let dir = gci_folder(Some(&belgium_2020()));
    let (out, ran) = build_in(dir.path(), "2024/bel.yaml", "md,html");
    assert_eq!(ran.code, 0, "{}", ran.stderr_text());
    assert!(
        !ran.stderr_text().contains("warning"),
        "{}",
        ran.stderr_text()
    );
    let markdown = read(out.path(), "bel.md");
    for line in [
        "## Change since GCI 2020",
        "| Legal Measures | 20.00 | 20.00 | 0.00 (no change) |",
        "| Technical Measures | 20.00 | 18.11 | -1.89 (down) |",
        "| Organizational Measures | 16.25 | 19.51 | +3.26 (up) |",
        "| Overall, out of 100 | 96.25 | 96.82 | +0.57 (up) |",
    ] {
        assert!(markdown.contains(line), "{line}\n{markdown}");
    }
    assert!(
        markdown.contains("In the GCI 2020, Belgium ranked **19**"),
        "{markdown}"
    );
    assert!(read(out.path(), "bel.html").contains("<h2 id=\"change\">Change since GCI 2020</h2>"));
}

#[test]
fn no_change_is_shown_without_the_previous_profile() {
    let dir = gci_folder(None);
    let (out, ran) = build_in(dir.path(), "2024/bel.yaml", "md");
    assert_eq!(ran.code, 0, "{}", ran.stderr_text());
    assert!(
        !ran.stderr_text().contains("warning"),
        "{}",
        ran.stderr_text()
    );
    let markdown = read(out.path(), "bel.md");
    assert!(!markdown.contains("Change since"), "{markdown}");
    assert!(markdown.contains("## Tier performance"));
    // Nor outside the year folders' layout.
    std::fs::copy(
        dir.path().join("2024/bel.yaml"),
        dir.path().join("bel.yaml"),
    )
    .unwrap();
    std::fs::write(dir.path().join("2020/bel.yaml"), belgium_2020()).unwrap();
    let (out, ran) = build_in(dir.path(), "bel.yaml", "md");
    assert_eq!(ran.code, 0, "{}", ran.stderr_text());
    assert!(!read(out.path(), "bel.md").contains("Change since"));
}

#[test]
fn an_unusable_previous_profile_is_a_warning_and_the_document_is_built_without_it() {
    let cases: [(&str, String); 2] = [
        (
            "not valid",
            belgium_2020().replace("legal: 20\n", "legal: 25\n"),
        ),
        (
            "a profile of France",
            std::fs::read_to_string(repo().join("profiles/gci/2020/fra.yaml")).expect("France"),
        ),
    ];
    for (why, text) in cases {
        let dir = gci_folder(Some(&text));
        let (out, ran) = build_in(dir.path(), "2024/bel.yaml", "md");
        assert_eq!(ran.code, 0, "{why}: {}", ran.stderr_text());
        let stderr = ran.stderr_text();
        assert!(stderr.contains("previous-edition"), "{why}: {stderr}");
        assert!(stderr.contains("2020/bel.yaml"), "{why}: {stderr}");
        assert!(stderr.contains(why), "{why}: {stderr}");
        assert!(
            !read(out.path(), "bel.md").contains("Change since"),
            "{why}"
        );
    }
}

#[test]
fn a_gci_document_is_the_same_bytes_when_built_again() {
    let (first, ran) = build_in(&repo(), BELGIUM_2024, "md,html,pdf");
    assert_eq!(ran.code, 0, "{}", ran.stderr_text());
    let (second, ran) = build_in(&repo(), BELGIUM_2024, "md,html,pdf");
    assert_eq!(ran.code, 0, "{}", ran.stderr_text());
    for name in ["bel.md", "bel.html", "bel.pdf"] {
        let a = std::fs::read(first.path().join(name)).expect("a document");
        let b = std::fs::read(second.path().join(name)).expect("a document");
        assert!(a == b, "{name} differs between two builds");
    }
}

#[test]
fn the_2020_document_shows_the_rank_and_no_staircase() {
    let (out, ran) = build_in(&repo(), "profiles/gci/2020/bel.yaml", "md,html");
    assert_eq!(ran.code, 0, "{}", ran.stderr_text());
    let markdown = read(out.path(), "bel.md");
    assert!(
        markdown.contains("Belgium ranks **19** in the GCI 2020"),
        "{markdown}"
    );
    assert!(!markdown.contains("Tier performance") && !markdown.contains("Change since"));
    let html = read(out.path(), "bel.html");
    assert_eq!(html.matches("<svg").count(), 1, "the radar chart only");
}

/// Where the documents go when several GCI profiles are built at once: each
/// finds its own previous edition.
#[test]
fn several_gci_profiles_build_at_once_each_with_its_change() {
    let out = tempfile::tempdir().expect("a temp dir");
    let ran = TestCommand::new()
        .current_dir(repo())
        .args([
            "build",
            "profiles/gci/2024/bel.yaml",
            "profiles/gci/2024/slv.yaml",
            "-f",
            "md",
            "-o",
        ])
        .arg(out.path())
        .run();
    assert_eq!(ran.code, 0, "{}", ran.stderr_text());
    let slv = read(out.path(), "slv.md");
    assert!(
        slv.contains("# GCI 5th Edition Country Performance El Salvador"),
        "{slv}"
    );
    assert!(slv.contains("## Change since GCI 2020"), "{slv}");
    assert!(slv.contains("| Technical Measures | "), "{slv}");
    assert!(read(out.path(), "bel.md").contains("## Change since GCI 2020"));
}

/// The Belgian 2024 document's layout as `build` makes it in the
/// repository: with the 2020 profile beside it.
fn belgium_2024_layout() -> Layout {
    let validator = Validator::builtin().expect("a validator");
    let load = |path: &str| {
        check_path(&repo().join(path), validator, Date::today())
            .profile
            .expect("a valid profile")
    };
    let profile = load(BELGIUM_2024);
    let AnyProfile::Scored(previous) = load("profiles/gci/2020/bel.yaml") else {
        panic!("a GCI profile");
    };
    let templates = Templates::builtin().expect("templates");
    let sentences = render::Sentences::builtin().expect("sentences");
    let prepared = render::prepare_with(
        &profile,
        Some(&previous),
        validator.catalogues(),
        &templates,
        sentences,
    )
    .expect("renders");
    lay_out(&prepared.context(&profile, &templates)).expect("lays out")
}

/// The typeset document: charts as figures of paths and text, positions
/// as text.
#[test]
fn belgium_2024_pdf_layout() {
    insta::assert_snapshot!("belgium_2024_layout", belgium_2024_layout().describe());
}

fn inside(word: &Rect, area: &Rect) -> bool {
    let (x, y) = (word.x + word.width / 2.0, word.y + word.height / 2.0);
    x >= area.x && x <= area.right() && y >= area.y && y <= area.bottom()
}

/// The PDF draws both charts as figures whose alternative text states the
/// numbers; outside them, it says the Markdown's words in the Markdown's
/// order (up to the list of sources, then the closing lines in the last
/// page's footer); it is a clean PDF with its fonts embedded.
#[test]
fn the_belgian_2024_pdf_draws_the_charts_and_says_the_words_of_the_markdown() {
    let (out, ran) = build_in(&repo(), BELGIUM_2024, "md,pdf");
    assert_eq!(ran.code, 0, "{}", ran.stderr_text());
    let pdf = out.path().join("bel.pdf");
    let markdown = read(out.path(), "bel.md");

    let check = Command::new("qpdf")
        .arg("--check")
        .arg(&pdf)
        .output()
        .expect("qpdf runs (Debian: qpdf)");
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
    let fonts = Command::new("pdffonts")
        .arg(&pdf)
        .output()
        .expect("pdffonts runs");
    let fonts = String::from_utf8_lossy(&fonts.stdout);
    assert!(
        fonts.contains("NotoSans-Regular") && fonts.contains("NotoSans-Bold"),
        "{fonts}"
    );
    assert!(
        fonts.lines().skip(2).all(|l| l.contains(" yes yes yes ")),
        "{fonts}"
    );

    let layout = belgium_2024_layout();
    let mut figures: Vec<(usize, Rect, String)> = Vec::new();
    for (n, page) in layout.pages.iter().enumerate() {
        for item in &page.items {
            if let Item::Figure { area, alt, items } = item {
                assert!(items.iter().any(|i| matches!(i, Item::Path { .. })));
                figures.push((n, *area, alt.clone()));
            }
        }
    }
    assert_eq!(figures.len(), 2, "the radar chart and the staircase");
    for number in [
        "20.00", "18.11", "19.51", "19.19", "19.05", "16.41", "17.40", "15.91", "17.34",
    ] {
        assert!(figures[0].2.contains(number), "{number}: {}", figures[0].2);
    }
    assert!(figures[1].2.contains("96.82") && figures[1].2.contains("Tier 1, Role-modelling"));

    let pages = word_boxes(&pdf);
    assert_eq!(pages.len(), layout.pages.len());
    let mut found = Vec::new();
    let mut drawn = Vec::new();
    'pages: for (n, (words, page)) in pages.iter().zip(&layout.pages).enumerate() {
        for (word, rect) in words {
            if let Some(figure) = figures.iter().find(|f| f.0 == n && inside(rect, &f.1)) {
                drawn.push((figure.1, word.clone()));
            } else if inside(rect, &page.body) {
                if word == "Sources" {
                    break 'pages;
                }
                found.push(word.clone());
            }
        }
    }
    // The closing lines, in the last page's footer, without its number.
    let last = pages.last().expect("a page");
    let body = layout.pages.last().expect("a page").body;
    let mut footer: Vec<String> = last
        .iter()
        .filter(|(_, r)| r.y > body.bottom())
        .map(|(w, _)| w.clone())
        .collect();
    assert_eq!(
        footer.pop().as_deref(),
        Some(layout.pages.len().to_string().as_str())
    );
    found.extend(footer);
    // The Markdown reader parts bold text from the punctuation after it;
    // pdftotext parts the halves of a broken line and draws list bullets.
    let joined = |found: &[String]| -> Vec<String> {
        words(
            &found
                .join(" ")
                .replace(" ,", ",")
                .replace(" .", ".")
                .replace(" )", ")")
                // An address broken at a line's end after a slash.
                .replace("/ ", "/")
                // pdftotext -bbox writes XML.
                .replace("&apos;", "'")
                .replace("&quot;", "\"")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&"),
        )
    };
    assert_same_words(
        &joined(&markdown_words(&markdown)),
        &joined(&found),
        "the PDF's words outside its figures",
    );
    // What the charts draw: the scores, the tiers, the country.
    let drawn: Vec<&str> = drawn.iter().map(|(_, w)| w.as_str()).collect();
    for word in [
        "Legal",
        "20.00",
        "18.11",
        "19.51",
        "19.19",
        "T5",
        "T1",
        "Belgium",
        "20\u{2013}55*",
    ] {
        assert!(drawn.contains(&word), "{word} in {drawn:?}");
    }
}
