//! `.bib` text → [`Library`]: parse, expand `@string`s, follow `crossref`,
//! normalize every entry, number them, and collect diagnostics.
//!
//! Loading never fails on content: broken entries are reported and skipped,
//! everything else loads. Only an unreadable file is an error.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock, PoisonError};

use super::Library;
use crate::error::{Diagnostic, Error, Location, Severity};
use crate::latex::to_unicode;
use crate::model::{Kind, Person, Publication, Status, Venue};
use crate::normalize::names::{parse_name, query_identities, split_names, strip_equal_marker};
use crate::normalize::venue::{FastMap, Registry, VenueParse, award_in};
use crate::normalize::{
    arxiv_id, is_award_text, mentions_arxiv, parse_annotations, status_from_text,
};
use crate::source::SourceFile;
use crate::syntax::{self, Field, ItemKind, ParseErrorKind, Part, Span, value_parts};

/// Files this large or larger cannot be addressed by the parser's 32-bit
/// spans; they are refused with an error that says so.
pub const ENTRY_LIMIT_BYTES: usize = u32::MAX as usize;

/// What the loader needs besides the text.
#[derive(Debug, Clone)]
pub struct LoadOptions {
    /// The owner's name, overriding the library's own `publist: owner`.
    pub owner: Option<String>,
    /// The venue registry (built-in plus the user's `venues.json`).
    pub registry: Registry,
    /// Whether to run the checks that only produce findings (repeated
    /// fields, dangling crossrefs, swallowed entries, `author+an`, macros an
    /// entry uses): `fmt`, which shows none of them, turns them off.
    pub checks: bool,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions {
            owner: None,
            registry: Registry::default(),
            checks: true,
        }
    }
}

/// `@string` macros by lower-case name, with their expanded values.
///
/// Expansion is budgeted: `@string{b = a # a}` doubles `a`, forty such
/// lines make a terabyte, and a big macro used in 100,000 entries copies it
/// 100,000 times. Every byte a macro contributes to a value is taken from
/// [`Macros::budget`], sized from the file (see [`expansion_budget`]); once it
/// runs out, values stop where they are and the loader reports it. Real
/// bibliographies use a small fraction of it.
#[derive(Debug, Default)]
pub(crate) struct Macros {
    /// Lower-case name → expansion and the item that defined it. Names are
    /// kept as bytes, so a name lower-cased for a lookup needs no UTF-8
    /// check.
    map: FastMap<Box<[u8]>, (String, usize)>,
    /// Every definition of a name defined more than once, as (where its
    /// `@string` starts, expansion) in file order: an entry uses the one
    /// defined last before it, as BibTeX reads the file.
    redefined: FastMap<Box<[u8]>, Vec<(usize, String)>>,
    /// Bytes macro expansions may still produce.
    budget: AtomicUsize,
    /// Whether an expansion was cut short because the budget ran out.
    exhausted: AtomicBool,
    /// Where the first value cut short starts (`usize::MAX` before).
    first_cut: AtomicUsize,
    /// What expanding every entry's fields once needs, summed at load.
    demand: AtomicUsize,
    /// Where that sum passed a quarter of the budget (`usize::MAX` before).
    first_overdemand: AtomicUsize,
}

/// What macro expansion may produce for a text of `len` bytes: eight times
/// the text plus 64 MiB. Loading the corpora in `tests/corpus/` spends at
/// most a fifth of the text's size (IRIDIA, with 1,716 macros).
fn expansion_budget(len: usize) -> usize {
    len.saturating_mul(8).saturating_add(64 << 20)
}

/// A month abbreviation's full name (`jan` → January), any case.
fn month(name: &str) -> Option<&'static str> {
    MONTHS
        .iter()
        .find(|(m, _)| m.eq_ignore_ascii_case(name))
        .map(|(_, full)| *full)
}

const MONTHS: [(&str, &str); 12] = [
    ("jan", "January"),
    ("feb", "February"),
    ("mar", "March"),
    ("apr", "April"),
    ("may", "May"),
    ("jun", "June"),
    ("jul", "July"),
    ("aug", "August"),
    ("sep", "September"),
    ("oct", "October"),
    ("nov", "November"),
    ("dec", "December"),
];

impl Macros {
    fn get(&self, name: &str) -> Option<&str> {
        match self.lookup(name) {
            Some((value, _)) => Some(value),
            None => month(name),
        }
    }

    /// [`Macros::get`] for a use at byte `offset`: of a name defined more
    /// than once, the definition last before it (the first, for a use
    /// before any, as for a name defined once).
    fn get_at(&self, name: &str, offset: usize) -> Option<&str> {
        if !self.redefined.is_empty()
            && let Some(defs) = self.redefined.get(name.to_ascii_lowercase().as_bytes())
        {
            let before = defs.partition_point(|&(at, _)| at < offset);
            return defs.get(before.saturating_sub(1)).map(|(_, v)| v.as_str());
        }
        self.get(name)
    }

    /// [`Macros::get`] as it answered while loading item `before`, for a
    /// library that defines no macro twice: a macro defined by an earlier
    /// item, else a month name.
    fn get_before(&self, name: &str, before: usize) -> Option<&str> {
        match self.lookup(name) {
            Some((value, at)) if *at < before => Some(value),
            _ => month(name),
        }
    }

    /// The definition of `name`, in any case.
    fn lookup(&self, name: &str) -> Option<&(String, usize)> {
        // Keys are stored in lower case: a name in lower case is one lookup.
        if !name.bytes().any(|b| b.is_ascii_uppercase()) {
            return self.map.get(name.as_bytes());
        }
        // Lower-cased on the stack: files that write macros in capitals
        // (`IEEE_J_EC`) look one up for nearly every field.
        let mut buf = [0u8; 64];
        match buf.get_mut(..name.len()) {
            Some(short) => {
                short.copy_from_slice(name.as_bytes());
                short.make_ascii_lowercase();
                self.map.get(&*short)
            }
            None => self.map.get(name.to_ascii_lowercase().as_bytes()),
        }
    }

    fn with_budget(budget: usize) -> Macros {
        Macros {
            map: FastMap::default(),
            redefined: FastMap::default(),
            budget: AtomicUsize::new(budget),
            exhausted: AtomicBool::new(false),
            first_cut: AtomicUsize::new(usize::MAX),
            demand: AtomicUsize::new(0),
            first_overdemand: AtomicUsize::new(usize::MAX),
        }
    }

    /// Entries are normalized lazily, after loading; so that a file whose
    /// entries would exhaust the budget is reported at load, the loader adds
    /// up what expanding each macro use once needs. Past a quarter of the
    /// budget left (a command may resolve a field several times), it notes
    /// the place.
    /// `budget` is what was left when the use was read (uses checked after
    /// the load pass are replayed with it).
    fn note_demand(&self, len: usize, at: usize, budget: usize) {
        let demand = self.demand.load(Ordering::Relaxed).saturating_add(len);
        self.demand.store(demand, Ordering::Relaxed);
        if demand > budget / 4 {
            let _ = self.first_overdemand.compare_exchange(
                usize::MAX,
                at,
                Ordering::Relaxed,
                Ordering::Relaxed,
            );
        }
    }

    /// Takes `len` bytes from the expansion budget for the value at `at`;
    /// false (and nothing taken) when not that many are left.
    fn spend(&self, len: usize, at: usize) -> bool {
        let ok = self
            .budget
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |left| {
                left.checked_sub(len)
            })
            .is_ok();
        if !ok && !self.exhausted.swap(true, Ordering::Relaxed) {
            self.first_cut.store(at, Ordering::Relaxed);
        }
        ok
    }

    /// Where the first value cut short by the expansion budget starts.
    fn first_cut(&self) -> Option<usize> {
        self.exhausted
            .load(Ordering::Relaxed)
            .then(|| self.first_cut.load(Ordering::Relaxed))
    }

    /// The value of a raw value expression: parts concatenated, macros
    /// expanded (an unknown macro stands for its own name). Once the
    /// expansion budget is spent, a value ends before the macro that would
    /// overdraw it.
    pub(crate) fn resolve<'a>(&'a self, text: &'a str, field: &Field) -> Cow<'a, str> {
        let value = field.value;
        let raw = value.of(text);
        let bytes = raw.as_bytes();
        // Fast path: one braced or quoted part, by far the common case.
        if !field.concatenated
            && bytes.len() >= 2
            && ((bytes[0] == b'{' && bytes[bytes.len() - 1] == b'}')
                || (bytes[0] == b'"' && bytes[bytes.len() - 1] == b'"'))
        {
            return Cow::Borrowed(&raw[1..raw.len() - 1]);
        }
        if bytes.iter().all(u8::is_ascii_digit) {
            return Cow::Borrowed(raw);
        }
        let parts = value_parts(text, value);
        match parts.clone().single() {
            Some(Part::Braced(s) | Part::Quoted(s) | Part::Number(s)) => {
                return Cow::Borrowed(s.of(text));
            }
            // One macro (`journal = IEEE_J_EC`, `month = jan`): its
            // expansion, borrowed.
            Some(Part::Macro(s)) => {
                return match self.get_at(s.of(text), value.start as usize) {
                    Some(expansion) if self.spend(expansion.len(), value.start as usize) => {
                        Cow::Borrowed(expansion)
                    }
                    Some(_) => Cow::Borrowed(""),
                    None => Cow::Borrowed(s.of(text)),
                };
            }
            None => {}
        }
        // Authors written as `AUTH_A # " and " # AUTH_B` are resolved for
        // every `--author` query: one allocation, sized for short macros.
        let mut out = String::with_capacity(raw.len() + 32);
        for part in parts {
            match part {
                Part::Braced(s) | Part::Quoted(s) | Part::Number(s) => out.push_str(s.of(text)),
                Part::Macro(s) => match self.get_at(s.of(text), value.start as usize) {
                    Some(expansion) if self.spend(expansion.len(), value.start as usize) => {
                        out.push_str(expansion)
                    }
                    Some(_) => break,
                    None => out.push_str(s.of(text)),
                },
            }
        }
        Cow::Owned(out)
    }
}

