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

mod report;
pub mod scores;
pub mod text;
pub mod words;

pub use report::*;

use std::collections::BTreeMap;

use crate::diag::{Code, Diagnostic};
use crate::model::{Area, Indicator, Profile, Source, Status};
use crate::schema::{Catalogue, Catalogues, IndicatorSpec};
use crate::wording::{and_list, decimal, group_thousands, round, signed_decimal};

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
    /// A Cyberwellness Profile and a GCI profile: they hold different things.
    #[error(
        "`{old_file}` and `{new_file}` are profiles of two kinds (a Cyberwellness Profile and a Global Cybersecurity Index profile), which hold different things"
    )]
    KindMismatch {
        /// The old profile's file.
        old_file: String,
        /// The new profile's file.
        new_file: String,
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
                "profilec compares profiles of one edition, or of two editions joined by a crosswalk (schema/crosswalks/); compare each profile with one of its own edition",
            ),
            DiffError::KindMismatch { .. } => (
                Code::EditionMismatch,
                "compare a Cyberwellness Profile with another Cyberwellness Profile, and a GCI profile with another GCI profile",
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

    let country = Change::of(CountryView::from(&a.country), CountryView::from(&b.country));
    let same_country = a.country.alpha3 == b.country.alpha3;
    let edition = Change::of(a.edition, b.edition);
    let last_updated = Change::of(a.last_updated.to_string(), b.last_updated.to_string());
    let publisher = Change::of(a.publisher.clone(), b.publisher.clone());
    let background = background_diff(a, b, catalogue);
    let sources = sources_diff(&a.sources, &b.sources);

    let mut other = Vec::new();
    for (changed, what) in [
        (country.changed, "country"),
        (edition.changed, "edition"),
        (last_updated.changed, "last-updated date"),
        (publisher.changed, "publisher"),
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
        kind: "indicators",
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
        publisher,
        background,
        sources,
        areas,
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
    let unknown = Indicator::of(Status::Unknown);
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

fn side(input: Input<'_>) -> Side {
    let profile = input.profile;
    Side {
        file: input.file.to_owned(),
        country: CountryView::from(&profile.country),
        edition: profile.edition,
        last_updated: profile.last_updated.to_string(),
        label: format!("{}, {} edition", profile.country.name, profile.edition),
    }
}

fn background_diff(a: &Profile, b: &Profile, catalogue: &Catalogue) -> BackgroundDiff {
    let population = |p: Option<&crate::model::Population>| {
        p.map(|p| Figure {
            amount: whole(p.value),
            text: group_thousands(p.value),
            source: p.source.clone(),
            as_of: p.as_of.to_string(),
        })
    };
    let population = figure(
        &catalogue.background.population,
        population(a.background.population.as_ref()),
        population(b.background.population.as_ref()),
        population_change,
    );
    let users = |u: Option<&crate::model::InternetUsers>| {
        u.map(|u| Figure {
            amount: Amount::Decimal(u.percent),
            text: format!("{}%", decimal(u.percent)),
            source: u.source.clone(),
            as_of: u.as_of.to_string(),
        })
    };
    let internet_users = figure(
        &catalogue.background.internet_users,
        users(a.background.internet_users.as_ref()),
        users(b.background.internet_users.as_ref()),
        |old, new| {
            let points = new.as_f64() - old.as_f64();
            format!(
                "{} percentage point{}",
                signed_decimal(points),
                if round(points.abs(), 2) == 1.0 {
                    ""
                } else {
                    "s"
                }
            )
        },
    );
    BackgroundDiff {
        changed: population.changed || internet_users.changed,
        population,
        internet_users,
    }
}

/// One side of a background figure, where the profile gives it.
struct Figure {
    amount: Amount,
    text: String,
    source: String,
    as_of: String,
}

/// How a figure a profile does not give is printed.
const NO_FIGURE: &str = "no information";

fn figure(
    label: &str,
    old: Option<Figure>,
    new: Option<Figure>,
    absolute: impl Fn(Amount, Amount) -> String,
) -> FigureDiff {
    let value_changed = old.as_ref().map(|f| f.amount) != new.as_ref().map(|f| f.amount);
    let (change, relative_change, change_text) = match (&old, &new) {
        (Some(o), Some(n)) => {
            let (a, b) = (o.amount.as_f64(), n.amount.as_f64());
            let relative = (a != 0.0).then(|| round((b - a) / a * 100.0, 4));
            let absolute_text = absolute(o.amount, n.amount);
            let text = match relative {
                _ if !value_changed => "unchanged".to_owned(),
                // A real change that rounds to 0.00% would read as no change at all.
                Some(relative) if decimal(relative) == "0" => {
                    let sign = if b > a { "+" } else { "-" };
                    format!("{absolute_text} ({sign}<0.01%)")
                }
                Some(relative) => format!("{absolute_text} ({}%)", signed_decimal(relative)),
                None => absolute_text,
            };
            (Some(n.amount.minus(o.amount)), relative, text)
        }
        (None, Some(_)) => (None, None, "added".to_owned()),
        (Some(_), None) => (None, None, "removed".to_owned()),
        (None, None) => (None, None, "unchanged".to_owned()),
    };
    let part = |f: &Option<Figure>, get: fn(&Figure) -> &String| {
        f.as_ref().map(get).cloned().unwrap_or_default()
    };
    let source = Change::of(part(&old, |f| &f.source), part(&new, |f| &f.source));
    let as_of = Change::of(part(&old, |f| &f.as_of), part(&new, |f| &f.as_of));
    let text = |f: &Option<Figure>| {
        f.as_ref()
            .map_or_else(|| NO_FIGURE.to_owned(), |f| f.text.clone())
    };
    FigureDiff {
        label: label.to_owned(),
        old_text: text(&old),
        new_text: text(&new),
        old: old.map(|f| f.amount),
        new: new.map(|f| f.amount),
        change,
        relative_change,
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
fn population_change(old: Amount, new: Amount) -> String {
    let (Amount::Whole(old), Amount::Whole(new)) = (old, new) else {
        return signed_decimal(new.as_f64() - old.as_f64());
    };
    let (old, new) = (old.unsigned_abs(), new.unsigned_abs());
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
