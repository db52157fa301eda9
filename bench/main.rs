//! The benchmark suite (`cargo bench`): times whole `publist` commands on the
//! bundled library, on every `.bib` file of the corpus and on generated
//! libraries of 10k, 100k and 300k entries, next to two references run in
//! the same way on the same files: `biblatex::Bibliography::parse` alone and
//! `bibtool -i FILE -o OUT`. It prints one Markdown table (median wall time,
//! MB/s, peak memory, speed relative to each reference) and then checks the
//! targets of issue #6.
//!
//! The binary has three modes (`cargo bench --bench commands -- ARGS`):
//! the suite (the default under `cargo bench`), `generate N FILE` (write a
//! generated library) and `biblatex-parse FILE` (the reference).
//! Under `cargo test --benches` it does nothing: no test times anything.

#![allow(clippy::print_stdout, clippy::print_stderr)]

mod generate;
mod measure;

use std::ffi::OsString;
use std::fmt::Write as _;
use std::fs;
use std::io::{self, BufWriter};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use measure::{End, Invocation, median, run_once};

/// Stands for the `--author` name in [`COMMANDS`].
const AUTHOR: &str = "{author}";

/// What is timed, as `publist --bib FILE ARGS...`. A command this build does
/// not have is reported as "n/a"; adding one is adding a line here.
const COMMANDS: &[Spec] = &[
    Spec::reads(
        "list --author NAME --format json",
        &["list", "--author", AUTHOR, "--format", "json"],
    )
    .fast(),
    Spec::reads(
        "list --year 2024 --venue NeurIPS",
        &["list", "--year", "2024", "--venue", "NeurIPS"],
    ),
    Spec::reads("cv --format latex", &["cv", "--format", "latex"]),
    Spec::reads(
        "export --format csl-json",
        &["export", "--format", "csl-json"],
    ),
    Spec::reads("check", &["check"]).near_list(),
    // Prints the canonical library; it does not touch the file.
    Spec::reads("fmt", &["fmt"]).fast().near_list(),
];

/// One timed command and the targets it is held to.
struct Spec {
    label: &'static str,
    args: &'static [&'static str],
    /// ≥ 5× faster than the fastest reference, peak ≤ 3× the file size.
    fast: bool,
    /// At most 2× the time of the first command at 100k entries.
    near_list: bool,
}

impl Spec {
    const fn reads(label: &'static str, args: &'static [&'static str]) -> Spec {
        Spec {
            label,
            args,
            fast: false,
            near_list: false,
        }
    }

    const fn fast(self) -> Spec {
        Spec { fast: true, ..self }
    }

    const fn near_list(self) -> Spec {
        Spec {
            near_list: true,
            ..self
        }
    }
}

fn main() -> ExitCode {
    let raw: Vec<OsString> = std::env::args_os().skip(1).collect();
    if raw.first().is_some_and(|a| a == measure::LAUNCH) {
        return match measure::launch(&raw[1..]) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("launcher: {e}");
                ExitCode::from(2)
            }
        };
    }
    // `cargo bench` appends `--bench`; `cargo test --benches` does not.
    let under_bench = raw.iter().any(|a| a == "--bench");
    let args: Vec<String> = raw
        .iter()
        .filter(|a| *a != "--bench")
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let result = match args.first().map(String::as_str) {
        Some("generate") => generate_command(&args[1..]),
        Some("biblatex-parse") => return biblatex_parse(&args[1..]),
        _ if args.iter().any(|a| a == "-h" || a == "--help") => {
            println!("{HELP}");
            Ok(())
        }
        _ if under_bench => Options::parse(&args).and_then(|opts| Suite::new(opts)?.run()),
        _ => {
            println!(
                "publist benchmark: run it with `cargo bench` (see README, \"Performance\"); \
                 nothing is timed under `cargo test`."
            );
            Ok(())
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

/// `generate N FILE [--seed S]`.
fn generate_command(args: &[String]) -> Result<(), String> {
    let usage = "usage: generate ENTRIES FILE [--seed S]";
    let entries: usize = args.first().and_then(|n| n.parse().ok()).ok_or(usage)?;
    let file = args.get(1).ok_or(usage)?;
    let seed = match args.get(2).map(String::as_str) {
        Some("--seed") => args.get(3).and_then(|s| s.parse().ok()).ok_or(usage)?,
        Some(_) => return Err(usage.to_string()),
        None => DEFAULT_SEED,
    };
    write_generated(entries, seed, Path::new(file)).map_err(|e| format!("{file}: {e}"))
}

fn write_generated(entries: usize, seed: u64, path: &Path) -> io::Result<()> {
    let tmp = path.with_extension("tmp");
    let mut out = BufWriter::new(fs::File::create(&tmp)?);
    generate::generate(entries, seed, &mut out)?;
    out.into_inner().map_err(|e| e.into_error())?.sync_all()?;
    fs::rename(tmp, path)
}

/// The reference: read the file and run `Bibliography::parse`, nothing else.
fn biblatex_parse(args: &[String]) -> ExitCode {
    let Some(path) = args.first() else {
        eprintln!("usage: biblatex-parse FILE");
        return ExitCode::from(2);
    };
    let text = match fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{path}: {e}");
            return ExitCode::from(2);
        }
    };
    match biblatex::Bibliography::parse(&text) {
        Ok(bib) => {
            println!("{} entries", bib.len());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{path}: biblatex cannot parse it: {e:?}");
            ExitCode::from(1)
        }
    }
}

