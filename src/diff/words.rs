//! Word-level differences between two free texts, through `similar`.
//!
//! Free text is Markdown written in YAML, so the same words can be wrapped
//! differently from one edition to the next. A text is therefore compared as
//! a sequence of [`Token`]s: words, paragraph breaks (a blank line), and line
//! breaks where Markdown keeps them (before a list item). Any other
//! whitespace is a plain separator, so reflowing a paragraph is no change.

use serde::Serialize;
use similar::{Algorithm, DiffOp, capture_diff_slices};

/// The largest `old × new` token product diffed word by word (two texts of
/// 2,000 words; real answers have a few hundred). Past it the diff could
/// cost quadratic time, so the whole text is shown as replaced instead.
pub const MAX_WORD_PRODUCT: usize = 4_000_000;

/// One unit of a text, as compared.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Token {
    /// A run of non-whitespace characters.
    Word(String),
    /// A line break Markdown keeps (the next line is a list item).
    LineBreak,
    /// A blank line between paragraphs.
    ParagraphBreak,
}

impl Token {
    /// The token as it is written back into text.
    pub fn as_str(&self) -> &str {
        match self {
            Token::Word(word) => word,
            Token::LineBreak => "\n",
            Token::ParagraphBreak => "\n\n",
        }
    }
}

/// What happened to a run of tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Op {
    /// In both texts.
    Equal,
    /// Only in the old text.
    Delete,
    /// Only in the new text.
    Insert,
}

/// A run of tokens with the same fate, in reading order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Span {
    /// Kept, deleted or inserted.
    pub op: Op,
    /// The tokens as text: words joined by one space, `\n` for a line
    /// break, `\n\n` for a paragraph break.
    pub text: String,
    /// The tokens themselves, for printers that lay the text out.
    #[serde(skip)]
    pub tokens: Vec<Token>,
}

/// Splits a text into tokens. Leading and trailing breaks are dropped.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut pending_newlines = 0usize;
    for piece in text.split_inclusive('\n') {
        let line = piece.trim_end_matches(['\n', '\r']);
        let ended = line.len() < piece.len();
        if line.trim().is_empty() {
            if ended {
                pending_newlines += 1;
            }
            continue;
        }
        let mut words = line.split_whitespace();
        if let Some(first) = words.next() {
            if !tokens.is_empty() {
                if pending_newlines >= 2 {
                    tokens.push(Token::ParagraphBreak);
                } else if pending_newlines == 1 && starts_list_item(line) {
                    tokens.push(Token::LineBreak);
                }
            }
            tokens.push(Token::Word(first.to_owned()));
            tokens.extend(words.map(|w| Token::Word(w.to_owned())));
        }
        pending_newlines = usize::from(ended);
    }
    tokens
}

