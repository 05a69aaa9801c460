//! Status codes: the generated `ik_status` enum (`status_gen.rs`, from the status list of
//! `imagekit-ops`), its mapping from the core's error kinds, and `ik_status_str`.

use imagekit_core::error::ErrorKind;
use std::ffi::c_char;

pub use super::status_gen::ik_status;

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
        // The core's error names are the list's names.
        for (st, row) in ik_status::ALL.iter().zip(imagekit_ops::STATUSES) {
            assert_eq!(st.name(), row.name, "{st:?}");
            assert_eq!(st.describe(), row.describe, "{st:?}");
        }
    }
}
