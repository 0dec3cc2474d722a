//! The Markdown document as blocks the typesetter knows: the title block, the
//! two-column background, numbered headings, paragraphs, status lines, lists,
//! the references list, tables, and the closing lines (disclaimer and date)
//! that the running footer carries.
//!
//! Everything is recognised from the document's structure, never from its
//! wording: the template marks what its blocks are ([`crate::render::marks`]:
//! the title, the background block, each heading's anchor, each status line,
//! the list of sources, where a chart goes), and a paragraph after a final
//! thematic break is the closing. Anything else is laid out as ordinary Markdown, so an
//! overridden template still prints every word. Pure: text in, blocks out.

use pulldown_cmark::{Alignment, Event, HeadingLevel, Parser, Tag, TagEnd};

use crate::model::Status;
use crate::render::html::markdown_options;
use crate::render::marks::{self, BACKGROUND_ANCHOR, Mark, SOURCES_ANCHOR};
use crate::wording::slug;

/// A piece of inline text with one look.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Span {
    /// The text; `\n` is a forced line break.
    pub text: String,
    /// Strong emphasis.
    pub bold: bool,
    /// Emphasis.
    pub italic: bool,
    /// Inline code.
    pub code: bool,
    /// Struck through.
    pub strike: bool,
    /// Where a link goes, as written.
    pub link: Option<String>,
}

/// What a paragraph is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParagraphKind {
    /// Ordinary text.
    Body,
    /// The status line under an indicator, with its status.
    Status(Status),
}

/// One block of the document.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// The title block: its lines (`CYBERWELLNESS PROFILE`, `BELGIUM`).
    Title {
        /// One or two lines.
        lines: Vec<Vec<Span>>,
        /// The title as plain text.
        plain: String,
    },
    /// The background: a heading and two columns.
    Background {
        /// The heading.
        heading: Vec<Span>,
        /// Its anchor.
        anchor: String,
        /// The left and right columns.
        columns: [Vec<Span>; 2],
    },
    /// A heading of level 1 (`1.`), 2 (`1.1`), 3 (`1.1.1`) or deeper.
    Heading {
        /// Level, from 1.
        level: usize,
        /// The section number, when the heading starts with one.
        number: Option<String>,
        /// The words after the number.
        text: Vec<Span>,
        /// The whole heading as plain text (for the outline).
        plain: String,
        /// Its anchor (`1-2-1-cirt`), as the HTML page has it.
        anchor: String,
    },
    /// A paragraph.
    Paragraph {
        /// Its text.
        spans: Vec<Span>,
        /// Its role.
        kind: ParagraphKind,
    },
    /// A list.
    List {
        /// The first number of a numbered list; `None` for bullets.
        start: Option<u64>,
        /// The items, each a list of blocks.
        items: Vec<Vec<Block>>,
        /// Whether this is the list of sources (items anchored `source-N`).
        references: bool,
    },
    /// A table.
    Table {
        /// Column alignments.
        aligns: Vec<Alignment>,
        /// Header cells.
        header: Vec<Vec<Span>>,
        /// Body rows.
        rows: Vec<Vec<Vec<Span>>>,
    },
    /// A block quote.
    Quote(Vec<Block>),
    /// A code block, as text.
    Code(String),
    /// A thematic break.
    Rule,
    /// A figure the template marked (`mark(figure="radar")`), by name: a
    /// chart drawn from the document's view ([`Blocks::figures`]).
    Figure(String),
}

/// The document as blocks.
#[derive(Debug, Clone, PartialEq)]
pub struct Blocks {
    /// The blocks in reading order.
    pub blocks: Vec<Block>,
    /// The closing lines as Markdown (`DISCLAIMER: …`, `Last updated on …`),
    /// which the footer template prints.
    pub closing: Vec<String>,
    /// The drawings of the figures, by name: empty from [`parse`], which
    /// reads text only; the PDF renderer adds the charts of a GCI profile.
    pub figures: std::collections::BTreeMap<String, crate::render::chart::Figure>,
}

