//! Differences between two GCI profiles: pillar by pillar, the overall
//! score, the rank or tier, the region and its averages.
//!
//! | owns | must not |
//! | --- | --- |
//! | comparing two scored profiles through the crosswalk between their editions; the [`ScoreReport`] every output form reads | word anything a template can word; read files |
//!
//! Two profiles of one edition compare pillar to pillar. Profiles of two
//! editions compare only through a crosswalk (`schema/crosswalks/*.yaml`),
//! which says which pillar of the old edition is which of the new: a later
//! edition that renames a pillar is a new crosswalk, not new code.

use serde::Serialize;

use super::{Change, CountryView, DiffError, FORMAT_VERSION};
use crate::model::ScoredProfile;
use crate::schema::{Catalogues, ScoredEdition};
use crate::wording::{and_list, count, round, two_decimals};

/// One side of a GCI comparison.
#[derive(Debug, Clone, Copy)]
pub struct ScoredInput<'a> {
    /// The file, as given.
    pub file: &'a str,
    /// The profile, validated.
    pub profile: &'a ScoredProfile,
}

/// What differs between two GCI profiles, ready to print.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScoreReport {
    /// The version of this structure (as for the indicator report).
    pub format_version: u32,
    /// `scores`: which kind of report this is.
    pub kind: &'static str,
    /// "Belgium: GCI 2020 → GCI 2024".
    pub title: String,
    /// The old profile.
    pub old: ScoredSide,
    /// The new profile.
    pub new: ScoredSide,
    /// Whether both are about one country.
    pub same_country: bool,
    /// Whether nothing compared differs.
    pub identical: bool,
    /// One line: what changed.
    pub summary: String,
    /// The country's name and codes.
    pub country: Change<CountryView>,
    /// Each pillar of the new edition, with the old edition's pillar it
    /// corresponds to.
    pub pillars: Vec<PillarChange>,
    /// The overall score.
    pub overall: ScoreChange,
    /// The rank, in editions that rank.
    pub rank: Change<Option<u32>>,
    /// The tier (`Tier 1: Role-modelling`), in editions with tiers.
    pub tier: Change<Option<String>>,
    /// The ITU-D region.
    pub region: Change<Option<String>>,
    /// The region's average per pillar (new edition's pillars).
    pub region_averages: Vec<PillarChange>,
    /// The world's average per pillar.
    pub world_averages: Vec<PillarChange>,
}

/// One GCI profile of the comparison.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScoredSide {
    /// Its file, as given.
    pub file: String,
    /// Its edition's identifier.
    pub edition: String,
    /// Its edition's short name (`GCI 2024`).
    pub edition_name: String,
    /// Its year.
    pub year: u16,
    /// Its last-updated date (`YYYY-MM-DD`).
    pub last_updated: String,
    /// Its country.
    pub country: CountryView,
}

/// A score in the old and the new profile.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScoreChange {
    /// The old score.
    pub old: Option<f64>,
    /// The new score.
    pub new: Option<f64>,
    /// The change (new − old), where both are known.
    pub change: Option<f64>,
    /// The old score, two decimals (`—` where unknown).
    pub old_text: String,
    /// The new score, two decimals.
    pub new_text: String,
    /// `+1.25`, `-0.50`, `0.00`, or `—`.
    pub change_text: String,
    /// Whether it changed (by more than rounding in the second decimal).
    pub changed: bool,
}

/// A pillar's score in the old and the new profile.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PillarChange {
    /// The new edition's pillar key.
    pub key: String,
    /// The old edition's pillar key it corresponds to.
    pub old_key: Option<String>,
    /// `Legal Measures`.
    pub title: String,
    /// The scores.
    #[serde(flatten)]
    pub score: ScoreChange,
}

impl ScoreChange {
    fn of(old: Option<f64>, new: Option<f64>) -> Self {
        let text = |v: Option<f64>| v.map_or_else(|| "\u{2014}".to_owned(), two_decimals);
        let change = old.zip(new).map(|(o, n)| round(n - o, 4));
        // Two decimals are what is published: a change that rounds away is none.
        let changed = match (old, new) {
            (Some(o), Some(n)) => two_decimals(o) != two_decimals(n),
            (None, None) => false,
            _ => true,
        };
        ScoreChange {
            old,
            new,
            change,
            old_text: text(old),
            new_text: text(new),
            change_text: change.map_or_else(
                || "\u{2014}".to_owned(),
                |c| {
                    let text = two_decimals(c);
                    if c > 0.0 && text != "0.00" {
                        format!("+{text}")
                    } else if text == "-0.00" {
                        "0.00".to_owned()
                    } else {
                        text
                    }
                },
            ),
            changed,
        }
    }
}

