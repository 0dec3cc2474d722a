//! `profilec import DATA.csv... -o FOLDER`: the published results of the
//! ITU Global Cybersecurity Index (the World Bank Data360 files of dataset
//! `ITU_GCI`) to one GCI profile per country and edition.
//!
//! Reading the files and writing the profiles happen here; making the
//! profiles is [`crate::import::gci`]'s, and checking them `validate`'s.
//! Every file is read and every profile made and validated before anything
//! is written: a problem anywhere, and nothing is written.

use std::path::{Path, PathBuf};

use super::{Exit, Output, Stop, finish, validator};
use crate::check::check_source;
use crate::diag::{Code, Diagnostic};
use crate::import::gci::{self, DataFile};
use crate::load::{self, SourceFile};
use crate::model::Date;
use crate::output::write_atomic;
use crate::wording::count;

/// The largest data file read: the Data360 files are about 150 KB.
pub const MAX_DATA_BYTES: u64 = 16 * 1024 * 1024;

/// What to import and where.
#[derive(Debug, Clone)]
pub struct ImportDataOptions {
    /// The Data360 CSV files.
    pub files: Vec<PathBuf>,
    /// The folder the profiles go to (`EDITION_YEAR/ALPHA3.yaml` in it).
    pub output: Option<PathBuf>,
    /// The day the files were read, recorded in each profile (its
    /// `last_updated` and the source's `retrieved`).
    pub retrieved: Date,
    /// The date against which "in the future" is judged.
    pub today: Date,
}

/// Imports the files. Exit 0 when every profile was written, 1 when a file
/// is not what it should be (nothing is written), 2 when a file cannot be
/// read or written.
pub fn import_data(options: &ImportDataOptions, out: &mut Output) -> Exit {
    let result = run(options, out);
    finish(out, result)
}

fn run(options: &ImportDataOptions, out: &mut Output) -> Result<Exit, Stop> {
    let Some(folder) = &options.output else {
        return Err(Stop::from(
            Diagnostic::error(
                Code::Output,
                "importing data files makes one profile per country and edition, so it needs a folder",
            )
            .with_hint("give the folder with -o, e.g. `-o profiles/gci/`"),
        )
        .exit(Exit::Error));
    };
    let validator = validator()?;
    let mut texts = Vec::with_capacity(options.files.len());
    let mut problems = Vec::new();
    for path in &options.files {
        match read(path) {
            Ok(text) => texts.push((path.display().to_string(), text)),
            Err(d) => problems.push(d),
        }
    }
    if !problems.is_empty() {
        return Err(Stop::with(problems).summary("nothing was imported"));
    }
    let files: Vec<DataFile> = texts
        .iter()
        .map(|(name, text)| DataFile { name, text })
        .collect();
    let profiles = gci::import(&files, validator.catalogues(), options.retrieved)
        .map_err(|problems| Stop::with(problems).summary("nothing was imported"))?;

    // Every profile must validate before any is written.
    let mut invalid = Vec::new();
    for imported in &profiles {
        let target = folder.join(&imported.path);
        let checked = check_source(
            SourceFile::new(target.display().to_string(), imported.yaml.as_str()),
            validator,
            options.today,
        );
        if checked.profile.is_none() || !checked.diagnostics.is_empty() {
            invalid.extend(checked.diagnostics);
        }
    }
    if !invalid.is_empty() {
        invalid.push(
            Diagnostic::error(
                Code::Internal,
                "profiles imported from the data do not validate, so nothing was written",
            )
            .with_hint("this is a defect in profilec; please report it with the files"),
        );
        return Err(Stop::with(invalid).exit(Exit::Error));
    }
    for imported in &profiles {
        write_atomic(&folder.join(&imported.path), imported.yaml.as_bytes())?;
    }
    let editions: std::collections::BTreeSet<&str> = profiles
        .iter()
        .map(|p| p.profile.schema_edition.as_str())
        .collect();
    out.err(&format!(
        "imported {} ({}) into {}\n",
        count(profiles.len(), "profile", "profiles"),
        editions.into_iter().collect::<Vec<_>>().join(", "),
        folder.display()
    ));
    Ok(Exit::Success)
}

/// A data file's text, within the size limit.
fn read(path: &Path) -> Result<String, Diagnostic> {
    let name = path.display().to_string();
    let source = load::read_limited(path, MAX_DATA_BYTES, "a CSV file of the GCI dataset")?;
    String::from_utf8(source).map_err(|_| {
        Diagnostic::error(Code::NotUtf8, "the file is not UTF-8 text")
            .with_hint("give the CSV files as downloaded from Data360")
            .in_file(name)
    })
}
