//! The venue spelling table: each row is a string seen in real `.bib` files
//! (DBLP, Google Scholar, ACL Anthology, OpenReview, Semantic Scholar, PMLR,
//! ISO 4 and MathSciNet abbreviations, CVs) and what it must normalize to:
//! `abbreviation | kind | year`, then the workshop's name and short name,
//! the track and the award when there are any. `?` is an unknown venue:
//! a false positive is worse than an unknown.

use std::collections::HashMap;

use super::*;

/// Renders what the registry makes of `text` (no entry year, kind `other`
/// when unknown).
fn resolve(reg: &Registry, text: &str) -> String {
    let parse = reg.parse(text);
    let venue = reg.venue(&parse, Kind::Other, None);
    let mut out = format!(
        "{} | {} | {}",
        venue.abbr.as_deref().unwrap_or("?"),
        venue.kind,
        venue.year.map_or("-".to_string(), |y| y.to_string())
    );
    if let Some(ws) = &venue.workshop {
        out.push_str(&format!(
            " | {} | {}",
            ws.name,
            ws.short.as_deref().unwrap_or("-")
        ));
    }
    if let Some(track) = &venue.track {
        out.push_str(&format!(" | track: {track}"));
    }
    if let Some(award) = &parse.award {
        out.push_str(&format!(" | award: {award}"));
    }
    out
}

