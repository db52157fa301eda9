//! Never panic, never lose an entry: property tests drive the fuzzers' entry
//! points (`publist::fuzz_load`, `publist::fuzz_tags`) with arbitrary bytes
//! and with near-valid `.bib` text and research statements, replay the inputs the fuzzers once crashed on
//! (`tests/fixtures/fuzz/`), and load inputs too large to commit (generated
//! here): 100,000 nested braces, a 10 MB field, a 1 MB line, a 4 GiB file.

use std::path::Path;
use std::sync::OnceLock;

use proptest::prelude::*;
use publist::error::{MessageFormat, Severity};
use publist::library::{Library, LoadOptions};
use publist::normalize::venue::Registry;

fn load(text: &str) -> Library {
    // The registry is built once: building it dominates loading small texts.
    static REGISTRY: OnceLock<Registry> = OnceLock::new();
    let options = LoadOptions {
        owner: None,
        registry: REGISTRY
            .get_or_init(|| Registry::default().indexed())
            .clone(),
        checks: true,
    };
    Library::from_text(Path::new("t.bib"), text.to_string(), options)
}

/// One well-formed entry; `n` makes its key unique.
fn entry_strategy() -> impl Strategy<Value = (String, String)> {
    let ty = prop::sample::select(vec![
        "article",
        "inproceedings",
        "misc",
        "online",
        "book",
        "phdthesis",
        "unknowntype",
    ]);
    let word = "[A-Za-z][a-z]{0,8}";
    let title = prop::collection::vec(word, 1..6).prop_map(|w| w.join(" "));
    let author = prop::collection::vec((word, word), 1..4).prop_map(|names| {
        names
            .iter()
            .map(|(g, f)| format!("{f}, {g}"))
            .collect::<Vec<_>>()
            .join(" and ")
    });
    let value_style = prop::sample::select(vec![0u8, 1, 2]);
    (ty, "[a-z]{1,6}[0-9]{0,4}", title, author, 1900..2100i32, value_style).prop_map(
        |(ty, key, title, author, year, style)| {
            let title = match style {
                0 => format!("{{{title}}}"),
                1 => format!("\"{title}\""),
                _ => format!("{{The {{{title}}}}}"),
            };
            let text = format!(
                "@{ty}{{{key},\n  author = {{{author}}},\n  title = {title},\n  year = {year},\n}}\n"
            );
            (key, text)
        },
    )
}

/// A library of well-formed entries with distinct keys: (keys, text).
fn library_strategy() -> impl Strategy<Value = (Vec<String>, String)> {
    prop::collection::vec(entry_strategy(), 1..8).prop_map(|entries| {
        let mut keys = Vec::new();
        let mut text = String::from("% generated\n@string{jmlr = {Journal of ML}}\n");
        for (i, (key, entry)) in entries.into_iter().enumerate() {
            let unique = format!("{key}x{i}");
            text.push_str(&entry.replacen(&format!("{{{key},"), &format!("{{{unique},"), 1));
            text.push('\n');
            keys.push(unique);
        }
        (keys, text)
    })
}

/// Bytes that matter to the grammar, for mutations.
const SIGNIFICANT: &[&str] = &[
    "{",
    "}",
    "\"",
    "@",
    ",",
    "=",
    "#",
    "%",
    "(",
    ")",
    "\n",
    "\\",
    "\0",
    "\r\n",
    "é",
    "\u{feff}",
    "@comment{",
    "@string{",
    " and ",
    "$",
];

