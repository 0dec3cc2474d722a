//! `profilec build`: documents from profiles.

use std::path::Path;

use crate::common::{TestCommand, repo};

fn build_into(dir: &Path, args: &[&str]) -> crate::common::Ran {
    TestCommand::new()
        .current_dir(repo())
        .arg("build")
        .args(args)
        .arg("-o")
        .arg(dir)
        .run()
}

fn read(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn belgium_2015_markdown_snapshot() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let ran = build_into(dir.path(), &["profiles/belgium-2015.yaml", "-f", "md"]);
    assert_eq!(ran.code, 0, "{}", ran.stderr_text());
    insta::assert_snapshot!("belgium_2015_md", read(dir.path(), "belgium-2015.md"));
}

#[test]
fn belgium_2015_html_snapshot() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let ran = build_into(dir.path(), &["profiles/belgium-2015.yaml", "-f", "html"]);
    assert_eq!(ran.code, 0, "{}", ran.stderr_text());
    insta::assert_snapshot!("belgium_2015_html", read(dir.path(), "belgium-2015.html"));
}

#[test]
fn showcase_snapshots_every_status_hostile_text_and_non_ascii_names() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let ran = build_into(dir.path(), &["tests/fixtures/valid/showcase.yaml"]);
    assert_eq!(ran.code, 0, "{}", ran.stderr_text());
    let markdown = read(dir.path(), "showcase.md");
    let html = read(dir.path(), "showcase.html");
    for status in ["**yes**", "**partial**", "**no**", "**no information**"] {
        assert!(
            markdown.contains(&format!("Status: {status}")),
            "{status} missing"
        );
    }
    assert!(markdown.contains("# CYBERWELLNESS PROFILE CÔTE D’IVOIRE"));
    assert!(html.contains("Türkiye–Côte d’Ivoire Test Liaison"));
    insta::assert_snapshot!("showcase_md", markdown);
    insta::assert_snapshot!("showcase_html", html);
}

#[test]
fn hostile_text_comes_out_inert() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let ran = build_into(dir.path(), &["tests/fixtures/valid/showcase.yaml"]);
    assert_eq!(ran.code, 0, "{}", ran.stderr_text());
    for name in ["showcase.md", "showcase.html"] {
        let text = read(dir.path(), name).to_lowercase();
        assert!(
            !text.contains("javascript:"),
            "{name} has a javascript: link"
        );
        // Every real tag (not escaped text) is free of scripts and handlers.
        for tag in text
            .split('<')
            .skip(1)
            .filter_map(|rest| rest.split('>').next())
        {
            assert!(
                !tag.starts_with("script") && !tag.starts_with("img"),
                "{name} has <{tag}>"
            );
            let handler = tag.match_indices(" on").any(|(at, _)| {
                let rest = &tag[at + 3..];
                let name_len = rest.chars().take_while(char::is_ascii_alphabetic).count();
                name_len > 0 && rest[name_len..].trim_start().starts_with('=')
            });
            assert!(!handler, "{name} has an event handler in <{tag}>");
        }
    }
    // The text is still there, for a reader to see.
    assert!(
        read(dir.path(), "showcase.html").contains("&lt;script&gt;alert(\"x\")&lt;/script&gt;")
    );
}

#[test]
fn html_is_self_contained_and_accessible() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let ran = build_into(dir.path(), &["profiles/belgium-2015.yaml", "-f", "html"]);
    assert_eq!(ran.code, 0);
    let html = read(dir.path(), "belgium-2015.html");
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<html lang=\"en\">"));
    assert!(html.contains("<meta name=\"viewport\""));
    assert!(
        html.contains("<main id=\"content\">") && html.contains("<nav aria-label=\"Contents\">")
    );
    assert!(html.contains("@media print"));
    for external in ["<script", "<link", "src=\"http", "@import", "url("] {
        assert!(!html.contains(external), "the page references {external}");
    }
    // Heading order: one h1, no level skipped.
    assert_eq!(html.matches("<h1").count(), 1);
    let mut last = 1;
    for (at, _) in html.match_indices("<h") {
        if let Some(level) = html[at + 2..].chars().next().and_then(|c| c.to_digit(10)) {
            assert!(level <= last + 1, "h{level} after h{last}");
            last = level;
        }
    }
    // Stable anchors, and every in-page link lands on one.
    assert!(html.contains("id=\"1-2-1-cirt\""));
    for (at, _) in html.match_indices("href=\"#") {
        let target: String = html[at + 7..].chars().take_while(|c| *c != '"').collect();
        assert!(
            html.contains(&format!("id=\"{target}\"")),
            "no anchor for #{target}"
        );
    }
    // Status is given in words, not by color alone.
    assert!(
        html.contains("<p class=\"status status-unknown\">Status: <strong>no information</strong>")
    );
}

#[test]
fn building_twice_gives_identical_bytes() {
    let a = tempfile::tempdir().expect("a temp dir");
    let b = tempfile::tempdir().expect("a temp dir");
    for dir in [a.path(), b.path()] {
        let ran = build_into(
            dir,
            &[
                "profiles/belgium-2015.yaml",
                "tests/fixtures/valid/showcase.yaml",
            ],
        );
        assert_eq!(ran.code, 0, "{}", ran.stderr_text());
    }
    for name in [
        "belgium-2015.md",
        "belgium-2015.html",
        "showcase.md",
        "showcase.html",
    ] {
        assert_eq!(
            std::fs::read(a.path().join(name)).ok(),
            std::fs::read(b.path().join(name)).ok(),
            "{name}"
        );
    }
}

