//! One coauthor written several ways ("Lei Wu", "L. Wu"): each core notes
//! how the entries it reads (in file order) write people, and the cores'
//! notes are merged and compared within each (family name, first initial)
//! group.

use std::borrow::Cow;
use std::cmp::Reverse;
use std::hash::BuildHasher;
use std::ops::Range;

use super::{Checker, plural};
use crate::error::{Diagnostic, Severity};
use crate::library::Library;
use crate::model::Person;
use crate::normalize::names::{Identity, given_tokens_agree, split_names};
use crate::normalize::venue::FastMap;

/// The ways the entries one core read write people. Their text sits in one
/// buffer: a large library has tens of thousands, and freeing each on
/// its own, away from the core that made it, costs more than the check.
#[derive(Default)]
pub(super) struct CoreSpellings {
    text: String,
    /// Given-name tokens of every spelling, folded, as spans of `text`.
    tokens: Vec<Range<usize>>,
    /// Sorted by [`Spelling::key`] when handed over.
    list: Vec<Spelling>,
}

/// One way of writing a person: the name as shown, the folded family name
/// and given-name tokens of its first writing (its identity), and the
/// entries using it. A core reads its entries in file order (see
/// [`crate::par::chunks`]), so its first writing is at its first entry.
struct Spelling {
    name: Range<usize>,
    family: Range<usize>,
    /// Indexes of [`CoreSpellings::tokens`].
    given: Range<usize>,
    /// How many entries use it; the first and the last of them.
    entries: usize,
    first: usize,
    last: usize,
}

/// A spelling's group (family name, first initial), then its name.
type Key<'a> = ((&'a str, Option<char>), &'a str);

/// A spelling with the text it points into.
#[derive(Clone, Copy)]
struct Written<'a> {
    of: &'a CoreSpellings,
    spelling: &'a Spelling,
}

impl<'a> Written<'a> {
    fn name(self) -> &'a str {
        &self.of.text[self.spelling.name.clone()]
    }

    fn given(self) -> impl Iterator<Item = &'a str> {
        self.of.tokens[self.spelling.given.clone()]
            .iter()
            .map(|t| &self.of.text[t.clone()])
    }

    /// Spellings of one group (family name, first initial) may name one
    /// person.
    fn group(self) -> (&'a str, Option<char>) {
        let initial = self.given().next().and_then(|g| g.chars().next());
        (&self.of.text[self.spelling.family.clone()], initial)
    }

    /// The group, then the name: unique among one core's spellings.
    fn key(self) -> Key<'a> {
        (self.group(), self.name())
    }

    /// As [`Identity::matches`]: the same family name, and given names
    /// that agree where both are written.
    fn matches(self, other: Written<'_>) -> bool {
        self.of.text[self.spelling.family.clone()] == other.of.text[other.spelling.family.clone()]
            && given_tokens_agree(self.given(), other.given())
    }
}

impl CoreSpellings {
    fn get(&self, s: usize) -> Written<'_> {
        Written {
            of: self,
            spelling: &self.list[s],
        }
    }

    /// Appends `text` to the buffer; its span.
    fn push_text(&mut self, text: &str) -> Range<usize> {
        let start = self.text.len();
        self.text.push_str(text);
        start..self.text.len()
    }
}

/// [`CoreSpellings`] in the making, with what only its core needs.
#[derive(Default)]
pub(super) struct Spellings<'lib> {
    out: CoreSpellings,
    /// Each raw name seen (borrowed from the library where it is written
    /// out there): its spelling, None when it has no family name.
    by_raw: FastMap<Cow<'lib, str>, Option<u32>>,
    /// The hash of a name as shown → its latest spelling; the others with
    /// that hash (another person's group, or a collision) are chained by
    /// `same_hash`.
    by_name: FastMap<u64, u32>,
    same_hash: Vec<Option<u32>>,
}

impl<'lib> Spellings<'lib> {
    /// Notes the authors of entry `i`, written `people`; whether it has any.
    /// Each distinct raw name is parsed once per core.
    pub(super) fn note_authors(
        &mut self,
        lib: &Library,
        i: usize,
        people: Option<&Cow<'lib, str>>,
    ) -> bool {
        let Some(people) = people else {
            return false;
        };
        let names = split_names(people);
        for raw in &names {
            let spelling = match self.by_raw.get(*raw) {
                Some(&s) => s,
                None => {
                    let s = self.spelling_of(lib.person(raw));
                    let key = match people {
                        Cow::Borrowed(text) => Cow::Borrowed(subslice(text, raw)),
                        Cow::Owned(_) => Cow::Owned((*raw).to_string()),
                    };
                    self.by_raw.insert(key, s);
                    s
                }
            };
            if let Some(s) = spelling {
                let spelling = &mut self.out.list[s as usize];
                // An entry naming the same spelling twice counts once.
                if spelling.last != i {
                    if spelling.entries == 0 {
                        spelling.first = i;
                    }
                    spelling.entries += 1;
                    spelling.last = i;
                }
            }
        }
        !names.is_empty()
    }