/// What [`Library::macro_uses`] finds in one item.
#[derive(Default)]
struct MacroUses {
    /// Names no macro defines (yet).
    unknown: Vec<Span>,
    /// (expansion length, where the value starts) of each known use.
    known: Vec<(usize, usize)>,
}

impl Library {
    /// Reads and loads the library at `path`. Invalid UTF-8 is reported with
    /// its line and replaced, so the rest still loads.
    pub fn load(path: &Path, options: LoadOptions) -> Result<Library, Error> {
        match read_limited(path)? {
            Contents::Bytes(bytes) => Library::from_bytes(path, bytes, options),
            #[cfg(target_os = "linux")]
            Contents::Large(text) => {
                let mut lib = Library::from_source(SourceFile::large(path, text), options);
                lib.report_nul_byte();
                Ok(lib)
            }
        }
    }

    /// Loads a library from the bytes of a file read from `path`. Fails only
    /// on a file too large to address; encoding problems (invalid UTF-8,
    /// UTF-16, NUL bytes) become diagnostics and the rest still loads.
    pub fn from_bytes(path: &Path, bytes: Vec<u8>, options: LoadOptions) -> Result<Library, Error> {
        if bytes.len() >= ENTRY_LIMIT_BYTES {
            return Err(too_large(path, bytes.len() as u64));
        }
        if let Some(text) = decode_utf16(&bytes) {
            if text.len() >= ENTRY_LIMIT_BYTES {
                return Err(too_large(path, text.len() as u64));
            }
            let mut lib = Library::from_text(path, text, options);
            let diag = Diagnostic::new(Severity::Warning, "utf16", "the file is UTF-16, not UTF-8")
                .at(Location::at(&lib.source, 0, 1))
                .hint("publist reads it but will not rewrite it; save it as UTF-8 (e.g. `iconv -f UTF-16 -t UTF-8 old.bib > new.bib`)");
            lib.diagnostics.insert(0, diag);
            lib.lossy = true;
            return Ok(lib);
        }
        let mut lib = match String::from_utf8(bytes) {
            Ok(text) => Library::from_text(path, text, options),
            Err(err) => {
                let valid = err.utf8_error().valid_up_to();
                let text = String::from_utf8_lossy(err.as_bytes()).into_owned();
                let prefix_len = String::from_utf8_lossy(&err.as_bytes()[..valid]).len();
                let mut lib = Library::from_text(path, text, options);
                let diag = Diagnostic::new(Severity::Error, "invalid-utf8", "the file is not valid UTF-8")
                    .at(Location::at(&lib.source, prefix_len, 1))
                    .hint("save the file as UTF-8; publist shows the bad bytes as U+FFFD and will not rewrite this file");
                lib.diagnostics.insert(0, diag);
                lib.lossy = true;
                lib
            }
        };
        lib.report_nul_byte();
        Ok(lib)
    }

    /// Reports the first NUL byte of the file, after the encoding problems
    /// and before the per-entry findings.
    fn report_nul_byte(&mut self) {
        if let Some(nul) = memchr::memchr(0, self.source.text().as_bytes()) {
            let at = usize::from(self.lossy);
            let diag = Diagnostic::new(Severity::Error, "nul-byte", "the file contains a NUL byte")
                .at(Location::at(&self.source, nul, 1))
                .hint("a .bib file is text: delete the NUL bytes, or re-save the file as UTF-8 if it is UTF-16");
            self.diagnostics.insert(at, diag);
        }
    }

    /// Loads a library from text already in memory; never fails.
    pub fn from_text(path: &Path, text: String, options: LoadOptions) -> Library {
        Library::from_source(SourceFile::new(path, text), options)
    }

    fn from_source(source: SourceFile, options: LoadOptions) -> Library {
        let raw = syntax::parse(source.text());
        let budget = expansion_budget(source.text().len());
        let checks = options.checks;
        let mut lib = Library {
            source,
            raw,
            items: Vec::new(),
            years: Vec::new(),
            numbers: Vec::new(),
            owner_fixed: options.owner.is_some(),
            owner: options.owner,
            diagnostics: Vec::new(),
            skipped: 0,
            lossy: false,
            registry: options.registry,
            macros: Macros::with_budget(budget),
            keys: FastMap::default(),
            parents: Vec::new(),
            owner_id: Vec::new(),
            venue_cache: Mutex::new(FastMap::default()),
            resolved: OnceLock::new(),
        };
        lib.load_pass(checks);
        lib
    }

    /// One pass over the items: macros, keys, the owner, each entry's year
    /// and the problems visible without normalizing (publications are
    /// resolved later, only as far as a command needs them). Without
    /// `checks`, entries get no finding-only checks.
    fn load_pass(&mut self, checks: bool) {
        self.report_syntax_errors();
        let mut found = Vec::new();
        // An entry's macros are checked against the macros defined above it.
        // Unless a macro is defined twice, that is known from where each was
        // defined, so entries are checked after this pass, on every core;
        // `budget_at` keeps the expansion budget each would have seen.
        let deferred = checks && !self.redefines_a_macro();
        let mut budget_at = Vec::new();
        for index in 0..self.raw.items.len() {
            let item = self.raw.items[index].clone();
            match item.kind {
                ItemKind::String => self.define_macro(&item, index),
                ItemKind::Comment => self.read_comment(&item),
                ItemKind::Text if index > 0 => self.check_text_after(index),
                ItemKind::Entry => {
                    if deferred {
                        budget_at.push(self.macros.budget.load(Ordering::Relaxed));
                    } else if checks {
                        self.check_macros(&item);
                    }
                    let key = lower_key(item.key.of(self.source.text()));
                    if let Some(&first) = self.keys.get(&key) {
                        let first_at = self
                            .source
                            .line_col(self.raw.items[first].span.start as usize);
                        let key_text = item.key.of(self.source.text()).to_string();
                        let d = Diagnostic::new(
                            Severity::Error,
                            "duplicate-key",
                            format!("duplicate key `{key_text}`"),
                        )
                        .at(Location::at(
                            &self.source,
                            item.key.start as usize,
                            item.key.range().len(),
                        ))
                        .note(format!(
                            "first defined at {}:{}:{}",
                            self.source.path().display(),
                            first_at.line,
                            first_at.column
                        ))
                        .hint("rename one of the two entries or delete the copy");
                        self.diagnostics.push(d);
                    } else {
                        self.keys.insert(key, index);
                    }
                    self.items.push(index);
                }
                _ => {}
            }
        }
        if deferred {
            let lib = &*self;
            let uses = crate::par::run(
                crate::par::ranges(lib.items.len(), super::PARALLEL_ENTRIES),
                |r| {
                    lib.items[r]
                        .iter()
                        .map(|&index| {
                            lib.macro_uses(&lib.raw.items[index], |name| {
                                lib.macros.get_before(name, index).map(str::len)
                            })
                        })
                        .collect::<Vec<_>>()
                },
            );
            for (uses, budget) in crate::par::concat(uses).into_iter().zip(budget_at) {
                self.report_macro_uses(true, uses, budget);
            }
        }
        // Crossrefs may point forward, so parents, years and field checks
        // wait until every key is known.
        self.parents = vec![super::NO_PARENT; self.raw.items.len()];
        let lib = &*self;
        let parents = crate::par::map(lib.items.len(), 2 * super::PARALLEL_ENTRIES, |k| {
            lib.find_crossref_parent(lib.items[k])
        });
        for (k, parent) in parents.into_iter().enumerate() {
            if let Some(p) = parent {
                self.parents[self.items[k]] = p as u32;
            }
        }
        self.owner_id = self
            .owner
            .as_deref()
            .map(query_identities)
            .unwrap_or_default();
        self.drop_containers();
        // Each entry's checks and year read only the entry (and its
        // parent): cores share them, and the results join in file order.
        let lib = &*self;
        let per_range = crate::par::run(
            crate::par::ranges(lib.items.len(), super::PARALLEL_ENTRIES),
            |r| {
                let mut found = Vec::new();
                let mut years = Vec::with_capacity(r.len());
                for &index in &lib.items[r] {
                    if checks {
                        lib.check_entry_fields(index, &mut found);
                        lib.check_annotations(index, &mut found);
                    }
                    years.push(lib.entry_year(index));
                }
                (found, years)
            },
        );
        let (found_parts, year_parts): (Vec<_>, Vec<_>) = per_range.into_iter().unzip();
        found.extend(crate::par::concat(found_parts));
        self.years = crate::par::concat(year_parts);
        self.numbers = super::numbering::numbers(&self.years);
        self.diagnostics.append(&mut found);
        self.report_expansion_limit();
        self.diagnostics
            .sort_by_key(|d| d.location.as_ref().map(|l| (l.line, l.column)));
        self.skipped = self.raw.errors.len();
    }

    /// Takes out of the publications the volumes other entries only point
    /// into: a `@proceedings` (DBLP exports one beside each conference
    /// paper), `@book` or `@collection` that an entry `crossref`s is its
    /// container, not a paper of the library's, unless the owner wrote or
    /// edited it. Its fields still reach its children.
    fn drop_containers(&mut self) {
        const CONTAINERS: &[&str] = &[
            "proceedings",
            "mvproceedings",
            "book",
            "mvbook",
            "collection",
            "mvcollection",
            "reference",
            "mvreference",
            "periodical",
        ];
        let text = self.source.text();
        let mut container = vec![false; self.raw.items.len()];
        for &index in &self.items {
            if let Some(parent) = self.crossref_parent(index) {
                let ty = self.raw.items[parent].ty.of(text);
                container[parent] = CONTAINERS.iter().any(|c| ty.eq_ignore_ascii_case(c));
            }
        }
        if !container.contains(&true) {
            return;
        }
        let owned = |index: usize| {
            ["author", "editor"].iter().any(|field| {
                self.own_field(index, field)
                    .is_some_and(|names| split_names(&names).iter().any(|n| self.person(n).owner))
            })
        };
        for (index, is_container) in container.iter_mut().enumerate() {
            if *is_container && owned(index) {
                *is_container = false;
            }
        }
        self.items.retain(|&index| !container[index]);
    }

