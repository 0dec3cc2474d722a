//! The static web site of every profile, edition and change.
//!
//! | module | owns |
//! | --- | --- |
//! | this one | the driver: [`generate`], the frame every page shares, how a page is rendered |
//! | [`group`](mod@group) | profiles grouped by country and edition, from their content |
//! | [`country`] | each country's pages: the country page, each edition's page, the downloads |
//! | [`scorecards`] | each country's GCI profiles: their pages and downloads, the scorecard of the country page |
//! | [`changes`] | the change report of each pair of editions, and the list of them all |
//! | [`home`] | the home page |
//! | [`matrix`] | the countries × indicators matrix and one page per indicator |
//! | [`gci`] | the results of each GCI edition, its tiers, `gci.csv` |
//! | [`regions`] | one page per ITU-D region |
//! | [`charts`] | the geometry of the charts (bars, trend) |
//! | [`search`] | the search page and its index |
//! | [`stale`] | which statements of an edition are old (`--stale-after`), against a reference day given by the caller |
//! | [`feeds`] | `sitemap.xml` and the Atom feed |
//! | [`assets`] | the stylesheet, the scripts and the 404 page |
//! | [`paths`] | where each page lives, and relative links between pages |
//! | [`record`] | what a build made, for the next build to make only what changed |
//! | [`views`] | what the page templates see |
//!
//! [`generate`] touches no file: validated profiles, grouped by country and
//! edition ([`group()`]), go in; each file of the site goes, as soon as it
//! is made, to a [`Sink`] (the caller's temporary folder, swapped in whole
//! by the `output` module), so memory holds a few pages, not the site.
//! With the [`record`] of the previous build, only the parts whose inputs
//! changed are made again; the others are carried over by the sink, and
//! the site comes out the same, byte for byte. Reading profiles is
//! `load`'s job.
//!
//! The pages are Tera templates under `templates/site/` (embedded, and
//! overridable with `--templates` like every other template). Each page
//! template says its own title and description (blocks `title` and
//! `description` of `site/base.html.tera`), so a publisher who overrides a
//! page rewords it whole. They see view structs ([`views`]) in which
//! everything is precomputed, links included: each link is made relative to
//! the page it is on ([`paths::relative`]), so the site works from disk and
//! under any sub-path. Absolute URLs appear only in `sitemap.xml` and
//! `feed.xml`, from the base URL, and those two files are not written
//! without one.
//!
//! Every country with a profile of either kind gets a page: its GCI
//! scorecard at the top (where it has GCI profiles), then its latest
//! Cyberwellness edition in full (where it has one). Each country is built
//! in parallel (rayon): its Cyberwellness editions and its GCI profiles go
//! through the one rendering path of `profilec build`
//! ([`crate::render::prepare`], then the same Markdown → HTML conversion),
//! and their downloads through the same [`Renderer`]s. Each pair of
//! consecutive Cyberwellness editions is compared by [`crate::diff::diff`]
//! and its report written by the same view and template as `profilec diff
//! -f html` ([`crate::render::diff`]). Pages that span countries (home,
//! matrix, indicators, search, changes, feeds) are made from small
//! summaries of each country's latest edition; the GCI pages (results,
//! tiers, regions, `gci.csv`) from the GCI profiles' scores directly.

pub mod assets;
pub mod changes;
pub mod charts;
pub mod country;
pub mod feeds;
pub mod gci;
pub mod group;
pub mod home;
pub mod matrix;
pub mod paths;
pub mod record;
pub mod regions;
pub mod scorecards;
pub mod search;
pub mod stale;
pub mod views;

pub use group::{CountryEditions, Edition, group};

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;
use serde::Serialize;
use url::Url;

use crate::diag::{Code, Diagnostic, Warned};
use crate::model::AnyProfile;
use crate::output::Stamp;
use crate::render::{RenderError, Renderer, Sentences, Templates};
use crate::schema::{Catalogues, Labels};
use country::CountrySummary;
use paths::relative;
use record::{Digest, Part, Record};
use views::Nav;

/// The site's title when `--title` is not given.
pub const DEFAULT_TITLE: &str = "Country cybersecurity profiles";

/// How many editions the Atom feed lists, newest first.
pub const FEED_ENTRIES: usize = 50;

