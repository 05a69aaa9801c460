//! A small HTTP/1.1 server side: request heads, request bodies (Content-Length, chunked,
//! `Expect: 100-continue`) and responses.

use serde_json::{json, Value};
use std::io::{self, BufRead, Read, Write};

/// Limit on a request line plus headers.
const MAX_HEAD: usize = 64 * 1024;

/// The standard `help` text of ImageKit's error bodies.
pub const HELP: &str = "For support kindly contact us at support@imagekit.io.";

/// A parsed request line and headers.
#[derive(Debug, Clone)]
pub(crate) struct RequestHead {
    pub method: String,
    /// The raw path (not percent-decoded), without the query.
    pub path: String,
    /// The raw query string, without `?`.
    pub query: String,
    pub http10: bool,
    /// Header names as sent; look them up with [`RequestHead::header`].
    pub headers: Vec<(String, String)>,
}

impl RequestHead {
    /// The first header with this name (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    fn header_has_token(&self, name: &str, token: &str) -> bool {
        self.headers
            .iter()
            .filter(|(k, _)| k.eq_ignore_ascii_case(name))
            .flat_map(|(_, v)| v.split(','))
            .any(|t| t.trim().eq_ignore_ascii_case(token))
    }

    /// Whether the client wants the connection kept open after this exchange.
    pub fn keep_alive(&self) -> bool {
        if self.header_has_token("connection", "close") {
            return false;
        }
        !self.http10 || self.header_has_token("connection", "keep-alive")
    }

    pub fn expects_continue(&self) -> bool {
        !self.http10 && self.header_has_token("expect", "100-continue")
    }
}

#[derive(Debug)]
pub(crate) enum HeadError {
    /// The peer closed the connection before sending anything.
    Closed,
    Io(#[allow(dead_code)] io::Error),
    /// A malformed request: answer 400 and close.
    Bad(String),
}

impl From<io::Error> for HeadError {
    fn from(e: io::Error) -> Self {
        HeadError::Io(e)
    }
}

fn read_line(r: &mut impl BufRead, budget: &mut usize) -> Result<Vec<u8>, HeadError> {
    let mut line = Vec::new();
    let n = r.by_ref().take(*budget as u64 + 1).read_until(b'\n', &mut line)?;
    if n > *budget {
        return Err(HeadError::Bad("request head too large".into()));
    }
    *budget -= n;
    if !line.ends_with(b"\n") {
        return Err(if line.is_empty() {
            HeadError::Closed
        } else {
            HeadError::Io(io::ErrorKind::UnexpectedEof.into())
        });
    }
    line.pop();
    if line.ends_with(b"\r") {
        line.pop();
    }
    Ok(line)
}

/// At most this many header lines.
const MAX_HEADERS: usize = 128;

/// Reads one request head (up to the blank line) and parses it with `httparse`. Blank lines
/// before the request line are skipped (RFC 9112 §2.2).
pub(crate) fn read_head(r: &mut impl BufRead) -> Result<RequestHead, HeadError> {
    let mut budget = MAX_HEAD;
    let mut raw = read_line(r, &mut budget)?;
    while raw.is_empty() {
        raw = read_line(r, &mut budget)?;
    }
    raw.extend_from_slice(b"\r\n");
    loop {
        let line = read_line(r, &mut budget)?;
        let end = line.is_empty();
        raw.extend_from_slice(&line);
        raw.extend_from_slice(b"\r\n");
        if end {
            break;
        }
    }
    let bad = |m: &str| HeadError::Bad(m.to_string());
    let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
    let mut req = httparse::Request::new(&mut headers);
    match req.parse(&raw) {
        Ok(httparse::Status::Complete(_)) => {}
        Ok(httparse::Status::Partial) => return Err(bad("incomplete request head")),
        Err(e) => return Err(bad(&e.to_string())),
    }
    let method = req.method.ok_or_else(|| bad("malformed request line"))?;
    let target = req.path.ok_or_else(|| bad("malformed request line"))?;
    let http10 = req.version == Some(0);
    // Origin form, or absolute form (a client talking through a proxy-less absolute URI).
    let target = if let Some(rest) = target
        .strip_prefix("http://")
        .or_else(|| target.strip_prefix("https://"))
    {
        rest.find('/').map(|i| &rest[i..]).unwrap_or("/")
    } else {
        target
    };
    if !target.starts_with('/') {
        return Err(bad("malformed request target"));
    }
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let headers = req
        .headers
        .iter()
        .map(|h| (h.name.to_string(), String::from_utf8_lossy(h.value).trim().to_string()))
        .collect();
    Ok(RequestHead {
        method: method.to_string(),
        path: path.to_string(),
        query: query.to_string(),
        http10,
        headers,
    })
}

/// How the request body is delimited.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Framing {
    Empty,
    Length(u64),
    Chunked,
}

