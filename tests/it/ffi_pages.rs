//! Pagination through the C ABI against the local ImageKit-compatible server: every page of
//! `assets.list` by callback (with early stop) and collected with a cap.

use crate::support::Mock as Handle;
use crate::support::{mock_client, C};
use imagekit::client::ik_string_free;
use imagekit::pages::{ik_assets_list_all, ik_assets_list_each};
use imagekit::status::ik_status;
use imagekit::upload::ik_files_upload_bytes;
use serde_json::Value;
use std::ffi::{c_char, c_int, c_void, CStr, CString};
use std::ptr;

fn client(server: &Handle) -> C {
    let o = server.server().options();
    mock_client(&o.private_key, &o.public_key, &server.server().base_url())
}

fn take(out: *mut c_char) -> String {
    let s = unsafe { CStr::from_ptr(out) }.to_string_lossy().into_owned();
    unsafe { ik_string_free(out) };
    s
}

/// Collects pages; stops after `stop_after` pages when set.
struct Pages {
    seen: Vec<Vec<Value>>,
    stop_after: Option<usize>,
}

unsafe extern "C" fn on_page(userdata: *mut c_void, page: *const c_char) -> c_int {
    let pages = &mut *(userdata as *mut Pages);
    let items: Vec<Value> = serde_json::from_str(CStr::from_ptr(page).to_str().unwrap()).unwrap();
    pages.seen.push(items);
    c_int::from(pages.stop_after.is_some_and(|n| pages.seen.len() >= n))
}

fn each(c: &C, params: &str, stop_after: Option<usize>) -> (ik_status, Value, Pages) {
    let params = CString::new(params).unwrap();
    let mut pages = Pages {
        seen: Vec::new(),
        stop_after,
    };
    let mut out = ptr::null_mut();
    let st = unsafe {
        ik_assets_list_each(
            c.0,
            params.as_ptr(),
            Some(on_page),
            &mut pages as *mut Pages as *mut c_void,
            &mut out,
        )
    };
    (st, serde_json::from_str(&take(out)).unwrap(), pages)
}

fn all(c: &C, params: &str, max: u64) -> (ik_status, Value) {
    let params = CString::new(params).unwrap();
    let mut out = ptr::null_mut();
    let st = unsafe { ik_assets_list_all(c.0, params.as_ptr(), max, &mut out) };
    (st, serde_json::from_str(&take(out)).unwrap())
}

