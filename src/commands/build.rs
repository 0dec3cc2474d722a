//! `profilec build PROFILE.yaml...`: validate, then render each profile to
//! Markdown, HTML and PDF.
//!
//! Nothing is written unless every profile is valid and every document
//! renders; then each file is written atomically. Profiles are built in
//! parallel. Warnings a renderer raises (a character the PDF's font lacks)
//! are located in the profile's file and printed; they stop nothing.

use std::collections::BTreeMap;
use std::path::PathBuf;

use rayon::prelude::*;

use super::{Exit, Output};
use crate::check::{Checked, check_path};
use crate::diag::{Code, Diagnostic};
use crate::load;
use crate::model::Date;
use crate::output::write_atomic;
use crate::pdf::PdfRenderer;
use crate::render::{self, HtmlRenderer, MarkdownRenderer, RenderContext, Renderer, Templates};
use crate::schema::Catalogues;

/// A document format `build` can write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DocFormat {
    /// Markdown.
    Markdown,
    /// A self-contained HTML page.
    Html,
    /// A typeset PDF document.
    Pdf,
}

impl DocFormat {
    /// The file extension of the format.
    pub fn extension(self) -> &'static str {
        match self {
            DocFormat::Markdown => "md",
            DocFormat::Html => "html",
            DocFormat::Pdf => "pdf",
        }
    }
}

/// The renderers of one build.
struct Renderers {
    pdf: PdfRenderer,
}

impl Renderers {
    fn get(&self, format: DocFormat) -> &dyn Renderer {
        match format {
            DocFormat::Markdown => &MarkdownRenderer,
            DocFormat::Html => &HtmlRenderer,
            DocFormat::Pdf => &self.pdf,
        }
    }
}

/// Where `build` writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination {
    /// A folder: `DIR/<stem>.<ext>`.
    Folder(PathBuf),
    /// Standard output (`-o -`): one profile, one format.
    Stdout,
}

/// What to build.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The profile files.
    pub profiles: Vec<PathBuf>,
    /// Where to write.
    pub destination: Destination,
    /// Which formats, in order.
    pub formats: Vec<DocFormat>,
    /// A folder of templates that override the built-in ones.
    pub templates: Option<PathBuf>,
    /// The date against which "in the future" is judged.
    pub today: Date,
    /// The time to record in documents that carry one (the PDF's creation
    /// date), in seconds since 1970: `SOURCE_DATE_EPOCH`. Without it, the
    /// profile's last update.
    pub source_date_epoch: Option<i64>,
}

