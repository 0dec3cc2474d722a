//! Issue 13, "every failure reported, nothing left behind": what `build`
//! and `site` leave on disk when killed, the swap of a site, permissions
//! under a strict umask, output at a mount point, and the odd entries a
//! profiles folder can hold (FIFOs, names with control characters or not
//! UTF-8). Kills are real: the `PROFILEC_TEST_ABORT_AT` hook makes the
//! process `kill -9` itself at the named moment.

#![cfg(unix)]

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::common::{Ran, TestCommand, repo};

/// A temporary folder with `profiles/` holding two small profiles.
struct Workspace {
    dir: tempfile::TempDir,
}

impl Workspace {
    fn new() -> Self {
        let dir = tempfile::tempdir().expect("a temp dir");
        let profiles = dir.path().join("profiles");
        std::fs::create_dir(&profiles).unwrap();
        for name in ["kenya-2016.yaml", "japan-2018.yaml"] {
            std::fs::copy(
                repo().join("tests/fixtures/site").join(name),
                profiles.join(name),
            )
            .unwrap();
        }
        Workspace { dir }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn profiles(&self) -> PathBuf {
        self.path().join("profiles")
    }

    fn site(&self) -> PathBuf {
        self.path().join("site")
    }

    /// `profilec site profiles -o site --no-pdf`, with an extra environment
    /// variable when given.
    fn build_site(&self, env: Option<(&str, &str)>) -> Ran {
        let mut command = TestCommand::new()
            .current_dir(self.path())
            .args(["site", "profiles", "-o", "site", "--no-pdf"])
            .timeout(Duration::from_secs(120));
        if let Some((key, value)) = env {
            command = command.env(key, value);
        }
        command.run()
    }
}

/// The names in a folder, sorted.
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Every file under `root`, relative, sorted; not the build's record
/// (`.profilec/`, whose files are named after what they hold).
fn files_under(root: &Path) -> Vec<String> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path == root.join(".profilec") {
                continue;
            }
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                out.push(path.strip_prefix(root).unwrap().display().to_string());
            }
        }
    }
    let mut out = Vec::new();
    walk(root, root, &mut out);
    out.sort();
    out
}

#[test]
fn issue13_a_site_killed_at_the_swap_is_whole_and_the_next_run_clears_what_it_left() {
    let work = Workspace::new();
    let first = work.build_site(None);
    assert_eq!(first.code, 0, "{}", first.stderr_text());
    let files = files_under(&work.site());
    let japan = work.profiles().join("japan-2018.yaml");
    let text = std::fs::read_to_string(&japan).unwrap();
    std::fs::write(&japan, text.replace("name: Japan", "name: Nippon")).unwrap();

    let killed = work.build_site(Some(("PROFILEC_TEST_ABORT_AT", "swap")));
    assert_eq!(
        killed.code,
        -1,
        "the run is killed at the swap: {}",
        killed.stderr_text()
    );
    // The output path holds a whole site, the old or the new: never none,
    // never a mix.
    assert_eq!(files_under(&work.site()), files);
    let home = std::fs::read_to_string(work.site().join("index.html")).unwrap();
    assert!(home.contains("Nippon") || home.contains("Japan"), "{home}");
    let left: Vec<String> = listing(work.path())
        .into_iter()
        .filter(|n| n.starts_with(".site."))
        .collect();
    assert_eq!(left.len(), 1, "the killed run left the other site beside");

    let next = work.build_site(None);
    assert_eq!(next.code, 0, "{}", next.stderr_text());
    assert_eq!(listing(work.path()), ["profiles", "site"]);
    let home = std::fs::read_to_string(work.site().join("index.html")).unwrap();
    assert!(home.contains("Nippon"), "{home}");
}

#[test]
fn issue13_a_build_killed_mid_write_leaves_a_temporary_that_the_next_build_removes() {
    let dir = tempfile::tempdir().unwrap();
    let build = |env: Option<&str>| {
        let mut command = TestCommand::new().current_dir(repo()).args([
            "build",
            "tests/fixtures/valid/compact.yaml",
            "-f",
            "md",
            "-o",
        ]);
        command = command.arg(dir.path());
        if let Some(point) = env {
            command = command.env("PROFILEC_TEST_ABORT_AT", point);
        }
        command.run()
    };
    let killed = build(Some("write"));
    assert_eq!(killed.code, -1, "{}", killed.stderr_text());
    let left = listing(dir.path());
    assert_eq!(left.len(), 1, "{left:?}");
    assert!(
        left[0].starts_with(".profilec-") && left[0].ends_with(".tmp"),
        "{left:?}"
    );

    let next = build(None);
    assert_eq!(next.code, 0, "{}", next.stderr_text());
    assert_eq!(listing(dir.path()), ["compact.md"]);
}

