//! `profilec site`: the static site of every profile, built from the shipped
//! profiles (the Cyberwellness Profiles and the 388 GCI profiles of
//! `profiles/gci/`) plus invented test profiles (`tests/fixtures/site/`),
//! and checked as a reader's browser would meet it: every page parses as
//! HTML, every internal link and anchor resolves to a file of the site, no
//! page loads or links anything outside the site except the profiles' own
//! content links, and rebuilding gives the same bytes. The GCI pages are
//! examined more closely in `gci_site.rs`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use html5ever::driver::ParseOpts;
use html5ever::tendril::TendrilSink;
use html5ever::tree_builder::TreeBuilderOpts;
use markup5ever_rcdom::{Handle, NodeData, RcDom};

use crate::common::{Ran, TestCommand, repo};

const BASE: &str = "https://example.org/cyber/profiles/";

/// A temporary folder with `in/` (the shipped profiles and the site
/// fixtures) ready to build.
struct Workspace {
    dir: tempfile::TempDir,
}

impl Workspace {
    fn new() -> Self {
        let dir = tempfile::tempdir().expect("a temp dir");
        let input = dir.path().join("in");
        copy_yaml(&repo().join("profiles"), &input.join("shipped"));
        copy_yaml(&repo().join("tests/fixtures/site"), &input.join("fixtures"));
        Workspace { dir }
    }

    fn input(&self) -> PathBuf {
        self.dir.path().join("in")
    }

    fn site(&self) -> PathBuf {
        self.dir.path().join("out/site")
    }

    fn build(&self, extra: &[&str]) -> Ran {
        TestCommand::new()
            .current_dir(self.dir.path())
            .arg("site")
            .arg(self.input())
            .arg("-o")
            .arg(self.site())
            .args(extra)
            .run()
    }
}

/// The `*.yaml` files under `from`, recursively, into `to`.
pub fn copy_yaml(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let path = entry.path();
        if path.is_dir() {
            copy_yaml(&path, &to.join(entry.file_name()));
        } else if path.extension().is_some_and(|e| e == "yaml") {
            std::fs::copy(&path, to.join(entry.file_name())).unwrap();
        }
    }
}

