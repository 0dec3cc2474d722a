//! The page style: margins, font sizes, spacing and colors, in one file a
//! publisher can override (`templates/pdf-style.yaml`).
//!
//! The built-in file holds every value. An override (`pdf-style.yaml` in the
//! `--templates` folder) is merged over it key by key, so it needs only what
//! it changes; the result is checked strictly (unknown keys, types) and for
//! sense (sizes and margins in range), and every problem is reported at once.
//! This module reads text it is given; it opens no files.

use serde::Deserialize;
use serde_json::Value;

use crate::load::from_yaml_str;

/// The name of the style file among the templates.
pub const STYLE_FILE: &str = "pdf-style.yaml";

/// The built-in style file.
pub const BUILTIN_STYLE: &str = include_str!("../../templates/pdf-style.yaml");

/// An RGB color, each channel 0–1.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(try_from = "String")]
pub struct Rgb(pub [f32; 3]);

impl TryFrom<String> for Rgb {
    type Error = String;

    fn try_from(text: String) -> Result<Self, Self::Error> {
        let hex = text.strip_prefix('#').unwrap_or("");
        if hex.len() != 6 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return Err(format!(
                "`{text}` is not a color; write it as \"#rrggbb\", e.g. \"#00599c\""
            ));
        }
        let channel =
            |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).map_or(0.0, |v| f32::from(v) / 255.0);
        Ok(Rgb([channel(0), channel(2), channel(4)]))
    }
}

/// The whole style. Read section by section ([`Style::from_override`]),
/// so that each section's problems are reported with its name.
#[derive(Debug, Clone, PartialEq)]
#[allow(missing_docs)]
pub struct Style {
    pub page: PageStyle,
    pub text: TextStyle,
    pub title: TitleStyle,
    pub background: BackgroundStyle,
    pub headings: Vec<HeadingStyle>,
    pub status: StatusStyle,
    pub lists: ListStyle,
    pub references: ReferenceStyle,
    pub links: LinkStyle,
    pub tables: TableStyle,
    pub header: HeaderStyle,
    pub footer: FooterStyle,
}

/// Page size and margins.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct PageStyle {
    pub width: f32,
    pub height: f32,
    pub margin: Margins,
}

/// The four margins.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct Margins {
    pub top: f32,
    pub right: f32,
    pub bottom: f32,
    pub left: f32,
}

/// Paragraphs.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct TextStyle {
    pub size: f32,
    /// A multiple of the font size.
    pub line_height: f32,
    pub color: Rgb,
    pub paragraph_space: f32,
    pub justify: bool,
}

/// The title block.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct TitleStyle {
    pub size: f32,
    pub color: Rgb,
    pub country_size: f32,
    pub country_color: Rgb,
    pub rule_color: Rgb,
    pub rule_width: f32,
    pub space_after: f32,
}

/// The two-column background block.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct BackgroundStyle {
    pub heading_size: f32,
    pub heading_color: Rgb,
    pub fill: Rgb,
    pub padding: f32,
    pub column_gap: f32,
    pub space_after: f32,
}

/// One level of numbered heading.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct HeadingStyle {
    pub size: f32,
    pub color: Rgb,
    pub space_before: f32,
    pub space_after: f32,
    /// The space after the section number, in ems.
    pub number_gap: f32,
    /// A rule under the heading; 0 for none.
    pub rule_width: f32,
}

/// The status line under each indicator.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct StatusStyle {
    pub size: f32,
    pub color: Rgb,
    pub space_after: f32,
    pub yes: Rgb,
    pub partial: Rgb,
    pub no: Rgb,
    pub unknown: Rgb,
}

/// Bulleted and numbered lists.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct ListStyle {
    pub indent: f32,
    pub bullet: String,
    pub item_space: f32,
}

/// The list of sources.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct ReferenceStyle {
    pub size: f32,
}

/// Links.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct LinkStyle {
    pub color: Rgb,
    pub underline: bool,
}

/// Tables.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct TableStyle {
    pub size: f32,
    pub padding: f32,
    pub rule_color: Rgb,
    pub header_fill: Rgb,
}

