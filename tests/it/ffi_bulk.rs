//! `ik_bulk_upload` through the C ABI, called from Rust, against the local server: a result per
//! item, one progress callback for the batch (never two calls at once), cancellation, no
//! duplicate after a lost answer, and argument errors before anything is sent.

use crate::support::{client_from, take, C};
use ik_mock_server::{Fault, MockServer};
use imagekit::bulk::ik_bulk_upload;
use imagekit::status::ik_status;
use serde_json::{json, Value};
use std::ffi::{c_char, c_int, c_void, CStr, CString};
use std::ptr;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

fn client(server: &MockServer) -> C {
    client_from(&json!({
        "private_key": server.options().private_key, "public_key": server.options().public_key,
        "url_endpoint": "https://ik.imagekit.io/demo", "api_base_url": server.base_url(),
        "retry_initial_delay_ms": 5, "retry_max_delay_ms": 20, "proxy": "",
    }))
}

fn files(dir: &std::path::Path, n: usize) -> Value {
    std::fs::create_dir_all(dir).unwrap();
    Value::Array(
        (0..n)
            .map(|i| {
                let p = dir.join(format!("f{i}.bin"));
                std::fs::write(&p, vec![b'x'; 100 + i]).unwrap();
                json!({"path": p.to_str().unwrap(), "key": format!("f{i}"), "options": {"fileName": format!("f{i}.bin"), "folder": "/bulk"}})
            })
            .collect(),
    )
}

