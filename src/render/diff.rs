//! The change report between two profiles as a document: Markdown through
//! `templates/diff.md.tera`, and an HTML page made from that Markdown (as a
//! profile's page is) and wrapped by `templates/diff.html.tera`.
//!
//! The comparison itself is [`crate::diff`]'s; this module only turns its
//! [`Report`] into a [`DiffView`] a template can print without logic: every
//! text from a profile escaped for Markdown, numbers and dates in words, the
//! word-level changes of free text as `<del>`/`<ins>` runs. It also writes
//! the standard sentences the diff compares new free text with
//! ([`StandardText`] for [`Sentences`]).

use serde::Serialize;

use super::markdown::escape_inline;
use super::sentences::Sentences;
use super::templates::{DIFF_GCI_MD, DIFF_HTML, DIFF_MD, Templates};
use super::{RenderError, html, tidy_markdown, view};
use crate::diff::scores::{ScoreChange, ScoreReport, ScoredSide};
use crate::diff::{
    AreaDiff, IndicatorDiff, ListDiff, Op, Report, SourceView as DiffSource, StandardText, Token,
};
use crate::model::{Date, Indicator, PartialDate, Profile, Status};
use crate::schema::{Catalogue, Catalogues, IndicatorSpec, Labels};
use crate::wording::{date_text, partial_date_text};

/// The diff compares a profile's free text with the words its document
/// would print without it: the answer as [`view::answer`] writes it for
/// the document, so the two can never disagree.
impl StandardText for Sentences {
    fn standard_text(
        &self,
        catalogue: &Catalogue,
        spec: &IndicatorSpec,
        profile: &Profile,
        answer: &Indicator,
    ) -> Option<String> {
        let standard = Indicator {
            text: None,
            ..answer.clone()
        };
        let country = escape_inline(&profile.country.name);
        view::answer(catalogue, spec, self, &country, &standard)
            .ok()
            .map(|written| written.markdown())
    }
}

/// What the change report templates see. Strings are Markdown, escaped,
/// except those ending in `_plain` (for HTML metadata, escaped by Tera).
#[derive(Debug, Clone, Serialize)]
pub struct DiffView {
    /// `indicators`: which kind of report this is.
    pub kind: &'static str,
    /// "Belgium: what changed between the 2015 and 2018 editions".
    pub title: String,
    /// The title as plain text.
    pub title_plain: String,
    /// The old profile.
    pub old: SideView,
    /// The new profile.
    pub new: SideView,
    /// Whether both profiles are about one country.
    pub same_country: bool,
    /// Whether nothing differs.
    pub identical: bool,
    /// The one-line summary.
    pub summary: String,
    /// The readable name of the ITU schema edition.
    pub schema_name: String,
    /// The facts table: country (when it differs), edition, last update,
    /// the background figures.
    pub facts: Vec<FactRow>,
    /// Documents only the new profile lists, as Markdown.
    pub sources_added: Vec<String>,
    /// Documents only the old profile lists.
    pub sources_removed: Vec<String>,
    /// Documents described differently: "old → new".
    pub sources_modified: Vec<String>,
    /// Every area, in document order.
    pub areas: Vec<AreaView>,
    /// Whether only the summary per area is shown (`--stat`).
    pub stat: bool,
}

/// One profile of the comparison.
#[derive(Debug, Clone, Serialize)]
pub struct SideView {
    /// "Belgium, 2015 edition".
    pub label: String,
    /// The file, escaped.
    pub file: String,
    /// "2 February 2015".
    pub last_updated: String,
}

/// A row of the facts table.
#[derive(Debug, Clone, Serialize)]
pub struct FactRow {
    /// What the row is about.
    pub label: String,
    /// The old value.
    pub old: String,
    /// The new value.
    pub new: String,
    /// The change, or "unchanged".
    pub change: String,
    /// Whether it changed.
    pub changed: bool,
}

/// An area of the report.
#[derive(Debug, Clone, Serialize)]
pub struct AreaView {
    /// `1.3 ORGANIZATION MEASURES`.
    pub title: String,
    /// "3 of 4 indicators changed: …".
    pub line: String,
    /// How many of its indicators changed.
    pub changed: usize,
    /// The indicators shown.
    pub indicators: Vec<IndicatorView>,
}

