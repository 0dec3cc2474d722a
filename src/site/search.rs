//! The search index: built once, at build time, and searched in the browser
//! by a small script, with no server and no network.
//!
//! The index lists countries (with their latest GCI placing and scores,
//! lightly: one entry per country, not per score), the GCI results, tiers
//! and region pages, indicators, and every answer of each country's latest
//! Cyberwellness edition (its instruments, agencies and text). It is written as a
//! script that assigns a global (`assets/search-index.js`), because a browser
//! that opens the site from disk refuses to `fetch` a local JSON file.
//! Earlier editions are not indexed: their pages are one link away from the
//! country, and indexing them would multiply the index by the number of
//! editions.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::render::RenderError;
use crate::schema::{Catalogue, Ranking, regions};
use crate::wording::{count, two_decimals};

use super::country::CountrySummary;
use super::gci::{self, GciEdition};
use super::paths::{self, relative};
use super::views::{SearchView, status_symbol};
use super::{Builder, CountryEditions, matrix};
use crate::render::templates as names;

/// One thing a search can find.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Entry {
    /// `country`, `page`, `indicator` or `answer`.
    pub kind: &'static str,
    /// What the result shows as its link.
    pub title: String,
    /// A line under it.
    pub subtitle: String,
    /// The site path it leads to (relative to the site's root, where the
    /// search page is).
    pub url: String,
    /// The text searched, besides the title and subtitle.
    pub text: String,
}

impl Serialize for Entry {
    /// As a compact array `[kind, title, subtitle, url, text]`: the index is
    /// mostly these, and keys repeated thousands of times would double it.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        (
            self.kind,
            &self.title,
            &self.subtitle,
            &self.url,
            &self.text,
        )
            .serialize(serializer)
    }
}

#[derive(Serialize)]
struct Index<'a> {
    version: u32,
    fields: [&'static str; 5],
    entries: &'a [Entry],
}

/// The global the index script assigns.
pub const GLOBAL: &str = "PROFILEC_SEARCH_INDEX";

/// The index as a script: `window.PROFILEC_SEARCH_INDEX = {…};`. JSON is
/// valid JavaScript, and the file is loaded by `<script src>`, never inlined,
/// so nothing in it can close a script element.
pub fn index_script(entries: &[Entry]) -> Result<Vec<u8>, serde_json::Error> {
    let index = Index {
        version: 1,
        fields: ["kind", "title", "subtitle", "url", "text"],
        entries,
    };
    let mut out = format!("window.{GLOBAL} = ").into_bytes();
    serde_json::to_writer(&mut out, &index)?;
    out.extend_from_slice(b";\n");
    Ok(out)
}

impl Builder<'_> {
    /// The search index and the search page.
    pub(super) fn search(
        &self,
        countries: &[CountryEditions],
        summaries: &[CountrySummary],
        gci_editions: &[GciEdition],
    ) -> Result<Vec<(String, Vec<u8>)>, RenderError> {
        let mut entries = country_entries(countries, summaries);
        entries.extend(gci_entries(countries, gci_editions));
        entries.extend(entries_of_answers(
            summaries,
            &matrix::catalogues_in_use(summaries),
        ));
        let index = index_script(&entries)
            .map_err(|e| RenderError::Output(format!("cannot write the search index: {e}")))?;
        let page = paths::SEARCH;
        let view = SearchView {
            index_js: relative(page, paths::SEARCH_INDEX_JS),
            search_js: relative(page, paths::SEARCH_JS),
            entries: entries.len(),
        };
        Ok(vec![
            (paths::SEARCH_INDEX_JS.to_owned(), index),
            (
                page.to_owned(),
                self.page(names::SITE_SEARCH, self.nav(page, "search"), &view)?,
            ),
        ])
    }
}

/// Every country: its codes, its latest Cyberwellness edition, its latest
/// GCI placing, overall score and region.
fn country_entries(countries: &[CountryEditions], summaries: &[CountrySummary]) -> Vec<Entry> {
    let by_code: BTreeMap<&str, &CountrySummary> =
        summaries.iter().map(|s| (s.alpha3, s)).collect();
    countries
        .iter()
        .map(|c| {
            let mut subtitle = vec![c.alpha3.to_owned()];
            let mut text = Vec::new();
            if let Some(s) = by_code.get(c.alpha3) {
                subtitle.push(format!(
                    "latest edition {} · {}",
                    s.latest.year(),
                    count(s.editions.len(), "edition", "editions")
                ));
                text.push(s.alpha2.to_owned());
                text.extend(s.editions.iter().map(|(y, _)| y.to_string()));
            }
            if let Some(latest) = c.latest_scorecard() {
                let placing = gci::placing(latest);
                let mut words = latest.edition.short_name.clone();
                if !placing.text.is_empty() {
                    words.push_str(&format!(" {}", placing.text));
                }
                if let Some(overall) = gci::overall(latest) {
                    words.push_str(&format!(", overall {}", two_decimals(overall)));
                }
                subtitle.push(words);
                text.push(latest.profile.country.alpha2.clone());
                text.extend(gci::region(latest).map(str::to_owned));
                text.extend(c.scorecards.iter().map(|s| s.edition.short_name.clone()));
            }
            text.push(c.alpha3.to_owned());
            text.dedup();
            Entry {
                kind: "country",
                title: c.name().to_owned(),
                subtitle: subtitle.join(" · "),
                url: paths::country_page(c.alpha3),
                text: text.join(" "),
            }
        })
        .collect()
}

