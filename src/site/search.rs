//! The search index: built once, at build time, and searched in the browser
//! by a small script, with no server and no network.
//!
//! The index lists countries, indicators, and every answer of each country's
//! latest edition (its instruments, agencies and text). It is written as a
//! script that assigns a global (`assets/search-index.js`), because a browser
//! that opens the site from disk refuses to `fetch` a local JSON file.
//! Earlier editions are not indexed: their pages are one link away from the
//! country, and indexing them would multiply the index by the number of
//! editions.

use serde::Serialize;

use crate::render::RenderError;
use crate::schema::Catalogue;
use crate::wording::count;

use super::country::CountrySummary;
use super::paths::{self, relative};
use super::views::{SearchView, status_symbol};
use super::{Builder, matrix};
use crate::render::templates as names;

/// One thing a search can find.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Entry {
    /// `country`, `indicator` or `answer`.
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
        summaries: &[CountrySummary],
    ) -> Result<Vec<(String, Vec<u8>)>, RenderError> {
        let entries = entries(summaries, &matrix::catalogues_in_use(summaries));
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

/// What a search can find: every country, every indicator of every
/// catalogue in use, and every answer of each country's latest edition.
fn entries(summaries: &[CountrySummary], catalogues: &[&Catalogue]) -> Vec<Entry> {
    let mut entries = Vec::new();
    for s in summaries {
        let years: Vec<String> = s.editions.iter().map(|(y, _)| y.to_string()).collect();
        entries.push(Entry {
            kind: "country",
            title: s.name.to_owned(),
            subtitle: format!(
                "{} · latest edition {} · {}",
                s.alpha3,
                s.latest.year(),
                count(s.editions.len(), "edition", "editions")
            ),
            url: paths::country_page(s.alpha3),
            text: format!("{} {} {}", s.alpha2, s.alpha3, years.join(" ")),
        });
    }
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
