//! `profilec import`: legacy ITU profiles (text or PDF) to profile YAML.
//!
//! The fixtures in `tests/fixtures/import/` (see its README) are the seed,
//! variations of its layout made from it, a PDF made from it and its
//! `pdftotext` extractions, fictional profiles of other countries, and
//! inputs that must be refused. Variations of the seed must give exactly the
//! YAML the seed gives; the round trip through `build` must give back the
//! seed's words, checked with the fidelity oracle's helpers.

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde_json::Value;

use crate::common::{Ran, TestCommand, repo};
use crate::fidelity::{assert_same_words, markdown_words, seed_path, seed_words};
use profilec::check::check_source;
use profilec::load::SourceFile;
use profilec::model::{Date, Indicator, Profile, Status};
use profilec::validate::Validator;

/// A hang guard, not a benchmark.
const HANG_GUARD: Duration = Duration::from_secs(20);

fn fixture(name: &str) -> PathBuf {
    repo().join("tests/fixtures/import").join(name)
}

fn import(path: &Path) -> Ran {
    TestCommand::new()
        .arg("import")
        .arg(path)
        .timeout(HANG_GUARD)
        .run()
}

/// Imports a file that must import; returns the YAML.
fn imported_yaml(path: &Path) -> String {
    let ran = import(path);
    assert_eq!(ran.code, 0, "{}: {}", path.display(), ran.stderr_text());
    ran.stdout_text()
}

/// Reads YAML back through the library's own loader and validator.
fn profile_of(yaml: &str) -> Profile {
    let checked = check_source(
        SourceFile::new("imported.yaml", yaml),
        Validator::builtin().expect("a validator"),
        Date::new(2026, 1, 1).expect("a date"),
    );
    let errors: Vec<_> = checked
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}\n{yaml}");
    match checked.profile {
        Some(profilec::model::AnyProfile::Cyberwellness(profile)) => profile,
        other => panic!("a valid Cyberwellness Profile: {other:?}"),
    }
}

fn answer<'a>(profile: &'a Profile, area: &str, key: &str) -> &'a Indicator {
    profile
        .area(area)
        .and_then(|a| a.get(key))
        .unwrap_or_else(|| panic!("{area}.{key} missing"))
}

fn seed_yaml() -> String {
    imported_yaml(&fixture("belgium-2015.txt"))
}

// ---------------------------------------------------------------------------
// The seed.

#[test]
fn the_seed_imports_to_a_profile_that_validates() {
    let ran = import(&seed_path());
    assert_eq!(ran.code, 0, "{}", ran.stderr_text());
    let yaml = ran.stdout_text();
    assert!(yaml.starts_with("# yaml-language-server: $schema=../schema/profile.schema.json\n"));
    let profile = profile_of(&yaml);
    assert_eq!(profile.country.name, "Belgium");
    assert_eq!(profile.edition, 2015);
    let source = &profile.sources["itu-2015"];
    assert_eq!(source.title, "Cyberwellness Profile: Belgium");
    assert_eq!(
        source.publisher.as_deref(),
        Some("International Telecommunication Union (ITU)")
    );
    assert_eq!(
        source.date.map(|d| d.to_string()).as_deref(),
        Some("2015-02-02")
    );
    assert_eq!(source.url, None, "the text gives no address for itself");
    for (_, area) in profile.areas() {
        for indicator in area.values() {
            assert_eq!(indicator.sources, ["itu-2015"]);
        }
    }
    let stderr = ran.stderr_text();
    assert!(
        stderr.ends_with(
            "imported Belgium (cyberwellness-2015): 12 indicators from standard sentences, 9 with a guessed status, 0 missing\n"
        ),
        "{stderr}"
    );
}

#[test]
fn the_committed_seed_copy_is_the_seed() {
    let copy = std::fs::read(fixture("belgium-2015.txt")).expect("the copy");
    let seed = std::fs::read(seed_path()).expect("the seed");
    assert_eq!(
        copy, seed,
        "tests/fixtures/import/belgium-2015.txt differs from the seed"
    );
}

