//! View structs: what the templates see.
//!
//! A view is built once from a profile and its catalogue, with everything a
//! template would otherwise compute already done: standard sentences filled
//! in, numbers and dates formatted the ITU's way, sources numbered in order of
//! first citation, anchors made. Templates hold wording and layout, not logic.
//!
//! Text that came from a profile is made safe for Markdown here: plain names
//! are escaped (`387*` stays an asterisk), and free text keeps its Markdown but
//! loses raw HTML and script links, so no renderer downstream can run them.
//!
//! Provenance is decided here too, once for every format: whether the
//! profile is the catalogue publisher's own document (the ITU's, with its
//! disclaimer) or a compilation by someone else (a byline, and closing
//! lines that say it is not the ITU's); the date of each answer (the newest
//! date of the sources it cites); the note on the ages of the sources; the
//! citation.

use std::collections::BTreeMap;

use serde::Serialize;

use super::RenderError;
use super::citation::Citation;
use super::markdown::{escape_inline, sanitize_markdown};
use super::marks::{BACKGROUND_ANCHOR, SOURCES_ANCHOR};
use super::sentences::Sentences;
use crate::model::{Dating, Indicator, Profile, Source, Status};
use crate::schema::{Catalogue, Compilation, IndicatorSpec, Labels, NamedList};
use crate::wording::{group_thousands, ordinal_date_text, partial_date_text};

/// The whole document.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentView {
    /// `CYBERWELLNESS PROFILE`.
    pub title: String,
    /// The country, escaped for Markdown.
    pub country: String,
    /// The country as plain text (for the HTML `<title>` and metadata).
    pub country_plain: String,
    /// ISO alpha-2 and alpha-3 codes.
    pub alpha2: String,
    /// ISO alpha-3 code.
    pub alpha3: String,
    /// The edition year.
    pub edition: u16,
    /// The catalogue edition's identifier.
    pub schema_edition: String,
    /// The catalogue edition's name.
    pub schema_name: String,
    /// Who published the profile, escaped for Markdown.
    pub publisher: String,
    /// Who published the profile, as plain text (document metadata).
    pub publisher_plain: String,
    /// Whether the catalogue's publisher (the ITU) published this profile:
    /// only then does the document carry its title block and disclaimer
    /// as the publisher's own.
    pub official: bool,
    /// `Compiled by … from the sources listed`: the line under the title of
    /// a profile the catalogue's publisher did not publish.
    pub byline: Option<String>,
    /// The note on the ages of the sources, where answers rest on sources
    /// of different dates: `8 of 21 indicators updated from sources of
    /// 2018–2020 or later; 13 as of February 2015.`
    pub dates_note: Option<String>,
    /// How to cite the document (Markdown), without an address.
    pub citation: String,
    /// The same, as plain text.
    pub citation_plain: String,
    /// The background block.
    pub background: BackgroundView,
    /// The numbered parts, with their areas and indicators.
    pub parts: Vec<PartView>,
    /// The numbered references, in order of first citation.
    pub sources: Vec<SourceView>,
    /// The closing lines: the catalogue's disclaimer in the publisher's own
    /// documents, the compilation's closing lines in any other.
    pub disclaimer: Vec<String>,
    /// `Last updated on 2nd February 2015`.
    pub last_updated: String,
    /// `2015-02-02`.
    pub last_updated_iso: String,
    /// The words of the status labels, for legends.
    pub statuses: Vec<StatusView>,
    /// The words around the answers (`Status`, `Source`, `Sources`), from
    /// the catalogue.
    pub labels: LabelsView,
}

/// The words a document prints around the answers, from the catalogue.
#[derive(Debug, Clone, Serialize)]
pub struct LabelsView {
    /// `Status`.
    pub status: String,
    /// `Source`.
    pub source: String,
    /// `Sources`: also the heading of the list of sources.
    pub sources: String,
    /// `sources`: the anchor of that list, whatever its heading says.
    pub sources_anchor: String,
    /// `not before`, before the earliest date an undated source allows.
    pub not_before: String,
    /// `contributor`, before the person or firm a source names.
    pub contributor: String,
    /// `Cite as`, before the citation.
    pub cite_as: String,
}