    /// Every entry item (raw index) with the CV number it would have if
    /// crossref containers were papers too: the order `fmt` keeps, so that
    /// taking containers out of the list does not move them in the file.
    pub(crate) fn numbers_with_containers(&self) -> Vec<(usize, usize)> {
        let entries: Vec<usize> = self.entry_items().collect();
        if entries.len() == self.items.len() {
            return self
                .items
                .iter()
                .copied()
                .zip(self.numbers.iter().copied())
                .collect();
        }
        let years: Vec<Option<i32>> = entries.iter().map(|&i| self.entry_year(i)).collect();
        entries
            .into_iter()
            .zip(super::numbering::numbers(&years))
            .collect()
    }

    /// The year of the entry at item `index`: `year`, else the year of `date`.
    fn entry_year(&self, index: usize) -> Option<i32> {
        let parent = self.crossref_parent(index);
        self.field(index, parent, "year")
            .and_then(|y| parse_year(&to_unicode(&y)))
            .or_else(|| {
                self.field(index, parent, "date")
                    .and_then(|d| parse_year(&d))
            })
    }

    fn report_expansion_limit(&mut self) {
        let limit = expansion_budget(self.source.text().len()) >> 20;
        let overdemand = self.macros.first_overdemand.load(Ordering::Relaxed);
        let (at, message) = match self.macros.first_cut() {
            Some(at) => (
                at,
                format!(
                    "@string macros expand to more than {limit} MB (8 times the file plus 64 MiB); values are cut short from here on"
                ),
            ),
            None if overdemand != usize::MAX => (
                overdemand,
                format!(
                    "the entries' @string macros expand to {} MB, and publist expands at most {limit} MB (8 times the file plus 64 MiB), a quarter of it per pass: values may be cut short",
                    self.macros.demand.load(Ordering::Relaxed) >> 20
                ),
            ),
            None => return,
        };
        let d = Diagnostic::new(Severity::Error, "macro-expansion-limit", message)
        .at(Location::at(&self.source, at, 1))
        .hint("a chain like `@string{b = a # a}` doubles its text on every line, and a long macro copies itself into every entry that uses it; write the values out instead");
        self.diagnostics.push(d);
    }

    fn report_syntax_errors(&mut self) {
        for err in self.raw.errors.clone() {
            let d = syntax_diagnostic(&self.source, &err);
            self.diagnostics.push(d);
        }
    }

    fn define_macro(&mut self, item: &syntax::Item, index: usize) {
        self.check_macros(item);
        let Some(field) = self.raw.fields_of(item).first().copied() else {
            return;
        };
        let name = field
            .name
            .of(self.source.text())
            .to_ascii_lowercase()
            .into_bytes()
            .into_boxed_slice();
        let value = self.macros.resolve(self.source.text(), &field).into_owned();
        let at = item.span.start as usize;
        let items = &self.raw.items;
        let macros = &mut self.macros;
        // The same value again (libraries joined from exports that share
        // `@string`s) changes nothing; another value is noted.
        if let Some((before, defined)) = macros.map.get(&name) {
            if *before == value {
                return;
            }
            let defs = macros
                .redefined
                .entry(name.clone())
                .or_insert_with(|| vec![(items[*defined].span.start as usize, before.clone())]);
            let first_at = defs[0].0;
            defs.push((at, value.clone()));
            let previous = self.source.line_col(first_at).line;
            let shown = field.name.of(self.source.text());
            self.diagnostics.push(
                Diagnostic::new(
                    Severity::Warning,
                    "macro-redefined",
                    format!("`@string` `{shown}` is defined again with another value (first at line {previous})"),
                )
                .at(Location::at(
                    &self.source,
                    field.name.start as usize,
                    field.name.range().len(),
                ))
                .hint("entries use the definition above them, as BibTeX does; give the two values different names"),
            );
        }
        self.macros.map.insert(name, (value, index));
    }

    /// Whether some `@string` name is defined twice (any case).
    pub(crate) fn redefines_a_macro(&self) -> bool {
        let text = self.source.text();
        let mut seen: HashSet<Cow<'_, str>, rustc_hash::FxBuildHasher> = HashSet::default();
        self.raw
            .items
            .iter()
            .filter(|i| i.kind == ItemKind::String)
            .filter_map(|i| self.raw.fields_of(i).first())
            .any(|f| {
                let name = f.name.of(text);
                let name = if name.bytes().any(|b| b.is_ascii_uppercase()) {
                    Cow::Owned(name.to_ascii_lowercase())
                } else {
                    Cow::Borrowed(name)
                };
                !seen.insert(name)
            })
    }

    /// Reports macros used before (or without) their definition.
    fn check_macros(&mut self, item: &syntax::Item) {
        let uses = self.macro_uses(item, |name| self.macros.get(name).map(str::len));
        let budget = self.macros.budget.load(Ordering::Relaxed);
        self.report_macro_uses(item.kind == ItemKind::Entry, uses, budget);
    }

    /// The macros `item`'s values use: the places of those `expansion` (the
    /// length of a macro's expansion) does not know, and the length and
    /// place of each it does.
    fn macro_uses(
        &self,
        item: &syntax::Item,
        expansion: impl Fn(&str) -> Option<usize>,
    ) -> MacroUses {
        let text = self.source.text();
        let mut uses = MacroUses::default();
        let mut note = |name: Span, value: Span| match expansion(name.of(text)) {
            Some(len) => uses.known.push((len, value.start as usize)),
            None => uses.unknown.push(name),
        };
        for field in self.raw.fields_of(item) {
            let raw = field.value.of(text);
            let first = raw.as_bytes().first().copied();
            if matches!(first, Some(b'{' | b'"')) && !field.concatenated {
                continue;
            }
            if raw.bytes().all(|b| b.is_ascii_digit()) {
                continue;
            }
            if !raw.bytes().any(|b| matches!(b, b'#' | b'{' | b'"' | b' ')) {
                // One bare macro, the common `month = jan`.
                note(field.value, field.value);
                continue;
            }
            for part in value_parts(text, field.value) {
                if let Part::Macro(s) = part {
                    note(s, field.value);
                }
            }
        }
        uses
    }

    /// Adds up an entry's macro uses against the expansion budget as it was
    /// then, and reports the unknown macros.
    fn report_macro_uses(&mut self, is_entry: bool, uses: MacroUses, budget: usize) {
        if is_entry {
            for (len, at) in uses.known {
                self.macros.note_demand(len, at, budget);
            }
        }
        for s in uses.unknown {
            let name = s.of(self.source.text()).to_string();
            let d = Diagnostic::new(Severity::Warning, "unknown-macro", format!("unknown @string macro `{name}`"))
                .at(Location::at(&self.source, s.start as usize, s.range().len()))
                .hint(format!(
                    "define it before use with `@string{{{name} = {{...}}}}`, or write the value in braces: `{{{name}}}`"
                ));
            self.diagnostics.push(d);
        }
    }

