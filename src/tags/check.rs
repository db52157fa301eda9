//! Checking a statement's tags against a library: numbers that cite no
//! paper, papers cited under a topic their keywords do not match, parent
//! topics citing what no sub-topic cites, and papers a topic or the whole
//! statement leaves out.
//!
//! A place (a topic's clause) matches a paper when one of the paper's
//! keywords has all its words among the words of the topic's label, the
//! clause and its lead-in ([`WordBag::covers`]: case, hyphens, plurals and
//! word endings ignored), or when the label's words all occur in one
//! keyword (the way `list --topic LABEL` matches). A [`TopicMap`] adds
//! synonyms: keywords for a label.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::ops::Range;

use serde::{Deserialize, Serialize};

use super::Statement;
use crate::error::{Diagnostic, Location, Severity};
use crate::library::Library;
use crate::model::Publication;
use crate::normalize::{Keyword, WordBag};
use crate::source::floor_char_boundary;

/// What a finding is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FindingKind {
    /// A tag that cannot be read, such as the range `[5-3]` (error).
    InvalidTag,
    /// No paper has the number (error).
    UnknownTag,
    /// The paper's keywords do not match the topic or clause (warning).
    OffTopic,
    /// A parent topic cites a paper none of its sub-topics cites (warning).
    Uncovered,
    /// A paper matches a topic that does not cite it (info).
    Missing,
    /// A paper is cited nowhere (info).
    Uncited,
    /// Cited papers without keywords, whose topics cannot be checked (info).
    NoKeywords,
}

impl FindingKind {
    /// The kebab-case name, as in JSON.
    pub fn code(self) -> &'static str {
        match self {
            FindingKind::InvalidTag => "invalid-tag",
            FindingKind::UnknownTag => "unknown-tag",
            FindingKind::OffTopic => "off-topic",
            FindingKind::Uncovered => "uncovered",
            FindingKind::Missing => "missing",
            FindingKind::Uncited => "uncited",
            FindingKind::NoKeywords => "no-keywords",
        }
    }

    /// How bad it is: errors fail `tags`, warnings fail `tags --strict`.
    pub fn severity(self) -> Severity {
        match self {
            FindingKind::InvalidTag | FindingKind::UnknownTag => Severity::Error,
            FindingKind::OffTopic | FindingKind::Uncovered => Severity::Warning,
            FindingKind::Missing | FindingKind::Uncited | FindingKind::NoKeywords => Severity::Info,
        }
    }
}

/// A paper as findings name it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PaperRef {
    /// CV number.
    pub number: usize,
    /// Citation key.
    pub key: String,
    /// The title, cut to a few words.
    pub title: String,
}

impl PaperRef {
    fn of(p: &Publication) -> PaperRef {
        PaperRef {
            number: p.number,
            key: p.key.clone(),
            title: short_title(&p.title),
        }
    }
}

/// One finding about a statement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// What it is about.
    pub kind: FindingKind,
    /// How bad it is.
    pub severity: Severity,
    /// 1-based line, when the finding has a place in the statement.
    pub line: Option<usize>,
    /// 1-based column in characters.
    pub column: Option<usize>,
    /// The tag as written (`[9]`), when about a tag.
    pub tag: Option<String>,
    /// The paper it is about.
    pub paper: Option<PaperRef>,
    /// The topic (and clause) it is about.
    pub topic: Option<String>,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub hint: Option<String>,
    /// Where else to look.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Bytes in the statement.
    #[serde(skip)]
    pub span: Option<Range<usize>>,
}

impl Finding {
    /// The finding as a diagnostic for the human and short renderers.
    pub fn to_diagnostic(&self, statement: &Statement) -> Diagnostic {
        let mut d = Diagnostic::new(self.severity, self.kind.code(), self.message.clone());
        if let Some(span) = &self.span {
            d = d.at(Location::at(&statement.source, span.start, span.len()));
        }
        if let Some(note) = &self.note {
            d = d.note(note.clone());
        }
        if let Some(hint) = &self.hint {
            d = d.hint(hint.clone());
        }
        d
    }
}

