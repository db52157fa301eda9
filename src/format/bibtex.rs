//! The selected entries as a `.bib` file, for BibTeX or for biblatex/biber,
//! e.g. to share all NeurIPS papers.
//!
//! Entries are written from their raw fields (macros resolved, `crossref`
//! parents inlined so a subset stands alone) with what the model learned
//! added back: equal-contribution marks typed into names move to
//! `author+an`, arXiv ids found in `journal` or `url` become `eprint`.
//! BibTeX gets the classic names (`year`, `journal`, `archivePrefix`,
//! `@misc` for `@online`, a `note` for the status); biblatex keeps its own
//! (`date`, `eventtitle`, `author+an`, `pubstate`, `pagetotal`). Fields
//! publist does not know are kept: both programs ignore unknown fields.
//! `@preamble`s are copied, since field values may use their macros.

use std::borrow::Cow;
use std::collections::HashMap;
use std::io::{self, Write};

use super::{write_in_pieces, write_selected};
use crate::library::Library;
use crate::model::{Publication, Status};
use crate::normalize::names::without_equal_marks;
use crate::normalize::parse_annotations;
use crate::query::Query;
use crate::syntax::ItemKind;

/// Which program reads the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    /// Classic BibTeX with a standard style (`plain`).
    Bibtex,
    /// biblatex with biber.
    Biblatex,
}

/// Writes the entries of `pubs` (publications of `lib`) in `dialect`.
pub fn write_bib(
    out: &mut dyn Write,
    lib: &Library,
    pubs: &[&Publication],
    dialect: Dialect,
) -> io::Result<()> {
    if pubs.is_empty() {
        return Ok(());
    }
    write_header(out, lib)?;
    let index = Index::new(lib);
    write_in_pieces(
        out,
        pubs.len(),
        ENTRIES_PER_PIECE,
        PARALLEL_ENTRIES,
        |n, piece| {
            let p = pubs[n];
            let Some(&i) = index.by_number.get(&p.number) else {
                return Ok(());
            };
            if n > 0 {
                piece.bytes.push(b'\n');
            }
            write_entry(&mut piece.bytes, &Entry::of(lib, i, p, dialect))
        },
    )
}

/// The publications `query` selects from `lib`, newest first, as
/// [`write_bib`] writes them, normalized and written a chunk at a time (see
/// [`write_selected`]). Returns how many were written.
pub fn write_selected_bib(
    out: &mut dyn Write,
    lib: &Library,
    query: &Query,
    dialect: Dialect,
) -> io::Result<usize> {
    let index = Index::new(lib);
    write_selected(
        out,
        lib,
        query,
        |out| write_header(out, lib),
        |p, piece| {
            let Some(&i) = index.by_number.get(&p.number) else {
                return Ok(());
            };
            // A blank line between entries; the first one's is dropped.
            piece.bytes.push(b'\n');
            write_entry(&mut piece.bytes, &Entry::of(lib, i, p, dialect))
        },
    )
}

/// What comes before the entries: the owner line and the `@preamble`s.
fn write_header(out: &mut dyn Write, lib: &Library) -> io::Result<()> {
    // The owner line keeps the export's owner marks when it is loaded back.
    if let Some(owner) = lib.owner.as_deref().filter(|o| !o.contains(['{', '}'])) {
        writeln!(out, "@comment{{publist: owner = {owner}}}\n")?;
    }
    let text = lib.source.text();
    for item in lib
        .raw
        .items
        .iter()
        .filter(|i| i.kind == ItemKind::Preamble)
    {
        writeln!(out, "{}\n", item.span.of(text))?;
    }
    Ok(())
}

/// Entries rendered into one piece of output.
const ENTRIES_PER_PIECE: usize = 64;

/// Below twice this many entries, they are rendered on one core.
const PARALLEL_ENTRIES: usize = 1000;

/// Entry indexes by CV number (unique in a library), so a large export
/// stays linear and needs no normalized copy of the library.
struct Index {
    by_number: HashMap<usize, usize>,
}

