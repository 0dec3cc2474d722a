//! The templates: built-in ones embedded from `templates/`, and a
//! publisher's overrides, which win by file name.
//!
//! Overrides are read from a folder; every file in it (searched
//! recursively, named by its path relative to the folder) replaces the
//! built-in template of the same name or adds a new one that others may
//! include. All of them go into one Tera instance, so an override may
//! extend or include built-in templates and the other way round. A
//! template is compiled when it is first rendered ([`Templates`]).

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::RwLock;

use sha2::{Digest, Sha256};

use tera::{Context, Tera};

use super::RenderError;
use super::sentences::and_list;
use crate::diag::{Code, Diagnostic};

/// The Markdown document of a profile.
pub const PROFILE_MD: &str = "profile.md.tera";
/// The HTML page of a profile.
pub const PROFILE_HTML: &str = "profile.html.tera";

/// The Markdown document of a GCI country profile.
pub const GCI_MD: &str = "gci.md.tera";
/// The HTML page of a GCI country profile.
pub const GCI_HTML: &str = "gci.html.tera";
/// The GCI country profile's styles, added after `style.css`.
pub const GCI_CSS: &str = "gci.css";

/// The Markdown change report between two profiles.
pub const DIFF_MD: &str = "diff.md.tera";
/// The Markdown change report between two GCI profiles.
pub const DIFF_GCI_MD: &str = "diff-gci.md.tera";
/// The HTML page of a change report.
pub const DIFF_HTML: &str = "diff.html.tera";
/// The profile document's stylesheet (also the base of the site's).
pub const STYLE_CSS: &str = "style.css";
/// The site's layout, which every site page extends.
pub const SITE_BASE: &str = "site/base.html.tera";
/// The site's home page.
pub const SITE_HOME: &str = "site/home.html.tera";
/// A country's page: its latest edition in full.
pub const SITE_COUNTRY: &str = "site/country.html.tera";
/// The page of one edition.
pub const SITE_EDITION: &str = "site/edition.html.tera";
/// The document part of the country and edition pages.
pub const SITE_DOCUMENT: &str = "site/document.html.tera";
/// The note after an old statement's status line on the site.
pub const SITE_STALE: &str = "site/stale.html.tera";
/// The change report between two editions of a country.
pub const SITE_CHANGES: &str = "site/changes.html.tera";
/// The list of every change report.
pub const SITE_CHANGES_INDEX: &str = "site/changes-index.html.tera";
/// The countries × indicators matrix.
pub const SITE_MATRIX: &str = "site/matrix.html.tera";
/// One indicator, every country's answer.
pub const SITE_INDICATOR: &str = "site/indicator.html.tera";
/// The search page.
pub const SITE_SEARCH: &str = "site/search.html.tera";
/// The page for a missing address.
pub const SITE_404: &str = "site/404.html.tera";
/// The sitemap.
pub const SITE_SITEMAP: &str = "site/sitemap.xml.tera";
/// The Atom feed of editions.
pub const SITE_FEED: &str = "site/feed.xml.tera";
/// The site's styles, added after `style.css`.
pub const SITE_CSS: &str = "site/site.css";
/// The script of every site page: sortable, filterable tables.
pub const SITE_JS: &str = "site/site.js";
/// The search script.
pub const SITE_SEARCH_JS: &str = "site/search.js";
/// The results of a GCI edition: every country.
pub const SITE_GCI_RESULTS: &str = "site/gci-results.html.tera";
/// The countries of each tier of a GCI edition.
pub const SITE_GCI_TIERS: &str = "site/gci-tiers.html.tera";
/// The page of an ITU-D region.
pub const SITE_REGION: &str = "site/region.html.tera";
/// The country page of a country with GCI profiles only.
pub const SITE_GCI_COUNTRY: &str = "site/gci-country.html.tera";
/// A country's page of one GCI profile.
pub const SITE_GCI_PROFILE: &str = "site/gci-profile.html.tera";
/// The macros of the GCI pages: placings, charts, the scorecard.
pub const SITE_GCI_MACROS: &str = "site/gci-macros.html.tera";

