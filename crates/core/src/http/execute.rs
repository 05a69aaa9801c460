//! One request, start to finish: build it, send it (streaming the body through the progress
//! counter), read the whole answer (so the connection goes back to the pool), and retry per
//! the policy in [`super::retry`].

use super::progress::{ProgressFn, ProgressReader};
use super::response::{failure_from_ureq, host_port, BodyCut, Failure, Peer, Response};
use super::retry;
use super::{Body, LogHook, Method, Request, Transport};
use crate::error::{Error, Result};
use crate::log::LogLevel;
use std::io::Read;
use std::time::Instant;
use ureq::http::{self, header, Uri};
use ureq::SendBody;

/// Largest successful response body read into memory (a full `list_files` page is far below this).
const MAX_RESPONSE_BODY: u64 = 256 * 1024 * 1024;

/// Most bytes of an error answer's body kept: an error document echoes only its first
/// [`crate::error::ECHO_LIMIT`] bytes, so a huge error body is never buffered.
pub const MAX_ERROR_BODY: u64 = 64 * 1024;

/// Beyond [`MAX_ERROR_BODY`], an error body is read and discarded up to this size so that its
/// connection can go back to the pool; a longer one is left unread and its connection closed.
const DRAIN_ERROR_BODY: u64 = 1024 * 1024;

/// `host:port` of a URL, for messages.
fn target_of(uri: &Uri) -> String {
    let host = uri.host().unwrap_or("?");
    let port = uri
        .port_u16()
        .unwrap_or(if uri.scheme_str() == Some("https") { 443 } else { 80 });
    host_port(host, port)
}

