//! `publist check`: what is wrong with the library, each finding with its
//! place, severity, message and a fix hint.
//!
//! Load problems (syntax, duplicate keys and fields, unknown macros,
//! dangling crossrefs, bad `author+an`) come from the loader; this module
//! adds what needs the whole normalized library: the same paper twice,
//! missing fields, unknown venues, venue years that disagree with the
//! entry, malformed arXiv ids, one coauthor written several ways, and
//! entries `fmt` would rewrite. Every check is one pass with hash maps.

use std::borrow::Cow;
use std::sync::{Mutex, MutexGuard, PoisonError};

use self::coauthors::Spellings;

use crate::error::{Diagnostic, Location, Severity};
use crate::library::Library;
use crate::model::{Kind, Venue};
use crate::normalize::names::{fold, may_hold_equal_marker, split_names, strip_equal_marker};
use crate::normalize::venue::FastMap;
use crate::normalize::{arxiv_id, mentions_arxiv};
use crate::syntax::Field;

mod coauthors;

/// Every finding for `lib`, sorted by position.
pub fn check_library(lib: &Library) -> Vec<Diagnostic> {
    let mut out = lib.diagnostics.clone();
    // One pass over the entries, cores taking a chunk each in turn: the
    // per-entry checks, and what the cross-entry checks compare. Only those
    // facts are normalized (not whole publications); the chunks join in
    // file order.
    let (cores, chunks) = crate::par::chunks(
        lib.len(),
        CHUNK,
        500,
        || (Checker::new(lib), Spellings::default()),
        |(checker, spellings), r| {
            let mut chunk = Chunk::default();
            for i in r {
                let facts = lib.facts(i);
                let has_authors = spellings.note_authors(lib, i, facts.people.as_ref());
                let title = title_facts(facts.title_written.as_deref());
                checker.missing_fields(i, title.blank, has_authors, &mut chunk.found);
                checker.venue(i, &facts.venue, &mut chunk.found);
                checker.arxiv(i, &mut chunk.found);
                checker.markers(i, &mut chunk.found);
                checker.escapes(i, &mut chunk.found);
                chunk.title_hashes.push(title.hash);
                if let Some(id) = facts.arxiv {
                    chunk.arxiv.push((i, id));
                }
            }
            chunk
        },
        |(checker, spellings)| {
            let unknown = std::mem::take(&mut *locked(&checker.unknown_venues));
            (unknown, spellings.finish())
        },
    );
    let mut title_hashes = Vec::with_capacity(lib.len());
    let mut arxiv = Vec::new();
    for chunk in chunks {
        out.extend(chunk.found);
        title_hashes.extend(chunk.title_hashes);
        arxiv.extend(chunk.arxiv);
    }
    // Each core's unknown venues, noted from the first entry naming each.
    let checker = Checker::new(lib);
    let (unknown, spellings): (Vec<_>, Vec<_>) = cores.into_iter().unzip();
    let mut unknown: Vec<_> = unknown.into_iter().flatten().collect();
    unknown.sort_unstable_by_key(|&(_, first, _, _)| first);
    for (name, first, field, count) in unknown {
        checker.note_unknown_venue(name, first, field, count);
    }
    // The cross-entry checks in two halves of about equal work, side by
    // side; their findings join in the order the checks are listed.
    let ((), (coauthors, formatting)) = crate::par::join(
        lib.len(),
        500,
        || {
            checker.unknown_venues(&mut out);
            checker.same_paper_twice(&title_hashes, &arxiv, &mut out);
        },
        || {
            let (mut coauthors, mut formatting) = (Vec::new(), Vec::new());
            checker.coauthor_spellings(&spellings, &mut coauthors);
            checker.formatting(&mut formatting);
            (coauthors, formatting)
        },
    );
    out.extend(coauthors);
    out.extend(formatting);
    by_position(out)
}

