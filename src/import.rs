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
//! text does not give is an error or stays out, never a default.
//!
//! The stages, one submodule each:
//!
//! | stage | module |
//! | --- | --- |
//! | lines without page furniture, paragraphs and bullets, repaired words | [`text`] |
//! | headings found by the catalogue's numbers and titles | this module |
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

mod background;
mod dates;
mod emit;
pub mod pdf;
pub mod sentence;
mod status;
pub mod text;

pub use emit::to_yaml;

use std::collections::BTreeMap;

use crate::diag::{Code, Diagnostic, Location};
use crate::model::{Background, Country, Date, Indicator, Profile, Source, Status};
use crate::schema::{Catalogue, CountryEntry, IndicatorSpec, NamedList, country_by_name};
use sentence::Names;
use text::{Block, Line, Vocabulary};

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

/// What a heading line of the legacy text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    /// `CYBERWELLNESS PROFILE`, the country after it.
    Title,
    /// `BACKGROUND`.
    Background,
    /// `1. CYBERSECURITY`, `1.1 LEGAL MEASURES`: headings without text.
    Heading,
    /// An indicator, by its index in the catalogue's document order.
    Indicator(usize),
    /// The disclaimer: the end of the content.
    Disclaimer,
    /// `Last updated on …`.
    LastUpdated,
}

/// A heading found in the text.
#[derive(Debug, Clone)]
struct Found {
    mark: Mark,
    /// Index of its first line.
    first: usize,
    /// Index of the line after it.
    next: usize,
    /// Text after the heading on its last line.
    rest: Option<Line>,
}

/// The headings of a catalogue, as keys to compare lines with: letters and
/// digits only, upper case, so that spacing, dots and line breaks inside a
/// heading do not matter.
struct Headings {
    keys: Vec<(Vec<char>, Mark)>,
}

/// A line's characters kept for comparison with their byte offsets.
fn compact(text: &str) -> Vec<(char, usize)> {
    text.char_indices()
        .filter(|(_, c)| !c.is_whitespace() && *c != '.')
        .map(|(i, c)| (c.to_uppercase().next().unwrap_or(c), i))
        .collect()
}

fn key(text: &str) -> Vec<char> {
    compact(text).into_iter().map(|(c, _)| c).collect()
}

impl Headings {
    fn new(catalogue: &Catalogue) -> Self {
        let mut keys = vec![
            (key(&catalogue.title), Mark::Title),
            (key(&catalogue.background.heading), Mark::Background),
            (key(&catalogue.last_updated), Mark::LastUpdated),
        ];
        for line in &catalogue.disclaimer {
            // The words before the first colon or address: "DISCLAIMER",
            // "More information is available on ITU website at".
            let head = line.split([':']).next().unwrap_or(line);
            let head = head.split("http").next().unwrap_or(head);
            if !head.trim().is_empty() {
                keys.push((key(head), Mark::Disclaimer));
            }
        }
        for part in &catalogue.parts {
            keys.push((
                key(&format!("{}{}", part.number, part.heading)),
                Mark::Heading,
            ));
            for area in &part.areas {
                if let (Some(number), Some(heading)) = (&area.number, &area.heading) {
                    keys.push((key(&format!("{number}{heading}")), Mark::Heading));
                }
            }
        }
        for (i, located) in catalogue.indicators().enumerate() {
            let spec = located.indicator;
            keys.push((
                key(&format!("{}{}", spec.number, spec.heading)),
                Mark::Indicator(i),
            ));
        }
        Headings { keys }
    }

    /// Every heading in `lines`, in order.
    fn scan(&self, lines: &[Line]) -> Vec<Found> {
        let mut found = Vec::new();
        let mut i = 0;
        while i < lines.len() {
            match self.at(lines, i) {
                Some(heading) => {
                    i = heading.next;
                    found.push(heading);
                }
                None => i += 1,
            }
        }
        found
    }

