//! C surface: upload authentication parameters (`ik_get_authentication_parameters`).

use super::args::{bytes_arg, opt_str_arg, utf8_arg};
use super::boundary::{call_with_error, call_with_out};
use super::client::{client_arg, ik_client};
use super::cstring::CText;
use super::status::ik_status;
use imagekit_core::error::Error;
use std::ffi::c_char;

/// Computes the authentication parameters a client-side (browser/mobile) upload needs, as the
/// original Python SDK's `get_authentication_parameters(token, expire)`:
/// `{"token":"…","expire":1582269249,"signature":"…"}` where
/// `signature = lowercase hex HMAC-SHA1(private_key, token + decimal(expire))`.
///
/// `token`: NULL or `""` generates a new random UUIDv4 (lower-case, hyphenated); otherwise it
/// is used as given (borrowed for the call only). `expire`: an absolute unix time in seconds;
/// 0 means now + 1800 (30 minutes). ImageKit rejects values more than one hour ahead.
///
/// On `IK_STATUS_OK`, `*out_json` holds the JSON object above; on failure an error JSON document
/// (`IK_STATUS_INVALID_ARGUMENT` for a token that is not valid UTF-8).
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

/// [`ik_get_authentication_parameters`] without allocating: the same JSON document is written,
/// NUL-terminated, into the caller's `buf` of `cap` bytes, for servers that hand out upload
/// credentials on every request.
///
/// `token` is `token_len` bytes of UTF-8 (no NUL byte; not NUL-terminated); NULL or a length of
/// 0 generates a new random UUIDv4. `expire` as for [`ik_get_authentication_parameters`].
///
/// `out_len` is required: it is set to 0 on entry and, on `IK_STATUS_OK`, receives the
/// document's length (without the NUL). When `cap` is too small the call fails with
/// `IK_STATUS_INVALID_ARGUMENT` and `*out_len` receives the `cap` needed (with the NUL), so
/// `buf` NULL with `cap` 0 asks for the size. `cap = 6 * token_len + 98` always suffices (a
/// generated token: 134; JSON escapes a byte in at most 6). `out_error` is optional (may be
/// NULL): it is set to NULL on entry and, on failure, receives an error JSON document the
/// caller releases with `ik_string_free`; `buf` then holds an empty string when `cap > 0`.
///
/// NULL `client` or `out_len`, or NULL `buf` with `cap > 0`, gives `IK_STATUS_NULL_ARGUMENT`;
/// a `token` that overlaps `buf` gives `IK_STATUS_INVALID_ARGUMENT` (and `buf` is not
/// written).
///
/// # Safety
/// `client` must be NULL or a live handle from `ik_client_new`; `token` must be NULL or point
/// to `token_len` readable bytes; `buf` must be NULL or point to `cap` writable bytes;
/// `out_len` and `out_error` must be NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ik_get_authentication_parameters_into(
    client: *const ik_client,
    token: *const c_char,
    token_len: usize,
    expire: i64,
    buf: *mut c_char,
    cap: usize,
    out_len: *mut usize,
    out_error: *mut *mut c_char,
) -> ik_status {
    if !out_len.is_null() {
        *out_len = 0;
    }
    // The token is read while the document is written: overlapping memory is refused, and
    // then not written to at all.
    let overlaps = !token.is_null()
        && !buf.is_null()
        && (token as usize) < (buf as usize).saturating_add(cap)
        && (buf as usize) < (token as usize).saturating_add(token_len);
    if cap > 0 && !buf.is_null() && !overlaps {
        *buf = 0;
    }
    call_with_error(out_error, || {
        let client = client_arg(client)?;
        if out_len.is_null() {
            return Err(Error::null_argument("out_len"));
        }
        if buf.is_null() && cap > 0 {
            return Err(Error::null_argument("buf"));
        }
        let token = token_arg(token, token_len)?;
        if overlaps {
            return Err(Error::invalid("argument `token` overlaps `buf`"));
        }
        client.authentication_parameters_json_now(token, expire, |doc| {
            if doc.len() >= cap {
                *out_len = doc.len() + 1;
                return Err(Error::invalid(format!(
                    "argument `buf` holds {cap} bytes; the document needs {} (with its NUL)",
                    doc.len() + 1
                )));
            }
            // SAFETY: `buf` has `cap > doc.len()` writable bytes (the caller's promise) that do
            // not overlap `token` (checked above); `doc` is the library's own stack buffer.
            std::ptr::copy_nonoverlapping(doc.as_ptr(), buf.cast::<u8>(), doc.len());
            *buf.add(doc.len()) = 0;
            *out_len = doc.len();
            Ok(())
        })?
    })
}

/// The token of [`ik_get_authentication_parameters_into`]: `None` (generate one) for NULL or
/// an empty one; otherwise UTF-8 without NUL bytes, as the NUL-terminated API could carry it.
unsafe fn token_arg<'a>(ptr: *const c_char, len: usize) -> Result<Option<&'a str>, Error> {
    let bytes = bytes_arg(ptr.cast::<u8>(), len, "token")?;
    if bytes.is_empty() {
        return Ok(None);
    }
    if bytes.contains(&0) {
        return Err(Error::invalid("argument `token` contains a NUL byte"));
    }
    utf8_arg(bytes, "token").map(Some)
}
