//! The model as JSON: `list --format json`, `export --format json`.

use std::io::{self, Write};

use crate::model::Publication;

/// Writes `pubs` as a pretty JSON array followed by a newline.
pub fn write_json(out: &mut dyn Write, pubs: &[&Publication]) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, pubs).map_err(io::Error::other)?;
    out.write_all(b"\n")
}
