//! `publist cv`: the CV's own text list byte for byte, grouping and
//! renumbering, snapshots of every format for the bundled library and for
//! special characters, and the outputs checked by real programs (pdflatex
//! and pdftotext, tidy, pandoc).

use std::path::Path;

use super::export::{client, cv_titles, require_tool, squash, stdout};
use super::{publist, render, run};

/// The CV's own list: the exact expected output of `publist cv`.
const EXPECTED_CV: &str = include_str!("../fixtures/cv/expected-cv.txt");

const SPECIAL: &str = "tests/fixtures/valid/special-characters.bib";

#[test]
fn text_is_the_cvs_list_byte_for_byte() {
    assert_eq!(stdout(&["cv"]), EXPECTED_CV);
    assert_eq!(stdout(&["cv", "--format", "text"]), EXPECTED_CV);
}

/// The labels of a text CV, per heading: `[("2024", [12, 11, ...]), ...]`.
fn labels_by_heading(text: &str) -> Vec<(String, Vec<usize>)> {
    let mut groups: Vec<(String, Vec<usize>)> = Vec::new();
    for line in text
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('*'))
    {
        match line.split_once(". ").and_then(|(n, _)| n.parse().ok()) {
            Some(n) => match groups.last_mut() {
                Some(group) => group.1.push(n),
                None => groups.push((String::new(), vec![n])),
            },
            None => groups.push((line.to_string(), Vec::new())),
        }
    }
    groups
}

#[test]
fn group_by_year_keeps_global_numbers() {
    let text = stdout(&["cv", "--group-by", "year"]);
    assert_eq!(
        labels_by_heading(&text),
        [
            ("2024".to_string(), vec![12, 11, 10, 9, 8, 7]),
            ("2023".to_string(), vec![6, 5, 4]),
            ("2022".to_string(), vec![3, 2, 1]),
        ]
    );
    insta::assert_snapshot!(text);
}

#[test]
fn group_by_kind_and_ascending_order() {
    let text = stdout(&["cv", "--group-by", "kind", "--order", "asc"]);
    assert_eq!(
        labels_by_heading(&text),
        [
            (
                "Conference papers".to_string(),
                vec![2, 3, 4, 6, 7, 8, 9, 10]
            ),
            ("Workshop papers".to_string(), vec![5]),
            ("Preprints".to_string(), vec![1, 11, 12]),
        ]
    );
}

#[test]
fn renumber_numbers_the_selection() {
    let text = stdout(&[
        "cv",
        "--venue",
        "NeurIPS",
        "--kind",
        "conference",
        "--renumber",
    ]);
    assert_eq!(
        labels_by_heading(&text),
        [(String::new(), vec![6, 5, 4, 3, 2, 1])]
    );
    // The same papers as the global numbers 10, 9, 8, 4, 3, 2, in that order.
    let global = stdout(&["cv", "--number", "10,9,8,4,3,2"]);
    let strip = |t: &str| -> Vec<String> {
        t.lines()
            .map(|l| l.split_once(". ").map_or(l, |(_, rest)| rest).to_string())
            .collect()
    };
    assert_eq!(strip(&text), strip(&global));
    insta::assert_snapshot!(text);
}

#[test]
fn renumbered_groups_count_across_the_selection() {
    let text = stdout(&["cv", "--year", "2023..", "--group-by", "year", "--renumber"]);
    assert_eq!(
        labels_by_heading(&text),
        [
            ("2024".to_string(), vec![9, 8, 7, 6, 5, 4]),
            ("2023".to_string(), vec![3, 2, 1]),
        ]
    );
}

#[test]
fn no_equal_contribution_note_without_marks() {
    let text = stdout(&["cv", "--number", "10"]);
    assert!(!text.contains("equal contribution"), "{text}");
    assert!(stdout(&["cv", "--number", "11"]).starts_with("* indicates equal contribution.\n"));
}

#[test]
fn markdown_bundled() {
    insta::assert_snapshot!(run(&["cv", "--format", "markdown"]));
}

#[test]
fn latex_bundled() {
    insta::assert_snapshot!(run(&["cv", "--format", "latex"]));
}

#[test]
fn html_bundled() {
    insta::assert_snapshot!(run(&["cv", "--format", "html"]));
}

#[test]
fn markdown_special_characters() {
    insta::assert_snapshot!(run(&["--bib", SPECIAL, "cv", "--format", "markdown"]));
}

#[test]
fn latex_special_characters() {
    insta::assert_snapshot!(run(&["--bib", SPECIAL, "cv", "--format", "latex"]));
}

#[test]
fn html_special_characters() {
    insta::assert_snapshot!(run(&["--bib", SPECIAL, "cv", "--format", "html"]));
}

#[test]
fn text_special_characters() {
    insta::assert_snapshot!(run(&["--bib", SPECIAL, "cv"]));
}

