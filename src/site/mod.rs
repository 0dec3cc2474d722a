//! The static web site of every profile, edition and change.
//!
//! [`generate`] is pure: validated profiles, grouped by country and edition
//! ([`group()`]), go in; every file of the site comes out as bytes in memory,
//! keyed by its site path. Writing them (to a temporary folder swapped in
//! whole) is the `output` module's job, and reading profiles is `load`'s.
//!
//! The pages are Tera templates under `templates/site/` (embedded, and
//! overridable with `--templates` like every other template). They see view
//! structs ([`views`]) in which everything is precomputed, links included:
//! each link is made relative to the page it is on ([`paths::relative`]), so
//! the site works from disk and under any sub-path. Absolute URLs appear only
//! in `sitemap.xml` and `feed.xml`, from the base URL, and those two files are
//! not written without one.
//!
//! Each country is built in parallel (rayon): its editions go through the one
//! rendering path of `profilec build` ([`crate::render::prepare`], then the
//! same Markdown → HTML conversion), and its downloads through the same
//! [`Renderer`]s. Each pair of consecutive editions is compared by
//! [`crate::diff::diff`] and its report written by the same view and template
//! as `profilec diff -f html` ([`crate::render::diff`]). Pages that span
//! countries (home, matrix, indicators, search, changes, feeds) are made from
//! small summaries of each country's latest edition.

pub mod group;
pub mod paths;
pub mod search;
pub mod views;

pub use group::{CountryEditions, Edition, group};

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::Serialize;
use url::Url;

use crate::diag::{Code, Diagnostic};
use crate::diff::{self, Input};
use crate::model::{Date, Profile, Status};
use crate::render::templates as names;
use crate::render::view::date_text;
use crate::render::{self, RenderContext, RenderError, Renderer, Templates, html};
use crate::schema::{Catalogue, Catalogues};
use paths::relative;
use views::*;

/// The site's title when `--title` is not given.
pub const DEFAULT_TITLE: &str = "Cyberwellness profiles";

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
}

/// The whole site, in memory.
#[derive(Debug, Default)]
pub struct Site {
    /// Every file, by site path.
    pub files: BTreeMap<String, Vec<u8>>,
    /// How many countries.
    pub countries: usize,
    /// How many editions.
    pub editions: usize,
    /// How many HTML pages.
    pub pages: usize,
    /// Things worth telling (a missing base URL).
    pub warnings: Vec<Diagnostic>,
    /// What the document renderers warned about, by the profile file they
    /// concern (as given); each warning names a field of the profile
    /// (`path`), for the caller to place in the file.
    pub render_warnings: Vec<(String, Vec<Diagnostic>)>,
}

/// Builds every file of the site. `progress` is called once per edition
/// rendered, from any thread.
pub fn generate(
    countries: &[CountryEditions],
    templates: &Templates,
    config: &SiteConfig,
    progress: &(dyn Fn() + Sync),
) -> Result<Site, Diagnostic> {
    let located = |building: String| {
        move |e: RenderError| {
            let mut d = e.to_diagnostic(Some(templates));
            d.message = format!("{} (building {building})", d.message);
            d
        }
    };
    let builder = Builder {
        templates,
        config,
        has_changes: countries.iter().any(|c| c.editions.len() > 1),
    };

    let outputs: Vec<CountryOutput> = countries
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
        ..Site::default()
    };
    let mut summaries = Vec::with_capacity(outputs.len());
    for output in outputs {
        site.files.extend(output.files);
        site.render_warnings.extend(output.warnings);
        summaries.push(output.summary);
    }

    let shared = builder
        .shared_pages(&summaries, countries)
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
                .feeds(base, &summaries, &site.files)
                .map_err(located("the sitemap and feed".to_owned()))?;
            site.files.extend(feeds);
        }
        None => site.warnings.push(
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
    Ok(site)
}

/// What the shared pages need to know of a country.
struct CountrySummary<'a> {
    name: &'a str,
    alpha2: &'a str,
    alpha3: &'a str,
    latest: Edition<'a>,
    editions: Vec<(u16, Date)>,
    answers: Vec<Answer>,
    changes: Vec<ChangeSummary>,
}

/// A change report, for the list of them all.
struct ChangeSummary {
    old: u16,
    new: u16,
    date: Date,
    line: String,
}

/// One indicator of a country's latest edition.
struct Answer {
    /// Index of the area in the catalogue's area order.
    area: usize,
    number: String,
    heading: String,
    anchor: String,
    status: Status,
    html: String,
    search_text: String,
}

struct CountryOutput<'a> {
    files: Vec<(String, Vec<u8>)>,
    warnings: Vec<(String, Vec<Diagnostic>)>,
    summary: CountrySummary<'a>,
}

/// One edition, rendered once and used by every page that shows it.
struct RenderedEdition<'a> {
    edition: Edition<'a>,
    prepared: render::Prepared,
    body: String,
}

