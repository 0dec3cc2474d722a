//! Every rule a profile must follow, checked at once, every problem reported.
//!
//! | owns | must not |
//! | --- | --- |
//! | the [`Validator`] of a set of catalogues; [`Validator::validate`]: a profile's data → the profile, or every problem | read files, the clock or the environment (today is given); know YAML or positions |
//!
//! Validation runs in two parts over the JSON value that `load` produced:
//!
//! 1. **Shape** ([`shape`]), against the JSON Schema that `schema` generates
//!    from the model and the catalogues: unknown or missing fields and
//!    indicators, wrong types, bad statuses, out-of-range numbers,
//!    malformed codes.
//! 2. **Meaning** ([`rules`]), one function per rule, on what the schema
//!    cannot judge: real dates in range, existing ISO codes that agree,
//!    well-formed URLs, sources that exist, answers that carry what their
//!    standard sentence needs, and warnings for weak data.
//!
//! Only a value that passes both becomes a [`Profile`]. Diagnostics carry
//! JSON pointers, which [`crate::load::Document::locate`] turns into lines
//! and columns.

pub mod rules;
pub mod shape;

use std::collections::BTreeSet;
use std::sync::OnceLock;

use serde_json::Value;

use crate::diag::{Code, Diagnostic};
use crate::model::{AREA_KEYS, AnyProfile, Date, Profile, ScoredProfile};
use crate::schema::{CatalogueError, Catalogues};

/// What validating one profile gives: the profile if it is valid, and every
/// diagnostic (errors and warnings) found on the way.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// The profile, when there is no error.
    pub profile: Option<AnyProfile>,
    /// Every problem found, in the order of the file where possible.
    pub diagnostics: Vec<Diagnostic>,
}

/// Checks profiles against one set of catalogues. Its JSON Schema is
/// compiled once, when it is made, for those catalogues and no others.
pub struct Validator<'c> {
    catalogues: &'c Catalogues,
    shape: shape::Shape,
}

impl<'c> Validator<'c> {
    /// A validator for `catalogues`.
    pub fn new(catalogues: &'c Catalogues) -> Result<Self, CatalogueError> {
        let shape = shape::Shape::compile(catalogues).map_err(CatalogueError::Schema)?;
        Ok(Validator { catalogues, shape })
    }

    /// The validator of the built-in catalogues, made once per process.
    pub fn builtin() -> Result<&'static Validator<'static>, CatalogueError> {
        static BUILTIN: OnceLock<Result<Validator<'static>, CatalogueError>> = OnceLock::new();
        BUILTIN
            .get_or_init(|| Validator::new(Catalogues::builtin()?))
            .as_ref()
            .map_err(Clone::clone)
    }

    /// The catalogues this validator checks against.
    pub fn catalogues(&self) -> &'c Catalogues {
        self.catalogues
    }

    /// Validates a profile's data against its edition of the catalogue.
    pub fn validate(&self, value: &Value, today: Date) -> Outcome {
        let whole;
        let value = if has_whole_decimals(value) {
            whole = whole_numbers(value.clone());
            &whole
        } else {
            value
        };
        let mut diagnostics = self.shape.check(value, self.catalogues);
        // The rules of meaning run even when the shape is wrong, so one run
        // reports those problems too; a value whose form is already reported
        // is not judged again.
        let edition = value.get("schema_edition").and_then(Value::as_str);
        let input = rules::Input {
            value,
            catalogue: edition.and_then(|id| self.catalogues.get(id)),
            scored: edition.and_then(|id| self.catalogues.scored(id)),
            today,
        };
        let mut meaning = Vec::new();
        for (_, rule) in rules::RULES {
            rule(&input, &mut meaning);
        }
        // A shape error inside an indicator (a misspelled `sources`, say)
        // would make the rules misread it; the shape error says it all.
        let scopes: BTreeSet<String> = diagnostics
            .iter()
            .filter(|d| d.is_error())
            .filter_map(|d| d.path.as_deref().map(scope))
            .collect();
        meaning.retain(|d| {
            !d.path
                .as_deref()
                .is_some_and(|p| scopes.contains(&scope(p)))
        });
        diagnostics.extend(meaning);
        if diagnostics.iter().any(Diagnostic::is_error) {
            return Outcome {
                profile: None,
                diagnostics,
            };
        }
        let typed = match input.scored {
            Some(_) => {
                serde_json::from_value::<ScoredProfile>(value.clone()).map(AnyProfile::Scored)
            }
            None => serde_json::from_value::<Profile>(value.clone()).map(AnyProfile::Cyberwellness),
        };
        match typed {
            Ok(profile) => Outcome {
                profile: Some(profile),
                diagnostics,
            },
            Err(e) => {
                diagnostics.push(
                    Diagnostic::error(
                        Code::Internal,
                        format!("the profile passed every check but not the model: {e}"),
                    )
                    .with_hint("this is a defect in profilec; please report it with the file"),
                );
                Outcome {
                    profile: None,
                    diagnostics,
                }
            }
        }
    }
}

