//! Reading profile files: folders to file lists, bytes to text, YAML to a JSON
//! value with the position of every key and value.
//!
//! This is the only module that knows YAML (through serde-saphyr). It parses a
//! file once into a tree of [`Spanned`] nodes, so that every value keeps the
//! line and column serde-saphyr saw, then flattens that tree into a
//! `serde_json::Value` plus a table from JSON pointer to position. Validation
//! works on the value and reports JSON pointers; [`Document::locate`] turns
//! them back into `file:line:column` with the source line.
//!
//! Hostile input is refused before it costs anything: files over
//! [`MAX_FILE_BYTES`] are not read, what is not a regular file (a FIFO would
//! block the read for ever) is never read, and the parser runs under a
//! budget that caps nesting, nodes, aliases and anchors.

use std::collections::HashMap;
use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde::de::{self, DeserializeOwned, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};
use serde_saphyr::{Error as YamlError, Spanned};

use crate::diag::{Code, Diagnostic, Location};

/// The largest profile file profilec reads. Real profiles are a few tens of
/// kilobytes; this leaves room for long free text and refuses absurd files.
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// The deepest nesting a profile needs is five levels; anything far deeper is
/// refused before the parser recurses into it.
const MAX_DEPTH: usize = 32;

/// A file's text, with the name it is reported under.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path as the user gave it (or as found under a folder).
    pub name: String,
    /// The text, without a byte-order mark.
    pub text: String,
    /// Byte offset of the start of each line, so a line is found without
    /// scanning the text again for every value located.
    line_starts: Vec<usize>,
}

impl SourceFile {
    /// A source from text already in memory (tests, stdin, generated corpora).
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        let text = text.into();
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        SourceFile {
            name: name.into(),
            text,
            line_starts,
        }
    }

    /// The text of 1-based line `line`, without its line break.
    pub fn line(&self, line: u32) -> Option<&str> {
        let index = line.checked_sub(1)? as usize;
        let start = *self.line_starts.get(index)?;
        let end = self
            .line_starts
            .get(index + 1)
            .map_or(self.text.len(), |next| next - 1);
        let line = self.text.get(start..end)?;
        Some(line.strip_suffix('\r').unwrap_or(line))
    }

    fn locate(&self, diagnostic: Diagnostic, location: Location) -> Diagnostic {
        let line_text = self.line(location.line).map(str::to_owned);
        diagnostic
            .in_file(self.name.clone())
            .with_location(location, line_text)
    }
}

/// Reads a file as UTF-8 text, refusing what is too large, not text, or not
/// a regular file (reading a FIFO waits for a writer for ever, a device may
/// never end).
pub fn read_source(path: &Path) -> Result<SourceFile, Diagnostic> {
    let bytes = read_limited(path, MAX_FILE_BYTES, PROFILE_FILE)?;
    source_from_bytes(path.display().to_string(), bytes)
}

/// What a profile reader expects, for [`read_limited`]'s messages.
pub const PROFILE_FILE: &str = "the profile's .yaml file, or a folder that holds profiles";

/// Reads a regular file of at most `limit` bytes (and one byte more, so a
/// larger file is seen as larger without reading all of it), refusing
/// anything that is not a regular file as [`read_source`] does. `expected`
/// names what the caller reads ([`PROFILE_FILE`], "the text or the PDF of
/// a legacy profile"), for the hint of a path that is not a file.
pub fn read_limited(path: &Path, limit: u64, expected: &str) -> Result<Vec<u8>, Diagnostic> {
    let name = path.display().to_string();
    let io_error = |e: std::io::Error| {
        Diagnostic::error(Code::Io, format!("cannot read this file: {e}"))
            .with_hint("check that the path exists and that you may read it")
            .in_file(name.clone())
    };
    // A look at the metadata first (it opens nothing), then a check of what
    // was actually opened, in case the path changed in between.
    let meta = std::fs::metadata(path).map_err(io_error)?;
    if let Some(kind) = special_kind(&meta) {
        return Err(not_a_file(kind, name, expected));
    }
    let file = open_without_waiting(path).map_err(io_error)?;
    let meta = file.metadata().map_err(io_error)?;
    if let Some(kind) = special_kind(&meta) {
        return Err(not_a_file(kind, name, expected));
    }
    let mut bytes = Vec::new();
    // Read one byte past the limit, so a file that grows or lies about its
    // size is still caught without reading all of it.
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(io_error)?;
    if bytes.len() as u64 > limit {
        return Err(Diagnostic::error(
            Code::FileTooLarge,
            format!(
                "the file is larger than {} MiB, far more than profilec reads",
                limit.div_ceil(1024 * 1024)
            ),
        )
        .with_hint("check that this is the file you meant")
        .in_file(name));
    }
    Ok(bytes)
}

