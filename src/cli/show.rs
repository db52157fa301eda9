//! `publist show N|KEY`: one paper with every field.

use std::io::Write;
use std::process::ExitCode;

use clap::ValueEnum;
use serde::Serialize;

use super::{Context, stdout_err};
use crate::error::Error;
use crate::format::author_list;
use crate::model::Publication;

/// Show one paper with every field, by CV number or citation key.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  publist show 12\n  publist show wang2024transformer --format json"
)]
pub struct ShowArgs {
    /// A CV number (12) or a citation key
    paper: String,

    /// Output format
    #[arg(long, short, value_enum, default_value_t = ShowFormat::Text)]
    format: ShowFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ShowFormat {
    /// Readable text
    Text,
    /// The model plus every raw field, as JSON
    Json,
}

#[derive(Serialize)]
struct Shown<'a> {
    #[serde(flatten)]
    publication: &'a Publication,
    fields: serde_json::Map<String, serde_json::Value>,
}

/// Runs `show`.
pub fn run(args: &ShowArgs, ctx: &Context, out: &mut dyn Write) -> Result<ExitCode, Error> {
    let lib = ctx.load(true)?;
    let wanted = args
        .paper
        .trim()
        .trim_start_matches('[')
        .trim_end_matches(']');
    let index = wanted
        .parse::<usize>()
        .ok()
        .and_then(|n| lib.index_of_number(n))
        .or_else(|| lib.index_of_key(wanted));
    let Some(index) = index else {
        let hint = match wanted.parse::<usize>() {
            Ok(_) => format!("numbers run from 1 to {}", lib.len()),
            Err(_) => "run `publist list` to see numbers and `--format csv` for keys".to_string(),
        };
        return Err(Error::Usage(format!(
            "no paper `{}` in {}\n   = hint: {hint}",
            args.paper,
            lib.source.path().display()
        )));
    };
    let p = &lib.publication(index);
    let fields = lib.field_values(index);
    match args.format {
        ShowFormat::Json => {
            let shown = Shown {
                publication: p,
                fields: fields
                    .into_iter()
                    .map(|(k, v)| (k, serde_json::Value::String(v)))
                    .collect(),
            };
            serde_json::to_writer_pretty(&mut *out, &shown).map_err(|e| stdout_err(e.into()))?;
            writeln!(out).map_err(stdout_err)?;
        }
        ShowFormat::Text => {
            let mut lines = vec![format!("[{}] {}", p.number, p.title)];
            let mut row = |name: &str, value: String| {
                if !value.is_empty() {
                    lines.push(format!("  {name:<10} {value}"));
                }
            };
            row("key", p.key.clone());
            row("type", p.entry_type.clone());
            row(
                "authors",
                author_list(p, |out, n, owner| {
                    out.push_str(n);
                    if owner {
                        out.push_str(" (owner)");
                    }
                }),
            );
            row("venue", format!("{} ({})", p.venue.label(), p.venue.kind));
            if p.venue.abbr.is_some() {
                row("", p.venue.name.clone());
            }
            if let Some(ws) = &p.venue.workshop {
                row(
                    "workshop",
                    format!(
                        "{}{}",
                        ws.name,
                        ws.short
                            .as_ref()
                            .map_or(String::new(), |s| format!(" ({s})"))
                    ),
                );
            }
            row("year", p.year.map_or(String::new(), |y| y.to_string()));
            row("status", p.status.to_string());
            row("arxiv", p.arxiv.clone().unwrap_or_default());
            row(
                "pagetotal",
                p.pagetotal.map_or(String::new(), |n| n.to_string()),
            );
            row("pages", p.pages.clone().unwrap_or_default());
            row("award", p.award.clone().unwrap_or_default());
            row("keywords", p.keywords.join(", "));
            row("doi", p.doi.clone().unwrap_or_default());
            row("url", p.url.clone().unwrap_or_default());
            row("note", p.note.clone().unwrap_or_default());
            row(
                "location",
                format!("{}:{}", lib.source.path().display(), lib.line_of(index)),
            );
            lines.push(String::new());
            lines.push("fields:".to_string());
            let width = fields.iter().map(|(k, _)| k.len()).max().unwrap_or(0);
            for (k, v) in fields {
                lines.push(format!("  {k:<width$} = {v}"));
            }
            writeln!(out, "{}", lines.join("\n")).map_err(stdout_err)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
