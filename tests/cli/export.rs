//! `publist export`: JSON against the schema, CSL-JSON through pandoc's
//! citeproc, BibTeX through bibtex, biblatex through biber, and the .bib
//! exports loaded back into publist.
//!
//! The real-client tests need Debian's pandoc, biber and texlive packages
//! (`.ci/run` installs them). Without a tool they are skipped with a note,
//! except under `CI`, where a missing tool fails the test.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

use super::{fixture, json, publist, render, root, run};

/// The bundled library's twelve titles, from the CV itself.
pub fn cv_titles() -> Vec<String> {
    json(&["list", "--format", "json"])
        .as_array()
        .expect("an array")
        .iter()
        .map(|p| p["title"].as_str().expect("a title").to_string())
        .collect()
}

/// Whether `tool` can be run. A missing tool fails the test under `CI`;
/// elsewhere the caller returns early after this note.
pub fn require_tool(tool: &str) -> bool {
    let found = std::env::var_os("PATH")
        .is_some_and(|path| std::env::split_paths(&path).any(|dir| dir.join(tool).is_file()));
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "`{tool}` is not installed, and CI requires every real-client test to run (see .ci/run)"
        );
        eprintln!("note: `{tool}` is not installed; skipping this real-client test");
    }
    found
}

/// Runs a real client in `dir` and returns its output.
pub fn client(dir: &Path, program: &str, args: &[&str]) -> Output {
    Command::new(program)
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap_or_else(|e| panic!("{program} runs: {e}"))
}

