//! No panic reachable from C through the configuration, and messages that say what happened:
//! the whole config is checked at `ik_client_new` (each error names its key), the transport is
//! built on the first network call only, error documents echo at most 4 KiB of any text, and
//! IPv6 targets and TLS host-name mismatches are described correctly.

use crate::support::{self, client, config, cstr, out, try_client, CClient};
use imagekit::request::ik_request;
use imagekit::status::ik_status;
use serde_json::{json, Value};

const KEY: &str = "private_key_test";

fn refused(cfg: &str) -> Value {
    match try_client(cfg) {
        Ok(_) => panic!("ik_client_new accepted {cfg}"),
        Err((st, doc)) => {
            assert_eq!(st, ik_status::InvalidArgument, "{doc}");
            serde_json::from_str(&doc).unwrap()
        }
    }
}

fn get(c: &CClient, path: &str) -> (ik_status, String) {
    let (m, p) = (cstr("GET"), cstr(path));
    out(|o| unsafe { ik_request(c.ptr, m.as_ptr(), p.as_ptr(), std::ptr::null(), o) })
}

#[test]
fn a_user_agent_with_control_characters_is_refused_naming_the_key() {
    for ua in [
        "a\u{1}b",
        "line\nbreak",
        "cr\rlf",
        "tab\there",
        "del\u{7f}",
        "c1\u{85}",
        "nul\u{0}x",
    ] {
        let doc = refused(&config("http://127.0.0.1:9", KEY, json!({ "user_agent": ua })));
        let m = doc["message"].as_str().unwrap();
        assert!(
            m.contains("config `user_agent`") && (m.contains("control characters") || m.contains("NUL")),
            "{ua:?}: {m}"
        );
    }
    let doc = refused(&config(
        "http://127.0.0.1:9",
        KEY,
        json!({ "user_agent": "x".repeat(2000) }),
    ));
    assert!(doc["message"].as_str().unwrap().contains("`user_agent`"));
    // A usable one goes on the wire after libimagekit/<version>.
    let seen = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
    let s2 = seen.clone();
    let port = support::raw_server(move |mut conn| {
        use std::io::Write;
        *s2.lock().unwrap() = support::read_head(&mut conn);
        let _ = conn.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}");
    });
    let c = client(&config(
        &format!("http://127.0.0.1:{port}"),
        KEY,
        json!({"user_agent": "my-app/1.0 (é)"}),
    ));
    assert_eq!(get(&c, "/v1/files").0, ik_status::Ok);
    let head = seen.lock().unwrap().to_ascii_lowercase();
    assert!(head.contains("user-agent: libimagekit/"), "{head}");
}

#[test]
fn timeouts_of_zero_or_beyond_a_day_are_refused_naming_the_key() {
    for key in ["timeout_ms", "connect_timeout_ms", "timeoutMs", "connectTimeoutMs"] {
        for v in [json!(0), json!(86_400_001u64), json!(u64::MAX)] {
            let doc = refused(&config("http://127.0.0.1:9", KEY, json!({ key: v })));
            let m = doc["message"].as_str().unwrap();
            assert!(
                m.contains("timeout_ms`") && m.contains("between 1 and 86400000"),
                "{key}={v}: {m}"
            );
        }
    }
    for key in ["retry_initial_delay_ms", "retry_max_delay_ms"] {
        let doc = refused(&config("http://127.0.0.1:9", KEY, json!({ key: 600_001 })));
        assert!(doc["message"].as_str().unwrap().contains(key), "{doc}");
    }
    try_client(&config(
        "http://127.0.0.1:9",
        KEY,
        json!({"timeout_ms": 1, "connect_timeout_ms": 86_400_000}),
    ))
    .unwrap();
}

#[test]
fn base_urls_that_cannot_make_a_request_url_are_refused() {
    for (key, url) in [
        ("api_base_url", "http://"),
        ("api_base_url", "https://exa mple.com"),
        ("api_base_url", "http://example.com/?q=1"),
        ("api_base_url", "http://example.com/#frag"),
        ("api_base_url", "http://user:pw@example.com"),
        ("api_base_url", "http://exa\u{7}mple.com"),
        ("upload_base_url", "ftp://example.com"),
        ("upload_base_url", "http://[::1"),
    ] {
        let doc = refused(&config("http://127.0.0.1:9", KEY, json!({ key: url })));
        let m = doc["message"].as_str().unwrap();
        assert!(m.contains(&format!("config `{key}`")), "{url:?}: {m}");
        assert!(!m.contains("pw"), "{m}");
    }
}

