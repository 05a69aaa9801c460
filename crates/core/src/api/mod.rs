//! The REST operations of the media library, as methods on `Client`.
//!
//! Every operation returns the API's JSON text exactly as ImageKit sent it (`{}` when the
//! answer has no body) or an [`Error`](crate::Error) carrying the HTTP details.
//!
//! `ops` is the operation table (every regular REST operation) and `exec` its one executor,
//! `Client::call`; `upload` is the multipart upload, `request` the generic escape hatch. Option
//! objects are read by the one option reader, `crate::options`.

pub mod exec;
pub use imagekit_ops as ops;
pub mod pages;
pub mod request;
pub mod upload;

use crate::client::Client;
use crate::error::{Error, Result};
use crate::http::{Answer, Body, Method, ProgressFn, Request};
use ops::Retry;
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// Everything but RFC 3986 "unreserved" (`A-Z a-z 0-9 - . _ ~`) is escaped.
const STRICT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// Percent-encodes one path segment (a file id, a purge request id, …).
pub fn encode_segment(s: &str) -> String {
    utf8_percent_encode(s, STRICT).to_string()
}

/// Percent-encodes a query-string name or value.
pub fn encode_query(s: &str) -> String {
    utf8_percent_encode(s, STRICT).to_string()
}

/// Builds `?a=1&b=2` (empty when there are no pairs).
pub fn query_string(pairs: &[(String, String)]) -> String {
    if pairs.is_empty() {
        return String::new();
    }
    let joined: Vec<String> = pairs
        .iter()
        .map(|(k, v)| format!("{}={}", encode_query(k), encode_query(v)))
        .collect();
    format!("?{}", joined.join("&"))
}

/// Checks an id argument that goes into a URL path.
pub(crate) fn require_id<'s>(value: &'s str, name: &str) -> Result<&'s str> {
    if value.trim().is_empty() {
        return Err(Error::invalid(format!("argument `{name}` must not be empty")));
    }
    // Dot segments would be normalised away by URL handling somewhere on the path.
    if value == "." || value == ".." {
        return Err(Error::invalid(format!("argument `{name}` must not be {value:?}")));
    }
    Ok(value)
}

impl Client {
    /// `<api_base_url><path>`.
    pub(crate) fn api_url(&self, path_and_query: &str) -> String {
        format!("{}{}", self.config.api_base_url, path_and_query)
    }

    /// Sends one request through the client's transport, logging through the client's sink.
    pub(crate) fn send(
        &self,
        method: Method,
        url: String,
        body: Body<'_>,
        retry: Retry,
        progress: Option<&mut ProgressFn<'_>>,
    ) -> Result<String> {
        self.send_answer(method, url, body, retry, progress).map(|a| a.text)
    }

    /// [`send`](Self::send), keeping the answer's status, request id and attempt count.
    pub(crate) fn send_answer(
        &self,
        method: Method,
        url: String,
        body: Body<'_>,
        retry: Retry,
        progress: Option<&mut ProgressFn<'_>>,
    ) -> Result<Answer> {
        let mut req = Request::new(method, url, body).with_retry(retry);
        let log = |level, msg: &dyn Fn() -> String| self.log(level, msg);
        self.transport()?.call_answer(&mut req, &log, progress)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encoding() {
        assert_eq!(encode_segment("abc-DEF_1.2~"), "abc-DEF_1.2~");
        assert_eq!(encode_segment("a/b c?d#e%f"), "a%2Fb%20c%3Fd%23e%25f");
        assert_eq!(encode_segment("é"), "%C3%A9");
        assert_eq!(encode_segment(".."), "..");
        assert_eq!(
            query_string(&[
                ("searchQuery".into(), "name = \"a&b\"".into()),
                ("limit".into(), "5".into())
            ]),
            "?searchQuery=name%20%3D%20%22a%26b%22&limit=5"
        );
        assert_eq!(query_string(&[]), "");
    }
}
