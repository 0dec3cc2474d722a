//! Diagnostics: what is wrong with an input, where, and how to fix it.
//!
//! A [`Diagnostic`] is data. The stage that finds a problem fills in what it
//! knows (code, message, hint, and a JSON pointer into the profile); `load`
//! adds the file, the line and column and the offending source line. One
//! printer turns a list of them into text for people (rustc style, through
//! annotate-snippets) or JSON for CI. Codes are stable: tools and tests match
//! on them, and `docs/diagnostics.md` lists them all.

use std::fmt;

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};
use serde::Serialize;

use crate::wording::count;

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The input is invalid: the command does not produce its output.
    Error,
    /// The input is valid but weak; the command goes on.
    Warning,
}

/// A stable diagnostic code. The text form (`unknown-field`) is the interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Code {
    /// A file or folder could not be read.
    Io,
    /// The file is larger than profilec reads.
    FileTooLarge,
    /// The file is not UTF-8 text.
    NotUtf8,
    /// The file holds no YAML document.
    EmptyFile,
    /// The YAML is malformed.
    YamlSyntax,
    /// A tab is used for indentation.
    TabIndent,
    /// A key appears twice in one mapping.
    DuplicateKey,
    /// The file exceeds a safety limit (aliases, nesting, size).
    YamlLimit,
    /// The file holds more than one YAML document.
    MultipleDocuments,
    /// The document's root is not a mapping.
    NotAMapping,
    /// A mapping key is not a plain string.
    NonStringKey,
    /// A field that the format does not have.
    UnknownField,
    /// An indicator that the edition does not have.
    UnknownIndicator,
    /// A required field is absent.
    MissingField,
    /// An indicator of the edition is absent.
    MissingIndicator,
    /// A value of the wrong type.
    WrongType,
    /// A status that is not one of yes, partial, no, unknown.
    BadStatus,
    /// An edition that profilec does not know.
    UnknownEdition,
    /// A value outside its allowed set.
    BadValue,
    /// A number outside its range.
    OutOfRange,
    /// A value of the wrong form (code, identifier).
    BadFormat,
    /// An empty text or list where something is required.
    EmptyValue,
    /// A date that is not a real calendar date.
    BadDate,
    /// A date in the future.
    FutureDate,
    /// An ISO 3166-1 code that does not exist.
    BadCountryCode,
    /// Alpha-2 and alpha-3 codes of different countries.
    CountryCodeMismatch,
    /// A malformed URL.
    BadUrl,
    /// An indicator cites a source that is not defined.
    UnknownSource,
    /// A `yes` answer without the names its standard sentence needs.
    NeedsNames,
    /// A `partial` answer without text.
    PartialWithoutText,
    /// A `yes` answer that names nothing and says nothing.
    WeakAnswer,
    /// An indicator that names no source.
    NoSource,
    /// A source that no indicator cites.
    UnusedSource,
    /// The same name listed twice.
    DuplicateEntry,
    /// A character the PDF's font cannot show.
    MissingGlyph,
    /// Two profiles of different editions of the ITU schema compared.
    EditionMismatch,
    /// `import`: the input is not an ITU Cyberwellness Profile.
    NotAProfile,
    /// `import`: a PDF without a text layer (scanned pages).
    NoTextLayer,
    /// `import`: a PDF that cannot be read.
    BadPdf,
    /// `import`: a part every profile needs (country, figures, date) is not in the text.
    ImportIncomplete,
    /// `import`: something the importer had to guess, such as a status.
    ImportGuess,
    /// `import`: an indicator that the legacy text does not have.
    ImportMissing,
    /// `import`: text that belongs to no indicator and was left out.
    ImportSkipped,
    /// A template failed to parse or render.
    Template,
    /// An output file could not be written.
    Output,
    /// Two profiles hold the same country's same edition year.
    DuplicateEdition,
    /// A defect in profilec itself.
    Internal,
    /// An entry named like a profile that is not a regular file (a FIFO).
    NotAFile,
    /// `build`: the previous GCI edition's profile beside a GCI profile
    /// cannot be used to show the change since it.
    PreviousEdition,
    /// A background figure the profile does not give.
    MissingFigure,
    /// A publisher that names the catalogue's publisher in other words.
    PublisherName,
    /// An answer carried over from an earlier edition, not yet re-sourced.
    CarriedOver,
    /// `new`: a country that no ISO 3166-1 name or code names.
    UnknownCountry,
}

