//! `publist cv`: the numbered publication list for a CV or a homepage, as
//! text, Markdown, LaTeX or HTML.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::ValueEnum;

use super::export::{deliver, refuse_library_as_output};
use super::{Context, FilterArgs};
use crate::error::Error;
use crate::format::cv::{CvFormat, CvOptions, GroupBy, Highlight, Order, write_cv};
use crate::normalize::names::query_identities;

const EXAMPLES: &str = "\
Examples:
  publist cv                                    the CV's list as text, newest first
  publist cv --format latex --standalone -o publications.tex
  publist cv --format html --group-by year      a fragment for a homepage
  publist cv --format markdown --kind conference --renumber
  publist cv --highlight \"Lei Wu\" --author \"Lei Wu\"";

/// Print the numbered publication list for a CV (text, Markdown, LaTeX, HTML).
///
/// Entries keep their global CV numbers (oldest = 1) unless --renumber is
/// given; your name is emphasized and `*` marks equal contributors.
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct CvArgs {
    /// Output format
    #[arg(long, short, value_enum, default_value_t = CvFormatArg::Text)]
    format: CvFormatArg,

    /// Group entries under headings
    #[arg(long, value_enum, default_value_t = GroupByArg::None, value_name = "GROUPING")]
    group_by: GroupByArg,

    /// Entry order: newest first (desc) or oldest first (asc)
    #[arg(long, value_enum, default_value_t = OrderArg::Desc)]
    order: OrderArg,

    /// Emphasize this author [default: the library's owner]
    #[arg(long, value_name = "NAME")]
    highlight: Option<String>,

    /// Number the selection 1..n instead of keeping the global CV numbers
    #[arg(long)]
    renumber: bool,

    /// Write a whole document instead of a section (LaTeX preamble, HTML page; text is unchanged)
    #[arg(long)]
    standalone: bool,

    /// Write to FILE instead of stdout (replaced atomically)
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,

    // Last, so the options above are not listed under "Filters".
    #[command(flatten)]
    filters: FilterArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum CvFormatArg {
    /// Plain text, as in the CV
    #[value(alias = "txt")]
    Text,
    /// A Markdown numbered list
    #[value(alias = "md")]
    Markdown,
    /// A LaTeX section (pdflatex)
    #[value(alias = "tex")]
    Latex,
    /// An HTML fragment (a page with --standalone)
    Html,
}

impl From<CvFormatArg> for CvFormat {
    fn from(f: CvFormatArg) -> CvFormat {
        match f {
            CvFormatArg::Text => CvFormat::Text,
            CvFormatArg::Markdown => CvFormat::Markdown,
            CvFormatArg::Latex => CvFormat::Latex,
            CvFormatArg::Html => CvFormat::Html,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum GroupByArg {
    /// One list
    None,
    /// A heading per year
    Year,
    /// A heading per kind (journal, conference, workshop, preprint, ...)
    Kind,
}

impl From<GroupByArg> for GroupBy {
    fn from(g: GroupByArg) -> GroupBy {
        match g {
            GroupByArg::None => GroupBy::None,
            GroupByArg::Year => GroupBy::Year,
            GroupByArg::Kind => GroupBy::Kind,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum OrderArg {
    /// Newest first
    Desc,
    /// Oldest first
    Asc,
}

impl From<OrderArg> for Order {
    fn from(o: OrderArg) -> Order {
        match o {
            OrderArg::Desc => Order::Desc,
            OrderArg::Asc => Order::Asc,
        }
    }
}

impl CvArgs {
    /// The validated options, before any I/O.
    fn options(&self) -> Result<CvOptions, Error> {
        let highlight = match &self.highlight {
            None => Highlight::Owner,
            Some(name) if name.trim().is_empty() => {
                return Err(Error::Usage("--highlight: an empty name".to_string()));
            }
            Some(name) => Highlight::Person(query_identities(name)),
        };
        Ok(CvOptions {
            format: self.format.into(),
            group_by: self.group_by.into(),
            order: self.order.into(),
            renumber: self.renumber,
            standalone: self.standalone,
            highlight,
        })
    }
}

/// Runs `cv`.
pub fn run(args: &CvArgs, ctx: &Context, out: &mut dyn Write) -> Result<ExitCode, Error> {
    let query = args.filters.to_query()?;
    let opts = args.options()?;
    refuse_library_as_output(args.output.as_deref(), ctx)?;
    let lib = ctx.load(true)?;
    let pubs = ctx.select(lib, &query);
    if let (Highlight::Person(who), Some(name)) = (&opts.highlight, &args.highlight)
        && !pubs.is_empty()
        && !pubs
            .iter()
            .flat_map(|p| &p.authors)
            .any(|a| who.iter().any(|w| w.matches_names(&a.given, &a.family)))
    {
        eprintln!("warning: --highlight `{name}` matches no author of the listed papers");
    }
    deliver(args.output.as_deref(), out, |w| write_cv(w, &pubs, &opts))?;
    Ok(ExitCode::SUCCESS)
}