/// The built-in templates: `(name, contents)`.
pub const BUILTIN: &[(&str, &str)] = &[
    (PROFILE_MD, include_str!("../../templates/profile.md.tera")),
    (
        PROFILE_HTML,
        include_str!("../../templates/profile.html.tera"),
    ),
    (GCI_MD, include_str!("../../templates/gci.md.tera")),
    (GCI_HTML, include_str!("../../templates/gci.html.tera")),
    (GCI_CSS, include_str!("../../templates/gci.css")),
    (DIFF_MD, include_str!("../../templates/diff.md.tera")),
    (DIFF_HTML, include_str!("../../templates/diff.html.tera")),
    (
        DIFF_GCI_MD,
        include_str!("../../templates/diff-gci.md.tera"),
    ),
    (
        "pdf-header.tera",
        include_str!("../../templates/pdf-header.tera"),
    ),
    (
        "pdf-footer.tera",
        include_str!("../../templates/pdf-footer.tera"),
    ),
    (
        "pdf-metadata.yaml",
        include_str!("../../templates/pdf-metadata.yaml"),
    ),
    (
        "pdf-style.yaml",
        include_str!("../../templates/pdf-style.yaml"),
    ),
    (STYLE_CSS, include_str!("../../templates/style.css")),
    (
        SITE_BASE,
        include_str!("../../templates/site/base.html.tera"),
    ),
    (
        SITE_HOME,
        include_str!("../../templates/site/home.html.tera"),
    ),
    (
        SITE_COUNTRY,
        include_str!("../../templates/site/country.html.tera"),
    ),
    (
        SITE_EDITION,
        include_str!("../../templates/site/edition.html.tera"),
    ),
    (
        SITE_DOCUMENT,
        include_str!("../../templates/site/document.html.tera"),
    ),
    (
        SITE_STALE,
        include_str!("../../templates/site/stale.html.tera"),
    ),
    (
        SITE_CHANGES,
        include_str!("../../templates/site/changes.html.tera"),
    ),
    (
        SITE_CHANGES_INDEX,
        include_str!("../../templates/site/changes-index.html.tera"),
    ),
    (
        SITE_MATRIX,
        include_str!("../../templates/site/matrix.html.tera"),
    ),
    (
        SITE_INDICATOR,
        include_str!("../../templates/site/indicator.html.tera"),
    ),
    (
        SITE_SEARCH,
        include_str!("../../templates/site/search.html.tera"),
    ),
    (SITE_404, include_str!("../../templates/site/404.html.tera")),
    (
        SITE_SITEMAP,
        include_str!("../../templates/site/sitemap.xml.tera"),
    ),
    (
        SITE_FEED,
        include_str!("../../templates/site/feed.xml.tera"),
    ),
    (SITE_CSS, include_str!("../../templates/site/site.css")),
    (SITE_JS, include_str!("../../templates/site/site.js")),
    (
        SITE_SEARCH_JS,
        include_str!("../../templates/site/search.js"),
    ),
    (
        SITE_GCI_RESULTS,
        include_str!("../../templates/site/gci-results.html.tera"),
    ),
    (
        SITE_GCI_TIERS,
        include_str!("../../templates/site/gci-tiers.html.tera"),
    ),
    (
        SITE_REGION,
        include_str!("../../templates/site/region.html.tera"),
    ),
    (
        SITE_GCI_COUNTRY,
        include_str!("../../templates/site/gci-country.html.tera"),
    ),
    (
        SITE_GCI_PROFILE,
        include_str!("../../templates/site/gci-profile.html.tera"),
    ),
    (
        SITE_GCI_MACROS,
        include_str!("../../templates/site/gci-macros.html.tera"),
    ),
];