const DEFAULT_SEED: u64 = 1;

/// Bumped whenever the generator's output changes, so stale files are not reused.
const GENERATOR_VERSION: u32 = 1;

/// Command-line options of the suite.
struct Options {
    runs: usize,
    sizes: Vec<usize>,
    corpus: Option<PathBuf>,
    files: Vec<String>,
    commands: Vec<String>,
    author: String,
    references: bool,
    seed: u64,
    limit: Duration,
}

const HELP: &str = "\
cargo bench --bench commands -- [OPTIONS]
  --runs N          timed runs per cell, median reported (default 5; fewer for slow cells)
  --sizes A,B,...   generated library sizes in entries (default 10000,100000,300000)
  --quick           --runs 3 --sizes 10000,100000
  --corpus DIR      the corpus (default tests/corpus, else ../shared/corpus, else $PUBLIST_BENCH_CORPUS)
  --files S,...     only inputs whose name contains one of these
  --commands S,...  only commands whose label contains one of these
  --author NAME     the --author query (default the generated owner)
  --no-references   skip biblatex and bibtool
  --seed S          generator seed (default 1)
  --limit SECS      kill a run after this long and report it as slower (default 60)";

impl Options {
    fn parse(args: &[String]) -> Result<Options, String> {
        let mut opts = Options {
            runs: 5,
            sizes: vec![10_000, 100_000, 300_000],
            corpus: std::env::var_os("PUBLIST_BENCH_CORPUS").map(PathBuf::from),
            files: Vec::new(),
            commands: Vec::new(),
            author: generate::OWNER.to_string(),
            references: true,
            seed: DEFAULT_SEED,
            limit: Duration::from_secs(60),
        };
        let mut it = args.iter();
        while let Some(arg) = it.next() {
            let mut value = || {
                it.next()
                    .cloned()
                    .ok_or(format!("{arg} needs a value\n{HELP}"))
            };
            let list = |v: String| -> Vec<String> {
                v.split(',')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(String::from)
                    .collect()
            };
            match arg.as_str() {
                "--runs" => opts.runs = value()?.parse().map_err(|_| "--runs takes a number")?,
                "--sizes" => {
                    opts.sizes = list(value()?)
                        .iter()
                        .map(|s| s.replace('_', "").parse())
                        .collect::<Result<_, _>>()
                        .map_err(|_| "--sizes takes numbers like 10000,100000")?;
                }
                "--quick" => {
                    opts.runs = 3;
                    opts.sizes = vec![10_000, 100_000];
                }
                "--corpus" => opts.corpus = Some(PathBuf::from(value()?)),
                "--files" => opts.files = list(value()?),
                "--commands" => opts.commands = list(value()?),
                "--author" => opts.author = value()?,
                "--no-references" => opts.references = false,
                "--seed" => opts.seed = value()?.parse().map_err(|_| "--seed takes a number")?,
                "--limit" => {
                    let secs: f64 = value()?.parse().map_err(|_| "--limit takes seconds")?;
                    opts.limit = Duration::from_secs_f64(secs.max(0.001));
                }
                other => return Err(format!("unknown option `{other}`\n{HELP}")),
            }
        }
        opts.runs = opts.runs.max(1);
        Ok(opts)
    }
}

