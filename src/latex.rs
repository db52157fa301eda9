//! LaTeX text to plain Unicode: accents (`{\"u}` → ü), special letters
//! (`\ss`, `\o`), escaped characters (`\&`), dashes and quotes, text commands
//! (`\emph{x}` → x) and case-protecting braces.
//!
//! Math (`$...$`) is kept verbatim: there is no faithful plain-text form of
//! it, and formatters that emit LaTeX pass it through untouched.

use std::borrow::Cow;

use unicode_normalization::UnicodeNormalization;

/// Converts LaTeX `text` to Unicode and collapses runs of whitespace.
/// Returns the input unchanged (borrowed) when there is nothing to convert.
///
/// In printable ASCII without a backslash, only what is not a letter or
/// digit changes (braces go, `~`, dashes and quotes change, whitespace
/// collapses; math stays as written): `check` hashes such titles as
/// written and relies on this (its `title_facts` proptest holds it).
///
/// ```
/// assert_eq!(publist::latex::to_unicode(r#"M{\"u}ller and {\AA}ngstr\"om"#), "Müller and Ångström");
/// assert_eq!(publist::latex::to_unicode("{NeurIPS} 2023 --- Part~1"), "NeurIPS 2023 — Part 1");
/// ```
pub fn to_unicode(text: &str) -> Cow<'_, str> {
    if !needs_work(text) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    convert(text, &mut out, 0);
    // Most converted text is already collapsed: skip the second copy then.
    let collapsed = if is_collapsed(&out) {
        out
    } else {
        collapse_whitespace(&out)
    };
    Cow::Owned(if needs_nfc(&collapsed) {
        collapsed.nfc().collect()
    } else {
        collapsed
    })
}

fn needs_work(text: &str) -> bool {
    let bytes = text.as_bytes();
    if bytes.first().is_some_and(|b| b.is_ascii_whitespace())
        || bytes.last().is_some_and(|b| b.is_ascii_whitespace())
    {
        return true;
    }
    // One table lookup per byte: most values (titles, names) need nothing.
    let mut prev = 0u8;
    for &b in bytes {
        match BYTE_CLASS[usize::from(b)] {
            PLAIN => {}
            SPECIAL => return true,
            _ if prev == b => return true, // a doubled `-`, `` ` ``, `'` or space
            _ => {}
        }
        prev = b;
    }
    false
}

const PLAIN: u8 = 0;
/// `\`, braces, `~`, control characters (C0, DEL, and C1, which starts
/// with 0xC2 in UTF-8): always work.
const SPECIAL: u8 = 1;
/// `-`, `` ` ``, `'` and space: work when doubled (dashes, quotes, spaces).
const DOUBLED: u8 = 2;

/// The class of every byte for [`needs_work`].
static BYTE_CLASS: [u8; 256] = {
    let mut table = [PLAIN; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = SPECIAL;
        b += 1;
    }
    table[0x7f] = SPECIAL;
    table[0xc2] = SPECIAL;
    table[b'\\' as usize] = SPECIAL;
    table[b'{' as usize] = SPECIAL;
    table[b'}' as usize] = SPECIAL;
    table[b'~' as usize] = SPECIAL;
    table[b'-' as usize] = DOUBLED;
    table[b'`' as usize] = DOUBLED;
    table[b'\'' as usize] = DOUBLED;
    table[b' ' as usize] = DOUBLED;
    table
};

/// Whether `text` holds a combining diacritic (U+0300–U+036F), read off
/// the UTF-8 bytes: CC 80–BF is U+0300–U+033F, CD 80–AF is U+0340–U+036F.
fn needs_nfc(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr2_iter(0xcc, 0xcd, bytes)
        .any(|i| bytes[i] == 0xcc || bytes.get(i + 1).is_some_and(|&next| next <= 0xaf))
}

