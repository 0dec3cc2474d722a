//! Each country's pages: the country page (its GCI scorecard, then its
//! latest Cyberwellness edition in full), the page of each edition, and the
//! downloads of each edition (the documents `profilec build` makes, byte for
//! byte, the profile as JSON, and its citation as CSL-JSON and BibTeX). Each
//! page says who published the edition, how to cite it, and which of its
//! statements are old. A country's GCI profiles are [`super::scorecards`]'
//! business.
//!
//! Building a country also yields its summary (`CountrySummary`): what the pages
//! that span countries need to know of it, so that they never render an
//! edition again.

use crate::diag::Diagnostic;
use crate::model::{Date, Status};
use crate::render::citation::Citation;
use crate::render::{self, RenderError, html};
use crate::wording::{date_text, sentence_case};

use super::changes::ChangeLine;
use super::paths::{self, relative};
use super::record::{Digest, Part, Warning};
use super::search;
use super::views::{
    ChangeLink, Download, EditionLink, Link, ProfilePageView, ScorecardPanel, StaleSummary,
};
use super::{Builder, CountryEditions, Edition, PartError, Sink, carry_over};
use crate::render::templates::{self as names, recording};

/// What the shared pages need to know of a country.
pub(super) struct CountrySummary<'a> {
    pub name: &'a str,
    pub alpha2: &'a str,
    pub alpha3: &'a str,
    pub latest: Edition<'a>,
    /// Every edition: year and last-updated date, oldest first.
    pub editions: Vec<(u16, Date)>,
    /// The latest edition's answers, in catalogue order.
    pub answers: Vec<Answer>,
    /// The change reports, oldest first.
    pub changes: Vec<ChangeSummary>,
}

/// What a country's summary holds beyond its profiles: what rendering it
/// found out, kept in the build's record so that a country carried over
/// from the previous build need not be rendered again for the shared pages.
#[derive(serde::Serialize, serde::Deserialize)]
pub(super) struct SummaryData {
    answers: Vec<Answer>,
    changes: Vec<ChangeSummary>,
}

impl<'a> CountrySummary<'a> {
    /// What the record keeps of the summary.
    pub(super) fn data(&self) -> SummaryData {
        SummaryData {
            answers: self.answers.clone(),
            changes: self.changes.clone(),
        }
    }

    /// The summary of a country again, from its profiles and what the
    /// record kept; `None` for a country without Cyberwellness editions.
    pub(super) fn again(country: &CountryEditions<'a>, data: SummaryData) -> Option<Self> {
        let latest = *country.latest()?;
        Some(CountrySummary {
            name: country.name(),
            alpha2: &latest.profile.country.alpha2,
            alpha3: country.alpha3,
            latest,
            editions: editions(country),
            answers: data.answers,
            changes: data.changes,
        })
    }
}

/// Every edition of a country: year and last-updated date, oldest first.
fn editions(country: &CountryEditions) -> Vec<(u16, Date)> {
    country
        .editions
        .iter()
        .map(|e| (e.year(), e.profile.last_updated))
        .collect()
}

/// A change report, for the list of them all.
#[derive(Clone, serde::Serialize, serde::Deserialize)]
pub(super) struct ChangeSummary {
    pub old: u16,
    pub new: u16,
    /// The newer edition's last update.
    pub date: Date,
    pub line: String,
}

/// One indicator of a country's latest edition.
#[derive(Clone, serde::Serialize, serde::Deserialize)]
pub(super) struct Answer {
    /// `1.2.1 CIRT` in sentence case, as pages name the indicator.
    pub label: String,
    pub anchor: String,
    pub status: Status,
    pub html: String,
    pub search_text: String,
}

/// A country's files, the warnings of its documents, and its summary
/// (for a country with Cyberwellness editions).
pub(super) struct CountryOutput<'a> {
    pub files: Vec<(String, Vec<u8>)>,
    /// Renderer warnings, each naming the profile file it concerns.
    pub warnings: Vec<Diagnostic>,
    pub summary: Option<CountrySummary<'a>>,
}

/// One edition, rendered once and used by every page that shows it.
struct RenderedEdition<'a> {
    edition: Edition<'a>,
    view: render::DocumentView,
    body: String,
    /// The anchors of its old statements.
    old: Vec<String>,
    /// How to cite it.
    citation: Citation,
}