#[test]
fn an_invalid_profile_builds_nothing() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let ran = build_into(
        dir.path(),
        &[
            "profiles/belgium-2015.yaml",
            "tests/fixtures/invalid/bad-status.yaml",
        ],
    );
    assert_eq!(ran.code, 1);
    assert!(
        ran.stderr_text().contains("error[bad-status]"),
        "{}",
        ran.stderr_text()
    );
    assert_eq!(
        std::fs::read_dir(dir.path()).expect("the folder").count(),
        0,
        "files were written"
    );
}

#[test]
fn dash_o_dash_writes_one_document_to_stdout() {
    let ran = TestCommand::new()
        .current_dir(repo())
        .args(["build", "profiles/belgium-2015.yaml", "-f", "md", "-o", "-"])
        .run();
    assert_eq!(ran.code, 0, "{}", ran.stderr_text());
    assert!(
        ran.stdout_text()
            .starts_with("# CYBERWELLNESS PROFILE BELGIUM\n")
    );
    let ran = TestCommand::new()
        .current_dir(repo())
        .args(["build", "profiles/belgium-2015.yaml", "-o", "-"])
        .run();
    assert_eq!(ran.code, 2, "two formats to stdout is a usage error");
    assert!(ran.stderr_text().contains("error[output]"));
}

#[test]
fn default_output_folder_and_names_follow_the_input_stem() {
    let dir = tempfile::tempdir().expect("a temp dir");
    std::fs::copy(
        repo().join("profiles/belgium-2015.yaml"),
        dir.path().join("my profile.yaml"),
    )
    .expect("copy");
    let ran = TestCommand::new()
        .current_dir(dir.path())
        .args(["build", "my profile.yaml"])
        .run();
    assert_eq!(ran.code, 0, "{}", ran.stderr_text());
    assert!(dir.path().join("output/my profile.md").is_file());
    assert!(dir.path().join("output/my profile.html").is_file());
}

#[test]
fn two_inputs_writing_the_same_file_are_refused() {
    let dir = tempfile::tempdir().expect("a temp dir");
    std::fs::create_dir(dir.path().join("a")).expect("mkdir");
    std::fs::copy(
        repo().join("profiles/belgium-2015.yaml"),
        dir.path().join("a/x.yaml"),
    )
    .expect("copy");
    std::fs::copy(
        repo().join("profiles/belgium-2015.yaml"),
        dir.path().join("x.yaml"),
    )
    .expect("copy");
    let ran = TestCommand::new()
        .current_dir(dir.path())
        .args(["build", "a/x.yaml", "x.yaml", "-o", "out"])
        .run();
    assert_eq!(ran.code, 2);
    assert!(
        ran.stderr_text().contains("would both write"),
        "{}",
        ran.stderr_text()
    );
    assert!(!dir.path().join("out").exists());
}

/// Builds the Belgian 2015 profile with these template overrides, into
/// `<temp>/out`; returns the run and the temp folder.
fn build_with_overrides(files: &[(&str, &str)]) -> (crate::common::Ran, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("a temp dir");
    let templates = dir.path().join("templates");
    std::fs::create_dir(&templates).expect("mkdir");
    for (name, text) in files {
        std::fs::write(templates.join(name), text).expect("write a template");
    }
    let ran = TestCommand::new()
        .current_dir(repo())
        .args(["build", "profiles/belgium-2015.yaml", "--templates"])
        .arg(&templates)
        .arg("-o")
        .arg(dir.path().join("out"))
        .run();
    (ran, dir)
}

#[test]
fn templates_can_be_overridden_by_name() {
    let (ran, dir) = build_with_overrides(&[
        ("style.css", "body { color: #123456; }"),
        (
            "profile.md.tera",
            "# {{ doc.country }} in {{ doc.edition }}\n",
        ),
    ]);
    assert_eq!(ran.code, 0, "{}", ran.stderr_text());
    let out = dir.path().join("out");
    assert_eq!(read(&out, "belgium-2015.md"), "# Belgium in 2015\n");
    let html = read(&out, "belgium-2015.html");
    assert!(
        html.contains("body { color: #123456; }") && html.contains("<h1 id=\"belgium-in-2015\">")
    );
}

#[test]
fn a_broken_template_is_reported_with_its_name_and_line() {
    let (ran, dir) = build_with_overrides(&[(
        "profile.md.tera",
        "# Title\n\n{{ doc.country | nosuchfilter }\n",
    )]);
    assert_eq!(ran.code, 1, "{}", ran.stderr_text());
    let text = ran.stderr_text();
    assert!(text.contains("error[template]"), "{text}");
    assert!(text.contains("profile.md.tera:3:"), "{text}");
    assert!(!dir.path().join("out").exists());
}

#[test]
fn a_template_that_fails_to_render_is_reported_with_its_name() {
    let (ran, dir) = build_with_overrides(&[("profile.md.tera", "# {{ doc.no_such_field }}\n")]);
    assert_eq!(ran.code, 1);
    let text = ran.stderr_text();
    assert!(
        text.contains("error[template]") && text.contains("profile.md.tera"),
        "{text}"
    );
    assert!(text.contains("no_such_field"), "{text}");
    assert!(!dir.path().join("out").exists());
}

#[test]
fn a_missing_profile_is_an_io_error() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let ran = build_into(dir.path(), &["no/such.yaml"]);
    assert_eq!(ran.code, 2);
    assert!(ran.stderr_text().contains("error[io]"));
}
