//! A property test of the whole import, run by `cargo test`: texts made by
//! mutating real legacy texts (cut short, spliced, lines dropped, swapped or
//! repeated, bytes and words changed, headings and dates inserted) never
//! make `import` panic, and give either errors or a profile whose YAML
//! validates.
//!
//! proptest runs 256 cases by default from a fixed seed, so that every run
//! of the suite tries the same texts; `PROPTEST_CASES` and
//! `PROPTEST_RNG_SEED` ask for a longer or another search. A failing text is
//! shrunk to a small change of its base. Its mutations are built from the legacy
//! texts of `tests/fixtures/import/`, so every case is near a profile: that
//! is where the importer's decisions are.

use proptest::prelude::*;

use super::*;
use crate::check::check_source;
use crate::load::SourceFile;
use crate::schema::Catalogues;

const BASES: [&str; 5] = [
    include_str!("../../tests/fixtures/import/belgium-2015.txt"),
    include_str!("../../tests/fixtures/import/belgium-2015-pdftotext.txt"),
    include_str!("../../tests/fixtures/import/belgium-2015-rewrapped.txt"),
    include_str!("../../tests/fixtures/import/fictional-cote-divoire.txt"),
    include_str!("../../tests/fixtures/import/fictional-viet-nam.txt"),
];

/// Words that steer the importer: headings, labels, dates, figures, the
/// furniture of extractions, and characters that are hard to escape.
const WORDS: [&str; 28] = [
    "CYBERWELLNESS PROFILE",
    "BELGIUM",
    "BACKGROUND",
    "1.1.1 CRIMINAL LEGISLATION",
    "1.2.1 CIRT",
    "2.4 REPORTING MECHANISM",
    "1.",
    "1.1 LEGAL MEASURES",
    "Last updated on ",
    "2nd February 2015",
    "31st February 2015",
    "December 2099",
    "(data source: ",
    "Total Population: ",
    "Internet users, percentage of population: ",
    "182 %",
    "99999999999999999999",
    "DISCLAIMER:",
    "----------------------- Page 2-----------------------",
    "\u{c}",
    "\r\n",
    "- ",
    "Belgium has an officially recognized ",
    "There is no information on ",
    "does not have",
    "*_`[]<>&\"'#:{}|",
    "\u{feff}é\u{301}\u{200b}\u{202e}",
    "\t",
];