#[rustfmt::skip]
const TABLE: &[(&str, &str)] = &[
    // The CV (tests/fixtures/cv/cv.md).
    ("Conference on Neural Information Processing Systems (NeurIPS 2024)", "NeurIPS | conference | 2024"),
    ("Conference on Neural Information Processing Systems (NeurIPS 2022)", "NeurIPS | conference | 2022"),
    ("Conference on Neural Information Processing Systems (NeurIPS 2023, Spotlight (Top 3.5%))", "NeurIPS | conference | 2023 | award: Spotlight (Top 3.5%)"),
    ("Annual Meeting of the Association for Computational Linguistics, (ACL 2024)", "ACL | conference | 2024"),
    ("Annual Meeting of the Association for Computational Linguistics (ACL 2024)", "ACL | conference | 2024"),
    ("Computational Linguistics, (ACL 2024)", "ACL | conference | 2024"),
    ("International Conference on Machine Learning (ICML 2024)", "ICML | conference | 2024"),
    ("NeurIPS 2023 Workshop on Mathematics of Modern Machine Learning (NeurIPS 2023 Workshop M3L)", "NeurIPS | workshop | 2023 | Mathematics of Modern Machine Learning | M3L"),
    ("Conference on Neural Information Processing Systems (NeurIPS)", "NeurIPS | conference | -"),
    ("International Conference on Learning Representations (ICLR)", "ICLR | conference | -"),
    ("Artificial Intelligence and Statistics (AISTATS)", "AISTATS | conference | -"),
    ("Journal of Machine Learning Research (JMLR)", "JMLR | journal | -"),
    ("Transactions on Pattern Analysis and Machine Intelligence (TPAMI)", "TPAMI | journal | -"),
    ("Pattern Recognition (PR)", "PR | journal | -"),
    ("Transactions on Machine Learning Research (TMLR)", "TMLR | journal | -"),
    ("Journal of Machine Learning (JML)", "JML | journal | -"),
    // NeurIPS: DBLP, OpenReview, Google Scholar, ACM DL, old NIPS.
    ("Advances in Neural Information Processing Systems 36: Annual Conference on Neural Information Processing Systems 2023, NeurIPS 2023, New Orleans, LA, USA, December 10 - 16, 2023", "NeurIPS | conference | 2023"),
    ("Advances in Neural Information Processing Systems 35: Annual Conference on Neural Information Processing Systems 2022, NeurIPS 2022, New Orleans, LA, USA, November 28 - December 9, 2022", "NeurIPS | conference | 2022"),
    ("Advances in Neural Information Processing Systems 30: Annual Conference on Neural Information Processing Systems 2017, 4-9 December 2017, Long Beach, CA, {USA}", "NIPS | conference | 2017"),
    ("Advances in Neural Information Processing Systems 25: 26th Annual Conference on Neural Information Processing Systems 2012. Proceedings of a meeting held December 3-6, 2012, Lake Tahoe, Nevada, United States", "NIPS | conference | 2012"),
    ("Advances in Neural Information Processing Systems", "NeurIPS | conference | -"),
    ("Advances in Neural Information Processing Systems 36", "NeurIPS | conference | 2023"),
    ("Advances in Neural Information Processing Systems 29", "NIPS | conference | 2016"),
    ("Advances in Neural Information Processing Systems 36 (NeurIPS 2023)", "NeurIPS | conference | 2023"),
    ("Thirty-seventh Conference on Neural Information Processing Systems", "NeurIPS | conference | 2023"),
    ("The Thirty-eighth Annual Conference on Neural Information Processing Systems", "NeurIPS | conference | 2024"),
    ("Thirty-Eighth Annual Conference on Neural Information Processing Systems", "NeurIPS | conference | 2024"),
    ("Proceedings of the 31st International Conference on Neural Information Processing Systems", "NIPS | conference | 2017"),
    ("Neural Information Processing Systems", "NeurIPS | conference | -"),
    ("NeurIPS", "NeurIPS | conference | -"),
    ("NeurIPS 2023", "NeurIPS | conference | 2023"),
    ("NIPS'16", "NIPS | conference | 2016"),
    ("Adv. Neural Inf. Process. Syst.", "NeurIPS | conference | -"),
    ("Advances in Neural Information Processing Systems (NeurIPS), Spotlight", "NeurIPS | conference | - | award: Spotlight"),
    ("Thirty-seventh Conference on Neural Information Processing Systems Datasets and Benchmarks Track", "NeurIPS | conference | 2023 | track: Datasets and Benchmarks"),
    ("Proceedings of the Neural Information Processing Systems Track on Datasets and Benchmarks 1 (NeurIPS Datasets and Benchmarks 2021)", "NeurIPS | conference | 2021 | track: Datasets and Benchmarks"),
    ("NeurIPS 2023 Datasets and Benchmarks Track", "NeurIPS | conference | 2023 | track: Datasets and Benchmarks"),
    // ICML.
    ("Proceedings of the 40th International Conference on Machine Learning, {ICML} 2023, 23-29 July 2023, Honolulu, Hawaii, {USA}", "ICML | conference | 2023"),
    ("International Conference on Machine Learning, {ICML} 2024, Vienna, Austria, July 21-27, 2024", "ICML | conference | 2024"),
    ("Proceedings of the 36th International Conference on Machine Learning, {ICML} 2019, 9-15 June 2019, Long Beach, California, {USA}", "ICML | conference | 2019"),
    ("Proceedings of the 41st International Conference on Machine Learning", "ICML | conference | 2024"),
    ("Proceedings of the 39th International Conference on Machine Learning", "ICML | conference | 2022"),
    ("Forty-first International Conference on Machine Learning", "ICML | conference | 2024"),
    ("International Conference on Machine Learning", "ICML | conference | -"),
    ("Int. Conf. Mach. Learn.", "ICML | conference | -"),
    ("ICML", "ICML | conference | -"),
    ("Proc. ICML", "ICML | conference | -"),
    ("ICML'23", "ICML | conference | 2023"),
    ("ICML 2023 (Oral)", "ICML | conference | 2023 | award: Oral"),
    // ICLR.
    ("The Twelfth International Conference on Learning Representations", "ICLR | conference | 2024"),
    ("The Eleventh International Conference on Learning Representations, {ICLR} 2023, Kigali, Rwanda, May 1-5, 2023", "ICLR | conference | 2023"),
    ("9th International Conference on Learning Representations, {ICLR} 2021, Virtual Event, Austria, May 3-7, 2021", "ICLR | conference | 2021"),
    ("5th International Conference on Learning Representations, {ICLR} 2017, Toulon, France, April 24-26, 2017, Conference Track Proceedings", "ICLR | conference | 2017"),
    ("International Conference on Learning Representations", "ICLR | conference | -"),
    ("ICLR (Poster)", "ICLR | conference | -"),
    ("Int. Conf. Learn. Represent.", "ICLR | conference | -"),
    // Learning theory.
    ("The Thirty Sixth Annual Conference on Learning Theory, {COLT} 2023, 12-15 July 2023, Bangalore, India", "COLT | conference | 2023"),
    ("Proceedings of Thirty Sixth Conference on Learning Theory", "COLT | conference | 2023"),
    ("Conference on Learning Theory", "COLT | conference | -"),
    ("Annual Conference Computational Learning Theory", "COLT | conference | -"),
    ("Proceedings of the Fifth Annual Workshop on Computational Learning Theory", "COLT | conference | 1992"),
    ("International Conference on Algorithmic Learning Theory, 20-23 February 2023, Singapore", "ALT | conference | 2023"),
    ("Proceedings of The 34th International Conference on Algorithmic Learning Theory", "ALT | conference | 2023"),
    // AISTATS and UAI.
    ("International Conference on Artificial Intelligence and Statistics, 25-27 April 2023, Palau de Congressos, Valencia, Spain", "AISTATS | conference | 2023"),
    ("Proceedings of The 26th International Conference on Artificial Intelligence and Statistics", "AISTATS | conference | 2023"),
    ("Artificial Intelligence and Statistics", "AISTATS | conference | -"),
    ("Proceedings of the Tenth International Workshop on Artificial Intelligence and Statistics, {AISTATS} 2005, Bridgetown, Barbados, January 6-8, 2005", "AISTATS | conference | 2005"),
    ("Uncertainty in Artificial Intelligence, {UAI} 2023, July 31 - 4 August 2023, Pittsburgh, PA, {USA}", "UAI | conference | 2023"),
    ("Proceedings of the Thirty-Ninth Conference on Uncertainty in Artificial Intelligence", "UAI | conference | 2023"),
    ("Conference on Uncertainty in Artificial Intelligence", "UAI | conference | -"),
    // AI.
    ("Thirty-Seventh {AAAI} Conference on Artificial Intelligence, {AAAI} 2023, Thirty-Fifth Conference on Innovative Applications of Artificial Intelligence, {IAAI} 2023, Thirteenth Symposium on Educational Advances in Artificial Intelligence, {EAAI} 2023, Washington, DC, USA, February 7-14, 2023", "AAAI | conference | 2023"),
    ("Proceedings of the AAAI Conference on Artificial Intelligence", "AAAI | conference | -"),
    ("Proceedings of the Thirty-Eighth AAAI Conference on Artificial Intelligence", "AAAI | conference | 2024"),
    ("AAAI-24", "AAAI | conference | 2024"),
    ("Proceedings of the Thirty-Seventh AAAI Conference on Artificial Intelligence and Thirty-Fifth Conference on Innovative Applications of Artificial Intelligence and Thirteenth Symposium on Educational Advances in Artificial Intelligence", "AAAI | conference | 2023"),
    ("Proceedings of the 2nd Conference of the Asia-Pacific Chapter of the Association for Computational Linguistics and the 12th International Joint Conference on Natural Language Processing (Volume 1: Long Papers)", "AACL | conference | -"),
    ("Robotics: Science and Systems XIX", "RSS | conference | -"),
    ("Robotics: Science and Systems XIX, Daegu, Republic of Korea, July 10-14, 2023", "RSS | conference | 2023"),
    ("Proceedings of the Sixteenth National Conference on Artificial Intelligence", "AAAI | conference | -"),
    ("Proceedings of the Thirty-Second International Joint Conference on Artificial Intelligence, {IJCAI} 2023, 19th-25th August 2023, Macao, SAR, China", "IJCAI | conference | 2023"),
    ("Proceedings of the Thirty-Second International Joint Conference on Artificial Intelligence, {IJCAI-23}", "IJCAI | conference | 2023"),
    ("International Joint Conference on Artificial Intelligence", "IJCAI | conference | -"),
    ("Proceedings of the 29th {ACM} {SIGKDD} Conference on Knowledge Discovery and Data Mining, {KDD} 2023, Long Beach, CA, USA, August 6-10, 2023", "KDD | conference | 2023"),
    ("Proceedings of the 28th ACM SIGKDD Conference on Knowledge Discovery and Data Mining", "KDD | conference | 2022"),
    ("Knowledge Discovery and Data Mining", "KDD | conference | -"),
    ("Proceedings of the ACM Web Conference 2023", "WWW | conference | 2023"),
    ("Proceedings of the 7th Conference on Robot Learning", "CoRL | conference | 2023"),
    ("Conference on Robot Learning, CoRL 2023, 6-9 November 2023, Atlanta, GA, {USA}", "CoRL | conference | 2023"),
    ("Proceedings of the 55th Annual ACM Symposium on Theory of Computing", "STOC | conference | 2023"),
    ("Machine Learning and Knowledge Discovery in Databases: Research Track - European Conference, {ECML} {PKDD} 2023, Turin, Italy, September 18-22, 2023, Proceedings, Part {I}", "ECML PKDD | conference | 2023 | track: Research"),
    // NLP.
    ("Proceedings of the 61st Annual Meeting of the Association for Computational Linguistics (Volume 1: Long Papers)", "ACL | conference | 2023"),
    ("Proceedings of the 62nd Annual Meeting of the Association for Computational Linguistics (Volume 1: Long Papers), {ACL} 2024, Bangkok, Thailand, August 11-16, 2024", "ACL | conference | 2024"),
    ("Proceedings of the 59th Annual Meeting of the Association for Computational Linguistics and the 11th International Joint Conference on Natural Language Processing (Volume 1: Long Papers)", "ACL | conference | 2021"),
    ("Annual Meeting of the Association for Computational Linguistics", "ACL | conference | -"),
    ("ACL (1)", "ACL | conference | -"),
    ("Proceedings of the 61st Annual Meeting of the Association for Computational Linguistics (Volume 4: Student Research Workshop)", "ACL | workshop | 2023 | Student Research Workshop | -"),
    ("Proceedings of the 2023 Conference on Empirical Methods in Natural Language Processing", "EMNLP | conference | 2023"),
    ("Proceedings of the 2023 Conference on Empirical Methods in Natural Language Processing, {EMNLP} 2023, Singapore, December 6-10, 2023", "EMNLP | conference | 2023"),
    ("Proceedings of the 2019 Conference on Empirical Methods in Natural Language Processing and the 9th International Joint Conference on Natural Language Processing (EMNLP-IJCNLP)", "EMNLP | conference | 2019"),
    ("Conference on Empirical Methods in Natural Language Processing", "EMNLP | conference | -"),
    ("EMNLP (Findings)", "Findings of EMNLP | conference | -"),
    ("Findings of the Association for Computational Linguistics: EMNLP 2023", "Findings of EMNLP | conference | 2023"),
    ("Findings of the Association for Computational Linguistics: {EMNLP} 2023, Singapore, December 6-10, 2023", "Findings of EMNLP | conference | 2023"),
    ("Findings of the Association for Computational Linguistics: ACL 2024", "Findings of ACL | conference | 2024"),
    ("Findings of the Association for Computational Linguistics: ACL-IJCNLP 2021", "Findings of ACL | conference | 2021"),
    ("Findings of the Association for Computational Linguistics: NAACL 2024", "Findings of NAACL | conference | 2024"),
    ("Findings of the Association for Computational Linguistics: EACL 2023", "Findings of EACL | conference | 2023"),
    ("ACL (Findings)", "Findings of ACL | conference | -"),
    ("Proceedings of the 2019 Conference of the North American Chapter of the Association for Computational Linguistics: Human Language Technologies, Volume 1 (Long and Short Papers)", "NAACL | conference | 2019"),
    ("Proceedings of the 2024 Conference of the North American Chapter of the Association for Computational Linguistics: Human Language Technologies (Volume 1: Long Papers)", "NAACL | conference | 2024"),
    ("North American Chapter of the Association for Computational Linguistics", "NAACL | conference | -"),
    ("NAACL-HLT (1)", "NAACL | conference | -"),
    ("Proceedings of the 17th Conference of the European Chapter of the Association for Computational Linguistics", "EACL | conference | -"),
    ("Proceedings of the 18th Conference of the European Chapter of the Association for Computational Linguistics (Volume 1: Long Papers), {EACL} 2024, St. Julian's, Malta, March 17-22, 2024", "EACL | conference | 2024"),
    ("Proceedings of the 29th International Conference on Computational Linguistics", "COLING | conference | -"),
    ("Proceedings of the 2024 Joint International Conference on Computational Linguistics, Language Resources and Evaluation (LREC-COLING 2024)", "LREC | conference | 2024"),
    ("Transactions of the Association for Computational Linguistics", "TACL | journal | -"),
    ("Trans. Assoc. Comput. Linguist.", "TACL | journal | -"),
    ("Computational Linguistics", "CL | journal | -"),
    ("Computational Linguistics (CL)", "CL | journal | -"),
    ("Proceedings of the 27th Conference on Computational Natural Language Learning (CoNLL)", "CoNLL | conference | 2023"),
    // Computer vision.
    ("Proceedings of the IEEE/CVF Conference on Computer Vision and Pattern Recognition (CVPR)", "CVPR | conference | -"),
    ("{IEEE/CVF} Conference on Computer Vision and Pattern Recognition, {CVPR} 2023, Vancouver, BC, Canada, June 17-24, 2023", "CVPR | conference | 2023"),
    ("2022 IEEE/CVF Conference on Computer Vision and Pattern Recognition (CVPR)", "CVPR | conference | 2022"),
    ("Proceedings of the IEEE Conference on Computer Vision and Pattern Recognition", "CVPR | conference | -"),
    ("2016 {IEEE} Conference on Computer Vision and Pattern Recognition, {CVPR} 2016, Las Vegas, NV, USA, June 27-30, 2016", "CVPR | conference | 2016"),
    ("Computer Vision and Pattern Recognition", "CVPR | conference | -"),
    ("Proceedings of the IEEE/CVF Conference on Computer Vision and Pattern Recognition (CVPR) Workshops", "CVPR | workshop | - | CVPR Workshops | -"),
    ("{IEEE/CVF} Conference on Computer Vision and Pattern Recognition Workshops, {CVPR} Workshops 2023, Vancouver, BC, Canada, June 17-24, 2023", "CVPR | workshop | 2023 | CVPR Workshops | -"),
    ("CVPR Workshops", "CVPR | workshop | - | CVPR Workshops | -"),
    ("2023 IEEE/CVF International Conference on Computer Vision (ICCV)", "ICCV | conference | 2023"),
    ("Proceedings of the IEEE/CVF International Conference on Computer Vision", "ICCV | conference | -"),
    ("{IEEE/CVF} International Conference on Computer Vision, {ICCV} 2023, Paris, France, October 1-6, 2023", "ICCV | conference | 2023"),
    ("{IEEE} International Conference on Computer Vision, {ICCV} 2017, Venice, Italy, October 22-29, 2017", "ICCV | conference | 2017"),
    ("2023 IEEE/CVF International Conference on Computer Vision Workshops (ICCVW)", "ICCV | workshop | 2023 | ICCV Workshops | ICCVW"),
    ("Computer Vision - {ECCV} 2022 - 17th European Conference, Tel Aviv, Israel, October 23-27, 2022, Proceedings, Part {XIV}", "ECCV | conference | 2022"),
    ("Computer Vision -- ECCV 2020: 16th European Conference, Glasgow, UK, August 23--28, 2020, Proceedings, Part I", "ECCV | conference | 2020"),
    ("European Conference on Computer Vision", "ECCV | conference | -"),
    ("ECCV (14)", "ECCV | conference | -"),
    ("{IEEE/CVF} Winter Conference on Applications of Computer Vision, {WACV} 2023, Waikoloa, HI, USA, January 2-7, 2023", "WACV | conference | 2023"),
    ("Proceedings of the IEEE/CVF Winter Conference on Applications of Computer Vision (WACV)", "WACV | conference | -"),
    ("Machine Learning: ECML-94", "ECML PKDD | conference | 1994"),
    ("Proc. of the Int'l Conf. on Machine Learning (ICML'08)", "ICML | conference | 2008"),
    ("Conference on Neural Information Processing (NeurIPS 2024)", "NeurIPS | conference | 2024"),
    ("Medical Image Computing and Computer Assisted Intervention - {MICCAI} 2023 - 26th International Conference, Vancouver, BC, Canada, October 8-12, 2023, Proceedings, Part {I}", "MICCAI | conference | 2023"),
    // Machine learning and AI journals.
    ("J. Mach. Learn. Res.", "JMLR | journal | -"),
    ("Journal of Machine Learning Research", "JMLR | journal | -"),
    ("The Journal of Machine Learning Research", "JMLR | journal | -"),
    ("Journal of machine learning research", "JMLR | journal | -"),
    ("Trans. Mach. Learn. Res.", "TMLR | journal | -"),
    ("Transactions on Machine Learning Research", "TMLR | journal | -"),
    ("IEEE Trans. Pattern Anal. Mach. Intell.", "TPAMI | journal | -"),
    ("IEEE Transactions on Pattern Analysis and Machine Intelligence", "TPAMI | journal | -"),
    ("Int. J. Comput. Vis.", "IJCV | journal | -"),
    ("International Journal of Computer Vision", "IJCV | journal | -"),
    ("Mach. Learn.", "MLJ | journal | -"),
    ("Machine Learning", "MLJ | journal | -"),
    ("Neural Comput.", "Neural Comput. | journal | -"),
    ("Neural Computation", "Neural Comput. | journal | -"),
    ("Artif. Intell.", "AIJ | journal | -"),
    ("J. Artif. Intell. Res.", "JAIR | journal | -"),
    ("Nat. Mach. Intell.", "Nat. Mach. Intell. | journal | -"),
    ("Nature Machine Intelligence", "Nat. Mach. Intell. | journal | -"),
    ("IEEE Trans. Neural Netw. Learn. Syst.", "TNNLS | journal | -"),
    ("Pattern Recognit.", "PR | journal | -"),
    ("IEEE Trans. Image Process.", "TIP | journal | -"),
    ("ACM Trans. Graph.", "TOG | journal | -"),
    ("Data Min. Knowl. Discov.", "DMKD | journal | -"),
    ("Proc. Natl. Acad. Sci. USA", "PNAS | journal | -"),
    ("Proceedings of the National Academy of Sciences", "PNAS | journal | -"),
    // Information theory, statistics and optimization journals.
    ("IEEE Trans. Inf. Theory", "IEEE Trans. Inf. Theory | journal | -"),
    ("IEEE Transactions on Information Theory", "IEEE Trans. Inf. Theory | journal | -"),
    ("IEEE Trans. Inform. Theory", "IEEE Trans. Inf. Theory | journal | -"),
    ("IEEE Trans. Signal Process.", "IEEE Trans. Signal Process. | journal | -"),
    ("Ann. Statist.", "Ann. Statist. | journal | -"),
    ("Ann. Stat.", "Ann. Statist. | journal | -"),
    ("The Annals of Statistics", "Ann. Statist. | journal | -"),
    ("Annals of Statistics", "Ann. Statist. | journal | -"),
    ("Ann. Appl. Probab.", "Ann. Appl. Probab. | journal | -"),
    ("Probab. Theory Related Fields", "Probab. Theory Relat. Fields | journal | -"),
    ("J. Amer. Statist. Assoc.", "JASA | journal | -"),
    ("Journal of the American Statistical Association", "JASA | journal | -"),
    ("J. R. Stat. Soc. Ser. B Stat. Methodol.", "JRSS-B | journal | -"),
    ("Journal of the Royal Statistical Society Series B: Statistical Methodology", "JRSS-B | journal | -"),
    ("Journal of the Royal Statistical Society: Series B (Statistical Methodology)", "JRSS-B | journal | -"),
    ("J. Roy. Statist. Soc. Ser. B", "JRSS-B | journal | -"),
    ("Journal of the Royal Statistical Society. Series B (Methodological)", "JRSS-B | journal | -"),
    ("Biometrika", "Biometrika | journal | -"),
    ("Bernoulli", "Bernoulli | journal | -"),
    ("Electron. J. Stat.", "EJS | journal | -"),
    ("Statist. Sci.", "Stat. Sci. | journal | -"),
    ("SIAM J. Optim.", "SIAM J. Optim. | journal | -"),
    ("SIAM Journal on Optimization", "SIAM J. Optim. | journal | -"),
    ("SIAM J. Math. Data Sci.", "SIAM J. Math. Data Sci. | journal | -"),
    ("Math. Program.", "Math. Program. | journal | -"),
    ("Mathematical Programming", "Math. Program. | journal | -"),
    ("Math. Programming", "Math. Program. | journal | -"),
    ("Mathematical Programming, Series A", "Math. Program. | journal | -"),
    ("Math. Oper. Res.", "Math. Oper. Res. | journal | -"),
    ("J. Optim. Theory Appl.", "JOTA | journal | -"),
    ("Found. Comput. Math.", "Found. Comput. Math. | journal | -"),
    ("Appl. Comput. Harmon. Anal.", "Appl. Comput. Harmon. Anal. | journal | -"),
    ("Information and Inference: A Journal of the IMA", "Inf. Inference | journal | -"),
    // Preprints.
    ("arXiv preprint arXiv:2401.01234", "arXiv | preprint | -"),
    ("CoRR", "arXiv | preprint | -"),
    ("CoRR abs/2401.01234", "arXiv | preprint | -"),
    ("ArXiv", "arXiv | preprint | -"),
    ("arXiv e-prints", "arXiv | preprint | -"),
    ("bioRxiv", "bioRxiv | preprint | -"),
    // Workshops.
    ("ICML 2023 Workshop on High-dimensional Learning Dynamics", "ICML | workshop | 2023 | High-dimensional Learning Dynamics | -"),
    ("NeurIPS 2022 Workshop on Optimization for Machine Learning (OPT 2022)", "NeurIPS | workshop | 2022 | Optimization for Machine Learning | OPT"),
    ("Workshop on Efficient Systems for Foundation Models @ ICML2023", "ICML | workshop | 2023 | Efficient Systems for Foundation Models | -"),
    ("Mathematics of Modern Machine Learning Workshop at NeurIPS 2023", "NeurIPS | workshop | 2023 | Mathematics of Modern Machine Learning | -"),
    ("ICML 2023 Workshop on Spurious Correlations, Invariance and Stability", "ICML | workshop | 2023 | Spurious Correlations, Invariance and Stability | -"),
    ("Workshop on Spurious Correlations, Invariance and Stability at ICML 2023", "ICML | workshop | 2023 | Spurious Correlations, Invariance and Stability | -"),
    ("Workshop on Spurious Correlations, Invariance and Stability, ICML 2023, Honolulu, Hawaii", "ICML | workshop | 2023 | Spurious Correlations, Invariance and Stability | -"),
    ("Proceedings of the 8th Workshop on Representation Learning for NLP, RepL4NLP@ACL 2023, Toronto, Canada, July 13, 2023", "ACL | workshop | 2023 | Representation Learning for NLP | -"),
    ("NeurIPS ML Safety Workshop", "NeurIPS | workshop | - | ML Safety | -"),
    ("NeurIPS 2023 Foundation Models for Decision Making Workshop", "NeurIPS | workshop | 2023 | Foundation Models for Decision Making | -"),
    ("Machine Learning and the Physical Sciences, NeurIPS 2023 Workshop", "NeurIPS | workshop | 2023 | Machine Learning and the Physical Sciences | -"),
    ("Machine Learning and the Physical Sciences Workshop, NeurIPS 2023", "NeurIPS | workshop | 2023 | Machine Learning and the Physical Sciences | -"),
    ("ICML Computational Biology Workshop", "ICML | workshop | - | Computational Biology | -"),
    ("Machine Learning and the Physical Sciences Workshop at NeurIPS 2022", "NeurIPS | workshop | 2022 | Machine Learning and the Physical Sciences | -"),
    ("ICLR 2024 Workshop on Bridging the Gap Between Practice and Theory in Deep Learning", "ICLR | workshop | 2024 | Bridging the Gap Between Practice and Theory in Deep Learning | -"),
    ("NeurIPS 2022 Workshop on Distribution Shifts: Connecting Methods and Applications", "NeurIPS | workshop | 2022 | Distribution Shifts: Connecting Methods and Applications | -"),
    ("ICML Workshop on Theoretical Foundations of Foundation Models (TF2M)", "ICML | workshop | - | Theoretical Foundations of Foundation Models | TF2M"),
    ("Workshop on Machine Learning at Scale, NeurIPS 2023", "NeurIPS | workshop | 2023 | Machine Learning at Scale | -"),
    ("Workshop on Machine Learning at Scale at NeurIPS 2023", "NeurIPS | workshop | 2023 | Machine Learning at Scale | -"),
    ("ICLR (Workshop)", "ICLR | workshop | - | ICLR Workshops | -"),
    ("Proceedings of the 17th Conference of the European Chapter of the Association for Computational Linguistics: Student Research Workshop", "EACL | workshop | - | Student Research Workshop | -"),
    ("Proceedings of the 2022 Conference of the North American Chapter of the Association for Computational Linguistics: Human Language Technologies: Student Research Workshop", "NAACL | workshop | 2022 | Student Research Workshop | -"),
    ("Computer Vision -- ECCV 2022 Workshops", "ECCV | workshop | 2022 | ECCV Workshops | -"),
    ("Computer Vision - {ECCV} 2022 Workshops - Tel Aviv, Israel, October 23-27, 2022, Proceedings, Part {I}", "ECCV | workshop | 2022 | ECCV Workshops | -"),
    ("Computer Vision – ECCV 2020 Workshops: Glasgow, UK, August 23–28, 2020, Proceedings, Part I", "ECCV | workshop | 2020 | ECCV Workshops | -"),
    ("Computer Vision – ACCV 2020 Workshops", "ACCV | workshop | 2020 | ACCV Workshops | -"),
    ("NeurIPS 2023 Workshop on GenBio", "NeurIPS | workshop | 2023 | GenBio | -"),
    ("NeurIPS 2023 Workshop GenBio", "NeurIPS | workshop | 2023 | NeurIPS Workshops | GenBio"),
    ("NIPS 2016 Workshops", "NIPS | workshop | 2016 | NIPS Workshops | -"),
    ("6th International Conference on Learning Representations, {ICLR} 2018, Vancouver, BC, Canada, April 30 - May 3, 2018, Workshop Track Proceedings", "ICLR | workshop | 2018 | ICLR Workshops | -"),
    ("Proceedings of the 3rd Workshop on Trustworthy Natural Language Processing (TrustNLP 2023)", "? | workshop | 2023 | Trustworthy Natural Language Processing | TrustNLP"),
    ("Proceedings of the 4th Workshop on Representation Learning for NLP (RepL4NLP-2019)", "? | workshop | 2019 | Representation Learning for NLP | RepL4NLP"),
    ("Mathematics of Modern Machine Learning (NeurIPS 2023 Workshop M3L)", "NeurIPS | workshop | 2023 | Mathematics of Modern Machine Learning | M3L"),
    ("OPT2023: 15th Annual Workshop on Optimization for Machine Learning", "? | workshop | 2023 | Optimization for Machine Learning | OPT"),
    ("Proceedings of the 30th International Conference on Machine Learning, JMLR Workshop and Conference Proceedings", "ICML | conference | 2013"),
    ("Proceedings of the 5th ACL Workshop on Online Abuse and Harms", "ACL | workshop | - | Online Abuse and Harms | -"),
    ("Proceedings of the 3rd ACM SIGKDD Workshop on Mining Data Semantics", "KDD | workshop | - | Mining Data Semantics | -"),
    ("Proceedings of the Evaluation Methods for Machine Learning Workshop at the 26th ICML", "ICML | workshop | 2009 | Evaluation Methods for Machine Learning | -"),
    // Must stay unknown.
    ("International Conference on Machine Learning and Applications (ICMLA)", "? | other | -"),
    ("2023 International Conference on Machine Learning and Applications (ICMLA)", "? | other | 2023"),
    ("ICMLA", "? | other | -"),
    ("Proceedings of the Conference on Computer Science", "? | other | -"),
    ("Conference on Computer Vision", "? | other | -"),
    ("Journal of Statistical Physics", "? | other | -"),
    ("Machine Learning: Science and Technology", "? | other | -"),
    ("Pattern Recognition Letters", "? | other | -"),
    ("IEEE Access", "? | other | -"),
    ("Proceedings of the IEEE", "? | other | -"),
    ("PNAS Nexus", "? | other | -"),
    ("Neural Computing and Applications", "? | other | -"),
    ("Artificial Intelligence Review", "? | other | -"),
    ("Frontiers in Artificial Intelligence", "? | other | -"),
    ("Applied Intelligence", "? | other | -"),
    ("2023 International Joint Conference on Neural Networks (IJCNN)", "? | other | 2023"),
    ("Proceedings of Machine Learning Research", "? | other | -"),
    ("Scientific Reports", "? | other | -"),
    ("Nature Communications", "? | other | -"),
    ("Information Sciences", "? | other | -"),
    ("Journal of the Royal Statistical Society: Series A (Statistics in Society)", "? | other | -"),
    ("Electronic Journal of Probability", "? | other | -"),
    ("SIAM Journal on Imaging Sciences", "? | other | -"),
    ("Journal of Machine Learning for Modeling and Computing", "? | other | -"),
    ("Journal of Computational and Graphical Statistics", "? | other | -"),
    ("Statistics and Computing", "? | other | -"),
    ("Findings of the Association for Computational Linguistics", "? | other | -"),
    ("International Conference on Computer Vision Theory and Applications", "? | other | -"),
    ("Asian Conference on Intelligent Information and Database Systems", "? | other | -"),
    ("Expert Systems with Applications", "? | other | -"),
    ("ACM Computing Surveys", "? | other | -"),
    ("Cognitive Linguistics (CL)", "? | other | -"),
    ("Wiley Interdisciplinary Reviews: Data Mining and Knowledge Discovery", "? | other | -"),
    ("Operations Research Proceedings 2006", "? | other | 2006"),
    ("Operational Research", "? | other | -"),
    // Journals whose names open with an award word.
    ("Oral Oncology", "? | other | -"),
    ("Best Practice \\& Research Clinical Rheumatology", "? | other | -"),
    ("Highlights of Astronomy", "? | other | -"),
    ("Oral Surgery, Oral Medicine, Oral Pathology and Oral Radiology", "? | other | -"),
    ("Spotlight, NeurIPS 2023", "NeurIPS | conference | 2023 | award: Spotlight"),
    // Other conferences whose names open with a known one's.
    ("International Conference on Machine Learning, Optimization, and Data Science", "? | other | -"),
    ("International Conference on Machine Learning, Image Processing, Network Security and Data Sciences", "? | other | -"),
    ("2019 International Conference on Machine Learning, Big Data, Cloud and Parallel Computing (COMITCon)", "? | other | 2019"),
    ("2020 International Conference on Computer Vision, Image and Deep Learning (CVIDL)", "? | other | 2020"),
    ("IEEE International Conference on Computer Vision, Image Processing (CVIP 2021)", "? | other | 2021"),
    ("Proceedings of the Sixth Conference on Machine Translation, Association for Computational Linguistics", "? | other | -"),
    // An ordinal in another segment is another event's edition.
    ("Association for Computational Linguistics, Proceedings of the Sixth Conference on Machine Translation", "ACL | conference | -"),
    // ... but a known name before places, dates and publishers is the venue.
    ("Proceedings of the 40th International Conference on Machine Learning, Honolulu, Hawaii, USA", "ICML | conference | 2023"),
    ("International Conference on Machine Learning, PMLR, Baltimore, Maryland", "ICML | conference | -"),
    ("Proceedings of the 2024 Conference on Empirical Methods in Natural Language Processing, Association for Computational Linguistics", "EMNLP | conference | 2024"),
];

