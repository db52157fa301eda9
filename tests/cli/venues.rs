//! Venues: the bundled library's venues, and a user's `venues.json` beside
//! the library adding and overriding registry entries.

use std::fs;
use std::path::Path;

use super::{json, publist, render};

/// `(number, abbr, kind, venue year)` of every paper, and the rest of the
/// venue facts the issue names.
#[test]
fn bundled_library_venues() {
    let list = json(&["list", "--format", "json"]);
    let pubs = list.as_array().expect("an array");
    let venue = |n: u64| {
        let p = pubs
            .iter()
            .find(|p| p["number"] == n)
            .expect("every number");
        p["venue"].clone()
    };
    for n in [2, 3, 4, 8, 9, 10] {
        assert_eq!(venue(n)["abbr"], "NeurIPS", "paper {n}");
        assert_eq!(venue(n)["kind"], "conference", "paper {n}");
    }
    assert_eq!(
        (venue(6)["abbr"].clone(), venue(6)["year"].clone()),
        ("ICML".into(), 2024.into())
    );
    assert_eq!(
        (venue(7)["abbr"].clone(), venue(7)["year"].clone()),
        ("ACL".into(), 2024.into())
    );
    assert_eq!(venue(5)["kind"], "workshop");
    assert_eq!(venue(5)["abbr"], "NeurIPS");
    assert_eq!(venue(5)["year"], 2023);
    assert_eq!(
        venue(5)["workshop"]["name"],
        "Mathematics of Modern Machine Learning"
    );
    assert_eq!(venue(5)["workshop"]["short"], "M3L");
    for n in [1, 11, 12] {
        let p = pubs.iter().find(|p| p["number"] == n).expect("listed");
        assert_eq!(p["venue"]["kind"], "preprint", "paper {n}");
        assert!(p["arxiv"].is_string(), "paper {n}");
    }
    let four = pubs.iter().find(|p| p["number"] == 4).expect("listed");
    assert_eq!(four["award"], "Spotlight (Top 3.5%)");
}

const LIBRARY: &str = r"
@inproceedings{graphs2024, author = {Doe, Jane}, title = {Graphs},
  booktitle = {Proceedings of the 3rd Learning Meets Graphs Symposium}, year = 2024}
@inproceedings{neurips2023, author = {Doe, Jane}, title = {Nets},
  booktitle = {Advances in Neural Information Processing Systems 36}, year = 2023}
@article{pr2022, author = {Doe, Jane}, title = {Patterns},
  journal = {Pattern Recognition}, year = 2022}
";

/// A library in a fresh directory, with `venues` as its `venues.json`.
fn library_with(venues: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temp dir");
    fs::write(dir.path().join("papers.bib"), LIBRARY).expect("written");
    fs::write(dir.path().join("venues.json"), venues).expect("written");
    dir
}

fn list_json(dir: &Path) -> serde_json::Value {
    let bib = dir.join("papers.bib");
    let bib = bib.to_str().expect("a UTF-8 path");
    json(&["--bib", bib, "list", "--format", "json"])
}

#[test]
fn venues_json_adds_and_overrides() {
    let dir = library_with(
        r#"[
  {"abbr": "LMGS", "name": "Learning Meets Graphs Symposium", "kind": "conference",
   "aliases": ["Learn. Meets Graphs Symp."], "edition_base": 2021},
  {"abbr": "NeurIPS", "name": "Advances in Neural Information Processing Systems",
   "kind": "conference"},
  {"abbr": "PRJ", "name": "Pattern Recognition Journal", "kind": "journal",
   "aliases": ["Pattern Recognition"]}
]"#,
    );
    let list = list_json(dir.path());
    let venues: Vec<serde_json::Value> = list
        .as_array()
        .expect("an array")
        .iter()
        .map(|p| serde_json::json!({"key": p["key"], "venue": p["venue"]}))
        .collect();
    insta::assert_json_snapshot!(venues);
}