/// Opens a file for reading. On Unix with `O_NONBLOCK`, so that a path
/// swapped for a FIFO after it was looked at cannot block the open; for a
/// regular file the flag changes nothing.
fn open_without_waiting(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(rustix::fs::OFlags::NONBLOCK.bits() as i32);
    }
    options.open(path)
}

/// What a path is when it is not a regular file (`a FIFO`, `a folder`), or
/// `None` for a regular file.
fn special_kind(meta: &std::fs::Metadata) -> Option<&'static str> {
    let kind = meta.file_type();
    if kind.is_file() {
        return None;
    }
    if kind.is_dir() {
        return Some("a folder");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return Some("a FIFO (named pipe)");
        }
        if kind.is_socket() {
            return Some("a socket");
        }
        if kind.is_char_device() || kind.is_block_device() {
            return Some("a device");
        }
    }
    Some("not a regular file")
}

/// The error for a path named on the command line that is not a file.
fn not_a_file(kind: &str, name: String, expected: &str) -> Diagnostic {
    Diagnostic::error(
        Code::Io,
        format!("this is {kind}, not a regular file; it is not read"),
    )
    .with_hint(format!("give {expected}"))
    .in_file(name)
}

/// Turns bytes into a [`SourceFile`], or says why they are not a profile's text.
pub fn source_from_bytes(name: String, bytes: Vec<u8>) -> Result<SourceFile, Diagnostic> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(Diagnostic::error(
            Code::FileTooLarge,
            format!(
                "the file is larger than {} MiB, far more than any profile needs",
                MAX_FILE_BYTES / (1024 * 1024)
            ),
        )
        .with_hint(
            "check that this is a profile file; split very long free text into shorter paragraphs",
        )
        .in_file(name));
    }
    match String::from_utf8(bytes) {
        Ok(mut text) => {
            if text.starts_with('\u{feff}') {
                text.drain(..'\u{feff}'.len_utf8());
            }
            Ok(SourceFile::new(name, text))
        }
        Err(error) => {
            let bytes = error.as_bytes();
            let valid = &bytes[..error.utf8_error().valid_up_to()];
            // `valid` is valid UTF-8 by construction.
            let before = String::from_utf8_lossy(valid);
            let line = before.matches('\n').count() as u32 + 1;
            let line_start = before.rfind('\n').map_or(0, |i| i + 1);
            let column = before[line_start..].chars().count() as u32 + 1;
            let line_text: String = String::from_utf8_lossy(&bytes[line_start..])
                .lines()
                .next()
                .unwrap_or_default()
                .to_owned();
            Err(Diagnostic::error(
                Code::NotUtf8,
                format!(
                    "the file is not UTF-8 text: invalid byte 0x{:02X}",
                    bytes[valid.len()]
                ),
            )
            .with_hint(
                "save the file as UTF-8 (most editors offer it under \"Save with encoding\")",
            )
            .in_file(name)
            .with_location(
                Location {
                    line,
                    column,
                    length: 1,
                },
                Some(line_text),
            ))
        }
    }
}

/// A parsed profile file: its value, and where every part of it came from.
#[derive(Debug, Clone)]
pub struct Document {
    /// The file's content as JSON data.
    pub value: Value,
    /// Where each part of the value is in the file.
    pub positions: Positions,
}

/// The table of positions of a parsed file: the line and column of every
/// key and value, by JSON pointer, and the file's text to quote.
#[derive(Debug, Clone)]
pub struct Positions {
    source: SourceFile,
    table: HashMap<String, NodePosition>,
}

#[derive(Debug, Clone, Copy)]
struct NodePosition {
    key: Option<Location>,
    value: Location,
}

