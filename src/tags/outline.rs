//! The topic tree of a statement: sections (split at headings), and in each
//! a forest of topics built from nested bullets (`-`, `*`, `•`, `1.`, by
//! indentation) or LaTeX `\item`s (by `itemize` depth). A paragraph that
//! cites something is a topic too.
//!
//! A topic's label is the text before its first colon with markup removed
//! (`**Expressivity**:` → "Expressivity"), else its first sentence. Its text
//! after the label splits at `;` into clauses, each with its own tags; a
//! sentence or an enumeration ("(i)") before the first clause is a lead-in
//! that every clause shares.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::Syntax;
use crate::latex::collapse_whitespace;

/// The structure of a statement.
#[derive(Debug, Clone, Default)]
pub struct Outline {
    /// Sections in text order; the first has no heading.
    pub sections: Vec<Section>,
    /// Every topic; parents come before their children.
    pub topics: Vec<Topic>,
}

/// The text between two headings.
#[derive(Debug, Clone)]
pub struct Section {
    /// The heading, markup removed.
    pub title: Option<String>,
    /// Bytes of the section, heading included.
    pub span: Range<usize>,
    /// Topics with no parent.
    pub roots: Vec<usize>,
}

/// A bullet or a citing paragraph.
#[derive(Debug, Clone)]
pub struct Topic {
    /// The enclosing topic.
    pub parent: Option<usize>,
    /// Sub-topics, in order.
    pub children: Vec<usize>,
    /// Index into [`Outline::sections`].
    pub section: usize,
    /// "Expressivity".
    pub label: String,
    /// Bytes of the label's words in the text (markup excluded).
    pub label_span: Range<usize>,
    /// Bytes of the whole text (marker excluded, continuation lines included).
    pub span: Range<usize>,
    /// The `;`-separated parts after the label; never empty.
    pub clauses: Vec<Clause>,
}

/// One `;`-separated part of a topic.
#[derive(Debug, Clone)]
pub struct Clause {
    /// Bytes of the clause.
    pub span: Range<usize>,
    /// Bytes of the lead-in shared by the topic's clauses (may be empty).
    pub lead: Range<usize>,
    /// The clause's text before its first tag ("Flat-minima-bias").
    pub sub_label: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
enum BlockKind {
    Item,
    Paragraph,
    /// The title (markup removed) and the bytes of the heading's text.
    Heading(String, Range<usize>),
    Break,
}

#[derive(Debug, Clone)]
struct Block {
    kind: BlockKind,
    /// Indentation column (Markdown) or list depth (LaTeX).
    level: usize,
    span: Range<usize>,
    /// `\item[label]`: bytes of the label.
    explicit_label: Option<Range<usize>>,
}

/// Builds the outline. `structure` is the text with code and comments
/// hidden, `plain` the prose with tags blanked; `tags` are tag starts.
pub fn build(structure: &str, plain: &str, syntax: Syntax, tags: &[usize]) -> Outline {
    let blocks = match syntax {
        Syntax::Markdown | Syntax::Text => markdown_blocks(structure),
        Syntax::Latex => latex_blocks(structure),
    };
    let mut outline = Outline::default();
    outline.sections.push(Section {
        title: None,
        span: 0..structure.len(),
        roots: Vec::new(),
    });
    let mut stack: Vec<(usize, usize)> = Vec::new();
    for block in blocks {
        match &block.kind {
            BlockKind::Heading(title, content) => {
                if let Some(last) = outline.sections.last_mut() {
                    last.span.end = block.span.start;
                }
                outline.sections.push(Section {
                    title: Some(title.clone()),
                    span: block.span.start..structure.len(),
                    roots: Vec::new(),
                });
                stack.clear();
                // "## Optimization [3][4]": the heading cites, so it is a
                // topic too.
                if first_tag_in(tags, content).is_some() {
                    let section = outline.sections.len() - 1;
                    let heading = Block {
                        kind: BlockKind::Item,
                        level: 0,
                        span: content.clone(),
                        explicit_label: None,
                    };
                    let index = outline.topics.len();
                    outline
                        .topics
                        .push(topic(plain, &heading, None, section, tags));
                    outline.sections[section].roots.push(index);
                }
            }
            BlockKind::Break => stack.clear(),
            BlockKind::Item | BlockKind::Paragraph => {
                while stack.last().is_some_and(|&(level, _)| level >= block.level) {
                    stack.pop();
                }
                let cites = first_tag_in(tags, &block.span).is_some();
                if block.kind == BlockKind::Paragraph && !cites {
                    continue;
                }
                let index = outline.topics.len();
                let parent = stack.last().map(|&(_, t)| t);
                let section = outline.sections.len() - 1;
                outline
                    .topics
                    .push(topic(plain, &block, parent, section, tags));
                match parent {
                    Some(p) => outline.topics[p].children.push(index),
                    None => outline.sections[section].roots.push(index),
                }
                stack.push((block.level, index));
            }
        }
    }
    outline
}

pub(super) static HEADING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^ {0,3}#{1,6}(?:[ \t]+(.*?))?[ \t#]*$").expect("valid regex"));
pub(super) static RULE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[ \t]*(?:={3,}|-{3,}|\*{3,}|_{3,}|(?:[-*_][ \t]+){2,}[-*_])[ \t]*$")
        .expect("valid regex")
});
/// A setext heading's underline: `===` (level 1) or `---` (level 2).
static SETEXT_UNDERLINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^ {0,3}(?:=+|-+)[ \t]*$").expect("valid regex"));
pub(super) static BULLET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^([ \t]*)([-*+•◦▪‣·]|\d{1,3}[.)]|\([0-9A-Za-z]{1,4}\)|[a-z]\))(?:[ \t]+|$)")
        .expect("valid regex")
});

