//! Venue strings to canonical venues.
//!
//! A venue string is read in pieces: awards ("Spotlight") and tracks
//! ("Datasets and Benchmarks Track") are taken out first; then the whole
//! text, its comma segments (DBLP's "..., {ICML} 2023, 23-29 July 2023,
//! Honolulu, ..."), its parentheticals ("(NeurIPS 2024)") and its colon or
//! dash parts are each folded ([`fold_venue`]) and looked up. Only the whole
//! text may match a short generic name ("Machine Learning"): a part must
//! match a name of three or more words, or be an abbreviation written as one
//! ("ICML"), so "Machine Learning: Science and Technology" stays unknown.
//! Strings with the word "workshop" are read for their host venue, the
//! workshop's name and its short name; "Findings" selects the Findings
//! volume of the venue.

mod fold;
mod nearest;

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;

pub use fold::{fold_venue, stated_year};

pub(crate) use self::fold::FastMap;

use self::nearest::NearestIndex;
use super::registry::{self, VenueDef};
use super::scan;
use crate::model::{Kind, Venue, Workshop};

/// The venues publist knows, indexed by folded spelling.
#[derive(Debug, Clone)]
pub struct Registry {
    /// Whether the built-in table comes first.
    builtin: bool,
    /// Definitions given (after the built-in ones), not yet indexed.
    pending: Vec<Vec<VenueDef>>,
    /// Built on first use: `fmt`, and a `list` whose filters match no
    /// entry, never look a venue up (folding ~1,000 spellings takes about
    /// as long as starting the process).
    index: std::sync::OnceLock<Index>,
    /// Built on first use: most runs never need a fuzzy match.
    nearest: std::sync::OnceLock<NearestIndex>,
}

/// A [`Registry`]'s definitions and the maps from folded spellings to them.
#[derive(Debug, Clone, Default)]
struct Index {
    defs: Vec<VenueDef>,
    /// Folded spelling → definition.
    by_alias: FastMap<String, usize>,
    /// Folded abbreviation (current, former, or an alias written as one)
    /// → definition.
    by_abbr: FastMap<String, usize>,
    /// Folded canonical abbreviation → definition, for overrides.
    by_canonical: FastMap<String, usize>,
}

impl Default for Registry {
    fn default() -> Self {
        Registry {
            builtin: true,
            pending: Vec::new(),
            index: std::sync::OnceLock::new(),
            nearest: std::sync::OnceLock::new(),
        }
    }
}

/// What a venue string says, before it is joined with the entry's fields.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct VenueParse {
    /// Index of the matched definition (the host, for a workshop).
    pub def: Option<usize>,
    /// The year the string states (a year, an edition or a volume).
    pub year: Option<i32>,
    /// An award written inside the venue ("Spotlight (Top 3.5%)").
    pub award: Option<String>,
    /// The workshop, when the string names one.
    pub workshop: Option<Workshop>,
    /// A track ("Datasets and Benchmarks").
    pub track: Option<String>,
    /// The string without awards and braces, for unknown venues.
    pub cleaned: String,
}

/// A venue string taken apart: text outside parentheses, and each
/// parenthetical, awards and tracks removed.
struct Pieces {
    outer: String,
    parens: Vec<String>,
    /// Outer text and parentheticals together.
    whole: String,
}

/// How much a candidate piece may match.
#[derive(Clone, Copy, PartialEq)]
enum Reach {
    /// The whole string: any spelling.
    Whole,
    /// A part: only distinctive spellings and abbreviations.
    Part,
    /// A parenthetical: as a part, but an abbreviation ("(CL)") counts only
    /// when the text outside agrees ("Cognitive Linguistics (CL)" does not).
    Paren,
    /// A subtitle ("...: Data Mining and Knowledge Discovery"): only
    /// abbreviations ("Findings of the ACL: EMNLP 2023").
    Abbreviation,
}

impl Registry {
    /// A registry of `defs`, merged as [`Registry::extend`] merges.
    pub fn new(defs: Vec<VenueDef>) -> Registry {
        Registry {
            builtin: false,
            pending: vec![defs],
            ..Registry::default()
        }
    }

    /// Adds definitions (a user's `venues.json`). A definition whose
    /// abbreviation is already known overrides that venue: its abbreviation,
    /// name and kind replace the old ones, so do the optional fields it
    /// gives, and its aliases are added to the old. Spellings added later
    /// win over earlier ones.
    pub fn extend(&mut self, defs: Vec<VenueDef>) {
        match self.index.get_mut() {
            Some(index) => index.extend(defs),
            None => self.pending.push(defs),
        }
        self.nearest = std::sync::OnceLock::new();
    }

    /// The registry with its spelling index built now rather than at the
    /// first lookup: for a registry kept and cloned for many loads (a clone
    /// of an unbuilt registry would build the index again).
    pub fn indexed(self) -> Registry {
        self.index();
        self
    }

    /// The definitions and spelling maps, built the first time they are
    /// asked for.
    fn index(&self) -> &Index {
        self.index.get_or_init(|| {
            let mut index = Index::default();
            if self.builtin {
                index.extend(registry::builtin());
            }
            for defs in &self.pending {
                index.extend(defs.clone());
            }
            index
        })
    }

    /// The fuzzy-match index, built the first time it is asked for.
    fn nearest_index(&self) -> &NearestIndex {
        self.nearest
            .get_or_init(|| NearestIndex::build(&self.index().defs))
    }

    /// Every definition.
    pub fn defs(&self) -> &[VenueDef] {
        &self.index().defs
    }

    /// The definition at `index`.
    pub fn def(&self, index: usize) -> &VenueDef {
        &self.index().defs[index]
    }

    /// The definition one of whose spellings folds exactly like `text`.
    pub fn lookup(&self, text: &str) -> Option<usize> {
        self.index().by_alias.get(&fold_venue(text)).copied()
    }

    /// The known venue nearest to `text`, for "unknown venue: did you mean
    /// X?" hints; `None` when nothing is close enough.
    ///
    /// ```
    /// use publist::normalize::venue::Registry;
    /// let reg = Registry::default();
    /// let near = |t: &str| reg.nearest(t).map(|d| d.abbr.as_str());
    /// assert_eq!(near("Internatinal Conference on Machine Learnig"), Some("ICML"));
    /// assert_eq!(near("Conference on Neural Information Processing"), Some("NeurIPS"));
    /// assert_eq!(near("Journal of Irreproducible Results"), None);
    /// ```
    pub fn nearest(&self, text: &str) -> Option<&VenueDef> {
        self.nearest_given(text, self.parse(text).def)
    }

