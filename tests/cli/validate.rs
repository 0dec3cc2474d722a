//! `profilec validate` on fixture files.
//!
//! `tests/fixtures/invalid/` holds one problem per file; the second line of
//! each says what `validate` must report (`# expect: CODE LINE`). Hostile
//! inputs too large to commit (50 MB, deep nesting, alias bombs) are made in a
//! temporary folder.

use std::path::Path;
use std::time::Duration;

use crate::common::{TestCommand, repo};
use serde_json::Value;

/// A hang guard, not a benchmark: hostile input must be refused promptly.
const HANG_GUARD: Duration = Duration::from_secs(10);

fn expectation(path: &Path) -> (String, u64) {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let text = String::from_utf8_lossy(&bytes);
    let line = text
        .lines()
        .find_map(|l| l.strip_prefix("# expect: "))
        .unwrap_or_else(|| panic!("{} has no `# expect:` line", path.display()));
    let (code, line) = line.split_once(' ').expect("`# expect: CODE LINE`");
    (code.to_owned(), line.trim().parse().expect("a line number"))
}

/// Runs `validate -f json` on a file; returns exit code and the report.
fn validate_json(path: &Path) -> (i32, Value) {
    let output = TestCommand::new()
        .args(["validate", "-f", "json"])
        .arg(path)
        .timeout(HANG_GUARD)
        .run();
    let report: Value = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "{}: not JSON ({e}): {}",
            path.display(),
            output.stdout_text()
        )
    });
    (output.code, report)
}

fn check_invalid_fixture(name: &str) {
    let path = repo()
        .join("tests/fixtures/invalid")
        .join(format!("{name}.yaml"));
    let (code, line) = expectation(&path);
    let (exit, report) = validate_json(&path);
    assert_eq!(exit, 1, "{name}: exit code; report: {report:#}");
    let diagnostics = report["diagnostics"]
        .as_array()
        .expect("a diagnostics list");
    assert!(
        diagnostics
            .iter()
            .any(|d| d["code"] == code.as_str() && d["line"] == line && d["severity"] == "error"),
        "{name}: expected error {code} at line {line}, got {report:#}"
    );
    for d in diagnostics {
        assert!(
            d["message"].as_str().is_some_and(|m| !m.is_empty()),
            "{name}: {d}"
        );
        assert!(
            d["hint"].as_str().is_some_and(|m| !m.is_empty()),
            "{name}: every error says how to fix it: {d}"
        );
        assert!(d["column"].as_u64().is_some_and(|c| c >= 1), "{name}: {d}");
    }
}

macro_rules! invalid_fixtures {
    ($($test:ident => $file:literal,)*) => {
        $(
            #[test]
            fn $test() {
                check_invalid_fixture($file);
            }
        )*

        #[test]
        fn every_invalid_fixture_has_a_test() {
            let listed = [$($file),*];
            let dir = repo().join("tests/fixtures/invalid");
            for entry in std::fs::read_dir(&dir).expect("the fixture folder") {
                let name = entry.expect("an entry").path();
                let stem = name.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_owned();
                assert!(listed.contains(&stem.as_str()), "{stem}.yaml has no test");
            }
        }
    };
}

