//! The Belgian 2015 profile's PDF, made in-process from its Markdown
//! document: layout (line breaking, pagination, header and footer) and
//! export (font subsets, content streams, the structure tree, compression).
//! Loading, validation and the Markdown template are outside the timed
//! part. The PDF's size, tagged and untagged, is printed before the
//! timings; `export_tagged` against `export_untagged` is what tagging
//! costs.
//!
//! Run with `cargo bench --bench pdf` (the target: a fifth of typst's
//! ~15 ms for the same document, ~3 ms; under 150 KB).

use profilec::check::check_source;
use profilec::load::SourceFile;
use profilec::model::{AnyProfile, Date};
use profilec::pdf::export::{self, Metadata};
use profilec::pdf::{PdfRenderer, lay_out};
use profilec::render::{self, Prepared, Renderer, Sentences, Templates};
use profilec::validate::Validator;

fn main() {
    let (profile, templates, prepared) = belgium();
    let bytes = PdfRenderer::default()
        .render(&prepared.context(&profile, &templates))
        .expect("renders");
    println!("belgium-2015.pdf: {} bytes", bytes.len());
    let layout = lay_out(&prepared.context(&profile, &templates)).expect("lays out");
    let untagged = export::export_untagged(&layout, &metadata()).expect("exports");
    println!("belgium-2015.pdf untagged: {} bytes", untagged.len());
    divan::main();
}

fn metadata() -> Metadata {
    Metadata {
        title: "Cyberwellness Profile: Belgium (2015)".into(),
        author: "International Telecommunication Union (ITU)".into(),
        subject: "Cybersecurity and child online protection in Belgium".into(),
        keywords: vec!["cyberwellness".into(), "Belgium".into()],
        language: "en".into(),
        date: 1_422_835_200,
    }
}

fn belgium() -> (AnyProfile, Templates, Prepared) {
    let validator = Validator::builtin().expect("the built-in catalogues");
    let text = include_str!("../profiles/belgium-2015.yaml");
    let today = Date::new(2026, 1, 1).expect("a real date");
    let profile = check_source(SourceFile::new("belgium-2015.yaml", text), validator, today)
        .profile
        .expect("a valid profile");
    let templates = Templates::builtin().expect("built-in templates");
    let prepared = render::prepare(
        &profile,
        validator.catalogues(),
        &templates,
        Sentences::builtin().expect("sentences"),
    )
    .expect("renders");
    (profile, templates, prepared)
}

/// Markdown → PDF bytes: the whole PDF renderer.
#[divan::bench]
fn markdown_to_pdf(bencher: divan::Bencher) {
    let (profile, templates, prepared) = belgium();
    let context = prepared.context(&profile, &templates);
    bencher.bench(|| PdfRenderer::default().render(&context).expect("renders"));
}

/// Markdown → pages of positioned glyphs (the pure half).
#[divan::bench]
fn layout_only(bencher: divan::Bencher) {
    let (profile, templates, prepared) = belgium();
    let context = prepared.context(&profile, &templates);
    bencher.bench(|| lay_out(&context).expect("lays out"));
}

/// Pages of positioned glyphs → tagged PDF bytes (the export alone).
#[divan::bench]
fn export_tagged(bencher: divan::Bencher) {
    let (profile, templates, prepared) = belgium();
    let layout = lay_out(&prepared.context(&profile, &templates)).expect("lays out");
    let metadata = metadata();
    bencher.bench(|| export::export(&layout, &metadata).expect("exports"));
}

/// The same without the structure: what tagging costs is the difference.
#[divan::bench]
fn export_untagged(bencher: divan::Bencher) {
    let (profile, templates, prepared) = belgium();
    let layout = lay_out(&prepared.context(&profile, &templates)).expect("lays out");
    let metadata = metadata();
    bencher.bench(|| export::export_untagged(&layout, &metadata).expect("exports"));
}