/// Works out the body framing (RFC 9112 §6.3). `Err` is a message for a 400.
pub(crate) fn framing(head: &RequestHead) -> Result<Framing, String> {
    let te: Vec<&str> = head
        .headers
        .iter()
        .filter(|(k, _)| k.eq_ignore_ascii_case("transfer-encoding"))
        .flat_map(|(_, v)| v.split(','))
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .collect();
    if let Some(last) = te.last() {
        if !last.eq_ignore_ascii_case("chunked") || te.len() > 1 {
            return Err(format!("unsupported Transfer-Encoding: {}", te.join(", ")));
        }
        return Ok(Framing::Chunked);
    }
    let mut len: Option<u64> = None;
    for (_, v) in head
        .headers
        .iter()
        .filter(|(k, _)| k.eq_ignore_ascii_case("content-length"))
    {
        for part in v.split(',') {
            let n: u64 = part
                .trim()
                .parse()
                .map_err(|_| format!("invalid Content-Length: {v}"))?;
            if len.is_some_and(|l| l != n) {
                return Err("conflicting Content-Length headers".into());
            }
            len = Some(n);
        }
    }
    Ok(match len {
        None | Some(0) => Framing::Empty,
        Some(n) => Framing::Length(n),
    })
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Chunk {
    Size,
    Data(u64),
    DataEnd,
    Trailers,
}

/// The request body as a stream. Sends `100 Continue` before the first read when asked for.
pub(crate) struct Body<'a, S: BufRead + Write> {
    conn: &'a mut S,
    framing: Framing,
    remaining: u64,
    chunk: Chunk,
    done: bool,
    continue_pending: bool,
    /// Body bytes read so far (after de-chunking).
    pub read_total: u64,
}

impl<'a, S: BufRead + Write> Body<'a, S> {
    pub fn new(conn: &'a mut S, framing: Framing, expect_continue: bool) -> Self {
        let done = framing == Framing::Empty;
        Body {
            conn,
            framing,
            remaining: if let Framing::Length(n) = framing { n } else { 0 },
            chunk: Chunk::Size,
            done,
            continue_pending: expect_continue && !done,
            read_total: 0,
        }
    }

    /// True once the whole body has been read.
    pub fn is_done(&self) -> bool {
        self.done
    }

    /// True while the client waits for `100 Continue` and nothing was read.
    pub fn continue_pending(&self) -> bool {
        self.continue_pending
    }

    /// Reads and discards the rest of the body.
    pub fn drain(&mut self) -> io::Result<()> {
        let mut buf = [0u8; 16 * 1024];
        while self.read(&mut buf)? > 0 {}
        Ok(())
    }

    fn chunk_line(&mut self) -> io::Result<String> {
        let mut line = Vec::new();
        let n = Read::by_ref(&mut *self.conn).take(4096).read_until(b'\n', &mut line)?;
        if n == 0 || !line.ends_with(b"\n") {
            return Err(io::Error::new(io::ErrorKind::InvalidData, "truncated chunked body"));
        }
        Ok(String::from_utf8_lossy(&line)
            .trim_end_matches(['\r', '\n'])
            .to_string())
    }