#[test]
fn spelling_table() {
    let reg = Registry::default();
    let failures: Vec<String> = TABLE
        .iter()
        .filter_map(|(input, expected)| {
            let got = resolve(&reg, input);
            (got != *expected)
                .then(|| format!("{input}\n    expected: {expected}\n    got:      {got}"))
        })
        .collect();
    assert!(TABLE.len() >= 150, "{} rows", TABLE.len());
    assert!(
        failures.is_empty(),
        "{} of {} rows wrong:\n{}",
        failures.len(),
        TABLE.len(),
        failures.join("\n")
    );
}

#[test]
fn builtin_spellings_name_one_venue_each() {
    let defs = registry::builtin();
    assert!(defs.len() >= 60, "{} venues", defs.len());
    let mut owner: HashMap<String, &str> = HashMap::new();
    for def in &defs {
        for spelling in def.spellings() {
            let key = fold_venue(spelling);
            assert!(
                !key.is_empty(),
                "{spelling:?} of {} folds to nothing",
                def.abbr
            );
            if let Some(other) = owner.insert(key.clone(), &def.abbr) {
                assert_eq!(
                    other, def.abbr,
                    "{spelling:?} ({key}) names both {other} and {}",
                    def.abbr
                );
            }
        }
    }
}

#[test]
fn nearest_suggests_the_venue_meant() {
    let reg = Registry::default();
    let near = |t: &str| reg.nearest(t).map(|d| d.abbr.as_str());
    for (text, expected) in [
        ("Internatinal Conference on Machine Learnig", Some("ICML")),
        (
            "Conference on Neural Information Processing",
            Some("NeurIPS"),
        ),
        ("ICLM 2023", Some("ICML")),
        ("Jornal of Machine Learning Research", Some("JMLR")),
        ("Journal of Machine Learning Reseach", Some("JMLR")),
        ("Transactions on Machine Learning", Some("TMLR")),
        ("Annals of Statistic", Some("Ann. Statist.")),
        ("Computer Vision and Pattern Recogntion", Some("CVPR")),
        ("IEEE Transactions on Pattern Analysis", Some("TPAMI")),
        ("Journal of the Royal Statistical Society", Some("JRSS-B")),
        // Known venues suggest themselves.
        (
            "Proceedings of the 40th International Conference on Machine Learning",
            Some("ICML"),
        ),
        // Other venues, not misspellings: no suggestion.
        (
            "International Conference on Machine Learning and Applications (ICMLA)",
            None,
        ),
        ("Conference on Learning Theory and Applications", None),
        ("Journal of Statistical Physics", None),
        ("Artificial Intelligence Review", None),
        ("Pattern Recognition Letters", None),
        ("Cognitive Linguistics", None),
        ("Journal of Irreproducible Results", None),
        // Spelled right, a name that is not a known one cut short.
        ("SIAM Journal on Computing", None),
        ("Science Robotics", None),
        ("", None),
    ] {
        assert_eq!(near(text), expected, "{text}");
    }
}