impl Transport {
    /// Sends `req` with retries. Returns the final answer, 2xx or not; transport failures
    /// (after retries) are errors with `attempts` set.
    pub fn execute(
        &self,
        req: &mut Request<'_>,
        log: LogHook<'_>,
        mut progress: Option<&mut ProgressFn<'_>>,
    ) -> Result<Response> {
        if req.url.len() > super::MAX_URL_LEN {
            return Err(Error::invalid(format!(
                "the request URL is {} bytes, over the limit of {} bytes of the HTTP stack",
                req.url.len(),
                super::MAX_URL_LEN
            )));
        }
        let uri: Uri = req
            .url
            .parse()
            .map_err(|e| Error::invalid(format!("invalid request URL ({e}): {:?}", req.url)))?;
        if !matches!(uri.scheme_str(), Some("http") | Some("https")) || uri.host().is_none() {
            return Err(Error::invalid(format!(
                "invalid request URL {:?}: need http(s)://host/…",
                req.url
            )));
        }
        let method = req.method.as_str();
        let path = uri.path().to_string();
        // Through a proxy, connection failures are the proxy's, and messages say so.
        let proxy = self.agent.config().proxy().filter(|p| !p.is_no_proxy(&uri)).map(|p| {
            let source = if p.is_from_env() { ", from the environment" } else { "" };
            format!("proxy {}{source}", host_port(p.host(), p.port()))
        });
        let peer = Peer {
            target: target_of(&uri),
            proxy,
        };
        let replayable = req.body.replayable();
        let class = req.retry;
        let mut retries: u32 = 0;
        // Whether an attempt so far may have been applied by the server.
        let mut maybe_applied = false;

        loop {
            let attempt_no = retries + 1;
            let body_kind = req.body.kind();
            log(LogLevel::Debug, &|| {
                if retries == 0 {
                    format!("request {method} {path} ({body_kind})")
                } else {
                    format!("request {method} {path} ({body_kind}), attempt {attempt_no}")
                }
            });
            let started = Instant::now();
            let outcome = self.attempt(req, &uri, retries, &peer, progress.as_deref_mut());
            let elapsed = started.elapsed().as_millis();
            let budget_left = retries < self.max_retries;

            match outcome {
                Ok(mut resp) => {
                    resp.attempts = attempt_no;
                    let status = resp.status;
                    log(LogLevel::Info, &|| {
                        let rid = resp.request_id().unwrap_or("-");
                        format!("response {method} {path}: {status}, request id {rid}, {elapsed} ms")
                    });
                    if (200..300).contains(&status) {
                        resp.maybe_applied = maybe_applied;
                        return Ok(resp);
                    }
                    let verdict = retry::answer_verdict(class, status, resp.header("x-should-retry"));
                    maybe_applied |= verdict.maybe_applied;
                    resp.maybe_applied = maybe_applied;
                    if verdict.retry && budget_left && replayable {
                        let server = retry::server_delay(
                            status,
                            resp.header("retry-after-ms"),
                            resp.header("retry-after"),
                            resp.header("x-ratelimit-reset"),
                            std::time::SystemTime::now(),
                        );
                        let delay = server.unwrap_or_else(|| self.backoff(retries));
                        let source = if server.is_some() {
                            "server-requested"
                        } else {
                            "backoff"
                        };
                        log(LogLevel::Warn, &|| {
                            format!(
                                "retry {}/{} of {method} {path} in {} ms ({source}): HTTP {status}",
                                retries + 1,
                                self.max_retries,
                                delay.as_millis()
                            )
                        });
                        std::thread::sleep(delay);
                        retries += 1;
                        continue;
                    }
                    if verdict.retry && budget_left && !replayable {
                        log(LogLevel::Warn, &|| {
                            format!("not retrying {method} {path} (HTTP {status}): the request body cannot be replayed")
                        });
                    }
                    if verdict.held_back && budget_left {
                        log(LogLevel::Warn, &|| {
                            format!(
                                "not retrying {method} {path} (HTTP {status}): the server may have applied it, and it is not safe to repeat"
                            )
                        });
                    }
                    return Ok(resp);
                }
                Err(Failure {
                    mut error,
                    retryable,
                    sent,
                }) => {
                    let verdict = retry::failure_verdict(class, retryable, sent);
                    maybe_applied |= verdict.maybe_applied;
                    if verdict.retry && budget_left && replayable {
                        let delay = self.backoff(retries);
                        log(LogLevel::Warn, &|| {
                            format!(
                                "retry {}/{} of {method} {path} in {} ms: {}",
                                retries + 1,
                                self.max_retries,
                                delay.as_millis(),
                                error.message
                            )
                        });
                        std::thread::sleep(delay);
                        retries += 1;
                        continue;
                    }
                    error.attempts = Some(attempt_no);
                    error.maybe_applied = maybe_applied;
                    let level = if error.kind == crate::error::ErrorKind::Cancelled {
                        LogLevel::Info
                    } else {
                        LogLevel::Warn
                    };
                    let held_back = if verdict.held_back && budget_left {
                        " (not retried: the whole request went out, so the server may have applied it)"
                    } else {
                        ""
                    };
                    log(level, &|| {
                        format!(
                            "{method} {path} failed after {attempt_no} attempt(s), {elapsed} ms: {}{held_back}",
                            error.message
                        )
                    });
                    return Err(error);
                }
            }
        }
    }

    pub(super) fn backoff(&self, retries_taken: u32) -> std::time::Duration {
        retry::backoff(
            retries_taken,
            self.retry_initial_delay,
            self.retry_max_delay,
            retry::jitter_random(),
        )
    }