/// Every file under `root`, by `/`-separated relative path, with its bytes.
pub fn tree(root: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let name = path
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                out.insert(name, std::fs::read(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(root, root, &mut out);
    out
}

/// Every file of the site under `root` but the build's record
/// (`.profilec/`, which holds stamps of this build's files), with its bytes.
pub fn site_tree(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = tree(root);
    files.retain(|name, _| !name.starts_with(".profilec/"));
    files
}

/// The countries and editions of one kind of profile the input holds
/// (GCI profiles when `gci`, else Cyberwellness Profiles), read from the
/// files' text.
fn expected(input: &Path, gci: bool) -> BTreeMap<String, BTreeSet<u16>> {
    let mut out: BTreeMap<String, BTreeSet<u16>> = BTreeMap::new();
    for (_, bytes) in tree(input) {
        let text = String::from_utf8(bytes).unwrap();
        if text.contains("\nschema_edition: gci-") != gci {
            continue;
        }
        let alpha3 = text
            .split("alpha3: ")
            .nth(1)
            .map(|rest| rest[..3].to_owned())
            .expect("an alpha3 code");
        let year = text
            .lines()
            .find_map(|l| l.strip_prefix("edition: "))
            .and_then(|y| y.trim().parse().ok())
            .expect("an edition year");
        out.entry(alpha3).or_default().insert(year);
    }
    out
}

/// The Cyberwellness countries and editions the input holds.
fn expected_editions(input: &Path) -> BTreeMap<String, BTreeSet<u16>> {
    expected(input, false)
}

/// The GCI countries and editions the input holds.
fn expected_scorecards(input: &Path) -> BTreeMap<String, BTreeSet<u16>> {
    expected(input, true)
}

/// A parsed page: its parse errors, ids, and every address it refers to.
pub struct Page {
    errors: Vec<String>,
    ids: Vec<String>,
    /// (element, attribute, value, inside the profile's own content).
    refs: Vec<(String, String, String, bool)>,
}

pub fn parse_html(bytes: &[u8]) -> Page {
    let opts = ParseOpts {
        tree_builder: TreeBuilderOpts {
            exact_errors: true,
            scripting_enabled: true,
            ..Default::default()
        },
        ..Default::default()
    };
    let dom = html5ever::parse_document(RcDom::default(), opts)
        .from_utf8()
        .read_from(&mut &bytes[..])
        .expect("html5ever reads from memory");
    let mut page = Page {
        errors: dom.errors.borrow().iter().map(|e| e.to_string()).collect(),
        ids: Vec::new(),
        refs: Vec::new(),
    };
    fn walk(node: &Handle, in_content: bool, page: &mut Page) {
        let mut in_content = in_content;
        if let NodeData::Element { name, attrs, .. } = &node.data {
            let tag = name.local.to_string();
            let mut refs = Vec::new();
            for attr in attrs.borrow().iter() {
                let key = attr.name.local.to_string();
                let value = attr.value.to_string();
                match key.as_str() {
                    "id" => page.ids.push(value),
                    // The profiles' own text, and the line that names the
                    // sources of the GCI scores, may link outside.
                    "class"
                        if value
                            .split_whitespace()
                            .any(|c| c == "doc" || c == "answer-text" || c == "data-sources") =>
                    {
                        in_content = true;
                    }
                    "href" | "src" | "action" | "srcset" | "poster" | "data" | "formaction" => {
                        refs.push((key, value));
                    }
                    "style" => {
                        assert!(!value.contains("url("), "inline style with url(): {value}")
                    }
                    _ => {}
                }
            }
            for (key, value) in refs {
                page.refs.push((tag.clone(), key, value, in_content));
            }
        }
        for child in node.children.borrow().iter() {
            walk(child, in_content, page);
        }
    }
    walk(&dom.document, false, &mut page);
    page
}

fn is_external(value: &str) -> bool {
    let lower = value.trim().to_ascii_lowercase();
    lower.starts_with("//")
        || lower
            .split_once(':')
            .is_some_and(|(scheme, _)| !scheme.contains(['/', '?', '#']))
}

/// Resolves `reference` from the page at site path `page`: the target's
/// site path and fragment, or `None` if it leaves the site.
fn resolve(page: &str, reference: &str) -> Option<(String, Option<String>)> {
    let (path, fragment) = match reference.split_once('#') {
        Some((p, f)) => (p, Some(f.to_owned())),
        None => (reference, None),
    };
    let path = path.split('?').next().unwrap_or_default();
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    if path.is_empty() {
        return Some((page.to_owned(), fragment));
    }
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other),
        }
    }
    Some((parts.join("/"), fragment))
}

pub struct Checked {
    pub pages: usize,
    pub links: usize,
}

