//! Filters over publications: `--year 2022..2023 --venue NeurIPS --author
//! "Lei Wu" ...`. Flags combine with AND; a repeated flag combines with OR.
//! Filters only select: numbers are global and never change.

use regex::Regex;

use crate::model::{Kind, Publication, Status, Venue};
use crate::normalize::names::{
    Identity, may_hold_equal_marker, query_identities, split_names, strip_equal_marker,
};
use crate::normalize::venue::Registry;
use crate::normalize::{keyword_matches, topic_words};

/// An inclusive year range; either end may be open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct YearRange {
    /// First year, if bounded.
    pub from: Option<i32>,
    /// Last year, if bounded.
    pub to: Option<i32>,
}

impl YearRange {
    /// Parses `2024`, `2022..2023`, `2023..` or `..2022`.
    ///
    /// ```
    /// use publist::query::YearRange;
    /// assert!(YearRange::parse("2022..2023").unwrap().contains(2023));
    /// assert!(YearRange::parse("2023..").unwrap().contains(2030));
    /// assert!(YearRange::parse("20x").is_err());
    /// ```
    pub fn parse(text: &str) -> Result<YearRange, String> {
        let year = |s: &str| -> Result<Option<i32>, String> {
            let s = s.trim();
            if s.is_empty() {
                return Ok(None);
            }
            s.parse::<i32>().map(Some).map_err(|_| {
                format!("`{text}` is not a year or range (2024, 2022..2023, 2023.., ..2022)")
            })
        };
        let range = match text.split_once("..") {
            Some((a, b)) => YearRange {
                from: year(a)?,
                to: year(b.trim_start_matches('='))?,
            },
            None => {
                let y = year(text)?;
                if y.is_none() {
                    return Err("an empty year".to_string());
                }
                YearRange { from: y, to: y }
            }
        };
        if let (Some(a), Some(b)) = (range.from, range.to)
            && a > b
        {
            return Err(format!("`{text}`: the range ends before it starts"));
        }
        Ok(range)
    }

    /// Whether `year` lies in the range.
    pub fn contains(&self, year: i32) -> bool {
        self.from.is_none_or(|f| year >= f) && self.to.is_none_or(|t| year <= t)
    }
}

/// Parses CV numbers: `8,12`, `3-5`, `[8][12]`, `[8, 12]`, `[3–5]`.
///
/// ```
/// use publist::query::parse_numbers;
/// assert_eq!(parse_numbers("[8][12]").unwrap(), [8, 12]);
/// assert_eq!(parse_numbers("3-5, 9").unwrap(), [3, 4, 5, 9]);
/// assert_eq!(parse_numbers("[3--5]").unwrap(), [3, 4, 5]);
/// ```
pub fn parse_numbers(text: &str) -> Result<Vec<usize>, String> {
    let mut out = Vec::new();
    for piece in text
        .split([',', '[', ']', ';', ' '])
        .filter(|p| !p.trim().is_empty())
    {
        let piece = piece.trim();
        let bad = || format!("`{piece}` is not a number or a range like 3-5");
        match piece.split_once(['-', '–', '—']) {
            Some((a, b)) => {
                let a: usize = a.trim().parse().map_err(|_| bad())?;
                // LaTeX writes a range with `--` (`[3--5]`).
                let b = b.trim_start_matches(['-', '–', '—']).trim();
                let b: usize = b.parse().map_err(|_| bad())?;
                if a > b || b - a > 10_000 {
                    return Err(bad());
                }
                out.extend(a..=b);
            }
            None => out.push(piece.parse().map_err(|_| bad())?),
        }
    }
    Ok(out)
}

/// A validated set of filters.
#[derive(Debug, Clone, Default)]
pub struct Query {
    /// Year ranges (OR).
    pub years: Vec<YearRange>,
    /// Venue names or abbreviations (OR).
    pub venues: Vec<String>,
    /// Kinds (OR).
    pub kinds: Vec<Kind>,
    /// Statuses (OR).
    pub statuses: Vec<Status>,
    /// Authors (OR), as name identities (a name may add several).
    pub authors: Vec<Identity>,
    /// Topics (OR), matched against keywords.
    pub topics: Vec<String>,
    /// Title patterns (OR).
    pub titles: Vec<Regex>,
    /// CV numbers (OR), from `--number` and `--tags`.
    pub numbers: Vec<usize>,
    /// Only papers where the owner is first or equal-first author.
    pub first: bool,
}

