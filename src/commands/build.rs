//! `profilec build PROFILE.yaml...`: validate, then render each profile to
//! Markdown, HTML and PDF.
//!
//! Nothing is put in place unless every profile is valid and every
//! document renders. Profiles are built in parallel, and each document is
//! written as soon as it is made into a temporary folder of the output
//! folder ([`StagedFiles`]), so memory holds a few documents, not all; when
//! every one is written, they are synced once and renamed into place. Warnings a renderer raises (a character the PDF's font lacks)
//! are located in the profile's file and printed; they stop nothing.
//!
//! A GCI profile's document shows the change since the country's previous
//! GCI edition when that edition's profile is where `profilec import` puts
//! it: the file of the same name in the folder of that edition's year,
//! beside the profile's own year folder (`profiles/gci/2024/bel.yaml` →
//! `profiles/gci/2020/bel.yaml`); see [`previous_edition_files`]. A file
//! found there that cannot be used is a warning, and the document is built
//! without the change.

use std::cmp::Reverse;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::{Exit, Output, Stop, finish, require_valid, sentences, templates, validator};
use crate::check::{Batch, Checked, check_path};
use crate::diag::{Code, Diagnostic, Warned};
use crate::model::{AnyProfile, Date, ScoredProfile};
use crate::output::StagedFiles;
use crate::pdf::PdfRenderer;
use crate::render::{
    self, Documents, HtmlRenderer, MarkdownRenderer, Renderer, Sentences, Templates,
};
use crate::schema::Catalogues;
use crate::validate::Validator;

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
    let result = run(options, out);
    finish(out, result)
}

fn run(options: &BuildOptions, out: &mut Output) -> Result<Exit, Stop> {
    let formats = formats(options)?;
    let validator = validator()?;
    let templates = templates(options.templates.as_deref())?;
    let sentences = sentences()?;

    // Check everything first: an invalid profile means nothing is written.
    let batch = Batch::check(&options.profiles, validator, options.today);
    require_valid(out, &batch, "nothing was built")?;
    let targets = plan(options, &batch, &formats)?;
    // Every file is valid here, so the valid profiles are the files given.
    // A previous edition given too is taken as checked, not read again.
    let given: HashMap<&str, &AnyProfile> = batch
        .valid()
        .map(|(checked, profile)| (checked.name.as_str(), profile))
        .collect();
    let valid: Vec<&AnyProfile> = batch.valid().map(|(_, profile)| profile).collect();
    let found: Vec<Warned<Option<ScoredProfile>>> = options
        .profiles
        .par_iter()
        .zip(valid)
        .map(|(path, profile)| previous_edition(path, profile, &given, validator, options.today))
        .collect();
    let previous: Vec<Option<ScoredProfile>> = found
        .into_iter()
        .map(|found| {
            out.diagnostics(&found.warnings);
            found.output
        })
        .collect();

    let pdf = PdfRenderer {
        source_date_epoch: options.source_date_epoch,
    };
    let renderers: Vec<&dyn Renderer> = formats
        .iter()
        .map(|format| -> &dyn Renderer {
            match format {
                DocFormat::Markdown => &MarkdownRenderer,
                DocFormat::Html => &HtmlRenderer,
                DocFormat::Pdf => &pdf,
            }
        })
        .collect();
    let job = Job {
        catalogues: validator.catalogues(),
        templates: &templates,
        sentences,
        renderers: &renderers,
    };
    // Into a folder, each profile's documents are written as soon as they
    // are made (nothing is held), into a temporary folder that is put in
    // place only when every document is written; to standard output, the
    // one document is kept.
    let staged = match &options.destination {
        Destination::Folder(dir) => Some(StagedFiles::new(dir)?),
        Destination::Stdout => None,
    };
    let valid: Vec<_> = batch.valid().zip(&previous).enumerate().collect();
    let rendered: Vec<Result<Warned<Documents>, Diagnostic>> = valid
        .par_iter()
        .map(|&(index, ((checked, profile), previous))| {
            let docs = job.render(checked, profile, previous.as_ref())?;
            let (Some(staged), Some(targets)) = (&staged, &targets) else {
                return Ok(docs);
            };
            let mine = &targets[index * formats.len()..(index + 1) * formats.len()];
            for (target, (_, bytes)) in mine.iter().zip(&docs.output) {
                let name = target.file_name().unwrap_or_default().to_string_lossy();
                staged.write(&name, bytes)?;
            }
            Ok(Warned::with(Vec::new(), docs.warnings))
        })
        .collect();
    let mut documents = Vec::new();
    let mut errors = Vec::new();
    for ((checked, _), result) in batch.valid().zip(rendered) {
        match result {
            Ok(docs) => {
                out.diagnostics(&checked.locate(docs.warnings));
                documents.extend(docs.output);
            }
            Err(d) => errors.push(d),
        }
    }
    if !errors.is_empty() {
        return Err(Stop::with(errors).summary("nothing was built"));
    }

    match (targets, staged) {
        (Some(targets), Some(staged)) => {
            staged.commit()?;
            for target in &targets {
                out.err(&format!("wrote {}\n", target.display()));
            }
        }
        _ => {
            for (_, bytes) in &documents {
                out.out_bytes(bytes);
            }
        }
    }
    Ok(Exit::Success)
}

