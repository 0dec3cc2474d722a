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
    import("seed.txt", text, catalogue()).unwrap_or_else(|errors| panic!("{errors:#?}"))
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
