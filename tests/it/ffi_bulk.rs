//! `ik_bulk_upload` through the C ABI, called from Rust, against the local server: a result per
//! item, one progress callback for the batch (never two calls at once), cancellation, no
//! duplicate after a lost answer, and argument errors before anything is sent.

use crate::support::{client_from, take, C};
use ik_mock_server::{Fault, MockServer};
use imagekit::bulk::{ik_bulk_upload, ik_sync_plan};
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

fn bulk_raw(c: &C, items: Option<&str>, options: &str) -> (ik_status, Value) {
    let items = items.map(|i| CString::new(i).unwrap());
    let options = CString::new(options).unwrap();
    let mut out = ptr::null_mut();
    let st = unsafe {
        ik_bulk_upload(
            c.0,
            items.as_ref().map_or(ptr::null(), |i| i.as_ptr()),
            options.as_ptr(),
            None,
            ptr::null_mut(),
            &mut out,
        )
    };
    (st, serde_json::from_str(&take(out)).unwrap())
}

fn plan_raw(c: &C, dir: &str, folder: &str, options: Option<&str>) -> (ik_status, Value) {
    let (dir, folder) = (CString::new(dir).unwrap(), CString::new(folder).unwrap());
    let options = options.map(|o| CString::new(o).unwrap());
    let mut out = ptr::null_mut();
    let st = unsafe {
        ik_sync_plan(
            c.0,
            dir.as_ptr(),
            folder.as_ptr(),
            options.as_ref().map_or(ptr::null(), |o| o.as_ptr()),
            &mut out,
        )
    };
    (st, serde_json::from_str(&take(out)).unwrap())
}

/// A tree of `n` files under `dir` (two in a sub-folder).
fn tree(dir: &std::path::Path, n: usize) {
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    for i in 0..n {
        let rel = if i < 2 {
            format!("sub/t{i}.bin")
        } else {
            format!("t{i}.bin")
        };
        std::fs::write(dir.join(rel), vec![b'a' + i as u8; 50 + i]).unwrap();
    }
}

