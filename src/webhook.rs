//! C surface: webhook verification (`ik_webhooks_unwrap`, `webhooks.unwrap` in the newest SDKs).

use super::args::{bytes_arg, opt_str_arg, str_arg};
use super::boundary::call_with_out;
use super::status::ik_status;
use imagekit_core::options::parse_object;
use imagekit_core::webhook::{unwrap, Headers, UnwrapOptions};
use std::ffi::c_char;

/// Verifies that a webhook request comes from ImageKit and is fresh, and returns its event.
/// Needs no client: only the endpoint's signing secret. No network call.
///
/// Both signature schemes ImageKit uses are understood; the headers present choose one:
/// - Standard Webhooks (the newest SDKs): `webhook-id`, `webhook-timestamp` (unix seconds) and
///   `webhook-signature`, a space-separated list of `v1,<base64 HMAC-SHA256>` over
///   `id + "." + timestamp + "." + body` (several entries while a secret rotates; one matching
///   is enough; other versions are skipped);
/// - the older `x-ik-signature: t=<unix ms>,v1=<hex HMAC-SHA256>` over `t + "." + body`.
///
/// `secret` is the endpoint's secret as ImageKit shows it (e.g. `whsec_…`). The official SDKs
/// disagree on the key it stands for (its raw bytes, or the base64 after `whsec_`); by default
/// a signature made with either is accepted (`secret_encoding` pins one). It never appears in
/// any output.
///
/// `body`/`body_len` is the raw request body exactly as received (any bytes; `body` may be NULL
/// only when `body_len` is 0). `headers_json` is a JSON object of the request headers: names in
/// any case, values strings or lists of strings (one per occurrence); other headers are ignored.
/// `options_json` may be NULL (defaults) or an object with, all optional:
/// `tolerance_seconds` (how far the timestamp may be from now either way, default 300),
/// `now` (unix seconds; freezes the clock, for tests), `scheme` (`"auto"` default,
/// `"standard"`, `"legacy"`), `secret_encoding` (`"auto"` default, `"raw"`: the secret's UTF-8
/// bytes, `"whsec"`: base64-decoded after the `whsec_` prefix).
///
/// Checks run in this order; the first that fails gives `IK_STATUS_INVALID_ARGUMENT` with an
/// error document whose `reason` names it: `missing_header`, `malformed_header` (unparseable
/// header, header given twice, timestamp not decimal), `no_matching_signature` (signatures are
/// compared in constant time), `stale_timestamp`, `future_timestamp`, `body_not_json` (the body
/// is not UTF-8 or not a JSON object). Bad arguments (invalid UTF-8 or JSON in `secret`,
/// `headers_json` or `options_json`, an unknown option, an empty secret) give
/// `IK_STATUS_INVALID_ARGUMENT` without a `reason`.
///
/// On `IK_STATUS_OK`, `*out_json` holds the event: the body, verbatim; on failure the error
/// document.
///
/// # Safety
/// `secret` and `headers_json` must be NULL or NUL-terminated strings; `options_json` NULL or
/// a NUL-terminated string; `body` NULL or `body_len` readable bytes; `out_json` NULL or
/// writable.
#[no_mangle]
pub unsafe extern "C" fn ik_webhooks_unwrap(
    secret: *const c_char,
    body: *const u8,
    body_len: usize,
    headers_json: *const c_char,
    options_json: *const c_char,
    out_json: *mut *mut c_char,
) -> ik_status {
    call_with_out(out_json, || {
        let secret = str_arg(secret, "secret")?;
        let body = bytes_arg(body, body_len, "body")?;
        let headers = parse_object(Some(str_arg(headers_json, "headers_json")?), "headers_json")?;
        let options = parse_object(opt_str_arg(options_json, "options_json")?, "options_json")?;
        let options = UnwrapOptions::from_json_map(&options)?;
        Ok(unwrap(secret, body, &Headers::new(&headers), &options)?
            .event
            .to_string())
    })
}
