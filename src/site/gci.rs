//! The pages of the Global Cybersecurity Index across countries: the
//! results of each edition (every country, sortable and filterable by
//! region and tier), the countries of each tier, and the scores as tidy
//! CSV (`gci.csv`); and what every GCI page shares: which editions the
//! site holds, and how a profile's region, overall score, tier and rank
//! are shown.
//!
//! Nothing here computes what the profiles do not state: a tier or a rank
//! is the profile's, a region the profile's (else profilec's list of ITU-D
//! regions); only averages over the countries a page lists are computed
//! (in [`super::regions`]).

use std::collections::BTreeMap;

use crate::model::Date;
use crate::render::RenderError;
use crate::schema::{Ranking, ScoredEdition, regions};
use crate::wording::two_decimals;

use super::charts::{self, Bar, Legend};
use super::group::Scorecard;
use super::paths::{self, relative};
use super::views::{
    GciResultsView, GciTiersView, Link, PillarHeading, Placing, RankMark, RegionOption, ResultRow,
    ResultsLink, Score, TierDistribution, TierGroup, TierMark, TierMember, TierOption,
};
use super::{Builder, CountryEditions};
use crate::render::templates as names;

/// One GCI edition the site holds, and every country's profile of it.
pub(super) struct GciEdition<'a> {
    /// The edition.
    pub edition: &'a ScoredEdition,
    /// One profile per country, in the site's country order (by name).
    pub entries: Vec<GciEntry<'a>>,
}

/// A country's profile in one edition.
#[derive(Clone, Copy)]
pub(super) struct GciEntry<'a> {
    /// The country's name, as the site names it.
    pub name: &'a str,
    /// ISO alpha-3.
    pub alpha3: &'a str,
    /// The profile.
    pub scorecard: Scorecard<'a>,
}

impl<'a> GciEdition<'a> {
    /// The edition's year.
    pub fn year(&self) -> u16 {
        self.edition.year
    }

    /// The newest last-updated date of its profiles.
    pub fn updated(&self) -> Option<Date> {
        self.entries
            .iter()
            .map(|e| e.scorecard.profile.last_updated)
            .max()
    }
}

/// The GCI editions the countries' profiles follow, oldest first.
pub(super) fn editions<'a>(countries: &[CountryEditions<'a>]) -> Vec<GciEdition<'a>> {
    let mut by_edition: BTreeMap<(u16, &str), GciEdition<'a>> = BTreeMap::new();
    for country in countries {
        for scorecard in &country.scorecards {
            by_edition
                .entry((scorecard.edition.year, scorecard.edition.id.as_str()))
                .or_insert_with(|| GciEdition {
                    edition: scorecard.edition,
                    entries: Vec::new(),
                })
                .entries
                .push(GciEntry {
                    name: country.name(),
                    alpha3: country.alpha3,
                    scorecard: *scorecard,
                });
        }
    }
    by_edition.into_values().collect()
}

/// The region of a GCI profile: the one it states, else the one profilec's
/// list of ITU-D regions gives its country.
pub(super) fn region(scorecard: &Scorecard) -> Option<&'static str> {
    scorecard
        .profile
        .region
        .as_deref()
        .and_then(regions::region)
        .or_else(|| regions::region_of(&scorecard.profile.country.alpha3))
}

/// The overall score of a GCI profile ([`ScoredEdition::overall_of`]).
///
/// [`ScoredEdition::overall_of`]: crate::schema::ScoredEdition::overall_of
pub(super) fn overall(scorecard: &Scorecard) -> Option<f64> {
    scorecard.edition.overall_of(scorecard.profile)
}

/// A score as shown.
pub(super) fn score(value: f64) -> Score {
    Score {
        text: two_decimals(value),
        value,
    }
}

/// A tier of an edition as shown, by words and a staircase of squares.
pub(super) fn tier_mark(edition: &ScoredEdition, number: u8) -> Option<TierMark> {
    let tier = edition.tiers.iter().find(|t| t.tier == number)?;
    let all = edition.tiers.len();
    let filled = (all + 1).saturating_sub(usize::from(number)).min(all);
    Some(TierMark {
        number,
        name: tier.name.clone(),
        label: tier.label(),
        steps: format!(
            "{}{}",
            "\u{25A0}".repeat(filled),
            "\u{25A1}".repeat(all - filled)
        ),
    })
}

