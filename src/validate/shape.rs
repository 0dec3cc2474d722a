//! The shape of a profile: its fields, types and ranges, against the JSON
//! Schema that `schema` generates from the model and the catalogues.
//!
//! | owns | must not |
//! | --- | --- |
//! | compiling the JSON Schema once per set of catalogues ([`Shape`]); turning each violation the JSON Schema validator reports into a diagnostic with a stable code and a hint, one function per kind of violation | judge meaning (that is [`super::rules`]) |
//!
//! The validator returns every violation; each becomes one diagnostic that
//! says where (a JSON pointer), what is wrong, and how to fix it, with a
//! suggestion as data where a name looks like a typo.

use std::collections::BTreeSet;

use jsonschema::ValidationError;
use jsonschema::error::{TypeKind, ValidationErrorKind};
use serde_json::Value;

use crate::diag::{Code, Diagnostic};
use crate::load::escape_pointer;
use crate::schema::{Catalogue, Catalogues, Ranking, json_schema};

/// The JSON Schema of a set of catalogues, compiled.
pub struct Shape {
    schema: Value,
    validator: jsonschema::Validator,
}

impl Shape {
    /// Compiles the JSON Schema of `catalogues`.
    pub fn compile(catalogues: &Catalogues) -> Result<Self, String> {
        let schema = json_schema(catalogues);
        let validator = jsonschema::draft202012::options()
            .should_validate_formats(false)
            .build(&schema)
            .map_err(|e| format!("the JSON Schema of the catalogues does not compile: {e}"))?;
        Ok(Shape { schema, validator })
    }

    /// Every violation of the shape in `value`, as diagnostics.
    pub fn check(&self, value: &Value, catalogues: &Catalogues) -> Vec<Diagnostic> {
        // Most profiles are valid: the yes/no check is much cheaper than
        // collecting errors, so errors are only gathered when there are some.
        if self.validator.is_valid(value) {
            return Vec::new();
        }
        let mut diagnostics: Vec<Diagnostic> = self
            .validator
            .iter_errors(value)
            .flat_map(|error| diagnose(&error, value, &self.schema, catalogues))
            .collect();
        // An indicator is checked both by its area's generic rule and by its
        // edition's rule; the same finding twice is one problem.
        let mut seen = BTreeSet::new();
        diagnostics.retain(|d| seen.insert((d.code, d.path.clone(), d.message.clone())));
        drop_missing_explained_by_typos(&mut diagnostics);
        diagnostics
    }
}

/// Where a violation is, and what the profile holds there.
struct Place<'a> {
    pointer: String,
    segments: Vec<String>,
    /// The catalogue of the edition the profile names.
    catalogue: Option<&'a Catalogue>,
    /// The area, when the violation is directly in an area (an indicator key).
    area: Option<&'a crate::schema::AreaSpec>,
    /// The last segment: the field's name.
    field: String,
    /// "`status` of indicator 1.2.1 CIRT".
    words: String,
}

