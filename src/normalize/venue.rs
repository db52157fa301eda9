//! Venue strings to canonical venues.
//!
//! A venue string is matched against the registry in pieces: the whole
//! text, each parenthetical ("(NeurIPS 2024)"), and each comma or colon
//! segment (DBLP's "..., {ICML} 2023, 23-29 July 2023, Honolulu, ..."), each
//! folded first (case, punctuation, "Proceedings of the", ordinals, years and
//! volume numbers removed). Workshops are found by the word "workshop" and
//! matched to their host venue; awards ("Spotlight") inside the venue's
//! parentheses are split off.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use super::registry::{self, VenueDef};
use crate::model::{Kind, Venue, Workshop};

/// The venues publist knows, indexed by folded alias.
#[derive(Debug, Clone)]
pub struct Registry {
    defs: Vec<VenueDef>,
    by_alias: HashMap<String, usize>,
}

impl Default for Registry {
    fn default() -> Self {
        Registry::new(registry::builtin())
    }
}

/// What a venue string says, before it is joined with the entry's fields.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct VenueParse {
    /// Index of the matched definition.
    pub def: Option<usize>,
    /// The year the string states (a year, an edition or a volume).
    pub year: Option<i32>,
    /// An award written inside the venue ("Spotlight (Top 3.5%)").
    pub award: Option<String>,
    /// The workshop, when the string names one.
    pub workshop: Option<Workshop>,
    /// A track ("Datasets and Benchmarks").
    pub track: Option<String>,
    /// The string without award parentheticals, for unknown venues.
    pub cleaned: String,
}

impl Registry {
    /// A registry of `defs`; a later definition with an abbreviation already
    /// present replaces the earlier one.
    pub fn new(defs: Vec<VenueDef>) -> Registry {
        let mut reg = Registry {
            defs: Vec::with_capacity(defs.len()),
            by_alias: HashMap::new(),
        };
        reg.extend(defs);
        reg
    }

    /// Adds or replaces definitions (a user's `venues.json`).
    pub fn extend(&mut self, defs: Vec<VenueDef>) {
        for def in defs {
            let index = match self
                .defs
                .iter()
                .position(|d| d.abbr.eq_ignore_ascii_case(&def.abbr))
            {
                Some(i) => {
                    self.by_alias.retain(|_, v| *v != i);
                    self.defs[i] = def;
                    i
                }
                None => {
                    self.defs.push(def);
                    self.defs.len() - 1
                }
            };
            let def = &self.defs[index];
            let mut names: Vec<&str> = vec![&def.abbr, &def.name];
            names.extend(def.aliases.iter().map(String::as_str));
            if let Some((former, _)) = &def.former_abbr {
                names.push(former);
            }
            for name in names {
                let key = fold_venue(name);
                if !key.is_empty() {
                    self.by_alias.insert(key, index);
                }
            }
        }
    }

    /// Every definition.
    pub fn defs(&self) -> &[VenueDef] {
        &self.defs
    }

    /// The definition at `index`.
    pub fn def(&self, index: usize) -> &VenueDef {
        &self.defs[index]
    }

    /// The definition whose folded alias is exactly `text` folded.
    pub fn lookup(&self, text: &str) -> Option<usize> {
        self.by_alias.get(&fold_venue(text)).copied()
    }

