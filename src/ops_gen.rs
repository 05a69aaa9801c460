// Generated from crates/ops/src/lib.rs by xtask/src/codegen (cargo xtask codegen).
// Do not edit by hand: `cargo xtask codegen --check` fails when this file drifts from the table.
//! C surface: one function per row of the operation table (crates/ops).

use super::client::ik_client;
use super::ops::run_op;
use super::seed_names::{null_argument, with_url};
use super::status::ik_status;
use std::ffi::c_char;

/// Lists and searches files and folders (skip/limit paging; `searchQuery` is Lucene-like).
///
/// `GET /v1/files`: `assets.list` in the newest SDKs (Node `assets.list`, Go `Assets.List`).
/// `params_json` (may be NULL): a JSON object of query parameters: `type` (string), `sort` (string), `path` (string), `searchQuery` / `search_query` (string), `fileType` / `file_type` (string), `tags` (list of strings), `includeFolder` / `include_folder` (boolean), `limit` (integer), `skip` (integer).
/// Keys may be camelCase or snake_case; an unknown key, a wrong type or a missing required
/// field is `IK_STATUS_INVALID_ARGUMENT`, naming it.
///
/// On `IK_STATUS_OK`, `*out_json` holds the API's JSON answer (`{}` when it has no body); otherwise
/// an error document. The caller frees it with `ik_string_free`. NULL `client`, `out_json` gives
/// `IK_STATUS_NULL_ARGUMENT`. Inputs are borrowed for the call. Thread-safe on a shared client.
///
/// # Safety
/// `client` must be NULL or a live handle; strings NULL or NUL-terminated; `out_json` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ik_assets_list(
    client: *const ik_client,
    params_json: *const c_char,
    out_json: *mut *mut c_char,
) -> ik_status {
    run_op(0, "assets.list", client, &[], params_json, out_json)
}

/// The original SDK's name of `ik_assets_list` (the same, with `params_json` named `options_json`).
///
/// # Safety
/// As for `ik_assets_list`.
#[deprecated(note = "use ik_assets_list")]
#[no_mangle]
pub unsafe extern "C" fn ik_list_files(
    client: *const ik_client,
    options_json: *const c_char,
    out_json: *mut *mut c_char,
) -> ik_status {
    run_op(0, "assets.list", client, &[], options_json, out_json)
}

/// Gets a file's details.
///
/// `GET /v1/files/{fileId}/details`: `files.get` in the newest SDKs (Node `files.get`, Go `Files.Get`).
/// `file_id` goes into the path percent-encoded; an empty one is `IK_STATUS_INVALID_ARGUMENT`.
///
/// On `IK_STATUS_OK`, `*out_json` holds the API's JSON answer (`{}` when it has no body); otherwise
/// an error document. The caller frees it with `ik_string_free`. NULL `client`, `out_json`, `file_id` gives
/// `IK_STATUS_NULL_ARGUMENT`. Inputs are borrowed for the call. Thread-safe on a shared client.
///
/// # Safety
/// `client` must be NULL or a live handle; strings NULL or NUL-terminated; `out_json` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ik_files_get(
    client: *const ik_client,
    file_id: *const c_char,
    out_json: *mut *mut c_char,
) -> ik_status {
    run_op(1, "files.get", client, &[file_id], std::ptr::null(), out_json)
}

/// The original SDK's name of `ik_files_get` (same arguments, same result).
///
/// # Safety
/// As for `ik_files_get`.
#[deprecated(note = "use ik_files_get")]
#[no_mangle]
pub unsafe extern "C" fn ik_get_file_details(
    client: *const ik_client,
    file_id: *const c_char,
    out_json: *mut *mut c_char,
) -> ik_status {
    run_op(1, "files.get", client, &[file_id], std::ptr::null(), out_json)
}

/// Updates a file's tags, custom coordinates, custom metadata, extensions or publication status.
///
/// `PATCH /v1/files/{fileId}/details`: `files.update` in the newest SDKs (Node `files.update`, Go `Files.Update`).
/// `file_id` goes into the path percent-encoded; an empty one is `IK_STATUS_INVALID_ARGUMENT`.
/// `params_json` (may be NULL: `{}`): the JSON body: `removeAITags` / `remove_ai_tags` (string or list of strings), `webhookUrl` / `webhook_url` (string), `extensions` (array), `tags` (list of strings), `customCoordinates` / `custom_coordinates` (string), `customMetadata` / `custom_metadata` (object), `description` (string), `publish` (object).
/// Keys may be camelCase or snake_case; an unknown key, a wrong type or a missing required
/// field is `IK_STATUS_INVALID_ARGUMENT`, naming it.
///
/// On `IK_STATUS_OK`, `*out_json` holds the API's JSON answer (`{}` when it has no body); otherwise
/// an error document. The caller frees it with `ik_string_free`. NULL `client`, `out_json`, `file_id` gives
/// `IK_STATUS_NULL_ARGUMENT`. Inputs are borrowed for the call. Thread-safe on a shared client.
///
/// # Safety
/// `client` must be NULL or a live handle; strings NULL or NUL-terminated; `out_json` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ik_files_update(
    client: *const ik_client,
    file_id: *const c_char,
    params_json: *const c_char,
    out_json: *mut *mut c_char,
) -> ik_status {
    run_op(2, "files.update", client, &[file_id], params_json, out_json)
}

/// The original SDK's name of `ik_files_update` (the same, with `params_json` named `update_json` and required).
///
/// # Safety
/// As for `ik_files_update`.
#[deprecated(note = "use ik_files_update")]
#[no_mangle]
pub unsafe extern "C" fn ik_update_file_details(
    client: *const ik_client,
    file_id: *const c_char,
    update_json: *const c_char,
    out_json: *mut *mut c_char,
) -> ik_status {
    if update_json.is_null() {
        return null_argument("update_json", out_json);
    }
    run_op(2, "files.update", client, &[file_id], update_json, out_json)
}

/// Deletes a file and all its versions (cached copies stay until purged).
///
/// `DELETE /v1/files/{fileId}`: `files.delete` in the newest SDKs (Node `files.delete`, Go `Files.Delete`).
/// `file_id` goes into the path percent-encoded; an empty one is `IK_STATUS_INVALID_ARGUMENT`.
///
/// On `IK_STATUS_OK`, `*out_json` holds the API's JSON answer (`{}` when it has no body); otherwise
/// an error document. The caller frees it with `ik_string_free`. NULL `client`, `out_json`, `file_id` gives
/// `IK_STATUS_NULL_ARGUMENT`. Inputs are borrowed for the call. Thread-safe on a shared client.
///
/// # Safety
/// `client` must be NULL or a live handle; strings NULL or NUL-terminated; `out_json` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ik_files_delete(
    client: *const ik_client,
    file_id: *const c_char,
    out_json: *mut *mut c_char,
) -> ik_status {
    run_op(3, "files.delete", client, &[file_id], std::ptr::null(), out_json)
}

/// The original SDK's name of `ik_files_delete` (same arguments, same result).
///
/// # Safety
/// As for `ik_files_delete`.
#[deprecated(note = "use ik_files_delete")]
#[no_mangle]
pub unsafe extern "C" fn ik_delete_file(
    client: *const ik_client,
    file_id: *const c_char,
    out_json: *mut *mut c_char,
) -> ik_status {
    run_op(3, "files.delete", client, &[file_id], std::ptr::null(), out_json)
}

/// Copies a file to another folder.
///
/// `POST /v1/files/copy`: `files.copy` in the newest SDKs (Node `files.copy`, Go `Files.Copy`).
/// `params_json`: the JSON body: `sourceFilePath` / `source_file_path` (string, required), `destinationPath` / `destination_path` (string, required), `includeFileVersions` / `include_file_versions` (boolean).
/// Keys may be camelCase or snake_case; an unknown key, a wrong type or a missing required
/// field is `IK_STATUS_INVALID_ARGUMENT`, naming it.
///
/// On `IK_STATUS_OK`, `*out_json` holds the API's JSON answer (`{}` when it has no body); otherwise
/// an error document. The caller frees it with `ik_string_free`. NULL `client`, `out_json`, `params_json` gives
/// `IK_STATUS_NULL_ARGUMENT`. Inputs are borrowed for the call. Thread-safe on a shared client.
///
/// # Safety
/// `client` must be NULL or a live handle; strings NULL or NUL-terminated; `out_json` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ik_files_copy(
    client: *const ik_client,
    params_json: *const c_char,
    out_json: *mut *mut c_char,
) -> ik_status {
    run_op(4, "files.copy", client, &[], params_json, out_json)
}

