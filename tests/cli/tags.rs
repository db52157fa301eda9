//! `publist tags` and `publist cite`: the acceptance of issue #5 on the CV,
//! tag syntax in Markdown and LaTeX, topics.json, key citations and
//! renumbering against an older library.

use std::collections::HashMap;
use std::fs;
use std::path::Path;

use regex::Regex;
use serde_json::Value;

use super::{json, publist, render, root, run};

const CV: &str = "tests/fixtures/cv/cv.md";

/// Runs `args` and parses stdout as JSON whatever the exit code.
fn json_any(args: &[&str]) -> (Option<i32>, Value) {
    let out = publist().args(args).output().expect("the binary runs");
    let value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("stdout is JSON ({e}):\n{}", render(&out)));
    (out.status.code(), value)
}

fn findings<'v>(report: &'v Value, kind: &str) -> Vec<&'v Value> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["kind"] == kind)
        .collect()
}

fn tag_numbers(report: &Value) -> Vec<Vec<u64>> {
    report["tags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            t["numbers"]
                .as_array()
                .unwrap()
                .iter()
                .map(|n| n.as_u64().unwrap())
                .collect()
        })
        .collect()
}

#[test]
fn cv_research_interests_acceptance() {
    let report = json(&["tags", CV, "--format", "json"]);
    let tags = report["tags"].as_array().unwrap();
    assert_eq!(tags.len(), 49);
    assert!(
        tags.iter()
            .all(|t| (37..=51).contains(&t["line"].as_u64().unwrap()))
    );
    // The CV's own tags, read off the text independently.
    let oracle: Vec<Vec<u64>> = Regex::new(r"\[(\d+)\]")
        .unwrap()
        .captures_iter(&fs::read_to_string(root().join(CV)).unwrap())
        .map(|c| vec![c[1].parse().unwrap()])
        .collect();
    assert_eq!(tag_numbers(&report), oracle);
    assert!(findings(&report, "unknown-tag").is_empty());

    let off = findings(&report, "off-topic");
    let nine = off
        .iter()
        .find(|f| f["line"] == 38 && f["tag"] == "[9]")
        .expect("[9] is off-topic on line 38");
    assert_eq!(nine["paper"]["number"], 9);
    assert!(nine["hint"].as_str().unwrap().contains("[8]"), "{nine}");
    assert!(!nine["hint"].as_str().unwrap().contains("[12]"), "{nine}");

    let uncovered = findings(&report, "uncovered");
    assert!(
        uncovered
            .iter()
            .any(|f| f["line"] == 37 && f["tag"] == "[8]" && f["paper"]["number"] == 8),
        "{uncovered:?}"
    );
    assert_eq!(report["summary"]["errors"], 0);
}

#[test]
fn cv_text_output() {
    insta::assert_snapshot!(run(&["tags", CV]));
}

