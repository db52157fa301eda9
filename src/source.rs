//! A loaded text file and the mapping from byte offsets to `line:column`.
//!
//! Parsers work on byte offsets; people read lines and columns. Columns count
//! characters, not bytes, so `M{\"u}ller` points where an editor would.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock, PoisonError};

/// A file's text plus a lazily built index of its lines.
#[derive(Debug)]
pub struct SourceFile {
    path: PathBuf,
    text: Text,
    /// One [`Block`] per [`BLOCK`] bytes, and one for the end of the text.
    /// A position counts lines only from its block's start. Building this
    /// counts the whole file's lines once, many bytes at a time (about a
    /// tenth of an instruction per byte), even for a single finding: far
    /// less than noting every line's start.
    blocks: OnceLock<Vec<Block>>,
    /// The last `(offset, line start, characters between them)` that
    /// [`SourceFile::line_col`] computed: findings come in file order, so
    /// 10,000 of them on one 1 MB line count its characters once, not
    /// 10,000 times.
    last_column: Mutex<(usize, usize, usize)>,
    /// The path as messages show it, made once for all findings.
    shown_path: OnceLock<String>,
}

/// A 1-based line and column (in characters) inside a [`SourceFile`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineCol {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
}

/// The text of a [`SourceFile`]: a `String`, or a large file's own buffer.
#[derive(Debug)]
enum Text {
    Owned(String),
    #[cfg(target_os = "linux")]
    Large(crate::large_text::LargeText),
}

impl std::ops::Deref for Text {
    type Target = str;

    fn deref(&self) -> &str {
        match self {
            Text::Owned(text) => text,
            #[cfg(target_os = "linux")]
            Text::Large(text) => text.as_str(),
        }
    }
}

impl SourceFile {
    /// Wraps `text` read from `path`.
    pub fn new(path: impl Into<PathBuf>, text: String) -> Self {
        SourceFile::with_text(path.into(), Text::Owned(text))
    }

    /// Wraps the text of the large file `path`.
    #[cfg(target_os = "linux")]
    pub(crate) fn large(path: impl Into<PathBuf>, text: crate::large_text::LargeText) -> Self {
        SourceFile::with_text(path.into(), Text::Large(text))
    }

    fn with_text(path: PathBuf, text: Text) -> Self {
        SourceFile {
            path,
            text,
            blocks: OnceLock::new(),
            last_column: Mutex::new((0, 0, 0)),
            shown_path: OnceLock::new(),
        }
    }

    /// The path the text was read from, as given by the user.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The path as messages show it (`Path::display`).
    pub fn shown_path(&self) -> &str {
        self.shown_path
            .get_or_init(|| self.path.display().to_string())
    }

    /// The whole text.
    pub fn text(&self) -> &str {
        &self.text
    }

    fn blocks(&self) -> &[Block] {
        // Built on first use only: most runs never report a position.
        self.blocks.get_or_init(|| {
            let bytes = self.text.as_bytes();
            let mut blocks = Vec::with_capacity(bytes.len() / BLOCK + 2);
            let mut at = Block {
                lines_before: 0,
                line_start: 0,
            };
            for (b, block) in bytes.chunks(BLOCK).enumerate() {
                blocks.push(at);
                at.lines_before += newlines(block);
                if let Some(i) = memchr::memrchr(b'\n', block) {
                    at.line_start = b * BLOCK + i + 1;
                }
            }
            // The end of the text is a position too.
            blocks.push(at);
            blocks
        })
    }

    /// Index (0-based) of the line holding byte `offset`, and where that line
    /// starts; offsets past the end clamp to the last line.
    fn line_index(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let b = offset / BLOCK;
        let block = self.blocks()[b];
        let within = &self.text.as_bytes()[b * BLOCK..offset];
        let start = memchr::memrchr(b'\n', within).map_or(block.line_start, |i| b * BLOCK + i + 1);
        (block.lines_before + newlines(within), start)
    }

    /// The `line:column` of byte `offset`. Never panics: offsets past the end
    /// or inside a character clamp to the nearest valid position.
    pub fn line_col(&self, offset: usize) -> LineCol {
        let offset = floor_char_boundary(&self.text, offset.min(self.text.len()));
        let (index, start) = self.line_index(offset);
        self.line_col_in(offset, index, start)
    }

    /// [`SourceFile::line_col`] and [`SourceFile::line_text`] of `offset`,
    /// finding its line once.
    pub fn place(&self, offset: usize) -> (LineCol, &str) {
        let offset = floor_char_boundary(&self.text, offset.min(self.text.len()));
        let (index, start) = self.line_index(offset);
        (
            self.line_col_in(offset, index, start),
            self.line_from(start),
        )
    }

    /// The `line:column` of `offset`, on line `index` starting at `start`.
    fn line_col_in(&self, offset: usize, index: usize, start: usize) -> LineCol {
        let mut last = self
            .last_column
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let (last_offset, last_start, last_chars) = *last;
        let chars = if last_start == start && last_offset <= offset {
            last_chars + self.text[last_offset..offset].chars().count()
        } else {
            self.text[start..offset].chars().count()
        };
        *last = (offset, start, chars);
        // A byte order mark is no character anyone sees: line 1's columns
        // count from after it.
        let bom = usize::from(start == 0 && offset >= 3 && self.text.starts_with('\u{feff}'));
        LineCol {
            line: index + 1,
            column: chars - bom + 1,
        }
    }

