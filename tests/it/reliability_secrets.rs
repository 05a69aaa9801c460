//! No secret out: a server (and a proxy) that echo the private key and the Basic token in their
//! bodies and in every header, over every error path a call can take: each HTTP status class
//! (2xx that is not JSON, 2xx upload answers that describe no file, 3xx redirects, every 4xx and
//! 5xx ImageKit uses, retries exhausted), transport failures (dropped connections, cut answers,
//! timeouts, refused connections, TLS), a proxy refusing the tunnel, and every upload variant.
//! Neither the key nor any encoding of its token may appear in any error document or in any log
//! record the C callback receives; and the echoed text must have reached the output (scrubbed), so
//! the sweep cannot pass by dropping everything.

use crate::support::{self, client, config, cstr, out, upload_bytes, CClient};
use base64::Engine;
use ik_mock_server::{Fault, MockServer, Options};
use imagekit::request::ik_request;
use imagekit::seed_names::{ik_upload_file, ik_upload_file_bytes, ik_upload_file_path};
use imagekit::status::ik_status;
use serde_json::{json, Value};
use std::io::{Read, Write};
use std::net::TcpListener;
use std::time::Duration;

/// Characters that make every base64 alphabet and percent-encoding differ from the plain key.
const KEY: &str = "private_Sek/r+it~key?>0123";

/// Every form of the key a server or proxy could echo.
fn forms() -> Vec<String> {
    use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD};
    let mut v = vec![KEY.to_string()];
    for e in [&STANDARD, &STANDARD_NO_PAD, &URL_SAFE, &URL_SAFE_NO_PAD] {
        v.push(e.encode(format!("{KEY}:")));
        v.push(e.encode(KEY));
    }
    v.push("Sek/r+it~key".into()); // the distinctive middle of the key, in case of partial echoes
    v
}

fn leaked(text: &str) -> Option<String> {
    forms().into_iter().find(|f| text.contains(f.as_str()))
}

#[derive(Default)]
struct Sweep {
    cases: usize,
    redacted_seen: usize,
    failures: Vec<String>,
}

impl Sweep {
    /// Checks one call's output; `must_echo`: the server's text must show up (as `<redacted>`).
    fn check(&mut self, case: &str, st: ik_status, text: &str, ok_allowed: bool, must_echo: bool) {
        self.cases += 1;
        if st == ik_status::Ok && !ok_allowed {
            self.failures.push(format!("{case}: returned OK: {text}"));
            return;
        }
        if st == ik_status::Ok {
            return; // a 2xx JSON answer is the caller's data, passed through as sent
        }
        if let Some(f) = leaked(text) {
            self.failures
                .push(format!("{case}: {f:?} in the error document: {text}"));
        }
        if serde_json::from_str::<Value>(text).is_err() {
            self.failures
                .push(format!("{case}: the error document is not JSON: {text}"));
        }
        if text.contains("<redacted>") {
            self.redacted_seen += 1;
        } else if must_echo {
            self.failures.push(format!(
                "{case}: the echoed text did not reach the error document: {text}"
            ));
        }
    }

    fn check_logs(&mut self, case: &str, c: &CClient) {
        for rec in c.logs() {
            if let Some(f) = leaked(&rec) {
                self.failures.push(format!("{case}: {f:?} in a log record: {rec}"));
            }
        }
        c.clear_logs();
    }
}