/// Reads the Markdown document into blocks. The document's first heading,
/// when it is of the first level, is its title block; `title_line` is how
/// many characters of it go on the block's first line (the catalogue's
/// title, `CYBERWELLNESS PROFILE`, before the country).
pub fn parse(markdown: &str, title_line: usize) -> Blocks {
    let events: Vec<(Event, std::ops::Range<usize>)> =
        Parser::new_ext(markdown, markdown_options())
            .into_offset_iter()
            .collect();
    let mut reader = Reader {
        events: &events,
        at: 0,
        depth: 0,
    };
    let mut raw = Vec::new();
    let mut mark = None;
    while reader.at < events.len() {
        // A mark names the next block; it prints nothing itself. A figure
        // mark is a block of its own: the figure goes there.
        if let Some(next) = reader.mark() {
            match next {
                Mark::Figure(name) => raw.push(Raw {
                    block: Block::Figure(name),
                    range: 0..0,
                    mark: None,
                    markdown_level: None,
                }),
                other => mark = Some(other),
            }
            continue;
        }
        if let Some(mut block) = reader.block() {
            block.mark = mark.take();
            raw.push(block);
        }
    }
    recognise(raw, markdown, title_line)
}

/// One line of Markdown (a header or footer line) as inline spans. A line
/// Markdown would read as a block (`1. …`, `# …`) is taken as plain text.
pub fn inline_markdown(line: &str) -> Vec<Span> {
    if line.trim().is_empty() {
        return Vec::new();
    }
    let events: Vec<(Event, std::ops::Range<usize>)> = Parser::new_ext(line, markdown_options())
        .into_offset_iter()
        .collect();
    if let Some((Event::Start(Tag::Paragraph), _)) = events.first() {
        let mut reader = Reader {
            events: &events,
            at: 1,
            depth: 0,
        };
        let spans = reader.inline_until(|e| matches!(e, Event::End(TagEnd::Paragraph)));
        if reader.at >= events.len() {
            return spans;
        }
    }
    vec![Span {
        text: line.trim().to_owned(),
        ..Span::default()
    }]
}

/// A block with the byte range it came from (for the closing lines).
struct Raw {
    block: Block,
    range: std::ops::Range<usize>,
    /// The mark the template wrote before it, if any.
    mark: Option<Mark>,
    /// For a heading: its Markdown level.
    markdown_level: Option<HeadingLevel>,
}

/// How deep lists and quotes may nest before their content is read as
/// plain text: free text is anyone's, and a thousand nested quotes must not
/// exhaust the stack.
const MAX_DEPTH: usize = 24;

struct Reader<'e, 'a> {
    events: &'e [(Event<'a>, std::ops::Range<usize>)],
    at: usize,
    /// How many containers (list items, quotes) enclose the current block.
    depth: usize,
}