/// The templates, each compiled on first use, with where each came from
/// (for error messages).
///
/// A process pays only for the templates it renders: `build -f md`
/// compiles the Markdown template, not the site's twenty. The first render
/// of a template compiles it with every template it extends, includes or
/// imports (found in its text), into the one Tera instance all renders
/// share; each template is parsed once. Overrides (`--templates`) are all
/// compiled at once instead, so that a mistake in any of them is reported
/// with its file and line before anything is built.
pub struct Templates {
    /// Template name → (file it was read from, its text); built-ins have no file.
    sources: BTreeMap<String, (Option<PathBuf>, String)>,
    /// The templates compiled so far.
    tera: RwLock<Tera>,
}

impl Templates {
    /// The built-in templates only.
    pub fn builtin() -> Result<Self, RenderError> {
        Ok(Self::lazy(
            BUILTIN
                .iter()
                .map(|(name, text)| (name.to_string(), (None, text.to_string())))
                .collect(),
        ))
    }

    /// The built-in templates, with those in `dir` taking their place.
    pub fn with_overrides(dir: &Path) -> Result<Self, Diagnostic> {
        let mut sources: BTreeMap<String, (Option<PathBuf>, String)> = BUILTIN
            .iter()
            .map(|(name, text)| (name.to_string(), (None, text.to_string())))
            .collect();
        let mut files = Vec::new();
        collect_files(dir, dir, &mut files).map_err(|e| {
            Diagnostic::error(Code::Io, format!("cannot read the templates folder: {e}"))
                .with_hint("give --templates a folder that holds .tera templates")
                .in_file(dir.display().to_string())
        })?;
        for (name, path) in files {
            let text = std::fs::read_to_string(&path).map_err(|e| {
                Diagnostic::error(Code::Io, format!("cannot read this template: {e}"))
                    .with_hint("templates are UTF-8 text files")
                    .in_file(path.display().to_string())
            })?;
            sources.insert(name, (Some(path), text));
        }
        let templates = Self::lazy(sources);
        let all: Vec<String> = templates.sources.keys().cloned().collect();
        templates
            .load(&all)
            .map_err(|e| e.to_diagnostic(Some(&templates)))?;
        Ok(templates)
    }

    fn lazy(sources: BTreeMap<String, (Option<PathBuf>, String)>) -> Self {
        let mut tera = Tera::default();
        // Tera escapes by the template's final suffix; ours end in `.tera`.
        tera.autoescape_on(vec![".html.tera", ".xml.tera", ".svg.tera"]);
        tera.set_escape_fn(escape_markup);
        tera.register_filter("and_list", and_list);
        tera.register_function("mark", super::marks::tera_mark);
        Templates {
            sources,
            tera: RwLock::new(tera),
        }
    }

    /// Compiles `names` and every template they use, those not compiled yet.
    fn load(&self, names: &[String]) -> Result<(), RenderError> {
        let mut tera = self
            .tera
            .write()
            .map_err(|_| RenderError::Output("the templates' lock was poisoned".to_owned()))?;
        let mut wanted: Vec<&str> = names.iter().map(String::as_str).collect();
        let mut new: BTreeMap<&str, &str> = BTreeMap::new();
        while let Some(name) = wanted.pop() {
            if tera.templates.contains_key(name) || new.contains_key(name) {
                continue;
            }
            // A name no source has is left to Tera, which says it is missing.
            let Some((_, text)) = self.sources.get(name) else {
                continue;
            };
            new.insert(name, text);
            wanted.extend(used_templates(text));
        }
        if new.is_empty() {
            return Ok(());
        }
        let first = new.keys().next().map(|n| n.to_string()).unwrap_or_default();
        tera.add_raw_templates(new)
            .map_err(|e| RenderError::from_tera(&e, &first))
    }

