//! `ik_get_authentication_parameters_into` (the allocation-free form) through the C ABI: the
//! same document as `ik_get_authentication_parameters` for every input, the size protocol, the
//! generated tokens, and bad input of every kind; plus the tokens of a forked child.

use imagekit::auth::{ik_get_authentication_parameters, ik_get_authentication_parameters_into};
use imagekit::status::ik_status;
use imagekit_core::sign::Signer;
use serde_json::Value;
use std::collections::HashSet;
use std::ffi::{c_char, CString};
use std::ptr;

use crate::support::{client_with, data, is_uuid_v4, take, unix_now, C};

const KEY: &str = "private_key_test";

fn client() -> C {
    client_with(KEY, "https://ik.imagekit.io/your_imagekit_id")
}

/// The `_into` call with a buffer of `cap` bytes: status, `*out_len`, the buffer's text up to its
/// first NUL, and the error document.
struct Into {
    st: ik_status,
    len: usize,
    text: String,
    err: Option<String>,
}

fn into(c: &C, token: Option<&[u8]>, expire: i64, cap: usize) -> Into {
    let mut buf = vec![0x55u8; cap];
    let mut len = usize::MAX;
    let mut err = std::ptr::dangling_mut::<c_char>();
    let (tp, tl) = token.map_or((ptr::null(), 0), |t| (t.as_ptr().cast::<c_char>(), t.len()));
    let bp = if cap == 0 {
        ptr::null_mut()
    } else {
        buf.as_mut_ptr().cast::<c_char>()
    };
    let st = unsafe { ik_get_authentication_parameters_into(c.0, tp, tl, expire, bp, cap, &mut len, &mut err) };
    let text = match buf.iter().position(|&b| b == 0) {
        Some(end) => String::from_utf8(buf[..end].to_vec()).unwrap(),
        None => {
            assert_eq!(cap, 0, "the buffer is always NUL-terminated when it has room");
            String::new()
        }
    };
    let err = if err.is_null() { None } else { Some(take(err)) };
    Into { st, len, text, err }
}

fn classic(c: &C, token: Option<&[u8]>, expire: i64) -> (ik_status, String) {
    let tok = token.map(|t| CString::new(t).unwrap());
    let mut out = ptr::null_mut();
    let st = unsafe {
        ik_get_authentication_parameters(c.0, tok.as_ref().map_or(ptr::null(), |t| t.as_ptr()), expire, &mut out)
    };
    (st, take(out))
}

/// A token of `n` bytes that mixes plain text with bytes JSON escapes.
fn mixed_token(n: usize) -> Vec<u8> {
    let alphabet = b"aZ9-_\"\\\x01\x1f/ \t\n";
    (0..n).map(|i| alphabet[(i * 7 + n) % alphabet.len()]).collect()
}

#[test]
fn writes_the_classic_document_for_every_input() {
    let c = client();
    let mut tokens: Vec<Vec<u8>> = vec![
        b"your_token".to_vec(),
        "tok\"en\\é".as_bytes().to_vec(),
        "日本語のトークン".as_bytes().to_vec(),
        b"x".to_vec(),
    ];
    tokens.extend((1..300).step_by(7).map(mixed_token));
    tokens.extend((1..200).step_by(13).map(|n| vec![b'a'; n]));
    let mut compared = 0;
    for token in &tokens {
        for expire in [1582269249, 1, -1, i64::MAX, i64::MIN, 1_700_000_000] {
            let (st, want) = classic(&c, Some(token), expire);
            assert_eq!(st, ik_status::Ok, "{want}");
            let got = into(&c, Some(token), expire, 6 * token.len() + 98);
            assert_eq!(got.st, ik_status::Ok, "{:?}", got.err);
            assert_eq!(got.text, want);
            assert_eq!(got.len, want.len());
            assert!(got.err.is_none());
            compared += 1;
        }
    }
    assert!(compared > 300);
    // The official vector, exactly.
    let got = into(&c, Some(b"your_token"), 1582269249, 128);
    assert_eq!(
        got.text,
        r#"{"token":"your_token","expire":1582269249,"signature":"e71bcd6031016b060d349d212e23e85c791decdd"}"#
    );
}

#[test]
fn official_vectors_with_a_given_token() {
    let doc = data("auth_official.json");
    let mut checked = 0;
    for case in doc["auth_params"].as_array().unwrap() {
        let token = case["token"].as_str().unwrap();
        if token.is_empty() {
            continue;
        }
        let expire = match &case["expire"] {
            Value::String(s) => s.parse::<i64>().unwrap(),
            v => v.as_i64().unwrap(),
        };
        let c = client_with(case["private_key"].as_str().unwrap(), "https://x.io");
        let got = into(&c, Some(token.as_bytes()), expire, 256);
        assert_eq!(got.st, ik_status::Ok);
        let v: Value = serde_json::from_str(&got.text).unwrap();
        assert_eq!(v["signature"], case["expected"]["signature"], "{}", case["id"]);
        assert_eq!(v["token"], case["expected"]["token"], "{}", case["id"]);
        checked += 1;
    }
    assert!(checked >= 3, "{checked}");
}