/// Where an input comes from; the targets differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Origin {
    Bundled,
    Corpus,
    Generated(usize),
}

struct Input {
    name: String,
    path: PathBuf,
    bytes: u64,
    entries: usize,
    origin: Origin,
}

impl Input {
    fn new(name: String, path: PathBuf, origin: Origin) -> io::Result<Input> {
        let text = fs::read(&path)?;
        Ok(Input {
            name,
            entries: count_entries(&text),
            bytes: text.len() as u64,
            path,
            origin,
        })
    }

    fn mb(&self) -> f64 {
        self.bytes as f64 / 1e6
    }
}

/// Items whose `@` starts a line, not counting `@string`, `@preamble` or
/// `@comment` (as the corpus's SOURCES.md counts).
fn count_entries(text: &[u8]) -> usize {
    text.split(|&b| b == b'\n')
        .filter(|line| {
            let line = line.trim_ascii_start();
            line.first() == Some(&b'@')
                && !["@string", "@preamble", "@comment"].iter().any(|p| {
                    line.len() >= p.len() && line[..p.len()].eq_ignore_ascii_case(p.as_bytes())
                })
        })
        .count()
}

/// The outcome of timing one command on one input.
#[derive(Debug, Clone)]
enum Cell {
    /// This build has no such command.
    Missing,
    /// The command failed (exit code 2 or a signal); the first stderr line.
    Failed(String),
    /// Slower than `--limit` (milliseconds).
    TimedOut(f64),
    /// Timed: median wall and CPU time, median peak memory, runs, and
    /// whether it exited with an error (references only: a parse failure).
    Timed {
        ms: f64,
        cpu_ms: f64,
        peak_mb: f64,
        runs: usize,
        rejected: bool,
    },
}

impl Cell {
    /// Milliseconds, for a successful timing.
    fn ms(&self) -> Option<f64> {
        match self {
            Cell::Timed {
                ms,
                rejected: false,
                ..
            } => Some(*ms),
            _ => None,
        }
    }
}

struct Row {
    input: usize,
    label: String,
    cell: Cell,
    /// Index into COMMANDS, or None for a reference.
    spec: Option<usize>,
}

const BIBLATEX: &str = "biblatex::Bibliography::parse";
const BIBTOOL: &str = "bibtool -i FILE -o OUT";

struct Suite {
    opts: Options,
    root: PathBuf,
    publist: PathBuf,
    data: PathBuf,
    bibtool: Option<PathBuf>,
    inputs: Vec<Input>,
    rows: Vec<Row>,
    report: String,
    missing: Vec<&'static str>,
    /// Peak memory of publist on an empty library, in MB.
    baseline_mb: f64,
}