/// A tag as the JSON output lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TagInfo {
    /// 1-based line of the `[`.
    pub line: usize,
    /// 1-based column of the `[`, in characters.
    pub column: usize,
    /// The tag as written.
    pub text: String,
    /// The numbers it cites, ranges expanded.
    pub numbers: Vec<usize>,
    /// The label of its topic.
    pub topic: Option<String>,
    /// Labels from the outermost topic down to its own.
    pub path: Vec<String>,
    /// The sub-label of its clause.
    pub clause: Option<String>,
    /// The heading of its section.
    pub section: Option<String>,
}

/// Counts for the summary line.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Tags found.
    pub tags: usize,
    /// Distinct papers cited (known numbers only).
    pub papers_cited: usize,
    /// Papers in the library.
    pub papers: usize,
    /// The first line holding a tag.
    pub first_line: Option<usize>,
    /// The last line holding a tag.
    pub last_line: Option<usize>,
    /// Findings by severity.
    pub errors: usize,
    /// Warnings.
    pub warnings: usize,
    /// Infos.
    pub infos: usize,
}

/// Everything `publist tags` reports.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// The statement's path.
    pub file: String,
    /// Every tag found.
    pub tags: Vec<TagInfo>,
    /// Every finding, in text order (findings without a place last).
    pub findings: Vec<Finding>,
    /// Counts.
    pub summary: Summary,
}

/// Synonyms: for a topic label (matched by its words, in order, anywhere in
/// a topic or clause), keywords that count as matching it. Read from a
/// JSON object such as `{"Implicit Bias": ["flat-minima", "max-margin"]}`.
#[derive(Debug, Clone, Default)]
pub struct TopicMap {
    entries: Vec<(String, Vec<String>)>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Keywords {
    List(Vec<String>),
    Text(String),
}

impl TopicMap {
    /// Parses the JSON object; a value is an array of keywords or one
    /// comma-separated string.
    ///
    /// ```
    /// use publist::tags::TopicMap;
    /// let map = TopicMap::from_json(r#"{"Implicit Bias": ["flat-minima", "max-margin"], "NLP": "nlp, text"}"#).unwrap();
    /// assert_eq!(map.len(), 2);
    /// assert!(TopicMap::from_json(r#"{"A": 3}"#).is_err());
    /// ```
    pub fn from_json(text: &str) -> Result<TopicMap, serde_json::Error> {
        let raw: BTreeMap<String, Keywords> = serde_json::from_str(text)?;
        let entries = raw
            .into_iter()
            .map(|(label, kw)| {
                let keywords = match kw {
                    Keywords::List(list) => list,
                    Keywords::Text(text) => text.split([',', ';']).map(str::to_string).collect(),
                };
                let keywords = keywords
                    .into_iter()
                    .map(|k| k.trim().to_string())
                    .filter(|k| !k.is_empty())
                    .collect();
                (label, keywords)
            })
            .collect();
        Ok(TopicMap { entries })
    }

