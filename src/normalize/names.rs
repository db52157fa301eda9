//! Person names: BibTeX's name grammar, equal-contribution markers written
//! into names, and deciding when two spellings are one person.
//!
//! BibTeX rules: `First von Last`, `von Last, First` and
//! `von Last, Jr, First`; words in braces are one word (`{Google DeepMind}`);
//! `von` words start lower case. Parts are split on the raw LaTeX and only
//! then turned into Unicode, so `{\"U}nal` stays one capitalised word.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;

use crate::latex::to_unicode;

/// A parsed name, in Unicode.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Name {
    /// Given names ("Weijie J.").
    pub given: String,
    /// Particles ("van der").
    pub von: String,
    /// Family name ("Su").
    pub family: String,
    /// Suffix ("Jr.").
    pub jr: String,
}

impl Name {
    /// The name as people read it: "Given von Family, Jr".
    pub fn display(&self) -> String {
        // One allocation: this runs for every author of every entry.
        let parts = [&self.given, &self.von, &self.family, &self.jr];
        let mut out = String::with_capacity(parts.iter().map(|p| p.len() + 2).sum());
        for part in [&self.given, &self.von, &self.family] {
            if !part.is_empty() {
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(part);
            }
        }
        if !self.jr.is_empty() {
            out.push_str(", ");
            out.push_str(&self.jr);
        }
        out
    }

    /// The family part with its particles ("van der Berg").
    pub fn full_family(&self) -> String {
        if self.von.is_empty() {
            self.family.clone()
        } else {
            format!("{} {}", self.von, self.family)
        }
    }

    /// The identity used to tell whether two spellings are one person.
    pub fn identity(&self) -> Identity {
        Identity::of(&self.given, &self.full_family())
    }
}

/// A folded form of a name: family name plus given-name tokens, lower case,
/// without diacritics. "Lei Wu", "Wu, Lei" and "L. Wu" fold compatibly.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Identity {
    /// Folded family name.
    pub family: String,
    /// Folded given-name tokens ("weijie", "j").
    pub given: Vec<String>,
}

impl Identity {
    /// The identity of a person with these given and family names.
    pub fn of(given: &str, family: &str) -> Identity {
        Identity {
            family: fold(family),
            given: given_tokens(given),
        }
    }

    /// `self.matches(&Identity::of(given, family))`, but the given names
    /// are folded only when the family names agree: the loader and
    /// `--author` ask this of every author of every entry.
    pub fn matches_names(&self, given: &str, family: &str) -> bool {
        folds_to(family, &self.family) && self.given_agrees(&given_tokens(given))
    }

    /// Whether the two may name the same person: same family name, and
    /// given names that agree where both are written, an initial agreeing
    /// with any name it abbreviates.
    pub fn matches(&self, other: &Identity) -> bool {
        self.family == other.family && self.given_agrees(&other.given)
    }

    fn given_agrees(&self, other: &[String]) -> bool {
        given_tokens_agree(
            self.given.iter().map(String::as_str),
            other.iter().map(String::as_str),
        )
    }

    /// The grouping key for "one coauthor written in different ways":
    /// family name and first initial.
    pub fn group_key(&self) -> (String, Option<char>) {
        (
            self.family.clone(),
            self.given.first().and_then(|g| g.chars().next()),
        )
    }
}

/// The identities a name typed by a person may mean (`--author`, `--me`,
/// `--highlight`, the owner line): BibTeX's reading, and when the name has
/// no comma, the whole name as one family name (a corporate author typed
/// without BibTeX's braces: "Google DeepMind"). A name typed all in lower
/// case ("lei wu", which BibTeX reads as a `von` part) also tries every
/// split of its words into given names and family name, except those that
/// end the given names with a particle ("nando de | freitas"): given names
/// are compared only as far as both are written, so such a split would
/// find "Freitas, N.".
pub fn query_identities(name: &str) -> Vec<Identity> {
    let mut out = vec![parse_name(name).identity()];
    if comma_parts(name).len() > 1 {
        return out;
    }
    let ws = words(name.trim());
    let lower_case = !name.chars().any(char::is_uppercase);
    for k in 0..ws.len() {
        let ends_with_particle = k > 0 && PARTICLES.contains(&ws[k - 1].text);
        if k > 0 && (!lower_case || ends_with_particle) {
            continue;
        }
        let id = Identity::of(&join(&ws[..k]), &join(&ws[k..]));
        if !out.contains(&id) {
            out.push(id);
        }
    }
    out
}