    /// [`Registry::nearest`] of `text`, whose parse names `def`.
    pub(crate) fn nearest_given(&self, text: &str, def: Option<usize>) -> Option<&VenueDef> {
        if let Some(i) = def {
            return Some(&self.index().defs[i]);
        }
        self.nearest_index()
            .nearest(text)
            .map(|i| &self.index().defs[i])
    }

    /// Reads a venue string.
    pub fn parse(&self, text: &str) -> VenueParse {
        let (outer, parens, award) = awards_taken(text);
        let mut out = VenueParse {
            award,
            cleaned: clean_display(&outer, &parens),
            ..VenueParse::default()
        };
        let (pieces, track) = self.take_track(outer, parens, &out.cleaned);
        out.track = track;
        let plain = self.match_pieces(&pieces);
        let named_workshop =
            plain.is_some_and(|(_, key, _)| key.split(' ').any(|w| w == "workshop"));
        // An ordinal elsewhere is another event's ("Sixth Conference on
        // Machine Translation, Association for Computational Linguistics").
        let mut edition_text = Some(plain.and_then(|(.., seg)| seg).unwrap_or(&pieces.whole));
        let host_text;
        if is_workshop(&pieces.whole) && !named_workshop {
            let (host, text, workshop) = self.parse_workshop(&pieces);
            host_text = text;
            edition_text = host_text.as_deref();
            out.def = host;
            out.workshop = Some(workshop);
        } else {
            out.def = plain.and_then(|(def, key, _)| self.findings_of(&pieces.whole, def, key));
        }
        let volume_ok = out.workshop.is_none() && out.track.is_none();
        out.year = self.year_of(&pieces.whole, out.def, edition_text, volume_ok);
        out
    }