#[test]
fn a_short_buffer_reports_the_size_needed() {
    let c = client();
    let token = b"your_token";
    let full = classic(&c, Some(token), 1582269249).1;
    // A size query: NULL buffer, cap 0.
    let q = into(&c, Some(token), 1582269249, 0);
    assert_eq!(q.st, ik_status::InvalidArgument);
    assert_eq!(q.len, full.len() + 1, "the cap needed, with the NUL");
    assert!(
        q.err.as_deref().unwrap().contains("needs 98 (with its NUL)"),
        "{:?}",
        q.err
    );
    // Exactly enough, and one byte short.
    let ok = into(&c, Some(token), 1582269249, full.len() + 1);
    assert_eq!(
        (ok.st, ok.text.as_str(), ok.len),
        (ik_status::Ok, full.as_str(), full.len())
    );
    let short = into(&c, Some(token), 1582269249, full.len());
    assert_eq!(short.st, ik_status::InvalidArgument);
    assert_eq!(short.len, full.len() + 1);
    assert_eq!(short.text, "", "a failed call leaves an empty string");
    assert!(short
        .err
        .as_deref()
        .unwrap()
        .contains(&format!("holds {} bytes", full.len())));
    // The documented bound is exact for the worst token (every byte escaped as \u00XX) and the
    // longest expiry, and 134 for a generated token.
    for n in [1, 5, 40] {
        let worst = vec![0x01u8; n];
        let q = into(&c, Some(&worst), i64::MIN, 0);
        assert_eq!(q.len, 6 * n + 98, "token of {n} control bytes");
        assert_eq!(into(&c, Some(&worst), i64::MIN, q.len).st, ik_status::Ok);
    }
    let generated = into(&c, None, i64::MIN, 0);
    assert_eq!(generated.len, 134);
    assert_eq!(into(&c, None, i64::MIN, 134).st, ik_status::Ok);
}

#[test]
fn generated_tokens_are_fresh_uuids_that_verify() {
    let c = client();
    let signer = Signer::new(KEY);
    let mut seen = HashSet::new();
    // Several batches of the library's per-thread randomness, through both entry points and
    // both spellings of "no token".
    for i in 0..500 {
        let before = unix_now();
        let doc = match i % 3 {
            0 => into(&c, None, 0, 134).text,
            1 => into(&c, Some(b""), 0, 134).text,
            _ => classic(&c, None, 0).1,
        };
        let after = unix_now();
        let v: Value = serde_json::from_str(&doc).unwrap();
        let token = v["token"].as_str().unwrap();
        let expire = v["expire"].as_i64().unwrap();
        assert!(is_uuid_v4(token), "{token}");
        assert!((before + 1800..=after + 1800).contains(&expire));
        assert_eq!(v["signature"], signer.sign(format!("{token}{expire}").as_bytes()));
        assert!(seen.insert(token.to_string()), "token {token} handed out twice");
    }
}

