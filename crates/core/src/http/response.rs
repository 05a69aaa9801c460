//! Turning answers and transport failures into [`Error`]s.
//!
//! - a non-2xx answer becomes an error whose kind follows the status, with ImageKit's
//!   `message`/`help`/`reason`, the `x-ik-requestId` header, the rate-limit headers, the number
//!   of attempts, and the body (parsed JSON, or the raw text when it is not JSON);
//! - a ureq failure becomes `Network`, `Timeout` or `Tls` with a message a person can act on.
//!
//! Nothing here ever sees the Authorization header; error texts are also scrubbed of the
//! private key in case a server echoes it.

use super::redact::Secrets;
use crate::error::{clip_to_limit, Error, ErrorKind, RateLimit};
use serde_json::Value;
use std::io;
use ureq::http::HeaderMap;

/// `host:port` for messages; an IPv6 host is bracketed once (`[::1]:9`), whether or not it came
/// with its brackets (`http::Uri::host` keeps them).
pub(crate) fn host_port(host: &str, port: u16) -> String {
    if host.contains(':') && !host.starts_with('[') {
        format!("[{host}]:{port}")
    } else {
        format!("{host}:{port}")
    }
}

/// A complete answer: status, headers and the whole body.
#[derive(Debug, Clone)]
pub struct Response {
    pub status: u16,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
    /// How many attempts it took (1 + retries).
    pub attempts: u32,
    /// Set when only the first bytes of the body were read (an error answer is never buffered
    /// whole: see `execute`).
    pub cut: Option<BodyCut>,
    /// An attempt of this call may have been applied by the server (see `Error::maybe_applied`).
    pub maybe_applied: bool,
}

/// A body read only in part.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BodyCut {
    /// The size the server declared (`Content-Length`), when it did.
    pub declared: Option<u64>,
    /// How many bytes were read.
    pub read: u64,
}

impl BodyCut {
    /// The part read, cut to the echo limit, with a marker giving the full size.
    pub fn describe(&self, text: &str) -> String {
        match self.declared {
            Some(n) => clip_to_limit(text, n, true),
            None => clip_to_limit(text, self.read, false),
        }
    }
}

impl Response {
    /// A header's value as text (header names are case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        header_str(&self.headers, name)
    }

    /// The `x-ik-requestId` header.
    pub fn request_id(&self) -> Option<&str> {
        self.header("x-ik-requestid")
    }

    /// The body as the JSON text of a successful operation: `{}` for an empty body; the body
    /// itself when it is JSON; a `Decode` error otherwise.
    pub fn into_json_text(self) -> Result<String, Error> {
        let attempts = self.attempts;
        let request_id = self.request_id().map(str::to_string);
        let status = self.status;
        let text = match String::from_utf8(self.body) {
            Ok(t) => t,
            Err(_) => {
                let mut e = Error::new(
                    ErrorKind::Decode,
                    format!("HTTP {status}: the response body is not UTF-8 text"),
                );
                e.http_status = Some(status);
                e.request_id = request_id;
                e.attempts = Some(attempts);
                return Err(e);
            }
        };
        if text.trim().is_empty() {
            return Ok("{}".to_string());
        }
        match serde_json::from_str::<serde::de::IgnoredAny>(&text) {
            Ok(_) => Ok(text),
            Err(err) => {
                let mut e = Error::new(
                    ErrorKind::Decode,
                    format!("HTTP {status}: the response body is not JSON ({err})"),
                );
                e.http_status = Some(status);
                e.request_id = request_id;
                e.attempts = Some(attempts);
                e.body = Some(Value::String(text));
                Err(e)
            }
        }
    }
}

pub fn header_str<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|v| v.to_str().ok()).map(str::trim)
}

fn header_u64(headers: &HeaderMap, name: &str) -> Option<u64> {
    let v = header_str(headers, name)?;
    v.parse::<u64>().ok().or_else(|| {
        // Tolerate "1500.0".
        v.parse::<f64>()
            .ok()
            .filter(|f| f.is_finite() && *f >= 0.0)
            .map(|f| f as u64)
    })
}

