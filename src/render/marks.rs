//! Marks: the structure of a document, carried through its Markdown.
//!
//! | owns | must not |
//! | --- | --- |
//! | the marks templates write (`{{ mark(status=…) }}`) and the one way to read them back | depend on any word a template prints |
//!
//! The Markdown document is written by an overridable template, and the HTML
//! and PDF stages are made from it. They need to know what a template's
//! words are for (this paragraph is an indicator's status line, this heading
//! is indicator 1.2.1, this list is the list of sources) without looking for
//! the words themselves, which a publisher may reword or translate. So the
//! template says it: before such a block it writes a mark, an HTML comment
//! that every Markdown reader hides (`<!-- profilec:status yes -->`), made by
//! the Tera function [`tera_mark`], and the stages read it with [`read`].
//! Free text from a profile cannot forge a mark: its raw HTML is escaped
//! before it reaches the document (`markdown::sanitize_markdown`).

use std::collections::HashMap;

use serde_json::Value;

use crate::model::Status;

/// What the block after a mark is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mark {
    /// The next heading has this anchor (an indicator, area or part).
    Heading(String),
    /// The next paragraph is the status line of an answer with this status.
    Status(Status),
    /// The next heading opens the list of sources (anchor `sources`), and
    /// the numbered list after it is that list (items `source-1`, …).
    Sources,
    /// The next heading and the two paragraphs after it are the background
    /// block (anchor `background`).
    Background,
    /// A figure goes here (`radar`, `tiers`): a chart the HTML and PDF
    /// stages draw from the document's view. Markdown shows nothing for it;
    /// the template writes the chart's numbers as text beside it.
    Figure(String),
    /// The next paragraph says how to cite the document.
    Citation,
}

const PREFIX: &str = "<!-- profilec:";
const SUFFIX: &str = " -->";

/// The anchor of the list of sources, whatever its heading says.
pub const SOURCES_ANCHOR: &str = "sources";
/// The anchor of the background block, whatever its heading says.
pub const BACKGROUND_ANCHOR: &str = "background";

impl Mark {
    /// The mark as the Markdown document carries it.
    pub fn write(&self) -> String {
        let body = match self {
            Mark::Heading(anchor) => format!("heading {anchor}"),
            Mark::Status(status) => format!("status {status}"),
            Mark::Sources => "sources".to_owned(),
            Mark::Background => "background".to_owned(),
            Mark::Figure(name) => format!("figure {name}"),
            Mark::Citation => "citation".to_owned(),
        };
        format!("{PREFIX}{body}{SUFFIX}")
    }
}

/// The mark an HTML block or comment carries, if it is one of ours.
pub fn read(html: &str) -> Option<Mark> {
    let body = html.trim().strip_prefix(PREFIX)?.strip_suffix(SUFFIX)?;
    let (kind, value) = body.split_once(' ').unwrap_or((body, ""));
    match (kind, value) {
        ("heading", anchor) if is_anchor(anchor) => Some(Mark::Heading(anchor.to_owned())),
        ("status", word) => Status::ALL
            .into_iter()
            .find(|s| s.as_str() == word)
            .map(Mark::Status),
        ("sources", "") => Some(Mark::Sources),
        ("background", "") => Some(Mark::Background),
        ("figure", name) if is_anchor(name) => Some(Mark::Figure(name.to_owned())),
        ("citation", "") => Some(Mark::Citation),
        _ => None,
    }
}

/// Anchors are slugs: letters, digits and `-`, so a mark is one line that
/// nothing can break out of.
fn is_anchor(text: &str) -> bool {
    !text.is_empty() && text.chars().all(|c| c.is_alphanumeric() || c == '-')
}

/// The Tera function `mark`, with one argument naming the mark:
/// `mark(heading=indicator.anchor)`, `mark(status=indicator.status)`,
/// `mark(sources=true)`, `mark(background=true)`, `mark(figure="radar")`,
/// `mark(citation=true)`.
pub fn tera_mark(args: &HashMap<String, Value>) -> tera::Result<Value> {
    let mut found = args.iter();
    let (Some((kind, value)), None) = (found.next(), found.next()) else {
        return Err(tera::Error::msg(
            "mark() takes one argument: heading, status, sources, background, figure or citation",
        ));
    };
    let text = value.as_str();
    let mark = match (kind.as_str(), text) {
        ("heading", Some(anchor)) if is_anchor(anchor) => Mark::Heading(anchor.to_owned()),
        ("status", Some(word)) => match Status::ALL.into_iter().find(|s| s.as_str() == word) {
            Some(status) => Mark::Status(status),
            None => {
                return Err(tera::Error::msg(format!(
                    "mark(status=…) takes yes, partial, no or unknown, not `{word}`"
                )));
            }
        },
        ("sources", _) => Mark::Sources,
        ("background", _) => Mark::Background,
        ("figure", Some(name)) if is_anchor(name) => Mark::Figure(name.to_owned()),
        ("citation", _) => Mark::Citation,
        (kind, _) => {
            return Err(tera::Error::msg(format!(
                "mark({kind}=…): unknown mark or value; use heading=<anchor>, status=<status>, sources=true, background=true, figure=<name> or citation=true"
            )));
        }
    };
    Ok(Value::String(mark.write()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_read_back_what_they_write() {
        for mark in [
            Mark::Heading("1-2-1-cirt".into()),
            Mark::Status(Status::Unknown),
            Mark::Status(Status::Partial),
            Mark::Sources,
            Mark::Background,
            Mark::Figure("radar".into()),
            Mark::Citation,
        ] {
            assert_eq!(read(&mark.write()), Some(mark.clone()), "{mark:?}");
            assert_eq!(read(&format!("{}\n", mark.write())), Some(mark));
        }
    }

    #[test]
    fn other_comments_and_malformed_marks_are_not_marks() {
        for text in [
            "<!-- a comment -->",
            "<!-- profilec:status maybe -->",
            "<!-- profilec:heading a b -->",
            "<!-- profilec:heading -->",
            "<!-- profilec:heading a\"><script> -->",
            "<!-- profilec:sources extra -->",
            "<!-- profilec:figure -->",
            "<!-- profilec:figure a b -->",
            "<p>profilec:status yes</p>",
        ] {
            assert_eq!(read(text), None, "{text}");
        }
    }

    #[test]
    fn the_tera_function_checks_its_argument() {
        let args = |k: &str, v: Value| HashMap::from([(k.to_owned(), v)]);
        assert_eq!(
            tera_mark(&args("status", "yes".into())).unwrap(),
            Value::String("<!-- profilec:status yes -->".into())
        );
        assert!(tera_mark(&args("status", "oui".into())).is_err());
        assert!(tera_mark(&args("heading", "not an anchor".into())).is_err());
        assert!(tera_mark(&args("colour", "red".into())).is_err());
        assert_eq!(
            tera_mark(&args("figure", "radar".into())).unwrap(),
            Value::String("<!-- profilec:figure radar -->".into())
        );
        assert!(tera_mark(&args("figure", "<svg>".into())).is_err());
        assert!(tera_mark(&HashMap::new()).is_err());
    }
}