/// Display columns of leading whitespace (a tab is 4).
pub(super) fn columns(ws: &str) -> usize {
    ws.chars().map(|c| if c == '\t' { 4 } else { 1 }).sum()
}

/// The content column of the list item `line` starts, if it starts one:
/// where the text after the marker (`- `, `1. `) begins.
pub(super) fn item_content_column(line: &str) -> Option<usize> {
    let c = BULLET.captures(line)?;
    let marker_end = c.get(0).map_or(0, |m| m.end());
    Some(columns(&c[1]) + line[c[1].len()..marker_end].chars().count())
}

/// Markdown and plain text: one block per list item (with its
/// continuation lines), paragraph, heading or rule.
fn markdown_blocks(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut current: Option<(Block, usize)> = None;
    let mut blank_before = false;
    let mut offset = 0;
    for raw_line in text.split_inclusive('\n') {
        let start = offset;
        offset += raw_line.len();
        let line = raw_line.trim_end_matches(['\n', '\r']);
        let end = start + line.len();
        let trimmed = line.trim_start();
        let indent = columns(&line[..line.len() - trimmed.len()]);
        if trimmed.trim_end().is_empty() {
            blank_before = true;
            if current
                .as_ref()
                .is_some_and(|(b, _)| b.kind == BlockKind::Paragraph)
            {
                blocks.extend(current.take().map(|(b, _)| b));
            }
            continue;
        }
        let heading = HEADING.captures(line).map(|c| {
            let content = c
                .get(1)
                .map_or(end..end, |m| start + m.start()..start + m.end());
            (clean(c.get(1).map_or("", |m| m.as_str())), content)
        });
        let bullet = BULLET.captures(line);
        if let Some((title, content)) = heading {
            blocks.extend(current.take().map(|(b, _)| b));
            blocks.push(block(BlockKind::Heading(title, content), 0, start..end));
        } else if SETEXT_UNDERLINE.is_match(line)
            && let Some((para, _)) = current.take_if(|(b, _)| b.kind == BlockKind::Paragraph)
        {
            // The paragraph above is the heading's text; after a blank
            // line (no paragraph open) `---` stays a rule.
            let title = clean(&text[para.span.clone()]);
            let heading = BlockKind::Heading(title, para.span.clone());
            blocks.push(block(heading, 0, para.span.start..end));
        } else if trimmed.starts_with('|') {
            blocks.extend(current.take().map(|(b, _)| b));
            blocks.extend(table_row(trimmed, end - trimmed.len(), indent));
        } else if RULE.is_match(line) {
            blocks.extend(current.take().map(|(b, _)| b));
            blocks.push(block(BlockKind::Break, 0, start..end));
        } else if let (Some(c), Some(content_col)) = (bullet, item_content_column(line)) {
            blocks.extend(current.take().map(|(b, _)| b));
            let marker_end = c.get(0).map_or(0, |m| m.end());
            let item = block(BlockKind::Item, columns(&c[1]), start + marker_end..end);
            current = Some((item, content_col));
        } else if is_caps_heading(trimmed) {
            blocks.extend(current.take().map(|(b, _)| b));
            let content = end - trimmed.len()..end;
            blocks.push(block(
                BlockKind::Heading(clean(trimmed), content),
                0,
                start..end,
            ));
        } else {
            match &mut current {
                Some((b, content_col))
                    if (b.kind == BlockKind::Item && (!blank_before || indent >= *content_col))
                        || (b.kind == BlockKind::Paragraph && !blank_before) =>
                {
                    b.span.end = end;
                }
                _ => {
                    blocks.extend(current.take().map(|(b, _)| b));
                    let para = block(BlockKind::Paragraph, indent, end - trimmed.len()..end);
                    current = Some((para, indent));
                }
            }
        }
        blank_before = false;
    }
    blocks.extend(current.map(|(b, _)| b));
    blocks
}