    /// Renders the template `name`, compiling it first if it is its first use.
    pub fn render(&self, name: &str, context: &Context) -> Result<String, RenderError> {
        RECORDED.with(|recorded| {
            if let Some(names) = recorded.borrow_mut().as_mut()
                && !names.contains(name)
            {
                names.insert(name.to_owned());
            }
        });
        let loaded = self
            .tera
            .read()
            .is_ok_and(|tera| tera.templates.contains_key(name));
        if !loaded {
            self.load(&[name.to_owned()])?;
        }
        let tera = self
            .tera
            .read()
            .map_err(|_| RenderError::Output("the templates' lock was poisoned".to_owned()))?;
        tera.render(name, context)
            .map_err(|e| RenderError::from_tera(&e, name))
    }

    /// Whether a template of this name exists.
    pub fn has(&self, name: &str) -> bool {
        self.sources.contains_key(name)
    }

    /// The text of template `name`, as compiled.
    pub fn source(&self, name: &str) -> Option<&str> {
        self.sources.get(name).map(|(_, text)| text.as_str())
    }

    /// Every template `name` uses, itself included, by name, as its text
    /// says (`extends`, `include`, `import`), each once, sorted.
    pub fn closure(&self, name: &str) -> Vec<&str> {
        let mut found: BTreeMap<&str, ()> = BTreeMap::new();
        let mut wanted = vec![name];
        while let Some(name) = wanted.pop() {
            let Some((key, (_, text))) = self.sources.get_key_value(name) else {
                continue;
            };
            if found.insert(key.as_str(), ()).is_none() {
                wanted.extend(used_templates(text));
            }
        }
        found.into_keys().collect()
    }

    /// A digest of the templates `roots` use (themselves, and what they
    /// extend, include or import, as [`Templates::closure`] finds): their
    /// names and texts. Equal digests, same templates.
    pub fn digest<'n>(&self, roots: impl IntoIterator<Item = &'n str>) -> String {
        let mut names: BTreeSet<&str> = BTreeSet::new();
        for root in roots {
            names.extend(self.closure(root));
        }
        let mut hasher = Sha256::new();
        for name in names {
            let text = self.source(name).unwrap_or_default();
            for part in [name, text] {
                hasher.update((part.len() as u64).to_le_bytes());
                hasher.update(part.as_bytes());
            }
        }
        hex(&hasher.finalize()[..16])
    }

    /// A digest of every template.
    pub fn digest_all(&self) -> String {
        self.digest(self.sources.keys().map(String::as_str))
    }

    /// The file an overriding template was read from.
    pub fn origin(&self, name: &str) -> Option<String> {
        self.sources
            .get(name)
            .and_then(|(path, _)| path.as_ref())
            .map(|p| p.display().to_string())
    }

    /// Line `line` (1-based) of template `name`.
    pub fn line(&self, name: &str, line: u32) -> Option<String> {
        let (_, text) = self.sources.get(name)?;
        text.lines()
            .nth(line.checked_sub(1)? as usize)
            .map(str::to_owned)
    }
}

thread_local! {
    /// The templates rendered on this thread since [`recording`] began.
    static RECORDED: RefCell<Option<BTreeSet<String>>> = const { RefCell::new(None) };
}

/// Runs `work`, and returns with its result the name of every template it
/// rendered ([`Templates::render`]) on this thread: what a part of a site
/// depends on, so that the next build knows whether a changed template
/// concerns it. `work` must not hand rendering to other threads (it would
/// not be seen).
pub fn recording<R>(work: impl FnOnce() -> R) -> (R, BTreeSet<String>) {
    let outer = RECORDED.with(|recorded| recorded.borrow_mut().replace(BTreeSet::new()));
    let result = work();
    let names = RECORDED.with(|recorded| {
        let mut slot = recorded.borrow_mut();
        let names = slot.take().unwrap_or_default();
        // A recording inside another: the outer one sees these too.
        *slot = outer.map(|mut o| {
            o.extend(names.iter().cloned());
            o
        });
        names
    });
    (result, names)
}

/// Lower-case hexadecimal.
pub(crate) fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(out, "{b:02x}");
    }
    out
}

