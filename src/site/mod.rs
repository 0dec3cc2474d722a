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
//! | [`views`] | what the page templates see |
//!
//! [`generate`] is pure: validated profiles, grouped by country and edition
//! ([`group()`]), go in; every file of the site comes out as bytes in memory,
//! keyed by its site path. Writing them (to a temporary folder swapped in
//! whole) is the `output` module's job, and reading profiles is `load`'s.
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
pub mod regions;
pub mod scorecards;
pub mod search;
pub mod stale;
pub mod views;

pub use group::{CountryEditions, Edition, group};

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::Serialize;
use url::Url;

use crate::diag::{Code, Diagnostic, Warned};
use crate::model::AnyProfile;
use crate::render::{RenderError, Renderer, Sentences, Templates};
use crate::schema::{Catalogues, Labels};
use country::CountrySummary;
use paths::relative;
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
}

/// The whole site, in memory.
#[derive(Debug, Default)]
pub struct Site {
    /// Every file, by site path.
    pub files: BTreeMap<String, Vec<u8>>,
    /// How many countries.
    pub countries: usize,
    /// How many Cyberwellness editions.
    pub editions: usize,
    /// How many GCI profiles.
    pub scorecards: usize,
    /// How many HTML pages.
    pub pages: usize,
}

/// Builds every file of the site. `progress` is called once per profile
/// rendered (a Cyberwellness edition or a GCI profile), from any thread. Warnings come with it: about the site as a
/// whole (no base URL), and what the document renderers noticed, each
/// naming the profile file (as the groups name it) and the field it
/// concerns (`path`), for the caller to place in the file.
pub fn generate(
    countries: &[CountryEditions],
    templates: &Templates,
    config: &SiteConfig,
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

    let outputs: Vec<country::CountryOutput> = countries
        .par_iter()
        .map(|country| {
            builder
                .country(country, progress)
                .map_err(located(format!("the pages of {}", country.name())))
        })
        .collect::<Result<_, _>>()?;

    let mut site = Site {
        countries: countries.len(),
        editions: countries.iter().map(|c| c.editions.len()).sum(),
        scorecards: countries.iter().map(|c| c.scorecards.len()).sum(),
        ..Site::default()
    };
    let mut summaries: Vec<CountrySummary> = Vec::with_capacity(outputs.len());
    let mut warnings = Vec::new();
    for output in outputs {
        site.files.extend(output.files);
        warnings.extend(output.warnings);
        summaries.extend(output.summary);
    }

    let shared = builder
        .shared_pages(countries, &summaries, &gci_editions)
        .map_err(located("the site's shared pages".to_owned()))?;
    site.files.extend(shared);
    site.files.insert(
        paths::PROFILES_JSON.to_owned(),
        profiles_json(countries).map_err(|e| {
            Diagnostic::error(Code::Internal, format!("cannot write profiles.json: {e}"))
        })?,
    );
    match &config.base_url {
        Some(base) => {
            let feeds = builder
                .feeds(base, countries, &summaries, &gci_editions, &site.files)
                .map_err(located("the sitemap and feed".to_owned()))?;
            site.files.extend(feeds);
        }
        None => warnings.push(
            Diagnostic::warning(
                Code::Output,
                "no --base-url: sitemap.xml and feed.xml were not written, because they need absolute addresses",
            )
            .with_hint("give the address the site will be published at, e.g. --base-url https://example.org/profiles/"),
        ),
    }
    site.files.insert(
        paths::MARKER.to_owned(),
        b"This folder is a site built by `profilec site`; each build replaces all of it.\n"
            .to_vec(),
    );
    site.pages = site.files.keys().filter(|p| p.ends_with(".html")).count();
    Ok(Warned::with(site, warnings))
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
