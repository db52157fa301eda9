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
use std::sync::{Mutex, PoisonError};

use super::fold::{FastMap, raw_words, stem, stem_table_words};
use crate::normalize::registry::VenueDef;

/// The smallest score a suggestion needs.
const THRESHOLD: f64 = 0.7;

/// Inverted index over the registry's aliases.
#[derive(Debug, Clone, Default)]
pub(super) struct NearestIndex {
    /// Every spelling of every definition.
    aliases: Vec<Alias>,
    /// Stem → aliases containing it.
    by_stem: FastMap<String, Vec<usize>>,
    /// Definition → its aliases.
    by_def: Vec<Vec<usize>>,
    /// Stem → weight (rarer among venues = heavier).
    weight: FastMap<String, f64>,
    /// Stem → a number of its own: every stem with a weight has one, so
    /// scoring compares numbers, not strings.
    ids: FastMap<String, u32>,
    /// Known full words (lower case) with their stems, by first letter, for
    /// misspellings (a typo rarely hits the first letter); only words whose
    /// stem has a weight.
    vocabulary: HashMap<char, Vec<(String, String)>>,
    /// The weight of a word no venue uses.
    unknown_weight: f64,
    /// Words [`NearestIndex::misspelled`] already looked up: unknown venue
    /// names share their words, and the search scans a whole bucket.
    misspellings: Memo,
}

/// Word → what [`NearestIndex::misspelled`] found for it.
#[derive(Default)]
struct Memo(Mutex<FastMap<String, Option<(String, f64)>>>);

impl Memo {
    /// Words kept before the memo starts over: a bound on its memory.
    const CAPACITY: usize = 1 << 16;

    fn get(&self, word: &str) -> Option<Option<(String, f64)>> {
        self.lock().get(word).cloned()
    }

