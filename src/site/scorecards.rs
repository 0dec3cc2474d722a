//! A country's GCI profiles: each one's page (the GCI document, made by the
//! same view, template and Markdown → HTML conversion as `profilec build`)
//! and downloads (the same renderers as `build`, and the profile as JSON);
//! the scorecard at the top of the country page; and the country page of a
//! country that has GCI profiles only.

use crate::diag::Diagnostic;
use crate::render::{self, RenderError, ScorecardView};
use crate::wording::{decimal, round, two_decimals};

use super::charts::{self, Bar, Legend};
use super::country::{download, format_label};
use super::gci;
use super::group::Scorecard;
use super::paths::{self, relative};
use super::views::{
    Download, GciCountryView, GciProfileView, Link, PillarRow, ScorecardLink, ScorecardPanel,
};
use super::{Builder, CountryEditions};
use crate::render::templates as names;
use crate::schema::{Ranking, regions};

/// One GCI profile, rendered once.
pub(super) struct RenderedScorecard<'a> {
    pub scorecard: Scorecard<'a>,
    pub view: ScorecardView,
    pub body: String,
}

impl Builder<'_> {
    /// Renders every GCI profile of a country: its document as HTML for its
    /// page, and its downloads into `files`.
    pub(super) fn render_scorecards<'a>(
        &self,
        country: &CountryEditions<'a>,
        progress: &(dyn Fn() + Sync),
        files: &mut Vec<(String, Vec<u8>)>,
        warnings: &mut Vec<Diagnostic>,
    ) -> Result<Vec<RenderedScorecard<'a>>, RenderError> {
        let mut rendered = Vec::with_capacity(country.scorecards.len());
        for &scorecard in &country.scorecards {
            let prepared = render::prepare(
                scorecard.any,
                self.config.catalogues,
                self.templates,
                self.config.sentences,
            )?;
            let body = prepared.body_html();
            let context = prepared.context(scorecard.any, self.templates);
            self.make_downloads(
                &context,
                scorecard.file,
                scorecard.profile,
                &|extension| paths::scorecard_download(country.alpha3, scorecard.year(), extension),
                files,
                warnings,
            )?;
            let render::View::Scored(view) = prepared.view else {
                return Err(RenderError::Data(format!(
                    "{} is not a GCI profile",
                    scorecard.file
                )));
            };
            rendered.push(RenderedScorecard {
                scorecard,
                view,
                body,
            });
            progress();
        }
        Ok(rendered)
    }

    /// The page of each GCI profile of a country.
    pub(super) fn scorecard_pages(
        &self,
        country: &CountryEditions,
        rendered: &[RenderedScorecard],
    ) -> Result<Vec<(String, Vec<u8>)>, RenderError> {
        let mut files = Vec::with_capacity(rendered.len());
        for (index, this) in rendered.iter().enumerate() {
            let scorecard = &this.scorecard;
            let year = scorecard.year();
            let page = paths::scorecard_page(country.alpha3, year);
            let view = GciProfileView {
                country: country.name().to_owned(),
                alpha3: country.alpha3.to_owned(),
                short_name: scorecard.edition.short_name.clone(),
                edition_name: scorecard.edition.name.clone(),
                year,
                latest: index + 1 == rendered.len(),
                country_href: relative(&page, &paths::country_page(country.alpha3)),
                placing: gci::placing(scorecard),
                region: region_link(&page, scorecard),
                downloads: self.scorecard_downloads(&page, country.alpha3, year),
                documents: self.scorecard_links(&page, country, Some(year)),
                cyberwellness: cyberwellness_links(&page, country),
                results_href: relative(&page, &paths::gci_results(year)),
                tiers_href: (scorecard.edition.ranking == Ranking::Tiers)
                    .then(|| relative(&page, &paths::gci_tiers(year))),
                body: &this.body,
            };
            let bytes = self.page(names::SITE_GCI_PROFILE, self.nav(&page, "country"), &view)?;
            files.push((page, bytes));
        }
        Ok(files)
    }

    /// The country page of a country with GCI profiles only.
    pub(super) fn gci_country_page(
        &self,
        country: &CountryEditions,
        rendered: &[RenderedScorecard],
    ) -> Result<Option<(String, Vec<u8>)>, RenderError> {
        let page = paths::country_page(country.alpha3);
        let Some(scorecard) = self.scorecard_panel(&page, country, rendered) else {
            return Ok(None);
        };
        let view = GciCountryView {
            country: country.name().to_owned(),
            alpha3: country.alpha3.to_owned(),
            scorecard,
        };
        let bytes = self.page(names::SITE_GCI_COUNTRY, self.nav(&page, "country"), &view)?;
        Ok(Some((page, bytes)))
    }

    /// The scorecard of a country's latest GCI profile, for the country
    /// page at `page`.
    pub(super) fn scorecard_panel(
        &self,
        page: &str,
        country: &CountryEditions,
        rendered: &[RenderedScorecard],
    ) -> Option<ScorecardPanel> {
        let latest = rendered.last()?;
        let scorecard = &latest.scorecard;
        let view = &latest.view;
        let name = country.name();
        let region_name = view
            .region
            .clone()
            .or_else(|| gci::region(scorecard).map(str::to_owned));
        let region_words = region_name.as_deref().unwrap_or("region");
        let pillars: Vec<PillarRow> = view
            .pillars
            .iter()
            .map(|p| PillarRow {
                name: p.name.clone(),
                score: p.score.clone(),
                region_average: p.region_average.clone(),
                difference: p.value.zip(p.region_value).map(|(v, r)| difference(v, r)),
            })
            .collect();
        let max = scorecard
            .edition
            .pillars
            .iter()
            .map(|p| p.max)
            .fold(0.0, f64::max);
        let chart = (!view.pillars.is_empty() && view.pillars.iter().all(|p| p.value.is_some()))
            .then(|| {
                let description = view
                    .pillars
                    .iter()
                    .map(|p| match &p.region_average {
                        Some(avg) => format!(
                            "{}: {name} {}, {region_words} average {avg}",
                            p.name,
                            p.score.as_deref().unwrap_or_default()
                        ),
                        None => format!("{}: {name} {}", p.name, p.score.as_deref().unwrap_or_default()),
                    })
                    .collect::<Vec<_>>()
                    .join("; ");
                let has_region = view.pillars.iter().any(|p| p.region_value.is_some());
                charts::bar_chart(
                    Legend {
                        id: "gci-pillars".to_owned(),
                        title: if has_region {
                            format!(
                                "{name}'s pillar scores in the {}, against the {region_words} average",
                                view.short_name
                            )
                        } else {
                            format!("{name}'s pillar scores in the {}", view.short_name)
                        },
                        description: format!("Out of {}. {description}.", decimal(max)),
                        bars: has_region.then(|| name.to_owned()),
                        markers: has_region.then(|| format!("{region_words} average")),
                    },
                    view.pillars
                        .iter()
                        .map(|p| Bar {
                            label: p.name.clone(),
                            value: p.value.unwrap_or_default(),
                            text: p.score.clone().unwrap_or_default(),
                            marker: p.region_value,
                        })
                        .collect(),
                    max,
                    &[0.0, max / 2.0, max],
                )
            });
        // The overall score over the editions on the same scale as the
        // latest (the early editions scored 0 to 1).
        let scale = scorecard.edition.overall.max;
        let points: Vec<(u16, f64, String)> = rendered
            .iter()
            .filter(|r| (r.scorecard.edition.overall.max - scale).abs() < f64::EPSILON)
            .filter_map(|r| {
                let value = gci::overall(&r.scorecard)?;
                Some((r.scorecard.year(), value, two_decimals(value)))
            })
            .collect();
        let trend = charts::trend_chart(
            "gci-trend".to_owned(),
            format!(
                "{name}'s overall GCI score by edition, out of {}",
                decimal(scale)
            ),
            format!(
                "{}.",
                points
                    .iter()
                    .map(|(year, _, text)| format!("{year}: {text}"))
                    .collect::<Vec<_>>()
                    .join("; ")
            ),
            &points,
            scale,
        );
        let year = scorecard.year();
        Some(ScorecardPanel {
            country: name.to_owned(),
            short_name: view.short_name.clone(),
            year,
            href: relative(page, &paths::scorecard_page(country.alpha3, year)),
            placing: gci::placing(scorecard),
            overall: view.overall.clone(),
            overall_max: view.overall_max.clone(),
            pillar_max: view.pillar_max.clone(),
            region: region_link(page, scorecard),
            region_countries: view.region_countries,
            pillars,
            chart,
            trend,
            documents: self.scorecard_links(page, country, None),
            cyberwellness: cyberwellness_links(page, country),
            results_href: relative(page, &paths::gci_results(year)),
            tiers_href: (scorecard.edition.ranking == Ranking::Tiers)
                .then(|| relative(page, &paths::gci_tiers(year))),
        })
    }

    /// Every GCI profile of a country, newest first, linked from `page`,
    /// the profile of year `current` marked as the page's own.
    fn scorecard_links(
        &self,
        page: &str,
        country: &CountryEditions,
        current: Option<u16>,
    ) -> Vec<ScorecardLink> {
        country
            .scorecards
            .iter()
            .rev()
            .map(|s| ScorecardLink {
                short_name: s.edition.short_name.clone(),
                year: s.year(),
                href: relative(page, &paths::scorecard_page(country.alpha3, s.year())),
                placing: gci::placing(s),
                overall: gci::overall(s).map(two_decimals),
                current: Some(s.year()) == current,
                downloads: self.scorecard_downloads(page, country.alpha3, s.year()),
            })
            .collect()
    }

    /// The downloads of one GCI profile, relative to `page`.
    fn scorecard_downloads(&self, page: &str, alpha3: &str, year: u16) -> Vec<Download> {
        let mut downloads: Vec<Download> = self
            .config
            .downloads
            .iter()
            .map(|r| {
                download(
                    page,
                    &paths::scorecard_download(alpha3, year, r.extension()),
                    r.extension(),
                    format_label(r.name()),
                )
            })
            .collect();
        downloads.push(download(
            page,
            &paths::scorecard_download(alpha3, year, "json"),
            "json",
            "JSON",
        ));
        downloads
    }
}

/// The region of a profile and its page.
fn region_link(page: &str, scorecard: &Scorecard) -> Option<Link> {
    let name = gci::region(scorecard)?;
    Some(Link {
        label: name.to_owned(),
        href: relative(page, &paths::region_page(&regions::region_slug(name))),
    })
}

/// A country's Cyberwellness editions, newest first.
fn cyberwellness_links(page: &str, country: &CountryEditions) -> Vec<Link> {
    country
        .editions
        .iter()
        .rev()
        .map(|e| Link {
            label: e.year().to_string(),
            href: relative(page, &paths::edition_page(country.alpha3, e.year())),
        })
        .collect()
}

/// A score less an average, as the two are printed (two decimals), signed:
/// `+1.70`, `-0.25`, `0.00`.
fn difference(score: f64, average: f64) -> String {
    let d = round(round(score, 2) - round(average, 2), 2);
    if d == 0.0 {
        "0.00".to_owned()
    } else {
        format!("{d:+.2}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn differences_are_signed_with_two_decimals() {
        assert_eq!(difference(18.1114, 16.41), "+1.70");
        assert_eq!(difference(15.0, 15.25), "-0.25");
        assert_eq!(difference(20.0, 19.999), "0.00");
    }
}
