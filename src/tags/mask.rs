//! Hiding what is not prose: code, URLs, math, HTML, link targets and (in
//! LaTeX) comments, verbatim text and command names are blanked out so that
//! a `[3]` inside them is never read as a tag.
//!
//! A mask keeps every byte offset: a hidden character becomes as many spaces
//! as it had bytes (newlines stay), so positions found in the masked text
//! are positions in the original.

use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;

use super::Syntax;
use super::outline::{HEADING, RULE, columns, item_content_column};

/// The two masked views of a statement.
#[derive(Debug, Clone)]
pub struct Masked {
    /// Code, comments, verbatim, math, URLs and HTML hidden: what remains
    /// is prose plus markup, so structure (bullets, `\item`) is still visible.
    pub structure: String,
    /// Also LaTeX command names and their optional arguments hidden: the
    /// words a topic is matched with.
    pub prose: String,
    /// The labels of Markdown link reference definitions (`[1]: url`), as
    /// [`link_label`] normalizes them.
    pub link_labels: HashSet<String>,
}

/// Masks `text` written in `syntax`.
pub fn mask(text: &str, syntax: Syntax) -> Masked {
    let mut hidden = vec![false; text.len()];
    let mut link_labels = HashSet::new();
    if text.starts_with('\u{feff}') {
        hide(&mut hidden, 0, 3);
    }
    match syntax {
        Syntax::Markdown => mask_markdown(text, &mut hidden, &mut link_labels, true),
        Syntax::Text => mask_markdown(text, &mut hidden, &mut link_labels, false),
        Syntax::Latex => mask_latex_hard(text, &mut hidden),
    }
    hide_matches(text, &URL, &mut hidden);
    let structure = apply(text, &hidden);
    match syntax {
        Syntax::Latex => mask_latex_commands(text, &mut hidden),
        Syntax::Markdown | Syntax::Text => hide_matches(text, &FOOTNOTE, &mut hidden),
    }
    Masked {
        structure,
        prose: apply(text, &hidden),
        link_labels,
    }
}

/// `text` with every hidden byte's character replaced by spaces.
fn apply(text: &str, hidden: &[bool]) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        if hidden[i] && c != '\n' && c != '\r' {
            out.extend(std::iter::repeat_n(' ', c.len_utf8()));
        } else {
            out.push(c);
        }
    }
    out
}

fn hide(hidden: &mut [bool], start: usize, end: usize) {
    let end = end.min(hidden.len());
    if start < end {
        hidden[start..end].fill(true);
    }
}

fn hide_matches(text: &str, re: &Regex, hidden: &mut [bool]) {
    for m in re.find_iter(text) {
        hide(hidden, m.start(), m.end());
    }
}