    /// Text right after an entry that reads like one of its fields
    /// (`, year = 2020, }`): an extra `}` closed the entry early, and BibTeX
    /// ignores the rest without a word.
    fn check_text_after(&mut self, index: usize) {
        let prev = &self.raw.items[index - 1];
        if prev.kind != ItemKind::Entry {
            return;
        }
        let text = self.source.text();
        let body = self.raw.items[index].span.of(text);
        fn skip(t: &str) -> &str {
            t.trim_start_matches(|c: char| c.is_whitespace() || c == ',')
        }
        // The field right after the `}`, or on the next line when the rest
        // of the `}`'s line is something else (`@misc{foo}bar,`).
        let field = |rest: &str| {
            let name_len = rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '+' | ':')))
                .unwrap_or(rest.len());
            (name_len > 0
                && rest[name_len..]
                    .trim_start_matches([' ', '\t'])
                    .starts_with('='))
            .then_some(name_len)
        };
        let first = skip(body);
        // The next line only when the `}`'s own line goes on with something.
        let on_its_line = body.split('\n').next().unwrap_or_default();
        let next_line = (!skip(on_its_line).is_empty())
            .then(|| body.split_once('\n').map(|(_, after)| skip(after)))
            .flatten();
        let Some((rest, name_len)) = [Some(first), next_line]
            .into_iter()
            .flatten()
            .find_map(|rest| Some((rest, field(rest)?)))
        else {
            return;
        };
        let at = self.raw.items[index].span.end as usize - rest.len();
        let end = self.source.line_col(prev.span.end as usize - 1);
        let d = Diagnostic::new(
            Severity::Warning,
            "text-after-entry",
            format!(
                "`{}` follows the end of entry `{}` and is ignored",
                &rest[..name_len],
                prev.key.of(text)
            ),
        )
        .at(Location::at(&self.source, at, name_len))
        .note(format!(
            "entry `{}` ends at {}:{}:{}",
            prev.key.of(text),
            self.source.path().display(),
            end.line,
            end.column
        ))
        .hint("a `}` there probably closes the entry too early: remove the extra `}`");
        self.diagnostics.push(d);
    }

    /// `@comment{publist: owner = Mingze Wang}` names the owner.
    fn read_comment(&mut self, item: &syntax::Item) {
        if self.owner_fixed {
            return;
        }
        let body = item.span.of(self.source.text());
        if let Some(at) = body.find("publist:") {
            for line in body[at + "publist:".len()..].split(['\n', ';']) {
                if let Some((k, v)) = line.split_once('=')
                    && k.trim().eq_ignore_ascii_case("owner")
                {
                    let v = v.trim().trim_end_matches('}').trim();
                    if !v.is_empty() {
                        self.owner = Some(to_unicode(v).into_owned());
                    }
                }
            }
        }
    }

    /// The value of field `name` of entry `index` (raw LaTeX), following
    /// `crossref` one level as BibTeX does; `parent` is
    /// [`Self::crossref_parent`] of `index`, found once per entry.
    pub(crate) fn field(
        &self,
        index: usize,
        parent: Option<usize>,
        name: &str,
    ) -> Option<Cow<'_, str>> {
        if let Some(v) = self.own_field(index, name) {
            return Some(v);
        }
        let parent = parent?;
        self.own_field(parent, name).or_else(|| {
            // biblatex inheritance: a proceedings' title is its papers' booktitle.
            match name {
                "booktitle" => self.own_field(parent, "title"),
                "booksubtitle" => self.own_field(parent, "subtitle"),
                _ => None,
            }
        })
    }

    fn own_field(&self, index: usize, name: &str) -> Option<Cow<'_, str>> {
        let text = self.source.text();
        let item = &self.raw.items[index];
        // Lengths first: most names differ there, without touching the text
        // (this runs dozens of times per entry).
        self.raw
            .fields_of(item)
            .iter()
            .find(|f| {
                f.name.range().len() == name.len()
                    && text.as_bytes()[f.name.range()].eq_ignore_ascii_case(name.as_bytes())
            })
            .map(|f| self.macros.resolve(text, f))
    }

    /// The [`name_bit`]s of item `index`'s field names, or'ed.
    fn name_summary(&self, index: usize) -> u64 {
        let text = self.source.text().as_bytes();
        let item = &self.raw.items[index];
        self.raw
            .fields_of(item)
            .iter()
            .fold(0, |bits, f| bits | name_bit(&text[f.name.range()]))
    }

    /// The item that item `index` cross-references, if any.
    pub(crate) fn crossref_parent(&self, index: usize) -> Option<usize> {
        match self.parents.get(index) {
            Some(&p) if p != super::NO_PARENT => Some(p as usize),
            _ => None,
        }
    }

    /// Looks the parent up by name (once per item, in the load pass).
    fn find_crossref_parent(&self, index: usize) -> Option<usize> {
        let parent = self
            .own_field(index, "crossref")
            .or_else(|| self.own_field(index, "xref"))?;
        self.keys.get(&lower_key(parent.trim())).copied()
    }

    /// Normalizes entry `entry` (an index into `items`) into a publication.
    pub(crate) fn resolve(&self, entry: usize) -> Publication {
        self.resolve_with(entry, &mut NameCache::default())
    }

    /// [`Self::resolve`], reusing the names `names` already parsed: a
    /// worker resolving many entries keeps one cache.
    pub(crate) fn resolve_with(&self, entry: usize, names: &mut NameCache) -> Publication {
        let fields = self.entry_fields(entry);
        let index = fields.index;
        let item = &self.raw.items[index];
        let key = item.key.of(self.source.text()).to_string();
        let entry_type = fields.entry_type();
        let get = |name: &str| fields.get(name);
        let unicode = |name: &str| fields.unicode(name);

        let title = fields.title();
        let year = self.years[entry];
        let authors = match fields.people_text() {
            Some(raw) => self.people(index, fields.parent, &raw, names),
            None => Vec::new(),
        };
        let keywords = fields.keywords();

        let (arxiv, venue, venue_award) = self.arxiv_and_venue(&fields, &entry_type, year);
        let note = unicode("note");
        let addendum = unicode("addendum");
        let status = unicode("pubstate")
            .and_then(|s| status_from_text(&s))
            .or_else(|| note.as_deref().and_then(status_from_text))
            .unwrap_or(Status::Published);

        let award = addendum
            .clone()
            .filter(|a| is_award_text(a))
            .or(venue_award)
            .or_else(|| note.clone().filter(|n| is_award_text(n)));
        let note = note.filter(|n| status_from_text(n).is_none() && Some(n) != award.as_ref());
        // A preprint's `volume`/`number` is arXiv numbering (DBLP's
        // `abs/2401.01234`), not an issue of a journal.
        let arxiv_free = venue.kind != Kind::Preprint;

        Publication {
            number: self.numbers[entry],
            key,
            entry_type: entry_type.into_owned(),
            title,
            authors,
            venue,
            year,
            status,
            arxiv,
            pagetotal: get("pagetotal").and_then(|p| p.trim().parse().ok()),
            award,
            keywords,
            volume: unicode("volume").filter(|_| arxiv_free),
            issue: unicode("number")
                .or_else(|| unicode("issue"))
                .filter(|_| arxiv_free),
            pages: unicode("pages"),
            doi: unicode("doi").map(|d| strip_doi_prefix(&d)),
            url: get("url")
                .map(|u| u.trim().to_string())
                .filter(|u| !u.is_empty()),
            note,
        }
    }

    /// What `check` compares across entries, without normalizing the rest
    /// of entry `entry`: a whole [`Publication`] per entry costs more than
    /// loading the library.
    pub(crate) fn facts(&self, entry: usize) -> Facts<'_> {
        let fields = self.entry_fields(entry);
        let (arxiv, venue, _) =
            self.arxiv_and_venue(&fields, &fields.entry_type(), self.years[entry]);
        Facts {
            title_written: fields.get("title"),
            people: fields.people_text(),
            arxiv,
            venue,
        }
    }

    /// The venue of entry `entry`, as its publication has it: what
    /// `--venue` and `--kind` test, for a fraction of a whole publication.
    pub(crate) fn venue_of_entry(&self, entry: usize) -> Venue {
        let fields = self.entry_fields(entry);
        self.arxiv_and_venue(&fields, &fields.entry_type(), self.years[entry])
            .1
    }

    /// The keywords of entry `entry`, as its publication has them.
    pub(crate) fn keywords_of(&self, entry: usize) -> Vec<String> {
        self.entry_fields(entry).keywords()
    }

    /// The title of entry `entry`, as its publication has it.
    pub(crate) fn title_of(&self, entry: usize) -> String {
        self.entry_fields(entry).title()
    }

    /// Entry `entry`'s fields, as resolving reads them.
    fn entry_fields(&self, entry: usize) -> EntryFields<'_> {
        let index = self.items[entry];
        EntryFields {
            lib: self,
            index,
            parent: self.crossref_parent(index),
            // Most of the ~30 names asked for are absent: the item's name
            // summary answers those without scanning its fields.
            present: self.name_summary(index),
        }
    }

    /// The arXiv id, the venue and the award the venue text names of an
    /// entry of type `entry_type` and year `year`.
    fn arxiv_and_venue(
        &self,
        fields: &EntryFields<'_>,
        entry_type: &str,
        year: Option<i32>,
    ) -> (Option<String>, Venue, Option<String>) {
        let journal = fields.journal();
        let arxiv = self.arxiv_of(fields, journal.as_deref());
        let (venue, award) = self.venue_of(fields, entry_type, journal, arxiv.is_some(), year);
        (arxiv, venue, award)
    }

    /// The arXiv id: `eprint` first, then anything that mentions arXiv or
    /// CoRR. `journal` is the entry's journal, as [`EntryFields::journal`].
    fn arxiv_of(&self, fields: &EntryFields<'_>, journal: Option<&str>) -> Option<String> {
        let eprint_type = fields
            .unicode("eprinttype")
            .or_else(|| fields.unicode("archiveprefix"));
        let arxiv = fields
            .get("eprint")
            .filter(|_| {
                eprint_type
                    .as_deref()
                    .is_none_or(|t| t.eq_ignore_ascii_case("arxiv"))
            })
            .and_then(|e| arxiv_id(&e));
        if arxiv.is_some() {
            return arxiv;
        }
        // DBLP: `journal = {CoRR}, volume = {abs/...}`; ADS: `journal =
        // {arXiv e-prints}, eid = {arXiv:...}`; arXiv's DataCite DOIs.
        let numbered_in_arxiv = journal.is_some_and(mentions_arxiv);
        fields.first_of(&ARXIV_PLACES, |k, v| {
            let numbering = matches!(ARXIV_PLACES.names[k], "volume" | "number" | "eid" | "pages");
            if mentions_arxiv(&v) || (numbering && numbered_in_arxiv) {
                arxiv_id(&v)
            } else {
                None
            }
        })
    }

    /// The venue of an entry of type `entry_type`, and the award its venue
    /// text names ("ICML 2024 (Oral)").
    fn venue_of(
        &self,
        fields: &EntryFields<'_>,
        entry_type: &str,
        journal: Option<Cow<'_, str>>,
        has_arxiv: bool,
        year: Option<i32>,
    ) -> (Venue, Option<String>) {
        // Borrowed from the file where it reads as written: the text is
        // only looked up in the venue cache.
        let unicode = |name: &str| fields.unicode_borrowed(name);
        let venue_text = match entry_type {
            "article" | "periodical" => journal,
            "phdthesis" | "mastersthesis" | "thesis" => {
                unicode("school").or_else(|| unicode("institution"))
            }
            "techreport" | "report" => unicode("institution"),
            "book" | "mvbook" | "collection" => unicode("publisher"),
            // A proceedings volume is the venue itself.
            "proceedings" | "mvproceedings" => unicode("booktitle")
                .or_else(|| unicode("eventtitle"))
                .or_else(|| unicode("title"))
                .or_else(|| unicode("publisher")),
            _ => unicode("booktitle")
                .or_else(|| unicode("eventtitle"))
                .or(journal)
                .or_else(|| unicode("howpublished").filter(|h| !h.contains("http")))
                .or_else(|| unicode("organization"))
                .or_else(|| unicode("publisher")),
        };
        let fallback_kind = kind_of_type(entry_type, has_arxiv, venue_text.is_some());
        let is_preprint_text = venue_text.as_deref().is_some_and(mentions_arxiv);
        // An arXiv string on an entry with an arXiv id makes a preprint,
        // whatever else it says: only its award is read.
        let arxiv_text = is_preprint_text && has_arxiv;
        let mut parse = match &venue_text {
            Some(v) if arxiv_text => VenueParse {
                award: award_in(v),
                ..VenueParse::default()
            },
            Some(v) => self.parse_venue(v),
            None => VenueParse::default(),
        };
        if !arxiv_text
            && parse.def.is_none()
            && let Some(event) = unicode("eventtitle")
        {
            let event_parse = self.parse_venue(&event);
            if event_parse.def.is_some() {
                parse.def = event_parse.def;
                parse.year = parse.year.or(event_parse.year);
            }
        }
        let mut venue = if (venue_text.is_none() || is_preprint_text) && has_arxiv
            || parse.def.is_none() && is_preprint_text
        {
            self.preprint_venue(year)
        } else {
            self.registry.venue(&parse, fallback_kind, year)
        };
        if venue_text.is_none() && !has_arxiv {
            venue.name = String::new();
        }
        (venue, parse.award)
    }

    /// `registry.parse(text)`, each distinct text parsed once.
    pub(crate) fn parse_venue(&self, text: &str) -> VenueParse {
        let cache = || {
            self.venue_cache
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
        };
        if let Some(p) = cache().get(text) {
            return p.clone();
        }
        // Parsed without the lock, so threads resolving entries do not wait
        // on each other's venues.
        let parse = self.registry.parse(text);
        cache().insert(text.to_string(), parse.clone());
        parse
    }

    fn preprint_venue(&self, year: Option<i32>) -> Venue {
        let reg = &self.registry;
        let parse = VenueParse {
            def: reg.lookup("arXiv"),
            cleaned: "arXiv".to_string(),
            ..VenueParse::default()
        };
        reg.venue(&parse, Kind::Preprint, year)
    }

    /// Authors with equal-contribution marks from `author+an` and from the
    /// names themselves, and the owner recognized.
    fn people(
        &self,
        index: usize,
        parent: Option<usize>,
        raw: &str,
        cache: &mut NameCache,
    ) -> Vec<Person> {
        let names = split_names(raw);
        let annotations = self
            .field(index, parent, "author+an")
            .and_then(|a| parse_annotations(&a).ok())
            .unwrap_or_default();
        // (equal, corresponding) per author number, gathered in one pass:
        // asking the annotation per author costs authors × annotations.
        let mut marks: HashMap<usize, (bool, bool)> = HashMap::new();
        for (n, _, labels) in &annotations.items {
            let mark = marks.entry(*n).or_default();
            for label in labels {
                mark.0 |= label.eq_ignore_ascii_case("equal");
                mark.1 |= label.eq_ignore_ascii_case("corresponding")
                    || label.eq_ignore_ascii_case("corr");
            }
        }
        if cache.people.len() >= NameCache::CAPACITY {
            cache.people.clear();
        }
        names
            .iter()
            .enumerate()
            .map(|(i, raw_name)| {
                let person = match cache.people.get(*raw_name) {
                    Some(person) => person.clone(),
                    None => {
                        let person = self.person(raw_name);
                        cache.people.insert((*raw_name).into(), person.clone());
                        person
                    }
                };
                let (equal, corresponding) = marks.get(&(i + 1)).copied().unwrap_or_default();
                Person {
                    equal: person.equal || equal,
                    corresponding,
                    ..person
                }
            })
            .collect()
    }

    /// One name as written in an author list: parsed, its marks removed
    /// (`equal` says whether it had one), the owner recognized.
    pub(crate) fn person(&self, raw_name: &str) -> Person {
        let (clean, marked) = strip_equal_marker(raw_name);
        let name = parse_name(&clean);
        let display = if raw_name.trim() == "others" {
            "et al.".to_string()
        } else {
            name.display()
        };
        let family = name.full_family();
        let owner = self
            .owner_id
            .iter()
            .any(|o| o.matches_names(&name.given, &family));
        Person {
            given: name.given,
            family,
            name: display,
            equal: marked,
            owner,
            corresponding: false,
            suffix: name.jr,
        }
    }

    /// Reports an `author+an` that does not parse or names an author the
    /// entry does not have.
    fn check_annotations(&self, index: usize, diags: &mut Vec<Diagnostic>) {
        let parent = self.crossref_parent(index);
        let Some(annotation) = self.field(index, parent, "author+an") else {
            return;
        };
        // Only a finding needs a place; computing it builds the line index.
        let at = || self.field_location(index, "author+an");
        match parse_annotations(&annotation) {
            Err(why) => {
                let mut d = Diagnostic::new(
                    Severity::Warning,
                    "invalid-annotation",
                    format!("invalid `author+an`: {why}"),
                )
                .hint("write it as `author+an = {1=equal; 2=equal}`: item number, `=`, annotation names");
                if let Some(at) = at() {
                    d = d.at(at);
                }
                diags.push(d);
            }
            Ok(annotations) => {
                let count = self
                    .field(index, parent, "author")
                    .map_or(0, |a| split_names(&a).len());
                if let Some(&(n, _, _)) = annotations.items.iter().find(|(n, _, _)| *n > count)
                    && let Some(at) = at()
                {
                    diags.push(
                        Diagnostic::new(
                            Severity::Warning,
                            "annotation-out-of-range",
                            format!(
                                "`author+an` annotates author {n}, but the entry lists {count} authors"
                            ),
                        )
                        .at(at)
                        .hint("number authors from 1 in the order of the `author` field"),
                    );
                }
            }
        }
    }

    fn field_location(&self, index: usize, name: &str) -> Option<Location> {
        let text = self.source.text();
        let item = &self.raw.items[index];
        self.raw
            .fields_of(item)
            .iter()
            .find(|f| f.name.of(text).eq_ignore_ascii_case(name))
            .map(|f| Location::at(&self.source, f.value.start as usize, f.value.range().len()))
    }

    /// Repeated fields (BibTeX keeps the first) and dangling crossrefs.
    fn check_entry_fields(&self, index: usize, diags: &mut Vec<Diagnostic>) {
        let text = self.source.text();
        let item = &self.raw.items[index];
        let fields: &[Field] = self.raw.fields_of(item);
        let bytes = text.as_bytes();
        let mut found = Vec::new();
        // One pass over the names, as bytes (a `str` slice checks character
        // boundaries): repeated names, and the first `crossref`.
        let mut crossref = None;
        // Few fields (every real entry): compare with the earlier ones, no
        // allocation. Many: a set, so an entry with 100,000 fields does not
        // take 10^10 comparisons.
        let mut seen = HashSet::new();
        // One bit per (length, first letter) seen: a name whose bit is
        // unset cannot repeat an earlier one, and most names are new.
        let mut seen_bits = 0u64;
        for (i, f) in fields.iter().enumerate() {
            let name = &bytes[f.name.range()];
            if crossref.is_none() && name.eq_ignore_ascii_case(b"crossref") {
                crossref = Some(f);
            }
            let first = name.first().map_or(0, u8::to_ascii_lowercase);
            let bit = 1u64 << ((name.len() * 7 + usize::from(first)) % 64);
            let repeated = if fields.len() <= 32 {
                seen_bits & bit != 0
                    && fields[..i]
                        .iter()
                        .any(|g| bytes[g.name.range()].eq_ignore_ascii_case(name))
            } else {
                !seen.insert(name.to_ascii_lowercase())
            };
            seen_bits |= bit;
            if repeated {
                let name = f.name.of(text);
                found.push(
                    Diagnostic::new(
                        Severity::Warning,
                        "duplicate-field",
                        format!(
                            "field `{name}` appears twice in `{}`; the first is used",
                            item.key.of(text)
                        ),
                    )
                    .at(Location::at(
                        &self.source,
                        f.name.start as usize,
                        f.name.range().len(),
                    ))
                    .hint("delete one of the two, or merge their values"),
                );
            }
        }
        if let Some(d) = self.swallowed_entry(index) {
            found.push(d);
        }
        if let Some(f) = crossref {
            let target = self.macros.resolve(text, f);
            // `keys` holds every entry's key in lower case, so this finds any
            // key that matches ignoring case (scanning the items instead made
            // a file full of dangling crossrefs quadratic).
            if !self.keys.contains_key(&lower_key(target.trim())) {
                found.push(
                    Diagnostic::new(
                        Severity::Warning,
                        "crossref-missing",
                        format!(
                            "`crossref` points to `{}`, which is not in the library",
                            target.trim()
                        ),
                    )
                    .at(Location::at(
                        &self.source,
                        f.value.start as usize,
                        f.value.range().len(),
                    ))
                    .hint("add the cross-referenced entry or remove the field"),
                );
            }
        }
        diags.extend(found);
    }
}

