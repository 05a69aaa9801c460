//! The floor both URL builders stand on: the original SDK's (`crate::url`, `ik_url`) and the
//! modern one (`crate::modern`, `ik_build_url`). Each builder depends on this module and on
//! nothing of the other; nothing here depends on either.
//!
//! | file | what |
//! |---|---|
//! | `json.rs` | the borrowing JSON pull parser (no `serde_json::Value` tree on the hot path) |
//! | `names.rs` | transformation names → URL keys, with per-builder, effect-kind and Go-field columns |
//! | `sign.rs` | HMAC-SHA1 with lowercase hex (URL signatures and upload auth) |
//! | `fuzz_support.rs` | the parser's entry points for the fuzz targets (`fuzz/`) |

#[doc(hidden)]
pub mod fuzz_support;
pub(crate) mod json;
pub mod names;
pub mod sign;