invalid_fixtures! {
    invalid_syntax_error => "syntax-error",
    invalid_tab_indent => "tab-indent",
    invalid_comments_only => "comments-only",
    invalid_not_utf8 => "not-utf8",
    invalid_root_list => "root-list",
    invalid_root_scalar => "root-scalar",
    invalid_unknown_field => "unknown-field",
    invalid_misspelled_field => "misspelled-field",
    invalid_misspelled_country_field => "misspelled-country-field",
    invalid_duplicate_key => "duplicate-key",
    invalid_duplicate_indicator => "duplicate-indicator",
    invalid_missing_indicator => "missing-indicator",
    invalid_extra_indicator => "extra-indicator",
    invalid_bad_status => "bad-status",
    invalid_status_boolean => "status-boolean",
    invalid_wrong_type_population => "wrong-type-population",
    invalid_wrong_type_instruments => "wrong-type-instruments",
    invalid_wrong_type_country => "wrong-type-country",
    invalid_null_value => "null-value",
    invalid_negative_population => "negative-population",
    invalid_zero_population => "zero-population",
    invalid_percent_over_100 => "percent-over-100",
    invalid_absurd_edition => "absurd-edition",
    invalid_huge_number => "huge-number",
    invalid_impossible_date => "impossible-date",
    invalid_malformed_date => "malformed-date",
    invalid_impossible_month => "impossible-month",
    invalid_future_date => "future-date",
    invalid_future_as_of => "future-as-of",
    invalid_bad_alpha2_form => "bad-alpha2-form",
    invalid_unknown_alpha2 => "unknown-alpha2",
    invalid_unknown_alpha3 => "unknown-alpha3",
    invalid_country_code_mismatch => "country-code-mismatch",
    invalid_bad_url => "bad-url",
    invalid_url_scheme => "url-scheme",
    invalid_unknown_source => "unknown-source",
    invalid_bad_source_id => "bad-source-id",
    invalid_unknown_edition => "unknown-edition",
    invalid_missing_field => "missing-field",
    invalid_missing_background_source => "missing-background-source",
    invalid_needs_names => "needs-names",
    invalid_partial_without_text => "partial-without-text",
    invalid_blank_text => "blank-text",
    invalid_empty_agency => "empty-agency",
    invalid_multiple_documents => "multiple-documents",
    invalid_non_string_key => "non-string-key",
    invalid_unknown_alias => "unknown-alias",
    invalid_gci_score_over_max => "gci-score-over-max",
    invalid_gci_overall_not_sum => "gci-overall-not-sum",
    invalid_gci_tier_contradicts => "gci-tier-contradicts",
    invalid_gci_unknown_strength => "gci-unknown-strength",
    invalid_gci_unknown_region => "gci-unknown-region",
    invalid_gci_rank_in_tier_edition => "gci-rank-in-tier-edition",
    invalid_date_and_not_before => "date-and-not-before",
    invalid_future_not_before => "future-not-before",
    invalid_carried_over_not_earlier => "carried-over-not-earlier",
    invalid_population_too_large => "population-too-large",
    invalid_country_name_too_long => "country-name-too-long",
    invalid_last_updated_before_1990 => "last-updated-before-1990",
    invalid_updated_before_edition => "updated-before-edition",
    invalid_source_date_before_1900 => "source-date-before-1900",
    invalid_as_of_before_1900 => "as-of-before-1900",
}

#[test]
fn warnings_do_not_fail_validation() {
    let dir = repo().join("tests/fixtures/warnings");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).expect("the warnings folder") {
        let path = entry.expect("an entry").path();
        let (code, line) = expectation(&path);
        let (exit, report) = validate_json(&path);
        assert_eq!(exit, 0, "{}: {report:#}", path.display());
        assert_eq!(report["errors"], 0);
        assert!(
            report["diagnostics"]
                .as_array()
                .into_iter()
                .flatten()
                .any(|d| d["code"] == code.as_str()
                    && d["line"] == line
                    && d["severity"] == "warning"),
            "{}: expected warning {code} at line {line}: {report:#}",
            path.display()
        );
        seen += 1;
    }
    assert!(seen >= 4);
}

#[test]
fn text_diagnostics_show_file_line_column_source_and_hint() {
    let output = TestCommand::new()
        .current_dir(repo())
        .args(["validate", "tests/fixtures/invalid/misspelled-field.yaml"])
        .run();
    assert_eq!(output.code, 1);
    let text = output.stderr_text();
    assert!(text.contains("error[unknown-field]"), "{text}");
    assert!(
        text.contains("tests/fixtures/invalid/misspelled-field.yaml:18:"),
        "{text}"
    );
    assert!(
        text.contains("18 |   cirt: {status: yes, agencies: [CERT.be], sourcse: [itu-2015]}"),
        "{text}"
    );
    assert!(text.contains("^^^^^^^"), "{text}");
    assert!(text.contains("help: did you mean `sources`?"), "{text}");
    assert!(text.ends_with("1 file, 1 error, 0 warnings\n"), "{text}");
    assert!(
        !text.contains('\u{1b}'),
        "no color when stderr is not a terminal: {text}"
    );
}