/// Moves a file to another folder.
///
/// `POST /v1/files/move`: `files.move` in the newest SDKs (Node `files.move`, Go `Files.Move`).
/// `params_json`: the JSON body: `sourceFilePath` / `source_file_path` (string, required), `destinationPath` / `destination_path` (string, required).
/// Keys may be camelCase or snake_case; an unknown key, a wrong type or a missing required
/// field is `IK_STATUS_INVALID_ARGUMENT`, naming it.
///
/// On `IK_STATUS_OK`, `*out_json` holds the API's JSON answer (`{}` when it has no body); otherwise
/// an error document. The caller frees it with `ik_string_free`. NULL `client`, `out_json`, `params_json` gives
/// `IK_STATUS_NULL_ARGUMENT`. Inputs are borrowed for the call. Thread-safe on a shared client.
///
/// # Safety
/// `client` must be NULL or a live handle; strings NULL or NUL-terminated; `out_json` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ik_files_move(
    client: *const ik_client,
    params_json: *const c_char,
    out_json: *mut *mut c_char,
) -> ik_status {
    run_op(5, "files.move", client, &[], params_json, out_json)
}

/// Renames a file (optionally purging the old URL from the cache).
///
/// `PUT /v1/files/rename`: `files.rename` in the newest SDKs (Node `files.rename`, Go `Files.Rename`).
/// `params_json`: the JSON body: `filePath` / `file_path` (string, required), `newFileName` / `new_file_name` (string, required), `purgeCache` / `purge_cache` (boolean).
/// Keys may be camelCase or snake_case; an unknown key, a wrong type or a missing required
/// field is `IK_STATUS_INVALID_ARGUMENT`, naming it.
///
/// On `IK_STATUS_OK`, `*out_json` holds the API's JSON answer (`{}` when it has no body); otherwise
/// an error document. The caller frees it with `ik_string_free`. NULL `client`, `out_json`, `params_json` gives
/// `IK_STATUS_NULL_ARGUMENT`. Inputs are borrowed for the call. Thread-safe on a shared client.
///
/// # Safety
/// `client` must be NULL or a live handle; strings NULL or NUL-terminated; `out_json` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ik_files_rename(
    client: *const ik_client,
    params_json: *const c_char,
    out_json: *mut *mut c_char,
) -> ik_status {
    run_op(6, "files.rename", client, &[], params_json, out_json)
}

/// Deletes up to 100 files by id.
///
/// `POST /v1/files/batch/deleteByFileIds`: `files.bulk.delete` in the newest SDKs (Node `files.bulk.delete`, Go `Files.Bulk.Delete`).
/// `params_json`: the JSON body: `fileIds` / `file_ids` (list of strings, required).
/// At most 100 `fileIds` per call.
/// Keys may be camelCase or snake_case; an unknown key, a wrong type or a missing required
/// field is `IK_STATUS_INVALID_ARGUMENT`, naming it.
///
/// On `IK_STATUS_OK`, `*out_json` holds the API's JSON answer (`{}` when it has no body); otherwise
/// an error document. The caller frees it with `ik_string_free`. NULL `client`, `out_json`, `params_json` gives
/// `IK_STATUS_NULL_ARGUMENT`. Inputs are borrowed for the call. Thread-safe on a shared client.
///
/// # Safety
/// `client` must be NULL or a live handle; strings NULL or NUL-terminated; `out_json` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ik_files_bulk_delete(
    client: *const ik_client,
    params_json: *const c_char,
    out_json: *mut *mut c_char,
) -> ik_status {
    run_op(7, "files.bulk.delete", client, &[], params_json, out_json)
}

/// Adds tags to up to 50 files.
///
/// `POST /v1/files/addTags`: `files.bulk.add_tags` in the newest SDKs (Node `files.bulk.addTags`, Go `Files.Bulk.AddTags`).
/// `params_json`: the JSON body: `fileIds` / `file_ids` (list of strings, required), `tags` (list of strings, required).
/// At most 50 `fileIds` per call.
/// Keys may be camelCase or snake_case; an unknown key, a wrong type or a missing required
/// field is `IK_STATUS_INVALID_ARGUMENT`, naming it.
///
/// On `IK_STATUS_OK`, `*out_json` holds the API's JSON answer (`{}` when it has no body); otherwise
/// an error document. The caller frees it with `ik_string_free`. NULL `client`, `out_json`, `params_json` gives
/// `IK_STATUS_NULL_ARGUMENT`. Inputs are borrowed for the call. Thread-safe on a shared client.
///
/// # Safety
/// `client` must be NULL or a live handle; strings NULL or NUL-terminated; `out_json` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ik_files_bulk_add_tags(
    client: *const ik_client,
    params_json: *const c_char,
    out_json: *mut *mut c_char,
) -> ik_status {
    run_op(8, "files.bulk.add_tags", client, &[], params_json, out_json)
}

/// Removes tags from up to 50 files.
///
/// `POST /v1/files/removeTags`: `files.bulk.remove_tags` in the newest SDKs (Node `files.bulk.removeTags`, Go `Files.Bulk.RemoveTags`).
/// `params_json`: the JSON body: `fileIds` / `file_ids` (list of strings, required), `tags` (list of strings, required).
/// At most 50 `fileIds` per call.
/// Keys may be camelCase or snake_case; an unknown key, a wrong type or a missing required
/// field is `IK_STATUS_INVALID_ARGUMENT`, naming it.
///
/// On `IK_STATUS_OK`, `*out_json` holds the API's JSON answer (`{}` when it has no body); otherwise
/// an error document. The caller frees it with `ik_string_free`. NULL `client`, `out_json`, `params_json` gives
/// `IK_STATUS_NULL_ARGUMENT`. Inputs are borrowed for the call. Thread-safe on a shared client.
///
/// # Safety
/// `client` must be NULL or a live handle; strings NULL or NUL-terminated; `out_json` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ik_files_bulk_remove_tags(
    client: *const ik_client,
    params_json: *const c_char,
    out_json: *mut *mut c_char,
) -> ik_status {
    run_op(9, "files.bulk.remove_tags", client, &[], params_json, out_json)
}

/// Removes AI tags from up to 50 files.
///
/// `POST /v1/files/removeAITags`: `files.bulk.remove_ai_tags` in the newest SDKs (Node `files.bulk.removeAITags`, Go `Files.Bulk.RemoveAITags`).
/// `params_json`: the JSON body: `fileIds` / `file_ids` (list of strings, required), `AITags` / `ai_tags` (list of strings, required).
/// At most 50 `fileIds` per call.
/// Keys may be camelCase or snake_case; an unknown key, a wrong type or a missing required
/// field is `IK_STATUS_INVALID_ARGUMENT`, naming it.
///
/// On `IK_STATUS_OK`, `*out_json` holds the API's JSON answer (`{}` when it has no body); otherwise
/// an error document. The caller frees it with `ik_string_free`. NULL `client`, `out_json`, `params_json` gives
/// `IK_STATUS_NULL_ARGUMENT`. Inputs are borrowed for the call. Thread-safe on a shared client.
///
/// # Safety
/// `client` must be NULL or a live handle; strings NULL or NUL-terminated; `out_json` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ik_files_bulk_remove_ai_tags(
    client: *const ik_client,
    params_json: *const c_char,
    out_json: *mut *mut c_char,
) -> ik_status {
    run_op(10, "files.bulk.remove_ai_tags", client, &[], params_json, out_json)
}

/// Lists a file's versions.
///
/// `GET /v1/files/{fileId}/versions`: `files.versions.list` in the newest SDKs (Node `files.versions.list`, Go `Files.Versions.List`).
/// `file_id` goes into the path percent-encoded; an empty one is `IK_STATUS_INVALID_ARGUMENT`.
///
/// On `IK_STATUS_OK`, `*out_json` holds the API's JSON answer (`{}` when it has no body); otherwise
/// an error document. The caller frees it with `ik_string_free`. NULL `client`, `out_json`, `file_id` gives
/// `IK_STATUS_NULL_ARGUMENT`. Inputs are borrowed for the call. Thread-safe on a shared client.
///
/// # Safety
/// `client` must be NULL or a live handle; strings NULL or NUL-terminated; `out_json` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ik_files_versions_list(
    client: *const ik_client,
    file_id: *const c_char,
    out_json: *mut *mut c_char,
) -> ik_status {
    run_op(11, "files.versions.list", client, &[file_id], std::ptr::null(), out_json)
}

/// Gets one version of a file.
///
/// `GET /v1/files/{fileId}/versions/{versionId}`: `files.versions.get` in the newest SDKs (Node `files.versions.get`, Go `Files.Versions.Get`).
/// `file_id`, `version_id` go into the path percent-encoded; an empty one is `IK_STATUS_INVALID_ARGUMENT`.
///
/// On `IK_STATUS_OK`, `*out_json` holds the API's JSON answer (`{}` when it has no body); otherwise
/// an error document. The caller frees it with `ik_string_free`. NULL `client`, `out_json`, `file_id`, `version_id` gives
/// `IK_STATUS_NULL_ARGUMENT`. Inputs are borrowed for the call. Thread-safe on a shared client.
///
/// # Safety
/// `client` must be NULL or a live handle; strings NULL or NUL-terminated; `out_json` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ik_files_versions_get(
    client: *const ik_client,
    file_id: *const c_char,
    version_id: *const c_char,
    out_json: *mut *mut c_char,
) -> ik_status {
    run_op(12, "files.versions.get", client, &[file_id, version_id], std::ptr::null(), out_json)
}

