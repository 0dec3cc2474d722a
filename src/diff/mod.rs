//! Differences between two profiles, indicator by indicator.
//!
//! [`diff`] compares two profiles of one edition of the ITU schema and returns
//! a [`Report`]: what changed in the header (country, edition, last-updated
//! date), in the background figures, in the list of documents cited, and in
//! each indicator, keyed by its number and grouped by area in the catalogue's
//! document order. The comparison is semantic, not by line: statuses,
//! instruments, agencies and sources are compared as values and sets (the
//! order of names is not a change), free text word by word (see [`words`]).
//!
//! The report is also the *view* every output form consumes: it is
//! `Serialize`, numbered, ordered and worded in advance (titles, summaries,
//! formatted figures), so the JSON form is the report itself, the text form
//! ([`text`]) only lays it out, and templates hold wording and layout, not
//! logic. The module is pure: it reads no file, clock or environment.

pub mod text;
pub mod words;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::diag::{Code, Diagnostic};
use crate::model::{Area, Indicator, Profile, Source, Status};
use crate::schema::{Catalogue, Catalogues, IndicatorSpec};
use crate::wording::{and_list, decimal, group_thousands, plural_s, round, signed_decimal};

pub use words::{Op, Span, Token};

/// The version of the JSON structure of a [`Report`] (`format_version`).
/// It changes only when a field is renamed, removed or changes meaning;
/// fields may be added within a version. See `docs/diff-json.md`.
pub const FORMAT_VERSION: u32 = 1;

/// Why two profiles cannot be compared.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DiffError {
    /// The profiles follow different editions of the ITU schema, whose
    /// indicators do not correspond one to one.
    #[error(
        "`{old_file}` follows the ITU schema edition `{old}` and `{new_file}` follows `{new}`: profiles of different editions cannot be compared"
    )]
    EditionMismatch {
        /// The old profile's file.
        old_file: String,
        /// The old profile's edition.
        old: String,
        /// The new profile's file.
        new_file: String,
        /// The new profile's edition.
        new: String,
    },
    /// The edition is not one profilec knows (a profile that was not validated).
    #[error("`{file}` follows the ITU schema edition `{edition}`, which profilec does not know")]
    UnknownEdition {
        /// The profile's file.
        file: String,
        /// Its edition.
        edition: String,
    },
}

impl From<DiffError> for Diagnostic {
    fn from(error: DiffError) -> Self {
        let (code, hint) = match &error {
            DiffError::EditionMismatch { .. } => (
                Code::EditionMismatch,
                "profilec compares profiles of one edition only, until crosswalks between editions exist; compare each profile with one of its own edition",
            ),
            DiffError::UnknownEdition { .. } => (
                Code::UnknownEdition,
                "run `profilec validate` on the file to see which editions are known",
            ),
        };
        Diagnostic::error(code, error.to_string()).with_hint(hint)
    }
}

/// One side of a comparison: a profile and the name of its file.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    /// The file name, as the user gave it; it appears in the report.
    pub file: &'a str,
    /// The profile, validated.
    pub profile: &'a Profile,
}

/// Everything that differs between two profiles, ready to print.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// The version of this structure ([`FORMAT_VERSION`]).
    pub format_version: u32,
    /// The title of the change report, e.g. "Belgium: what changed between
    /// the 2015 and 2018 editions".
    pub title: String,
    /// The edition of the ITU schema both profiles follow.
    pub schema_edition: String,
    /// Its readable name.
    pub schema_edition_name: String,
    /// The old profile.
    pub old: Side,
    /// The new profile.
    pub new: Side,
    /// Whether both profiles are about the same country (same alpha-3 code).
    pub same_country: bool,
    /// Whether nothing at all differs.
    pub identical: bool,
    /// Counts and the one-line summary.
    pub summary: Summary,
    /// The country's name and codes.
    pub country: Change<CountryView>,
    /// The edition year.
    pub edition: Change<u16>,
    /// The last-updated date (`YYYY-MM-DD`).
    pub last_updated: Change<String>,
    /// The background figures.
    pub background: BackgroundDiff,
    /// The documents the profiles cite.
    pub sources: SourcesDiff,
    /// Every area of the edition, in document order.
    pub areas: Vec<AreaDiff>,
}