/// An indicator of the report.
#[derive(Debug, Clone, Serialize)]
pub struct IndicatorView {
    /// `1.3.2 ROADMAP FOR GOVERNANCE`.
    pub title: String,
    /// Whether anything changed.
    pub changed: bool,
    /// "no information → **partial**", or "yes (unchanged)".
    pub status: String,
    /// Whether the status changed.
    pub status_changed: bool,
    /// Lines such as "Instruments added: A; B".
    pub lists: Vec<ListLine>,
    /// The word-level change of the text, if the text changed.
    pub text: Option<TextView>,
}

/// A labelled list of names.
#[derive(Debug, Clone, Serialize)]
pub struct ListLine {
    /// "Instruments added".
    pub label: String,
    /// Whether the names were added (or removed).
    pub added: bool,
    /// The names, escaped.
    pub items: Vec<String>,
}

/// A text change, laid out in paragraphs.
#[derive(Debug, Clone, Serialize)]
pub struct TextView {
    /// "Text", "New text (in place of the standard sentence)", …
    pub label: String,
    /// Paragraphs of Markdown; deleted words in `<del>`, inserted in `<ins>`.
    pub paragraphs: Vec<String>,
    /// The same paragraphs as one Markdown block quote.
    pub quote: String,
}

/// Builds the view of a report; status words come from the catalogue of
/// the report's edition.
pub fn diff_view(report: &Report, stat: bool, catalogues: &Catalogues) -> DiffView {
    let labels = catalogues.get(&report.schema_edition).map(|c| &c.labels);
    let side = |side: &crate::diff::Side| SideView {
        label: escape_inline(&side.label),
        file: escape_inline(&side.file),
        last_updated: side
            .last_updated
            .parse::<Date>()
            .map_or_else(|_| side.last_updated.clone(), date_text),
    };
    let mut facts = Vec::new();
    if report.country.changed {
        let name =
            |c: &crate::diff::CountryView| escape_inline(&format!("{} ({})", c.name, c.alpha3));
        facts.push(FactRow {
            label: "Country".into(),
            old: name(&report.country.old),
            new: name(&report.country.new),
            change: "another country".into(),
            changed: true,
        });
    }
    facts.push(FactRow {
        label: "Edition".into(),
        old: report.edition.old.to_string(),
        new: report.edition.new.to_string(),
        change: if report.edition.changed {
            format!(
                "{:+} years",
                i32::from(report.edition.new) - i32::from(report.edition.old)
            )
        } else {
            "unchanged".into()
        },
        changed: report.edition.changed,
    });
    let old_side = side(&report.old);
    let new_side = side(&report.new);
    facts.push(FactRow {
        label: "Last updated".into(),
        old: old_side.last_updated.clone(),
        new: new_side.last_updated.clone(),
        change: if report.last_updated.changed {
            "updated"
        } else {
            "unchanged"
        }
        .into(),
        changed: report.last_updated.changed,
    });
    facts.push(FactRow {
        label: "Published by".into(),
        old: escape_inline(&report.publisher.old),
        new: escape_inline(&report.publisher.new),
        change: if report.publisher.changed {
            "another publisher"
        } else {
            "unchanged"
        }
        .into(),
        changed: report.publisher.changed,
    });
    for figure in [
        &report.background.population,
        &report.background.internet_users,
    ] {
        let with_source = |value: &str, source: &str, as_of: &str| {
            let as_of = as_of
                .parse::<PartialDate>()
                .map_or_else(|_| as_of.to_owned(), partial_date_text);
            escape_inline(&format!("{value} ({source}, {as_of})"))
        };
        facts.push(FactRow {
            label: escape_inline(&figure.label),
            old: with_source(&figure.old_text, &figure.source.old, &figure.as_of.old),
            new: with_source(&figure.new_text, &figure.source.new, &figure.as_of.new),
            change: escape_inline(&figure.change_text),
            changed: figure.changed,
        });
    }
    DiffView {
        kind: report.kind,
        title: escape_inline(&report.title),
        title_plain: report.title.clone(),
        old: old_side,
        new: new_side,
        same_country: report.same_country,
        identical: report.identical,
        summary: escape_inline(&report.summary.line),
        schema_name: escape_inline(&report.schema_edition_name),
        facts,
        sources_added: report.sources.added.iter().map(source_markdown).collect(),
        sources_removed: report.sources.removed.iter().map(source_markdown).collect(),
        sources_modified: report
            .sources
            .modified
            .iter()
            .map(|c| format!("{} → {}", source_markdown(&c.old), source_markdown(&c.new)))
            .collect(),
        areas: report
            .areas
            .iter()
            .map(|area| area_view(area, labels))
            .collect(),
        stat,
    }
}

