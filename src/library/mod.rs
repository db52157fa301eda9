//! A loaded library: the source text, its raw items, and the normalized
//! publications with their CV numbers.

mod load;
pub mod numbering;

pub use load::{ENTRY_LIMIT_BYTES, LoadOptions};

use crate::error::Diagnostic;
use crate::model::Publication;
use crate::normalize::venue::Registry;
use crate::source::SourceFile;
use crate::syntax::{Field, Item, RawBib};

/// A `.bib` file loaded and normalized.
#[derive(Debug)]
pub struct Library {
    /// The file's text.
    pub source: SourceFile,
    /// Its items with byte spans.
    pub raw: RawBib,
    /// One publication per entry, in file order, numbered.
    pub publications: Vec<Publication>,
    /// For each publication, the index of its item in `raw.items`.
    pub items: Vec<usize>,
    /// The owner's name, from `--me`, `$PUBLIST_ME` or the library's
    /// `@comment{publist: owner = ...}`.
    pub owner: Option<String>,
    /// Everything the loader found wrong, in file order.
    pub diagnostics: Vec<Diagnostic>,
    /// Entries that could not be parsed and were skipped.
    pub skipped: usize,
    /// Whether the text had to be repaired (invalid UTF-8), so writing it
    /// back would change bytes the user did not ask to change.
    pub lossy: bool,
    /// The venue registry used.
    pub registry: Registry,
    /// `@string` macros, for resolving field values.
    pub(crate) macros: load::Macros,
}

impl Library {
    /// Publications ordered by number, newest (highest) first.
    pub fn newest_first(&self) -> Vec<&Publication> {
        let mut out: Vec<&Publication> = self.publications.iter().collect();
        out.sort_by_key(|p| std::cmp::Reverse(p.number));
        out
    }

    /// The publication with CV number `number`.
    pub fn by_number(&self, number: usize) -> Option<&Publication> {
        self.publications.iter().find(|p| p.number == number)
    }

    /// The publication with citation key `key` (exact, then ignoring case).
    pub fn by_key(&self, key: &str) -> Option<&Publication> {
        self.publications.iter().find(|p| p.key == key).or_else(|| {
            self.publications
                .iter()
                .find(|p| p.key.eq_ignore_ascii_case(key))
        })
    }

    /// The raw item of publication `index` (an index into `publications`).
    pub fn item_of(&self, index: usize) -> &Item {
        &self.raw.items[self.items[index]]
    }

    /// The raw fields of publication `index`.
    pub fn fields_of(&self, index: usize) -> &[Field] {
        self.raw.fields_of(self.item_of(index))
    }

    /// Every field of publication `index` as (name, resolved LaTeX value).
    pub fn field_values(&self, index: usize) -> Vec<(String, String)> {
        let text = self.source.text();
        self.fields_of(index)
            .iter()
            .map(|f| {
                (
                    f.name.of(text).to_ascii_lowercase(),
                    self.macros.resolve(text, f.value).into_owned(),
                )
            })
            .collect()
    }

    /// The 1-based line where publication `index` starts.
    pub fn line_of(&self, index: usize) -> usize {
        self.source
            .line_col(self.item_of(index).span.start as usize)
            .line
    }

    /// Entries that loaded plus entries skipped.
    pub fn entry_count(&self) -> usize {
        self.publications.len() + self.skipped
    }
}
