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

use crate::model::Publication;

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