/// One profile of the comparison.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Side {
    /// Its file, as given.
    pub file: String,
    /// Its country.
    pub country: CountryView,
    /// Its edition year.
    pub edition: u16,
    /// Its last-updated date (`YYYY-MM-DD`).
    pub last_updated: String,
    /// How the report names it: "Belgium, 2015 edition".
    pub label: String,
}

/// A country's name and codes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CountryView {
    /// The name as the profile prints it.
    pub name: String,
    /// ISO 3166-1 alpha-2.
    pub alpha2: String,
    /// ISO 3166-1 alpha-3.
    pub alpha3: String,
}

/// A value in the old and the new profile.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change<T> {
    /// The old value.
    pub old: T,
    /// The new value.
    pub new: T,
    /// Whether they differ.
    pub changed: bool,
}

impl<T: PartialEq> Change<T> {
    fn of(old: T, new: T) -> Self {
        let changed = old != new;
        Change { old, new, changed }
    }
}

/// How many indicators changed, and in what.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Indicators compared.
    pub indicators: usize,
    /// Indicators with any change.
    pub changed: usize,
    /// Indicators whose status changed.
    pub status: usize,
    /// Indicators whose instruments changed.
    pub instruments: usize,
    /// Indicators whose agencies changed.
    pub agencies: usize,
    /// Indicators whose free text changed.
    pub text: usize,
    /// Indicators whose sources changed.
    pub sources: usize,
}

impl Counts {
    fn add(&mut self, indicator: &IndicatorDiff) {
        self.indicators += 1;
        self.changed += usize::from(indicator.changed);
        self.status += usize::from(indicator.status.changed);
        self.instruments += usize::from(indicator.instruments.changed);
        self.agencies += usize::from(indicator.agencies.changed);
        self.text += usize::from(indicator.text.changed);
        self.sources += usize::from(indicator.sources.changed);
    }

    /// "2 of 4 indicators changed: 1 status change, 2 in text".
    pub fn line(&self) -> String {
        let head = format!(
            "{} of {} indicator{} changed",
            self.changed,
            self.indicators,
            plural_s(self.indicators)
        );
        let mut parts = Vec::new();
        if self.status > 0 {
            parts.push(format!(
                "{} status change{}",
                self.status,
                plural_s(self.status)
            ));
        }
        for (n, what) in [
            (self.instruments, "instruments"),
            (self.agencies, "agencies"),
            (self.text, "text"),
            (self.sources, "sources"),
        ] {
            if n > 0 {
                parts.push(format!("{n} in {what}"));
            }
        }
        if parts.is_empty() {
            head
        } else {
            format!("{head}: {}", parts.join(", "))
        }
    }
}

/// The summary of a whole report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Counts over every indicator.
    #[serde(flatten)]
    pub counts: Counts,
    /// What changed outside the indicators, in words, in document order:
    /// `country`, `edition`, `last-updated date`, `background`, `sources`.
    pub other: Vec<String>,
    /// The one-line summary: "6 of 21 indicators changed: …; edition,
    /// last-updated date and sources changed", or "no differences".
    pub line: String,
}

/// The background block.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BackgroundDiff {
    /// Whether any figure, source or date changed.
    pub changed: bool,
    /// Total population.
    pub population: FigureDiff,
    /// Internet users, percentage of the population.
    pub internet_users: FigureDiff,
}

