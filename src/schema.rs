//! The ITU schema: the catalogue of indicators of each edition, and the JSON
//! Schema of a profile file.
//!
//! A catalogue is data (`schema/editions/*.yaml`, embedded in the binary), not
//! code: it lists the parts, areas and indicators of an edition in document
//! order, with their numbers, their headings as the ITU prints them and the
//! standard sentence for each status. A new ITU questionnaire is a new file
//! added to [`EDITION_FILES`]; nothing else changes.
//!
//! The JSON Schema is generated from the model types and the catalogues, so
//! what serde accepts, what `validate` checks and what an editor autocompletes
//! are one description.

mod countries;
mod json_schema;
pub mod regions;
pub mod scored;

pub use countries::{
    Country as CountryEntry, countries, country_by_alpha2, country_by_alpha3, country_by_name,
};
pub use json_schema::{SOURCE_ID_PATTERN, json_schema};
pub use scored::{Crosswalk, Pillar, Ranking, ScoredEdition, Tier};

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::diag::{Code, Diagnostic};
use crate::model::{AREA_KEYS, Status};
use crate::wording::{sentence_case, slug};

/// The embedded catalogue files: `(file name, contents)`. A file that says
/// `kind: scored` is an edition of the Global Cybersecurity Index; any other
/// is a Cyberwellness Profile catalogue.
pub const EDITION_FILES: &[(&str, &str)] = &[
    (
        "cyberwellness-2015.yaml",
        include_str!("../schema/editions/cyberwellness-2015.yaml"),
    ),
    (
        "gci-2018.yaml",
        include_str!("../schema/editions/gci-2018.yaml"),
    ),
    (
        "gci-2020.yaml",
        include_str!("../schema/editions/gci-2020.yaml"),
    ),
    (
        "gci-2024.yaml",
        include_str!("../schema/editions/gci-2024.yaml"),
    ),
];

/// The embedded crosswalks between editions: `(file name, contents)`.
pub const CROSSWALK_FILES: &[(&str, &str)] = &[(
    "gci-2020--gci-2024.yaml",
    include_str!("../schema/crosswalks/gci-2020--gci-2024.yaml"),
)];

/// An edition of any kind.
#[derive(Debug, Clone, Copy)]
pub enum AnyEdition<'a> {
    /// A Cyberwellness Profile catalogue.
    Cyberwellness(&'a Catalogue),
    /// An edition of the Global Cybersecurity Index.
    Scored(&'a ScoredEdition),
}

impl<'a> AnyEdition<'a> {
    /// Its identifier.
    pub fn id(&self) -> &'a str {
        match self {
            AnyEdition::Cyberwellness(c) => &c.id,
            AnyEdition::Scored(e) => &e.id,
        }
    }

    /// Its readable name.
    pub fn name(&self) -> &'a str {
        match self {
            AnyEdition::Cyberwellness(c) => &c.name,
            AnyEdition::Scored(e) => &e.name,
        }
    }
}

/// One edition of the ITU indicator catalogue.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catalogue {
    /// The identifier profiles name in `schema_edition`.
    pub id: String,
    /// A readable name of the edition.
    pub name: String,
    /// Who publishes the questionnaire.
    pub publisher: String,
    /// The document title, as printed (`CYBERWELLNESS PROFILE`).
    pub title: String,
    /// Labels of the background block.
    pub background: BackgroundLabels,
    /// Lines of the disclaimer printed at the end of the publisher's own
    /// documents (profiles whose `publisher` is [`Catalogue::publisher`]).
    pub disclaimer: Vec<String>,
    /// What a profile compiled by anyone else prints instead of the
    /// publisher's authorship and disclaimer.
    pub compilation: Compilation,
    /// The words before the last-updated date (`Last updated on`).
    pub last_updated: String,
    /// The words a document prints around the answers.
    pub labels: Labels,
    /// The numbered parts of the document, in order.
    pub parts: Vec<Part>,
}