/// A Markdown table row (`| Label | text [3] |`) as a paragraph whose
/// first cell is the label; the alignment row gives nothing.
fn table_row(row: &str, at: usize, indent: usize) -> Option<Block> {
    let row = row.trim_end();
    if row
        .chars()
        .all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
    {
        return None;
    }
    let first_end = 1 + cell_end(&row[1..])?;
    let mut b = block(
        BlockKind::Paragraph,
        indent,
        at + first_end + 1..at + row.len(),
    );
    b.explicit_label = Some(at + 1..at + first_end);
    Some(b)
}

/// The first `|` of `cells` that ends a cell: an escaped `\|` is text.
fn cell_end(cells: &str) -> Option<usize> {
    let bytes = cells.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'|' => return Some(i),
            _ => i += 1,
        }
    }
    None
}

fn block(kind: BlockKind, level: usize, span: Range<usize>) -> Block {
    Block {
        kind,
        level,
        span,
        explicit_label: None,
    }
}

/// A plain-text heading: a short line in capitals ("RESEARCH INTERESTS").
fn is_caps_heading(line: &str) -> bool {
    let letters = line.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 3
        && line.chars().count() <= 60
        && !line
            .chars()
            .any(|c| c.is_lowercase() || c.is_ascii_digit() || c == '[')
}

static LATEX_EVENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\\(begin|end)[ \t]*\{([A-Za-z*]+)\}|\\item\b|\\(?:[A-Za-z]*section|chapter|part)\*?[ \t]*(?:\[[^\]\n]*\])?\{([^}\n]*)\}|\n[ \t]*\r?\n|(\\(?:sub)?paragraph\b)",
    )
    .expect("valid regex")
});

/// Environments whose `\item`s are topics.
const LIST_ENVIRONMENTS: &[&str] = &[
    "itemize",
    "enumerate",
    "description",
    "compactitem",
    "compactenum",
    "inparaenum",
    "cvitems",
];