    /// How many labels it maps.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether it maps no label.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Adds the keywords of every label found in `bag` to it.
    fn expand(&self, bag: &mut WordBag) {
        let found: Vec<&String> = self
            .entries
            .iter()
            .filter(|(label, _)| bag.has_phrase(label))
            .flat_map(|(_, keywords)| keywords)
            .collect();
        for keyword in found {
            bag.add(keyword);
        }
    }
}

/// Checks `statement` against `library`, with synonyms from `map`.
pub fn check(statement: &Statement, library: &Library, map: &TopicMap) -> Report {
    let checker = Checker::new(statement, library, map);
    let mut findings = checker.run();
    findings.sort_by_key(|f| {
        (
            f.span.as_ref().map_or(usize::MAX, |s| s.start),
            f.kind,
            f.paper.as_ref().map(|p| p.number),
        )
    });
    let tags = checker.tag_infos();
    let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
    let summary = Summary {
        tags: tags.len(),
        papers_cited: checker.cited_anywhere().len(),
        papers: library.len(),
        first_line: tags.first().map(|t| t.line),
        last_line: tags.last().map(|t| t.line),
        errors: count(Severity::Error),
        warnings: count(Severity::Warning),
        infos: count(Severity::Info),
    };
    Report {
        file: statement.source.path().display().to_string(),
        tags,
        findings,
        summary,
    }
}

/// Titles in findings are cut to this many characters.
const TITLE_CHARS: usize = 40;

/// At most this many papers are named in a hint.
const HINT_PAPERS: usize = 4;

/// "Loss Symmetry and Noise Equilibrium of…".
fn short_title(title: &str) -> String {
    if title.chars().count() <= TITLE_CHARS {
        return title.to_string();
    }
    let cut: String = title.chars().take(TITLE_CHARS).collect();
    let at = cut.rfind(' ').unwrap_or(cut.len());
    format!("{}…", cut[..at].trim_end_matches([' ', ',', ':', ';']))
}

fn cite_text(p: &Publication) -> String {
    format!("[{}] “{}”", p.number, short_title(&p.title))
}

struct Checker<'a> {
    st: &'a Statement,
    lib: &'a Library,
    map: &'a TopicMap,
    /// For each tag, its topic and clause.
    places: Vec<Option<(usize, usize)>>,
    /// Per topic: label, the whole text.
    topic_bags: Vec<WordBag>,
    /// Per topic and clause: label, lead-in, clause.
    clause_bags: Vec<Vec<WordBag>>,
    /// Per topic: numbers it and its sub-topics cite.
    subtree: Vec<BTreeSet<usize>>,
    /// Per topic and clause: numbers cited.
    in_clause: Vec<Vec<BTreeSet<usize>>>,
    /// Whether each section holds a tag.
    checked_sections: Vec<bool>,
    /// Papers by number.
    by_number: HashMap<usize, &'a Publication>,
    /// Per paper number: its keywords, as indexes of `parsed`.
    keywords: HashMap<usize, Vec<usize>>,
    /// Each distinct keyword of the library parsed, and as a bag of words.
    parsed: Vec<(Keyword, WordBag)>,
    /// Per topic: the label parsed as a keyword.
    labels: Vec<Keyword>,
    /// Keyword term → numbers of the papers with such a keyword: a bag
    /// can only match papers found under one of its terms.
    index: HashMap<String, Vec<usize>>,
}

