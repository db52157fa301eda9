//! Data parallelism on scoped threads, without a thread pool.
//!
//! The loader and the whole-library commands split their work into
//! contiguous ranges, one per core, and join the results in range order:
//! output never depends on how many threads ran. Small inputs stay on the
//! calling thread (a thread costs tens of microseconds; the bundled library
//! takes less than that to load).

use std::ops::Range;
use std::sync::{Condvar, Mutex, MutexGuard, OnceLock, PoisonError};

/// At most this many threads, however many cores: the work is memory-bound
/// and the ranges are joined on one thread.
const MAX_THREADS: usize = 8;

/// How many threads whole-library work uses: `PUBLIST_THREADS` if set to a
/// number (1 runs everything on the calling thread), else the number of
/// cores, at most 8.
pub fn threads() -> usize {
    static THREADS: OnceLock<usize> = OnceLock::new();
    *THREADS.get_or_init(|| {
        let from_env = std::env::var("PUBLIST_THREADS")
            .ok()
            .and_then(|v| v.trim().parse::<usize>().ok());
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        from_env.unwrap_or(cores).clamp(1, MAX_THREADS)
    })
}

/// Splits `0..n` into at most [`threads`] contiguous ranges of at least
/// `min_len` indexes each (one range when `n < 2 * min_len`).
pub fn ranges(n: usize, min_len: usize) -> Vec<Range<usize>> {
    split(n, threads().min(n / min_len.max(1)).max(1))
}

/// Splits `0..n` into `parts` contiguous ranges of nearly equal length.
fn split(n: usize, parts: usize) -> Vec<Range<usize>> {
    let parts = parts.clamp(1, n.max(1));
    (0..parts)
        .map(|k| n * k / parts..n * (k + 1) / parts)
        .collect()
}

/// Runs `f` on each range (the first on the calling thread, the others on
/// scoped threads) and returns the results in range order.
pub fn run<T: Send>(ranges: Vec<Range<usize>>, f: impl Fn(Range<usize>) -> T + Sync) -> Vec<T> {
    if ranges.len() <= 1 {
        return ranges.into_iter().map(f).collect();
    }
    let f = &f;
    std::thread::scope(|scope| {
        let mut ranges = ranges.into_iter();
        let first = ranges.next().expect("more than one range");
        // A range whose thread cannot start (a process limit) runs here.
        let workers: Vec<_> = ranges
            .map(|r| {
                std::thread::Builder::new()
                    .spawn_scoped(scope, {
                        let r = r.clone();
                        move || f(r)
                    })
                    .map_err(|_| r)
            })
            .collect();
        let mut out = Vec::with_capacity(workers.len() + 1);
        out.push(f(first));
        for worker in workers {
            match worker {
                Ok(handle) => match handle.join() {
                    Ok(v) => out.push(v),
                    // A panic in a worker is a bug; surface it as the same panic.
                    Err(payload) => std::panic::resume_unwind(payload),
                },
                Err(r) => out.push(f(r)),
            }
        }
        out
    })
}

