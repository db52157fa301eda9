//! Diagnostics (findings with a place, a message and a hint) and the crate's
//! error type.
//!
//! Library code never prints: it returns [`Diagnostic`]s as data and the CLI
//! renders them, either in the human form with the source line and a caret or
//! as one `path:line:col: severity: message` line.

use std::fmt::{self, Write as _};
use std::io;
use std::path::PathBuf;

use serde::Serialize;

use crate::source::SourceFile;

/// How bad a finding is. Errors make `check` exit 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Something is wrong: data was skipped or a reference is broken.
    Error,
    /// Probably wrong; `--strict` treats it as an error.
    Warning,
    /// Worth knowing, never a failure.
    Info,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        })
    }
}

/// A place in a file, with the line's text for rendering.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Location {
    /// The file as the user named it.
    pub path: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// The source line, without its line ending.
    #[serde(skip)]
    pub source_line: String,
    /// How many characters the caret underlines (at least 1).
    #[serde(skip)]
    pub width: usize,
}

impl Location {
    /// The location of byte `offset` in `source`, underlining `len` bytes.
    pub fn at(source: &SourceFile, offset: usize, len: usize) -> Location {
        let lc = source.line_col(offset);
        let line = source.line_text(offset);
        let end = crate::source::floor_char_boundary(
            source.text(),
            (offset + len).min(source.text().len()),
        );
        let width = source.text()[offset.min(end)..end]
            .split('\n')
            .next()
            .map_or(1, |s| s.chars().count().max(1));
        Location {
            path: source.path().display().to_string(),
            line: lc.line,
            column: lc.column,
            source_line: line.to_string(),
            width,
        }
    }

    /// A location naming a line and column with no source text.
    pub fn bare(path: impl Into<String>, line: usize, column: usize) -> Location {
        Location {
            path: path.into(),
            line,
            column,
            source_line: String::new(),
            width: 1,
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.path, self.line, self.column)
    }
}

/// One finding: what is wrong, where, and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// How bad it is.
    pub severity: Severity,
    /// A stable kebab-case name, e.g. `duplicate-key`.
    pub code: &'static str,
    /// What is wrong, in one sentence.
    pub message: String,
    /// Where, when the finding has a place.
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    /// Another place that explains this one, e.g. the first definition.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// How to fix it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
}

/// How diagnostics are rendered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MessageFormat {
    /// Header, location arrow, source line with a caret, note and hint.
    #[default]
    Human,
    /// One line: `path:line:col: severity: message`.
    Short,
}

/// Longest stretch of a source line shown around the caret; a 1 MB line
/// must not become a 1 MB message.
const SNIPPET_CHARS: usize = 100;

impl Diagnostic {
    /// A new diagnostic with no location, note or hint.
    pub fn new(severity: Severity, code: &'static str, message: impl Into<String>) -> Self {
        Diagnostic {
            severity,
            code,
            message: message.into(),
            location: None,
            note: None,
            hint: None,
        }
    }

    /// Sets the location.
    pub fn at(mut self, location: Location) -> Self {
        self.location = Some(location);
        self
    }

    /// Sets the hint.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Sets the note.
    pub fn note(mut self, note: impl Into<String>) -> Self {
        self.note = Some(note.into());
        self
    }

    /// Renders the diagnostic; `color` adds ANSI styling.
    pub fn render(&self, format: MessageFormat, color: bool) -> String {
        let (bold, red, yellow, blue, reset) = if color {
            (
                "\x1b[1m",
                "\x1b[1;31m",
                "\x1b[1;33m",
                "\x1b[1;34m",
                "\x1b[0m",
            )
        } else {
            ("", "", "", "", "")
        };
        let sev_color = match self.severity {
            Severity::Error => red,
            Severity::Warning => yellow,
            Severity::Info => blue,
        };
        let mut out = String::new();
        if format == MessageFormat::Short {
            if let Some(loc) = &self.location {
                let _ = write!(out, "{loc}: ");
            }
            let _ = write!(out, "{sev_color}{}{reset}: {}", self.severity, self.message);
            if let Some(hint) = &self.hint {
                let _ = write!(out, " (hint: {hint})");
            }
            out.push('\n');
            return out;
        }
        let _ = writeln!(
            out,
            "{sev_color}{}{reset}{bold}: {}{reset}",
            self.severity, self.message
        );
        if let Some(loc) = &self.location {
            let _ = writeln!(out, "  {blue}-->{reset} {loc}");
            if !loc.source_line.is_empty() || loc.line > 0 {
                let (snippet, caret_at) = snippet(&loc.source_line, loc.column);
                let num = loc.line.to_string();
                let pad = " ".repeat(num.len());
                let _ = writeln!(out, "{pad} {blue}|{reset}");
                let _ = writeln!(out, "{blue}{num} |{reset} {snippet}");
                let width = loc
                    .width
                    .min(snippet.chars().count().saturating_sub(caret_at).max(1));
                let _ = writeln!(
                    out,
                    "{pad} {blue}|{reset} {}{sev_color}{}{reset}",
                    " ".repeat(caret_at),
                    "^".repeat(width)
                );
            }
        }
        if let Some(note) = &self.note {
            let _ = writeln!(out, "   = note: {note}");
        }
        if let Some(hint) = &self.hint {
            let _ = writeln!(out, "   = {bold}hint{reset}: {hint}");
        }
        out
    }
}