/// The names of the templates `text` extends, includes or imports
/// (`{% extends "a" %}`, `{% include ["b", "c"] %}`, `{% import "d" as m %}`).
/// A name in a comment is found too, which costs one needless compile.
fn used_templates(text: &str) -> Vec<&str> {
    let mut names = Vec::new();
    for (at, _) in text.match_indices("{%") {
        let rest = text[at + 2..].trim_start_matches('-').trim_start();
        let Some(rest) = ["extends", "include", "import"]
            .iter()
            .find_map(|keyword| rest.strip_prefix(keyword))
            .filter(|r| r.starts_with(char::is_whitespace))
        else {
            continue;
        };
        let rest = rest.trim_start();
        // One quoted name, or a list of them in brackets.
        let (mut list, many) = match rest.strip_prefix('[') {
            Some(inside) => (inside.split(']').next().unwrap_or_default(), true),
            None => (rest, false),
        };
        while let Some(start) = list.find(['"', '\'', '`']) {
            // The quotes are ASCII: one byte each.
            let quote = char::from(list.as_bytes()[start]);
            let after = &list[start + 1..];
            let Some(len) = after.find(quote) else {
                break;
            };
            names.push(&after[..len]);
            if !many {
                break;
            }
            list = &after[len + 1..];
        }
    }
    names
}

/// Escapes text for HTML and XML: `&`, `<`, `>` and both quotes. Unlike
/// Tera's default it leaves `/` alone, so the relative links of a site read
/// as written (`assets/site.css`, not `assets&#x2F;site.css`); every
/// attribute in the templates is quoted, where `/` is harmless.
pub fn escape_markup(input: &str) -> String {
    let mut out = String::with_capacity(input.len() + input.len() / 8);
    for c in input.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#x27;"),
            _ => out.push(c),
        }
    }
    out
}

