//! The venue spelling table: each row is a string seen in real `.bib` files
//! and the (abbreviation, kind, year) it must normalize to.

use super::*;

fn resolve(text: &str) -> String {
    let reg = Registry::default();
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
    if let Some(award) = &parse.award {
        out.push_str(&format!(" | award: {award}"));
    }
    out
}

#[test]
fn cv_spellings() {
    let table = [
        (
            "Conference on Neural Information Processing Systems (NeurIPS 2024)",
            "NeurIPS | conference | 2024",
        ),
        (
            "Conference on Neural Information Processing Systems (NeurIPS 2022)",
            "NeurIPS | conference | 2022",
        ),
        (
            "Conference on Neural Information Processing Systems (NeurIPS 2023, Spotlight (Top 3.5%))",
            "NeurIPS | conference | 2023 | award: Spotlight (Top 3.5%)",
        ),
        (
            "Annual Meeting of the Association for Computational Linguistics, (ACL 2024)",
            "ACL | conference | 2024",
        ),
        (
            "Annual Meeting of the Association for Computational Linguistics (ACL 2024)",
            "ACL | conference | 2024",
        ),
        (
            "International Conference on Machine Learning (ICML 2024)",
            "ICML | conference | 2024",
        ),
        (
            "NeurIPS 2023 Workshop on Mathematics of Modern Machine Learning (NeurIPS 2023 Workshop M3L)",
            "NeurIPS | workshop | 2023 | Mathematics of Modern Machine Learning | M3L",
        ),
    ];
    for (input, expected) in table {
        assert_eq!(resolve(input), expected, "{input}");
    }
}

#[test]
fn fold_removes_noise() {
    assert_eq!(
        fold_venue("Thirty-Eighth Annual Conference on Neural Information Processing Systems"),
        "conference neural information processing systems"
    );
    assert_eq!(stated_year("NeurIPS'23"), Some(2023));
    assert_eq!(stated_year("pages 1999--2005"), Some(1999));
}
