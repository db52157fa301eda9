//! The built-in venue registry: machine learning, AI, NLP, vision, learning
//! theory, statistics and optimization venues with their aliases.
//!
//! Aliases are matched after [`super::venue::fold_venue`], so they need not
//! repeat case, punctuation, "Proceedings of the", ordinals or years. Users
//! extend or override this table with a `venues.json` next to the library.

use crate::model::Kind;

/// A venue as the registry describes it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
pub struct VenueDef {
    /// Canonical abbreviation ("NeurIPS").
    pub abbr: String,
    /// Canonical full name.
    pub name: String,
    /// Conference, journal, workshop or preprint.
    pub kind: Kind,
    /// Other spellings: full names, former names, ISO abbreviations.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// An older abbreviation and the last year it was used ("NIPS", 2017).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub former_abbr: Option<(String, i32)>,
    /// Year = base + N for "the Nth" edition (ICML: 1983, so 36th = 2019).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub edition_base: Option<i32>,
    /// Year = base + volume for proceedings numbered by volume
    /// (NeurIPS: 1987, so "Advances in ... Systems 35" = 2022).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub volume_base: Option<i32>,
}

struct Def {
    abbr: &'static str,
    name: &'static str,
    kind: Kind,
    aliases: &'static [&'static str],
    former_abbr: Option<(&'static str, i32)>,
    edition_base: Option<i32>,
    volume_base: Option<i32>,
}

