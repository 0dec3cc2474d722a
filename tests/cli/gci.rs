//! The ITU Global Cybersecurity Index editions: the published data
//! imported into one profile per country and edition, the committed
//! profiles checked against a re-import, and facts the ITU published.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::common::{TestCommand, repo};

/// The day the committed profiles were imported (their `retrieved`).
const RETRIEVED: &str = "2026-11-30";

fn data_files() -> Vec<PathBuf> {
    let dir = repo().join("data/gci");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("data/gci")
        .map(|e| e.expect("an entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "csv"))
        .collect();
    files.sort();
    files
}

/// Every file under `dir`, relative path → bytes.
fn tree(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    let mut out = std::collections::BTreeMap::new();
    for year in std::fs::read_dir(dir).expect("a folder") {
        let year = year.expect("an entry").path();
        for file in std::fs::read_dir(&year).expect("a year") {
            let file = file.expect("an entry").path();
            let name = format!(
                "{}/{}",
                year.file_name().unwrap().to_string_lossy(),
                file.file_name().unwrap().to_string_lossy()
            );
            out.insert(name, std::fs::read(&file).expect("a file"));
        }
    }
    out
}

#[test]
fn the_committed_gci_profiles_are_what_a_reimport_of_the_data_gives() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let ran = TestCommand::new()
        .current_dir(repo())
        .arg("import")
        .args(data_files())
        .args(["--retrieved", RETRIEVED, "-o"])
        .arg(dir.path())
        .run();
    assert_eq!(ran.code, 0, "{}", ran.stderr_text());
    assert!(
        ran.stderr_text()
            .contains("imported 388 profiles (gci-2020, gci-2024)"),
        "{}",
        ran.stderr_text()
    );
    let fresh = tree(dir.path());
    let committed = tree(&repo().join("profiles/gci"));
    assert_eq!(fresh.len(), 388);
    assert_eq!(
        fresh.keys().collect::<Vec<_>>(),
        committed.keys().collect::<Vec<_>>()
    );
    for (name, bytes) in &fresh {
        assert!(
            committed.get(name) == Some(bytes),
            "profiles/gci/{name} differs from a re-import: run `profilec import data/gci/ITU_GCI_*.csv --retrieved {RETRIEVED} -o profiles/gci`"
        );
    }
}

fn profile_json(path: &str) -> Value {
    // Through `build`'s JSON-free path: validate, then read the YAML back
    // with the library.
    let text = std::fs::read_to_string(repo().join(path)).expect("the profile");
    let checked = profilec::check::check_source(
        profilec::load::SourceFile::new(path, text),
        profilec::validate::Validator::builtin().expect("a validator"),
        profilec::model::Date::today(),
    );
    assert!(checked.diagnostics.is_empty(), "{:?}", checked.diagnostics);
    serde_json::to_value(checked.profile.expect("a valid profile")).expect("JSON")
}

#[test]
fn published_facts_belgium_2024_legal_and_cooperation_20_tier_1() {
    let bel = profile_json("profiles/gci/2024/bel.yaml");
    assert_eq!(bel["scores"]["pillars"]["legal"], 20.0);
    assert_eq!(bel["scores"]["pillars"]["cooperation"], 20.0);
    assert_eq!(bel["tier"], 1);
    assert_eq!(bel["region"], "Europe");
    // The dataset's 96.8197 (the report prints 96.81): the figures are named.
    assert_eq!(bel["scores"]["figures"], "dataset");
    let overall = bel["scores"]["overall"].as_f64().expect("an overall score");
    assert_eq!(format!("{overall:.2}"), "96.82");
}

#[test]
fn published_facts_belgium_2020_overall_96_25_ranked() {
    let bel = profile_json("profiles/gci/2020/bel.yaml");
    let overall = bel["scores"]["overall"].as_f64().expect("an overall score");
    assert_eq!(format!("{overall:.2}"), "96.25");
    assert!(bel["rank"].as_u64().is_some_and(|r| r >= 1));
    assert!(bel.get("tier").is_none());
    // The United States scored 100 in 2020: first.
    let usa = profile_json("profiles/gci/2020/usa.yaml");
    assert_eq!(usa["rank"], 1);
}

#[test]
fn every_gci_profile_validates_and_the_americas_average_matches_the_itu_figure() {
    let ran = TestCommand::new()
        .current_dir(repo())
        .args(["validate", "profiles/gci", "-f", "json"])
        .run();
    assert_eq!(ran.code, 0, "{}", ran.stdout_text());
    let report: Value = serde_json::from_slice(&ran.stdout).expect("JSON");
    assert_eq!(report["files"], 388);
    assert_eq!(report["errors"], 0);
    assert_eq!(report["warnings"], 0);
    // data/gci/README.md: the 35 Americas countries' mean 2024 pillar
    // scores agree with the ITU's corrected profile of El Salvador.
    let slv = profile_json("profiles/gci/2024/slv.yaml");
    let region = &slv["averages"]["region"];
    assert_eq!(region["countries"], 35);
    let pillars: Vec<f64> = [
        "legal",
        "technical",
        "organizational",
        "capacity_development",
        "cooperation",
    ]
    .iter()
    .map(|p| region["pillars"][p].as_f64().expect("a score"))
    .collect();
    assert_eq!(pillars, [14.89, 8.17, 10.88, 8.93, 10.75]);
}

/// Writes a copy of one data file with `edit` applied, and imports it
/// with the others.
fn import_with(name: &str, edit: impl Fn(&str) -> String) -> crate::common::Ran {
    let dir = tempfile::tempdir().expect("a temp dir");
    let mut files = Vec::new();
    for file in data_files() {
        let copy = dir.path().join(file.file_name().expect("a name"));
        let text = std::fs::read_to_string(&file).expect("a data file");
        let text = if file.ends_with(name) {
            edit(&text)
        } else {
            text
        };
        std::fs::write(&copy, text).expect("a copy");
        files.push(copy);
    }
    let out = dir.path().join("out");
    let ran = TestCommand::new()
        .arg("import")
        .args(&files)
        .args(["--retrieved", RETRIEVED, "-o"])
        .arg(&out)
        .run();
    assert!(!out.exists(), "nothing is written when the import fails");
    ran
}

#[test]
fn bad_data_is_refused_located_and_nothing_is_written() {
    // A country code that is not ISO 3166-1.
    let ran = import_with("ITU_GCI_LEGL_SCRE.csv", |t| t.replacen(",BEL,", ",XBE,", 1));
    assert_eq!(ran.code, 1, "{}", ran.stderr_text());
    let err = ran.stderr_text();
    assert!(err.contains("error[bad-country-code]"), "{err}");
    assert!(err.contains("ITU_GCI_LEGL_SCRE.csv:"), "{err}");
    assert!(err.contains("nothing was imported"), "{err}");

    // A value that is not a number.
    let ran = import_with("ITU_GCI_TECH_SCORE.csv", |t| {
        t.replacen(",2024,", ",2024,n/a,", 1)
            .replacen(",n/a,", ",n/a", 1)
    });
    assert_eq!(ran.code, 1, "{}", ran.stderr_text());
    assert!(
        ran.stderr_text().contains("error[bad-value]"),
        "{}",
        ran.stderr_text()
    );

    // An unknown column.
    let ran = import_with("ITU_GCI_ORG_SCORE.csv", |t| {
        t.replacen("OBS_CONF_LABEL", "MY_COLUMN", 1)
    });
    assert_eq!(ran.code, 1, "{}", ran.stderr_text());
    assert!(
        ran.stderr_text().contains("`MY_COLUMN`"),
        "{}",
        ran.stderr_text()
    );
}

#[test]
fn a_missing_pillar_file_is_named() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let files: Vec<PathBuf> = data_files()
        .into_iter()
        .filter(|f| !f.ends_with("ITU_GCI_COOP_SCORE.csv"))
        .collect();
    let ran = TestCommand::new()
        .arg("import")
        .args(&files)
        .arg("-o")
        .arg(dir.path().join("out"))
        .run();
    assert_eq!(ran.code, 1, "{}", ran.stderr_text());
    let err = ran.stderr_text();
    assert!(err.contains("error[import-incomplete]"), "{err}");
    assert!(err.contains("no Cooperation score"), "{err}");
    assert!(err.contains("ITU_GCI_COOP_SCORE"), "{err}");
    assert!(!dir.path().join("out").exists());
}

