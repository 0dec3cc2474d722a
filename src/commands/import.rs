//! `profilec import LEGACY [-o FILE]`: a legacy ITU profile (its text, or
//! the PDF) to a validated profile YAML.
//!
//! The reading and writing happen here; turning the text into a profile is
//! [`crate::import`]'s, and checking the result is `validate`'s: nothing is
//! written unless the YAML, read back, validates. A file is written by
//! [`crate::output`] (a temporary file in the same folder, then a rename), so
//! it is either the whole new profile or what was there before.

use std::io::Read;
use std::path::{Path, PathBuf};

use super::{Exit, Output, validator};
use crate::check::check_source;
use crate::diag::{Code, Diagnostic};
use crate::import::{self, pdf};
use crate::load::{self, SourceFile, source_from_bytes};
use crate::model::Date;
use crate::output::write_atomic;

/// The edition the ITU's legacy profiles follow.
pub const LEGACY_EDITION: &str = "cyberwellness-2015";

pub use crate::import::MAX_LEGACY_BYTES;

/// What to import and where to write it.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// The legacy profile: text extracted by `pdftotext`, or the PDF.
    pub legacy: PathBuf,
    /// Where to write the YAML; standard output when `None`.
    pub output: Option<PathBuf>,
    /// The profile's last-updated date, for a text without a readable
    /// "Last updated on" line (see [`import::Options`]).
    pub last_updated: Option<Date>,
    /// How a PDF's text is extracted: the command line reads PDFs in a
    /// child process ([`pdf::Reader::Child`]).
    pub pdf_reader: pdf::Reader,
    /// The date against which the imported profile is validated.
    pub today: Date,
}

/// Imports a legacy profile. Exit 0 when a valid profile was written (with
/// warnings for what was guessed), 1 when the input is refused (too large,
/// not a profile, a PDF that cannot be read safely, a part every profile
/// needs missing), 2 when a file cannot be read or written.
pub fn import(options: &ImportOptions, out: &mut Output) -> Exit {
    let validator = match validator() {
        Ok(validator) => validator,
        Err(stop) => return out.stop(stop),
    };
    let Some(catalogue) = validator.catalogues().get(LEGACY_EDITION) else {
        out.diagnostics(&[Diagnostic::error(
            Code::Internal,
            format!("the embedded catalogue {LEGACY_EDITION} is missing"),
        )
        .with_hint("this is a defect in profilec: please report it")]);
        return Exit::Error;
    };
    let name = options.legacy.display().to_string();
    if let Some(date) = options.last_updated
        && date > options.today
    {
        out.diagnostics(&[Diagnostic::error(
            Code::FutureDate,
            format!(
                "--last-updated {date} is in the future (today is {})",
                options.today
            ),
        )
        .with_hint("give the date printed at the end of the document, as YYYY-MM-DD")]);
        return Exit::Error;
    }
    if let Some(output) = &options.output
        && let Some(problem) = output_problem(&options.legacy, output)
    {
        out.diagnostics(&[problem]);
        return Exit::Error;
    }

    let bytes = match read_limited(&options.legacy) {
        Ok(bytes) => bytes,
        Err(diagnostic) => {
            // Too large is invalid input, like any other refused document;
            // a file that cannot be read is an I/O error.
            let exit = if diagnostic.code == Code::FileTooLarge {
                Exit::Failure
            } else {
                Exit::Error
            };
            out.diagnostics(&[*diagnostic]);
            return exit;
        }
    };
    let is_pdf = bytes.starts_with(b"%PDF-")
        || options
            .legacy
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("pdf"));
    let text = if is_pdf {
        match options.pdf_reader.extract_text(&bytes) {
            Ok(text) => text,
            Err(error) => {
                let (code, exit, hint) = match error {
                    pdf::PdfError::NoText => (
                        Code::NoTextLayer,
                        Exit::Failure,
                        "run OCR on it first (for example `ocrmypdf in.pdf out.pdf`), or give the text of the profile",
                    ),
                    pdf::PdfError::Unreadable(_) => (
                        Code::BadPdf,
                        Exit::Failure,
                        "check that the file is the ITU's PDF and opens in a PDF viewer; or extract its text with `pdftotext -layout` and import that",
                    ),
                    pdf::PdfError::Unsafe(_) => (
                        Code::BadPdf,
                        Exit::Failure,
                        "the PDF is damaged or made to harm PDF readers, so profilec stopped reading it; if it is an ITU profile, extract its text with `pdftotext -layout` and import that",
                    ),
                    pdf::PdfError::NoReader { .. } => (
                        Code::Io,
                        Exit::Error,
                        "profilec reads PDFs by running itself again; check that the `profilec` program is still where it was started from, or import the text of the PDF (`pdftotext -layout`)",
                    ),
                };
                out.diagnostics(&[Diagnostic::error(code, error.to_string())
                    .with_hint(hint)
                    .in_file(name)]);
                return exit;
            }
        }
    } else {
        match source_from_bytes(name.clone(), bytes) {
            Ok(source) => source.text,
            Err(diagnostic) => {
                out.diagnostics(&[diagnostic]);
                return Exit::Failure;
            }
        }
    };

    let settings = import::Options {
        last_updated: options.last_updated,
        today: Some(options.today),
    };
    let imported = match import::import(&name, &text, catalogue, &settings) {
        Ok(imported) => imported,
        Err(errors) => {
            out.diagnostics(&errors);
            return Exit::Failure;
        }
    };
    let mut warnings = imported.warnings.clone();
    if is_pdf {
        // Line numbers of text extracted from a PDF point nowhere a person
        // can look; the messages name the indicators instead.
        for warning in &mut warnings {
            warning.location = None;
            warning.line_text = None;
        }
    }
    let yaml = import::to_yaml(&imported, catalogue);

    let label = options.output.as_ref().map_or_else(
        || "(imported profile)".to_owned(),
        |p| p.display().to_string(),
    );
    let checked = check_source(
        SourceFile::new(label, yaml.as_str()),
        validator,
        options.today,
    );
    warnings.extend(checked.diagnostics.iter().cloned());
    out.diagnostics(&warnings);
    if checked.profile.is_none() {
        out.diagnostics(&[Diagnostic::error(
            Code::Internal,
            "the imported profile does not validate (the errors above), so nothing was written",
        )
        .with_hint("this is a defect in profilec: please report it with this file")
        .in_file(name)]);
        return Exit::Failure;
    }

    match &options.output {
        None => {
            // Say "imported" only once the YAML is really out.
            out.out(&yaml);
            if let Err(stop) = out.commit() {
                return out.stop(stop);
            }
        }
        Some(path) => {
            if let Err(diagnostic) = write_atomic(path, yaml.as_bytes()) {
                out.diagnostics(&[diagnostic]);
                return Exit::Error;
            }
        }
    }
    let tally = imported.tally;
    let country = &imported.profile.country.name;
    let written = options
        .output
        .as_ref()
        .map_or_else(String::new, |p| format!("; wrote {}", p.display()));
    out.err(&format!(
        "imported {country} ({LEGACY_EDITION}): {} indicators from standard sentences, {} with a guessed status, {} missing{written}\n",
        tally.standard, tally.guessed, tally.missing
    ));
    Exit::Success
}