impl<'a> Checker<'a> {
    fn new(st: &'a Statement, lib: &'a Library, map: &'a TopicMap) -> Checker<'a> {
        let topics = &st.outline.topics;
        let places: Vec<_> = (0..st.tags.len()).map(|i| st.place_of(i)).collect();
        let bag = |parts: &[&str]| {
            let mut bag = WordBag::new(&parts.join(" \n "));
            map.expand(&mut bag);
            bag
        };
        let topic_bags = topics
            .iter()
            .map(|t| bag(&[&t.label, &st.plain[t.span.clone()]]))
            .collect();
        // A citation fits its place when it fits the clause, the topic's
        // label or the heading above ("### Optimization" over a paragraph).
        let clause_bags = topics
            .iter()
            .map(|t| {
                let heading = st.outline.sections[t.section].title.as_deref();
                t.clauses
                    .iter()
                    .map(|c| {
                        bag(&[
                            heading.unwrap_or_default(),
                            &t.label,
                            &st.plain[c.lead.clone()],
                            &st.plain[c.span.clone()],
                        ])
                    })
                    .collect()
            })
            .collect();
        let mut own = vec![BTreeSet::new(); topics.len()];
        let mut in_clause: Vec<Vec<BTreeSet<usize>>> = topics
            .iter()
            .map(|t| vec![BTreeSet::new(); t.clauses.len()])
            .collect();
        let mut checked_sections = vec![false; st.outline.sections.len()];
        for (tag, place) in st.tags.iter().zip(&places) {
            let sections = &st.outline.sections;
            if let Some(s) = sections
                .partition_point(|s| s.span.start <= tag.span.start)
                .checked_sub(1)
            {
                checked_sections[s] = true;
            }
            if let Some((t, c)) = *place {
                own[t].extend(tag.numbers());
                in_clause[t][c].extend(tag.numbers());
            }
        }
        let mut subtree = own.clone();
        for t in (0..topics.len()).rev() {
            if let Some(p) = topics[t].parent {
                let child = subtree[t].clone();
                subtree[p].extend(child);
            }
        }
        let by_number = lib.publications().iter().map(|p| (p.number, p)).collect();
        // A large library repeats a few hundred keywords over thousands of
        // papers: each distinct one is parsed once.
        let mut distinct: HashMap<&str, usize> = HashMap::new();
        let mut parsed: Vec<(Keyword, WordBag)> = Vec::new();
        let mut keywords: HashMap<usize, Vec<usize>> = HashMap::new();
        let mut index: HashMap<String, Vec<usize>> = HashMap::new();
        for p in lib.publications() {
            let mut own = Vec::with_capacity(p.keywords.len());
            for k in &p.keywords {
                let at = *distinct.entry(k.as_str()).or_insert_with(|| {
                    parsed.push((Keyword::new(k), WordBag::new(k)));
                    parsed.len() - 1
                });
                own.push(at);
                for term in parsed[at].0.terms() {
                    let entry = index.entry(term.to_string()).or_default();
                    if entry.last() != Some(&p.number) {
                        entry.push(p.number);
                    }
                }
            }
            keywords.insert(p.number, own);
        }
        let labels = topics.iter().map(|t| Keyword::new(&t.label)).collect();
        Checker {
            index,
            by_number,
            keywords,
            parsed,
            labels,
            st,
            lib,
            map,
            places,
            topic_bags,
            clause_bags,
            subtree,
            in_clause,
            checked_sections,
        }
    }

    fn run(&self) -> Vec<Finding> {
        let mut out = Vec::new();
        self.check_numbers(&mut out);
        self.check_off_topic(&mut out);
        self.check_uncovered(&mut out);
        self.check_missing(&mut out);
        self.check_uncited(&mut out);
        out
    }

    fn finding(&self, kind: FindingKind, message: String) -> Finding {
        Finding {
            kind,
            severity: kind.severity(),
            line: None,
            column: None,
            tag: None,
            paper: None,
            topic: None,
            message,
            hint: None,
            note: None,
            span: None,
        }
    }

    /// A finding placed at `span` of the statement.
    fn placed(&self, kind: FindingKind, span: Range<usize>, message: String) -> Finding {
        // Label positions come from the masked text: keep them on a
        // character of the original.
        let start = floor_char_boundary(self.st.text(), span.start);
        let span = start..span.end.max(start);
        let lc = self.st.line_col(span.start);
        Finding {
            line: Some(lc.line),
            column: Some(lc.column),
            span: Some(span),
            ..self.finding(kind, message)
        }
    }

    /// A finding about tag `index`.
    fn at_tag(&self, kind: FindingKind, index: usize, message: String) -> Finding {
        let tag = &self.st.tags[index];
        let lc = self.st.tag_positions[index];
        Finding {
            line: Some(lc.line),
            column: Some(lc.column),
            span: Some(tag.span.clone()),
            tag: Some(self.st.text()[tag.span.clone()].to_string()),
            topic: self.places[index].map(|(t, c)| self.place_name(t, c)),
            ..self.finding(kind, message)
        }
    }

    fn check_numbers(&self, out: &mut Vec<Finding>) {
        let count = self.lib.len();
        for (i, tag) in self.st.tags.iter().enumerate() {
            if let Some(problem) = &tag.problem {
                let mut f = self.at_tag(
                    FindingKind::InvalidTag,
                    i,
                    format!("`{}`: {problem}", &self.st.text()[tag.span.clone()]),
                );
                f.hint = Some("write ranges low to high, like [3-5]".to_string());
                out.push(f);
            }
            let mut seen = HashSet::new();
            for n in tag.numbers() {
                if !seen.insert(n) || self.paper(n).is_some() {
                    continue;
                }
                let mut f = self.at_tag(
                    FindingKind::UnknownTag,
                    i,
                    match count {
                        0 => format!("[{n}] cites no paper: the library is empty"),
                        1 => format!("[{n}] cites no paper: the library has only paper [1]"),
                        _ => {
                            format!("[{n}] cites no paper: the library's papers are [1]–[{count}]")
                        }
                    },
                );
                f.hint = Some(
                    "`publist list` shows the numbers; if the statement was written for an older library, run `publist tags FILE --renumber-from OLD.bib`"
                        .to_string(),
                );
                out.push(f);
            }
        }
    }

    /// How many of `p`'s keywords match `bag` (or contain all of `label`).
    fn score(&self, bag: &WordBag, topic: usize, p: &Publication) -> usize {
        let label = &self.labels[topic];
        self.keywords.get(&p.number).map_or(0, |kws| {
            kws.iter()
                .map(|&k| &self.parsed[k])
                .filter(|(k, k_bag)| bag.covers_keyword(k) || k_bag.covers_keyword(label))
                .count()
        })
    }

    /// The bag of words of `parts`, synonyms added.
    fn bag(&self, parts: &[&str]) -> WordBag {
        let mut bag = WordBag::new(&parts.join(" \n "));
        self.map.expand(&mut bag);
        bag
    }

    /// The papers that may match `bag`, in number order.
    fn candidates(&self, bag: &WordBag) -> Vec<&'a Publication> {
        let numbers: BTreeSet<usize> = bag
            .terms()
            .filter_map(|t| self.index.get(t))
            .flatten()
            .copied()
            .collect();
        numbers.into_iter().filter_map(|n| self.paper(n)).collect()
    }