impl Builder<'_> {
    /// One country's part of the site: carried over from the previous
    /// build if nothing it is made from changed and its files are as
    /// written, else made (every page and download, written into `sink`
    /// as soon as made). Returns the part, the country's summary (for a
    /// country with Cyberwellness editions), and whether it was made.
    pub(super) fn country_part<'a>(
        &self,
        country: &CountryEditions<'a>,
        common: &str,
        previous: Option<&Part>,
        sink: &dyn Sink,
        progress: &(dyn Fn() + Sync),
    ) -> Result<(Part, Option<CountrySummary<'a>>, bool), PartError> {
        let mut inputs = Digest::new("country");
        inputs.text(common).text(country.alpha3);
        for e in &country.editions {
            inputs.text(e.file).text(e.name).json(e.profile);
        }
        inputs.text("gci");
        for s in &country.scorecards {
            inputs.text(s.file).text(s.name).json(s.profile);
        }
        let inputs = inputs.finish();
        let key = |templates: &[String]| {
            let mut key = Digest::new("country-part");
            key.text(&inputs)
                .text(&self.templates.digest(templates.iter().map(String::as_str)));
            key.finish()
        };

        if let Some(previous) = previous.filter(|p| p.key == key(&p.templates)) {
            // The summary is read before anything is carried over: a part
            // half carried over could not be made again.
            let summary = match &previous.summary {
                Some(data) => <SummaryData as serde::Deserialize>::deserialize(data)
                    .ok()
                    .and_then(|data| CountrySummary::again(country, data)),
                None => None,
            };
            // A summary exactly where the country has editions, else the
            // record is not this country's part as made: it is made again.
            let whole = summary.is_some() != country.editions.is_empty();
            if whole && let Some(part) = carry_over(previous, sink)? {
                for _ in 0..country.editions.len() + country.scorecards.len() {
                    progress();
                }
                return Ok((part, summary, false));
            }
        }

        let (output, used) = recording(|| self.country(country, progress));
        let output = output?;
        let mut used: Vec<String> = used.into_iter().collect();
        if self.stale_note.is_some() {
            // Rendered once for every country, before any.
            used.push(names::SITE_STALE.to_owned());
        }
        let mut files = Vec::with_capacity(output.files.len());
        for (path, bytes) in output.files {
            let stamp = sink.write(&path, &bytes)?;
            files.push((path, stamp));
        }
        let summary = output
            .summary
            .as_ref()
            .map(|s| serde_json::to_value(s.data()))
            .transpose()
            .map_err(|e| RenderError::Output(format!("cannot record a country's summary: {e}")))?;
        let part = Part {
            key: key(&used),
            templates: used,
            files,
            warnings: output.warnings.iter().map(Warning::of).collect(),
            summary,
        };
        Ok((part, output.summary, true))
    }

    /// Every page and download of one country.
    pub(super) fn country<'a>(
        &self,
        country: &CountryEditions<'a>,
        progress: &(dyn Fn() + Sync),
    ) -> Result<CountryOutput<'a>, RenderError> {
        let mut files = Vec::new();
        let mut warnings = Vec::new();
        let scorecards = self.render_scorecards(country, progress, &mut files, &mut warnings)?;
        files.extend(self.scorecard_pages(country, &scorecards)?);
        if country.editions.is_empty() {
            files.extend(self.gci_country_page(country, &scorecards)?);
            return Ok(CountryOutput {
                files,
                warnings,
                summary: None,
            });
        }
        let mut rendered = Vec::with_capacity(country.editions.len());
        for &edition in &country.editions {
            let prepared = render::prepare(
                edition.any,
                self.config.catalogues,
                self.templates,
                self.config.sentences,
            )?;
            let old = match self.config.stale {
                Some(stale) => stale.old_answers(edition.profile, edition.catalogue),
                None => Vec::new(),
            };
            let body = match &self.stale_note {
                Some(note) if !old.is_empty() => {
                    html::markdown_to_html_with_notes(&prepared.markdown, &|anchor| {
                        old.iter().any(|a| a == anchor).then(|| note.clone())
                    })
                }
                _ => html::markdown_to_html(&prepared.markdown),
            };
            let context = prepared.context(edition.any, self.templates);
            self.make_downloads(
                &context,
                edition.file,
                edition.profile,
                &|extension| paths::edition_download(country.alpha3, edition.year(), extension),
                &mut files,
                &mut warnings,
            )?;
            let mut citation = Citation::of(edition.profile, edition.catalogue);
            if let Some(base) = &self.config.base_url
                && let Ok(url) = base.join(&paths::edition_page(country.alpha3, edition.year()))
            {
                citation = citation.at(url.as_str());
            }
            let labels = &edition.catalogue.labels;
            let path = paths::edition_download(country.alpha3, edition.year(), CSL_JSON);
            files.push((path, citation.csl_json()));
            let path = paths::edition_download(country.alpha3, edition.year(), BIBTEX);
            files.push((path, citation.bibtex(labels).into_bytes()));
            let render::View::Cyberwellness(view) = prepared.view else {
                return Err(RenderError::Data(format!(
                    "{} is not a Cyberwellness Profile",
                    edition.file
                )));
            };
            rendered.push(RenderedEdition {
                edition,
                view,
                body,
                old,
                citation,
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
            let bytes = self.profile_page(country, &rendered, &changes, index, &page, None)?;
            files.push((page, bytes));
        }
        let page = paths::country_page(country.alpha3);
        let panel = self.scorecard_panel(&page, country, &scorecards);
        let bytes = self.profile_page(country, &rendered, &changes, latest_index, &page, panel)?;
        files.push((page, bytes));

        let latest = &rendered[latest_index];
        let last_updated = |year: u16| {
            country
                .editions
                .iter()
                .find(|e| e.year() == year)
                .map_or(latest.edition.profile.last_updated, |e| {
                    e.profile.last_updated
                })
        };
        Ok(CountryOutput {
            files,
            warnings,
            summary: Some(CountrySummary {
                name: country.name(),
                alpha2: &latest.edition.profile.country.alpha2,
                alpha3: country.alpha3,
                latest: latest.edition,
                editions: editions(country),
                answers: answers(latest)?,
                changes: changes
                    .iter()
                    .map(|(old, new, line)| ChangeSummary {
                        old: *old,
                        new: *new,
                        date: last_updated(*new),
                        line: line.clone(),
                    })
                    .collect(),
            }),
        })
    }

    /// The downloads of one edition, relative to `page`.
    fn downloads(&self, page: &str, alpha3: &str, year: u16) -> Vec<Download> {
        let file = |extension: &str| paths::edition_download(alpha3, year, extension);
        let mut downloads: Vec<Download> = self
            .config
            .downloads
            .iter()
            .map(|r| {
                download(
                    page,
                    &file(r.extension()),
                    r.extension(),
                    format_label(r.name()),
                )
            })
            .collect();
        downloads.push(download(page, &file("json"), "json", "JSON"));
        downloads.push(download(page, &file(CSL_JSON), CSL_JSON, "CSL-JSON"));
        downloads.push(download(page, &file(BIBTEX), BIBTEX, "BibTeX"));
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
        scorecard: Option<ScorecardPanel>,
    ) -> Result<Vec<u8>, RenderError> {
        let this = &rendered[index];
        let latest = &rendered[rendered.len() - 1];
        let year = this.edition.year();
        let view = ProfilePageView {
            country: this.edition.profile.country.name.clone(),
            alpha3: country.alpha3.to_owned(),
            edition: year,
            latest: index == rendered.len() - 1,
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
            contents: contents(&this.view),
            body: &this.body,
            official: this.view.official,
            publisher: this.view.publisher_plain.clone(),
            citation: this.citation.text(&this.edition.catalogue.labels),
            stale: self
                .config
                .stale
                .filter(|_| !this.old.is_empty())
                .map(|stale| StaleSummary {
                    threshold: stale.view(),
                    count: this.old.len(),
                    total: this.edition.catalogue.len(),
                    links: this
                        .edition
                        .catalogue
                        .indicators()
                        .filter(|l| this.old.contains(&l.indicator.anchor))
                        .map(|l| Link {
                            label: l.indicator.label(),
                            href: format!("#{}", l.indicator.anchor),
                        })
                        .collect(),
                }),
            scorecard,
        };
        let template = if page.ends_with("/index.html") {
            names::SITE_COUNTRY
        } else {
            names::SITE_EDITION
        };
        self.page(template, self.nav(page, "country"), &view)
    }
}

