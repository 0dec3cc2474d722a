//! Every rule a profile must follow, checked at once, every problem reported.
//!
//! Validation runs in two passes over the JSON value that `load` produced:
//!
//! 1. **Shape**, against the JSON Schema that `schema` generates from the
//!    model and the catalogue: unknown or missing fields and indicators, wrong
//!    types, bad statuses, out-of-range numbers, malformed codes. The
//!    JSON Schema validator returns every violation, which this module turns
//!    into diagnostics with a stable code and a hint ("did you mean …?").
//! 2. **Meaning**, on values the schema cannot judge: real calendar dates not
//!    in the future, existing ISO codes that agree, well-formed URLs, sources
//!    that exist, answers that carry what their standard sentence needs, and
//!    warnings for weak data.
//!
//! Only a value that passes both becomes a [`Profile`]. The module is pure:
//! today's date is given, and diagnostics carry JSON pointers, which
//! [`crate::load::Document::locate`] turns into lines and columns.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use jsonschema::error::{TypeKind, ValidationErrorKind};
use serde_json::Value;

use crate::diag::{Code, Diagnostic};
use crate::load::escape_pointer;
use crate::model::{AREA_KEYS, Date, PartialDate, Profile};
use crate::schema::{
    Catalogue, Catalogues, NamedList, country_by_alpha2, country_by_alpha3, json_schema,
};

/// What validating one profile gives: the profile if it is valid, and every
/// diagnostic (errors and warnings) found on the way.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// The profile, when there is no error.
    pub profile: Option<Profile>,
    /// Every problem found, in the order of the file where possible.
    pub diagnostics: Vec<Diagnostic>,
}