/// Bare URLs and e-mail-like `user@host` strings.
static URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)\b(?:(?:https?|ftp)://|www\.)[^\s<>"'`]+"#).expect("valid regex")
});
static HTML: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?s)<!--.*?-->|</?[A-Za-z][^<>\n]*>|<(?:https?|mailto|ftp):[^<>\s]*>")
        .expect("valid regex")
});
static FENCE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^ {0,3}(`{3,}|~{3,})").expect("valid regex"));
static REFERENCE_DEFINITION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?m)^ {0,3}\[([^\]\n^][^\]\n]*)\]:[ \t]*\S.*$").expect("valid regex")
});
/// Footnote references and the `[^1]:` of their definitions: not words.
static FOOTNOTE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\[\^[^\]\s]+\]:?").expect("valid regex"));
static DISPLAY_MATH: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?s)\$\$.+?\$\$").expect("valid regex"));

/// Hides what Markdown does not show as prose; `indented_code` says whether
/// indented blocks are code (in Markdown, not in plain text).
fn mask_markdown(
    text: &str,
    hidden: &mut [bool],
    link_labels: &mut HashSet<String>,
    indented_code: bool,
) {
    mask_front_matter(text, hidden);
    mask_fences(text, hidden);
    hide_matches(text, &HTML, hidden);
    if indented_code {
        mask_indented_code(text, hidden);
    }
    mask_reference_definitions(text, hidden, link_labels);
    mask_code_spans(text, hidden);
    mask_link_targets(text, hidden);
    hide_matches(text, &DISPLAY_MATH, hidden);
    mask_inline_math(text, hidden);
}

/// Link reference definitions (`[1]: https://...`), outside code: hidden,
/// and their labels collected.
fn mask_reference_definitions(text: &str, hidden: &mut [bool], labels: &mut HashSet<String>) {
    for c in REFERENCE_DEFINITION.captures_iter(text) {
        let (Some(whole), Some(label)) = (c.get(0), c.get(1)) else {
            continue;
        };
        if hidden[label.start()] {
            continue;
        }
        labels.insert(link_label(label.as_str()));
        hide(hidden, whole.start(), whole.end());
    }
}

/// A link label as CommonMark matches it: case-folded, whitespace collapsed.
pub fn link_label(label: &str) -> String {
    label
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// A YAML metadata block (pandoc, Jekyll): a first line `---`, up to the
/// next line `---` or `...`. Its closing `---` is no heading underline.
fn mask_front_matter(text: &str, hidden: &mut [bool]) {
    let start = usize::from(text.starts_with('\u{feff}')) * 3;
    let mut lines = text[start..].split_inclusive('\n');
    if lines.next().map(str::trim_end) != Some("---") {
        return;
    }
    let mut end = start + 4;
    for line in lines {
        end += line.len();
        if matches!(line.trim_end(), "---" | "...") {
            hide(hidden, start, end);
            return;
        }
    }
}

/// Fenced code blocks: from a ``` or ~~~ line to the matching fence.
fn mask_fences(text: &str, hidden: &mut [bool]) {
    let mut open: Option<(String, usize)> = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let end = offset + line.len();
        let fence = FENCE.captures(line).map(|c| c[1].to_string());
        match (&open, fence) {
            (None, Some(f)) => open = Some((f, offset)),
            (Some((f, start)), Some(g)) if g.starts_with(&f[..1]) && g.len() >= f.len() => {
                hide(hidden, *start, end);
                open = None;
            }
            _ => {}
        }
        offset = end;
    }
    if let Some((_, start)) = open {
        hide(hidden, start, text.len());
    }
}

/// Indented code blocks, by CommonMark's rules: lines indented four
/// columns or more past the content of the list item they belong to (or
/// the margin), that do not continue a paragraph. Nested items and
/// continuation lines indented under their item stay text.
fn mask_indented_code(text: &str, hidden: &mut [bool]) {
    // Content columns of the open list items, innermost last.
    let mut items: Vec<usize> = Vec::new();
    let mut blank_before = true;
    let mut in_paragraph = false;
    let mut offset = 0;
    for raw_line in text.split_inclusive('\n') {
        let start = offset;
        offset += raw_line.len();
        let line = raw_line.trim_end_matches(['\n', '\r']);
        let trimmed = line.trim_start();
        if trimmed.trim_end().is_empty() {
            (blank_before, in_paragraph) = (true, false);
            continue;
        }
        let text_at = start + line.len() - trimmed.len();
        if hidden[text_at..start + line.len()].iter().all(|&h| h) {
            // A fenced block or HTML: it ends any paragraph.
            (blank_before, in_paragraph) = (false, false);
            continue;
        }
        let indent = columns(&line[..line.len() - trimmed.len()]);
        let continues = in_paragraph && !blank_before;
        let item = item_content_column(line);
        if !continues || item.is_some() {
            while items.last().is_some_and(|&c| c > indent) {
                items.pop();
            }
        }
        let base = items.last().copied().unwrap_or(0);
        if !continues && indent >= base + 4 {
            hide(hidden, text_at, start + line.len());
            in_paragraph = false;
        } else if let Some(content) = item {
            items.push(content);
            in_paragraph = true;
        } else {
            in_paragraph = !(HEADING.is_match(line) || RULE.is_match(line));
        }
        blank_before = false;
    }
}

/// Code spans: a run of backticks up to the next run of the same length,
/// within one paragraph.
fn mask_code_spans(text: &str, hidden: &mut [bool]) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'`' || hidden[i] {
            i += 1;
            continue;
        }
        let run = bytes[i..].iter().take_while(|&&b| b == b'`').count();
        let mut j = i + run;
        let mut close = None;
        while j < bytes.len() {
            if bytes[j..].starts_with(b"\n\n") || bytes[j..].starts_with(b"\n\r\n") {
                break;
            }
            if bytes[j] == b'`' {
                let other = bytes[j..].iter().take_while(|&&b| b == b'`').count();
                if other == run {
                    close = Some(j + other);
                    break;
                }
                j += other;
            } else {
                j += 1;
            }
        }
        match close {
            Some(end) => {
                hide(hidden, i, end);
                i = end;
            }
            None => i += run,
        }
    }
}

