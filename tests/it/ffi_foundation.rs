//! The foundation's C contract, exercised from Rust through the rlib: status codes, the panic
//! boundary, the out-parameter protocol, client creation errors and string ownership.

use imagekit::boundary::{call_with_error, call_with_out};
use imagekit::client::*;
use imagekit::status::{ik_status, ik_status_str};
use imagekit_core::{Error, ErrorKind};
use std::ffi::{c_char, CStr, CString};
use std::ptr;

use crate::support::take;

fn json(s: *mut c_char) -> serde_json::Value {
    serde_json::from_str(&take(s)).expect("valid JSON")
}

#[test]
fn version_matches_cargo() {
    let v = unsafe { CStr::from_ptr(ik_version()) }.to_str().unwrap();
    assert_eq!(v, format!("libimagekit/{}", env!("CARGO_PKG_VERSION")));
}

#[test]
fn status_codes_are_fixed_and_described() {
    let fixed = [
        (ik_status::Ok, 0u32),
        (ik_status::NullArgument, 1),
        (ik_status::InvalidArgument, 2),
        (ik_status::Io, 3),
        (ik_status::Cancelled, 4),
        (ik_status::Network, 10),
        (ik_status::Timeout, 11),
        (ik_status::Tls, 12),
        (ik_status::Decode, 13),
        (ik_status::BadRequest, 20),
        (ik_status::Unauthorized, 21),
        (ik_status::Forbidden, 22),
        (ik_status::NotFound, 23),
        (ik_status::Conflict, 24),
        (ik_status::UnprocessableEntity, 25),
        (ik_status::RateLimited, 26),
        (ik_status::ServerError, 27),
        (ik_status::ApiError, 28),
        (ik_status::PartialSuccess, 29),
        (ik_status::Panic, 99),
    ];
    for (status, code) in fixed {
        assert_eq!(status as u32, code);
        let text = unsafe { CStr::from_ptr(ik_status_str(code)) }.to_str().unwrap();
        assert_ne!(text, "unknown status", "code {code} has no description");
    }
    for unknown in [5u32, 9, 14, 19, 30, 98, 100, u32::MAX] {
        let text = unsafe { CStr::from_ptr(ik_status_str(unknown)) }.to_str().unwrap();
        assert_eq!(text, "unknown status");
    }
}

#[test]
fn http_statuses_map_to_kinds() {
    for (http, kind) in [
        (400, ErrorKind::BadRequest),
        (401, ErrorKind::Unauthorized),
        (403, ErrorKind::Forbidden),
        (404, ErrorKind::NotFound),
        (409, ErrorKind::Conflict),
        (422, ErrorKind::UnprocessableEntity),
        (429, ErrorKind::RateLimited),
        (500, ErrorKind::ServerError),
        (503, ErrorKind::ServerError),
        (418, ErrorKind::Api),
        (423, ErrorKind::Api),
    ] {
        assert_eq!(ErrorKind::from_http_status(http), kind, "HTTP {http}");
    }
}

#[test]
fn panic_is_caught_and_reported() {
    let mut out = ptr::null_mut();
    let st = unsafe { call_with_out(&mut out, || -> Result<String, Error> { panic!("boom {}", 42) }) };
    assert_eq!(st, ik_status::Panic);
    let doc = json(out);
    assert_eq!(doc["status"], "panic");
    assert_eq!(doc["code"], 99);
    assert!(doc["message"].as_str().unwrap().contains("boom 42"));

    let mut err = ptr::null_mut();
    let st = unsafe { call_with_error(&mut err, || -> Result<(), Error> { panic!("static") }) };
    assert_eq!(st, ik_status::Panic);
    assert!(json(err)["message"].as_str().unwrap().contains("static"));
    // and with no error out-parameter at all
    let st = unsafe { call_with_error(ptr::null_mut(), || -> Result<(), Error> { panic!("x") }) };
    assert_eq!(st, ik_status::Panic);
}

#[test]
fn out_json_is_written_on_success_and_on_error() {
    let mut out = std::ptr::dangling_mut::<c_char>(); // garbage on entry must be overwritten
    let st = unsafe { call_with_out(&mut out, || Ok("{\"a\":1}".to_string())) };
    assert_eq!(st, ik_status::Ok);
    assert_eq!(take(out), "{\"a\":1}");

    let mut out = ptr::null_mut();
    let st = unsafe {
        call_with_out(&mut out, || {
            let mut e = Error::new(ErrorKind::NotFound, "The requested file does not exist.");
            e.http_status = Some(404);
            e.help = Some("For support kindly contact us at support@imagekit.io.".into());
            e.request_id = Some("req-1".into());
            e.rate_limit.limit = Some(10);
            Err::<String, _>(e)
        })
    };
    assert_eq!(st, ik_status::NotFound);
    let doc = json(out);
    assert_eq!(doc["status"], "not_found");
    assert_eq!(doc["code"], 23);
    assert_eq!(doc["http_status"], 404);
    assert_eq!(doc["request_id"], "req-1");
    assert_eq!(doc["rate_limit"]["limit"], 10);
    assert!(doc["help"].as_str().unwrap().contains("support"));

    // NULL out-parameter: refused before any work happens
    let mut ran = false;
    let st = unsafe {
        call_with_out(ptr::null_mut(), || {
            ran = true;
            Ok(String::new())
        })
    };
    assert_eq!(st, ik_status::NullArgument);
    assert!(!ran);
}

