//! The structure of a legacy profile: its headings, found by the
//! catalogue's numbers and titles, and the lines of text under each.
//!
//! Headings are compared on letters and digits only, in upper case, so that
//! the spacing of extraction, dots and line breaks inside a heading do not
//! matter ("1 . 1 . 2", "1.1.1" / "CRIMINAL LEGISLATION"). Text goes to the
//! section whose heading precedes it, whatever the order of the sections; a
//! running title repeated on each page is furniture.

use std::collections::BTreeMap;

use super::text::Line;
use crate::schema::Catalogue;

/// What a heading line of the legacy text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Mark {
    /// `CYBERWELLNESS PROFILE`, the country after it.
    Title,
    /// `BACKGROUND`.
    Background,
    /// `1. CYBERSECURITY`, `1.1 LEGAL MEASURES`: headings without text.
    Heading,
    /// An indicator, by its index in the catalogue's document order.
    Indicator(usize),
    /// The disclaimer: the end of the content.
    Disclaimer,
    /// `Last updated on …`.
    LastUpdated,
}

/// A heading found in the text.
#[derive(Debug, Clone)]
pub(super) struct Found {
    pub(super) mark: Mark,
    /// Index of its first line.
    pub(super) first: usize,
    /// Index of the line after it.
    pub(super) next: usize,
    /// Text after the heading on its last line.
    pub(super) rest: Option<Line>,
}

/// The headings of a catalogue, as keys to compare lines with: letters and
/// digits only, upper case, so that spacing, dots and line breaks inside a
/// heading do not matter.
pub(super) struct Headings {
    keys: Vec<(Vec<char>, Mark)>,
}

/// A line's characters kept for comparison with their byte offsets.
pub(super) fn compact(text: &str) -> Vec<(char, usize)> {
    text.char_indices()
        .filter(|(_, c)| !c.is_whitespace() && *c != '.')
        .map(|(i, c)| (c.to_uppercase().next().unwrap_or(c), i))
        .collect()
}

pub(super) fn key(text: &str) -> Vec<char> {
    compact(text).into_iter().map(|(c, _)| c).collect()
}

impl Headings {
    /// The headings of `catalogue`.
    pub(super) fn new(catalogue: &Catalogue) -> Self {
        let mut keys = vec![
            (key(&catalogue.title), Mark::Title),
            (key(&catalogue.background.heading), Mark::Background),
            (key(&catalogue.last_updated), Mark::LastUpdated),
        ];
        for line in &catalogue.disclaimer {
            // The words before the first colon or address: "DISCLAIMER",
            // "More information is available on ITU website at".
            let head = line.split([':']).next().unwrap_or(line);
            let head = head.split("http").next().unwrap_or(head);
            if !head.trim().is_empty() {
                keys.push((key(head), Mark::Disclaimer));
            }
        }
        for part in &catalogue.parts {
            keys.push((
                key(&format!("{}{}", part.number, part.heading)),
                Mark::Heading,
            ));
            for area in &part.areas {
                if let (Some(number), Some(heading)) = (&area.number, &area.heading) {
                    keys.push((key(&format!("{number}{heading}")), Mark::Heading));
                }
            }
        }
        for (i, located) in catalogue.indicators().enumerate() {
            let spec = located.indicator;
            keys.push((
                key(&format!("{}{}", spec.number, spec.heading)),
                Mark::Indicator(i),
            ));
        }
        Headings { keys }
    }

    /// Every heading in `lines`, in order.
    pub(super) fn scan(&self, lines: &[Line]) -> Vec<Found> {
        let mut found = Vec::new();
        let mut i = 0;
        while i < lines.len() {
            match self.at(lines, i) {
                Some(heading) => {
                    i = heading.next;
                    found.push(heading);
                }
                None => i += 1,
            }
        }
        found
    }

    /// The heading starting at line `first`, which may go on over a few
    /// lines ("1.1.1" / "CRIMINAL LEGISLATION") and be followed by text on
    /// its last line.
    fn at(&self, lines: &[Line], first: usize) -> Option<Found> {
        if lines.get(first)?.is_blank() {
            return None;
        }
        let mut acc: Vec<char> = Vec::new();
        let mut j = first;
        let mut used = 0;
        let mut blanks = 0;
        loop {
            let line = lines.get(j)?;
            if line.is_blank() {
                blanks += 1;
                if blanks > 2 {
                    return None;
                }
                j += 1;
                continue;
            }
            blanks = 0;
            used += 1;
            let chars = compact(&line.text);
            let before = acc.len();
            acc.extend(chars.iter().map(|(c, _)| *c));
            let best = self
                .keys
                .iter()
                .filter(|(key, _)| key.len() > before && acc.starts_with(key))
                .filter_map(|(key, mark)| {
                    let taken = key.len() - before;
                    let end = chars
                        .get(taken - 1)
                        .map_or(line.text.len(), |&(_, offset)| {
                            offset + line.text[offset..].chars().next().map_or(0, char::len_utf8)
                        });
                    let rest = &line.text[end..];
                    // A heading ends at a word's end: "CIRT", not "CIRTs".
                    let boundary = rest.chars().next().is_none_or(|c| !c.is_alphanumeric());
                    boundary.then_some((key.len(), *mark, rest))
                })
                .max_by_key(|(len, _, _)| *len);
            if let Some((_, mark, rest)) = best {
                let rest = rest.trim_start_matches(|c: char| {
                    c.is_whitespace() || matches!(c, ':' | '-' | '–')
                });
                return Some(Found {
                    mark,
                    first,
                    next: j + 1,
                    rest: rest.chars().any(char::is_alphanumeric).then(|| Line {
                        no: line.no,
                        text: rest.to_owned(),
                        page_break: false,
                    }),
                });
            }
            let may_go_on = self
                .keys
                .iter()
                .any(|(key, _)| key.len() > acc.len() && key.starts_with(&acc));
            if !may_go_on || used >= 4 {
                return None;
            }
            j += 1;
        }
    }
}

