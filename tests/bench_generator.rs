//! The benchmark's library generator (bench/generate.rs) writes what the
//! benchmark claims: the same bytes for the same seed, and entries that load
//! without a diagnostic and exercise macros, accents, equal contribution,
//! arXiv ids, the owner and known venues.

#[allow(dead_code)]
#[path = "../bench/generate.rs"]
mod generate;

use std::path::Path;

use publist::library::{Library, LoadOptions};
use publist::model::Kind;

fn generated(entries: usize, seed: u64) -> String {
    let mut out = Vec::new();
    generate::generate(entries, seed, &mut out).expect("writing to a Vec cannot fail");
    String::from_utf8(out).expect("the generator writes UTF-8")
}

#[test]
fn same_seed_same_bytes() {
    assert_eq!(generated(300, 7), generated(300, 7));
    assert_ne!(generated(300, 7), generated(300, 8));
}

#[test]
fn generated_library_loads_cleanly_and_is_varied() {
    let text = generated(1000, 1);
    assert!(
        text.contains("@string{") && text.contains(" # "),
        "macros and #"
    );
    assert!(text.contains("{\\\""), "LaTeX accents");
    let lib = Library::from_text(Path::new("gen.bib"), text, LoadOptions::default());
    assert!(
        lib.diagnostics.is_empty(),
        "{:?}",
        &lib.diagnostics[..3.min(lib.diagnostics.len())]
    );
    assert_eq!(lib.publications().len(), 1000);
    let pubs = &lib.publications();
    let count =
        |f: &dyn Fn(&publist::model::Publication) -> bool| pubs.iter().filter(|p| f(p)).count();
    assert!(
        count(&|p| p.authors.iter().any(|a| a.equal)) > 50,
        "equal contribution"
    );
    assert!(
        count(&|p| p.authors.iter().any(|a| a.owner)) > 20,
        "the owner"
    );
    assert!(count(&|p| p.arxiv.is_some()) > 50, "arXiv ids");
    assert!(
        count(&|p| p.venue.abbr.as_deref() == Some("NeurIPS")) > 20,
        "NeurIPS"
    );
    assert!(count(&|p| p.venue.kind == Kind::Workshop) > 10, "workshops");
    assert!(
        count(&|p| !p.venue.known && p.venue.kind == Kind::Conference) > 10,
        "unknown venues"
    );
    assert!(
        count(&|p| p.title.contains('ö') || p.authors.iter().any(|a| a.name.contains('ü'))) > 10
    );
    let years: std::collections::BTreeSet<i32> = pubs.iter().filter_map(|p| p.year).collect();
    assert!(years.len() >= 25, "{years:?}");
}