fn diagnose(
    error: &ValidationError<'_>,
    root: &Value,
    schema: &Value,
    catalogues: &Catalogues,
) -> Vec<Diagnostic> {
    let pointer = error.instance_path().as_str().to_owned();
    let segments: Vec<String> = segments(&pointer);
    let catalogue = root
        .get("schema_edition")
        .and_then(Value::as_str)
        .and_then(|id| catalogues.get(id));
    let area = (segments.len() == 1)
        .then(|| catalogue.and_then(|c| c.area(&segments[0])))
        .flatten();
    let field = segments.last().cloned().unwrap_or_default();
    let words = describe_place(&segments, catalogue);
    let place = Place {
        pointer,
        segments,
        catalogue,
        area,
        field,
        words,
    };
    let found = error.instance();
    match error.kind() {
        ValidationErrorKind::AdditionalProperties { unexpected } => unexpected
            .iter()
            .map(|key| unknown_key(&place, key, schema, root))
            .collect(),
        ValidationErrorKind::Required { property } => {
            vec![missing(&place, property.as_str().unwrap_or_default())]
        }
        ValidationErrorKind::Type { kind } => vec![wrong_type(&place, kind, found)],
        ValidationErrorKind::Enum { options } => vec![not_allowed(&place, options, found)],
        ValidationErrorKind::Minimum { limit }
        | ValidationErrorKind::Maximum { limit }
        | ValidationErrorKind::ExclusiveMinimum { limit }
        | ValidationErrorKind::ExclusiveMaximum { limit } => {
            let bound = match error.kind() {
                ValidationErrorKind::Minimum { .. } => "at least",
                ValidationErrorKind::Maximum { .. } => "at most",
                ValidationErrorKind::ExclusiveMinimum { .. } => "more than",
                _ => "less than",
            };
            vec![out_of_range(&place, bound, limit, found)]
        }
        ValidationErrorKind::Pattern { .. } => vec![bad_form(&place, found)],
        ValidationErrorKind::PropertyNames { error } => {
            let key = error.instance().as_str().unwrap_or_default().to_owned();
            vec![
                Diagnostic::error(Code::BadFormat, format!("`{key}` is not a valid identifier in {}", place.words))
                    .with_hint("use letters, digits, `.`, `_` and `-`, starting with a letter or digit, e.g. itu-2015")
                    .at_key(format!("{}/{}", place.pointer, escape_pointer(&key))),
            ]
        }
        ValidationErrorKind::MaxLength { limit } => vec![too_long(&place, *limit, found)],
        ValidationErrorKind::MinLength { .. } => vec![
            Diagnostic::error(Code::EmptyValue, format!("{} is empty", place.words))
                .with_hint(format!(
                    "write a value{}, or remove the line",
                    field_help(&place.field)
                ))
                .at(place.pointer.clone()),
        ],
        // The schema forbids a field outright: in the GCI, `rank` in an
        // edition of tiers, or `tier` in an edition of ranks.
        ValidationErrorKind::FalseSchema => {
            let edition = root
                .get("schema_edition")
                .and_then(Value::as_str)
                .unwrap_or_default();
            let how = match catalogues.scored(edition).map(|e| e.ranking) {
                Some(Ranking::Tiers) => "places countries in tiers (`tier`), not ranks",
                Some(Ranking::Ranks) => "ranks countries (`rank`), it has no tiers",
                _ => "neither ranks countries nor places them in tiers",
            };
            vec![
                Diagnostic::error(
                    Code::UnknownField,
                    format!("`{}` is not given in {edition} profiles", place.field),
                )
                .with_hint(format!("remove it: this edition {how}"))
                .at_key(place.pointer.clone()),
            ]
        }
        _ => vec![
            Diagnostic::error(Code::BadValue, format!("{}: {error}", place.words))
                .with_hint("see the JSON Schema (`profilec schema`) for what this field accepts")
                .at(place.pointer.clone()),
        ],
    }
}

/// A key the schema does not allow here: an unknown indicator of an area,
/// or an unknown field.
fn unknown_key(place: &Place, key: &str, schema: &Value, root: &Value) -> Diagnostic {
    let candidates = allowed_keys(schema, root, &place.segments);
    let key_pointer = format!("{}/{}", place.pointer, escape_pointer(key));
    let best = suggest(key, &candidates);
    match (place.area, place.catalogue) {
        (Some(area), Some(catalogue)) => {
            let diagnostic = Diagnostic::error(
                Code::UnknownIndicator,
                format!(
                    "`{key}` is not an indicator of `{}` in the {} edition",
                    area.key, catalogue.id
                ),
            )
            .at_key(key_pointer);
            match best {
                Some(best) => {
                    let heading = catalogue
                        .indicator(&area.key, &best)
                        .map(|i| format!(" ({})", i.numbered_heading()))
                        .unwrap_or_default();
                    let hint = format!("did you mean `{best}`{heading}?");
                    diagnostic.with_suggestion(best).with_hint(hint)
                }
                None => diagnostic.with_hint(format!(
                    "the indicators of `{}` are: {}",
                    area.key,
                    candidates.join(", ")
                )),
            }
        }
        _ => {
            let diagnostic = Diagnostic::error(
                Code::UnknownField,
                format!("unknown field `{key}` in {}", place.words),
            )
            .at_key(key_pointer);
            match best {
                Some(best) => diagnostic.with_suggestion(best),
                None => {
                    diagnostic.with_hint(format!("the fields here are: {}", candidates.join(", ")))
                }
            }
        }
    }
}

