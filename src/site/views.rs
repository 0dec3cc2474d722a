//! The view structs the site templates see.
//!
//! Everything a template would otherwise compute is done here: rows sorted,
//! counts made, dates formatted, and every link already relative to the page
//! it appears on (see [`super::paths::relative`]). Templates hold wording and
//! layout only.

mod gci;

pub use gci::*;

use serde::Serialize;

use crate::model::Status;
use crate::schema::Labels;

/// The symbol that shows a status beside its color (never color alone).
pub fn status_symbol(status: Status) -> &'static str {
    match status {
        Status::Yes => "\u{2714}",
        Status::Partial => "\u{25D0}",
        Status::No => "\u{2716}",
        Status::Unknown => "?",
    }
}

/// The frame every page shares: the site's name and the links of its header
/// and footer, relative to the page.
#[derive(Debug, Clone, Serialize)]
pub struct Nav {
    /// The site's title (`--title`).
    pub site_title: String,
    /// Which section the page belongs to (`home`, `matrix`, `gci`,
    /// `changes`, `search`, `country`, `indicator`), to mark the current
    /// link.
    pub current: &'static str,
    /// The home page.
    pub home: String,
    /// The matrix.
    pub matrix: String,
    /// The results of the latest GCI edition, when there are GCI profiles.
    pub gci: Option<String>,
    /// The GCI scores as CSV, when there are GCI profiles.
    pub gci_csv: Option<String>,
    /// The list of change reports, when there are any.
    pub changes: Option<String>,
    /// The search page.
    pub search: String,
    /// The data of every profile.
    pub data: String,
    /// The stylesheet.
    pub css: String,
    /// The page script.
    pub js: String,
    /// The Atom feed, when one is written.
    pub feed: Option<String>,
}

/// A link.
#[derive(Debug, Clone, Serialize)]
pub struct Link {
    /// The words of the link.
    pub label: String,
    /// The address, relative to the page.
    pub href: String,
}

/// One status as shown: its name (for the CSS class), label and symbol.
#[derive(Debug, Clone, Serialize)]
pub struct StatusMark {
    /// `yes`, `partial`, `no`, `unknown` (for CSS classes).
    pub status: &'static str,
    /// `yes`, `partial`, `no`, `no information`: the catalogue's word.
    pub label: String,
    /// `✔`, `◐`, `✖`, `?`.
    pub symbol: &'static str,
}

impl StatusMark {
    /// The mark of a status, worded by `labels` (a catalogue's).
    pub fn of(status: Status, labels: Option<&Labels>) -> Self {
        StatusMark {
            status: status.as_str(),
            label: labels
                .map_or(status.as_str(), |l| l.status_word(status))
                .to_owned(),
            symbol: status_symbol(status),
        }
    }

    /// Every status, for legends.
    pub fn legend(labels: Option<&Labels>) -> Vec<StatusMark> {
        Status::ALL
            .iter()
            .map(|&s| StatusMark::of(s, labels))
            .collect()
    }
}

/// How many indicators have one status.
#[derive(Debug, Clone, Serialize)]
pub struct StatusCount {
    /// The status.
    #[serde(flatten)]
    pub mark: StatusMark,
    /// How many.
    pub count: usize,
}

/// Counts per status, in legend order, with a sentence for screen readers.
pub fn status_counts(
    statuses: impl IntoIterator<Item = Status>,
    labels: Option<&Labels>,
) -> (Vec<StatusCount>, String) {
    let mut counts = [0usize; 4];
    for status in statuses {
        let index = Status::ALL.iter().position(|&s| s == status).unwrap_or(3);
        counts[index] += 1;
    }
    let list: Vec<StatusCount> = Status::ALL
        .iter()
        .zip(counts)
        .map(|(&status, count)| StatusCount {
            mark: StatusMark::of(status, labels),
            count,
        })
        .collect();
    let text = list
        .iter()
        .filter(|c| c.count > 0)
        .map(|c| format!("{} {}", c.count, c.mark.label))
        .collect::<Vec<_>>()
        .join(", ");
    (list, text)
}