/// ImageKit's `X-RateLimit-*` headers.
pub fn rate_limit(headers: &HeaderMap) -> RateLimit {
    RateLimit {
        limit: header_u64(headers, "x-ratelimit-limit"),
        reset_ms: header_u64(headers, "x-ratelimit-reset"),
        interval_ms: header_u64(headers, "x-ratelimit-interval"),
    }
}

/// Standard reason phrases for the statuses ImageKit uses.
pub fn reason_phrase(status: u16) -> &'static str {
    match status {
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        409 => "Conflict",
        410 => "Gone",
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
        _ => "",
    }
}

fn first_line(text: &str, max: usize) -> String {
    let line = text.trim().lines().next().unwrap_or("").trim();
    if line.chars().count() > max {
        let cut: String = line.chars().take(max).collect();
        format!("{cut}…")
    } else {
        line.to_string()
    }
}

/// The error for a non-2xx answer, with every server text scrubbed of `secrets`.
pub fn error_from_response(resp: &Response, secrets: &Secrets) -> Error {
    // The body is scrubbed before any of it is cut (a cut could split a secret), and the
    // whole error again at the end (headers, parsed JSON).
    let lossy = String::from_utf8_lossy(&resp.body);
    let text = secrets.scrub(&lossy);
    secrets.scrubbed(error_from_text(resp, &text))
}

/// The error for a non-2xx answer whose body is `text`.
fn error_from_text(resp: &Response, text: &str) -> Error {
    let status = resp.status;
    let kind = ErrorKind::from_http_status(status);
    let parsed: Option<Value> = if text.trim().is_empty() || resp.cut.is_some() {
        None
    } else {
        serde_json::from_str(text).ok()
    };

    let mut message = None;
    let mut help = None;
    let mut reason = None;
    if let Some(Value::Object(o)) = &parsed {
        let s = |k: &str| o.get(k).and_then(Value::as_str).map(str::to_string);
        message = s("message").or_else(|| s("error"));
        help = s("help");
        reason = s("reason");
    }
    let phrase = reason_phrase(status);
    let message = match message {
        Some(m) if !m.is_empty() => m,
        _ => {
            let head = if phrase.is_empty() {
                format!("HTTP {status}")
            } else {
                format!("HTTP {status} {phrase}")
            };
            if parsed.is_none() && !text.trim().is_empty() {
                format!("{head}: {}", first_line(text, 200))
            } else if text.trim().is_empty() {
                format!("{head} (empty body)")
            } else {
                head
            }
        }
    };

    let mut e = Error::new(kind, message);
    e.http_status = Some(status);
    e.help = help;
    e.reason = reason;
    e.request_id = resp.request_id().map(str::to_string);
    e.rate_limit = rate_limit(&resp.headers);
    e.attempts = Some(resp.attempts);
    e.body = match (parsed, resp.cut) {
        (Some(v), _) => Some(v),
        (None, _) if text.is_empty() => None,
        (None, Some(cut)) => Some(Value::String(cut.describe(text))),
        (None, None) => Some(Value::String(text.to_string())),
    };
    e
}

/// Marker carried inside an `io::Error` by our body readers, so a failure of the caller's data
/// (a file that vanished, a cancelled upload) is told apart from a network failure.
#[derive(Debug)]
pub enum BodyFault {
    /// The progress callback asked to stop.
    Cancelled,
    /// Reading the local data failed.
    Source(String),
}