/// A file's contents as [`read_limited`] got them.
enum Contents {
    /// Read into a `Vec`.
    Bytes(Vec<u8>),
    /// A large file's UTF-8 text.
    #[cfg(target_os = "linux")]
    Large(crate::large_text::LargeText),
}

/// Regular files of at least this size are read into huge pages (see
/// [`crate::large_text`]); below it a plain read costs less than 0.3 ms.
#[cfg(target_os = "linux")]
const LARGE_FILE_BYTES: u64 = 1 << 20;

/// Reads `path` whole, but refuses a file of [`ENTRY_LIMIT_BYTES`] or more
/// before reading it, and stops a device that never ends (`/dev/zero`) at
/// the limit instead of filling memory.
fn read_limited(path: &Path) -> Result<Contents, Error> {
    use std::io::Read;
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let mut bytes = Vec::new();
    if let Ok(meta) = file.metadata()
        && meta.is_file()
    {
        if meta.len() >= ENTRY_LIMIT_BYTES as u64 {
            return Err(too_large(path, meta.len()));
        }
        #[cfg(target_os = "linux")]
        if meta.len() >= LARGE_FILE_BYTES {
            use std::io::Seek;
            match crate::large_text::LargeText::read(&file, meta.len() as usize) {
                Some(Ok(text)) => return Ok(Contents::Large(text)),
                Some(Err(bytes)) => return Ok(Contents::Bytes(bytes)),
                // Changed size, or no buffer: read as usual, from the start.
                None => {
                    (&file)
                        .seek(std::io::SeekFrom::Start(0))
                        .map_err(|e| Error::io(path, e))?;
                }
            }
        }
        bytes.reserve_exact(meta.len() as usize);
    }
    file.take(ENTRY_LIMIT_BYTES as u64)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(path, e))?;
    Ok(Contents::Bytes(bytes))
}