#[test]
fn the_belgian_gci_2024_profile_builds_in_three_formats() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let ran = TestCommand::new()
        .current_dir(repo())
        .args(["build", "profiles/gci/2024/bel.yaml", "-o"])
        .arg(dir.path())
        .run();
    assert_eq!(ran.code, 0, "{}", ran.stderr_text());
    let markdown = std::fs::read_to_string(dir.path().join("bel.md")).expect("bel.md");
    assert!(
        markdown.contains("| Legal Measures | 20.00 |"),
        "{markdown}"
    );
    assert!(markdown.contains("Tier 1: Role-modelling"), "{markdown}");
    let html = std::fs::read_to_string(dir.path().join("bel.html")).expect("bel.html");
    assert!(
        html.contains("<td style=\"text-align: right\">20.00</td>") || html.contains(">20.00<"),
        "{html}"
    );
    let pdf = std::fs::read(dir.path().join("bel.pdf")).expect("bel.pdf");
    assert!(pdf.starts_with(b"%PDF-"));
}

fn diff(args: &[&str]) -> crate::common::Ran {
    TestCommand::new()
        .current_dir(repo())
        .arg("diff")
        .args(args)
        .run()
}

#[test]
fn diff_between_gci_editions_goes_pillar_by_pillar_in_four_forms() {
    let (old, new) = ("profiles/gci/2020/bel.yaml", "profiles/gci/2024/bel.yaml");
    let text = diff(&[old, new]);
    assert_eq!(text.code, 1, "differences: {}", text.stderr_text());
    let out = text.stdout_text();
    assert!(out.starts_with("Belgium: GCI 2020 → GCI 2024\n"), "{out}");
    assert!(
        out.contains("Overall                           96.25     96.82     +0.57"),
        "{out}"
    );
    assert!(out.contains("Tier: — → Tier 1: Role-modelling"), "{out}");

    let md = diff(&[old, new, "-f", "md"]);
    assert_eq!(md.code, 1);
    assert!(
        md.stdout_text()
            .contains("| Overall | 96.25 | 96.82 | **+0.57** |"),
        "{}",
        md.stdout_text()
    );

    let html = diff(&[old, new, "-f", "html"]);
    assert_eq!(html.code, 1);
    let page = html.stdout_text();
    assert!(page.starts_with("<!DOCTYPE html>"), "{page}");
    assert!(
        page.contains("Change report · ITU Global Cybersecurity Index"),
        "{page}"
    );
    assert!(page.contains("<strong>+0.57</strong>"), "{page}");

    let json = diff(&[old, new, "-f", "json"]);
    assert_eq!(json.code, 1);
    let report: Value = serde_json::from_slice(&json.stdout).expect("JSON");
    assert_eq!(report["kind"], "scores");
    assert_eq!(report["format_version"], 1);
    assert_eq!(report["identical"], false);
    let technical = &report["pillars"][1];
    assert_eq!(technical["key"], "technical");
    assert_eq!(technical["old_key"], "technical");
    assert_eq!(technical["old_text"], "20.00");
    assert_eq!(technical["change_text"], "-1.89");
    assert_eq!(report["tier"]["new"], "Tier 1: Role-modelling");
    assert_eq!(report["rank"]["new"], Value::Null);
}

