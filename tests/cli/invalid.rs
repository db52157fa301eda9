//! The bad-input suite: every file in `tests/fixtures/invalid/` holds one
//! fault, and each gets its own snapshot of exit code, stdout and stderr
//! (`snapshots/cli__invalid__bad_input@NAME.bib.snap`). The messages must
//! name `path:line:column`, say what was expected, and give a hint; broken
//! entries are skipped and counted while the others load.

use std::path::Path;

use super::{publist, render, root};

/// Runs `list --format csv` on one fixture, naming it relative to the repo
/// root so messages show a short path.
fn list_csv(path: &Path) -> String {
    let relative = path.strip_prefix(root()).unwrap_or(path);
    let out = publist()
        .args(["--bib"])
        .arg(relative)
        .args(["list", "--format", "csv"])
        .output()
        .expect("the binary runs");
    assert!(
        out.status.code().is_some(),
        "{} ended by a signal",
        relative.display()
    );
    render(&out)
}

#[test]
fn bad_input() {
    insta::glob!("../fixtures/invalid", "*.bib", |path| {
        insta::assert_snapshot!(list_csv(path));
    });
}

#[test]
fn the_suite_has_one_file_per_fault() {
    let count = std::fs::read_dir(root().join("tests/fixtures/invalid"))
        .expect("the fixture directory")
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "bib"))
        })
        .count();
    assert!(count >= 30, "only {count} bad-input fixtures");
}
