//! `profilec new`: a blank profile of every edition that can have one, a
//! country named three ways, an existing file refused, and `--from`, the
//! next edition of a profile with every statement kept and marked.

use std::path::Path;

use profilec::check::check_path;
use profilec::model::{Date, Profile, Status};
use profilec::schema::Catalogues;
use profilec::validate::Validator;

use crate::common::{TestCommand, repo};

fn new_profile(dir: &Path, args: &[&str]) -> crate::common::Ran {
    TestCommand::new()
        .current_dir(dir)
        .arg("new")
        .args(args)
        .run()
}

/// The profile in `path`, as `validate` reads it (today: the clock's, as
/// the command's).
fn read(path: &Path) -> (Profile, Vec<profilec::diag::Diagnostic>) {
    let validator = Validator::builtin().expect("the catalogues");
    let checked = check_path(path, validator, Date::today());
    let profile = checked
        .profile
        .unwrap_or_else(|| panic!("{} is valid: {:?}", path.display(), checked.diagnostics));
    let profile = profile
        .cyberwellness()
        .expect("a Cyberwellness Profile")
        .clone();
    (profile, checked.diagnostics)
}

#[test]
fn every_cyberwellness_edition_gets_a_blank_profile_that_validates() {
    let catalogues = Catalogues::builtin().expect("the catalogues");
    let dir = tempfile::tempdir().expect("a temp dir");
    let mut editions = 0;
    for catalogue in catalogues.iter() {
        let file = format!("kenya-{}.yaml", catalogue.id);
        let ran = new_profile(
            dir.path(),
            &[
                "Kenya",
                "--edition",
                &catalogue.id,
                "--publisher",
                "Example CERT",
                "-o",
                &file,
            ],
        );
        assert_eq!(ran.code, 0, "{}", ran.stderr_text());
        assert!(ran.stderr_text().contains("wrote"), "{}", ran.stderr_text());
        // `validate` passes, with warnings only: the list of what to do.
        let validated = TestCommand::new()
            .current_dir(dir.path())
            .args(["validate", &file])
            .run();
        assert_eq!(validated.code, 0, "{}", validated.stderr_text());
        let (profile, diagnostics) = read(&dir.path().join(&file));
        assert!(diagnostics.iter().all(|d| !d.is_error()));
        assert!(!diagnostics.is_empty(), "what is missing is warned about");
        assert_eq!(profile.schema_edition, catalogue.id);
        assert_eq!(profile.country.alpha3, "KEN");
        assert_eq!(profile.publisher, "Example CERT");
        // Every indicator, `unknown`; no figure, no source: nothing invented.
        for located in catalogue.indicators() {
            let answer = profile
                .area(&located.area.key)
                .and_then(|a| a.get(&located.indicator.key))
                .unwrap_or_else(|| panic!("{} is present", located.indicator.number));
            assert_eq!(answer.status, Status::Unknown);
            assert!(answer.sources.is_empty() && answer.text.is_none());
        }
        assert!(profile.background.population.is_none());
        assert!(profile.background.internet_users.is_none());
        assert!(profile.sources.is_empty());
        // The editor line, the questions of the catalogue, the block to fill.
        let yaml = std::fs::read_to_string(dir.path().join(&file)).expect("the file");
        assert!(
            yaml.starts_with("# yaml-language-server: $schema="),
            "{yaml}"
        );
        for located in catalogue.indicators() {
            let spec = located.indicator;
            let asks = spec
                .asks
                .as_deref()
                .expect("a question")
                .split(' ')
                .next()
                .unwrap_or_default();
            assert!(
                yaml.contains(&format!("# {} {}: {asks}", spec.number, spec.heading)),
                "{}: {yaml}",
                spec.number
            );
        }
        assert!(yaml.contains("\nsources: {}\n"), "{yaml}");
        editions += 1;
    }
    assert!(editions >= 1);
}

