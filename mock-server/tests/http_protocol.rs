//! HTTP/1.1 behaviour: keep-alive, chunked bodies, 100-continue, errors, request ids.

mod support;

use ik_mock_server::{MockServer, Options};
use std::collections::HashSet;
use std::io::Write;
use support::*;

fn plain() -> MockServer {
    MockServer::start_with(Options {
        tls: false,
        ..Default::default()
    })
}

#[test]
fn keep_alive_reuses_one_connection_and_ids_are_unique() {
    let s = plain();
    let mut c = Conn::plain(s.addr());
    let mut ids = HashSet::new();
    for _ in 0..5 {
        let r = c.request("GET", "/v1/files", &[auth()], b"");
        assert_eq!(r.status, 200);
        assert_eq!(r.header("content-type"), Some("application/json"));
        assert_eq!(r.header("connection"), Some("keep-alive"));
        assert_eq!(r.json(), serde_json::json!([]));
        ids.insert(r.header("x-ik-requestId").unwrap().to_string());
    }
    assert_eq!(ids.len(), 5, "request ids must be unique");
    let reqs = s.requests();
    assert_eq!(reqs.len(), 5);
    assert!(reqs.iter().all(|r| r.connection_id == reqs[0].connection_id));
    assert_eq!(reqs.iter().map(|r| r.seq).collect::<Vec<_>>(), vec![1, 2, 3, 4, 5]);
    assert!(ids.contains(&reqs[2].request_id));
    assert_eq!(s.connections_accepted(), 1);
    assert_eq!(s.open_connections(), 1);
    drop(c);
    assert!(s.wait_for_open_connections(0, std::time::Duration::from_secs(5)));
}

#[test]
fn pipelined_requests_are_answered_in_order() {
    let s = plain();
    let mut c = Conn::plain(s.addr());
    let mut raw = build("GET", "/v1/files/nope/details", &[auth()], b"");
    raw.extend(build("GET", "/v1/files", &[auth()], b""));
    c.send(&raw);
    assert_eq!(c.read_response(false).unwrap().status, 404);
    assert_eq!(c.read_response(false).unwrap().status, 200);
}

#[test]
fn chunked_request_body_is_decoded() {
    let s = plain();
    let mut c = Conn::plain(s.addr());
    let body = br#"{"url":"https://ik.imagekit.io/mock/a.jpg"}"#;
    let mut raw = format!(
        "POST /v1/files/purge HTTP/1.1\r\nHost: x\r\nAuthorization: {}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n",
        basic(KEY, "")
    )
    .into_bytes();
    for part in body.chunks(7) {
        raw.extend(format!("{:x}\r\n", part.len()).as_bytes());
        raw.extend(part);
        raw.extend(b"\r\n");
    }
    raw.extend(b"0\r\n\r\n");
    c.send(&raw);
    let r = c.read_response(false).unwrap();
    assert_eq!(r.status, 201, "{}", r.text());
    assert_eq!(r.json()["requestId"].as_str().unwrap().len(), 24);
    let rec = &s.requests()[0];
    assert_eq!(rec.body_len, body.len() as u64);
    assert_eq!(rec.json().unwrap()["url"], "https://ik.imagekit.io/mock/a.jpg");
    // The connection is still usable.
    assert_eq!(c.request("GET", "/v1/files", &[auth()], b"").status, 200);
}

#[test]
fn expect_100_continue_then_body() {
    let s = plain();
    let mut c = Conn::plain(s.addr());
    let (ct, body) = Form::new()
        .file("file", "a.txt", "text/plain", b"hello")
        .text("fileName", "a.txt")
        .finish();
    c.send(
        format!(
            "POST /api/v1/files/upload HTTP/1.1\r\nHost: x\r\nAuthorization: {}\r\nContent-Type: {ct}\r\nContent-Length: {}\r\nExpect: 100-continue\r\n\r\n",
            basic(KEY, ""),
            body.len()
        )
        .as_bytes(),
    );
    let interim = c.read_response(false).unwrap();
    assert_eq!(interim.status, 100);
    c.send(&body);
    let r = c.read_response(false).unwrap();
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["size"], 5);
}

#[test]
fn expect_100_continue_with_bad_auth_is_refused_without_reading_the_body() {
    let s = plain();
    let mut c = Conn::plain(s.addr());
    c.send(
        format!(
            "POST /api/v1/files/upload HTTP/1.1\r\nHost: x\r\nAuthorization: {}\r\nContent-Type: multipart/form-data; boundary=b\r\nContent-Length: 1000000\r\nExpect: 100-continue\r\n\r\n",
            basic("wrong_key", "")
        )
        .as_bytes(),
    );
    let r = c.read_response(false).unwrap();
    assert_eq!(r.status, 403);
    assert_eq!(r.header("connection"), Some("close"));
    assert!(c.is_closed());
    let rec = &s.requests()[0];
    assert_eq!((rec.status, rec.body_len), (Some(403), 0));
}

#[test]
fn malformed_and_unknown_requests() {
    let s = plain();
    let mut c = Conn::plain(s.addr());
    c.send(b"GARBAGE\r\n\r\n");
    let r = c.read_response(false).unwrap();
    assert_eq!(r.status, 400);
    assert!(r.json()["message"].as_str().unwrap().contains("Malformed"));
    assert!(r.header("x-ik-requestId").is_some());
    assert!(c.is_closed());

    let r = get(s.addr(), "/v2/nothing");
    assert_eq!(r.status, 404);
    assert_eq!(
        r.json()["help"],
        "For support kindly contact us at support@imagekit.io."
    );
    assert!(r.header("x-ik-requestId").is_some());

    let r = call(s.addr(), "PUT", "/v1/files", b"{}");
    assert_eq!(r.status, 405);
    assert_eq!(r.header("allow"), Some("GET"));

    let mut c = Conn::plain(s.addr());
    c.send(b"POST /v1/files/purge HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n");
    assert_eq!(c.read_response(false).unwrap().status, 400);
}