/// `0..n` in chunks of `chunk_len` indexes, each taken by whichever core
/// is free next, so a core slowed by other work takes fewer: each core
/// starts a state with `init`, folds its chunks (in increasing order) into
/// it with `f`, and ends it with `done`, on that core. Returns the cores'
/// ended states (in no meaningful order) and what each chunk yielded, in
/// chunk order. Parallel when the work splits as [`ranges`]`(n, min_len)`
/// would.
pub fn chunks<S, T: Send, R: Send>(
    n: usize,
    chunk_len: usize,
    min_len: usize,
    init: impl Fn() -> S + Sync,
    f: impl Fn(&mut S, Range<usize>) -> T + Sync,
    done: impl Fn(S) -> R + Sync,
) -> (Vec<R>, Vec<T>) {
    let chunk_len = chunk_len.max(1);
    let next = std::sync::atomic::AtomicUsize::new(0);
    // One core's share: chunks until none is left.
    let work = || {
        let mut state = init();
        let mut yields = Vec::new();
        loop {
            let k = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let start = k.saturating_mul(chunk_len);
            if start >= n {
                break;
            }
            yields.push((k, f(&mut state, start..n.min(start + chunk_len))));
        }
        (done(state), yields)
    };
    let cores = ranges(n, min_len).len().min(n.div_ceil(chunk_len));
    let shares = if cores <= 1 {
        vec![work()]
    } else {
        std::thread::scope(|scope| {
            // A thread that cannot start leaves its chunks to the others.
            let workers: Vec<_> = (1..cores)
                .filter_map(|_| std::thread::Builder::new().spawn_scoped(scope, work).ok())
                .collect();
            let mut shares = vec![work()];
            for worker in workers {
                match worker.join() {
                    Ok(share) => shares.push(share),
                    // A panic in a worker is a bug; surface it as the same panic.
                    Err(payload) => std::panic::resume_unwind(payload),
                }
            }
            shares
        })
    };
    let mut states = Vec::with_capacity(shares.len());
    let mut yields = Vec::new();
    for (state, share) in shares {
        states.push(state);
        yields.extend(share);
    }
    yields.sort_unstable_by_key(|&(k, _)| k);
    (states, yields.into_iter().map(|(_, t)| t).collect())
}

/// Chunks a core may finish ahead of the one [`stream`] hands over next.
const AHEAD: usize = 4;

/// `0..n` in chunks of `chunk_len` indexes: `fill` renders each chunk into
/// a buffer on whichever core is free, and `sink` takes the buffers on the
/// calling thread in chunk order, each as soon as every chunk before it is
/// taken. The output streams while it is made, and at most [`AHEAD`]
/// chunks per core wait in memory. `sink` hands each buffer back (it should
/// leave it empty) to be filled again: small buffers used over and over
/// stay in the cache, where fresh ones would each cost page faults. The
/// threads start once, however many chunks there are; parallel when the
/// work splits as [`ranges`]`(n, min_len)` would. The first error of
/// `sink` stops the work and is returned.
pub fn stream<T: Default + Send, E>(
    n: usize,
    chunk_len: usize,
    min_len: usize,
    fill: impl Fn(Range<usize>, &mut T) + Sync,
    mut sink: impl FnMut(&mut T) -> Result<(), E>,
) -> Result<(), E> {
    let chunk_len = chunk_len.max(1);
    let count = n.div_ceil(chunk_len);
    let chunk = |k: usize| k * chunk_len..n.min((k + 1) * chunk_len);
    let cores = ranges(n, min_len).len().min(count);
    if cores <= 1 {
        let mut buf = T::default();
        for k in 0..count {
            fill(chunk(k), &mut buf);
            sink(&mut buf)?;
        }
        return Ok(());
    }
    let ahead = AHEAD * cores;
    let shared = Shared {
        state: Mutex::new(StreamState {
            next: 0,
            taken: 0,
            done: (0..ahead).map(|_| None).collect(),
            spare: Vec::new(),
            stopped: false,
        }),
        changed: Condvar::new(),
    };
    let work = || {
        let _stop = StopOnPanic(&shared);
        loop {
            let (k, mut buf) = {
                let mut state = shared.lock();
                loop {
                    if state.stopped || state.next >= count {
                        return;
                    }
                    if state.next < state.taken + ahead {
                        break;
                    }
                    state = shared.wait(state);
                }
                state.next += 1;
                (state.next - 1, state.spare.pop().unwrap_or_default())
            };
            fill(chunk(k), &mut buf);
            shared.lock().done[k % ahead] = Some(buf);
            shared.changed.notify_all();
        }
    };
    std::thread::scope(|scope| {
        // A thread that cannot start leaves its chunks to the others.
        let workers: Vec<_> = (1..cores)
            .filter_map(|_| std::thread::Builder::new().spawn_scoped(scope, work).ok())
            .collect();
        let result = {
            let _stop = StopOnPanic(&shared);
            let mut result = Ok(());
            // Hand over the next chunk when it is done; else render the
            // next one not taken; else wait for a worker.
            loop {
                let mut state = shared.lock();
                if state.taken == count || state.stopped {
                    break;
                }
                let slot = state.taken % ahead;
                if let Some(mut buf) = state.done[slot].take() {
                    drop(state);
                    let sunk = sink(&mut buf);
                    let mut state = shared.lock();
                    state.spare.push(buf);
                    state.taken += 1;
                    if let Err(e) = sunk {
                        state.stopped = true;
                        result = Err(e);
                    }
                    drop(state);
                    shared.changed.notify_all();
                } else if state.next < count && state.next < state.taken + ahead {
                    let k = state.next;
                    state.next += 1;
                    let mut buf = state.spare.pop().unwrap_or_default();
                    drop(state);
                    fill(chunk(k), &mut buf);
                    shared.lock().done[k % ahead] = Some(buf);
                } else {
                    drop(shared.wait(state));
                }
            }
            result
        };
        for worker in workers {
            if let Err(payload) = worker.join() {
                // A panic in a worker is a bug; surface it as the same panic.
                std::panic::resume_unwind(payload);
            }
        }
        result
    })
}

