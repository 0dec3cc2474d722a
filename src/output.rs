//! Writing output files: the only module that writes to disk.
//!
//! Long (about 1,100 lines before its tests) on purpose: every way of
//! writing shares the same private pieces (the temporaries' names, their
//! locks, modes, syncs, the leftovers' clean-up and the test hooks), and
//! keeping them in one module keeps them private to it.
//!
//! | owns | must not |
//! | --- | --- |
//! | atomic writes of one file ([`write_atomic`], or [`write_new`] where an existing file must not be replaced) of many documents together ([`StagedFiles`]) and of a whole folder ([`StagedFolder`], [`replace_folder`]) | write anywhere but the destination and the temporaries beside it |
//! | the permissions of what it writes: files 0644, folders 0755, whatever the umask | leave a temporary behind on failure, or a run's leftovers for ever |
//! | removing the leftovers of earlier, killed runs | remove anything not recognisably profilec's own, or another run's work in progress |
//!
//! Every file is written to a temporary file in its destination folder and
//! renamed into place when complete, so an interrupted or failed run never
//! leaves a truncated file where a reader expects a document. Many
//! documents ([`StagedFiles`], `profilec build`) are written as they are
//! made into a temporary folder inside the destination, then renamed into
//! place together. A whole folder (a site, [`StagedFolder`]) is written the
//! same way, one level up: file by file, as its pages are made, into a
//! temporary folder beside the destination, which replaces the old folder
//! only when complete; a file the new folder shares with the old one is
//! carried over as a hard link.
//!
//! **Durability.** A single file is synced before its rename. Many files
//! are not synced one by one (on a corpus, a sync per file was half of a
//! build's time): one `syncfs` of the file system makes every file of the
//! batch durable before any of them is put in place, and one `fsync` of
//! the folder makes the renames (or the swap) durable. After a power cut a
//! reader finds the old file or folder, or the whole new one, as before.
//!
//! **The swap.** Where the system has it (Linux's `renameat2` with
//! `RENAME_EXCHANGE`, macOS's `RENAME_SWAP`), the new folder and the old one
//! trade places in one step, so the output path always holds a whole site,
//! the old or the new. Elsewhere, and on file systems without the exchange,
//! it is two renames (old folder aside, new one in), and between them the
//! output path does not exist for a moment: a kill in that window leaves the
//! site in the `.NAME.old-*` folder beside it.
//!
//! **Leftovers.** A run killed outright (`kill -9`, power loss) cannot clean
//! up, so its temporaries carry its process id in their names:
//! `.profilec-PID-XXXXXX.tmp` beside documents (a file, or a folder of
//! them), `.NAME.new-PID-XXXXXX` and
//! `.NAME.old-PID-N` beside a folder `NAME`; a run holds an advisory lock on
//! each while it works. The next run that writes in the same place removes
//! those whose process is gone and whose lock nobody holds, so concurrent
//! runs never delete each other's work. Names of earlier versions without a
//! process id (`.profilec-XXXXXX.tmp`, `.NAME.new-XXXXXX`) are removed once
//! an hour old, far longer than any run writes. Nothing else is touched.
//!
//! **Test hook.** `PROFILEC_TEST_ABORT_AT=swap` (or `=stage`, or `=write`)
//! makes the process kill itself right after the swap of a folder (before
//! the old one is removed), right before it (the new folder complete and
//! synced), or right before a file is renamed into place, so the tests can
//! check what a `kill -9` at that moment leaves. It is for tests only.

use std::collections::{BTreeMap, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, SystemTime};

use rayon::prelude::*;

use crate::diag::{Code, Diagnostic};

/// The permissions of every file written: readable by all, as documents
/// and sites are for reading (the umask does not apply).
#[cfg(unix)]
const FILE_MODE: u32 = 0o644;

/// The permissions of every folder created.
#[cfg(unix)]
const FOLDER_MODE: u32 = 0o755;

/// Temporary files beside documents are `.profilec-PID-XXXXXX.tmp`.
const TEMP_PREFIX: &str = ".profilec-";
const TEMP_SUFFIX: &str = ".tmp";

/// How old a leftover named by an earlier version (no process id) must be
/// before it is taken for a dead run's.
const LEGACY_AGE: Duration = Duration::from_secs(3600);

/// Writes `bytes` to `path` atomically, creating the folder if needed.
///
/// The first write into a folder in a run also removes the temporary files
/// that killed runs left there (see the module docs).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    write_file(path, bytes, true)
}

/// Writes `bytes` to a new file `path`, atomically, and never over an
/// existing file: if `path` exists, even if it appears while the file is
/// written, nothing is written and the error says so (`profilec new`
/// never overwrites a profile).
pub fn write_new(path: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    write_file(path, bytes, false)
}

/// The error of [`write_new`] when `path` exists.
pub fn exists_error(path: &Path) -> Diagnostic {
    Diagnostic::error(
        Code::Output,
        "the file exists; it is not overwritten".to_owned(),
    )
    .with_hint("give another file with -o, or move this one away first")
    .in_file(path.display().to_string())
}

fn write_file(path: &Path, bytes: &[u8], replace: bool) -> Result<(), Diagnostic> {
    let failed = |what: &str, e: std::io::Error| {
        Diagnostic::error(Code::Output, format!("cannot {what}: {e}"))
            .with_hint("check that the output folder exists and that you may write to it")
            .in_file(path.display().to_string())
    };
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    };
    create_folders(&dir).map_err(|e| failed("create the output folder", e))?;
    remove_leftover_files_once(&dir);
    let mut file = tempfile::Builder::new()
        .prefix(&format!("{TEMP_PREFIX}{}-", std::process::id()))
        .suffix(TEMP_SUFFIX)
        .tempfile_in(&dir)
        .map_err(|e| failed("create a temporary file", e))?;
    lock(file.as_file());
    file.write_all(bytes)
        .map_err(|e| failed("write the file", e))?;
    set_file_mode(file.as_file()).map_err(|e| failed("set the file's permissions", e))?;
    file.as_file()
        .sync_all()
        .map_err(|e| failed("write the file", e))?;
    test_hook("write");
    // `persist` renames over any previous version in one step;
    // `persist_noclobber` fails if the file exists (a link, or a rename
    // that does not replace). On failure the temporary file is removed
    // when dropped.
    if replace {
        file.persist(path)
            .map_err(|e| failed("move the file into place", e.error))?;
    } else {
        file.persist_noclobber(path).map_err(|e| {
            if e.error.kind() == std::io::ErrorKind::AlreadyExists {
                exists_error(path)
            } else {
                failed("move the file into place", e.error)
            }
        })?;
    }
    Ok(())
}

