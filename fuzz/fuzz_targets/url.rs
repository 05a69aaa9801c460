//! `ik_url` options: the builder never panics, a URL it returns survives the C string boundary
//! unchanged (no NUL), the C entry point answers exactly as the core builder does, and nothing
//! that is not JSON is accepted.
#![no_main]

use imagekit::client::{ik_client, ik_client_new, ik_string_free};
use imagekit::status::ik_status;
use imagekit::url::ik_url;
use imagekit_core::Client;
use libfuzzer_sys::fuzz_target;
use std::ffi::{c_char, CStr, CString};
use std::sync::OnceLock;

const CONFIG: &str = r#"{"private_key":"private_key_test","public_key":"public_key_test","url_endpoint":"https://test-domain.com/test-endpoint"}"#;

struct Clients {
    core: Client,
    c: usize, // *const ik_client, as an address so the struct is Sync
}

fn clients() -> &'static Clients {
    static CLIENTS: OnceLock<Clients> = OnceLock::new();
    CLIENTS.get_or_init(|| {
        let cfg = CString::new(CONFIG).unwrap();
        let mut c: *mut ik_client = std::ptr::null_mut();
        let st = unsafe { ik_client_new(cfg.as_ptr(), &mut c, std::ptr::null_mut()) };
        assert_eq!(st, ik_status::Ok);
        Clients {
            core: Client::from_json(CONFIG).unwrap(),
            c: c as usize,
        }
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let cl = clients();
    let core = cl.core.url(text);
    if let Ok(u) = &core {
        assert!(!u.contains('\0'), "a URL with a NUL: {u:?}");
        assert!(
            is_json_for_the_options(text),
            "accepted options that are not JSON: {text:?}"
        );
    }
    let Ok(opts) = CString::new(text) else { return };
    let mut out: *mut c_char = std::ptr::null_mut();
    let st = unsafe { ik_url(cl.c as *const ik_client, opts.as_ptr(), &mut out) };
    assert!(!out.is_null(), "no output for status {st:?}");
    let got = unsafe { CStr::from_ptr(out) }
        .to_str()
        .expect("UTF-8 output")
        .to_string();
    unsafe { ik_string_free(out) };
    match &core {
        // The clock moves between the two calls when `expire_seconds` is used without `now`.
        Ok(u) => {
            assert_eq!(st, ik_status::Ok, "{got}");
            if !u.contains("ik-t=") {
                assert_eq!(&got, u);
            }
        }
        Err(_) => {
            assert_eq!(st, ik_status::InvalidArgument, "{got}");
            let doc: serde_json::Value = serde_json::from_str(&got).expect("an error document is JSON");
            assert!(doc["message"].is_string(), "{got}");
        }
    }
});

/// serde_json accepts the text, or refuses it only where the scanner follows Python's
/// `json.loads` instead (numbers beyond f64, 128 levels of nesting).
fn is_json_for_the_options(text: &str) -> bool {
    match serde_json::from_str::<serde_json::Value>(text) {
        Ok(_) => true,
        Err(e) => {
            let m = e.to_string();
            m.contains("number out of range") || m.contains("recursion limit exceeded")
        }
    }
}