impl Suite {
    fn new(opts: Options) -> Result<Suite, String> {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        let publist = PathBuf::from(env!("CARGO_BIN_EXE_publist"));
        // <target>/<profile>/publist → <target>/bench-data
        let target = publist
            .parent()
            .and_then(Path::parent)
            .ok_or("cannot find the target directory")?;
        let data = target.join("bench-data");
        fs::create_dir_all(data.join("scratch")).map_err(|e| format!("{}: {e}", data.display()))?;
        let bibtool = find_in_path("bibtool");
        Ok(Suite {
            opts,
            root,
            publist,
            data,
            bibtool,
            inputs: Vec::new(),
            rows: Vec::new(),
            report: String::new(),
            missing: Vec::new(),
            baseline_mb: f64::NAN,
        })
    }

    fn run(mut self) -> Result<(), String> {
        self.collect_inputs()?;
        self.header();
        for index in 0..self.inputs.len() {
            self.bench_input(index)?;
        }
        self.check_targets();
        let path = self.data.join("results.md");
        fs::write(&path, &self.report).map_err(|e| format!("{}: {e}", path.display()))?;
        println!("\n(saved to {})", path.display());
        Ok(())
    }

    /// Prints and records a line of the report.
    fn say(&mut self, line: &str) {
        println!("{line}");
        self.report.push_str(line);
        self.report.push('\n');
    }

    fn wanted(&self, name: &str) -> bool {
        self.opts.files.is_empty() || self.opts.files.iter().any(|f| name.contains(f.as_str()))
    }

    fn collect_inputs(&mut self) -> Result<(), String> {
        let err = |p: &Path, e: io::Error| format!("{}: {e}", p.display());
        let bundled = self.root.join("bib/publications.bib");
        if self.wanted("bundled bib/publications.bib") {
            let input = Input::new(
                "bib/publications.bib".into(),
                bundled.clone(),
                Origin::Bundled,
            )
            .map_err(|e| err(&bundled, e))?;
            self.inputs.push(input);
        }
        match self.corpus_dir() {
            Some(dir) => {
                let mut files: Vec<PathBuf> = fs::read_dir(&dir)
                    .map_err(|e| err(&dir, e))?
                    .filter_map(Result::ok)
                    .map(|e| e.path())
                    .filter(|p| p.extension().is_some_and(|x| x == "bib"))
                    .collect();
                files.sort();
                let mut corpus = Vec::new();
                for path in files {
                    let name = path
                        .file_name()
                        .unwrap_or_default()
                        .to_string_lossy()
                        .into_owned();
                    if self.wanted(&name) {
                        corpus.push(
                            Input::new(name, path.clone(), Origin::Corpus)
                                .map_err(|e| err(&path, e))?,
                        );
                    }
                }
                corpus.sort_by_key(|i| i.bytes);
                self.inputs.extend(corpus);
            }
            None => eprintln!(
                "note: no corpus found (tests/corpus, ../shared/corpus); use --corpus DIR"
            ),
        }
        for &n in &self.opts.sizes.clone() {
            let name = format!("generated-{}k.bib", n / 1000);
            if n == 0 || !self.wanted(&name) {
                continue;
            }
            let path = self.data.join(format!(
                "gen-{n}-seed{}-v{GENERATOR_VERSION}.bib",
                self.opts.seed
            ));
            if !path.exists() {
                eprintln!("generating {} ...", path.display());
                write_generated(n, self.opts.seed, &path).map_err(|e| err(&path, e))?;
            }
            self.inputs.push(
                Input::new(name, path.clone(), Origin::Generated(n)).map_err(|e| err(&path, e))?,
            );
        }
        Ok(())
    }

    fn corpus_dir(&self) -> Option<PathBuf> {
        if let Some(dir) = &self.opts.corpus {
            return Some(dir.clone());
        }
        [
            self.root.join("tests/corpus"),
            self.root.join("../shared/corpus"),
        ]
        .into_iter()
        .find(|d| d.is_dir())
    }

