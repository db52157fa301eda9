//! `publist cite FILE`: a statement written with citation keys (`[@key]`,
//! `[@key1; @key2]`) rendered with the papers' current numbers (`[8][12]`),
//! so it never drifts when a new paper shifts the numbers.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use super::tags::{SyntaxArg, emit_all, read_statement};
use super::{Context, stdout_err};
use crate::error::Error;
use crate::tags;

const EXAMPLES: &str = "\
Examples:
  publist cite statement.md > cv-interests.md
  publist cite statement.md | publist tags /dev/stdin

A key citation is [@key] or [@key1; @key2] (commas work too); it becomes
[8][12], in ascending order. Everything else is printed unchanged.";

/// Print a statement with key citations ([@key]) replaced by current numbers ([8])
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct CiteArgs {
    /// The statement: Markdown, plain text or LaTeX
    file: PathBuf,

    /// How FILE is written [default: from its extension and content]
    #[arg(long, value_enum)]
    syntax: Option<SyntaxArg>,
}

/// Runs `cite`.
pub fn run(args: &CiteArgs, ctx: &Context, out: &mut dyn Write) -> Result<ExitCode, Error> {
    let (statement, _) = read_statement(&args.file, args.syntax)?;
    let lib = ctx.load(true)?;
    let rewrite = tags::cite(&statement, lib);
    emit_all(ctx, &rewrite.diagnostics);
    if rewrite.failed() {
        eprintln!("nothing was printed: fix the keys above first");
        return Ok(ExitCode::from(1));
    }
    out.write_all(rewrite.text.as_bytes()).map_err(stdout_err)?;
    if rewrite.total == 0 {
        eprintln!(
            "{}: no [@key] citations found; printed unchanged",
            args.file.display()
        );
    }
    Ok(ExitCode::SUCCESS)
}