/// LaTeX: blocks from `\item`s (level = list depth), sectioning commands
/// and paragraphs outside lists (ended by a blank line or `\paragraph`). The preamble is skipped.
fn latex_blocks(text: &str) -> Vec<Block> {
    let body_start = text.find("\\begin{document}").map_or(0, |i| i + 16);
    let mut blocks = Vec::new();
    let mut current: Option<Block> = None;
    let mut depth = 0usize;
    let mut pos = body_start;
    let close = |current: &mut Option<Block>, blocks: &mut Vec<Block>, end: usize| {
        if let Some(mut b) = current.take() {
            // An `\item` inside the previous one's `[label]` comes before
            // that item's text starts: the item is empty, not inverted.
            b.span.end = end.max(b.span.start);
            trim_span(text, &mut b.span);
            if !b.span.is_empty() {
                blocks.push(b);
            }
        }
    };
    for c in LATEX_EVENT.captures_iter(&text[body_start..]) {
        let Some(m) = c.get(0) else { continue };
        let (at, after) = (body_start + m.start(), body_start + m.end());
        if current.is_none() && depth == 0 {
            paragraph_block(text, pos..at, &mut blocks);
        }
        if let Some(env) = c.get(2) {
            let is_list = LIST_ENVIRONMENTS.contains(&env.as_str().trim_end_matches('*'));
            if is_list {
                close(&mut current, &mut blocks, at);
                if depth == 0 && &c[1] == "begin" && follows_a_blank_line(text, &blocks, at) {
                    blocks.push(block(BlockKind::Break, 0, at..at));
                }
                depth = if &c[1] == "begin" {
                    depth + 1
                } else {
                    depth.saturating_sub(1)
                };
            } else if &c[1] == "end" && env.as_str() == "document" {
                close(&mut current, &mut blocks, at);
                pos = text.len();
                break;
            }
        } else if m.as_str().starts_with("\\item") {
            close(&mut current, &mut blocks, at);
            let mut item = block(BlockKind::Item, depth, after..after);
            if text[after..].starts_with('[')
                && let Some(end) = text[after..].find([']', '\n'])
                && text.as_bytes()[after + end] == b']'
            {
                item.explicit_label = Some(after + 1..after + end);
                item.span.start = after + end + 1;
            }
            current = Some(item);
        } else if c.get(4).is_some() {
            // `\paragraph{X}` starts a paragraph, blank line before or not.
            if depth == 0 {
                close(&mut current, &mut blocks, at);
                pos = at;
                continue;
            }
        } else if let Some(title) = c.get(3) {
            close(&mut current, &mut blocks, at);
            let content = body_start + title.start()..body_start + title.end();
            blocks.push(block(
                BlockKind::Heading(clean(title.as_str()), content),
                0,
                at..after,
            ));
        } else if current.is_some() && depth == 0 {
            close(&mut current, &mut blocks, at);
        }
        pos = after;
    }
    close(&mut current, &mut blocks, text.len());
    if depth == 0 && pos < text.len() {
        paragraph_block(text, pos..text.len(), &mut blocks);
    }
    blocks
}

/// Whether a list starting at `at` is separated from the paragraph before
/// it by a blank line: then it is a block of its own, not that paragraph's
/// sub-topics (as in Markdown). Without one it continues the paragraph.
fn follows_a_blank_line(text: &str, blocks: &[Block], at: usize) -> bool {
    blocks.last().is_some_and(|b| {
        b.kind == BlockKind::Paragraph && BLANK_LINE.is_match(&text[b.span.end..at])
    })
}

static BLANK_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\n[ \t]*\r?\n").expect("valid regex"));

/// A paragraph block for `span` if it holds any text.
fn paragraph_block(text: &str, mut span: Range<usize>, blocks: &mut Vec<Block>) {
    trim_span(text, &mut span);
    if !span.is_empty() {
        blocks.push(block(BlockKind::Paragraph, 0, span));
    }
}

fn trim_span(text: &str, span: &mut Range<usize>) {
    let s = &text[span.clone()];
    span.start += s.len() - s.trim_start().len();
    span.end = span.start + s.trim().len();
}

/// A topic for `block`: label, clauses, lead-in.
fn topic(
    plain: &str,
    block: &Block,
    parent: Option<usize>,
    section: usize,
    tags: &[usize],
) -> Topic {
    let span = block.span.clone();
    let first_tag_in = |r: &Range<usize>| first_tag_in(tags, r);
    let first_tag = first_tag_in(&span).unwrap_or(span.end);
    let (label, label_span, body_start) = match &block.explicit_label {
        Some(l) => (
            clean(&plain[l.clone()]),
            word_span(plain, l.clone()),
            span.start,
        ),
        None => label_of(plain, span.clone(), first_tag),
    };
    let mut segments = Vec::new();
    let mut start = body_start;
    for part in plain[body_start..span.end].split(';') {
        segments.push(start..start + part.len());
        start += part.len() + 1;
    }
    let first = segments[0].clone();
    let first_tag_in_first = first_tag_in(&first).unwrap_or(first.end);
    let lead_end = lead_in_end(plain, first.start..first_tag_in_first);
    let lead = first.start..lead_end;
    segments[0].start = lead_end;
    let clauses = segments
        .into_iter()
        .map(|seg| {
            let before_tag = first_tag_in(&seg).unwrap_or(seg.end);
            let sub = clean(strip_enumerator(&plain[seg.start..before_tag]));
            Clause {
                span: seg,
                lead: lead.clone(),
                sub_label: (!sub.is_empty()).then(|| shorten(&sub)),
            }
        })
        .collect();
    Topic {
        parent,
        children: Vec::new(),
        section,
        label,
        label_span,
        span,
        clauses,
    }
}

/// The first of the sorted tag starts `tags` inside `range`.
fn first_tag_in(tags: &[usize], range: &Range<usize>) -> Option<usize> {
    let i = tags.partition_point(|&t| t < range.start);
    tags.get(i).copied().filter(|t| range.contains(t))
}