fn too_large(path: &Path, len: u64) -> Error {
    Error::Usage(format!(
        "{}: the file is {len} bytes or more; publist reads files below 4 GiB\n   = hint: split the library into several files",
        path.display()
    ))
}

/// The text of a file that starts with a UTF-16 byte order mark (Windows
/// tools write these), without the mark; unpaired surrogates become U+FFFD.
fn decode_utf16(bytes: &[u8]) -> Option<String> {
    let little = match bytes {
        [0xff, 0xfe, ..] => true,
        [0xfe, 0xff, ..] => false,
        _ => return None,
    };
    let units = bytes[2..].chunks(2).map(|c| match (c, little) {
        ([a, b], true) => u16::from_le_bytes([*a, *b]),
        ([a, b], false) => u16::from_be_bytes([*a, *b]),
        _ => 0xfffd, // an odd trailing byte
    });
    Some(
        char::decode_utf16(units)
            .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
            .collect(),
    )
}

impl Library {
    /// A value of entry `index` that runs over lines starting other entries:
    /// an unclosed `{` that BibTeX would let swallow them, silently.
    fn swallowed_entry(&self, index: usize) -> Option<Diagnostic> {
        let text = self.source.text();
        let item = &self.raw.items[index];
        let with_at = self.raw.values_holding(text, item, b'@');
        if with_at == 0 {
            return None;
        }
        let fields = self.raw.fields_of(item).iter().enumerate();
        fields.filter(|(k, _)| with_at >> k & 1 == 1).find_map(|(_, f)| {
            let at = syntax::item_line_within(text, f.value)?;
            let swallowed = self.source.line_col(at);
            let victim = describe_entry(text, at);
            Some(
                Diagnostic::new(
                    Severity::Warning,
                    "swallowed-entry",
                    format!(
                        "the `{}` value of entry `{}` runs over the start of {victim} at line {}",
                        f.name.of(text),
                        item.key.of(text),
                        swallowed.line
                    ),
                )
                .at(Location::at(&self.source, f.value.start as usize, 1))
                .note(format!(
                    "{victim} at {}:{}:{} is read as part of this value and not loaded",
                    self.source.path().display(),
                    swallowed.line,
                    swallowed.column
                ))
                .hint("a `{` in this value is probably unclosed: add the missing `}` where the value should end"),
            )
        })
    }
}

/// One of 64 bits for a field name, from its length and its first and
/// last letters, case-blind: equal names (ignoring case) get the same bit.
const fn name_bit(name: &[u8]) -> u64 {
    let (first, last) = match name {
        [first, .., last] => (first.to_ascii_lowercase(), last.to_ascii_lowercase()),
        [only] => (only.to_ascii_lowercase(), only.to_ascii_lowercase()),
        [] => (0, 0),
    };
    let mix = name.len() * 7 + first as usize * 3 + last as usize;
    1 << (mix % 64)
}

/// Field names read together ([`EntryFields::first_of`]), with their
/// [`name_bit`]s or'ed, worked out once.
struct FieldNames<const N: usize> {
    names: [&'static str; N],
    bits: u64,
}

impl<const N: usize> FieldNames<N> {
    const fn new(names: [&'static str; N]) -> Self {
        let mut bits = 0;
        let mut k = 0;
        while k < N {
            bits |= name_bit(names[k].as_bytes());
            k += 1;
        }
        FieldNames { names, bits }
    }
}

/// Where an arXiv id may stand besides `eprint`, in the order they are
/// read.
const ARXIV_PLACES: FieldNames<11> = FieldNames::new([
    "journal",
    "journaltitle",
    "volume",
    "number",
    "eid",
    "pages",
    "note",
    "url",
    "doi",
    "howpublished",
    "booktitle",
]);

/// One entry's fields as normalizing reads them: its own, else its
/// crossref parent's.
pub(crate) struct EntryFields<'a> {
    lib: &'a Library,
    /// The entry's item index.
    index: usize,
    parent: Option<usize>,
    /// The [`name_bit`]s of the entry's own field names.
    present: u64,
}

impl<'a> EntryFields<'a> {
    /// Field `name`, macros resolved.
    fn get(&self, name: &str) -> Option<Cow<'a, str>> {
        if self.parent.is_none() && self.present & name_bit(name.as_bytes()) == 0 {
            return None;
        }
        self.lib.field(self.index, self.parent, name)
    }

    /// The first of `names`, in their order, that the entry has and `take`
    /// makes something of: `take` gets the name's index and the field,
    /// macros resolved. An entry without a parent is read once for all
    /// the names, not once per name.
    fn first_of<T, const N: usize>(
        &self,
        names: &FieldNames<N>,
        mut take: impl FnMut(usize, Cow<'a, str>) -> Option<T>,
    ) -> Option<T> {
        let FieldNames {
            names,
            bits: wanted,
        } = names;
        if self.parent.is_some() {
            return (0..names.len()).find_map(|k| take(k, self.get(names[k])?));
        }
        let lib = self.lib;
        let text = lib.source.text();
        let mut found: [Option<&syntax::Field>; N] = [None; N];
        for field in lib.raw.fields_of(&lib.raw.items[self.index]) {
            let name = &text.as_bytes()[field.name.range()];
            if name_bit(name) & *wanted == 0 {
                continue;
            }
            // The first field of a name counts, as `get` reads it.
            if let Some(k) = names
                .iter()
                .position(|n| name.eq_ignore_ascii_case(n.as_bytes()))
                && found[k].is_none()
            {
                found[k] = Some(field);
            }
        }
        (0..names.len()).find_map(|k| take(k, lib.macros.resolve(text, found[k]?)))
    }

    /// Field `name` in Unicode; None when absent or empty.
    fn unicode(&self, name: &str) -> Option<String> {
        self.unicode_borrowed(name).map(Cow::into_owned)
    }

    /// [`EntryFields::unicode`], borrowed from the file when it is
    /// written there as it reads.
    fn unicode_borrowed(&self, name: &str) -> Option<Cow<'a, str>> {
        let value = match self.get(name)? {
            Cow::Borrowed(text) => to_unicode(text),
            Cow::Owned(text) => Cow::Owned(to_unicode(&text).into_owned()),
        };
        (!value.is_empty()).then_some(value)
    }

    /// The entry type, lower case; copied only when written otherwise.
    fn entry_type(&self) -> Cow<'a, str> {
        let item = &self.lib.raw.items[self.index];
        let ty = item.ty.of(self.lib.source.text());
        if ty.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(ty.to_ascii_lowercase())
        } else {
            Cow::Borrowed(ty)
        }
    }

    fn title(&self) -> String {
        self.unicode("title").unwrap_or_default()
    }

    fn journal(&self) -> Option<Cow<'a, str>> {
        self.unicode_borrowed("journaltitle")
            .or_else(|| self.unicode_borrowed("journal"))
    }

    /// The author list as written, else the editors.
    fn people_text(&self) -> Option<Cow<'a, str>> {
        self.get("author").or_else(|| self.get("editor"))
    }

    /// The `keywords` list: split at `,` and `;`, trimmed, none empty.
    fn keywords(&self) -> Vec<String> {
        self.get("keywords")
            .map(|k| {
                to_unicode(&k)
                    .split([',', ';'])
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty())
                    .collect()
            })
            .unwrap_or_default()
    }
}

/// What `check` compares across entries, from [`Library::facts`]; each as
/// the entry's [`Publication`] has it.
pub(crate) struct Facts<'a> {
    /// The title as written (macros resolved): `check` hashes most titles
    /// without converting them; [`Facts::title`] converts.
    pub title_written: Option<Cow<'a, str>>,
    /// The author list as written (else the editors), for
    /// [`split_names`] and [`Library::person`].
    pub people: Option<Cow<'a, str>>,
    pub arxiv: Option<String>,
    pub venue: Venue,
}

#[cfg(test)]
impl Facts<'_> {
    /// The title, as the entry's publication has it.
    pub fn title(&self) -> Cow<'_, str> {
        self.title_written
            .as_deref()
            .map_or(Cow::Borrowed(""), to_unicode)
    }
}

/// The people a worker has already read, by the name as written: a large
/// library names the same people in entry after entry, and parsing a name
/// (BibTeX's grammar, LaTeX to Unicode, the owner test) costs more than
/// copying the result.
#[derive(Default)]
pub(crate) struct NameCache {
    people: FastMap<Box<str>, Person>,
}

impl NameCache {
    /// Names kept before the cache starts over: a bound on its memory.
    const CAPACITY: usize = 1 << 16;
}

/// A citation key in lower case, as [`Library::keys`] holds it: keys are
/// nearly always ASCII, which lower-cases without Unicode tables.
pub(crate) fn lower_key(key: &str) -> String {
    if key.is_ascii() {
        key.to_ascii_lowercase()
    } else {
        key.to_lowercase()
    }
}