/// One background figure, old and new, with its change.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FigureDiff {
    /// The catalogue's label (`Total Population`).
    pub label: String,
    /// The old value.
    pub old: Amount,
    /// The new value.
    pub new: Amount,
    /// `new - old` (people, or percentage points, rounded to 4 decimals).
    pub change: Amount,
    /// The change relative to the old value, in percent, rounded to 4
    /// decimals; `null` when the old value is 0.
    pub relative_change: Option<f64>,
    /// The old value as printed (`10 788 000`, `82.17%`).
    pub old_text: String,
    /// The new value as printed.
    pub new_text: String,
    /// The change as printed (`+212 000 (+1.97%)`, `+2.83 percentage points
    /// (+3.44%)`), or `unchanged`.
    pub change_text: String,
    /// Who published the figure.
    pub source: Change<String>,
    /// When the figure applies.
    pub as_of: Change<String>,
    /// Whether the value, its source or its date changed.
    pub changed: bool,
}

/// A figure: a whole number of people, or a percentage.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Amount {
    /// A count (population), written as a JSON integer.
    Whole(i64),
    /// A decimal (percentage of the population).
    Decimal(f64),
}

impl Amount {
    fn as_f64(self) -> f64 {
        match self {
            Amount::Whole(n) => n as f64,
            Amount::Decimal(x) => x,
        }
    }

    fn minus(self, other: Amount) -> Amount {
        match (self, other) {
            (Amount::Whole(a), Amount::Whole(b)) => Amount::Whole(a.saturating_sub(b)),
            _ => Amount::Decimal(round(self.as_f64() - other.as_f64(), 4)),
        }
    }
}

/// The documents the two profiles cite, by identifier.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SourcesDiff {
    /// Whether any document was added, removed or described differently.
    pub changed: bool,
    /// Documents only the new profile lists.
    pub added: Vec<SourceView>,
    /// Documents only the old profile lists.
    pub removed: Vec<SourceView>,
    /// Documents both list under the same identifier, described differently.
    pub modified: Vec<Change<SourceView>>,
}

/// A document, as a report names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourceView {
    /// Its identifier in the profile.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its publisher, where known.
    pub publisher: Option<String>,
    /// Its date, where known (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`).
    pub date: Option<String>,
    /// Its address, where known.
    pub url: Option<String>,
    /// "Title — Publisher, date", for printing.
    pub label: String,
}

impl SourceView {
    fn new(id: &str, source: Option<&Source>) -> Self {
        let Some(source) = source else {
            return SourceView {
                id: id.to_owned(),
                title: id.to_owned(),
                publisher: None,
                date: None,
                url: None,
                label: id.to_owned(),
            };
        };
        let date = source.date.map(|d| d.to_string());
        let details: Vec<&str> = [source.publisher.as_deref(), date.as_deref()]
            .into_iter()
            .flatten()
            .collect();
        let label = if details.is_empty() {
            source.title.clone()
        } else {
            format!("{} — {}", source.title, details.join(", "))
        };
        SourceView {
            id: id.to_owned(),
            title: source.title.clone(),
            publisher: source.publisher.clone(),
            date,
            url: source.url.clone(),
            label,
        }
    }
}

/// One area of the catalogue and its indicators.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AreaDiff {
    /// The area's key (`technical`).
    pub key: String,
    /// Its number (`1.2`), or the part's (`2.`) for an area without a heading.
    pub number: String,
    /// Its heading (`TECHNICAL MEASURES`), or the part's.
    pub heading: String,
    /// `1.2 TECHNICAL MEASURES`.
    pub title: String,
    /// Counts over the area's indicators.
    pub counts: Counts,
    /// The area's summary line: "1 of 3 indicators changed: 1 in text".
    pub line: String,
    /// Its indicators in document order: the changed ones, or all of them
    /// when the report keeps unchanged indicators (`--all`).
    pub indicators: Vec<IndicatorDiff>,
}

/// One indicator, old and new.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndicatorDiff {
    /// Its number (`1.2.1`), the key of the comparison.
    pub number: String,
    /// Its key in a profile file (`cirt`).
    pub key: String,
    /// Its heading (`CIRT`).
    pub heading: String,
    /// `1.2.1 CIRT`.
    pub title: String,
    /// Whether anything changed.
    pub changed: bool,
    /// The status.
    pub status: Change<Status>,
    /// The instruments named.
    pub instruments: ListDiff,
    /// The agencies named.
    pub agencies: ListDiff,
    /// The free text.
    pub text: TextDiff,
    /// The documents cited.
    pub sources: SourceListDiff,
}

