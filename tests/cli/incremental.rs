//! Issue 17, "incremental builds": a site built again after edits is the
//! site a full build makes, byte for byte; only what changed is made
//! again; a killed build leaves the previous site as it was; another
//! profilec makes everything again.
//!
//! The edits are drawn from a fixed seed (the same every run): a profile
//! changed (a figure, a status, the country's name, a comment), added or
//! deleted, a template overridden, changed or put back. After each, the
//! incremental build (into the same folder, every time) is compared with a
//! full build of the same inputs into a new folder, every file and every
//! byte, the build's record (`.profilec/`) aside.

#![cfg(unix)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::common::{Ran, TestCommand, repo};
use crate::site::{site_tree as tree, tree as everything};

/// A small deterministic generator (SplitMix64), so every run makes the
/// same edits.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Profiles the workspace starts with, and those kept aside to be added:
/// (path under `profiles/`, path in the repository).
const START: &[(&str, &str)] = &[
    ("brazil-2019.yaml", "tests/fixtures/site/brazil-2019.yaml"),
    (
        "cote-divoire-2020.yaml",
        "tests/fixtures/site/cote-divoire-2020.yaml",
    ),
    ("estonia-2017.yaml", "tests/fixtures/site/estonia-2017.yaml"),
    ("japan-2018.yaml", "tests/fixtures/site/japan-2018.yaml"),
    ("kenya-2016.yaml", "tests/fixtures/site/kenya-2016.yaml"),
    ("kenya-2018.yaml", "tests/fixtures/site/kenya-2018.yaml"),
    ("gci/2020/ken.yaml", "profiles/gci/2020/ken.yaml"),
    ("gci/2024/ken.yaml", "profiles/gci/2024/ken.yaml"),
    ("gci/2024/bel.yaml", "profiles/gci/2024/bel.yaml"),
];
const ASIDE: &[(&str, &str)] = &[
    ("estonia-2019.yaml", "tests/fixtures/site/estonia-2019.yaml"),
    ("kenya-2020.yaml", "tests/fixtures/site/kenya-2020.yaml"),
    (
        "nested/greece-2021.yaml",
        "tests/fixtures/site/nested/greece-2021.yaml",
    ),
    ("gci/2020/bel.yaml", "profiles/gci/2020/bel.yaml"),
    ("gci/2024/jpn.yaml", "profiles/gci/2024/jpn.yaml"),
];

/// Templates an edit may override: (name, how to change the built-in text).
const TEMPLATES: &[(&str, Change)] = &[
    ("style.css", Change::Append("\n/* step {n} */\n")),
    ("profile.md.tera", Change::Append("\nStep {n}.\n")),
    (
        "site/document.html.tera",
        Change::Prepend("<!-- step {n} -->\n"),
    ),
    (
        "site/matrix.html.tera",
        Change::After("{% block content %}", "<p>step {n}</p>"),
    ),
    (
        "site/base.html.tera",
        Change::After("<body", " data-step=\"{n}\""),
    ),
    (
        "site/gci-profile.html.tera",
        Change::After("{% block content %}", "<p>step {n}</p>"),
    ),
];