#[test]
fn gci_editions_are_refused_with_the_way_to_their_data() {
    let catalogues = Catalogues::builtin().expect("the catalogues");
    let dir = tempfile::tempdir().expect("a temp dir");
    let mut editions = 0;
    for edition in catalogues.scored_editions() {
        let ran = new_profile(
            dir.path(),
            &[
                "BE",
                "--edition",
                &edition.id,
                "--publisher",
                "X",
                "-o",
                "be.yaml",
            ],
        );
        assert_eq!(ran.code, 2, "{}", ran.stderr_text());
        let text = ran.stderr_text();
        assert!(text.contains("Global Cybersecurity Index"), "{text}");
        assert!(text.contains("profilec import"), "{text}");
        assert!(!dir.path().join("be.yaml").exists());
        editions += 1;
    }
    assert!(editions >= 3);
    let ran = new_profile(
        dir.path(),
        &["BE", "--edition", "cyberwellness-1999", "--publisher", "X"],
    );
    assert_eq!(ran.code, 2);
    assert!(
        ran.stderr_text().contains("error[unknown-edition]"),
        "{}",
        ran.stderr_text()
    );
    assert!(
        ran.stderr_text().contains("cyberwellness-2015"),
        "{}",
        ran.stderr_text()
    );
}

#[test]
fn a_country_named_three_ways_gives_one_profile() {
    for names in [
        ["Republic of Korea", "kr", "KOR"],
        ["Côte d'Ivoire", "CI", "civ"],
        ["Belgium", "BE", "BEL"],
    ] {
        let outputs: Vec<String> = names
            .iter()
            .map(|name| {
                let dir = tempfile::tempdir().expect("a temp dir");
                let ran = new_profile(
                    dir.path(),
                    &[name, "--publisher", "Example CERT", "--year", "2025"],
                );
                assert_eq!(ran.code, 0, "{name}: {}", ran.stderr_text());
                // Standard output by default; the day it was made aside.
                ran.stdout_text()
                    .lines()
                    .filter(|l| !l.starts_with("last_updated:"))
                    .collect::<Vec<_>>()
                    .join("\n")
            })
            .collect();
        assert_eq!(outputs[0], outputs[1], "{names:?}");
        assert_eq!(outputs[0], outputs[2], "{names:?}");
    }
    // The name is printed as a document prints it, not as ISO inverts it.
    let dir = tempfile::tempdir().expect("a temp dir");
    let ran = new_profile(dir.path(), &["KR", "--publisher", "X"]);
    assert!(
        ran.stdout_text().contains("  name: Republic of Korea\n"),
        "{}",
        ran.stdout_text()
    );
    // A name nobody uses is a usage error, and says what to give.
    let ran = new_profile(dir.path(), &["Atlantis", "--publisher", "X"]);
    assert_eq!(ran.code, 2);
    assert!(
        ran.stderr_text().contains("error[unknown-country]"),
        "{}",
        ran.stderr_text()
    );
    assert!(ran.stdout_text().is_empty());
}

#[test]
fn an_existing_file_is_refused_and_left_as_it_was() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("kenya.yaml");
    std::fs::write(&path, "my work\n").expect("a file");
    let ran = new_profile(
        dir.path(),
        &["Kenya", "--publisher", "X", "-o", "kenya.yaml"],
    );
    assert_eq!(ran.code, 2, "{}", ran.stderr_text());
    let text = ran.stderr_text();
    assert!(
        text.contains("error[output]") && text.contains("exists"),
        "{text}"
    );
    assert!(text.contains("help:"), "{text}");
    assert_eq!(
        std::fs::read_to_string(&path).expect("the file"),
        "my work\n"
    );
    let entries = std::fs::read_dir(dir.path()).expect("the folder").count();
    assert_eq!(entries, 1, "nothing else is written");
    // A folder is refused too.
    let ran = new_profile(dir.path(), &["Kenya", "--publisher", "X", "-o", "."]);
    assert_eq!(ran.code, 2);
}

