//! Property tests of the library's first steps (issue 13, items 5 and 6),
//! with proptest: the load → validate → render path `build` takes, on
//! generated input rather than fixtures.
//!
//! - **A profile that validates, builds.** Valid profiles are generated
//!   from the catalogue: country names up to the longest allowed, words
//!   longer than a line, many instruments and agencies, every status (a
//!   partial answer with text, a `yes` naming what its standard sentence
//!   needs), Markdown and HTML in the text, characters the PDF's font
//!   lacks. Each must pass `validate`, and then render to Markdown, HTML
//!   and PDF.
//! - **Any text gives a verdict with places.** The Belgian profile mutated
//!   (cut, spliced, lines dropped or repeated, YAML syntax and odd values
//!   inserted, keys given odd values) never makes loading or validating
//!   panic, and every error names the file, and a line and column wherever
//!   it names a field.
//! - **Any value in any field.** A number, a string, or a whole list or
//!   mapping of the Belgian profile (each kind of place as often as the
//!   others) replaced by any JSON value: a profile or located errors,
//!   never a defect. On the code before issue 13's item 6 it finds the
//!   population that passed the schema and failed the model (`1e270`, and
//!   without the reading of whole decimals, `1.0`) in under 60 cases.
//!
//! Each runs a bounded number of cases from a fixed seed, so every run of
//! the suite tries the same inputs: 64 profiles built, 256 texts and 256
//! values checked.
//! `PROPTEST_CASES` asks for more (the same number for both), and
//! `PROPTEST_RNG_SEED` for others. A failing input is shrunk and printed;
//! nothing is written to the source tree. They use the library, not the
//! binary: spawning a process per case would only measure the spawning.

use proptest::prelude::*;
use proptest::test_runner::RngSeed;
use serde_json::{Value, json};

use profilec::check::check_source;
use profilec::load::SourceFile;
use profilec::model::{AREA_KEYS, Date, MAX_COUNTRY_NAME};
use profilec::pdf::PdfRenderer;
use profilec::render::{self, HtmlRenderer, MarkdownRenderer, Renderer, Sentences, Templates};
use profilec::schema::NamedList;
use profilec::validate::Validator;

/// The day the generated profiles are checked on.
fn today() -> Date {
    Date::new(2026, 1, 1).expect("a real date")
}

/// proptest's configuration: `cases` unless `PROPTEST_CASES` says, a fixed
/// seed unless `PROPTEST_RNG_SEED` says, and no regression files.
fn config(cases: u32) -> ProptestConfig {
    let mut config = ProptestConfig {
        failure_persistence: None,
        ..ProptestConfig::default()
    };
    if std::env::var_os("PROPTEST_CASES").is_none() {
        config.cases = cases;
    }
    if config.rng_seed == RngSeed::Random {
        config.rng_seed = RngSeed::Fixed(13);
    }
    config
}

// ---------------------------------------------------------------------------
// Valid profiles.

/// Real ISO 3166-1 pairs (the validator checks that the codes exist and
/// agree; the name is free).
const COUNTRIES: [(&str, &str); 6] = [
    ("BE", "BEL"),
    ("KE", "KEN"),
    ("CI", "CIV"),
    ("JP", "JPN"),
    ("GR", "GRC"),
    ("BO", "BOL"),
];

/// One word of a name or a text: plain, accented, Greek, Cyrillic, longer
/// than a line, without a glyph in the PDF's font, or Markdown and HTML
/// that must come out inert.
fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[A-Za-z]{1,12}",
        1 => "[a-zà-öø-ÿ]{1,12}",
        1 => "[α-ω]{1,10}",
        1 => "[а-я]{1,10}",
        1 => "[A-Za-z]{60,400}",
        1 => "[一-龥]{1,4}",
        1 => prop::sample::select(vec![
            "*", "**", "_", "#", "`", "|", "\\", ">", "1.", "-", "---", "&amp;", "<b>", "</p>",
            "<script>alert(1)</script>", "[x](javascript:alert(1))", "{{ doc }}", "{% if %}",
            "https://example.org/a_b?c=d", "CERT.be", "«»", "’", "…",
        ])
        .prop_map(str::to_owned),
    ]
}

/// Words joined by spaces, with at least one letter.
fn phrase(words: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(word(), 1..=words).prop_map(|words| {
        let text = words.join(" ");
        if text.chars().any(char::is_alphabetic) {
            text
        } else {
            format!("Name {text}")
        }
    })
}

