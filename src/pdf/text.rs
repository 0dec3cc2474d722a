//! Breaking inline text into lines by the real widths of its glyphs.
//!
//! A paragraph arrives as pieces of text, each with a look (face, size,
//! color, link). Every character becomes an atom carrying its glyph and its
//! advance; lines are filled greedily and broken at the last opportunity
//! before the edge: after a space, after a dash inside a word, after a
//! slash, at a zero-width space or soft hyphen (never after a plain hyphen,
//! which text extraction would take for a hyphenated line end and drop). A word too long for a
//! line by itself (a long address, an invented word) is broken between
//! characters, so nothing ever runs past the margin. A space between two
//! digits (`10 788 000`) does not break.
//!
//! Characters the font lacks are drawn as the font's `.notdef` box and
//! collected in `missing`, so the caller can warn about them: nothing is
//! dropped silently. Pure.

use std::collections::BTreeSet;

use super::fonts::{Face, Fonts};
use super::style::Rgb;

/// How a piece of text looks.
#[derive(Debug, Clone, PartialEq)]
pub struct Look {
    /// The face.
    pub face: Face,
    /// Font size in points.
    pub size: f32,
    /// Text color.
    pub color: Rgb,
    /// A line under the text.
    pub underline: bool,
    /// A line through the text.
    pub strike: bool,
    /// An index into the caller's list of link targets.
    pub link: Option<usize>,
}

/// One glyph placed on a line.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Glyph {
    /// The glyph id in the full font.
    pub id: u16,
    /// The character it shows (for the text layer of the PDF).
    pub text: char,
    /// The distance to the next glyph, in points (spaces of justified
    /// lines are wider than the font says).
    pub advance: f32,
}

/// Consecutive glyphs of one look on a line.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    /// Offset from the line's start, in points.
    pub x: f32,
    /// Index into the paragraph's looks.
    pub look: usize,
    /// The glyphs.
    pub glyphs: Vec<Glyph>,
}

impl Run {
    /// The run's width.
    pub fn width(&self) -> f32 {
        self.glyphs.iter().map(|g| g.advance).sum()
    }
}

/// One line of a paragraph.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// Its runs, left to right.
    pub runs: Vec<Run>,
    /// Its width (without trailing spaces).
    pub width: f32,
    /// The largest font size on the line.
    pub size: f32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Normal,
    /// A space: the line may break after it; dropped at a line's end.
    Space,
    /// A space that does not break (between digits, or U+00A0).
    Glue,
    /// `\n`: the line ends here.
    Forced,
    /// Not drawn; the line may break after it (zero-width space).
    Hidden,
    /// A soft hyphen: not drawn unless the line breaks after it.
    SoftHyphen,
    /// A format character with no appearance (joiners, direction marks).
    Invisible,
}

#[derive(Debug, Clone, Copy)]
struct Atom {
    c: char,
    id: u16,
    advance: f32,
    look: usize,
    kind: Kind,
}

/// Breaks `pieces` (text with an index into `looks`) into lines at most
/// `width` wide. Characters no face can show are added to `missing`.
pub fn break_lines(
    pieces: &[(String, usize)],
    looks: &[Look],
    width: f32,
    justify: bool,
    fonts: &Fonts,
    missing: &mut BTreeSet<char>,
) -> Vec<Line> {
    let atoms = atoms(pieces, looks, fonts, missing);
    let mut lines = Vec::new();
    let mut start = skip_spaces(&atoms, 0);
    while start < atoms.len() {
        let (end, next, forced) = fit(&atoms, start, width);
        let last = next >= atoms.len();
        let stretch = justify && !forced && !last;
        lines.push(make_line(&atoms[start..end], looks, width, stretch, fonts));
        start = if forced {
            next
        } else {
            skip_spaces(&atoms, next)
        };
    }
    lines
}

fn skip_spaces(atoms: &[Atom], mut i: usize) -> usize {
    while atoms
        .get(i)
        .is_some_and(|a| matches!(a.kind, Kind::Space | Kind::Hidden))
    {
        i += 1;
    }
    i
}