    /// One attempt. The answer's body is read completely before returning.
    fn attempt(
        &self,
        req: &mut Request<'_>,
        uri: &Uri,
        retry_count: u32,
        peer: &Peer,
        progress: Option<&mut ProgressFn<'_>>,
    ) -> std::result::Result<Response, Failure> {
        let timeouts = (self.connect_timeout.as_millis(), self.timeout.as_millis());
        let builder = http::Request::builder()
            .method(req.method.as_str())
            .uri(uri.clone())
            .header(header::AUTHORIZATION, self.authorization.as_str())
            .header("x-ik-retry-count", retry_count);
        let bad = |e: http::Error| Failure {
            error: Error::invalid(format!("cannot build the request: {e}")),
            retryable: false,
            sent: false,
        };

        super::sent::start_attempt();
        let result = match &mut req.body {
            Body::Empty => {
                // A POST, PUT or PATCH without a body says so with `Content-Length: 0` (some
                // proxies answer 411 to the chunked encoding of nothing).
                let builder = match req.method {
                    Method::Post | Method::Put | Method::Patch => builder.header(header::CONTENT_LENGTH, 0),
                    Method::Get | Method::Delete => builder,
                };
                let r = builder.body(SendBody::none()).map_err(bad)?;
                self.agent.run(r)
            }
            Body::Json(text) => {
                let r = builder
                    .header(header::CONTENT_TYPE, "application/json")
                    .body(text.as_bytes())
                    .map_err(bad)?;
                self.agent.run(r)
            }
            Body::Multipart(mp) => {
                let total = mp.len();
                let mut reader = mp.reader();
                let mut counted = ProgressReader::new(&mut reader, total, progress);
                let r = builder
                    .header(header::CONTENT_TYPE, mp.content_type())
                    .header(header::CONTENT_LENGTH, total)
                    .body(SendBody::from_reader(&mut counted))
                    .map_err(bad)?;
                self.agent.run(r)
            }
            Body::Reader {
                reader,
                len,
                content_type,
            } => {
                let total = len.unwrap_or(0);
                let mut counted = ProgressReader::new(reader.as_mut(), total, progress);
                let mut b = builder.header(header::CONTENT_TYPE, content_type.as_str());
                if let Some(n) = len {
                    b = b.header(header::CONTENT_LENGTH, *n);
                }
                let r = b.body(SendBody::from_reader(&mut counted)).map_err(bad)?;
                self.agent.run(r)
            }
        };

        // A failure after the whole request went out may follow an action of the server's.
        let failed = |e: ureq::Error| {
            let mut f = failure_from_ureq(e, peer, timeouts);
            f.sent = super::sent::request_written();
            f
        };
        let resp = result.map_err(failed)?;
        let (parts, mut body) = resp.into_parts();
        let status = parts.status.as_u16();
        let mut cut = None;
        let bytes = if (200..300).contains(&status) {
            body.with_config()
                .limit(MAX_RESPONSE_BODY)
                .read_to_vec()
                .map_err(|e| Failure {
                    sent: true,
                    ..failure_from_ureq(e, peer, timeouts)
                })?
        } else {
            // An error answer: only its head is echoed, so only its head is kept.
            let fail = |e: std::io::Error| Failure {
                sent: true,
                ..failure_from_ureq(ureq::Error::from(e), peer, timeouts)
            };
            let mut reader = body.as_reader();
            let mut head = Vec::new();
            (&mut reader)
                .take(MAX_ERROR_BODY)
                .read_to_end(&mut head)
                .map_err(fail)?;
            if head.len() as u64 == MAX_ERROR_BODY {
                let rest = std::io::copy(
                    &mut (&mut reader).take(DRAIN_ERROR_BODY - MAX_ERROR_BODY),
                    &mut std::io::sink(),
                )
                .map_err(fail)?;
                if rest > 0 {
                    let declared = parts
                        .headers
                        .get(header::CONTENT_LENGTH)
                        .and_then(|v| v.to_str().ok())
                        .and_then(|v| v.trim().parse::<u64>().ok());
                    cut = Some(BodyCut {
                        declared,
                        read: MAX_ERROR_BODY + rest,
                    });
                }
            }
            head
        };
        Ok(Response {
            status,
            headers: parts.headers,
            body: bytes,
            cut,
            attempts: 0,
            maybe_applied: false,
        })
    }
}