/// The background block, formatted.
#[derive(Debug, Clone, Serialize)]
pub struct BackgroundView {
    /// `BACKGROUND`.
    pub heading: String,
    /// `background`: its anchor, whatever its heading says.
    pub anchor: String,
    /// `Total Population`.
    pub population_label: String,
    /// `10 788 000`, or `no information` where the profile gives no figure.
    pub population: String,
    /// `United Nations Statistics Division, December 2012`, where given.
    pub population_source: Option<String>,
    /// `Internet users, percentage of population`.
    pub internet_users_label: String,
    /// `82.17%`, or `no information`.
    pub internet_users: String,
    /// `ITU Statistics, December 2013`, where given.
    pub internet_users_source: Option<String>,
    /// `data source`.
    pub data_source_label: String,
}

/// A numbered part (`1. CYBERSECURITY`).
#[derive(Debug, Clone, Serialize)]
pub struct PartView {
    /// `1.`
    pub number: String,
    /// `CYBERSECURITY`
    pub heading: String,
    /// `1-cybersecurity`
    pub anchor: String,
    /// Its areas.
    pub areas: Vec<AreaView>,
}

/// An area of a part.
#[derive(Debug, Clone, Serialize)]
pub struct AreaView {
    /// The area's key (`legal`).
    pub key: String,
    /// `1.1`, where the area has a heading.
    pub number: Option<String>,
    /// `LEGAL MEASURES`, where the area has a heading.
    pub heading: Option<String>,
    /// `1-1-legal-measures`, where the area has a heading.
    pub anchor: Option<String>,
    /// Its indicators.
    pub indicators: Vec<IndicatorView>,
}

/// One indicator, ready to print.
#[derive(Debug, Clone, Serialize)]
pub struct IndicatorView {
    /// The indicator's key (`cirt`).
    pub key: String,
    /// `1.2.1`
    pub number: String,
    /// `CIRT`
    pub heading: String,
    /// `1-2-1-cirt`
    pub anchor: String,
    /// Markdown heading level: 4 under an area heading, 3 directly under a part.
    pub level: u8,
    /// `yes`, `partial`, `no`, `unknown`.
    pub status: String,
    /// `yes`, `partial`, `no`, `no information`.
    pub status_label: String,
    /// The whole answer as Markdown, as the document prints it: the free
    /// text, or the standard sentence with its bullets ([`answer_markdown`]).
    pub answer: String,
    /// The answer without its bullets: the free text, or the standard sentence.
    pub body: String,
    /// Bullet items printed after the body (escaped; the last ends with a period).
    pub list: Vec<String>,
    /// `Source` or `Sources`, for the number of sources cited.
    pub sources_label: String,
    /// Instruments named (escaped).
    pub instruments: Vec<String>,
    /// Agencies named (escaped).
    pub agencies: Vec<String>,
    /// Whether the body is the profile's own text (not a standard sentence).
    pub free_text: bool,
    /// Reference numbers of the sources, in citation order.
    pub sources: Vec<usize>,
    /// The date of the answer: `as of February 2015` (the newest date of
    /// the sources it cites, to the month), `not before October 2019` (the
    /// newest is only a bound), or `undated`.
    pub as_of: String,
    /// The same date as data (`2015-02`), where there is one.
    pub as_of_date: Option<String>,
    /// Whether that date is only a lower bound.
    pub as_of_bound: bool,
    /// `carried over from the 2021 edition`, for an answer kept unchanged
    /// from an earlier edition and not yet re-sourced.
    pub carried_over: Option<String>,
}

/// A numbered reference.
#[derive(Debug, Clone, Serialize)]
pub struct SourceView {
    /// 1, 2, …
    pub number: usize,
    /// The identifier in the profile.
    pub id: String,
    /// Title, escaped.
    pub title: String,
    /// Publisher, escaped.
    pub publisher: Option<String>,
    /// `2 February 2015`, `December 2012`, `2017`.
    pub date: Option<String>,
    /// For an undated document, the earliest date its words allow
    /// (`October 2019`); documents print it after `labels.not_before`.
    pub not_before: Option<String>,
    /// Who the document names as author or contact, escaped.
    pub contributor: Option<String>,
    /// The URL.
    pub url: Option<String>,
}

/// A status and its label, for legends.
#[derive(Debug, Clone, Serialize)]
pub struct StatusView {
    /// `unknown`
    pub status: String,
    /// `no information`
    pub label: String,
}

