//! Folding venue text into lookup keys, and reading the years a venue
//! string states.
//!
//! A key is the venue's significant words, lower case, each reduced to a
//! stem shared by its full and abbreviated spellings ("Journal"/"J." → `j`,
//! "Statistics"/"Statist."/"Stat." → `stat`), so DBLP, ISO 4 and MathSciNet
//! spellings of one name fold alike. Noise ("Proceedings of the", IEEE,
//! volume), numbers, ordinals and years are dropped.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::LazyLock;

/// Words that never tell venues apart.
const NOISE_WORDS: &[&str] = &[
    "the", "of", "in", "on", "for", "and", "a", "an", "at", "annual", "annu", "volume", "vol",
    "ieee", "acm", "cvf", "pmlr", "lncs", "part", "usa",
];

/// Full and abbreviated spellings (ISO 4, MathSciNet, DBLP) → one stem.
const STEMS: &[(&str, &[&str])] = &[
    ("acad", &["academy"]),
    ("adv", &["advances", "advance"]),
    ("am", &["american", "amer"]),
    ("anal", &["analysis"]),
    ("ann", &["annals"]),
    ("appl", &["applied", "applications", "application"]),
    ("approx", &["approximation"]),
    ("artif", &["artificial"]),
    ("assoc", &["association"]),
    ("commun", &["communications", "communication"]),
    (
        "comput",
        &[
            "computational",
            "computation",
            "computing",
            "computer",
            "computers",
        ],
    ),
    ("conf", &["conference", "conferences"]),
    ("constr", &["constructive"]),
    ("discov", &["discovery"]),
    ("electron", &["electronic"]),
    ("empir", &["empirical"]),
    ("eng", &["engineering"]),
    ("eur", &["european", "euro"]),
    ("found", &["foundations", "foundation"]),
    ("graph", &["graphics", "graphs"]),
    ("harmon", &["harmonic"]),
    ("inf", &["information", "inform"]),
    ("int", &["international", "internat", "intl"]),
    ("intell", &["intelligence", "intelligent"]),
    ("j", &["journal", "jour"]),
    ("knowl", &["knowledge"]),
    ("lang", &["language", "languages"]),
    ("learn", &["learning"]),
    ("linguist", &["linguistics"]),
    ("mach", &["machine", "machines"]),
    ("math", &["mathematical", "mathematics", "maths"]),
    ("meet", &["meeting"]),
    ("method", &["methods", "meth"]),
    ("methodol", &["methodology", "methodological"]),
    ("nat", &["nature", "natural"]),
    ("natl", &["national"]),
    ("netw", &["networks", "network"]),
    ("numer", &["numerical"]),
    ("oper", &["operations"]),
    (
        "optim",
        &["optimization", "optimisation", "optimiz", "optimizat"],
    ),
    ("probab", &["probability"]),
    ("process", &["processing"]),
    ("program", &["programming"]),
    ("r", &["royal", "roy"]),
    ("recognit", &["recognition"]),
    ("represent", &["representations", "representation"]),
    ("res", &["research"]),
    ("rev", &["review"]),
    ("sci", &["science", "sciences", "scientific"]),
    ("ser", &["series"]),
    ("soc", &["society"]),
    ("stat", &["statistics", "statistical", "statist", "stats"]),
    ("symp", &["symposium"]),
    ("syst", &["systems", "system"]),
    ("trans", &["transactions", "transaction"]),
    ("vis", &["vision"]),
    ("workshop", &["workshops", "wkshp", "wksp"]),
];

/// What a lower-case word is to folding.
#[derive(Clone, Copy)]
enum Word {
    /// Dropped: noise words and ordinals in words.
    Noise,
    /// Replaced by this stem.
    Stem(&'static str),
}

/// Word → its role, built once (looked up for every word folded).
static WORDS: LazyLock<FastMap<&'static str, Word>> = LazyLock::new(|| {
    let mut map = HashMap::default();
    for (stem, words) in STEMS {
        for word in *words {
            map.insert(*word, Word::Stem(stem));
        }
    }
    let ordinals = ORDINAL_WORDS.iter().chain(TENS_WORDS).map(|(w, _)| w);
    for word in NOISE_WORDS.iter().chain(ordinals) {
        map.insert(*word, Word::Noise);
    }
    map
});

/// A hash map for lookups on every word, key and piece: FxHash (rustc's
/// hasher) reads a key a word at a time, where the default SipHash spends
/// more on a short key than the lookup itself.
pub(crate) type FastMap<K, V> = HashMap<K, V, rustc_hash::FxBuildHasher>;