#[test]
fn every_page_by_callback_and_collected() {
    let server = Handle::start();
    let c = client(&server);
    for i in 0..7 {
        let opts = CString::new(format!(
            r#"{{"fileName":"p{i}.txt","folder":"/paged","useUniqueFileName":false}}"#
        ))
        .unwrap();
        let mut out = ptr::null_mut();
        let st =
            unsafe { ik_files_upload_bytes(c.0, b"x".as_ptr(), 1, opts.as_ptr(), None, ptr::null_mut(), &mut out) };
        let text = take(out);
        assert_eq!(st, ik_status::Ok, "{text}");
    }

    let (st, summary, pages) = each(&c, r#"{"path":"/paged","limit":3}"#, None);
    assert_eq!(st, ik_status::Ok, "{summary}");
    assert_eq!(pages.seen.iter().map(Vec::len).collect::<Vec<_>>(), [3, 3, 1]);
    assert_eq!(summary, serde_json::json!({"pages": 3, "items": 7, "stopped": false}));
    let names: std::collections::BTreeSet<String> = pages
        .seen
        .iter()
        .flatten()
        .map(|f| f["name"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(names.len(), 7, "every file exactly once: {names:?}");

    // A page size that divides the total: the walk ends on the empty page after the last full one.
    let (_, summary, pages) = each(&c, r#"{"path":"/paged","limit":7}"#, None);
    assert_eq!(pages.seen.iter().map(Vec::len).collect::<Vec<_>>(), [7]);
    assert_eq!(summary["pages"], 2);

    let (st, summary, pages) = each(&c, r#"{"path":"/paged","limit":3}"#, Some(1));
    assert_eq!(st, ik_status::Ok);
    assert_eq!(pages.seen.len(), 1);
    assert_eq!(summary, serde_json::json!({"pages": 1, "items": 3, "stopped": true}));

    let (_, summary, pages) = each(&c, r#"{"path":"/paged","limit":"2","skip":4}"#, None);
    assert_eq!(pages.seen.iter().map(Vec::len).collect::<Vec<_>>(), [2, 1]);
    assert_eq!(summary["items"], 3);

    let (st, items) = all(&c, r#"{"path":"/paged","limit":2}"#, 0);
    assert_eq!(st, ik_status::Ok);
    assert_eq!(items.as_array().unwrap().len(), 7);
    let (_, items) = all(&c, r#"{"path":"/paged","limit":2}"#, 5);
    assert_eq!(items.as_array().unwrap().len(), 5);
    let (_, items) = all(&c, r#"{"path":"/nothing-here"}"#, 0);
    assert_eq!(items, serde_json::json!([]));

    // Errors: a bad page size, an unknown option, NULLs, an HTTP error on a page.
    let (st, doc) = all(&c, r#"{"limit":0}"#, 0);
    assert_eq!(st, ik_status::InvalidArgument, "{doc}");
    let (st, doc, pages) = each(&c, r#"{"no_such":1}"#, None);
    assert_eq!(st, ik_status::InvalidArgument);
    assert!(doc["message"].as_str().unwrap().contains("`no_such`"), "{doc}");
    assert!(pages.seen.is_empty());
    let (st, doc) = all(&c, r#"{"limit":2000}"#, 0);
    assert_eq!(
        st,
        ik_status::InvalidArgument,
        "the API serves at most 1000 a page: {doc}"
    );
    assert!(doc["message"].as_str().unwrap().contains("1 to 1000"), "{doc}");
    let mut out = ptr::null_mut();
    let st = unsafe { ik_assets_list_each(c.0, ptr::null(), None, ptr::null_mut(), &mut out) };
    assert_eq!(st, ik_status::NullArgument);
    assert!(take(out).contains("on_page"));
    assert_eq!(
        unsafe { ik_assets_list_all(ptr::null(), ptr::null(), 0, &mut out) },
        ik_status::NullArgument
    );
    ik_string_free_opt(out);
    assert_eq!(
        unsafe { ik_assets_list_all(c.0, ptr::null(), 0, ptr::null_mut()) },
        ik_status::NullArgument
    );
}

/// A 2xx page that is not a JSON array is a decode error whose body is scrubbed of the key and the
/// Basic token; a server that ignores `skip` (the same full page again) ends the walk with an error
/// instead of looping forever.
#[test]
fn misbehaving_servers_end_the_walk_with_an_error() {
    use ik_mock_server::Fault;
    let server = Handle::start();
    let c = client(&server);
    let key = server.server().options().private_key.clone();
    server
        .server()
        .push_fault(Fault::echo_secrets(200).on("GET", "/v1/files"));
    let (st, doc) = all(&c, r#"{"limit":10}"#, 0);
    assert_eq!(st, ik_status::Decode, "{doc}");
    let text = doc.to_string();
    let token = base64_basic(&key);
    assert!(
        !text.contains(&key) && !text.contains(&token),
        "secret in the error document: {text}"
    );
    assert!(text.contains("redacted"), "{text}");

    server.server().push_fault(
        Fault::respond(200, r#"[{"fileId":"same"}]"#)
            .on("GET", "/v1/files")
            .forever(),
    );
    let (st, summary, pages) = each(&c, r#"{"limit":1}"#, None);
    assert_eq!(st, ik_status::Decode, "{summary}");
    assert!(
        summary["message"].as_str().unwrap().contains("ignores `skip`"),
        "{summary}"
    );
    assert_eq!(pages.seen.len(), 1, "the first page was delivered, the repeat was not");
}

fn base64_basic(key: &str) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(format!("{key}:"))
}

fn ik_string_free_opt(out: *mut c_char) {
    unsafe { ik_string_free(out) }
}
