//! Rendering a profile into documents.
//!
//! The pipeline is one-way: a [`DocumentView`] is built from the profile and
//! its catalogue; the Markdown template turns it into the Markdown document,
//! which is *the* document; the HTML page is made from that Markdown (so both
//! say the same words) and wrapped by the page template. Each output format is
//! a [`Renderer`] with a name and one `render` method; renderers return bytes
//! and never write files (the `output` module does).
//!
//! Templates are Tera files under `templates/`, embedded in the binary; a
//! publisher overrides any of them by name with `--templates DIR`.

pub mod chart;
pub mod citation;
pub mod diff;
pub mod html;
pub mod markdown;
pub mod marks;
pub mod scorecard;
pub mod sentences;
pub mod templates;
pub mod view;

pub use scorecard::{ScorecardView, scorecard_view};
pub use sentences::Sentences;
pub use templates::Templates;
pub use view::{DocumentView, document_view};

use serde::Serialize;

use crate::diag::{Code, Diagnostic, Location, Warned};
use crate::model::{AnyProfile, ScoredProfile};
use crate::schema::{AnyEdition, Catalogues};

/// Why a document could not be rendered.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RenderError {
    /// A template failed to parse or to render.
    #[error("template {template}: {message}")]
    Template {
        /// The template's name (or file, for an override).
        template: String,
        /// Where in the template, when Tera says.
        location: Option<(u32, u32)>,
        /// Tera's explanation.
        message: String,
    },
    /// The profile lacks something the document needs (it was not validated).
    #[error("{0}")]
    Data(String),
    /// A defect in an output stage.
    #[error("{0}")]
    Output(String),
}

impl RenderError {
    /// Converts a Tera error, keeping the template name, line and column
    /// Tera reports deep in its error chain.
    pub fn from_tera(error: &tera::Error, template: &str) -> Self {
        let mut messages = Vec::new();
        let mut current: Option<&dyn std::error::Error> = Some(error);
        while let Some(e) = current {
            messages.push(e.to_string());
            current = e.source();
        }
        let text = messages.join("\n");
        let named = messages
            .iter()
            .find_map(|m| {
                let start = m.find(['\'', '"'])?;
                let quote = m[start..].chars().next()?;
                let rest = &m[start + 1..];
                let end = rest.find(quote)?;
                (m.starts_with("Failed to parse") || m.starts_with("Failed to render"))
                    .then(|| rest[..end].to_owned())
            })
            .unwrap_or_else(|| template.to_owned());
        let location = text.find("--> ").and_then(|at| {
            let rest = &text[at + 4..];
            let end = rest.find(|c: char| !(c.is_ascii_digit() || c == ':'))?;
            let (line, column) = rest[..end].split_once(':')?;
            Some((line.parse().ok()?, column.parse().ok()?))
        });
        // Keep Tera's explanation, without its own "Failed to …" headers.
        let message = messages
            .iter()
            .filter(|m| !m.starts_with("Failed to parse") && !m.starts_with("Failed to render"))
            .map(|m| {
                m.lines()
                    .filter(|l| !l.trim().is_empty())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect::<Vec<_>>()
            .join(": ");
        RenderError::Template {
            template: named,
            location,
            message: if message.is_empty() { text } else { message },
        }
    }

    /// The error as a diagnostic a user can act on.
    pub fn to_diagnostic(&self, templates: Option<&Templates>) -> Diagnostic {
        match self {
            RenderError::Template {
                template,
                location,
                message,
            } => {
                let file = templates
                    .and_then(|t| t.origin(template))
                    .unwrap_or_else(|| format!("{template} (built-in template)"));
                let mut diagnostic = Diagnostic::error(Code::Template, format!("template `{template}`: {message}"))
                    .with_hint("fix the template (see templates/ for the built-in ones), or remove the override to use the built-in one")
                    .in_file(file);
                if let Some((line, column)) = location {
                    let text = templates.and_then(|t| t.line(template, *line));
                    diagnostic = diagnostic.with_location(
                        Location {
                            line: *line,
                            column: *column,
                            length: 1,
                        },
                        text,
                    );
                }
                diagnostic
            }
            RenderError::Data(message) => Diagnostic::error(Code::Internal, message.clone())
                .with_hint("run `profilec validate` on the profile"),
            RenderError::Output(message) => Diagnostic::error(Code::Internal, message.clone())
                .with_hint("this is a defect in profilec; please report it with the profile"),
        }
    }
}

/// The view of a document of either kind: what its templates see as `doc`.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum View {
    /// A Cyberwellness Profile.
    Cyberwellness(DocumentView),
    /// A GCI country profile.
    Scored(ScorecardView),
}

impl View {
    /// The first line of the title block (`CYBERWELLNESS PROFILE`).
    pub fn title(&self) -> &str {
        match self {
            View::Cyberwellness(v) => &v.title,
            View::Scored(v) => &v.title,
        }
    }