/// A terminal escape written into `venues.json` is not printed: names
/// and abbreviations lose control characters, as `.bib` values do.
#[test]
fn control_characters_in_venues_json_are_dropped() {
    let dir = library_with(
        r#"[{"abbr": "\u001b[31mPRJ\u001b[0m", "name": "Pattern\u0007  Recognition\tJournal",
  "kind": "journal", "aliases": ["Pattern Recognition"]}]"#,
    );
    let bib = dir.path().join("papers.bib");
    let out = publist()
        .args([
            "--bib",
            bib.to_str().expect("a UTF-8 path"),
            "list",
            "--width",
            "120",
        ])
        .output()
        .expect("the binary runs");
    let table = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(!table.contains(['\u{1b}', '\u{7}', '\t']), "{table}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(table.contains("[31mPRJ [0m 2022"), "{table}{stderr}");
    let list = list_json(dir.path());
    let paper = list
        .as_array()
        .expect("an array")
        .iter()
        .find(|p| p["key"] == "pr2022");
    let venue = &paper.expect("pr2022 is listed")["venue"];
    assert_eq!(venue["name"], "Pattern Recognition Journal", "{venue}");
}

#[test]
fn invalid_venues_json_names_the_place_and_exits_2() {
    let dir = library_with(
        r#"[
  {"abbr": "LMGS", "name": "Learning Meets Graphs Symposium",
   "kind": "symposium"}
]"#,
    );
    let bib = dir.path().join("papers.bib");
    let out = publist()
        .args(["--bib", bib.to_str().expect("UTF-8"), "list"])
        .output()
        .expect("the binary runs");
    let shown = render(&out).replace(dir.path().to_str().expect("UTF-8"), "[TMP]");
    insta::assert_snapshot!(shown);
}

const WORKSHOPS: &str = r"
@inproceedings{cvprw, author = {Doe, Jane}, title = {One}, year = 2023,
  booktitle = {Proceedings of the IEEE/CVF Conference on Computer Vision and Pattern Recognition (CVPR) Workshops}}
@inproceedings{iccvw, author = {Doe, Jane}, title = {Two}, year = 2021,
  booktitle = {ICCV Workshops}}
@inproceedings{genbio, author = {Doe, Jane}, title = {Three}, year = 2023,
  booktitle = {NeurIPS 2023 Workshop on GenBio}}
@inproceedings{nipsw, author = {Doe, Jane}, title = {Four}, year = 2016,
  booktitle = {NIPS Workshops}}
@inproceedings{srw, author = {Doe, Jane}, title = {Five}, year = 2023,
  booktitle = {Proceedings of the 61st Annual Meeting of the Association for Computational Linguistics (Volume 4: Student Research Workshop)}}
";

/// Workshops known only by their host are "CVPR 2023 Workshops", not
/// "CVPR 2023 Workshop on CVPR Workshops", in the CV and in CSL-JSON; a
/// one-word name after "Workshop on" is the workshop's name.
#[test]
fn workshops_without_a_name_of_their_own() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let bib = dir.path().join("papers.bib");
    fs::write(&bib, WORKSHOPS).expect("written");
    let bib = bib.to_str().expect("a UTF-8 path");
    let out = publist()
        .args(["--bib", bib, "cv", "--format", "text"])
        .output()
        .expect("the binary runs");
    let cv = String::from_utf8(out.stdout).expect("UTF-8");
    for expected in [
        "CVPR 2023 Workshops.",
        "ICCV 2021 Workshops.",
        "NeurIPS 2023 Workshop on GenBio.",
        "NIPS 2016 Workshops.",
        "ACL 2023 Student Research Workshop.",
    ] {
        assert!(cv.contains(expected), "{expected} in\n{cv}");
    }
    assert!(!cv.contains("Workshop on CVPR"), "{cv}");
    let csl = json(&["--bib", bib, "export", "--format", "csl-json"]);
    let containers: Vec<&str> = csl
        .as_array()
        .expect("an array")
        .iter()
        .filter_map(|item| item["container-title"].as_str())
        .collect();
    for expected in ["CVPR 2023 Workshops", "NeurIPS 2023 Workshop on GenBio"] {
        assert!(containers.contains(&expected), "{expected}: {containers:?}");
    }
}
