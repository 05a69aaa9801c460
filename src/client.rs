//! Client lifecycle: `ik_client_new`, `ik_client_free`, `ik_client_set_logger`, and `client_arg`,
//! how every other function borrows the client behind a handle.

use super::args::str_arg;
use super::boundary::{call_with_error, guard};
use super::live_secrets;
use super::status::ik_status;
use imagekit_core::client::Client;
use imagekit_core::error::{Error, Result};
use imagekit_core::log::{LogFn, LogLevel};
use std::ffi::{c_char, c_void, CString};
use std::sync::Arc;

/// An ImageKit client: keys, URL endpoint, transport settings and a connection pool.
///
/// Create it with `ik_client_new` and release it with `ik_client_free`.
///
/// Thread safety: an `ik_client` may be used from several threads at once; every operation
/// takes a `const ik_client *`. `ik_client_free` (and `ik_client_set_logger`) must not race
/// with other calls on the same client.
pub struct ik_client {
    _private: [u8; 0],
}

/// Creates a client from a JSON configuration.
///
/// Required keys: `private_key`, `public_key`, `url_endpoint` (snake_case or camelCase).
/// Optional: `transformation_position` (`"path"` default, or `"query"`), `api_base_url`,
/// `upload_base_url`, `connect_timeout_ms` (5000), `timeout_ms` (60000; both 1 to 86400000, 0 is
/// refused), `max_retries` (2, at most 10), `retry_initial_delay_ms` (500), `retry_max_delay_ms`
/// (8000; both at most 600000), `ca_pem` (extra trusted CA certificates, PEM text), `ca_file`
/// (path to such a PEM file), `proxy` (an `http://` or `https://` URL; `""` = no proxy; default:
/// from the environment; SOCKS is refused, from the config or the environment), `user_agent`
/// (appended to the User-Agent; no control characters). Unknown keys are an error.
///
/// The whole configuration, network settings included, is checked here: every problem is
/// `IK_STATUS_INVALID_ARGUMENT` with a message naming the key (or the proxy environment
/// variable). The TLS transport is built on the first network call, so a client that only signs
/// URLs never builds it.
///
/// `config_json` is borrowed for the call only. On `IK_STATUS_OK`, `*out_client` holds a new
/// client the caller owns (release with `ik_client_free`). On failure `*out_client` is NULL and,
/// if `out_error` is not NULL, `*out_error` holds an error JSON document naming the problem
/// (free it with `ik_string_free`). The private key never appears in an error.
///
/// @code
/// ik_client *client = NULL;
/// char *err = NULL;
/// if (ik_client_new("{\"private_key\":\"...\",\"public_key\":\"...\","
///                   "\"url_endpoint\":\"https://ik.imagekit.io/demo\"}", &client, &err) != IK_STATUS_OK) {
///     fprintf(stderr, "%s\n", err);
///     ik_string_free(err);
/// }
/// @endcode
///
/// # Safety
/// `config_json` must be NULL or a NUL-terminated string; `out_client` must be NULL or writable;
/// `out_error` must be NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ik_client_new(
    config_json: *const c_char,
    out_client: *mut *mut ik_client,
    out_error: *mut *mut c_char,
) -> ik_status {
    call_with_error(out_error, || {
        if out_client.is_null() {
            return Err(Error::null_argument("out_client"));
        }
        *out_client = std::ptr::null_mut();
        let text = str_arg(config_json, "config_json")?;
        let client = Client::from_json(text)?;
        super::fork_guard::install();
        let secrets = client.secrets().clone();
        *out_client = Box::into_raw(Box::new(client)) as *mut ik_client;
        live_secrets::register(*out_client as usize, secrets);
        Ok(())
    })
}

/// Releases a client and its connection pool. Passing NULL is a no-op.
/// Must not be called twice with the same value, nor while other calls use the client.
///
/// # Safety
/// `client` must be NULL or a live handle from `ik_client_new`.
#[no_mangle]
pub unsafe extern "C" fn ik_client_free(client: *mut ik_client) {
    guard((), || {
        if !client.is_null() {
            live_secrets::unregister(client as usize);
            drop(Box::from_raw(client as *mut Client));
        }
    })
}

