//! The smaller defects of the second reliability pass, each through the C functions: a 207
//! partial success is its own status, an id too long for a URL is named with the limit first,
//! the default webhook secret encoding takes a base64 secret without `whsec_`, a POST/PUT
//! without a body says `Content-Length: 0`, the upload-v2 token refuses a blank `fileName`, the
//! modern builder refuses `x` with `xCenter`, and `ik_update_file_details` does what its docs say.

use crate::support::{client, config, cstr, out, raw_server, read_head};
use base64::Engine;
use hmac::{Hmac, KeyInit, Mac};
use ik_mock_server::MockServer;
use imagekit::build_url::ik_build_url;
use imagekit::jwt::ik_upload_v2_token;
#[allow(deprecated)]
use imagekit::ops_gen::ik_update_file_details;
use imagekit::ops_gen::{ik_files_bulk_add_tags, ik_files_get, ik_files_versions_restore};
use imagekit::request::ik_request;
use imagekit::status::ik_status;
use imagekit::upload::ik_files_upload_bytes;
use imagekit::webhook::ik_webhooks_unwrap;
use serde_json::{json, Value};
use std::io::Write;
use std::sync::{Arc, Mutex};

const KEY: &str = "private_key_test";

fn doc(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}: {text}"))
}

#[test]
fn a_207_partial_success_is_its_own_status_carrying_the_answer() {
    let server = MockServer::start();
    let c = client(&config(&server.base_url(), KEY, json!({})));
    let o_ = cstr(r#"{"fileName":"t.txt","useUniqueFileName":false}"#);
    let (st, up) =
        out(|o| unsafe { ik_files_upload_bytes(c.ptr, b"x".as_ptr(), 1, o_.as_ptr(), None, std::ptr::null_mut(), o) });
    assert_eq!(st, ik_status::Ok, "{up}");
    let id = doc(&up)["fileId"].as_str().unwrap().to_string();
    let params = cstr(&json!({"fileIds": [id, "missing-id"], "tags": ["t"]}).to_string());
    let (st, text) = out(|o| unsafe { ik_files_bulk_add_tags(c.ptr, params.as_ptr(), o) });
    assert_eq!(st, ik_status::PartialSuccess, "{text}");
    assert_eq!(st as u32, 29);
    let d = doc(&text);
    assert_eq!(d["status"], "partial_success");
    assert_eq!(d["http_status"], 207);
    assert_eq!(d["body"]["successfullyUpdatedFileIds"], json!([id]));
    assert_eq!(d["body"]["errors"][0]["fileId"], "missing-id");
    assert!(d["message"].as_str().unwrap().contains("1 item(s) failed"), "{text}");
}

#[test]
fn an_id_too_long_for_a_url_names_the_argument_and_the_limit_first() {
    let c = client(&config("http://127.0.0.1:9", KEY, json!({})));
    let id = cstr(&"a".repeat(70_000));
    let (st, text) = out(|o| unsafe { ik_files_get(c.ptr, id.as_ptr(), o) });
    assert_eq!(st, ik_status::InvalidArgument, "{}", &text[..text.len().min(300)]);
    let message = doc(&text)["message"].as_str().unwrap().to_string();
    assert!(
        message.starts_with("argument `file_id` is too long"),
        "{}",
        &message[..message.len().min(300)]
    );
    assert!(message.contains("65534"), "{message}");
    assert!(message.len() < 300, "{}", message.len());
}

#[test]
fn the_auto_secret_encoding_takes_a_base64_secret_without_the_prefix() {
    let key = [7u8, 1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12];
    let secret = base64::engine::general_purpose::STANDARD.encode(key); // no `whsec_`
    let (id, ts, body) = ("msg_1", "1700000000", br#"{"type":"upload.pre-transform.success"}"#);
    let mut mac = Hmac::<sha2::Sha256>::new_from_slice(&key).unwrap();
    mac.update(format!("{id}.{ts}.").as_bytes());
    mac.update(body);
    let sig = base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes());
    let headers =
        cstr(&json!({"webhook-id": id, "webhook-timestamp": ts, "webhook-signature": format!("v1,{sig}")}).to_string());
    let unwrap = |options: &str| {
        let (s, o_) = (cstr(&secret), cstr(options));
        out(|o| unsafe { ik_webhooks_unwrap(s.as_ptr(), body.as_ptr(), body.len(), headers.as_ptr(), o_.as_ptr(), o) })
    };
    let (st, text) = unwrap(r#"{"now":1700000000,"secret_encoding":"whsec"}"#);
    assert_eq!(st, ik_status::Ok, "{text}");
    let (st, text) = unwrap(r#"{"now":1700000000}"#);
    assert_eq!(st, ik_status::Ok, "the default `auto` accepts either key: {text}");
    let (st, _) = unwrap(r#"{"now":1700000000,"secret_encoding":"raw"}"#);
    assert_eq!(st, ik_status::InvalidArgument);
}

#[test]
fn a_post_or_put_without_a_body_says_content_length_zero() {
    let heads = Arc::new(Mutex::new(Vec::new()));
    let h2 = heads.clone();
    let port = raw_server(move |mut conn| loop {
        let head = read_head(&mut conn);
        if head.is_empty() {
            return;
        }
        h2.lock().unwrap().push(head.to_ascii_lowercase());
        if conn
            .write_all(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}")
            .is_err()
        {
            return;
        }
    });
    let c = client(&config(&format!("http://127.0.0.1:{port}"), KEY, json!({})));
    for method in ["POST", "PUT", "PATCH"] {
        let (m, p) = (cstr(method), cstr("/v1/anything"));
        let (st, text) = out(|o| unsafe { ik_request(c.ptr, m.as_ptr(), p.as_ptr(), std::ptr::null(), o) });
        assert_eq!(st, ik_status::Ok, "{text}");
    }
    let (f, v) = (cstr("f"), cstr("v"));
    let (st, text) = out(|o| unsafe { ik_files_versions_restore(c.ptr, f.as_ptr(), v.as_ptr(), o) });
    assert_eq!(st, ik_status::Ok, "{text}");
    let heads = heads.lock().unwrap();
    assert_eq!(heads.len(), 4);
    for head in heads.iter() {
        assert!(head.contains("\r\ncontent-length: 0\r\n"), "{head}");
        assert!(!head.contains("transfer-encoding"), "{head}");
    }
}

#[test]
fn the_upload_v2_token_refuses_a_blank_file_name() {
    let c = client(&config("http://127.0.0.1:9", KEY, json!({})));
    for payload in [r#"{"fileName":"   "}"#, r#"{"fileName":"\t"}"#] {
        let p = cstr(payload);
        let (st, text) = out(|o| unsafe { ik_upload_v2_token(c.ptr, p.as_ptr(), std::ptr::null(), o) });
        assert_eq!(st, ik_status::InvalidArgument, "{payload}: {text}");
        assert!(text.contains("`fileName`"), "{text}");
    }
}

#[test]
fn the_builder_refuses_x_with_x_center_naming_both() {
    let c = client(&config("http://127.0.0.1:9", KEY, json!({})));
    for (position, a, b) in [
        (json!({"x": 10, "xCenter": 50}), "`x`", "`xCenter`"),
        (json!({"y": "5", "y_center": 7}), "`y`", "`yCenter`"),
    ] {
        let options = json!({
            "src": "/a.jpg", "urlEndpoint": "https://ik.imagekit.io/demo",
            "transformation": [{"overlay": {"type": "text", "text": "hi", "position": position}}]
        });
        let o_ = cstr(&options.to_string());
        let (st, text) = out(|o| unsafe { ik_build_url(c.ptr, o_.as_ptr(), o) });
        assert_eq!(st, ik_status::InvalidArgument, "{text}");
        assert!(text.contains(a) && text.contains(b), "{text}");
    }
    // One of each still works.
    let options = json!({
        "src": "/a.jpg", "urlEndpoint": "https://ik.imagekit.io/demo",
        "transformation": [{"overlay": {"type": "text", "text": "hi", "position": {"x": 0, "yCenter": 5}}}]
    });
    let o_ = cstr(&options.to_string());
    let (st, url) = out(|o| unsafe { ik_build_url(c.ptr, o_.as_ptr(), o) });
    assert_eq!(st, ik_status::Ok, "{url}");
    assert!(url.contains("lx-0,lyc-5"), "{url}");
}

#[test]
#[allow(deprecated)] // the original name whose docs are checked here
fn update_file_details_checks_and_renames_as_its_docs_say() {
    let server = MockServer::start();
    let c = client(&config(&server.base_url(), KEY, json!({})));
    let o_ = cstr(r#"{"fileName":"u.txt"}"#);
    let (_, up) =
        out(|o| unsafe { ik_files_upload_bytes(c.ptr, b"x".as_ptr(), 1, o_.as_ptr(), None, std::ptr::null_mut(), o) });
    let id = cstr(doc(&up)["fileId"].as_str().unwrap());
    let body = cstr(r#"{"custom_coordinates":"1,2,3,4"}"#);
    let (st, text) = out(|o| unsafe { ik_update_file_details(c.ptr, id.as_ptr(), body.as_ptr(), o) });
    assert_eq!(st, ik_status::Ok, "{text}");
    let sent = server.requests().into_iter().rfind(|r| r.method == "PATCH").unwrap();
    assert_eq!(
        doc(sent.body.as_deref().unwrap()),
        json!({"customCoordinates": "1,2,3,4"})
    );
    let bad = cstr(r#"{"colour":"red"}"#);
    let (st, text) = out(|o| unsafe { ik_update_file_details(c.ptr, id.as_ptr(), bad.as_ptr(), o) });
    assert_eq!(st, ik_status::InvalidArgument, "{text}");
    assert!(text.contains("`colour`"), "{text}");
}