impl<'a> Reader<'_, 'a> {
    fn next(&mut self) -> Option<&Event<'a>> {
        let event = self.events.get(self.at).map(|(e, _)| e);
        self.at += 1;
        event
    }

    fn peek(&self) -> Option<&Event<'a>> {
        self.events.get(self.at).map(|(e, _)| e)
    }

    /// Reads a mark, if the next block is one.
    fn mark(&mut self) -> Option<Mark> {
        if !matches!(self.peek(), Some(Event::Start(Tag::HtmlBlock))) {
            return None;
        }
        let end = self.events[self.at..]
            .iter()
            .position(|(e, _)| matches!(e, Event::End(TagEnd::HtmlBlock)))?;
        let text: String = self.events[self.at + 1..self.at + end]
            .iter()
            .filter_map(|(e, _)| match e {
                Event::Html(t) | Event::Text(t) => Some(t.as_ref()),
                _ => None,
            })
            .collect();
        let mark = marks::read(&text)?;
        self.at += end + 1;
        Some(mark)
    }

    /// Reads one block (or skips one event that makes none).
    fn block(&mut self) -> Option<Raw> {
        let (event, range) = self.events.get(self.at)?.clone();
        let raw = |block| {
            Some(Raw {
                block,
                range: range.clone(),
                mark: None,
                markdown_level: None,
            })
        };
        match event {
            Event::Start(Tag::Paragraph) => {
                self.at += 1;
                let spans = self.inline_until(|e| matches!(e, Event::End(TagEnd::Paragraph)));
                raw(paragraph(spans))
            }
            Event::Start(Tag::Heading { level, .. }) => {
                self.at += 1;
                let spans = self.inline_until(|e| matches!(e, Event::End(TagEnd::Heading(_))));
                let mut block = heading(spans, 1);
                if let Block::Heading { level: l, .. } = &mut block {
                    *l = match level {
                        HeadingLevel::H1 | HeadingLevel::H2 => 1,
                        HeadingLevel::H3 => 2,
                        HeadingLevel::H4 => 3,
                        HeadingLevel::H5 => 4,
                        HeadingLevel::H6 => 5,
                    };
                }
                Some(Raw {
                    block,
                    range,
                    mark: None,
                    markdown_level: Some(level),
                })
            }
            Event::Start(Tag::List(start)) => {
                self.at += 1;
                let mut items = Vec::new();
                while let Some(event) = self.peek() {
                    match event {
                        Event::Start(Tag::Item) => {
                            self.at += 1;
                            items
                                .push(self.blocks_until(|e| matches!(e, Event::End(TagEnd::Item))));
                        }
                        Event::End(TagEnd::List(_)) => {
                            self.at += 1;
                            break;
                        }
                        _ => self.at += 1,
                    }
                }
                raw(Block::List {
                    start,
                    items,
                    references: false,
                })
            }
            Event::Start(Tag::BlockQuote(_)) => {
                self.at += 1;
                let blocks = self.blocks_until(|e| matches!(e, Event::End(TagEnd::BlockQuote(_))));
                raw(Block::Quote(blocks))
            }
            Event::Start(Tag::CodeBlock(_)) => {
                self.at += 1;
                let mut text = String::new();
                while let Some(event) = self.next() {
                    match event {
                        Event::End(TagEnd::CodeBlock) => break,
                        Event::Text(t) => text.push_str(t),
                        _ => {}
                    }
                }
                raw(Block::Code(text.trim_end_matches('\n').to_owned()))
            }
            Event::Start(Tag::Table(aligns)) => {
                self.at += 1;
                let (header, rows) = self.table();
                raw(Block::Table {
                    aligns,
                    header,
                    rows,
                })
            }
            Event::Start(Tag::HtmlBlock) => {
                self.at += 1;
                let mut text = String::new();
                while let Some(event) = self.next() {
                    match event {
                        Event::End(TagEnd::HtmlBlock) => break,
                        Event::Html(t) | Event::Text(t) => text.push_str(t),
                        _ => {}
                    }
                }
                raw(paragraph(vec![Span {
                    text: text.trim_end().to_owned(),
                    ..Span::default()
                }]))
            }
            Event::Start(Tag::FootnoteDefinition(_)) => {
                self.at += 1;
                let blocks =
                    self.blocks_until(|e| matches!(e, Event::End(TagEnd::FootnoteDefinition)));
                raw(Block::Quote(blocks))
            }
            Event::Rule => {
                self.at += 1;
                raw(Block::Rule)
            }
            Event::Text(_)
            | Event::Code(_)
            | Event::InlineHtml(_)
            | Event::Html(_)
            | Event::InlineMath(_)
            | Event::DisplayMath(_)
            | Event::FootnoteReference(_)
            | Event::SoftBreak
            | Event::HardBreak
            | Event::TaskListMarker(_)
            | Event::Start(
                Tag::Emphasis
                | Tag::Strong
                | Tag::Strikethrough
                | Tag::Superscript
                | Tag::Subscript
                | Tag::Link { .. }
                | Tag::Image { .. },
            ) => {
                // Inline content outside a paragraph (a tight list item),
                // up to the item's end or the next block in it.
                let spans = self.inline_until(|e| {
                    matches!(e, Event::End(_) | Event::Rule) || is_block_start(e)
                });
                // Leave that event for the container.
                self.at -= 1;
                raw(paragraph(spans))
            }
            Event::Start(_) => {
                // A container this typesetter does not style: keep its words.
                self.at += 1;
                let spans = self.inline_until(|e| matches!(e, Event::End(_)));
                raw(paragraph(spans))
            }
            _ => {
                self.at += 1;
                None
            }
        }
    }

    fn blocks_until(&mut self, end: impl Fn(&Event) -> bool) -> Vec<Block> {
        if self.depth >= MAX_DEPTH {
            // Too deep: keep the words, drop the structure.
            let spans = self.inline_until(end);
            return vec![paragraph(spans)];
        }
        self.depth += 1;
        let mut blocks = Vec::new();
        while let Some(event) = self.peek() {
            if end(event) {
                self.at += 1;
                break;
            }
            if let Some(raw) = self.block() {
                blocks.push(raw.block);
            }
        }
        self.depth -= 1;
        blocks
    }

    fn table(&mut self) -> (Vec<Vec<Span>>, Vec<Vec<Vec<Span>>>) {
        let mut header = Vec::new();
        let mut rows: Vec<Vec<Vec<Span>>> = Vec::new();
        let mut in_head = false;
        while let Some(event) = self.next() {
            match event {
                Event::End(TagEnd::Table) => break,
                Event::Start(Tag::TableHead) => in_head = true,
                Event::End(TagEnd::TableHead) => in_head = false,
                Event::Start(Tag::TableRow) => rows.push(Vec::new()),
                Event::Start(Tag::TableCell) => {
                    let cell = self.inline_until(|e| matches!(e, Event::End(TagEnd::TableCell)));
                    match (in_head, rows.last_mut()) {
                        (true, _) => header.push(cell),
                        (false, Some(row)) => row.push(cell),
                        (false, None) => rows.push(vec![cell]),
                    }
                }
                _ => {}
            }
        }
        (header, rows)
    }

    /// Reads inline events up to (and including) the first event `end`
    /// accepts at nesting depth zero.
    fn inline_until(&mut self, end: impl Fn(&Event) -> bool) -> Vec<Span> {
        let mut spans: Vec<Span> = Vec::new();
        let mut bold = 0u32;
        let mut italic = 0u32;
        let mut strike = 0u32;
        let mut links: Vec<String> = Vec::new();
        let mut depth = 0u32;
        while let Some(event) = self.next() {
            if depth == 0 && end(event) {
                break;
            }
            let style = |text: String, code: bool| Span {
                text,
                bold: bold > 0,
                italic: italic > 0,
                code,
                strike: strike > 0,
                link: links.last().cloned(),
            };
            match event {
                Event::Text(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                    push_text(&mut spans, style(t.to_string(), false));
                }
                Event::Code(t) => spans.push(style(t.to_string(), true)),
                Event::InlineHtml(t) | Event::Html(t) => {
                    push_text(&mut spans, style(t.to_string(), false));
                }
                Event::FootnoteReference(t) => {
                    push_text(&mut spans, style(format!("[{t}]"), false));
                }
                Event::SoftBreak => push_text(&mut spans, style(" ".into(), false)),
                Event::HardBreak => push_text(&mut spans, style("\n".into(), false)),
                Event::TaskListMarker(done) => {
                    push_text(
                        &mut spans,
                        style(if *done { "[x] " } else { "[ ] " }.into(), false),
                    );
                }
                Event::Start(tag) => {
                    depth += 1;
                    match tag {
                        Tag::Strong => bold += 1,
                        Tag::Emphasis => italic += 1,
                        Tag::Strikethrough => strike += 1,
                        Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. } => {
                            links.push(dest_url.to_string());
                        }
                        _ => {}
                    }
                }
                Event::End(tag) => {
                    depth = depth.saturating_sub(1);
                    match tag {
                        TagEnd::Strong => bold = bold.saturating_sub(1),
                        TagEnd::Emphasis => italic = italic.saturating_sub(1),
                        TagEnd::Strikethrough => strike = strike.saturating_sub(1),
                        TagEnd::Link | TagEnd::Image => {
                            links.pop();
                        }
                        TagEnd::Paragraph | TagEnd::Item => {
                            push_text(&mut spans, style("\n".into(), false));
                        }
                        _ => {}
                    }
                }
                Event::Rule => {}
            }
        }
        while spans.last().is_some_and(|s| s.text == "\n") {
            spans.pop();
        }
        spans
    }
}