/// Every full word the stem table knows, for typo-tolerant suggestions.
pub(super) fn stem_table_words() -> impl Iterator<Item = (&'static str, &'static str)> {
    STEMS
        .iter()
        .flat_map(|(stem, words)| words.iter().map(move |w| (*w, *stem)))
}

const ORDINAL_WORDS: &[(&str, i32)] = &[
    ("first", 1),
    ("second", 2),
    ("third", 3),
    ("fourth", 4),
    ("fifth", 5),
    ("sixth", 6),
    ("seventh", 7),
    ("eighth", 8),
    ("ninth", 9),
    ("tenth", 10),
    ("eleventh", 11),
    ("twelfth", 12),
    ("thirteenth", 13),
    ("fourteenth", 14),
    ("fifteenth", 15),
    ("sixteenth", 16),
    ("seventeenth", 17),
    ("eighteenth", 18),
    ("nineteenth", 19),
    ("twentieth", 20),
    ("thirtieth", 30),
    ("fortieth", 40),
    ("fiftieth", 50),
    ("sixtieth", 60),
    ("seventieth", 70),
    ("eightieth", 80),
    ("ninetieth", 90),
];

const TENS_WORDS: &[(&str, i32)] = &[
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
    ("sixty", 60),
    ("seventy", 70),
    ("eighty", 80),
    ("ninety", 90),
];

/// Whether `t` (lower case) is a year such as "2023".
pub(super) fn is_year_token(t: &str) -> bool {
    t.len() == 4 && t.bytes().all(|b| b.is_ascii_digit()) && matches!(&t[..2], "19" | "20")
}

/// Whether `t` (lower case) is an ordinal: "36th", "thirty", "eighth".
pub(super) fn is_ordinal_token(t: &str) -> bool {
    ordinal_digits(t).is_some()
        || ORDINAL_WORDS.iter().any(|(w, _)| *w == t)
        || TENS_WORDS.iter().any(|(w, _)| *w == t)
}

/// "36th" → 36.
fn ordinal_digits(t: &str) -> Option<i32> {
    let digits = t.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &t[digits.len()..];
    if !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && matches!(suffix, "st" | "nd" | "rd" | "th")
    {
        digits.parse().ok()
    } else {
        None
    }
}

/// The words of `text` (runs of letters and digits), with a year glued to
/// letters split off ("ICML2023" → "ICML", "2023").
fn tokens(text: &str) -> Tokens<'_> {
    Tokens {
        rest: text,
        pending: None,
    }
}

/// The iterator of [`tokens`].
struct Tokens<'t> {
    rest: &'t str,
    /// A year split off the last word, returned next.
    pending: Option<&'t str>,
}

impl<'t> Iterator for Tokens<'t> {
    type Item = &'t str;

    fn next(&mut self) -> Option<&'t str> {
        if let Some(year) = self.pending.take() {
            return Some(year);
        }
        let start = self.rest.find(char::is_alphanumeric)?;
        let rest = &self.rest[start..];
        let end = rest
            .find(|c: char| !c.is_alphanumeric())
            .unwrap_or(rest.len());
        let (token, tail) = rest.split_at(end);
        self.rest = tail;
        let cut = token.len().saturating_sub(4);
        if token.len() > 4
            && token.is_char_boundary(cut)
            && is_year_token(&token[cut..])
            && token[..cut].chars().all(char::is_alphabetic)
        {
            self.pending = Some(&token[cut..]);
            return Some(&token[..cut]);
        }
        Some(token)
    }
}

/// `word` in lower case, into `buf`.
fn lower_into(buf: &mut String, word: &str) {
    buf.clear();
    if word.is_ascii() {
        buf.push_str(word);
        buf.make_ascii_lowercase();
    } else {
        buf.extend(word.chars().flat_map(char::to_lowercase));
    }
}

/// The lower-case words of `text` (see [`tokens`]).
pub(super) fn raw_words(text: &str) -> impl Iterator<Item = String> {
    let text = join_elisions(text);
    tokens(&text)
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .into_iter()
}

/// "Int'l" → "Intl": an apostrophe between letters joins them (one before
/// digits, "NeurIPS'23", still separates).
fn join_elisions(text: &str) -> Cow<'_, str> {
    if !text.contains(['\'', '’']) {
        return Cow::Borrowed(text);
    }
    let chars: Vec<char> = text.chars().collect();
    let joined = chars
        .iter()
        .enumerate()
        .filter(|&(i, c)| {
            !(matches!(c, '\'' | '’')
                && i > 0
                && chars[i - 1].is_alphabetic()
                && chars.get(i + 1).is_some_and(|n| n.is_alphabetic()))
        })
        .map(|(_, c)| *c)
        .collect();
    Cow::Owned(joined)
}

