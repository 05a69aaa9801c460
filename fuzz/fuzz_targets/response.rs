//! Response handling on arbitrary status, headers and body (whole or cut): an error document is
//! built for every answer without a panic, is valid JSON and holds no form of the private key
//! (the body and headers may echo it); a body accepted as a success is JSON; the rate-limit and
//! request-id headers are read without a panic.
#![no_main]

use imagekit::boundary::error_json;
use imagekit_core::http::response::{error_from_response, rate_limit, BodyCut};
use imagekit_core::http::{Response, Secrets};
use libfuzzer_sys::fuzz_target;
use ureq::http::{HeaderMap, HeaderName, HeaderValue};

const KEY: &str = "private_key_test";

fuzz_target!(|data: &[u8]| {
    if data.len() < 3 {
        return;
    }
    let status = u16::from_le_bytes([data[0], data[1]]) % 1000;
    let n_headers = (data[2] % 8) as usize;
    let mut rest = &data[3..];
    let mut headers = HeaderMap::new();
    // Headers as "name:value\n" lines; the rest is the body.
    for _ in 0..n_headers {
        let Some(end) = rest.iter().position(|&b| b == b'\n') else {
            break;
        };
        let line = &rest[..end];
        rest = &rest[end + 1..];
        let Some(colon) = line.iter().position(|&b| b == b':') else {
            continue;
        };
        let (Ok(name), Ok(value)) = (
            HeaderName::from_bytes(&line[..colon]),
            HeaderValue::from_bytes(&line[colon + 1..]),
        ) else {
            continue;
        };
        headers.append(name, value);
    }
    let resp = Response {
        status,
        headers,
        body: rest.to_vec(),
        attempts: 1 + (data[2] >> 4) as u32,
        cut: (data[2] & 8 != 0).then(|| BodyCut {
            declared: (data[2] & 16 != 0).then_some(rest.len() as u64 * 3),
            read: rest.len() as u64,
        }),
        maybe_applied: data[2] & 1 != 0,
    };
    static SECRETS: std::sync::OnceLock<Secrets> = std::sync::OnceLock::new();
    let secrets = SECRETS.get_or_init(|| Secrets::for_private_key(KEY));
    let _ = rate_limit(&resp.headers);
    let _ = resp.request_id();
    let e = error_from_response(&resp, secrets);
    let doc = error_json(&e);
    serde_json::from_str::<serde_json::Value>(&doc).expect("an error document is JSON");
    assert!(!secrets.found_in(&doc), "a secret in the error document: {doc}");
    match resp.clone().into_json_text() {
        Ok(text) => {
            // JSON by its syntax, passed on as sent: a number is not range-checked (a `Value`
            // would refuse `1e99999`, which the grammar allows and the library hands over).
            serde_json::from_str::<&serde_json::value::RawValue>(&text).expect("a success body is JSON");
        }
        Err(e) => {
            serde_json::from_str::<serde_json::Value>(&error_json(&e)).expect("an error document is JSON");
        }
    }
});
