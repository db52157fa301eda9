//! `publist stats`.

use super::run;

#[test]
fn stats_text_and_json() {
    insta::assert_snapshot!(run(&["stats", "--top", "3"]));
    insta::assert_snapshot!(run(&["stats", "--year", "2024", "--format", "json"]));
}
