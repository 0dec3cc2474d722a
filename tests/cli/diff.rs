//! `profilec diff` on fixture pairs and on the Belgian profiles.
//!
//! `tests/fixtures/diff/base.yaml` is the old side of every pair; each other
//! file there changes one kind of thing (its first line says which). The
//! Belgian 2015 → current report is snapshotted in every output form.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::common::{Ran, TestCommand, repo};

fn fixture(name: &str) -> PathBuf {
    Path::new("tests/fixtures/diff").join(format!("{name}.yaml"))
}

/// `profilec diff OLD NEW ARGS…`, run from the repository root so file
/// names in the reports are relative and stable.
fn diff(old: impl AsRef<Path>, new: impl AsRef<Path>, args: &[&str]) -> Ran {
    TestCommand::new()
        .current_dir(repo())
        .arg("diff")
        .arg(old.as_ref())
        .arg(new.as_ref())
        .args(args)
        .run()
}

/// The JSON report of `base.yaml` against a fixture; checks exit 1.
fn json_against_base(name: &str) -> Value {
    let ran = diff(fixture("base"), fixture(name), &["-f", "json"]);
    assert_eq!(
        ran.code,
        1,
        "{name}: differences found; {}",
        ran.stderr_text()
    );
    serde_json::from_slice(&ran.stdout)
        .unwrap_or_else(|e| panic!("{name}: not JSON ({e}): {}", ran.stdout_text()))
}

/// The indicators listed in a JSON report, by number.
fn indicators(report: &Value) -> Vec<&Value> {
    report["areas"]
        .as_array()
        .expect("areas")
        .iter()
        .flat_map(|a| a["indicators"].as_array().expect("indicators"))
        .collect()
}

fn only_indicator(report: &Value) -> &Value {
    let listed = indicators(report);
    assert_eq!(listed.len(), 1, "one changed indicator: {report:#}");
    listed[0]
}

// ---------------------------------------------------------------------------
// No difference.

#[test]
fn a_profile_against_itself_has_no_differences() {
    let belgium = "profiles/belgium-2015.yaml";
    let ran = diff(belgium, belgium, &[]);
    assert_eq!(ran.code, 0, "{}", ran.stderr_text());
    assert!(
        ran.stdout_text().contains("no differences"),
        "{}",
        ran.stdout_text()
    );
    assert!(ran.stderr.is_empty());

    let ran = diff(belgium, belgium, &["-f", "json"]);
    assert_eq!(ran.code, 0);
    let report: Value = serde_json::from_slice(&ran.stdout).expect("JSON");
    assert_eq!(report["identical"], true);
    assert_eq!(report["summary"]["line"], "no differences");
    assert!(indicators(&report).is_empty());
}

#[test]
fn the_same_profile_written_differently_has_no_differences() {
    let ran = diff(fixture("base"), fixture("nothing"), &[]);
    assert_eq!(ran.code, 0, "{}", ran.stdout_text());
    assert!(ran.stdout_text().contains("no differences"));
}

#[test]
fn regression_issue_12_an_answer_written_out_as_its_printed_sentence_is_no_change() {
    // Indicator 1.1.1 given as free text equal to what the document prints
    // for it: the standard sentence, its bullet and the final period.
    let original = repo().join("profiles/belgium-2015.yaml");
    let text = std::fs::read_to_string(&original).expect("the profile");
    let rewritten = text.replacen(
        "      - Penal Code\n    sources: [itu-2015]\n",
        "      - Penal Code\n    text: |-\n      Specific legislation on cybercrime has been enacted through the following instrument:\n\n      - Penal Code.\n    sources: [itu-2015]\n",
        1,
    );
    assert_ne!(text, rewritten, "the answer was written out");
    let dir = tempfile::tempdir().expect("a temp dir");
    let copy = dir.path().join("belgium-2015.yaml");
    std::fs::write(&copy, rewritten).expect("a copy");
    let ran = diff(&original, &copy, &[]);
    assert_eq!(ran.code, 0, "{}{}", ran.stdout_text(), ran.stderr_text());
    assert!(
        ran.stdout_text().contains("no differences"),
        "{}",
        ran.stdout_text()
    );
    // Both documents print the same words.
    let build = |profile: &Path, out: &Path| {
        let ran = TestCommand::new()
            .args(["build", "-f", "md", "-o"])
            .arg(out)
            .arg(profile)
            .run();
        assert_eq!(ran.code, 0, "{}", ran.stderr_text());
        std::fs::read_to_string(out.join("belgium-2015.md")).expect("a document")
    };
    assert_eq!(
        build(&original, &dir.path().join("a")),
        build(&copy, &dir.path().join("b"))
    );
}