/// `12 yes, 3 partial, 6 no information`: the statuses of a country's
/// latest edition, counted, in its catalogue's words.
pub(super) fn indicator_words(summary: &CountrySummary) -> String {
    let (_, text) = super::views::status_counts(
        summary.answers.iter().map(|a| a.status),
        Some(&summary.latest.catalogue.labels),
    );
    text
}

/// The contents list of a document: its background, parts and sources,
/// named as the document names them.
fn contents(doc: &render::DocumentView) -> Vec<Link> {
    let mut links = vec![Link {
        label: sentence_case(&doc.background.heading),
        href: format!("#{}", doc.background.anchor),
    }];
    for part in &doc.parts {
        links.push(Link {
            label: format!("{} {}", part.number, sentence_case(&part.heading)),
            href: format!("#{}", part.anchor),
        });
    }
    if !doc.sources.is_empty() {
        links.push(Link {
            label: doc.labels.sources.clone(),
            href: format!("#{}", doc.labels.sources_anchor),
        });
    }
    links
}

/// The extension of an edition's citation in CSL-JSON.
const CSL_JSON: &str = "csl.json";
/// The extension of an edition's citation in BibTeX.
const BIBTEX: &str = "bib";

/// A download at site path `path`, linked from `page`.
pub(super) fn download(page: &str, path: &str, extension: &str, label: &'static str) -> Download {
    Download {
        label,
        format: match extension {
            "md" => "md",
            "pdf" => "pdf",
            "json" => "json",
            "html" => "html",
            CSL_JSON => "csl",
            BIBTEX => "bib",
            _ => "file",
        },
        file: path.rsplit('/').next().unwrap_or_default().to_owned(),
        href: relative(page, path),
    }
}