/// Where an edition placed a country, as the profile states it.
pub(super) fn placing(scorecard: &Scorecard) -> Placing {
    let profile = scorecard.profile;
    let tier = profile.tier.and_then(|t| tier_mark(scorecard.edition, t));
    // Ranks are over every country the GCI ranked, which the world's
    // average counts; a site may publish fewer.
    let ranked = profile
        .averages
        .as_ref()
        .map(|a| a.world.countries as usize);
    let rank = profile.rank.map(|rank| RankMark {
        rank,
        of: ranked.unwrap_or_default(),
        label: match ranked {
            Some(of) => format!("Rank {rank} of {of}"),
            None => format!("Rank {rank}"),
        },
    });
    let (sort, text) = match (&tier, &rank) {
        (Some(t), _) => (u32::from(t.number), t.label.clone()),
        (None, Some(r)) => (r.rank, r.label.clone()),
        (None, None) => (0, String::new()),
    };
    Placing {
        tier,
        rank,
        sort,
        text,
    }
}

/// The regions of some profiles, in the list's order, with their counts.
pub(super) fn region_options<'a>(
    page: &str,
    scorecards: impl Iterator<Item = &'a Scorecard<'a>>,
) -> Vec<RegionOption> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for scorecard in scorecards {
        if let Some(region) = region(scorecard) {
            *counts.entry(region).or_default() += 1;
        }
    }
    regions::REGIONS
        .iter()
        .filter_map(|&name| {
            let count = *counts.get(name)?;
            let slug = regions::region_slug(name);
            Some(RegionOption {
                name: name.to_owned(),
                href: relative(page, &paths::region_page(&slug)),
                slug,
                count,
            })
        })
        .collect()
}

/// The tiers of an edition with how many of `scorecards` each holds.
pub(super) fn tier_options<'a>(
    edition: &ScoredEdition,
    scorecards: impl Iterator<Item = &'a Scorecard<'a>>,
) -> Vec<TierOption> {
    let mut counts: BTreeMap<u8, usize> = BTreeMap::new();
    for scorecard in scorecards {
        if let Some(tier) = scorecard.profile.tier {
            *counts.entry(tier).or_default() += 1;
        }
    }
    edition
        .tiers
        .iter()
        .filter_map(|t| {
            Some(TierOption {
                mark: tier_mark(edition, t.tier)?,
                count: counts.get(&t.tier).copied().unwrap_or_default(),
            })
        })
        .collect()
}

/// How many of `entries` each tier of `edition` holds, with a chart; the
/// members link from `page`.
pub(super) fn tier_distribution(
    page: &str,
    edition: &ScoredEdition,
    entries: &[&GciEntry],
    whose: &str,
) -> TierDistribution {
    let mut tiers = Vec::new();
    let mut above: Option<f64> = None;
    for tier in &edition.tiers {
        let Some(mark) = tier_mark(edition, tier.tier) else {
            continue;
        };
        let members: Vec<TierMember> = entries
            .iter()
            .filter(|e| e.scorecard.profile.tier == Some(tier.tier))
            .map(|e| TierMember {
                name: e.name.to_owned(),
                href: relative(page, &paths::country_page(e.alpha3)),
                overall: overall(&e.scorecard).map(two_decimals).unwrap_or_default(),
                region: region(&e.scorecard).map(str::to_owned),
            })
            .collect();
        tiers.push(TierGroup {
            id: format!("tier-{}", tier.tier),
            range: match above {
                None => format!("{} and above", crate::wording::decimal(tier.min)),
                Some(next) => format!(
                    "from {} to under {}",
                    crate::wording::decimal(tier.min),
                    crate::wording::decimal(next)
                ),
            },
            note: tier.note.clone(),
            mark,
            members,
        });
        above = Some(tier.min);
    }
    let most = tiers.iter().map(|t| t.members.len()).max().unwrap_or(0);
    let description = tiers
        .iter()
        .map(|t| {
            format!(
                "{}: {}",
                t.mark.label,
                crate::wording::count(t.members.len(), "country", "countries")
            )
        })
        .collect::<Vec<_>>()
        .join("; ");
    let chart = charts::bar_chart(
        Legend {
            id: format!("tiers-chart-{}", edition.year),
            title: format!("{whose} in each tier of the {}", edition.short_name),
            description: format!("{description}."),
            bars: None,
            markers: None,
        },
        tiers
            .iter()
            .map(|t| Bar {
                label: t.mark.label.clone(),
                value: t.members.len() as f64,
                text: t.members.len().to_string(),
                marker: None,
            })
            .collect(),
        most.max(1) as f64,
        &[0.0, most.max(1) as f64],
    );
    TierDistribution {
        short_name: edition.short_name.clone(),
        year: edition.year,
        tiers,
        chart,
        tiers_href: relative(page, &paths::gci_tiers(edition.year)),
    }
}