#[test]
fn the_imported_belgian_profile_snapshot() {
    insta::assert_snapshot!("belgium_2015_imported", seed_yaml());
}

/// The imported Belgian profile and the hand-made one differ only where the
/// importer cannot know: names buried in free text.
#[test]
fn the_import_agrees_with_the_hand_made_profile() {
    let imported = profile_of(&seed_yaml());
    let text =
        std::fs::read_to_string(repo().join("profiles/belgium-2015.yaml")).expect("hand-made");
    let hand = profile_of(&text);
    assert_eq!(imported.country, hand.country);
    assert_eq!(imported.edition, hand.edition);
    assert_eq!(imported.last_updated, hand.last_updated);
    assert_eq!(imported.background, hand.background);
    assert_eq!(imported.sources, hand.sources);
    let squash = |t: &Option<String>| {
        t.as_deref()
            .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
    };
    for ((area, by_hand), (_, by_import)) in hand.areas().zip(imported.areas()) {
        for (key, h) in by_hand {
            let i = &by_import[key];
            assert_eq!(i.status, h.status, "{area}.{key}");
            assert_eq!(squash(&i.text), squash(&h.text), "{area}.{key}");
            assert_eq!(i.sources, h.sources, "{area}.{key}");
            if h.text.is_none() {
                // A standard sentence: its names are all in the text.
                assert_eq!(i.instruments, h.instruments, "{area}.{key}");
                assert_eq!(i.agencies, h.agencies, "{area}.{key}");
            } else {
                // Free text: the hand-made profile picked names out of it;
                // the importer does not guess names.
                assert!(
                    i.instruments.is_empty() && i.agencies.is_empty(),
                    "{area}.{key}"
                );
            }
        }
    }
}

#[test]
fn import_then_build_gives_back_the_words_of_the_seed() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let yaml_path = dir.path().join("belgium-2015.yaml");
    let ran = TestCommand::new()
        .arg("import")
        .arg(seed_path())
        .arg("-o")
        .arg(&yaml_path)
        .run();
    assert_eq!(ran.code, 0, "{}", ran.stderr_text());
    let built = TestCommand::new()
        .args(["build", "-f", "md", "-o"])
        .arg(dir.path().join("out"))
        .arg(&yaml_path)
        .run();
    assert_eq!(built.code, 0, "{}", built.stderr_text());
    let markdown =
        std::fs::read_to_string(dir.path().join("out/belgium-2015.md")).expect("the Markdown");
    assert_same_words(
        &seed_words(),
        &markdown_words(&markdown),
        "import → build vs seed",
    );
}

// ---------------------------------------------------------------------------
// Tolerance: other layouts of the same document give the same profile.

fn assert_same_yaml_as_seed(name: &str) {
    let yaml = imported_yaml(&fixture(name));
    let seed = seed_yaml();
    if yaml != seed {
        let first = yaml
            .lines()
            .zip(seed.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(0);
        panic!(
            "{name}: the YAML differs from the seed's at line {}:\n  seed:   {:?}\n  {name}: {:?}",
            first + 1,
            seed.lines().nth(first),
            yaml.lines().nth(first)
        );
    }
}

#[test]
fn without_page_furniture() {
    assert_same_yaml_as_seed("belgium-2015-no-furniture.txt");
}

#[test]
fn rewrapped_respaced_split_headings_and_crlf() {
    assert_same_yaml_as_seed("belgium-2015-rewrapped.txt");
}

#[test]
fn sections_shuffled_and_background_columns_swapped() {
    assert_same_yaml_as_seed("belgium-2015-shuffled.txt");
}

#[test]
fn pdftotext_with_layout() {
    assert_same_yaml_as_seed("belgium-2015-pdftotext-layout.txt");
}

#[test]
fn pdftotext_without_layout() {
    assert_same_yaml_as_seed("belgium-2015-pdftotext.txt");
}

#[test]
fn the_pdf_itself() {
    assert_same_yaml_as_seed("belgium-2015.pdf");
}

#[test]
fn a_pdf_whatever_its_name() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let renamed = dir.path().join("profile.bin");
    std::fs::copy(fixture("belgium-2015.pdf"), &renamed).expect("copy");
    assert_eq!(imported_yaml(&renamed), seed_yaml());
}