impl std::fmt::Display for BodyFault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BodyFault::Cancelled => f.write_str("cancelled by the progress callback"),
            BodyFault::Source(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for BodyFault {}

impl BodyFault {
    pub fn into_io(self) -> io::Error {
        io::Error::other(self)
    }

    /// Finds a `BodyFault` inside an io error, if there is one.
    pub fn find(e: &io::Error) -> Option<&BodyFault> {
        e.get_ref().and_then(|inner| inner.downcast_ref::<BodyFault>())
    }
}

/// What a failed attempt means for the retry loop.
#[derive(Debug)]
pub struct Failure {
    pub error: Error,
    /// True for connection errors and timeouts, which the policy retries.
    pub retryable: bool,
    /// The whole request had gone out when the attempt failed, so the server may have acted on
    /// it (set by the attempt, which knows; false from the mapping functions below).
    pub sent: bool,
}

/// Who a request talks to, for messages: the target (`host:port`) and, when the request goes
/// through a proxy, that proxy (`proxy host:port[, from the environment]`; never its
/// credentials).
#[derive(Debug, Clone)]
pub struct Peer {
    pub target: String,
    pub proxy: Option<String>,
}

impl Peer {
    /// Who a connection failure is about: the proxy when there is one (the connection is made to
    /// it), else the target.
    fn connected_to(&self) -> &str {
        self.proxy.as_deref().unwrap_or(&self.target)
    }

    /// `msg`, with the proxy named when one is in use.
    fn via(&self, msg: String) -> String {
        match &self.proxy {
            Some(p) => format!("{msg} (through the {p})"),
            None => msg,
        }
    }
}

fn timeout_text(t: ureq::Timeout) -> &'static str {
    use ureq::Timeout as T;
    match t {
        T::Connect | T::Resolve => "while connecting to",
        T::SendRequest | T::SendBody | T::PerWrite => "while sending the request to",
        T::RecvResponse => "waiting for the response from",
        T::RecvBody | T::PerRead => "while receiving the response body from",
        _ => "talking to",
    }
}

fn io_failure(e: &io::Error, peer: &Peer) -> Failure {
    if let Some(fault) = BodyFault::find(e) {
        return match fault {
            BodyFault::Cancelled => Failure {
                error: Error::new(
                    ErrorKind::Cancelled,
                    "upload cancelled by the progress callback; nothing was uploaded",
                ),
                retryable: false,
                sent: false,
            },
            BodyFault::Source(m) => Failure {
                error: Error::new(ErrorKind::Io, m.clone()),
                retryable: false,
                sent: false,
            },
        };
    }
    let target = peer.target.as_str();
    // rustls reports handshake and certificate failures as io errors wrapping rustls::Error.
    if let Some(tls) = e.get_ref().and_then(|inner| inner.downcast_ref::<rustls::Error>()) {
        return Failure {
            error: tls_error(&tls.to_string(), target),
            retryable: false,
            sent: false,
        };
    }
    use io::ErrorKind as K;
    let (kind, msg) = match e.kind() {
        K::TimedOut | K::WouldBlock => (ErrorKind::Timeout, peer.via(format!("timed out talking to {target}"))),
        K::ConnectionRefused => (
            ErrorKind::Network,
            format!("connection refused by {}", peer.connected_to()),
        ),
        K::ConnectionReset | K::ConnectionAborted | K::BrokenPipe | K::UnexpectedEof => (
            ErrorKind::Network,
            peer.via(format!("connection to {target} closed unexpectedly ({e})")),
        ),
        _ => (
            ErrorKind::Network,
            peer.via(format!("network error talking to {target}: {e}")),
        ),
    };
    Failure {
        error: Error::new(kind, msg),
        retryable: true,
        sent: false,
    }
}

