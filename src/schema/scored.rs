//! The catalogue of a scored edition: an edition of the ITU Global
//! Cybersecurity Index (`schema/editions/gci-*.yaml`, `kind: scored`).
//!
//! | owns | must not |
//! | --- | --- |
//! | an edition's pillars, scales, tiers or ranks, its publication and heading; the crosswalks between editions | compute scores, strengths or growth areas (they come from data) |
//!
//! A 6th edition is a new file; one that renames a pillar is a new file and
//! a crosswalk (`schema/crosswalks/*.yaml`), never new code.

use serde::Deserialize;

use crate::model::{PartialDate, ScoredProfile};
use crate::wording::slug;

/// One edition of the Global Cybersecurity Index.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScoredEdition {
    /// The identifier profiles name in `schema_edition` (`gci-2024`).
    pub id: String,
    /// Always `scored`.
    pub kind: String,
    /// A readable name of the edition.
    pub name: String,
    /// A short name (`GCI 2024`).
    pub short_name: String,
    /// Who publishes the index.
    pub publisher: String,
    /// The report the edition was published in.
    pub publication: Publication,
    /// The heading of a country profile (`GCI 5th Edition Country Performance`).
    pub heading: String,
    /// The pillars, in the order the ITU lists them (and draws them, clockwise
    /// from the top, on its radar charts). Empty in editions that publish an
    /// overall score only.
    pub pillars: Vec<Pillar>,
    /// The overall score.
    pub overall: Overall,
    /// How the edition places countries.
    pub ranking: Ranking,
    /// The tiers, best first, in editions that use them.
    #[serde(default)]
    pub tiers: Vec<Tier>,
    /// The year of the edition, from its identifier (derived).
    #[serde(skip)]
    pub year: u16,
}

/// The report an edition was published in.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Publication {
    /// Its title.
    pub title: String,
    /// The ITU's publication identifier, where known (`D-HDB-GCI.01-2024`).
    #[serde(default)]
    pub id: Option<String>,
    /// Its date, where known.
    #[serde(default)]
    pub date: Option<PartialDate>,
    /// Where to read it, where known.
    #[serde(default)]
    pub url: Option<String>,
}

/// One pillar of the index.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pillar {
    /// Its key in a profile file (`capacity_development`).
    pub key: String,
    /// Its short name (`Capacity Development`).
    pub name: String,
    /// Its name on the ITU's profile (`Capacity Development Measures`).
    pub title: String,
    /// The highest score.
    pub max: f64,
}

/// The overall score of an edition.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Overall {
    /// The highest score (100, or 1 in the early editions).
    pub max: f64,
    /// Whether it is the sum of the pillar scores.
    pub sum_of_pillars: bool,
}

/// How an edition places countries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Ranking {
    /// By rank (1 is best; ties share a rank).
    Ranks,
    /// In tiers of overall score.
    Tiers,
    /// Neither.
    None,
}

impl Ranking {
    /// Its name in the edition file (`tiers`, `ranks`, `none`), which
    /// templates also read.
    pub fn as_str(self) -> &'static str {
        match self {
            Ranking::Tiers => "tiers",
            Ranking::Ranks => "ranks",
            Ranking::None => "none",
        }
    }
}

/// A tier of an edition.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tier {
    /// 1 (best) to 5.
    pub tier: u8,
    /// `Role-modelling`.
    pub name: String,
    /// The lowest overall score of the tier.
    pub min: f64,
    /// A caveat about the tier's definition, where its source is weaker.
    #[serde(default)]
    pub note: Option<String>,
}

impl Tier {
    /// `Tier 1: Role-modelling`, as every document and page names a tier.
    pub fn label(&self) -> String {
        format!("Tier {}: {}", self.tier, self.name)
    }
}

/// How far a score may be from a threshold or a sum and still be read as
/// the same number: the published figures have two decimals, and five
/// rounded pillars can sum to 0.025 away from their rounded total.
pub const ROUNDING: f64 = 0.03;

impl ScoredEdition {
    /// The overall score of a profile of this edition: the one it states,
    /// else the sum of its pillars where the edition's overall is their sum
    /// (and the profile gives every pillar).
    pub fn overall_of(&self, profile: &ScoredProfile) -> Option<f64> {
        profile.scores.overall.or_else(|| {
            (self.overall.sum_of_pillars && !self.pillars.is_empty())
                .then(|| self.pillars.iter().map(|p| profile.pillar(&p.key)).sum())
                .flatten()
        })
    }

    /// Reads an edition from its YAML text and checks it is coherent.
    pub fn from_yaml(text: &str) -> Result<Self, String> {
        let mut edition: ScoredEdition =
            crate::load::from_yaml_str(text).map_err(|e| e.to_string())?;
        edition.check()?;
        edition.year = edition
            .id
            .rsplit('-')
            .next()
            .and_then(|y| y.parse().ok())
            .ok_or_else(|| format!("the identifier `{}` does not end in a year", edition.id))?;
        Ok(edition)
    }

