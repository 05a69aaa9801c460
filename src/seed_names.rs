//! The seed SDK's function names, kept so its users' code goes on compiling: each is the
//! table-driven function it names, with the seed's arguments (a URL as a string where the table
//! takes a JSON object).

use super::args::{client_arg, str_arg};
use super::boundary::call_with_out;
use super::client::ik_client;
use super::ops::run_op;
use super::status::ik_status;
use super::upload::{ik_files_upload, ik_files_upload_bytes, ik_files_upload_path, ik_progress_callback};
use imagekit_core::api::ops::{self, OPS};
use std::ffi::{c_char, c_void};

/// The table row named `py`. The names below are fixed and tested; a miss would give an index
/// past the table, which `run_op` reports as an error rather than panicking.
fn row(py: &str) -> usize {
    OPS.iter().position(|op| op.py == py).unwrap_or(usize::MAX)
}

/// Runs `py` with `{"url": url}` as its parameters; `arg` names the C argument in errors.
unsafe fn with_url(
    py: &str,
    client: *const ik_client,
    url: *const c_char,
    arg: &str,
    out_json: *mut *mut c_char,
) -> ik_status {
    call_with_out(out_json, || {
        let client = client_arg(client)?;
        let params = serde_json::json!({ "url": str_arg(url, arg)? }).to_string();
        let op =
            ops::find(py).ok_or_else(|| imagekit_core::Error::new(imagekit_core::ErrorKind::Panic, format!("no operation {py}")))?;
        client.call(op, &[], Some(&params))
    })
}

/// Seed name of `ik_assets_list` (same arguments, same result).
///
/// # Safety
/// As for `ik_assets_list`.
#[no_mangle]
pub unsafe extern "C" fn ik_list_files(
    client: *const ik_client,
    options_json: *const c_char,
    out_json: *mut *mut c_char,
) -> ik_status {
    run_op(row("assets.list"), "assets.list", client, &[], options_json, out_json)
}

/// Seed name of `ik_files_get` (same arguments, same result).
///
/// # Safety
/// As for `ik_files_get`.
#[no_mangle]
pub unsafe extern "C" fn ik_get_file_details(
    client: *const ik_client,
    file_id: *const c_char,
    out_json: *mut *mut c_char,
) -> ik_status {
    run_op(
        row("files.get"),
        "files.get",
        client,
        &[file_id],
        std::ptr::null(),
        out_json,
    )
}

/// Seed name of `ik_files_metadata_get` (same arguments, same result).
///
/// # Safety
/// As for `ik_files_metadata_get`.
#[no_mangle]
pub unsafe extern "C" fn ik_get_file_metadata(
    client: *const ik_client,
    file_id: *const c_char,
    out_json: *mut *mut c_char,
) -> ik_status {
    run_op(
        row("files.metadata.get"),
        "files.metadata.get",
        client,
        &[file_id],
        std::ptr::null(),
        out_json,
    )
}

/// Seed name of `ik_files_metadata_get_from_url`, taking the file's URL itself (`remote_url`,
/// percent-encoded into the query) instead of `{"url": …}`.
///
/// # Safety
/// As for `ik_files_metadata_get_from_url`.
#[no_mangle]
pub unsafe extern "C" fn ik_get_remote_file_url_metadata(
    client: *const ik_client,
    remote_url: *const c_char,
    out_json: *mut *mut c_char,
) -> ik_status {
    with_url(
        "files.metadata.get_from_url",
        client,
        remote_url,
        "remote_url",
        out_json,
    )
}

/// Seed name of `ik_files_update`; `update_json` (the body, required here) is its `params_json`.
///
/// # Safety
/// As for `ik_files_update`.
#[no_mangle]
pub unsafe extern "C" fn ik_update_file_details(
    client: *const ik_client,
    file_id: *const c_char,
    update_json: *const c_char,
    out_json: *mut *mut c_char,
) -> ik_status {
    if update_json.is_null() {
        return call_with_out(out_json, || {
            Err::<String, _>(imagekit_core::Error::null_argument("update_json"))
        });
    }
    run_op(
        row("files.update"),
        "files.update",
        client,
        &[file_id],
        update_json,
        out_json,
    )
}

/// Seed name of `ik_files_delete` (same arguments, same result: `{}`).
///
/// # Safety
/// As for `ik_files_delete`.
#[no_mangle]
pub unsafe extern "C" fn ik_delete_file(
    client: *const ik_client,
    file_id: *const c_char,
    out_json: *mut *mut c_char,
) -> ik_status {
    run_op(
        row("files.delete"),
        "files.delete",
        client,
        &[file_id],
        std::ptr::null(),
        out_json,
    )
}

/// Seed name of `ik_cache_invalidation_create`, taking the URL to purge itself instead of
/// `{"url": …}`. On `IK_STATUS_OK`, `*out_json` holds `{"requestId":"…"}`.
///
/// # Safety
/// As for `ik_cache_invalidation_create`.
#[no_mangle]
pub unsafe extern "C" fn ik_purge_cache(
    client: *const ik_client,
    url: *const c_char,
    out_json: *mut *mut c_char,
) -> ik_status {
    with_url("cache.invalidation.create", client, url, "url", out_json)
}

/// Seed name of `ik_cache_invalidation_get` (same arguments, same result).
///
/// # Safety
/// As for `ik_cache_invalidation_get`.
#[no_mangle]
pub unsafe extern "C" fn ik_get_purge_cache_status(
    client: *const ik_client,
    request_id: *const c_char,
    out_json: *mut *mut c_char,
) -> ik_status {
    run_op(
        row("cache.invalidation.get"),
        "cache.invalidation.get",
        client,
        &[request_id],
        std::ptr::null(),
        out_json,
    )
}

/// Seed name of `ik_files_upload` (same arguments, same result).
///
/// # Safety
/// As for `ik_files_upload`.
#[no_mangle]
pub unsafe extern "C" fn ik_upload_file(
    client: *const ik_client,
    options_json: *const c_char,
    progress: ik_progress_callback,
    userdata: *mut c_void,
    out_json: *mut *mut c_char,
) -> ik_status {
    ik_files_upload(client, options_json, progress, userdata, out_json)
}

/// Seed name of `ik_files_upload_bytes` (same arguments, same result).
///
/// # Safety
/// As for `ik_files_upload_bytes`.
#[no_mangle]
pub unsafe extern "C" fn ik_upload_file_bytes(
    client: *const ik_client,
    data: *const u8,
    len: usize,
    options_json: *const c_char,
    progress: ik_progress_callback,
    userdata: *mut c_void,
    out_json: *mut *mut c_char,
) -> ik_status {
    ik_files_upload_bytes(client, data, len, options_json, progress, userdata, out_json)
}

/// Seed name of `ik_files_upload_path` (same arguments, same result).
///
/// # Safety
/// As for `ik_files_upload_path`.
#[no_mangle]
pub unsafe extern "C" fn ik_upload_file_path(
    client: *const ik_client,
    path: *const c_char,
    options_json: *const c_char,
    progress: ik_progress_callback,
    userdata: *mut c_void,
    out_json: *mut *mut c_char,
) -> ik_status {
    ik_files_upload_path(client, path, options_json, progress, userdata, out_json)
}
