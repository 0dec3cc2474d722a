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
use crate::fidelity::{
    SEED_SHA256, assert_same_words, committed_seed, markdown_words, seed_path, seed_words,
    shared_seed,
};
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

/// The copy holds the seed's bytes: its hash is the one pinned, and where
/// the shared seed is beside the project, the two files are the same.
#[test]
fn the_committed_seed_copy_is_the_seed() {
    use sha2::{Digest, Sha256};
    let copy = std::fs::read(committed_seed()).expect("the copy");
    let hash: String = Sha256::digest(&copy)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(
        hash, SEED_SHA256,
        "tests/fixtures/import/belgium-2015.txt is not the seed it was copied from"
    );
    if let Some(shared) = shared_seed() {
        let seed = std::fs::read(&shared).expect("the seed");
        assert_eq!(
            copy,
            seed,
            "{} differs from the seed",
            committed_seed().display()
        );
    }
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

// ---------------------------------------------------------------------------
// Issue 13: hostile PDFs, damaged extractions, one size limit.
//
// The hostile PDFs are made here, so that the tests need no tool: each is a
// few kilobytes (one about 2 MB) that costs a reader seconds, gigabytes or
// its stack. Before the PDF was read in a child process under limits, the
// first aborted profilec (exit 134) and the others ran until the hang guard
// killed them.

/// A PDF of `objects` (object 1 is the catalog), with a cross-reference
/// table that points at each.
fn pdf(objects: &[Vec<u8>]) -> Vec<u8> {
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for offset in offsets {
        out.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

/// A stream object; `filter` is `/FlateDecode` for compressed `data`.
fn stream(dict: &str, data: &[u8], filter: Option<&str>) -> Vec<u8> {
    let filter = filter.map_or(String::new(), |f| format!(" /Filter {f}"));
    let mut out = format!("<< {dict}{filter} /Length {} >>\nstream\n", data.len()).into_bytes();
    out.extend_from_slice(data);
    out.extend_from_slice(b"\nendstream");
    out
}

fn deflate(data: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(data).expect("deflate");
    encoder.finish().expect("deflate")
}

/// A one-page PDF whose page draws `content` with `resources`, plus
/// `more` objects numbered from 5.
fn one_page(content: Vec<u8>, resources: &str, more: Vec<Vec<u8>>) -> Vec<u8> {
    let mut objects = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources {resources} >>"
        )
        .into_bytes(),
        content,
    ];
    objects.extend(more);
    pdf(&objects)
}

/// A form XObject that draws itself: the reader recurses until its stack
/// overflows. 628 bytes.
fn pdf_that_draws_itself() -> Vec<u8> {
    one_page(
        stream("", b"/X0 Do", None),
        "<< /XObject << /X0 5 0 R >> >>",
        vec![stream(
            "/Type /XObject /Subtype /Form /BBox [0 0 10 10] /Resources << /XObject << /X0 5 0 R >> >>",
            b"/X0 Do",
            None,
        )],
    )
}

/// Forms nine deep, each drawing the one below ten times: a billion
/// drawings of one line of text. 2.7 KB.
fn pdf_of_nested_forms() -> Vec<u8> {
    let depth = 9;
    let font = 5 + depth + 1;
    let mut forms = Vec::new();
    for level in 0..=depth {
        let (data, resources) = if level == 0 {
            (
                b"BT /F1 12 Tf 10 10 Td (CYBERWELLNESS PROFILE BELGIUM) Tj ET".to_vec(),
                format!("<< /Font << /F1 {font} 0 R >> >>"),
            )
        } else {
            (
                ["/X Do"; 10].join(" ").into_bytes(),
                format!("<< /XObject << /X {} 0 R >> >>", 5 + level - 1),
            )
        };
        forms.push(stream(
            &format!("/Type /XObject /Subtype /Form /BBox [0 0 10 10] /Resources {resources}"),
            &data,
            None,
        ));
    }
    forms.push(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_vec());
    one_page(
        stream("", b"/X Do", None),
        &format!("<< /XObject << /X {} 0 R >> >>", 5 + depth),
        forms,
    )
}

/// A content stream that inflates to 300 MiB of spaces: one deflate block
/// of fixed Huffman codes, a space and then copies of 258 bytes at distance
/// 1, 13 bits each. About 2 MB.
fn pdf_of_a_flate_bomb() -> Vec<u8> {
    struct Bits {
        bytes: Vec<u8>,
        bit: u32,
    }
    impl Bits {
        /// `count` bits of `value`, least significant first (header fields).
        fn put(&mut self, value: u32, count: u32) {
            for i in 0..count {
                if self.bit.is_multiple_of(8) {
                    self.bytes.push(0);
                }
                if value >> i & 1 == 1 {
                    *self.bytes.last_mut().expect("a byte") |= 1 << (self.bit % 8);
                }
                self.bit += 1;
            }
        }
        /// A Huffman code, most significant bit first.
        fn code(&mut self, code: u32, count: u32) {
            for i in (0..count).rev() {
                self.put(code >> i & 1, 1);
            }
        }
    }
    let copies: u64 = 300 * 1024 * 1024 / 258;
    let length = 1 + copies * 258;
    let mut bits = Bits {
        bytes: vec![0x78, 0x01],
        bit: 16,
    };
    bits.put(1, 1); // the last block
    bits.put(1, 2); // fixed Huffman codes
    bits.code(0x30 + u32::from(b' '), 8); // the literal ' '
    for _ in 0..copies {
        bits.code(0b1100_0101, 8); // length 258 (code 285)
        bits.code(0, 5); // distance 1 (code 0)
    }
    bits.code(0, 7); // end of block
    // Adler-32 of `length` spaces, in closed form.
    let (c, n, m) = (u64::from(b' '), length, 65_521u64);
    let a = (1 + n % m * c) % m;
    let b = (n % m + c * ((n % (2 * m)) * ((n + 1) % (2 * m)) / 2 % m)) % m;
    let mut data = bits.bytes;
    data.extend_from_slice(&((b << 16 | a) as u32).to_be_bytes());
    one_page(stream("", &data, Some("/FlateDecode")), "<< >>", vec![])
}

/// A fill color of 100,000 components, then 100,000 save-state operators:
/// each copies the color, 80 GB in all. 873 bytes, compressed.
fn pdf_of_saved_states() -> Vec<u8> {
    let mut content = "0 ".repeat(100_000);
    content.push_str("sc ");
    content.push_str(&"q ".repeat(100_000));
    one_page(
        stream("", &deflate(content.as_bytes()), Some("/FlateDecode")),
        "<< >>",
        vec![],
    )
}

/// Imports `bytes` as `name` in a folder of its own; checks that it is
/// refused with `bad-pdf` as unsafe, that nothing is written and nothing is
/// left behind (no core file, no temporary file); returns standard error.
fn assert_refused_safely(name: &str, bytes: &[u8]) -> String {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).expect("write");
    let out = dir.path().join("out.yaml");
    let ran = TestCommand::new()
        .current_dir(dir.path())
        .arg("import")
        .arg(name)
        .arg("-o")
        .arg(&out)
        .timeout(Duration::from_secs(60))
        .run();
    let stderr = ran.stderr_text();
    assert_eq!(ran.code, 1, "{name}: {stderr}");
    assert!(
        stderr.contains("error[bad-pdf]: the PDF could not be read safely: "),
        "{name}: {stderr}"
    );
    assert!(stderr.contains(&format!("--> {name}")), "{stderr}");
    assert!(
        stderr.contains("help: the PDF is damaged or made to harm PDF readers"),
        "{stderr}"
    );
    assert!(stderr.contains("pdftotext -layout"), "{stderr}");
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .expect("the folder")
        .map(|e| {
            e.expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    assert_eq!(names, [name], "nothing written, nothing left behind");
    stderr
}

#[test]
fn issue_13_a_pdf_that_draws_itself_is_refused_not_a_crash() {
    let stderr = assert_refused_safely("draws-itself.pdf", &pdf_that_draws_itself());
    assert!(
        stderr.contains("its drawings are nested too deeply"),
        "{stderr}"
    );
}

#[test]
fn issue_13_a_flate_bomb_is_refused_by_its_inflated_size() {
    let bomb = pdf_of_a_flate_bomb();
    assert!(bomb.len() < 3 * 1024 * 1024, "{}", bomb.len());
    let stderr = assert_refused_safely("bomb.pdf", &bomb);
    assert!(
        stderr.contains("its compressed streams inflate to more than 64 MiB"),
        "{stderr}"
    );
}

#[test]
fn issue_13_save_states_without_end_are_refused_within_the_memory_limit() {
    let stderr = assert_refused_safely("saved-states.pdf", &pdf_of_saved_states());
    assert!(
        stderr.contains("reading it needed more than 256 MiB of memory"),
        "{stderr}"
    );
}

#[test]
fn issue_13_forms_within_forms_are_refused_within_the_time_limit() {
    let stderr = assert_refused_safely("nested-forms.pdf", &pdf_of_nested_forms());
    // Processor time runs out first, unless a loaded machine makes the
    // wall clock do it.
    assert!(
        stderr.contains("reading it needed more than 4 seconds of processor time")
            || stderr.contains("reading it took longer than 10 seconds"),
        "{stderr}"
    );
}

#[test]
fn issue_13_the_pdf_reader_is_a_hidden_command() {
    let help = TestCommand::new().arg("--help").run();
    assert_eq!(help.code, 0);
    assert!(
        help.stdout_text().contains("import"),
        "{}",
        help.stdout_text()
    );
    assert!(
        !help.stdout_text().contains("extract-pdf"),
        "{}",
        help.stdout_text()
    );
    // It answers on standard output, for the parent only.
    let ran = TestCommand::new()
        .arg("__extract-pdf")
        .stdin(std::fs::read(fixture("belgium-2015.pdf")).expect("the PDF"))
        .run();
    assert_eq!(ran.code, 0, "{}", ran.stderr_text());
    assert!(ran.stdout_text().starts_with("text\n"));
    assert!(ran.stdout_text().contains("CYBERWELLNESS PROFILE"));
}

/// Writes a file of `len` bytes (sparse: no time spent writing it).
fn file_of_size(dir: &Path, name: &str, len: u64) -> PathBuf {
    let path = dir.join(name);
    let file = std::fs::File::create(&path).expect("create");
    file.set_len(len).expect("set_len");
    path
}

#[test]
fn issue_13_one_size_limit_one_code_one_message() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let mib = 1024 * 1024;
    let message = "error[file-too-large]: the file is larger than 4 MiB, far more than the text or the PDF of a profile";
    for (name, len) in [
        ("30-mb.txt", 30 * mib),
        ("65-mb.txt", 65 * mib),
        ("65-mb.pdf", 65 * mib),
        ("just-over.txt", 4 * mib + 1),
        ("just-over.pdf", 4 * mib + 1),
    ] {
        let ran = import(&file_of_size(dir.path(), name, len));
        let stderr = ran.stderr_text();
        assert_eq!(ran.code, 1, "{name}: {stderr}");
        assert!(stderr.contains(message), "{name}: {stderr}");
        assert!(stderr.contains(name), "{stderr}");
        assert!(ran.stdout.is_empty());
    }
    // At the limit, the file is read (and found not to be a profile).
    let path = dir.path().join("at-limit.txt");
    std::fs::write(&path, " ".repeat(4 * 1024 * 1024)).expect("write");
    let ran = import(&path);
    assert_eq!(ran.code, 1);
    assert!(
        ran.stderr_text().contains("error[not-a-profile]"),
        "{}",
        ran.stderr_text()
    );
}

/// The seed up to (not including) the first line that starts with `stop`.
fn seed_until(dir: &Path, stop: &str) -> PathBuf {
    let seed = std::fs::read_to_string(fixture("belgium-2015.txt")).expect("the seed");
    let at = seed.find(stop).expect("the cut");
    let path = dir.join("cut-short.txt");
    std::fs::write(&path, &seed[..at]).expect("write");
    path
}

#[test]
fn issue_13_a_text_cut_short_in_section_1_4_is_imported_with_last_updated() {
    let dir = tempfile::tempdir().expect("a temp dir");
    // The extraction stops in the middle of 1.4.1's paragraph.
    let path = seed_until(dir.path(), "programs/projects for cybersecurity");
    let refused = import(&path);
    let stderr = refused.stderr_text();
    assert_eq!(refused.code, 1, "{stderr}");
    assert!(
        stderr.contains("error[import-incomplete]: the text has no \"Last updated on …\" line"),
        "{stderr}"
    );
    assert!(
        stderr.contains("--last-updated 2015-02-02"),
        "the error names the option: {stderr}"
    );
    assert!(refused.stdout.is_empty());

    let ran = TestCommand::new()
        .arg("import")
        .arg(&path)
        .args(["--last-updated", "2015-02-02"])
        .timeout(HANG_GUARD)
        .run();
    let stderr = ran.stderr_text();
    assert_eq!(ran.code, 0, "{stderr}");
    let yaml = ran.stdout_text();
    let profile = profile_of(&yaml);
    let seed = profile_of(&seed_yaml());
    assert_eq!(profile.last_updated, seed.last_updated);
    assert_eq!(profile.edition, 2015);
    assert!(
        stderr.contains("warning[import-missing]: the text has no \"Last updated on …\" line; the date is 2015-02-02, from --last-updated"),
        "{stderr}"
    );
    assert!(
        yaml.contains("# imported: the date 2015-02-02 is from --last-updated"),
        "{yaml}"
    );
    // What is there is read as from the whole text; 1.4.1 is marked as
    // possibly cut short; what is not there is unknown, with a warning and
    // a comment each.
    assert_eq!(profile.legal, seed.legal);
    assert_eq!(profile.technical, seed.technical);
    assert_eq!(profile.organizational, seed.organizational);
    assert!(
        stderr.contains("warning[import-guess]: indicator 1.4.1 STANDARDISATION DEVELOPMENT: the legacy text ends in this section"),
        "{stderr}"
    );
    assert!(
        yaml.contains("# imported: the legacy text ends in this section"),
        "{yaml}"
    );
    let missing = [
        (
            "capacity",
            "manpower_development",
            "1.4.2 MANPOWER DEVELOPMENT",
        ),
        (
            "cooperation",
            "international_cooperation",
            "1.5.4 INTERNATIONAL COOPERATION",
        ),
        (
            "child_protection",
            "reporting_mechanism",
            "2.4 REPORTING MECHANISM",
        ),
    ];
    for (area, key, name) in missing {
        assert_eq!(
            answer(&profile, area, key).status,
            Status::Unknown,
            "{name}"
        );
        assert!(
            stderr.contains(&format!(
                "warning[import-missing]: indicator {name} is not in the text"
            )),
            "{name}: {stderr}"
        );
        assert!(
            yaml.contains(&format!("# imported: {name} is not in the legacy text")),
            "{name}"
        );
    }
    assert!(stderr.ends_with("11 missing\n"), "{stderr}");
}

#[test]
fn issue_13_a_text_that_lost_its_last_page_is_imported_with_last_updated() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = seed_until(dir.path(), "----------------------- Page 3");
    let ran = TestCommand::new()
        .arg("import")
        .arg(&path)
        .args(["--last-updated", "2015-02-02"])
        .timeout(HANG_GUARD)
        .run();
    assert_eq!(ran.code, 0, "{}", ran.stderr_text());
    let profile = profile_of(&ran.stdout_text());
    assert_eq!(
        answer(&profile, "child_protection", "institutional_support").status,
        Status::Unknown
    );
    assert!(
        ran.stderr_text().ends_with("2 missing\n"),
        "{}",
        ran.stderr_text()
    );
}

