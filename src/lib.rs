//! libimagekit: the ImageKit.io SDK as a C-ABI library.
//!
//! The Rust core (`config`, `client`, `url`, `http`, `api`, …) knows nothing about C;
//! every `extern "C"` function lives in [`ffi`].
#![allow(non_camel_case_types)]

pub mod api;
pub mod auth;
pub mod bulk;
pub mod client;
pub mod config;
pub mod error;
pub mod ffi;
pub mod http;
pub mod jwt;
pub mod log;
pub mod modern;
pub mod phash;
pub mod random;
pub mod sign;
pub mod url;
pub mod webhook;

pub use client::Client;
pub use config::Config;
pub use error::{Error, ErrorKind, Result};

/// `libimagekit/<version>`, used in the User-Agent and by `ik_version()`.
pub const VERSION_STRING: &str = concat!("libimagekit/", env!("CARGO_PKG_VERSION"));
