//! A loaded text file and the mapping from byte offsets to `line:column`.
//!
//! Parsers work on byte offsets; people read lines and columns. Columns count
//! characters, not bytes, so `M{\"u}ller` points where an editor would.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock, PoisonError};

/// A file's text plus a lazily built index of where each line starts.
#[derive(Debug)]
pub struct SourceFile {
    path: PathBuf,
    text: String,
    line_starts: OnceLock<Vec<usize>>,
    /// The last `(offset, line start, characters between them)` that
    /// [`SourceFile::line_col`] computed: findings come in file order, so
    /// 10,000 of them on one 1 MB line count its characters once, not
    /// 10,000 times.
    last_column: Mutex<(usize, usize, usize)>,
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
            last_column: Mutex::new((0, 0, 0)),
        }
    }

    /// The path the text was read from, as given by the user.
    pub fn path(&self) -> &Path {
        &self.path
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

    /// Index (0-based) of the line holding byte `offset`; offsets past the end
    /// clamp to the last line.
    fn line_index(&self, offset: usize) -> usize {
        let starts = self.line_starts();
        match starts.binary_search(&offset.min(self.text.len())) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
    }

    /// The `line:column` of byte `offset`. Never panics: offsets past the end
    /// or inside a character clamp to the nearest valid position.
    pub fn line_col(&self, offset: usize) -> LineCol {
        let offset = floor_char_boundary(&self.text, offset.min(self.text.len()));
        let index = self.line_index(offset);
        let start = self.line_starts()[index];
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
        let index = self.line_index(offset);
        let starts = self.line_starts();
        let start = starts[index];
        let end = starts.get(index + 1).map_or(self.text.len(), |&e| e);
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
    fn offsets_past_the_end_clamp() {
        let src = SourceFile::new("x.bib", "a\nb".to_string());
        assert_eq!(src.line_col(99), LineCol { line: 2, column: 2 });
        assert_eq!(src.line_text(99), "b");
        let empty = SourceFile::new("e.bib", String::new());
        assert_eq!(empty.line_col(5), LineCol { line: 1, column: 1 });
    }
}
