//! "Did you mean" suggestions for venue strings the registry does not know.
//!
//! Every alias is a bag of stems (see [`super::fold`]). A query is scored
//! against the aliases that share a stem with it, weighting each stem by how
//! rare it is among venues (inverse document frequency): "representations"
//! says more than "conference". Query words the registry has never seen
//! weigh the most, so "Machine Learning and Applications (ICMLA)" is not
//! "International Conference on Machine Learning". Misspelled words are
//! matched to the nearest known word within one or two edits.

use std::collections::{HashMap, HashSet};

use super::fold::{raw_words, stem, stem_table_words};
use crate::normalize::registry::VenueDef;

/// The smallest score a suggestion needs.
const THRESHOLD: f64 = 0.7;

/// Inverted index over the registry's aliases.
#[derive(Debug, Clone, Default)]
pub(super) struct NearestIndex {
    /// Each alias as its distinct stems, with the definition it names.
    aliases: Vec<(Vec<String>, usize)>,
    /// Stem → aliases containing it.
    by_stem: HashMap<String, Vec<usize>>,
    /// Definition → its aliases.
    by_def: Vec<Vec<usize>>,
    /// Stem → weight (rarer among venues = heavier).
    weight: HashMap<String, f64>,
    /// Known full words (lower case) with their stems, by first letter, for
    /// misspellings (a typo rarely hits the first letter).
    vocabulary: HashMap<char, Vec<(String, String)>>,
    /// The weight of a word no venue uses.
    unknown_weight: f64,
}

impl NearestIndex {
    /// Indexes every spelling of every definition.
    pub(super) fn build(defs: &[VenueDef]) -> NearestIndex {
        let mut index = NearestIndex::default();
        let mut defs_with: HashMap<String, HashSet<usize>> = HashMap::new();
        let mut vocabulary: HashMap<String, String> = stem_table_words()
            .map(|(w, s)| (w.to_string(), s.to_string()))
            .collect();
        index.by_def = vec![Vec::new(); defs.len()];
        for (i, def) in defs.iter().enumerate() {
            for spelling in def.spellings() {
                let mut stems: Vec<String> = Vec::new();
                for word in raw_words(spelling) {
                    let Some(s) = stem(&word) else { continue };
                    let s = s.to_string();
                    vocabulary.entry(word.clone()).or_insert(s.clone());
                    defs_with.entry(s.clone()).or_default().insert(i);
                    if !stems.contains(&s) {
                        stems.push(s);
                    }
                }
                if stems.is_empty() {
                    continue;
                }
                let id = index.aliases.len();
                index.by_def[i].push(id);
                for s in &stems {
                    index.by_stem.entry(s.clone()).or_default().push(id);
                }
                index.aliases.push((stems, i));
            }
        }
        for (word, s) in vocabulary {
            if let Some(first) = word.chars().next() {
                index.vocabulary.entry(first).or_default().push((word, s));
            }
        }
        for bucket in index.vocabulary.values_mut() {
            bucket.sort_unstable();
        }
        let n = defs.len().max(1) as f64;
        for (s, with) in defs_with {
            index.weight.insert(s, (1.0 + n / with.len() as f64).ln());
        }
        index.unknown_weight = (1.0 + 2.0 * n).ln();
        index
    }

    /// The definition (index) nearest to `text`, if any is near enough.
    pub(super) fn nearest(&self, text: &str) -> Option<usize> {
        let query = self.query_stems(text, true);
        let total: f64 = query.iter().map(|q| q.weight).sum();
        if total == 0.0 {
            return None;
        }
        let mut candidates: Vec<usize> = query
            .iter()
            .filter_map(|q| q.known.as_ref())
            .filter_map(|(s, _)| self.by_stem.get(s))
            .flatten()
            .copied()
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        let mut best: Option<(f64, usize)> = None;
        for id in candidates {
            let (stems, def) = &self.aliases[id];
            let score = self.score(&query, total, stems);
            if best.is_none_or(|(b, d)| score > b + 1e-9 || (score > b - 1e-9 && *def < d)) {
                best = Some((score, *def));
            }
        }
        best.filter(|(score, _)| *score >= THRESHOLD)
            .map(|(_, def)| def)
    }