type Op = (&'static str, Box<dyn Fn(&CClient) -> (ik_status, String)>);

/// Every call that sends something to the server, C surface, as a C caller makes it.
fn operations(upload_file: &std::path::Path) -> Vec<Op> {
    let path = upload_file.to_string_lossy().into_owned();
    vec![
        (
            "ik_request GET",
            Box::new(|c: &CClient| {
                let (m, p) = (cstr("GET"), cstr("/v1/files?limit=1"));
                out(|o| unsafe { ik_request(c.ptr, m.as_ptr(), p.as_ptr(), std::ptr::null(), o) })
            }),
        ),
        (
            "ik_request POST",
            Box::new(|c: &CClient| {
                let (m, p, b) = (cstr("POST"), cstr("/v1/files/purge"), cstr(r#"{"url":"https://x/y"}"#));
                out(|o| unsafe { ik_request(c.ptr, m.as_ptr(), p.as_ptr(), b.as_ptr(), o) })
            }),
        ),
        (
            "ik_upload_file",
            Box::new(|c: &CClient| {
                let o_ = cstr(r#"{"file":"https://example.com/a.jpg","fileName":"a.jpg"}"#);
                out(|o| unsafe { ik_upload_file(c.ptr, o_.as_ptr(), None, std::ptr::null_mut(), o) })
            }),
        ),
        (
            "ik_upload_file_bytes",
            Box::new(|c: &CClient| {
                let data = b"0123456789";
                let o_ = cstr(r#"{"fileName":"b.bin"}"#);
                upload_bytes(ik_upload_file_bytes, c.ptr, data, &o_)
            }),
        ),
        (
            "ik_upload_file_path",
            Box::new(move |c: &CClient| {
                let (p, o_) = (cstr(&path), cstr(r#"{"fileName":"p.bin","idempotent":true}"#));
                out(|o| unsafe { ik_upload_file_path(c.ptr, p.as_ptr(), o_.as_ptr(), None, std::ptr::null_mut(), o) })
            }),
        ),
    ]
}

/// A proxy that refuses every tunnel with the key and token in its status line, headers and body.
fn refusing_proxy() -> u16 {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = l.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for conn in l.incoming() {
            let Ok(mut conn) = conn else { continue };
            let mut head = Vec::new();
            let mut b = [0u8; 1];
            while !head.ends_with(b"\r\n\r\n") && conn.read(&mut b).unwrap_or(0) == 1 {
                head.push(b[0]);
            }
            let text = String::from_utf8_lossy(&head);
            let auth = text
                .lines()
                .find_map(|l| {
                    l.strip_prefix("Authorization: ")
                        .or_else(|| l.strip_prefix("authorization: "))
                })
                .unwrap_or("")
                .to_string();
            let token = base64::engine::general_purpose::STANDARD.encode(format!("{KEY}:"));
            let body = format!("denied {KEY} {auth} {token}");
            let _ = write!(
                conn,
                "HTTP/1.1 403 Denied {KEY} {token}\r\nX-Echo: {KEY}\r\nx-ik-requestId: {token}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    port
}

#[test]
fn no_secret_reaches_an_error_document_or_a_log_record() {
    let server = MockServer::start_with(Options {
        private_key: KEY.into(),
        ..Options::default()
    });
    let base = server.base_url();
    let dir = std::env::temp_dir().join(format!("ik-rel-secrets-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("upload.bin");
    std::fs::write(&file, vec![7u8; 3000]).unwrap();
    let ops = operations(&file);
    let c = client(&config(&base, KEY, json!({"timeout_ms": 2000})));
    let mut sweep = Sweep::default();

    // Every status class, echoed in the body and every header.
    let json_statuses = [
        301u16, 302, 307, 400, 401, 403, 404, 405, 409, 413, 418, 422, 429, 500, 502, 503, 504,
    ];
    for status in json_statuses {
        for (name, op) in &ops {
            server.push_fault(Fault::echo_secrets(status).forever());
            let (st, text) = op(&c);
            server.clear_faults();
            sweep.check(&format!("{name} echo {status}"), st, &text, false, true);
            sweep.check_logs(&format!("{name} echo {status}"), &c);
        }
    }
    // 2xx that is not JSON (IK_STATUS_DECODE), and 2xx JSON: passed through for ik_request, an
    // error (no fileId) for uploads.
    for status in [200u16, 201] {
        for (name, op) in &ops {
            server.push_fault(Fault::echo_secrets_text(status).forever());
            let (st, text) = op(&c);
            server.clear_faults();
            sweep.check(&format!("{name} text {status}"), st, &text, false, true);
            sweep.check_logs(&format!("{name} text {status}"), &c);

            server.push_fault(Fault::echo_secrets(status).forever());
            let (st, text) = op(&c);
            server.clear_faults();
            let is_upload = name.starts_with("ik_upload");
            sweep.check(&format!("{name} json {status}"), st, &text, !is_upload, is_upload);
            sweep.check_logs(&format!("{name} json {status}"), &c);
        }
    }
    // Transport failures after an echoing first attempt (the log has its request id), then:
    // dropped, cut short, silent past the timeout.
    let transport_faults: Vec<(&str, Fault)> = vec![
        ("drop", Fault::drop_connection().forever()),
        ("drop_mid_response", Fault::drop_mid_response().forever()),
        ("handle_then_drop", Fault::handle_then_drop().forever()),
        ("timeout", Fault::delay(Duration::from_millis(1500)).forever()),
    ];
    let quick = client(&config(&base, KEY, json!({"timeout_ms": 400, "max_retries": 1})));
    for (fname, fault) in transport_faults {
        let c = if fname == "timeout" { &quick } else { &c };
        for (name, op) in &ops {
            server.push_fault(Fault::echo_secrets(503));
            server.push_fault(fault.clone());
            let (st, text) = op(c);
            server.clear_faults();
            sweep.check(&format!("{name} 503 then {fname}"), st, &text, false, false);
            sweep.check_logs(&format!("{name} 503 then {fname}"), c);
        }
    }
    // The idempotent upload's look-up failing with an echo (first attempt stored, answer lost).
    server.push_fault(Fault::handle_then_drop().on("POST", "/api/v1/files/upload"));
    server.push_fault(Fault::echo_secrets(500).on("GET", "/v1/files").forever());
    let (st, text) = ops[4].1(&c);
    server.clear_faults();
    sweep.check("idempotent look-up echo 500", st, &text, false, true);
    sweep.check_logs("idempotent look-up echo 500", &c);

    // Connection refused, TLS against a plain port, TLS without the CA, a refusing proxy.
    let dead = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    // A plain-HTTP server that answers a TLS ClientHello at once, echoing the key in clear text.
    let plain = support::raw_server(|mut conn| {
        let mut hello = [0u8; 512];
        let _ = conn.read(&mut hello);
        let body = format!("not TLS {KEY}");
        let _ = write!(
            conn,
            "HTTP/1.1 400 Bad Request {KEY}\r\nX-Key: {KEY}\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        );
    });
    let tls_plain = format!("https://127.0.0.1:{plain}");
    let proxy_port = refusing_proxy();
    let mut others: Vec<(String, String)> = vec![
        (
            "refused".into(),
            config(&format!("http://127.0.0.1:{dead}"), KEY, json!({})),
        ),
        ("tls to a plain port".into(), config(&tls_plain, KEY, json!({}))),
        (
            "tls without the CA".into(),
            config(&server.tls_base_url().unwrap(), KEY, json!({})),
        ),
    ];
    for target in [base.clone(), server.tls_base_url().unwrap()] {
        let mut extra = json!({"proxy": format!("http://127.0.0.1:{proxy_port}")});
        if target.starts_with("https") {
            extra["ca_file"] = json!(server.ca_pem_path());
        }
        others.push((format!("refusing proxy to {target}"), config(&target, KEY, extra)));
    }
    for (case, cfg) in others {
        let c2 = client(&cfg);
        for (name, op) in &ops {
            let (st, text) = op(&c2);
            // (ureq does not quote a proxy's refusal, so nothing is echoed there.)
            sweep.check(&format!("{name} {case}"), st, &text, false, false);
            sweep.check_logs(&format!("{name} {case}"), &c2);
        }
    }
    std::fs::remove_dir_all(&dir).ok();

    eprintln!(
        "secrets sweep: {} calls, {} error documents carried scrubbed server text, {} failures",
        sweep.cases,
        sweep.redacted_seen,
        sweep.failures.len()
    );
    assert!(sweep.failures.is_empty(), "{}", sweep.failures.join("\n"));
    assert!(sweep.cases >= 150, "{} cases", sweep.cases);
}

/// The text of a panic caught at the boundary is the one error text no client scrubs: a key in
/// a formatted panic message is replaced too, for every live client, in every form.
#[test]
fn a_caught_panic_message_carries_no_secret() {
    use imagekit::boundary::call_with_out;
    let c = client(&config("http://127.0.0.1:9", KEY, json!({})));
    // Every whole form (the last of `forms()` is a fragment, for partial echoes: no secret alone).
    for form in forms().into_iter().filter(|f| f.len() > "Sek/r+it~key".len()) {
        let mut doc: *mut std::ffi::c_char = std::ptr::null_mut();
        let st = unsafe {
            call_with_out(&mut doc, || -> imagekit_core::Result<String> {
                panic!("a bug near [{form}] in a request")
            })
        };
        assert_eq!(st, ik_status::Panic);
        let text = unsafe { std::ffi::CStr::from_ptr(doc) }.to_string_lossy().into_owned();
        unsafe { imagekit::client::ik_string_free(doc) };
        assert_eq!(leaked(&text), None, "{text}");
        assert!(text.contains("a bug near [<redacted>] in a request"), "{text}");
    }
    drop(c);
}
