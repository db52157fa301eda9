//! `publist list`: filtered tables, JSON and CSV, newest first.

use std::io::Write;
use std::process::ExitCode;

use clap::ValueEnum;

use super::{Context, FilterArgs, stdout_err};
use crate::error::Error;
use crate::format::json::write_selected_json;
use crate::format::table::{TableOptions, write_csv, write_table};

const EXAMPLES: &str = "\
Examples:
  publist list --venue NeurIPS --year 2024
  publist list --year 2022..2023 --kind conference
  publist list --author \"Wu, Lei\" --status submitted
  publist list --tags \"[8][12]\" --format json
  publist list --title '(?i)transformer' --width 100";

/// List papers as a table (or JSON/CSV), newest first, numbered as on the CV.
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct ListArgs {
    #[command(flatten)]
    filters: FilterArgs,

    /// Output format
    #[arg(long, short, value_enum, default_value_t = ListFormat::Table)]
    format: ListFormat,

    /// Table width in columns [default: the terminal's, or 120 off a terminal]
    #[arg(long, value_name = "N")]
    width: Option<u16>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ListFormat {
    /// A table for people
    Table,
    /// The model as a JSON array
    Json,
    /// Comma-separated values
    Csv,
}

/// Runs `list`.
pub fn run(args: &ListArgs, ctx: &Context, out: &mut dyn Write) -> Result<ExitCode, Error> {
    let query = args.filters.to_query()?;
    let lib = ctx.load(true)?;
    match args.format {
        // Normalized and written a chunk at a time.
        ListFormat::Json => {
            if write_selected_json(out, lib, &query).map_err(stdout_err)? == 0 {
                ctx.say_none_match(&query);
            }
        }
        ListFormat::Csv => write_csv(out, &ctx.select(lib, &query)).map_err(stdout_err)?,
        ListFormat::Table => {
            let pubs = ctx.select(lib, &query);
            if !pubs.is_empty() {
                let opts = TableOptions {
                    width: ctx.table_width(args.width),
                    color: ctx.color(),
                };
                write_table(out, &pubs, opts).map_err(stdout_err)?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