/// An answer as the document prints it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    /// The free text, or the standard sentence with the names filled in.
    pub body: String,
    /// The bullets printed after a standard sentence (escaped; the last
    /// ends with a period); none after free text.
    pub list: Vec<String>,
    /// Whether the body is the profile's own text.
    pub free_text: bool,
}

impl Answer {
    /// The whole answer as Markdown: the body, then its bullets.
    pub fn markdown(&self) -> String {
        answer_markdown(&self.body, &self.list)
    }
}

/// Writes an indicator's answer as the document prints it: the profile's
/// free text (sanitized), or the catalogue's standard sentence for its
/// status with the country and names filled in (`country` already escaped
/// for Markdown), followed by the catalogue's list as bullets, the last
/// with a final period. The document, the site and the diff all write
/// answers through this one function, so they never disagree on the words.
pub fn answer(
    catalogue: &Catalogue,
    spec: &IndicatorSpec,
    sentences: &Sentences,
    country: &str,
    answer: &Indicator,
) -> Result<Answer, RenderError> {
    if let Some(text) = answer.text.as_deref().filter(|t| !t.trim().is_empty()) {
        return Ok(Answer {
            body: sanitize_markdown(text.trim()),
            list: Vec::new(),
            free_text: true,
        });
    }
    let instruments: Vec<String> = answer
        .instruments
        .iter()
        .map(|s| escape_inline(s))
        .collect();
    let agencies: Vec<String> = answer.agencies.iter().map(|s| escape_inline(s)).collect();
    let body = sentences.render(
        catalogue,
        spec,
        answer.status,
        country,
        &instruments,
        &agencies,
    )?;
    let list = match spec.list {
        Some(NamedList::Instruments) => with_final_period(&instruments),
        Some(NamedList::Agencies) => with_final_period(&agencies),
        None => Vec::new(),
    };
    Ok(Answer {
        body,
        list,
        free_text: false,
    })
}

/// `body`, then `items` as Markdown bullets after a blank line.
pub fn answer_markdown(body: &str, items: &[String]) -> String {
    let mut out = body.to_owned();
    if !items.is_empty() {
        out.push_str("\n\n");
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            out.push_str("- ");
            out.push_str(item);
        }
    }
    out
}

impl LabelsView {
    fn of(labels: &Labels) -> Self {
        LabelsView {
            status: labels.status.clone(),
            source: labels.source.clone(),
            sources: labels.sources.clone(),
            sources_anchor: SOURCES_ANCHOR.to_owned(),
            not_before: labels.not_before.clone(),
            contributor: labels.contributor.clone(),
            cite_as: labels.cite_as.clone(),
        }
    }
}