    /// The paper numbered `n`.
    fn paper(&self, n: usize) -> Option<&'a Publication> {
        self.by_number.get(&n).copied()
    }

    /// Whether a sub-topic of `t` cites `n` or matches `p`.
    fn fits_below(&self, t: usize, p: &Publication) -> bool {
        let topics = &self.st.outline.topics;
        let mut stack = topics[t].children.clone();
        while let Some(d) = stack.pop() {
            if self.subtree[d].contains(&p.number) || self.score(&self.topic_bags[d], d, p) > 0 {
                return true;
            }
            stack.extend(&topics[d].children);
        }
        false
    }

    /// "Expressivity", or "Implicit Bias › Flat-minima-bias" when the topic
    /// has several clauses.
    fn place_name(&self, t: usize, c: usize) -> String {
        let topic = &self.st.outline.topics[t];
        match &topic.clauses[c].sub_label {
            Some(sub) if topic.clauses.len() > 1 => {
                format!("{} › {}", topic.label, short_title(sub))
            }
            _ => topic.label.clone(),
        }
    }

    fn check_off_topic(&self, out: &mut Vec<Finding>) {
        let topics = &self.st.outline.topics;
        let mut seen = HashSet::new();
        let mut better_here: HashMap<(usize, usize), Vec<String>> = HashMap::new();
        for (i, tag) in self.st.tags.iter().enumerate() {
            let Some((t, c)) = self.places[i] else {
                continue;
            };
            let label = &topics[t].label;
            for n in tag.numbers() {
                let Some(p) = self.paper(n) else {
                    continue;
                };
                if p.keywords.is_empty()
                    || !seen.insert((t, c, n))
                    || self.score(&self.clause_bags[t][c], t, p) > 0
                    || (!topics[t].children.is_empty() && self.fits_below(t, p))
                {
                    continue;
                }
                let place = self.place_name(t, c);
                let mut f = self.at_tag(
                    FindingKind::OffTopic,
                    i,
                    format!(
                        "{} is cited for “{place}” but none of its keywords ({}) matches",
                        cite_text(p),
                        keyword_list(p)
                    ),
                );
                f.paper = Some(PaperRef::of(p));
                // The same for every paper off-topic here (they match nothing).
                let better = better_here.entry((t, c)).or_insert_with(|| {
                    let uncited = |q: &Publication| !self.in_clause[t][c].contains(&q.number);
                    let clause = &topics[t].clauses[c];
                    let narrow_bag = self.bag(&[label, &self.st.plain[clause.span.clone()]]);
                    let narrow = self.matching(&narrow_bag, t, uncited);
                    if narrow.is_empty() {
                        self.matching(&self.clause_bags[t][c], t, uncited)
                    } else {
                        narrow
                    }
                });
                let fix = format!(
                    "if [{n}] belongs here, give it a keyword from the topic or map “{label}” to its keywords in topics.json"
                );
                f.hint = Some(if better.is_empty() {
                    format!("every paper whose keywords match here is cited here; {fix}")
                } else {
                    format!(
                        "papers whose keywords match here: {}; {fix}",
                        better.join(", ")
                    )
                });
                out.push(f);
            }
        }
    }

    /// Papers passing `keep` that match `bag`, best first, as `[n] “title”`.
    fn matching(
        &self,
        bag: &WordBag,
        topic: usize,
        keep: impl Fn(&Publication) -> bool,
    ) -> Vec<String> {
        let mut scored: Vec<(usize, &Publication)> = self
            .candidates(bag)
            .into_iter()
            .filter(|q| keep(q))
            .map(|q| (self.score(bag, topic, q), q))
            .filter(|&(s, _)| s > 0)
            .collect();
        scored.sort_by_key(|&(s, q)| (std::cmp::Reverse(s), q.number));
        let mut names: Vec<String> = scored
            .iter()
            .take(HINT_PAPERS)
            .map(|(_, q)| cite_text(q))
            .collect();
        if scored.len() > HINT_PAPERS {
            names.push(format!("and {} more", scored.len() - HINT_PAPERS));
        }
        names
    }

    fn check_uncovered(&self, out: &mut Vec<Finding>) {
        let topics = &self.st.outline.topics;
        let mut seen = HashSet::new();
        for (i, tag) in self.st.tags.iter().enumerate() {
            let Some((t, _)) = self.places[i] else {
                continue;
            };
            let children = &topics[t].children;
            if children.is_empty() {
                continue;
            }
            for n in tag.numbers() {
                let Some(p) = self.paper(n) else {
                    continue;
                };
                if children.iter().any(|&ch| self.subtree[ch].contains(&n)) || !seen.insert((t, n))
                {
                    continue;
                }
                let mut f = self.at_tag(
                    FindingKind::Uncovered,
                    i,
                    format!(
                        "{} is cited for “{}” but under none of its sub-topics",
                        cite_text(p),
                        topics[t].label
                    ),
                );
                f.paper = Some(PaperRef::of(p));
                let fitting: Vec<String> = children
                    .iter()
                    .filter(|&&ch| self.score(&self.topic_bags[ch], ch, p) > 0)
                    .map(|&ch| {
                        let line = self.st.line_col(topics[ch].label_span.start).line;
                        format!("“{}” (line {line})", topics[ch].label)
                    })
                    .collect();
                f.hint = Some(if fitting.is_empty() {
                    format!("cite [{n}] in the sub-topic it belongs to, or add one for it")
                } else {
                    format!(
                        "its keywords match {}; cite [{n}] there",
                        fitting.join(", ")
                    )
                });
                out.push(f);
            }
        }
    }

    fn check_missing(&self, out: &mut Vec<Finding>) {
        for (t, topic) in self.st.outline.topics.iter().enumerate() {
            if !self.checked_sections[topic.section] {
                continue;
            }
            let mut label_bag = WordBag::new(&topic.label);
            self.map.expand(&mut label_bag);
            for p in self.candidates(&label_bag) {
                if self.subtree[t].contains(&p.number) || self.score(&label_bag, t, p) == 0 {
                    continue;
                }
                let span = topic.label_span.clone();
                let mut f = self.placed(
                    FindingKind::Missing,
                    span,
                    format!(
                        "{} matches “{}” but is not cited there",
                        cite_text(p),
                        topic.label
                    ),
                );
                f.paper = Some(PaperRef::of(p));
                f.topic = Some(topic.label.clone());
                f.hint = Some(format!(
                    "its keywords: {}; cite [{}] here if it belongs",
                    keyword_list(p),
                    p.number
                ));
                out.push(f);
            }
        }
    }

    /// Numbers of papers cited anywhere (known papers only).
    fn cited_anywhere(&self) -> BTreeSet<usize> {
        self.st
            .tags
            .iter()
            .flat_map(|t| t.numbers())
            .filter(|&n| self.paper(n).is_some())
            .collect()
    }

    fn check_uncited(&self, out: &mut Vec<Finding>) {
        if self.st.tags.is_empty() {
            return;
        }
        let cited = self.cited_anywhere();
        let topics = &self.st.outline.topics;
        let library = self.lib.source.path().display().to_string();
        // Paper number → the first topics its keywords match.
        let mut fitting: HashMap<usize, Vec<usize>> = HashMap::new();
        for (t, topic) in topics.iter().enumerate() {
            if !self.checked_sections[topic.section] {
                continue;
            }
            for p in self.candidates(&self.topic_bags[t]) {
                let list = fitting.entry(p.number).or_default();
                if list.len() < HINT_PAPERS
                    && !cited.contains(&p.number)
                    && self.score(&self.topic_bags[t], t, p) > 0
                {
                    list.push(t);
                }
            }
        }
        for (index, p) in self.lib.publications().iter().enumerate() {
            if cited.contains(&p.number) {
                continue;
            }
            let mut f = self.finding(
                FindingKind::Uncited,
                format!("{} is cited nowhere in the statement", cite_text(p)),
            );
            f.paper = Some(PaperRef::of(p));
            f.note = Some(format!("defined at {library}:{}", self.lib.line_of(index)));
            let fitting: Vec<String> = fitting
                .get(&p.number)
                .map_or(&[][..], Vec::as_slice)
                .iter()
                .map(|&t| {
                    let topic = &topics[t];
                    let line = self.st.line_col(topic.label_span.start).line;
                    format!("“{}” (line {line})", topic.label)
                })
                .collect();
            f.hint = Some(if p.keywords.is_empty() {
                "it has no keywords; add some to place it under a topic".to_string()
            } else if fitting.is_empty() {
                format!("its keywords: {}", keyword_list(p))
            } else {
                format!("its keywords match {}", fitting.join(", "))
            });
            out.push(f);
        }
        let bare: Vec<String> = cited
            .iter()
            .filter_map(|&n| self.paper(n))
            .filter(|p| p.keywords.is_empty())
            .map(|p| format!("[{}]", p.number))
            .collect();
        if !bare.is_empty() {
            let mut f = self.finding(
                FindingKind::NoKeywords,
                format!(
                    "{} cited {} no keywords, so {} topics were not checked: {}",
                    bare.len(),
                    if bare.len() == 1 {
                        "paper has"
                    } else {
                        "papers have"
                    },
                    if bare.len() == 1 { "its" } else { "their" },
                    bare.join(" ")
                ),
            );
            f.hint = Some(format!(
                "add `keywords = {{...}}` to their entries in {library}"
            ));
            out.push(f);
        }
    }

    fn tag_infos(&self) -> Vec<TagInfo> {
        let topics = &self.st.outline.topics;
        self.st
            .tags
            .iter()
            .zip(&self.places)
            .zip(&self.st.tag_positions)
            .map(|((tag, place), lc)| {
                let sections = &self.st.outline.sections;
                let section = sections
                    .partition_point(|s| s.span.start <= tag.span.start)
                    .checked_sub(1)
                    .and_then(|s| sections[s].title.clone());
                TagInfo {
                    line: lc.line,
                    column: lc.column,
                    text: self.st.text()[tag.span.clone()].to_string(),
                    numbers: tag.numbers(),
                    topic: place.map(|(t, _)| topics[t].label.clone()),
                    path: place.map_or(Vec::new(), |(t, _)| {
                        self.st.path_of(t).into_iter().map(str::to_string).collect()
                    }),
                    clause: place.and_then(|(t, c)| topics[t].clauses[c].sub_label.clone()),
                    section,
                }
            })
            .collect()
    }
}

