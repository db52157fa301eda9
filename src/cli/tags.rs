//! `publist tags FILE`: checks the numeric tags of a research statement
//! (`[8][12]`, `[3-5]`) against the library's numbers and the topics they
//! are cited under; `--renumber-from OLD.bib` rewrites them after the
//! numbers shifted.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::ValueEnum;

use super::{Context, stdout_err};
use crate::error::{Error, MessageFormat, Severity};
use crate::library::{Library, LoadOptions};
use crate::normalize::venue::Registry;
use crate::tags::{self, Finding, Report, Statement, Syntax, TopicMap};
use crate::write::write_atomic;

const EXAMPLES: &str = "\
Examples:
  publist tags cv.md                          check every [n] tag of the statement
  publist tags cv.md --format json --strict   every tag and finding as JSON; warnings fail too
  publist tags statement.tex --topics my-topics.json
  publist tags cv.md --renumber-from old.bib > cv-new.md
  publist tags cv.md --renumber-from old.bib --write

Findings: unknown-tag and invalid-tag (errors); off-topic and uncovered
(warnings); missing, uncited and no-keywords (infos). Topics match papers by
keywords; `topics.json` beside the library maps labels to more keywords:
  {\"Implicit Bias\": [\"flat-minima\", \"max-margin\"]}";

/// Check a research statement's tags ([8][12], [3-5]) against the library and its topics
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct TagsArgs {
    /// The statement: Markdown, plain text or LaTeX
    file: PathBuf,

    /// Output format
    #[arg(long, short, value_enum, default_value_t = TagsFormat::Text)]
    format: TagsFormat,

    /// Exit 1 on warnings too
    #[arg(long)]
    strict: bool,

    /// Topic label → keywords map [default: topics.json beside the library, if any]
    #[arg(long, value_name = "FILE")]
    topics: Option<PathBuf>,

    /// Rewrite tags numbered against an older library to the current numbers
    #[arg(long, value_name = "OLD.bib", conflicts_with_all = ["format", "strict", "topics"])]
    renumber_from: Option<PathBuf>,

    /// With --renumber-from: replace FILE (atomically) instead of printing it
    #[arg(long, requires = "renumber_from")]
    write: bool,

    /// How FILE is written [default: from its extension and content]
    #[arg(long, value_enum)]
    syntax: Option<SyntaxArg>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum TagsFormat {
    /// Findings as diagnostics, then a summary line
    Text,
    /// {"tags": [...], "findings": [...], "summary": {...}}
    Json,
}

/// `--syntax`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SyntaxArg {
    /// Markdown
    Markdown,
    /// Plain text: Markdown's lists and headings, but indented lines are prose, not code
    Text,
    /// LaTeX
    Latex,
}

/// Reads and parses a statement; keeps the bytes read, so a rewrite can
/// check that the file did not change meanwhile.
pub(crate) fn read_statement(
    path: &Path,
    syntax: Option<SyntaxArg>,
) -> Result<(Statement, Vec<u8>), Error> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let text = match std::str::from_utf8(&bytes) {
        Ok(text) => text.to_string(),
        Err(e) => {
            let line = bytes[..e.valid_up_to()]
                .iter()
                .filter(|&&b| b == b'\n')
                .count()
                + 1;
            return Err(Error::Usage(format!(
                "{}:{line}: the file is not valid UTF-8\n   = hint: save it as UTF-8",
                path.display()
            )));
        }
    };
    let statement = match syntax {
        None => Statement::parse(path, text),
        Some(SyntaxArg::Markdown) => Statement::with_syntax(path, text, Syntax::Markdown),
        Some(SyntaxArg::Text) => Statement::with_syntax(path, text, Syntax::Text),
        Some(SyntaxArg::Latex) => Statement::with_syntax(path, text, Syntax::Latex),
    };
    Ok((statement, bytes))
}

/// Runs `tags`.
pub fn run(args: &TagsArgs, ctx: &Context, out: &mut dyn Write) -> Result<ExitCode, Error> {
    let (statement, bytes) = read_statement(&args.file, args.syntax)?;
    let lib = ctx.load(true)?;
    if let Some(old) = &args.renumber_from {
        return renumber(args, ctx, out, &statement, &bytes, lib, old);
    }
    let map = topic_map(args.topics.as_deref(), &ctx.library_path()?)?;
    let report = tags::check(&statement, lib, &map);
    match args.format {
        TagsFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &report).map_err(|e| stdout_err(e.into()))?;
            writeln!(out).map_err(stdout_err)?;
        }
        TagsFormat::Text => write_text(ctx, out, &statement, &report)?,
    }
    let s = &report.summary;
    let failed = s.errors > 0 || (args.strict && s.warnings > 0);
    // Left to the exit, like the library: a large library's report holds
    // a finding for each of thousands of papers.
    std::mem::forget(report);
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The synonym map: `--topics`, else `topics.json` beside the library.
fn topic_map(explicit: Option<&Path>, library: &Path) -> Result<TopicMap, Error> {
    let path = match explicit {
        Some(p) => p.to_path_buf(),
        None => {
            let beside = library
                .parent()
                .unwrap_or(Path::new("."))
                .join("topics.json");
            if !beside.exists() {
                return Ok(TopicMap::default());
            }
            beside
        }
    };
    let text = std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
    TopicMap::from_json(&text).map_err(|e| {
        let (line, column) = json_error_position(&text, &e);
        let message = e.to_string();
        let message = message
            .strip_suffix(&format!(" at line {} column {}", e.line(), e.column()))
            .unwrap_or(&message);
        Error::Usage(format!(
            "{}:{line}:{column}: invalid topics file: {message}\n   = hint: the file is a JSON object mapping a topic label to keywords, e.g. {{\"Implicit Bias\": [\"flat-minima\", \"max-margin\"]}}",
            path.display(),
        ))
    })
}