#[test]
fn removed_sections_become_unknown_with_a_warning() {
    let ran = import(&fixture("belgium-2015-missing.txt"));
    assert_eq!(ran.code, 0, "{}", ran.stderr_text());
    let profile = profile_of(&ran.stdout_text());
    let seed = profile_of(&seed_yaml());
    let stderr = ran.stderr_text();
    let removed = [
        ("technical", "cirt", "1.2.1 CIRT"),
        ("organizational", "roadmap", "1.3.2 ROADMAP FOR GOVERNANCE"),
        (
            "child_protection",
            "institutional_support",
            "2.3 INSTITUTIONAL SUPPORT",
        ),
    ];
    for (area, key, name) in removed {
        let indicator = answer(&profile, area, key);
        assert_eq!(indicator.status, Status::Unknown, "{name}");
        assert_eq!(indicator.text, None, "{name}");
        assert!(
            stderr.contains(&format!(
                "warning[import-missing]: indicator {name} is not in the text; it is imported as `unknown`"
            )),
            "{stderr}"
        );
        assert!(
            ran.stdout_text()
                .contains(&format!("# imported: {name} is not in the legacy text")),
            "{name}"
        );
    }
    for ((area, by_seed), (_, by_missing)) in seed.areas().zip(profile.areas()) {
        for (key, indicator) in by_seed {
            if !removed.iter().any(|(a, k, _)| *a == area && k == key) {
                assert_eq!(&by_missing[key], indicator, "{area}.{key}");
            }
        }
    }
    assert!(stderr.ends_with("3 missing\n"), "{stderr}");
}

// ---------------------------------------------------------------------------
// Fictional profiles of other countries.

#[test]
fn fictional_cote_divoire() {
    let ran = import(&fixture("fictional-cote-divoire.txt"));
    assert_eq!(ran.code, 0, "{}", ran.stderr_text());
    let yaml = ran.stdout_text();
    let p = profile_of(&yaml);
    assert_eq!(
        (
            p.country.name.as_str(),
            p.country.alpha2.as_str(),
            p.country.alpha3.as_str()
        ),
        ("Côte d'Ivoire", "CI", "CIV"),
        "the curly apostrophe of the title and the straight one of the text are one country"
    );
    assert_eq!(p.last_updated.to_string(), "2015-03-14");
    assert_eq!(
        p.background.population.as_ref().expect("a figure").value,
        12_345_678
    );
    assert_eq!(
        p.background
            .population
            .as_ref()
            .expect("a figure")
            .as_of
            .to_string(),
        "2013-06"
    );
    assert_eq!(
        p.background
            .internet_users
            .as_ref()
            .expect("a figure")
            .percent,
        12.34
    );
    let legal = answer(&p, "legal", "criminal_legislation");
    assert_eq!(legal.status, Status::Yes);
    assert_eq!(
        legal.instruments,
        [
            "Example Law No. 1 on offences against information systems and their users",
            "Example Decree on electronic evidence"
        ],
        "a wrapped bullet is one instrument; the list's final period is the template's"
    );
    assert_eq!(
        answer(&p, "legal", "regulation_compliance").status,
        Status::No
    );
    assert_eq!(answer(&p, "technical", "cirt").agencies, ["Example-CERT"]);
    assert_eq!(answer(&p, "technical", "standards").status, Status::Unknown);
    assert_eq!(
        answer(&p, "technical", "certification").agencies,
        ["Fictional Certification Board"]
    );
    assert_eq!(
        answer(&p, "organizational", "responsible_agency").agencies,
        [
            "Fictional Cyber Agency (FCA)",
            "Example Ministry of Digital Affairs",
            "Example-CERT"
        ]
    );
    assert_eq!(
        answer(&p, "capacity", "professional_certification").status,
        Status::Unknown
    );
    let partial = answer(&p, "cooperation", "intra_state");
    assert_eq!(partial.status, Status::Partial);
    assert!(yaml.contains("# imported: status `partial` inferred from the phrases \"does not have\" and\n  # \"has officially recognized\" together"), "{yaml}");
    assert_eq!(
        answer(&p, "cooperation", "intra_agency").status,
        Status::Unknown
    );
    assert!(
        ran.stderr_text()
            .contains("indicator 1.5.2 INTRA-AGENCY COOPERATION is not in the text")
    );
    assert_eq!(
        answer(&p, "cooperation", "international_cooperation").agencies,
        [
            "Example Forum One",
            "Example Forum Two",
            "Example Forum Three"
        ]
    );
    assert_eq!(
        answer(&p, "child_protection", "institutional_support").agencies,
        ["Example Child Online Safety Unit"]
    );
    // Markdown characters of the plain text are escaped, so they stay words.
    let text = answer(&p, "capacity", "standardisation_development")
        .text
        .clone()
        .expect("free text");
    assert_eq!(
        text,
        r"The Example Research Programme\* funds two\_example projects on \[cybersecurity\] standards. (\*pilot phase only)"
    );
    let stderr = ran.stderr_text();
    assert!(
        stderr.contains(
            "warning[import-skipped]: 1 line before the title \"CYBERWELLNESS PROFILE\" left out"
        ),
        "the fictional-data line is not part of the profile: {stderr}"
    );
}

