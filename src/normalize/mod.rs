//! Normalization: turning what people write in `.bib` files into one
//! canonical record. Venues ([`venue`], [`registry`]), names and
//! equal-contribution marks ([`names`]), arXiv identifiers, statuses and
//! awards (here).

pub mod names;
pub mod registry;
pub(crate) mod scan;
pub mod venue;

use std::collections::HashSet;

use crate::model::Status;

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
    if let Some((id, version)) = scan::find_new_arxiv(text) {
        let month: u32 = id[2..4].parse().ok()?;
        let yymm: u32 = id[..4].parse().ok()?;
        // New-style ids began in April 2007: four-digit numbers until
        // 2014, five from 2015 on.
        let digits = if yymm >= 1501 { 5 } else { 4 };
        if !(1..=12).contains(&month) || yymm < 704 || id.len() != 5 + digits {
            return None;
        }
        return Some(format!("{id}{version}"));
    }
    scan::find_old_arxiv(text).map(|(id, version)| format!("{id}{version}"))
}

/// Whether `text` (a journal, note or URL) refers to arXiv or CoRR.
pub fn mentions_arxiv(text: &str) -> bool {
    scan::mentions_arxiv_or_corr(text)
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

/// Whether a note or addendum reads as an award ("Spotlight (Top 3.5%)").
pub fn is_award_text(text: &str) -> bool {
    scan::mentions_award(text)
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
/// underscores as spaces, plurals made singular, derivational suffixes
/// removed ([`stem`]), stop words dropped.
///
/// ```
/// use publist::normalize::topic_words;
/// assert_eq!(topic_words("Implicit-Bias"), ["implicit", "bias"]);
/// assert_eq!(topic_words("the Transformers"), ["transformer"]);
/// assert_eq!(topic_words("Optimizers"), topic_words("optimization"));
/// ```
pub fn topic_words(text: &str) -> Vec<String> {
    raw_words(text)
        .filter(|w| !is_stop_word(w))
        .map(|w| stem(&w))
        .collect()
}

/// The lower-case alphanumeric runs of `text`, stop words included.
fn raw_words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

fn is_stop_word(word: &str) -> bool {
    STOP_WORDS.contains(&word)
}

const STOP_WORDS: &[&str] = &[
    "a", "an", "the", "of", "and", "or", "for", "in", "on", "to", "with", "by", "via", "from",
    "at", "as", "is", "are", "be", "can", "how", "why", "what", "which", "its", "it", "this",
    "that", "these", "those", "we", "our", "into",
];

/// "transformers" → "transformer", "losses" → "loss", "analyses" →
/// "analysis", "minima" → "minimum"; "bias" and "process" stay.
fn singular(word: &str) -> String {
    if word.len() > 5 && word.ends_with("ima") {
        return format!("{}um", &word[..word.len() - 1]);
    }
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
    for (plural, single) in [("yses", "ysis"), ("eses", "esis"), ("sses", "ss")] {
        if let Some(stem) = word.strip_suffix(plural) {
            return format!("{stem}{single}");
        }
    }
    for ending in ["ches", "shes", "xes"] {
        if word.ends_with(ending) {
            return word[..word.len() - 2].to_string();
        }
    }
    word[..word.len() - 1].to_string()
}

/// Derivational endings, longest first: removing them lets "expressive",
/// "expressivity" and "expression" meet, as do "optimizer" and "optimization".
const SUFFIXES: &[&str] = &[
    "izations", "isations", "ization", "isation", "ivities", "ations", "ivity", "ities", "ively",
    "izing", "ising", "ating", "ation", "ences", "ances", "ments", "ness", "izer", "iser", "ized",
    "ised", "izes", "ence", "ance", "ment", "ated", "ates", "ings", "ity", "ive", "ize", "ion",
    "ing", "ate", "ed", "e",
];

/// The shortest stem a suffix may leave: "nation" keeps its "ation".
const MIN_STEM: usize = 4;

/// A word's matching form: [`singular`], then up to two derivational
/// suffixes removed (a light stemmer; no dictionary).
///
/// ```
/// use publist::normalize::stem;
/// assert_eq!(stem("converges"), stem("convergence"));
/// assert_eq!(stem("expressiveness"), stem("expressivity"));
/// assert_eq!(stem("minima"), stem("minimum"));
/// assert_eq!(stem("bias"), "bias");
/// ```
pub fn stem(word: &str) -> String {
    let mut w = singular(&word.to_lowercase());
    for _ in 0..2 {
        let Some(shorter) = SUFFIXES.iter().find_map(|s| {
            w.strip_suffix(s)
                .filter(|rest| rest.chars().count() >= MIN_STEM)
        }) else {
            break;
        };
        w = shorter.to_string();
    }
    w
}

/// Whether keyword `keyword` matches topic words `topic`: the keyword's
/// words appear, in order and adjacent, among the topic's words.
pub fn keyword_matches(keyword: &str, topic: &[String]) -> bool {
    let words = topic_words(keyword);
    !words.is_empty() && topic.windows(words.len()).any(|w| w == words.as_slice())
}

/// The words of a passage of prose (a topic label and its sentence), ready
/// for [`WordBag::covers`]: stemmed words in order, plus adjacent words
/// written solid ("in-context" also as "incontext") and the
/// initials of adjacent words ("natural language processing" → "nlp").
#[derive(Debug, Clone, Default)]
pub struct WordBag {
    /// Stemmed content words in text order.
    words: Vec<String>,
    /// Every stemmed word and solid compound.
    set: HashSet<String>,
    /// Initials of runs of adjacent words, [`ACRONYM_LEN`] long.
    initials: HashSet<String>,
}

/// Acronyms this long are read as the initials of words ("NLP").
const ACRONYM_LEN: std::ops::RangeInclusive<usize> = 3..=6;

impl WordBag {
    /// The bag of `text`'s words.
    pub fn new(text: &str) -> WordBag {
        let mut bag = WordBag::default();
        bag.add(text);
        bag
    }

    /// Adds `text`'s words.
    pub fn add(&mut self, text: &str) {
        let first_new = self.words.len();
        for word in topic_words(text) {
            self.set.insert(word.clone());
            self.words.push(word);
        }
        let raw: Vec<String> = raw_words(text).collect();
        for pair in raw.windows(2) {
            self.set.insert(stem(&pair.concat()));
        }
        let firsts: Vec<char> = self.words[first_new..]
            .iter()
            .filter_map(|w| w.chars().next())
            .collect();
        for len in ACRONYM_LEN {
            for window in firsts.windows(len) {
                self.initials.insert(window.iter().collect());
            }
        }
    }

    /// Whether the bag has no words.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Every form the bag matches by: stems, solid compounds, initials. A
    /// keyword it covers has one of its [`Keyword::terms`] among them.
    pub fn terms(&self) -> impl Iterator<Item = &str> {
        self.set.iter().chain(&self.initials).map(String::as_str)
    }

    /// Whether `phrase`'s words occur in the bag in order and adjacent
    /// ("implicit bias" in "Implicit Bias: ...").
    pub fn has_phrase(&self, phrase: &str) -> bool {
        keyword_matches(phrase, &self.words)
    }

    /// Whether every word of `keyword` occurs in the bag, in any order. A
    /// word also counts when written solid with its neighbour
    /// ("in-context" ~ "incontext") or as the initials of adjacent words
    /// ("nlp" ~ "natural language processing"), and a keyword of three or
    /// more words counts when the bag has its initials ("sgd").
    ///
    /// ```
    /// use publist::normalize::WordBag;
    /// let bag = WordBag::new("Algorithm Design: faster optimizers for training LLMs");
    /// assert!(bag.covers("optimization-algorithm"));
    /// assert!(bag.covers("large-language-models"));
    /// assert!(!bag.covers("training-dynamics"));
    /// assert!(WordBag::new("Natural language processing").covers("NLP"));
    /// ```
    pub fn covers(&self, keyword: &str) -> bool {
        self.covers_keyword(&Keyword::new(keyword))
    }

    /// [`WordBag::covers`] for a keyword parsed once.
    pub fn covers_keyword(&self, keyword: &Keyword) -> bool {
        if keyword.parts.iter().all(|p| p.stop) {
            return false;
        }
        if keyword
            .initials
            .as_ref()
            .is_some_and(|i| self.set.contains(i))
        {
            return true;
        }
        keyword.parts.iter().all(|part| {
            part.stop
                || self.set.contains(&part.stem)
                || part.solid.iter().any(|s| self.set.contains(s))
                || part.acronym && self.initials.contains(&part.word)
        })
    }
}

/// A keyword (or any phrase) parsed for [`WordBag::covers_keyword`].
#[derive(Debug, Clone)]
pub struct Keyword {
    parts: Vec<KeywordPart>,
    /// Initials of a keyword of three or more content words.
    initials: Option<String>,
}

#[derive(Debug, Clone)]
struct KeywordPart {
    word: String,
    stop: bool,
    stem: String,
    /// Stems of the word written solid with its neighbours.
    solid: Vec<String>,
    /// Whether the word could be an acronym.
    acronym: bool,
}

impl Keyword {
    /// Parses `text`.
    pub fn new(text: &str) -> Keyword {
        let raw: Vec<String> = raw_words(text).collect();
        let parts = raw
            .iter()
            .enumerate()
            .map(|(i, word)| {
                let mut solid = Vec::new();
                if i > 0 {
                    solid.push(stem(&format!("{}{word}", raw[i - 1])));
                }
                if let Some(next) = raw.get(i + 1) {
                    solid.push(stem(&format!("{word}{next}")));
                }
                KeywordPart {
                    word: word.clone(),
                    stop: is_stop_word(word),
                    stem: stem(word),
                    solid,
                    acronym: ACRONYM_LEN.contains(&word.chars().count())
                        && word.chars().all(|c| c.is_ascii_alphabetic()),
                }
            })
            .collect();
        let content = topic_words(text);
        let initials = (content.len() >= *ACRONYM_LEN.start())
            .then(|| content.iter().filter_map(|w| w.chars().next()).collect());
        Keyword { parts, initials }
    }

    /// The forms to index the keyword by: a bag that covers it has one of
    /// them among its [`WordBag::terms`].
    pub fn terms(&self) -> impl Iterator<Item = &str> {
        self.parts
            .iter()
            .filter(|p| !p.stop)
            .flat_map(|p| {
                std::iter::once(&p.stem)
                    .chain(&p.solid)
                    .chain(p.acronym.then_some(&p.word))
            })
            .chain(&self.initials)
            .map(String::as_str)
    }
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
            ("cond-mat.str-el/0601234", Some("cond-mat.str-el/0601234")),
            ("physics.optics/0601001v2", Some("physics.optics/0601001v2")),
            ("solv-int/9901001", Some("solv-int/9901001")),
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
    fn stems_meet_across_word_forms() {
        for (a, b) in [
            ("optimizers", "optimization"),
            ("converge", "convergence"),
            ("expressive", "expressivity"),
            ("generalize", "generalization"),
            ("training", "trained"),
            ("losses", "loss"),
            ("approaches", "approach"),
            ("biases", "bias"),
        ] {
            assert_eq!(stem(a), stem(b), "{a} ~ {b}");
        }
        for (a, b) in [
            ("nation", "nate"),
            ("general", "generative"),
            ("loss", "lose"),
        ] {
            assert_ne!(stem(a), stem(b), "{a} !~ {b}");
        }
        assert_eq!(stem("analyses"), "analysis");
        assert_eq!(stem("process"), "process");
    }

    #[test]
    fn word_bags_match_keywords_in_any_order() {
        let bag = WordBag::new(
            "Implicit Bias: Flat-minima-bias and the mechanisms of incontext learning",
        );
        assert!(bag.covers("flat-minima"));
        assert!(bag.covers("bias-implicit"));
        assert!(bag.covers("in-context-learning"));
        assert!(!bag.covers("max-margin"));
        assert!(!bag.covers("the"));
        let sgd = WordBag::new("noise of SGD");
        assert!(sgd.covers("stochastic-gradient-descent"));
        assert!(!WordBag::new("natural language").covers("nlp"));
        assert!(WordBag::new("non-convex problems").covers("nonconvex"));
        assert!(WordBag::new("in context").covers("incontext"));
        // Whatever a bag covers shares an index term with it.
        for (text, keyword) in [
            ("Flat-minima-bias", "flat-minima"),
            ("incontext learning", "in-context-learning"),
            ("noise of SGD", "stochastic-gradient-descent"),
            ("Natural language processing", "NLP"),
            ("Design optimizers: algorithms", "optimization-algorithm"),
        ] {
            let bag = WordBag::new(text);
            let kw = Keyword::new(keyword);
            assert!(bag.covers_keyword(&kw), "{text} / {keyword}");
            let terms: HashSet<&str> = bag.terms().collect();
            assert!(kw.terms().any(|t| terms.contains(t)), "{text} / {keyword}");
        }
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