/// Whether the line may break between `atoms[i - 1]` and `atoms[i]`.
fn may_break_before(atoms: &[Atom], i: usize) -> bool {
    let Some(before) = i.checked_sub(1).and_then(|b| atoms.get(b)) else {
        return false;
    };
    let Some(at) = atoms.get(i) else {
        return false;
    };
    if at.kind == Kind::Space {
        return false;
    }
    match before.kind {
        Kind::Space | Kind::Hidden | Kind::SoftHyphen => true,
        Kind::Normal => {
            let earlier = i.checked_sub(2).and_then(|b| atoms.get(b));
            let word_before = earlier.is_some_and(|a| a.c.is_alphanumeric());
            match before.c {
                // Not after a plain hyphen: text extraction (copy, search)
                // takes a hyphen at a line's end for a word cut in two and
                // drops it, so `sector-specific` would read `sectorspecific`.
                '\u{2010}' | '\u{2013}' | '\u{2014}' => word_before && at.c.is_alphanumeric(),
                '/' => word_before && at.c != '/',
                _ => false,
            }
        }
        _ => false,
    }
}

/// Finds the end of the line starting at `start`: returns (end of the
/// visible line, where the next line starts, whether the break was forced).
fn fit(atoms: &[Atom], start: usize, width: f32) -> (usize, usize, bool) {
    let mut x = 0.0;
    let mut last_break: Option<usize> = None;
    let mut i = start;
    while i < atoms.len() {
        let atom = atoms[i];
        if atom.kind == Kind::Forced {
            return (trim_end(atoms, start, i), i + 1, true);
        }
        if i > start && may_break_before(atoms, i) {
            last_break = Some(i);
        }
        // A soft hyphen would print as a hyphen if the line broke after it.
        let visible = match atom.kind {
            Kind::Space => 0.0,
            _ => atom.advance,
        };
        if x + visible > width + 0.001 && i > start {
            return match last_break {
                Some(b) => (trim_end(atoms, start, b), b, false),
                // Nothing to break at: cut the word between characters.
                None => (i, i, false),
            };
        }
        x += atom.advance;
        i += 1;
    }
    (trim_end(atoms, start, atoms.len()), atoms.len(), false)
}

fn trim_end(atoms: &[Atom], start: usize, mut end: usize) -> usize {
    while end > start && matches!(atoms[end - 1].kind, Kind::Space | Kind::Hidden) {
        end -= 1;
    }
    end
}

fn make_line(atoms: &[Atom], looks: &[Look], width: f32, stretch: bool, fonts: &Fonts) -> Line {
    let natural: f32 = atoms
        .iter()
        .map(|a| {
            if a.kind == Kind::SoftHyphen {
                0.0
            } else {
                a.advance
            }
        })
        .sum();
    let breaking_spaces = atoms.iter().filter(|a| a.kind == Kind::Space).count();
    let mut extra = 0.0;
    if stretch && breaking_spaces > 0 && natural < width {
        let per_space = (width - natural) / breaking_spaces as f32;
        let space_width = atoms
            .iter()
            .find(|a| a.kind == Kind::Space)
            .map_or(0.0, |a| a.advance);
        // Past this, a justified line shows rivers of white; leave it ragged.
        if per_space <= space_width * 2.5 + 0.5 {
            extra = per_space;
        }
    }
    let last = atoms.len().saturating_sub(1);
    let mut runs: Vec<Run> = Vec::new();
    let mut x = 0.0;
    let mut size: f32 = 0.0;
    for (i, atom) in atoms.iter().enumerate() {
        size = size.max(looks.get(atom.look).map_or(0.0, |l| l.size));
        let glyph = match atom.kind {
            Kind::Hidden | Kind::Invisible | Kind::Forced => None,
            // A soft hyphen shows only where the line breaks.
            Kind::SoftHyphen if i != last => None,
            Kind::SoftHyphen => {
                let look = looks.get(atom.look);
                let face = look.map_or(Face::Regular, |l| l.face);
                let metrics = fonts.face(face);
                metrics.glyph('-').map(|id| Glyph {
                    id,
                    text: '-',
                    advance: f32::from(metrics.advance(id)) / 1000.0 * look.map_or(0.0, |l| l.size),
                })
            }
            Kind::Space => Some(Glyph {
                id: atom.id,
                text: ' ',
                advance: atom.advance + extra,
            }),
            // A no-break space shares the space's glyph; its text layer says
            // space too, so one glyph never stands for two characters.
            Kind::Glue => Some(Glyph {
                id: atom.id,
                text: ' ',
                advance: atom.advance,
            }),
            Kind::Normal => Some(Glyph {
                id: atom.id,
                text: atom.c,
                advance: atom.advance,
            }),
        };
        let Some(glyph) = glyph else { continue };
        match runs.last_mut() {
            Some(run) if run.look == atom.look => run.glyphs.push(glyph),
            _ => runs.push(Run {
                x,
                look: atom.look,
                glyphs: vec![glyph],
            }),
        }
        x += glyph.advance;
    }
    Line {
        runs,
        width: x,
        size,
    }
}