/// Whether [`collapse_whitespace`] would return `text` unchanged: no
/// whitespace at the ends, and only single spaces inside.
fn is_collapsed(text: &str) -> bool {
    if text.is_ascii() {
        // Whitespace and control characters in ASCII are the bytes up to
        // the space, and DEL.
        let bytes = text.as_bytes();
        return bytes.first().is_none_or(|&b| b > b' ' && b != 0x7f)
            && bytes.last().is_none_or(|&b| b > b' ' && b != 0x7f)
            && !bytes.windows(2).any(|w| w[0] == b' ' && w[1] == b' ')
            && !bytes.iter().any(|&b| b < b' ' || b == 0x7f);
    }
    let mut after_space = true; // a space at the start is not collapsed
    for c in text.chars() {
        if (c.is_whitespace() && c != '\u{a0}') || c.is_control() {
            if c != ' ' || after_space {
                return false;
            }
            after_space = true;
        } else {
            after_space = false;
        }
    }
    !after_space || text.is_empty()
}

/// Collapses whitespace runs to one space and trims the ends. Control
/// characters count as whitespace: a NUL or an escape sequence in a `.bib`
/// file must not reach a terminal.
pub fn collapse_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split(|c: char| (c.is_whitespace() && c != '\u{a0}') || c.is_control()) {
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// The combining mark for an accent command, e.g. `"` → U+0308.
fn accent_mark(cmd: &str) -> Option<char> {
    Some(match cmd {
        "`" => '\u{300}',
        "'" => '\u{301}',
        "^" => '\u{302}',
        "~" => '\u{303}',
        "=" => '\u{304}',
        "u" => '\u{306}',
        "." => '\u{307}',
        "\"" => '\u{308}',
        "r" => '\u{30a}',
        "H" => '\u{30b}',
        "v" => '\u{30c}',
        "d" => '\u{323}',
        "c" => '\u{327}',
        "k" => '\u{328}',
        "b" => '\u{331}',
        "t" => '\u{361}',
        _ => return None,
    })
}

/// Commands that stand for a character or a short string.
fn symbol(cmd: &str) -> Option<&'static str> {
    Some(match cmd {
        "i" => "ı",
        "j" => "ȷ",
        "o" => "ø",
        "O" => "Ø",
        "l" => "ł",
        "L" => "Ł",
        "ss" => "ß",
        "SS" => "SS",
        "ae" => "æ",
        "AE" => "Æ",
        "oe" => "œ",
        "OE" => "Œ",
        "aa" => "å",
        "AA" => "Å",
        "dh" => "ð",
        "DH" => "Ð",
        "th" => "þ",
        "TH" => "Þ",
        "ng" => "ŋ",
        "NG" => "Ŋ",
        "dj" => "đ",
        "DJ" => "Đ",
        "&" => "&",
        "%" => "%",
        "$" => "$",
        "#" => "#",
        "_" => "_",
        "{" => "{",
        "}" => "}",
        " " | "," | ";" | ":" | "quad" | "qquad" | "space" | "\\" | "newline" | "par" => " ",
        "-" | "/" | "relax" | "protect" | "noindent" | "unskip" | "xspace" | "@" => "",
        "textendash" => "–",
        "textemdash" => "—",
        "textquoteleft" => "‘",
        "textquoteright" => "’",
        "textquotedblleft" => "“",
        "textquotedblright" => "”",
        "textasciitilde" => "~",
        "textasciicircum" => "^",
        "textbackslash" => "\\",
        "textbar" => "|",
        "textless" => "<",
        "textgreater" => ">",
        "textbullet" => "•",
        "textdagger" | "dag" | "dagger" => "†",
        "textdaggerdbl" | "ddag" => "‡",
        "textsection" | "S" => "§",
        "textparagraph" | "P" => "¶",
        "copyright" | "textcopyright" => "©",
        "textregistered" => "®",
        "texttrademark" => "™",
        "pounds" | "textsterling" => "£",
        "euro" | "texteuro" => "€",
        "textdegree" => "°",
        "ldots" | "dots" | "textellipsis" => "…",
        "guillemotleft" | "guillemetleft" => "«",
        "guillemotright" | "guillemetright" => "»",
        "LaTeX" => "LaTeX",
        "LaTeXe" => "LaTeX2e",
        "TeX" => "TeX",
        "BibTeX" => "BibTeX",
        "XeTeX" => "XeTeX",
        "LuaTeX" => "LuaTeX",
        "ConTeXt" => "ConTeXt",
        "AmS" => "AMS",
        "METAFONT" => "METAFONT",
        "MF" => "METAFONT",
        "MP" => "MetaPost",
        "slash" => "/",
        "ast" | "textasteriskcentered" => "*",
        _ => return None,
    })
}

