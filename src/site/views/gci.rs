//! The views of the GCI pages: the scorecard at the top of a country page,
//! a country's page of one GCI profile, the results of an edition, the
//! tiers, the regions, and the charts they draw.
//!
//! As everywhere in the site, every number is formatted, every link made
//! relative to its page, and every chart's geometry computed here; the
//! templates only place them. A tier or a rank is always shown by words and
//! a symbol ([`TierMark`], [`RankMark`]), never by color alone.

use serde::Serialize;

use super::{Download, Link};

/// A tier as shown: its number and name in words, and a staircase of
/// squares (`■■■□□`) that reads without color.
#[derive(Debug, Clone, Serialize)]
pub struct TierMark {
    /// 1 (best) to 5.
    pub number: u8,
    /// `Role-modelling`.
    pub name: String,
    /// `Tier 1: Role-modelling`.
    pub label: String,
    /// The staircase: as many filled squares as the tier is high
    /// (`■■■■■` for Tier 1 of 5, `■□□□□` for Tier 5).
    pub steps: String,
}

/// A rank as shown.
#[derive(Debug, Clone, Serialize)]
pub struct RankMark {
    /// 1 is the highest overall score.
    pub rank: u32,
    /// How many countries the edition ranks (on this site).
    pub of: usize,
    /// `Rank 19 of 194`.
    pub label: String,
}

/// Where an edition places a country: a tier or a rank, or neither.
#[derive(Debug, Clone, Serialize)]
pub struct Placing {
    /// The tier, in editions with tiers.
    pub tier: Option<TierMark>,
    /// The rank, in editions with ranks.
    pub rank: Option<RankMark>,
    /// A key that sorts the best first (the tier or the rank; 0 when
    /// neither).
    pub sort: u32,
    /// The placing in words, for filters and screen readers.
    pub text: String,
}

/// A score as shown, with its value for sorting.
#[derive(Debug, Clone, Serialize)]
pub struct Score {
    /// `18.11`.
    pub text: String,
    /// The value, at full precision.
    pub value: f64,
}

/// A pillar as a column heading.
#[derive(Debug, Clone, Serialize)]
pub struct PillarHeading {
    /// `Capacity Development`.
    pub name: String,
    /// `Capacity Development Measures`.
    pub title: String,
    /// Its highest score, `20`.
    pub max: String,
}

/// A horizontal bar chart (SVG): one bar per row, an optional marker per
/// row (a region's average), each value written beside its bar.
#[derive(Debug, Clone, Serialize)]
pub struct BarChart {
    /// The element id the title and description are named by.
    pub id: String,
    /// What the chart shows, in one line (the SVG's `<title>`).
    pub title: String,
    /// Every number of the chart in words (the SVG's `<desc>`).
    pub description: String,
    /// The view box's width.
    pub width: u32,
    /// The view box's height.
    pub height: u32,
    /// Where the labels end (they are right-aligned).
    pub label_x: u32,
    /// Where the bars start.
    pub bar_x: u32,
    /// Each bar's height.
    pub bar_height: u32,
    /// The rows.
    pub rows: Vec<ChartBar>,
    /// The scale's ticks.
    pub ticks: Vec<ChartTick>,
    /// The bottom of the grid lines.
    pub grid_bottom: f64,
    /// The baseline of the ticks' labels.
    pub tick_y: f64,
    /// The legend of the bars, when there is a marker to tell apart.
    pub bar_legend: Option<String>,
    /// The legend of the markers.
    pub marker_legend: Option<String>,
}

/// One row of a bar chart.
#[derive(Debug, Clone, Serialize)]
pub struct ChartBar {
    /// The row's label.
    pub label: String,
    /// The top of the bar.
    pub y: f64,
    /// The baseline of the label and value text.
    pub text_y: f64,
    /// The bar's length.
    pub width: f64,
    /// The value, as written beside the bar.
    pub value: String,
    /// Where the value is written.
    pub value_x: f64,
    /// The marker's position, if the row has one.
    pub marker_x: Option<f64>,
    /// The marker's top (it stands out of the bar).
    pub marker_top: f64,
    /// The marker's bottom.
    pub marker_bottom: f64,
}

/// A tick of a chart's scale.
#[derive(Debug, Clone, Serialize)]
pub struct ChartTick {
    /// Its position.
    pub x: f64,
    /// Its label.
    pub label: String,
}

