//! publist manages a researcher's publication list from one BibTeX/BibLaTeX
//! library: numbered CV sections, exports, filtered tables, and checks that
//! keep a CV honest.
//!
//! The pipeline runs one way: [`syntax`] parses text into spanned items,
//! [`library`] resolves them into normalized [`model::Publication`]s (with
//! [`normalize`]) and numbers them, [`query`] selects, [`format`] renders.
//! Only [`cli`] prints.
//!
//! ```
//! use std::path::Path;
//! use publist::library::{Library, LoadOptions};
//!
//! let bib = r#"
//! @inproceedings{a, author = {Wang, Mingze and E, Weinan}, title = {A {T}itle},
//!   booktitle = {Advances in Neural Information Processing Systems 37}, year = 2024}
//! "#;
//! let lib = Library::from_text(Path::new("x.bib"), bib.to_string(), LoadOptions::default());
//! let p = &lib.publications()[0];
//! assert_eq!(p.number, 1);
//! assert_eq!(p.venue.label(), "NeurIPS 2024");
//! assert_eq!(p.authors[1].name, "Weinan E");
//! ```

#![deny(missing_docs)]
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod check;
pub mod cli;
pub mod error;
pub mod fmt;
pub mod format;
mod fuzzing;
#[cfg(target_os = "linux")]
mod large_text;
pub mod latex;
pub mod library;
pub mod model;
pub mod normalize;
pub mod par;
pub mod query;
pub mod source;
pub mod stats;
pub mod syntax;
pub mod tags;
pub mod write;

#[doc(hidden)]
pub use fuzzing::{fuzz_load, fuzz_tags};