#[test]
fn tags_carry_their_topic_path_and_clause() {
    let report = json(&["tags", CV, "--format", "json"]);
    let tag = report["tags"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["line"] == 40 && t["text"] == "[4]")
        .unwrap();
    insta::assert_json_snapshot!(tag, @r#"
    {
      "line": 40,
      "column": 207,
      "text": "[4]",
      "numbers": [
        4
      ],
      "topic": "Implicit Bias",
      "path": [
        "Deep learning theory",
        "Implicit Bias"
      ],
      "clause": "max-margin-bias aspects",
      "section": "RESEARCH INTERESTS"
    }
    "#);
}

#[test]
fn unknown_numbers_and_bad_ranges_fail() {
    let path = "tests/fixtures/tags/ranges.md";
    let (code, report) = json_any(&["tags", path, "--format", "json"]);
    assert_eq!(code, Some(1));
    assert_eq!(
        tag_numbers(&report),
        [vec![3, 4, 5], vec![2, 3, 4], vec![8, 12], vec![13], vec![]]
    );
    let unknown = findings(&report, "unknown-tag");
    assert_eq!(unknown.len(), 1);
    assert_eq!(
        (&unknown[0]["line"], &unknown[0]["tag"]),
        (&4.into(), &"[13]".into())
    );
    assert_eq!(findings(&report, "invalid-tag").len(), 1);
    insta::assert_snapshot!(run(&["tags", path, "--message-format", "short"]));
}

#[test]
fn strict_fails_on_warnings_and_quiet_shows_errors_only() {
    let out = publist().args(["tags", CV, "--strict"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let quiet = publist().args(["tags", CV, "--quiet"]).output().unwrap();
    assert_eq!(quiet.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(quiet.stdout).unwrap(),
        "tests/fixtures/cv/cv.md: 49 tags on lines 37–51 cite 12 of 12 papers; 0 errors, 7 warnings, 7 infos\n"
    );
}

#[test]
fn markdown_links_code_math_and_footnotes_are_not_tags() {
    let report = json(&[
        "tags",
        "tests/fixtures/tags/exclusions.md",
        "--format",
        "json",
    ]);
    let found: Vec<(u64, u64, &str)> = report["tags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["line"].as_u64().unwrap(),
                t["column"].as_u64().unwrap(),
                t["text"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(found, [(6, 30, "[8]"), (6, 33, "[12]"), (14, 31, "[12]")]);
    assert_eq!(report["tags"][2]["topic"], "Transformers again");
}

#[test]
fn latex_statement() {
    let report = json(&[
        "tags",
        "tests/fixtures/tags/statement.tex",
        "--format",
        "json",
    ]);
    let found: Vec<(u64, &str, Vec<&str>)> = report["tags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["line"].as_u64().unwrap(),
                t["text"].as_str().unwrap(),
                t["path"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|p| p.as_str().unwrap())
                    .collect(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            (6, "[8]", vec!["Expressivity"]),
            (6, "[12]", vec!["Expressivity"]),
            (8, "[8]", vec!["Expressivity", "Approximation"]),
            (10, "[3, 11]", vec!["Implicit bias"]),
            (11, "[6]", vec!["Implicit bias"]),
            (13, "[10]", vec!["Generalization, not links"]),
        ]
    );
    assert!(
        report["tags"]
            .as_array()
            .unwrap()
            .iter()
            .all(|t| t["section"] == "Research interests")
    );
    insta::assert_snapshot!(run(&["tags", "tests/fixtures/tags/statement.tex"]));
}

/// A library and statement whose labels need synonyms to match.
fn synonyms_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("lib.bib"),
        "@article{flat, title = {Flat Minima}, year = 2020, keywords = {flat-minima}}\n\
         @article{noise, title = {Noise in SGD}, year = 2021, keywords = {sgd-noise}}\n\
         @article{lm, title = {Transformers}, year = 2022, keywords = {transformer}}\n",
    )
    .unwrap();
    fs::write(
        dir.path().join("statement.md"),
        "- Implicit bias: why gradient methods prefer some solutions [1][2]\n- Language models: [3]\n",
    )
    .unwrap();
    dir
}

fn off_topic_numbers(dir: &Path, extra: &[&str]) -> (Option<i32>, Vec<u64>) {
    let bib = dir.join("lib.bib");
    let statement = dir.join("statement.md");
    let mut args = vec![
        "--bib",
        bib.to_str().unwrap(),
        "tags",
        statement.to_str().unwrap(),
        "--format",
        "json",
        "--strict",
    ];
    args.extend_from_slice(extra);
    let (code, report) = json_any(&args);
    let numbers = findings(&report, "off-topic")
        .iter()
        .map(|f| f["paper"]["number"].as_u64().unwrap())
        .collect();
    (code, numbers)
}

#[test]
fn topics_json_beside_the_library_maps_labels_to_keywords() {
    let dir = synonyms_dir();
    assert_eq!(off_topic_numbers(dir.path(), &[]), (Some(1), vec![1, 2, 3]));
    fs::write(
        dir.path().join("topics.json"),
        r#"{"implicit biases": ["flat-minima", "sgd-noise"], "Language Model": "transformer, attention"}"#,
    )
    .unwrap();
    assert_eq!(off_topic_numbers(dir.path(), &[]), (Some(0), vec![]));
    // --topics names another file; this one maps only one label.
    let other = dir.path().join("other.json");
    fs::write(&other, r#"{"Language models": ["transformer"]}"#).unwrap();
    assert_eq!(
        off_topic_numbers(dir.path(), &["--topics", other.to_str().unwrap()]),
        (Some(1), vec![1, 2])
    );
}

#[test]
fn invalid_topics_json_is_a_usage_error() {
    let dir = synonyms_dir();
    fs::write(dir.path().join("topics.json"), "{\"Implicit bias\": 3}").unwrap();
    let bib = dir.path().join("lib.bib");
    let out = publist()
        .args(["--bib", bib.to_str().unwrap(), "tags"])
        .arg(dir.path().join("statement.md"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    let shown = stderr.replace(dir.path().to_str().unwrap(), "DIR");
    insta::assert_snapshot!(shown, @r#"
    error: DIR/topics.json:1:20: invalid topics file: data did not match any variant of untagged enum Keywords
       = hint: the file is a JSON object mapping a topic label to keywords, e.g. {"Implicit Bias": ["flat-minima", "max-margin"]}
    "#);
}

/// Citation key → CV number, from `list`.
fn numbers_by_key() -> HashMap<String, u64> {
    json(&["list", "--format", "json"])
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["key"].as_str().unwrap().to_string(),
                p["number"].as_u64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn cite_renders_keys_with_the_numbers_list_prints() {
    let path = "tests/fixtures/tags/by-key.md";
    let source = fs::read_to_string(root().join(path)).unwrap();
    let out = publist().args(["cite", path]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", render(&out));
    assert!(out.stderr.is_empty());
    let rendered = String::from_utf8(out.stdout).unwrap();
    let numbers = numbers_by_key();
    // Each key citation outside code, rewritten by hand: numbers ascending,
    // one per bracket.
    let key_cite = Regex::new(r"\[(@[^\]]+)\]").unwrap();
    let mut cited = Vec::new();
    let expected = key_cite.replace_all(&source, |c: &regex::Captures| {
        let whole = c.get(0).unwrap();
        if source[..whole.start()].ends_with('`') {
            return whole.as_str().to_string();
        }
        let mut ns: Vec<u64> = c[1]
            .split([';', ','])
            .map(|k| numbers[k.trim().trim_start_matches('@')])
            .collect();
        ns.sort();
        cited.extend(ns.iter().copied());
        ns.iter().map(|n| format!("[{n}]")).collect::<String>()
    });
    cited.sort();
    assert_eq!(
        cited,
        (1..=12).collect::<Vec<u64>>(),
        "every paper is cited"
    );
    assert_eq!(rendered, expected);
    assert!(rendered.contains("`[@notakey]`") && rendered.contains("[me@example.org]"));
}

#[test]
fn cite_with_unknown_keys_prints_nothing() {
    insta::assert_snapshot!(run(&["cite", "tests/fixtures/tags/unknown-key.md"]));
}

/// A copy of the bundled library with an older (2021) paper appended.
fn library_with_an_older_paper(dir: &Path) -> std::path::PathBuf {
    let mut bib = fs::read_to_string(root().join("bib/publications.bib")).unwrap();
    bib.push_str(
        "\n@article{older2021,\n  author = {Wang, Mingze},\n  title = {An Older Paper},\n  year = {2021},\n  keywords = {optimization},\n}\n",
    );
    let path = dir.join("new.bib");
    fs::write(&path, bib).unwrap();
    path
}

/// The CV with every `[n]` made `[n+1]`, computed independently.
fn cv_shifted_by_one() -> String {
    let cv = fs::read_to_string(root().join(CV)).unwrap();
    Regex::new(r"\[(\d+)\]")
        .unwrap()
        .replace_all(&cv, |c: &regex::Captures| {
            format!("[{}]", c[1].parse::<u64>().unwrap() + 1)
        })
        .into_owned()
}

#[test]
fn renumber_from_an_older_library_shifts_every_tag() {
    let dir = tempfile::tempdir().unwrap();
    let new = library_with_an_older_paper(dir.path());
    let out = publist()
        .args(["--bib", new.to_str().unwrap(), "tags", CV])
        .args(["--renumber-from", "bib/publications.bib"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", render(&out));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(stdout, cv_shifted_by_one());
    assert!(stdout.contains("[13]") && !stdout.contains("[1]"));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.starts_with("renumbered 49 of 49 tags from bib/publications.bib to "),
        "{stderr}"
    );
}

#[test]
fn renumber_write_replaces_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let new = library_with_an_older_paper(dir.path());
    let copy = dir.path().join("cv.md");
    fs::copy(root().join(CV), &copy).unwrap();
    let out = publist()
        .args(["--bib", new.to_str().unwrap(), "tags"])
        .arg(&copy)
        .args(["--renumber-from", "bib/publications.bib", "--write"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", render(&out));
    assert!(out.stdout.is_empty());
    assert_eq!(fs::read_to_string(&copy).unwrap(), cv_shifted_by_one());
    // Again: every tag now matches... the old library numbers no paper 13.
    let again = publist()
        .args(["--bib", new.to_str().unwrap(), "tags"])
        .arg(&copy)
        .args(["--renumber-from", "bib/publications.bib", "--write"])
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(1));
    assert_eq!(fs::read_to_string(&copy).unwrap(), cv_shifted_by_one());
    let stderr = String::from_utf8(again.stderr).unwrap();
    assert!(
        stderr.contains("[13] cites no paper of bib/publications.bib"),
        "{stderr}"
    );
    assert!(stderr.ends_with("nothing was renumbered: fix the tags above first\n"));
    assert_eq!(
        fs::read_dir(dir.path()).unwrap().count(),
        2,
        "no temporary file is left"
    );
}

#[test]
fn renumber_against_the_same_library_changes_nothing() {
    let out = publist()
        .args(["tags", CV, "--renumber-from", "bib/publications.bib"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(out.stdout, fs::read(root().join(CV)).unwrap());
}

#[test]
fn write_needs_renumber_from() {
    let out = publist().args(["tags", CV, "--write"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn text_output_shows_the_worst_findings_first_when_there_are_many() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("many.md");
    // 190 errors, then a warning and 13 infos: 204 findings.
    let mut text: String = (0..190).map(|i| format!("- Topic {i}: [99]\n")).collect();
    text.push_str("- Expressivity: [9]\n");
    fs::write(&path, text).unwrap();
    let out = publist()
        .arg("tags")
        .arg(&path)
        .arg("--message-format")
        .arg("short")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 202);
    assert_eq!(
        lines.iter().filter(|l| l.contains(": error: [99]")).count(),
        190
    );
    assert!(lines[190].contains(":191:3: info: [8]"), "{}", lines[190]);
    assert!(
        lines[192].contains(":191:17: warning: [9]"),
        "{}",
        lines[192]
    );
    assert_eq!(lines.iter().filter(|l| l.starts_with("info: ")).count(), 7);
    assert_eq!(
        lines[200],
        "... and 4 more; `--format json` lists every finding"
    );
}

#[test]
fn latex_definitions_have_argument_counts_not_tags() {
    let path = "tests/fixtures/tags/definitions.tex";
    insta::assert_snapshot!(run(&["tags", path, "--quiet"]), @r"
    success: true
    exit_code: 0
    ----- stdout -----
    tests/fixtures/tags/definitions.tex: 2 tags on line 10 cite 2 of 12 papers; 0 errors, 0 warnings, 10 infos

    ----- stderr -----
    ");
    renumbers_only_8_and_12(path);
}

#[test]
fn reference_link_labels_are_not_tags() {
    let path = "tests/fixtures/tags/reference-links.md";
    insta::assert_snapshot!(run(&["tags", path, "--quiet"]), @r"
    success: true
    exit_code: 0
    ----- stdout -----
    tests/fixtures/tags/reference-links.md: 2 tags on line 3 cite 2 of 12 papers; 0 errors, 0 warnings, 10 infos

    ----- stderr -----
    ");
    renumbers_only_8_and_12(path);
}

/// Renumbering `path` against a library with one older paper rewrites its
/// `[8][12]` to `[9][13]` and nothing else.
fn renumbers_only_8_and_12(path: &str) {
    let dir = tempfile::tempdir().unwrap();
    let new = library_with_an_older_paper(dir.path());
    let out = publist()
        .args(["--bib", new.to_str().unwrap(), "tags", path])
        .args(["--renumber-from", "bib/publications.bib"])
        .output()
        .unwrap();
    let source = fs::read_to_string(root().join(path)).unwrap();
    let expected = source.replace("[8][12]", "[9][13]");
    assert_eq!(String::from_utf8(out.stdout).unwrap(), expected);
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.starts_with("renumbered 2 of 2 tags"), "{stderr}");
}

/// Each tag's line, text and topic path.
fn tag_places(report: &Value) -> Vec<(u64, String, Vec<String>)> {
    report["tags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            let path = t["path"].as_array().unwrap();
            (
                t["line"].as_u64().unwrap(),
                t["text"].as_str().unwrap().to_string(),
                path.iter()
                    .map(|p| p.as_str().unwrap().to_string())
                    .collect(),
            )
        })
        .collect()
}

/// `(line, tag, path)` rows for comparing with [`tag_places`].
fn places(rows: &[(u64, &str, &[&str])]) -> Vec<(u64, String, Vec<String>)> {
    rows.iter()
        .map(|(line, tag, path)| {
            (
                *line,
                tag.to_string(),
                path.iter().map(|p| p.to_string()).collect(),
            )
        })
        .collect()
}

#[test]
fn indented_code_blocks_are_not_read() {
    let path = "tests/fixtures/tags/indented-code.md";
    let report = json(&["tags", path, "--format", "json"]);
    let optimization: &[&str] = &["Optimization"];
    let dynamics: &[&str] = &["Optimization", "Training dynamics"];
    let power: &[&str] = &["The expressive power of Transformers"];
    assert_eq!(
        tag_places(&report),
        places(&[
            (3, "[8]", power),
            (3, "[12]", power),
            (8, "[2]", optimization),
            (10, "[4]", dynamics),
            (11, "[4]", dynamics),
            (15, "[4]", dynamics),
        ])
    );
    let warnings: Vec<_> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["severity"] == "warning")
        .map(|f| (f["kind"].as_str().unwrap(), f["tag"].as_str().unwrap()))
        .collect();
    assert_eq!(warnings, [("uncovered", "[2]")]);
}

#[test]
fn latex_paragraph_commands_start_topics() {
    let path = "tests/fixtures/tags/paragraphs.tex";
    let report = json(&["tags", path, "--format", "json"]);
    let (noise, expressivity, bias): (&[&str], &[&str], &[&str]) =
        (&["Noise"], &["Expressivity"], &["Implicit bias"]);
    assert_eq!(
        tag_places(&report),
        places(&[
            (2, "[5]", noise),
            (2, "[9]", noise),
            (3, "[8]", expressivity),
            (3, "[12]", expressivity),
            (4, "[3]", bias),
            (5, "[6]", bias),
        ])
    );
    assert_eq!(report["summary"]["warnings"], 0);
}

#[test]
fn setext_headings_are_sections() {
    let path = "tests/fixtures/tags/setext.md";
    let report = json(&["tags", path, "--format", "json"]);
    let sections: Vec<(&Value, &Value)> = report["tags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| (&t["text"], &t["section"]))
        .collect();
    let expected: Vec<(Value, Value)> = [
        ("[12]", "Expressivity"),
        ("[8]", "Expressivity"),
        ("[8]", "Expressivity"),
        ("[3]", "Noise"),
        ("[5]", "Noise"),
        ("[2]", "Noise"),
    ]
    .iter()
    .map(|(t, s)| (Value::from(*t), Value::from(*s)))
    .collect();
    assert_eq!(
        sections,
        expected.iter().map(|(t, s)| (t, s)).collect::<Vec<_>>()
    );
    assert_eq!(report["summary"]["warnings"], 0);
}

#[test]
fn a_latex_list_after_a_blank_line_nests_as_in_markdown() {
    let path = "tests/fixtures/tags/list-after-paragraph";
    let [tex, md] = ["tex", "md"].map(|ext| {
        let report = json(&["tags", &format!("{path}.{ext}"), "--format", "json"]);
        assert_eq!(report["summary"]["warnings"], 0, "{ext}");
        let paths: Vec<(String, Vec<String>)> = tag_places(&report)
            .into_iter()
            .map(|(_, tag, path)| (tag, path))
            .collect();
        paths
    });
    assert_eq!(tex, md);
    assert_eq!(
        tex[2],
        ("[5]".to_string(), vec!["Noise".to_string()]),
        "a sibling of the paragraph"
    );
    assert_eq!(tex[6].1, ["Optimization", "Global convergence"]);
}

#[test]
fn cite_accepts_any_library_key_in_braces() {
    let dir = tempfile::tempdir().unwrap();
    let bib = dir.path().join("lib.bib");
    fs::write(
        &bib,
        "@article{wang2023+, title = {Late Work}, year = 2023}\n\
         @article{wang.2020, title = {Early Work}, year = 2020}\n",
    )
    .unwrap();
    let statement = dir.path().join("statement.md");
    fs::write(&statement, "- Late work [@{wang2023+}] and [@wang.2020].\n").unwrap();
    let out = publist()
        .args(["--bib", bib.to_str().unwrap(), "cite"])
        .arg(&statement)
        .output()
        .unwrap();
    insta::assert_snapshot!(render(&out), @r"
    success: true
    exit_code: 0
    ----- stdout -----
    - Late work [2] and [1].

    ----- stderr -----
    ");
}

#[test]
fn an_escaped_pipe_does_not_split_a_table_cell() {
    let path = "tests/fixtures/tags/table-pipes.md";
    let report = json(&["tags", path, "--format", "json"]);
    insta::assert_json_snapshot!(report["tags"], @r#"
    [
      {
        "line": 3,
        "column": 44,
        "text": "[1]",
        "numbers": [
          1
        ],
        "topic": "Generalization | bounds",
        "path": [
          "Generalization | bounds"
        ],
        "clause": "deep networks",
        "section": null
      }
    ]
    "#);
}

#[test]
fn topics_json_errors_have_one_based_character_columns() {
    let dir = synonyms_dir();
    let bib = dir.path().join("lib.bib");
    let error_line = |json: &str| {
        fs::write(dir.path().join("topics.json"), json).unwrap();
        let out = publist()
            .args(["--bib", bib.to_str().unwrap(), "tags"])
            .arg(dir.path().join("statement.md"))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        let stderr = String::from_utf8(out.stderr).unwrap();
        let first = stderr.lines().next().unwrap_or_default();
        first.replace(dir.path().to_str().unwrap(), "DIR")
    };
    assert_eq!(
        error_line("{\"a\": \n"),
        "error: DIR/topics.json:2:1: invalid topics file: EOF while parsing a value"
    );
    assert_eq!(
        error_line("{\"Ünïcödé\": 3}"),
        "error: DIR/topics.json:1:14: invalid topics file: data did not match any variant of untagged enum Keywords"
    );
}

/// In a plain-text statement indentation is layout: an indented paragraph
/// keeps its tags (in Markdown it would be a code block).
#[test]
fn plain_text_reads_indented_paragraphs() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Research\n\n    My research studies Transformers [9][12].\n";
    for (name, tags) in [("s.txt", 2), ("s.md", 0)] {
        let path = dir.path().join(name);
        fs::write(&path, text).unwrap();
        let out = publist()
            .args(["tags", path.to_str().unwrap(), "--format", "json"])
            .output()
            .unwrap();
        let report: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(
            report["tags"].as_array().map_or(0, Vec::len),
            tags,
            "{name}"
        );
    }
}