/// Words that begin a family name in many languages ("de Freitas", "van
/// der Berg"), which BibTeX knows by their lower case.
const PARTICLES: &[&str] = &[
    "al", "bin", "da", "das", "de", "del", "della", "den", "der", "des", "di", "do", "dos", "du",
    "el", "ibn", "la", "le", "st", "te", "ten", "ter", "van", "von", "y", "zu",
];

/// Folded given-name tokens ("Weijie J." → "weijie", "j").
fn given_tokens(given: &str) -> Vec<String> {
    if given.is_ascii() {
        // What folding then splitting makes of ASCII: the runs of letters
        // and digits, lower case (every other byte folds to a separator).
        return given
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|t| !t.is_empty())
            .map(str::to_ascii_lowercase)
            .collect();
    }
    fold(given)
        .split([' ', '-', '.'])
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Whether two lists of folded given-name tokens agree where both are
/// written, an initial agreeing with any name it abbreviates.
pub fn given_tokens_agree<'a, 'b>(
    a: impl Iterator<Item = &'a str>,
    b: impl Iterator<Item = &'b str>,
) -> bool {
    a.zip(b).all(|(a, b)| token_compatible(a, b))
}

fn token_compatible(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (short, long) = if a.chars().count() <= b.chars().count() {
        (a, b)
    } else {
        (b, a)
    };
    short.chars().count() == 1 && long.starts_with(short)
}

/// Lower case, diacritics removed, only letters, digits and spaces kept.
pub fn fold(text: &str) -> String {
    if !text.is_ascii() {
        return fold_unicode(text);
    }
    // The common case, byte by byte: NFD leaves ASCII as it is. Bytes, not
    // chars, so nothing is UTF-8-encoded one character at a time.
    let folded: Vec<u8> = text.bytes().map(fold_ascii).collect();
    trimmed(String::from_utf8(folded).unwrap_or_default())
}

/// [`fold`] of one ASCII byte.
fn fold_ascii(b: u8) -> u8 {
    match b {
        b if b.is_ascii_alphanumeric() => b.to_ascii_lowercase(),
        b'-' | b'.' => b,
        _ => b' ',
    }
}

/// `fold(text) == folded`, without building the folded text when `text`
/// is ASCII (trimming removes exactly the bytes that fold to spaces).
fn folds_to(text: &str, folded: &str) -> bool {
    if !text.is_ascii() {
        return fold_unicode(text) == folded;
    }
    let bytes = text.as_bytes();
    let Some(start) = bytes.iter().position(|&b| fold_ascii(b) != b' ') else {
        return folded.is_empty();
    };
    let end = bytes
        .iter()
        .rposition(|&b| fold_ascii(b) != b' ')
        .map_or(start, |e| e + 1);
    end - start == folded.len()
        && bytes[start..end]
            .iter()
            .map(|&b| fold_ascii(b))
            .eq(folded.bytes())
}

/// [`fold`] for any text: decomposed, so accents can be dropped.
fn fold_unicode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        fold_char_into(c, &mut out);
    }
    trimmed(out)
}

/// Appends what [`fold`] makes of one character: decomposed, accents
/// dropped, lower case; letters without a decomposition spelled out
/// (`ø` → o, `ß` → ss); anything else a space.
pub(crate) fn fold_char_into(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(fold_ascii(c as u8) as char);
        return;
    }
    unicode_normalization::char::decompose_canonical(c, |d| {
        if ('\u{300}'..='\u{36f}').contains(&d) {
            return;
        }
        match d {
            'ø' | 'Ø' => out.push('o'),
            'ł' | 'Ł' => out.push('l'),
            'ß' => out.push_str("ss"),
            'æ' | 'Æ' => out.push_str("ae"),
            'œ' | 'Œ' => out.push_str("oe"),
            'ı' => out.push('i'),
            d if d.is_alphanumeric() => out.extend(d.to_lowercase()),
            '-' | '.' => out.push(d),
            _ => out.push(' '),
        }
    });
}

/// `text` without leading and trailing whitespace, reusing its buffer.
fn trimmed(mut text: String) -> String {
    let end = text.trim_end().len();
    text.truncate(end);
    let start = text.len() - text.trim_start().len();
    text.drain(..start);
    text
}

