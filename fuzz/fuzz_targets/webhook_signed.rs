//! Webhook verification with real signatures (the `webhooks` target feeds arbitrary input; random
//! bytes almost never carry a valid signature): for any secret, id, timestamp and body, a
//! signature made here with the `hmac`/`sha2` crates verifies in both schemes, under the raw and
//! the `whsec_`-decoded key, beside a signature of another version; the event is the body
//! verbatim, and the only failure left is a body that is not a JSON object; one bit flipped in the
//! body always gives `no_matching_signature`. Input: 4 bytes timestamp (LE), 1 selector byte, then
//! secret NUL id NUL body.
#![no_main]

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use hmac::{Hmac, KeyInit, Mac};
use imagekit_core::webhook::{unwrap, Headers, SecretEncoding, UnwrapOptions};
use libfuzzer_sys::fuzz_target;
use serde_json::{json, Map, Value};
use sha2::Sha256;

fn hmac256(key: &[u8], parts: &[&[u8]]) -> Vec<u8> {
    let mut m = <Hmac<Sha256> as KeyInit>::new_from_slice(key).expect("any key length");
    for p in parts {
        m.update(p);
    }
    m.finalize().into_bytes().to_vec()
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

fn run(secret: &str, body: &[u8], headers: &Value, opts: &UnwrapOptions) -> Result<(), String> {
    let map = headers.as_object().expect("object");
    match unwrap(secret, body, &Headers::new(map), opts) {
        Ok(v) => {
            assert_eq!(v.event.as_bytes(), body, "the event is the body verbatim");
            Ok(())
        }
        Err(e) => Err(e.reason.clone().unwrap_or_default()),
    }
}

fuzz_target!(|data: &[u8]| {
    if data.len() < 5 {
        return;
    }
    let ts = i64::from(u32::from_le_bytes(data[..4].try_into().unwrap()));
    let sel = data[4];
    let mut it = data[5..].splitn(3, |&b| b == 0);
    let (Some(secret), Some(id), Some(body)) = (it.next(), it.next(), it.next()) else {
        return;
    };
    let (Ok(secret), Ok(id)) = (std::str::from_utf8(secret), std::str::from_utf8(id)) else {
        return;
    };
    let opts = UnwrapOptions { now: Some(ts), ..Default::default() };

    if secret.is_empty() {
        return;
    }

    let is_object = std::str::from_utf8(body).is_ok_and(|s| serde_json::from_str::<Map<String, Value>>(s).is_ok());
    let id: String = id.chars().filter(|c| !c.is_whitespace()).collect();
    let id = if id.is_empty() { "msg_1".to_string() } else { id };
    let t = ts.to_string();
    let t_ms = (ts * 1000 + i64::from(sel)).to_string();
    let mut keys = vec![(secret.as_bytes().to_vec(), SecretEncoding::Raw)];
    if let Some(k) = secret.strip_prefix("whsec_").and_then(|s| STANDARD.decode(s).ok()).filter(|k| !k.is_empty()) {
        keys.push((k, SecretEncoding::Whsec));
    }
    for (key, encoding) in keys {
        let std_sig = STANDARD.encode(hmac256(&key, &[id.as_bytes(), b".", t.as_bytes(), b".", body]));
        let standard = json!({"webhook-id": id, "webhook-timestamp": t, "webhook-signature": format!("v2,x v1,{std_sig}")});
        let legacy_sig = hex(&hmac256(&key, &[t_ms.as_bytes(), b".", body]));
        let legacy = json!({"x-ik-signature": format!("t={t_ms},v1={legacy_sig}")});
        for headers in [&standard, &legacy] {
            for enc in [SecretEncoding::Auto, encoding] {
                let o = UnwrapOptions { secret_encoding: enc, ..opts };
                match run(secret, body, headers, &o) {
                    Ok(()) => assert!(is_object),
                    Err(reason) => assert!(!is_object && reason == "body_not_json", "{reason} for {headers}"),
                }
                if !body.is_empty() {
                    let mut tampered = body.to_vec();
                    tampered[usize::from(sel) % body.len()] ^= 1 << (sel % 8);
                    assert_eq!(run(secret, &tampered, headers, &o), Err("no_matching_signature".to_string()));
                }
            }
        }
    }
});