    /// The first piece that names a venue, with the folded key it matched
    /// and, when the piece is (in) a comma segment, that segment: the text
    /// whose ordinal is the venue's edition.
    fn match_pieces<'s>(&'s self, p: &'s Pieces) -> Option<(usize, &'s str, Option<&'s str>)> {
        let segments = split_top_level(&p.outer, b",;");
        let mut candidates: Vec<(&str, Reach)> = vec![
            (p.whole.as_str(), Reach::Whole),
            (p.outer.as_str(), Reach::Whole),
        ];
        // The comma segment each candidate comes from, if any.
        let mut segment_of: Vec<Option<usize>> = vec![None, None];
        if segments.len() > 1 {
            candidates.extend(segments.iter().map(|s| (*s, Reach::Part)));
            segment_of.extend((0..segments.len()).map(Some));
        }
        candidates.extend(p.parens.iter().map(|s| (s.as_str(), Reach::Paren)));
        segment_of.resize(candidates.len(), None);
        for (k, segment) in segments.iter().enumerate() {
            let parts = sub_segments(segment);
            if parts.len() > 1 {
                candidates.push((parts[0], Reach::Part));
                candidates.extend(parts[1..].iter().map(|s| (*s, Reach::Abbreviation)));
                segment_of.resize(candidates.len(), Some(k));
            }
            if let Some(head) = joint_head(segment) {
                candidates.push((head, Reach::Part));
                segment_of.push(Some(k));
            }
        }
        let misread = |i: usize, def: usize, key: &str| {
            segment_of[i].is_some_and(|k| self.segment_misread(&segments, k, def, key, &p.parens))
        };
        let found = self.first_match_unless(&candidates, &p.outer, misread)?;
        // A short generic name outside ("Computational Linguistics") yields
        // to an abbreviation inside ("(ACL 2024)").
        let (i, def, key) = found;
        if i < 2 && key.split(' ').count() < 3 {
            let parens: Vec<(&str, Reach)> = p
                .parens
                .iter()
                .map(|x| (x.as_str(), Reach::Abbreviation))
                .collect();
            if let Some((_, other, other_key)) = self.first_match(&parens, "") {
                return Some((other, other_key, None));
            }
        }
        Some((def, key, segment_of[i].map(|k| segments[k])))
    }

    /// A comma segment's match (segment `k` of `segments` names `def` by
    /// `key`) that the rest of the string shows to be another venue: the
    /// name goes on listing topics ("International Conference on Machine
    /// Learning, Optimization, and Data Science"), an earlier segment names
    /// a conference of its own and this one only its publisher ("Sixth
    /// Conference on Machine Translation, Association for Computational
    /// Linguistics"), or a parenthetical abbreviation is another venue's
    /// ("2020 International Conference on Computer Vision, Image Processing
    /// (CVIP)"; unless a later segment names another event the parenthetical
    /// may belong to: "ECAI 2023, ... - Including 12th Conference on ...
    /// (PAIS 2023)").
    fn segment_misread(
        &self,
        segments: &[&str],
        k: usize,
        def: usize,
        key: &str,
        parens: &[String],
    ) -> bool {
        if continues_as_topics(&segments[k + 1..]) {
            return true;
        }
        // An abbreviation ("{ICML} 2023") is evidence enough.
        if self.index().by_abbr.contains_key(key) {
            return false;
        }
        segments[..k].iter().any(|s| names_an_event_of_its_own(s))
            || (!segments[k + 1..].iter().any(|s| names_an_event(s))
                && parens.iter().any(|x| self.contradicts(x, def)))
    }

    /// Whether a parenthetical is an abbreviation ("COMITCon", "CVIDL
    /// 2020") none of whose words is one of `def`'s.
    fn contradicts(&self, paren: &str, def: usize) -> bool {
        let bare = strip_years(paren);
        is_abbreviation(&bare)
            && !bare
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .any(|w| self.index().by_abbr.get(&fold_venue(w)) == Some(&def))
    }

    /// The first candidate that names a venue, trying exact spellings
    /// before abbreviations among filler words: its position, the
    /// definition and the key matched. `outer` is what a parenthetical's
    /// abbreviation must agree with.
    fn first_match(
        &self,
        candidates: &[(&str, Reach)],
        outer: &str,
    ) -> Option<(usize, usize, &str)> {
        self.first_match_unless(candidates, outer, |_, _, _| false)
    }

    /// [`Registry::first_match`], skipping matches `misread` (candidate,
    /// definition, key) rejects.
    fn first_match_unless(
        &self,
        candidates: &[(&str, Reach)],
        outer: &str,
        misread: impl Fn(usize, usize, &str) -> bool,
    ) -> Option<(usize, usize, &str)> {
        let agrees = |i: usize, reach: Reach, def: usize, key: &str| {
            (reach != Reach::Paren
                || key.split(' ').count() >= 3
                || self.nearest_index().agreement(outer, def) >= AGREEMENT)
                && !misread(i, def, key)
        };
        // Keys are folded on demand: the first candidate usually matches.
        // A text that repeats (the whole is often its outer part) is folded
        // once, under its first candidate.
        let first: Vec<usize> = (0..candidates.len())
            .map(|i| {
                (0..i)
                    .find(|&j| candidates[j].0 == candidates[i].0)
                    .unwrap_or(i)
            })
            .collect();
        let keys: Vec<std::cell::OnceCell<String>> = vec![Default::default(); candidates.len()];
        let key = |i: usize| {
            let i = first[i];
            keys[i].get_or_init(|| fold_venue(candidates[i].0)).as_str()
        };
        let exact = candidates
            .iter()
            .enumerate()
            .find_map(|(i, &(text, reach))| {
                let (def, matched) = self.match_key(key(i), text, reach)?;
                agrees(i, reach, def, matched).then_some((i, def, matched))
            });
        exact.or_else(|| {
            candidates
                .iter()
                .enumerate()
                .find_map(|(i, &(text, reach))| {
                    let (def, matched) = self.abbreviation_key(key(i), text)?;
                    agrees(i, reach, def, matched).then_some((i, def, matched))
                })
        })
    }

    /// The definition `text` names, within `reach`.
    fn match_one(&self, text: &str, reach: Reach) -> Option<(usize, &str)> {
        self.match_key(&fold_venue(text), text, reach)
    }

    /// The definition `text`, folded to `key`, names within `reach`.
    fn match_key(&self, key: &str, text: &str, reach: Reach) -> Option<(usize, &str)> {
        let (key, &def) = self.index().by_alias.get_key_value(key)?;
        let abbreviation =
            || self.index().by_abbr.contains_key(key) && has_abbreviation_token(text);
        let accepted = match reach {
            Reach::Whole => true,
            Reach::Part | Reach::Paren => key.split(' ').count() >= 3 || abbreviation(),
            Reach::Abbreviation => abbreviation(),
        };
        accepted.then_some((def, key.as_str()))
    }

    /// "ICML Conference 2023", "NeurIPS Main Track": an abbreviation with
    /// only filler words around it.
    fn abbreviation_with_filler(&self, text: &str) -> Option<(usize, &str)> {
        self.abbreviation_key(&fold_venue(text), text)
    }

    /// [`Registry::abbreviation_with_filler`] of `text` folded to `key`.
    fn abbreviation_key(&self, key: &str, text: &str) -> Option<(usize, &str)> {
        if !has_abbreviation_token(text) {
            return None;
        }
        let rest: Vec<&str> = key
            .split(' ')
            .filter(|w| !FILLER_WORDS.contains(w))
            .collect();
        self.index()
            .by_abbr
            .get_key_value(&rest.join(" "))
            .map(|(k, &d)| (d, k.as_str()))
    }

    /// A "Findings" string names the Findings volume of the venue matched
    /// ("EMNLP (Findings)"), or nothing when the registry has none.
    fn findings_of(&self, whole: &str, def: usize, key: &str) -> Option<usize> {
        let says_findings = whole
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| w.eq_ignore_ascii_case("findings"));
        if !says_findings || key.split(' ').any(|w| w == "findings") {
            return Some(def);
        }
        let abbr = fold_venue(&self.index().defs[def].abbr);
        self.index()
            .by_alias
            .get(&format!("findings {abbr}"))
            .copied()
    }

    /// The year `whole` states: a year, or "AAAI-24"; else the year an
    /// edition ("36th") in `edition_text` (the text that named the venue)
    /// or a proceedings volume in `whole` ("Systems 36") implies.
    fn year_of(
        &self,
        whole: &str,
        def: Option<usize>,
        edition_text: Option<&str>,
        volume_ok: bool,
    ) -> Option<i32> {
        if let Some(y) = stated_year(whole) {
            return Some(y);
        }
        let index = def?;
        if let Some(y) = self.hyphen_year(whole, index) {
            return Some(y);
        }
        let def = &self.index().defs[index];
        let text = edition_text?;
        let by_edition = def
            .edition_base
            .zip(fold::edition(text))
            .map(|(base, n)| base + n)
            .filter(|y| def.edition_since.is_none_or(|since| *y >= since));
        // A volume may stand in a segment of its own ("..., vol. 33").
        let by_volume = || {
            def.volume_base
                .zip(fold::volume_number(whole))
                .map(|(base, n)| base + n)
                .filter(|_| volume_ok)
        };
        by_edition.or_else(by_volume)
    }

    /// A two-digit year after one of the venue's abbreviations and a
    /// hyphen: "AAAI-24", "IJCAI-23", "ECML-94".
    fn hyphen_year(&self, text: &str, def: usize) -> Option<i32> {
        let bytes = text.as_bytes();
        text.match_indices('-').find_map(|(i, _)| {
            let digits = &bytes[i + 1..];
            let two = digits.len() >= 2
                && digits[..2].iter().all(u8::is_ascii_digit)
                && digits.get(2).is_none_or(|b| !b.is_ascii_alphanumeric());
            // Past the last non-alphanumeric character, however many
            // bytes it takes (a U+FFFD from invalid UTF-8 takes three).
            let word_start = text[..i]
                .char_indices()
                .rfind(|(_, c)| !c.is_alphanumeric())
                .map_or(0, |(j, c)| j + c.len_utf8());
            let word = fold_venue(&text[word_start..i]);
            (two && self.index().by_abbr.get(&word) == Some(&def))
                .then(|| text[i + 1..i + 3].parse().ok().map(fold::two_digit_year))
                .flatten()
        })
    }

    /// Takes a track out of the pieces: "Datasets and Benchmarks Track",
    /// "Track on Datasets and Benchmarks", "Applied Data Science Track".
    /// `cleaned` is [`clean_display`] of `outer` and `parens`: the whole
    /// text again when no track is taken and no parenthetical dropped.
    fn take_track(
        &self,
        outer: String,
        parens: Vec<String>,
        cleaned: &str,
    ) -> (Pieces, Option<String>) {
        let mut track = None;
        let mut looked_for_track = false;
        let mut take = |text: String| {
            if !may_name_track(&text) {
                return text;
            }
            looked_for_track = true;
            let (name, rest) = self.track_in(&text);
            if track.is_none() {
                track = name;
            }
            rest
        };
        let outer = take(outer);
        let given = parens.len();
        let parens: Vec<String> = parens
            .into_iter()
            .map(&mut take)
            .filter(|p| !fold_venue(p).is_empty())
            .collect();
        let whole = if looked_for_track || parens.len() != given {
            clean_display(&outer, &parens)
        } else {
            cleaned.to_string()
        };
        let pieces = Pieces {
            outer,
            parens,
            whole,
        };
        (pieces, track)
    }

    /// The track `text` names, and the text without it. Asked only of text
    /// that [`may_name_track`], so the track patterns are compiled only
    /// for libraries that name one.
    fn track_in(&self, text: &str) -> (Option<String>, String) {
        if let Some(m) = KNOWN_TRACK.find(text) {
            let name = m.as_str().split_whitespace().collect::<Vec<_>>().join(" ");
            let rest = format!("{} {}", &text[..m.start()], &text[m.end()..]);
            let rest = TRACK_WORD.replace_all(&rest, " ").into_owned();
            return (Some(title_track(&name)), rest);
        }
        if let Some(c) = TRACK_ON.captures(text)
            && let (Some(all), Some(name)) = (c.get(0), c.get(1))
        {
            let rest = format!("{} {}", &text[..all.start()], &text[all.end()..]);
            return (
                Some(strip_years(name.as_str())).filter(|n| !n.is_empty()),
                rest,
            );
        }
        let Some(m) = TRACK_WORD.find(text) else {
            return (None, text.to_string());
        };
        let start = text[..m.start()]
            .rfind([',', ';', ':', '('])
            .map_or(0, |i| i + 1);
        let words: Vec<&str> = text[start..m.start()].split_whitespace().collect();
        if words.last().is_some_and(|w| is_workshop(w)) {
            return (None, text.to_string());
        }
        // The shortest tail whose remaining head names a venue, else the
        // words after the last number ("NeurIPS 2023 Datasets Track").
        let tail = (1..=words.len())
            .find(|&k| {
                let head = words[..words.len() - k].join(" ");
                self.match_one(&head, Reach::Whole).is_some()
            })
            .unwrap_or_else(|| {
                words
                    .iter()
                    .rev()
                    .take_while(|w| !is_number_like(w))
                    .count()
            });
        let (head, name) = words.split_at(words.len() - tail);
        let name = name.join(" ");
        let rest = format!("{}{} {}", &text[..start], head.join(" "), &text[m.end()..]);
        let name =
            Some(name).filter(|n| !fold_venue(n).split(' ').all(|w| FILLER_WORDS.contains(&w)));
        (name, rest)
    }

    /// A workshop string: its host venue and the workshop's names.
    fn parse_workshop(&self, p: &Pieces) -> (Option<usize>, Option<String>, Workshop) {
        let primary = if is_workshop(&p.outer) {
            p.outer.as_str()
        } else {
            p.parens
                .iter()
                .find(|x| is_workshop(x))
                .map_or(p.outer.as_str(), String::as_str)
        };
        let parts = WorkshopParts::of(primary, self);
        let (host, host_text, place) = self.workshop_host(p, primary, &parts);
        // The ordinal of "5th ACL Workshop on ..." counts the workshop's
        // editions, not the host's: no edition year from the text before it.
        let host_text = host_text.filter(|_| place != HostPlace::Before);
        let mut short = parts.short_prefix.clone();
        let mut name = parts.name_after.clone();
        if !parts.after_on && name.as_deref().is_some_and(is_short_name) {
            short = name.take();
        }
        // "... Computational Linguistics: Student Research Workshop": the
        // last part, after the host's, names the workshop.
        if let HostPlace::BeforePart(k) = place
            && name.is_none()
        {
            let before_parts = sub_segments(&parts.before);
            let last = before_parts[k + 1..].last().copied().unwrap_or_default();
            name = Some(strip_filler(last))
                .filter(|n| !n.is_empty())
                .map(|n| format!("{n} {}", parts.word));
        }
        // With its host beside it ("X Workshop at NeurIPS", "NeurIPS X
        // Workshop", "X Workshop, NeurIPS 2023") the workshop is on X; with
        // the host elsewhere "Student Research Workshop" is a name.
        if name.is_none() && place == HostPlace::Elsewhere {
            let beside = parts.at_host.is_some() || (host.is_some() && primary == p.outer);
            name = parts.name_before.as_ref().map(|n| match beside {
                true => n.clone(),
                false => format!("{n} {}", parts.word),
            });
        }
        if name.is_none() && place != HostPlace::Elsewhere {
            name = parts.name_earlier.clone();
        }
        if let Some(s) = p.parens.iter().find_map(|x| self.short_name_in(x)) {
            short = Some(s);
        }
        if name.is_none() && primary != p.outer && self.match_one(&p.outer, Reach::Whole).is_none()
        {
            name = Some(strip_years(&p.outer)).filter(|n| !n.is_empty());
        }
        let name = name
            .or_else(|| host.map(|h| host_workshops(&self.index().defs[h].abbr)))
            .or_else(|| short.clone())
            .unwrap_or_else(|| strip_years(primary));
        (host, host_text, Workshop { name, short })
    }

    /// The host of a workshop: after "at"/"@", before "Workshop", in another
    /// segment, or in a parenthetical; and where it was.
    fn workshop_host(
        &self,
        p: &Pieces,
        primary: &str,
        parts: &WorkshopParts,
    ) -> (Option<usize>, Option<String>, HostPlace) {
        let mut candidates: Vec<(&str, Reach)> = Vec::new();
        if let Some(at) = &parts.at_host {
            candidates.push((at, Reach::Whole));
        }
        let before_at = candidates.len();
        candidates.push((&parts.before, Reach::Part));
        // "Computer Vision - ECCV 2022 Workshops": the host in a part.
        let before_parts = sub_segments(&parts.before);
        if before_parts.len() > 1 {
            candidates.push((before_parts[0], Reach::Part));
            candidates.extend(before_parts[1..].iter().map(|s| (*s, Reach::Abbreviation)));
        }
        let after_before = candidates.len();
        if primary != p.outer {
            candidates.push((&p.outer, Reach::Whole));
        }
        let segments = split_top_level(&p.outer, b",;");
        candidates.extend(
            segments
                .iter()
                .filter(|s| !is_workshop(s))
                .map(|s| (*s, Reach::Part)),
        );
        for paren in &p.parens {
            let head = find_workshop(paren).map_or(paren.as_str(), |m| &paren[..m.start]);
            candidates.push((head, Reach::Part));
        }
        // The outer text of a workshop string is the workshop's name, so
        // parentheticals need not agree with it.
        match self.first_match(&candidates, "") {
            Some((i, def, _)) => {
                let place = match i {
                    i if i == before_at => HostPlace::Before,
                    i if i < before_at || i >= after_before => HostPlace::Elsewhere,
                    i => HostPlace::BeforePart(i - before_at - 1),
                };
                (Some(def), Some(candidates[i].0.to_string()), place)
            }
            None => (None, None, HostPlace::Elsewhere),
        }
    }

    /// A workshop's short name in a parenthetical: "M3L" in "(NeurIPS 2023
    /// Workshop M3L)", "OPT" in "(OPT 2022)".
    fn short_name_in(&self, paren: &str) -> Option<String> {
        let tail = match find_workshop(paren) {
            Some(m) => &paren[m.end..],
            None => paren,
        };
        let tail = strip_years(tail);
        (is_short_name(&tail) && self.lookup(&tail).is_none()).then_some(tail)
    }

    /// Joins a parsed venue string with the entry's own facts: the venue's
    /// year is the one the string states, else the entry's.
    pub fn venue(&self, parse: &VenueParse, fallback_kind: Kind, entry_year: Option<i32>) -> Venue {
        let year = parse.year.or(entry_year);
        let workshop_kind = |kind| {
            if parse.workshop.is_some() {
                Kind::Workshop
            } else {
                kind
            }
        };
        match parse.def.map(|i| &self.index().defs[i]) {
            Some(def) => {
                let former = def
                    .former
                    .as_ref()
                    .filter(|f| year.is_some_and(|y| y <= f.until));
                let abbr = former.map_or(&def.abbr, |f| &f.abbr).clone();
                let name = former
                    .and_then(|f| f.name.as_ref())
                    .unwrap_or(&def.name)
                    .clone();
                // A workshop named after its host ("NeurIPS Workshops") is
                // named after the host as it was then ("NIPS Workshops").
                let workshop = parse.workshop.clone().map(|mut ws| {
                    if abbr != def.abbr && ws.name == host_workshops(&def.abbr) {
                        ws.name = host_workshops(&abbr);
                    }
                    ws
                });
                Venue {
                    abbr: Some(abbr),
                    name,
                    kind: workshop_kind(def.kind),
                    year,
                    workshop,
                    track: parse.track.clone(),
                    known: true,
                }
            }
            None => Venue {
                abbr: None,
                name: parse.cleaned.clone(),
                kind: workshop_kind(fallback_kind),
                year,
                workshop: parse.workshop.clone(),
                track: parse.track.clone(),
                known: false,
            },
        }
    }
}