/// `findings` in a stable order by position, then severity. A large
/// library has tens of thousands of findings of a few hundred bytes each:
/// their keys are sorted, and each finding moved once.
fn by_position(findings: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut order: Vec<_> = findings
        .iter()
        .enumerate()
        .map(|(k, d)| {
            (
                d.location.as_ref().map(|l| (l.line, l.column)),
                d.severity,
                k,
            )
        })
        .collect();
    order.sort_unstable();
    let mut slots: Vec<Option<Diagnostic>> = findings.into_iter().map(Some).collect();
    order
        .iter()
        .filter_map(|&(_, _, k)| slots[k].take())
        .collect()
}

/// Entries a core takes at a time in `check`'s pass: small enough that
/// the cores finish together, large enough that taking one costs nothing.
const CHUNK: usize = 1024;

/// What the pass gathers from a chunk of entries for the cross-entry
/// checks.
#[derive(Default)]
struct Chunk {
    found: Vec<Diagnostic>,
    /// Each entry's [`title_hash`], in order.
    title_hashes: Vec<(u64, usize)>,
    /// (entry, arXiv id) of the entries that have one.
    arxiv: Vec<(usize, String)>,
}

/// Counts of findings by severity: (errors, warnings, infos).
pub fn tally(findings: &[Diagnostic]) -> (usize, usize, usize) {
    let count = |s| findings.iter().filter(|d| d.severity == s).count();
    (
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info),
    )
}

struct Checker<'a> {
    lib: &'a Library,
    /// Unknown venues: (name, first entry, its venue field, entries).
    unknown_venues: Mutex<Vec<(String, usize, &'static str, usize)>>,
    /// Venue name → its index in `unknown_venues`: a large library names
    /// thousands of venues the registry does not know.
    unknown_index: Mutex<FastMap<String, usize>>,
}

impl<'a> Checker<'a> {
    fn new(lib: &'a Library) -> Checker<'a> {
        Checker {
            lib,
            unknown_venues: Default::default(),
            unknown_index: Default::default(),
        }
    }

    /// Counts `count` entries from `first` on citing the unknown venue `name`.
    fn note_unknown_venue(&self, name: String, first: usize, field: &'static str, count: usize) {
        let mut unknown = locked(&self.unknown_venues);
        let mut index = locked(&self.unknown_index);
        match index.get(&name) {
            Some(&seen) => unknown[seen].3 += count,
            None => {
                index.insert(name.clone(), unknown.len());
                unknown.push((name, first, field, count));
            }
        }
    }

    /// Where publication `i` starts (its `@`).
    fn entry_at(&self, i: usize) -> Location {
        let item = self.lib.item_of(i);
        Location::at(&self.lib.source, item.span.start as usize, 1)
    }

    /// Field `name` of publication `i`, as written.
    fn field(&self, i: usize, name: &str) -> Option<&Field> {
        let text = self.lib.source.text();
        self.lib
            .fields_of(i)
            .iter()
            .find(|f| f.name.of(text).eq_ignore_ascii_case(name))
    }

    /// Where field `name` of publication `i` is, else the entry.
    fn field_at(&self, i: usize, name: &str) -> Location {
        self.field(i, name)
            .map(|f| {
                Location::at(
                    &self.lib.source,
                    f.value.start as usize,
                    f.value.range().len(),
                )
            })
            .unwrap_or_else(|| self.entry_at(i))
    }

    fn raw_field(&self, i: usize, name: &str) -> Option<Cow<'a, str>> {
        let text = self.lib.source.text();
        self.field(i, name)
            .map(|f| self.lib.macros.resolve(text, f))
    }

