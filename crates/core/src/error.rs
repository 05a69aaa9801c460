//! The one error type of the Rust core. The FFI layer maps [`ErrorKind`] to a C status code
//! and serialises the rest with [`Error::to_json`]; nothing here knows about C.

use serde_json::{Map, Value};
use std::borrow::Cow;
use std::fmt;

/// Most bytes of any one text (message, help, reason, request id, body) an error document
/// echoes; longer texts are cut there and end with a marker giving the original size.
pub const ECHO_LIMIT: usize = 4096;

/// Room for the cut marker: a text at most this much over [`ECHO_LIMIT`] was already cut.
const MARKER_ROOM: usize = 96;

/// `text` cut to [`ECHO_LIMIT`] bytes (at a character boundary) plus
/// `…[cut: N bytes in all]`, where N is `total` (`exact`) or "more than N" (the size is not known).
pub fn clip_to_limit(text: &str, total: u64, exact: bool) -> String {
    let more = if exact { "" } else { "more than " };
    format!("{}…[cut: {more}{total} bytes in all]", head(text, ECHO_LIMIT))
}

/// The longest name (a JSON key) a message quotes whole.
const NAME_LIMIT: usize = 100;

/// A name as a message quotes it: whole when short, else its first [`NAME_LIMIT`] bytes and
/// its length, so an error never echoes a huge key.
pub fn clip_name(name: &str) -> Cow<'_, str> {
    if name.len() <= NAME_LIMIT {
        Cow::Borrowed(name)
    } else {
        Cow::Owned(format!("{}… ({} bytes)", head(name, NAME_LIMIT), name.len()))
    }
}

/// At most the first `max` bytes of `text`, cut at a character boundary.
fn head(text: &str, max: usize) -> &str {
    let mut end = max.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// `text` as an error document echoes it: whole when short, else cut (see [`clip_to_limit`]).
pub fn clip(text: &str) -> Cow<'_, str> {
    if text.len() <= ECHO_LIMIT + MARKER_ROOM {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(clip_to_limit(text, text.len() as u64, true))
    }
}

/// A body as an error document echoes it: JSON kept as JSON while its text is short, else the
/// cut text as a JSON string.
fn clip_body(body: &Value) -> Value {
    match body {
        Value::String(s) => Value::from(clip(s)),
        Value::Null | Value::Bool(_) | Value::Number(_) => body.clone(),
        other => {
            let text = other.to_string();
            if text.len() <= ECHO_LIMIT + MARKER_ROOM {
                other.clone()
            } else {
                Value::from(clip_to_limit(&text, text.len() as u64, true))
            }
        }
    }
}

/// What went wrong, coarse enough to branch on. Each kind has a fixed C status code in `ffi::status`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// A required pointer argument was NULL (only the FFI layer produces this).
    NullArgument,
    /// Bad input: invalid UTF-8, malformed JSON, wrong JSON type, unknown option, bad value.
    InvalidArgument,
    /// A local file could not be opened or read.
    Io,
    /// The caller's progress callback asked to stop.
    Cancelled,
    /// Connection refused/reset, DNS failure, proxy failure.
    Network,
    /// A connect or request timeout expired.
    Timeout,
    /// TLS handshake or certificate verification failed.
    Tls,
    /// A 2xx response whose body could not be decoded, or an upload answer that describes no
    /// stored file (no `fileId`).
    Decode,
    /// HTTP 400.
    BadRequest,
    /// HTTP 401.
    Unauthorized,
    /// HTTP 403.
    Forbidden,
    /// HTTP 404.
    NotFound,
    /// HTTP 409.
    Conflict,
    /// HTTP 422.
    UnprocessableEntity,
    /// HTTP 429.
    RateLimited,
    /// HTTP 5xx.
    ServerError,
    /// Any other non-2xx HTTP status.
    Api,
    /// HTTP 207: a bulk operation that succeeded for some items and failed for others.
    PartialSuccess,
    /// A Rust panic was caught at the FFI boundary.
    Panic,
}

impl ErrorKind {
    /// Stable snake_case name used as `"status"` in error JSON.
    pub fn name(self) -> &'static str {
        match self {
            ErrorKind::NullArgument => "null_argument",
            ErrorKind::InvalidArgument => "invalid_argument",
            ErrorKind::Io => "io",
            ErrorKind::Cancelled => "cancelled",
            ErrorKind::Network => "network",
            ErrorKind::Timeout => "timeout",
            ErrorKind::Tls => "tls",
            ErrorKind::Decode => "decode",
            ErrorKind::BadRequest => "bad_request",
            ErrorKind::Unauthorized => "unauthorized",
            ErrorKind::Forbidden => "forbidden",
            ErrorKind::NotFound => "not_found",
            ErrorKind::Conflict => "conflict",
            ErrorKind::UnprocessableEntity => "unprocessable_entity",
            ErrorKind::RateLimited => "rate_limited",
            ErrorKind::ServerError => "server_error",
            ErrorKind::Api => "api_error",
            ErrorKind::PartialSuccess => "partial_success",
            ErrorKind::Panic => "panic",
        }
    }

    /// The kind for a non-2xx HTTP status.
    pub fn from_http_status(status: u16) -> ErrorKind {
        match status {
            400 => ErrorKind::BadRequest,
            401 => ErrorKind::Unauthorized,
            403 => ErrorKind::Forbidden,
            404 => ErrorKind::NotFound,
            409 => ErrorKind::Conflict,
            422 => ErrorKind::UnprocessableEntity,
            429 => ErrorKind::RateLimited,
            500..=599 => ErrorKind::ServerError,
            _ => ErrorKind::Api,
        }
    }
}