/// "loss-symmetry, sgd-noise, …" (at most five).
fn keyword_list(p: &Publication) -> String {
    let mut list: Vec<&str> = p.keywords.iter().map(String::as_str).take(5).collect();
    if p.keywords.len() > 5 {
        list.push("…");
    }
    list.join(", ")
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::library::LoadOptions;

    /// Papers 1–4: flat minima, SGD noise, transformers, no keywords.
    fn library() -> Library {
        let bib = "@misc{d, title={D}, year=2023}\n\
                   @misc{c, title={Transformers}, year=2022, keywords={transformer, expressivity}}\n\
                   @misc{b, title={Noise}, year=2021, keywords={sgd-noise}}\n\
                   @misc{a, title={Flat}, year=2020, keywords={flat-minima, implicit-bias}}\n";
        Library::from_text(Path::new("x.bib"), bib.to_string(), LoadOptions::default())
    }

    fn kinds(text: &str, map: &TopicMap) -> Vec<(String, Option<usize>, Option<usize>)> {
        let st = Statement::parse("s.md", text.to_string());
        check(&st, &library(), map)
            .findings
            .into_iter()
            .map(|f| (f.kind.code().to_string(), f.line, f.paper.map(|p| p.number)))
            .collect()
    }

    fn owned(
        list: &[(&str, Option<usize>, Option<usize>)],
    ) -> Vec<(String, Option<usize>, Option<usize>)> {
        list.iter()
            .map(|&(k, l, n)| (k.to_string(), l, n))
            .collect()
    }

    #[test]
    fn parents_are_judged_by_their_sub_topics() {
        let text = "- Theory: everything [1][2][3]\n  - Flat minima: [1]\n  - Expressivity: [2]\n";
        assert_eq!(
            kinds(text, &TopicMap::default()),
            owned(&[
                // [3] fits the "Expressivity" sub-topic, so only uncovered.
                ("uncovered", Some(1), Some(3)),
                ("missing", Some(3), Some(3)),
                ("off-topic", Some(3), Some(2)),
                ("uncited", None, Some(4)),
            ])
        );
    }

    #[test]
    fn a_heading_is_part_of_the_place() {
        // [1] fits its paragraph by the heading above; [2] fits neither.
        let text =
            "## Flat minima\n\nWhere training ends [1] and [2].\n\n## Transformers\n\nDepth [3].\n";
        assert_eq!(
            kinds(text, &TopicMap::default()),
            owned(&[("off-topic", Some(3), Some(2)), ("uncited", None, Some(4)),])
        );
    }

    #[test]
    fn synonyms_make_a_label_match() {
        let text = "- Implicit bias: [1][2]\n- Expressivity: [3]\n- Notes: [4]\n";
        let plain = kinds(text, &TopicMap::default());
        assert_eq!(
            plain,
            owned(&[("off-topic", Some(1), Some(2)), ("no-keywords", None, None)])
        );
        let map = TopicMap::from_json(r#"{"implicit biases": ["sgd-noise"]}"#).unwrap();
        assert_eq!(kinds(text, &map), owned(&[("no-keywords", None, None)]));
    }

    #[test]
    fn uncited_and_unknown() {
        let text = "Flat minima [1] and [9].\n";
        assert_eq!(
            kinds(text, &TopicMap::default()),
            owned(&[
                ("unknown-tag", Some(1), None),
                ("uncited", None, Some(2)),
                ("uncited", None, Some(3)),
                ("uncited", None, Some(4)),
            ])
        );
        assert!(kinds("No tags at all.\n", &TopicMap::default()).is_empty());
    }

    #[test]
    fn titles_are_cut_at_a_word() {
        assert_eq!(
            short_title("Loss Symmetry and Noise Equilibrium of Stochastic Gradient Descent"),
            "Loss Symmetry and Noise Equilibrium of…"
        );
        assert_eq!(short_title("Short"), "Short");
    }
}
