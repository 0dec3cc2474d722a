//! The PDF: the profile's Markdown document typeset onto A4 pages.
//!
//! The pipeline, one module each, dependencies one way:
//!
//! | module | owns | must not |
//! | --- | --- | --- |
//! | [`blocks`] | Markdown → blocks (title, background, headings, lists, …) | measure text |
//! | [`fonts`] | the embedded fonts: glyphs, widths, subsets | know about pages |
//! | [`style`] | margins, sizes and colors, from `pdf-style.yaml` | read files |
//! | [`text`] | breaking inline text into lines by glyph widths | place lines on pages |
//! | [`layout`] | blocks → pages of positioned glyph runs, links, outline, the logical structure | know PDF syntax |
//! | [`export`] | layout → tagged PDF bytes (the only PDF writer) | write files |
//!
//! The words come from the Markdown document the HTML page is made from, so
//! the formats say the same thing; the running header and footer come from
//! Tera templates (`pdf-header.tera`, `pdf-footer.tera`) and the document
//! properties from `pdf-metadata.yaml`, all overridable with `--templates`.
//! The output is deterministic: the dates are the profile's last update (or
//! `SOURCE_DATE_EPOCH`, which the caller passes in), the document ID is a
//! hash of the content, and nothing random reaches the file.

pub mod blocks;
pub mod export;
pub mod fonts;
pub mod layout;
pub mod style;
pub mod text;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use serde::Deserialize;

use crate::diag::{Code, Diagnostic};
use crate::load::{escape_pointer, from_yaml_str};
use crate::model::AnyProfile;
use crate::render::{RenderContext, RenderError, Rendered, Renderer, Templates, View};

pub use layout::Layout;
pub use style::Style;

/// The running header template.
pub const HEADER_TEMPLATE: &str = "pdf-header.tera";
/// The running footer template.
pub const FOOTER_TEMPLATE: &str = "pdf-footer.tera";
/// The document properties template (YAML).
pub const METADATA_TEMPLATE: &str = "pdf-metadata.yaml";

/// The PDF format.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PdfRenderer {
    /// The time to record as the document's creation and modification, in
    /// seconds since 1970 (`SOURCE_DATE_EPOCH`); by default the day the
    /// profile was last updated.
    pub source_date_epoch: Option<i64>,
}

impl Renderer for PdfRenderer {
    fn name(&self) -> &'static str {
        "pdf"
    }

    fn extension(&self) -> &'static str {
        "pdf"
    }

    /// The PDF bytes. Warnings (characters the font cannot show) are left
    /// out here; [`Renderer::render_with_warnings`] returns them.
    fn render(&self, context: &RenderContext) -> Result<Vec<u8>, RenderError> {
        self.render_with_warnings(context).map(|r| r.output)
    }

    fn render_with_warnings(&self, context: &RenderContext) -> Result<Rendered, RenderError> {
        let layout = lay_out(context)?;
        let metadata = metadata(context, self.source_date_epoch)?;
        let bytes =
            export::export(&layout, &metadata).map_err(|e| RenderError::Output(e.to_string()))?;
        Ok(Rendered::with(
            bytes,
            missing_glyph_warnings(&layout.missing, context.profile),
        ))
    }
}

/// Lays out a profile's document: the pure half of the PDF renderer.
pub fn lay_out(context: &RenderContext) -> Result<Layout, RenderError> {
    let style = load_style(context.templates, context.view)?;
    let fonts = fonts::Fonts::embedded().map_err(|e| RenderError::Output(e.to_string()))?;
    let view = context.view;
    let mut blocks = blocks::parse(context.markdown, view.title().chars().count());
    // The charts of a GCI profile, drawn where the Markdown marks them.
    if let Some(scored) = view.scored() {
        for block in &blocks.blocks {
            if let blocks::Block::Figure(name) = block
                && let Some(figure) = crate::render::chart::figure(scored, name)
            {
                blocks.figures.insert(name.clone(), figure);
            }
        }
    }
    let furniture = TemplateFurniture::new(context.templates, view, &blocks.closing);
    layout::lay_out(&blocks, &style, fonts, &furniture)
}