/// A country name of 1 to [`MAX_COUNTRY_NAME`] characters.
fn country_name() -> impl Strategy<Value = String> {
    prop_oneof![phrase(4), phrase(40), "[A-Za-z]{90,100}",].prop_map(|name| {
        let name: String = name.chars().take(MAX_COUNTRY_NAME as usize).collect();
        let name = name.trim().to_owned();
        if name.chars().any(char::is_alphabetic) {
            name
        } else {
            "Belgium".to_owned()
        }
    })
}

/// Free text: paragraphs, sometimes a list.
fn free_text() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(phrase(60), 1..4),
        prop::collection::vec(phrase(8), 0..5),
    )
        .prop_map(|(paragraphs, items)| {
            let mut text = paragraphs.join("\n\n");
            if !items.is_empty() {
                text.push_str("\n\n");
                for item in items {
                    text.push_str(&format!("- {item}\n"));
                }
            }
            text
        })
}

/// One answer before the catalogue's rules are applied to it.
#[derive(Debug, Clone)]
struct Answer {
    status: &'static str,
    instruments: Vec<String>,
    agencies: Vec<String>,
    text: Option<String>,
    sources: Vec<usize>,
}

fn answer() -> impl Strategy<Value = Answer> {
    (
        prop::sample::select(vec!["yes", "partial", "no", "unknown"]),
        prop::collection::vec(phrase(6), 0..10),
        prop::collection::vec(phrase(6), 0..10),
        prop::option::of(free_text()),
        prop::collection::vec(0usize..3, 0..3),
    )
        .prop_map(|(status, instruments, agencies, text, sources)| Answer {
            status,
            instruments,
            agencies,
            text,
            sources,
        })
}