    /// The Markdown template of this kind of document.
    pub fn markdown_template(&self) -> &'static str {
        match self {
            View::Cyberwellness(_) => templates::PROFILE_MD,
            View::Scored(_) => templates::GCI_MD,
        }
    }

    /// The HTML page template of this kind of document.
    pub fn html_template(&self) -> &'static str {
        match self {
            View::Cyberwellness(_) => templates::PROFILE_HTML,
            View::Scored(_) => templates::GCI_HTML,
        }
    }

    /// The Cyberwellness view, if this is one.
    pub fn cyberwellness(&self) -> Option<&DocumentView> {
        match self {
            View::Cyberwellness(v) => Some(v),
            View::Scored(_) => None,
        }
    }

    /// The GCI view, if this is one.
    pub fn scored(&self) -> Option<&ScorecardView> {
        match self {
            View::Scored(v) => Some(v),
            View::Cyberwellness(_) => None,
        }
    }
}

/// Everything a renderer may use: the profile, the view, and the Markdown
/// document the other formats are made from.
pub struct RenderContext<'a> {
    /// The profile.
    pub profile: &'a AnyProfile,
    /// The view the templates see.
    pub view: &'a View,
    /// The Markdown document.
    pub markdown: &'a str,
    /// The templates.
    pub templates: &'a Templates,
}

/// A rendered document, with what the renderer noticed on the way:
/// problems that did not stop it, such as characters a font cannot show;
/// each names the profile field it concerns (`path`), not yet the file.
pub type Rendered = Warned<Vec<u8>>;

/// An output format.
pub trait Renderer: Sync {
    /// The format's short name (`md`, `html`, `pdf`).
    fn name(&self) -> &'static str;
    /// The file extension of its output.
    fn extension(&self) -> &'static str;
    /// Renders the document.
    fn render(&self, context: &RenderContext) -> Result<Vec<u8>, RenderError>;
    /// Renders the document with its warnings. Formats that can show every
    /// character (text, HTML) have none, which is the default.
    fn render_with_warnings(&self, context: &RenderContext) -> Result<Rendered, RenderError> {
        Ok(Warned::new(self.render(context)?))
    }
}

/// The Markdown document, as the Markdown template writes it.
pub struct MarkdownRenderer;

impl Renderer for MarkdownRenderer {
    fn name(&self) -> &'static str {
        "md"
    }

    fn extension(&self) -> &'static str {
        "md"
    }

    fn render(&self, context: &RenderContext) -> Result<Vec<u8>, RenderError> {
        Ok(context.markdown.as_bytes().to_vec())
    }
}

/// The self-contained HTML page.
pub struct HtmlRenderer;

impl Renderer for HtmlRenderer {
    fn name(&self) -> &'static str {
        "html"
    }

    fn extension(&self) -> &'static str {
        "html"
    }

    fn render(&self, context: &RenderContext) -> Result<Vec<u8>, RenderError> {
        let body = body_html(context.view, context.markdown);
        let mut tera_context = tera::Context::new();
        tera_context.insert("doc", context.view);
        tera_context.insert("body", &body);
        context
            .templates
            .render(context.view.html_template(), &tera_context)
            .map(String::into_bytes)
    }
}

/// The document's body as HTML: the Markdown as HTML, with each figure a
/// template marked (`mark(figure="radar")`) drawn in its place as inline
/// SVG. Cyberwellness documents have no figures.
pub fn body_html(view: &View, markdown: &str) -> String {
    match view {
        View::Cyberwellness(_) => html::markdown_to_html(markdown),
        View::Scored(v) => html::markdown_to_html_with_figures(markdown, &|name| {
            chart::figure(v, name).map(|f| {
                format!(
                    "<figure class=\"chart chart-{}\">\n{}\n</figure>\n",
                    f.name,
                    chart::svg(&f, &chart::id_prefix(v))
                )
            })
        }),
    }
}

/// A profile's view and Markdown document, from which every format is made.
pub struct Prepared {
    /// The view.
    pub view: View,
    /// The Markdown document.
    pub markdown: String,
}

impl Prepared {
    /// The document's body as HTML, figures drawn ([`body_html`]): what a
    /// page that shows the document puts in its `<main>`.
    pub fn body_html(&self) -> String {
        body_html(&self.view, &self.markdown)
    }

    /// What a renderer needs to make a format of this document.
    pub fn context<'a>(
        &'a self,
        profile: &'a AnyProfile,
        templates: &'a Templates,
    ) -> RenderContext<'a> {
        RenderContext {
            profile,
            view: &self.view,
            markdown: &self.markdown,
            templates,
        }
    }
}

