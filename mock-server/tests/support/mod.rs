//! A minimal HTTP/1.1 client over a raw TcpStream (or rustls), for the server's own tests.
#![allow(dead_code)]

use serde_json::Value;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::Arc;
use std::time::Duration;

pub const KEY: &str = "private_key_test";

/// `Basic base64(key:do_not_set)` as the new SDKs send it.
pub fn basic(key: &str, password: &str) -> String {
    format!("Basic {}", b64(format!("{key}:{password}").as_bytes()))
}

pub fn auth() -> (String, String) {
    ("Authorization".into(), basic(KEY, ""))
}

pub fn b64(data: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(data)
}

pub fn crc32(data: &[u8]) -> u32 {
    crc32fast::hash(data)
}

pub trait Stream: Read + Write + Send {}
impl<T: Read + Write + Send> Stream for T {}

#[derive(Debug)]
pub struct Resp {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Resp {
    pub fn header(&self, k: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(k))
            .map(|(_, v)| v.as_str())
    }
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {:?}", String::from_utf8_lossy(&self.body)))
    }
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// One keep-alive connection.
pub struct Conn {
    pub r: BufReader<Box<dyn Stream>>,
}

impl Conn {
    pub fn plain(addr: SocketAddr) -> Conn {
        let s = TcpStream::connect(addr).expect("connect");
        s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
        Conn {
            r: BufReader::new(Box::new(s)),
        }
    }

    /// TLS to `localhost:port`, trusting `ca_pem`.
    pub fn tls(addr: SocketAddr, ca_pem: &str) -> Result<Conn, std::io::Error> {
        use rustls::pki_types::{pem::PemObject, CertificateDer, ServerName};
        let mut roots = rustls::RootCertStore::empty();
        for c in CertificateDer::pem_slice_iter(ca_pem.as_bytes()) {
            roots.add(c.unwrap()).unwrap();
        }
        let cfg = rustls::ClientConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
            .with_safe_default_protocol_versions()
            .unwrap()
            .with_root_certificates(roots)
            .with_no_client_auth();
        let conn = rustls::ClientConnection::new(Arc::new(cfg), ServerName::try_from("localhost").unwrap()).unwrap();
        let s = TcpStream::connect(addr)?;
        s.set_read_timeout(Some(Duration::from_secs(30)))?;
        let mut tls = rustls::StreamOwned::new(conn, s);
        // Force the handshake now so certificate errors surface here.
        while tls.conn.is_handshaking() {
            tls.conn.complete_io(&mut tls.sock)?;
        }
        Ok(Conn {
            r: BufReader::new(Box::new(tls)),
        })
    }

    pub fn send(&mut self, raw: &[u8]) {
        self.r.get_mut().write_all(raw).expect("write");
        self.r.get_mut().flush().unwrap();
    }

    pub fn request(&mut self, method: &str, path: &str, headers: &[(String, String)], body: &[u8]) -> Resp {
        self.send(&build(method, path, headers, body));
        self.read_response(method == "HEAD").expect("response")
    }

    /// Reads one response; `None` if the server closed the connection first.
    pub fn read_response(&mut self, head_only: bool) -> Option<Resp> {
        let mut line = String::new();
        if self.r.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let status: u16 = line.split(' ').nth(1)?.parse().ok()?;
        let mut headers = Vec::new();
        loop {
            let mut l = String::new();
            self.r.read_line(&mut l).ok()?;
            let l = l.trim_end();
            if l.is_empty() {
                break;
            }
            let (k, v) = l.split_once(':')?;
            headers.push((k.trim().to_string(), v.trim().to_string()));
        }
        let mut resp = Resp {
            status,
            headers,
            body: Vec::new(),
        };
        if head_only || status == 204 || status == 304 || (100..200).contains(&status) {
            return Some(resp);
        }
        match resp.header("content-length") {
            Some(n) => {
                let mut b = vec![0u8; n.parse().ok()?];
                self.r.read_exact(&mut b).ok()?;
                resp.body = b;
            }
            None => {
                self.r.read_to_end(&mut resp.body).ok()?;
            }
        }
        Some(resp)
    }

    /// True if the server has closed the connection (EOF or reset on read).
    pub fn is_closed(&mut self) -> bool {
        let mut b = [0u8; 1];
        matches!(self.r.read(&mut b), Ok(0) | Err(_))
    }
}

/// A raw request with Host and Content-Length.
pub fn build(method: &str, path: &str, headers: &[(String, String)], body: &[u8]) -> Vec<u8> {
    let mut h = format!("{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    for (k, v) in headers {
        h.push_str(&format!("{k}: {v}\r\n"));
    }
    if !body.is_empty() || matches!(method, "POST" | "PUT" | "PATCH") {
        h.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    h.push_str("\r\n");
    let mut v = h.into_bytes();
    v.extend_from_slice(body);
    v
}

/// One request on a fresh connection, authenticated.
pub fn call(addr: SocketAddr, method: &str, path: &str, body: &[u8]) -> Resp {
    let mut hs = vec![auth()];
    if !body.is_empty() {
        hs.push(("Content-Type".into(), "application/json".into()));
    }
    Conn::plain(addr).request(method, path, &hs, body)
}

pub fn get(addr: SocketAddr, path: &str) -> Resp {
    call(addr, "GET", path, b"")
}

/// A multipart/form-data body builder.
pub struct Form {
    pub boundary: String,
    pub body: Vec<u8>,
}

impl Form {
    pub fn new() -> Form {
        Form {
            boundary: "----ikTestBoundary7MA4YWxkTrZu0gW".into(),
            body: Vec::new(),
        }
    }
    pub fn text(mut self, name: &str, value: &str) -> Form {
        self.body.extend_from_slice(
            format!(
                "--{}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n",
                self.boundary
            )
            .as_bytes(),
        );
        self
    }
    pub fn file(mut self, name: &str, filename: &str, content_type: &str, data: &[u8]) -> Form {
        self.body.extend_from_slice(
            format!(
                "--{}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"{filename}\"\r\nContent-Type: {content_type}\r\n\r\n",
                self.boundary
            )
            .as_bytes(),
        );
        self.body.extend_from_slice(data);
        self.body.extend_from_slice(b"\r\n");
        self
    }
    pub fn finish(mut self) -> (String, Vec<u8>) {
        self.body
            .extend_from_slice(format!("--{}--\r\n", self.boundary).as_bytes());
        (format!("multipart/form-data; boundary={}", self.boundary), self.body)
    }
}

/// Uploads a form with Basic auth; returns the response.
pub fn upload(addr: SocketAddr, form: Form) -> Resp {
    let (ct, body) = form.finish();
    Conn::plain(addr).request(
        "POST",
        "/api/v1/files/upload",
        &[auth(), ("Content-Type".into(), ct)],
        &body,
    )
}

/// Uploads `data` as `name` (unique suffix off unless told) and returns the Upload JSON.
pub fn upload_file(addr: SocketAddr, name: &str, data: &[u8], extra: &[(&str, &str)]) -> Value {
    let mut f = Form::new()
        .file("file", name, "application/octet-stream", data)
        .text("fileName", name);
    for (k, v) in extra {
        f = f.text(k, v);
    }
    let r = upload(addr, f);
    assert_eq!(r.status, 200, "{}", r.text());
    r.json()
}

/// One authenticated request with a JSON body (`Value::Null` sends none).
pub fn send_json(addr: SocketAddr, method: &str, path: &str, body: &Value) -> Resp {
    let b = if body.is_null() {
        Vec::new()
    } else {
        body.to_string().into_bytes()
    };
    call(addr, method, path, &b)
}
