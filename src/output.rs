//! Writing output files: the only module that writes to disk.
//!
//! Every file is written to a temporary file in its destination folder and
//! renamed into place when complete, so an interrupted or failed run never
//! leaves a truncated file where a reader expects a document. A whole folder
//! (a site) is written the same way, one level up: into a temporary folder
//! beside the destination, which replaces the old folder only when complete
//! ([`replace_folder`]).

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diag::{Code, Diagnostic};

/// Writes `bytes` to `path` atomically, creating the folder if needed.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    let failed = |what: &str, e: std::io::Error| {
        Diagnostic::error(Code::Output, format!("cannot {what}: {e}"))
            .with_hint("check that the output folder exists and that you may write to it")
            .in_file(path.display().to_string())
    };
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&dir).map_err(|e| failed("create the output folder", e))?;
    let mut file = tempfile::Builder::new()
        .prefix(".profilec-")
        .suffix(".tmp")
        .tempfile_in(&dir)
        .map_err(|e| failed("create a temporary file", e))?;
    file.write_all(bytes)
        .map_err(|e| failed("write the file", e))?;
    // Temporary files are private (0600); a document is for reading.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        file.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o644))
            .map_err(|e| failed("set the file's permissions", e))?;
    }
    file.as_file()
        .sync_all()
        .map_err(|e| failed("write the file", e))?;
    // `persist` renames over any previous version in one step; on failure the
    // temporary file is removed when dropped.
    file.persist(path)
        .map_err(|e| failed("move the file into place", e.error))?;
    Ok(())
}

/// Replaces the folder `target` with one holding exactly `files` (relative
/// `/`-separated paths → contents).
///
/// The new folder is written in full into a temporary folder beside
/// `target` (same parent, so the final rename stays on one file system and
/// is atomic), then swapped in: the old folder is renamed away, the new one
/// renamed into place, and the old one removed. Until the swap, `target` is
/// untouched, so a failed or interrupted build leaves the previous folder
/// as it was.
///
/// To make sure a mistyped `-o` never deletes someone's folder, an existing
/// `target` is replaced only if it is empty or holds the file `marker` (which
/// `files` should contain, so the next build may replace it too).
///
/// Returns warnings (the old folder could not be removed).
pub fn replace_folder(
    target: &Path,
    files: &BTreeMap<String, Vec<u8>>,
    marker: &str,
) -> Result<Vec<Diagnostic>, Diagnostic> {
    let shown = target.display().to_string();
    let failed = |what: &str, e: std::io::Error| {
        Diagnostic::error(Code::Output, format!("cannot {what}: {e}"))
            .with_hint("check that you may write to the output folder and the folder that holds it")
            .in_file(shown.clone())
    };
    for path in files.keys() {
        if !is_safe_relative(path) {
            return Err(Diagnostic::error(
                Code::Internal,
                format!(
                    "refusing to write `{path}`, which is not a plain path inside the output folder"
                ),
            ));
        }
    }
    let Some(name) = target.file_name().map(|n| n.to_string_lossy().into_owned()) else {
        return Err(Diagnostic::error(
            Code::Output,
            "the output folder must have a name of its own",
        )
        .with_hint("give a folder such as output/site, not `.`, `..` or `/`")
        .in_file(shown));
    };
    match std::fs::symlink_metadata(target) {
        Ok(meta) if meta.file_type().is_symlink() => {
            return Err(Diagnostic::error(
                Code::Output,
                "the output folder is a symbolic link; it would be replaced by a folder",
            )
            .with_hint("give the folder the link points to")
            .in_file(shown));
        }
        Ok(meta) if !meta.is_dir() => {
            return Err(
                Diagnostic::error(Code::Output, "the output path is a file, not a folder")
                    .with_hint("give a folder, or remove the file")
                    .in_file(shown),
            );
        }
        Ok(_) => {
            let mut entries =
                std::fs::read_dir(target).map_err(|e| failed("read the output folder", e))?;
            if entries.next().is_some() && !target.join(marker).is_file() {
                return Err(Diagnostic::error(
                    Code::Output,
                    "the output folder exists and was not made by profilec, so it is not replaced",
                )
                .with_hint("choose another folder with -o, or empty this one first: a build replaces everything in it")
                .in_file(shown));
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(failed("read the output folder", e)),
    }
    let parent = match target.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent)
        .map_err(|e| failed("create the folder that holds the output", e))?;
    let staging = tempfile::Builder::new()
        .prefix(&format!(".{name}.new-"))
        .tempdir_in(&parent)
        .map_err(|e| failed("create a temporary folder beside the output folder", e))?;
    let root = staging.path();
    let folders: BTreeSet<&str> = files
        .keys()
        .filter_map(|path| path.rsplit_once('/').map(|(dir, _)| dir))
        .collect();
    for folder in folders {
        std::fs::create_dir_all(root.join(folder))
            .map_err(|e| failed("create a folder in the temporary folder", e))?;
    }
    files
        .par_iter()
        .try_for_each(|(path, bytes)| std::fs::write(root.join(path), bytes))
        .map_err(|e| failed("write the site into the temporary folder", e))?;
    // Temporary folders are private (0700); a site is for reading.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(root, std::fs::Permissions::from_mode(0o755))
            .map_err(|e| failed("set the folder's permissions", e))?;
    }

    let mut warnings = Vec::new();
    let old = if target.exists() {
        let old = (0..1000)
            .map(|n| parent.join(format!(".{name}.old-{}-{n}", std::process::id())))
            .find(|p| !p.exists())
            .ok_or_else(|| {
                Diagnostic::error(
                    Code::Output,
                    "cannot find a free name to move the old folder to",
                )
                .with_hint(format!("remove the `.{name}.old-*` folders beside it"))
                .in_file(shown.clone())
            })?;
        std::fs::rename(target, &old).map_err(|e| failed("move the old folder aside", e))?;
        Some(old)
    } else {
        None
    };
    if let Err(e) = std::fs::rename(root, target) {
        if let Some(old) = &old {
            let _ = std::fs::rename(old, target);
        }
        return Err(failed("move the new folder into place", e));
    }
    // The staging folder is now `target`: it must not be removed on drop.
    let _ = staging.keep();
    if let Some(old) = old
        && let Err(e) = std::fs::remove_dir_all(&old)
    {
        warnings.push(
            Diagnostic::warning(
                Code::Output,
                format!("the new folder is in place, but the old one could not be removed: {e}"),
            )
            .with_hint("remove it by hand")
            .in_file(old.display().to_string()),
        );
    }
    Ok(warnings)
}

