//! Legacy ITU text → [`Profile`]: `profilec import`.
//!
//! The ITU published its 2014–2015 Cyberwellness Profiles as PDF only. This
//! module owns turning the text of one (as `pdftotext` extracts it, with or
//! without `-layout`, or as [`pdf::extract_text`] gets it from the PDF) back
//! into a profile of the `cyberwellness-2015` edition, plus what the import
//! could not be sure of: `# imported:` notes for the YAML and warnings.
//!
//! It is pure — text in, profile and diagnostics out — and must not touch
//! files or the clock; the command reads the input and writes the output.
//! It must not invent anything either: a figure, a name or a date that the
//! text does not give is an error or stays out, never a default. The one
//! thing the user may add is the last-updated date ([`Options`]), which an
//! extraction that lost its last page lacks; the YAML says where it came
//! from.
//!
//! The stages, one submodule each:
//!
//! | stage | module |
//! | --- | --- |
//! | lines without page furniture, paragraphs and bullets, repaired words | [`text`] |
//! | headings found by the catalogue's numbers and titles, text sorted under them | `structure` |
//! | one indicator's answer: standard sentence or free text | `answer` |
//! | background figures and their sources | `background` |
//! | standard sentences matched against the catalogue, names captured | [`sentence`] |
//! | a status inferred from the ITU's phrasings where no sentence matches | `status` |
//! | YAML with the hand-made profiles' field order and the notes as comments | `emit` |
//!
//! The catalogue is the importer's knowledge of the document: its title,
//! background labels, headings and numbers, standard sentences and
//! disclaimer. Matching a standard sentence exactly (after filling in the
//! country and the names) is certain; a status read from phrasing is a guess,
//! and says so.

mod answer;
mod background;
mod dates;
pub(crate) mod emit;
pub mod gci;
pub mod pdf;
pub mod sentence;
mod status;
mod structure;
pub mod text;

pub use emit::to_yaml;

use std::collections::BTreeMap;

use crate::diag::{Code, Diagnostic, Location};
use crate::model::{Background, Country, Date, Indicator, PartialDate, Profile, Source, Status};
use crate::schema::{Catalogue, CountryEntry, country_by_name};
use answer::answer;
use structure::{Headings, Sections, split};
use text::{Line, Vocabulary};

/// What the user tells the importer beside the text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// The profile's last-updated date (`--last-updated`), for a text that
    /// lacks a readable "Last updated on" line, as an extraction that lost
    /// its last page does. It wins over the text's date, with a warning when
    /// they differ.
    pub last_updated: Option<Date>,
    /// Today: a date in the text after it is an error, as the validator
    /// would find it in the YAML. `None` checks no date against the clock.
    pub today: Option<Date>,
}

/// A profile recovered from a legacy document, with what the importer was
/// not sure of.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The profile.
    pub profile: Profile,
    /// Notes for `# imported:` comments in the YAML.
    pub notes: Notes,
    /// Warnings: guesses, missing sections, text left out.
    pub warnings: Vec<Diagnostic>,
    /// How the indicators were recovered.
    pub tally: Tally,
}

/// The `# imported:` notes of a profile.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Notes {
    /// About the country.
    pub country: Vec<String>,
    /// About the last-updated date (and so the edition year).
    pub last_updated: Vec<String>,
    /// About each indicator, by `(area key, indicator key)`.
    pub indicators: BTreeMap<(String, String), Vec<String>>,
}

/// How the indicators of an import were recovered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// Read from an exact standard sentence: certain.
    pub standard: usize,
    /// Free text whose status was inferred: a guess.
    pub guessed: usize,
    /// Absent from the text: imported as `unknown`.
    pub missing: usize,
}

/// A diagnostic about line `line` of the legacy file.
fn at_line(diagnostic: Diagnostic, file: &str, line: &Line) -> Diagnostic {
    let start = line.text.len() - line.text.trim_start().len();
    let column = line.text[..start].chars().count() as u32 + 1;
    let length = line.text.trim().chars().count().max(1) as u32;
    diagnostic.in_file(file.to_owned()).with_location(
        Location {
            line: line.no,
            column,
            length,
        },
        Some(line.text.clone()),
    )
}