    /// The known venue nearest to `text`, for "did you mean" hints.
    pub fn nearest(&self, text: &str) -> Option<&VenueDef> {
        let folded = fold_venue(text);
        if folded.is_empty() {
            return None;
        }
        let words: Vec<&str> = folded.split(' ').collect();
        self.by_alias
            .iter()
            .map(|(alias, &i)| {
                let alias_words: Vec<&str> = alias.split(' ').collect();
                let common = words.iter().filter(|w| alias_words.contains(w)).count();
                let score = 2.0 * common as f64 / (words.len() + alias_words.len()) as f64;
                (score, i, alias)
            })
            .filter(|(score, _, _)| *score >= 0.5)
            .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.2.cmp(a.2)))
            .map(|(_, i, _)| &self.defs[i])
    }

    /// Reads a venue string.
    pub fn parse(&self, text: &str) -> VenueParse {
        let (outer, parens) = split_parentheticals(text);
        let mut out = VenueParse::default();
        let mut kept_parens = Vec::new();
        // Parentheticals: "(NeurIPS 2023, Spotlight (Top 3.5%))".
        let mut paren_venues = Vec::new();
        for paren in &parens {
            let mut venue_parts = Vec::new();
            for part in split_top_level(paren, ',') {
                if out.award.is_none() && is_award(part) {
                    out.award = Some(part.trim().to_string());
                } else {
                    venue_parts.push(part.trim());
                }
            }
            if !venue_parts.is_empty() {
                let joined = venue_parts.join(", ");
                paren_venues.push(joined.clone());
                kept_parens.push(joined);
            }
        }
        let mut outer_parts = Vec::new();
        for part in split_top_level(&outer, ',') {
            if out.award.is_none() && is_award(part) && !part.to_lowercase().contains("workshop") {
                out.award = Some(part.trim().to_string());
            } else {
                outer_parts.push(part.trim());
            }
        }
        let outer = outer_parts.join(", ");
        out.cleaned = clean_display(&outer, &kept_parens);
        let whole = out.cleaned.clone();

        if let Some(cap) = TRACK.captures(&whole) {
            let name = cap[1].trim();
            let name = name.rsplit([',', ':']).next().unwrap_or(name).trim();
            out.track = Some(strip_host_words(name));
        }

        if WORKSHOP.is_match(&whole) {
            let (def, workshop) = self.parse_workshop(&outer, &paren_venues);
            out.def = def;
            out.workshop = Some(workshop);
        } else {
            let mut candidates: Vec<&str> = vec![&whole, &outer];
            candidates.extend(paren_venues.iter().map(String::as_str));
            let segments: Vec<&str> = outer.split([',', ':', ';']).map(str::trim).collect();
            candidates.extend(segments.iter().copied());
            out.def = candidates.iter().find_map(|c| self.lookup(c));
            if out.def.is_none() {
                // "(ACL 2024)" or "Proc. ICML 2023": an abbreviation token.
                out.def = paren_venues
                    .iter()
                    .map(String::as_str)
                    .chain(
                        std::iter::once(whole.as_str())
                            .filter(|w| w.split_whitespace().count() <= 4),
                    )
                    .find_map(|c| self.abbreviation_in(c));
            }
        }
        out.year = stated_year(&whole);
        if out.year.is_none()
            && let Some(def) = out.def.map(|i| &self.defs[i])
        {
            out.year = implied_year(&whole, def);
        }
        out
    }

    /// A registry abbreviation written as a word of `text` ("NeurIPS 2023").
    fn abbreviation_in(&self, text: &str) -> Option<usize> {
        text.split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().filter(|c| c.is_uppercase()).count() >= 2)
            .find_map(|w| {
                self.defs.iter().position(|d| {
                    d.abbr.eq_ignore_ascii_case(w)
                        || d.former_abbr
                            .as_ref()
                            .is_some_and(|(f, _)| f.eq_ignore_ascii_case(w))
                })
            })
    }

    /// A workshop string: its host venue, name and short name.
    fn parse_workshop(&self, outer: &str, parens: &[String]) -> (Option<usize>, Workshop) {
        let m = WORKSHOP.find(outer);
        let (before, after) = match m {
            Some(m) => (&outer[..m.start()], &outer[m.end()..]),
            None => (outer, ""),
        };
        // The host: before "Workshop", after " at ", or in a parenthetical.
        let at_host = AT_HOST
            .captures(after)
            .map(|c| c.get(1).map_or("", |m| m.as_str()).to_string());
        let mut host_candidates: Vec<String> = vec![before.trim().to_string()];
        host_candidates.extend(at_host.clone());
        for p in parens {
            if let Some(m) = WORKSHOP.find(p) {
                host_candidates.push(p[..m.start()].trim().to_string());
            }
        }
        host_candidates.extend(before.split([',', ':']).map(|s| s.trim().to_string()));
        let host = host_candidates
            .iter()
            .find_map(|c| self.lookup(c))
            .or_else(|| host_candidates.iter().find_map(|c| self.abbreviation_in(c)));

        // The name: "Workshop on X", "Workshop: X", or "X Workshop".
        let mut rest = after.trim_start_matches([' ', ':', '-', '–', '—']).trim();
        if let Some(at) = AT_HOST.find(rest) {
            rest = &rest[..at.start()];
        }
        let rest = rest.trim();
        let mut name = rest
            .strip_prefix("on ")
            .or_else(|| rest.strip_prefix("On "))
            .unwrap_or(rest)
            .trim()
            .trim_end_matches([',', '.', ';'])
            .to_string();
        let mut short = None;
        if !name.is_empty() && !name.contains(' ') && is_short_name(&name) {
            short = Some(std::mem::take(&mut name));
        }
        if name.is_empty() {
            let mut pre = strip_host_words(before);
            if let Some(h) = host {
                let d = &self.defs[h];
                for word in [d.abbr.as_str(), d.name.as_str()] {
                    pre = pre.replace(word, "");
                }
                pre = strip_host_words(&pre);
            }
            name = pre;
        }
        // The short name: "(NeurIPS 2023 Workshop M3L)" or "(OPT)".
        for p in parens {
            if let Some(m) = WORKSHOP.find(p) {
                let tail = p[m.end()..].trim();
                if !tail.is_empty() && !tail.contains(' ') {
                    short = Some(tail.to_string());
                }
            } else if is_short_name(p.trim()) && !p.contains(' ') && self.lookup(p).is_none() {
                short = Some(p.trim().to_string());
            }
        }
        (host, Workshop { name, short })
    }

    /// Joins a parsed venue string with the entry's own facts.
    pub fn venue(&self, parse: &VenueParse, fallback_kind: Kind, entry_year: Option<i32>) -> Venue {
        let year = parse.year.or(entry_year);
        match parse.def.map(|i| &self.defs[i]) {
            Some(def) => {
                let abbr = match &def.former_abbr {
                    Some((former, until)) if year.is_some_and(|y| y <= *until) => former.clone(),
                    _ => def.abbr.clone(),
                };
                Venue {
                    abbr: Some(abbr),
                    name: def.name.clone(),
                    kind: if parse.workshop.is_some() {
                        Kind::Workshop
                    } else {
                        def.kind
                    },
                    year,
                    workshop: parse.workshop.clone(),
                    track: parse.track.clone(),
                    known: true,
                }
            }
            None => Venue {
                abbr: None,
                name: parse.cleaned.clone(),
                kind: if parse.workshop.is_some() {
                    Kind::Workshop
                } else {
                    fallback_kind
                },
                year,
                workshop: parse.workshop.clone(),
                track: parse.track.clone(),
                known: false,
            },
        }
    }
}