/// Parses every page and checks every reference of the site at `root`.
pub fn check_site(root: &Path, base: Option<&str>) -> Checked {
    let files = tree(root);
    let mut ids: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut pages = BTreeMap::new();
    let mut problems = Vec::new();
    for (path, bytes) in &files {
        if path.ends_with(".html") {
            let page = parse_html(bytes);
            for error in &page.errors {
                problems.push(format!("{path}: HTML parse error: {error}"));
            }
            let mut seen = BTreeSet::new();
            for id in &page.ids {
                if !seen.insert(id.clone()) {
                    problems.push(format!("{path}: duplicate id `{id}`"));
                }
            }
            ids.insert(path.clone(), seen);
            pages.insert(path.clone(), page);
        }
    }
    let mut links = 0;
    for (path, page) in &pages {
        for (tag, attr, value, in_content) in &page.refs {
            if is_external(value) {
                let allowed_content = *in_content && tag == "a" && attr == "href";
                // The 404 page is shown at any depth: with a base URL, its
                // links are absolute addresses of the site's own pages.
                let allowed_404 =
                    path == "404.html" && base.is_some_and(|base| value.starts_with(base));
                let lower = value.to_ascii_lowercase();
                let inert = lower.starts_with("mailto:");
                if !(allowed_content || allowed_404 || inert) {
                    problems.push(format!(
                        "{path}: <{tag} {attr}=\"{value}\"> refers outside the site"
                    ));
                }
                continue;
            }
            if value.starts_with('/') {
                problems.push(format!(
                    "{path}: <{tag} {attr}=\"{value}\"> is root-relative, which breaks from disk and under a sub-path"
                ));
                continue;
            }
            links += 1;
            let Some((target, fragment)) = resolve(path, value) else {
                problems.push(format!("{path}: `{value}` climbs out of the site"));
                continue;
            };
            if !files.contains_key(&target) {
                problems.push(format!(
                    "{path}: `{value}` → {target}, which does not exist"
                ));
                continue;
            }
            if let Some(fragment) = fragment.filter(|f| !f.is_empty()) {
                match ids.get(&target) {
                    Some(targets) if targets.contains(&fragment) => {}
                    _ => problems.push(format!(
                        "{path}: `{value}` → no id `{fragment}` in {target}"
                    )),
                }
            }
        }
    }
    // Styles and scripts load nothing from anywhere.
    for path in ["assets/site.css", "assets/site.js", "assets/search.js"] {
        let text = String::from_utf8_lossy(&files[path]).to_lowercase();
        for bad in [
            "http:",
            "https:",
            "@import",
            "url(",
            "fetch(",
            "xmlhttprequest",
        ] {
            if text.contains(bad) {
                problems.push(format!("{path} contains `{bad}`"));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
    Checked {
        pages: pages.len(),
        links,
    }
}

/// Countries, Cyberwellness editions, GCI profiles and pages, from the
/// summary line (`196 countries, 11 editions, 388 GCI profiles, 1203 pages
/// in 2.1 s`).
pub fn summary_numbers(stderr: &str) -> [usize; 4] {
    let line = stderr
        .lines()
        .find(|l| l.contains(" pages in ") && l.ends_with(" s"))
        .unwrap_or_else(|| panic!("no summary line in:\n{stderr}"));
    let numbers: Vec<usize> = line
        .split([' ', ','])
        .filter_map(|w| w.parse().ok())
        .collect();
    assert_eq!(numbers.len(), 4, "{line}");
    assert!(line.contains(" GCI profile"), "{line}");
    [numbers[0], numbers[1], numbers[2], numbers[3]]
}

/// An invented profile whose free text tries to load or run things.
fn add_hostile_profile(input: &Path) {
    let base = std::fs::read_to_string(input.join("fixtures/japan-2018.yaml")).unwrap();
    let hostile = base
        .replace("TEST DATA", "TEST DATA (hostile text)")
        .replace("{name: Japan, alpha2: JP, alpha3: JPN}", "{name: Chile, alpha2: CL, alpha3: CHL}")
        .replace(
            "  standards: {status: no, sources: [fixture]}",
            "  standards:\n    status: partial\n    text: \"A ![tracking pixel](https://example.org/pixel.png) and <img src='https://example.org/raw.png'> and <script src='https://example.org/x.js'></script> and [a script](javascript:alert(1)) and <iframe src='https://example.org/'></iframe>, with a [real source](https://example.org/report).\"\n    sources: [fixture]",
        );
    assert!(hostile.contains("pixel.png"));
    std::fs::write(input.join("hostile.yaml"), hostile).unwrap();
}

#[test]
fn the_site_is_complete_its_links_resolve_and_it_loads_nothing_from_outside() {
    let ws = Workspace::new();
    add_hostile_profile(&ws.input());
    let expected = expected_editions(&ws.input());
    let scorecards = expected_scorecards(&ws.input());
    assert!(expected.len() >= 5, "at least 5 countries: {expected:?}");
    assert!(
        expected.values().any(|years| years.len() >= 3),
        "one country with 3 editions: {expected:?}"
    );
    assert_eq!(scorecards.len(), 194, "the GCI corpus is in the input");
    let ran = ws.build(&["--base-url", BASE, "--title", "Test & <profiles>"]);
    assert_eq!(ran.code, 0, "{}", ran.stderr_text());
    let stderr = ran.stderr_text();
    let [countries, editions, gci, pages] = summary_numbers(&stderr);
    let all: BTreeSet<&String> = expected.keys().chain(scorecards.keys()).collect();
    assert_eq!(countries, all.len());
    assert_eq!(
        editions,
        expected.values().map(BTreeSet::len).sum::<usize>()
    );
    assert_eq!(gci, 388);

    let site = ws.site();
    let checked = check_site(&site, Some(BASE));
    assert_eq!(checked.pages, pages, "the summary counts the pages written");
    assert!(checked.links > 500, "only {} links checked", checked.links);

    let files = tree(&site);
    for page in [
        "index.html",
        "matrix.html",
        "search.html",
        "404.html",
        "gci/index.html",
        "gci.csv",
    ] {
        assert!(files.contains_key(page), "{page} missing");
    }
    // Every country with a profile of either kind has a page; each GCI
    // profile has its page and downloads, linked from the country page.
    for code in &all {
        assert!(
            files.contains_key(&format!("countries/{}/index.html", code.to_lowercase())),
            "{code} has no page"
        );
    }
    for (alpha3, years) in &scorecards {
        let code = alpha3.to_lowercase();
        let country =
            String::from_utf8_lossy(&files[&format!("countries/{code}/index.html")]).into_owned();
        assert!(
            country.contains("class=\"scorecard\""),
            "{code}: no scorecard"
        );
        for year in years {
            let page = format!("gci-{year}.html");
            assert!(files.contains_key(&format!("countries/{code}/{page}")));
            assert!(
                country.contains(&format!("href=\"{page}\"")),
                "{code}: {page}"
            );
            for ext in ["md", "pdf", "json"] {
                let download = format!("{code}-gci-{year}.{ext}");
                assert!(files.contains_key(&format!("countries/{code}/{download}")));
                assert!(
                    country.contains(&format!("href=\"{download}\"")),
                    "{code} does not offer {download}"
                );
            }
        }
    }
    for (alpha3, years) in &expected {
        let code = alpha3.to_lowercase();
        let country = format!("countries/{code}/index.html");
        let html = String::from_utf8_lossy(&files[&country]).into_owned();
        for year in years {
            assert!(files.contains_key(&format!("countries/{code}/{year}.html")));
            for ext in ["md", "pdf", "json"] {
                let download = format!("{code}-{year}.{ext}");
                assert!(files.contains_key(&format!("countries/{code}/{download}")));
                assert!(
                    html.contains(&format!("href=\"{download}\"")),
                    "{country} does not offer {download}"
                );
            }
        }
        let latest = years.last().unwrap();
        assert!(
            html.contains(&format!("{latest} edition (latest)")),
            "{country} does not show its latest edition"
        );
        // A change report for each pair of consecutive editions, linked
        // from the country page and listed on the changes page.
        let years: Vec<&u16> = years.iter().collect();
        for pair in years.windows(2) {
            let report = format!("changes-{}-{}.html", pair[0], pair[1]);
            let page =
                String::from_utf8_lossy(&files[&format!("countries/{code}/{report}")]).into_owned();
            assert!(
                page.contains(&format!(
                    "what changed between the {} and {} editions",
                    pair[0], pair[1]
                )),
                "{report}"
            );
            assert!(
                html.contains(&format!("href=\"{report}\"")),
                "{country} lacks {report}"
            );
            assert!(
                String::from_utf8_lossy(&files["changes.html"])
                    .contains(&format!("href=\"countries/{code}/{report}\"")),
                "changes.html lacks {report}"
            );
        }
    }
    let reports = files.keys().filter(|p| p.contains("/changes-")).count();
    assert_eq!(
        reports,
        expected.values().map(|y| y.len() - 1).sum::<usize>()
    );
    // The report of Kenya 2018 → 2020 says what the fixtures changed, and
    // names the files as they sit in the profiles folder, not on this disk.
    let kenya =
        String::from_utf8_lossy(&files["countries/ken/changes-2018-2020.html"]).into_owned();
    assert!(
        kenya.contains("Example Kenyan Test CERT (fictional)"),
        "{kenya}"
    );
    assert!(kenya.contains("fixtures/kenya-2018.yaml"), "{kenya}");
    assert!(
        !kenya.contains(&ws.input().display().to_string()),
        "{kenya}"
    );
    // The hostile text is there, inert: its image is a link, the rest text.
    let chile = String::from_utf8_lossy(&files["countries/chl/index.html"]).into_owned();
    assert!(chile.contains(">tracking pixel</a>"), "{chile}");
    assert!(chile.contains(">real source</a>"), "{chile}");
    for bad in [
        "<img",
        "<iframe",
        "javascript:",
        "src=\"https://example.org/x.js",
    ] {
        assert!(!chile.to_lowercase().contains(bad), "{bad} in the page");
    }
    // The indicator pages: one per indicator of the catalogue.
    let indicators = files
        .keys()
        .filter(|p| p.starts_with("indicators/cyberwellness-2015/"))
        .count();
    assert_eq!(indicators, 21);
    // The title is used, escaped.
    assert!(
        String::from_utf8_lossy(&files["index.html"])
            .contains("<title>Countries · Test &amp; &lt;profiles&gt;</title>")
    );
    let feed = String::from_utf8_lossy(&files["feed.xml"]).into_owned();
    assert!(
        feed.contains("<title>Test &amp; &lt;profiles&gt;: new editions</title>"),
        "{feed}"
    );
    // Every status shows as a symbol and a color class in the matrix.
    let matrix = String::from_utf8_lossy(&files["matrix.html"]).into_owned();
    for (status, symbol) in [
        ("yes", "✔"),
        ("partial", "◐"),
        ("no", "✖"),
        ("unknown", "?"),
    ] {
        assert!(
            matrix.contains(&format!("<td class=\"cell status-{status}\">"))
                && matrix.contains(&format!("<span aria-hidden=\"true\">{symbol}</span>")),
            "matrix lacks {status}"
        );
    }
}

#[test]
fn data_files_sitemap_and_feed_are_well_formed() {
    let ws = Workspace::new();
    let expected = expected_editions(&ws.input());
    let ran = ws.build(&["--base-url", BASE]);
    assert_eq!(ran.code, 0, "{}", ran.stderr_text());
    let files = tree(&ws.site());

    let scorecards = expected_scorecards(&ws.input());
    let editions = expected.values().map(BTreeSet::len).sum::<usize>();
    let gci = scorecards.values().map(BTreeSet::len).sum::<usize>();
    let all: serde_json::Value = serde_json::from_slice(&files["profiles.json"]).unwrap();
    let profiles = all["profiles"].as_array().unwrap();
    assert_eq!(profiles.len(), editions + gci);
    let (scored, cyberwellness): (Vec<_>, Vec<_>) = profiles.iter().partition(|p| {
        p["schema_edition"]
            .as_str()
            .is_some_and(|e| e.starts_with("gci-"))
    });
    assert_eq!(scored.len(), 388);
    assert!(
        cyberwellness
            .iter()
            .all(|p| p["legal"]["criminal_legislation"]["status"].is_string())
    );
    assert!(scored.iter().all(|p| p["scores"]["pillars"].is_object()));

    let sitemap = String::from_utf8(files["sitemap.xml"].clone()).unwrap();
    let doc = roxmltree::Document::parse(&sitemap).expect("sitemap.xml is XML");
    let locs: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .filter_map(|n| n.text())
        .collect();
    let html_pages = files
        .keys()
        .filter(|p| p.ends_with(".html") && *p != "404.html")
        .count();
    assert_eq!(locs.len(), html_pages);
    for loc in &locs {
        let path = loc
            .strip_prefix(BASE)
            .unwrap_or_else(|| panic!("{loc} is not under the base URL"));
        assert!(files.contains_key(path), "{loc} is not a page");
    }

    let feed = String::from_utf8(files["feed.xml"].clone()).unwrap();
    let doc = roxmltree::Document::parse(&feed).expect("feed.xml is XML");
    let root = doc.root_element();
    assert_eq!(
        root.tag_name().namespace(),
        Some("http://www.w3.org/2005/Atom")
    );
    let entries: Vec<_> = root
        .children()
        .filter(|n| n.has_tag_name("entry"))
        .collect();
    // Each Cyberwellness edition, and each GCI edition's results.
    let gci_editions: BTreeSet<u16> = scorecards.values().flatten().copied().collect();
    assert_eq!(entries.len(), (editions + gci_editions.len()).min(50));
    for year in &gci_editions {
        assert!(
            feed.contains(&format!("<title>GCI {year} results</title>")),
            "{feed}"
        );
    }
    // Newest first; `updated` of the feed is the newest entry's date, from
    // the profiles, not the clock.
    let dates: Vec<&str> = entries
        .iter()
        .filter_map(|e| e.children().find(|c| c.has_tag_name("updated")))
        .filter_map(|n| n.text())
        .collect();
    let mut sorted = dates.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(dates, sorted);
    let updated = root
        .children()
        .find(|c| c.has_tag_name("updated"))
        .and_then(|n| n.text())
        .unwrap();
    assert_eq!(updated, dates[0]);

    // The search index is a script assigning the index, with the fixtures'
    // agencies in it.
    let index = String::from_utf8(files["assets/search-index.js"].clone()).unwrap();
    let json = index
        .strip_prefix("window.PROFILEC_SEARCH_INDEX = ")
        .and_then(|s| s.strip_suffix(";\n"))
        .expect("the index assigns a global");
    let index: serde_json::Value = serde_json::from_str(json).unwrap();
    let entries = index["entries"].as_array().unwrap();
    assert!(entries.iter().any(|e| {
        e[0] == "answer"
            && e[4]
                .as_str()
                .unwrap()
                .contains("Example Kenyan Test CERT (fictional)")
    }));
    assert!(entries.iter().any(|e| e[0] == "country" && e[1] == "Kenya"));
    // Every country, with its latest GCI result, lightly.
    let countries: Vec<_> = entries.iter().filter(|e| e[0] == "country").collect();
    assert_eq!(
        countries.len(),
        expected
            .keys()
            .chain(scorecards.keys())
            .collect::<BTreeSet<_>>()
            .len()
    );
    assert!(countries.iter().any(|e| {
        e[1] == "Afghanistan" && e[2].as_str().unwrap().contains("GCI 2024 Tier 5: Building")
    }));
    assert!(
        entries
            .iter()
            .any(|e| e[0] == "page" && e[3] == "regions/europe.html")
    );
}

#[test]
fn building_twice_gives_an_identical_tree() {
    let ws = Workspace::new();
    assert_eq!(ws.build(&["--base-url", BASE]).code, 0);
    let first = site_tree(&ws.site());
    // Into the same folder (replacing it), with its record removed so
    // that nothing is carried over: every file is made again …
    std::fs::remove_dir_all(ws.site().join(".profilec")).unwrap();
    let ran = ws.build(&["--base-url", BASE]);
    assert_eq!(ran.code, 0, "{}", ran.stderr_text());
    assert!(
        !ran.stderr_text().contains("parts made again"),
        "a full build: {}",
        ran.stderr_text()
    );
    let second = site_tree(&ws.site());
    assert_eq!(
        first.keys().collect::<Vec<_>>(),
        second.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &first {
        assert!(second[path] == *bytes, "{path} differs between builds");
    }
    // … and nothing is left beside it.
    let beside: Vec<_> = std::fs::read_dir(ws.site().parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(beside, ["site"]);
}

#[test]
fn a_failed_build_leaves_the_previous_site_intact() {
    let ws = Workspace::new();
    assert_eq!(ws.build(&["--no-pdf"]).code, 0);
    let before = tree(&ws.site());

    // An invalid profile: nothing is built.
    let bad = ws.input().join("broken.yaml");
    let mut text = std::fs::read_to_string(ws.input().join("fixtures/japan-2018.yaml")).unwrap();
    text = text.replace("status: no", "status: maybe");
    std::fs::write(&bad, text).unwrap();
    let ran = ws.build(&["--no-pdf"]);
    assert_eq!(ran.code, 1, "{}", ran.stderr_text());
    assert!(
        tree(&ws.site()) == before,
        "the site changed after an invalid profile"
    );
    std::fs::remove_file(&bad).unwrap();

    // A template that fails while rendering: nothing is replaced.
    let templates = ws.dir.path().join("templates/site");
    std::fs::create_dir_all(&templates).unwrap();
    std::fs::write(
        templates.join("matrix.html.tera"),
        "{% extends \"site/base.html.tera\" %}{% block content %}{{ view.no_such_field.oops }}{% endblock content %}",
    )
    .unwrap();
    let ran = ws.build(&[
        "--no-pdf",
        "--templates",
        ws.dir.path().join("templates").to_str().unwrap(),
    ]);
    assert_eq!(ran.code, 1, "{}", ran.stderr_text());
    assert!(
        ran.stderr_text().contains("matrix.html.tera"),
        "{}",
        ran.stderr_text()
    );
    assert!(
        tree(&ws.site()) == before,
        "the site changed after a template error"
    );
    let beside: Vec<_> = std::fs::read_dir(ws.site().parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(beside, ["site"], "a temporary folder was left behind");
}

#[test]
fn invalid_profiles_build_nothing_and_every_problem_is_reported() {
    let ws = Workspace::new();
    let input = ws.input();
    let base = std::fs::read_to_string(input.join("fixtures/japan-2018.yaml")).unwrap();
    std::fs::write(
        input.join("bad-status.yaml"),
        base.replace("status: no", "status: maybe"),
    )
    .unwrap();
    std::fs::write(
        input.join("bad-field.yaml"),
        base.replace("edition: 2018", "edition: 2017\nedtion: 2018"),
    )
    .unwrap();
    let ran = ws.build(&[]);
    assert_eq!(ran.code, 1);
    let stderr = ran.stderr_text();
    assert!(
        stderr.contains("bad-status.yaml") && stderr.contains("maybe"),
        "{stderr}"
    );
    assert!(
        stderr.contains("bad-field.yaml") && stderr.contains("edtion"),
        "{stderr}"
    );
    assert!(stderr.contains("2 of "), "{stderr}");
    assert!(stderr.contains("the site was not built"), "{stderr}");
    assert!(!ws.site().exists(), "nothing may be written");
    assert!(
        !ws.site().parent().unwrap().exists()
            || std::fs::read_dir(ws.site().parent().unwrap())
                .unwrap()
                .next()
                .is_none()
    );
}

#[test]
fn two_files_of_one_country_and_year_are_refused() {
    let ws = Workspace::new();
    let input = ws.input();
    std::fs::copy(
        input.join("fixtures/japan-2018.yaml"),
        input.join("japan-again.yaml"),
    )
    .unwrap();
    let ran = ws.build(&[]);
    assert_eq!(ran.code, 1);
    let stderr = ran.stderr_text();
    assert!(stderr.contains("duplicate-edition"), "{stderr}");
    assert!(
        stderr.contains("japan-2018.yaml") && stderr.contains("japan-again.yaml"),
        "{stderr}"
    );
    assert!(!ws.site().exists());
}

#[test]
fn without_a_base_url_there_is_no_sitemap_or_feed_and_a_warning_says_why() {
    let ws = Workspace::new();
    let ran = ws.build(&["--no-pdf"]);
    assert_eq!(ran.code, 0, "{}", ran.stderr_text());
    assert!(
        ran.stderr_text().contains("--base-url"),
        "{}",
        ran.stderr_text()
    );
    let files = tree(&ws.site());
    assert!(!files.contains_key("sitemap.xml") && !files.contains_key("feed.xml"));
    assert!(!String::from_utf8_lossy(&files["index.html"]).contains("feed.xml"));
    check_site(&ws.site(), None);
}

#[test]
fn bad_options_are_usage_errors() {
    let ws = Workspace::new();
    let ran = ws.build(&["--base-url", "example.org/site"]);
    assert_eq!(ran.code, 2);
    assert!(
        ran.stderr_text().contains("bad-url"),
        "{}",
        ran.stderr_text()
    );
    let ran = TestCommand::new()
        .arg("site")
        .arg(ws.dir.path().join("no-such-folder"))
        .arg("-o")
        .arg(ws.site())
        .run();
    assert_eq!(ran.code, 2);
    assert!(
        ran.stderr_text().contains("no-such-folder"),
        "{}",
        ran.stderr_text()
    );
    assert!(!ws.site().exists());
}

#[test]
fn a_folder_not_made_by_profilec_is_never_replaced() {
    let ws = Workspace::new();
    std::fs::create_dir_all(ws.site()).unwrap();
    std::fs::write(ws.site().join("notes.txt"), "mine").unwrap();
    let ran = ws.build(&["--no-pdf"]);
    assert_eq!(ran.code, 2);
    assert!(
        ran.stderr_text().contains("not made by profilec"),
        "{}",
        ran.stderr_text()
    );
    assert_eq!(
        std::fs::read_to_string(ws.site().join("notes.txt")).unwrap(),
        "mine"
    );
    // Nor one that holds the profiles.
    let ran = TestCommand::new()
        .arg("site")
        .arg(ws.input())
        .arg("-o")
        .arg(ws.dir.path())
        .run();
    assert_eq!(ran.code, 2);
    assert!(ws.input().join("fixtures/japan-2018.yaml").exists());
}

#[test]
fn pdfs_are_real_documents_and_no_pdf_leaves_them_out() {
    let ws = Workspace::new();
    assert_eq!(ws.build(&[]).code, 0);
    let files = tree(&ws.site());
    let pdf = &files["countries/ken/ken-2020.pdf"];
    assert!(pdf.starts_with(b"%PDF-"), "a PDF file");
    // The same bytes as `profilec build` makes of the same profile.
    let built = ws.dir.path().join("built");
    let ran = TestCommand::new()
        .arg("build")
        .arg(ws.input().join("fixtures/kenya-2020.yaml"))
        .args(["-f", "pdf", "-o"])
        .arg(&built)
        .run();
    assert_eq!(ran.code, 0, "{}", ran.stderr_text());
    assert!(
        std::fs::read(built.join("kenya-2020.pdf")).unwrap() == *pdf,
        "the site's PDF is build's PDF"
    );
    // The Markdown download is build's Markdown too.
    let ran = TestCommand::new()
        .arg("build")
        .arg(ws.input().join("fixtures/kenya-2020.yaml"))
        .args(["-f", "md", "-o"])
        .arg(&built)
        .run();
    assert_eq!(ran.code, 0, "{}", ran.stderr_text());
    assert!(
        std::fs::read(built.join("kenya-2020.md")).unwrap() == files["countries/ken/ken-2020.md"]
    );

    let ran = ws.build(&["--no-pdf"]);
    assert_eq!(ran.code, 0, "{}", ran.stderr_text());
    let files = tree(&ws.site());
    assert!(!files.keys().any(|p| p.ends_with(".pdf")));
    let country = String::from_utf8_lossy(&files["countries/ken/index.html"]).into_owned();
    assert!(
        !country.contains(".pdf") && !country.contains(">PDF<"),
        "{country}"
    );
    assert!(country.contains("href=\"ken-2020.md\""));
    check_site(&ws.site(), None);
}

#[test]
fn templates_override_site_pages_by_name() {
    let ws = Workspace::new();
    let templates = ws.dir.path().join("templates/site");
    std::fs::create_dir_all(&templates).unwrap();
    std::fs::write(
        templates.join("home.html.tera"),
        "{% extends \"site/base.html.tera\" %}{% block content %}<h1>Our own home</h1><p>{{ view.countries | length }} countries</p>{% endblock content %}",
    )
    .unwrap();
    let ran = ws.build(&[
        "--no-pdf",
        "--templates",
        ws.dir.path().join("templates").to_str().unwrap(),
    ]);
    assert_eq!(ran.code, 0, "{}", ran.stderr_text());
    let home = std::fs::read_to_string(ws.site().join("index.html")).unwrap();
    let countries = expected_editions(&ws.input())
        .into_keys()
        .chain(expected_scorecards(&ws.input()).into_keys())
        .collect::<BTreeSet<_>>()
        .len();
    assert!(
        home.contains(&format!(
            "<h1>Our own home</h1><p>{countries} countries</p>"
        )),
        "{home}"
    );
    assert!(
        home.contains("<link rel=\"stylesheet\" href=\"assets/site.css\">"),
        "the base layout still applies"
    );
}

/// On a terminal the build draws a progress bar from its worker threads;
/// it once waited forever for standard error, which the command held
/// locked. `script` (util-linux) gives the command a terminal.
#[test]
fn on_a_terminal_the_progress_bar_does_not_hang_the_build() {
    let ws = Workspace::new();
    let command = format!(
        "'{}' site '{}' -o '{}' --no-pdf",
        env!("CARGO_BIN_EXE_profilec"),
        ws.input().display(),
        ws.site().display()
    );
    let ran = std::process::Command::new("timeout")
        .args(["120", "script", "-qec", &command, "/dev/null"])
        .stdin(std::process::Stdio::null())
        .output()
        .expect("script (util-linux) and timeout (coreutils) run");
    let output = String::from_utf8_lossy(&ran.stdout);
    assert_eq!(ran.status.code(), Some(0), "{output}");
    assert!(output.contains(" pages in "), "{output}");
    assert!(ws.site().join("index.html").is_file());
}
