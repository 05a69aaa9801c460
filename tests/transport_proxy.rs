//! Proxies: `config.proxy` is used when set, the environment (`HTTPS_PROXY`, …, `NO_PROXY`)
//! when not, and `"proxy": ""` goes direct whatever the environment says. The proxy here is a
//! small CONNECT proxy on 127.0.0.1 tunnelling to a scripted server on 127.0.0.1.
//!
//! The tests change process environment variables, so they run one at a time (a lock) and
//! live in their own test binary.

#[path = "it/support/mod.rs"]
mod support;

use serde_json::json;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use support::{core_config, Reply, Server};

static ENV_LOCK: Mutex<()> = Mutex::new(());

const PROXY_VARS: [&str; 8] = [
    "ALL_PROXY",
    "all_proxy",
    "HTTPS_PROXY",
    "https_proxy",
    "HTTP_PROXY",
    "http_proxy",
    "NO_PROXY",
    "no_proxy",
];

/// Clears every proxy variable while alive and restores them afterwards.
struct CleanEnv(Vec<(&'static str, Option<String>)>);

impl CleanEnv {
    fn new() -> CleanEnv {
        let saved = PROXY_VARS.iter().map(|k| (*k, std::env::var(k).ok())).collect();
        for k in PROXY_VARS {
            std::env::remove_var(k);
        }
        CleanEnv(saved)
    }
}

impl Drop for CleanEnv {
    fn drop(&mut self) {
        for (k, v) in &self.0 {
            match v {
                Some(v) => std::env::set_var(k, v),
                None => std::env::remove_var(k),
            }
        }
    }
}

/// A CONNECT proxy that records each CONNECT line and tunnels the bytes.
struct Proxy {
    port: u16,
    connects: Arc<Mutex<Vec<String>>>,
}

impl Proxy {
    fn start() -> Proxy {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let connects = Arc::new(Mutex::new(Vec::new()));
        let seen = connects.clone();
        std::thread::spawn(move || {
            for client in listener.incoming() {
                let Ok(client) = client else { continue };
                let seen = seen.clone();
                std::thread::spawn(move || {
                    let mut reader = BufReader::new(client.try_clone().unwrap());
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    loop {
                        let mut h = String::new();
                        if reader.read_line(&mut h).unwrap_or(0) == 0 || h.trim().is_empty() {
                            break;
                        }
                    }
                    seen.lock().unwrap().push(line.trim().to_string());
                    let target = line.split_whitespace().nth(1).unwrap_or("").to_string();
                    let mut client_w = client;
                    let Ok(upstream) = TcpStream::connect(&target) else {
                        let _ = client_w.write_all(b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n");
                        return;
                    };
                    let _ = client_w.write_all(b"HTTP/1.1 200 Connection established\r\n\r\n");
                    let mut up_r = upstream.try_clone().unwrap();
                    let mut up_w = upstream;
                    let mut down_w = client_w.try_clone().unwrap();
                    let t = std::thread::spawn(move || {
                        let _ = std::io::copy(&mut up_r, &mut down_w);
                        let _ = down_w.shutdown(std::net::Shutdown::Both);
                    });
                    // whatever the reader buffered past the CONNECT head goes first
                    let buffered = reader.buffer().to_vec();
                    let _ = up_w.write_all(&buffered);
                    let mut rest = reader.into_inner();
                    let _ = std::io::copy(&mut rest, &mut up_w);
                    let _ = up_w.shutdown(std::net::Shutdown::Both);
                    let _ = t.join();
                });
            }
        });
        Proxy { port, connects }
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    fn connects(&self) -> Vec<String> {
        self.connects.lock().unwrap().clone()
    }
}

/// A client config for `base` with `proxy` set as given (`None`: the key is left out).
fn client_with_proxy(base: &str, proxy: Option<&str>) -> imagekit_core::Client {
    let mut cfg: serde_json::Value = serde_json::from_str(&core_config(base, json!({}))).unwrap();
    match proxy {
        Some(p) => cfg["proxy"] = json!(p),
        None => {
            cfg.as_object_mut().unwrap().remove("proxy");
        }
    }
    imagekit_core::Client::from_json(&cfg.to_string()).unwrap()
}

#[test]
fn an_explicit_proxy_is_used() {
    let _l = ENV_LOCK.lock().unwrap();
    let _env = CleanEnv::new();
    let target = Server::start(vec![Reply::json(200, r#"{"via":"proxy"}"#)]);
    let proxy = Proxy::start();
    let c = client_with_proxy(&target.url(), Some(&proxy.url()));
    assert_eq!(c.request("GET", "/v1/files", None).unwrap(), r#"{"via":"proxy"}"#);
    assert_eq!(
        proxy.connects(),
        vec![format!("CONNECT 127.0.0.1:{} HTTP/1.1", target.port())]
    );
    assert_eq!(target.requests(), 1);
}

#[test]
fn the_environment_proxy_is_the_default_and_no_proxy_is_honoured() {
    let _l = ENV_LOCK.lock().unwrap_or_else(|e| e.into_inner());
    let _env = CleanEnv::new();
    let target = Server::start(vec![]);
    let proxy = Proxy::start();
    std::env::set_var("HTTPS_PROXY", proxy.url());
    std::env::set_var("HTTP_PROXY", proxy.url());

    // no `proxy` key: the environment's proxy
    let c = client_with_proxy(&target.url(), None);
    c.request("GET", "/v1/files", None).unwrap();
    assert_eq!(proxy.connects().len(), 1);

    // `"proxy": ""`: direct, whatever the environment says
    let c = client_with_proxy(&target.url(), Some(""));
    c.request("GET", "/v1/files", None).unwrap();
    assert_eq!(proxy.connects().len(), 1);
    assert_eq!(target.requests(), 2);

    // NO_PROXY naming the host: direct
    std::env::set_var("NO_PROXY", "127.0.0.1");
    let c = client_with_proxy(&target.url(), None);
    c.request("GET", "/v1/files", None).unwrap();
    assert_eq!(proxy.connects().len(), 1);
    assert_eq!(target.requests(), 3);
}

#[test]
fn an_unreachable_proxy_is_a_network_error() {
    let _l = ENV_LOCK.lock().unwrap();
    let _env = CleanEnv::new();
    let dead = support::dead_port();
    let c = client_with_proxy(
        "http://127.0.0.1:9",
        Some(&format!("http://user:pw_secret@127.0.0.1:{dead}")),
    );
    let e = c.request("GET", "/v1/files", None).unwrap_err();
    assert_eq!(e.kind, imagekit_core::ErrorKind::Network, "{e}");
    assert_eq!(e.attempts, Some(3));
    // The refusal is the proxy's: the message names it, not the target behind it.
    assert_eq!(e.message, format!("connection refused by proxy 127.0.0.1:{dead}"));
    assert!(!e.message.contains("pw_secret"), "{}", e.message);
}

#[test]
fn socks_proxies_are_refused_at_client_creation_from_config_and_environment() {
    let _l = ENV_LOCK.lock().unwrap_or_else(|e| e.into_inner());
    let _env = CleanEnv::new();
    for url in [
        "socks5://127.0.0.1:1080",
        "socks5h://127.0.0.1:1080",
        "socks4://127.0.0.1:1080",
    ] {
        let e =
            imagekit_core::Client::from_json(&core_config("http://127.0.0.1:9", json!({ "proxy": url }))).unwrap_err();
        assert_eq!(e.kind, imagekit_core::ErrorKind::InvalidArgument);
        assert!(
            e.message.contains("config `proxy`") && e.message.contains("SOCKS"),
            "{}",
            e.message
        );
    }
    // From the environment: refused too, naming the variable, never silently ignored.
    let no_proxy_key = |cfg: String| {
        let mut v: serde_json::Value = serde_json::from_str(&cfg).unwrap();
        v.as_object_mut().unwrap().remove("proxy");
        v.to_string()
    };
    for var in ["ALL_PROXY", "HTTPS_PROXY", "https_proxy", "HTTP_PROXY"] {
        std::env::set_var(var, "socks5://127.0.0.1:1080");
        let e =
            imagekit_core::Client::from_json(&no_proxy_key(core_config("http://127.0.0.1:9", json!({})))).unwrap_err();
        assert_eq!(e.kind, imagekit_core::ErrorKind::InvalidArgument);
        assert!(
            e.message.contains(var) && e.message.contains("SOCKS"),
            "{var}: {}",
            e.message
        );
        // `"proxy": ""` overrides the environment.
        imagekit_core::Client::from_json(&core_config("http://127.0.0.1:9", json!({"proxy": ""}))).unwrap();
        std::env::remove_var(var);
    }
    // An environment variable that is set but not a proxy URL is refused, not skipped.
    std::env::set_var("HTTPS_PROXY", "http://[::1");
    let e = imagekit_core::Client::from_json(&no_proxy_key(core_config("http://127.0.0.1:9", json!({})))).unwrap_err();
    assert!(e.message.contains("HTTPS_PROXY"), "{}", e.message);
}

#[test]
fn a_bad_proxy_url_is_rejected_at_client_creation() {
    let cfg = core_config("http://127.0.0.1:9", json!({"proxy": "::not a url::"}));
    let e = imagekit_core::Client::from_json(&cfg).unwrap_err();
    assert_eq!(e.kind, imagekit_core::ErrorKind::InvalidArgument);
    assert!(e.message.contains("proxy"), "{}", e.message);
}
