//! HTTP transport: one ureq agent per client (keep-alive pool, timeouts, TLS, proxy), the
//! retry policy of ImageKit's official SDKs, streamed multipart bodies with progress and
//! cancellation, and the mapping of answers to [`crate::Error`].
//!
//! Files: `agent` (agent/TLS setup), `execute` (one request with retries), `retry` (policy
//! and `Retry-After` parsing), `response` (answers and failures → errors), `multipart`
//! (streaming form body), `progress` (byte-counting reader).

pub mod agent;
mod execute;
pub mod multipart;
pub mod progress;
pub mod redact;
mod resolver;
pub mod response;
pub mod retry;
mod sent;

pub use multipart::Multipart;
pub use progress::ProgressFn;
pub use redact::Secrets;
pub use response::Response;

use crate::config::Config;
use crate::error::{Error, Result};
use crate::log::LogLevel;
use base64::Engine;
use imagekit_ops::Retry;
use std::io::Read;
use std::time::Duration;

/// The longest request URL the HTTP stack takes (the `http` crate's limit on a URI).
pub const MAX_URL_LEN: usize = u16::MAX as usize - 1;

/// The HTTP methods the API uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
    Put,
    Patch,
    Delete,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }

    /// Parses a method name, case-insensitively.
    pub fn parse(s: &str) -> Option<Method> {
        Some(match s.trim().to_ascii_uppercase().as_str() {
            "GET" => Method::Get,
            "POST" => Method::Post,
            "PUT" => Method::Put,
            "PATCH" => Method::Patch,
            "DELETE" => Method::Delete,
            _ => return None,
        })
    }
}

/// A request body.
pub enum Body<'a> {
    /// No body.
    Empty,
    /// A JSON document (`Content-Type: application/json`).
    Json(String),
    /// A streamed multipart form; can be replayed, so it is retried like any other body.
    Multipart(Multipart<'a>),
    /// A one-shot reader: it cannot be rewound, so a request carrying it is never retried.
    /// With `len` the body is sent with a Content-Length, otherwise chunked.
    Reader {
        reader: Box<dyn Read + 'a>,
        len: Option<u64>,
        content_type: String,
    },
}

impl Body<'_> {
    /// Whether the body can be produced again for a retry.
    pub fn replayable(&self) -> bool {
        !matches!(self, Body::Reader { .. })
    }

    fn kind(&self) -> &'static str {
        match self {
            Body::Empty => "no body",
            Body::Json(_) => "JSON",
            Body::Multipart(_) => "multipart",
            Body::Reader { .. } => "stream",
        }
    }
}

/// One API call: method, absolute URL, body, and what a failed attempt allows.
pub struct Request<'a> {
    pub method: Method,
    pub url: String,
    pub body: Body<'a>,
    /// Which failures may be retried and what a lost answer means (default: `Safe`, the
    /// official SDKs' policy).
    pub retry: Retry,
}

impl<'a> Request<'a> {
    pub fn new(method: Method, url: impl Into<String>, body: Body<'a>) -> Request<'a> {
        Request {
            method,
            url: url.into(),
            body,
            retry: Retry::Safe,
        }
    }

    /// The same request with the retry class `retry`.
    pub fn with_retry(mut self, retry: Retry) -> Request<'a> {
        self.retry = retry;
        self
    }
}

/// Where log records go: `(level, message builder)`. The builder is only called when a sink
/// is installed. Records never contain request headers or bodies; the sink behind it (the
/// client's) scrubs every record of the key's forms, since a record may quote a response header
/// or a transport message.
pub type LogHook<'a> = &'a dyn Fn(LogLevel, &dyn Fn() -> String);

/// A hook that drops everything.
pub fn no_log(_: LogLevel, _: &dyn Fn() -> String) {}

/// A 2xx answer: its status, JSON text (`{}` for an empty body), request id and attempt count.
#[derive(Debug, Clone)]
pub struct Answer {
    pub status: u16,
    pub text: String,
    pub request_id: Option<String>,
    pub attempts: u32,
}

/// The per-client HTTP machinery. `Send + Sync`: calls from several threads share the pool.
pub struct Transport {
    agent: ureq::Agent,
    /// `Basic base64("<private_key>:")`.
    authorization: String,
    /// Scrubbed from every error this transport returns.
    secrets: Secrets,
    max_retries: u32,
    retry_initial_delay: Duration,
    retry_max_delay: Duration,
    connect_timeout: Duration,
    timeout: Duration,
}

impl std::fmt::Debug for Transport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Transport")
            .field("authorization", &"<redacted>")
            .field("max_retries", &self.max_retries)
            .field("connect_timeout", &self.connect_timeout)
            .field("timeout", &self.timeout)
            .finish_non_exhaustive()
    }
}

