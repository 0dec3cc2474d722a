//! The legacy text as lines without page furniture, and the folding of those
//! lines back into paragraphs and bullets.
//!
//! `pdftotext` (with or without `-layout`) and PDF text extraction leave the
//! same kinds of debris: page banners and form feeds, page numbers,
//! separator rules, runs of spaces from justified text, words broken at a
//! line end (`sector-` / `specific`) or by a stray space (`f ramework`).
//! This module removes or repairs them and nothing else: it knows no
//! headings and no ITU wording.

use std::collections::HashSet;
use std::sync::OnceLock;

use regex::Regex;

/// One line of the legacy text, furniture removed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// 1-based line number in the input.
    pub no: u32,
    /// The text, tabs and odd spaces made plain spaces, control characters
    /// removed, right-trimmed.
    pub text: String,
    /// Whether a page ended just before this line.
    pub page_break: bool,
}

impl Line {
    /// Whether the line holds nothing but spaces.
    pub fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }
}

fn regex(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
    // The patterns are literals of this module, compiled by its tests.
    cell.get_or_init(|| Regex::new(pattern).unwrap_or_else(|e| panic!("bad pattern: {e}")))
}

/// Splits the text into lines and removes page furniture: page banners
/// (`--- Page 2 ---`), form feeds, page numbers (`2`, `Page 2 of 3`) and
/// rules of dashes. A removed banner, form feed or page number marks the
/// next line as starting a page.
pub fn lines(input: &str) -> Vec<Line> {
    static BANNER: OnceLock<Regex> = OnceLock::new();
    static PAGE_NUMBER: OnceLock<Regex> = OnceLock::new();
    static RULE: OnceLock<Regex> = OnceLock::new();
    let banner = regex(&BANNER, r"(?i)^-{3,}\s*page\s*\d+\s*-{3,}$");
    let page_number = regex(
        &PAGE_NUMBER,
        r"(?i)^(?:page\s*)?\d{1,3}(?:\s*(?:/|of)\s*\d{1,3})?$|^-\s*\d{1,3}\s*-$",
    );
    let rule = regex(&RULE, r"^[-_=–—]{10,}$");

    let mut out = Vec::new();
    let mut page_break = false;
    for (index, raw) in input.split('\n').enumerate() {
        let no = u32::try_from(index + 1).unwrap_or(u32::MAX);
        if raw.contains('\u{c}') {
            page_break = true;
        }
        // Control characters (NUL, escape …) and the two non-characters are
        // debris of a damaged extraction, and no YAML may hold them.
        let text: String = raw
            .chars()
            .filter(|c| {
                !matches!(
                    c,
                    '\u{c}' | '\r' | '\u{ad}' | '\u{200b}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}'
                ) && (c.is_whitespace() || !c.is_control())
            })
            .map(|c| if c.is_whitespace() { ' ' } else { c })
            .collect();
        let text = text.trim_end().to_owned();
        let trimmed = text.trim();
        if banner.is_match(trimmed) || page_number.is_match(trimmed) {
            page_break = true;
            continue;
        }
        if rule.is_match(trimmed) {
            continue;
        }
        if trimmed.is_empty() {
            out.push(Line {
                no,
                text: String::new(),
                page_break: false,
            });
            continue;
        }
        out.push(Line {
            no,
            text,
            page_break,
        });
        page_break = false;
    }
    out
}

/// Words known to be whole: the catalogue's wording and the document's own,
/// for deciding whether `f ramework` or `sector-` + `specific` was one word.
#[derive(Debug, Default, Clone)]
pub struct Vocabulary {
    words: HashSet<String>,
}

impl Vocabulary {
    /// Adds every word of `text`.
    pub fn add(&mut self, text: &str) {
        for word in text.split(|c: char| !c.is_alphanumeric()) {
            if word.chars().count() >= 2 {
                self.words.insert(word.to_lowercase());
            }
        }
    }

    /// Whether `word` (any case) is known.
    pub fn contains(&self, word: &str) -> bool {
        self.words.contains(&word.to_lowercase())
    }
}

/// A piece of an indicator's text: a paragraph, or one bullet of a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// Running text, folded onto one line.
    Paragraph(String),
    /// A `- …` item, without its marker, folded onto one line.
    Bullet(String),
}

