//! The model as JSON: `list --format json`, `export --format json`; and
//! the pretty JSON array both JSON exports are written as.

use std::io::{self, Write};

use serde::Serialize;

use super::{write_in_pieces, write_selected};
use crate::library::Library;
use crate::model::Publication;
use crate::query::Query;

/// Writes `pubs` as a pretty JSON array followed by a newline.
pub fn write_json(out: &mut dyn Write, pubs: &[&Publication]) -> io::Result<()> {
    write_pretty_array(out, pubs, |p| *p)
}

/// The publications `query` selects from `lib` as [`write_json`] writes
/// them, streamed (see [`write_selected_array`]); returns how many.
pub fn write_selected_json(out: &mut dyn Write, lib: &Library, query: &Query) -> io::Result<usize> {
    write_selected_array(out, lib, query, |p, buf| {
        serde_json::to_writer_pretty(buf, p)
    })
}

/// Items rendered into one piece of output (tens of KiB).
const ITEMS_PER_PIECE: usize = 64;

/// Below twice this many items, they are rendered on one core.
const PARALLEL_ITEMS: usize = 1000;

/// Writes `item(x)` for each of `xs` as `serde_json::to_writer_pretty`
/// writes a sequence, followed by a newline, without a tree of values or
/// a copy of the whole output (see [`write_in_pieces`]).
pub fn write_pretty_array<X: Sync, S: Serialize>(
    out: &mut dyn Write,
    xs: &[X],
    item: impl Fn(&X) -> S + Sync,
) -> io::Result<()> {
    if xs.is_empty() {
        return out.write_all(b"[]\n");
    }
    out.write_all(b"[")?;
    write_in_pieces(
        out,
        xs.len(),
        ITEMS_PER_PIECE,
        PARALLEL_ITEMS,
        |k, piece| {
            piece
                .bytes
                .extend_from_slice(if k == 0 { b"\n  " } else { b",\n  " });
            piece.scratch.clear();
            serde_json::to_writer_pretty(&mut piece.scratch, &item(&xs[k]))
                .map_err(io::Error::other)?;
            indent_into(&piece.scratch, &mut piece.bytes);
            Ok(())
        },
    )?;
    out.write_all(b"\n]\n")
}

/// The publications `query` selects from `lib`, newest first, as the
/// JSON array [`write_pretty_array`] writes, where `item(p, buf)` writes
/// one item with `serde_json::to_writer_pretty`; streamed (see
/// [`write_selected`]). Returns how many were written.
pub(crate) fn write_selected_array(
    out: &mut dyn Write,
    lib: &Library,
    query: &Query,
    item: impl Fn(&Publication, &mut Vec<u8>) -> serde_json::Result<()> + Sync,
) -> io::Result<usize> {
    let written = write_selected(
        out,
        lib,
        query,
        |out| out.write_all(b"["),
        |p, piece| {
            // Each item after a comma; the first one's is dropped.
            piece.bytes.extend_from_slice(b",\n  ");
            piece.scratch.clear();
            item(p, &mut piece.scratch).map_err(io::Error::other)?;
            indent_into(&piece.scratch, &mut piece.bytes);
            Ok(())
        },
    )?;
    out.write_all(if written == 0 { b"[]\n" } else { b"\n]\n" })?;
    Ok(written)
}

/// Appends `json`, pretty-printed at the top level, one level deeper: a
/// JSON text has line breaks only between tokens (strings escape theirs),
/// so every line after the first gains the indent.
fn indent_into(json: &[u8], out: &mut Vec<u8>) {
    let mut rest = json;
    while let Some(i) = memchr::memchr(b'\n', rest) {
        out.extend_from_slice(&rest[..=i]);
        out.extend_from_slice(b"  ");
        rest = &rest[i + 1..];
    }
    out.extend_from_slice(rest);
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};

    /// Item `k` of a test array: nested objects and arrays, empty ones,
    /// and strings holding line breaks, quotes and non-ASCII text.
    fn item(k: usize) -> Value {
        match k % 4 {
            0 => {
                json!({ "id": k, "title": "two\nlines \"quoted\" and ü", "empty": {}, "none": [] })
            }
            1 => json!([k, [k, [k]], { "deep": { "deeper": [true, null, 1.5] } }]),
            2 => json!(format!("just a string {k}\r\n")),
            _ => json!({ "authors": [{ "family": "Müller" }, { "literal": "Team\tX" }] }),
        }
    }

    #[test]
    fn arrays_are_written_as_serde_json_writes_them() {
        // Sizes around a piece and around the threshold for threads.
        for n in [
            0,
            1,
            2,
            63,
            64,
            65,
            2 * PARALLEL_ITEMS - 1,
            2 * PARALLEL_ITEMS + 65,
        ] {
            let items: Vec<Value> = (0..n).map(item).collect();
            let mut expected = serde_json::to_vec_pretty(&items).unwrap();
            expected.push(b'\n');
            let mut written = Vec::new();
            write_pretty_array(&mut written, &items, Value::clone).unwrap();
            assert_eq!(
                String::from_utf8(written).unwrap(),
                String::from_utf8(expected).unwrap(),
                "{n} items"
            );
        }
    }

    #[test]
    fn a_writer_failing_midway_stops_the_array() {
        /// Takes `room` bytes, then fails.
        struct Full {
            taken: Vec<u8>,
            room: usize,
        }
        impl Write for Full {
            fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
                if self.taken.len() + buf.len() > self.room {
                    return Err(io::Error::other("disk full"));
                }
                self.taken.extend_from_slice(buf);
                Ok(buf.len())
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let items: Vec<Value> = (0..3 * PARALLEL_ITEMS).map(item).collect();
        let whole = serde_json::to_vec_pretty(&items).unwrap();
        let mut out = Full {
            taken: Vec::new(),
            room: whole.len() / 2,
        };
        let err = write_pretty_array(&mut out, &items, Value::clone).unwrap_err();
        assert_eq!(err.to_string(), "disk full");
        assert!(!out.taken.is_empty() && whole.starts_with(&out.taken));
    }
}
