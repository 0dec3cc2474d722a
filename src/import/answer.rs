//! One indicator's answer from its text: a standard sentence of the
//! catalogue read back into a status and names (certain), or free text kept
//! as Markdown with a status inferred from its phrasing (a guess, noted).

use super::sentence::{self, Names};
use super::status;
use super::text::Block;
use crate::model::{Indicator, Status};
use crate::render::markdown::escape_inline;
use crate::schema::{IndicatorSpec, NamedList};

/// An indicator's answer as read from the text.
pub(super) struct Answer {
    pub(super) indicator: Indicator,
    /// What the importer was not sure of.
    pub(super) notes: Vec<String>,
    /// Whether the text is a standard sentence, so the status is certain.
    pub(super) standard: bool,
}

/// The answer of one indicator from its blocks of text.
pub(super) fn answer(
    spec: &IndicatorSpec,
    blocks: &[Block],
    country: &str,
    source: &str,
) -> Answer {
    let mut indicator = Indicator {
        sources: vec![source.to_owned()],
        ..Indicator::of(Status::Unknown)
    };
    if blocks.is_empty() {
        return Answer {
            indicator,
            notes: vec!["its section has a heading but no text: recorded as unknown".to_owned()],
            standard: false,
        };
    }
    let bullets: Vec<String> = blocks
        .iter()
        .filter_map(|b| match b {
            Block::Bullet(item) => Some(item.clone()),
            Block::Paragraph(_) => None,
        })
        .collect();
    // The template ends the last bullet with the sentence's period.
    let mut instruments = bullets.clone();
    if let Some(last) = instruments.last_mut()
        && let Some(stripped) = last.strip_suffix('.')
    {
        *last = stripped.trim_end().to_owned();
    }
    let lists_bullets = spec.list == Some(NamedList::Instruments);

    if let [Block::Paragraph(first), rest @ ..] = blocks
        && rest.iter().all(|b| matches!(b, Block::Bullet(_)))
        && (rest.is_empty() || lists_bullets)
    {
        let given = Names {
            instruments: if lists_bullets {
                instruments.clone()
            } else {
                Vec::new()
            },
            agencies: Vec::new(),
        };
        for status in Status::ALL {
            if !rest.is_empty() && status != Status::Yes {
                continue;
            }
            let Some(pieces) = spec.sentences.get(&status).and_then(|t| sentence::parse(t)) else {
                continue;
            };
            if let Some(names) = sentence::matches(&pieces, first, country, &given) {
                // A `yes` sentence whose list was lost (a text cut short
                // after "… the following instruments:") is not the standard
                // answer: it is kept as text below.
                let lost = status == Status::Yes
                    && spec.needs.iter().any(|list| match list {
                        NamedList::Instruments => names.instruments.is_empty(),
                        NamedList::Agencies => names.agencies.is_empty(),
                    });
                if lost {
                    continue;
                }
                let notes = names
                    .agencies
                    .iter()
                    .chain(names.instruments.iter().filter(|_| !lists_bullets))
                    .filter(|name| name.contains(" and "))
                    .map(|name| {
                        format!("\"{name}\" is read as one name; if it names several, split it into a list")
                    })
                    .collect();
                indicator.status = status;
                indicator.instruments = names.instruments;
                indicator.agencies = names.agencies;
                return Answer {
                    indicator,
                    notes,
                    standard: true,
                };
            }
        }
    }

    // Free text: kept as written (as Markdown, bullets as a list, since the
    // document prints no standard list after free text), status inferred.
    let mut parts: Vec<String> = Vec::new();
    for block in blocks {
        match block {
            Block::Paragraph(text) => parts.push(escape_inline(text)),
            Block::Bullet(item) => {
                let item = format!("- {}", escape_inline(item));
                match parts.last_mut() {
                    Some(last) if last.starts_with("- ") => {
                        last.push('\n');
                        last.push_str(&item);
                    }
                    _ => parts.push(item),
                }
            }
        }
    }
    let all_words: Vec<&str> = blocks
        .iter()
        .map(|b| match b {
            Block::Paragraph(t) | Block::Bullet(t) => t.as_str(),
        })
        .collect();
    let inferred = status::infer(&all_words.join(" "));
    indicator.status = inferred.status;
    indicator.instruments = instruments;
    indicator.text = Some(parts.join("\n\n"));
    let note = if parts.iter().all(|p| p.starts_with("- ")) {
        "status `yes` guessed: the section is a list without a sentence".to_owned()
    } else {
        format!("status `{}` {}", inferred.status, inferred.reason)
    };
    if parts.iter().all(|p| p.starts_with("- ")) {
        indicator.status = Status::Yes;
    }
    Answer {
        indicator,
        notes: vec![note],
        standard: false,
    }
}