/// Compares two GCI profiles, of one edition or of two editions joined by a
/// crosswalk.
pub fn diff_scores(
    old: ScoredInput<'_>,
    new: ScoredInput<'_>,
    catalogues: &Catalogues,
) -> Result<ScoreReport, DiffError> {
    let edition = |input: &ScoredInput| {
        catalogues
            .scored(&input.profile.schema_edition)
            .ok_or_else(|| DiffError::UnknownEdition {
                file: input.file.to_owned(),
                edition: input.profile.schema_edition.clone(),
            })
    };
    let (old_edition, new_edition) = (edition(&old)?, edition(&new)?);
    // Pillar of the new edition → pillar of the old one.
    let pairs: Vec<(&str, Option<String>)> = if old_edition.id == new_edition.id {
        new_edition
            .pillars
            .iter()
            .map(|p| (p.key.as_str(), Some(p.key.clone())))
            .collect()
    } else {
        let crosswalk = catalogues
            .crosswalk(&old_edition.id, &new_edition.id)
            .ok_or_else(|| DiffError::EditionMismatch {
                old_file: old.file.to_owned(),
                old: old_edition.id.clone(),
                new_file: new.file.to_owned(),
                new: new_edition.id.clone(),
            })?;
        new_edition
            .pillars
            .iter()
            .map(|p| {
                let from = crosswalk
                    .pillars
                    .iter()
                    .find(|(_, to)| **to == p.key)
                    .map(|(from, _)| from.clone());
                (p.key.as_str(), from)
            })
            .collect()
    };
    let (a, b) = (old.profile, new.profile);
    let pillar_changes = |old_value: &dyn Fn(&str) -> Option<f64>,
                          new_value: &dyn Fn(&str) -> Option<f64>| {
        pairs
            .iter()
            .map(|(key, old_key)| PillarChange {
                key: (*key).to_owned(),
                old_key: old_key.clone(),
                title: new_edition
                    .pillar(key)
                    .map_or_else(|| (*key).to_owned(), |p| p.title.clone()),
                score: ScoreChange::of(old_key.as_deref().and_then(old_value), new_value(key)),
            })
            .collect::<Vec<_>>()
    };
    let pillars = pillar_changes(&|k| a.pillar(k), &|k| b.pillar(k));
    let average = |p: &ScoredProfile, region: bool, key: &str| {
        p.averages
            .as_ref()
            .map(|av| if region { &av.region } else { &av.world })
            .and_then(|av| av.pillars.get(key).copied())
    };
    let region_averages = pillar_changes(&|k| average(a, true, k), &|k| average(b, true, k));
    let world_averages = pillar_changes(&|k| average(a, false, k), &|k| average(b, false, k));
    let overall = ScoreChange::of(old_edition.overall_of(a), new_edition.overall_of(b));
    let tier = |p: &ScoredProfile, e: &ScoredEdition| {
        p.tier.map(|t| {
            e.tier(t)
                .map_or_else(|| format!("Tier {t}"), |tier| tier.label())
        })
    };
    let rank = Change::of(a.rank, b.rank);
    let tier = Change::of(tier(a, old_edition), tier(b, new_edition));
    let region = Change::of(a.region.clone(), b.region.clone());
    let country = Change::of(CountryView::from(&a.country), CountryView::from(&b.country));
    let same_country = a.country.alpha3 == b.country.alpha3;

    let changed_pillars: Vec<&PillarChange> = pillars.iter().filter(|p| p.score.changed).collect();
    let mut other = Vec::new();
    for (changed, what) in [
        (country.changed, "country"),
        (overall.changed, "overall score"),
        (rank.changed, "rank"),
        (tier.changed, "tier"),
        (region.changed, "region"),
    ] {
        if changed {
            other.push(what.to_owned());
        }
    }
    let identical = changed_pillars.is_empty() && other.is_empty();
    let summary = if identical {
        "no differences".to_owned()
    } else {
        let mut parts = Vec::new();
        if !pillars.is_empty() {
            parts.push(format!(
                "{} of {} changed",
                changed_pillars.len(),
                count(pillars.len(), "pillar", "pillars")
            ));
        }
        if !other.is_empty() {
            parts.push(format!("{} changed", and_list(&other)));
        }
        parts.join("; ")
    };
    let side = |input: &ScoredInput, edition: &ScoredEdition| ScoredSide {
        file: input.file.to_owned(),
        edition: edition.id.clone(),
        edition_name: edition.short_name.clone(),
        year: input.profile.edition,
        last_updated: input.profile.last_updated.to_string(),
        country: CountryView::from(&input.profile.country),
    };
    let title = if same_country {
        format!(
            "{}: {} \u{2192} {}",
            b.country.name, old_edition.short_name, new_edition.short_name
        )
    } else {
        format!(
            "{} ({}) compared with {} ({})",
            a.country.name, old_edition.short_name, b.country.name, new_edition.short_name
        )
    };
    Ok(ScoreReport {
        format_version: FORMAT_VERSION,
        kind: "scores",
        title,
        old: side(&old, old_edition),
        new: side(&new, new_edition),
        same_country,
        identical,
        summary,
        country,
        pillars,
        overall,
        rank,
        tier,
        region,
        region_averages,
        world_averages,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::AnyProfile;

    fn load(path: &str) -> ScoredProfile {
        let text =
            std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path))
                .unwrap();
        let checked = crate::check::check_source(
            crate::load::SourceFile::new(path, text),
            crate::validate::Validator::builtin().unwrap(),
            crate::model::Date::new(2026, 12, 31).unwrap(),
        );
        match checked.profile {
            Some(AnyProfile::Scored(p)) => p,
            _ => panic!("{path}: {:?}", checked.diagnostics),
        }
    }

    fn compare(old: &ScoredProfile, new: &ScoredProfile) -> Result<ScoreReport, DiffError> {
        diff_scores(
            ScoredInput {
                file: "old.yaml",
                profile: old,
            },
            ScoredInput {
                file: "new.yaml",
                profile: new,
            },
            Catalogues::builtin().unwrap(),
        )
    }

    #[test]
    fn belgium_2020_to_2024_through_the_crosswalk() {
        let old = load("profiles/gci/2020/bel.yaml");
        let new = load("profiles/gci/2024/bel.yaml");
        let report = compare(&old, &new).unwrap();
        assert_eq!(report.title, "Belgium: GCI 2020 \u{2192} GCI 2024");
        assert!(!report.identical);
        assert_eq!(report.pillars.len(), 5);
        let legal = &report.pillars[0];
        assert_eq!(legal.old_key.as_deref(), Some("legal"));
        assert_eq!(legal.score.new_text, "20.00");
        assert_eq!(report.overall.old_text, "96.25");
        assert_eq!(report.overall.new_text, "96.82");
        assert_eq!(report.overall.change_text, "+0.57");
        assert!(report.rank.old.is_some() && report.rank.new.is_none());
        assert_eq!(report.tier.new.as_deref(), Some("Tier 1: Role-modelling"));
        assert!(
            report.summary.contains("of 5 pillars changed"),
            "{}",
            report.summary
        );
    }

    #[test]
    fn a_profile_against_itself_has_no_differences() {
        let bel = load("profiles/gci/2024/bel.yaml");
        let report = compare(&bel, &bel).unwrap();
        assert!(report.identical);
        assert_eq!(report.summary, "no differences");
        assert!(report.pillars.iter().all(|p| p.score.change_text == "0.00"));
    }

    #[test]
    fn editions_without_a_crosswalk_are_refused() {
        let new = load("profiles/gci/2024/bel.yaml");
        let mut old = new.clone();
        old.schema_edition = "gci-2018".into();
        let error = compare(&old, &new).unwrap_err();
        assert!(matches!(error, DiffError::EditionMismatch { .. }));
    }

    #[test]
    fn a_change_that_rounds_away_is_none() {
        let c = ScoreChange::of(Some(19.193946), Some(19.19));
        assert!(!c.changed);
        assert_eq!(c.change_text, "0.00");
        let c = ScoreChange::of(Some(10.0), Some(9.5));
        assert!(c.changed);
        assert_eq!(c.change_text, "-0.50");
        let c = ScoreChange::of(None, Some(9.5));
        assert!(c.changed);
        assert_eq!(c.change_text, "\u{2014}");
    }
}