#[test]
fn issue_13_last_updated_against_the_text() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let run = |path: &Path, date: &str| {
        TestCommand::new()
            .arg("import")
            .arg(path)
            .args(["--last-updated", date])
            .timeout(HANG_GUARD)
            .run()
    };
    // The same date as the text's: nothing to say.
    let same = run(&fixture("belgium-2015.txt"), "2015-02-02");
    assert_eq!(same.code, 0);
    assert_eq!(same.stdout_text(), seed_yaml());
    // Another date wins, and the text's is reported left out.
    let other = run(&fixture("belgium-2015.txt"), "2015-03-01");
    assert_eq!(other.code, 0, "{}", other.stderr_text());
    assert!(
        other.stderr_text().contains(
            "warning[import-skipped]: the text's date 2 February 2015 is left out: --last-updated gives 2015-03-01"
        ),
        "{}",
        other.stderr_text()
    );
    assert_eq!(
        profile_of(&other.stdout_text()).last_updated.to_string(),
        "2015-03-01"
    );
    // An unreadable date in the text is replaced.
    let path = seed_with(dir.path(), "2nd February 2015", "2nd Febr");
    let unreadable = run(&path, "2015-02-02");
    assert_eq!(unreadable.code, 0, "{}", unreadable.stderr_text());
    assert!(unreadable.stderr_text().contains("`2nd Febr` is not a date with day, month and year; the date is 2015-02-02, from --last-updated"), "{}", unreadable.stderr_text());
    let refused = import(&path);
    assert_eq!(refused.code, 1);
    assert!(
        refused.stderr_text().contains("--last-updated"),
        "{}",
        refused.stderr_text()
    );
    // Errors of use.
    let future = run(&fixture("belgium-2015.txt"), "2999-01-01");
    assert_eq!(future.code, 2);
    assert!(
        future
            .stderr_text()
            .contains("error[future-date]: --last-updated 2999-01-01 is in the future"),
        "{}",
        future.stderr_text()
    );
    let malformed = run(&fixture("belgium-2015.txt"), "2 February 2015");
    assert_eq!(malformed.code, 2);
    assert!(
        malformed.stderr_text().contains("--last-updated"),
        "{}",
        malformed.stderr_text()
    );
}