/// Maps a ureq failure talking to `peer` to our error, and says whether to retry it.
pub fn failure_from_ureq(err: ureq::Error, peer: &Peer, timeouts: (u128, u128)) -> Failure {
    use ureq::Error as U;
    let (connect_ms, timeout_ms) = timeouts;
    let target = peer.target.as_str();
    let net = |msg: String| Failure {
        error: Error::new(ErrorKind::Network, msg),
        retryable: true,
        sent: false,
    };
    match err {
        U::Timeout(t) => {
            let connecting = matches!(t, ureq::Timeout::Connect | ureq::Timeout::Resolve);
            let limit = if connecting { connect_ms } else { timeout_ms };
            let msg = if connecting {
                format!(
                    "timed out {} {} (after {limit} ms)",
                    timeout_text(t),
                    peer.connected_to()
                )
            } else {
                peer.via(format!("timed out {} {target} (after {limit} ms)", timeout_text(t)))
            };
            Failure {
                error: Error::new(ErrorKind::Timeout, msg),
                retryable: true,
                sent: false,
            }
        }
        U::Io(e) => io_failure(&e, peer),
        U::HostNotFound => net(format!("could not resolve host {}", peer.connected_to())),
        U::ConnectionFailed => net(format!("could not connect to {}", peer.connected_to())),
        U::Protocol(e) => net(peer.via(format!("HTTP protocol error talking to {target}: {e}"))),
        U::ConnectProxyFailed(m) => net(match &peer.proxy {
            Some(p) => format!("the {p} refused to connect to {target}: {m}"),
            None => format!("proxy failed to connect to {target}: {m}"),
        }),
        U::InvalidProxyUrl => Failure {
            error: Error::invalid("the proxy URL is invalid"),
            retryable: false,
            sent: false,
        },
        U::Rustls(e) => Failure {
            error: tls_error(&e.to_string(), target),
            retryable: false,
            sent: false,
        },
        U::Tls(m) => Failure {
            error: tls_error(m, target),
            retryable: false,
            sent: false,
        },
        U::Pem(e) => Failure {
            error: tls_error(&format!("{e:?}"), target),
            retryable: false,
            sent: false,
        },
        U::TlsRequired => Failure {
            error: tls_error("TLS required but not set up", target),
            retryable: false,
            sent: false,
        },
        U::BadUri(m) => Failure {
            error: Error::invalid(format!("bad URL: {m}")),
            retryable: false,
            sent: false,
        },
        U::Http(e) => Failure {
            error: Error::invalid(format!("bad request: {e}")),
            retryable: false,
            sent: false,
        },
        U::RequireHttpsOnly(m) => Failure {
            error: Error::invalid(format!("HTTPS required: {m}")),
            retryable: false,
            sent: false,
        },
        U::BodyExceedsLimit(n) => Failure {
            error: Error::new(
                ErrorKind::Decode,
                format!("the response body from {target} exceeds {n} bytes"),
            ),
            retryable: false,
            sent: false,
        },
        U::LargeResponseHeader(..) => Failure {
            error: Error::new(
                ErrorKind::Decode,
                format!("the response headers from {target} are too large"),
            ),
            retryable: false,
            sent: false,
        },
        other => net(peer.via(format!("error talking to {target}: {other}"))),
    }
}

/// The hint for a certificate failure: a private CA is a fix only when the issuer is unknown; a
/// certificate for another host name or an expired one is not fixed by trusting more CAs.
fn tls_hint(detail: &str) -> &'static str {
    let d = detail.to_ascii_lowercase();
    if d.contains("notvalidforname") || d.contains("not valid for name") {
        " (the server's certificate does not cover this host name: check the host in the base URL)"
    } else if d.contains("expired") || d.contains("notvalidyet") {
        " (the server's certificate is outside its validity period: check the server's certificate and this machine's clock)"
    } else if d.contains("unknownissuer") || d.contains("unknown issuer") {
        " (if the server uses a private CA, add it with the `ca_pem` or `ca_file` config key)"
    } else {
        ""
    }
}

