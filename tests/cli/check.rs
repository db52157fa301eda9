//! `publist check`: findings with place, severity, message and hint.

use super::{publist, run};

#[test]
fn bundled_library_passes_with_the_venue_year_warning() {
    insta::assert_snapshot!(run(&["check"]));
}

#[test]
fn every_kind_of_finding() {
    insta::assert_snapshot!(run(&["--bib", "tests/fixtures/valid/lint.bib", "check"]));
}

#[test]
fn strict_fails_on_warnings() {
    let out = publist().args(["check", "--strict"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn json_lists_every_finding() {
    let out = publist()
        .args([
            "--bib",
            "tests/fixtures/valid/lint.bib",
            "check",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "errors make check fail");
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    insta::assert_json_snapshot!(report);
}

/// With no entry loaded, `check --format json` still writes its report (a
/// CI step reading it gets the syntax errors) and exits 2.
#[test]
fn json_reports_a_library_where_nothing_loads() {
    let out = publist()
        .args([
            "--bib",
            "tests/fixtures/invalid/all-entries-broken.bib",
            "check",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", super::render(&out));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("stdout is JSON");
    assert_eq!(report["entries"], 2);
    let codes = finding_codes(&report);
    assert!(codes.contains(&"syntax"), "{codes:?}");
}

/// A byte order mark is not a column: line 1's findings point where they
/// would without it.
#[test]
fn a_byte_order_mark_does_not_shift_columns() {
    let dir = tempfile::tempdir().unwrap();
    let place = |text: &str| {
        let path = dir.path().join("lib.bib");
        std::fs::write(&path, text).unwrap();
        let out = publist()
            .args([
                "--bib",
                path.to_str().unwrap(),
                "--message-format",
                "short",
                "check",
            ])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        stderr
            .lines()
            .next()
            .unwrap_or_default()
            .replace(path.to_str().unwrap(), "lib.bib")
    };
    let entry = "@article{a2020, title {x}, year = 2020}\n";
    let plain = place(entry);
    assert!(plain.starts_with("lib.bib:1:23:"), "{plain}");
    assert_eq!(place(&format!("\u{feff}{entry}")), plain);
}

/// Neither the same `@string` again (libraries joined from exports that
/// share them) nor text two lines after an entry (an entry disabled by
/// deleting its `@`) is a finding.
#[test]
fn a_repeated_string_and_a_disabled_entry_are_fine() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lib.bib");
    let text = "@string{j = {Journal A}}\n@string{J = {Journal A}}\n\n@article{a, title = {T}, author = {A, B}, year = 2020, journal = j}\n\nxarticle{b,\n  author = {Roe, Richard},\n}\n";
    std::fs::write(&path, text).unwrap();
    let out = publist()
        .args(["--bib", path.to_str().unwrap(), "check", "--format", "json"])
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let codes = finding_codes(&report);
    assert!(!codes.contains(&"macro-redefined"), "{codes:?}");
    assert!(!codes.contains(&"text-after-entry"), "{codes:?}");
}

/// The codes of a `check --format json` report's findings, in order.
fn finding_codes(report: &serde_json::Value) -> Vec<&str> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect()
}
