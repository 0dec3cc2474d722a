//! `profilec schema`, the committed JSON Schema, and the profiles against it.

use serde_json::Value;

use crate::common::{TestCommand, repo};
use profilec::load::{SourceFile, parse};

#[test]
fn the_committed_json_schema_is_what_profilec_prints() {
    let output = TestCommand::new().arg("schema").run();
    assert_eq!(output.code, 0);
    let committed = std::fs::read_to_string(repo().join("schema/profile.schema.json"))
        .expect("the committed schema");
    assert_eq!(
        output.stdout_text(),
        committed,
        "schema/profile.schema.json is stale: run `cargo run -- schema > schema/profile.schema.json`"
    );
}

/// Every `*.yaml` file under `dir`, recursively, with its depth below it.
fn yaml_files(dir: &std::path::Path, depth: usize, out: &mut Vec<(std::path::PathBuf, usize)>) {
    for entry in std::fs::read_dir(dir).expect("a folder") {
        let path = entry.expect("an entry").path();
        if path.is_dir() {
            yaml_files(&path, depth + 1, out);
        } else if path.extension().is_some_and(|e| e == "yaml") {
            out.push((path, depth));
        }
    }
}

#[test]
fn shipped_profiles_start_with_the_schema_line() {
    let mut files = Vec::new();
    yaml_files(&repo().join("profiles"), 0, &mut files);
    assert!(files.len() > 300, "the Cyberwellness and GCI profiles");
    for (path, depth) in files {
        let text = std::fs::read_to_string(&path).expect("a profile");
        // The schema is found relative to the file: one `../` per folder.
        let line = format!(
            "# yaml-language-server: $schema=../{}schema/profile.schema.json\n",
            "../".repeat(depth)
        );
        assert!(
            text.starts_with(&line),
            "{} does not start with the yaml-language-server line",
            path.display()
        );
    }
}

fn committed_schema() -> Value {
    let text = std::fs::read_to_string(repo().join("schema/profile.schema.json"))
        .expect("the committed schema");
    serde_json::from_str(&text).expect("the committed schema is JSON")
}

#[test]
fn the_committed_schema_is_a_valid_draft_2020_12_schema() {
    let schema = committed_schema();
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    jsonschema::meta::validate(&schema).expect("the schema validates against its meta-schema");
}

#[test]
fn shipped_profiles_validate_against_the_committed_schema() {
    let validator = jsonschema::draft202012::new(&committed_schema()).expect("the schema compiles");
    let mut checked = 0;
    for dir in [
        "profiles",
        "tests/fixtures/valid",
        "tests/fixtures/warnings",
    ] {
        let mut files = Vec::new();
        yaml_files(&repo().join(dir), 0, &mut files);
        for (path, _) in files {
            let text = std::fs::read_to_string(&path).expect("a profile");
            let document = parse(SourceFile::new(path.display().to_string(), text)).expect("YAML");
            let errors: Vec<String> = validator
                .iter_errors(&document.value)
                .map(|e| format!("{} at {}", e, e.instance_path()))
                .collect();
            assert!(errors.is_empty(), "{}: {errors:#?}", path.display());
            checked += 1;
        }
    }
    assert!(checked >= 6);
}

#[test]
fn the_schema_rejects_what_validate_rejects_for_shape() {
    let validator = jsonschema::draft202012::new(&committed_schema()).expect("the schema compiles");
    for name in [
        "misspelled-field",
        "bad-status",
        "missing-indicator",
        "extra-indicator",
        "percent-over-100",
    ] {
        let path = repo()
            .join("tests/fixtures/invalid")
            .join(format!("{name}.yaml"));
        let text = std::fs::read_to_string(&path).expect("a fixture");
        let document = parse(SourceFile::new(name, text)).expect("YAML");
        assert!(
            !validator.is_valid(&document.value),
            "{name} passes the schema"
        );
    }
}
