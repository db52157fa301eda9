//! The command-line interface: argument parsing (clap derive), one module
//! per subcommand, and the only place that prints or picks exit codes.
//!
//! Exit codes: 0 ok, 1 findings (`check`, `tags`), 2 usage or input error.
//! A closed pipe (`publist list | head -1`) exits 0 quietly.

#![allow(clippy::print_stderr)]

mod args;
mod check;
mod cite;
mod cv;
mod export;
mod fmt;
mod list;
mod show;
mod stats;
mod tags;

use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand};

pub use args::{ColorChoice, FilterArgs, GlobalArgs, MessageFormatArg};

use crate::error::{Diagnostic, Error, MessageFormat, Severity};
use crate::library::{Library, LoadOptions};
use crate::normalize::registry::VenueDef;
use crate::normalize::venue::Registry;

const EXAMPLES: &str = "\
Examples:
  publist list                              every paper, newest first
  publist list --venue NeurIPS --year 2024  NeurIPS papers of 2024
  publist list --author \"Lei Wu\" --format json
  publist show 12                           one paper with every field
  publist check                             lint the library
  publist fmt --check                       is the library in canonical form?
  publist cv --format latex --standalone    the numbered list as a LaTeX document
  publist export --format bibtex --venue NeurIPS -o neurips.bib
  publist --bib other.bib list --first      papers where you are (equal) first author

Environment:
  PUBLIST_BIB      the library when --bib is not given
  PUBLIST_ME       your name, as --me
  PUBLIST_THREADS  threads for large libraries (default: one per core, at most 8)
  NO_COLOR         never colour the output";

/// Manage a publication list from one BibTeX/BibLaTeX library.
#[derive(Debug, Parser)]
#[command(name = "publist", version, about, after_help = EXAMPLES)]
pub struct Cli {
    #[command(flatten)]
    global: GlobalArgs,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    List(list::ListArgs),
    Show(show::ShowArgs),
    Check(check::CheckArgs),
    Fmt(fmt::FmtArgs),
    Stats(stats::StatsArgs),
    Cv(cv::CvArgs),
    Export(export::ExportArgs),
    Tags(tags::TagsArgs),
    Cite(cite::CiteArgs),
    Completions(CompletionsArgs),
}

/// Print a shell completion script.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  publist completions bash > ~/.local/share/bash-completion/completions/publist\n  publist completions zsh > ~/.zfunc/_publist\n  publist completions fish > ~/.config/fish/completions/publist.fish"
)]
struct CompletionsArgs {
    /// The shell
    #[arg(value_enum)]
    shell: clap_complete::Shell,
}

/// What every subcommand needs from the command line and the environment.
pub struct Context {
    global: GlobalArgs,
    stdout_color: bool,
    stderr_color: bool,
    message_format: MessageFormat,
}

impl Context {
    fn new(global: GlobalArgs) -> Context {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let color = |tty: bool| {
            !no_color
                && match global.color {
                    ColorChoice::Always => true,
                    ColorChoice::Never => false,
                    ColorChoice::Auto => tty,
                }
        };
        Context {
            stdout_color: color(io::stdout().is_terminal()),
            stderr_color: color(io::stderr().is_terminal()),
            message_format: match global.message_format {
                MessageFormatArg::Human => MessageFormat::Human,
                MessageFormatArg::Short => MessageFormat::Short,
            },
            global,
        }
    }

    /// Whether stdout gets ANSI colour.
    pub fn color(&self) -> bool {
        self.stdout_color
    }

    /// The library path: `--bib`, else `$PUBLIST_BIB`, else `bib/publications.bib`.
    pub fn library_path(&self) -> Result<PathBuf, Error> {
        if let Some(p) = &self.global.bib {
            return Ok(p.clone());
        }
        if let Some(p) = std::env::var_os("PUBLIST_BIB").filter(|p| !p.is_empty()) {
            return Ok(PathBuf::from(p));
        }
        let default = PathBuf::from("bib/publications.bib");
        if default.exists() {
            return Ok(default);
        }
        Err(Error::NoLibrary {
            tried: vec![
                "--bib PATH (not given)".to_string(),
                "$PUBLIST_BIB (not set)".to_string(),
                "bib/publications.bib (not found in the current directory)".to_string(),
            ],
        })
    }

    /// The owner override: `--me`, else `$PUBLIST_ME`.
    fn owner(&self) -> Option<String> {
        self.global
            .me
            .clone()
            .or_else(|| std::env::var("PUBLIST_ME").ok())
            .filter(|m| !m.trim().is_empty())
    }