/// The running header.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct HeaderStyle {
    pub size: f32,
    pub color: Rgb,
    pub space: f32,
}

/// The running footer.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct FooterStyle {
    pub size: f32,
    pub color: Rgb,
    pub line_height: f32,
    pub rule_color: Rgb,
    pub rule_width: f32,
    pub space: f32,
}

/// What is wrong with a style file: every problem, each naming its key.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", problems.join("; "))]
pub struct StyleError {
    /// The problems, one sentence each.
    pub problems: Vec<String>,
    /// Line and column, for a YAML syntax error.
    pub location: Option<(u32, u32)>,
}

impl Style {
    /// The built-in style.
    pub fn builtin() -> Result<Style, StyleError> {
        Style::from_override(None)
    }

    /// The built-in style with `text` (a `pdf-style.yaml`) merged over it.
    pub fn from_override(text: Option<&str>) -> Result<Style, StyleError> {
        let mut value = parse_yaml(BUILTIN_STYLE)?;
        if let Some(text) = text {
            let changes = parse_yaml(text)?;
            match changes {
                // An empty file (or one holding only comments) changes nothing.
                Value::Null => {}
                Value::Object(_) => merge(&mut value, changes),
                _ => {
                    return Err(StyleError {
                        problems: vec![
                            "the style must be a mapping of sections (`page:`, `text:`, …)"
                                .to_owned(),
                        ],
                        location: None,
                    });
                }
            }
        }
        let style = from_sections(value)?;
        let problems = style.problems();
        if problems.is_empty() {
            Ok(style)
        } else {
            Err(StyleError {
                problems,
                location: None,
            })
        }
    }

    /// The style of a heading level (1 for `1.`, 2 for `1.1`, 3 for
    /// `1.1.1`); deeper levels look like the deepest.
    pub fn heading(&self, level: usize) -> &HeadingStyle {
        let index = level.clamp(1, self.headings.len()) - 1;
        &self.headings[index]
    }

    /// The width of the text column.
    pub fn text_width(&self) -> f32 {
        self.page.width - self.page.margin.left - self.page.margin.right
    }

    /// Every value out of its sensible range, as sentences.
    fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        let mut check = |name: &str, value: f32, low: f32, high: f32| {
            if !(low..=high).contains(&value) {
                problems.push(format!(
                    "`{name}` is {value}; it must be between {low} and {high}"
                ));
            }
        };
        let page = &self.page;
        check("page.width", page.width, 144.0, 2000.0);
        check("page.height", page.height, 144.0, 2000.0);
        let m = page.margin;
        check("page.margin.top", m.top, 0.0, page.height / 3.0);
        check("page.margin.bottom", m.bottom, 0.0, page.height / 3.0);
        check("page.margin.left", m.left, 0.0, page.width / 3.0);
        check("page.margin.right", m.right, 0.0, page.width / 3.0);
        for (name, size) in [
            ("text.size", self.text.size),
            ("title.size", self.title.size),
            ("title.country_size", self.title.country_size),
            ("background.heading_size", self.background.heading_size),
            ("status.size", self.status.size),
            ("references.size", self.references.size),
            ("tables.size", self.tables.size),
            ("header.size", self.header.size),
            ("footer.size", self.footer.size),
        ] {
            check(name, size, 4.0, 48.0);
        }
        check("text.line_height", self.text.line_height, 1.0, 3.0);
        check("footer.line_height", self.footer.line_height, 1.0, 3.0);
        for (name, space) in [
            ("text.paragraph_space", self.text.paragraph_space),
            ("title.space_after", self.title.space_after),
            ("title.rule_width", self.title.rule_width),
            ("background.padding", self.background.padding),
            ("background.column_gap", self.background.column_gap),
            ("background.space_after", self.background.space_after),
            ("status.space_after", self.status.space_after),
            ("lists.item_space", self.lists.item_space),
            ("tables.padding", self.tables.padding),
            ("header.space", self.header.space),
            ("footer.space", self.footer.space),
            ("footer.rule_width", self.footer.rule_width),
        ] {
            check(name, space, 0.0, 72.0);
        }
        check("lists.indent", self.lists.indent, 4.0, 72.0);
        if self.headings.is_empty() || self.headings.len() > 6 {
            problems.push(format!(
                "`headings` has {} levels; give one to six (the profile uses three)",
                self.headings.len()
            ));
        }
        for (i, h) in self.headings.iter().enumerate() {
            let mut check = |field: &str, value: f32, low: f32, high: f32| {
                if !(low..=high).contains(&value) {
                    problems.push(format!(
                        "`headings[{i}].{field}` is {value}; it must be between {low} and {high}"
                    ));
                }
            };
            check("size", h.size, 4.0, 48.0);
            check("space_before", h.space_before, 0.0, 72.0);
            check("space_after", h.space_after, 0.0, 72.0);
            check("number_gap", h.number_gap, 0.2, 2.0);
            check("rule_width", h.rule_width, 0.0, 12.0);
        }
        if self.lists.bullet.chars().count() > 3 {
            problems.push(format!(
                "`lists.bullet` is `{}`; use one to three characters, such as \"•\" or \"–\"",
                self.lists.bullet
            ));
        }
        // Leave room for at least a few words per line.
        if page.width - m.left - m.right < 144.0 {
            problems.push(format!(
                "the margins leave {} points for the text; keep at least 144 (two inches)",
                page.width - m.left - m.right
            ));
        }
        problems
    }
}

