//! The rules of meaning: what the JSON Schema cannot judge.
//!
//! Long (about 940 lines before its tests) because it is a list: one short
//! function per rule, for both kinds of edition, read one at a time.
//!
//! | owns | must not |
//! | --- | --- |
//! | one function per rule, each with its test; the list of rules ([`RULES`]) | read files, the clock or the environment (today is given); stop at the first problem |
//!
//! Rules read the raw JSON value leniently: a field of the wrong type is
//! simply not judged here (the shape check has reported it), so one run
//! reports these problems too, even when the shape has errors. Rules are
//! what changes most with a new edition: a rule for one kind of edition
//! looks at [`Input::catalogue`] and returns when it does not apply.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::shape::suggest;
use crate::diag::{Code, Diagnostic};
use crate::load::escape_pointer;
use crate::model::{Date, PartialDate};
use crate::schema::scored::ROUNDING;
use crate::schema::{
    Catalogue, IndicatorSpec, NamedList, ScoredEdition, country_by_alpha2, country_by_alpha3,
    regions,
};
use crate::wording::{and_list, two_decimals};

/// What every rule is given.
#[derive(Clone, Copy)]
pub struct Input<'a> {
    /// The profile, as data.
    pub value: &'a Value,
    /// The Cyberwellness catalogue of the edition it names, when it names one.
    pub catalogue: Option<&'a Catalogue>,
    /// The GCI edition it names, when it names one.
    pub scored: Option<&'a ScoredEdition>,
    /// The date against which "in the future" is judged.
    pub today: Date,
}

/// A rule: reads the profile, pushes what it finds.
pub type Rule = fn(&Input, &mut Vec<Diagnostic>);

/// Every rule of meaning, in the order their findings are reported (the
/// final report is sorted by line anyway).
pub const RULES: &[(&str, Rule)] = &[
    ("dates are real and in range", dates),
    ("last update not before the edition", updated_after_edition),
    ("a source has a date or a bound, not both", date_or_bound),
    (
        "the catalogue's publisher is named as the catalogue names it",
        publisher_name,
    ),
    ("the background gives its figures", figures_given),
    ("carried-over answers are re-sourced", carried_over),
    ("country codes exist and agree", country_codes),
    ("source addresses are web addresses", source_urls),
    ("free text is not blank", blank_text),
    ("a partial answer explains itself", partial_has_text),
    ("a yes names what is in place", yes_names_what_is_in_place),
    ("every answer cites a source", answers_cite_sources),
    ("cited sources exist", cited_sources_exist),
    ("no name listed twice", no_duplicates),
    ("every source is cited", sources_are_cited),
    ("scores cite a known source", scores_cite_known_sources),
    (
        "the overall score is the sum of the pillars",
        overall_is_the_sum,
    ),
    (
        "the tier agrees with the overall score",
        tier_agrees_with_overall,
    ),
    (
        "no pillar is both a strength and a growth area",
        strengths_are_not_growth,
    ),
    ("the region is an ITU-D region", region_is_known),
];

/// The earliest `last_updated` that makes sense: no cyberwellness profile
/// existed before 1990 (the edition's own floor in the JSON Schema).
pub const EARLIEST_UPDATE_YEAR: i16 = 1990;

/// The earliest date a cited document or a figure may carry: older laws and
/// conventions are cited, but a date before 1900 is a typo.
pub const EARLIEST_SOURCE_YEAR: i16 = 1900;

// ---------------------------------------------------------------------------
// Dates.

/// Dates are real calendar dates, not in the future, and not absurdly old.
fn dates(input: &Input, out: &mut Vec<Diagnostic>) {
    let value = input.value;
    if let Some(text) = value.pointer("/last_updated").and_then(Value::as_str) {
        match text.parse::<Date>() {
            Ok(date) if date > input.today => {
                out.push(future("/last_updated", text, input.today))
            }
            Ok(date) if date.year() < EARLIEST_UPDATE_YEAR => out.push(
                Diagnostic::error(
                    Code::BadDate,
                    format!("{text} is before any cyberwellness profile existed"),
                )
                .with_hint(format!(
                    "`last_updated` is the day the profile was brought up to date, {EARLIEST_UPDATE_YEAR} or later; check the year"
                ))
                .at("/last_updated"),
            ),
            Ok(_) => {}
            Err(e) => out.push(bad_date("/last_updated", &e.to_string())),
        }
    }
    let mut partial_dates: Vec<String> = vec![
        "/background/population/as_of".into(),
        "/background/internet_users/as_of".into(),
    ];
    if let Some(sources) = value.get("sources").and_then(Value::as_object) {
        for id in sources.keys() {
            for field in ["date", "not_before"] {
                partial_dates.push(format!("/sources/{}/{field}", escape_pointer(id)));
            }
        }
    }
    for pointer in partial_dates {
        let text = match value.pointer(&pointer) {
            Some(Value::String(s)) => s.clone(),
            Some(Value::Number(n)) => n.to_string(),
            _ => continue,
        };
        match text.parse::<PartialDate>() {
            Ok(date) if date.earliest() > input.today => {
                out.push(future(&pointer, &text, input.today))
            }
            Ok(date) if date.year() < EARLIEST_SOURCE_YEAR => out.push(
                Diagnostic::error(Code::BadDate, format!("{text} is too early to be right"))
                    .with_hint(format!(
                        "a document or figure a profile cites dates from {EARLIEST_SOURCE_YEAR} or later; check the year"
                    ))
                    .at(pointer),
            ),
            Ok(_) => {}
            Err(e) => out.push(bad_date(&pointer, &e.to_string())),
        }
    }
    if let Some(edition) = value.get("edition").and_then(Value::as_i64)
        && edition > i64::from(input.today.year())
    {
        out.push(
            Diagnostic::error(
                Code::FutureDate,
                format!("edition {edition} is in the future"),
            )
            .with_hint(format!(
                "the edition is the year of the newest source used, {} at the latest",
                input.today.year()
            ))
            .at("/edition"),
        );
    }
}