    /// Loads the library, printing its diagnostics on stderr (unless
    /// `report` is false, for commands that report them themselves).
    /// Fails when entries were broken and none loaded.
    ///
    /// The library lives until the process ends: a command runs once, and
    /// freeing a large library (millions of small allocations) would only
    /// make the exit slower.
    pub fn load(&self, report: bool) -> Result<&'static Library, Error> {
        self.load_with(report, true)
    }

    /// The library, loaded with every check, even when no entry loaded:
    /// for `check --format json`, whose report says so itself.
    pub fn load_even_if_empty(&self) -> Result<&'static Library, Error> {
        Ok(Box::leak(Box::new(self.read(true)?)))
    }

    /// The library at `--bib`, loaded with the user's venues.
    fn read(&self, checks: bool) -> Result<Library, Error> {
        let path = self.library_path()?;
        let registry = registry_for(&path)?;
        Library::load(
            &path,
            LoadOptions {
                owner: self.owner(),
                registry,
                checks,
            },
        )
    }

    /// [`Context::load`] without the checks that only produce findings
    /// (see [`LoadOptions::checks`]): for `fmt`, which reports none.
    pub fn load_unchecked(&self) -> Result<&'static Library, Error> {
        self.load_with(false, false)
    }

    fn load_with(&self, report: bool, checks: bool) -> Result<&'static Library, Error> {
        let lib = self.read(checks)?;
        if lib.is_empty() && lib.skipped > 0 {
            for d in &lib.diagnostics {
                self.emit(d);
            }
            self.emit(&summary(&lib));
            return Err(Error::Input(Vec::new()));
        }
        if report {
            self.report(&lib);
        }
        Ok(Box::leak(Box::new(lib)))
    }

    /// Prints load diagnostics: errors always, warnings unless `--quiet`,
    /// at most [`MAX_REPORTED`] of them.
    fn report(&self, lib: &Library) {
        let shown: Vec<&Diagnostic> = lib
            .diagnostics
            .iter()
            .filter(|d| {
                d.severity == Severity::Error
                    || (!self.global.quiet && d.severity == Severity::Warning)
            })
            .collect();
        for d in shown.iter().take(MAX_REPORTED) {
            self.emit(d);
        }
        if shown.len() > MAX_REPORTED {
            eprintln!(
                "... and {} more diagnostics; run `publist check` to see them all",
                shown.len() - MAX_REPORTED
            );
        }
        if lib.skipped > 0 {
            self.emit(&summary(lib));
        }
    }

    /// The publications `query` selects, newest first; says so on stderr
    /// when none does (that is not an error). Like the library, they are
    /// left to the process's exit: freeing 100,000 publications one by one
    /// takes a tenth of a second.
    pub fn select(
        &self,
        lib: &Library,
        query: &crate::query::Query,
    ) -> Vec<&'static crate::model::Publication> {
        let selected = lib.select(query);
        if selected.is_empty() {
            self.say_none_match(query);
        }
        selected.leak().iter().collect()
    }

    /// Says on stderr that `query` selects nothing (that is not an error).
    pub fn say_none_match(&self, query: &crate::query::Query) {
        eprintln!(
            "no publications match{}",
            if query.is_empty() { "" } else { " the filters" }
        );
    }

    /// Prints one diagnostic on stderr.
    pub fn emit(&self, d: &Diagnostic) {
        eprint!("{}", d.render(self.message_format, self.stderr_color));
    }

    /// The table width: `--width`, else the terminal's, else 120.
    pub fn table_width(&self, requested: Option<u16>) -> u16 {
        requested
            .or_else(|| {
                if io::stdout().is_terminal() {
                    comfy_table::Table::new().width()
                } else {
                    None
                }
            })
            .unwrap_or(120)
    }
}

/// At most this many load diagnostics are printed by commands other than `check`.
const MAX_REPORTED: usize = 20;

fn summary(lib: &Library) -> Diagnostic {
    Diagnostic::new(
        Severity::Error,
        "skipped",
        format!(
            "skipped {} of {} entries with syntax errors; {} loaded",
            lib.skipped,
            lib.entry_count(),
            lib.len()
        ),
    )
}

/// The built-in venue registry plus `venues.json` beside the library.
fn registry_for(bib: &Path) -> Result<Registry, Error> {
    let mut registry = Registry::default();
    let path = bib.parent().unwrap_or(Path::new(".")).join("venues.json");
    if let Ok(text) = std::fs::read_to_string(&path) {
        let defs: Vec<VenueDef> = serde_json::from_str(&text).map_err(|e| {
            Error::Usage(format!(
                "{}:{}:{}: invalid venue file: {e}\n   = hint: the file is a JSON array of {{\"abbr\", \"name\", \"kind\", \"aliases\"}} objects",
                path.display(),
                e.line(),
                e.column()
            ))
        })?;
        registry.extend(defs);
    }
    Ok(registry)
}

/// Runs publist with the process's arguments; returns the exit code.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    let ctx = Context::new(cli.global);
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let result = dispatch(&cli.command, &ctx, &mut out).and_then(|code| {
        out.flush().map_err(|e| Error::io("<stdout>", e))?;
        Ok(code)
    });
    match result {
        Ok(code) => code,
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(Error::Input(diags)) => {
            for d in &diags {
                ctx.emit(d);
            }
            ExitCode::from(2)
        }
        Err(e) => {
            let (red, reset) = if ctx.stderr_color {
                ("\x1b[1;31m", "\x1b[0m")
            } else {
                ("", "")
            };
            eprintln!("{red}error{reset}: {e}");
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(e: &Error) -> bool {
    matches!(e, Error::Io { source, .. } if source.kind() == io::ErrorKind::BrokenPipe)
}

fn dispatch(command: &Command, ctx: &Context, out: &mut dyn Write) -> Result<ExitCode, Error> {
    match command {
        Command::List(args) => list::run(args, ctx, out),
        Command::Show(args) => show::run(args, ctx, out),
        Command::Check(args) => check::run(args, ctx, out),
        Command::Fmt(args) => fmt::run(args, ctx, out),
        Command::Stats(args) => stats::run(args, ctx, out),
        Command::Cv(args) => cv::run(args, ctx, out),
        Command::Export(args) => export::run(args, ctx, out),
        Command::Tags(args) => tags::run(args, ctx, out),
        Command::Cite(args) => cite::run(args, ctx, out),
        Command::Completions(args) => {
            let mut cmd = Cli::command();
            clap_complete::generate(args.shell, &mut cmd, "publist", out);
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Maps a write error on stdout.
pub(crate) fn stdout_err(e: io::Error) -> Error {
    Error::io("<stdout>", e)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verify_cli() {
        Cli::command().debug_assert();
    }
}