impl Index {
    fn new(lib: &Library) -> Index {
        Index {
            by_number: lib
                .numbers
                .iter()
                .enumerate()
                .map(|(i, &n)| (n, i))
                .collect(),
        }
    }
}

/// An entry ready to print.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Entry {
    entry_type: String,
    key: String,
    fields: Vec<(String, Value)>,
}

/// A field value: braced text, or a macro such as a month name.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Value {
    Braced(String),
    Macro(&'static str),
}

impl Entry {
    fn of(lib: &Library, index: usize, p: &Publication, dialect: Dialect) -> Entry {
        let mut e = Entry {
            entry_type: p.entry_type.clone(),
            key: p.key.clone(),
            fields: Vec::new(),
        };
        for (name, value) in inherited_fields(lib, index) {
            let value = if name == "month" {
                month_macro(&value).map_or(Value::Braced(value), Value::Macro)
            } else {
                Value::Braced(value)
            };
            e.fields.push((name, value));
        }
        e.clean_authors(p);
        match dialect {
            Dialect::Bibtex => e.adapt_to_bibtex(p),
            Dialect::Biblatex => e.adapt_to_biblatex(p),
        }
        e
    }

    fn get(&self, name: &str) -> Option<&str> {
        self.fields.iter().find_map(|(n, v)| match v {
            Value::Braced(s) if n == name => Some(s.as_str()),
            _ => None,
        })
    }

    fn has(&self, name: &str) -> bool {
        self.fields.iter().any(|(n, _)| n == name)
    }

    fn set(&mut self, name: &str, value: String) {
        match self.fields.iter_mut().find(|(n, _)| n == name) {
            Some((_, v)) => *v = Value::Braced(value),
            None => self.fields.push((name.to_string(), Value::Braced(value))),
        }
    }

    fn remove(&mut self, name: &str) -> Option<Value> {
        let at = self.fields.iter().position(|(n, _)| n == name)?;
        Some(self.fields.remove(at).1)
    }

    /// Renames `from` to `to` in place, unless `to` is already there.
    fn rename(&mut self, from: &str, to: &str) {
        if self.has(to) {
            return;
        }
        if let Some((n, _)) = self.fields.iter_mut().find(|(n, _)| n == from) {
            *n = to.to_string();
        }
    }

    /// Moves equal-contribution marks out of the names into `author+an`.
    fn clean_authors(&mut self, p: &Publication) {
        if let Some((clean, _)) = self.get("author").and_then(without_equal_marks) {
            self.set("author", clean);
        }
        if !self.has("author") {
            return;
        }
        let mut an = self
            .get("author+an")
            .and_then(|a| parse_annotations(a).ok())
            .unwrap_or_default();
        for (i, a) in p.authors.iter().enumerate() {
            for (flag, name) in [(a.equal, "equal"), (a.corresponding, "corresponding")] {
                if flag
                    && !an.has(i + 1, name)
                    && !(name == "corresponding" && an.has(i + 1, "corr"))
                {
                    an.items.push((i + 1, None, vec![name.to_string()]));
                }
            }
        }
        an.items.sort_by_key(|(n, _, _)| *n);
        let mut specs: Vec<String> = an
            .items
            .iter()
            .map(|(n, part, names)| match part {
                Some(part) => format!("{n}:{part}={}", names.join(",")),
                None => format!("{n}={}", names.join(",")),
            })
            .collect();
        if !an.field.is_empty() {
            specs.push(format!("={}", an.field.join(",")));
        }
        if specs.is_empty() {
            self.remove("author+an");
        } else {
            self.set("author+an", specs.join("; "));
        }
    }

