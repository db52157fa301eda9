//! The publication model every formatter and check reads: one
//! [`Publication`] per entry, with canonical venue, people and status.
//!
//! The JSON names of these types are part of publist's interface
//! (`list --format json`, `export --format json`, `schema/publication.schema.json`).

use std::fmt;

use serde::{Deserialize, Serialize};

/// One paper of the library, normalized.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Publication {
    /// CV number: chronological over the whole library, oldest = 1.
    pub number: usize,
    /// The citation key.
    pub key: String,
    /// The entry type, lower case (`inproceedings`, `online`, ...).
    #[serde(rename = "type")]
    pub entry_type: String,
    /// The title in Unicode (math kept as `$...$`).
    pub title: String,
    /// Authors in order, equal-contribution and owner flags resolved.
    pub authors: Vec<Person>,
    /// Where it appeared (or will).
    pub venue: Venue,
    /// The entry's year (`year`, or the year of `date`).
    pub year: Option<i32>,
    /// Publication state.
    pub status: Status,
    /// Normalized arXiv identifier (`2410.11474`, `math/0601001`).
    pub arxiv: Option<String>,
    /// Number of pages.
    pub pagetotal: Option<u32>,
    /// An award or distinction ("Spotlight (Top 3.5%)").
    pub award: Option<String>,
    /// What the paper is about, from `keywords`.
    pub keywords: Vec<String>,
    /// Journal volume, when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub volume: Option<String>,
    /// Journal issue (`number` or `issue`), when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issue: Option<String>,
    /// Page range ("123–145"), when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pages: Option<String>,
    /// The DOI, when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doi: Option<String>,
    /// The URL, when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// A free-text note that is not a status or an award.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Publication {
    /// Whether any author is marked as an equal contributor.
    pub fn has_equal_contributors(&self) -> bool {
        self.authors.iter().any(|a| a.equal)
    }

    /// Whether the owner is the first author or an equal first author.
    pub fn owner_is_first(&self) -> bool {
        match self.authors.first() {
            Some(first) if first.owner => true,
            Some(first) if first.equal => {
                self.authors.iter().take_while(|a| a.equal).any(|a| a.owner)
            }
            _ => false,
        }
    }
}

/// An author.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    /// Given names ("Weijie J.").
    pub given: String,
    /// Family name with particles ("van der Berg").
    pub family: String,
    /// The name as printed: "Given Family".
    pub name: String,
    /// Marked as an equal contributor.
    pub equal: bool,
    /// Is the library's owner.
    pub owner: bool,
    /// Marked as a corresponding author.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub corresponding: bool,
    /// Suffix ("Jr."), also in `name`; kept apart for CSL's `suffix`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub suffix: String,
}

/// What kind of venue a paper appeared in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A conference (proceedings) paper.
    Conference,
    /// A journal article.
    Journal,
    /// A workshop paper.
    Workshop,
    /// A preprint (arXiv, SSRN, ...).
    Preprint,
    /// A book or a chapter.
    Book,
    /// A thesis.
    Thesis,
    /// A technical report.
    Report,
    /// Anything else.
    Other,
}

impl Kind {
    /// Every kind, in the order groups are printed.
    pub const ALL: [Kind; 8] = [
        Kind::Journal,
        Kind::Conference,
        Kind::Workshop,
        Kind::Preprint,
        Kind::Book,
        Kind::Thesis,
        Kind::Report,
        Kind::Other,
    ];

    /// The lower-case name used on the command line and in JSON.
    pub fn as_str(&self) -> &'static str {
        match self {
            Kind::Conference => "conference",
            Kind::Journal => "journal",
            Kind::Workshop => "workshop",
            Kind::Preprint => "preprint",
            Kind::Book => "book",
            Kind::Thesis => "thesis",
            Kind::Report => "report",
            Kind::Other => "other",
        }
    }

    /// Parses a kind name.
    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL
            .into_iter()
            .find(|k| k.as_str().eq_ignore_ascii_case(s.trim()))
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The canonical venue of a paper.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Venue {
    /// Abbreviation ("NeurIPS"), when the venue is known.
    pub abbr: Option<String>,
    /// Full name ("Conference on Neural Information Processing Systems"),
    /// or the cleaned text of the entry when the venue is unknown.
    pub name: String,
    /// Conference, journal, workshop, preprint, ...
    pub kind: Kind,
    /// The venue's year: the one the venue string states, else the entry's.
    pub year: Option<i32>,
    /// The workshop, for workshop papers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub workshop: Option<Workshop>,
    /// A named track ("Datasets and Benchmarks").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub track: Option<String>,
    /// Whether the registry knows the venue.
    pub known: bool,
}

