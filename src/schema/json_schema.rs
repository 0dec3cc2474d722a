//! The JSON Schema (draft 2020-12) of a profile file, of every kind.
//!
//! schemars describes the model types; this module then adds what only the
//! catalogues know: the editions a profile may name and, per edition, what
//! it must hold: the indicators of each area of a Cyberwellness edition (so
//! an editor offers `cirt` under `technical`, with its number and heading as
//! the description), the pillars and scales of a GCI edition. One schema
//! covers every edition: `schema_edition` chooses the kind of profile
//! (`if`/`then`), and each edition adds its own rule.

use serde_json::{Map, Value, json};

use super::{Catalogues, Ranking, ScoredEdition};
use crate::model::{AREA_KEYS, Profile, ScoredProfile};

/// The pattern of a source identifier (`itu-2015`, `ccb.plan`).
pub const SOURCE_ID_PATTERN: &str = "^[A-Za-z0-9][A-Za-z0-9._-]*$";

/// The JSON Schema of a profile file, for every edition in `catalogues`.
pub fn json_schema(catalogues: &Catalogues) -> Value {
    let generator = schemars::generate::SchemaSettings::draft2020_12().into_generator();
    let mut cyberwellness = generator.into_root_schema_for::<Profile>().to_value();
    strip_null_alternatives(&mut cyberwellness);
    let generator = schemars::generate::SchemaSettings::draft2020_12().into_generator();
    let mut scored = generator.into_root_schema_for::<ScoredProfile>().to_value();
    strip_null_alternatives(&mut scored);

    // The definitions of both kinds, side by side.
    let mut defs = Map::new();
    for kind in [&mut cyberwellness, &mut scored] {
        if let Some(Value::Object(more)) = object(kind).remove("$defs") {
            defs.extend(more);
        }
        let kind = object(kind);
        kind.remove("$schema");
        if let Some(sources) = kind
            .get_mut("properties")
            .and_then(|p| p.get_mut("sources"))
            .and_then(Value::as_object_mut)
        {
            sources.insert(
                "propertyNames".into(),
                json!({ "pattern": SOURCE_ID_PATTERN }),
            );
        }
    }
    let cited = json!({ "type": "string", "pattern": SOURCE_ID_PATTERN });
    for pointer in ["/Indicator/properties/sources", "/Note/properties/sources"] {
        if let Some(list) = pointer_mut(&mut defs, pointer) {
            object(list).insert("items".into(), cited.clone());
        }
    }
    for field in ["instruments", "agencies"] {
        if let Some(list) = pointer_mut(&mut defs, &format!("/Indicator/properties/{field}")) {
            object(list).insert("items".into(), json!({ "type": "string", "minLength": 1 }));
        }
    }
    if let Some(source) = pointer_mut(&mut defs, "/Scores/properties/source") {
        object(source).insert("pattern".into(), json!(SOURCE_ID_PATTERN));
    }
    object(&mut cyberwellness).insert(
        "description".into(),
        json!("One country's ITU cyberwellness profile for one edition."),
    );
    object(&mut scored).insert(
        "description".into(),
        json!("One country's profile in one edition of the ITU Global Cybersecurity Index."),
    );
    defs.insert("CyberwellnessProfile".into(), cyberwellness);
    defs.insert("ScoredProfile".into(), scored);

    let ids: Vec<&str> = catalogues.ids().collect();
    let cyberwellness_ids: Vec<&str> = catalogues.iter().map(|c| c.id.as_str()).collect();
    let scored_ids: Vec<&str> = catalogues
        .scored_editions()
        .map(|e| e.id.as_str())
        .collect();
    let mut rules = vec![
        kind_rule(&cyberwellness_ids, "CyberwellnessProfile"),
        kind_rule(&scored_ids, "ScoredProfile"),
    ];
    rules.extend(catalogues.iter().map(edition_rule));
    rules.extend(catalogues.scored_editions().map(scored_rule));
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Profile",
        "description": "One country's profile for one edition, as read by profilec: an ITU Cyberwellness Profile, or a country profile of the ITU Global Cybersecurity Index. `schema_edition` says which.",
        "type": "object",
        "required": ["schema_edition"],
        "properties": {
            "schema_edition": {
                "description": "The edition of the ITU catalogue this profile follows, such as `cyberwellness-2015` or `gci-2024`.",
                "type": "string",
                "enum": ids,
            }
        },
        "allOf": rules,
        "$defs": defs,
    })
}