/// How a template is changed.
#[derive(Clone, Copy)]
enum Change {
    Append(&'static str),
    Prepend(&'static str),
    After(&'static str, &'static str),
}

impl Change {
    fn apply(self, text: &str, step: usize) -> String {
        let fill = |s: &str| s.replace("{n}", &step.to_string());
        match self {
            Change::Append(tail) => format!("{text}{}", fill(tail)),
            Change::Prepend(head) => format!("{}{text}", fill(head)),
            Change::After(anchor, insert) => {
                assert!(text.contains(anchor), "the template has {anchor}");
                text.replacen(anchor, &format!("{anchor}{}", fill(insert)), 1)
            }
        }
    }
}

/// A folder with `profiles/` and `templates/`, and the site built from them.
struct Workspace {
    dir: tempfile::TempDir,
}

impl Workspace {
    fn new() -> Self {
        let dir = tempfile::tempdir().expect("a temp dir");
        std::fs::create_dir_all(dir.path().join("templates")).unwrap();
        let work = Workspace { dir };
        for (at, from) in START {
            work.add(at, from);
        }
        work
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn profiles(&self) -> PathBuf {
        self.path().join("profiles")
    }

    fn add(&self, at: &str, from: &str) {
        let to = self.profiles().join(at);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(repo().join(from), to).unwrap();
    }

    /// Builds the site into `out` (relative to the workspace).
    fn site(&self, out: &str, env: Option<(&str, &str)>) -> Ran {
        let mut command = TestCommand::new()
            .current_dir(self.path())
            .args(["site", "profiles", "-o", out, "--templates", "templates"])
            .args(["--base-url", "https://example.org/profiles/"])
            .timeout(Duration::from_secs(300));
        if let Some((key, value)) = env {
            command = command.env(key, value);
        }
        command.run()
    }
}

/// "N of M parts made again" from a build's last line, or
/// `(usize::MAX, usize::MAX)` for a full build (which says no count).
fn parts_made(ran: &Ran) -> (usize, usize) {
    let text = ran.stderr_text();
    let line = text
        .lines()
        .find(|l| l.starts_with("wrote "))
        .unwrap_or_else(|| panic!("no summary: {text}"));
    match line.split_once("; ") {
        Some((_, rest)) => {
            let words: Vec<&str> = rest.split_whitespace().collect();
            (words[0].parse().unwrap(), words[2].parse().unwrap())
        }
        None => (usize::MAX, usize::MAX),
    }
}

/// Asserts two sites hold the same files, byte for byte, naming the first
/// difference.
fn assert_same(
    incremental: &BTreeMap<String, Vec<u8>>,
    full: &BTreeMap<String, Vec<u8>>,
    step: &str,
) {
    let names = |t: &BTreeMap<String, Vec<u8>>| t.keys().cloned().collect::<Vec<_>>();
    assert_eq!(
        names(incremental),
        names(full),
        "after {step}: not the same files"
    );
    for (name, bytes) in full {
        assert!(
            incremental[name] == *bytes,
            "after {step}: {name} differs from a full build\n--- incremental\n{}\n--- full\n{}",
            String::from_utf8_lossy(&incremental[name]),
            String::from_utf8_lossy(bytes)
        );
    }
}

/// One random edit of the workspace; says what it did.
fn edit(work: &Workspace, rng: &mut Rng, step: usize, aside: &mut Vec<(&str, &str)>) -> String {
    let mut present: Vec<String> = Vec::new();
    collect_yaml(&work.profiles(), &work.profiles(), &mut present);
    present.sort();
    loop {
        match rng.below(10) {
            // Change a Cyberwellness profile: a figure, a status, the
            // country's name, or only a comment.
            0..=4 => {
                let cyberwellness: Vec<&String> =
                    present.iter().filter(|p| !p.starts_with("gci/")).collect();
                let name = cyberwellness[rng.below(cyberwellness.len())];
                let path = work.profiles().join(name);
                let text = std::fs::read_to_string(&path).unwrap();
                let (what, changed) = match rng.below(4) {
                    0 => {
                        let at = text.find("population: {value: ").unwrap() + 20;
                        let end = at + text[at..].find(',').unwrap();
                        let value: u64 = text[at..end].parse().unwrap();
                        let new =
                            format!("{}{}{}", &text[..at], value + 1 + step as u64, &text[end..]);
                        ("its population", new)
                    }
                    1 => {
                        let count = text.matches("status: unknown").count();
                        if count == 0 {
                            continue;
                        }
                        let pick = rng.below(count);
                        let at = text.match_indices("status: unknown").nth(pick).unwrap().0;
                        let status = ["yes", "no", "partial"][rng.below(3)];
                        let new = format!(
                            "{}status: {status}, text: \"Answered at step {step}.\"{}",
                            &text[..at],
                            &text[at + "status: unknown".len()..]
                        );
                        ("a status", new)
                    }
                    2 => {
                        let at = text.find("country: {name: ").unwrap() + 16;
                        let end = at + text[at..].find(',').unwrap();
                        let new =
                            format!("{}{} {step}{}", &text[..at], &text[at..end], &text[end..]);
                        ("the country's name", new)
                    }
                    _ => ("a comment", format!("{text}# edited at step {step}\n")),
                };
                std::fs::write(&path, changed).unwrap();
                return format!("step {step}: {what} in {name}");
            }
            // Add a profile kept aside.
            5 => {
                if aside.is_empty() {
                    continue;
                }
                let (at, from) = aside.remove(rng.below(aside.len()));
                work.add(at, from);
                return format!("step {step}: {at} added");
            }
            // Delete a profile (never the last few).
            6 => {
                if present.len() <= 4 {
                    continue;
                }
                let name = &present[rng.below(present.len())];
                std::fs::remove_file(work.profiles().join(name)).unwrap();
                return format!("step {step}: {name} deleted");
            }
            // Override a template, or change an override.
            7 | 8 => {
                let (name, change) = TEMPLATES[rng.below(TEMPLATES.len())];
                let builtin = std::fs::read_to_string(repo().join("templates").join(name)).unwrap();
                let path = work.path().join("templates").join(name);
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                std::fs::write(&path, change.apply(&builtin, step)).unwrap();
                return format!("step {step}: template {name} changed");
            }
            // Put a template back (remove its override).
            _ => {
                let mut overrides = Vec::new();
                collect_files(&work.path().join("templates"), &mut overrides);
                if overrides.is_empty() {
                    continue;
                }
                overrides.sort();
                let path = &overrides[rng.below(overrides.len())];
                std::fs::remove_file(path).unwrap();
                return format!("step {step}: template {} put back", path.display());
            }
        }
    }
}

fn collect_yaml(root: &Path, dir: &Path, out: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect_yaml(root, &path, out);
        } else if path.extension().is_some_and(|e| e == "yaml") {
            out.push(path.strip_prefix(root).unwrap().display().to_string());
        }
    }
}

fn collect_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect_files(&path, out);
        } else {
            out.push(path);
        }
    }
}

