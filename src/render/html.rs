//! Markdown to HTML: the document body of the HTML page.
//!
//! The Markdown document is the one source of wording; this module turns it
//! into HTML with pulldown-cmark and adds only structure a reader needs:
//! stable anchors on headings (`#1-2-1-cirt`), a class on each status line so
//! the page can show it as a badge, and anchors on the numbered references.
//! The result is sanitized with ammonia, so whatever a profile's free text
//! held, no script, event handler or `javascript:` address reaches the page.
//! Nor does anything the page would load from elsewhere: an image in free
//! text becomes a link to the image, so a page never makes a request of its
//! own (the documents and the site work offline and leak nothing).

use std::sync::OnceLock;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::slug;

/// The Markdown extensions the documents use.
pub fn markdown_options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH
}

/// The words that open a status line in the Markdown document.
pub const STATUS_PREFIX: &str = "Status: ";

/// The heading text of the references section.
pub const SOURCES_HEADING: &str = "Sources";

/// Converts the Markdown document into sanitized HTML for the page's `<main>`.
pub fn markdown_to_html(markdown: &str) -> String {
    let events: Vec<Event> = Parser::new_ext(markdown, markdown_options()).collect();
    let mut out: Vec<Event> = Vec::with_capacity(events.len());
    let mut in_sources = false;
    let mut source_item = 0;
    let mut i = 0;
    while i < events.len() {
        match &events[i] {
            Event::Start(Tag::Heading {
                level,
                classes,
                attrs,
                ..
            }) => {
                let end = events[i..]
                    .iter()
                    .position(|e| matches!(e, Event::End(TagEnd::Heading(_))))
                    .map_or(events.len(), |p| i + p);
                let text = plain_text(&events[i + 1..end]);
                in_sources = *level == HeadingLevel::H2 && text == SOURCES_HEADING;
                out.push(Event::Start(Tag::Heading {
                    level: *level,
                    id: Some(CowStr::from(slug(&text))),
                    classes: classes.clone(),
                    attrs: attrs.clone(),
                }));
            }
            Event::Start(Tag::Paragraph) if starts_status_line(&events[i + 1..]) => {
                let status = status_word(&events[i + 1..]);
                out.push(Event::Html(CowStr::from(format!(
                    "<p class=\"status status-{status}\">"
                ))));
            }
            Event::Start(Tag::List(Some(1))) if in_sources => {
                out.push(Event::Html(CowStr::from("<ol class=\"sources\">")));
            }
            Event::End(TagEnd::List(true)) if in_sources => {
                out.push(Event::Html(CowStr::from("</ol>\n")));
                in_sources = false;
            }
            // An image would be fetched when the page opens: offer it as a
            // link instead, named by its description or its address.
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                out.push(Event::Start(Tag::Link {
                    link_type: *link_type,
                    dest_url: dest_url.clone(),
                    title: title.clone(),
                    id: id.clone(),
                }));
                if matches!(events.get(i + 1), Some(Event::End(TagEnd::Image))) {
                    out.push(Event::Text(dest_url.clone()));
                }
            }
            Event::End(TagEnd::Image) => out.push(Event::End(TagEnd::Link)),
            Event::Start(Tag::Item) if in_sources => {
                source_item += 1;
                out.push(Event::Html(CowStr::from(format!(
                    "<li id=\"source-{source_item}\">"
                ))));
            }
            other => out.push(other.clone()),
        }
        i += 1;
    }
    let mut html = String::with_capacity(markdown.len() * 2);
    pulldown_cmark::html::push_html(&mut html, out.into_iter());
    sanitizer().clean(&html).to_string()
}

/// The words of a Markdown text without its markup (for search indexes).
pub fn markdown_to_text(markdown: &str) -> String {
    let events: Vec<Event> = Parser::new_ext(markdown, markdown_options()).collect();
    let mut text = String::with_capacity(markdown.len());
    for event in &events {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            Event::SoftBreak | Event::HardBreak | Event::End(_) => text.push(' '),
            _ => {}
        }
    }
    text
}

fn plain_text(events: &[Event]) -> String {
    let mut text = String::new();
    for event in events {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    text
}

fn starts_status_line(events: &[Event]) -> bool {
    matches!(events.first(), Some(Event::Text(t)) if t.as_ref() == STATUS_PREFIX)
        && matches!(events.get(1), Some(Event::Start(Tag::Strong)))
}

/// The status class of a status line (`Status: **no information** …`).
fn status_word(events: &[Event]) -> &'static str {
    match events.get(2) {
        Some(Event::Text(t)) => match t.as_ref() {
            "yes" => "yes",
            "partial" => "partial",
            "no" => "no",
            _ => "unknown",
        },
        _ => "unknown",
    }
}

/// ammonia, allowing the anchors and classes this module adds. Links keep
/// only web, mail and in-page addresses.
fn sanitizer() -> &'static ammonia::Builder<'static> {
    static SANITIZER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    SANITIZER.get_or_init(|| {
        let mut builder = ammonia::Builder::default();
        builder
            .add_generic_attributes(["id", "class"])
            .rm_tags(["img"])
            .url_schemes(["http", "https", "mailto"].into_iter().collect())
            .link_rel(Some("noopener noreferrer"));
        builder
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn images_become_links_and_nothing_is_fetched() {
        let html = markdown_to_html(
            "A ![map of the network](https://example.org/map.png) and ![](https://example.org/x.png).\n\n<img src=\"https://example.org/raw.png\">\n",
        );
        assert!(!html.contains("<img"), "{html}");
        assert!(
            html.contains(
                "<a href=\"https://example.org/map.png\" rel=\"noopener noreferrer\">map of the network</a>"
            ),
            "{html}"
        );
        assert!(html.contains(">https://example.org/x.png</a>"), "{html}");
    }

    #[test]
    fn text_loses_its_markup() {
        assert_eq!(
            markdown_to_text("A *law* and [CERT.be](https://cert.be/).\n\n- one\n- two")
                .split_whitespace()
                .collect::<Vec<_>>(),
            ["A", "law", "and", "CERT.be", ".", "one", "two"]
        );
    }

    #[test]
    fn headings_get_stable_anchors() {
        let html = markdown_to_html("#### 1.2.1 CIRT\n\nText.\n");
        assert!(
            html.contains("<h4 id=\"1-2-1-cirt\">1.2.1 CIRT</h4>"),
            "{html}"
        );
    }

    #[test]
    fn status_lines_get_a_class() {
        let html = markdown_to_html("Status: **no information** · Source: [1](#source-1)\n");
        assert!(
            html.starts_with(
                "<p class=\"status status-unknown\">Status: <strong>no information</strong>"
            ),
            "{html}"
        );
        assert!(html.contains("href=\"#source-1\""), "{html}");
    }

    #[test]
    fn references_get_anchors() {
        let html = markdown_to_html("## Sources\n\n1. First.\n2. Second.\n\nAfter.\n");
        assert!(html.contains("<ol class=\"sources\">"), "{html}");
        assert!(html.contains("<li id=\"source-2\">Second.</li>"), "{html}");
    }

    #[test]
    fn scripts_handlers_and_script_links_never_reach_the_page() {
        let html = markdown_to_html(
            "Hi <script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[x](javascript:alert(1)) <a href=\"javascript:alert(2)\" onclick=\"y()\">y</a>\n",
        );
        let lower = html.to_lowercase();
        assert!(!lower.contains("<script"), "{html}");
        assert!(
            !lower.contains("onerror") && !lower.contains("onclick"),
            "{html}"
        );
        assert!(!lower.contains("javascript:"), "{html}");
    }
}