fn strip_doi_prefix(doi: &str) -> String {
    let d = doi.trim();
    for prefix in [
        "https://doi.org/",
        "http://doi.org/",
        "https://dx.doi.org/",
        "http://dx.doi.org/",
        "doi:",
    ] {
        if let Some(rest) = d.strip_prefix(prefix) {
            return rest.to_string();
        }
    }
    d.to_string()
}

/// The first run of four digits, e.g. "2024", "2024-05-01", "{\noopsort{a}}1973".
pub(crate) fn parse_year(text: &str) -> Option<i32> {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit() {
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            if i - start == 4 {
                return text[start..i].parse().ok();
            }
        } else {
            i += 1;
        }
    }
    None
}

/// The kind an entry type implies when the venue is unknown. An article
/// with an arXiv id is a preprint only when no journal names it otherwise
/// (arXiv-ish journal names take the preprint path before this).
pub(crate) fn kind_of_type(entry_type: &str, has_arxiv: bool, has_venue: bool) -> Kind {
    match entry_type {
        "article" | "periodical" | "suppperiodical" => {
            if has_arxiv && !has_venue {
                Kind::Preprint
            } else {
                Kind::Journal
            }
        }
        "inproceedings" | "conference" | "proceedings" | "mvproceedings" => Kind::Conference,
        "book" | "inbook" | "incollection" | "bookinbook" | "suppbook" | "collection"
        | "mvbook" | "mvcollection" | "reference" | "mvreference" | "inreference" | "booklet" => {
            Kind::Book
        }
        "phdthesis" | "mastersthesis" | "thesis" => Kind::Thesis,
        "techreport" | "report" => Kind::Report,
        "online" | "misc" | "unpublished" | "electronic" | "www" | "preprint" if has_arxiv => {
            Kind::Preprint
        }
        _ => Kind::Other,
    }
}

/// A syntax error as a diagnostic: the entry's place, what was expected,
/// and a hint.
fn syntax_diagnostic(source: &SourceFile, err: &syntax::ParseError) -> Diagnostic {
    let text = source.text();
    let start = err.item_start as usize;
    let entry = describe_entry(text, start);
    let found = err.span.of(text);
    let found_desc = if found.is_empty() || err.span.start as usize >= text.len() {
        "the end of the file".to_string()
    } else {
        format!(
            "`{}`",
            found
                .chars()
                .next()
                .map_or(String::new(), |c| c.escape_debug().to_string())
        )
    };
    let here = Location::at(
        source,
        err.span.start as usize,
        err.span.range().len().max(1),
    );
    let entry_at = Location::at(source, start, 1);
    let close = closing_of(text, start);
    let open = if close == ')' { '(' } else { '{' };
    let open_at = start + text[start..].find(open).unwrap_or(0);
    // `@article(key, ... }`: the other kind of closing delimiter.
    let wrong_closer = match (close, text.as_bytes().get(err.span.start as usize)) {
        ('}', Some(b')')) => Some(')'),
        (')', Some(b'}')) => Some('}'),
        _ => None,
    };
    let (message, hint, location, note) = match err.kind {
        ParseErrorKind::UnclosedBrace => (
            format!("{entry} never closes a `{{`"),
            "add the missing `}` (every `{` in a value needs its `}`)".to_string(),
            entry_at,
            Some(format!("the `{{` opened at {here} is never closed")),
        ),
        ParseErrorKind::UnclosedQuote => (
            format!("{entry} never closes a `\"`"),
            "add the closing `\"`, or write the value in braces".to_string(),
            entry_at,
            Some(format!("the `\"` opened at {here} is never closed")),
        ),
        ParseErrorKind::UnclosedEntry => (
            format!("{entry} is never closed"),
            format!("add the closing `{close}` at its end"),
            entry_at,
            None,
        ),
        ParseErrorKind::ExpectedComma | ParseErrorKind::ExpectedFieldName
            if wrong_closer.is_some() =>
        {
            let found = wrong_closer.unwrap_or('}');
            (
                format!("{entry} opened with `{open}` but closes with `{found}`"),
                format!("close it with `{close}`, or open it with `{}`", if found == ')' { '(' } else { '{' }),
                here,
                Some(format!("the `{open}` is at {}", Location::at(source, open_at, 1))),
            )
        }
        ParseErrorKind::ExpectedComma => (
            format!("expected `,` or the end of {entry}, found {found_desc}"),
            "separate fields with commas: add `,` after the previous value".to_string(),
            here,
            None,
        ),
        ParseErrorKind::ExpectedEquals => (
            format!("expected `=` after the field name in {entry}, found {found_desc}"),
            "write fields as `name = {value}`".to_string(),
            here,
            None,
        ),
        ParseErrorKind::ExpectedFieldName => (
            format!("expected a field name or the end of {entry}, found {found_desc}"),
            "write fields as `name = {value}`, separated by commas".to_string(),
            here,
            None,
        ),
        ParseErrorKind::ExpectedValue => (
            format!("expected a value in {entry}, found {found_desc}"),
            "a value is `{...}`, `\"...\"`, a number or an @string name; `#` must join two of them".to_string(),
            here,
            None,
        ),
        ParseErrorKind::MissingKey => (
            format!("{entry} has no citation key"),
            "start the entry with its key: `@article{smith2020, title = ...}`".to_string(),
            here,
            None,
        ),
        ParseErrorKind::ExpectedCommaAfterKey => (
            format!(
                "expected `,` after the citation key of {entry}, before the field `{}`",
                &text[err.span.range()]
            ),
            "add `,` after the key: `@article{key, title = ...}`".to_string(),
            here,
            None,
        ),
        ParseErrorKind::KeyWithSpace => (
            format!("the citation key of {entry} contains whitespace"),
            "keys cannot contain spaces; join the words with `-` or `_`".to_string(),
            here,
            None,
        ),
        ParseErrorKind::ExpectedOpening => (
            format!("expected `{{` or `(` after `{}`, found {found_desc}", &entry_type_at(text, start)),
            "write entries as `@type{key, field = {value}}`; a lone `@` in text belongs in a `%` comment".to_string(),
            here,
            None,
        ),
        ParseErrorKind::RunsIntoNextEntry => (
            format!("{entry} is never closed: the next entry starts at line {}", here.line),
            format!("add the missing `{close}`: the entry's own, before line {}, or the one a `{{` in its values leaves unclosed", here.line),
            entry_at,
            None,
        ),
        ParseErrorKind::UnbalancedBrace => (
            format!("a `}}` inside a quoted value of {entry} closes nothing"),
            "balance the braces inside the quotes, or escape it as `\\}`".to_string(),
            here,
            None,
        ),
    };
    let mut d = Diagnostic::new(Severity::Error, "syntax", message)
        .at(location)
        .hint(hint);
    if let Some(note) = note {
        d = d.note(note);
    }
    d
}

/// The `@type` at `start`, cut to 40 bytes (on a character boundary).
fn entry_type_at(text: &str, start: usize) -> String {
    let rest = &text[start..];
    let end = rest[1..]
        .find(|c: char| c.is_whitespace() || matches!(c, '{' | '(' | ',' | '='))
        .map_or(rest.len(), |e| e + 1);
    let end = crate::source::floor_char_boundary(rest, end.min(40));
    rest[..end].to_string()
}

/// "entry `key`", "the `@article` entry" or "the `@string` definition" for
/// messages.
fn describe_entry(text: &str, start: usize) -> String {
    let ty = entry_type_at(text, start);
    match ty.to_ascii_lowercase().as_str() {
        "@string" => return "the `@string` definition".to_string(),
        "@preamble" | "@comment" => return format!("the `{ty}`"),
        _ => {}
    }
    let rest = &text[start..];
    let key = rest
        .find(['{', '('])
        .and_then(|i| rest[i + 1..].split([',', '\n', '}', ')']).next())
        .map(str::trim)
        .filter(|k| !k.is_empty() && k.len() <= 100 && !k.contains(['=', '{', '"']));
    match key {
        Some(k) => format!("entry `{k}`"),
        None => format!("the `{ty}` entry"),
    }
}