/// `*Title*, Publisher, date <url>`.
fn source_markdown(source: &DiffSource) -> String {
    let mut out = format!("*{}*", escape_inline(&source.title));
    let date = source.date.as_ref().map(|d| {
        d.parse::<PartialDate>()
            .map_or_else(|_| d.clone(), partial_date_text)
    });
    for detail in [&source.publisher, &date].into_iter().flatten() {
        out.push_str(", ");
        out.push_str(&escape_inline(detail));
    }
    if let Some(url) = &source.url
        && !url.contains(['<', '>', ' '])
    {
        out.push_str(&format!(" <{url}>"));
    }
    out
}

fn area_view(area: &AreaDiff, labels: Option<&Labels>) -> AreaView {
    AreaView {
        // Catalogue headings are the edition's own text, printed as is
        // (as the profile document prints them).
        title: area.title.clone(),
        line: escape_inline(&area.line),
        changed: area.counts.changed,
        indicators: area
            .indicators
            .iter()
            .map(|i| indicator_view(i, labels))
            .collect(),
    }
}

fn indicator_view(indicator: &IndicatorDiff, labels: Option<&Labels>) -> IndicatorView {
    let status_label = |status: Status| labels.map_or(status.as_str(), |l| l.status_word(status));
    let status = &indicator.status;
    let mut lists = Vec::new();
    for (name, list) in [
        ("Instruments", &indicator.instruments),
        ("Agencies", &indicator.agencies),
    ] {
        push_list(&mut lists, name, list);
    }
    let sources = &indicator.sources;
    for (label, added, items) in [
        ("Sources added", true, &sources.added),
        ("Sources removed", false, &sources.removed),
    ] {
        if !items.is_empty() {
            lists.push(ListLine {
                label: label.into(),
                added,
                items: items.iter().map(source_markdown).collect(),
            });
        }
    }
    let text = indicator.text.changed.then(|| {
        let paragraphs = word_paragraphs(&indicator.text.words);
        TextView {
            label: match (&indicator.text.old, &indicator.text.new) {
                (None, Some(_)) => "New text, in place of the standard sentence",
                (Some(_), None) => "Text removed: the standard sentence is used",
                _ => "Text",
            }
            .into(),
            quote: paragraphs
                .iter()
                .map(|p| format!("> {}", p.replace('\n', "\n> ")))
                .collect::<Vec<_>>()
                .join("\n>\n"),
            paragraphs,
        }
    });
    IndicatorView {
        title: indicator.title.clone(),
        changed: indicator.changed,
        status: if status.changed {
            format!(
                "{} → **{}**",
                status_label(status.old),
                status_label(status.new)
            )
        } else {
            format!("{} (unchanged)", status_label(status.new))
        },
        status_changed: status.changed,
        lists,
        text,
    }
}

fn push_list(lists: &mut Vec<ListLine>, name: &str, list: &ListDiff) {
    for (verb, added, items) in [
        ("added", true, &list.added),
        ("removed", false, &list.removed),
    ] {
        if !items.is_empty() {
            lists.push(ListLine {
                label: format!("{name} {verb}"),
                added,
                items: items.iter().map(|i| escape_inline(i)).collect(),
            });
        }
    }
}

/// The word-level change as Markdown paragraphs: words escaped, deleted and
/// inserted runs in `<del>` and `<ins>`, a kept line break as a hard break.
fn word_paragraphs(spans: &[crate::diff::Span]) -> Vec<String> {
    let mut paragraphs = Vec::new();
    let mut lines: Vec<String> = Vec::new();
    let mut line: Vec<(Op, String)> = Vec::new();
    let end_line = |lines: &mut Vec<String>, line: &mut Vec<(Op, String)>| {
        if !line.is_empty() {
            lines.push(mark_runs(line));
            line.clear();
        }
    };
    for span in spans {
        for token in &span.tokens {
            match token {
                Token::Word(word) => line.push((span.op, escape_word(word))),
                Token::LineBreak => end_line(&mut lines, &mut line),
                Token::ParagraphBreak => {
                    end_line(&mut lines, &mut line);
                    if !lines.is_empty() {
                        paragraphs.push(lines.join("  \n"));
                        lines.clear();
                    }
                }
            }
        }
    }
    end_line(&mut lines, &mut line);
    if !lines.is_empty() {
        paragraphs.push(lines.join("  \n"));
    }
    paragraphs
}