#[test]
fn fictional_cote_divoire_builds_with_its_words() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let yaml_path = dir.path().join("ci.yaml");
    let ran = TestCommand::new()
        .arg("import")
        .arg(fixture("fictional-cote-divoire.txt"))
        .arg("-o")
        .arg(&yaml_path)
        .run();
    assert_eq!(ran.code, 0, "{}", ran.stderr_text());
    let built = TestCommand::new()
        .args(["build", "-f", "md", "-o", "-"])
        .arg(&yaml_path)
        .run();
    assert_eq!(built.code, 0, "{}", built.stderr_text());
    let words = markdown_words(&built.stdout_text()).join(" ");
    for phrase in [
        "The Example Research Programme* funds two_example projects on [cybersecurity] standards. (*pilot phase only)",
        "Côte d'Ivoire does not have a formal agreement with its neighbours",
        "The Fictional Cyber Agency (FCA), Example Ministry of Digital Affairs and Example-CERT are responsible",
        "- Example Law No. 1 on offences against information systems and their users",
    ] {
        let phrase = phrase.trim_start_matches("- ");
        assert!(words.contains(phrase), "{phrase}\nnot in: {words}");
    }
}

#[test]
fn fictional_viet_nam_raw_extraction_with_running_titles() {
    let ran = import(&fixture("fictional-viet-nam.txt"));
    assert_eq!(ran.code, 0, "{}", ran.stderr_text());
    let p = profile_of(&ran.stdout_text());
    assert_eq!(
        (p.country.name.as_str(), p.country.alpha2.as_str()),
        ("Viet Nam", "VN")
    );
    // One column, Internet users first, sources dated by year only.
    assert_eq!(
        p.background.population.as_ref().expect("a figure").value,
        90_000_000
    );
    assert_eq!(
        p.background.population.as_ref().expect("a figure").source,
        "Fictional Statistics Office"
    );
    assert_eq!(
        p.background
            .population
            .as_ref()
            .expect("a figure")
            .as_of
            .to_string(),
        "2012"
    );
    assert_eq!(
        p.background
            .internet_users
            .as_ref()
            .expect("a figure")
            .percent,
        45.6
    );
    assert_eq!(
        p.background
            .internet_users
            .as_ref()
            .expect("a figure")
            .source,
        "Example Survey Unit"
    );
    // The date under a label that ends its line.
    assert_eq!(p.last_updated.to_string(), "2015-04-01");
    assert_eq!(answer(&p, "technical", "cirt").status, Status::No);
    assert_eq!(
        answer(&p, "technical", "certification").status,
        Status::Unknown
    );
    assert_eq!(
        answer(&p, "technical", "standards").agencies,
        ["Example Standards Directorate"]
    );
    assert_eq!(
        answer(&p, "organizational", "roadmap").instruments,
        ["Example Roadmap 2020"]
    );
    // The running title at the top of pages 2 and 3 is furniture: 1.3.3 and
    // 1.4.4 end where they end.
    assert_eq!(
        answer(&p, "organizational", "responsible_agency").status,
        Status::Unknown
    );
    assert_eq!(
        answer(&p, "capacity", "agency_certification").status,
        Status::Unknown
    );
    assert_eq!(
        answer(&p, "child_protection", "un_convention").status,
        Status::No
    );
    // Free text with bullets: the bullets are the instruments, and stay in
    // the text as a list, since no standard list follows free text.
    let regulation = answer(&p, "legal", "regulation_compliance");
    assert_eq!(regulation.status, Status::Yes);
    assert_eq!(
        regulation.instruments,
        [
            "Example Law on Network Information Security",
            "Example Decree No. 2"
        ]
    );
    assert_eq!(
        regulation.text.as_deref(),
        Some(
            "Viet Nam has enacted the following example instruments in 2014:\n\n- Example Law on Network Information Security\n- Example Decree No. 2."
        )
    );
    let policy = answer(&p, "organizational", "policy");
    assert_eq!(
        policy.instruments,
        ["Example Strategy One", "Example Strategy Two"]
    );
    assert!(
        policy
            .text
            .as_deref()
            .is_some_and(|t| t.ends_with("- Example Strategy Two"))
    );
    let stderr = ran.stderr_text();
    assert!(!stderr.contains("import-missing"), "{stderr}");
    assert!(
        stderr.ends_with(
            "19 indicators from standard sentences, 2 with a guessed status, 0 missing\n"
        ),
        "{stderr}"
    );
}

