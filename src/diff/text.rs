//! The change report as text for a terminal: `profilec diff` without `-f`.
//!
//! It lays out a [`Report`] (and a GCI comparison's [`ScoreReport`], as
//! [`render_scores`]) and adds no wording of its own beyond labels.
//! Free text is wrapped at [`WIDTH`] columns; a word-level change is shown
//! in red and green when color is on, and otherwise in the markers of
//! `git diff --word-diff=plain`: `[-deleted-]` and `{+inserted+}`. The
//! width is fixed (not the terminal's), so the output is the same wherever
//! it is produced.

use std::fmt::Write as _;

use super::scores::{ScoreChange, ScoreReport};
use super::words::{Op, Token};
use super::{AreaDiff, Change, FigureDiff, IndicatorDiff, ListDiff, Report, SourceView, TextDiff};

/// The column free text is wrapped at.
pub const WIDTH: usize = 80;

const BOLD: &str = "\x1b[1m";
const DIM: &str = "\x1b[2m";
const RED: &str = "\x1b[31m";
const GREEN: &str = "\x1b[32m";
const YELLOW: &str = "\x1b[33m";
const RESET: &str = "\x1b[0m";

/// Paints text with ANSI styles, or leaves it plain.
#[derive(Debug, Clone, Copy)]
struct Paint {
    color: bool,
}

impl Paint {
    fn style(self, style: &str, text: &str) -> String {
        if self.color && !text.is_empty() {
            format!("{style}{text}{RESET}")
        } else {
            text.to_owned()
        }
    }

    fn removed(self, text: &str) -> String {
        self.style(RED, text)
    }

    fn added(self, text: &str) -> String {
        self.style(GREEN, text)
    }

    fn change<T: std::fmt::Display>(self, change: &Change<T>) -> String {
        if change.changed {
            format!(
                "{} → {}",
                self.removed(&change.old.to_string()),
                self.added(&change.new.to_string())
            )
        } else {
            change.new.to_string()
        }
    }
}

/// The full report: header, summary, what changed outside the indicators,
/// then every area and its (changed, or with `--all` every) indicator.
pub fn render(report: &Report, color: bool) -> String {
    let paint = Paint { color };
    let mut out = String::new();
    header(&mut out, report, paint);
    let _ = writeln!(out, "{}", report.summary.line);
    if report.identical {
        return out;
    }
    out.push('\n');
    profile_changes(&mut out, report, paint);
    for area in &report.areas {
        area_section(&mut out, area, paint);
    }
    // One line break at the end, however the last section ended.
    let end = out.trim_end_matches('\n').len();
    out.truncate(end);
    out.push('\n');
    out
}

/// The summary per area (`--stat`): one line per area and the total.
pub fn render_stat(report: &Report, color: bool) -> String {
    let paint = Paint { color };
    let mut out = String::new();
    header(&mut out, report, paint);
    let width = report
        .areas
        .iter()
        .map(|a| a.title.chars().count())
        .max()
        .unwrap_or(0);
    for area in &report.areas {
        let title = format!("{:width$}", area.title);
        let title = if area.counts.changed > 0 {
            paint.style(BOLD, &title)
        } else {
            title
        };
        let _ = writeln!(out, "  {title}  {}", area.line);
    }
    let _ = writeln!(out, "{}", report.summary.line);
    out
}

fn header(out: &mut String, report: &Report, paint: Paint) {
    let _ = writeln!(out, "{}", paint.style(BOLD, &report.title));
    for (mark, side, style) in [("---", &report.old, RED), ("+++", &report.new, GREEN)] {
        let line = format!(
            "{mark} {} ({}, last updated {})",
            side.file, side.label, side.last_updated
        );
        let _ = writeln!(out, "{}", paint.style(style, &line));
    }
    if !report.same_country {
        let (a, b) = (&report.old.country, &report.new.country);
        let _ = writeln!(
            out,
            "{}",
            paint.style(
                YELLOW,
                &format!(
                    "Two countries compared: {} ({}) and {} ({})",
                    a.name, a.alpha3, b.name, b.alpha3
                )
            )
        );
    }
    let _ = writeln!(out);
}