#[test]
fn every_problem_in_every_file_is_reported_in_one_run() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let base =
        std::fs::read_to_string(repo().join("tests/fixtures/valid/compact.yaml")).expect("base");
    let many = base
        .replace("alpha2: BE", "alpha2: be")
        .replace("value: 10788000", "value: -1")
        .replace("  cirt: {status: yes", "  cirt: {status: maybe")
        .replace("last_updated: 2015-02-02", "last_updated: 2015-02-30")
        .replace(
            "roadmap: {status: unknown, sources",
            "roadmap: {status: unknown, sourcse",
        )
        // Problems of meaning are reported in the same run as those of shape.
        .replace("alpha3: BEL", "alpha3: BLG")
        .replace(
            "benchmarking: {status: no, sources: [itu-2015]}",
            "benchmarking: {status: no, sources: [itu-2051]}",
        )
        .replace(
            "standards: {status: yes, agencies: [Fedict],",
            "standards: {status: yes,",
        );
    std::fs::write(dir.path().join("a.yaml"), many).expect("write");
    std::fs::write(
        dir.path().join("b.yaml"),
        base.replace("edition: 2015", "edition: nope"),
    )
    .expect("write");
    std::fs::write(dir.path().join("c.yaml"), &base).expect("write");
    let (exit, report) = validate_json(dir.path());
    assert_eq!(exit, 1);
    assert_eq!(report["files"], 3);
    let codes: Vec<(String, String)> = report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            let file = d["file"].as_str().unwrap_or_default();
            let name = Path::new(file)
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default()
                .to_owned();
            (name, d["code"].as_str().unwrap_or_default().to_owned())
        })
        .collect();
    for expected in [
        ("a.yaml", "bad-country-code"),
        ("a.yaml", "out-of-range"),
        ("a.yaml", "bad-status"),
        ("a.yaml", "bad-date"),
        ("a.yaml", "unknown-field"),
        ("a.yaml", "unknown-source"),
        ("a.yaml", "needs-names"),
        ("b.yaml", "wrong-type"),
    ] {
        assert!(
            codes
                .iter()
                .any(|(f, c)| f == expected.0 && c == expected.1),
            "{expected:?} missing from {codes:?}"
        );
    }
    let bad_codes = codes
        .iter()
        .filter(|(f, c)| f == "a.yaml" && c == "bad-country-code")
        .count();
    assert_eq!(
        bad_codes, 2,
        "alpha-2 (form) and alpha-3 (no such country): {codes:?}"
    );
    assert_eq!(report["errors"], 9, "{report:#}");
    // The misspelled `sources` of 1.3.2 is one problem, not also a missing source.
    assert!(!codes.iter().any(|(_, c)| c == "no-source"), "{codes:?}");
}

#[test]
fn shipped_profiles_are_valid() {
    let output = TestCommand::new()
        .current_dir(repo())
        .args(["validate"])
        .run();
    assert_eq!(output.code, 0, "{}", output.stderr_text());
    assert!(
        output.stderr_text().contains(" 0 errors"),
        "{}",
        output.stderr_text()
    );
}

#[test]
fn a_missing_path_is_an_io_error() {
    let output = TestCommand::new()
        .args(["validate", "no/such/profile.yaml"])
        .run();
    assert_eq!(output.code, 2);
    assert!(
        output.stderr_text().contains("error[io]"),
        "{}",
        output.stderr_text()
    );
}

#[test]
fn a_folder_without_profiles_is_an_error() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let output = TestCommand::new().arg("validate").arg(dir.path()).run();
    assert_eq!(output.code, 2);
    assert!(
        output.stderr_text().contains("no profile files"),
        "{}",
        output.stderr_text()
    );
}

