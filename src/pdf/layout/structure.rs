//! The document's logical structure, for readers who do not see the page:
//! what each drawn thing is (a heading, a paragraph, a list's label, a
//! table's header cell, a figure and its description) or that it is only
//! decoration (an artifact: rules, tints, running headers and footers).
//!
//! | owns | must not |
//! | --- | --- |
//! | the roles, the tags of drawn items, the tree of nodes in reading order | know PDF names or objects (the export maps roles to them) |
//!
//! The flow builder opens a node for each block as it lays the block out
//! (`Role` is data: a new kind of drawn content, such as a chart, declares
//! `Role::Figure` with its description and tags its items with that node)
//! and tags every item it draws with a node or as an artifact. Once pages
//! are known, [`Structure::assemble`] gives each node its kids in reading
//! order: runs of consecutive items of the node on a page, the nodes below
//! it, and the link areas it owns. The export writes that tree as it is,
//! without knowing any block. Pure.

use std::ops::Range;

use super::{Item, Page};

/// A node of the structure: an index into [`Structure::nodes`].
pub type NodeId = usize;

/// The root node, the whole document.
pub const DOCUMENT: NodeId = 0;

/// How a list numbers its items.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Numbering {
    /// 1, 2, 3…
    Decimal,
    /// A bullet.
    Disc,
}

/// Which cells a header cell heads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// The cells below it.
    Column,
    /// The cells beside it.
    Row,
}

/// What a node is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Role {
    /// The whole document (the root).
    Document,
    /// A heading, of level 1 (the title) and down; levels never skip.
    Heading(u8),
    /// A paragraph.
    Paragraph,
    /// A list.
    List(Numbering),
    /// An item of a list: its label and its body.
    ListItem,
    /// A list item's number or bullet.
    Label,
    /// A list item's content.
    ListBody,
    /// A table.
    Table,
    /// A row of a table.
    TableRow,
    /// A header cell.
    TableHeader(Scope),
    /// A data cell.
    TableCell,
    /// A quotation set apart.
    BlockQuote,
    /// A drawing (a chart), read as its description: the description
    /// states what the drawing shows, numbers included.
    Figure {
        /// The alternative text.
        alt: String,
    },
    /// A link: its text and its clickable areas.
    Link,
}

/// Why an item is not part of the structure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Artifact {
    /// Decoration: rules, tints, underlines.
    Layout,
    /// The running header.
    Header,
    /// The running footer, page numbers included.
    Footer,
}

/// What a drawn item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tag {
    /// Content of this node.
    Node(NodeId),
    /// Not content: a screen reader skips it.
    Artifact(Artifact),
}

/// An item with its tag, as the flow builds them.
#[derive(Debug, Clone, PartialEq)]
pub struct Drawn {
    /// What it is.
    pub tag: Tag,
    /// What is drawn.
    pub item: Item,
}

impl Drawn {
    /// Decoration.
    pub fn decoration(item: Item) -> Self {
        Drawn {
            tag: Tag::Artifact(Artifact::Layout),
            item,
        }
    }
}

/// A kid of a node, in reading order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kid {
    /// A node below this one.
    Node(NodeId),
    /// Consecutive items of a page (indices into [`Page::items`]), all
    /// tagged with this node: one marked-content sequence.
    Content {
        /// Page index, from 0.
        page: usize,
        /// The items.
        items: Range<usize>,
    },
    /// A clickable area of a page (an index into [`Page::links`]).
    Link {
        /// Page index, from 0.
        page: usize,
        /// The link.
        link: usize,
    },
}

/// One node of the tree.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// What it is.
    pub role: Role,
    /// The node above it (`None` for the document).
    pub parent: Option<NodeId>,
    /// What it holds, in reading order (empty until assembled).
    pub kids: Vec<Kid>,
}

/// The tree: nodes in the order they were opened, the document first.
#[derive(Debug, Clone, PartialEq)]
pub struct Structure {
    /// The nodes; [`DOCUMENT`] is the root.
    pub nodes: Vec<Node>,
}

impl Default for Structure {
    fn default() -> Self {
        Structure {
            nodes: vec![Node {
                role: Role::Document,
                parent: None,
                kids: Vec::new(),
            }],
        }
    }
}

impl Structure {
    /// Opens a node under `parent`.
    pub fn open(&mut self, role: Role, parent: NodeId) -> NodeId {
        self.nodes.push(Node {
            role,
            parent: Some(parent),
            kids: Vec::new(),
        });
        self.nodes.len() - 1
    }

