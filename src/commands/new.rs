//! `profilec new COUNTRY [--edition ID] [--from OLD.yaml] [-o FILE]`: a new
//! profile to fill in, or the next edition of an existing one.
//!
//! The profile and its YAML are [`crate::scaffold`]'s; this command finds
//! the country, the edition, the year and the publisher from the options,
//! checks the YAML with `validate` before anything is written (a new
//! profile must validate, warnings allowed), and writes it with
//! [`crate::output::write_new`], which never replaces an existing file.

use std::path::PathBuf;

use super::{Exit, Output, Stop, validator};
use crate::check::{check_path, check_source};
use crate::diag::{Code, Diagnostic};
use crate::load::SourceFile;
use crate::model::{AnyProfile, Date, Profile};
use crate::output::{exists_error, write_new};
use crate::scaffold;
use crate::schema::Catalogue;
use crate::wording::count;

/// The edition of a new profile when `--edition` is not given.
pub const DEFAULT_EDITION: &str = "cyberwellness-2015";

/// What to make, and where.
#[derive(Debug, Clone)]
pub struct NewOptions {
    /// The country: a name, or an ISO 3166-1 alpha-2 or alpha-3 code.
    pub country: String,
    /// The catalogue edition (`--edition`); by default the old profile's,
    /// or [`DEFAULT_EDITION`].
    pub edition: Option<String>,
    /// The profile whose next edition this is (`--from`).
    pub from: Option<PathBuf>,
    /// The file to write; standard output when `None`.
    pub output: Option<PathBuf>,
    /// The edition's year (`--year`); by default this year.
    pub year: Option<u16>,
    /// Who compiles the profile (`--publisher`); by default, with
    /// `--from`, the old profile's compiler.
    pub publisher: Option<String>,
    /// Today.
    pub today: Date,
}

/// Makes the new profile. Exit 0 when it is written; 1 when the old
/// profile (`--from`) is invalid; 2 on a usage or I/O error (an unknown
/// country or edition, a file that exists).
pub fn new(options: &NewOptions, out: &mut Output) -> Exit {
    match run(options, out) {
        Ok(exit) => exit,
        Err(stop) => out.stop(stop),
    }
}

fn usage(diagnostic: Diagnostic) -> Stop {
    Stop::from(diagnostic).exit(Exit::Error)
}

fn run(options: &NewOptions, out: &mut Output) -> Result<Exit, Stop> {
    let validator = validator()?;
    if let Some(path) = &options.output {
        if path.is_dir() {
            return Err(usage(
                Diagnostic::error(Code::Output, "this is a folder")
                    .with_hint("give a file name, e.g. -o profiles/kenya-2026.yaml")
                    .in_file(path.display().to_string()),
            ));
        }
        // Said before any work; `write_new` refuses again at the end, should
        // the file appear meanwhile.
        if std::fs::symlink_metadata(path).is_ok() {
            return Err(usage(exists_error(path)));
        }
    }
    let country = scaffold::find_country(&options.country).ok_or_else(|| {
        usage(
            Diagnostic::error(
                Code::UnknownCountry,
                format!("`{}` is not a country profilec knows", options.country),
            )
            .with_hint("give the country's name (Belgium, Viet Nam, Republic of Korea) or its ISO 3166-1 code (BE or BEL)"),
        )
    })?;
    let old = options
        .from
        .as_ref()
        .map(|path| read_old(path, validator, options.today, out))
        .transpose()?;
    if let Some(old) = &old
        && old.country.alpha3 != country.alpha3
    {
        return Err(usage(
            Diagnostic::error(
                Code::BadValue,
                format!(
                    "the profile to start from is of {} ({}), not of {} ({})",
                    old.country.name,
                    old.country.alpha3,
                    country.reading_name(),
                    country.alpha3
                ),
            )
            .with_hint("start a new edition from a profile of the same country, or leave out --from for a blank profile")
            .in_file(path_text(options.from.as_ref())),
        ));
    }
    let catalogue = edition(options, old.as_ref(), validator.catalogues())?;
    let year = options
        .year
        .unwrap_or_else(|| u16::try_from(options.today.year()).unwrap_or_default());
    if i32::from(year) > i32::from(options.today.year()) {
        return Err(usage(
            Diagnostic::error(
                Code::FutureDate,
                format!("the edition {year} is in the future"),
            )
            .with_hint(format!(
                "an edition is the year of its newest source: {} at the latest",
                options.today.year()
            )),
        ));
    }
    if let Some(old) = &old
        && year <= old.edition
    {
        return Err(usage(
            Diagnostic::error(
                Code::BadValue,
                format!(
                    "the new edition ({year}) must be later than the one it starts from ({})",
                    old.edition
                ),
            )
            .with_hint("give the new edition's year with --year")
            .in_file(path_text(options.from.as_ref())),
        ));
    }
    let publisher = publisher(options, old.as_ref(), catalogue)?;

    let (profile, header) = match &old {
        Some(old) => {
            let profile = scaffold::next_edition(old, year, options.today, &publisher);
            let header = scaffold::next_header(&profile, old, &path_text(options.from.as_ref()));
            (profile, header)
        }
        None => {
            let profile =
                scaffold::blank_profile(catalogue, country, year, options.today, &publisher);
            let header = scaffold::blank_header(&profile, catalogue);
            (profile, header)
        }
    };
    let yaml = scaffold::to_yaml(&profile, catalogue, &header);

    // The new file must validate; its warnings are the list of what is
    // left to do, counted here and listed by `validate`.
    let label = options
        .output
        .as_ref()
        .map_or_else(|| "(new profile)".to_owned(), |p| p.display().to_string());
    let checked = check_source(
        SourceFile::new(label.clone(), yaml.as_str()),
        validator,
        options.today,
    );
    if checked.profile.is_none() {
        out.diagnostics(&checked.diagnostics);
        return Err(Stop::quiet(Exit::Failure).summary(
            "the new profile does not validate, so nothing was written; this is a defect in profilec, please report it with the command line",
        ));
    }
    let warnings = checked.diagnostics.len();

    match &options.output {
        None => {
            out.out(&yaml);
            out.commit()?;
        }
        Some(path) => write_new(path, yaml.as_bytes()).map_err(usage)?,
    }
    let what = match &old {
        Some(old) => format!(
            "{} carried over from the {} edition",
            count(catalogue.len(), "answer", "answers"),
            old.edition
        ),
        None => format!(
            "{} with no information yet",
            count(catalogue.len(), "indicator", "indicators")
        ),
    };
    let written = options
        .output
        .as_ref()
        .map_or_else(String::new, |p| format!("; wrote {}", p.display()));
    out.err(&format!(
        "new {}, {} edition ({}): {what}; `profilec validate` lists {} to do{written}\n",
        profile.country.name,
        profile.edition,
        catalogue.id,
        count(warnings, "thing", "things"),
    ));
    Ok(Exit::Success)
}