impl Builder<'_> {
    /// The results page of every edition (the latest also as `gci/index.html`),
    /// the tiers page of every edition with tiers, and `gci.csv`.
    pub(super) fn gci_pages(
        &self,
        editions: &[GciEdition],
    ) -> Result<Vec<(String, Vec<u8>)>, RenderError> {
        let mut files = Vec::new();
        for (i, edition) in editions.iter().enumerate() {
            let latest = i + 1 == editions.len();
            let mut pages = vec![paths::gci_results(edition.year())];
            if latest {
                pages.push(paths::GCI.to_owned());
            }
            for page in pages {
                let view = self.results_view(&page, edition, editions);
                let bytes = self.page(names::SITE_GCI_RESULTS, self.nav(&page, "gci"), &view)?;
                files.push((page, bytes));
            }
            if edition.edition.ranking == Ranking::Tiers {
                let page = paths::gci_tiers(edition.year());
                let entries: Vec<&GciEntry> = edition.entries.iter().collect();
                let view = GciTiersView {
                    short_name: edition.edition.short_name.clone(),
                    name: edition.edition.name.clone(),
                    year: edition.year(),
                    countries: edition.entries.len(),
                    distribution: tier_distribution(&page, edition.edition, &entries, "Countries"),
                    results_href: relative(&page, &paths::gci_results(edition.year())),
                };
                let bytes = self.page(names::SITE_GCI_TIERS, self.nav(&page, "gci"), &view)?;
                files.push((page, bytes));
            }
        }
        if !editions.is_empty() {
            files.push((paths::GCI_CSV.to_owned(), gci_csv(editions)?));
        }
        Ok(files)
    }

    fn results_view(
        &self,
        page: &str,
        edition: &GciEdition,
        editions: &[GciEdition],
    ) -> GciResultsView {
        let e = edition.edition;
        let rows = edition
            .entries
            .iter()
            .enumerate()
            .map(|(order, entry)| {
                let region = region(&entry.scorecard);
                let placing = placing(&entry.scorecard);
                ResultRow {
                    name: entry.name.to_owned(),
                    href: relative(page, &paths::country_page(entry.alpha3)),
                    profile_href: relative(page, &paths::scorecard_page(entry.alpha3, e.year)),
                    alpha3: entry.alpha3.to_owned(),
                    region: region.map(str::to_owned),
                    region_slug: region.map(regions::region_slug).unwrap_or_default(),
                    region_href: region
                        .map(|r| relative(page, &paths::region_page(&regions::region_slug(r)))),
                    filter: format!(
                        "{} {} {} {}",
                        entry.name,
                        entry.scorecard.profile.country.alpha2,
                        entry.alpha3,
                        region.unwrap_or_default()
                    )
                    .to_lowercase(),
                    placing,
                    overall: overall(&entry.scorecard).map(score),
                    pillars: e
                        .pillars
                        .iter()
                        .map(|p| entry.scorecard.profile.pillar(&p.key).map(score))
                        .collect(),
                    order,
                }
            })
            .collect();
        let mut sources: Vec<String> = edition
            .entries
            .iter()
            .filter_map(|entry| {
                let profile = entry.scorecard.profile;
                let source = profile.sources.get(&profile.scores.source)?;
                Some(source_words(source))
            })
            .collect();
        sources.sort();
        sources.dedup();
        GciResultsView {
            short_name: e.short_name.clone(),
            name: e.name.clone(),
            year: e.year,
            ranking: e.ranking.as_str(),
            pillars: e
                .pillars
                .iter()
                .map(|p| PillarHeading {
                    name: p.name.clone(),
                    title: p.title.clone(),
                    max: crate::wording::decimal(p.max),
                })
                .collect(),
            overall_max: crate::wording::decimal(e.overall.max),
            rows,
            regions: region_options(page, edition.entries.iter().map(|e| &e.scorecard)),
            tiers: tier_options(e, edition.entries.iter().map(|e| &e.scorecard)),
            editions: editions
                .iter()
                .rev()
                .map(|other| ResultsLink {
                    short_name: other.edition.short_name.clone(),
                    href: relative(page, &paths::gci_results(other.year())),
                    current: other.year() == e.year,
                })
                .collect(),
            tiers_href: (e.ranking == Ranking::Tiers)
                .then(|| relative(page, &paths::gci_tiers(e.year))),
            csv_href: relative(page, paths::GCI_CSV),
            publication: Link {
                label: e.publication.title.clone(),
                href: e.publication.url.clone().unwrap_or_default(),
            },
            sources,
        }
    }
}