/// `YYYY-MM-DD` in year `year`.
fn day_of(year: i32) -> impl Strategy<Value = String> {
    (1u32..=12, 1u32..=28).prop_map(move |(m, d)| format!("{year:04}-{m:02}-{d:02}"))
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, from 1900 to 2025.
fn partial_date() -> impl Strategy<Value = String> {
    (1900i32..=2025, 0u32..=12, 0u32..=28).prop_map(|(y, m, d)| match (m, d) {
        (0, _) => format!("{y}"),
        (m, 0) => format!("{y}-{m:02}"),
        (m, d) => format!("{y}-{m:02}-{d:02}"),
    })
}

/// A valid profile of the 2015 edition, as JSON text (which is YAML).
fn valid_profile() -> impl Strategy<Value = String> {
    let validator = Validator::builtin().expect("the built-in catalogues");
    let catalogue = validator
        .catalogues()
        .get("cyberwellness-2015")
        .expect("the 2015 edition");
    let indicators: Vec<(String, String, Vec<NamedList>)> = AREA_KEYS
        .iter()
        .filter_map(|key| catalogue.area(key))
        .flat_map(|area| {
            area.indicators
                .iter()
                .map(|i| (area.key.clone(), i.key.clone(), i.needs.clone()))
        })
        .collect();
    let count = indicators.len();
    (1990i32..=2025)
        .prop_flat_map(move |edition| {
            (
                Just(edition),
                (edition..=2025).prop_flat_map(day_of),
                country_name(),
                prop::sample::select(COUNTRIES.to_vec()),
                1u64..=10_000_000_000,
                0.0f64..=100.0,
                (partial_date(), partial_date(), phrase(6), phrase(6)),
                prop::collection::vec(
                    (
                        phrase(12),
                        prop::option::of(phrase(5)),
                        prop::option::of(partial_date()),
                        prop::option::of(prop::sample::select(vec![
                            "https://www.itu.int/",
                            "http://example.org/a%20b?x=1&y=2#z",
                        ])),
                        // The date given as a bound (`not_before`) instead.
                        any::<bool>(),
                        prop::option::of(phrase(4)),
                    ),
                    1..=3,
                ),
                prop::collection::vec(answer(), count),
                // Who published it: the ITU, exactly, or anyone.
                prop_oneof![
                    Just("International Telecommunication Union (ITU)".to_owned()),
                    phrase(5),
                ],
            )
        })
        .prop_map(
            move |(
                edition,
                last_updated,
                name,
                (alpha2, alpha3),
                population,
                percent,
                (population_as_of, users_as_of, population_source, users_source),
                sources,
                answers,
                publisher,
            )| {
                let mut profile = json!({
                    "schema_edition": "cyberwellness-2015",
                    "country": {"name": name, "alpha2": alpha2, "alpha3": alpha3},
                    "edition": edition,
                    "last_updated": last_updated,
                    "publisher": publisher,
                    "background": {
                        "population": {"value": population, "source": population_source, "as_of": population_as_of},
                        "internet_users": {"percent": percent, "source": users_source, "as_of": users_as_of},
                    },
                });
                let mut listed = serde_json::Map::new();
                for (i, (title, publisher, date, url, bound, contributor)) in
                    sources.iter().enumerate()
                {
                    let mut source = json!({"title": title});
                    if let Some(publisher) = publisher {
                        source["publisher"] = json!(publisher);
                    }
                    if let Some(date) = date {
                        let field = if *bound { "not_before" } else { "date" };
                        source[field] = json!(date);
                    }
                    if let Some(contributor) = contributor {
                        source["contributor"] = json!(contributor);
                    }
                    if let Some(url) = url {
                        source["url"] = json!(url);
                    }
                    listed.insert(format!("s{i}"), source);
                }
                profile["sources"] = Value::Object(listed);
                for ((area, key, needs), answer) in indicators.iter().zip(answers) {
                    let mut answer = answer;
                    // A partial answer says how in its text.
                    if answer.status == "partial" && answer.text.is_none() {
                        answer.text = Some("Partly in place.".to_owned());
                    }
                    // A `yes` printed by its standard sentence names what
                    // the sentence needs.
                    if answer.status == "yes" && answer.text.is_none() {
                        for list in needs {
                            let names = match list {
                                NamedList::Instruments => &mut answer.instruments,
                                NamedList::Agencies => &mut answer.agencies,
                            };
                            if names.is_empty() {
                                names.push("Named Thing".to_owned());
                            }
                        }
                    }
                    let mut value = json!({"status": answer.status});
                    if !answer.instruments.is_empty() {
                        value["instruments"] = json!(answer.instruments);
                    }
                    if !answer.agencies.is_empty() {
                        value["agencies"] = json!(answer.agencies);
                    }
                    if let Some(text) = answer.text {
                        value["text"] = json!(text);
                    }
                    let mut cited: Vec<String> = answer
                        .sources
                        .iter()
                        .filter(|i| **i < sources.len())
                        .map(|i| format!("s{i}"))
                        .collect();
                    cited.dedup();
                    if !cited.is_empty() {
                        value["sources"] = json!(cited);
                    }
                    if profile.get(area.as_str()).is_none() {
                        profile[area.as_str()] = json!({});
                    }
                    profile[area.as_str()][key.as_str()] = value;
                }
                serde_json::to_string_pretty(&profile).expect("JSON text")
            },
        )
}

proptest! {
    #![proptest_config(config(64))]

    /// Issue 13, item 5: no input that passes `validate` fails `build`.
    #[test]
    fn a_profile_that_validates_builds_in_every_format(text in valid_profile()) {
        let validator = Validator::builtin().expect("the built-in catalogues");
        let checked = check_source(SourceFile::new("generated.yaml", text.as_str()), validator, today());
        let errors: Vec<String> = checked
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .map(|d| format!("{}: {}", d.code.as_str(), d.message))
            .collect();
        prop_assert!(errors.is_empty(), "the generated profile is invalid: {errors:#?}");
        let profile = checked.profile.as_ref().expect("a valid profile");
        let templates = Templates::builtin().expect("the built-in templates");
        let sentences = Sentences::builtin().expect("the catalogues' sentences");
        let prepared = render::prepare(profile, validator.catalogues(), &templates, sentences);
        prop_assert!(prepared.is_ok(), "prepare: {:?}", prepared.err());
        let prepared = prepared.expect("checked above");
        let context = prepared.context(profile, &templates);
        let renderers: [&dyn Renderer; 3] = [&MarkdownRenderer, &HtmlRenderer, &PdfRenderer::default()];
        for renderer in renderers {
            let rendered = renderer.render(&context);
            prop_assert!(rendered.is_ok(), "{}: {:?}", renderer.name(), rendered.err());
            prop_assert!(!rendered.expect("checked above").is_empty(), "{}: empty", renderer.name());
        }
    }
}

// ---------------------------------------------------------------------------
// Mutated YAML.

const BASE: &str = include_str!("../../profiles/belgium-2015.yaml");

/// Text that YAML or the validator reads with care: syntax, odd scalars,
/// numbers and dates out of range (as values of the keys, too), anchors
/// and tags.
const PIECES: &[&str] = &[
    ":",
    ": ",
    "- ",
    "? ",
    "{",
    "}",
    "[",
    "]",
    ",",
    "#",
    "&a ",
    "*a",
    "!!str ",
    "!!binary ",
    "|",
    ">-",
    "\"",
    "'",
    "\t",
    "\n",
    "\n  ",
    "~",
    "null",
    "yes",
    "1e400",
    "-0",
    "-1",
    "0",
    "99999999999999999999999999",
    "10000000001",
    "1e7",
    "2015.0",
    "2015.5",
    "0x10",
    "2015-02-30",
    "1850",
    "2999-01-01",
    "[a, b]",
    "{a: 1}",
    "\"\"",
    "\"  \"",
    "\u{feff}",
    "\u{0}",
];

/// One change to the text; positions are fractions of its length.
#[derive(Debug, Clone)]
enum Mutation {
    /// Keep the text up to here.
    Truncate(f64),
    /// Remove a range.
    Delete(f64, f64),
    /// Insert one of [`PIECES`].
    Piece(f64, usize),
    /// Insert arbitrary text.
    Insert(f64, String),
    /// Copy a range elsewhere.
    Splice(f64, f64, f64),
    /// Drop a line.
    DropLine(f64),
    /// Repeat a line (a duplicate key, often).
    RepeatLine(f64),
    /// Indent or outdent a line by two spaces.
    Shift(f64, bool),
    /// Give the key of a line another value: one of [`PIECES`].
    Value(f64, usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let at = 0.0f64..=1.0;
    prop_oneof![
        1 => at.clone().prop_map(Mutation::Truncate),
        1 => (at.clone(), at.clone()).prop_map(|(a, b)| Mutation::Delete(a, b)),
        3 => (at.clone(), 0..PIECES.len()).prop_map(|(a, i)| Mutation::Piece(a, i)),
        1 => (at.clone(), any::<String>()).prop_map(|(a, s)| Mutation::Insert(a, s)),
        1 => (at.clone(), at.clone(), at.clone()).prop_map(|(a, b, c)| Mutation::Splice(a, b, c)),
        2 => at.clone().prop_map(Mutation::DropLine),
        2 => at.clone().prop_map(Mutation::RepeatLine),
        2 => (at.clone(), any::<bool>()).prop_map(|(a, b)| Mutation::Shift(a, b)),
        3 => (at, 0..PIECES.len()).prop_map(|(a, i)| Mutation::Value(a, i)),
    ]
}

/// The character boundary nearest below `fraction` of `text`.
fn boundary(text: &str, fraction: f64) -> usize {
    let mut at = ((text.len() as f64) * fraction.clamp(0.0, 1.0)) as usize;
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The line holding `fraction` of `text`, as a byte range with its `\n`.
fn line_at(text: &str, fraction: f64) -> std::ops::Range<usize> {
    let at = boundary(text, fraction);
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i + 1);
    start..end
}

fn apply(text: &mut String, mutation: &Mutation) {
    match mutation {
        Mutation::Truncate(a) => text.truncate(boundary(text, *a)),
        Mutation::Delete(a, b) => {
            let (a, b) = (boundary(text, a.min(*b)), boundary(text, a.max(*b)));
            text.replace_range(a..b, "");
        }
        Mutation::Piece(a, i) => text.insert_str(boundary(text, *a), PIECES[*i]),
        Mutation::Insert(a, s) => text.insert_str(boundary(text, *a), s),
        Mutation::Splice(a, b, c) => {
            let (a, b) = (boundary(text, a.min(*b)), boundary(text, a.max(*b)));
            let piece = text[a..b].to_owned();
            text.insert_str(boundary(text, *c), &piece);
        }
        Mutation::DropLine(a) => {
            let line = line_at(text, *a);
            text.replace_range(line, "");
        }
        Mutation::RepeatLine(a) => {
            let line = line_at(text, *a);
            let copy = text[line.clone()].to_owned();
            text.insert_str(line.end, &copy);
        }
        Mutation::Value(a, i) => {
            // `key: value`, or `{…, key: value, …}`: the first value on the line.
            let line = line_at(text, *a);
            let here = &text[line.clone()];
            if let Some(colon) = here.find(": ") {
                let start = line.start + colon + 2;
                let end = text[start..line.end]
                    .find([',', '}', '\n'])
                    .map_or(line.end, |i| start + i);
                text.replace_range(start..end, PIECES[*i]);
            }
        }
        Mutation::Shift(a, indent) => {
            let line = line_at(text, *a);
            if *indent {
                text.insert_str(line.start, "  ");
            } else if text[line.clone()].starts_with("  ") {
                text.replace_range(line.start..line.start + 2, "");
            }
        }
    }
}

proptest! {
    #![proptest_config(config(256))]

    /// Issue 13, item 6: whatever the text, checking it gives a profile or
    /// errors, every error names the file, and every error about a field
    /// of the profile says where it is.
    #[test]
    fn any_text_gives_a_verdict_and_every_error_has_its_place(
        mutations in prop::collection::vec(mutation(), 1..6),
    ) {
        let mut text = BASE.to_owned();
        for mutation in &mutations {
            apply(&mut text, mutation);
        }
        let validator = Validator::builtin().expect("the built-in catalogues");
        let checked = check_source(SourceFile::new("mutated.yaml", text.as_str()), validator, today());
        let errors: Vec<_> = checked.diagnostics.iter().filter(|d| d.is_error()).collect();
        prop_assert!(
            checked.profile.is_some() == errors.is_empty(),
            "a profile, or errors: {:?}", checked.diagnostics
        );
        for d in &checked.diagnostics {
            prop_assert_eq!(d.file.as_deref(), Some("mutated.yaml"), "{:?}", d);
            prop_assert!(!d.message.is_empty(), "{:?}", d);
            prop_assert!(d.hint.as_deref().is_some_and(|h| !h.is_empty()), "every error says how to fix it: {:?}", d);
            prop_assert!(
                d.code.as_str() != "internal",
                "no input may reach a defect: {:?}", d
            );
            if d.path.is_some() {
                prop_assert!(d.location.is_some(), "a field's problem is placed: {:?}", d);
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Any value in any field.

/// The JSON pointer of every number, every string, and every list and
/// mapping but the whole of `value`.
fn places(value: &Value, pointer: String, out: &mut [Vec<String>; 3]) {
    match value {
        Value::Object(map) => {
            if !pointer.is_empty() {
                out[2].push(pointer.clone());
            }
            for (key, item) in map {
                let key = key.replace('~', "~0").replace('/', "~1");
                places(item, format!("{pointer}/{key}"), out);
            }
        }
        Value::Array(items) => {
            out[2].push(pointer.clone());
            for (i, item) in items.iter().enumerate() {
                places(item, format!("{pointer}/{i}"), out);
            }
        }
        Value::Number(_) => out[0].push(pointer),
        _ => out[1].push(pointer),
    }
}

/// A JSON value of any kind, numbers of every size and form above all.
fn any_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        any::<u64>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("JSON has no NaN or infinity", |x| x.is_finite())
            .prop_map(Value::from),
        // Whole numbers written as decimals, small and huge.
        (-1e30f64..1e30).prop_map(|x| Value::from(x.trunc())),
        (0u32..3000).prop_map(|x| Value::from(f64::from(x))),
        "[0-9]{4}(-[0-9]{2}){0,2}".prop_map(Value::from),
        ".{0,40}".prop_map(Value::from),
        any::<bool>().prop_map(Value::from),
        Just(Value::Null),
        Just(json!([])),
        Just(json!({})),
        Just(json!(["a", 1])),
    ]
}

proptest! {
    #![proptest_config(config(256))]

    /// Issue 13, item 6: any value put in place of a number, a string, or
    /// a whole list or mapping (each kind of place as often as the others)
    /// is a profile or a located error, never a defect: nothing that passes
    /// the JSON Schema fails the model.
    #[test]
    fn any_value_in_any_field_gives_a_located_verdict(
        kind in 0usize..3,
        place in any::<prop::sample::Index>(),
        value in any_value(),
    ) {
        let validator = Validator::builtin().expect("the built-in catalogues");
        let base = profilec::load::parse(SourceFile::new("base.yaml", BASE)).expect("the Belgian profile parses");
        let mut fields: [Vec<String>; 3] = Default::default();
        places(&base.value, String::new(), &mut fields);
        let mut profile = base.value.clone();
        let pointer = place.get(&fields[kind]).clone();
        if let Some(slot) = profile.pointer_mut(&pointer) {
            *slot = value;
        }
        let text = serde_json::to_string_pretty(&profile).expect("JSON text");
        let checked = check_source(SourceFile::new("changed.yaml", text.as_str()), validator, today());
        let errors = checked.diagnostics.iter().filter(|d| d.is_error()).count();
        prop_assert!(checked.profile.is_some() == (errors == 0), "{:?}", checked.diagnostics);
        for d in &checked.diagnostics {
            prop_assert!(d.code.as_str() != "internal", "{pointer}: {:?}", d);
            prop_assert_eq!(d.file.as_deref(), Some("changed.yaml"), "{:?}", d);
            prop_assert!(d.hint.is_some(), "{:?}", d);
            if d.path.is_some() {
                prop_assert!(d.location.is_some(), "{:?}", d);
            }
        }
    }
}