/// Splits a raw `author`/`editor` value at ` and ` outside braces.
pub fn split_names(raw: &str) -> Vec<&str> {
    let bytes = raw.as_bytes();
    // Room for most author lists at once, not grown name by name.
    let mut names = Vec::with_capacity(8);
    let mut depth = 0usize;
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        // Most bytes are none of `{`, `}`, `a`, `A`: skipped by a lookup.
        if !SPLIT_BYTE[usize::from(bytes[i])] {
            i += 1;
            continue;
        }
        match bytes[i] {
            b'{' => depth += 1,
            b'}' => depth = depth.saturating_sub(1),
            _ if depth == 0 && i > start => {
                let before_space = bytes[i - 1].is_ascii_whitespace();
                let word = bytes
                    .get(i..i + 3)
                    .is_some_and(|w| w.eq_ignore_ascii_case(b"and"));
                let after_space = bytes.get(i + 3).is_some_and(u8::is_ascii_whitespace);
                if before_space && word && after_space {
                    names.push(raw[start..i].trim());
                    start = i + 3;
                    i += 3;
                    continue;
                }
            }
            _ => {}
        }
        i += 1;
    }
    names.push(raw[start..].trim());
    names.retain(|n| !n.is_empty());
    names
}

/// The bytes [`split_names`] looks at: braces and the `a` of ` and `.
static SPLIT_BYTE: [bool; 256] = {
    let mut table = [false; 256];
    table[b'{' as usize] = true;
    table[b'}' as usize] = true;
    table[b'a' as usize] = true;
    table[b'A' as usize] = true;
    table
};

/// LaTeX marks people type into names: superscripts (`$^{1,*}$`,
/// `\textsuperscript{*\dag}`), mark commands (`\dag`, `$\dagger$`,
/// `\equalcontrib`, `\footnotemark[1]`), braced marks (`{*}`). Names never
/// hold them otherwise, so they are recognized anywhere in a name, whole
/// (a comma inside a superscript is not a name's comma), with the spacing
/// (`\,`, `~`, `\ `) typed before them.
static LATEX_MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        (?P<space>(?:\s|~|\\[,;:!\x20]|\\(?:thinspace|enspace|quad)\b)*)
        (?:
          \$\s*(?:\{\}\s*)?\^\s*(?:\{(?:[^{}$]|\{[^{}$]*\})*\}|\\[a-zA-Z]+|[^\s{}$])\s*\$  # $^{1,*}$, $^\dagger$
        | \\textsuperscript\s*(?:\{(?:[^{}]|\{[^{}]*\})*\}|\\[a-zA-Z]+|[^\s{}])           # \textsuperscript{*\dag}
        | \$\s*(?:[*∗†]|\\(?:dagger|dag|ddagger|ddag|ast|star)\b)\s*\$               # $\dagger$, $*$
        | \{\s*(?:[*∗†‡⋆]|\\(?:dagger|dag|textdaggerdbl|textdagger|ddagger|ddag|ast|textasteriskcentered)\b)\s*\}
        | \\(?:dagger|dag|textdaggerdbl|textdagger|ddagger|ddag|textasteriskcentered)\b(?:\s*\{\})?
        | \\equalcontrib\b(?:\s*\{\})?
        | \\footnotemark\b(?:\s*\[[^\]]*\])?(?:\s*\{\})?
        )",
    )
    .expect("the marker pattern is a valid regex")
});

/// Whether a matched LaTeX mark means equal contribution: it holds a star
/// or a single dagger (`$^{1,*}$`, `\dag`, `\equalcontrib`); affiliation
/// numbers, `‡` and `\footnotemark` only leave the name.
fn means_equal(mark: &str) -> bool {
    if mark.contains(['*', '∗', '†', '⋆']) {
        return true;
    }
    let bytes = mark.as_bytes();
    memchr::memchr_iter(b'\\', bytes).any(|i| {
        let rest = &mark[i + 1..];
        let end = rest
            .bytes()
            .position(|b| !b.is_ascii_alphabetic())
            .unwrap_or(rest.len());
        matches!(
            &rest[..end],
            "ast"
                | "star"
                | "dagger"
                | "dag"
                | "textdagger"
                | "textasteriskcentered"
                | "equalcontrib"
        )
    })
}

/// Plain marks (`*`, `∗`, `†`) count only before or after a name or a
/// name part (`*Wang`, `Wang*`, `Wang*, Mingze`): inside a word they are
/// data, as in transcriptions like `Katic*ic!`.
fn is_plain_mark(c: char) -> bool {
    matches!(c, '*' | '∗' | '†')
}

/// The commands that start a LaTeX mark ([`LATEX_MARKER`]) outside math;
/// `dag` also starts `dagger`.
const MARK_COMMANDS: [&[u8]; 8] = [
    b"textsuperscript",
    b"ast",
    b"equalcontrib",
    b"footnotemark",
    b"dag",
    b"ddag",
    b"textdagger",
    b"textasteriskcentered",
];

