//! Finding tags (`[8]`, `[8, 12]`, `[3-5]`, `[3–5]`) and key citations
//! (`[@key]`, `[@a; @b]`) in masked text.
//!
//! A bracket is not a tag when it is link text (`[text](url)`), an image
//! (`![alt]`), escaped (`\[`), a footnote (`[^1]`), LaTeX's `\item[...]`, or
//! holds anything but numbers, ranges, commas and semicolons.

use std::collections::HashSet;
use std::ops::Range;

use serde::Serialize;

/// A numeric tag as written, with the byte span of each number or range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag {
    /// Bytes of the whole `[...]`.
    pub span: Range<usize>,
    /// The numbers and ranges inside, in order.
    pub items: Vec<TagItem>,
    /// Why the tag cannot be read (a range that ends before it starts).
    pub problem: Option<String>,
}

/// One number (`8`) or range (`3-5`) inside a tag.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TagItem {
    /// Bytes of the number or range.
    #[serde(skip)]
    pub span: Range<usize>,
    /// The number, or the first of the range.
    pub first: usize,
    /// The same number, or the last of the range.
    pub last: usize,
    /// The dash of a range as written (`-`, `–`, `--`).
    #[serde(skip)]
    pub dash: Option<String>,
}

/// Ranges longer than this are a typo, not a citation.
const MAX_RANGE: usize = 1000;

/// Numbers longer than this are identifiers, not tags.
const MAX_DIGITS: usize = 6;

impl Tag {
    /// The numbers cited, ranges expanded, in written order.
    pub fn numbers(&self) -> Vec<usize> {
        if self.problem.is_some() {
            return Vec::new();
        }
        self.items.iter().flat_map(|i| i.first..=i.last).collect()
    }
}

/// A key citation such as `[@wang2024; @wu2022]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyCite {
    /// Bytes of the whole `[...]`.
    pub span: Range<usize>,
    /// Each key with the bytes of its `@key`.
    pub keys: Vec<(String, Range<usize>)>,
}

/// Everything bracketed that publist reads.
#[derive(Debug, Clone, Default)]
pub struct Scan {
    /// Numeric tags, in text order.
    pub tags: Vec<Tag>,
    /// Key citations, in text order.
    pub cites: Vec<KeyCite>,
    /// Brackets that start with `@` but are not a list of keys
    /// (`[see @key, p. 3]`).
    pub malformed_cites: Vec<Range<usize>>,
}

/// Scans `masked` (the prose view of `raw`) for tags and key citations.
/// `link_labels` are the labels the document defines for reference links
/// (see [`super::mask::link_label`]).
pub fn scan(raw: &str, masked: &str, link_labels: &HashSet<String>) -> Scan {
    let bytes = masked.as_bytes();
    let mut out = Scan::default();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'[' || !opens_tag(raw, i) {
            i += 1;
            continue;
        }
        let Some(close) = bytes[i + 1..]
            .iter()
            .position(|&b| matches!(b, b']' | b'[' | b'\n'))
            .map(|p| i + 1 + p)
            .filter(|&c| bytes[c] == b']')
        else {
            i += 1;
            continue;
        };
        if raw[close + 1..].starts_with('(')
            || is_link_label(masked, i..close + 1, &out, link_labels)
        {
            i = close + 1;
            continue;
        }
        let inner = i + 1..close;
        if let Some(tag) = parse_tag(masked, i..close + 1) {
            out.tags.push(tag);
        } else if masked[inner.clone()].trim_start().starts_with('@') {
            match parse_keys(masked, inner) {
                Some(keys) => out.cites.push(KeyCite {
                    span: i..close + 1,
                    keys,
                }),
                None => out.malformed_cites.push(i..close + 1),
            }
        }
        i = close + 1;
    }
    out
}

/// Whether the `[` at `at` may start a tag: not escaped, not an image, not
/// LaTeX's `\item[label]`.
fn opens_tag(raw: &str, at: usize) -> bool {
    let before = &raw[..at];
    !(before.ends_with('\\') || before.ends_with('!') || before.ends_with("\\item"))
}

