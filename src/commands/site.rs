//! `profilec site [PROFILES_DIR]`: validate every profile under a folder,
//! then build the static site of all of them into one folder, swapped in
//! whole.
//!
//! The order matters: everything is validated before anything is built, the
//! whole site is made in memory before anything is written, and the old site
//! is replaced only by a complete new one. A failure at any step leaves the
//! previous site as it was.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;
use url::Url;

use super::{Exit, Output};
use crate::check::{Checked, check_path};
use crate::diag::{Code, Diagnostic};
use crate::load::collect_profiles;
use crate::model::Date;
use crate::output::replace_folder;
use crate::pdf::PdfRenderer;
use crate::render::{MarkdownRenderer, Renderer};
use crate::schema::Catalogues;
use crate::site::{self, SiteConfig, paths};

/// What to build.
#[derive(Debug, Clone)]
pub struct SiteOptions {
    /// The folder of profiles (searched recursively).
    pub profiles: PathBuf,
    /// The site's folder (replaced whole).
    pub output: PathBuf,
    /// The address the site will be published at (for the sitemap and feed).
    pub base_url: Option<String>,
    /// The site's title.
    pub title: Option<String>,
    /// A folder of templates that override the built-in ones.
    pub templates: Option<PathBuf>,
    /// The date against which "in the future" is judged.
    pub today: Date,
    /// Whether to draw a progress bar (standard error is a terminal).
    pub progress: bool,
    /// Whether to offer each edition as a PDF too (the slowest part).
    pub pdf: bool,
    /// The creation date recorded in the PDFs (`SOURCE_DATE_EPOCH`); by
    /// default each profile's last-updated date.
    pub source_date_epoch: Option<i64>,
}

/// What a successful build made.
#[derive(Debug, Clone, Copy)]
pub struct Built {
    /// Countries.
    pub countries: usize,
    /// Editions.
    pub editions: usize,
    /// HTML pages.
    pub pages: usize,
    /// Files in all.
    pub files: usize,
}

/// Builds the site. Exit 0 when it is written, 1 when a profile is invalid
/// (nothing is built) or a template fails, 2 on usage or I/O errors.
pub fn site(options: &SiteOptions, out: &mut Output) -> Exit {
    match build_site(options, out) {
        Ok(_) => Exit::Success,
        Err(exit) => exit,
    }
}