/// The name of a download's format, by its renderer's name.
pub(super) fn format_label(renderer: &str) -> &'static str {
    match renderer {
        "md" => "Markdown",
        "pdf" => "PDF",
        "html" => "HTML",
        _ => "File",
    }
}

impl Builder<'_> {
    /// A document's downloads into `files`: each of the site's formats,
    /// then the profile as JSON, each at `path(extension)`; the renderers'
    /// warnings into `warnings`, placed in the profile's `file`.
    pub(super) fn make_downloads(
        &self,
        context: &render::RenderContext,
        file: &str,
        profile: &impl serde::Serialize,
        path: &dyn Fn(&str) -> String,
        files: &mut Vec<(String, Vec<u8>)>,
        warnings: &mut Vec<Diagnostic>,
    ) -> Result<(), RenderError> {
        let documents = render::render_all(context, &self.config.downloads)?;
        warnings.extend(documents.warnings.into_iter().map(|w| w.in_file(file)));
        for (extension, bytes) in documents.output {
            files.push((path(extension), bytes));
        }
        files.push((path("json"), json(profile)?));
        Ok(())
    }
}

/// A profile as JSON, for download.
pub(super) fn json(profile: &impl serde::Serialize) -> Result<Vec<u8>, RenderError> {
    let mut bytes = serde_json::to_vec_pretty(profile)
        .map_err(|e| RenderError::Output(format!("cannot write a profile as JSON: {e}")))?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// Each indicator of an edition, with its answer as HTML and as plain text.
fn answers(rendered: &RenderedEdition) -> Result<Vec<Answer>, RenderError> {
    let profile = rendered.edition.profile;
    let catalogue = rendered.edition.catalogue;
    let mut answers = Vec::new();
    for located in catalogue.indicators() {
        let spec = located.indicator;
        let raw = profile
            .area(&located.area.key)
            .and_then(|a| a.get(&spec.key))
            .ok_or_else(|| RenderError::Data(format!("indicator {} is missing", spec.number)))?;
        let indicator = rendered
            .view
            .parts
            .iter()
            .flat_map(|p| &p.areas)
            .flat_map(|a| &a.indicators)
            .find(|i| i.anchor == spec.anchor)
            .ok_or_else(|| RenderError::Data(format!("indicator {} is missing", spec.number)))?;
        let mut names: Vec<&str> = raw.instruments.iter().map(String::as_str).collect();
        names.extend(raw.agencies.iter().map(String::as_str));
        let text = html::markdown_to_text(&indicator.answer);
        let search_text = if names.is_empty() {
            text
        } else {
            format!("{} \u{2014} {text}", names.join(" · "))
        };
        answers.push(Answer {
            label: spec.label(),
            anchor: spec.anchor.clone(),
            status: raw.status,
            html: html::markdown_to_html(&indicator.answer),
            search_text: search::squash(&search_text),
        });
    }
    Ok(answers)
}