/// Whether a line opens a Markdown list item (`- `, `* `, `+ `, `1. `, `1) `).
fn starts_list_item(line: &str) -> bool {
    let line = line.trim_start();
    if let Some(rest) = line.strip_prefix(['-', '*', '+']) {
        return rest.starts_with([' ', '\t']);
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    digits > 0 && digits <= 9 && {
        let rest = &line[digits..];
        rest.strip_prefix(['.', ')'])
            .is_some_and(|r| r.starts_with([' ', '\t']))
    }
}

/// Whether two texts say the same words in the same paragraphs.
pub fn same_text(old: &str, new: &str) -> bool {
    old == new
        || old.split_whitespace().eq(new.split_whitespace()) && tokenize(old) == tokenize(new)
}

/// The word-level difference between two texts, as runs in reading order:
/// within a change, what was deleted comes before what was inserted.
pub fn diff(old: &str, new: &str) -> Vec<Span> {
    let old = tokenize(old);
    let new = tokenize(new);
    let mut spans: Vec<Span> = Vec::new();
    let mut push = |op: Op, tokens: &[Token]| {
        if tokens.is_empty() {
            return;
        }
        match spans.last_mut() {
            Some(last) if last.op == op => last.tokens.extend_from_slice(tokens),
            _ => spans.push(Span {
                op,
                text: String::new(),
                tokens: tokens.to_vec(),
            }),
        }
    };
    if old.len().saturating_mul(new.len()) > MAX_WORD_PRODUCT {
        push(Op::Delete, &old);
        push(Op::Insert, &new);
    } else {
        for op in capture_diff_slices(Algorithm::Myers, &old, &new) {
            match op {
                DiffOp::Equal { old_index, len, .. } => {
                    push(Op::Equal, &old[old_index..old_index + len]);
                }
                DiffOp::Delete {
                    old_index, old_len, ..
                } => push(Op::Delete, &old[old_index..old_index + old_len]),
                DiffOp::Insert {
                    new_index, new_len, ..
                } => push(Op::Insert, &new[new_index..new_index + new_len]),
                DiffOp::Replace {
                    old_index,
                    old_len,
                    new_index,
                    new_len,
                } => {
                    push(Op::Delete, &old[old_index..old_index + old_len]);
                    push(Op::Insert, &new[new_index..new_index + new_len]);
                }
            }
        }
    }
    let mut spans = absorb_small_equalities(spans);
    for span in &mut spans {
        span.text = join(&span.tokens);
    }
    spans
}

/// Makes a rewritten passage read as one change. Myers finds every common
/// word, so a rewritten sentence comes out as a patchwork of deletions and
/// insertions held together by "the", "and" or "of". As in the semantic
/// cleanup of diff-match-patch, a run of common words between two changes is
/// folded into them when it is no longer than the change on either side;
/// common runs at the start and end of the text are always kept.
fn absorb_small_equalities(spans: Vec<Span>) -> Vec<Span> {
    let size = |span: &Span| -> usize {
        span.tokens
            .iter()
            .map(|t| t.as_str().chars().count() + 1)
            .sum()
    };
    // Each pass is linear; it repeats while it folds something, since a
    // folded run makes the changes around it larger.
    let mut spans = regroup(spans);
    loop {
        let sizes: Vec<usize> = spans.iter().map(size).collect();
        let change_before = |i: usize| -> usize {
            (i.saturating_sub(2)..i)
                .filter(|&j| spans[j].op != Op::Equal)
                .map(|j| sizes[j])
                .max()
                .unwrap_or(0)
        };
        let change_after = |i: usize| -> usize {
            (i + 1..(i + 3).min(spans.len()))
                .take_while(|&j| spans[j].op != Op::Equal)
                .map(|j| sizes[j])
                .max()
                .unwrap_or(0)
        };
        let fold: Vec<bool> = (0..spans.len())
            .map(|i| {
                i > 0
                    && i + 1 < spans.len()
                    && spans[i].op == Op::Equal
                    && sizes[i] <= change_before(i)
                    && sizes[i] <= change_after(i)
            })
            .collect();
        if !fold.contains(&true) {
            return spans;
        }
        let mut next = Vec::with_capacity(spans.len() + 1);
        for (span, fold) in spans.into_iter().zip(fold) {
            if fold {
                next.push(Span {
                    op: Op::Delete,
                    text: String::new(),
                    tokens: span.tokens.clone(),
                });
                next.push(Span {
                    op: Op::Insert,
                    ..span
                });
            } else {
                next.push(span);
            }
        }
        spans = regroup(next);
    }
}

/// Merges each stretch of changes into one deletion followed by one insertion.
fn regroup(spans: Vec<Span>) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    let mut deleted: Vec<Token> = Vec::new();
    let mut inserted: Vec<Token> = Vec::new();
    let flush = |out: &mut Vec<Span>, deleted: &mut Vec<Token>, inserted: &mut Vec<Token>| {
        for (op, tokens) in [(Op::Delete, deleted), (Op::Insert, inserted)] {
            if !tokens.is_empty() {
                out.push(Span {
                    op,
                    text: String::new(),
                    tokens: std::mem::take(tokens),
                });
            }
        }
    };
    for span in spans {
        match span.op {
            Op::Delete => deleted.extend(span.tokens),
            Op::Insert => inserted.extend(span.tokens),
            Op::Equal => {
                flush(&mut out, &mut deleted, &mut inserted);
                match out.last_mut() {
                    Some(last) if last.op == Op::Equal => last.tokens.extend(span.tokens),
                    _ => out.push(span),
                }
            }
        }
    }
    flush(&mut out, &mut deleted, &mut inserted);
    out
}