#[test]
fn fictional_netherlands_odd_sections() {
    let ran = import(&fixture("fictional-netherlands.txt"));
    assert_eq!(ran.code, 0, "{}", ran.stderr_text());
    let yaml = ran.stdout_text();
    let p = profile_of(&yaml);
    // "THE" / "NETHERLANDS" on two lines under the title; "the Netherlands"
    // in the sentences.
    assert_eq!(
        (p.country.name.as_str(), p.country.alpha3.as_str()),
        ("The Netherlands", "NLD")
    );
    assert_eq!(
        p.background.population.as_ref().expect("a figure").value,
        17_000_000
    );
    assert_eq!(
        p.background.population.as_ref().expect("a figure").source,
        "Fictional Statistics Office"
    );
    assert_eq!(
        p.background
            .internet_users
            .as_ref()
            .expect("a figure")
            .source,
        "Example Survey Unit"
    );
    assert_eq!(
        answer(&p, "legal", "regulation_compliance").status,
        Status::Unknown
    );
    assert_eq!(
        answer(&p, "technical", "cirt").agencies,
        [
            "Example-NL-CERT",
            "Example Response Centre",
            "Example Banking CSIRT"
        ],
        "the first of two 1.2.1 sections is kept"
    );
    assert_eq!(answer(&p, "technical", "standards").status, Status::Unknown);
    assert!(
        yaml.contains("# imported: its section has a heading but no text: recorded as unknown")
    );
    assert_eq!(
        answer(&p, "organizational", "benchmarking").status,
        Status::Yes
    );
    let stderr = ran.stderr_text();
    for expected in [
        "fictional-netherlands.txt:22:1",
        "1 line left out: it stands under a part or area heading, not under an indicator",
        "fictional-netherlands.txt:28:1",
        "2 lines left out: a second section of an indicator already read (the first is kept)",
        // The validator's own warning on the imported profile.
        "warning[weak-answer]: indicator 1.3.4 NATIONAL BENCHMARKING says `yes`",
    ] {
        assert!(stderr.contains(expected), "{expected}\n{stderr}");
    }
}

// ---------------------------------------------------------------------------
// Refusals.

