//! Turning answers and transport failures into [`Error`]s.
//!
//! - a non-2xx answer becomes an error whose kind follows the status, with ImageKit's
//!   `message`/`help`/`reason`, the `x-ik-requestId` header, the rate-limit headers, the number
//!   of attempts, and the body (parsed JSON, or the raw text when it is not JSON);
//! - a ureq failure becomes `Network`, `Timeout` or `Tls` with a message a person can act on.
//!
//! Nothing here ever sees the Authorization header; error texts are also scrubbed of the
//! private key in case a server echoes it.

use crate::error::{Error, ErrorKind, RateLimit};
use serde_json::Value;
use std::io;
use ureq::http::HeaderMap;

/// A complete answer: status, headers and the whole body.
#[derive(Debug, Clone)]
pub struct Response {
    pub status: u16,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
    /// How many attempts it took (1 + retries).
    pub attempts: u32,
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

/// Replaces every occurrence of each secret with `<redacted>`.
pub fn redact(text: &str, secrets: &[&str]) -> String {
    let mut out = text.to_string();
    for s in secrets.iter().filter(|s| s.len() >= 4) {
        if out.contains(*s) {
            out = out.replace(*s, "<redacted>");
        }
    }
    out
}

fn redact_value(v: &mut Value, secrets: &[&str]) {
    match v {
        Value::String(s) if secrets.iter().any(|k| k.len() >= 4 && s.contains(*k)) => {
            *s = redact(s, secrets);
        }
        Value::Array(a) => a.iter_mut().for_each(|x| redact_value(x, secrets)),
        Value::Object(o) => o.values_mut().for_each(|x| redact_value(x, secrets)),
        _ => {}
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

/// The error for a non-2xx answer. `secrets` are scrubbed from every text taken from the body.
pub fn error_from_response(resp: &Response, secrets: &[&str]) -> Error {
    let status = resp.status;
    let kind = ErrorKind::from_http_status(status);
    let text = String::from_utf8_lossy(&resp.body);
    let parsed: Option<Value> = if text.trim().is_empty() {
        None
    } else {
        serde_json::from_str(&text).ok()
    };

    let mut message = None;
    let mut help = None;
    let mut reason = None;
    if let Some(Value::Object(o)) = &parsed {
        let s = |k: &str| o.get(k).and_then(Value::as_str).map(|v| redact(v, secrets));
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
                format!("{head}: {}", first_line(&redact(&text, secrets), 200))
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
    e.body = match parsed {
        Some(mut v) => {
            redact_value(&mut v, secrets);
            Some(v)
        }
        None if text.is_empty() => None,
        None => Some(Value::String(redact(&text, secrets))),
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

fn io_failure(e: &io::Error, target: &str) -> Failure {
    if let Some(fault) = BodyFault::find(e) {
        return match fault {
            BodyFault::Cancelled => Failure {
                error: Error::new(
                    ErrorKind::Cancelled,
                    "upload cancelled by the progress callback; nothing was uploaded",
                ),
                retryable: false,
            },
            BodyFault::Source(m) => Failure {
                error: Error::new(ErrorKind::Io, m.clone()),
                retryable: false,
            },
        };
    }
    // rustls reports handshake and certificate failures as io errors wrapping rustls::Error.
    if let Some(tls) = e.get_ref().and_then(|inner| inner.downcast_ref::<rustls::Error>()) {
        return Failure {
            error: tls_error(&tls.to_string(), target),
            retryable: false,
        };
    }
    use io::ErrorKind as K;
    let (kind, msg) = match e.kind() {
        K::TimedOut | K::WouldBlock => (ErrorKind::Timeout, format!("timed out talking to {target}")),
        K::ConnectionRefused => (ErrorKind::Network, format!("connection refused by {target}")),
        K::ConnectionReset | K::ConnectionAborted | K::BrokenPipe | K::UnexpectedEof => (
            ErrorKind::Network,
            format!("connection to {target} closed unexpectedly ({e})"),
        ),
        _ => (ErrorKind::Network, format!("network error talking to {target}: {e}")),
    };
    Failure {
        error: Error::new(kind, msg),
        retryable: true,
    }
}

/// Maps a ureq failure for `target` (`host:port`) to our error, and says whether to retry it.
pub fn failure_from_ureq(err: ureq::Error, target: &str, timeouts: (u128, u128)) -> Failure {
    use ureq::Error as U;
    let (connect_ms, timeout_ms) = timeouts;
    let net = |msg: String| Failure {
        error: Error::new(ErrorKind::Network, msg),
        retryable: true,
    };
    match err {
        U::Timeout(t) => {
            let limit = if matches!(t, ureq::Timeout::Connect | ureq::Timeout::Resolve) {
                connect_ms
            } else {
                timeout_ms
            };
            Failure {
                error: Error::new(
                    ErrorKind::Timeout,
                    format!("timed out {} {target} (after {limit} ms)", timeout_text(t)),
                ),
                retryable: true,
            }
        }
        U::Io(e) => io_failure(&e, target),
        U::HostNotFound => net(format!("could not resolve host {target}")),
        U::ConnectionFailed => net(format!("could not connect to {target}")),
        U::Protocol(e) => net(format!("HTTP protocol error talking to {target}: {e}")),
        U::ConnectProxyFailed(m) => net(format!("proxy failed to connect to {target}: {m}")),
        U::InvalidProxyUrl => Failure {
            error: Error::invalid("the proxy URL is invalid"),
            retryable: false,
        },
        U::Rustls(e) => Failure {
            error: tls_error(&e.to_string(), target),
            retryable: false,
        },
        U::Tls(m) => Failure {
            error: tls_error(m, target),
            retryable: false,
        },
        U::Pem(e) => Failure {
            error: tls_error(&format!("{e:?}"), target),
            retryable: false,
        },
        U::TlsRequired => Failure {
            error: tls_error("TLS required but not set up", target),
            retryable: false,
        },
        U::BadUri(m) => Failure {
            error: Error::invalid(format!("bad URL: {m}")),
            retryable: false,
        },
        U::Http(e) => Failure {
            error: Error::invalid(format!("bad request: {e}")),
            retryable: false,
        },
        U::RequireHttpsOnly(m) => Failure {
            error: Error::invalid(format!("HTTPS required: {m}")),
            retryable: false,
        },
        U::BodyExceedsLimit(n) => Failure {
            error: Error::new(
                ErrorKind::Decode,
                format!("the response body from {target} exceeds {n} bytes"),
            ),
            retryable: false,
        },
        U::LargeResponseHeader(..) => Failure {
            error: Error::new(
                ErrorKind::Decode,
                format!("the response headers from {target} are too large"),
            ),
            retryable: false,
        },
        other => net(format!("error talking to {target}: {other}")),
    }
}

fn tls_error(detail: &str, target: &str) -> Error {
    let hint = if detail.contains("UnknownIssuer")
        || detail.contains("unknown issuer")
        || detail.contains("invalid peer certificate")
    {
        " (if the server uses a private CA, add it with the `ca_pem` or `ca_file` config key)"
    } else {
        ""
    };
    Error::new(ErrorKind::Tls, format!("TLS with {target} failed: {detail}{hint}"))
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
        let e = error_from_response(&r, &[]);
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
        let e = error_from_response(&resp(502, &[], "<html>Bad gateway</html>\nmore"), &[]);
        assert_eq!(e.kind, ErrorKind::ServerError);
        assert_eq!(e.message, "HTTP 502 Bad Gateway: <html>Bad gateway</html>");
        assert_eq!(e.body, Some(Value::String("<html>Bad gateway</html>\nmore".into())));

        let e = error_from_response(&resp(503, &[], ""), &[]);
        assert_eq!(e.message, "HTTP 503 Service Unavailable (empty body)");
        assert!(e.body.is_none());

        let e = error_from_response(&resp(418, &[], "[1,2]"), &[]);
        assert_eq!(e.kind, ErrorKind::Api);
        assert_eq!(e.message, "HTTP 418");
        assert_eq!(e.body, Some(serde_json::json!([1, 2])));

        let e = error_from_response(&resp(400, &[], r#"{"error":"bad things"}"#), &[]);
        assert_eq!(e.message, "bad things");
    }

    #[test]
    fn secrets_are_scrubbed_from_echoed_bodies() {
        let r = resp(
            401,
            &[],
            r#"{"message":"key private_key_abc is wrong","help":"x","echo":{"auth":"Basic private_key_abc"}}"#,
        );
        let e = error_from_response(&r, &["private_key_abc"]);
        let doc = serde_json::Value::Object(e.to_json_map()).to_string();
        assert!(!doc.contains("private_key_abc"), "{doc}");
        assert!(doc.contains("<redacted>"));
        let e = error_from_response(&resp(500, &[], "oops private_key_abc"), &["private_key_abc"]);
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
        let f = io_failure(&e, "h:1");
        assert_eq!(f.error.kind, ErrorKind::Cancelled);
        assert!(!f.retryable);
        let f = io_failure(&BodyFault::Source("gone".into()).into_io(), "h:1");
        assert_eq!(f.error.kind, ErrorKind::Io);
        let f = io_failure(&io::Error::from(io::ErrorKind::ConnectionRefused), "h:1");
        assert_eq!(f.error.kind, ErrorKind::Network);
        assert!(f.retryable);
    }
}
