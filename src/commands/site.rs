//! `profilec site [PROFILES_DIR]`: validate every profile under a folder,
//! then build the static site of all of them into one folder, swapped in
//! whole.
//!
//! The order matters: everything is validated before anything is built;
//! each page is written as soon as it is made, into a temporary folder
//! beside the site ([`StagedFolder`]); the old site is replaced only by a
//! complete new one, synced to disk. A failure at any step leaves the
//! previous site as it was.
//!
//! A build is incremental: the site's record of the previous build
//! (`.profilec/manifest.json`, see [`site::record`]) says what each part
//! was made from, and only the parts whose inputs changed are made again;
//! the others' files are carried over from the old site as hard links.
//! `profilec serve` keeps a [`Session`] between builds, so that it also
//! checks only the profiles whose text changed.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Instant;

use rayon::prelude::*;
use url::Url;

use super::{Exit, Output, Progress, Stop, require_valid, sentences, templates, validator};
use crate::check::{Batch, Checked, check_path, check_source};
use crate::diag::{Code, Diagnostic};
use crate::load;
use crate::model::Date;
use crate::output::{OldFolder, StagedFolder, Stamp, refuse_overlap};
use crate::pdf::PdfRenderer;
use crate::render::{MarkdownRenderer, Renderer, Templates};
use crate::site::record::{self, Digest, Record};
use crate::site::{self, SiteConfig, paths};
use crate::validate::Validator;
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
    let mut session = Session::default();
    let built = build_site_in(options, out, &mut session);
    // What the session holds (every profile, checked) is freed with the
    // process, which is about to end: freeing it piece by piece first
    // would only add to the wait.
    std::mem::forget(session);
    built
}

/// What a process that builds the same site again and again (`profilec
/// serve`) keeps between builds, so that a build reads, checks and makes
/// only what changed: the profiles as checked, by file, with a digest of
/// their text; and the record of the site last written. A new session
/// knows nothing: the profiles are all checked, and the record is read
/// from the site's folder.
#[derive(Default)]
pub struct Session {
    /// File name → (digest of its text, the file as checked).
    checked: HashMap<String, (String, Checked)>,
    /// The day the checks were made against.
    today: Option<Date>,
    /// The record of the site last written, and where.
    record: Option<(PathBuf, Record)>,
    /// Whether the site a build replaces is left for [`Session::remove_old`].
    later: bool,
    /// The site the last build replaced, not yet removed.
    old: Option<OldFolder>,
}

impl Session {
    /// A session whose builds leave the site they replace in place until
    /// [`Session::remove_old`]: a server tells its pages first.
    pub fn removing_later() -> Self {
        Session {
            later: true,
            ..Session::default()
        }
    }

    /// Removes the site the last build replaced; warnings if it cannot be.
    pub fn remove_old(&mut self) -> Vec<Diagnostic> {
        self.old
            .take()
            .and_then(OldFolder::remove)
            .into_iter()
            .collect()
    }
}

/// Like [`build_site`], keeping what can be kept in `session`.
pub fn build_site_in(
    options: &SiteOptions,
    out: &mut Output,
    session: &mut Session,
) -> Result<Built, Exit> {
    run(options, out, session).map_err(|stop| out.stop(stop))
}

fn run(options: &SiteOptions, out: &mut Output, session: &mut Session) -> Result<Built, Stop> {
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

    // Check everything first: one invalid profile and nothing is built.
    let bar = Progress::start(options.progress, "validating profiles", 0);
    let (batch, digests) = check_all(options, validator, session, &|len| match len {
        0 => bar.tick(),
        len => bar.set_len(len),
    });
    drop(bar);
    let result = build(
        options, out, session, &batch, &digests, started, title, base_url, &templates,
    );
    // Whatever happened, the checked files are kept for the next build.
    session.today = Some(options.today);
    for (checked, digest) in batch.files.into_iter().zip(digests) {
        if let Some(digest) = digest {
            session
                .checked
                .insert(checked.name.clone(), (digest, checked));
        }
    }
    result
}