/// Validates a profile's data against its edition of the catalogue.
pub fn validate(value: &Value, catalogues: &Catalogues, today: Date) -> Outcome {
    let mut diagnostics: Vec<Diagnostic> = match shape_validator(catalogues) {
        // Most profiles are valid: the yes/no check is much cheaper than
        // collecting errors, so errors are only gathered when there are some.
        Ok((_, validator)) if validator.is_valid(value) => Vec::new(),
        Ok((schema, validator)) => validator
            .iter_errors(value)
            .flat_map(|error| shape_diagnostics(&error, value, schema, catalogues))
            .collect(),
        Err(message) => vec![Diagnostic::error(Code::Internal, message)],
    };
    // An indicator is checked both by its area's generic rule and by its
    // edition's rule; the same finding twice is one problem.
    let mut seen = BTreeSet::new();
    diagnostics.retain(|d| seen.insert((d.code, d.path.clone(), d.message.clone())));
    drop_missing_explained_by_typos(&mut diagnostics);
    // Dates and the rules of meaning run even when the shape is wrong, so
    // one run reports those problems too; a value whose form is already
    // reported is not judged again.
    let mut meaning = Vec::new();
    check_dates(value, today, &mut meaning);
    check_meaning(value, catalogues, &mut meaning);
    // A shape error inside an indicator (a misspelled `sources`, say) would
    // make the meaning rules misread it; the shape error says it all.
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
    match serde_json::from_value::<Profile>(value.clone()) {
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

type ShapeValidator = (Value, jsonschema::Validator);

fn shape_validator(
    catalogues: &Catalogues,
) -> Result<&'static (Value, jsonschema::Validator), String> {
    static VALIDATOR: OnceLock<Result<ShapeValidator, String>> = OnceLock::new();
    VALIDATOR
        .get_or_init(|| {
            let schema = json_schema(catalogues);
            let validator = jsonschema::draft202012::options()
                .should_validate_formats(false)
                .build(&schema)
                .map_err(|e| format!("the built-in JSON Schema does not compile: {e}"))?;
            Ok((schema, validator))
        })
        .as_ref()
        .map_err(Clone::clone)
}

// ---------------------------------------------------------------------------
// Shape: JSON Schema violations as diagnostics.

fn shape_diagnostics(
    error: &jsonschema::ValidationError<'_>,
    root: &Value,
    schema: &Value,
    catalogues: &Catalogues,
) -> Vec<Diagnostic> {
    let pointer = error.instance_path().as_str().to_owned();
    let segments: Vec<String> = segments(&pointer);
    let found = error.instance();
    let edition = root.get("schema_edition").and_then(Value::as_str);
    let catalogue = edition.and_then(|id| catalogues.get(id));
    let area = (segments.len() == 1)
        .then(|| catalogue.and_then(|c| c.area(&segments[0])))
        .flatten();
    let field = segments.last().map(String::as_str).unwrap_or("");
    let place = describe_place(&segments, catalogue);

    match error.kind() {
        ValidationErrorKind::AdditionalProperties { unexpected } => unexpected
            .iter()
            .map(|key| {
                let candidates = allowed_keys(schema, root, &segments);
                let key_pointer = format!("{pointer}/{}", escape_pointer(key));
                match (area, catalogue) {
                    (Some(area), Some(catalogue)) => {
                        let hint = match suggest(key, &candidates) {
                            Some(best) => {
                                let heading = catalogue
                                    .indicator(&area.key, &best)
                                    .map(|i| format!(" ({} {})", i.number, i.heading))
                                    .unwrap_or_default();
                                format!("did you mean `{best}`{heading}?")
                            }
                            None => format!(
                                "the indicators of `{}` are: {}",
                                area.key,
                                candidates.join(", ")
                            ),
                        };
                        Diagnostic::error(
                            Code::UnknownIndicator,
                            format!(
                                "`{key}` is not an indicator of `{}` in the {} edition",
                                area.key, catalogue.id
                            ),
                        )
                        .with_hint(hint)
                        .at_key(key_pointer)
                    }
                    _ => {
                        let hint = match suggest(key, &candidates) {
                            Some(best) => format!("did you mean `{best}`?"),
                            None => format!("the fields here are: {}", candidates.join(", ")),
                        };
                        Diagnostic::error(
                            Code::UnknownField,
                            format!("unknown field `{key}` in {place}"),
                        )
                        .with_hint(hint)
                        .at_key(key_pointer)
                    }
                }
            })
            .collect(),
        ValidationErrorKind::Required { property } => {
            let property = property.as_str().unwrap_or_default();
            let diagnostic = match (area, catalogue) {
                (Some(area), Some(catalogue)) => {
                    let name = catalogue
                        .indicator(&area.key, property)
                        .map(|i| format!("{} {}", i.number, i.heading))
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
                    format!("{place} has no `{property}` field, which is required"),
                )
                .with_hint(format!("add `{property}: …`{}", field_help(property))),
            };
            // Point at the key of the mapping the field is missing from.
            vec![if pointer.is_empty() {
                diagnostic.at(pointer)
            } else {
                diagnostic.at_key(pointer)
            }]
        }
        ValidationErrorKind::Type { kind } => {
            let expected = match kind {
                TypeKind::Single(t) => article(&t.to_string()),
                TypeKind::Multiple(set) => set
                    .iter()
                    .map(|t| article(&t.to_string()))
                    .collect::<Vec<_>>()
                    .join(" or "),
            };
            let actual = json_kind(found);
            let hint = match found.as_ref() {
                Value::Null => "write a value after the colon, or remove the line".to_owned(),
                Value::Number(_) | Value::Bool(_) if expected.contains("string") => {
                    "put the value in quotes to make it text".to_owned()
                }
                Value::String(_) if expected.contains("array") => {
                    format!("write a list: `{field}: [\"…\"]`")
                }
                _ => format!("write {expected} here{}", field_help(field)),
            };
            vec![
                Diagnostic::error(
                    Code::WrongType,
                    format!("{place} should be {expected}, not {actual}"),
                )
                .with_hint(hint)
                .at(pointer),
            ]
        }
        ValidationErrorKind::Enum { options } => {
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
            let suggestion = suggest(&shown, &allowed)
                .map(|s| format!("did you mean `{s}`? "))
                .unwrap_or_default();
            let (code, message) = match field {
                "status" => (Code::BadStatus, format!("`{shown}` is not a status")),
                "schema_edition" => (
                    Code::UnknownEdition,
                    format!("`{shown}` is not an edition profilec knows"),
                ),
                _ => (
                    Code::BadValue,
                    format!("`{shown}` is not allowed in {place}"),
                ),
            };
            vec![
                Diagnostic::error(code, message)
                    .with_hint(format!("{suggestion}use one of: {}", allowed.join(", ")))
                    .at(pointer),
            ]
        }
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
            let hint = match field {
                "value" => "a population is a positive whole number, e.g. 10788000".to_owned(),
                "percent" => "a percentage lies between 0 and 100, e.g. 82.17".to_owned(),
                "edition" => "the edition is the year of the profile, e.g. 2015".to_owned(),
                "as_of" | "date" => {
                    "write a year such as 2012, or a date such as 2012-12".to_owned()
                }
                _ => format!("use a value {bound} {limit}"),
            };
            vec![
                Diagnostic::error(
                    Code::OutOfRange,
                    format!("{found} is out of range for {place}: it must be {bound} {limit}"),
                )
                .with_hint(hint)
                .at(pointer),
            ]
        }
        ValidationErrorKind::Pattern { .. } => {
            let text = found.as_str().unwrap_or_default();
            let (code, message, hint) = match field {
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
                "as_of" | "date" => (
                    Code::BadDate,
                    format!("`{text}` is not a date in the form YYYY, YYYY-MM or YYYY-MM-DD"),
                    "write e.g. 2012, 2012-12 or 2012-12-31".to_owned(),
                ),
                _ => (
                    Code::BadFormat,
                    format!("`{text}` is not a valid source identifier"),
                    "use letters, digits, `.`, `_` and `-`, starting with a letter or digit, e.g. itu-2015".to_owned(),
                ),
            };
            vec![Diagnostic::error(code, message).with_hint(hint).at(pointer)]
        }
        ValidationErrorKind::PropertyNames { error } => {
            let key = error.instance().as_str().unwrap_or_default().to_owned();
            vec![
                Diagnostic::error(Code::BadFormat, format!("`{key}` is not a valid identifier in {place}"))
                    .with_hint("use letters, digits, `.`, `_` and `-`, starting with a letter or digit, e.g. itu-2015")
                    .at_key(format!("{pointer}/{}", escape_pointer(&key))),
            ]
        }
        ValidationErrorKind::MinLength { .. } => vec![
            Diagnostic::error(Code::EmptyValue, format!("{place} is empty"))
                .with_hint(format!(
                    "write a value{}, or remove the line",
                    field_help(field)
                ))
                .at(pointer),
        ],
        _ => vec![
            Diagnostic::error(Code::BadValue, format!("{place}: {error}"))
                .with_hint("see the JSON Schema (`profilec schema`) for what this field accepts")
                .at(pointer),
        ],
    }
}