/// A list of names, compared as a set: order is not a change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ListDiff {
    /// Whether a name was added or removed.
    pub changed: bool,
    /// Names only in the new list, in its order.
    pub added: Vec<String>,
    /// Names only in the old list, in its order.
    pub removed: Vec<String>,
    /// Names in both, in the new list's order.
    pub kept: Vec<String>,
}

impl ListDiff {
    fn of(old: &[String], new: &[String]) -> Self {
        let added: Vec<String> = new.iter().filter(|n| !old.contains(n)).cloned().collect();
        let removed: Vec<String> = old.iter().filter(|o| !new.contains(o)).cloned().collect();
        let kept = new.iter().filter(|n| old.contains(n)).cloned().collect();
        ListDiff {
            changed: !added.is_empty() || !removed.is_empty(),
            added,
            removed,
            kept,
        }
    }
}

/// The free text of an indicator, old and new.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TextDiff {
    /// Whether the words changed (rewrapping is not a change).
    pub changed: bool,
    /// The old text, as written; `null` where the old profile used the
    /// standard sentence.
    pub old: Option<String>,
    /// The new text, as written.
    pub new: Option<String>,
    /// Where the old profile gives no text but the new one does: the
    /// standard sentence the old document printed instead (with its list
    /// of names, if the catalogue lists them). `null` otherwise.
    pub old_standard: Option<String>,
    /// Where the new profile gives no text but the old one did: the standard
    /// sentence the new document prints instead.
    pub new_standard: Option<String>,
    /// The word-level difference between what the two documents print, when
    /// the text changed; empty otherwise.
    pub words: Vec<Span>,
}

impl TextDiff {
    /// Compares two free texts; where one side has none, `standard` writes
    /// the sentence its document prints, so the word diff shows what a
    /// reader of each document reads.
    fn of(
        old: Option<&str>,
        new: Option<&str>,
        standard: [&dyn Fn() -> Option<String>; 2],
    ) -> Self {
        // What each document prints: its free text, or else its standard
        // sentence. Free text that writes out the standard sentence word
        // for word is no change: both documents print the same words.
        let (old_standard, new_standard) =
            if words::same_text(old.unwrap_or_default(), new.unwrap_or_default()) {
                (None, None)
            } else {
                (
                    old.is_none().then(|| standard[0]()).flatten(),
                    new.is_none().then(|| standard[1]()).flatten(),
                )
            };
        let shown_old = old.or(old_standard.as_deref()).unwrap_or_default();
        let shown_new = new.or(new_standard.as_deref()).unwrap_or_default();
        let changed = !words::same_text(shown_old, shown_new);
        let words = if changed {
            words::diff(shown_old, shown_new)
        } else {
            Vec::new()
        };
        let (old_standard, new_standard) = if changed {
            (old_standard, new_standard)
        } else {
            (None, None)
        };
        TextDiff {
            changed,
            old: old.map(str::to_owned),
            new: new.map(str::to_owned),
            old_standard,
            new_standard,
            words,
        }
    }
}

/// Writes the ITU's standard sentence for an answer that has no free text,
/// as its document prints it. The render stage knows how (the sentences are
/// Tera snippets of the catalogue); the diff only needs the words, so it
/// asks through this trait and stays free of templates.
pub trait StandardText {
    /// The sentence for `answer` in `profile`, followed by its list of names
    /// as Markdown bullets where the catalogue lists them; `None` when it
    /// cannot be written.
    fn standard_text(
        &self,
        catalogue: &Catalogue,
        spec: &IndicatorSpec,
        profile: &Profile,
        answer: &Indicator,
    ) -> Option<String>;
}

/// No standard sentences: where a profile gives no text, the word diff
/// compares with nothing.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoStandardText;

