//! Regression tests for issue 13: write errors on standard output (item 1),
//! repeated formats (item 8) and the 404 page's links (item 10), run on the
//! real binary.

use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Command, Stdio};

use crate::common::{TestCommand, repo};

/// `profilec ARGS > /dev/full`, from the repository root: its exit code and
/// standard error.
fn into_full_disk(args: &[&str]) -> (i32, String) {
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .expect("/dev/full (Linux)");
    let ran = Command::new(env!("CARGO_BIN_EXE_profilec"))
        .args(args)
        .current_dir(repo())
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(full)
        .stderr(Stdio::piped())
        .output()
        .expect("profilec runs");
    (
        ran.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&ran.stderr).into_owned(),
    )
}

/// Asserts that a command whose standard output is a full disk exits 2 and
/// says once, naming standard output, that its output was lost.
fn assert_lost_output_is_an_error(args: &[&str]) -> String {
    let (code, stderr) = into_full_disk(args);
    assert_eq!(code, 2, "{args:?}: {stderr}");
    assert!(
        stderr.contains("error[output]: cannot write to standard output"),
        "{args:?}: {stderr}"
    );
    assert!(stderr.contains("--> standard output"), "{args:?}: {stderr}");
    assert_eq!(
        stderr.matches("cannot write to standard output").count(),
        1,
        "{args:?}: said once: {stderr}"
    );
    stderr
}

#[test]
fn issue13_build_to_a_full_disk_is_an_error() {
    for format in ["pdf", "md", "html"] {
        assert_lost_output_is_an_error(&[
            "build",
            "profiles/belgium-2015.yaml",
            "-f",
            format,
            "-o",
            "-",
        ]);
    }
}

#[test]
fn issue13_import_to_a_full_disk_is_an_error_and_says_nothing_was_imported() {
    let stderr =
        assert_lost_output_is_an_error(&["import", "tests/fixtures/import/belgium-2015.txt"]);
    assert!(!stderr.contains("imported Belgium"), "{stderr}");
    assert!(
        !stderr.lines().any(|line| line.starts_with("imported ")),
        "{stderr}"
    );
}

#[test]
fn issue13_validate_json_diff_and_schema_to_a_full_disk_are_errors() {
    assert_lost_output_is_an_error(&["validate", "-f", "json", "profiles/belgium-2015.yaml"]);
    // `diff` finds differences (exit 1) but could not say which: exit 2.
    for format in ["text", "md", "html", "json"] {
        assert_lost_output_is_an_error(&[
            "diff",
            "profiles/belgium-2015.yaml",
            "profiles/belgium.yaml",
            "-f",
            format,
        ]);
    }
    assert_lost_output_is_an_error(&["schema"]);
}

/// A copy of the Belgian 2015 profile whose CIRT answer has free text of
/// `words` words beginning with `word`: its documents and diffs are far
/// larger than a pipe's buffer, so a reader that goes away is noticed by
/// a failed write, not missed.
fn long_profile(dir: &Path, name: &str, word: &str, words: usize) -> String {
    let text = std::fs::read_to_string(repo().join("profiles/belgium-2015.yaml")).unwrap();
    let long: Vec<String> = (0..words).map(|i| format!("{word}{i}")).collect();
    let marker = "    text: >-\n      Belgium has an officially recognized national CIRT";
    assert!(
        text.contains(marker),
        "the CIRT answer of the fixture moved"
    );
    let changed = text.replacen(
        marker,
        &marker.replacen(">-\n", &format!(">-\n      {}\n", long.join(" ")), 1),
        1,
    );
    let path = dir.join(name);
    std::fs::write(&path, changed).unwrap();
    path.to_string_lossy().into_owned()
}

