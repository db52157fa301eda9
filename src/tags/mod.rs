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
    /// Markdown or plain text: bullets, `#` headings, code spans, links.
    Markdown,
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
            Some("md" | "markdown" | "mdown" | "txt" | "text" | "rst") => Syntax::Markdown,
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
        let found = scan::scan(&text, &masked.prose);
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
        Statement {
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
        let topic = self
            .outline
            .topics
            .iter()
            .position(|t| t.span.contains(&at))?;
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
    }
}