impl Index {
    /// [`Registry::extend`] on the built index.
    fn extend(&mut self, defs: Vec<VenueDef>) {
        for def in defs {
            let key = fold_venue(&def.abbr);
            let index = match self.by_canonical.get(&key) {
                Some(&i) => {
                    let old = std::mem::replace(&mut self.defs[i], def);
                    merge_override(&mut self.defs[i], old);
                    i
                }
                None => {
                    self.defs.push(def);
                    self.by_canonical.insert(key, self.defs.len() - 1);
                    self.defs.len() - 1
                }
            };
            self.index_def(index);
        }
    }

    fn index_def(&mut self, index: usize) {
        let def = &self.defs[index];
        let abbrs = std::iter::once(def.abbr.as_str())
            .chain(def.former.as_ref().map(|f| f.abbr.as_str()))
            .chain(
                def.aliases
                    .iter()
                    .map(String::as_str)
                    .filter(|a| is_abbreviation(a)),
            );
        for abbr in abbrs {
            let key = fold_venue(abbr);
            if !key.is_empty() {
                self.by_abbr.insert(key, index);
            }
        }
        for spelling in def.spellings() {
            let key = fold_venue(spelling);
            if !key.is_empty() {
                self.by_alias.insert(key, index);
            }
        }
    }
}

