//! CSL-JSON, the bibliography format of citeproc processors (pandoc's
//! `--citeproc`, citeproc-js) and Zotero's import.
//!
//! Each publication becomes one item keyed by its citation key. Variables
//! follow the CSL 1.0.2 specification: `type`, `author` (family/given),
//! `issued` date-parts, `container-title`, `event-title`, arXiv ids as
//! `number` (`arXiv:ID`) with the abstract page as `URL`, and `note`.

use std::io::{self, Write};

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};
use serde_json::Value;

use super::cv::venue_text;
use super::json::write_pretty_array;
use crate::library::Library;
use crate::model::{Kind, Person, Publication, Status};
use crate::query::Query;

/// Writes `pubs` as a pretty CSL-JSON array followed by a newline.
pub fn write_csl_json(out: &mut dyn Write, pubs: &[&Publication]) -> io::Result<()> {
    write_pretty_array(out, pubs, |p| CslItem(p))
}

/// The publications `query` selects from `lib` as [`write_csl_json`]
/// writes them, streamed; returns how many.
pub fn write_selected_csl_json(
    out: &mut dyn Write,
    lib: &Library,
    query: &Query,
) -> io::Result<usize> {
    super::json::write_selected_array(out, lib, query, |p, buf| {
        serde_json::to_writer_pretty(buf, &CslItem(p))
    })
}

/// One CSL-JSON item.
///
/// ```
/// # use std::path::Path;
/// # use publist::library::{Library, LoadOptions};
/// let bib = "@online{a, author = {Wang, Mingze}, title = {T}, year = 2024, eprint = {2410.11474}, eprinttype = {arxiv}}";
/// let lib = Library::from_text(Path::new("x.bib"), bib.into(), LoadOptions::default());
/// let item = publist::format::csl::csl_item(&lib.publications()[0]);
/// assert_eq!(item["type"], "article");
/// assert_eq!(item["number"], "arXiv:2410.11474");
/// assert_eq!(item["issued"]["date-parts"][0][0], 2024);
/// ```
pub fn csl_item(p: &Publication) -> Value {
    serde_json::to_value(CslItem(p)).unwrap_or(Value::Null)
}

/// A publication as a CSL-JSON item, serialized straight from the model:
/// a library of 100,000 entries must not become a tree of JSON values.
/// Keys are written in the order listed here, each at most once (the
/// venue's `publisher` and arXiv's are never both written).
struct CslItem<'a>(&'a Publication);

impl Serialize for CslItem<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let p = self.0;
        let mut item = serializer.serialize_map(None)?;
        item.serialize_entry("id", &p.key)?;
        item.serialize_entry("type", csl_type(p))?;
        item.serialize_entry("title", &p.title)?;
        // BibTeX's "and others" has no CSL form: styles abbreviate on their own.
        let authors: Vec<CslName> = p
            .authors
            .iter()
            .filter(|a| a.name != "et al.")
            .map(CslName)
            .collect();
        if !authors.is_empty() {
            item.serialize_entry("author", &authors)?;
        }
        if let Some(year) = p.year {
            item.serialize_entry("issued", &Issued(year))?;
        }
        for (k, v) in venue_variables(p) {
            item.serialize_entry(k, &v)?;
        }
        if let Some(id) = &p.arxiv {
            item.serialize_entry("number", &format_args!("arXiv:{id}"))?;
            if p.venue.kind == Kind::Preprint {
                item.serialize_entry("publisher", "arXiv")?;
            }
        }
        if let Some(volume) = &p.volume {
            item.serialize_entry("volume", volume)?;
        }
        if let Some(issue) = &p.issue {
            item.serialize_entry("issue", issue)?;
        }
        if let Some(pages) = &p.pages {
            item.serialize_entry("page", pages)?;
        }
        if let Some(n) = p.pagetotal {
            item.serialize_entry("number-of-pages", &format_args!("{n}"))?;
        }
        if let Some(doi) = &p.doi {
            item.serialize_entry("DOI", doi)?;
        }
        match (&p.url, &p.arxiv) {
            (Some(url), _) => item.serialize_entry("URL", url)?,
            (None, Some(id)) => {
                item.serialize_entry("URL", &format_args!("https://arxiv.org/abs/{id}"))?;
            }
            (None, None) => {}
        }
        if let Some(status) = status_text(p.status) {
            item.serialize_entry("status", status)?;
        }
        let note: Vec<&str> = p.award.iter().chain(&p.note).map(String::as_str).collect();
        if !note.is_empty() {
            item.serialize_entry("note", &note.join(". "))?;
        }
        if !p.keywords.is_empty() {
            item.serialize_entry("keyword", &p.keywords.join(", "))?;
        }
        item.end()
    }
}

