//! C surface: pHash distance (`ik_phash_distance`).

use super::args::str_arg;
use super::boundary::call_with_error;
use super::status::ik_status;
use imagekit_core::error::Error;
use std::ffi::c_char;

/// Computes the Hamming distance between two pHash values (hex strings such as
/// `"f06830ca9f1e3e90"`, from a file's metadata): the number of differing bits, 0 for the same
/// image. An optional `0x`/`0X` prefix is accepted; upper and lower case are equal.
///
/// Both values must be non-empty, hexadecimal and of the same length; otherwise the result is
/// `IK_STATUS_INVALID_ARGUMENT` with a message saying which value is wrong and why (also for
/// invalid UTF-8).
///
/// `first` and `second` are borrowed for the call only. `out_distance` is required: it is set to
/// 0 on entry and receives the distance on `IK_STATUS_OK`. `out_error` is optional (may be
/// NULL): it is set to NULL on entry and, on failure, receives an error JSON document the caller
/// releases with `ik_string_free`.
///
/// NULL `first`, `second` or `out_distance` gives `IK_STATUS_NULL_ARGUMENT`.
///
/// Thread safety: a pure function; call it from any thread.
///
/// # Safety
/// `first` and `second` must be NULL or NUL-terminated strings; `out_distance` must be NULL or
/// writable; `out_error` must be NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ik_phash_distance(
    first: *const c_char,
    second: *const c_char,
    out_distance: *mut u32,
    out_error: *mut *mut c_char,
) -> ik_status {
    call_with_error(out_error, || {
        if out_distance.is_null() {
            return Err(Error::null_argument("out_distance"));
        }
        *out_distance = 0;
        let a = str_arg(first, "first")?;
        let b = str_arg(second, "second")?;
        *out_distance = imagekit_core::phash::distance(a, b)?;
        Ok(())
    })
}