/// Lower-case letters and digits only, ligatures undone: how titles are
/// compared with what a client printed (it may re-case, wrap or hyphenate).
pub fn squash(text: &str) -> String {
    text.replace('ﬁ', "fi")
        .replace('ﬂ', "fl")
        .replace('ﬀ', "ff")
        .replace('ﬃ', "ffi")
        .replace('ﬄ', "ffl")
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Runs publist and returns stdout, asserting success and a quiet stderr.
pub fn stdout(args: &[&str]) -> String {
    let out = publist().args(args).output().expect("the binary runs");
    assert!(out.status.success(), "{}", render(&out));
    assert!(out.stderr.is_empty(), "{}", render(&out));
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

fn path_arg(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

// ---------------------------------------------------------------------------
// JSON and its schema.

/// A validator for the JSON Schema subset the schema uses: `type` (one or
/// several), `enum`, `required`, `properties`, `additionalProperties: false`,
/// `items`, `minimum` and local `$ref`s.
fn validate(schema: &Value, root: &Value, value: &Value, at: &str, errors: &mut Vec<String>) {
    if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
        let pointer = reference.trim_start_matches('#');
        let target = root.pointer(pointer).expect("the $ref resolves");
        return validate(target, root, value, at, errors);
    }
    if let Some(types) = schema.get("type") {
        let allowed: Vec<&str> = match types {
            Value::String(t) => vec![t.as_str()],
            Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
            _ => panic!("a type is a string or a list"),
        };
        let actual = match value {
            Value::Null => "null",
            Value::Bool(_) => "boolean",
            Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
            Value::Number(_) => "number",
            Value::String(_) => "string",
            Value::Array(_) => "array",
            Value::Object(_) => "object",
        };
        let integer_as_number = actual == "integer" && allowed.contains(&"number");
        if !(allowed.contains(&actual) || integer_as_number) {
            errors.push(format!("{at}: {actual} is not {allowed:?}"));
            return;
        }
    }
    if let Some(options) = schema.get("enum").and_then(Value::as_array)
        && !options.contains(value)
    {
        errors.push(format!("{at}: {value} is not one of {options:?}"));
    }
    if let (Some(min), Some(n)) = (
        schema.get("minimum").and_then(Value::as_f64),
        value.as_f64(),
    ) && n < min
    {
        errors.push(format!("{at}: {n} < {min}"));
    }
    if let (Some(items), Some(array)) = (schema.get("items"), value.as_array()) {
        for (i, item) in array.iter().enumerate() {
            validate(items, root, item, &format!("{at}[{i}]"), errors);
        }
    }
    if let Some(object) = value.as_object() {
        let properties = schema.get("properties").and_then(Value::as_object);
        for name in schema
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
        {
            if !object.contains_key(name) {
                errors.push(format!("{at}: `{name}` is missing"));
            }
        }
        for (name, v) in object {
            match properties.and_then(|p| p.get(name)) {
                Some(sub) => validate(sub, root, v, &format!("{at}.{name}"), errors),
                None if schema.get("additionalProperties") == Some(&Value::Bool(false)) => {
                    errors.push(format!("{at}: unexpected `{name}`"));
                }
                None => {}
            }
        }
    }
}

fn schema() -> Value {
    let text = std::fs::read_to_string(root().join("schema/publication.schema.json"))
        .expect("the schema file exists");
    serde_json::from_str(&text).expect("the schema is JSON")
}

fn schema_errors(value: &Value) -> Vec<String> {
    let schema = schema();
    let mut errors = Vec::new();
    validate(&schema, &schema, value, "$", &mut errors);
    errors
}

#[test]
fn json_export_is_the_list_model_and_matches_the_schema() {
    for bib in [
        "bib/publications.bib",
        "tests/fixtures/valid/special-characters.bib",
        "tests/fixtures/valid/quirks.bib",
    ] {
        let exported = stdout(&["--bib", bib, "export", "--format", "json"]);
        let listed = stdout(&["--bib", bib, "list", "--format", "json"]);
        assert_eq!(exported, listed, "{bib}");
        let value: Value = serde_json::from_str(&exported).expect("JSON");
        assert_eq!(schema_errors(&value), Vec::<String>::new(), "{bib}");
    }
}

#[test]
fn the_schema_validator_rejects_what_the_schema_forbids() {
    let good = json(&["export", "--format", "json", "--number", "5"]);
    assert!(schema_errors(&good).is_empty());
    let mutations: [(&str, Value); 5] = [
        ("/0/number", Value::from("5")),
        ("/0/status", Value::from("accepted")),
        ("/0/authors/0/equal", Value::Null),
        ("/0/venue/kind", Value::from("poster")),
        ("/0/venue/workshop/short", Value::from(3)),
    ];
    for (pointer, bad) in mutations {
        let mut doc = good.clone();
        *doc.pointer_mut(pointer).expect("the field exists") = bad;
        assert!(!schema_errors(&doc).is_empty(), "{pointer}");
    }
    let mut extra = good.clone();
    extra[0]["surprise"] = Value::Bool(true);
    assert_eq!(schema_errors(&extra), ["$[0]: unexpected `surprise`"]);
    let mut missing = good;
    missing[0].as_object_mut().unwrap().remove("title");
    assert_eq!(schema_errors(&missing), ["$[0]: `title` is missing"]);
}

// ---------------------------------------------------------------------------
// CSL-JSON.

#[test]
fn csl_json_items() {
    insta::assert_snapshot!(run(&["export", "--format", "csl-json"]));
}

#[test]
fn csl_json_special_characters() {
    insta::assert_snapshot!(run(&[
        "--bib",
        "tests/fixtures/valid/special-characters.bib",
        "export",
        "--format",
        "csl-json"
    ]));
}

#[test]
fn csl_json_types_names_and_dates() {
    let items = json(&["export", "--format", "csl-json"]);
    let items = items.as_array().expect("an array");
    assert_eq!(items.len(), 12);
    let by_id = |id: &str| {
        items
            .iter()
            .find(|i| i["id"] == id)
            .unwrap_or_else(|| panic!("{id} is exported"))
    };
    let preprint = by_id("wang2024induction");
    assert_eq!(preprint["type"], "article");
    assert_eq!(preprint["number"], "arXiv:2410.11474");
    assert_eq!(preprint["URL"], "https://arxiv.org/abs/2410.11474");
    assert_eq!(preprint["status"], "submitted");
    assert_eq!(
        preprint["issued"]["date-parts"],
        serde_json::json!([[2024]])
    );
    assert_eq!(
        preprint["author"][2],
        serde_json::json!({"family": "E", "given": "Weinan"})
    );
    let conference = by_id("wang2023multiphase");
    assert_eq!(conference["type"], "paper-conference");
    assert_eq!(
        conference["container-title"],
        "Conference on Neural Information Processing Systems"
    );
    assert_eq!(
        conference["event-title"],
        "Conference on Neural Information Processing Systems (NeurIPS 2023)"
    );
    assert_eq!(conference["note"], "Spotlight (Top 3.5%)");
    let workshop = by_id("wang2023noise");
    assert_eq!(workshop["type"], "paper-conference");
    assert_eq!(
        workshop["container-title"],
        "NeurIPS 2023 Workshop on Mathematics of Modern Machine Learning"
    );
    let journal = json(&[
        "--bib",
        "tests/fixtures/valid/special-characters.bib",
        "export",
        "--format",
        "csl-json",
        "--number",
        "7",
    ]);
    assert_eq!(journal[0]["type"], "article-journal");
    assert_eq!(journal[0]["container-title"], "Journal of Fun & Games");
    assert_eq!(journal[0]["page"], "123–145");
}

/// pandoc's citeproc renders a document citing every exported key, and the
/// bibliography holds all twelve titles.
#[test]
fn pandoc_citeproc_renders_every_csl_item() {
    if !require_tool("pandoc") {
        return;
    }
    let dir = tempfile::tempdir().expect("a temp dir");
    let refs = dir.path().join("refs.json");
    let out = publist()
        .args(["export", "--format", "csl-json", "-o", &path_arg(&refs)])
        .output()
        .expect("the binary runs");
    assert!(out.status.success(), "{}", render(&out));
    let items: Value =
        serde_json::from_str(&std::fs::read_to_string(&refs).unwrap()).expect("CSL-JSON");
    let keys: Vec<String> = items
        .as_array()
        .unwrap()
        .iter()
        .map(|i| format!("@{}", i["id"].as_str().unwrap()))
        .collect();
    std::fs::write(
        dir.path().join("cite.md"),
        format!("Every paper [{}].\n", keys.join("; ")),
    )
    .unwrap();
    let rendered = client(
        dir.path(),
        "pandoc",
        &[
            "--citeproc",
            "--bibliography=refs.json",
            "--to=plain",
            "--wrap=none",
            "cite.md",
        ],
    );
    let stderr = String::from_utf8_lossy(&rendered.stderr);
    assert!(rendered.status.success(), "{stderr}");
    assert!(!stderr.contains("not found"), "{stderr}");
    let text = squash(&String::from_utf8_lossy(&rendered.stdout));
    for title in cv_titles() {
        assert!(text.contains(&squash(&title)), "pandoc lost {title:?}");
    }
}

// ---------------------------------------------------------------------------
// BibTeX and biblatex.

#[test]
fn bibtex_export_of_the_neurips_papers() {
    insta::assert_snapshot!(run(&["export", "--format", "bibtex", "--venue", "NeurIPS"]));
}

#[test]
fn biblatex_export_of_the_library() {
    insta::assert_snapshot!(run(&["export", "--format", "biblatex"]));
}

#[test]
fn bib_exports_of_quirks_and_special_characters() {
    for bib in ["quirks.bib", "special-characters.bib"] {
        let path = fixture(&format!("valid/{bib}"));
        for format in ["bibtex", "biblatex"] {
            insta::assert_snapshot!(
                format!("{bib}-{format}"),
                run(&["--bib", &path_arg(&path), "export", "--format", format])
            );
        }
    }
}

/// The libraries the real-client checks run on.
const LIBRARIES: [&str; 4] = [
    "bib/publications.bib",
    "tests/fixtures/valid/special-characters.bib",
    "tests/fixtures/valid/quirks.bib",
    "tests/fixtures/valid/many.bib",
];

/// The libraries the round trip runs on: also one whose duplicate key
/// BibTeX would reject, since publist loads it.
const ROUND_TRIP: [&str; 6] = [
    "bib/publications.bib",
    "tests/fixtures/valid/special-characters.bib",
    "tests/fixtures/valid/quirks.bib",
    "tests/fixtures/valid/many.bib",
    "tests/fixtures/valid/duplicate-key.bib",
    "tests/fixtures/valid/one-broken.bib",
];

/// Exports `bib` in `format` into `dir` and returns the new file's path.
fn export_to(dir: &Path, bib: &str, format: &str, name: &str) -> PathBuf {
    let target = dir.join(name);
    let out = publist()
        .args(["--bib", bib, "export", "--format", format])
        .args(["-o", &path_arg(&target)])
        .output()
        .expect("the binary runs");
    assert!(out.status.success(), "{}", render(&out));
    assert!(out.stdout.is_empty(), "-o writes nothing on stdout");
    target
}

/// The model without the entry type (BibTeX has no `@online`).
fn comparable(list: &Value, keep_type: bool) -> Vec<Value> {
    list.as_array()
        .expect("an array")
        .iter()
        .map(|p| {
            let mut p = p.clone();
            if !keep_type {
                p.as_object_mut().unwrap().remove("type");
            }
            p
        })
        .collect()
}

/// export → load gives the same publications: numbers, titles, authors with
/// their marks and owner, years, venues, status, arXiv ids, pages, awards.
#[test]
fn prop_bib_exports_load_back_to_the_same_publications() {
    let dir = tempfile::tempdir().expect("a temp dir");
    for bib in ROUND_TRIP {
        let original = json(&["--bib", bib, "-q", "list", "--format", "json"]);
        for format in ["bibtex", "biblatex"] {
            let name = format!(
                "{}-{format}.bib",
                Path::new(bib).file_stem().unwrap().to_string_lossy()
            );
            let exported = export_to(dir.path(), bib, format, &name);
            let again = json(&[
                "--bib",
                &path_arg(&exported),
                "-q",
                "list",
                "--format",
                "json",
            ]);
            assert_eq!(
                comparable(&again, format == "biblatex"),
                comparable(&original, format == "biblatex"),
                "{bib} as {format}"
            );
        }
    }
}

#[test]
fn a_filtered_export_stands_alone() {
    // The child of a crossref is exported without its parent: the inherited
    // booktitle and year are written into it.
    let dir = tempfile::tempdir().expect("a temp dir");
    let bib = path_arg(&fixture("valid/quirks.bib"));
    let out = publist()
        .args([
            "--bib", &bib, "export", "--format", "bibtex", "--title", "child",
        ])
        .output()
        .expect("the binary runs");
    assert!(out.status.success(), "{}", render(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(!text.contains("crossref"), "{text}");
    let path = dir.path().join("child.bib");
    std::fs::write(&path, &text).unwrap();
    let child = json(&["--bib", &path_arg(&path), "list", "--format", "json"]);
    let original = json(&[
        "--bib", &bib, "list", "--format", "json", "--title", "child",
    ]);
    assert_eq!(child[0]["venue"], original[0]["venue"]);
    assert_eq!(child[0]["year"], original[0]["year"]);
}

/// biber reads every biblatex export without errors (and the bundled and
/// special-character libraries without warnings).
#[test]
fn biber_reads_the_biblatex_export() {
    if !require_tool("biber") {
        return;
    }
    let dir = tempfile::tempdir().expect("a temp dir");
    for bib in LIBRARIES {
        let name = format!(
            "{}.bib",
            Path::new(bib).file_stem().unwrap().to_string_lossy()
        );
        let exported = export_to(dir.path(), bib, "biblatex", &name);
        let out = client(
            dir.path(),
            "biber",
            &["--tool", "--output-file=checked.bib", &path_arg(&exported)],
        );
        let log = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(out.status.success(), "{bib}: {log}");
        assert!(!log.contains("ERROR"), "{bib}: {log}");
        if !bib.contains("quirks") {
            assert!(!log.contains("WARN"), "{bib}: {log}");
        }
        let checked = std::fs::read_to_string(dir.path().join("checked.bib")).unwrap();
        let entries = checked
            .lines()
            .filter(|l| l.starts_with('@') && !l.to_lowercase().starts_with("@comment"))
            .count();
        let expected = json(&["--bib", bib, "-q", "list", "--format", "json"])
            .as_array()
            .unwrap()
            .len();
        assert_eq!(entries, expected, "{bib}: biber read every entry");
    }
}

/// bibtex reads the BibTeX export with the plain style: no error, the
/// bundled library without a warning, and every title in the .bbl.
#[test]
fn bibtex_reads_the_bibtex_export() {
    if !require_tool("bibtex") {
        return;
    }
    let dir = tempfile::tempdir().expect("a temp dir");
    for (n, bib) in LIBRARIES.iter().enumerate() {
        let name = format!("refs{n}");
        export_to(dir.path(), bib, "bibtex", &format!("{name}.bib"));
        std::fs::write(
            dir.path().join(format!("{name}.aux")),
            format!("\\citation{{*}}\n\\bibdata{{{name}}}\n\\bibstyle{{plain}}\n"),
        )
        .unwrap();
        let out = client(dir.path(), "bibtex", &[&name]);
        let blg = std::fs::read_to_string(dir.path().join(format!("{name}.blg"))).unwrap();
        assert!(out.status.success(), "{bib}: {blg}");
        assert!(!blg.contains("error message"), "{bib}: {blg}");
        if !bib.contains("quirks") {
            assert!(!blg.contains("Warning--"), "{bib}: {blg}");
        }
        if *bib == "bib/publications.bib" {
            let bbl =
                squash(&std::fs::read_to_string(dir.path().join(format!("{name}.bbl"))).unwrap());
            for title in cv_titles() {
                assert!(bbl.contains(&squash(&title)), "bibtex lost {title:?}");
            }
        }
    }
}

#[test]
fn export_formats_and_errors() {
    insta::assert_snapshot!(run(&["export", "--format", "yaml"]));
    insta::assert_snapshot!(run(&[
        "export",
        "--format",
        "bibtex",
        "--venue",
        "ICML",
        "-o",
        "./bib/../bib/publications.bib"
    ]));
    insta::assert_snapshot!(run(&["export", "--format", "bibtex", "--year", "1990"]));
}

/// Selecting nothing is said even when the output file then cannot be
/// written, before the error; every format.
#[test]
fn an_empty_selection_is_said_when_the_file_cannot_be_written() {
    for format in ["json", "csl-json", "bibtex", "biblatex"] {
        let out = publist()
            .args([
                "--bib",
                "bib/publications.bib",
                "export",
                "--format",
                format,
            ])
            .args(["--venue", "NOPE", "-o", "/nonexistent/dir/out.txt"])
            .output()
            .expect("the binary runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{format}: {stderr}");
        assert!(
            stderr
                .starts_with("no publications match the filters\nerror: /nonexistent/dir/out.txt"),
            "{format}: {stderr}"
        );
    }
}