fn tls_error(detail: &str, target: &str) -> Error {
    Error::new(
        ErrorKind::Tls,
        format!("TLS with {target} failed: {detail}{}", tls_hint(detail)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use ureq::http::HeaderValue;

    fn resp(status: u16, headers: &[(&'static str, &str)], body: &str) -> Response {
        let mut h = HeaderMap::new();
        for (k, v) in headers {
            h.append(*k, HeaderValue::from_str(v).unwrap());
        }
        Response {
            status,
            headers: h,
            body: body.as_bytes().to_vec(),
            attempts: 3,
            cut: None,
            maybe_applied: false,
        }
    }

    #[test]
    fn json_error_body_fields() {
        let r = resp(
            404,
            &[
                ("X-IK-RequestId", "req-1"),
                ("X-RateLimit-Limit", "10"),
                ("x-ratelimit-reset", "1500"),
                ("X-RateLimit-Interval", "1000"),
            ],
            r#"{"message":"File not found","help":"see docs","reason":"NOT_FOUND"}"#,
        );
        let e = error_from_response(&r, &Secrets::default());
        assert_eq!(e.kind, ErrorKind::NotFound);
        assert_eq!(e.message, "File not found");
        assert_eq!(e.help.as_deref(), Some("see docs"));
        assert_eq!(e.reason.as_deref(), Some("NOT_FOUND"));
        assert_eq!(e.request_id.as_deref(), Some("req-1"));
        assert_eq!(
            e.rate_limit,
            RateLimit {
                limit: Some(10),
                reset_ms: Some(1500),
                interval_ms: Some(1000)
            }
        );
        assert_eq!(e.attempts, Some(3));
        assert_eq!(e.http_status, Some(404));
        assert_eq!(e.body.as_ref().unwrap()["reason"], "NOT_FOUND");
    }

    #[test]
    fn non_json_and_empty_bodies() {
        let e = error_from_response(&resp(502, &[], "<html>Bad gateway</html>\nmore"), &Secrets::default());
        assert_eq!(e.kind, ErrorKind::ServerError);
        assert_eq!(e.message, "HTTP 502 Bad Gateway: <html>Bad gateway</html>");
        assert_eq!(e.body, Some(Value::String("<html>Bad gateway</html>\nmore".into())));

        let e = error_from_response(&resp(503, &[], ""), &Secrets::default());
        assert_eq!(e.message, "HTTP 503 Service Unavailable (empty body)");
        assert!(e.body.is_none());

        let e = error_from_response(&resp(418, &[], "[1,2]"), &Secrets::default());
        assert_eq!(e.kind, ErrorKind::Api);
        assert_eq!(e.message, "HTTP 418");
        assert_eq!(e.body, Some(serde_json::json!([1, 2])));

        let e = error_from_response(&resp(400, &[], r#"{"error":"bad things"}"#), &Secrets::default());
        assert_eq!(e.message, "bad things");
    }

    #[test]
    fn secrets_are_scrubbed_from_echoed_bodies() {
        let r = resp(
            401,
            &[],
            r#"{"message":"key private_key_abc is wrong","help":"x","echo":{"auth":"Basic private_key_abc"}}"#,
        );
        let e = error_from_response(&r, &Secrets::for_private_key("private_key_abc"));
        let doc = serde_json::Value::Object(e.to_json_map()).to_string();
        assert!(!doc.contains("private_key_abc"), "{doc}");
        assert!(doc.contains("<redacted>"));
        let e = error_from_response(
            &resp(500, &[], "oops private_key_abc"),
            &Secrets::for_private_key("private_key_abc"),
        );
        assert!(!format!("{e:?}").contains("private_key_abc"));
    }

    #[test]
    fn success_bodies() {
        assert_eq!(resp(204, &[], "").into_json_text().unwrap(), "{}");
        assert_eq!(resp(200, &[], "  \n").into_json_text().unwrap(), "{}");
        assert_eq!(
            resp(200, &[], r#"{"b":1,"a":2}"#).into_json_text().unwrap(),
            r#"{"b":1,"a":2}"#
        );
        let e = resp(200, &[("x-ik-requestid", "r9")], "not json")
            .into_json_text()
            .unwrap_err();
        assert_eq!(e.kind, ErrorKind::Decode);
        assert_eq!(e.request_id.as_deref(), Some("r9"));
    }

    #[test]
    fn body_faults_survive_io_wrapping() {
        let e = BodyFault::Cancelled.into_io();
        let peer = Peer {
            target: "h:1".into(),
            proxy: None,
        };
        let f = io_failure(&e, &peer);
        assert_eq!(f.error.kind, ErrorKind::Cancelled);
        assert!(!f.retryable);
        let f = io_failure(&BodyFault::Source("gone".into()).into_io(), &peer);
        assert_eq!(f.error.kind, ErrorKind::Io);
        let f = io_failure(&io::Error::from(io::ErrorKind::ConnectionRefused), &peer);
        assert_eq!(f.error.kind, ErrorKind::Network);
        assert!(f.retryable);
    }
}