#[test]
fn issue_13_data_sources_punctuated_as_in_real_profiles() {
    let dir = tempfile::tempdir().expect("a temp dir");
    for variant in [
        "(data source: ITU Statistics 2013)",
        "(data source: ITU Statistics, 2013 )",
        "(Data source: ITU Statistics, 2013)",
    ] {
        let path = seed_with(
            dir.path(),
            "(data source: ITU Statistics, December 2013)",
            variant,
        );
        let ran = import(&path);
        assert_eq!(ran.code, 0, "{variant}: {}", ran.stderr_text());
        let internet = profile_of(&ran.stdout_text())
            .background
            .internet_users
            .expect("the figure");
        assert_eq!(internet.source, "ITU Statistics", "{variant}");
        assert_eq!(internet.as_of.to_string(), "2013", "{variant}");
    }
}

#[test]
fn issue_13_a_date_in_the_future_is_an_error_of_the_text_not_a_defect() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = seed_with(dir.path(), "2nd February 2015", "2nd February 2999");
    let ran = assert_refused(
        &path,
        "future-date",
        "the last-updated date, 2999-02-02, is in the future",
    );
    let stderr = ran.stderr_text();
    assert!(stderr.contains("changed.txt:179:"), "{stderr}");
    assert!(!stderr.contains("defect"), "{stderr}");
}