/// The words of a profile the catalogue's publisher did not publish: a line
/// under the title and the closing lines, in place of the publisher's
/// disclaimer. `{publisher}` stands for the profile's publisher.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Compilation {
    /// `Compiled by {publisher} from the sources listed`.
    pub byline: String,
    /// The closing lines, in place of the disclaimer.
    pub closing: Vec<String>,
}

impl Compilation {
    /// `text` with the profile's publisher in place of `{publisher}`.
    pub fn fill(text: &str, publisher: &str) -> String {
        text.replace("{publisher}", publisher)
    }
}

/// The words a document prints around the answers: the status line, the
/// list of sources, the status words. They are data, so that a translated
/// or reworded catalogue changes what every format prints, and no stage
/// ever looks for these words in a document.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Labels {
    /// `Status`, before an indicator's status.
    pub status: String,
    /// `Source`, before one source number.
    pub source: String,
    /// `Sources`, before several source numbers, and the heading of the
    /// list of sources.
    pub sources: String,
    /// The word for each status (`unknown` → `no information`).
    pub statuses: BTreeMap<Status, String>,
    /// `as of`, before the date of the newest source an answer rests on.
    pub as_of: String,
    /// `not before`, before the earliest date an undated source allows.
    pub not_before: String,
    /// `undated`: an answer none of whose sources has a date.
    pub undated: String,
    /// `carried over from the {edition} edition`: an answer kept unchanged
    /// from an earlier edition and not yet checked against current sources.
    pub carried_over: String,
    /// The note at the top of a document whose answers rest on sources of
    /// different ages: `{updated} of {total} indicators updated from
    /// sources of {range}; {others} {base}.` (`13 as of February 2015`)
    pub dates_note: String,
    /// `{count} of {total} indicators on undated sources.`, in the note
    /// where some are.
    pub undated_note: String,
    /// `or later`, after a range of dates one of which is only a bound.
    pub or_later: String,
    /// `Contributor`, before the person or firm a source names.
    pub contributor: String,
    /// `Cite as`, before the citation of the document.
    pub cite_as: String,
    /// `edition`, after the edition year in a citation (`2021 edition`).
    pub edition: String,
    /// `last updated`, before the last-updated date in a citation.
    pub last_updated: String,
}

impl Labels {
    /// The word a reader sees for `status`.
    pub fn status_word(&self, status: Status) -> &str {
        self.statuses
            .get(&status)
            .map_or(status.as_str(), String::as_str)
    }
}

/// Labels of the background block, as printed.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BackgroundLabels {
    /// `BACKGROUND`.
    pub heading: String,
    /// `Total Population`.
    pub population: String,
    /// `Internet users, percentage of population`.
    pub internet_users: String,
    /// `data source`.
    pub data_source: String,
}

/// A numbered part of the document (`1. CYBERSECURITY`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Part {
    /// `1.`
    pub number: String,
    /// `CYBERSECURITY`
    pub heading: String,
    /// Its areas, in order.
    pub areas: Vec<AreaSpec>,
    /// `1-cybersecurity`: its anchor in every document and page (derived).
    #[serde(skip)]
    pub anchor: String,
    /// `Cybersecurity`: how pages name it in running text (derived).
    #[serde(skip)]
    pub title: String,
}

/// An area of a part. Child online protection has no heading of its own: its
/// indicators sit directly under the part.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AreaSpec {
    /// The area's key in a profile file (one of [`AREA_KEYS`]).
    pub key: String,
    /// `1.1`, where the area has its own heading.
    #[serde(default)]
    pub number: Option<String>,
    /// `LEGAL MEASURES`, where the area has its own heading.
    #[serde(default)]
    pub heading: Option<String>,
    /// Its indicators, in order.
    pub indicators: Vec<IndicatorSpec>,
    /// `1-1-legal-measures`, where the area has a heading of its own (derived).
    #[serde(skip)]
    pub anchor: Option<String>,
    /// `Legal measures`: the area's title in tables and page headings, from
    /// its heading or, where it has none, its part's (derived).
    #[serde(skip)]
    pub title: String,
}

