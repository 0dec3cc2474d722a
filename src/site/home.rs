//! The home page: every country with its latest edition, its last update,
//! how many indicators are in place, and a mark per indicator, area by area.

use crate::model::Status;
use crate::render::RenderError;
use crate::schema::Labels;
use crate::wording::date_text;

use super::country::{Answer, CountrySummary};
use super::paths::{self, relative};
use super::views::{
    AreaHeading, AreaSummary, HomeRow, HomeView, IndicatorMark, StatusMark, status_counts,
};
use super::{Builder, legend_labels};
use crate::render::templates as names;

impl Builder<'_> {
    /// The home page.
    pub(super) fn home(
        &self,
        summaries: &[CountrySummary],
    ) -> Result<(String, Vec<u8>), RenderError> {
        let page = paths::HOME;
        let labels = legend_labels(summaries, self.config.catalogues);
        let view = HomeView {
            countries: summaries
                .iter()
                .enumerate()
                .map(|(order, s)| home_row(page, order, s))
                .collect(),
            areas: area_headings(summaries),
            legend: StatusMark::legend(labels),
            editions: summaries.iter().map(|s| s.editions.len()).sum(),
        };
        let bytes = self.page(names::SITE_HOME, self.nav(page, "home"), &view)?;
        Ok((page.to_owned(), bytes))
    }
}

/// The home page's area columns, from the catalogue of the first country
/// (every catalogue has the same six areas, in the same order).
fn area_headings(summaries: &[CountrySummary]) -> Vec<AreaHeading> {
    let Some(first) = summaries.first() else {
        return Vec::new();
    };
    first
        .latest
        .catalogue
        .areas()
        .map(|area| AreaHeading {
            label: area.title.clone(),
            number: Some(area.label_number.clone()),
        })
        .collect()
}

fn home_row(page: &str, order: usize, s: &CountrySummary) -> HomeRow {
    let country_page = paths::country_page(s.alpha3);
    let labels = Some(&s.latest.catalogue.labels);
    let areas_count = s.latest.catalogue.areas().count();
    let areas = (0..areas_count)
        .map(|area| {
            let answers: Vec<&Answer> = s.answers.iter().filter(|a| a.area == area).collect();
            let (_, text) = status_counts(answers.iter().map(|a| a.status), labels);
            AreaSummary {
                marks: answers.iter().map(|a| indicator_mark(page, s, a)).collect(),
                text,
                yes: answers.iter().filter(|a| a.status == Status::Yes).count(),
            }
        })
        .collect();
    let profile = s.latest.profile;
    HomeRow {
        name: s.name.to_owned(),
        href: relative(page, &country_page),
        alpha2: s.alpha2.to_owned(),
        alpha3: s.alpha3.to_owned(),
        edition: s.latest.year(),
        edition_href: relative(page, &paths::edition_page(s.alpha3, s.latest.year())),
        editions: s.editions.len(),
        last_updated: profile.last_updated.to_string(),
        last_updated_text: date_text(profile.last_updated),
        order,
        yes: s.answers.iter().filter(|a| a.status == Status::Yes).count(),
        indicators: s.answers.len(),
        filter: format!("{} {} {}", s.name, s.alpha2, s.alpha3).to_lowercase(),
        areas,
    }
}

/// One answer as a small mark that links to it in the country page.
pub(super) fn indicator_mark(page: &str, s: &CountrySummary, answer: &Answer) -> IndicatorMark {
    let labels: Option<&Labels> = Some(&s.latest.catalogue.labels);
    let mark = StatusMark::of(answer.status, labels);
    IndicatorMark {
        title: format!("{}: {}: {}", s.name, answer.label, mark.label),
        href: relative(
            page,
            &format!("{}#{}", paths::country_page(s.alpha3), answer.anchor),
        ),
        mark,
    }
}