/// Commands whose argument is dropped (sorting keys, hyphenation hints).
fn drops_argument(cmd: &str) -> bool {
    matches!(
        cmd,
        "noopsort"
            | "sortnoop"
            | "SortNoop"
            | "noop"
            | "hyphenation"
            | "nocite"
            | "label"
            | "index"
    )
}

/// How deeply accent arguments may nest before the rest is copied as is;
/// `\"{\"{\"{...}}}` a hundred thousand deep must not overflow the stack.
const MAX_ACCENT_NESTING: usize = 16;

/// Converts `text` into `out`. Braces are counted, not recursed into; only an
/// accent's argument recurses, and that at most [`MAX_ACCENT_NESTING`] deep.
fn convert(text: &str, out: &mut String, level: usize) {
    if level > MAX_ACCENT_NESTING {
        out.extend(text.chars().filter(|c| !matches!(c, '{' | '}' | '\\')));
        return;
    }
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut skip_depth: Option<usize> = None; // inside a dropped argument
    let mut depth = 0usize;
    while i < bytes.len() {
        let b = bytes[i];
        if let Some(d) = skip_depth {
            match b {
                b'{' => depth += 1,
                b'}' => {
                    depth = depth.saturating_sub(1);
                    if depth < d {
                        skip_depth = None;
                    }
                }
                b'\\' => i += 1,
                _ => {}
            }
            i += 1;
            continue;
        }
        match b {
            b'{' => {
                depth += 1;
                i += 1;
            }
            b'}' => {
                depth = depth.saturating_sub(1);
                i += 1;
            }
            b'$' => {
                // Math stays as written, `$` included.
                let end = text[i + 1..]
                    .find('$')
                    .map_or(text.len(), |e| i + 1 + e + 1);
                out.push_str(&text[i..end]);
                i = end;
            }
            b'~' => {
                out.push(' ');
                i += 1;
            }
            b'-' if text[i..].starts_with("---") => {
                out.push('—');
                i += 3;
            }
            b'-' if text[i..].starts_with("--") => {
                out.push('–');
                i += 2;
            }
            b'`' if text[i..].starts_with("``") => {
                out.push('“');
                i += 2;
            }
            b'\'' if text[i..].starts_with("''") => {
                out.push('”');
                i += 2;
            }
            b'\\' => {
                let (cmd, after) = command_at(text, i);
                i = after;
                if let Some(mark) = accent_mark(cmd) {
                    let (base, next) = accent_argument(text, i);
                    i = next;
                    let base = match base {
                        Some(b) => b,
                        None => continue,
                    };
                    let mut tmp = String::new();
                    convert(base, &mut tmp, level + 1);
                    let mut chars = tmp.chars().peekable();
                    if let Some(first) = chars.next() {
                        // Dotless i and j take accents as i and j do.
                        out.push(match first {
                            'ı' => 'i',
                            'ȷ' => 'j',
                            c => c,
                        });
                        // The inner accents come first: `\~{\^{e}}` is ê
                        // with a tilde (ễ), not ẽ with a circumflex.
                        while let Some(inner) = chars.next_if(|c| is_combining(*c)) {
                            out.push(inner);
                        }
                        out.push(mark);
                        out.extend(chars);
                    }
                } else if let Some(sym) = symbol(cmd) {
                    out.push_str(sym);
                    // `\ss{}` and `\i{}`: an empty group after a symbol.
                    if text[i..].starts_with("{}") {
                        i += 2;
                    } else if cmd.bytes().all(|b| b.is_ascii_alphabetic())
                        && bytes.get(i) == Some(&b' ')
                        && sym.chars().count() == 1
                        && sym.chars().all(char::is_alphabetic)
                    {
                        // `\ss x` ends the control word; its space is not text.
                        i += 1;
                    }
                } else if drops_argument(cmd) {
                    let mut j = i;
                    while j < bytes.len() && bytes[j] == b' ' {
                        j += 1;
                    }
                    if bytes.get(j) == Some(&b'{') {
                        depth += 1;
                        skip_depth = Some(depth);
                        i = j + 1;
                    }
                } else {
                    // Unknown or formatting command (`\emph`, `\textbf`,
                    // `\url`): drop the name, keep its argument's text.
                    if cmd.bytes().all(|b| b.is_ascii_alphabetic()) {
                        while i < bytes.len() && bytes[i] == b' ' {
                            i += 1;
                        }
                    }
                }
            }
            _ => {
                // Plain text up to the next byte an arm above may take, in
                // one copy (those bytes are ASCII: the cut is a char boundary).
                let run = bytes[i + 1..]
                    .iter()
                    .position(|&b| CONVERT_STOPS[usize::from(b)])
                    .map_or(bytes.len(), |n| i + 1 + n);
                let end = (i + utf8_len(b)).max(run).min(text.len());
                out.push_str(&text[i..end]);
                i = end;
            }
        }
    }
}

