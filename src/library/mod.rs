//! A loaded library: the source text, its raw items, each entry's year and
//! CV number, and the publications, normalized on demand.
//!
//! Loading does only what numbering and diagnostics need (one pass over
//! the items); normalizing an entry into a [`Publication`] (names, venue,
//! status, LaTeX to Unicode) happens when a command asks for it, so
//! `list --author X` on a 100,000-entry file normalizes the few entries
//! that can match, not all of them.

mod load;
pub mod numbering;

pub(crate) use load::lower_key;
pub use load::{ENTRY_LIMIT_BYTES, LoadOptions};

use std::sync::{Mutex, OnceLock};

use crate::error::Diagnostic;
use crate::model::Publication;
use crate::normalize::names::Identity;
use crate::normalize::venue::{FastMap, Registry, VenueParse};
use crate::query::Query;
use crate::source::SourceFile;
use crate::syntax::{Field, Item, RawBib};

/// Marks an item without a cross-referenced parent in `Library::parents`.
const NO_PARENT: u32 = u32::MAX;

/// Below twice this many entries, the loader's passes (and the cheap tests
/// of a query) run on one core: each entry costs them about a microsecond,
/// and a thread costs 0.1-0.3 ms to start and fault in its memory.
const PARALLEL_ENTRIES: usize = 4000;

/// Below twice this many entries to normalize (a query's selection, or
/// every entry), they are normalized on one core: each costs several
/// microseconds.
const PARALLEL_RESOLVED: usize = 250;

/// Entries a core normalizes at a time.
const RESOLVE_CHUNK: usize = 128;

/// A `.bib` file loaded and numbered.
#[derive(Debug)]
pub struct Library {
    /// The file's text.
    pub source: SourceFile,
    /// Its items with byte spans.
    pub raw: RawBib,
    /// For each entry (in file order), the index of its item in `raw.items`.
    pub items: Vec<usize>,
    /// For each entry, its year (`year`, else `date`, following `crossref`).
    pub years: Vec<Option<i32>>,
    /// For each entry, its CV number.
    pub numbers: Vec<usize>,
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
    /// Whether the owner came from the command line (the file's own
    /// `publist: owner` is then ignored).
    owner_fixed: bool,
    /// Lower-case key → item index of its first entry.
    keys: FastMap<String, usize>,
    /// For each item, the item its `crossref` (or `xref`) names, or
    /// [`NO_PARENT`]; found once, read for every field lookup.
    parents: Vec<u32>,
    /// What the owner's name may mean ([`crate::normalize::names::query_identities`]).
    owner_id: Vec<Identity>,
    /// Venue strings repeat; each distinct one is parsed once.
    venue_cache: Mutex<FastMap<String, VenueParse>>,
    /// Every publication, once some command asked for all of them.
    resolved: OnceLock<Vec<Publication>>,
}

impl Library {
    /// How many entries loaded.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether no entry loaded.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Every publication in file order, normalized on first use.
    pub fn publications(&self) -> &[Publication] {
        // Normalizing is most of what `tags` and `stats` do on a large
        // library; entries are independent, so cores share them.
        self.resolved.get_or_init(|| {
            let every: Vec<usize> = (0..self.len()).collect();
            self.resolve_each(&every, |_| true)
        })
    }

    /// Entry `i` (in file order) as a publication.
    pub fn publication(&self, i: usize) -> Publication {
        match self.resolved.get() {
            Some(all) => all[i].clone(),
            None => self.resolve(i),
        }
    }

    /// Publications ordered by number, newest (highest) first.
    pub fn newest_first(&self) -> Vec<&Publication> {
        let mut out: Vec<&Publication> = self.publications().iter().collect();
        out.sort_by_key(|p| std::cmp::Reverse(p.number));
        out
    }

