//! `sitemap.xml` and the Atom feed of the newest editions: the only files
//! with absolute addresses, made only when the base URL is known.

use std::collections::BTreeMap;

use url::Url;

use crate::model::Date;
use crate::render::RenderError;
use crate::wording::date_text;

use super::country::CountrySummary;
use super::views::{FeedEntry, FeedView, SitemapUrl};
use super::{Builder, FEED_ENTRIES, group, paths};
use crate::render::templates as names;

impl Builder<'_> {
    /// `sitemap.xml` and `feed.xml`, with absolute addresses under `base`.
    pub(super) fn feeds(
        &self,
        base: &Url,
        summaries: &[CountrySummary],
        files: &BTreeMap<String, Vec<u8>>,
    ) -> Result<Vec<(String, Vec<u8>)>, RenderError> {
        let absolute = |path: &str| {
            base.join(path)
                .map(|u| u.to_string())
                .map_err(|e| RenderError::Output(format!("cannot make an address of {path}: {e}")))
        };
        let newest = summaries
            .iter()
            .flat_map(|s| s.editions.iter().map(|(_, date)| *date))
            .max();
        // What each page shows was last updated on the date of the profile
        // it shows; pages spanning countries, on the newest of them.
        let mut lastmod: BTreeMap<String, Date> = BTreeMap::new();
        for s in summaries {
            for &(year, date) in &s.editions {
                lastmod.insert(paths::edition_page(s.alpha3, year), date);
            }
            lastmod.insert(paths::country_page(s.alpha3), s.latest.profile.last_updated);
        }
        let mut urls = Vec::new();
        for path in files.keys().filter(|p| p.ends_with(".html")) {
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

        let mut editions: Vec<(&CountrySummary, u16, Date)> = summaries
            .iter()
            .flat_map(|s| s.editions.iter().map(move |&(year, date)| (s, year, date)))
            .collect();
        editions.sort_by(|a, b| {
            b.2.cmp(&a.2)
                .then(group::sort_key(a.0.name).cmp(&group::sort_key(b.0.name)))
                .then(b.1.cmp(&a.1))
        });
        let timestamp = |d: Date| format!("{d}T00:00:00Z");
        let entries = editions
            .iter()
            .take(FEED_ENTRIES)
            .map(|(s, year, date)| {
                Ok(FeedEntry {
                    country: s.name.to_owned(),
                    year: *year,
                    url: absolute(&paths::edition_page(s.alpha3, *year))?,
                    updated: timestamp(*date),
                    updated_text: date_text(*date),
                })
            })
            .collect::<Result<Vec<_>, RenderError>>()?;
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
