//! Calling the C functions from Rust through the rlib: taking a library string, a call's
//! `(status, text)`, the client configuration, and a client handle freed on drop (optionally
//! with a C log callback that collects every record), so the tests see exactly what a C caller
//! would see.

use imagekit::client::{ik_client, ik_client_free, ik_client_new, ik_client_set_logger, ik_string_free};
use imagekit::status::ik_status;
use serde_json::{json, Value};
use std::ffi::{c_char, c_void, CStr, CString};
use std::ptr;
use std::sync::Mutex;

/// Takes ownership of a library string (which must be UTF-8) and frees it.
pub fn take(s: *mut c_char) -> String {
    assert!(!s.is_null(), "expected a string from the library");
    let out = unsafe { CStr::from_ptr(s) }
        .to_str()
        .expect("library output is UTF-8")
        .to_owned();
    unsafe { ik_string_free(s) };
    out
}

/// Runs an `ik_*` call that writes `*out_json`, returning `(status, text)` (empty when the call
/// left it NULL).
pub fn out(f: impl FnOnce(*mut *mut c_char) -> ik_status) -> (ik_status, String) {
    let mut p: *mut c_char = ptr::null_mut();
    let st = f(&mut p);
    (st, if p.is_null() { String::new() } else { take(p) })
}

pub fn cstr(s: &str) -> CString {
    CString::new(s).unwrap()
}

/// Client configuration JSON for a server at `base`: `key`, the test public key, no proxy,
/// retries 10 ms then at most 40 ms apart, and `extra` merged over it. A test that depends on
/// other retry delays sets them in `extra`.
pub fn config(base: &str, key: &str, extra: Value) -> String {
    let mut cfg = json!({
        "private_key": key,
        "public_key": "public_key_test",
        "url_endpoint": "https://ik.imagekit.io/test",
        "api_base_url": base,
        "retry_initial_delay_ms": 10,
        "retry_max_delay_ms": 40,
        "proxy": "",
    });
    for (k, v) in extra.as_object().expect("extra is a JSON object") {
        cfg[k] = v.clone();
    }
    cfg.to_string()
}

/// An `ik_client*` freed on drop.
pub struct C(pub *mut ik_client);

impl Drop for C {
    fn drop(&mut self) {
        unsafe { ik_client_free(self.0) };
    }
}

/// `ik_client_new(config)`: the client, or the status and error document it was refused with.
pub fn new_client(config: &str) -> Result<C, (ik_status, String)> {
    let cfg = cstr(config);
    let mut c = ptr::null_mut();
    let mut err = ptr::null_mut();
    let st = unsafe { ik_client_new(cfg.as_ptr(), &mut c, &mut err) };
    if st != ik_status::Ok {
        return Err((st, if err.is_null() { String::new() } else { take(err) }));
    }
    Ok(C(c))
}

/// A client from a configuration document; panics with the library's error if it is refused.
pub fn client_from(cfg: &Value) -> C {
    new_client(&cfg.to_string()).unwrap_or_else(|(st, e)| panic!("ik_client_new: {st:?} {e}"))
}

/// A client with `private_key`, the test public key and `endpoint`.
pub fn client_with(private_key: &str, endpoint: &str) -> C {
    client_from(&json!({"private_key": private_key, "public_key": "public_key_test", "url_endpoint": endpoint}))
}

/// A client of the local ImageKit-compatible server at `base` (no retries, no proxy), with that
/// server's keys.
pub fn mock_client(private_key: &str, public_key: &str, base: &str) -> C {
    let cfg = config(
        base,
        private_key,
        json!({
            "public_key": public_key,
            "url_endpoint": "https://ik.imagekit.io/demo",
            "upload_base_url": base,
            "max_retries": 0,
        }),
    );
    new_client(&cfg).unwrap_or_else(|(st, e)| panic!("ik_client_new: {st:?} {e}"))
}

/// A client made through `ik_client_new`, with every log record it writes.
pub struct CClient {
    /// The client, owned by `_client`.
    pub ptr: *mut ik_client,
    // Declared before `logs`: the client is freed first, so no record arrives after the sink is gone.
    _client: C,
    logs: Box<Mutex<Vec<String>>>,
}

// SAFETY: ik_client is documented thread-safe; the log sink is a Mutex.
unsafe impl Send for CClient {}
unsafe impl Sync for CClient {}

unsafe extern "C" fn collect(userdata: *mut c_void, level: u32, message: *const c_char) {
    let logs = &*(userdata as *const Mutex<Vec<String>>);
    let text = CStr::from_ptr(message).to_string_lossy().into_owned();
    logs.lock().unwrap().push(format!("[{level}] {text}"));
}

/// `ik_client_new(config)` logging at DEBUG into the returned client's record list, or the
/// status and error document it was refused with.
pub fn try_client(config: &str) -> Result<CClient, (ik_status, String)> {
    let client = new_client(config)?;
    let logs: Box<Mutex<Vec<String>>> = Box::default();
    let ud = &*logs as *const Mutex<Vec<String>> as *mut c_void;
    let st = unsafe { ik_client_set_logger(client.0, Some(collect), 4, ud) };
    assert_eq!(st, ik_status::Ok);
    Ok(CClient {
        ptr: client.0,
        _client: client,
        logs,
    })
}

/// [`try_client`], panicking with the library's error if the configuration is refused.
pub fn client(config: &str) -> CClient {
    try_client(config).unwrap_or_else(|(st, e)| panic!("ik_client_new: {st:?} {e}"))
}

impl CClient {
    pub fn logs(&self) -> Vec<String> {
        self.logs.lock().unwrap().clone()
    }

    pub fn clear_logs(&self) {
        self.logs.lock().unwrap().clear();
    }
}

/// The clock in unix seconds, for expiry checks.
pub fn unix_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

/// A UUIDv4 in lower-case hyphenated text, as `str(uuid4())` prints it.
pub fn is_uuid_v4(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 36
        && [8, 13, 18, 23].iter().all(|&i| b[i] == b'-')
        && b[14] == b'4'
        && matches!(b[19], b'8' | b'9' | b'a' | b'b')
        && b.iter()
            .enumerate()
            .all(|(i, c)| [8, 13, 18, 23].contains(&i) || c.is_ascii_digit() || (b'a'..=b'f').contains(c))
}

/// The signature the byte-upload functions share (`ik_files_upload_bytes`, its v2 twin and the
/// original SDK's `ik_upload_file_bytes`).
pub type BytesUpload = unsafe extern "C" fn(
    *const ik_client,
    *const u8,
    usize,
    *const c_char,
    imagekit::upload::ik_progress_callback,
    *mut c_void,
    *mut *mut c_char,
) -> ik_status;

/// Uploads `data` through `upload` with `options_json`, without a progress callback:
/// `(status, text)` as [`out`] gives them.
pub fn upload_bytes(
    upload: BytesUpload,
    client: *const ik_client,
    data: &[u8],
    options_json: &CStr,
) -> (ik_status, String) {
    out(|o| unsafe {
        upload(
            client,
            data.as_ptr(),
            data.len(),
            options_json.as_ptr(),
            None,
            ptr::null_mut(),
            o,
        )
    })
}
