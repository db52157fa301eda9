//! `publist stats`: counts by year, kind, venue and status, and coauthors
//! with every spelling of one person merged ("Lei Wu", "Wu, Lei", "L. Wu").

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use crate::model::Publication;
use crate::normalize::names::Identity;
use crate::normalize::venue::FastMap;

/// Summary numbers for a set of publications.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Stats {
    /// How many publications.
    pub total: usize,
    /// Where the owner is first or equal-first author.
    pub first_author: usize,
    /// With equal contributors marked.
    pub equal_contribution: usize,
    /// Count per year, newest first.
    pub by_year: Vec<(i32, usize)>,
    /// Count per venue kind.
    pub by_kind: Vec<(String, usize)>,
    /// Count per status.
    pub by_status: Vec<(String, usize)>,
    /// Count per venue (abbreviation or name), most frequent first.
    pub by_venue: Vec<(String, usize)>,
    /// Coauthors (not the owner), most frequent first, one person once.
    pub coauthors: Vec<Coauthor>,
}

/// One coauthor and how often they appear.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Coauthor {
    /// The most complete spelling seen.
    pub name: String,
    /// Papers shared.
    pub papers: usize,
    /// Other spellings seen, if any.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub also_written: Vec<String>,
}

/// Counts, most frequent first, then by name.
fn sorted_counts<K: ToString>(counts: HashMap<K, usize>) -> Vec<(String, usize)> {
    let mut v: Vec<(String, usize)> = counts
        .into_iter()
        .map(|(k, n)| (k.to_string(), n))
        .collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v
}

/// Computes statistics over `pubs`.
pub fn compute(pubs: &[&Publication]) -> Stats {
    // Counted by what they are, named once at the end: a large library
    // has 100,000 papers and a few thousand venues.
    let mut by_year: BTreeMap<i32, usize> = BTreeMap::new();
    let mut by_kind = HashMap::new();
    let mut by_status = HashMap::new();
    let mut by_venue: HashMap<&str, usize> = HashMap::new();
    for p in pubs {
        if let Some(y) = p.year {
            *by_year.entry(y).or_default() += 1;
        }
        *by_kind.entry(p.venue.kind).or_default() += 1;
        *by_status.entry(p.status).or_default() += 1;
        let venue = p.venue.abbr.as_deref().unwrap_or(&p.venue.name);
        if !venue.is_empty() {
            *by_venue.entry(venue).or_default() += 1;
        }
    }
    Stats {
        total: pubs.len(),
        first_author: pubs.iter().filter(|p| p.owner_is_first()).count(),
        equal_contribution: pubs.iter().filter(|p| p.has_equal_contributors()).count(),
        by_year: by_year.into_iter().rev().collect(),
        by_kind: sorted_counts(by_kind),
        by_status: sorted_counts(by_status),
        by_venue: sorted_counts(by_venue),
        coauthors: coauthors(pubs),
    }
}

