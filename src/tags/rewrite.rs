//! Rewriting a statement's citations, touching nothing else: key citations
//! (`[@key]`, `[@a; @b]`) become the papers' current numbers (`[8][12]`),
//! and tags written against an older library get the current numbers
//! (papers matched by key, else by title).
//!
//! Every other byte of the text is kept, so a rewrite can replace the file.

use std::collections::HashMap;
use std::ops::Range;

use super::Statement;
use crate::error::{Diagnostic, Location, Severity};
use crate::library::Library;

/// A rewritten statement, or why it could not be rewritten.
#[derive(Debug, Clone)]
pub struct Rewrite {
    /// The new text (meaningless when [`Rewrite::failed`]).
    pub text: String,
    /// How many citations changed.
    pub changed: usize,
    /// How many citations were read.
    pub total: usize,
    /// Errors (nothing should be written) and warnings.
    pub diagnostics: Vec<Diagnostic>,
}

impl Rewrite {
    /// Whether an error makes the new text unusable.
    pub fn failed(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }
}

/// Replaces `spans` of `text` (sorted, disjoint) by their new strings.
fn splice(text: &str, edits: &[(Range<usize>, String)]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (span, new) in edits {
        out.push_str(&text[at..span.start]);
        out.push_str(new);
        at = span.end;
    }
    out.push_str(&text[at..]);
    out
}

fn located(
    st: &Statement,
    span: &Range<usize>,
    severity: Severity,
    code: &'static str,
    message: String,
) -> Diagnostic {
    Diagnostic::new(severity, code, message).at(Location::at(&st.source, span.start, span.len()))
}

/// Renders `[@key]` and `[@key1; @key2]` as `[8][12]`: current numbers,
/// ascending, each in its own brackets. An unknown key is an error.
pub fn cite(st: &Statement, lib: &Library) -> Rewrite {
    let mut edits = Vec::new();
    let mut diagnostics = Vec::new();
    // The first entry with the key as written, else the first with it in
    // any case. Keys and numbers are known from loading: nothing is
    // normalized.
    let mut exact: HashMap<&str, usize> = HashMap::new();
    let mut folded: HashMap<String, usize> = HashMap::new();
    for i in 0..lib.len() {
        let key = lib.key_of(i);
        exact.entry(key).or_insert(lib.numbers[i]);
        folded.entry(key.to_lowercase()).or_insert(lib.numbers[i]);
    }
    for cite in &st.cites {
        let mut numbers = Vec::new();
        let mut unknown = false;
        for (key, span) in &cite.keys {
            let number = exact
                .get(key.as_str())
                .or_else(|| folded.get(&key.to_lowercase()));
            match number {
                Some(&n) => numbers.push(n),
                None => {
                    unknown = true;
                    let mut d = located(
                        st,
                        span,
                        Severity::Error,
                        "unknown-key",
                        format!("no paper has the key `{key}`"),
                    );
                    d = d.hint(match closest_key(key, lib) {
                        Some(k) => format!("did you mean `{k}`?"),
                        None => "`publist list --format json` shows every key".to_string(),
                    });
                    diagnostics.push(d);
                }
            }
        }
        if unknown {
            continue;
        }
        numbers.sort_unstable();
        numbers.dedup();
        let new: String = numbers.iter().map(|n| format!("[{n}]")).collect();
        edits.push((cite.span.clone(), new));
    }
    for span in &st.malformed_cites {
        diagnostics.push(
            located(
                st,
                span,
                Severity::Warning,
                "not-a-citation",
                format!(
                    "`{}` is not a list of keys; left as written",
                    &st.text()[span.clone()]
                ),
            )
            .hint("write [@key] or [@key1; @key2]"),
        );
    }
    Rewrite {
        text: splice(st.text(), &edits),
        changed: edits.len(),
        total: st.cites.len(),
        diagnostics,
    }
}

/// The library key closest to `key` (a typo), if close enough.
fn closest_key<'a>(key: &str, lib: &'a Library) -> Option<&'a str> {
    let wanted = key.to_lowercase();
    (0..lib.len())
        .map(|i| lib.key_of(i))
        .map(|k| (edit_distance(&wanted, &k.to_lowercase()), k))
        .filter(|&(d, _)| d <= 2.max(wanted.chars().count() / 4))
        .min_by_key(|&(d, _)| d)
        .map(|(_, k)| k)
}

/// Levenshtein distance in characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = if ca == cb {
                prev
            } else {
                1 + prev.min(cur).min(row[j])
            };
            prev = cur;
        }
    }
    row[b.len()]
}

