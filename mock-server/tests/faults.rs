//! Faults, from Rust and over the control API.

mod support;

use ik_mock_server::{Fault, MockServer, Options};
use serde_json::{json, Value};
use std::time::{Duration, Instant};
use support::*;

fn plain() -> MockServer {
    MockServer::start_with(Options {
        tls: false,
        ..Default::default()
    })
}

fn control(s: &MockServer, method: &str, path: &str, body: &[u8]) -> Resp {
    Conn::plain(s.addr()).request(
        method,
        path,
        &[("Content-Type".into(), "application/json".into())],
        body,
    )
}

#[test]
fn status_faults_then_normal_service() {
    let s = plain();
    s.push_fault(Fault::status(503).on("GET", "/v1/files").times(2));
    let mut c = Conn::plain(s.addr());
    for _ in 0..2 {
        let r = c.request("GET", "/v1/files", &[auth()], b"");
        assert_eq!(r.status, 503);
        assert!(r.json()["message"].is_string());
        assert!(r.header("x-ik-requestId").is_some());
    }
    assert_eq!(c.request("GET", "/v1/files", &[auth()], b"").status, 200);
    assert!(s.pending_faults().is_empty());
    let recs = s.requests();
    assert_eq!(
        recs.iter().map(|r| r.status.unwrap()).collect::<Vec<_>>(),
        vec![503, 503, 200]
    );
    assert_eq!(recs[0].fault.as_deref(), Some("respond 503"));
    assert_eq!(recs[2].fault, None);
}

#[test]
fn faults_match_method_and_path_prefix_in_order() {
    let s = plain();
    s.push_fault(Fault::status(500).on("POST", "/api/v1/files/upload"));
    s.push_fault(Fault::status(409).path("/v1/files/"));
    s.push_fault(Fault::status(408));
    let a = s.addr();
    assert_eq!(
        get(a, "/v1/files").status,
        408,
        "the first two do not match GET /v1/files"
    );
    assert_eq!(get(a, "/v1/files/x/details").status, 409);
    assert_eq!(get(a, "/v1/files/x/details").status, 404, "consumed");
    let r = upload(
        a,
        Form::new()
            .file("file", "a.jpg", "image/jpeg", b"abc")
            .text("fileName", "a.jpg"),
    );
    assert_eq!(r.status, 500);
    assert!(s.files().is_empty(), "a faulted upload stores nothing");
    let rec = s.requests().pop().unwrap();
    assert_eq!(
        rec.part("file").unwrap().size,
        3,
        "the faulted request's body is still read and logged"
    );
}

#[test]
fn forever_faults_and_clear() {
    let s = plain();
    s.push_fault(Fault::status(500).header("x-should-retry", "false").forever());
    for _ in 0..3 {
        let r = get(s.addr(), "/v1/files");
        assert_eq!((r.status, r.header("x-should-retry")), (500, Some("false")));
    }
    assert_eq!(s.pending_faults().len(), 1);
    s.clear_faults();
    assert_eq!(get(s.addr(), "/v1/files").status, 200);
}

#[test]
fn rate_limit_headers() {
    let s = plain();
    s.push_fault(Fault::rate_limited(1500));
    s.push_fault(
        Fault::status(429)
            .header("Retry-After", "1")
            .header("retry-after-ms", "250"),
    );
    let r = get(s.addr(), "/v1/files");
    assert_eq!(r.status, 429);
    assert_eq!(r.header("X-RateLimit-Limit"), Some("10"));
    assert_eq!(r.header("X-RateLimit-Reset"), Some("1500"));
    assert_eq!(r.header("X-RateLimit-Interval"), Some("1000"));
    assert!(r.json()["message"].is_string());
    let r = get(s.addr(), "/v1/files");
    assert_eq!(
        (r.header("retry-after"), r.header("Retry-After-Ms")),
        (Some("1"), Some("250"))
    );
}

#[test]
fn html_and_empty_bodies() {
    let s = plain();
    s.push_fault(Fault::bad_gateway_html());
    s.push_fault(Fault::empty(500));
    s.push_fault(Fault::respond(200, "not json at all"));
    let r = get(s.addr(), "/v1/files");
    assert_eq!(
        (r.status, r.header("content-type"), r.text().as_str()),
        (502, Some("text/html"), "<html>Bad Gateway</html>")
    );
    let r = get(s.addr(), "/v1/files");
    assert_eq!(
        (r.status, r.body.len(), r.header("content-length")),
        (500, 0, Some("0"))
    );
    assert!(r.header("content-type").is_none());
    let r = get(s.addr(), "/v1/files");
    assert_eq!(
        (r.status, r.header("content-type")),
        (200, Some("text/plain; charset=utf-8"))
    );
}