/// `if schema_edition is one of ids then the profile is of this kind`.
fn kind_rule(ids: &[&str], definition: &str) -> Value {
    json!({
        "if": {
            "properties": { "schema_edition": { "enum": ids } },
            "required": ["schema_edition"],
        },
        "then": { "$ref": format!("#/$defs/{definition}") },
    })
}

/// `if schema_edition is E then its scores are E's pillars, on E's scales`.
fn scored_rule(edition: &ScoredEdition) -> Value {
    let mut pillars = Map::new();
    for pillar in &edition.pillars {
        pillars.insert(
            pillar.key.clone(),
            json!({
                "type": "number",
                "minimum": 0,
                "maximum": pillar.max,
                "description": format!("{} (0 to {})", pillar.title, pillar.max),
            }),
        );
    }
    let keys: Vec<&str> = edition.pillars.iter().map(|p| p.key.as_str()).collect();
    let key_enum = json!({ "type": "string", "enum": keys });
    let mut scores = json!({
        "properties": {
            "pillars": {
                "type": "object",
                "properties": pillars,
                "required": keys,
                "additionalProperties": false,
            },
            "overall": { "type": "number", "minimum": 0, "maximum": edition.overall.max },
        },
    });
    if edition.pillars.is_empty() {
        object(&mut scores).insert("required".into(), json!(["overall"]));
    }
    let mut properties = json!({
        "scores": scores,
        "strengths": { "items": key_enum },
        "growth": { "items": key_enum },
        "notes": { "propertyNames": key_enum },
    });
    let properties = object(&mut properties);
    match edition.ranking {
        Ranking::Tiers => {
            properties.insert("rank".into(), json!(false));
        }
        Ranking::Ranks => {
            properties.insert("tier".into(), json!(false));
        }
        Ranking::None => {
            properties.insert("rank".into(), json!(false));
            properties.insert("tier".into(), json!(false));
        }
    }
    json!({
        "if": {
            "properties": { "schema_edition": { "const": edition.id } },
            "required": ["schema_edition"],
        },
        "then": { "properties": properties },
    })
}

/// The definition at `pointer` (from the definitions' root).
fn pointer_mut<'a>(defs: &'a mut Map<String, Value>, pointer: &str) -> Option<&'a mut Value> {
    let (name, rest) = pointer.trim_start_matches('/').split_once('/')?;
    defs.get_mut(name)?.pointer_mut(&format!("/{rest}"))
}

/// `if schema_edition is E then each area holds exactly E's indicators`.
fn edition_rule(catalogue: &super::Catalogue) -> Value {
    let mut areas = Map::new();
    for key in AREA_KEYS {
        let Some(area) = catalogue.area(key) else {
            continue;
        };
        let mut properties = Map::new();
        for indicator in &area.indicators {
            properties.insert(
                indicator.key.clone(),
                json!({
                    "$ref": "#/$defs/Indicator",
                    "description": format!("{} {}", indicator.number, indicator.heading),
                }),
            );
        }
        let required: Vec<&str> = area.indicators.iter().map(|i| i.key.as_str()).collect();
        areas.insert(
            key.to_string(),
            json!({
                "type": "object",
                "properties": properties,
                "required": required,
                "additionalProperties": false,
            }),
        );
    }
    json!({
        "if": {
            "properties": { "schema_edition": { "const": catalogue.id } },
            "required": ["schema_edition"],
        },
        "then": { "properties": areas },
    })
}

