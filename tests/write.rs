//! `write_atomic` never loses the user's file: a failure at any step (made
//! to happen with `PUBLIST_INJECT_WRITE_FAILURE`) leaves the original
//! byte-identical with no temporary file behind, and a file changed on disk
//! since it was read is not overwritten.
//!
//! The injection is an environment variable, which is process-wide: every
//! test here holds [`ENV`] for its whole body, so none runs while another
//! has the variable set.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use publist::error::Error;
use publist::write::{FAILURE_INJECTION_ENV, write_atomic};

static ENV: Mutex<()> = Mutex::new(());

/// Bytes no rewrite could reproduce by accident: CRLF, a BOM, invalid UTF-8.
const ORIGINAL: &[u8] = b"\xef\xbb\xbf@misc{a,\r\n  title = {Caf\xe9}\r\n}\r\n";

/// A directory holding `a.bib` with [`ORIGINAL`].
fn setup() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("a.bib");
    fs::write(&path, ORIGINAL).expect("the original is written");
    (dir, path)
}

/// Names of the files in `dir`, sorted.
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("a readable directory")
        .map(|e| {
            e.expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    names
}

/// Runs `f` with the failure injected at `step`.
fn with_failure_at<T>(step: &str, f: impl FnOnce() -> T) -> T {
    // SAFETY: every test in this binary holds `ENV`, so no other thread
    // reads or writes the environment meanwhile.
    unsafe { std::env::set_var(FAILURE_INJECTION_ENV, step) };
    let result = f();
    unsafe { std::env::remove_var(FAILURE_INJECTION_ENV) };
    result
}

#[test]
fn a_failure_at_any_step_leaves_the_original_intact() {
    let _env = ENV.lock().unwrap_or_else(|e| e.into_inner());
    for step in ["create", "write", "sync", "rename"] {
        let (dir, path) = setup();
        let result = with_failure_at(step, || write_atomic(&path, b"new", Some(ORIGINAL)));
        let Err(Error::Io { source, .. }) = result else {
            panic!("{step}: expected an I/O error, got {result:?}");
        };
        let message = source.to_string();
        assert!(
            message.contains(&format!("injected failure at `{step}`"))
                && message.contains("the original file is unchanged"),
            "{step}: {message}"
        );
        assert_eq!(fs::read(&path).expect("the original"), ORIGINAL, "{step}");
        assert_eq!(
            listing(dir.path()),
            ["a.bib"],
            "{step}: a temporary file is left"
        );
    }
}

#[test]
fn a_successful_write_replaces_the_file_and_keeps_its_permissions() {
    let _env = ENV.lock().unwrap_or_else(|e| e.into_inner());
    let (dir, path) = setup();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).expect("chmod");
        write_atomic(&path, b"new", Some(ORIGINAL)).expect("the write succeeds");
        let mode = fs::metadata(&path).expect("metadata").permissions().mode();
        assert_eq!(mode & 0o777, 0o640);
    }
    #[cfg(not(unix))]
    write_atomic(&path, b"new", Some(ORIGINAL)).expect("the write succeeds");
    assert_eq!(fs::read(&path).expect("the new file"), b"new");
    assert_eq!(listing(dir.path()), ["a.bib"]);
}

#[test]
fn a_file_changed_on_disk_is_not_overwritten() {
    let _env = ENV.lock().unwrap_or_else(|e| e.into_inner());
    let (dir, path) = setup();
    fs::write(&path, b"edited in another window").expect("an edit");
    let result = write_atomic(&path, b"new", Some(ORIGINAL));
    let Err(Error::Usage(message)) = result else {
        panic!("expected a refusal, got {result:?}");
    };
    assert!(message.contains("changed on disk"), "{message}");
    assert_eq!(
        fs::read(&path).expect("the edit"),
        b"edited in another window"
    );
    assert_eq!(listing(dir.path()), ["a.bib"]);
}

#[test]
fn a_file_deleted_since_reading_is_not_recreated() {
    let _env = ENV.lock().unwrap_or_else(|e| e.into_inner());
    let (dir, path) = setup();
    fs::remove_file(&path).expect("a deletion");
    let result = write_atomic(&path, b"new", Some(ORIGINAL));
    assert!(matches!(result, Err(Error::Io { .. })), "{result:?}");
    assert!(listing(dir.path()).is_empty());
}

/// A library symlinked from elsewhere (a synced folder, say) is updated in
/// place: the link stays a link and its target gets the new text.
#[cfg(unix)]
#[test]
fn a_symlinked_file_is_written_through_the_link() {
    let _env = ENV.lock().unwrap_or_else(|e| e.into_inner());
    let (dir, target) = setup();
    let link = dir.path().join("link.bib");
    std::os::unix::fs::symlink(&target, &link).expect("a symlink");
    write_atomic(&link, b"new", Some(ORIGINAL)).expect("the write succeeds");
    assert!(
        fs::symlink_metadata(&link)
            .expect("the link")
            .file_type()
            .is_symlink()
    );
    assert_eq!(fs::read(&target).expect("the target"), b"new");
    assert_eq!(listing(dir.path()), ["a.bib", "link.bib"]);
}