#[test]
fn a_publisher_is_required_and_never_assumed_to_be_the_itu() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let ran = new_profile(dir.path(), &["Kenya"]);
    assert_eq!(ran.code, 2);
    assert!(
        ran.stderr_text().contains("--publisher"),
        "{}",
        ran.stderr_text()
    );
    // The next edition of the ITU's own profile is not the ITU's.
    let ran = new_profile(
        dir.path(),
        &[
            "BE",
            "--from",
            repo()
                .join("profiles/belgium-2015.yaml")
                .to_str()
                .expect("UTF-8"),
        ],
    );
    assert_eq!(ran.code, 2, "{}", ran.stderr_text());
    assert!(
        ran.stderr_text().contains("--publisher"),
        "{}",
        ran.stderr_text()
    );
}

#[test]
fn from_starts_the_next_edition_with_every_statement_kept_and_marked() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let old_path = repo().join("profiles/belgium.yaml");
    let old_arg = old_path.to_str().expect("UTF-8");
    let ran = new_profile(
        dir.path(),
        &[
            "Belgium",
            "--from",
            old_arg,
            "--year",
            "2026",
            "-o",
            "belgium-2026.yaml",
        ],
    );
    assert_eq!(ran.code, 0, "{}", ran.stderr_text());
    assert!(
        ran.stderr_text()
            .contains("21 answers carried over from the 2021 edition"),
        "{}",
        ran.stderr_text()
    );
    let (old, _) = read(&old_path);
    let (new, diagnostics) = read(&dir.path().join("belgium-2026.yaml"));
    // The year moved on; the compiler, sources and figures are kept.
    assert_eq!(new.edition, 2026);
    assert_eq!(new.publisher, old.publisher);
    assert_eq!(new.sources, old.sources);
    assert_eq!(new.background, old.background);
    // Every statement is kept, and marked until it is re-sourced.
    for ((_, old_area), (_, new_area)) in old.areas().zip(new.areas()) {
        for (key, answer) in old_area {
            let mut carried = new_area[key].clone();
            assert_eq!(carried.carried_over_from, Some(2021), "{key}");
            carried.carried_over_from = None;
            assert_eq!(&carried, answer, "{key}");
        }
    }
    let carried: Vec<_> = diagnostics
        .iter()
        .filter(|d| d.code.as_str() == "carried-over")
        .collect();
    assert_eq!(carried.len(), 21);
    assert!(diagnostics.iter().all(|d| !d.is_error()));

    // The documents say so beside each status.
    let built = TestCommand::new()
        .current_dir(dir.path())
        .args(["build", "belgium-2026.yaml", "-f", "md", "-o", "-"])
        .run();
    assert_eq!(built.code, 0, "{}", built.stderr_text());
    let markdown = built.stdout_text();
    assert_eq!(
        markdown
            .matches(" · carried over from the 2021 edition · ")
            .count(),
        21,
        "{markdown}"
    );

    // A later edition must be later, of the same country and edition.
    for (args, code) in [
        (vec!["BE", "--from", old_arg, "--year", "2021"], "bad-value"),
        (vec!["NL", "--from", old_arg], "bad-value"),
        (
            vec!["BE", "--from", old_arg, "--edition", "gci-2024"],
            "edition-mismatch",
        ),
    ] {
        let ran = new_profile(dir.path(), &args);
        assert_eq!(ran.code, 2, "{args:?}: {}", ran.stderr_text());
        assert!(
            ran.stderr_text().contains(&format!("error[{code}]")),
            "{args:?}: {}",
            ran.stderr_text()
        );
    }
    // An invalid profile to start from: its problems, and nothing written.
    let invalid = repo().join("tests/fixtures/invalid/unknown-source.yaml");
    let ran = new_profile(
        dir.path(),
        &[
            "BE",
            "--from",
            invalid.to_str().expect("UTF-8"),
            "--publisher",
            "X",
            "-o",
            "x.yaml",
        ],
    );
    assert_eq!(ran.code, 1, "{}", ran.stderr_text());
    assert!(
        ran.stderr_text().contains("error[unknown-source]"),
        "{}",
        ran.stderr_text()
    );
    assert!(!dir.path().join("x.yaml").exists());
}
