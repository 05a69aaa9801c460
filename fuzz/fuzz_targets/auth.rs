//! Authentication parameters and the hand-written HMAC-SHA1 signer behind them (and behind
//! `ik-s`): the signature equals the `hmac` crate's HMAC-SHA1 for any key, token and expire.
#![no_main]

use hmac::{Hmac, KeyInit, Mac};
use imagekit_core::sign::Signer;
use imagekit_core::Client;
use libfuzzer_sys::fuzz_target;
use sha1::Sha1;

fn reference(key: &[u8], msg: &[u8]) -> String {
    let mut m = <Hmac<Sha1> as KeyInit>::new_from_slice(key).expect("any key length");
    m.update(msg);
    m.finalize().into_bytes().iter().map(|b| format!("{b:02x}")).collect()
}

fuzz_target!(|data: &[u8]| {
    if data.len() < 16 {
        return;
    }
    let expire = i64::from_le_bytes(data[..8].try_into().unwrap());
    let now = i64::from_le_bytes(data[8..16].try_into().unwrap());
    let Ok(text) = std::str::from_utf8(&data[16..]) else {
        return;
    };
    let (key, token) = text.split_once('\n').unwrap_or(("private_key_test", text));

    // The signer alone, on arbitrary keys (short, a block long, longer than a block) and parts.
    let signer = Signer::new(key);
    let mid = (0..=token.len() / 2)
        .rev()
        .find(|&i| token.is_char_boundary(i))
        .unwrap_or(0);
    let (p1, p2) = token.split_at(mid);
    assert_eq!(
        signer.sign_parts(&[p1.as_bytes(), p2.as_bytes()]),
        reference(key.as_bytes(), token.as_bytes())
    );
    assert_eq!(
        signer.sign(token.as_bytes()),
        reference(key.as_bytes(), token.as_bytes())
    );

    // Through a client, when the key is one the config takes.
    let cfg = serde_json::json!({"private_key": key, "public_key": "p", "url_endpoint": "https://ik.imagekit.io/x"});
    let Ok(client) = Client::from_json(&cfg.to_string()) else {
        return;
    };
    match client.authentication_parameters(Some(token), expire, now) {
        Ok(p) => {
            if !token.is_empty() {
                assert_eq!(p.token, token);
            }
            let want_expire = if expire == 0 { now + 1800 } else { expire };
            assert_eq!(p.expire, want_expire);
            let msg = format!("{}{}", p.token, p.expire);
            assert_eq!(p.signature, reference(key.as_bytes(), msg.as_bytes()));
            let doc: serde_json::Value = serde_json::from_str(&p.to_json()).expect("JSON");
            assert_eq!(doc["expire"].as_i64(), Some(p.expire));
        }
        Err(_) => assert!(expire == 0 && now.checked_add(1800).is_none()),
    }

    // The allocation-free C entry point, with a buffer of every size around the document's: it
    // writes the same document when it fits, and asks for the size it needs when it does not.
    // (A given token and expiry only: a generated token differs on every call.)
    if expire != 0 && !token.is_empty() {
        let want = client.authentication_parameters_json(Some(token), expire, 0).expect("given expire");
        let raw = Box::into_raw(Box::new(client)) as *const imagekit::client::ik_client;
        for cap in [0, 1, want.len(), want.len() + 1, want.len() + 7] {
            let mut buf = vec![0u8; cap];
            let mut len = 0usize;
            let mut err = std::ptr::null_mut();
            let st = unsafe {
                imagekit::auth::ik_get_authentication_parameters_into(
                    raw,
                    token.as_ptr().cast(),
                    token.len(),
                    expire,
                    if cap == 0 { std::ptr::null_mut() } else { buf.as_mut_ptr().cast() },
                    cap,
                    &mut len,
                    &mut err,
                )
            };
            if token.contains('\0') {
                assert_eq!(st, imagekit::status::ik_status::InvalidArgument);
            } else if cap > want.len() {
                assert_eq!(st, imagekit::status::ik_status::Ok);
                assert_eq!((&buf[..len], buf[len]), (want.as_bytes(), 0));
            } else {
                assert_eq!(st, imagekit::status::ik_status::InvalidArgument);
                assert_eq!(len, want.len() + 1);
            }
            unsafe { imagekit::client::ik_string_free(err) };
        }
        unsafe { imagekit::client::ik_client_free(raw as *mut _) };
    }
});
