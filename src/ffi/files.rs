//! C surface: files (list and search, details, metadata, update, delete).

use super::args::{client_arg, opt_str_arg, str_arg};
use super::boundary::call_with_out;
use super::client::ik_client;
use super::status::ik_status;
use crate::api::options::parse_object;
use std::ffi::c_char;

/// Lists and searches files and folders (`GET /v1/files`).
///
/// `options_json` may be NULL (no filter) or a JSON object with any of: `type` (`"file"`,
/// `"file-version"`, `"folder"`, `"all"`), `sort` (e.g. `"ASC_CREATED"`), `path`,
/// `searchQuery` / `search_query` (Lucene-like, e.g. `"createdAt > \"7d\""`), `fileType` /
/// `file_type` (`"all"`, `"image"`, `"non-image"`), `tags` (list or comma-separated string),
/// `includeFolder` / `include_folder` (boolean), `skip`, `limit` (integers). They are sent
/// percent-encoded in the query string. An unknown key is `IK_STATUS_INVALID_ARGUMENT`, naming it.
///
/// On `IK_STATUS_OK`, `*out_json` holds the API's JSON array of file and folder objects as
/// sent. Otherwise it holds an error document (`status`, `message`, `http_status`, `help`,
/// `request_id`, `rate_limit`, `attempts`, `body`). The caller frees it with `ik_string_free`.
/// NULL `client` or `out_json` gives `IK_STATUS_NULL_ARGUMENT`. Inputs are borrowed for the call.
/// Thread safety: may be called from several threads at once on one client.
///
/// @code
/// char *out = NULL;
/// if (ik_list_files(client, "{\"path\":\"/products\",\"limit\":10}", &out) == IK_STATUS_OK)
///     puts(out);
/// ik_string_free(out);
/// @endcode
///
/// # Safety
/// `client` must be NULL or a live handle; string arguments NULL or NUL-terminated; `out_json`
/// NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ik_list_files(
    client: *const ik_client,
    options_json: *const c_char,
    out_json: *mut *mut c_char,
) -> ik_status {
    call_with_out(out_json, || {
        let client = client_arg(client)?;
        let options = parse_object(opt_str_arg(options_json, "options_json")?, "options_json")?;
        client.list_files(&options)
    })
}

/// Gets a file's details (`GET /v1/files/{fileId}/details`).
///
/// `file_id` is percent-encoded into the path; an empty id is `IK_STATUS_INVALID_ARGUMENT`.
/// On `IK_STATUS_OK`, `*out_json` holds the API's file object; an unknown id gives
/// `IK_STATUS_NOT_FOUND` with the error document in `*out_json`. The caller frees it with
/// `ik_string_free`. NULL `client`, `file_id` or `out_json` gives `IK_STATUS_NULL_ARGUMENT`.
/// Thread-safe on a shared client.
///
/// @code
/// char *out = NULL;
/// ik_status st = ik_get_file_details(client, "598821f949c0a938d57563bd", &out);
/// ik_string_free(out);
/// @endcode
///
/// # Safety
/// As for `ik_list_files`.
#[no_mangle]
pub unsafe extern "C" fn ik_get_file_details(
    client: *const ik_client,
    file_id: *const c_char,
    out_json: *mut *mut c_char,
) -> ik_status {
    call_with_out(out_json, || {
        client_arg(client)?.get_file_details(str_arg(file_id, "file_id")?)
    })
}

/// Gets an uploaded file's metadata: EXIF, dimensions, pHash, … (`GET /v1/files/{fileId}/metadata`).
///
/// On `IK_STATUS_OK`, `*out_json` holds the API's metadata object; otherwise an error document.
/// The caller frees it with `ik_string_free`. NULL `client`, `file_id` or `out_json` gives
/// `IK_STATUS_NULL_ARGUMENT`; an empty `file_id` gives `IK_STATUS_INVALID_ARGUMENT`.
/// Thread-safe on a shared client.
///
/// # Safety
/// As for `ik_list_files`.
#[no_mangle]
pub unsafe extern "C" fn ik_get_file_metadata(
    client: *const ik_client,
    file_id: *const c_char,
    out_json: *mut *mut c_char,
) -> ik_status {
    call_with_out(out_json, || {
        client_arg(client)?.get_file_metadata(str_arg(file_id, "file_id")?)
    })
}

