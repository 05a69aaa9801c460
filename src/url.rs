//! C surface: URL generation (`ik_url`).

use super::args::str_arg;
use super::boundary::call_with_out;
use super::client::{client_arg, ik_client};
use super::cstring::CText;
use super::status::ik_status;
use std::ffi::c_char;

/// Builds an ImageKit URL exactly as the original Python SDK's `url()` does (imagekitio 4.2.0 with the original
/// README's transformation table), optionally signed.
///
/// `options_json` is a JSON object with these keys (matched after trimming white space; any
/// other key is an error that names it):
/// - `path` (string): path under the URL endpoint, e.g. `"/default-image.jpg"`; wins over `src`.
/// - `src` (string): a complete URL; transformations then always go into the query.
/// - `url_endpoint` / `urlEndpoint` (string): overrides the client's endpoint for this call.
/// - `transformation` (array of objects): steps chained with `:`; keys keep their order and are
///   mapped through the original README's table plus every older and newer official name (`height` → `h`,
///   `aspectRatio` → `ar`, …); unknown keys pass through verbatim; the value `"-"` emits the
///   key alone; `raw` emits its string value as is.
/// - `transformation_position` / `transformationPosition`: `"path"` (client default) or `"query"`.
/// - `query_parameters` / `queryParameters` (object): extra query parameters, in order.
/// - `signed` (truthy): append `ik-s` (HMAC-SHA1 with the client's private key).
/// - `expire_seconds` / `expireSeconds` (number): with `signed`, also append `ik-t` = now + this.
/// - `now` (integer unix seconds): a testing aid that freezes the clock used for `ik-t`.
///
/// A repeated key keeps its last value (options, keys of a step, `query_parameters`), as Python's
/// `json.loads` does: an invalid earlier value is then no error. A NUL character (`\u0000`) in a
/// string that goes into the URL (`path`, `src`, `url_endpoint`, transformation keys and values,
/// `query_parameters` keys and values) is an error, since the returned C string cannot carry it.
/// Numbers are Python floats for `signed` and `expire_seconds` (`1e-400` is 0.0, so falsy).
///
/// Example: `{"path":"/default-image.jpg","transformation":[{"height":"300","width":"400"}]}`
/// gives `https://ik.imagekit.io/your_imagekit_id/tr:h-300,w-400/default-image.jpg`. Neither
/// `path` nor `src` gives the empty string, as the original SDK does.
///
/// On `IK_STATUS_OK`, `*out_url` holds the URL as plain text (not JSON); on failure it holds an
/// error JSON document (`IK_STATUS_INVALID_ARGUMENT` for invalid UTF-8, malformed JSON, a wrong
/// JSON type, an unknown option, an invalid `transformation_position` or a NUL; the message names
/// the problem and the option; a JSON syntax error is reported before any invalid value).
///
/// # Safety
/// `client` must be NULL or a live handle from `ik_client_new`; `options_json` must be NULL or
/// a NUL-terminated string; `out_url` must be NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ik_url(
    client: *const ik_client,
    options_json: *const c_char,
    out_url: *mut *mut c_char,
) -> ik_status {
    call_with_out(out_url, || {
        let client = client_arg(client)?;
        let options = str_arg(options_json, "options_json")?;
        client.url_with(options, |url| CText::copy_of(url.as_bytes()))
    })
}