/// A required field, or an indicator of the edition, is absent.
fn missing(place: &Place, property: &str) -> Diagnostic {
    let diagnostic = match (place.area, place.catalogue) {
        (Some(area), Some(catalogue)) => {
            let name = catalogue
                .indicator(&area.key, property)
                .map(|i| i.numbered_heading())
                .unwrap_or_else(|| property.to_owned());
            Diagnostic::error(
                Code::MissingIndicator,
                format!("indicator {name} (`{property}`) is missing from `{}`", area.key),
            )
            .with_hint(format!(
                "add `{property}:` under `{}`; where the sources say nothing about it, write `status: unknown`",
                area.key
            ))
        }
        _ => Diagnostic::error(
            Code::MissingField,
            format!(
                "{} has no `{property}` field, which is required",
                place.words
            ),
        )
        .with_hint(format!("add `{property}: …`{}", field_help(property))),
    };
    // Point at the key of the mapping the field is missing from.
    if place.pointer.is_empty() {
        diagnostic.at(place.pointer.clone())
    } else {
        diagnostic.at_key(place.pointer.clone())
    }
    .missing(property)
}

/// A value of the wrong type.
fn wrong_type(place: &Place, kind: &TypeKind, found: &Value) -> Diagnostic {
    let expected = match kind {
        TypeKind::Single(t) => article(&t.to_string()),
        TypeKind::Multiple(set) => set
            .iter()
            .map(|t| article(&t.to_string()))
            .collect::<Vec<_>>()
            .join(" or "),
    };
    let actual = json_kind(found);
    let field = place.field.as_str();
    let hint = match found {
        Value::Null => "write a value after the colon, or remove the line".to_owned(),
        Value::Number(_) | Value::Bool(_) if expected.contains("string") => {
            "put the value in quotes to make it text".to_owned()
        }
        Value::String(_) if expected.contains("array") => {
            format!("write a list: `{field}: [\"…\"]`")
        }
        _ => format!("write {expected} here{}", field_help(field)),
    };
    Diagnostic::error(
        Code::WrongType,
        format!("{} should be {expected}, not {actual}", place.words),
    )
    .with_hint(hint)
    .at(place.pointer.clone())
}

/// A value outside its allowed set: a status, an edition, or another word.
fn not_allowed(place: &Place, options: &Value, found: &Value) -> Diagnostic {
    let allowed: Vec<String> = options
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    let shown = found
        .as_str()
        .map_or_else(|| found.to_string(), str::to_owned);
    let suggestion = suggest(&shown, &allowed);
    let parent = place
        .segments
        .len()
        .checked_sub(2)
        .and_then(|i| place.segments.get(i))
        .map(String::as_str);
    let (code, message) = match place.field.as_str() {
        _ if matches!(parent, Some("strengths" | "growth")) => (
            Code::BadValue,
            format!("`{shown}` is not a pillar of this edition"),
        ),
        "status" => (Code::BadStatus, format!("`{shown}` is not a status")),
        "schema_edition" => (
            Code::UnknownEdition,
            format!("`{shown}` is not an edition profilec knows"),
        ),
        _ => (
            Code::BadValue,
            format!("`{shown}` is not allowed in {}", place.words),
        ),
    };
    let hint = format!(
        "{}use one of: {}",
        suggestion
            .as_deref()
            .map(|s| format!("did you mean `{s}`? "))
            .unwrap_or_default(),
        allowed.join(", ")
    );
    let diagnostic = Diagnostic::error(code, message).at(place.pointer.clone());
    match suggestion {
        Some(best) => diagnostic.with_suggestion(best),
        None => diagnostic,
    }
    .with_hint(hint)
}

