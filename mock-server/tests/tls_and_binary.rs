//! The HTTPS listener and the `ik-mock-server` binary.

mod support;

use ik_mock_server::{MockServer, Options, CA_PEM, OTHER_CA_PEM};
use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use support::*;

#[test]
fn tls_serves_the_same_routes_with_the_test_certificate() {
    let s = MockServer::start();
    let url = s.tls_base_url().unwrap();
    assert_eq!(url, format!("https://localhost:{}", s.tls_addr().unwrap().port()));
    assert_eq!(std::fs::read_to_string(s.ca_pem_path()).unwrap(), CA_PEM);

    let mut c = Conn::tls(s.tls_addr().unwrap(), CA_PEM).expect("handshake with the test CA");
    let r = c.request("GET", "/v1/files", &[], b"");
    assert_eq!(r.status, 401);
    let (ct, body) = Form::new()
        .file("file", "t.jpg", "image/jpeg", &[7u8; 100_000])
        .text("fileName", "t.jpg")
        .finish();
    let r = c.request(
        "POST",
        "/api/v1/files/upload",
        &[auth(), ("Content-Type".into(), ct)],
        &body,
    );
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["size"], 100_000);
    let r = c.request("GET", "/v1/files", &[auth()], b"");
    assert_eq!(r.json().as_array().unwrap().len(), 1);
    let recs = s.requests();
    assert!(recs.iter().all(|r| r.tls && r.connection_id == recs[0].connection_id));
    // Plain listener shares the state.
    assert_eq!(get(s.addr(), "/v1/files").json().as_array().unwrap().len(), 1);
    assert!(!s.requests().last().unwrap().tls);
}

#[test]
fn tls_is_refused_by_a_client_trusting_another_ca() {
    let s = MockServer::start();
    let e = Conn::tls(s.tls_addr().unwrap(), OTHER_CA_PEM)
        .err()
        .expect("handshake must fail");
    assert!(e.to_string().to_lowercase().contains("certificate"), "{e}");
    // The server survives it.
    let mut c = Conn::tls(s.tls_addr().unwrap(), CA_PEM).unwrap();
    assert_eq!(c.request("GET", "/v1/files", &[auth()], b"").status, 200);
    assert!(s.requests().iter().all(|r| r.tls));
}

#[test]
fn tls_can_be_turned_off() {
    let s = MockServer::start_with(Options {
        tls: false,
        ..Default::default()
    });
    assert!(s.tls_base_url().is_none() && s.tls_addr().is_none());
}

#[test]
fn binary_prints_urls_serves_and_exits_on_stdin_eof() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ik-mock-server"))
        .args([
            "--exit-on-stdin-eof",
            "--log",
            "--private-key",
            "bin_key",
            "--url-endpoint=https://cdn.example.test/x",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut lines = Vec::new();
    for _ in 0..3 {
        let mut l = String::new();
        out.read_line(&mut l).unwrap();
        lines.push(l.trim_end().to_string());
    }
    let url = lines[0]
        .strip_prefix("IK_MOCK_URL=http://")
        .expect(&lines[0])
        .to_string();
    let tls = lines[1]
        .strip_prefix("IK_MOCK_TLS_URL=https://localhost:")
        .expect(&lines[1])
        .to_string();
    let ca = lines[2].strip_prefix("IK_MOCK_CA_FILE=").expect(&lines[2]);
    assert_eq!(std::fs::read_to_string(ca).unwrap(), CA_PEM);
    let addr: std::net::SocketAddr = url.parse().unwrap();
    assert_eq!(addr.ip().to_string(), "127.0.0.1");

    let mut c = Conn::plain(addr);
    let r = c.request(
        "GET",
        "/v1/files",
        &[("Authorization".into(), basic("bin_key", ""))],
        b"",
    );
    assert_eq!(r.status, 200);
    let (ct, body) = Form::new()
        .file("file", "b.jpg", "image/jpeg", b"x")
        .text("fileName", "b.jpg")
        .finish();
    let r = c.request(
        "POST",
        "/api/v1/files/upload",
        &[
            ("Authorization".into(), basic("bin_key", "")),
            ("Content-Type".into(), ct),
        ],
        &body,
    );
    assert!(r.json()["url"]
        .as_str()
        .unwrap()
        .starts_with("https://cdn.example.test/x/b_"));
    let tls_addr: std::net::SocketAddr = format!("127.0.0.1:{tls}").parse().unwrap();
    let mut t = Conn::tls(tls_addr, CA_PEM).unwrap();
    assert_eq!(t.request("GET", "/__mock/health", &[], b"").status, 200);

    drop(child.stdin.take()); // EOF
    let t0 = Instant::now();
    loop {
        if let Some(st) = child.try_wait().unwrap() {
            assert!(st.success());
            break;
        }
        assert!(
            t0.elapsed() < Duration::from_secs(10),
            "server did not exit on stdin EOF"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let mut log = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut log).unwrap();
    assert!(
        log.contains("ik-mock-server: #1 conn 1 GET /v1/files -> 200 (0 body bytes)"),
        "{log}"
    );
    assert!(log.contains("POST /api/v1/files/upload -> 200"), "{log}");
    assert!(!log.contains("/__mock/"), "control requests are not logged: {log}");
}

#[test]
fn binary_options() {
    let out = Command::new(env!("CARGO_BIN_EXE_ik-mock-server"))
        .arg("--help")
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("--exit-on-stdin-eof"));
    let out = Command::new(env!("CARGO_BIN_EXE_ik-mock-server"))
        .arg("--bogus")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));

    // Fixed port, no TLS.
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let mut child = Command::new(env!("CARGO_BIN_EXE_ik-mock-server"))
        .args(["--port", &port.to_string(), "--no-tls", "--exit-on-stdin-eof"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut l = String::new();
    out.read_line(&mut l).unwrap();
    assert_eq!(l.trim_end(), format!("IK_MOCK_URL=http://127.0.0.1:{port}"));
    l.clear();
    out.read_line(&mut l).unwrap();
    assert!(l.starts_with("IK_MOCK_CA_FILE="), "no TLS line with --no-tls: {l}");
    child.stdin.take().unwrap().write_all(b"ignored input\n").unwrap();
    assert!(child.wait().unwrap().success());
}