/// A profile cannot have been brought up to date before the year of its
/// own edition. A date before any profile existed is already reported by
/// [`dates`]: one wrong year is one problem.
fn updated_after_edition(input: &Input, out: &mut Vec<Diagnostic>) {
    let edition = input.value.get("edition").and_then(Value::as_i64);
    let updated = input
        .value
        .get("last_updated")
        .and_then(Value::as_str)
        .and_then(|t| t.parse::<Date>().ok())
        .filter(|d| d.year() >= EARLIEST_UPDATE_YEAR);
    if let (Some(edition), Some(updated)) = (edition, updated)
        && i64::from(updated.year()) < edition
    {
        out.push(
            Diagnostic::error(
                Code::BadDate,
                format!(
                    "the profile was last updated on {updated}, before the year of its edition, {edition}"
                ),
            )
            .with_hint(format!(
                "`last_updated` is the day this edition was brought up to date, in {edition} or later; or the edition is {}",
                updated.year()
            ))
            .at("/last_updated"),
        );
    }
}

/// A dated document needs no lower bound: `not_before` is for documents
/// that give no date, and both together would leave the reader unsure
/// which one the profile means.
fn date_or_bound(input: &Input, out: &mut Vec<Diagnostic>) {
    let Some(sources) = input.value.get("sources").and_then(Value::as_object) else {
        return;
    };
    for (id, source) in sources {
        if source.get("date").is_some() && source.get("not_before").is_some() {
            out.push(
                Diagnostic::error(
                    Code::BadDate,
                    format!("source `{id}` has both a `date` and a `not_before` bound"),
                )
                .with_hint("keep `date` if the document gives its date; `not_before` is only for a document that gives none")
                .at(format!("/sources/{}/not_before", escape_pointer(id))),
            );
        }
    }
}

