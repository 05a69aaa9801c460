//! imagekit-core: the ImageKit.io SDK as plain Rust.
//!
//! Everything libimagekit does lives here: URL building and signing (`url` for the original
//! Python SDK's builder, `modern` for today's SDKs' builder, `urlkit` the floor both stand on),
//! uploads and every REST operation
//! (`api`, driven by the operation table of the `imagekit-ops` crate), the HTTP transport with
//! its retries (`http`), client-side upload auth (`auth`), the upload-v2 JWT (`jwt`), webhook
//! verification (`webhook`) and pHash distance (`phash`). A [`Client`] is built from a
//! [`Config`]; every fallible call returns [`Result`].
//!
//! The crate knows nothing about C: the C ABI is the `imagekit` crate at the repository root,
//! and Rust programs (the `imagekit` command-line tool among them) use this crate directly.
#![deny(unsafe_code)] // allowed only where a measured speed win needs it, each with its SAFETY note

pub mod api;
pub mod auth;
pub mod bulk;
pub mod client;
pub mod clock;
pub mod config;
pub mod error;
pub mod http;
pub mod jwt;
pub mod log;
pub mod modern;
pub mod options;
pub mod phash;
pub mod random;
pub mod url;
pub mod urlkit;
pub mod webhook;

pub use client::Client;
pub use config::Config;
pub use error::{Error, ErrorKind, Result};
/// The signer, where it was before the URL floor (`urlkit`) held it.
pub use urlkit::sign;

pub use http::agent::VERSION_STRING;
