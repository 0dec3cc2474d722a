//! Provenance (issue 15, items 8-10): who published a profile, how old each
//! statement is, and how to cite it, in every format and on the site.
//!
//! A compilation (a profile the ITU did not publish) never prints the ITU's
//! disclaimer nor names the ITU as its author; the ITU's own 2015 profile
//! keeps both, word for word.

use std::path::Path;
use std::process::Command;

use profilec::schema::Catalogues;

use crate::common::{TestCommand, repo};

/// The ITU's disclaimer lines, as the catalogue has them.
fn itu_disclaimer() -> Vec<String> {
    Catalogues::builtin()
        .expect("the catalogues")
        .get("cyberwellness-2015")
        .expect("the 2015 edition")
        .disclaimer
        .clone()
}

const ITU: &str = "International Telecommunication Union (ITU)";

/// Builds `profile` (a path under the repository) in all three formats;
/// returns the folder and (Markdown, HTML, PDF text, PDF author).
fn build_all(profile: &str) -> (tempfile::TempDir, String, String, String, String) {
    let dir = tempfile::tempdir().expect("a temp dir");
    let ran = TestCommand::new()
        .current_dir(repo())
        .args(["build", profile, "-o"])
        .arg(dir.path())
        .run();
    assert_eq!(ran.code, 0, "{}", ran.stderr_text());
    let stem = Path::new(profile)
        .file_stem()
        .and_then(|s| s.to_str())
        .expect("a stem");
    let read = |ext: &str| {
        std::fs::read_to_string(dir.path().join(format!("{stem}.{ext}"))).expect("a document")
    };
    let (markdown, html) = (read("md"), read("html"));
    let pdf = dir.path().join(format!("{stem}.pdf"));
    let text = Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs (Debian: poppler-utils)");
    let info = Command::new("pdfinfo")
        .arg(&pdf)
        .output()
        .expect("pdfinfo runs (Debian: poppler-utils)");
    let author = String::from_utf8_lossy(&info.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("Author:"))
        .map(|a| a.trim().to_owned())
        .unwrap_or_default();
    (
        dir,
        markdown,
        html,
        String::from_utf8_lossy(&text.stdout).into_owned(),
        author,
    )
}

