//! Hand-written scanners for the few patterns the normalizer looks for in
//! every entry: words at word boundaries (ASCII case ignored), arXiv ids and
//! award phrases.
//!
//! They replace regular expressions whose compilation alone took several
//! milliseconds per run, most of what `publist list` costs on a small
//! library. Word characters are those of `\w`: letters, digits and `_`.

use std::ops::Range;

/// A word character, as `\w` counts them.
pub(crate) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn boundary_before(text: &str, at: usize) -> bool {
    !text[..at].chars().next_back().is_some_and(is_word_char)
}

fn boundary_after(text: &str, at: usize) -> bool {
    !text[at..].chars().next().is_some_and(is_word_char)
}

/// Whether `text` starts, at byte `at`, with `prefix` (ASCII, any case).
fn starts_ci(text: &str, at: usize, prefix: &str) -> bool {
    text.as_bytes()
        .get(at..at + prefix.len())
        .is_some_and(|b| b.eq_ignore_ascii_case(prefix.as_bytes()))
}

/// Byte offsets where a word starts with a byte `first` accepts, which
/// must be an ASCII word character (`[A-Za-z0-9_]`): every pattern here
/// opens with one, so the text is walked a byte at a time, not decoded.
fn word_starts_with<'t>(
    text: &'t str,
    first: impl Fn(u8) -> bool + 't,
) -> impl Iterator<Item = usize> + 't {
    text.bytes()
        .enumerate()
        .filter(move |&(i, b)| first(b) && boundary_before(text, i))
        .map(|(i, _)| i)
}

/// Whether some word in `words` opens with `b`, ignoring ASCII case.
fn opens_one_of(words: &[&str], b: u8) -> bool {
    let b = b.to_ascii_lowercase();
    words.iter().any(|w| w.as_bytes().first() == Some(&b))
}

/// The first place one of `words` (lower-case ASCII, each opening with a
/// word character) stands in `text` as a whole word, ignoring ASCII case;
/// at one place the longest word wins.
pub(crate) fn find_word(text: &str, words: &[&str]) -> Option<Range<usize>> {
    let at = |i: usize| {
        words
            .iter()
            .filter(|w| starts_ci(text, i, w) && boundary_after(text, i + w.len()))
            .map(|w| i..i + w.len())
            .max_by_key(|r| r.len())
    };
    // Words that all open with one letter ("workshop", "workshops"): the
    // text is searched for that letter alone (venue parsing asks this of
    // every distinct venue string).
    if let Some(&first) = words.first().and_then(|w| w.as_bytes().first())
        && first.is_ascii_alphabetic()
        && words.iter().all(|w| w.as_bytes().first() == Some(&first))
    {
        let (lower, upper) = (first.to_ascii_lowercase(), first.to_ascii_uppercase());
        return memchr::memchr2_iter(lower, upper, text.as_bytes())
            .filter(|&i| boundary_before(text, i))
            .find_map(at);
    }
    let first = |b: u8| (b.is_ascii_alphanumeric() || b == b'_') && opens_one_of(words, b);
    word_starts_with(text, first).find_map(at)
}

/// Whether `text` says "arxiv" or "abs/" anywhere or "corr" as a word,
/// ignoring ASCII case: [`contains_ci`] and [`find_word`] in two passes
/// that jump between rare bytes, the `x` or `/` in the middle of the first
/// two and the `c` of the third (`normalize` asks this of a dozen fields
/// of every entry).
pub(crate) fn mentions_arxiv_or_corr(text: &str) -> bool {
    let bytes = text.as_bytes();
    let around = |i: usize, before: usize, word: &[u8]| {
        i.checked_sub(before)
            .and_then(|start| bytes.get(start..start + word.len()))
            .is_some_and(|w| w.eq_ignore_ascii_case(word))
    };
    let arxiv_or_abs = memchr::memchr3_iter(b'x', b'X', b'/', bytes).any(|i| {
        if bytes[i] == b'/' {
            around(i, 3, b"abs/")
        } else {
            around(i, 2, b"arxiv")
        }
    });
    arxiv_or_abs
        || memchr::memchr2_iter(b'c', b'C', bytes).any(|i| {
            starts_ci(text, i, "corr") && boundary_before(text, i) && boundary_after(text, i + 4)
        })
}

/// Whether `needle` (lower-case ASCII) occurs in `text`, ignoring ASCII case:
/// compared only where its first letter stands (venue parsing asks this
/// of every distinct venue string).
pub(crate) fn contains_ci(text: &str, needle: &str) -> bool {
    let (hay, n) = (text.as_bytes(), needle.as_bytes());
    let Some(&first) = n.first() else {
        return true;
    };
    let Some(last_start) = hay.len().checked_sub(n.len()) else {
        return false;
    };
    let (lower, upper) = (first.to_ascii_lowercase(), first.to_ascii_uppercase());
    memchr::memchr2_iter(lower, upper, &hay[..=last_start])
        .any(|i| hay[i..i + n.len()].eq_ignore_ascii_case(n))
}

