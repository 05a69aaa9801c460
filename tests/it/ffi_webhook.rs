//! `ik_webhooks_unwrap` and `ik_upload_v2_token` through the C ABI, called from Rust via the rlib.
//!
//! Webhooks: every case of `tests/data/webhook_vectors.json`, which `tests/data/webhook_vectors.py`
//! computes with Python's hmac/hashlib/base64 alone (independently of the library); a test reruns
//! the script and fails if the committed JSON is not its output.
//!
//! JWTs: each token is checked here with a plain HS256 verification written against the `hmac`
//! and `sha2` crates directly (not through `src/jwt.rs`): signature, header (`alg`, `typ`, `kid`),
//! payload, `iat`, `exp`.

use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine;
use hmac::{Hmac, KeyInit, Mac};
use imagekit::jwt::ik_upload_v2_token;
use imagekit::status::ik_status;
use imagekit::webhook::ik_webhooks_unwrap;
use serde_json::{json, Value};
use sha2::Sha256;
use std::ffi::CString;
use std::ptr;

use crate::support::{self, client_with, take, C};

fn vectors() -> Value {
    let path = support::repo_dir().join("tests/data/webhook_vectors.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn cstr(s: &str) -> CString {
    CString::new(s).unwrap()
}

/// Calls `ik_webhooks_unwrap`; returns the status and the out string.
fn unwrap(secret: &str, body: &[u8], headers: &Value, options: Option<&Value>) -> (ik_status, String) {
    let secret = cstr(secret);
    let headers = cstr(&headers.to_string());
    let options = options.map(|o| cstr(&o.to_string()));
    let mut out = ptr::null_mut();
    let st = unsafe {
        ik_webhooks_unwrap(
            secret.as_ptr(),
            body.as_ptr(),
            body.len(),
            headers.as_ptr(),
            options.as_ref().map_or(ptr::null(), |o| o.as_ptr()),
            &mut out,
        )
    };
    (st, take(out))
}

#[test]
fn webhooks_unwrap_gives_each_vectors_verdict() {
    let v = vectors();
    let cases = v["cases"].as_array().unwrap();
    assert!(cases.len() >= 40, "the vector file looks truncated");
    let mut failures = Vec::new();
    for c in cases {
        let name = c["name"].as_str().unwrap();
        let body = match (c.get("body"), c.get("body_b64")) {
            (Some(Value::String(b)), _) => b.as_bytes().to_vec(),
            (_, Some(Value::String(b))) => STANDARD.decode(b).unwrap(),
            _ => panic!("{name}: no body"),
        };
        let (st, out) = unwrap(c["secret"].as_str().unwrap(), &body, &c["headers"], Some(&c["options"]));
        let expect = c["expect"].as_str().unwrap();
        if expect == "ok" {
            if st != ik_status::Ok || out.as_bytes() != body.as_slice() {
                failures.push(format!("{name}: want ok with the body, got {st:?}: {out}"));
            }
            continue;
        }
        let doc: Value = serde_json::from_str(&out).unwrap_or(Value::Null);
        if st != ik_status::InvalidArgument || doc["reason"] != expect || doc["code"] != 2 {
            failures.push(format!("{name}: want {expect}, got {st:?}: {out}"));
        }
        // Nothing secret in the error: not the secret, nor the key behind it.
        let secret = c["secret"].as_str().unwrap();
        if out.contains(secret) || out.contains(secret.trim_start_matches("whsec_")) {
            failures.push(format!("{name}: the error text contains the secret: {out}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn webhook_vectors_are_the_scripts_output() {
    assert!(
        support::have("python3"),
        "python3 is not installed (scripts/setup.sh installs it)"
    );
    let out = std::process::Command::new("python3")
        .arg(support::repo_dir().join("tests/data/webhook_vectors.py"))
        .output()
        .expect("run python3");
    assert!(
        out.status.success(),
        "webhook_vectors.py failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let generated: Value = serde_json::from_slice(&out.stdout).expect("the script prints JSON");
    assert!(
        generated == vectors(),
        "tests/data/webhook_vectors.json is stale: regenerate it with the script"
    );
}

/// The current clock path (no `now`): a signature made for the real time verifies, one an hour
/// old is stale.
#[test]
fn webhook_reads_the_system_clock() {
    let secret = "whsec_c2VjcmV0LWtleS1ieXRlcw==";
    let key = STANDARD.decode("c2VjcmV0LWtleS1ieXRlcw==").unwrap();
    let body = br#"{"id":"e","type":"file.created"}"#;
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    for (ts, want) in [(now, Ok(())), (now - 3600, Err("stale_timestamp"))] {
        let mut mac = Hmac::<Sha256>::new_from_slice(&key).unwrap();
        mac.update(format!("msg_1.{ts}.").as_bytes());
        mac.update(body);
        let sig = STANDARD.encode(mac.finalize().into_bytes());
        let headers =
            json!({"webhook-id":"msg_1","webhook-timestamp":ts.to_string(),"webhook-signature":format!("v1,{sig}")});
        let (st, out) = unwrap(secret, body, &headers, None);
        match want {
            Ok(()) => assert_eq!((st, out.as_bytes()), (ik_status::Ok, &body[..])),
            Err(reason) => {
                assert_eq!(st, ik_status::InvalidArgument);
                assert_eq!(serde_json::from_str::<Value>(&out).unwrap()["reason"], reason, "{out}");
            }
        }
    }
}

#[test]
fn webhook_bad_arguments_are_refused_naming_the_argument() {
    let body = b"{}";
    let headers = json!({"x-ik-signature":"t=1,v1=00"});
    // NULLs.
    let (h, s) = (cstr(&headers.to_string()), cstr("secret"));
    let mut out = ptr::null_mut();
    let st = unsafe { ik_webhooks_unwrap(ptr::null(), body.as_ptr(), 2, h.as_ptr(), ptr::null(), &mut out) };
    assert_eq!(st, ik_status::NullArgument);
    assert!(take(out).contains("`secret`"));
    let st = unsafe { ik_webhooks_unwrap(s.as_ptr(), body.as_ptr(), 2, ptr::null(), ptr::null(), &mut out) };
    assert_eq!(st, ik_status::NullArgument);
    assert!(take(out).contains("`headers_json`"));
    let st = unsafe { ik_webhooks_unwrap(s.as_ptr(), ptr::null(), 2, h.as_ptr(), ptr::null(), &mut out) };
    assert_eq!(st, ik_status::NullArgument);
    assert!(take(out).contains("`body`"));
    let st = unsafe { ik_webhooks_unwrap(s.as_ptr(), body.as_ptr(), 2, h.as_ptr(), ptr::null(), ptr::null_mut()) };
    assert_eq!(st, ik_status::NullArgument);
    // NULL body with length 0 is an empty body: checked, then rejected as a signature mismatch.
    let st = unsafe { ik_webhooks_unwrap(s.as_ptr(), ptr::null(), 0, h.as_ptr(), ptr::null(), &mut out) };
    assert_eq!(st, ik_status::InvalidArgument);
    assert!(take(out).contains("no_matching_signature"));

    // Bad JSON, wrong JSON types, bad options, empty secret, invalid UTF-8.
    for (secret, headers, options, needle) in [
        ("s", "{", None, "headers_json is not valid JSON"),
        ("s", "[]", None, "headers_json must be a JSON object"),
        ("s", "{}", Some("{"), "options_json is not valid JSON"),
        (
            "s",
            "{}",
            Some(r#"{"tolerance":1}"#),
            "unknown webhook option `tolerance`",
        ),
        ("s", "{}", Some(r#"{"tolerance_seconds":-1}"#), "tolerance_seconds"),
        ("s", "{}", Some(r#"{"scheme":"v2"}"#), "scheme"),
        ("", "{}", None, "secret is empty"),
        (
            "AAEC",
            "{}",
            Some(r#"{"secret_encoding":"whsec","scheme":"legacy"}"#),
            "missing_header",
        ),
        (
            "not base64!",
            "{}",
            Some(r#"{"secret_encoding":"whsec"}"#),
            "not `whsec_` followed by base64",
        ),
    ] {
        let (secret, headers) = (cstr(secret), cstr(headers));
        let options = options.map(cstr);
        let st = unsafe {
            ik_webhooks_unwrap(
                secret.as_ptr(),
                body.as_ptr(),
                2,
                headers.as_ptr(),
                options.as_ref().map_or(ptr::null(), |o| o.as_ptr()),
                &mut out,
            )
        };
        let text = take(out);
        assert_eq!(st, ik_status::InvalidArgument, "{text}");
        assert!(text.contains(needle), "want {needle:?} in {text}");
    }
    let bad_utf8 = [b's', 0xff, 0];
    let st = unsafe {
        ik_webhooks_unwrap(
            bad_utf8.as_ptr().cast(),
            body.as_ptr(),
            2,
            h.as_ptr(),
            ptr::null(),
            &mut out,
        )
    };
    assert_eq!(st, ik_status::InvalidArgument);
    assert!(take(out).contains("not valid UTF-8"));
}

// ---- upload-v2 JWT ----

const PRIVATE: &str = "private_key_test";
const PUBLIC: &str = "public_key_test";

/// The client the JWT tests sign with (`PUBLIC` is the support module's public key).
fn client() -> C {
    client_with(PRIVATE, "https://ik.imagekit.io/demo")
}

fn token(c: &C, payload: &str, options: Option<&str>) -> (ik_status, String) {
    let payload = cstr(payload);
    let options = options.map(cstr);
    let mut out = ptr::null_mut();
    let st = unsafe {
        ik_upload_v2_token(
            c.0,
            payload.as_ptr(),
            options.as_ref().map_or(ptr::null(), |o| o.as_ptr()),
            &mut out,
        )
    };
    (st, take(out))
}

/// A plain HS256 check: three base64url parts, the signature over the first two with `key`.
/// Returns the decoded header and payload.
fn verify_hs256(jwt: &str, key: &[u8]) -> (Value, Value) {
    let parts: Vec<&str> = jwt.split('.').collect();
    assert_eq!(parts.len(), 3, "a JWS compact token has three parts: {jwt}");
    for p in &parts {
        assert!(
            p.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'),
            "base64url, no padding: {p}"
        );
    }
    let mut mac = Hmac::<Sha256>::new_from_slice(key).unwrap();
    mac.update(format!("{}.{}", parts[0], parts[1]).as_bytes());
    let sig = URL_SAFE_NO_PAD.decode(parts[2]).unwrap();
    mac.verify_slice(&sig)
        .expect("HS256 signature verifies with the private key");
    let header = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[0]).unwrap()).unwrap();
    let payload = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[1]).unwrap()).unwrap();
    (header, payload)
}

#[test]
fn jwt_verifies_as_hs256_with_the_payload_iat_exp_and_kid() {
    let c = client();
    let (st, jwt) = token(
        &c,
        r#"{"fileName":"dress.jpg","useUniqueFileName":false,"tags":["summer","dress"],"folder":"/shop",
            "customMetadata":{"brand":"Acme","price":12},"is_private_file":true}"#,
        Some(r#"{"expire_seconds":600,"now":1714035985}"#),
    );
    assert_eq!(st, ik_status::Ok, "{jwt}");
    let (header, payload) = verify_hs256(&jwt, PRIVATE.as_bytes());
    assert_eq!(header, json!({"alg":"HS256","typ":"JWT","kid":PUBLIC}));
    assert_eq!(
        payload,
        json!({"fileName":"dress.jpg","useUniqueFileName":"false","tags":"summer,dress","folder":"/shop",
               "customMetadata":"{\"brand\":\"Acme\",\"price\":12}","isPrivateFile":"true",
               "iat":1714035985,"exp":1714036585})
    );
    // A different key does not verify it.
    let mut mac = Hmac::<Sha256>::new_from_slice(b"another_key").unwrap();
    let parts: Vec<&str> = jwt.split('.').collect();
    mac.update(format!("{}.{}", parts[0], parts[1]).as_bytes());
    assert!(mac.verify_slice(&URL_SAFE_NO_PAD.decode(parts[2]).unwrap()).is_err());
}

#[test]
fn jwt_default_lifetime_and_clock() {
    let c = client();
    let before = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    let (st, jwt) = token(&c, r#"{"fileName":"a.png"}"#, None);
    let after = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    assert_eq!(st, ik_status::Ok, "{jwt}");
    let (_, payload) = verify_hs256(&jwt, PRIVATE.as_bytes());
    let iat = payload["iat"].as_i64().unwrap();
    assert!((before..=after).contains(&iat), "iat {iat} is now");
    assert_eq!(payload["exp"].as_i64().unwrap() - iat, 1800);
    // The longest lifetime ImageKit accepts.
    let (st, jwt) = token(
        &c,
        r#"{"fileName":"a.png"}"#,
        Some(r#"{"expireSeconds":3600,"now":100}"#),
    );
    assert_eq!(st, ik_status::Ok, "{jwt}");
    let (_, payload) = verify_hs256(&jwt, PRIVATE.as_bytes());
    assert_eq!(
        (payload["iat"].clone(), payload["exp"].clone()),
        (json!(100), json!(3700))
    );
}

#[test]
fn jwt_rejects_bad_input() {
    let c = client();
    for (payload, options, needle) in [
        (r#"{"fileName":"a"}"#, Some(r#"{"expire_seconds":3601}"#), "1..=3600"),
        (r#"{"fileName":"a"}"#, Some(r#"{"expire_seconds":0}"#), "1..=3600"),
        (
            r#"{"fileName":"a"}"#,
            Some(r#"{"expire_seconds":-60}"#),
            "`expire_seconds` must be a non-negative integer",
        ),
        (
            r#"{"fileName":"a"}"#,
            Some(r#"{"lifetime":60}"#),
            "unknown token option `lifetime`",
        ),
        (r#"{"fileName":"a"}"#, Some(r#"{"now":"soon"}"#), "`now`"),
        (r#"{"fileName":"a"}"#, Some("{"), "options_json is not valid JSON"),
        ("{", None, "payload_json is not valid JSON"),
        (r#"["fileName"]"#, None, "payload_json must be a JSON object"),
        (r#"{}"#, None, "needs `fileName`"),
        (r#"{"fileName":"a","file":"https://x/y.jpg"}"#, None, "`file`"),
        (r#"{"fileName":"a","token":"t"}"#, None, "`token`"),
        (r#"{"fileName":"a","signature":"s"}"#, None, "`signature`"),
        (r#"{"fileName":"a","iat":1}"#, None, "`iat`"),
        (r#"{"fileName":"a","exp":1}"#, None, "`exp`"),
        (
            r#"{"fileName":"a","colour":"red"}"#,
            None,
            "unknown upload-v2 token payload option `colour`",
        ),
        (r#"{"fileName":"a","tags":[1,2]}"#, None, "`tags`"),
    ] {
        let (st, out) = token(&c, payload, options);
        assert_eq!(st, ik_status::InvalidArgument, "{payload} {options:?}: {out}");
        assert!(out.contains(needle), "want {needle:?} in {out}");
        assert!(!out.contains(PRIVATE), "the private key leaked: {out}");
    }
    // One key under two spellings is no error: the last value counts (the one option reader's rule).
    let (st, jwt) = token(&c, r#"{"fileName":"a","file_name":"b"}"#, Some(r#"{"now":100}"#));
    assert_eq!(st, ik_status::Ok, "{jwt}");
    assert_eq!(verify_hs256(&jwt, PRIVATE.as_bytes()).1["fileName"], "b");
    // NULLs.
    let p = cstr(r#"{"fileName":"a"}"#);
    let mut out = ptr::null_mut();
    assert_eq!(
        unsafe { ik_upload_v2_token(ptr::null(), p.as_ptr(), ptr::null(), &mut out) },
        ik_status::NullArgument
    );
    assert!(take(out).contains("`client`"));
    assert_eq!(
        unsafe { ik_upload_v2_token(c.0, ptr::null(), ptr::null(), &mut out) },
        ik_status::NullArgument
    );
    assert!(take(out).contains("`payload_json`"));
    assert_eq!(
        unsafe { ik_upload_v2_token(c.0, p.as_ptr(), ptr::null(), ptr::null_mut()) },
        ik_status::NullArgument
    );
}