/// The home page: every country, with its latest GCI placing and its
/// latest Cyberwellness edition, where it has them.
#[derive(Debug, Clone, Serialize)]
pub struct HomeView {
    /// One row per country, sorted by name.
    pub countries: Vec<HomeRow>,
    /// How many countries have a Cyberwellness Profile.
    pub cyberwellness_countries: usize,
    /// How many Cyberwellness editions in all.
    pub editions: usize,
    /// How many GCI profiles in all.
    pub gci_profiles: usize,
    /// The GCI edition the table shows (the latest), if any.
    pub gci: Option<HomeGciEdition>,
    /// The regions, for the filter.
    pub regions: Vec<RegionOption>,
    /// The latest edition's tiers, for the filter, where it has tiers.
    pub tiers: Vec<TierOption>,
}

/// The GCI edition of the home table's columns.
#[derive(Debug, Clone, Serialize)]
pub struct HomeGciEdition {
    /// `GCI 2024`.
    pub short_name: String,
    /// `tiers`, `ranks` or `none`.
    pub ranking: &'static str,
    /// Its results page.
    pub href: String,
}

/// A country on the home page.
#[derive(Debug, Clone, Serialize)]
pub struct HomeRow {
    /// The country's name.
    pub name: String,
    /// Its page.
    pub href: String,
    /// ISO alpha-2.
    pub alpha2: String,
    /// ISO alpha-3.
    pub alpha3: String,
    /// Its ITU-D region, where known.
    pub region: Option<String>,
    /// The region's slug (for the filter), empty when unknown.
    pub region_slug: String,
    /// The region's page.
    pub region_href: Option<String>,
    /// Its profile in the latest GCI edition.
    pub gci: Option<HomeGci>,
    /// Its latest Cyberwellness edition.
    pub cyberwellness: Option<HomeCyberwellness>,
    /// Position in name order (the table's default sort).
    pub order: usize,
    /// Lower-case name, codes and region, for the filter.
    pub filter: String,
}

/// A country's profile in the latest GCI edition, on the home page.
#[derive(Debug, Clone, Serialize)]
pub struct HomeGci {
    /// The profile's page.
    pub href: String,
    /// Where the edition placed the country.
    pub placing: Placing,
    /// The overall score.
    pub overall: Option<Score>,
}

/// A country's latest Cyberwellness edition, on the home page.
#[derive(Debug, Clone, Serialize)]
pub struct HomeCyberwellness {
    /// The latest edition's year.
    pub edition: u16,
    /// The latest edition's own page.
    pub edition_href: String,
    /// How many editions.
    pub editions: usize,
    /// The latest edition's last-updated date, `2015-02-02`.
    pub last_updated: String,
    /// The same, `2 February 2015`: the site writes every date so
    /// (`wording::date_text`); the documents it shows keep the ITU's
    /// `2nd February 2015`.
    pub last_updated_text: String,
    /// Indicators answered `yes` in the latest edition.
    pub yes: usize,
    /// Indicators in the latest edition.
    pub indicators: usize,
    /// `2 yes, 1 no information`, over every indicator.
    pub text: String,
}

/// One indicator's status as a small mark, with a tooltip.
#[derive(Debug, Clone, Serialize)]
pub struct IndicatorMark {
    /// The status.
    #[serde(flatten)]
    pub mark: StatusMark,
    /// `1.2.1 CIRT: yes`.
    pub title: String,
    /// The indicator in the country page.
    pub href: String,
}

/// The matrix page.
#[derive(Debug, Clone, Serialize)]
pub struct MatrixView {
    /// One table per catalogue edition in use (usually one).
    pub tables: Vec<MatrixTable>,
    /// The legend.
    pub legend: Vec<StatusMark>,
}

/// Countries × indicators of one catalogue edition.
#[derive(Debug, Clone, Serialize)]
pub struct MatrixTable {
    /// The catalogue's identifier.
    pub id: String,
    /// The catalogue's name.
    pub name: String,
    /// Column groups: areas, with how many indicators each spans.
    pub groups: Vec<MatrixGroup>,
    /// The indicator columns.
    pub columns: Vec<MatrixColumn>,
    /// One row per country whose latest edition follows this catalogue.
    pub rows: Vec<MatrixRow>,
}

/// An area spanning some columns of the matrix.
#[derive(Debug, Clone, Serialize)]
pub struct MatrixGroup {
    /// `Legal measures`.
    pub label: String,
    /// How many indicator columns.
    pub span: usize,
}

/// An indicator column.
#[derive(Debug, Clone, Serialize)]
pub struct MatrixColumn {
    /// `1.2.1`.
    pub number: String,
    /// `CIRT`.
    pub heading: String,
    /// The indicator's page.
    pub href: String,
}

