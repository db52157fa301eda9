//! Every error message, with its `path:line:col`, hint and exit code.

use super::{fixture, run};

fn bib(name: &str) -> String {
    fixture(name).to_str().unwrap().to_string()
}

#[test]
fn unclosed_brace_names_the_entry_and_exits_2() {
    insta::assert_snapshot!(run(&["--bib", &bib("invalid/unclosed-brace.bib"), "list"]));
}

#[test]
fn one_broken_entry_among_good_ones() {
    insta::assert_snapshot!(run(&[
        "--bib",
        &bib("valid/one-broken.bib"),
        "list",
        "--format",
        "csv"
    ]));
}

#[test]
fn short_message_format() {
    insta::assert_snapshot!(run(&[
        "--bib",
        &bib("valid/one-broken.bib"),
        "--message-format",
        "short",
        "list",
        "--format",
        "csv"
    ]));
}

#[test]
fn duplicate_keys_name_both_places() {
    insta::assert_snapshot!(run(&[
        "--bib",
        &bib("valid/duplicate-key.bib"),
        "list",
        "--format",
        "csv"
    ]));
}

#[test]
fn missing_library_names_three_places() {
    let out = super::publist()
        .current_dir(std::env::temp_dir())
        .args(["list"])
        .output()
        .unwrap();
    insta::assert_snapshot!(super::render(&out));
}

#[test]
fn unreadable_library() {
    insta::assert_snapshot!(run(&["--bib", "tests/fixtures/nope.bib", "list"]));
}

#[test]
fn usage_errors_exit_2() {
    insta::assert_snapshot!(run(&["list", "--year", "20x4"]));
    insta::assert_snapshot!(run(&["list", "--title", "("]));
    insta::assert_snapshot!(run(&["list", "--kind", "poster"]));
}