/// Replaces the folder `target` with one holding exactly `files` (relative
/// `/`-separated paths → contents): [`StagedFolder`] in one call, for
/// callers that have every file in memory.
///
/// Returns warnings (the old folder or a leftover could not be removed).
pub fn replace_folder(
    target: &Path,
    files: &BTreeMap<String, Vec<u8>>,
    marker: &str,
) -> Result<Vec<Diagnostic>, Diagnostic> {
    for path in files.keys() {
        check_site_path(path)?;
    }
    let staged = StagedFolder::begin(target, marker)?;
    files
        .par_iter()
        .try_for_each(|(path, bytes)| staged.write(path, bytes).map(|_| ()))?;
    staged.commit()
}

/// A new version of the folder `target`, written file by file (from any
/// thread, as its pages are made) into a temporary folder beside `target`
/// (same parent, so the swap stays on one file system), then swapped in
/// whole by [`StagedFolder::commit`] and the old version removed (see the
/// module docs for the swap and where it is not atomic). Until the swap,
/// `target` is untouched, so a failed or interrupted build leaves the
/// previous folder as it was; dropped without a commit, the temporary
/// folder is removed.
///
/// Files are not synced one by one: [`StagedFolder::commit`] makes the whole
/// folder durable with one `syncfs` (elsewhere, an `fsync` of each file)
/// before the swap, and the swap with an `fsync` of the parent folder after
/// it. So after a crash the output path holds the old folder or the whole
/// new one, as a sync per file would give, for one wait instead of
/// thousands.
///
/// To make sure a mistyped `-o` never deletes someone's folder, an existing
/// `target` is replaced only if it is empty or holds the file `marker` (which
/// the new folder should contain, so the next build may replace it too). A
/// mount point cannot be replaced: the error says to give a folder inside it.
pub struct StagedFolder {
    target: PathBuf,
    parent: PathBuf,
    name: String,
    staging: tempfile::TempDir,
    /// Held until the swap: tells another run this folder is being written.
    lock: Option<std::fs::File>,
    /// Sub-folders already made in the staging folder.
    folders: Mutex<HashSet<String>>,
    /// What removing killed runs' leftovers could not remove.
    warnings: Vec<Diagnostic>,
}

impl StagedFolder {
    /// Checks that `target` may be replaced, removes killed runs' leftovers
    /// beside it, and makes the temporary folder.
    pub fn begin(target: &Path, marker: &str) -> Result<Self, Diagnostic> {
        let shown = target.display().to_string();
        let failed = |what: &str, e: std::io::Error| failure(target, what, e);
        let Some(name) = target.file_name().map(|n| n.to_string_lossy().into_owned()) else {
            return Err(Diagnostic::error(
                Code::Output,
                "the output folder must have a name of its own",
            )
            .with_hint("give a folder such as output/site, not `.`, `..` or `/`")
            .in_file(shown));
        };
        let parent = match target.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
            _ => PathBuf::from("."),
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
                return Err(Diagnostic::error(
                    Code::Output,
                    "the output path is a file, not a folder",
                )
                .with_hint("give a folder, or remove the file")
                .in_file(shown));
            }
            Ok(_) => {
                if is_mount_point(target, &parent) {
                    return Err(mount_point_error(target));
                }
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
        create_folders(&parent)
            .map_err(|e| failed("create the folder that holds the output", e))?;
        let warnings = remove_leftovers(
            &parent,
            &[
                (&format!(".{name}.new-"), "", Kind::Folder),
                (&format!(".{name}.old-"), "", Kind::Folder),
            ],
        );
        let pid = std::process::id();
        let staging = tempfile::Builder::new()
            .prefix(&format!(".{name}.new-{pid}-"))
            .tempdir_in(&parent)
            .map_err(|e| failed("create a temporary folder beside the output folder", e))?;
        let held = std::fs::File::open(staging.path()).inspect(lock).ok();
        Ok(StagedFolder {
            target: target.to_path_buf(),
            parent,
            name,
            staging,
            lock: held,
            folders: Mutex::default(),
            warnings,
        })
    }

    /// Writes the file `path` (relative, `/`-separated) of the new folder,
    /// making its folders as needed (0755); the file is 0644. Returns its
    /// stamp.
    pub fn write(&self, path: &str, bytes: &[u8]) -> Result<Stamp, Diagnostic> {
        check_site_path(path)?;
        self.make_folders(path)?;
        let written =
            std::fs::File::create_new(self.staging.path().join(path)).and_then(|mut file| {
                file.write_all(bytes)?;
                set_file_mode(&file)?;
                file.metadata()
            });
        written
            .map(|meta| Stamp::of(&meta))
            .map_err(|e| self.write_failed(e))
    }

    /// The stamp of the file `path` of the folder being replaced, if it is
    /// there as profilec writes files: a regular file (not a link), 0644.
    pub fn previous(&self, path: &str) -> Option<Stamp> {
        if !is_safe_relative(path) {
            return None;
        }
        let meta = std::fs::symlink_metadata(self.target.join(path)).ok()?;
        (meta.file_type().is_file() && has_file_mode(&meta)).then(|| Stamp::of(&meta))
    }

    /// The bytes of the file `path` of the folder being replaced (a
    /// regular file of at most `limit` bytes), if it is there.
    pub fn previous_bytes(&self, path: &str, limit: u64) -> Option<Vec<u8>> {
        use std::io::Read;
        if !is_safe_relative(path) {
            return None;
        }
        let full = self.target.join(path);
        let meta = std::fs::symlink_metadata(&full).ok()?;
        if !meta.file_type().is_file() || meta.len() > limit {
            return None;
        }
        let mut bytes = Vec::new();
        std::fs::File::open(&full)
            .ok()?
            .take(limit)
            .read_to_end(&mut bytes)
            .ok()?;
        Some(bytes)
    }