/// Runs `profilec ARGS | head -n 1`: reads one line of its standard output,
/// closes the pipe, and returns its exit code and standard error.
fn read_one_line_and_close(args: &[String]) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_profilec"))
        .args(args)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("profilec starts");
    let mut stdout = BufReader::new(child.stdout.take().expect("piped stdout"));
    let mut first = String::new();
    stdout.read_line(&mut first).expect("a first line");
    drop(stdout);
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .expect("piped stderr")
        .read_to_string(&mut stderr)
        .expect("standard error");
    let status = child.wait().expect("profilec ends");
    (status.code().unwrap_or(-1), first, stderr)
}

#[test]
fn issue13_a_reader_that_goes_away_ends_the_command_quietly() {
    let dir = tempfile::tempdir().unwrap();
    // 40,000 words: about 300 KB of Markdown, beyond any pipe buffer.
    let old = long_profile(dir.path(), "old.yaml", "before", 40_000);
    let new = long_profile(dir.path(), "new.yaml", "after", 40_000);

    let (code, first, stderr) = read_one_line_and_close(&[
        "build".into(),
        old.clone(),
        "-f".into(),
        "md".into(),
        "-o".into(),
        "-".into(),
    ]);
    assert_eq!(first, "# CYBERWELLNESS PROFILE BELGIUM\n");
    assert_eq!(code, 0, "build's exit is unchanged: {stderr}");
    assert_eq!(stderr, "", "nothing on standard error");

    // `diff` exits 1 when the profiles differ, whether or not the reader
    // read the whole report.
    let (code, first, stderr) = read_one_line_and_close(&["diff".into(), old, new]);
    assert!(first.contains("what changed"), "{first}");
    assert_eq!(code, 1, "diff's exit is unchanged: {stderr}");
    assert_eq!(stderr, "", "nothing on standard error");
}

#[test]
fn issue13_repeated_formats_are_written_once() {
    let dir = tempfile::tempdir().unwrap();
    let ran = TestCommand::new()
        .current_dir(repo())
        .args([
            "build",
            "profiles/belgium-2015.yaml",
            "-f",
            "md,html,md",
            "-o",
        ])
        .arg(dir.path())
        .run();
    assert_eq!(ran.code, 0, "{}", ran.stderr_text());
    let stderr = ran.stderr_text();
    assert_eq!(stderr.matches("belgium-2015.md").count(), 1, "{stderr}");
    assert_eq!(stderr.matches("belgium-2015.html").count(), 1, "{stderr}");
    let mut written: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    assert_eq!(written, ["belgium-2015.html", "belgium-2015.md"]);
}

/// Every `href="…"` and `src="…"` of an HTML page.
fn addresses(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    for attribute in ["href=\"", "src=\""] {
        for (at, _) in html.match_indices(attribute) {
            let rest = &html[at + attribute.len()..];
            if let Some(end) = rest.find('"') {
                found.push(rest[..end].to_owned());
            }
        }
    }
    found
}

#[test]
fn issue13_the_404_page_links_absolutely_with_a_base_url() {
    const BASE: &str = "https://example.org/deep/profiles/";
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    std::fs::copy(
        repo().join("profiles/belgium-2015.yaml"),
        input.join("belgium-2015.yaml"),
    )
    .unwrap();
    let site = dir.path().join("site");
    let ran = TestCommand::new()
        .args(["site", "--no-pdf", "--base-url", BASE, "-o"])
        .arg(&site)
        .arg(&input)
        .run();
    assert_eq!(ran.code, 0, "{}", ran.stderr_text());
    let html = std::fs::read_to_string(site.join("404.html")).unwrap();
    let links = addresses(&html);
    assert!(links.len() >= 5, "{links:?}");
    // The skip link stays on the page; every other address leaves it.
    for link in links.iter().filter(|l| !l.starts_with('#')) {
        assert!(
            link.starts_with(BASE),
            "a relative link on the 404 page leads to another 404 at a nested path: {link}"
        );
    }
    assert!(links.contains(&format!("{BASE}index.html")), "{links:?}");
    // Its styles are inlined: nothing to fetch for them at any depth.
    assert!(html.contains("<style>"));
}