/// Completes an overriding definition with what the old one had and the
/// new one leaves out.
fn merge_override(new: &mut VenueDef, old: VenueDef) {
    let old_names = [old.abbr, old.name]
        .into_iter()
        .filter(|n| *n != new.abbr && *n != new.name);
    for alias in old_names.chain(old.aliases) {
        if !new.aliases.contains(&alias) {
            new.aliases.push(alias);
        }
    }
    new.former = new.former.take().or(old.former);
    new.edition_base = new.edition_base.or(old.edition_base);
    new.edition_since = new.edition_since.or(old.edition_since);
    new.volume_base = new.volume_base.or(old.volume_base);
}

/// Where a workshop's host is named.
#[derive(Clone, Copy, PartialEq)]
enum HostPlace {
    /// The text before "Workshop" in its segment ("5th ACL Workshop").
    Before,
    /// One of that text's colon or dash parts ("Computer Vision - ECCV
    /// 2022 Workshops"), by its position.
    BeforePart(usize),
    /// After "at", in another segment or in a parenthetical.
    Elsewhere,
}

/// The text around the word "workshop" in one piece.
struct WorkshopParts {
    /// Text before "Workshop" in its segment ("NeurIPS 2023").
    before: String,
    /// "X" of "Workshop on X" / "Workshop: X".
    name_after: Option<String>,
    /// Whether "X" came after "on", "of" or "for": a name even when it is
    /// one word ("Workshop on GenBio"), where "Workshop M3L" is a short name.
    after_on: bool,
    /// "X" of "X Workshop" ("Student Research").
    name_before: Option<String>,
    /// "Workshop" or "Workshops" as written, for a name before it.
    word: String,
    /// "X" of "X, HOST Workshop": the segments before the workshop's.
    name_earlier: Option<String>,
    /// "Y" of "... at Y" / "... @ Y", or of "Y X Workshop".
    at_host: Option<String>,
    /// "OPT" of "OPT2023: Annual Workshop on ...".
    short_prefix: Option<String>,
}

