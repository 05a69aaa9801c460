//! URL generation: the seed builder behind `ik_url` (Decision 1).
//!
//! [`crate::Client::url`] reproduces imagekitio 4.2.0's `url()` with the seed README's
//! transformation table, byte for byte (`shared/reference/url-legacy-exact.md`). One concern per
//! file:
//!
//! | file | what |
//! |---|---|
//! | `json.rs` | borrowed JSON scanner (no `serde_json::Value` tree on the hot path) |
//! | `options.rs` | the options object: names, aliases, types |
//! | `table.rs` | transformation names → URL keys |
//! | `transform.rs` | the transformation string |
//! | `pyfmt.rs` | Python `str()` of JSON numbers (`1.0`, `1e-07`) |
//! | `query.rs` | `quote`, `quote_plus`, `unquote`, `parse_qsl`, `urlencode` |
//! | `urlparse.rs` | `urlparse` / `urlunparse` |
//! | `signature.rs` | the signed payload and HMAC |
//! | `small.rs` | a small inline list (no allocation for a few keys) |
//! | `build.rs` | the builder itself |
//! | `fuzz_support.rs` | the scanner's entry points for the fuzz targets (`fuzz/`) |

mod build;
#[doc(hidden)]
pub mod fuzz_support;
pub(crate) mod json;
mod options;
mod pyfmt;
mod query;
mod signature;
mod small;
mod table;
mod transform;
mod urlparse;

pub(crate) use build::unix_now;
/// The transformation-name table, shared with the modern builder (`crate::modern`).
pub(crate) use table::url_key;

use crate::error::Error;

/// Results inside the builder (the crate's `Error` is one pointer, so this stays cheap on the
/// hot path).
pub(crate) type Res<T> = crate::error::Result<T>;

/// An `InvalidArgument` error, built out of line (errors are the cold path).
#[cold]
pub(crate) fn invalid(message: impl Into<String>) -> Error {
    Error::invalid(message)
}
pub use signature::{get_signature, signed_payload, Expiry};
