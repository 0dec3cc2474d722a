//! What each subcommand does, given plain options (the library never sees
//! the argument parser).
//!
//! | owns | must not |
//! | --- | --- |
//! | each command as glue: take options, call the library, print; the [`Output`] streams; the [`Stop`] a command ends with early | hold logic of its own that another command repeats; import another command's helpers |
//!
//! Each command reads like ripgrep's `try_main`: a `run` function that
//! returns `Result<Exit, Stop>` and uses `?` for every way it can stop
//! early, and a public wrapper that prints the stop's diagnostics and
//! returns the exit code, which `main` hands to the process.

mod build;
mod diff;
mod import;
mod import_data;
mod new;
mod schema;
mod serve;
mod site;
mod validate;

pub use build::{BuildOptions, Destination, DocFormat, build};
pub use diff::{DiffFormat, DiffOptions, GitDiffOptions, diff, git_diff};
pub use import::{ImportOptions, LEGACY_EDITION, MAX_LEGACY_BYTES, extract_pdf, import};
pub use import_data::{ImportDataOptions, MAX_DATA_BYTES, import_data};
pub use new::{DEFAULT_EDITION, NewOptions, new};
pub use schema::schema;
pub use serve::{ServeOptions, serve};
pub use site::{Built, Session, SiteOptions, build_site, build_site_in, parse_base_url, site};
pub use validate::{Format, ValidateOptions, validate};

pub use crate::diag::Exit;

use std::io::{self, Write};
use std::path::Path;

use crate::check::{Batch, Verdict};
use crate::diag::{self, Code, Diagnostic};
use crate::render::Templates;
use crate::render::sentences::Sentences;
use crate::validate::Validator;

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
    /// The first error writing to standard output: once one write fails,
    /// nothing more is written there, and the command ends with it.
    stdout_error: Option<io::Error>,
    /// Whether [`Output::commit`] has already handed that error out: a
    /// command that stopped on it (`import`) has printed it, and `main`'s
    /// [`Output::finish`] must not print it again.
    stdout_error_told: bool,
}

impl<'a> Output<'a> {
    /// The two streams of a command.
    pub fn new(
        stdout: &'a mut dyn Write,
        stderr: &'a mut dyn Write,
        color: bool,
        stdout_color: bool,
    ) -> Self {
        Output {
            stdout,
            stderr,
            color,
            stdout_color,
            stdout_error: None,
            stdout_error_told: false,
        }
    }

    /// Writes to standard output. A failure is kept, not lost: the command
    /// ends with it ([`Output::finish`]).
    pub fn out(&mut self, text: &str) {
        self.out_bytes(text.as_bytes());
    }

    /// Writes bytes to standard output (documents), keeping a failure like
    /// [`Output::out`].
    pub fn out_bytes(&mut self, bytes: &[u8]) {
        if self.stdout_error.is_none()
            && let Err(e) = self.stdout.write_all(bytes)
        {
            self.stdout_error = Some(e);
        }
    }

    /// Writes to standard error. If even that fails there is nobody left
    /// to tell, so a failure is dropped.
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

    /// Flushes both streams (progress shown now, not at the end).
    pub fn flush(&mut self) -> io::Result<()> {
        self.stdout.flush()?;
        self.stderr.flush()
    }

    /// Flushes standard output and says whether everything written there
    /// arrived: a command that reports success after its output calls this
    /// first, so that it never says "done" about output that was lost.
    pub fn commit(&mut self) -> Result<(), Stop> {
        if self.stdout_error.is_none()
            && let Err(e) = self.stdout.flush()
        {
            self.stdout_error = Some(e);
        }
        if self.stdout_error.is_some() && std::mem::replace(&mut self.stdout_error_told, true) {
            // Already handed out, and the command's exit says so.
            return Ok(());
        }
        match &self.stdout_error {
            None => Ok(()),
            // The reader went away (`profilec … | head`): not an error, and
            // nothing more to say, as ripgrep does.
            Some(e) if e.kind() == io::ErrorKind::BrokenPipe => Err(Stop::quiet(Exit::Success)),
            Some(e) => Err(Stop::from(
                Diagnostic::error(Code::Output, format!("cannot write to standard output: {e}"))
                    .with_hint("check where standard output goes (a full disk, a closed file); write to a file with -o instead")
                    .in_file("standard output"),
            )),
        }
    }

