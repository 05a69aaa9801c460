//! The modern URL builder (`ik_build_url`, `ik_build_transformation`,
//! `ik_responsive_image_attributes`): never a panic, output a C string can carry (no NUL), the
//! attributes a JSON object, and the C entry points answer as the core does. The first byte
//! picks the entry point; the rest is the options JSON.
#![no_main]

use imagekit::build_url::{ik_build_transformation, ik_build_url, ik_responsive_image_attributes};
use imagekit::client::{ik_client, ik_client_new, ik_string_free};
use imagekit::status::ik_status;
use imagekit_core::Client;
use libfuzzer_sys::fuzz_target;
use std::ffi::{c_char, CStr, CString};
use std::sync::OnceLock;

const CONFIG: &str = r#"{"private_key":"My Private API Key","public_key":"p","url_endpoint":"https://ik.imagekit.io/test_url_endpoint"}"#;

struct Clients {
    core: Client,
    c: usize,
}

fn clients() -> &'static Clients {
    static CLIENTS: OnceLock<Clients> = OnceLock::new();
    CLIENTS.get_or_init(|| {
        let cfg = CString::new(CONFIG).unwrap();
        let mut c: *mut ik_client = std::ptr::null_mut();
        assert_eq!(
            unsafe { ik_client_new(cfg.as_ptr(), &mut c, std::ptr::null_mut()) },
            ik_status::Ok
        );
        Clients {
            core: Client::from_json(CONFIG).unwrap(),
            c: c as usize,
        }
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&which, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else { return };
    let cl = clients();
    let which = which % 3;
    let core = match which {
        0 => imagekit_core::modern::build_url(&cl.core, text),
        1 => imagekit_core::modern::build_transformation(text),
        _ => imagekit_core::modern::responsive_image_attributes(&cl.core, text),
    };
    if let Ok(out) = &core {
        assert!(!out.contains('\0'), "output with a NUL: {out:?}");
        if which == 2 {
            let v: serde_json::Value = serde_json::from_str(out).expect("attributes are JSON");
            assert!(v.is_object(), "{out}");
        }
    }
    let Ok(opts) = CString::new(text) else { return };
    let c = cl.c as *const ik_client;
    let mut out: *mut c_char = std::ptr::null_mut();
    let st = unsafe {
        match which {
            0 => ik_build_url(c, opts.as_ptr(), &mut out),
            1 => ik_build_transformation(opts.as_ptr(), &mut out),
            _ => ik_responsive_image_attributes(c, opts.as_ptr(), &mut out),
        }
    };
    assert!(!out.is_null(), "no output for {st:?}");
    let got = unsafe { CStr::from_ptr(out) }.to_str().expect("UTF-8").to_string();
    unsafe { ik_string_free(out) };
    match &core {
        Ok(_) => assert_eq!(st, ik_status::Ok, "{got}"),
        Err(_) => {
            assert_eq!(st, ik_status::InvalidArgument, "{got}");
            let doc: serde_json::Value = serde_json::from_str(&got).expect("an error document is JSON");
            assert!(doc["message"].is_string(), "{got}");
        }
    }
});
