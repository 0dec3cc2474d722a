//! Writing output files: the only module that writes to disk.
//!
//! Every file is written to a temporary file in its destination folder and
//! renamed into place when complete, so an interrupted or failed run never
//! leaves a truncated file where a reader expects a document.

use std::io::Write;
use std::path::{Path, PathBuf};

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

#[cfg(test)]
mod tests {
    use super::*;

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
