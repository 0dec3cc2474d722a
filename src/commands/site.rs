//! `profilec site [PROFILES_DIR]`: validate every profile under a folder,
//! then build the static site of all of them into one folder, swapped in
//! whole.
//!
//! The order matters: everything is validated before anything is built, the
//! whole site is made before anything is written, and the old site is
//! replaced only by a complete new one. A failure at any step leaves the
//! previous site as it was.

use std::path::PathBuf;
use std::time::Instant;

use url::Url;

use super::{Exit, Output, Progress, Stop, require_valid, sentences, templates, validator};
use crate::check::Batch;
use crate::diag::{Code, Diagnostic};
use crate::model::Date;
use crate::output::{refuse_overlap, replace_folder};
use crate::pdf::PdfRenderer;
use crate::render::{MarkdownRenderer, Renderer};
use crate::site::{self, SiteConfig, paths};
use crate::wording::count;

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
    /// default each profile's last-updated date. Also the day from which
    /// statements are judged old, when given.
    pub source_date_epoch: Option<i64>,
    /// Statements whose newest source is more than this many years older
    /// than the site's reference day are marked; 0 marks none.
    pub stale_after: u16,
}

/// What a successful build made.
#[derive(Debug, Clone, Copy)]
pub struct Built {
    /// Countries.
    pub countries: usize,
    /// Cyberwellness editions.
    pub editions: usize,
    /// GCI profiles.
    pub scorecards: usize,
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
    run(options, out).map_err(|stop| out.stop(stop))
}

fn run(options: &SiteOptions, out: &mut Output) -> Result<Built, Stop> {
    let started = Instant::now();
    let base_url = options
        .base_url
        .as_deref()
        .map(parse_base_url)
        .transpose()
        .map_err(|d| Stop::from(d).exit(Exit::Error))?;
    let title = match options.title.as_deref().map(str::trim) {
        Some("") => {
            return Err(Stop::from(
                Diagnostic::error(Code::BadValue, "the site's title is empty")
                    .with_hint("give --title some words, or leave it out"),
            )
            .exit(Exit::Error));
        }
        Some(title) => title.to_owned(),
        None => site::DEFAULT_TITLE.to_owned(),
    };
    refuse_overlap(&options.output, &options.profiles, "profiles")?;
    if let Some(dir) = &options.templates {
        refuse_overlap(&options.output, dir, "templates")?;
    }
    let validator = validator()?;
    let templates = templates(options.templates.as_deref())?;
    let sentences = sentences()?;

    // Check everything first: one invalid profile and nothing is built.
    let bar = Progress::start(options.progress, "validating profiles", 0);
    let batch = Batch::collect_and_check(
        std::slice::from_ref(&options.profiles),
        validator,
        options.today,
        &|len| match len {
            0 => bar.tick(),
            len => bar.set_len(len),
        },
    );
    drop(bar);
    require_valid(out, &batch, "the site was not built")?;

    // Pages name a profile's file (a change report says what it compared)
    // relative to the profiles folder: where the folder sits on the
    // publisher's disk is nobody's business, and must not change the site.
    let names: Vec<String> = batch
        .files
        .iter()
        .map(|c| {
            std::path::Path::new(&c.name)
                .strip_prefix(&options.profiles)
                .unwrap_or(std::path::Path::new(&c.name))
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/")
        })
        .collect();
    let valid: Vec<(&str, &str, &crate::model::AnyProfile)> = batch
        .valid()
        .zip(&names)
        .map(|((c, p), name)| (c.name.as_str(), name.as_str(), p))
        .collect();
    let countries = site::group(&valid, validator.catalogues())
        .map_err(|problems| Stop::with(problems).summary("the site was not built"))?;

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
        catalogues: validator.catalogues(),
        sentences,
        stale: (options.stale_after > 0)
            .then(|| {
                reference_day(options.source_date_epoch, &valid).map(|reference| {
                    site::stale::Staleness {
                        years: options.stale_after,
                        reference,
                    }
                })
            })
            .flatten(),
    };
    let documents: usize = countries
        .iter()
        .map(|c| c.editions.len() + c.scorecards.len())
        .sum();
    let bar = Progress::start(options.progress, "rendering profiles", documents);
    let generated = site::generate(&countries, &templates, &config, &|| bar.tick());
    drop(bar);
    let built = generated.map_err(|d| Stop::from(d).summary("the site was not built"))?;
    // A warning about a profile's field is placed at its line in its file.
    for warning in built.warnings {
        let checked = batch
            .files
            .iter()
            .find(|c| warning.file.as_deref() == Some(c.name.as_str()));
        match checked {
            Some(checked) => out.diagnostics(&checked.locate(vec![warning])),
            None => out.diagnostics(&[warning]),
        }
    }
    let built = built.output;

    let bar = Progress::start(options.progress, "writing the site", 0);
    let written = replace_folder(&options.output, &built.files, paths::MARKER);
    drop(bar);
    out.diagnostics(&written?);
    let seconds = started.elapsed().as_secs_f64();
    out.err(&format!(
        "{}, {}, {}, {} in {seconds:.1} s\n",
        count(built.countries, "country", "countries"),
        count(built.editions, "edition", "editions"),
        count(built.scorecards, "GCI profile", "GCI profiles"),
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
        scorecards: built.scorecards,
        pages: built.pages,
        files: built.files.len(),
    })
}

/// The day from which statements are judged old: the day of
/// `SOURCE_DATE_EPOCH` where it is set, else the newest last-updated date
/// of the profiles. Never the clock: the site must come out the same, byte
/// for byte, when the same profiles are built again next year; and the
/// question it answers ("is this statement old, next to the newest the
/// collection holds?") belongs to the profiles, not to the day of the build.
fn reference_day(
    source_date_epoch: Option<i64>,
    profiles: &[(&str, &str, &crate::model::AnyProfile)],
) -> Option<Date> {
    match source_date_epoch {
        Some(seconds) => Some(Date::from_unix_days(seconds.div_euclid(86_400))),
        None => profiles.iter().map(|(_, _, p)| p.last_updated()).max(),
    }
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
}
