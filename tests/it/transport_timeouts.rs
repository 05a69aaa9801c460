//! Timeouts: connect, waiting for the response, a stalled response body; that they are per
//! attempt and retried; and that a slow upload body is not cut off by the response timeout.

use crate::support::{core_client as client, Reply, Server};
use imagekit_core::api::upload::UploadSource;
use imagekit_core::ErrorKind;
use serde_json::json;
use std::net::TcpListener;
use std::time::{Duration, Instant};

#[test]
fn no_answer_is_a_timeout_after_timeout_ms() {
    let s = Server::start(vec![Reply::Silence(Duration::from_secs(5))]);
    let c = client(&s.url(), json!({"timeout_ms": 300, "max_retries": 0}));
    let started = Instant::now();
    let e = c.request("GET", "/v1/files", None).unwrap_err();
    let took = started.elapsed();
    assert_eq!(e.kind, ErrorKind::Timeout, "{e}");
    assert!(e.message.contains("waiting for the response"), "{}", e.message);
    assert!(e.message.contains("300 ms"), "{}", e.message);
    assert_eq!(e.attempts, Some(1));
    assert!(
        took >= Duration::from_millis(290) && took < Duration::from_secs(3),
        "{took:?}"
    );
}

#[test]
fn timeouts_are_per_attempt_and_retried() {
    let s = Server::start(vec![
        Reply::Silence(Duration::from_secs(5)),
        Reply::Silence(Duration::from_secs(5)),
        Reply::json(200, r#"{"late":"but fine"}"#),
    ]);
    let c = client(&s.url(), json!({"timeout_ms": 250}));
    let started = Instant::now();
    assert_eq!(c.request("GET", "/v1/files", None).unwrap(), r#"{"late":"but fine"}"#);
    assert_eq!(s.requests(), 3);
    assert!(started.elapsed() >= Duration::from_millis(490));

    let s = Server::start(vec![]);
    s.set_fallback(Reply::Silence(Duration::from_secs(5)));
    let e = client(&s.url(), json!({"timeout_ms": 200, "max_retries": 1}))
        .request("GET", "/v1/files", None)
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Timeout);
    assert_eq!(e.attempts, Some(2));
    assert_eq!(s.requests(), 2);
}

#[test]
fn a_stalled_response_body_times_out() {
    let s = Server::start(vec![Reply::Half {
        promised: 1000,
        sent: 10,
        stall: Duration::from_secs(5),
    }]);
    let c = client(&s.url(), json!({"timeout_ms": 300, "max_retries": 0}));
    let started = Instant::now();
    let e = c.request("GET", "/v1/files", None).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Timeout, "{e}");
    assert!(e.message.contains("response body"), "{}", e.message);
    assert!(started.elapsed() < Duration::from_secs(3));
}

#[test]
fn a_truncated_response_body_is_a_network_error() {
    let s = Server::start(vec![Reply::Half {
        promised: 1000,
        sent: 10,
        stall: Duration::ZERO,
    }]);
    let c = client(&s.url(), json!({"max_retries": 0}));
    let e = c.request("GET", "/v1/files", None).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Network, "{e}");
}

#[test]
fn a_slow_answer_inside_the_timeout_is_fine() {
    let s = Server::start(vec![
        Reply::json(200, r#"{"slow":true}"#).delayed(Duration::from_millis(300))
    ]);
    let c = client(&s.url(), json!({"timeout_ms": 2000, "max_retries": 0}));
    assert_eq!(c.request("GET", "/v1/files", None).unwrap(), r#"{"slow":true}"#);
}

extern "C" {
    fn listen(fd: i32, backlog: i32) -> i32;
}

#[test]
fn connect_timeout_applies_when_the_server_never_accepts() {
    use std::os::fd::AsRawFd;
    // A listener whose accept queue is full: further SYNs are dropped, so connect() hangs.
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    // SAFETY: plain listen(2) on a socket we own, only to shrink its backlog.
    assert_eq!(unsafe { listen(listener.as_raw_fd(), 0) }, 0);
    let mut fillers = Vec::new();
    for _ in 0..4 {
        if let Ok(s) = std::net::TcpStream::connect_timeout(&addr, Duration::from_millis(200)) {
            fillers.push(s);
        }
    }
    // Check the trick works on this kernel before relying on it.
    let probe = std::net::TcpStream::connect_timeout(&addr, Duration::from_millis(300));
    if probe.is_ok() {
        assert!(
            std::env::var_os("CI").is_none(),
            "this kernel accepted past the backlog: the test cannot run here"
        );
        eprintln!("skipping: this kernel accepted past the backlog");
        return;
    }
    let c = client(
        &format!("http://{addr}"),
        json!({"connect_timeout_ms": 300, "timeout_ms": 10000, "max_retries": 1}),
    );
    let started = Instant::now();
    let e = c.request("GET", "/v1/files", None).unwrap_err();
    let took = started.elapsed();
    assert_eq!(e.kind, ErrorKind::Timeout, "{e}");
    assert!(e.message.contains("connecting"), "{}", e.message);
    assert!(e.message.contains("300 ms"), "{}", e.message);
    assert_eq!(e.attempts, Some(2));
    // two attempts of ~300 ms plus a short backoff, nowhere near the 10 s request timeout
    assert!(
        took >= Duration::from_millis(590) && took < Duration::from_secs(4),
        "{took:?}"
    );
    drop(fillers);
}

#[test]
fn a_slow_upload_body_is_not_cut_off_by_the_response_timeout() {
    // 12 MiB; the server reads the first 3 MiB at ~16 KiB per 5 ms (about a second), then the
    // rest at full speed. The client's send buffer holds at most ~4 MiB, so it is still
    // sending when the slow part ends, and the drain after its last write is quick: sending
    // the body takes well over timeout_ms while waiting for the answer takes far less.
    let dir = std::env::temp_dir().join(format!("ik-slow-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("slow.bin");
    std::fs::write(&path, vec![42u8; 12 << 20]).unwrap();
    let s = Server::start(vec![Reply::json(200, r#"{"fileId":"slow"}"#)]);
    s.set_slow_read(Duration::from_millis(5), 3 << 20);
    let c = client(&s.url(), json!({"timeout_ms": 400, "max_retries": 0}));
    let started = Instant::now();
    let out = c.upload(
        UploadSource::Path(&path),
        json!({"fileName": "slow.bin"}).as_object().unwrap(),
        None,
    );
    let took = started.elapsed();
    assert_eq!(out.unwrap(), r#"{"fileId":"slow"}"#);
    assert!(
        took > Duration::from_millis(400),
        "the body took {took:?}, so the test proves nothing"
    );
    assert_eq!(
        s.seen()[0].body.len() as u64,
        s.seen()[0].header("content-length").unwrap().parse::<u64>().unwrap()
    );
    std::fs::remove_dir_all(&dir).ok();
}