/// Deletes a non-current version of a file.
///
/// `DELETE /v1/files/{fileId}/versions/{versionId}`: `files.versions.delete` in the newest SDKs (Node `files.versions.delete`, Go `Files.Versions.Delete`).
/// `file_id`, `version_id` go into the path percent-encoded; an empty one is `IK_STATUS_INVALID_ARGUMENT`.
///
/// On `IK_STATUS_OK`, `*out_json` holds the API's JSON answer (`{}` when it has no body); otherwise
/// an error document. The caller frees it with `ik_string_free`. NULL `client`, `out_json`, `file_id`, `version_id` gives
/// `IK_STATUS_NULL_ARGUMENT`. Inputs are borrowed for the call. Thread-safe on a shared client.
///
/// # Safety
/// `client` must be NULL or a live handle; strings NULL or NUL-terminated; `out_json` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ik_files_versions_delete(
    client: *const ik_client,
    file_id: *const c_char,
    version_id: *const c_char,
    out_json: *mut *mut c_char,
) -> ik_status {
    run_op(13, "files.versions.delete", client, &[file_id, version_id], std::ptr::null(), out_json)
}

/// Makes a version the current version of its file.
///
/// `PUT /v1/files/{fileId}/versions/{versionId}/restore`: `files.versions.restore` in the newest SDKs (Node `files.versions.restore`, Go `Files.Versions.Restore`).
/// `file_id`, `version_id` go into the path percent-encoded; an empty one is `IK_STATUS_INVALID_ARGUMENT`.
///
/// On `IK_STATUS_OK`, `*out_json` holds the API's JSON answer (`{}` when it has no body); otherwise
/// an error document. The caller frees it with `ik_string_free`. NULL `client`, `out_json`, `file_id`, `version_id` gives
/// `IK_STATUS_NULL_ARGUMENT`. Inputs are borrowed for the call. Thread-safe on a shared client.
///
/// # Safety
/// `client` must be NULL or a live handle; strings NULL or NUL-terminated; `out_json` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ik_files_versions_restore(
    client: *const ik_client,
    file_id: *const c_char,
    version_id: *const c_char,
    out_json: *mut *mut c_char,
) -> ik_status {
    run_op(14, "files.versions.restore", client, &[file_id, version_id], std::ptr::null(), out_json)
}

/// Gets an uploaded file's metadata: EXIF, dimensions, pHash …
///
/// `GET /v1/files/{fileId}/metadata`: `files.metadata.get` in the newest SDKs (Node `files.metadata.get`, Go `Files.Metadata.Get`).
/// `file_id` goes into the path percent-encoded; an empty one is `IK_STATUS_INVALID_ARGUMENT`.
///
/// On `IK_STATUS_OK`, `*out_json` holds the API's JSON answer (`{}` when it has no body); otherwise
/// an error document. The caller frees it with `ik_string_free`. NULL `client`, `out_json`, `file_id` gives
/// `IK_STATUS_NULL_ARGUMENT`. Inputs are borrowed for the call. Thread-safe on a shared client.
///
/// # Safety
/// `client` must be NULL or a live handle; strings NULL or NUL-terminated; `out_json` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ik_files_metadata_get(
    client: *const ik_client,
    file_id: *const c_char,
    out_json: *mut *mut c_char,
) -> ik_status {
    run_op(15, "files.metadata.get", client, &[file_id], std::ptr::null(), out_json)
}

/// The original SDK's name of `ik_files_metadata_get` (same arguments, same result).
///
/// # Safety
/// As for `ik_files_metadata_get`.
#[deprecated(note = "use ik_files_metadata_get")]
#[no_mangle]
pub unsafe extern "C" fn ik_get_file_metadata(
    client: *const ik_client,
    file_id: *const c_char,
    out_json: *mut *mut c_char,
) -> ik_status {
    run_op(15, "files.metadata.get", client, &[file_id], std::ptr::null(), out_json)
}

/// Gets the metadata of a file by its URL (served through one of the account's URL endpoints).
///
/// `GET /v1/metadata`: `files.metadata.get_from_url` in the newest SDKs (Node `files.metadata.getFromURL`, Go `Files.Metadata.GetFromURL`).
/// `params_json`: a JSON object of query parameters: `url` (string, required).
/// Keys may be camelCase or snake_case; an unknown key, a wrong type or a missing required
/// field is `IK_STATUS_INVALID_ARGUMENT`, naming it.
///
/// On `IK_STATUS_OK`, `*out_json` holds the API's JSON answer (`{}` when it has no body); otherwise
/// an error document. The caller frees it with `ik_string_free`. NULL `client`, `out_json`, `params_json` gives
/// `IK_STATUS_NULL_ARGUMENT`. Inputs are borrowed for the call. Thread-safe on a shared client.
///
/// # Safety
/// `client` must be NULL or a live handle; strings NULL or NUL-terminated; `out_json` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ik_files_metadata_get_from_url(
    client: *const ik_client,
    params_json: *const c_char,
    out_json: *mut *mut c_char,
) -> ik_status {
    run_op(16, "files.metadata.get_from_url", client, &[], params_json, out_json)
}

/// The original SDK's name of `ik_files_metadata_get_from_url` (the URL itself as `remote_url`, sent as `{"url": …}`, instead of a JSON object).
///
/// # Safety
/// As for `ik_files_metadata_get_from_url`.
#[deprecated(note = "use ik_files_metadata_get_from_url")]
#[no_mangle]
pub unsafe extern "C" fn ik_get_remote_file_url_metadata(
    client: *const ik_client,
    remote_url: *const c_char,
    out_json: *mut *mut c_char,
) -> ik_status {
    with_url(16, "files.metadata.get_from_url", client, remote_url, "remote_url", out_json)
}

/// Purges a URL (or a prefix ending in `*`) from the CDN cache; returns a `requestId`.
///
/// `POST /v1/files/purge`: `cache.invalidation.create` in the newest SDKs (Node `cache.invalidation.create`, Go `Cache.Invalidation.New`).
/// `params_json`: the JSON body: `url` (string, required).
/// Keys may be camelCase or snake_case; an unknown key, a wrong type or a missing required
/// field is `IK_STATUS_INVALID_ARGUMENT`, naming it.
///
/// On `IK_STATUS_OK`, `*out_json` holds the API's JSON answer (`{}` when it has no body); otherwise
/// an error document. The caller frees it with `ik_string_free`. NULL `client`, `out_json`, `params_json` gives
/// `IK_STATUS_NULL_ARGUMENT`. Inputs are borrowed for the call. Thread-safe on a shared client.
///
/// # Safety
/// `client` must be NULL or a live handle; strings NULL or NUL-terminated; `out_json` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ik_cache_invalidation_create(
    client: *const ik_client,
    params_json: *const c_char,
    out_json: *mut *mut c_char,
) -> ik_status {
    run_op(17, "cache.invalidation.create", client, &[], params_json, out_json)
}

/// The original SDK's name of `ik_cache_invalidation_create` (the URL itself as `url`, sent as `{"url": …}`, instead of a JSON object).
///
/// # Safety
/// As for `ik_cache_invalidation_create`.
#[deprecated(note = "use ik_cache_invalidation_create")]
#[no_mangle]
pub unsafe extern "C" fn ik_purge_cache(
    client: *const ik_client,
    url: *const c_char,
    out_json: *mut *mut c_char,
) -> ik_status {
    with_url(17, "cache.invalidation.create", client, url, "url", out_json)
}

/// Gets the status of a purge request.
///
/// `GET /v1/files/purge/{requestId}`: `cache.invalidation.get` in the newest SDKs (Node `cache.invalidation.get`, Go `Cache.Invalidation.Get`).
/// `request_id` goes into the path percent-encoded; an empty one is `IK_STATUS_INVALID_ARGUMENT`.
///
/// On `IK_STATUS_OK`, `*out_json` holds the API's JSON answer (`{}` when it has no body); otherwise
/// an error document. The caller frees it with `ik_string_free`. NULL `client`, `out_json`, `request_id` gives
/// `IK_STATUS_NULL_ARGUMENT`. Inputs are borrowed for the call. Thread-safe on a shared client.
///
/// # Safety
/// `client` must be NULL or a live handle; strings NULL or NUL-terminated; `out_json` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ik_cache_invalidation_get(
    client: *const ik_client,
    request_id: *const c_char,
    out_json: *mut *mut c_char,
) -> ik_status {
    run_op(18, "cache.invalidation.get", client, &[request_id], std::ptr::null(), out_json)
}