fn atoms(
    pieces: &[(String, usize)],
    looks: &[Look],
    fonts: &Fonts,
    missing: &mut BTreeSet<char>,
) -> Vec<Atom> {
    let mut atoms: Vec<Atom> = Vec::with_capacity(pieces.iter().map(|(t, _)| t.len()).sum());
    for (text, look_index) in pieces {
        let Some(look) = looks.get(*look_index) else {
            continue;
        };
        let face = fonts.face(look.face);
        let scale = look.size / 1000.0;
        for c in text.chars() {
            let c = if c == '\t' { ' ' } else { c };
            let kind = match c {
                ' ' => Kind::Space,
                '\u{a0}' | '\u{202f}' | '\u{2007}' => Kind::Glue,
                '\n' => Kind::Forced,
                '\u{200b}' => Kind::Hidden,
                '\u{ad}' => Kind::SoftHyphen,
                '\u{200c}'
                | '\u{200d}'
                | '\u{200e}'
                | '\u{200f}'
                | '\u{2060}'
                | '\u{feff}'
                | '\u{202a}'..='\u{202e}'
                | '\u{2066}'..='\u{2069}'
                | '\u{fe00}'..='\u{fe0f}'
                | '\u{e0100}'..='\u{e01ef}' => Kind::Invisible,
                _ => Kind::Normal,
            };
            let (id, advance) = match kind {
                Kind::Forced | Kind::Hidden | Kind::Invisible | Kind::SoftHyphen => (0, 0.0),
                _ => {
                    let shown = if kind == Kind::Glue { ' ' } else { c };
                    // The three faces cover the same characters, so there is
                    // no other face to fall back on: .notdef it is.
                    match face.glyph(shown) {
                        Some(g) => (g, f32::from(face.advance(g)) * scale),
                        None => {
                            missing.insert(c);
                            (0, f32::from(face.advance(0)) * scale)
                        }
                    }
                }
            };
            atoms.push(Atom {
                c,
                id,
                advance,
                look: *look_index,
                kind,
            });
        }
    }
    // A space between two digits groups a number: keep it together.
    for i in 1..atoms.len().saturating_sub(1) {
        if atoms[i].kind == Kind::Space
            && atoms[i - 1].c.is_ascii_digit()
            && atoms[i + 1].c.is_ascii_digit()
        {
            atoms[i].kind = Kind::Glue;
        }
    }
    atoms
}

#[cfg(test)]
mod tests {
    use super::*;

    fn look(size: f32) -> Look {
        Look {
            face: Face::Regular,
            size,
            color: Rgb([0.0; 3]),
            underline: false,
            strike: false,
            link: None,
        }
    }

    fn text_of(line: &Line) -> String {
        line.runs
            .iter()
            .flat_map(|r| r.glyphs.iter().map(|g| g.text))
            .collect()
    }