/// Length of the run of ASCII digits at `at`.
fn digits_at(bytes: &[u8], at: usize) -> usize {
    bytes[at.min(bytes.len())..]
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .count()
}

/// An optional `v2` version at `at` followed by a word boundary: the end of
/// the match, or None when no boundary follows either way.
fn version_end(text: &str, at: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    if bytes.get(at) == Some(&b'v') {
        let n = digits_at(bytes, at + 1);
        if n > 0 && boundary_after(text, at + 1 + n) {
            return Some(at + 1 + n);
        }
    }
    boundary_after(text, at).then_some(at)
}

/// The first new-style arXiv id (`2401.01234`, with an optional `v2`) at
/// word boundaries: (id, version).
pub(crate) fn find_new_arxiv(text: &str) -> Option<(&str, &str)> {
    let bytes = text.as_bytes();
    word_starts_with(text, |b| b.is_ascii_digit()).find_map(|i| {
        if digits_at(bytes, i) != 4 || bytes.get(i + 4) != Some(&b'.') {
            return None;
        }
        let n = digits_at(bytes, i + 5);
        if !(4..=5).contains(&n) {
            return None;
        }
        let id_end = i + 5 + n;
        let end = version_end(text, id_end)?;
        Some((&text[i..id_end], &text[id_end..end]))
    })
}

/// The first old-style arXiv id (`math/0601001`, `math.AG/0601001`,
/// `hep-th/9901001v2`): (id, version).
pub(crate) fn find_old_arxiv(text: &str) -> Option<(&str, &str)> {
    let bytes = text.as_bytes();
    for (slash, _) in text.match_indices('/') {
        if digits_at(bytes, slash + 1) != 7 {
            continue;
        }
        let id_end = slash + 8;
        let Some(end) = version_end(text, id_end) else {
            continue;
        };
        // Before the slash: an optional `.AG`, then `[a-z][a-z-]+`.
        let mut archive_end = slash;
        if slash >= 3
            && bytes[slash - 3] == b'.'
            && bytes[slash - 2].is_ascii_uppercase()
            && bytes[slash - 1].is_ascii_uppercase()
        {
            archive_end = slash - 3;
        }
        let run_start = bytes[..archive_end]
            .iter()
            .rposition(|b| !(b.is_ascii_lowercase() || *b == b'-'))
            .map_or(0, |p| p + 1);
        // A physics subject class is lower case (`cond-mat.str-el/0601234`):
        // the run is then the class, and the archive comes before its dot.
        if archive_end == slash && run_start >= 3 && bytes[run_start - 1] == b'.' {
            let dot = run_start - 1;
            let archive = bytes[..dot]
                .iter()
                .rposition(|b| !(b.is_ascii_lowercase() || *b == b'-'))
                .map_or(0, |p| p + 1);
            if dot - archive >= 2
                && bytes[archive].is_ascii_lowercase()
                && slash - run_start >= 2
                && boundary_before(text, archive)
            {
                return Some((&text[archive..id_end], &text[id_end..end]));
            }
        }
        // The leftmost start at a word boundary, on a letter, two or more long.
        let start = (run_start..archive_end).find(|&s| {
            bytes[s].is_ascii_lowercase() && archive_end - s >= 2 && boundary_before(text, s)
        });
        if let Some(start) = start {
            return Some((&text[start..id_end], &text[id_end..end]));
        }
    }
    None
}

/// Award phrases that open a word, as people write them in notes.
const AWARD_WORDS: &[&str] = &[
    "spotlight",
    "oral",
    "award",
    "honorable mention",
    "honourable mention",
    "distinguished paper",
];

/// Whether `text` mentions an award: "Spotlight", "Oral", "Best (Student)
/// Paper", "Outstanding Paper", "Honorable Mention", "... Award".
pub(crate) fn mentions_award(text: &str) -> bool {
    const BEFORE_PAPER: &[&str] = &["best ", "outstanding "];
    let first = |b: u8| opens_one_of(AWARD_WORDS, b) || opens_one_of(BEFORE_PAPER, b);
    word_starts_with(text, first).any(|i| {
        AWARD_WORDS.iter().any(|w| starts_ci(text, i, w))
            || BEFORE_PAPER
                .iter()
                .any(|w| starts_ci(text, i, w) && paper_follows(text, i + w.len()))
    })
}

