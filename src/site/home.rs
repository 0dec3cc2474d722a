//! The home page: every country, with its placing and overall score in the
//! latest GCI edition and its latest Cyberwellness edition (when it was
//! last updated, how many indicators are in place), where it has them.
//!
//! With every country of the world on it, the table keeps to one line per
//! country: the marks of each indicator are on the matrix.

use std::collections::BTreeMap;

use crate::model::Status;
use crate::render::RenderError;
use crate::schema::regions;
use crate::wording::date_text;

use super::country::{CountrySummary, indicator_words};
use super::gci::{self, GciEdition};
use super::paths::{self, relative};
use super::views::{
    HomeCyberwellness, HomeGci, HomeGciEdition, HomeRow, HomeView, IndicatorMark, StatusMark,
};
use super::{Builder, CountryEditions};
use crate::render::templates as names;

impl Builder<'_> {
    /// The home page.
    pub(super) fn home(
        &self,
        countries: &[CountryEditions],
        summaries: &[CountrySummary],
        gci_editions: &[GciEdition],
    ) -> Result<(String, Vec<u8>), RenderError> {
        let page = paths::HOME;
        let by_code: BTreeMap<&str, &CountrySummary> =
            summaries.iter().map(|s| (s.alpha3, s)).collect();
        let latest = gci_editions.last();
        let rows: Vec<HomeRow> = countries
            .iter()
            .enumerate()
            .map(|(order, c)| home_row(page, order, c, by_code.get(c.alpha3).copied(), latest))
            .collect();
        let in_latest = || {
            latest
                .into_iter()
                .flat_map(|e| e.entries.iter().map(|entry| &entry.scorecard))
        };
        let view = HomeView {
            countries: rows,
            cyberwellness_countries: summaries.len(),
            editions: summaries.iter().map(|s| s.editions.len()).sum(),
            gci_profiles: countries.iter().map(|c| c.scorecards.len()).sum(),
            gci: latest.map(|e| HomeGciEdition {
                short_name: e.edition.short_name.clone(),
                ranking: e.edition.ranking.as_str(),
                href: relative(page, paths::GCI),
            }),
            regions: gci::region_options(
                page,
                countries.iter().filter_map(|c| c.latest_scorecard()),
            ),
            tiers: latest
                .map(|e| gci::tier_options(e.edition, in_latest()))
                .unwrap_or_default(),
        };
        let bytes = self.page(names::SITE_HOME, self.nav(page, "home"), &view)?;
        Ok((page.to_owned(), bytes))
    }
}

fn home_row(
    page: &str,
    order: usize,
    country: &CountryEditions,
    summary: Option<&CountrySummary>,
    latest: Option<&GciEdition>,
) -> HomeRow {
    let region = country.latest_scorecard().and_then(gci::region);
    let alpha2 = match (summary, country.latest_scorecard()) {
        (Some(s), _) => s.alpha2,
        (None, Some(s)) => s.profile.country.alpha2.as_str(),
        (None, None) => "",
    };
    let gci = latest.and_then(|edition| {
        let scorecard = country
            .scorecards
            .iter()
            .find(|s| s.edition.id == edition.edition.id)?;
        Some(HomeGci {
            href: relative(
                page,
                &paths::scorecard_page(country.alpha3, scorecard.year()),
            ),
            placing: gci::placing(scorecard),
            overall: gci::overall(scorecard).map(gci::score),
        })
    });
    let cyberwellness = summary.map(|s| {
        let profile = s.latest.profile;
        HomeCyberwellness {
            edition: s.latest.year(),
            edition_href: relative(page, &paths::edition_page(s.alpha3, s.latest.year())),
            editions: s.editions.len(),
            last_updated: profile.last_updated.to_string(),
            last_updated_text: date_text(profile.last_updated),
            yes: s.answers.iter().filter(|a| a.status == Status::Yes).count(),
            indicators: s.answers.len(),
            text: indicator_words(s),
        }
    });
    HomeRow {
        name: country.name().to_owned(),
        href: relative(page, &paths::country_page(country.alpha3)),
        alpha2: alpha2.to_owned(),
        alpha3: country.alpha3.to_owned(),
        region: region.map(str::to_owned),
        region_slug: region.map(regions::region_slug).unwrap_or_default(),
        region_href: region.map(|r| relative(page, &paths::region_page(&regions::region_slug(r)))),
        filter: format!(
            "{} {alpha2} {} {}",
            country.name(),
            country.alpha3,
            region.unwrap_or_default()
        )
        .to_lowercase(),
        gci,
        cyberwellness,
        order,
    }
}

/// One answer as a small mark that links to it in the country page.
pub(super) fn indicator_mark(
    page: &str,
    s: &CountrySummary,
    answer: &super::country::Answer,
) -> IndicatorMark {
    let mark = StatusMark::of(answer.status, Some(&s.latest.catalogue.labels));
    IndicatorMark {
        title: format!("{}: {}: {}", s.name, answer.label, mark.label),
        href: relative(
            page,
            &format!("{}#{}", paths::country_page(s.alpha3), answer.anchor),
        ),
        mark,
    }
}
