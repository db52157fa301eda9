//! Research statements: the numeric tags a CV's research-interests section
//! cites papers with (`[8][12]`, `[3-5]`), the topic tree they sit in, and
//! the checks and rewrites publist runs on them.
//!
//! A [`Statement`] is parsed once: [`mask`] hides code, URLs, math and
//! comments; [`scan`] finds tags and key citations; [`outline`] builds the
//! topic tree. [`check`] compares it with a library's numbers and keywords;
//! [`rewrite`] renders key citations (`[@key]`) as numbers and renumbers
//! tags written against an older library.

pub mod check;
pub mod mask;
pub mod outline;
pub mod rewrite;
pub mod scan;

use std::ops::Range;
use std::path::{Path, PathBuf};

pub use check::{Finding, FindingKind, Report, TopicMap, check};
pub use outline::{Clause, Outline, Section, Topic};
pub use rewrite::{Rewrite, cite, renumber};
pub use scan::{KeyCite, Tag, TagItem};

use crate::source::{LineCol, SourceFile};

/// How a statement is written. Plain text reads as Markdown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    /// Markdown: bullets, `#` headings, code spans and blocks, links.
    Markdown,
    /// Plain text, read as Markdown except that indentation is layout: an
    /// indented paragraph is prose, not a code block.
    Text,
    /// LaTeX: `\item`s in `itemize`, `\section`s, `%` comments.
    Latex,
}

impl Syntax {
    /// The syntax of `path`: by extension (`.tex`), else by content (a
    /// `\begin{...}`, `\item` or `\section` makes it LaTeX).
    pub fn detect(path: &Path, text: &str) -> Syntax {
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase());
        match ext.as_deref() {
            Some("tex" | "ltx" | "latex" | "sty" | "cls") => Syntax::Latex,
            Some("md" | "markdown" | "mdown") => Syntax::Markdown,
            Some("txt" | "text" | "rst") => Syntax::Text,
            _ if ["\\begin{", "\\item", "\\section", "\\textbf{"]
                .iter()
                .any(|m| text.contains(m)) =>
            {
                Syntax::Latex
            }
            _ => Syntax::Markdown,
        }
    }
}

/// A parsed research statement.
#[derive(Debug)]
pub struct Statement {
    /// The text as read.
    pub source: SourceFile,
    /// How it is read.
    pub syntax: Syntax,
    /// The prose: code, URLs, comments, markup commands, tags and key
    /// citations blanked, byte offsets unchanged.
    pub plain: String,
    /// Numeric tags in text order.
    pub tags: Vec<Tag>,
    /// Key citations in text order.
    pub cites: Vec<KeyCite>,
    /// Brackets starting with `@` that are not a list of keys.
    pub malformed_cites: Vec<Range<usize>>,
    /// Sections and topics.
    pub outline: Outline,
    /// The line and column of each tag's `[`.
    pub tag_positions: Vec<LineCol>,
}

impl Statement {
    /// Parses `text`, guessing the syntax from `path` and the text.
    pub fn parse(path: impl Into<PathBuf>, text: String) -> Statement {
        let path = path.into();
        let syntax = Syntax::detect(&path, &text);
        Statement::with_syntax(path, text, syntax)
    }

    /// Parses `text` as `syntax`.
    pub fn with_syntax(path: impl Into<PathBuf>, text: String, syntax: Syntax) -> Statement {
        let masked = mask::mask(&text, syntax);
        let found = scan::scan(&text, &masked.prose, &masked.link_labels);
        let mut plain = masked.prose;
        let spans = found
            .tags
            .iter()
            .map(|t| &t.span)
            .chain(found.cites.iter().map(|c| &c.span));
        for span in spans {
            plain.replace_range(span.clone(), &" ".repeat(span.len()));
        }
        let starts: Vec<usize> = found.tags.iter().map(|t| t.span.start).collect();
        let outline = outline::build(&masked.structure, &plain, syntax, &starts);
        let tag_positions = positions(&text, &starts);
        Statement {
            tag_positions,
            source: SourceFile::new(path, text),
            syntax,
            plain,
            tags: found.tags,
            cites: found.cites,
            malformed_cites: found.malformed_cites,
            outline,
        }
    }

    /// The text as read.
    pub fn text(&self) -> &str {
        self.source.text()
    }

    /// The line and column (in characters) of byte `offset`.
    pub fn line_col(&self, offset: usize) -> LineCol {
        self.source.line_col(offset)
    }

    /// The topic and clause (indices) that tag `tag` belongs to.
    pub fn place_of(&self, tag: usize) -> Option<(usize, usize)> {
        let at = self.tags.get(tag)?.span.start;
        // Topics are in text order and do not overlap.
        let topics = &self.outline.topics;
        let topic = topics
            .partition_point(|t| t.span.start <= at)
            .checked_sub(1)?;
        if !topics[topic].span.contains(&at) {
            return None;
        }
        let clauses = &self.outline.topics[topic].clauses;
        let clause = clauses
            .iter()
            .rposition(|c| c.span.start <= at)
            .unwrap_or(0);
        Some((topic, clause))
    }