/// The sections of the legacy text, by what they hold.
#[derive(Debug, Default)]
pub(super) struct Sections {
    /// The line of the first title, and its text after the title.
    pub(super) title: Option<(Line, Option<Line>)>,
    /// Lines under the title: the country, and the background block.
    pub(super) front: Vec<Line>,
    /// The `BACKGROUND` heading.
    pub(super) background: Option<Line>,
    /// Each indicator's heading line and lines, by catalogue index.
    pub(super) indicators: BTreeMap<usize, (Line, Vec<Line>)>,
    /// The last-updated line and the text after its label.
    pub(super) last_updated: Option<(Line, String)>,
    /// Text before the title.
    pub(super) preamble: Vec<Line>,
    /// Text that belongs to no indicator, with why.
    pub(super) skipped: Vec<Skipped>,
    /// Whether the end of the document (the disclaimer or the last-updated
    /// line) was found: without it, the text may have lost its last pages.
    pub(super) ended: bool,
}

/// Lines in a row left out for one reason.
#[derive(Debug)]
pub(super) struct Skipped {
    /// The first of them.
    pub(super) first: Line,
    pub(super) why: &'static str,
    pub(super) count: usize,
    /// Whether lines that follow still join this group.
    pub(super) open: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Target {
    Preamble,
    Front,
    Indicator(usize),
    Skipped(&'static str),
    End,
}

pub(super) fn split(lines: &[Line], found: &[Found]) -> Sections {
    let mut sections = Sections::default();
    let mut target = Target::Preamble;
    let mut cursor = 0;
    let mut country_line: Option<Vec<char>> = None;
    let mut drop_country = false;
    let mut page_break = false;
    let push = |sections: &mut Sections, target: Target, line: Line| match target {
        Target::Preamble => sections.preamble.push(line),
        Target::Front => sections.front.push(line),
        Target::Indicator(i) => {
            if let Some((_, body)) = sections.indicators.get_mut(&i) {
                body.push(line);
            }
        }
        Target::Skipped(why) => {
            if line.is_blank() {
                return;
            }
            match sections.skipped.last_mut() {
                Some(group) if group.open && group.why == why => group.count += 1,
                _ => sections.skipped.push(Skipped {
                    first: line,
                    why,
                    count: 1,
                    open: true,
                }),
            }
        }
        Target::End => {}
    };
    for heading in found.iter().map(Some).chain(std::iter::once(None)) {
        let until = heading.map_or(lines.len(), |h| h.first);
        for line in &lines[cursor..until] {
            let mut line = line.clone();
            if drop_country && !line.is_blank() {
                drop_country = false;
                if country_line.as_deref() == Some(&key(&line.text)) {
                    continue;
                }
            }
            line.page_break |= std::mem::take(&mut page_break);
            push(&mut sections, target, line);
        }
        let Some(heading) = heading else { break };
        if let Some(group) = sections.skipped.last_mut() {
            group.open = false;
        }
        cursor = heading.next;
        let heading_line = lines[heading.first].clone();
        match heading.mark {
            Mark::Title if sections.title.is_some() => {
                // A running title repeated at the top of a page: furniture.
                // The country under it goes too, and the section goes on.
                drop_country = heading.rest.is_none();
                page_break = true;
                continue;
            }
            Mark::Title => {
                country_line = heading.rest.as_ref().map(|r| key(&r.text)).or_else(|| {
                    lines[heading.next..]
                        .iter()
                        .find(|l| !l.is_blank())
                        .map(|l| key(&l.text))
                });
                sections.title = Some((heading_line, heading.rest.clone()));
                target = Target::Front;
                continue;
            }
            Mark::Background => {
                sections.background.get_or_insert(heading_line);
                target = Target::Front;
            }
            Mark::Heading => {
                target = Target::Skipped(
                    "it stands under a part or area heading, not under an indicator",
                );
            }
            Mark::Indicator(i) => {
                if let std::collections::btree_map::Entry::Vacant(entry) =
                    sections.indicators.entry(i)
                {
                    entry.insert((heading_line, Vec::new()));
                    target = Target::Indicator(i);
                } else {
                    const WHY: &str =
                        "a second section of an indicator already read (the first is kept)";
                    sections.skipped.push(Skipped {
                        first: heading_line,
                        why: WHY,
                        count: 1,
                        open: true,
                    });
                    target = Target::Skipped(WHY);
                }
            }
            Mark::Disclaimer => {
                sections.ended = true;
                target = Target::End;
            }
            Mark::LastUpdated => {
                sections.ended = true;
                if sections.last_updated.is_none() {
                    // The date may be on the next line when the label ends one.
                    let date_text = heading.rest.as_ref().map(|r| r.text.clone()).or_else(|| {
                        lines[heading.next..]
                            .iter()
                            .find(|l| !l.is_blank())
                            .map(|l| l.text.clone())
                    });
                    sections.last_updated = Some((heading_line, date_text.unwrap_or_default()));
                }
                target = Target::End;
                continue;
            }
        }
        if let Some(rest) = heading.rest.clone() {
            push(&mut sections, target, rest);
        }
    }
    sections
}