/// What to build.
pub struct SiteConfig<'a> {
    /// The site's title.
    pub title: String,
    /// The address the site is published at, for the sitemap and the feed.
    pub base_url: Option<Url>,
    /// The document formats offered for download beside JSON (Markdown, and
    /// PDF where that renderer is built), each made by its [`Renderer`].
    pub downloads: Vec<&'a dyn Renderer>,
    /// The catalogues, for comparing editions.
    pub catalogues: &'a Catalogues,
    /// The catalogues' standard sentences.
    pub sentences: &'a Sentences,
    /// When a statement is old enough for its page to say so; `None`:
    /// never.
    pub stale: Option<stale::Staleness>,
    /// Whatever else the pages depend on that the profiles, the templates
    /// and the fields above do not say: profilec's identity (another
    /// version makes everything again) and the options of the renderers
    /// (the PDFs' date). Part of every key of the [`record`].
    pub fingerprint: String,
}

/// Where the files of a site go as they are made, from any thread: a
/// folder being written ([`crate::output::StagedFolder`]), which may also
/// hold the previous build's files to carry over.
pub trait Sink: Sync {
    /// Writes a file of the site; returns its stamp.
    fn write(&self, path: &str, bytes: &[u8]) -> Result<Stamp, Diagnostic>;
    /// The stamp of the previous build's file `path`, if it is there.
    fn previous(&self, path: &str) -> Option<Stamp>;
    /// Carries the previous build's file `path`, whose stamp
    /// [`Sink::previous`] found to be `was`, into the new site unchanged;
    /// returns its stamp there.
    fn carry_over(&self, path: &str, was: Stamp) -> Result<Stamp, Diagnostic>;
}

/// What a build made: counts, and the record of it for the next build.
#[derive(Debug, Default)]
pub struct Site {
    /// How many countries.
    pub countries: usize,
    /// How many Cyberwellness editions.
    pub editions: usize,
    /// How many GCI profiles.
    pub scorecards: usize,
    /// How many HTML pages.
    pub pages: usize,
    /// How many files, the record aside.
    pub files: usize,
    /// How many parts were made again (the others were carried over).
    pub made: usize,
    /// How many parts there are.
    pub parts: usize,
    /// The record of this build, for the caller to write last (at
    /// [`record::RECORD`]).
    pub record: Record,
}