impl Document {
    /// Places a diagnostic in the file (see [`Positions::locate`]).
    pub fn locate(&self, diagnostic: Diagnostic) -> Diagnostic {
        self.positions.locate(diagnostic)
    }
}

impl Positions {
    /// Fills in the file, line, column and source line of a diagnostic from
    /// its JSON pointer. A pointer to something absent (a missing field)
    /// falls back to its nearest present parent.
    pub fn locate(&self, diagnostic: Diagnostic) -> Diagnostic {
        let Some(path) = diagnostic.path.clone() else {
            return diagnostic.in_file(self.source.name.clone());
        };
        let mut pointer = path.as_str();
        loop {
            if let Some(position) = self.table.get(pointer) {
                let location = match (diagnostic.at_key && pointer == path, position.key) {
                    (true, Some(key)) => key,
                    _ => position.value,
                };
                return self.source.locate(diagnostic, location);
            }
            match pointer.rfind('/') {
                Some(cut) => pointer = &pointer[..cut],
                None => return diagnostic.in_file(self.source.name.clone()),
            }
        }
    }
}

/// Parses a source file's YAML into a [`Document`].
pub fn parse(source: SourceFile) -> Result<Document, Diagnostic> {
    if source.text.trim().is_empty() || only_comments(&source.text) {
        return Err(
            Diagnostic::error(Code::EmptyFile, "the file holds no profile")
                .with_hint("start from an existing profile, or see README.md for the format")
                .in_file(source.name.clone())
                .with_location(
                    Location {
                        line: 1,
                        column: 1,
                        length: 0,
                    },
                    Some(String::new()),
                ),
        );
    }
    let root: Spanned<Node> = serde_saphyr::from_str_with_options(&source.text, options())
        .map_err(|error| yaml_diagnostic(&source, &error))?;
    let mut positions = HashMap::new();
    let mut value_location = to_location(&root, &source);
    if !matches!(root.value, Node::Map(_)) {
        value_location.length = source
            .line(value_location.line)
            .map_or(1, |l| l.chars().count() as u32);
        let found = root.value.kind();
        return Err(source.locate(
            Diagnostic::error(
                Code::NotAMapping,
                format!("the file holds {found}, not a profile"),
            )
            .with_hint(
                "a profile is a mapping of fields: `schema_edition:`, `country:`, `edition:`, …",
            ),
            value_location,
        ));
    }
    let value = flatten(root, String::new(), None, &source, &mut positions)?;
    Ok(Document {
        value,
        positions: Positions {
            source,
            table: positions,
        },
    })
}

fn only_comments(text: &str) -> bool {
    text.lines()
        .map(str::trim)
        .all(|line| line.is_empty() || line.starts_with('#') || line == "---" || line == "...")
}

fn options() -> serde_saphyr::Options {
    serde_saphyr::options! {
        strict_booleans: true,
        with_snippet: false,
        budget: serde_saphyr::budget! {
            max_depth: MAX_DEPTH,
            max_documents: 1,
            max_nodes: 200_000,
            max_events: 400_000,
            max_aliases: 1_000,
            max_anchors: 1_000,
            max_total_scalar_bytes: MAX_FILE_BYTES as usize,
        },
        alias_limits: serde_saphyr::alias_limits! {
            max_total_replayed_events: 10_000,
            max_replay_stack_depth: 8,
            max_alias_expansions_per_anchor: 100,
        },
    }
}

/// Deserializes embedded YAML (the catalogues) into `T`.
pub fn from_yaml_str<T: DeserializeOwned>(text: &str) -> Result<T, impl std::error::Error> {
    serde_saphyr::from_str_with_options(text, options())
}