#[test]
fn every_key_of_the_wrong_type_is_refused_by_name() {
    let keys = [
        ("private_key", json!(1)),
        ("public_key", json!(true)),
        ("url_endpoint", json!([])),
        ("transformation_position", json!("middle")),
        ("api_base_url", json!(1)),
        ("upload_base_url", json!({})),
        ("connect_timeout_ms", json!(-1)),
        ("timeout_ms", json!("60")),
        ("max_retries", json!(11)),
        ("retry_initial_delay_ms", json!(1.5)),
        ("retry_max_delay_ms", json!(null)),
        ("ca_pem", json!("not pem")),
        ("ca_file", json!("/nonexistent/ca.pem")),
        ("proxy", json!("socks5://127.0.0.1:1080")),
        ("user_agent", json!(7)),
    ];
    for (key, v) in keys {
        if v.is_null() {
            continue; // null means "default" for optional keys
        }
        let doc = refused(&config("http://127.0.0.1:9", KEY, json!({ key: v })));
        let m = doc["message"].as_str().unwrap();
        let named = m.contains(&format!("`{key}`")) || (key.starts_with("ca_") && m.contains("`ca_pem`/`ca_file`"));
        assert!(named, "{key}={v}: {m}");
    }
}

/// A NUL in any string of the config is refused: C strings built from it (the URL endpoint in
/// every URL, a header) would be cut there, so a signed URL would not be the URL returned.
#[test]
fn a_nul_in_any_config_string_is_refused_by_name() {
    for key in [
        "private_key",
        "public_key",
        "url_endpoint",
        "api_base_url",
        "user_agent",
        "proxy",
    ] {
        let doc = refused(&config("http://127.0.0.1:9", KEY, json!({ key: "http://a\u{0}b" })));
        let m = doc["message"].as_str().unwrap();
        assert!(m.contains(&format!("`{key}`")) && m.contains("NUL"), "{key}: {m}");
        assert!(!m.contains("a\u{0}b"), "{m}");
    }
}