/// The original SDK's name of `ik_cache_invalidation_get` (same arguments, same result).
///
/// # Safety
/// As for `ik_cache_invalidation_get`.
#[deprecated(note = "use ik_cache_invalidation_get")]
#[no_mangle]
pub unsafe extern "C" fn ik_get_purge_cache_status(
    client: *const ik_client,
    request_id: *const c_char,
    out_json: *mut *mut c_char,
) -> ik_status {
    run_op(18, "cache.invalidation.get", client, &[request_id], std::ptr::null(), out_json)
}

/// Creates a folder.
///
/// `POST /v1/folder`: `folders.create` in the newest SDKs (Node `folders.create`, Go `Folders.New`).
/// `params_json`: the JSON body: `folderName` / `folder_name` (string, required), `parentFolderPath` / `parent_folder_path` (string, required).
/// Keys may be camelCase or snake_case; an unknown key, a wrong type or a missing required
/// field is `IK_STATUS_INVALID_ARGUMENT`, naming it.
///
/// On `IK_STATUS_OK`, `*out_json` holds the API's JSON answer (`{}` when it has no body); otherwise
/// an error document. The caller frees it with `ik_string_free`. NULL `client`, `out_json`, `params_json` gives
/// `IK_STATUS_NULL_ARGUMENT`. Inputs are borrowed for the call. Thread-safe on a shared client.
///
/// # Safety
/// `client` must be NULL or a live handle; strings NULL or NUL-terminated; `out_json` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ik_folders_create(
    client: *const ik_client,
    params_json: *const c_char,
    out_json: *mut *mut c_char,
) -> ik_status {
    run_op(19, "folders.create", client, &[], params_json, out_json)
}

/// Deletes a folder with everything in it.
///
/// `DELETE /v1/folder`: `folders.delete` in the newest SDKs (Node `folders.delete`, Go `Folders.Delete`).
/// `params_json`: the JSON body: `folderPath` / `folder_path` (string, required).
/// Keys may be camelCase or snake_case; an unknown key, a wrong type or a missing required
/// field is `IK_STATUS_INVALID_ARGUMENT`, naming it.
///
/// On `IK_STATUS_OK`, `*out_json` holds the API's JSON answer (`{}` when it has no body); otherwise
/// an error document. The caller frees it with `ik_string_free`. NULL `client`, `out_json`, `params_json` gives
/// `IK_STATUS_NULL_ARGUMENT`. Inputs are borrowed for the call. Thread-safe on a shared client.
///
/// # Safety
/// `client` must be NULL or a live handle; strings NULL or NUL-terminated; `out_json` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ik_folders_delete(
    client: *const ik_client,
    params_json: *const c_char,
    out_json: *mut *mut c_char,
) -> ik_status {
    run_op(20, "folders.delete", client, &[], params_json, out_json)
}

/// Copies a folder (a bulk job: returns a `jobId`).
///
/// `POST /v1/bulkJobs/copyFolder`: `folders.copy` in the newest SDKs (Node `folders.copy`, Go `Folders.Copy`).
/// `params_json`: the JSON body: `sourceFolderPath` / `source_folder_path` (string, required), `destinationPath` / `destination_path` (string, required), `includeVersions` / `include_versions` (boolean).
/// Keys may be camelCase or snake_case; an unknown key, a wrong type or a missing required
/// field is `IK_STATUS_INVALID_ARGUMENT`, naming it.
///
/// On `IK_STATUS_OK`, `*out_json` holds the API's JSON answer (`{}` when it has no body); otherwise
/// an error document. The caller frees it with `ik_string_free`. NULL `client`, `out_json`, `params_json` gives
/// `IK_STATUS_NULL_ARGUMENT`. Inputs are borrowed for the call. Thread-safe on a shared client.
///
/// # Safety
/// `client` must be NULL or a live handle; strings NULL or NUL-terminated; `out_json` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ik_folders_copy(
    client: *const ik_client,
    params_json: *const c_char,
    out_json: *mut *mut c_char,
) -> ik_status {
    run_op(21, "folders.copy", client, &[], params_json, out_json)
}

/// Moves a folder (a bulk job: returns a `jobId`).
///
/// `POST /v1/bulkJobs/moveFolder`: `folders.move` in the newest SDKs (Node `folders.move`, Go `Folders.Move`).
/// `params_json`: the JSON body: `sourceFolderPath` / `source_folder_path` (string, required), `destinationPath` / `destination_path` (string, required).
/// Keys may be camelCase or snake_case; an unknown key, a wrong type or a missing required
/// field is `IK_STATUS_INVALID_ARGUMENT`, naming it.
///
/// On `IK_STATUS_OK`, `*out_json` holds the API's JSON answer (`{}` when it has no body); otherwise
/// an error document. The caller frees it with `ik_string_free`. NULL `client`, `out_json`, `params_json` gives
/// `IK_STATUS_NULL_ARGUMENT`. Inputs are borrowed for the call. Thread-safe on a shared client.
///
/// # Safety
/// `client` must be NULL or a live handle; strings NULL or NUL-terminated; `out_json` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ik_folders_move(
    client: *const ik_client,
    params_json: *const c_char,
    out_json: *mut *mut c_char,
) -> ik_status {
    run_op(22, "folders.move", client, &[], params_json, out_json)
}

/// Renames a folder (a bulk job: returns a `jobId`).
///
/// `POST /v1/bulkJobs/renameFolder`: `folders.rename` in the newest SDKs (Node `folders.rename`, Go `Folders.Rename`).
/// `params_json`: the JSON body: `folderPath` / `folder_path` (string, required), `newFolderName` / `new_folder_name` (string, required), `purgeCache` / `purge_cache` (boolean).
/// Keys may be camelCase or snake_case; an unknown key, a wrong type or a missing required
/// field is `IK_STATUS_INVALID_ARGUMENT`, naming it.
///
/// On `IK_STATUS_OK`, `*out_json` holds the API's JSON answer (`{}` when it has no body); otherwise
/// an error document. The caller frees it with `ik_string_free`. NULL `client`, `out_json`, `params_json` gives
/// `IK_STATUS_NULL_ARGUMENT`. Inputs are borrowed for the call. Thread-safe on a shared client.
///
/// # Safety
/// `client` must be NULL or a live handle; strings NULL or NUL-terminated; `out_json` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ik_folders_rename(
    client: *const ik_client,
    params_json: *const c_char,
    out_json: *mut *mut c_char,
) -> ik_status {
    run_op(23, "folders.rename", client, &[], params_json, out_json)
}

/// Gets the status of a bulk job (folder copy, move or rename).
///
/// `GET /v1/bulkJobs/{jobId}`: `folders.job.get` in the newest SDKs (Node `folders.job.get`, Go `Folders.Job.Get`).
/// `job_id` goes into the path percent-encoded; an empty one is `IK_STATUS_INVALID_ARGUMENT`.
///
/// On `IK_STATUS_OK`, `*out_json` holds the API's JSON answer (`{}` when it has no body); otherwise
/// an error document. The caller frees it with `ik_string_free`. NULL `client`, `out_json`, `job_id` gives
/// `IK_STATUS_NULL_ARGUMENT`. Inputs are borrowed for the call. Thread-safe on a shared client.
///
/// # Safety
/// `client` must be NULL or a live handle; strings NULL or NUL-terminated; `out_json` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ik_folders_job_get(
    client: *const ik_client,
    job_id: *const c_char,
    out_json: *mut *mut c_char,
) -> ik_status {
    run_op(24, "folders.job.get", client, &[job_id], std::ptr::null(), out_json)
}

/// Creates a custom metadata field.
///
/// `POST /v1/customMetadataFields`: `custom_metadata_fields.create` in the newest SDKs (Node `customMetadataFields.create`, Go `CustomMetadataFields.New`).
/// `params_json`: the JSON body: `name` (string, required), `label` (string, required), `schema` (object, required).
/// Keys may be camelCase or snake_case; an unknown key, a wrong type or a missing required
/// field is `IK_STATUS_INVALID_ARGUMENT`, naming it.
///
/// On `IK_STATUS_OK`, `*out_json` holds the API's JSON answer (`{}` when it has no body); otherwise
/// an error document. The caller frees it with `ik_string_free`. NULL `client`, `out_json`, `params_json` gives
/// `IK_STATUS_NULL_ARGUMENT`. Inputs are borrowed for the call. Thread-safe on a shared client.
///
/// # Safety
/// `client` must be NULL or a live handle; strings NULL or NUL-terminated; `out_json` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ik_custom_metadata_fields_create(
    client: *const ik_client,
    params_json: *const c_char,
    out_json: *mut *mut c_char,
) -> ik_status {
    run_op(25, "custom_metadata_fields.create", client, &[], params_json, out_json)
}

