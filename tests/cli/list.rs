//! `publist list`: the acceptance filters of the core issue, whole outputs.

use super::{fixture, json, numbers, publist, render, run};

/// The CV's own list, the oracle for numbers, authors, titles and years.
const EXPECTED_CV: &str = include_str!("../fixtures/cv/expected-cv.txt");

#[test]
fn json_matches_the_cv_numbers_titles_authors_and_years() {
    let list = json(&["list", "--format", "json"]);
    let pubs = list.as_array().unwrap();
    assert_eq!(numbers(&list), (1..=12).rev().collect::<Vec<u64>>());
    for p in pubs {
        let n = p["number"].as_u64().unwrap();
        let line = EXPECTED_CV
            .lines()
            .find(|l| l.starts_with(&format!("{n}. ")))
            .expect("the CV lists every number");
        let authors: Vec<String> = p["authors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| {
                format!(
                    "{}{}",
                    a["name"].as_str().unwrap(),
                    if a["equal"].as_bool().unwrap() {
                        "*"
                    } else {
                        ""
                    }
                )
            })
            .collect();
        let expected_start = format!(
            "{n}. {}. {}",
            authors.join(", "),
            p["title"].as_str().unwrap()
        );
        assert!(
            line.starts_with(&expected_start),
            "{line}\n{expected_start}"
        );
        assert!(line.ends_with(&format!(" {}.", p["year"])), "{line}");
    }
    // Equal contribution: the first two authors of 11 and 12 only.
    for p in pubs {
        let equal: Vec<bool> = p["authors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["equal"].as_bool().unwrap())
            .collect();
        let expected = matches!(p["number"].as_u64(), Some(11 | 12));
        assert_eq!(equal[0] && equal[1], expected, "{}", p["key"]);
        assert!(equal[2..].iter().all(|e| !e));
    }
}

#[test]
fn json_schema_names() {
    let list = json(&["list", "--format", "json", "--number", "4"]);
    insta::assert_json_snapshot!(list);
}

#[test]
fn filters_select_the_cv_numbers() {
    let cases: &[(&[&str], &[u64])] = &[
        (&["--venue", "NeurIPS", "--year", "2024"], &[10, 9, 8]),
        (&["--venue", "neurips", "--year", "2024"], &[10, 9, 8]),
        (&["--venue", "NIPS", "--year", "2024"], &[10, 9, 8]),
        (&["--year", "2022..2023"], &[6, 5, 4, 3, 2, 1]),
        (&["--year", "2023.."], &[12, 11, 10, 9, 8, 7, 6, 5, 4]),
        (
            &["--year", "2022", "--year", "2024"],
            &[12, 11, 10, 9, 8, 7, 3, 2, 1],
        ),
        (&["--status", "submitted"], &[12, 11, 1]),
        (&["--author", "Lei Wu"], &[12, 10, 9, 6, 5, 3]),
        (&["--author", "Wu, Lei"], &[12, 10, 9, 6, 5, 3]),
        (&["--author", "L. Wu"], &[12, 10, 9, 6, 5, 3]),
        (
            &["--author", "Chao Ma", "--author", "Weinan E"],
            &[12, 10, 8, 4, 2, 1],
        ),
        (&["--tags", "[8][12]"], &[12, 8]),
        (&["--number", "3-5"], &[5, 4, 3]),
        (&["--kind", "preprint"], &[12, 11, 1]),
        (&["--kind", "workshop"], &[5]),
        (&["--topic", "Transformers"], &[12, 8]),
        (&["--topic", "implicit bias"], &[11, 10, 6, 3]),
        (&["--title", "^understanding"], &[8, 4]),
        (&["--first"], &[12, 11, 10, 8, 6, 5, 4, 2, 1]),
        (&["--venue", "ACL"], &[7]),
        (
            &["--venue", "International Conference on Machine Learning"],
            &[6],
        ),
    ];
    for (filters, expected) in cases {
        let mut args = vec!["list", "--format", "json"];
        args.extend_from_slice(filters);
        assert_eq!(numbers(&json(&args)), *expected, "{filters:?}");
    }
}

#[test]
fn table_is_deterministic_off_a_terminal() {
    insta::assert_snapshot!(run(&[
        "list", "--venue", "NeurIPS", "--year", "2024", "--width", "100"
    ]));
}

#[test]
fn full_table() {
    insta::assert_snapshot!(run(&["list"]));
}

#[test]
fn csv_output() {
    insta::assert_snapshot!(run(&["list", "--format", "csv", "--year", "2023"]));
}