#[test]
fn issue17_an_incremental_build_after_random_edits_is_the_full_build_byte_for_byte() {
    let work = Workspace::new();
    // A character the PDF's font lacks: a renderer warning, placed at its
    // line, that every build (carried over, or made from a kept check
    // without positions) must say as the full build does.
    let japan = work.profiles().join("japan-2018.yaml");
    let text = std::fs::read_to_string(&japan).unwrap();
    let policy = "  policy: {status: unknown, sources: [fixture]}";
    assert!(text.contains(policy));
    std::fs::write(
        &japan,
        text.replace(
            policy,
            r#"  policy: {status: partial, text: "A plan named 東京, in part.", sources: [fixture]}"#,
        ),
    )
    .unwrap();
    let first = work.site("site", None);
    assert_eq!(first.code, 0, "{}", first.stderr_text());
    let placed = "--> profiles/japan-2018.yaml:";
    assert!(
        first.stderr_text().contains("warning[missing-glyph]")
            && first.stderr_text().contains(placed),
        "{}",
        first.stderr_text()
    );
    let mut warned = 0;
    let mut rng = Rng(0x5eed_0017);
    let mut aside: Vec<(&str, &str)> = ASIDE.to_vec();
    let mut made_less = 0;
    for step in 1..=20 {
        let what = edit(&work, &mut rng, step, &mut aside);
        let incremental = work.site("site", None);
        assert_eq!(incremental.code, 0, "{what}: {}", incremental.stderr_text());
        let full_out = format!("full-{step}");
        let full = work.site(&full_out, None);
        assert_eq!(full.code, 0, "{what}: {}", full.stderr_text());
        assert_same(
            &tree(&work.path().join("site")),
            &tree(&work.path().join(&full_out)),
            &what,
        );
        // The warnings are the full build's too.
        let warnings = |ran: &Ran| {
            ran.stderr_text()
                .lines()
                .filter(|l| !l.starts_with("wrote ") && !l.contains(" pages in "))
                .map(str::to_owned)
                .collect::<Vec<_>>()
        };
        assert_eq!(warnings(&incremental), warnings(&full), "{what}");
        if incremental.stderr_text().contains(placed) {
            warned += 1;
        }
        let (made, parts) = parts_made(&incremental);
        eprintln!("{what}: {made} of {parts} parts made again");
        if made < parts {
            made_less += 1;
        }
        std::fs::remove_dir_all(work.path().join(&full_out)).unwrap();
    }
    assert!(
        made_less >= 8,
        "most edits make only part of the site again ({made_less} of 20 did)"
    );
    assert!(
        warned >= 10,
        "the warning was there in {warned} of 20 builds"
    );
}