fn def(abbr: &str, name: &str, kind: Kind, aliases: &[&str]) -> VenueDef {
    VenueDef {
        abbr: abbr.to_string(),
        name: name.to_string(),
        kind,
        aliases: aliases.iter().map(|a| a.to_string()).collect(),
        former: None,
        edition_base: None,
        edition_since: None,
        volume_base: None,
    }
}

#[test]
fn user_venues_add_and_override() {
    let mut reg = Registry::default();
    let before = reg.defs().len();
    reg.extend(vec![
        def(
            "MSML",
            "Mathematical and Scientific ML",
            Kind::Conference,
            &["Math. Sci. Mach. Learn."],
        ),
        def(
            "PeerJ CS",
            "PeerJ Computer Science",
            Kind::Journal,
            &["PeerJ Comput. Sci."],
        ),
        def(
            "neurips",
            "Neural Information Processing Systems",
            Kind::Journal,
            &["NeuIPS"],
        ),
    ]);
    assert_eq!(
        reg.defs().len(),
        before + 1,
        "MSML and NeurIPS were overridden, PeerJ added"
    );
    assert_eq!(
        resolve(&reg, "PeerJ Comput. Sci."),
        "PeerJ CS | journal | -"
    );
    assert_eq!(
        resolve(&reg, "Math. Sci. Mach. Learn. 2022"),
        "MSML | conference | 2022"
    );
    // The override replaces name and kind and keeps the built-in spellings.
    assert_eq!(resolve(&reg, "NeuIPS 2023"), "neurips | journal | 2023");
    assert_eq!(
        resolve(&reg, "Advances in Neural Information Processing Systems 36"),
        "neurips | journal | 2023"
    );
    let neurips = reg.lookup("NeurIPS").map(|i| reg.def(i).name.clone());
    assert_eq!(
        neurips.as_deref(),
        Some("Neural Information Processing Systems")
    );
}

