//! Entry points for the fuzzers in `fuzz/` and the property tests in
//! `tests/robust.rs`: each drives a whole user-facing path from raw bytes.
//!
//! They must never panic on any input. They also assert the invariants the
//! rest of publist relies on (the parser's items tile the text exactly, every
//! broken item is counted as skipped, every entry is numbered), so a fuzzer
//! that breaks one of those reports it as a crash.

use std::io;
use std::path::Path;
use std::sync::OnceLock;

use crate::error::MessageFormat;
use crate::format::{json, table};
use crate::library::{Library, LoadOptions};
use crate::normalize::venue::Registry;
use crate::syntax::ItemKind;
use crate::tags::{self, Statement, Syntax, TopicMap};

/// Building the venue registry's index costs more than loading a small
/// input; it is built once per process, and each load gets a copy.
fn registry() -> Registry {
    static REGISTRY: OnceLock<Registry> = OnceLock::new();
    REGISTRY
        .get_or_init(|| Registry::default().indexed())
        .clone()
}

/// Loads `data` as a `.bib` file and does everything a read-only command
/// does with it: renders every diagnostic, normalizes and resolves every
/// entry, and writes the table, CSV and JSON outputs (to a sink).
pub fn fuzz_load(data: &[u8]) {
    let options = LoadOptions {
        owner: Some("Jane Doe".to_string()),
        registry: registry(),
        checks: true,
    };
    let Ok(lib) = Library::from_bytes(Path::new("fuzz.bib"), data.to_vec(), options) else {
        return;
    };
    check_invariants(&lib);
    for d in &lib.diagnostics {
        let _ = d.render(MessageFormat::Human, false);
        let _ = d.render(MessageFormat::Short, true);
    }
    for (index, p) in lib.publications().iter().enumerate() {
        let _ = lib.field_values(index);
        let _ = lib.line_of(index);
        assert!(lib.by_key(&p.key).is_some(), "every key is found");
        assert!(lib.by_number(p.number).is_some(), "every number is found");
    }
    let pubs = lib.newest_first();
    let opts = table::TableOptions {
        width: 80,
        color: false,
    };
    let mut sink = io::sink();
    table::write_table(&mut sink, &pubs, opts).expect("a sink accepts everything");
    table::write_csv(&mut sink, &pubs).expect("a sink accepts everything");
    json::write_json(&mut sink, &pubs).expect("a sink accepts everything");
}

/// What `fmt` and the loader's counts depend on.
fn check_invariants(lib: &Library) {
    let text = lib.source.text();
    let mut at = 0;
    for item in &lib.raw.items {
        assert_eq!(item.span.start as usize, at, "items tile the text");
        assert!(item.span.end >= item.span.start, "spans are ordered");
        at = item.span.end as usize;
        assert!(text.is_char_boundary(at), "spans end on characters");
    }
    assert_eq!(at, text.len(), "items cover the whole text");
    let broken = lib
        .raw
        .items
        .iter()
        .filter(|i| i.kind == ItemKind::Broken)
        .count();
    assert_eq!(
        broken, lib.skipped,
        "every broken item is counted as skipped"
    );
    let entries = lib
        .raw
        .items
        .iter()
        .filter(|i| i.kind == ItemKind::Entry)
        .count();
    assert_eq!(entries, lib.len(), "every entry loads");
    let mut numbers = lib.numbers.clone();
    numbers.sort_unstable();
    assert!(
        numbers.iter().copied().eq(1..=lib.len()),
        "entries are numbered 1..=N"
    );
}

/// The library research statements are checked against in [`fuzz_tags`]:
/// a few papers with keywords, a crossref and an equal-contribution mark.
const TAGS_LIBRARY: &str = r"
@inproceedings{a2024, author = {Doe, Jane and Roe, Richard}, author+an = {1=equal},
  title = {Implicit Bias of Sharpness-Aware Minimization}, year = 2024,
  booktitle = {Advances in Neural Information Processing Systems 37},
  keywords = {implicit bias, SAM, optimization}}
@article{b2023, author = {Doe, Jane}, title = {Transformers Learn in Context},
  journal = {Journal of Machine Learning Research}, year = 2023, keywords = {transformer, in-context learning}}
@misc{c2022, author = {Roe, Richard and Doe, Jane}, title = {Edge of Stability},
  eprint = {2201.00001}, eprinttype = {arxiv}, year = 2022, keywords = {EoS, gradient descent}}
@inproceedings{d2021, author = {Doe, J.}, title = {A Workshop Paper}, crossref = {ws2021}}
@proceedings{ws2021, title = {ICML 2021 Workshop on Overparameterization}, year = 2021}
";

/// Parses `data` as a research statement (as Markdown and as LaTeX) and
/// runs everything `tags` and `cite` do with it against a small library:
/// the check with every finding rendered, key citations rendered as
/// numbers, and renumbering against the same library.
pub fn fuzz_tags(data: &[u8]) {
    thread_local! {
        static LIBRARY: Library = Library::from_text(
            Path::new("fuzz.bib"),
            TAGS_LIBRARY.to_string(),
            LoadOptions { owner: Some("Jane Doe".to_string()), registry: registry(), checks: true },
        );
    }
    let text = String::from_utf8_lossy(data).into_owned();
    LIBRARY.with(|lib| {
        for syntax in [Syntax::Markdown, Syntax::Latex] {
            let statement = Statement::with_syntax("fuzz.md", text.clone(), syntax);
            assert_eq!(statement.text(), text, "a statement keeps its text");
            let report = tags::check(&statement, lib, &TopicMap::default());
            for finding in &report.findings {
                let _ = finding
                    .to_diagnostic(&statement)
                    .render(MessageFormat::Human, false);
            }
            let _ = tags::cite(&statement, lib);
            let _ = tags::renumber(&statement, lib, lib);
        }
    });
}