impl Query {
    /// Adds an author filter from a name as people write it: every
    /// identity it may mean ([`query_identities`]).
    pub fn add_author(&mut self, name: &str) {
        self.authors.extend(query_identities(name));
    }

    /// Whether no filter is set.
    pub fn is_empty(&self) -> bool {
        self.years.is_empty()
            && self.venues.is_empty()
            && self.kinds.is_empty()
            && self.statuses.is_empty()
            && self.authors.is_empty()
            && self.topics.is_empty()
            && self.titles.is_empty()
            && self.numbers.is_empty()
            && !self.first
    }

    /// Whether an entry with this number and year can pass; the cheap first
    /// test before an entry is normalized.
    pub fn may_match(&self, number: usize, year: Option<i32>) -> bool {
        (self.numbers.is_empty() || self.numbers.contains(&number))
            && (self.years.is_empty()
                || year.is_some_and(|y| self.years.iter().any(|r| r.contains(y))))
    }

    /// Whether the query tests the venue (`--venue`, `--kind`).
    pub fn tests_venue(&self) -> bool {
        !self.venues.is_empty() || !self.kinds.is_empty()
    }

    /// Whether a publication at `venue` passes `--venue` and `--kind`: the
    /// loader can tell without normalizing the rest of the entry.
    pub fn matches_venue(&self, venue: &Venue, registry: &Registry) -> bool {
        (self.venues.is_empty()
            || self
                .venues
                .iter()
                .any(|v| venue_matches(v, venue, registry)))
            && (self.kinds.is_empty() || self.kinds.contains(&venue.kind))
    }

    /// Whether a paper with `keywords` is on a `--topic`.
    pub fn matches_topics(&self, keywords: &[String]) -> bool {
        self.topics.iter().any(|t| {
            let words = topic_words(t);
            keywords
                .iter()
                .any(|k| keyword_matches(k, &words) || keyword_matches(t, &topic_words(k)))
        })
    }

    /// Whether `title` matches a `--title` pattern.
    pub fn matches_title(&self, title: &str) -> bool {
        self.titles.iter().any(|r| r.is_match(title))
    }

    /// Whether a raw author field (LaTeX, macros expanded) can name one of
    /// the wanted authors. False only when it certainly cannot: its text,
    /// roughly folded (lower case, braces and accents dropped), does not
    /// contain the family name. A LaTeX command it cannot fold means "maybe".
    pub fn may_have_author(&self, raw: &str) -> bool {
        if !may_hold_equal_marker(raw) {
            return self.may_name_author(raw);
        }
        // Marks leave a name before it is read and may join what they
        // parted (`Wang$^{1,*}$Mingze`): the names are tested as read.
        split_names(raw)
            .iter()
            .any(|name| self.may_name_author(&strip_equal_marker(name).0))
    }

    /// [`Query::may_have_author`] for raw names without marks.
    fn may_name_author(&self, raw: &str) -> bool {
        let last_words = || {
            self.authors
                .iter()
                .map(|id| id.family.rsplit(' ').next().unwrap_or(&id.family))
        };
        // Written plainly in the text: a candidate without folding anything.
        if last_words().any(|w| w.is_empty() || contains_ignore_ascii_case(raw, w)) {
            return true;
        }
        let plain =
            |t: &str| t.is_ascii() && memchr::memchr3(b'\\', b'{', b'}', t.as_bytes()).is_none();
        if plain(raw) {
            return false;
        }
        let Some(folded) = rough_fold(raw) else {
            return true;
        };
        last_words().any(|w| contains_ignore_ascii_case(&folded, w))
    }

