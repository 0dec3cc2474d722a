//! `profilec validate [PATH...]`: check profiles and report every problem.

use std::path::PathBuf;

use super::{Exit, Output};
use crate::check::check_path;
use crate::diag::{self, Code, Diagnostic, Summary};
use crate::load::collect_profiles;
use crate::model::Date;
use crate::schema::Catalogues;

/// How `validate` reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// Diagnostics for people, on standard error.
    #[default]
    Text,
    /// One JSON report on standard output, for CI.
    Json,
}

/// What to validate and how to report it.
#[derive(Debug, Clone)]
pub struct ValidateOptions {
    /// Files and folders; folders are searched recursively.
    pub paths: Vec<PathBuf>,
    /// Text or JSON.
    pub format: Format,
    /// The date against which "in the future" is judged.
    pub today: Date,
}

/// Validates every profile under `options.paths`, printing all problems and a
/// summary. Exit 0 when all are valid (warnings allowed), 1 when any is
/// invalid, 2 when a path cannot be read.
pub fn validate(options: &ValidateOptions, out: &mut Output) -> Exit {
    let catalogues = match Catalogues::builtin() {
        Ok(catalogues) => catalogues,
        Err(e) => {
            out.err(&format!("error: {e}\n"));
            return Exit::Error;
        }
    };
    let (files, mut diagnostics) = collect_profiles(&options.paths);
    if files.is_empty() && diagnostics.is_empty() {
        diagnostics.push(
            Diagnostic::error(Code::Io, "no profile files (*.yaml) found")
                .with_hint("give profile files, or folders that hold them"),
        );
    }
    for file in &files {
        diagnostics.extend(check_path(file, catalogues, options.today).diagnostics);
    }
    let summary = Summary::of(files.len(), &diagnostics);
    match options.format {
        Format::Text => {
            out.diagnostics(&diagnostics);
            out.err(&format!("{summary}\n"));
        }
        Format::Json => {
            out.out(&diag::render_json(summary, &diagnostics));
            out.out("\n");
        }
    }
    if diagnostics.iter().any(|d| d.code == Code::Io) {
        Exit::Error
    } else if summary.errors > 0 {
        Exit::Failure
    } else {
        Exit::Success
    }
}
