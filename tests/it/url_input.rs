//! `ik_url` input handling through the C ABI (the input-handling rules): NUL characters,
//! numbers that underflow to zero, repeated keys whose last value wins, and many distinct keys.
//! Expected values follow imagekitio 4.2.0 on CPython 3.11 (`json.loads` then `url()`), the
//! the original SDK's semantics (`tests/data/url_official.json` is checked by tests/it/ffi_url.rs).

use imagekit::client::{ik_client, ik_client_free, ik_client_new, ik_string_free};
use imagekit::status::ik_status;
use imagekit::url::ik_url;
use imagekit_core::sign::Signer;
use serde_json::Value;
use std::ffi::{c_char, CStr, CString};
use std::fmt::Write;
use std::ptr;

const ENDPOINT: &str = "https://test-domain.com/test-endpoint";

struct C(*mut ik_client);

impl Drop for C {
    fn drop(&mut self) {
        unsafe { ik_client_free(self.0) };
    }
}

fn client() -> C {
    let cfg = CString::new(format!(
        r#"{{"private_key":"private_key_test","public_key":"public_key_test","url_endpoint":"{ENDPOINT}"}}"#
    ))
    .unwrap();
    let mut c = ptr::null_mut();
    let st = unsafe { ik_client_new(cfg.as_ptr(), &mut c, ptr::null_mut()) };
    assert_eq!(st, ik_status::Ok);
    C(c)
}

fn call(c: &C, options: &str) -> (ik_status, String) {
    let text = CString::new(options).unwrap();
    let mut out: *mut c_char = ptr::null_mut();
    let st = unsafe { ik_url(c.0, text.as_ptr(), &mut out) };
    assert!(!out.is_null());
    let s = unsafe { CStr::from_ptr(out) }.to_str().unwrap().to_string();
    unsafe { ik_string_free(out) };
    (st, s)
}

fn ok(c: &C, options: &str) -> String {
    let (st, out) = call(c, options);
    assert_eq!(st, ik_status::Ok, "{options}: {out}");
    out
}

fn invalid(c: &C, options: &str, needle: &str) {
    let (st, out) = call(c, options);
    assert_eq!(st, ik_status::InvalidArgument, "{options}: {out}");
    let doc: Value = serde_json::from_str(&out).unwrap();
    let msg = doc["message"].as_str().unwrap();
    assert!(msg.contains(needle), "{options}: {msg:?} does not mention {needle:?}");
}

/// `ik-s` as the original SDK computes it: HMAC-SHA1 over the URL minus `endpoint/`, plus the expiry.
fn sig(url_without_signature: &str, expiry: &str) -> String {
    let payload = url_without_signature.replace(&format!("{ENDPOINT}/"), "") + expiry;
    Signer::new("private_key_test").sign(payload.as_bytes())
}

