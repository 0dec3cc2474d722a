//! The report of a comparison: what differs between two profiles, as data.
//!
//! It is also the *view* every output form consumes: `Serialize`, numbered,
//! ordered and worded in advance, so the JSON form is the report itself and
//! the text, Markdown and HTML forms only lay it out.

use serde::Serialize;

use super::words::{self, Span};
use crate::model::{Profile, Source, Status};
use crate::wording::{plural_s, round};

/// Everything that differs between two profiles, ready to print.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// The version of this structure ([`super::FORMAT_VERSION`]).
    pub format_version: u32,
    /// `indicators`: which kind of report this is (a GCI comparison says
    /// `scores`).
    pub kind: &'static str,
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
    /// Who published the profile.
    pub publisher: Change<String>,
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

impl From<&crate::model::Country> for CountryView {
    fn from(country: &crate::model::Country) -> Self {
        CountryView {
            name: country.name.clone(),
            alpha2: country.alpha2.clone(),
            alpha3: country.alpha3.clone(),
        }
    }
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
    pub(super) fn of(old: T, new: T) -> Self {
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
    pub(super) fn add(&mut self, indicator: &IndicatorDiff) {
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
    /// The old value; `None` where the old profile gives no figure.
    pub old: Option<Amount>,
    /// The new value; `None` where the new profile gives no figure.
    pub new: Option<Amount>,
    /// `new - old` (people, or percentage points, rounded to 4 decimals);
    /// `None` unless both profiles give the figure.
    pub change: Option<Amount>,
    /// The change relative to the old value, in percent, rounded to 4
    /// decimals; `null` when the old value is 0 or either is missing.
    pub relative_change: Option<f64>,
    /// The old value as printed (`10 788 000`, `82.17%`, `no information`).
    pub old_text: String,
    /// The new value as printed.
    pub new_text: String,
    /// The change as printed (`+212 000 (+1.97%)`, `+2.83 percentage points
    /// (+3.44%)`), `added`, `removed`, or `unchanged`.
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
    pub(super) fn as_f64(self) -> f64 {
        match self {
            Amount::Whole(n) => n as f64,
            Amount::Decimal(x) => x,
        }
    }

    pub(super) fn minus(self, other: Amount) -> Amount {
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
    pub(super) fn new(id: &str, source: Option<&Source>) -> Self {
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
        let bound = source.not_before.map(|d| format!("not before {d}"));
        let contributor = source
            .contributor
            .as_deref()
            .map(|c| format!("contributor {c}"));
        let details: Vec<&str> = [
            source.publisher.as_deref(),
            contributor.as_deref(),
            date.as_deref().or(bound.as_deref()),
        ]
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
    pub(super) fn of(old: &[String], new: &[String]) -> Self {
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
    pub(super) fn of(
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
    pub(super) fn of(
        old: &[String],
        new: &[String],
        old_profile: &Profile,
        new_profile: &Profile,
    ) -> Self {
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