/// Builds the view of a profile of either kind, from its edition.
pub fn view(
    profile: &AnyProfile,
    catalogues: &Catalogues,
    sentences: &Sentences,
) -> Result<View, RenderError> {
    view_with(profile, None, catalogues, sentences)
}

/// Builds the view of a profile, with the same country's GCI profile of an
/// earlier edition to show the change since then (GCI profiles only).
/// Fails when `previous` cannot be compared with `profile` (another
/// country, a later edition, editions no crosswalk joins).
pub fn view_with(
    profile: &AnyProfile,
    previous: Option<&ScoredProfile>,
    catalogues: &Catalogues,
    sentences: &Sentences,
) -> Result<View, RenderError> {
    let edition = catalogues.edition(profile.schema_edition());
    match (profile, edition) {
        (AnyProfile::Cyberwellness(p), Some(AnyEdition::Cyberwellness(c))) => {
            if previous.is_some() {
                return Err(RenderError::Data(
                    "an earlier edition's profile is shown only in GCI profiles".to_owned(),
                ));
            }
            document_view(p, c, sentences).map(View::Cyberwellness)
        }
        (AnyProfile::Scored(p), Some(AnyEdition::Scored(e))) => {
            let change = previous
                .map(|old| {
                    scorecard::compare(old, p, catalogues).map_err(|why| {
                        RenderError::Data(format!(
                            "the profile of {} in {} cannot show the change since the profile given as its previous edition: {why}",
                            p.country.name, e.short_name
                        ))
                    })
                })
                .transpose()?;
            Ok(View::Scored(scorecard_view(p, e, change.as_ref())))
        }
        _ => Err(RenderError::Data(format!(
            "the profile follows the edition `{}`, which is not one of its kind; validate the profile first",
            profile.schema_edition()
        ))),
    }
}

/// Builds the view and renders the Markdown document.
pub fn prepare(
    profile: &AnyProfile,
    catalogues: &Catalogues,
    templates: &Templates,
    sentences: &Sentences,
) -> Result<Prepared, RenderError> {
    prepare_with(profile, None, catalogues, templates, sentences)
}

/// Builds the view and renders the Markdown document of a profile, with the
/// same country's GCI profile of an earlier edition ([`view_with`]).
pub fn prepare_with(
    profile: &AnyProfile,
    previous: Option<&ScoredProfile>,
    catalogues: &Catalogues,
    templates: &Templates,
    sentences: &Sentences,
) -> Result<Prepared, RenderError> {
    let view = view_with(profile, previous, catalogues, sentences)?;
    let mut context = tera::Context::new();
    context.insert("doc", &view);
    let markdown = tidy_markdown(&templates.render(view.markdown_template(), &context)?);
    Ok(Prepared { view, markdown })
}

/// One document in several formats: `(extension, bytes)` per format.
pub type Documents = Vec<(&'static str, Vec<u8>)>;

/// Renders one document in each of `renderers`' formats, in order, with
/// the warnings of them all.
pub fn render_all(
    context: &RenderContext,
    renderers: &[&dyn Renderer],
) -> Result<Warned<Documents>, RenderError> {
    let mut documents = Vec::with_capacity(renderers.len());
    let mut warnings = Vec::new();
    for renderer in renderers {
        let rendered = renderer.render_with_warnings(context)?;
        documents.push((renderer.extension(), rendered.output));
        warnings.extend(rendered.warnings);
    }
    Ok(Warned::with(documents, warnings))
}

/// Collapses the blank lines template control flow leaves behind, and ends
/// the document with exactly one newline.
pub(crate) fn tidy_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = 0;
    for line in text.lines() {
        let line = if line.trim().is_empty() { "" } else { line };
        if line.is_empty() {
            blank += 1;
            if blank > 1 || out.is_empty() {
                continue;
            }
        } else {
            blank = 0;
        }
        out.push_str(line);
        out.push('\n');
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tidy_markdown_keeps_single_blank_lines() {
        assert_eq!(
            tidy_markdown("\n\n# A\n\n\n\nB  \nC\n   \n\n"),
            "# A\n\nB  \nC\n"
        );
    }

    #[test]
    fn tera_errors_keep_name_line_and_column() {
        let mut tera = tera::Tera::default();
        let error = tera
            .add_raw_template("broken.md.tera", "line one\n{% for x in %}\nline three\n")
            .unwrap_err();
        match RenderError::from_tera(&error, "x") {
            RenderError::Template {
                template, location, ..
            } => {
                assert_eq!(template, "broken.md.tera");
                assert_eq!(location.map(|l| l.0), Some(2));
            }
            other => panic!("{other:?}"),
        }
    }
}
