//! `profilec diff OLD NEW`: what changed between two profiles, indicator by
//! indicator. Like `diff`, it exits 0 when there is no difference, 1 when
//! there are differences and 2 on error (an unreadable or invalid file, or
//! profiles of two editions of the ITU schema).

use std::path::PathBuf;

use super::{Exit, Output};
use crate::check::check_path;
use crate::diag::{Code, Diagnostic, Summary};
use crate::diff::{self, DiffError, Input};
use crate::model::Date;
use crate::schema::Catalogues;

/// The output forms of `diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DiffFormat {
    /// A report for the terminal (colored when standard output is one).
    #[default]
    Text,
    /// The report as JSON (`docs/diff-json.md`).
    Json,
}

/// What to compare and how to show it.
#[derive(Debug, Clone)]
pub struct DiffOptions {
    /// The old profile.
    pub old: PathBuf,
    /// The new profile.
    pub new: PathBuf,
    /// The output form.
    pub format: DiffFormat,
    /// Show unchanged indicators too.
    pub all: bool,
    /// Show only the summary per area.
    pub stat: bool,
    /// The date against which "in the future" is judged when validating.
    pub today: Date,
}

/// Validates both profiles, compares them and prints the report on standard
/// output. Diagnostics of an invalid file go to standard error.
pub fn diff(options: &DiffOptions, out: &mut Output) -> Exit {
    let catalogues = match Catalogues::builtin() {
        Ok(catalogues) => catalogues,
        Err(e) => {
            out.err(&format!("error: {e}\n"));
            return Exit::Error;
        }
    };
    let old = check_path(&options.old, catalogues, options.today);
    let new = check_path(&options.new, catalogues, options.today);
    let (Some(old_profile), Some(new_profile)) = (&old.profile, &new.profile) else {
        // Report every problem of every invalid file; the warnings of a
        // valid file are `validate`'s business, not the diff's.
        let mut diagnostics: Vec<Diagnostic> = Vec::new();
        let mut files = 0;
        for checked in [&old, &new] {
            if checked.profile.is_none() {
                diagnostics.extend(checked.diagnostics.iter().cloned());
                files += 1;
            }
        }
        out.diagnostics(&diagnostics);
        out.err(&format!(
            "{}; nothing compared\n",
            Summary::of(files, &diagnostics)
        ));
        return Exit::Error;
    };

    let report = match diff::diff(
        Input {
            file: &old.name,
            profile: old_profile,
        },
        Input {
            file: &new.name,
            profile: new_profile,
        },
        catalogues,
    ) {
        Ok(report) => report,
        Err(error) => {
            let (code, hint) = match &error {
                DiffError::EditionMismatch { .. } => (
                    Code::EditionMismatch,
                    "profilec compares profiles of one edition only, until crosswalks between editions exist; compare each profile with one of its own edition",
                ),
                DiffError::UnknownEdition { .. } => (
                    Code::UnknownEdition,
                    "run `profilec validate` on the file to see which editions are known",
                ),
            };
            let diagnostic = Diagnostic::error(code, error.to_string())
                .with_hint(hint)
                .in_file(new.name.clone());
            out.diagnostics(&[diagnostic]);
            return Exit::Error;
        }
    };
    let identical = report.identical;
    let report = if options.stat {
        report.stat_only()
    } else if options.all {
        report
    } else {
        report.changed_only()
    };

    match options.format {
        DiffFormat::Text if options.stat => {
            out.out(&diff::text::render_stat(&report, out.stdout_color));
        }
        DiffFormat::Text => out.out(&diff::text::render(&report, out.stdout_color)),
        DiffFormat::Json => match serde_json::to_string_pretty(&report) {
            Ok(json) => {
                out.out(&json);
                out.out("\n");
            }
            Err(e) => {
                out.err(&format!("error: cannot write the report as JSON: {e}\n"));
                return Exit::Error;
            }
        },
    }
    if identical {
        Exit::Success
    } else {
        Exit::Failure
    }
}