    /// Carries the file `path` of the folder being replaced into the new
    /// one unchanged, without reading it: a hard link where the file
    /// system has them, else a copy. Safe because profilec never changes a
    /// file of a folder in place (each build writes new files), and the
    /// caller carries a file over only when it found it as it was made; so
    /// the file the two folders share until the old one is removed is
    /// never written again.
    ///
    /// Returns the stamp of the file in the new folder: `was` (its stamp in
    /// the old one, as [`StagedFolder::previous`] found it) for a link,
    /// which shares the old file's inode, size and time, so nothing needs
    /// asking again; a new one for a copy.
    pub fn carry_over(&self, path: &str, was: Stamp) -> Result<Stamp, Diagnostic> {
        check_site_path(path)?;
        self.make_folders(path)?;
        let from = self.target.join(path);
        let to = self.staging.path().join(path);
        if std::fs::hard_link(&from, &to).is_ok() {
            return Ok(was);
        }
        std::fs::copy(&from, &to)
            .and_then(|_| std::fs::File::open(&to))
            .and_then(|f| {
                set_file_mode(&f)?;
                f.metadata()
            })
            .map(|meta| Stamp::of(&meta))
            .map_err(|e| self.write_failed(e))
    }

    /// The folder being replaced.
    pub fn target(&self) -> &Path {
        &self.target
    }

    /// Makes the folders of `path` in the staging folder, each once.
    fn make_folders(&self, path: &str) -> Result<(), Diagnostic> {
        let Some((folder, _)) = path.rsplit_once('/') else {
            return Ok(());
        };
        let made = |f: &str| self.folders.lock().is_ok_and(|made| made.contains(f));
        if made(folder) {
            return Ok(());
        }
        let root = self.staging.path();
        // Every ancestor, shortest first. Another thread making the same
        // folder meanwhile is fine: whoever made it set its mode.
        for (at, _) in folder.match_indices('/').chain([(folder.len(), "")]) {
            let ancestor = &folder[..at];
            if made(ancestor) {
                continue;
            }
            let full = root.join(ancestor);
            match std::fs::create_dir(&full) {
                Ok(()) => set_folder_mode(&full).map_err(|e| self.write_failed(e))?,
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
                Err(e) => return Err(self.write_failed(e)),
            }
            if let Ok(mut made) = self.folders.lock() {
                made.insert(ancestor.to_owned());
            }
        }
        Ok(())
    }

    fn write_failed(&self, e: std::io::Error) -> Diagnostic {
        failure(&self.target, "write the site into the temporary folder", e)
    }

    /// Makes the new folder durable, swaps it in and removes the old one.
    /// Returns warnings (the old folder or a leftover could not be removed).
    pub fn commit(self) -> Result<Vec<Diagnostic>, Diagnostic> {
        let (mut warnings, old) = self.commit_keeping_old()?;
        warnings.extend(old.remove());
        Ok(warnings)
    }

    /// Makes the new folder durable and swaps it in, leaving the old one
    /// for the caller to remove ([`OldFolder::remove`], or when dropped)
    /// once it has told its readers: removing thousands of files takes a
    /// moment nobody needs to wait for. Returns warnings (a leftover could
    /// not be removed).
    pub fn commit_keeping_old(self) -> Result<(Vec<Diagnostic>, OldFolder), Diagnostic> {
        let StagedFolder {
            target,
            parent,
            name,
            staging,
            lock: held,
            warnings,
            ..
        } = self;
        let failed = |what: &str, e: std::io::Error| failure(&target, what, e);
        let root = staging.path();
        // Temporary folders are private (0700); a site is for reading.
        set_folder_mode(root).map_err(|e| failed("write the site into the temporary folder", e))?;
        sync_tree(root).map_err(|e| failed("write the site to disk", e))?;
        test_hook("stage");
        let old = match swap(root, &target, &parent, &name) {
            Ok(Swapped::Exchanged) => {
                sync_folder(&parent);
                drop(held);
                // The temporary folder's name now holds the old site.
                OldFolder(Some(Old::Temporary(staging)))
            }
            Ok(Swapped::Moved { old }) => {
                sync_folder(&parent);
                // The temporary folder is now `target`: it must not be removed.
                let _ = staging.keep();
                OldFolder(old.map(Old::Renamed))
            }
            Err(e) => return Err(failed("move the new folder into place", e)),
        };
        Ok((warnings, old))
    }
}

/// The folder a new one replaced, until it is removed: by
/// [`OldFolder::remove`], which says if it could not be, or when dropped.
pub struct OldFolder(Option<Old>);

enum Old {
    /// The temporary folder's name, which holds the old folder after an
    /// exchange.
    Temporary(tempfile::TempDir),
    /// Where the old folder was moved aside.
    Renamed(PathBuf),
}

impl OldFolder {
    /// Removes the old folder; a warning if it cannot be.
    pub fn remove(mut self) -> Option<Diagnostic> {
        match self.0.take()? {
            Old::Temporary(dir) => {
                let path = dir.path().to_path_buf();
                dir.close().err().map(|e| old_not_removed(&path, e))
            }
            Old::Renamed(path) => std::fs::remove_dir_all(&path)
                .err()
                .map(|e| old_not_removed(&path, e)),
        }
    }
}

impl Drop for OldFolder {
    fn drop(&mut self) {
        if let Some(old) = self.0.take() {
            let _ = OldFolder(Some(old)).remove();
        }
    }
}

/// What tells a file profilec wrote from the same path changed since: its
/// size, modification time and inode. profilec never changes a file in
/// place, so a file with the stamp it had when written still holds what
/// was written (an edit by hand changes the time; a replaced file, the
/// inode).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Stamp {
    /// Bytes.
    pub size: u64,
    /// Modification time, nanoseconds since 1970 (0 where unknown).
    pub modified: u64,
    /// The inode (0 where the system has none).
    pub inode: u64,
}

impl Stamp {
    /// The stamp of a file, from its metadata.
    pub fn of(meta: &std::fs::Metadata) -> Self {
        let modified = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(SystemTime::UNIX_EPOCH).ok())
            .map_or(0, |d| u64::try_from(d.as_nanos()).unwrap_or(u64::MAX));
        #[cfg(unix)]
        let inode = std::os::unix::fs::MetadataExt::ino(meta);
        #[cfg(not(unix))]
        let inode = 0;
        Stamp {
            size: meta.len(),
            modified,
            inode,
        }
    }
}