/// A title reduced to lower-case letters and digits, for matching a paper
/// whose key changed.
fn title_form(title: &str) -> String {
    title
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Old number → the paper's number in `new`, matched by key, else by a
/// unique title.
fn number_map(old: &Library, new: &Library) -> HashMap<usize, Option<usize>> {
    // Keys and numbers are known from loading; titles are read only when
    // a key is missing.
    let mut by_key: HashMap<&str, usize> = HashMap::new();
    for i in 0..new.len() {
        by_key.entry(new.key_of(i)).or_insert(new.numbers[i]);
    }
    let by_title = std::cell::OnceCell::new();
    let by_title = || {
        by_title.get_or_init(|| {
            let mut by_title: HashMap<String, Vec<usize>> = HashMap::new();
            for i in 0..new.len() {
                by_title
                    .entry(title_form(&new.title_of(i)))
                    .or_default()
                    .push(new.numbers[i]);
            }
            by_title
        })
    };
    (0..old.len())
        .map(|i| {
            let number = by_key.get(old.key_of(i)).copied().or_else(|| {
                match by_title()
                    .get(&title_form(&old.title_of(i)))
                    .map(Vec::as_slice)
                {
                    Some(&[n]) => Some(n),
                    _ => None,
                }
            });
            (old.numbers[i], number)
        })
        .collect()
}

/// Rewrites every numeric tag from `old`'s numbers to `new`'s. A range
/// stays a range when its papers are still consecutive, else becomes a
/// list (`[3-5]` → `[3, 5-6]`). A number `old` does not have, or a paper
/// `new` lacks, is an error.
pub fn renumber(st: &Statement, old: &Library, new: &Library) -> Rewrite {
    let map = number_map(old, new);
    let mut edits = Vec::new();
    let mut diagnostics = Vec::new();
    let old_path = old.source.path().display().to_string();
    let mut changed = 0;
    for tag in &st.tags {
        if let Some(problem) = &tag.problem {
            diagnostics.push(located(
                st,
                &tag.span,
                Severity::Error,
                "invalid-tag",
                format!("`{}`: {problem}", &st.text()[tag.span.clone()]),
            ));
            continue;
        }
        let before = edits.len();
        for item in &tag.items {
            let mut numbers = Vec::new();
            let mut lost = false;
            for n in item.first..=item.last {
                match map.get(&n) {
                    Some(Some(m)) => numbers.push(*m),
                    Some(None) => {
                        lost = true;
                        let title = old.index_of_number(n).map_or(String::new(), |i| {
                            format!(" “{}” (key `{}`)", old.title_of(i), old.key_of(i))
                        });
                        diagnostics.push(
                            located(
                                st,
                                &tag.span,
                                Severity::Error,
                                "removed-paper",
                                format!("[{n}]{title} of {old_path} is not in the current library"),
                            )
                            .hint("cite it by its new key, or remove the tag"),
                        );
                    }
                    None => {
                        lost = true;
                        diagnostics.push(
                            located(
                                st,
                                &tag.span,
                                Severity::Error,
                                "unknown-tag",
                                format!("[{n}] cites no paper of {old_path}"),
                            )
                            .hint("was the statement written against this version of the library?"),
                        );
                    }
                }
            }
            if lost {
                continue;
            }
            let dash = item.dash.as_deref().unwrap_or("-");
            let new_text = compress(&mut numbers, dash);
            if new_text != st.text()[item.span.clone()] {
                edits.push((item.span.clone(), new_text));
            }
        }
        if edits.len() > before {
            changed += 1;
        }
    }
    Rewrite {
        text: splice(st.text(), &edits),
        changed,
        total: st.tags.len(),
        diagnostics,
    }
}

/// Sorted numbers as `4`, `4-6` or `3, 5-6`.
fn compress(numbers: &mut Vec<usize>, dash: &str) -> String {
    numbers.sort_unstable();
    numbers.dedup();
    let mut parts = Vec::new();
    let mut i = 0;
    while i < numbers.len() {
        let mut j = i;
        while j + 1 < numbers.len() && numbers[j + 1] == numbers[j] + 1 {
            j += 1;
        }
        parts.push(if j > i {
            format!("{}{dash}{}", numbers[i], numbers[j])
        } else {
            numbers[i].to_string()
        });
        i = j + 1;
    }
    parts.join(", ")
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::library::LoadOptions;

    fn library(bib: &str) -> Library {
        Library::from_text(Path::new("x.bib"), bib.to_string(), LoadOptions::default())
    }

    const OLD: &str = "@misc{c, title={C}, year=2024}\n@misc{b, title={B}, year=2023}\n@misc{a, title={A}, year=2022}\n";

    #[test]
    fn renumbers_and_keeps_everything_else() {
        let old = library(OLD);
        // A 2023 paper between a (1) and b: b and c move up by one.
        let new = library(&format!("{OLD}@misc{{n, title={{N}}, year=2023}}\n"));
        let st = Statement::parse("s.md", "x [1][2] y [1-3] z [1, 3] `[2]`\n".to_string());
        let r = renumber(&st, &old, &new);
        assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
        assert_eq!(r.text, "x [1][3] y [1, 3-4] z [1, 4] `[2]`\n");
        assert_eq!((r.changed, r.total), (3, 4));
    }

    #[test]
    fn renumbering_reports_unknown_and_removed_papers() {
        let old = library(OLD);
        let new = library("@misc{c, title={C}, year=2024}\n@misc{b2, title={B}, year=2023}\n");
        let st = Statement::parse("s.md", "[1] [2] [3] [9]".to_string());
        let r = renumber(&st, &old, &new);
        let codes: Vec<&str> = r.diagnostics.iter().map(|d| d.code).collect();
        assert_eq!(codes, ["removed-paper", "unknown-tag"]);
        assert!(r.failed());
        // `b` was renamed `b2`: found by its title.
        assert!(r.text.starts_with("[1] [1] [2]"));
    }

    #[test]
    fn cites_keys_as_numbers() {
        let lib = library(OLD);
        let st = Statement::parse("s.md", "A [@c; @a] and [@B]. [@cc] [@x;]".to_string());
        let r = cite(&st, &lib);
        assert_eq!(r.text, "A [1][3] and [2]. [@cc] [@x;]");
        let d: Vec<(&str, Option<&str>)> = r
            .diagnostics
            .iter()
            .map(|d| (d.code, d.hint.as_deref()))
            .collect();
        assert_eq!(
            d,
            [
                ("unknown-key", Some("did you mean `c`?")),
                ("not-a-citation", Some("write [@key] or [@key1; @key2]"))
            ]
        );
        assert!(r.failed());
    }

    #[test]
    fn compresses_runs() {
        assert_eq!(compress(&mut vec![6, 3, 5], "–"), "3, 5–6");
        assert_eq!(compress(&mut vec![4, 5, 6], "-"), "4-6");
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }
}
