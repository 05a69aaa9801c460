//! Webhook verification (`ik_webhooks_unwrap`): for any secret, body, headers and options, never
//! a panic; an accepted event is JSON; the C entry point answers as the core does. Input: the
//! secret, the headers JSON and the options JSON on the first three lines, then the body.
#![no_main]

use imagekit::client::ik_string_free;
use imagekit::status::ik_status;
use imagekit::webhook::ik_webhooks_unwrap;
use imagekit_core::webhook::{unwrap, Headers, UnwrapOptions};
use libfuzzer_sys::fuzz_target;
use serde_json::{Map, Value};
use std::ffi::{c_char, CStr, CString};

fuzz_target!(|data: &[u8]| {
    let mut parts = data.splitn(4, |&b| b == b'\n');
    let (Some(secret), Some(headers), Some(options)) = (parts.next(), parts.next(), parts.next()) else {
        return;
    };
    let body = parts.next().unwrap_or_default();
    let (Ok(secret), Ok(headers), Ok(options)) = (
        std::str::from_utf8(secret),
        std::str::from_utf8(headers),
        std::str::from_utf8(options),
    ) else {
        return;
    };
    let core = match (
        serde_json::from_str::<Value>(headers),
        serde_json::from_str::<Value>(options),
    ) {
        (Ok(Value::Object(h)), Ok(Value::Object(o))) => Some(core_unwrap(secret, body, &h, &o)),
        _ => None,
    };
    let (Ok(cs), Ok(ch), Ok(co)) = (CString::new(secret), CString::new(headers), CString::new(options)) else {
        return;
    };
    let mut out: *mut c_char = std::ptr::null_mut();
    let st = unsafe {
        ik_webhooks_unwrap(
            cs.as_ptr(),
            body.as_ptr(),
            body.len(),
            ch.as_ptr(),
            co.as_ptr(),
            &mut out,
        )
    };
    assert_ne!(st, ik_status::Panic);
    assert!(!out.is_null());
    let got = unsafe { CStr::from_ptr(out) }.to_str().expect("UTF-8").to_string();
    unsafe { ik_string_free(out) };
    let doc: Value = serde_json::from_str(&got).expect("the answer is JSON");
    if st != ik_status::Ok {
        assert!(doc["message"].is_string(), "{got}");
    }
    if let Some(core) = core {
        assert_eq!(core.is_ok(), st == ik_status::Ok, "core {core:?} vs C {st:?}: {got}");
    }
});

fn core_unwrap(secret: &str, body: &[u8], h: &Map<String, Value>, o: &Map<String, Value>) -> Result<String, String> {
    let opts = UnwrapOptions::from_json_map(o).map_err(|e| e.message.clone())?;
    let v = unwrap(secret, body, &Headers::new(h), &opts).map_err(|e| e.message.clone())?;
    let text = v.event.to_string();
    serde_json::from_str::<Value>(&text).expect("an accepted event is JSON");
    Ok(text)
}
