//! A local ImageKit-compatible server for libimagekit's tests, samples and benchmarks.
//!
//! It listens on 127.0.0.1 only (plain HTTP, and HTTPS with the test certificate from
//! `tests/data/tls/`), keeps an in-memory media library, and can be told to misbehave.
//!
//! ```no_run
//! use ik_mock_server::{Fault, MockServer};
//! let server = MockServer::start();
//! // point the SDK at server.base_url() (or server.tls_base_url() + server.ca_pem_path())
//! server.push_fault(Fault::status(503).times(2)); // two 503s, then normal service
//! // … run the client …
//! assert_eq!(server.requests().len(), 3);
//! ```
//!
//! # Operations
//!
//! Every regular operation of the library's operation table (`crates/ops`, a dependency of
//! this crate) is routed by that table: one generic step checks the request against the row
//! (ids, required fields, kinds, unknown keys, list limits → 400 with ImageKit's body), then the
//! row's handler runs (by its Python-SDK name; a row without one answers 501, and
//! `tests/operations.rs` fails on it). The irregular ones are the uploads: `POST
//! /api/v1/files/upload` (Basic, or client-side `publicKey`+`signature`+`expire`+`token`) and
//! `POST /api/v2/files/upload` (Basic, or an HS256 JWT `token`), both multipart and streamed.
//! Everything is stateful: file versions, copy/move/rename, bulk tag and delete operations with
//! 207 partial answers, folders and bulk jobs that complete, custom metadata fields, saved
//! extensions, named transformations, usage, origins, URL endpoints, webhooks. The README of
//! this crate lists each route's behaviour.
//!
//! Authentication is HTTP Basic with the private key as user name (password ignored); no or
//! empty credentials give 401 `{"message":"Your request does not contain private API key.",
//! "help":"For support kindly contact us at support@imagekit.io."}`, a wrong key 403. Every
//! response carries a fresh `x-ik-requestId`.
//!
//! # Control API (over HTTP, no auth, never faulted or recorded)
//!
//! | request | answer |
//! |---|---|
//! | `GET /__mock/health` | `{"ok":true}` |
//! | `POST /__mock/faults` with a fault object or an array of them | `{"queued":n,"pending":m}` |
//! | `GET /__mock/faults` / `DELETE /__mock/faults` | pending faults / `{"cleared":n}` |
//! | `GET /__mock/requests` / `DELETE /__mock/requests` | the request log (see [`RecordedRequest::to_json`]) / `{"cleared":n}` |
//! | `GET /__mock/stats` | `{"connections_accepted","open_connections","requests_total","requests_recorded","faults_pending","files","folders","purge_requests","file_versions","bulk_jobs","custom_metadata_fields","saved_extensions","named_transformations","origins","url_endpoints","webhooks"}` |
//! | `GET /__mock/files` | every file's `FileDetails` |
//! | `POST /__mock/reset` | clears the whole library (files, folders, jobs, fields, account resources, used tokens), faults and the log |
//!
//! A fault in JSON (every field optional except `status` for `respond`):
//!
//! ```json
//! {
//!   "method": "POST",                 // match the method (case-insensitive)
//!   "path": "/api/v1/files/upload",   // match a path prefix (alias "path_prefix")
//!   "times": 2,                       // requests it applies to; default 1; 0 = until cleared
//!   "delay_ms": 1500,                 // wait after reading the request, before acting
//!   "action": "respond",              // "respond" (default) | "drop" | "drop_mid_response" | "passthrough"
//!                                     // | "handle_then_drop" (do the operation, then close unanswered)
//!                                     // | "echo_secrets" / "echo_secrets_text" (echo the credentials everywhere)
//!   "status": 429,
//!   "headers": {"Retry-After": "1"},  // or [["Retry-After", "1"], …]
//!   "body": "…"                       // string, or any JSON value (sent serialised)
//! }
//! ```
//!
//! `respond` sends the status with `body` (default: ImageKit's body for that status;
//! `""` sends an empty body). Content-Type defaults to `application/json` when the body parses
//! as JSON, `text/plain` otherwise; set it in `headers` (e.g. `text/html`). `drop` closes the
//! connection after reading the request. `drop_mid_response` sends the head and half the body,
//! then closes: the normal response (the operation does happen) unless `status`/`headers`/`body`
//! are given. `passthrough` answers normally (use it with `delay_ms`). The first pending fault
//! that matches a request is used.

mod api;
mod conn;
mod faults;
mod http;
mod multipart;
mod options;
mod record;
mod search;
mod server;
mod shared;
mod store;
mod util;

pub use api::metadata::REMOTE_FILE_SIZE;
pub use api::upload::URL_FILE_SIZE;
pub use faults::{default_body, CannedResponse, Fault, FaultAction};
pub use http::HELP;
pub use options::{Options, DEFAULT_PRIVATE_KEY, DEFAULT_PUBLIC_KEY, DEFAULT_URL_ENDPOINT};
pub use record::{RecordedPart, RecordedRequest, KEPT_PREFIX, MAX_KEPT_TEXT};
pub use store::{IMAGE_SIZE, VIDEO_SIZE};