/// Gets the metadata of a file by its full URL (`GET /v1/metadata?url=…`); the URL must be
/// served through the account's URL endpoints. `remote_url` is percent-encoded into the query.
///
/// On `IK_STATUS_OK`, `*out_json` holds the API's metadata object; otherwise an error document.
/// The caller frees it with `ik_string_free`. NULL `client`, `remote_url` or `out_json` gives
/// `IK_STATUS_NULL_ARGUMENT`; an empty `remote_url` gives `IK_STATUS_INVALID_ARGUMENT`.
/// Thread-safe on a shared client.
///
/// @code
/// char *out = NULL;
/// ik_get_remote_file_url_metadata(client, "https://ik.imagekit.io/demo/cat.jpg", &out);
/// ik_string_free(out);
/// @endcode
///
/// # Safety
/// As for `ik_list_files`.
#[no_mangle]
pub unsafe extern "C" fn ik_get_remote_file_url_metadata(
    client: *const ik_client,
    remote_url: *const c_char,
    out_json: *mut *mut c_char,
) -> ik_status {
    call_with_out(out_json, || {
        client_arg(client)?.get_remote_file_url_metadata(str_arg(remote_url, "remote_url")?)
    })
}

/// Updates a file's details (`PATCH /v1/files/{fileId}/details`).
///
/// `update_json` must be a JSON object and is sent exactly as given, e.g.
/// `{"tags":["a","b"],"customCoordinates":"10,10,100,100","customMetadata":{"price":10},
/// "removeAITags":["car"],"webhookUrl":"…","extensions":[…],"publish":{"isPublished":true}}`
/// (the API's camelCase names). Invalid JSON or a non-object is `IK_STATUS_INVALID_ARGUMENT`.
///
/// On `IK_STATUS_OK`, `*out_json` holds the updated file object; otherwise an error document.
/// The caller frees it with `ik_string_free`. NULL `client`, `file_id`, `update_json` or
/// `out_json` gives `IK_STATUS_NULL_ARGUMENT`. Thread-safe on a shared client.
///
/// @code
/// char *out = NULL;
/// ik_update_file_details(client, file_id, "{\"tags\":[\"sale\"]}", &out);
/// ik_string_free(out);
/// @endcode
///
/// # Safety
/// As for `ik_list_files`.
#[no_mangle]
pub unsafe extern "C" fn ik_update_file_details(
    client: *const ik_client,
    file_id: *const c_char,
    update_json: *const c_char,
    out_json: *mut *mut c_char,
) -> ik_status {
    call_with_out(out_json, || {
        let client = client_arg(client)?;
        let id = str_arg(file_id, "file_id")?;
        client.update_file_details(id, str_arg(update_json, "update_json")?)
    })
}

/// Deletes a file and all its versions (`DELETE /v1/files/{fileId}`). Cached copies on the CDN
/// are not purged (see `ik_purge_cache`).
///
/// On `IK_STATUS_OK`, `*out_json` holds `{}` (the API answers 204 with no body); otherwise an
/// error document (`IK_STATUS_NOT_FOUND` for an unknown id). The caller frees it with
/// `ik_string_free`. NULL `client`, `file_id` or `out_json` gives `IK_STATUS_NULL_ARGUMENT`.
/// Thread-safe on a shared client.
///
/// # Safety
/// As for `ik_list_files`.
#[no_mangle]
pub unsafe extern "C" fn ik_delete_file(
    client: *const ik_client,
    file_id: *const c_char,
    out_json: *mut *mut c_char,
) -> ik_status {
    call_with_out(out_json, || {
        client_arg(client)?.delete_file(str_arg(file_id, "file_id")?)
    })
}