fn assert_refused(path: &Path, code: &str, message: &str) -> Ran {
    let ran = import(path);
    let stderr = ran.stderr_text();
    assert_eq!(ran.code, 1, "{}: {stderr}", path.display());
    assert!(
        ran.stdout.is_empty(),
        "{}: nothing on standard output",
        path.display()
    );
    assert!(stderr.contains(&format!("error[{code}]")), "{stderr}");
    assert!(stderr.contains(message), "{message}\n{stderr}");
    let name = path.file_name().and_then(|n| n.to_str()).expect("a name");
    assert!(stderr.contains(name), "the error names the file: {stderr}");
    assert!(
        stderr.contains("help: "),
        "the error says what to do: {stderr}"
    );
    ran
}

#[test]
fn an_empty_file_is_refused() {
    let ran = assert_refused(
        &fixture("refuse-empty.txt"),
        "not-a-profile",
        "this is not an ITU Cyberwellness Profile: the file has no text",
    );
    assert!(
        ran.stderr_text().contains("CYBERWELLNESS PROFILE"),
        "it says what was expected"
    );
}

#[test]
fn unrelated_text_is_refused() {
    assert_refused(
        &fixture("refuse-random.txt"),
        "not-a-profile",
        "it has no title \"CYBERWELLNESS PROFILE\" and 0 of the 21 numbered sections of one",
    );
}

#[test]
fn another_itu_document_is_refused() {
    assert_refused(
        &fixture("refuse-other-itu-document.txt"),
        "not-a-profile",
        "it has no title \"CYBERWELLNESS PROFILE\" and 0 of the 21 numbered sections",
    );
}

#[test]
fn a_title_without_sections_is_refused() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("title-only.txt");
    std::fs::write(&path, "CYBERWELLNESS PROFILE\nBELGIUM\n\nSome words.\n").expect("write");
    assert_refused(
        &path,
        "not-a-profile",
        "it has the title \"CYBERWELLNESS PROFILE\" but none of the 21 numbered sections",
    );
}

#[test]
fn a_pdf_without_text_is_refused() {
    let ran = assert_refused(
        &fixture("image-only.pdf"),
        "no-text-layer",
        "the PDF has no text layer",
    );
    assert!(ran.stderr_text().contains("OCR"), "{}", ran.stderr_text());
}

#[test]
fn a_damaged_pdf_is_refused() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let bytes = std::fs::read(fixture("belgium-2015.pdf")).expect("the PDF");
    let truncated = dir.path().join("truncated.pdf");
    std::fs::write(&truncated, &bytes[..bytes.len() / 3]).expect("write");
    assert_refused(&truncated, "bad-pdf", "the PDF cannot be read");
    let fake = dir.path().join("text.pdf");
    std::fs::write(&fake, "CYBERWELLNESS PROFILE\n").expect("write");
    assert_refused(&fake, "bad-pdf", "not a PDF");
}

#[test]
fn bytes_that_are_not_text_are_refused() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("binary.txt");
    let bytes: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8)
        .collect();
    std::fs::write(&path, bytes).expect("write");
    assert_refused(&path, "not-utf8", "not UTF-8");
}

/// The seed with one replacement, written to a temp file.
fn seed_with(dir: &Path, from: &str, to: &str) -> PathBuf {
    let seed = std::fs::read_to_string(fixture("belgium-2015.txt")).expect("the seed");
    assert!(seed.contains(from), "{from}");
    let path = dir.join("changed.txt");
    std::fs::write(&path, seed.replace(from, to)).expect("write");
    path
}

#[test]
fn an_unknown_country_is_refused() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = seed_with(dir.path(), "BELGIUM", "ATLANTIS");
    let ran = assert_refused(
        &path,
        "import-incomplete",
        "`ATLANTIS` under the title is not a country profilec knows",
    );
    assert!(
        ran.stderr_text().contains("changed.txt:5:"),
        "{}",
        ran.stderr_text()
    );
}

#[test]
fn a_profile_without_its_title_is_refused() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = seed_with(dir.path(), "CYBERWELLNESS PROFILE", "");
    let ran = assert_refused(
        &path,
        "import-incomplete",
        "the text has no title \"CYBERWELLNESS PROFILE\", so the country is unknown",
    );
    assert!(
        !ran.stderr_text().contains("not-a-profile"),
        "its sections make it a profile"
    );
}

