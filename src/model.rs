//! The profile model: one country, one edition of its cyberwellness profile.
//!
//! These are plain serde types with no knowledge of YAML, of source positions or
//! of the ITU catalogue. `load` turns a file into a JSON value with a map of
//! positions, `validate` checks that value against the JSON Schema and the
//! catalogue and only then deserializes it into a [`Profile`]; everything
//! downstream (render, diff, site, import) works on these types.
//!
//! The shape is strict (`deny_unknown_fields`) because the JSON Schema that
//! editors and `validate` use is generated from these definitions: what serde
//! accepts and what the schema describes must be the same thing.

mod date;
mod scored;

pub use date::{Date, DateError, PartialDate};
pub use scored::{Average, Averages, Figures, Note, ScoredProfile, Scores};

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The six areas of the ITU profile, in document order, under their file names.
pub const AREA_KEYS: [&str; 6] = [
    "legal",
    "technical",
    "organizational",
    "capacity",
    "cooperation",
    "child_protection",
];

/// One country's cyberwellness profile for one edition.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Cyberwellness profile")]
pub struct Profile {
    /// The edition of the ITU indicator catalogue this profile follows, such as
    /// `cyberwellness-2015`.
    pub schema_edition: String,
    /// The country the profile describes.
    pub country: Country,
    /// The year of this edition of the country's profile.
    #[schemars(range(min = 1990, max = 2200))]
    pub edition: u16,
    /// The date the profile was last updated (`YYYY-MM-DD`).
    pub last_updated: Date,
    /// Who compiled and publishes this profile. For the ITU's own documents,
    /// the catalogue's publisher, written exactly as the catalogue writes it
    /// (`International Telecommunication Union (ITU)`): only then do the
    /// documents carry the ITU's title block, disclaimer and authorship. For
    /// any other profile (a compilation of later sources), whoever compiled
    /// it; its documents say so and never claim the ITU as their author.
    #[schemars(length(min = 1))]
    pub publisher: String,
    /// Population and Internet use figures.
    pub background: Background,
    /// The documents the profile cites, by a short identifier of your choice.
    /// Indicators name them in their `sources` list.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub sources: BTreeMap<String, Source>,
    /// 1.1 Legal measures.
    pub legal: Area,
    /// 1.2 Technical measures.
    pub technical: Area,
    /// 1.3 Organization measures.
    pub organizational: Area,
    /// 1.4 Capacity building.
    pub capacity: Area,
    /// 1.5 Cooperation.
    pub cooperation: Area,
    /// 2. Child online protection.
    pub child_protection: Area,
}

/// The indicators of one area, by their catalogue key (`cirt`, `policy`, …).
pub type Area = BTreeMap<String, Indicator>;

/// A profile of any kind of edition: which one a file holds follows from
/// the kind of the edition it names in `schema_edition`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum AnyProfile {
    /// A Cyberwellness Profile (indicators and answers).
    Cyberwellness(Profile),
    /// A Global Cybersecurity Index country profile (scores).
    Scored(ScoredProfile),
}

impl AnyProfile {
    /// The edition of the catalogue it follows.
    pub fn schema_edition(&self) -> &str {
        match self {
            AnyProfile::Cyberwellness(p) => &p.schema_edition,
            AnyProfile::Scored(p) => &p.schema_edition,
        }
    }

    /// The country.
    pub fn country(&self) -> &Country {
        match self {
            AnyProfile::Cyberwellness(p) => &p.country,
            AnyProfile::Scored(p) => &p.country,
        }
    }

    /// The edition's year.
    pub fn edition(&self) -> u16 {
        match self {
            AnyProfile::Cyberwellness(p) => p.edition,
            AnyProfile::Scored(p) => p.edition,
        }
    }

    /// The day the profile was last updated.
    pub fn last_updated(&self) -> Date {
        match self {
            AnyProfile::Cyberwellness(p) => p.last_updated,
            AnyProfile::Scored(p) => p.last_updated,
        }
    }

    /// Who published it, where the profile says: a Cyberwellness Profile
    /// always does; a GCI profile has no such field.
    pub fn publisher(&self) -> Option<&str> {
        match self {
            AnyProfile::Cyberwellness(p) => Some(&p.publisher),
            AnyProfile::Scored(_) => None,
        }
    }

