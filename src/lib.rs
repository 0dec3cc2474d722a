//! profilec compiles ITU cyberwellness profiles: country reports on
//! cybersecurity and child online protection, kept as one YAML file per
//! country and edition.
//!
//! The library does the work; the `profilec` binary only parses arguments and
//! maps outcomes to exit codes. The stages, one module each:
//!
//! | module | owns |
//! | --- | --- |
//! | [`model`] | the `Profile` types (serde) |
//! | [`schema`] | the ITU catalogue of each edition, the country table, the JSON Schema |
//! | [`load`] | files and folders, YAML parsing, positions (the only YAML user) |
//! | [`validate`] | every rule, all problems at once (pure) |
//! | [`diag`] | diagnostics and their printers |
//! | [`check`] | load + validate, for every command |
//! | [`diff`] | two profiles → changes per indicator, and the report of them (pure) |
//! | [`render`] | view structs, Tera templates, Markdown and HTML |
//! | [`pdf`] | the typesetter (pure layout) and the PDF export |
//! | [`serve`] | the preview server of `profilec serve`: static files on 127.0.0.1, live reload |
//! | [`site`] | many profiles → the pages, matrix, search index and feeds of a static site |
//! | [`output`] | atomic writes; the only file writer |
//! | [`import`] | legacy ITU text (or PDF) → `Profile` and YAML (pure) |
//! | [`scaffold`] | a new profile to fill in, or the next edition of one, as commented YAML (pure) |
//! | [`commands`] | what each subcommand does, without the argument parser |
//!
//! ```
//! use profilec::check::check_source;
//! use profilec::load::SourceFile;
//! use profilec::model::Date;
//! use profilec::render::{self, MarkdownRenderer, Renderer, Sentences, Templates};
//! use profilec::validate::Validator;
//!
//! // Load and validate.
//! let text = include_str!("../profiles/belgium-2015.yaml");
//! let validator = Validator::builtin().expect("the built-in catalogues");
//! let today = Date::new(2026, 1, 1).expect("a real date");
//! let checked = check_source(SourceFile::new("belgium-2015.yaml", text), validator, today);
//! let profile = checked.profile.expect("the shipped profile is valid");
//! assert_eq!(profile.country().alpha3, "BEL");
//! let cyberwellness = profile.cyberwellness().expect("a Cyberwellness Profile");
//! assert_eq!(cyberwellness.technical["cirt"].agencies[0], "CERT.be");
//!
//! // Render.
//! let templates = Templates::builtin().expect("the built-in templates");
//! let sentences = Sentences::builtin().expect("the catalogues' sentences");
//! let prepared = render::prepare(&profile, validator.catalogues(), &templates, sentences)
//!     .expect("a document");
//! let markdown = MarkdownRenderer
//!     .render(&prepared.context(&profile, &templates))
//!     .expect("Markdown");
//! assert!(String::from_utf8(markdown).unwrap().contains("CERT.be"));
//! ```

pub mod check;
pub mod commands;
pub mod diag;
pub mod diff;
pub mod import;
pub mod load;
pub mod model;
pub mod output;
pub mod pdf;
pub mod render;
pub mod scaffold;
pub mod schema;
pub mod serve;
pub mod site;
pub mod validate;
pub mod wording;

/// A valid profile's text, for the unit tests of stages that need one.
#[cfg(test)]
pub(crate) fn common_test_profile() -> &'static str {
    include_str!("../profiles/belgium-2015.yaml")
}