/// Finds and checks every profile, in parallel, taking from `session`
/// those whose text has not changed since it checked them (on the same
/// day). Returns the batch, and the digest of each file's text (`None`
/// for a file that could not be read).
fn check_all(
    options: &SiteOptions,
    validator: &Validator,
    session: &mut Session,
    progress: &(dyn Fn(usize) + Sync),
) -> (Batch, Vec<Option<String>>) {
    if session.today != Some(options.today) {
        session.checked.clear();
    }
    let (found, problems) = Batch::find(std::slice::from_ref(&options.profiles));
    progress(found.len());
    // The checks the site being replaced keeps, if it is profilec's.
    let kept = options
        .output
        .join(paths::MARKER)
        .is_file()
        .then_some(options.output.as_path());
    // Each file found takes its earlier check out of the session, if any.
    let earlier: Vec<Option<(String, Checked)>> = found
        .iter()
        .map(|path| session.checked.remove(&path.display().to_string()))
        .collect();
    session.checked.clear();
    let (files, digests): (Vec<Checked>, Vec<Option<String>>) = found
        .into_par_iter()
        .zip(earlier)
        .map(|(path, earlier)| {
            let checked = match load::read_source(&path) {
                Ok(source) => {
                    let digest = text_digest(&source.name, &source.text);
                    let checked = match earlier {
                        Some((before, checked)) if before == digest => checked,
                        _ => match kept
                            .and_then(|site| read_kept(site, &source.name, &digest, options.today))
                        {
                            Some(checked) => checked,
                            None => check_source(source, validator, options.today),
                        },
                    };
                    (checked, Some(digest))
                }
                // The read's own error, as `check_path` reports it.
                Err(_) => (check_path(&path, validator, options.today), None),
            };
            progress(0);
            checked
        })
        .unzip();
    (Batch::of(files, problems), digests)
}

/// The digest of a profile file: its name (which its diagnostics say), its
/// text, and the profilec that checks it (another one may have other rules
/// or catalogues, so a check kept by one is never read by another).
fn text_digest(name: &str, text: &str) -> String {
    let mut digest = Digest::new("profile file");
    digest.text(&identity()).text(name).text(text);
    digest.finish()
}

/// The check of a profile file that the site in `site` keeps, if it has
/// one for this name and text (`digest`) and it holds for `today`.
fn read_kept(site: &Path, name: &str, digest: &str, today: Date) -> Option<Checked> {
    let bytes = std::fs::read(site.join(record::checked_path(digest))).ok()?;
    let (_, profile, diagnostics) = record::read_check(&bytes, today)?;
    Some(Checked::known(name.to_owned(), profile, diagnostics))
}

/// Everything after the checks: group, make, write.
#[allow(clippy::too_many_arguments)]
fn build(
    options: &SiteOptions,
    out: &mut Output,
    session: &mut Session,
    batch: &Batch,
    digests: &[Option<String>],
    started: Instant,
    title: String,
    base_url: Option<Url>,
    templates: &Templates,
) -> Result<Built, Stop> {
    let validator = validator()?;
    let sentences = sentences()?;
    require_valid(out, batch, "the site was not built")?;

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
        fingerprint: format!(
            "{}; SOURCE_DATE_EPOCH {:?}",
            identity(),
            options.source_date_epoch
        ),
    };

    let staged = StagedFolder::begin(&options.output, paths::MARKER)?;
    // The record of the site being replaced: kept by this session if it
    // wrote it, else read from the site (and none if it cannot be read:
    // everything is made again).
    let previous = match session.record.take() {
        Some((folder, record)) if folder == options.output => Some(record),
        _ => staged
            .previous_bytes(record::RECORD, MAX_RECORD_BYTES)
            .and_then(|bytes| Record::parse(&bytes)),
    };
    keep_checks(&staged, batch, digests, options.today)?;
    let documents: usize = countries
        .iter()
        .map(|c| c.editions.len() + c.scorecards.len())
        .sum();
    let bar = Progress::start(options.progress, "making the site", documents);
    let generated = site::generate(
        &countries,
        templates,
        &config,
        &Staged(&staged),
        previous.as_ref(),
        &|| bar.tick(),
    );
    drop(bar);
    let built = generated.map_err(|d| Stop::from(d).summary("the site was not built"))?;
    // A warning about a profile's field is placed at its line in its file;
    // a file kept from an earlier build has no positions, and is read
    // again, once, to place all of its warnings.
    let by_name: HashMap<&str, &Checked> =
        batch.files.iter().map(|c| (c.name.as_str(), c)).collect();
    let mut again: HashMap<&str, Checked> = HashMap::new();
    for warning in built.warnings {
        let checked = warning
            .file
            .as_deref()
            .and_then(|f| by_name.get(f).copied());
        match checked {
            Some(checked) if checked.has_positions() || warning.path.is_none() => {
                out.diagnostics(&checked.locate(vec![warning]));
            }
            Some(checked) => {
                let reread = again.entry(checked.name.as_str()).or_insert_with(|| {
                    check_path(Path::new(&checked.name), validator, options.today)
                });
                out.diagnostics(&reread.locate(vec![warning]));
            }
            None => out.diagnostics(&[warning]),
        }
    }
    let mut built = built.output;
    let record = std::mem::take(&mut built.record);
    // The record last: a site is complete when it has one.
    staged.write(record::RECORD, &record.to_json())?;

    let bar = Progress::start(options.progress, "writing the site", 0);
    let written = staged.commit_keeping_old();
    drop(bar);
    let (mut warnings, old) = written?;
    if session.later {
        session.old = Some(old);
    } else {
        warnings.extend(old.remove());
    }
    out.diagnostics(&warnings);
    session.record = Some((options.output.clone(), record));
    let seconds = started.elapsed().as_secs_f64();
    out.err(&format!(
        "{}, {}, {}, {} in {seconds:.1} s\n",
        count(built.countries, "country", "countries"),
        count(built.editions, "edition", "editions"),
        count(built.scorecards, "GCI profile", "GCI profiles"),
        count(built.pages, "page", "pages"),
    ));
    let reused = if built.made == built.parts {
        String::new()
    } else {
        format!(
            "; {} of {} made again, the rest unchanged",
            built.made,
            count(built.parts, "part", "parts")
        )
    };
    out.err(&format!(
        "wrote {} ({} files{reused})\n",
        options.output.display(),
        built.files
    ));
    Ok(Built {
        countries: built.countries,
        editions: built.editions,
        scorecards: built.scorecards,
        pages: built.pages,
        files: built.files,
    })
}

