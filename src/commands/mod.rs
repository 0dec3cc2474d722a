//! What each subcommand does, given plain options (the library never sees
//! the argument parser). Each command writes to the [`Output`] it is handed
//! and returns an [`Exit`]; `main` turns that into the process exit code.

mod build;
mod diff;
mod import;
mod schema;
mod serve;
mod site;
mod validate;

pub use build::{BuildOptions, Destination, DocFormat, build};
pub use diff::{DiffFormat, DiffOptions, GitDiffOptions, diff, git_diff};
pub use import::{ImportOptions, LEGACY_EDITION, MAX_LEGACY_BYTES, extract_pdf, import};
pub use schema::schema;
pub use serve::{ServeOptions, serve};
pub use site::{Built, SiteOptions, build_site, parse_base_url, site};
pub use validate::{Format, ValidateOptions, validate};

use std::io::{self, Write};
use std::path::Path;

use crate::diag::{self, Code, Diagnostic};
use crate::render::Templates;

/// How a command ended, as `grep` and `diff` report it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// 0: success; for `diff`, no differences.
    Success,
    /// 1: invalid input; for `diff`, differences found.
    Failure,
    /// 2: a usage or I/O error.
    Error,
}

impl Exit {
    /// The process exit code.
    pub fn code(self) -> u8 {
        match self {
            Exit::Success => 0,
            Exit::Failure => 1,
            Exit::Error => 2,
        }
    }
}

/// Where a command writes, and whether it may use color on each stream.
pub struct Output<'a> {
    /// Results (documents, JSON).
    pub stdout: &'a mut dyn Write,
    /// Diagnostics, progress and summaries.
    pub stderr: &'a mut dyn Write,
    /// Whether standard error is a terminal that accepts color.
    pub color: bool,
    /// Whether standard output is a terminal that accepts color (for
    /// reports printed there, such as `diff`'s).
    pub stdout_color: bool,
}

impl Output<'_> {
    /// Writes to standard output. A closed pipe (`profilec … | head`) is not
    /// an error worth reporting, so write failures are deliberately dropped.
    pub fn out(&mut self, text: &str) {
        let _ = self.stdout.write_all(text.as_bytes());
    }

    /// Writes bytes to standard output (documents), dropping write failures
    /// like [`Output::out`].
    pub fn out_bytes(&mut self, bytes: &[u8]) {
        let _ = self.stdout.write_all(bytes);
    }

    /// Writes to standard error, dropping write failures for the same reason.
    pub fn err(&mut self, text: &str) {
        let _ = self.stderr.write_all(text.as_bytes());
    }

    /// Prints diagnostics for people on standard error.
    pub fn diagnostics(&mut self, diagnostics: &[Diagnostic]) {
        if !diagnostics.is_empty() {
            let text = diag::render_human(diagnostics, self.color);
            self.err(&text);
        }
    }

    /// Flushes both streams.
    pub fn flush(&mut self) -> io::Result<()> {
        self.stdout.flush()?;
        self.stderr.flush()
    }
}

/// The templates a rendering command uses: the built-in ones, or those of
/// `dir` over them. A folder that cannot be read is an I/O error (exit 2);
/// a broken template is invalid input (exit 1).
fn load_templates(dir: Option<&Path>) -> Result<Templates, (Diagnostic, Exit)> {
    let templates = match dir {
        Some(dir) => Templates::with_overrides(dir),
        None => Templates::builtin().map_err(|e| e.to_diagnostic(None)),
    };
    templates.map_err(|d| {
        let exit = if d.code == Code::Io {
            Exit::Error
        } else {
            Exit::Failure
        };
        (d, exit)
    })
}