impl WorkshopParts {
    fn of(piece: &str, reg: &Registry) -> WorkshopParts {
        let m = find_workshop(piece);
        let (start, end) = m
            .clone()
            .map_or((piece.len(), piece.len()), |m| (m.start, m.end));
        let seg_start = piece[..start].rfind([',', ';']).map_or(0, |i| i + 1);
        let mut before = piece[seg_start..start].trim();
        // The name after "Workshop" may go on past a comma ("Spurious
        // Correlations, Invariance and Stability"), and so may the text
        // up to "at HOST".
        let mut after = piece[end..].trim_start_matches([' ', ':', '-']);
        let mut at_host = None;
        for text in [&mut after, &mut before] {
            if at_host.is_none()
                && let Some((host, at)) = at_host_in(text, reg)
            {
                at_host = Some(host.to_string());
                *text = &text[..at];
            }
        }
        // "X Workshop, NeurIPS 2023": nothing after "Workshop" in its segment.
        let after = if after.starts_with([',', ';']) {
            String::new()
        } else {
            name_segments(after.trim())
        };
        let on = ["on ", "On ", "of ", "for "]
            .iter()
            .find_map(|p| after.strip_prefix(p));
        let after = on.unwrap_or(&after);
        // After "Workshops" only "on X" names one: "ECCV 2022 Workshops:
        // Glasgow, UK, ..." goes on with a place.
        let plural = m
            .as_ref()
            .is_some_and(|m| piece[m.clone()].len() > "workshop".len());
        let name_after = Some(strip_years(after.trim_end_matches(['.', ';'])))
            .filter(|_| on.is_some() || !plural)
            .filter(|n| !fold_venue(n).split(' ').all(|w| FILLER_WORDS.contains(&w)));
        let (short_prefix, mut before_rest) = match before.split_once(':') {
            Some((head, rest)) if is_short_name(&strip_years(head)) => {
                (Some(strip_years(head)), rest)
            }
            _ => (None, before),
        };
        // "NeurIPS 2023 Foundation Models for Decision Making Workshop".
        if at_host.is_none()
            && name_after.is_none()
            && let Some((host, rest)) = leading_host(before_rest, reg)
        {
            at_host = Some(host.to_string());
            before_rest = rest;
        }
        let name_before = Some(strip_filler(before_rest)).filter(|n| !n.is_empty());
        // "Machine Learning and the Physical Sciences, NeurIPS 2023 Workshop".
        let earlier = piece[..seg_start].trim_matches([',', ';', ' ']);
        let name_earlier = Some(strip_filler(earlier)).filter(|n| {
            !n.is_empty()
                && !n.bytes().any(|b| b.is_ascii_digit())
                && reg.match_one(n, Reach::Whole).is_none()
        });
        WorkshopParts {
            before: before.to_string(),
            name_after,
            after_on: on.is_some(),
            name_before,
            word: m.map_or("Workshop", |m| &piece[m]).to_string(),
            name_earlier,
            at_host,
            short_prefix,
        }
    }
}

/// "... at NeurIPS 2023", "... @ ICML2023" in `text`: the host (up to the
/// next comma) and where "at" starts. Only a venue counts ("Machine
/// Learning at Scale at NeurIPS" is hosted by NeurIPS).
fn at_host_in<'t>(text: &'t str, reg: &Registry) -> Option<(&'t str, usize)> {
    if !scan::contains_ci(text, "at") && !text.contains('@') {
        return None;
    }
    let found: Vec<_> = AT_HOST.find_iter(text).collect();
    found.iter().rev().find_map(|at| {
        let rest = &text[at.end()..];
        let host = rest[..rest.find([',', ';']).unwrap_or(rest.len())].trim();
        (reg.match_one(host, Reach::Whole).is_some()
            || reg.abbreviation_with_filler(host).is_some())
        .then_some((host, at.start()))
    })
}

/// A host abbreviation opening the text before "Workshop", with the year
/// after it, and the rest: "NeurIPS 2023" and "Foundation Models for
/// Decision Making" in "NeurIPS 2023 Foundation Models for Decision
/// Making". `None` when nothing follows the host ("CVPR 2023").
fn leading_host<'t>(text: &'t str, reg: &Registry) -> Option<(&'t str, &'t str)> {
    // Pieces are tidied: words are one space apart.
    let text = text.trim();
    let mut words = text.split(' ');
    let first = words.next()?;
    if !has_abbreviation_token(first) || !reg.index().by_abbr.contains_key(&fold_venue(first)) {
        return None;
    }
    let mut host_end = first.len();
    for word in words.take_while(|w| fold::is_year_token(w)) {
        host_end += 1 + word.len();
    }
    let rest = text[host_end..].trim();
    (!rest.is_empty()).then_some((&text[..host_end], rest))
}

/// The comma segments of a workshop's name: the first, and the ones after
/// it that go on listing topics ("Spurious Correlations, Invariance and
/// Stability"), not places, dates or an abbreviation ("RepL4NLP@ACL 2023").
fn name_segments(text: &str) -> String {
    let segments = split_top_level(text, b",;");
    let Some(first) = segments.first() else {
        return String::new();
    };
    let plain = segments[1..]
        .iter()
        .take_while(|s| !s.bytes().any(|b| b.is_ascii_digit()) && !has_abbreviation_token(s))
        .count();
    let topics = (1..=plain)
        .rev()
        .find(|&j| continues_as_topics(&segments[j..=j]))
        .unwrap_or(0);
    if topics == 0 {
        first.to_string()
    } else {
        segments[..=topics].join(", ")
    }
}

/// How well the text outside parentheses must agree with a venue named by
/// an abbreviation inside them (see [`Reach::Paren`]).
const AGREEMENT: f64 = 0.5;

/// Words allowed around an abbreviation ("ICML Conference 2023").
const FILLER_WORDS: &[&str] = &[
    "",
    "conf",
    "main",
    "track",
    "proceedings",
    "poster",
    "posters",
    "oral",
    "spotlight",
    "long",
    "short",
    "paper",
    "papers",
    "full",
];

/// The name of a workshop known only by its host: "CVPR Workshops".
fn host_workshops(abbr: &str) -> String {
    format!("{abbr} Workshops")
}

/// The word "workshop" or "workshops" in `text`.
fn find_workshop(text: &str) -> Option<std::ops::Range<usize>> {
    scan::find_word(text, &["workshop", "workshops"])
}

fn is_workshop(text: &str) -> bool {
    find_workshop(text).is_some()
}