fn yaml_diagnostic(source: &SourceFile, error: &YamlError) -> Diagnostic {
    let inner = error.without_snippet();
    let (code, message, hint) = match inner {
        YamlError::DuplicateMappingKey { key, .. } => (
            Code::DuplicateKey,
            match key {
                Some(key) => format!("the key `{key}` appears twice in the same mapping"),
                None => "a key appears twice in the same mapping".to_owned(),
            },
            "keep one of them: YAML does not say which would win".to_owned(),
        ),
        YamlError::Budget {
            breach: serde_saphyr::budget::BudgetBreach::Documents { .. },
            ..
        }
        | YamlError::MultipleDocuments { .. } => (
            Code::MultipleDocuments,
            "the file holds more than one YAML document".to_owned(),
            "keep one profile per file; remove the extra `---` line".to_owned(),
        ),
        YamlError::Budget { breach, .. } => (
            Code::YamlLimit,
            format!("the file exceeds a safety limit ({breach:?})"),
            "profiles need no deep nesting and few anchors; check that this is a profile file"
                .to_owned(),
        ),
        YamlError::AliasReplayLimitExceeded { .. }
        | YamlError::AliasExpansionLimitExceeded { .. }
        | YamlError::AliasReplayStackDepthExceeded { .. }
        | YamlError::AliasReplayCounterOverflow { .. } => (
            Code::YamlLimit,
            "aliases in this file expand to too much data".to_owned(),
            "write the values out instead of repeating anchors (`*name`)".to_owned(),
        ),
        YamlError::NonFiniteFloat { value, .. } => (
            Code::WrongType,
            format!("`{value}` is not a finite number"),
            "write a number such as 82.17".to_owned(),
        ),
        YamlError::UnknownAnchor { .. } => (
            Code::YamlSyntax,
            "this alias refers to an anchor that is not defined".to_owned(),
            "define the anchor (`&name`) before using it (`*name`), or write the value out"
                .to_owned(),
        ),
        YamlError::Message { msg, .. } if msg.starts_with(NON_STRING_KEY) => (
            Code::NonStringKey,
            msg.clone(),
            "keys are field names; write them as plain words".to_owned(),
        ),
        other => {
            let text = plain_message(other);
            if text.contains("limit") {
                (
                    Code::YamlLimit,
                    format!("the file exceeds a safety limit: {text}"),
                    "profiles need no deep nesting and few aliases; check that this is a profile file".to_owned(),
                )
            } else if let Some(line) = first_tab_indent(source, other.location()) {
                let diagnostic = Diagnostic::error(
                    Code::TabIndent,
                    "a tab is used for indentation; YAML allows only spaces",
                )
                .with_hint("replace the tabs at the start of the line with spaces");
                let column = source
                    .line(line)
                    .map_or(1, |l| l.find('\t').unwrap_or(0) as u32 + 1);
                return source.locate(
                    diagnostic,
                    Location {
                        line,
                        column,
                        length: 1,
                    },
                );
            } else {
                (
                    Code::YamlSyntax,
                    format!("this is not valid YAML: {text}"),
                    "check the indentation and the `key: value` form around this line".to_owned(),
                )
            }
        }
    };
    let diagnostic = Diagnostic::error(code, message).with_hint(hint);
    match error.location().filter(|l| l.line() > 0) {
        Some(location) => {
            let location = Location {
                line: location.line() as u32,
                column: location.column() as u32,
                length: (location.span().len() as u32).clamp(1, 80),
            };
            source.locate(diagnostic, location)
        }
        None => diagnostic.in_file(source.name.clone()),
    }
}

/// The first line, from a little before the parser's error on, whose
/// indentation holds a tab: parsers report a tab where it breaks the
/// structure, which may be the line before.
fn first_tab_indent(source: &SourceFile, near: Option<serde_saphyr::Location>) -> Option<u32> {
    let from = near.map_or(1, |l| (l.line() as u32).saturating_sub(1).max(1));
    source
        .text
        .split('\n')
        .enumerate()
        .skip(from as usize - 1)
        .take(3)
        .find(|(_, line)| {
            let indent = &line[..line.len() - line.trim_start().len()];
            indent.contains('\t')
        })
        .map(|(i, _)| i as u32 + 1)
}

/// The parser's message without the position suffix it appends, since the
/// diagnostic shows the position itself.
fn plain_message(error: &YamlError) -> String {
    let text = error.to_string();
    let text = match text.find(" at line ") {
        Some(cut) => &text[..cut],
        None => text.as_str(),
    };
    text.trim().trim_end_matches(':').to_owned()
}