/// Builds every file of the site into `sink`, as it is made. With the
/// record of the previous build (whose files `sink` can carry over), only
/// the parts whose inputs changed are made again (see [`record`]); the
/// site is the same, byte for byte, as a full build.
///
/// `progress` is called once per profile (a Cyberwellness edition or a GCI
/// profile) made or carried over, from any thread. Warnings come with it:
/// about the site as a whole (no base URL), and what the document
/// renderers noticed, each naming the profile file (as the groups name it)
/// and the field it concerns (`path`), for the caller to place in the file.
pub fn generate(
    countries: &[CountryEditions],
    templates: &Templates,
    config: &SiteConfig,
    sink: &dyn Sink,
    previous: Option<&Record>,
    progress: &(dyn Fn() + Sync),
) -> Result<Warned<Site>, Diagnostic> {
    let located = |building: String| {
        move |e: RenderError| {
            let mut d = e.to_diagnostic(Some(templates));
            d.message = format!("{} (building {building})", d.message);
            d
        }
    };
    let stale_note = match config.stale {
        Some(stale) => {
            let mut context = tera::Context::new();
            context.insert("stale", &stale.view());
            Some(
                templates
                    .render(crate::render::templates::SITE_STALE, &context)
                    .map_err(located("the note on old statements".to_owned()))?,
            )
        }
        None => None,
    };
    let gci_editions = gci::editions(countries);
    let builder = Builder {
        templates,
        config,
        has_changes: countries.iter().any(|c| c.editions.len() > 1),
        stale_note,
        has_gci: !gci_editions.is_empty(),
    };
    // What every part depends on beyond its own inputs.
    let mut common = Digest::new("site");
    common
        .text(&config.fingerprint)
        .text(&config.title)
        .text(config.base_url.as_ref().map_or("", Url::as_str))
        .json(
            &config
                .downloads
                .iter()
                .map(|r| r.name())
                .collect::<Vec<_>>(),
        )
        .json(&config.stale.map(|s| (s.years, s.reference)))
        .json(&(builder.has_changes, builder.has_gci));
    let common = common.finish();
    let no_parts = BTreeMap::new();
    let previous_parts = previous.map_or(&no_parts, |r| &r.parts);

    let parts: Vec<(String, Part, Option<CountrySummary>, bool)> = countries
        .par_iter()
        .map(|country| {
            let name = record::country_part(country.alpha3);
            builder
                .country_part(country, &common, previous_parts.get(&name), sink, progress)
                .map(|(part, summary, made)| (name, part, summary, made))
                .map_err(|e| match e {
                    PartError::Render(e) => located(format!("the pages of {}", country.name()))(e),
                    PartError::Write(d) => d,
                })
        })
        .collect::<Result<_, _>>()?;

    let mut site = Site {
        countries: countries.len(),
        editions: countries.iter().map(|c| c.editions.len()).sum(),
        scorecards: countries.iter().map(|c| c.scorecards.len()).sum(),
        ..Site::default()
    };
    let mut summaries: Vec<CountrySummary> = Vec::with_capacity(parts.len());
    let mut warnings = Vec::new();
    let mut record = Record {
        format: record::FORMAT,
        parts: BTreeMap::new(),
    };
    let mut paths: BTreeSet<String> = BTreeSet::new();
    let mut shared_key = Digest::new("shared");
    shared_key.text(&common).text(&templates.digest_all());
    for (name, part, summary, made) in parts {
        site.made += usize::from(made);
        shared_key.text(&name).text(&part.key);
        paths.extend(part.files.iter().map(|(path, _)| path.clone()));
        warnings.extend(part.warnings.iter().filter_map(record::Warning::diagnostic));
        summaries.extend(summary);
        record.parts.insert(name, part);
    }
    let shared_key = shared_key.finish();

    let shared = match previous_parts
        .get(record::SHARED)
        .filter(|p| p.key == shared_key)
        .and_then(|p| carry_over(p, sink).transpose())
    {
        Some(carried) => carried?,
        None => {
            let files = builder
                .shared_pages(countries, &summaries, &gci_editions)
                .map_err(located("the site's shared pages".to_owned()))?;
            let mut written = Vec::with_capacity(files.len() + 3);
            for (path, bytes) in &files {
                written.push((path.clone(), sink.write(path, bytes)?));
            }
            drop(files);
            let json = profiles_json(countries).map_err(|e| {
                Diagnostic::error(Code::Internal, format!("cannot write profiles.json: {e}"))
            })?;
            let path = paths::PROFILES_JSON;
            written.push((path.to_owned(), sink.write(path, &json)?));
            drop(json);
            if let Some(base) = &config.base_url {
                paths.extend(written.iter().map(|(path, _)| path.clone()));
                let feeds = builder
                    .feeds(base, countries, &summaries, &gci_editions, &paths)
                    .map_err(located("the sitemap and feed".to_owned()))?;
                for (path, bytes) in &feeds {
                    written.push((path.clone(), sink.write(path, bytes)?));
                }
            }
            site.made += 1;
            Part {
                key: shared_key,
                templates: Vec::new(),
                files: written,
                warnings: Vec::new(),
                summary: None,
            }
        }
    };
    paths.extend(shared.files.iter().map(|(path, _)| path.clone()));
    record.parts.insert(record::SHARED.to_owned(), shared);
    if config.base_url.is_none() {
        warnings.push(
            Diagnostic::warning(
                Code::Output,
                "no --base-url: sitemap.xml and feed.xml were not written, because they need absolute addresses",
            )
            .with_hint("give the address the site will be published at, e.g. --base-url https://example.org/profiles/"),
        );
    }
    sink.write(
        paths::MARKER,
        b"This folder is a site built by `profilec site`; each build replaces all of it.\n",
    )?;
    paths.insert(paths::MARKER.to_owned());
    site.parts = record.parts.len();
    site.files = paths.len();
    site.pages = paths.iter().filter(|p| p.ends_with(".html")).count();
    site.record = record;
    Ok(Warned::with(site, warnings))
}

/// Why a part could not be made.
enum PartError {
    /// A template or renderer failed.
    Render(RenderError),
    /// A file could not be written.
    Write(Diagnostic),
}

impl From<RenderError> for PartError {
    fn from(e: RenderError) -> Self {
        PartError::Render(e)
    }
}

impl From<Diagnostic> for PartError {
    fn from(d: Diagnostic) -> Self {
        PartError::Write(d)
    }
}