/// The `(url)` of `[text](url)` and `![alt](src)`.
fn mask_link_targets(text: &str, hidden: &mut [bool]) {
    let bytes = text.as_bytes();
    for i in 0..bytes.len().saturating_sub(1) {
        if bytes[i] != b']' || bytes[i + 1] != b'(' || hidden[i] {
            continue;
        }
        let mut depth = 0usize;
        for (j, &b) in bytes.iter().enumerate().skip(i + 1) {
            match b {
                b'(' => depth += 1,
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        hide(hidden, i + 1, j + 1);
                        break;
                    }
                }
                b'\n' => break,
                _ => {}
            }
        }
    }
}

/// Inline math longer than this is not looked for: it bounds the work on
/// a long line full of unmatched dollars.
const MAX_INLINE_MATH: usize = 2000;

/// `$...$` on one line, by pandoc's rule: no space inside either dollar,
/// and the closing one not followed by a digit ("$5 and $10" is not math).
fn mask_inline_math(text: &str, hidden: &mut [bool]) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let opens = bytes[i] == b'$'
            && !hidden[i]
            && (i == 0 || bytes[i - 1] != b'\\')
            && bytes.get(i + 1).is_some_and(|b| !b.is_ascii_whitespace());
        if !opens {
            i += 1;
            continue;
        }
        let close = (i + 2..bytes.len().min(i + MAX_INLINE_MATH))
            .take_while(|&j| bytes[j] != b'\n')
            .find(|&j| {
                bytes[j] == b'$'
                    && bytes[j - 1] != b'\\'
                    && !bytes[j - 1].is_ascii_whitespace()
                    && !bytes.get(j + 1).is_some_and(u8::is_ascii_digit)
            });
        match close {
            Some(j) => {
                hide(hidden, i, j + 1);
                i = j + 1;
            }
            None => i += 1,
        }
    }
}

static LATEX_HIDDEN_ENV: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\\begin\{(verbatim|lstlisting|minted|comment|equation|align|gather|multline|eqnarray|displaymath|math)(\*?)\}",
    )
    .expect("valid regex")
});
static LATEX_ARGUMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\\(?:url|href|cite[a-zA-Z]*|ref|eqref|label|input|include|includegraphics|nocite|bibliography|bibliographystyle|usepackage|documentclass)\*?(?:\[[^\]\n]*\])*\{[^}\n]*\}")
        .expect("valid regex")
});
/// The head of a macro or environment definition up to its argument count
/// and optional default: `\newcommand{\R}[1][x]`, `\newenvironment{t}[2]`.
static LATEX_DEFINITION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\\(?:(?:(?:re)?newcommand|providecommand|DeclareRobustCommand)\*?[ \t]*(?:\{[^}\n]*\}|\\(?:[A-Za-z@]+|.))|(?:re)?newenvironment\*?[ \t]*\{[^}\n]*\})(?:[ \t]*\[[^\]\n]*\]){1,2}",
    )
    .expect("valid regex")
});
static LATEX_COMMAND: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\\(?:[A-Za-z@]+\*?|.)").expect("valid regex"));