/// Whether an event opens a block (which ends inline content before it).
fn is_block_start(event: &Event) -> bool {
    matches!(
        event,
        Event::Start(
            Tag::Paragraph
                | Tag::Heading { .. }
                | Tag::BlockQuote(_)
                | Tag::CodeBlock(_)
                | Tag::HtmlBlock
                | Tag::List(_)
                | Tag::Item
                | Tag::FootnoteDefinition(_)
                | Tag::Table(_)
        )
    )
}

/// Appends text, merging it into the previous span when it looks the same,
/// and turning bare web addresses into links.
fn push_text(spans: &mut Vec<Span>, span: Span) {
    if span.link.is_none() && !span.code {
        let mut rest = span.text.as_str();
        while let Some(at) = find_url(rest) {
            let (before, from) = rest.split_at(at);
            let len = url_length(from);
            push_plain(
                spans,
                Span {
                    text: before.to_owned(),
                    ..span.clone()
                },
            );
            spans.push(Span {
                text: from[..len].to_owned(),
                link: Some(from[..len].to_owned()),
                ..span.clone()
            });
            rest = &from[len..];
        }
        push_plain(
            spans,
            Span {
                text: rest.to_owned(),
                ..span
            },
        );
    } else {
        push_plain(spans, span);
    }
}