    /// The key of publication `i`, as written.
    fn key(&self, i: usize) -> &'a str {
        self.lib.item_of(i).key.of(self.lib.source.text())
    }

    fn missing_fields(
        &self,
        i: usize,
        blank_title: bool,
        has_authors: bool,
        out: &mut Vec<Diagnostic>,
    ) {
        let key = self.key(i);
        if blank_title {
            out.push(
                Diagnostic::new(
                    Severity::Error,
                    "missing-title",
                    format!("entry `{key}` has no title"),
                )
                .at(self.entry_at(i))
                .hint("add `title = {...}`"),
            );
        }
        if !has_authors {
            out.push(
                Diagnostic::new(
                    Severity::Warning,
                    "missing-author",
                    format!("entry `{key}` has no author"),
                )
                .at(self.entry_at(i))
                .hint("add `author = {Last, First and Last, First}`"),
            );
        }
        if self.lib.years[i].is_none() {
            let written = self
                .raw_field(i, "year")
                .or_else(|| self.raw_field(i, "date"));
            let (message, at) = match &written {
                Some(y) => (
                    format!("entry `{key}` has no usable year (`{}`)", y.trim()),
                    self.field_at(i, "year"),
                ),
                None => (format!("entry `{key}` has no year"), self.entry_at(i)),
            };
            out.push(
                Diagnostic::new(Severity::Warning, "missing-year", message)
                    .at(at)
                    .hint("add `year = {2024}` or `date = {2024-05-01}`; papers without a year are numbered as the oldest"),
            );
        }
    }

    fn venue(&self, i: usize, venue: &Venue, out: &mut Vec<Diagnostic>) {
        if !venue.known
            && !venue.name.is_empty()
            && matches!(
                venue.kind,
                Kind::Conference | Kind::Journal | Kind::Workshop
            )
        {
            // One finding per distinct venue, at its first entry: a
            // library citing one unknown journal 40 times needs one fix.
            let venue_field = ["booktitle", "journal", "journaltitle", "eventtitle"]
                .into_iter()
                .find(|f| self.field(i, f).is_some())
                .unwrap_or("booktitle");
            self.note_unknown_venue(venue.name.clone(), i, venue_field, 1);
        }
        if let (Some(vy), Some(y)) = (venue.year, self.lib.years[i])
            && vy != y
            && venue.kind != Kind::Preprint
        {
            out.push(
                    Diagnostic::new(
                        Severity::Warning,
                        "venue-year",
                        format!("`{}`: the venue says {} but the entry's year is {y}", self.key(i), venue.label()),
                    )
                    .at(self.field_at(i, "year"))
                    .hint(format!(
                        "if the paper appeared at {}, set the year to {vy}; publist keeps {y} for numbering",
                        venue.label()
                    )),
                );
        }
    }

    fn arxiv(&self, i: usize, out: &mut Vec<Diagnostic>) {
        let Some(eprint) = self.raw_field(i, "eprint") else {
            return;
        };
        let kind = self
            .raw_field(i, "eprinttype")
            .or_else(|| self.raw_field(i, "archiveprefix"));
        let is_arxiv = match &kind {
            Some(k) => k.trim().eq_ignore_ascii_case("arxiv"),
            None => {
                mentions_arxiv(&eprint)
                    || eprint
                        .trim()
                        .chars()
                        .next()
                        .is_some_and(|c| c.is_ascii_digit())
            }
        };
        if is_arxiv && arxiv_id(&eprint).is_none() {
            out.push(
                Diagnostic::new(
                    Severity::Error,
                    "malformed-arxiv",
                    format!("`{}` is not an arXiv identifier", eprint.trim()),
                )
                .at(self.field_at(i, "eprint"))
                .hint("arXiv ids look like `2401.01234` (with an optional `v2`) or `math/0601001`"),
            );
        }
    }

    /// Equal-contribution marks typed into names: `fmt` moves them.
    fn markers(&self, i: usize, out: &mut Vec<Diagnostic>) {
        let Some(authors) = self
            .raw_field(i, "author")
            .filter(|a| may_hold_equal_marker(a))
        else {
            return;
        };
        let marked: Vec<String> = split_names(&authors)
            .into_iter()
            .filter(|n| strip_equal_marker(n).1)
            .map(str::to_string)
            .collect();
        if !marked.is_empty() {
            out.push(
                Diagnostic::new(
                    Severity::Warning,
                    "name-marker",
                    format!(
                        "equal-contribution marks inside names: {}",
                        marked.join("; ")
                    ),
                )
                .at(self.field_at(i, "author"))
                .hint("run `publist fmt --write` to move them to `author+an = {1=equal; ...}`"),
            );
        }
    }

    /// Values that BibTeX reads differently from publist: BibTeX has no
    /// escapes in values, so `\}` closes a brace and `\"` ends a quoted
    /// value, while publist (like LaTeX) reads them as escaped.
    fn escapes(&self, i: usize, out: &mut Vec<Diagnostic>) {
        let text = self.lib.source.text();
        // A value joined with `#` is not one `{...}` or `"..."`: its parts
        // are left alone.
        for f in self.lib.fields_of(i).iter().filter(|f| !f.concatenated) {
            let value = &text.as_bytes()[f.value.range()];
            let Some((at, quote)) = bibtex_reads_differently(value) else {
                continue;
            };
            let name = f.name.of(text);
            let message = if quote {
                format!("BibTeX ends `{name}` of `{}` at this `\\\"`", self.key(i))
            } else {
                format!(
                    "BibTeX counts this brace in `{name}` of `{}`, and then the value's braces do not match",
                    self.key(i)
                )
            };
            let at = f.value.start as usize + at;
            out.push(
                Diagnostic::new(Severity::Warning, "bibtex-escape", message)
                    .at(Location::at(&self.lib.source, at, 2))
                    .hint("BibTeX has no escapes in values: write `{\\\"u}` for ü, and `\\textbraceleft{}` or `\\textbraceright{}` for a lone brace"),
            );
        }
    }

    /// One finding per unknown venue, with the nearest known venue as hint.
    fn unknown_venues(&self, out: &mut Vec<Diagnostic>) {
        let unknown = std::mem::take(&mut *locked(&self.unknown_venues));
        // A fuzzy search per distinct venue is the dearest thing `check`
        // does; a large library names thousands, so cores share them.
        let nearest = crate::par::map(unknown.len(), 50, |k| {
            // The name is often the venue text as written, parsed already.
            let name = &unknown[k].0;
            let def = self.lib.parse_venue(name).def;
            self.lib.registry.nearest_given(name, def)
        });
        for ((name, i, field, count), nearest) in unknown.into_iter().zip(nearest) {
            let key = self.key(i);
            let message = match count {
                1 => format!("unknown venue `{name}` in `{key}`"),
                n => format!(
                    "unknown venue `{name}` in `{key}` and {} more {}",
                    n - 1,
                    plural(n - 1)
                ),
            };
            let d = Diagnostic::new(Severity::Warning, "unknown-venue", message)
                .at(self.field_at(i, field));
            out.push(match nearest {
                Some(def) => d.hint(format!(
                    "did you mean `{}` ({})? Otherwise add the venue to venues.json next to the library",
                    def.name, def.abbr
                )),
                None => d.hint("add the venue to venues.json next to the library to give it an abbreviation"),
            });
        }
    }

    /// The same normalized title or arXiv id on two entries. `title_hashes`
    /// has each entry's [`title_hash`]; `arxiv` the entries with an arXiv id.
    fn same_paper_twice(
        &self,
        title_hashes: &[(u64, usize)],
        arxiv: &[(usize, String)],
        out: &mut Vec<Diagnostic>,
    ) {
        // Titles are compared by a hash of their key (for ASCII titles
        // built without allocating); keys are only spelled out when two
        // hashes meet (the same paper, or a collision, settled by
        // `colliding`).
        let mut by_title: FastMap<u64, usize> = FastMap::default();
        let mut colliding: FastMap<String, usize> = FastMap::default();
        let mut by_arxiv: FastMap<Cow<'_, str>, usize> = FastMap::default();
        let mut arxiv = arxiv.iter().peekable();
        for (i, &(hash, len)) in title_hashes.iter().enumerate() {
            let mut first = None;
            if len >= 8 {
                match by_title.get(&hash) {
                    None => {
                        by_title.insert(hash, i);
                    }
                    // One word ("Rejoinder", "Introduction", "Preface")
                    // titles many publications: it does not make two one.
                    Some(_) if self.lib.title_of(i).split_whitespace().count() < 2 => {}
                    Some(&j) => {
                        let title = title_key(&self.lib.title_of(i));
                        if title == title_key(&self.lib.title_of(j)) {
                            first = Some((j, "title"));
                        } else {
                            match colliding.get(&title) {
                                Some(&k) => first = Some((k, "title")),
                                None => {
                                    colliding.insert(title, i);
                                }
                            }
                        }
                    }
                }
            }
            if let Some((_, id)) = arxiv.next_if(|(e, _)| *e == i) {
                let id = without_version(id);
                // `math.GT/0612345` is `math/0612345`: the subject class is
                // not part of the paper's id.
                let id = match (id.find('.'), id.find('/')) {
                    (Some(dot), Some(slash)) if dot < slash => {
                        Cow::Owned(format!("{}{}", &id[..dot], &id[slash..]))
                    }
                    _ => Cow::Borrowed(id),
                };
                match by_arxiv.get(&id) {
                    Some(&j) if first.is_none() => first = Some((j, "arXiv id")),
                    Some(_) => {}
                    None => {
                        by_arxiv.insert(id, i);
                    }
                }
            }
            if let Some((j, what)) = first {
                let (key, other) = (self.key(i), self.key(j));
                if other == key {
                    continue; // a duplicate key, reported by the loader
                }
                out.push(
                    Diagnostic::new(
                        Severity::Warning,
                        "same-paper",
                        format!(
                            "`{key}` and `{other}` have the same {what}: the same paper twice?"
                        ),
                    )
                    .at(self.entry_at(i))
                    .note(format!("`{other}` is at line {}", self.lib.line_of(j)))
                    .hint(
                        "keep one entry (a preprint and its published version count once on a CV)",
                    ),
                );
            }
        }
    }

    /// Entries `fmt` would rewrite (layout only; content changes have their own findings).
    fn formatting(&self, out: &mut Vec<Diagnostic>) {
        // `fmt` refuses a file it cannot read completely: no finding would
        // lead anywhere.
        if !self.lib.rewritable() {
            return;
        }
        let lib = self.lib;
        let canonical = crate::fmt::canonical_entries(lib);
        let rewritten: Vec<usize> = (0..lib.len()).filter(|&i| !canonical[i]).collect();
        // A library never formatted would list every entry; say it once.
        if rewritten.len() > MAX_FORMAT_FINDINGS {
            out.push(
                Diagnostic::new(
                    Severity::Info,
                    "format",
                    format!(
                        "`fmt` would rewrite {} entries, the first `{}`",
                        rewritten.len(),
                        self.key(rewritten[0])
                    ),
                )
                .at(self.entry_at(rewritten[0]))
                .hint("run `publist fmt --write`"),
            );
            return;
        }
        for i in rewritten {
            out.push(
                Diagnostic::new(
                    Severity::Info,
                    "format",
                    format!("`fmt` would rewrite entry `{}`", self.key(i)),
                )
                .at(self.entry_at(i))
                .hint("run `publist fmt --write`"),
            );
        }
    }
}

