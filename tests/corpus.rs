//! Real-world corpora (`tests/corpus/`, sources and licences in its
//! SOURCES.md): every entry SOURCES.md counts loads, none is skipped, and no
//! error (nor a guess at a hidden entry) is reported.
//!
//! SOURCES.md's table is the expectation; the test also recounts entries the
//! way SOURCES.md defines them (an `@` starting a line, not `@string`,
//! `@preamble` or `@comment`), so a wrong table cannot hide a lost entry.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use publist::error::Severity;
use publist::library::{Library, LoadOptions};

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus")
}

/// `file → entries` from the table in SOURCES.md.
fn expected_counts() -> BTreeMap<String, usize> {
    let sources = std::fs::read_to_string(corpus_dir().join("SOURCES.md")).expect("SOURCES.md");
    sources
        .lines()
        .filter_map(|line| {
            let cells: Vec<&str> = line.split('|').map(str::trim).collect();
            let file = cells.get(1)?.strip_suffix(".bib")?;
            let count = cells.get(2)?.replace(',', "").parse().ok()?;
            Some((format!("{file}.bib"), count))
        })
        .collect()
}

/// Entries as SOURCES.md counts them.
fn count_entries(text: &str) -> usize {
    text.lines()
        .filter_map(|l| l.strip_prefix('@'))
        .filter(|rest| {
            let ty: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphabetic())
                .collect::<String>()
                .to_ascii_lowercase();
            !ty.is_empty() && !matches!(ty.as_str(), "string" | "preamble" | "comment")
        })
        .count()
}

/// Loads one corpus file; returns a description of what went wrong, if anything.
fn check(file: &str, expected: usize) -> Result<(), String> {
    let path = corpus_dir().join(file);
    let lib = Library::load(&path, LoadOptions::default()).map_err(|e| e.to_string())?;
    let counted = count_entries(lib.source.text());
    let errors: Vec<String> = lib
        .diagnostics
        .iter()
        // Errors, and the warnings that guess at hidden entries: real files
        // must not trip those heuristics.
        .filter(|d| {
            d.severity == Severity::Error
                || matches!(d.code, "swallowed-entry" | "text-after-entry")
        })
        .take(3)
        .map(|d| d.render(publist::error::MessageFormat::Short, false))
        .collect();
    if counted != expected {
        return Err(format!(
            "{file}: SOURCES.md says {expected} entries, the file has {counted}"
        ));
    }
    // Every entry parses; crossref containers are entries but no papers.
    let parsed = lib
        .raw
        .items
        .iter()
        .filter(|i| i.kind == publist::syntax::ItemKind::Entry)
        .count();
    if parsed != expected || lib.skipped != 0 || !errors.is_empty() || lib.lossy {
        return Err(format!(
            "{file}: {} of {expected} entries loaded, {} skipped, lossy: {}; errors: {errors:?}",
            parsed, lib.skipped, lib.lossy
        ));
    }
    Ok(())
}

#[test]
fn every_corpus_file_loads_every_entry() {
    let expected = expected_counts();
    let on_disk: Vec<String> = std::fs::read_dir(corpus_dir())
        .expect("tests/corpus")
        .map(|e| {
            e.expect("a directory entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|name| name.ends_with(".bib"))
        .collect();
    assert!(
        on_disk.len() >= 6,
        "the corpus is in tests/corpus: {on_disk:?}"
    );
    for name in &on_disk {
        assert!(
            expected.contains_key(name),
            "{name} is not counted in SOURCES.md"
        );
    }
    // One thread per file: the large files dominate, and they run side by side.
    let failures = on_each(&on_disk, |name| check(name, expected[name]));
    assert!(failures.is_empty(), "{failures:#?}");
}

/// `fmt` on one corpus file: the output loads to the same entries with the
/// same fields and the same publications, and formatting it again changes
/// nothing.
fn round_trip(file: &str) -> Result<(), String> {
    let path = corpus_dir().join(file);
    let lib = Library::load(&path, LoadOptions::default()).map_err(|e| e.to_string())?;
    let once = publist::fmt::format_library(&lib);
    let again = Library::from_text(&path, once.clone(), LoadOptions::default());
    if !again.raw.errors.is_empty() {
        return Err(format!(
            "{file}: fmt output has {} syntax errors",
            again.raw.errors.len()
        ));
    }
    let fields = |l: &Library| {
        let mut all: Vec<(String, Vec<(String, String)>)> = (0..l.len())
            .map(|i| {
                let mut f = l.field_values(i);
                f.sort();
                (l.item_of(i).key.of(l.source.text()).to_string(), f)
            })
            .collect();
        all.sort();
        all
    };
    if fields(&lib) != fields(&again) {
        return Err(format!("{file}: fmt changed entries or fields"));
    }
    let by_key = |l: &Library| {
        let mut p = l.publications().to_vec();
        p.sort_by(|a, b| a.key.cmp(&b.key).then(a.number.cmp(&b.number)));
        p
    };
    if by_key(&lib) != by_key(&again) {
        return Err(format!(
            "{file}: fmt changed the publications (numbers, names, venues)"
        ));
    }
    if publist::fmt::format_library(&again) != once {
        return Err(format!("{file}: fmt is not idempotent"));
    }
    Ok(())
}

#[test]
fn fmt_is_lossless_and_idempotent_on_every_corpus_file() {
    let files: Vec<String> = expected_counts().into_keys().collect();
    let failures = on_each(&files, round_trip);
    assert!(failures.is_empty(), "{failures:#?}");
}

/// Runs `check` on every file, one thread each, and collects what failed.
fn on_each(files: &[String], check: impl Fn(&str) -> Result<(), String> + Sync) -> Vec<String> {
    std::thread::scope(|s| {
        let handles: Vec<_> = files.iter().map(|f| s.spawn(|| check(f))).collect();
        handles
            .into_iter()
            .filter_map(|h| h.join().expect("no panic").err())
            .collect()
    })
}

/// Large files are parsed in pieces on several threads; on every real file
/// every way of cutting it gives what one pass gives.
fn pieces_agree(file: &str) -> Result<(), String> {
    let text = std::fs::read_to_string(corpus_dir().join(file)).map_err(|e| e.to_string())?;
    let whole = publist::syntax::parse_in_pieces(&text, 1);
    for pieces in [2, 3, 7] {
        if publist::syntax::parse_in_pieces(&text, pieces) != whole {
            return Err(format!("{file}: {pieces} pieces parse differently"));
        }
    }
    Ok(())
}

#[test]
fn parsing_in_pieces_agrees_on_every_corpus_file() {
    let files: Vec<String> = expected_counts().into_keys().collect();
    let failures = on_each(&files, pieces_agree);
    assert!(failures.is_empty(), "{failures:#?}");
}