/// Lists the custom metadata fields (optionally deleted ones, or those of a folder).
///
/// `GET /v1/customMetadataFields`: `custom_metadata_fields.list` in the newest SDKs (Node `customMetadataFields.list`, Go `CustomMetadataFields.List`).
/// `params_json` (may be NULL): a JSON object of query parameters: `includeDeleted` / `include_deleted` (boolean), `folderPath` / `folder_path` (string).
/// Keys may be camelCase or snake_case; an unknown key, a wrong type or a missing required
/// field is `IK_STATUS_INVALID_ARGUMENT`, naming it.
///
/// On `IK_STATUS_OK`, `*out_json` holds the API's JSON answer (`{}` when it has no body); otherwise
/// an error document. The caller frees it with `ik_string_free`. NULL `client`, `out_json` gives
/// `IK_STATUS_NULL_ARGUMENT`. Inputs are borrowed for the call. Thread-safe on a shared client.
///
/// # Safety
/// `client` must be NULL or a live handle; strings NULL or NUL-terminated; `out_json` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ik_custom_metadata_fields_list(
    client: *const ik_client,
    params_json: *const c_char,
    out_json: *mut *mut c_char,
) -> ik_status {
    run_op(26, "custom_metadata_fields.list", client, &[], params_json, out_json)
}

/// Updates a custom metadata field's label or schema.
///
/// `PATCH /v1/customMetadataFields/{id}`: `custom_metadata_fields.update` in the newest SDKs (Node `customMetadataFields.update`, Go `CustomMetadataFields.Update`).
/// `id` goes into the path percent-encoded; an empty one is `IK_STATUS_INVALID_ARGUMENT`.
/// `params_json` (may be NULL: `{}`): the JSON body: `label` (string), `schema` (object).
/// Keys may be camelCase or snake_case; an unknown key, a wrong type or a missing required
/// field is `IK_STATUS_INVALID_ARGUMENT`, naming it.
///
/// On `IK_STATUS_OK`, `*out_json` holds the API's JSON answer (`{}` when it has no body); otherwise
/// an error document. The caller frees it with `ik_string_free`. NULL `client`, `out_json`, `id` gives
/// `IK_STATUS_NULL_ARGUMENT`. Inputs are borrowed for the call. Thread-safe on a shared client.
///
/// # Safety
/// `client` must be NULL or a live handle; strings NULL or NUL-terminated; `out_json` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ik_custom_metadata_fields_update(
    client: *const ik_client,
    id: *const c_char,
    params_json: *const c_char,
    out_json: *mut *mut c_char,
) -> ik_status {
    run_op(27, "custom_metadata_fields.update", client, &[id], params_json, out_json)
}

/// Deletes a custom metadata field.
///
/// `DELETE /v1/customMetadataFields/{id}`: `custom_metadata_fields.delete` in the newest SDKs (Node `customMetadataFields.delete`, Go `CustomMetadataFields.Delete`).
/// `id` goes into the path percent-encoded; an empty one is `IK_STATUS_INVALID_ARGUMENT`.
///
/// On `IK_STATUS_OK`, `*out_json` holds the API's JSON answer (`{}` when it has no body); otherwise
/// an error document. The caller frees it with `ik_string_free`. NULL `client`, `out_json`, `id` gives
/// `IK_STATUS_NULL_ARGUMENT`. Inputs are borrowed for the call. Thread-safe on a shared client.
///
/// # Safety
/// `client` must be NULL or a live handle; strings NULL or NUL-terminated; `out_json` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ik_custom_metadata_fields_delete(
    client: *const ik_client,
    id: *const c_char,
    out_json: *mut *mut c_char,
) -> ik_status {
    run_op(28, "custom_metadata_fields.delete", client, &[id], std::ptr::null(), out_json)
}

/// Lists the saved extensions.
///
/// `GET /v1/saved-extensions`: `saved_extensions.list` in the newest SDKs (Node `savedExtensions.list`, Go `SavedExtensions.List`).
///
/// On `IK_STATUS_OK`, `*out_json` holds the API's JSON answer (`{}` when it has no body); otherwise
/// an error document. The caller frees it with `ik_string_free`. NULL `client`, `out_json` gives
/// `IK_STATUS_NULL_ARGUMENT`. Inputs are borrowed for the call. Thread-safe on a shared client.
///
/// # Safety
/// `client` must be NULL or a live handle; strings NULL or NUL-terminated; `out_json` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ik_saved_extensions_list(
    client: *const ik_client,
    out_json: *mut *mut c_char,
) -> ik_status {
    run_op(29, "saved_extensions.list", client, &[], std::ptr::null(), out_json)
}

/// Saves an extension configuration under a name.
///
/// `POST /v1/saved-extensions`: `saved_extensions.create` in the newest SDKs (Node `savedExtensions.create`, Go `SavedExtensions.New`).
/// `params_json`: the JSON body: `name` (string, required), `description` (string, required), `config` (object, required).
/// Keys may be camelCase or snake_case; an unknown key, a wrong type or a missing required
/// field is `IK_STATUS_INVALID_ARGUMENT`, naming it.
///
/// On `IK_STATUS_OK`, `*out_json` holds the API's JSON answer (`{}` when it has no body); otherwise
/// an error document. The caller frees it with `ik_string_free`. NULL `client`, `out_json`, `params_json` gives
/// `IK_STATUS_NULL_ARGUMENT`. Inputs are borrowed for the call. Thread-safe on a shared client.
///
/// # Safety
/// `client` must be NULL or a live handle; strings NULL or NUL-terminated; `out_json` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ik_saved_extensions_create(
    client: *const ik_client,
    params_json: *const c_char,
    out_json: *mut *mut c_char,
) -> ik_status {
    run_op(30, "saved_extensions.create", client, &[], params_json, out_json)
}

/// Gets a saved extension.
///
/// `GET /v1/saved-extensions/{id}`: `saved_extensions.get` in the newest SDKs (Node `savedExtensions.get`, Go `SavedExtensions.Get`).
/// `id` goes into the path percent-encoded; an empty one is `IK_STATUS_INVALID_ARGUMENT`.
///
/// On `IK_STATUS_OK`, `*out_json` holds the API's JSON answer (`{}` when it has no body); otherwise
/// an error document. The caller frees it with `ik_string_free`. NULL `client`, `out_json`, `id` gives
/// `IK_STATUS_NULL_ARGUMENT`. Inputs are borrowed for the call. Thread-safe on a shared client.
///
/// # Safety
/// `client` must be NULL or a live handle; strings NULL or NUL-terminated; `out_json` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ik_saved_extensions_get(
    client: *const ik_client,
    id: *const c_char,
    out_json: *mut *mut c_char,
) -> ik_status {
    run_op(31, "saved_extensions.get", client, &[id], std::ptr::null(), out_json)
}

/// Updates a saved extension.
///
/// `PATCH /v1/saved-extensions/{id}`: `saved_extensions.update` in the newest SDKs (Node `savedExtensions.update`, Go `SavedExtensions.Update`).
/// `id` goes into the path percent-encoded; an empty one is `IK_STATUS_INVALID_ARGUMENT`.
/// `params_json` (may be NULL: `{}`): the JSON body: `name` (string), `description` (string), `config` (object).
/// Keys may be camelCase or snake_case; an unknown key, a wrong type or a missing required
/// field is `IK_STATUS_INVALID_ARGUMENT`, naming it.
///
/// On `IK_STATUS_OK`, `*out_json` holds the API's JSON answer (`{}` when it has no body); otherwise
/// an error document. The caller frees it with `ik_string_free`. NULL `client`, `out_json`, `id` gives
/// `IK_STATUS_NULL_ARGUMENT`. Inputs are borrowed for the call. Thread-safe on a shared client.
///
/// # Safety
/// `client` must be NULL or a live handle; strings NULL or NUL-terminated; `out_json` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ik_saved_extensions_update(
    client: *const ik_client,
    id: *const c_char,
    params_json: *const c_char,
    out_json: *mut *mut c_char,
) -> ik_status {
    run_op(32, "saved_extensions.update", client, &[id], params_json, out_json)
}

/// Deletes a saved extension.
///
/// `DELETE /v1/saved-extensions/{id}`: `saved_extensions.delete` in the newest SDKs (Node `savedExtensions.delete`, Go `SavedExtensions.Delete`).
/// `id` goes into the path percent-encoded; an empty one is `IK_STATUS_INVALID_ARGUMENT`.
///
/// On `IK_STATUS_OK`, `*out_json` holds the API's JSON answer (`{}` when it has no body); otherwise
/// an error document. The caller frees it with `ik_string_free`. NULL `client`, `out_json`, `id` gives
/// `IK_STATUS_NULL_ARGUMENT`. Inputs are borrowed for the call. Thread-safe on a shared client.
///
/// # Safety
/// `client` must be NULL or a live handle; strings NULL or NUL-terminated; `out_json` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ik_saved_extensions_delete(
    client: *const ik_client,
    id: *const c_char,
    out_json: *mut *mut c_char,
) -> ik_status {
    run_op(33, "saved_extensions.delete", client, &[id], std::ptr::null(), out_json)
}