/// A small line chart of a score over the editions (SVG).
#[derive(Debug, Clone, Serialize)]
pub struct TrendChart {
    /// The element id the title and description are named by.
    pub id: String,
    /// What the chart shows (the SVG's `<title>`).
    pub title: String,
    /// Every number of the chart in words (the SVG's `<desc>`).
    pub description: String,
    /// The view box's width.
    pub width: u32,
    /// The view box's height.
    pub height: u32,
    /// The line through the points (`x,y x,y …`).
    pub line: String,
    /// The points.
    pub points: Vec<TrendPoint>,
    /// The scale's lines (its top and bottom).
    pub scale: Vec<ScaleLine>,
    /// The left end of the plotting area.
    pub left: f64,
    /// The right end of the plotting area.
    pub right: f64,
    /// Where the scale's labels end (right-aligned).
    pub scale_x: f64,
    /// The baseline of the years under the points.
    pub year_y: f64,
}

/// A line of a trend chart's scale.
#[derive(Debug, Clone, Serialize)]
pub struct ScaleLine {
    /// Its position.
    pub y: f64,
    /// The baseline of its label.
    pub text_y: f64,
    /// Its label.
    pub label: String,
}

/// One edition on a trend chart.
#[derive(Debug, Clone, Serialize)]
pub struct TrendPoint {
    /// The edition's year.
    pub year: u16,
    /// The score, two decimals.
    pub value: String,
    /// Its position.
    pub x: f64,
    /// Its position.
    pub y: f64,
    /// Where the value is written (above or below the point).
    pub label_y: f64,
}

/// A country's GCI profile in a list: its page, its placing, its downloads.
#[derive(Debug, Clone, Serialize)]
pub struct ScorecardLink {
    /// `GCI 2024`.
    pub short_name: String,
    /// The edition's year.
    pub year: u16,
    /// The page of the country's profile in this edition.
    pub href: String,
    /// Where the edition placed the country.
    pub placing: Placing,
    /// The overall score.
    pub overall: Option<String>,
    /// Whether this is the page's own profile.
    pub current: bool,
    /// The downloads of the profile.
    pub downloads: Vec<Download>,
}

/// One pillar of a country's scorecard, against its region.
#[derive(Debug, Clone, Serialize)]
pub struct PillarRow {
    /// `Legal`.
    pub name: String,
    /// The country's score.
    pub score: Option<String>,
    /// The region's average.
    pub region_average: Option<String>,
    /// The country's score less the region's average, signed (`+0.95`).
    pub difference: Option<String>,
}

/// The scorecard at the top of a country page: the latest GCI profile in
/// brief, its trend, and links to every GCI and Cyberwellness document of
/// the country.
#[derive(Debug, Clone, Serialize)]
pub struct ScorecardPanel {
    /// The country's name.
    pub country: String,
    /// `GCI 2024`: the latest profile's edition.
    pub short_name: String,
    /// Its year.
    pub year: u16,
    /// The latest profile's page.
    pub href: String,
    /// Where the latest edition placed the country.
    pub placing: Placing,
    /// The overall score, two decimals.
    pub overall: Option<String>,
    /// The highest overall score, `100`.
    pub overall_max: String,
    /// The highest score of a pillar, when all share it (`20`).
    pub pillar_max: Option<String>,
    /// The country's region, and its page.
    pub region: Option<Link>,
    /// How many countries the region's average is of.
    pub region_countries: Option<u32>,
    /// The pillars against the region.
    pub pillars: Vec<PillarRow>,
    /// The same as a chart.
    pub chart: Option<BarChart>,
    /// The overall score over the editions, when there are two or more.
    pub trend: Option<TrendChart>,
    /// Every GCI profile of the country, newest first.
    pub documents: Vec<ScorecardLink>,
    /// The country's Cyberwellness editions, newest first.
    pub cyberwellness: Vec<Link>,
    /// The results page of the latest edition.
    pub results_href: String,
    /// The tiers page of the latest edition, where it has tiers.
    pub tiers_href: Option<String>,
}

/// A country's page when it has GCI profiles only.
#[derive(Debug, Clone, Serialize)]
pub struct GciCountryView {
    /// The country's name.
    pub country: String,
    /// ISO alpha-3.
    pub alpha3: String,
    /// The scorecard.
    pub scorecard: ScorecardPanel,
}