    /// The heading starting at line `first`, which may go on over a few
    /// lines ("1.1.1" / "CRIMINAL LEGISLATION") and be followed by text on
    /// its last line.
    fn at(&self, lines: &[Line], first: usize) -> Option<Found> {
        if lines.get(first)?.is_blank() {
            return None;
        }
        let mut acc: Vec<char> = Vec::new();
        let mut j = first;
        let mut used = 0;
        let mut blanks = 0;
        loop {
            let line = lines.get(j)?;
            if line.is_blank() {
                blanks += 1;
                if blanks > 2 {
                    return None;
                }
                j += 1;
                continue;
            }
            blanks = 0;
            used += 1;
            let chars = compact(&line.text);
            let before = acc.len();
            acc.extend(chars.iter().map(|(c, _)| *c));
            let best = self
                .keys
                .iter()
                .filter(|(key, _)| key.len() > before && acc.starts_with(key))
                .filter_map(|(key, mark)| {
                    let taken = key.len() - before;
                    let end = chars
                        .get(taken - 1)
                        .map_or(line.text.len(), |&(_, offset)| {
                            offset + line.text[offset..].chars().next().map_or(0, char::len_utf8)
                        });
                    let rest = &line.text[end..];
                    // A heading ends at a word's end: "CIRT", not "CIRTs".
                    let boundary = rest.chars().next().is_none_or(|c| !c.is_alphanumeric());
                    boundary.then_some((key.len(), *mark, rest))
                })
                .max_by_key(|(len, _, _)| *len);
            if let Some((_, mark, rest)) = best {
                let rest = rest.trim_start_matches(|c: char| {
                    c.is_whitespace() || matches!(c, ':' | '-' | '–')
                });
                return Some(Found {
                    mark,
                    first,
                    next: j + 1,
                    rest: rest.chars().any(char::is_alphanumeric).then(|| Line {
                        no: line.no,
                        text: rest.to_owned(),
                        page_break: false,
                    }),
                });
            }
            let may_go_on = self
                .keys
                .iter()
                .any(|(key, _)| key.len() > acc.len() && key.starts_with(&acc));
            if !may_go_on || used >= 4 {
                return None;
            }
            j += 1;
        }
    }
}

/// The sections of the legacy text, by what they hold.
#[derive(Debug, Default)]
struct Sections {
    /// The line of the first title, and its text after the title.
    title: Option<(Line, Option<Line>)>,
    /// Lines under the title: the country, and the background block.
    front: Vec<Line>,
    /// The `BACKGROUND` heading.
    background: Option<Line>,
    /// Each indicator's heading line and lines, by catalogue index.
    indicators: BTreeMap<usize, (Line, Vec<Line>)>,
    /// The last-updated line and the text after its label.
    last_updated: Option<(Line, String)>,
    /// Text before the title.
    preamble: Vec<Line>,
    /// Text that belongs to no indicator, with why.
    skipped: Vec<Skipped>,
}