/// The sections of the style file.
const SECTIONS: [&str; 12] = [
    "page",
    "text",
    "title",
    "background",
    "headings",
    "status",
    "lists",
    "references",
    "links",
    "tables",
    "header",
    "footer",
];

/// Reads the merged style section by section (and heading by heading), so
/// that every section's problem is reported, each naming where it is.
fn from_sections(value: Value) -> Result<Style, StyleError> {
    let Value::Object(mut map) = value else {
        return Err(StyleError {
            problems: vec!["the style must be a mapping of sections".to_owned()],
            location: None,
        });
    };
    let mut problems: Vec<String> = map
        .keys()
        .filter(|k| !SECTIONS.contains(&k.as_str()))
        .map(|k| {
            format!(
                "unknown section `{k}`; the sections are {}",
                SECTIONS.map(|s| format!("`{s}`")).join(", ")
            )
        })
        .collect();
    fn part<T: serde::de::DeserializeOwned>(
        value: Option<Value>,
        name: &str,
        problems: &mut Vec<String>,
    ) -> Option<T> {
        let Some(value) = value else {
            problems.push(format!("the section `{name}` is missing"));
            return None;
        };
        serde_json::from_value(value)
            .map_err(|e| problems.push(format!("in `{name}`: {e}")))
            .ok()
    }
    let page = part(map.remove("page"), "page", &mut problems);
    let text = part(map.remove("text"), "text", &mut problems);
    let title = part(map.remove("title"), "title", &mut problems);
    let background = part(map.remove("background"), "background", &mut problems);
    let headings: Option<Vec<HeadingStyle>> = match map.remove("headings") {
        Some(Value::Array(items)) => {
            let parsed: Vec<Option<HeadingStyle>> = items
                .into_iter()
                .enumerate()
                .map(|(i, item)| part(Some(item), &format!("headings[{i}]"), &mut problems))
                .collect();
            parsed.into_iter().collect()
        }
        other => part(other, "headings", &mut problems),
    };
    let status = part(map.remove("status"), "status", &mut problems);
    let lists = part(map.remove("lists"), "lists", &mut problems);
    let references = part(map.remove("references"), "references", &mut problems);
    let links = part(map.remove("links"), "links", &mut problems);
    let tables = part(map.remove("tables"), "tables", &mut problems);
    let header = part(map.remove("header"), "header", &mut problems);
    let footer = part(map.remove("footer"), "footer", &mut problems);
    match (
        page, text, title, background, headings, status, lists, references, links, tables, header,
        footer,
    ) {
        (
            Some(page),
            Some(text),
            Some(title),
            Some(background),
            Some(headings),
            Some(status),
            Some(lists),
            Some(references),
            Some(links),
            Some(tables),
            Some(header),
            Some(footer),
        ) if problems.is_empty() => Ok(Style {
            page,
            text,
            title,
            background,
            headings,
            status,
            lists,
            references,
            links,
            tables,
            header,
            footer,
        }),
        _ => Err(StyleError {
            problems,
            location: None,
        }),
    }
}