    fn header(&mut self) {
        let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
        let cpu = fs::read_to_string("/proc/cpuinfo")
            .ok()
            .and_then(|s| {
                s.lines()
                    .find(|l| l.starts_with("model name"))
                    .and_then(|l| l.split(':').nth(1))
                    .map(|m| m.trim().to_string())
            })
            .unwrap_or_else(|| "unknown CPU".into());
        let commit = std::process::Command::new("git")
            .args(["rev-parse", "--short", "HEAD"])
            .current_dir(&self.root)
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map_or("unknown".into(), |o| {
                String::from_utf8_lossy(&o.stdout).trim().to_string()
            });
        let bibtool = if self.bibtool.is_some() {
            "found"
        } else {
            "not installed (n/a)"
        };
        let (floor_ms, floor) = self.ms_and_peak(
            find_in_path("true").unwrap_or_else(|| "/bin/true".into()),
            &[],
        );
        let empty = self.data.join("scratch/empty.bib");
        if let Err(e) = fs::write(&empty, "") {
            eprintln!("warning: {}: {e}", empty.display());
        }
        let publist = self.publist.clone();
        let (baseline_ms, baseline_mb) =
            self.ms_and_peak(publist, &["--bib".into(), empty.into(), "list".into()]);
        self.baseline_mb = baseline_mb;
        self.say(&format!(
            "publist benchmark: commit {commit}; {cores} cores, {cpu}; load average {}",
            load_average()
        ));
        self.say(&format!(
            "Median of up to {} runs after one warm-up (4 times as many for cells under 50 ms, 3 runs for cells over 2 s, 1 over 10 s; \
             killed after {} s); bibtool {bibtool}; --author \"{}\".",
            self.opts.runs,
            self.opts.limit.as_secs_f64(),
            self.opts.author
        ));
        self.say(&format!(
            "`median ms` is wall time, `cpu ms` user+system; `vs X` = X's median wall time / this \
             command's (above 1: publist is faster); `peak MB` = max RSS (floor {floor:.1} MB: the \
             measuring process). Starting a process (`true`) takes {floor_ms:.1} ms; publist on an \
             empty library {baseline_ms:.1} ms and {baseline_mb:.1} MB.\n"
        ));
        self.say(&format!(
            "| {:<25} | {:>7} | {:>6} | {:<32} | {:>4} | {:>9} | {:>8} | {:>6} | {:>7} | {:>7} | {:>11} | {:>10} |",
            "file", "entries", "MB", "command", "runs", "median ms", "cpu ms", "MB/s", "peak MB", "peak/MB", "vs biblatex", "vs bibtool"
        ));
        self.say(&format!(
            "|{:-<27}|{:->9}|{:->8}|{:-<34}|{:->6}|{:->11}|{:->10}|{:->8}|{:->9}|{:->9}|{:->13}|{:->12}|",
            ":", ":", ":", ":", ":", ":", ":", ":", ":", ":", ":", ":"
        ));
    }

    /// The median wall time (ms) and peak memory (MB) of five runs of
    /// `program`, after one warm-up.
    fn ms_and_peak(&self, program: PathBuf, args: &[OsString]) -> (f64, f64) {
        let inv = Invocation {
            program,
            args: args.to_vec(),
        };
        let stderr = self.data.join("scratch/stderr.txt");
        let runs: Vec<_> = (0..6)
            .filter_map(|_| run_once(&inv, &stderr, self.opts.limit).ok())
            .skip(1)
            .collect();
        let ms: Vec<f64> = runs.iter().map(|r| r.wall.as_secs_f64() * 1e3).collect();
        let mb: Vec<f64> = runs.iter().map(|r| r.peak_kib as f64 / 1024.0).collect();
        (median(&ms), median(&mb))
    }

