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

use crate::source::{SourceFile, floor_char_boundary};

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
    /// The part of the source line shown under the message: the whole line
    /// when short, else a window around the column marked `…` where cut.
    /// Tabs are spaces and other control characters U+FFFD.
    #[serde(skip)]
    pub source_line: String,
    /// Where the caret goes in `source_line`, in characters from 0.
    #[serde(skip)]
    pub caret: usize,
    /// How many characters the caret underlines (at least 1).
    #[serde(skip)]
    pub width: usize,
}

impl Location {
    /// The location of byte `offset` in `source`, underlining `len` bytes.
    ///
    /// Only a window of the line is kept: a file written on one 1 MB line
    /// with 10,000 findings must not hold 10,000 copies of the line.
    pub fn at(source: &SourceFile, offset: usize, len: usize) -> Location {
        let text = source.text();
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let (lc, line) = source.place(offset);
        // `line` borrows from `text`, so its start is the distance between them.
        let line_start = line.as_ptr() as usize - text.as_ptr() as usize;
        let (source_line, caret) = window(line, offset.saturating_sub(line_start));
        let end = floor_char_boundary(text, (offset + len).min(text.len()));
        let width = text[offset..end]
            .split('\n')
            .next()
            .map_or(1, |s| s.chars().take(SNIPPET_CHARS).count().max(1));
        Location {
            path: source.shown_path().to_string(),
            line: lc.line,
            column: lc.column,
            source_line,
            caret,
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
            caret: 0,
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
        let mut out = String::with_capacity(256);
        self.render_into(format, color, &mut out);
        out
    }

    /// [`Diagnostic::render`], appended to `out`: a large library has tens
    /// of thousands of findings, rendered into a few reused buffers.
    pub fn render_into(&self, format: MessageFormat, color: bool, out: &mut String) {
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
        if format == MessageFormat::Short {
            if let Some(loc) = &self.location {
                let _ = write!(out, "{loc}: ");
            }
            let _ = write!(out, "{sev_color}{}{reset}: {}", self.severity, self.message);
            if let Some(hint) = &self.hint {
                let _ = write!(out, " (hint: {hint})");
            }
            out.push('\n');
            return;
        }
        // Pushed piece by piece, not through `format!`: a large library can
        // have tens of thousands of findings.
        let severity = self.severity.to_string();
        out.extend([
            sev_color,
            &severity,
            reset,
            bold,
            ": ",
            &self.message,
            reset,
            "\n",
        ]);
        if let Some(loc) = &self.location {
            out.extend(["  ", blue, "-->", reset, " ", &loc.path, ":"]);
            push_number(out, loc.line);
            out.push(':');
            push_number(out, loc.column);
            out.push('\n');
            if !loc.source_line.is_empty() || loc.line > 0 {
                let (snippet, caret_at) = (&loc.source_line, loc.caret);
                let num = loc.line.to_string();
                let pad = |out: &mut String| out.extend(std::iter::repeat_n(' ', num.len()));
                pad(out);
                out.extend([" ", blue, "|", reset, "\n"]);
                out.extend([blue, &num, " |", reset, " ", snippet, "\n"]);
                let width = loc
                    .width
                    .min(snippet.chars().count().saturating_sub(caret_at).max(1));
                pad(out);
                out.extend([" ", blue, "|", reset, " "]);
                out.extend(std::iter::repeat_n(' ', caret_at));
                out.push_str(sev_color);
                out.extend(std::iter::repeat_n('^', width));
                out.extend([reset, "\n"]);
            }
        }
        if let Some(note) = &self.note {
            out.extend(["   = note: ", note, "\n"]);
        }
        if let Some(hint) = &self.hint {
            out.extend(["   = ", bold, "hint", reset, ": ", hint, "\n"]);
        }
    }
}

/// Appends `n` in decimal.
fn push_number(out: &mut String, n: usize) {
    let _ = write!(out, "{n}");
}

/// The part of `line` shown for a caret at byte `caret`: the whole line up
/// to [`SNIPPET_CHARS`] characters, else that many around the caret with `…`
/// where cut. Tabs become single spaces so the caret lines up, and other
/// control characters U+FFFD (a NUL or an escape sequence must not reach the
/// terminal). Returns the text and the caret's position in it, in
/// characters. Costs the window, not the line.
fn window(line: &str, caret: usize) -> (String, usize) {
    let caret = floor_char_boundary(line, caret.min(line.len()));
    let short = line.len() <= SNIPPET_CHARS || line.chars().nth(SNIPPET_CHARS).is_none();
    let (start, end) = if short {
        (0, line.len())
    } else {
        let start = line[..caret]
            .char_indices()
            .rev()
            .take(SNIPPET_CHARS / 2)
            .last()
            .map_or(caret, |(i, _)| i);
        let end = line[start..]
            .char_indices()
            .nth(SNIPPET_CHARS)
            .map_or(line.len(), |(i, _)| start + i);
        (start, end)
    };
    let mut text = String::new();
    if start > 0 {
        text.push('…');
    }
    let at = usize::from(start > 0) + line[start..caret].chars().count();
    let shown = &line[start..end];
    // Control characters are C0 and DEL (bytes below 0x20 and 0x7F) or C1
    // (0xC2 0x80–0x9F): without any of those bytes the text goes in whole.
    if shown.bytes().any(|b| b < 0x20 || b == 0x7f || b == 0xc2) {
        text.extend(shown.chars().map(|c| match c {
            '\t' => ' ',
            c if c.is_control() => char::REPLACEMENT_CHARACTER,
            c => c,
        }));
    } else {
        text.push_str(shown);
    }
    if end < line.len() {
        text.push('…');
    }
    (text, at)
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
        let (text, at) = window("a\0b\u{1b}[2J\tc", 6);
        assert_eq!(text, "a\u{fffd}b\u{fffd}[2J c");
        assert_eq!(text.chars().nth(at), Some('J'));
    }

    #[test]
    fn long_lines_are_cut_around_the_caret() {
        let (text, at) = window(&"x".repeat(1000), 499);
        assert_eq!(text.chars().count(), SNIPPET_CHARS + 2);
        assert_eq!(text.chars().nth(at), Some('x'));
        assert_eq!(at, 51);
    }
}