    /// Gives every node its kids, in reading order: the order in which the
    /// pages draw their content. A node joins its parent where its first
    /// content is drawn; a link area joins its link's node (a link with no
    /// drawn content joins the tree after everything drawn); a node with
    /// neither is left out of the tree.
    pub fn assemble(&mut self, pages: &[Page]) {
        for node in &mut self.nodes {
            node.kids.clear();
        }
        let mut joined = vec![false; self.nodes.len()];
        if let Some(first) = joined.first_mut() {
            *first = true;
        }
        for (index, page) in pages.iter().enumerate() {
            let mut i = 0;
            while i < page.items.len() {
                let tag = page.tags.get(i).copied();
                let mut end = i + 1;
                while end < page.items.len() && page.tags.get(end).copied() == tag {
                    end += 1;
                }
                if let Some(Tag::Node(node)) = tag
                    && node < self.nodes.len()
                {
                    self.join(node, &mut joined);
                    self.nodes[node].kids.push(Kid::Content {
                        page: index,
                        items: i..end,
                    });
                }
                i = end;
            }
        }
        for (index, page) in pages.iter().enumerate() {
            for (link, area) in page.links.iter().enumerate() {
                if let Some(node) = area.node
                    && node < self.nodes.len()
                {
                    self.join(node, &mut joined);
                    self.nodes[node].kids.push(Kid::Link { page: index, link });
                }
            }
        }
    }

    /// Adds `node` to its parent's kids, and the parent to its own, up to
    /// the first one already in the tree.
    fn join(&mut self, node: NodeId, joined: &mut [bool]) {
        let mut chain = Vec::new();
        let mut at = node;
        while !joined[at] {
            joined[at] = true;
            chain.push(at);
            match self.nodes[at].parent {
                Some(parent) => at = parent,
                None => break,
            }
        }
        for &child in chain.iter().rev() {
            if let Some(parent) = self.nodes[child].parent {
                self.nodes[parent].kids.push(Kid::Node(child));
            }
        }
    }

    /// The text a node's content shows, its nodes' included, in reading
    /// order (runs apart, such as two lines, joined by a space).
    pub fn text(&self, node: NodeId, pages: &[Page]) -> String {
        let mut out = String::new();
        let mut line = None;
        self.collect_text(node, pages, &mut out, &mut line);
        out
    }

    fn collect_text(
        &self,
        node: NodeId,
        pages: &[Page],
        out: &mut String,
        line: &mut Option<(usize, f32, f32)>,
    ) {
        let Some(n) = self.nodes.get(node) else {
            return;
        };
        for kid in &n.kids {
            match kid {
                Kid::Node(child) => self.collect_text(*child, pages, out, line),
                Kid::Content { page, items } => {
                    for item in pages
                        .get(*page)
                        .and_then(|p| p.items.get(items.clone()))
                        .unwrap_or(&[])
                    {
                        if let Item::Text(run) = item {
                            let text = run.text();
                            let apart = line.is_none_or(|(p, baseline, end)| {
                                p != *page || baseline != run.baseline || run.x > end + 0.5
                            });
                            if apart
                                && !out.is_empty()
                                && !out.ends_with(' ')
                                && !text.starts_with(' ')
                                && !text.is_empty()
                            {
                                out.push(' ');
                            }
                            *line = Some((*page, run.baseline, run.x + run.width()));
                            out.push_str(&text);
                        }
                    }
                }
                Kid::Link { .. } => {}
            }
        }
    }

    /// The tree as indented text: one line per node with its role and
    /// text, for snapshot tests.
    pub fn describe(&self, pages: &[Page]) -> String {
        let mut out = String::new();
        self.describe_node(DOCUMENT, 0, pages, &mut out);
        out
    }

    fn describe_node(&self, node: NodeId, depth: usize, pages: &[Page], out: &mut String) {
        let Some(n) = self.nodes.get(node) else {
            return;
        };
        let role = match &n.role {
            Role::Document => "Document".to_owned(),
            Role::Heading(level) => format!("H{level}"),
            Role::Paragraph => "P".to_owned(),
            Role::List(Numbering::Decimal) => "L numbered".to_owned(),
            Role::List(Numbering::Disc) => "L bullets".to_owned(),
            Role::ListItem => "LI".to_owned(),
            Role::Label => "Lbl".to_owned(),
            Role::ListBody => "LBody".to_owned(),
            Role::Table => "Table".to_owned(),
            Role::TableRow => "TR".to_owned(),
            Role::TableHeader(Scope::Column) => "TH column".to_owned(),
            Role::TableHeader(Scope::Row) => "TH row".to_owned(),
            Role::TableCell => "TD".to_owned(),
            Role::BlockQuote => "BlockQuote".to_owned(),
            Role::Figure { alt } => format!("Figure alt {alt:?}"),
            Role::Link => "Link".to_owned(),
        };
        out.push_str(&"  ".repeat(depth));
        out.push_str(&role);
        let holds_content = n.kids.iter().any(|k| matches!(k, Kid::Content { .. }));
        if holds_content {
            out.push_str(&format!(" {:?}", self.text(node, pages)));
        }
        let areas = n
            .kids
            .iter()
            .filter(|k| matches!(k, Kid::Link { .. }))
            .count();
        if areas > 0 {
            out.push_str(&format!(" ({areas} clickable)"));
        }
        out.push('\n');
        for kid in &n.kids {
            if let Kid::Node(child) = kid {
                self.describe_node(*child, depth + 1, pages, out);
            }
        }
    }
}