fn to_location<T>(spanned: &Spanned<T>, source: &SourceFile) -> Location {
    let at = spanned.referenced;
    let line = at.line() as u32;
    let column = at.column() as u32;
    let length = (at.span().len() as u32).max(1);
    // Clamp the marker to the line: a block value spans several lines.
    let rest = source.line(line).map_or(1, |l| {
        l.chars()
            .count()
            .saturating_sub(column.saturating_sub(1) as usize) as u32
    });
    Location {
        line,
        column,
        length: length.min(rest.max(1)),
    }
}

const NON_STRING_KEY: &str = "a key here is a";

/// A YAML node as the parser gives it, children spanned.
#[derive(Debug)]
enum Node {
    Null,
    Bool(bool),
    Number(Number),
    String(String),
    Seq(Vec<Spanned<Node>>),
    Map(Vec<(Spanned<Node>, Spanned<Node>)>),
}

impl Node {
    fn kind(&self) -> &'static str {
        match self {
            Node::Null => "nothing (null)",
            Node::Bool(_) => "a boolean",
            Node::Number(_) => "a number",
            Node::String(_) => "a text",
            Node::Seq(_) => "a list",
            Node::Map(_) => "a mapping",
        }
    }
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(NodeVisitor)
    }
}

struct NodeVisitor;

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = Node;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_unit<E>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }

    fn visit_none<E>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Node, D::Error> {
        Node::deserialize(deserializer)
    }

    fn visit_bool<E>(self, value: bool) -> Result<Node, E> {
        Ok(Node::Bool(value))
    }

    fn visit_i64<E>(self, value: i64) -> Result<Node, E> {
        Ok(Node::Number(value.into()))
    }

    fn visit_u64<E>(self, value: u64) -> Result<Node, E> {
        Ok(Node::Number(value.into()))
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Node, E> {
        Number::from_f64(value)
            .map(Node::Number)
            .ok_or_else(|| E::custom(format!("`{value}` is not a finite number")))
    }

    fn visit_str<E>(self, value: &str) -> Result<Node, E> {
        Ok(Node::String(value.to_owned()))
    }

    fn visit_string<E>(self, value: String) -> Result<Node, E> {
        Ok(Node::String(value))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Spanned<Node>>()? {
            items.push(item);
        }
        Ok(Node::Seq(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<Spanned<Node>>()? {
            let value = map.next_value::<Spanned<Node>>()?;
            entries.push((key, value));
        }
        Ok(Node::Map(entries))
    }
}

/// Turns a spanned node into a JSON value, recording positions under `pointer`.
fn flatten(
    node: Spanned<Node>,
    pointer: String,
    key: Option<Location>,
    source: &SourceFile,
    positions: &mut HashMap<String, NodePosition>,
) -> Result<Value, Diagnostic> {
    let location = to_location(&node, source);
    positions.insert(
        pointer.clone(),
        NodePosition {
            key,
            value: location,
        },
    );
    Ok(match node.value {
        Node::Null => Value::Null,
        Node::Bool(b) => Value::Bool(b),
        Node::Number(n) => Value::Number(n),
        Node::String(s) => Value::String(s),
        Node::Seq(items) => Value::Array(
            items
                .into_iter()
                .enumerate()
                .map(|(i, item)| flatten(item, format!("{pointer}/{i}"), None, source, positions))
                .collect::<Result<_, _>>()?,
        ),
        Node::Map(entries) => {
            let mut map = Map::new();
            for (key_node, value) in entries {
                let key_location = to_location(&key_node, source);
                let name = match key_node.value {
                    Node::String(s) => s,
                    Node::Number(n) => n.to_string(),
                    Node::Bool(b) => b.to_string(),
                    other => {
                        return Err(source.locate(
                            Diagnostic::error(
                                Code::NonStringKey,
                                format!("{NON_STRING_KEY} {}, not a field name", other.kind()),
                            )
                            .with_hint("keys are field names; write them as plain words"),
                            key_location,
                        ));
                    }
                };
                let child = format!("{pointer}/{}", escape_pointer(&name));
                let value = flatten(value, child, Some(key_location), source, positions)?;
                map.insert(name, value);
            }
            Value::Object(map)
        }
    })
}

/// Escapes a key for use in a JSON pointer (RFC 6901).
pub fn escape_pointer(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

/// Expands files and folders into the profile files to read, sorted. Folders
/// are searched recursively for `.yaml` and `.yml` files; hidden entries are
/// skipped, and so are entries that are not regular files (a FIFO named
/// `x.yaml`), with a `not-a-file` warning. A path that does not exist is
/// reported, and the rest still read.
pub fn collect_profiles(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => walk(path, &mut files, &mut problems),
            Ok(_) => files.push(path.clone()),
            Err(e) => problems.push(
                Diagnostic::error(Code::Io, format!("cannot read `{}`: {e}", path.display()))
                    .with_hint("check the path; give profile files or folders that hold them"),
            ),
        }
    }
    files.sort();
    files.dedup();
    (files, problems)
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>, problems: &mut Vec<Diagnostic>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            problems.push(Diagnostic::error(
                Code::Io,
                format!("cannot read folder `{}`: {e}", dir.display()),
            ));
            return;
        }
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let hidden = entry.file_name().to_string_lossy().starts_with('.');
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if hidden {
            continue;
        }
        if kind.is_dir() {
            walk(&path, files, problems);
        } else if matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("yaml" | "yml")
        ) {
            // A FIFO, socket or device named like a profile would hang or
            // flood the read: skipped, with a warning. The metadata (which
            // follows a link) is read without opening anything; a broken
            // link is kept, for the read to report.
            let special = if kind.is_file() {
                None
            } else {
                std::fs::metadata(&path).ok().and_then(|m| special_kind(&m))
            };
            match special {
                None => files.push(path),
                Some(what) => problems.push(
                    Diagnostic::warning(
                        Code::NotAFile,
                        format!("this is {what}, not a profile file: skipped"),
                    )
                    .with_hint("profiles are regular files; remove it, or rename it so that it does not end in .yaml")
                    .in_file(path.display().to_string()),
                ),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> Result<Document, Diagnostic> {
        parse(SourceFile::new("t.yaml", text))
    }

    #[test]
    fn values_keep_their_positions() {
        let document = doc("a: 1\nb:\n  c: [x, y]\n  d: no\n").unwrap();
        assert_eq!(
            document.value["b"]["d"], "no",
            "strict booleans keep `no` a string"
        );
        let found = document.locate(Diagnostic::error(Code::BadValue, "m").at("/b/c/1"));
        assert_eq!(found.location.map(|l| (l.line, l.column)), Some((3, 10)));
        let key = document.locate(Diagnostic::error(Code::UnknownField, "m").at_key("/b/d"));
        assert_eq!(
            key.location.map(|l| (l.line, l.column, l.length)),
            Some((4, 3, 1))
        );
        assert_eq!(key.line_text.as_deref(), Some("  d: no"));
    }

    #[test]
    fn absent_paths_fall_back_to_their_parent() {
        let document = doc("a: 1\nb:\n  c: 2\n").unwrap();
        let found = document.locate(Diagnostic::error(Code::MissingField, "m").at("/b/zzz"));
        assert_eq!(found.location.map(|l| l.line), Some(3));
    }

    #[test]
    fn duplicate_keys_are_refused_with_their_line() {
        let error = doc("a: 1\nb: 2\na: 3\n").unwrap_err();
        assert_eq!(error.code, Code::DuplicateKey);
        assert_eq!(error.location.map(|l| l.line), Some(3));
    }

    #[test]
    fn a_list_at_the_root_is_not_a_profile() {
        assert_eq!(doc("- a\n- b\n").unwrap_err().code, Code::NotAMapping);
        assert_eq!(doc("just text\n").unwrap_err().code, Code::NotAMapping);
        assert_eq!(doc("# only a comment\n").unwrap_err().code, Code::EmptyFile);
    }

    #[test]
    fn invalid_utf8_is_located() {
        let error = source_from_bytes("t".into(), b"a: 1\nb: caf\xE9\n".to_vec()).unwrap_err();
        assert_eq!(error.code, Code::NotUtf8);
        assert_eq!(error.location.map(|l| (l.line, l.column)), Some((2, 7)));
    }

    #[test]
    fn pointers_escape_slashes_and_tildes() {
        assert_eq!(escape_pointer("a/b~c"), "a~1b~0c");
    }
}
