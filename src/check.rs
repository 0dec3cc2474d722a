//! Check everything, then build: the step every command takes first.
//!
//! | owns | must not |
//! | --- | --- |
//! | load + validate of one file ([`check_path`], [`check_source`]) and of a batch in parallel ([`Batch`]); the verdict a batch ends with and the exit code that follows | print, decide what a command does next, or write anything |
//!
//! A [`Checked`] file keeps its table of positions, so that a warning found
//! later (a renderer's, about a field of the profile) is placed at its line
//! and column without reading or parsing the file again.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diag::{Code, Diagnostic, Exit};
use crate::load::{self, Positions, SourceFile};
use crate::model::{AnyProfile, Date};
use crate::validate::Validator;

/// One file, checked.
#[derive(Debug, Clone)]
pub struct Checked {
    /// The file's name, as reported.
    pub name: String,
    /// The profile, when the file is valid.
    pub profile: Option<AnyProfile>,
    /// Every problem found, located in the file, in file order.
    pub diagnostics: Vec<Diagnostic>,
    /// Where each part of the profile is in the file, when it parsed.
    positions: Option<Positions>,
}

impl Checked {
    /// A file checked earlier, as a caller kept it: its valid profile and
    /// its diagnostics, already located. Without the table of positions,
    /// [`Checked::locate`] names only the file of what it is given.
    pub fn known(name: String, profile: AnyProfile, diagnostics: Vec<Diagnostic>) -> Self {
        Checked {
            name,
            profile: Some(profile),
            diagnostics,
            positions: None,
        }
    }

    /// Whether [`Checked::locate`] can place a diagnostic at its line.
    pub fn has_positions(&self) -> bool {
        self.positions.is_some()
    }

    /// Whether the file could not even be read (an I/O problem, not bad content).
    pub fn unreadable(&self) -> bool {
        self.diagnostics.iter().any(|d| d.code == Code::Io)
    }

    /// Places diagnostics that name a field of the profile (`path`) in the
    /// file, with line and column, in file order.
    pub fn locate(&self, diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
        let mut located: Vec<Diagnostic> = diagnostics
            .into_iter()
            .map(|d| match &self.positions {
                Some(positions) => positions.locate(d),
                None => d.in_file(self.name.clone()),
            })
            .collect();
        located.sort_by_key(|d| d.location.map(|l| (l.line, l.column)));
        located
    }
}

/// Reads, parses and validates the profile at `path`.
pub fn check_path(path: &Path, validator: &Validator, today: Date) -> Checked {
    match load::read_source(path) {
        Ok(source) => check_source(source, validator, today),
        Err(diagnostic) => Checked {
            name: path.display().to_string(),
            profile: None,
            diagnostics: vec![diagnostic],
            positions: None,
        },
    }
}

/// Parses and validates a profile already read into memory.
pub fn check_source(source: SourceFile, validator: &Validator, today: Date) -> Checked {
    let name = source.name.clone();
    let document = match load::parse(source) {
        Ok(document) => document,
        Err(diagnostic) => {
            return Checked {
                name,
                profile: None,
                diagnostics: vec![diagnostic],
                positions: None,
            };
        }
    };
    let outcome = validator.validate(&document.value, today);
    let mut checked = Checked {
        name,
        profile: outcome.profile,
        diagnostics: Vec::new(),
        positions: Some(document.positions),
    };
    // Report in file order, so a reader can work down the file.
    checked.diagnostics = checked.locate(outcome.diagnostics);
    checked
}

/// How a batch of files came out of checking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Every file is a valid profile (warnings allowed).
    Valid,
    /// Some files are not valid profiles (`invalid` of `files`).
    Invalid {
        /// How many are not valid.
        invalid: usize,
        /// How many files in all.
        files: usize,
    },
    /// Some files could not be read at all.
    Unreadable,
}

impl Verdict {
    /// The exit code that follows: 0, 1 for invalid input, 2 for unreadable files.
    pub fn exit(self) -> Exit {
        match self {
            Verdict::Valid => Exit::Success,
            Verdict::Invalid { .. } => Exit::Failure,
            Verdict::Unreadable => Exit::Error,
        }
    }
}

/// A batch of files, every one checked, and the verdict on them all.
#[derive(Debug, Clone)]
pub struct Batch {
    /// Each file, in the order given.
    pub files: Vec<Checked>,
    /// Problems with the batch itself (a folder that cannot be read, no
    /// profile found), which belong to no one file.
    pub problems: Vec<Diagnostic>,
    /// The verdict.
    pub verdict: Verdict,
}

impl Batch {
    /// Checks the profiles at `paths`, in parallel.
    pub fn check(paths: &[PathBuf], validator: &Validator, today: Date) -> Batch {
        let files: Vec<Checked> = paths
            .par_iter()
            .map(|path| check_path(path, validator, today))
            .collect();
        Batch::of(files, Vec::new())
    }