/// Where BibTeX stops agreeing with publist about `value` (a field's raw
/// value, `{...}` or `"..."`): the offset of the backslash of the `\{`,
/// `\}` or `\"` at which BibTeX ends the value, and whether it is a quote;
/// or, when BibTeX finds the braces unbalanced, of the first escaped brace.
/// None when both read the value alike (no such escape, or escaped braces
/// that balance).
fn bibtex_reads_differently(value: &[u8]) -> Option<(usize, bool)> {
    let (&open, inner) = value.split_first()?;
    let inner = inner.strip_suffix(match open {
        b'{' => b"}",
        b'"' => b"\"",
        _ => return None,
    })?;
    let first_escape = memchr::memchr_iter(b'\\', inner)
        .find(|&k| matches!(inner.get(k + 1), Some(b'{' | b'}' | b'"')))?;
    // The value as BibTeX reads it: every brace counts, and a quoted value
    // ends at the first `"` outside braces.
    let backslash_before = |k: usize| {
        if k > 0 && inner[k - 1] == b'\\' {
            k - 1
        } else {
            k
        }
    };
    let mut depth = 0usize;
    for (k, &b) in inner.iter().enumerate() {
        match b {
            b'{' => depth += 1,
            b'}' if depth == 0 => return Some((1 + backslash_before(k), false)),
            b'}' => depth -= 1,
            b'"' if open == b'"' && depth == 0 => return Some((1 + backslash_before(k), true)),
            _ => {}
        }
    }
    (depth != 0).then_some((1 + first_escape, false))
}