/// The largest legacy document `import` reads, text or PDF, and the largest
/// text extracted from a PDF: the limit of every file profilec reads. ITU
/// profile PDFs are a few hundred kilobytes; their text, a few kilobytes.
pub const MAX_LEGACY_BYTES: u64 = crate::load::MAX_FILE_BYTES;

const EXPECTED: &str = "give the text of an ITU Cyberwellness Profile of 2014-2015 (as `pdftotext` extracts it, with or without -layout) or the PDF itself: it starts with the title CYBERWELLNESS PROFILE and the country, has a BACKGROUND block and the numbered sections 1.1.1 CRIMINAL LEGISLATION to 2.4 REPORTING MECHANISM, and ends with \"Last updated on …\"";

/// Imports the text of a legacy ITU Cyberwellness Profile. `file` names the
/// input in diagnostics. On success, the profile and its notes and
/// warnings; otherwise every error found (the input is not a profile, or a
/// part every profile needs is not there).
pub fn import(
    file: &str,
    input: &str,
    catalogue: &Catalogue,
    options: &Options,
) -> Result<Imported, Vec<Diagnostic>> {
    let lines = text::lines(input);
    let not_a_profile = |message: String| {
        vec![
            Diagnostic::error(Code::NotAProfile, message)
                .with_hint(EXPECTED)
                .in_file(file.to_owned()),
        ]
    };
    if lines.iter().all(Line::is_blank) {
        return Err(not_a_profile(
            "this is not an ITU Cyberwellness Profile: the file has no text".to_owned(),
        ));
    }

    let found = Headings::new(catalogue).scan(&lines);
    let sections = split(&lines, &found);
    let total = catalogue.len();
    if sections.title.is_none() && sections.indicators.len() < 5 {
        return Err(not_a_profile(format!(
            "this is not an ITU Cyberwellness Profile: it has no title \"{}\" and {} of the {total} numbered sections of one",
            catalogue.title,
            sections.indicators.len()
        )));
    }
    if sections.indicators.is_empty() {
        return Err(not_a_profile(format!(
            "this is not an ITU Cyberwellness Profile: it has the title \"{}\" but none of the {total} numbered sections (1.1.1 {} …)",
            catalogue.title,
            catalogue
                .indicators()
                .next()
                .map_or("", |l| l.indicator.heading.as_str())
        )));
    }

    let mut vocabulary = Vocabulary::default();
    for located in catalogue.indicators() {
        vocabulary.add(&located.indicator.heading);
        for sentence in located.indicator.sentences.values() {
            vocabulary.add(sentence);
        }
    }
    for line in &lines {
        vocabulary.add(&line.text);
    }

    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    let mut notes = Notes::default();

    let country = find_country(file, &sections, &lines, catalogue, &mut notes, &mut errors);
    let background = background::read(
        &sections.front,
        &catalogue.background.population,
        &catalogue.background.internet_users,
        &catalogue.background.data_source,
    );
    let last_updated = read_last_updated(
        file,
        &sections,
        catalogue,
        options.last_updated,
        &mut notes,
        &mut warnings,
        &mut errors,
    );
    let last_updated = last_updated.filter(|&date| {
        let line = sections
            .last_updated
            .as_ref()
            .filter(|_| options.last_updated.is_none())
            .map(|(line, _)| line);
        date_in_range(
            file,
            line,
            date.into(),
            "the last-updated date",
            FIRST_EDITION_YEAR,
            options.today,
            &mut errors,
        )
    });
    let figures = background.lines;
    let background = check_background(file, &background, &sections, catalogue, &mut errors).filter(
        |background| {
            let mut fine = true;
            // An imported background has both figures (or is refused).
            for (as_of, at, what) in [
                (
                    background.population.as_ref().map(|p| p.as_of),
                    figures.0,
                    &catalogue.background.population,
                ),
                (
                    background.internet_users.as_ref().map(|u| u.as_of),
                    figures.1,
                    &catalogue.background.internet_users,
                ),
            ] {
                let Some(as_of) = as_of else { continue };
                let line = at.and_then(|i| sections.front.get(i));
                let what = format!("the data source's date of \"{what}\"");
                fine &= date_in_range(
                    file,
                    line,
                    as_of,
                    &what,
                    FIRST_SOURCE_YEAR,
                    options.today,
                    &mut errors,
                );
            }
            fine
        },
    );

    let (Some(country), Some(background), Some(last_updated)) = (country, background, last_updated)
    else {
        return Err(errors);
    };

    if let Some(first) = sections.preamble.iter().find(|l| !l.is_blank()) {
        let count = sections.preamble.iter().filter(|l| !l.is_blank()).count();
        warnings.push(at_line(
            Diagnostic::warning(
                Code::ImportSkipped,
                format!(
                    "{count} line{} before the title \"{}\" left out",
                    if count == 1 { "" } else { "s" },
                    catalogue.title
                ),
            )
            .with_hint(
                "a profile starts at its title; check that nothing of the profile stands above it",
            ),
            file,
            first,
        ));
    }
    for group in &sections.skipped {
        let count = group.count;
        warnings.push(at_line(
            Diagnostic::warning(
                Code::ImportSkipped,
                format!("{count} line{} left out: {}", if count == 1 { "" } else { "s" }, group.why),
            )
            .with_hint("if the text belongs to an indicator, move it under that indicator's heading and import again"),
            file,
            &group.first,
        ));
    }

    let year = last_updated.year();
    let source_id = format!("itu-{year}");
    let mut profile = Profile {
        schema_edition: catalogue.id.clone(),
        country: Country {
            name: country.0.clone(),
            alpha2: country.1.alpha2.to_owned(),
            alpha3: country.1.alpha3.to_owned(),
        },
        edition: u16::try_from(year).unwrap_or_default(),
        last_updated,
        // The legacy documents are the ITU's own.
        publisher: catalogue.publisher.clone(),
        background,
        sources: BTreeMap::from([(
            source_id.clone(),
            Source {
                title: format!(
                    "{}: {}",
                    crate::wording::title_case(&catalogue.title),
                    country.0
                ),
                publisher: Some(catalogue.publisher.clone()),
                date: Some(last_updated.into()),
                ..Source::default()
            },
        )]),
        legal: BTreeMap::new(),
        technical: BTreeMap::new(),
        organizational: BTreeMap::new(),
        capacity: BTreeMap::new(),
        cooperation: BTreeMap::new(),
        child_protection: BTreeMap::new(),
    };

    // A text without the document's end has lost its last pages: the
    // section it stops in may be cut short too.
    let cut_short = (!sections.ended)
        .then(|| {
            sections
                .indicators
                .iter()
                .max_by_key(|(_, (heading, _))| heading.no)
                .map(|(i, _)| *i)
        })
        .flatten();
    let mut tally = Tally::default();
    for (i, located) in catalogue.indicators().enumerate() {
        let spec = located.indicator;
        let area = located.area.key.clone();
        let name = format!("{} {}", spec.number, spec.heading);
        let (indicator, indicator_notes, heading) = match sections.indicators.get(&i) {
            Some((heading, body)) => {
                let blocks = text::blocks(body, &vocabulary);
                let mut answer = answer(spec, &blocks, &country.0, &source_id);
                // An exact standard sentence is whole; other text may not be.
                if cut_short == Some(i) && !answer.standard {
                    answer.notes.push(format!(
                        "the legacy text ends in this section, without the disclaimer and the \"{}\" line: its text may be cut short",
                        catalogue.last_updated
                    ));
                }
                if answer.standard {
                    tally.standard += 1;
                } else {
                    tally.guessed += 1;
                }
                (answer.indicator, answer.notes, Some(heading))
            }
            None => {
                tally.missing += 1;
                warnings.push(
                    Diagnostic::warning(
                        Code::ImportMissing,
                        format!("indicator {name} is not in the text; it is imported as `unknown`"),
                    )
                    .with_hint("if the document has it, check its heading (number and title) and import again")
                    .in_file(file.to_owned()),
                );
                (
                    Indicator {
                        sources: vec![source_id.clone()],
                        ..Indicator::of(Status::Unknown)
                    },
                    vec![format!(
                        "{name} is not in the legacy text: recorded as unknown"
                    )],
                    None,
                )
            }
        };
        if let Some(heading) = heading {
            for note in &indicator_notes {
                warnings.push(at_line(
                    Diagnostic::warning(Code::ImportGuess, format!("indicator {name}: {note}"))
                        .with_hint("check it against the document; the YAML has an `# imported:` comment here"),
                    file,
                    heading,
                ));
            }
        }
        if !indicator_notes.is_empty() {
            notes
                .indicators
                .insert((area.clone(), spec.key.clone()), indicator_notes);
        }
        if let Some(area) = profile.area_mut(&area) {
            area.insert(spec.key.clone(), indicator);
        }
    }

    Ok(Imported {
        profile,
        notes,
        warnings,
        tally,
    })
}