/// Pieces research statements are made of, for [`publist::fuzz_tags`].
const STATEMENT_TOKENS: &[&str] = &[
    "[1]",
    "[2][3]",
    "[1, 2]",
    "[1-3]",
    "[3-1]",
    "[99]",
    "[0]",
    "[@a2024]",
    "[@a2024; @b2023]",
    "[@nokey]",
    "[@",
    "[",
    "]",
    "- ",
    "  - ",
    "* ",
    "# Research\n",
    "\n",
    "; ",
    ": ",
    "**Bold**: ",
    "\\item ",
    "\\section{Theory}",
    "\\begin{itemize}",
    "\\end{itemize}",
    "\\textbf{Label:} ",
    "% comment",
    "`code [1]`",
    "$x [2]$",
    "https://x.org/[1]",
    "é",
    "implicit bias",
    "transformers",
    "edge of stability",
    "\t",
    "\r\n",
    "\0",
];

/// A mutation: at a fraction of the text, delete some bytes and insert a token.
fn mutation_strategy() -> impl Strategy<Value = (f64, usize, usize)> {
    (0.0..1.0f64, 0..3usize, 0..SIGNIFICANT.len())
}

/// Applies the mutation on character boundaries; returns the text and where
/// the change starts.
fn mutate(text: &str, (at, delete, token): (f64, usize, usize)) -> (String, usize) {
    let mut start = (text.len() as f64 * at) as usize;
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = start;
    for _ in 0..delete {
        if let Some(c) = text[end..].chars().next() {
            end += c.len_utf8();
        }
    }
    let out = format!("{}{}{}", &text[..start], SIGNIFICANT[token], &text[end..]);
    (out, start)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(data in prop::collection::vec(any::<u8>(), 0..512)) {
        publist::fuzz_load(&data);
    }

    #[test]
    fn arbitrary_statements_never_panic(data in prop::collection::vec(any::<u8>(), 0..512)) {
        publist::fuzz_tags(&data);
    }

    #[test]
    fn statements_from_tag_tokens_never_panic(
        parts in prop::collection::vec(prop::sample::select(STATEMENT_TOKENS.to_vec()), 0..48),
    ) {
        publist::fuzz_tags(parts.concat().as_bytes());
    }

    #[test]
    fn arbitrary_text_from_bib_tokens_never_panics(
        parts in prop::collection::vec(prop::sample::select(SIGNIFICANT.to_vec()), 0..64),
        words in prop::collection::vec("[a-z ]{0,4}", 0..64),
    ) {
        let text: String = parts.iter().zip(words.iter().chain(std::iter::repeat(&String::new())))
            .flat_map(|(p, w)| [*p, w.as_str()])
            .collect();
        publist::fuzz_load(text.as_bytes());
    }

    #[test]
    fn well_formed_libraries_load_every_entry((keys, text) in library_strategy()) {
        publist::fuzz_load(text.as_bytes());
        let lib = load(&text);
        let errors: Vec<_> = lib.diagnostics.iter().filter(|d| d.severity == Severity::Error).collect();
        prop_assert!(errors.is_empty(), "{errors:?}");
        prop_assert_eq!(lib.skipped, 0);
        prop_assert_eq!(lib.publications().len(), keys.len());
        for key in &keys {
            prop_assert!(lib.by_key(key).is_some(), "{key} missing");
        }
    }

    /// One fault anywhere: no panic, and every entry that ends before the
    /// fault still loads exactly as before.
    #[test]
    fn a_fault_never_takes_earlier_entries_with_it(
        (keys, text) in library_strategy(),
        m in mutation_strategy(),
    ) {
        let (mutated, at) = mutate(&text, m);
        publist::fuzz_load(mutated.as_bytes());
        let before = load(&text);
        let after = load(&mutated);
        for (i, p) in before.publications().iter().enumerate() {
            let end = before.item_of(i).span.end as usize;
            if end < at {
                let q = after.by_key(&p.key);
                prop_assert!(q.is_some(), "{} lost by a change at {at}", p.key);
                prop_assert_eq!(&q.map(|q| &q.title), &Some(&p.title));
            }
        }
        prop_assert!(keys.len() >= before.publications().len());
    }
}