#[test]
fn bad_input_of_every_kind_is_refused() {
    let c = client();
    let mut buf = [0x55u8; 64];
    let bp = buf.as_mut_ptr().cast::<c_char>();
    let mut len = 7usize;
    let mut err = ptr::null_mut();
    let tok = b"t";
    let t = tok.as_ptr().cast::<c_char>();
    let call = |client, token, token_len, buf, cap, out_len, out_error| unsafe {
        ik_get_authentication_parameters_into(client, token, token_len, 1, buf, cap, out_len, out_error)
    };

    assert_eq!(
        call(ptr::null(), t, 1, bp, 64, &mut len, &mut err),
        ik_status::NullArgument
    );
    assert!(take(err).contains("`client` must not be NULL"));
    assert_eq!(len, 0, "out_len is reset on entry");
    assert_eq!(buf[0], 0, "the buffer holds an empty string after a failure");
    assert_eq!(
        call(c.0, t, 1, bp, 64, ptr::null_mut(), &mut err),
        ik_status::NullArgument
    );
    assert!(take(err).contains("`out_len` must not be NULL"));
    assert_eq!(
        call(c.0, t, 1, ptr::null_mut(), 64, &mut len, &mut err),
        ik_status::NullArgument
    );
    assert!(take(err).contains("`buf` must not be NULL"));
    assert_eq!(
        call(c.0, ptr::null(), 3, bp, 64, &mut len, &mut err),
        ik_status::NullArgument
    );
    assert!(take(err).contains("`token` must not be NULL"));
    // out_error is optional.
    assert_eq!(
        call(ptr::null(), t, 1, bp, 64, &mut len, ptr::null_mut()),
        ik_status::NullArgument
    );

    for (token, needle) in [
        (&b"to\0ken"[..], "`token` contains a NUL byte"),
        (&b"\xffbad"[..], "`token` is not valid UTF-8 (byte 0)"),
        (&b"ok\xc3"[..], "`token` is not valid UTF-8 (byte 2)"),
    ] {
        let got = into(&c, Some(token), 1, 64);
        assert_eq!(got.st, ik_status::InvalidArgument);
        assert!(got.err.as_deref().unwrap().contains(needle), "{:?}", got.err);
        assert_eq!(got.text, "");
    }

    // A length no object can have (a negative number cast to size_t).
    assert_eq!(
        call(c.0, t, usize::MAX, bp, 64, &mut len, &mut err),
        ik_status::InvalidArgument
    );
    assert!(take(err).contains("larger than any object can be"));

    // A token inside the output buffer is refused, and neither is written to.
    let mut shared = [b'.'; 128];
    shared[..10].copy_from_slice(b"your_token");
    let sp = shared.as_mut_ptr().cast::<c_char>();
    for (token_at, buf_at) in [(0, 0), (0, 5), (20, 12), (5, 0)] {
        let before = shared;
        let st = unsafe {
            ik_get_authentication_parameters_into(c.0, sp.add(token_at), 10, 1, sp.add(buf_at), 40, &mut len, &mut err)
        };
        assert_eq!(st, ik_status::InvalidArgument, "token at {token_at}, buf at {buf_at}");
        assert!(take(err).contains("`token` overlaps `buf`"));
        assert_eq!(shared, before);
    }
    // Right next to each other is not an overlap.
    let st = unsafe { ik_get_authentication_parameters_into(c.0, sp, 10, 1, sp.add(10), 118, &mut len, &mut err) };
    assert_eq!(st, ik_status::Ok);
    assert!(err.is_null());
    assert_eq!(&shared[..10], b"your_token");
    assert!(shared[10..].starts_with(br#"{"token":"your_token","expire":1,"signature":""#));

    // No error document carries the private key.
    for token in [&b"\xff"[..], b"t\0", b"t"] {
        for cap in [0, 8] {
            if let Some(e) = into(&c, Some(token), 0, cap).err {
                assert!(!e.contains(KEY), "{e}");
            }
        }
    }
}

/// A child forked after the parent drew its batch of randomness must not hand out the
/// parent's next tokens.
#[cfg(unix)]
#[test]
fn a_forked_child_does_not_repeat_the_parents_tokens() {
    let c = client();
    let token_of = |c: &C| {
        let got = into(c, None, 1, 134);
        assert_eq!(got.st, ik_status::Ok);
        let v: Value = serde_json::from_str(&got.text).unwrap();
        v["token"].as_str().unwrap().to_string()
    };
    for round in 0..3 {
        token_of(&c); // the batch is drawn before the fork
        let mut fds = [0i32; 2];
        assert_eq!(unsafe { libc::pipe(fds.as_mut_ptr()) }, 0);
        let pid = unsafe { libc::fork() };
        assert!(pid >= 0);
        if pid == 0 {
            // The child: one token into the pipe, then leave without running the test harness.
            let mut buf = [0u8; 134];
            let mut len = 0usize;
            let st = unsafe {
                ik_get_authentication_parameters_into(
                    c.0,
                    ptr::null(),
                    0,
                    1,
                    buf.as_mut_ptr().cast::<c_char>(),
                    buf.len(),
                    &mut len,
                    ptr::null_mut(),
                )
            };
            let code = if st == ik_status::Ok && len >= 46 {
                let n = unsafe { libc::write(fds[1], buf[10..46].as_ptr().cast(), 36) };
                i32::from(n != 36)
            } else {
                2
            };
            unsafe { libc::_exit(code) };
        }
        unsafe { libc::close(fds[1]) };
        let mut theirs = [0u8; 36];
        let n = unsafe { libc::read(fds[0], theirs.as_mut_ptr().cast(), 36) };
        let mut status = 0;
        unsafe {
            libc::waitpid(pid, &mut status, 0);
            libc::close(fds[0]);
        }
        assert!(
            libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
            "child status {status}"
        );
        assert_eq!(n, 36);
        let theirs = String::from_utf8(theirs.to_vec()).unwrap();
        let mine = token_of(&c);
        assert!(is_uuid_v4(&theirs), "{theirs}");
        assert_ne!(
            mine, theirs,
            "round {round}: the child repeated the parent's next token"
        );
    }
}