fn profile_changes(out: &mut String, report: &Report, paint: Paint) {
    let mut any = false;
    if report.country.changed {
        let c = &report.country;
        let _ = writeln!(
            out,
            "Country: {} → {}",
            paint.removed(&format!(
                "{} ({}, {})",
                c.old.name, c.old.alpha2, c.old.alpha3
            )),
            paint.added(&format!(
                "{} ({}, {})",
                c.new.name, c.new.alpha2, c.new.alpha3
            ))
        );
        any = true;
    }
    if report.edition.changed {
        let _ = writeln!(out, "Edition: {}", paint.change(&report.edition));
        any = true;
    }
    if report.last_updated.changed {
        let _ = writeln!(out, "Last updated: {}", paint.change(&report.last_updated));
        any = true;
    }
    if report.publisher.changed {
        let _ = writeln!(out, "Published by: {}", paint.change(&report.publisher));
        any = true;
    }
    if any {
        let _ = writeln!(out);
    }
    let background = &report.background;
    if background.changed {
        let _ = writeln!(out, "{}", paint.style(BOLD, "Background"));
        for figure in [&background.population, &background.internet_users] {
            figure_lines(out, figure, paint);
        }
        let _ = writeln!(out);
    }
    let sources = &report.sources;
    if sources.changed {
        let _ = writeln!(out, "{}", paint.style(BOLD, "Sources"));
        for source in &sources.removed {
            let _ = writeln!(
                out,
                "  {}",
                paint.removed(&format!("- {}", source_line(source)))
            );
        }
        for source in &sources.added {
            let _ = writeln!(
                out,
                "  {}",
                paint.added(&format!("+ {}", source_line(source)))
            );
        }
        for change in &sources.modified {
            let _ = writeln!(
                out,
                "  {} {}: {}",
                paint.style(YELLOW, "~"),
                change.new.id,
                paint.removed(&change.old.label)
            );
            let pad = " ".repeat(change.new.id.chars().count() + 2);
            let _ = writeln!(out, "    {pad}→ {}", paint.added(&change.new.label));
        }
        let _ = writeln!(out);
    }
}

fn figure_lines(out: &mut String, figure: &FigureDiff, paint: Paint) {
    if !figure.changed {
        let _ = writeln!(out, "  {}: {} (unchanged)", figure.label, figure.new_text);
        return;
    }
    if figure.old == figure.new {
        let _ = writeln!(out, "  {}: {}", figure.label, figure.new_text);
    } else {
        let _ = writeln!(
            out,
            "  {}: {} → {}, {}",
            figure.label,
            paint.removed(&figure.old_text),
            paint.added(&figure.new_text),
            figure.change_text
        );
    }
    if figure.source.changed {
        let _ = writeln!(out, "    data source: {}", paint.change(&figure.source));
    }
    if figure.as_of.changed {
        let _ = writeln!(out, "    as of: {}", paint.change(&figure.as_of));
    }
}

fn source_line(source: &SourceView) -> String {
    match &source.url {
        Some(url) => format!("{}: {} <{url}>", source.id, source.label),
        None => format!("{}: {}", source.id, source.label),
    }
}

/// An area: its title and summary on one line, then its indicators. An area
/// with nothing to show stays one line, so the untouched areas read as a
/// short list between the changed ones.
fn area_section(out: &mut String, area: &AreaDiff, paint: Paint) {
    let detailed = !area.indicators.is_empty();
    if detailed && !out.ends_with("\n\n") {
        out.push('\n');
    }
    let _ = writeln!(out, "{}  ({})", paint.style(BOLD, &area.title), area.line);
    let mut after_change = false;
    for indicator in &area.indicators {
        if indicator.changed || after_change {
            out.push('\n');
        }
        after_change = indicator.changed;
        indicator_section(out, indicator, paint);
    }
    if detailed {
        out.push('\n');
    }
}

fn indicator_section(out: &mut String, indicator: &IndicatorDiff, paint: Paint) {
    if !indicator.changed {
        let _ = writeln!(
            out,
            "  {}  {}",
            indicator.title,
            paint.style(
                DIM,
                &format!("unchanged (status: {})", indicator.status.new)
            )
        );
        return;
    }
    let _ = writeln!(out, "  {}", paint.style(BOLD, &indicator.title));
    if indicator.status.changed {
        let _ = writeln!(out, "    status: {}", paint.change(&indicator.status));
    } else {
        let _ = writeln!(
            out,
            "    status: {}",
            paint.style(DIM, &format!("{} (unchanged)", indicator.status.new))
        );
    }
    list_lines(out, "instruments", &indicator.instruments, paint);
    list_lines(out, "agencies", &indicator.agencies, paint);
    text_lines(out, &indicator.text, paint);
    if indicator.sources.changed {
        let _ = writeln!(out, "    sources:");
        for source in &indicator.sources.removed {
            let _ = writeln!(
                out,
                "      {}",
                paint.removed(&format!("- {}", source_line(source)))
            );
        }
        for source in &indicator.sources.added {
            let _ = writeln!(
                out,
                "      {}",
                paint.added(&format!("+ {}", source_line(source)))
            );
        }
    }
}