/// Every input a fuzzer once crashed on, replayed through both entry
/// points (neither may panic on any input).
#[test]
fn fuzz_regressions() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz");
    let mut count = 0;
    for entry in std::fs::read_dir(&dir).expect("tests/fixtures/fuzz") {
        let path = entry.expect("a directory entry").path();
        if path.file_name().is_some_and(|n| n == "README.md") {
            continue;
        }
        let data = std::fs::read(&path).expect("a fixture");
        publist::fuzz_load(&data);
        publist::fuzz_tags(&data);
        count += 1;
    }
    assert!(count > 0, "no regression inputs in {}", dir.display());
}

#[test]
fn hundred_thousand_nested_braces_load() {
    let depth = 100_000;
    let text = format!(
        "@misc{{deep, title = {}Deep{}, year = 2020}}\n@misc{{after, title = {{After}}}}\n",
        "{".repeat(depth),
        "}".repeat(depth)
    );
    let lib = load(&text);
    assert!(lib.diagnostics.is_empty(), "{:?}", lib.diagnostics);
    assert_eq!(lib.by_key("deep").map(|p| p.title.as_str()), Some("Deep"));
    assert!(lib.by_key("after").is_some());
}

#[test]
fn hundred_thousand_unclosed_braces_are_one_error() {
    let text = format!(
        "@misc{{deep, title = {}Deep}}\n@misc{{after, title = {{After}}}}\n",
        "{".repeat(100_000)
    );
    let lib = load(&text);
    assert_eq!(lib.skipped, 1);
    assert!(lib.by_key("after").is_some());
    let rendered = lib.diagnostics[0].render(MessageFormat::Human, false);
    assert!(rendered.contains("never closes a `{`"), "{rendered}");
}

#[test]
fn ten_megabyte_field_loads() {
    let big = "lorem ipsum ".repeat(10 * 1024 * 1024 / 12);
    let text = format!(
        "@article{{big,\n  title = {{Big}},\n  abstract = {{{big}}},\n  year = 2020,\n}}\n@misc{{after, title = {{After}}}}\n"
    );
    let lib = load(&text);
    assert!(lib.diagnostics.is_empty(), "{:?}", lib.diagnostics);
    assert_eq!(lib.publications().len(), 2);
    let abstract_len = lib
        .field_values(0)
        .into_iter()
        .find(|(name, _)| name == "abstract")
        .map(|(_, v)| v.len());
    assert_eq!(abstract_len, Some(big.len()));
}

/// A 1 MB line with a fault at its end: one error, and the message shows a
/// window of the line, not the megabyte.
#[test]
fn megabyte_line_error_is_short() {
    let words = "word ".repeat(200);
    let entries: String = (0..1_000)
        .map(|i| format!("@misc{{k{i}, title = {{T{i} {words}}}}} "))
        .collect();
    let text = format!("{entries}@misc{{bad, title = {{x}} year = 1}}\n");
    assert!(text.len() > 1_000_000 && !text.trim_end().contains('\n'));
    let lib = load(&text);
    assert_eq!(lib.publications().len(), 1_000);
    assert_eq!(lib.skipped, 1);
    let error = lib
        .diagnostics
        .iter()
        .find(|d| d.severity == Severity::Error)
        .expect("an error");
    let rendered = error.render(MessageFormat::Human, false);
    assert!(rendered.len() < 1_000, "{} bytes", rendered.len());
    assert!(rendered.contains("expected `,`"), "{rendered}");
}

/// Spans are 32-bit: a file of 4 GiB is refused, by its size, before a byte
/// of it is read (the test file is sparse, so it costs no disk).
#[test]
fn a_four_gib_file_is_refused_with_an_error_naming_the_limit() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("huge.bib");
    let file = std::fs::File::create(&path).expect("a file");
    file.set_len(4 << 30).expect("a sparse 4 GiB file");
    let err = Library::load(&path, LoadOptions::default()).expect_err("refused");
    let message = err.to_string();
    assert!(
        message.contains("publist reads files below 4 GiB"),
        "{message}"
    );
}