/// One indicator of the catalogue.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndicatorSpec {
    /// Its key in a profile file (`cirt`).
    pub key: String,
    /// Its number (`1.2.1`).
    pub number: String,
    /// Its heading as the ITU prints it (`CIRT`).
    pub heading: String,
    /// The standard sentence per status (Tera snippets).
    pub sentences: BTreeMap<Status, String>,
    /// The lists a `yes` sentence cannot be written without.
    #[serde(default)]
    pub needs: Vec<NamedList>,
    /// What the indicator asks, in one question, for the comments of a new
    /// profile (`profilec new`).
    #[serde(default)]
    pub asks: Option<String>,
    /// A list printed as bullets after the sentence.
    #[serde(default)]
    pub list: Option<NamedList>,
    /// `1-2-1-cirt`: the indicator's anchor in every document and page; the
    /// one place it is made (derived).
    #[serde(skip)]
    pub anchor: String,
    /// `CIRT`, `Criminal legislation`: the heading in sentence case (derived).
    #[serde(skip)]
    pub title: String,
}

impl IndicatorSpec {
    /// `1.2.1 CIRT`, as headings print it.
    pub fn numbered_heading(&self) -> String {
        format!("{} {}", self.number, self.heading)
    }

    /// `1.2.1 CIRT` in sentence case (`1.1.1 Criminal legislation`), as
    /// pages name the indicator in running text.
    pub fn label(&self) -> String {
        format!("{} {}", self.number, self.title)
    }
}

/// The named lists of an indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum NamedList {
    /// Laws, strategies, programmes.
    Instruments,
    /// Agencies and bodies.
    Agencies,
}

impl NamedList {
    /// The field name in a profile file.
    pub fn as_str(self) -> &'static str {
        match self {
            NamedList::Instruments => "instruments",
            NamedList::Agencies => "agencies",
        }
    }
}

/// An indicator located in its catalogue: the spec with its area.
#[derive(Debug, Clone, Copy)]
pub struct Located<'a> {
    /// The part the indicator belongs to.
    pub part: &'a Part,
    /// The area the indicator belongs to.
    pub area: &'a AreaSpec,
    /// The indicator.
    pub indicator: &'a IndicatorSpec,
}

impl Catalogue {
    /// Reads a catalogue from its YAML text, checks it is coherent and
    /// derives the anchors and titles every stage uses.
    pub fn from_yaml(text: &str) -> Result<Self, String> {
        let mut catalogue: Catalogue =
            crate::load::from_yaml_str(text).map_err(|e| e.to_string())?;
        catalogue.check()?;
        catalogue.derive();
        Ok(catalogue)
    }

    /// Fills in the derived names: anchors from number and heading, titles
    /// in sentence case. This is the only place they are made.
    fn derive(&mut self) {
        for part in &mut self.parts {
            part.anchor = slug(&format!("{} {}", part.number, part.heading));
            part.title = sentence_case(&part.heading);
            for area in &mut part.areas {
                area.anchor = match (&area.number, &area.heading) {
                    (Some(n), Some(h)) => Some(slug(&format!("{n} {h}"))),
                    _ => None,
                };
                area.title = sentence_case(area.heading.as_deref().unwrap_or(&part.heading));
                for indicator in &mut area.indicators {
                    indicator.anchor = slug(&indicator.numbered_heading());
                    indicator.title = sentence_case(&indicator.heading);
                }
            }
        }
    }

    fn check(&self) -> Result<(), String> {
        let mut seen_areas = Vec::new();
        let mut seen_keys = Vec::new();
        for area in self.areas() {
            if !AREA_KEYS.contains(&area.key.as_str()) {
                return Err(format!("area `{}` is not one of {AREA_KEYS:?}", area.key));
            }
            if seen_areas.contains(&area.key) {
                return Err(format!("area `{}` is listed twice", area.key));
            }
            seen_areas.push(area.key.clone());
            for indicator in &area.indicators {
                if seen_keys.contains(&indicator.key) {
                    return Err(format!("indicator `{}` is listed twice", indicator.key));
                }
                seen_keys.push(indicator.key.clone());
                for status in [Status::Yes, Status::No, Status::Unknown] {
                    if !indicator.sentences.contains_key(&status) {
                        return Err(format!(
                            "indicator {} has no `{status}` sentence",
                            indicator.number
                        ));
                    }
                }
            }
        }
        if let Some(status) = Status::ALL
            .iter()
            .find(|s| !self.labels.statuses.contains_key(s))
        {
            return Err(format!("`labels.statuses` has no word for `{status}`"));
        }
        match AREA_KEYS
            .iter()
            .find(|key| !seen_areas.iter().any(|a| a == *key))
        {
            Some(missing) => Err(format!("area `{missing}` is missing")),
            None => Ok(()),
        }
    }

