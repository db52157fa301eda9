//! Rewriting a user's file without ever losing it.
//!
//! The new contents go to a temporary file in the same directory, which is
//! flushed to disk and then renamed over the original, so at every moment the
//! path holds either the old file or the new one. Before the rename, the file
//! on disk is compared with what was read: if someone changed it meanwhile,
//! nothing is overwritten.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::error::Error;

/// Set to `create`, `write`, `sync` or `rename` to make that step fail: the
/// tests use it to prove a failure at any point leaves the original intact.
#[doc(hidden)]
pub const FAILURE_INJECTION_ENV: &str = "PUBLIST_INJECT_WRITE_FAILURE";

fn injected(step: &str) -> io::Result<()> {
    match std::env::var(FAILURE_INJECTION_ENV) {
        Ok(s) if s == step => Err(io::Error::other(format!("injected failure at `{step}`"))),
        _ => Ok(()),
    }
}

/// Replaces `path` with `contents` atomically. When `expected` is given, the
/// file must still hold exactly those bytes, else nothing is written.
/// On any failure the original is untouched and the error says so.
pub fn write_atomic(path: &Path, contents: &[u8], expected: Option<&[u8]>) -> Result<(), Error> {
    let fail = |step: &str, e: io::Error| {
        Error::io(
            path,
            io::Error::new(
                e.kind(),
                format!("{step} failed: {e}; the original file is unchanged"),
            ),
        )
    };
    if let Some(expected) = expected {
        let current = fs::read(path).map_err(|e| fail("re-reading the file", e))?;
        if current != expected {
            return Err(Error::Usage(format!(
                "{}: the file changed on disk since publist read it; nothing was written\n   = hint: run the command again",
                path.display()
            )));
        }
    }
    // Through a symlink, the file to replace is its target: renaming over
    // the link would turn it into a copy and leave the target stale.
    let target = fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = target
        .file_name()
        .map_or("publist".into(), |n| n.to_string_lossy().into_owned());
    let tmp = dir.join(format!(".{name}.publist-{}.tmp", std::process::id()));
    let result = (|| -> Result<(), Error> {
        let mut file = injected("create")
            .and_then(|_| OpenOptions::new().write(true).create_new(true).open(&tmp))
            .map_err(|e| fail("creating a temporary file", e))?;
        if let Ok(meta) = fs::metadata(&target) {
            // Keep the original's permissions; best effort.
            let _ = fs::set_permissions(&tmp, meta.permissions());
        }
        injected("write")
            .and_then(|_| file.write_all(contents))
            .map_err(|e| fail("writing the temporary file", e))?;
        injected("sync")
            .and_then(|_| file.sync_all())
            .map_err(|e| fail("flushing the temporary file", e))?;
        drop(file);
        injected("rename")
            .and_then(|_| fs::rename(&tmp, &target))
            .map_err(|e| fail("replacing the file", e))?;
        // Make the rename itself durable; not every platform allows it.
        if let Ok(d) = File::open(&dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_and_refuses_when_changed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.bib");
        fs::write(&path, "old").unwrap();
        write_atomic(&path, b"new", Some(b"old")).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        assert!(write_atomic(&path, b"newer", Some(b"old")).is_err());
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temporary file is left"
        );
    }
}
