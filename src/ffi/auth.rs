//! C surface: upload authentication parameters (`ik_get_authentication_parameters`).

use super::args::{client_arg, opt_str_arg};
use super::boundary::call_with_out;
use super::client::ik_client;
use super::cstring::CText;
use super::status::ik_status;
use std::ffi::c_char;

/// Computes the authentication parameters a client-side (browser/mobile) upload needs, as the
/// seed SDK's `get_authentication_parameters(token, expire)`:
/// `{"token":"…","expire":1582269249,"signature":"…"}` where
/// `signature = lowercase hex HMAC-SHA1(private_key, token + decimal(expire))`.
///
/// `token`: NULL or `""` generates a new random UUIDv4 (lower-case, hyphenated); otherwise it
/// is used as given (borrowed for the call only). `expire`: an absolute unix time in seconds;
/// 0 means now + 1800 (30 minutes). ImageKit rejects values more than one hour ahead.
///
/// `*out_json` is set to NULL on entry; on `IK_STATUS_OK` it holds the JSON object above; on
/// failure an error JSON document (`IK_STATUS_INVALID_ARGUMENT` for a token that is not valid
/// UTF-8). The caller owns it and releases it with `ik_string_free`. The private key never
/// appears in the output.
///
/// NULL `client` gives `IK_STATUS_NULL_ARGUMENT` (with an error document); NULL `out_json`
/// gives `IK_STATUS_NULL_ARGUMENT` and writes nothing.
///
/// Thread safety: may be called from several threads at once on the same client.
///
/// # Safety
/// `client` must be NULL or a live handle from `ik_client_new`; `token` must be NULL or a
/// NUL-terminated string; `out_json` must be NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ik_get_authentication_parameters(
    client: *const ik_client,
    token: *const c_char,
    expire: i64,
    out_json: *mut *mut c_char,
) -> ik_status {
    call_with_out(out_json, || {
        let client = client_arg(client)?;
        let token = opt_str_arg(token, "token")?;
        client.authentication_parameters_json_now(token, expire, CText::copy_of)
    })
}