/// A number outside its range.
fn out_of_range(place: &Place, bound: &str, limit: &Value, found: &Value) -> Diagnostic {
    let hint = match place.field.as_str() {
        "value" => {
            "a population is a whole number from 1 to 10 billion (10000000000), e.g. 10788000"
                .to_owned()
        }
        "percent" => "a percentage lies between 0 and 100, e.g. 82.17".to_owned(),
        "edition" => "the edition is the year of the profile, e.g. 2015".to_owned(),
        "as_of" | "date" => "write a year such as 2012, or a date such as 2012-12".to_owned(),
        _ => format!("use a value {bound} {limit}"),
    };
    Diagnostic::error(
        Code::OutOfRange,
        format!(
            "{found} is out of range for {}: it must be {bound} {limit}",
            place.words
        ),
    )
    .with_hint(hint)
    .at(place.pointer.clone())
}

/// A text longer than its field allows. The message gives its length, not
/// the text: it can be thousands of characters long.
fn too_long(place: &Place, limit: u64, found: &Value) -> Diagnostic {
    let length = found.as_str().map_or(0, |s| s.chars().count());
    let hint = match place.field.as_str() {
        "name" => format!(
            "write the country's name as it is usually printed, e.g. Belgium; the longest names are under 60 characters, and {limit} is the most a profile may give"
        ),
        _ => format!("shorten it to at most {limit} characters"),
    };
    Diagnostic::error(
        Code::OutOfRange,
        format!(
            "{} is {length} characters long: it must be at most {limit}",
            place.words
        ),
    )
    .with_hint(hint)
    .at(place.pointer.clone())
}

/// A value of the wrong form: a code, a date, an identifier.
fn bad_form(place: &Place, found: &Value) -> Diagnostic {
    let text = found.as_str().unwrap_or_default();
    let (code, message, hint) = match place.field.as_str() {
        "alpha2" => (
            Code::BadCountryCode,
            format!("`{text}` is not an ISO 3166-1 alpha-2 code"),
            "write two capital letters, e.g. BE for Belgium".to_owned(),
        ),
        "alpha3" => (
            Code::BadCountryCode,
            format!("`{text}` is not an ISO 3166-1 alpha-3 code"),
            "write three capital letters, e.g. BEL for Belgium".to_owned(),
        ),
        "last_updated" => (
            Code::BadDate,
            format!("`{text}` is not a date in the form YYYY-MM-DD"),
            "write the date as year-month-day, e.g. 2015-02-02".to_owned(),
        ),
        "as_of" | "date" | "not_before" => (
            Code::BadDate,
            format!("`{text}` is not a date in the form YYYY, YYYY-MM or YYYY-MM-DD"),
            "write e.g. 2012, 2012-12 or 2012-12-31".to_owned(),
        ),
        _ => (
            Code::BadFormat,
            format!("`{text}` is not a valid source identifier"),
            "use letters, digits, `.`, `_` and `-`, starting with a letter or digit, e.g. itu-2015"
                .to_owned(),
        ),
    };
    Diagnostic::error(code, message)
        .with_hint(hint)
        .at(place.pointer.clone())
}

/// `alpha_2:` is both an unknown field and a missing `alpha2`; the
/// suggestion on the unknown field already says what to do, so the missing
/// one is dropped.
fn drop_missing_explained_by_typos(diagnostics: &mut Vec<Diagnostic>) {
    let typos: Vec<(String, String)> = diagnostics
        .iter()
        .filter(|d| matches!(d.code, Code::UnknownField | Code::UnknownIndicator))
        .filter_map(|d| {
            let path = d.path.as_deref()?;
            let parent = &path[..path.rfind('/')?];
            Some((parent.to_owned(), d.suggestion.clone()?))
        })
        .collect();
    diagnostics.retain(|d| {
        !matches!(d.code, Code::MissingField | Code::MissingIndicator)
            || !typos.iter().any(|(parent, field)| {
                d.path.as_deref() == Some(parent.as_str()) && d.missing.as_deref() == Some(field)
            })
    });
}