/// Writes tokens back as text: words joined by spaces, breaks as newlines.
pub fn join(tokens: &[Token]) -> String {
    let mut text = String::new();
    let mut after_word = false;
    for token in tokens {
        match token {
            Token::Word(word) => {
                if after_word {
                    text.push(' ');
                }
                text.push_str(word);
                after_word = true;
            }
            other => {
                text.push_str(other.as_str());
                after_word = false;
            }
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        tokenize(text)
            .iter()
            .map(|t| t.as_str().to_owned())
            .collect()
    }

    #[test]
    fn reflowed_text_is_the_same_text() {
        assert!(same_text(
            "Belgium has a national\nCIRT known as  CERT.be.",
            "Belgium has a national CIRT\n  known as CERT.be.\n"
        ));
        assert!(!same_text("a b", "a c"));
    }

    #[test]
    fn paragraphs_and_list_items_are_kept() {
        assert_eq!(
            words("Intro:\n\n- one\n- two\ncontinued\n\n\nEnd."),
            [
                "Intro:",
                "\n\n",
                "-",
                "one",
                "\n",
                "-",
                "two",
                "continued",
                "\n\n",
                "End."
            ]
        );
        assert_eq!(words("\n\n  lead\n"), ["lead"]);
        assert_eq!(
            words("a\n1. b\n2) c\n12a d"),
            ["a", "\n", "1.", "b", "\n", "2)", "c", "12a", "d"]
        );
        assert!(tokenize("  \n \n").is_empty());
    }

    #[test]
    fn a_changed_word_is_deleted_then_inserted() {
        let spans = diff(
            "operated by Belnet on behalf of Fedict.",
            "operated by the CCB on behalf of Fedict.",
        );
        let shown: Vec<(Op, &str)> = spans.iter().map(|s| (s.op, s.text.as_str())).collect();
        assert_eq!(
            shown,
            [
                (Op::Equal, "operated by"),
                (Op::Delete, "Belnet"),
                (Op::Insert, "the CCB"),
                (Op::Equal, "on behalf of Fedict."),
            ]
        );
    }

    #[test]
    fn added_and_removed_texts_are_one_span() {
        assert_eq!(diff("", "new words")[0].op, Op::Insert);
        assert_eq!(diff("", "new words").len(), 1);
        assert_eq!(diff("old words", "")[0].text, "old words");
        assert!(diff("", "").is_empty());
    }

    #[test]
    fn breaks_survive_in_span_text() {
        let spans = diff("One.\n\nTwo.", "One.\n\nTwo and three.");
        assert_eq!(spans[0].text, "One.\n\n");
        assert_eq!(
            spans[1],
            Span {
                op: Op::Delete,
                text: "Two.".into(),
                tokens: vec![Token::Word("Two.".into())]
            }
        );
    }

    #[test]
    fn a_rewritten_sentence_is_one_change_not_a_patchwork() {
        let spans = diff(
            "The CERT.be, Fedict and the Centre Cyber Security Belgique monitor the strategy.",
            "The CCB, whose CERT is CERT.be, developed the plan with the NCCN and the police.",
        );
        let ops: Vec<Op> = spans.iter().map(|s| s.op).collect();
        assert_eq!(ops, [Op::Equal, Op::Delete, Op::Insert]);
        assert_eq!(spans[0].text, "The");
        assert!(spans[1].text.starts_with("CERT.be, Fedict"));
        assert!(spans[2].text.ends_with("the police."));
    }

    #[test]
    fn a_long_common_run_between_changes_is_kept() {
        let spans = diff(
            "One two three four five six seven eight nine.",
            "Uno two three four five six seven eight nueve.",
        );
        let ops: Vec<Op> = spans.iter().map(|s| s.op).collect();
        assert_eq!(
            ops,
            [Op::Delete, Op::Insert, Op::Equal, Op::Delete, Op::Insert]
        );
        assert_eq!(spans[2].text, "two three four five six seven eight");
    }

    #[test]
    fn many_small_common_runs_are_folded_quickly() {
        // Within the word-diff limit, the worst case for Myers: every other
        // word differs. A hang guard, not a benchmark.
        let old: String = (0..1_000).map(|_| "a xx ").collect();
        let new: String = (0..1_000).map(|_| "a yy ").collect();
        const { assert!(2_000 * 2_000 <= MAX_WORD_PRODUCT) };
        let started = std::time::Instant::now();
        let spans = diff(&old, &new);
        assert!(started.elapsed() < std::time::Duration::from_secs(20));
        let kept: usize = spans.iter().filter(|s| s.op == Op::Equal).count();
        assert!(
            kept <= 1,
            "a rewrite of every other word reads as one change"
        );
    }

    #[test]
    fn huge_texts_are_replaced_whole_rather_than_diffed_slowly() {
        let old = "a ".repeat(3_000);
        let new = "b ".repeat(3_000);
        const { assert!(3_000 * 3_000 > MAX_WORD_PRODUCT) };
        let started = std::time::Instant::now();
        let spans = diff(&old, &new);
        assert_eq!(spans.len(), 2);
        assert_eq!((spans[0].op, spans[1].op), (Op::Delete, Op::Insert));
        assert!(started.elapsed() < std::time::Duration::from_secs(5));
    }
}