    fn bench_input(&mut self, index: usize) -> Result<(), String> {
        let input = &self.inputs[index];
        let path = input.path.clone();
        let scratch_out = self.data.join("scratch/bibtool-out.bib");
        if self.opts.references {
            let me = std::env::current_exe().map_err(|e| format!("current exe: {e}"))?;
            let inv = Invocation {
                program: me,
                args: vec!["biblatex-parse".into(), path.clone().into()],
            };
            self.time(index, BIBLATEX, None, &inv);
            match self.bibtool.clone() {
                Some(bibtool) => {
                    let inv = Invocation {
                        program: bibtool,
                        args: vec![
                            "-i".into(),
                            path.clone().into(),
                            "-o".into(),
                            scratch_out.into(),
                        ],
                    };
                    self.time(index, BIBTOOL, None, &inv);
                }
                None => self.record(index, BIBTOOL, None, Cell::Missing),
            }
        }
        for (spec_index, spec) in COMMANDS.iter().enumerate() {
            if !self.opts.commands.is_empty()
                && !self
                    .opts
                    .commands
                    .iter()
                    .any(|c| spec.label.contains(c.as_str()))
            {
                continue;
            }
            if self.missing.contains(&spec.label) {
                self.record(index, spec.label, Some(spec_index), Cell::Missing);
                continue;
            }
            let inv = self.publist_invocation(spec, &path);
            self.time(index, spec.label, Some(spec_index), &inv);
        }
        Ok(())
    }

    fn publist_invocation(&self, spec: &Spec, path: &Path) -> Invocation {
        let mut args: Vec<OsString> = vec!["--bib".into(), path.into()];
        args.extend(spec.args.iter().map(|&a| {
            if a == AUTHOR {
                OsString::from(&self.opts.author)
            } else {
                OsString::from(a)
            }
        }));
        Invocation {
            program: self.publist.clone(),
            args,
        }
    }

    /// Times `inv`: one untimed warm-up run (page cache, and to tell a
    /// missing command or a failure), then up to `--runs` timed runs.
    /// `spec` is None for a reference, whose failure to parse is timed too.
    fn time(&mut self, input: usize, label: &'static str, spec: Option<usize>, inv: &Invocation) {
        let stderr_path = self.data.join("scratch/stderr.txt");
        let limit = self.opts.limit;
        let cell = match run_once(inv, &stderr_path, limit) {
            Err(e) => Cell::Failed(format!("cannot run: {e}")),
            Ok(probe) if probe.end == End::TimedOut => Cell::TimedOut(limit.as_secs_f64() * 1e3),
            Ok(probe) => {
                let stderr = fs::read_to_string(&stderr_path).unwrap_or_default();
                let failed = match probe.end {
                    End::Exit(code) => spec.is_some() && code > 1,
                    End::Signal | End::TimedOut => true,
                };
                if failed && stderr.contains("unrecognized subcommand") {
                    self.missing.push(label);
                    Cell::Missing
                } else if failed {
                    let first = stderr.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
                    Cell::Failed(format!(
                        "{:?}: {}",
                        probe.end,
                        first.chars().take(60).collect::<String>()
                    ))
                } else {
                    self.timed_runs(
                        inv,
                        &stderr_path,
                        probe.wall,
                        probe.end != End::Exit(0) && spec.is_none(),
                    )
                }
            }
        };
        self.record(input, label, spec, cell);
    }

    fn timed_runs(
        &self,
        inv: &Invocation,
        stderr_path: &Path,
        probe: Duration,
        rejected: bool,
    ) -> Cell {
        let runs = match probe.as_secs_f64() {
            s if s > 10.0 => 1,
            s if s > 2.0 => self.opts.runs.min(3),
            // Millisecond cells are at the mercy of the scheduler: more
            // runs cost nothing and steady the median.
            s if s < 0.05 => self.opts.runs * 4,
            _ => self.opts.runs,
        };
        let (mut wall, mut cpu, mut peak) = (Vec::new(), Vec::new(), Vec::new());
        for _ in 0..runs {
            match run_once(inv, stderr_path, self.opts.limit) {
                Ok(r) if r.end == End::TimedOut => {
                    return Cell::TimedOut(self.opts.limit.as_secs_f64() * 1e3);
                }
                Ok(r) => {
                    wall.push(r.wall.as_secs_f64() * 1e3);
                    cpu.push(r.cpu.as_secs_f64() * 1e3);
                    peak.push(r.peak_kib as f64 / 1024.0);
                }
                Err(e) => eprintln!("warning: a run failed to start: {e}"),
            }
        }
        Cell::Timed {
            ms: median(&wall),
            cpu_ms: median(&cpu),
            peak_mb: median(&peak),
            runs: wall.len(),
            rejected,
        }
    }