pub(super) fn segments(pointer: &str) -> Vec<String> {
    pointer
        .split('/')
        .skip(1)
        .map(|s| s.replace("~1", "/").replace("~0", "~"))
        .collect()
}

/// "indicator 1.2.1 CIRT", "`country`", "the profile": where a problem is, in words.
pub(super) fn describe_place(segments: &[String], catalogue: Option<&Catalogue>) -> String {
    match segments {
        [] => "the profile".to_owned(),
        [area, key, rest @ ..] if catalogue.and_then(|c| c.indicator(area, key)).is_some() => {
            let spec = catalogue.and_then(|c| c.indicator(area, key));
            let name = spec.map(|i| i.numbered_heading()).unwrap_or_default();
            match rest.first() {
                Some(field) => format!("`{field}` of indicator {name}"),
                None => format!("indicator {name}"),
            }
        }
        [.., last] if last.chars().all(|c| c.is_ascii_digit()) && segments.len() >= 2 => {
            format!("item {} of `{}`", last, segments[segments.len() - 2])
        }
        _ => format!("`{}`", segments.join(".")),
    }
}

fn field_help(field: &str) -> &'static str {
    match field {
        "schema_edition" => " (e.g. `cyberwellness-2015`)",
        "edition" => " (the year of the profile, e.g. 2015)",
        "last_updated" => " (a date such as 2015-02-02)",
        "as_of" => " (e.g. 2012-12)",
        "status" => " (yes, partial, no or unknown)",
        "alpha2" => " (e.g. BE)",
        "alpha3" => " (e.g. BEL)",
        "title" => " (the document's title)",
        "source" => " (who published the figure)",
        "publisher" => {
            " (who compiled the profile; `International Telecommunication Union (ITU)` only for the ITU's own documents)"
        }
        _ => "",
    }
}

fn article(kind: &str) -> String {
    match kind {
        "object" => "a mapping".to_owned(),
        "array" => "a list".to_owned(),
        "string" => "a string".to_owned(),
        "integer" => "a whole number".to_owned(),
        "number" => "a number".to_owned(),
        "boolean" => "true or false".to_owned(),
        other => other.to_owned(),
    }
}

fn json_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "empty",
        Value::Bool(_) => "true/false",
        Value::Number(n) if n.is_f64() => "a decimal number",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "a mapping",
    }
}

/// The property names the schema allows at `segments` in `root`, following
/// `$ref`, `additionalProperties` and the edition rules under `allOf`.
fn allowed_keys(schema: &Value, root: &Value, segments: &[String]) -> Vec<String> {
    let mut current: Vec<&Value> = vec![schema];
    let mut instance = Some(root);
    for segment in segments {
        let mut next = Vec::new();
        for node in expand(schema, &current, instance) {
            if let Some(child) = node.get("properties").and_then(|p| p.get(segment.as_str())) {
                next.push(child);
            } else if let Some(child) = node.get("additionalProperties").filter(|a| a.is_object()) {
                next.push(child);
            }
        }
        current = next;
        instance = instance.and_then(|v| v.get(segment.as_str()));
    }
    let mut keys = BTreeSet::new();
    for node in expand(schema, &current, instance) {
        if let Some(properties) = node.get("properties").and_then(Value::as_object) {
            keys.extend(properties.keys().cloned());
        }
    }
    keys.into_iter().collect()
}

