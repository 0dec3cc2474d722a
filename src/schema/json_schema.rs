//! The JSON Schema (draft 2020-12) of a profile file.
//!
//! schemars describes the model types; this module then adds what only the
//! catalogues know: the editions a profile may name and, per edition, the
//! indicators each area must hold (so an editor offers `cirt` under
//! `technical`, with its number and heading as the description).

use serde_json::{Map, Value, json};

use super::Catalogues;
use crate::model::{AREA_KEYS, Profile};

/// The pattern of a source identifier (`itu-2015`, `ccb.plan`).
pub const SOURCE_ID_PATTERN: &str = "^[A-Za-z0-9][A-Za-z0-9._-]*$";

/// The JSON Schema of a profile file, for every edition in `catalogues`.
pub fn json_schema(catalogues: &Catalogues) -> Value {
    let generator = schemars::generate::SchemaSettings::draft2020_12().into_generator();
    let mut schema = generator.into_root_schema_for::<Profile>().to_value();
    strip_null_alternatives(&mut schema);

    let root = object(&mut schema);
    root.insert(
        "description".into(),
        json!("One country's ITU cyberwellness profile for one edition, as read by profilec."),
    );
    if let Some(properties) = root.get_mut("properties").and_then(Value::as_object_mut) {
        if let Some(edition) = properties
            .get_mut("schema_edition")
            .and_then(Value::as_object_mut)
        {
            edition.insert("enum".into(), catalogues.ids().collect());
        }
        if let Some(sources) = properties.get_mut("sources").and_then(Value::as_object_mut) {
            sources.insert(
                "propertyNames".into(),
                json!({ "pattern": SOURCE_ID_PATTERN }),
            );
        }
    }
    if let Some(indicator) = schema.pointer_mut("/$defs/Indicator/properties/sources") {
        object(indicator).insert(
            "items".into(),
            json!({ "type": "string", "pattern": SOURCE_ID_PATTERN }),
        );
    }
    for field in ["instruments", "agencies"] {
        if let Some(list) = schema.pointer_mut(&format!("/$defs/Indicator/properties/{field}")) {
            object(list).insert("items".into(), json!({ "type": "string", "minLength": 1 }));
        }
    }

    let editions: Vec<Value> = catalogues.iter().map(edition_rule).collect();
    object(&mut schema).insert("allOf".into(), Value::Array(editions));
    schema
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
        assert_eq!(schema["additionalProperties"], false);
        assert_eq!(schema["$defs"]["Indicator"]["additionalProperties"], false);
        assert_eq!(
            schema["properties"]["schema_edition"]["enum"],
            json!(["cyberwellness-2015"])
        );
    }

    #[test]
    fn each_edition_lists_its_indicators_per_area() {
        let schema = schema();
        let technical = &schema["allOf"][0]["then"]["properties"]["technical"];
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