/// The marker and text of a bullet line, or `None`.
fn bullet(line: &str) -> Option<&str> {
    let line = line.trim_start();
    let mut chars = line.chars();
    let marker = chars.next()?;
    let rest = chars.as_str();
    let spaced = rest.starts_with(' ');
    let is_marker = match marker {
        '-' | '*' | '–' | '—' | 'o' => spaced,
        '•' | '·' | '▪' | '◦' | '●' | '\u{f0b7}' | '\u{f0a7}' => true,
        _ => false,
    };
    // `o` is Word's second-level bullet; a sentence never starts "o ".
    let rest = rest.trim();
    (is_marker && !rest.is_empty()).then_some(rest)
}

fn ends_sentence(text: &str) -> bool {
    text.trim_end()
        .ends_with(['.', ':', '!', '?', ';', '"', '”'])
}

fn starts_lowercase(text: &str) -> bool {
    text.trim_start()
        .chars()
        .next()
        .is_some_and(char::is_lowercase)
}

/// Groups lines into paragraphs and bullets. A blank line ends a paragraph,
/// unless the paragraph stopped mid-sentence and the text goes on after a
/// page break or in lower case; a bullet goes on over the lines that follow
/// it until one ends a sentence or another bullet starts.
pub fn blocks(lines: &[Line], vocabulary: &Vocabulary) -> Vec<Block> {
    enum Open {
        Paragraph(Vec<String>),
        Bullet(Vec<String>),
    }
    let mut open: Vec<Open> = Vec::new();
    let mut gap = false;
    let mut page = false;
    for line in lines {
        page |= line.page_break;
        let text = line.text.trim();
        if text.is_empty() {
            gap = true;
            continue;
        }
        if let Some(item) = bullet(text) {
            open.push(Open::Bullet(vec![item.to_owned()]));
        } else {
            let joined = match open.last_mut() {
                Some(Open::Bullet(parts)) => {
                    let last = parts.last().map(String::as_str).unwrap_or_default();
                    let goes_on = if gap {
                        !ends_sentence(last) && starts_lowercase(text)
                    } else {
                        !ends_sentence(last) || starts_lowercase(text)
                    };
                    goes_on.then(|| parts.push(text.to_owned())).is_some()
                }
                Some(Open::Paragraph(parts)) => {
                    let last = parts.last().map(String::as_str).unwrap_or_default();
                    let goes_on = !(gap || page)
                        || (!ends_sentence(last) && (page || starts_lowercase(text)));
                    goes_on.then(|| parts.push(text.to_owned())).is_some()
                }
                None => false,
            };
            if !joined {
                open.push(Open::Paragraph(vec![text.to_owned()]));
            }
        }
        gap = false;
        page = false;
    }
    open.into_iter()
        .map(|block| match block {
            Open::Paragraph(parts) => Block::Paragraph(fold(&parts, vocabulary)),
            Open::Bullet(parts) => Block::Bullet(fold(&parts, vocabulary)),
        })
        .collect()
}

/// Joins lines into one: runs of spaces become one, a word hyphenated at a
/// line end is joined (without the hyphen where the whole word is known),
/// and words broken by a stray space are repaired.
pub fn fold(parts: &[impl AsRef<str>], vocabulary: &Vocabulary) -> String {
    let mut out = String::new();
    for part in parts {
        let part = collapse(part.as_ref());
        if part.is_empty() {
            continue;
        }
        if out.is_empty() {
            out = part;
            continue;
        }
        // "sector-" / "specific", "B-" / "CCENTRE": a word cut after its hyphen.
        let hyphenated = out.ends_with('-')
            && out[..out.len() - 1]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric)
            && part.chars().next().is_some_and(char::is_alphanumeric);
        if hyphenated {
            let head = out[..out.len() - 1]
                .rsplit(' ')
                .next()
                .unwrap_or_default()
                .to_owned();
            let tail: String = part.chars().take_while(|c| c.is_alphabetic()).collect();
            if starts_lowercase(&part)
                && vocabulary.contains(&format!("{head}{tail}"))
                && !vocabulary.contains(&format!("{head}-{tail}"))
            {
                out.pop();
            }
            out.push_str(&part);
        } else {
            out.push(' ');
            out.push_str(&part);
        }
    }
    repair_words(&out, vocabulary)
}