    /// Ends a command: its exit, unless standard output lost something (a
    /// reader that went away changes nothing).
    pub fn finish(&mut self, exit: Exit) -> Exit {
        let result = self.commit();
        let _ = self.stderr.flush();
        match result {
            Ok(()) => exit,
            Err(stop) if stop.diagnostics.is_empty() => exit,
            Err(stop) => self.stop(stop),
        }
    }

    /// Prints why a command stopped and returns its exit.
    pub fn stop(&mut self, stop: Stop) -> Exit {
        self.diagnostics(&stop.diagnostics);
        if let Some(summary) = &stop.summary {
            self.err(summary);
            if !summary.ends_with('\n') {
                self.err("\n");
            }
        }
        stop.exit
    }
}

/// Why a command stopped before its end: what to print, and how it exits.
#[derive(Debug)]
pub struct Stop {
    /// What went wrong.
    pub diagnostics: Vec<Diagnostic>,
    /// A line after them ("nothing was built").
    pub summary: Option<String>,
    /// The exit code.
    pub exit: Exit,
}

impl Stop {
    /// A stop with nothing more to print.
    pub fn quiet(exit: Exit) -> Self {
        Stop {
            diagnostics: Vec::new(),
            summary: None,
            exit,
        }
    }

    /// A stop with these diagnostics, exiting as they say ([`Exit::of`]),
    /// and never with success.
    pub fn with(diagnostics: Vec<Diagnostic>) -> Self {
        let exit = Exit::of(&diagnostics).max(Exit::Failure);
        Stop {
            diagnostics,
            summary: None,
            exit,
        }
    }

    /// Exits with `exit` instead.
    pub fn exit(mut self, exit: Exit) -> Self {
        self.exit = exit;
        self
    }

    /// Adds a line after the diagnostics.
    pub fn summary(mut self, summary: impl Into<String>) -> Self {
        self.summary = Some(summary.into());
        self
    }
}

impl From<Diagnostic> for Stop {
    fn from(diagnostic: Diagnostic) -> Self {
        Stop::with(vec![diagnostic])
    }
}

/// Runs a command's body and prints how it stopped, if it did.
fn finish(out: &mut Output, result: Result<Exit, Stop>) -> Exit {
    match result {
        Ok(exit) => exit,
        Err(stop) => out.stop(stop),
    }
}

/// The validator of the built-in catalogues (which a broken build of
/// profilec could lack: exit 2, with the reason).
fn validator() -> Result<&'static Validator<'static>, Stop> {
    Validator::builtin().map_err(|e| Stop::from(Diagnostic::from(e)).exit(Exit::Error))
}

/// The catalogues' standard sentences, compiled once.
fn sentences() -> Result<&'static Sentences, Stop> {
    Sentences::builtin().map_err(|e| Stop::from(e.to_diagnostic(None)).exit(Exit::Error))
}

/// The templates a rendering command uses: the built-in ones, or those of
/// `dir` over them. A folder that cannot be read is an I/O error (exit 2);
/// a broken template is invalid input (exit 1).
fn templates(dir: Option<&Path>) -> Result<Templates, Stop> {
    match dir {
        Some(dir) => Templates::with_overrides(dir).map_err(Stop::from),
        None => Templates::builtin().map_err(|e| Stop::from(e.to_diagnostic(None))),
    }
}

