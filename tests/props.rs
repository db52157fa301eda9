//! Property tests for laws of the formatter: `fmt` keeps the model
//! (`load(fmt(x)) == load(x)`) and is idempotent (`fmt(fmt(x)) == fmt(x)`),
//! over generated libraries with macros, quotes, comments, marks in names
//! and crossrefs.

use std::path::Path;

use proptest::prelude::*;
use publist::fmt::format_library;
use publist::library::{Library, LoadOptions};
use publist::model::Publication;

const TYPES: &[&str] = &[
    "article",
    "inproceedings",
    "online",
    "misc",
    "Book",
    "INPROCEEDINGS",
];
const TITLES: &[&str] = &[
    "Plain Title",
    "{Case} Protected {NeurIPS}",
    r#"Accents \'e and {\"u}ber"#,
    "Math $x^2$ inside",
    r"Fifty \% and \& more",
    "Nested {a {b} c} braces",
    "Line\n    broken title",
];
const NAMES: &[&str] = &[
    "Wang, Mingze",
    "Mingze Wang",
    "E, Weinan",
    r#"M{\"u}ller, J{\"o}rg"#,
    "van der Berg, Jan",
    "{Google DeepMind}",
    "L. Wu",
];
const MARKS: &[&str] = &[
    "",
    "",
    "*",
    "$^*$",
    r"\textsuperscript{*}",
    "$^{1,*}$",
    r"\,$^{*,\dagger}$",
    r"\dag",
    r"\footnotemark[1]",
    "$^{2}$",
    r"\textsuperscript{1,*}",
];
const VENUES: &[&str] = &[
    "Advances in Neural Information Processing Systems 35",
    "Proceedings of the 36th International Conference on Machine Learning",
    "Some Workshop on Things",
    "Journal of Machine Learning Research",
];

#[derive(Debug, Clone)]
struct Entry {
    ty: usize,
    title: usize,
    authors: Vec<(usize, usize)>,
    year: Option<u16>,
    venue: Option<usize>,
    quoted: bool,
    macro_venue: bool,
    extra: Option<String>,
    comment: Option<String>,
    crossref: bool,
}

fn entry() -> impl Strategy<Value = Entry> {
    (
        0..TYPES.len(),
        0..TITLES.len(),
        prop::collection::vec((0..NAMES.len(), 0..MARKS.len()), 0..4),
        prop::option::of(1990u16..2030),
        prop::option::of(0..VENUES.len()),
        any::<bool>(),
        any::<bool>(),
        prop::option::of("[a-z]{1,8}"),
        prop::option::of("[ a-zA-Z0-9]{0,20}"),
        any::<bool>(),
    )
        .prop_map(
            |(ty, title, authors, year, venue, quoted, macro_venue, extra, comment, crossref)| {
                Entry {
                    ty,
                    title,
                    authors,
                    year,
                    venue,
                    quoted,
                    macro_venue,
                    extra,
                    comment,
                    crossref,
                }
            },
        )
}

fn render(entries: &[Entry], parent: bool) -> String {
    let mut out =
        String::from("% generated\n@string{jmlr = {Journal of Machine Learning Research}}\n\n");
    for (i, e) in entries.iter().enumerate() {
        if let Some(c) = &e.comment {
            out.push_str(&format!("% {c}\n"));
        }
        out.push_str(&format!("@{}{{key{i},\n", TYPES[e.ty]));
        let title = TITLES[e.title];
        if e.quoted && !title.contains('"') {
            out.push_str(&format!("  title = \"{title}\",\n"));
        } else {
            out.push_str(&format!("  title = {{{title}}},\n"));
        }
        if !e.authors.is_empty() {
            let names: Vec<String> = e
                .authors
                .iter()
                .map(|&(n, m)| format!("{}{}", NAMES[n], MARKS[m]))
                .collect();
            out.push_str(&format!("  author = {{{}}},\n", names.join(" and ")));
        }
        if let Some(y) = e.year {
            out.push_str(&format!("  YEAR = {y},\n"));
        }
        if e.macro_venue {
            out.push_str("  journal = jmlr # { (JMLR)},\n");
        } else if let Some(v) = e.venue {
            out.push_str(&format!("  booktitle = {{{}}},\n", VENUES[v]));
        }
        if let Some(x) = &e.extra {
            out.push_str(&format!("  x-{x} = {{kept}}\n,"));
        }
        if e.crossref && parent {
            out.push_str("  crossref = {parent},\n");
        }
        out.push_str("}\n\n");
    }
    if parent {
        out.push_str("@proceedings{parent, title = {Parent}, year = 2020}\n");
    }
    out
}

fn load(text: &str) -> Library {
    Library::from_text(Path::new("p.bib"), text.to_string(), LoadOptions::default())
}

fn by_key(lib: &Library) -> Vec<Publication> {
    let mut pubs = lib.publications().to_vec();
    pubs.sort_by(|a, b| a.key.cmp(&b.key));
    pubs
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn prop_fmt_keeps_the_model(entries in prop::collection::vec(entry(), 0..8), parent in any::<bool>()) {
        let text = render(&entries, parent);
        let original = load(&text);
        prop_assert!(original.raw.errors.is_empty(), "{text}");
        let formatted = format_library(&original);
        let reloaded = load(&formatted);
        prop_assert!(reloaded.raw.errors.is_empty(), "{formatted}");
        prop_assert_eq!(by_key(&original), by_key(&reloaded), "{}\n---\n{}", text, formatted);
    }

    #[test]
    fn prop_fmt_is_idempotent(entries in prop::collection::vec(entry(), 0..8), parent in any::<bool>()) {
        let once = format_library(&load(&render(&entries, parent)));
        let twice = format_library(&load(&once));
        prop_assert_eq!(once, twice);
    }
}