// ---------------------------------------------------------------------------
// One fixture per kind of change.

#[test]
fn a_status_change() {
    let report = json_against_base("status");
    let indicator = only_indicator(&report);
    assert_eq!(indicator["number"], "1.2.3");
    assert_eq!(indicator["status"]["old"], "unknown");
    assert_eq!(indicator["status"]["new"], "no");
    assert_eq!(indicator["status"]["changed"], true);
    assert_eq!(report["summary"]["status"], 1);
    assert_eq!(
        report["summary"]["line"],
        "1 of 21 indicators changed: 1 status change"
    );

    let text = diff(fixture("base"), fixture("status"), &[]).stdout_text();
    assert!(
        text.contains("  1.2.3 CERTIFICATION\n    status: unknown → no\n"),
        "{text}"
    );
}

#[test]
fn instruments_added_and_removed() {
    let report = json_against_base("instruments");
    let indicator = only_indicator(&report);
    assert_eq!(indicator["number"], "1.1.2");
    assert_eq!(
        indicator["instruments"]["added"],
        serde_json::json!(["Example Network Security Act", "Example Data Act"])
    );
    assert_eq!(
        indicator["instruments"]["removed"],
        serde_json::json!(["Electronic Communications Act"])
    );
    assert_eq!(indicator["status"]["changed"], false);

    let text = diff(fixture("base"), fixture("instruments"), &[]).stdout_text();
    assert!(
        text.contains("      - Electronic Communications Act\n"),
        "{text}"
    );
    assert!(text.contains("      + Example Data Act\n"), "{text}");
}

#[test]
fn agencies_added_and_removed() {
    let report = json_against_base("agencies");
    let listed = indicators(&report);
    let numbers: Vec<&str> = listed.iter().filter_map(|i| i["number"].as_str()).collect();
    assert_eq!(numbers, ["1.2.1", "1.3.3"], "document order");
    assert_eq!(
        listed[0]["agencies"]["added"],
        serde_json::json!(["Example Cyber Centre"])
    );
    assert_eq!(
        listed[1]["agencies"]["removed"],
        serde_json::json!(["Fedict"])
    );
    assert_eq!(
        listed[1]["agencies"]["kept"],
        serde_json::json!(["CERT.be"])
    );
    assert_eq!(report["summary"]["agencies"], 2);
}