/// Builds the view of a profile.
pub fn document_view(
    profile: &Profile,
    catalogue: &Catalogue,
    sentences: &Sentences,
) -> Result<DocumentView, RenderError> {
    let numbering = number_sources(profile, catalogue);
    let country = escape_inline(&profile.country.name);
    let labels = &catalogue.labels;

    let mut parts = Vec::new();
    let mut datings = Vec::new();
    for part in &catalogue.parts {
        let mut areas = Vec::new();
        for area in &part.areas {
            let answers = profile.area(&area.key);
            let mut indicators = Vec::new();
            for spec in &area.indicators {
                let Some(answer) = answers.and_then(|a| a.get(&spec.key)) else {
                    return Err(RenderError::Data(format!(
                        "indicator {} ({}) is missing; validate the profile first",
                        spec.number, spec.key
                    )));
                };
                let written = self::answer(catalogue, spec, sentences, &country, answer)?;
                let sources: Vec<usize> = answer
                    .sources
                    .iter()
                    .filter_map(|id| numbering.get(id).copied())
                    .collect();
                let dating = answer_dating(profile, answer);
                datings.push(dating);
                indicators.push(IndicatorView {
                    key: spec.key.clone(),
                    number: spec.number.clone(),
                    heading: spec.heading.clone(),
                    anchor: spec.anchor.clone(),
                    level: if area.heading.is_some() { 4 } else { 3 },
                    status: answer.status.as_str().to_owned(),
                    status_label: labels.status_word(answer.status).to_owned(),
                    answer: written.markdown(),
                    body: written.body,
                    list: written.list,
                    sources_label: if sources.len() == 1 {
                        labels.source.clone()
                    } else {
                        labels.sources.clone()
                    },
                    instruments: answer
                        .instruments
                        .iter()
                        .map(|s| escape_inline(s))
                        .collect(),
                    agencies: answer.agencies.iter().map(|s| escape_inline(s)).collect(),
                    free_text: written.free_text,
                    sources,
                    as_of: dating_text(dating, labels),
                    as_of_date: dating.map(|d| d.date().to_month().to_string()),
                    as_of_bound: dating.is_some_and(Dating::is_bound),
                    carried_over: answer
                        .carried_over_from
                        .map(|year| labels.carried_over.replace("{edition}", &year.to_string())),
                });
            }
            areas.push(AreaView {
                key: area.key.clone(),
                number: area.number.clone(),
                heading: area.heading.clone(),
                anchor: area.anchor.clone(),
                indicators,
            });
        }
        parts.push(PartView {
            number: part.number.clone(),
            heading: part.heading.clone(),
            anchor: part.anchor.clone(),
            areas,
        });
    }

    let mut sources: Vec<SourceView> = numbering
        .iter()
        .filter_map(|(id, &number)| profile.sources.get(id).map(|s| source_view(number, id, s)))
        .collect();
    sources.sort_by_key(|s| s.number);

    let background = &profile.background;
    let official = is_official(profile, catalogue);
    let publisher = escape_inline(&profile.publisher);
    let citation = Citation::of(profile, catalogue);
    let no_figure = labels.status_word(Status::Unknown).to_owned();
    let figure_source =
        |source: &str, as_of| format!("{}, {}", escape_inline(source), partial_date_text(as_of));
    Ok(DocumentView {
        title: catalogue.title.clone(),
        country,
        country_plain: profile.country.name.clone(),
        alpha2: profile.country.alpha2.clone(),
        alpha3: profile.country.alpha3.clone(),
        edition: profile.edition,
        schema_edition: catalogue.id.clone(),
        schema_name: catalogue.name.clone(),
        byline: (!official).then(|| {
            escape_inline(&Compilation::fill(
                &catalogue.compilation.byline,
                &profile.publisher,
            ))
        }),
        publisher,
        publisher_plain: profile.publisher.clone(),
        official,
        dates_note: dates_note(&datings, labels),
        citation: citation.markdown(labels),
        citation_plain: citation.text(labels),
        background: BackgroundView {
            heading: catalogue.background.heading.clone(),
            anchor: BACKGROUND_ANCHOR.to_owned(),
            population_label: catalogue.background.population.clone(),
            population: background
                .population
                .as_ref()
                .map_or_else(|| no_figure.clone(), |p| group_thousands(p.value)),
            population_source: background
                .population
                .as_ref()
                .map(|p| figure_source(&p.source, p.as_of)),
            internet_users_label: catalogue.background.internet_users.clone(),
            internet_users: background
                .internet_users
                .as_ref()
                .map_or_else(|| no_figure.clone(), |u| format!("{}%", u.percent)),
            internet_users_source: background
                .internet_users
                .as_ref()
                .map(|u| figure_source(&u.source, u.as_of)),
            data_source_label: catalogue.background.data_source.clone(),
        },
        parts,
        sources,
        disclaimer: if official {
            catalogue
                .disclaimer
                .iter()
                .map(|line| autolink(line))
                .collect()
        } else {
            catalogue
                .compilation
                .closing
                .iter()
                .map(|line| autolink(&Compilation::fill(line, &profile.publisher)))
                .collect()
        },
        last_updated: format!(
            "{} {}",
            catalogue.last_updated,
            ordinal_date_text(profile.last_updated)
        ),
        last_updated_iso: profile.last_updated.to_string(),
        statuses: Status::ALL
            .iter()
            .map(|&s| StatusView {
                status: s.as_str().to_owned(),
                label: labels.status_word(s).to_owned(),
            })
            .collect(),
        labels: LabelsView::of(labels),
    })
}