/// Documents written into one folder as they are made, from any thread,
/// each put in place under its name only when every one is written
/// ([`StagedFiles::commit`]): `profilec build` of many profiles.
///
/// They are written into a private temporary folder inside the destination
/// (`.profilec-PID-XXXXXX.tmp/`, locked, removed by a later run if this one
/// is killed), made durable together with one `syncfs` (elsewhere, an
/// `fsync` of each), then each renamed into place, and the renames made
/// durable with one `fsync` of the folder. After a crash each destination
/// holds its old file or the whole new one, as with a sync per file, for
/// one wait instead of one per file. Dropped without a commit, nothing is
/// put in place and the temporary folder is removed.
pub struct StagedFiles {
    dir: PathBuf,
    /// The temporary folder; `None` once committed.
    staging: Option<tempfile::TempDir>,
    /// Held until the commit: tells another run the folder is in use.
    _lock: Option<std::fs::File>,
    /// The names written, in no particular order.
    names: Mutex<Vec<String>>,
    /// The folders made for the output, outermost first: removed again
    /// (when empty) if nothing is put in place.
    made: Vec<PathBuf>,
}

impl StagedFiles {
    /// Prepares to write into `dir` (created if needed), removing the
    /// temporaries that killed runs left there.
    pub fn new(dir: &Path) -> Result<Self, Diagnostic> {
        let failed = |what: &str, e: std::io::Error| {
            Diagnostic::error(Code::Output, format!("cannot {what}: {e}"))
                .with_hint("check that the output folder exists and that you may write to it")
                .in_file(dir.display().to_string())
        };
        let made = create_folders(dir).map_err(|e| failed("create the output folder", e))?;
        remove_leftover_files_once(dir);
        let staged = tempfile::Builder::new()
            .prefix(&format!("{TEMP_PREFIX}{}-", std::process::id()))
            .suffix(TEMP_SUFFIX)
            .tempdir_in(dir);
        let staging = match staged {
            Ok(staging) => staging,
            Err(e) => {
                remove_folders(&made);
                return Err(failed("create a temporary folder", e));
            }
        };
        let held = std::fs::File::open(staging.path()).inspect(lock).ok();
        Ok(StagedFiles {
            dir: dir.to_path_buf(),
            staging: Some(staging),
            _lock: held,
            names: Mutex::default(),
            made,
        })
    }

    /// Writes the document `name` (a file name, no folder), to be put in
    /// place by [`StagedFiles::commit`]. Each name once.
    pub fn write(&self, name: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        let target = self.dir.join(name);
        let failed = |e: std::io::Error| {
            Diagnostic::error(Code::Output, format!("cannot write the file: {e}"))
                .with_hint("check that the output folder exists and that you may write to it")
                .in_file(target.display().to_string())
        };
        if name.contains('/') || !is_safe_relative(name) {
            return Err(Diagnostic::error(
                Code::Internal,
                format!("refusing to write `{name}`, which is not a plain file name"),
            ));
        }
        let Some(staging) = &self.staging else {
            return Err(failed(std::io::ErrorKind::NotFound.into()));
        };
        let mut file = std::fs::File::create_new(staging.path().join(name)).map_err(&failed)?;
        file.write_all(bytes).map_err(&failed)?;
        set_file_mode(&file).map_err(&failed)?;
        if let Ok(mut names) = self.names.lock() {
            names.push(name.to_owned());
        }
        Ok(())
    }

    /// Makes every document durable and puts each in place (replacing any
    /// file of that name), in the order of their names.
    pub fn commit(mut self) -> Result<(), Diagnostic> {
        let mut names = self.names.lock().map(|n| n.clone()).unwrap_or_default();
        names.sort();
        let Some(temporary) = self.staging.take() else {
            return Ok(());
        };
        let staging = temporary.path();
        let synced = if names.len() <= SYNC_EACH_MAX {
            names
                .iter()
                .try_for_each(|name| std::fs::File::open(staging.join(name))?.sync_all())
        } else {
            sync_tree(staging)
        };
        synced.map_err(|e| {
            Diagnostic::error(Code::Output, format!("cannot write the files to disk: {e}"))
                .with_hint("check that the disk is not full and that you may write to it")
                .in_file(self.dir.display().to_string())
        })?;
        for name in &names {
            test_hook("write");
            let target = self.dir.join(name);
            std::fs::rename(staging.join(name), &target).map_err(|e| {
                Diagnostic::error(
                    Code::Output,
                    format!("cannot move the file into place: {e}"),
                )
                .with_hint("check that the output folder exists and that you may write to it")
                .in_file(target.display().to_string())
            })?;
        }
        sync_folder(&self.dir);
        // Something is in place: the output folder stays, even if the
        // (now empty) temporary folder cannot be removed.
        self.made.clear();
        let _ = temporary.close();
        Ok(())
    }
}

impl Drop for StagedFiles {
    /// Without a commit, nothing stays: the temporary folder is removed,
    /// then the folders made for the output, if empty.
    fn drop(&mut self) {
        if let Some(staging) = self.staging.take() {
            let _ = staging.close();
        }
        remove_folders(&self.made);
    }
}

/// Removes the empty folders `made` (outermost first), innermost first.
fn remove_folders(made: &[PathBuf]) {
    for folder in made.iter().rev() {
        let _ = std::fs::remove_dir(folder);
    }
}

/// Up to this many documents are synced one by one; more, with one
/// `syncfs`. A sync of one file costs a few milliseconds; `syncfs` writes
/// whatever else the file system holds unwritten too, tens of
/// milliseconds on a busy disk, but once: measured on this project's
/// machine, 3 files took 4 ms synced each and 9 to 38 ms with `syncfs`;
/// 200 files, 430 to 780 ms synced each and 15 ms with `syncfs`.
const SYNC_EACH_MAX: usize = 8;

/// Refuses a path that would leave a site's folder.
fn check_site_path(path: &str) -> Result<(), Diagnostic> {
    if is_safe_relative(path) {
        Ok(())
    } else {
        Err(Diagnostic::error(
            Code::Internal,
            format!(
                "refusing to write `{path}`, which is not a plain path inside the output folder"
            ),
        ))
    }
}