/// An arXiv id without its version (`2401.01234v2` → `2401.01234`); a `v`
/// elsewhere belongs to the id (`solv-int/9901001`).
fn without_version(id: &str) -> &str {
    match id.rfind('v') {
        Some(at) if at + 1 < id.len() && id[at + 1..].bytes().all(|b| b.is_ascii_digit()) => {
            &id[..at]
        }
        _ => id,
    }
}

/// Above this many entries to reformat, `check` reports them as one finding.
const MAX_FORMAT_FINDINGS: usize = 20;

/// [`title_hash`] of the title written `written` (LaTeX), and whether the
/// title is blank, as if of the title converted to Unicode. Printable
/// ASCII without a backslash converts only what is not a letter or digit
/// (braces go, dashes and quotes change, whitespace collapses), so such a
/// title, most of them, is read as written.
fn title_facts(written: Option<&str>) -> TitleFacts {
    let written = written.unwrap_or("");
    let plain = written
        .bytes()
        .all(|b| matches!(b, b'\t' | b'\n' | b'\r' | b' '..=b'~') && b != b'\\');
    if plain {
        let blank = written
            .bytes()
            .all(|b| matches!(b, b'{' | b'}' | b'~' | b' ' | b'\t' | b'\n' | b'\r'));
        return TitleFacts {
            hash: title_hash(written),
            blank,
        };
    }
    let title = crate::latex::to_unicode(written);
    TitleFacts {
        hash: title_hash(&title),
        blank: title.trim().is_empty(),
    }
}