/// "paper" at `at`, or one word, a space and "paper".
fn paper_follows(text: &str, at: usize) -> bool {
    if starts_ci(text, at, "paper") {
        return true;
    }
    let word = text[at..]
        .chars()
        .take_while(|&c| is_word_char(c))
        .map(char::len_utf8)
        .sum::<usize>();
    word > 0 && text[at + word..].starts_with(' ') && starts_ci(text, at + word + 1, "paper")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Where a word starts, character by character: the reference the
    /// byte-wise [`word_starts_with`] is held to.
    fn word_starts(text: &str) -> impl Iterator<Item = usize> + '_ {
        text.char_indices()
            .filter(move |&(i, c)| is_word_char(c) && boundary_before(text, i))
            .map(|(i, _)| i)
    }

    proptest::proptest! {
        #[test]
        fn word_scans_agree_with_decoding_every_character(
            text in "(workshop|Workshops|WORKSHOP|spotlight|Oral|award|Best Paper|best student paper|Outstanding paper|honorable mention|2401.01234|v2|é|ß|_|[ a-zA-Z0-9/:.é_-]){0,12}"
        ) {
            let words = ["workshop", "workshops"];
            let slow_word = word_starts(&text).find_map(|i| {
                words
                    .iter()
                    .filter(|w| starts_ci(&text, i, w) && boundary_after(&text, i + w.len()))
                    .map(|w| i..i + w.len())
                    .max_by_key(|r| r.len())
            });
            proptest::prop_assert_eq!(find_word(&text, &words), slow_word);
            let digits: Vec<usize> = word_starts(&text)
                .filter(|&i| text.as_bytes()[i].is_ascii_digit())
                .collect();
            let fast: Vec<usize> = word_starts_with(&text, |b| b.is_ascii_digit()).collect();
            proptest::prop_assert_eq!(fast, digits);
            let slow_award = word_starts(&text).any(|i| {
                AWARD_WORDS.iter().any(|w| starts_ci(&text, i, w))
                    || ["best ", "outstanding "]
                        .iter()
                        .any(|w| starts_ci(&text, i, w) && paper_follows(&text, i + w.len()))
            });
            proptest::prop_assert_eq!(mentions_award(&text), slow_award);
        }

        #[test]
        fn contains_ci_agrees_with_comparing_every_window(
            text in "(at|AT|At|track|Track|conference proceedings|Conference Proceedings|c|é|[ a-zA-Z@&]){0,10}",
            needle in "(at|track|conference proceedings|c|é|s)"
        ) {
            let slow = text
                .as_bytes()
                .windows(needle.len())
                .any(|w| w.eq_ignore_ascii_case(needle.as_bytes()));
            proptest::prop_assert_eq!(contains_ci(&text, &needle), slow);
        }

        #[test]
        fn one_pass_arxiv_mention_agrees_with_the_three_scans(
            text in "(arxiv|ArXiv|ARXIV|arxi|abs/|ABS/|abs|Abs|a|corr|CoRR|Corr|cor|c|corrected|xcorr|_corr|é|[ a-z/:.0-9]){0,12}"
        ) {
            let slow = contains_ci(&text, "arxiv")
                || contains_ci(&text, "abs/")
                || find_word(&text, &["corr"]).is_some();
            proptest::prop_assert_eq!(mentions_arxiv_or_corr(&text), slow);
        }
    }

    #[test]
    fn words_at_boundaries() {
        assert_eq!(
            find_word("NeurIPS 2023 Workshops on X", &["workshop", "workshops"]),
            Some(13..22)
        );
        assert_eq!(
            find_word("Workshop", &["workshop", "workshops"]),
            Some(0..8)
        );
        assert_eq!(
            find_word("Preworkshop day", &["workshop", "workshops"]),
            None
        );
        assert_eq!(find_word("a CoRR b", &["corr"]), Some(2..6));
        assert!(contains_ci("see ArXiv.org", "arxiv"));
    }

    #[test]
    fn arxiv_ids() {
        assert_eq!(
            find_new_arxiv("arXiv:2401.01234v2 x"),
            Some(("2401.01234", "v2"))
        );
        assert_eq!(find_new_arxiv("abs/2310.00692"), Some(("2310.00692", "")));
        assert_eq!(find_new_arxiv("12401.01234"), None);
        assert_eq!(find_new_arxiv("2401.012345"), None);
        assert_eq!(find_new_arxiv("2401.01234v2x"), None);
        assert_eq!(find_new_arxiv("1\u{662}34.56789"), None);
        assert_eq!(
            find_old_arxiv("https://arxiv.org/abs/math/0601001v2"),
            Some(("math/0601001", "v2"))
        );
        assert_eq!(
            find_old_arxiv("math.AG/0601001"),
            Some(("math.AG/0601001", ""))
        );
        assert_eq!(
            find_old_arxiv("hep-th/9901001"),
            Some(("hep-th/9901001", ""))
        );
        assert_eq!(find_old_arxiv("Xhep-th/9901001"), Some(("th/9901001", "")));
        assert_eq!(find_old_arxiv("math/06010012"), None);
    }

    #[test]
    fn awards() {
        for yes in [
            "Spotlight (Top 3.5%)",
            "Best Paper Award",
            "best student paper",
            "Oral",
            "Outstanding Paper",
            "Honourable Mention",
        ] {
            assert!(mentions_award(yes), "{yes}");
        }
        for no in ["Moral philosophy", "Code at github", "bestseller papers"] {
            assert!(!mentions_award(no), "{no}");
        }
    }
}
