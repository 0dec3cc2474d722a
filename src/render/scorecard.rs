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
//!
//! The view also holds the words that stand for the charts (their titles,
//! legends and text alternatives, which state every number they draw), so
//! that the SVG of the HTML page, the PDF's alternative text and a site's
//! page say the same; [`super::chart`] draws from it. And, when the
//! country's profile of an earlier edition is given, the change since then,
//! pillar by pillar through the editions' crosswalk ([`compare`]).

use std::collections::BTreeMap;

use serde::Serialize;

use super::markdown::{escape_inline, sanitize_markdown};
use super::view::SourceView;
use crate::diff::scores::{ScoreChange, ScoreReport, ScoredInput, diff_scores};
use crate::model::{Figures, ScoredProfile, Source};
use crate::schema::{Catalogues, Ranking, ScoredEdition};
use crate::wording::{date_text, ordinal_date_text, partial_date_text, two_decimals};

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
    pub tier: Option<Box<TierView>>,
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
    /// Who published the scores' source (`World Bank Data360`).
    pub scores_publisher: Option<String>,
    /// The numbered references, in order of first citation.
    pub sources: Vec<ScoredSourceView>,
    /// The words of the radar chart, where there is one (every pillar
    /// scored, three pillars or more).
    pub radar: Option<Box<RadarText>>,
    /// The words of the tier staircase, in editions with tiers.
    pub staircase: Option<Box<StaircaseText>>,
    /// The change since the country's profile of an earlier edition, when
    /// it was given.
    pub change: Option<Box<ChangeView>>,
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
    /// The same, as a number.
    pub max_value: f64,
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
    /// `T1`.
    pub short: String,
    /// `Role-modelling`.
    pub name: String,
    /// Its lowest overall score.
    pub min: String,
    /// Its highest overall score: the next tier's floor, or the scale's top.
    pub max: String,
    /// `95–100`, with `*` when a note qualifies it.
    pub range: String,
    /// Whether it is the country's tier.
    pub current: bool,
    /// A caveat on its definition.
    pub note: Option<String>,
}

/// A numbered reference of a GCI profile.
#[derive(Debug, Clone, Serialize)]
pub struct ScoredSourceView {
    /// Number, title, publisher, date and address.
    #[serde(flatten)]
    pub source: SourceView,
    /// A dataset's identifier at its publisher (`ITU_GCI`).
    pub dataset: Option<String>,
    /// The day a dataset was read (`30 November 2026`).
    pub retrieved: Option<String>,
}

/// The words of the radar chart.
#[derive(Debug, Clone, Serialize)]
pub struct RadarText {
    /// Its title.
    pub title: String,
    /// Its text alternative: what it shows, and every number.
    pub description: String,
    /// The legend of the country's line (`Belgium`).
    pub country_label: String,
    /// The legend of the region's line (`Europe average (46 countries)`),
    /// where the profile gives the region's averages.
    pub region_label: Option<String>,
}

/// The words of the tier staircase.
#[derive(Debug, Clone, Serialize)]
pub struct StaircaseText {
    /// Its title.
    pub title: String,
    /// Its text alternative: every tier with its scores, and the country's.
    pub description: String,
    /// The label of the arrow under the steps.
    pub axis: String,
    /// The pointer's label at the country's tier (the country), where the
    /// profile states its tier.
    pub marker: Option<String>,
}

/// The change since the country's profile of an earlier edition.
#[derive(Debug, Clone, Serialize)]
pub struct ChangeView {
    /// The earlier edition's short name (`GCI 2020`).
    pub edition: String,
    /// Its year.
    pub year: u16,
    /// This edition's short name (`GCI 2024`).
    pub current: String,
    /// Each pillar of this edition with the earlier edition's score of the
    /// pillar the crosswalk pairs it with.
    pub pillars: Vec<ScoreChangeView>,
    /// The overall score.
    pub overall: ScoreChangeView,
    /// The earlier edition's rank, where it ranked.
    pub rank: Option<u32>,
    /// The earlier edition's tier (`Tier 2: Advancing`), where it had tiers.
    pub tier: Option<String>,
    /// Whether a pillar of this edition has no counterpart in the earlier one.
    pub unpaired: bool,
}

