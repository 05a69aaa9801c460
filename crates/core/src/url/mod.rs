//! URL generation: the original Python SDK's builder behind `ik_url`.
//!
//! [`crate::Client::url`] reproduces imagekitio 4.2.0's `url()` with the original README's
//! transformation table, byte for byte. It stands on the floor shared with the modern builder
//! ([`crate::urlkit`]: the JSON pull parser, the name table, the signer) and on nothing of
//! `crate::modern`. One concern per file:
//!
//! | file | what |
//! |---|---|
//! | `options.rs` | the options object: names, aliases, types |
//! | `transform.rs` | the transformation string |
//! | `pyfmt.rs` | Python `str()` of JSON numbers (`1.0`, `1e-07`) |
//! | `query.rs` | `quote`, `quote_plus`, `unquote`, `parse_qsl`, `urlencode` |
//! | `urlparse.rs` | `urlparse` / `urlunparse` |
//! | `signature.rs` | the signed payload and HMAC |
//! | `small.rs` | a small inline list (no allocation for a few keys) |
//! | `build.rs` | the builder itself |

mod build;
mod options;
mod pyfmt;
mod query;
mod signature;
mod small;
mod transform;
mod urlparse;

pub use signature::{get_signature, signed_payload, Expiry};
