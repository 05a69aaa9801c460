//! Retry-safety classes against the mock server, through the C functions: for each class, what a
//! call reports when its answer is lost after the server acted (the mock's `handle_then_drop`
//! does the operation, then closes the connection unanswered), and which failures are retried.
//! The outcome a caller is told must be the outcome that happened.

use crate::support::{client, config, cstr, out, raw_server, read_head, upload_bytes, CClient};
use ik_mock_server::{Fault, MockServer};
use imagekit::ops_gen::{ik_custom_metadata_fields_create, ik_files_copy, ik_files_delete, ik_files_update};
use imagekit::request::ik_request;
use imagekit::status::ik_status;
use imagekit::upload::ik_files_upload_bytes;
use serde_json::{json, Value};
use std::io::Write;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

const KEY: &str = "private_key_test";

fn mock() -> (MockServer, CClient) {
    let server = MockServer::start();
    let c = client(&config(&server.base_url(), KEY, json!({})));
    (server, c)
}

/// Uploads `name` into `/docs` and returns its file id.
fn stored(c: &CClient, name: &str) -> String {
    let o_ = cstr(&format!(
        r#"{{"fileName":"{name}","folder":"/docs","useUniqueFileName":false}}"#
    ));
    let data = b"0123456789";
    let (st, doc) = upload_bytes(ik_files_upload_bytes, c.ptr, data, &o_);
    assert_eq!(st, ik_status::Ok, "{doc}");
    serde_json::from_str::<Value>(&doc).unwrap()["fileId"]
        .as_str()
        .unwrap()
        .to_string()
}

fn requests_to(server: &MockServer, method: &str, path: &str) -> usize {
    server
        .requests()
        .iter()
        .filter(|r| r.method == method && r.path.starts_with(path))
        .count()
}

fn doc(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}: {text}"))
}

