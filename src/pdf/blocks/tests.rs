use super::*;

#[test]
fn the_marked_profile_shape_is_recognised_whatever_its_words() {
    let markdown = "# CYBERWELLNESS PROFILE BELGIUM\n\n<!-- profilec:background -->\n## ANTÉCÉDENTS\n\nTotal: 1  \n(a)\n\nUsers: 2  \n(b)\n\n## 1. CYBERSECURITY\n\n<!-- profilec:heading 1-2-1-cirt -->\n#### 1.2.1 ÉQUIPE\n\nText.\n\n<!-- profilec:status yes -->\nStatut : **oui** · Source : [1](#source-1)\n\n<!-- profilec:sources -->\n## Références\n\n1. First.\n\n---\n\nDISCLAIMER: see <http://x.org/a>  \nLast updated on 2nd February 2015\n";
    let parsed = parse(markdown, 21);
    let Block::Title { lines, plain } = &parsed.blocks[0] else {
        panic!("{:?}", parsed.blocks[0])
    };
    assert_eq!(plain, "CYBERWELLNESS PROFILE BELGIUM");
    assert_eq!(plain_text(&lines[0]), "CYBERWELLNESS PROFILE");
    assert_eq!(plain_text(&lines[1]), "BELGIUM");
    let Block::Background { columns, .. } = &parsed.blocks[1] else {
        panic!("{:?}", parsed.blocks[1])
    };
    assert_eq!(plain_text(&columns[0]), "Total: 1\n(a)");
    assert!(
        matches!(&parsed.blocks[2], Block::Heading { level: 1, number: Some(n), .. } if n == "1.")
    );
    assert!(
        matches!(&parsed.blocks[3], Block::Heading { level: 3, number: Some(n), anchor, .. } if n == "1.2.1" && anchor == "1-2-1-cirt")
    );
    assert!(matches!(
        &parsed.blocks[5],
        Block::Paragraph {
            kind: ParagraphKind::Status(Status::Yes),
            ..
        }
    ));
    assert!(matches!(&parsed.blocks[6], Block::Heading { anchor, .. } if anchor == "sources"));
    assert!(matches!(
        &parsed.blocks[7],
        Block::List {
            references: true,
            ..
        }
    ));
    assert_eq!(parsed.blocks.len(), 8);
    assert_eq!(
        parsed.closing,
        [
            "DISCLAIMER: see <http://x.org/a>",
            "Last updated on 2nd February 2015"
        ]
    );
}

#[test]
fn without_its_marks_the_document_is_plain_markdown() {
    let parsed = parse("## BACKGROUND\n\nOnly one.\n\n---\n\n- a\n", 0);
    assert!(matches!(parsed.blocks[0], Block::Heading { .. }));
    assert!(matches!(parsed.blocks[2], Block::Rule));
    assert!(parsed.closing.is_empty());
    let parsed = parse(
        "## CYBERWELLNESS PROFILE BELGIUM\n\nStatus: **yes**\n\n## Sources\n\n1. A.\n",
        21,
    );
    assert!(matches!(parsed.blocks[0], Block::Heading { .. }));
    assert!(matches!(
        parsed.blocks[1],
        Block::Paragraph {
            kind: ParagraphKind::Body,
            ..
        }
    ));
    assert!(matches!(
        parsed.blocks[3],
        Block::List {
            references: false,
            ..
        }
    ));
}

#[test]
fn inline_styles_links_and_bare_addresses() {
    let parsed = parse(
        "Some **bold *both*** and [a link](https://e.org) then https://x.org/p?q=1.\n",
        0,
    );
    let Block::Paragraph { spans, .. } = &parsed.blocks[0] else {
        panic!()
    };
    assert!(spans.iter().any(|s| s.text == "both" && s.bold && s.italic));
    assert!(
        spans
            .iter()
            .any(|s| s.text == "a link" && s.link.as_deref() == Some("https://e.org"))
    );
    assert!(spans.iter().any(
        |s| s.text == "https://x.org/p?q=1" && s.link.as_deref() == Some("https://x.org/p?q=1")
    ));
    assert_eq!(
        plain_text(spans),
        "Some bold both and a link then https://x.org/p?q=1."
    );
}

#[test]
fn absurdly_deep_nesting_keeps_its_words_and_the_stack() {
    let depth = 5_000;
    let markdown = format!(
        "{} deep\n\n{} deeper\n",
        ">".repeat(depth),
        "- ".repeat(depth)
    );
    let parsed = parse(&markdown, 0);
    fn words(blocks: &[Block], out: &mut String) {
        for block in blocks {
            match block {
                Block::Paragraph { spans, .. } => out.push_str(&plain_text(spans)),
                Block::Quote(inner) => words(inner, out),
                Block::List { items, .. } => items.iter().for_each(|i| words(i, out)),
                _ => {}
            }
        }
    }
    let mut text = String::new();
    words(&parsed.blocks, &mut text);
    assert!(text.contains("deep") && text.contains("deeper"), "{text}");
}

#[test]
fn a_tight_item_may_start_with_emphasis_or_a_link() {
    let parsed = parse(
        "1. *A title*.\n2. [A link](https://e.org), then text.\n3. **Bold** start\n   - nested\n",
        0,
    );
    let Block::List { items, .. } = &parsed.blocks[0] else {
        panic!("{:?}", parsed.blocks)
    };
    let first = |item: &Vec<Block>| match &item[0] {
        Block::Paragraph { spans, .. } => spans.clone(),
        other => panic!("{other:?}"),
    };
    assert_eq!(items[0].len(), 1, "{:?}", items[0]);
    assert_eq!(plain_text(&first(&items[0])), "A title.");
    assert!(first(&items[0])[0].italic);
    assert_eq!(plain_text(&first(&items[1])), "A link, then text.");
    assert_eq!(plain_text(&first(&items[2])), "Bold start");
    assert!(matches!(items[2][1], Block::List { .. }));
}

#[test]
fn tight_and_loose_lists_tables_and_quotes() {
    let parsed = parse(
        "- one\n- two\n  - nested\n\n3. three\n\n   more\n\n| a | b |\n|---|--:|\n| 1 | 2 |\n\n> quoted\n",
        0,
    );
    let Block::List { start, items, .. } = &parsed.blocks[0] else {
        panic!("{:?}", parsed.blocks)
    };
    assert_eq!(*start, None);
    assert_eq!(items.len(), 2);
    assert!(matches!(items[1][1], Block::List { .. }));
    assert!(
        matches!(&parsed.blocks[1], Block::List { start: Some(3), items, .. } if items[0].len() == 2)
    );
    assert!(
        matches!(&parsed.blocks[2], Block::Table { header, rows, .. } if header.len() == 2 && rows[0].len() == 2)
    );
    assert!(matches!(&parsed.blocks[3], Block::Quote(_)));
}