    /// The labels from the outermost topic down to `topic`.
    pub fn path_of(&self, topic: usize) -> Vec<&str> {
        let mut path = Vec::new();
        let mut at = Some(topic);
        while let Some(t) = at {
            path.push(self.outline.topics[t].label.as_str());
            at = self.outline.topics[t].parent;
        }
        path.reverse();
        path
    }
}

/// Line and column of each of the sorted byte `offsets`, in one pass (a
/// long line with many tags must not be counted again for each).
fn positions(text: &str, offsets: &[usize]) -> Vec<LineCol> {
    let mut out = Vec::with_capacity(offsets.len());
    let (mut at, mut line, mut column) = (0, 1, 1);
    for &offset in offsets {
        for c in text[at..offset].chars() {
            if c == '\n' {
                line += 1;
                column = 1;
            } else {
                column += 1;
            }
        }
        at = offset;
        out.push(LineCol { line, column });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_syntax() {
        assert_eq!(Syntax::detect(Path::new("a.tex"), ""), Syntax::Latex);
        assert_eq!(
            Syntax::detect(Path::new("a"), "\\begin{itemize}"),
            Syntax::Latex
        );
        assert_eq!(
            Syntax::detect(Path::new("a.md"), "\\item"),
            Syntax::Markdown
        );
        assert_eq!(Syntax::detect(Path::new("a"), "- x [1]"), Syntax::Markdown);
        assert_eq!(Syntax::detect(Path::new("a.txt"), "- x [1]"), Syntax::Text);
    }

    #[test]
    fn places_tags_in_topics_and_clauses() {
        let s = Statement::parse(
            "s.md",
            "- Theory: all [1]\n  - Bias: flat [2]; margin [3]\nOutside `[4]` [5]\n".to_string(),
        );
        let numbers: Vec<Vec<usize>> = s.tags.iter().map(Tag::numbers).collect();
        assert_eq!(numbers, [vec![1], vec![2], vec![3], vec![5]]);
        assert_eq!(s.place_of(0), Some((0, 0)));
        assert_eq!(s.place_of(2), Some((1, 1)));
        assert_eq!(s.path_of(1), ["Theory", "Bias"]);
        assert!(!s.plain.contains("[1]"));
        let each: Vec<LineCol> = s.tags.iter().map(|t| s.line_col(t.span.start)).collect();
        assert_eq!(s.tag_positions, each);
        assert_eq!(
            s.tag_positions[1],
            LineCol {
                line: 2,
                column: 16
            }
        );
    }

    mod properties {
        use proptest::prelude::*;

        use super::*;
        use crate::library::{Library, LoadOptions};

        fn library() -> Library {
            let bib = "@misc{b, title={B}, year=2023, keywords={flat-minima}}\n@misc{a, title={A}, year=2022, keywords={nlp}}\n";
            Library::from_text(Path::new("x.bib"), bib.to_string(), LoadOptions::default())
        }

        /// Statement-like text: brackets, digits, markup, LaTeX, Unicode.
        fn statement() -> impl Strategy<Value = String> {
            proptest::collection::vec(
                prop_oneof![
                    Just("["),
                    Just("]"),
                    Just("[1]"),
                    Just("[2-1]"),
                    Just("[@a]"),
                    Just("[@x; @b]"),
                    Just("1"),
                    Just("2"),
                    Just("-"),
                    Just("–"),
                    Just(","),
                    Just(";"),
                    Just(":"),
                    Just(" "),
                    Just("\t"),
                    Just("\n"),
                    Just("\r\n"),
                    Just("\n\n"),
                    Just("- "),
                    Just("  * "),
                    Just("• "),
                    Just("1. "),
                    Just("# "),
                    Just("`"),
                    Just("```\n"),
                    Just("$"),
                    Just("\\"),
                    Just("\\item "),
                    Just("\\begin{itemize}"),
                    Just("\\end{itemize}"),
                    Just("\\section{S}"),
                    Just("%"),
                    Just("{"),
                    Just("}"),
                    Just("("),
                    Just(")"),
                    Just("http://x.org/"),
                    Just("<a>"),
                    Just("ü"),
                    Just("(i) "),
                    Just("Flat minima"),
                    Just("NLP"),
                    Just(". "),
                    Just("**"),
                    Just("[^1]"),
                    Just("!"),
                ],
                0..60,
            )
            .prop_map(|parts| parts.concat())
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(96))]

            #[test]
            fn any_text_parses_checks_and_rewrites(text in statement(), latex in any::<bool>()) {
                let syntax = if latex { Syntax::Latex } else { Syntax::Markdown };
                let st = Statement::with_syntax("s", text.clone(), syntax);
                let lib = library();
                let report = check(&st, &lib, &TopicMap::default());
                prop_assert_eq!(report.tags.len(), st.tags.len());
                for f in &report.findings {
                    let _ = f.to_diagnostic(&st).render(crate::error::MessageFormat::Human, false);
                }
                // Renumbering against the same library changes nothing.
                let same = renumber(&st, &lib, &lib);
                if !same.failed() {
                    prop_assert_eq!(&same.text, &text);
                }
                // Citing by key touches only the key citations.
                let cited = cite(&st, &lib);
                if st.cites.is_empty() {
                    prop_assert_eq!(&cited.text, &text);
                }
                for topic in &st.outline.topics {
                    prop_assert!(!topic.clauses.is_empty());
                }
            }
        }
    }
}