/// Lists the named transformations.
///
/// `GET /v1/named-transformations`: `named_transformations.list` in the newest SDKs (Node `namedTransformations.list`, Go `NamedTransformations.List`).
///
/// On `IK_STATUS_OK`, `*out_json` holds the API's JSON answer (`{}` when it has no body); otherwise
/// an error document. The caller frees it with `ik_string_free`. NULL `client`, `out_json` gives
/// `IK_STATUS_NULL_ARGUMENT`. Inputs are borrowed for the call. Thread-safe on a shared client.
///
/// # Safety
/// `client` must be NULL or a live handle; strings NULL or NUL-terminated; `out_json` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ik_named_transformations_list(
    client: *const ik_client,
    out_json: *mut *mut c_char,
) -> ik_status {
    run_op(34, "named_transformations.list", client, &[], std::ptr::null(), out_json)
}

/// Creates a named transformation (used in URLs as `tr:n-<name>`).
///
/// `POST /v1/named-transformations`: `named_transformations.create` in the newest SDKs (Node `namedTransformations.create`, Go `NamedTransformations.New`).
/// `params_json`: the JSON body: `name` (string, required), `transformation` (string, required), `enabled` (boolean).
/// Keys may be camelCase or snake_case; an unknown key, a wrong type or a missing required
/// field is `IK_STATUS_INVALID_ARGUMENT`, naming it.
///
/// On `IK_STATUS_OK`, `*out_json` holds the API's JSON answer (`{}` when it has no body); otherwise
/// an error document. The caller frees it with `ik_string_free`. NULL `client`, `out_json`, `params_json` gives
/// `IK_STATUS_NULL_ARGUMENT`. Inputs are borrowed for the call. Thread-safe on a shared client.
///
/// # Safety
/// `client` must be NULL or a live handle; strings NULL or NUL-terminated; `out_json` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ik_named_transformations_create(
    client: *const ik_client,
    params_json: *const c_char,
    out_json: *mut *mut c_char,
) -> ik_status {
    run_op(35, "named_transformations.create", client, &[], params_json, out_json)
}

/// Gets a named transformation.
///
/// `GET /v1/named-transformations/{id}`: `named_transformations.get` in the newest SDKs (Node `namedTransformations.get`, Go `NamedTransformations.Get`).
/// `id` goes into the path percent-encoded; an empty one is `IK_STATUS_INVALID_ARGUMENT`.
///
/// On `IK_STATUS_OK`, `*out_json` holds the API's JSON answer (`{}` when it has no body); otherwise
/// an error document. The caller frees it with `ik_string_free`. NULL `client`, `out_json`, `id` gives
/// `IK_STATUS_NULL_ARGUMENT`. Inputs are borrowed for the call. Thread-safe on a shared client.
///
/// # Safety
/// `client` must be NULL or a live handle; strings NULL or NUL-terminated; `out_json` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ik_named_transformations_get(
    client: *const ik_client,
    id: *const c_char,
    out_json: *mut *mut c_char,
) -> ik_status {
    run_op(36, "named_transformations.get", client, &[id], std::ptr::null(), out_json)
}

/// Updates a named transformation (409 while an upload setting refers to it).
///
/// `PATCH /v1/named-transformations/{id}`: `named_transformations.update` in the newest SDKs (Node `namedTransformations.update`, Go `NamedTransformations.Update`).
/// `id` goes into the path percent-encoded; an empty one is `IK_STATUS_INVALID_ARGUMENT`.
/// `params_json` (may be NULL: `{}`): the JSON body: `name` (string), `transformation` (string), `enabled` (boolean).
/// Keys may be camelCase or snake_case; an unknown key, a wrong type or a missing required
/// field is `IK_STATUS_INVALID_ARGUMENT`, naming it.
///
/// On `IK_STATUS_OK`, `*out_json` holds the API's JSON answer (`{}` when it has no body); otherwise
/// an error document. The caller frees it with `ik_string_free`. NULL `client`, `out_json`, `id` gives
/// `IK_STATUS_NULL_ARGUMENT`. Inputs are borrowed for the call. Thread-safe on a shared client.
///
/// # Safety
/// `client` must be NULL or a live handle; strings NULL or NUL-terminated; `out_json` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ik_named_transformations_update(
    client: *const ik_client,
    id: *const c_char,
    params_json: *const c_char,
    out_json: *mut *mut c_char,
) -> ik_status {
    run_op(37, "named_transformations.update", client, &[id], params_json, out_json)
}

/// Deletes a named transformation (409 while an upload setting refers to it).
///
/// `DELETE /v1/named-transformations/{id}`: `named_transformations.delete` in the newest SDKs (Node `namedTransformations.delete`, Go `NamedTransformations.Delete`).
/// `id` goes into the path percent-encoded; an empty one is `IK_STATUS_INVALID_ARGUMENT`.
///
/// On `IK_STATUS_OK`, `*out_json` holds the API's JSON answer (`{}` when it has no body); otherwise
/// an error document. The caller frees it with `ik_string_free`. NULL `client`, `out_json`, `id` gives
/// `IK_STATUS_NULL_ARGUMENT`. Inputs are borrowed for the call. Thread-safe on a shared client.
///
/// # Safety
/// `client` must be NULL or a live handle; strings NULL or NUL-terminated; `out_json` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ik_named_transformations_delete(
    client: *const ik_client,
    id: *const c_char,
    out_json: *mut *mut c_char,
) -> ik_status {
    run_op(38, "named_transformations.delete", client, &[id], std::ptr::null(), out_json)
}

/// Gets the account's usage between two dates (`endDate` excluded).
///
/// `GET /v1/accounts/usage`: `accounts.usage.get` in the newest SDKs (Node `accounts.usage.get`, Go `Accounts.Usage.Get`).
/// `params_json`: a JSON object of query parameters: `startDate` / `start_date` (string, required), `endDate` / `end_date` (string, required).
/// Keys may be camelCase or snake_case; an unknown key, a wrong type or a missing required
/// field is `IK_STATUS_INVALID_ARGUMENT`, naming it.
///
/// On `IK_STATUS_OK`, `*out_json` holds the API's JSON answer (`{}` when it has no body); otherwise
/// an error document. The caller frees it with `ik_string_free`. NULL `client`, `out_json`, `params_json` gives
/// `IK_STATUS_NULL_ARGUMENT`. Inputs are borrowed for the call. Thread-safe on a shared client.
///
/// # Safety
/// `client` must be NULL or a live handle; strings NULL or NUL-terminated; `out_json` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ik_accounts_usage_get(
    client: *const ik_client,
    params_json: *const c_char,
    out_json: *mut *mut c_char,
) -> ik_status {
    run_op(39, "accounts.usage.get", client, &[], params_json, out_json)
}

/// Gets usage analytics between two dates, both included (beta).
///
/// `GET /v1/accounts/usage-analytics`: `accounts.usage_analytics.get` in the newest SDKs (Node `accounts.usageAnalytics.get`, Go `Accounts.UsageAnalytics.Get`).
/// `params_json`: a JSON object of query parameters: `startDate` / `start_date` (string, required), `endDate` / `end_date` (string, required).
/// Keys may be camelCase or snake_case; an unknown key, a wrong type or a missing required
/// field is `IK_STATUS_INVALID_ARGUMENT`, naming it.
///
/// On `IK_STATUS_OK`, `*out_json` holds the API's JSON answer (`{}` when it has no body); otherwise
/// an error document. The caller frees it with `ik_string_free`. NULL `client`, `out_json`, `params_json` gives
/// `IK_STATUS_NULL_ARGUMENT`. Inputs are borrowed for the call. Thread-safe on a shared client.
///
/// # Safety
/// `client` must be NULL or a live handle; strings NULL or NUL-terminated; `out_json` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ik_accounts_usage_analytics_get(
    client: *const ik_client,
    params_json: *const c_char,
    out_json: *mut *mut c_char,
) -> ik_status {
    run_op(40, "accounts.usage_analytics.get", client, &[], params_json, out_json)
}

/// Lists the origins.
///
/// `GET /v1/accounts/origins`: `accounts.origins.list` in the newest SDKs (Node `accounts.origins.list`, Go `Accounts.Origins.List`).
///
/// On `IK_STATUS_OK`, `*out_json` holds the API's JSON answer (`{}` when it has no body); otherwise
/// an error document. The caller frees it with `ik_string_free`. NULL `client`, `out_json` gives
/// `IK_STATUS_NULL_ARGUMENT`. Inputs are borrowed for the call. Thread-safe on a shared client.
///
/// # Safety
/// `client` must be NULL or a live handle; strings NULL or NUL-terminated; `out_json` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ik_accounts_origins_list(
    client: *const ik_client,
    out_json: *mut *mut c_char,
) -> ik_status {
    run_op(41, "accounts.origins.list", client, &[], std::ptr::null(), out_json)
}

