//! Normalization: turning what people write in `.bib` files into one
//! canonical record. Venues ([`venue`], [`registry`]), names and
//! equal-contribution marks ([`names`]), arXiv identifiers, statuses and
//! awards (here).

pub mod names;
pub mod registry;
pub mod venue;

use std::sync::LazyLock;

use regex::Regex;

use crate::model::Status;

static ARXIV_NEW: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:arxiv[:/ ]\s*|abs/|arxiv\.org/(?:abs|pdf)/)?\b(\d{4}\.\d{4,5})(v\d+)?\b")
        .expect("valid regex")
});
static ARXIV_OLD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b([a-z][a-z\-]+(?:\.[A-Z]{2})?/\d{7})(v\d+)?\b").expect("valid regex")
});
static ARXIV_MENTION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)arxiv|\bcorr\b|abs/").expect("valid regex"));

/// Reads an arXiv identifier from an `eprint` value, a `journal` such as
/// "arXiv preprint arXiv:2401.01234", DBLP's `abs/2401.01234` or an arxiv.org
/// URL. New-style ids keep their version (`2401.01234v2`); old-style ids look
/// like `math/0601001`.
///
/// ```
/// use publist::normalize::arxiv_id;
/// assert_eq!(arxiv_id("arXiv preprint arXiv:2401.01234").as_deref(), Some("2401.01234"));
/// assert_eq!(arxiv_id("https://arxiv.org/abs/math/0601001v2").as_deref(), Some("math/0601001v2"));
/// assert_eq!(arxiv_id("abs/2310.00692"), Some("2310.00692".to_string()));
/// ```
pub fn arxiv_id(text: &str) -> Option<String> {
    if let Some(c) = ARXIV_NEW.captures(text) {
        let id = c.get(1)?.as_str();
        let month: u32 = id[2..4].parse().ok()?;
        let yymm: u32 = id[..4].parse().ok()?;
        // New-style ids began in April 2007: four-digit numbers until
        // 2014, five from 2015 on.
        let digits = if yymm >= 1501 { 5 } else { 4 };
        if !(1..=12).contains(&month) || yymm < 704 || id.len() != 5 + digits {
            return None;
        }
        return Some(format!("{id}{}", c.get(2).map_or("", |m| m.as_str())));
    }
    ARXIV_OLD
        .captures(text)
        .map(|c| format!("{}{}", &c[1], c.get(2).map_or("", |m| m.as_str())))
}

/// Whether `text` (a journal, note or URL) refers to arXiv or CoRR.
pub fn mentions_arxiv(text: &str) -> bool {
    ARXIV_MENTION.is_match(text)
}

/// Whether `id` is a well-formed arXiv identifier (new or old style).
pub fn is_valid_arxiv(id: &str) -> bool {
    arxiv_id(id).as_deref() == Some(id.trim())
}

/// A status from biblatex's `pubstate` or from what people write in `note`.
pub fn status_from_text(text: &str) -> Option<Status> {
    let t = text.trim().to_lowercase();
    if let Some(s) = Status::parse(&t) {
        return Some(s);
    }
    Some(match t.as_str() {
        _ if t.contains("under review")
            || t.contains("under submission")
            || t.starts_with("submitted")
            || t == "in review" =>
        {
            Status::Submitted
        }
        _ if t.contains("to appear") || t.starts_with("accepted") || t.contains("forthcoming") => {
            Status::Forthcoming
        }
        _ if t.contains("in press") => Status::Inpress,
        _ if t.contains("in preparation") || t.contains("in prep") || t.contains("manuscript") => {
            Status::Inpreparation
        }
        _ => return None,
    })
}

static AWARD_NOTE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(spotlight|oral|best (?:\w+ )?paper|outstanding (?:\w+ )?paper|honou?rable mention|award|distinguished paper)")
        .expect("valid regex")
});

/// Whether a note or addendum reads as an award ("Spotlight (Top 3.5%)").
pub fn is_award_text(text: &str) -> bool {
    AWARD_NOTE.is_match(text)
}

/// An `author+an` annotation: item (1-based) → annotation names.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Annotations {
    /// `(item, part, names)` for `N[:part]=name[,name]` specs.
    pub items: Vec<(usize, Option<String>, Vec<String>)>,
    /// Field-wide annotations (`=name`).
    pub field: Vec<String>,
}

impl Annotations {
    /// Whether item `n` (1-based) carries annotation `name`.
    pub fn has(&self, n: usize, name: &str) -> bool {
        self.items
            .iter()
            .any(|(i, _, names)| *i == n && names.iter().any(|x| x.eq_ignore_ascii_case(name)))
    }
}