/// `issued` as CSL writes a year: `{"date-parts": [[2024]]}`.
struct Issued(i32);

impl Serialize for Issued {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut issued = serializer.serialize_map(Some(1))?;
        issued.serialize_entry("date-parts", &[[self.0]])?;
        issued.end()
    }
}

/// An author as CSL wants it: family/given, or a literal for a name
/// without parts (a consortium, "et al.").
struct CslName<'a>(&'a Person);

impl Serialize for CslName<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let a = self.0;
        let mut name = serializer.serialize_map(None)?;
        if a.family.is_empty() || a.given.is_empty() && a.family.contains(' ') {
            name.serialize_entry("literal", &a.name)?;
        } else {
            name.serialize_entry("family", &a.family)?;
            if !a.given.is_empty() {
                name.serialize_entry("given", &a.given)?;
            }
            if !a.suffix.is_empty() {
                name.serialize_entry("suffix", &a.suffix)?;
            }
        }
        name.end()
    }
}

/// The CSL item type for a publication.
fn csl_type(p: &Publication) -> &'static str {
    match p.venue.kind {
        Kind::Conference | Kind::Workshop => "paper-conference",
        Kind::Journal => "article-journal",
        Kind::Preprint => "article",
        Kind::Book => match p.entry_type.as_str() {
            "inbook" | "incollection" | "bookinbook" | "suppbook" => "chapter",
            _ => "book",
        },
        Kind::Thesis => "thesis",
        Kind::Report => "report",
        Kind::Other => "document",
    }
}

/// `container-title`, `container-title-short`, `event-title` and
/// `publisher` for the venue.
fn venue_variables(p: &Publication) -> Vec<(&'static str, String)> {
    let v = &p.venue;
    let mut out = Vec::new();
    if v.name.trim().is_empty() || v.kind == Kind::Preprint {
        return out;
    }
    match v.kind {
        Kind::Conference | Kind::Workshop => {
            let (container, short) = match (&v.workshop, v.abbr.as_deref()) {
                (Some(ws), Some(host)) if !ws.name.is_empty() => {
                    (ws.title(host, v.year), ws.short.clone())
                }
                (Some(ws), _) => (v.name.clone(), ws.short.clone()),
                (None, abbr) => (v.name.clone(), abbr.map(str::to_string)),
            };
            out.push(("container-title", container));
            out.extend(short.map(|s| ("container-title-short", s)));
            if v.abbr.is_some() {
                // The event as the CV names it: "Full Name (ABBR YEAR)".
                out.push(("event-title", venue_text(p).unwrap_or_else(|| v.label())));
            }
        }
        Kind::Journal | Kind::Book | Kind::Other => {
            if p.entry_type == "book" {
                out.push(("publisher", v.name.clone()));
            } else {
                out.push(("container-title", v.name.clone()));
                if let Some(abbr) = &v.abbr {
                    out.push(("container-title-short", abbr.clone()));
                }
            }
        }
        Kind::Thesis | Kind::Report => out.push(("publisher", v.name.clone())),
        Kind::Preprint => {}
    }
    out
}

fn status_text(status: Status) -> Option<&'static str> {
    match status {
        Status::Published | Status::Prepublished => None,
        Status::Submitted => Some("submitted"),
        Status::Inpreparation => Some("in preparation"),
        Status::Forthcoming => Some("forthcoming"),
        Status::Inpress => Some("in press"),
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::library::{Library, LoadOptions};

    #[test]
    fn names_keep_their_suffix() {
        let bib = "@article{a, author = {King, Jr., Martin Luther and Wu, Lei}, title = {T}, year = 2024}";
        let lib = Library::from_text(Path::new("x.bib"), bib.into(), LoadOptions::default());
        let item = super::csl_item(&lib.publications()[0]);
        assert_eq!(
            item["author"],
            serde_json::json!([
                {"family": "King", "given": "Martin Luther", "suffix": "Jr."},
                {"family": "Wu", "given": "Lei"}
            ])
        );
    }
}