#[test]
fn safe_an_update_whose_answer_was_lost_is_retried_and_reports_what_happened() {
    let (server, c) = mock();
    let id = stored(&c, "a.txt");
    server.push_fault(Fault::handle_then_drop().on("PATCH", "/v1/files/"));
    let (fid, params) = (cstr(&id), cstr(r#"{"tags":["kept"]}"#));
    let (st, text) = out(|o| unsafe { ik_files_update(c.ptr, fid.as_ptr(), params.as_ptr(), o) });
    assert_eq!(st, ik_status::Ok, "{text}");
    assert_eq!(doc(&text)["tags"], json!(["kept"]));
    assert_eq!(requests_to(&server, "PATCH", "/v1/files/"), 2);
}

#[test]
fn resolve_if_gone_a_delete_whose_answer_was_lost_succeeds() {
    let (server, c) = mock();
    let id = stored(&c, "gone.txt");
    server.push_fault(Fault::handle_then_drop().on("DELETE", "/v1/files/"));
    let fid = cstr(&id);
    let (st, text) = out(|o| unsafe { ik_files_delete(c.ptr, fid.as_ptr(), o) });
    assert_eq!(st, ik_status::Ok, "the file is gone, as asked: {text}");
    assert_eq!(text, "{}");
    assert!(server.files().is_empty());
    assert_eq!(
        requests_to(&server, "DELETE", "/v1/files/"),
        2,
        "the retry was told 404"
    );
    assert!(
        c.logs().iter().any(|l| l.contains("the target is gone")),
        "{:?}",
        c.logs()
    );

    // A delete of something that was never there is still "not found".
    let missing = cstr("no-such-file");
    let (st, text) = out(|o| unsafe { ik_files_delete(c.ptr, missing.as_ptr(), o) });
    assert_eq!(st, ik_status::NotFound, "{text}");

    // The same through ik_request: the path is the table's row, so its class applies.
    let id = stored(&c, "gone2.txt");
    server.push_fault(Fault::handle_then_drop().on("DELETE", "/v1/files/"));
    let (m, p) = (cstr("DELETE"), cstr(&format!("/v1/files/{id}")));
    let (st, text) = out(|o| unsafe { ik_request(c.ptr, m.as_ptr(), p.as_ptr(), std::ptr::null(), o) });
    assert_eq!(st, ik_status::Ok, "{text}");
    assert!(server.files().is_empty());
}

#[test]
fn outcome_unknown_a_copy_whose_answer_was_lost_is_not_repeated_and_says_so() {
    let (server, c) = mock();
    stored(&c, "src.txt");
    server.push_fault(Fault::handle_then_drop().on("POST", "/v1/files/copy"));
    let params = cstr(r#"{"sourceFilePath":"/docs/src.txt","destinationPath":"/copies"}"#);
    let (st, text) = out(|o| unsafe { ik_files_copy(c.ptr, params.as_ptr(), o) });
    assert_eq!(st, ik_status::Network, "{text}");
    let d = doc(&text);
    assert_eq!(d["outcome"], "unknown", "{text}");
    assert!(d["message"].as_str().unwrap().contains("may have applied"), "{text}");
    assert_eq!(d["attempts"], 1);
    assert_eq!(requests_to(&server, "POST", "/v1/files/copy"), 1, "never sent twice");
    // The copy was made once: one file under /copies with no second version.
    let copies: Vec<Value> = server
        .files()
        .into_iter()
        .filter(|f| f["filePath"] == "/copies/src.txt")
        .collect();
    assert_eq!(copies.len(), 1, "{copies:?}");
}

#[test]
fn outcome_unknown_a_create_whose_answer_was_lost_is_not_reported_as_already_existing() {
    let (server, c) = mock();
    server.push_fault(Fault::handle_then_drop().on("POST", "/v1/customMetadataFields"));
    let params = cstr(r#"{"name":"price","label":"Price","schema":{"type":"Number"}}"#);
    let (st, text) = out(|o| unsafe { ik_custom_metadata_fields_create(c.ptr, params.as_ptr(), o) });
    assert_ne!(st, ik_status::BadRequest, "{text}");
    assert!(!text.contains("already exists"), "{text}");
    assert_eq!(doc(&text)["outcome"], "unknown", "{text}");
    assert_eq!(requests_to(&server, "POST", "/v1/customMetadataFields"), 1);

    // A 5xx may follow the change: not repeated, outcome unknown.
    server.push_fault(Fault::status(503).on("POST", "/v1/customMetadataFields"));
    let params = cstr(r#"{"name":"size","label":"Size","schema":{"type":"Number"}}"#);
    let (st, text) = out(|o| unsafe { ik_custom_metadata_fields_create(c.ptr, params.as_ptr(), o) });
    assert_eq!(st, ik_status::ServerError, "{text}");
    assert_eq!(doc(&text)["outcome"], "unknown");
    assert_eq!(doc(&text)["attempts"], 1);
}

#[test]
fn outcome_unknown_is_retried_when_the_server_provably_did_not_act() {
    let (server, c) = mock();
    let create = |name: &str| {
        let params = cstr(&format!(
            r#"{{"name":"{name}","label":"{name}","schema":{{"type":"Text"}}}}"#
        ));
        out(|o| unsafe { ik_custom_metadata_fields_create(c.ptr, params.as_ptr(), o) })
    };
    // 429: the server did not act.
    server.push_fault(
        Fault::status(429)
            .header("Retry-After", "0")
            .on("POST", "/v1/customMetadataFields"),
    );
    let (st, text) = create("a");
    assert_eq!(st, ik_status::Ok, "{text}");
    // A 5xx that says `x-should-retry: true`.
    server.push_fault(
        Fault::status(503)
            .header("x-should-retry", "true")
            .on("POST", "/v1/customMetadataFields"),
    );
    let (st, text) = create("b");
    assert_eq!(st, ik_status::Ok, "{text}");
    assert_eq!(requests_to(&server, "POST", "/v1/customMetadataFields"), 4);

    // A connection cut while the request is still being written (head read, body not): the
    // server cannot have acted, so it is retried, and the error does not say "unknown".
    let attempts = Arc::new(AtomicUsize::new(0));
    let a2 = attempts.clone();
    let port = raw_server(move |mut conn| {
        read_head(&mut conn);
        a2.fetch_add(1, Ordering::SeqCst);
        drop(conn);
    });
    let c2 = client(&config(&format!("http://127.0.0.1:{port}"), KEY, json!({})));
    let big = "x".repeat(4 << 20); // larger than the socket buffers: the write fails midway
    let params = cstr(&json!({"name": "n", "label": "l", "schema": {"type": "Text", "defaultValue": big}}).to_string());
    let (st, text) = out(|o| unsafe { ik_custom_metadata_fields_create(c2.ptr, params.as_ptr(), o) });
    assert_eq!(st, ik_status::Network, "{}", &text[..text.len().min(400)]);
    assert_eq!(attempts.load(Ordering::SeqCst), 3);
    assert!(doc(&text).get("outcome").is_none(), "{text}");

    // A refused connection: retried, nothing applied.
    let dead = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let dead_port = dead.local_addr().unwrap().port();
    drop(dead);
    let c3 = client(&config(&format!("http://127.0.0.1:{dead_port}"), KEY, json!({})));
    let params = cstr(r#"{"name":"x","label":"x","schema":{"type":"Text"}}"#);
    let (st, text) = out(|o| unsafe { ik_custom_metadata_fields_create(c3.ptr, params.as_ptr(), o) });
    assert_eq!(st, ik_status::Network, "{text}");
    assert_eq!(doc(&text)["attempts"], 3);
    assert!(doc(&text).get("outcome").is_none(), "{text}");
}

#[test]
fn outcome_unknown_a_reset_after_the_whole_request_is_not_retried() {
    // The raw server reads the whole request, then closes without answering.
    let attempts = Arc::new(AtomicUsize::new(0));
    let a2 = attempts.clone();
    let port = raw_server(move |mut conn| {
        let head = read_head(&mut conn);
        let n = crate::support::content_length(&head).unwrap_or(0) as usize;
        let mut body = vec![0u8; n];
        let _ = std::io::Read::read_exact(&mut conn, &mut body);
        a2.fetch_add(1, Ordering::SeqCst);
        let _ = conn.flush();
    });
    let c = client(&config(&format!("http://127.0.0.1:{port}"), KEY, json!({})));
    let params = cstr(r#"{"sourceFilePath":"/a.txt","destinationPath":"/b"}"#);
    let (st, text) = out(|o| unsafe { ik_files_copy(c.ptr, params.as_ptr(), o) });
    assert_eq!(st, ik_status::Network, "{text}");
    assert_eq!(doc(&text)["outcome"], "unknown", "{text}");
    assert_eq!(attempts.load(Ordering::SeqCst), 1);
}