#[test]
fn a_missing_date_is_refused() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = seed_with(dir.path(), "Last updated on 2nd February 2015", "");
    assert_refused(
        &path,
        "import-incomplete",
        "the text has no \"Last updated on …\" line",
    );
    let path = seed_with(dir.path(), "2nd February 2015", "soon");
    assert_refused(
        &path,
        "import-incomplete",
        "`soon` is not a date with day, month and year",
    );
}

#[test]
fn missing_background_parts_are_all_reported() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let seed = std::fs::read_to_string(fixture("belgium-2015.txt")).expect("the seed");
    let path = dir.path().join("no-background.txt");
    std::fs::write(
        &path,
        seed.replace(
            "(data source: ITU Statistics, December 2013)",
            "(data source: ITU Statistics)",
        )
        .replace("Total Population:  10 788 000", "Total Population: unknown"),
    )
    .expect("write");
    let ran = assert_refused(
        &path,
        "import-incomplete",
        "the background has no \"Total Population:\" figure",
    );
    let stderr = ran.stderr_text();
    assert!(
        stderr.contains(
            "the data source of \"Internet users, percentage of population\" has no date"
        ),
        "{stderr}"
    );
    // The missing figure points at the BACKGROUND heading, the undated
    // source at its figure's line.
    assert!(stderr.contains("no-background.txt:10:1"), "{stderr}");
    assert!(stderr.contains("no-background.txt:11:1"), "{stderr}");
}

// ---------------------------------------------------------------------------
// Output, errors of use, determinism.

#[test]
fn output_to_a_file_is_the_same_yaml_and_validates() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let out = dir.path().join("belgium.yaml");
    std::fs::write(&out, "old content").expect("write");
    let ran = TestCommand::new()
        .arg("import")
        .arg(fixture("belgium-2015.txt"))
        .args(["-o"])
        .arg(&out)
        .run();
    assert_eq!(ran.code, 0, "{}", ran.stderr_text());
    assert!(ran.stdout.is_empty());
    assert!(
        ran.stderr_text()
            .ends_with(&format!("; wrote {}\n", out.display()))
    );
    assert_eq!(std::fs::read_to_string(&out).expect("written"), seed_yaml());
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .expect("the folder")
        .map(|e| {
            e.expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    assert_eq!(names, ["belgium.yaml"], "no temporary file is left behind");
    let validated = TestCommand::new()
        .args(["validate", "-f", "json"])
        .arg(&out)
        .run();
    assert_eq!(validated.code, 0, "{}", validated.stdout_text());
    let report: Value = serde_json::from_slice(&validated.stdout).expect("JSON");
    assert_eq!(report["errors"], 0);
    assert_eq!(report["warnings"], 0);
}

#[test]
fn output_goes_into_a_new_folder() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let out = dir.path().join("profiles/belgium-2015.yaml");
    let ran = TestCommand::new()
        .arg("import")
        .arg(fixture("belgium-2015.txt"))
        .arg("-o")
        .arg(&out)
        .run();
    assert_eq!(ran.code, 0, "{}", ran.stderr_text());
    assert_eq!(std::fs::read_to_string(&out).expect("written"), seed_yaml());
}