impl Code {
    /// Every code, for documentation and tests.
    pub const ALL: [Code; 53] = [
        Code::Io,
        Code::FileTooLarge,
        Code::NotUtf8,
        Code::EmptyFile,
        Code::YamlSyntax,
        Code::TabIndent,
        Code::DuplicateKey,
        Code::YamlLimit,
        Code::MultipleDocuments,
        Code::NotAMapping,
        Code::NonStringKey,
        Code::UnknownField,
        Code::UnknownIndicator,
        Code::MissingField,
        Code::MissingIndicator,
        Code::WrongType,
        Code::BadStatus,
        Code::UnknownEdition,
        Code::BadValue,
        Code::OutOfRange,
        Code::BadFormat,
        Code::EmptyValue,
        Code::BadDate,
        Code::FutureDate,
        Code::BadCountryCode,
        Code::CountryCodeMismatch,
        Code::BadUrl,
        Code::UnknownSource,
        Code::NeedsNames,
        Code::PartialWithoutText,
        Code::WeakAnswer,
        Code::NoSource,
        Code::UnusedSource,
        Code::DuplicateEntry,
        Code::MissingGlyph,
        Code::EditionMismatch,
        Code::NotAProfile,
        Code::NoTextLayer,
        Code::BadPdf,
        Code::ImportIncomplete,
        Code::ImportGuess,
        Code::ImportMissing,
        Code::ImportSkipped,
        Code::Template,
        Code::Output,
        Code::DuplicateEdition,
        Code::Internal,
        Code::NotAFile,
        Code::PreviousEdition,
        Code::MissingFigure,
        Code::PublisherName,
        Code::CarriedOver,
        Code::UnknownCountry,
    ];

    /// The stable text of the code.
    pub fn as_str(self) -> &'static str {
        match self {
            Code::Io => "io",
            Code::FileTooLarge => "file-too-large",
            Code::NotUtf8 => "not-utf8",
            Code::EmptyFile => "empty-file",
            Code::YamlSyntax => "yaml-syntax",
            Code::TabIndent => "tab-indent",
            Code::DuplicateKey => "duplicate-key",
            Code::YamlLimit => "yaml-limit",
            Code::MultipleDocuments => "multiple-documents",
            Code::NotAMapping => "not-a-mapping",
            Code::NonStringKey => "non-string-key",
            Code::UnknownField => "unknown-field",
            Code::UnknownIndicator => "unknown-indicator",
            Code::MissingField => "missing-field",
            Code::MissingIndicator => "missing-indicator",
            Code::WrongType => "wrong-type",
            Code::BadStatus => "bad-status",
            Code::UnknownEdition => "unknown-edition",
            Code::BadValue => "bad-value",
            Code::OutOfRange => "out-of-range",
            Code::BadFormat => "bad-format",
            Code::EmptyValue => "empty-value",
            Code::BadDate => "bad-date",
            Code::FutureDate => "future-date",
            Code::BadCountryCode => "bad-country-code",
            Code::CountryCodeMismatch => "country-code-mismatch",
            Code::BadUrl => "bad-url",
            Code::UnknownSource => "unknown-source",
            Code::NeedsNames => "needs-names",
            Code::PartialWithoutText => "partial-without-text",
            Code::WeakAnswer => "weak-answer",
            Code::NoSource => "no-source",
            Code::UnusedSource => "unused-source",
            Code::DuplicateEntry => "duplicate-entry",
            Code::MissingGlyph => "missing-glyph",
            Code::EditionMismatch => "edition-mismatch",
            Code::NotAProfile => "not-a-profile",
            Code::NoTextLayer => "no-text-layer",
            Code::BadPdf => "bad-pdf",
            Code::ImportIncomplete => "import-incomplete",
            Code::ImportGuess => "import-guess",
            Code::ImportMissing => "import-missing",
            Code::ImportSkipped => "import-skipped",
            Code::Template => "template",
            Code::Output => "output",
            Code::DuplicateEdition => "duplicate-edition",
            Code::Internal => "internal",
            Code::NotAFile => "not-a-file",
            Code::PreviousEdition => "previous-edition",
            Code::MissingFigure => "missing-figure",
            Code::PublisherName => "publisher-name",
            Code::CarriedOver => "carried-over",
            Code::UnknownCountry => "unknown-country",
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// A position in a source file: 1-based line and column (in characters), and
/// the length in characters of what is marked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Location {
    /// 1-based line.
    pub line: u32,
    /// 1-based column, in characters.
    pub column: u32,
    /// How many characters to mark (at least one where the line has any).
    #[serde(skip)]
    pub length: u32,
}

/// One problem found in an input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The stable code.
    pub code: Code,
    /// The file, as the user named it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// Where in the file.
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    /// The JSON pointer of the value in the profile (`/technical/cirt/status`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    /// The name the input most likely meant, where it looks like a typo
    /// (`sources` for `sourcse`): data, for tools and for other checks.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suggestion: Option<String>,
    /// The field that is missing, for a diagnostic about one (its `path` is
    /// the mapping it is missing from).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub missing: Option<String>,
    /// The offending source line, for the printer.
    #[serde(skip)]
    pub line_text: Option<String>,
    /// Whether the location points at the key of `path` rather than its value.
    #[serde(skip)]
    pub at_key: bool,
}

