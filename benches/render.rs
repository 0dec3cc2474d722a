//! Rendering one profile: the view and Markdown document, then the HTML
//! page made from it. Loading and validation are outside the timed part.
//!
//! Run with `cargo bench --bench render`.

use profilec::check::check_source;
use profilec::load::SourceFile;
use profilec::model::{Date, Profile};
use profilec::render::{self, HtmlRenderer, RenderContext, Renderer, Templates};
use profilec::schema::Catalogue;
use profilec::validate::Validator;

fn main() {
    divan::main();
}

fn belgium() -> (Profile, &'static Catalogue) {
    let validator = Validator::builtin().expect("the built-in catalogues");
    let text = include_str!("../profiles/belgium-2015.yaml");
    let today = Date::new(2026, 1, 1).expect("a real date");
    let profile = check_source(SourceFile::new("belgium-2015.yaml", text), validator, today)
        .profile
        .expect("a valid profile");
    let catalogue = validator
        .catalogues()
        .get(&profile.schema_edition)
        .expect("its catalogue");
    (profile, catalogue)
}

/// Profile → Markdown (view, standard sentences, template).
#[divan::bench]
fn markdown(bencher: divan::Bencher) {
    let (profile, catalogue) = belgium();
    let templates = Templates::builtin().expect("built-in templates");
    bencher.bench(|| {
        render::prepare(
            &profile,
            catalogue,
            &templates,
            render::Sentences::builtin().expect("sentences"),
        )
        .expect("renders")
    });
}

/// Profile → Markdown → HTML page.
#[divan::bench]
fn html(bencher: divan::Bencher) {
    let (profile, catalogue) = belgium();
    let templates = Templates::builtin().expect("built-in templates");
    bencher.bench(|| {
        let prepared = render::prepare(
            &profile,
            catalogue,
            &templates,
            render::Sentences::builtin().expect("sentences"),
        )
        .expect("renders");
        let context = RenderContext {
            profile: &profile,
            catalogue,
            view: &prepared.view,
            markdown: &prepared.markdown,
            templates: &templates,
        };
        HtmlRenderer.render(&context).expect("renders")
    });
}