fn push_plain(spans: &mut Vec<Span>, span: Span) {
    if span.text.is_empty() {
        return;
    }
    if let Some(last) = spans.last_mut()
        && last.bold == span.bold
        && last.italic == span.italic
        && last.code == span.code
        && last.strike == span.strike
        && last.link == span.link
        && !(span.link.is_some() && last.link.is_some())
    {
        last.text.push_str(&span.text);
        return;
    }
    spans.push(span);
}

/// Where a bare `http://` or `https://` address starts in `text`.
fn find_url(text: &str) -> Option<usize> {
    let at = text.find("http")?;
    let rest = &text[at..];
    let scheme = if rest.starts_with("https://") {
        8
    } else if rest.starts_with("http://") {
        7
    } else {
        // Not an address here; look further on.
        return find_url(&text[at + 4..]).map(|next| at + 4 + next);
    };
    let starts_word = text[..at]
        .chars()
        .next_back()
        .is_none_or(|c| c.is_whitespace() || "([<\"'".contains(c));
    if starts_word && url_length(rest) > scheme {
        Some(at)
    } else {
        find_url(&text[at + 4..]).map(|next| at + 4 + next)
    }
}

/// The length of the address at the start of `text`, without trailing
/// punctuation that ends the sentence around it.
fn url_length(text: &str) -> usize {
    let end = text
        .find(|c: char| c.is_whitespace() || "<>\"".contains(c))
        .unwrap_or(text.len());
    let url = text[..end].trim_end_matches(['.', ',', ';', ':', '!', '?', ')', ']', '\'']);
    url.len()
}

fn paragraph(spans: Vec<Span>) -> Block {
    Block::Paragraph {
        spans,
        kind: ParagraphKind::Body,
    }
}

/// A heading, with its section number split off (`1.2.1` + `CIRT`).
fn heading(spans: Vec<Span>, level: usize) -> Block {
    let plain = plain_text(&spans);
    let anchor = slug(&plain);
    let first_word = plain.split_whitespace().next().unwrap_or("");
    let is_number = !first_word.is_empty()
        && first_word
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_digit())
        && first_word.chars().all(|c| c.is_ascii_digit() || c == '.')
        && plain.trim_start().len() > first_word.len();
    let (number, text) = if is_number {
        let leading = plain.len() - plain.trim_start().len();
        let (_, rest) = split_spans(&spans, leading + first_word.len());
        (Some(first_word.to_owned()), trim_start(rest))
    } else {
        (None, spans)
    };
    Block::Heading {
        level,
        number,
        text,
        plain: plain.split_whitespace().collect::<Vec<_>>().join(" "),
        anchor,
    }
}

/// The plain text of spans.
pub fn plain_text(spans: &[Span]) -> String {
    spans.iter().map(|s| s.text.as_str()).collect()
}

/// Splits spans at a byte offset of their joined text.
fn split_spans(spans: &[Span], at: usize) -> (Vec<Span>, Vec<Span>) {
    let mut left = Vec::new();
    let mut right = Vec::new();
    let mut offset = 0;
    for span in spans {
        let end = offset + span.text.len();
        if end <= at {
            left.push(span.clone());
        } else if offset >= at {
            right.push(span.clone());
        } else {
            let cut = at - offset;
            if span.text.is_char_boundary(cut) {
                left.push(Span {
                    text: span.text[..cut].to_owned(),
                    ..span.clone()
                });
                right.push(Span {
                    text: span.text[cut..].to_owned(),
                    ..span.clone()
                });
            } else {
                left.push(span.clone());
            }
        }
        offset = end;
    }
    (left, right)
}

fn trim_start(mut spans: Vec<Span>) -> Vec<Span> {
    while let Some(first) = spans.first_mut() {
        let trimmed = first.text.trim_start().to_owned();
        if trimmed.is_empty() {
            spans.remove(0);
        } else {
            first.text = trimmed;
            break;
        }
    }
    spans
}