/// Labels longer than this are cut at a word.
const LABEL_CHARS: usize = 80;

/// The bytes from the first to the last letter or digit of `range`.
fn word_span(plain: &str, range: Range<usize>) -> Range<usize> {
    let text = &plain[range.clone()];
    let first = text.find(char::is_alphanumeric);
    let last = text
        .char_indices()
        .rfind(|(_, c)| c.is_alphanumeric())
        .map(|(i, c)| i + c.len_utf8());
    match (first, last) {
        (Some(a), Some(b)) => range.start + a..range.start + b,
        _ => range.start..range.start,
    }
}

/// The label (text before the first colon, if that comes before the first
/// tag and `;`), its words' bytes, and where the body after it starts.
fn label_of(plain: &str, span: Range<usize>, first_tag: usize) -> (String, Range<usize>, usize) {
    let text = &plain[span.clone()];
    let limit = (first_tag - span.start).min(text.find(';').unwrap_or(text.len()));
    // "Label: text", also "**Label:** text" and "\textbf{Label:} text".
    let colon = text[..limit].char_indices().find(|&(i, c)| {
        c == ':'
            && text[i + 1..]
                .trim_start_matches(['*', '_', '}', '`'])
                .chars()
                .next()
                .is_none_or(char::is_whitespace)
    });
    if let Some((i, _)) = colon {
        let label = clean(&text[..i]);
        if !label.is_empty() && label.chars().count() <= LABEL_CHARS {
            return (
                label,
                word_span(plain, span.start..span.start + i),
                span.start + i + 1,
            );
        }
    }
    // A run-in heading: "**Vision.** Diffusion models [2]".
    if let Some((inner, after)) = run_in(text)
        && after <= limit
    {
        let label = clean(&text[inner.clone()]);
        if !label.is_empty() && label.chars().count() <= LABEL_CHARS {
            return (
                label,
                word_span(plain, span.start + inner.start..span.start + inner.end),
                span.start + after,
            );
        }
    }
    let sentence_end = sentence_breaks(&text[..limit]).next().unwrap_or(limit);
    let label = shorten(&clean(&text[..sentence_end]));
    (
        label,
        word_span(plain, span.start..span.start + sentence_end),
        span.start,
    )
}

/// A bold span opening `text` (`**X**`, `__X__`, or `\textbf{X}`, which the
/// mask leaves as `{X}`): the bytes of X and where the span ends.
fn run_in(text: &str) -> Option<(Range<usize>, usize)> {
    let lead = text.len() - text.trim_start().len();
    let rest = &text[lead..];
    let (open, close) = if rest.starts_with("**") {
        ("**", "**")
    } else if rest.starts_with("__") {
        ("__", "__")
    } else if rest.starts_with('{') {
        // LaTeX: the mask blanks `\textbf`, `\emph` and leaves the group.
        ("{", "}")
    } else {
        return None;
    };
    let inner_start = lead + open.len();
    let inner_len = text[inner_start..].find(close)?;
    if text[inner_start..inner_start + inner_len].contains('\n') {
        return None;
    }
    Some((
        inner_start..inner_start + inner_len,
        inner_start + inner_len + close.len(),
    ))
}

/// Ends of sentences in `text`: after `.`, `?` or `!` followed by a space.
fn sentence_breaks(text: &str) -> impl Iterator<Item = usize> + '_ {
    text.char_indices()
        .filter(|&(i, c)| {
            matches!(c, '.' | '?' | '!')
                && text[i + 1..]
                    .chars()
                    .next()
                    .is_some_and(char::is_whitespace)
        })
        .map(|(i, _)| i + 1)
}

static ENUMERATOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|\s)\(?(?:[ivx]{1,4}|[a-h]|\d{1,2})\)\s").expect("valid regex")
});

/// Where the lead-in of a topic's first clause ends: after the last
/// sentence break or before the last enumerator ("(i)") in `range`.
fn lead_in_end(plain: &str, range: Range<usize>) -> usize {
    let text = &plain[range.clone()];
    let sentence = sentence_breaks(text).last();
    let enumerator = ENUMERATOR
        .find_iter(text)
        .last()
        .map(|m| m.start() + (m.as_str().len() - m.as_str().trim_start().len()));
    range.start + sentence.max(enumerator).unwrap_or(0)
}