    /// The documents it cites.
    pub fn sources(&self) -> &BTreeMap<String, Source> {
        match self {
            AnyProfile::Cyberwellness(p) => &p.sources,
            AnyProfile::Scored(p) => &p.sources,
        }
    }

    /// The Cyberwellness Profile, if it is one.
    pub fn cyberwellness(&self) -> Option<&Profile> {
        match self {
            AnyProfile::Cyberwellness(p) => Some(p),
            AnyProfile::Scored(_) => None,
        }
    }

    /// The GCI profile, if it is one.
    pub fn scored(&self) -> Option<&ScoredProfile> {
        match self {
            AnyProfile::Scored(p) => Some(p),
            AnyProfile::Cyberwellness(_) => None,
        }
    }
}

impl Profile {
    /// The indicators of the area named `key` (one of [`AREA_KEYS`]).
    pub fn area(&self, key: &str) -> Option<&Area> {
        match key {
            "legal" => Some(&self.legal),
            "technical" => Some(&self.technical),
            "organizational" => Some(&self.organizational),
            "capacity" => Some(&self.capacity),
            "cooperation" => Some(&self.cooperation),
            "child_protection" => Some(&self.child_protection),
            _ => None,
        }
    }

    /// Mutable access to the area named `key` (one of [`AREA_KEYS`]).
    pub fn area_mut(&mut self, key: &str) -> Option<&mut Area> {
        match key {
            "legal" => Some(&mut self.legal),
            "technical" => Some(&mut self.technical),
            "organizational" => Some(&mut self.organizational),
            "capacity" => Some(&mut self.capacity),
            "cooperation" => Some(&mut self.cooperation),
            "child_protection" => Some(&mut self.child_protection),
            _ => None,
        }
    }

    /// Every area with its key, in document order.
    pub fn areas(&self) -> impl Iterator<Item = (&'static str, &Area)> {
        AREA_KEYS
            .into_iter()
            .filter_map(move |key| self.area(key).map(|area| (key, area)))
    }
}

/// The longest country name a profile may give, in characters. The
/// longest short names in ISO 3166-1 are under 60 characters; the bound
/// keeps a name one the documents can show (the PDF's running header
/// shortens what does not fit on its line, but the title block and every
/// sentence print it whole).
pub const MAX_COUNTRY_NAME: u32 = 100;

/// The largest population a profile may give: more than any country has,
/// so that a figure beyond it is a typo reported where it is, and no
/// number that passes the JSON Schema can fail the model's `u64`.
pub const MAX_POPULATION: u64 = 10_000_000_000;

/// The country a profile is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Country {
    /// The country's name as the profile prints it, e.g. `Belgium`.
    #[schemars(length(min = 1, max = MAX_COUNTRY_NAME))]
    pub name: String,
    /// ISO 3166-1 alpha-2 code, e.g. `BE`.
    #[schemars(regex(pattern = r"^[A-Z]{2}$"))]
    pub alpha2: String,
    /// ISO 3166-1 alpha-3 code, e.g. `BEL`.
    #[schemars(regex(pattern = r"^[A-Z]{3}$"))]
    pub alpha3: String,
}

/// The background block: population and Internet users. A figure no
/// source gives is left out (the document says "no information"; `validate`
/// warns), never invented.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Background {
    /// Total population.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub population: Option<Population>,
    /// Internet users as a percentage of the population.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub internet_users: Option<InternetUsers>,
}

/// Total population, with its data source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Population {
    /// Number of inhabitants.
    #[schemars(range(min = 1, max = MAX_POPULATION))]
    pub value: u64,
    /// Who published the figure, e.g. `United Nations Statistics Division`.
    #[schemars(length(min = 1))]
    pub source: String,
    /// When the figure applies (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`).
    pub as_of: PartialDate,
}

/// Internet users as a percentage of the population, with its data source.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct InternetUsers {
    /// Percentage of the population, from 0 to 100.
    #[schemars(range(min = 0.0, max = 100.0))]
    pub percent: f64,
    /// Who published the figure, e.g. `ITU Statistics`.
    #[schemars(length(min = 1))]
    pub source: String,
    /// When the figure applies (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`).
    pub as_of: PartialDate,
}

