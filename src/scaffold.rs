//! A new profile to fill in (`profilec new`): a blank one for a country, or
//! the next edition of an existing one.
//!
//! | owns | must not |
//! | --- | --- |
//! | finding the country a user names; the blank profile of an edition; the next edition of a profile, its answers marked as carried over; both as commented YAML | read or write files, read the clock (today is given), invent a fact: a blank profile says "no information" everywhere and gives no figure |
//!
//! A blank profile has every indicator of its edition, each `unknown`, with
//! the catalogue's question above it (`asks`), the publisher the user names,
//! an empty background and an empty `sources` block with an example of what
//! goes there. It validates, with warnings for what is still missing, so
//! that `profilec validate` is the analyst's list of what to do.
//!
//! The next edition of a profile keeps every statement, source and figure
//! of the old one, and marks each answer `carried_over_from: YEAR`: its
//! documents say so beside the status, and `validate` warns, until the
//! answer is checked against current sources and the mark deleted. A
//! statement is never silently presented as current.
//!
//! The YAML is written by hand (through the importer's writer, which knows
//! how to quote any text) because comments are half the point.

use std::collections::BTreeMap;

use crate::import::emit::{self, comment, indicator, line, list, scalar};
use crate::model::{Background, Country, Date, Indicator, Profile, Source, Status};
use crate::schema::{Catalogue, CountryEntry, NamedList};

/// The country a user names: an ISO 3166-1 alpha-2 code (`BE`, `be`), an
/// alpha-3 code (`BEL`), or a name, spelled as `import` recognises names
/// ("Belgium", "Viet Nam", "Côte d'Ivoire", "Republic of Korea").
pub fn find_country(text: &str) -> Option<&'static CountryEntry> {
    let text = text.trim();
    let code = text.to_ascii_uppercase();
    let letters = text.chars().all(|c| c.is_ascii_alphabetic());
    let by_code = match text.len() {
        2 if letters => crate::schema::country_by_alpha2(&code),
        3 if letters => crate::schema::country_by_alpha3(&code),
        _ => None,
    };
    by_code.or_else(|| crate::schema::country_by_name(text))
}

/// Every indicator of `catalogue`, `unknown`, for `country`.
pub fn blank_profile(
    catalogue: &Catalogue,
    country: &CountryEntry,
    year: u16,
    today: Date,
    publisher: &str,
) -> Profile {
    let mut profile = Profile {
        schema_edition: catalogue.id.clone(),
        country: Country {
            name: country.reading_name(),
            alpha2: country.alpha2.to_owned(),
            alpha3: country.alpha3.to_owned(),
        },
        edition: year,
        last_updated: today,
        publisher: publisher.to_owned(),
        background: Background::default(),
        sources: BTreeMap::new(),
        legal: BTreeMap::new(),
        technical: BTreeMap::new(),
        organizational: BTreeMap::new(),
        capacity: BTreeMap::new(),
        cooperation: BTreeMap::new(),
        child_protection: BTreeMap::new(),
    };
    for located in catalogue.indicators() {
        if let Some(area) = profile.area_mut(&located.area.key) {
            area.insert(
                located.indicator.key.clone(),
                Indicator::of(Status::Unknown),
            );
        }
    }
    profile
}

/// The next edition of `old`: the year `year`, updated `today`, published
/// by `publisher`, every answer kept and marked as carried over from the
/// edition it first came from.
pub fn next_edition(old: &Profile, year: u16, today: Date, publisher: &str) -> Profile {
    let mut new = old.clone();
    new.edition = year;
    new.last_updated = today;
    new.publisher = publisher.to_owned();
    for key in crate::model::AREA_KEYS {
        if let Some(area) = new.area_mut(key) {
            for answer in area.values_mut() {
                // An answer already carried over keeps the edition it
                // really comes from.
                answer.carried_over_from = Some(answer.carried_over_from.unwrap_or(old.edition));
            }
        }
    }
    new
}

/// The header comment of a blank profile.
pub fn blank_header(profile: &Profile, catalogue: &Catalogue) -> String {
    format!(
        "{}, {} edition: a new profile made by `profilec new`, on the indicators of the {}. Every indicator says `unknown` (\"no information\") until a source says otherwise: add each document you use under `sources`, answer the indicators it speaks about and cite it in their `sources`. The comment above each indicator says what it asks. `profilec validate` lists what is still missing.",
        profile.country.name, profile.edition, catalogue.name
    )
}

