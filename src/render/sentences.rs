//! The catalogue's standard sentences, compiled once.
//!
//! Each sentence in a catalogue file is a small Tera snippet. They are all
//! compiled into one Tera instance the first time a profile is rendered, so
//! rendering thousands of profiles does not parse them thousands of times.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde_json::Value;
use tera::{Context, Tera};

use super::RenderError;
use crate::model::Status;
use crate::schema::{Catalogue, Catalogues, IndicatorSpec};

/// Every standard sentence of every edition, ready to fill in.
pub struct Sentences {
    tera: Tera,
}

fn name(catalogue: &str, number: &str, status: Status) -> String {
    format!("{catalogue}/{number}/{status}")
}

impl Sentences {
    /// The sentences of the built-in catalogues, compiled once per process.
    pub fn builtin() -> Result<&'static Sentences, RenderError> {
        static BUILTIN: OnceLock<Result<Sentences, RenderError>> = OnceLock::new();
        BUILTIN
            .get_or_init(|| {
                let catalogues =
                    Catalogues::builtin().map_err(|e| RenderError::Data(e.to_string()))?;
                Sentences::compile(catalogues)
            })
            .as_ref()
            .map_err(Clone::clone)
    }

    /// Compiles the sentences of every catalogue in `catalogues`.
    pub fn compile(catalogues: &Catalogues) -> Result<Self, RenderError> {
        let mut tera = Tera::default();
        tera.autoescape_on(Vec::new());
        tera.register_filter("and_list", and_list);
        let mut templates = Vec::new();
        for catalogue in catalogues.iter() {
            for located in catalogue.indicators() {
                for (status, sentence) in &located.indicator.sentences {
                    templates.push((
                        name(&catalogue.id, &located.indicator.number, *status),
                        sentence.clone(),
                    ));
                }
            }
        }
        tera.add_raw_templates(templates)
            .map_err(|e| RenderError::from_tera(&e, "the catalogue's standard sentences"))?;
        Ok(Sentences { tera })
    }

    /// The standard sentence of `spec` for `status`, with the (already
    /// escaped) country, instruments and agencies filled in.
    pub fn render(
        &self,
        catalogue: &Catalogue,
        spec: &IndicatorSpec,
        status: Status,
        country: &str,
        instruments: &[String],
        agencies: &[String],
    ) -> Result<String, RenderError> {
        if !spec.sentences.contains_key(&status) {
            return Err(RenderError::Data(format!(
                "indicator {} has no standard sentence for `{status}`; give it `text`",
                spec.number
            )));
        }
        let mut context = Context::new();
        context.insert("country", country);
        context.insert("instruments", instruments);
        context.insert("agencies", agencies);
        self.tera
            .render(&name(&catalogue.id, &spec.number, status), &context)
            .map(|s| s.trim().to_owned())
            .map_err(|e| RenderError::from_tera(&e, "the catalogue's standard sentences"))
    }
}

/// The Tera filter `and_list`: `["A", "B", "C"]` → `A, B and C`.
pub fn and_list(value: &Value, _: &HashMap<String, Value>) -> tera::Result<Value> {
    let items: Vec<String> = match value {
        Value::Array(items) => items
            .iter()
            .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned))
            .collect(),
        Value::String(s) => vec![s.clone()],
        _ => return Err(tera::Error::msg("and_list expects a list of names")),
    };
    Ok(Value::String(crate::wording::and_list(&items)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn setup() -> (Sentences, &'static Catalogue) {
        let catalogues = Catalogues::builtin().unwrap();
        (
            Sentences::compile(catalogues).unwrap(),
            catalogues.get("cyberwellness-2015").unwrap(),
        )
    }

    #[test]
    fn lists_join_with_and() {
        let join = |items: &[&str]| and_list(&serde_json::json!(items), &HashMap::new()).unwrap();
        assert_eq!(join(&[]), "");
        assert_eq!(join(&["A"]), "A");
        assert_eq!(join(&["A", "B"]), "A and B");
        assert_eq!(join(&["A", "B", "C"]), "A, B and C");
    }

    #[test]
    fn every_sentence_renders_with_and_without_names() {
        let (sentences, catalogue) = setup();
        for located in catalogue.indicators() {
            for status in located.indicator.sentences.keys() {
                for names in [
                    vec![],
                    vec!["X".to_owned()],
                    vec!["X".to_owned(), "Y".to_owned()],
                ] {
                    // Validation refuses a `yes` without the names its sentence needs.
                    if *status == Status::Yes
                        && names.is_empty()
                        && !located.indicator.needs.is_empty()
                    {
                        continue;
                    }
                    let text = sentences
                        .render(
                            catalogue,
                            located.indicator,
                            *status,
                            "Belgium",
                            &names,
                            &names,
                        )
                        .unwrap();
                    assert!(!text.contains("{{") && !text.contains("  "), "{text}");
                    assert!(text.ends_with('.') || text.ends_with(':'), "{text}");
                }
            }
        }
    }

    #[test]
    fn sentences_agree_in_number() {
        let (sentences, catalogue) = setup();
        let spec = catalogue
            .indicator("legal", "criminal_legislation")
            .unwrap();
        let one = sentences
            .render(
                catalogue,
                spec,
                Status::Yes,
                "Belgium",
                &["Penal Code".into()],
                &[],
            )
            .unwrap();
        assert_eq!(
            one,
            "Specific legislation on cybercrime has been enacted through the following instrument:"
        );
        let two = sentences
            .render(
                catalogue,
                spec,
                Status::Yes,
                "Belgium",
                &["A".into(), "B".into()],
                &[],
            )
            .unwrap();
        assert!(two.ends_with("following instruments:"));
        let spec = catalogue
            .indicator("organizational", "responsible_agency")
            .unwrap();
        let text = sentences
            .render(
                catalogue,
                spec,
                Status::Yes,
                "Belgium",
                &[],
                &["CCB".into()],
            )
            .unwrap();
        assert!(text.starts_with("The CCB is responsible"), "{text}");
    }

    #[test]
    fn partial_has_no_standard_sentence() {
        let (sentences, catalogue) = setup();
        let spec = catalogue.indicator("technical", "cirt").unwrap();
        assert!(
            sentences
                .render(catalogue, spec, Status::Partial, "Belgium", &[], &[])
                .is_err()
        );
    }
}