/// The stem of one lower-case word, or `None` for noise, numbers and ordinals.
pub(super) fn stem(word: &str) -> Option<&str> {
    match WORDS.get(word) {
        Some(Word::Noise) => None,
        Some(Word::Stem(s)) => Some(s),
        None if word.bytes().all(|b| b.is_ascii_digit()) || ordinal_digits(word).is_some() => None,
        None => Some(word),
    }
}

/// "Proceedings" is noise where it opens the name ("Proceedings of the
/// ...", "Proc. ICML") but not inside one ("Operations Research Proceedings").
const PROCEEDINGS: &[&str] = &["proceedings", "proceeding", "proc", "procs"];

/// Whether `word` (lower case) is "proceedings" or its abbreviation.
pub(super) fn is_proceedings(word: &str) -> bool {
    PROCEEDINGS.contains(&word)
}

/// Folds a venue string into its lookup key: the stems of its significant
/// words, joined by spaces.
///
/// ```
/// use publist::normalize::venue::fold_venue;
/// let full = fold_venue("Proceedings of the 36th International Conference on Machine Learning");
/// assert_eq!(full, "int conf mach learn");
/// assert_eq!(fold_venue("Proc. Int. Conf. Mach. Learn."), full);
/// assert_eq!(fold_venue("{NeurIPS} 2023"), "neurips");
/// assert_eq!(fold_venue("J. Mach. Learn. Res."), fold_venue("Journal of Machine Learning Research"));
/// ```
pub fn fold_venue(text: &str) -> String {
    let text = join_elisions(text);
    let mut out = String::with_capacity(text.len());
    let mut lower = String::new();
    let mut words = tokens(&text).peekable();
    while let Some(word) = words.next() {
        lower_into(&mut lower, word);
        if is_proceedings(&lower)
            && (out.is_empty() || words.peek().is_some_and(|n| n.eq_ignore_ascii_case("of")))
        {
            continue;
        }
        // "Robotics: Science and Systems XIX": an edition in Roman numerals.
        if !out.is_empty() && words.peek().is_none() && is_roman_edition(word) {
            continue;
        }
        if let Some(s) = stem(&lower) {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(s);
        }
    }
    out
}

/// Whether `word` is an edition written as capital Roman numerals, II to
/// XCIX ("XIX"); one letter ("I", "C") may be a name's.
fn is_roman_edition(word: &str) -> bool {
    word.len() >= 2 && word.bytes().all(|b| b"IVXLC".contains(&b)) && roman_value(word).is_some()
}

/// The value of a Roman numeral below 100 written canonically ("XIX" →
/// 19), else `None` ("IIII", "VX").
fn roman_value(word: &str) -> Option<u32> {
    const TENS: [&str; 10] = ["", "X", "XX", "XXX", "XL", "L", "LX", "LXX", "LXXX", "XC"];
    const UNITS: [&str; 10] = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"];
    let (tens, rest) = (1..10)
        .rev()
        .find_map(|t| word.strip_prefix(TENS[t]).map(|r| (t, r)))
        .unwrap_or((0, word));
    let units = (0..10).rev().find(|&u| UNITS[u] == rest)?;
    u32::try_from(tens * 10 + units).ok().filter(|&n| n > 0)
}

/// The first plausible year (1950–2099) written in `text`, or a two-digit
/// one after an apostrophe that follows a word ("NeurIPS'23").
///
/// ```
/// use publist::normalize::venue::stated_year;
/// assert_eq!(stated_year("ICML2023"), Some(2023));
/// assert_eq!(stated_year("NeurIPS'23"), Some(2023));
/// assert_eq!(stated_year("Advances in Neural Information Processing Systems 36"), None);
/// ```
pub fn stated_year(text: &str) -> Option<i32> {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        let digits = &text[start..i];
        let glued_after = bytes.get(i).is_some_and(u8::is_ascii_alphanumeric);
        if digits.len() == 4 && !glued_after {
            if let Ok(y) = digits.parse::<i32>()
                && (1950..=2099).contains(&y)
            {
                return Some(y);
            }
        } else if digits.len() == 2 && !glued_after && after_apostrophe(text, start) {
            return digits.parse::<i32>().ok().map(two_digit_year);
        }
    }
    None
}

/// "23" → 2023, "98" → 1998.
pub(super) fn two_digit_year(y: i32) -> i32 {
    if y >= 50 { 1900 + y } else { 2000 + y }
}

