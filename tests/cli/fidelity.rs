//! The fidelity oracle: the words of the ITU's Belgian 2015 document
//! (`../shared/seeds/000_*.txt`, or its committed copy) against the words of what profilec builds.
//!
//! Both sides are reduced to the same thing, a list of words: the seed loses
//! its page furniture (page banners, page numbers, the rule above the
//! disclaimer), its extraction artefacts (`f ramework`) and its two-column
//! background block is read column by column; a built document loses what
//! profilec adds on purpose (the status line under each indicator, with the
//! date of its sources; the numbered list of sources and the citation after
//! it). List bullets are not words. Other tests (HTML,
//! PDF, import) reuse these helpers.

#![allow(dead_code)]

use std::path::PathBuf;

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

use crate::common::{TestCommand, repo};

/// The seed: the ITU Cyberwellness Profile of Belgium, as pdftotext gave it.
/// It is `../shared/seeds/000_*.txt` beside the project where that folder
/// is, and otherwise the committed copy (`tests/fixtures/import/
/// belgium-2015.txt`), whose bytes [`SEED_SHA256`] pins, so the tests run
/// the same from a clone anywhere.
pub fn seed_path() -> PathBuf {
    shared_seed().unwrap_or_else(committed_seed)
}

/// The committed copy of the seed.
pub fn committed_seed() -> PathBuf {
    repo().join("tests/fixtures/import/belgium-2015.txt")
}

/// The SHA-256 of the seed's bytes, as `sha256sum` gives it.
pub const SEED_SHA256: &str = "1501dd4cbd71fb146f52c466f3378d21ad8357e532f0add0c236790e0bd2b0b2";

/// `../shared/seeds/000_*.txt`, when the shared folder is beside the
/// project.
pub fn shared_seed() -> Option<PathBuf> {
    let seeds = repo().join("../shared/seeds");
    std::fs::read_dir(&seeds)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("000_") && n.ends_with(".txt"))
        })
}

/// The words of the seed, in reading order.
pub fn seed_words() -> Vec<String> {
    let text = std::fs::read_to_string(seed_path()).expect("the seed");
    let mut lines: Vec<String> = Vec::new();
    let mut background: Option<(Vec<String>, Vec<String>)> = None;
    for line in text.lines() {
        let trimmed = line.trim();
        let furniture = trimmed.starts_with("-----") // page banners and the rule
            || (!trimmed.is_empty() && trimmed.chars().all(|c| c.is_ascii_digit())); // page numbers
        if furniture {
            continue;
        }
        if trimmed == "BACKGROUND" {
            lines.push(trimmed.to_owned());
            background = Some((Vec::new(), Vec::new()));
            continue;
        }
        if let Some((left, right)) = background.as_mut() {
            if trimmed.starts_with("1.") {
                // End of the two-column block: read the left column, then the right.
                lines.append(left);
                lines.append(right);
                background = None;
            } else {
                // Columns are separated by a wide run of spaces.
                let columns: Vec<&str> = split_columns(line);
                if let Some(first) = columns.first() {
                    left.push((*first).to_owned());
                }
                if let Some(second) = columns.get(1) {
                    right.push((*second).to_owned());
                }
                continue;
            }
        }
        lines.push(line.to_owned());
    }
    let text = lines.join("\n").replace("f ramework", "framework");
    words(&text)
}

fn split_columns(line: &str) -> Vec<&str> {
    let mut columns = Vec::new();
    let mut rest = line.trim();
    while !rest.is_empty() {
        match rest.find("          ") {
            Some(gap) => {
                columns.push(rest[..gap].trim());
                rest = rest[gap..].trim_start();
            }
            None => {
                columns.push(rest.trim());
                break;
            }
        }
    }
    columns
}

/// Splits text into words; a lone list bullet is not a word.
pub fn words(text: &str) -> Vec<String> {
    text.split_whitespace()
        .filter(|w| !matches!(*w, "-" | "•" | "*"))
        .map(str::to_owned)
        .collect()
}