/// Documents print the catalogue publisher's title block and disclaimer
/// (the ITU's) only for a publisher written exactly as the catalogue
/// writes it. A publisher that names it otherwise (`ITU`) is either the
/// ITU's own document misspelled, or a compilation that seems to claim
/// the ITU as its publisher: a warning either way.
fn publisher_name(input: &Input, out: &mut Vec<Diagnostic>) {
    let (Some(catalogue), Some(publisher)) = (
        input.catalogue,
        input.value.get("publisher").and_then(Value::as_str),
    ) else {
        return;
    };
    if publisher == catalogue.publisher {
        return;
    }
    let words = |text: &str| -> Vec<String> {
        text.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let named = words(&catalogue.publisher);
    // The acronym in brackets (`ITU`), and the name before it.
    let acronym = catalogue
        .publisher
        .rsplit_once('(')
        .map(|(_, rest)| rest.trim_end_matches(')').to_lowercase());
    let full: Vec<String> = words(
        catalogue
            .publisher
            .split_once('(')
            .map_or(catalogue.publisher.as_str(), |(name, _)| name),
    );
    let given = words(publisher);
    let names_it = acronym.is_some_and(|a| given.contains(&a))
        || (!full.is_empty() && given.windows(full.len()).any(|w| w == full.as_slice()))
        || given == named;
    if names_it {
        out.push(
            Diagnostic::warning(
                Code::PublisherName,
                format!(
                    "the publisher `{publisher}` names the {} but not as the catalogue does",
                    catalogue.publisher
                ),
            )
            .with_hint(format!(
                "if the {0} published this profile, write `publisher: {0}` exactly, and its documents carry its disclaimer; if you compiled it, name yourself: its documents then say it is a compilation, not the {0}'s",
                catalogue.publisher
            ))
            .at("/publisher"),
        );
    }
}

/// A figure of the background that no source gives is left out, never
/// invented; the document says "no information" (a warning).
fn figures_given(input: &Input, out: &mut Vec<Diagnostic>) {
    let (Some(catalogue), Some(background)) = (
        input.catalogue,
        input.value.get("background").and_then(Value::as_object),
    ) else {
        return;
    };
    for (field, label, example) in [
        (
            "population",
            &catalogue.background.population,
            "population: {value: 10788000, source: United Nations Statistics Division, as_of: 2012-12}",
        ),
        (
            "internet_users",
            &catalogue.background.internet_users,
            "internet_users: {percent: 82.17, source: ITU Statistics, as_of: 2013-12}",
        ),
    ] {
        if !background.contains_key(field) {
            out.push(
                Diagnostic::warning(
                    Code::MissingFigure,
                    format!("the background gives no figure for \"{label}\": the document says there is no information"),
                )
                .with_hint(format!("add it from a source, with that source and its date, e.g. `{example}`"))
                .at("/background"),
            );
        }
    }
}

/// An answer `profilec new --from` carried over from an earlier edition
/// still says what the old sources said (a warning until it is
/// re-sourced); it cannot come from the edition itself or a later one.
fn carried_over(input: &Input, out: &mut Vec<Diagnostic>) {
    let edition = input.value.get("edition").and_then(Value::as_i64);
    for answer in answers(input) {
        let Some(from) = answer
            .value
            .get("carried_over_from")
            .and_then(Value::as_i64)
        else {
            continue;
        };
        let pointer = format!("{}/carried_over_from", answer.base);
        if let Some(edition) = edition.filter(|&e| from >= e) {
            out.push(
                Diagnostic::error(
                    Code::BadValue,
                    format!(
                        "indicator {} is carried over from the {from} edition, which is not earlier than this one ({edition})",
                        answer.name
                    ),
                )
                .with_hint("`carried_over_from` is the year of the earlier edition the answer was copied from")
                .at(pointer),
            );
            continue;
        }
        out.push(
            Diagnostic::warning(
                Code::CarriedOver,
                format!(
                    "indicator {} is carried over from the {from} edition and not yet re-sourced",
                    answer.name
                ),
            )
            .with_hint("check the answer against current sources, update its text and `sources`, then delete `carried_over_from`")
            .at(pointer),
        );
    }
}

fn bad_date(pointer: &str, message: &str) -> Diagnostic {
    Diagnostic::error(Code::BadDate, message.to_owned())
        .with_hint("check the day and month: the date must exist in the calendar")
        .at(pointer)
}

fn future(pointer: &str, text: &str, today: Date) -> Diagnostic {
    Diagnostic::error(
        Code::FutureDate,
        format!("{text} is in the future (today is {today})"),
    )
    .with_hint("a profile records what has happened; check the year")
    .at(pointer)
}

// ---------------------------------------------------------------------------
// The country and the sources' addresses.

/// ISO 3166-1 codes exist, and the alpha-2 and alpha-3 codes name one country.
fn country_codes(input: &Input, out: &mut Vec<Diagnostic>) {
    let field = |name: &str| {
        input
            .value
            .pointer(&format!("/country/{name}"))
            .and_then(Value::as_str)
    };
    let name = field("name").unwrap_or_default();
    let (alpha2, alpha3) = (field("alpha2"), field("alpha3"));
    let by2 = alpha2.map(|code| (code, country_by_alpha2(code)));
    let by3 = alpha3.map(|code| (code, country_by_alpha3(code)));
    if let Some((code, None)) = by2 {
        out.push(
            Diagnostic::error(
                Code::BadCountryCode,
                format!("`{code}` is not an ISO 3166-1 alpha-2 country code"),
            )
            .with_hint(code_hint(name, true))
            .at("/country/alpha2"),
        );
    }
    if let Some((code, None)) = by3 {
        out.push(
            Diagnostic::error(
                Code::BadCountryCode,
                format!("`{code}` is not an ISO 3166-1 alpha-3 country code"),
            )
            .with_hint(code_hint(name, false))
            .at("/country/alpha3"),
        );
    }
    if let (Some((_, Some(a))), Some((_, Some(b)))) = (by2, by3)
        && a.alpha2 != b.alpha2
    {
        out.push(
            Diagnostic::error(
                Code::CountryCodeMismatch,
                format!(
                    "`{}` is {} but `{}` is {}",
                    a.alpha2,
                    a.name(),
                    b.alpha3,
                    b.name()
                ),
            )
            .with_hint(format!(
                "for {} use {} and {}",
                a.name(),
                a.alpha2,
                a.alpha3
            ))
            .at("/country/alpha3"),
        );
    }
}

fn code_hint(name: &str, alpha2: bool) -> String {
    match crate::schema::country_by_name(name) {
        Some(c) => format!(
            "the code of {} is {}",
            c.name(),
            if alpha2 { c.alpha2 } else { c.alpha3 }
        ),
        None => "see ISO 3166-1 for the country's code".to_owned(),
    }
}

/// A source's address is a well-formed web address.
fn source_urls(input: &Input, out: &mut Vec<Diagnostic>) {
    let Some(sources) = input.value.get("sources").and_then(Value::as_object) else {
        return;
    };
    for (id, source) in sources {
        let Some(text) = source.get("url").and_then(Value::as_str) else {
            continue;
        };
        if let Some(message) = url_problem(text) {
            out.push(
                Diagnostic::error(Code::BadUrl, message)
                    .with_hint("write the full address, starting with https:// or http://")
                    .at(format!("/sources/{}/url", escape_pointer(id))),
            );
        }
    }
}

/// What is wrong with a web address, if anything.
pub fn url_problem(text: &str) -> Option<String> {
    match url::Url::parse(text) {
        Ok(url) if !matches!(url.scheme(), "http" | "https") => Some(format!(
            "`{text}` is not a web address (it uses `{}:`)",
            url.scheme()
        )),
        Ok(url)
            if url
                .host_str()
                .is_none_or(|h| !h.contains('.') && h != "localhost") =>
        {
            Some(format!("`{text}` has no valid host name"))
        }
        Ok(_) if text.chars().any(char::is_whitespace) => Some(format!("`{text}` contains spaces")),
        Ok(_) => None,
        Err(e) => Some(format!("`{text}` is not a well-formed URL: {e}")),
    }
}

// ---------------------------------------------------------------------------
// The answers of an indicator catalogue.

/// One indicator's answer, as the rules read it.
struct Answer<'a> {
    spec: &'a IndicatorSpec,
    /// `/technical/cirt`
    base: String,
    /// `1.2.1 CIRT`
    name: String,
    value: &'a Value,
}

