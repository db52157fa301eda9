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
        &["export", "--format", "json"],
        &["export", "--format", "bibtex"],
        &["cv", "--format", "latex"],
        &["cv", "--format", "markdown", "--group-by", "year"],
        &["cv", "--format", "html", "--order", "asc"],
        &["cv", "--format", "text", "--group-by", "kind"],
        &["list", "--format", "json"],
        &["list"],
        &[
            "--me",
            "Knuth, Donald E.",
            "--color",
            "always",
            "list",
            "--width",
            "70",
        ],
        &["stats"],
        &["tags", "tests/fixtures/tags/ranges.md", "--format", "json"],
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

/// Where no thread can start (a process limit), the work runs on the main
/// thread, with the same output. `prlimit` (util-linux) sets the limit; root
/// ignores it, so as root the command runs as user `nobody` through
/// `setpriv`.
#[cfg(unix)]
#[test]
fn threads_that_cannot_start_run_on_the_main_thread() {
    use std::fs;
    use std::os::unix::fs::PermissionsExt;
    use std::process::Command;

    let dir = tempfile::tempdir().unwrap();
    let readable = |path: &std::path::Path, bits: u32| {
        fs::set_permissions(path, fs::Permissions::from_mode(bits)).unwrap();
    };
    readable(dir.path(), 0o755);
    let bin = dir.path().join("publist");
    fs::copy(env!("CARGO_BIN_EXE_publist"), &bin).unwrap();
    readable(&bin, 0o755);
    let bib = dir.path().join("tugboat.bib");
    fs::copy(super::root().join("tests/corpus/tugboat.bib"), &bib).unwrap();
    readable(&bib, 0o644);

    // SAFETY: geteuid has no preconditions and cannot fail.
    let root = unsafe { libc::geteuid() } == 0;
    for args in [
        &["check"][..],
        &["fmt"],
        &["export", "--format", "csl-json"],
    ] {
        let mut limited = if root {
            let mut c = Command::new("setpriv");
            c.args([
                "--reuid=65534",
                "--regid=65534",
                "--clear-groups",
                "prlimit",
            ]);
            c
        } else {
            Command::new("prlimit")
        };
        let limited = limited
            .arg("--nproc=1")
            .arg(&bin)
            .env_clear()
            .env("PUBLIST_THREADS", "4")
            .arg("--bib")
            .arg(&bib)
            .args(args)
            .output()
            .expect("prlimit and setpriv (util-linux) run");
        let free = output("4", bib.to_str().unwrap(), args);
        assert_eq!(
            limited.status.code(),
            free.status.code(),
            "{args:?}: {}",
            super::render(&limited)
        );
        assert!(limited.stdout == free.stdout, "{args:?}: stdout differs");
        assert!(!limited.stdout.is_empty(), "{args:?}: no output");
    }
}
