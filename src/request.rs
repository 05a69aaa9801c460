//! C surface: the generic request escape hatch.

use super::args::{opt_str_arg, str_arg};
use super::boundary::call_with_out;
use super::client::{client_arg, ik_client};
use super::status::ik_status;
use std::ffi::c_char;

/// Calls any ImageKit API endpoint with the client's authentication, retries, timeouts and
/// error mapping: for operations this library has no dedicated function for.
///
/// `method` is `"GET"`, `"POST"`, `"PUT"`, `"PATCH"` or `"DELETE"` (any case).
/// `path_and_query` is the path after the host, starting with `/`, with an optional query
/// string, sent as given (percent-encode it yourself), e.g. `"/v1/files/abc/versions"` or
/// `"/v1/customMetadataFields?includeDeleted=true"`. It goes to the client's `api_base_url`,
/// except paths under `/api/` which go to the upload host (`upload_base_url`). Absolute URLs are
/// refused so the private key is never sent to another host. `body_json` is NULL for no body,
/// or a JSON document sent with `Content-Type: application/json` (DELETE may carry one).
///
/// On `IK_STATUS_OK` (any 2xx), `*out_json` holds the API's JSON as sent, or `{}` when the answer
/// has no body. Otherwise an error document. The caller frees it with `ik_string_free`. NULL
/// `client`, `method`, `path_and_query` or `out_json` gives `IK_STATUS_NULL_ARGUMENT`; an unknown
/// method, a bad path or invalid JSON gives `IK_STATUS_INVALID_ARGUMENT`. Thread-safe on a shared client.
///
/// @code
/// char *out = NULL;
/// ik_status st = ik_request(client, "POST", "/v1/folder",
///                           "{\"folderName\":\"summer\",\"parentFolderPath\":\"/\"}", &out);
/// ik_string_free(out);
/// @endcode
///
/// # Safety
/// `client` must be NULL or a live handle; strings NULL or NUL-terminated; `out_json` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ik_request(
    client: *const ik_client,
    method: *const c_char,
    path_and_query: *const c_char,
    body_json: *const c_char,
    out_json: *mut *mut c_char,
) -> ik_status {
    call_with_out(out_json, || {
        let client = client_arg(client)?;
        let method = str_arg(method, "method")?;
        let path = str_arg(path_and_query, "path_and_query")?;
        client.request(method, path, opt_str_arg(body_json, "body_json")?)
    })
}
