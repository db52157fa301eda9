//! CSL-JSON, the bibliography format of citeproc processors (pandoc's
//! `--citeproc`, citeproc-js) and Zotero's import.
//!
//! Each publication becomes one item keyed by its citation key. Variables
//! follow the CSL 1.0.2 specification: `type`, `author` (family/given),
//! `issued` date-parts, `container-title`, `event-title`, arXiv ids as
//! `number` (`arXiv:ID`) with the abstract page as `URL`, and `note`.

use std::io::{self, Write};

use serde_json::{Map, Value, json};

use super::cv::venue_text;
use crate::model::{Kind, Person, Publication, Status};

/// Writes `pubs` as a pretty CSL-JSON array followed by a newline.
pub fn write_csl_json(out: &mut dyn Write, pubs: &[&Publication]) -> io::Result<()> {
    let items: Vec<Value> = pubs.iter().map(|p| csl_item(p)).collect();
    serde_json::to_writer_pretty(&mut *out, &items).map_err(io::Error::other)?;
    out.write_all(b"\n")
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
    let mut item = Map::new();
    let mut put = |k: &str, v: Value| {
        item.insert(k.to_string(), v);
    };
    put("id", json!(p.key));
    put("type", json!(csl_type(p)));
    put("title", json!(p.title));
    // BibTeX's "and others" has no CSL form: styles abbreviate on their own.
    let authors: Vec<Value> = p
        .authors
        .iter()
        .filter(|a| a.name != "et al.")
        .map(csl_name)
        .collect();
    if !authors.is_empty() {
        put("author", Value::Array(authors));
    }
    if let Some(year) = p.year {
        put("issued", json!({ "date-parts": [[year]] }));
    }
    for (k, v) in venue_variables(p) {
        put(k, json!(v));
    }
    if let Some(id) = &p.arxiv {
        put("number", json!(format!("arXiv:{id}")));
        if p.venue.kind == Kind::Preprint {
            put("publisher", json!("arXiv"));
        }
    }
    if let Some(volume) = &p.volume {
        put("volume", json!(volume));
    }
    if let Some(issue) = &p.issue {
        put("issue", json!(issue));
    }
    if let Some(pages) = &p.pages {
        put("page", json!(pages));
    }
    if let Some(n) = p.pagetotal {
        put("number-of-pages", json!(n.to_string()));
    }
    if let Some(doi) = &p.doi {
        put("DOI", json!(doi));
    }
    let url = p.url.clone().or_else(|| {
        p.arxiv
            .as_ref()
            .map(|id| format!("https://arxiv.org/abs/{id}"))
    });
    if let Some(url) = url {
        put("URL", json!(url));
    }
    if let Some(status) = status_text(p.status) {
        put("status", json!(status));
    }
    let note: Vec<&str> = p.award.iter().chain(&p.note).map(String::as_str).collect();
    if !note.is_empty() {
        put("note", json!(note.join(". ")));
    }
    if !p.keywords.is_empty() {
        put("keyword", json!(p.keywords.join(", ")));
    }
    Value::Object(item)
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

/// An author as CSL wants it: family/given, or a literal for a name
/// without parts (a consortium, "et al.").
fn csl_name(a: &Person) -> Value {
    if a.family.is_empty() || a.given.is_empty() && a.family.contains(' ') {
        json!({ "literal": a.name })
    } else if a.given.is_empty() {
        json!({ "family": a.family })
    } else {
        json!({ "family": a.family, "given": a.given })
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
                    let year = v.year.map_or(String::new(), |y| format!(" {y}"));
                    (
                        format!("{host}{year} Workshop on {}", ws.name),
                        ws.short.clone(),
                    )
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
