//! Making profile text safe to put into a Markdown document.
//!
//! Two kinds of text come from a profile: plain names (countries, laws,
//! agencies, titles), which must print as written, and free text, which is
//! Markdown on purpose. Names are escaped. Free text keeps its Markdown, but
//! raw HTML in it is escaped so it shows as text, and links to anything but
//! web, mail or in-page addresses lose their target: whichever tool renders
//! the Markdown next, nothing in a profile can run as script.

use pulldown_cmark::{Event, Options, Parser, Tag};

/// Escapes a plain name so that Markdown prints it as written.
pub fn escape_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.chars().enumerate() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            // Only special at the start of a line, where a name may end up
            // (a list item, a wrapped line).
            '#' | '+' | '-' | '=' if i == 0 => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    // `1. Law` at the start of a list item would become a nested list.
    if let Some(dot) = out.find(['.', ')'])
        && dot > 0
        && out[..dot].chars().all(|c| c.is_ascii_digit())
        && out[dot + 1..].starts_with(' ')
    {
        out.insert(dot, '\\');
    }
    out
}

/// The schemes a link in a profile may use.
fn safe_destination(dest: &str) -> bool {
    let lower = dest.trim().to_ascii_lowercase();
    match lower.find(':') {
        // No scheme: a relative or in-page address.
        None => true,
        Some(colon) => {
            // A colon after a path or query separator is not a scheme.
            if lower[..colon].contains(['/', '?', '#']) {
                return true;
            }
            matches!(&lower[..colon], "http" | "https" | "mailto")
        }
    }
}

/// Keeps free text's Markdown but neutralizes raw HTML and unsafe links.
pub fn sanitize_markdown(text: &str) -> String {
    let mut edits: Vec<(std::ops::Range<usize>, String)> = Vec::new();
    let parser = Parser::new_ext(text, Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES);
    for (event, range) in parser.into_offset_iter() {
        match event {
            Event::Html(_) | Event::InlineHtml(_) => {
                let raw = &text[range.clone()];
                edits.push((
                    range,
                    raw.replace('&', "&amp;")
                        .replace('<', "&lt;")
                        .replace('>', "&gt;"),
                ));
            }
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. })
                if !safe_destination(&dest_url) =>
            {
                let raw = &text[range.clone()];
                // Inline links carry their destination in the range; reference
                // links are rewritten where they are defined (below).
                if let Some(at) = raw.rfind(dest_url.as_ref()) {
                    let start = range.start + at;
                    edits.push((start..start + dest_url.len(), "#".to_owned()));
                }
            }
            _ => {}
        }
    }
    for (label, definition) in Parser::new(text).reference_definitions().iter() {
        let _ = label;
        if !safe_destination(&definition.dest) {
            let span = definition.span.clone();
            if let Some(at) = text[span.clone()].rfind(definition.dest.as_ref()) {
                let start = span.start + at;
                edits.push((start..start + definition.dest.len(), "#".to_owned()));
            }
        }
    }
    edits.sort_by_key(|(range, _)| range.start);
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (range, replacement) in edits {
        if range.start < at {
            continue; // nested in an edit already made
        }
        out.push_str(&text[at..range.start]);
        out.push_str(&replacement);
        at = range.end;
    }
    out.push_str(&text[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_print_as_written() {
        assert_eq!(
            escape_inline("Articles 383 and 387* of the Code"),
            "Articles 383 and 387\\* of the Code"
        );
        assert_eq!(escape_inline("[CCB]"), "\\[CCB\\]");
        assert_eq!(escape_inline("#1 agency"), "\\#1 agency");
        assert_eq!(escape_inline("B-CCENTRE"), "B-CCENTRE");
        assert_eq!(escape_inline("1. Law"), "1\\. Law");
        assert_eq!(escape_inline("<script>"), "\\<script\\>");
        assert_eq!(escape_inline("Côte d’Ivoire"), "Côte d’Ivoire");
        assert_eq!(
            escape_inline("a_b [c] <d> `e`"),
            "a\\_b \\[c\\] \\<d\\> \\`e\\`"
        );
        assert_eq!(escape_inline("2014. A year"), "2014\\. A year");
        assert_eq!(
            escape_inline("Plain (R&D) text, a.o."),
            "Plain (R&D) text, a.o."
        );
    }

    #[test]
    fn raw_html_in_free_text_is_shown_not_run() {
        let clean = sanitize_markdown("Hello <script>alert(1)</script> *world*");
        assert_eq!(clean, "Hello &lt;script&gt;alert(1)&lt;/script&gt; *world*");
        let block = sanitize_markdown("<div onclick=\"x()\">hi</div>\n");
        assert!(!block.contains('<'), "{block}");
    }

    #[test]
    fn script_links_lose_their_target() {
        assert_eq!(
            sanitize_markdown("[click](javascript:alert(1))"),
            "[click](#)"
        );
        assert_eq!(
            sanitize_markdown("[click](JavaScript:alert(1))"),
            "[click](#)"
        );
        assert_eq!(
            sanitize_markdown("[ok](https://example.org/a:b)"),
            "[ok](https://example.org/a:b)"
        );
        assert_eq!(
            sanitize_markdown("[ok](mailto:a@b.org)"),
            "[ok](mailto:a@b.org)"
        );
        let reference = sanitize_markdown("[click][x]\n\n[x]: javascript:alert(1)\n");
        assert!(!reference.contains("javascript"), "{reference}");
    }

    #[test]
    fn ordinary_markdown_is_untouched() {
        let text = "A *list*:\n\n- one\n- two with [a link](https://www.itu.int/)\n";
        assert_eq!(sanitize_markdown(text), text);
    }
}