/// Makes every file under `root` durable: one `syncfs` of its file system
/// where the system has it (Linux), else an `fsync` of every file and
/// folder under it.
fn sync_tree(root: &Path) -> std::io::Result<()> {
    #[cfg(any(target_os = "linux", target_os = "android"))]
    {
        let folder = std::fs::File::open(root)?;
        rustix::fs::syncfs(&folder)?;
        Ok(())
    }
    #[cfg(not(any(target_os = "linux", target_os = "android")))]
    {
        fn each(dir: &Path) -> std::io::Result<()> {
            for entry in std::fs::read_dir(dir)? {
                let entry = entry?;
                if entry.file_type()?.is_dir() {
                    each(&entry.path())?;
                } else {
                    std::fs::File::open(entry.path())?.sync_all()?;
                }
            }
            sync_folder(dir);
            Ok(())
        }
        each(root)
    }
}

/// Makes the entries of `folder` (a rename into it) durable. Best effort:
/// where a folder cannot be opened or synced (some systems), the rename is
/// still atomic, only less certain to survive a power cut.
fn sync_folder(folder: &Path) {
    if let Ok(dir) = std::fs::File::open(folder) {
        let _ = dir.sync_all();
    }
}

/// How a new folder took the place of the old one.
enum Swapped {
    /// In one step: the temporary path now holds the old folder.
    Exchanged,
    /// By renames: the old folder, if there was one, is at `old`.
    Moved { old: Option<PathBuf> },
}

/// Puts the folder `new` in the place of `target` (both in `parent`).
fn swap(new: &Path, target: &Path, parent: &Path, name: &str) -> std::io::Result<Swapped> {
    if std::fs::symlink_metadata(target).is_err() {
        std::fs::rename(new, target)?;
        test_hook("swap");
        return Ok(Swapped::Moved { old: None });
    }
    match exchange(new, target) {
        Ok(()) => {
            test_hook("swap");
            return Ok(Swapped::Exchanged);
        }
        Err(e) if e.kind() != std::io::ErrorKind::Unsupported => return Err(e),
        Err(_) => {}
    }
    // No exchange here: two renames, with a moment between them when
    // `target` does not exist.
    let pid = std::process::id();
    let old = (0..1000)
        .map(|n| parent.join(format!(".{name}.old-{pid}-{n}")))
        .find(|p| std::fs::symlink_metadata(p).is_err())
        .ok_or_else(|| std::io::Error::other("no free name to move the old folder to"))?;
    std::fs::rename(target, &old)?;
    test_hook("swap");
    if let Err(e) = std::fs::rename(new, target) {
        let _ = std::fs::rename(&old, target);
        return Err(e);
    }
    Ok(Swapped::Moved { old: Some(old) })
}

/// Exchanges two folders in one step; `Unsupported` where the system or the
/// file system cannot.
#[cfg(any(target_os = "linux", target_os = "android", target_os = "macos"))]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    use rustix::io::Errno;
    match renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE) {
        Ok(()) => Ok(()),
        // Old kernels (ENOSYS) and file systems without the flag (EINVAL).
        Err(e) if e == Errno::INVAL || e == Errno::NOSYS || e == Errno::NOTSUP => {
            Err(std::io::Error::new(std::io::ErrorKind::Unsupported, e))
        }
        Err(e) => Err(e.into()),
    }
}

#[cfg(not(any(target_os = "linux", target_os = "android", target_os = "macos")))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<()> {
    Err(std::io::ErrorKind::Unsupported.into())
}

fn old_not_removed(old: &Path, e: std::io::Error) -> Diagnostic {
    Diagnostic::warning(
        Code::Output,
        format!("the new folder is in place, but the old one could not be removed: {e}"),
    )
    .with_hint("remove it by hand; the next build also tries again")
    .in_file(old.display().to_string())
}

/// The error for a failed step of replacing `target`.
fn failure(target: &Path, what: &str, e: std::io::Error) -> Diagnostic {
    if e.kind() == std::io::ErrorKind::ResourceBusy {
        return mount_point_error(target);
    }
    Diagnostic::error(Code::Output, format!("cannot {what}: {e}"))
        .with_hint("check that you may write to the output folder and the folder that holds it")
        .in_file(target.display().to_string())
}

/// The error for an output folder that is a mount point: renaming it fails
/// (`EBUSY`) however often it is tried.
fn mount_point_error(target: &Path) -> Diagnostic {
    Diagnostic::error(
        Code::Output,
        "the output folder is a mount point, which cannot be replaced by another folder",
    )
    .with_hint(format!(
        "give a folder inside it, such as -o {}",
        target.join("site").display()
    ))
    .in_file(target.display().to_string())
}

/// Whether the folder `target` is a mount point: on another device than
/// its parent folder. (A bind mount of the same device is not seen here;
/// the rename's `EBUSY` catches it.)
fn is_mount_point(target: &Path, parent: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (std::fs::metadata(target), std::fs::metadata(parent)) {
            (Ok(t), Ok(p)) => t.dev() != p.dev(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = (target, parent);
        false
    }
}

/// Creates `dir` and its missing ancestors, each 0755 whatever the umask;
/// returns those it made, outermost first.
fn create_folders(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let missing: Vec<&Path> = dir
        .ancestors()
        .filter(|a| !a.as_os_str().is_empty())
        .take_while(|a| std::fs::symlink_metadata(a).is_err())
        .collect();
    let mut made = Vec::new();
    for folder in missing.into_iter().rev() {
        match std::fs::create_dir(folder) {
            Ok(()) => {
                made.push(folder.to_path_buf());
                set_folder_mode(folder)?;
            }
            // Made meanwhile by a parallel run: it is not ours to change.
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(e),
        }
    }
    if !dir.is_dir() {
        std::fs::create_dir_all(dir)?;
    }
    Ok(made)
}

fn set_file_mode(file: &std::fs::File) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        file.set_permissions(std::fs::Permissions::from_mode(FILE_MODE))
    }
    #[cfg(not(unix))]
    {
        let _ = file;
        Ok(())
    }
}

/// Whether a file has the permissions profilec gives every file.
fn has_file_mode(meta: &std::fs::Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        meta.permissions().mode() & 0o7777 == FILE_MODE
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        true
    }
}