/// A country row of the matrix.
#[derive(Debug, Clone, Serialize)]
pub struct MatrixRow {
    /// The country's name.
    pub name: String,
    /// Its page.
    pub href: String,
    /// ISO alpha-3.
    pub alpha3: String,
    /// The edition shown.
    pub edition: u16,
    /// Lower-case name and codes, for the filter.
    pub filter: String,
    /// One cell per indicator column.
    pub cells: Vec<IndicatorMark>,
}

/// The page of one indicator: every country's answer.
#[derive(Debug, Clone, Serialize)]
pub struct IndicatorView {
    /// The catalogue's name.
    pub catalogue: String,
    /// `1.2.1`.
    pub number: String,
    /// `CIRT`, `Criminal legislation`.
    pub heading: String,
    /// The area, `Technical measures`.
    pub area: String,
    /// How many countries give each status.
    pub counts: Vec<StatusCount>,
    /// One answer per country, by country name.
    pub answers: Vec<AnswerView>,
    /// The previous indicator of the catalogue.
    pub previous: Option<Link>,
    /// The next indicator of the catalogue.
    pub next: Option<Link>,
    /// The legend.
    pub legend: Vec<StatusMark>,
}

/// One country's answer to one indicator.
#[derive(Debug, Clone, Serialize)]
pub struct AnswerView {
    /// The country's name.
    pub country: String,
    /// ISO alpha-3.
    pub alpha3: String,
    /// The answer's anchor on the indicator page (`bel`).
    pub id: String,
    /// The edition answered.
    pub edition: u16,
    /// The indicator in the country page.
    pub href: String,
    /// The status.
    #[serde(flatten)]
    pub mark: StatusMark,
    /// The answer as sanitized HTML.
    pub html: String,
}

/// The country page and each edition's page.
#[derive(Debug, Clone, Serialize)]
pub struct ProfilePageView<'a> {
    /// The country's name.
    pub country: String,
    /// ISO alpha-3.
    pub alpha3: String,
    /// The edition shown.
    pub edition: u16,
    /// Whether it is the latest edition.
    pub latest: bool,
    /// The edition's last-updated date, `2 February 2015`.
    pub last_updated_text: String,
    /// The country page.
    pub country_href: String,
    /// The latest edition's year.
    pub latest_edition: u16,
    /// The latest edition's page.
    pub latest_href: String,
    /// Every edition, newest first.
    pub editions: Vec<EditionLink>,
    /// The downloads of the edition shown.
    pub downloads: Vec<Download>,
    /// The change reports of the country, newest first.
    pub changes: Vec<ChangeLink>,
    /// Links to the parts of the document (`#background`, `#1-cybersecurity`…).
    pub contents: Vec<Link>,
    /// The document as sanitized HTML (the Markdown document, converted,
    /// with a note after each old statement's status line).
    pub body: &'a str,
    /// Whether the catalogue's publisher (the ITU) published this edition.
    pub official: bool,
    /// Who published it.
    pub publisher: String,
    /// How to cite it, as plain text, with the address of the edition's
    /// page when the site's address is known (`--base-url`).
    pub citation: String,
    /// Its statements older than the site's threshold, when it has any.
    pub stale: Option<StaleSummary>,
    /// On the country page, the country's GCI scorecard, when it has GCI
    /// profiles.
    pub scorecard: Option<ScorecardPanel>,
}

/// The old statements of an edition (`profilec site --stale-after`).
#[derive(Debug, Clone, Serialize)]
pub struct StaleSummary {
    /// The threshold: `years`, and the cutoff day in words (`before`).
    #[serde(flatten)]
    pub threshold: super::stale::StaleView,
    /// How many statements are old.
    pub count: usize,
    /// Of how many.
    pub total: usize,
    /// Each, linked to its place in the document (`1.1.1 Criminal legislation`).
    pub links: Vec<Link>,
}

/// An edition in a list of editions.
#[derive(Debug, Clone, Serialize)]
pub struct EditionLink {
    /// The year.
    pub year: u16,
    /// Its page.
    pub href: String,
    /// `2 February 2015`.
    pub last_updated_text: String,
    /// Whether this is the page's own edition.
    pub current: bool,
    /// Whether this is the latest edition.
    pub latest: bool,
    /// Its downloads.
    pub downloads: Vec<Download>,
}