/// Whether `value` holds a number written with a decimal point or an
/// exponent whose value is whole (`2015.0`, `1e9`).
fn has_whole_decimals(value: &Value) -> bool {
    match value {
        Value::Number(n) => n.is_f64() && n.as_f64().is_some_and(is_whole),
        Value::Array(items) => items.iter().any(has_whole_decimals),
        Value::Object(map) => map.values().any(has_whole_decimals),
        _ => false,
    }
}

/// A float that is a whole number small enough to be one exactly.
fn is_whole(x: f64) -> bool {
    const EXACT: f64 = 9_007_199_254_740_992.0; // 2^53
    x.fract() == 0.0 && x.abs() <= EXACT
}

/// `value` with every whole decimal (`2015.0`, `1e9`) made an integer. The
/// JSON Schema counts them as integers, as its specification says, so the
/// rules and the model must read them as such too: a `u16` edition of
/// `2015.0` would otherwise pass every check and fail the model.
fn whole_numbers(value: Value) -> Value {
    match value {
        Value::Number(n) => match n.as_f64() {
            Some(x) if n.is_f64() && is_whole(x) => {
                // In range by `is_whole`: the casts are exact.
                if x < 0.0 {
                    Value::from(x as i64)
                } else {
                    Value::from(x as u64)
                }
            }
            _ => Value::Number(n),
        },
        Value::Array(items) => Value::Array(items.into_iter().map(whole_numbers).collect()),
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(key, item)| (key, whole_numbers(item)))
                .collect(),
        ),
        other => other,
    }
}

/// The part of a profile a problem belongs to: a whole indicator
/// (`/technical/cirt`), or else the value itself (`/country/alpha3`).
fn scope(pointer: &str) -> String {
    let parts: Vec<&str> = pointer.split('/').skip(1).collect();
    match parts.first() {
        Some(area) if AREA_KEYS.contains(area) => parts
            .iter()
            .take(2)
            .fold(String::new(), |acc, p| format!("{acc}/{p}")),
        _ => pointer.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn belgium() -> Value {
        let text = crate::common_test_profile();
        let document = crate::load::parse(crate::load::SourceFile::new("b.yaml", text))
            .expect("the shipped profile parses");
        document.value
    }

    fn today() -> Date {
        Date::new(2026, 1, 1).unwrap()
    }

    /// Issue 13, item 6: what the JSON Schema counts as an integer, the
    /// model reads; and a number too large for the model is out of range.
    #[test]
    fn whole_decimals_are_integers_and_huge_numbers_are_out_of_range() {
        let validator = Validator::builtin().unwrap();
        let mut value = belgium();
        value["edition"] = serde_json::json!(2015.0);
        value["background"]["population"]["value"] = serde_json::json!(1e7);
        let outcome = validator.validate(&value, today());
        let profile = outcome.profile.expect("whole decimals are valid");
        assert_eq!(profile.edition(), 2015);
        let profile = profile.cyberwellness().expect("a Cyberwellness Profile");
        assert_eq!(
            profile.background.population.as_ref().map(|p| p.value),
            Some(10_000_000)
        );

        for huge in [serde_json::json!(1e26), serde_json::json!(u64::MAX)] {
            let mut value = belgium();
            value["background"]["population"]["value"] = huge;
            let outcome = validator.validate(&value, today());
            assert!(outcome.profile.is_none());
            assert!(
                outcome
                    .diagnostics
                    .iter()
                    .any(|d| d.code == Code::OutOfRange
                        && d.path.as_deref() == Some("/background/population/value")),
                "{:?}",
                outcome.diagnostics
            );
            assert!(
                !outcome.diagnostics.iter().any(|d| d.code == Code::Internal),
                "{:?}",
                outcome.diagnostics
            );
        }
    }

    #[test]
    fn problems_are_scoped_to_their_indicator() {
        assert_eq!(scope("/technical/cirt/sources/0"), "/technical/cirt");
        assert_eq!(scope("/country/alpha3"), "/country/alpha3");
    }

    #[test]
    fn a_validator_checks_against_its_own_catalogues() {
        // A catalogue set with the 2015 edition under another name: profiles
        // of `cyberwellness-2015` are unknown to it, those of the renamed
        // edition are checked.
        let text = crate::schema::EDITION_FILES[0]
            .1
            .replace("id: cyberwellness-2015", "id: cyberwellness-test");
        let catalogues =
            Catalogues::from_files(&[("test.yaml", text.as_str())]).expect("a catalogue");
        let validator = Validator::new(&catalogues).expect("its schema compiles");
        let value = serde_json::json!({"schema_edition": "cyberwellness-2015"});
        let outcome = validator.validate(&value, Date::new(2026, 1, 1).unwrap());
        assert!(
            outcome
                .diagnostics
                .iter()
                .any(|d| d.code == Code::UnknownEdition),
            "{:?}",
            outcome.diagnostics
        );
        let value = serde_json::json!({"schema_edition": "cyberwellness-test"});
        let outcome = validator.validate(&value, Date::new(2026, 1, 1).unwrap());
        assert!(
            !outcome
                .diagnostics
                .iter()
                .any(|d| d.code == Code::UnknownEdition),
            "{:?}",
            outcome.diagnostics
        );
    }
}