fn mark_runs(line: &[(Op, String)]) -> String {
    let mut out = String::new();
    let mut i = 0;
    while i < line.len() {
        let op = line[i].0;
        let end = line[i..]
            .iter()
            .position(|(o, _)| *o != op)
            .map_or(line.len(), |p| i + p);
        let words: Vec<&str> = line[i..end].iter().map(|(_, w)| w.as_str()).collect();
        if !out.is_empty() {
            out.push(' ');
        }
        match op {
            Op::Equal => out.push_str(&words.join(" ")),
            Op::Delete => out.push_str(&format!("<del>{}</del>", words.join(" "))),
            Op::Insert => out.push_str(&format!("<ins>{}</ins>", words.join(" "))),
        }
        i = end;
    }
    out
}

/// A word of free text, shown as written: Markdown and HTML in it are
/// escaped, and so is a list or heading marker at its start.
fn escape_word(word: &str) -> String {
    let mut out = escape_inline(word);
    // `1.` or `2)` at the start of a line would open a list.
    let digits = out.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && matches!(&out[digits..], "." | ")") {
        out.insert(digits, '\\');
    }
    // `&amp;` would print as `&`: an ampersand is written as an entity.
    out.replace('&', "&amp;")
}

/// What the change report template of two GCI profiles sees (`d`): the
/// [`ScoreReport`] with every text from a profile escaped for Markdown.
#[derive(Debug, Clone, Serialize)]
pub struct ScoresDiffView {
    /// "Belgium: GCI 2020 → GCI 2024".
    pub title: String,
    /// The title as plain text.
    pub title_plain: String,
    /// `scores`.
    pub kind: &'static str,
    /// One line: what changed.
    pub summary: String,
    /// The old profile.
    pub old: ScoresSideView,
    /// The new profile.
    pub new: ScoresSideView,
    /// Whether a rank is shown.
    pub rank_shown: bool,
    /// The old rank (`—` where none).
    pub rank_old: String,
    /// The new rank.
    pub rank_new: String,
    /// Whether a tier is shown.
    pub tier_shown: bool,
    /// The old tier.
    pub tier_old: String,
    /// The new tier.
    pub tier_new: String,
    /// The old region.
    pub region_old: String,
    /// The new region.
    pub region_new: String,
    /// Each pillar.
    pub pillars: Vec<ScoreLine>,
    /// The overall score.
    pub overall: ScoreLine,
    /// The region's average per pillar, where both profiles give one.
    pub region_averages: Vec<ScoreLine>,
}

/// One side of a GCI comparison, escaped.
#[derive(Debug, Clone, Serialize)]
pub struct ScoresSideView {
    /// "Belgium, GCI 2020".
    pub label: String,
    /// `GCI 2020`.
    pub edition: String,
    /// The file.
    pub file: String,
    /// `30 November 2026`.
    pub last_updated: String,
}

/// A score in both profiles.
#[derive(Debug, Clone, Serialize)]
pub struct ScoreLine {
    /// The pillar's title.
    pub title: String,
    /// The old score.
    pub old: String,
    /// The new score.
    pub new: String,
    /// `+0.57`.
    pub change: String,
    /// Whether it changed.
    pub changed: bool,
}