/// A country's page of one GCI profile: the document, its downloads, the
/// country's other profiles.
#[derive(Debug, Clone, Serialize)]
pub struct GciProfileView<'a> {
    /// The country's name.
    pub country: String,
    /// ISO alpha-3.
    pub alpha3: String,
    /// `GCI 2024`.
    pub short_name: String,
    /// `ITU Global Cybersecurity Index 2024 (5th edition)`.
    pub edition_name: String,
    /// The edition's year.
    pub year: u16,
    /// Whether it is the country's latest GCI profile.
    pub latest: bool,
    /// The country page.
    pub country_href: String,
    /// Where the edition placed the country.
    pub placing: Placing,
    /// The country's region, and its page.
    pub region: Option<Link>,
    /// The downloads of this profile.
    pub downloads: Vec<Download>,
    /// Every GCI profile of the country, newest first.
    pub documents: Vec<ScorecardLink>,
    /// The country's Cyberwellness editions, newest first.
    pub cyberwellness: Vec<Link>,
    /// The edition's results page.
    pub results_href: String,
    /// The edition's tiers page, where it has tiers.
    pub tiers_href: Option<String>,
    /// The document as sanitized HTML (the Markdown document, converted).
    pub body: &'a str,
}

/// A region in a filter or a list, with how many countries it has.
#[derive(Debug, Clone, Serialize)]
pub struct RegionOption {
    /// `Asia and the Pacific`.
    pub name: String,
    /// `asia-and-the-pacific`.
    pub slug: String,
    /// Its page.
    pub href: String,
    /// How many of the countries listed.
    pub count: usize,
}

/// A tier in a filter or a list, with how many countries it has.
#[derive(Debug, Clone, Serialize)]
pub struct TierOption {
    /// The tier.
    #[serde(flatten)]
    pub mark: TierMark,
    /// How many of the countries listed.
    pub count: usize,
}

/// An edition in the list of results pages.
#[derive(Debug, Clone, Serialize)]
pub struct ResultsLink {
    /// `GCI 2024`.
    pub short_name: String,
    /// Its results page.
    pub href: String,
    /// Whether this is the page's own edition.
    pub current: bool,
}

/// The results of one GCI edition: every country.
#[derive(Debug, Clone, Serialize)]
pub struct GciResultsView {
    /// `GCI 2024`.
    pub short_name: String,
    /// `ITU Global Cybersecurity Index 2024 (5th edition)`.
    pub name: String,
    /// The edition's year.
    pub year: u16,
    /// `tiers`, `ranks` or `none`.
    pub ranking: &'static str,
    /// The pillar columns.
    pub pillars: Vec<PillarHeading>,
    /// The highest overall score, `100`.
    pub overall_max: String,
    /// One row per country, by name.
    pub rows: Vec<ResultRow>,
    /// The regions, for the filter and the links.
    pub regions: Vec<RegionOption>,
    /// The tiers, for the filter, in editions with tiers.
    pub tiers: Vec<TierOption>,
    /// Every edition's results page, newest first.
    pub editions: Vec<ResultsLink>,
    /// The tiers page, in editions with tiers.
    pub tiers_href: Option<String>,
    /// The tidy CSV of every score.
    pub csv_href: String,
    /// The edition's report.
    pub publication: Link,
    /// Where the scores come from, as the profiles say.
    pub sources: Vec<String>,
}

/// A country in the results of an edition.
#[derive(Debug, Clone, Serialize)]
pub struct ResultRow {
    /// The country's name.
    pub name: String,
    /// Its page.
    pub href: String,
    /// Its profile in this edition.
    pub profile_href: String,
    /// ISO alpha-3.
    pub alpha3: String,
    /// Its region.
    pub region: Option<String>,
    /// The region's slug (for the filter).
    pub region_slug: String,
    /// The region's page.
    pub region_href: Option<String>,
    /// Where the edition placed the country.
    pub placing: Placing,
    /// The overall score.
    pub overall: Option<Score>,
    /// One score per pillar column.
    pub pillars: Vec<Option<Score>>,
    /// Position in name order (the default sort).
    pub order: usize,
    /// Lower-case name, codes, region and placing, for the filter.
    pub filter: String,
}

