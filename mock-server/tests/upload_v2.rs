//! `POST /api/v2/files/upload`: Basic auth, or a `token` field holding an HS256 JWT signed with
//! the private key, whose payload must match the form.

mod support;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use ik_mock_server::{MockServer, Options};
use serde_json::{json, Value};
use support::*;

fn plain() -> MockServer {
    MockServer::start_with(Options {
        tls: false,
        ..Default::default()
    })
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

/// A JWT as the docs describe it (independent of the server's code: ring's HMAC, base64url).
fn jwt(header: Value, payload: Value, key: &str) -> String {
    let h = URL_SAFE_NO_PAD.encode(header.to_string());
    let p = URL_SAFE_NO_PAD.encode(payload.to_string());
    let k = ring::hmac::Key::new(ring::hmac::HMAC_SHA256, key.as_bytes());
    let sig = ring::hmac::sign(&k, format!("{h}.{p}").as_bytes());
    format!("{h}.{p}.{}", URL_SAFE_NO_PAD.encode(sig.as_ref()))
}

fn header() -> Value {
    json!({"alg": "HS256", "typ": "JWT", "kid": "public_key_test"})
}

fn payload() -> Value {
    json!({"fileName": "dress.jpg", "useUniqueFileName": "false", "tags": "summer,dress", "iat": now(), "exp": now() + 600})
}

fn form(token: &str) -> (String, Vec<u8>) {
    Form::new()
        .file("file", "dress.jpg", "image/jpeg", b"\xff\xd8 jpeg")
        .text("fileName", "dress.jpg")
        .text("useUniqueFileName", "false")
        .text("tags", "summer,dress")
        .text("token", token)
        .finish()
}

fn post(s: &MockServer, (ct, body): (String, Vec<u8>), basic: bool) -> Resp {
    let mut h = vec![("Content-Type".to_string(), ct)];
    if basic {
        h.push(auth());
    }
    Conn::plain(s.addr()).request("POST", "/api/v2/files/upload", &h, &body)
}

#[test]
fn a_valid_token_uploads_once() {
    let s = plain();
    let t = jwt(header(), payload(), "private_key_test");
    let r = post(&s, form(&t), false);
    assert_eq!(r.status, 200, "{}", r.text());
    let v = r.json();
    assert_eq!(
        (v["filePath"].as_str(), v["size"].as_u64()),
        (Some("/dress.jpg"), Some(7))
    );
    assert_eq!(s.files()[0]["tags"], json!(["summer", "dress"]));
    let r = post(&s, form(&t), false);
    assert_eq!(r.status, 400, "a token works once");
    assert!(r.text().contains("already been used"));
}

#[test]
fn basic_auth_needs_no_token() {
    let s = plain();
    let f = Form::new()
        .file("file", "a.txt", "text/plain", b"hello")
        .text("fileName", "a.txt");
    let r = post(&s, f.finish(), true);
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["size"], 5);
    let r = post(
        &s,
        Form::new()
            .file("file", "a.txt", "text/plain", b"x")
            .text("fileName", "a.txt")
            .finish(),
        false,
    );
    assert_eq!(r.status, 401, "no token, no key");
}

#[test]
fn bad_tokens_are_refused() {
    let s = plain();
    let cases: Vec<(String, u16, &str)> = vec![
        (jwt(header(), payload(), "another_key"), 403, "wrong key"),
        (
            jwt(
                json!({"alg": "HS256", "typ": "JWT", "kid": "other_public"}),
                payload(),
                "private_key_test",
            ),
            403,
            "wrong kid",
        ),
        (
            jwt(
                json!({"alg": "none", "kid": "public_key_test"}),
                payload(),
                "private_key_test",
            ),
            400,
            "alg",
        ),
        (
            {
                let mut p = payload();
                p["tags"] = json!("winter");
                jwt(header(), p, "private_key_test")
            },
            400,
            "payload differs from the form",
        ),
        (
            {
                let mut p = payload();
                p.as_object_mut().unwrap().remove("tags");
                jwt(header(), p, "private_key_test")
            },
            400,
            "a form field the token lacks",
        ),
        (
            {
                let mut p = payload();
                p["folder"] = json!("/x");
                jwt(header(), p, "private_key_test")
            },
            400,
            "a token field the form lacks",
        ),
        (
            {
                let mut p = payload();
                p["iat"] = json!(now() - 7200);
                p["exp"] = json!(now() - 3600);
                jwt(header(), p, "private_key_test")
            },
            400,
            "expired",
        ),
        (
            {
                let mut p = payload();
                p["exp"] = json!(now() + 7200);
                jwt(header(), p, "private_key_test")
            },
            400,
            "longer than an hour",
        ),
        ("not.a.jwt".to_string(), 400, "garbage"),
        ("abc".to_string(), 400, "not three parts"),
    ];
    for (token, status, why) in cases {
        let r = post(&s, form(&token), false);
        assert_eq!(r.status, status, "{why}: {}", r.text());
        assert!(r.json()["help"].is_string());
    }
    // A tampered payload under the original signature.
    let t = jwt(header(), payload(), "private_key_test");
    let parts: Vec<&str> = t.split('.').collect();
    let mut p = payload();
    p["useUniqueFileName"] = json!("true");
    let forged = format!("{}.{}.{}", parts[0], URL_SAFE_NO_PAD.encode(p.to_string()), parts[2]);
    assert_eq!(post(&s, form(&forged), false).status, 403);
    assert!(s.files().is_empty());
}
