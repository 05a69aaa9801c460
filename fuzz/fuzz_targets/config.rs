//! Client configuration (`ik_client_new`): `Config::from_json` never panics, and the C entry
//! point accepts exactly what the core accepts and never answers IK_STATUS_PANIC.
#![no_main]

use imagekit::client::{ik_client, ik_client_free, ik_client_new, ik_string_free};
use imagekit::status::ik_status;
use libfuzzer_sys::fuzz_target;
use std::ffi::{c_char, CStr, CString};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let parsed = imagekit_core::Config::from_json(text);
    let Ok(cfg) = CString::new(text) else { return };
    let mut client: *mut ik_client = std::ptr::null_mut();
    let mut err: *mut c_char = std::ptr::null_mut();
    let st = unsafe { ik_client_new(cfg.as_ptr(), &mut client, &mut err) };
    assert_ne!(st, ik_status::Panic);
    if st == ik_status::Ok {
        assert!(!client.is_null() && err.is_null());
        assert!(parsed.is_ok(), "the C surface accepted a config the core refuses");
        unsafe { ik_client_free(client) };
    } else {
        assert!(client.is_null() && !err.is_null());
        let text = unsafe { CStr::from_ptr(err) }
            .to_str()
            .expect("UTF-8 error")
            .to_string();
        let doc: serde_json::Value = serde_json::from_str(&text).expect("an error document is JSON");
        assert!(doc["message"].is_string(), "{text}");
        unsafe { ik_string_free(err) };
    }
});