/// What `check` needs of a title: its [`title_hash`] and whether it is
/// blank.
#[derive(Debug, PartialEq)]
struct TitleFacts {
    hash: (u64, usize),
    blank: bool,
}

/// The hash and length of [`title_key`] of `title`; for ASCII, without
/// building the key. Both paths feed the hasher byte by byte, so equal keys
/// hash equally whichever path made them.
fn title_hash(title: &str) -> (u64, usize) {
    use std::hash::Hasher;
    let mut hasher = rustc_hash::FxHasher::default();
    let mut len = 0;
    if title.is_ascii() {
        for &b in title.as_bytes() {
            let key = KEY_BYTE[usize::from(b)];
            if key != 0 {
                hasher.write_u8(key);
                len += 1;
            }
        }
    } else {
        let key = title_key(title);
        for b in key.bytes() {
            hasher.write_u8(b);
        }
        len = key.len();
    }
    (hasher.finish(), len)
}

/// What each ASCII byte adds to a title's key: letters lower-cased and
/// digits, 0 for the bytes folding drops (one lookup, not two tests).
static KEY_BYTE: [u8; 256] = {
    let mut table = [0; 256];
    let mut b = 0;
    while b < 128 {
        if (b as u8).is_ascii_alphanumeric() {
            table[b] = (b as u8).to_ascii_lowercase();
        }
        b += 1;
    }
    table
};