/// Numbers sources in order of first citation through the document, then
/// any uncited ones by identifier, so every listed source has a number.
fn number_sources(profile: &Profile, catalogue: &Catalogue) -> BTreeMap<String, usize> {
    let mut numbers = BTreeMap::new();
    let cited = catalogue.indicators().filter_map(|l| {
        profile
            .area(&l.area.key)
            .and_then(|a| a.get(&l.indicator.key))
            .map(|answer| &answer.sources)
    });
    for id in cited.flatten().chain(profile.sources.keys()) {
        if profile.sources.contains_key(id) && !numbers.contains_key(id) {
            let next = numbers.len() + 1;
            numbers.insert(id.clone(), next);
        }
    }
    numbers
}

/// A numbered reference, escaped for Markdown.
pub fn source_view(number: usize, id: &str, source: &Source) -> SourceView {
    SourceView {
        number,
        id: id.to_owned(),
        title: escape_inline(&source.title),
        publisher: source.publisher.as_deref().map(escape_inline),
        date: source.date.map(partial_date_text),
        // A dated document needs no bound (`validate` refuses both).
        not_before: source
            .not_before
            .filter(|_| source.date.is_none())
            .map(partial_date_text),
        contributor: source.contributor.as_deref().map(escape_inline),
        url: source.url.clone(),
    }
}

/// Whether the catalogue's publisher published this profile: its own
/// document, printed with its disclaimer. The name must be the catalogue's,
/// exactly; `validate` warns about near misses.
pub fn is_official(profile: &Profile, catalogue: &Catalogue) -> bool {
    profile.publisher == catalogue.publisher
}

/// The date an answer rests on: the newest date (or bound) of the sources
/// it cites. Sources without any date are passed over; `None` when no
/// source it cites has one.
pub fn answer_dating(profile: &Profile, answer: &Indicator) -> Option<Dating> {
    answer
        .sources
        .iter()
        .filter_map(|id| profile.sources.get(id))
        .filter_map(Source::dating)
        .reduce(Dating::newer)
}

/// `as of February 2015`, `not before October 2019`, `undated`: a date to
/// the month, as a reader needs it to judge how old a statement is.
pub fn dating_text(dating: Option<Dating>, labels: &Labels) -> String {
    match dating {
        Some(Dating::On(date)) => {
            format!("{} {}", labels.as_of, partial_date_text(date.to_month()))
        }
        Some(Dating::NotBefore(date)) => {
            format!(
                "{} {}",
                labels.not_before,
                partial_date_text(date.to_month())
            )
        }
        None => labels.undated.clone(),
    }
}

/// The note at the top of a document whose answers rest on sources of
/// different ages, from the date of each answer; `None` where they are all
/// of one age (to the month). The oldest date is the base; the answers
/// dated later are "updated", and their years make the range.
fn dates_note(datings: &[Option<Dating>], labels: &Labels) -> Option<String> {
    let month = |d: Dating| match d {
        Dating::On(date) => Dating::On(date.to_month()),
        Dating::NotBefore(date) => Dating::NotBefore(date.to_month()),
    };
    let dated: Vec<Dating> = datings.iter().flatten().map(|&d| month(d)).collect();
    let undated = datings.len() - dated.len();
    let base = dated
        .iter()
        .copied()
        .min_by_key(|d| (d.date().earliest(), d.is_bound()));
    let updated: Vec<Dating> = dated.iter().copied().filter(|&d| Some(d) != base).collect();
    let mut ages: Vec<Dating> = dated.clone();
    ages.sort_by_key(|d| (d.date().earliest(), d.is_bound()));
    ages.dedup();
    if ages.len() + usize::from(undated > 0) < 2 {
        return None;
    }
    let total = datings.len().to_string();
    let mut note = Vec::new();
    if let (Some(base), false) = (base, updated.is_empty()) {
        let first = updated
            .iter()
            .map(|d| d.date().year())
            .min()
            .unwrap_or_default();
        let last = updated
            .iter()
            .map(|d| d.date().year())
            .max()
            .unwrap_or_default();
        let mut range = if first == last {
            first.to_string()
        } else {
            format!("{first}\u{2013}{last}")
        };
        if updated.iter().any(|d| d.is_bound()) {
            range = format!("{range} {}", labels.or_later);
        }
        let others = dated.len() - updated.len();
        note.push(
            labels
                .dates_note
                .replace("{updated}", &updated.len().to_string())
                .replace("{total}", &total)
                .replace("{range}", &range)
                .replace("{others}", &others.to_string())
                .replace("{base}", &dating_text(Some(base), labels)),
        );
    }
    if undated > 0 {
        note.push(
            labels
                .undated_note
                .replace("{count}", &undated.to_string())
                .replace("{total}", &total),
        );
    }
    Some(note.join(" "))
}

