//! `profilec diff OLD NEW`: what changed between two profiles, indicator by
//! indicator. Like `diff`, it exits 0 when there is no difference, 1 when
//! there are differences and 2 on error (an unreadable or invalid file, or
//! profiles of two editions of the ITU schema).

use std::path::PathBuf;

use super::{Exit, Output, Stop, sentences, templates, validator};
use crate::check::check_path;
use crate::diag::{self, Code, Diagnostic, Summary};
use crate::diff::scores::{ScoreReport, ScoredInput};
use crate::diff::{self, DiffError, Input};
use crate::model::{AnyProfile, Date};
use crate::render::{self, Templates};

/// The output forms of `diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DiffFormat {
    /// A report for the terminal (colored when standard output is one).
    #[default]
    Text,
    /// A change report in Markdown, for publishing.
    Markdown,
    /// The change report as a self-contained HTML page.
    Html,
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
    /// A folder of templates that override the built-in ones (Markdown and
    /// HTML forms).
    pub templates: Option<PathBuf>,
    /// Names to show for the old and new file instead of their paths (git
    /// hands its driver temporary files).
    pub labels: Option<[String; 2]>,
}

/// Validates both profiles, compares them and prints the report on standard
/// output. Diagnostics of an invalid file go to standard error.
pub fn diff(options: &DiffOptions, out: &mut Output) -> Exit {
    run(options, out, Mode::Command)
}

/// Who asked for the comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// `profilec diff`: exit codes like diff(1), diagnostics on stderr.
    Command,
    /// git, through `profilec git-diff`: everything on stdout (into git's
    /// pager, in place), and exit 0 unless profilec itself fails, since git
    /// stops at the first driver that exits otherwise.
    Git,
}