fn new_client(cfg: &str) -> (ik_status, *mut ik_client, Option<serde_json::Value>) {
    let cfg = CString::new(cfg).unwrap();
    let mut client = ptr::null_mut();
    let mut err = ptr::null_mut();
    let st = unsafe { ik_client_new(cfg.as_ptr(), &mut client, &mut err) };
    let err = if err.is_null() { None } else { Some(json(err)) };
    (st, client, err)
}

#[test]
fn client_config_errors_name_the_problem_and_hide_the_key() {
    let cases = [
        (r#"{"public_key":"p","url_endpoint":"https://x"}"#, "private_key"),
        (r#"{"private_key":"SECRET-1","url_endpoint":"https://x"}"#, "public_key"),
        (r#"{"private_key":"SECRET-1","public_key":"p"}"#, "url_endpoint"),
        (
            r#"{"private_key":"","public_key":"p","url_endpoint":"https://x"}"#,
            "private_key",
        ),
        (
            r#"{"private_key":"SECRET-1","public_key":"p","url_endpoint":"https://x","bogus":true}"#,
            "bogus",
        ),
        (
            r#"{"private_key":"SECRET-1","public_key":"p","url_endpoint":5}"#,
            "url_endpoint",
        ),
        (
            r#"{"private_key":"SECRET-1","public_key":"p","url_endpoint":"https://x","timeout_ms":"10"}"#,
            "timeout_ms",
        ),
        (
            r#"{"private_key":"SECRET-1","public_key":"p","url_endpoint":"https://x","max_retries":-1}"#,
            "max_retries",
        ),
        (
            r#"{"private_key":"SECRET-1","public_key":"p","url_endpoint":"https://x","api_base_url":"ftp://x"}"#,
            "api_base_url",
        ),
        (
            r#"{"private_key":"SECRET-1","public_key":"p","url_endpoint":"https://x","ca_file":"/nonexistent/ca.pem"}"#,
            "ca_file",
        ),
        (
            r#"{"private_key":"SECRET-1","public_key":"p","url_endpoint":"https://x","transformation_position":"middle"}"#,
            "transformation_position",
        ),
        ("[]", "object"),
        ("{", "JSON"),
    ];
    for (cfg, needle) in cases {
        let (st, client, err) = new_client(cfg);
        assert_eq!(st, ik_status::InvalidArgument, "{cfg}");
        assert!(client.is_null());
        let err = err.expect("error JSON");
        let msg = err["message"].as_str().unwrap();
        assert!(msg.contains(needle), "{cfg}: message {msg:?} should name {needle:?}");
        assert!(!err.to_string().contains("SECRET-1"), "private key leaked: {err}");
    }
}

#[test]
fn client_accepts_both_spellings_and_trimmed_keys() {
    let (st, client, err) = new_client(
        r#"{" privateKey ":"k","publicKey":"p","url_endpoint":"https://x","transformationPosition":"query","timeoutMs":1000}"#,
    );
    assert_eq!(st, ik_status::Ok, "{err:?}");
    assert!(!client.is_null());
    unsafe { ik_client_free(client) };
}

#[test]
fn null_arguments_are_rejected() {
    let cfg = CString::new("{}").unwrap();
    let mut client = ptr::null_mut();
    let mut err = ptr::null_mut();
    assert_eq!(
        unsafe { ik_client_new(ptr::null(), &mut client, &mut err) },
        ik_status::NullArgument
    );
    assert!(json(err)["message"].as_str().unwrap().contains("config_json"));
    assert_eq!(
        unsafe { ik_client_new(cfg.as_ptr(), ptr::null_mut(), &mut err) },
        ik_status::NullArgument
    );
    assert!(json(err)["message"].as_str().unwrap().contains("out_client"));
    assert_eq!(
        unsafe { ik_client_set_logger(ptr::null(), None, 0, ptr::null_mut()) },
        ik_status::NullArgument
    );
    unsafe {
        ik_client_free(ptr::null_mut());
        ik_string_free(ptr::null_mut());
    }
}

#[test]
fn invalid_utf8_is_rejected() {
    let bad: &[u8] = b"{\"private_key\":\"\xc3\x28\"}\0";
    let mut client = ptr::null_mut();
    let mut err = ptr::null_mut();
    let st = unsafe { ik_client_new(bad.as_ptr().cast(), &mut client, &mut err) };
    assert_eq!(st, ik_status::InvalidArgument);
    assert!(json(err)["message"].as_str().unwrap().contains("UTF-8"));
}

#[test]
fn config_debug_redacts_the_private_key() {
    let cfg =
        imagekit_core::Config::from_json(r#"{"private_key":"SECRET-2","public_key":"p","url_endpoint":"https://x"}"#)
            .unwrap();
    assert!(!format!("{cfg:?}").contains("SECRET-2"));
    let client = imagekit_core::Client::new(cfg).unwrap();
    assert!(!format!("{client:?}").contains("SECRET-2"));
}

#[test]
fn upload_base_follows_api_base_when_only_it_is_overridden() {
    let c = |extra: &str| {
        imagekit_core::Config::from_json(&format!(
            r#"{{"private_key":"k","public_key":"p","url_endpoint":"https://x"{extra}}}"#
        ))
        .unwrap()
    };
    let d = c("");
    assert_eq!(d.api_base_url, "https://api.imagekit.io");
    assert_eq!(d.upload_base_url, "https://upload.imagekit.io");
    let o = c(r#","api_base_url":"http://127.0.0.1:9/""#);
    assert_eq!(o.api_base_url, "http://127.0.0.1:9");
    assert_eq!(o.upload_base_url, "http://127.0.0.1:9");
    let both = c(r#","api_base_url":"http://127.0.0.1:9","upload_base_url":"http://127.0.0.1:8""#);
    assert_eq!(both.upload_base_url, "http://127.0.0.1:8");
}
