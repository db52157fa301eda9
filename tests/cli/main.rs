//! Integration tests: run the real `publist` binary on fixture files and
//! compare whole outputs (exit code, stdout, stderr) with snapshots.
//!
//! Snapshots live in `tests/cli/snapshots/`; review changes with
//! `cargo insta review` (or `INSTA_UPDATE=always cargo test` and `git diff`).

mod check;
mod cv;
mod errors;
mod export;
mod fmt;
mod invalid;
mod limits;
mod list;
mod show;
mod stats;
mod tags;
mod threads;
mod venues;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root: tests run there so `bib/publications.bib` is found.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A `publist` command with a clean environment, run from the repo root.
pub fn publist() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_publist"));
    cmd.env_clear().current_dir(root());
    cmd
}

/// Path of a fixture file, relative to the repo root (so messages show it short).
pub fn fixture(name: &str) -> PathBuf {
    PathBuf::from("tests/fixtures").join(name)
}

/// Runs `args` and renders exit code, stdout and stderr for a snapshot.
pub fn run(args: &[&str]) -> String {
    render(&publist().args(args).output().expect("the binary runs"))
}

/// Renders an output like ruff's CLI snapshots.
pub fn render(out: &Output) -> String {
    format!(
        "success: {}\nexit_code: {}\n----- stdout -----\n{}\n----- stderr -----\n{}",
        out.status.success(),
        out.status
            .code()
            .map_or("signal".to_string(), |c| c.to_string()),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// Runs `args` and parses stdout as JSON, asserting success.
pub fn json(args: &[&str]) -> serde_json::Value {
    let out = publist().args(args).output().expect("the binary runs");
    assert!(out.status.success(), "{}", render(&out));
    serde_json::from_slice(&out.stdout).expect("stdout is JSON")
}

/// The CV numbers in a JSON array of publications, in order.
pub fn numbers(value: &serde_json::Value) -> Vec<u64> {
    value
        .as_array()
        .expect("an array")
        .iter()
        .map(|p| p["number"].as_u64().expect("a number"))
        .collect()
}
