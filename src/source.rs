//! A loaded text file and the mapping from byte offsets to `line:column`.
//!
//! Parsers work on byte offsets; people read lines and columns. Columns count
//! characters, not bytes, so `M{\"u}ller` points where an editor would.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock, PoisonError};

/// A file's text plus a lazily built index of where each line starts.
#[derive(Debug)]
pub struct SourceFile {
    path: PathBuf,
    text: String,
    line_starts: OnceLock<Vec<usize>>,
    /// Bytes scanned so far to count lines without the index. A handful of
    /// findings in a large file cost less counted than indexed; once the
    /// bytes counted reach the file's length, the index is built, so many
    /// findings never cost more than two scans.
    counted: AtomicUsize,
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

impl SourceFile {
    /// Wraps `text` read from `path`.
    pub fn new(path: impl Into<PathBuf>, text: String) -> Self {
        SourceFile {
            path: path.into(),
            text,
            line_starts: OnceLock::new(),
            counted: AtomicUsize::new(0),
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

    fn line_starts(&self) -> &[usize] {
        // Built on first use only: most runs never report a position.
        self.line_starts.get_or_init(|| {
            let mut starts = vec![0];
            starts.extend(memchr::memchr_iter(b'\n', self.text.as_bytes()).map(|i| i + 1));
            starts
        })
    }

    /// Index (0-based) of the line holding byte `offset`, and where that line
    /// starts; offsets past the end clamp to the last line.
    fn line_index(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let scan = offset.max(1);
        if self.line_starts.get().is_none()
            && self.counted.fetch_add(scan, Ordering::Relaxed) + scan <= self.text.len()
        {
            let before = &self.text.as_bytes()[..offset];
            let index = memchr::memchr_iter(b'\n', before).count();
            let start = memchr::memrchr(b'\n', before).map_or(0, |i| i + 1);
            return (index, start);
        }
        let starts = self.line_starts();
        let index = match starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        (index, starts[index])
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
        LineCol {
            line: index + 1,
            column: chars + 1,
        }
    }

    /// The text of the line holding byte `offset`, without its line ending.
    pub fn line_text(&self, offset: usize) -> &str {
        self.line_from(self.line_index(offset).1)
    }

    /// The line starting at byte `start`, without its line ending.
    fn line_from(&self, start: usize) -> &str {
        let end = memchr::memchr(b'\n', &self.text.as_bytes()[start..])
            .map_or(self.text.len(), |e| start + e + 1);
        self.text[start..end].trim_end_matches(['\n', '\r'])
    }
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

    #[test]
    fn counted_and_indexed_positions_agree() {
        let text = "a\n\nbc d\r\n\u{e9}\u{e9}\nlast".to_string();
        let counted = SourceFile::new("x.bib", text.clone());
        let answers: Vec<(LineCol, &str)> = (0..=text.len() + 2)
            .map(|o| (counted.line_col(o), counted.line_text(o)))
            .collect();
        assert!(counted.line_starts.get().is_some(), "the index took over");
        // The index answers every lookup from the first.
        let indexed = SourceFile::new("x.bib", text.clone());
        indexed.counted.store(text.len(), Ordering::Relaxed);
        for (o, answer) in answers.iter().enumerate() {
            assert_eq!(
                (indexed.line_col(o), indexed.line_text(o)),
                *answer,
                "offset {o}"
            );
        }
        assert_eq!(answers[3], (LineCol { line: 3, column: 1 }, "bc d"));
        assert_eq!(
            answers[13],
            (LineCol { line: 4, column: 3 }, "\u{e9}\u{e9}")
        );
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