impl StandardText for NoStandardText {
    fn standard_text(
        &self,
        _: &Catalogue,
        _: &IndicatorSpec,
        _: &Profile,
        _: &Indicator,
    ) -> Option<String> {
        None
    }
}

/// The documents an indicator cites, compared by identifier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourceListDiff {
    /// Whether a document was added or removed.
    pub changed: bool,
    /// Documents only the new answer cites.
    pub added: Vec<SourceView>,
    /// Documents only the old answer cites.
    pub removed: Vec<SourceView>,
    /// Documents both cite.
    pub kept: Vec<SourceView>,
}

impl SourceListDiff {
    fn of(old: &[String], new: &[String], old_profile: &Profile, new_profile: &Profile) -> Self {
        let list = ListDiff::of(old, new);
        let view = |profile: &Profile, ids: &[String]| -> Vec<SourceView> {
            ids.iter()
                .map(|id| SourceView::new(id, profile.sources.get(id)))
                .collect()
        };
        SourceListDiff {
            changed: list.changed,
            added: view(new_profile, &list.added),
            removed: view(old_profile, &list.removed),
            kept: view(new_profile, &list.kept),
        }
    }
}

/// Compares two profiles of the same edition of the ITU schema.
///
/// Every indicator of the edition is in the report; [`Report::changed_only`]
/// drops the unchanged ones. Two profiles of different countries can be
/// compared (the report says so); two of different editions cannot, until
/// crosswalks between editions exist.
pub fn diff(
    old: Input<'_>,
    new: Input<'_>,
    catalogues: &Catalogues,
    standard: &dyn StandardText,
) -> Result<Report, DiffError> {
    if old.profile.schema_edition != new.profile.schema_edition {
        return Err(DiffError::EditionMismatch {
            old_file: old.file.to_owned(),
            old: old.profile.schema_edition.clone(),
            new_file: new.file.to_owned(),
            new: new.profile.schema_edition.clone(),
        });
    }
    let catalogue =
        catalogues
            .get(&old.profile.schema_edition)
            .ok_or_else(|| DiffError::UnknownEdition {
                file: old.file.to_owned(),
                edition: old.profile.schema_edition.clone(),
            })?;
    Ok(compare(old, new, catalogue, standard))
}

fn compare(
    old: Input<'_>,
    new: Input<'_>,
    catalogue: &Catalogue,
    standard: &dyn StandardText,
) -> Report {
    let (a, b) = (old.profile, new.profile);
    let empty = Area::new();
    let mut areas = Vec::new();
    let mut counts = Counts::default();
    for part in &catalogue.parts {
        for spec in &part.areas {
            let (number, heading) = match (&spec.number, &spec.heading) {
                (Some(number), Some(heading)) => (number.clone(), heading.clone()),
                _ => (part.number.clone(), part.heading.clone()),
            };
            let old_area = a.area(&spec.key).unwrap_or(&empty);
            let new_area = b.area(&spec.key).unwrap_or(&empty);
            let mut area_counts = Counts::default();
            let mut indicators = Vec::new();
            for indicator in &spec.indicators {
                let diff = compare_indicator(
                    catalogue,
                    indicator,
                    [old_area.get(&indicator.key), new_area.get(&indicator.key)],
                    [a, b],
                    standard,
                );
                area_counts.add(&diff);
                counts.add(&diff);
                indicators.push(diff);
            }
            areas.push(AreaDiff {
                key: spec.key.clone(),
                title: format!("{number} {heading}"),
                number,
                heading,
                counts: area_counts,
                line: area_counts.line(),
                indicators,
            });
        }
    }

    let country = Change::of(country_view(a), country_view(b));
    let same_country = a.country.alpha3 == b.country.alpha3;
    let edition = Change::of(a.edition, b.edition);
    let last_updated = Change::of(a.last_updated.to_string(), b.last_updated.to_string());
    let background = background_diff(a, b, catalogue);
    let sources = sources_diff(&a.sources, &b.sources);

    let mut other = Vec::new();
    for (changed, what) in [
        (country.changed, "country"),
        (edition.changed, "edition"),
        (last_updated.changed, "last-updated date"),
        (background.changed, "background"),
        (sources.changed, "sources"),
    ] {
        if changed {
            other.push(what.to_owned());
        }
    }
    let identical = counts.changed == 0 && other.is_empty();
    let line = if identical {
        "no differences".to_owned()
    } else if other.is_empty() {
        counts.line()
    } else {
        format!("{}; {} changed", counts.line(), and_list(&other))
    };

    let old_side = side(old);
    let new_side = side(new);
    let title = if !same_country {
        format!("{} compared with {}", old_side.label, new_side.label)
    } else if a.edition != b.edition {
        format!(
            "{}: what changed between the {} and {} editions",
            b.country.name, a.edition, b.edition
        )
    } else {
        format!(
            "{}: what changed in the {} edition",
            b.country.name, b.edition
        )
    };

    Report {
        format_version: FORMAT_VERSION,
        title,
        schema_edition: catalogue.id.clone(),
        schema_edition_name: catalogue.name.clone(),
        old: old_side,
        new: new_side,
        same_country,
        identical,
        summary: Summary {
            counts,
            other,
            line,
        },
        country,
        edition,
        last_updated,
        background,
        sources,
        areas,
    }
}