/// The delimiter that closes the item at `start`: `)` if it opened with `(`.
fn closing_of(text: &str, start: usize) -> char {
    let rest = &text[start..];
    match rest.find(['{', '(']).map(|i| rest.as_bytes()[i]) {
        Some(b'(') => ')',
        _ => '}',
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> Library {
        Library::from_text(Path::new("t.bib"), text.to_string(), LoadOptions::default())
    }

    /// The corpus files `names` (`tests/corpus/`), loaded.
    fn corpus(names: &[&str]) -> Vec<Library> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        names
            .iter()
            .map(|name| {
                let path = root.join("tests/corpus").join(name);
                let text = std::fs::read_to_string(&path).expect("corpus file");
                Library::from_text(&path, text, LoadOptions::default())
            })
            .collect()
    }

    /// A file large enough for huge pages loads as the same file read into
    /// a `Vec` does: the same diagnostics (encoding problems and NUL bytes
    /// included), entries and text.
    #[test]
    #[cfg(target_os = "linux")]
    fn large_files_load_as_read_files_do() {
        let entry =
            "@article{k%, author = {M\u{fc}ller, Jo}, title = {T}, journal = {J}, year = 2020}\n";
        let mut big = String::new();
        for k in 0..(LARGE_FILE_BYTES as usize / entry.len() + 10) {
            big.push_str(&entry.replace('%', &k.to_string()));
        }
        let mut cases: Vec<Vec<u8>> = vec![big.clone().into_bytes()];
        let mut latin1 = big.clone().into_bytes();
        latin1[600_000] = 0xfc;
        cases.push(latin1);
        cases.push(big.replacen("title = {T}", "title = {T\0}", 3).into_bytes());
        let mut utf16 = vec![0xff, 0xfe];
        utf16.extend(big.encode_utf16().flat_map(u16::to_le_bytes));
        cases.push(utf16);
        for bytes in cases {
            let file = tempfile::NamedTempFile::new().unwrap();
            std::fs::write(file.path(), &bytes).unwrap();
            let loaded = Library::load(file.path(), LoadOptions::default()).unwrap();
            let read = Library::from_bytes(file.path(), bytes, LoadOptions::default()).unwrap();
            assert_eq!(loaded.diagnostics, read.diagnostics);
            assert_eq!(loaded.lossy, read.lossy);
            assert_eq!(loaded.source.text(), read.source.text());
            assert_eq!(loaded.len(), read.len());
        }
    }

    /// [`EntryFields::first_of`] finds what reading each name in turn
    /// finds, whatever `take` accepts: on real libraries, and on repeated
    /// names in other cases, macros and crossrefs.
    #[test]
    fn fields_read_at_once_agree_with_reading_each_name() {
        let mut libraries = corpus(&["tugboat.bib", "iridia.bib", "biblatex-examples.bib"]);
        libraries.push(load(
            "@string{j = {CoRR}}\n\
             @article{a, JOURNAL = j, volume = {abs/2401.01234}, Volume = {2}, url = {x}, Pages = {1--2}}\n\
             @proceedings{p, title = {P}, note = {arXiv:2401.01235}, doi = {d}}\n\
             @inproceedings{b, crossref = {p}, booktitle = {B}, eid = {e}}\n\
             @misc{c, howpublished = {H}, number = {3}, journaltitle = {J}, title = {T}}\n",
        ));
        let mut compared = 0;
        for lib in &libraries {
            for i in 0..lib.len() {
                let fields = lib.entry_fields(i);
                for from in 0..ARXIV_PLACES.names.len() {
                    let at_once = fields.first_of(&ARXIV_PLACES, |k, v| {
                        (k >= from).then(|| (k, v.into_owned()))
                    });
                    let each = (from..ARXIV_PLACES.names.len()).find_map(|k| {
                        fields
                            .get(ARXIV_PLACES.names[k])
                            .map(|v| (k, v.into_owned()))
                    });
                    assert_eq!(
                        at_once,
                        each,
                        "{} from {from}",
                        lib.item_of(i).key.of(lib.source.text())
                    );
                    compared += usize::from(each.is_some());
                }
            }
        }
        assert!(compared > 10_000, "{compared} found");
    }

    /// `check` reads [`Library::facts`] instead of whole publications: on
    /// real libraries, and on crossrefs and arXiv venue strings, each fact
    /// is what the publication has.
    #[test]
    fn facts_agree_with_the_publications() {
        let mut libraries = corpus(&[
            "tugboat.bib",
            "iridia.bib",
            "biblatex-examples.bib",
            "xampl.bib",
        ]);
        libraries.push(load(
            "@proceedings{p, title = {ICML 2024}, eventtitle = {International Conference on Machine Learning}}\n\
             @inproceedings{a, author = {Wu, Lei and { and }}, title = {T}, crossref = {p}, year = 2024}\n\
             @article{b, author = { and }, title = {U}, journal = {arXiv preprint arXiv:2401.01234 (Oral)}, year = 2024}\n\
             @ARTICLE{c, editor = {E, F}, title = {V}, journal = {arXiv e-prints}, eid = {arXiv:2401.01235}, year = 2024}\n\
             @misc{d, title = {W}, howpublished = {CoRR}, volume = {abs/2401.01236}, note = {Spotlight}}\n",
        ));
        let mut compared = 0;
        for lib in &libraries {
            for (i, p) in lib.publications().iter().enumerate() {
                let facts = lib.facts(i);
                assert_eq!(facts.title(), p.title, "{}", p.key);
                assert_eq!(facts.arxiv, p.arxiv, "{}", p.key);
                assert_eq!(facts.venue, p.venue, "{}", p.key);
                assert_eq!(lib.venue_of_entry(i), p.venue, "{}", p.key);
                assert_eq!(lib.keywords_of(i), p.keywords, "{}", p.key);
                let people = facts.people.as_deref().map_or(0, |t| split_names(t).len());
                assert_eq!(people, p.authors.len(), "{}", p.key);
                assert_eq!(lib.title_of(i), p.title, "{}", p.key);
                compared += 1;
            }
        }
        assert!(compared > 7500, "{compared} entries compared");
    }

    #[test]
    fn without_checks_only_the_findings_go() {
        let text = "@string{conf = {Proc. of X}}\n\
            @misc{a, title = {A}, title = {A again}, crossref = {nowhere}, year = 2021}\n\
            @misc{b, author = {Wu, Lei}, author+an = {3=equal}, title = undefined # {B}, year = conf}\n\
            @misc{c, title = {C}, booktitle = conf, year = 2019}\n";
        let checked = load(text);
        let unchecked = Library::from_text(
            Path::new("t.bib"),
            text.to_string(),
            LoadOptions {
                checks: false,
                ..LoadOptions::default()
            },
        );
        let codes = |lib: &Library| lib.diagnostics.iter().map(|d| d.code).collect::<Vec<_>>();
        assert_eq!(
            codes(&checked),
            [
                "duplicate-field",
                "crossref-missing",
                "annotation-out-of-range",
                "unknown-macro"
            ]
        );
        assert!(codes(&unchecked).is_empty(), "{:?}", codes(&unchecked));
        assert_eq!(unchecked.years, checked.years);
        assert_eq!(unchecked.numbers, checked.numbers);
        assert_eq!(
            crate::fmt::format_library(&unchecked),
            crate::fmt::format_library(&checked)
        );
    }

    #[test]
    fn strings_concatenation_and_months() {
        let lib = load(
            "@string{ack = \"Thanks\"}\n@string{Both = ack # { to all}}\n@misc{a, title = both # \" and \" # jan, year = 2020}",
        );
        assert_eq!(lib.publications()[0].title, "Thanks to all and January");
        assert!(lib.diagnostics.is_empty(), "{:?}", lib.diagnostics);
    }

    #[test]
    fn crossref_fills_missing_fields() {
        let lib = load(
            "@inproceedings{a, title = {P}, crossref = {proc}}\n@proceedings{proc, title = {Advances in Neural Information Processing Systems 35}, year = 2022}",
        );
        let p = &lib.publications()[0];
        assert_eq!(p.year, Some(2022));
        assert_eq!(p.venue.abbr.as_deref(), Some("NeurIPS"));
    }

    #[test]
    fn equal_marks_in_names_and_annotations() {
        let lib = load(
            "@misc{a, author = {Wang*, Mingze and Yu$^*$, Ruoxi and E, Weinan}}\n@misc{b, author = {A B and C D}, author+an = {2=equal}}",
        );
        let eq: Vec<bool> = lib.publications()[0]
            .authors
            .iter()
            .map(|a| a.equal)
            .collect();
        assert_eq!(eq, [true, true, false]);
        assert_eq!(lib.publications()[0].authors[0].name, "Mingze Wang");
        assert!(lib.publications()[1].authors[1].equal);
    }

    #[test]
    fn preprints_in_every_common_form() {
        let lib = load(concat!(
            "@article{dblp, title = {A}, journal = {CoRR}, volume = {abs/2401.01234}, year = 2024}\n",
            "@article{scholar, title = {B}, journal = {arXiv preprint arXiv:2401.01234}, year = 2024}\n",
            "@misc{arxiv, title = {C}, eprint = {2401.01234v2}, archivePrefix = {arXiv}, primaryClass = {cs.LG}, year = 2024}\n",
            "@online{old, title = {D}, url = {https://arxiv.org/abs/math/0601001v2}, year = 2006}\n",
            "@article{ads, title = {E}, journal = {arXiv e-prints}, eid = {arXiv:2401.01234}, pages = {arXiv:2401.01234}, year = 2024}\n",
            "@misc{datacite, title = {F}, doi = {10.48550/ARXIV.2401.01234}, publisher = {arXiv}, year = 2024}\n",
            "@article{s2, title = {G}, journal = {ArXiv}, volume = {abs/2401.01234}, year = 2024}\n",
            "@misc{biorxiv, title = {H}, journal = {bioRxiv}, year = 2024}\n",
        ));
        let got: Vec<(String, String, Option<String>)> = lib
            .publications()
            .iter()
            .map(|p| {
                let abbr = p.venue.abbr.clone().unwrap_or_default();
                (
                    p.key.clone(),
                    format!("{abbr} {}", p.venue.kind),
                    p.arxiv.clone(),
                )
            })
            .collect();
        let id = |s: &str| Some(s.to_string());
        let preprint = "arXiv preprint".to_string();
        assert_eq!(
            got,
            [
                ("dblp".to_string(), preprint.clone(), id("2401.01234")),
                ("scholar".to_string(), preprint.clone(), id("2401.01234")),
                ("arxiv".to_string(), preprint.clone(), id("2401.01234v2")),
                ("old".to_string(), preprint.clone(), id("math/0601001v2")),
                ("ads".to_string(), preprint.clone(), id("2401.01234")),
                ("datacite".to_string(), preprint.clone(), id("2401.01234")),
                ("s2".to_string(), preprint, id("2401.01234")),
                ("biorxiv".to_string(), "bioRxiv preprint".to_string(), None),
            ]
        );
    }

    #[test]
    fn a_proceedings_volume_is_its_own_venue() {
        let lib = load(
            "@proceedings{iclr, title = {The Twelfth International Conference on Learning Representations}, publisher = {OpenReview.net}, year = 2024}",
        );
        assert_eq!(lib.publications()[0].venue.label(), "ICLR 2024");
    }

    #[test]
    fn years_from_date_and_noopsort() {
        assert_eq!(parse_year("2024-05-01"), Some(2024));
        assert_eq!(parse_year("1973"), Some(1973));
        assert_eq!(parse_year("n.d."), None);
    }
}
