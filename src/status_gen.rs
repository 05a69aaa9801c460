// Generated from crates/ops/src/status.rs by xtask/src/codegen (cargo xtask codegen).
// Do not edit by hand: `cargo xtask codegen --check` fails when this file drifts from the table.
//! The status codes of every fallible `ik_*` function.

/// The result of an `ik_*` call. 0 is success; every other value is an error whose details are
/// in the error JSON written to the call's `out_json`.
///
/// The numeric values are part of the ABI: they never change and are never reused; new codes
/// are only appended. Codes 20-28 are HTTP answers from ImageKit; 10-13 are transport failures.
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ik_status {
    /// Success.
    Ok = 0,
    /// A required pointer argument was NULL.
    NullArgument = 1,
    /// Bad input: invalid UTF-8, malformed JSON, wrong JSON type, unknown option key, bad value.
    InvalidArgument = 2,
    /// A local file could not be opened or read.
    Io = 3,
    /// The progress callback returned non-zero; the operation was abandoned.
    Cancelled = 4,
    /// Connection refused or reset, DNS failure, proxy failure.
    Network = 10,
    /// The connect or request timeout expired (after any retries).
    Timeout = 11,
    /// TLS handshake or certificate verification failed.
    Tls = 12,
    /// A successful response whose body could not be decoded, or an upload answer that describes
    /// no stored file (no `fileId`; the answer is in the error document's `body`).
    Decode = 13,
    /// HTTP 400 Bad Request.
    BadRequest = 20,
    /// HTTP 401 Unauthorized (missing or wrong private key).
    Unauthorized = 21,
    /// HTTP 403 Forbidden.
    Forbidden = 22,
    /// HTTP 404 Not Found.
    NotFound = 23,
    /// HTTP 409 Conflict.
    Conflict = 24,
    /// HTTP 422 Unprocessable Entity.
    UnprocessableEntity = 25,
    /// HTTP 429 Too Many Requests (after any retries).
    RateLimited = 26,
    /// HTTP 5xx (after any retries).
    ServerError = 27,
    /// Any other non-2xx HTTP status.
    ApiError = 28,
    /// A bug: a Rust panic was caught at the library boundary. The client is still usable.
    Panic = 99,
}

impl ik_status {
    /// Every status, in code order.
    pub const ALL: &'static [ik_status] = &[
        ik_status::Ok,
        ik_status::NullArgument,
        ik_status::InvalidArgument,
        ik_status::Io,
        ik_status::Cancelled,
        ik_status::Network,
        ik_status::Timeout,
        ik_status::Tls,
        ik_status::Decode,
        ik_status::BadRequest,
        ik_status::Unauthorized,
        ik_status::Forbidden,
        ik_status::NotFound,
        ik_status::Conflict,
        ik_status::UnprocessableEntity,
        ik_status::RateLimited,
        ik_status::ServerError,
        ik_status::ApiError,
        ik_status::Panic,
    ];

    /// The static, NUL-terminated text of a code (`ik_status_str`).
    pub(crate) fn description(code: u32) -> &'static [u8] {
        match code {
            0 => b"ok\0",
            1 => b"a required pointer argument was NULL\0",
            2 => b"invalid argument (bad UTF-8, JSON, option or value)\0",
            3 => b"local file I/O error\0",
            4 => b"cancelled by the progress callback\0",
            10 => b"network error (connect, DNS, reset, proxy)\0",
            11 => b"timed out\0",
            12 => b"TLS error\0",
            13 => b"could not decode the response\0",
            20 => b"HTTP 400 bad request\0",
            21 => b"HTTP 401 unauthorized\0",
            22 => b"HTTP 403 forbidden\0",
            23 => b"HTTP 404 not found\0",
            24 => b"HTTP 409 conflict\0",
            25 => b"HTTP 422 unprocessable entity\0",
            26 => b"HTTP 429 rate limited\0",
            27 => b"HTTP 5xx server error\0",
            28 => b"HTTP error status\0",
            99 => b"internal panic (a bug in libimagekit)\0",
            _ => b"unknown status\0",
        }
    }
}