/// ImageKit's rate-limit headers, as sent (milliseconds for reset and interval).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RateLimit {
    pub limit: Option<u64>,
    pub reset_ms: Option<u64>,
    pub interval_ms: Option<u64>,
}

impl RateLimit {
    pub fn is_empty(&self) -> bool {
        self.limit.is_none() && self.reset_ms.is_none() && self.interval_ms.is_none()
    }
}

/// An error with everything a caller needs to act on it. Never holds the private key.
///
/// The fields live behind one allocation so that `Result<T, Error>` stays pointer-sized on the
/// success path; they are read and written through `Deref` (`err.http_status`, …).
#[derive(Debug, Clone)]
pub struct Error(Box<ErrorInfo>);

/// The fields of an [`Error`].
#[derive(Debug, Clone)]
pub struct ErrorInfo {
    pub kind: ErrorKind,
    pub message: String,
    /// The HTTP status when the server answered.
    pub http_status: Option<u16>,
    /// ImageKit's `help` text.
    pub help: Option<String>,
    /// ImageKit's `reason` code (e.g. `MISSING_PARAMETER`).
    pub reason: Option<String>,
    /// The `x-ik-requestId` response header.
    pub request_id: Option<String>,
    pub rate_limit: RateLimit,
    /// The server's body: parsed JSON, or the raw text as a JSON string.
    pub body: Option<Value>,
    /// How many attempts were made (1 + retries) for network calls.
    pub attempts: Option<u32>,
    /// An attempt of this call may have been applied by the server: its whole request went out
    /// and its answer was lost or was a 5xx.
    pub maybe_applied: bool,
    /// The document says `"outcome": "unknown"`: the call changes state and may have done so.
    pub outcome_unknown: bool,
}

impl std::ops::Deref for Error {
    type Target = ErrorInfo;
    fn deref(&self) -> &ErrorInfo {
        &self.0
    }
}

impl std::ops::DerefMut for Error {
    fn deref_mut(&mut self) -> &mut ErrorInfo {
        &mut self.0
    }
}

impl Error {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Error {
        Error(Box::new(ErrorInfo {
            kind,
            message: message.into(),
            http_status: None,
            help: None,
            reason: None,
            request_id: None,
            rate_limit: RateLimit::default(),
            body: None,
            attempts: None,
            maybe_applied: false,
            outcome_unknown: false,
        }))
    }

    pub fn invalid(message: impl Into<String>) -> Error {
        Error::new(ErrorKind::InvalidArgument, message)
    }

    pub fn null_argument(name: &str) -> Error {
        Error::new(ErrorKind::NullArgument, format!("argument `{name}` must not be NULL"))
    }

    /// The error document returned through `out_json`. `code` is added by the FFI layer.
    /// Every text is echoed at most [`ECHO_LIMIT`] bytes long (see [`clip`]).
    pub fn to_json_map(&self) -> Map<String, Value> {
        let mut m = Map::new();
        m.insert("status".into(), Value::from(self.kind.name()));
        m.insert("message".into(), Value::from(clip(&self.message)));
        if let Some(s) = self.http_status {
            m.insert("http_status".into(), Value::from(s));
        }
        if let Some(h) = &self.help {
            m.insert("help".into(), Value::from(clip(h)));
        }
        if let Some(r) = &self.reason {
            m.insert("reason".into(), Value::from(clip(r)));
        }
        if let Some(r) = &self.request_id {
            m.insert("request_id".into(), Value::from(clip(r)));
        }
        if !self.rate_limit.is_empty() {
            let mut rl = Map::new();
            if let Some(v) = self.rate_limit.limit {
                rl.insert("limit".into(), Value::from(v));
            }
            if let Some(v) = self.rate_limit.reset_ms {
                rl.insert("reset_ms".into(), Value::from(v));
            }
            if let Some(v) = self.rate_limit.interval_ms {
                rl.insert("interval_ms".into(), Value::from(v));
            }
            m.insert("rate_limit".into(), Value::Object(rl));
        }
        if let Some(a) = self.attempts {
            m.insert("attempts".into(), Value::from(a));
        }
        if self.outcome_unknown {
            m.insert("outcome".into(), Value::from("unknown"));
        }
        if let Some(b) = &self.body {
            m.insert("body".into(), clip_body(b));
        }
        m
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.kind.name(), self.message)
    }
}

impl std::error::Error for Error {}

pub type Result<T> = std::result::Result<T, Error>;

/// An `InvalidArgument` error, built out of line: errors are the cold path of the URL builders.
#[cold]
pub fn invalid(message: impl Into<String>) -> Error {
    Error::invalid(message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn echoed_texts_are_cut_at_the_limit_with_the_original_size() {
        let short = "x".repeat(ECHO_LIMIT);
        assert!(matches!(clip(&short), Cow::Borrowed(_)));
        let long = "é".repeat(ECHO_LIMIT); // 2 bytes each: the cut must land on a char boundary
        let cut = clip(&long);
        assert!(
            cut.ends_with(&format!("…[cut: {} bytes in all]", long.len())),
            "{}",
            &cut[cut.len() - 40..]
        );
        assert!(cut.len() <= ECHO_LIMIT + MARKER_ROOM);
        // An already-cut text is left alone.
        assert!(matches!(clip(&cut), Cow::Borrowed(_)));
        let mut e = Error::new(ErrorKind::ServerError, long.clone());
        e.body = Some(Value::Array(vec![Value::from(long.clone())]));
        let m = e.to_json_map();
        assert!(m["message"].as_str().unwrap().len() <= ECHO_LIMIT + MARKER_ROOM);
        assert!(m["body"].as_str().unwrap().contains("bytes in all]"));
        assert_eq!(
            clip_to_limit("abc", 10_000, false),
            "abc…[cut: more than 10000 bytes in all]"
        );
    }
}