impl Transport {
    /// Builds the agent (TLS roots, proxy, timeouts) from `config`. Fails with
    /// `InvalidArgument` on an unusable `ca_pem` or `proxy`.
    pub fn new(config: &Config) -> Result<Transport> {
        Transport::with_secrets(config, Secrets::for_private_key(&config.private_key))
    }

    /// Like [`new`](Self::new), with the client's secrets.
    pub fn with_secrets(config: &Config, secrets: Secrets) -> Result<Transport> {
        let agent = agent::build_agent(config)?;
        let token = base64::engine::general_purpose::STANDARD.encode(format!("{}:", config.private_key));
        Ok(Transport {
            agent,
            authorization: format!("Basic {token}"),
            secrets,
            max_retries: config.max_retries,
            retry_initial_delay: config.retry_initial_delay,
            retry_max_delay: config.retry_max_delay,
            connect_timeout: config.connect_timeout,
            timeout: config.timeout,
        })
    }

    /// Sends `request`, retrying per the policy, and returns the answer's JSON text (`{}` for
    /// an empty 2xx body). Any non-2xx answer is an `Error`. Every error is scrubbed of the
    /// key's forms (the body, echoed headers and transport messages can all carry server text).
    ///
    /// `progress` is called with `(sent, total)` as the request body is handed to the
    /// connection; returning `false` cancels (`ErrorKind::Cancelled`). On a retry the count
    /// starts again from 0.
    pub fn call(
        &self,
        request: &mut Request<'_>,
        log: LogHook<'_>,
        progress: Option<&mut ProgressFn<'_>>,
    ) -> Result<String> {
        self.call_answer(request, log, progress).map(|a| a.text)
    }

    /// Like [`call`](Self::call), keeping the status, the request id (scrubbed) and the number of
    /// attempts of the 2xx answer, for callers that check what the answer says.
    pub fn call_answer(
        &self,
        request: &mut Request<'_>,
        log: LogHook<'_>,
        progress: Option<&mut ProgressFn<'_>>,
    ) -> Result<Answer> {
        let method = request.method;
        let resp = self
            .execute(request, log, progress)
            .map_err(|e| mark_outcome(self.secrets.scrubbed(e), method))?;
        if resp.status == 404 && resp.maybe_applied && request.retry == Retry::ResolveIfGone {
            // An earlier attempt may have deleted the target and its answer was lost: that the
            // target is gone now is the outcome the caller asked for.
            log(LogLevel::Info, &|| {
                format!(
                    "{} {}: not found after an attempt whose answer was lost; the target is gone, so the call succeeded",
                    request.method.as_str(),
                    path_of(&request.url)
                )
            });
            let request_id = resp.request_id().map(|r| self.secrets.scrub(r).into_owned());
            return Ok(Answer {
                status: resp.status,
                text: "{}".to_string(),
                request_id,
                attempts: resp.attempts,
            });
        }
        if !(200..300).contains(&resp.status) {
            let mut e = self.error_for(&resp);
            e.maybe_applied = resp.maybe_applied;
            return Err(mark_outcome(e, request.method));
        }
        let status = resp.status;
        let attempts = resp.attempts;
        let request_id = resp.request_id().map(|r| self.secrets.scrub(r).into_owned());
        let text = resp.into_json_text().map_err(|e| self.secrets.scrubbed(e))?;
        Ok(Answer {
            status,
            text,
            request_id,
            attempts,
        })
    }

    /// The error for a non-2xx answer (secrets scrubbed).
    pub fn error_for(&self, resp: &Response) -> Error {
        response::error_from_response(resp, &self.secrets)
    }

    /// The secrets this transport scrubs.
    pub fn secrets(&self) -> &Secrets {
        &self.secrets
    }
}

/// The path of an absolute URL, for log records (no query string).
fn path_of(url: &str) -> &str {
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path = after_scheme.find('/').map_or("/", |i| &after_scheme[i..]);
    path.split(['?', '#']).next().unwrap_or(path)
}

/// An error of a request that changes state, after an attempt the server may have applied,
/// says so: `"outcome": "unknown"` in its document and a sentence in its message.
pub(crate) fn mark_outcome(mut e: Error, method: Method) -> Error {
    if e.maybe_applied && method != Method::Get && !e.outcome_unknown {
        e.outcome_unknown = true;
        e.message.push_str(
            " (outcome unknown: the whole request reached the server and its answer was lost or was an error, \
             so the server may have applied the change; check before repeating it)",
        );
    }
    e
}

#[allow(dead_code)]
fn _assert_send_sync() {
    fn is<T: Send + Sync>() {}
    is::<Transport>();
}
