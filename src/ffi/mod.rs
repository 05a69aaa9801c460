//! The C ABI. Every `extern "C"` function of libimagekit lives under this module; the rest of
//! the crate is plain Rust. cbindgen turns these items into `include/imagekit.h`.
//!
//! Conventions (see README "The C surface"):
//! - every fallible function returns an `ik_status`; outputs come last, named `out_*`;
//! - `*out_json` is NULL on entry, then holds the result (success) or an error JSON (failure);
//!   the caller frees it with `ik_string_free`;
//! - string inputs are borrowed NUL-terminated UTF-8; NULL where not allowed gives
//!   `IK_STATUS_NULL_ARGUMENT`; no panic crosses the boundary (`IK_STATUS_PANIC`).

pub mod args;
pub mod auth;
pub mod boundary;
pub mod build_url;
pub mod client;
pub mod cstring;
pub mod jwt;
pub mod live_secrets;
pub mod ops;
#[rustfmt::skip] // generated (tests/codegen): kept byte-for-byte as the generator writes it
pub mod ops_gen;
pub mod pages;
pub mod phash;
pub mod request;
pub mod seed_names;
pub mod status;
pub mod upload;
pub mod url;
pub mod webhook;

pub use client::ik_client;
pub use status::ik_status;