#[test]
fn user_spellings_win_over_built_in_ones() {
    let mut reg = Registry::default();
    reg.extend(vec![def(
        "PRL",
        "Pattern Recognition Letters",
        Kind::Journal,
        &["Pattern Recognition"],
    )]);
    assert_eq!(resolve(&reg, "Pattern Recognition"), "PRL | journal | -");
    assert_eq!(resolve(&reg, "Pattern Recognit."), "PRL | journal | -");
}

#[test]
fn venues_json_format() {
    let text = r#"[
        {"abbr": "LoG", "name": "Learning on Graphs", "kind": "conference",
         "aliases": ["LOG Conference"], "edition_base": 2021},
        {"abbr": "NeurIPS", "name": "NeurIPS", "kind": "conference",
         "former": {"abbr": "NIPS", "until": 2017}, "volume_base": 1987}
    ]"#;
    let defs = registry::parse_user_venues(text).expect("valid");
    assert_eq!(defs[0].edition_base, Some(2021));
    assert_eq!(defs[1].former.as_ref().map(|f| f.until), Some(2017));
    for (bad, says) in [
        (
            r#"[{"abbr": "X", "name": "Y", "kind": "poster"}]"#,
            "unknown variant `poster`",
        ),
        (
            r#"[{"abbr": "X", "name": "Y", "kind": "journal", "alias": []}]"#,
            "unknown field `alias`",
        ),
        (
            r#"[{"abbr": "X", "kind": "journal"}]"#,
            "missing field `name`",
        ),
        (
            r#"[{"abbr": "--", "name": "Y", "kind": "journal"}]"#,
            "has no letters",
        ),
        (
            r#"[{"abbr": "X", "name": " ", "kind": "journal"}]"#,
            "empty `name`",
        ),
        (r#"{"abbr": "X"}"#, "expected a sequence"),
    ] {
        let err = registry::parse_user_venues(bad).expect_err(bad).to_string();
        assert!(err.contains(says), "{bad}: {err}");
    }
}