/// The formats to write, each once, in the order given.
fn formats(options: &BuildOptions) -> Result<Vec<DocFormat>, Stop> {
    let mut formats: Vec<DocFormat> = Vec::new();
    for format in &options.formats {
        if !formats.contains(format) {
            formats.push(*format);
        }
    }
    if formats.is_empty() {
        return Err(Stop::from(
            Diagnostic::error(Code::Output, "no output format was chosen")
                .with_hint("use -f md,html,pdf"),
        ));
    }
    if options.destination == Destination::Stdout
        && (formats.len() != 1 || options.profiles.len() != 1)
    {
        return Err(Stop::from(
            Diagnostic::error(
                Code::Output,
                "`-o -` writes one document to standard output",
            )
            .with_hint("give one profile and one format (e.g. `-f md -o -`), or an output folder"),
        ));
    }
    Ok(formats)
}

/// The file each document will be written to, in the order of the valid
/// profiles then formats (`None` for standard output), refusing two
/// profiles that would write the same file.
fn plan(
    options: &BuildOptions,
    batch: &Batch,
    formats: &[DocFormat],
) -> Result<Option<Vec<PathBuf>>, Stop> {
    let Destination::Folder(dir) = &options.destination else {
        return Ok(None);
    };
    let mut planned: BTreeMap<PathBuf, &str> = BTreeMap::new();
    let mut targets = Vec::new();
    for (path, checked) in options.profiles.iter().zip(&batch.files) {
        // A name that is not UTF-8 would become U+FFFD in the documents' names.
        let Some(stem) = path.file_stem().unwrap_or_default().to_str() else {
            return Err(Stop::from(
                Diagnostic::error(
                    Code::Output,
                    "the file's name is not UTF-8 text, so the documents cannot be named after it",
                )
                .with_hint("rename the file: the documents take its name")
                .in_file(checked.name.clone()),
            ));
        };
        for format in formats {
            let target = dir.join(format!("{stem}.{}", format.extension()));
            if let Some(other) = planned.insert(target.clone(), &checked.name) {
                return Err(Stop::from(
                    Diagnostic::error(
                        Code::Output,
                        format!(
                            "`{other}` and `{}` would both write {}",
                            checked.name,
                            target.display()
                        ),
                    )
                    .with_hint("build them into different folders with -o, or rename one file"),
                ));
            }
            targets.push(target);
        }
    }
    Ok(Some(targets))
}

/// What every profile of a build is rendered with.
struct Job<'a> {
    catalogues: &'a Catalogues,
    templates: &'a Templates,
    sentences: &'a Sentences,
    renderers: &'a [&'a dyn Renderer],
}

impl Job<'_> {
    /// Every format of one profile, with the renderers' warnings.
    fn render(
        &self,
        checked: &Checked,
        profile: &AnyProfile,
        previous: Option<&ScoredProfile>,
    ) -> Result<Warned<Documents>, Diagnostic> {
        let located = |e: render::RenderError| {
            let mut d = e.to_diagnostic(Some(self.templates));
            d.message = format!("{} (building {})", d.message, checked.name);
            d
        };
        let prepared = render::prepare_with(
            profile,
            previous,
            self.catalogues,
            self.templates,
            self.sentences,
        )
        .map_err(located)?;
        let context = prepared.context(profile, self.templates);
        render::render_all(&context, self.renderers).map_err(located)
    }
}