#[test]
fn a_failed_import_writes_nothing() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let existing = dir.path().join("existing.yaml");
    std::fs::write(&existing, "kept").expect("write");
    for output in [&existing, &dir.path().join("new.yaml")] {
        let ran = TestCommand::new()
            .arg("import")
            .arg(fixture("refuse-random.txt"))
            .arg("-o")
            .arg(output)
            .run();
        assert_eq!(ran.code, 1);
    }
    assert_eq!(std::fs::read_to_string(&existing).expect("kept"), "kept");
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .expect("the folder")
        .map(|e| {
            e.expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    assert_eq!(names, ["existing.yaml"]);
}

#[test]
fn errors_of_use_exit_2() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let missing = TestCommand::new()
        .arg("import")
        .arg(dir.path().join("nope.txt"))
        .run();
    assert_eq!(missing.code, 2);
    assert!(
        missing
            .stderr_text()
            .contains("error[io]: cannot read this file"),
        "{}",
        missing.stderr_text()
    );
    assert!(missing.stderr_text().contains("nope.txt"));

    let blocker = dir.path().join("a-file");
    std::fs::write(&blocker, "x").expect("write");
    let unwritable = TestCommand::new()
        .arg("import")
        .arg(fixture("belgium-2015.txt"))
        .arg("-o")
        .arg(blocker.join("out.yaml"))
        .run();
    assert_eq!(unwritable.code, 2, "{}", unwritable.stderr_text());
    assert!(
        unwritable
            .stderr_text()
            .contains("error[output]: cannot create the output folder"),
        "{}",
        unwritable.stderr_text()
    );

    let folder = TestCommand::new()
        .arg("import")
        .arg(fixture("belgium-2015.txt"))
        .arg("-o")
        .arg(dir.path())
        .run();
    assert_eq!(folder.code, 2);
    assert!(
        folder.stderr_text().contains("is a folder"),
        "{}",
        folder.stderr_text()
    );

    let input = dir.path().join("legacy.txt");
    std::fs::copy(fixture("belgium-2015.txt"), &input).expect("copy");
    let itself = TestCommand::new()
        .arg("import")
        .arg(&input)
        .arg("-o")
        .arg(&input)
        .run();
    assert_eq!(itself.code, 2);
    assert!(
        itself
            .stderr_text()
            .contains("is the legacy document itself")
    );
    assert_eq!(
        std::fs::read(&input).expect("input"),
        std::fs::read(fixture("belgium-2015.txt")).expect("seed"),
        "the input is untouched"
    );

    let usage = TestCommand::new().arg("import").run();
    assert_eq!(usage.code, 2);
}

#[test]
fn the_output_is_deterministic() {
    for name in [
        "belgium-2015.txt",
        "belgium-2015.pdf",
        "fictional-viet-nam.txt",
    ] {
        let first = import(&fixture(name));
        let second = import(&fixture(name));
        assert_eq!(first.stdout, second.stdout, "{name}");
        assert_eq!(first.stderr, second.stderr, "{name}");
    }
}

#[test]
fn warnings_point_at_the_line_of_text_but_not_into_a_pdf() {
    let text = import(&fixture("belgium-2015.txt")).stderr_text();
    assert!(text.contains("warning[import-guess]: indicator 1.2.1 CIRT: status `yes` inferred from the phrase \"has an officially recognized\""), "{text}");
    assert!(text.contains("belgium-2015.txt:43:1"), "{text}");
    assert!(text.contains("43 | 1.2.1 CIRT"), "{text}");
    let pdf = import(&fixture("belgium-2015.pdf")).stderr_text();
    assert!(
        pdf.contains("warning[import-guess]: indicator 1.2.1 CIRT"),
        "{pdf}"
    );
    assert!(
        !pdf.contains("belgium-2015.pdf:"),
        "no line numbers in a PDF: {pdf}"
    );
}

#[test]
fn hostile_input_is_handled_promptly() {
    let dir = tempfile::tempdir().expect("a temp dir");
    // A very long section of one word repeated, and thousands of headings.
    let mut text = String::from("CYBERWELLNESS PROFILE\nBELGIUM\n1.1.1 CRIMINAL LEGISLATION\n");
    text.push_str(&"Belgium has an officially recognized a, ".repeat(40_000));
    text.push('\n');
    for _ in 0..5_000 {
        text.push_str("1.\n1.1\n2.\nThe\n");
    }
    let path = dir.path().join("hostile.txt");
    std::fs::write(&path, &text).expect("write");
    let ran = import(&path);
    assert_eq!(ran.code, 1, "{}", ran.stderr_text());
    assert!(
        ran.stderr_text().contains("error[import-incomplete]"),
        "{}",
        ran.stderr_text()
    );

    let big = dir.path().join("big.txt");
    std::fs::write(&big, "x".repeat(5 * 1024 * 1024)).expect("write");
    let ran = import(&big);
    assert_eq!(ran.code, 1);
    assert!(
        ran.stderr_text().contains("error[file-too-large]"),
        "{}",
        ran.stderr_text()
    );
}