fn count(out: &Value, status: &str) -> usize {
    out["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["status"] == status)
        .count()
}

fn actions(plan: &Value, action: &str) -> Vec<String> {
    plan["actions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["action"] == action)
        .map(|a| a["path"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_journaled_tree_upload_resumes_and_replaces_what_changed() {
    let server = MockServer::start();
    let c = client(&server);
    let base = scratch("journal");
    let dir = base.join("tree");
    tree(&dir, 6);
    let journal = base.join("up.journal");
    let opts = json!({"journal": journal, "root": dir, "folder": "/j", "concurrency": 3,
                      "uploadOptions": {"tags": ["t"]}})
    .to_string();
    let (st, out) = bulk_raw(&c, None, &opts);
    assert_eq!(st, ik_status::Ok, "{out}");
    assert_eq!(out["summary"]["uploaded"], 6, "{out}");
    assert_eq!(server.files().len(), 6);
    let paths: Vec<String> = server
        .files()
        .iter()
        .map(|f| f["filePath"].as_str().unwrap().to_string())
        .collect();
    assert!(paths.contains(&"/j/sub/t0.bin".to_string()), "{paths:?}");
    assert!(server.files().iter().all(|f| f["tags"] == json!(["t"])));

    // Again: the journal confirms every file; nothing is sent.
    server.clear_requests();
    let (st, out) = bulk_raw(&c, None, &opts);
    assert_eq!(st, ik_status::Ok, "{out}");
    assert_eq!(out["summary"]["unchanged"], 6, "{out}");
    assert_eq!(count(&out, "unchanged"), 6);
    assert!(
        !server.requests().iter().any(|r| r.method == "POST"),
        "a second run sent an upload"
    );
    assert_eq!(server.files().len(), 6);

    // One file changed, one added, listed explicitly: the change is a new version, the new file uploaded.
    std::fs::write(dir.join("t3.bin"), b"changed content").unwrap();
    std::fs::write(dir.join("new.bin"), b"new").unwrap();
    let (st, out) = bulk_raw(&c, Some(r#"["t3.bin", {"path": "new.bin"}, "t4.bin"]"#), &opts);
    assert_eq!(st, ik_status::Ok, "{out}");
    assert_eq!(out["summary"]["replaced"], 1, "{out}");
    assert_eq!(out["summary"]["uploaded"], 1, "{out}");
    assert_eq!(out["summary"]["unchanged"], 1, "{out}");
    assert_eq!(server.files().len(), 7);

    // The sync plan now finds everything unchanged, and changes nothing.
    let before = server.files();
    server.clear_requests();
    let jopt = json!({"journal": journal}).to_string();
    let (st, plan) = plan_raw(&c, dir.to_str().unwrap(), "/j", Some(&jopt));
    assert_eq!(st, ik_status::Ok, "{plan}");
    assert_eq!(plan["summary"]["unchanged"], 7, "{plan}");
    assert_eq!(plan["actions"], json!([]), "{plan}");
    assert!(server.requests().iter().all(|r| r.method == "GET"));
    assert_eq!(server.files(), before);
}

#[test]
fn a_sync_plan_lists_uploads_replacements_and_remote_only_files_and_changes_nothing() {
    let server = MockServer::start();
    let c = client(&server);
    let base = scratch("plan");
    let dir = base.join("tree");
    tree(&dir, 5);
    let (st, out) = bulk_raw(
        &c,
        None,
        &json!({"journal": base.join("j"), "root": dir, "folder": "/p"}).to_string(),
    );
    assert_eq!(st, ik_status::Ok, "{out}");
    std::fs::remove_file(dir.join("t4.bin")).unwrap();
    std::fs::write(dir.join("t2.bin"), b"a different size now").unwrap();
    std::fs::write(dir.join("fresh.jpg"), b"x").unwrap();
    let journal = std::fs::read(base.join("j")).unwrap();
    let before = server.files();
    server.clear_requests();
    // Without the journal: by name and size.
    let (st, plan) = plan_raw(&c, dir.to_str().unwrap(), "/p/", None);
    assert_eq!(st, ik_status::Ok, "{plan}");
    assert_eq!(actions(&plan, "upload"), ["fresh.jpg"], "{plan}");
    assert_eq!(actions(&plan, "replace"), ["t2.bin"], "{plan}");
    assert_eq!(actions(&plan, "remote-only"), ["/p/t4.bin"], "{plan}");
    assert_eq!(plan["summary"]["unchanged"], 3, "{plan}");
    assert_eq!(plan["folder"], "/p");
    assert_eq!(plan["remoteFolderExists"], true);
    // With the journal and a filter.
    let opts = json!({"journal": base.join("j"), "include": "*.bin"}).to_string();
    let (st, plan) = plan_raw(&c, dir.to_str().unwrap(), "/p", Some(&opts));
    assert_eq!(st, ik_status::Ok, "{plan}");
    assert!(actions(&plan, "upload").is_empty(), "{plan}");
    assert_eq!(actions(&plan, "replace"), ["t2.bin"], "{plan}");
    // A folder that does not exist: everything to upload.
    let (st, plan) = plan_raw(&c, dir.to_str().unwrap(), "/nowhere", None);
    assert_eq!(st, ik_status::Ok, "{plan}");
    assert_eq!(plan["remoteFolderExists"], false);
    assert_eq!(plan["summary"]["upload"], 5, "{plan}");
    assert!(server.requests().iter().all(|r| r.method == "GET"));
    assert_eq!(server.files(), before);
    assert_eq!(std::fs::read(base.join("j")).unwrap(), journal);
}

#[test]
fn bad_journals_and_arguments_leave_the_journal_untouched_and_send_nothing() {
    let server = MockServer::start();
    let c = client(&server);
    let base = scratch("badjournal");
    let dir = base.join("tree");
    tree(&dir, 3);
    let journal = base.join("j");
    let (st, out) = bulk_raw(
        &c,
        None,
        &json!({"journal": journal, "root": dir, "folder": "/a"}).to_string(),
    );
    assert_eq!(st, ik_status::Ok, "{out}");
    let good = std::fs::read(&journal).unwrap();
    server.clear_requests();

    // A journal of another folder.
    let other = json!({"journal": journal, "root": dir, "folder": "/b"}).to_string();
    let (st, out) = bulk_raw(&c, None, &other);
    assert_eq!(st, ik_status::InvalidArgument, "{out}");
    let msg = out["message"].as_str().unwrap();
    assert!(
        msg.contains("/a") && msg.contains("/b") && msg.contains("left as it is"),
        "{msg}"
    );
    assert_eq!(out["code"], ik_status::InvalidArgument as u32);
    let (st, out) = plan_raw(
        &c,
        dir.to_str().unwrap(),
        "/b",
        Some(&json!({"journal": journal}).to_string()),
    );
    assert_eq!(st, ik_status::InvalidArgument, "{out}");
    assert_eq!(std::fs::read(&journal).unwrap(), good);

    // A corrupt journal, and a file that is not a journal.
    let mut corrupt = good.clone();
    corrupt.extend_from_slice(b"{\"not\": \"an entry\"}\n{}\n");
    for bytes in [corrupt, b"just some text\n".to_vec()] {
        std::fs::write(&journal, &bytes).unwrap();
        let (st, out) = bulk_raw(
            &c,
            None,
            &json!({"journal": journal, "root": dir, "folder": "/a"}).to_string(),
        );
        assert_eq!(st, ik_status::InvalidArgument, "{out}");
        assert!(out["message"].as_str().unwrap().contains("journal"), "{out}");
        assert_eq!(std::fs::read(&journal).unwrap(), bytes);
        let (st, _) = plan_raw(
            &c,
            dir.to_str().unwrap(),
            "/a",
            Some(&json!({"journal": journal}).to_string()),
        );
        assert_eq!(st, ik_status::InvalidArgument);
        assert_eq!(std::fs::read(&journal).unwrap(), bytes);
    }

    // Options that need a journal, a missing root, items outside the root, bad globs.
    for (items, options, needle) in [
        (None, json!({"journal": journal}), "`root`"),
        (Some("[]"), json!({"root": dir}), "goes with `journal`"),
        (
            None,
            json!({"journal": journal, "root": dir, "uploadOptions": {"folder": "/x"}}),
            "`folder`",
        ),
        (
            Some(r#"["../escape.bin"]"#),
            json!({"journal": journal, "root": dir}),
            "not a file under the root",
        ),
        (
            Some(r#"[{"path": "t0.bin", "key": "k"}]"#),
            json!({"journal": journal, "root": dir}),
            "items_json[0]",
        ),
        (
            None,
            json!({"journal": journal, "root": dir, "include": ["a["]}),
            "include glob",
        ),
        (
            None,
            json!({"journal": journal, "root": base.join("missing")}),
            "cannot read directory",
        ),
    ] {
        let (st, out) = bulk_raw(&c, items, &options.to_string());
        assert_eq!(st, ik_status::InvalidArgument, "{options}: {out}");
        assert!(out["message"].as_str().unwrap().contains(needle), "{options}: {out}");
    }
    for (d, f, opts, needle) in [
        (base.join("missing"), "/a", None, "cannot read directory"),
        (dir.clone(), "/a", Some(r#"{"colour": 1}"#), "colour"),
        (dir.clone(), "/a", Some(r#"{"exclude": 3}"#), "exclude"),
        (dir.clone(), "/a", Some("["), "not valid JSON"),
    ] {
        let (st, out) = plan_raw(&c, d.to_str().unwrap(), f, opts);
        assert_eq!(st, ik_status::InvalidArgument, "{out}");
        assert!(out["message"].as_str().unwrap().contains(needle), "{needle}: {out}");
    }
    // NULLs.
    let dir_c = CString::new(dir.to_str().unwrap()).unwrap();
    let folder = CString::new("/a").unwrap();
    let mut out = ptr::null_mut();
    for (client, d, f) in [
        (ptr::null(), dir_c.as_ptr(), folder.as_ptr()),
        (c.0 as *const _, ptr::null(), folder.as_ptr()),
        (c.0 as *const _, dir_c.as_ptr(), ptr::null()),
    ] {
        let st = unsafe { ik_sync_plan(client, d, f, ptr::null(), &mut out) };
        assert_eq!(st, ik_status::NullArgument);
        assert!(take(out).contains("null_argument"));
    }
    let st = unsafe { ik_sync_plan(c.0, dir_c.as_ptr(), folder.as_ptr(), ptr::null(), ptr::null_mut()) };
    assert_eq!(st, ik_status::NullArgument);
    assert!(
        server.requests().iter().all(|r| r.method == "GET"),
        "a refused call sent an upload"
    );
    assert_eq!(server.files().len(), 3);
}