/// Whether the bracket `span` is the label of a reference link
/// (`[our code][1]` with a `[1]: url` definition): it follows a bracket
/// that is not a tag (`[8][12]` are two tags), and the label is defined,
/// as CommonMark requires for a link.
fn is_link_label(
    masked: &str,
    span: Range<usize>,
    found: &Scan,
    link_labels: &HashSet<String>,
) -> bool {
    span.start > 0
        && masked.as_bytes()[span.start - 1] == b']'
        && found.tags.last().is_none_or(|t| t.span.end != span.start)
        && link_labels.contains(&super::mask::link_label(
            &masked[span.start + 1..span.end - 1],
        ))
}

/// Parses `[8]`, `[8, 12]`, `[3-5]`, `[3--5; 9]` at `span`.
fn parse_tag(text: &str, span: Range<usize>) -> Option<Tag> {
    let mut items = Vec::new();
    let mut problem = None;
    let mut pos = span.start + 1;
    let end = span.end - 1;
    loop {
        pos = skip_spaces(text, pos, end);
        let (first, after_first) = digits(text, pos, end)?;
        let start = pos;
        pos = skip_spaces(text, after_first, end);
        let (mut last, mut dash, mut item_end) = (first, None, after_first);
        if let Some(d) = ["--", "-", "–", "—"]
            .into_iter()
            .find(|d| text[pos..end].starts_with(d))
        {
            let from = skip_spaces(text, pos + d.len(), end);
            let (n, after) = digits(text, from, end)?;
            (last, dash, item_end) = (n, Some(d.to_string()), after);
            pos = skip_spaces(text, after, end);
            if n < first {
                problem.get_or_insert(format!(
                    "the range `{}` ends before it starts",
                    &text[start..after]
                ));
            } else if n - first > MAX_RANGE {
                problem.get_or_insert(format!(
                    "the range `{}` spans more than {MAX_RANGE} numbers",
                    &text[start..after]
                ));
            }
        }
        items.push(TagItem {
            span: start..item_end,
            first,
            last,
            dash,
        });
        if pos == end {
            break;
        }
        if !matches!(text.as_bytes()[pos], b',' | b';') {
            return None;
        }
        pos += 1;
    }
    Some(Tag {
        span,
        items,
        problem,
    })
}

fn skip_spaces(text: &str, mut pos: usize, end: usize) -> usize {
    while pos < end && matches!(text.as_bytes()[pos], b' ' | b'\t' | b'\r') {
        pos += 1;
    }
    pos
}

/// An ASCII number at `pos` and the position after it.
fn digits(text: &str, pos: usize, end: usize) -> Option<(usize, usize)> {
    let len = text.as_bytes()[pos..end]
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .count();
    if len == 0 || len > MAX_DIGITS {
        return None;
    }
    Some((text[pos..pos + len].parse().ok()?, pos + len))
}

/// Parses `@a; @b` (or `@a, @b`, `@{a}`) inside brackets: each key with
/// the bytes of its `@key`.
fn parse_keys(text: &str, inner: Range<usize>) -> Option<Vec<(String, Range<usize>)>> {
    let mut keys = Vec::new();
    let mut start = inner.start;
    for part in split_keys(&text[inner.clone()]) {
        let lead = part.len() - part.trim_start().len();
        let item = part.trim();
        let at = start + lead;
        start += part.len() + 1;
        let key = item.strip_prefix('@')?;
        let key = match key.strip_prefix('{') {
            // Braces are for keys the bare form cannot hold (`wang2023+`).
            Some(braced) => braced.strip_suffix('}').filter(|k| is_braced_key(k))?,
            None => Some(key).filter(|k| is_key(k))?,
        };
        keys.push((key.to_string(), at..at + item.len()));
    }
    Some(keys)
}