/// The words of Markdown or HTML: tags and emphasis marks dropped.
fn words(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_tag = false;
    for c in text.replace("**", "").chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// A text without line breaks, so that a line wrapped in a PDF reads whole.
fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn a_compilation_carries_no_itu_disclaimer_nor_authorship_in_any_format() {
    // The current Belgian profile is a compilation of later sources.
    let (_dir, markdown, html, pdf, author) = build_all("profiles/belgium.yaml");
    for line in itu_disclaimer() {
        let words = flat(&line);
        let head: String = words.split(" http").next().unwrap_or_default().to_owned();
        for (format, text) in [("md", &markdown), ("html", &html), ("pdf", &pdf)] {
            assert!(
                !flat(text).contains(&head),
                "{format} has `{head}`:\n{text}"
            );
        }
    }
    for (format, text) in [("md", &markdown), ("html", &html), ("pdf", &pdf)] {
        assert!(!text.contains("itu.int/en/Pages/copyright"), "{format}");
        let text = flat(text);
        assert!(
            text.contains("Compiled by profilec maintainers from the sources listed"),
            "{format}: the byline under the title: {text}"
        );
        assert!(
            text.contains("Not a publication of the International Telecommunication Union (ITU)."),
            "{format}: the closing says so: {text}"
        );
        assert!(
            text.contains("Cite as: profilec maintainers."),
            "{format}: cited as the compiler's: {text}"
        );
    }
    assert_eq!(author, "profilec maintainers", "the PDF's author");
    assert!(html.contains("<meta name=\"author\" content=\"profilec maintainers\">"));
    assert!(!html.contains("ITU Cyberwellness Profile ·"), "{html}");
    assert!(!html.contains(&format!("content=\"{ITU}\"")), "{html}");
}

#[test]
fn the_itu_2015_profile_keeps_its_disclaimer_and_authorship() {
    let (_dir, markdown, html, pdf, author) = build_all("profiles/belgium-2015.yaml");
    // The disclaimer, word for word, at the end of the Markdown document.
    let closing: Vec<&str> = markdown
        .rsplit("\n---\n")
        .next()
        .expect("a closing")
        .lines()
        .map(|l| l.trim_end())
        .filter(|l| !l.is_empty())
        .collect();
    let expected: Vec<String> = itu_disclaimer()
        .iter()
        .map(|line| {
            line.split(' ')
                .map(|w| {
                    if w.starts_with("http") {
                        format!("<{w}>")
                    } else {
                        w.to_owned()
                    }
                })
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    assert_eq!(&closing[..2], &expected[..], "{markdown}");
    assert_eq!(closing[2], "Last updated on 2nd February 2015");
    for line in itu_disclaimer() {
        assert!(flat(&pdf).contains(&flat(&line)), "PDF: {line}\n{pdf}");
        let head = line.split(" http").next().unwrap_or_default();
        assert!(html.contains(head), "HTML: {head}");
    }
    assert_eq!(author, ITU, "the PDF's author");
    assert!(html.contains(&format!("<meta name=\"author\" content=\"{ITU}\">")));
    assert!(html.contains("ITU Cyberwellness Profile · 2015 edition"));
    // No compiler's byline, no compilation's closing, no note on ages
    // (every answer rests on the one document of February 2015).
    for (format, text) in [("md", &markdown), ("html", &html), ("pdf", &pdf)] {
        assert!(!text.contains("Compiled by"), "{format}");
        assert!(!text.contains("Not a publication"), "{format}");
        assert!(!text.contains("indicators updated from"), "{format}");
    }
    assert!(flat(&markdown).contains(&format!("Cite as: {ITU}. *Cyberwellness Profile: Belgium*. 2015 edition, last updated 2 February 2015.")));
}

#[test]
fn each_statement_is_dated_by_its_newest_source_in_every_format() {
    let (_dir, markdown, html, pdf, _) = build_all("profiles/belgium.yaml");
    let note = "8 of 21 indicators updated from sources of 2018\u{2013}2020 or later; 13 as of February 2015.";
    for (format, text) in [("md", &markdown), ("html", &html), ("pdf", &pdf)] {
        // The words, without Markdown's emphasis or HTML's tags.
        let flat = flat(&words(text));
        assert!(flat.contains(note), "{format}: the note at the top: {flat}");
        // 1.3.1 rests on the security strategy (not before October 2020).
        let policy = flat.split("1.3.1 POLICY").nth(1).expect("1.3.1");
        let status = policy.split("Status:").nth(1).expect("its status line");
        assert!(
            status
                .trim_start()
                .starts_with("yes · not before October 2020 ·"),
            "{format}: {status}"
        );
        // 1.1.1 rests on the ITU's profile alone.
        let criminal = flat
            .split("1.1.1 CRIMINAL LEGISLATION")
            .nth(1)
            .expect("1.1.1");
        let status = criminal.split("Status:").nth(1).expect("its status line");
        assert!(
            status
                .trim_start()
                .starts_with("yes · as of February 2015 ·"),
            "{format}: {status}"
        );
    }
    // The note comes before the background, after the title block.
    let at = |needle: &str| markdown.find(needle).expect(needle);
    assert!(at(note) < at("## BACKGROUND") && at("# CYBERWELLNESS PROFILE") < at(note));
    // Every status line of the Markdown says how old it is.
    let lines: Vec<&str> = markdown
        .lines()
        .filter(|l| l.starts_with("Status: "))
        .collect();
    assert_eq!(lines.len(), 21);
    assert!(
        lines
            .iter()
            .all(|l| l.contains(" · as of ") || l.contains(" · not before ")),
        "{lines:#?}"
    );
    // The undated documents give their bounds, and the guide its contributor.
    assert!(markdown.contains(
        "*Belgium - Data Breach Guide*, contributor CMS Belgium (Tom Heremans and Tom De Cordier), not before July 2018."
    ), "{markdown}");
    assert!(markdown.contains("*National Cyber Emergency Plan*, not before October 2019."));
}

#[test]
fn the_site_attributes_cites_and_marks_old_statements() {
    let profiles = tempfile::tempdir().expect("a temp dir");
    for name in ["belgium.yaml", "belgium-2015.yaml"] {
        std::fs::copy(
            repo().join("profiles").join(name),
            profiles.path().join(name),
        )
        .expect("a copy");
    }
    let site = |out: &Path, extra: &[&str], epoch: Option<&str>| {
        let mut command = TestCommand::new()
            .args([
                "site",
                "--no-pdf",
                "--base-url",
                "https://example.org/cw",
                "-o",
            ])
            .arg(out)
            .arg(profiles.path())
            .args(extra);
        if let Some(epoch) = epoch {
            command = command.env("SOURCE_DATE_EPOCH", epoch);
        }
        let ran = command.run();
        assert_eq!(ran.code, 0, "{}", ran.stderr_text());
    };
    let out = tempfile::tempdir().expect("a temp dir");
    let default = out.path().join("default");
    site(&default, &[], None);
    let read = |root: &Path, path: &str| {
        std::fs::read_to_string(root.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
    };

    // Who published each edition, and how to cite it (with its address).
    let current = read(&default, "countries/bel/index.html");
    assert!(
        current.contains("Cyberwellness profile · 2021 edition"),
        "{current}"
    );
    assert!(current.contains("profilec maintainers: a compilation from the sources it lists, not a publication of the ITU"));
    assert!(current.contains(
        "profilec maintainers. Cyberwellness Profile: Belgium. 2021 edition, last updated 23 November 2026. https://example.org/cw/countries/bel/2021.html"
    ), "{current}");
    let old = read(&default, "countries/bel/2015.html");
    assert!(old.contains("ITU Cyberwellness Profile · 2015 edition"));
    assert!(
        old.contains(&format!("<dd id=\"publisher\">{ITU}</dd>")),
        "{old}"
    );
    let footer = read(&default, "index.html");
    assert!(!footer.contains("ITU cyberwellness profiles"), "{footer}");

    // The citation as data: CSL-JSON and BibTeX, offered as downloads.
    let csl: serde_json::Value =
        serde_json::from_str(&read(&default, "countries/bel/bel-2021.csl.json")).expect("JSON");
    assert_eq!(csl[0]["author"][0]["literal"], "profilec maintainers");
    assert_eq!(csl[0]["edition"], "2021");
    assert_eq!(
        csl[0]["URL"],
        "https://example.org/cw/countries/bel/2021.html"
    );
    let csl: serde_json::Value =
        serde_json::from_str(&read(&default, "countries/bel/bel-2015.csl.json")).expect("JSON");
    assert_eq!(csl[0]["author"][0]["literal"], ITU);
    assert_eq!(
        csl[0]["issued"]["date-parts"][0],
        serde_json::json!([2015, 2, 2])
    );
    let bib = read(&default, "countries/bel/bel-2021.bib");
    assert!(
        bib.starts_with("@misc{bel-2021,\n  author = {{profilec maintainers}},"),
        "{bib}"
    );
    assert!(current.contains("href=\"bel-2021.csl.json\" download=\"bel-2021.csl.json\""));
    assert!(current.contains("href=\"bel-2021.bib\""));

    // Old statements, counted back five years from the newest update
    // (23 November 2026): the 13 statements of February 2015 in 2021, all
    // 21 in 2015; the ones dated only by a bound are never called old.
    let note = "Old statement: its newest source dates from before 23 November 2021, more than 5 years before 23 November 2026.";
    assert_eq!(current.matches(note).count(), 13, "{current}");
    assert_eq!(old.matches(note).count(), 21);
    assert!(current.contains("13 of 21 statements rest on sources from before 23 November 2021"));
    let policy = current.split("id=\"1-3-1-policy\"").nth(1).expect("1.3.1");
    let policy = policy.split("<h4").next().expect("its section");
    assert!(!policy.contains("stale-note"), "{policy}");

    // --stale-after 0 marks none; SOURCE_DATE_EPOCH moves the day counted
    // from (here 1 June 2016: nothing is older than five years).
    let off = out.path().join("off");
    site(&off, &["--stale-after", "0"], None);
    assert!(!read(&off, "countries/bel/2015.html").contains("stale-note"));
    let early = out.path().join("early");
    site(&early, &[], Some("1464739200"));
    assert!(!read(&early, "countries/bel/2015.html").contains("stale-note"));
    let one = out.path().join("one");
    site(&one, &["--stale-after", "1"], Some("1464739200"));
    assert_eq!(
        read(&one, "countries/bel/2015.html")
            .matches("its newest source dates from before 1 June 2015, more than 1 year before 1 June 2016.")
            .count(),
        21
    );

    // Rebuilt, the site is the same, byte for byte: no clock.
    let again = out.path().join("again");
    site(&again, &[], None);
    for path in [
        "countries/bel/index.html",
        "countries/bel/2015.html",
        "countries/bel/bel-2021.csl.json",
        "countries/bel/bel-2015.bib",
    ] {
        assert_eq!(read(&default, path), read(&again, path), "{path}");
    }
}

#[test]
fn a_publisher_name_is_text_in_every_format_whatever_it_holds() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let yaml = std::fs::read_to_string(repo().join("profiles/belgium-2015.yaml"))
        .expect("the profile")
        .replace(
            &format!("publisher: {ITU}\nbackground:"),
            "publisher: \"<script>alert(1)</script> *Bold* & [link](javascript:x) \\\"Q\\\"\"\nbackground:",
        );
    assert!(yaml.contains("<script>"), "the publisher was replaced");
    std::fs::write(dir.path().join("hostile.yaml"), yaml).expect("a profile");
    let ran = TestCommand::new()
        .current_dir(dir.path())
        .args(["build", "hostile.yaml", "-o", "out"])
        .run();
    assert_eq!(ran.code, 0, "{}", ran.stderr_text());
    let html = std::fs::read_to_string(dir.path().join("out/hostile.html")).expect("HTML");
    let lower = html.to_lowercase();
    assert!(!lower.contains("<script"), "{html}");
    assert!(
        !lower.contains("href=\"javascript:"),
        "no script link: {html}"
    );
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt; *Bold* &amp;"),
        "{html}"
    );
    let markdown = std::fs::read_to_string(dir.path().join("out/hostile.md")).expect("Markdown");
    assert!(
        markdown.contains("Compiled by \\<script\\>alert(1)\\</script\\> \\*Bold\\*"),
        "{markdown}"
    );
    // Not the ITU's: no disclaimer of its own.
    assert!(!markdown.contains("DISCLAIMER"), "{markdown}");
    let info = Command::new("pdfinfo")
        .arg(dir.path().join("out/hostile.pdf"))
        .output()
        .expect("pdfinfo runs");
    let info = String::from_utf8_lossy(&info.stdout).into_owned();
    assert!(
        info.contains(
            "Author:          <script>alert(1)</script> *Bold* & [link](javascript:x) \"Q\""
        ),
        "{info}"
    );
}