/// The schemas in `nodes`, with `$ref`s resolved and the `then` of every
/// `allOf`/`if` whose condition (`const` or `enum` of a property) the
/// instance meets, themselves expanded: the kind of profile is chosen by
/// such a rule, and each edition adds its own.
fn expand<'a>(schema: &'a Value, nodes: &[&'a Value], instance: Option<&Value>) -> Vec<&'a Value> {
    let mut out: Vec<&'a Value> = Vec::new();
    let mut pending: Vec<&'a Value> = nodes.iter().rev().copied().collect();
    while let Some(node) = pending.pop() {
        // Schemas are finite trees with references; a bound keeps a
        // reference cycle from looping.
        if out.len() > 64 {
            break;
        }
        let node = match node.get("$ref").and_then(Value::as_str) {
            Some(reference) => reference
                .strip_prefix('#')
                .and_then(|p| schema.pointer(p))
                .unwrap_or(node),
            None => node,
        };
        out.push(node);
        let rules = node.get("allOf").and_then(Value::as_array);
        for rule in rules.into_iter().flatten().rev() {
            let holds = rule
                .pointer("/if/properties")
                .and_then(Value::as_object)
                .is_some_and(|conditions| {
                    conditions.iter().all(|(key, condition)| {
                        let value = instance.and_then(|i| i.get(key));
                        match (condition.get("const"), condition.get("enum")) {
                            (Some(expected), _) => value == Some(expected),
                            (None, Some(Value::Array(allowed))) => {
                                value.is_some_and(|v| allowed.contains(v))
                            }
                            _ => false,
                        }
                    })
                });
            if holds && let Some(then) = rule.get("then") {
                pending.push(then);
            }
        }
    }
    out
}

/// The candidate closest to `word`, if it is close enough to be a likely typo.
pub fn suggest(word: &str, candidates: &[impl AsRef<str>]) -> Option<String> {
    let word_lower = word.to_lowercase();
    candidates
        .iter()
        .map(|c| {
            (
                strsim::jaro_winkler(&word_lower, &c.as_ref().to_lowercase()),
                c.as_ref(),
            )
        })
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions_catch_typos_only() {
        let fields = ["status", "instruments", "agencies", "text", "sources"];
        assert_eq!(suggest("sourcse", &fields).as_deref(), Some("sources"));
        assert_eq!(suggest("Status", &fields).as_deref(), Some("status"));
        assert_eq!(suggest("agency", &fields).as_deref(), Some("agencies"));
        assert_eq!(suggest("zebra", &fields), None);
    }

    #[test]
    fn places_are_described_in_words() {
        let catalogues = Catalogues::builtin().unwrap();
        let catalogue = catalogues.get("cyberwellness-2015");
        let seg = |p: &str| segments(p);
        assert_eq!(describe_place(&seg(""), catalogue), "the profile");
        assert_eq!(
            describe_place(&seg("/technical/cirt/status"), catalogue),
            "`status` of indicator 1.2.1 CIRT"
        );
        assert_eq!(
            describe_place(&seg("/country/alpha2"), catalogue),
            "`country.alpha2`"
        );
        assert_eq!(
            describe_place(&seg("/legal/criminal_legislation/instruments/0"), catalogue),
            "`instruments` of indicator 1.1.1 CRIMINAL LEGISLATION"
        );
    }

    fn check(value: Value) -> Vec<Diagnostic> {
        let catalogues = Catalogues::builtin().unwrap();
        Shape::compile(catalogues)
            .unwrap()
            .check(&value, catalogues)
    }

    #[test]
    fn a_misspelled_field_is_one_problem_with_its_suggestion_as_data() {
        let found = check(serde_json::json!({
            "schema_edition": "cyberwellness-2015",
            "country": {"name": "Belgium", "alpha_2": "BE", "alpha3": "BEL"},
        }));
        let typo = found
            .iter()
            .find(|d| d.path.as_deref() == Some("/country/alpha_2"))
            .expect("the misspelled field");
        assert_eq!(typo.code, Code::UnknownField);
        assert_eq!(typo.suggestion.as_deref(), Some("alpha2"));
        assert!(
            !found
                .iter()
                .any(|d| d.code == Code::MissingField && d.path.as_deref() == Some("/country")),
            "{found:?}"
        );
    }
}