/// A file to download.
#[derive(Debug, Clone, Serialize)]
pub struct Download {
    /// `Markdown`, `PDF`, `JSON`.
    pub label: &'static str,
    /// `md`, `pdf`, `json`.
    pub format: &'static str,
    /// Its address.
    pub href: String,
    /// The file's name.
    pub file: String,
}

/// A change report between two editions.
#[derive(Debug, Clone, Serialize)]
pub struct ChangeLink {
    /// `2015 → 2018`.
    pub label: String,
    /// Its page.
    pub href: String,
    /// The older edition.
    pub old: u16,
    /// The newer edition.
    pub new: u16,
    /// One line on what changed.
    pub summary: String,
}

/// The change report between two consecutive editions of a country.
#[derive(Debug, Clone, Serialize)]
pub struct ChangesView {
    /// The country's name.
    pub country: String,
    /// ISO alpha-3.
    pub alpha3: String,
    /// The country page.
    pub country_href: String,
    /// The older edition's year.
    pub old: u16,
    /// Its page.
    pub old_href: String,
    /// The newer edition's year.
    pub new: u16,
    /// Its page.
    pub new_href: String,
    /// One line on what changed (`profilec diff`'s summary).
    pub summary: String,
    /// The report, as `profilec diff -f html` makes it (sanitized HTML), or
    /// `None` when the two editions cannot be compared.
    pub body: Option<String>,
    /// Why the editions cannot be compared, when they cannot.
    pub error: Option<String>,
    /// The country's previous change report.
    pub previous: Option<Link>,
    /// The country's next change report.
    pub next: Option<Link>,
}

/// The list of every change report.
#[derive(Debug, Clone, Serialize)]
pub struct ChangesIndexView {
    /// Newest first (by the newer edition's last-updated date), then by
    /// country.
    pub reports: Vec<ChangesRow>,
}

/// A change report in the list.
#[derive(Debug, Clone, Serialize)]
pub struct ChangesRow {
    /// The country's name.
    pub country: String,
    /// The country page.
    pub country_href: String,
    /// `2015 → 2018`.
    pub label: String,
    /// The report.
    pub href: String,
    /// One line on what changed.
    pub summary: String,
    /// The newer edition's last-updated date, `2018-06-01`.
    pub date: String,
    /// The same, `1 June 2018`.
    pub date_text: String,
}

/// The search page.
#[derive(Debug, Clone, Serialize)]
pub struct SearchView {
    /// The search index script.
    pub index_js: String,
    /// The search script.
    pub search_js: String,
    /// How many entries the index holds.
    pub entries: usize,
}

/// The page a server shows for a missing address.
#[derive(Debug, Clone, Serialize)]
pub struct NotFoundView {
    /// The home page: the base URL when one is given (the page may be shown
    /// at any depth), otherwise relative.
    pub home: String,
    /// The stylesheet, inlined, so the page looks right at any depth.
    pub css: String,
}

/// A URL of the sitemap.
#[derive(Debug, Clone, Serialize)]
pub struct SitemapUrl {
    /// The absolute address.
    pub loc: String,
    /// The date its content was last updated, where known.
    pub lastmod: Option<String>,
}

/// The Atom feed.
#[derive(Debug, Clone, Serialize)]
pub struct FeedView {
    /// The feed's title.
    pub title: String,
    /// The feed's own address.
    pub self_url: String,
    /// The site's address.
    pub site_url: String,
    /// The newest last-updated date, as an Atom timestamp.
    pub updated: String,
    /// The newest editions first.
    pub entries: Vec<FeedEntry>,
}

/// An edition in the feed: a country's Cyberwellness edition, or the
/// results of a GCI edition.
#[derive(Debug, Clone, Serialize)]
pub struct FeedEntry {
    /// `edition` or `gci`.
    pub kind: &'static str,
    /// The country's name (for an edition).
    pub country: String,
    /// The GCI edition's short name, `GCI 2024` (for GCI results).
    pub short_name: String,
    /// How many countries the GCI results list.
    pub countries: usize,
    /// The edition's year.
    pub year: u16,
    /// The page's absolute address (also the entry's id).
    pub url: String,
    /// Its last-updated date, as an Atom timestamp.
    pub updated: String,
    /// The same, `2 February 2015`.
    pub updated_text: String,
}