#[test]
fn free_text_as_a_word_diff() {
    let report = json_against_base("text");
    let indicator = only_indicator(&report);
    assert_eq!(indicator["number"], "1.2.1");
    let text = &indicator["text"];
    assert_eq!(text["changed"], true);
    assert_eq!(text["old"], Value::Null);
    // The new text is compared with the standard sentence it replaces.
    assert_eq!(
        text["old_standard"],
        "Belgium has an officially recognized national CIRT known as CERT.be."
    );
    let words: Vec<(&str, &str)> = text["words"]
        .as_array()
        .expect("words")
        .iter()
        .map(|w| {
            (
                w["op"].as_str().unwrap_or(""),
                w["text"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        words,
        [
            (
                "equal",
                "Belgium has an officially recognized national CIRT known as"
            ),
            ("delete", "CERT.be."),
            ("insert", "CERT.be, run by an example agency."),
        ]
    );

    let out = diff(fixture("base"), fixture("text"), &[]).stdout_text();
    assert!(
        out.contains("text (new; replaces the standard sentence):"),
        "{out}"
    );
    assert!(
        out.contains("known as [-CERT.be.-]\n      {+CERT.be, run by an example agency.+}"),
        "{out}"
    );
}

#[test]
fn sources_added_and_removed() {
    let report = json_against_base("sources");
    let indicator = only_indicator(&report);
    assert_eq!(indicator["number"], "1.3.1");
    assert_eq!(indicator["sources"]["added"][0]["id"], "example-2016");
    assert_eq!(
        indicator["sources"]["added"][0]["label"],
        "Example Strategy Review — Example Publisher, 2016"
    );
    assert_eq!(indicator["sources"]["removed"][0]["id"], "itu-2015");
    assert_eq!(
        report["sources"]["added"][0]["title"],
        "Example Strategy Review"
    );
    assert_eq!(report["sources"]["added"][0]["date"], "2016");
    assert_eq!(report["sources"]["removed"], serde_json::json!([]));
}

#[test]
fn background_figures_with_absolute_and_relative_change() {
    let report = json_against_base("background");
    assert!(indicators(&report).is_empty());
    let population = &report["background"]["population"];
    assert_eq!(population["old"], 10788000);
    assert_eq!(population["new"], 11000000);
    assert_eq!(population["change"], 212000);
    assert!(population["change"].is_i64(), "a count is an integer");
    assert_eq!(population["relative_change"], 1.9651);
    assert_eq!(population["as_of"]["new"], "2015-12");
    let users = &report["background"]["internet_users"];
    assert_eq!(users["change"], 2.83);
    assert_eq!(users["change_text"], "+2.83 percentage points (+3.44%)");

    let out = diff(fixture("base"), fixture("background"), &[]).stdout_text();
    assert!(
        out.contains("Total Population: 10 788 000 → 11 000 000, +212 000 (+1.97%)"),
        "{out}"
    );
}

#[test]
fn edition_and_last_updated_dates() {
    let report = json_against_base("dates");
    assert_eq!(
        report["edition"],
        serde_json::json!({"old": 2015, "new": 2016, "changed": true})
    );
    assert_eq!(report["last_updated"]["old"], "2015-02-02");
    assert_eq!(report["last_updated"]["new"], "2016-03-01");
    assert_eq!(
        report["title"],
        "Belgium: what changed between the 2015 and 2016 editions"
    );
    assert_eq!(
        report["summary"]["line"],
        "0 of 21 indicators changed; edition and last-updated date changed"
    );
}

#[test]
fn two_countries_are_compared_and_the_header_says_so() {
    let report = json_against_base("country");
    assert_eq!(report["same_country"], false);
    assert_eq!(report["country"]["new"]["alpha3"], "NLD");
    let out = diff(fixture("base"), fixture("country"), &[]).stdout_text();
    let header: Vec<&str> = out.lines().take(4).collect();
    assert_eq!(
        header,
        [
            "Belgium, 2015 edition compared with Netherlands, 2015 edition",
            "--- tests/fixtures/diff/base.yaml (Belgium, 2015 edition, last updated 2015-02-02)",
            "+++ tests/fixtures/diff/country.yaml (Netherlands, 2015 edition, last updated 2015-02-02)",
            "Two countries compared: Belgium (BEL) and Netherlands (NLD)",
        ]
    );
}

// ---------------------------------------------------------------------------
// Options.

#[test]
fn all_shows_unchanged_indicators_too() {
    let ran = diff(fixture("base"), fixture("status"), &["--all"]);
    assert_eq!(ran.code, 1);
    let out = ran.stdout_text();
    assert!(
        out.contains("  1.1.1 CRIMINAL LEGISLATION  unchanged (status: yes)"),
        "{out}"
    );
    assert!(
        out.contains("  1.2.3 CERTIFICATION\n    status: unknown → no"),
        "{out}"
    );

    let ran = diff(fixture("base"), fixture("status"), &["--all", "-f", "json"]);
    let report: Value = serde_json::from_slice(&ran.stdout).expect("JSON");
    assert_eq!(indicators(&report).len(), 21);
    assert_eq!(
        indicators(&report)
            .iter()
            .filter(|i| i["changed"] == true)
            .count(),
        1
    );
}

#[test]
fn stat_prints_only_the_summary_per_area() {
    let ran = diff(
        "profiles/belgium-2015.yaml",
        "profiles/belgium.yaml",
        &["--stat"],
    );
    assert_eq!(ran.code, 1);
    let out = ran.stdout_text();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 4 + 6 + 1, "header, six areas, total: {out}");
    assert!(lines[4].starts_with("  1.1 LEGAL MEASURES "), "{out}");
    assert!(
        lines[9].starts_with("  2. CHILD ONLINE PROTECTION  0 of 4 indicators changed"),
        "{out}"
    );
    assert!(lines[10].starts_with("8 of 21 indicators changed"), "{out}");
    assert!(!out.contains("status:"), "no indicator detail: {out}");
}

#[test]
fn text_is_plain_when_not_on_a_terminal_even_without_no_color() {
    let ran = TestCommand::new()
        .current_dir(repo())
        .env_remove("NO_COLOR")
        .args([
            "diff",
            "profiles/belgium-2015.yaml",
            "profiles/belgium.yaml",
        ])
        .run();
    assert_eq!(ran.code, 1);
    assert!(!ran.stdout.contains(&0x1b), "no escape codes into a pipe");
}

// ---------------------------------------------------------------------------
// The current Belgian profile (issue 5, part 1).

#[test]
fn the_current_belgian_profile_validates_without_errors_or_warnings() {
    let ran = TestCommand::new()
        .current_dir(repo())
        .args(["validate", "-f", "json", "profiles/belgium.yaml"])
        .run();
    assert_eq!(ran.code, 0, "{}", ran.stdout_text());
    let report: Value = serde_json::from_slice(&ran.stdout).expect("JSON");
    assert_eq!(report["errors"], 0, "{report:#}");
    assert_eq!(report["warnings"], 0, "{report:#}");
}

#[test]
fn the_current_belgian_profile_builds_as_the_readme_promises() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let ran = TestCommand::new()
        .current_dir(repo())
        .args(["build", "profiles/belgium.yaml", "-o"])
        .arg(dir.path())
        .run();
    assert_eq!(ran.code, 0, "{}", ran.stderr_text());
    let markdown = std::fs::read_to_string(dir.path().join("belgium.md")).expect("belgium.md");
    // 1.3.2 stays as the ITU wrote it in 2015: the emergency plan is not a
    // governance roadmap (issue 15).
    assert!(
        markdown.contains(
            "#### 1.3.2 ROADMAP FOR GOVERNANCE\n\nThere is no information on any national or sector-specific governance roadmap for cybersecurity strategy in Belgium.\n\n<!-- profilec:status unknown -->\nStatus: **no information** · as of February 2015 · Source: [1](#source-1)\n"
        ),
        "{markdown}"
    );
    assert!(!markdown.contains("Status: **partial**"), "{markdown}");
    // A statement of 2015 that no later document replaces is kept, and says so.
    assert!(
        markdown.contains("(the first four as listed\nin the ITU profile of 2015;"),
        "{markdown}"
    );
    assert!(dir.path().join("belgium.html").is_file());
}

// ---------------------------------------------------------------------------
// The Belgian change report.

fn belgium(args: &[&str]) -> String {
    let ran = diff("profiles/belgium-2015.yaml", "profiles/belgium.yaml", args);
    assert_eq!(ran.code, 1, "{}", ran.stderr_text());
    assert!(ran.stderr.is_empty(), "{}", ran.stderr_text());
    ran.stdout_text()
}

#[test]
fn belgian_report_as_text() {
    insta::assert_snapshot!("belgium_text", belgium(&[]));
}

#[test]
fn belgian_report_as_stat() {
    insta::assert_snapshot!("belgium_stat", belgium(&["--stat"]));
}

#[test]
fn belgian_report_as_json() {
    insta::assert_snapshot!("belgium_json", belgium(&["-f", "json"]));
}

#[test]
fn belgian_report_as_markdown() {
    insta::assert_snapshot!("belgium_md", belgium(&["-f", "md"]));
}

#[test]
fn belgian_report_as_html() {
    let html = belgium(&["-f", "html"]);
    assert!(html.starts_with("<!DOCTYPE html>"), "{html}");
    assert!(
        html.contains("<title>Belgium: what changed between the 2015 and 2021 editions</title>")
    );
    assert!(
        !html.contains("Status: no information →"),
        "1.3.2 keeps its 2015 status"
    );
    assert!(
        html.contains("<li>Instruments added: <ins>National Cybersecurity Strategy 2.0</ins></li>")
    );
    assert!(
        !html.contains("<del>Belgian Cyber Security Strategy Guide</del>"),
        "the 2015 strategy is kept, marked as the 2015 statement"
    );
    for external in ["<link", "<script", " src="] {
        assert!(!html.contains(external), "self-contained: no {external}");
    }
    insta::assert_snapshot!("belgium_html", html);
}

#[test]
fn markdown_and_html_say_the_same_words() {
    let markdown = belgium(&["-f", "md"]);
    let html = belgium(&["-f", "html"]);
    for phrase in [
        "8 of 21 indicators changed",
        "1.3.4 NATIONAL BENCHMARKING",
        "National Cybersecurity Strategy 2.0",
        "New text, in place of the standard sentence",
    ] {
        assert!(markdown.contains(phrase), "md: {phrase}");
        assert!(html.contains(phrase), "html: {phrase}");
    }
}

#[test]
fn the_markdown_template_can_be_overridden() {
    let dir = tempfile::tempdir().expect("a temp dir");
    std::fs::write(
        dir.path().join("diff.md.tera"),
        "{{ d.title }} / {{ d.summary }}\n",
    )
    .expect("write");
    let ran = diff(
        "profiles/belgium-2015.yaml",
        "profiles/belgium.yaml",
        &[
            "-f",
            "md",
            "--templates",
            dir.path().to_str().expect("UTF-8 path"),
        ],
    );
    assert_eq!(ran.code, 1, "{}", ran.stderr_text());
    assert!(
        ran.stdout_text()
            .starts_with("Belgium: what changed between the 2015 and 2021 editions / 8 of 21"),
        "{}",
        ran.stdout_text()
    );
}

#[test]
fn a_broken_template_is_an_error_with_its_line() {
    let dir = tempfile::tempdir().expect("a temp dir");
    std::fs::write(
        dir.path().join("diff.md.tera"),
        "line one\n{% for x in %}\n",
    )
    .expect("write");
    let ran = diff(
        "profiles/belgium-2015.yaml",
        "profiles/belgium.yaml",
        &[
            "-f",
            "html",
            "--templates",
            dir.path().to_str().expect("UTF-8 path"),
        ],
    );
    assert_eq!(ran.code, 2);
    assert!(ran.stdout.is_empty());
    let err = ran.stderr_text();
    assert!(err.contains("diff.md.tera") && err.contains(":2:"), "{err}");
}

#[test]
fn belgian_report_json_field_by_field() {
    let report: Value = serde_json::from_str(&belgium(&["-f", "json"])).expect("JSON");
    assert_eq!(report["format_version"], 1);
    assert_eq!(
        report["kind"], "indicators",
        "docs/diff-json.md promises it"
    );
    assert_eq!(
        report["title"],
        "Belgium: what changed between the 2015 and 2021 editions"
    );
    assert_eq!(report["schema_edition"], "cyberwellness-2015");
    assert_eq!(report["old"]["file"], "profiles/belgium-2015.yaml");
    assert_eq!(report["new"]["file"], "profiles/belgium.yaml");
    assert_eq!(report["old"]["edition"], 2015);
    assert_eq!(report["new"]["edition"], 2021);
    assert_eq!(report["same_country"], true);
    assert_eq!(report["identical"], false);
    assert_eq!(report["edition"]["changed"], true);
    assert_eq!(report["last_updated"]["old"], "2015-02-02");
    assert_eq!(report["background"]["changed"], false);

    let summary = &report["summary"];
    assert_eq!(summary["indicators"], 21);
    assert_eq!(summary["changed"], 8);
    assert_eq!(summary["status"], 0);
    assert_eq!(summary["text"], 8);
    assert_eq!(
        summary["other"],
        serde_json::json!(["edition", "last-updated date", "publisher", "sources"])
    );
    // The 2015 profile is the ITU's own; the current one a compilation.
    assert_eq!(
        report["publisher"]["old"],
        "International Telecommunication Union (ITU)"
    );
    assert_eq!(report["publisher"]["new"], "profilec maintainers");
    assert_eq!(report["publisher"]["changed"], true);

    let added: Vec<&str> = report["sources"]["added"]
        .as_array()
        .expect("added sources")
        .iter()
        .filter_map(|s| s["id"].as_str())
        .collect();
    assert_eq!(
        added,
        [
            "cyber-emergency-plan",
            "data-breach-guide",
            "egov-2016",
            "security-strategy"
        ]
    );

    let areas = report["areas"].as_array().expect("areas");
    assert_eq!(areas.len(), 6);
    assert_eq!(areas[2]["title"], "1.3 ORGANIZATION MEASURES");
    assert_eq!(areas[2]["counts"]["changed"], 3);
    assert_eq!(areas[3]["counts"]["changed"], 0);
    assert_eq!(areas[5]["title"], "2. CHILD ONLINE PROTECTION");

    let listed = indicators(&report);
    let numbers: Vec<&str> = listed.iter().filter_map(|i| i["number"].as_str()).collect();
    assert_eq!(
        numbers,
        [
            "1.1.2", "1.2.1", "1.3.1", "1.3.3", "1.3.4", "1.5.2", "1.5.3", "1.5.4"
        ]
    );
    assert!(
        listed.iter().all(|i| i["status"]["changed"] == false),
        "no later document supports another status"
    );

    let benchmarking = listed[4];
    assert_eq!(benchmarking["title"], "1.3.4 NATIONAL BENCHMARKING");
    assert_eq!(benchmarking["text"]["old"], Value::Null);
    assert_eq!(
        benchmarking["text"]["old_standard"],
        "Belgium does not have any national benchmarking exercises or referential to measure cybersecurity development."
    );
    assert_eq!(
        benchmarking["status"],
        serde_json::json!({"old": "no", "new": "no", "changed": false})
    );
    assert_eq!(
        benchmarking["sources"]["added"][0]["id"],
        "cyber-emergency-plan"
    );
    assert_eq!(
        benchmarking["sources"]["removed"],
        serde_json::json!([]),
        "the 2015 statement keeps its 2015 source"
    );

    let regulation = listed[0];
    assert_eq!(regulation["instruments"]["removed"], serde_json::json!([]));
    assert_eq!(
        regulation["instruments"]["kept"][3],
        "Law on the protection of private life with regard to the processing of personal data"
    );

    let responsible = listed[3];
    assert_eq!(responsible["title"], "1.3.3 RESPONSIBLE AGENCY");
    assert_eq!(
        responsible["agencies"]["added"],
        serde_json::json!([]),
        "no later document says who implements the cybersecurity strategy"
    );

    let cirt = listed[1];
    assert_eq!(
        cirt["agencies"]["added"],
        serde_json::json!(["Center for Cybersecurity Belgium (CCB)"])
    );
    assert_eq!(cirt["agencies"]["removed"], serde_json::json!([]));
    assert_eq!(
        cirt["text"]["words"][0]["text"],
        "Belgium has an officially recognized national CIRT known as"
    );
    let kept: Vec<&str> = cirt["text"]["words"]
        .as_array()
        .expect("words")
        .iter()
        .filter(|w| w["op"] == "equal")
        .filter_map(|w| w["text"].as_str())
        .collect();
    assert!(
        kept.iter().any(|w| w.contains("Belnet CERT")),
        "1.2.1 still says CERT.be was formerly Belnet CERT: {kept:?}"
    );
}

// ---------------------------------------------------------------------------
// Errors.

#[test]
fn an_invalid_file_gives_its_diagnostics_and_exit_2() {
    let invalid = "tests/fixtures/invalid/bad-status.yaml";
    let ran = diff("profiles/belgium-2015.yaml", invalid, &[]);
    assert_eq!(ran.code, 2);
    assert!(ran.stdout.is_empty(), "no report: {}", ran.stdout_text());
    let err = ran.stderr_text();
    assert!(err.contains("error[bad-status]"), "{err}");
    assert!(err.contains(invalid), "names the file: {err}");
    assert!(
        err.contains("1 file, 1 error, 0 warnings; nothing compared"),
        "{err}"
    );
}

#[test]
fn both_invalid_files_are_reported() {
    let ran = diff(
        "tests/fixtures/invalid/bad-status.yaml",
        "tests/fixtures/invalid/unknown-field.yaml",
        &["-f", "json"],
    );
    assert_eq!(ran.code, 2);
    assert!(ran.stdout.is_empty());
    let err = ran.stderr_text();
    assert!(
        err.contains("bad-status.yaml") && err.contains("unknown-field.yaml"),
        "{err}"
    );
    assert!(err.contains("2 files,"), "{err}");
}

#[test]
fn a_missing_file_is_exit_2() {
    let ran = diff("profiles/belgium-2015.yaml", "profiles/nowhere.yaml", &[]);
    assert_eq!(ran.code, 2);
    let err = ran.stderr_text();
    assert!(
        err.contains("error[io]") && err.contains("profiles/nowhere.yaml"),
        "{err}"
    );
}

#[test]
fn an_unknown_schema_edition_is_refused_by_validation() {
    let ran = diff(
        "profiles/belgium-2015.yaml",
        "tests/fixtures/invalid/unknown-edition.yaml",
        &[],
    );
    assert_eq!(ran.code, 2);
    assert!(
        ran.stderr_text().contains("unknown-edition"),
        "{}",
        ran.stderr_text()
    );
}

#[test]
fn usage_errors_are_exit_2() {
    for args in [
        vec!["diff"],
        vec!["diff", "profiles/belgium.yaml"],
        vec!["diff", "a.yaml", "b.yaml", "-f", "pdf"],
        vec!["diff", "a.yaml", "b.yaml", "--all", "--stat"],
    ] {
        let ran = TestCommand::new().current_dir(repo()).args(&args).run();
        assert_eq!(ran.code, 2, "{args:?}: {}", ran.stderr_text());
    }
}

// ---------------------------------------------------------------------------
// Git integration, as the README documents it.

fn git(dir: &Path, args: &[&str]) -> std::process::Output {
    let output = Command::new("git")
        .current_dir(dir)
        .args(args)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.org")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.org")
        .env("NO_COLOR", "1")
        .output()
        .expect("git runs");
    assert!(
        output.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

#[test]
fn git_diff_and_log_show_profile_changes_through_profilec() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let dir = dir.path();
    let bin = env!("CARGO_BIN_EXE_profilec");
    std::fs::create_dir(dir.join("profiles")).expect("mkdir");
    let attributes =
        std::fs::read_to_string(repo().join(".gitattributes")).expect(".gitattributes");
    std::fs::write(dir.join(".gitattributes"), attributes).expect("write");
    let profile = dir.join("profiles/belgium.yaml");
    std::fs::copy(repo().join("profiles/belgium-2015.yaml"), &profile).expect("copy");

    git(dir, &["init", "-q"]);
    // The README's setup line, with the binary under test.
    git(
        dir,
        &[
            "config",
            "diff.profilec.command",
            &format!("{bin} git-diff"),
        ],
    );
    git(dir, &["add", "-A"]);
    git(dir, &["commit", "-q", "-m", "2015"]);
    std::fs::copy(repo().join("profiles/belgium.yaml"), &profile).expect("copy");

    let out = git(dir, &["diff"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("--- a/profiles/belgium.yaml (Belgium, 2015 edition"),
        "{text}"
    );
    assert!(text.contains("8 of 21 indicators changed"), "{text}");
    assert!(
        text.contains("      + National Cybersecurity Strategy 2.0"),
        "{text}"
    );

    git(dir, &["commit", "-q", "-a", "-m", "current"]);
    let out = git(dir, &["log", "-p", "--ext-diff", "--format=commit %s"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("8 of 21 indicators changed"), "{text}");
    assert!(
        text.contains("new profile: b/profiles/belgium.yaml (Belgium, 2015 edition"),
        "the first commit adds the profile: {text}"
    );
}

#[test]
fn the_git_driver_reports_an_invalid_profile_and_lets_git_go_on() {
    let ran = TestCommand::new()
        .current_dir(repo())
        .args([
            "git-diff",
            "profiles/belgium.yaml",
            "profiles/belgium-2015.yaml",
            "0000000",
            "100644",
            "tests/fixtures/invalid/bad-status.yaml",
            "0000000",
            "100644",
        ])
        .run();
    assert_eq!(ran.code, 0, "git stops at a driver that fails");
    let out = ran.stdout_text();
    assert!(out.contains("bad-status"), "{out}");
    assert!(out.contains("nothing compared"), "{out}");
}