#[test]
fn http10_and_connection_close() {
    let s = plain();
    let mut c = Conn::plain(s.addr());
    c.send(format!("GET /v1/files HTTP/1.0\r\nAuthorization: {}\r\n\r\n", basic(KEY, "")).as_bytes());
    let r = c.read_response(false).unwrap();
    assert_eq!((r.status, r.header("connection")), (200, Some("close")));
    assert!(c.is_closed());

    let mut c = Conn::plain(s.addr());
    let r = c.request(
        "GET",
        "/v1/files",
        &[auth(), ("Connection".into(), "close".into())],
        b"",
    );
    assert_eq!(r.header("connection"), Some("close"));
    assert!(c.is_closed());
}

#[test]
fn absolute_form_target_and_query_are_recorded() {
    let s = plain();
    let mut c = Conn::plain(s.addr());
    let r = c.request("GET", "http://127.0.0.1/v1/files?limit=5&path=%2Fa%20b", &[auth()], b"");
    assert_eq!(r.status, 200);
    let rec = &s.requests()[0];
    assert_eq!(rec.path, "/v1/files");
    assert_eq!(rec.query, "limit=5&path=%2Fa%20b");
    assert_eq!(rec.query_param("path").as_deref(), Some("/a b"));
    let j = rec.to_json();
    assert_eq!(j["query_params"]["limit"], "5");
    assert_eq!(j["headers"]["host"], "127.0.0.1");
    assert_eq!(j["status"], 200);
}

#[test]
fn a_client_that_disappears_mid_body_is_handled() {
    let s = plain();
    {
        let mut t = std::net::TcpStream::connect(s.addr()).unwrap();
        t.write_all(
            format!(
                "POST /api/v1/files/upload HTTP/1.1\r\nHost: x\r\nAuthorization: {}\r\nContent-Type: multipart/form-data; boundary=b\r\nContent-Length: 100000\r\n\r\n--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x\"\r\n\r\nabc",
                basic(KEY, "")
            )
            .as_bytes(),
        )
        .unwrap();
    }
    let t0 = std::time::Instant::now();
    while s.connections_accepted() < 1 && t0.elapsed().as_secs() < 5 {
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    assert!(s.wait_for_open_connections(0, std::time::Duration::from_secs(5)));
    let recs = s.requests();
    assert_eq!(recs.len(), 1);
    assert_eq!(
        recs[0].status, None,
        "no response for a request whose body never arrived"
    );
    assert!(s.files().is_empty());
    // Still serving.
    assert_eq!(get(s.addr(), "/v1/files").status, 200);
}

#[test]
fn head_gets_the_head_only_and_the_log_is_capped() {
    let s = MockServer::start_with(Options {
        tls: false,
        max_recorded_requests: 3,
        ..Default::default()
    });
    let mut c = Conn::plain(s.addr());
    let r = c.request("HEAD", "/v1/files", &[auth()], b"");
    assert_eq!(r.status, 405);
    assert!(r.header("content-length").is_some());
    // The connection is still in sync: no stray body bytes.
    assert_eq!(c.request("GET", "/v1/files", &[auth()], b"").status, 200);
    for _ in 0..5 {
        c.request("GET", "/v1/files", &[auth()], b"");
    }
    let recs = s.requests();
    assert_eq!(recs.iter().map(|r| r.seq).collect::<Vec<_>>(), vec![5, 6, 7]);
    assert_eq!(s.stats()["requests_total"], 7);
    s.clear_requests();
    c.request("GET", "/v1/files", &[auth()], b"");
    assert_eq!(s.requests()[0].seq, 8);
}

#[test]
fn concurrent_clients() {
    let s = plain();
    let addr = s.addr();
    let workers: Vec<_> = (0..16)
        .map(|w| {
            std::thread::spawn(move || {
                let mut c = Conn::plain(addr);
                for i in 0..10 {
                    let name = format!("w{w}-{i}.jpg");
                    let (ct, body) = Form::new()
                        .file("file", &name, "image/jpeg", name.as_bytes())
                        .text("fileName", &name)
                        .finish();
                    let r = c.request(
                        "POST",
                        "/api/v1/files/upload",
                        &[auth(), ("Content-Type".into(), ct)],
                        &body,
                    );
                    assert_eq!(r.status, 200);
                    assert_eq!(c.request("GET", "/v1/files?limit=1", &[auth()], b"").status, 200);
                }
            })
        })
        .collect();
    for w in workers {
        w.join().unwrap();
    }
    assert_eq!(s.files().len(), 160);
    let seqs: HashSet<u64> = s.requests().iter().map(|r| r.seq).collect();
    assert_eq!(seqs.len(), 320);
    assert_eq!(s.connections_accepted(), 16);
    let ids: HashSet<String> = s
        .files()
        .iter()
        .map(|f| f["fileId"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids.len(), 160);
}

#[test]
fn idle_connections_time_out() {
    let s = MockServer::start_with(Options {
        tls: false,
        idle_timeout: std::time::Duration::from_millis(200),
        ..Default::default()
    });
    let mut c = Conn::plain(s.addr());
    assert_eq!(c.request("GET", "/v1/files", &[auth()], b"").status, 200);
    std::thread::sleep(std::time::Duration::from_millis(500));
    assert!(c.is_closed());
    assert!(s.wait_for_open_connections(0, std::time::Duration::from_secs(5)));
}