    fn record(&mut self, input: usize, label: &str, spec: Option<usize>, cell: Cell) {
        let row = Row {
            input,
            label: label.to_string(),
            cell,
            spec,
        };
        let line = self.format_row(&row);
        self.rows.push(row);
        self.say(&line);
    }

    /// A reference's time on `input`: `Some(Ok(ms))`, `Some(Err(Some(ms)))`
    /// when it was killed after `ms` (a lower bound), `Some(Err(None))` when
    /// it rejected the file, `None` when it did not run.
    fn reference_ms(&self, input: usize, label: &str) -> Option<Result<f64, Option<f64>>> {
        self.rows
            .iter()
            .find(|r| r.input == input && r.label == label)
            .and_then(|r| match &r.cell {
                Cell::Timed {
                    ms,
                    rejected: false,
                    ..
                } => Some(Ok(*ms)),
                Cell::Timed { rejected: true, .. } => Some(Err(None)),
                Cell::TimedOut(ms) => Some(Err(Some(*ms))),
                _ => None,
            })
    }

    fn format_row(&self, row: &Row) -> String {
        let input = &self.inputs[row.input];
        let mut line = format!(
            "| {:<25} | {:>7} | {:>6.2} | {:<32} |",
            input.name,
            input.entries,
            input.mb(),
            row.label
        );
        let blank = |what: &str| {
            format!(
                " {:>4} | {what:>9} | {:>8} | {:>6} | {:>7} | {:>7} | {:>11} | {:>10} |",
                "", "", "", "", "", "", ""
            )
        };
        match &row.cell {
            Cell::Missing => line.push_str(&blank("n/a")),
            Cell::TimedOut(ms) => line.push_str(&blank(&format!("> {ms:.0}"))),
            Cell::Failed(why) => {
                let _ = write!(line, " {:>4} | {:>9} | {why} | | | | | |", "", "error");
            }
            Cell::Timed {
                ms,
                cpu_ms,
                peak_mb,
                runs,
                rejected,
            } => {
                let ms_text = if *rejected {
                    format!("{ms:.1} fails")
                } else {
                    format!("{ms:.1}")
                };
                let ratio = |reference: &str| -> String {
                    if row.spec.is_none() {
                        return String::new();
                    }
                    match self.reference_ms(row.input, reference) {
                        Some(Ok(r)) => format!("{:.2}×", r / ms),
                        Some(Err(Some(r))) => format!("> {:.0}×", r / ms),
                        Some(Err(None)) => "ref fails".into(),
                        None => "n/a".into(),
                    }
                };
                let _ = write!(
                    line,
                    " {runs:>4} | {ms_text:>9} | {cpu_ms:>8.1} | {:>6.1} | {peak_mb:>7.1} | {:>7.2} | {:>11} | {:>10} |",
                    input.mb() / (ms / 1e3),
                    peak_mb / input.mb(),
                    ratio(BIBLATEX),
                    ratio(BIBTOOL),
                );
            }
        }
        line
    }

    /// The fastest reference's time on `input` that accepted the file (a
    /// killed one counts with its limit, a lower bound).
    fn fastest_reference(&self, input: usize) -> Option<f64> {
        [BIBLATEX, BIBTOOL]
            .iter()
            .filter_map(|r| match self.reference_ms(input, r)? {
                Ok(ms) | Err(Some(ms)) => Some(ms),
                Err(None) => None,
            })
            .reduce(f64::min)
    }