fn set_folder_mode(folder: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(folder, std::fs::Permissions::from_mode(FOLDER_MODE))
    }
    #[cfg(not(unix))]
    {
        let _ = folder;
        Ok(())
    }
}

/// What a leftover is: a temporary file, a temporary folder, or either
/// (`.profilec-PID-XXXXXX.tmp` is a document's temporary file, or the
/// folder of a `build`'s documents).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Folder,
    FileOrFolder,
}

/// Who left a recognisably named temporary: a run with this process id, or
/// an earlier version of profilec, which did not name the process.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Owner {
    Process(u32),
    Legacy,
}

/// The owner of `file_name` if it is `PREFIX` + `PID-TAIL` or a legacy
/// six-character random part + `SUFFIX`, where TAIL is letters and digits;
/// `None` for anything else.
fn owner(file_name: &str, prefix: &str, suffix: &str) -> Option<Owner> {
    let middle = file_name.strip_prefix(prefix)?.strip_suffix(suffix)?;
    let alphanumeric = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric());
    match middle.split_once('-') {
        Some((pid, tail)) if alphanumeric(tail) && pid.bytes().all(|b| b.is_ascii_digit()) => {
            pid.parse().ok().filter(|&p| p > 0).map(Owner::Process)
        }
        None if middle.len() == 6 && alphanumeric(middle) => Some(Owner::Legacy),
        _ => None,
    }
}

/// Folders whose leftover files this run already removed.
fn cleaned() -> &'static Mutex<HashSet<PathBuf>> {
    static CLEANED: OnceLock<Mutex<HashSet<PathBuf>>> = OnceLock::new();
    CLEANED.get_or_init(Mutex::default)
}

/// Removes dead runs' temporary files from `dir`, once per folder per run
/// (a build writes many files into one folder). Failures are not reported:
/// the file being written is what matters, and the next run tries again.
fn remove_leftover_files_once(dir: &Path) {
    let key = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
    if let Ok(mut done) = cleaned().lock()
        && !done.insert(key)
    {
        return;
    }
    let _ = remove_leftovers(dir, &[(TEMP_PREFIX, TEMP_SUFFIX, Kind::FileOrFolder)]);
}

/// Removes from `dir` the entries named `PREFIX…SUFFIX` (see [`owner`]) of
/// the given kind that a dead run left. Returns a warning for each that
/// could not be removed.
fn remove_leftovers(dir: &Path, patterns: &[(&str, &str, Kind)]) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return warnings;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(file_name) = file_name.to_str() else {
            continue;
        };
        let Some((owner, kind)) = patterns.iter().find_map(|(prefix, suffix, kind)| {
            owner(file_name, prefix, suffix).map(|o| (o, *kind))
        }) else {
            continue;
        };
        let path = entry.path();
        // Never follow a link, never take a file for a folder.
        let Ok(meta) = std::fs::symlink_metadata(&path) else {
            continue;
        };
        let right_kind = match kind {
            Kind::Folder => meta.file_type().is_dir(),
            Kind::FileOrFolder => meta.file_type().is_dir() || meta.file_type().is_file(),
        };
        if !right_kind || !is_stale(&path, owner, &meta) {
            continue;
        }
        let removed = if meta.file_type().is_dir() {
            std::fs::remove_dir_all(&path)
        } else {
            std::fs::remove_file(&path)
        };
        if let Err(e) = removed
            && e.kind() != std::io::ErrorKind::NotFound
        {
            warnings.push(
                Diagnostic::warning(
                    Code::Output,
                    format!("cannot remove what an earlier, interrupted run left here: {e}"),
                )
                .with_hint("remove it by hand")
                .in_file(path.display().to_string()),
            );
        }
    }
    warnings
}

/// Whether a leftover's run is over: its process is gone (or, for an
/// earlier version's name, it is an hour old) and nobody holds its lock.
fn is_stale(path: &Path, owner: Owner, meta: &std::fs::Metadata) -> bool {
    let over = match owner {
        Owner::Process(pid) => pid != std::process::id() && !process_alive(pid),
        Owner::Legacy => meta
            .modified()
            .ok()
            .and_then(|m| SystemTime::now().duration_since(m).ok())
            .is_some_and(|age| age >= LEGACY_AGE),
    };
    over && !locked_by_another(path)
}

/// Whether process `pid` of this machine is running. Where that cannot be
/// told, it is taken to be running: a leftover stays rather than work in
/// progress being deleted.
fn process_alive(pid: u32) -> bool {
    #[cfg(unix)]
    {
        let Some(pid) = i32::try_from(pid)
            .ok()
            .and_then(rustix::process::Pid::from_raw)
        else {
            return true;
        };
        // Signal 0 sends nothing: ESRCH says no such process; EPERM says it
        // exists under another user.
        !matches!(
            rustix::process::test_kill_process(pid),
            Err(rustix::io::Errno::SRCH)
        )
    }
    #[cfg(not(unix))]
    {
        let _ = pid;
        true
    }
}