    /// Entry indexes ordered by number, newest first.
    pub fn order_newest_first(&self) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.len()).collect();
        order.sort_by_key(|&i| std::cmp::Reverse(self.numbers[i]));
        order
    }

    /// The publications `query` selects, newest first. Cheap tests (numbers,
    /// years, whether the author field can hold the name, the venue, the
    /// title or the keywords alone) run on the raw entry, so only candidates
    /// are normalized.
    pub fn select(&self, query: &Query) -> Vec<Publication> {
        if let Some(all) = self.resolved.get() {
            let mut out: Vec<Publication> = all
                .iter()
                .filter(|p| query.matches(p, &self.registry))
                .cloned()
                .collect();
            out.sort_by_key(|p| std::cmp::Reverse(p.number));
            return out;
        }
        // Normalizing what passes the cheap tests (every entry, for `cv` or
        // `export` without filters), in chunks taken by whichever core is free.
        let candidates = self.candidates(query);
        self.resolve_each(&candidates, |p| query.matches(p, &self.registry))
    }

    /// The entries `query` may select, newest first: those that pass its
    /// cheap tests on the raw entry.
    fn candidates(&self, query: &Query) -> Vec<usize> {
        // Cores share a large library.
        let order = self.order_newest_first();
        crate::par::concat(crate::par::run(
            crate::par::ranges(order.len(), PARALLEL_ENTRIES),
            |r| {
                order[r]
                    .iter()
                    .copied()
                    .filter(|&i| query.may_match(self.numbers[i], self.years[i]))
                    .filter(|&i| {
                        query.authors.is_empty() || query.may_have_author(&self.author_text(i))
                    })
                    .filter(|&i| {
                        !query.tests_venue()
                            || query.matches_venue(&self.venue_of_entry(i), &self.registry)
                    })
                    .filter(|&i| query.titles.is_empty() || query.matches_title(&self.title_of(i)))
                    .filter(|&i| {
                        query.topics.is_empty() || query.matches_topics(&self.keywords_of(i))
                    })
                    .collect::<Vec<_>>()
            },
        ))
    }

    /// The publications `query` selects, newest first, handed to `fill`
    /// a chunk at a time on whichever core is free, and the buffers to
    /// `sink` in order (see [`crate::par::stream`]). Each chunk's
    /// publications are dropped once filled in: an export of a whole large
    /// library holds its buffers, not every publication.
    pub(crate) fn stream_selected<T: Default + Send, E>(
        &self,
        query: &Query,
        fill: impl Fn(&Publication, &mut T) + Sync,
        mut sink: impl FnMut(&mut T) -> Result<(), E>,
    ) -> Result<(), E> {
        /// A buffer with the names its chunks have parsed.
        #[derive(Default)]
        struct Buffer<T> {
            names: load::NameCache,
            out: T,
        }
        let resolved = self.resolved.get();
        let candidates = match resolved {
            Some(_) => self.order_newest_first(),
            None => self.candidates(query),
        };
        crate::par::stream(
            candidates.len(),
            RESOLVE_CHUNK,
            PARALLEL_RESOLVED,
            |r, buf: &mut Buffer<T>| {
                for &i in &candidates[r] {
                    let resolved_now;
                    let p = match resolved {
                        Some(all) => &all[i],
                        None => {
                            resolved_now = self.resolve_with(i, &mut buf.names);
                            &resolved_now
                        }
                    };
                    if query.matches(p, &self.registry) {
                        fill(p, &mut buf.out);
                    }
                }
            },
            |buf| sink(&mut buf.out),
        )
    }

    /// Entries `entries` as publications, in their order, those `keep`
    /// accepts: chunks of them taken by whichever core is free, each core
    /// with its own cache of parsed names.
    fn resolve_each(
        &self,
        entries: &[usize],
        keep: impl Fn(&Publication) -> bool + Sync,
    ) -> Vec<Publication> {
        let (_, chunks) = crate::par::chunks(
            entries.len(),
            RESOLVE_CHUNK,
            PARALLEL_RESOLVED,
            load::NameCache::default,
            |names, r| {
                entries[r]
                    .iter()
                    .map(|&i| self.resolve_with(i, names))
                    .filter(|p| keep(p))
                    .collect::<Vec<_>>()
            },
            |_| (),
        );
        crate::par::concat(chunks)
    }

    /// Lower-case key → item index, when no two entries share a key.
    pub(crate) fn items_by_unique_key(&self) -> Option<&FastMap<String, usize>> {
        // Every entry item counts, crossref containers too (they are keyed
        // but are no publications).
        (self.keys.len() == self.entry_items().count()).then_some(&self.keys)
    }

    /// The item indexes of every entry in the file, in file order: the
    /// publications and the crossref containers that are none.
    pub(crate) fn entry_items(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.raw.items.len())
            .filter(|&i| self.raw.items[i].kind == crate::syntax::ItemKind::Entry)
    }

    /// The raw author (else editor) value of entry `i`, macros expanded.
    fn author_text(&self, i: usize) -> std::borrow::Cow<'_, str> {
        let index = self.items[i];
        let parent = self.crossref_parent(index);
        self.field(index, parent, "author")
            .or_else(|| self.field(index, parent, "editor"))
            .unwrap_or_default()
    }

    /// The entry with CV number `number`, as an index into `items`.
    pub fn index_of_number(&self, number: usize) -> Option<usize> {
        self.numbers.iter().position(|&n| n == number)
    }

    /// The entry with citation key `key` (exact, then ignoring case), as an
    /// index into `items`.
    pub fn index_of_key(&self, key: &str) -> Option<usize> {
        let text = self.source.text();
        let key_of = |i: &usize| self.raw.items[*i].key.of(text);
        self.items
            .iter()
            .position(|i| key_of(i) == key)
            .or_else(|| {
                self.items
                    .iter()
                    .position(|i| key_of(i).eq_ignore_ascii_case(key))
            })
    }

    /// The publication with CV number `number`.
    pub fn by_number(&self, number: usize) -> Option<&Publication> {
        self.index_of_number(number)
            .map(|i| &self.publications()[i])
    }

    /// The publication with citation key `key` (exact, then ignoring case).
    pub fn by_key(&self, key: &str) -> Option<&Publication> {
        self.index_of_key(key).map(|i| &self.publications()[i])
    }

    /// The raw item of entry `index` (an index into `items`).
    pub fn item_of(&self, index: usize) -> &Item {
        &self.raw.items[self.items[index]]
    }

    /// The citation key of entry `index`, as written.
    pub fn key_of(&self, index: usize) -> &str {
        self.item_of(index).key.of(self.source.text())
    }

    /// The raw fields of entry `index`.
    pub fn fields_of(&self, index: usize) -> &[Field] {
        self.raw.fields_of(self.item_of(index))
    }

    /// Every field of entry `index` as (name, resolved LaTeX value).
    pub fn field_values(&self, index: usize) -> Vec<(String, String)> {
        self.item_field_values(self.items[index])
    }

    /// [`Library::field_values`] of raw item `item`: also of a crossref
    /// container, which is no publication.
    pub(crate) fn item_field_values(&self, item: usize) -> Vec<(String, String)> {
        let text = self.source.text();
        self.raw
            .fields_of(&self.raw.items[item])
            .iter()
            .map(|f| {
                (
                    f.name.of(text).to_ascii_lowercase(),
                    self.macros.resolve(text, f).into_owned(),
                )
            })
            .collect()
    }

    /// The 1-based line where entry `index` starts.
    pub fn line_of(&self, index: usize) -> usize {
        self.source
            .line_col(self.item_of(index).span.start as usize)
            .line
    }

    /// Entries that loaded plus entries skipped.
    pub fn entry_count(&self) -> usize {
        self.len() + self.skipped
    }

    /// Whether publist may write this library back: it parsed completely
    /// and its text is the file's (no invalid UTF-8, no UTF-16, no NUL byte).
    pub fn rewritable(&self) -> bool {
        self.raw.errors.is_empty() && !self.lossy && self.unreadable().next().is_none()
    }

    /// The loader's findings that keep publist from rewriting the file:
    /// syntax errors and encoding problems.
    pub fn unreadable(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| {
            matches!(d.code, "invalid-utf8" | "utf16" | "nul-byte")
                || (d.code == "syntax" && d.severity == crate::error::Severity::Error)
        })
    }
}
