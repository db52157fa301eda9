//! Renderers. Each writes to a `&mut dyn Write` and never prints itself.
//!
//! - [`table`]: terminal tables (comfy-table) and CSV for `list`;
//! - [`json`]: the model as JSON;
//! - [`cv`]: numbered CV sections in text, Markdown, LaTeX and HTML;
//! - [`csl`]: CSL-JSON items for citeproc processors and Zotero;
//! - [`bibtex`]: the selected entries as BibTeX or biblatex.

pub mod bibtex;
pub mod csl;
pub mod cv;
pub mod json;
pub mod table;

use crate::model::Publication;

/// Authors as the CV prints them: "A*, B*, C" (`*` marks equal contribution).
pub fn author_list(p: &Publication, mark: impl Fn(&str, bool) -> String) -> String {
    p.authors
        .iter()
        .map(|a| {
            let star = if a.equal { "*" } else { "" };
            format!("{}{star}", mark(&a.name, a.owner))
        })
        .collect::<Vec<_>>()
        .join(", ")
}
