//! Helpers for the tests that call the C functions from Rust through the rlib: the test data,
//! taking a library string, and a client handle freed on drop.
#![allow(dead_code)]

use imagekit::client::{ik_client, ik_client_free, ik_client_new, ik_string_free};
use imagekit::status::ik_status;
use serde_json::{json, Value};
use std::ffi::{c_char, CStr, CString};
use std::ptr;

/// A JSON file of `tests/data`.
pub fn data(name: &str) -> Value {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name);
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

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

/// An `ik_client*` freed on drop.
pub struct C(pub *mut ik_client);

impl Drop for C {
    fn drop(&mut self) {
        unsafe { ik_client_free(self.0) };
    }
}

/// A client from a configuration document; panics with the library's error if it is refused.
pub fn client_from(cfg: &Value) -> C {
    let text = CString::new(cfg.to_string()).unwrap();
    let mut c = ptr::null_mut();
    let mut err = ptr::null_mut();
    let st = unsafe { ik_client_new(text.as_ptr(), &mut c, &mut err) };
    assert_eq!(
        st,
        ik_status::Ok,
        "ik_client_new: {}",
        if err.is_null() { String::new() } else { take(err) }
    );
    C(c)
}

/// A client with `private_key`, the test public key and `endpoint`.
pub fn client_with(private_key: &str, endpoint: &str) -> C {
    client_from(&json!({"private_key": private_key, "public_key": "public_key_test", "url_endpoint": endpoint}))
}

/// A client of the local ImageKit-compatible server at `base` (no retries, no proxy), with that
/// server's keys.
pub fn mock_client(private_key: &str, public_key: &str, base: &str) -> C {
    client_from(&json!({
        "private_key": private_key,
        "public_key": public_key,
        "url_endpoint": "https://ik.imagekit.io/demo",
        "api_base_url": base,
        "upload_base_url": base,
        "max_retries": 0,
        "proxy": "",
    }))
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
