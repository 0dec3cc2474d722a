//! An imported profile as YAML, written the way the hand-made profiles are:
//! the `yaml-language-server` line, a header comment, the fields in the
//! model's order, indicators in the catalogue's order, names in flow lists
//! where they fit and bullets as block lists, free text folded at 78
//! columns, and every note as an `# imported:` comment above what it is
//! about.
//!
//! profilec reads YAML through `load` only; this writer is small and exact
//! about quoting instead of going through a serializer that cannot place
//! comments. Its output is checked by parsing it back (tests, and the
//! `import` command validates it before writing).

use super::Imported;
use super::dates::in_words;
use crate::model::{Background, Country, Indicator};
use crate::schema::{Catalogue, NamedList};

/// The widest line the writer makes, as in the hand-made profiles.
const WIDTH: usize = 78;

/// The YAML text of an imported profile, with its notes as comments.
pub fn to_yaml(imported: &Imported, catalogue: &Catalogue) -> String {
    let profile = &imported.profile;
    let notes = &imported.notes;
    let mut out = String::new();
    out.push_str("# yaml-language-server: $schema=../schema/profile.schema.json\n#\n");
    let name = &profile.country.name;
    comment(
        &mut out,
        "",
        &format!(
            "{name}, {} edition: the ITU Cyberwellness Profile of {name}, last updated on {}, imported by `profilec import` from the text of the ITU document. Answers without `text` use the ITU's standard sentence for their status. An `# imported:` comment marks what the importer had to guess: check it against the document, then delete the comment.",
            profile.edition,
            in_words(profile.last_updated)
        ),
    );
    line(
        &mut out,
        0,
        &format!("schema_edition: {}", scalar(&profile.schema_edition)),
    );
    for note in &notes.country {
        comment(&mut out, "", &format!("imported: {note}"));
    }
    country(&mut out, &profile.country);
    for note in &notes.last_updated {
        comment(&mut out, "", &format!("imported: {note}"));
    }
    line(&mut out, 0, &format!("edition: {}", profile.edition));
    line(
        &mut out,
        0,
        &format!("last_updated: {}", profile.last_updated),
    );
    line(
        &mut out,
        0,
        &format!("publisher: {}", scalar(&profile.publisher)),
    );
    background(&mut out, &profile.background);
    if !profile.sources.is_empty() {
        line(&mut out, 0, "sources:");
        for (id, source) in &profile.sources {
            line(&mut out, 2, &format!("{}:", scalar(id)));
            line(&mut out, 4, &format!("title: {}", scalar(&source.title)));
            if let Some(publisher) = &source.publisher {
                line(&mut out, 4, &format!("publisher: {}", scalar(publisher)));
            }
            if let Some(date) = &source.date {
                line(&mut out, 4, &format!("date: {date}"));
            }
            if let Some(url) = &source.url {
                line(&mut out, 4, &format!("url: {}", scalar(url)));
            }
        }
    }
    for area in catalogue.areas() {
        let Some(answers) = profile.area(&area.key) else {
            continue;
        };
        out.push('\n');
        line(&mut out, 0, &format!("{}:", area.key));
        for spec in &area.indicators {
            let Some(answer) = answers.get(&spec.key) else {
                continue;
            };
            for note in notes
                .indicators
                .get(&(area.key.clone(), spec.key.clone()))
                .into_iter()
                .flatten()
            {
                comment(&mut out, "  ", &format!("imported: {note}"));
            }
            line(&mut out, 2, &format!("{}:", scalar(&spec.key)));
            indicator(&mut out, answer, spec.list == Some(NamedList::Instruments));
        }
    }
    out
}

/// The `country:` block: name and codes.
pub(crate) fn country(out: &mut String, country: &Country) {
    line(out, 0, "country:");
    line(out, 2, &format!("name: {}", scalar(&country.name)));
    line(out, 2, &format!("alpha2: {}", scalar(&country.alpha2)));
    line(out, 2, &format!("alpha3: {}", scalar(&country.alpha3)));
}

