//! `sitemap.xml` and the Atom feed of the newest editions (each country's
//! Cyberwellness editions, and the results of each GCI edition): the only
//! files with absolute addresses, made only when the base URL is known.

use std::collections::{BTreeMap, BTreeSet};

use url::Url;

use crate::model::Date;
use crate::render::RenderError;
use crate::wording::date_text;

use super::country::CountrySummary;
use super::gci::GciEdition;
use super::views::{FeedEntry, FeedView, SitemapUrl};
use super::{Builder, CountryEditions, FEED_ENTRIES, group, paths};
use crate::render::templates as names;

impl Builder<'_> {
    /// `sitemap.xml` and `feed.xml`, with absolute addresses under `base`.
    pub(super) fn feeds(
        &self,
        base: &Url,
        countries: &[CountryEditions],
        summaries: &[CountrySummary],
        gci_editions: &[GciEdition],
        files: &BTreeSet<String>,
    ) -> Result<Vec<(String, Vec<u8>)>, RenderError> {
        let absolute = |path: &str| {
            base.join(path)
                .map(|u| u.to_string())
                .map_err(|e| RenderError::Output(format!("cannot make an address of {path}: {e}")))
        };
        let newest = summaries
            .iter()
            .flat_map(|s| s.editions.iter().map(|(_, date)| *date))
            .chain(gci_editions.iter().filter_map(GciEdition::updated))
            .max();
        // What each page shows was last updated on the date of the profile
        // it shows (a country page, of the newest profile it shows); pages
        // spanning countries, on the newest of them.
        let mut lastmod: BTreeMap<String, Date> = BTreeMap::new();
        for c in countries {
            for s in &c.scorecards {
                lastmod.insert(
                    paths::scorecard_page(c.alpha3, s.year()),
                    s.profile.last_updated,
                );
            }
            let shown = c
                .latest()
                .map(|e| e.profile.last_updated)
                .into_iter()
                .chain(c.latest_scorecard().map(|s| s.profile.last_updated))
                .max();
            if let Some(date) = shown {
                lastmod.insert(paths::country_page(c.alpha3), date);
            }
        }
        for s in summaries {
            for &(year, date) in &s.editions {
                lastmod.insert(paths::edition_page(s.alpha3, year), date);
            }
        }
        for edition in gci_editions {
            if let Some(date) = edition.updated() {
                lastmod.insert(paths::gci_results(edition.year()), date);
                lastmod.insert(paths::gci_tiers(edition.year()), date);
            }
        }
        if let Some(date) = gci_editions.last().and_then(GciEdition::updated) {
            lastmod.insert(paths::GCI.to_owned(), date);
        }
        let mut urls = Vec::new();
        for path in files.iter().filter(|p| p.ends_with(".html")) {
            if path == paths::NOT_FOUND {
                continue;
            }
            let date = lastmod.get(path).copied().or(newest);
            urls.push(SitemapUrl {
                loc: absolute(path)?,
                lastmod: date.map(|d| d.to_string()),
            });
        }
        let mut context = tera::Context::new();
        context.insert("urls", &urls);
        let sitemap = self.templates.render(names::SITE_SITEMAP, &context)?;

        // Each Cyberwellness edition of a country, and each GCI edition's
        // results (one entry for all its countries, which are published
        // together): newest first, then by name.
        let timestamp = |d: Date| format!("{d}T00:00:00Z");
        let mut entries: Vec<(Date, String, u16, FeedEntry)> = Vec::new();
        for s in summaries {
            for &(year, date) in &s.editions {
                entries.push((
                    date,
                    group::sort_key(s.name),
                    year,
                    FeedEntry {
                        kind: "edition",
                        country: s.name.to_owned(),
                        short_name: String::new(),
                        countries: 1,
                        year,
                        url: absolute(&paths::edition_page(s.alpha3, year))?,
                        updated: timestamp(date),
                        updated_text: date_text(date),
                    },
                ));
            }
        }
        for edition in gci_editions {
            let Some(date) = edition.updated() else {
                continue;
            };
            let short_name = edition.edition.short_name.clone();
            entries.push((
                date,
                group::sort_key(&short_name),
                edition.year(),
                FeedEntry {
                    kind: "gci",
                    country: String::new(),
                    short_name,
                    countries: edition.entries.len(),
                    year: edition.year(),
                    url: absolute(&paths::gci_results(edition.year()))?,
                    updated: timestamp(date),
                    updated_text: date_text(date),
                },
            ));
        }
        entries.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(b.2.cmp(&a.2)));
        let entries: Vec<FeedEntry> = entries
            .into_iter()
            .take(FEED_ENTRIES)
            .map(|(_, _, _, entry)| entry)
            .collect();
        let feed = FeedView {
            title: self.config.title.clone(),
            self_url: absolute(paths::FEED)?,
            site_url: base.to_string(),
            updated: newest.map(timestamp).unwrap_or_default(),
            entries,
        };
        let mut context = tera::Context::new();
        context.insert("feed", &feed);
        let feed = self.templates.render(names::SITE_FEED, &context)?;
        Ok(vec![
            (paths::SITEMAP.to_owned(), sitemap.into_bytes()),
            (paths::FEED.to_owned(), feed.into_bytes()),
        ])
    }
}