    /// Whether `p` passes every filter.
    pub fn matches(&self, p: &Publication, registry: &Registry) -> bool {
        (self.years.is_empty()
            || p.year
                .is_some_and(|y| self.years.iter().any(|r| r.contains(y))))
            && self.matches_venue(&p.venue, registry)
            && (self.statuses.is_empty() || self.statuses.contains(&p.status))
            && (self.authors.is_empty()
                || self.authors.iter().any(|q| {
                    p.authors
                        .iter()
                        .any(|a| q.matches_names(&a.given, &a.family))
                }))
            && (self.topics.is_empty() || self.matches_topics(&p.keywords))
            && (self.titles.is_empty() || self.matches_title(&p.title))
            && (self.numbers.is_empty() || self.numbers.contains(&p.number))
            && (!self.first || p.owner_is_first())
    }
}

/// `--venue` matches the abbreviation or the name, ignoring case, and any
/// spelling the registry maps to the same venue ("NIPS" finds NeurIPS).
fn venue_matches(query: &str, venue: &Venue, registry: &Registry) -> bool {
    let q = query.trim();
    if venue
        .abbr
        .as_deref()
        .is_some_and(|a| a.eq_ignore_ascii_case(q))
        || venue.name.eq_ignore_ascii_case(q)
    {
        return true;
    }
    let known = registry.lookup(q);
    if let (Some(qi), Some(abbr)) = (known, venue.abbr.as_deref())
        && registry.lookup(abbr) == Some(qi)
    {
        return true;
    }
    // A query that names a known venue means that venue, not every name
    // holding its words ("Machine Learning" is the journal MLJ, not ICML).
    if known.is_some() {
        return false;
    }
    let lower = q.to_lowercase();
    q.len() >= 4 && venue.name.to_lowercase().contains(&lower)
        || venue.workshop.as_ref().is_some_and(|w| {
            w.short
                .as_deref()
                .is_some_and(|s| s.eq_ignore_ascii_case(q))
                || (q.len() >= 4 && w.name.to_lowercase().contains(&lower))
        })
}

/// A raw LaTeX name list folded as [`crate::normalize::names::fold`] folds
/// names (lower case, no accents), well enough for a substring test; None
/// when it holds a command it does not know.
fn rough_fold(raw: &str) -> Option<std::borrow::Cow<'_, str>> {
    let bytes = raw.as_bytes();
    let mut out = String::with_capacity(raw.len());
    let mut i = 0;
    while i < bytes.len() {
        // Text up to the next brace or command, copied as a run (this runs
        // for every author field a name is searched in).
        let run_end =
            memchr::memchr3(b'{', b'}', b'\\', &bytes[i..]).map_or(bytes.len(), |n| i + n);
        let run = &raw[i..run_end];
        if run.is_ascii() {
            out.push_str(run);
        } else {
            for c in run.chars() {
                if c.is_ascii() {
                    out.push(c);
                } else {
                    crate::normalize::names::fold_char_into(c, &mut out);
                }
            }
        }
        i = run_end;
        let Some(&b) = bytes.get(i) else {
            break;
        };
        i = match b {
            b'{' | b'}' => i + 1,
            _ => fold_command(raw, i, &mut out)?,
        };
    }
    Some(out.into())
}

/// Folds the command at `i` (a backslash) of `raw` into `out` as
/// [`rough_fold`] does: accents dropped, `\o` → `o`, `\ss` → `ss`. Returns
/// where the command ends, after the spaces TeX swallows there (`Erd\H os`,
/// `{\c S}im`): a space kept would split the word the name has. None for a
/// command it does not know.
fn fold_command(raw: &str, i: usize, out: &mut String) -> Option<usize> {
    fold_command_name(raw, i, out).map(|end| skip_spaces(raw.as_bytes(), end))
}

/// The first byte at or after `at` that is not ASCII whitespace. Dropping
/// spaces never hides a family name from a substring test: the word sought
/// has none.
fn skip_spaces(bytes: &[u8], at: usize) -> usize {
    bytes[at.min(bytes.len())..]
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .map_or(bytes.len(), |n| at + n)
}

