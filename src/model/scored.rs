//! A scored profile: one country's results in one edition of the ITU Global
//! Cybersecurity Index (GCI), the ITU's current country profile.
//!
//! Its shape is what the GCI publishes per country: a score per pillar
//! (Legal, Technical, Organizational, Capacity Development, Cooperation, each
//! 0–20 in 2020 and 2024), the overall score (their sum), a rank (2020) or a
//! tier (2024), and, where a source states them, the areas of relative
//! strength and of potential growth. Which pillars, scales, tiers and ranks
//! an edition has is its catalogue's business (`schema/editions/gci-*.yaml`),
//! so the types hold pillars by key.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Country, Date, Source};

/// One country's profile in one edition of the Global Cybersecurity Index.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "GCI country profile")]
pub struct ScoredProfile {
    /// The GCI edition, such as `gci-2024`.
    pub schema_edition: String,
    /// The country the profile describes.
    pub country: Country,
    /// The edition's year (2020, 2024).
    #[schemars(range(min = 1990, max = 2200))]
    pub edition: u16,
    /// The date this profile was made or last brought up to date (`YYYY-MM-DD`).
    pub last_updated: Date,
    /// The country's ITU-D region (`Europe`, `Americas`, …), where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// The scores and the document they come from.
    pub scores: Scores,
    /// The country's rank, in editions that rank countries (2020): 1 is the
    /// highest overall score; countries with the same score share a rank.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1))]
    pub rank: Option<u32>,
    /// The country's tier, in editions that place countries in tiers
    /// (2024): 1 (Role-modelling) to 5 (Building).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1, max = 5))]
    pub tier: Option<u8>,
    /// Pillars the source names as the country's areas of relative strength
    /// (by pillar key). Only what a source states: the ITU's rule for them
    /// is not published, so profilec never computes them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub strengths: Vec<String>,
    /// Pillars the source names as the country's areas of potential growth.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub growth: Vec<String>,
    /// The averages of the country's region and of the world, per pillar,
    /// so that the profile can show its comparisons on its own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub averages: Option<Averages>,
    /// Short notes per pillar (by pillar key), each with its sources.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub notes: BTreeMap<String, Note>,
    /// The documents the profile cites, by a short identifier of your choice.
    pub sources: BTreeMap<String, Source>,
}

/// The scores of one country in one edition.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Scores {
    /// The identifier (under `sources`) of the document the scores come from.
    pub source: String,
    /// Which figures these are: the dataset's, at full precision, or those
    /// printed in the ITU's report; the two can differ in the second decimal.
    pub figures: Figures,
    /// The score of each pillar, by pillar key (`legal`, `technical`, …).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub pillars: BTreeMap<String, f64>,
    /// The overall score: the sum of the pillars (0–100), or, in editions
    /// without pillars, the published score on the edition's scale.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub overall: Option<f64>,
}

/// Which version of the figures a profile holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Figures {
    /// A dataset's values, at full precision (World Bank Data360).
    Dataset,
    /// The figures printed in the ITU's report, rounded as printed.
    Report,
}

/// The average scores of the country's region and of the world.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Averages {
    /// The region's average per pillar (by pillar key), and the overall.
    pub region: Average,
    /// The world's average per pillar, and the overall.
    pub world: Average,
}

/// An average over some countries.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Average {
    /// How many countries it is the average of.
    #[schemars(range(min = 1))]
    pub countries: u32,
    /// The average score of each pillar.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub pillars: BTreeMap<String, f64>,
    /// The average overall score.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub overall: Option<f64>,
}

/// A short note on one pillar, with its sources.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Note {
    /// The note (Markdown).
    #[schemars(length(min = 1))]
    pub text: String,
    /// Identifiers of the documents (under `sources`) the note comes from.
    pub sources: Vec<String>,
}

/// A plain enum of strings, as for [`super::Status`]: validators report a
/// `oneOf` of documented variants as "not valid under any of the schemas".
impl JsonSchema for Figures {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Figures".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "dataset: a dataset's values at full precision (World Bank Data360); report: the figures printed in the ITU's report. The two can differ in the second decimal.",
            "enum": ["dataset", "report"]
        })
    }
}

impl ScoredProfile {
    /// The score of the pillar `key`, where the profile gives one.
    pub fn pillar(&self, key: &str) -> Option<f64> {
        self.scores.pillars.get(key).copied()
    }
}
