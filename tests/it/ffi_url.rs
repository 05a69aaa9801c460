//! `ik_url`, `ik_get_authentication_parameters` and `ik_phash_distance` through the C ABI,
//! called from Rust via the rlib: every official vector (`tests/data/*.json`, copies of the shared
//! vectors so a fresh clone tests itself), the original README's examples, the original Python SDK's quirks
//! (expected values produced by imagekitio 4.2.0 with the original README's table, CPython 3.11.7), and bad
//! input of every kind.

use imagekit::auth::ik_get_authentication_parameters;
use imagekit::phash::ik_phash_distance;
use imagekit::status::ik_status;
use imagekit::url::ik_url;
use imagekit_core::sign::Signer;
use imagekit_core::url::{get_signature, signed_payload, Expiry};
use serde_json::{json, Value};
use std::ffi::CString;
use std::ptr;

use crate::support::{client_from, client_with, data, is_uuid_v4, take, unix_now, C};

fn test_client() -> C {
    client_with("private_key_test", "https://test-domain.com/test-endpoint")
}

fn readme_client() -> C {
    client_with("private_key_test", "https://ik.imagekit.io/your_imagekit_id")
}

/// `ik_url` with raw bytes as options (NUL appended).
fn url_bytes(c: &C, options: &[u8]) -> (ik_status, String) {
    let text = CString::new(options).unwrap();
    let mut out = ptr::null_mut();
    let st = unsafe { ik_url(c.0, text.as_ptr(), &mut out) };
    (st, take(out))
}

fn url_call(c: &C, options: &str) -> (ik_status, String) {
    url_bytes(c, options.as_bytes())
}

fn url_ok(c: &C, options: &str) -> String {
    let (st, out) = url_call(c, options);
    assert_eq!(st, ik_status::Ok, "ik_url({options}) failed: {out}");
    out
}

/// Asserts an `IK_STATUS_INVALID_ARGUMENT` whose error document mentions `needle`.
fn url_invalid(c: &C, options: &[u8], needle: &str) {
    let (st, out) = url_bytes(c, options);
    assert_eq!(
        st,
        ik_status::InvalidArgument,
        "{}: {out}",
        String::from_utf8_lossy(options)
    );
    let doc: Value = serde_json::from_str(&out).expect("error document is JSON");
    assert_eq!(doc["status"], "invalid_argument", "{out}");
    assert_eq!(doc["code"], 2, "{out}");
    let msg = doc["message"].as_str().unwrap();
    assert!(
        msg.contains(needle),
        "{}: message {msg:?} does not mention {needle:?}",
        String::from_utf8_lossy(options)
    );
}

// ---------------------------------------------------------------------------------------------
// Official URL vectors
// ---------------------------------------------------------------------------------------------

/// The URL without the `ik-t`/`ik-s` the signer appended (the vectors have no fragments).
fn unsigned_part(url: &str) -> (&str, Option<i128>) {
    let cut = url.find("?ik-").or_else(|| url.find("&ik-")).unwrap();
    let t = url
        .split("ik-t=")
        .nth(1)
        .map(|r| r.split('&').next().unwrap().parse().unwrap());
    (&url[..cut], t)
}

