//! A deterministic generator of realistic `.bib` libraries for the benchmark.
//!
//! The same entry count and seed always give the same bytes, so numbers from
//! different runs and machines describe the same input. Entries look like a
//! large machine-learning bibliography: `@string` macros joined with `#`,
//! LaTeX accents in names and titles, `author+an` equal-contribution marks,
//! arXiv `eprint`s, month macros, crossref-free venues that the registry
//! knows (several spellings each) and some it does not, years 1995–2025.
//! About 380 bytes per entry, like the 38 MB for 100k entries.

use std::io::{self, Write};

/// A small, fast, seedable PRNG (SplitMix64): no dependency, same stream on
/// every platform.
pub struct Rng(u64);

impl Rng {
    /// A generator seeded with `seed`.
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// True with probability `percent`/100.
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick(&mut self, items: &[&'static str]) -> &'static str {
        items[self.below(items.len())]
    }
}

/// The owner named in the generated library's `@comment`; the benchmark's
/// default `--author` query.
pub const OWNER: &str = "Knuth, Donald E.";

const GIVEN: &[&str] = &[
    "Lei",
    "Mingze",
    "Weinan",
    "Ruoxi",
    "Jinbo",
    "Zhanpeng",
    "Yuchen",
    "Wei",
    "Xin",
    "Jing",
    "Hao",
    "Yang",
    "Chen",
    "Anna",
    "Maria",
    "John",
    "David",
    "Michael",
    "Sarah",
    "Emily",
    "James",
    "Robert",
    "Laura",
    "Thomas",
    "Daniel",
    "Sophie",
    "Lukas",
    "Paul",
    "Elena",
    "Ivan",
    "Olga",
    "Dmitri",
    "Kenji",
    "Yuki",
    "Hiroshi",
    "Min-Jun",
    "Ji-woo",
    "Ahmed",
    "Fatima",
    "Omar",
    "Priya",
    "Arjun",
    "Rahul",
    "Ananya",
    "Carlos",
    "Luc{\\'\\i}a",
    "Jos{\\'e}",
    "Fran{\\c{c}}ois",
    "Ren{\\'e}",
    "J{\\\"o}rg",
    "Zo{\\\"e}",
    "{\\'E}mile",
    "Bj{\\o}rn",
    "S{\\o}ren",
    "Ma{\\l}gorzata",
    "Ji{\\v{r}}{\\'\\i}",
    "{\\AA}sa",
    "Nikolai",
    "Weijie J.",
    "Sanjeev",
    "Nathan",
    "Tengyu",
    "Percy",
    "Yoshua",
    "Geoffrey E.",
];

const FAMILY: &[&str] = &[
    "Wang",
    "Wu",
    "E",
    "Yu",
    "Li",
    "Zhang",
    "Liu",
    "Chen",
    "Yang",
    "Huang",
    "Zhao",
    "Zhou",
    "Xu",
    "Sun",
    "Ma",
    "Zhu",
    "Hu",
    "Guo",
    "He",
    "Lin",
    "Smith",
    "Johnson",
    "Williams",
    "Brown",
    "Jones",
    "Miller",
    "Davis",
    "Wilson",
    "Anderson",
    "Taylor",
    "Thomas",
    "Moore",
    "Martin",
    "Jackson",
    "White",
    "Harris",
    "Clark",
    "Lewis",
    "Walker",
    "Hall",
    "Young",
    "M{\\\"u}ller",
    "Schr{\\\"o}der",
    "Erd{\\H{o}}s",
    "Garc{\\'\\i}a",
    "Mart{\\'\\i}nez",
    "Nystr{\\\"o}m",
    "{\\v{S}}koda",
    "Dvo{\\v{r}}{\\'a}k",
    "Gr{\\o}nlund",
    "Ko{\\c{c}}",
    "{\\L}ukasiewicz",
    "Fran{\\c{c}}ois",
    "Tanaka",
    "Suzuki",
    "Kim",
    "Park",
    "Lee",
    "Singh",
    "Kumar",
    "Gupta",
    "Khan",
    "Ivanov",
    "Petrov",
    "Rossi",
    "Bianchi",
    "Dubois",
    "Lef{\\`e}vre",
    "Bengio",
    "Hinton",
    "Arora",
    "Srebro",
    "Ge",
    "Liang",
    "Su",
    "O'Brien",
    "Nguyen",
    "Tran",
];

/// Particles written before the family name (`von` parts).
const VON: &[&str] = &["van der", "de la", "von", "van", "de", "di", "du"];

const WORDS: &[&str] = &[
    "learning",
    "neural",
    "networks",
    "deep",
    "stochastic",
    "gradient",
    "descent",
    "implicit",
    "regularization",
    "generalization",
    "optimization",
    "convergence",
    "analysis",
    "theory",
    "transformers",
    "attention",
    "language",
    "models",
    "representation",
    "kernel",
    "methods",
    "sharpness",
    "minima",
    "flat",
    "training",
    "dynamics",
    "adaptive",
    "sparse",
    "robust",
    "adversarial",
    "examples",
    "bayesian",
    "inference",
    "variational",
    "diffusion",
    "graph",
    "reinforcement",
    "policy",
    "reward",
    "exploration",
    "bandits",
    "online",
    "regret",
    "bounds",
    "sample",
    "complexity",
    "approximation",
    "expressivity",
    "scaling",
    "laws",
    "efficient",
    "fast",
    "provable",
    "towards",
    "understanding",
    "revisiting",
    "benchmark",
    "dataset",
    "vision",
    "image",
    "segmentation",
    "detection",
    "speech",
    "recognition",
    "translation",
    "retrieval",
    "contrastive",
    "self-supervised",
    "pretraining",
    "fine-tuning",
    "in-context",
    "emergence",
    "mechanisms",
    "induction",
    "heads",
    "mixture",
    "experts",
    "federated",
    "privacy",
    "differential",
    "causal",
    "discovery",
    "fairness",
    "uncertainty",
    "calibration",
    "estimation",
    "high-dimensional",
    "random",
    "features",
    "matrix",
    "completion",
    "low-rank",
    "tensor",
    "spectral",
    "clustering",
    "manifold",
    "embedding",
];

const ACRONYMS: &[&str] = &[
    "{SGD}",
    "{BERT}",
    "{GPT}",
    "{ReLU}",
    "{Adam}",
    "{PAC}",
    "{MCMC}",
    "{LoRA}",
    "{ViT}",
    "{ImageNet}",
    "{CIFAR}-10",
    "{Transformer}s",
    "{Schr{\\\"o}dinger}",
    "{Markov}",
];

const MATH: &[&str] = &[
    "$O(\\sqrt{n})$",
    "$\\ell_1$",
    "$k$",
    "$\\epsilon$-Greedy",
    "$L^2$",
    "$\\mathcal{O}(1/T)$",
];

const KEYWORDS: &[&str] = &[
    "deep-learning",
    "optimization",
    "implicit-bias",
    "transformer",
    "generalization",
    "sgd",
    "theory",
    "kernel-methods",
    "reinforcement-learning",
    "nlp",
    "vision",
    "statistics",
    "privacy",
    "fairness",
    "robustness",
    "graphs",
    "bayesian",
    "sparsity",
];

const MONTHS: &[&str] = &[
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

const MACROS: &[(&str, &str)] = &[
    (
        "neurips",
        "\"Advances in Neural Information Processing Systems\"",
    ),
    ("icml", "{International Conference on Machine Learning}"),
    (
        "iclr",
        "\"International Conference on Learning Representations\"",
    ),
    (
        "cvpr",
        "\"Proceedings of the {IEEE/CVF} Conference on Computer Vision and Pattern Recognition\"",
    ),
    ("jmlr", "\"Journal of Machine Learning Research\""),
    (
        "tpami",
        "{IEEE} # \" Transactions on Pattern Analysis and Machine Intelligence\"",
    ),
    ("aos", "{The Annals of Statistics}"),
    ("pmlr", "\"Proceedings of Machine Learning Research\""),
    ("springer", "{Springer}"),
    ("acm", "{Association for Computing Machinery}"),
];

/// Writes a library of `entries` entries generated from `seed`.
pub fn generate(entries: usize, seed: u64, out: &mut impl Write) -> io::Result<()> {
    let mut rng = Rng::new(seed);
    writeln!(
        out,
        "% A publist benchmark library: {entries} generated entries (seed {seed}).\n\
         % Written by `cargo bench --bench commands -- generate {entries} FILE`; the\n\
         % papers are not real. Newest first, as publication lists are kept.\n"
    )?;
    writeln!(out, "@comment{{publist: owner = {OWNER}}}\n")?;
    for (name, value) in MACROS {
        writeln!(out, "@string{{{name} = {value}}}")?;
    }
    writeln!(out)?;
    let mut entry = String::with_capacity(2048);
    for index in 0..entries {
        entry.clear();
        // Newest first: years fall as the file goes on, with jitter.
        let position = index * 31 / entries.max(1);
        let year = 2025 - position as i32 + rng.below(3) as i32 - 1;
        write_entry(&mut rng, index, year.clamp(1995, 2025), &mut entry);
        out.write_all(entry.as_bytes())?;
    }
    Ok(())
}

/// One entry: type, then fields in the order people write them.
fn write_entry(rng: &mut Rng, index: usize, year: i32, out: &mut String) {
    let roll = rng.below(100);
    let (ty, venue_fields) = match roll {
        0..=44 => ("inproceedings", conference(rng, year)),
        45..=69 => ("article", journal(rng, year)),
        70..=84 => preprint(rng, year),
        85..=89 => (
            "phdthesis",
            vec![(
                "school",
                format!(
                    "{{{}}}",
                    rng.pick(&[
                        "Peking University",
                        "Universit{\\'e} Paris-Saclay",
                        "ETH Z{\\\"u}rich",
                        "Stanford University"
                    ])
                ),
            )],
        ),
        90..=92 => (
            "techreport",
            vec![
                ("institution", "{Microsoft Research}".to_string()),
                (
                    "number",
                    format!("{{MSR-TR-{year}-{}}}", rng.below(90) + 10),
                ),
            ],
        ),
        93..=96 => ("book", vec![("publisher", "springer".to_string())]),
        _ => (
            "incollection",
            vec![
                (
                    "booktitle",
                    format!("{{Handbook of {}}}", title_case(rng.pick(WORDS))),
                ),
                ("publisher", "acm".to_string()),
            ],
        ),
    };
    let authors = author_list(rng);
    let first_family = authors[0].1;
    let key_word = rng.pick(WORDS).replace('-', "");
    let key = format!("{}{year}{key_word}{index}", ascii_key(first_family));
    let mut fields: Vec<(&str, String)> = Vec::with_capacity(16);
    let names: Vec<String> = authors.iter().map(|a| a.0.clone()).collect();
    let mut author_value = names.join(" and ");
    if authors.len() > 3 && rng.chance(3) {
        author_value.push_str(" and others");
    }
    fields.push(("author", format!("{{{author_value}}}")));
    if authors.len() >= 2 && rng.chance(15) {
        let n = if authors.len() >= 3 && rng.chance(30) {
            3
        } else {
            2
        };
        let marks: Vec<String> = (1..=n).map(|i| format!("{i}=equal")).collect();
        fields.push(("author+an", format!("{{{}}}", marks.join("; "))));
    }
    fields.push(("title", format!("{{{}}}", title(rng))));
    fields.extend(venue_fields);
    match rng.below(100) {
        0..=59 => fields.push(("year", format!("{{{year}}}"))),
        60..=94 => fields.push(("year", year.to_string())),
        _ => fields.push((
            "date",
            format!(
                "{{{year}-{:02}-{:02}}}",
                rng.below(12) + 1,
                rng.below(28) + 1
            ),
        )),
    }
    if rng.chance(30) {
        fields.push(("month", rng.pick(MONTHS).to_string()));
    }
    if ty != "book" && ty != "phdthesis" && rng.chance(60) {
        let first = rng.below(900) + 1;
        fields.push((
            "pages",
            format!("{{{first}--{}}}", first + rng.below(30) + 5),
        ));
    }
    if rng.chance(10) {
        fields.push(("pagetotal", format!("{{{}}}", rng.below(60) + 8)));
    }
    if rng.chance(50) {
        fields.push((
            "doi",
            format!(
                "{{10.{}/{}.{year}.{}}}",
                1000 + rng.below(9000),
                key_word,
                index
            ),
        ));
    }
    if rng.chance(20) {
        fields.push((
            "url",
            format!("{{https://example.org/papers/{year}/{key}.pdf}}"),
        ));
    }
    if rng.chance(3) {
        fields.push((
            "addendum",
            rng.pick(&[
                "{Spotlight}",
                "{Oral presentation}",
                "{Spotlight (Top 3.5\\%)}",
                "{Best Paper Award}",
            ])
            .to_string(),
        ));
    }
    if rng.chance(40) {
        let n = rng.below(5) + 2;
        let kws: Vec<&str> = (0..n).map(|_| rng.pick(KEYWORDS)).collect();
        fields.push(("keywords", format!("{{{}}}", kws.join(", "))));
    }
    if rng.chance(12) {
        fields.push(("abstract", format!("{{{}}}", abstract_text(rng))));
    }
    write_fields(out, ty, &key, &fields);
}

fn write_fields(out: &mut String, ty: &str, key: &str, fields: &[(&str, String)]) {
    use std::fmt::Write as _;
    let _ = writeln!(out, "@{ty}{{{key},");
    for (name, value) in fields {
        let _ = writeln!(out, "  {name:<10} = {value},");
    }
    out.push_str("}\n\n");
}

/// 1–9 authors as (name as written, family name as written); the owner in
/// about 5% of entries.
fn author_list(rng: &mut Rng) -> Vec<(String, &'static str)> {
    let count = match rng.below(100) {
        0..=9 => 1,
        10..=29 => 2,
        30..=54 => 3,
        55..=74 => 4,
        75..=89 => 5,
        _ => 6 + rng.below(4),
    };
    let mut authors: Vec<(String, &'static str)> = (0..count).map(|_| person(rng)).collect();
    if rng.chance(5) {
        let at = rng.below(count);
        authors[at] = (OWNER.to_string(), "Knuth");
    }
    if rng.chance(3) {
        let at = rng.below(count);
        authors[at].0.push('*');
    }
    authors
}

fn person(rng: &mut Rng) -> (String, &'static str) {
    let given = rng.pick(GIVEN);
    let family = rng.pick(FAMILY);
    let middle = if rng.chance(10) {
        format!(" {}.", (b'A' + rng.below(26) as u8) as char)
    } else {
        String::new()
    };
    let von = if rng.chance(4) {
        format!("{} ", rng.pick(VON))
    } else {
        String::new()
    };
    let name = if rng.chance(70) {
        format!("{von}{family}, {given}{middle}")
    } else {
        format!("{given}{middle} {von}{family}")
    };
    (name, family)
}

fn title(rng: &mut Rng) -> String {
    let n = rng.below(10) + 4;
    let mut words: Vec<String> = (0..n).map(|_| rng.pick(WORDS).to_string()).collect();
    if rng.chance(20) {
        let at = rng.below(words.len());
        words[at] = rng.pick(ACRONYMS).to_string();
    }
    if rng.chance(5) {
        let at = rng.below(words.len());
        words[at] = rng.pick(MATH).to_string();
    }
    let mut text = if rng.chance(60) {
        words
            .iter()
            .map(|w| title_case(w))
            .collect::<Vec<_>>()
            .join(" ")
    } else {
        let mut s = words.join(" ");
        if let Some(first) = s.get(..1) {
            s = first.to_uppercase() + &s[1..];
        }
        s
    };
    if rng.chance(15) {
        text = format!("{}: {}", title_case(rng.pick(WORDS)), text);
    }
    if rng.chance(3) {
        text.push_str(" --- A Case Study");
    }
    text
}

fn title_case(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(c) if c.is_ascii_lowercase() => c.to_ascii_uppercase().to_string() + chars.as_str(),
        _ => word.to_string(),
    }
}

fn abstract_text(rng: &mut Rng) -> String {
    let n = rng.below(36) + 15;
    let mut text: Vec<&str> = Vec::with_capacity(n + 4);
    for i in 0..n {
        text.push(rng.pick(WORDS));
        if i % 11 == 10 {
            text.push("and");
        }
    }
    let mut s = text.join(" ");
    s.push('.');
    title_case(&s)
}

/// `booktitle` (and sometimes `publisher`) of a conference paper, in one of
/// several spellings, known venues with their year or edition.
fn conference(rng: &mut Rng, year: i32) -> Vec<(&'static str, String)> {
    let ordinal = |n: i32| {
        let suffix = match (n % 10, n % 100) {
            (_, 11..=13) => "th",
            (1, _) => "st",
            (2, _) => "nd",
            (3, _) => "rd",
            _ => "th",
        };
        format!("{n}{suffix}")
    };
    let booktitle = match rng.below(14) {
        0 => format!("neurips # \" {}\"", year - 1987),
        1 => format!("{{Conference on Neural Information Processing Systems (NeurIPS {year})}}"),
        2 => "{Advances in Neural Information Processing Systems ({NeurIPS})}".to_string(),
        3 => format!(
            "{{Proceedings of the {} International Conference on Machine Learning}}",
            ordinal(year - 1983)
        ),
        4 => "\"Proceedings of the \" # icml".to_string(),
        5 => format!(
            "{{The {} International Conference on Learning Representations}}",
            ordinal(year - 2012)
        ),
        6 => "iclr".to_string(),
        7 => "cvpr".to_string(),
        8 => format!(
            "{{Proceedings of the {} Annual Meeting of the Association for Computational Linguistics (Volume 1: Long Papers)}}",
            ordinal(year - 1962)
        ),
        9 => "{Proceedings of the {AAAI} Conference on Artificial Intelligence}".to_string(),
        10 => format!("{{Conference on Learning Theory ({{COLT}} {year})}}"),
        11 => format!(
            "{{NeurIPS {year} Workshop on {} {}}}",
            title_case(rng.pick(WORDS)),
            title_case(rng.pick(WORDS))
        ),
        12 => format!(
            "{{International Symposium on {} and {}}}",
            title_case(rng.pick(WORDS)),
            title_case(rng.pick(WORDS))
        ),
        _ => format!(
            "{{Proc.~of the {} Workshop on {} {}}}",
            ordinal(rng.below(20) as i32 + 1),
            title_case(rng.pick(WORDS)),
            title_case(rng.pick(WORDS))
        ),
    };
    let mut fields = vec![("booktitle", booktitle)];
    if rng.chance(30) {
        fields.push(("publisher", "pmlr".to_string()));
    }
    fields
}

fn journal(rng: &mut Rng, year: i32) -> Vec<(&'static str, String)> {
    let journal = match rng.below(9) {
        0 | 1 => "jmlr".to_string(),
        2 => "tpami".to_string(),
        3 => "aos".to_string(),
        4 => "{SIAM Journal on Optimization}".to_string(),
        5 => "{Nature}".to_string(),
        6 => "{Mathematics of Computation}".to_string(),
        7 => "{Biometrika}".to_string(),
        _ => format!(
            "{{Journal of {} {}}}",
            title_case(rng.pick(WORDS)),
            title_case(rng.pick(WORDS))
        ),
    };
    let mut fields = vec![("journal", journal)];
    fields.push(("volume", format!("{{{}}}", (year - 1990).max(1))));
    if rng.chance(70) {
        fields.push(("number", format!("{{{}}}", rng.below(12) + 1)));
    }
    fields
}

/// An arXiv preprint written in one of the usual ways.
fn preprint(rng: &mut Rng, year: i32) -> (&'static str, Vec<(&'static str, String)>) {
    let id = format!(
        "{:02}{:02}.{:05}",
        year.clamp(2007, 2099) % 100,
        rng.below(12) + 1,
        rng.below(20_000)
    );
    let mut fields = Vec::new();
    let ty = match rng.below(4) {
        0 | 1 => {
            fields.push(("eprint", format!("{{{id}}}")));
            fields.push(("eprinttype", "{arxiv}".to_string()));
            "online"
        }
        2 => {
            fields.push(("eprint", format!("{{{id}}}")));
            fields.push(("archiveprefix", "{arXiv}".to_string()));
            fields.push(("primaryclass", "{cs.LG}".to_string()));
            "misc"
        }
        _ => {
            fields.push(("journal", format!("{{arXiv preprint arXiv:{id}}}")));
            "article"
        }
    };
    match rng.below(10) {
        0..=3 => fields.push(("pubstate", "{submitted}".to_string())),
        4 => fields.push(("note", "{Under review}".to_string())),
        _ => {}
    }
    (ty, fields)
}

/// A key-safe ASCII stem of a family name as written.
fn ascii_key(family: &str) -> String {
    family
        .chars()
        .filter(char::is_ascii_alphabetic)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}
