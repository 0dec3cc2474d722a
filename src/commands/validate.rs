//! `profilec validate [PATH...]`: check profiles and report every problem.

use std::path::PathBuf;

use super::{Exit, Output, Stop, finish, validator};
use crate::check::Batch;
use crate::diag::{self, Summary};
use crate::model::Date;

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
    let result = run(options, out);
    finish(out, result)
}

fn run(options: &ValidateOptions, out: &mut Output) -> Result<Exit, Stop> {
    let batch = Batch::collect_and_check(&options.paths, validator()?, options.today);
    let diagnostics = batch.diagnostics();
    let summary = Summary::of(batch.files.len(), &diagnostics);
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
    Ok(batch.verdict.exit())
}