/// Whether `raw` (a name or a whole author list) can hold a mark: every
/// form has a mark character, `$`, or one of [`MARK_COMMANDS`]. A cheap
/// test before splitting names.
pub fn may_hold_equal_marker(raw: &str) -> bool {
    let bytes = raw.as_bytes();
    memchr::memchr2(b'*', b'$', bytes).is_some()
        // ∗ † ‡ ⋆ all start with the byte 0xE2 in UTF-8: most accented
        // names have none, and are not searched for four characters.
        || (memchr::memchr(0xE2, bytes).is_some() && raw.contains(['∗', '†', '‡', '⋆']))
        || memchr::memchr_iter(b'\\', bytes).any(|i| {
            let rest = &bytes[i + 1..];
            MARK_COMMANDS.iter().any(|c| rest.starts_with(c))
        })
}

/// An author list with the equal-contribution marks typed into its names
/// removed: the clean list (names joined by " and ") and the 1-based numbers
/// of the marked authors. None when no name carries a mark.
///
/// ```
/// use publist::normalize::names::without_equal_marks;
/// assert_eq!(
///     without_equal_marks("Wang*, Mingze and Yu$^*$, Ruoxi and E, Weinan"),
///     Some(("Wang, Mingze and Yu, Ruoxi and E, Weinan".to_string(), vec![1, 2]))
/// );
/// assert_eq!(without_equal_marks("Wang, Mingze"), None);
/// ```
pub fn without_equal_marks(raw: &str) -> Option<(String, Vec<usize>)> {
    if !may_hold_equal_marker(raw) {
        return None;
    }
    let mut marked = Vec::new();
    let clean: Vec<String> = split_names(raw)
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let (c, equal) = strip_equal_marker(name);
            if equal {
                marked.push(i + 1);
            }
            c.into_owned()
        })
        .collect();
    (!marked.is_empty()).then(|| (clean.join(" and "), marked))
}

/// Removes marks from one raw name; returns the clean name and whether a
/// mark meant equal contribution. A mark that does not (`$^{2}$`,
/// `\footnotemark`) leaves the name too, with `false`.
pub fn strip_equal_marker(raw: &str) -> (Cow<'_, str>, bool) {
    if !may_hold_equal_marker(raw) {
        return (Cow::Borrowed(raw), false);
    }
    let mut found = false;
    let mut changed = false;
    let mut text: Cow<'_, str> = if raw.contains(['$', '\\', '{']) {
        strip_latex_marks(raw, &mut found, &mut changed)
    } else {
        Cow::Borrowed(raw)
    };
    if text.contains(is_plain_mark) {
        let parts: Vec<&str> = text.split(',').collect();
        let mut plain = false;
        let cleaned: Vec<String> = parts
            .iter()
            .map(|part| {
                let t = part.trim();
                let stripped = t
                    .trim_start_matches(is_plain_mark)
                    .trim_end_matches(is_plain_mark);
                if stripped.len() != t.len() {
                    plain = true;
                }
                let lead = &part[..part.len() - part.trim_start().len()];
                format!("{lead}{}", stripped.trim())
            })
            .collect();
        if plain {
            found = true;
            changed = true;
            text = Cow::Owned(cleaned.join(","));
        }
    }
    if changed {
        (Cow::Owned(text.trim().to_string()), found)
    } else {
        (Cow::Borrowed(raw), false)
    }
}

/// `raw` without its [`LATEX_MARKER`]s; sets `found` when one means equal
/// contribution and `changed` when any was removed. Spacing typed before a
/// mark goes with it, but still parts two words (`Weijie~$^*$Su`).
fn strip_latex_marks<'a>(raw: &'a str, found: &mut bool, changed: &mut bool) -> Cow<'a, str> {
    let stripped = LATEX_MARKER.replace_all(raw, |caps: &regex::Captures<'_>| {
        let whole = caps.get(0).map_or("", |m| m.as_str());
        let space = caps.name("space").map_or("", |m| m.as_str());
        *found |= means_equal(&whole[space.len()..]);
        let end = caps.get(0).map_or(raw.len(), |m| m.end());
        let next = raw[end..].chars().next();
        let parts_words = !space.is_empty() && next.is_some_and(|c| !c.is_whitespace() && c != ',');
        if parts_words { " " } else { "" }
    });
    if let Cow::Owned(_) = stripped {
        *changed = true;
    }
    stripped
}

/// A word of a name with whether it counts as lower case (a `von` word).
struct Word<'a> {
    text: &'a str,
    lower: bool,
}