#[test]
fn diff_of_a_gci_profile_against_itself_or_another_kind() {
    let same = diff(&["profiles/gci/2024/bel.yaml", "profiles/gci/2024/bel.yaml"]);
    assert_eq!(same.code, 0, "{}", same.stdout_text());
    assert!(same.stdout_text().contains("no differences"));
    // Two countries in one edition: compared, and the title says so.
    let two = diff(&[
        "profiles/gci/2024/bel.yaml",
        "profiles/gci/2024/fra.yaml",
        "-f",
        "json",
    ]);
    assert_eq!(two.code, 1);
    let report: Value = serde_json::from_slice(&two.stdout).expect("JSON");
    assert_eq!(report["same_country"], false);
    assert!(report["title"].as_str().unwrap().contains("compared with"));
    // A Cyberwellness Profile and a GCI profile: refused, exit 2.
    let kinds = diff(&["profiles/belgium.yaml", "profiles/gci/2024/bel.yaml"]);
    assert_eq!(kinds.code, 2);
    assert!(
        kinds.stderr_text().contains("error[edition-mismatch]"),
        "{}",
        kinds.stderr_text()
    );
    assert!(
        kinds.stderr_text().contains("two kinds"),
        "{}",
        kinds.stderr_text()
    );
}

#[test]
fn diff_of_gci_profiles_refuses_stat_and_all_rather_than_ignoring_them() {
    for flag in ["--stat", "--all"] {
        let ran = diff(&[
            "profiles/gci/2020/bel.yaml",
            "profiles/gci/2024/bel.yaml",
            flag,
        ]);
        assert_eq!(ran.code, 2, "{}", ran.stderr_text());
        let err = ran.stderr_text();
        assert!(
            err.contains(&format!("{flag} applies to Cyberwellness Profiles")),
            "{err}"
        );
        assert!(err.contains("help:"), "{err}");
        assert!(ran.stdout.is_empty(), "{}", ran.stdout_text());
    }
}

#[test]
fn import_refuses_an_option_of_the_other_kind_of_import() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let data = TestCommand::new()
        .current_dir(repo())
        .arg("import")
        .args(data_files())
        .args(["--last-updated", "2026-01-01", "-o"])
        .arg(dir.path())
        .run();
    assert_eq!(data.code, 2, "{}", data.stderr_text());
    assert!(
        data.stderr_text()
            .contains("--last-updated applies to a legacy profile"),
        "{}",
        data.stderr_text()
    );
    let legacy = TestCommand::new()
        .current_dir(repo())
        .args(["import", "tests/fixtures/import/belgium-2015.txt"])
        .args(["--retrieved", RETRIEVED])
        .run();
    assert_eq!(legacy.code, 2, "{}", legacy.stderr_text());
    assert!(
        legacy
            .stderr_text()
            .contains("--retrieved applies to the GCI's data files"),
        "{}",
        legacy.stderr_text()
    );
    assert!(legacy.stdout.is_empty());
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}
