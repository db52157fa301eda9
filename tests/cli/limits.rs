//! Inputs too large to commit, generated into a temporary directory and run
//! through the binary: each snapshot shows the exit code, the output and the
//! messages (the file is named relative to the temporary directory, so the
//! snapshot does not depend on where it is).

use super::{publist, render};

/// Writes `text` to `name` in a fresh directory and runs `list --format csv` there.
fn list_generated(name: &str, text: &str) -> String {
    let dir = tempfile::tempdir().expect("a temporary directory");
    std::fs::write(dir.path().join(name), text).expect("the generated file");
    let out = publist()
        .current_dir(dir.path())
        .args(["--bib", name, "list", "--format", "csv"])
        .output()
        .expect("the binary runs");
    render(&out)
}

#[test]
fn hundred_thousand_nested_braces() {
    let text = format!(
        "@misc{{deep, title = {}Deep{}, year = 2020}}\n",
        "{".repeat(100_000),
        "}".repeat(100_000)
    );
    insta::assert_snapshot!(list_generated("nested.bib", &text));
}

#[test]
fn hundred_thousand_unclosed_braces() {
    let text = format!(
        "@misc{{deep, title = {}Deep}}\n@misc{{after, title = {{After}}, year = 2021}}\n",
        "{".repeat(100_000)
    );
    insta::assert_snapshot!(list_generated("unclosed.bib", &text));
}

#[test]
fn ten_megabyte_field() {
    let text = format!(
        "@article{{big,\n  title = {{Big Abstract}},\n  abstract = {{{}}},\n  year = 2020,\n}}\n",
        "lorem ipsum ".repeat(10 * 1024 * 1024 / 12)
    );
    insta::assert_snapshot!(list_generated("field.bib", &text));
}

/// One 1 MB line holding a good entry and, at its end, a broken one: the
/// message shows a window of the line around the fault.
#[test]
fn megabyte_line_with_a_fault_at_its_end() {
    let text = format!(
        "@misc{{long, title = {{Long Line}}, abstract = {{{}}}, year = 2020}} @misc{{bad, title = {{x}} year = 1}}\n",
        "word ".repeat(1024 * 1024 / 5)
    );
    insta::assert_snapshot!(list_generated("line.bib", &text));
}