fn run(options: &DiffOptions, out: &mut Output, mode: Mode) -> Exit {
    // Templates and sentences first: a broken override is reported before
    // any work, whatever the profiles.
    let setup = (|| {
        let validator = validator()?;
        let sentences = sentences()?;
        let templates = match options.format {
            DiffFormat::Text | DiffFormat::Json => None,
            DiffFormat::Markdown | DiffFormat::Html => {
                Some(templates(options.templates.as_deref())?)
            }
        };
        Ok::<_, Stop>((validator, sentences, templates))
    })();
    let (validator, sentences, templates) = match setup {
        Ok(setup) => setup,
        Err(stop) => return refuse(out, mode, &stop.diagnostics, "nothing compared\n"),
    };
    let old = check_path(&options.old, validator, options.today);
    let new = check_path(&options.new, validator, options.today);
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
        let summary = format!("{}; nothing compared\n", Summary::of(files, &diagnostics));
        return refuse(out, mode, &diagnostics, &summary);
    };
    let (old_name, new_name) = match &options.labels {
        Some([old_label, new_label]) => (old_label.as_str(), new_label.as_str()),
        None => (old.name.as_str(), new.name.as_str()),
    };
    let (old_profile, new_profile) = match (old_profile, new_profile) {
        (AnyProfile::Cyberwellness(old), AnyProfile::Cyberwellness(new)) => (old, new),
        (AnyProfile::Scored(old), AnyProfile::Scored(new)) => {
            let compared = diff::scores::diff_scores(
                ScoredInput {
                    file: old_name,
                    profile: old,
                },
                ScoredInput {
                    file: new_name,
                    profile: new,
                },
                validator.catalogues(),
            );
            // A GCI comparison is five pillars, always shown whole: there
            // is no shorter form to ask for, nor unchanged lines to add.
            if options.stat || options.all {
                let flag = if options.stat { "--stat" } else { "--all" };
                let diagnostic = Diagnostic::error(
                    Code::BadValue,
                    format!("{flag} applies to Cyberwellness Profiles, not to GCI profiles"),
                )
                .with_hint("leave it out: a GCI comparison always shows every pillar, changed or not, with its one-line summary first");
                return refuse(out, mode, &[diagnostic], "nothing compared\n");
            }
            return match compared {
                Ok(report) => print_scores(&report, options, out, mode, templates.as_ref()),
                Err(error) => {
                    let diagnostic = Diagnostic::from(error).in_file(new_name);
                    refuse(out, mode, &[diagnostic], "nothing compared\n")
                }
            };
        }
        _ => {
            let diagnostic = Diagnostic::from(DiffError::KindMismatch {
                old_file: old_name.to_owned(),
                new_file: new_name.to_owned(),
            })
            .in_file(new_name);
            return refuse(out, mode, &[diagnostic], "nothing compared\n");
        }
    };
    let report = match diff::diff(
        Input {
            file: old_name,
            profile: old_profile,
        },
        Input {
            file: new_name,
            profile: new_profile,
        },
        validator.catalogues(),
        sentences,
    ) {
        Ok(report) => report,
        Err(error) => {
            let diagnostic = Diagnostic::from(error).in_file(new_name);
            return refuse(out, mode, &[diagnostic], "nothing compared\n");
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

    let color = out.stdout_color && mode == Mode::Command;
    let text = || {
        if options.stat {
            diff::text::render_stat(&report, color)
        } else {
            diff::text::render(&report, color)
        }
    };
    let document = |templates: &Templates, html: bool| {
        let view = render::diff::diff_view(&report, options.stat, validator.catalogues());
        if html {
            render::diff::diff_html(&view, templates)
        } else {
            render::diff::diff_markdown(&view, templates)
        }
    };
    let printed = print(
        &report,
        options.format,
        templates.as_ref(),
        text,
        document,
        out,
    );
    finish_report(printed, identical, out, mode)
}

/// Prints the report of two GCI profiles in the asked form, and ends as
/// diff(1) does.
fn print_scores(
    report: &ScoreReport,
    options: &DiffOptions,
    out: &mut Output,
    mode: Mode,
    templates: Option<&Templates>,
) -> Exit {
    let color = out.stdout_color && mode == Mode::Command;
    let text = || diff::text::render_scores(report, color);
    let document = |templates: &Templates, html: bool| {
        let view = render::diff::scores_view(report);
        if html {
            render::diff::scores_html(&view, templates)
        } else {
            render::diff::scores_markdown(&view, templates)
        }
    };
    let printed = print(report, options.format, templates, text, document, out);
    finish_report(printed, report.identical, out, mode)
}

/// Prints a report of either kind in `format`: the text layout, the JSON
/// of the report, or the Markdown or HTML document its templates make.
fn print(
    report: &impl serde::Serialize,
    format: DiffFormat,
    templates: Option<&Templates>,
    text: impl FnOnce() -> String,
    document: impl FnOnce(&Templates, bool) -> Result<String, render::RenderError>,
    out: &mut Output,
) -> Result<(), Vec<Diagnostic>> {
    match (format, templates) {
        (DiffFormat::Text, _) => out.out(&text()),
        (DiffFormat::Json, _) => {
            let json = serde_json::to_string_pretty(report).map_err(|e| {
                vec![Diagnostic::error(
                    Code::Internal,
                    format!("cannot write the report as JSON: {e}"),
                )]
            })?;
            out.out(&json);
            out.out("\n");
        }
        (DiffFormat::Markdown | DiffFormat::Html, Some(templates)) => {
            let written = document(templates, format == DiffFormat::Html)
                .map_err(|e| vec![e.to_diagnostic(Some(templates))])?;
            out.out(&written);
        }
        (DiffFormat::Markdown | DiffFormat::Html, None) => {
            return Err(vec![Diagnostic::error(
                Code::Internal,
                "the report's templates were not loaded",
            )]);
        }
    }
    Ok(())
}

/// Ends as diff(1) does: 0 when nothing differs, 1 when something does; for
/// git, 0 whatever the outcome.
fn finish_report(
    printed: Result<(), Vec<Diagnostic>>,
    identical: bool,
    out: &mut Output,
    mode: Mode,
) -> Exit {
    if let Err(problems) = printed {
        return refuse(out, mode, &problems, "");
    }
    match (mode, identical) {
        (Mode::Git, _) | (Mode::Command, true) => Exit::Success,
        (Mode::Command, false) => Exit::Failure,
    }
}

/// Prints why nothing was compared: on stderr with exit 2 for the command,
/// in the report's place for git.
fn refuse(out: &mut Output, mode: Mode, diagnostics: &[Diagnostic], summary: &str) -> Exit {
    match mode {
        Mode::Command => {
            out.diagnostics(diagnostics);
            out.err(summary);
            Exit::Error
        }
        Mode::Git => {
            out.out(&diag::render_human(diagnostics, false));
            out.out(summary);
            Exit::Success
        }
    }
}

/// What git hands an external diff driver (see `GIT_EXTERNAL_DIFF` in
/// git(1)): `PATH OLD-FILE OLD-HEX OLD-MODE NEW-FILE NEW-HEX NEW-MODE`, and
/// for a rename two more; only `PATH` for an unmerged file.
#[derive(Debug, Clone)]
pub struct GitDiffOptions {
    /// The arguments, as git gave them.
    pub args: Vec<PathBuf>,
    /// The date against which "in the future" is judged when validating.
    pub today: Date,
}

/// `profilec git-diff`: the external diff driver for `git diff` and
/// `git log -p` (`.gitattributes`: `*.yaml diff=profilec`). It prints the
/// text report between `a/PATH` and `b/PATH`, says when a profile is added
/// or deleted, and exits 0 whatever the outcome, so git goes on to the
/// next file; problems are printed in place of the report.
pub fn git_diff(options: &GitDiffOptions, out: &mut Output) -> Exit {
    let args = &options.args;
    let Some(path) = args.first() else {
        out.err("error: git-diff is run by git with the arguments of an external diff driver\n");
        return Exit::Error;
    };
    let path = path.display().to_string();
    if args.len() < 7 {
        out.out(&format!("profilec: {path}: unmerged, nothing compared\n"));
        return Exit::Success;
    }
    let (old, new) = (&args[1], &args[4]);
    let null = |p: &PathBuf| p.as_os_str() == "/dev/null";
    let new_path = args
        .get(7)
        .filter(|_| args.len() >= 9)
        .map_or(path.clone(), |p| p.display().to_string());
    match (null(old), null(new)) {
        (true, true) => Exit::Success,
        (true, false) | (false, true) => {
            let (file, label, what) = if null(old) {
                (new, format!("b/{new_path}"), "new profile")
            } else {
                (old, format!("a/{path}"), "deleted profile")
            };
            let Ok(validator) = validator() else {
                return Exit::Error;
            };
            let checked = check_path(file, validator, options.today);
            match &checked.profile {
                Some(profile) => out.out(&format!(
                    "{what}: {label} ({}, {} edition, last updated {})\n",
                    profile.country().name,
                    profile.edition(),
                    profile.last_updated()
                )),
                None => {
                    out.out(&format!("{what}: {label}\n"));
                    let diagnostics: Vec<Diagnostic> = checked
                        .diagnostics
                        .into_iter()
                        .map(|d| Diagnostic {
                            file: Some(label.clone()),
                            ..d
                        })
                        .collect();
                    out.out(&diag::render_human(&diagnostics, false));
                }
            }
            Exit::Success
        }
        (false, false) => run(
            &DiffOptions {
                old: old.clone(),
                new: new.clone(),
                format: DiffFormat::Text,
                all: false,
                stat: false,
                today: options.today,
                templates: None,
                labels: Some([format!("a/{path}"), format!("b/{new_path}")]),
            },
            out,
            Mode::Git,
        ),
    }
}