static WORKSHOP: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\bworkshops?\b").expect("valid regex"));
static AT_HOST: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\b(?:at|@)\s+(.+)$").expect("valid regex"));
static TRACK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)([^,(]+?)\s+track\b").expect("valid regex"));
static AWARD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\s*(?:spotlight|oral|best\b|outstanding\b|honou?rable mention|distinguished paper|award|contributed talk|plenary|long talk|highlight|selected for)",
    )
    .expect("valid regex")
});

fn is_award(text: &str) -> bool {
    AWARD.is_match(text)
}

/// A workshop short name such as "M3L" or "OPT": one word with a capital
/// or digit after its first letter.
fn is_short_name(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= 16
        && text.chars().all(|c| c.is_alphanumeric() || c == '-')
        && text
            .chars()
            .skip(1)
            .any(|c| c.is_uppercase() || c.is_ascii_digit())
}

/// Removes years, ordinals and "Proceedings of the" from a workshop name.
fn strip_host_words(text: &str) -> String {
    let words: Vec<&str> = text
        .split_whitespace()
        .filter(|w| {
            let f = fold_word(w);
            !(f.is_empty()
                || is_year_token(&f)
                || is_ordinal_token(&f)
                || matches!(f.as_str(), "proceedings" | "proc" | "the" | "of"))
        })
        .collect();
    words
        .join(" ")
        .trim_matches([',', ':', ' ', '-'])
        .to_string()
}

fn fold_word(w: &str) -> String {
    w.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Splits off top-level parentheticals: ("outer text", ["inside", ...]).
pub fn split_parentheticals(text: &str) -> (String, Vec<String>) {
    let mut outer = String::with_capacity(text.len());
    let mut parens = Vec::new();
    let mut depth = 0usize;
    let mut current = String::new();
    for c in text.chars() {
        match c {
            '(' | '[' => {
                if depth > 0 {
                    current.push(c);
                }
                depth += 1;
            }
            ')' | ']' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    parens.push(std::mem::take(&mut current).trim().to_string());
                    outer.push(' ');
                } else {
                    current.push(c);
                }
            }
            _ if depth > 0 => current.push(c),
            _ => outer.push(c),
        }
    }
    if !current.is_empty() {
        outer.push_str(&current);
    }
    (outer, parens)
}

/// Splits at `sep` outside parentheses.
fn split_top_level(text: &str, sep: char) -> Vec<&str> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (i, c) in text.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            c if c == sep && depth == 0 => {
                out.push(&text[start..i]);
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    out.push(&text[start..]);
    out.retain(|s| !s.trim().is_empty());
    out
}

/// The venue text for display: outer text plus venue parentheticals, with
/// stray punctuation tidied ("Linguistics, (ACL 2024)" → "Linguistics (ACL 2024)").
fn clean_display(outer: &str, parens: &[String]) -> String {
    let mut out = outer.split_whitespace().collect::<Vec<_>>().join(" ");
    out = out
        .replace(" ,", ",")
        .trim_matches([',', ' ', ';', ':'])
        .to_string();
    for p in parens {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push('(');
        out.push_str(p);
        out.push(')');
    }
    out
}

const NOISE_WORDS: &[&str] = &[
    "proceedings",
    "proc",
    "the",
    "of",
    "in",
    "on",
    "for",
    "and",
    "a",
    "an",
    "annual",
    "volume",
    "vol",
    "ieee",
    "acm",
    "cvf",
    "pmlr",
    "lncs",
    "part",
    "conf",
    "usa",
];

