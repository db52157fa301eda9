//! `publist fmt`: canonical output, `--check`, and safe `--write`.

use std::fs;

use super::{fixture, publist, render, run};

fn copy_to_temp(name: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lib.bib");
    fs::copy(super::root().join(fixture(name)), &path).unwrap();
    (dir, path)
}

#[test]
fn prints_the_canonical_library() {
    insta::assert_snapshot!(run(&[
        "--bib",
        "tests/fixtures/valid/unformatted.bib",
        "fmt"
    ]));
}

#[test]
fn check_names_what_would_change() {
    insta::assert_snapshot!(run(&[
        "--bib",
        "tests/fixtures/valid/unformatted.bib",
        "fmt",
        "--check"
    ]));
}

#[test]
fn the_bundled_library_is_canonical() {
    insta::assert_snapshot!(run(&["fmt", "--check"]));
}

#[test]
fn write_replaces_the_file_with_what_fmt_prints() {
    let (_dir, path) = copy_to_temp("valid/unformatted.bib");
    let printed = publist()
        .args(["--bib", path.to_str().unwrap(), "fmt"])
        .output()
        .unwrap()
        .stdout;
    let out = publist()
        .args(["--bib", path.to_str().unwrap(), "fmt", "--write"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", render(&out));
    assert_eq!(fs::read(&path).unwrap(), printed);
    // Idempotent: a second run changes nothing and says so.
    let again = publist()
        .args(["--bib", path.to_str().unwrap(), "fmt", "--check"])
        .output()
        .unwrap();
    assert!(again.status.success(), "{}", render(&again));
}

#[test]
fn a_failed_write_leaves_the_original_intact() {
    for step in ["create", "write", "sync", "rename"] {
        let (dir, path) = copy_to_temp("valid/unformatted.bib");
        let before = fs::read(&path).unwrap();
        let out = publist()
            .env("PUBLIST_INJECT_WRITE_FAILURE", step)
            .args(["--bib", path.to_str().unwrap(), "fmt", "--write"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{step}: {}", render(&out));
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("the original file is unchanged"),
            "{step}"
        );
        assert_eq!(fs::read(&path).unwrap(), before, "{step}");
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            1,
            "{step}: no temporary file is left"
        );
    }
}

#[test]
fn refuses_files_with_syntax_errors() {
    insta::assert_snapshot!(run(&[
        "--bib",
        "tests/fixtures/valid/one-broken.bib",
        "fmt",
        "--write"
    ]));
}

/// `fmt --write` into a directory nobody may write to: an error that says
/// so, the original untouched, no stray file. Root ignores permissions, so
/// when a probe file can be created anyway the command runs as user
/// `nobody` (uid 65534) through util-linux `setpriv`.
#[cfg(unix)]
#[test]
fn a_read_only_directory_leaves_the_original_intact() {
    use std::os::unix::fs::PermissionsExt;
    use std::process::Command;

    let mode = |path: &std::path::Path, bits: u32| {
        fs::set_permissions(path, fs::Permissions::from_mode(bits)).unwrap();
    };
    let dir = tempfile::tempdir().unwrap();
    mode(dir.path(), 0o755);
    // A copy of the binary that `nobody` may run wherever the build lives.
    let bin = dir.path().join("publist");
    fs::copy(env!("CARGO_BIN_EXE_publist"), &bin).unwrap();
    mode(&bin, 0o755);
    let library = dir.path().join("library");
    fs::create_dir(&library).unwrap();
    let path = library.join("lib.bib");
    fs::copy(super::root().join(fixture("valid/unformatted.bib")), &path).unwrap();
    mode(&path, 0o644);
    mode(&library, 0o555);
    let before = fs::read(&path).unwrap();

    let privileged = fs::write(library.join("probe"), b"").is_ok();
    let _ = fs::remove_file(library.join("probe"));
    let mut cmd = if privileged {
        let mut c = Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(&bin);
        c
    } else {
        Command::new(&bin)
    };
    let out = cmd
        .env_clear()
        .args(["--bib", path.to_str().unwrap(), "fmt", "--write"])
        .output()
        .expect("setpriv (util-linux) runs");
    mode(&library, 0o755);

    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{}", render(&out));
    assert!(stderr.contains("ermission denied"), "{stderr}");
    assert!(
        stderr.contains("the original file is unchanged"),
        "{stderr}"
    );
    assert_eq!(fs::read(&path).unwrap(), before);
    assert_eq!(
        fs::read_dir(&library).unwrap().count(),
        1,
        "no temporary file is left"
    );
}

/// Marks with several symbols, dagger commands and footnote marks leave
/// the names whole; equal ones move to `author+an`.
#[test]
fn marks_leave_names_whole() {
    insta::assert_snapshot!(run(&[
        "--bib",
        "tests/fixtures/valid/names-and-symbols.bib",
        "fmt"
    ]));
}