fn parse_yaml(text: &str) -> Result<Value, StyleError> {
    if text.lines().all(|l| {
        let l = l.trim();
        l.is_empty() || l.starts_with('#')
    }) {
        return Ok(Value::Null);
    }
    from_yaml_str::<Value>(text).map_err(|e| {
        let message = e.to_string();
        StyleError {
            location: line_and_column(&message),
            problems: vec![message],
        }
    })
}

/// The `line N column M` a YAML error message mentions.
fn line_and_column(message: &str) -> Option<(u32, u32)> {
    let number_after = |word: &str| -> Option<u32> {
        let at = message.find(word)? + word.len();
        let digits: String = message[at..]
            .trim_start()
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        digits.parse().ok()
    };
    Some((number_after("line")?, number_after("column").unwrap_or(1)))
}

/// Merges `changes` into `base`: mappings key by key, lists item by item,
/// anything else replaced.
fn merge(base: &mut Value, changes: Value) {
    match (base, changes) {
        (Value::Object(base), Value::Object(changes)) => {
            for (key, change) in changes {
                match base.get_mut(&key) {
                    Some(slot) => merge(slot, change),
                    None => {
                        base.insert(key, change);
                    }
                }
            }
        }
        (Value::Array(base), Value::Array(changes)) => {
            for (i, change) in changes.into_iter().enumerate() {
                match base.get_mut(i) {
                    Some(slot) => merge(slot, change),
                    None => base.push(change),
                }
            }
        }
        (slot, change) => *slot = change,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_style_is_complete_and_sensible() {
        let style = Style::builtin().unwrap();
        assert_eq!(style.headings.len(), 3);
        assert!((style.page.width - 595.28).abs() < 0.01);
        assert_eq!(style.title.color, Rgb([0.0, 89.0 / 255.0, 156.0 / 255.0]));
    }

    #[test]
    fn an_override_changes_only_what_it_names() {
        let style =
            Style::from_override(Some("text: {size: 11}\nheadings: [{color: \"#000000\"}]\n"))
                .unwrap();
        let builtin = Style::builtin().unwrap();
        assert_eq!(style.text.size, 11.0);
        assert_eq!(style.text.line_height, builtin.text.line_height);
        assert_eq!(style.headings[0].color, Rgb([0.0, 0.0, 0.0]));
        assert_eq!(style.headings[0].size, builtin.headings[0].size);
        assert_eq!(style.headings[2], builtin.headings[2]);
        assert_eq!(Style::from_override(Some("# nothing\n")).unwrap(), builtin);
    }

    #[test]
    fn every_problem_is_reported_with_its_key() {
        let error = Style::from_override(Some("text: {size: 400}\npage: {margin: {left: 500}}\n"))
            .unwrap_err();
        let text = error.to_string();
        assert!(text.contains("`text.size` is 400"), "{text}");
        assert!(text.contains("`page.margin.left` is 500"), "{text}");
    }

    #[test]
    fn unknown_keys_and_bad_colors_are_refused_all_at_once() {
        let error = Style::from_override(Some(
            "text: {sise: 10}\nlinks: {color: blue}\nheadings: [{}, {size: big}]\nfooters: {}\n",
        ))
        .unwrap_err();
        let text = error.to_string();
        assert!(text.contains("in `text`: unknown field `sise`"), "{text}");
        assert!(text.contains("in `links`: `blue` is not a color"), "{text}");
        assert!(text.contains("#rrggbb"), "{text}");
        assert!(text.contains("in `headings[1]`"), "{text}");
        assert!(text.contains("unknown section `footers`"), "{text}");
        assert_eq!(error.problems.len(), 4, "{text}");
    }

    #[test]
    fn a_yaml_syntax_error_has_a_line() {
        let error = Style::from_override(Some("text:\n  size: [10\n")).unwrap_err();
        assert!(error.location.is_some(), "{error:?}");
    }
}