/// Splits a name part into words at whitespace and `~` outside braces.
/// A command is part of its word: the `~` of the accent `\~` is no tie,
/// and the spaces TeX swallows after a control word or an accent
/// (`Erd\H os`, `D\'\i az`) part no words.
fn words(part: &str) -> Vec<Word<'_>> {
    let bytes = part.as_bytes();
    // A name has a few words: room for four at once.
    let mut out = Vec::with_capacity(4);
    let mut depth = 0usize;
    let mut start = None;
    let word = |text| Word {
        text,
        lower: is_lower_word(text),
    };
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if depth == 0 && (b.is_ascii_whitespace() || b == b'~') {
            if let Some(s) = start.take() {
                out.push(word(&part[s..i]));
            }
            i += 1;
            continue;
        }
        start.get_or_insert(i);
        match b {
            b'{' => depth += 1,
            b'}' => depth = depth.saturating_sub(1),
            b'\\' => {
                i = command_end(bytes, i);
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    if let Some(s) = start {
        out.push(word(&part[s..]));
    }
    out
}

/// Where the command at the `\` at `at` ends for [`words`]: after its
/// name, and after the spaces TeX swallows there (after a control word, or
/// an accent before its argument). A brace or a space after `\` is left
/// to be read as usual: BibTeX counts `\{` as a brace, and `\ ` is a space.
fn command_end(bytes: &[u8], at: usize) -> usize {
    let mut end = at + 1;
    while bytes.get(end).is_some_and(u8::is_ascii_alphabetic) {
        end += 1;
    }
    let swallows = match bytes.get(at + 1) {
        _ if end > at + 1 => true,
        Some(b) if b"'\"^`~=.".contains(b) => {
            end += 1;
            true
        }
        Some(&b) if b.is_ascii_graphic() && b != b'{' && b != b'}' => {
            end += 1;
            false
        }
        _ => false,
    };
    if swallows {
        while bytes.get(end).is_some_and(u8::is_ascii_whitespace) {
            end += 1;
        }
    }
    end
}

/// BibTeX's case test: the first letter at brace depth 0, or of a special
/// character `{\"u}`; a plain braced group `{van}` is caseless (not lower).
fn is_lower_word(word: &str) -> bool {
    let bytes = word.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'{' => {
                if bytes.get(i + 1) == Some(&b'\\') {
                    // Special character: the case of the letter it makes.
                    let converted = to_unicode(&word[i..]);
                    return converted
                        .chars()
                        .find(|c| c.is_alphabetic())
                        .is_some_and(char::is_lowercase);
                }
                return false;
            }
            b'\\' => {
                let converted = to_unicode(&word[i..]);
                return converted
                    .chars()
                    .find(|c| c.is_alphabetic())
                    .is_some_and(char::is_lowercase);
            }
            _ => {
                if let Some(c) = word[i..].chars().next() {
                    if c.is_alphabetic() {
                        return c.is_lowercase();
                    }
                    i += c.len_utf8();
                    continue;
                }
            }
        }
        i += 1;
    }
    false
}