    fn read_chunked(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            match self.chunk {
                Chunk::Size => {
                    let line = self.chunk_line()?;
                    let size = line.split(';').next().unwrap_or("").trim();
                    let n = u64::from_str_radix(size, 16)
                        .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, format!("bad chunk size {size:?}")))?;
                    self.chunk = if n == 0 { Chunk::Trailers } else { Chunk::Data(n) };
                }
                Chunk::Data(left) => {
                    let want = (buf.len() as u64).min(left) as usize;
                    let n = self.conn.read(&mut buf[..want])?;
                    if n == 0 {
                        return Err(io::ErrorKind::UnexpectedEof.into());
                    }
                    self.chunk = if left == n as u64 {
                        Chunk::DataEnd
                    } else {
                        Chunk::Data(left - n as u64)
                    };
                    return Ok(n);
                }
                Chunk::DataEnd => {
                    if !self.chunk_line()?.is_empty() {
                        return Err(io::Error::new(io::ErrorKind::InvalidData, "missing CRLF after chunk"));
                    }
                    self.chunk = Chunk::Size;
                }
                Chunk::Trailers => {
                    while !self.chunk_line()?.is_empty() {}
                    self.done = true;
                    return Ok(0);
                }
            }
        }
    }
}

impl<S: BufRead + Write> Read for Body<'_, S> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.done || buf.is_empty() {
            return Ok(0);
        }
        if self.continue_pending {
            self.continue_pending = false;
            self.conn.write_all(b"HTTP/1.1 100 Continue\r\n\r\n")?;
            self.conn.flush()?;
        }
        let n = match self.framing {
            Framing::Empty => 0,
            Framing::Length(_) => {
                let want = (buf.len() as u64).min(self.remaining) as usize;
                let n = self.conn.read(&mut buf[..want])?;
                if n == 0 {
                    return Err(io::ErrorKind::UnexpectedEof.into());
                }
                self.remaining -= n as u64;
                if self.remaining == 0 {
                    self.done = true;
                }
                n
            }
            Framing::Chunked => self.read_chunked(buf)?,
        };
        self.read_total += n as u64;
        Ok(n)
    }
}

/// A complete response.
#[derive(Debug, Clone)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn new(status: u16) -> Self {
        Response {
            status,
            headers: Vec::new(),
            body: Vec::new(),
        }
    }

    /// A JSON response (`Content-Type: application/json`).
    pub fn json(status: u16, v: &Value) -> Self {
        Response::new(status)
            .header("Content-Type", "application/json")
            .body(serde_json::to_vec(v).expect("JSON serialises"))
    }

    /// ImageKit's error body: `{"message": …, "help": …}`.
    pub fn error(status: u16, message: impl Into<String>) -> Self {
        Response::json(status, &json!({"message": message.into(), "help": HELP}))
    }

    pub fn header(mut self, k: impl Into<String>, v: impl Into<String>) -> Self {
        self.headers.push((k.into(), v.into()));
        self
    }

    pub fn body(mut self, b: impl Into<Vec<u8>>) -> Self {
        self.body = b.into();
        self
    }

    pub fn has_header(&self, name: &str) -> bool {
        self.headers.iter().any(|(k, _)| k.eq_ignore_ascii_case(name))
    }

    /// Status line and headers, with Content-Length and Connection added.
    pub(crate) fn head_bytes(&self, keep_alive: bool) -> Vec<u8> {
        let mut h = format!("HTTP/1.1 {} {}\r\n", self.status, reason(self.status));
        for (k, v) in &self.headers {
            if k.eq_ignore_ascii_case("content-length") || k.eq_ignore_ascii_case("connection") {
                continue;
            }
            h.push_str(&format!("{k}: {v}\r\n"));
        }
        if !(self.status == 204 || self.status == 304 || (100..200).contains(&self.status)) {
            h.push_str(&format!("Content-Length: {}\r\n", self.body.len()));
        }
        h.push_str(if keep_alive {
            "Connection: keep-alive\r\n"
        } else {
            "Connection: close\r\n"
        });
        h.push_str("\r\n");
        h.into_bytes()
    }
}