/// The page style: the built-in one, or a publisher's `pdf-style.yaml`
/// merged over it.
pub fn load_style(templates: &Templates, view: &View) -> Result<Style, RenderError> {
    let located = |e: style::StyleError| RenderError::Template {
        template: style::STYLE_FILE.to_owned(),
        location: e.location,
        message: e.to_string(),
    };
    if templates.origin(style::STYLE_FILE).is_none() {
        static BUILTIN: OnceLock<Result<Style, style::StyleError>> = OnceLock::new();
        return BUILTIN.get_or_init(Style::builtin).clone().map_err(located);
    }
    let mut context = tera::Context::new();
    context.insert("doc", view);
    let text = templates.render(style::STYLE_FILE, &context)?;
    Style::from_override(Some(&text)).map_err(located)
}

/// The header and footer, from their templates.
struct TemplateFurniture<'a> {
    templates: &'a Templates,
    /// The document and closing lines, turned into template values once:
    /// the furniture is rendered twice per page.
    context: std::cell::RefCell<tera::Context>,
}

impl<'a> TemplateFurniture<'a> {
    fn new(templates: &'a Templates, view: &View, closing: &[String]) -> Self {
        let mut context = tera::Context::new();
        context.insert("doc", view);
        context.insert("closing", closing);
        context.insert("tab", "\t");
        TemplateFurniture {
            templates,
            context: std::cell::RefCell::new(context),
        }
    }

    fn render(&self, template: &str, page: usize, pages: usize) -> Result<String, RenderError> {
        let mut context = self.context.borrow_mut();
        context.insert("page", &page);
        context.insert("pages", &pages);
        self.templates.render(template, &context)
    }
}

impl layout::Furniture for TemplateFurniture<'_> {
    fn header(&self, page: usize, pages: usize) -> Result<String, RenderError> {
        self.render(HEADER_TEMPLATE, page, pages)
    }

    fn footer(&self, page: usize, pages: usize) -> Result<String, RenderError> {
        self.render(FOOTER_TEMPLATE, page, pages)
    }
}

/// The document properties, as `pdf-metadata.yaml` writes them.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct MetadataFile {
    title: String,
    author: String,
    subject: String,
    #[serde(default)]
    keywords: Vec<String>,
    language: String,
}

fn metadata(
    context: &RenderContext,
    source_date_epoch: Option<i64>,
) -> Result<export::Metadata, RenderError> {
    let mut tera_context = tera::Context::new();
    tera_context.insert("doc", context.view);
    let text = context.templates.render(METADATA_TEMPLATE, &tera_context)?;
    let file: MetadataFile = from_yaml_str(&text).map_err(|e| RenderError::Template {
        template: METADATA_TEMPLATE.to_owned(),
        location: None,
        message: format!(
            "it must write YAML with `title`, `author`, `subject`, `keywords` and `language`: {e}"
        ),
    })?;
    let updated = context.profile.last_updated();
    let date = source_date_epoch.unwrap_or_else(|| updated.unix_days() * 86_400);
    Ok(export::Metadata {
        title: file.title,
        author: file.author,
        subject: file.subject,
        keywords: file.keywords,
        language: file.language,
        date,
    })
}

/// One warning per profile field holding characters the font cannot show,
/// naming the field (a JSON pointer) and the characters. Characters that no
/// field holds came from a template or the catalogue.
pub fn missing_glyph_warnings(missing: &BTreeSet<char>, profile: &AnyProfile) -> Vec<Diagnostic> {
    if missing.is_empty() {
        return Vec::new();
    }
    let mut by_field: BTreeMap<String, BTreeSet<char>> = BTreeMap::new();
    let mut found: BTreeSet<char> = BTreeSet::new();
    if let Ok(value) = serde_json::to_value(profile) {
        let mut strings = Vec::new();
        collect_strings(&value, String::new(), &mut strings);
        for (pointer, text) in strings {
            let here: BTreeSet<char> = text.chars().filter(|c| missing.contains(c)).collect();
            if !here.is_empty() {
                found.extend(here.iter().copied());
                by_field.entry(pointer).or_default().extend(here);
            }
        }
    }
    let hint = "the PDF's font (Noto Sans) covers Latin, Greek and Cyrillic scripts; \
                write the name in one of them (a transliteration), or leave the character out";
    let mut warnings: Vec<Diagnostic> = by_field
        .into_iter()
        .map(|(pointer, chars)| {
            Diagnostic::warning(
                Code::MissingGlyph,
                format!(
                    "the PDF's font has no glyph for {} in `{pointer}`; the PDF shows an empty box instead",
                    describe_chars(&chars)
                ),
            )
            .with_hint(hint)
            .at(pointer)
        })
        .collect();
    let elsewhere: BTreeSet<char> = missing.difference(&found).copied().collect();
    if !elsewhere.is_empty() {
        warnings.push(
            Diagnostic::warning(
                Code::MissingGlyph,
                format!(
                    "the PDF's font has no glyph for {} in the templates' text; the PDF shows an empty box instead",
                    describe_chars(&elsewhere)
                ),
            )
            .with_hint("change the template (see --templates) to use characters the font covers"),
        );
    }
    warnings
}