fn scratch(name: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("ik-ffi-bulk-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    d
}

struct Seen {
    calls: AtomicU64,
    inside: AtomicBool,
    overlapped: AtomicBool,
    last_done: AtomicU64,
    stop_after: u64,
}

unsafe extern "C" fn on_progress(
    ud: *mut c_void,
    done: u64,
    total: u64,
    sent: u64,
    bytes_total: u64,
    key: *const c_char,
) -> c_int {
    let seen = &*(ud as *const Seen);
    if seen.inside.swap(true, Ordering::SeqCst) {
        seen.overlapped.store(true, Ordering::SeqCst);
    }
    seen.calls.fetch_add(1, Ordering::SeqCst);
    seen.last_done.fetch_max(done, Ordering::SeqCst);
    assert!(done <= total && sent <= bytes_total);
    assert!(CStr::from_ptr(key).to_str().unwrap().starts_with('f'));
    std::thread::sleep(std::time::Duration::from_micros(200));
    seen.inside.store(false, Ordering::SeqCst);
    c_int::from(seen.stop_after > 0 && done >= seen.stop_after)
}

fn bulk(c: &C, items: &Value, options: Option<&str>, seen: Option<&Seen>) -> (ik_status, Value) {
    let items = CString::new(items.to_string()).unwrap();
    let options = options.map(|o| CString::new(o).unwrap());
    let mut out = ptr::null_mut();
    let st = unsafe {
        ik_bulk_upload(
            c.0,
            items.as_ptr(),
            options.as_ref().map_or(ptr::null(), |o| o.as_ptr()),
            seen.map(|_| on_progress as unsafe extern "C" fn(_, _, _, _, _, _) -> _),
            seen.map_or(ptr::null_mut(), |s| s as *const Seen as *mut c_void),
            &mut out,
        )
    };
    (st, serde_json::from_str(&take(out)).unwrap())
}

#[test]
fn a_batch_gives_a_result_per_item_and_one_serialised_progress() {
    let server = MockServer::start();
    let c = client(&server);
    let items = files(&scratch("batch"), 30);
    let seen = Seen {
        calls: AtomicU64::new(0),
        inside: AtomicBool::new(false),
        overlapped: AtomicBool::new(false),
        last_done: AtomicU64::new(0),
        stop_after: 0,
    };
    let (st, out) = bulk(&c, &items, Some(r#"{"concurrency": 6}"#), Some(&seen));
    assert_eq!(st, ik_status::Ok, "{out}");
    assert_eq!(out["summary"]["uploaded"], 30, "{out}");
    assert_eq!(out["results"].as_array().unwrap().len(), 30);
    assert!(out["results"]
        .as_array()
        .unwrap()
        .iter()
        .all(|r| r["file"]["fileId"].is_string()));
    assert!(!seen.overlapped.load(Ordering::SeqCst), "two progress calls overlapped");
    assert_eq!(seen.last_done.load(Ordering::SeqCst), 30);
    assert_eq!(server.files().len(), 30);
    // Again: all already there, nothing stored twice.
    let (st, out) = bulk(&c, &items, None, None);
    assert_eq!(st, ik_status::Ok);
    assert_eq!(out["summary"]["alreadyThere"], 30, "{out}");
    assert_eq!(server.files().len(), 30);
}

#[test]
fn lost_answers_store_no_duplicate_and_a_storm_fails_items_alone() {
    let server = MockServer::start();
    let c = client(&server);
    server.push_fault(Fault::handle_then_drop().on("POST", "/api/v1/files/upload").times(3));
    let (st, out) = bulk(&c, &files(&scratch("lost"), 8), Some(r#"{"concurrency": 2}"#), None);
    assert_eq!(st, ik_status::Ok, "{out}");
    assert_eq!(out["summary"]["failed"], 0, "{out}");
    assert_eq!(server.files().len(), 8);

    let server = MockServer::start();
    let c = client(&server);
    server.push_fault(Fault::status(503).on("POST", "/api/v1/files/upload").times(3));
    let (st, out) = bulk(&c, &files(&scratch("storm"), 4), Some(r#"{"concurrency": 1}"#), None);
    assert_eq!(st, ik_status::Ok, "{out}");
    assert_eq!(out["summary"]["failed"], 1, "{out}");
    let failed: Vec<&Value> = out["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["status"] == "failed")
        .collect();
    assert_eq!(failed[0]["error"]["http_status"], 503);
    assert_eq!(failed[0]["error"]["code"], ik_status::ServerError as u32);
    assert!(failed[0].get("file").is_none());
    assert_eq!(server.files().len(), 3);
}

#[test]
fn the_callback_cancels_the_rest() {
    let server = MockServer::start();
    let c = client(&server);
    let seen = Seen {
        calls: AtomicU64::new(0),
        inside: AtomicBool::new(false),
        overlapped: AtomicBool::new(false),
        last_done: AtomicU64::new(0),
        stop_after: 3,
    };
    let (st, out) = bulk(
        &c,
        &files(&scratch("cancel"), 40),
        Some(r#"{"concurrency": 2}"#),
        Some(&seen),
    );
    assert_eq!(st, ik_status::Ok, "{out}");
    assert_eq!(out["summary"]["wasCancelled"], true);
    assert_eq!(out["results"].as_array().unwrap().len(), 40);
    let stored = out["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r.get("file").is_some())
        .count();
    assert!(stored < 40);
    assert_eq!(server.files().len(), stored);
}

#[test]
fn bad_arguments_are_refused_before_anything_is_sent() {
    let server = MockServer::start();
    let c = client(&server);
    for (items, options, needle) in [
        ("{}", None, "JSON array"),
        (r#"[{"options": {"fileName": "a"}}]"#, None, "`path` or `file`"),
        (r#"[{"path": "/tmp/x", "options": {}}]"#, None, "fileName"),
        (
            r#"[{"path": "/tmp/x", "colour": 1, "options": {"fileName": "a"}}]"#,
            None,
            "colour",
        ),
        (
            r#"[{"path": "/tmp/x", "options": {"fileName": "a"}}]"#,
            Some(r#"{"concurrency": 0}"#),
            "concurrency",
        ),
        (r#"[]"#, Some(r#"{"speed": 1}"#), "speed"),
    ] {
        let (st, out) = bulk(&c, &serde_json::from_str::<Value>(items).unwrap(), options, None);
        assert_eq!(st, ik_status::InvalidArgument, "{items}: {out}");
        assert!(out["message"].as_str().unwrap().contains(needle), "{items}: {out}");
    }
    // Raw invalid JSON and NULLs.
    let bad = CString::new("[").unwrap();
    let mut out = ptr::null_mut();
    let st = unsafe { ik_bulk_upload(c.0, bad.as_ptr(), ptr::null(), None, ptr::null_mut(), &mut out) };
    assert_eq!(st, ik_status::InvalidArgument);
    assert!(take(out).contains("not valid JSON"));
    let mut out = ptr::null_mut();
    let st = unsafe { ik_bulk_upload(c.0, ptr::null(), ptr::null(), None, ptr::null_mut(), &mut out) };
    assert_eq!(st, ik_status::NullArgument);
    take(out);
    let st = unsafe {
        ik_bulk_upload(
            ptr::null(),
            bad.as_ptr(),
            ptr::null(),
            None,
            ptr::null_mut(),
            ptr::null_mut(),
        )
    };
    assert_eq!(st, ik_status::NullArgument);
    let invalid_utf8 = [0xffu8, 0xfe, 0];
    let mut out = ptr::null_mut();
    let st = unsafe {
        ik_bulk_upload(
            c.0,
            invalid_utf8.as_ptr() as *const c_char,
            ptr::null(),
            None,
            ptr::null_mut(),
            &mut out,
        )
    };
    assert_eq!(st, ik_status::InvalidArgument);
    take(out);
    assert!(server.requests().is_empty());
}