/// A change report as the pages of its country list it: old and new year,
/// summary line.
type ChangeLine = (u16, u16, String);

/// A change report and its page.
struct ChangeReport {
    line: ChangeLine,
    page: Vec<u8>,
}

struct Builder<'a> {
    templates: &'a Templates,
    config: &'a SiteConfig<'a>,
    /// Whether any country has two editions, so there are change reports.
    has_changes: bool,
}

impl Builder<'_> {
    fn nav(&self, page: &str, current: &'static str) -> Nav {
        Nav {
            site_title: self.config.title.clone(),
            current,
            home: relative(page, paths::HOME),
            matrix: relative(page, paths::MATRIX),
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

    fn page(
        &self,
        template: &str,
        nav: Nav,
        meta: PageMeta,
        fill: impl FnOnce(&mut tera::Context),
    ) -> Result<Vec<u8>, RenderError> {
        let mut context = tera::Context::new();
        context.insert("nav", &nav);
        context.insert("page", &meta);
        fill(&mut context);
        self.templates
            .render(template, &context)
            .map(String::into_bytes)
    }

    /// Every page and download of one country.
    fn country<'a>(
        &self,
        country: &CountryEditions<'a>,
        progress: &(dyn Fn() + Sync),
    ) -> Result<CountryOutput<'a>, RenderError> {
        let mut files = Vec::new();
        let mut warnings = Vec::new();
        let mut rendered = Vec::with_capacity(country.editions.len());
        for &edition in &country.editions {
            let prepared = render::prepare(edition.profile, edition.catalogue, self.templates)?;
            let body = html::markdown_to_html(&prepared.markdown);
            let context = RenderContext {
                profile: edition.profile,
                catalogue: edition.catalogue,
                view: &prepared.view,
                markdown: &prepared.markdown,
                templates: self.templates,
            };
            for renderer in &self.config.downloads {
                let path =
                    paths::edition_download(country.alpha3, edition.year(), renderer.extension());
                let document = renderer.render_with_warnings(&context)?;
                if !document.warnings.is_empty() {
                    warnings.push((edition.file.to_owned(), document.warnings));
                }
                files.push((path, document.bytes));
            }
            let path = paths::edition_download(country.alpha3, edition.year(), "json");
            files.push((path, profile_json(edition.profile)?));
            rendered.push(RenderedEdition {
                edition,
                prepared,
                body,
            });
            progress();
        }

        let reports = self.change_reports(country)?;
        let changes: Vec<ChangeLine> = reports.iter().map(|r| r.line.clone()).collect();
        for report in reports {
            let (old, new, _) = report.line;
            files.push((paths::changes_page(country.alpha3, old, new), report.page));
        }
        let latest_index = rendered.len() - 1;
        for (index, this) in rendered.iter().enumerate() {
            let page = paths::edition_page(country.alpha3, this.edition.year());
            let bytes = self.profile_page(country, &rendered, &changes, index, &page)?;
            files.push((page, bytes));
        }
        let page = paths::country_page(country.alpha3);
        let bytes = self.profile_page(country, &rendered, &changes, latest_index, &page)?;
        files.push((page, bytes));

        let latest = &rendered[latest_index];
        let answers = answers(latest)?;
        Ok(CountryOutput {
            files,
            warnings,
            summary: CountrySummary {
                name: country.name(),
                alpha2: &latest.edition.profile.country.alpha2,
                alpha3: country.alpha3,
                latest: latest.edition,
                editions: country
                    .editions
                    .iter()
                    .map(|e| (e.year(), e.profile.last_updated))
                    .collect(),
                answers,
                changes: changes
                    .iter()
                    .map(|(old, new, line)| ChangeSummary {
                        old: *old,
                        new: *new,
                        date: country
                            .editions
                            .iter()
                            .find(|e| e.year() == *new)
                            .map_or(latest.edition.profile.last_updated, |e| {
                                e.profile.last_updated
                            }),
                        line: line.clone(),
                    })
                    .collect(),
            },
        })
    }

    /// The change report of each pair of consecutive editions. The comparison is `profilec diff`'s, its report
    /// the one `profilec diff -f html` writes (unchanged indicators left
    /// out), set in the site's frame.
    fn change_reports(&self, country: &CountryEditions) -> Result<Vec<ChangeReport>, RenderError> {
        let pairs: Vec<(&Edition, &Edition)> = country
            .editions
            .windows(2)
            .map(|w| (&w[0], &w[1]))
            .collect();
        let mut out = Vec::with_capacity(pairs.len());
        for (i, (old, new)) in pairs.iter().enumerate() {
            let page = paths::changes_page(country.alpha3, old.year(), new.year());
            let compared = diff::diff(
                Input {
                    file: old.name,
                    profile: old.profile,
                },
                Input {
                    file: new.name,
                    profile: new.profile,
                },
                self.config.catalogues,
                render::sentences()?,
            );
            let (summary, body, error) = match compared {
                Ok(report) => {
                    let line = report.summary.line.clone();
                    let view = render::diff::diff_view(&report.changed_only(), false);
                    let markdown = render::diff::diff_markdown(&view, self.templates)?;
                    (line, Some(html::markdown_to_html(&markdown)), None)
                }
                Err(e) => ("cannot be compared".to_owned(), None, Some(e.to_string())),
            };
            let link = |(o, n): (&Edition, &Edition)| Link {
                label: format!("{} \u{2192} {}", o.year(), n.year()),
                href: relative(
                    &page,
                    &paths::changes_page(country.alpha3, o.year(), n.year()),
                ),
            };
            let view = ChangesView {
                country: country.name().to_owned(),
                alpha3: country.alpha3.to_owned(),
                country_href: relative(&page, &paths::country_page(country.alpha3)),
                old: old.year(),
                old_href: relative(&page, &paths::edition_page(country.alpha3, old.year())),
                new: new.year(),
                new_href: relative(&page, &paths::edition_page(country.alpha3, new.year())),
                summary: summary.clone(),
                body,
                error,
                previous: i.checked_sub(1).map(|p| link(pairs[p])),
                next: pairs.get(i + 1).map(|&pair| link(pair)),
            };
            let name = country.name();
            let bytes = self.page(
                names::SITE_CHANGES,
                self.nav(&page, "changes"),
                PageMeta {
                    title: format!("{name}: changes {} \u{2192} {}", old.year(), new.year()),
                    description: format!(
                        "What changed in the ITU cyberwellness profile of {name} from the {} to the {} edition, indicator by indicator.",
                        old.year(),
                        new.year()
                    ),
                },
                |c| c.insert("view", &view),
            )?;
            out.push(ChangeReport {
                line: (old.year(), new.year(), summary),
                page: bytes,
            });
        }
        Ok(out)
    }

    /// The downloads of one edition, relative to `page`.
    fn downloads(&self, page: &str, alpha3: &str, year: u16) -> Vec<Download> {
        let mut downloads: Vec<Download> = self
            .config
            .downloads
            .iter()
            .map(|r| download(page, alpha3, year, r.extension(), format_label(r.name())))
            .collect();
        downloads.push(download(page, alpha3, year, "json", "JSON"));
        downloads
    }

    /// The page of one edition (`index` in `rendered`) at `page`: the
    /// edition's own page, or the country page for the latest.
    fn profile_page(
        &self,
        country: &CountryEditions,
        rendered: &[RenderedEdition],
        changes: &[ChangeLine],
        index: usize,
        page: &str,
    ) -> Result<Vec<u8>, RenderError> {
        let this = &rendered[index];
        let latest = &rendered[rendered.len() - 1];
        let year = this.edition.year();
        let name = country.name();
        let is_latest = index == rendered.len() - 1;
        let view = ProfilePageView {
            country: this.edition.profile.country.name.clone(),
            alpha3: country.alpha3.to_owned(),
            edition: year,
            latest: is_latest,
            last_updated_text: date_text(this.edition.profile.last_updated),
            country_href: relative(page, &paths::country_page(country.alpha3)),
            latest_edition: latest.edition.year(),
            latest_href: relative(
                page,
                &paths::edition_page(country.alpha3, latest.edition.year()),
            ),
            editions: rendered
                .iter()
                .rev()
                .map(|r| EditionLink {
                    year: r.edition.year(),
                    href: relative(page, &paths::edition_page(country.alpha3, r.edition.year())),
                    last_updated_text: date_text(r.edition.profile.last_updated),
                    current: r.edition.year() == year,
                    latest: r.edition.year() == latest.edition.year(),
                    downloads: self.downloads(page, country.alpha3, r.edition.year()),
                })
                .collect(),
            downloads: self.downloads(page, country.alpha3, year),
            changes: changes
                .iter()
                .rev()
                .map(|(old, new, line)| ChangeLink {
                    label: format!("{old} \u{2192} {new}"),
                    href: relative(page, &paths::changes_page(country.alpha3, *old, *new)),
                    old: *old,
                    new: *new,
                    summary: line.clone(),
                })
                .collect(),
            contents: contents(&this.prepared.view),
            body: &this.body,
        };
        let (template, current, title) = if page.ends_with("/index.html") {
            (names::SITE_COUNTRY, "country", name.to_owned())
        } else {
            (
                names::SITE_EDITION,
                "country",
                format!("{name}, {year} edition"),
            )
        };
        let meta = PageMeta {
            title,
            description: format!(
                "ITU cyberwellness profile of {name}, {year} edition: what the country has in place for cybersecurity and child online protection."
            ),
        };
        self.page(template, self.nav(page, current), meta, |c| {
            c.insert("view", &view)
        })
    }

    /// Home, matrix, indicator pages, search, 404 and the assets.
    fn shared_pages(
        &self,
        summaries: &[CountrySummary],
        countries: &[CountryEditions],
    ) -> Result<Vec<(String, Vec<u8>)>, RenderError> {
        let mut files = Vec::new();
        let editions: usize = countries.iter().map(|c| c.editions.len()).sum();

        // Home.
        let page = paths::HOME;
        let areas = area_headings(summaries);
        let rows: Vec<HomeRow> = summaries
            .iter()
            .enumerate()
            .map(|(order, s)| home_row(page, order, s))
            .collect();
        let home = HomeView {
            countries: rows,
            areas,
            legend: StatusMark::legend(),
            editions,
        };
        files.push((
            page.to_owned(),
            self.page(
                names::SITE_HOME,
                self.nav(page, "home"),
                PageMeta {
                    title: "Countries".to_owned(),
                    description: format!(
                        "ITU cyberwellness profiles of {} countries: cybersecurity and child online protection, with every edition and what changed.",
                        summaries.len()
                    ),
                },
                |c| c.insert("view", &home),
            )?,
        ));

        // Matrix and indicator pages, per catalogue in use.
        let catalogues = catalogues_in_use(summaries);
        let page = paths::MATRIX;
        let matrix = MatrixView {
            tables: catalogues
                .iter()
                .map(|catalogue| matrix_table(page, catalogue, summaries))
                .collect(),
            legend: StatusMark::legend(),
        };
        files.push((
            page.to_owned(),
            self.page(
                names::SITE_MATRIX,
                self.nav(page, "matrix"),
                PageMeta {
                    title: "Matrix".to_owned(),
                    description: "Every country against every indicator of the ITU cyberwellness profile, as each country's latest edition answers it.".to_owned(),
                },
                |c| c.insert("view", &matrix),
            )?,
        ));
        let indicator_pages: Vec<(String, Vec<u8>)> = catalogues
            .iter()
            .flat_map(|catalogue| {
                let list: Vec<_> = catalogue.indicators().collect();
                (0..list.len())
                    .map(move |i| (*catalogue, list.clone(), i))
                    .collect::<Vec<_>>()
            })
            .collect::<Vec<_>>()
            .into_par_iter()
            .map(|(catalogue, list, i)| self.indicator_page(catalogue, &list, i, summaries))
            .collect::<Result<_, _>>()?;
        files.extend(indicator_pages);

        // Every change report, newest first.
        if self.has_changes {
            let page = paths::CHANGES;
            let mut rows: Vec<(Date, &str, u16, ChangesRow)> = summaries
                .iter()
                .flat_map(|s| {
                    s.changes.iter().map(move |c| {
                        (
                            c.date,
                            s.name,
                            c.new,
                            ChangesRow {
                                country: s.name.to_owned(),
                                country_href: relative(page, &paths::country_page(s.alpha3)),
                                label: format!("{} \u{2192} {}", c.old, c.new),
                                href: relative(page, &paths::changes_page(s.alpha3, c.old, c.new)),
                                summary: c.line.clone(),
                                date: c.date.to_string(),
                                date_text: date_text(c.date),
                            },
                        )
                    })
                })
                .collect();
            rows.sort_by(|a, b| {
                b.0.cmp(&a.0)
                    .then(group::sort_key(a.1).cmp(&group::sort_key(b.1)))
                    .then(b.2.cmp(&a.2))
            });
            let view = ChangesIndexView {
                reports: rows.into_iter().map(|(_, _, _, row)| row).collect(),
            };
            files.push((
                page.to_owned(),
                self.page(
                    names::SITE_CHANGES_INDEX,
                    self.nav(page, "changes"),
                    PageMeta {
                        title: "Changes".to_owned(),
                        description: "What changed between consecutive editions of each country's profile, newest first.".to_owned(),
                    },
                    |c| c.insert("view", &view),
                )?,
            ));
        }

        // Search.
        let entries = search_entries(summaries, &catalogues);
        let index = search::index_script(&entries)
            .map_err(|e| RenderError::Output(format!("cannot write the search index: {e}")))?;
        files.push((paths::SEARCH_INDEX_JS.to_owned(), index));
        let page = paths::SEARCH;
        let view = SearchView {
            index_js: relative(page, paths::SEARCH_INDEX_JS),
            search_js: relative(page, paths::SEARCH_JS),
            entries: entries.len(),
        };
        files.push((
            page.to_owned(),
            self.page(
                names::SITE_SEARCH,
                self.nav(page, "search"),
                PageMeta {
                    title: "Search".to_owned(),
                    description:
                        "Search the profiles: countries, indicators, laws, agencies and text."
                            .to_owned(),
                },
                |c| c.insert("view", &view),
            )?,
        ));

        // Assets.
        let empty = tera::Context::new();
        let mut css = self.templates.render(names::STYLE_CSS, &empty)?;
        css.push('\n');
        css.push_str(&self.templates.render(names::SITE_CSS, &empty)?);
        files.push((
            paths::SITE_JS.to_owned(),
            self.templates.render(names::SITE_JS, &empty)?.into_bytes(),
        ));
        files.push((
            paths::SEARCH_JS.to_owned(),
            self.templates
                .render(names::SITE_SEARCH_JS, &empty)?
                .into_bytes(),
        ));

        // 404: shown by servers at any depth, so its stylesheet is inlined
        // and its home link is absolute when the base URL is known.
        let page = paths::NOT_FOUND;
        let view = NotFoundView {
            home: match &self.config.base_url {
                Some(base) => base.to_string(),
                None => paths::HOME.to_owned(),
            },
            css: css.clone(),
        };
        files.push((
            page.to_owned(),
            self.page(
                names::SITE_404,
                self.nav(page, "none"),
                PageMeta {
                    title: "Page not found".to_owned(),
                    description: "This page does not exist.".to_owned(),
                },
                |c| c.insert("view", &view),
            )?,
        ));
        files.push((paths::CSS.to_owned(), css.into_bytes()));
        Ok(files)
    }

    fn indicator_page(
        &self,
        catalogue: &Catalogue,
        list: &[crate::schema::Located],
        index: usize,
        summaries: &[CountrySummary],
    ) -> Result<(String, Vec<u8>), RenderError> {
        let located = &list[index];
        let spec = located.indicator;
        let anchor = render::slug(&format!("{} {}", spec.number, spec.heading));
        let page = paths::indicator_page(&catalogue.id, &anchor);
        let link = |l: &crate::schema::Located| {
            let anchor = render::slug(&format!("{} {}", l.indicator.number, l.indicator.heading));
            Link {
                label: format!(
                    "{} {}",
                    l.indicator.number,
                    sentence_case(&l.indicator.heading)
                ),
                href: relative(&page, &paths::indicator_page(&catalogue.id, &anchor)),
            }
        };
        let answers: Vec<AnswerView> = summaries
            .iter()
            .filter(|s| s.latest.catalogue.id == catalogue.id)
            .filter_map(|s| {
                let answer = s.answers.iter().find(|a| a.number == spec.number)?;
                Some(AnswerView {
                    country: s.name.to_owned(),
                    alpha3: s.alpha3.to_owned(),
                    id: s.alpha3.to_ascii_lowercase(),
                    edition: s.latest.year(),
                    href: relative(
                        &page,
                        &format!("{}#{}", paths::country_page(s.alpha3), answer.anchor),
                    ),
                    mark: StatusMark::of(answer.status),
                    html: answer.html.clone(),
                })
            })
            .collect();
        let (counts, _) = status_counts(
            summaries
                .iter()
                .filter(|s| s.latest.catalogue.id == catalogue.id)
                .filter_map(|s| s.answers.iter().find(|a| a.number == spec.number))
                .map(|a| a.status),
        );
        let view = IndicatorView {
            catalogue: catalogue.name.clone(),
            number: spec.number.clone(),
            heading: sentence_case(&spec.heading),
            area: area_label(catalogue, &located.area.key),
            counts,
            answers,
            previous: index.checked_sub(1).map(|i| link(&list[i])),
            next: list.get(index + 1).map(link),
            legend: StatusMark::legend(),
        };
        let bytes = self.page(
            names::SITE_INDICATOR,
            self.nav(&page, "matrix"),
            PageMeta {
                title: format!("{} {}", spec.number, sentence_case(&spec.heading)),
                description: format!(
                    "Every country's answer to indicator {} ({}) of the {}.",
                    spec.number,
                    sentence_case(&spec.heading),
                    catalogue.name
                ),
            },
            |c| c.insert("view", &view),
        )?;
        Ok((page, bytes))
    }

    /// `sitemap.xml` and `feed.xml`, with absolute addresses under `base`.
    fn feeds(
        &self,
        base: &Url,
        summaries: &[CountrySummary],
        files: &BTreeMap<String, Vec<u8>>,
    ) -> Result<Vec<(String, Vec<u8>)>, RenderError> {
        let absolute = |path: &str| {
            base.join(path)
                .map(|u| u.to_string())
                .map_err(|e| RenderError::Output(format!("cannot make an address of {path}: {e}")))
        };
        let newest = summaries
            .iter()
            .flat_map(|s| s.editions.iter().map(|(_, date)| *date))
            .max();
        // What each page shows was last updated on the date of the profile
        // it shows; pages spanning countries, on the newest of them.
        let mut lastmod: BTreeMap<String, Date> = BTreeMap::new();
        for s in summaries {
            for &(year, date) in &s.editions {
                lastmod.insert(paths::edition_page(s.alpha3, year), date);
            }
            lastmod.insert(paths::country_page(s.alpha3), s.latest.profile.last_updated);
        }
        let mut urls = Vec::new();
        for path in files.keys().filter(|p| p.ends_with(".html")) {
            if path == paths::NOT_FOUND {
                continue;
            }
            let date = lastmod.get(path).copied().or(newest);
            urls.push(SitemapUrl {
                loc: absolute(path)?,
                lastmod: date.map(|d| d.to_string()),
            });
        }
        let mut context = tera::Context::new();
        context.insert("urls", &urls);
        let sitemap = self.templates.render(names::SITE_SITEMAP, &context)?;

        let mut editions: Vec<(&CountrySummary, u16, Date)> = summaries
            .iter()
            .flat_map(|s| s.editions.iter().map(move |&(year, date)| (s, year, date)))
            .collect();
        editions.sort_by(|a, b| {
            b.2.cmp(&a.2)
                .then(group::sort_key(a.0.name).cmp(&group::sort_key(b.0.name)))
                .then(b.1.cmp(&a.1))
        });
        let timestamp = |d: Date| format!("{d}T00:00:00Z");
        let entries = editions
            .iter()
            .take(FEED_ENTRIES)
            .map(|(s, year, date)| {
                Ok(FeedEntry {
                    title: format!("{}, {year} edition", s.name),
                    url: absolute(&paths::edition_page(s.alpha3, *year))?,
                    updated: timestamp(*date),
                    summary: format!(
                        "The {year} edition of the ITU cyberwellness profile of {}, last updated on {}.",
                        s.name,
                        date_text(*date)
                    ),
                })
            })
            .collect::<Result<Vec<_>, RenderError>>()?;
        let feed = FeedView {
            title: self.config.title.clone(),
            self_url: absolute(paths::FEED)?,
            site_url: base.to_string(),
            updated: newest.map(timestamp).unwrap_or_default(),
            entries,
        };
        let mut context = tera::Context::new();
        context.insert("feed", &feed);
        let feed = self.templates.render(names::SITE_FEED, &context)?;
        Ok(vec![
            (paths::SITEMAP.to_owned(), sitemap.into_bytes()),
            (paths::FEED.to_owned(), feed.into_bytes()),
        ])
    }
}

