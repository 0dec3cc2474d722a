//! Markdown to HTML: the document body of the HTML page.
//!
//! The Markdown document is the one source of wording; this module turns it
//! into HTML with pulldown-cmark and adds only structure a reader needs,
//! which the template declared with marks ([`super::marks`]), never by its
//! words: anchors on the headings it marked (`#1-2-1-cirt`, from the
//! catalogue), a class on each status line so the page can show it as a
//! badge, and anchors on the numbered references. Unmarked headings (in a
//! profile's free text, or added by a publisher's template) get an anchor
//! made from their words.
//!
//! The result is sanitized with ammonia, so whatever a profile's free text
//! held, no script, event handler or `javascript:` address reaches the page.
//! Nor does anything the page would load from elsewhere: an image in free
//! text becomes a link to the image, so a page never makes a request of its
//! own (the documents and the site work offline and leak nothing).

use std::sync::OnceLock;

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd};

use super::marks::{self, BACKGROUND_ANCHOR, Mark, SOURCES_ANCHOR};
use crate::wording::slug;

/// The Markdown extensions the documents use.
pub fn markdown_options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH
}

/// Converts the Markdown document into sanitized HTML for the page's `<main>`.
pub fn markdown_to_html(markdown: &str) -> String {
    markdown_to_html_with(markdown, &|_| None, &|_| None)
}

/// The same, with HTML of the caller's after the status line of some
/// indicators: `note` is given each marked heading's anchor (`1-2-1-cirt`)
/// and returns what to add after the status line under it, if anything.
/// The site marks old statements this way; what it adds is sanitized with
/// the rest.
pub fn markdown_to_html_with_notes(
    markdown: &str,
    note: &dyn Fn(&str) -> Option<String>,
) -> String {
    markdown_to_html_with(markdown, &|_| None, note)
}

/// Converts the Markdown document into sanitized HTML, putting in place of
/// each figure mark (`<!-- profilec:figure radar -->`, outside any list or
/// quote) what `figure` gives for its name: HTML profilec made (a chart's
/// SVG), which the sanitizer would strip, so it is added after the text
/// around it is sanitized. A mark cannot be forged by a profile's free text
/// (see [`super::marks`]), and a name `figure` does not know draws nothing.
pub fn markdown_to_html_with_figures(
    markdown: &str,
    figure: &dyn Fn(&str) -> Option<String>,
) -> String {
    markdown_to_html_with(markdown, figure, &|_| None)
}

