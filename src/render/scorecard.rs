//! The view of a GCI country profile: what the scorecard templates see
//! (`gci.md.tera`, `gci.html.tera`).
//!
//! | owns | must not |
//! | --- | --- |
//! | turning a [`ScoredProfile`] and its edition into printable values: scores with two decimals, pillar names, the tier staircase, averages, numbered sources | compute what the data does not hold (strengths, growth areas, a tier or rank the profile does not state) |
//!
//! Scores print with two decimals, as the ITU's report prints them; the
//! profile's figures (the dataset's, at full precision, or the report's)
//! are said in a note, since the two can differ in the second decimal.

use std::collections::BTreeMap;

use serde::Serialize;

use super::markdown::{escape_inline, sanitize_markdown};
use super::view::SourceView;
use crate::model::{Figures, ScoredProfile, Source};
use crate::schema::{Ranking, ScoredEdition};
use crate::wording::{ordinal_date_text, partial_date_text, two_decimals};

/// A GCI country profile, ready to print.
#[derive(Debug, Clone, Serialize)]
pub struct ScorecardView {
    /// `scored`: which kind of document this is.
    pub kind: &'static str,
    /// The edition's heading (`GCI 5th Edition Country Performance`), the
    /// first line of the title block.
    pub title: String,
    /// The country, escaped for Markdown.
    pub country: String,
    /// The country as plain text.
    pub country_plain: String,
    /// ISO alpha-2 code.
    pub alpha2: String,
    /// ISO alpha-3 code.
    pub alpha3: String,
    /// The edition's year.
    pub edition: u16,
    /// The edition's identifier (`gci-2024`).
    pub schema_edition: String,
    /// The edition's name.
    pub schema_name: String,
    /// The edition's short name (`GCI 2024`).
    pub short_name: String,
    /// What the document is about, in one line (document metadata).
    pub subject: String,
    /// The country's ITU-D region, where the profile gives it.
    pub region: Option<String>,
    /// Each pillar, in the edition's order.
    pub pillars: Vec<PillarView>,
    /// The highest score of a pillar (20), when all pillars share it.
    pub pillar_max: Option<String>,
    /// The overall score, two decimals.
    pub overall: Option<String>,
    /// The highest overall score (`100`).
    pub overall_max: String,
    /// `tiers`, `ranks` or `none`.
    pub ranking: &'static str,
    /// The country's tier, where the profile states it.
    pub tier: Option<TierView>,
    /// Every tier of the edition, best first, the country's marked.
    pub tiers: Vec<TierView>,
    /// The country's rank, where the profile states it.
    pub rank: Option<u32>,
    /// The areas of relative strength, as pillar titles.
    pub strengths: Vec<String>,
    /// The areas of potential growth, as pillar titles.
    pub growth: Vec<String>,
    /// How many countries the region's average is of.
    pub region_countries: Option<u32>,
    /// How many countries the world's average is of.
    pub world_countries: Option<u32>,
    /// The region's average overall score.
    pub region_overall: Option<String>,
    /// The world's average overall score.
    pub world_overall: Option<String>,
    /// `dataset` or `report`.
    pub figures: &'static str,
    /// What the figures are, and the caveat that comes with them.
    pub figures_note: String,
    /// The number of the source the scores come from.
    pub scores_source: Option<usize>,
    /// The numbered references, in order of first citation.
    pub sources: Vec<SourceView>,
    /// The edition's report: title, identifier, date, address.
    pub publication: PublicationView,
    /// `Last updated on 30th November 2026`.
    pub last_updated: String,
    /// `2026-11-30`.
    pub last_updated_iso: String,
}

/// One pillar's scores.
#[derive(Debug, Clone, Serialize)]
pub struct PillarView {
    /// `capacity_development`.
    pub key: String,
    /// `Capacity Development`.
    pub name: String,
    /// `Capacity Development Measures`.
    pub title: String,
    /// `capacity-development`.
    pub anchor: String,
    /// The country's score, two decimals.
    pub score: Option<String>,
    /// The same, as a number (for charts).
    pub value: Option<f64>,
    /// The highest score (`20`).
    pub max: String,
    /// The region's average, two decimals.
    pub region_average: Option<String>,
    /// The same, as a number.
    pub region_value: Option<f64>,
    /// The world's average, two decimals.
    pub world_average: Option<String>,
    /// A short note on the pillar (Markdown), with its source numbers.
    pub note: Option<String>,
    /// The numbers of the note's sources.
    pub note_sources: Vec<usize>,
}

/// A tier of the edition.
#[derive(Debug, Clone, Serialize)]
pub struct TierView {
    /// 1 to 5.
    pub number: u8,
    /// `Role-modelling`.
    pub name: String,
    /// Its lowest overall score.
    pub min: String,
    /// Whether it is the country's tier.
    pub current: bool,
    /// A caveat on its definition.
    pub note: Option<String>,
}

/// The report an edition was published in.
#[derive(Debug, Clone, Serialize)]
pub struct PublicationView {
    /// Its title.
    pub title: String,
    /// The ITU's identifier.
    pub id: Option<String>,
    /// `September 2024`.
    pub date: Option<String>,
    /// Its address.
    pub url: Option<String>,
}