fn list_lines(out: &mut String, name: &str, list: &ListDiff, paint: Paint) {
    if !list.changed {
        return;
    }
    let _ = writeln!(out, "    {name}:");
    for item in &list.removed {
        let _ = writeln!(out, "      {}", paint.removed(&format!("- {item}")));
    }
    for item in &list.added {
        let _ = writeln!(out, "      {}", paint.added(&format!("+ {item}")));
    }
}

fn text_lines(out: &mut String, text: &TextDiff, paint: Paint) {
    if !text.changed {
        return;
    }
    let label = match (&text.old, &text.new) {
        (None, Some(_)) => "text (new; replaces the standard sentence):",
        (Some(_), None) => "text (removed; the standard sentence is used):",
        _ => "text:",
    };
    let _ = writeln!(out, "    {label}");
    let atoms: Vec<(Op, &Token)> = text
        .words
        .iter()
        .flat_map(|span| span.tokens.iter().map(move |t| (span.op, t)))
        .collect();
    wrap(out, &atoms, 6, paint);
}

/// Lays out tokens as wrapped lines indented by `indent`, marking deleted and
/// inserted runs. A run that spans lines is marked on each line, so every
/// line reads on its own (and color never bleeds into the indentation).
fn wrap(out: &mut String, atoms: &[(Op, &Token)], indent: usize, paint: Paint) {
    let pad = " ".repeat(indent);
    let room = WIDTH.saturating_sub(indent);
    let mut line: Vec<(Op, &str)> = Vec::new();
    for (op, token) in atoms {
        match token {
            Token::Word(word) => {
                line.push((*op, word));
                if line.len() > 1 && line_width(&line, paint) > room {
                    let last = line.pop();
                    emit(out, &pad, &line, paint);
                    line.clear();
                    line.extend(last);
                }
            }
            Token::LineBreak | Token::ParagraphBreak => {
                emit(out, &pad, &line, paint);
                line.clear();
                if matches!(token, Token::ParagraphBreak) {
                    // A paragraph break deleted or inserted is shown as a
                    // marked pilcrow on a line of its own.
                    match op {
                        Op::Equal => out.push('\n'),
                        op => {
                            let _ = writeln!(out, "{pad}{}", mark("¶", *op, paint));
                        }
                    }
                }
            }
        }
    }
    emit(out, &pad, &line, paint);
}

/// The words of a line grouped into runs of one kind.
fn runs<'a>(line: &[(Op, &'a str)]) -> Vec<(Op, Vec<&'a str>)> {
    let mut runs: Vec<(Op, Vec<&str>)> = Vec::new();
    for (op, word) in line {
        match runs.last_mut() {
            Some((last, words)) if last == op => words.push(word),
            _ => runs.push((*op, vec![word])),
        }
    }
    runs
}

fn line_width(line: &[(Op, &str)], paint: Paint) -> usize {
    let words: usize = line.iter().map(|(_, w)| w.chars().count()).sum();
    let markers: usize = runs(line)
        .iter()
        .map(|(op, _)| marker_width(*op, paint))
        .sum();
    words + line.len().saturating_sub(1) + markers
}

fn emit(out: &mut String, pad: &str, line: &[(Op, &str)], paint: Paint) {
    if line.is_empty() {
        return;
    }
    let shown: Vec<String> = runs(line)
        .into_iter()
        .map(|(op, words)| mark(&words.join(" "), op, paint))
        .collect();
    let _ = writeln!(out, "{pad}{}", shown.join(" "));
}

fn mark(text: &str, op: Op, paint: Paint) -> String {
    match (op, paint.color) {
        (Op::Equal, _) => text.to_owned(),
        (Op::Delete, true) => paint.removed(text),
        (Op::Insert, true) => paint.added(text),
        (Op::Delete, false) => format!("[-{text}-]"),
        (Op::Insert, false) => format!("{{+{text}+}}"),
    }
}

fn marker_width(op: Op, paint: Paint) -> usize {
    if op == Op::Equal || paint.color { 0 } else { 4 }
}