/// Builds the view of a GCI change report.
pub fn scores_view(report: &ScoreReport) -> ScoresDiffView {
    let dash = || "\u{2014}".to_owned();
    let side = |side: &ScoredSide| ScoresSideView {
        label: escape_inline(&format!("{}, {}", side.country.name, side.edition_name)),
        edition: escape_inline(&side.edition_name),
        file: escape_inline(&side.file),
        last_updated: side
            .last_updated
            .parse::<Date>()
            .map_or_else(|_| side.last_updated.clone(), date_text),
    };
    let line = |title: &str, c: &ScoreChange| ScoreLine {
        title: escape_inline(title),
        old: c.old_text.clone(),
        new: c.new_text.clone(),
        change: c.change_text.clone(),
        changed: c.changed,
    };
    let text = |v: &Option<String>| v.as_deref().map_or_else(dash, escape_inline);
    ScoresDiffView {
        title: escape_inline(&report.title),
        title_plain: report.title.clone(),
        kind: report.kind,
        summary: escape_inline(&report.summary),
        old: side(&report.old),
        new: side(&report.new),
        rank_shown: report.rank.old.is_some() || report.rank.new.is_some(),
        rank_old: report.rank.old.map_or_else(dash, |r| r.to_string()),
        rank_new: report.rank.new.map_or_else(dash, |r| r.to_string()),
        tier_shown: report.tier.old.is_some() || report.tier.new.is_some(),
        tier_old: text(&report.tier.old),
        tier_new: text(&report.tier.new),
        region_old: text(&report.region.old),
        region_new: text(&report.region.new),
        pillars: report
            .pillars
            .iter()
            .map(|p| line(&p.title, &p.score))
            .collect(),
        overall: line("Overall", &report.overall),
        region_averages: report
            .region_averages
            .iter()
            .filter(|p| p.score.old.is_some() && p.score.new.is_some())
            .map(|p| line(&p.title, &p.score))
            .collect(),
    }
}

/// The GCI change report as Markdown.
pub fn scores_markdown(
    view: &ScoresDiffView,
    templates: &Templates,
) -> Result<String, RenderError> {
    let mut context = tera::Context::new();
    context.insert("d", view);
    Ok(tidy_markdown(&templates.render(DIFF_GCI_MD, &context)?))
}

/// The GCI change report as a self-contained HTML page, made from its
/// Markdown and set in the same page as the indicator report.
pub fn scores_html(view: &ScoresDiffView, templates: &Templates) -> Result<String, RenderError> {
    let markdown = scores_markdown(view, templates)?;
    let body = html::markdown_to_html(&markdown);
    let mut context = tera::Context::new();
    context.insert("d", view);
    context.insert("body", &body);
    templates.render(DIFF_HTML, &context)
}

/// The change report as Markdown.
pub fn diff_markdown(view: &DiffView, templates: &Templates) -> Result<String, RenderError> {
    let mut context = tera::Context::new();
    context.insert("d", view);
    Ok(tidy_markdown(&templates.render(DIFF_MD, &context)?))
}

/// The change report as a self-contained HTML page, made from its Markdown.
pub fn diff_html(view: &DiffView, templates: &Templates) -> Result<String, RenderError> {
    let markdown = diff_markdown(view, templates)?;
    let body = html::markdown_to_html(&markdown);
    let mut context = tera::Context::new();
    context.insert("d", view);
    context.insert("body", &body);
    templates.render(DIFF_HTML, &context)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::words;

    #[test]
    fn word_changes_become_del_and_ins_runs() {
        let spans = words::diff("run by Belnet for Fedict", "run by the CCB for Fedict");
        assert_eq!(
            word_paragraphs(&spans),
            ["run by <del>Belnet</del> <ins>the CCB</ins> for Fedict"]
        );
    }

    #[test]
    fn paragraphs_and_list_lines_are_kept_and_markers_escaped() {
        let spans = words::diff(
            "Intro:\n\n- one\n- two",
            "Intro:\n\n- one\n- two\n- 3. *x* <b>",
        );
        assert_eq!(
            word_paragraphs(&spans),
            [
                "Intro:",
                "\\- one  \n\\- two  \n<ins>\\- 3\\. \\*x\\* \\<b\\></ins>"
            ]
        );
    }

    #[test]
    fn hostile_words_cannot_become_markup() {
        let spans = words::diff("", "<script>alert(1)</script> [x](javascript:y) &amp;");
        let markdown = word_paragraphs(&spans).join("\n\n");
        let html = html::markdown_to_html(&markdown);
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("href"), "{html}");
        assert!(
            html.contains("&amp;amp;"),
            "the entity shows as written: {html}"
        );
        assert!(html.contains("<ins>"), "{html}");
    }
}
