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

/// BibTeX and biber use the first of two entries with one key: sorting
/// newest first must not put the later copy in front.
#[test]
fn entries_sharing_a_key_keep_their_file_order() {
    insta::assert_snapshot!(run(&[
        "--bib",
        "tests/fixtures/invalid/duplicate-key.bib",
        "fmt"
    ]));
}

/// A macro defined twice means, for each entry, its last definition above
/// it: hoisting the `@string`s (or reordering entries) would change that.
#[test]
fn a_redefined_macro_keeps_its_strings_in_place() {
    insta::assert_snapshot!(run(&[
        "--bib",
        "tests/fixtures/invalid/macro-redefined.bib",
        "fmt"
    ]));
}

/// A NUL byte or UTF-16 text is an encoding problem: `fmt` names it and
/// rewrites nothing, as for invalid UTF-8.
#[test]
fn refuses_files_with_encoding_problems() {
    let (_dir, nul) = copy_to_temp("invalid/nul-byte.bib");
    let utf16 = nul.with_file_name("utf16.bib");
    let text = fs::read_to_string(super::root().join(fixture("valid/unformatted.bib"))).unwrap();
    let mut bytes = vec![0xff, 0xfe];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    fs::write(&utf16, &bytes).unwrap();
    for (path, problem) in [(&nul, "NUL byte"), (&utf16, "UTF-16")] {
        let before = fs::read(path).unwrap();
        for args in [&["fmt"][..], &["fmt", "--check"], &["fmt", "--write"]] {
            let out = publist()
                .args(["--bib", path.to_str().unwrap()])
                .args(args)
                .output()
                .unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(2), "{args:?} {}", render(&out));
            assert!(out.stdout.is_empty(), "{args:?} {}", render(&out));
            assert!(stderr.contains(problem), "{args:?} {stderr}");
            assert!(stderr.contains("fix the errors above first"), "{stderr}");
        }
        assert_eq!(fs::read(path).unwrap(), before);
        // Nor does `check` suggest running `fmt --write` on such a file.
        let check = publist()
            .args(["--bib", path.to_str().unwrap(), "check"])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&check.stderr);
        assert!(!stderr.contains("fmt --write"), "{stderr}");
    }
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

/// A UTF-8 byte order mark stays the file's first bytes, whatever comment
/// follows it and moves with its entry.
#[test]
fn a_byte_order_mark_stays_first() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lib.bib");
    let text = "\u{feff}%% about b\n@article{b, title = {B}, year = 2020}\n@article{a, title = {A}, year = 2021}\n";
    fs::write(&path, text).unwrap();
    let fmt = |path: &std::path::Path| {
        let out = publist()
            .args(["--bib", path.to_str().unwrap(), "fmt"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", render(&out));
        String::from_utf8(out.stdout).unwrap()
    };
    let once = fmt(&path);
    assert!(once.starts_with("\u{feff}@article{a,"), "{once:?}");
    assert_eq!(once.matches('\u{feff}').count(), 1, "{once:?}");
    assert!(once.contains("\n%% about b\n@article{b,"), "{once:?}");
    fs::write(&path, &once).unwrap();
    assert_eq!(fmt(&path), once);
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