/// The words of a Markdown document, without profilec's additions.
pub fn markdown_words(markdown: &str) -> Vec<String> {
    let mut text = String::new();
    let mut skip_paragraph = false;
    let mut in_sources = false;
    let mut pending_heading: Option<HeadingLevel> = None;
    for event in Parser::new_ext(markdown, pulldown_cmark::Options::ENABLE_TABLES) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                pending_heading = Some(level);
                text.push('\n');
            }
            Event::End(TagEnd::Heading(_)) => {
                pending_heading = None;
                text.push(' ');
            }
            Event::Start(Tag::Paragraph) => skip_paragraph = false,
            Event::Text(t)
                if pending_heading == Some(HeadingLevel::H2) && t.as_ref() == "Sources" =>
            {
                in_sources = true;
            }
            Event::Rule => in_sources = false,
            Event::Text(t) if t.as_ref() == "Status: " => skip_paragraph = true,
            Event::Text(t) | Event::Code(t) if !skip_paragraph && !in_sources => {
                text.push_str(&t);
            }
            Event::End(TagEnd::Paragraph) => {
                skip_paragraph = false;
                text.push(' ');
            }
            Event::SoftBreak | Event::HardBreak | Event::End(_) => text.push(' '),
            _ => {}
        }
    }
    words(&text)
}

/// The words of an HTML page's `<main>`, without profilec's additions.
pub fn html_words(html: &str) -> Vec<String> {
    let start = html.find("<main").expect("a <main> element");
    let end = html.find("</main>").expect("a </main>");
    let mut main = html[start..end].to_owned();
    // profilec's additions: status lines, the list of sources and the
    // citation.
    for class in ["<p class=\"status", "<p class=\"citation"] {
        while let Some(at) = main.find(class) {
            let close = main[at..].find("</p>").map_or(main.len(), |c| at + c + 4);
            main.replace_range(at..close, " ");
        }
    }
    if let Some(at) = main.find("<h2 id=\"sources\"") {
        let close = main[at..].find("</ol>").map_or(main.len(), |c| at + c + 5);
        main.replace_range(at..close, " ");
    }
    let mut text = String::new();
    let mut in_tag = false;
    for c in main.chars() {
        match c {
            '<' => {
                in_tag = true;
                text.push(' ');
            }
            '>' => in_tag = false,
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    let text = text
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    words(&text)
}

/// Asserts two word lists are equal, showing where they first differ.
pub fn assert_same_words(expected: &[String], actual: &[String], what: &str) {
    if expected == actual {
        return;
    }
    let at = expected
        .iter()
        .zip(actual)
        .position(|(a, b)| a != b)
        .unwrap_or(expected.len().min(actual.len()));
    let window = |w: &[String]| w[at.saturating_sub(8)..(at + 8).min(w.len())].join(" ");
    panic!(
        "{what}: the words differ at word {at} (of {} expected, {} found)\n  expected: …{}…\n  found:    …{}…",
        expected.len(),
        actual.len(),
        window(expected),
        window(actual)
    );
}

/// Builds `profiles/belgium-2015.yaml` in a temp folder; returns (markdown, html).
pub fn build_belgium_2015() -> (String, String) {
    let dir = tempfile::tempdir().expect("a temp dir");
    let output = TestCommand::new()
        .current_dir(repo())
        .args(["build", "profiles/belgium-2015.yaml", "-f", "md,html", "-o"])
        .arg(dir.path())
        .run();
    assert_eq!(output.code, 0, "{}", output.stderr_text());
    let read = |ext: &str| {
        std::fs::read_to_string(dir.path().join(format!("belgium-2015.{ext}")))
            .expect("a built file")
    };
    (read("md"), read("html"))
}

#[test]
fn the_seed_reads_as_expected() {
    let words = seed_words();
    assert_eq!(&words[..3], ["CYBERWELLNESS", "PROFILE", "BELGIUM"]);
    let joined = words.join(" ");
    assert!(joined.contains(
        "BACKGROUND Total Population: 10 788 000 (data source: United Nations Statistics Division, December 2012) Internet users, percentage of population: 82.17% (data source: ITU Statistics, December 2013) 1. CYBERSECURITY"
    ), "{joined}");
    assert!(joined.contains("no information about any framework for certification"));
    assert!(joined.ends_with("Last updated on 2nd February 2015"));
}

#[test]
fn the_belgian_2015_markdown_has_the_words_of_the_itu_document() {
    let (markdown, _) = build_belgium_2015();
    assert_same_words(
        &seed_words(),
        &markdown_words(&markdown),
        "Markdown vs seed",
    );
}

#[test]
fn the_belgian_2015_html_has_the_same_words() {
    let (markdown, html) = build_belgium_2015();
    assert_same_words(
        &markdown_words(&markdown),
        &html_words(&html),
        "HTML vs Markdown",
    );
    assert_same_words(&seed_words(), &html_words(&html), "HTML vs seed");
}

#[test]
fn the_oracle_notices_a_changed_word() {
    let (markdown, _) = build_belgium_2015();
    let altered = markdown.replace("Penal Code", "Civil Code");
    assert_ne!(seed_words(), markdown_words(&altered));
}