#[test]
fn issue13_leftovers_of_a_live_run_and_names_not_profilecs_are_kept() {
    let work = Workspace::new();
    // This test process is alive: what carries its id is work in progress.
    let live = std::process::id();
    let keep_files = [
        format!(".profilec-{live}-aB3xYz.tmp"),
        ".profilec-notes.tmp".to_string(),
        "draft.tmp".to_string(),
    ];
    let out = work.path().join("out");
    std::fs::create_dir(&out).unwrap();
    for name in &keep_files {
        std::fs::write(out.join(name), "mine").unwrap();
    }
    let keep_folders = [format!(".site.new-{live}-aB3xYz"), ".site.old-notes".into()];
    for name in &keep_folders {
        std::fs::create_dir(work.path().join(name)).unwrap();
    }

    let ran = TestCommand::new()
        .current_dir(repo())
        .args([
            "build",
            "tests/fixtures/valid/compact.yaml",
            "-f",
            "md",
            "-o",
        ])
        .arg(&out)
        .run();
    assert_eq!(ran.code, 0, "{}", ran.stderr_text());
    let ran = work.build_site(None);
    assert_eq!(ran.code, 0, "{}", ran.stderr_text());

    let mut expected: Vec<String> = keep_files.to_vec();
    expected.push("compact.md".into());
    expected.sort();
    assert_eq!(listing(&out), expected);
    let mut expected: Vec<String> = keep_folders.to_vec();
    expected.extend(["out".into(), "profiles".into(), "site".into()]);
    expected.sort();
    assert_eq!(listing(work.path()), expected);
}