    /// Classic BibTeX names and types.
    fn adapt_to_bibtex(&mut self, p: &Publication) {
        self.entry_type = bibtex_type(&self.entry_type, self.get("type")).to_string();
        if self
            .get("type")
            .is_some_and(|t| BIBLATEX_TYPE_KEYS.contains(&t.trim().to_ascii_lowercase().as_str()))
        {
            self.remove("type");
        }
        for (from, to) in [
            ("journaltitle", "journal"),
            ("location", "address"),
            ("eprinttype", "archiveprefix"),
            ("eprintclass", "primaryclass"),
        ] {
            self.rename(from, to);
        }
        if matches!(self.entry_type.as_str(), "phdthesis" | "mastersthesis") {
            self.rename("institution", "school");
        }
        if !self.has("year") {
            if let Some(date) = self.get("date").map(str::to_string) {
                let mut parts = date.trim().split(['-', '/']);
                if let Some(y) = parts.next().filter(|y| y.len() == 4) {
                    self.set("year", y.to_string());
                    if let Some(m) = parts.next().and_then(|m| m.parse::<usize>().ok())
                        && !self.has("month")
                        && let Some(name) = MONTHS.get(m.wrapping_sub(1))
                    {
                        self.fields.push(("month".to_string(), Value::Macro(name)));
                    }
                }
            } else if let Some(y) = p.year {
                self.set("year", y.to_string());
            }
        }
        if matches!(
            self.entry_type.as_str(),
            "inproceedings" | "incollection" | "conference"
        ) && !self.has("booktitle")
            && let Some(event) = self.get("eventtitle").map(str::to_string)
        {
            self.set("booktitle", event);
        }
        if let Some(id) = p.arxiv.as_ref() {
            if !self.has("eprint") {
                self.set("eprint", id.clone());
                self.set("archiveprefix", "arXiv".to_string());
            }
            // Standard styles print neither: name the preprint where they look.
            if self.entry_type == "misc" && !self.has("howpublished") && !self.has("journal") {
                self.set("howpublished", format!("arXiv preprint arXiv:{id}"));
            }
        }
        // BibTeX styles print neither pubstate nor addendum: say it in a note.
        if !self.has("note") {
            let status = match p.status {
                Status::Submitted => Some("Under review"),
                Status::Inpreparation => Some("In preparation"),
                Status::Forthcoming => Some("To appear"),
                Status::Inpress => Some("In press"),
                Status::Published | Status::Prepublished => None,
            };
            // The raw addendum, which is LaTeX (`3.5\%`), when it is the award.
            let award = self.get("addendum").filter(|ad| {
                p.award
                    .as_deref()
                    .is_some_and(|a| crate::latex::to_unicode(ad) == a)
            });
            let note: Vec<&str> = status.into_iter().chain(award).collect();
            if !note.is_empty() {
                self.set("note", note.join(". "));
            }
        }
    }

    /// biblatex names; the status as `pubstate`.
    fn adapt_to_biblatex(&mut self, p: &Publication) {
        for (from, to) in [
            ("journal", "journaltitle"),
            ("address", "location"),
            ("school", "institution"),
            ("archiveprefix", "eprinttype"),
            ("primaryclass", "eprintclass"),
        ] {
            self.rename(from, to);
        }
        if let Some(id) = p.arxiv.as_ref().filter(|_| !self.has("eprint")) {
            self.set("eprint", id.clone());
            self.set("eprinttype", "arxiv".to_string());
        }
        if p.status != Status::Published && !self.has("pubstate") {
            self.set("pubstate", p.status.as_str().to_string());
        }
        if !self.has("year")
            && !self.has("date")
            && let Some(y) = p.year
        {
            self.set("year", y.to_string());
        }
    }
}

/// The `type` values biblatex defines as keys; BibTeX would print them.
const BIBLATEX_TYPE_KEYS: [&str; 8] = [
    "phdthesis",
    "mathesis",
    "candthesis",
    "techreport",
    "resreport",
    "software",
    "datacd",
    "audiocd",
];

