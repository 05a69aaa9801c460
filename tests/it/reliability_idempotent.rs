//! The idempotent upload mode against the mock server, through the C functions: `null` options
//! cannot switch it off, a retry resolves "already exists" to a stored file only when an earlier
//! attempt of the same call may have stored it, the found file must sit at the path asked for,
//! and two clients racing for one name each get the outcome that happened.

use crate::support::{client, config, cstr, upload_bytes, CClient};
use ik_mock_server::{Fault, MockServer};
use imagekit::status::ik_status;
use imagekit::upload::{ik_beta_v2_files_upload_bytes, ik_files_upload_bytes};
use serde_json::{json, Value};
use std::time::{Duration, Instant};

const KEY: &str = "private_key_test";

fn mock() -> (MockServer, CClient) {
    let server = MockServer::start();
    let c = client(&config(&server.base_url(), KEY, json!({})));
    (server, c)
}

fn upload(c: &CClient, data: &[u8], options: &str) -> (ik_status, String) {
    let o_ = cstr(options);
    upload_bytes(ik_files_upload_bytes, c.ptr, data, &o_)
}

fn uploads(server: &MockServer) -> usize {
    server
        .requests()
        .iter()
        .filter(|r| r.path == "/api/v1/files/upload")
        .count()
}

#[test]
fn null_options_do_not_switch_the_mode_off() {
    for options in [
        r#"{"fileName":"n.bin","idempotent":true,"useUniqueFileName":null}"#,
        r#"{"fileName":"n.bin","idempotent":true,"overwriteFile":null}"#,
        r#"{"fileName":"n.bin","idempotent":true,"use_unique_file_name":null,"overwrite_file":null}"#,
        r#"{"fileName":"n.bin"," idempotent ":true," useUniqueFileName ":null}"#,
    ] {
        let (server, c) = mock();
        server.push_fault(Fault::handle_then_drop().on("POST", "/api/v1/files/upload"));
        let (st, doc) = upload(&c, b"same bytes", options);
        assert_eq!(st, ik_status::Ok, "{options}: {doc}");
        assert_eq!(server.files().len(), 1, "{options}: one copy stored, not two");
        for r in server.requests().iter().filter(|r| r.path == "/api/v1/files/upload") {
            let parts = r.multipart.as_ref().unwrap();
            let field = |n: &str| parts.iter().find(|p| p.name == n).and_then(|p| p.value.clone());
            assert_eq!(field("useUniqueFileName").as_deref(), Some("false"), "{options}");
            assert_eq!(field("overwriteFile").as_deref(), Some("false"), "{options}");
        }
    }
}

#[test]
fn a_v2_token_with_null_pinned_fields_is_refused() {
    let (_server, c) = mock();
    let data = b"x";
    let o_ = cstr(r#"{"fileName":"a","idempotent":true,"token":"t","useUniqueFileName":null,"overwriteFile":null}"#);
    let (st, doc) = upload_bytes(ik_beta_v2_files_upload_bytes, c.ptr, data, &o_);
    assert_eq!(st, ik_status::InvalidArgument, "{doc}");
    assert!(
        doc.contains("needs `useUniqueFileName: false` and `overwriteFile: false`"),
        "{doc}"
    );
}

#[test]
fn after_attempts_that_stored_nothing_already_exists_is_someone_elses() {
    let (server, c) = mock();
    // Another client's file of the same folder, name and size, stored during this call (between
    // a 429 that stored nothing and the retry). Before, the retry took it for ours.
    let other = client(&config(&server.base_url(), KEY, json!({})));
    server.push_fault(
        Fault::status(429)
            .header("Retry-After", "1")
            .on("POST", "/api/v1/files/upload"),
    );
    std::thread::scope(|s| {
        let mine = s.spawn(|| {
            upload(
                &c,
                b"mine-1234",
                r#"{"fileName":"race.bin","folder":"/r","idempotent":true}"#,
            )
        });
        let deadline = Instant::now() + Duration::from_secs(5);
        while uploads(&server) == 0 && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(5));
        }
        let (st, doc) = upload(
            &other,
            b"theirs-12",
            r#"{"fileName":"race.bin","folder":"/r","idempotent":true}"#,
        );
        assert_eq!(st, ik_status::Ok, "the other client stores its file: {doc}");
        let (st, doc) = mine.join().unwrap();
        assert_eq!(st, ik_status::BadRequest, "the name is the other client's: {doc}");
        assert!(doc.contains("already exists"), "{doc}");
        assert!(
            !doc.contains("\"outcome\""),
            "nothing of ours can have been stored: {doc}"
        );
    });
    let files = server.files();
    assert_eq!(files.len(), 1);
    assert_eq!(files[0]["size"], 9);
}

#[test]
fn two_clients_racing_each_get_what_happened() {
    // Client A's attempt is stored and its answer lost; client B uploads the same name meanwhile;
    // A's retry resolves to A's own file, B is told the name is taken.
    let (server, a) = mock();
    let b = client(&config(&server.base_url(), KEY, json!({"max_retries": 0})));
    server.push_fault(
        Fault::handle_then_drop()
            .on("POST", "/api/v1/files/upload")
            .after(Duration::from_millis(300)),
    );
    let a_id = std::thread::scope(|s| {
        let first = s.spawn(|| upload(&a, b"aaaa", r#"{"fileName":"both.bin","idempotent":true}"#));
        let deadline = Instant::now() + Duration::from_secs(5);
        while server.files().is_empty() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(5));
        }
        let (st, doc) = upload(&b, b"bbbb", r#"{"fileName":"both.bin","idempotent":true}"#);
        assert_eq!(st, ik_status::BadRequest, "{doc}");
        let (st, doc) = first.join().unwrap();
        assert_eq!(st, ik_status::Ok, "{doc}");
        serde_json::from_str::<Value>(&doc).unwrap()["fileId"]
            .as_str()
            .unwrap()
            .to_string()
    });
    let files = server.files();
    assert_eq!(files.len(), 1);
    assert_eq!(files[0]["fileId"], a_id.as_str());
}

#[test]
fn the_found_file_must_sit_at_the_path_asked_for() {
    let (server, c) = mock();
    server.push_fault(Fault::handle_then_drop().on("POST", "/api/v1/files/upload"));
    // The look-up is answered with a file of that name and size, created now, in another folder.
    let now = "2099-01-01T00:00:00.000Z";
    let listing = json!([{
        "type": "file", "fileId": "elsewhere", "name": "p.bin", "filePath": "/other/p.bin",
        "size": 4, "createdAt": now
    }]);
    server.push_fault(Fault::respond(200, listing.to_string()).on("GET", "/v1/files"));
    let (st, doc) = upload(
        &c,
        b"pppp",
        r#"{"fileName":"p.bin","folder":"/mine","idempotent":true}"#,
    );
    assert_eq!(st, ik_status::BadRequest, "{doc}");
    assert!(!doc.contains("\"fileId\":\"elsewhere\""), "{doc}");
    assert!(doc.contains("no file of that name and size"), "{doc}");
}