/// The `background:` block, as YAML.
pub(crate) fn background(out: &mut String, background: &Background) {
    if background.population.is_none() && background.internet_users.is_none() {
        line(out, 0, "background: {}");
        return;
    }
    line(out, 0, "background:");
    if let Some(population) = &background.population {
        line(out, 2, "population:");
        line(out, 4, &format!("value: {}", population.value));
        line(out, 4, &format!("source: {}", scalar(&population.source)));
        line(out, 4, &format!("as_of: {}", population.as_of));
    }
    if let Some(internet) = &background.internet_users {
        line(out, 2, "internet_users:");
        line(out, 4, &format!("percent: {}", internet.percent));
        line(out, 4, &format!("source: {}", scalar(&internet.source)));
        line(out, 4, &format!("as_of: {}", internet.as_of));
    }
}

/// One indicator's answer, as YAML (under its key).
pub(crate) fn indicator(out: &mut String, answer: &Indicator, bullets: bool) {
    line(out, 4, &format!("status: {}", answer.status));
    list(out, "instruments", &answer.instruments, bullets);
    list(out, "agencies", &answer.agencies, false);
    if let Some(text) = &answer.text {
        block_text(out, text);
    }
    list(out, "sources", &answer.sources, false);
    if let Some(year) = answer.carried_over_from {
        line(out, 4, &format!("carried_over_from: {year}"));
    }
}

pub(crate) fn line(out: &mut String, indent: usize, text: &str) {
    out.extend(std::iter::repeat_n(' ', indent));
    out.push_str(text);
    out.push('\n');
}

/// `# …` lines, wrapped.
pub(crate) fn comment(out: &mut String, indent: &str, text: &str) {
    let prefix = format!("{indent}# ");
    for wrapped in wrap(text, WIDTH.saturating_sub(prefix.len()).max(20)) {
        out.push_str(prefix.trim_end_matches(' '));
        if !wrapped.is_empty() {
            out.push(' ');
            out.push_str(&wrapped);
        }
        out.push('\n');
    }
}

/// A list: flow (`[a, b]`) when it fits and its items allow it, else one
/// item a line. The bullets of a document stay one a line, as printed.
pub(crate) fn list(out: &mut String, key: &str, items: &[String], block: bool) {
    if items.is_empty() {
        return;
    }
    let flow = format!(
        "{key}: [{}]",
        items
            .iter()
            .map(|i| flow_scalar(i))
            .collect::<Vec<_>>()
            .join(", ")
    );
    if !block && 4 + flow.len() <= WIDTH && items.iter().all(|i| flow_safe(i)) {
        line(out, 4, &flow);
        return;
    }
    line(out, 4, &format!("{key}:"));
    for item in items {
        line(out, 6, &format!("- {}", scalar(item)));
    }
}

/// Free text: on the key's line when short, else a folded block (`>-`)
/// wrapped at the width, or a literal block (`|-`) when it has several
/// paragraphs or a list, so that its line breaks stay what they are.
pub(crate) fn block_text(out: &mut String, text: &str) {
    let inline = format!("text: {}", scalar(text));
    if !text.contains('\n') && plain_safe(text) && 4 + inline.len() <= WIDTH {
        line(out, 4, &inline);
        return;
    }
    if text.contains('\n') {
        line(out, 4, "text: |-");
        for text_line in text.split('\n') {
            if text_line.is_empty() {
                out.push('\n');
            } else {
                line(out, 6, text_line);
            }
        }
        return;
    }
    line(out, 4, "text: >-");
    for wrapped in wrap(text, WIDTH - 6) {
        line(out, 6, &wrapped);
    }
}

/// Words into lines of at most `width` characters (a longer word gets a
/// line of its own).
pub(crate) fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        if !current.is_empty() && current.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(word);
    }
    if !current.is_empty() || lines.is_empty() {
        lines.push(current);
    }
    lines
}

/// A string as a YAML scalar: plain where that reads back as the same
/// string, double-quoted otherwise.
pub fn scalar(text: &str) -> String {
    if plain_safe(text) {
        text.to_owned()
    } else {
        quoted(text)
    }
}

fn flow_scalar(text: &str) -> String {
    if flow_safe(text) {
        text.to_owned()
    } else {
        quoted(text)
    }
}

fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() || matches!(c, '\u{feff}' | '\u{2028}' | '\u{2029}') => {
                out.push_str(&format!("\\u{:04X}", u32::from(c)));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Whether `text` can be written as a plain scalar and read back as this
/// string: no indicator at its start, no `: ` or ` #` inside, nothing a
/// YAML reader would take for a boolean, null or number.
fn plain_safe(text: &str) -> bool {
    let Some(first) = text.chars().next() else {
        return false;
    };
    let special = matches!(
        text.to_lowercase().as_str(),
        "y" | "n" | "yes" | "no" | "true" | "false" | "on" | "off" | "null" | "~"
    );
    // Numbers, dates and the like: quoted rather than risk a reader's typing.
    let numeric = first.is_ascii_digit()
        && text
            .chars()
            .all(|c| c.is_ascii_hexdigit() || "+-._:xXoO".contains(c));
    !special
        && !numeric
        && !"-?:,[]{}#&*!|>'\"%@`.+".contains(first)
        && !first.is_whitespace()
        && !text.ends_with(char::is_whitespace)
        && !text.ends_with(':')
        && !text.contains(": ")
        && !text.contains(" #")
        && !text.contains('\t')
        && !text
            .chars()
            .any(|c| c.is_control() || matches!(c, '\u{feff}' | '\u{2028}' | '\u{2029}' | '\u{85}'))
        && !text.starts_with("---")
        && !text.starts_with("...")
}

/// Whether `text` can be a plain item of a flow list `[a, b]`.
fn flow_safe(text: &str) -> bool {
    plain_safe(text) && !text.contains([',', '[', ']', '{', '}'])
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize)]
    struct One {
        v: String,
    }

    fn read_back(yaml: &str) -> String {
        crate::load::from_yaml_str::<One>(yaml)
            .unwrap_or_else(|e| panic!("{yaml}: {e}"))
            .v
    }

    #[test]
    fn scalars_read_back_as_the_same_string() {
        for text in [
            "Belgium",
            "Côte d'Ivoire",
            "Cyberwellness Profile: Belgium",
            "yes",
            "No",
            "null",
            "~",
            "2015",
            "2015-02-02",
            "1.5",
            "0x1F",
            "1e3",
            "-",
            "- item",
            "# not a comment",
            "a # b",
            "ends with colon:",
            "\"quoted\"",
            "'single'",
            "back\\slash",
            "tab\there",
            "line\nbreak",
            "bell\u{7}",
            "[bracket",
            "{brace}",
            "*star",
            "&anchor",
            "!tag",
            "%percent",
            "@at",
            "`tick",
            "|pipe",
            ">fold",
            "Articles 383, 383bis, 385, 386 and 387* of the Criminal Code",
            "www.stopchildporno.be",
            "---",
            "...",
            ".inf",
            "+1",
            " leading space",
            "trailing space ",
        ] {
            assert_eq!(read_back(&format!("v: {}\n", scalar(text))), text, "{text}");
        }
    }

    #[test]
    fn flow_items_read_back_as_the_same_list() {
        #[derive(Deserialize)]
        struct List {
            v: Vec<String>,
        }
        let items = ["A, B", "[x]", "plain", "yes", "CERT.be"];
        let yaml = format!(
            "v: [{}]\n",
            items
                .iter()
                .map(|i| flow_scalar(i))
                .collect::<Vec<_>>()
                .join(", ")
        );
        let list: List = crate::load::from_yaml_str(&yaml).unwrap();
        assert_eq!(list.v, items);
    }

    #[test]
    fn wrapping_keeps_every_word_within_the_width() {
        let text = "word ".repeat(40);
        let lines = wrap(text.trim(), 20);
        assert!(lines.iter().all(|l| l.len() <= 20));
        assert_eq!(lines.join(" "), text.trim());
        assert_eq!(
            wrap("averyveryverylongword x", 5),
            ["averyveryverylongword", "x"]
        );
    }

    #[test]
    fn texts_read_back_whole() {
        #[derive(Deserialize)]
        struct Text {
            text: String,
        }
        for text in [
            "Short text.",
            "A long paragraph that must be folded over several lines. A long paragraph that must be folded over several lines. A long paragraph that must be folded over several lines. A long paragraph that must be folded over several lines.",
            "First paragraph.\n\nSecond paragraph.\n\n- item one\n- item two",
            "# starts like a comment but is long enough to be folded over more than one line of the block",
            "ends with colon: and is long enough to need a folded block for sure, does it not? yes it does",
        ] {
            let mut out = String::new();
            block_text(&mut out, text);
            let yaml = out
                .replacen("    text:", "text:", 1)
                .replace("\n      ", "\n  ");
            let back: Text =
                crate::load::from_yaml_str(&yaml).unwrap_or_else(|e| panic!("{yaml}: {e}"));
            assert_eq!(back.text, text, "{yaml}");
        }
    }
}
