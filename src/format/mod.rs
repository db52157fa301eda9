//! Renderers. Each writes to a `&mut dyn Write` and never prints itself.
//!
//! - [`table`]: terminal tables (drawn as comfy-table draws them) and CSV for `list`;
//! - [`json`]: the model as JSON;
//! - [`cv`]: numbered CV sections in text, Markdown, LaTeX and HTML;
//! - [`csl`]: CSL-JSON items for citeproc processors and Zotero;
//! - [`bibtex`]: the selected entries as BibTeX or biblatex.

pub mod bibtex;
pub mod csl;
pub mod cv;
mod grid;
pub mod json;
pub mod table;

use std::io::{self, Write};

use crate::library::Library;
use crate::model::Publication;
use crate::query::Query;

/// A piece of output rendered in memory by [`write_in_pieces`].
#[derive(Default)]
pub(crate) struct Piece {
    /// What goes out, in order.
    pub bytes: Vec<u8>,
    /// Room for a renderer's intermediate text, kept between items.
    pub scratch: Vec<u8>,
    /// How many items `bytes` holds, where the writer counts them.
    pub items: usize,
    /// The first error met while rendering it; nothing after it is written.
    pub error: Option<io::Error>,
}

/// Writes `n` items to `out` in order: `render(k, piece)` appends item `k`
/// to a piece in memory. A large output is rendered on every core,
/// `per_piece` items at a time, and written as the pieces come (from
/// `2 * min_parallel` items); no copy of the whole output is held. The
/// first error, of `render` or of `out`, is returned, and nothing after
/// it is written.
pub(crate) fn write_in_pieces(
    out: &mut dyn Write,
    n: usize,
    per_piece: usize,
    min_parallel: usize,
    render: impl Fn(usize, &mut Piece) -> io::Result<()> + Sync,
) -> io::Result<()> {
    crate::par::stream(
        n,
        per_piece,
        min_parallel,
        |r, piece: &mut Piece| {
            for k in r {
                if let Err(e) = render(k, piece) {
                    piece.error = Some(e);
                    return;
                }
            }
        },
        |piece| {
            if let Some(e) = piece.error.take() {
                return Err(e);
            }
            let written = out.write_all(&piece.bytes);
            piece.bytes.clear();
            written
        },
    )
}

/// Writes the publications `query` selects from `lib`, newest first,
/// normalized and rendered a chunk at a time on every core (see
/// [`Library::stream_selected`]): `render(p, piece)` appends one item (or
/// nothing), starting with a separator byte that is dropped from the first
/// item written, before which `open` writes what leads the items. Nothing
/// is written when nothing is selected. Returns how many items were written;
/// the first error, of `render` or of `out`, is returned, and nothing
/// after it is written.
pub(crate) fn write_selected(
    out: &mut dyn Write,
    lib: &Library,
    query: &Query,
    open: impl FnOnce(&mut dyn Write) -> io::Result<()>,
    render: impl Fn(&Publication, &mut Piece) -> io::Result<()> + Sync,
) -> io::Result<usize> {
    let mut open = Some(open);
    let mut written = 0;
    lib.stream_selected(
        query,
        |p, piece: &mut Piece| {
            if piece.error.is_none() {
                let before = piece.bytes.len();
                match render(p, piece) {
                    Ok(()) => piece.items += usize::from(piece.bytes.len() > before),
                    Err(e) => piece.error = Some(e),
                }
            }
        },
        |piece| {
            if let Some(e) = piece.error.take() {
                return Err(e);
            }
            let mut bytes = &piece.bytes[..];
            if !bytes.is_empty()
                && let Some(open) = open.take()
            {
                open(out)?;
                bytes = bytes.get(1..).unwrap_or_default();
            }
            out.write_all(bytes)?;
            written += piece.items;
            piece.bytes.clear();
            piece.items = 0;
            Ok(())
        },
    )?;
    Ok(written)
}

/// Authors as the CV prints them: "A*, B*, C" (`*` marks equal
/// contribution). `mark(out, name, owner)` writes each name.
pub fn author_list(p: &Publication, mark: impl Fn(&mut String, &str, bool)) -> String {
    let mut out = String::new();
    for (k, a) in p.authors.iter().enumerate() {
        if k > 0 {
            out.push_str(", ");
        }
        mark(&mut out, &a.name, a.owner);
        if a.equal {
            out.push('*');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::LoadOptions;

    /// `n` entries numbered 1..=n, one per year in file order.
    fn library(n: usize) -> Library {
        let bib: String = (0..n)
            .map(|k| format!("@article{{k{k}, title = {{T{k}}}, year = {}}}\n", 1000 + k))
            .collect();
        Library::from_text(std::path::Path::new("x.bib"), bib, LoadOptions::default())
    }

    #[test]
    fn a_selection_streams_in_order_with_the_first_separator_dropped() {
        for n in [3, 3000] {
            let lib = library(n);
            let mut out = Vec::new();
            let written = write_selected(
                &mut out,
                &lib,
                &Query::default(),
                |o| o.write_all(b"<"),
                |p, piece| write!(piece.bytes, ",{}", p.number),
            )
            .unwrap();
            assert_eq!(written, n);
            let numbers: Vec<String> = (1..=n).rev().map(|k| k.to_string()).collect();
            assert_eq!(
                String::from_utf8(out).unwrap(),
                format!("<{}", numbers.join(","))
            );
        }
        // Nothing selected: nothing written, not even what leads.
        let query = Query {
            numbers: vec![99_999],
            ..Query::default()
        };
        let mut out = Vec::new();
        let written = write_selected(
            &mut out,
            &library(3000),
            &query,
            |o| o.write_all(b"<"),
            |_, _| Ok(()),
        );
        assert_eq!((written.unwrap(), out.len()), (0, 0));
    }

    #[test]
    fn a_selection_stops_at_the_first_render_error() {
        let lib = library(3000);
        let mut out = Vec::new();
        let err = write_selected(
            &mut out,
            &lib,
            &Query::default(),
            |o| o.write_all(b"<"),
            |p, piece| {
                if p.number == 1000 {
                    return Err(io::Error::other("bad item"));
                }
                write!(piece.bytes, ",{}", p.number)
            },
        )
        .unwrap_err();
        assert_eq!(err.to_string(), "bad item");
        // Whole chunks before the failing one, newest first, and nothing after.
        let text = String::from_utf8(out).unwrap();
        let numbers: Vec<String> = (1..=3000).rev().map(|k| k.to_string()).collect();
        assert!(
            format!("<{}", numbers.join(",")).starts_with(&text),
            "{text}"
        );
        assert!(
            text.starts_with("<3000,2999") && !text.contains(",1001,"),
            "{text}"
        );
    }

    #[test]
    fn the_first_error_is_returned_and_nothing_after_it_written() {
        // Sizes that run on one core and on several.
        for n in [500, 5000] {
            let bad = n * 3 / 5;
            let mut out = Vec::new();
            let err = write_in_pieces(&mut out, n, 64, 1000, |k, piece| {
                if k == bad {
                    return Err(io::Error::other("bad item"));
                }
                writeln!(piece.bytes, "{k}")
            })
            .unwrap_err();
            assert_eq!(err.to_string(), "bad item");
            // The pieces before the failing one, whole.
            let expected: String = (0..bad / 64 * 64).map(|k| format!("{k}\n")).collect();
            assert_eq!(String::from_utf8(out).unwrap(), expected, "{n} items");
        }
    }
}