/// Builds the view of a GCI profile.
pub fn scorecard_view(profile: &ScoredProfile, edition: &ScoredEdition) -> ScorecardView {
    let numbering = number_sources(profile);
    let number = |id: &str| numbering.get(id).copied();
    let averages = profile.averages.as_ref();
    let pillars: Vec<PillarView> = edition
        .pillars
        .iter()
        .map(|pillar| {
            let note = profile.notes.get(&pillar.key);
            let region = averages.and_then(|a| a.region.pillars.get(&pillar.key).copied());
            PillarView {
                key: pillar.key.clone(),
                name: pillar.name.clone(),
                title: pillar.title.clone(),
                anchor: edition.pillar_anchor(&pillar.key),
                score: profile.pillar(&pillar.key).map(two_decimals),
                value: profile.pillar(&pillar.key),
                max: crate::wording::decimal(pillar.max),
                region_average: region.map(two_decimals),
                region_value: region,
                world_average: averages
                    .and_then(|a| a.world.pillars.get(&pillar.key).copied())
                    .map(two_decimals),
                note: note.map(|n| sanitize_markdown(n.text.trim())),
                note_sources: note
                    .map(|n| n.sources.iter().filter_map(|id| number(id)).collect())
                    .unwrap_or_default(),
            }
        })
        .collect();
    let pillar_max = match edition.pillars.first() {
        Some(first) if edition.pillars.iter().all(|p| p.max == first.max) => {
            Some(crate::wording::decimal(first.max))
        }
        _ => None,
    };
    let title_of = |key: &String| {
        edition
            .pillar(key)
            .map_or_else(|| key.clone(), |p| p.title.clone())
    };
    let tiers: Vec<TierView> = edition
        .tiers
        .iter()
        .map(|t| TierView {
            number: t.tier,
            name: t.name.clone(),
            min: crate::wording::decimal(t.min),
            current: profile.tier == Some(t.tier),
            note: t.note.clone(),
        })
        .collect();
    let overall = profile.scores.overall.or_else(|| {
        (edition.overall.sum_of_pillars && !edition.pillars.is_empty())
            .then(|| {
                edition
                    .pillars
                    .iter()
                    .map(|p| profile.pillar(&p.key))
                    .sum::<Option<f64>>()
            })
            .flatten()
    });
    let source_name = profile
        .sources
        .get(&profile.scores.source)
        .map(|s| s.publisher.clone().unwrap_or_else(|| s.title.clone()));
    let figures_note = match profile.scores.figures {
        Figures::Dataset => format!(
            "The scores are the values of the dataset{}, at full precision, shown with two decimals; they can differ from the figures printed in the ITU's report in the second decimal.",
            source_name.map(|n| format!(" ({n})")).unwrap_or_default()
        ),
        Figures::Report => "The scores are the figures printed in the ITU's report.".to_owned(),
    };
    let mut sources: Vec<SourceView> = numbering
        .iter()
        .filter_map(|(id, &n)| profile.sources.get(id).map(|s| source_view(n, id, s)))
        .collect();
    sources.sort_by_key(|s| s.number);
    let country = escape_inline(&profile.country.name);
    ScorecardView {
        kind: "scored",
        title: edition.heading.clone(),
        country,
        country_plain: profile.country.name.clone(),
        alpha2: profile.country.alpha2.clone(),
        alpha3: profile.country.alpha3.clone(),
        edition: profile.edition,
        schema_edition: edition.id.clone(),
        schema_name: edition.name.clone(),
        short_name: edition.short_name.clone(),
        subject: format!(
            "{}: the cybersecurity commitment of {}",
            edition.short_name, profile.country.name
        ),
        region: profile.region.clone(),
        pillars,
        pillar_max,
        overall: overall.map(two_decimals),
        overall_max: crate::wording::decimal(edition.overall.max),
        ranking: match edition.ranking {
            Ranking::Tiers => "tiers",
            Ranking::Ranks => "ranks",
            Ranking::None => "none",
        },
        tier: tiers.iter().find(|t| t.current).cloned(),
        tiers,
        rank: profile.rank,
        strengths: profile.strengths.iter().map(title_of).collect(),
        growth: profile.growth.iter().map(title_of).collect(),
        region_countries: averages.map(|a| a.region.countries),
        world_countries: averages.map(|a| a.world.countries),
        region_overall: averages.and_then(|a| a.region.overall).map(two_decimals),
        world_overall: averages.and_then(|a| a.world.overall).map(two_decimals),
        figures: match profile.scores.figures {
            Figures::Dataset => "dataset",
            Figures::Report => "report",
        },
        figures_note,
        scores_source: number(&profile.scores.source),
        sources,
        publication: PublicationView {
            title: edition.publication.title.clone(),
            id: edition.publication.id.clone(),
            date: edition.publication.date.map(partial_date_text),
            url: edition.publication.url.clone(),
        },
        last_updated: format!(
            "Last updated on {}",
            ordinal_date_text(profile.last_updated)
        ),
        last_updated_iso: profile.last_updated.to_string(),
    }
}

/// Numbers the sources: the scores' first, then the notes' in pillar
/// order, then any others by identifier.
fn number_sources(profile: &ScoredProfile) -> BTreeMap<String, usize> {
    let mut numbers = BTreeMap::new();
    let cited = std::iter::once(&profile.scores.source)
        .chain(profile.notes.values().flat_map(|n| &n.sources))
        .chain(profile.sources.keys());
    for id in cited {
        if profile.sources.contains_key(id) && !numbers.contains_key(id) {
            let next = numbers.len() + 1;
            numbers.insert(id.clone(), next);
        }
    }
    numbers
}

fn source_view(number: usize, id: &str, source: &Source) -> SourceView {
    super::view::source_view(number, id, source)
}