#[test]
fn usage_errors_exit_2() {
    let output = TestCommand::new().args(["validate", "--frobnicate"]).run();
    assert_eq!(output.code, 2);
    let output = TestCommand::new().args(["validate", "-f", "xml"]).run();
    assert_eq!(output.code, 2);
    let output = TestCommand::new().args(["no-such-command"]).run();
    assert_eq!(output.code, 2);
}

#[test]
fn help_and_version_exit_0() {
    let output = TestCommand::new().arg("--help").run();
    assert_eq!(output.code, 0);
    assert!(output.stdout_text().contains("validate"));
    let output = TestCommand::new().arg("--version").run();
    assert_eq!(output.code, 0);
}

// --- Hostile inputs made on the fly ---------------------------------------

fn hostile(name: &str, contents: &[u8]) -> (i32, Value) {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join(name);
    std::fs::write(&path, contents).expect("write the hostile file");
    validate_json(&path)
}

fn assert_refused(name: &str, contents: &[u8], code: &str, line: Option<u64>) {
    let (exit, report) = hostile(name, contents);
    assert_eq!(exit, 1, "{name}: {report:#}");
    let d = &report["diagnostics"][0];
    assert_eq!(d["code"], code, "{name}: {report:#}");
    if let Some(line) = line {
        assert_eq!(d["line"], line, "{name}: {report:#}");
    }
}

#[test]
fn an_empty_file_is_refused() {
    assert_refused("empty.yaml", b"", "empty-file", Some(1));
    assert_refused("blank.yaml", b"\n\n   \n", "empty-file", Some(1));
}

#[test]
fn a_50_mb_file_is_refused_without_parsing() {
    let mut big = b"schema_edition: cyberwellness-2015\ntext: ".to_vec();
    big.resize(50 * 1024 * 1024, b'x');
    big.push(b'\n');
    assert_refused("big.yaml", &big, "file-too-large", None);
}

#[test]
fn nesting_100000_deep_is_refused() {
    let depth = 100_000;
    let mut flow = b"country: ".to_vec();
    flow.extend(std::iter::repeat_n(b'[', depth));
    flow.extend(std::iter::repeat_n(b']', depth));
    flow.push(b'\n');
    assert_refused("deep-flow.yaml", &flow, "yaml-limit", Some(1));

    // Compact block sequences: `- - - … x` nests one level per dash.
    let mut block = "- ".repeat(depth);
    block.push_str("x\n");
    assert_refused("deep-block.yaml", block.as_bytes(), "yaml-limit", Some(1));
}

#[test]
fn an_alias_bomb_is_refused() {
    let mut text = String::from(
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    let mut previous = 'a';
    for name in 'b'..='j' {
        let refs = vec![format!("*{previous}"); 9].join(",");
        text.push_str(&format!("{name}: &{name} [{refs}]\n"));
        previous = name;
    }
    assert_refused("bomb.yaml", text.as_bytes(), "yaml-limit", None);
}

#[test]
fn a_billion_laughs_in_block_style_is_refused() {
    let mut text = String::from(
        "a: &a\n  - lol\n  - lol\n  - lol\n  - lol\n  - lol\n  - lol\n  - lol\n  - lol\n",
    );
    let mut previous = 'a';
    for name in 'b'..='k' {
        text.push_str(&format!("{name}: &{name}\n"));
        for _ in 0..10 {
            text.push_str(&format!("  - *{previous}\n"));
        }
        previous = name;
    }
    assert_refused("laughs.yaml", text.as_bytes(), "yaml-limit", None);
}

#[test]
fn every_code_is_documented() {
    let docs =
        std::fs::read_to_string(repo().join("docs/diagnostics.md")).expect("docs/diagnostics.md");
    for code in profilec::diag::Code::ALL {
        assert!(
            docs.contains(&format!("| `{code}` |")),
            "{code} is not in docs/diagnostics.md"
        );
    }
}