    /// The text of the line holding byte `offset`, without its line ending.
    pub fn line_text(&self, offset: usize) -> &str {
        self.line_from(self.line_index(offset).1)
    }

    /// The line starting at byte `start`, without its line ending (nor the
    /// file's byte order mark).
    fn line_from(&self, start: usize) -> &str {
        let end = memchr::memchr(b'\n', &self.text.as_bytes()[start..])
            .map_or(self.text.len(), |e| start + e + 1);
        let line = self.text[start..end].trim_end_matches(['\n', '\r']);
        if start == 0 {
            line.strip_prefix('\u{feff}').unwrap_or(line)
        } else {
            line
        }
    }
}

/// Bytes per block of [`SourceFile`]'s line index: a position counts the
/// lines of at most this many bytes.
const BLOCK: usize = 1024;

/// Where a block of [`BLOCK`] bytes stands among the lines.
#[derive(Debug, Clone, Copy)]
struct Block {
    /// Lines that end before the block.
    lines_before: usize,
    /// Where the line holding the block's first byte starts.
    line_start: usize,
}

/// The `\n` bytes in `bytes`, counted in runs of 255 so that the compiler
/// adds them as bytes, many at a time.
fn newlines(bytes: &[u8]) -> usize {
    bytes
        .chunks(255)
        .map(|run| usize::from(run.iter().map(|&b| u8::from(b == b'\n')).sum::<u8>()))
        .sum()
}

/// The largest char boundary at or below `offset`.
pub(crate) fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters() {
        let src = SourceFile::new("x.bib", "ab\nM\u{fc}ller = x\n".to_string());
        assert_eq!(src.line_col(0), LineCol { line: 1, column: 1 });
        assert_eq!(src.line_col(3), LineCol { line: 2, column: 1 });
        // 'ü' is two bytes; the space after "Müller" is column 7.
        assert_eq!(src.line_col(10), LineCol { line: 2, column: 7 });
        // Backwards and forwards again, through the cache.
        assert_eq!(src.line_col(4), LineCol { line: 2, column: 2 });
        assert_eq!(src.line_col(10), LineCol { line: 2, column: 7 });
        assert_eq!(src.line_col(1), LineCol { line: 1, column: 2 });
        assert_eq!(src.line_text(10), "M\u{fc}ller = x");
    }

    /// Line and line start of every offset in `text` and one past it,
    /// counted byte by byte from the start.
    fn line_index_reference(text: &str) -> Vec<(usize, usize)> {
        let (mut lines, mut start) = (0, 0);
        let mut answers = Vec::with_capacity(text.len() + 1);
        for (i, &b) in text.as_bytes().iter().enumerate() {
            answers.push((lines, start));
            if b == b'\n' {
                (lines, start) = (lines + 1, i + 1);
            }
        }
        answers.push((lines, start));
        answers
    }

    #[test]
    fn lines_agree_with_counting_from_the_start() {
        // Lines of every length around the block size, CRLF and
        // non-ASCII, and texts ending on and off a block's edge.
        let mut text = String::new();
        for i in 0..40 {
            text.push_str(&"\u{e9}b".repeat(i * 131 % (3 * BLOCK)));
            text.push_str(if i % 3 == 0 { "\r\n" } else { "\n" });
        }
        for len in [0, 1, BLOCK - 1, BLOCK, BLOCK + 1, 2 * BLOCK, text.len()] {
            let end = floor_char_boundary(&text, len);
            let src = SourceFile::new("x.bib", text[..end].to_string());
            let reference = line_index_reference(&text[..end]);
            for o in (0..end + 3).step_by(7).chain([end, BLOCK, BLOCK + 1]) {
                assert_eq!(src.line_index(o), reference[o.min(end)], "{len} {o}");
            }
        }
        let src = SourceFile::new("x.bib", "a\n\nbc d\r\n\u{e9}\u{e9}\nlast".to_string());
        assert_eq!(
            (src.line_col(3), src.line_text(3)),
            (LineCol { line: 3, column: 1 }, "bc d")
        );
        assert_eq!(
            (src.line_col(13), src.line_text(13)),
            (LineCol { line: 4, column: 3 }, "\u{e9}\u{e9}")
        );
    }

    #[test]
    fn newlines_are_counted_across_runs() {
        let bytes: Vec<u8> = (0..2000)
            .map(|i| if i % 3 == 0 { b'\n' } else { b'a' })
            .collect();
        for end in [0, 1, 254, 255, 256, 1000, 2000] {
            let expected = bytes[..end].iter().filter(|&&b| b == b'\n').count();
            assert_eq!(newlines(&bytes[..end]), expected, "{end}");
        }
    }

    #[test]
    fn offsets_past_the_end_clamp() {
        let src = SourceFile::new("x.bib", "a\nb".to_string());
        assert_eq!(src.line_col(99), LineCol { line: 2, column: 2 });
        assert_eq!(src.line_text(99), "b");
        let empty = SourceFile::new("e.bib", String::new());
        assert_eq!(empty.line_col(5), LineCol { line: 1, column: 1 });
    }
}