/// Creates an origin (S3, S3-compatible, Cloudinary backup, web folder, web proxy, GCS, Azure, Akeneo).
///
/// `POST /v1/accounts/origins`: `accounts.origins.create` in the newest SDKs (Node `accounts.origins.create`, Go `Accounts.Origins.New`).
/// `params_json`: the JSON body: `name` (string, required), `type` (string, required), `includeCanonicalHeader` / `include_canonical_header` (boolean), `baseUrlForCanonicalHeader` / `base_url_for_canonical_header` (string), `bucket` (string), `prefix` (string), `useIAMRole` / `use_iam_role` (boolean), `accessKey` / `access_key` (string), `secretKey` / `secret_key` (string), `endpoint` (string), `s3ForcePathStyle` / `s3_force_path_style` (boolean), `baseUrl` / `base_url` (string), `forwardHostHeaderToOrigin` / `forward_host_header_to_origin` (boolean), `clientEmail` / `client_email` (string), `privateKey` / `private_key` (string), `container` (string), `accountName` / `account_name` (string), `sasToken` / `sas_token` (string), `clientId` / `client_id` (string), `clientSecret` / `client_secret` (string), `username` (string), `password` (string).
/// Keys may be camelCase or snake_case; an unknown key, a wrong type or a missing required
/// field is `IK_STATUS_INVALID_ARGUMENT`, naming it.
///
/// On `IK_STATUS_OK`, `*out_json` holds the API's JSON answer (`{}` when it has no body); otherwise
/// an error document. The caller frees it with `ik_string_free`. NULL `client`, `out_json`, `params_json` gives
/// `IK_STATUS_NULL_ARGUMENT`. Inputs are borrowed for the call. Thread-safe on a shared client.
///
/// # Safety
/// `client` must be NULL or a live handle; strings NULL or NUL-terminated; `out_json` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ik_accounts_origins_create(
    client: *const ik_client,
    params_json: *const c_char,
    out_json: *mut *mut c_char,
) -> ik_status {
    run_op(42, "accounts.origins.create", client, &[], params_json, out_json)
}

/// Gets an origin.
///
/// `GET /v1/accounts/origins/{id}`: `accounts.origins.get` in the newest SDKs (Node `accounts.origins.get`, Go `Accounts.Origins.Get`).
/// `id` goes into the path percent-encoded; an empty one is `IK_STATUS_INVALID_ARGUMENT`.
///
/// On `IK_STATUS_OK`, `*out_json` holds the API's JSON answer (`{}` when it has no body); otherwise
/// an error document. The caller frees it with `ik_string_free`. NULL `client`, `out_json`, `id` gives
/// `IK_STATUS_NULL_ARGUMENT`. Inputs are borrowed for the call. Thread-safe on a shared client.
///
/// # Safety
/// `client` must be NULL or a live handle; strings NULL or NUL-terminated; `out_json` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ik_accounts_origins_get(
    client: *const ik_client,
    id: *const c_char,
    out_json: *mut *mut c_char,
) -> ik_status {
    run_op(43, "accounts.origins.get", client, &[id], std::ptr::null(), out_json)
}

/// Replaces an origin's settings.
///
/// `PUT /v1/accounts/origins/{id}`: `accounts.origins.update` in the newest SDKs (Node `accounts.origins.update`, Go `Accounts.Origins.Update`).
/// `id` goes into the path percent-encoded; an empty one is `IK_STATUS_INVALID_ARGUMENT`.
/// `params_json`: the JSON body: `name` (string, required), `type` (string, required), `includeCanonicalHeader` / `include_canonical_header` (boolean), `baseUrlForCanonicalHeader` / `base_url_for_canonical_header` (string), `bucket` (string), `prefix` (string), `useIAMRole` / `use_iam_role` (boolean), `accessKey` / `access_key` (string), `secretKey` / `secret_key` (string), `endpoint` (string), `s3ForcePathStyle` / `s3_force_path_style` (boolean), `baseUrl` / `base_url` (string), `forwardHostHeaderToOrigin` / `forward_host_header_to_origin` (boolean), `clientEmail` / `client_email` (string), `privateKey` / `private_key` (string), `container` (string), `accountName` / `account_name` (string), `sasToken` / `sas_token` (string), `clientId` / `client_id` (string), `clientSecret` / `client_secret` (string), `username` (string), `password` (string).
/// Keys may be camelCase or snake_case; an unknown key, a wrong type or a missing required
/// field is `IK_STATUS_INVALID_ARGUMENT`, naming it.
///
/// On `IK_STATUS_OK`, `*out_json` holds the API's JSON answer (`{}` when it has no body); otherwise
/// an error document. The caller frees it with `ik_string_free`. NULL `client`, `out_json`, `id`, `params_json` gives
/// `IK_STATUS_NULL_ARGUMENT`. Inputs are borrowed for the call. Thread-safe on a shared client.
///
/// # Safety
/// `client` must be NULL or a live handle; strings NULL or NUL-terminated; `out_json` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ik_accounts_origins_update(
    client: *const ik_client,
    id: *const c_char,
    params_json: *const c_char,
    out_json: *mut *mut c_char,
) -> ik_status {
    run_op(44, "accounts.origins.update", client, &[id], params_json, out_json)
}

/// Deletes an origin.
///
/// `DELETE /v1/accounts/origins/{id}`: `accounts.origins.delete` in the newest SDKs (Node `accounts.origins.delete`, Go `Accounts.Origins.Delete`).
/// `id` goes into the path percent-encoded; an empty one is `IK_STATUS_INVALID_ARGUMENT`.
///
/// On `IK_STATUS_OK`, `*out_json` holds the API's JSON answer (`{}` when it has no body); otherwise
/// an error document. The caller frees it with `ik_string_free`. NULL `client`, `out_json`, `id` gives
/// `IK_STATUS_NULL_ARGUMENT`. Inputs are borrowed for the call. Thread-safe on a shared client.
///
/// # Safety
/// `client` must be NULL or a live handle; strings NULL or NUL-terminated; `out_json` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ik_accounts_origins_delete(
    client: *const ik_client,
    id: *const c_char,
    out_json: *mut *mut c_char,
) -> ik_status {
    run_op(45, "accounts.origins.delete", client, &[id], std::ptr::null(), out_json)
}

/// Lists the URL endpoints.
///
/// `GET /v1/accounts/url-endpoints`: `accounts.url_endpoints.list` in the newest SDKs (Node `accounts.urlEndpoints.list`, Go `Accounts.URLEndpoints.List`).
///
/// On `IK_STATUS_OK`, `*out_json` holds the API's JSON answer (`{}` when it has no body); otherwise
/// an error document. The caller frees it with `ik_string_free`. NULL `client`, `out_json` gives
/// `IK_STATUS_NULL_ARGUMENT`. Inputs are borrowed for the call. Thread-safe on a shared client.
///
/// # Safety
/// `client` must be NULL or a live handle; strings NULL or NUL-terminated; `out_json` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ik_accounts_url_endpoints_list(
    client: *const ik_client,
    out_json: *mut *mut c_char,
) -> ik_status {
    run_op(46, "accounts.url_endpoints.list", client, &[], std::ptr::null(), out_json)
}

/// Creates a URL endpoint.
///
/// `POST /v1/accounts/url-endpoints`: `accounts.url_endpoints.create` in the newest SDKs (Node `accounts.urlEndpoints.create`, Go `Accounts.URLEndpoints.New`).
/// `params_json`: the JSON body: `description` (string, required), `urlPrefix` / `url_prefix` (string), `origins` (list of strings), `urlRewriter` / `url_rewriter` (object).
/// Keys may be camelCase or snake_case; an unknown key, a wrong type or a missing required
/// field is `IK_STATUS_INVALID_ARGUMENT`, naming it.
///
/// On `IK_STATUS_OK`, `*out_json` holds the API's JSON answer (`{}` when it has no body); otherwise
/// an error document. The caller frees it with `ik_string_free`. NULL `client`, `out_json`, `params_json` gives
/// `IK_STATUS_NULL_ARGUMENT`. Inputs are borrowed for the call. Thread-safe on a shared client.
///
/// # Safety
/// `client` must be NULL or a live handle; strings NULL or NUL-terminated; `out_json` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ik_accounts_url_endpoints_create(
    client: *const ik_client,
    params_json: *const c_char,
    out_json: *mut *mut c_char,
) -> ik_status {
    run_op(47, "accounts.url_endpoints.create", client, &[], params_json, out_json)
}