    /// The targets of issue #6, each printed as PASS or FAIL.
    fn check_targets(&mut self) {
        let mut lines = Vec::new();
        let mut verdict = |ok: bool, text: String| {
            lines.push(format!("{} {text}", if ok { "PASS" } else { "FAIL" }));
        };
        for row in &self.rows {
            let Some(spec) = row.spec.map(|s| &COMMANDS[s]) else {
                continue;
            };
            let input = &self.inputs[row.input];
            let (Some(ms), Cell::Timed { peak_mb, .. }) = (row.cell.ms(), &row.cell) else {
                continue;
            };
            match input.origin {
                Origin::Bundled => verdict(
                    ms <= 5.0,
                    format!("bundled: `{}` {ms:.1} ms (≤ 5 ms)", spec.label),
                ),
                Origin::Corpus | Origin::Generated(100_000) if spec.fast => {
                    if let Some(fastest) = self.fastest_reference(row.input) {
                        verdict(
                            fastest / ms >= 5.0,
                            format!(
                                "{}: `{}` {:.2}× the fastest reference (≥ 5×)",
                                input.name,
                                spec.label,
                                fastest / ms
                            ),
                        );
                    }
                    // A process costs a few MB whatever the file: the target
                    // is on what the file adds to an empty library's peak.
                    let added = (peak_mb - self.baseline_mb).max(0.0);
                    verdict(
                        added <= 3.0 * input.mb(),
                        format!(
                            "{}: `{}` peak {peak_mb:.1} MB, {added:.1} MB above the baseline = {:.1}× the file (≤ 3×)",
                            input.name,
                            spec.label,
                            added / input.mb()
                        ),
                    );
                }
                _ => {}
            }
        }
        // Linear growth: 300k costs at most 3.5× what 100k costs.
        let at = |n: usize, label: &str| {
            self.rows
                .iter()
                .find(|r| r.label == label && self.inputs[r.input].origin == Origin::Generated(n))
        };
        for spec in COMMANDS {
            if let (Some(a), Some(b)) = (at(100_000, spec.label), at(300_000, spec.label))
                && let (
                    Cell::Timed {
                        ms: ta,
                        peak_mb: ma,
                        rejected: false,
                        ..
                    },
                    Cell::Timed {
                        ms: tb,
                        peak_mb: mb,
                        rejected: false,
                        ..
                    },
                ) = (&a.cell, &b.cell)
            {
                verdict(
                    tb / ta <= 3.5,
                    format!("300k/100k: `{}` time {:.2}× (≤ 3.5×)", spec.label, tb / ta),
                );
                verdict(
                    mb / ma <= 3.5,
                    format!("300k/100k: `{}` peak {:.2}× (≤ 3.5×)", spec.label, mb / ma),
                );
            }
        }
        // check and fmt at 100k: at most 2× list.
        if let Some(list) = at(100_000, COMMANDS[0].label).and_then(|r| r.cell.ms()) {
            for spec in COMMANDS.iter().filter(|s| s.near_list) {
                if let Some(ms) = at(100_000, spec.label).and_then(|r| r.cell.ms()) {
                    verdict(
                        ms <= 2.0 * list,
                        format!(
                            "100k: `{}` {:.2}× `{}` (≤ 2×)",
                            spec.label,
                            ms / list,
                            COMMANDS[0].label
                        ),
                    );
                }
            }
        }
        let failed = lines.iter().filter(|l| l.starts_with("FAIL")).count();
        self.say(&format!(
            "\nTargets (issue #6, on wall time): {} checked, {failed} failed; load average now {}",
            lines.len(),
            load_average()
        ));
        for line in lines {
            self.say(&line);
        }
    }
}

/// The 1-, 5- and 15-minute load averages: wall times are only comparable
/// on an otherwise idle machine.
fn load_average() -> String {
    fs::read_to_string("/proc/loadavg")
        .ok()
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|| "unknown".into())
}

fn find_in_path(program: &str) -> Option<PathBuf> {
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join(program))
            .find(|p| p.is_file())
    })
}