/// Carries every file of a recorded part over, if each is still as
/// written; `None` (nothing carried) if one is not, and the part must be
/// made again.
fn carry_over(part: &Part, sink: &dyn Sink) -> Result<Option<Part>, Diagnostic> {
    if !part
        .files
        .iter()
        .all(|(path, stamp)| sink.previous(path) == Some(*stamp))
    {
        return Ok(None);
    }
    let mut files = Vec::with_capacity(part.files.len());
    for (path, stamp) in &part.files {
        files.push((path.clone(), sink.carry_over(path, *stamp)?));
    }
    Ok(Some(Part {
        files,
        ..part.clone()
    }))
}

/// What builds the pages: the templates and the configuration.
struct Builder<'a> {
    templates: &'a Templates,
    config: &'a SiteConfig<'a>,
    /// Whether any country has two editions, so there are change reports.
    has_changes: bool,
    /// The note after each old statement's status line, rendered once.
    stale_note: Option<String>,
    /// Whether there are GCI profiles, so there are GCI pages.
    has_gci: bool,
}

impl Builder<'_> {
    /// The frame of the page at `page`, in section `current`.
    fn nav(&self, page: &str, current: &'static str) -> Nav {
        Nav {
            site_title: self.config.title.clone(),
            current,
            home: relative(page, paths::HOME),
            matrix: relative(page, paths::MATRIX),
            gci: self.has_gci.then(|| relative(page, paths::GCI)),
            gci_csv: self.has_gci.then(|| relative(page, paths::GCI_CSV)),
            changes: self.has_changes.then(|| relative(page, paths::CHANGES)),
            search: relative(page, paths::SEARCH),
            data: relative(page, paths::PROFILES_JSON),
            css: relative(page, paths::CSS),
            js: relative(page, paths::SITE_JS),
            feed: self
                .config
                .base_url
                .is_some()
                .then(|| relative(page, paths::FEED)),
        }
    }

    /// Renders a page template with its frame and its view.
    fn page(
        &self,
        template: &str,
        nav: Nav,
        view: &impl Serialize,
    ) -> Result<Vec<u8>, RenderError> {
        let mut context = tera::Context::new();
        context.insert("nav", &nav);
        context.insert("view", view);
        self.templates
            .render(template, &context)
            .map(String::into_bytes)
    }

    /// Home, matrix, indicator pages, changes, the GCI results, tiers and
    /// regions, search, 404 and the assets.
    fn shared_pages(
        &self,
        countries: &[CountryEditions],
        summaries: &[CountrySummary],
        gci_editions: &[gci::GciEdition],
    ) -> Result<Vec<(String, Vec<u8>)>, RenderError> {
        let mut files = vec![self.home(countries, summaries, gci_editions)?];
        files.extend(self.matrix_pages(summaries)?);
        if self.has_changes {
            files.push(self.changes_index(summaries)?);
        }
        files.extend(self.gci_pages(gci_editions)?);
        files.extend(self.region_pages(countries, gci_editions)?);
        files.extend(self.search(countries, summaries, gci_editions)?);
        files.extend(self.assets()?);
        Ok(files)
    }
}

/// The status words of the site's legends: the words of the catalogue the
/// first country follows (every catalogue of one language words its
/// statuses alike), or of the first catalogue known.
fn legend_labels<'a>(
    summaries: &[CountrySummary<'a>],
    catalogues: &'a Catalogues,
) -> Option<&'a Labels> {
    summaries
        .first()
        .map(|s| &s.latest.catalogue.labels)
        .or_else(|| catalogues.iter().next().map(|c| &c.labels))
}

/// `profiles.json`: every edition of every profile, by country then year.
fn profiles_json(countries: &[CountryEditions]) -> Result<Vec<u8>, serde_json::Error> {
    #[derive(Serialize)]
    struct All<'a> {
        format_version: u32,
        description: &'static str,
        profiles: Vec<&'a AnyProfile>,
    }
    let all = All {
        format_version: 1,
        description: "Every profile of this site, in the profile file format (see profilec schema): each country's Cyberwellness Profiles (each names its publisher: the ITU, or whoever compiled it), then its ITU Global Cybersecurity Index profiles, by country name and edition year.",
        profiles: countries
            .iter()
            .flat_map(|c| {
                c.editions
                    .iter()
                    .map(|e| e.any)
                    .chain(c.scorecards.iter().map(|s| s.any))
            })
            .collect(),
    };
    let mut bytes = serde_json::to_vec(&all)?;
    bytes.push(b'\n');
    Ok(bytes)
}