/// Text for XML content and attribute values (an SVG chart, a PDF's XMP
/// metadata): [`escape_markup`], and the control characters XML 1.0 does
/// not allow (all below U+0020 but tab, line feed and carriage return)
/// replaced by U+FFFD, so the result is always well-formed.
pub fn escape_xml(input: &str) -> String {
    let mut out = escape_markup(input);
    if out
        .chars()
        .any(|c| (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r'))
    {
        out = out
            .chars()
            .map(|c| match c {
                c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => '\u{fffd}',
                c => c,
            })
            .collect();
    }
    out
}

fn collect_files(root: &Path, dir: &Path, out: &mut Vec<(String, PathBuf)>) -> std::io::Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        if entry.file_type()?.is_dir() {
            collect_files(root, &path, out)?;
        } else {
            let name = path
                .strip_prefix(root)
                .unwrap_or(&path)
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            out.push((name, path));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_escaped_but_slashes_are_kept() {
        assert_eq!(
            escape_markup("a/b.html?x=1&y=\"<'>"),
            "a/b.html?x=1&amp;y=&quot;&lt;&#x27;&gt;"
        );
    }

    #[test]
    fn xml_text_is_escaped_and_keeps_only_the_characters_xml_allows() {
        assert_eq!(
            escape_xml("Côte d'Ivoire <&>\t\n\u{1b}[31m\u{0}"),
            "Côte d&#x27;Ivoire &lt;&amp;&gt;\t\n\u{fffd}[31m\u{fffd}"
        );
        assert_eq!(escape_xml("plain"), "plain");
    }

    #[test]
    fn builtin_templates_compile() {
        let templates = Templates::builtin().unwrap();
        assert!(templates.has(PROFILE_MD) && templates.has(PROFILE_HTML));
        assert!(templates.origin(PROFILE_MD).is_none());
        // Each compiles with what it uses (lazily, one at a time)…
        for (name, _) in BUILTIN {
            templates.load(&[name.to_string()]).unwrap();
        }
        // … and all of them together.
        let names: Vec<String> = BUILTIN.iter().map(|(n, _)| n.to_string()).collect();
        Templates::builtin().unwrap().load(&names).unwrap();
    }

    #[test]
    fn a_template_is_compiled_on_first_use_with_what_it_uses() {
        let templates = Templates::builtin().unwrap();
        let compiled = |t: &Templates| -> Vec<String> {
            let mut names: Vec<String> = t.tera.read().unwrap().templates.keys().cloned().collect();
            names.sort();
            names
        };
        assert!(compiled(&templates).is_empty());
        templates.render(STYLE_CSS, &Context::new()).unwrap();
        assert_eq!(compiled(&templates), [STYLE_CSS]);
        templates.load(&[SITE_COUNTRY.to_owned()]).unwrap();
        let country = templates.closure(SITE_COUNTRY);
        for used in [SITE_BASE, SITE_COUNTRY, SITE_DOCUMENT] {
            assert!(country.contains(&used), "{country:?}");
        }
        assert!(!country.contains(&SITE_MATRIX), "{country:?}");
        let mut expected: Vec<String> = country.iter().map(|n| n.to_string()).collect();
        expected.push(STYLE_CSS.to_owned());
        expected.sort();
        assert_eq!(compiled(&templates), expected);
    }

    #[test]
    fn the_templates_rendered_are_recorded_and_their_digest_follows_their_text() {
        let templates = Templates::builtin().unwrap();
        let ((), used) = recording(|| {
            templates.render(STYLE_CSS, &Context::new()).unwrap();
            let ((), inner) = recording(|| {
                templates.render(GCI_CSS, &Context::new()).unwrap();
            });
            assert_eq!(inner.into_iter().collect::<Vec<_>>(), [GCI_CSS]);
        });
        assert_eq!(used.into_iter().collect::<Vec<_>>(), [GCI_CSS, STYLE_CSS]);
        // Outside a recording, nothing is kept.
        templates.render(STYLE_CSS, &Context::new()).unwrap();

        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("site")).unwrap();
        std::fs::write(
            dir.path().join(SITE_MATRIX),
            "{% extends \"site/base.html.tera\" %}",
        )
        .unwrap();
        let changed = Templates::with_overrides(dir.path()).unwrap();
        assert_eq!(
            templates.digest([SITE_COUNTRY]),
            changed.digest([SITE_COUNTRY])
        );
        assert_ne!(
            templates.digest([SITE_MATRIX]),
            changed.digest([SITE_MATRIX])
        );
        assert_ne!(templates.digest_all(), changed.digest_all());
        assert_eq!(templates.digest([SITE_MATRIX]).len(), 32);
    }

    #[test]
    fn the_templates_a_template_uses_are_read_from_its_tags() {
        let text = r#"{% extends "base" %}{%- include ['a', "b"] ignore missing -%}
            {% import `m.tera` as m %}{% includes "no" %}{{ "include" }}{% include "c" %}"#;
        assert_eq!(used_templates(text), ["base", "a", "b", "m.tera", "c"]);
        assert!(used_templates("{% include").is_empty());
        assert!(used_templates("{% include \"open").is_empty());
    }

    #[test]
    fn an_override_replaces_a_builtin_by_name() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("style.css"), "body { color: red }").unwrap();
        let templates = Templates::with_overrides(dir.path()).unwrap();
        assert_eq!(
            templates.render("style.css", &Context::new()).unwrap(),
            "body { color: red }"
        );
        assert!(
            templates
                .origin("style.css")
                .is_some_and(|o| o.ends_with("style.css"))
        );
    }

    #[test]
    fn a_broken_override_is_reported_with_file_and_line() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(PROFILE_MD), "# Title\n\n{% for x in %}\n").unwrap();
        let diagnostic = Templates::with_overrides(dir.path()).err().unwrap();
        assert_eq!(diagnostic.code, Code::Template);
        assert!(
            diagnostic
                .file
                .as_deref()
                .is_some_and(|f| f.ends_with(PROFILE_MD)),
            "{diagnostic:?}"
        );
        assert_eq!(
            diagnostic.location.map(|l| l.line),
            Some(3),
            "{diagnostic:?}"
        );
    }
}