impl Diagnostic {
    /// A new error with a code and a message.
    pub fn error(code: Code, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, code, message)
    }

    /// A new warning with a code and a message.
    pub fn warning(code: Code, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, code, message)
    }

    fn new(severity: Severity, code: Code, message: impl Into<String>) -> Self {
        Diagnostic {
            severity,
            code,
            file: None,
            location: None,
            path: None,
            message: message.into(),
            hint: None,
            suggestion: None,
            missing: None,
            line_text: None,
            at_key: false,
        }
    }

    /// Suggests the name the input most likely meant; the hint says it
    /// ("did you mean `sources`?") unless another hint is given after.
    pub fn with_suggestion(mut self, suggestion: impl Into<String>) -> Self {
        let suggestion = suggestion.into();
        self.hint = Some(format!("did you mean `{suggestion}`?"));
        self.suggestion = Some(suggestion);
        self
    }

    /// Names the field this diagnostic says is missing.
    pub fn missing(mut self, field: impl Into<String>) -> Self {
        self.missing = Some(field.into());
        self
    }

    /// Adds how to fix it.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Points at the value at this JSON pointer.
    pub fn at(mut self, path: impl Into<String>) -> Self {
        self.path = Some(path.into());
        self
    }

    /// Points at the key (not the value) at this JSON pointer.
    pub fn at_key(mut self, path: impl Into<String>) -> Self {
        self.path = Some(path.into());
        self.at_key = true;
        self
    }

    /// Names the file.
    pub fn in_file(mut self, file: impl Into<String>) -> Self {
        self.file = Some(file.into());
        self
    }

    /// Sets the position and the offending line.
    pub fn with_location(mut self, location: Location, line_text: Option<String>) -> Self {
        self.location = Some(location);
        self.line_text = line_text;
        self
    }

    /// Whether this is an error.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// A value with the warnings raised while making it: what a stage that
/// can go on despite a problem returns (a document with a character its
/// font lacks, an import with guessed statuses, a site without its feed).
#[derive(Debug, Clone, PartialEq)]
pub struct Warned<T> {
    /// The value.
    pub output: T,
    /// What did not stop it. Each names what it concerns: a file, or a
    /// field of a profile (`path`) for the caller to place in its file.
    pub warnings: Vec<Diagnostic>,
}

impl<T> Warned<T> {
    /// A value with no warnings.
    pub fn new(output: T) -> Self {
        Warned {
            output,
            warnings: Vec::new(),
        }
    }

    /// A value with these warnings.
    pub fn with(output: T, warnings: Vec<Diagnostic>) -> Self {
        Warned { output, warnings }
    }

