//! The status list: every code a libimagekit call can end with, in code order. The C enum
//! `ik_status`, the Go and C++ constants and the docs' status table are generated from it
//! (`cargo xtask codegen`).
//!
//! The numeric values are part of the ABI: they never change and are never reused; new codes are
//! only appended.

/// One status code.
#[derive(Debug, Clone, Copy)]
pub struct Status {
    /// The value of the C enum constant.
    pub code: u32,
    /// The Rust and C++ enumerator (`NotFound`); the C constant is `IK_STATUS_` + its
    /// SCREAMING_SNAKE_CASE (`IK_STATUS_NOT_FOUND`).
    pub variant: &'static str,
    /// The name in error documents (`"not_found"`; `"ok"` for success).
    pub name: &'static str,
    /// The short English text `ik_status_str` returns.
    pub describe: &'static str,
    /// The enumerator's doc comment in the header (`\n` where its lines break).
    pub doc: &'static str,
}

const fn st(code: u32, variant: &'static str, name: &'static str, describe: &'static str, doc: &'static str) -> Status {
    Status {
        code,
        variant,
        name,
        describe,
        doc,
    }
}

/// Every status, in code order.
#[rustfmt::skip]
pub static STATUSES: &[Status] = &[
    st(0, "Ok", "ok", "ok", "Success."),
    st(1, "NullArgument", "null_argument", "a required pointer argument was NULL", "A required pointer argument was NULL."),
    st(2, "InvalidArgument", "invalid_argument", "invalid argument (bad UTF-8, JSON, option or value)", "Bad input: invalid UTF-8, malformed JSON, wrong JSON type, unknown option key, bad value."),
    st(3, "Io", "io", "local file I/O error", "A local file could not be opened or read."),
    st(4, "Cancelled", "cancelled", "cancelled by the progress callback", "The progress callback returned non-zero; the operation was abandoned."),
    st(10, "Network", "network", "network error (connect, DNS, reset, proxy)", "Connection refused or reset, DNS failure, proxy failure."),
    st(11, "Timeout", "timeout", "timed out", "The connect or request timeout expired (after any retries)."),
    st(12, "Tls", "tls", "TLS error", "TLS handshake or certificate verification failed."),
    st(13, "Decode", "decode", "could not decode the response", "A successful response whose body could not be decoded, or an upload answer that describes\nno stored file (no `fileId`; the answer is in the error document's `body`)."),
    st(20, "BadRequest", "bad_request", "HTTP 400 bad request", "HTTP 400 Bad Request."),
    st(21, "Unauthorized", "unauthorized", "HTTP 401 unauthorized", "HTTP 401 Unauthorized (missing or wrong private key)."),
    st(22, "Forbidden", "forbidden", "HTTP 403 forbidden", "HTTP 403 Forbidden."),
    st(23, "NotFound", "not_found", "HTTP 404 not found", "HTTP 404 Not Found."),
    st(24, "Conflict", "conflict", "HTTP 409 conflict", "HTTP 409 Conflict."),
    st(25, "UnprocessableEntity", "unprocessable_entity", "HTTP 422 unprocessable entity", "HTTP 422 Unprocessable Entity."),
    st(26, "RateLimited", "rate_limited", "HTTP 429 rate limited", "HTTP 429 Too Many Requests (after any retries)."),
    st(27, "ServerError", "server_error", "HTTP 5xx server error", "HTTP 5xx (after any retries)."),
    st(28, "ApiError", "api_error", "HTTP error status", "Any other non-2xx HTTP status."),
    st(29, "PartialSuccess", "partial_success", "partial success: some items failed", "HTTP 207: a bulk operation succeeded for some items and failed for others; the error\ndocument's `body` is the API's answer, its `errors` list naming the items that failed."),
    st(99, "Panic", "panic", "internal panic (a bug in libimagekit)", "A bug: a Rust panic was caught at the library boundary. The client is still usable."),
];
