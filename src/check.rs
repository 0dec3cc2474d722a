//! Load and validate in one step: the entry every command uses to turn a
//! path into a [`Profile`] or the diagnostics that say why it is not one.

use std::path::Path;

use crate::diag::{Code, Diagnostic};
use crate::load::{self, SourceFile};
use crate::model::{Date, Profile};
use crate::schema::Catalogues;
use crate::validate::validate;

/// One file, checked.
#[derive(Debug, Clone)]
pub struct Checked {
    /// The file's name, as reported.
    pub name: String,
    /// The profile, when the file is valid.
    pub profile: Option<Profile>,
    /// Every problem found, located in the file.
    pub diagnostics: Vec<Diagnostic>,
}

impl Checked {
    /// Whether the file could not even be read (an I/O problem, not bad content).
    pub fn unreadable(&self) -> bool {
        self.diagnostics.iter().any(|d| d.code == Code::Io)
    }
}

/// Reads, parses and validates the profile at `path`.
pub fn check_path(path: &Path, catalogues: &Catalogues, today: Date) -> Checked {
    match load::read_source(path) {
        Ok(source) => check_source(source, catalogues, today),
        Err(diagnostic) => Checked {
            name: path.display().to_string(),
            profile: None,
            diagnostics: vec![diagnostic],
        },
    }
}

/// Parses and validates a profile already read into memory.
pub fn check_source(source: SourceFile, catalogues: &Catalogues, today: Date) -> Checked {
    let name = source.name.clone();
    let document = match load::parse(source) {
        Ok(document) => document,
        Err(diagnostic) => {
            return Checked {
                name,
                profile: None,
                diagnostics: vec![diagnostic],
            };
        }
    };
    let outcome = validate(&document.value, catalogues, today);
    let mut diagnostics: Vec<Diagnostic> = outcome
        .diagnostics
        .into_iter()
        .map(|d| document.locate(d))
        .collect();
    // Report in file order, so a reader can work down the file.
    diagnostics.sort_by_key(|d| d.location.map(|l| (l.line, l.column)));
    Checked {
        name,
        profile: outcome.profile,
        diagnostics,
    }
}