#[test]
fn a_client_that_only_signs_never_builds_the_transport() {
    let c = imagekit_core::Client::from_json(&config("http://127.0.0.1:9", KEY, json!({}))).unwrap();
    c.url(r#"{"path":"/a.jpg","signed":true}"#).unwrap();
    assert!(!c.transport_is_built());
    let _ = c.request("GET", "/v1/files", None);
    assert!(c.transport_is_built());
    // The network settings were still checked at creation.
    assert!(imagekit_core::Client::from_json(&config("http://127.0.0.1:9", KEY, json!({"ca_pem": "x"}))).is_err());
}

#[test]
fn error_documents_echo_at_most_4_kib_of_any_text_and_say_it_was_cut() {
    // An unknown key is named in short (its start and its length) ...
    let long_key = "k".repeat(1_000_000);
    let cfg = config("http://127.0.0.1:9", KEY, json!({ long_key.clone(): 1 }));
    let (_, doc) = try_client(&cfg).err().unwrap();
    assert!(doc.len() < 1024, "{} bytes", doc.len());
    let m = serde_json::from_str::<Value>(&doc).unwrap()["message"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        m.starts_with("unknown config `kkk") && m.contains("(1000000 bytes)"),
        "{m}"
    );
    // ... and a message that quotes a long value whole is cut at 4 KiB, saying so.
    let long_value = "q".repeat(1_000_000);
    let cfg = config(
        "http://127.0.0.1:9",
        KEY,
        json!({ "transformation_position": long_value }),
    );
    let (_, doc) = try_client(&cfg).err().unwrap();
    assert!(doc.len() < 4096 + 300, "{} bytes", doc.len());
    let m = serde_json::from_str::<Value>(&doc).unwrap()["message"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(m.starts_with("config `transformation_position` must be"), "{m}");
    let whole = format!("config `transformation_position` must be \"path\" or \"query\", got \"{long_value}\"");
    assert!(
        m.ends_with(&format!("…[cut: {} bytes in all]", whole.len())),
        "{}",
        &m[m.len() - 80..]
    );

    // A 100 MB error body: read only in part, echoed in part, its size reported.
    let huge: u64 = 100 * 1024 * 1024;
    let port = support::raw_server(move |mut conn| {
        use std::io::Write;
        support::read_head(&mut conn);
        let _ = write!(
            conn,
            "HTTP/1.1 500 Internal Server Error\r\nContent-Type: text/plain\r\nContent-Length: {huge}\r\n\r\n"
        );
        let chunk = vec![b'e'; 64 * 1024];
        let mut sent = 0;
        while sent < huge && conn.write_all(&chunk).is_ok() {
            sent += chunk.len() as u64;
        }
    });
    let c = client(&config(
        &format!("http://127.0.0.1:{port}"),
        KEY,
        json!({"max_retries": 0}),
    ));
    let (st, doc) = get(&c, "/v1/files");
    assert_eq!(st, ik_status::ServerError);
    assert!(doc.len() < 2 * 4096 + 1000, "{} bytes", doc.len());
    let d: Value = serde_json::from_str(&doc).unwrap();
    assert!(
        d["body"]
            .as_str()
            .unwrap()
            .ends_with(&format!("…[cut: {huge} bytes in all]")),
        "{doc:.300}"
    );
}

#[test]
fn an_ipv6_target_is_written_with_one_pair_of_brackets() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let c = client(&config(
        &format!("http://[::1]:{port}"),
        KEY,
        json!({"max_retries": 0, "connect_timeout_ms": 500}),
    ));
    let (st, doc) = get(&c, "/v1/files");
    assert_ne!(st, ik_status::Ok);
    assert!(doc.contains(&format!("[::1]:{port}")) && !doc.contains("[["), "{doc}");
}

#[test]
fn a_certificate_for_another_host_name_is_not_blamed_on_a_missing_ca() {
    let server = ik_mock_server::MockServer::start();
    let tls = server.tls_addr().unwrap();
    // 127.0.0.2 reaches the same machine, but the certificate names only localhost and 127.0.0.1.
    let l = std::net::TcpListener::bind("127.0.0.2:0").expect("bind 127.0.0.2");
    let port = l.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for conn in l.incoming() {
            let Ok(down) = conn else { continue };
            let Ok(up) = std::net::TcpStream::connect(tls) else {
                continue;
            };
            let (mut d2, mut u2) = (down.try_clone().unwrap(), up.try_clone().unwrap());
            std::thread::spawn(move || std::io::copy(&mut d2, &mut { up }).ok());
            std::thread::spawn(move || std::io::copy(&mut u2, &mut { down }).ok());
        }
    });
    let ca = server.ca_pem_path();
    let c = client(&config(
        &format!("https://127.0.0.2:{port}"),
        KEY,
        json!({ "ca_file": ca }),
    ));
    let (st, doc) = get(&c, "/v1/files");
    assert_eq!(st, ik_status::Tls, "{doc}");
    assert!(doc.contains("does not cover this host name"), "{doc}");
    assert!(!doc.contains("ca_pem"), "{doc}");
    // Without the CA, the hint to add one is the right one.
    let c = client(&config(&server.tls_base_url().unwrap(), KEY, json!({})));
    let (st, doc) = get(&c, "/v1/files");
    assert_eq!(st, ik_status::Tls, "{doc}");
    assert!(doc.contains("ca_pem"), "{doc}");
}

#[test]
fn log_records_are_cut_at_4_kib_too() {
    let port = support::raw_server(|mut conn| {
        use std::io::Write;
        support::read_head(&mut conn);
        let rid = "r".repeat(20_000);
        let _ = write!(
            conn,
            "HTTP/1.1 200 OK\r\nx-ik-requestId: {rid}\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{{}}"
        );
    });
    let c = client(&config(&format!("http://127.0.0.1:{port}"), KEY, json!({})));
    assert_eq!(get(&c, "/v1/files").0, ik_status::Ok);
    let logs = c.logs();
    let response = logs
        .iter()
        .find(|l| l.contains("response GET /v1/files"))
        .expect("a response record");
    assert!(response.len() < 4096 + 200, "{} bytes", response.len());
    assert!(response.contains("bytes in all]"), "{response:.200}");
}