/// Parses biblatex data annotations: specs separated by `;`, each
/// `N[:part]=name[,name]` or `=name`. Errors name the offending spec.
///
/// ```
/// use publist::normalize::parse_annotations;
/// let an = parse_annotations("1=equal; 2=equal,corresponding").unwrap();
/// assert!(an.has(2, "corresponding"));
/// assert!(parse_annotations("first=equal").is_err());
/// ```
pub fn parse_annotations(text: &str) -> Result<Annotations, String> {
    let mut out = Annotations::default();
    for spec in text.split(';').map(str::trim).filter(|s| !s.is_empty()) {
        let Some((target, names)) = spec.split_once('=') else {
            return Err(format!("`{spec}` has no `=`"));
        };
        let names: Vec<String> = names
            .split(',')
            .map(|n| n.trim().trim_matches(['"', '{', '}']).trim().to_string())
            .filter(|n| !n.is_empty())
            .collect();
        if names.is_empty() {
            return Err(format!("`{spec}` names no annotation after `=`"));
        }
        let target = target.trim();
        if target.is_empty() {
            out.field.extend(names);
            continue;
        }
        let (item, part) = match target.split_once(':') {
            Some((i, p)) => (i.trim(), Some(p.trim().to_string())),
            None => (target, None),
        };
        let n: usize = item
            .parse()
            .ok()
            .filter(|&n| n >= 1)
            .ok_or_else(|| format!("`{item}` in `{spec}` is not an item number (1, 2, ...)"))?;
        out.items.push((n, part, names));
    }
    Ok(out)
}

/// The words of a topic or keyword for matching: lower case, hyphens and
/// underscores as spaces, simple plurals made singular, stop words dropped.
///
/// ```
/// use publist::normalize::topic_words;
/// assert_eq!(topic_words("Implicit-Bias"), ["implicit", "bias"]);
/// assert_eq!(topic_words("the Transformers"), ["transformer"]);
/// ```
pub fn topic_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| singular(&w.to_lowercase()))
        .filter(|w| !STOP_WORDS.contains(&w.as_str()))
        .collect()
}

const STOP_WORDS: &[&str] = &[
    "a", "an", "the", "of", "and", "or", "for", "in", "on", "to", "with", "by", "via", "from",
    "at", "as", "is", "are", "be", "can", "how", "why", "what", "which", "its", "it", "this",
    "that", "these", "those", "we", "our", "into",
];

/// "transformers" → "transformer", "minima" stays, "analyses" → "analysis".
fn singular(word: &str) -> String {
    if word.len() <= 3
        || !word.ends_with('s')
        || word.ends_with("ss")
        || ["us", "is", "as", "os"].iter().any(|e| word.ends_with(e))
    {
        return word.to_string();
    }
    if let Some(stem) = word.strip_suffix("ies") {
        return format!("{stem}y");
    }
    if let Some(stem) = word.strip_suffix("ses") {
        return format!("{stem}sis");
    }
    word[..word.len() - 1].to_string()
}

/// Whether keyword `keyword` matches topic words `topic`: the keyword's
/// words appear, in order and adjacent, among the topic's words.
pub fn keyword_matches(keyword: &str, topic: &[String]) -> bool {
    let words = topic_words(keyword);
    !words.is_empty() && topic.windows(words.len()).any(|w| w == words.as_slice())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arxiv_forms() {
        for (text, id) in [
            ("2410.11474", Some("2410.11474")),
            ("arXiv:2410.11474v3", Some("2410.11474v3")),
            ("CoRR abs/2206.03299", Some("2206.03299")),
            ("https://arxiv.org/pdf/2310.00692.pdf", Some("2310.00692")),
            ("hep-th/9901001", Some("hep-th/9901001")),
            ("math.AG/0601001", Some("math.AG/0601001")),
            ("2413.00001", None),
            ("0612.1234", None),
            ("0704.0001", Some("0704.0001")),
            ("10.48550/arXiv.2401.01234", Some("2401.01234")),
            ("12345", None),
        ] {
            assert_eq!(arxiv_id(text).as_deref(), id, "{text}");
        }
        assert!(is_valid_arxiv("2401.01234"));
        assert!(!is_valid_arxiv("2401.0123"));
    }

    #[test]
    fn statuses() {
        assert_eq!(status_from_text("Under review"), Some(Status::Submitted));
        assert_eq!(status_from_text("submitted"), Some(Status::Submitted));
        assert_eq!(status_from_text("To appear"), Some(Status::Forthcoming));
        assert_eq!(
            status_from_text("Accepted at ICML"),
            Some(Status::Forthcoming)
        );
        assert_eq!(status_from_text("inpress"), Some(Status::Inpress));
        assert_eq!(status_from_text("Code at github"), None);
    }
}
