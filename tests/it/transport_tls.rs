//! TLS: verification is always on. The test CA (tests/data/tls/ca.pem) is trusted only when
//! configured through `ca_pem` or `ca_file`; otherwise, or with an unrelated CA, the call
//! fails with IK_STATUS_TLS and is not retried. The server here is a small rustls server on
//! 127.0.0.1 presenting tests/data/tls/server.pem (SANs localhost and 127.0.0.1).

use crate::support::{self, core_client as client, core_config};
use imagekit::client::{ik_client_free, ik_client_new, ik_string_free};
use imagekit::request::ik_request;
use imagekit::status::ik_status;
use imagekit_core::ErrorKind;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use serde_json::json;
use std::ffi::{CStr, CString};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

fn tls_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/tls")
}

fn read(name: &str) -> String {
    std::fs::read_to_string(tls_dir().join(name)).unwrap()
}

/// A TLS server answering `statuses` in order (then 200), counting handshakes.
struct TlsServer {
    port: u16,
    handshakes: Arc<AtomicUsize>,
    requests: Arc<AtomicUsize>,
}

impl TlsServer {
    fn start(statuses: Vec<u16>) -> TlsServer {
        let certs: Vec<CertificateDer<'static>> = CertificateDer::pem_file_iter(tls_dir().join("server.pem"))
            .unwrap()
            .map(|c| c.unwrap())
            .collect();
        let key = PrivateKeyDer::from_pem_file(tls_dir().join("server.key")).unwrap();
        let config = Arc::new(
            rustls::ServerConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
                .with_safe_default_protocol_versions()
                .unwrap()
                .with_no_client_auth()
                .with_single_cert(certs, key)
                .unwrap(),
        );
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let handshakes = Arc::new(AtomicUsize::new(0));
        let requests = Arc::new(AtomicUsize::new(0));
        let script = Arc::new(std::sync::Mutex::new(std::collections::VecDeque::from(statuses)));
        let (h, r) = (handshakes.clone(), requests.clone());
        std::thread::spawn(move || {
            for tcp in listener.incoming() {
                let Ok(tcp) = tcp else { continue };
                let (config, h, r, script) = (config.clone(), h.clone(), r.clone(), script.clone());
                std::thread::spawn(move || {
                    let _ = tcp.set_read_timeout(Some(std::time::Duration::from_secs(10)));
                    let conn = rustls::ServerConnection::new(config).unwrap();
                    let mut tls = rustls::StreamOwned::new(conn, tcp);
                    if tls.conn.complete_io(&mut tls.sock).is_err() {
                        return; // the client refused our certificate
                    }
                    h.fetch_add(1, Ordering::SeqCst);
                    let mut reader = BufReader::new(tls);
                    loop {
                        let mut content_length = 0usize;
                        let mut line = String::new();
                        if reader.read_line(&mut line).unwrap_or(0) == 0 {
                            return;
                        }
                        loop {
                            let mut hdr = String::new();
                            if reader.read_line(&mut hdr).unwrap_or(0) == 0 {
                                return;
                            }
                            let hdr = hdr.trim_end();
                            if hdr.is_empty() {
                                break;
                            }
                            if let Some((k, v)) = hdr.split_once(':') {
                                if k.eq_ignore_ascii_case("content-length") {
                                    content_length = v.trim().parse().unwrap_or(0);
                                }
                            }
                        }
                        let mut body = vec![0u8; content_length];
                        if reader.read_exact(&mut body).is_err() {
                            return;
                        }
                        r.fetch_add(1, Ordering::SeqCst);
                        let status = script.lock().unwrap().pop_front().unwrap_or(200);
                        let body = format!(r#"{{"tls":true,"status":{status}}}"#);
                        let resp = format!(
                            "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
                            body.len()
                        );
                        let stream = reader.get_mut();
                        if stream.write_all(resp.as_bytes()).and_then(|_| stream.flush()).is_err() {
                            return;
                        }
                    }
                });
            }
        });
        TlsServer {
            port,
            handshakes,
            requests,
        }
    }

    fn url(&self, host: &str) -> String {
        format!("https://{host}:{}", self.port)
    }
}

#[test]
fn the_test_ca_is_trusted_when_given_as_ca_pem() {
    let s = TlsServer::start(vec![]);
    let c = client(&s.url("127.0.0.1"), json!({"ca_pem": read("ca.pem")}));
    assert_eq!(
        c.request("GET", "/v1/files", None).unwrap(),
        r#"{"tls":true,"status":200}"#
    );
    // by name too (SAN DNS:localhost)
    let c = client(&s.url("localhost"), json!({"ca_pem": read("ca.pem")}));
    assert_eq!(
        c.request("GET", "/v1/files", None).unwrap(),
        r#"{"tls":true,"status":200}"#
    );
}

#[test]
fn the_test_ca_is_trusted_when_given_as_ca_file() {
    let s = TlsServer::start(vec![]);
    let path = tls_dir().join("ca.pem");
    let c = client(&s.url("127.0.0.1"), json!({"ca_file": path.to_str().unwrap()}));
    assert_eq!(
        c.request("GET", "/v1/files", None).unwrap(),
        r#"{"tls":true,"status":200}"#
    );
}

#[test]
fn extra_cas_are_added_to_the_public_roots_not_replacing_them() {
    // both an unrelated CA and the right one: the right one still works
    let s = TlsServer::start(vec![]);
    let both = format!("{}\n{}", read("other-ca.pem"), read("ca.pem"));
    let c = client(&s.url("127.0.0.1"), json!({"ca_pem": both}));
    assert!(c.request("GET", "/v1/files", None).is_ok());
    match imagekit_core::http::agent::root_certs(Some(&read("ca.pem"))).unwrap() {
        ureq::tls::RootCerts::Specific(all) => {
            assert_eq!(all.len(), webpki_root_certs::TLS_SERVER_ROOT_CERTS.len() + 1)
        }
        other => panic!("expected Mozilla roots plus the extra CA, got {other:?}"),
    }
}

#[test]
fn without_the_ca_the_call_fails_with_tls_and_is_not_retried() {
    let s = TlsServer::start(vec![]);
    let c = client(&s.url("127.0.0.1"), json!({"max_retries": 2}));
    let e = c.request("GET", "/v1/files", None).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Tls, "{e}");
    assert_eq!(e.attempts, Some(1));
    assert!(
        e.message.contains("ca_pem"),
        "the message says how to fix it: {}",
        e.message
    );
    assert_eq!(s.handshakes.load(Ordering::SeqCst), 0);
    assert_eq!(s.requests.load(Ordering::SeqCst), 0);
}