/// Whether another process holds the advisory lock of `path` (a run on
/// another machine or in another process namespace sharing the folder,
/// whose process id says nothing here).
fn locked_by_another(path: &Path) -> bool {
    #[cfg(unix)]
    {
        use rustix::fs::{FlockOperation, Mode, OFlags, flock, open};
        // O_NONBLOCK: never wait on what is opened; O_NOFOLLOW: never a link.
        let flags = OFlags::RDONLY | OFlags::NOFOLLOW | OFlags::NONBLOCK | OFlags::CLOEXEC;
        match open(path, flags, Mode::empty()) {
            Ok(fd) => matches!(
                flock(&fd, FlockOperation::NonBlockingLockExclusive),
                Err(rustix::io::Errno::WOULDBLOCK)
            ),
            Err(_) => true,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        false
    }
}

/// Takes the advisory lock that tells other runs `file` is being written.
/// Where locks are not supported, the process id in the name still does.
fn lock(file: &std::fs::File) {
    #[cfg(unix)]
    {
        let _ = rustix::fs::flock(file, rustix::fs::FlockOperation::NonBlockingLockExclusive);
    }
    #[cfg(not(unix))]
    {
        let _ = file;
    }
}

/// Test-only: kills the process at `point` when `PROFILEC_TEST_ABORT_AT`
/// names it, as `kill -9` would (no clean-up runs). Tests set it; nothing
/// else should.
fn test_hook(point: &str) {
    if std::env::var_os("PROFILEC_TEST_ABORT_AT").is_some_and(|at| at == point) {
        #[cfg(unix)]
        {
            let _ = rustix::process::kill_process(
                rustix::process::getpid(),
                rustix::process::Signal::KILL,
            );
        }
        std::process::abort();
    }
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
    fn write_new_never_replaces_a_file_and_leaves_nothing_behind() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("kenya.yaml");
        write_new(&path, b"first\n").unwrap();
        let error = write_new(&path, b"second\n").unwrap_err();
        assert_eq!(error.code, Code::Output);
        assert!(error.message.contains("exists"), "{}", error.message);
        assert_eq!(std::fs::read(&path).unwrap(), b"first\n");
        let entries: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(entries.len(), 1, "no temporary file is left");
        // write_atomic replaces, as before.
        write_atomic(&path, b"third\n").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"third\n");
    }

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
    fn staged_documents_appear_together_and_only_on_commit() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("new/out");
        let staged = StagedFiles::new(&out).unwrap();
        staged.write("a.md", b"first").unwrap();
        staged.write("b.html", b"second").unwrap();
        assert!(
            !out.join("a.md").exists(),
            "nothing in place before the commit"
        );
        staged.commit().unwrap();
        assert_eq!(listing(&out), ["a.md", "b.html"]);
        assert_eq!(std::fs::read(out.join("b.html")).unwrap(), b"second");
        // A second batch replaces a document and adds one.
        let staged = StagedFiles::new(&out).unwrap();
        staged.write("a.md", b"third").unwrap();
        staged.write("c.pdf", b"fourth").unwrap();
        staged.commit().unwrap();
        assert_eq!(listing(&out), ["a.md", "b.html", "c.pdf"]);
        assert_eq!(std::fs::read(out.join("a.md")).unwrap(), b"third");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(out.join("c.pdf"))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o644);
        }
    }

    #[test]
    fn staged_documents_dropped_without_a_commit_leave_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("made/for/it");
        let staged = StagedFiles::new(&out).unwrap();
        staged.write("a.md", b"x").unwrap();
        assert!(staged.write("../b.md", b"x").is_err());
        drop(staged);
        assert!(listing(dir.path()).is_empty(), "{:?}", listing(dir.path()));
        // In a folder that was there, the folder stays, empty.
        std::fs::create_dir(dir.path().join("kept")).unwrap();
        let staged = StagedFiles::new(&dir.path().join("kept")).unwrap();
        staged.write("a.md", b"x").unwrap();
        drop(staged);
        assert_eq!(listing(dir.path()), ["kept"]);
        assert!(listing(&dir.path().join("kept")).is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn a_dead_runs_folder_of_documents_is_removed() {
        let dir = tempfile::tempdir().unwrap();
        let dead = dir.path().join(format!(".profilec-{DEAD}-aB3xYz.tmp"));
        std::fs::create_dir(&dead).unwrap();
        std::fs::write(dead.join("kenya.md"), "half").unwrap();
        let staged = StagedFiles::new(dir.path()).unwrap();
        staged.write("kenya.md", b"whole").unwrap();
        staged.commit().unwrap();
        assert_eq!(listing(dir.path()), ["kenya.md"]);
    }

    #[test]
    fn a_staged_folder_carries_files_of_the_old_one_over() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("site");
        replace_folder(
            &target,
            &tree(&[(".mark", ""), ("a/kept.html", "kept"), ("b/gone.html", "x")]),
            ".mark",
        )
        .unwrap();
        let staged = StagedFolder::begin(&target, ".mark").unwrap();
        let before = staged.previous("a/kept.html").unwrap();
        assert_eq!(before.size, 4);
        assert!(staged.previous("b/missing.html").is_none());
        assert!(staged.previous("../site/a/kept.html").is_none());
        staged.write(".mark", b"").unwrap();
        assert_eq!(staged.carry_over("a/kept.html", before).unwrap(), before);
        staged.write("c/new.html", b"new").unwrap();
        staged.commit().unwrap();
        // The stamp carry_over gave back is the file's, as the next build
        // will find it.
        let meta = std::fs::symlink_metadata(target.join("a/kept.html")).unwrap();
        assert_eq!(Stamp::of(&meta), before);
        assert_eq!(listing(&target), [".mark", "a", "c"]);
        assert_eq!(
            std::fs::read_to_string(target.join("a/kept.html")).unwrap(),
            "kept"
        );
        assert_eq!(listing(dir.path()), ["site"]);
        // What is not there cannot be carried over; dropped, the new
        // folder leaves nothing behind.
        let staged = StagedFolder::begin(&target, ".mark").unwrap();
        assert_eq!(
            staged.carry_over("b/gone.html", before).unwrap_err().code,
            Code::Output
        );
        drop(staged);
        assert_eq!(listing(dir.path()), ["site"]);
    }

    #[test]
    fn an_unwritable_destination_is_an_output_error() {
        let dir = tempfile::tempdir().unwrap();
        let blocker = dir.path().join("file");
        std::fs::write(&blocker, b"x").unwrap();
        let error = write_atomic(&blocker.join("out.md"), b"x").unwrap_err();
        assert_eq!(error.code, Code::Output);
    }

    /// A process id above every system's limit (Linux's is 2^22): no
    /// process has it, so its leftovers are a dead run's.
    const DEAD: u32 = 4_194_305;

    #[test]
    fn leftovers_are_recognised_by_name_only_when_they_are_profilecs() {
        let t = |name: &str| owner(name, ".profilec-", ".tmp");
        assert_eq!(t(".profilec-123-aB3xYz.tmp"), Some(Owner::Process(123)));
        assert_eq!(t(".profilec-aB3xYz.tmp"), Some(Owner::Legacy));
        for not_ours in [
            ".profilec-notes.tmp",
            ".profilec-0-abcdef.tmp",
            ".profilec--abcdef.tmp",
            ".profilec-12-.tmp",
            ".profilec-12-a/b.tmp",
            ".profilec-abcdefg.tmp",
            "profilec-123-abcdef.tmp",
            ".profilec-123-abcdef.tmp.bak",
        ] {
            assert_eq!(t(not_ours), None, "{not_ours}");
        }
        let old = |name: &str| owner(name, ".site.old-", "");
        assert_eq!(old(".site.old-77-3"), Some(Owner::Process(77)));
        assert_eq!(old(".site.older-77-3"), None);
    }

    #[cfg(unix)]
    #[test]
    fn a_dead_runs_temporary_files_are_removed_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let write = |name: &str| std::fs::write(dir.path().join(name), name).unwrap();
        let dead = format!(".profilec-{DEAD}-aB3xYz.tmp");
        let live = format!(
            ".profilec-{}-aB3xYz.tmp",
            std::os::unix::process::parent_id()
        );
        let locked = format!(".profilec-{DEAD}-locked.tmp");
        for name in [
            dead.as_str(),
            &live,
            &locked,
            ".profilec-notes.tmp",
            "notes.tmp",
            ".profilec-fresh1.tmp",
        ] {
            write(name);
        }
        // Held by another run that this machine cannot see (another
        // process namespace): its lock says it is at work.
        let holder = std::fs::File::open(dir.path().join(&locked)).unwrap();
        rustix::fs::flock(&holder, rustix::fs::FlockOperation::LockExclusive).unwrap();
        // A temporary of an earlier version, two hours old.
        write(".profilec-oldone.tmp");
        let old = std::fs::File::options()
            .write(true)
            .open(dir.path().join(".profilec-oldone.tmp"))
            .unwrap();
        old.set_modified(SystemTime::now() - Duration::from_secs(7200))
            .unwrap();

        write_atomic(&dir.path().join("out.md"), b"doc").unwrap();
        let mut expected = vec![
            ".profilec-fresh1.tmp".to_string(),
            live,
            locked,
            ".profilec-notes.tmp".into(),
            "notes.tmp".into(),
            "out.md".into(),
        ];
        expected.sort();
        assert_eq!(listing(dir.path()), expected);
    }

    #[cfg(unix)]
    #[test]
    fn a_dead_runs_folders_beside_a_site_are_removed_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let make = |name: &str| {
            std::fs::create_dir(dir.path().join(name)).unwrap();
            std::fs::write(dir.path().join(name).join("index.html"), "x").unwrap();
        };
        let live = std::os::unix::process::parent_id();
        make(&format!(".site.new-{DEAD}-aB3xYz"));
        make(&format!(".site.old-{DEAD}-0"));
        make(&format!(".site.new-{live}-aB3xYz"));
        make(&format!(".other.new-{DEAD}-aB3xYz"));
        make(".site.new-keepme-please");
        std::fs::write(dir.path().join(format!(".site.old-{DEAD}-1")), "a file").unwrap();
        make("elsewhere");
        std::os::unix::fs::symlink(
            dir.path().join("elsewhere"),
            dir.path().join(format!(".site.old-{DEAD}-2")),
        )
        .unwrap();

        let warnings = replace_folder(
            &dir.path().join("site"),
            &tree(&[(".mark", ""), ("index.html", "new")]),
            ".mark",
        )
        .unwrap();
        assert!(warnings.is_empty(), "{warnings:?}");
        let mut expected = vec![
            format!(".site.new-{live}-aB3xYz"),
            format!(".other.new-{DEAD}-aB3xYz"),
            ".site.new-keepme-please".into(),
            format!(".site.old-{DEAD}-1"),
            format!(".site.old-{DEAD}-2"),
            "elsewhere".into(),
            "site".into(),
        ];
        expected.sort();
        assert_eq!(listing(dir.path()), expected);
        assert!(dir.path().join("elsewhere/index.html").exists());
    }

    #[cfg(any(target_os = "linux", target_os = "android", target_os = "macos"))]
    #[test]
    fn two_folders_trade_places_in_one_step() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a"), dir.path().join("b"));
        std::fs::create_dir(&a).unwrap();
        std::fs::create_dir(&b).unwrap();
        std::fs::write(a.join("new"), "").unwrap();
        std::fs::write(b.join("old"), "").unwrap();
        exchange(&a, &b).unwrap();
        assert_eq!(listing(&a), ["old"]);
        assert_eq!(listing(&b), ["new"]);
    }

    #[cfg(unix)]
    #[test]
    fn every_folder_of_a_site_is_0755_and_every_file_0644() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("deep/er/site");
        replace_folder(
            &target,
            &tree(&[(".mark", ""), ("a/b/c.html", "x"), ("a/d.css", "y")]),
            ".mark",
        )
        .unwrap();
        let mode = |p: &str| {
            std::fs::metadata(dir.path().join(p))
                .unwrap()
                .permissions()
                .mode()
                & 0o777
        };
        for folder in [
            "deep",
            "deep/er",
            "deep/er/site",
            "deep/er/site/a",
            "deep/er/site/a/b",
        ] {
            assert_eq!(mode(folder), 0o755, "{folder}");
        }
        for file in [
            "deep/er/site/a/b/c.html",
            "deep/er/site/a/d.css",
            "deep/er/site/.mark",
        ] {
            assert_eq!(mode(file), 0o644, "{file}");
        }
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_mount_point_is_named_as_such_and_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        assert!(!is_mount_point(&dir.path().join("sub"), dir.path()));
        // /proc is a mount point on every Linux system.
        assert!(is_mount_point(Path::new("/proc"), Path::new("/")));
        let error =
            replace_folder(Path::new("/proc"), &tree(&[(".mark", "")]), ".mark").unwrap_err();
        assert!(error.message.contains("mount point"), "{error:?}");
        assert!(
            error
                .hint
                .as_deref()
                .unwrap_or_default()
                .contains("/proc/site"),
            "{error:?}"
        );
    }

    #[test]
    fn a_busy_rename_says_to_give_a_folder_inside_the_mount_point() {
        let error = failure(
            Path::new("/mnt/usb"),
            "move the new folder into place",
            std::io::ErrorKind::ResourceBusy.into(),
        );
        assert!(error.message.contains("mount point"), "{error:?}");
        assert_eq!(
            error.hint.as_deref(),
            Some("give a folder inside it, such as -o /mnt/usb/site")
        );
        let other = failure(
            Path::new("/mnt/usb"),
            "read the output folder",
            std::io::ErrorKind::PermissionDenied.into(),
        );
        assert!(
            other.message.starts_with("cannot read the output folder"),
            "{other:?}"
        );
    }
}
