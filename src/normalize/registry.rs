//! The built-in venue registry: machine learning, AI, NLP, vision, learning
//! theory, statistics and optimization venues with their aliases.
//!
//! Aliases are matched after [`super::venue::fold_venue`], so they need not
//! repeat case, punctuation, "Proceedings of the", ordinals or years. Users
//! extend or override this table with a `venues.json` next to the library.

use crate::model::Kind;

/// A venue as the registry describes it. A user's `venues.json` is a JSON
/// array of these (see the README).
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
#[serde(try_from = "VenueSpec")]
pub struct VenueDef {
    /// Canonical abbreviation ("NeurIPS").
    pub abbr: String,
    /// Canonical full name.
    pub name: String,
    /// Conference, journal, workshop or preprint.
    pub kind: Kind,
    /// Other spellings: full names, former names, ISO 4 abbreviations.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// An older abbreviation and the last year it was used (NIPS until 2017).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub former: Option<Former>,
    /// Year = base + N for "the Nth" edition (ICML: 1983, so 36th = 2019).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub edition_base: Option<i32>,
    /// The first year `edition_base` holds for, when earlier editions were
    /// not yearly (AAAI: 2010); earlier implied years are not trusted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub edition_since: Option<i32>,
    /// Year = base + volume for proceedings numbered by volume
    /// (NeurIPS: 1987, so "Advances in ... Systems 35" = 2022).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub volume_base: Option<i32>,
}

/// A venue's former abbreviation, and name when that changed too.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Former {
    /// The old abbreviation ("NIPS").
    pub abbr: String,
    /// The last year it was used (2017).
    pub until: i32,
    /// The old full name ("IEEE Transactions on Neural Networks"), when
    /// the venue was renamed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

impl VenueDef {
    /// Every spelling that names this venue: abbreviation, name, aliases and
    /// former abbreviation.
    pub fn spellings(&self) -> impl Iterator<Item = &str> {
        [self.abbr.as_str(), self.name.as_str()]
            .into_iter()
            .chain(self.aliases.iter().map(String::as_str))
            .chain(self.former.as_ref().map(|f| f.abbr.as_str()))
    }
}

/// `VenueDef` as written in JSON, before validation.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct VenueSpec {
    abbr: String,
    name: String,
    kind: Kind,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    former: Option<Former>,
    #[serde(default)]
    edition_base: Option<i32>,
    #[serde(default)]
    edition_since: Option<i32>,
    #[serde(default)]
    volume_base: Option<i32>,
}

impl TryFrom<VenueSpec> for VenueDef {
    type Error = String;

    fn try_from(spec: VenueSpec) -> Result<VenueDef, String> {
        let has_words = |s: &str| !super::venue::fold_venue(s).is_empty();
        if !has_words(&spec.abbr) {
            return Err(format!(
                "`abbr` {:?} has no letters publist can match; give a short name such as \"NeurIPS\"",
                spec.abbr
            ));
        }
        if crate::latex::collapse_whitespace(&spec.name).is_empty() {
            return Err(format!("venue `{}` has an empty `name`", spec.abbr));
        }
        if let Some(alias) = spec.aliases.iter().find(|a| !has_words(a)) {
            return Err(format!(
                "alias {alias:?} of `{}` has no letters publist can match",
                spec.abbr
            ));
        }
        // Printed in tables and exports: spaces collapsed and control
        // characters (a terminal's escapes) dropped, as in a `.bib` value.
        Ok(VenueDef {
            abbr: crate::latex::collapse_whitespace(&spec.abbr),
            name: crate::latex::collapse_whitespace(&spec.name),
            kind: spec.kind,
            aliases: spec.aliases,
            former: spec.former,
            edition_base: spec.edition_base,
            edition_since: spec.edition_since,
            volume_base: spec.volume_base,
        })
    }
}

/// Parses a `venues.json` text: a JSON array of venues.
///
/// ```
/// use publist::normalize::registry::parse_user_venues;
/// let defs = parse_user_venues(r#"[{"abbr": "MSML", "name": "Math. and Sci. ML", "kind": "conference"}]"#).unwrap();
/// assert_eq!(defs[0].abbr, "MSML");
/// assert!(parse_user_venues(r#"[{"abbr": "X", "name": "Y", "kind": "poster"}]"#).is_err());
/// ```
pub fn parse_user_venues(text: &str) -> Result<Vec<VenueDef>, serde_json::Error> {
    serde_json::from_str(text)
}