fn path_text(path: Option<&PathBuf>) -> String {
    path.map(|p| p.display().to_string()).unwrap_or_default()
}

/// The profile to start from, validated.
fn read_old(
    path: &std::path::Path,
    validator: &crate::validate::Validator,
    today: Date,
    out: &mut Output,
) -> Result<Profile, Stop> {
    let checked = check_path(path, validator, today);
    let Some(profile) = checked.profile else {
        out.diagnostics(&checked.diagnostics);
        let exit = if checked.unreadable() {
            Exit::Error
        } else {
            Exit::Failure
        };
        return Err(Stop::quiet(exit).summary(format!(
            "{} is not a valid profile to start from: nothing was written",
            path.display()
        )));
    };
    match profile {
        AnyProfile::Cyberwellness(profile) => Ok(profile),
        AnyProfile::Scored(scored) => Err(usage(
            scored_refusal(&scored.schema_edition).in_file(path.display().to_string()),
        )),
    }
}

/// The catalogue of the new profile: `--edition`, or the old profile's,
/// or the default; a GCI edition is refused.
fn edition<'c>(
    options: &NewOptions,
    old: Option<&Profile>,
    catalogues: &'c crate::schema::Catalogues,
) -> Result<&'c Catalogue, Stop> {
    let id = options
        .edition
        .as_deref()
        .or(old.map(|o| o.schema_edition.as_str()))
        .unwrap_or(DEFAULT_EDITION);
    if let Some(old) = old
        && old.schema_edition != id
    {
        return Err(usage(
            Diagnostic::error(
                Code::EditionMismatch,
                format!(
                    "the profile to start from follows `{}`, not `{id}`: its answers do not carry over to another edition",
                    old.schema_edition
                ),
            )
            .with_hint("leave out --edition to keep the old profile's edition, or leave out --from for a blank profile of the other edition"),
        ));
    }
    if catalogues.scored(id).is_some() {
        return Err(usage(scored_refusal(id)));
    }
    catalogues.get(id).ok_or_else(|| {
        usage(
            Diagnostic::error(
                Code::UnknownEdition,
                format!("`{id}` is not an edition profilec knows"),
            )
            .with_hint(format!(
                "the editions are: {}",
                catalogues.ids().collect::<Vec<_>>().join(", ")
            )),
        )
    })
}

/// Why `new` makes no GCI profile: its scores are the ITU's published
/// figures, and a blank one could not validate without inventing them.
fn scored_refusal(id: &str) -> Diagnostic {
    Diagnostic::error(
        Code::BadValue,
        format!(
            "`{id}` is an edition of the ITU Global Cybersecurity Index: its profiles hold the ITU's published scores, which `profilec new` cannot make up"
        ),
    )
    .with_hint("import the published scores instead: `profilec import DATA.csv… -o profiles/gci/` (see data/gci/README.md); `profilec new` makes Cyberwellness profiles, e.g. --edition cyberwellness-2015")
}

/// Who compiles the new profile: `--publisher`, or the old profile's
/// compiler; never assumed to be the catalogue's publisher (the ITU).
fn publisher(
    options: &NewOptions,
    old: Option<&Profile>,
    catalogue: &Catalogue,
) -> Result<String, Stop> {
    if let Some(name) = &options.publisher {
        let name = name.trim();
        if name.is_empty() || name.chars().any(char::is_control) {
            return Err(usage(
                Diagnostic::error(Code::BadValue, "--publisher is empty or holds control characters")
                    .with_hint("give the name of the body that compiles the profile, e.g. --publisher \"National CERT of Kenya\""),
            ));
        }
        return Ok(name.to_owned());
    }
    match old {
        Some(old) if old.publisher != catalogue.publisher => Ok(old.publisher.clone()),
        _ => Err(usage(
            Diagnostic::error(Code::MissingField, "say who compiles this profile: --publisher NAME")
                .with_hint(format!(
                    "a profile names its publisher, and its documents say so; give yours, e.g. --publisher \"National CERT of Kenya\" (`{}` only for its own documents)",
                    catalogue.publisher
                )),
        )),
    }
}