#[test]
fn no_match_is_a_message_not_an_error() {
    insta::assert_snapshot!(run(&["list", "--year", "1990"]));
    insta::assert_snapshot!(run(&["list", "--year", "1990", "--format", "json"]));
}

#[test]
fn owner_override_moves_the_mark() {
    let list = json(&[
        "--me", "Lei Wu", "list", "--format", "json", "--number", "3",
    ]);
    let owners: Vec<bool> = list[0]["authors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["owner"].as_bool().unwrap())
        .collect();
    assert_eq!(owners, [true, false, false]);
    let out = publist()
        .env("PUBLIST_ME", "Weijie Su")
        .args(["list", "--format", "json", "--number", "3"])
        .output()
        .unwrap();
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(list[0]["authors"][2]["owner"], true);
}

#[test]
fn library_from_environment() {
    let out = publist()
        .current_dir(std::env::temp_dir())
        .env("PUBLIST_BIB", super::root().join("bib/publications.bib"))
        .args(["list", "--format", "csv", "--number", "1"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", render(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("wang2022generalization"));
}

#[test]
fn bibtex_quirks_load() {
    insta::assert_json_snapshot!(json(&[
        "--bib",
        fixture("valid/quirks.bib").to_str().unwrap(),
        "list",
        "--format",
        "json"
    ]));
}

/// A reader that stops early (`publist ... | head`) ends the output
/// quietly, whatever writes it: every bulk output here is far larger than
/// a pipe's buffer, so the write that fails is in the middle.
#[test]
fn closed_pipe_exits_quietly() {
    use std::io::Read;
    use std::process::Stdio;
    let outputs: &[&[&str]] = &[
        &["list", "--format", "csv"],
        &["list", "--format", "json"],
        &["list"],
        &["export", "--format", "csl-json"],
        &["export", "--format", "json"],
        &["export", "--format", "bibtex"],
        &["cv", "--format", "markdown"],
        &["check", "--format", "json"],
        &["fmt"],
    ];
    let dir = tempfile::tempdir().unwrap();
    for args in outputs {
        // Diagnostics go to a file: a pipe nobody reads could fill up.
        let log = dir.path().join("stderr");
        let mut child = publist()
            .args(["--bib", "tests/corpus/tugboat.bib"])
            .args(*args)
            .stdout(Stdio::piped())
            .stderr(std::fs::File::create(&log).unwrap())
            .spawn()
            .unwrap();
        let mut stdout = child.stdout.take().unwrap();
        let mut first = [0u8; 16];
        stdout.read_exact(&mut first).unwrap();
        drop(stdout);
        let status = child.wait().unwrap();
        let stderr = std::fs::read_to_string(&log).unwrap();
        assert_eq!(status.code(), Some(0), "{args:?}: {stderr}");
        assert!(
            !stderr.to_lowercase().contains("broken pipe"),
            "{args:?}: {stderr}"
        );
    }
}

#[test]
fn completions() {
    for shell in ["bash", "zsh", "fish"] {
        let out = publist().args(["completions", shell]).output().unwrap();
        assert!(out.status.success());
        assert!(String::from_utf8_lossy(&out.stdout).contains("publist"));
    }
}

#[test]
fn help_has_examples() {
    for cmd in ["list", "show", "completions"] {
        let out = publist().args([cmd, "--help"]).output().unwrap();
        assert!(
            String::from_utf8_lossy(&out.stdout).contains("Examples:"),
            "{cmd}"
        );
    }
}

#[test]
fn color_only_when_asked_and_never_with_no_color() {
    let plain = publist().args(["list", "--number", "1"]).output().unwrap();
    assert!(!plain.stdout.contains(&0x1b));
    let always = publist()
        .args(["--color", "always", "list", "--number", "1"])
        .output()
        .unwrap();
    assert!(always.stdout.contains(&0x1b));
    let no_color = publist()
        .env("NO_COLOR", "1")
        .args(["--color", "always", "list", "--number", "1"])
        .output()
        .unwrap();
    assert!(!no_color.stdout.contains(&0x1b));
}

/// The table says "preprint" for an arXiv paper without `pubstate`; the
/// JSON keeps biblatex's `published`.
#[test]
fn table_status_of_a_bare_preprint() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let bib = dir.path().join("lib.bib");
    std::fs::write(
        &bib,
        "@misc{a, title = {Bare}, eprint = {2401.01234}, eprinttype = {arxiv}, year = 2024}\n\
         @misc{b, title = {Sent}, eprint = {2402.01234}, eprinttype = {arxiv}, pubstate = {submitted}, year = 2024}\n\
         @inproceedings{c, title = {Out}, booktitle = {ICML}, year = 2023}\n",
    )
    .expect("write");
    let bib = bib.to_str().unwrap();
    let out = publist()
        .args(["--bib", bib, "list", "--width", "200"])
        .output()
        .unwrap();
    let table = String::from_utf8_lossy(&out.stdout);
    let status_of = |title: &str| {
        let row = table.lines().find(|l| l.contains(title)).unwrap();
        row.split('┆')
            .nth(5)
            .unwrap()
            .trim_matches([' ', '│'])
            .to_string()
    };
    assert_eq!(
        [status_of("Bare"), status_of("Sent"), status_of("Out")],
        ["preprint", "submitted", "published"],
        "{table}"
    );
    let list = json(&["--bib", bib, "list", "--format", "json"]);
    let bare = list
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["key"] == "a")
        .unwrap();
    assert_eq!(bare["status"], "published");
}

const NAMES: &str = "tests/fixtures/valid/names-and-symbols.bib";

/// Marks typed into names leave them whole, accent commands stay inside
/// their word, and the owner is found behind any mark.
#[test]
fn names_with_marks_and_accent_commands() {
    insta::assert_snapshot!(run(&["--bib", NAMES, "cv", "--format", "markdown"]));
}

/// `--author`, `--me` and `--highlight` find a name however it is typed,
/// and however the library spells it in LaTeX.
#[test]
fn author_queries_however_typed() {
    let keys = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["--bib", NAMES];
        all.extend(args);
        all.extend(["--format", "json"]);
        json(&all)
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["key"].as_str().unwrap().to_string())
            .collect()
    };
    for (query, expected) in [
        ("lei wu", &["marks2024", "daggers2023"][..]),
        ("l. wu", &["marks2024", "daggers2023"]),
        ("Yu Chen", &["marks2024"]),
        ("Chao Ma", &["marks2024", "daggers2023"]),
        ("Paul Erdős", &["accents2022"]),
        ("Erdos, P.", &["accents2022"]),
        ("Umut Simsek", &["accents2022"]),
        ("José Díaz", &["accents2022"]),
        ("Juan Peña", &["accents2022"]),
        ("João Silva", &["accents2022"]),
        ("Anh Nguyễn", &["accents2022"]),
        ("google deepmind", &["accents2022"]),
    ] {
        assert_eq!(keys(&["list", "--author", query]), expected, "{query}");
    }
    let first = keys(&["--me", "mingze wang", "list", "--first"]);
    assert_eq!(first, ["marks2024", "daggers2023"]);
    let out = publist()
        .args([
            "--bib",
            NAMES,
            "cv",
            "--highlight",
            "lei wu",
            "--format",
            "markdown",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.stderr.is_empty(), "{}", render(&out));
    assert_eq!(text.matches("**Lei Wu**").count(), 2, "{text}");
}