struct Def {
    abbr: &'static str,
    name: &'static str,
    kind: Kind,
    aliases: &'static [&'static str],
    /// Abbreviation, last year and (when renamed) name.
    former: Option<(&'static str, i32, Option<&'static str>)>,
    edition_base: Option<i32>,
    edition_since: Option<i32>,
    volume_base: Option<i32>,
}

const fn conf(abbr: &'static str, name: &'static str, aliases: &'static [&'static str]) -> Def {
    Def {
        abbr,
        name,
        kind: Kind::Conference,
        aliases,
        former: None,
        edition_base: None,
        edition_since: None,
        volume_base: None,
    }
}

const fn journal(abbr: &'static str, name: &'static str, aliases: &'static [&'static str]) -> Def {
    Def {
        kind: Kind::Journal,
        ..conf(abbr, name, aliases)
    }
}

const fn edition(def: Def, base: i32) -> Def {
    Def {
        edition_base: Some(base),
        ..def
    }
}

/// Editions counted yearly only since `since`.
const fn edition_since(def: Def, base: i32, since: i32) -> Def {
    Def {
        edition_since: Some(since),
        ..edition(def, base)
    }
}

const fn preprint(abbr: &'static str, name: &'static str, aliases: &'static [&'static str]) -> Def {
    Def {
        kind: Kind::Preprint,
        ..conf(abbr, name, aliases)
    }
}

