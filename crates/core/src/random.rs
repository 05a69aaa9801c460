//! Random bytes for upload tokens, drawn from the operating system in batches.
//!
//! A generated token is a UUIDv4: 16 random bytes. Asking the OS for them on every call was
//! a `getrandom` system call per set of authentication parameters, more than half of the
//! call's time. Each thread instead keeps a batch of OS randomness and hands out unused bytes
//! once each, so one system call serves [`BATCH`]` / 16` tokens.
//!
//! A batch must never be shared by two processes: after `fork` the child has a copy of the
//! parent thread's batch, and both would hand out the same tokens. Batching is therefore on only
//! while the host counts forks: a layer that can register a fork handler (the C library does,
//! with `pthread_atfork`) calls [`fork_counting_started`] once and [`note_fork`] in every child,
//! and a batch drawn before the latest fork is thrown away unused. Without that, every token
//! takes its own system call, which is always safe.

use crate::error::{Error, Result};
use std::cell::RefCell;
use std::sync::atomic::{AtomicU64, Ordering};

/// Bytes drawn from the OS at a time: 32 tokens.
const BATCH: usize = 512;

struct Batch {
    bytes: [u8; BATCH],
    /// Bytes handed out (or never filled): the next ones start here.
    used: usize,
    /// [`FORKS`] when the batch was drawn.
    forks: u64,
}

thread_local! {
    static BATCH_OF_THREAD: RefCell<Batch> = const {
        RefCell::new(Batch { bytes: [0; BATCH], used: BATCH, forks: 0 })
    };
}

/// How many times this process has been forked into a child (counted in the child), or
/// [`NOT_COUNTED`] while no fork handler is registered.
static FORKS: AtomicU64 = AtomicU64::new(NOT_COUNTED);
const NOT_COUNTED: u64 = u64::MAX;

/// Turns batching on: the caller has registered a fork handler that calls [`note_fork`] in every
/// child. Called once; later calls change nothing.
pub fn fork_counting_started() {
    let _ = FORKS.compare_exchange(NOT_COUNTED, 0, Ordering::Relaxed, Ordering::Relaxed);
}

/// Records a fork, in the child. Only touches an atomic, so it is async-signal-safe, as a
/// fork handler of a multi-threaded process must be.
pub fn note_fork() {
    let _ = FORKS.fetch_update(Ordering::Relaxed, Ordering::Relaxed, |n| {
        (n != NOT_COUNTED).then(|| n + 1)
    });
}

/// 16 bytes from the OS's cryptographic random source, each handed out once in this process.
pub fn random_16() -> Result<[u8; 16]> {
    let forks = FORKS.load(Ordering::Relaxed);
    let unbatched = forks == NOT_COUNTED;
    let mut out = [0u8; 16];
    if unbatched {
        getrandom::fill(&mut out).map_err(os_error)?;
        return Ok(out);
    }
    BATCH_OF_THREAD.with(|cell| {
        let mut b = cell.borrow_mut();
        if b.forks != forks || b.used + out.len() > BATCH {
            getrandom::fill(&mut b.bytes).map_err(os_error)?;
            b.used = 0;
            b.forks = forks;
        }
        let at = b.used;
        out.copy_from_slice(&b.bytes[at..at + 16]);
        // Handed-out bytes are not kept: a later reader of this memory learns no past token.
        b.bytes[at..at + 16].fill(0);
        b.used += 16;
        Ok(out)
    })
}

fn os_error(e: getrandom::Error) -> Error {
    Error::new(
        crate::error::ErrorKind::Io,
        format!("the operating system's random source failed: {e}"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn bytes_are_never_handed_out_twice_across_batches() {
        fork_counting_started();
        let mut seen = HashSet::new();
        for _ in 0..(BATCH / 16) * 5 + 3 {
            assert!(seen.insert(random_16().unwrap()));
        }
    }

    #[test]
    fn threads_draw_their_own_bytes() {
        let others: Vec<[u8; 16]> = std::thread::spawn(|| (0..64).map(|_| random_16().unwrap()).collect())
            .join()
            .unwrap();
        let mine: HashSet<[u8; 16]> = (0..64).map(|_| random_16().unwrap()).collect();
        assert!(others.iter().all(|o| !mine.contains(o)));
    }
}