    /// The value, transformed; the warnings kept.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Warned<U> {
        Warned {
            output: f(self.output),
            warnings: self.warnings,
        }
    }
}

/// How a command ends, as `grep` and `diff` report it: the process exit
/// code follows from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Exit {
    /// 0: success; for `diff`, no differences.
    Success,
    /// 1: invalid input; for `diff`, differences found.
    Failure,
    /// 2: a usage or I/O error.
    Error,
}

impl Exit {
    /// The process exit code.
    pub fn code(self) -> u8 {
        match self {
            Exit::Success => 0,
            Exit::Failure => 1,
            Exit::Error => 2,
        }
    }

    /// The exit for a list of problems: 2 if one is an I/O or output
    /// problem (the input could not be read, or the result written), 1 if
    /// one is an error in the input, 0 when there are only warnings.
    pub fn of(diagnostics: &[Diagnostic]) -> Exit {
        if diagnostics
            .iter()
            .any(|d| d.is_error() && matches!(d.code, Code::Io | Code::Output))
        {
            Exit::Error
        } else if diagnostics.iter().any(Diagnostic::is_error) {
            Exit::Failure
        } else {
            Exit::Success
        }
    }
}

/// Counts over a run, for the one-line summary.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Files read.
    pub files: usize,
    /// Errors found.
    pub errors: usize,
    /// Warnings found.
    pub warnings: usize,
}

impl Summary {
    /// Counts the diagnostics of `files` files.
    pub fn of(files: usize, diagnostics: &[Diagnostic]) -> Self {
        let errors = diagnostics.iter().filter(|d| d.is_error()).count();
        Summary {
            files,
            errors,
            warnings: diagnostics.len() - errors,
        }
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}, {}, {}",
            count(self.files, "file", "files"),
            count(self.errors, "error", "errors"),
            count(self.warnings, "warning", "warnings")
        )
    }
}

/// Renders diagnostics for people: the message with its code, `file:line:col`,
/// the offending line with a marker under the problem, and the hint. ANSI
/// styles are included when `styled`; the caller decides (terminal, `NO_COLOR`).
pub fn render_human(diagnostics: &[Diagnostic], styled: bool) -> String {
    let renderer = if styled {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut out = String::new();
    for diagnostic in diagnostics {
        out.push_str(&renderer.render(&report(diagnostic)));
        out.push_str("\n\n");
    }
    out
}

fn report(d: &Diagnostic) -> Vec<Group<'_>> {
    let level = match d.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let title = level
        .primary_title(escape_controls(&d.message, true))
        .id(d.code.as_str());
    let mut group = match (&d.file, d.location, &d.line_text) {
        (Some(file), Some(location), Some(line)) => {
            let span = byte_span(line, location);
            title.element(
                Snippet::source(line.as_str())
                    .line_start(location.line as usize)
                    .path(escape_controls(file, false))
                    .annotation(AnnotationKind::Primary.span(span)),
            )
        }
        (Some(file), Some(location), None) => title.element(
            Origin::path(escape_controls(file, false))
                .line(location.line as usize)
                .char_column(location.column.saturating_sub(1) as usize),
        ),
        (Some(file), None, _) => title.element(Origin::path(escape_controls(file, false))),
        _ => Group::with_title(title),
    };
    if let Some(hint) = &d.hint {
        group = group.element(Level::HELP.message(escape_controls(hint, true)));
    }
    vec![group]
}

/// Writes the control characters of `text` (an escape sequence, a carriage
/// return) as Rust escapes (`\u{1b}`), so that a file name, shown alone or
/// quoted in a message, cannot move the cursor, color the terminal or fake
/// a line of the report. Line breaks of a message are kept when `lines`.
fn escape_controls(text: &str, lines: bool) -> std::borrow::Cow<'_, str> {
    let escaped = |c: char| c.is_control() && !(lines && c == '\n');
    if !text.chars().any(escaped) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if escaped(c) {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// The byte range in `line` of the characters `location` marks.
fn byte_span(line: &str, location: Location) -> std::ops::Range<usize> {
    let start_char = location.column.saturating_sub(1) as usize;
    let length = location.length.max(1) as usize;
    let byte_at = |chars: usize| {
        line.char_indices()
            .nth(chars)
            .map_or(line.len(), |(index, _)| index)
    };
    let start = byte_at(start_char);
    let end = byte_at(start_char + length).max(start);
    start..end
}

/// The JSON report of a run: the summary and every diagnostic.
#[derive(Debug, Serialize)]
pub struct JsonReport<'a> {
    /// Counts.
    #[serde(flatten)]
    pub summary: Summary,
    /// Every diagnostic, in the order found.
    pub diagnostics: &'a [Diagnostic],
}