impl Report {
    /// The report without its unchanged indicators (what is printed unless
    /// `--all` is given). Area counts still cover every indicator.
    pub fn changed_only(mut self) -> Self {
        for area in &mut self.areas {
            area.indicators.retain(|i| i.changed);
        }
        self
    }

    /// The report without any indicator detail, only the counts per area
    /// (what `--stat` prints).
    pub fn stat_only(mut self) -> Self {
        for area in &mut self.areas {
            area.indicators.clear();
        }
        self
    }
}

fn compare_indicator(
    catalogue: &Catalogue,
    spec: &IndicatorSpec,
    [old, new]: [Option<&Indicator>; 2],
    [old_profile, new_profile]: [&Profile; 2],
    standard: &dyn StandardText,
) -> IndicatorDiff {
    // A validated profile has every indicator; a missing one compares as
    // "no information", never as a panic.
    let unknown = Indicator {
        status: Status::Unknown,
        instruments: Vec::new(),
        agencies: Vec::new(),
        text: None,
        sources: Vec::new(),
    };
    let old = old.unwrap_or(&unknown);
    let new = new.unwrap_or(&unknown);
    let status = Change::of(old.status, new.status);
    let instruments = ListDiff::of(&old.instruments, &new.instruments);
    let agencies = ListDiff::of(&old.agencies, &new.agencies);
    let text = TextDiff::of(
        old.text.as_deref(),
        new.text.as_deref(),
        [
            &|| standard.standard_text(catalogue, spec, old_profile, old),
            &|| standard.standard_text(catalogue, spec, new_profile, new),
        ],
    );
    let sources = SourceListDiff::of(&old.sources, &new.sources, old_profile, new_profile);
    IndicatorDiff {
        number: spec.number.clone(),
        key: spec.key.clone(),
        heading: spec.heading.clone(),
        title: format!("{} {}", spec.number, spec.heading),
        changed: status.changed
            || instruments.changed
            || agencies.changed
            || text.changed
            || sources.changed,
        status,
        instruments,
        agencies,
        text,
        sources,
    }
}

fn country_view(profile: &Profile) -> CountryView {
    CountryView {
        name: profile.country.name.clone(),
        alpha2: profile.country.alpha2.clone(),
        alpha3: profile.country.alpha3.clone(),
    }
}

fn side(input: Input<'_>) -> Side {
    let profile = input.profile;
    Side {
        file: input.file.to_owned(),
        country: country_view(profile),
        edition: profile.edition,
        last_updated: profile.last_updated.to_string(),
        label: format!("{}, {} edition", profile.country.name, profile.edition),
    }
}