/// Log levels passed to an `ik_log_callback`.
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ik_log_level {
    Error = 1,
    Warn = 2,
    Info = 3,
    Debug = 4,
}

/// Receives one log record: the `userdata` given to `ik_client_set_logger`, an `ik_log_level`
/// value, and a NUL-terminated message that is only valid during the call. May be called from
/// any thread that uses the client, concurrently. Never receives the private key.
pub type ik_log_callback = Option<unsafe extern "C" fn(userdata: *mut c_void, level: u32, message: *const c_char)>;

/// The C callback plus its userdata; the caller vouches that `userdata` may be used from any thread.
struct CLogger {
    callback: unsafe extern "C" fn(*mut c_void, u32, *const c_char),
    userdata: *mut c_void,
}
unsafe impl Send for CLogger {}
unsafe impl Sync for CLogger {}

impl CLogger {
    fn emit(&self, level: LogLevel, msg: &str) {
        let text = CString::new(msg.replace('\0', "")).unwrap_or_default();
        // SAFETY: the caller promised the callback and userdata are usable from any thread.
        unsafe { (self.callback)(self.userdata, level as u32, text.as_ptr()) };
    }
}

/// Installs a log callback that traces requests, responses (status, request id, timing) and
/// retries; `max_level` filters records (e.g. `IK_LOG_LEVEL_INFO` drops debug records).
/// Pass a NULL `callback` to remove the logger. `userdata` is passed back untouched and must stay
/// valid until the logger is replaced or the client freed.
///
/// Must not race with other calls on the same client (set it up before sharing the client).
/// Returns `IK_STATUS_NULL_ARGUMENT` if `client` is NULL.
///
/// # Safety
/// `client` must be NULL or a live handle; `callback`, if set, must be safe to call from any thread.
#[no_mangle]
pub unsafe extern "C" fn ik_client_set_logger(
    client: *const ik_client,
    callback: ik_log_callback,
    max_level: u32,
    userdata: *mut c_void,
) -> ik_status {
    call_with_error(std::ptr::null_mut(), || {
        let client = client_arg(client)?;
        let sink: Option<LogFn> = callback.map(|cb| {
            let c = CLogger { callback: cb, userdata };
            Arc::new(move |level: LogLevel, msg: &str| {
                if (level as u32) > max_level {
                    return;
                }
                c.emit(level, msg);
            }) as LogFn
        });
        client.set_logger(sink);
        Ok(())
    })
}

/// Releases a string returned by any `ik_*` function. Passing NULL is a no-op.
/// Do not pass it to `free()`, and do not free the same string twice.
///
/// # Safety
/// `s` must be NULL or a string returned by this library and not yet freed.
#[no_mangle]
pub unsafe extern "C" fn ik_string_free(s: *mut c_char) {
    // `free` cannot panic, so no panic boundary is needed (nor paid for on every string).
    super::cstring::free(s);
}

/// The library's version, e.g. `"libimagekit/0.1.0"`. Static: do not free.
#[no_mangle]
pub extern "C" fn ik_version() -> *const c_char {
    static VERSION: &str = concat!("libimagekit/", env!("CARGO_PKG_VERSION"), "\0");
    VERSION.as_ptr().cast()
}

#[allow(dead_code)]
fn _assert_send_sync() {
    fn is<T: Send + Sync>() {}
    is::<Client>();
}

/// Borrows the client behind a handle.
///
/// # Safety
/// `ptr` must be NULL or a live handle from `ik_client_new`.
pub unsafe fn client_arg<'a>(ptr: *const ik_client) -> Result<&'a Client> {
    if ptr.is_null() {
        return Err(Error::null_argument("client"));
    }
    Ok(&*(ptr as *const Client))
}
