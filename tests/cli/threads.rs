//! Large libraries are parsed, checked, normalized and formatted on several
//! threads: every command's whole output must be the same on one thread
//! and on many, on real files large enough to be split.

use super::publist;

/// Runs `args` on `file` with `PUBLIST_THREADS=threads`.
fn output(threads: &str, file: &str, args: &[&str]) -> std::process::Output {
    publist()
        .env("PUBLIST_THREADS", threads)
        .arg("--bib")
        .arg(file)
        .args(args)
        .output()
        .expect("the binary runs")
}

#[test]
fn one_thread_and_many_give_the_same_output() {
    let commands: &[&[&str]] = &[
        &["check"],
        &["fmt"],
        &["export", "--format", "csl-json"],
        &["cv", "--format", "latex"],
        &["list", "--format", "json"],
        &["stats"],
    ];
    // Large enough that every parallel step splits (over 256 KB, over
    // 4,000 entries), with crossrefs, @strings and broken-looking values.
    for file in [
        "tests/corpus/tugboat.bib",
        "tests/corpus/glottolog-zurich-sala.bib",
    ] {
        for args in commands {
            let one = output("1", file, args);
            let many = output("4", file, args);
            assert_eq!(one.status.code(), many.status.code(), "{file} {args:?}");
            assert!(one.stdout == many.stdout, "{file} {args:?}: stdout differs");
            assert!(one.stderr == many.stderr, "{file} {args:?}: stderr differs");
            assert!(!one.stdout.is_empty(), "{file} {args:?}: no output");
        }
    }
}