    /// Every area, in document order.
    pub fn areas(&self) -> impl Iterator<Item = &AreaSpec> {
        self.parts.iter().flat_map(|part| &part.areas)
    }

    /// The area with this key.
    pub fn area(&self, key: &str) -> Option<&AreaSpec> {
        self.areas().find(|area| area.key == key)
    }

    /// Every indicator with its part and area, in document order.
    pub fn indicators(&self) -> impl Iterator<Item = Located<'_>> {
        self.parts.iter().flat_map(|part| {
            part.areas.iter().flat_map(move |area| {
                area.indicators.iter().map(move |indicator| Located {
                    part,
                    area,
                    indicator,
                })
            })
        })
    }

    /// The indicator with this key in this area.
    pub fn indicator(&self, area: &str, key: &str) -> Option<&IndicatorSpec> {
        self.area(area)?.indicators.iter().find(|i| i.key == key)
    }

    /// The indicator with this number (`1.2.1`).
    pub fn by_number(&self, number: &str) -> Option<Located<'_>> {
        self.indicators().find(|l| l.indicator.number == number)
    }

    /// How many indicators the edition has.
    pub fn len(&self) -> usize {
        self.areas().map(|a| a.indicators.len()).sum()
    }

    /// Whether the edition has no indicators (never, for a checked catalogue).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Why the catalogues cannot be used. The built-in ones are checked by the
/// test suite, so for them this is a defect of profilec's build.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CatalogueError {
    /// A catalogue file is malformed or incoherent.
    #[error("catalogue {file}: {message}")]
    Invalid {
        /// The catalogue's file name.
        file: String,
        /// What is wrong.
        message: String,
    },
    /// Two catalogue files give the same edition identifier.
    #[error("catalogues {first} and {second} both define the edition `{id}`")]
    Duplicate {
        /// The identifier.
        id: String,
        /// The first file.
        first: String,
        /// The second file.
        second: String,
    },
    /// The JSON Schema generated from the catalogues does not compile.
    #[error("{0}")]
    Schema(String),
}

impl From<&CatalogueError> for Diagnostic {
    fn from(error: &CatalogueError) -> Self {
        Diagnostic::error(Code::Internal, error.to_string())
            .with_hint("the catalogues are built into profilec; this is a defect in profilec, please report it")
    }
}

impl From<CatalogueError> for Diagnostic {
    fn from(error: CatalogueError) -> Self {
        Diagnostic::from(&error)
    }
}

/// Every edition profilec knows, by identifier, and the crosswalks
/// between them.
#[derive(Debug)]
pub struct Catalogues {
    editions: BTreeMap<String, Catalogue>,
    scored: BTreeMap<String, ScoredEdition>,
    crosswalks: Vec<Crosswalk>,
}

/// The `kind` of a catalogue file, read before the rest.
#[derive(Deserialize)]
struct KindOnly {
    #[serde(default)]
    kind: Option<String>,
}

