//! How to cite a profile: one citation, written three ways.
//!
//! | owns | must not |
//! | --- | --- |
//! | the facts of a citation (who published the profile, its title, edition, date, address) and their forms: a sentence for people, CSL-JSON for reference managers (Zotero, Pandoc), BibTeX for LaTeX | decide where the profile is published (the site gives the address), read files or the clock |
//!
//! The author of a profile is its publisher (`publisher` in the file): the
//! ITU for the ITU's own documents, whoever compiled it otherwise. A
//! compilation is never cited as the ITU's. The date is the day the profile
//! was last updated, the edition its year: a profile of the 2021 edition
//! brought up to date in 2026 is cited as such.

use serde::Serialize;
use serde_json::json;

use crate::model::{Date, Profile};
use crate::schema::{Catalogue, Labels};
use crate::wording::{date_text, title_case};

/// What a citation of one profile says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Citation {
    /// A key for reference managers: `bel-2021`.
    pub key: String,
    /// Who published the profile (its author).
    pub publisher: String,
    /// `Cyberwellness Profile: Belgium`.
    pub title: String,
    /// The edition's year.
    pub edition: u16,
    /// The day it was last updated.
    pub issued: Date,
    /// Where it is published, when known (`site --base-url`).
    pub url: Option<String>,
}

impl Citation {
    /// The citation of a profile, without an address.
    pub fn of(profile: &Profile, catalogue: &Catalogue) -> Self {
        Citation {
            key: format!(
                "{}-{}",
                profile.country.alpha3.to_lowercase(),
                profile.edition
            ),
            publisher: profile.publisher.clone(),
            title: format!("{}: {}", title_case(&catalogue.title), profile.country.name),
            edition: profile.edition,
            issued: profile.last_updated,
            url: None,
        }
    }

    /// The same citation, with the address the profile is published at.
    pub fn at(mut self, url: impl Into<String>) -> Self {
        self.url = Some(url.into());
        self
    }

    /// The words after the title: `2021 edition, last updated 23 November 2026`.
    fn details(&self, labels: &Labels) -> String {
        format!(
            "{} {}, {} {}",
            self.edition,
            labels.edition,
            labels.last_updated,
            date_text(self.issued)
        )
    }

    /// For people: `Publisher. Title. 2021 edition, last updated 23
    /// November 2026. https://…`
    pub fn text(&self, labels: &Labels) -> String {
        let mut text = format!(
            "{}. {}. {}.",
            self.publisher.trim_end_matches('.'),
            self.title,
            self.details(labels)
        );
        if let Some(url) = &self.url {
            text.push(' ');
            text.push_str(url);
        }
        text
    }

    /// The same for a Markdown document: names escaped, the title in
    /// italics, the address a link.
    pub fn markdown(&self, labels: &Labels) -> String {
        use super::markdown::escape_inline;
        let mut text = format!(
            "{}. *{}*. {}.",
            escape_inline(self.publisher.trim_end_matches('.')),
            escape_inline(&self.title),
            self.details(labels)
        );
        if let Some(url) = &self.url {
            text.push_str(&format!(" <{url}>"));
        }
        text
    }

    /// CSL-JSON (the Citation Style Language's data format, read by Zotero,
    /// Mendeley and Pandoc): a list of one item, ending with a newline.
    pub fn csl_json(&self) -> Vec<u8> {
        let mut item = json!({
            "id": self.key,
            "type": "report",
            "title": self.title,
            "author": [{ "literal": self.publisher }],
            "publisher": self.publisher,
            "edition": self.edition.to_string(),
            "issued": {
                "date-parts": [[
                    self.issued.year(),
                    self.issued.month(),
                    self.issued.day()
                ]]
            },
            "language": "en",
        });
        if let (Some(url), Some(map)) = (&self.url, item.as_object_mut()) {
            map.insert("URL".into(), json!(url));
        }
        // A map of strings and numbers always serializes.
        let mut bytes = serde_json::to_vec_pretty(&json!([item])).unwrap_or_default();
        bytes.push(b'\n');
        bytes
    }