/// The header comment of the next edition of a profile read from `from`.
pub fn next_header(profile: &Profile, old: &Profile, from: &str) -> String {
    format!(
        "{}, {} edition, started by `profilec new --from {from}` from the {} edition. Every answer is still the {} edition's and is marked `carried_over_from`: its documents say so beside its status, and `profilec validate` warns, until you check it against current sources, update its text and `sources`, and delete the mark. The comments of {from} were not copied: read them there.",
        profile.country.name, profile.edition, old.edition, old.edition
    )
}

/// The YAML of a profile, with `header` as its opening comment, the
/// catalogue's question above each indicator, and examples where the
/// background or the sources are still empty.
pub fn to_yaml(profile: &Profile, catalogue: &Catalogue, header: &str) -> String {
    let mut out = String::new();
    out.push_str("# yaml-language-server: $schema=../schema/profile.schema.json\n#\n");
    comment(&mut out, "", header);
    line(
        &mut out,
        0,
        &format!("schema_edition: {}", scalar(&profile.schema_edition)),
    );
    emit::country(&mut out, &profile.country);
    comment(
        &mut out,
        "",
        "The year of this edition: the year of the newest source used.",
    );
    line(&mut out, 0, &format!("edition: {}", profile.edition));
    comment(
        &mut out,
        "",
        "The day this file was last brought up to date from its sources.",
    );
    line(
        &mut out,
        0,
        &format!("last_updated: {}", profile.last_updated),
    );
    comment(
        &mut out,
        "",
        &format!(
            "Who compiles and publishes this profile. Write `{}` only for its own documents: only they carry its disclaimer and name it as their author.",
            catalogue.publisher
        ),
    );
    line(
        &mut out,
        0,
        &format!("publisher: {}", scalar(&profile.publisher)),
    );
    background(&mut out, &profile.background);
    sources(&mut out, &profile.sources);
    for area in catalogue.areas() {
        let Some(answers) = profile.area(&area.key) else {
            continue;
        };
        out.push('\n');
        line(&mut out, 0, &format!("{}:", area.key));
        for spec in &area.indicators {
            let Some(answer) = answers.get(&spec.key) else {
                continue;
            };
            let question = match spec.asks.as_deref() {
                Some(asks) => format!("{}: {asks}", spec.numbered_heading()),
                None => spec.numbered_heading(),
            };
            comment(&mut out, "  ", &question);
            line(&mut out, 2, &format!("{}:", scalar(&spec.key)));
            indicator(&mut out, answer, spec.list == Some(NamedList::Instruments));
        }
    }
    out
}

fn background(out: &mut String, background: &Background) {
    if background.population.is_none() || background.internet_users.is_none() {
        comment(
            out,
            "",
            "Population and Internet use, each from a source with its date, for example:",
        );
        if background.population.is_none() {
            out.push_str(
                "#   population: {value: 10788000, source: United Nations Statistics Division, as_of: 2012-12}\n",
            );
        }
        if background.internet_users.is_none() {
            out.push_str(
                "#   internet_users: {percent: 82.17, source: ITU Statistics, as_of: 2013-12}\n",
            );
        }
        comment(
            out,
            "",
            "Until a figure is given, the document says there is no information.",
        );
    }
    emit::background(out, background);
}