use serde_json::Value;
use shared::{lock, Shared};
use std::io;
use std::net::{Ipv4Addr, SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// The test CA certificate (PEM) that signed the server certificate.
pub const CA_PEM: &str = include_str!("../../tests/data/tls/ca.pem");
/// An unrelated CA certificate (PEM), for "wrong CA" tests.
pub const OTHER_CA_PEM: &str = include_str!("../../tests/data/tls/other-ca.pem");

/// A running server. Dropping it stops the listeners, closes every connection and joins all
/// threads.
pub struct MockServer {
    shared: Arc<Shared>,
    addr: SocketAddr,
    tls_addr: Option<SocketAddr>,
    accept_threads: Vec<JoinHandle<()>>,
}

impl MockServer {
    /// Starts with [`Options::default()`] (plain HTTP and HTTPS on OS-chosen ports).
    ///
    /// # Panics
    /// If a listener cannot be bound.
    pub fn start() -> MockServer {
        MockServer::start_with(Options::default())
    }

    /// Starts with the given options.
    ///
    /// # Panics
    /// If a listener cannot be bound (use [`MockServer::try_start_with`] to handle that).
    pub fn start_with(opts: Options) -> MockServer {
        MockServer::try_start_with(opts).expect("ik-mock-server: cannot start")
    }

    /// Starts with the given options, reporting bind failures.
    pub fn try_start_with(opts: Options) -> io::Result<MockServer> {
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, opts.port))?;
        let addr = listener.local_addr()?;
        let tls = if opts.tls {
            let cfg = server::tls_config().map_err(io::Error::other)?;
            let l = TcpListener::bind((Ipv4Addr::LOCALHOST, opts.tls_port))?;
            Some((l, cfg))
        } else {
            None
        };
        let shared = Arc::new(Shared::new(opts));
        let mut accept_threads = Vec::new();
        let sh = shared.clone();
        accept_threads.push(
            std::thread::Builder::new()
                .name("ik-mock-accept".into())
                .spawn(move || server::accept_loop(sh, listener, None))?,
        );
        let mut tls_addr = None;
        if let Some((l, cfg)) = tls {
            tls_addr = Some(l.local_addr()?);
            let sh = shared.clone();
            accept_threads.push(
                std::thread::Builder::new()
                    .name("ik-mock-accept-tls".into())
                    .spawn(move || server::accept_loop(sh, l, Some(cfg)))?,
            );
        }
        Ok(MockServer {
            shared,
            addr,
            tls_addr,
            accept_threads,
        })
    }

    /// `http://127.0.0.1:PORT`
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// `https://localhost:PORT` (the certificate names `localhost` and `127.0.0.1`).
    pub fn tls_base_url(&self) -> Option<String> {
        self.tls_addr.map(|a| format!("https://localhost:{}", a.port()))
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    pub fn tls_addr(&self) -> Option<SocketAddr> {
        self.tls_addr
    }

    pub fn options(&self) -> &Options {
        &self.shared.opts
    }

    /// Path of the test CA's PEM file (see [`ca_pem_path`]).
    pub fn ca_pem_path(&self) -> PathBuf {
        ca_pem_path()
    }

    /// Queues a fault (see [`Fault`]).
    pub fn push_fault(&self, f: Fault) {
        lock(&self.shared.faults).push(f);
    }

    /// Drops every pending fault.
    pub fn clear_faults(&self) {
        lock(&self.shared.faults).clear();
    }

    /// The faults not yet used up, in order.
    pub fn pending_faults(&self) -> Vec<Fault> {
        lock(&self.shared.faults).pending()
    }

    /// The request log, oldest first (control requests are not in it).
    pub fn requests(&self) -> Vec<RecordedRequest> {
        lock(&self.shared.records).iter().cloned().collect()
    }

    /// Empties the request log.
    pub fn clear_requests(&self) {
        lock(&self.shared.records).clear();
    }

    /// Connections accepted since start (both listeners).
    pub fn connections_accepted(&self) -> u64 {
        self.shared.accepted.load(Ordering::SeqCst)
    }

    /// Connections currently open (both listeners). A connection counts until its thread sees
    /// the client's close, so poll with [`MockServer::wait_for_open_connections`].
    pub fn open_connections(&self) -> u64 {
        self.shared.open.load(Ordering::SeqCst)
    }

    /// Waits until at most `n` connections are open; false on timeout.
    pub fn wait_for_open_connections(&self, n: u64, timeout: Duration) -> bool {
        let end = Instant::now() + timeout;
        loop {
            if self.open_connections() <= n {
                return true;
            }
            if Instant::now() >= end {
                return false;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    /// Clears the whole library (files, folders, purges, jobs, fields, account resources, used upload tokens), faults and the request log.
    /// Connection counters keep counting.
    pub fn reset(&self) {
        api::control::reset(&self.shared);
    }

    /// The same object as `GET /__mock/stats`.
    pub fn stats(&self) -> Value {
        api::control::stats(&self.shared)
    }

    /// `FileDetails` of every stored file, oldest first.
    pub fn files(&self) -> Vec<Value> {
        api::control::files(&self.shared)
    }

    /// Stops the server (same as dropping it).
    pub fn shutdown(self) {}
}

impl Drop for MockServer {
    fn drop(&mut self) {
        let mut addrs = vec![self.addr];
        addrs.extend(self.tls_addr);
        self.shared.stop(&addrs, std::mem::take(&mut self.accept_threads));
    }
}

/// Path of the test CA certificate: `tests/data/tls/ca.pem` in the source tree, or, when that
/// is gone (the binary moved elsewhere), a copy written to the temp directory.
pub fn ca_pem_path() -> PathBuf {
    let src = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/data/tls/ca.pem"));
    if let Ok(p) = src.canonicalize() {
        if std::fs::read_to_string(&p).is_ok_and(|s| s == CA_PEM) {
            return p;
        }
    }
    let dst = std::env::temp_dir().join(format!(
        "ik-mock-server-ca-{:016x}.pem",
        util::fnv1a64(CA_PEM.as_bytes())
    ));
    if std::fs::read_to_string(&dst).is_ok_and(|s| s == CA_PEM) {
        return dst;
    }
    let tmp = dst.with_extension(format!("{}.tmp", std::process::id()));
    if std::fs::write(&tmp, CA_PEM).is_ok() {
        let _ = std::fs::rename(&tmp, &dst);
    }
    dst
}