#[test]
fn the_readme_example_is_a_valid_venues_json() {
    let readme = include_str!("../../../README.md");
    let section = &readme[readme.find("### `venues.json`").expect("the section")..];
    let start = section.find("```json\n").expect("a JSON block") + "```json\n".len();
    let end = start + section[start..].find("```").expect("closed");
    let defs = registry::parse_user_venues(&section[start..end]).expect("valid");
    let mut reg = Registry::default();
    reg.extend(defs);
    assert_eq!(
        resolve(&reg, "Pattern Recognition Letters"),
        "PRL | journal | -"
    );
    assert_eq!(
        resolve(&reg, "LoG Conference 2023"),
        "LoG | conference | 2023"
    );
}

#[test]
fn suggestions_reach_venues_with_very_long_names() {
    // 70 distinct words, each a stem of its own.
    let words: Vec<String> = (0..70)
        .map(|i| {
            format!(
                "{}word",
                char::from(b'a' + (i % 26) as u8)
                    .to_string()
                    .repeat(1 + i / 26)
            )
        })
        .collect();
    let name = words.join(" ");
    let text = format!(r#"[{{"abbr": "LONG", "name": "{name}", "kind": "journal"}}]"#);
    let mut reg = Registry::default();
    reg.extend(registry::parse_user_venues(&text).expect("valid"));
    // All but the last word, one of them misspelled: near enough.
    let query = words[..69].join(" ").replacen("bword", "bwrod", 1);
    assert_eq!(reg.nearest(&query).map(|d| d.abbr.as_str()), Some("LONG"));
    // A handful of its words is not.
    assert_eq!(
        reg.nearest(&words[..5].join(" ")).map(|d| d.abbr.as_str()),
        None
    );
}

#[test]
fn award_in_finds_the_award_the_parse_finds() {
    let reg = Registry::default();
    let mut with_award = 0;
    for (text, _) in TABLE {
        assert_eq!(award_in(text), reg.parse(text).award, "{text}");
        with_award += usize::from(award_in(text).is_some());
    }
    assert!(with_award >= 3, "the table has awards to find");
    for text in [
        "arXiv preprint arXiv:2401.01234 (Oral)",
        "CoRR (Spotlight, Top 3%), abs/2401.01234",
        "arXiv e-prints (Best Paper Award)",
    ] {
        assert_eq!(award_in(text), reg.parse(text).award, "{text}");
        assert!(award_in(text).is_some(), "{text}");
    }
}

proptest::proptest! {
    #[test]
    fn award_in_agrees_with_parse(text in "[a-zA-Z0-9 ]{0,12}(\\((Oral|Spotlight|Best Paper|NeurIPS|2024|, ){0,3}\\))?[a-z ]{0,6}") {
        static REG: std::sync::LazyLock<Registry> = std::sync::LazyLock::new(Registry::default);
        proptest::prop_assert_eq!(award_in(&text), REG.parse(&text).award);
    }
}

proptest::proptest! {
    #[test]
    fn abbreviation_tokens_counted_by_byte_agree_with_splitting_words(
        text in "(ICML|NeurIPS|Ab|aB|A|b|é|É|-|_| |[A-Za-z0-9.(),:]){0,10}"
    ) {
        let by_words = text
            .split(|c: char| !c.is_alphanumeric())
            .any(is_abbreviation_token);
        proptest::prop_assert_eq!(has_abbreviation_token(&text), by_words);
    }
}

#[test]
fn text_without_opening_brackets_is_all_outside() {
    assert_eq!(
        split_parentheticals("ICML) 2024] x"),
        ("ICML) 2024] x".to_string(), Vec::new())
    );
    assert_eq!(
        split_parentheticals("ICML (Oral) [x]"),
        (
            "ICML    ".to_string(),
            vec!["Oral".to_string(), "x".to_string()]
        )
    );
}

#[test]
fn journals_named_with_award_words_keep_their_names() {
    let reg = Registry::default();
    for text in [
        "Oral Oncology",
        "Oral Surgery, Oral Medicine, Oral Pathology and Oral Radiology",
        "Highlights of Astronomy",
    ] {
        let parse = reg.parse(text);
        assert_eq!((parse.cleaned.as_str(), parse.award), (text, None));
    }
    let parse = reg.parse("Journal of Statistical Physics, Best Paper Award");
    assert_eq!(parse.cleaned, "Journal of Statistical Physics");
    assert_eq!(parse.award.as_deref(), Some("Best Paper Award"));
}

#[test]
fn a_renamed_venue_has_its_old_name_and_abbreviation_before_the_change() {
    let reg = Registry::default();
    let parse = reg.parse("IEEE Transactions on Neural Networks");
    let old = reg.venue(&parse, Kind::Other, Some(1998));
    assert_eq!(
        (old.abbr.as_deref(), old.name.as_str()),
        (Some("TNN"), "IEEE Transactions on Neural Networks")
    );
    let new = reg.venue(&parse, Kind::Other, Some(2015));
    assert_eq!(
        (new.abbr.as_deref(), new.name.as_str()),
        (
            Some("TNNLS"),
            "IEEE Transactions on Neural Networks and Learning Systems"
        )
    );
    // A former abbreviation alone is only an abbreviation (NIPS).
    let nips = reg.venue(&reg.parse("NIPS"), Kind::Other, Some(2016));
    assert_eq!(
        nips.name,
        "Conference on Neural Information Processing Systems"
    );
}