/// Keeps the check of every valid profile in the new site, for the next
/// build: carried over from the old site where it has it, else written.
fn keep_checks(
    staged: &StagedFolder,
    batch: &Batch,
    digests: &[Option<String>],
    today: Date,
) -> Result<(), Diagnostic> {
    batch
        .files
        .par_iter()
        .zip(digests)
        .try_for_each(|(checked, digest)| {
            let (Some(profile), Some(digest)) = (&checked.profile, digest) else {
                return Ok(());
            };
            let path = record::checked_path(digest);
            if let Some(was) = staged.previous(&path) {
                staged.carry_over(&path, was)?;
            } else if let Some(bytes) = record::keep_check(profile, &checked.diagnostics, today) {
                staged.write(&path, &bytes)?;
            }
            Ok(())
        })
}

/// The largest record read (a corpus of 2,000 profiles makes about 10 MB).
const MAX_RECORD_BYTES: u64 = 256 * 1024 * 1024;

/// The site's files go into the staged folder.
struct Staged<'a>(&'a StagedFolder);

impl site::Sink for Staged<'_> {
    fn write(&self, path: &str, bytes: &[u8]) -> Result<Stamp, Diagnostic> {
        self.0.write(path, bytes)
    }

    fn previous(&self, path: &str) -> Option<Stamp> {
        self.0.previous(path)
    }

    fn carry_over(&self, path: &str, was: Stamp) -> Result<Stamp, Diagnostic> {
        self.0.carry_over(path, was)
    }
}

/// What tells this build of profilec from any other: its version, and the
/// size and time of its executable (a binary rebuilt from changed code is
/// another profilec, whatever its version says). Where the executable
/// cannot be found, a value no other run has: every build is a full one.
fn identity() -> String {
    static IDENTITY: OnceLock<String> = OnceLock::new();
    IDENTITY
        .get_or_init(|| {
            let executable = std::env::current_exe()
                .and_then(std::fs::metadata)
                .map(|meta| Stamp::of(&meta));
            match executable {
                Ok(stamp) => format!(
                    "profilec {} ({} bytes, {})",
                    env!("CARGO_PKG_VERSION"),
                    stamp.size,
                    stamp.modified
                ),
                Err(_) => format!(
                    "profilec {} (run {} at {:?})",
                    env!("CARGO_PKG_VERSION"),
                    std::process::id(),
                    std::time::SystemTime::now()
                ),
            }
        })
        .clone()
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
