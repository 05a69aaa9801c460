//! Inputs the fuzz targets (fuzz/) found crashing, replayed through the C ABI. Each is also in
//! its target's committed corpus (fuzz/corpus/<target>/crash-*), which the fuzz smoke replays.

use imagekit::build_url::{ik_build_url, ik_responsive_image_attributes};
use imagekit::client::{ik_client, ik_client_free, ik_client_new, ik_string_free};
use imagekit::status::ik_status;
use std::ffi::{c_char, CStr, CString};
use std::ptr;

struct C(*mut ik_client);

impl Drop for C {
    fn drop(&mut self) {
        unsafe { ik_client_free(self.0) };
    }
}

fn client() -> C {
    let cfg =
        CString::new(r#"{"private_key":"k","public_key":"p","url_endpoint":"https://ik.imagekit.io/demo"}"#).unwrap();
    let mut c = ptr::null_mut();
    assert_eq!(
        unsafe { ik_client_new(cfg.as_ptr(), &mut c, ptr::null_mut()) },
        ik_status::Ok
    );
    C(c)
}

type Entry = unsafe extern "C" fn(*const ik_client, *const c_char, *mut *mut c_char) -> ik_status;

fn call(c: &C, f: Entry, options: &str) -> (ik_status, String) {
    let text = CString::new(options).unwrap();
    let mut out: *mut c_char = ptr::null_mut();
    let st = unsafe { f(c.0, text.as_ptr(), &mut out) };
    let s = unsafe { CStr::from_ptr(out) }.to_string_lossy().into_owned();
    unsafe { ik_string_free(out) };
    (st, s)
}

/// build_url, crash-e532cfc7: a URL scheme check sliced the endpoint at byte 4 or 5, inside a
/// multi-byte character (`h😀ttps://…`), and panicked (IK_STATUS_PANIC through the C ABI).
#[test]
fn modern_builder_endpoint_with_a_multibyte_character_where_the_scheme_ends() {
    let c = client();
    for endpoint in [
        "h\u{1F600}ttps://ik.imagekit.io/demo",
        "htt\u{e9}://x",
        "http\u{e9}://x",
        "https\u{e9}//x",
        "\u{e9}",
    ] {
        let plain = serde_json::json!({"urlEndpoint": endpoint, "src": "/a.jpg"}).to_string();
        let sized = serde_json::json!({"urlEndpoint": endpoint, "src": "/a.jpg", "width": 100}).to_string();
        for (f, options) in [
            (ik_build_url as Entry, plain),
            (ik_responsive_image_attributes as Entry, sized),
        ] {
            let (st, out) = call(&c, f, &options);
            assert_eq!(st, ik_status::InvalidArgument, "{options}: {out}");
            assert!(out.contains("must be an http:// or https:// URL"), "{out}");
        }
    }
    // The fuzzer's input as found.
    let (st, out) = call(
        &c,
        ik_build_url,
        r#"{"transformationPosition":"path","urlEndpoint":"h\ud83d\ude00ttps://ik.imagekit.io/demo","src":"/medium_cafe_B1iTdD0C.jpg","transformation":[{"overlay":{"type":"text","text":"Manu","transformation":[{"fontFamcly":"nested-path/PopYWmL.ttf"}]}}]}"#,
    );
    assert_eq!(st, ik_status::InvalidArgument, "{out}");
}