/// Gets a URL endpoint.
///
/// `GET /v1/accounts/url-endpoints/{id}`: `accounts.url_endpoints.get` in the newest SDKs (Node `accounts.urlEndpoints.get`, Go `Accounts.URLEndpoints.Get`).
/// `id` goes into the path percent-encoded; an empty one is `IK_STATUS_INVALID_ARGUMENT`.
///
/// On `IK_STATUS_OK`, `*out_json` holds the API's JSON answer (`{}` when it has no body); otherwise
/// an error document. The caller frees it with `ik_string_free`. NULL `client`, `out_json`, `id` gives
/// `IK_STATUS_NULL_ARGUMENT`. Inputs are borrowed for the call. Thread-safe on a shared client.
///
/// # Safety
/// `client` must be NULL or a live handle; strings NULL or NUL-terminated; `out_json` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ik_accounts_url_endpoints_get(
    client: *const ik_client,
    id: *const c_char,
    out_json: *mut *mut c_char,
) -> ik_status {
    run_op(48, "accounts.url_endpoints.get", client, &[id], std::ptr::null(), out_json)
}

/// Replaces a URL endpoint's settings.
///
/// `PUT /v1/accounts/url-endpoints/{id}`: `accounts.url_endpoints.update` in the newest SDKs (Node `accounts.urlEndpoints.update`, Go `Accounts.URLEndpoints.Update`).
/// `id` goes into the path percent-encoded; an empty one is `IK_STATUS_INVALID_ARGUMENT`.
/// `params_json`: the JSON body: `description` (string, required), `urlPrefix` / `url_prefix` (string), `origins` (list of strings), `urlRewriter` / `url_rewriter` (object).
/// Keys may be camelCase or snake_case; an unknown key, a wrong type or a missing required
/// field is `IK_STATUS_INVALID_ARGUMENT`, naming it.
///
/// On `IK_STATUS_OK`, `*out_json` holds the API's JSON answer (`{}` when it has no body); otherwise
/// an error document. The caller frees it with `ik_string_free`. NULL `client`, `out_json`, `id`, `params_json` gives
/// `IK_STATUS_NULL_ARGUMENT`. Inputs are borrowed for the call. Thread-safe on a shared client.
///
/// # Safety
/// `client` must be NULL or a live handle; strings NULL or NUL-terminated; `out_json` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ik_accounts_url_endpoints_update(
    client: *const ik_client,
    id: *const c_char,
    params_json: *const c_char,
    out_json: *mut *mut c_char,
) -> ik_status {
    run_op(49, "accounts.url_endpoints.update", client, &[id], params_json, out_json)
}

/// Deletes a URL endpoint (not the default one).
///
/// `DELETE /v1/accounts/url-endpoints/{id}`: `accounts.url_endpoints.delete` in the newest SDKs (Node `accounts.urlEndpoints.delete`, Go `Accounts.URLEndpoints.Delete`).
/// `id` goes into the path percent-encoded; an empty one is `IK_STATUS_INVALID_ARGUMENT`.
///
/// On `IK_STATUS_OK`, `*out_json` holds the API's JSON answer (`{}` when it has no body); otherwise
/// an error document. The caller frees it with `ik_string_free`. NULL `client`, `out_json`, `id` gives
/// `IK_STATUS_NULL_ARGUMENT`. Inputs are borrowed for the call. Thread-safe on a shared client.
///
/// # Safety
/// `client` must be NULL or a live handle; strings NULL or NUL-terminated; `out_json` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ik_accounts_url_endpoints_delete(
    client: *const ik_client,
    id: *const c_char,
    out_json: *mut *mut c_char,
) -> ik_status {
    run_op(50, "accounts.url_endpoints.delete", client, &[id], std::ptr::null(), out_json)
}

/// Lists the webhook endpoints (Python SDK 5.11 only).
///
/// `GET /v1/accounts/webhooks`: `accounts.webhooks.list` in the newest SDKs.
///
/// On `IK_STATUS_OK`, `*out_json` holds the API's JSON answer (`{}` when it has no body); otherwise
/// an error document. The caller frees it with `ik_string_free`. NULL `client`, `out_json` gives
/// `IK_STATUS_NULL_ARGUMENT`. Inputs are borrowed for the call. Thread-safe on a shared client.
///
/// # Safety
/// `client` must be NULL or a live handle; strings NULL or NUL-terminated; `out_json` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ik_accounts_webhooks_list(
    client: *const ik_client,
    out_json: *mut *mut c_char,
) -> ik_status {
    run_op(51, "accounts.webhooks.list", client, &[], std::ptr::null(), out_json)
}

/// Creates a webhook endpoint; the answer carries its `whsec_` secret.
///
/// `POST /v1/accounts/webhooks`: `accounts.webhooks.create` in the newest SDKs.
/// `params_json`: the JSON body: `endpoint` (string, required), `events` (list of strings, required), `enabled` (boolean).
/// Keys may be camelCase or snake_case; an unknown key, a wrong type or a missing required
/// field is `IK_STATUS_INVALID_ARGUMENT`, naming it.
///
/// On `IK_STATUS_OK`, `*out_json` holds the API's JSON answer (`{}` when it has no body); otherwise
/// an error document. The caller frees it with `ik_string_free`. NULL `client`, `out_json`, `params_json` gives
/// `IK_STATUS_NULL_ARGUMENT`. Inputs are borrowed for the call. Thread-safe on a shared client.
///
/// # Safety
/// `client` must be NULL or a live handle; strings NULL or NUL-terminated; `out_json` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ik_accounts_webhooks_create(
    client: *const ik_client,
    params_json: *const c_char,
    out_json: *mut *mut c_char,
) -> ik_status {
    run_op(52, "accounts.webhooks.create", client, &[], params_json, out_json)
}

/// Gets a webhook endpoint.
///
/// `GET /v1/accounts/webhooks/{id}`: `accounts.webhooks.get` in the newest SDKs.
/// `id` goes into the path percent-encoded; an empty one is `IK_STATUS_INVALID_ARGUMENT`.
///
/// On `IK_STATUS_OK`, `*out_json` holds the API's JSON answer (`{}` when it has no body); otherwise
/// an error document. The caller frees it with `ik_string_free`. NULL `client`, `out_json`, `id` gives
/// `IK_STATUS_NULL_ARGUMENT`. Inputs are borrowed for the call. Thread-safe on a shared client.
///
/// # Safety
/// `client` must be NULL or a live handle; strings NULL or NUL-terminated; `out_json` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ik_accounts_webhooks_get(
    client: *const ik_client,
    id: *const c_char,
    out_json: *mut *mut c_char,
) -> ik_status {
    run_op(53, "accounts.webhooks.get", client, &[id], std::ptr::null(), out_json)
}

/// Updates a webhook endpoint (`events` replaces the whole list).
///
/// `PATCH /v1/accounts/webhooks/{id}`: `accounts.webhooks.update` in the newest SDKs.
/// `id` goes into the path percent-encoded; an empty one is `IK_STATUS_INVALID_ARGUMENT`.
/// `params_json` (may be NULL: `{}`): the JSON body: `endpoint` (string), `events` (list of strings), `enabled` (boolean).
/// Keys may be camelCase or snake_case; an unknown key, a wrong type or a missing required
/// field is `IK_STATUS_INVALID_ARGUMENT`, naming it.
///
/// On `IK_STATUS_OK`, `*out_json` holds the API's JSON answer (`{}` when it has no body); otherwise
/// an error document. The caller frees it with `ik_string_free`. NULL `client`, `out_json`, `id` gives
/// `IK_STATUS_NULL_ARGUMENT`. Inputs are borrowed for the call. Thread-safe on a shared client.
///
/// # Safety
/// `client` must be NULL or a live handle; strings NULL or NUL-terminated; `out_json` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ik_accounts_webhooks_update(
    client: *const ik_client,
    id: *const c_char,
    params_json: *const c_char,
    out_json: *mut *mut c_char,
) -> ik_status {
    run_op(54, "accounts.webhooks.update", client, &[id], params_json, out_json)
}

/// Deletes a webhook endpoint.
///
/// `DELETE /v1/accounts/webhooks/{id}`: `accounts.webhooks.delete` in the newest SDKs.
/// `id` goes into the path percent-encoded; an empty one is `IK_STATUS_INVALID_ARGUMENT`.
///
/// On `IK_STATUS_OK`, `*out_json` holds the API's JSON answer (`{}` when it has no body); otherwise
/// an error document. The caller frees it with `ik_string_free`. NULL `client`, `out_json`, `id` gives
/// `IK_STATUS_NULL_ARGUMENT`. Inputs are borrowed for the call. Thread-safe on a shared client.
///
/// # Safety
/// `client` must be NULL or a live handle; strings NULL or NUL-terminated; `out_json` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ik_accounts_webhooks_delete(
    client: *const ik_client,
    id: *const c_char,
    out_json: *mut *mut c_char,
) -> ik_status {
    run_op(55, "accounts.webhooks.delete", client, &[id], std::ptr::null(), out_json)
}