fn strip_enumerator(text: &str) -> &str {
    let t = text.trim_start();
    match ENUMERATOR.find(&format!(" {t}")) {
        Some(m) if m.start() == 0 => &t[m.end() - 1..],
        _ => t,
    }
}

/// Text with Markdown/LaTeX markup removed, whitespace collapsed, and
/// closing punctuation trimmed.
pub fn clean(text: &str) -> String {
    let stripped: String = text
        .chars()
        .map(|c| match c {
            '*' | '`' | '{' | '}' | '#' => ' ',
            '~' => ' ',
            c => c,
        })
        .collect();
    // `\|` is a pipe inside a Markdown table cell.
    let stripped = stripped.replace("__", " ").replace("\\|", "|");
    collapse_whitespace(&stripped)
        .trim_matches(|c: char| c.is_whitespace() || matches!(c, '.' | ',' | ';' | ':' | '_'))
        .to_string()
}

/// `text` cut to [`LABEL_CHARS`] at a word, with "…".
fn shorten(text: &str) -> String {
    if text.chars().count() <= LABEL_CHARS {
        return text.to_string();
    }
    let cut: String = text.chars().take(LABEL_CHARS).collect();
    let at = cut.rfind(' ').unwrap_or(cut.len());
    format!("{}…", cut[..at].trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tags::mask::mask;
    use crate::tags::scan::scan;

    fn outline(text: &str, syntax: Syntax) -> (Outline, String) {
        let m = mask(text, syntax);
        let s = scan(text, &m.prose, &m.link_labels);
        let mut plain = m.prose.clone();
        for t in &s.tags {
            plain.replace_range(t.span.clone(), &" ".repeat(t.span.len()));
        }
        let starts: Vec<usize> = s.tags.iter().map(|t| t.span.start).collect();
        (build(&m.structure, &plain, syntax, &starts), plain)
    }

    fn labels(o: &Outline) -> Vec<(Option<usize>, &str)> {
        o.topics
            .iter()
            .map(|t| (t.parent, t.label.as_str()))
            .collect()
    }

    #[test]
    fn nested_bullets_and_labels() {
        let text = "# Interests\n\nIntro text without tags.\n\n- Theory: all [1][2]\n  - **Expressivity**: power [1]\n  * Optimization [2]\n    continued here\n- Other. [3]\n\n• Vision: [4]\n\nA paragraph [5].\n";
        let (o, _) = outline(text, Syntax::Markdown);
        assert_eq!(
            labels(&o),
            [
                (None, "Theory"),
                (Some(0), "Expressivity"),
                (Some(0), "Optimization"),
                (None, "Other"),
                (None, "Vision"),
                (None, "A paragraph")
            ]
        );
        assert_eq!(o.sections.len(), 2);
        assert_eq!(o.sections[1].title.as_deref(), Some("Interests"));
        assert_eq!(o.sections[1].roots, [0, 3, 4, 5]);
        assert!(text[o.topics[2].span.clone()].ends_with("continued here"));
    }

    #[test]
    fn headings_tables_and_run_in_labels_are_topics() {
        let text = "## Optimization [1]\n\n| Topic | Papers |\n|---|:-:|\n| Vision | [2] |\n| No tags | none |\n\n**Sparse models.** Pruning [3]. Also [4].\n";
        let (o, _) = outline(text, Syntax::Markdown);
        assert_eq!(
            labels(&o),
            [
                (None, "Optimization"),
                (None, "Vision"),
                (None, "Sparse models")
            ]
        );
        assert_eq!(o.topics[0].section, 1);
        assert_eq!(o.sections[1].roots, [0, 1, 2]);
        let (o, _) = outline("| A \\| B | C [1] |\n", Syntax::Markdown);
        assert_eq!(labels(&o), [(None, "A | B")]);
        assert_eq!(o.topics[0].clauses[0].sub_label.as_deref(), Some("C"));
        let tex = "\\section{Vision [1]}\n\\textbf{Depth} matters [2].\n";
        let (o, _) = outline(tex, Syntax::Latex);
        assert_eq!(labels(&o), [(None, "Vision"), (None, "Depth")]);
    }

    #[test]
    fn colons_inside_markup_end_the_label() {
        let text = "- **Expressivity:** power [1]\n- Time 10:30 and more: [2]\n";
        let (o, _) = outline(text, Syntax::Markdown);
        assert_eq!(
            labels(&o),
            [(None, "Expressivity"), (None, "Time 10:30 and more")]
        );
        let tex = "\\begin{itemize}\\item \\textbf{Bias:} flat [1]\\end{itemize}";
        let (o, _) = outline(tex, Syntax::Latex);
        assert_eq!(labels(&o), [(None, "Bias")]);
    }

    #[test]
    fn clauses_share_a_lead_in() {
        let text = "- Implicit Bias: Why? Flat-minima-bias [3][5]; max-margin-bias aspects [4].\n- Design: new algorithms which can (i) converge faster [10]; (ii) generalize [6].\n";
        let (o, plain) = outline(text, Syntax::Markdown);
        let t = &o.topics[0];
        let subs: Vec<_> = t.clauses.iter().map(|c| c.sub_label.as_deref()).collect();
        assert_eq!(
            subs,
            [Some("Flat-minima-bias"), Some("max-margin-bias aspects")]
        );
        assert_eq!(plain[t.clauses[1].lead.clone()].trim(), "Why?");
        let d = &o.topics[1];
        assert_eq!(
            plain[d.clauses[0].lead.clone()].trim(),
            "new algorithms which can"
        );
        assert_eq!(d.clauses[1].sub_label.as_deref(), Some("generalize"));
    }

    #[test]
    fn latex_items_and_sections() {
        let text = "\\documentclass{article}\n\\begin{document}\n\\section*{Research}\n\\begin{itemize}\n  \\item \\textbf{Theory}: all [1][2]\n  \\begin{itemize}\n    \\item[Expressivity] power [1] % [9]\n  \\end{itemize}\n  \\item Vision: [4]\n\\end{itemize}\nA closing paragraph [3].\n\\end{document}\n";
        let (o, _) = outline(text, Syntax::Latex);
        assert_eq!(
            labels(&o),
            [
                (None, "Theory"),
                (Some(0), "Expressivity"),
                (None, "Vision"),
                (None, "A closing paragraph")
            ]
        );
        assert_eq!(o.sections[1].title.as_deref(), Some("Research"));
    }

    #[test]
    fn latex_paragraph_commands_start_paragraphs() {
        let text = "\\section{Research}\n\\paragraph{Noise:} geometry [5].\n\\subparagraph*{Expressivity:} rates [8].\nMore [12].\n\\begin{itemize}\\item A [1] \\paragraph{x} b\\end{itemize}\n";
        let (o, _) = outline(text, Syntax::Latex);
        assert_eq!(
            labels(&o),
            [(None, "Noise"), (None, "Expressivity"), (Some(1), "A")]
        );
        assert!(text[o.topics[1].span.clone()].ends_with("More [12]."));
    }

    #[test]
    fn setext_underlines_make_headings() {
        let text = "Expressivity\n============\n\nAttention [12].\n\nNoise and\nbias [5]\n---\n- Flat minima [3]\n\n---\n- a [1]\n---\n";
        let (o, _) = outline(text, Syntax::Markdown);
        let titles: Vec<_> = o.sections.iter().map(|s| s.title.as_deref()).collect();
        assert_eq!(
            titles,
            [None, Some("Expressivity"), Some("Noise and bias [5]")]
        );
        assert_eq!(
            labels(&o),
            [
                (None, "Attention"),
                (None, "Noise and bias"),
                (None, "Flat minima"),
                (None, "a")
            ]
        );
    }

    #[test]
    fn a_latex_list_after_a_blank_line_is_not_a_paragraph_s_sub_topics() {
        let list = "\\begin{itemize}\n\\item Noise: geometry [5].\n\\end{itemize}\n";
        let (o, _) = outline(&format!("Thesis [8].\n\n{list}"), Syntax::Latex);
        assert_eq!(labels(&o), [(None, "Thesis"), (None, "Noise")]);
        let (o, _) = outline(&format!("Thesis [8]:\n{list}"), Syntax::Latex);
        assert_eq!(labels(&o), [(None, "Thesis"), (Some(0), "Noise")]);
    }

    #[test]
    fn caps_lines_are_headings_in_plain_text() {
        let (o, _) = outline("RESEARCH\n- A: [1]\nSERVICE\n- B: [2]\n", Syntax::Markdown);
        assert_eq!(o.sections.len(), 3);
        assert_eq!(o.topics[1].section, 2);
    }
}
