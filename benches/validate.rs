//! Load + validate, per profile: parse the YAML, check it against the JSON
//! Schema and the catalogue, locate the diagnostics.
//!
//! Run with `cargo bench --bench validate`.

use profilec::check::check_source;
use profilec::load::SourceFile;
use profilec::model::Date;
use profilec::validate::Validator;

fn main() {
    divan::main();
}

const BELGIUM_2015: &str = include_str!("../profiles/belgium-2015.yaml");
const COMPACT: &str = include_str!("../tests/fixtures/valid/compact.yaml");
const INVALID: &str = include_str!("../tests/fixtures/invalid/misspelled-field.yaml");

fn today() -> Date {
    Date::new(2026, 1, 1).expect("a real date")
}

/// The shipped Belgian 2015 profile (free text, every indicator).
#[divan::bench]
fn belgium_2015(bencher: divan::Bencher) {
    let validator = Validator::builtin().expect("the built-in catalogues");
    bencher.bench(|| {
        let checked = check_source(
            SourceFile::new("belgium-2015.yaml", BELGIUM_2015),
            validator,
            today(),
        );
        assert!(checked.profile.is_some());
        checked
    });
}

/// A compact profile in flow style.
#[divan::bench]
fn compact(bencher: divan::Bencher) {
    let validator = Validator::builtin().expect("the built-in catalogues");
    bencher.bench(|| check_source(SourceFile::new("compact.yaml", COMPACT), validator, today()));
}

/// A profile with one error, located and explained.
#[divan::bench]
fn invalid(bencher: divan::Bencher) {
    let validator = Validator::builtin().expect("the built-in catalogues");
    bencher.bench(|| check_source(SourceFile::new("invalid.yaml", INVALID), validator, today()));
}