/// The report as text for a terminal: a table of pillars, then the rest.
pub fn render_scores(report: &ScoreReport, color: bool) -> String {
    let paint = Paint { color };
    let change = |c: &ScoreChange| {
        if !c.changed {
            c.change_text.clone()
        } else if c.change.is_some_and(|v| v < 0.0) {
            paint.removed(&c.change_text)
        } else {
            paint.added(&c.change_text)
        }
    };
    let mut out = String::new();
    out.push_str(&paint.style(BOLD, &report.title));
    out.push('\n');
    out.push_str(&format!(
        "--- {} ({}, {}, last updated {})\n+++ {} ({}, {}, last updated {})\n\n{}\n\n",
        report.old.file,
        report.old.country.name,
        report.old.edition_name,
        report.old.last_updated,
        report.new.file,
        report.new.country.name,
        report.new.edition_name,
        report.new.last_updated,
        report.summary
    ));
    if !report.pillars.is_empty() {
        let width = report
            .pillars
            .iter()
            .map(|p| p.title.chars().count())
            .max()
            .unwrap_or(0)
            .max("Overall".len());
        out.push_str(&format!(
            "{:width$}  {:>8}  {:>8}  {:>8}\n",
            "Pillar", report.old.edition_name, report.new.edition_name, "Change"
        ));
        for p in &report.pillars {
            out.push_str(&format!(
                "{:width$}  {:>8}  {:>8}  {:>8}\n",
                p.title,
                p.score.old_text,
                p.score.new_text,
                change(&p.score)
            ));
        }
        out.push_str(&format!(
            "{:width$}  {:>8}  {:>8}  {:>8}\n\n",
            "Overall",
            report.overall.old_text,
            report.overall.new_text,
            change(&report.overall)
        ));
    }
    let optional = |v: &Option<String>| v.clone().unwrap_or_else(|| "\u{2014}".to_owned());
    let line = |label: &str, old: String, new: String, changed: bool| {
        if changed {
            format!(
                "{label}: {} \u{2192} {}\n",
                paint.removed(&old),
                paint.added(&new)
            )
        } else {
            format!("{label}: {new} (unchanged)\n")
        }
    };
    if report.rank.old.is_some() || report.rank.new.is_some() {
        let rank = |r: Option<u32>| r.map_or_else(|| "\u{2014}".to_owned(), |r| r.to_string());
        out.push_str(&line(
            "Rank",
            rank(report.rank.old),
            rank(report.rank.new),
            report.rank.changed,
        ));
    }
    if report.tier.old.is_some() || report.tier.new.is_some() {
        out.push_str(&line(
            "Tier",
            optional(&report.tier.old),
            optional(&report.tier.new),
            report.tier.changed,
        ));
    }
    out.push_str(&line(
        "Region",
        optional(&report.region.old),
        optional(&report.region.new),
        report.region.changed,
    ));
    if report
        .region_averages
        .iter()
        .any(|p| p.score.old.is_some() || p.score.new.is_some())
    {
        out.push_str("\nRegion average per pillar:\n");
        for p in &report.region_averages {
            out.push_str(&format!(
                "  {}: {} \u{2192} {} ({})\n",
                p.title, p.score.old_text, p.score.new_text, p.score.change_text
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::words;

    fn wrapped(old: &str, new: &str, color: bool) -> String {
        let spans = words::diff(old, new);
        let atoms: Vec<(Op, &Token)> = spans
            .iter()
            .flat_map(|s| s.tokens.iter().map(move |t| (s.op, t)))
            .collect();
        let mut out = String::new();
        wrap(&mut out, &atoms, 2, Paint { color });
        out
    }

    #[test]
    fn changes_are_marked_like_git_word_diff() {
        assert_eq!(
            wrapped(
                "run by Belnet for Fedict",
                "run by the CCB for Fedict",
                false
            ),
            "  run by [-Belnet-] {+the CCB+} for Fedict\n"
        );
    }

    #[test]
    fn color_replaces_the_markers() {
        let out = wrapped("a b", "a c", true);
        assert_eq!(out, "  a \x1b[31mb\x1b[0m \x1b[32mc\x1b[0m\n");
    }

    #[test]
    fn long_text_wraps_within_the_width_and_marks_each_line() {
        let old = "word ".repeat(40);
        let out = wrapped(&old, "", false);
        let lines: Vec<&str> = out.lines().collect();
        assert!(lines.len() > 1, "{out}");
        for line in &lines {
            assert!(line.chars().count() <= WIDTH, "{line:?} is too long");
            assert!(
                line.trim_start().starts_with("[-") && line.ends_with("-]"),
                "{line:?}"
            );
        }
    }

    #[test]
    fn paragraphs_and_list_items_keep_their_lines() {
        let out = wrapped(
            "Intro:\n\n- one\n- two",
            "Intro:\n\n- one\n- two\n- three",
            false,
        );
        assert_eq!(out, "  Intro:\n\n  - one\n  - two\n  {+- three+}\n");
    }

    #[test]
    fn a_word_longer_than_the_line_is_not_lost() {
        let long = "x".repeat(120);
        let out = wrapped("", &format!("a {long} b"), false);
        assert!(out.contains(&long));
        assert!(out.contains(" b+}") || out.contains("{+b+}"), "{out}");
    }
}