    /// The profile files under `paths` (files, and folders searched
    /// recursively), and the problems met; finding none is one.
    pub fn find(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<Diagnostic>) {
        let (found, mut problems) = load::collect_profiles(paths);
        if found.is_empty() && !problems.iter().any(Diagnostic::is_error) {
            let shown: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
            problems.push(
                Diagnostic::error(
                    Code::Io,
                    format!("no profile files (*.yaml) found in {}", shown.join(", ")),
                )
                .with_hint("give profile files, or folders that hold them (searched recursively)"),
            );
        }
        (found, problems)
    }

    /// Finds the profiles under `paths` ([`Batch::find`]), then checks them
    /// all.
    pub fn collect_and_check(paths: &[PathBuf], validator: &Validator, today: Date) -> Batch {
        let (found, mut problems) = Batch::find(paths);
        let mut batch = Batch::check(&found, validator, today);
        problems.append(&mut batch.problems);
        Batch::of(batch.files, problems)
    }

    /// A batch of files already checked (some perhaps in an earlier run,
    /// by a caller that keeps them), with the batch's own problems.
    pub fn of(files: Vec<Checked>, problems: Vec<Diagnostic>) -> Batch {
        let unreadable =
            problems.iter().any(Diagnostic::is_error) || files.iter().any(Checked::unreadable);
        let invalid = files.iter().filter(|c| c.profile.is_none()).count();
        let verdict = if unreadable {
            Verdict::Unreadable
        } else if invalid > 0 {
            Verdict::Invalid {
                invalid,
                files: files.len(),
            }
        } else {
            Verdict::Valid
        };
        Batch {
            files,
            problems,
            verdict,
        }
    }

    /// Every diagnostic of the batch: its own problems, then each file's, in
    /// the order of the files.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        self.problems
            .iter()
            .chain(self.files.iter().flat_map(|c| &c.diagnostics))
            .cloned()
            .collect()
    }

    /// The valid profiles, with their files.
    pub fn valid(&self) -> impl Iterator<Item = (&Checked, &AnyProfile)> {
        self.files
            .iter()
            .filter_map(|c| c.profile.as_ref().map(|p| (c, p)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> Date {
        Date::new(2026, 1, 1).unwrap()
    }

    #[test]
    fn the_verdict_follows_the_worst_file() {
        let dir = tempfile::tempdir().unwrap();
        let good = crate::common_test_profile();
        std::fs::write(dir.path().join("good.yaml"), good).unwrap();
        std::fs::write(dir.path().join("bad.yaml"), "schema_edition: nope\n").unwrap();
        let validator = Validator::builtin().unwrap();
        let batch = Batch::check(&[dir.path().join("good.yaml")], validator, today());
        assert_eq!(batch.verdict, Verdict::Valid);
        assert_eq!(batch.valid().count(), 1);
        let batch = Batch::check(
            &[dir.path().join("good.yaml"), dir.path().join("bad.yaml")],
            validator,
            today(),
        );
        assert_eq!(
            batch.verdict,
            Verdict::Invalid {
                invalid: 1,
                files: 2
            }
        );
        assert_eq!(batch.verdict.exit(), Exit::Failure);
        let batch = Batch::check(
            &[
                dir.path().join("good.yaml"),
                dir.path().join("missing.yaml"),
            ],
            validator,
            today(),
        );
        assert_eq!(batch.verdict, Verdict::Unreadable);
        assert_eq!(batch.verdict.exit(), Exit::Error);
    }

    #[test]
    fn an_empty_folder_is_a_problem_of_the_batch() {
        let dir = tempfile::tempdir().unwrap();
        let batch = Batch::collect_and_check(
            &[dir.path().to_path_buf()],
            Validator::builtin().unwrap(),
            today(),
        );
        assert_eq!(batch.verdict, Verdict::Unreadable);
        assert_eq!(batch.problems[0].code, Code::Io);
    }

    #[test]
    fn later_warnings_are_placed_without_reading_the_file_again() {
        let source = SourceFile::new("x.yaml", crate::common_test_profile());
        let checked = check_source(source, Validator::builtin().unwrap(), today());
        assert!(checked.profile.is_some(), "{:?}", checked.diagnostics);
        let placed = checked.locate(vec![
            Diagnostic::warning(Code::MissingGlyph, "a glyph").at("/technical/cirt/agencies/0"),
        ]);
        let location = placed[0].location.expect("a location");
        assert_eq!(placed[0].file.as_deref(), Some("x.yaml"));
        assert!(location.line > 1);
        assert!(placed[0].line_text.as_deref().unwrap().contains("CERT.be"));
    }
}