impl<'a> Answer<'a> {
    fn text(&self) -> Option<&'a str> {
        self.value.get("text").and_then(Value::as_str)
    }

    fn has_text(&self) -> bool {
        self.text().is_some_and(|t| !t.trim().is_empty())
    }

    fn status(&self) -> Option<&'a str> {
        self.value.get("status").and_then(Value::as_str)
    }

    fn list(&self, field: &str) -> Vec<&'a str> {
        strings(self.value.get(field))
    }
}

/// Every indicator answer present in the profile, in catalogue order; the
/// shape check reports those that are missing or not mappings.
fn answers<'a>(input: &Input<'a>) -> Vec<Answer<'a>> {
    let Some(catalogue) = input.catalogue else {
        return Vec::new();
    };
    catalogue
        .indicators()
        .filter_map(|located| {
            let spec = located.indicator;
            let area = located.area.key.as_str();
            let value = input
                .value
                .get(area)
                .and_then(|a| a.get(&spec.key))
                .filter(|a| a.is_object())?;
            Some(Answer {
                spec,
                base: format!("/{area}/{}", spec.key),
                name: spec.numbered_heading(),
                value,
            })
        })
        .collect()
}

/// The strings of a JSON list, skipping anything that is not a string (the
/// shape check reports those).
fn strings(value: Option<&Value>) -> Vec<&str> {
    value
        .and_then(Value::as_array)
        .map(|items| items.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default()
}

/// The identifiers of the documents under `sources`.
fn source_ids<'a>(input: &Input<'a>) -> Vec<&'a String> {
    input
        .value
        .get("sources")
        .and_then(Value::as_object)
        .map(|s| s.keys().collect())
        .unwrap_or_default()
}

/// `text`, when given, says something.
fn blank_text(input: &Input, out: &mut Vec<Diagnostic>) {
    for answer in answers(input) {
        if answer.text().is_some_and(|t| t.trim().is_empty()) {
            out.push(
                Diagnostic::error(
                    Code::EmptyValue,
                    format!("the text of indicator {} is blank", answer.name),
                )
                .with_hint("write the text, or remove `text` to use the standard sentence")
                .at(format!("{}/text", answer.base)),
            );
        }
    }
}

/// The ITU has no standard sentence for `partial`: the text must say what is
/// and is not in place.
fn partial_has_text(input: &Input, out: &mut Vec<Diagnostic>) {
    for answer in answers(input) {
        if answer.status() == Some("partial") && !answer.has_text() {
            out.push(
                Diagnostic::error(Code::PartialWithoutText, format!("indicator {} is `partial` but has no text", answer.name))
                    .with_hint("the ITU has no standard sentence for a partial answer: say in `text` what is and is not in place")
                    .at(format!("{}/status", answer.base)),
            );
        }
    }
}

/// A `yes` without text names what its standard sentence needs, and names
/// something (a warning where the sentence needs nothing).
fn yes_names_what_is_in_place(input: &Input, out: &mut Vec<Diagnostic>) {
    for answer in answers(input) {
        if answer.status() != Some("yes") || answer.has_text() {
            continue;
        }
        let instruments = answer.list("instruments");
        let agencies = answer.list("agencies");
        let missing: Vec<&str> = answer
            .spec
            .needs
            .iter()
            .filter(|list| match list {
                NamedList::Instruments => instruments.is_empty(),
                NamedList::Agencies => agencies.is_empty(),
            })
            .map(|list| list.as_str())
            .collect();
        if let Some(first) = missing.first() {
            out.push(
                Diagnostic::error(
                    Code::NeedsNames,
                    format!(
                        "the standard sentence for indicator {} names its {}, but none are given",
                        answer.name,
                        missing.join(" and ")
                    ),
                )
                .with_hint(format!(
                    "add `{first}: [\"…\"]`, or write the answer in `text`"
                ))
                .at(format!("{}/status", answer.base)),
            );
        } else if instruments.is_empty() && agencies.is_empty() {
            out.push(
                Diagnostic::warning(
                    Code::WeakAnswer,
                    format!(
                        "indicator {} says `yes` but names no instrument or agency and has no text",
                        answer.name
                    ),
                )
                .with_hint(
                    "name what is in place (`instruments`, `agencies`) or describe it in `text`",
                )
                .at(format!("{}/status", answer.base)),
            );
        }
    }
}

/// Every answer names the documents it comes from (a warning).
fn answers_cite_sources(input: &Input, out: &mut Vec<Diagnostic>) {
    for answer in answers(input) {
        if answer.list("sources").is_empty() {
            out.push(
                Diagnostic::warning(
                    Code::NoSource,
                    format!("indicator {} names no source", answer.name),
                )
                .with_hint("add `sources: [id]` with the identifier of a document under `sources`")
                .at(answer.base.clone()),
            );
        }
    }
}