/// Whether the comma segments after a venue's name go on listing topics:
/// before any with a number or an abbreviation (a year, "ICML 2023", a
/// date), one joins its topics with a lower-case "and" ("Optimization, and
/// Data Science", "Cloud and Parallel Computing"). Places and publishers
/// after DBLP's "{ICML} 2023" never count.
fn continues_as_topics(rest: &[&str]) -> bool {
    rest.iter()
        .take_while(|s| !s.bytes().any(|b| b.is_ascii_digit()) && !has_abbreviation_token(s))
        .any(|s| {
            let words = || {
                s.split_whitespace()
                    .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '&'))
            };
            words().any(|w| matches!(w, "and" | "&" | "or"))
                && !words().any(|w| NOT_TOPICS.iter().any(|n| w.eq_ignore_ascii_case(n)))
        })
}

/// Words that make a segment joined with "and" something other than more
/// topics of a venue's name: a part of the event or the publication
/// ("Student Abstract and Poster Program", "Special Issue on Learning and
/// Optimization"), how it was held ("Virtual and Online"), or a phrase
/// with a preposition (topics are listed bare).
const NOT_TOPICS: &[&str] = &[
    "abstract",
    "abstracts",
    "at",
    "companion",
    "demo",
    "demos",
    "demonstration",
    "for",
    "hybrid",
    "in",
    "issue",
    "of",
    "on",
    "online",
    "part",
    "poster",
    "posters",
    "proceedings",
    "program",
    "programme",
    "session",
    "sessions",
    "special",
    "student",
    "supplement",
    "track",
    "virtual",
    "volume",
    "with",
];

/// The first of joint events in one title: "Proceedings of the
/// Thirty-Seventh AAAI Conference on Artificial Intelligence" in "... and
/// Thirty-Fifth Conference on Innovative Applications ...", where "and"
/// (or "and the") is followed by another edition or a year.
fn joint_head(segment: &str) -> Option<&str> {
    segment.match_indices(" and ").find_map(|(i, and)| {
        let next = segment[i + and.len()..]
            .split(' ')
            .find(|w| !w.eq_ignore_ascii_case("the"))?;
        let word = fold::raw_words(next).next()?;
        (fold::is_ordinal_token(&word) || fold::is_year_token(&word)).then(|| segment[..i].trim())
    })
}

/// [`names_an_event`], with a name besides the generic words: "Sixth
/// Conference on Machine Translation", not "Proceedings of the Conference".
fn names_an_event_of_its_own(segment: &str) -> bool {
    const GENERIC: &[&str] = &[
        "a",
        "an",
        "annual",
        "colloquium",
        "conference",
        "congress",
        "international",
        "journal",
        "meeting",
        "of",
        "on",
        "proceedings",
        "symposium",
        "the",
        "transactions",
        "workshop",
    ];
    names_an_event(segment)
        && segment
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .any(|w| !GENERIC.iter().any(|g| w.eq_ignore_ascii_case(g)))
}

/// Whether a segment names an event or a journal of its own ("Sixth
/// Conference on Machine Translation").
fn names_an_event(segment: &str) -> bool {
    scan::find_word(
        segment,
        &[
            "conference",
            "symposium",
            "workshop",
            "congress",
            "colloquium",
            "meeting",
            "journal",
            "transactions",
        ],
    )
    .is_some()
}

/// Award words that open a part of a venue string ("Spotlight (Top 3.5%)").
fn opens_with_award(part: &str) -> bool {
    const AWARDS: &[&str] = &[
        "spotlight",
        "oral",
        "honorable mention",
        "honourable mention",
        "distinguished paper",
        "award",
        "contributed talk",
        "plenary",
        "long talk",
        "highlight",
        "selected for",
    ];
    let t = part.trim_start();
    let starts =
        |w: &str| t.len() >= w.len() && t.as_bytes()[..w.len()].eq_ignore_ascii_case(w.as_bytes());
    AWARDS.iter().any(|w| starts(w))
        || ["best", "outstanding"]
            .iter()
            .any(|w| starts(w) && !t[w.len()..].chars().next().is_some_and(scan::is_word_char))
}

// The patterns below are compiled only for strings that contain their
// literal words (see the callers), so most libraries never pay for them.
static AT_HOST: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)(?:^|\s)at\s+|\s*@\s*").expect("valid regex"));
static TRACK_WORD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\btrack\b(?:\s+on\b)?").expect("valid regex"));
static TRACK_ON: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\btrack\s+on\s+([^,;:()]+)").expect("valid regex"));
static KNOWN_TRACK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bdatasets\s+(?:and|&)\s+benchmarks\b").expect("valid regex")
});
/// "JMLR Workshop and Conference Proceedings" is a series, not a workshop.
static NOT_A_WORKSHOP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bworkshop\s+(?:and|&)\s+conference\s+proceedings\b|\bW\s*&\s*CP\b")
        .expect("valid regex")
});

/// Whether `text` has the words a track is named with; without them
/// there is no track to look for.
fn may_name_track(text: &str) -> bool {
    scan::contains_ci(text, "track") || scan::contains_ci(text, "benchmarks")
}

/// Braces and runs of whitespace removed, dashes made plain, series names
/// that only look like workshops dropped.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        let c = match c {
            '{' | '}' => continue,
            '–' | '—' => '-',
            c if c.is_whitespace() => {
                space = !out.is_empty();
                continue;
            }
            c => c,
        };
        if c == '-' && out.ends_with('-') {
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.push(c);
    }
    if !scan::contains_ci(&out, "conference proceedings") && !out.contains('&') {
        return out;
    }
    match NOT_A_WORKSHOP.replace_all(&out, "") {
        Cow::Borrowed(_) => out,
        Cow::Owned(cut) => cut.split_whitespace().collect::<Vec<_>>().join(" "),
    }
}

/// `text` tidied and split into the text outside parentheses, the
/// parentheticals and the award among them, taken out.
fn awards_taken(text: &str) -> (String, Vec<String>, Option<String>) {
    let tidy = tidy(text);
    let (outer, parens) = split_parentheticals(&tidy);
    take_awards(&outer, parens)
}

/// The award a venue string names ("ICML 2024 (Oral)"), as
/// [`Registry::parse`] finds it, without reading the venue.
pub fn award_in(text: &str) -> Option<String> {
    awards_taken(text).2
}

