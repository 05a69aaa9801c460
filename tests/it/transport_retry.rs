//! The retry policy end to end against scripted servers on 127.0.0.1: which answers are
//! retried, how many times, how long the client waits (retry-after-ms, Retry-After as seconds
//! or an HTTP date, X-RateLimit-Reset, backoff), x-should-retry both ways, replayable and
//! non-replayable bodies, the attempts count, connection reuse, logging.

use crate::support::{
    capture_logs, core_client as client, core_config as config_json, dead_port, Reply, Server, TEST_PRIVATE_KEY,
};
use imagekit_core::http::retry::format_http_date;
use imagekit_core::http::{Body, Method, Request, Transport};
use imagekit_core::log::LogLevel;
use imagekit_core::{Config, ErrorKind};
use serde_json::json;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

fn get(c: &imagekit_core::Client) -> imagekit_core::Result<String> {
    c.request("GET", "/v1/files", None)
}

fn retry_counts(s: &Server) -> Vec<String> {
    s.seen()
        .iter()
        .map(|r| r.header("x-ik-retry-count").unwrap_or("-").to_string())
        .collect()
}

#[test]
fn retryable_statuses_are_retried_then_succeed() {
    for status in [408u16, 409, 429, 500, 502, 503, 504] {
        let s = Server::start(vec![
            Reply::status(status),
            Reply::status(status),
            Reply::json(200, r#"{"ok":1}"#),
        ]);
        let c = client(&s.url(), json!({}));
        assert_eq!(get(&c).unwrap(), r#"{"ok":1}"#, "status {status}");
        assert_eq!(s.requests(), 3, "status {status}");
        assert_eq!(retry_counts(&s), ["0", "1", "2"], "status {status}");
    }
}

#[test]
fn other_statuses_are_not_retried() {
    let cases = [
        (400u16, ErrorKind::BadRequest),
        (401, ErrorKind::Unauthorized),
        (403, ErrorKind::Forbidden),
        (404, ErrorKind::NotFound),
        (422, ErrorKind::UnprocessableEntity),
        (423, ErrorKind::Api),
    ];
    for (status, kind) in cases {
        let s = Server::start(vec![Reply::json(status, r#"{"message":"nope","help":"h"}"#)]);
        let e = get(&client(&s.url(), json!({}))).unwrap_err();
        assert_eq!(e.kind, kind, "status {status}");
        assert_eq!(e.http_status, Some(status));
        assert_eq!(e.attempts, Some(1));
        assert_eq!(s.requests(), 1, "status {status}");
    }
}

#[test]
fn retries_stop_after_max_retries_and_count_attempts() {
    for (max, want) in [(0u32, 1usize), (1, 2), (2, 3), (4, 5)] {
        let s = Server::start(vec![]);
        s.set_fallback(Reply::json(503, r#"{"message":"down"}"#));
        let e = get(&client(&s.url(), json!({"max_retries": max}))).unwrap_err();
        assert_eq!(e.kind, ErrorKind::ServerError);
        assert_eq!(e.attempts, Some(want as u32), "max_retries {max}");
        assert_eq!(s.requests(), want, "max_retries {max}");
        assert_eq!(e.message, "down");
    }
}

#[test]
fn x_should_retry_wins_both_ways() {
    // "true" makes a 400 retryable
    let s = Server::start(vec![
        Reply::status(400).header("x-should-retry", "true"),
        Reply::json(200, "[]"),
    ]);
    assert_eq!(get(&client(&s.url(), json!({}))).unwrap(), "[]");
    assert_eq!(s.requests(), 2);
    // "false" stops a 503 and a 429
    for status in [503u16, 429] {
        let s = Server::start(vec![
            Reply::status(status).header("X-Should-Retry", "false"),
            Reply::json(200, "[]"),
        ]);
        let e = get(&client(&s.url(), json!({}))).unwrap_err();
        assert_eq!(e.http_status, Some(status));
        assert_eq!(e.attempts, Some(1));
        assert_eq!(s.requests(), 1);
    }
}

/// Sends one 503 carrying `headers`, then 200, and returns the wait between the two requests.
fn wait_for(status: u16, headers: &[(&str, &str)]) -> Duration {
    let mut first = Reply::status(status);
    for (k, v) in headers {
        first = first.header(k, v);
    }
    let s = Server::start(vec![first, Reply::json(200, "{}")]);
    // backoff is 10-40 ms here, so anything long came from the server's headers
    get(&client(&s.url(), json!({}))).unwrap();
    assert_eq!(s.requests(), 2);
    s.gaps()[0]
}

#[test]
fn retry_after_ms_is_honoured() {
    let d = wait_for(503, &[("retry-after-ms", "400")]);
    assert!(
        d >= Duration::from_millis(390) && d < Duration::from_millis(1500),
        "{d:?}"
    );
}

#[test]
fn retry_after_seconds_is_honoured() {
    let d = wait_for(503, &[("Retry-After", "1")]);
    assert!(
        d >= Duration::from_millis(990) && d < Duration::from_millis(2500),
        "{d:?}"
    );
}

#[test]
fn retry_after_http_date_is_honoured() {
    let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs() as i64;
    let d = wait_for(503, &[("Retry-After", &format_http_date(now + 2))]);
    // second resolution: 2 s ahead means between 1 and 2 s from now
    assert!(
        d >= Duration::from_millis(900) && d < Duration::from_millis(3000),
        "{d:?}"
    );
}

#[test]
fn out_of_window_or_garbage_retry_after_falls_back_to_backoff() {
    let past = format_http_date(1_000_000_000);
    for v in ["0", "-10", "61", "3600", "uhoh", "", past.as_str()] {
        let d = wait_for(503, &[("Retry-After", v)]);
        assert!(d < Duration::from_millis(400), "Retry-After {v:?} waited {d:?}");
    }
    let d = wait_for(503, &[("retry-after-ms", "0"), ("Retry-After", "2")]);
    assert!(
        d < Duration::from_millis(400),
        "retry-after-ms 0 means backoff, waited {d:?}"
    );
}

#[test]
fn rate_limit_reset_is_honoured_on_429() {
    let d = wait_for(
        429,
        &[
            ("X-RateLimit-Reset", "450"),
            ("X-RateLimit-Limit", "10"),
            ("X-RateLimit-Interval", "1000"),
        ],
    );
    assert!(
        d >= Duration::from_millis(440) && d < Duration::from_millis(1500),
        "{d:?}"
    );
    // an unusable Retry-After does not hide it
    let d = wait_for(429, &[("Retry-After", "0"), ("X-RateLimit-Reset", "300")]);
    assert!(
        d >= Duration::from_millis(290) && d < Duration::from_millis(1500),
        "{d:?}"
    );
    // only on 429
    let d = wait_for(503, &[("X-RateLimit-Reset", "900")]);
    assert!(d < Duration::from_millis(400), "{d:?}");
}

#[test]
fn rate_limited_error_carries_the_headers() {
    let s = Server::start(vec![]);
    s.set_fallback(
        Reply::json(429, r#"{"message":"Too many requests"}"#)
            .header("X-RateLimit-Limit", "5")
            .header("X-RateLimit-Reset", "20")
            .header("X-RateLimit-Interval", "1000")
            .header("x-ik-requestId", "req-429"),
    );
    let e = get(&client(&s.url(), json!({}))).unwrap_err();
    assert_eq!(e.kind, ErrorKind::RateLimited);
    assert_eq!(e.attempts, Some(3));
    assert_eq!(e.rate_limit.limit, Some(5));
    assert_eq!(e.rate_limit.reset_ms, Some(20));
    assert_eq!(e.rate_limit.interval_ms, Some(1000));
    assert_eq!(e.request_id.as_deref(), Some("req-429"));
    // 2 waits of ~20 ms each (X-RateLimit-Reset), not seconds
    assert!(
        s.gaps()
            .iter()
            .all(|g| *g >= Duration::from_millis(19) && *g < Duration::from_millis(500)),
        "{:?}",
        s.gaps()
    );
}

#[test]
fn backoff_grows_between_attempts() {
    let s = Server::start(vec![]);
    s.set_fallback(Reply::status(500));
    let c = client(
        &s.url(),
        json!({"max_retries": 3, "retry_initial_delay_ms": 100, "retry_max_delay_ms": 250}),
    );
    let _ = get(&c).unwrap_err();
    let gaps = s.gaps();
    assert_eq!(gaps.len(), 3);
    // 100 ms, 200 ms, 250 ms (capped), each minus up to 25 % jitter
    let bounds = [(75u64, 300u64), (150, 450), (187, 500)];
    for (g, (lo, hi)) in gaps.iter().zip(bounds) {
        assert!(
            *g >= Duration::from_millis(lo) && *g < Duration::from_millis(hi),
            "{gaps:?}"
        );
    }
}

#[test]
fn connection_errors_are_retried() {
    // the server drops the first two connections without answering
    let s = Server::start(vec![Reply::Drop, Reply::Drop, Reply::json(200, r#"{"x":1}"#)]);
    let c = client(&s.url(), json!({}));
    assert_eq!(get(&c).unwrap(), r#"{"x":1}"#);
    assert_eq!(s.requests(), 3);
    assert_eq!(s.accepted(), 3);
}

#[test]
fn connection_refused_is_a_network_error_after_all_attempts() {
    let port = dead_port();
    let c = client(&format!("http://127.0.0.1:{port}"), json!({"max_retries": 2}));
    let started = Instant::now();
    let e = get(&c).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Network);
    assert_eq!(e.attempts, Some(3));
    assert!(e.message.contains("127.0.0.1"), "{}", e.message);
    assert!(started.elapsed() < Duration::from_secs(3));
}

#[test]
fn a_body_that_cannot_be_replayed_is_not_retried() {
    let s = Server::start(vec![]);
    s.set_fallback(Reply::status(503));
    let t = Transport::new(&Config::from_json(&config_json(&s.url(), json!({}))).unwrap()).unwrap();
    let data = b"streamed once".to_vec();
    let mut req = Request::new(
        Method::Post,
        format!("{}/v1/x", s.url()),
        Body::Reader {
            reader: Box::new(std::io::Cursor::new(data)),
            len: None,
            content_type: "application/octet-stream".into(),
        },
    );
    let e = t.call(&mut req, &imagekit_core::http::no_log, None).unwrap_err();
    assert_eq!(e.kind, ErrorKind::ServerError);
    assert_eq!(e.attempts, Some(1));
    assert_eq!(s.requests(), 1);
    assert_eq!(s.seen()[0].body, b"streamed once");

    // the same failure on connection level is not retried either
    let port = dead_port();
    let mut req = Request::new(
        Method::Post,
        format!("http://127.0.0.1:{port}/v1/x"),
        Body::Reader {
            reader: Box::new(std::io::Cursor::new(vec![1u8; 10])),
            len: Some(10),
            content_type: "x/y".into(),
        },
    );
    let e = t.call(&mut req, &imagekit_core::http::no_log, None).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Network);
    assert_eq!(e.attempts, Some(1));

    // whereas a JSON body is replayed
    let s2 = Server::start(vec![Reply::status(503), Reply::json(200, "{}")]);
    let mut req = Request::new(
        Method::Post,
        format!("{}/v1/x", s2.url()),
        Body::Json(r#"{"a":1}"#.into()),
    );
    assert_eq!(t.call(&mut req, &imagekit_core::http::no_log, None).unwrap(), "{}");
    let seen = s2.seen();
    assert_eq!(seen.len(), 2);
    assert_eq!(seen[0].body, seen[1].body);
}

#[test]
fn uploads_from_a_path_are_replayed_whole() {
    let dir = std::env::temp_dir().join(format!("ik-retry-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("replay.bin");
    let content: Vec<u8> = (0..200_000u32).map(|i| (i * 7 % 256) as u8).collect();
    std::fs::write(&path, &content).unwrap();

    let s = Server::start(vec![
        Reply::status(500),
        Reply::Drop,
        Reply::json(200, r#"{"fileId":"f1"}"#),
    ]);
    let c = client(&s.url(), json!({}));
    let opts = json!({"fileName": "replay.bin"});
    let out = c
        .upload(
            imagekit_core::api::upload::UploadSource::Path(&path),
            opts.as_object().unwrap(),
            None,
        )
        .unwrap();
    assert_eq!(out, r#"{"fileId":"f1"}"#);
    let seen = s.seen();
    assert_eq!(seen.len(), 3);
    for r in &seen {
        assert_eq!(r.path(), "/api/v1/files/upload");
        assert_eq!(r.body.len().to_string(), r.header("content-length").unwrap());
        assert!(
            r.body.windows(content.len()).any(|w| w == &content[..]),
            "whole file in every attempt"
        );
    }
    assert_eq!(seen[0].body, seen[2].body);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn retries_reuse_one_keep_alive_connection() {
    // error bodies are read completely, so the connection goes back to the pool every time
    let big_error = format!(r#"{{"message":"{}"}}"#, "x".repeat(100_000));
    let s = Server::start(vec![]);
    let c = client(&s.url(), json!({}));
    for _ in 0..10 {
        s.push(Reply::json(503, &big_error));
        s.push(Reply::json(500, &big_error));
        s.push(Reply::json(200, "{}"));
        assert_eq!(get(&c).unwrap(), "{}");
    }
    assert_eq!(s.requests(), 30);
    assert_eq!(s.accepted(), 1, "every attempt reused the same connection");
    // a call that ends in an error leaves the connection usable too
    s.push(Reply::json(404, r#"{"message":"no"}"#));
    assert_eq!(get(&c).unwrap_err().kind, ErrorKind::NotFound);
    assert_eq!(get(&c).unwrap(), "{}");
    assert_eq!(s.accepted(), 1);
    drop(c);
    // dropping the client closes its pooled connections
    let deadline = Instant::now() + Duration::from_secs(5);
    while s.open() > 0 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(s.open(), 0);
}

#[test]
fn connections_closed_by_the_server_are_not_leaked() {
    let s = Server::start(vec![]);
    s.set_fallback(Reply::status(503).closing());
    let c = client(&s.url(), json!({"max_retries": 3}));
    assert_eq!(get(&c).unwrap_err().attempts, Some(4));
    assert_eq!(s.accepted(), 4);
    let deadline = Instant::now() + Duration::from_secs(5);
    while s.open() > 0 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(s.open(), 0);
}

#[test]
fn retries_are_logged_with_reason_and_delay_and_never_the_key() {
    let s = Server::start(vec![
        Reply::status(503).header("x-ik-requestId", "rq-1"),
        Reply::status(429).header("retry-after-ms", "30"),
        Reply::json(200, "{}").header("x-ik-requestId", "rq-3"),
    ]);
    let c = client(&s.url(), json!({}));
    let logs = capture_logs(&c);
    c.request("GET", "/v1/files?limit=1", None).unwrap();
    let logs = logs.lock().unwrap().clone();
    let text: Vec<String> = logs.iter().map(|(l, m)| format!("{l:?} {m}")).collect();
    let all = text.join("\n");
    assert!(all.contains("request GET /v1/files"), "{all}");
    assert!(all.contains("503, request id rq-1"), "{all}");
    assert!(all.contains("200, request id rq-3"), "{all}");
    assert!(
        logs.iter().any(|(l, m)| *l == LogLevel::Warn
            && m.contains("retry 1/2")
            && m.contains("HTTP 503")
            && m.contains("backoff")),
        "{all}"
    );
    assert!(
        logs.iter().any(|(l, m)| *l == LogLevel::Warn
            && m.contains("retry 2/2")
            && m.contains("in 30 ms")
            && m.contains("HTTP 429")),
        "{all}"
    );
    assert!(logs.iter().any(|(_, m)| m.contains(" ms")), "{all}");
    assert!(
        !all.contains(TEST_PRIVATE_KEY) && !all.contains("Basic ") && !all.to_lowercase().contains("authorization"),
        "{all}"
    );
    assert!(!all.contains("limit=1"), "only the path is logged: {all}");
    // and the key did go out, as Basic auth with an empty password
    let auth = s.seen()[0].header("authorization").unwrap().to_string();
    use base64::Engine;
    assert_eq!(
        auth,
        format!(
            "Basic {}",
            base64::engine::general_purpose::STANDARD.encode(format!("{TEST_PRIVATE_KEY}:"))
        )
    );
}

#[test]
fn standard_headers_are_sent() {
    let s = Server::start(vec![Reply::json(200, "{}")]);
    let c = client(&s.url(), json!({"user_agent": "myapp/1.2"}));
    c.request("POST", "/v1/files/purge", Some(r#"{"url":"https://x"}"#))
        .unwrap();
    let r = &s.seen()[0];
    assert_eq!(
        r.header("user-agent").unwrap(),
        format!("{} myapp/1.2", imagekit_core::VERSION_STRING)
    );
    assert_eq!(r.header("accept"), Some("application/json"));
    assert_eq!(r.header("content-type"), Some("application/json"));
    assert_eq!(r.header("x-ik-retry-count"), Some("0"));
    assert_eq!(r.body, br#"{"url":"https://x"}"#);
}

#[test]
fn concurrent_calls_share_one_client() {
    let s = Server::start(vec![]);
    s.set_fallback(Reply::json(200, r#"{"ok":true}"#));
    let c = std::sync::Arc::new(client(&s.url(), json!({})));
    let handles: Vec<_> = (0..8)
        .map(|_| {
            let c = c.clone();
            std::thread::spawn(move || {
                for _ in 0..10 {
                    assert_eq!(c.request("GET", "/v1/files", None).unwrap(), r#"{"ok":true}"#);
                }
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
    assert_eq!(s.requests(), 80);
    assert!(s.accepted() <= 8, "pooled: {} connections", s.accepted());
}

#[test]
fn a_pooled_connection_the_server_closed_is_not_a_failure() {
    // The server answers as keep-alive, then hangs up (an idle timeout on its side). The next
    // call must not fail because of the dead pooled connection, even without retries.
    let s = Server::start(vec![]);
    s.set_fallback(Reply::json(200, "{}").then_hang_up());
    let c = client(&s.url(), json!({"max_retries": 0}));
    for _ in 0..5 {
        assert_eq!(get(&c).unwrap(), "{}");
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(s.requests(), 5);
}

/// The official SDKs' Retry-After table through the public policy function: what each header
/// value makes the client wait (`None` = its own backoff).
#[test]
fn retry_after_parse_table() {
    use imagekit_core::http::retry::server_delay;
    let now = UNIX_EPOCH + Duration::from_secs(1_750_000_000);
    let at = |offset: i64| format_http_date(1_750_000_000 + offset);
    let secs = |s: u64| Some(Duration::from_secs(s));
    let table: Vec<(String, Option<Duration>)> = vec![
        ("20".into(), secs(20)),
        ("0".into(), None),
        ("-10".into(), None),
        ("60".into(), secs(60)),
        ("61".into(), None),
        ("1.5".into(), Some(Duration::from_millis(1500))),
        (at(20), secs(20)),
        (at(0), None),
        (at(-10), None),
        (at(60), secs(60)),
        (at(61), None),
        ("Sunday, 06-Nov-94 08:49:37 GMT".into(), None),
        ("".into(), None),
        ("uhoh".into(), None),
        ("20 seconds".into(), None),
    ];
    for (value, want) in table {
        assert_eq!(
            server_delay(503, None, Some(&value), None, now),
            want,
            "Retry-After: {value:?}"
        );
        // on a 429, X-RateLimit-Reset is the fallback when Retry-After is not usable
        let want_429 = want.or(Some(Duration::from_millis(700)));
        assert_eq!(
            server_delay(429, None, Some(&value), Some("700"), now),
            want_429,
            "429 Retry-After: {value:?}"
        );
    }
    // retry-after-ms first
    assert_eq!(
        server_delay(503, Some("250"), Some("20"), None, now),
        Some(Duration::from_millis(250))
    );
    // X-RateLimit-Reset on 429 without Retry-After
    assert_eq!(
        server_delay(429, None, None, Some("700"), now),
        Some(Duration::from_millis(700))
    );
}