/// A source as one line: its address where it has one, else its publisher
/// and title.
pub(super) fn source_words(source: &crate::model::Source) -> String {
    match (&source.url, &source.publisher) {
        (Some(url), _) => url.clone(),
        (None, Some(publisher)) => format!("{publisher}: {}", source.title),
        (None, None) => source.title.clone(),
    }
}

/// `gci.csv`: the scores in tidy form, one row per country, edition and
/// score (each pillar, then the overall), at the profiles' full precision.
/// Rows by country code, then edition, then the edition's pillar order.
pub(super) fn gci_csv(editions: &[GciEdition]) -> Result<Vec<u8>, RenderError> {
    let failed = |e: csv::Error| RenderError::Output(format!("cannot write gci.csv: {e}"));
    let mut rows: Vec<(&str, u16, &GciEntry)> = editions
        .iter()
        .flat_map(|edition| {
            edition
                .entries
                .iter()
                .map(move |e| (e.alpha3, edition.year(), e))
        })
        .collect();
    rows.sort_by(|a, b| a.0.cmp(b.0).then(a.1.cmp(&b.1)));
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    writer
        .write_record([
            "alpha3", "country", "region", "edition", "pillar", "score", "source",
        ])
        .map_err(failed)?;
    for (alpha3, year, entry) in rows {
        let profile = entry.scorecard.profile;
        let region = region(&entry.scorecard).unwrap_or_default();
        let source = profile
            .sources
            .get(&profile.scores.source)
            .map(source_words)
            .unwrap_or_default();
        let year = year.to_string();
        let mut scores: Vec<(&str, f64)> = entry
            .scorecard
            .edition
            .pillars
            .iter()
            .filter_map(|p| Some((p.key.as_str(), profile.pillar(&p.key)?)))
            .collect();
        if let Some(total) = overall(&entry.scorecard) {
            scores.push(("overall", total));
        }
        for (pillar, value) in scores {
            writer
                .write_record([
                    alpha3,
                    entry.name,
                    region,
                    &year,
                    pillar,
                    &value.to_string(),
                    &source,
                ])
                .map_err(failed)?;
        }
    }
    writer
        .into_inner()
        .map_err(|e| RenderError::Output(format!("cannot write gci.csv: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::Catalogues;

    #[test]
    fn tiers_show_words_and_a_staircase() {
        let catalogues = Catalogues::builtin().unwrap();
        let edition = catalogues.scored("gci-2024").unwrap();
        let first = tier_mark(edition, 1).unwrap();
        assert_eq!(first.label, "Tier 1: Role-modelling");
        assert_eq!(first.steps, "■■■■■");
        assert_eq!(tier_mark(edition, 5).unwrap().steps, "■□□□□");
        assert!(tier_mark(edition, 6).is_none());
    }
}