/// `profilec __extract-pdf`, the child process that reads a PDF for
/// `import` ([`pdf::Reader::Child`]): a PDF on `input`, its text on standard
/// output, under limits (see [`pdf::sandbox`]). Exit 0 when an answer was
/// written, whatever it is; 2 when it could not be.
pub fn extract_pdf(input: &mut dyn Read, out: &mut Output) -> Exit {
    match pdf::sandbox::serve(input, out.stdout) {
        Ok(()) => Exit::Success,
        Err(error) => {
            out.err(&format!(
                "error: cannot read the PDF or write its text: {error}\n"
            ));
            Exit::Error
        }
    }
}

/// Why `output` cannot be written, before any work is done.
fn output_problem(legacy: &Path, output: &Path) -> Option<Diagnostic> {
    let same = match (legacy.canonicalize(), output.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    if same {
        return Some(
            Diagnostic::error(
                Code::Io,
                format!("`{}` is the legacy document itself", output.display()),
            )
            .with_hint("give another file for the YAML, e.g. `-o profiles/COUNTRY-YEAR.yaml`"),
        );
    }
    if output.is_dir() {
        return Some(
            Diagnostic::error(Code::Io, format!("`{}` is a folder", output.display()))
                .with_hint("give a file name, e.g. `-o profiles/COUNTRY-YEAR.yaml`"),
        );
    }
    None
}

/// Reads the legacy document as profilec reads any file (a FIFO or a
/// device refused, not waited on), its size told in import's words.
fn read_limited(path: &Path) -> Result<Vec<u8>, Box<Diagnostic>> {
    load::read_limited(path, MAX_LEGACY_BYTES, "the text file or the PDF of one legacy profile")
        .map_err(|d| {
            Box::new(if d.code == Code::FileTooLarge {
                // The size of what is imported, in its own words.
                Diagnostic::error(
                    Code::FileTooLarge,
                    format!(
                        "the file is larger than {} MiB, far more than the text or the PDF of a profile",
                        MAX_LEGACY_BYTES / (1024 * 1024)
                    ),
                )
                .with_hint("give the text or the PDF of one ITU Cyberwellness Profile (its text is a few kilobytes, its PDF a few hundred)")
                .in_file(path.display().to_string())
            } else {
                d
            })
        })
}
