//! `publist export`: the selected papers as JSON (the model), CSL-JSON,
//! BibTeX or biblatex, to stdout or a file.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::ValueEnum;

use super::{Context, FilterArgs, stdout_err};
use crate::error::Error;
use crate::format::bibtex::{Dialect, write_selected_bib};
use crate::format::csl::write_selected_csl_json;
use crate::format::json::write_selected_json;
use crate::write::write_atomic;

const EXAMPLES: &str = "\
Examples:
  publist export --format bibtex --venue NeurIPS -o neurips.bib
  publist export --format csl-json -o refs.json   for pandoc --citeproc or Zotero
  publist export --format biblatex --year 2024..
  publist export --format json --first";

/// Export the selected papers as JSON, CSL-JSON, BibTeX or biblatex.
///
/// `json` is the model of `list --format json` (see schema/publication.schema.json);
/// `csl-json` is for citeproc processors and Zotero; `bibtex` and `biblatex`
/// write a .bib that loads back into publist with the same papers.
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct ExportArgs {
    /// Output format
    #[arg(long, short, value_enum, default_value_t = ExportFormat::Json)]
    format: ExportFormat,

    /// Write to FILE instead of stdout (replaced atomically)
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,

    // Last, so the options above are not listed under "Filters".
    #[command(flatten)]
    filters: FilterArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ExportFormat {
    /// The model as a JSON array
    Json,
    /// CSL-JSON items (pandoc --citeproc, Zotero)
    #[value(alias = "csl")]
    CslJson,
    /// A .bib for BibTeX (year, journal, eprint + archivePrefix)
    #[value(alias = "bib")]
    Bibtex,
    /// A .bib for biblatex and biber (date, author+an, pubstate, ...)
    Biblatex,
}

/// Runs `export`.
pub fn run(args: &ExportArgs, ctx: &Context, out: &mut dyn Write) -> Result<ExitCode, Error> {
    let query = args.filters.to_query()?;
    refuse_library_as_output(args.output.as_deref(), ctx)?;
    let lib = ctx.load(true)?;
    // Normalized and written a chunk at a time. How many were selected is
    // known once they are rendered, even when the file then cannot be written.
    let mut written = None;
    let delivered = deliver(args.output.as_deref(), out, |w| {
        written = Some(match args.format {
            ExportFormat::Json => write_selected_json(w, lib, &query)?,
            ExportFormat::CslJson => write_selected_csl_json(w, lib, &query)?,
            ExportFormat::Bibtex => write_selected_bib(w, lib, &query, Dialect::Bibtex)?,
            ExportFormat::Biblatex => write_selected_bib(w, lib, &query, Dialect::Biblatex)?,
        });
        Ok(())
    });
    if written == Some(0) {
        ctx.say_none_match(&query);
    }
    delivered?;
    Ok(ExitCode::SUCCESS)
}

/// Refuses an `-o` that names the library itself: an export is a
/// selection without `@string`s or comments, not a replacement for it.
pub(super) fn refuse_library_as_output(output: Option<&Path>, ctx: &Context) -> Result<(), Error> {
    let Some(output) = output.filter(|p| *p != Path::new("-")) else {
        return Ok(());
    };
    let library = ctx.library_path()?;
    let same = match (output.canonicalize(), library.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    if same {
        return Err(Error::Usage(format!(
            "-o {}: that is the library publist reads; nothing was written\n   = hint: write to another file",
            output.display()
        )));
    }
    Ok(())
}

/// Writes what `render` writes to `output`, or to `out` (no `output`, or
/// `-`). A file is replaced at once or not at all; stdout gets the output
/// as it is rendered.
pub(super) fn deliver(
    output: Option<&Path>,
    out: &mut dyn Write,
    render: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), Error> {
    match output {
        // Rendered in memory first: the file is replaced at once, or not at all.
        Some(path) if path != Path::new("-") => {
            let mut rendered = Vec::new();
            render(&mut rendered).map_err(|e| Error::io("<memory>", e))?;
            write_atomic(path, &rendered, None)
        }
        // Written as it is rendered: a large export is not held twice.
        _ => render(out).map_err(stdout_err),
    }
}