/// Runs the binary under `umask 077`.
fn under_umask_077(dir: &Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new("sh")
        .arg("-c")
        .arg("umask 077; exec \"$0\" \"$@\"")
        .arg(env!("CARGO_BIN_EXE_profilec"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("sh runs")
}

#[test]
fn issue13_site_and_documents_are_readable_by_all_whatever_the_umask() {
    let work = Workspace::new();
    let ran = under_umask_077(
        work.path(),
        &["site", "profiles", "-o", "public/site", "--no-pdf"],
    );
    assert!(
        ran.status.success(),
        "{}",
        String::from_utf8_lossy(&ran.stderr)
    );
    let ran = under_umask_077(
        work.path(),
        &[
            "build",
            "profiles/kenya-2016.yaml",
            "-f",
            "md",
            "-o",
            "docs/en",
        ],
    );
    assert!(
        ran.status.success(),
        "{}",
        String::from_utf8_lossy(&ran.stderr)
    );
    let mode = |path: &Path| std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
    for folder in [
        "public",
        "public/site",
        "public/site/countries",
        "docs",
        "docs/en",
    ] {
        assert_eq!(mode(&work.path().join(folder)), 0o755, "{folder}");
    }
    let site = work.path().join("public/site");
    let files = files_under(&site);
    assert!(files.len() > 10, "{files:?}");
    for file in files {
        assert_eq!(mode(&site.join(&file)), 0o644, "{file}");
    }
    assert_eq!(mode(&work.path().join("docs/en/kenya-2016.md")), 0o644);
}

#[cfg(target_os = "linux")]
#[test]
fn issue13_a_site_at_a_mount_point_says_to_give_a_folder_inside_it() {
    let work = Workspace::new();
    // /proc is a mount point on every Linux system; nothing is written there.
    let ran = TestCommand::new()
        .current_dir(work.path())
        .args(["site", "profiles", "-o", "/proc", "--no-pdf"])
        .run();
    assert_eq!(ran.code, 2, "{}", ran.stderr_text());
    let text = ran.stderr_text();
    assert!(text.contains("is a mount point"), "{text}");
    assert!(
        text.contains("give a folder inside it, such as -o /proc/site"),
        "{text}"
    );
    assert_eq!(listing(work.path()), ["profiles"], "nothing left beside it");
}

fn make_fifo(path: &Path) {
    rustix::fs::mkfifoat(
        rustix::fs::CWD,
        path,
        rustix::fs::Mode::from_raw_mode(0o644),
    )
    .expect("mkfifo");
}

#[test]
fn issue13_a_fifo_named_like_a_profile_in_a_folder_is_skipped_with_a_warning() {
    let work = Workspace::new();
    make_fifo(&work.profiles().join("pipe.yaml"));
    // The hang guard: before the fix these runs waited for a writer for ever.
    let ran = TestCommand::new()
        .current_dir(work.path())
        .args(["validate", "profiles"])
        .timeout(Duration::from_secs(60))
        .run();
    assert_eq!(ran.code, 0, "{}", ran.stderr_text());
    let text = ran.stderr_text();
    assert!(text.contains("warning[not-a-file]"), "{text}");
    assert!(text.contains("profiles/pipe.yaml"), "{text}");
    assert!(text.contains("2 files, 0 errors, 1 warning"), "{text}");

    let ran = TestCommand::new()
        .current_dir(work.path())
        .args(["site", "profiles", "-o", "site", "--no-pdf"])
        .timeout(Duration::from_secs(120))
        .run();
    assert_eq!(ran.code, 0, "{}", ran.stderr_text());
    assert!(
        ran.stderr_text().contains("warning[not-a-file]"),
        "{}",
        ran.stderr_text()
    );
    assert!(work.site().join("index.html").is_file());
}

#[test]
fn issue13_a_fifo_named_on_the_command_line_is_refused() {
    let work = Workspace::new();
    let fifo = work.profiles().join("pipe.yaml");
    make_fifo(&fifo);
    for command in ["validate", "build"] {
        let ran = TestCommand::new()
            .current_dir(work.path())
            .args([command, "profiles/pipe.yaml"])
            .timeout(Duration::from_secs(60))
            .run();
        assert_eq!(ran.code, 2, "{command}: {}", ran.stderr_text());
        let text = ran.stderr_text();
        assert!(
            text.contains("error[io]: this is a FIFO"),
            "{command}: {text}"
        );
        assert!(text.contains("profiles/pipe.yaml"), "{command}: {text}");
    }
    assert!(!work.path().join("output").exists(), "nothing was built");
    // `import` of a FIFO, legacy text or CSV data: refused, with a hint
    // that names what it reads, instead of waiting for a writer.
    for (name, expected) in [
        ("legacy.txt", "legacy profile"),
        ("data.csv", "GCI dataset"),
    ] {
        let fifo = work.path().join(name);
        make_fifo(&fifo);
        let ran = TestCommand::new()
            .current_dir(work.path())
            .args(["import", name, "-o", "imported"])
            .timeout(Duration::from_secs(60))
            .run();
        assert_eq!(ran.code, 2, "import {name}: {}", ran.stderr_text());
        let text = ran.stderr_text();
        assert!(text.contains("error[io]: this is a FIFO"), "{name}: {text}");
        assert!(text.contains(expected), "{name}: {text}");
    }
}

#[test]
fn issue13_control_characters_in_a_file_name_are_escaped_in_diagnostics() {
    let work = Workspace::new();
    let name = "evil\u{1b}[2J\u{1b}[31mred\rline.yaml";
    std::fs::write(work.profiles().join(name), "- not a profile\n").unwrap();
    let ran = TestCommand::new()
        .current_dir(work.path())
        .args(["validate", "profiles"])
        .run();
    assert_eq!(ran.code, 1, "{}", ran.stderr_text());
    assert!(
        !ran.stderr.contains(&0x1b) && !ran.stderr.contains(&b'\r'),
        "raw control characters reach the terminal: {:?}",
        ran.stderr_text()
    );
    let text = ran.stderr_text();
    assert!(
        text.contains("profiles/evil\\u{1b}[2J\\u{1b}[31mred\\rline.yaml"),
        "{text}"
    );
}

#[test]
fn issue13_a_file_name_that_is_not_utf8_names_no_document() {
    use std::os::unix::ffi::OsStrExt;
    let work = Workspace::new();
    let name = std::ffi::OsStr::from_bytes(b"caf\xe9-2016.yaml");
    std::fs::copy(
        work.profiles().join("kenya-2016.yaml"),
        work.profiles().join(name),
    )
    .unwrap();
    let ran = TestCommand::new()
        .current_dir(work.path())
        .arg("build")
        .arg(Path::new("profiles").join(name))
        .args(["-f", "md", "-o", "out"])
        .run();
    assert_eq!(ran.code, 2, "{}", ran.stderr_text());
    let text = ran.stderr_text();
    assert!(
        text.contains("error[output]: the file's name is not UTF-8"),
        "{text}"
    );
    assert!(
        !work.path().join("out").exists(),
        "no document with a U+FFFD name"
    );
}