/// Every source an answer cites is defined under `sources`.
fn cited_sources_exist(input: &Input, out: &mut Vec<Diagnostic>) {
    let known = source_ids(input);
    for answer in answers(input) {
        for (i, id) in answer.list("sources").into_iter().enumerate() {
            if known.iter().any(|k| k.as_str() == id) {
                continue;
            }
            let mut diagnostic = Diagnostic::error(
                Code::UnknownSource,
                format!(
                    "indicator {} cites `{id}`, which is not under `sources`",
                    answer.name
                ),
            )
            .at(format!("{}/sources/{i}", answer.base));
            diagnostic = match suggest(id, &known) {
                Some(best) => diagnostic.with_suggestion(best),
                None if known.is_empty() => diagnostic
                    .with_hint("define the document under `sources:` at the top of the file"),
                None => diagnostic.with_hint(format!(
                    "define it under `sources:`, or use one of: {}",
                    known
                        .iter()
                        .map(|s| s.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
            };
            out.push(diagnostic);
        }
    }
}

/// No name or source is listed twice in one answer (a warning).
fn no_duplicates(input: &Input, out: &mut Vec<Diagnostic>) {
    for answer in answers(input) {
        for field in ["instruments", "agencies", "sources"] {
            let mut seen = BTreeMap::new();
            for (i, item) in answer.list(field).into_iter().enumerate() {
                if let Some(first) = seen.insert(item, i) {
                    out.push(
                        Diagnostic::warning(
                            Code::DuplicateEntry,
                            format!(
                                "`{item}` is listed twice in `{field}` of indicator {}",
                                answer.name
                            ),
                        )
                        .with_hint(format!(
                            "remove one of them (items {} and {})",
                            first + 1,
                            i + 1
                        ))
                        .at(format!("{}/{field}/{i}", answer.base)),
                    );
                }
            }
        }
    }
}

/// Every document under `sources` is cited by some answer, or by the
/// scores or a note of a GCI profile (a warning).
fn sources_are_cited(input: &Input, out: &mut Vec<Diagnostic>) {
    let cited: BTreeSet<&str> = if input.catalogue.is_some() {
        answers(input)
            .iter()
            .flat_map(|a| a.list("sources"))
            .collect()
    } else if input.scored.is_some() {
        scored_citations(input.value)
            .into_iter()
            .map(|(_, id)| id)
            .collect()
    } else {
        return; // without the edition, what is cited cannot be known
    };
    for id in source_ids(input) {
        if !cited.contains(id.as_str()) {
            out.push(
                Diagnostic::warning(
                    Code::UnusedSource,
                    format!("source `{id}` is not cited by any indicator"),
                )
                .with_hint("cite it in an indicator's `sources`, or remove it")
                .at_key(format!("/sources/{}", escape_pointer(id))),
            );
        }
    }
}

// ---------------------------------------------------------------------------
// GCI profiles: scores against their edition.

/// Where a GCI profile cites a source: `(pointer, identifier)`.
fn scored_citations(value: &Value) -> Vec<(String, &str)> {
    let mut cited = Vec::new();
    if let Some(id) = value.pointer("/scores/source").and_then(Value::as_str) {
        cited.push(("/scores/source".to_owned(), id));
    }
    if let Some(notes) = value.get("notes").and_then(Value::as_object) {
        for (pillar, note) in notes {
            for (i, id) in strings(note.get("sources")).into_iter().enumerate() {
                cited.push((format!("/notes/{}/sources/{i}", escape_pointer(pillar)), id));
            }
        }
    }
    cited
}

/// The scores and the notes of a GCI profile cite documents it defines.
fn scores_cite_known_sources(input: &Input, out: &mut Vec<Diagnostic>) {
    if input.scored.is_none() {
        return;
    }
    let known = source_ids(input);
    for (pointer, id) in scored_citations(input.value) {
        if known.iter().any(|k| k.as_str() == id) {
            continue;
        }
        let diagnostic = Diagnostic::error(
            Code::UnknownSource,
            format!("`{id}` is cited, but it is not under `sources`"),
        )
        .at(pointer);
        out.push(match suggest(id, &known) {
            Some(best) => diagnostic.with_suggestion(best),
            None => diagnostic.with_hint(
                "define the document under `sources:` (title, publisher, date), and cite its identifier",
            ),
        });
    }
}

/// The pillar scores of a GCI profile, when it gives all of its edition's.
fn pillar_scores(input: &Input) -> Option<Vec<f64>> {
    let edition = input.scored?;
    let pillars = input.value.pointer("/scores/pillars")?;
    edition
        .pillars
        .iter()
        .map(|p| pillars.get(&p.key).and_then(Value::as_f64))
        .collect()
}

/// The overall score of a GCI edition whose overall is the sum of its
/// pillars is that sum, give or take rounding.
fn overall_is_the_sum(input: &Input, out: &mut Vec<Diagnostic>) {
    let Some(edition) = input.scored.filter(|e| e.overall.sum_of_pillars) else {
        return;
    };
    let (Some(scores), Some(overall)) = (
        pillar_scores(input),
        input
            .value
            .pointer("/scores/overall")
            .and_then(Value::as_f64),
    ) else {
        return;
    };
    let sum: f64 = scores.iter().sum();
    if (sum - overall).abs() > ROUNDING {
        let names: Vec<&str> = edition.pillars.iter().map(|p| p.name.as_str()).collect();
        out.push(
            Diagnostic::error(
                Code::BadValue,
                format!(
                    "the overall score {} is not the sum of the pillar scores, {}",
                    two_decimals(overall),
                    two_decimals(sum)
                ),
            )
            .with_hint(format!(
                "in the {} the overall score is the sum of {}: correct the overall score or the pillar that is wrong",
                edition.short_name,
                and_list(&names)
            ))
            .at("/scores/overall"),
        );
    }
}

/// A GCI tier is the one the overall score falls in (the overall score as
/// given, or else the sum of the pillars), give or take rounding.
fn tier_agrees_with_overall(input: &Input, out: &mut Vec<Diagnostic>) {
    let Some(edition) = input.scored else {
        return;
    };
    let Some(tier) = input.value.get("tier").and_then(Value::as_u64) else {
        return;
    };
    let overall = input
        .value
        .pointer("/scores/overall")
        .and_then(Value::as_f64)
        .or_else(|| {
            edition
                .overall
                .sum_of_pillars
                .then(|| pillar_scores(input).map(|s| s.iter().sum()))
                .flatten()
        });
    let Some(overall) = overall else {
        return;
    };
    let near = edition.tiers_near(overall);
    if near.iter().any(|&t| u64::from(t) == tier) {
        return;
    }
    let Some(expected) = edition.tier_of(overall) else {
        return;
    };
    let floor = match edition.tier(expected.tier.saturating_sub(1)) {
        Some(above) if expected.tier > 1 => format!(
            "from {} up to {}",
            two_decimals(expected.min),
            two_decimals(above.min)
        ),
        _ => format!("{} and above", two_decimals(expected.min)),
    };
    out.push(
        Diagnostic::error(
            Code::BadValue,
            format!(
                "tier {tier} contradicts the overall score {}, which is in Tier {} ({})",
                two_decimals(overall),
                expected.tier,
                expected.name
            ),
        )
        .with_hint(format!(
            "Tier {} of the {} holds overall scores {floor}; correct the tier or the scores",
            expected.tier, edition.short_name
        ))
        .at("/tier"),
    );
}

/// A pillar is not named both an area of relative strength and one of
/// potential growth.
fn strengths_are_not_growth(input: &Input, out: &mut Vec<Diagnostic>) {
    if input.scored.is_none() {
        return;
    }
    let strengths = strings(input.value.get("strengths"));
    for (i, pillar) in strings(input.value.get("growth")).into_iter().enumerate() {
        if strengths.contains(&pillar) {
            out.push(
                Diagnostic::error(
                    Code::BadValue,
                    format!("`{pillar}` is named both a strength and a growth area"),
                )
                .with_hint("check the source: a pillar is one or the other")
                .at(format!("/growth/{i}")),
            );
        }
    }
}

/// A region is one of the six ITU-D regions; a region other than the one
/// profilec's list gives the country is worth a look (a warning).
fn region_is_known(input: &Input, out: &mut Vec<Diagnostic>) {
    let Some(region) = input.value.get("region").and_then(Value::as_str) else {
        return;
    };
    if regions::region(region).is_none() {
        let diagnostic =
            Diagnostic::error(Code::BadValue, format!("`{region}` is not an ITU-D region"))
                .at("/region");
        out.push(match suggest(region, &regions::REGIONS) {
            Some(best) => diagnostic.with_suggestion(best.clone()).with_hint(format!(
                "did you mean `{best}`? The regions are: {}",
                regions::REGIONS.join(", ")
            )),
            None => {
                diagnostic.with_hint(format!("the regions are: {}", regions::REGIONS.join(", ")))
            }
        });
        return;
    }
    let listed = input
        .value
        .pointer("/country/alpha3")
        .and_then(Value::as_str)
        .and_then(regions::region_of);
    if let Some(listed) = listed.filter(|l| *l != region) {
        out.push(
            Diagnostic::warning(
                Code::BadValue,
                format!("profilec's list of ITU-D regions places this country in {listed}, not {region}"),
            )
            .with_hint("check the region against the source; the list is a derived one (see data/gci/README.md)")
            .at("/region"),
        );
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::schema::Catalogues;

    /// Runs one rule on a profile value of the 2015 edition.
    fn run(rule: Rule, value: Value) -> Vec<Diagnostic> {
        let catalogues = Catalogues::builtin().unwrap();
        let input = Input {
            value: &value,
            catalogue: catalogues.get("cyberwellness-2015"),
            scored: None,
            today: Date::new(2026, 1, 1).unwrap(),
        };
        let mut out = Vec::new();
        rule(&input, &mut out);
        out
    }

    fn codes(found: &[Diagnostic]) -> Vec<(Code, &str)> {
        found
            .iter()
            .map(|d| (d.code, d.path.as_deref().unwrap_or("")))
            .collect()
    }

    #[test]
    fn dates_must_exist_not_be_future_nor_absurdly_old() {
        let found = run(
            dates,
            json!({
                "last_updated": "1066-10-14",
                "edition": 2099,
                "background": {"population": {"as_of": "2012-02-30"}, "internet_users": {"as_of": "1850"}},
                "sources": {"a": {"date": "2030-01"}, "b": {"date": "1989-11-20"}},
            }),
        );
        assert_eq!(
            codes(&found),
            [
                (Code::BadDate, "/last_updated"),
                (Code::BadDate, "/background/population/as_of"),
                (Code::BadDate, "/background/internet_users/as_of"),
                (Code::FutureDate, "/sources/a/date"),
                (Code::FutureDate, "/edition"),
            ]
        );
    }

    #[test]
    fn the_last_update_is_not_before_the_edition_year() {
        let found = run(
            updated_after_edition,
            json!({"edition": 2018, "last_updated": "2015-02-02"}),
        );
        assert_eq!(codes(&found), [(Code::BadDate, "/last_updated")]);
        assert!(found[0].hint.as_deref().unwrap().contains("2018 or later"));
        assert!(
            run(
                updated_after_edition,
                json!({"edition": 2015, "last_updated": "2015-02-02"})
            )
            .is_empty()
        );
        // Before 1990, `dates` says it; not twice.
        assert!(
            run(
                updated_after_edition,
                json!({"edition": 2015, "last_updated": "1989-02-02"})
            )
            .is_empty()
        );
    }

    #[test]
    fn country_codes_must_exist_and_agree() {
        let found = run(
            country_codes,
            json!({"country": {"name": "Belgium", "alpha2": "BE", "alpha3": "FRA"}}),
        );
        assert_eq!(
            codes(&found),
            [(Code::CountryCodeMismatch, "/country/alpha3")]
        );
        let found = run(
            country_codes,
            json!({"country": {"name": "Belgium", "alpha2": "XX", "alpha3": "BEL"}}),
        );
        assert_eq!(codes(&found), [(Code::BadCountryCode, "/country/alpha2")]);
        assert_eq!(found[0].hint.as_deref(), Some("the code of Belgium is BE"));
    }

    #[test]
    fn source_addresses_are_web_addresses() {
        let found = run(
            source_urls,
            json!({"sources": {
                "a": {"url": "javascript:alert(1)"},
                "b": {"url": "https://x"},
                "c": {"url": "https://ccb.belgium.be/"},
            }}),
        );
        assert_eq!(
            codes(&found),
            [
                (Code::BadUrl, "/sources/a/url"),
                (Code::BadUrl, "/sources/b/url")
            ]
        );
    }

    #[test]
    fn blank_text_is_an_error() {
        let found = run(
            blank_text,
            json!({"technical": {"cirt": {"status": "yes", "text": "  \n"}}}),
        );
        assert_eq!(codes(&found), [(Code::EmptyValue, "/technical/cirt/text")]);
    }

    #[test]
    fn a_partial_answer_needs_text() {
        let found = run(
            partial_has_text,
            json!({"technical": {"cirt": {"status": "partial"}, "standards": {"status": "partial", "text": "Half."}}}),
        );
        assert_eq!(
            codes(&found),
            [(Code::PartialWithoutText, "/technical/cirt/status")]
        );
    }

    #[test]
    fn a_yes_names_what_its_sentence_needs() {
        let found = run(
            yes_names_what_is_in_place,
            json!({"technical": {
                "cirt": {"status": "yes"},
                "certification": {"status": "yes"},
                "standards": {"status": "yes", "text": "Described."},
            }}),
        );
        assert_eq!(
            codes(&found),
            [
                (Code::NeedsNames, "/technical/cirt/status"),
                (Code::WeakAnswer, "/technical/certification/status"),
            ]
        );
    }

    #[test]
    fn answers_without_sources_are_warned_about() {
        let found = run(
            answers_cite_sources,
            json!({"technical": {"cirt": {"status": "unknown"}, "standards": {"status": "unknown", "sources": ["a"]}}}),
        );
        assert_eq!(codes(&found), [(Code::NoSource, "/technical/cirt")]);
        assert!(!found[0].is_error());
    }

    #[test]
    fn cited_sources_must_exist_and_typos_are_suggested_as_data() {
        let found = run(
            cited_sources_exist,
            json!({"sources": {"itu-2015": {}}, "technical": {"cirt": {"sources": ["itu-2105", "zzz"]}}}),
        );
        assert_eq!(
            codes(&found),
            [
                (Code::UnknownSource, "/technical/cirt/sources/0"),
                (Code::UnknownSource, "/technical/cirt/sources/1"),
            ]
        );
        assert_eq!(found[0].suggestion.as_deref(), Some("itu-2015"));
        assert_eq!(found[1].suggestion, None);
    }

    #[test]
    fn names_listed_twice_are_warned_about() {
        let found = run(
            no_duplicates,
            json!({"technical": {"cirt": {"agencies": ["A", "B", "A"]}}}),
        );
        assert_eq!(
            codes(&found),
            [(Code::DuplicateEntry, "/technical/cirt/agencies/2")]
        );
    }

    #[test]
    fn sources_nobody_cites_are_warned_about() {
        let found = run(
            sources_are_cited,
            json!({"sources": {"a": {}, "b": {}}, "technical": {"cirt": {"sources": ["a"]}}}),
        );
        assert_eq!(codes(&found), [(Code::UnusedSource, "/sources/b")]);
    }

    #[test]
    fn a_source_has_a_date_or_a_bound_and_no_bound_in_the_future() {
        let found = run(
            date_or_bound,
            json!({"sources": {
                "both": {"date": "2016-11", "not_before": "2016"},
                "dated": {"date": "2016-11"},
                "bound": {"not_before": "2019-10"},
            }}),
        );
        assert_eq!(codes(&found), [(Code::BadDate, "/sources/both/not_before")]);
        let found = run(
            dates,
            json!({"sources": {"a": {"not_before": "2030-01"}, "b": {"not_before": "1850"}}}),
        );
        assert_eq!(
            codes(&found),
            [
                (Code::FutureDate, "/sources/a/not_before"),
                (Code::BadDate, "/sources/b/not_before"),
            ]
        );
    }

    #[test]
    fn the_itu_named_otherwise_is_warned_about() {
        for publisher in [
            "ITU",
            "International Telecommunication Union",
            "the ITU's Cybersecurity Division",
            "international telecommunication union (itu)",
        ] {
            let found = run(publisher_name, json!({"publisher": publisher}));
            assert_eq!(
                codes(&found),
                [(Code::PublisherName, "/publisher")],
                "{publisher}"
            );
        }
        for publisher in [
            "International Telecommunication Union (ITU)",
            "profilec maintainers",
            "CITUS Research",
            "Kenya National CERT",
        ] {
            assert!(
                run(publisher_name, json!({"publisher": publisher})).is_empty(),
                "{publisher}"
            );
        }
    }

    #[test]
    fn a_figure_not_given_is_warned_about() {
        let found = run(figures_given, json!({"background": {"population": {}}}));
        assert_eq!(codes(&found), [(Code::MissingFigure, "/background")]);
        assert!(found[0].message.contains("Internet users"));
        let found = run(figures_given, json!({"background": {}}));
        assert_eq!(found.len(), 2);
        assert!(
            run(
                figures_given,
                json!({"background": {"population": {}, "internet_users": {}}})
            )
            .is_empty()
        );
    }

    #[test]
    fn carried_over_answers_are_warned_about_and_must_come_from_earlier() {
        let found = run(
            carried_over,
            json!({"edition": 2026, "technical": {
                "cirt": {"status": "yes", "carried_over_from": 2021},
                "standards": {"status": "yes", "carried_over_from": 2026},
                "certification": {"status": "yes"},
            }}),
        );
        assert_eq!(
            codes(&found),
            [
                (Code::CarriedOver, "/technical/cirt/carried_over_from"),
                (Code::BadValue, "/technical/standards/carried_over_from"),
            ]
        );
        assert!(!found[0].is_error() && found[1].is_error());
    }

    /// Runs one rule on a profile value of the GCI 2024 edition.
    fn run_scored(rule: Rule, value: Value) -> Vec<Diagnostic> {
        let catalogues = Catalogues::builtin().unwrap();
        let input = Input {
            value: &value,
            catalogue: None,
            scored: catalogues.scored("gci-2024"),
            today: Date::new(2026, 1, 1).unwrap(),
        };
        let mut out = Vec::new();
        rule(&input, &mut out);
        out
    }

    fn belgium_2024() -> Value {
        json!({
            "schema_edition": "gci-2024",
            "country": {"name": "Belgium", "alpha2": "BE", "alpha3": "BEL"},
            "region": "Europe",
            "scores": {
                "source": "data360",
                "pillars": {"legal": 20, "technical": 19.19, "organizational": 18.75, "capacity_development": 19.19, "cooperation": 20},
                "overall": 97.13,
            },
            "tier": 1,
            "sources": {"data360": {}},
        })
    }

    #[test]
    fn a_consistent_gci_profile_passes_every_scored_rule() {
        for rule in [
            scores_cite_known_sources,
            overall_is_the_sum,
            tier_agrees_with_overall,
            strengths_are_not_growth,
            region_is_known,
        ] {
            assert!(run_scored(rule, belgium_2024()).is_empty());
        }
    }

    #[test]
    fn an_overall_score_that_is_not_the_sum_is_an_error() {
        let mut value = belgium_2024();
        value["scores"]["overall"] = json!(90.0);
        let found = run_scored(overall_is_the_sum, value);
        assert_eq!(codes(&found), [(Code::BadValue, "/scores/overall")]);
        assert!(found[0].message.contains("97.13"), "{}", found[0].message);
        // Rounding is not an error.
        let mut value = belgium_2024();
        value["scores"]["overall"] = json!(97.15);
        assert!(run_scored(overall_is_the_sum, value).is_empty());
    }

    #[test]
    fn a_tier_that_contradicts_the_overall_score_is_an_error() {
        let mut value = belgium_2024();
        value["tier"] = json!(3);
        let found = run_scored(tier_agrees_with_overall, value);
        assert_eq!(codes(&found), [(Code::BadValue, "/tier")]);
        assert!(
            found[0].message.contains("Tier 1 (Role-modelling)"),
            "{}",
            found[0].message
        );
        // Without an overall score, the sum of the pillars decides.
        let mut value = belgium_2024();
        value["scores"].as_object_mut().unwrap().remove("overall");
        value["tier"] = json!(2);
        assert_eq!(run_scored(tier_agrees_with_overall, value).len(), 1);
        // At a threshold, rounding decides nothing.
        let mut value = belgium_2024();
        value["scores"]["pillars"] = json!({"legal": 19, "technical": 19, "organizational": 19, "capacity_development": 19, "cooperation": 18.99});
        value["scores"]["overall"] = json!(94.99);
        value["tier"] = json!(1);
        assert!(run_scored(tier_agrees_with_overall, value).is_empty());
    }

    #[test]
    fn a_pillar_cannot_be_both_strength_and_growth() {
        let mut value = belgium_2024();
        value["strengths"] = json!(["legal", "cooperation"]);
        value["growth"] = json!(["technical", "legal"]);
        let found = run_scored(strengths_are_not_growth, value);
        assert_eq!(codes(&found), [(Code::BadValue, "/growth/1")]);
    }

    #[test]
    fn an_unknown_region_is_an_error_and_another_region_a_warning() {
        let mut value = belgium_2024();
        value["region"] = json!("Eurpoe");
        let found = run_scored(region_is_known, value);
        assert_eq!(codes(&found), [(Code::BadValue, "/region")]);
        assert_eq!(found[0].suggestion.as_deref(), Some("Europe"));
        let mut value = belgium_2024();
        value["region"] = json!("CIS");
        let found = run_scored(region_is_known, value);
        assert_eq!(codes(&found), [(Code::BadValue, "/region")]);
        assert!(!found[0].is_error());
    }

    #[test]
    fn scores_must_cite_a_known_source() {
        let mut value = belgium_2024();
        value["scores"]["source"] = json!("data36");
        value["notes"] = json!({"legal": {"text": "A note.", "sources": ["nowhere"]}});
        let found = run_scored(scores_cite_known_sources, value);
        assert_eq!(
            codes(&found),
            [
                (Code::UnknownSource, "/scores/source"),
                (Code::UnknownSource, "/notes/legal/sources/0"),
            ]
        );
        assert_eq!(found[0].suggestion.as_deref(), Some("data360"));
    }
}