/// Builds the site, printing diagnostics, the summary line and where it was
/// written; on failure, returns the exit code to end with.
pub fn build_site(options: &SiteOptions, out: &mut Output) -> Result<Built, Exit> {
    let started = Instant::now();
    let fail = |out: &mut Output, diagnostics: &[Diagnostic], exit: Exit| {
        out.diagnostics(diagnostics);
        Err(exit)
    };
    let base_url = match options.base_url.as_deref().map(parse_base_url).transpose() {
        Ok(url) => url,
        Err(d) => return fail(out, &[d], Exit::Error),
    };
    let title = match options.title.as_deref().map(str::trim) {
        Some("") => {
            let d = Diagnostic::error(Code::BadValue, "the site's title is empty")
                .with_hint("give --title some words, or leave it out");
            return fail(out, &[d], Exit::Error);
        }
        Some(title) => title.to_owned(),
        None => site::DEFAULT_TITLE.to_owned(),
    };
    if let Some(d) = overlap(&options.output, &options.profiles, "profiles").or_else(|| {
        options
            .templates
            .as_deref()
            .and_then(|t| overlap(&options.output, t, "templates"))
    }) {
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

    // Validate everything first: one invalid profile and nothing is built.
    let (files, problems) = collect_profiles(std::slice::from_ref(&options.profiles));
    if problems.iter().any(Diagnostic::is_error) {
        return fail(out, &problems, Exit::Error);
    }
    out.diagnostics(&problems);
    if files.is_empty() {
        let d = Diagnostic::error(
            Code::Io,
            format!(
                "no profile files (*.yaml) found in {}",
                options.profiles.display()
            ),
        )
        .with_hint("give the folder that holds the profiles (searched recursively)");
        return fail(out, &[d], Exit::Error);
    }
    let bar = Progress::start(options.progress, "validating profiles", files.len());
    let checked: Vec<Checked> = files
        .par_iter()
        .map(|path| {
            let checked = check_path(path, catalogues, options.today);
            bar.tick();
            checked
        })
        .collect();
    drop(bar);
    let diagnostics: Vec<Diagnostic> = checked
        .iter()
        .flat_map(|c| c.diagnostics.iter().cloned())
        .collect();
    out.diagnostics(&diagnostics);
    if checked.iter().any(Checked::unreadable) {
        return Err(Exit::Error);
    }
    let invalid = checked.iter().filter(|c| c.profile.is_none()).count();
    if invalid > 0 {
        out.err(&format!(
            "{invalid} of {} profiles are invalid: the site was not built\n",
            checked.len()
        ));
        return Err(Exit::Failure);
    }
    // Pages name a profile's file (a change report says what it compared)
    // relative to the profiles folder: where the folder sits on the
    // publisher's disk is nobody's business, and must not change the site.
    let names: Vec<String> = files
        .iter()
        .map(|path| {
            path.strip_prefix(&options.profiles)
                .unwrap_or(path)
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/")
        })
        .collect();
    let valid: Vec<(&str, &str, &crate::model::Profile)> = names
        .iter()
        .zip(&checked)
        .filter_map(|(name, c)| {
            c.profile
                .as_ref()
                .map(|p| (c.name.as_str(), name.as_str(), p))
        })
        .collect();
    let countries = match site::group(&valid, catalogues) {
        Ok(countries) => countries,
        Err(problems) => {
            out.diagnostics(&problems);
            out.err("the site was not built\n");
            return Err(Exit::Failure);
        }
    };

    let pdf = PdfRenderer {
        source_date_epoch: options.source_date_epoch,
    };
    let mut downloads: Vec<&dyn Renderer> = vec![&MarkdownRenderer];
    if options.pdf {
        downloads.push(&pdf);
    }
    let config = SiteConfig {
        title,
        base_url,
        downloads,
        catalogues,
    };
    let editions: usize = countries.iter().map(|c| c.editions.len()).sum();
    let bar = Progress::start(options.progress, "rendering editions", editions);
    let generated = site::generate(&countries, &templates, &config, &|| bar.tick());
    drop(bar);
    let built = match generated {
        Ok(site) => site,
        Err(d) => {
            out.diagnostics(&[d]);
            out.err("the site was not built\n");
            return Err(Exit::Failure);
        }
    };
    out.diagnostics(&built.warnings);
    for (file, warnings) in &built.render_warnings {
        out.diagnostics(&super::build::locate(
            std::path::Path::new(file),
            file,
            warnings.clone(),
        ));
    }
    let bar = Progress::start(options.progress, "writing the site", 0);
    let written = replace_folder(&options.output, &built.files, paths::MARKER);
    drop(bar);
    match written {
        Ok(warnings) => out.diagnostics(&warnings),
        Err(d) => return fail(out, &[d], Exit::Error),
    }
    let seconds = started.elapsed().as_secs_f64();
    out.err(&format!(
        "{}, {}, {} in {seconds:.1} s\n",
        count(built.countries, "country", "countries"),
        count(built.editions, "edition", "editions"),
        count(built.pages, "page", "pages"),
    ));
    out.err(&format!(
        "wrote {} ({} files)\n",
        options.output.display(),
        built.files.len()
    ));
    Ok(Built {
        countries: built.countries,
        editions: built.editions,
        pages: built.pages,
        files: built.files.len(),
    })
}

/// A progress bar on standard error for one phase of the build, drawn only
/// when standard error is a terminal; cleared when dropped.
struct Progress(Option<indicatif::ProgressBar>);

impl Progress {
    /// A phase of `len` steps (0: a spinner), if `wanted` and on a terminal.
    fn start(wanted: bool, what: &str, len: usize) -> Self {
        if !wanted || !std::io::stderr().is_terminal() {
            return Progress(None);
        }
        let (bar, template) = if len == 0 {
            (
                indicatif::ProgressBar::new_spinner(),
                "{spinner} {msg} {elapsed}",
            )
        } else {
            (
                indicatif::ProgressBar::new(len as u64),
                "{spinner} {msg} {pos}/{len} {wide_bar} {elapsed}",
            )
        };
        bar.set_style(
            indicatif::ProgressStyle::with_template(template)
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar.set_message(what.to_owned());
        if len == 0 {
            bar.enable_steady_tick(std::time::Duration::from_millis(120));
        }
        Progress(Some(bar))
    }

    fn tick(&self) {
        if let Some(bar) = &self.0 {
            bar.inc(1);
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }
}

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Checks `--base-url`: an absolute `http(s)` address, to which a final `/`
/// is added so that pages resolve under it.
pub fn parse_base_url(text: &str) -> Result<Url, Diagnostic> {
    let bad = |why: String| {
        Diagnostic::error(Code::BadUrl, format!("--base-url `{text}` {why}"))
            .with_hint("give the absolute address the site will be published at, e.g. https://example.org/profiles/")
    };
    let mut url = Url::parse(text).map_err(|e| bad(format!("is not an address: {e}")))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(bad("is not an http or https address".to_owned()));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(bad("has a query or fragment".to_owned()));
    }
    if !url.path().ends_with('/') {
        let path = format!("{}/", url.path());
        url.set_path(&path);
    }
    Ok(url)
}

/// Refuses an output folder that is, or holds, the folder of `what`:
/// replacing it would delete them.
fn overlap(output: &Path, other: &Path, what: &str) -> Option<Diagnostic> {
    let output = absolute(output)?;
    let other = std::fs::canonicalize(other).ok()?;
    other.starts_with(&output).then(|| {
        Diagnostic::error(
            Code::Output,
            format!(
                "the output folder {} holds the {what} folder {}; building would replace them",
                output.display(),
                other.display()
            ),
        )
        .with_hint("choose an output folder outside it, e.g. -o output/site")
    })
}

/// The absolute, symlink-free form of a path that may not exist yet.
pub(crate) fn absolute(path: &Path) -> Option<PathBuf> {
    if let Ok(path) = std::fs::canonicalize(path) {
        return Some(path);
    }
    let name = path.file_name()?;
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    absolute(parent).map(|p| p.join(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls_are_absolute_web_addresses_ending_in_a_slash() {
        assert_eq!(
            parse_base_url("https://example.org/profiles")
                .unwrap()
                .as_str(),
            "https://example.org/profiles/"
        );
        assert_eq!(
            parse_base_url("https://example.org").unwrap().as_str(),
            "https://example.org/"
        );
        for bad in [
            "example.org",
            "ftp://example.org/",
            "https://x.org/?a=1",
            "/site/",
        ] {
            assert_eq!(parse_base_url(bad).unwrap_err().code, Code::BadUrl, "{bad}");
        }
    }

    #[test]
    fn an_output_folder_holding_the_profiles_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let profiles = dir.path().join("profiles");
        std::fs::create_dir(&profiles).unwrap();
        assert!(overlap(dir.path(), &profiles, "profiles").is_some());
        assert!(overlap(&profiles, &profiles, "profiles").is_some());
        assert!(overlap(&dir.path().join("site"), &profiles, "profiles").is_none());
    }
}
