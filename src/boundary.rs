//! The panic boundary and the out-parameter protocol shared by every exported function.
//!
//! Protocol: `*out` is set to NULL on entry; on success it receives the result, on failure an
//! error JSON document. Both are owned by the caller and released with `ik_string_free`.

use super::cstring::IntoCText;
use super::status::ik_status;
use imagekit_core::error::{Error, ErrorKind};
use std::any::Any;
use std::cell::Cell;
use std::ffi::c_char;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Once;

thread_local! {
    /// How many library calls this thread is inside (nested calls: a callback calling back in).
    static INSIDE: Cell<u32> = const { Cell::new(0) };
}

static QUIET_HOOK: Once = Once::new();

/// Installs, once per process, a panic hook that stays silent for panics raised inside a library
/// call (they are caught and become `IK_STATUS_PANIC`, with the message in the error document)
/// and hands every other panic to the hook that was installed before (the host's, or Rust's
/// default), so the library never writes to the host's stderr and the host's own panics are
/// reported as before.
fn install_quiet_hook() {
    QUIET_HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if INSIDE.try_with(Cell::get).unwrap_or(0) == 0 {
                previous(info);
            }
        }));
    });
}

/// Marks the thread as inside a library call until dropped.
struct Inside;

impl Inside {
    fn enter() -> Inside {
        INSIDE.with(|c| c.set(c.get() + 1));
        Inside
    }
}

impl Drop for Inside {
    fn drop(&mut self) {
        let _ = INSIDE.try_with(|c| c.set(c.get().saturating_sub(1)));
    }
}

/// `catch_unwind` with the quiet hook: a panic in `f` prints nothing.
fn catch<R>(f: impl FnOnce() -> R) -> std::thread::Result<R> {
    install_quiet_hook();
    let _inside = Inside::enter();
    catch_unwind(AssertUnwindSafe(f))
}

/// The error document for `err`, with the numeric `code` added.
pub fn error_json(err: &Error) -> String {
    let mut m = err.to_json_map();
    let code = ik_status::from(err.kind) as u32;
    m.insert("code".into(), code.into());
    serde_json::Value::Object(m).to_string()
}

fn panic_message(payload: &(dyn Any + Send)) -> String {
    let detail = payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic payload".to_string());
    // A panic's text is the one error text no client has scrubbed: a key in a formatted message
    // must not reach the caller either.
    super::live_secrets::scrub(format!("internal panic in libimagekit (please report it): {detail}"))
}

/// Writes `value` to `out` if `out` is not NULL.
///
/// # Safety
/// `out` must be NULL or valid for a pointer write.
unsafe fn put(out: *mut *mut c_char, value: impl IntoCText) {
    if !out.is_null() {
        *out = value.into_c_text().into_raw();
    }
}

/// Runs `f` behind the panic boundary and applies the out-parameter protocol.
/// `out` is required: a NULL `out` fails with `IK_STATUS_NULL_ARGUMENT` before `f` runs.
///
/// # Safety
/// `out` must be NULL or valid for a pointer write.
pub unsafe fn call_with_out<F, T>(out: *mut *mut c_char, f: F) -> ik_status
where
    F: FnOnce() -> Result<T, Error>,
    T: IntoCText,
{
    if out.is_null() {
        return ik_status::NullArgument;
    }
    *out = std::ptr::null_mut();
    match catch(f) {
        Ok(Ok(s)) => {
            put(out, s);
            ik_status::Ok
        }
        Ok(Err(e)) => {
            put(out, error_json(&e));
            ik_status::from(e.kind)
        }
        Err(payload) => {
            let e = Error::new(ErrorKind::Panic, panic_message(&*payload));
            put(out, error_json(&e));
            ik_status::Panic
        }
    }
}

/// Like [`call_with_out`] for functions whose result is not a string: `out_error` is optional
/// (may be NULL) and receives only an error document; on success it is set to NULL.
///
/// # Safety
/// `out_error` must be NULL or valid for a pointer write.
pub unsafe fn call_with_error<F>(out_error: *mut *mut c_char, f: F) -> ik_status
where
    F: FnOnce() -> Result<(), Error>,
{
    if !out_error.is_null() {
        *out_error = std::ptr::null_mut();
    }
    match catch(f) {
        Ok(Ok(())) => ik_status::Ok,
        Ok(Err(e)) => {
            put(out_error, error_json(&e));
            ik_status::from(e.kind)
        }
        Err(payload) => {
            let e = Error::new(ErrorKind::Panic, panic_message(&*payload));
            put(out_error, error_json(&e));
            ik_status::Panic
        }
    }
}

/// Runs an infallible body, returning `default` if it panics (for getters and `_free`).
pub fn guard<T>(default: T, f: impl FnOnce() -> T) -> T {
    catch(f).unwrap_or(default)
}