#[test]
fn issue17_editing_one_profile_makes_its_country_and_the_shared_pages_again_only() {
    let work = Workspace::new();
    let first = work.site("site", None);
    assert_eq!(first.code, 0, "{}", first.stderr_text());
    let again = work.site("site", None);
    assert_eq!(parts_made(&again), (0, 7), "{}", again.stderr_text());

    let kenya = work.profiles().join("kenya-2018.yaml");
    let text = std::fs::read_to_string(&kenya).unwrap();
    std::fs::write(
        &kenya,
        text.replacen("status: unknown", "status: yes, text: \"Now in place.\"", 1),
    )
    .unwrap();
    let before = everything(&work.path().join("site"));
    let edited = work.site("site", None);
    assert_eq!(parts_made(&edited), (2, 7), "{}", edited.stderr_text());
    let after = everything(&work.path().join("site"));
    for (name, bytes) in &after {
        let changed = before.get(name) != Some(bytes);
        let kenyan = name.starts_with("countries/ken/");
        let shared = !name.starts_with("countries/");
        assert!(
            !changed || kenyan || shared,
            "{name} changed, though only Kenya's profile did"
        );
    }
    assert_ne!(
        before["countries/ken/2018.html"], after["countries/ken/2018.html"],
        "the edited edition's page is made again"
    );
    assert_eq!(
        before["countries/jpn/index.html"], after["countries/jpn/index.html"],
        "another country's page is not"
    );

    // A comment changes no page: the country's part is not made again.
    std::fs::write(
        &kenya,
        format!("{}# a note\n", std::fs::read_to_string(&kenya).unwrap()),
    )
    .unwrap();
    let commented = work.site("site", None);
    assert_eq!(
        parts_made(&commented),
        (0, 7),
        "{}",
        commented.stderr_text()
    );

    // A file of the site changed by hand is made again, not carried over.
    let page = work.path().join("site/countries/jpn/index.html");
    std::fs::write(&page, "defaced").unwrap();
    let mended = work.site("site", None);
    assert_eq!(parts_made(&mended), (1, 7), "{}", mended.stderr_text());
    assert_ne!(std::fs::read(&page).unwrap(), b"defaced");

    // Without the record, everything is made again.
    std::fs::remove_file(work.path().join("site/.profilec/manifest.json")).unwrap();
    let forgot = work.site("site", None);
    assert_eq!(
        parts_made(&forgot),
        (usize::MAX, usize::MAX),
        "{}",
        forgot.stderr_text()
    );
}