/// Lines in a row left out for one reason.
#[derive(Debug)]
struct Skipped {
    /// The first of them.
    first: Line,
    why: &'static str,
    count: usize,
    /// Whether lines that follow still join this group.
    open: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    Preamble,
    Front,
    Indicator(usize),
    Skipped(&'static str),
    End,
}

fn split(lines: &[Line], found: &[Found]) -> Sections {
    let mut sections = Sections::default();
    let mut target = Target::Preamble;
    let mut cursor = 0;
    let mut country_line: Option<Vec<char>> = None;
    let mut drop_country = false;
    let mut page_break = false;
    let push = |sections: &mut Sections, target: Target, line: Line| match target {
        Target::Preamble => sections.preamble.push(line),
        Target::Front => sections.front.push(line),
        Target::Indicator(i) => {
            if let Some((_, body)) = sections.indicators.get_mut(&i) {
                body.push(line);
            }
        }
        Target::Skipped(why) => {
            if line.is_blank() {
                return;
            }
            match sections.skipped.last_mut() {
                Some(group) if group.open && group.why == why => group.count += 1,
                _ => sections.skipped.push(Skipped {
                    first: line,
                    why,
                    count: 1,
                    open: true,
                }),
            }
        }
        Target::End => {}
    };
    for heading in found.iter().map(Some).chain(std::iter::once(None)) {
        let until = heading.map_or(lines.len(), |h| h.first);
        for line in &lines[cursor..until] {
            let mut line = line.clone();
            if drop_country && !line.is_blank() {
                drop_country = false;
                if country_line.as_deref() == Some(&key(&line.text)) {
                    continue;
                }
            }
            line.page_break |= std::mem::take(&mut page_break);
            push(&mut sections, target, line);
        }
        let Some(heading) = heading else { break };
        if let Some(group) = sections.skipped.last_mut() {
            group.open = false;
        }
        cursor = heading.next;
        let heading_line = lines[heading.first].clone();
        match heading.mark {
            Mark::Title if sections.title.is_some() => {
                // A running title repeated at the top of a page: furniture.
                // The country under it goes too, and the section goes on.
                drop_country = heading.rest.is_none();
                page_break = true;
                continue;
            }
            Mark::Title => {
                country_line = heading.rest.as_ref().map(|r| key(&r.text)).or_else(|| {
                    lines[heading.next..]
                        .iter()
                        .find(|l| !l.is_blank())
                        .map(|l| key(&l.text))
                });
                sections.title = Some((heading_line, heading.rest.clone()));
                target = Target::Front;
                continue;
            }
            Mark::Background => {
                sections.background.get_or_insert(heading_line);
                target = Target::Front;
            }
            Mark::Heading => {
                target = Target::Skipped(
                    "it stands under a part or area heading, not under an indicator",
                );
            }
            Mark::Indicator(i) => {
                if let std::collections::btree_map::Entry::Vacant(entry) =
                    sections.indicators.entry(i)
                {
                    entry.insert((heading_line, Vec::new()));
                    target = Target::Indicator(i);
                } else {
                    const WHY: &str =
                        "a second section of an indicator already read (the first is kept)";
                    sections.skipped.push(Skipped {
                        first: heading_line,
                        why: WHY,
                        count: 1,
                        open: true,
                    });
                    target = Target::Skipped(WHY);
                }
            }
            Mark::Disclaimer => target = Target::End,
            Mark::LastUpdated => {
                if sections.last_updated.is_none() {
                    // The date may be on the next line when the label ends one.
                    let date_text = heading.rest.as_ref().map(|r| r.text.clone()).or_else(|| {
                        lines[heading.next..]
                            .iter()
                            .find(|l| !l.is_blank())
                            .map(|l| l.text.clone())
                    });
                    sections.last_updated = Some((heading_line, date_text.unwrap_or_default()));
                }
                target = Target::End;
                continue;
            }
        }
        if let Some(rest) = heading.rest.clone() {
            push(&mut sections, target, rest);
        }
    }
    sections
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

const EXPECTED: &str = "give the text of an ITU Cyberwellness Profile of 2014-2015 (as `pdftotext` extracts it, with or without -layout) or the PDF itself: it starts with the title CYBERWELLNESS PROFILE and the country, has a BACKGROUND block and the numbered sections 1.1.1 CRIMINAL LEGISLATION to 2.4 REPORTING MECHANISM, and ends with \"Last updated on …\"";

/// Imports the text of a legacy ITU Cyberwellness Profile. `file` names the
/// input in diagnostics. On success, the profile and its notes and
/// warnings; otherwise every error found (the input is not a profile, or a
/// part every profile needs is not there).
pub fn import(file: &str, input: &str, catalogue: &Catalogue) -> Result<Imported, Vec<Diagnostic>> {
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
    let last_updated = read_last_updated(file, &sections, catalogue, &mut errors);
    let background = check_background(file, &background, &sections, catalogue, &mut errors);

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
        background,
        sources: BTreeMap::from([(
            source_id.clone(),
            Source {
                title: format!("{}: {}", title_case(&catalogue.title), country.0),
                publisher: Some(catalogue.publisher.clone()),
                date: Some(last_updated.into()),
                url: None,
            },
        )]),
        legal: BTreeMap::new(),
        technical: BTreeMap::new(),
        organizational: BTreeMap::new(),
        capacity: BTreeMap::new(),
        cooperation: BTreeMap::new(),
        child_protection: BTreeMap::new(),
    };

    let mut tally = Tally::default();
    for (i, located) in catalogue.indicators().enumerate() {
        let spec = located.indicator;
        let area = located.area.key.clone();
        let name = format!("{} {}", spec.number, spec.heading);
        let (indicator, indicator_notes, heading) = match sections.indicators.get(&i) {
            Some((heading, body)) => {
                let blocks = text::blocks(body, &vocabulary);
                let answer = answer(spec, &blocks, &country.0, &source_id);
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
                        status: Status::Unknown,
                        instruments: Vec::new(),
                        agencies: Vec::new(),
                        text: None,
                        sources: vec![source_id.clone()],
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

/// "CYBERWELLNESS PROFILE" → "Cyberwellness Profile".
fn title_case(text: &str) -> String {
    text.split_whitespace()
        .map(|word| {
            let mut chars = word.chars();
            chars
                .next()
                .map(|c| {
                    c.to_uppercase()
                        .chain(chars.flat_map(char::to_lowercase))
                        .collect()
                })
                .unwrap_or_default()
        })
        .collect::<Vec<String>>()
        .join(" ")
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

fn read_last_updated(
    file: &str,
    sections: &Sections,
    catalogue: &Catalogue,
    errors: &mut Vec<Diagnostic>,
) -> Option<Date> {
    let Some((line, date_text)) = &sections.last_updated else {
        errors.push(
            Diagnostic::error(
                Code::ImportIncomplete,
                format!("the text has no \"{} …\" line, so the profile's date is unknown", catalogue.last_updated),
            )
            .with_hint(format!(
                "add the line as the document prints it at its end, e.g. \"{} 2nd February 2015\", and import again",
                catalogue.last_updated
            ))
            .in_file(file.to_owned()),
        );
        return None;
    };
    let date = dates::full_date(date_text);
    if date.is_none() {
        errors.push(at_line(
            Diagnostic::error(
                Code::ImportIncomplete,
                format!(
                    "`{}` is not a date with day, month and year",
                    date_text.trim()
                ),
            )
            .with_hint("write the date as the document does, e.g. \"2nd February 2015\""),
            file,
            line,
        ));
    }
    date
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
        population: found.population()?,
        internet_users: found.internet_users()?,
    })
}

/// An indicator's answer as read from the text.
struct Answer {
    indicator: Indicator,
    /// What the importer was not sure of.
    notes: Vec<String>,
    /// Whether the text is a standard sentence, so the status is certain.
    standard: bool,
}

/// The answer of one indicator from its blocks of text.
fn answer(spec: &IndicatorSpec, blocks: &[Block], country: &str, source: &str) -> Answer {
    let mut indicator = Indicator {
        status: Status::Unknown,
        instruments: Vec::new(),
        agencies: Vec::new(),
        text: None,
        sources: vec![source.to_owned()],
    };
    if blocks.is_empty() {
        return Answer {
            indicator,
            notes: vec!["its section has a heading but no text: recorded as unknown".to_owned()],
            standard: false,
        };
    }
    let bullets: Vec<String> = blocks
        .iter()
        .filter_map(|b| match b {
            Block::Bullet(item) => Some(item.clone()),
            Block::Paragraph(_) => None,
        })
        .collect();
    // The template ends the last bullet with the sentence's period.
    let mut instruments = bullets.clone();
    if let Some(last) = instruments.last_mut()
        && let Some(stripped) = last.strip_suffix('.')
    {
        *last = stripped.trim_end().to_owned();
    }
    let lists_bullets = spec.list == Some(NamedList::Instruments);

    if let [Block::Paragraph(first), rest @ ..] = blocks
        && rest.iter().all(|b| matches!(b, Block::Bullet(_)))
        && (rest.is_empty() || lists_bullets)
    {
        let given = Names {
            instruments: if lists_bullets {
                instruments.clone()
            } else {
                Vec::new()
            },
            agencies: Vec::new(),
        };
        for status in Status::ALL {
            if !rest.is_empty() && status != Status::Yes {
                continue;
            }
            let Some(pieces) = spec.sentences.get(&status).and_then(|t| sentence::parse(t)) else {
                continue;
            };
            if let Some(names) = sentence::matches(&pieces, first, country, &given) {
                let notes = names
                    .agencies
                    .iter()
                    .chain(names.instruments.iter().filter(|_| !lists_bullets))
                    .filter(|name| name.contains(" and "))
                    .map(|name| {
                        format!("\"{name}\" is read as one name; if it names several, split it into a list")
                    })
                    .collect();
                indicator.status = status;
                indicator.instruments = names.instruments;
                indicator.agencies = names.agencies;
                return Answer {
                    indicator,
                    notes,
                    standard: true,
                };
            }
        }
    }

    // Free text: kept as written (as Markdown, bullets as a list, since the
    // document prints no standard list after free text), status inferred.
    let mut parts: Vec<String> = Vec::new();
    for block in blocks {
        match block {
            Block::Paragraph(text) => parts.push(text::markdown(text)),
            Block::Bullet(item) => {
                let item = format!("- {}", text::markdown(item));
                match parts.last_mut() {
                    Some(last) if last.starts_with("- ") => {
                        last.push('\n');
                        last.push_str(&item);
                    }
                    _ => parts.push(item),
                }
            }
        }
    }
    let all_words: Vec<&str> = blocks
        .iter()
        .map(|b| match b {
            Block::Paragraph(t) | Block::Bullet(t) => t.as_str(),
        })
        .collect();
    let inferred = status::infer(&all_words.join(" "));
    indicator.status = inferred.status;
    indicator.instruments = instruments;
    indicator.text = Some(parts.join("\n\n"));
    let note = if parts.iter().all(|p| p.starts_with("- ")) {
        "status `yes` guessed: the section is a list without a sentence".to_owned()
    } else {
        format!("status `{}` {}", inferred.status, inferred.reason)
    };
    if parts.iter().all(|p| p.starts_with("- ")) {
        indicator.status = Status::Yes;
    }
    Answer {
        indicator,
        notes: vec![note],
        standard: false,
    }
}

#[cfg(test)]
mod tests;