/// The contents list of a document: its background, parts and sources.
fn contents(doc: &render::DocumentView) -> Vec<Link> {
    let mut links = vec![Link {
        label: "Background".to_owned(),
        href: "#background".to_owned(),
    }];
    for part in &doc.parts {
        links.push(Link {
            label: format!("{} {}", part.number, sentence_case(&part.heading)),
            href: format!("#{}", part.anchor),
        });
    }
    if !doc.sources.is_empty() {
        links.push(Link {
            label: "Sources".to_owned(),
            href: "#sources".to_owned(),
        });
    }
    links
}

fn download(page: &str, alpha3: &str, year: u16, extension: &str, label: &'static str) -> Download {
    let path = paths::edition_download(alpha3, year, extension);
    Download {
        label,
        format: match extension {
            "md" => "md",
            "pdf" => "pdf",
            "json" => "json",
            "html" => "html",
            _ => "file",
        },
        file: path.rsplit('/').next().unwrap_or_default().to_owned(),
        href: relative(page, &path),
    }
}

fn format_label(renderer: &str) -> &'static str {
    match renderer {
        "md" => "Markdown",
        "pdf" => "PDF",
        "html" => "HTML",
        _ => "File",
    }
}

fn profile_json(profile: &Profile) -> Result<Vec<u8>, RenderError> {
    let mut bytes = serde_json::to_vec_pretty(profile)
        .map_err(|e| RenderError::Output(format!("cannot write a profile as JSON: {e}")))?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// `profiles.json`: every edition of every profile, by country then year.
fn profiles_json(countries: &[CountryEditions]) -> Result<Vec<u8>, serde_json::Error> {
    #[derive(Serialize)]
    struct All<'a> {
        format_version: u32,
        description: &'static str,
        profiles: Vec<&'a Profile>,
    }
    let all = All {
        format_version: 1,
        description: "Every edition of every ITU cyberwellness profile of this site, in the profile file format (see profilec schema), by country name and edition year.",
        profiles: countries
            .iter()
            .flat_map(|c| c.editions.iter().map(|e| e.profile))
            .collect(),
    };
    let mut bytes = serde_json::to_vec(&all)?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// Each indicator of an edition, with its answer as HTML and as plain text.
fn answers(rendered: &RenderedEdition) -> Result<Vec<Answer>, RenderError> {
    let profile = rendered.edition.profile;
    let catalogue = rendered.edition.catalogue;
    let area_index = |key: &str| catalogue.areas().position(|a| a.key == key).unwrap_or(0);
    let mut answers = Vec::new();
    for part in &rendered.prepared.view.parts {
        for area in &part.areas {
            for indicator in &area.indicators {
                let mut markdown = indicator.body.clone();
                if !indicator.list.is_empty() {
                    markdown.push_str("\n\n");
                    for item in &indicator.list {
                        markdown.push_str("- ");
                        markdown.push_str(item);
                        markdown.push('\n');
                    }
                }
                let raw = profile
                    .area(&area.key)
                    .and_then(|a| a.get(&indicator.key))
                    .ok_or_else(|| {
                        RenderError::Data(format!("indicator {} is missing", indicator.number))
                    })?;
                let mut names: Vec<&str> = raw.instruments.iter().map(String::as_str).collect();
                names.extend(raw.agencies.iter().map(String::as_str));
                let text = html::markdown_to_text(&markdown);
                let search_text = if names.is_empty() {
                    text
                } else {
                    format!("{} \u{2014} {text}", names.join(" · "))
                };
                answers.push(Answer {
                    area: area_index(&area.key),
                    number: indicator.number.clone(),
                    heading: indicator.heading.clone(),
                    anchor: indicator.anchor.clone(),
                    status: raw.status,
                    html: html::markdown_to_html(&markdown),
                    search_text: search::squash(&search_text),
                });
            }
        }
    }
    Ok(answers)
}

/// `2015-02-02` → `2 Feb 2015`.
fn short_date(date: Date) -> String {
    let long = date_text(date);
    let mut words: Vec<String> = long.split(' ').map(str::to_owned).collect();
    if let Some(month) = words.get_mut(1) {
        month.truncate(3);
    }
    words.join(" ")
}

/// `LEGAL MEASURES` → `Legal measures`, keeping acronyms (`CIRT`, `UN`).
pub fn sentence_case(heading: &str) -> String {
    const ACRONYMS: [&str; 6] = ["CIRT", "CERT", "CSIRT", "UN", "ITU", "ICT"];
    heading
        .split(' ')
        .enumerate()
        .map(|(i, word)| {
            if ACRONYMS.contains(&word) {
                word.to_owned()
            } else if i == 0 {
                let lower = word.to_lowercase();
                let mut chars = lower.chars();
                chars
                    .next()
                    .map(|c| c.to_uppercase().chain(chars).collect())
                    .unwrap_or_default()
            } else {
                word.to_lowercase()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// An area's label: its own heading, or its part's where it has none
/// (child online protection sits directly under its part).
fn area_label(catalogue: &Catalogue, key: &str) -> String {
    for part in &catalogue.parts {
        for area in &part.areas {
            if area.key == key {
                return sentence_case(area.heading.as_deref().unwrap_or(&part.heading));
            }
        }
    }
    key.to_owned()
}

/// The home page's area columns, from the catalogue of the first country
/// (every catalogue has the same six areas, in the same order).
fn area_headings(summaries: &[CountrySummary]) -> Vec<AreaHeading> {
    let Some(first) = summaries.first() else {
        return Vec::new();
    };
    let catalogue = first.latest.catalogue;
    catalogue
        .parts
        .iter()
        .flat_map(|part| {
            part.areas.iter().map(move |area| AreaHeading {
                label: sentence_case(area.heading.as_deref().unwrap_or(&part.heading)),
                number: area
                    .number
                    .clone()
                    .or_else(|| Some(part.number.trim_end_matches('.').to_owned())),
            })
        })
        .collect()
}

fn home_row(page: &str, order: usize, s: &CountrySummary) -> HomeRow {
    let country_page = paths::country_page(s.alpha3);
    let areas_count = s.latest.catalogue.areas().count();
    let areas = (0..areas_count)
        .map(|area| {
            let answers: Vec<&Answer> = s.answers.iter().filter(|a| a.area == area).collect();
            let (_, text) = status_counts(answers.iter().map(|a| a.status));
            AreaSummary {
                marks: answers
                    .iter()
                    .map(|a| indicator_mark(page, s.alpha3, a, s.name))
                    .collect(),
                text,
                yes: answers.iter().filter(|a| a.status == Status::Yes).count(),
            }
        })
        .collect();
    let profile = s.latest.profile;
    HomeRow {
        name: s.name.to_owned(),
        href: relative(page, &country_page),
        alpha2: s.alpha2.to_owned(),
        alpha3: s.alpha3.to_owned(),
        edition: s.latest.year(),
        edition_href: relative(page, &paths::edition_page(s.alpha3, s.latest.year())),
        editions: s.editions.len(),
        last_updated: profile.last_updated.to_string(),
        last_updated_text: date_text(profile.last_updated),
        last_updated_short: short_date(profile.last_updated),
        order,
        yes: s.answers.iter().filter(|a| a.status == Status::Yes).count(),
        indicators: s.answers.len(),
        filter: format!("{} {} {}", s.name, s.alpha2, s.alpha3).to_lowercase(),
        areas,
    }
}

fn indicator_mark(page: &str, alpha3: &str, answer: &Answer, country: &str) -> IndicatorMark {
    let mark = StatusMark::of(answer.status);
    IndicatorMark {
        title: format!(
            "{country}: {} {}: {}",
            answer.number,
            sentence_case(&answer.heading),
            mark.label
        ),
        href: relative(
            page,
            &format!("{}#{}", paths::country_page(alpha3), answer.anchor),
        ),
        mark,
    }
}

/// The catalogues the countries' latest editions follow, by identifier.
fn catalogues_in_use<'a>(summaries: &[CountrySummary<'a>]) -> Vec<&'a Catalogue> {
    let mut list: BTreeMap<&str, &Catalogue> = BTreeMap::new();
    for s in summaries {
        list.insert(&s.latest.catalogue.id, s.latest.catalogue);
    }
    list.into_values().collect()
}

fn matrix_table(page: &str, catalogue: &Catalogue, summaries: &[CountrySummary]) -> MatrixTable {
    let mut groups = Vec::new();
    let mut columns = Vec::new();
    for part in &catalogue.parts {
        for area in &part.areas {
            groups.push(MatrixGroup {
                label: sentence_case(area.heading.as_deref().unwrap_or(&part.heading)),
                span: area.indicators.len(),
            });
            for spec in &area.indicators {
                let anchor = render::slug(&format!("{} {}", spec.number, spec.heading));
                columns.push(MatrixColumn {
                    number: spec.number.clone(),
                    heading: sentence_case(&spec.heading),
                    href: relative(page, &paths::indicator_page(&catalogue.id, &anchor)),
                });
            }
        }
    }
    let rows = summaries
        .iter()
        .filter(|s| s.latest.catalogue.id == catalogue.id)
        .map(|s| MatrixRow {
            name: s.name.to_owned(),
            href: relative(page, &paths::country_page(s.alpha3)),
            alpha3: s.alpha3.to_owned(),
            edition: s.latest.year(),
            filter: format!("{} {} {}", s.name, s.alpha2, s.alpha3).to_lowercase(),
            cells: s
                .answers
                .iter()
                .map(|a| indicator_mark(page, s.alpha3, a, s.name))
                .collect(),
        })
        .collect();
    MatrixTable {
        id: catalogue.id.clone(),
        name: catalogue.name.clone(),
        groups,
        columns,
        rows,
    }
}

fn search_entries(summaries: &[CountrySummary], catalogues: &[&Catalogue]) -> Vec<search::Entry> {
    let mut entries = Vec::new();
    for s in summaries {
        let years: Vec<String> = s.editions.iter().map(|(y, _)| y.to_string()).collect();
        entries.push(search::Entry {
            kind: "country",
            title: s.name.to_owned(),
            subtitle: format!(
                "{} · latest edition {} · {} edition{}",
                s.alpha3,
                s.latest.year(),
                s.editions.len(),
                if s.editions.len() == 1 { "" } else { "s" }
            ),
            url: paths::country_page(s.alpha3),
            text: format!("{} {} {}", s.alpha2, s.alpha3, years.join(" ")),
        });
    }
    for catalogue in catalogues {
        for located in catalogue.indicators() {
            let spec = located.indicator;
            let anchor = render::slug(&format!("{} {}", spec.number, spec.heading));
            entries.push(search::Entry {
                kind: "indicator",
                title: format!("{} {}", spec.number, sentence_case(&spec.heading)),
                subtitle: format!(
                    "Indicator · {} · every country's answer",
                    area_label(catalogue, &located.area.key)
                ),
                url: paths::indicator_page(&catalogue.id, &anchor),
                text: String::new(),
            });
        }
    }
    for s in summaries {
        for answer in &s.answers {
            entries.push(search::Entry {
                kind: "answer",
                title: format!(
                    "{} \u{2014} {} {}",
                    s.name,
                    answer.number,
                    sentence_case(&answer.heading)
                ),
                subtitle: format!(
                    "{} · {} edition",
                    views::status_symbol(answer.status).to_owned()
                        + " "
                        + crate::render::view::status_label(answer.status),
                    s.latest.year()
                ),
                url: format!("{}#{}", paths::country_page(s.alpha3), answer.anchor),
                text: answer.search_text.clone(),
            });
        }
    }
    entries
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_dates_abbreviate_the_month() {
        let date = |s: &str| s.parse::<Date>().unwrap();
        assert_eq!(short_date(date("2015-02-02")), "2 Feb 2015");
        assert_eq!(short_date(date("2021-09-25")), "25 Sep 2021");
        assert_eq!(short_date(date("2020-05-01")), "1 May 2020");
    }

    #[test]
    fn headings_read_in_sentence_case_with_acronyms_kept() {
        assert_eq!(sentence_case("LEGAL MEASURES"), "Legal measures");
        assert_eq!(sentence_case("CIRT"), "CIRT");
        assert_eq!(
            sentence_case("UN CONVENTION AND PROTOCOL"),
            "UN convention and protocol"
        );
        assert_eq!(
            sentence_case("INTRA-STATE COOPERATION"),
            "Intra-state cooperation"
        );
    }
}