impl Venue {
    /// A short label: "NeurIPS 2024", "NeurIPS 2023 Workshop M3L", "arXiv".
    /// An unknown venue's name is not followed by the year or the word
    /// "Workshop" it already says ("ICALP 2023", "ML Safety Workshop").
    pub fn label(&self) -> String {
        let base = self.abbr.as_deref().unwrap_or(&self.name);
        if base.is_empty() {
            return String::new();
        }
        let mut out = base.to_string();
        if self.kind != Kind::Preprint
            && let Some(year) = self.year
            && !(self.abbr.is_none() && says_number(base, year))
        {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(&year.to_string());
        }
        if let Some(ws) = &self.workshop {
            if self.abbr.is_none() && says_workshop(base) {
                return out;
            }
            out.push_str(" Workshop");
            if let Some(short) = ws.short.as_deref().filter(|_| self.abbr.is_some()) {
                out.push(' ');
                out.push_str(short);
            }
        }
        out
    }
}

/// Whether `text` has `n` as a number of its own (not inside a longer
/// one): "2023" in "ICALP 2023" and "OPT2023", not in "20231".
fn says_number(text: &str, n: i32) -> bool {
    let n = n.to_string();
    let bytes = text.as_bytes();
    text.match_indices(&n).any(|(i, _)| {
        let end = i + n.len();
        (i == 0 || !bytes[i - 1].is_ascii_digit())
            && bytes.get(end).is_none_or(|b| !b.is_ascii_digit())
    })
}

/// Whether `text` has the word "workshop" or "workshops", in any case.
fn says_workshop(text: &str) -> bool {
    text.split(|c: char| !c.is_alphanumeric())
        .any(|w| w.eq_ignore_ascii_case("workshop") || w.eq_ignore_ascii_case("workshops"))
}

/// A workshop held at a host venue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Workshop {
    /// The workshop's name ("Mathematics of Modern Machine Learning").
    pub name: String,
    /// Its short name ("M3L").
    pub short: Option<String>,
}

impl Workshop {
    /// The workshop as a title at its host: "NeurIPS 2023 Workshop on
    /// Mathematics of Modern Machine Learning". A name that says
    /// "Workshop(s)" itself is not put after "Workshop on", and the host's
    /// abbreviation opening it is not repeated: "CVPR 2023 Workshops" (for
    /// the name "CVPR Workshops"), "ACL 2023 Student Research Workshop".
    pub fn title(&self, host: &str, year: Option<i32>) -> String {
        let mut out = host.to_string();
        if let Some(year) = year {
            out.push_str(&format!(" {year}"));
        }
        let name = self.name.trim();
        if !says_workshop(name) {
            out.push_str(" Workshop");
            if !name.is_empty() {
                out.push_str(" on ");
                out.push_str(name);
            }
            return out;
        }
        let own = name
            .strip_prefix(host)
            .filter(|rest| rest.starts_with(' '))
            .unwrap_or(name);
        out.push(' ');
        out.push_str(own.trim_start());
        out
    }
}

/// Where a paper is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Published (the default).
    Published,
    /// Submitted, under review.
    Submitted,
    /// Being written.
    Inpreparation,
    /// Accepted, to appear.
    Forthcoming,
    /// In press.
    Inpress,
    /// Published online ahead of print.
    Prepublished,
}

impl Status {
    /// Every status.
    pub const ALL: [Status; 6] = [
        Status::Published,
        Status::Submitted,
        Status::Inpreparation,
        Status::Forthcoming,
        Status::Inpress,
        Status::Prepublished,
    ];

    /// The lower-case name (as biblatex's `pubstate` spells it).
    pub fn as_str(&self) -> &'static str {
        match self {
            Status::Published => "published",
            Status::Submitted => "submitted",
            Status::Inpreparation => "inpreparation",
            Status::Forthcoming => "forthcoming",
            Status::Inpress => "inpress",
            Status::Prepublished => "prepublished",
        }
    }

    /// Parses a status name.
    pub fn parse(s: &str) -> Option<Status> {
        Status::ALL
            .into_iter()
            .find(|k| k.as_str().eq_ignore_ascii_case(s.trim()))
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unknown(name: &str, kind: Kind, year: i32, workshop: bool) -> Venue {
        Venue {
            abbr: None,
            name: name.to_string(),
            kind,
            year: Some(year),
            workshop: workshop.then(|| Workshop {
                name: name.to_string(),
                short: None,
            }),
            track: None,
            known: false,
        }
    }

    #[test]
    fn labels_of_unknown_venues_say_year_and_workshop_once() {
        let conference = |name| unknown(name, Kind::Conference, 2023, false);
        let workshop = |name| unknown(name, Kind::Workshop, 2022, true);
        for (venue, label) in [
            (
                conference("50th Colloquium on Automata (ICALP 2023)"),
                "50th Colloquium on Automata (ICALP 2023)",
            ),
            (
                conference("2023 25th Conference on Pattern Recognition"),
                "2023 25th Conference on Pattern Recognition",
            ),
            (conference("OPT2023"), "OPT2023"),
            (conference("Colloquium 20231"), "Colloquium 20231 2023"),
            (conference("Conference on X"), "Conference on X 2023"),
            (
                workshop("NeurIPS ML Safety Workshop"),
                "NeurIPS ML Safety Workshop 2022",
            ),
            (workshop("Trustworthy NLP"), "Trustworthy NLP 2022 Workshop"),
        ] {
            assert_eq!(venue.label(), label);
        }
    }
}