    fn check(&self) -> Result<(), String> {
        if self.kind != "scored" {
            return Err(format!("kind `{}` is not `scored`", self.kind));
        }
        let mut keys = Vec::new();
        for pillar in &self.pillars {
            if keys.contains(&pillar.key.as_str()) {
                return Err(format!("pillar `{}` is listed twice", pillar.key));
            }
            // Also refuses NaN, which a YAML `.nan` would give.
            if pillar.max.partial_cmp(&0.0) != Some(std::cmp::Ordering::Greater) {
                return Err(format!("pillar `{}` has no positive maximum", pillar.key));
            }
            keys.push(&pillar.key);
        }
        if self.overall.sum_of_pillars {
            let sum: f64 = self.pillars.iter().map(|p| p.max).sum();
            if (sum - self.overall.max).abs() > f64::EPSILON {
                return Err(format!(
                    "the overall maximum {} is not the sum of the pillars' maxima {sum}",
                    self.overall.max
                ));
            }
        }
        match self.ranking {
            Ranking::Tiers if self.tiers.is_empty() => {
                return Err("`ranking: tiers` needs `tiers`".to_owned());
            }
            Ranking::Ranks | Ranking::None if !self.tiers.is_empty() => {
                return Err("`tiers` are given but `ranking` is not `tiers`".to_owned());
            }
            _ => {}
        }
        for pair in self.tiers.windows(2) {
            if pair[1].tier != pair[0].tier + 1 || pair[1].min >= pair[0].min {
                return Err(
                    "tiers must be listed best first, numbered in order, with falling floors"
                        .to_owned(),
                );
            }
        }
        if self.tiers.last().is_some_and(|t| t.min > 0.0) {
            return Err("the last tier must start at 0".to_owned());
        }
        Ok(())
    }

    /// The pillar with this key.
    pub fn pillar(&self, key: &str) -> Option<&Pillar> {
        self.pillars.iter().find(|p| p.key == key)
    }

    /// The tier an overall score falls in.
    pub fn tier_of(&self, overall: f64) -> Option<&Tier> {
        self.tiers.iter().find(|t| overall >= t.min)
    }

    /// The tiers an overall score may be read as in, allowing for rounding
    /// at a threshold (a score printed as 95.00 may be 94.996 in the data).
    pub fn tiers_near(&self, overall: f64) -> Vec<u8> {
        let mut tiers: Vec<u8> = [overall - ROUNDING, overall, overall + ROUNDING]
            .iter()
            .filter_map(|&score| self.tier_of(score).map(|t| t.tier))
            .collect();
        tiers.dedup();
        tiers
    }

    /// The tier with this number.
    pub fn tier(&self, number: u8) -> Option<&Tier> {
        self.tiers.iter().find(|t| t.tier == number)
    }

    /// The anchor of a pillar in documents and pages (`capacity-development`).
    pub fn pillar_anchor(&self, key: &str) -> String {
        slug(key)
    }
}

/// How the pillars of one edition correspond to those of another.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Crosswalk {
    /// The older edition.
    pub from: String,
    /// The newer edition.
    pub to: String,
    /// Pillar key in `from` → pillar key in `to`.
    pub pillars: std::collections::BTreeMap<String, String>,
}

impl Crosswalk {
    /// Reads a crosswalk from its YAML text.
    pub fn from_yaml(text: &str) -> Result<Self, String> {
        crate::load::from_yaml_str(text).map_err(|e| e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edition(id: &str) -> ScoredEdition {
        crate::schema::Catalogues::builtin()
            .unwrap()
            .scored(id)
            .unwrap()
            .clone()
    }

    #[test]
    fn the_2024_edition_has_five_pillars_of_20_and_five_tiers() {
        let gci = edition("gci-2024");
        assert_eq!(gci.year, 2024);
        assert_eq!(gci.pillars.len(), 5);
        assert!(gci.pillars.iter().all(|p| p.max == 20.0));
        assert_eq!(gci.ranking, Ranking::Tiers);
        let names: Vec<&str> = gci.tiers.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "Role-modelling",
                "Advancing",
                "Establishing",
                "Evolving",
                "Building"
            ]
        );
        assert!(gci.tier(4).and_then(|t| t.note.as_deref()).is_some());
    }

    #[test]
    fn tiers_follow_the_overall_score_with_rounding_at_the_thresholds() {
        let gci = edition("gci-2024");
        assert_eq!(gci.tier_of(96.82).map(|t| t.tier), Some(1));
        assert_eq!(gci.tier_of(95.0).map(|t| t.tier), Some(1));
        assert_eq!(gci.tier_of(94.99).map(|t| t.tier), Some(2));
        assert_eq!(gci.tier_of(19.99).map(|t| t.tier), Some(5));
        assert_eq!(gci.tier_of(0.0).map(|t| t.tier), Some(5));
        assert_eq!(gci.tiers_near(94.99), [2, 1]);
        assert_eq!(gci.tiers_near(60.0), [3]);
    }

    #[test]
    fn the_2020_edition_ranks_and_the_2018_edition_has_an_overall_score_only() {
        assert_eq!(edition("gci-2020").ranking, Ranking::Ranks);
        let early = edition("gci-2018");
        assert!(early.pillars.is_empty());
        assert_eq!(early.overall.max, 1.0);
        assert!(!early.overall.sum_of_pillars);
    }

    #[test]
    fn incoherent_editions_are_refused() {
        let text = crate::schema::EDITION_FILES
            .iter()
            .find(|(f, _)| *f == "gci-2024.yaml")
            .unwrap()
            .1;
        let bad = text.replace("  max: 100\n", "  max: 90\n");
        assert!(ScoredEdition::from_yaml(&bad).unwrap_err().contains("sum"));
        let bad = text.replace("ranking: tiers", "ranking: ranks");
        assert!(ScoredEdition::from_yaml(&bad).is_err());
        let bad = text.replace("    min: 85\n", "    min: 99\n");
        assert!(ScoredEdition::from_yaml(&bad).is_err());
    }
}