/// The reason phrase for a status code.
pub fn reason(status: u16) -> &'static str {
    match status {
        100 => "Continue",
        200 => "OK",
        201 => "Created",
        202 => "Accepted",
        204 => "No Content",
        207 => "Multi-Status",
        301 => "Moved Permanently",
        302 => "Found",
        304 => "Not Modified",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        409 => "Conflict",
        413 => "Payload Too Large",
        415 => "Unsupported Media Type",
        422 => "Unprocessable Entity",
        423 => "Locked",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "Unknown",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{BufReader, Cursor};

    /// An in-memory connection: reads from `input`, records writes.
    struct Fake {
        input: BufReader<Cursor<Vec<u8>>>,
        out: Vec<u8>,
    }
    impl Read for Fake {
        fn read(&mut self, b: &mut [u8]) -> io::Result<usize> {
            self.input.read(b)
        }
    }
    impl BufRead for Fake {
        fn fill_buf(&mut self) -> io::Result<&[u8]> {
            self.input.fill_buf()
        }
        fn consume(&mut self, n: usize) {
            self.input.consume(n)
        }
    }
    impl Write for Fake {
        fn write(&mut self, b: &[u8]) -> io::Result<usize> {
            self.out.extend_from_slice(b);
            Ok(b.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }
    fn fake(s: &[u8]) -> Fake {
        Fake {
            input: BufReader::with_capacity(7, Cursor::new(s.to_vec())),
            out: Vec::new(),
        }
    }

    #[test]
    fn heads_and_bodies() {
        let mut c = fake(
            b"\r\nPOST /v1/x%20y?a=1 HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\nExpect: 100-continue\r\n\r\n\
              5;ext=1\r\nhello\r\n7\r\n, world\r\n0\r\nX-Trailer: 1\r\n\r\n\
              GET / HTTP/1.0\r\nContent-Length: 3\r\n\r\nabc",
        );
        let h = read_head(&mut c).unwrap();
        assert_eq!(
            (h.method.as_str(), h.path.as_str(), h.query.as_str()),
            ("POST", "/v1/x%20y", "a=1")
        );
        assert!(h.keep_alive() && h.expects_continue());
        assert_eq!(framing(&h).unwrap(), Framing::Chunked);
        let mut body = Body::new(&mut c, Framing::Chunked, true);
        let mut s = String::new();
        body.read_to_string(&mut s).unwrap();
        assert_eq!(
            (s.as_str(), body.read_total, body.is_done()),
            ("hello, world", 12, true)
        );
        assert_eq!(c.out, b"HTTP/1.1 100 Continue\r\n\r\n");
        let h = read_head(&mut c).unwrap();
        assert!(!h.keep_alive() && !h.expects_continue());
        assert_eq!(framing(&h).unwrap(), Framing::Length(3));
        let mut body = Body::new(&mut c, Framing::Length(3), false);
        body.drain().unwrap();
        assert_eq!(body.read_total, 3);
        assert!(matches!(read_head(&mut c), Err(HeadError::Closed)));
    }

    #[test]
    fn bad_requests() {
        for raw in [
            &b"GET /x HTTP/2\r\n\r\n"[..],
            b"GET x HTTP/1.1\r\n\r\n",
            b"GET /x HTTP/1.1\r\nBad Header: 1\r\n\r\n",
            b"GET /x HTTP/1.1\r\nA: 1\r\n folded\r\n\r\n",
        ] {
            assert!(matches!(read_head(&mut fake(raw)), Err(HeadError::Bad(_))), "{raw:?}");
        }
        let h = read_head(&mut fake(
            b"POST /x HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n",
        ))
        .unwrap();
        assert!(framing(&h).is_err());
        let h = read_head(&mut fake(b"POST /x HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n")).unwrap();
        assert!(framing(&h).is_err());
        let mut big = b"GET /x HTTP/1.1\r\nA: ".to_vec();
        big.extend(std::iter::repeat_n(b'a', 70_000));
        assert!(matches!(read_head(&mut fake(&big)), Err(HeadError::Bad(_))));
    }

    #[test]
    fn response_head() {
        let r = Response::error(404, "nope").header("X-A", "1");
        let h = String::from_utf8(r.head_bytes(true)).unwrap();
        assert!(h.starts_with("HTTP/1.1 404 Not Found\r\n"));
        assert!(h.contains("Content-Type: application/json\r\n"));
        assert!(h.contains(&format!("Content-Length: {}\r\n", r.body.len())));
        let h = String::from_utf8(Response::new(204).head_bytes(false)).unwrap();
        assert!(!h.contains("Content-Length") && h.contains("Connection: close"));
    }
}