/// The BibTeX entry type for a (possibly biblatex) type.
fn bibtex_type(entry_type: &str, type_field: Option<&str>) -> &'static str {
    match entry_type {
        "article" | "suppperiodical" | "periodical" => "article",
        "book" | "mvbook" | "collection" | "mvcollection" | "reference" | "mvreference" => "book",
        "booklet" => "booklet",
        "inbook" | "bookinbook" | "suppbook" => "inbook",
        "incollection" | "suppcollection" | "inreference" => "incollection",
        "inproceedings" | "conference" => "inproceedings",
        "manual" => "manual",
        "mastersthesis" => "mastersthesis",
        "phdthesis" => "phdthesis",
        "thesis" => match type_field.map(|t| t.trim().to_ascii_lowercase()) {
            Some(t) if t.contains("ma") && !t.contains("phd") => "mastersthesis",
            _ => "phdthesis",
        },
        "proceedings" | "mvproceedings" => "proceedings",
        "techreport" | "report" => "techreport",
        "unpublished" => "unpublished",
        _ => "misc",
    }
}

/// The three-letter month names BibTeX styles and biber define as macros.
const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// The month macro for "January", "jan", "Sept", "1" or "01".
fn month_macro(value: &str) -> Option<&'static str> {
    let v = value.trim().to_ascii_lowercase();
    if let Ok(n) = v.parse::<usize>() {
        return MONTHS.get(n.wrapping_sub(1)).copied();
    }
    const FULL: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let at = FULL
        .iter()
        .position(|full| v.len() >= 3 && full.starts_with(v.trim_end_matches('.')))?;
    Some(MONTHS[at])
}

/// The entry's own fields (first of each name), plus what it inherits from
/// its `crossref` parent, with the parent's `title` as `booktitle` as
/// biblatex does; `crossref` itself is dropped so the entry stands alone.
fn inherited_fields(lib: &Library, index: usize) -> Vec<(String, String)> {
    let mut fields = first_of_each(lib.field_values(index));
    // The loader's parent (the first entry with the key), a container
    // that is no publication included.
    let item = lib.items[index];
    let parent = lib.crossref_parent(item).filter(|&p| p != item);
    fields.retain(|(n, _)| n != "crossref" && n != "xref");
    if let Some(parent) = parent {
        let inherited = first_of_each(lib.item_field_values(parent));
        // Same-named fields first (BibTeX), so a parent's own `booktitle`
        // wins over its `title` (biblatex), as when the library was loaded.
        for (name, value) in &inherited {
            if !matches!(
                name.as_str(),
                "crossref" | "xref" | "ids" | "title" | "subtitle"
            ) && !fields.iter().any(|(n, _)| n == name)
            {
                fields.push((name.clone(), value.clone()));
            }
        }
        for (from, to) in [("title", "booktitle"), ("subtitle", "booksubtitle")] {
            if let Some((_, value)) = inherited.iter().find(|(n, _)| n == from)
                && !fields.iter().any(|(n, _)| n == to)
            {
                fields.push((to.to_string(), value.clone()));
            }
        }
    }
    fields
}

/// Keeps the first of repeated fields, as BibTeX does.
fn first_of_each(fields: Vec<(String, String)>) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::with_capacity(fields.len());
    for (name, value) in fields {
        if !out.iter().any(|(n, _)| *n == name) {
            out.push((name, value));
        }
    }
    out
}

fn write_entry(out: &mut impl Write, e: &Entry) -> io::Result<()> {
    writeln!(out, "@{}{{{},", e.entry_type, e.key)?;
    let width = e.fields.iter().map(|(n, _)| n.len()).max().unwrap_or(0);
    for (name, value) in &e.fields {
        // `  name = value,`, names padded to `width` characters.
        out.write_all(b"  ")?;
        out.write_all(name.as_bytes())?;
        for _ in name.chars().count()..width {
            out.write_all(b" ")?;
        }
        out.write_all(b" = ")?;
        match value {
            Value::Braced(s) => {
                out.write_all(b"{")?;
                out.write_all(balanced(s).as_bytes())?;
                out.write_all(b"}")?;
            }
            Value::Macro(m) => out.write_all(m.as_bytes())?,
        }
        out.write_all(b",\n")?;
    }
    writeln!(out, "}}")
}