/// What [`stream`]'s threads share.
struct Shared<T> {
    state: Mutex<StreamState<T>>,
    /// Signalled when a chunk is done, taken, or the work stops.
    changed: Condvar,
}

struct StreamState<T> {
    /// The first chunk no thread has started.
    next: usize,
    /// The first chunk `sink` has not taken.
    taken: usize,
    /// Chunk `k`, done and not yet taken, waits in slot `k % done.len()`.
    done: Vec<Option<T>>,
    /// Buffers `sink` has handed back.
    spare: Vec<T>,
    /// `sink` failed or a thread panicked: start no more chunks.
    stopped: bool,
}

impl<T> Shared<T> {
    fn lock(&self) -> MutexGuard<'_, StreamState<T>> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn wait<'a>(&self, state: MutexGuard<'a, StreamState<T>>) -> MutexGuard<'a, StreamState<T>> {
        self.changed
            .wait(state)
            .unwrap_or_else(PoisonError::into_inner)
    }
}

/// Stops a [`stream`] when the thread holding it panics, so that no other
/// thread waits for a chunk that will never come.
struct StopOnPanic<'a, T>(&'a Shared<T>);

impl<T> Drop for StopOnPanic<'_, T> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            self.0.lock().stopped = true;
            self.0.changed.notify_all();
        }
    }
}

/// `a()` and `b()`, `b` on a scoped thread when work on `n` items splits
/// as [`ranges`]`(n, min_len)` would (else, or when no thread can start,
/// one after the other here).
pub fn join<A, B: Send>(
    n: usize,
    min_len: usize,
    a: impl FnOnce() -> A,
    b: impl FnOnce() -> B + Send,
) -> (A, B) {
    if ranges(n, min_len).len() <= 1 {
        return (a(), b());
    }
    // A thread that cannot start drops what it was given: `b` waits in a
    // slot that whoever runs it empties.
    let slot = Mutex::new(Some(b));
    let run_b = || {
        let b = slot.lock().unwrap_or_else(PoisonError::into_inner).take();
        b.map(|b| b())
    };
    std::thread::scope(|scope| {
        let worker = std::thread::Builder::new().spawn_scoped(scope, run_b);
        let a = a();
        let done = match worker {
            Ok(handle) => match handle.join() {
                Ok(done) => done,
                // A panic in a worker is a bug; surface it as the same panic.
                Err(payload) => std::panic::resume_unwind(payload),
            },
            Err(_) => None,
        };
        match done.or_else(run_b) {
            Some(b) => (a, b),
            None => unreachable!("`b` runs exactly once"),
        }
    })
}

/// `f` applied to every index of `0..n`, in order; in parallel when there
/// are at least `2 * min_len` indexes.
pub fn map<T: Send>(n: usize, min_len: usize, f: impl Fn(usize) -> T + Sync) -> Vec<T> {
    concat(run(ranges(n, min_len), |r| r.map(&f).collect()))
}

