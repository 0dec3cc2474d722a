//! One page per ITU-D region: its member countries with their placing in
//! every GCI edition, the region's average per pillar against the world's,
//! and how many of its countries each tier holds.
//!
//! A region's members are the countries whose latest GCI profile names it
//! (or, where a profile names none, profilec's list of ITU-D regions). Its
//! averages are plain means over the members that have a score, and the
//! world's over every country of the edition on the site: with the whole
//! published corpus, the same figures the imported profiles state.

use crate::render::RenderError;
use crate::schema::{Ranking, regions};
use crate::wording::two_decimals;

use super::charts::{self, Bar, Legend};
use super::gci::{self, GciEdition, GciEntry};
use super::paths::{self, relative};
use super::views::{
    AverageRow, EditionColumn, MemberEdition, MemberRow, RegionAverages, RegionView,
};
use super::{Builder, CountryEditions};
use crate::render::templates as names;

impl Builder<'_> {
    /// The page of every region that has a member on the site.
    pub(super) fn region_pages(
        &self,
        countries: &[CountryEditions],
        editions: &[GciEdition],
    ) -> Result<Vec<(String, Vec<u8>)>, RenderError> {
        let mut files = Vec::new();
        for &name in &regions::REGIONS {
            let members: Vec<&CountryEditions> = countries
                .iter()
                .filter(|c| {
                    c.latest_scorecard()
                        .is_some_and(|s| gci::region(s) == Some(name))
                })
                .collect();
            if members.is_empty() {
                continue;
            }
            let slug = regions::region_slug(name);
            let page = paths::region_page(&slug);
            let view = region_view(&page, name, &slug, countries, &members, editions);
            let bytes = self.page(names::SITE_REGION, self.nav(&page, "gci"), &view)?;
            files.push((page, bytes));
        }
        Ok(files)
    }
}

fn region_view(
    page: &str,
    name: &str,
    slug: &str,
    countries: &[CountryEditions],
    members: &[&CountryEditions],
    editions: &[GciEdition],
) -> RegionView {
    let is_member = |alpha3: &str| members.iter().any(|m| m.alpha3 == alpha3);
    let averages = editions
        .iter()
        .rev()
        .filter_map(|edition| {
            let inside: Vec<&GciEntry> = edition
                .entries
                .iter()
                .filter(|e| is_member(e.alpha3))
                .collect();
            (!inside.is_empty()).then(|| averages(name, edition, &inside))
        })
        .collect();
    let distribution = editions
        .iter()
        .rev()
        .find(|e| e.edition.ranking == Ranking::Tiers)
        .map(|edition| {
            let inside: Vec<&GciEntry> = edition
                .entries
                .iter()
                .filter(|e| is_member(e.alpha3))
                .collect();
            gci::tier_distribution(
                page,
                edition.edition,
                &inside,
                &format!("Countries of {name}"),
            )
        });
    let columns: Vec<EditionColumn> = editions
        .iter()
        .rev()
        .map(|e| EditionColumn {
            short_name: e.edition.short_name.clone(),
            placing: match e.edition.ranking {
                Ranking::Tiers => Some("Tier"),
                Ranking::Ranks => Some("Rank"),
                Ranking::None => None,
            },
        })
        .collect();
    let rows = members
        .iter()
        .enumerate()
        .map(|(order, country)| MemberRow {
            name: country.name().to_owned(),
            href: relative(page, &paths::country_page(country.alpha3)),
            alpha3: country.alpha3.to_owned(),
            editions: editions
                .iter()
                .rev()
                .map(|edition| {
                    let scorecard = country
                        .scorecards
                        .iter()
                        .find(|s| s.edition.id == edition.edition.id)?;
                    Some(MemberEdition {
                        href: relative(
                            page,
                            &paths::scorecard_page(country.alpha3, scorecard.year()),
                        ),
                        placing: gci::placing(scorecard),
                        overall: gci::overall(scorecard).map(gci::score),
                    })
                })
                .collect(),
            order,
            filter: country
                .scorecards
                .last()
                .map(|s| {
                    format!(
                        "{} {} {}",
                        country.name(),
                        s.profile.country.alpha2,
                        country.alpha3
                    )
                })
                .unwrap_or_default()
                .to_lowercase(),
        })
        .collect();
    RegionView {
        name: name.to_owned(),
        slug: slug.to_owned(),
        countries: members.len(),
        averages,
        distribution,
        columns,
        members: rows,
        results_href: format!("{}?region={slug}", relative(page, paths::GCI)),
        regions: gci::region_options(page, countries.iter().filter_map(|c| c.latest_scorecard())),
    }
}

/// The plain mean of the values given, if any.
fn mean(values: impl Iterator<Item = f64>) -> Option<f64> {
    let (sum, n) = values.fold((0.0, 0usize), |(s, n), v| (s + v, n + 1));
    (n > 0).then(|| sum / n as f64)
}

/// The region's and the world's averages of every pillar and the overall
/// score in one edition.
fn averages(region: &str, edition: &GciEdition, inside: &[&GciEntry]) -> RegionAverages {
    let e = edition.edition;
    let mut rows = Vec::new();
    let mut bars = Vec::new();
    for pillar in &e.pillars {
        let of = |entries: &mut dyn Iterator<Item = &GciEntry>| {
            mean(entries.filter_map(|x| x.scorecard.profile.pillar(&pillar.key)))
        };
        let here = of(&mut inside.iter().copied());
        let world = of(&mut edition.entries.iter());
        if let (Some(here), Some(world)) = (here, world) {
            rows.push(AverageRow {
                name: pillar.name.clone(),
                max: crate::wording::decimal(pillar.max),
                region: two_decimals(here),
                world: two_decimals(world),
                overall: false,
            });
            bars.push(Bar {
                label: pillar.name.clone(),
                value: here,
                text: two_decimals(here),
                marker: Some(world),
            });
        }
    }
    let here = mean(inside.iter().filter_map(|x| gci::overall(&x.scorecard)));
    let world = mean(
        edition
            .entries
            .iter()
            .filter_map(|x| gci::overall(&x.scorecard)),
    );
    if let (Some(here), Some(world)) = (here, world) {
        rows.push(AverageRow {
            name: "Overall".to_owned(),
            max: crate::wording::decimal(e.overall.max),
            region: two_decimals(here),
            world: two_decimals(world),
            overall: true,
        });
    }
    let max = e.pillars.iter().map(|p| p.max).fold(0.0, f64::max);
    let chart = (!bars.is_empty()).then(|| {
        let description = rows
            .iter()
            .filter(|r| !r.overall)
            .map(|r| format!("{}: {region} {}, world {}", r.name, r.region, r.world))
            .collect::<Vec<_>>()
            .join("; ");
        charts::bar_chart(
            Legend {
                id: format!("averages-{}", e.year),
                title: format!(
                    "Average pillar scores of {region} in the {}, against the world's",
                    e.short_name
                ),
                description: format!("Out of {}. {description}.", crate::wording::decimal(max)),
                bars: Some(format!("{region} average")),
                markers: Some("World average".to_owned()),
            },
            bars,
            max,
            &[0.0, max / 2.0, max],
        )
    });
    RegionAverages {
        short_name: e.short_name.clone(),
        year: e.year,
        countries: inside.len(),
        world_countries: edition.entries.len(),
        rows,
        chart,
    }
}