/// Comments, verbatim and math environments, `\verb`, math, the
/// arguments of commands that hold keys, paths or URLs, and the argument
/// counts of definitions (`\newcommand{\R}[1]` is no tag).
fn mask_latex_hard(text: &str, hidden: &mut [bool]) {
    mask_latex_comments(text, hidden);
    // The `regex` crate has no backreferences: check the pairing by hand.
    for c in LATEX_HIDDEN_ENV.captures_iter(text) {
        let Some(whole) = c.get(0) else { continue };
        if hidden[whole.start()] {
            continue;
        }
        let end_marker = format!("\\end{{{}{}}}", &c[1], &c[2]);
        let end = text[whole.end()..]
            .find(&end_marker)
            .map_or(text.len(), |e| whole.end() + e + end_marker.len());
        hide(hidden, whole.start(), end);
    }
    mask_verb(text, hidden);
    mask_latex_math(text, hidden);
    for re in [&*LATEX_ARGUMENT, &*LATEX_DEFINITION] {
        for m in re.find_iter(text) {
            if !hidden[m.start()] {
                hide(hidden, m.start(), m.end());
            }
        }
    }
}

/// `%` to the end of the line, unless escaped as `\%`.
fn mask_latex_comments(text: &str, hidden: &mut [bool]) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'%' => {
                let end = text[i..].find('\n').map_or(text.len(), |e| i + e);
                hide(hidden, i, end);
                i = end;
            }
            _ => i += 1,
        }
    }
}

/// `\verb|...|` with any delimiter.
fn mask_verb(text: &str, hidden: &mut [bool]) {
    let mut from = 0;
    while let Some(at) = text[from..].find("\\verb") {
        let start = from + at;
        let mut rest = text[start + 5..].char_indices();
        let delimiter = match rest.next() {
            Some((_, '*')) => rest.next(),
            other => other,
        };
        let Some((d_at, d)) = delimiter.filter(|(_, d)| !d.is_alphabetic()) else {
            from = start + 5;
            continue;
        };
        let body = start + 5 + d_at + d.len_utf8();
        // Past the closing delimiter, which may take several bytes.
        let end = text[body..].find([d, '\n']).map_or(text.len(), |e| {
            body + e + text[body + e..].chars().next().map_or(1, char::len_utf8)
        });
        hide(hidden, start, end);
        from = end.max(start + 5);
    }
}

/// `$...$`, `$$...$$`, `\(...\)` and `\[...\]`.
fn mask_latex_math(text: &str, hidden: &mut [bool]) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if hidden[i] {
            i += 1;
            continue;
        }
        let (open_len, close): (usize, &str) = match (bytes[i], bytes.get(i + 1)) {
            (b'\\', Some(b'(')) => (2, "\\)"),
            (b'\\', Some(b'[')) => (2, "\\]"),
            (b'\\', _) => {
                i += 2;
                continue;
            }
            (b'$', Some(b'$')) => (2, "$$"),
            (b'$', _) => (1, "$"),
            _ => {
                i += 1;
                continue;
            }
        };
        let body = i + open_len;
        let end = find_unescaped(text, body, close).map_or(text.len(), |e| e + close.len());
        hide(hidden, i, end);
        i = end;
    }
}

/// The first `needle` at or after `from` not preceded by a backslash escape.
fn find_unescaped(text: &str, from: usize, needle: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = from;
    while i < bytes.len() {
        if bytes[i..].starts_with(needle.as_bytes()) {
            return Some(i);
        }
        i += if bytes[i] == b'\\' && needle != "\\)" && needle != "\\]" {
            2
        } else {
            1
        };
    }
    None
}