/// Whether the digits at `start` follow "word'" or "word '".
fn after_apostrophe(text: &str, start: usize) -> bool {
    let before = text[..start].trim_end_matches(['\'', '’', '`']);
    before.len() < start
        && text[..start]
            .chars()
            .next_back()
            .is_some_and(|c| matches!(c, '\'' | '’' | '`'))
        && before
            .trim_end()
            .chars()
            .next_back()
            .is_some_and(char::is_alphabetic)
}

/// The edition an ordinal states: "36th" → 36, "Thirty-Eighth" → 38,
/// "Twelfth" → 12. Reads the first ordinal of `text`.
pub(super) fn edition(text: &str) -> Option<i32> {
    let mut words = tokens(text).peekable();
    let mut lower = String::new();
    let ordinal_word = |w: &str| ORDINAL_WORDS.iter().find(|(o, _)| *o == w).map(|(_, n)| *n);
    while let Some(word) = words.next() {
        lower_into(&mut lower, word);
        if let Some(n) = ordinal_digits(&lower).or_else(|| ordinal_word(&lower)) {
            return Some(n);
        }
        if let Some(&(_, tens)) = TENS_WORDS.iter().find(|(w, _)| *w == lower) {
            let unit = words
                .peek()
                .and_then(|u| ordinal_word(&u.to_lowercase()))
                .filter(|n| *n < 10)
                .unwrap_or(0);
            return Some(tens + unit);
        }
    }
    None
}

/// The first proceedings volume number (one or two digits standing alone):
/// "Advances in Neural Information Processing Systems 36" → 36.
pub(super) fn volume_number(text: &str) -> Option<i32> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|t| (1..=2).contains(&t.len()) && t.bytes().all(|b| b.is_ascii_digit()))
        .find_map(|t| t.parse().ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roman_editions_at_the_end_are_dropped() {
        assert_eq!(
            fold_venue("Robotics: Science and Systems XIX"),
            fold_venue("Robotics: Science and Systems")
        );
        assert_eq!(roman_value("XIX"), Some(19));
        assert_eq!(roman_value("XLIV"), Some(44));
        for not_roman in ["IIII", "VX", "IC", ""] {
            assert_eq!(roman_value(not_roman), None, "{not_roman}");
        }
        // A numeral alone, or one letter, is a name.
        assert_eq!(fold_venue("IV"), "iv");
        assert_eq!(fold_venue("Journal of Physics C"), "j physics c");
    }

    #[test]
    fn iso4_and_full_names_fold_alike() {
        for (a, b) in [
            (
                "IEEE Trans. Pattern Anal. Mach. Intell.",
                "IEEE Transactions on Pattern Analysis and Machine Intelligence",
            ),
            ("Ann. Statist.", "The Annals of Statistics"),
            ("Ann. Stat.", "Annals of Statistics"),
            (
                "J. R. Stat. Soc. Ser. B Stat. Methodol.",
                "Journal of the Royal Statistical Society: Series B (Statistical Methodology)",
            ),
            ("SIAM J. Optim.", "SIAM Journal on Optimization"),
            ("Math. Program.", "Mathematical Programming"),
            (
                "Int. J. Comput. Vis.",
                "International Journal of Computer Vision",
            ),
            ("ICML2023", "ICML"),
        ] {
            assert_eq!(fold_venue(a), fold_venue(b), "{a} / {b}");
        }
    }

    #[test]
    fn ordinals_in_words_and_digits() {
        assert_eq!(edition("Thirty-Eighth Annual Conference"), Some(38));
        assert_eq!(edition("The Thirty Sixth Annual Conference"), Some(36));
        assert_eq!(edition("Proceedings of the 40th International"), Some(40));
        assert_eq!(edition("The Twelfth International Conference"), Some(12));
        assert_eq!(edition("Conference on Learning Theory"), None);
        assert_eq!(fold_venue("Proc. of the IEEE"), "");
        assert_eq!(
            fold_venue("Operations Research Proceedings"),
            "oper res proceedings"
        );
        assert_eq!(
            fold_venue("Thirty-Eighth Annual Conference on Neural Information Processing Systems"),
            "conf neural inf process syst"
        );
    }

    #[test]
    fn years_stated_in_text() {
        assert_eq!(stated_year("NeurIPS 2023, New Orleans"), Some(2023));
        assert_eq!(stated_year("ICML '24"), Some(2024));
        assert_eq!(stated_year("NIPS'98"), Some(1998));
        assert_eq!(stated_year("pages 1999--2005"), Some(1999));
        assert_eq!(stated_year("Volume 12345"), None);
        assert_eq!(stated_year("Systems 36"), None);
        assert_eq!(volume_number("Systems 36: Annual"), Some(36));
    }
}