/// A document the profile cites.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// The document's title.
    #[schemars(length(min = 1))]
    pub title: String,
    /// Who published it, where the document says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    /// Its date (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`), where the document gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<PartialDate>,
    /// For a document that gives no date: the earliest date its own words
    /// allow (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`), such as the month an
    /// office holder it quotes took office. Documents print it as "not
    /// before …". Not with `date`: a dated document needs no bound.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_before: Option<PartialDate>,
    /// Who the document names as its author or contact, where it does not
    /// name its publisher (a law firm named under "For more information").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1))]
    pub contributor: Option<String>,
    /// Where to read it, where there is an address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(url)]
    pub url: Option<String>,
    /// For a document that changes (a dataset, a web page): the day it was
    /// read (`YYYY-MM-DD`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retrieved: Option<Date>,
    /// For a dataset: its identifier at the publisher (`ITU_GCI`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1))]
    pub dataset: Option<String>,
    /// For a dataset: the files read, by name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub files: Vec<String>,
}

/// The answer a profile gives for one indicator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    /// What the country has in place.
    pub status: Status,
    /// Laws, strategies and programmes the answer names.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub instruments: Vec<String>,
    /// Agencies and bodies the answer names.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub agencies: Vec<String>,
    /// Free text (Markdown) that replaces the standard ITU sentence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// Identifiers of the documents (under `sources`) this answer comes from.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
    /// The year of the edition this answer was carried over from, unchanged
    /// (`profilec new --from` sets it). Documents say so beside the status,
    /// and `validate` warns, until the answer is checked against current
    /// sources and this field removed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1990, max = 2200))]
    pub carried_over_from: Option<u16>,
}

impl Indicator {
    /// An answer of `status` and nothing else.
    pub fn of(status: Status) -> Self {
        Indicator {
            status,
            instruments: Vec::new(),
            agencies: Vec::new(),
            text: None,
            sources: Vec::new(),
            carried_over_from: None,
        }
    }
}

impl Source {
    /// The date documents give the source: its own date, or else the bound
    /// its words allow (`not_before`); `None` when it has neither.
    pub fn dating(&self) -> Option<Dating> {
        match (self.date, self.not_before) {
            (Some(date), _) => Some(Dating::On(date)),
            (None, Some(bound)) => Some(Dating::NotBefore(bound)),
            (None, None) => None,
        }
    }
}

/// How well a statement or a document is dated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Dating {
    /// On this date (to the year, month or day).
    On(PartialDate),
    /// On this date or later: the earliest the document's words allow.
    NotBefore(PartialDate),
}

impl Dating {
    /// The date itself, or the bound.
    pub fn date(self) -> PartialDate {
        match self {
            Dating::On(date) | Dating::NotBefore(date) => date,
        }
    }

    /// Whether the date is only a lower bound.
    pub fn is_bound(self) -> bool {
        matches!(self, Dating::NotBefore(_))
    }

    /// The newer of two datings: the one whose date (or bound) is later; on
    /// a tie, the exact date, which says more.
    pub fn newer(self, other: Dating) -> Dating {
        let key = |d: Dating| (d.date().earliest(), !d.is_bound());
        if key(other) > key(self) { other } else { self }
    }
}

/// What a country has in place for one indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// In place.
    Yes,
    /// Partly in place; the free text says how.
    Partial,
    /// Not in place.
    No,
    /// No information.
    Unknown,
}

impl Status {
    /// Every status, in the order the catalogue lists sentences.
    pub const ALL: [Status; 4] = [Status::Yes, Status::Partial, Status::No, Status::Unknown];

    /// The status as written in a profile file.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Yes => "yes",
            Status::Partial => "partial",
            Status::No => "no",
            Status::Unknown => "unknown",
        }
    }
}

/// A plain enum of strings: schemars would make a `oneOf` of the documented
/// variants, which validators report as "not valid under any of the schemas".
impl JsonSchema for Status {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Status".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "yes: in place; partial: partly in place (explain in `text`); no: not in place; unknown: no information.",
            "enum": ["yes", "partial", "no", "unknown"]
        })
    }
}

impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}