const fn conf(abbr: &'static str, name: &'static str, aliases: &'static [&'static str]) -> Def {
    Def {
        abbr,
        name,
        kind: Kind::Conference,
        aliases,
        former_abbr: None,
        edition_base: None,
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

use Kind::Preprint;

const BUILTIN: &[Def] = &[
    // Machine learning conferences.
    Def {
        former_abbr: Some(("NIPS", 2017)),
        volume_base: Some(1987),
        ..edition(
            conf(
                "NeurIPS",
                "Conference on Neural Information Processing Systems",
                &[
                    "NIPS",
                    "Advances in Neural Information Processing Systems",
                    "Adv. Neural Inf. Process. Syst.",
                    "Neural Information Processing Systems",
                    "Annual Conference on Neural Information Processing Systems",
                    "Conference on Neural Information Processing Systems",
                    "NeurIPS Conference",
                ],
            ),
            1986,
        )
    },
    edition(
        conf(
            "ICML",
            "International Conference on Machine Learning",
            &[
                "Proceedings of Machine Learning Research ICML",
                "Int. Conf. Mach. Learn.",
                "Intl. Conf. on Machine Learning",
            ],
        ),
        1983,
    ),
    edition(
        conf(
            "ICLR",
            "International Conference on Learning Representations",
            &[
                "Int. Conf. Learn. Represent.",
                "Intl. Conf. on Learning Representations",
            ],
        ),
        2012,
    ),
    edition(
        conf(
            "COLT",
            "Conference on Learning Theory",
            &[
                "Annual Conference on Learning Theory",
                "Annual Conference on Computational Learning Theory",
                "Computational Learning Theory",
            ],
        ),
        1987,
    ),
    conf(
        "ALT",
        "International Conference on Algorithmic Learning Theory",
        &["Algorithmic Learning Theory"],
    ),
    conf(
        "AISTATS",
        "International Conference on Artificial Intelligence and Statistics",
        &[
            "Artificial Intelligence and Statistics",
            "AI and Statistics",
            "AISTAT",
        ],
    ),
    conf(
        "UAI",
        "Conference on Uncertainty in Artificial Intelligence",
        &["Uncertainty in Artificial Intelligence"],
    ),
    edition(
        conf(
            "AAAI",
            "AAAI Conference on Artificial Intelligence",
            &[
                "National Conference on Artificial Intelligence",
                "AAAI Conference",
                "Proc. AAAI Conf. Artif. Intell.",
            ],
        ),
        1986,
    ),
    conf(
        "IJCAI",
        "International Joint Conference on Artificial Intelligence",
        &["Int. Joint Conf. Artif. Intell.", "IJCAI-ECAI"],
    ),
    conf(
        "ECAI",
        "European Conference on Artificial Intelligence",
        &[],
    ),
    conf(
        "KDD",
        "ACM SIGKDD Conference on Knowledge Discovery and Data Mining",
        &[
            "SIGKDD",
            "ACM SIGKDD International Conference on Knowledge Discovery and Data Mining",
            "SIGKDD International Conference on Knowledge Discovery and Data Mining",
            "International Conference on Knowledge Discovery and Data Mining",
            "Knowledge Discovery and Data Mining",
        ],
    ),
    conf(
        "WWW",
        "The Web Conference",
        &[
            "International World Wide Web Conference",
            "World Wide Web Conference",
            "TheWebConf",
            "International Conference on World Wide Web",
        ],
    ),
    conf(
        "SIGIR",
        "International ACM SIGIR Conference on Research and Development in Information Retrieval",
        &["ACM SIGIR Conference on Research and Development in Information Retrieval"],
    ),
    conf(
        "WSDM",
        "ACM International Conference on Web Search and Data Mining",
        &["International Conference on Web Search and Data Mining"],
    ),
    conf(
        "ICDM",
        "IEEE International Conference on Data Mining",
        &["International Conference on Data Mining"],
    ),
    conf(
        "ECML PKDD",
        "European Conference on Machine Learning and Principles and Practice of Knowledge Discovery in Databases",
        &[
            "ECML-PKDD",
            "ECML/PKDD",
            "ECML",
            "Joint European Conference on Machine Learning and Knowledge Discovery in Databases",
            "Machine Learning and Knowledge Discovery in Databases",
        ],
    ),
    conf("ACML", "Asian Conference on Machine Learning", &[]),
    conf("CoLLAs", "Conference on Lifelong Learning Agents", &[]),
    conf(
        "L4DC",
        "Learning for Dynamics and Control Conference",
        &[
            "Learning for Dynamics and Control",
            "Annual Learning for Dynamics and Control Conference",
        ],
    ),
    conf(
        "MLSys",
        "Conference on Machine Learning and Systems",
        &["Machine Learning and Systems", "SysML"],
    ),
    conf("CoRL", "Conference on Robot Learning", &["Robot Learning"]),
    conf(
        "AAMAS",
        "International Conference on Autonomous Agents and Multiagent Systems",
        &[
            "Autonomous Agents and Multiagent Systems",
            "International Joint Conference on Autonomous Agents and Multiagent Systems",
        ],
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
        &["International Conference on Robotics and Automation"],
    ),
    conf(
        "IROS",
        "IEEE/RSJ International Conference on Intelligent Robots and Systems",
        &["International Conference on Intelligent Robots and Systems"],
    ),
    conf(
        "RSS",
        "Robotics: Science and Systems",
        &["Robotics Science and Systems"],
    ),
    conf(
        "ICASSP",
        "IEEE International Conference on Acoustics, Speech and Signal Processing",
        &[
            "International Conference on Acoustics, Speech and Signal Processing",
            "International Conference on Acoustics, Speech, and Signal Processing",
        ],
    ),
    conf(
        "Interspeech",
        "Annual Conference of the International Speech Communication Association",
        &[
            "INTERSPEECH",
            "Conference of the International Speech Communication Association",
        ],
    ),
    // Natural language processing.
    edition(
        conf(
            "ACL",
            "Annual Meeting of the Association for Computational Linguistics",
            &[
                "Association for Computational Linguistics",
                "Meeting of the Association for Computational Linguistics",
                "Annual Meeting of the Association for Computational Linguistics (Volume 1: Long Papers)",
                "Annual Meeting of the Association for Computational Linguistics Volume 1 Long Papers",
                "Annual Meeting of the Association for Computational Linguistics Volume 2 Short Papers",
                "Annu. Meet. Assoc. Comput. Linguist.",
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
            "NAACL HLT",
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
            "Asia-Pacific Chapter of the Association for Computational Linguistics",
        ],
    ),
    conf(
        "COLING",
        "International Conference on Computational Linguistics",
        &["Computational Linguistics COLING"],
    ),
    conf(
        "CoNLL",
        "Conference on Computational Natural Language Learning",
        &["Computational Natural Language Learning"],
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
    conf(
        "COLM",
        "Conference on Language Modeling",
        &["Language Modeling"],
    ),
    conf(
        "Findings of ACL",
        "Findings of the Association for Computational Linguistics: ACL",
        &[
            "Findings of the Association for Computational Linguistics ACL",
            "Findings of the Association for Computational Linguistics",
            "ACL Findings",
            "Findings ACL",
            "Findings of ACL",
        ],
    ),
    conf(
        "Findings of EMNLP",
        "Findings of the Association for Computational Linguistics: EMNLP",
        &[
            "Findings of the Association for Computational Linguistics EMNLP",
            "EMNLP Findings",
            "Findings EMNLP",
            "Findings of EMNLP",
        ],
    ),
    conf(
        "Findings of NAACL",
        "Findings of the Association for Computational Linguistics: NAACL",
        &[
            "Findings of the Association for Computational Linguistics NAACL",
            "NAACL Findings",
            "Findings of NAACL",
            "Findings of the Association for Computational Linguistics NAACL-HLT",
        ],
    ),
    journal(
        "TACL",
        "Transactions of the Association for Computational Linguistics",
        &["Trans. Assoc. Comput. Linguist.", "Transactions of the ACL"],
    ),
    journal("CL", "Computational Linguistics", &["Comput. Linguist."]),
    // Computer vision and graphics.
    conf(
        "CVPR",
        "IEEE/CVF Conference on Computer Vision and Pattern Recognition",
        &[
            "Conference on Computer Vision and Pattern Recognition",
            "Computer Vision and Pattern Recognition",
            "IEEE Conference on Computer Vision and Pattern Recognition",
            "IEEE Computer Society Conference on Computer Vision and Pattern Recognition",
            "IEEE/CVF Conference on Computer Vision and Pattern Recognition",
            "Proc. IEEE Conf. Comput. Vis. Pattern Recognit.",
        ],
    ),
    conf(
        "ICCV",
        "IEEE/CVF International Conference on Computer Vision",
        &[
            "International Conference on Computer Vision",
            "IEEE International Conference on Computer Vision",
            "Int. Conf. Comput. Vis.",
        ],
    ),
    conf(
        "ECCV",
        "European Conference on Computer Vision",
        &["Eur. Conf. Comput. Vis."],
    ),
    conf(
        "WACV",
        "IEEE/CVF Winter Conference on Applications of Computer Vision",
        &[
            "Winter Conference on Applications of Computer Vision",
            "IEEE Winter Conference on Applications of Computer Vision",
        ],
    ),
    conf("BMVC", "British Machine Vision Conference", &[]),
    conf("ACCV", "Asian Conference on Computer Vision", &[]),
    conf("3DV", "International Conference on 3D Vision", &[]),
    conf(
        "MICCAI",
        "International Conference on Medical Image Computing and Computer-Assisted Intervention",
        &[
            "Medical Image Computing and Computer Assisted Intervention",
            "Medical Image Computing and Computer-Assisted Intervention",
        ],
    ),
    conf(
        "SIGGRAPH",
        "ACM SIGGRAPH Conference",
        &[
            "SIGGRAPH Conference Papers",
            "ACM SIGGRAPH Conference Proceedings",
        ],
    ),
    conf(
        "ACM MM",
        "ACM International Conference on Multimedia",
        &[
            "ACM Multimedia",
            "ACMMM",
            "International Conference on Multimedia",
        ],
    ),
    journal(
        "IJCV",
        "International Journal of Computer Vision",
        &["Int. J. Comput. Vis.", "Int. J. Comput. Vision"],
    ),
    journal(
        "TPAMI",
        "IEEE Transactions on Pattern Analysis and Machine Intelligence",
        &[
            "IEEE Trans. Pattern Anal. Mach. Intell.",
            "PAMI",
            "Transactions on Pattern Analysis and Machine Intelligence",
        ],
    ),
    journal(
        "TIP",
        "IEEE Transactions on Image Processing",
        &["IEEE Trans. Image Process."],
    ),
    journal("PR", "Pattern Recognition", &["Pattern Recognit."]),
    journal(
        "TOG",
        "ACM Transactions on Graphics",
        &["ACM Trans. Graph."],
    ),
    // Machine learning and AI journals.
    journal(
        "JMLR",
        "Journal of Machine Learning Research",
        &[
            "J. Mach. Learn. Res.",
            "The Journal of Machine Learning Research",
        ],
    ),
    journal(
        "TMLR",
        "Transactions on Machine Learning Research",
        &["Trans. Mach. Learn. Res."],
    ),
    journal("MLJ", "Machine Learning", &["Mach. Learn."]),
    journal("JML", "Journal of Machine Learning", &["J. Mach. Learn."]),
    journal(
        "TNNLS",
        "IEEE Transactions on Neural Networks and Learning Systems",
        &[
            "IEEE Trans. Neural Netw. Learn. Syst.",
            "IEEE Transactions on Neural Networks",
        ],
    ),
    journal("Neural Comput.", "Neural Computation", &["Neural Comput"]),
    journal("Neural Netw.", "Neural Networks", &["Neural Netw"]),
    journal("AIJ", "Artificial Intelligence", &["Artif. Intell."]),
    journal(
        "JAIR",
        "Journal of Artificial Intelligence Research",
        &["J. Artif. Intell. Res."],
    ),
    journal("Nat. Mach. Intell.", "Nature Machine Intelligence", &[]),
    journal(
        "TKDE",
        "IEEE Transactions on Knowledge and Data Engineering",
        &["IEEE Trans. Knowl. Data Eng."],
    ),
    journal("Nature", "Nature", &[]),
    journal("Science", "Science", &[]),
    journal(
        "PNAS",
        "Proceedings of the National Academy of Sciences",
        &[
            "Proc. Natl. Acad. Sci.",
            "Proc. Natl. Acad. Sci. USA",
            "Proceedings of the National Academy of Sciences of the United States of America",
        ],
    ),
    // Information theory, statistics and optimization.
    journal(
        "IEEE Trans. Inf. Theory",
        "IEEE Transactions on Information Theory",
        &[
            "IEEE Trans. Inform. Theory",
            "Transactions on Information Theory",
            "IEEE TIT",
            "TIT",
        ],
    ),
    journal(
        "IEEE Trans. Signal Process.",
        "IEEE Transactions on Signal Processing",
        &["IEEE TSP", "TSP"],
    ),
    journal(
        "Ann. Statist.",
        "Annals of Statistics",
        &["The Annals of Statistics", "Ann. Stat.", "AoS"],
    ),
    journal(
        "Ann. Appl. Probab.",
        "Annals of Applied Probability",
        &["The Annals of Applied Probability"],
    ),
    journal(
        "Ann. Probab.",
        "Annals of Probability",
        &["The Annals of Probability"],
    ),
    journal(
        "JASA",
        "Journal of the American Statistical Association",
        &["J. Amer. Statist. Assoc.", "J. Am. Stat. Assoc."],
    ),
    journal(
        "JRSS-B",
        "Journal of the Royal Statistical Society: Series B (Statistical Methodology)",
        &[
            "Journal of the Royal Statistical Society Series B",
            "Journal of the Royal Statistical Society. Series B (Methodological)",
            "J. R. Stat. Soc. Ser. B",
            "J. R. Stat. Soc. B",
            "JRSSB",
            "Journal of the Royal Statistical Society Series B Statistical Methodology",
        ],
    ),
    journal("Biometrika", "Biometrika", &[]),
    journal("Bernoulli", "Bernoulli", &[]),
    journal(
        "EJS",
        "Electronic Journal of Statistics",
        &["Electron. J. Stat.", "Electron. J. Statist."],
    ),
    journal("Stat. Sci.", "Statistical Science", &["Statist. Sci."]),
    journal(
        "SIAM J. Optim.",
        "SIAM Journal on Optimization",
        &["SIOPT", "SIAM J. Optimiz."],
    ),
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
            "Math. Programming",
            "Mathematical Programming Series A",
            "Mathematical Programming Series B",
        ],
    ),
    journal(
        "Math. Oper. Res.",
        "Mathematics of Operations Research",
        &["MOR"],
    ),
    journal("Oper. Res.", "Operations Research", &[]),
    journal(
        "Found. Comput. Math.",
        "Foundations of Computational Mathematics",
        &["FoCM"],
    ),
    journal(
        "Math. Comp.",
        "Mathematics of Computation",
        &["Math. Comput."],
    ),
    journal("Numer. Math.", "Numerische Mathematik", &[]),
    journal(
        "Appl. Comput. Harmon. Anal.",
        "Applied and Computational Harmonic Analysis",
        &["ACHA"],
    ),
    journal("Constr. Approx.", "Constructive Approximation", &[]),
    journal(
        "J. Comput. Phys.",
        "Journal of Computational Physics",
        &["JCP"],
    ),
    journal(
        "CMS",
        "Communications in Mathematical Sciences",
        &["Commun. Math. Sci."],
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
        &["Information and Inference", "Inf. Inference J. IMA"],
    ),
    // Preprint servers.
    Def {
        kind: Preprint,
        ..conf(
            "arXiv",
            "arXiv",
            &[
                "arXiv preprint",
                "arXiv e-prints",
                "ArXiv e-prints",
                "CoRR",
                "Computing Research Repository",
                "arXiv.org",
            ],
        )
    },
    Def {
        kind: Preprint,
        ..conf("bioRxiv", "bioRxiv", &["bioRxiv preprint"])
    },
    Def {
        kind: Preprint,
        ..conf("medRxiv", "medRxiv", &["medRxiv preprint"])
    },
    Def {
        kind: Preprint,
        ..conf(
            "SSRN",
            "SSRN Electronic Journal",
            &["Social Science Research Network", "SSRN preprint"],
        )
    },
    Def {
        kind: Preprint,
        ..conf(
            "OpenReview",
            "OpenReview",
            &["OpenReview preprint", "openreview.net"],
        )
    },
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
            former_abbr: d.former_abbr.map(|(a, y)| (a.to_string(), y)),
            edition_base: d.edition_base,
            volume_base: d.volume_base,
        })
        .collect()
}
