//! Status codes returned by every fallible `ik_*` function.

use crate::error::ErrorKind;
use std::ffi::c_char;

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

impl From<ErrorKind> for ik_status {
    fn from(kind: ErrorKind) -> ik_status {
        match kind {
            ErrorKind::NullArgument => ik_status::NullArgument,
            ErrorKind::InvalidArgument => ik_status::InvalidArgument,
            ErrorKind::Io => ik_status::Io,
            ErrorKind::Cancelled => ik_status::Cancelled,
            ErrorKind::Network => ik_status::Network,
            ErrorKind::Timeout => ik_status::Timeout,
            ErrorKind::Tls => ik_status::Tls,
            ErrorKind::Decode => ik_status::Decode,
            ErrorKind::BadRequest => ik_status::BadRequest,
            ErrorKind::Unauthorized => ik_status::Unauthorized,
            ErrorKind::Forbidden => ik_status::Forbidden,
            ErrorKind::NotFound => ik_status::NotFound,
            ErrorKind::Conflict => ik_status::Conflict,
            ErrorKind::UnprocessableEntity => ik_status::UnprocessableEntity,
            ErrorKind::RateLimited => ik_status::RateLimited,
            ErrorKind::ServerError => ik_status::ServerError,
            ErrorKind::Api => ik_status::ApiError,
            ErrorKind::Panic => ik_status::Panic,
        }
    }
}

impl ik_status {
    /// Every status, in code order: the one list the Go and C++ constants and the docs are
    /// generated from (tests/codegen).
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

    /// The error kind behind a status (`None` for `Ok`).
    pub fn kind(self) -> Option<ErrorKind> {
        Some(match self {
            ik_status::Ok => return None,
            ik_status::NullArgument => ErrorKind::NullArgument,
            ik_status::InvalidArgument => ErrorKind::InvalidArgument,
            ik_status::Io => ErrorKind::Io,
            ik_status::Cancelled => ErrorKind::Cancelled,
            ik_status::Network => ErrorKind::Network,
            ik_status::Timeout => ErrorKind::Timeout,
            ik_status::Tls => ErrorKind::Tls,
            ik_status::Decode => ErrorKind::Decode,
            ik_status::BadRequest => ErrorKind::BadRequest,
            ik_status::Unauthorized => ErrorKind::Unauthorized,
            ik_status::Forbidden => ErrorKind::Forbidden,
            ik_status::NotFound => ErrorKind::NotFound,
            ik_status::Conflict => ErrorKind::Conflict,
            ik_status::UnprocessableEntity => ErrorKind::UnprocessableEntity,
            ik_status::RateLimited => ErrorKind::RateLimited,
            ik_status::ServerError => ErrorKind::ServerError,
            ik_status::ApiError => ErrorKind::Api,
            ik_status::Panic => ErrorKind::Panic,
        })
    }

    /// The stable name used in error documents (`"not_found"`; `"ok"` for success).
    pub fn name(self) -> &'static str {
        self.kind().map_or("ok", ErrorKind::name)
    }

    /// The English description `ik_status_str` returns, without the NUL.
    pub fn describe(self) -> &'static str {
        let d = ik_status::description(self as u32);
        std::str::from_utf8(&d[..d.len() - 1]).unwrap_or("")
    }

    /// Static, NUL-terminated description.
    fn description(code: u32) -> &'static [u8] {
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

/// A static English description of a status code. Never NULL; unknown codes give "unknown status".
///
/// The returned string lives for the whole program: do not free it.
/// Takes `uint32_t` so any value coming from C is safe to pass.
#[no_mangle]
pub extern "C" fn ik_status_str(status: u32) -> *const c_char {
    ik_status::description(status).as_ptr().cast()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_lists_every_code_once_in_order() {
        let described: Vec<u32> = (0..=255)
            .filter(|c| ik_status::description(*c) != b"unknown status\0")
            .collect();
        let all: Vec<u32> = ik_status::ALL.iter().map(|s| *s as u32).collect();
        assert_eq!(all, described);
        for st in ik_status::ALL {
            if let Some(kind) = st.kind() {
                assert_eq!(ik_status::from(kind), *st);
            }
        }
    }
}