/// The line and 1-based character column of a JSON error in `text`.
/// serde_json counts bytes, and says column 0 right after a newline.
fn json_error_position(text: &str, e: &serde_json::Error) -> (usize, usize) {
    let line = e.line().max(1);
    let bytes = e.column();
    let column = text.split('\n').nth(line - 1).map_or(bytes, |l| {
        l.char_indices().take_while(|&(i, _)| i < bytes).count()
    });
    (line, column.max(1))
}

/// Text output shows at most this many findings (errors first).
const MAX_SHOWN: usize = 200;

/// Prints rewrite diagnostics on stderr, at most [`MAX_SHOWN`] of them.
pub(crate) fn emit_all(ctx: &Context, diagnostics: &[crate::error::Diagnostic]) {
    for d in diagnostics.iter().take(MAX_SHOWN) {
        ctx.emit(d);
    }
    if diagnostics.len() > MAX_SHOWN {
        eprintln!("... and {} more", diagnostics.len() - MAX_SHOWN);
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Findings as diagnostics (infos hidden by `--quiet`), then one summary line.
fn write_text(
    ctx: &Context,
    out: &mut dyn Write,
    statement: &Statement,
    report: &Report,
) -> Result<(), Error> {
    let shown: Vec<&Finding> = report
        .findings
        .iter()
        .filter(|f| !ctx.global.quiet || f.severity == Severity::Error)
        .collect();
    // The worst first when there are too many to read; then in text order.
    let mut chosen: Vec<usize> = (0..shown.len()).collect();
    chosen.sort_by_key(|&i| shown[i].severity);
    chosen.truncate(MAX_SHOWN);
    chosen.sort_unstable();
    for f in chosen.iter().map(|&i| shown[i]) {
        let text = f
            .to_diagnostic(statement)
            .render(ctx.message_format, ctx.color());
        write!(out, "{text}").map_err(stdout_err)?;
        if ctx.message_format == MessageFormat::Human {
            writeln!(out).map_err(stdout_err)?;
        }
    }
    if shown.len() > MAX_SHOWN {
        writeln!(
            out,
            "... and {} more; `--format json` lists every finding",
            shown.len() - MAX_SHOWN
        )
        .map_err(stdout_err)?;
    }
    let s = &report.summary;
    let found = match s.first_line.zip(s.last_line) {
        None => "no tags found".to_string(),
        Some((a, b)) => format!(
            "{} on {} cite {} of {}",
            plural(s.tags, "tag", "tags"),
            if a == b {
                format!("line {a}")
            } else {
                format!("lines {a}–{b}")
            },
            s.papers_cited,
            plural(s.papers, "paper", "papers")
        ),
    };
    writeln!(
        out,
        "{}: {found}; {}, {}, {}",
        report.file,
        plural(s.errors, "error", "errors"),
        plural(s.warnings, "warning", "warnings"),
        plural(s.infos, "info", "infos"),
    )
    .map_err(stdout_err)
}

/// `--renumber-from`: the rewritten statement on stdout, or in place.
fn renumber(
    args: &TagsArgs,
    ctx: &Context,
    out: &mut dyn Write,
    statement: &Statement,
    bytes: &[u8],
    lib: &Library,
    old_path: &Path,
) -> Result<ExitCode, Error> {
    let old = Library::load(
        old_path,
        LoadOptions {
            owner: None,
            registry: Registry::default(),
            checks: true,
        },
    )?;
    if old.skipped > 0 {
        for d in old
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
        {
            ctx.emit(d);
        }
        return Err(Error::Usage(format!(
            "{}: {} broken, so its numbers cannot be trusted; nothing was renumbered",
            old_path.display(),
            plural(old.skipped, "entry is", "entries are")
        )));
    }
    let rewrite = tags::renumber(statement, &old, lib);
    emit_all(ctx, &rewrite.diagnostics);
    if rewrite.failed() {
        eprintln!("nothing was renumbered: fix the tags above first");
        return Ok(ExitCode::from(1));
    }
    let summary = format!(
        "renumbered {} of {} from {} to {}",
        rewrite.changed,
        plural(rewrite.total, "tag", "tags"),
        old_path.display(),
        lib.source.path().display()
    );
    if !args.write {
        out.write_all(rewrite.text.as_bytes()).map_err(stdout_err)?;
        eprintln!("{summary}");
    } else if rewrite.changed == 0 {
        eprintln!(
            "{}: no tag changed; the file is untouched",
            args.file.display()
        );
    } else {
        write_atomic(&args.file, rewrite.text.as_bytes(), Some(bytes))?;
        eprintln!("{}: {summary}", args.file.display());
    }
    Ok(ExitCode::SUCCESS)
}