#[test]
fn an_unrelated_ca_is_rejected() {
    let s = TlsServer::start(vec![]);
    let c = client(&s.url("localhost"), json!({"ca_pem": read("other-ca.pem")}));
    assert_eq!(c.request("GET", "/v1/files", None).unwrap_err().kind, ErrorKind::Tls);
}

/// Through the C ABI: IK_STATUS_TLS and an error document saying "tls".
#[test]
fn c_abi_reports_ik_status_tls() {
    let s = TlsServer::start(vec![]);
    unsafe {
        for (extra, want) in [
            (json!({}), ik_status::Tls),
            (json!({"ca_pem": read("ca.pem")}), ik_status::Ok),
        ] {
            let cfg = CString::new(core_config(&s.url("127.0.0.1"), extra)).unwrap();
            let mut client = std::ptr::null_mut();
            assert_eq!(
                ik_client_new(cfg.as_ptr(), &mut client, std::ptr::null_mut()),
                ik_status::Ok
            );
            let mut out = std::ptr::null_mut();
            let st = ik_request(
                client,
                c"GET".as_ptr(),
                c"/v1/files".as_ptr(),
                std::ptr::null(),
                &mut out,
            );
            assert_eq!(st, want);
            let doc: serde_json::Value = serde_json::from_str(CStr::from_ptr(out).to_str().unwrap()).unwrap();
            if want == ik_status::Tls {
                assert_eq!(doc["status"], "tls");
                assert_eq!(doc["code"], 12);
                assert_eq!(doc["attempts"], 1);
            } else {
                assert_eq!(doc["tls"], true);
            }
            ik_string_free(out);
            ik_client_free(client);
        }
    }
}

#[test]
fn unusable_ca_config_is_rejected_at_client_creation() {
    unsafe {
        for (extra, needle) in [
            (json!({"ca_pem": "not a certificate"}), "no PEM certificate"),
            (
                json!({"ca_pem": "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"}),
                "ca_pem",
            ),
            (json!({"ca_file": "/nonexistent/ca.pem"}), "ca_file"),
        ] {
            let cfg = CString::new(core_config("https://127.0.0.1:1", extra)).unwrap();
            let mut client = std::ptr::null_mut();
            let mut err = std::ptr::null_mut();
            assert_eq!(
                ik_client_new(cfg.as_ptr(), &mut client, &mut err),
                ik_status::InvalidArgument
            );
            assert!(client.is_null());
            let text = CStr::from_ptr(err).to_str().unwrap().to_string();
            assert!(text.contains(needle), "{text}");
            assert!(!text.contains(support::TEST_PRIVATE_KEY));
            ik_string_free(err);
        }
    }
}

#[test]
fn tls_connections_are_kept_alive_across_retries() {
    let s = TlsServer::start(vec![503, 502]);
    let c = client(&s.url("127.0.0.1"), json!({"ca_pem": read("ca.pem")}));
    for _ in 0..3 {
        c.request("GET", "/v1/files", None).unwrap();
    }
    assert_eq!(s.requests.load(Ordering::SeqCst), 5);
    assert_eq!(
        s.handshakes.load(Ordering::SeqCst),
        1,
        "one TLS handshake for every request"
    );
}
