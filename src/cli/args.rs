//! Arguments shared by several subcommands: where the library is, and the
//! filters. These hold exactly what the user typed; [`FilterArgs::to_query`]
//! validates them once into a [`Query`].

use std::path::PathBuf;

use clap::{Args, ValueEnum};
use regex::RegexBuilder;

use crate::error::Error;
use crate::model::{Kind, Status};
use crate::query::{Query, YearRange, parse_numbers};

/// Options every subcommand takes.
#[derive(Debug, Clone, Args)]
pub struct GlobalArgs {
    /// The library (.bib) [default: $PUBLIST_BIB, else bib/publications.bib]
    #[arg(long, global = true, value_name = "PATH")]
    pub bib: Option<PathBuf>,

    /// Your name as it appears in author lists [default: $PUBLIST_ME, else the library's owner]
    #[arg(long, global = true, value_name = "NAME")]
    pub me: Option<String>,

    /// When to colour output; NO_COLOR in the environment always wins
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

    /// How to print diagnostics
    #[arg(long, global = true, value_enum, default_value_t = MessageFormatArg::Human, value_name = "FORMAT")]
    pub message_format: MessageFormatArg,

    /// Print errors only, no warnings about the library
    #[arg(long, short, global = true)]
    pub quiet: bool,
}

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour when writing to a terminal.
    Auto,
    /// Always colour (unless NO_COLOR is set).
    Always,
    /// Never colour.
    Never,
}

/// `--message-format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MessageFormatArg {
    /// The source line with a caret, a note and a hint.
    Human,
    /// One line per diagnostic: path:line:col: severity: message.
    Short,
}

/// `--kind` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KindArg {
    /// Conference papers.
    Conference,
    /// Journal articles.
    Journal,
    /// Workshop papers.
    Workshop,
    /// Preprints.
    Preprint,
    /// Books and chapters.
    Book,
    /// Theses.
    Thesis,
    /// Reports.
    Report,
    /// Anything else.
    Other,
}

impl From<KindArg> for Kind {
    fn from(k: KindArg) -> Kind {
        match k {
            KindArg::Conference => Kind::Conference,
            KindArg::Journal => Kind::Journal,
            KindArg::Workshop => Kind::Workshop,
            KindArg::Preprint => Kind::Preprint,
            KindArg::Book => Kind::Book,
            KindArg::Thesis => Kind::Thesis,
            KindArg::Report => Kind::Report,
            KindArg::Other => Kind::Other,
        }
    }
}

/// `--status` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatusArg {
    /// Published.
    Published,
    /// Submitted, under review.
    Submitted,
    /// In preparation.
    Inpreparation,
    /// Accepted, to appear.
    Forthcoming,
    /// In press.
    Inpress,
    /// Published online ahead of print.
    Prepublished,
}

impl From<StatusArg> for Status {
    fn from(s: StatusArg) -> Status {
        match s {
            StatusArg::Published => Status::Published,
            StatusArg::Submitted => Status::Submitted,
            StatusArg::Inpreparation => Status::Inpreparation,
            StatusArg::Forthcoming => Status::Forthcoming,
            StatusArg::Inpress => Status::Inpress,
            StatusArg::Prepublished => Status::Prepublished,
        }
    }
}

/// Filters shared by `list`, `cv` and `export`. AND across flags, OR when a
/// flag repeats.
#[derive(Debug, Clone, Default, Args)]
#[command(next_help_heading = "Filters")]
pub struct FilterArgs {
    /// Year or range: 2024, 2022..2023, 2023.., ..2022
    #[arg(long, value_name = "YEARS")]
    pub year: Vec<String>,

    /// Venue abbreviation or name, any case (NeurIPS, NIPS, "Machine Learning")
    #[arg(long, value_name = "NAME")]
    pub venue: Vec<String>,

    /// Kind of venue
    #[arg(long, value_enum, value_name = "KIND")]
    pub kind: Vec<KindArg>,

    /// Publication state
    #[arg(long, value_enum, value_name = "STATUS")]
    pub status: Vec<StatusArg>,

    /// An author however written ("Lei Wu", "Wu, Lei", "L. Wu")
    #[arg(long, value_name = "NAME")]
    pub author: Vec<String>,

    /// A keyword (case, hyphens and plurals ignored)
    #[arg(long, value_name = "KEYWORD")]
    pub topic: Vec<String>,

    /// A regular expression the title must match (case-insensitive)
    #[arg(long, value_name = "REGEX")]
    pub title: Vec<String>,

    /// CV numbers: 8,12 or 3-5
    #[arg(long, value_name = "NUMBERS")]
    pub number: Vec<String>,

    /// CV numbers written as tags: "[8][12]", "[3-5]"
    #[arg(long, value_name = "TAGS")]
    pub tags: Vec<String>,

    /// Only papers where you are first or equal-first author
    #[arg(long)]
    pub first: bool,
}

impl FilterArgs {
    /// Validates the filters into a [`Query`].
    pub fn to_query(&self) -> Result<Query, Error> {
        let mut q = Query::default();
        for y in &self.year {
            q.years
                .push(YearRange::parse(y).map_err(|e| Error::Usage(format!("--year: {e}")))?);
        }
        q.venues = self.venue.clone();
        q.kinds = self.kind.iter().map(|&k| k.into()).collect();
        q.statuses = self.status.iter().map(|&s| s.into()).collect();
        for a in &self.author {
            q.add_author(a);
        }
        q.topics = self.topic.clone();
        for t in &self.title {
            let re = RegexBuilder::new(t)
                .case_insensitive(true)
                .build()
                .map_err(|e| Error::Usage(format!("--title: invalid regular expression: {e}")))?;
            q.titles.push(re);
        }
        for n in self.number.iter().chain(&self.tags) {
            q.numbers.extend(
                parse_numbers(n).map_err(|e| Error::Usage(format!("--number/--tags: {e}")))?,
            );
        }
        q.first = self.first;
        Ok(q)
    }
}
