//! What the server's threads and the request handlers share: the settings, the store, the fault
//! queue, the request log and the counters.

use crate::faults::FaultQueue;
use crate::options::Options;
use crate::record::RecordedRequest;
use crate::store::State;
use std::collections::{HashMap, VecDeque};
use std::net::{Shutdown, SocketAddr, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::Duration;

/// Locks a mutex, ignoring poisoning (a panicking handler must not take the server down).
pub(crate) fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// Everything the threads share.
pub(crate) struct Shared {
    pub opts: Options,
    pub state: Mutex<State>,
    pub faults: Mutex<FaultQueue>,
    pub records: Mutex<VecDeque<RecordedRequest>>,
    pub accepted: AtomicU64,
    pub open: AtomicU64,
    pub requests_total: AtomicU64,
    next_seq: AtomicU64,
    pub next_conn: AtomicU64,
    shutdown: AtomicBool,
    /// Clones of open sockets, shut down on stop to wake blocked threads.
    pub conns: Mutex<HashMap<u64, TcpStream>>,
    pub threads: Mutex<Vec<JoinHandle<()>>>,
}

impl Shared {
    pub fn new(opts: Options) -> Self {
        Shared {
            opts,
            state: Mutex::default(),
            faults: Mutex::default(),
            records: Mutex::default(),
            accepted: AtomicU64::new(0),
            open: AtomicU64::new(0),
            requests_total: AtomicU64::new(0),
            next_seq: AtomicU64::new(1),
            next_conn: AtomicU64::new(1),
            shutdown: AtomicBool::new(false),
            conns: Mutex::default(),
            threads: Mutex::default(),
        }
    }

    pub fn is_shutdown(&self) -> bool {
        self.shutdown.load(Ordering::SeqCst)
    }

    /// Appends to the log; returns the request's sequence number.
    pub fn push_record(&self, mut r: RecordedRequest) -> u64 {
        let mut recs = lock(&self.records);
        // Numbered under the lock, so the log is in sequence order.
        let seq = self.next_seq.fetch_add(1, Ordering::SeqCst);
        r.seq = seq;
        recs.push_back(r);
        while recs.len() > self.opts.max_recorded_requests {
            recs.pop_front();
        }
        seq
    }

    /// Stops accepting, wakes every connection thread and joins them.
    pub fn stop(&self, listeners: &[SocketAddr], accept_threads: Vec<JoinHandle<()>>) {
        self.shutdown.store(true, Ordering::SeqCst);
        for a in listeners {
            // Wake the blocking accept(); the loop then sees the flag.
            let _ = TcpStream::connect_timeout(a, Duration::from_secs(1));
        }
        for t in accept_threads {
            let _ = t.join();
        }
        for s in lock(&self.conns).values() {
            let _ = s.shutdown(Shutdown::Both);
        }
        let threads = std::mem::take(&mut *lock(&self.threads));
        for t in threads {
            let _ = t.join();
        }
    }
}