const ORDINAL_WORDS: &[(&str, i32)] = &[
    ("first", 1),
    ("second", 2),
    ("third", 3),
    ("fourth", 4),
    ("fifth", 5),
    ("sixth", 6),
    ("seventh", 7),
    ("eighth", 8),
    ("ninth", 9),
    ("tenth", 10),
    ("eleventh", 11),
    ("twelfth", 12),
    ("thirteenth", 13),
    ("fourteenth", 14),
    ("fifteenth", 15),
    ("sixteenth", 16),
    ("seventeenth", 17),
    ("eighteenth", 18),
    ("nineteenth", 19),
    ("twentieth", 20),
    ("thirtieth", 30),
    ("fortieth", 40),
    ("fiftieth", 50),
    ("sixtieth", 60),
    ("seventieth", 70),
    ("eightieth", 80),
    ("ninetieth", 90),
];

const TENS_WORDS: &[(&str, i32)] = &[
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
    ("sixty", 60),
    ("seventy", 70),
    ("eighty", 80),
    ("ninety", 90),
];

fn is_year_token(t: &str) -> bool {
    t.len() == 4 && t.bytes().all(|b| b.is_ascii_digit()) && matches!(&t[..2], "19" | "20")
}

fn is_ordinal_token(t: &str) -> bool {
    ordinal_digits(t).is_some()
        || ORDINAL_WORDS.iter().any(|(w, _)| *w == t)
        || TENS_WORDS.iter().any(|(w, _)| *w == t)
}

/// "36th" → 36.
fn ordinal_digits(t: &str) -> Option<i32> {
    let digits = t.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &t[digits.len()..];
    if !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && matches!(suffix, "st" | "nd" | "rd" | "th")
    {
        digits.parse().ok()
    } else {
        None
    }
}

/// Folds a venue string for alias lookup: lower case, words only, without
/// noise words, numbers, ordinals and years. `&` reads as "and".
///
/// ```
/// use publist::normalize::venue::fold_venue;
/// assert_eq!(fold_venue("Proceedings of the 36th International Conference on Machine Learning"),
///            "international conference machine learning");
/// assert_eq!(fold_venue("{NeurIPS} 2023"), "neurips");
/// ```
pub fn fold_venue(text: &str) -> String {
    let lower = text.to_lowercase();
    let mut out = String::with_capacity(lower.len());
    for token in lower.split(|c: char| !c.is_alphanumeric()) {
        if token.is_empty()
            || token.bytes().all(|b| b.is_ascii_digit())
            || NOISE_WORDS.contains(&token)
            || is_ordinal_token(token)
        {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(token);
    }
    out
}

/// The first plausible year (1950–2099) written in `text`, or a two-digit
/// one after an apostrophe or hyphen ("NeurIPS'23", "AAAI-24").
pub fn stated_year(text: &str) -> Option<i32> {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit() {
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            let digits = &text[start..i];
            let before = text[..start].chars().next_back();
            if digits.len() == 4 {
                if let Ok(y) = digits.parse::<i32>()
                    && (1950..=2099).contains(&y)
                {
                    return Some(y);
                }
            } else if digits.len() == 2
                && matches!(before, Some('\'' | '’'))
                && text[..start.saturating_sub(1)].ends_with(|c: char| c.is_alphabetic())
            {
                return digits.parse::<i32>().ok().map(|y| 2000 + y);
            }
        } else {
            i += 1;
        }
    }
    None
}

/// A year implied by an edition ordinal or a proceedings volume.
fn implied_year(text: &str, def: &VenueDef) -> Option<i32> {
    let lower = text.to_lowercase();
    let tokens: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .collect();
    if let Some(base) = def.edition_base {
        for (i, t) in tokens.iter().enumerate() {
            if let Some(n) = ordinal_digits(t) {
                return Some(base + n);
            }
            if let Some(&(_, tens)) = TENS_WORDS.iter().find(|(w, _)| w == t) {
                let unit = tokens
                    .get(i + 1)
                    .and_then(|u| ORDINAL_WORDS.iter().find(|(w, v)| w == u && *v < 10))
                    .map_or(0, |(_, v)| *v);
                return Some(base + tens + unit);
            }
            if let Some(&(_, n)) = ORDINAL_WORDS.iter().find(|(w, _)| w == t) {
                return Some(base + n);
            }
        }
    }
    if let Some(base) = def.volume_base
        && let Some(n) = tokens
            .iter()
            .filter(|t| t.len() <= 2 && t.bytes().all(|b| b.is_ascii_digit()))
            .find_map(|t| t.parse::<i32>().ok())
    {
        return Some(base + n);
    }
    None
}

#[cfg(test)]
mod tests;
