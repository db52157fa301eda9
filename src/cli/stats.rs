//! `publist stats`: counts and coauthors for the selected papers.

use std::io::Write;
use std::process::ExitCode;

use clap::ValueEnum;

use super::{Context, FilterArgs, stdout_err};
use crate::error::Error;
use crate::stats::compute;

/// Count papers by year, kind, status and venue, and list coauthors
/// (one person however written).
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  publist stats\n  publist stats --year 2023.. --format json")]
pub struct StatsArgs {
    #[command(flatten)]
    filters: FilterArgs,

    /// Output format
    #[arg(long, short, value_enum, default_value_t = StatsFormat::Text)]
    format: StatsFormat,

    /// How many coauthors to show in text output
    #[arg(long, default_value_t = 10, value_name = "N")]
    top: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum StatsFormat {
    /// Readable text
    Text,
    /// JSON
    Json,
}

/// Runs `stats`.
pub fn run(args: &StatsArgs, ctx: &Context, out: &mut dyn Write) -> Result<ExitCode, Error> {
    let query = args.filters.to_query()?;
    let lib = ctx.load(true)?;
    // Left to the exit, as `Context::select` leaves them.
    let pubs: Vec<&crate::model::Publication> = lib.select(&query).leak().iter().collect();
    let stats = compute(&pubs);
    if args.format == StatsFormat::Json {
        serde_json::to_writer_pretty(&mut *out, &stats).map_err(|e| stdout_err(e.into()))?;
        writeln!(out).map_err(stdout_err)?;
        return Ok(ExitCode::SUCCESS);
    }
    let join = |rows: &[(String, usize)]| {
        rows.iter()
            .map(|(k, n)| format!("{k} {n}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut lines = vec![
        format!("papers        {}", stats.total),
        format!(
            "first author  {} (you first or equal first)",
            stats.first_author
        ),
        format!("equal contrib {}", stats.equal_contribution),
        format!(
            "by year       {}",
            stats
                .by_year
                .iter()
                .map(|(y, n)| format!("{y} {n}"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        format!("by kind       {}", join(&stats.by_kind)),
        format!("by status     {}", join(&stats.by_status)),
        format!("by venue      {}", join(&stats.by_venue)),
        "coauthors".to_string(),
    ];
    for c in stats.coauthors.iter().take(args.top) {
        let also = if c.also_written.is_empty() {
            String::new()
        } else {
            format!(" (also written {})", c.also_written.join(", "))
        };
        lines.push(format!("  {:>3}  {}{also}", c.papers, c.name));
    }
    writeln!(out, "{}", lines.join("\n")).map_err(stdout_err)?;
    Ok(ExitCode::SUCCESS)
}