#[test]
fn official_url_vectors_through_the_c_abi() {
    let doc = data("url_official.json");
    let cases = doc["cases"].as_array().unwrap();
    assert_eq!(cases.len(), 138);
    let mut failures = Vec::new();
    let (mut ok, mut errors, mut payloads) = (0, 0, 0);
    for case in cases {
        let id = case["id"].as_str().unwrap();
        let c = client_from(&case["client"]);
        let mut options = case["options"].clone();
        options
            .as_object_mut()
            .unwrap()
            .insert("now".into(), case["now"].clone());
        // serde_json's preserve_order keeps the key order of the file: it is meaningful.
        let (st, out) = url_call(&c, &options.to_string());
        match &case["expected"] {
            Value::String(want) => {
                if st != ik_status::Ok || &out != want {
                    failures.push(format!("{id}: status {st:?}\n  got:  {out}\n  want: {want}"));
                    continue;
                }
                ok += 1;
                if let Some(payload) = case["sign_payload"].as_str() {
                    // The exact string the original Python SDK HMAC'd, recomputed from our unsigned URL.
                    let (unsigned, t) = unsigned_part(&out);
                    let ep = case["options"]["url_endpoint"]
                        .as_str()
                        .unwrap_or(case["client"]["url_endpoint"].as_str().unwrap());
                    let expiry = t.map_or(Expiry::DEFAULT, Expiry::Int);
                    let got = signed_payload(unsigned, ep.trim_matches('/'), expiry).unwrap();
                    if got != payload {
                        failures.push(format!("{id}: signed payload\n  got:  {got}\n  want: {payload}"));
                    }
                    payloads += 1;
                }
            }
            Value::Object(e) if e.get("error") == Some(&Value::Bool(true)) => {
                if st == ik_status::Ok {
                    failures.push(format!("{id}: expected an error, got {out}"));
                    continue;
                }
                let d: Value = serde_json::from_str(&out).unwrap();
                assert_eq!(d["status"], "invalid_argument", "{id}: {out}");
                errors += 1;
            }
            other => panic!("{id}: unexpected `expected` {other}"),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of 138 cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert_eq!((ok, errors), (137, 1));
    assert_eq!(payloads, 18, "every case with a sign_payload was checked");
}

// ---------------------------------------------------------------------------------------------
// The original README's examples
// ---------------------------------------------------------------------------------------------

#[test]
fn readme_example_1_path_with_endpoint_override() {
    let c = readme_client();
    assert_eq!(
        url_ok(
            &c,
            r#"{"path":"/default-image.jpg","url_endpoint":"https://ik.imagekit.io/your_imagekit_id/endpoint/","transformation":[{"height":"300","width":"400"}]}"#
        ),
        "https://ik.imagekit.io/your_imagekit_id/endpoint/tr:h-300,w-400/default-image.jpg"
    );
}

#[test]
fn readme_example_2_src() {
    let c = readme_client();
    assert_eq!(
        url_ok(
            &c,
            r#"{"src":"https://ik.imagekit.io/your_imagekit_id/endpoint/default-image.jpg","transformation":[{"height":"300","width":"400"}]}"#
        ),
        "https://ik.imagekit.io/your_imagekit_id/endpoint/default-image.jpg?tr=h-300%2Cw-400"
    );
}

#[test]
fn readme_example_3_query_position_with_a_padded_key() {
    // The original README writes "transformation_position " with a trailing space.
    let c = readme_client();
    assert_eq!(
        url_ok(
            &c,
            r#"{"path":"/default-image.jpg","url_endpoint":"https://ik.imagekit.io/your_imagekit_id/endpoint/","transformation":[{"height":"300","width":"400"},{"rotation":90}],"transformation_position ":"query"}"#
        ),
        "https://ik.imagekit.io/your_imagekit_id/endpoint/default-image.jpg?tr=h-300%2Cw-400%3Art-90"
    );
}

#[test]
fn readme_example_4_key_only_and_effects() {
    let c = readme_client();
    assert_eq!(
        url_ok(&c, r#"{"src":"https://ik.imagekit.io/your_imagekit_id/endpoint/default-image.jpg","transformation":[{"format":"jpg","progressive":"true","effect_sharpen":"-","effect_contrast":"1"}]}"#),
        "https://ik.imagekit.io/your_imagekit_id/endpoint/default-image.jpg?tr=f-jpg%2Cpr-true%2Ce-sharpen%2Ce-contrast-1"
    );
}

#[test]
fn readme_example_5_signed_shape_and_recomputed_signature() {
    // The README shows .../tr:h-300,w-400/default-image.jpg?v=123&ik-t=1567358667&ik-s=f2c7…,
    // made with a private key we do not have and from a path without the ".jpg" it shows. So:
    // check the shape (ik-t = now + 300; parameters v, ik-t, ik-s in that order) and recompute
    // ik-s independently as HMAC-SHA1 over (URL minus "endpoint/") + expiry.
    let c = readme_client();
    let out = url_ok(
        &c,
        r#"{"path":"/default-image","query_parameters":{"v":"123"},"transformation":[{"height":"300","width":"400"}],"signed":true,"expire_seconds":300,"now":1567358367}"#,
    );
    let prefix = "https://ik.imagekit.io/your_imagekit_id/tr:h-300,w-400/default-image?v=123&ik-t=1567358667&ik-s=";
    assert!(out.starts_with(prefix), "{out}");
    let sig = &out[prefix.len()..];
    assert_eq!(sig.len(), 40);
    assert!(
        sig.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)),
        "lower-case hex: {sig}"
    );
    let signed = "tr:h-300,w-400/default-image?v=1231567358667";
    assert_eq!(sig, Signer::new("private_key_test").sign(signed.as_bytes()));
    // The README's own path, with ".jpg", gives the same shape.
    let out = url_ok(
        &c,
        r#"{"path":"/default-image.jpg","query_parameters":{"v":"123"},"transformation":[{"height":"300","width":"400"}],"signed":true,"expire_seconds":300,"now":1567358367}"#,
    );
    let expected_sig = Signer::new("private_key_test").sign(b"tr:h-300,w-400/default-image.jpg?v=1231567358667");
    assert_eq!(
        out,
        format!("https://ik.imagekit.io/your_imagekit_id/tr:h-300,w-400/default-image.jpg?v=123&ik-t=1567358667&ik-s={expected_sig}")
    );
}

// ---------------------------------------------------------------------------------------------
// The original Python SDK's quirks. Expected values: imagekitio 4.2.0 + the original README's table on CPython 3.11.7,
// client ImageKit(private_key=<key>, public_key="public_key_test",
// url_endpoint="https://test-domain.com/test-endpoint"), clock frozen at 1735689600.
// ---------------------------------------------------------------------------------------------

const QUIRKS: &[(&str, &str, &str, &str)] = &[
    (
        "path is never percent-encoded",
        "private_key_test",
        r#"{"path":"/a b/é \"<>[]{}|^\\%.jpg"}"#,
        r#"https://test-domain.com/test-endpoint/a b/é "<>[]{}|^\%.jpg"#,
    ),
    (
        "? and # in path are structural",
        "private_key_test",
        r#"{"path":"/a?p=1#b.jpg","query_parameters":{"q":"2"}}"#,
        r#"https://test-domain.com/test-endpoint/a?p=1&q=2#b.jpg"#,
    ),
    (
        "signature goes before the fragment",
        "private_key_test",
        r#"{"path":"/a#b.jpg","signed":true}"#,
        r#"https://test-domain.com/test-endpoint/a?ik-s=c909161236a94f1bf436d377499e4af3813328bf#b.jpg"#,
    ),
    (
        "value with ? # in path position: n-a/b?c#d&e loses c",
        "private_key_test",
        r#"{"path":"/x.jpg","transformation":[{"named":"a/b?c#d&e"}]}"#,
        r#"https://test-domain.com/test-endpoint/tr:n-a/b#d&e/x.jpg"#,
    ),
    (
        "query rebuilt with quote_plus",
        "private_key_test",
        r#"{"path":"/x.jpg","query_parameters":{"a b":"c d","star":"*~/:,"}}"#,
        r#"https://test-domain.com/test-endpoint/x.jpg?a+b=c+d&star=%2A~%2F%3A%2C"#,
    ),
    (
        "blank values dropped, duplicates collapse",
        "private_key_test",
        r#"{"src":"https://h.io/x.jpg?a=&b&c=1&d=2&c=3&%20e=%41+b"}"#,
        r#"https://h.io/x.jpg?c=3&d=2&+e=A+b"#,
    ),
    (
        "src stripped of / at both ends",
        "private_key_test",
        r#"{"src":"https://h.io/x.jpg?x=/","transformation":[{"w":1}]}"#,
        r#"https://h.io/x.jpg?tr=w-1"#,
    ),
    (
        "relative src",
        "private_key_test",
        r#"{"src":"img.jpg","transformation":[{"width":1}]}"#,
        r#"img.jpg?tr=w-1"#,
    ),
    (
        "path wins over src",
        "private_key_test",
        r#"{"path":"/p.jpg","src":"https://h.io/s.jpg"}"#,
        r#"https://test-domain.com/test-endpoint/p.jpg"#,
    ),
    (
        "src forces query position",
        "private_key_test",
        r#"{"src":"https://h.io/s.jpg","transformation":[{"width":1}],"transformation_position":"path"}"#,
        r#"https://h.io/s.jpg?tr=w-1"#,
    ),
    (
        "ik-attachment lower-cased",
        "private_key_test",
        r#"{"path":"/x.jpg","query_parameters":{"ik-attachment":"TRUE"}}"#,
        r#"https://test-domain.com/test-endpoint/x.jpg?ik-attachment=true"#,
    ),
    (
        "falsy ik-attachment kept as Python str",
        "private_key_test",
        r#"{"path":"/x.jpg","query_parameters":{"ik-attachment":false,"n":null,"f":1.0,"t":true}}"#,
        r#"https://test-domain.com/test-endpoint/x.jpg?ik-attachment=False&n=None&f=1.0&t=True"#,
    ),
    (
        "numbers print as Python str()",
        "private_key_test",
        r#"{"path":"/x.jpg","transformation":[{"width":1.0,"height":1e-7,"quality":100,"dpr":2.50,"x":null,"y":-0}]}"#,
        r#"https://test-domain.com/test-endpoint/tr:w-1.0,h-1e-07,q-100,dpr-2.5,x-None,y-0/x.jpg"#,
    ),
    (
        "user ik-s / ik-t overwritten in place",
        "private_key_test",
        r#"{"path":"/x.jpg","query_parameters":{"ik-s":"mine","a":"1","ik-t":"0"},"signed":true,"expire_seconds":300,"now":1735689600}"#,
        r#"https://test-domain.com/test-endpoint/x.jpg?ik-s=5c2a5f4f01c1f89696aa89dcd11ccaf96c344927&a=1&ik-t=1735689900"#,
    ),
    (
        "user ik-s only: ik-t appended",
        "private_key_test",
        r#"{"path":"/x.jpg","query_parameters":{"ik-s":"mine","a":"1"},"signed":true,"expire_seconds":300,"now":1735689600}"#,
        r#"https://test-domain.com/test-endpoint/x.jpg?ik-s=f5e2e346157035cb5dbb176cbce8d3e384905ff9&a=1&ik-t=1735689900"#,
    ),
    (
        "every occurrence of endpoint/ removed before signing",
        "private_key_test",
        r#"{"path":"/https://test-domain.com/test-endpoint/x.jpg","signed":true}"#,
        r#"https://test-domain.com/test-endpoint/https://test-domain.com/test-endpoint/x.jpg?ik-s=403a319de8b5723cb2e97b7c8688621dfc72d49f"#,
    ),
    (
        "upper-case scheme: the whole URL is signed",
        "private_key_test",
        r#"{"path":"/x.jpg","url_endpoint":"HTTPS://test-domain.com/test-endpoint","signed":true}"#,
        r#"https://test-domain.com/test-endpoint/x.jpg?ik-s=37ef2e084dc4ff7b006043105796254827f7e9bc"#,
    ),
    (
        "src on another host: whole URL signed",
        "private_key_test",
        r#"{"src":"https://other.io/x.jpg","signed":true,"expire_seconds":60,"now":1735689600}"#,
        r#"https://other.io/x.jpg?ik-t=1735689660&ik-s=dac84dcafd2806ae1c6a1ac60e06830d1c65fb09"#,
    ),
    (
        "non-ASCII: text after a second ? drops the expiry from the signature",
        "private_key_test",
        r#"{"path":"/é#x?y","query_parameters":{"p":"1"},"signed":true,"expire_seconds":10,"now":1735689600}"#,
        r#"https://test-domain.com/test-endpoint/é?p=1&ik-t=1735689610&ik-s=66a87fb75b19095f95ce1c6796dba25c0e2743c0#x?y"#,
    ),
    (
        "non-ASCII path with %20 signed as %2520",
        "private_key_test",
        r#"{"path":"/é%20.jpg","signed":true}"#,
        r#"https://test-domain.com/test-endpoint/é%20.jpg?ik-s=5faa716357e75b451144d817f21b7c4da38da0a0"#,
    ),
    (
        "float expire_seconds",
        "private_key_test",
        r#"{"path":"/x.jpg","signed":true,"expire_seconds":2.5,"now":1735689600}"#,
        r#"https://test-domain.com/test-endpoint/x.jpg?ik-t=1735689602.5&ik-s=f1d16e7080d7e7ac45cc53380d607dbb3bf85e2e"#,
    ),
    (
        "negative expire_seconds: past ik-t, default in signature",
        "private_key_test",
        r#"{"path":"/x.jpg","signed":true,"expire_seconds":-1735689601,"now":1735689600}"#,
        r#"https://test-domain.com/test-endpoint/x.jpg?ik-t=-1&ik-s=403a319de8b5723cb2e97b7c8688621dfc72d49f"#,
    ),
    (
        "signed is truthy-tested",
        "private_key_test",
        r#"{"path":"/x.jpg","signed":"true"}"#,
        r#"https://test-domain.com/test-endpoint/x.jpg?ik-s=403a319de8b5723cb2e97b7c8688621dfc72d49f"#,
    ),
    (
        "signed 0 does not sign",
        "private_key_test",
        r#"{"path":"/x.jpg","signed":0,"expire_seconds":5}"#,
        r#"https://test-domain.com/test-endpoint/x.jpg"#,
    ),
    (
        "empty steps",
        "private_key_test",
        r#"{"path":"/x.jpg","transformation":[{"w":1},{},{"h":2}]}"#,
        r#"https://test-domain.com/test-endpoint/tr:w-1::h-2/x.jpg"#,
    ),
    (
        "two empty steps",
        "private_key_test",
        r#"{"path":"/x.jpg","transformation":[{},{}]}"#,
        r#"https://test-domain.com/test-endpoint/tr::/x.jpg"#,
    ),
    (
        "raw empty gives a trailing comma",
        "private_key_test",
        r#"{"path":"/x.jpg","transformation":[{"h":1,"raw":""}]}"#,
        r#"https://test-domain.com/test-endpoint/tr:h-1,/x.jpg"#,
    ),
    (
        "tr stripped of / in the path position",
        "private_key_test",
        r#"{"path":"/x.jpg","transformation":[{"raw":"/w-1/"}]}"#,
        r#"https://test-domain.com/test-endpoint/tr:w-1/x.jpg"#,
    ),
    (
        "overlay_* names of the original README's table",
        "private_key_test",
        r#"{"path":"/x.jpg","transformation":[{"overlay_image":"/a/b.png","overlay_x":10,"overlay_alpha":5,"overlay_image_focus":"top"}]}"#,
        r#"https://test-domain.com/test-endpoint/tr:oi-a@@b.png,ox-10,oa-5,oifo-top/x.jpg"#,
    ),
    (
        "duplicate keys in a step",
        "private_key_test",
        r#"{"path":"/x.jpg","transformation":[{"w":1,"h":2,"w":3}]}"#,
        r#"https://test-domain.com/test-endpoint/tr:w-3,h-2/x.jpg"#,
    ),
    (
        "duplicate query keys",
        "private_key_test",
        r#"{"path":"/x.jpg","query_parameters":{"a":"1","b":"2","a":"3"}}"#,
        r#"https://test-domain.com/test-endpoint/x.jpg?a=3&b=2"#,
    ),
    (
        ";params in the last segment",
        "private_key_test",
        r#"{"path":"/a;b/c;d.jpg?x=1"}"#,
        r#"https://test-domain.com/test-endpoint/a;b/c;d.jpg?x=1"#,
    ),
    (
        "empty ;params are dropped",
        "private_key_test",
        r#"{"path":"/c;","transformation":[{"w":1}],"transformation_position":"query"}"#,
        r#"https://test-domain.com/test-endpoint/c?tr=w-1"#,
    ),
    (
        "tabs and newlines are removed",
        "private_key_test",
        r#"{"path":"/a\tb\nc\r.jpg"}"#,
        r#"https://test-domain.com/test-endpoint/abc.jpg"#,
    ),
    (
        "endpoint without scheme",
        "private_key_test",
        r#"{"path":"/x.jpg","url_endpoint":"ik.imagekit.io/demo/"}"#,
        r#"ik.imagekit.io/demo/x.jpg"#,
    ),
    (
        "endpoint with a query",
        "private_key_test",
        r#"{"path":"/x.jpg","url_endpoint":"https://h.io/e?v=1","query_parameters":{"w":"2"}}"#,
        r#"https://h.io/e?v=1%2Fx.jpg&w=2"#,
    ),
    (
        "scheme with no netloc gets //",
        "private_key_test",
        r#"{"src":"https:x.jpg"}"#,
        r#"https:///x.jpg"#,
    ),
    (
        "existing %XX re-encoded",
        "private_key_test",
        r#"{"src":"https://h.io/x.jpg?q=%20a%2Fb+c&r=%zz"}"#,
        r#"https://h.io/x.jpg?q=+a%2Fb+c&r=%25zz"#,
    ),
    (
        "tr replaces a tr already in src",
        "private_key_test",
        r#"{"src":"https://h.io/x.jpg?tr=w-1&a=1","transformation":[{"h":2}]}"#,
        r#"https://h.io/x.jpg?tr=h-2&a=1"#,
    ),
    (
        "query_parameters tr overwritten by transformation",
        "private_key_test",
        r#"{"path":"/x.jpg","query_parameters":{"tr":"mine","z":"1"},"transformation":[{"w":1}],"transformation_position":"query"}"#,
        r#"https://test-domain.com/test-endpoint/x.jpg?tr=w-1&z=1"#,
    ),
    (
        "src with a fragment",
        "private_key_test",
        r#"{"src":"https://h.io/x.jpg?a=1#frag","query_parameters":{"b":"2"},"signed":true}"#,
        r#"https://h.io/x.jpg?a=1&b=2&ik-s=51db140044a30b3871fb70ef978b1dae2d943587#frag"#,
    ),
    (
        "unicode query keys and values",
        "private_key_test",
        r#"{"path":"/x.jpg","query_parameters":{"é":"ü 😀"}}"#,
        r#"https://test-domain.com/test-endpoint/x.jpg?%C3%A9=%C3%BC+%F0%9F%98%80"#,
    ),
    (
        "non-ASCII private key signs with UTF-8 bytes",
        "ключ€",
        r#"{"path":"/x.jpg","signed":true}"#,
        r#"https://test-domain.com/test-endpoint/x.jpg?ik-s=501e1518a78ed119623e30bd9dd4928a8420c283"#,
    ),
    (
        "expire_seconds 1e20 prints as Python float",
        "private_key_test",
        r#"{"path":"/x.jpg","signed":true,"expire_seconds":1e20,"now":1735689600}"#,
        r#"https://test-domain.com/test-endpoint/x.jpg?ik-t=1.0000000000173569e%2B20&ik-s=f7c68222c107b39be7fe4d87a479e481e0b9e382"#,
    ),
    (
        "huge int expire_seconds",
        "private_key_test",
        r#"{"path":"/x.jpg","signed":true,"expire_seconds":100000000000000000000,"now":1735689600}"#,
        r#"https://test-domain.com/test-endpoint/x.jpg?ik-t=100000000001735689600&ik-s=ac322f4fe8a12321f88f715c804a144bb53ed99a"#,
    ),
    (
        "oi/di from bool",
        "private_key_test",
        r#"{"path":"/x.jpg","transformation":[{"di":true,"oi":"-"}]}"#,
        r#"https://test-domain.com/test-endpoint/tr:di-true,oi/x.jpg"#,
    ),
    (
        "\"-\" in query is a normal value",
        "private_key_test",
        r#"{"path":"/x.jpg","query_parameters":{"a":"-"}}"#,
        r#"https://test-domain.com/test-endpoint/x.jpg?a=-"#,
    ),
    (
        "IPv6 host",
        "private_key_test",
        r#"{"path":"/x.jpg","url_endpoint":"https://[::1]:8080/e","signed":true}"#,
        r#"https://[::1]:8080/e/x.jpg?ik-s=403a319de8b5723cb2e97b7c8688621dfc72d49f"#,
    ),
];

#[test]
fn quirks_match_the_python_sdk() {
    let mut failures = Vec::new();
    for (what, key, options, want) in QUIRKS {
        let c = client_with(key, "https://test-domain.com/test-endpoint");
        // Sent as written (not re-serialized): duplicate keys and number literals such as `-0`
        // or `100000000000000000000` are part of the cases.
        let text = if options.contains("\"now\"") {
            options.to_string()
        } else {
            options.replacen('{', "{\"now\":1735689600,", 1)
        };
        let (st, out) = url_call(&c, &text);
        if st != ik_status::Ok || out != *want {
            failures.push(format!("{what}\n  options: {options}\n  got:  {out}\n  want: {want}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

// ---------------------------------------------------------------------------------------------
// Options: names, aliases, types
// ---------------------------------------------------------------------------------------------

#[test]
fn camel_case_aliases_and_padded_keys() {
    let c = test_client();
    let snake = url_ok(
        &c,
        r#"{"path":"/x.jpg","url_endpoint":"https://e.io/a","transformation":[{"w":1}],"transformation_position":"query","query_parameters":{"v":"1"},"signed":true,"expire_seconds":60,"now":1735689600}"#,
    );
    let camel = url_ok(
        &c,
        r#"{"path":"/x.jpg","urlEndpoint":"https://e.io/a","transformation":[{"w":1}],"transformationPosition":"query","queryParameters":{"v":"1"},"signed":true,"expireSeconds":60,"now":1735689600}"#,
    );
    let padded = url_ok(&c, "{\" path\":\"/x.jpg\",\"url_endpoint\\t\":\"https://e.io/a\",\"\\ntransformation\":[{\"w\":1}],\"  transformationPosition \":\"query\",\"query_parameters \":{\"v\":\"1\"},\" signed\":true,\"expire_seconds \":60,\" now \":1735689600}");
    assert_eq!(snake, camel);
    assert_eq!(snake, padded);
    assert!(
        snake.starts_with("https://e.io/a/x.jpg?v=1&tr=w-1&ik-t=1735689660&ik-s="),
        "{snake}"
    );
}

#[test]
fn the_clients_transformation_position_applies_unless_the_call_overrides_it() {
    let c = client_from(
        &json!({"private_key":"k","public_key":"p","url_endpoint":"https://e.io/base/","transformation_position":"query"}),
    );
    assert_eq!(
        url_ok(&c, r#"{"path":"a.jpg","transformation":[{"w":1}]}"#),
        "https://e.io/base/a.jpg?tr=w-1"
    );
    assert_eq!(
        url_ok(
            &c,
            r#"{"path":"a.jpg","transformation":[{"w":1}],"transformation_position":"path"}"#
        ),
        "https://e.io/base/tr:w-1/a.jpg"
    );
}

#[test]
fn transformation_names_seed_aliases_and_passthrough() {
    let c = test_client();
    let u = url_ok(
        &c,
        r#"{"path":"/x.jpg","transformation":[{"aspectRatio":"4-3","fontSize":20,"grayscale":true,"effectUSM":"2-2","overlayX":5,"font_family":"a/b","aiUpscale":"-","x_center":3,"rotate":90,"unknownKey":"v","border":"5_FF0000"}]}"#,
    );
    assert_eq!(
        u,
        "https://test-domain.com/test-endpoint/tr:ar-4-3,fs-20,e-grayscale-true,e-usm-2-2,ox-5,ff-a/b,e-upscale,xc-3,rt-90,unknownKey-v,b-5_FF0000/x.jpg"
    );
    // Pinned by the official vectors (cases 091-096, 100-102, 136, 137): left verbatim.
    let u = url_ok(
        &c,
        r#"{"path":"/x.jpg","transformation":[{"xCenter":30,"yCenter":40,"aiRemoveBackground":true,"aiRemoveBackgroundExternal":"false","aiDropShadow":"az-45"}]}"#,
    );
    assert_eq!(
        u,
        "https://test-domain.com/test-endpoint/tr:xCenter-30,yCenter-40,aiRemoveBackground-true,aiRemoveBackgroundExternal-false,aiDropShadow-az-45/x.jpg"
    );
    // Keys keep the caller's order, including integer-like keys that JS would reorder.
    assert_eq!(
        url_ok(&c, r#"{"path":"/x.jpg","transformation":[{"w":1,"123":"a","h":2}]}"#),
        "https://test-domain.com/test-endpoint/tr:w-1,123-a,h-2/x.jpg"
    );
}

#[test]
fn empty_result_and_plain_text_output() {
    let c = test_client();
    assert_eq!(url_ok(&c, "{}"), "");
    assert_eq!(url_ok(&c, r#"{"path":"/","src":"///","signed":true}"#), "");
    let u = url_ok(&c, " \n{\"path\":\"x\"}\t ");
    assert_eq!(u, "https://test-domain.com/test-endpoint/x", "a URL, not a JSON string");
}

#[test]
fn wrong_types_are_invalid_arguments_that_name_the_problem() {
    let c = test_client();
    for (options, needle) in [
        (
            r#"{"transformation":{"height":300}}"#,
            "`transformation` must be a list",
        ),
        (
            r#"{"path":"x","transformation":"h-300"}"#,
            "`transformation` must be a list",
        ),
        (
            r#"{"path":"x","transformation":[["h",300]]}"#,
            "transformation step 0 must be an object, got an array",
        ),
        (
            r#"{"path":"x","transformation":[{"w":1},"h-300"]}"#,
            "transformation step 1 must be an object, got a string",
        ),
        (
            r#"{"path":"x","transformation":[{"raw":5}]}"#,
            "`raw` must be a string, got a number",
        ),
        (
            r#"{"path":"x","transformation":[{"raw":null}]}"#,
            "`raw` must be a string, got null",
        ),
        (
            r#"{"path":"x","transformation":[{"default_image":{}}]}"#,
            "`default_image` must be a string",
        ),
        (
            r#"{"path":"x","transformation":[{"overlay_image":12}]}"#,
            "`overlay_image` must be a string",
        ),
        (
            r#"{"path":"x","transformation":[{"width":[1,2]}]}"#,
            "value of `width` must be a string, number, boolean or null",
        ),
        (
            r#"{"path":"x","query_parameters":["v",1]}"#,
            "`query_parameters` must be an object, got an array",
        ),
        (
            r#"{"path":"x","query_parameters":"v=1"}"#,
            "`query_parameters` must be an object, got a string",
        ),
        (
            r#"{"path":"x","query_parameters":{"v":[1]}}"#,
            "value of `v` must be a string, number, boolean or null",
        ),
        (
            r#"{"path":"x","signed":true,"expire_seconds":"300"}"#,
            "`expire_seconds` must be a number",
        ),
        (
            r#"{"path":"x","signed":true,"expireSeconds":true}"#,
            "`expire_seconds` must be a number",
        ),
        (
            r#"{"path":"x","transformation_position":"fake"}"#,
            "`transformation_position` must be \"path\" or \"query\"",
        ),
        (
            r#"{"path":"x","transformationPosition":1}"#,
            "`transformation_position` must be \"path\" or \"query\"",
        ),
        (r#"{"path":["x"]}"#, "`path` must be a string, got an array"),
        (r#"{"src":7}"#, "`src` must be a string, got a number"),
        (
            r#"{"path":"x","url_endpoint":null}"#,
            "`url_endpoint` must be a string, got null",
        ),
        (r#"{"path":"x","now":"soon"}"#, "`now` must be an integer"),
        (r#"{"path":"x","colour":"red"}"#, "unknown option `colour`"),
        (r#"{"path":"x","private_key":"k"}"#, "unknown option `private_key`"),
        (r#"{"path":"x","expire":5}"#, "unknown option `expire`"),
        (r#"["path","x"]"#, "options_json must be a JSON object, got an array"),
        (r#""path""#, "must be a JSON object, got a string"),
        (
            r#"{"path":"x","url_endpoint":"","signed":true}"#,
            "cannot sign a URL without a url_endpoint",
        ),
        (r#"{"path":"x","url_endpoint":"https://[::1/e"}"#, "unbalanced brackets"),
    ] {
        url_invalid(&c, options.as_bytes(), needle);
    }
    // The original SDK ignores expire_seconds when the URL is not signed.
    assert_eq!(
        url_ok(&c, r#"{"path":"x","expire_seconds":"300"}"#),
        "https://test-domain.com/test-endpoint/x"
    );
}

#[test]
fn malformed_json_and_bad_utf8() {
    let c = test_client();
    for options in [
        &b""[..],
        b"   ",
        b"{",
        b"{\"path\":\"x\"",
        b"{\"path\":\"x\",}",
        b"{path:\"x\"}",
        b"{'path':'x'}",
        b"{\"path\":\"x\"} trailing",
        b"{\"path\":\"x\"}{}",
        b"{\"path\":\"\\q\"}",
        b"{\"path\":\"\\ud800\"}",
        b"{\"path\":\"a\x01b\"}",
        b"{\"path\":\"x\",\"expire_seconds\":01}",
        b"{\"path\":\"x\",\"expire_seconds\":NaN}",
        b"{\"path\":\"x\",\"signed\":True}",
    ] {
        url_invalid(&c, options, "not valid JSON");
    }
    let deep = format!(
        "{{\"path\":\"x\",\"transformation\":{}{}}}",
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    url_invalid(&c, deep.as_bytes(), "nested too deeply");
    url_invalid(&c, b"{\"path\":\"\xff\xfe\"}", "not valid UTF-8");
    url_invalid(&c, b"{\"path\":\"\xc3\"}", "argument `options_json` is not valid UTF-8");
}

#[test]
fn null_arguments_are_refused_naming_the_argument() {
    let c = test_client();
    let opts = CString::new(r#"{"path":"x"}"#).unwrap();
    let mut out = ptr::null_mut();
    assert_eq!(
        unsafe { ik_url(ptr::null(), opts.as_ptr(), &mut out) },
        ik_status::NullArgument
    );
    assert!(take(out).contains("`client` must not be NULL"));
    assert_eq!(unsafe { ik_url(c.0, ptr::null(), &mut out) }, ik_status::NullArgument);
    assert!(take(out).contains("`options_json` must not be NULL"));
    assert_eq!(
        unsafe { ik_url(c.0, opts.as_ptr(), ptr::null_mut()) },
        ik_status::NullArgument
    );

    assert_eq!(
        unsafe { ik_get_authentication_parameters(ptr::null(), ptr::null(), 0, &mut out) },
        ik_status::NullArgument
    );
    assert!(take(out).contains("`client` must not be NULL"));
    assert_eq!(
        unsafe { ik_get_authentication_parameters(c.0, ptr::null(), 0, ptr::null_mut()) },
        ik_status::NullArgument
    );

    let a = CString::new("f0").unwrap();
    let mut d = 7u32;
    let mut err = ptr::null_mut();
    assert_eq!(
        unsafe { ik_phash_distance(ptr::null(), a.as_ptr(), &mut d, &mut err) },
        ik_status::NullArgument
    );
    assert!(take(err).contains("`first` must not be NULL"));
    assert_eq!(d, 0, "out_distance is reset on entry");
    assert_eq!(
        unsafe { ik_phash_distance(a.as_ptr(), ptr::null(), &mut d, &mut err) },
        ik_status::NullArgument
    );
    assert!(take(err).contains("`second` must not be NULL"));
    assert_eq!(
        unsafe { ik_phash_distance(a.as_ptr(), a.as_ptr(), ptr::null_mut(), &mut err) },
        ik_status::NullArgument
    );
    assert!(take(err).contains("`out_distance` must not be NULL"));
    // out_error is optional.
    assert_eq!(
        unsafe { ik_phash_distance(ptr::null(), a.as_ptr(), &mut d, ptr::null_mut()) },
        ik_status::NullArgument
    );
    assert_eq!(
        unsafe { ik_phash_distance(a.as_ptr(), a.as_ptr(), &mut d, ptr::null_mut()) },
        ik_status::Ok
    );
}

#[test]
fn the_private_key_never_appears_in_any_output() {
    let key = "sekrit_pk_0f9e8d7c";
    let c = client_with(key, "https://test-domain.com/test-endpoint");
    let mut outputs = Vec::new();
    for options in [
        r#"{"path":"/x.jpg","signed":true}"#,
        r#"{"path":"/x.jpg","signed":true,"expire_seconds":10}"#,
        r#"{"src":"https://other.io/x.jpg","signed":true}"#,
        r#"{"path":"x","colour":1}"#,
        r#"{"path":"x","private_key":"k"}"#,
        r#"{"path":"x","signed":true,"expire_seconds":"1"}"#,
        r#"{"path":"x","url_endpoint":"","signed":true}"#,
        r#"{"path":"x","transformation":[{"raw":1}]}"#,
        r#"{"path":1}"#,
        "{",
    ] {
        outputs.push(url_call(&c, options).1);
    }
    for token in [None, Some("t")] {
        let tok = token.map(|t| CString::new(t).unwrap());
        let mut out = ptr::null_mut();
        unsafe { ik_get_authentication_parameters(c.0, tok.as_ref().map_or(ptr::null(), |t| t.as_ptr()), 0, &mut out) };
        outputs.push(take(out));
    }
    let bad = CString::new(b"\xff".to_vec()).unwrap();
    let mut out = ptr::null_mut();
    unsafe { ik_get_authentication_parameters(c.0, bad.as_ptr(), 0, &mut out) };
    outputs.push(take(out));
    assert!(outputs.len() > 10);
    for o in outputs {
        assert!(!o.contains(key), "private key leaked: {o}");
    }
}

// ---------------------------------------------------------------------------------------------
// URL signature vectors (the original SDK's get_signature; not a C function of its own)
// ---------------------------------------------------------------------------------------------

#[test]
fn official_url_signature_vectors() {
    let doc = data("auth_official.json");
    let cases = doc["url_signature"].as_array().unwrap();
    assert_eq!(cases.len(), 23);
    for case in cases {
        let id = case["id"].as_str().unwrap();
        let signer = Signer::new(case["private_key"].as_str().unwrap());
        let url = case["url"].as_str().unwrap();
        let ep = case["url_endpoint"].as_str().unwrap();
        let expiry = Expiry::Int(case["expiry_timestamp"].as_i64().unwrap() as i128);
        assert_eq!(
            signed_payload(url, ep, expiry).unwrap(),
            case["sign_payload"].as_str().unwrap(),
            "{id}"
        );
        assert_eq!(
            get_signature(&signer, url, ep, expiry).unwrap(),
            case["expected"].as_str().unwrap(),
            "{id}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Authentication parameters
// ---------------------------------------------------------------------------------------------

fn auth_call(c: &C, token: Option<&[u8]>, expire: i64) -> (ik_status, String) {
    let tok = token.map(|t| CString::new(t).unwrap());
    let mut out = ptr::null_mut();
    let st = unsafe {
        ik_get_authentication_parameters(c.0, tok.as_ref().map_or(ptr::null(), |t| t.as_ptr()), expire, &mut out)
    };
    (st, take(out))
}

#[test]
fn official_auth_vectors_through_the_c_abi() {
    let doc = data("auth_official.json");
    let cases = doc["auth_params"].as_array().unwrap();
    assert_eq!(cases.len(), 5);
    for case in cases {
        let id = case["id"].as_str().unwrap();
        let key = case["private_key"].as_str().unwrap();
        let c = client_with(key, "https://x.io");
        // Python passes `expire` as given (the official Python test uses the string
        // "1582269249"); the C ABI takes an int64, so it comes back as a JSON number.
        let expire = match &case["expire"] {
            Value::String(s) => s.parse::<i64>().unwrap(),
            v => v.as_i64().unwrap(),
        };
        let token = case["token"].as_str().unwrap();
        let before = unix_now();
        let (st, out) = auth_call(&c, if token.is_empty() { None } else { Some(token.as_bytes()) }, expire);
        let after = unix_now();
        assert_eq!(st, ik_status::Ok, "{id}: {out}");
        let got: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(
            got.as_object().unwrap().keys().collect::<Vec<_>>(),
            ["token", "expire", "signature"],
            "{id}"
        );
        let want = &case["expected"];
        if case["token_random"] == true {
            let t = got["token"].as_str().unwrap();
            assert!(is_uuid_v4(t), "{id}: {t}");
            let e = got["expire"].as_i64().unwrap();
            assert!((before + 1800..=after + 1800).contains(&e), "{id}: expire {e}");
            let sig = Signer::new(key).sign(format!("{t}{e}").as_bytes());
            assert_eq!(got["signature"], sig, "{id}");
            // With the clock frozen at the vector's `now`, the expiry is exactly the vector's.
            let core = imagekit_core::Client::from_json(
                &json!({"private_key": key, "public_key": "p", "url_endpoint": "https://x.io"}).to_string(),
            )
            .unwrap();
            let p = core
                .authentication_parameters(None, 0, case["now"].as_i64().unwrap())
                .unwrap();
            assert_eq!(p.expire, want["expire"].as_i64().unwrap(), "{id}");
        } else {
            assert_eq!(got["token"], want["token"], "{id}");
            assert_eq!(
                got["expire"].as_i64().unwrap().to_string(),
                want["expire"].to_string().trim_matches('"'),
                "{id}"
            );
            assert_eq!(got["signature"], want["signature"], "{id}");
        }
    }
}

#[test]
fn auth_draws_fresh_tokens_escapes_odd_ones_and_signs_any_expiry() {
    let c = test_client();
    let (_, a) = auth_call(&c, Some(b""), 0);
    let (_, b) = auth_call(&c, None, 0);
    let a: Value = serde_json::from_str(&a).unwrap();
    let b: Value = serde_json::from_str(&b).unwrap();
    assert!(is_uuid_v4(a["token"].as_str().unwrap()) && is_uuid_v4(b["token"].as_str().unwrap()));
    assert_ne!(a["token"], b["token"], "a fresh token every call");
    // A token with characters that need JSON escaping round-trips.
    let (st, out) = auth_call(&c, Some("tok\"en\\é".as_bytes()), 1700000000);
    assert_eq!(st, ik_status::Ok);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["token"], "tok\"en\\é");
    assert_eq!(
        v["signature"],
        Signer::new("private_key_test").sign("tok\"en\\é1700000000".as_bytes())
    );
    // Negative and huge expiries are signed as given.
    let (_, out) = auth_call(&c, Some(b"t"), -1);
    assert!(out.contains("\"expire\":-1"), "{out}");
    let (_, out) = auth_call(&c, Some(b"t"), i64::MAX);
    assert!(out.contains(&format!("\"expire\":{}", i64::MAX)), "{out}");
    // Invalid UTF-8 in the token.
    let (st, out) = auth_call(&c, Some(b"\xffbad"), 0);
    assert_eq!(st, ik_status::InvalidArgument);
    assert!(out.contains("`token` is not valid UTF-8"), "{out}");
}

// ---------------------------------------------------------------------------------------------
// pHash distance
// ---------------------------------------------------------------------------------------------

fn phash(a: Option<&[u8]>, b: Option<&[u8]>) -> (ik_status, u32, Option<String>) {
    let a = a.map(|s| CString::new(s).unwrap());
    let b = b.map(|s| CString::new(s).unwrap());
    let mut d = u32::MAX;
    let mut err = ptr::null_mut();
    let st = unsafe {
        ik_phash_distance(
            a.as_ref().map_or(ptr::null(), |s| s.as_ptr()),
            b.as_ref().map_or(ptr::null(), |s| s.as_ptr()),
            &mut d,
            &mut err,
        )
    };
    let err = if err.is_null() { None } else { Some(take(err)) };
    (st, d, err)
}

#[test]
fn official_phash_vectors_through_the_c_abi() {
    let doc = data("phash_official.json");
    let cases: Vec<&Value> = doc
        .as_object()
        .unwrap()
        .values()
        .filter_map(|v| v.as_array())
        .flatten()
        .collect();
    assert_eq!(cases.len(), 34);
    let mut checked = 0;
    for case in cases {
        let id = case["id"].as_str().unwrap();
        let (a, b) = (&case["a"], &case["b"]);
        if a.is_number() || b.is_number() {
            // phash-0234/0239/0244 (1234, 111) and phash-0257 (2222222222222222) pass JSON numbers;
            // a C string cannot carry a number, so these cannot be expressed through the ABI.
            // Their stringified forms are covered in `phash_issue_rules_over_python_quirks`.
            continue;
        }
        let (st, d, err) = phash(a.as_str().map(str::as_bytes), b.as_str().map(str::as_bytes));
        match &case["expected"] {
            Value::Number(n) if id == "phash-0253" => {
                // Python returns 32 for ("f06830ca9f1e3e90", "42") because it never checks lengths
                // (tagged sdk_disagree). The issue's rule wins: unequal lengths are an error.
                assert_eq!(n.as_u64(), Some(32));
                assert_eq!(st, ik_status::InvalidArgument, "{id}");
                assert!(err.unwrap().contains("unequal pHash string length"), "{id}");
            }
            Value::Number(n) => {
                assert_eq!(st, ik_status::Ok, "{id}: {err:?}");
                assert_eq!(Some(d as u64), n.as_u64(), "{id}");
                assert!(err.is_none(), "{id}: out_error is NULL on success");
            }
            Value::Object(e) => {
                assert_eq!(e["error"], true);
                assert_ne!(st, ik_status::Ok, "{id}");
                let want = if a.is_null() || b.is_null() {
                    ik_status::NullArgument
                } else {
                    ik_status::InvalidArgument
                };
                assert_eq!(st, want, "{id}");
                let doc: Value = serde_json::from_str(&err.unwrap()).unwrap();
                assert!(!doc["message"].as_str().unwrap().is_empty());
            }
            other => panic!("{id}: {other}"),
        }
        checked += 1;
    }
    assert_eq!(checked, 30);
}

#[test]
fn phash_issue_rules_over_python_quirks() {
    // The original SDK's examples.
    assert_eq!(phash(Some(b"f06830ca9f1e3e90"), Some(b"f06830ca9f1e3e90")).1, 0);
    assert_eq!(phash(Some(b"2d5ad3936d2e015b"), Some(b"2d6ed293db36a4fb")).1, 17);
    assert_eq!(phash(Some(b"a4a65595ac94518b"), Some(b"7838873e791f8400")).1, 37);
    // 0x prefix and upper case are fine.
    let (st, d, _) = phash(Some(b"0xA4A65595AC94518B"), Some(b"7838873e791f8400"));
    assert_eq!((st, d), (ik_status::Ok, 37));
    // Python's int() accepts these; the issue's rule does not.
    for (a, b, needle) in [
        (
            &b"-f06830ca9f1e3e9"[..],
            &b"f06830ca9f1e3e90"[..],
            "must be hexadecimal",
        ),
        (b" f06830ca9f1e3e9", b"f06830ca9f1e3e90", "must be hexadecimal"),
        (b"f068_30ca9f1e3e9", b"f06830ca9f1e3e90", "must be hexadecimal"),
        (
            b"f06830ca9f1e3e90ff",
            b"f06830ca9f1e3e90",
            "unequal pHash string length",
        ),
        (b"", b"f0", "missing pHash value"),
        (b"f0", b"", "missing pHash value"),
        (b"0x", b"0x", "no digits"),
        // The numbers of phash-0234 as strings: still unequal lengths.
        (b"1234", b"111", "unequal pHash string length"),
        (b"\xff\xfe", b"ab", "`first` is not valid UTF-8"),
    ] {
        let (st, d, err) = phash(Some(a), Some(b));
        assert_eq!(st, ik_status::InvalidArgument, "{a:?} {b:?}");
        assert_eq!(d, 0);
        let err = err.unwrap();
        assert!(err.contains(needle), "{err}");
        assert!(err.contains("\"status\":\"invalid_argument\""), "{err}");
    }
    // phash-0257 as a string: Node stringifies the number and gets 30; Python raises only
    // because it was given an int. As hex text it is a valid pHash.
    assert_eq!(phash(Some(b"f06830ca9f1e3e90"), Some(b"2222222222222222")).1, 30);
}