/// A `@proceedings` that entries `crossref` (DBLP exports one beside each
/// paper) is their container, not a paper: it is not numbered, listed or
/// counted, unless the owner edited it.
#[test]
fn crossref_containers_are_not_papers() {
    let list = super::json(&[
        "--bib",
        "tests/fixtures/valid/dblp-crossref.bib",
        "list",
        "--format",
        "json",
    ]);
    let keys: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["key"].as_str().unwrap())
        .collect();
    assert_eq!(
        keys,
        [
            "DBLP:conf/nips/KowalskaN23",
            "DBLP:conf/icml/2022",
            "DBLP:conf/icml/Nguyen22"
        ]
    );
    assert_eq!(super::numbers(&list), [3, 2, 1]);
}

/// `--venue` with a known venue's name finds that venue only, not every
/// venue whose name holds the words.
#[test]
fn a_known_venue_name_is_that_venue() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lib.bib");
    std::fs::write(
        &path,
        "@article{mlj, title = {A}, author = {A, B}, year = 2020, journal = {Machine Learning}}\n\
         @article{jmlr, title = {B}, author = {A, B}, year = 2021, journal = {Journal of Machine Learning Research}}\n\
         @inproceedings{icml, title = {C}, author = {A, B}, year = 2022, booktitle = {International Conference on Machine Learning}}\n",
    )
    .unwrap();
    let bib = path.to_str().unwrap();
    let keys = |venue: &str| -> Vec<String> {
        let list = super::json(&["--bib", bib, "list", "--venue", venue, "--format", "json"]);
        list.as_array()
            .unwrap()
            .iter()
            .map(|p| p["key"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(keys("Machine Learning"), ["mlj"]);
    assert_eq!(keys("machine learning research"), ["jmlr"]);
    assert_eq!(keys("Learning"), ["icml", "jmlr", "mlj"]);
}
