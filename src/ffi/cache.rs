//! C surface: cache purge and purge status.

use super::args::{client_arg, str_arg};
use super::boundary::call_with_out;
use super::client::ik_client;
use super::status::ik_status;
use std::ffi::c_char;

/// Purges a URL from the CDN and ImageKit's caches (`POST /v1/files/purge`). The purge is
/// asynchronous; follow it with `ik_get_purge_cache_status`.
///
/// `url` is the full URL to purge (a trailing `*` purges a prefix, per ImageKit's docs); an
/// empty one is `IK_STATUS_INVALID_ARGUMENT`. On `IK_STATUS_OK`, `*out_json` holds
/// `{"requestId":"…"}`; otherwise an error document. The caller frees it with
/// `ik_string_free`. NULL `client`, `url` or `out_json` gives `IK_STATUS_NULL_ARGUMENT`.
/// Thread-safe on a shared client.
///
/// @code
/// char *out = NULL;
/// if (ik_purge_cache(client, "https://ik.imagekit.io/demo/cat.jpg", &out) == IK_STATUS_OK)
///     puts(out); // {"requestId":"..."}
/// ik_string_free(out);
/// @endcode
///
/// # Safety
/// `client` must be NULL or a live handle; `url` NULL or NUL-terminated; `out_json` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ik_purge_cache(
    client: *const ik_client,
    url: *const c_char,
    out_json: *mut *mut c_char,
) -> ik_status {
    call_with_out(out_json, || client_arg(client)?.purge_cache(str_arg(url, "url")?))
}

/// Gets the status of a purge (`GET /v1/files/purge/{requestId}`), with the `requestId` that
/// `ik_purge_cache` returned (percent-encoded into the path).
///
/// On `IK_STATUS_OK`, `*out_json` holds `{"status":"Pending"}` or `{"status":"Completed"}`;
/// otherwise an error document. The caller frees it with `ik_string_free`. NULL `client`,
/// `request_id` or `out_json` gives `IK_STATUS_NULL_ARGUMENT`; an empty `request_id` gives
/// `IK_STATUS_INVALID_ARGUMENT`. Thread-safe on a shared client.
///
/// # Safety
/// As for `ik_purge_cache`.
#[no_mangle]
pub unsafe extern "C" fn ik_get_purge_cache_status(
    client: *const ik_client,
    request_id: *const c_char,
    out_json: *mut *mut c_char,
) -> ik_status {
    call_with_out(out_json, || {
        client_arg(client)?.get_purge_cache_status(str_arg(request_id, "request_id")?)
    })
}