/// The built-in venues. Aliases need only differ after folding: "Int. Conf.
/// Mach. Learn." and "International Conference on Machine Learning" are one
/// key, so only spellings with other words are listed.
const BUILTIN: &[Def] = &[
    // Machine learning conferences.
    Def {
        former: Some(("NIPS", 2017, None)),
        volume_base: Some(1987),
        ..edition(
            conf(
                "NeurIPS",
                "Conference on Neural Information Processing Systems",
                &[
                    "Advances in Neural Information Processing Systems",
                    "Neural Information Processing Systems",
                    "Neural Information Processing Systems Conference",
                    "International Conference on Neural Information Processing Systems",
                    "NeurIPS Conference",
                ],
            ),
            1986,
        )
    },
    edition_since(
        conf(
            "ICML",
            "International Conference on Machine Learning",
            &["Proceedings of Machine Learning Research ICML"],
        ),
        1983,
        1988,
    ),
    edition(
        conf(
            "ICLR",
            "International Conference on Learning Representations",
            &[],
        ),
        2012,
    ),
    edition(
        conf(
            "COLT",
            "Conference on Learning Theory",
            &[
                "Conference on Computational Learning Theory",
                "Computational Learning Theory",
                "Workshop on Computational Learning Theory",
            ],
        ),
        1987,
    ),
    edition(
        conf(
            "ALT",
            "International Conference on Algorithmic Learning Theory",
            &["Algorithmic Learning Theory"],
        ),
        1989,
    ),
    edition_since(
        conf(
            "AISTATS",
            "International Conference on Artificial Intelligence and Statistics",
            &[
                "Artificial Intelligence and Statistics",
                "International Workshop on Artificial Intelligence and Statistics",
                "AI and Statistics",
                "AISTAT",
            ],
        ),
        1997,
        2010,
    ),
    edition(
        conf(
            "UAI",
            "Conference on Uncertainty in Artificial Intelligence",
            &["Uncertainty in Artificial Intelligence"],
        ),
        1984,
    ),
    edition_since(
        conf(
            "AAAI",
            "AAAI Conference on Artificial Intelligence",
            &[
                "National Conference on Artificial Intelligence",
                "AAAI Conference",
            ],
        ),
        1986,
        2010,
    ),
    conf(
        "IJCAI",
        "International Joint Conference on Artificial Intelligence",
        &["IJCAI-ECAI", "IJCAI-PRICAI"],
    ),
    conf(
        "ECAI",
        "European Conference on Artificial Intelligence",
        &[],
    ),
    edition(
        conf(
            "KDD",
            "ACM SIGKDD Conference on Knowledge Discovery and Data Mining",
            &[
                "SIGKDD",
                "ACM SIGKDD International Conference on Knowledge Discovery and Data Mining",
                "International Conference on Knowledge Discovery and Data Mining",
                "Knowledge Discovery and Data Mining",
            ],
        ),
        1994,
    ),
    edition(
        conf(
            "WWW",
            "The ACM Web Conference",
            &[
                "The Web Conference",
                "International World Wide Web Conference",
                "World Wide Web Conference",
                "TheWebConf",
                "International Conference on World Wide Web",
            ],
        ),
        1991,
    ),
    edition(
        conf(
            "SIGIR",
            "International ACM SIGIR Conference on Research and Development in Information Retrieval",
            &[],
        ),
        1977,
    ),
    edition(
        conf(
            "WSDM",
            "ACM International Conference on Web Search and Data Mining",
            &[],
        ),
        2007,
    ),
    edition(
        conf(
            "CIKM",
            "ACM International Conference on Information and Knowledge Management",
            &[],
        ),
        1991,
    ),
    edition(
        conf("ICDM", "IEEE International Conference on Data Mining", &[]),
        2000,
    ),
    conf("SDM", "SIAM International Conference on Data Mining", &[]),
    conf(
        "ECML PKDD",
        "European Conference on Machine Learning and Principles and Practice of Knowledge Discovery in Databases",
        &[
            "ECML-PKDD",
            "ECML",
            "Joint European Conference on Machine Learning and Knowledge Discovery in Databases",
            "Machine Learning and Knowledge Discovery in Databases",
            "European Conference on Machine Learning and Knowledge Discovery in Databases",
        ],
    ),
    edition(
        conf("ACML", "Asian Conference on Machine Learning", &[]),
        2008,
    ),
    conf("CoLLAs", "Conference on Lifelong Learning Agents", &[]),
    edition(
        conf(
            "L4DC",
            "Learning for Dynamics and Control Conference",
            &["Learning for Dynamics and Control"],
        ),
        2018,
    ),
    edition(
        conf(
            "MLSys",
            "Conference on Machine Learning and Systems",
            &["Machine Learning and Systems", "SysML"],
        ),
        2017,
    ),
    conf(
        "AutoML",
        "International Conference on Automated Machine Learning",
        &["AutoML Conference", "AutoML Conf"],
    ),
    edition(
        conf("CoRL", "Conference on Robot Learning", &["Robot Learning"]),
        2016,
    ),
    edition(
        conf(
            "AAMAS",
            "International Conference on Autonomous Agents and Multiagent Systems",
            &[
                "Autonomous Agents and Multiagent Systems",
                "International Joint Conference on Autonomous Agents and Multiagent Systems",
            ],
        ),
        2001,
    ),
    conf(
        "MSML",
        "Mathematical and Scientific Machine Learning Conference",
        &["Mathematical and Scientific Machine Learning"],
    ),
    conf(
        "LoG",
        "Learning on Graphs Conference",
        &["Learning on Graphs"],
    ),
    conf(
        "CLeaR",
        "Conference on Causal Learning and Reasoning",
        &["Causal Learning and Reasoning"],
    ),
    conf(
        "ICRA",
        "IEEE International Conference on Robotics and Automation",
        &[],
    ),
    conf(
        "IROS",
        "IEEE/RSJ International Conference on Intelligent Robots and Systems",
        &[],
    ),
    conf("RSS", "Robotics: Science and Systems", &[]),
    conf(
        "ICASSP",
        "IEEE International Conference on Acoustics, Speech and Signal Processing",
        &[],
    ),
    conf(
        "Interspeech",
        "Annual Conference of the International Speech Communication Association",
        &["INTERSPEECH"],
    ),
    // Theory of computing and information theory conferences.
    edition(
        conf(
            "STOC",
            "ACM Symposium on Theory of Computing",
            &["Annual ACM Symposium on Theory of Computing"],
        ),
        1968,
    ),
    edition(
        conf(
            "FOCS",
            "IEEE Symposium on Foundations of Computer Science",
            &[],
        ),
        1959,
    ),
    conf("SODA", "ACM-SIAM Symposium on Discrete Algorithms", &[]),
    conf(
        "ITCS",
        "Innovations in Theoretical Computer Science Conference",
        &["Innovations in Theoretical Computer Science"],
    ),
    conf(
        "ISIT",
        "IEEE International Symposium on Information Theory",
        &[],
    ),
    conf("CDC", "IEEE Conference on Decision and Control", &[]),
    // Natural language processing.
    edition(
        conf(
            "ACL",
            "Annual Meeting of the Association for Computational Linguistics",
            &[
                "Association for Computational Linguistics",
                "Annu. Meet. Assoc. Comput. Linguist.",
                "ACL-IJCNLP",
                "Annual Meeting of the Association for Computational Linguistics and the International Joint Conference on Natural Language Processing",
            ],
        ),
        1962,
    ),
    conf(
        "EMNLP",
        "Conference on Empirical Methods in Natural Language Processing",
        &[
            "Empirical Methods in Natural Language Processing",
            "Conference on Empirical Methods in Natural Language Processing and the International Joint Conference on Natural Language Processing",
            "EMNLP-IJCNLP",
        ],
    ),
    conf(
        "NAACL",
        "Conference of the North American Chapter of the Association for Computational Linguistics",
        &[
            "North American Chapter of the Association for Computational Linguistics",
            "Conference of the North American Chapter of the Association for Computational Linguistics: Human Language Technologies",
            "North American Chapter of the Association for Computational Linguistics: Human Language Technologies",
            "NAACL-HLT",
        ],
    ),
    conf(
        "EACL",
        "Conference of the European Chapter of the Association for Computational Linguistics",
        &["European Chapter of the Association for Computational Linguistics"],
    ),
    conf(
        "AACL",
        "Conference of the Asia-Pacific Chapter of the Association for Computational Linguistics",
        &[
            "AACL-IJCNLP",
            "IJCNLP-AACL",
            "Asia-Pacific Chapter of the Association for Computational Linguistics",
        ],
    ),
    conf(
        "COLING",
        "International Conference on Computational Linguistics",
        &[],
    ),
    edition(
        conf(
            "CoNLL",
            "Conference on Computational Natural Language Learning",
            &["Computational Natural Language Learning"],
        ),
        1996,
    ),
    conf(
        "LREC",
        "International Conference on Language Resources and Evaluation",
        &[
            "Language Resources and Evaluation Conference",
            "LREC-COLING",
            "Joint International Conference on Computational Linguistics, Language Resources and Evaluation",
        ],
    ),
    edition(conf("COLM", "Conference on Language Modeling", &[]), 2023),
    conf(
        "Findings of ACL",
        "Findings of the Association for Computational Linguistics: ACL",
        &[
            "ACL Findings",
            "Findings of the Association for Computational Linguistics: ACL-IJCNLP",
            "Findings of ACL-IJCNLP",
        ],
    ),
    conf(
        "Findings of EMNLP",
        "Findings of the Association for Computational Linguistics: EMNLP",
        &["EMNLP Findings"],
    ),
    conf(
        "Findings of NAACL",
        "Findings of the Association for Computational Linguistics: NAACL",
        &[
            "NAACL Findings",
            "Findings of the Association for Computational Linguistics: NAACL-HLT",
        ],
    ),
    conf(
        "Findings of EACL",
        "Findings of the Association for Computational Linguistics: EACL",
        &["EACL Findings"],
    ),
    conf(
        "Findings of AACL",
        "Findings of the Association for Computational Linguistics: AACL",
        &[
            "Findings of the Association for Computational Linguistics: AACL-IJCNLP",
            "Findings of the Association for Computational Linguistics: IJCNLP-AACL",
        ],
    ),
    journal(
        "TACL",
        "Transactions of the Association for Computational Linguistics",
        &["Transactions of the ACL"],
    ),
    journal("CL", "Computational Linguistics", &[]),
    // Computer vision and graphics.
    conf(
        "CVPR",
        "IEEE/CVF Conference on Computer Vision and Pattern Recognition",
        &[
            "Computer Vision and Pattern Recognition",
            "IEEE Computer Society Conference on Computer Vision and Pattern Recognition",
        ],
    ),
    conf(
        "ICCV",
        "IEEE/CVF International Conference on Computer Vision",
        &[],
    ),
    conf("ECCV", "European Conference on Computer Vision", &[]),
    conf(
        "WACV",
        "IEEE/CVF Winter Conference on Applications of Computer Vision",
        &["IEEE Workshop on Applications of Computer Vision"],
    ),
    edition(conf("BMVC", "British Machine Vision Conference", &[]), 1989),
    conf("ACCV", "Asian Conference on Computer Vision", &[]),
    conf("3DV", "International Conference on 3D Vision", &[]),
    conf(
        "MICCAI",
        "International Conference on Medical Image Computing and Computer-Assisted Intervention",
        &["Medical Image Computing and Computer Assisted Intervention"],
    ),
    conf(
        "SIGGRAPH",
        "ACM SIGGRAPH Conference",
        &[
            "SIGGRAPH Conference Papers",
            "SIGGRAPH Conference Proceedings",
        ],
    ),
    conf(
        "ACM MM",
        "ACM International Conference on Multimedia",
        &["ACM Multimedia", "ACMMM"],
    ),
    journal("IJCV", "International Journal of Computer Vision", &[]),
    journal(
        "TPAMI",
        "IEEE Transactions on Pattern Analysis and Machine Intelligence",
        &["PAMI", "IEEE TPAMI"],
    ),
    journal("TIP", "IEEE Transactions on Image Processing", &[]),
    journal("PR", "Pattern Recognition", &[]),
    journal("TOG", "ACM Transactions on Graphics", &[]),
    // Machine learning and AI journals.
    journal("JMLR", "Journal of Machine Learning Research", &[]),
    journal("TMLR", "Transactions on Machine Learning Research", &[]),
    journal("MLJ", "Machine Learning", &[]),
    journal("JML", "Journal of Machine Learning", &[]),
    // Renamed in 2012 (volume 23).
    Def {
        former: Some(("TNN", 2011, Some("IEEE Transactions on Neural Networks"))),
        ..journal(
            "TNNLS",
            "IEEE Transactions on Neural Networks and Learning Systems",
            &["IEEE Transactions on Neural Networks"],
        )
    },
    journal("Neural Comput.", "Neural Computation", &[]),
    journal("Neural Netw.", "Neural Networks", &[]),
    journal("AIJ", "Artificial Intelligence", &[]),
    journal("JAIR", "Journal of Artificial Intelligence Research", &[]),
    journal("Nat. Mach. Intell.", "Nature Machine Intelligence", &[]),
    journal(
        "TKDE",
        "IEEE Transactions on Knowledge and Data Engineering",
        &[],
    ),
    journal(
        "DMKD",
        "Data Mining and Knowledge Discovery",
        &["Data Min. Knowl. Discov."],
    ),
    journal("Nature", "Nature", &[]),
    journal("Science", "Science", &[]),
    journal(
        "PNAS",
        "Proceedings of the National Academy of Sciences",
        &[
            "Proceedings of the National Academy of Sciences of the United States of America",
            "Proc. Natl. Acad. Sci. U.S.A.",
        ],
    ),
    // Information theory, statistics and optimization.
    journal(
        "IEEE Trans. Inf. Theory",
        "IEEE Transactions on Information Theory",
        &["IEEE TIT"],
    ),
    journal(
        "IEEE Trans. Signal Process.",
        "IEEE Transactions on Signal Processing",
        &["IEEE TSP"],
    ),
    journal(
        "IEEE Trans. Autom. Control",
        "IEEE Transactions on Automatic Control",
        &["IEEE Trans. Automat. Control", "IEEE TAC"],
    ),
    journal("Ann. Statist.", "The Annals of Statistics", &["AoS"]),
    journal(
        "Ann. Appl. Probab.",
        "The Annals of Applied Probability",
        &[],
    ),
    journal("Ann. Probab.", "The Annals of Probability", &[]),
    journal(
        "Probab. Theory Relat. Fields",
        "Probability Theory and Related Fields",
        &["Probab. Theory Related Fields", "PTRF"],
    ),
    journal(
        "JASA",
        "Journal of the American Statistical Association",
        &[],
    ),
    journal(
        "JRSS-B",
        "Journal of the Royal Statistical Society: Series B (Statistical Methodology)",
        &[
            "Journal of the Royal Statistical Society Series B",
            "Journal of the Royal Statistical Society: Series B (Methodological)",
            "J. R. Stat. Soc. B",
            "JRSSB",
            "JRSS B",
        ],
    ),
    journal("Biometrika", "Biometrika", &[]),
    journal("Bernoulli", "Bernoulli", &[]),
    journal("EJS", "Electronic Journal of Statistics", &[]),
    journal("Stat. Sci.", "Statistical Science", &[]),
    journal("SIAM J. Optim.", "SIAM Journal on Optimization", &["SIOPT"]),
    journal(
        "SIAM J. Control Optim.",
        "SIAM Journal on Control and Optimization",
        &["SICON"],
    ),
    journal(
        "SIAM J. Numer. Anal.",
        "SIAM Journal on Numerical Analysis",
        &["SINUM"],
    ),
    journal(
        "SIAM J. Sci. Comput.",
        "SIAM Journal on Scientific Computing",
        &["SISC"],
    ),
    journal(
        "SIAM J. Math. Data Sci.",
        "SIAM Journal on Mathematics of Data Science",
        &["SIMODS"],
    ),
    journal("SIAM Rev.", "SIAM Review", &[]),
    journal(
        "Math. Program.",
        "Mathematical Programming",
        &[
            "Mathematical Programming Series A",
            "Mathematical Programming Series B",
            "Math. Programming Ser. A",
            "Math. Programming Ser. B",
        ],
    ),
    journal(
        "Math. Oper. Res.",
        "Mathematics of Operations Research",
        &[],
    ),
    journal("Oper. Res.", "Operations Research", &[]),
    journal(
        "JOTA",
        "Journal of Optimization Theory and Applications",
        &["J. Optim. Theory Appl."],
    ),
    journal(
        "Found. Comput. Math.",
        "Foundations of Computational Mathematics",
        &["FoCM"],
    ),
    journal("Math. Comp.", "Mathematics of Computation", &[]),
    journal("Numer. Math.", "Numerische Mathematik", &[]),
    journal(
        "Appl. Comput. Harmon. Anal.",
        "Applied and Computational Harmonic Analysis",
        &["ACHA"],
    ),
    journal("Constr. Approx.", "Constructive Approximation", &[]),
    journal("J. Comput. Phys.", "Journal of Computational Physics", &[]),
    journal(
        "Commun. Math. Sci.",
        "Communications in Mathematical Sciences",
        &[],
    ),
    journal(
        "CSIAM Trans. Appl. Math.",
        "CSIAM Transactions on Applied Mathematics",
        &[],
    ),
    journal("Sci. China Math.", "Science China Mathematics", &[]),
    journal(
        "IMA J. Numer. Anal.",
        "IMA Journal of Numerical Analysis",
        &[],
    ),
    journal(
        "Inf. Inference",
        "Information and Inference: A Journal of the IMA",
        &["Information and Inference"],
    ),
    // Preprint servers.
    preprint(
        "arXiv",
        "arXiv",
        &[
            "arXiv preprint",
            "arXiv preprint arXiv",
            "arXiv e-prints",
            "CoRR",
            "CoRR abs",
            "Computing Research Repository",
            "arXiv.org",
        ],
    ),
    preprint("bioRxiv", "bioRxiv", &["bioRxiv preprint"]),
    preprint("medRxiv", "medRxiv", &["medRxiv preprint"]),
    preprint(
        "SSRN",
        "SSRN Electronic Journal",
        &["Social Science Research Network", "SSRN preprint"],
    ),
    preprint(
        "OpenReview",
        "OpenReview",
        &["OpenReview preprint", "openreview.net"],
    ),
];

/// The built-in registry as owned definitions.
pub fn builtin() -> Vec<VenueDef> {
    BUILTIN
        .iter()
        .map(|d| VenueDef {
            abbr: d.abbr.to_string(),
            name: d.name.to_string(),
            kind: d.kind,
            aliases: d.aliases.iter().map(|a| a.to_string()).collect(),
            former: d.former.map(|(abbr, until, name)| Former {
                abbr: abbr.to_string(),
                until,
                name: name.map(str::to_string),
            }),
            edition_base: d.edition_base,
            edition_since: d.edition_since,
            volume_base: d.volume_base,
        })
        .collect()
}