/// Renders diagnostics and their summary as pretty JSON.
pub fn render_json(summary: Summary, diagnostics: &[Diagnostic]) -> String {
    let report = JsonReport {
        summary,
        diagnostics,
    };
    serde_json::to_string_pretty(&report).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Diagnostic {
        Diagnostic::error(
            Code::UnknownField,
            "unknown field `sourcse` in indicator 1.2.1",
        )
        .with_hint("did you mean `sources`?")
        .at_key("/technical/cirt/sourcse")
        .in_file("profiles/x.yaml")
        .with_location(
            Location {
                line: 42,
                column: 5,
                length: 7,
            },
            Some("    sourcse: [itu]".into()),
        )
    }

    #[test]
    fn human_output_names_file_line_column_and_marks_the_problem() {
        let text = render_human(&[sample()], false);
        assert!(
            text.contains("error[unknown-field]: unknown field `sourcse`"),
            "{text}"
        );
        assert!(text.contains("profiles/x.yaml:42:5"), "{text}");
        assert!(text.contains("42 |     sourcse: [itu]"), "{text}");
        assert!(text.contains("^^^^^^^"), "{text}");
        assert!(text.contains("help: did you mean `sources`?"), "{text}");
    }

    #[test]
    fn control_characters_in_names_and_messages_are_escaped() {
        let d = Diagnostic::error(Code::Io, "cannot read `a\u{1b}[2Jb`\nsecond line")
            .with_hint("rename `x\ry`")
            .in_file("pro\u{1b}[31mfiles/\u{9b}x\ny.yaml");
        let text = render_human(&[d], false);
        assert!(!text.contains(['\u{1b}', '\u{9b}', '\r']), "{text:?}");
        assert!(
            text.contains("pro\\u{1b}[31mfiles/\\u{9b}x\\ny.yaml"),
            "{text}"
        );
        assert!(text.contains("cannot read `a\\u{1b}[2Jb`\n"), "{text}");
        assert!(text.contains("rename `x\\ry`"), "{text}");
        assert_eq!(escape_controls("plain/name.yaml", false), "plain/name.yaml");
    }

    #[test]
    fn markers_count_characters_not_bytes() {
        assert_eq!(
            byte_span(
                "  nom: Côte d’Ivoire",
                Location {
                    line: 1,
                    column: 8,
                    length: 13
                }
            ),
            7..23
        );
    }

    #[test]
    fn json_output_has_stable_fields() {
        let diagnostics = [sample()];
        let json: serde_json::Value =
            serde_json::from_str(&render_json(Summary::of(1, &diagnostics), &diagnostics)).unwrap();
        assert_eq!(json["files"], 1);
        assert_eq!(json["errors"], 1);
        let d = &json["diagnostics"][0];
        assert_eq!(d["severity"], "error");
        assert_eq!(d["code"], "unknown-field");
        assert_eq!(d["line"], 42);
        assert_eq!(d["column"], 5);
        assert_eq!(d["path"], "/technical/cirt/sourcse");
    }

    #[test]
    fn codes_are_unique_kebab_case() {
        let mut seen = std::collections::BTreeSet::new();
        for code in Code::ALL {
            let text = code.as_str();
            assert!(
                text.chars()
                    .all(|c| c.is_ascii_lowercase() || c == '-' || c.is_ascii_digit())
            );
            assert!(seen.insert(text), "{text} twice");
        }
    }

    #[test]
    fn summary_reads_naturally() {
        assert_eq!(
            Summary {
                files: 1,
                errors: 0,
                warnings: 2
            }
            .to_string(),
            "1 file, 0 errors, 2 warnings"
        );
    }
}