/// Where the same country's profile of an earlier GCI edition would be, by
/// the layout `profilec import` writes (one folder per edition year): the
/// file of the same name in the year folder of each earlier edition whose
/// pillars a crosswalk pairs with this edition's, latest first. None unless
/// the profile's own folder is named after its edition's year.
pub fn previous_edition_files(
    path: &Path,
    profile: &ScoredProfile,
    catalogues: &Catalogues,
) -> Vec<PathBuf> {
    let (Some(folder), Some(name)) = (path.parent(), path.file_name()) else {
        return Vec::new();
    };
    let year = profile.edition.to_string();
    if folder.file_name().and_then(|n| n.to_str()) != Some(year.as_str()) {
        return Vec::new();
    }
    let root = folder.parent().unwrap_or(Path::new(""));
    let mut earlier: Vec<u16> = catalogues
        .scored_editions()
        .filter(|e| {
            e.year < profile.edition
                && catalogues
                    .crosswalk(&e.id, &profile.schema_edition)
                    .is_some()
        })
        .map(|e| e.year)
        .collect();
    earlier.sort_by_key(|&y| Reverse(y));
    earlier.dedup();
    earlier
        .into_iter()
        .map(|y| root.join(y.to_string()).join(name))
        .collect()
}

/// The profile of the previous edition of a GCI profile, when its file is
/// there ([`previous_edition_files`]), valid and comparable; a warning when
/// the file is there but cannot be used. A file among those `given` (by
/// name, already checked and valid) is not read again.
fn previous_edition(
    path: &Path,
    profile: &AnyProfile,
    given: &HashMap<&str, &AnyProfile>,
    validator: &Validator,
    today: Date,
) -> Warned<Option<ScoredProfile>> {
    let AnyProfile::Scored(scored) = profile else {
        return Warned::new(None);
    };
    let catalogues = validator.catalogues();
    let Some(file) = previous_edition_files(path, scored, catalogues)
        .into_iter()
        .find(|f| f.is_file())
    else {
        return Warned::new(None);
    };
    if let Some(AnyProfile::Scored(old)) = given.get(file.display().to_string().as_str())
        && render::scorecard::compare(old, scored, catalogues).is_ok()
    {
        return Warned::new(Some(old.clone()));
    }
    let checked = check_path(&file, validator, today);
    let why = match &checked.profile {
        Some(AnyProfile::Scored(old)) if !checked.diagnostics.iter().any(Diagnostic::is_error) => {
            match render::scorecard::compare(old, scored, catalogues) {
                Ok(_) => return Warned::new(Some(old.clone())),
                Err(why) => why,
            }
        }
        Some(AnyProfile::Cyberwellness(_)) => "it is a Cyberwellness Profile".to_owned(),
        _ => format!(
            "it is not valid (run `profilec validate {}`)",
            file.display()
        ),
    };
    Warned::with(
        None,
        vec![
            Diagnostic::warning(
                Code::PreviousEdition,
                format!(
                    "the document does not show the change since {}: {why}",
                    file.display()
                ),
            )
            .with_hint(
                "fix that file, or move it: build looks for the previous edition's profile in the folder of that edition's year beside this one",
            )
            .in_file(path.display().to_string()),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn belgium_2024() -> ScoredProfile {
        let text = include_str!("../../profiles/gci/2024/bel.yaml");
        crate::load::from_yaml_str::<ScoredProfile>(text).unwrap()
    }

    #[test]
    fn the_previous_edition_is_looked_for_in_the_sibling_year_folder() {
        let catalogues = Catalogues::builtin().unwrap();
        let bel = belgium_2024();
        assert_eq!(
            previous_edition_files(Path::new("profiles/gci/2024/bel.yaml"), &bel, catalogues),
            [PathBuf::from("profiles/gci/2020/bel.yaml")]
        );
        assert_eq!(
            previous_edition_files(Path::new("2024/bel.yaml"), &bel, catalogues),
            [PathBuf::from("2020/bel.yaml")]
        );
        // Not in a folder named after its year: no guess.
        assert!(previous_edition_files(Path::new("bel.yaml"), &bel, catalogues).is_empty());
        assert!(
            previous_edition_files(Path::new("profiles/belgium-gci.yaml"), &bel, catalogues)
                .is_empty()
        );
        assert!(
            previous_edition_files(Path::new("profiles/2020/bel.yaml"), &bel, catalogues)
                .is_empty()
        );
    }
}
