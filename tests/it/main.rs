//! The integration tests, in one binary (one link of the library): one module per area, and
//! one support module ([`support`]).
//!
//! Run one area or one test with a filter: `cargo test --test it ffi_url::` or
//! `cargo test --test it -- --exact transport_retry::backoff_grows_between_attempts`.
//!
//! Kept in a process of their own, as separate test targets (see Cargo.toml):
//! - `tests/transport_proxy.rs` sets `HTTP_PROXY`, `HTTPS_PROXY` and `NO_PROXY` in the process
//!   environment, which every client made meanwhile on another thread would read (and changing
//!   the environment while other threads read it is not sound);
//! - `tests/install.rs` builds the release library (LTO) and runs `make install`: minutes of
//!   both cores, which must not run beside the tests here that bound how long a call takes;
//! - `tests/fuzz_smoke.rs` builds the fuzz targets with AddressSanitizer and fuzzes each for a
//!   while, for the same reason.
//!
//! Tests here that need a process of their own start one: `reliability_leaks` and the large-file
//! test of `ffi_files` measure the whole process's file descriptors and memory, so they run again
//! alone in a child process ([`support::alone`]); `reliability_panic` checks everything a child
//! process writes to stderr. The header test reads build.rs's output through `OUT_DIR`, which
//! cargo sets for every test target of the package.

mod support;

// Modules marked `allow(deprecated)` call the original SDK's C names (`ik_list_files`,
// `ik_upload_file`, ...) on purpose: they stay exported for existing C users.
mod c_abi;
mod c_tsan;
#[allow(deprecated)]
mod contract_prism;
mod cpp_wrapper;
mod ffi_auth_into;
mod ffi_bulk;
#[allow(deprecated)]
mod ffi_files;
mod ffi_foundation;
mod ffi_ops;
mod ffi_ops_mock;
mod ffi_pages;
mod ffi_url;
mod ffi_url_modern;
mod ffi_webhook;
mod fuzz_regressions;
mod go_binding;
mod header;
mod layout;
mod python_ctypes;
mod reliability_config;
#[allow(deprecated)]
mod reliability_faults;
mod reliability_idempotent;
#[allow(deprecated)]
mod reliability_leaks;
mod reliability_pages;
mod reliability_panic;
mod reliability_retry_classes;
#[allow(deprecated)]
mod reliability_secrets;
#[allow(deprecated)]
mod reliability_smaller;
#[allow(deprecated)]
mod reliability_upload;
mod transport_retry;
mod transport_timeouts;
mod transport_tls;
mod url_input;
