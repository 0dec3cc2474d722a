//! The whole import on the seed and on variations of it.

use super::*;
use crate::schema::Catalogues;

const SEED: &str = include_str!("../../tests/fixtures/import/belgium-2015.txt");

fn catalogue() -> &'static Catalogue {
    Catalogues::builtin()
        .expect("catalogues")
        .get("cyberwellness-2015")
        .expect("the 2015 edition")
}

fn run(text: &str) -> Imported {
    import(
        "seed.txt",
        text,
        catalogue(),
        &Options {
            last_updated: None,
            today: Some(Date::new(2026, 1, 1).expect("a date")),
        },
    )
    .unwrap_or_else(|errors| panic!("{errors:#?}"))
}

#[test]
fn the_seed_gives_the_belgian_profile() {
    let imported = run(SEED);
    let profile = &imported.profile;
    assert_eq!(profile.country.name, "Belgium");
    assert_eq!(
        (
            profile.country.alpha2.as_str(),
            profile.country.alpha3.as_str()
        ),
        ("BE", "BEL")
    );
    assert_eq!(profile.edition, 2015);
    assert_eq!(profile.last_updated.to_string(), "2015-02-02");
    assert_eq!(
        profile.background.population.as_ref().unwrap().value,
        10_788_000
    );
    assert_eq!(
        profile.background.internet_users.as_ref().unwrap().percent,
        82.17
    );
    let legal = &profile.legal["criminal_legislation"];
    assert_eq!(legal.status, Status::Yes);
    assert_eq!(legal.instruments, ["Penal Code"]);
    assert_eq!(legal.text, None);
    assert_eq!(legal.sources, ["itu-2015"]);
    assert_eq!(profile.technical["certification"].status, Status::Unknown);
    assert_eq!(profile.technical["certification"].text, None);
    assert_eq!(
        profile.capacity["professional_certification"].status,
        Status::Unknown
    );
    assert_eq!(profile.organizational["benchmarking"].status, Status::No);
    assert_eq!(profile.cooperation["intra_agency"].agencies, ["B-CCENTRE"]);
    assert_eq!(imported.tally.missing, 0);
    assert_eq!(imported.tally.standard + imported.tally.guessed, 21);
}

#[test]
fn a_sentence_whose_list_was_lost_is_kept_as_text() {
    // Found by the property test (src/import/fuzz.rs): the sentence that
    // introduces a list of instruments, without the list (lost to a cut or
    // to a heading in between), was read as the standard `yes` sentence
    // with no names, which does not validate.
    let text = SEED.replace(
        "the following instrument:  \n-  Penal Code.  \n",
        "the following instruments:\n",
    );
    assert_ne!(text, SEED);
    let imported = run(&text);
    let legal = &imported.profile.legal["criminal_legislation"];
    assert_eq!(legal.status, Status::Yes);
    assert_eq!(
        legal.text.as_deref(),
        Some(
            "Specific legislation on cybercrime has been enacted through the following instruments:"
        )
    );
    assert!(legal.instruments.is_empty());
}

fn errors_of(text: &str) -> Vec<Diagnostic> {
    import(
        "seed.txt",
        text,
        catalogue(),
        &Options {
            last_updated: None,
            today: Some(Date::new(2026, 1, 1).expect("a date")),
        },
    )
    .err()
    .unwrap_or_else(|| panic!("refused"))
}

#[test]
fn dates_a_profile_cannot_hold_are_errors_at_their_line() {
    // Found by the property test: dates the validator refuses were imported
    // into YAML that did not validate ("a defect in profilec").
    let future = errors_of(&SEED.replace("2nd February 2015", "2nd February 2099"));
    assert_eq!(future.len(), 1, "{future:#?}");
    assert_eq!(future[0].code, Code::FutureDate);
    assert_eq!(
        future[0].message,
        "the last-updated date, 2099-02-02, is in the future (today is 2026-01-01)"
    );
    assert_eq!(future[0].location.map(|l| l.line), Some(179));
    let old = errors_of(&SEED.replace("2nd February 2015", "2nd February 1989"));
    assert_eq!(old[0].code, Code::OutOfRange);
    assert_eq!(
        old[0].message,
        "the last-updated date, 1989-02-02, is before 1990"
    );
    let source = errors_of(&SEED.replace(
        "ITU Statistics, December 2013",
        "ITU Statistics, December 2099",
    ));
    assert_eq!(source.len(), 1, "{source:#?}");
    assert_eq!(source[0].code, Code::FutureDate);
    assert!(
        source[0]
            .message
            .starts_with("the data source's date of \"Internet users, percentage of population\", 2099-12, is in the future"),
        "{}",
        source[0].message
    );
    assert_eq!(source[0].location.map(|l| l.line), Some(11));
}

#[test]
fn control_characters_do_not_reach_the_yaml() {
    // Found by the property test: a NUL in the text made YAML that does not
    // parse.
    let imported = run(&SEED.replace("Ireland and France", "Ireland and\0 Fr\u{1b}ance"));
    let text = imported.profile.cooperation["intra_state"]
        .text
        .clone()
        .unwrap_or_default();
    assert!(text.contains("Ireland and France"), "{text}");
}