/// The ITU lists instruments with a period after the last one.
fn with_final_period(items: &[String]) -> Vec<String> {
    let mut items = items.to_vec();
    if let Some(last) = items.last_mut()
        && !last.ends_with(['.', '!', '?'])
    {
        last.push('.');
    }
    items
}

/// Makes bare `http(s)://` addresses in catalogue text clickable Markdown
/// autolinks, which read as the plain address.
fn autolink(line: &str) -> String {
    line.split(' ')
        .map(|word| {
            if word.starts_with("http://") || word.starts_with("https://") {
                format!("<{word}>")
            } else {
                escape_inline(word)
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_listed_item_ends_with_a_period() {
        assert_eq!(with_final_period(&["A".into(), "B".into()]), ["A", "B."]);
        assert_eq!(with_final_period(&["A.".into()]), ["A."]);
        assert!(with_final_period(&[]).is_empty());
    }

    fn labels() -> &'static Labels {
        &crate::schema::Catalogues::builtin()
            .unwrap()
            .get("cyberwellness-2015")
            .unwrap()
            .labels
    }

    fn on(text: &str) -> Option<Dating> {
        Some(Dating::On(text.parse().unwrap()))
    }

    fn bound(text: &str) -> Option<Dating> {
        Some(Dating::NotBefore(text.parse().unwrap()))
    }

    #[test]
    fn an_answer_is_as_old_as_its_newest_source() {
        let mut profile =
            crate::load::from_yaml_str::<Profile>(include_str!("../../profiles/belgium.yaml"))
                .unwrap();
        let cirt = profile.technical["cirt"].clone();
        // itu-2015 (2015-02-02) and the emergency plan (not before 2019-10).
        assert_eq!(answer_dating(&profile, &cirt), bound("2019-10"));
        let standards = profile.technical["standards"].clone();
        assert_eq!(answer_dating(&profile, &standards), on("2015-02-02"));
        // 2016-11 against a bound of 2018-07: the bound is newer.
        let regulation = profile.legal["regulation_compliance"].clone();
        assert_eq!(answer_dating(&profile, &regulation), bound("2018-07"));
        // On a tie, the exact date says more.
        assert_eq!(
            on("2019-10").unwrap().newer(bound("2019-10").unwrap()),
            on("2019-10").unwrap()
        );
        // No source with a date: undated.
        profile.sources.get_mut("itu-2015").unwrap().date = None;
        assert_eq!(answer_dating(&profile, &standards), None);
        assert_eq!(dating_text(None, labels()), "undated");
        assert_eq!(
            dating_text(on("2015-02-02"), labels()),
            "as of February 2015"
        );
        assert_eq!(dating_text(bound("2019"), labels()), "not before 2019");
    }

    #[test]
    fn the_note_counts_the_ages_of_the_answers() {
        let labels = labels();
        assert_eq!(
            dates_note(&[on("2015-02-02"), on("2015-02-20")], labels),
            None
        );
        assert_eq!(dates_note(&[None, None], labels), None);
        assert_eq!(
            dates_note(
                &[
                    on("2015-02-02"),
                    bound("2019-10"),
                    on("2016-11"),
                    on("2015-02")
                ],
                labels
            )
            .as_deref(),
            Some(
                "2 of 4 indicators updated from sources of 2016\u{2013}2019 or later; 2 as of February 2015."
            )
        );
        assert_eq!(
            dates_note(&[on("2015-02-02"), on("2021"), None], labels).as_deref(),
            Some(
                "1 of 3 indicators updated from sources of 2021; 1 as of February 2015. 1 of 3 indicators on undated sources."
            )
        );
        assert_eq!(
            dates_note(&[on("2015-02-02"), None], labels).as_deref(),
            Some("1 of 2 indicators on undated sources.")
        );
    }

    #[test]
    fn disclaimer_addresses_become_autolinks() {
        assert_eq!(
            autolink("DISCLAIMER: Please refer to http://www.itu.int/x.aspx"),
            "DISCLAIMER: Please refer to <http://www.itu.int/x.aspx>"
        );
    }
}
