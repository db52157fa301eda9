//! `list` output: a table for people, CSV for spreadsheets.

use std::io::{self, Write};

use super::author_list;
use super::grid::Grid;
use crate::model::{Kind, Publication, Status};

/// How to draw the table.
#[derive(Debug, Clone, Copy)]
pub struct TableOptions {
    /// Total width in columns.
    pub width: u16,
    /// Whether to style with ANSI escapes (owner in bold).
    pub color: bool,
}

/// The owner's name: bold on a colour terminal, `[name]` otherwise, so it
/// stays visible in a pipe or a file.
fn mark_owner(out: &mut String, name: &str, owner: bool, color: bool) {
    let (open, close) = match (owner, color) {
        (false, _) => ("", ""),
        (true, true) => ("\x1b[1m", "\x1b[0m"),
        (true, false) => ("[", "]"),
    };
    out.push_str(open);
    out.push_str(name);
    out.push_str(close);
}

/// Writes the No./Year/Venue/Title/Authors/Status table, laid out as
/// comfy-table lays it out (see [`Grid`]); No. and Year keep their width,
/// Title and Authors wrap.
pub fn write_table(
    out: &mut dyn Write,
    pubs: &[&Publication],
    opts: TableOptions,
) -> io::Result<()> {
    let rows = crate::par::map(pubs.len(), 1000, |k| {
        let p = pubs[k];
        [
            p.number.to_string(),
            p.year.map_or(String::new(), |y| y.to_string()),
            venue_cell(p),
            p.title.clone(),
            author_list(p, |out, n, owner| mark_owner(out, n, owner, opts.color)),
            status_cell(p),
        ]
    });
    let grid = Grid {
        header: ["No.", "Year", "Venue", "Title", "Authors", "Status"].map(String::from),
        rows,
        width: opts.width,
        lower_bounds: [Some(4), Some(4), None, None, None, None],
    };
    grid.write(out)
}

/// The status as a reader means it: an arXiv paper with no `pubstate` is
/// a preprint, not "published" (the JSON keeps biblatex's `published`).
fn status_cell(p: &Publication) -> String {
    if p.status == Status::Published && p.venue.kind == Kind::Preprint {
        "preprint".to_string()
    } else {
        p.status.to_string()
    }
}

fn venue_cell(p: &Publication) -> String {
    let mut label = p.venue.label();
    if let Some(award) = &p.award {
        label.push_str(&format!(" ({award})"));
    }
    label
}

/// Writes the same columns as CSV (RFC 4180 quoting), plus key, kind and arXiv id.
pub fn write_csv(out: &mut dyn Write, pubs: &[&Publication]) -> io::Result<()> {
    writeln!(out, "number,key,year,venue,kind,title,authors,status,arxiv")?;
    for p in pubs {
        let fields = [
            p.number.to_string(),
            p.key.clone(),
            p.year.map_or(String::new(), |y| y.to_string()),
            p.venue.label(),
            p.venue.kind.to_string(),
            p.title.clone(),
            author_list(p, |out, n, _| out.push_str(n)),
            p.status.to_string(),
            p.arxiv.clone().unwrap_or_default(),
        ];
        let line: Vec<String> = fields.iter().map(|f| csv_quote(f)).collect();
        writeln!(out, "{}", line.join(","))?;
    }
    Ok(())
}

fn csv_quote(field: &str) -> String {
    if field.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_string()
    }
}