/// A region's averages in one edition.
#[derive(Debug, Clone, Serialize)]
pub struct RegionAverages {
    /// `GCI 2024`.
    pub short_name: String,
    /// The edition's year.
    pub year: u16,
    /// How many of the region's countries the averages are of.
    pub countries: usize,
    /// How many countries the world's averages are of.
    pub world_countries: usize,
    /// One row per pillar, then the overall score.
    pub rows: Vec<AverageRow>,
    /// The region's averages against the world's, as a chart.
    pub chart: Option<BarChart>,
}

/// A region's and the world's average of one score.
#[derive(Debug, Clone, Serialize)]
pub struct AverageRow {
    /// `Legal`, or `Overall`.
    pub name: String,
    /// The highest score.
    pub max: String,
    /// The region's average, two decimals.
    pub region: String,
    /// The world's average, two decimals.
    pub world: String,
    /// Whether this is the overall score.
    pub overall: bool,
}

/// How many countries of a group are in each tier of an edition.
#[derive(Debug, Clone, Serialize)]
pub struct TierDistribution {
    /// `GCI 2024`.
    pub short_name: String,
    /// The edition's year.
    pub year: u16,
    /// Each tier, best first, with its countries.
    pub tiers: Vec<TierGroup>,
    /// The same as a chart.
    pub chart: BarChart,
    /// The edition's tiers page.
    pub tiers_href: String,
}

/// A tier and its countries.
#[derive(Debug, Clone, Serialize)]
pub struct TierGroup {
    /// The tier.
    pub mark: TierMark,
    /// `95 and above`, `from 85 to under 95`.
    pub range: String,
    /// A caveat on the tier's definition.
    pub note: Option<String>,
    /// The tier's anchor on the tiers page (`tier-1`).
    pub id: String,
    /// Its countries, by name.
    pub members: Vec<TierMember>,
}

/// A country in a tier.
#[derive(Debug, Clone, Serialize)]
pub struct TierMember {
    /// The country's name.
    pub name: String,
    /// Its page.
    pub href: String,
    /// Its overall score.
    pub overall: String,
    /// Its region.
    pub region: Option<String>,
}

/// The tiers of an edition: which countries each holds.
#[derive(Debug, Clone, Serialize)]
pub struct GciTiersView {
    /// `GCI 2024`.
    pub short_name: String,
    /// The edition's name.
    pub name: String,
    /// The edition's year.
    pub year: u16,
    /// How many countries in all.
    pub countries: usize,
    /// The tiers and their countries.
    pub distribution: TierDistribution,
    /// The edition's results page.
    pub results_href: String,
}

/// A member of a region, as its page lists it.
#[derive(Debug, Clone, Serialize)]
pub struct MemberRow {
    /// The country's name.
    pub name: String,
    /// Its page.
    pub href: String,
    /// ISO alpha-3.
    pub alpha3: String,
    /// Its profile of each edition, in the columns' order (newest first).
    pub editions: Vec<Option<MemberEdition>>,
    /// Position in name order.
    pub order: usize,
    /// Lower-case name and codes, for the filter.
    pub filter: String,
}

/// A member's profile of one edition.
#[derive(Debug, Clone, Serialize)]
pub struct MemberEdition {
    /// The profile's page.
    pub href: String,
    /// Where the edition placed the country.
    pub placing: Placing,
    /// The overall score.
    pub overall: Option<Score>,
}

/// An edition as a column group of the members table.
#[derive(Debug, Clone, Serialize)]
pub struct EditionColumn {
    /// `GCI 2024`.
    pub short_name: String,
    /// `Tier`, `Rank`, or nothing.
    pub placing: Option<&'static str>,
}

/// The page of an ITU-D region.
#[derive(Debug, Clone, Serialize)]
pub struct RegionView {
    /// `Europe`.
    pub name: String,
    /// `europe`.
    pub slug: String,
    /// How many member countries have a GCI profile on the site.
    pub countries: usize,
    /// The averages per pillar, newest edition first.
    pub averages: Vec<RegionAverages>,
    /// The tier distribution of the newest edition with tiers.
    pub distribution: Option<TierDistribution>,
    /// The editions, as columns of the members table (newest first).
    pub columns: Vec<EditionColumn>,
    /// The members, by name.
    pub members: Vec<MemberRow>,
    /// The latest results, filtered to the region.
    pub results_href: String,
    /// The other regions.
    pub regions: Vec<RegionOption>,
}