#[test]
fn standalone_documents() {
    insta::assert_snapshot!(run(&[
        "cv",
        "--format",
        "latex",
        "--standalone",
        "--group-by",
        "year",
        "--number",
        "12,5"
    ]));
    insta::assert_snapshot!(run(&[
        "cv",
        "--format",
        "html",
        "--standalone",
        "--group-by",
        "kind",
        "--order",
        "asc",
        "--number",
        "12,5,4"
    ]));
    insta::assert_snapshot!(run(&[
        "cv",
        "--format",
        "markdown",
        "--standalone",
        "--group-by",
        "year",
        "--number",
        "4-6"
    ]));
}

#[test]
fn highlight_another_author() {
    let md = stdout(&[
        "cv",
        "--format",
        "markdown",
        "--highlight",
        "Wu, L.",
        "--number",
        "3",
    ]);
    assert!(
        md.contains("**Lei Wu**, Mingze Wang, Weijie J. Su."),
        "{md}"
    );
    insta::assert_snapshot!(run(&["cv", "--highlight", "Nobody Here", "--number", "3"]));
}

#[test]
fn output_file_and_usage_errors() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let target = dir.path().join("cv.txt");
    let out = publist()
        .args(["cv", "-o", &target.to_string_lossy()])
        .output()
        .expect("the binary runs");
    assert!(out.status.success(), "{}", render(&out));
    assert!(out.stdout.is_empty());
    assert_eq!(std::fs::read_to_string(&target).unwrap(), EXPECTED_CV);
    insta::assert_snapshot!(run(&["cv", "--format", "docx"]));
    insta::assert_snapshot!(run(&["cv", "--highlight", " "]));
    insta::assert_snapshot!(run(&["cv", "--year", "1990"]));
}

