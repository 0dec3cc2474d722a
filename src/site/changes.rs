//! Change reports: for each pair of consecutive editions of a country, the
//! report of `profilec diff -f html` (the same comparison, view and
//! template, unchanged indicators left out) in the site's frame; and the
//! list of every report, newest first.

use crate::diff::{self, Input};
use crate::model::Date;
use crate::render::{self, RenderError, html};
use crate::wording::date_text;

use super::country::CountrySummary;
use super::paths::{self, relative};
use super::views::{ChangesIndexView, ChangesRow, ChangesView, Link};
use super::{Builder, CountryEditions, Edition, group};
use crate::render::templates as names;

/// A change report as the pages of its country list it: old and new year,
/// summary line.
pub(super) type ChangeLine = (u16, u16, String);

/// A change report and its page.
pub(super) struct ChangeReport {
    pub line: ChangeLine,
    pub page: Vec<u8>,
}

impl Builder<'_> {
    /// The change report of each pair of consecutive editions.
    pub(super) fn change_reports(
        &self,
        country: &CountryEditions,
    ) -> Result<Vec<ChangeReport>, RenderError> {
        let pairs: Vec<(&Edition, &Edition)> = country
            .editions
            .windows(2)
            .map(|w| (&w[0], &w[1]))
            .collect();
        let mut out = Vec::with_capacity(pairs.len());
        for (i, (old, new)) in pairs.iter().enumerate() {
            let page = paths::changes_page(country.alpha3, old.year(), new.year());
            let compared = diff::diff(
                Input {
                    file: old.name,
                    profile: old.profile,
                },
                Input {
                    file: new.name,
                    profile: new.profile,
                },
                self.config.catalogues,
                self.config.sentences,
            );
            let (summary, body, error) = match compared {
                Ok(report) => {
                    let line = report.summary.line.clone();
                    let view = render::diff::diff_view(
                        &report.changed_only(),
                        false,
                        self.config.catalogues,
                    );
                    let markdown = render::diff::diff_markdown(&view, self.templates)?;
                    (line, Some(html::markdown_to_html(&markdown)), None)
                }
                Err(e) => ("cannot be compared".to_owned(), None, Some(e.to_string())),
            };
            let link = |(o, n): (&Edition, &Edition)| Link {
                label: format!("{} \u{2192} {}", o.year(), n.year()),
                href: relative(
                    &page,
                    &paths::changes_page(country.alpha3, o.year(), n.year()),
                ),
            };
            let view = ChangesView {
                country: country.name().to_owned(),
                alpha3: country.alpha3.to_owned(),
                country_href: relative(&page, &paths::country_page(country.alpha3)),
                old: old.year(),
                old_href: relative(&page, &paths::edition_page(country.alpha3, old.year())),
                new: new.year(),
                new_href: relative(&page, &paths::edition_page(country.alpha3, new.year())),
                summary: summary.clone(),
                body,
                error,
                previous: i.checked_sub(1).map(|p| link(pairs[p])),
                next: pairs.get(i + 1).map(|&pair| link(pair)),
            };
            let bytes = self.page(names::SITE_CHANGES, self.nav(&page, "changes"), &view)?;
            out.push(ChangeReport {
                line: (old.year(), new.year(), summary),
                page: bytes,
            });
        }
        Ok(out)
    }

    /// The list of every change report, newest first.
    pub(super) fn changes_index(
        &self,
        summaries: &[CountrySummary],
    ) -> Result<(String, Vec<u8>), RenderError> {
        let page = paths::CHANGES;
        let mut rows: Vec<(Date, &str, u16, ChangesRow)> = summaries
            .iter()
            .flat_map(|s| {
                s.changes.iter().map(move |c| {
                    (
                        c.date,
                        s.name,
                        c.new,
                        ChangesRow {
                            country: s.name.to_owned(),
                            country_href: relative(page, &paths::country_page(s.alpha3)),
                            label: format!("{} \u{2192} {}", c.old, c.new),
                            href: relative(page, &paths::changes_page(s.alpha3, c.old, c.new)),
                            summary: c.line.clone(),
                            date: c.date.to_string(),
                            date_text: date_text(c.date),
                        },
                    )
                })
            })
            .collect();
        rows.sort_by(|a, b| {
            b.0.cmp(&a.0)
                .then(group::sort_key(a.1).cmp(&group::sort_key(b.1)))
                .then(b.2.cmp(&a.2))
        });
        let view = ChangesIndexView {
            reports: rows.into_iter().map(|(_, _, _, row)| row).collect(),
        };
        let bytes = self.page(names::SITE_CHANGES_INDEX, self.nav(page, "changes"), &view)?;
        Ok((page.to_owned(), bytes))
    }
}
