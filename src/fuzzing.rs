//! Entry points for the fuzzers in `fuzz/` and the property tests in
//! `tests/robust.rs`: each drives a whole user-facing path from raw bytes.
//!
//! They must never panic on any input. They also assert the invariants the
//! rest of publist relies on (the parser's items tile the text exactly, every
//! broken item is counted as skipped), so a fuzzer that breaks one of those
//! reports it as a crash.

use std::io;
use std::path::Path;
use std::sync::OnceLock;

use crate::error::MessageFormat;
use crate::format::{json, table};
use crate::library::{Library, LoadOptions};
use crate::normalize::venue::Registry;
use crate::syntax::ItemKind;

/// Loads `data` as a `.bib` file and does everything a read-only command
/// does with it: renders every diagnostic, resolves every field, and writes
/// the table, CSV and JSON outputs (to a sink).
pub fn fuzz_load(data: &[u8]) {
    // Building the venue registry costs more than loading a small input;
    // build it once per process.
    static REGISTRY: OnceLock<Registry> = OnceLock::new();
    let options = LoadOptions {
        owner: Some("Jane Doe".to_string()),
        registry: REGISTRY.get_or_init(Registry::default).clone(),
    };
    let Ok(lib) = Library::from_bytes(Path::new("fuzz.bib"), data.to_vec(), options) else {
        return;
    };
    check_invariants(&lib);
    for d in &lib.diagnostics {
        let _ = d.render(MessageFormat::Human, false);
        let _ = d.render(MessageFormat::Short, true);
    }
    for (index, p) in lib.publications.iter().enumerate() {
        let _ = lib.field_values(index);
        let _ = lib.line_of(index);
        assert!(lib.by_key(&p.key).is_some(), "every key is found");
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
    assert_eq!(entries, lib.publications.len(), "every entry loads");
}
