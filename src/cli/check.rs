//! `publist check`: lint the library.

use std::io::Write;
use std::process::ExitCode;

use clap::ValueEnum;
use serde::Serialize;

use super::{Context, stdout_err};
use crate::check::{check_library, tally};
use crate::error::{Diagnostic, Error, Severity};

const EXAMPLES: &str = "\
Examples:
  publist check                       every finding, with a hint
  publist check --strict              warnings fail too (for CI)
  publist check --format json | jq '.findings[] | select(.severity == \"error\")'";

/// Lint the library: syntax, duplicates, missing fields, unknown venues,
/// venue years, arXiv ids, coauthor spellings, formatting.
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct CheckArgs {
    /// Output format
    #[arg(long, short, value_enum, default_value_t = CheckFormat::Text)]
    format: CheckFormat,

    /// Exit 1 on warnings too
    #[arg(long)]
    strict: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum CheckFormat {
    /// Diagnostics for people
    Text,
    /// A JSON object with every finding
    Json,
}

#[derive(Serialize)]
struct Report<'a> {
    path: String,
    entries: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
    findings: &'a [Diagnostic],
}

/// Findings rendered into one piece of output (about 24 KiB, which stays
/// in the cache while it is written out).
const FINDINGS_PER_PIECE: usize = 64;

/// Below twice this many findings, they are rendered on one core.
const PARALLEL_FINDINGS: usize = 2000;

/// Runs `check`.
pub fn run(args: &CheckArgs, ctx: &Context, out: &mut dyn Write) -> Result<ExitCode, Error> {
    // A JSON report is written even when no entry loads: a CI step reading
    // it gets the syntax errors instead of nothing (the exit code is 2).
    let lib = match args.format {
        CheckFormat::Json => ctx.load_even_if_empty()?,
        CheckFormat::Text => ctx.load(false)?,
    };
    let findings = check_library(lib);
    let (errors, warnings, infos) = tally(&findings);
    match args.format {
        CheckFormat::Json => {
            let report = Report {
                path: lib.source.path().display().to_string(),
                entries: lib.entry_count(),
                errors,
                warnings,
                infos,
                findings: &findings,
            };
            serde_json::to_writer_pretty(&mut *out, &report).map_err(|e| stdout_err(e.into()))?;
            writeln!(out).map_err(stdout_err)?;
        }
        CheckFormat::Text => {
            // A large library has tens of thousands of findings: cores
            // render them a few at a time, written out in order as they come.
            let (format, color) = (ctx.message_format, ctx.color());
            crate::par::stream(
                findings.len(),
                FINDINGS_PER_PIECE,
                PARALLEL_FINDINGS,
                |r, text: &mut String| {
                    for d in &findings[r] {
                        d.render_into(format, color, text);
                    }
                },
                |text| {
                    let written = out.write_all(text.as_bytes());
                    text.clear();
                    written
                },
            )
            .map_err(stdout_err)?;
            writeln!(
                out,
                "{}: {} entries, {errors} {}, {warnings} {}, {infos} {}",
                lib.source.path().display(),
                lib.entry_count(),
                if errors == 1 { "error" } else { "errors" },
                if warnings == 1 { "warning" } else { "warnings" },
                if infos == 1 { "info" } else { "infos" },
            )
            .map_err(stdout_err)?;
        }
    }
    let failed = findings
        .iter()
        .any(|d| d.severity == Severity::Error || (args.strict && d.severity == Severity::Warning));
    // The process ends next: like the library (see `Context::load`), the
    // findings (tens of thousands of small allocations in a large library)
    // are left to the exit rather than freed one by one.
    std::mem::forget(findings);
    Ok(if lib.is_empty() && lib.skipped > 0 {
        ExitCode::from(2)
    } else if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