/// The bytes [`convert`] reads as markup: `{ } $ ~ \\`, and `-`, `` ` `` and
/// `'` (dashes and quotes when doubled).
static CONVERT_STOPS: [bool; 256] = {
    let mut table = [false; 256];
    let stops = b"{}$~\\-`'";
    let mut k = 0;
    while k < stops.len() {
        table[stops[k] as usize] = true;
        k += 1;
    }
    table
};

fn utf8_len(first: u8) -> usize {
    match first {
        0x00..=0x7f => 1,
        0xc0..=0xdf => 2,
        0xe0..=0xef => 3,
        _ => 4,
    }
}

/// Whether `c` is a combining diacritic (U+0300–U+036F), the marks
/// [`accent_mark`] makes.
fn is_combining(c: char) -> bool {
    ('\u{300}'..='\u{36f}').contains(&c)
}

/// The command name at the `\` at `at` (letters, or one other character) and
/// the position after it.
fn command_at(text: &str, at: usize) -> (&str, usize) {
    let bytes = text.as_bytes();
    let start = at + 1;
    let mut end = start;
    while end < bytes.len() && bytes[end].is_ascii_alphabetic() {
        end += 1;
    }
    if end == start {
        // A control symbol: one character (maybe multi-byte).
        if let Some(c) = text[start.min(text.len())..].chars().next() {
            end = start + c.len_utf8();
        }
    }
    (
        &text[start.min(text.len())..end.min(text.len())],
        end.min(text.len()),
    )
}

