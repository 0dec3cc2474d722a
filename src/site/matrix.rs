//! The matrix (countries × indicators, each cell a color and a symbol) and
//! one page per indicator with every country's answer.

use std::collections::BTreeMap;

use rayon::prelude::*;

use crate::render::RenderError;
use crate::schema::{Catalogue, Located};

use super::country::CountrySummary;
use super::home::indicator_mark;
use super::paths::{self, relative};
use super::views::{
    AnswerView, IndicatorView, Link, MatrixColumn, MatrixGroup, MatrixRow, MatrixTable, MatrixView,
    StatusMark, status_counts,
};
use super::{Builder, legend_labels};
use crate::render::templates as names;

impl Builder<'_> {
    /// The matrix and the page of every indicator of every catalogue in use.
    pub(super) fn matrix_pages(
        &self,
        summaries: &[CountrySummary],
    ) -> Result<Vec<(String, Vec<u8>)>, RenderError> {
        let catalogues = catalogues_in_use(summaries);
        let page = paths::MATRIX;
        let view = MatrixView {
            tables: catalogues
                .iter()
                .map(|catalogue| matrix_table(page, catalogue, summaries))
                .collect(),
            legend: StatusMark::legend(legend_labels(summaries, self.config.catalogues)),
        };
        let mut files = vec![(
            page.to_owned(),
            self.page(names::SITE_MATRIX, self.nav(page, "matrix"), &view)?,
        )];
        let indicators: Vec<(&Catalogue, Vec<Located>, usize)> = catalogues
            .iter()
            .flat_map(|catalogue| {
                let list: Vec<Located> = catalogue.indicators().collect();
                (0..list.len()).map(move |i| (*catalogue, list.clone(), i))
            })
            .collect();
        let pages: Vec<(String, Vec<u8>)> = indicators
            .into_par_iter()
            .map(|(catalogue, list, i)| self.indicator_page(catalogue, &list, i, summaries))
            .collect::<Result<_, _>>()?;
        files.extend(pages);
        Ok(files)
    }

    fn indicator_page(
        &self,
        catalogue: &Catalogue,
        list: &[Located],
        index: usize,
        summaries: &[CountrySummary],
    ) -> Result<(String, Vec<u8>), RenderError> {
        let spec = list[index].indicator;
        let labels = Some(&catalogue.labels);
        let page = paths::indicator_page(&catalogue.id, &spec.anchor);
        let link = |l: &Located| Link {
            label: l.indicator.label(),
            href: relative(
                &page,
                &paths::indicator_page(&catalogue.id, &l.indicator.anchor),
            ),
        };
        let following: Vec<&CountrySummary> = summaries
            .iter()
            .filter(|s| s.latest.catalogue.id == catalogue.id)
            .collect();
        let answers: Vec<AnswerView> = following
            .iter()
            .filter_map(|s| {
                let answer = s.answers.iter().find(|a| a.anchor == spec.anchor)?;
                Some(AnswerView {
                    country: s.name.to_owned(),
                    alpha3: s.alpha3.to_owned(),
                    id: s.alpha3.to_ascii_lowercase(),
                    edition: s.latest.year(),
                    href: relative(
                        &page,
                        &format!("{}#{}", paths::country_page(s.alpha3), answer.anchor),
                    ),
                    mark: StatusMark::of(answer.status, labels),
                    html: answer.html.clone(),
                })
            })
            .collect();
        let (counts, _) = status_counts(
            following
                .iter()
                .filter_map(|s| s.answers.iter().find(|a| a.anchor == spec.anchor))
                .map(|a| a.status),
            labels,
        );
        let view = IndicatorView {
            catalogue: catalogue.name.clone(),
            number: spec.number.clone(),
            heading: spec.title.clone(),
            area: list[index].area.title.clone(),
            counts,
            answers,
            previous: index.checked_sub(1).map(|i| link(&list[i])),
            next: list.get(index + 1).map(link),
            legend: StatusMark::legend(labels),
        };
        let bytes = self.page(names::SITE_INDICATOR, self.nav(&page, "matrix"), &view)?;
        Ok((page, bytes))
    }
}

/// The catalogues the countries' latest editions follow, by identifier.
pub(super) fn catalogues_in_use<'a>(summaries: &[CountrySummary<'a>]) -> Vec<&'a Catalogue> {
    let mut list: BTreeMap<&str, &Catalogue> = BTreeMap::new();
    for s in summaries {
        list.insert(&s.latest.catalogue.id, s.latest.catalogue);
    }
    list.into_values().collect()
}

fn matrix_table(page: &str, catalogue: &Catalogue, summaries: &[CountrySummary]) -> MatrixTable {
    let mut groups = Vec::new();
    let mut columns = Vec::new();
    for area in catalogue.areas() {
        groups.push(MatrixGroup {
            label: area.title.clone(),
            span: area.indicators.len(),
        });
        for spec in &area.indicators {
            columns.push(MatrixColumn {
                number: spec.number.clone(),
                heading: spec.title.clone(),
                href: relative(page, &paths::indicator_page(&catalogue.id, &spec.anchor)),
            });
        }
    }
    let rows = summaries
        .iter()
        .filter(|s| s.latest.catalogue.id == catalogue.id)
        .map(|s| MatrixRow {
            name: s.name.to_owned(),
            href: relative(page, &paths::country_page(s.alpha3)),
            alpha3: s.alpha3.to_owned(),
            edition: s.latest.year(),
            filter: format!("{} {} {}", s.name, s.alpha2, s.alpha3).to_lowercase(),
            cells: s
                .answers
                .iter()
                .map(|a| indicator_mark(page, s, a))
                .collect(),
        })
        .collect();
    MatrixTable {
        id: catalogue.id.clone(),
        name: catalogue.name.clone(),
        groups,
        columns,
        rows,
    }
}