fn describe_chars(chars: &BTreeSet<char>) -> String {
    let shown: Vec<String> = chars
        .iter()
        .take(8)
        .map(|c| {
            if c.is_control() {
                format!("U+{:04X}", *c as u32)
            } else {
                format!("`{c}` (U+{:04X})", *c as u32)
            }
        })
        .collect();
    let more = chars.len().saturating_sub(8);
    if more > 0 {
        format!("{} and {more} more", shown.join(", "))
    } else {
        shown.join(", ")
    }
}

fn collect_strings(value: &serde_json::Value, pointer: String, out: &mut Vec<(String, String)>) {
    match value {
        serde_json::Value::String(text) => out.push((pointer, text.clone())),
        serde_json::Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                collect_strings(item, format!("{pointer}/{i}"), out);
            }
        }
        serde_json::Value::Object(map) => {
            for (key, item) in map {
                collect_strings(item, format!("{pointer}/{}", escape_pointer(key)), out);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::check_source;
    use crate::load::SourceFile;
    use crate::model::Date;
    use crate::render::Sentences;
    use crate::schema::Catalogues;
    use crate::validate::Validator;

    /// Lays out a profile given as YAML text with the built-in templates.
    pub(crate) fn layout_of(name: &str, yaml: &str) -> (Layout, Vec<Diagnostic>, Vec<u8>) {
        let catalogues = Catalogues::builtin().unwrap();
        let today = Date::new(2026, 1, 1).unwrap();
        let checked = check_source(
            SourceFile::new(name, yaml),
            Validator::builtin().unwrap(),
            today,
        );
        let profile = checked.profile.expect("a valid profile");
        let templates = Templates::builtin().unwrap();
        let prepared = crate::render::prepare(
            &profile,
            catalogues,
            &templates,
            Sentences::builtin().unwrap(),
        )
        .unwrap();
        let context = prepared.context(&profile, &templates);
        let layout = lay_out(&context).unwrap();
        let rendered = PdfRenderer::default()
            .render_with_warnings(&context)
            .unwrap();
        (layout, rendered.warnings, rendered.output)
    }

    #[test]
    fn belgium_2015_layout_snapshot() {
        let (layout, warnings, _) = layout_of(
            "belgium-2015.yaml",
            include_str!("../../profiles/belgium-2015.yaml"),
        );
        assert!(warnings.is_empty(), "{warnings:?}");
        insta::assert_snapshot!("belgium_2015_layout", layout.describe());
    }

    #[test]
    fn belgium_2015_structure_snapshot() {
        let (layout, _, _) = layout_of(
            "belgium-2015.yaml",
            include_str!("../../profiles/belgium-2015.yaml"),
        );
        insta::assert_snapshot!(
            "belgium_2015_structure",
            layout.structure.describe(&layout.pages)
        );
    }

    #[test]
    fn belgium_2015_pdf_bytes_hash() {
        let (_, _, bytes) = layout_of(
            "belgium-2015.yaml",
            include_str!("../../profiles/belgium-2015.yaml"),
        );
        assert!(bytes.starts_with(b"%PDF-1.7"));
        assert!(bytes.len() < 150_000, "{} bytes", bytes.len());
        insta::assert_snapshot!(
            "belgium_2015_pdf_hash",
            format!(
                "{} bytes, fnv64 {:016x}",
                bytes.len(),
                export::fnv64(&bytes)
            )
        );
    }

    #[test]
    fn a_missing_character_is_reported_once_per_field_that_holds_it() {
        let yaml = include_str!("../../profiles/belgium-2015.yaml")
            .replace("name: Belgium", "name: Belgium 中")
            .replace(
                "agencies: [CERT.be, Belnet CERT, Belnet, Fedict]",
                "agencies: [CERT.be, Belnet CERT, Belnet, Fedict 中国]",
            );
        let (layout, warnings, _) = layout_of("x.yaml", &yaml);
        assert!(layout.missing.contains(&'中'));
        let paths: Vec<&str> = warnings.iter().filter_map(|w| w.path.as_deref()).collect();
        assert!(paths.contains(&"/country/name"), "{paths:?}");
        assert!(warnings.iter().all(|w| w.code == Code::MissingGlyph));
        assert!(
            warnings
                .iter()
                .all(|w| w.severity == crate::diag::Severity::Warning)
        );
    }

    #[test]
    fn a_link_in_a_right_aligned_cell_keeps_its_underline_under_its_text() {
        let yaml = include_str!("../../profiles/belgium-2015.yaml").replace(
            "    agencies: [CERT.be, Belnet CERT, Belnet, Fedict]\n    text: >-\n",
            "    agencies: [CERT.be, Belnet CERT, Belnet, Fedict]\n    text: |-\n      \
             | Team | Site |\n      | --- | ---: |\n      \
             | CERT | [cert.example](https://cert.example/) |\n\n",
        );
        assert!(yaml.contains("cert.example"), "the fixture changed");
        let (layout, _, _) = layout_of("x.yaml", &yaml);
        let (page, link) = layout
            .pages
            .iter()
            .flat_map(|p| p.links.iter().map(move |l| (p, l)))
            .find(|(_, l)| matches!(&l.target, layout::Target::Uri(u) if u == "https://cert.example/"))
            .expect("the link is laid out");
        let r = link.rect;
        // Right-aligned: the link is not at the cell's left.
        assert!(r.x > page.body.x + page.body.width / 2.0, "{r:?}");
        let underlines: Vec<(f32, f32)> = page
            .items
            .iter()
            .filter_map(|item| match item {
                layout::Item::Line { from, to, .. }
                    if from.1 == to.1 && from.1 >= r.y && from.1 <= r.y + r.height + 2.0 =>
                {
                    Some((from.0, to.0))
                }
                _ => None,
            })
            .collect();
        assert!(
            underlines
                .iter()
                .any(|&(a, b)| (a - r.x).abs() < 0.5 && (b - (r.x + r.width)).abs() < 0.5),
            "no underline under the link at {r:?}: {underlines:?}"
        );
    }

    #[test]
    fn hostile_free_text_lays_out_inside_the_margins() {
        let text = format!(
            "# {heading}\n\n{word}\n\n{quotes} deep\n\n{columns}|\n{separator}|\n{columns}|\n\n\u{7}bell \u{202e}rtl\u{202c} e\u{301} \u{200b}zw\u{ad}sh\n\n```\ncode\n```\n\n* * *\n",
            heading = "Heading ".repeat(300),
            word = "x".repeat(20_000),
            quotes = ">".repeat(3_000),
            columns = "| c ".repeat(300),
            separator = "|---".repeat(300),
        );
        let catalogues = Catalogues::builtin().unwrap();
        let mut profile = check_source(
            SourceFile::new("b.yaml", include_str!("../../profiles/belgium-2015.yaml")),
            Validator::builtin().unwrap(),
            Date::new(2026, 1, 1).unwrap(),
        )
        .profile
        .unwrap();
        if let crate::model::AnyProfile::Cyberwellness(p) = &mut profile
            && let Some(cirt) = p.technical.get_mut("cirt")
        {
            cirt.text = Some(text);
        }
        let templates = Templates::builtin().unwrap();
        let prepared = crate::render::prepare(
            &profile,
            catalogues,
            &templates,
            Sentences::builtin().unwrap(),
        )
        .unwrap();
        let context = prepared.context(&profile, &templates);
        let layout = lay_out(&context).unwrap();
        let style = Style::builtin().unwrap();
        let m = style.page.margin;
        for page in &layout.pages {
            for item in &page.items {
                if let layout::Item::Text(run) = item {
                    let shown: String = run.text().chars().take(20).collect();
                    assert!(run.x >= m.left - 0.01, "{shown:?} starts at {}", run.x);
                    assert!(
                        run.x + run.width() <= style.page.width - m.right + 0.01,
                        "{shown:?} ends at {}",
                        run.x + run.width()
                    );
                    assert!(
                        run.baseline > m.top && run.baseline < style.page.height - m.bottom,
                        "{shown:?}"
                    );
                }
            }
        }
        assert!(layout.pages.len() > 3, "{} pages", layout.pages.len());
        // The bell is a character no font shows: reported, not dropped.
        assert!(layout.missing.contains(&'\u{7}'), "{:?}", layout.missing);
        let rendered = PdfRenderer::default()
            .render_with_warnings(&context)
            .unwrap();
        assert!(rendered.output.starts_with(b"%PDF"));
        assert!(
            rendered
                .warnings
                .iter()
                .any(|w| w.path.as_deref() == Some("/technical/cirt/text")),
            "{:?}",
            rendered.warnings
        );
    }
}