/// The GCI pages: each edition's results and tiers, each region.
fn gci_entries(countries: &[CountryEditions], editions: &[GciEdition]) -> Vec<Entry> {
    let mut entries = Vec::new();
    for edition in editions.iter().rev() {
        let e = edition.edition;
        let pillars: Vec<&str> = e.pillars.iter().map(|p| p.name.as_str()).collect();
        entries.push(Entry {
            kind: "page",
            title: format!("{} results", e.short_name),
            subtitle: format!(
                "{} · every country's scores · {}",
                e.name,
                count(edition.entries.len(), "country", "countries")
            ),
            url: paths::gci_results(e.year),
            text: format!("Global Cybersecurity Index GCI {}", pillars.join(" ")),
        });
        if e.ranking == Ranking::Tiers {
            let tiers: Vec<&str> = e.tiers.iter().map(|t| t.name.as_str()).collect();
            entries.push(Entry {
                kind: "page",
                title: format!("{} tiers", e.short_name),
                subtitle: format!("{} · the countries of each tier", e.name),
                url: paths::gci_tiers(e.year),
                text: format!("Global Cybersecurity Index GCI tier {}", tiers.join(" ")),
            });
        }
    }
    for &region in &regions::REGIONS {
        let members = countries
            .iter()
            .filter(|c| c.latest_scorecard().and_then(gci::region) == Some(region))
            .count();
        if members > 0 {
            entries.push(Entry {
                kind: "page",
                title: region.to_owned(),
                subtitle: format!(
                    "ITU-D region · {} · averages and tiers",
                    count(members, "country", "countries")
                ),
                url: paths::region_page(&regions::region_slug(region)),
                text: "region Global Cybersecurity Index GCI".to_owned(),
            });
        }
    }
    entries
}

/// Every indicator of every catalogue in use, and every answer of each
/// country's latest Cyberwellness edition.
fn entries_of_answers(summaries: &[CountrySummary], catalogues: &[&Catalogue]) -> Vec<Entry> {
    let mut entries = Vec::new();
    for catalogue in catalogues {
        for located in catalogue.indicators() {
            let spec = located.indicator;
            entries.push(Entry {
                kind: "indicator",
                title: spec.label(),
                subtitle: format!(
                    "Indicator · {} · every country's answer",
                    located.area.title
                ),
                url: paths::indicator_page(&catalogue.id, &spec.anchor),
                text: String::new(),
            });
        }
    }
    for s in summaries {
        let labels = &s.latest.catalogue.labels;
        for answer in &s.answers {
            entries.push(Entry {
                kind: "answer",
                title: format!("{} \u{2014} {}", s.name, answer.label),
                subtitle: format!(
                    "{} {} · {} edition",
                    status_symbol(answer.status),
                    labels.status_word(answer.status),
                    s.latest.year()
                ),
                url: format!("{}#{}", paths::country_page(s.alpha3), answer.anchor),
                text: answer.search_text.clone(),
            });
        }
    }
    entries
}

/// Collapses runs of whitespace, so indexed text is compact.
pub fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_index_is_a_script_assigning_compact_entries() {
        let entries = [Entry {
            kind: "answer",
            title: "Belgium — 1.2.1 CIRT".into(),
            subtitle: "yes".into(),
            url: "countries/bel/index.html#1-2-1-cirt".into(),
            text: "CERT.be </script>".into(),
        }];
        let script = String::from_utf8(index_script(&entries).unwrap()).unwrap();
        assert!(script.starts_with("window.PROFILEC_SEARCH_INDEX = {\"version\":1,"));
        assert!(script.ends_with(";\n"));
        assert!(script.contains(
            "[\"answer\",\"Belgium — 1.2.1 CIRT\",\"yes\",\"countries/bel/index.html#1-2-1-cirt\",\"CERT.be </script>\"]"
        ));
    }

    #[test]
    fn whitespace_is_squashed() {
        assert_eq!(squash("  a \n b\t c "), "a b c");
    }
}