#[test]
fn a_nul_in_a_string_that_reaches_the_url_is_refused_naming_the_option() {
    let c = client();
    for (options, needle) in [
        (r#"{"path":"/a\u0000b.jpg"}"#, "option `path` contains a NUL"),
        (
            r#"{"path":"/a\u0000b.jpg","signed":true}"#,
            "option `path` contains a NUL",
        ),
        (r#"{"src":"https://h/a\u0000.jpg"}"#, "option `src` contains a NUL"),
        (r#"{"src":"https://h/a.jpg?x=\u0000"}"#, "option `src` contains a NUL"),
        (
            r#"{"path":"a","url_endpoint":"https://h/\u0000"}"#,
            "option `url_endpoint` contains a NUL",
        ),
        (
            r#"{"path":"a","urlEndpoint":"https://h/\u0000"}"#,
            "option `url_endpoint` contains a NUL",
        ),
        (
            r#"{"path":"a","transformation":[{"w":"1\u0000"}]}"#,
            "transformation step 0: the value of `w` contains a NUL",
        ),
        (
            r#"{"path":"a","transformation":[{"w":1},{"raw":"\u0000"}]}"#,
            "transformation step 1: the value of `raw` contains a NUL",
        ),
        (
            r#"{"path":"a","transformation":[{"a\u0000":1}]}"#,
            "transformation step 0: the key \"a\\0\" contains a NUL",
        ),
        (
            r#"{"path":"a","transformation":[{"oi":"x/\u0000"}],"transformation_position":"query"}"#,
            "the value of `oi` contains a NUL",
        ),
        (
            r#"{"path":"a","query_parameters":{"v":"\u0000"}}"#,
            "query_parameters: the value of `v` contains a NUL",
        ),
        (
            r#"{"path":"a","query_parameters":{"\u0000":"1"}}"#,
            "query_parameters: the key \"\\0\" contains a NUL",
        ),
    ] {
        invalid(&c, options, needle);
    }
    // Other escapes still work, and a NUL replaced by a later value is gone.
    assert_eq!(ok(&c, r#"{"path":"/a\u0001b"}"#), format!("{ENDPOINT}/a\u{1}b"));
    assert_eq!(ok(&c, r#"{"path":"/a\u0000b","path":"/c"}"#), format!("{ENDPOINT}/c"));
}

#[test]
fn numbers_that_underflow_to_zero_are_zero_for_signed_and_expire_seconds() {
    let c = client();
    // Python: json.loads gives 0.0, which is falsy: not signed.
    for zero in ["1e-400", "-1e-400", "2.47e-324", "0.0000001e-320"] {
        assert_eq!(
            ok(&c, &format!(r#"{{"path":"/a.jpg","signed":{zero}}}"#)),
            format!("{ENDPOINT}/a.jpg"),
            "{zero}"
        );
        // Signed, expire_seconds falsy: the default expiry 9999999999 and no ik-t.
        let base = format!("{ENDPOINT}/a.jpg");
        assert_eq!(
            ok(
                &c,
                &format!(r#"{{"path":"/a.jpg","signed":true,"expire_seconds":{zero},"now":1735689600}}"#)
            ),
            format!("{base}?ik-s={}", sig(&base, "9999999999")),
            "{zero}"
        );
    }
    // The smallest subnormal is not zero: signed, and ik-t = now + 5e-324 = 1735689600.0.
    let base = format!("{ENDPOINT}/a.jpg");
    assert_eq!(
        ok(
            &c,
            r#"{"path":"/a.jpg","signed":5e-324,"expire_seconds":5e-324,"now":1735689600}"#
        ),
        format!("{base}?ik-t=1735689600.0&ik-s={}", sig(&base, "1735689600.0"))
    );
}

#[test]
fn a_repeated_key_keeps_its_last_value_and_an_invalid_earlier_value_is_no_error() {
    let c = client();
    for (options, want) in [
        (r#"{"path":1,"path":"/a.jpg"}"#, format!("{ENDPOINT}/a.jpg")),
        (r#"{"path":"/a\u0000","path":"/a.jpg"}"#, format!("{ENDPOINT}/a.jpg")),
        (r#"{"src":[],"src":"x","path":"/a.jpg"}"#, format!("{ENDPOINT}/a.jpg")),
        (
            r#"{"url_endpoint":null,"url_endpoint":"https://e/","path":"a"}"#,
            "https://e/a".to_string(),
        ),
        (
            r#"{"urlEndpoint":5,"url_endpoint":"https://e","path":"a"}"#,
            "https://e/a".to_string(),
        ),
        (
            r#"{"path":"a","transformation":[{"raw":5}],"transformation":[{"w":1}]}"#,
            format!("{ENDPOINT}/tr:w-1/a"),
        ),
        (
            r#"{"path":"a","transformation":{"w":1},"transformation":[{"h":2}]}"#,
            format!("{ENDPOINT}/tr:h-2/a"),
        ),
        (
            r#"{"path":"a","transformation":[{"raw":5,"w":1,"raw":"x-1"}]}"#,
            format!("{ENDPOINT}/tr:x-1,w-1/a"),
        ),
        (
            r#"{"path":"a","transformation":[{"w":[1],"w":2}]}"#,
            format!("{ENDPOINT}/tr:w-2/a"),
        ),
        (
            r#"{"path":"a","transformation":[{"w":1}],"transformation_position":"fake","transformation_position":"query"}"#,
            format!("{ENDPOINT}/a?tr=w-1"),
        ),
        (
            r#"{"path":"a","transformationPosition":null,"transformation_position":"path"}"#,
            format!("{ENDPOINT}/a"),
        ),
        (
            r#"{"path":"a","query_parameters":[1],"queryParameters":{"v":1}}"#,
            format!("{ENDPOINT}/a?v=1"),
        ),
        (
            r#"{"path":"a","query_parameters":{"v":[1],"w":2,"v":"x"}}"#,
            format!("{ENDPOINT}/a?v=x&w=2"),
        ),
        (
            r#"{"path":"a","query_parameters":{"v":{},"v":null}}"#,
            format!("{ENDPOINT}/a?v=None"),
        ),
        (
            r#"{"path":"a","now":"soon","now":1,"signed":true,"expire_seconds":10}"#,
            {
                let base = format!("{ENDPOINT}/a");
                format!("{base}?ik-t=11&ik-s={}", sig(&base, "11"))
            },
        ),
    ] {
        assert_eq!(ok(&c, options), want, "{options}");
    }
    // The last value decides both ways: a valid value replaced by an invalid one is an error.
    for (options, needle) in [
        (r#"{"path":"/a.jpg","path":1}"#, "`path` must be a string"),
        (
            r#"{"path":"a","transformation":[{"w":1}],"transformation":[{"raw":5}]}"#,
            "`raw` must be a string",
        ),
        (
            r#"{"path":"a","transformation":[{"raw":"x","raw":5}]}"#,
            "`raw` must be a string",
        ),
        (
            r#"{"path":"a","query_parameters":{"v":1,"v":[1]}}"#,
            "the value of `v` must be",
        ),
        (
            r#"{"path":"a","transformation_position":"query","transformationPosition":"x"}"#,
            "got \"x\"",
        ),
        // The first invalid value left, in document order.
        (r#"{"src":1,"path":2,"src":3}"#, "`path` must be a string"),
        // A syntax error anywhere comes first (json.loads fails before url() runs).
        (r#"{"path":1,"transformation":[{"raw":5}],"src":}"#, "not valid JSON"),
        (r#"{"path":"a","transformation":[{"raw":5},{"w":}]}"#, "not valid JSON"),
        (r#"{"path":"a","query_parameters":{"v":[1],"w":]}}"#, "not valid JSON"),
        // An unknown key is not a value: a later key does not excuse it.
        (r#"{"colour":1,"path":"a"}"#, "unknown option `colour`"),
    ] {
        invalid(&c, options, needle);
    }
}

/// A step, `query_parameters` and a `src` query with many distinct keys and some repeats keep
/// Python dict semantics (first position, last value). Their time is linear: see
/// bench/url_keys_bench.sh for the figures (speed lives in benchmarks, not tests).
#[test]
fn many_distinct_keys_keep_dict_semantics() {
    let c = client();
    let n = 20_000;
    // Keys k0..k(n-1); every 7th key is repeated at the end with a new value.
    let mut step = String::from("{");
    let mut query = String::from("{");
    let mut src_query = String::new();
    for i in 0..n {
        let sep = if i == 0 { "" } else { "," };
        write!(step, "{sep}\"k{i}\":{i}").unwrap();
        write!(query, "{sep}\"q{i}\":\"{i}\"").unwrap();
        write!(src_query, "{}s{i}={i}", if i == 0 { "" } else { "&" }).unwrap();
    }
    for i in (0..n).step_by(7) {
        write!(step, ",\"k{i}\":\"r{i}\"").unwrap();
        write!(query, ",\"q{i}\":\"r{i}\"").unwrap();
        write!(src_query, "&s{i}=r{i}").unwrap();
    }
    step.push('}');
    query.push('}');
    let value = |i: usize| if i % 7 == 0 { format!("r{i}") } else { i.to_string() };

    let want_tr: Vec<String> = (0..n).map(|i| format!("k{i}-{}", value(i))).collect();
    let url = ok(&c, &format!(r#"{{"path":"a","transformation":[{step}]}}"#));
    assert_eq!(url, format!("{ENDPOINT}/tr:{}/a", want_tr.join(",")));

    let want_q: Vec<String> = (0..n).map(|i| format!("q{i}={}", value(i))).collect();
    let url = ok(&c, &format!(r#"{{"path":"a","query_parameters":{query}}}"#));
    assert_eq!(url, format!("{ENDPOINT}/a?{}", want_q.join("&")));

    // dict(parse_qsl(src query)), updated with query_parameters (s1 in place, z appended), then tr.
    let want_s: Vec<String> = (0..n).map(|i| format!("s{i}={}", value(i))).collect();
    let url = ok(
        &c,
        &format!(
            r#"{{"src":"https://h/a.jpg?{src_query}","query_parameters":{{"s1":"x","z":"1"}},"transformation":[{{"w":1}}]}}"#
        ),
    );
    let mut want = want_s.clone();
    want[1] = "s1=x".into();
    want.push("z=1".into());
    want.push("tr=w-1".into());
    assert_eq!(url, format!("https://h/a.jpg?{}", want.join("&")));
}