#[test]
fn drop_connection_after_reading_the_request() {
    let s = plain();
    s.push_fault(Fault::drop_connection());
    let mut c = Conn::plain(s.addr());
    c.send(&build("GET", "/v1/files", &[auth()], b""));
    assert!(c.read_response(false).is_none(), "no response");
    let rec = &s.requests()[0];
    assert_eq!((rec.status, rec.fault.as_deref()), (None, Some("drop")));
    assert_eq!(get(s.addr(), "/v1/files").status, 200);
}

#[test]
fn drop_mid_response_sends_half_the_body() {
    let s = plain();
    upload_file(s.addr(), "a.jpg", b"abc", &[]);
    let full = get(s.addr(), "/v1/files").body;
    s.push_fault(Fault::drop_mid_response());
    let mut c = Conn::plain(s.addr());
    c.send(&build("GET", "/v1/files", &[auth()], b""));
    // Read the head by hand: the body is short of Content-Length.
    let raw = {
        let mut v = Vec::new();
        std::io::Read::read_to_end(&mut c.r, &mut v).unwrap();
        v
    };
    let text = String::from_utf8_lossy(&raw);
    let (head, body) = text.split_once("\r\n\r\n").unwrap();
    assert!(head.starts_with("HTTP/1.1 200 OK"));
    assert!(head.contains(&format!("Content-Length: {}", full.len())));
    assert_eq!(body.len(), full.len() / 2);

    // With a canned response instead of the real one.
    s.push_fault(Fault::drop_mid_response().body(r#"{"message":"0123456789"}"#));
    let mut c = Conn::plain(s.addr());
    c.send(&build("GET", "/v1/files", &[auth()], b""));
    let mut v = Vec::new();
    std::io::Read::read_to_end(&mut c.r, &mut v).unwrap();
    assert!(String::from_utf8_lossy(&v).ends_with("\r\n\r\n{\"message\":\""));
}

#[test]
fn delay_before_answering() {
    let s = plain();
    s.push_fault(Fault::delay(Duration::from_millis(400)));
    let t = Instant::now();
    assert_eq!(get(s.addr(), "/v1/files").status, 200);
    assert!(t.elapsed() >= Duration::from_millis(400));
    s.push_fault(Fault::status(503).after(Duration::from_millis(200)));
    let t = Instant::now();
    assert_eq!(get(s.addr(), "/v1/files").status, 503);
    assert!(t.elapsed() >= Duration::from_millis(200));
}

#[test]
fn delayed_request_is_logged_before_the_answer_and_drop_interrupts_it() {
    let s = plain();
    s.push_fault(Fault::delay(Duration::from_secs(60)));
    let addr = s.addr();
    let client = std::thread::spawn(move || {
        let mut c = Conn::plain(addr);
        c.send(&build("GET", "/v1/files", &[auth()], b""));
        c.read_response(false).map(|r| r.status)
    });
    let t = Instant::now();
    while s.requests().is_empty() && t.elapsed() < Duration::from_secs(5) {
        std::thread::sleep(Duration::from_millis(5));
    }
    assert_eq!(s.requests()[0].status, Some(200));
    drop(s); // must not wait 60 s
    assert!(t.elapsed() < Duration::from_secs(10));
    let _ = client.join();
}

#[test]
fn control_api_drives_faults_and_reads_the_log() {
    let s = plain();
    let r = control(
        &s,
        "POST",
        "/__mock/faults",
        json!([
            {"method": "GET", "path": "/v1/files", "status": 503, "times": 2},
            {"status": 429, "headers": {"Retry-After": "1"}},
            {"action": "drop"},
            {"status": 502, "headers": {"Content-Type": "text/html"}, "body": "<html>Bad Gateway</html>"}
        ])
        .to_string()
        .as_bytes(),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json(), json!({"queued": 4, "pending": 4}));
    let pending = control(&s, "GET", "/__mock/faults", b"").json();
    assert_eq!(pending.as_array().unwrap().len(), 4);
    assert_eq!(pending[0]["times"], 2);
    assert_eq!(get(s.addr(), "/v1/files").status, 503);
    assert_eq!(get(s.addr(), "/v1/files").status, 503);
    assert_eq!(get(s.addr(), "/v1/files").header("retry-after"), Some("1"));
    let mut c = Conn::plain(s.addr());
    c.send(&build("GET", "/v1/files", &[auth()], b""));
    assert!(c.read_response(false).is_none());
    assert_eq!(get(s.addr(), "/v1/files").text(), "<html>Bad Gateway</html>");
    assert_eq!(get(s.addr(), "/v1/files").status, 200);

    let log = control(&s, "GET", "/__mock/requests", b"").json();
    let statuses: Vec<Value> = log.as_array().unwrap().iter().map(|r| r["status"].clone()).collect();
    assert_eq!(
        statuses,
        vec![json!(503), json!(503), json!(429), Value::Null, json!(502), json!(200)]
    );
    assert_eq!(log[0]["method"], "GET");
    assert_eq!(log[0]["headers"]["authorization"], basic(KEY, ""));

    let stats = control(&s, "GET", "/__mock/stats", b"").json();
    assert_eq!(stats["requests_recorded"], 6);
    assert_eq!(stats["faults_pending"], 0);
    assert!(stats["connections_accepted"].as_u64().unwrap() >= 8);

    // Bad fault definitions are refused with a reason.
    let r = control(&s, "POST", "/__mock/faults", br#"{"status": 503, "colour": "red"}"#);
    assert_eq!(r.status, 400);
    assert!(r.json()["message"].as_str().unwrap().contains("colour"));
    assert_eq!(control(&s, "POST", "/__mock/faults", b"not json").status, 400);

    control(&s, "POST", "/__mock/faults", br#"{"status": 500, "times": 0}"#);
    assert_eq!(
        control(&s, "DELETE", "/__mock/faults", b"").json(),
        json!({"cleared": 1})
    );
    upload_file(s.addr(), "a.jpg", b"x", &[]);
    assert_eq!(
        control(&s, "GET", "/__mock/files", b"")
            .json()
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(control(&s, "POST", "/__mock/reset", b"").json(), json!({"reset": true}));
    assert_eq!(control(&s, "GET", "/__mock/requests", b"").json(), json!([]));
    assert!(s.files().is_empty());
    assert_eq!(control(&s, "GET", "/__mock/health", b"").json(), json!({"ok": true}));
    assert_eq!(control(&s, "GET", "/__mock/nothing", b"").status, 404);
    // Control requests are neither faulted nor logged.
    s.push_fault(Fault::status(500).forever());
    assert_eq!(control(&s, "GET", "/__mock/stats", b"").status, 200);
    assert!(s.requests().is_empty());
}

#[test]
fn connections_are_counted_and_closed() {
    let s = plain();
    let conns: Vec<Conn> = (0..3).map(|_| Conn::plain(s.addr())).collect();
    let t = Instant::now();
    while s.open_connections() < 3 && t.elapsed() < Duration::from_secs(5) {
        std::thread::sleep(Duration::from_millis(5));
    }
    assert_eq!((s.connections_accepted(), s.open_connections()), (3, 3));
    drop(conns);
    assert!(s.wait_for_open_connections(0, Duration::from_secs(5)));
    assert_eq!(s.connections_accepted(), 3);
    // A dropped connection is not an open one.
    s.push_fault(Fault::drop_connection());
    let mut c = Conn::plain(s.addr());
    c.send(&build("GET", "/v1/files", &[auth()], b""));
    assert!(c.read_response(false).is_none());
    assert!(s.wait_for_open_connections(1, Duration::from_secs(5)));
    drop(c);
    assert!(s.wait_for_open_connections(0, Duration::from_secs(5)));
}

#[test]
fn dropping_the_server_closes_idle_keep_alive_connections() {
    let s = plain();
    let addr = s.addr();
    let mut c = Conn::plain(addr);
    assert_eq!(c.request("GET", "/v1/files", &[auth()], b"").status, 200);
    let t = Instant::now();
    drop(s);
    assert!(t.elapsed() < Duration::from_secs(5));
    assert!(c.is_closed());
    assert!(std::net::TcpStream::connect(addr).is_err(), "listener gone");
}
