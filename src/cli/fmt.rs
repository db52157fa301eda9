//! `publist fmt`: print, check or rewrite the library in canonical form.

use std::io::Write;
use std::process::ExitCode;

use super::{Context, stdout_err};
use crate::error::Error;
use crate::fmt::{check_format, format_library, write_library};
use crate::write::write_atomic;

const EXAMPLES: &str = "\
Examples:
  publist fmt                  print the canonical library on stdout
  publist fmt --check          exit 1 and name what would change (for CI)
  publist fmt --write          rewrite the file in place, atomically";

/// Write the library in canonical form: newest first, one field order,
/// aligned `=`, equal-contribution marks in `author+an`; nothing else changes.
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct FmtArgs {
    /// Change nothing; exit 1 and name what would change
    #[arg(long, conflicts_with = "write")]
    check: bool,

    /// Rewrite the library file (temporary file + rename)
    #[arg(long)]
    write: bool,
}

/// Runs `fmt`.
pub fn run(args: &FmtArgs, ctx: &Context, out: &mut dyn Write) -> Result<ExitCode, Error> {
    let lib = ctx.load_unchecked()?;
    let path = lib.source.path().to_path_buf();
    if !lib.rewritable() {
        for d in lib.unreadable() {
            ctx.emit(d);
        }
        return Err(Error::Usage(format!(
            "{}: fix the errors above first; publist formats only files it can read completely",
            path.display()
        )));
    }
    if !args.check && !args.write {
        // Straight out, piece by piece: no joined copy of a large library.
        write_library(lib, |piece| out.write_all(piece.as_bytes())).map_err(stdout_err)?;
        return Ok(ExitCode::SUCCESS);
    }
    let formatted = format_library(lib);
    if args.check {
        let report = check_format(lib, &formatted);
        if !report.changed {
            eprintln!("{} is formatted", path.display());
            return Ok(ExitCode::SUCCESS);
        }
        for &i in &report.rewritten {
            let item = &lib.raw.items[i];
            writeln!(
                out,
                "{}:{}: entry `{}` would be rewritten",
                path.display(),
                lib.source.line_col(item.span.start as usize).line,
                item.key.of(lib.source.text())
            )
            .map_err(stdout_err)?;
        }
        if report.reordered {
            writeln!(
                out,
                "{}: entries would be reordered, newest first",
                path.display()
            )
            .map_err(stdout_err)?;
        }
        if report.rewritten.is_empty() && !report.reordered {
            writeln!(
                out,
                "{}: spacing between entries would change",
                path.display()
            )
            .map_err(stdout_err)?;
        }
        eprintln!("run `publist fmt --write` to apply");
        return Ok(ExitCode::from(1));
    }
    // `--write`.
    if formatted == lib.source.text() {
        eprintln!("{} is already formatted", path.display());
    } else {
        write_atomic(
            &path,
            formatted.as_bytes(),
            Some(lib.source.text().as_bytes()),
        )?;
        eprintln!("formatted {}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}