    fn layout(text: &str, width: f32, justify: bool) -> (Vec<Line>, BTreeSet<char>) {
        let fonts = Fonts::embedded().unwrap();
        let mut missing = BTreeSet::new();
        let lines = break_lines(
            &[(text.to_owned(), 0)],
            &[look(10.0)],
            width,
            justify,
            fonts,
            &mut missing,
        );
        (lines, missing)
    }

    #[test]
    fn lines_fill_up_to_the_width_and_break_at_spaces() {
        let (lines, missing) = layout(
            "The quick brown fox jumps over the lazy dog again and again and again.",
            120.0,
            false,
        );
        assert!(missing.is_empty());
        assert!(lines.len() > 2);
        for line in &lines {
            assert!(line.width <= 120.0 + 0.01, "{}", line.width);
            let text = text_of(line);
            assert!(!text.starts_with(' ') && !text.ends_with(' '), "{text:?}");
        }
        let joined: Vec<String> = lines.iter().map(text_of).collect();
        assert_eq!(
            joined.join(" "),
            "The quick brown fox jumps over the lazy dog again and again and again."
        );
    }

    #[test]
    fn a_word_longer_than_the_line_is_cut_between_characters() {
        let word = "https://example.org/".to_owned() + &"x".repeat(200);
        let (lines, _) = layout(&word, 100.0, true);
        assert!(lines.len() > 3);
        for line in &lines {
            assert!(line.width <= 100.0 + 0.01, "{}", line.width);
        }
        let joined: String = lines.iter().map(text_of).collect();
        assert_eq!(joined, word);
    }

    #[test]
    fn justified_lines_reach_the_edge_and_the_last_does_not() {
        let (lines, _) = layout(
            "Belgium has an officially recognized national CIRT known as CERT.be formerly Belnet CERT and it is operated by Belnet, the Belgian national research network, on behalf of Fedict.",
            250.0,
            true,
        );
        let (last, rest) = lines.split_last().unwrap();
        assert!(rest.len() >= 2);
        for line in rest {
            assert!((line.width - 250.0).abs() < 0.01, "{}", line.width);
        }
        assert!(last.width < 250.0);
    }

    #[test]
    fn a_line_that_would_gape_when_justified_stays_ragged() {
        // Two short words before a long one: stretching the one space
        // between them would open a hole.
        let text = format!("See more {}", "x".repeat(40));
        let (lines, _) = layout(&text, 200.0, true);
        assert_eq!(text_of(&lines[0]), "See more");
        assert!(lines[0].width < 60.0, "{}", lines[0].width);
    }

    #[test]
    fn hard_breaks_hyphens_and_grouped_numbers() {
        let (lines, _) = layout("one\ntwo", 500.0, true);
        assert_eq!(
            lines.iter().map(text_of).collect::<Vec<_>>(),
            ["one", "two"]
        );
        let (lines, _) = layout("aaaa sector-specific", 75.0, false);
        assert_eq!(text_of(&lines[0]), "aaaa");
        let (lines, _) = layout("aaaa 2020–2025", 60.0, false);
        assert_eq!(text_of(&lines[0]), "aaaa 2020–");
        assert_eq!(text_of(&lines[1]), "2025");
        let (lines, _) = layout("Population: 10 788 000", 95.0, false);
        assert_eq!(text_of(&lines[1]), "10 788 000");
    }

    #[test]
    fn missing_characters_are_collected_and_drawn_as_notdef() {
        let (lines, missing) = layout("Tokyo 東京 😀", 500.0, false);
        assert_eq!(missing.into_iter().collect::<String>(), "京東😀");
        let notdefs = lines[0]
            .runs
            .iter()
            .flat_map(|r| &r.glyphs)
            .filter(|g| g.id == 0)
            .count();
        assert_eq!(notdefs, 3);
    }

    #[test]
    fn empty_and_blank_text_make_no_lines() {
        assert!(layout("", 100.0, true).0.is_empty());
        assert!(layout("   ", 100.0, true).0.is_empty());
    }
}