/// The absolute, symlink-free form of a path that may not exist yet.
pub fn absolute(path: &Path) -> Option<PathBuf> {
    if let Ok(path) = std::fs::canonicalize(path) {
        return Some(path);
    }
    let name = path.file_name()?;
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    absolute(parent).map(|p| p.join(name))
}

/// Refuses an output folder that is, or holds, the folder of `what` (the
/// profiles, the templates): replacing the output would delete them.
pub fn refuse_overlap(output: &Path, other: &Path, what: &str) -> Result<(), Diagnostic> {
    let (Some(output), Ok(other)) = (absolute(output), std::fs::canonicalize(other)) else {
        return Ok(());
    };
    if !other.starts_with(&output) {
        return Ok(());
    }
    Err(Diagnostic::error(
        Code::Output,
        format!(
            "the output folder {} holds the {what} folder {}; building would replace them",
            output.display(),
            other.display()
        ),
    )
    .with_hint("choose an output folder outside it, e.g. -o output/site"))
}

/// Whether `path` is a plain relative path: no root, no `.` or `..`, no
/// empty part, no backslash.
fn is_safe_relative(path: &str) -> bool {
    !path.is_empty()
        && !path.contains('\\')
        && !path.contains('\0')
        && path
            .split('/')
            .all(|part| !part.is_empty() && part != "." && part != "..")
        && !Path::new(path).is_absolute()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_output_folder_holding_the_profiles_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let profiles = dir.path().join("profiles");
        std::fs::create_dir(&profiles).unwrap();
        assert!(refuse_overlap(dir.path(), &profiles, "profiles").is_err());
        assert!(refuse_overlap(&profiles, &profiles, "profiles").is_err());
        assert!(refuse_overlap(&dir.path().join("site"), &profiles, "profiles").is_ok());
    }

    fn tree(files: &[(&str, &str)]) -> BTreeMap<String, Vec<u8>> {
        files
            .iter()
            .map(|(p, c)| (p.to_string(), c.as_bytes().to_vec()))
            .collect()
    }

    fn listing(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_folder_is_replaced_whole_and_nothing_is_left_beside_it() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("site");
        replace_folder(
            &target,
            &tree(&[(".mark", ""), ("a/b.html", "one"), ("gone.txt", "x")]),
            ".mark",
        )
        .unwrap();
        assert_eq!(
            std::fs::read_to_string(target.join("a/b.html")).unwrap(),
            "one"
        );
        replace_folder(
            &target,
            &tree(&[(".mark", ""), ("a/b.html", "two")]),
            ".mark",
        )
        .unwrap();
        assert_eq!(
            std::fs::read_to_string(target.join("a/b.html")).unwrap(),
            "two"
        );
        assert!(
            !target.join("gone.txt").exists(),
            "old files do not survive"
        );
        assert_eq!(listing(dir.path()), ["site"]);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(
                std::fs::metadata(&target).unwrap().permissions().mode() & 0o777,
                0o755
            );
        }
    }

    #[test]
    fn a_folder_not_made_by_profilec_is_never_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("precious");
        std::fs::create_dir(&target).unwrap();
        std::fs::write(target.join("thesis.tex"), "years of work").unwrap();
        let error = replace_folder(&target, &tree(&[(".mark", "")]), ".mark").unwrap_err();
        assert_eq!(error.code, Code::Output);
        assert_eq!(
            std::fs::read_to_string(target.join("thesis.tex")).unwrap(),
            "years of work"
        );
        assert_eq!(
            listing(dir.path()),
            ["precious"],
            "no temporary folder is left"
        );
    }

    #[test]
    fn paths_outside_the_folder_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        for bad in ["../x", "/etc/x", "a//b", "./a", "a/../../b", ""] {
            let error = replace_folder(&dir.path().join("site"), &tree(&[(bad, "x")]), ".mark")
                .unwrap_err();
            assert_eq!(error.code, Code::Internal, "{bad}");
        }
        assert!(!dir.path().join("site").exists());
    }

    #[test]
    fn writes_whole_files_and_leaves_no_temporaries() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/out.md");
        write_atomic(&path, b"first").unwrap();
        write_atomic(&path, b"second").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"second");
        let names: Vec<_> = std::fs::read_dir(dir.path().join("sub"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["out.md"]);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(
                std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
                0o644
            );
        }
    }

    #[test]
    fn an_unwritable_destination_is_an_output_error() {
        let dir = tempfile::tempdir().unwrap();
        let blocker = dir.path().join("file");
        std::fs::write(&blocker, b"x").unwrap();
        let error = write_atomic(&blocker.join("out.md"), b"x").unwrap_err();
        assert_eq!(error.code, Code::Output);
    }
}