/// The country under the title: its entry in the country table, and its
/// name as the text spells it.
fn find_country(
    file: &str,
    sections: &Sections,
    lines: &[Line],
    catalogue: &Catalogue,
    notes: &mut Notes,
    errors: &mut Vec<Diagnostic>,
) -> Option<(String, &'static CountryEntry)> {
    let Some((title, rest)) = &sections.title else {
        errors.push(
            Diagnostic::error(
                Code::ImportIncomplete,
                format!("the text has no title \"{}\", so the country is unknown", catalogue.title),
            )
            .with_hint(format!(
                "add the title and the country's name at the top, as in the document (\"{}\" then e.g. \"BELGIUM\"), and import again",
                catalogue.title
            ))
            .in_file(file.to_owned()),
        );
        return None;
    };
    // The name is the text after the title, or the first lines under it
    // (a long name may take two or three).
    let candidates: Vec<(String, &Line)> = match rest {
        Some(rest) => vec![(text::collapse(&rest.text), rest)],
        None => {
            let under: Vec<&Line> = sections
                .front
                .iter()
                .filter(|l| !l.is_blank())
                .take(3)
                .collect();
            (1..=under.len())
                .map(|n| {
                    let joined = under[..n]
                        .iter()
                        .map(|l| l.text.as_str())
                        .collect::<Vec<_>>()
                        .join(" ");
                    (text::collapse(&joined), under[0])
                })
                .collect()
        }
    };
    let found = candidates
        .iter()
        .rev()
        .find_map(|(name, line)| country_by_name(name).map(|entry| (name.clone(), entry, *line)));
    let Some((printed, entry, _)) = found else {
        let (shown, line) = candidates
            .first()
            .map_or((String::new(), title), |(name, line)| (name.clone(), *line));
        errors.push(at_line(
            Diagnostic::error(
                Code::ImportIncomplete,
                if shown.is_empty() {
                    "no country's name follows the title".to_owned()
                } else {
                    format!("`{shown}` under the title is not a country profilec knows")
                },
            )
            .with_hint("write the country's name under the title as the ISO 3166-1 table or the ITU spells it (schema/countries.tsv, schema/country-names.tsv)"),
            file,
            line,
        ));
        return None;
    };
    // The name as the body spells it ("Belgium" for "BELGIUM"): the standard
    // sentences print it so, and they must read the same.
    let body: String = lines
        .iter()
        .map(|l| l.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let mut spellings: Vec<&str> = vec![printed.as_str()];
    spellings.extend(entry.names.iter().copied());
    let spelled = spellings
        .iter()
        .find_map(|candidate| most_common_spelling(&body, candidate));
    let name = match spelled {
        Some(name) => name,
        None => {
            notes.country.push(format!(
                "the text prints the country's name only as the title does (\"{printed}\"); the name is the ISO short name"
            ));
            entry.name().to_owned()
        }
    };
    Some((name, entry))
}

/// The most frequent spelling in `body` of `name`, ignoring case, among
/// those that are not all capitals (the title's), as whole words. A
/// spelling found mid-sentence ("the Netherlands") gets its capital back.
fn most_common_spelling(body: &str, name: &str) -> Option<String> {
    let body: Vec<char> = body.chars().collect();
    let name: Vec<char> = text::collapse(name).chars().collect();
    if name.is_empty() || name.len() > body.len() {
        return None;
    }
    let same = |a: char, b: char| {
        a.to_lowercase().eq(b.to_lowercase())
            || (matches!(a, '\'' | '\u{2019}') && matches!(b, '\'' | '\u{2019}'))
    };
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    let mut first_seen: Vec<String> = Vec::new();
    for start in 0..=body.len() - name.len() {
        let end = start + name.len();
        let whole = (start == 0 || !body[start - 1].is_alphanumeric())
            && body.get(end).is_none_or(|c| !c.is_alphanumeric());
        if whole
            && body[start..end]
                .iter()
                .zip(&name)
                .all(|(a, b)| same(*a, *b))
        {
            let found: String = body[start..end].iter().collect();
            let has_lower = found.chars().any(char::is_lowercase);
            if has_lower {
                if !counts.contains_key(&found) {
                    first_seen.push(found.clone());
                }
                *counts.entry(found).or_default() += 1;
            }
        }
    }
    let best = first_seen.iter().max_by_key(|s| {
        (
            counts.get(*s).copied().unwrap_or(0),
            std::cmp::Reverse(first_seen.iter().position(|f| f == *s)),
        )
    })?;
    let mut chars = best.chars();
    Some(
        chars
            .next()
            .map(|c| c.to_uppercase().chain(chars).collect())
            .unwrap_or_default(),
    )
}

/// The profile's date: the text's "Last updated on" line, or the date the
/// user gave, which wins (with a note and a warning where it is not the
/// text's).
#[allow(clippy::too_many_arguments)]
fn read_last_updated(
    file: &str,
    sections: &Sections,
    catalogue: &Catalogue,
    given: Option<Date>,
    notes: &mut Notes,
    warnings: &mut Vec<Diagnostic>,
    errors: &mut Vec<Diagnostic>,
) -> Option<Date> {
    let label = &catalogue.last_updated;
    let option_hint = format!(
        "give the date with `--last-updated YYYY-MM-DD` (the one printed at the end of the document: `--last-updated 2015-02-02` for \"{label} 2nd February 2015\"), or add the line as the document prints it, and import again"
    );
    let Some((line, date_text)) = &sections.last_updated else {
        let Some(given) = given else {
            errors.push(
                Diagnostic::error(
                    Code::ImportIncomplete,
                    format!("the text has no \"{label} …\" line, so the profile's date is unknown (the text may have lost its end)"),
                )
                .with_hint(option_hint)
                .in_file(file.to_owned()),
            );
            return None;
        };
        warnings.push(
            Diagnostic::warning(
                Code::ImportMissing,
                format!("the text has no \"{label} …\" line; the date is {given}, from --last-updated"),
            )
            .with_hint("check the date against the document; the YAML has an `# imported:` comment above `edition`")
            .in_file(file.to_owned()),
        );
        notes.last_updated.push(format!(
            "the date {given} is from --last-updated: the legacy text has no \"{label}\" line"
        ));
        return Some(given);
    };
    let found = dates::full_date(date_text);
    match (found, given) {
        (Some(found), None) => Some(found),
        (Some(found), Some(given)) if found == given => Some(found),
        (Some(found), Some(given)) => {
            warnings.push(at_line(
                Diagnostic::warning(
                    Code::ImportSkipped,
                    format!(
                        "the text's date {} is left out: --last-updated gives {given}",
                        dates::in_words(found)
                    ),
                )
                .with_hint("leave out --last-updated to keep the document's date"),
                file,
                line,
            ));
            notes.last_updated.push(format!(
                "the date {given} is from --last-updated; the legacy text says {}",
                dates::in_words(found)
            ));
            Some(given)
        }
        (None, Some(given)) => {
            warnings.push(at_line(
                Diagnostic::warning(
                    Code::ImportSkipped,
                    format!(
                        "`{}` is not a date with day, month and year; the date is {given}, from --last-updated",
                        date_text.trim()
                    ),
                )
                .with_hint("check the date against the document; the YAML has an `# imported:` comment above `edition`"),
                file,
                line,
            ));
            notes.last_updated.push(format!(
                "the date {given} is from --last-updated: the legacy text's \"{label}\" line has no readable date"
            ));
            Some(given)
        }
        (None, None) => {
            errors.push(at_line(
                Diagnostic::error(
                    Code::ImportIncomplete,
                    format!(
                        "`{}` is not a date with day, month and year",
                        date_text.trim()
                    ),
                )
                .with_hint(format!("write the date as the document does, e.g. \"2nd February 2015\"; or {option_hint}")),
                file,
                line,
            ));
            None
        }
    }
}

/// The first year a profile's edition may have, and that of a data
/// source's date: the validator's floors, so that a date the import lets
/// through is one the imported profile passes with.
const FIRST_EDITION_YEAR: i16 = crate::validate::rules::EARLIEST_UPDATE_YEAR;
const FIRST_SOURCE_YEAR: i16 = crate::validate::rules::EARLIEST_SOURCE_YEAR;

/// Whether a date read from the text is one a profile may hold: not before
/// `first_year`, not after `today`. An error at `line` if not.
fn date_in_range(
    file: &str,
    line: Option<&Line>,
    date: PartialDate,
    what: &str,
    first_year: i16,
    today: Option<Date>,
    errors: &mut Vec<Diagnostic>,
) -> bool {
    let problem = if today.is_some_and(|today| date.earliest() > today) {
        Diagnostic::error(
            Code::FutureDate,
            format!(
                "{what}, {date}, is in the future (today is {})",
                today.map(|t| t.to_string()).unwrap_or_default()
            ),
        )
    } else if date.year() < first_year {
        Diagnostic::error(
            Code::OutOfRange,
            format!("{what}, {date}, is before {first_year}"),
        )
    } else {
        return true;
    };
    let problem = problem
        .with_hint("check the year against the document, correct it in the text and import again");
    errors.push(match line {
        Some(line) => at_line(problem, file, line),
        None => problem.in_file(file.to_owned()),
    });
    false
}

fn check_background(
    file: &str,
    found: &background::Background,
    sections: &Sections,
    catalogue: &Catalogue,
    errors: &mut Vec<Diagnostic>,
) -> Option<Background> {
    let labels = &catalogue.background;
    let mut problem = |what: String, hint: String, at: Option<usize>| {
        let diagnostic = Diagnostic::error(Code::ImportIncomplete, what).with_hint(hint);
        let line = at
            .and_then(|i| sections.front.get(i))
            .or(sections.background.as_ref())
            .or(sections.title.as_ref().map(|(line, _)| line));
        errors.push(match line {
            Some(line) => at_line(diagnostic, file, line),
            None => diagnostic.in_file(file.to_owned()),
        });
    };
    let source_hint = |label: &str| {
        format!(
            "under \"{label}\" the document gives \"({}: PUBLISHER, MONTH YEAR)\"; add it as printed and import again",
            labels.data_source
        )
    };
    for (label, figure_found, source, complete, at) in [
        (
            &labels.population,
            found.population.is_some(),
            found.population.as_ref().and_then(|p| p.1.clone()),
            found.population().is_some(),
            found.lines.0,
        ),
        (
            &labels.internet_users,
            found.internet_users.is_some(),
            found.internet_users.as_ref().and_then(|p| p.1.clone()),
            found.internet_users().is_some(),
            found.lines.1,
        ),
    ] {
        if complete {
            continue;
        }
        if !figure_found {
            problem(
                format!("the background has no \"{label}:\" figure"),
                format!("add the line \"{label}: …\" as the document prints it and import again"),
                None,
            );
        } else if source.is_none() {
            problem(
                format!("the \"{label}\" figure has no data source"),
                source_hint(label),
                at,
            );
        } else {
            problem(
                format!("the data source of \"{label}\" has no date"),
                source_hint(label),
                at,
            );
        }
    }
    Some(Background {
        population: Some(found.population()?),
        internet_users: Some(found.internet_users()?),
    })
}

#[cfg(test)]
mod fuzz;
#[cfg(test)]
mod tests;