/// One change to a text; positions are fractions of its length, so a
/// change applies to any text.
#[derive(Debug, Clone)]
enum Mutation {
    /// Keep the text up to here (an extraction that lost its end).
    Truncate(f64),
    /// Remove a range.
    Delete(f64, f64),
    /// Insert one of [`WORDS`].
    InsertWord(f64, usize),
    /// Insert arbitrary text.
    Insert(f64, String),
    /// Copy a range to another place.
    Splice(f64, f64, f64),
    /// Drop one line.
    DropLine(f64),
    /// Swap two lines.
    SwapLines(f64, f64),
    /// Replace one character by another.
    Replace(f64, char),
    /// Replace the first digit from here by another: figures and dates.
    Digit(f64, char),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let at = 0.0..1.0f64;
    prop_oneof![
        at.clone().prop_map(Mutation::Truncate),
        (at.clone(), 0.0..0.2f64).prop_map(|(a, b)| Mutation::Delete(a, b)),
        (at.clone(), 0..WORDS.len()).prop_map(|(a, w)| Mutation::InsertWord(a, w)),
        (at.clone(), ".{0,40}").prop_map(|(a, s)| Mutation::Insert(a, s)),
        (at.clone(), 0.0..0.2f64, at.clone()).prop_map(|(a, b, c)| Mutation::Splice(a, b, c)),
        at.clone().prop_map(Mutation::DropLine),
        (at.clone(), at.clone()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        (at.clone(), any::<char>()).prop_map(|(a, c)| Mutation::Replace(a, c)),
        (at, proptest::char::range('0', '9')).prop_map(|(a, d)| Mutation::Digit(a, d)),
    ]
}

/// The char boundary nearest below `fraction` of `text`.
fn boundary(text: &str, fraction: f64) -> usize {
    let mut at = ((text.len() as f64) * fraction.clamp(0.0, 1.0)) as usize;
    while at > 0 && !text.is_char_boundary(at) {
        at -= 1;
    }
    at.min(text.len())
}

fn apply(text: &mut String, mutation: &Mutation) {
    match mutation {
        Mutation::Truncate(at) => {
            let at = boundary(text, *at);
            text.truncate(at);
        }
        Mutation::Delete(at, length) => {
            let start = boundary(text, *at);
            let end = boundary(text, at + length).max(start);
            text.replace_range(start..end, "");
        }
        Mutation::InsertWord(at, word) => {
            let at = boundary(text, *at);
            text.insert_str(at, WORDS[*word]);
        }
        Mutation::Insert(at, inserted) => {
            let at = boundary(text, *at);
            text.insert_str(at, inserted);
        }
        Mutation::Splice(from, length, to) => {
            let start = boundary(text, *from);
            let end = boundary(text, from + length).max(start);
            let piece = text[start..end].to_owned();
            let to = boundary(text, *to);
            text.insert_str(to, &piece);
        }
        Mutation::DropLine(at) | Mutation::SwapLines(at, _) => {
            let mut lines: Vec<&str> = text.split('\n').collect();
            let i = ((lines.len() as f64) * at) as usize % lines.len();
            if let Mutation::SwapLines(_, other) = mutation {
                let j = ((lines.len() as f64) * other) as usize % lines.len();
                lines.swap(i, j);
            } else {
                lines.remove(i);
            }
            *text = lines.join("\n");
        }
        Mutation::Digit(at, digit) => {
            let start = boundary(text, *at);
            if let Some(offset) = text[start..].find(|c: char| c.is_ascii_digit()) {
                let at = start + offset;
                text.replace_range(at..=at, digit.encode_utf8(&mut [0; 4]));
            }
        }
        Mutation::Replace(at, c) => {
            let at = boundary(text, *at);
            if let Some(old) = text[at..].chars().next() {
                text.replace_range(at..at + old.len_utf8(), c.encode_utf8(&mut [0; 4]));
            }
        }
    }
}

fn today() -> Date {
    Date::new(2026, 1, 1).expect("a date")
}

fn catalogues() -> &'static Catalogues {
    Catalogues::builtin().expect("catalogues")
}

/// The property: errors, or YAML that validates.
fn check(text: &str, options: &Options) -> Result<(), TestCaseError> {
    let catalogue = catalogues()
        .get("cyberwellness-2015")
        .expect("the 2015 edition");
    match import("fuzz.txt", text, catalogue, options) {
        Err(errors) => {
            prop_assert!(
                errors.iter().any(Diagnostic::is_error),
                "a refusal without an error: {errors:#?}"
            );
        }
        Ok(imported) => {
            let yaml = to_yaml(&imported, catalogue);
            let checked = check_source(
                SourceFile::new("fuzz.yaml", yaml.as_str()),
                crate::validate::Validator::builtin().expect("a validator"),
                today(),
            );
            let errors: Vec<_> = checked
                .diagnostics
                .iter()
                .filter(|d| d.is_error())
                .collect();
            prop_assert!(
                errors.is_empty() && checked.profile.is_some(),
                "the imported YAML does not validate: {errors:#?}\n--- the YAML:\n{yaml}\n--- the text:\n{text}"
            );
        }
    }
    Ok(())
}

/// proptest's configuration from its environment variables, with a fixed
/// seed unless `PROPTEST_RNG_SEED` gives one: `cargo test` runs the same
/// cases every time, and a longer search is asked for by name.
fn config() -> ProptestConfig {
    let mut config = ProptestConfig {
        // A failing case is reported shrunk; nothing is written to the
        // source tree.
        failure_persistence: None,
        ..ProptestConfig::default()
    };
    if config.rng_seed == proptest::test_runner::RngSeed::Random {
        config.rng_seed = proptest::test_runner::RngSeed::Fixed(13);
    }
    config
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn import_never_panics_and_gives_errors_or_a_valid_profile(
        base in 0..BASES.len(),
        mutations in prop::collection::vec(mutation(), 1..8),
        last_updated in prop::option::of((1990i16..2026, 1i8..13, 1i8..29)),
    ) {
        let mut text = BASES[base].to_owned();
        for mutation in &mutations {
            apply(&mut text, mutation);
        }
        let options = Options {
            last_updated: last_updated.and_then(|(y, m, d)| Date::new(y, m, d).ok()),
            today: Some(today()),
        };
        check(&text, &options)?;
    }
}
