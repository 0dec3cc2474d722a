//! Diffing two profiles in memory: the Belgian 2015 profile against the
//! current one, parsed and validated once beforehand, so file I/O and
//! validation are not measured. The standard sentences are those of the
//! render stage, as `profilec diff` uses them.
//!
//! Run with `cargo bench --bench diff`.

use profilec::check::check_source;
use profilec::diff::{self, Input, Report};
use profilec::load::SourceFile;
use profilec::model::{AnyProfile, Date, Profile};
use profilec::validate::Validator;

fn main() {
    divan::main();
}

const BELGIUM_2015: &str = include_str!("../profiles/belgium-2015.yaml");
const BELGIUM: &str = include_str!("../profiles/belgium.yaml");

fn profile(name: &str, text: &str) -> Profile {
    let today = Date::new(2026, 11, 23).expect("a real date");
    let validator = Validator::builtin().expect("the built-in catalogues");
    match check_source(SourceFile::new(name, text), validator, today).profile {
        Some(AnyProfile::Cyberwellness(profile)) => profile,
        _ => panic!("the shipped profiles are valid Cyberwellness Profiles"),
    }
}

fn compare(old: &Profile, new: &Profile) -> Report {
    let validator = Validator::builtin().expect("the built-in catalogues");
    diff::diff(
        Input {
            file: "belgium-2015.yaml",
            profile: old,
        },
        Input {
            file: "belgium.yaml",
            profile: new,
        },
        validator.catalogues(),
        profilec::render::Sentences::builtin().expect("the catalogue's sentences compile"),
    )
    .expect("one edition")
}

/// The comparison itself: Belgium 2015 against the current edition.
#[divan::bench]
fn belgium_2015_to_current(bencher: divan::Bencher) {
    let old = profile("belgium-2015.yaml", BELGIUM_2015);
    let new = profile("belgium.yaml", BELGIUM);
    bencher.bench(|| compare(divan::black_box(&old), divan::black_box(&new)));
}

/// A profile against itself: the floor of the comparison.
#[divan::bench]
fn identical(bencher: divan::Bencher) {
    let old = profile("belgium-2015.yaml", BELGIUM_2015);
    bencher.bench(|| compare(divan::black_box(&old), divan::black_box(&old)));
}

/// The comparison and the text report, as `profilec diff` prints it.
#[divan::bench]
fn belgium_2015_to_current_as_text(bencher: divan::Bencher) {
    let old = profile("belgium-2015.yaml", BELGIUM_2015);
    let new = profile("belgium.yaml", BELGIUM);
    bencher.bench(|| {
        let report = compare(divan::black_box(&old), divan::black_box(&new)).changed_only();
        diff::text::render(&report, false)
    });
}

/// The comparison and the JSON report.
#[divan::bench]
fn belgium_2015_to_current_as_json(bencher: divan::Bencher) {
    let old = profile("belgium-2015.yaml", BELGIUM_2015);
    let new = profile("belgium.yaml", BELGIUM);
    bencher.bench(|| {
        let report = compare(divan::black_box(&old), divan::black_box(&new)).changed_only();
        serde_json::to_string_pretty(&report).expect("serializable")
    });
}