/// A score then and now.
#[derive(Debug, Clone, Serialize)]
pub struct ScoreChangeView {
    /// `Legal Measures` (empty for the overall score).
    pub title: String,
    /// Then, two decimals, or `—`.
    pub old: String,
    /// Now, two decimals, or `—`.
    pub new: String,
    /// `+3.26`, `-1.89`, `0.00`, or `—`.
    pub change: String,
    /// `up`, `down`, `same` (no change in two decimals) or `unknown`.
    pub direction: &'static str,
}

impl ScoreChangeView {
    fn of(title: String, score: &ScoreChange) -> Self {
        ScoreChangeView {
            title,
            old: score.old_text.clone(),
            new: score.new_text.clone(),
            change: score.change_text.clone(),
            direction: match score.change {
                None => "unknown",
                Some(_) if !score.changed => "same",
                Some(c) if c > 0.0 => "up",
                Some(_) => "down",
            },
        }
    }
}

/// Compares a profile with the same country's profile of an earlier
/// edition, pillar by pillar through the crosswalk between the two
/// editions. Says why not when they are not comparable: another country,
/// not an earlier edition, or editions that no crosswalk joins.
pub fn compare(
    previous: &ScoredProfile,
    profile: &ScoredProfile,
    catalogues: &Catalogues,
) -> Result<ScoreReport, String> {
    if previous.country.alpha3 != profile.country.alpha3 {
        return Err(format!(
            "it is a profile of {} ({}), not of {} ({})",
            previous.country.name,
            previous.country.alpha3,
            profile.country.name,
            profile.country.alpha3
        ));
    }
    if previous.edition >= profile.edition {
        return Err(format!(
            "its edition ({}) is not earlier than {}",
            previous.edition, profile.edition
        ));
    }
    let input = |profile| ScoredInput { file: "", profile };
    let report = diff_scores(input(previous), input(profile), catalogues).map_err(|_| {
        format!(
            "no crosswalk joins the pillars of `{}` to those of `{}`",
            previous.schema_edition, profile.schema_edition
        )
    })?;
    if report.pillars.iter().all(|p| p.old_key.is_none()) {
        return Err(format!(
            "`{}` has no pillar that corresponds to one of `{}`",
            previous.schema_edition, profile.schema_edition
        ));
    }
    Ok(report)
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

/// Builds the view of a GCI profile; with `change`, the comparison with the
/// country's profile of an earlier edition ([`compare`]).
pub fn scorecard_view(
    profile: &ScoredProfile,
    edition: &ScoredEdition,
    change: Option<&ScoreReport>,
) -> ScorecardView {
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
                max_value: pillar.max,
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
        .enumerate()
        .map(|(i, t)| {
            // Tiers are listed best first: a tier ends where the better one starts.
            let top = i
                .checked_sub(1)
                .and_then(|better| edition.tiers.get(better))
                .map_or(edition.overall.max, |better| better.min);
            let (min, max) = (crate::wording::decimal(t.min), crate::wording::decimal(top));
            TierView {
                number: t.tier,
                short: format!("T{}", t.tier),
                name: t.name.clone(),
                range: format!(
                    "{min}\u{2013}{max}{}",
                    if t.note.is_some() { "*" } else { "" }
                ),
                min,
                max,
                current: profile.tier == Some(t.tier),
                note: t.note.clone(),
            }
        })
        .collect();
    let overall = edition.overall_of(profile);
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
    let mut sources: Vec<ScoredSourceView> = numbering
        .iter()
        .filter_map(|(id, &n)| profile.sources.get(id).map(|s| source_view(n, id, s)))
        .collect();
    sources.sort_by_key(|s| s.source.number);
    let country = escape_inline(&profile.country.name);
    let overall_text = overall.map(two_decimals);
    let tier = tiers.iter().find(|t| t.current).cloned().map(Box::new);
    let radar = radar_text(profile, &pillars, averages.map(|a| a.region.countries)).map(Box::new);
    let staircase = (edition.ranking == Ranking::Tiers && !tiers.is_empty()).then(|| {
        Box::new(staircase_text(
            profile,
            edition,
            &tiers,
            tier.as_deref(),
            overall_text.as_deref(),
        ))
    });
    let change = change.map(|report| Box::new(change_view(report, edition)));
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
        overall: overall_text,
        overall_max: crate::wording::decimal(edition.overall.max),
        ranking: edition.ranking.as_str(),
        tier,
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
        scores_publisher: profile
            .sources
            .get(&profile.scores.source)
            .and_then(|s| s.publisher.clone()),
        sources,
        radar,
        staircase,
        change,
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

fn source_view(number: usize, id: &str, source: &Source) -> ScoredSourceView {
    ScoredSourceView {
        source: super::view::source_view(number, id, source),
        dataset: source.dataset.as_deref().map(escape_inline),
        retrieved: source.retrieved.map(date_text),
    }
}

/// The words of the radar chart: `None` unless every pillar is scored.
fn radar_text(
    profile: &ScoredProfile,
    pillars: &[PillarView],
    region_countries: Option<u32>,
) -> Option<RadarText> {
    if pillars.len() < 3 || pillars.iter().any(|p| p.score.is_none()) {
        return None;
    }
    let country = &profile.country.name;
    // The region's line only when every pillar has its average.
    let region = profile
        .region
        .as_deref()
        .filter(|_| pillars.iter().all(|p| p.region_average.is_some()));
    let scale = match pillars.first() {
        Some(first) if pillars.iter().all(|p| p.max == first.max) => {
            format!(" (0 at the centre, {} on the outer ring)", first.max)
        }
        _ => " (0 at the centre, each pillar's highest score on the outer ring)".to_owned(),
    };
    let mut description =
        format!("Radar chart of {country}'s score in each pillar{scale}, drawn as a solid line");
    let region_label = region.map(|r| match region_countries {
        Some(n) => format!("{r} average ({n} countries)"),
        None => format!("{r} average"),
    });
    if let Some(label) = &region_label {
        description.push_str(&format!(", against the {label}, drawn as a dashed line"));
    }
    description.push('.');
    for pillar in pillars {
        let score = pillar.score.as_deref().unwrap_or_default();
        description.push_str(&format!(" {}: {score}", pillar.title));
        if let (Some(region), Some(average)) = (region, &pillar.region_average) {
            description.push_str(&format!(", {region} average {average}"));
        }
        description.push('.');
    }
    Some(RadarText {
        title: match region {
            Some(r) => format!("{country}: pillar scores against the {r} average"),
            None => format!("{country}: pillar scores"),
        },
        description,
        country_label: country.clone(),
        region_label,
    })
}

/// The words of the tier staircase.
fn staircase_text(
    profile: &ScoredProfile,
    edition: &ScoredEdition,
    tiers: &[TierView],
    tier: Option<&TierView>,
    overall: Option<&str>,
) -> StaircaseText {
    let country = &profile.country.name;
    let steps: Vec<String> = tiers
        .iter()
        .rev()
        .map(|t| {
            format!(
                "Tier {}, {} (overall score {} to {}{})",
                t.number,
                t.name,
                t.min,
                t.max,
                if t.note.is_some() { "*" } else { "" }
            )
        })
        .collect();
    let mut description = format!(
        "Staircase of the {} tiers of the {}, from the lowest to the highest: {}.",
        tiers.len(),
        edition.short_name,
        steps.join(", ")
    );
    match (tier, overall) {
        (Some(t), Some(score)) => description.push_str(&format!(
            " {country}, with an overall score of {score}, is in Tier {}, {}.",
            t.number, t.name
        )),
        (Some(t), None) => {
            description.push_str(&format!(" {country} is in Tier {}, {}.", t.number, t.name));
        }
        (None, _) => {
            description.push_str(&format!(" The profile does not state {country}'s tier."))
        }
    }
    for t in tiers {
        if let Some(note) = &t.note {
            description.push_str(&format!(" *{note}"));
        }
    }
    StaircaseText {
        title: match tier {
            Some(t) => format!(
                "Tier performance: {country} in Tier {}, {}",
                t.number, t.name
            ),
            None => "Tier performance".to_owned(),
        },
        description,
        axis: "Cybersecurity commitment".to_owned(),
        marker: tier.map(|_| country.clone()),
    }
}

/// The change since an earlier edition, from the comparison of the two.
fn change_view(report: &ScoreReport, edition: &ScoredEdition) -> ChangeView {
    ChangeView {
        edition: report.old.edition_name.clone(),
        year: report.old.year,
        current: edition.short_name.clone(),
        pillars: report
            .pillars
            .iter()
            .map(|p| ScoreChangeView::of(p.title.clone(), &p.score))
            .collect(),
        overall: ScoreChangeView::of(String::new(), &report.overall),
        rank: report.rank.old,
        tier: report.tier.old.clone(),
        unpaired: report.pillars.iter().any(|p| p.old_key.is_none()),
    }
}