/// The part of `line` shown for a caret at 1-based `column`, with tabs made
/// single spaces so the caret lines up and other control characters shown
/// as U+FFFD (a NUL or an escape sequence must not reach the terminal);
/// returns the text and the caret's 0-based position in it.
fn snippet(line: &str, column: usize) -> (String, usize) {
    let chars: Vec<char> = line
        .chars()
        .map(|c| match c {
            '\t' => ' ',
            c if c.is_control() => char::REPLACEMENT_CHARACTER,
            c => c,
        })
        .collect();
    let at = column.saturating_sub(1).min(chars.len());
    if chars.len() <= SNIPPET_CHARS {
        return (chars.into_iter().collect(), at);
    }
    let start = at.saturating_sub(SNIPPET_CHARS / 2);
    let end = (start + SNIPPET_CHARS).min(chars.len());
    let mut text = String::new();
    let mut caret = at - start;
    if start > 0 {
        text.push('…');
        caret += 1;
    }
    text.extend(&chars[start..end]);
    if end < chars.len() {
        text.push('…');
    }
    (text, caret)
}

/// Why a command could not run at all (exit code 2).
#[derive(Debug)]
pub enum Error {
    /// Reading or writing a file failed.
    Io {
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: io::Error,
    },
    /// No library was given and none was found.
    NoLibrary {
        /// The places looked at, in order.
        tried: Vec<String>,
    },
    /// The input is unusable; the diagnostics say why.
    Input(Vec<Diagnostic>),
    /// The command line or an argument file is wrong.
    Usage(String),
}

impl Error {
    /// An I/O error on `path`.
    pub fn io(path: impl Into<PathBuf>, source: io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io { path, source } => write!(f, "{}: {source}", path.display()),
            Error::NoLibrary { tried } => write!(
                f,
                "no library found: tried {}\n   = hint: pass --bib PATH, set PUBLIST_BIB, or run in a directory holding bib/publications.bib",
                tried.join(", ")
            ),
            Error::Input(diags) => {
                for d in diags {
                    f.write_str(&d.render(MessageFormat::Human, false))?;
                }
                Ok(())
            }
            Error::Usage(msg) => f.write_str(msg),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn human_rendering_points_at_the_column() {
        let src = SourceFile::new("bib/x.bib", "@article{a,\n  journal = AEspA,\n}\n".into());
        let d = Diagnostic::new(
            Severity::Error,
            "unknown-macro",
            "unknown abbreviation `AEspA`",
        )
        .at(Location::at(&src, 24, 5))
        .hint("define it with `@string{AEspA = {...}}`");
        insta::assert_snapshot!(d.render(MessageFormat::Human, false), @r"
        error: unknown abbreviation `AEspA`
          --> bib/x.bib:2:13
          |
        2 |   journal = AEspA,
          |             ^^^^^
           = hint: define it with `@string{AEspA = {...}}`
        ");
        insta::assert_snapshot!(d.render(MessageFormat::Short, false), @"bib/x.bib:2:13: error: unknown abbreviation `AEspA` (hint: define it with `@string{AEspA = {...}}`)");
    }

    #[test]
    fn control_characters_do_not_reach_the_terminal() {
        let (text, at) = snippet("a\0b\u{1b}[2J\tc", 7);
        assert_eq!(text, "a\u{fffd}b\u{fffd}[2J c");
        assert_eq!(text.chars().nth(at), Some('J'));
    }

    #[test]
    fn long_lines_are_cut_around_the_caret() {
        let (text, at) = snippet(&"x".repeat(1000), 500);
        assert_eq!(text.chars().count(), SNIPPET_CHARS + 2);
        assert_eq!(text.chars().nth(at), Some('x'));
        assert_eq!(at, 51);
    }
}