/// Prints what checking a batch found, and stops unless every file is a
/// valid profile; `nothing` says what was not done ("nothing was built").
fn require_valid(out: &mut Output, batch: &Batch, nothing: &str) -> Result<(), Stop> {
    out.diagnostics(&batch.diagnostics());
    match batch.verdict {
        Verdict::Valid => Ok(()),
        Verdict::Unreadable => Err(Stop::quiet(Exit::Error)),
        Verdict::Invalid { invalid, files } => {
            let verb = if invalid == 1 { "is" } else { "are" };
            Err(Stop::quiet(Exit::Failure).summary(format!(
                "{invalid} of {} {verb} invalid: {nothing}",
                crate::wording::count(files, "profile", "profiles")
            )))
        }
    }
}

/// A progress bar on standard error for one phase of a long command, drawn
/// only when standard error is a terminal; cleared when dropped.
pub(crate) struct Progress(Option<indicatif::ProgressBar>);

impl Progress {
    /// A phase of `len` steps (0: a spinner), if `wanted` and on a terminal.
    pub(crate) fn start(wanted: bool, what: &str, len: usize) -> Self {
        use std::io::IsTerminal;
        if !wanted || !std::io::stderr().is_terminal() {
            return Progress(None);
        }
        let (bar, template) = if len == 0 {
            (
                indicatif::ProgressBar::new_spinner(),
                "{spinner} {msg} {elapsed}",
            )
        } else {
            (
                indicatif::ProgressBar::new(len as u64),
                "{spinner} {msg} {pos}/{len} {wide_bar} {elapsed}",
            )
        };
        bar.set_style(
            indicatif::ProgressStyle::with_template(template)
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar.set_message(what.to_owned());
        if len == 0 {
            bar.enable_steady_tick(std::time::Duration::from_millis(120));
        }
        Progress(Some(bar))
    }

    /// One step done.
    pub(crate) fn tick(&self) {
        if let Some(bar) = &self.0 {
            bar.inc(1);
        }
    }

    /// The number of steps, once known.
    pub(crate) fn set_len(&self, len: usize) {
        if let Some(bar) = &self.0 {
            bar.set_length(len as u64);
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A writer that fails like a full disk, or like a closed pipe.
    struct Failing(io::ErrorKind);

    impl Write for Failing {
        fn write(&mut self, _: &[u8]) -> io::Result<usize> {
            Err(io::Error::from(self.0))
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_lost_write_on_standard_output_ends_the_command_with_exit_2() {
        let mut stdout = Failing(io::ErrorKind::StorageFull);
        let mut stderr = Vec::new();
        let mut out = Output::new(&mut stdout, &mut stderr, false, false);
        out.out("document");
        assert_eq!(out.finish(Exit::Success), Exit::Error);
        let text = String::from_utf8(stderr).unwrap();
        assert!(text.contains("cannot write to standard output"), "{text}");
    }

    #[test]
    fn a_lost_write_is_told_once_even_if_the_command_stopped_on_it() {
        let mut stdout = Failing(io::ErrorKind::StorageFull);
        let mut stderr = Vec::new();
        let mut out = Output::new(&mut stdout, &mut stderr, false, false);
        out.out("document");
        // The command commits, stops on the error and prints it…
        let stop = out.commit().expect_err("the write was lost");
        let exit = out.stop(stop);
        assert_eq!(exit, Exit::Error);
        // … then `main` finishes: same exit, nothing printed twice.
        assert_eq!(out.finish(exit), Exit::Error);
        let text = String::from_utf8(stderr).unwrap();
        assert_eq!(
            text.matches("cannot write to standard output").count(),
            1,
            "{text}"
        );
    }

    #[test]
    fn a_closed_pipe_ends_quietly() {
        let mut stdout = Failing(io::ErrorKind::BrokenPipe);
        let mut stderr = Vec::new();
        let mut out = Output::new(&mut stdout, &mut stderr, false, false);
        out.out("document");
        assert_eq!(out.finish(Exit::Failure), Exit::Failure);
        assert!(stderr.is_empty());
    }
}