/// Gives the marked blocks their roles: the title block, the background,
/// the headings' anchors, the status lines, the list of sources.
fn recognise(raw: Vec<Raw>, markdown: &str, title_line: usize) -> Blocks {
    let mut raw = raw;
    let mut closing = Vec::new();
    // The closing: one paragraph after a final thematic break.
    if let [.., rule, last] = raw.as_slice()
        && matches!(rule.block, Block::Rule)
        && matches!(last.block, Block::Paragraph { .. })
    {
        let source = markdown.get(last.range.clone()).unwrap_or("");
        closing = source
            .lines()
            .map(|l| l.trim_end_matches('\\').trim().to_owned())
            .filter(|l| !l.is_empty())
            .collect();
        raw.truncate(raw.len() - 2);
    }

    let mut blocks = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        let block = &raw[i].block;
        match (&raw[i].mark, block) {
            (None, Block::Heading { text, number, .. })
                if i == 0 && raw[i].markdown_level == Some(HeadingLevel::H1) =>
            {
                let mut spans = Vec::new();
                if let Some(number) = number {
                    spans.push(Span {
                        text: format!("{number} "),
                        ..Span::default()
                    });
                }
                spans.extend(text.iter().cloned());
                let plain = plain_text(&spans);
                // The mark counts characters; spans are cut at bytes.
                let cut = plain
                    .char_indices()
                    .nth(title_line)
                    .map(|(at, _)| at)
                    .filter(|&at| plain[at..].starts_with(' '));
                let lines = match cut {
                    Some(at) => {
                        let (first, rest) = split_spans(&spans, at);
                        vec![first, trim_start(rest)]
                    }
                    None => vec![spans],
                };
                blocks.push(Block::Title {
                    lines,
                    plain: plain.split_whitespace().collect::<Vec<_>>().join(" "),
                });
            }
            (Some(Mark::Background), Block::Heading { text, .. })
                if two_paragraphs_then_no_more(&raw[i + 1..]) =>
            {
                let column = |r: &Raw| match &r.block {
                    Block::Paragraph { spans, .. } => spans.clone(),
                    _ => Vec::new(),
                };
                blocks.push(Block::Background {
                    heading: text.clone(),
                    anchor: BACKGROUND_ANCHOR.to_owned(),
                    columns: [column(&raw[i + 1]), column(&raw[i + 2])],
                });
                i += 3;
                continue;
            }
            (Some(Mark::Heading(anchor)), Block::Heading { .. }) => {
                let mut block = block.clone();
                if let Block::Heading { anchor: a, .. } = &mut block {
                    a.clone_from(anchor);
                }
                blocks.push(block);
            }
            (Some(Mark::Status(status)), Block::Paragraph { spans, .. }) => {
                blocks.push(Block::Paragraph {
                    spans: spans.clone(),
                    kind: ParagraphKind::Status(*status),
                });
            }
            (Some(Mark::Sources), Block::Heading { .. }) => {
                let mut heading = block.clone();
                if let Block::Heading { anchor, .. } = &mut heading {
                    *anchor = SOURCES_ANCHOR.to_owned();
                }
                blocks.push(heading);
                if let Some(Raw {
                    block:
                        Block::List {
                            start: Some(start),
                            items,
                            ..
                        },
                    ..
                }) = raw.get(i + 1)
                {
                    blocks.push(Block::List {
                        start: Some(*start),
                        items: items.clone(),
                        references: true,
                    });
                    i += 2;
                    continue;
                }
            }
            (_, other) => blocks.push(other.clone()),
        }
        i += 1;
    }
    Blocks {
        blocks,
        closing,
        figures: std::collections::BTreeMap::new(),
    }
}

fn two_paragraphs_then_no_more(rest: &[Raw]) -> bool {
    let is_paragraph = |r: Option<&Raw>| {
        r.is_some_and(|r| {
            matches!(
                r.block,
                Block::Paragraph {
                    kind: ParagraphKind::Body,
                    ..
                }
            )
        })
    };
    is_paragraph(rest.first())
        && is_paragraph(rest.get(1))
        && !rest
            .get(2)
            .is_some_and(|r| matches!(r.block, Block::Paragraph { .. }))
}

#[cfg(test)]
mod tests;