/// Splits off awards: "(NeurIPS 2023, Spotlight (Top 3.5%))" → "(NeurIPS
/// 2023)" and "Spotlight (Top 3.5%)".
fn take_awards(outer: &str, parens: Vec<String>) -> (String, Vec<String>, Option<String>) {
    let mut award = None;
    let mut kept_parens = Vec::new();
    for paren in &parens {
        let mut kept = Vec::new();
        for part in split_top_level(paren, b",;") {
            if award.is_none() && opens_with_award(part) {
                award = Some(part.to_string());
            } else {
                kept.push(part);
            }
        }
        if !kept.is_empty() {
            kept_parens.push(kept.join(", "));
        }
    }
    // An outer part is an award only when another part names the venue:
    // "Oral Oncology" and "Oral Surgery, Oral Medicine, ..." are journals.
    let parts = split_top_level(outer, b",");
    let named_elsewhere = |i: usize| {
        parts
            .iter()
            .enumerate()
            .any(|(j, p)| j != i && !opens_with_award(p) && p.contains(char::is_alphabetic))
    };
    let mut kept_outer = Vec::new();
    for (i, &part) in parts.iter().enumerate() {
        if award.is_none() && opens_with_award(part) && !is_workshop(part) && named_elsewhere(i) {
            award = Some(part.to_string());
        } else {
            kept_outer.push(part);
        }
    }
    (kept_outer.join(", "), kept_parens, award)
}

/// Whether a token is written as an abbreviation: two or more capitals
/// ("ICML", "NeurIPS", "CoRL").
fn has_abbreviation_token(text: &str) -> bool {
    if !text.is_ascii() {
        return text
            .split(|c: char| !c.is_alphanumeric())
            .any(is_abbreviation_token);
    }
    // Capitals counted per word, a byte at a time (every candidate of
    // every distinct venue string asks this).
    let mut capitals = 0;
    for b in text.bytes() {
        if b.is_ascii_uppercase() {
            capitals += 1;
            if capitals == 2 {
                return true;
            }
        } else if !b.is_ascii_alphanumeric() {
            capitals = 0;
        }
    }
    false
}

fn is_abbreviation_token(word: &str) -> bool {
    word.chars().filter(|c| c.is_uppercase()).count() >= 2
}

/// Whether a whole spelling is abbreviations ("ECML", "NAACL-HLT").
fn is_abbreviation(text: &str) -> bool {
    let mut words = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .peekable();
    words.peek().is_some() && words.all(is_abbreviation_token)
}

/// A workshop short name such as "M3L", "OPT" or "TrustNLP": one word with
/// a capital or digit after its first letter.
fn is_short_name(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= 16
        && text.chars().next().is_some_and(char::is_alphabetic)
        && text.chars().all(|c| c.is_alphanumeric() || c == '-')
        && text
            .chars()
            .skip(1)
            .any(|c| c.is_uppercase() || c.is_ascii_digit())
}

/// Whether a word is a number, year or ordinal ("2023", "36th", "Thirty").
fn is_number_like(word: &str) -> bool {
    let w = fold::raw_words(word).next().unwrap_or_default();
    w.is_empty() || w.bytes().all(|b| b.is_ascii_digit()) || fold::is_ordinal_token(&w)
}

/// Text without years and glued years ("OPT2023" → "OPT"), trimmed.
fn strip_years(text: &str) -> String {
    let words: Vec<String> = text
        .split_whitespace()
        .filter_map(|w| {
            let bare = w.trim_matches(|c: char| !c.is_alphanumeric());
            if fold::is_year_token(bare) || bare.starts_with('\'') {
                return None;
            }
            let cut = w.len().saturating_sub(4);
            if w.len() > 4 && w.is_char_boundary(cut) && fold::is_year_token(&w[cut..]) {
                return Some(w[..cut].to_string());
            }
            Some(w.to_string())
        })
        .collect();
    words
        .join(" ")
        .trim_matches([',', ':', ';', ' ', '-'])
        .to_string()
}

/// Text without leading "Proceedings of the 3rd International" and years.
fn strip_filler(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    let skip = words
        .iter()
        .take_while(|w| {
            let f = fold::raw_words(w).next().unwrap_or_default();
            f.is_empty()
                || fold::stem(&f).is_none()
                || fold::is_proceedings(&f)
                || matches!(f.as_str(), "international" | "joint" | "annual")
                || fold::is_year_token(&f)
        })
        .count();
    strip_years(&words[skip..].join(" "))
}

/// "datasets and benchmarks" → "Datasets and Benchmarks".
fn title_track(name: &str) -> String {
    name.split(' ')
        .map(|w| match w.to_lowercase().as_str() {
            "and" => "and".to_string(),
            lower => {
                let mut c = lower.chars();
                c.next()
                    .map(|f| f.to_uppercase().chain(c).collect())
                    .unwrap_or_default()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Splits off top-level parentheticals: ("outer text", ["inside", ...]).
pub fn split_parentheticals(text: &str) -> (String, Vec<String>) {
    if !text.contains(['(', '[']) {
        // Closing brackets alone stay where they are.
        return (text.to_string(), Vec::new());
    }
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
    parens.retain(|p| !p.is_empty());
    (outer, parens)
}

/// Splits at any of `seps` (ASCII punctuation) outside parentheses; parts
/// trimmed, empty ones dropped. Walks bytes: no byte of a multi-byte
/// character is ASCII.
fn split_top_level<'t>(text: &'t str, seps: &[u8]) -> Vec<&'t str> {
    debug_assert!(seps.is_ascii());
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (i, &b) in text.as_bytes().iter().enumerate() {
        match b {
            b'(' => depth += 1,
            b')' => depth = depth.saturating_sub(1),
            b if depth == 0 && seps.contains(&b) => {
                out.push(&text[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&text[start..]);
    out.into_iter()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect()
}

/// A segment's parts at colons and spaced dashes: "Computer Vision - ECCV
/// 2022 - 17th European Conference" → three parts.
fn sub_segments(segment: &str) -> Vec<&str> {
    segment
        .split(':')
        .flat_map(|s| s.split(" - "))
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect()
}

/// The venue text for display: outer text plus venue parentheticals, with
/// stray punctuation tidied ("Linguistics, (ACL 2024)" → "Linguistics (ACL 2024)").
fn clean_display(outer: &str, parens: &[String]) -> String {
    let mut out = String::with_capacity(outer.len() + 16);
    for word in outer.split_whitespace() {
        if word == "," || word == ";" {
            out.push_str(word);
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    let mut out = out.trim_matches([',', ' ', ';', ':']).to_string();
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

#[cfg(test)]
mod tests;