/// Command names (`\textbf`, `\\`, `\&`) and the optional arguments right
/// after them, except `\item[label]`, whose label is prose.
fn mask_latex_commands(text: &str, hidden: &mut [bool]) {
    for m in LATEX_COMMAND.find_iter(text) {
        if hidden[m.start()] {
            continue;
        }
        hide(hidden, m.start(), m.end());
        let rest = &text[m.end()..];
        if matches!(m.as_str(), "\\begin" | "\\end") {
            if rest.starts_with('{')
                && let Some(close) = rest.find(['}', '\n'])
            {
                hide(hidden, m.end(), m.end() + close + 1);
            }
            continue;
        }
        if m.as_str() == "\\item" {
            continue;
        }
        if rest.starts_with('[')
            && let Some(close) = rest.find([']', '\n'])
            && rest.as_bytes()[close] == b']'
        {
            hide(hidden, m.end(), m.end() + close + 1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prose(text: &str, syntax: Syntax) -> String {
        mask(text, syntax).prose
    }

    #[test]
    fn offsets_are_kept() {
        let text = "a `ü[1]` b\n```\n[2]\n```\nc [3]";
        let masked = prose(text, Syntax::Markdown);
        assert_eq!(masked.len(), text.len());
        assert_eq!(
            masked,
            format!("a {} b\n   \n   \n   \nc [3]", " ".repeat(7))
        );
    }

    #[test]
    fn indented_code_blocks_are_hidden() {
        let code = "Intro [1]:\n\n    x = a[2]\n\n\tb[3]\nEnd [4].\n";
        assert_eq!(
            prose(code, Syntax::Markdown),
            "Intro [1]:\n\n            \n\n\t    \nEnd [4].\n"
        );
        // Not code: continuation lines, nested items, text inside items.
        for text in [
            "A paragraph\n    continued [1]\n",
            "- item\n    - nested [1]\n",
            "- item\n\n    - nested [1]\n",
            "1. item\n\n    more text [1]\n",
            "- a\n  - b\n\n      c [1]\n",
            "## H\n- a\n\n    b [1]\n",
        ] {
            assert_eq!(prose(text, Syntax::Markdown), text, "{text:?}");
        }
        // Code inside an item: four columns past its content.
        let in_item = prose("- a\n\n      code[1]\n", Syntax::Markdown);
        assert!(!in_item.contains("[1]"), "{in_item:?}");
        let after_list = prose("- a\n\nText.\n\n    code[1]\n", Syntax::Markdown);
        assert!(!after_list.contains("[1]"), "{after_list:?}");
    }

    #[test]
    fn a_byte_order_mark_is_not_text() {
        assert_eq!(prose("\u{feff}- a", Syntax::Markdown), "   - a");
        let meta = "---\ntitle: Statement [1]\n---\nText [2]\n";
        assert_eq!(
            prose(meta, Syntax::Markdown),
            format!("   \n{}\n   \nText [2]\n", " ".repeat(20))
        );
        assert_eq!(
            prose("---\nno end [1]\n", Syntax::Markdown),
            "---\nno end [1]\n"
        );
    }

    #[test]
    fn markdown_hides_links_urls_and_math() {
        let text = "[see](http://x.org/[1]) <a href=\"y[2]\">z</a> https://q.org/[3] $[0,1]$ costs $5 and $10 [4]";
        let masked = prose(text, Syntax::Markdown);
        assert!(!masked.contains("[1]") && !masked.contains("[2]") && !masked.contains("[3]"));
        assert!(!masked.contains("[0,1]"));
        assert!(masked.contains("[see]") && masked.contains("$5 and $10 [4]"));
        let def = prose("[1]: https://example.org\ntext [2]", Syntax::Markdown);
        assert!(def.starts_with("   ") && def.ends_with("text [2]"));
    }

    #[test]
    fn latex_hides_comments_commands_math_and_arguments() {
        let text = "\\item \\textbf{Expressivity}: a [1] % not [2]\n\\\\[2pt] \\cite{x} $[3]$ \\verb|[4]| 50\\% [5]";
        let m = mask(text, Syntax::Latex);
        assert!(m.structure.contains("\\item"));
        for hidden in ["[2]", "[2pt]", "{x}", "[3]", "[4]", "textbf"] {
            assert!(!m.prose.contains(hidden), "{hidden} in {:?}", m.prose);
        }
        assert!(m.prose.contains("{Expressivity}: a [1]"));
        assert!(m.prose.ends_with("50   [5]"));
    }

    #[test]
    fn latex_hides_argument_counts_of_definitions() {
        for text in [
            "\\newcommand{\\R}[1]{x}",
            "\\renewcommand*{\\R} [2][0]{x}",
            "\\providecommand\\R[3]{x}",
            "\\newcommand\\R[4]{x}",
            "\\DeclareRobustCommand{\\R}[5]{x}",
            "\\newenvironment{topic}[6]{a}{b}",
            "\\renewenvironment*{topic}[7][8]{a}{b}",
        ] {
            let m = mask(text, Syntax::Latex);
            assert!(!m.structure.contains(']'), "{text}: {:?}", m.structure);
        }
        let kept = prose("\\newcommand{\\R}{x} [9]", Syntax::Latex);
        assert!(kept.ends_with("[9]"));
    }
}
