//! Helpers for the reliability tests (tests/reliability_*.rs): a C-ABI client made with
//! `ik_client_new`, calls that return `(status, text)`, and a C log callback that collects
//! every record, so the tests look at exactly what a C caller would see.
#![allow(dead_code)]

use imagekit::client::{ik_client, ik_client_free, ik_client_new, ik_client_set_logger, ik_string_free};
use imagekit::status::ik_status;
use std::ffi::{c_char, c_void, CStr, CString};
use std::sync::Mutex;

/// A client made through `ik_client_new`, with every log record it writes.
pub struct CClient {
    pub ptr: *mut ik_client,
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

/// `ik_client_new(config)`: `Ok(client)` (logging at DEBUG) or `Err((status, error JSON))`.
pub fn try_client(config: &str) -> Result<CClient, (ik_status, String)> {
    let cfg = CString::new(config).unwrap();
    let mut ptr: *mut ik_client = std::ptr::null_mut();
    let mut err: *mut c_char = std::ptr::null_mut();
    let st = unsafe { ik_client_new(cfg.as_ptr(), &mut ptr, &mut err) };
    if st != ik_status::Ok {
        return Err((st, take(err)));
    }
    let logs: Box<Mutex<Vec<String>>> = Box::default();
    let ud = &*logs as *const Mutex<Vec<String>> as *mut c_void;
    let st = unsafe { ik_client_set_logger(ptr, Some(collect), 4, ud) };
    assert_eq!(st, ik_status::Ok);
    Ok(CClient { ptr, logs })
}

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

impl Drop for CClient {
    fn drop(&mut self) {
        unsafe { ik_client_free(self.ptr) };
    }
}

/// Takes ownership of a library string.
pub fn take(p: *mut c_char) -> String {
    if p.is_null() {
        return String::new();
    }
    let s = unsafe { CStr::from_ptr(p) }.to_string_lossy().into_owned();
    unsafe { ik_string_free(p) };
    s
}

/// Runs an `ik_*` call that writes `*out_json`, returning `(status, text)`.
pub fn out(f: impl FnOnce(*mut *mut c_char) -> ik_status) -> (ik_status, String) {
    let mut p: *mut c_char = std::ptr::null_mut();
    let st = f(&mut p);
    (st, take(p))
}

pub fn cstr(s: &str) -> CString {
    CString::new(s).unwrap()
}

/// Client config JSON: `base`, the key, fast retries, no proxy, plus `extra`.
pub fn config(base: &str, key: &str, extra: serde_json::Value) -> String {
    let mut cfg = serde_json::json!({
        "private_key": key,
        "public_key": "public_key_test",
        "url_endpoint": "https://ik.imagekit.io/test",
        "api_base_url": base,
        "retry_initial_delay_ms": 5,
        "retry_max_delay_ms": 20,
        "proxy": "",
    });
    for (k, v) in extra.as_object().unwrap() {
        cfg[k] = v.clone();
    }
    cfg.to_string()
}

/// A raw TCP server on 127.0.0.1: `serve` runs on its own thread for each connection.
pub fn raw_server(serve: impl Fn(std::net::TcpStream) + Send + Sync + 'static) -> u16 {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = l.local_addr().unwrap().port();
    let serve = std::sync::Arc::new(serve);
    std::thread::spawn(move || {
        for conn in l.incoming() {
            let Ok(conn) = conn else { continue };
            let serve = serve.clone();
            std::thread::spawn(move || serve(conn));
        }
    });
    port
}

/// Reads a request head (through the blank line); returns it as text.
pub fn read_head(conn: &mut std::net::TcpStream) -> String {
    use std::io::Read;
    let mut head = Vec::new();
    let mut b = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        match conn.read(&mut b) {
            Ok(1) => head.push(b[0]),
            _ => break,
        }
    }
    String::from_utf8_lossy(&head).into_owned()
}

/// The Content-Length of a request head, if any.
pub fn content_length(head: &str) -> Option<u64> {
    head.lines().find_map(|l| {
        let (k, v) = l.split_once(':')?;
        k.trim()
            .eq_ignore_ascii_case("content-length")
            .then(|| v.trim().parse().ok())?
    })
}