fn join(words: &[Word<'_>]) -> String {
    if let [word] = words {
        return to_unicode(word.text).into_owned();
    }
    let mut raw = String::new();
    for (i, w) in words.iter().enumerate() {
        if i > 0 {
            raw.push(' ');
        }
        raw.push_str(w.text);
    }
    match to_unicode(&raw) {
        Cow::Borrowed(_) => raw,
        Cow::Owned(converted) => converted,
    }
}

/// Splits at commas outside braces.
fn comma_parts(raw: &str) -> Vec<&str> {
    // "von Last, Jr, First" has the most parts BibTeX reads: three.
    let mut parts = Vec::with_capacity(3);
    let mut depth = 0usize;
    let mut start = 0;
    for (i, b) in raw.bytes().enumerate() {
        match b {
            b'{' => depth += 1,
            b'}' => depth = depth.saturating_sub(1),
            b',' if depth == 0 => {
                parts.push(raw[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(raw[start..].trim());
    parts
}

/// Whether a name's last word is a generational suffix ("Jr.", "III").
fn is_suffix(word: &str) -> bool {
    const SUFFIXES: &[&str] = &["jr", "jr.", "sr", "sr.", "ii", "iii", "iv"];
    SUFFIXES.iter().any(|s| word.eq_ignore_ascii_case(s))
}

/// Parses one raw name (LaTeX, no equal-contribution marks) by BibTeX's rules.
pub fn parse_name(raw: &str) -> Name {
    let parts = comma_parts(raw);
    match parts.as_slice() {
        [single] => {
            let mut ws = words(single);
            if ws.is_empty() {
                return Name::default();
            }
            // "John Smith Jr." (as arXiv and Google Scholar write it): BibTeX
            // would make "Jr." the family name; it is the suffix.
            let jr = match ws.last() {
                Some(w) if ws.len() >= 3 && is_suffix(w.text) => {
                    let w = ws.pop().map_or("", |w| w.text);
                    to_unicode(w).into_owned()
                }
                _ => String::new(),
            };
            let last = ws.len() - 1;
            // von: from the first lower-case word (not the last word) to the
            // last lower-case word before the family name.
            let von_start = ws[..last].iter().position(|w| w.lower);
            match von_start {
                Some(vs) => {
                    let von_end = ws[..last]
                        .iter()
                        .rposition(|w| w.lower)
                        .map_or(vs, |e| e + 1);
                    Name {
                        given: join(&ws[..vs]),
                        von: join(&ws[vs..von_end]),
                        family: join(&ws[von_end..]),
                        jr,
                    }
                }
                None => Name {
                    given: join(&ws[..last]),
                    von: String::new(),
                    family: join(&ws[last..]),
                    jr,
                },
            }
        }
        [first, rest @ ..] => {
            let ws = words(first);
            let last = ws.len().saturating_sub(1);
            let von_end = ws[..last]
                .iter()
                .rposition(|w| w.lower)
                .map_or(0, |e| e + 1);
            let (jr, given) = match rest {
                [given] => ("", *given),
                [jr, given, ..] => (*jr, *given),
                [] => ("", ""),
            };
            Name {
                given: to_unicode(given).into_owned(),
                von: join(&ws[..von_end]),
                family: join(&ws[von_end..]),
                jr: to_unicode(jr).into_owned(),
            }
        }
        [] => Name::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`split_names`] as it was written first, byte by byte.
    fn split_names_reference(raw: &str) -> Vec<&str> {
        let bytes = raw.as_bytes();
        let mut names = Vec::new();
        let mut depth = 0usize;
        let mut start = 0;
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'{' => depth += 1,
                b'}' => depth = depth.saturating_sub(1),
                b'a' | b'A' if depth == 0 && i > start => {
                    let before_space = bytes[i - 1].is_ascii_whitespace();
                    let word = bytes
                        .get(i..i + 3)
                        .is_some_and(|w| w.eq_ignore_ascii_case(b"and"));
                    let after_space = bytes.get(i + 3).is_some_and(u8::is_ascii_whitespace);
                    if before_space && word && after_space {
                        names.push(raw[start..i].trim());
                        start = i + 3;
                        i += 3;
                        continue;
                    }
                }
                _ => {}
            }
            i += 1;
        }
        names.push(raw[start..].trim());
        names.retain(|n| !n.is_empty());
        names
    }

    #[test]
    fn a_suffix_written_last_is_the_suffix() {
        let name = parse_name("John Smith Jr.");
        assert_eq!(
            (name.given.as_str(), name.family.as_str(), name.jr.as_str()),
            ("John", "Smith", "Jr.")
        );
        let name = parse_name("Martin Luther King III");
        assert_eq!((name.family.as_str(), name.jr.as_str()), ("King", "III"));
        // Two words are a given and a family name, whatever they are.
        assert_eq!(parse_name("Smith Jr").family, "Jr");
        assert_eq!(parse_name("Smith, Jr., John").jr, "Jr.");
    }

    proptest::proptest! {
        #[test]
        fn names_split_as_byte_by_byte(raw in "( and | AND | aNd |\\{|\\}|x|Ab| |\\t|a|A|é|and|,){0,16}") {
            proptest::prop_assert_eq!(split_names(&raw), split_names_reference(&raw));
        }

        #[test]
        fn ascii_given_tokens_are_the_folded_ones(given in "[ -~]{0,30}") {
            let folded: Vec<String> = fold(&given)
                .split([' ', '-', '.'])
                .filter(|t| !t.is_empty())
                .map(str::to_owned)
                .collect();
            proptest::prop_assert_eq!(given_tokens(&given), folded);
        }
    }

    fn show(raw: &str) -> String {
        let n = parse_name(raw);
        format!("{}|{}|{}|{}", n.given, n.von, n.family, n.jr)
    }

    #[test]
    fn bibtex_name_forms() {
        assert_eq!(show("Mingze Wang"), "Mingze||Wang|");
        assert_eq!(show("Wang, Mingze"), "Mingze||Wang|");
        assert_eq!(show("Weinan E"), "Weinan||E|");
        assert_eq!(show("Weijie~J. Su"), "Weijie J.||Su|");
        assert_eq!(show("Ludwig van Beethoven"), "Ludwig|van|Beethoven|");
        assert_eq!(show("van der Berg, Jan"), "Jan|van der|Berg|");
        assert_eq!(show("King, Jr, Martin Luther"), "Martin Luther||King|Jr");
        assert_eq!(show("{Google DeepMind}"), "||Google DeepMind|");
        assert_eq!(show(r#"J{\"o}rg M{\"u}ller"#), "Jörg||Müller|");
        assert_eq!(show(r#"{\'E}mile {\"U}nal"#), "Émile||Ünal|");
        assert_eq!(
            show("Charles Louis Xavier Joseph de la Vall{\\'e}e Poussin"),
            "Charles Louis Xavier Joseph|de la|Vallée Poussin|"
        );
        assert_eq!(show(""), "|||");
    }

    #[test]
    fn accent_commands_stay_inside_their_word() {
        assert_eq!(show(r"Pe\~{n}a, Juan"), "Juan||Peña|");
        assert_eq!(show(r"Juan Pe\~{n}a"), "Juan||Peña|");
        assert_eq!(show(r"Vicente Ord\'o\~nez"), "Vicente||Ordóñez|");
        assert_eq!(show(r"Jo\~ao Silva"), "João||Silva|");
        assert_eq!(show(r"Jos\'e D\'\i az"), "José||Díaz|");
        assert_eq!(show(r"D\'\i az, Mar\'\i a"), "María||Díaz|");
        assert_eq!(show(r"Paul Erd\H os"), "Paul||Erdős|");
        assert_eq!(show(r"Paul Erd\H{o}s"), "Paul||Erdős|");
        assert_eq!(show(r"Umut {\c S}im{\c s}ek"), "Umut||Şimşek|");
        assert_eq!(show(r"Ren\' e Descartes"), "René||Descartes|");
        // A tie and a control space still part words; `\{` is still a brace.
        assert_eq!(show(r"Weijie~Su"), "Weijie||Su|");
        assert_eq!(show(r"Weijie\ Su"), "Weijie||Su|");
        for raw in ["trailing \\", "\\", "a\\~", "\\H", "x\\é y"] {
            parse_name(raw);
        }
    }

    #[test]
    fn splitting_at_and() {
        assert_eq!(
            split_names("A B and C D AND {E and F}"),
            ["A B", "C D", "{E and F}"]
        );
        assert_eq!(
            split_names("Anderson, Sandy and Alexander Band"),
            ["Anderson, Sandy", "Alexander Band"]
        );
        assert_eq!(split_names("  "), Vec::<&str>::new());
    }

    #[test]
    fn equal_markers_leave_the_name() {
        for raw in [
            "Mingze Wang*",
            "Mingze Wang$^*$",
            "Mingze Wang$^{*}$",
            r"Mingze Wang\textsuperscript{*}",
            r"Mingze Wang\equalcontrib",
            "*Mingze Wang",
            "Mingze Wang∗",
            "Mingze Wang†",
            "Wang*, Mingze",
        ] {
            let (clean, equal) = strip_equal_marker(raw);
            assert!(equal, "{raw}");
            assert_eq!(parse_name(&clean).display(), "Mingze Wang", "{raw}");
        }
        assert_eq!(
            strip_equal_marker(r#"J{\"o}rg"#),
            (Cow::Borrowed(r#"J{\"o}rg"#), false)
        );
    }

    #[test]
    fn superscripts_with_several_symbols_leave_the_name_whole() {
        for raw in [
            "Mingze Wang$^{1,*}$",
            "Mingze Wang$^{*,\\dagger}$",
            "Mingze Wang$^{*\\dagger}$",
            "Mingze Wang$^{*1}$",
            "Mingze Wang$^{**}$",
            "Mingze Wang$^{a, *}$",
            "Mingze Wang${}^{*}$",
            "Mingze Wang\\textsuperscript{1,*}",
            "Mingze Wang\\textsuperscript{*\\dag}",
            "Wang$^{1,*}$, Mingze",
            "Wang\\textsuperscript{1,*}, Mingze",
            "$^{1,*}$Mingze Wang",
        ] {
            let (clean, equal) = strip_equal_marker(raw);
            assert!(equal, "{raw}");
            assert_eq!(parse_name(&clean).display(), "Mingze Wang", "{raw}");
        }
        // Affiliations alone leave the name but do not mean equal.
        for raw in [
            "Weinan E$^{2}$",
            "Weinan E\\textsuperscript{2,3}",
            "Weinan E$^\\ddagger$",
        ] {
            let (clean, equal) = strip_equal_marker(raw);
            assert!(!equal, "{raw}");
            assert_eq!(clean, "Weinan E", "{raw}");
        }
        assert_eq!(
            without_equal_marks("Mingze Wang$^{1,*}$ and Lei Wu$^{1,*}$ and Weinan E$^{2}$"),
            Some((
                "Mingze Wang and Lei Wu and Weinan E".to_string(),
                vec![1, 2]
            ))
        );
    }

    #[test]
    fn dagger_commands_are_marks_like_the_dagger() {
        for raw in [
            "Wang\\dag, Mingze",
            "Wang{\\dag}, Mingze",
            "Wang\\dag{}, Mingze",
            "Wang\\textdagger, Mingze",
            "Wang$\\dagger$, Mingze",
            "Mingze Wang\\dagger",
            "Mingze Wang \\dag",
            "Mingze Wang{\\ast}",
        ] {
            let (clean, equal) = strip_equal_marker(raw);
            assert!(equal, "{raw}");
            assert_eq!(
                clean,
                if raw.starts_with("Wang") {
                    "Wang, Mingze"
                } else {
                    "Mingze Wang"
                },
                "{raw}"
            );
        }
        // A name's own math is not a mark.
        assert!(!strip_equal_marker("Mingze $\\alpha$ Wang").1);
    }

    #[test]
    fn footnote_marks_and_spacing_leave_the_name() {
        for (raw, equal) in [
            ("Mingze Wang\\footnotemark[1]", false),
            ("Mingze Wang\\footnotemark", false),
            ("Mingze Wang\\footnotemark{}", false),
            ("Mingze Wang\\,$^*$", true),
            ("Mingze Wang~$^*$", true),
            ("Mingze Wang\\ $^*$", true),
            ("Mingze Wang\\,\\textsuperscript{*}", true),
        ] {
            let (clean, marked) = strip_equal_marker(raw);
            assert_eq!(marked, equal, "{raw}");
            assert_eq!(clean, "Mingze Wang", "{raw}");
        }
        // Spacing before a mark inside a name still parts the words.
        let (clean, _) = strip_equal_marker("Weijie~$^*$Su");
        assert_eq!(parse_name(&clean).display(), "Weijie Su");
    }

    proptest::proptest! {
        #[test]
        fn ascii_fold_is_the_unicode_fold(text in "[\\t\\n\\r -~]{0,40}") {
            proptest::prop_assert_eq!(fold(&text), fold_unicode(&text));
        }

        #[test]
        fn folds_to_is_fold_then_compare(text in "[ a-cA-C.\\-,é]{0,8}", other in "[ a-c.\\-]{0,6}") {
            proptest::prop_assert_eq!(folds_to(&text, &other), fold(&text) == other);
            let folded = fold(&text);
            proptest::prop_assert!(folds_to(&text, &folded));
        }
    }

    #[test]
    fn one_person_however_written() {
        let id = |s: &str| parse_name(s).identity();
        assert!(id("Lei Wu").matches(&id("Wu, Lei")));
        assert!(id("L. Wu").matches(&id("Lei Wu")));
        assert!(id("Wu").matches(&id("Lei Wu")));
        assert!(id("Weijie Su").matches(&id("Weijie J. Su")));
        assert!(id(r#"J{\"o}rg M{\"u}ller"#).matches(&id("Jorg Muller")));
        assert!(!id("Lei Wu").matches(&id("Lin Wu")));
        assert!(!id("Lei Wu").matches(&id("Lei Wang")));
    }

    #[test]
    fn queries_match_however_typed() {
        let finds = |query: &str, name: &str| {
            let name = parse_name(name);
            query_identities(query)
                .iter()
                .any(|q| q.matches_names(&name.given, &name.full_family()))
        };
        for query in ["lei wu", "l. wu", "LEI WU", "wu, lei", "Lei Wu", "wu"] {
            assert!(finds(query, "Wu, Lei"), "{query}");
        }
        assert!(finds("jan van der berg", "van der Berg, Jan"));
        assert!(finds("Jan van der Berg", "van der Berg, Jan"));
        assert!(finds("Google DeepMind", "{Google DeepMind}"));
        assert!(finds("google deepmind", "{Google DeepMind}"));
        assert!(finds("Paul Erdős", r"Erd\H os, Paul"));
        assert!(finds("Umut Simsek", r"{\c S}im{\c s}ek, Umut"));
        assert!(!finds("lei wu", "Wu, Lin"));
        assert!(!finds("lei wu", "Wang, Lei"));
        assert!(!finds("wu, lei", "{Lei Wu}"));
        assert!(!finds("Google DeepMind", "{Google Research}"));
    }
}