/// `alpha_2:` is both an unknown field and a missing `alpha2`; the hint on
/// the unknown field already says what to do, so the missing one is dropped.
fn drop_missing_explained_by_typos(diagnostics: &mut Vec<Diagnostic>) {
    let typos: Vec<(String, String)> = diagnostics
        .iter()
        .filter(|d| matches!(d.code, Code::UnknownField | Code::UnknownIndicator))
        .filter_map(|d| {
            let path = d.path.as_deref()?;
            let parent = &path[..path.rfind('/')?];
            let hint = d.hint.as_deref()?;
            let suggested = hint.strip_prefix("did you mean `")?.split('`').next()?;
            Some((parent.to_owned(), suggested.to_owned()))
        })
        .collect();
    diagnostics.retain(|d| {
        !matches!(d.code, Code::MissingField | Code::MissingIndicator)
            || !typos.iter().any(|(parent, field)| {
                d.path.as_deref() == Some(parent.as_str())
                    && d.message.contains(&format!("`{field}`"))
            })
    });
}

fn segments(pointer: &str) -> Vec<String> {
    pointer
        .split('/')
        .skip(1)
        .map(|s| s.replace("~1", "/").replace("~0", "~"))
        .collect()
}

/// "indicator 1.2.1 CIRT", "`country`", "the profile": where a problem is, in words.
fn describe_place(segments: &[String], catalogue: Option<&Catalogue>) -> String {
    match segments {
        [] => "the profile".to_owned(),
        [area, key, rest @ ..] if catalogue.and_then(|c| c.indicator(area, key)).is_some() => {
            let spec = catalogue.and_then(|c| c.indicator(area, key));
            let name = spec
                .map(|i| format!("{} {}", i.number, i.heading))
                .unwrap_or_default();
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
/// `allOf`/`if` whose condition the instance meets.
fn expand<'a>(schema: &'a Value, nodes: &[&'a Value], instance: Option<&Value>) -> Vec<&'a Value> {
    let mut out = Vec::new();
    for node in nodes {
        let node = match node.get("$ref").and_then(Value::as_str) {
            Some(reference) => reference
                .strip_prefix('#')
                .and_then(|p| schema.pointer(p))
                .unwrap_or(node),
            None => node,
        };
        out.push(node);
        for rule in node
            .get("allOf")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let holds = rule
                .pointer("/if/properties")
                .and_then(Value::as_object)
                .is_some_and(|conditions| {
                    conditions.iter().all(|(key, condition)| {
                        instance.and_then(|i| i.get(key)) == condition.get("const")
                    })
                });
            if holds && let Some(then) = rule.get("then") {
                out.push(then);
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

// ---------------------------------------------------------------------------
// Meaning: dates, before the value becomes typed.

fn check_dates(value: &Value, today: Date, out: &mut Vec<Diagnostic>) {
    let mut partial_dates: Vec<String> = vec![
        "/background/population/as_of".into(),
        "/background/internet_users/as_of".into(),
    ];
    if let Some(sources) = value.get("sources").and_then(Value::as_object) {
        partial_dates.extend(
            sources
                .keys()
                .map(|id| format!("/sources/{}/date", escape_pointer(id))),
        );
    }
    if let Some(text) = value.pointer("/last_updated").and_then(Value::as_str) {
        match text.parse::<Date>() {
            Ok(date) if date > today => out.push(future("/last_updated", text, today)),
            Ok(_) => {}
            Err(e) => out.push(bad_date("/last_updated", &e.to_string())),
        }
    }
    for pointer in partial_dates {
        let text = match value.pointer(&pointer) {
            Some(Value::String(s)) => s.clone(),
            Some(Value::Number(n)) => n.to_string(),
            _ => continue,
        };
        match text.parse::<PartialDate>() {
            Ok(date) if date.earliest() > today => out.push(future(&pointer, &text, today)),
            Ok(_) => {}
            Err(e) => out.push(bad_date(&pointer, &e.to_string())),
        }
    }
    if let Some(edition) = value.get("edition").and_then(Value::as_i64)
        && edition > i64::from(today.year())
    {
        out.push(
            Diagnostic::error(
                Code::FutureDate,
                format!("edition {edition} is in the future"),
            )
            .with_hint(format!(
                "the edition is the year of the newest source used, {} at the latest",
                today.year()
            ))
            .at("/edition"),
        );
    }
}

fn bad_date(pointer: &str, message: &str) -> Diagnostic {
    Diagnostic::error(Code::BadDate, message.to_owned())
        .with_hint("check the day and month: the date must exist in the calendar")
        .at(pointer)
}

fn future(pointer: &str, text: &str, today: Date) -> Diagnostic {
    Diagnostic::error(
        Code::FutureDate,
        format!("{text} is in the future (today is {today})"),
    )
    .with_hint("a profile records what has happened; check the year")
    .at(pointer)
}

// ---------------------------------------------------------------------------
// Meaning: the typed profile against its catalogue.

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

/// The strings of a JSON list, skipping anything that is not a string (the
/// shape check reports those).
fn strings(value: Option<&Value>) -> Vec<&str> {
    value
        .and_then(Value::as_array)
        .map(|items| items.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default()
}

/// The rules of meaning. They read the raw value leniently (a field of the
/// wrong type is simply not judged here, the shape check has reported it),
/// so one run reports these problems too even when the shape has errors.
fn check_meaning(value: &Value, catalogues: &Catalogues, out: &mut Vec<Diagnostic>) {
    check_country(value, out);
    check_urls(value, out);
    let Some(catalogue) = value
        .get("schema_edition")
        .and_then(Value::as_str)
        .and_then(|id| catalogues.get(id))
    else {
        return;
    };
    let sources = value.get("sources").and_then(Value::as_object);
    let known: Vec<&String> = sources.map(|s| s.keys().collect()).unwrap_or_default();

    let mut cited = BTreeSet::new();
    for located in catalogue.indicators() {
        let spec = located.indicator;
        let area_key = located.area.key.as_str();
        let Some(answer) = value
            .get(area_key)
            .and_then(|a| a.get(&spec.key))
            .filter(|a| a.is_object())
        else {
            continue; // the shape check reports missing indicators
        };
        let base = format!("/{area_key}/{}", spec.key);
        let name = format!("{} {}", spec.number, spec.heading);
        let text = answer.get("text").and_then(Value::as_str);
        let has_text = text.is_some_and(|t| !t.trim().is_empty());
        let instruments = strings(answer.get("instruments"));
        let agencies = strings(answer.get("agencies"));
        let cites = strings(answer.get("sources"));

        if text.is_some_and(|t| t.trim().is_empty()) {
            out.push(
                Diagnostic::error(
                    Code::EmptyValue,
                    format!("the text of indicator {name} is blank"),
                )
                .with_hint("write the text, or remove `text` to use the standard sentence")
                .at(format!("{base}/text")),
            );
        }
        match answer.get("status").and_then(Value::as_str) {
            Some("partial") if !has_text => out.push(
                Diagnostic::error(Code::PartialWithoutText, format!("indicator {name} is `partial` but has no text"))
                    .with_hint("the ITU has no standard sentence for a partial answer: say in `text` what is and is not in place")
                    .at(format!("{base}/status")),
            ),
            Some("yes") if !has_text => {
                let missing: Vec<&str> = spec
                    .needs
                    .iter()
                    .filter(|list| match list {
                        NamedList::Instruments => instruments.is_empty(),
                        NamedList::Agencies => agencies.is_empty(),
                    })
                    .map(|list| list.as_str())
                    .collect();
                if !missing.is_empty() {
                    out.push(
                        Diagnostic::error(
                            Code::NeedsNames,
                            format!("the standard sentence for indicator {name} names its {}, but none are given", missing.join(" and ")),
                        )
                        .with_hint(format!("add `{}: [\"…\"]`, or write the answer in `text`", missing[0]))
                        .at(format!("{base}/status")),
                    );
                } else if instruments.is_empty() && agencies.is_empty() {
                    out.push(
                        Diagnostic::warning(Code::WeakAnswer, format!("indicator {name} says `yes` but names no instrument or agency and has no text"))
                            .with_hint("name what is in place (`instruments`, `agencies`) or describe it in `text`")
                            .at(format!("{base}/status")),
                    );
                }
            }
            _ => {}
        }

        if cites.is_empty() {
            out.push(
                Diagnostic::warning(Code::NoSource, format!("indicator {name} names no source"))
                    .with_hint(
                        "add `sources: [id]` with the identifier of a document under `sources`",
                    )
                    .at(base.clone()),
            );
        }
        for (i, id) in cites.iter().enumerate() {
            cited.insert(*id);
            if !known.iter().any(|k| k.as_str() == *id) {
                let hint = match suggest(id, &known) {
                    Some(best) => format!("did you mean `{best}`?"),
                    None if known.is_empty() => {
                        "define the document under `sources:` at the top of the file".to_owned()
                    }
                    None => format!(
                        "define it under `sources:`, or use one of: {}",
                        join_ids(&known)
                    ),
                };
                out.push(
                    Diagnostic::error(
                        Code::UnknownSource,
                        format!("indicator {name} cites `{id}`, which is not under `sources`"),
                    )
                    .with_hint(hint)
                    .at(format!("{base}/sources/{i}")),
                );
            }
        }
        for (field, list) in [
            ("instruments", &instruments),
            ("agencies", &agencies),
            ("sources", &cites),
        ] {
            let mut seen = BTreeMap::new();
            for (i, item) in list.iter().enumerate() {
                if let Some(first) = seen.insert(*item, i) {
                    out.push(
                        Diagnostic::warning(
                            Code::DuplicateEntry,
                            format!("`{item}` is listed twice in `{field}` of indicator {name}"),
                        )
                        .with_hint(format!(
                            "remove one of them (items {} and {})",
                            first + 1,
                            i + 1
                        ))
                        .at(format!("{base}/{field}/{i}")),
                    );
                }
            }
        }
    }
    for id in known {
        if !cited.contains(id.as_str()) {
            out.push(
                Diagnostic::warning(
                    Code::UnusedSource,
                    format!("source `{id}` is not cited by any indicator"),
                )
                .with_hint("cite it in an indicator's `sources`, or remove it")
                .at_key(format!("/sources/{}", escape_pointer(id))),
            );
        }
    }
}

fn join_ids(ids: &[&String]) -> String {
    ids.iter()
        .map(|s| s.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

fn check_country(value: &Value, out: &mut Vec<Diagnostic>) {
    let field = |name: &str| {
        value
            .pointer(&format!("/country/{name}"))
            .and_then(Value::as_str)
    };
    let name = field("name").unwrap_or_default();
    let (alpha2, alpha3) = (field("alpha2"), field("alpha3"));
    let by2 = alpha2.map(|code| (code, country_by_alpha2(code)));
    let by3 = alpha3.map(|code| (code, country_by_alpha3(code)));
    if let Some((code, None)) = by2 {
        out.push(
            Diagnostic::error(
                Code::BadCountryCode,
                format!("`{code}` is not an ISO 3166-1 alpha-2 country code"),
            )
            .with_hint(code_hint(name, true))
            .at("/country/alpha2"),
        );
    }
    if let Some((code, None)) = by3 {
        out.push(
            Diagnostic::error(
                Code::BadCountryCode,
                format!("`{code}` is not an ISO 3166-1 alpha-3 country code"),
            )
            .with_hint(code_hint(name, false))
            .at("/country/alpha3"),
        );
    }
    if let (Some((_, Some(a))), Some((_, Some(b)))) = (by2, by3)
        && a.alpha2 != b.alpha2
    {
        out.push(
            Diagnostic::error(
                Code::CountryCodeMismatch,
                format!(
                    "`{}` is {} but `{}` is {}",
                    a.alpha2,
                    a.name(),
                    b.alpha3,
                    b.name()
                ),
            )
            .with_hint(format!(
                "for {} use {} and {}",
                a.name(),
                a.alpha2,
                a.alpha3
            ))
            .at("/country/alpha3"),
        );
    }
}

fn code_hint(name: &str, alpha2: bool) -> String {
    let found = crate::schema::countries()
        .iter()
        .find(|c| c.names.iter().any(|n| n.eq_ignore_ascii_case(name)));
    match found {
        Some(c) => format!(
            "the code of {} is {}",
            c.name(),
            if alpha2 { c.alpha2 } else { c.alpha3 }
        ),
        None => "see ISO 3166-1 for the country's code".to_owned(),
    }
}

fn check_urls(value: &Value, out: &mut Vec<Diagnostic>) {
    let Some(sources) = value.get("sources").and_then(Value::as_object) else {
        return;
    };
    for (id, source) in sources {
        let Some(text) = source.get("url").and_then(Value::as_str) else {
            continue;
        };
        let problem = match url::Url::parse(text) {
            Ok(url) if !matches!(url.scheme(), "http" | "https") => Some(format!(
                "`{text}` is not a web address (it uses `{}:`)",
                url.scheme()
            )),
            Ok(url)
                if url
                    .host_str()
                    .is_none_or(|h| !h.contains('.') && h != "localhost") =>
            {
                Some(format!("`{text}` has no valid host name"))
            }
            Ok(_) if text.chars().any(char::is_whitespace) => {
                Some(format!("`{text}` contains spaces"))
            }
            Ok(_) => None,
            Err(e) => Some(format!("`{text}` is not a well-formed URL: {e}")),
        };
        if let Some(message) = problem {
            out.push(
                Diagnostic::error(Code::BadUrl, message)
                    .with_hint("write the full address, starting with https:// or http://")
                    .at(format!("/sources/{}/url", escape_pointer(id))),
            );
        }
    }
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
}