/// [`fold_command`] without the spaces after the command.
fn fold_command_name(raw: &str, i: usize, out: &mut String) -> Option<usize> {
    let bytes = raw.as_bytes();
    match bytes.get(i + 1) {
        Some(a) if b"'\"^`~=.".contains(a) => Some(i + 2),
        Some(a) if a.is_ascii_alphabetic() => {
            let end = bytes[i + 1..]
                .iter()
                .position(|b| !b.is_ascii_alphabetic())
                .map_or(bytes.len(), |n| i + 1 + n);
            match &raw[i + 1..end] {
                "u" | "v" | "H" | "c" | "d" | "b" | "r" | "k" | "t" => {}
                "i" | "j" | "o" | "O" | "l" | "L" => {
                    out.push(bytes[i + 1].to_ascii_lowercase() as char)
                }
                "ss" => out.push_str("ss"),
                "ae" | "AE" => out.push_str("ae"),
                "oe" | "OE" => out.push_str("oe"),
                "aa" | "AA" => out.push('a'),
                _ => return None,
            }
            Some(end)
        }
        _ => None,
    }
}

/// ASCII case-insensitive substring test, without allocating: memchr finds
/// the candidates for the first byte in either case.
fn contains_ignore_ascii_case(haystack: &str, needle: &str) -> bool {
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    let Some(&first) = n.first() else {
        return true;
    };
    memchr::memchr2_iter(first.to_ascii_lowercase(), first.to_ascii_uppercase(), h).any(|i| {
        h.get(i..i + n.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(n))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn author_prefilter_never_rejects_a_match() {
        let mut q = Query::default();
        q.add_author("Lei Wu");
        assert!(q.may_have_author("Wang, Mingze and WU, Lei"));
        assert!(q.may_have_author("Wang, Mingze and {W}u, Lei"));
        assert!(q.may_have_author(r#"M{\"u}ller, J{\"o}rg and Wu, Lei"#));
        assert!(!q.may_have_author(r#"M{\"u}ller, J{\"o}rg"#));
        assert!(!q.may_have_author("Wang, Mingze and Ma, Chao"));
        // A command it cannot fold is a "maybe".
        assert!(q.may_have_author(r"\unknowncommand{x}"));
        let mut q = Query::default();
        q.add_author(r#"J{\"o}rg M{\"u}ller"#);
        assert!(q.may_have_author(r#"M{\"u}ller, J{\"o}rg"#));
        assert!(q.may_have_author("Müller, Jörg"));
        assert!(q.may_have_author(r#"M\"{u}ller, J."#));
        assert!(q.may_have_author(r#"M\"uller, J."#));
        let mut q = Query::default();
        q.add_author("Jan van der Berg");
        assert!(q.may_have_author("van der Berg, Jan"));
    }

    /// Whether the final author test passes on a raw author list: its
    /// names read as the loader reads them.
    fn finally_matches(q: &Query, raw: &str) -> bool {
        use crate::normalize::names::parse_name;
        split_names(raw).iter().any(|n| {
            let name = parse_name(&strip_equal_marker(n).0);
            let family = name.full_family();
            q.authors
                .iter()
                .any(|id| id.matches_names(&name.given, &family))
        })
    }

    /// A raw author list of LaTeX pieces names are made of.
    const RAW_NAMES: &str = r#"([A-Za-z]{1,3}|[ ,.{}~-]|\\[H'"~c^u] ?|\\(i|o|l|ss|aa|ae|relax|emph) ?|\\[{}]|\\ |\$\^\{1,\*\}\$|\\dag|é|ß|Ø| and ){0,24}"#;

    proptest::proptest! {
        /// The prefilter never loses an entry the final test keeps, for
        /// the names the list holds, however typed, and for other queries.
        #[test]
        fn author_prefilter_is_a_superset(raw in RAW_NAMES, other in "[A-Za-z ,.é]{1,12}") {
            use crate::normalize::names::parse_name;
            let mut queries = vec![other];
            for n in split_names(&raw) {
                let name = parse_name(&strip_equal_marker(n).0);
                let display = name.display();
                queries.push(display.to_lowercase());
                queries.push(format!("{}, {}", name.full_family(), name.given));
                queries.push(display);
            }
            for text in queries {
                if text.trim().is_empty() {
                    continue;
                }
                let mut q = Query::default();
                q.add_author(&text);
                if finally_matches(&q, &raw) {
                    proptest::prop_assert!(q.may_have_author(&raw), "{text:?} in {raw:?}");
                }
            }
        }
    }

    #[test]
    fn author_prefilter_reads_accents_as_tex_does() {
        for (query, raw) in [
            ("Paul Erdős", r"Erd\H os, Paul and R\'enyi, Alfr\'ed"),
            ("Erdős, Paul", r"Erd\H os, Paul"),
            ("P. Erdos", r"Erd{\H o}s, Paul"),
            ("Umut Şimşek", r"{\c S}im{\c s}ek, Umut"),
            ("Umut Simsek", r"{\c S}im{\c s}ek, Umut"),
            ("Ali Yeğen", r"Ye{\u g}en, Ali"),
            ("José Díaz", r"D\'\i az, Jos\'e"),
            ("lei wu", "Wang, Mingze and Wu, Lei"),
            ("Google DeepMind", "{Gemini Team} and {Google DeepMind}"),
        ] {
            let mut q = Query::default();
            q.add_author(query);
            assert!(finally_matches(&q, raw), "{query} in {raw}");
            assert!(q.may_have_author(raw), "{query} in {raw}");
        }
    }

    #[test]
    fn a_name_with_a_particle_finds_only_its_person() {
        for (query, raw, expected) in [
            ("Nando de Freitas", "de Freitas, Nando", true),
            ("Nando de Freitas", "Freitas, N.", false),
            ("Nando de Freitas", "Freitas, Nando", false),
            ("nando de freitas", "de Freitas, Nando", true),
            ("nando de freitas", "Freitas, N.", false),
            ("Jan van der Berg", "Berg, Jan", false),
            ("jan van der berg", "van der Berg, J.", true),
        ] {
            let mut q = Query::default();
            q.add_author(query);
            assert_eq!(finally_matches(&q, raw), expected, "{query} in {raw}");
        }
    }

    /// [`rough_fold`] a character at a time, as it was written first.
    fn rough_fold_by_char(raw: &str) -> Option<String> {
        let bytes = raw.as_bytes();
        let mut out = String::new();
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'{' | b'}' => i += 1,
                // An independent copy of the command folding, so the test
                // also checks `fold_command`.
                b'\\' => match bytes.get(i + 1) {
                    Some(a) if b"'\"^`~=.".contains(a) => {
                        i += 2;
                        while bytes.get(i).is_some_and(u8::is_ascii_whitespace) {
                            i += 1;
                        }
                    }
                    Some(a) if a.is_ascii_alphabetic() => {
                        let end = bytes[i + 1..]
                            .iter()
                            .position(|b| !b.is_ascii_alphabetic())
                            .map_or(bytes.len(), |n| i + 1 + n);
                        match &raw[i + 1..end] {
                            "u" | "v" | "H" | "c" | "d" | "b" | "r" | "k" | "t" => {}
                            "i" | "j" | "o" | "O" | "l" | "L" => {
                                out.push(bytes[i + 1].to_ascii_lowercase() as char)
                            }
                            "ss" => out.push_str("ss"),
                            "ae" | "AE" => out.push_str("ae"),
                            "oe" | "OE" => out.push_str("oe"),
                            "aa" | "AA" => out.push('a'),
                            _ => return None,
                        }
                        i = end;
                        while bytes.get(i).is_some_and(u8::is_ascii_whitespace) {
                            i += 1;
                        }
                    }
                    _ => return None,
                },
                b if b.is_ascii() => {
                    out.push(b as char);
                    i += 1;
                }
                _ => {
                    let c = raw[i..].chars().next()?;
                    crate::normalize::names::fold_char_into(c, &mut out);
                    i += c.len_utf8();
                }
            }
        }
        Some(out)
    }

    proptest::proptest! {
        /// Copying runs folds exactly as going a character at a time.
        #[test]
        fn rough_fold_by_runs_equals_by_chars(raw in r#"([a-zA-Z ,.{}\\'"^`~=\n]|\\(u|ss|ae|oe|aa|i|o|l|x|emph|H|c) ?|é|ü|ø|Ł|ß|∗){0,40}"#) {
            proptest::prop_assert_eq!(rough_fold(&raw).map(|c| c.into_owned()), rough_fold_by_char(&raw));
        }
    }
}