/// The argument of an accent command at `at`: `{x}`, `{\i}`, `\i` or a single
/// character, skipping spaces after a letter command.
fn accent_argument(text: &str, mut at: usize) -> (Option<&str>, usize) {
    let bytes = text.as_bytes();
    while at < bytes.len() && bytes[at] == b' ' {
        at += 1;
    }
    match bytes.get(at) {
        None => (None, at),
        Some(b'{') => {
            let mut depth = 0;
            for (j, &b) in bytes[at..].iter().enumerate() {
                match b {
                    b'{' => depth += 1,
                    b'}' => {
                        depth -= 1;
                        if depth == 0 {
                            return (Some(&text[at + 1..at + j]), at + j + 1);
                        }
                    }
                    _ => {}
                }
            }
            (Some(&text[at + 1..]), text.len())
        }
        Some(b'\\') => {
            let (cmd, end) = command_at(text, at);
            // `D\'\i az`: the space ends the control word `\i`, as in TeX.
            let mut next = end;
            if !cmd.is_empty() && cmd.bytes().all(|b| b.is_ascii_alphabetic()) {
                while bytes.get(next) == Some(&b' ') {
                    next += 1;
                }
            }
            (Some(&text[at..end]), next)
        }
        Some(_) => {
            let c = text[at..].chars().next().map_or(1, char::len_utf8);
            (Some(&text[at..at + c]), at + c)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{collapse_whitespace, is_collapsed, needs_nfc, needs_work, to_unicode};

    /// [`needs_work`] as it was written before its byte table.
    fn needs_work_by_match(text: &str) -> bool {
        let bytes = text.as_bytes();
        if bytes.first().is_some_and(|b| b.is_ascii_whitespace())
            || bytes.last().is_some_and(|b| b.is_ascii_whitespace())
        {
            return true;
        }
        let mut prev = 0u8;
        for &b in bytes {
            match b {
                b'\\' | b'{' | b'}' | b'~' => return true,
                0x00..=0x1f | 0x7f | 0xc2 => return true,
                b'-' | b'`' | b'\'' | b' ' if prev == b => return true,
                _ => {}
            }
            prev = b;
        }
        false
    }

    proptest::proptest! {
        #[test]
        fn collapsed_check_agrees_with_collapsing(text in "[ \t\n\u{a0}\u{2003}ab\u{300}\u{36f}\u{370}é]{0,12}") {
            proptest::prop_assert_eq!(is_collapsed(&text), collapse_whitespace(&text) == text);
        }

        #[test]
        fn ascii_collapsed_check_agrees_with_collapsing(text in "[ \t\n\r\x00\x1f\x7fab.]{0,12}") {
            proptest::prop_assert_eq!(is_collapsed(&text), collapse_whitespace(&text) == text);
        }

        #[test]
        fn byte_table_agrees_with_the_match(text in "[ -~\t\n\x00\x7f\u{80}\u{a0}é\u{2014}]{0,16}") {
            proptest::prop_assert_eq!(needs_work(&text), needs_work_by_match(&text));
        }

        #[test]
        fn nfc_check_finds_exactly_the_combining_marks(text in "[a\u{2ff}-\u{371}é\u{3300}]{0,8}") {
            let expected = text.chars().any(|c| ('\u{300}'..='\u{36f}').contains(&c));
            proptest::prop_assert_eq!(needs_nfc(&text), expected);
        }
    }

    #[test]
    fn conversions() {
        let cases = [
            (r#"M{\"u}ller"#, "Müller"),
            (r#"M\"uller"#, "Müller"),
            (r#"{\'E}mile Pi{\~n}a"#, "Émile Piña"),
            (r"Erd\H{o}s and {\v{S}}koda", "Erdős and Škoda"),
            (r"\c{c}a va {\ss} \o{} \AA", "ça va ß ø Å"),
            (r"{\i}ntel d\'{\i}a", "ıntel día"),
            (r"R\&D: 50\% of \$5 \_x", "R&D: 50% of $5 _x"),
            (r"\emph{Deep} \textbf{Learning}", "Deep Learning"),
            ("1--39 and a---b", "1–39 and a—b"),
            ("``quoted''", "“quoted”"),
            ("Case {P}rotected {NeurIPS}", "Case Protected NeurIPS"),
            ("Weijie~J. Su", "Weijie J. Su"),
            ("  many\n   spaces\there ", "many spaces here"),
            (r"{\noopsort{1973b}}1973", "1973"),
            (r"Title with $x^2$ math", "Title with $x^2$ math"),
            (r"\LaTeX{} and \TeX", "LaTeX and TeX"),
            ("plain", "plain"),
            ("unclosed {brace", "unclosed brace"),
            (r"trailing \", "trailing"),
            (r#"\"{}"#, ""),
            (
                "nul\0byte \u{1b}[2Jclear \u{85}next",
                "nul byte [2Jclear next",
            ),
            ("only\0a NUL", "only a NUL"),
            (r"D\'\i az and Garc\'{\i} a", "Díaz and Garcí a"),
            (
                r"Nguy{\~{\^{e}}}n Qu{\'{\^{o}}}c",
                "Nguy\u{1ec5}n Qu\u{1ed1}c",
            ),
            (r"Pe\~{n}a Ord\'o\~nez Jo\~ao", "Peña Ordóñez João"),
        ];
        for (input, expected) in cases {
            assert_eq!(to_unicode(input), expected, "{input}");
        }
    }
}