/// Groups authors by family name and first initial, then merges the
/// spellings that can be one person into the most complete one.
fn coauthors(pubs: &[&Publication]) -> Vec<Coauthor> {
    struct Person<'a> {
        id: Identity,
        spellings: HashMap<&'a str, usize>,
        papers: usize,
    }
    let mut people: Vec<Person> = Vec::new();
    // The people of each (family name, first initial), in the order met.
    let mut groups: FastMap<(String, Option<char>), Vec<usize>> = FastMap::default();
    // Each writing met (given, family, name) and its person: a writing seen
    // before goes where it went then (see below), without folding it again.
    let mut seen: FastMap<(&str, &str, &str), usize> = FastMap::default();
    for p in pubs {
        for a in p
            .authors
            .iter()
            // `and others` (shown "et al.") is nobody to count.
            .filter(|a| !a.owner && !a.family.is_empty() && a.name != "et al.")
        {
            let writing = (a.given.as_str(), a.family.as_str(), a.name.as_str());
            let person = match seen.get(&writing) {
                Some(&i) => i,
                None => {
                    let id = Identity::of(&a.given, &a.family);
                    let group = groups.entry(id.group_key()).or_default();
                    // Prefer an exact spelling match, then any compatible person.
                    let found = group
                        .iter()
                        .copied()
                        .find(|&i| people[i].spellings.contains_key(a.name.as_str()))
                        .or_else(|| group.iter().copied().find(|&i| people[i].id.matches(&id)));
                    let i = found.unwrap_or_else(|| {
                        people.push(Person {
                            id: id.clone(),
                            spellings: HashMap::new(),
                            papers: 0,
                        });
                        group.push(people.len() - 1);
                        people.len() - 1
                    });
                    // The more complete given name describes the person
                    // better. A person's given name only grows, so the
                    // same writing met again would change nothing here,
                    // and its spelling keeps matching this person first.
                    if id.given.iter().map(String::len).sum::<usize>()
                        > people[i].id.given.iter().map(String::len).sum()
                    {
                        people[i].id = id;
                    }
                    seen.insert(writing, i);
                    i
                }
            };
            let person = &mut people[person];
            *person.spellings.entry(&a.name).or_default() += 1;
            person.papers += 1;
        }
    }
    let mut out: Vec<Coauthor> = people
        .into_iter()
        .map(|person| {
            let mut spellings: Vec<(&str, usize)> = person.spellings.into_iter().collect();
            spellings.sort_by(|a, b| {
                b.0.chars()
                    .count()
                    .cmp(&a.0.chars().count())
                    .then(b.1.cmp(&a.1))
                    .then(a.0.cmp(b.0))
            });
            let name = spellings[0].0.to_string();
            Coauthor {
                name,
                papers: person.papers,
                also_written: spellings
                    .into_iter()
                    .skip(1)
                    .map(|s| s.0.to_string())
                    .collect(),
            }
        })
        .collect();
    out.sort_by(|a, b| b.papers.cmp(&a.papers).then_with(|| a.name.cmp(&b.name)));
    out
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::library::{Library, LoadOptions};

    #[test]
    fn spellings_of_one_person_merge() {
        let bib = "@misc{a, author = {Wang, Mingze and Wu, Lei}, title = {A}, year = 2020}\n\
                   @misc{b, author = {Mingze Wang and L. Wu}, title = {B}, year = 2021}\n\
                   @misc{c, author = {Wang, Mingze and Wu, Lin}, title = {C}, year = 2021}";
        let lib = Library::from_text(
            Path::new("s.bib"),
            bib.into(),
            LoadOptions {
                owner: Some("Mingze Wang".into()),
                ..Default::default()
            },
        );
        let pubs: Vec<&Publication> = lib.publications().iter().collect();
        let stats = compute(&pubs);
        assert_eq!(stats.first_author, 3);
        assert_eq!(stats.by_year, [(2021, 2), (2020, 1)]);
        let names: Vec<(&str, usize)> = stats
            .coauthors
            .iter()
            .map(|c| (c.name.as_str(), c.papers))
            .collect();
        assert_eq!(names, [("Lei Wu", 2), ("Lin Wu", 1)]);
        assert_eq!(stats.coauthors[0].also_written, ["L. Wu"]);
    }

    #[test]
    fn others_is_no_coauthor() {
        let bib = "@misc{a, author = {Wu, Lei and others}, title = {A}, year = 2020}";
        let lib = Library::from_text(Path::new("s.bib"), bib.into(), LoadOptions::default());
        let pubs: Vec<&Publication> = lib.publications().iter().collect();
        let names: Vec<String> = compute(&pubs)
            .coauthors
            .into_iter()
            .map(|c| c.name)
            .collect();
        assert_eq!(names, ["Lei Wu"]);
    }

    #[test]
    fn a_writing_met_again_counts_for_the_person_it_joined() {
        // "L. Wu" joins the first Wu, L. met; "Lin Wu" does not match
        // "Lei Wu", so it is a person of its own; every writing seen again
        // counts for the person it joined the first time.
        let bib = "@misc{a, author = {L. Wu and Wu, Lei}, title = {A}, year = 2020}\n\
                   @misc{b, author = {Wu, Lin and L. Wu}, title = {B}, year = 2021}\n\
                   @misc{c, author = {L. Wu and Lei Wu and Lin Wu}, title = {C}, year = 2022}";
        let lib = Library::from_text(Path::new("s.bib"), bib.into(), LoadOptions::default());
        let pubs: Vec<&Publication> = lib.publications().iter().collect();
        let stats = compute(&pubs);
        let coauthors: Vec<(&str, usize, Vec<&str>)> = stats
            .coauthors
            .iter()
            .map(|c| {
                let also = c.also_written.iter().map(String::as_str).collect();
                (c.name.as_str(), c.papers, also)
            })
            .collect();
        assert_eq!(
            coauthors,
            [("Lei Wu", 5, vec!["L. Wu"]), ("Lin Wu", 2, vec![])]
        );
    }
}