    /// The spelling `person` is written in: found by its name and group,
    /// else a new one with this first writing's identity.
    fn spelling_of(&mut self, person: Person) -> Option<u32> {
        if person.family.is_empty() {
            return None;
        }
        let id = Identity::of(&person.given, &person.family);
        let initial = id.given.first().and_then(|g| g.chars().next());
        let hash = FastMap::<(), ()>::default().hasher().hash_one(&person.name);
        let mut at = self.by_name.get(&hash).copied();
        while let Some(s) = at {
            let seen = self.out.get(s as usize);
            if seen.name() == person.name && seen.group() == (id.family.as_str(), initial) {
                return Some(s);
            }
            at = self.same_hash[s as usize];
        }
        let out = &mut self.out;
        let name = out.push_text(&person.name);
        let family = out.push_text(&id.family);
        let first_token = out.tokens.len();
        for token in &id.given {
            let span = out.push_text(token);
            out.tokens.push(span);
        }
        let s = out.list.len() as u32;
        out.list.push(Spelling {
            name,
            family,
            given: first_token..out.tokens.len(),
            entries: 0,
            first: usize::MAX,
            last: usize::MAX,
        });
        let previous = self.by_name.insert(hash, s);
        self.same_hash.push(previous);
        Some(s)
    }

    /// What the core hands over, sorted; the maps are freed here, on the
    /// core that filled them.
    pub(super) fn finish(self) -> CoreSpellings {
        let mut out = self.out;
        let mut order: Vec<usize> = (0..out.list.len()).collect();
        order.sort_by_cached_key(|&s| out.get(s).key());
        let mut slots: Vec<Option<Spelling>> = out.list.into_iter().map(Some).collect();
        out.list = order.iter().filter_map(|&s| slots[s].take()).collect();
        out
    }
}

/// `part`, a slice of `whole`, with `whole`'s lifetime.
fn subslice<'a>(whole: &'a str, part: &str) -> &'a str {
    let start = part.as_ptr() as usize - whole.as_ptr() as usize;
    &whole[start..start + part.len()]
}

impl Checker<'_> {
    /// One coauthor written several ways, from each core's spellings.
    pub(super) fn coauthor_spellings(&self, cores: &[CoreSpellings], out: &mut Vec<Diagnostic>) {
        // The cores' sorted spellings merged (a stable sort finds the
        // sorted runs): one spelling several cores saw counts all their
        // entries, and keeps the identity of the one that saw it first.
        let mut all: Vec<(Key, Written)> = cores
            .iter()
            .flat_map(|r| (0..r.list.len()).map(|s| (r.get(s).key(), r.get(s))))
            .collect();
        all.sort_by(|a, b| (a.0, a.1.spelling.first).cmp(&(b.0, b.1.spelling.first)));
        let mut spellings: Vec<(Key, Written, usize)> = Vec::with_capacity(all.len());
        for (key, s) in all {
            match spellings.last_mut() {
                Some((first, _, entries)) if *first == key => *entries += s.spelling.entries,
                _ => spellings.push((key, s, s.spelling.entries)),
            }
        }
        // Most groups have one spelling: only the others are compared.
        let mut groups: Vec<std::ops::Range<usize>> = Vec::new();
        let mut start = 0;
        for end in 1..=spellings.len() {
            if end == spellings.len() || spellings[end].0.0 != spellings[start].0.0 {
                if end - start > 1 {
                    groups.push(start..end);
                }
                start = end;
            }
        }
        // Groups are independent: cores take a range of them each.
        let found = crate::par::map(groups.len(), 64, |g| {
            let spellings = &spellings[groups[g].clone()];
            // The most used, most complete spelling is the reference; the
            // others are reported where they occur.
            let given_len = |s: Written| s.given().map(str::len).sum::<usize>();
            let mut order: Vec<usize> = (0..spellings.len()).collect();
            order.sort_by_cached_key(|&x| {
                let (_, s, entries) = spellings[x];
                (Reverse(entries), Reverse(given_len(s)), s.name())
            });
            let (_, main, main_uses) = spellings[order[0]];
            let main_name = main.name();
            let mut found = Vec::new();
            for &x in &order[1..] {
                let (_, s, uses) = spellings[x];
                if !s.matches(main) {
                    continue; // "Lei Wu" and "Lin Wu" are two people
                }
                found.push(
                    Diagnostic::new(
                        Severity::Warning,
                        "coauthor-spelling",
                        format!(
                            "`{}` ({} {}) looks like `{main_name}` ({} {})",
                            s.name(),
                            uses,
                            plural(uses),
                            main_uses,
                            plural(main_uses)
                        ),
                    )
                    .at(self.field_at(s.spelling.first, "author"))
                    .hint(format!("write one person one way: `{main_name}`")),
                );
            }
            found
        });
        out.extend(found.into_iter().flatten());
    }
}