/// schemars lets every `Option<T>` accept `null`; a profile file omits an
/// absent field instead, so `null` is refused like any other wrong type.
fn strip_null_alternatives(value: &mut Value) {
    match value {
        Value::Object(map) => {
            if let Some(Value::Array(types)) = map.get_mut("type") {
                types.retain(|t| t != "null");
                if types.len() == 1 {
                    let single = types.remove(0);
                    map.insert("type".into(), single);
                }
            }
            if let Some(Value::Array(alternatives)) = map.get("anyOf") {
                let kept: Vec<Value> = alternatives
                    .iter()
                    .filter(|alt| alt.get("type") != Some(&json!("null")))
                    .cloned()
                    .collect();
                if kept.len() == 1 {
                    map.remove("anyOf");
                    if let Value::Object(inner) = &kept[0] {
                        for (k, v) in inner {
                            map.entry(k.clone()).or_insert_with(|| v.clone());
                        }
                    }
                }
            }
            map.values_mut().for_each(strip_null_alternatives);
        }
        Value::Array(items) => items.iter_mut().for_each(strip_null_alternatives),
        _ => {}
    }
}

/// The object inside `value`, which the generator always makes an object.
fn object(value: &mut Value) -> &mut Map<String, Value> {
    if !value.is_object() {
        *value = Value::Object(Map::new());
    }
    match value {
        Value::Object(map) => map,
        _ => unreachable!("replaced by an object above"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn schema() -> Value {
        json_schema(Catalogues::builtin().expect("embedded catalogues parse"))
    }

    #[test]
    fn it_is_draft_2020_12_with_strict_objects() {
        let schema = schema();
        assert_eq!(
            schema["$schema"],
            "https://json-schema.org/draft/2020-12/schema"
        );
        let defs = &schema["$defs"];
        assert_eq!(defs["CyberwellnessProfile"]["additionalProperties"], false);
        assert_eq!(defs["ScoredProfile"]["additionalProperties"], false);
        assert_eq!(defs["Indicator"]["additionalProperties"], false);
        assert_eq!(
            schema["properties"]["schema_edition"]["enum"],
            json!(["cyberwellness-2015", "gci-2018", "gci-2020", "gci-2024"])
        );
    }

    #[test]
    fn the_edition_chooses_the_kind_of_profile() {
        let schema = schema();
        assert_eq!(
            schema["allOf"][0]["if"]["properties"]["schema_edition"]["enum"],
            json!(["cyberwellness-2015"])
        );
        assert_eq!(
            schema["allOf"][0]["then"]["$ref"],
            "#/$defs/CyberwellnessProfile"
        );
        assert_eq!(
            schema["allOf"][1]["if"]["properties"]["schema_edition"]["enum"],
            json!(["gci-2018", "gci-2020", "gci-2024"])
        );
        assert_eq!(schema["allOf"][1]["then"]["$ref"], "#/$defs/ScoredProfile");
    }

    #[test]
    fn each_gci_edition_lists_its_pillars_and_scales() {
        let schema = schema();
        let rule = schema["allOf"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["if"]["properties"]["schema_edition"]["const"] == "gci-2024")
            .unwrap();
        let scores = &rule["then"]["properties"]["scores"]["properties"];
        assert_eq!(scores["pillars"]["properties"]["legal"]["maximum"], 20.0);
        assert_eq!(scores["pillars"]["required"].as_array().unwrap().len(), 5);
        assert_eq!(scores["overall"]["maximum"], 100.0);
        assert_eq!(rule["then"]["properties"]["rank"], false);
    }

    #[test]
    fn each_edition_lists_its_indicators_per_area() {
        let schema = schema();
        let technical = &schema["allOf"][2]["then"]["properties"]["technical"];
        assert_eq!(
            technical["required"],
            json!(["cirt", "standards", "certification"])
        );
        assert_eq!(technical["properties"]["cirt"]["description"], "1.2.1 CIRT");
        assert_eq!(technical["additionalProperties"], false);
    }

    #[test]
    fn optional_fields_do_not_accept_null() {
        let text = serde_json::to_string(&schema()).unwrap_or_default();
        assert!(!text.contains("\"null\""), "{text}");
    }
}