/// The Markdown document as sanitized HTML, with the figures of
/// [`markdown_to_html_with_figures`] and the notes of
/// [`markdown_to_html_with_notes`].
pub fn markdown_to_html_with(
    markdown: &str,
    figure: &dyn Fn(&str) -> Option<String>,
    note: &dyn Fn(&str) -> Option<String>,
) -> String {
    let events: Vec<Event> = Parser::new_ext(markdown, markdown_options()).collect();
    let mut out: Vec<Event> = Vec::with_capacity(events.len());
    let mut html = String::with_capacity(markdown.len() * 2);
    // How many blocks are open: figures go between top-level blocks only.
    let mut depth = 0usize;
    // The anchor of the last marked heading, and the note to add when the
    // status line under it ends.
    let mut heading: Option<String> = None;
    let mut note_after: Option<String> = None;
    // The mark that names the next block, and whether the list of sources
    // (announced by a `sources` mark on its heading) is still to come.
    let mut pending: Option<Mark> = None;
    let mut sources_next = false;
    let mut in_sources = false;
    let mut source_item = 0;
    let mut i = 0;
    while i < events.len() {
        let here = depth;
        match &events[i] {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
        match &events[i] {
            Event::Start(Tag::HtmlBlock) => {
                let end = events[i..]
                    .iter()
                    .position(|e| matches!(e, Event::End(TagEnd::HtmlBlock)))
                    .map_or(events.len(), |p| i + p);
                let block: String = events[i + 1..end]
                    .iter()
                    .filter_map(|e| match e {
                        Event::Html(t) | Event::Text(t) => Some(t.as_ref()),
                        _ => None,
                    })
                    .collect();
                match marks::read(&block) {
                    Some(Mark::Figure(name)) => {
                        depth = here;
                        if here == 0
                            && let Some(drawn) = figure(&name)
                        {
                            push_sanitized(&mut html, &mut out);
                            html.push_str(&drawn);
                        }
                        i = end + 1;
                        continue;
                    }
                    Some(mark) => {
                        depth = here;
                        pending = Some(mark);
                        i = end + 1;
                        continue;
                    }
                    None => out.push(events[i].clone()),
                }
            }
            Event::Start(Tag::Heading {
                level,
                classes,
                attrs,
                ..
            }) => {
                let id = match pending.take() {
                    Some(Mark::Heading(anchor)) => {
                        heading = Some(anchor.clone());
                        anchor
                    }
                    Some(Mark::Sources) => {
                        sources_next = true;
                        SOURCES_ANCHOR.to_owned()
                    }
                    Some(Mark::Background) => BACKGROUND_ANCHOR.to_owned(),
                    _ => {
                        let end = events[i..]
                            .iter()
                            .position(|e| matches!(e, Event::End(TagEnd::Heading(_))))
                            .map_or(events.len(), |p| i + p);
                        slug(&plain_text(&events[i + 1..end]))
                    }
                };
                out.push(Event::Start(Tag::Heading {
                    level: *level,
                    id: Some(CowStr::from(id)),
                    classes: classes.clone(),
                    attrs: attrs.clone(),
                }));
            }
            Event::Start(Tag::Paragraph) => match pending.take() {
                Some(Mark::Status(status)) => {
                    note_after = heading.as_deref().and_then(note);
                    out.push(Event::Html(CowStr::from(format!(
                        "<p class=\"status status-{status}\">"
                    ))));
                }
                Some(Mark::Citation) => {
                    out.push(Event::Html(CowStr::from("<p class=\"citation\">")));
                }
                _ => out.push(Event::Start(Tag::Paragraph)),
            },
            Event::Start(Tag::List(Some(_))) if sources_next => {
                sources_next = false;
                in_sources = true;
                out.push(Event::Html(CowStr::from("<ol class=\"sources\">")));
            }
            Event::End(TagEnd::Paragraph) if note_after.is_some() => {
                out.push(Event::End(TagEnd::Paragraph));
                if let Some(html) = note_after.take() {
                    out.push(Event::Html(CowStr::from(html)));
                }
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
    push_sanitized(&mut html, &mut out);
    html
}

/// Writes the events as sanitized HTML after `html`, and empties them.
fn push_sanitized(html: &mut String, events: &mut Vec<Event>) {
    if events.is_empty() {
        return;
    }
    let mut raw = String::new();
    pulldown_cmark::html::push_html(&mut raw, events.drain(..));
    html.push_str(&sanitizer().clean(&raw).to_string());
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
    fn marked_headings_take_their_anchor_from_the_mark() {
        let html = markdown_to_html(
            "<!-- profilec:heading 1-2-1-cirt -->\n#### 1.2.1 Équipe nationale\n\nText.\n\n### Free heading\n",
        );
        assert!(
            html.contains("<h4 id=\"1-2-1-cirt\">1.2.1 Équipe nationale</h4>"),
            "{html}"
        );
        assert!(html.contains("<h3 id=\"free-heading\">"), "{html}");
        assert!(!html.contains("profilec:"), "{html}");
    }

    #[test]
    fn marked_status_lines_get_a_class_whatever_their_words() {
        for words in [
            "Status: **no information** · Source: [1](#source-1)",
            "Statut : **aucune information** · Source : [1](#source-1)",
        ] {
            let html = markdown_to_html(&format!("<!-- profilec:status unknown -->\n{words}\n"));
            assert!(
                html.starts_with("<p class=\"status status-unknown\">"),
                "{html}"
            );
            assert!(html.contains("href=\"#source-1\""), "{html}");
        }
        // Without the mark, the same words are an ordinary paragraph.
        let html = markdown_to_html("Status: **yes**\n");
        assert!(html.starts_with("<p>Status"), "{html}");
    }

    #[test]
    fn the_marked_list_of_sources_gets_anchors_whatever_its_heading() {
        let html = markdown_to_html(
            "<!-- profilec:sources -->\n## Quellen\n\n1. First.\n2. Second.\n\nAfter.\n",
        );
        assert!(html.contains("<h2 id=\"sources\">Quellen</h2>"), "{html}");
        assert!(html.contains("<ol class=\"sources\">"), "{html}");
        assert!(html.contains("<li id=\"source-2\">Second.</li>"), "{html}");
        let html = markdown_to_html("## Sources\n\n1. First.\n");
        assert!(!html.contains("class=\"sources\""), "{html}");
    }

    #[test]
    fn forged_marks_in_free_text_are_escaped_before_they_arrive() {
        let text = crate::render::markdown::sanitize_markdown(
            "<!-- profilec:status yes -->\nStatus: **yes**",
        );
        let html = markdown_to_html(&text);
        assert!(!html.contains("class=\"status"), "{html}");
    }

    #[test]
    fn notes_follow_the_status_line_of_the_indicators_asked_for() {
        let markdown = "<!-- profilec:heading 1-1-1-a -->\n#### 1.1.1 A\n\nText.\n\n<!-- profilec:status yes -->\nStatus: **yes**\n\n<!-- profilec:heading 1-1-2-b -->\n#### 1.1.2 B\n\n<!-- profilec:status no -->\nStatus: **no**\n";
        let html = markdown_to_html_with_notes(markdown, &|anchor| {
            (anchor == "1-1-2-b")
                .then(|| "<p class=\"stale\">Old <script>x</script></p>".to_owned())
        });
        assert!(
            html.contains("Status: <strong>no</strong></p>\n<p class=\"stale\">Old </p>"),
            "{html}"
        );
        assert_eq!(html.matches("class=\"stale\"").count(), 1, "{html}");
        assert!(
            !html.contains("<script"),
            "what is added is sanitized: {html}"
        );
        assert_eq!(markdown_to_html(markdown).matches("stale").count(), 0);
    }

    #[test]
    fn figure_marks_place_figures_between_top_level_blocks_only() {
        let markdown = "# T\n\n<!-- profilec:figure radar -->\n| a |\n|---|\n| 1 |\n\n- item\n\n  <!-- profilec:figure radar -->\n\n<!-- profilec:figure other -->\nEnd.\n";
        let html = markdown_to_html_with_figures(markdown, &|name| {
            (name == "radar").then(|| "<svg><title>chart</title></svg>".to_owned())
        });
        assert_eq!(html.matches("<svg>").count(), 1, "{html}");
        let svg = html.find("<svg>").unwrap();
        assert!(
            html.find("<h1").unwrap() < svg && svg < html.find("<table>").unwrap(),
            "{html}"
        );
        assert!(
            html.contains("<p>End.</p>") && !html.contains("profilec:"),
            "{html}"
        );
        // Without figures, the same as before.
        assert_eq!(
            markdown_to_html(markdown),
            markdown_to_html_with_figures(markdown, &|_| None)
        );
        // What free text writes is sanitized: figures come only from marks.
        let html = markdown_to_html_with_figures("<svg><script>x()</script></svg>\n", &|_| {
            Some("<svg></svg>".to_owned())
        });
        assert!(
            !html.contains("<svg") && !html.contains("<script"),
            "{html}"
        );
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
