//! Timing whole processes: wall time from spawn to exit, CPU time, and the
//! child's own peak resident set size.
//!
//! Linux reports as a child's peak RSS the larger of its own and that of the
//! process it was forked from at the moment of `exec`. The suite holds
//! files in memory, so it does not spawn the measured command itself: it
//! starts a fresh copy of this binary in launcher mode (`__launch`), whose
//! footprint is a couple of MB, and that copy spawns the command, waits for
//! it with `wait4` and prints what it measured. The launcher's footprint is
//! the floor of every peak reported; the suite prints it.

use std::ffi::OsString;
use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The launcher's mode name on the command line.
pub const LAUNCH: &str = "__launch";

/// A program and its arguments.
#[derive(Debug, Clone)]
pub struct Invocation {
    /// The executable.
    pub program: PathBuf,
    /// Its arguments.
    pub args: Vec<OsString>,
}

/// How a run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    /// It exited with this code.
    Exit(i32),
    /// A signal ended it.
    Signal,
    /// It ran past the time limit and was killed.
    TimedOut,
}

/// One finished run.
#[derive(Debug, Clone, Copy)]
pub struct Run {
    /// Spawn to exit.
    pub wall: Duration,
    /// User plus system CPU time.
    pub cpu: Duration,
    /// The child's peak resident set size in KiB.
    pub peak_kib: u64,
    /// How it ended.
    pub end: End,
}

/// Runs `inv` once through the launcher, with stdout discarded and stderr
/// saved to `stderr_path`; kills it after `limit`.
pub fn run_once(inv: &Invocation, stderr_path: &Path, limit: Duration) -> io::Result<Run> {
    let output = Command::new(std::env::current_exe()?)
        .arg(LAUNCH)
        .arg(limit.as_millis().to_string())
        .arg(stderr_path)
        .arg(&inv.program)
        .args(&inv.args)
        .stdin(Stdio::null())
        .stderr(Stdio::inherit())
        .output()?;
    let text = String::from_utf8_lossy(&output.stdout);
    parse_report(&text)
        .ok_or_else(|| io::Error::other(format!("the launcher failed: {}", text.trim())))
}

fn parse_report(text: &str) -> Option<Run> {
    let mut fields = text.split_whitespace();
    let mut number = || fields.next().and_then(|f| f.parse::<u64>().ok());
    let wall = Duration::from_nanos(number()?);
    let cpu = Duration::from_micros(number()?);
    let peak_kib = number()?;
    let end = match fields.next()? {
        "signal" => End::Signal,
        "timeout" => End::TimedOut,
        code => End::Exit(code.parse().ok()?),
    };
    Some(Run {
        wall,
        cpu,
        peak_kib,
        end,
    })
}

/// The launcher (`__launch LIMIT_MS STDERR PROGRAM ARGS...`): runs PROGRAM
/// and prints `wall_ns cpu_us peak_kib end` on stdout.
pub fn launch(args: &[OsString]) -> Result<(), String> {
    let [limit, stderr_path, program, rest @ ..] = args else {
        return Err("usage: __launch LIMIT_MS STDERR PROGRAM [ARGS...]".into());
    };
    let limit: i32 = limit
        .to_str()
        .and_then(|l| l.parse().ok())
        .ok_or("the limit is milliseconds")?;
    let stderr = File::create(stderr_path).map_err(|e| e.to_string())?;
    let mut command = Command::new(program);
    command
        .args(rest)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(stderr);
    for var in ["PUBLIST_BIB", "PUBLIST_ME", "NO_COLOR"] {
        command.env_remove(var);
    }
    let start = Instant::now();
    let child = command
        .spawn()
        .map_err(|e| format!("{}: {e}", program.to_string_lossy()))?;
    let pid = child.id() as libc::pid_t;
    let timed_out = !wait_until_exit(pid, limit);
    if timed_out {
        // SAFETY: `pid` is our unreaped child, so it still names it.
        unsafe { libc::kill(pid, libc::SIGKILL) };
    }
    let mut status: libc::c_int = 0;
    // SAFETY: `rusage` is plain old data, so all zeroes is a valid value.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `pid` is our own child, not yet reaped (std reaps only in
    // `wait`, never called on `child`); both pointers are valid.
    let reaped = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let wall = start.elapsed();
    drop(child);
    if reaped != pid {
        return Err(io::Error::last_os_error().to_string());
    }
    let end = if timed_out {
        "timeout".to_string()
    } else if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status).to_string()
    } else {
        "signal".to_string()
    };
    let micros = |t: libc::timeval| t.tv_sec as u64 * 1_000_000 + t.tv_usec as u64;
    println!(
        "{} {} {} {end}",
        wall.as_nanos(),
        micros(usage.ru_utime) + micros(usage.ru_stime),
        usage.ru_maxrss
    );
    Ok(())
}

/// Waits (without reaping) until `pid` exits or `limit_ms` pass; returns
/// whether it exited. Uses a pidfd, so there is no polling delay.
fn wait_until_exit(pid: libc::pid_t, limit_ms: i32) -> bool {
    // SAFETY: pidfd_open takes a pid and flags and returns a new fd or -1.
    let fd = unsafe { libc::syscall(libc::SYS_pidfd_open, pid, 0) } as libc::c_int;
    if fd < 0 {
        return true; // no pidfd (old kernel): wait without a limit
    }
    let mut poll = libc::pollfd {
        fd,
        events: libc::POLLIN,
        revents: 0,
    };
    let ready = loop {
        // SAFETY: one valid pollfd.
        let n = unsafe { libc::poll(&mut poll, 1, limit_ms) };
        if n >= 0 || io::Error::last_os_error().kind() != io::ErrorKind::Interrupted {
            break n;
        }
    };
    // SAFETY: `fd` is ours and closed once.
    unsafe { libc::close(fd) };
    ready != 0
}

/// The median of `values` (the mean of the middle two for an even count).
pub fn median(values: &[f64]) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_unstable_by(f64::total_cmp);
    let n = sorted.len();
    match n {
        0 => f64::NAN,
        _ if n % 2 == 1 => sorted[n / 2],
        _ => (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0,
    }
}