impl Catalogues {
    /// The embedded editions ([`EDITION_FILES`]) and crosswalks
    /// ([`CROSSWALK_FILES`]), read once per process.
    pub fn builtin() -> Result<&'static Catalogues, CatalogueError> {
        static BUILTIN: OnceLock<Result<Catalogues, CatalogueError>> = OnceLock::new();
        BUILTIN
            .get_or_init(|| {
                let mut catalogues = Catalogues::from_files(EDITION_FILES)?;
                catalogues.add_crosswalks(CROSSWALK_FILES)?;
                Ok(catalogues)
            })
            .as_ref()
            .map_err(Clone::clone)
    }

    /// Catalogues read from `(file name, contents)` pairs.
    pub fn from_files(files: &[(&str, &str)]) -> Result<Catalogues, CatalogueError> {
        let mut catalogues = Catalogues {
            editions: BTreeMap::new(),
            scored: BTreeMap::new(),
            crosswalks: Vec::new(),
        };
        let mut files_by_id: BTreeMap<String, String> = BTreeMap::new();
        for (file, text) in files {
            let invalid = |message: String| CatalogueError::Invalid {
                file: (*file).to_owned(),
                message,
            };
            let kind: KindOnly =
                crate::load::from_yaml_str(text).map_err(|e| invalid(e.to_string()))?;
            let id = match kind.kind.as_deref() {
                Some("scored") => {
                    let edition = ScoredEdition::from_yaml(text).map_err(invalid)?;
                    let id = edition.id.clone();
                    catalogues.scored.insert(id.clone(), edition);
                    id
                }
                _ => {
                    let catalogue = Catalogue::from_yaml(text).map_err(invalid)?;
                    let id = catalogue.id.clone();
                    catalogues.editions.insert(id.clone(), catalogue);
                    id
                }
            };
            if let Some(first) = files_by_id.insert(id.clone(), (*file).to_owned()) {
                return Err(CatalogueError::Duplicate {
                    id,
                    first,
                    second: (*file).to_owned(),
                });
            }
        }
        Ok(catalogues)
    }

    /// Adds the crosswalks of `(file name, contents)` pairs; each must join
    /// two scored editions it knows, pillar to pillar.
    pub fn add_crosswalks(&mut self, files: &[(&str, &str)]) -> Result<(), CatalogueError> {
        for (file, text) in files {
            let invalid = |message: String| CatalogueError::Invalid {
                file: (*file).to_owned(),
                message,
            };
            let crosswalk = Crosswalk::from_yaml(text).map_err(invalid)?;
            let (Some(from), Some(to)) = (self.scored(&crosswalk.from), self.scored(&crosswalk.to))
            else {
                return Err(invalid(format!(
                    "it joins `{}` and `{}`, which are not both GCI editions",
                    crosswalk.from, crosswalk.to
                )));
            };
            for (old, new) in &crosswalk.pillars {
                if from.pillar(old).is_none() || to.pillar(new).is_none() {
                    return Err(invalid(format!(
                        "`{old}: {new}` names a pillar that `{}` or `{}` does not have",
                        from.id, to.id
                    )));
                }
            }
            self.crosswalks.push(crosswalk);
        }
        Ok(())
    }

    /// The Cyberwellness catalogue with this identifier.
    pub fn get(&self, id: &str) -> Option<&Catalogue> {
        self.editions.get(id)
    }

    /// The GCI edition with this identifier.
    pub fn scored(&self, id: &str) -> Option<&ScoredEdition> {
        self.scored.get(id)
    }

    /// The edition with this identifier, of whichever kind.
    pub fn edition(&self, id: &str) -> Option<AnyEdition<'_>> {
        self.get(id)
            .map(AnyEdition::Cyberwellness)
            .or_else(|| self.scored(id).map(AnyEdition::Scored))
    }

    /// The crosswalk from edition `from` to edition `to`, where there is one.
    pub fn crosswalk(&self, from: &str, to: &str) -> Option<&Crosswalk> {
        self.crosswalks
            .iter()
            .find(|c| c.from == from && c.to == to)
    }

    /// Every Cyberwellness catalogue, ordered by identifier.
    pub fn iter(&self) -> impl Iterator<Item = &Catalogue> {
        self.editions.values()
    }

    /// Every GCI edition, ordered by identifier.
    pub fn scored_editions(&self) -> impl Iterator<Item = &ScoredEdition> {
        self.scored.values()
    }

    /// The identifiers of every edition, of both kinds, in order.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        let mut ids: Vec<&str> = self
            .editions
            .keys()
            .chain(self.scored.keys())
            .map(String::as_str)
            .collect();
        ids.sort_unstable();
        ids.into_iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edition_2015() -> &'static Catalogue {
        Catalogues::builtin()
            .expect("embedded catalogues parse")
            .get("cyberwellness-2015")
            .expect("the 2015 edition is embedded")
    }

    #[test]
    fn the_2015_edition_has_17_cybersecurity_and_4_child_protection_indicators() {
        let catalogue = edition_2015();
        assert_eq!(catalogue.len(), 21);
        let cyber: usize = catalogue.parts[0]
            .areas
            .iter()
            .map(|a| a.indicators.len())
            .sum();
        assert_eq!(cyber, 17);
        assert_eq!(catalogue.parts[1].areas[0].indicators.len(), 4);
    }

    #[test]
    fn indicators_are_numbered_in_document_order() {
        let numbers: Vec<&str> = edition_2015()
            .indicators()
            .map(|l| l.indicator.number.as_str())
            .collect();
        assert_eq!(
            numbers,
            [
                "1.1.1", "1.1.2", "1.2.1", "1.2.2", "1.2.3", "1.3.1", "1.3.2", "1.3.3", "1.3.4",
                "1.4.1", "1.4.2", "1.4.3", "1.4.4", "1.5.1", "1.5.2", "1.5.3", "1.5.4", "2.1",
                "2.2", "2.3", "2.4"
            ]
        );
        for located in edition_2015().indicators() {
            if let Some(area_number) = &located.area.number {
                assert!(
                    located
                        .indicator
                        .number
                        .starts_with(&format!("{area_number}."))
                );
            }
        }
    }

    #[test]
    fn lookups_find_indicators_by_key_and_number() {
        let catalogue = edition_2015();
        assert_eq!(
            catalogue
                .indicator("technical", "cirt")
                .map(|i| i.number.as_str()),
            Some("1.2.1")
        );
        assert!(catalogue.indicator("legal", "cirt").is_none());
        assert_eq!(
            catalogue.by_number("2.3").map(|l| l.indicator.key.as_str()),
            Some("institutional_support")
        );
    }

    #[test]
    fn anchors_and_titles_are_derived_once_from_number_and_heading() {
        let catalogue = edition_2015();
        let cirt = catalogue.indicator("technical", "cirt").unwrap();
        assert_eq!(cirt.anchor, "1-2-1-cirt");
        assert_eq!(cirt.label(), "1.2.1 CIRT");
        let legal = catalogue
            .indicator("legal", "criminal_legislation")
            .unwrap();
        assert_eq!(legal.anchor, "1-1-1-criminal-legislation");
        assert_eq!(legal.label(), "1.1.1 Criminal legislation");
        let area = catalogue.area("legal").unwrap();
        assert_eq!(area.anchor.as_deref(), Some("1-1-legal-measures"));
        assert_eq!(area.title, "Legal measures");
        // Child online protection has no heading of its own: its part's.
        let area = catalogue.area("child_protection").unwrap();
        assert_eq!(area.anchor, None);
        assert_eq!(area.title, "Child online protection");
        assert_eq!(catalogue.parts[0].anchor, "1-cybersecurity");
        assert_eq!(
            catalogue.labels.status_word(Status::Unknown),
            "no information"
        );
    }

    #[test]
    fn a_catalogue_without_a_word_for_a_status_is_refused() {
        let text = EDITION_FILES[0]
            .1
            .replace("    unknown: no information\n", "");
        assert!(
            Catalogue::from_yaml(&text)
                .unwrap_err()
                .contains("no word for `unknown`")
        );
    }

    #[test]
    fn two_catalogues_of_one_edition_are_refused() {
        let text = EDITION_FILES[0].1;
        assert!(matches!(
            Catalogues::from_files(&[("a.yaml", text), ("b.yaml", text)]),
            Err(CatalogueError::Duplicate { .. })
        ));
    }

    #[test]
    fn a_catalogue_missing_an_area_is_refused() {
        let text = EDITION_FILES[0]
            .1
            .replace("key: child_protection", "key: legal");
        assert!(
            Catalogue::from_yaml(&text)
                .unwrap_err()
                .contains("listed twice")
        );
    }
}