    /// How well `text` agrees with definition `def`: its best score against
    /// the definition's spellings, from 0 to 1.
    pub(super) fn agreement(&self, text: &str, def: usize) -> f64 {
        let query = self.query_stems(text, false);
        let total: f64 = query.iter().map(|q| q.weight).sum();
        if total == 0.0 {
            return 1.0;
        }
        self.by_def
            .get(def)
            .into_iter()
            .flatten()
            .map(|&id| self.score(&query, total, &self.aliases[id].0))
            .fold(0.0, f64::max)
    }

    /// Matched weight over the query's weight plus half of what the alias
    /// has and the query lacks.
    fn score(&self, query: &[QueryStem], total: f64, alias: &[String]) -> f64 {
        let mut matched = 0.0;
        let mut used = Vec::new();
        for q in query {
            if let Some((s, similarity)) = &q.known
                && alias.contains(s)
            {
                matched += q.weight * similarity;
                used.push(s.as_str());
            }
        }
        let missing: f64 = alias
            .iter()
            .filter(|s| !used.contains(&s.as_str()))
            .map(|s| self.weight_of(s))
            .sum();
        matched / (total + 0.5 * missing)
    }

    fn weight_of(&self, s: &str) -> f64 {
        self.weight.get(s).copied().unwrap_or(self.unknown_weight)
    }

    /// The query's distinct stems; with `fuzzy`, misspellings mapped to
    /// known words.
    fn query_stems(&self, text: &str, fuzzy: bool) -> Vec<QueryStem> {
        let mut out: Vec<QueryStem> = Vec::new();
        for word in raw_words(text) {
            let Some(s) = stem(&word) else { continue };
            let known = if self.weight.contains_key(s) {
                Some((s.to_string(), 1.0))
            } else if fuzzy {
                self.misspelled(&word)
            } else {
                None
            };
            let key = known.as_ref().map_or(s, |(k, _)| k.as_str()).to_string();
            if out.iter().any(|q| q.key == key) {
                continue;
            }
            let weight = known
                .as_ref()
                .map_or(self.unknown_weight, |(k, _)| self.weight_of(k));
            out.push(QueryStem { key, known, weight });
        }
        out
    }

    /// The stem of the known word nearest to `word`, with a similarity:
    /// 0.9 for a swap of two letters, 0.8 for one edit, 0.6 for two.
    fn misspelled(&self, word: &str) -> Option<(String, f64)> {
        let len = word.chars().count();
        if len < 4 {
            return None;
        }
        let limit = if len >= 8 { 2 } else { 1 };
        let bucket = self.vocabulary.get(&word.chars().next()?)?;
        bucket
            .iter()
            .filter(|(known, s)| {
                known.len().abs_diff(word.len()) <= limit && self.weight.contains_key(s.as_str())
            })
            .filter_map(|(known, s)| {
                let (edits, swap) = edit_distance(word, known);
                (edits <= limit).then(|| {
                    let similarity: f64 = match (edits, swap) {
                        (1, true) => 0.9,
                        (1, false) => 0.8,
                        _ => 0.6,
                    };
                    (similarity, known, s)
                })
            })
            .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
            .map(|(similarity, _, s)| (s.clone(), similarity))
    }
}

/// One query word as scored.
struct QueryStem {
    /// Its stem (or the stem of the word it misspells).
    key: String,
    /// The known stem and how similar the word is to it.
    known: Option<(String, f64)>,
    /// How much it counts.
    weight: f64,
}

/// Optimal string alignment distance, and whether the words differ by one
/// swap of two adjacent letters.
fn edit_distance(a: &str, b: &str) -> (usize, bool) {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d: Vec<Vec<usize>> = (0..=a.len())
        .map(|i| (0..=b.len()).map(|j| if i == 0 { j } else { i }).collect())
        .collect();
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = best;
        }
    }
    let differing: Vec<usize> = (0..a.len().min(b.len()))
        .filter(|&i| a[i] != b[i])
        .collect();
    let swap = a.len() == b.len()
        && matches!(differing.as_slice(), [i, j] if *j == i + 1 && a[*i] == b[*j] && a[*j] == b[*i]);
    (d[a.len()][b.len()], swap)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distances() {
        assert_eq!(edit_distance("iclm", "icml"), (1, true));
        assert_eq!(edit_distance("iclm", "iclr"), (1, false));
        assert_eq!(edit_distance("internatinal", "international").0, 1);
        assert_eq!(edit_distance("same", "same"), (0, false));
    }
}