/// A title as `same_paper_twice` compares it: folded, letters and digits only.
fn title_key(title: &str) -> String {
    if title.is_ascii() {
        // Folding ASCII lower-cases letters and digits and turns the rest
        // into what the filter drops.
        return title
            .bytes()
            .filter(u8::is_ascii_alphanumeric)
            .map(|b| char::from(b.to_ascii_lowercase()))
            .collect();
    }
    fold(title)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// `mutex` locked; a panic elsewhere does not hide what it holds.
fn locked<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "entry" } else { "entries" }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::library::LoadOptions;

    fn codes(text: &str) -> Vec<&'static str> {
        let lib = Library::from_text(Path::new("t.bib"), text.to_string(), LoadOptions::default());
        check_library(&lib).iter().map(|d| d.code).collect()
    }

    #[test]
    fn one_finding_per_unknown_venue_and_one_for_a_library_never_formatted() {
        let mut bib = String::new();
        for i in 0..25 {
            bib.push_str(&format!(
                "@article{{k{i}, title={{T{i}}}, author={{A, B}}, year=2020, journal={{Journal of Unheard Things}}}}\n"
            ));
        }
        let lib = Library::from_text(Path::new("t.bib"), bib, LoadOptions::default());
        let findings = check_library(&lib);
        let venue: Vec<&str> = findings
            .iter()
            .filter(|d| d.code == "unknown-venue")
            .map(|d| d.message.as_str())
            .collect();
        assert_eq!(
            venue,
            ["unknown venue `Journal of Unheard Things` in `k0` and 24 more entries"]
        );
        let format: Vec<&str> = findings
            .iter()
            .filter(|d| d.code == "format")
            .map(|d| d.message.as_str())
            .collect();
        assert_eq!(format, ["`fmt` would rewrite 25 entries, the first `k0`"]);
    }

    proptest::proptest! {
        #[test]
        fn titles_read_as_written_agree_with_their_conversion(
            written in "(\\{|\\}|~|-|--|''|``|\\$|\\\\'e|\\\\emph|\\\\|\n|\t|\r| |é|\x01|\x7f|[a-zA-Z0-9.,:;!?'`^_&%#@\\[\\]()<>=+*/|\"]){0,12}"
        ) {
            let title = crate::latex::to_unicode(&written);
            proptest::prop_assert_eq!(
                title_facts(Some(&written)),
                TitleFacts {
                    hash: title_hash(&title),
                    blank: title.trim().is_empty(),
                }
            );
        }

        #[test]
        fn title_hashes_are_the_hashes_of_the_keys(title in "[a-zA-Z0-9 .,:éÉøß-]{0,24}") {
            use std::hash::Hasher;
            let key = title_key(&title);
            let mut hasher = rustc_hash::FxHasher::default();
            for b in key.bytes() {
                hasher.write_u8(b);
            }
            proptest::prop_assert_eq!(title_hash(&title), (hasher.finish(), key.len()));
        }

        #[test]
        fn title_keys_of_ascii_fold_as_before(title in "[ -~]{0,40}") {
            let folded: String = fold(&title).chars().filter(|c| c.is_alphanumeric()).collect();
            proptest::prop_assert_eq!(title_key(&title), folded);
        }
    }

    #[test]
    fn arxiv_versions_and_archives_with_a_v() {
        assert_eq!(without_version("2401.01234v2"), "2401.01234");
        assert_eq!(without_version("2401.01234"), "2401.01234");
        assert_eq!(without_version("solv-int/9901001"), "solv-int/9901001");
        assert_eq!(without_version("solv-int/9901001v3"), "solv-int/9901001");
        let two = "@article{a, title = {Toda Lattices}, author = {A, B}, year = 1999, eprint = {solv-int/9901001}}\n@article{b, title = {KdV Solitons}, author = {A, B}, year = 1998, eprint = {solv-int/9805012}}";
        assert!(!codes(two).contains(&"same-paper"));
        let rejoinders = "@article{a, title = {Rejoinder}, author = {A, B}, year = 2015, journal = {Statistical Science}}\n@article{b, title = {Rejoinder}, author = {A, B}, year = 2019, journal = {JASA}}";
        assert!(!codes(rejoinders).contains(&"same-paper"));
        let classes = "@article{a, title = {Stripes}, author = {A, B}, year = 2006, eprint = {cond-mat.str-el/0601234}}\n@misc{b, title = {Stripes in Cuprates}, author = {A, B}, year = 2006, journal = {arXiv preprint cond-mat/0601234}}";
        assert!(codes(classes).contains(&"same-paper"));
    }

    #[test]
    fn escaped_braces_and_quotes_as_bibtex_reads_them() {
        let at = |v: &str| bibtex_reads_differently(v.as_bytes());
        assert_eq!(at("{plain}"), None);
        assert_eq!(at("{$\\{x\\}$}"), None, "escaped braces that balance");
        assert_eq!(at("{M\\\"uller}"), None, "a quote in braces");
        assert_eq!(at("\"M{\\\"u}ller\""), None, "a quote inside braces");
        assert_eq!(at("{[0,1\\}}"), Some((5, false)));
        assert_eq!(at("{a \\{ b}"), Some((3, false)));
        assert_eq!(at("\"The \\\"Best\\\" Paper\""), Some((5, true)));
        assert_eq!(at("jan"), None);
    }

    #[test]
    fn findings_sort_stably_by_position_then_severity() {
        let at = |line, column| Location::bare("t.bib", line, column);
        let d = |code, severity, place: Option<Location>| {
            let d = Diagnostic::new(severity, code, "m");
            match place {
                Some(l) => d.at(l),
                None => d,
            }
        };
        let findings = vec![
            d("a", Severity::Warning, Some(at(2, 1))),
            d("b", Severity::Info, None),
            d("c", Severity::Error, Some(at(2, 1))),
            d("d", Severity::Warning, Some(at(1, 9))),
            d("e", Severity::Warning, Some(at(2, 1))),
            d("f", Severity::Error, None),
        ];
        let mut expected = findings.clone();
        expected.sort_by_key(|d| (d.location.as_ref().map(|l| (l.line, l.column)), d.severity));
        let sorted = by_position(findings);
        let codes: Vec<&str> = sorted.iter().map(|d| d.code).collect();
        assert_eq!(codes, ["f", "b", "d", "c", "a", "e"]);
        assert_eq!(codes, expected.iter().map(|d| d.code).collect::<Vec<_>>());
    }

    #[test]
    fn finds_each_problem() {
        assert_eq!(
            codes("@misc{a,\n  author = {A, B},\n  year   = {2020},\n}\n"),
            ["missing-title"]
        );
        assert!(codes("@misc{a, title = {T}}").contains(&"missing-year"));
        assert!(codes("@misc{a, title = {T}, year = 2020}").contains(&"missing-author"));
        let same = "@online{a, title = {Deep Nets Generalize}, author = {A, B}, year = 2020, eprint = {2001.00001}}\n@inproceedings{b, title = {Deep nets generalize.}, author = {A, B}, year = 2021, booktitle = {ICML 2021}}";
        assert!(codes(same).contains(&"same-paper"));
        let venue = "@inproceedings{a, title = {T}, author = {A, B}, year = 2023, booktitle = {International Conference on Machine Learning (ICML 2024)}}";
        assert!(codes(venue).contains(&"venue-year"));
        let unknown = "@article{a, title = {T}, author = {A, B}, year = 2023, journal = {Journal of Machine Learning Researchh}}";
        assert!(codes(unknown).contains(&"unknown-venue"));
        let arxiv = "@online{a, title = {T}, author = {A, B}, year = 2023, eprint = {24.1}, eprinttype = {arxiv}}";
        assert!(codes(arxiv).contains(&"malformed-arxiv"));
        let spelled = "@misc{a, title = {T1}, author = {Wu, Lei}, year = 2020}\n@misc{b, title = {T2}, author = {Wu, L.}, year = 2021}\n@misc{c, title = {T3}, author = {Wu, Lin}, year = 2021}";
        let found = codes(spelled);
        assert_eq!(
            found.iter().filter(|c| **c == "coauthor-spelling").count(),
            1,
            "{found:?}"
        );
        assert!(
            codes("@misc{a, title = {T}, author = {Wang*, M. and Yu*, R.}, year = 2020}")
                .contains(&"name-marker")
        );
        assert!(
            codes("@misc{a, title = {Interval [0,1\\}}, author = {A, B}, year = 2020}")
                .contains(&"bibtex-escape")
        );
    }
}