/// Runs of whitespace made one space, ends trimmed.
pub fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Joins a letter split off a word by extraction (`f ramework` →
/// `framework`) where the whole word is known and the letter is not a word
/// of its own.
fn repair_words(text: &str, vocabulary: &Vocabulary) -> String {
    let words: Vec<&str> = text.split(' ').collect();
    let mut out: Vec<String> = Vec::with_capacity(words.len());
    let mut i = 0;
    while i < words.len() {
        let word = words[i];
        if let Some(next) = words.get(i + 1) {
            let core: String = next.chars().take_while(|c| c.is_alphabetic()).collect();
            let lone_letter = |w: &str| {
                w.chars().count() == 1
                    && w.chars().all(char::is_alphabetic)
                    && !matches!(w, "a" | "A" | "I")
            };
            let only_punctuation_after =
                next[core.len()..].chars().all(|c| c.is_ascii_punctuation());
            let joinable = (lone_letter(word) && starts_lowercase(next) && !core.is_empty())
                || (lone_letter(&core)
                    && only_punctuation_after
                    && word.chars().all(char::is_alphabetic));
            if joinable && vocabulary.contains(&format!("{word}{core}")) {
                out.push(format!("{word}{next}"));
                i += 2;
                continue;
            }
        }
        out.push(word.to_owned());
        i += 1;
    }
    out.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocabulary(words: &str) -> Vocabulary {
        let mut v = Vocabulary::default();
        v.add(words);
        v
    }

    #[test]
    fn control_characters_are_removed() {
        let lines = lines("and\0 Fra\u{1b}nce\u{7f}\u{9c}\u{ffff}\u{b}.\u{85}x");
        assert_eq!(lines[0].text, "and France . x");
    }

    #[test]
    fn furniture_is_removed_and_marks_page_breaks() {
        let text = "----------------------- Page 1-----------------------\n\
                    Title\n   \n  12  \nNext page\n\u{c}Third page\nPage 3 of 4\n\
                    ------------------------------\nEnd";
        let lines = lines(text);
        let kept: Vec<(&str, bool, u32)> = lines
            .iter()
            .filter(|l| !l.is_blank())
            .map(|l| (l.text.as_str(), l.page_break, l.no))
            .collect();
        assert_eq!(
            kept,
            [
                ("Title", true, 2),
                ("Next page", true, 5),
                ("Third page", true, 6),
                ("End", true, 9)
            ]
        );
    }

    #[test]
    fn tabs_and_odd_spaces_become_spaces() {
        let lines = lines("a\tb\u{a0}c \r\n");
        assert_eq!(lines[0].text, "a b c");
    }

    #[test]
    fn paragraphs_fold_and_bullets_wrap() {
        let v = vocabulary("framework");
        let input = lines(
            "First   line of\n  text that goes on.\n\nSecond paragraph:\n\
             -  Item one\n-  Item two that\n   wraps here.\nAfter the list.",
        );
        assert_eq!(
            blocks(&input, &v),
            [
                Block::Paragraph("First line of text that goes on.".into()),
                Block::Paragraph("Second paragraph:".into()),
                Block::Bullet("Item one".into()),
                Block::Bullet("Item two that wraps here.".into()),
                Block::Paragraph("After the list.".into()),
            ]
        );
    }

    #[test]
    fn a_paragraph_cut_by_a_page_break_is_joined() {
        let v = Vocabulary::default();
        let input = lines("It goes on over the\n\n2\n\u{c}page to the end.\n\nNew one.");
        assert_eq!(
            blocks(&input, &v),
            [
                Block::Paragraph("It goes on over the page to the end.".into()),
                Block::Paragraph("New one.".into()),
            ]
        );
        let input = lines("One ends here.\n\n2\n\u{c}Another starts.");
        assert_eq!(blocks(&input, &v).len(), 2);
    }

    #[test]
    fn broken_words_are_repaired_only_when_known() {
        let v = vocabulary("framework sector specific organization");
        assert_eq!(
            fold(&["any f ramework for a test"], &v),
            "any framework for a test"
        );
        assert_eq!(fold(&["a framewor k."], &v), "a framework.");
        assert_eq!(fold(&["a b c."], &v), "a b c.");
        assert_eq!(fold(&["x y z"], &v), "x y z");
        assert_eq!(
            fold(&["national or sector-", "specific"], &v),
            "national or sector-specific"
        );
        assert_eq!(fold(&["an organi-", "zation"], &v), "an organization");
        assert_eq!(fold(&["an unknown-", "thing"], &v), "an unknown-thing");
        assert_eq!(
            fold(&["the B-", "CCENTRE network"], &v),
            "the B-CCENTRE network"
        );
        assert_eq!(fold(&["a dash -", "then more"], &v), "a dash - then more");
    }

    #[test]
    fn bullets_need_a_marker_and_a_space() {
        assert_eq!(bullet("-  Penal Code."), Some("Penal Code."));
        assert_eq!(bullet("• Law"), Some("Law"));
        assert_eq!(bullet("-based"), None);
        assert_eq!(bullet("open"), None);
        assert_eq!(bullet("- "), None);
    }
}