    /// A BibTeX entry (`@misc`, which every style knows), ending with a
    /// newline. The publisher is braced whole, so that BibTeX never reads
    /// an organization's name as a person's first and last names.
    pub fn bibtex(&self, labels: &Labels) -> String {
        let mut fields = vec![
            ("author", format!("{{{}}}", bibtex_escape(&self.publisher))),
            ("title", format!("{{{}}}", bibtex_escape(&self.title))),
            ("year", self.issued.year().to_string()),
            ("month", month_macro(self.issued.month()).to_owned()),
            ("note", bibtex_escape(&self.details(labels))),
        ];
        if let Some(url) = &self.url {
            fields.push(("url", url_escape(url)));
            fields.push(("howpublished", format!("\\url{{{}}}", url_escape(url))));
        }
        let mut out = format!("@misc{{{},\n", self.key);
        for (name, value) in fields {
            let value = if name == "month" {
                value
            } else {
                format!("{{{value}}}")
            };
            out.push_str(&format!("  {name} = {value},\n"));
        }
        out.push_str("}\n");
        out
    }
}

/// BibTeX's month macros.
fn month_macro(month: i8) -> &'static str {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    usize::try_from(month - 1)
        .ok()
        .and_then(|i| MONTHS.get(i))
        .copied()
        .unwrap_or("jan")
}

/// Text as BibTeX reads it literally: its special characters escaped,
/// braces that would unbalance the entry dropped.
fn bibtex_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' | '%' | '$' | '#' | '_' => {
                out.push('\\');
                out.push(c);
            }
            '{' | '}' => out.push(if c == '{' { '(' } else { ')' }),
            '\\' => out.push_str("\\textbackslash{}"),
            '~' => out.push_str("\\textasciitilde{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// An address inside a BibTeX field and `\url{…}`: `%` would start a TeX
/// comment, so it is escaped (hyperref's `\url` prints `\%` as `%`);
/// braces and backslashes, which could unbalance the entry, are
/// percent-encoded, which leaves the address the same to a browser.
fn url_escape(url: &str) -> String {
    url.replace('\\', "%5C")
        .replace('{', "%7B")
        .replace('}', "%7D")
        .replace('%', "\\%")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::Catalogues;

    fn labels() -> &'static Labels {
        &Catalogues::builtin()
            .unwrap()
            .get("cyberwellness-2015")
            .unwrap()
            .labels
    }

    fn citation() -> Citation {
        Citation {
            key: "bel-2021".into(),
            publisher: "Example & Partners".into(),
            title: "Cyberwellness Profile: Belgium".into(),
            edition: 2021,
            issued: Date::new(2026, 11, 23).unwrap(),
            url: None,
        }
    }

    #[test]
    fn the_text_names_publisher_title_edition_and_date() {
        assert_eq!(
            citation().text(labels()),
            "Example & Partners. Cyberwellness Profile: Belgium. 2021 edition, last updated 23 November 2026."
        );
        assert!(
            citation()
                .at("https://example.org/countries/bel/2021.html")
                .text(labels())
                .ends_with("2026. https://example.org/countries/bel/2021.html")
        );
    }

    #[test]
    fn csl_json_is_one_report_by_the_publisher() {
        let bytes = citation().at("https://example.org/x.html").csl_json();
        let value: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        let item = &value[0];
        assert_eq!(item["type"], "report");
        assert_eq!(item["author"][0]["literal"], "Example & Partners");
        assert_eq!(item["issued"]["date-parts"][0], json!([2026, 11, 23]));
        assert_eq!(item["edition"], "2021");
        assert_eq!(item["URL"], "https://example.org/x.html");
        assert!(citation().csl_json().ends_with(b"]\n"));
        let bare: serde_json::Value = serde_json::from_slice(&citation().csl_json()).unwrap();
        assert!(bare[0].get("URL").is_none());
    }

    #[test]
    fn bibtex_escapes_what_tex_would_read_as_commands() {
        let mut c = citation();
        c.title = "A {title} with 100% of $ and #_~".into();
        let entry = c.at("https://example.org/a%20b").bibtex(labels());
        assert!(entry.starts_with("@misc{bel-2021,\n"), "{entry}");
        assert!(
            entry.contains("author = {{Example \\& Partners}},"),
            "{entry}"
        );
        assert!(
            entry
                .contains("title = {{A (title) with 100\\% of \\$ and \\#\\_\\textasciitilde{}}},"),
            "{entry}"
        );
        assert!(entry.contains("month = nov,"), "{entry}");
        assert!(
            entry.contains("url = {https://example.org/a\\%20b},"),
            "{entry}"
        );
        assert_eq!(
            entry.matches('{').count(),
            entry.matches('}').count(),
            "{entry}"
        );
    }
}