/// `inner` split at the `;` and `,` outside braces.
fn split_keys(inner: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut depth, mut from) = (0usize, 0);
    for (i, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth = depth.saturating_sub(1),
            ';' | ',' if depth == 0 => {
                parts.push(&inner[from..i]);
                from = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&inner[from..]);
    parts
}

/// A braced key: anything a BibTeX key holds (no spaces, braces or
/// commas).
fn is_braced_key(key: &str) -> bool {
    !key.is_empty() && !key.chars().any(|c| c.is_whitespace() || "{},".contains(c))
}

/// Pandoc's citation keys: letters, digits and `_`, with internal
/// punctuation `:.#$%&-+?<>~/`.
fn is_key(key: &str) -> bool {
    let word = |c: char| c.is_alphanumeric() || c == '_';
    key.chars().next().is_some_and(word)
        && key.chars().last().is_some_and(word)
        && key.chars().all(|c| word(c) || ":.#$%&-+?<>~/".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbers(text: &str) -> Vec<Vec<usize>> {
        scan(text, text, &HashSet::new())
            .tags
            .iter()
            .map(Tag::numbers)
            .collect()
    }

    #[test]
    fn tag_forms() {
        assert_eq!(
            numbers("a [8][12] b [8, 12] [3-5] [3–5] [3 -- 5; 9]"),
            [
                vec![8],
                vec![12],
                vec![8, 12],
                vec![3, 4, 5],
                vec![3, 4, 5],
                vec![3, 4, 5, 9]
            ]
        );
    }

    #[test]
    fn not_tags() {
        for text in [
            "[text](url)",
            "[8](http://x)",
            "[^1]",
            "\\[3\\]",
            "![2](a.png)",
            "[]",
            "[8a]",
            "[8,]",
            "[1234567]",
            "\\item[3] x",
            "[3\n]",
        ] {
            assert!(scan(text, text, &HashSet::new()).tags.is_empty(), "{text}");
        }
    }

    #[test]
    fn reference_link_labels_are_not_tags() {
        let labels = HashSet::from(["1".to_string(), "12".to_string()]);
        let text = "[code][1] [Code] [ 1 ] [8][12] [see [x]][1] `a`[1] [2][9]";
        let masked = text.replace('`', " ");
        let found: Vec<&str> = scan(text, &masked, &labels)
            .tags
            .iter()
            .map(|t| &text[t.span.clone()])
            .collect();
        assert_eq!(found, ["[ 1 ]", "[8]", "[12]", "[1]", "[2]", "[9]"]);
    }

    #[test]
    fn spans_and_problems() {
        let text = "x [5-3] y [2, 10]";
        let s = scan(text, text, &HashSet::new());
        assert_eq!(s.tags[0].span, 2..7);
        assert!(s.tags[0].problem.as_deref().unwrap().contains("`5-3`"));
        assert!(s.tags[0].numbers().is_empty());
        let spans: Vec<&str> = s.tags[1]
            .items
            .iter()
            .map(|i| &text[i.span.clone()])
            .collect();
        assert_eq!(spans, ["2", "10"]);
    }

    #[test]
    fn key_citations() {
        let text =
            "a [@wang2024; @{wu:22}] b [@x.y] [see @k, p. 3] [@a;] [@{wang2023+}, @{a;b}] [@{}]";
        let s = scan(text, text, &HashSet::new());
        let keys: Vec<Vec<&str>> = s
            .cites
            .iter()
            .map(|c| c.keys.iter().map(|(k, _)| k.as_str()).collect())
            .collect();
        assert_eq!(
            keys,
            [
                vec!["wang2024", "wu:22"],
                vec!["x.y"],
                vec!["wang2023+", "a;b"]
            ]
        );
        assert_eq!(&text[s.cites[0].keys[1].1.clone()], "@{wu:22}");
        assert_eq!(&text[s.cites[2].keys[1].1.clone()], "@{a;b}");
        assert_eq!(s.malformed_cites.len(), 2);
        assert_eq!(&text[s.malformed_cites[0].clone()], "[@a;]");
    }
}
