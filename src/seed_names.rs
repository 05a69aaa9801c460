//! The original SDK's C function names, kept so the programs that link them go on working, and
//! marked deprecated in the header. The table rows' aliases are generated into `ops_gen.rs` from
//! the operation table's original-name column, with the two helpers below; the upload aliases,
//! which are not table rows, are here.

use super::args::str_arg;
use super::boundary::call_with_out;
use super::client::{client_arg, ik_client};
use super::status::ik_status;
use super::upload::{ik_files_upload, ik_files_upload_bytes, ik_files_upload_path, ik_progress_callback};
use imagekit_core::api::ops::OPS;
use imagekit_core::ErrorKind;
use std::ffi::{c_char, c_void};

/// Runs row `index` (named `py`) with `{"url": url}` as its parameters; `arg` names the C
/// argument in errors.
///
/// # Safety
/// As for the table's functions: `url` NULL or NUL-terminated, `out_json` NULL or writable.
pub unsafe fn with_url(
    index: usize,
    py: &str,
    client: *const ik_client,
    url: *const c_char,
    arg: &str,
    out_json: *mut *mut c_char,
) -> ik_status {
    call_with_out(out_json, || {
        let client = client_arg(client)?;
        let params = serde_json::json!({ "url": str_arg(url, arg)? }).to_string();
        // As in `run_op`: the name guards against a table changed without regenerating.
        let op = OPS.get(index).filter(|op| op.py == py).ok_or_else(|| {
            imagekit_core::Error::new(
                ErrorKind::Panic,
                format!("{py}: src/ops_gen.rs is out of date with the operation table"),
            )
        })?;
        client.call(op, &[], Some(&params))
    })
}

/// `IK_STATUS_NULL_ARGUMENT` naming `arg`, with its error document in `*out_json`.
///
/// # Safety
/// `out_json` NULL or writable.
pub unsafe fn null_argument(arg: &str, out_json: *mut *mut c_char) -> ik_status {
    call_with_out(out_json, || Err::<String, _>(imagekit_core::Error::null_argument(arg)))
}

/// The original SDK's name of `ik_files_upload` (same arguments, same result).
///
/// # Safety
/// As for `ik_files_upload`.
#[deprecated(note = "use ik_files_upload")]
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

/// The original SDK's name of `ik_files_upload_bytes` (same arguments, same result).
///
/// # Safety
/// As for `ik_files_upload_bytes`.
#[deprecated(note = "use ik_files_upload_bytes")]
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

/// The original SDK's name of `ik_files_upload_path` (same arguments, same result).
///
/// # Safety
/// As for `ik_files_upload_path`.
#[deprecated(note = "use ik_files_upload_path")]
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
