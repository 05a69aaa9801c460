//! No failed upload reported as a success, through the C functions against the mock server:
//! a file that grows, shrinks or is deleted while it is sent; 2xx answers that describe no stored
//! file; the idempotent mode against a server that stores the upload and then drops the
//! connection; byte lengths no object can have.

use crate::support::{client, config, cstr, out, upload_bytes, CClient};
use ik_mock_server::{Fault, MockServer};
use imagekit::seed_names::{ik_upload_file_bytes, ik_upload_file_path};
use imagekit::status::ik_status;
use serde_json::{json, Value};
use std::ffi::{c_int, c_void};
use std::path::{Path, PathBuf};

const KEY: &str = "private_key_test";

fn mock() -> (MockServer, CClient) {
    let server = MockServer::start();
    let c = client(&config(&server.base_url(), KEY, json!({})));
    (server, c)
}

fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("ik-rel-upload-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// What the progress callback does to the file once `at` bytes of the body are out.
struct Tamper {
    path: PathBuf,
    at: u64,
    action: fn(&Path),
    done: bool,
}

unsafe extern "C" fn tamper(ud: *mut c_void, sent: u64, _total: u64) -> c_int {
    let t = &mut *(ud as *mut Tamper);
    if !t.done && sent >= t.at {
        t.done = true;
        (t.action)(&t.path);
    }
    0
}

fn upload_path_tampered(c: &CClient, path: &Path, at: u64, action: fn(&Path), options: &str) -> (ik_status, String) {
    let mut t = Tamper {
        path: path.to_path_buf(),
        at,
        action,
        done: false,
    };
    let (p, o_) = (cstr(&path.to_string_lossy()), cstr(options));
    let r = out(|o| unsafe {
        ik_upload_file_path(
            c.ptr,
            p.as_ptr(),
            o_.as_ptr(),
            Some(tamper),
            &mut t as *mut Tamper as *mut c_void,
            o,
        )
    });
    assert!(t.done, "the callback never reached byte {at}");
    r
}

fn grow(p: &Path) {
    use std::io::Write;
    std::fs::OpenOptions::new()
        .append(true)
        .open(p)
        .unwrap()
        .write_all(b"0123456789")
        .unwrap();
}

fn shrink(p: &Path) {
    std::fs::OpenOptions::new()
        .write(true)
        .open(p)
        .unwrap()
        .set_len(1000)
        .unwrap();
}

fn delete(p: &Path) {
    std::fs::remove_file(p).unwrap();
}

const FILE_LEN: usize = 2 * 1024 * 1024;

fn stored_files(server: &MockServer) -> Vec<Value> {
    server.files()
}

#[test]
fn a_file_that_grows_while_it_is_sent_is_an_io_error_and_nothing_is_stored() {
    let (server, c) = mock();
    let dir = scratch("grow");
    let f = dir.join("grows.bin");
    std::fs::write(&f, vec![1u8; FILE_LEN]).unwrap();
    // Well into the file part: the part was opened at its start size, and then the file grew.
    let (st, doc) = upload_path_tampered(&c, &f, 256 * 1024, grow, r#"{"fileName":"grows.bin"}"#);
    assert_eq!(st, ik_status::Io, "{doc}");
    assert!(
        doc.contains(&format!(
            "changed size during the upload ({FILE_LEN} → {} bytes)",
            FILE_LEN + 10
        )),
        "{doc}"
    );
    assert!(stored_files(&server).is_empty(), "stored: {:?}", stored_files(&server));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_file_that_shrinks_while_it_is_sent_is_an_io_error_and_nothing_is_stored() {
    let (server, c) = mock();
    let dir = scratch("shrink");
    let f = dir.join("shrinks.bin");
    std::fs::write(&f, vec![1u8; FILE_LEN]).unwrap();
    let (st, doc) = upload_path_tampered(&c, &f, 256 * 1024, shrink, r#"{"fileName":"shrinks.bin"}"#);
    assert_eq!(st, ik_status::Io, "{doc}");
    assert!(stored_files(&server).is_empty());
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_file_deleted_before_its_part_is_an_io_error_and_after_opening_is_sent_whole() {
    let (server, c) = mock();
    let dir = scratch("delete");
    // Deleted before the first byte: the part cannot be opened.
    let f = dir.join("gone.bin");
    std::fs::write(&f, vec![1u8; FILE_LEN]).unwrap();
    let (st, doc) = upload_path_tampered(&c, &f, 0, delete, r#"{"fileName":"gone.bin"}"#);
    assert_eq!(st, ik_status::Io, "{doc}");
    assert!(stored_files(&server).is_empty());
    // Deleted once it is open: POSIX keeps the open file, so its bytes (all of them, unchanged)
    // are what is sent and stored.
    std::fs::write(&f, vec![2u8; FILE_LEN]).unwrap();
    let (st, doc) = upload_path_tampered(&c, &f, 256 * 1024, delete, r#"{"fileName":"gone.bin"}"#);
    assert_eq!(st, ik_status::Ok, "{doc}");
    let stored = stored_files(&server);
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0]["size"], FILE_LEN as u64);
    std::fs::remove_dir_all(&dir).ok();
}

fn upload_v1_bytes(c: &CClient, data: &[u8], options: &str) -> (ik_status, String) {
    upload_bytes(ik_upload_file_bytes, c.ptr, data, &cstr(options))
}

#[test]
fn a_2xx_upload_answer_that_describes_no_file_is_a_decode_error_keeping_the_body() {
    let (server, c) = mock();
    for (status, body, want_body) in [
        (200u16, "", Value::Null),
        (200, "{}", json!({})),
        (
            200,
            r#"{"name":"a.jpg","url":"https://x/a.jpg"}"#,
            json!({"name":"a.jpg","url":"https://x/a.jpg"}),
        ),
        (201, r#"{"fileId":""}"#, json!({"fileId":""})),
        (200, "[1,2]", json!([1, 2])),
    ] {
        server.push_fault(Fault::respond(status, body).on("POST", "/api/v1/files/upload"));
        let (st, doc) = upload_v1_bytes(&c, b"abc", r#"{"fileName":"a.jpg"}"#);
        assert_eq!(st, ik_status::Decode, "{status} {body:?}: {doc}");
        let d: Value = serde_json::from_str(&doc).unwrap();
        assert_eq!(d["http_status"], status);
        assert!(
            d["message"].as_str().unwrap().contains("not known to be stored"),
            "{doc}"
        );
        if want_body.is_null() {
            assert_eq!(d["body"], json!({}), "{doc}"); // an empty body reads as {}
        } else {
            assert_eq!(d["body"], want_body, "{doc}");
        }
        assert!(d["request_id"].is_string(), "{doc}");
    }
    // A 202 (pre-transformation queued) is the API's documented "accepted" answer.
    server.push_fault(
        Fault::respond(
            202,
            r#"{"message":"The pre-transformation has been queued successfully."}"#,
        )
        .on("POST", "/api/v1/files/upload"),
    );
    let (st, doc) = upload_v1_bytes(&c, b"abc", r#"{"fileName":"a.jpg"}"#);
    assert_eq!(st, ik_status::Ok, "{doc}");
    // And a real upload still succeeds.
    let (st, doc) = upload_v1_bytes(&c, b"abc", r#"{"fileName":"a.jpg"}"#);
    assert_eq!(st, ik_status::Ok, "{doc}");
    assert!(serde_json::from_str::<Value>(&doc).unwrap()["fileId"].is_string());
}

#[test]
fn idempotent_upload_resolves_a_stored_attempt_whose_answer_was_lost() {
    let (server, c) = mock();
    let data = vec![9u8; 4096];
    // The first attempt is stored, then the connection drops before the answer.
    server.push_fault(Fault::handle_then_drop().on("POST", "/api/v1/files/upload"));
    let (st, doc) = upload_v1_bytes(
        &c,
        &data,
        r#"{"fileName":"once.bin","folder":"/docs","idempotent":true}"#,
    );
    assert_eq!(st, ik_status::Ok, "{doc}");
    let stored = stored_files(&server);
    assert_eq!(stored.len(), 1, "{stored:?}");
    let got: Value = serde_json::from_str(&doc).unwrap();
    assert_eq!(got["fileId"], stored[0]["fileId"]);
    assert_eq!(got["name"], "once.bin");
    assert_eq!(got["filePath"], "/docs/once.bin");
    let uploads: Vec<_> = server
        .requests()
        .into_iter()
        .filter(|r| r.path == "/api/v1/files/upload")
        .collect();
    assert_eq!(
        uploads.len(),
        2,
        "one attempt stored and dropped, one retry told 'already exists'"
    );
    for u in &uploads {
        let parts = u.multipart.as_ref().unwrap();
        let field = |n: &str| parts.iter().find(|p| p.name == n).and_then(|p| p.value.clone());
        assert_eq!(field("useUniqueFileName").as_deref(), Some("false"));
        assert_eq!(field("overwriteFile").as_deref(), Some("false"));
        assert!(field("idempotent").is_none(), "the library's own option is never sent");
    }
    assert_eq!(uploads[1].status, Some(400));
}

#[test]
fn without_idempotent_mode_the_same_fault_stores_a_second_copy() {
    // The hazard the mode exists for, shown on the same server behaviour.
    let (server, c) = mock();
    server.push_fault(Fault::handle_then_drop().on("POST", "/api/v1/files/upload"));
    let (st, doc) = upload_v1_bytes(&c, b"xyz", r#"{"fileName":"twice.bin"}"#);
    assert_eq!(st, ik_status::Ok, "{doc}");
    assert_eq!(stored_files(&server).len(), 2);
}

#[test]
fn idempotent_mode_keeps_a_name_taken_before_the_call_an_error_and_checks_its_options() {
    let (server, c) = mock();
    let (st, doc) = upload_v1_bytes(&c, b"first", r#"{"fileName":"taken.bin","useUniqueFileName":false}"#);
    assert_eq!(st, ik_status::Ok, "{doc}");
    // First attempt answered "already exists": the name was taken before, not by this call.
    let (st, doc) = upload_v1_bytes(&c, b"second", r#"{"fileName":"taken.bin","idempotent":true}"#);
    assert_eq!(st, ik_status::BadRequest, "{doc}");
    assert!(doc.contains("already exists"), "{doc}");
    // A retry told "already exists" whose stored file has another size is not taken for ours.
    server.push_fault(Fault::drop_connection().on("POST", "/api/v1/files/upload"));
    let (st, doc) = upload_v1_bytes(&c, b"other size", r#"{"fileName":"taken.bin","idempotent":true}"#);
    assert_eq!(st, ik_status::BadRequest, "{doc}");
    assert!(
        doc.contains("no file of that name and size created during this call"),
        "{doc}"
    );
    assert_eq!(stored_files(&server).len(), 1);
    for bad in [
        r#"{"fileName":"a","idempotent":true,"useUniqueFileName":true}"#,
        r#"{"fileName":"a","idempotent":true,"overwrite_file":"true"}"#,
        r#"{"fileName":"a","idempotent":"yes"}"#,
    ] {
        let (st, doc) = upload_v1_bytes(&c, b"x", bad);
        assert_eq!(st, ik_status::InvalidArgument, "{bad}: {doc}");
    }
}

#[test]
fn byte_lengths_no_object_can_have_are_invalid_arguments_and_send_nothing() {
    let (server, c) = mock();
    let data = [0u8; 16];
    let o_ = cstr(r#"{"fileName":"huge.bin"}"#);
    for len in [usize::MAX, usize::MAX - 200, isize::MAX as usize + 1] {
        let (st, doc) = out(|o| unsafe {
            ik_upload_file_bytes(c.ptr, data.as_ptr(), len, o_.as_ptr(), None, std::ptr::null_mut(), o)
        });
        assert_eq!(st, ik_status::InvalidArgument, "len {len}: {doc}");
        assert!(doc.contains("argument `data`"), "{doc}");
    }
    assert!(server.requests().is_empty());
}