/// The pdflatex log's errors, for a failure message.
fn tex_errors(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(format!("{name}.log")))
        .unwrap_or_default()
        .lines()
        .filter(|l| l.starts_with('!') || l.contains("Error"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Compiles a CV `fragment` `\input` into a bare article in `dir` and
/// returns the PDF's text.
fn input_into_an_article(dir: &Path, fragment: &str) -> String {
    std::fs::write(dir.join("section.tex"), fragment).unwrap();
    std::fs::write(
        dir.join("wrapper.tex"),
        "\\documentclass{article}\n\\begin{document}\n\\input{section}\n\\end{document}\n",
    )
    .unwrap();
    pdflatex_text(dir, "wrapper")
}

/// Compiles `name.tex` in `dir` and returns the PDF's text.
fn pdflatex_text(dir: &Path, name: &str) -> String {
    let out = client(
        dir,
        "pdflatex",
        &[
            "-interaction=nonstopmode",
            "-halt-on-error",
            &format!("{name}.tex"),
        ],
    );
    assert!(
        out.status.success(),
        "pdflatex failed:\n{}",
        tex_errors(dir, name)
    );
    let text = client(
        dir,
        "pdftotext",
        &["-enc", "UTF-8", &format!("{name}.pdf"), "-"],
    );
    assert!(text.status.success());
    String::from_utf8_lossy(&text.stdout).into_owned()
}

/// pdflatex compiles the standalone document; the PDF shows all twelve
/// titles and the twelve labels.
#[test]
fn latex_compiles_with_pdflatex() {
    if !require_tool("pdflatex") || !require_tool("pdftotext") {
        return;
    }
    let dir = tempfile::tempdir().expect("a temp dir");
    let tex = stdout(&["cv", "--format", "latex", "--standalone"]);
    std::fs::write(dir.path().join("cv.tex"), tex).unwrap();
    let text = pdflatex_text(dir.path(), "cv");
    let squashed = squash(&text);
    for title in cv_titles() {
        assert!(
            squashed.contains(&squash(&title)),
            "the PDF lacks {title:?}:\n{text}"
        );
    }
    for n in 1..=12 {
        assert!(
            text.contains(&format!("[{n}]")),
            "the PDF lacks the label [{n}]"
        );
    }
}

/// Special characters compile too, standalone and as a section `\input`
/// into a bare article (no packages), and reach the PDF as text.
#[test]
fn latex_special_characters_compile() {
    if !require_tool("pdflatex") || !require_tool("pdftotext") {
        return;
    }
    let dir = tempfile::tempdir().expect("a temp dir");
    let standalone = stdout(&["--bib", SPECIAL, "cv", "--format", "latex", "--standalone"]);
    std::fs::write(dir.path().join("special.tex"), standalone).unwrap();
    let text = pdflatex_text(dir.path(), "special");
    for phrase in [
        "R&D: 50% Faster with snake_case & <Tags>",
        "Braces {x} in #Hashtags, ~Tilde and ^Caret",
        "Costs of $5 and $10",
        "A Backslash \\ and a Pipe | in a Title?",
        "Jörg Müller",
        "Łukasz Kaiser",
        "Université de Montréal",
    ] {
        assert!(
            compact(&text).contains(&compact(phrase)),
            "the PDF lacks {phrase:?}:\n{text}"
        );
    }
    assert!(text.contains("x2 Bounds"), "math is typeset: {text}");
    let fragment = stdout(&[
        "--bib",
        SPECIAL,
        "cv",
        "--format",
        "latex",
        "--group-by",
        "kind",
    ]);
    let text = input_into_an_article(dir.path(), &fragment);
    assert!(text.contains("Journal articles"), "{text}");
}

/// Math symbols and Greek letters in titles (`≤`, `−`, `α`, `ℓ′`) compile
/// as a section `\input` into a bare article, and nested accents come out
/// as nested commands.
#[test]
fn latex_math_symbols_compile_without_packages() {
    let names = "tests/fixtures/valid/names-and-symbols.bib";
    let fragment = stdout(&["--bib", names, "cv", "--format", "latex"]);
    assert!(fragment.contains(r"Nguy\~{\^{e}}n"), "{fragment}");
    assert!(fragment.contains(r"\ensuremath{\leq}"), "{fragment}");
    if !require_tool("pdflatex") || !require_tool("pdftotext") {
        return;
    }
    let dir = tempfile::tempdir().expect("a temp dir");
    let text = input_into_an_article(dir.path(), &fragment);
    assert!(compact(&text).contains("StepSizes"), "{text}");
}

/// Text without whitespace and hyphens: line breaks and hyphenation vary
/// with the fonts installed, the characters do not.
fn compact(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect()
}

/// tidy finds no error or warning in the standalone pages.
#[test]
fn html_is_valid_html5() {
    if !require_tool("tidy") {
        return;
    }
    let dir = tempfile::tempdir().expect("a temp dir");
    for (name, args) in [
        (
            "bundled",
            vec![
                "cv",
                "--format",
                "html",
                "--standalone",
                "--group-by",
                "year",
            ],
        ),
        (
            "special",
            vec!["--bib", SPECIAL, "cv", "--format", "html", "--standalone"],
        ),
    ] {
        let page = dir.path().join(format!("{name}.html"));
        std::fs::write(&page, stdout(&args)).unwrap();
        let out = client(
            dir.path(),
            "tidy",
            &["-quiet", "-errors", &page.to_string_lossy()],
        );
        assert!(
            out.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// Markdown renderers number a list from its first item: each label must
/// survive pandoc's CommonMark reader.
#[test]
fn markdown_numbers_survive_a_renderer() {
    if !require_tool("pandoc") {
        return;
    }
    let dir = tempfile::tempdir().expect("a temp dir");
    for (args, labels) in [
        (
            vec!["cv", "--format", "markdown"],
            (1..=12).rev().collect::<Vec<usize>>(),
        ),
        (
            vec![
                "cv", "--format", "markdown", "--order", "asc", "--number", "1-4,7",
            ],
            vec![1, 2, 3, 4, 7],
        ),
    ] {
        std::fs::write(dir.path().join("cv.md"), stdout(&args)).unwrap();
        for reader in ["commonmark", "markdown", "gfm"] {
            let out = client(
                dir.path(),
                "pandoc",
                &["--from", reader, "--to", "html", "cv.md"],
            );
            assert!(out.status.success());
            let html = String::from_utf8_lossy(&out.stdout);
            let shown = rendered_labels(&html);
            assert_eq!(shown, labels, "{reader}:\n{html}");
        }
    }
}

/// pandoc's CommonMark reader shows every special-character title as
/// written: the escaping hides Markdown syntax and nothing else.
#[test]
fn markdown_escapes_render_as_the_text() {
    if !require_tool("pandoc") {
        return;
    }
    let dir = tempfile::tempdir().expect("a temp dir");
    std::fs::write(
        dir.path().join("cv.md"),
        stdout(&["--bib", SPECIAL, "cv", "--format", "markdown"]),
    )
    .unwrap();
    let out = client(
        dir.path(),
        "pandoc",
        &[
            "--from",
            "commonmark",
            "--to",
            "html",
            "--wrap=none",
            "cv.md",
        ],
    );
    assert!(out.status.success());
    let html = String::from_utf8_lossy(&out.stdout);
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    let text = text
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    let list = super::json(&["--bib", SPECIAL, "list", "--format", "json"]);
    for p in list.as_array().unwrap() {
        let title = p["title"].as_str().unwrap();
        assert!(
            text.contains(title),
            "pandoc shows {title:?} otherwise:\n{text}"
        );
    }
}

/// The number each `<li>` shows in pandoc's HTML (`<ol start=N>` counts up).
fn rendered_labels(html: &str) -> Vec<usize> {
    let mut labels = Vec::new();
    let mut next = 1;
    for token in html.split('<') {
        if token.starts_with("ol") {
            next = token
                .split("start=\"")
                .nth(1)
                .and_then(|s| s.split('"').next())
                .and_then(|s| s.parse().ok())
                .unwrap_or(1);
        } else if token.starts_with("li>") || token.starts_with("li ") {
            labels.push(next);
            next += 1;
        }
    }
    labels
}
