//! `publist show`.

use super::run;

#[test]
fn show_by_number_and_key() {
    insta::assert_snapshot!(run(&["show", "4"]));
    assert_eq!(run(&["show", "4"]), run(&["show", "wang2023multiphase"]));
}

#[test]
fn show_json_has_every_field() {
    insta::assert_snapshot!(run(&["show", "[5]", "--format", "json"]));
}

#[test]
fn show_unknown() {
    insta::assert_snapshot!(run(&["show", "13"]));
}