/// The vectors joined in order.
pub fn concat<T>(parts: Vec<Vec<T>>) -> Vec<T> {
    let mut parts = parts.into_iter();
    let mut out = parts.next().unwrap_or_default();
    for mut p in parts {
        out.append(&mut p);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_cover_every_index_once_in_order() {
        for n in 0..40 {
            for parts in 1..9 {
                let rs = split(n, parts);
                let flat: Vec<usize> = rs.iter().cloned().flatten().collect();
                assert_eq!(flat, (0..n).collect::<Vec<_>>(), "n={n} parts={parts}");
                assert!(rs.iter().all(|r| n == 0 || !r.is_empty()));
            }
        }
    }

    #[test]
    fn results_keep_their_order_across_threads() {
        let squares = run(split(1000, 4), |r| r.map(|i| i * i).collect::<Vec<_>>());
        assert_eq!(squares.len(), 4);
        let flat = concat(squares);
        assert_eq!(flat, (0..1000).map(|i| i * i).collect::<Vec<_>>());
        assert_eq!(map(5, 1000, |i| i + 1), vec![1, 2, 3, 4, 5]);
    }

    #[test]
    fn chunks_yield_in_order_and_every_index_once() {
        for n in [0, 1, 999, 1000, 10_007] {
            let (counts, yields) = chunks(
                n,
                64,
                1,
                || 0,
                |count: &mut usize, r| {
                    *count += r.len();
                    r
                },
                |count| count,
            );
            assert_eq!(counts.iter().sum::<usize>(), n);
            let indexes: Vec<usize> = yields.into_iter().flatten().collect();
            assert_eq!(indexes, (0..n).collect::<Vec<_>>());
        }
    }

    /// Every chunk reaches the sink once, in order, whatever the chunk
    /// length, and only as many buffers are made as can be in use at once.
    #[test]
    fn stream_hands_over_every_chunk_in_order() {
        for n in [0, 1, 63, 64, 65, 10_007] {
            for chunk_len in [1, 7, 64] {
                let fresh = std::sync::atomic::AtomicUsize::new(0);
                let mut seen = Vec::new();
                let result: Result<(), ()> = stream(
                    n,
                    chunk_len,
                    1,
                    |r, buf: &mut Vec<usize>| {
                        if buf.capacity() == 0 {
                            fresh.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        }
                        buf.extend(r);
                    },
                    |buf| {
                        seen.append(buf);
                        Ok(())
                    },
                );
                assert_eq!(result, Ok(()));
                assert_eq!(
                    seen,
                    (0..n).collect::<Vec<_>>(),
                    "n={n} chunk_len={chunk_len}"
                );
                assert!(fresh.into_inner() <= (AHEAD + 1) * threads() + 1);
            }
        }
    }

    /// The sink's first error stops the stream and comes back; nothing
    /// after it is taken.
    #[test]
    fn stream_stops_at_the_first_error() {
        let mut taken = Vec::new();
        let result = stream(
            10_000,
            10,
            1,
            |r, buf: &mut Vec<usize>| buf.push(r.start),
            |buf| {
                let start = buf.pop().expect("one start per chunk");
                taken.push(start);
                if start == 500 { Err(start) } else { Ok(()) }
            },
        );
        assert_eq!(result, Err(500));
        assert_eq!(taken, (0..=50).map(|k| k * 10).collect::<Vec<_>>());
    }

    /// A panic while filling a chunk, on any thread, surfaces as that panic
    /// instead of leaving the others waiting.
    #[test]
    fn stream_surfaces_a_panic() {
        for bad in [0, 10, 9_990] {
            let caught = std::panic::catch_unwind(|| {
                let _: Result<(), ()> = stream(
                    10_000,
                    10,
                    1,
                    |r, _: &mut Vec<usize>| assert_ne!(r.start, bad, "planted"),
                    |_| Ok(()),
                );
            });
            assert!(caught.is_err(), "bad={bad}");
        }
    }

    #[test]
    fn join_returns_both_results() {
        let mut seen = Vec::new();
        let (a, b) = join(
            10,
            1,
            || {
                seen.push(1);
                "a"
            },
            || (0..10).sum::<i32>(),
        );
        assert_eq!((a, b, seen), ("a", 45, vec![1]));
    }
}