/// `text` without unmatched braces, so the value cannot end early. BibTeX
/// counts every brace, escaped or not.
fn balanced(text: &str) -> Cow<'_, str> {
    let mut depth = 0usize;
    let mut matched = true;
    for b in text.bytes() {
        match b {
            b'{' => depth += 1,
            b'}' if depth == 0 => matched = false,
            b'}' => depth -= 1,
            _ => {}
        }
    }
    if matched && depth == 0 {
        return Cow::Borrowed(text);
    }
    let mut keep = vec![true; text.len()];
    let mut open: Vec<usize> = Vec::new();
    for (i, c) in text.char_indices() {
        match c {
            '{' => open.push(i),
            '}' if open.pop().is_none() => keep[i] = false,
            _ => {}
        }
    }
    for i in open {
        keep[i] = false;
    }
    Cow::Owned(
        text.char_indices()
            .filter(|(i, _)| keep[*i])
            .map(|(_, c)| c)
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::library::LoadOptions;

    /// Exports the entry `key` of `bib` alone.
    fn export_one(bib: &str, key: &str, dialect: Dialect) -> String {
        let lib = Library::from_text(Path::new("t.bib"), bib.to_string(), LoadOptions::default());
        let p = lib.by_key(key).expect("the key exists");
        let mut out = Vec::new();
        write_bib(&mut out, &lib, &[p], dialect).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn a_parents_booktitle_wins_over_its_title() {
        let bib = "@inproceedings{c, title = {C}, crossref = {p}}
@proceedings{p, title = {Proceedings of X}, booktitle = {X 2020}, year = 2020}";
        insta::assert_snapshot!(export_one(bib, "c", Dialect::Bibtex), @r"
        @inproceedings{c,
          title     = {C},
          booktitle = {X 2020},
          year      = {2020},
        }
        ");
    }

    #[test]
    fn dates_marks_and_arxiv_in_each_dialect() {
        let bib = r"@online{a, author = {Smith*, Alice and Jones$^*$, Bob and Lee, Carl},
  title = {T}, date = {2021-03-04}, journal = {arXiv preprint arXiv:2103.01234}, note = {Under review}}";
        insta::assert_snapshot!(export_one(bib, "a", Dialect::Bibtex), @r"
        @misc{a,
          author        = {Smith, Alice and Jones, Bob and Lee, Carl},
          title         = {T},
          date          = {2021-03-04},
          journal       = {arXiv preprint arXiv:2103.01234},
          note          = {Under review},
          author+an     = {1=equal; 2=equal},
          year          = {2021},
          month         = mar,
          eprint        = {2103.01234},
          archiveprefix = {arXiv},
        }
        ");
        insta::assert_snapshot!(export_one(bib, "a", Dialect::Biblatex), @r"
        @online{a,
          author       = {Smith, Alice and Jones, Bob and Lee, Carl},
          title        = {T},
          date         = {2021-03-04},
          journaltitle = {arXiv preprint arXiv:2103.01234},
          note         = {Under review},
          author+an    = {1=equal; 2=equal},
          eprint       = {2103.01234},
          eprinttype   = {arxiv},
          pubstate     = {submitted},
        }
        ");
    }

    #[test]
    fn months_become_macros() {
        for (value, expected) in [
            ("January", Some("jan")),
            ("jan", Some("jan")),
            ("Sept", Some("sep")),
            ("9", Some("sep")),
            ("13", None),
            ("Spring", None),
            ("ma", None),
        ] {
            assert_eq!(month_macro(value), expected, "{value}");
        }
    }

    #[test]
    fn unbalanced_braces_are_escaped() {
        assert_eq!(balanced("a {b} c"), "a {b} c");
        assert_eq!(balanced("a } b {"), "a  b ");
        assert_eq!(balanced("{{x}"), "{x}");
    }

    #[test]
    fn biblatex_types_map_to_bibtex() {
        assert_eq!(bibtex_type("online", None), "misc");
        assert_eq!(bibtex_type("thesis", Some("mathesis")), "mastersthesis");
        assert_eq!(bibtex_type("thesis", Some("phdthesis")), "phdthesis");
        assert_eq!(bibtex_type("report", None), "techreport");
        assert_eq!(bibtex_type("inproceedings", None), "inproceedings");
    }
}