fn sources(out: &mut String, sources: &BTreeMap<String, Source>) {
    if sources.is_empty() {
        comment(
            out,
            "",
            "Every document the profile cites, by an identifier of your choice, for example:",
        );
        for example in [
            "  national-strategy:",
            "    title: National Cybersecurity Strategy",
            "    publisher: Ministry of Digital Affairs",
            "    date: 2024-03          # for an undated document: not_before: 2023-10",
            "    url: https://example.org/strategy.pdf",
        ] {
            out.push_str("# ");
            out.push_str(example);
            out.push('\n');
        }
        line(out, 0, "sources: {}");
        return;
    }
    line(out, 0, "sources:");
    for (id, source) in sources {
        line(out, 2, &format!("{}:", scalar(id)));
        line(out, 4, &format!("title: {}", scalar(&source.title)));
        let optional = [
            ("publisher", source.publisher.as_deref().map(scalar)),
            ("contributor", source.contributor.as_deref().map(scalar)),
            ("date", source.date.map(|d| d.to_string())),
            ("not_before", source.not_before.map(|d| d.to_string())),
            ("url", source.url.as_deref().map(scalar)),
            ("retrieved", source.retrieved.map(|d| d.to_string())),
            ("dataset", source.dataset.as_deref().map(scalar)),
        ];
        for (key, value) in optional {
            if let Some(value) = value {
                line(out, 4, &format!("{key}: {value}"));
            }
        }
        list(out, "files", &source.files, true);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::check_source;
    use crate::load::SourceFile;
    use crate::validate::Validator;

    fn validator() -> &'static Validator<'static> {
        Validator::builtin().expect("the built-in catalogues")
    }

    fn today() -> Date {
        Date::new(2026, 5, 4).unwrap()
    }

    #[test]
    fn a_country_is_found_by_name_or_either_code() {
        for text in ["Belgium", "BELGIUM", "be", "BE", "bel", "BEL", " Belgium "] {
            assert_eq!(find_country(text).map(|c| c.alpha3), Some("BEL"), "{text}");
        }
        assert_eq!(find_country("Viet Nam").map(|c| c.alpha2), Some("VN"));
        assert_eq!(find_country("Côte d'Ivoire").map(|c| c.alpha2), Some("CI"));
        assert_eq!(
            find_country("Republic of Korea").map(|c| c.alpha2),
            Some("KR")
        );
        for text in ["Atlantis", "XX", "XYZ", "", "B3"] {
            assert!(find_country(text).is_none(), "{text}");
        }
    }

    #[test]
    fn a_blank_profile_validates_with_warnings_only_and_invents_nothing() {
        let catalogue = validator().catalogues().get("cyberwellness-2015").unwrap();
        let country = find_country("KOR").unwrap();
        let profile = blank_profile(catalogue, country, 2026, today(), "Example CERT");
        assert_eq!(profile.country.name, "Republic of Korea");
        let yaml = to_yaml(&profile, catalogue, &blank_header(&profile, catalogue));
        let checked = check_source(
            SourceFile::new("new.yaml", yaml.as_str()),
            validator(),
            today(),
        );
        assert!(
            checked.profile.is_some(),
            "{yaml}\n{:?}",
            checked.diagnostics
        );
        assert!(checked.diagnostics.iter().all(|d| !d.is_error()));
        let back = checked.profile.unwrap();
        let back = back.cyberwellness().unwrap();
        assert_eq!(back, &profile, "the YAML reads back as the profile");
        assert!(
            back.areas()
                .all(|(_, a)| a.values().all(|i| i.status == Status::Unknown))
        );
        assert_eq!(
            back.areas().map(|(_, a)| a.len()).sum::<usize>(),
            catalogue.len()
        );
        assert!(back.background.population.is_none() && back.sources.is_empty());
        // The catalogue's question above each indicator.
        assert!(
            yaml.contains("  # 1.2.1 CIRT: Is there an officially recognized national CIRT?"),
            "{yaml}"
        );
    }

    #[test]
    fn the_next_edition_keeps_every_statement_and_marks_it() {
        let catalogue = validator().catalogues().get("cyberwellness-2015").unwrap();
        let old = check_source(
            SourceFile::new("belgium.yaml", include_str!("../profiles/belgium.yaml")),
            validator(),
            today().max(Date::new(2026, 11, 23).unwrap()),
        )
        .profile
        .unwrap();
        let old = old.cyberwellness().unwrap();
        let later = Date::new(2027, 1, 15).unwrap();
        let new = next_edition(old, 2027, later, "Example CERT");
        let yaml = to_yaml(&new, catalogue, &next_header(&new, old, "belgium.yaml"));
        let checked = check_source(
            SourceFile::new("next.yaml", yaml.as_str()),
            validator(),
            later,
        );
        let back = checked
            .profile
            .clone()
            .unwrap_or_else(|| panic!("{yaml}\n{:?}", checked.diagnostics));
        let back = back.cyberwellness().unwrap();
        assert_eq!(back, &new, "the YAML reads back as the profile");
        assert_eq!(back.sources, old.sources);
        assert_eq!(back.background, old.background);
        for ((_, a), (_, b)) in old.areas().zip(back.areas()) {
            for (key, answer) in a {
                let carried = &b[key];
                assert_eq!(carried.carried_over_from, Some(2021));
                assert_eq!(
                    Indicator {
                        carried_over_from: None,
                        ..carried.clone()
                    },
                    *answer
                );
            }
        }
        let warnings = checked
            .diagnostics
            .iter()
            .filter(|d| d.code == crate::diag::Code::CarriedOver)
            .count();
        assert_eq!(warnings, 21);
        // Carried over again, an answer keeps the edition it came from.
        let again = next_edition(back, 2028, later, "Example CERT");
        assert!(
            again
                .legal
                .values()
                .all(|i| i.carried_over_from == Some(2021))
        );
    }
}
