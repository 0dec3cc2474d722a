//! Rendering one profile: the view and Markdown document, then the HTML
//! page made from it. Loading and validation are outside the timed part.
//!
//! Run with `cargo bench --bench render`.

use profilec::check::check_source;
use profilec::load::SourceFile;
use profilec::model::{AnyProfile, Date};
use profilec::render::{self, HtmlRenderer, Renderer, Sentences, Templates};
use profilec::validate::Validator;

fn main() {
    divan::main();
}

fn belgium() -> AnyProfile {
    let validator = Validator::builtin().expect("the built-in catalogues");
    let text = include_str!("../profiles/belgium-2015.yaml");
    let today = Date::new(2026, 1, 1).expect("a real date");
    check_source(SourceFile::new("belgium-2015.yaml", text), validator, today)
        .profile
        .expect("a valid profile")
}

/// Profile → Markdown (view, standard sentences, template).
#[divan::bench]
fn markdown(bencher: divan::Bencher) {
    let profile = belgium();
    let catalogues = Validator::builtin().expect("validator").catalogues();
    let templates = Templates::builtin().expect("built-in templates");
    let sentences = Sentences::builtin().expect("sentences");
    bencher
        .bench(|| render::prepare(&profile, catalogues, &templates, sentences).expect("renders"));
}

/// Profile → Markdown → HTML page.
#[divan::bench]
fn html(bencher: divan::Bencher) {
    let profile = belgium();
    let catalogues = Validator::builtin().expect("validator").catalogues();
    let templates = Templates::builtin().expect("built-in templates");
    let sentences = Sentences::builtin().expect("sentences");
    bencher.bench(|| {
        let prepared =
            render::prepare(&profile, catalogues, &templates, sentences).expect("renders");
        HtmlRenderer
            .render(&prepared.context(&profile, &templates))
            .expect("renders")
    });
}