#[test]
fn issue17_a_killed_incremental_build_leaves_the_previous_site_as_it_was() {
    let work = Workspace::new();
    let first = work.site("site", None);
    assert_eq!(first.code, 0, "{}", first.stderr_text());
    let before = everything(&work.path().join("site"));
    let japan = work.profiles().join("japan-2018.yaml");
    let text = std::fs::read_to_string(&japan).unwrap();
    std::fs::write(&japan, text.replace("name: Japan", "name: Nippon")).unwrap();

    // Killed with the new site complete beside the old one, just before
    // the swap: the old site, record included, is untouched (files the
    // new one shares with it are links to the same, unchanged bytes).
    let killed = work.site("site", Some(("PROFILEC_TEST_ABORT_AT", "stage")));
    assert_eq!(killed.code, -1, "{}", killed.stderr_text());
    assert!(
        everything(&work.path().join("site")) == before,
        "the previous site changed"
    );

    // The next build removes what the killed one left, and is whole.
    let next = work.site("site", None);
    assert_eq!(next.code, 0, "{}", next.stderr_text());
    let mut beside: Vec<String> = std::fs::read_dir(work.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    beside.sort();
    assert_eq!(beside, ["profiles", "site", "templates"]);
    let full = work.site("full", None);
    assert_eq!(full.code, 0, "{}", full.stderr_text());
    assert_same(
        &tree(&work.path().join("site")),
        &tree(&work.path().join("full")),
        "the build after the killed one",
    );
    let home = String::from_utf8(tree(&work.path().join("site"))["index.html"].clone()).unwrap();
    assert!(home.contains("Nippon"), "{home}");
}

/// Changes the country name in the check the site keeps of Japan's
/// profile (as a stale or foreign check would differ); returns how many
/// kept checks there are.
fn tamper_with_japans_kept_check(site: &Path) -> usize {
    let mut kept = 0;
    let mut tampered = 0;
    for entry in std::fs::read_dir(site.join(".profilec/checked")).unwrap() {
        let path = entry.unwrap().path();
        kept += 1;
        let text = std::fs::read_to_string(&path).unwrap();
        if text.contains(r#""name":"Japan""#) {
            // A new file, as profilec never changes one in place.
            std::fs::remove_file(&path).unwrap();
            std::fs::write(
                &path,
                text.replace(r#""name":"Japan""#, r#""name":"Tampered""#),
            )
            .unwrap();
            tampered += 1;
        }
    }
    assert_eq!(tampered, 1, "one kept check of Japan's profile");
    kept
}

#[test]
fn issue17_another_profilec_makes_everything_again() {
    let work = Workspace::new();
    let first = work.site("site", None);
    assert_eq!(first.code, 0, "{}", first.stderr_text());
    let before = tree(&work.path().join("site"));
    // One kept check per valid profile, and the next build reads them
    // instead of the YAML: a changed check shows.
    let kept = tamper_with_japans_kept_check(&work.path().join("site"));
    assert_eq!(kept, START.len());
    let read = work.site("site", None);
    assert_eq!(read.code, 0, "{}", read.stderr_text());
    let home = String::from_utf8(tree(&work.path().join("site"))["index.html"].clone()).unwrap();
    assert!(home.contains("Tampered"), "the kept check was not read");
    // The same version, another build of it: a copy of the executable
    // (its own size or time) counts as another profilec.
    let copy = work.path().join("profilec-copy");
    std::fs::copy(assert_cmd::cargo::cargo_bin("profilec"), &copy).unwrap();
    let file = std::fs::File::options().write(true).open(&copy).unwrap();
    file.set_modified(std::time::SystemTime::now() + Duration::from_secs(60))
        .unwrap();
    drop(file);
    let output = std::process::Command::new(&copy)
        .current_dir(work.path())
        .env("NO_COLOR", "1")
        .env_remove("SOURCE_DATE_EPOCH")
        .args(["site", "profiles", "-o", "site", "--templates", "templates"])
        .args(["--base-url", "https://example.org/profiles/"])
        .output()
        .unwrap();
    let ran = Ran {
        code: output.status.code().unwrap_or(-1),
        stdout: output.stdout,
        stderr: output.stderr,
    };
    assert_eq!(ran.code, 0, "{}", ran.stderr_text());
    assert_eq!(
        parts_made(&ran),
        (usize::MAX, usize::MAX),
        "{}",
        ran.stderr_text()
    );
    // Nothing the other profilec kept is read: its checks may follow
    // other rules.
    assert!(
        tree(&work.path().join("site")) == before,
        "the same site, made again from the profiles, not the kept checks"
    );
    // And the original, now another profilec to that record, too.
    let back = work.site("site", None);
    assert_eq!(
        parts_made(&back),
        (usize::MAX, usize::MAX),
        "{}",
        back.stderr_text()
    );
}

#[test]
fn issue17_a_changed_template_makes_again_the_pages_that_use_it() {
    let work = Workspace::new();
    let first = work.site("site", None);
    assert_eq!(first.code, 0, "{}", first.stderr_text());
    let change = |name: &str, change: Change| {
        let builtin = std::fs::read_to_string(repo().join("templates").join(name)).unwrap();
        let path = work.path().join("templates").join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, change.apply(&builtin, 1)).unwrap();
    };
    // Included by the Cyberwellness country and edition pages: the five
    // countries with such editions, and the shared pages (every key of a
    // country is in theirs); not Belgium, which has GCI profiles only.
    change(
        "site/document.html.tera",
        Change::Prepend("<!-- step {n} -->\n"),
    );
    let ran = work.site("site", None);
    assert_eq!(parts_made(&ran), (6, 7), "{}", ran.stderr_text());
    let belgium = tree(&work.path().join("site"))["countries/bel/index.html"].clone();
    assert!(
        !String::from_utf8(belgium)
            .unwrap()
            .contains("<!-- step 1 -->")
    );
    let kenya = tree(&work.path().join("site"))["countries/ken/2016.html"].clone();
    assert!(
        String::from_utf8(kenya)
            .unwrap()
            .contains("<!-- step 1 -->")
    );
    // The matrix's own template: the shared pages only.
    change(
        "site/matrix.html.tera",
        Change::After("{% block content %}", "<p>step {n}</p>"),
    );
    let ran = work.site("site", None);
    assert_eq!(parts_made(&ran), (1, 7), "{}", ran.stderr_text());
    // The frame of every page: everything.
    change(
        "site/base.html.tera",
        Change::After("<body", " data-step=\"{n}\""),
    );
    let ran = work.site("site", None);
    assert_eq!(
        parts_made(&ran),
        (usize::MAX, usize::MAX),
        "{}",
        ran.stderr_text()
    );
    let full = work.site("full", None);
    assert_eq!(full.code, 0, "{}", full.stderr_text());
    assert_same(
        &tree(&work.path().join("site")),
        &tree(&work.path().join("full")),
        "three template changes",
    );
}