/// Builds documents from profiles. Exit 0 when all are written, 1 when a
/// profile is invalid or a template fails, 2 on usage or I/O errors.
pub fn build(options: &BuildOptions, out: &mut Output) -> Exit {
    let fail = |out: &mut Output, diagnostics: &[Diagnostic], exit: Exit| {
        out.diagnostics(diagnostics);
        exit
    };
    let mut formats = options.formats.clone();
    formats.dedup();
    if formats.is_empty() {
        let d = Diagnostic::error(Code::Output, "no output format was chosen")
            .with_hint("use -f md,html,pdf");
        return fail(out, &[d], Exit::Error);
    }
    if options.destination == Destination::Stdout
        && (formats.len() != 1 || options.profiles.len() != 1)
    {
        let d = Diagnostic::error(
            Code::Output,
            "`-o -` writes one document to standard output",
        )
        .with_hint("give one profile and one format (e.g. `-f md -o -`), or an output folder");
        return fail(out, &[d], Exit::Error);
    }
    let catalogues = match Catalogues::builtin() {
        Ok(c) => c,
        Err(e) => return fail(out, &[Diagnostic::error(Code::Internal, e)], Exit::Error),
    };
    let templates = match super::load_templates(options.templates.as_deref()) {
        Ok(t) => t,
        Err((d, exit)) => return fail(out, &[d], exit),
    };

    // Validate everything first: an invalid profile means nothing is written.
    let checked: Vec<Checked> = options
        .profiles
        .par_iter()
        .map(|path| check_path(path, catalogues, options.today))
        .collect();
    let diagnostics: Vec<Diagnostic> = checked.iter().flat_map(|c| c.diagnostics.clone()).collect();
    out.diagnostics(&diagnostics);
    if checked.iter().any(Checked::unreadable) {
        return Exit::Error;
    }
    if checked.iter().any(|c| c.profile.is_none()) {
        let invalid = checked.iter().filter(|c| c.profile.is_none()).count();
        out.err(&format!(
            "{invalid} invalid profile(s): nothing was built\n"
        ));
        return Exit::Failure;
    }

    // Plan the files, refusing two profiles that would write the same one.
    let mut planned: BTreeMap<PathBuf, &str> = BTreeMap::new();
    if let Destination::Folder(dir) = &options.destination {
        for (path, c) in options.profiles.iter().zip(&checked) {
            // A name that is not UTF-8 would become U+FFFD in the documents' names.
            let Some(stem) = path.file_stem().unwrap_or_default().to_str() else {
                let d = Diagnostic::error(
                    Code::Output,
                    "the file's name is not UTF-8 text, so the documents cannot be named after it",
                )
                .with_hint("rename the file: the documents take its name")
                .in_file(c.name.clone());
                return fail(out, &[d], Exit::Error);
            };
            for format in &formats {
                let target = dir.join(format!("{stem}.{}", format.extension()));
                if let Some(other) = planned.insert(target.clone(), &c.name) {
                    let d = Diagnostic::error(
                        Code::Output,
                        format!(
                            "`{other}` and `{}` would both write {}",
                            c.name,
                            target.display()
                        ),
                    )
                    .with_hint("build them into different folders with -o, or rename one file");
                    return fail(out, &[d], Exit::Error);
                }
            }
        }
    }

    let renderers = Renderers {
        pdf: PdfRenderer {
            source_date_epoch: options.source_date_epoch,
        },
    };
    let rendered: Vec<Result<(Documents, Vec<Diagnostic>), Diagnostic>> = checked
        .par_iter()
        .map(|c| render_all(c, catalogues, &templates, &formats, &renderers))
        .collect();
    let mut documents = Vec::new();
    let mut errors = Vec::new();
    for ((path, c), result) in options.profiles.iter().zip(&checked).zip(rendered) {
        match result {
            Ok((docs, warnings)) => {
                out.diagnostics(&locate(path, &c.name, warnings));
                documents.push((c, docs));
            }
            Err(d) => errors.push(d),
        }
    }
    if !errors.is_empty() {
        out.diagnostics(&errors);
        out.err("nothing was built\n");
        return Exit::Failure;
    }

    match &options.destination {
        Destination::Stdout => {
            for (_, docs) in &documents {
                for (_, bytes) in docs {
                    out.out_bytes(bytes);
                }
            }
        }
        Destination::Folder(dir) => {
            for ((path, _), (_, docs)) in options.profiles.iter().zip(&checked).zip(&documents) {
                let stem = path
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default();
                for (format, bytes) in docs {
                    let target = dir.join(format!("{stem}.{}", format.extension()));
                    if let Err(d) = write_atomic(&target, bytes) {
                        return fail(out, &[d], Exit::Error);
                    }
                    out.err(&format!("wrote {}\n", target.display()));
                }
            }
        }
    }
    Exit::Success
}

/// The documents of one profile, by format.
type Documents = Vec<(DocFormat, Vec<u8>)>;

/// Places a renderer's warnings (which name a field of the profile) in the
/// profile's file, with line and column. The file is read again: this is
/// the rare path, and a build keeps no parse trees around for it.
pub(crate) fn locate(
    path: &std::path::Path,
    name: &str,
    warnings: Vec<Diagnostic>,
) -> Vec<Diagnostic> {
    if warnings.is_empty() {
        return warnings;
    }
    let document = load::read_source(path)
        .ok()
        .and_then(|s| load::parse(s).ok());
    let mut located: Vec<Diagnostic> = warnings
        .into_iter()
        .map(|w| match &document {
            Some(document) => document.locate(w),
            None => w.in_file(name.to_owned()),
        })
        .collect();
    // In file order, like every other report.
    located.sort_by_key(|d| d.location.map(|l| (l.line, l.column)));
    located
}

fn render_all(
    checked: &Checked,
    catalogues: &Catalogues,
    templates: &Templates,
    formats: &[DocFormat],
    renderers: &Renderers,
) -> Result<(Documents, Vec<Diagnostic>), Diagnostic> {
    let located = |e: render::RenderError| {
        let mut d = e.to_diagnostic(Some(templates));
        d.message = format!("{} (building {})", d.message, checked.name);
        d
    };
    let Some(profile) = &checked.profile else {
        return Err(Diagnostic::error(
            Code::Internal,
            "an invalid profile reached rendering",
        ));
    };
    let Some(catalogue) = catalogues.get(&profile.schema_edition) else {
        return Err(Diagnostic::error(
            Code::Internal,
            "a profile of an unknown edition reached rendering",
        ));
    };
    let prepared = render::prepare(profile, catalogue, templates).map_err(located)?;
    let context = RenderContext {
        profile,
        catalogue,
        view: &prepared.view,
        markdown: &prepared.markdown,
        templates,
    };
    let mut documents = Vec::with_capacity(formats.len());
    let mut warnings = Vec::new();
    for format in formats {
        let rendered = renderers
            .get(*format)
            .render_with_warnings(&context)
            .map_err(located)?;
        documents.push((*format, rendered.bytes));
        warnings.extend(rendered.warnings);
    }
    Ok((documents, warnings))
}