fn background_diff(a: &Profile, b: &Profile, catalogue: &Catalogue) -> BackgroundDiff {
    let (pa, pb) = (&a.background.population, &b.background.population);
    let population = figure(
        &catalogue.background.population,
        whole(pa.value),
        whole(pb.value),
        group_thousands(pa.value),
        group_thousands(pb.value),
        population_change(pa.value, pb.value),
        Change::of(pa.source.clone(), pb.source.clone()),
        Change::of(pa.as_of.to_string(), pb.as_of.to_string()),
    );
    let (ia, ib) = (&a.background.internet_users, &b.background.internet_users);
    let points = ib.percent - ia.percent;
    let internet_users = figure(
        &catalogue.background.internet_users,
        Amount::Decimal(ia.percent),
        Amount::Decimal(ib.percent),
        format!("{}%", decimal(ia.percent)),
        format!("{}%", decimal(ib.percent)),
        format!(
            "{} percentage point{}",
            signed_decimal(points),
            if round(points.abs(), 2) == 1.0 {
                ""
            } else {
                "s"
            }
        ),
        Change::of(ia.source.clone(), ib.source.clone()),
        Change::of(ia.as_of.to_string(), ib.as_of.to_string()),
    );
    BackgroundDiff {
        changed: population.changed || internet_users.changed,
        population,
        internet_users,
    }
}

#[allow(clippy::too_many_arguments)]
fn figure(
    label: &str,
    old: Amount,
    new: Amount,
    old_text: String,
    new_text: String,
    absolute_text: String,
    source: Change<String>,
    as_of: Change<String>,
) -> FigureDiff {
    let value_changed = old != new;
    let (a, b) = (old.as_f64(), new.as_f64());
    let relative_change = (a != 0.0).then(|| round((b - a) / a * 100.0, 4));
    let change_text = match relative_change {
        _ if !value_changed => "unchanged".to_owned(),
        // A real change that rounds to 0.00% would read as no change at all.
        Some(relative) if decimal(relative) == "0" => {
            let sign = if b > a { "+" } else { "-" };
            format!("{absolute_text} ({sign}<0.01%)")
        }
        Some(relative) => format!("{absolute_text} ({}%)", signed_decimal(relative)),
        None => absolute_text,
    };
    FigureDiff {
        label: label.to_owned(),
        old,
        new,
        change: new.minus(old),
        relative_change,
        old_text,
        new_text,
        change_text,
        changed: value_changed || source.changed || as_of.changed,
        source,
        as_of,
    }
}

/// A population as a JSON integer (saturating far beyond any real one).
fn whole(value: u64) -> Amount {
    Amount::Whole(i64::try_from(value).unwrap_or(i64::MAX))
}

/// `+212 000`, `-5`: a population change, grouped like the ITU prints figures.
fn population_change(old: u64, new: u64) -> String {
    if new >= old {
        format!("+{}", group_thousands(new - old))
    } else {
        format!("-{}", group_thousands(old - new))
    }
}

fn sources_diff(old: &BTreeMap<String, Source>, new: &BTreeMap<String, Source>) -> SourcesDiff {
    let added: Vec<SourceView> = new
        .iter()
        .filter(|(id, _)| !old.contains_key(*id))
        .map(|(id, s)| SourceView::new(id, Some(s)))
        .collect();
    let removed: Vec<SourceView> = old
        .iter()
        .filter(|(id, _)| !new.contains_key(*id))
        .map(|(id, s)| SourceView::new(id, Some(s)))
        .collect();
    let modified: Vec<Change<SourceView>> = old
        .iter()
        .filter_map(|(id, o)| {
            let n = new.get(id)?;
            (o != n).then(|| Change::of(SourceView::new(id, Some(o)), SourceView::new(id, Some(n))))
        })
        .collect();
    SourcesDiff {
        changed: !added.is_empty() || !removed.is_empty() || !modified.is_empty(),
        added,
        removed,
        modified,
    }
}

#[cfg(test)]
mod tests;