    fn insert(&self, word: &str, found: Option<(String, f64)>) {
        let mut memo = self.lock();
        if memo.len() >= Self::CAPACITY {
            memo.clear();
        }
        memo.insert(word.to_string(), found);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, FastMap<String, Option<(String, f64)>>> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// A copy starts with an empty memo: it only remembers work.
impl Clone for Memo {
    fn clone(&self) -> Memo {
        Memo::default()
    }
}

impl std::fmt::Debug for Memo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Memo")
    }
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
                index.aliases.push(Alias {
                    stems,
                    ids: Vec::new(),
                    weights: Vec::new(),
                    def: i,
                });
            }
        }
        let n = defs.len().max(1) as f64;
        for (s, with) in defs_with {
            index.weight.insert(s, (1.0 + n / with.len() as f64).ln());
        }
        // Only words whose stem some venue uses can be suggested; the rest
        // would only be compared and dropped, for every misspelled word.
        for (word, s) in vocabulary {
            if let Some(first) = word.chars().next()
                && index.weight.contains_key(&s)
            {
                index.vocabulary.entry(first).or_default().push((word, s));
            }
        }
        for bucket in index.vocabulary.values_mut() {
            bucket.sort_unstable();
        }
        index.unknown_weight = (1.0 + 2.0 * n).ln();
        index.ids = (index.weight.keys())
            .enumerate()
            .map(|(id, s)| (s.clone(), id as u32))
            .collect();
        // Looked up once here, not for every alias scored.
        let (weight, ids, unknown) = (&index.weight, &index.ids, index.unknown_weight);
        for alias in &mut index.aliases {
            alias.weights = alias
                .stems
                .iter()
                .map(|s| weight.get(s).copied().unwrap_or(unknown))
                .collect();
            // Every alias stem has a weight (`defs_with` saw it), so an id;
            // one without would match no query stem.
            alias.ids = alias
                .stems
                .iter()
                .map(|s| ids.get(s).copied().unwrap_or(u32::MAX))
                .collect();
        }
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
        // Spelled right, the query is another venue unless it is a known
        // name cut short ("Conference on Neural Information Processing"):
        // "SIAM Journal on Computing" is not "SIAM Journal on Scientific
        // Computing", nor "Science Robotics" "Robotics: Science and Systems".
        let exact = query
            .iter()
            .all(|q| q.id.is_some() && q.known.as_ref().is_some_and(|(_, sim)| *sim >= 1.0));
        let mut best: Option<(f64, usize)> = None;
        for id in candidates {
            if exact && !self.cut_short_or_reordered(id, &query) {
                continue;
            }
            let def = &self.aliases[id].def;
            let score = self.score(&query, total, id);
            if best.is_none_or(|(b, d)| score > b + 1e-9 || (score > b - 1e-9 && *def < d)) {
                best = Some((score, *def));
            }
        }
        best.filter(|(score, _)| *score >= THRESHOLD)
            .map(|(_, def)| def)
    }

    /// Whether alias `id` holds the query's stems in a row ("Conference on
    /// Neural Information Processing", "Machine Learning Research": a name
    /// cut short), or the same stems in another order ("Pattern Analysis
    /// and Machine Intelligence, IEEE Transactions on", as IEEE Xplore
    /// writes its titles).
    fn cut_short_or_reordered(&self, id: usize, query: &[QueryStem]) -> bool {
        let alias = &self.aliases[id].ids;
        let in_a_row = query.len() <= alias.len()
            && alias
                .windows(query.len())
                .any(|w| w.iter().zip(query).all(|(a, q)| q.id == Some(*a)));
        let reordered = || {
            let mut a = alias.clone();
            let mut q: Vec<u32> = query.iter().filter_map(|q| q.id).collect();
            a.sort_unstable();
            q.sort_unstable();
            a == q
        };
        in_a_row || reordered()
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
            .map(|&id| self.score(&query, total, id))
            .fold(0.0, f64::max)
    }

    /// Matched weight over the query's weight plus half of what alias `id`
    /// has and the query lacks. This runs for every candidate alias of
    /// every unknown venue: nothing is allocated, and the alias's weights
    /// were looked up when indexing.
    fn score(&self, query: &[QueryStem], total: f64, id: usize) -> f64 {
        let Alias {
            ids: alias,
            weights,
            ..
        } = &self.aliases[id];
        let mut matched = 0.0;
        for q in query {
            if let (Some(id), Some((_, similarity))) = (q.id, &q.known)
                && alias.contains(&id)
            {
                matched += q.weight * similarity;
            }
        }
        // The alias's stems are distinct, so a stem is missing when no
        // query word names it: summed without marking them in a vector.
        let missing: f64 = alias
            .iter()
            .zip(weights)
            .filter(|(a, _)| !query.iter().any(|q| q.id == Some(**a)))
            .map(|(_, w)| w)
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
            let id = known.as_ref().and_then(|(k, _)| self.ids.get(k).copied());
            out.push(QueryStem {
                key,
                known,
                id,
                weight,
            });
        }
        out
    }

    /// The stem of the known word nearest to `word`, with a similarity:
    /// 0.9 for a swap of two letters, 0.8 for one edit, 0.6 for two.
    fn misspelled(&self, word: &str) -> Option<(String, f64)> {
        if word.len() < 4 {
            return None; // fewer than 4 bytes: fewer than 4 characters
        }
        if let Some(found) = self.misspellings.get(word) {
            return found;
        }
        let found = self.search_misspelled(word);
        self.misspellings.insert(word, found.clone());
        found
    }

    /// [`NearestIndex::misspelled`], searched.
    fn search_misspelled(&self, word: &str) -> Option<(String, f64)> {
        let len = word.chars().count();
        if len < 4 {
            return None;
        }
        let limit = if len >= 8 { 2 } else { 1 };
        let bucket = self.vocabulary.get(&word.chars().next()?)?;
        bucket
            .iter()
            .filter(|(known, _)| known.len().abs_diff(word.len()) <= limit)
            .filter_map(|(known, s)| {
                let (edits, swap) = edit_distance(word, known, limit)?;
                Some({
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

/// One spelling of a definition, as [`NearestIndex::score`] reads it.
#[derive(Debug, Clone)]
struct Alias {
    /// Its distinct stems.
    stems: Vec<String>,
    /// Their ids, in the same order.
    ids: Vec<u32>,
    /// The weight of each stem.
    weights: Vec<f64>,
    /// The definition it names.
    def: usize,
}

/// One query word as scored.
struct QueryStem {
    /// Its stem (or the stem of the word it misspells).
    key: String,
    /// The known stem and how similar the word is to it.
    known: Option<(String, f64)>,
    /// The known stem's id.
    id: Option<u32>,
    /// How much it counts.
    weight: f64,
}

/// Optimal string alignment distance, if it is at most `limit`, and
/// whether the words differ by one swap of two adjacent letters.
fn edit_distance(a: &str, b: &str, limit: usize) -> Option<(usize, bool)> {
    if a.is_ascii() && b.is_ascii() {
        return alignment(a.as_bytes(), b.as_bytes(), limit);
    }
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    alignment(&a, &b, limit)
}

/// [`edit_distance`] over letters. Every word of the vocabulary is compared
/// with each misspelled word, so this keeps three rows of the table (on the
/// stack for words up to 64 letters) and stops once two rows in a row
/// exceed `limit`: a cell's value is at least the smaller of the two rows
/// above it, so no later row can come back under.
fn alignment<T: PartialEq + Copy>(a: &[T], b: &[T], limit: usize) -> Option<(usize, bool)> {
    const STACK: usize = 65;
    let width = b.len() + 1;
    let mut stack = [0usize; 3 * STACK];
    let mut heap = Vec::new();
    let cells: &mut [usize] = if width <= STACK {
        &mut stack[..3 * width]
    } else {
        heap.resize(3 * width, 0);
        &mut heap
    };
    let (older, rest) = cells.split_at_mut(width);
    let (mut above, mut row) = rest.split_at_mut(width);
    let mut older = older;
    for (j, cell) in above.iter_mut().enumerate() {
        *cell = j;
    }
    // Row 0 holds 0, never over.
    let mut above_over = false;
    for i in 1..=a.len() {
        row[0] = i;
        let mut smallest = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (above[j] + 1).min(row[j - 1] + 1).min(above[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(older[j - 2] + 1);
            }
            row[j] = best;
            smallest = smallest.min(best);
        }
        let over = smallest > limit;
        if over && above_over {
            return None;
        }
        above_over = over;
        // Rotate: the row above becomes the older one, this row the one above.
        std::mem::swap(&mut older, &mut above);
        std::mem::swap(&mut above, &mut row);
    }
    let distance = above[b.len()];
    if distance > limit {
        return None;
    }
    let mut differing = (0..a.len().min(b.len())).filter(|&i| a[i] != b[i]);
    let swap = a.len() == b.len()
        && match (differing.next(), differing.next(), differing.next()) {
            (Some(i), Some(j), None) => j == i + 1 && a[i] == b[j] && a[j] == b[i],
            _ => false,
        };
    Some((distance, swap))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distances() {
        assert_eq!(edit_distance("iclm", "icml", 2), Some((1, true)));
        assert_eq!(edit_distance("iclm", "iclr", 2), Some((1, false)));
        assert_eq!(
            edit_distance("internatinal", "international", 1),
            Some((1, false))
        );
        assert_eq!(edit_distance("same", "same", 0), Some((0, false)));
        assert_eq!(edit_distance("same", "sane", 0), None);
        assert_eq!(
            edit_distance("conference", "confrence", 1),
            Some((1, false))
        );
        assert_eq!(edit_distance("conference", "journal", 2), None);
        assert_eq!(edit_distance("größe", "grösse", 2), Some((2, false)));
    }

    /// The whole table, as the textbook writes it: what [`alignment`] must
    /// agree with wherever the distance is within its limit.
    fn full_distance(a: &str, b: &str) -> usize {
        let a: Vec<char> = a.chars().collect();
        let b: Vec<char> = b.chars().collect();
        let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
        for (i, row) in d.iter_mut().enumerate() {
            row[0] = i;
        }
        for (j, cell) in d[0].iter_mut().enumerate() {
            *cell = j;
        }
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
        d[a.len()][b.len()]
    }

    proptest::proptest! {
        #[test]
        fn bounded_distance_is_the_full_one(a in "[abcé]{0,9}", b in "[abcé]{0,9}", limit in 0usize..4) {
            let full = full_distance(&a, &b);
            let bounded = edit_distance(&a, &b, limit).map(|(d, _)| d);
            proptest::prop_assert_eq!(bounded, (full <= limit).then_some(full));
        }
    }
}
