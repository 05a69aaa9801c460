//! The generic escape hatch: any method and path of the API with the client's auth, retries,
//! timeouts and error mapping.

use super::ops::{self, Retry, Verb};
use crate::client::Client;
use crate::error::{Error, Result};
use crate::http::{Body, Method};

/// Paths served by the upload host (`/api/v1/files/upload`, `/api/v2/files/upload`).
fn is_upload_path(path: &str) -> bool {
    path.starts_with("/api/")
}

/// The retry class of a request: its row's when the path is one of the table's operations,
/// else by its method (see [`Retry::for_verb`]); uploads are retried as the upload functions do.
fn retry_class(method: Method, path_and_query: &str) -> Retry {
    let verb = match method {
        Method::Get => Verb::Get,
        Method::Post => Verb::Post,
        Method::Put => Verb::Put,
        Method::Patch => Verb::Patch,
        Method::Delete => Verb::Delete,
    };
    let path = path_and_query.split('?').next().unwrap_or(path_and_query);
    if is_upload_path(path) && verb == Verb::Post {
        return Retry::Safe;
    }
    match ops::route(verb, path) {
        Some((op, _)) => op.retry,
        None => Retry::for_verb(verb),
    }
}

impl Client {
    /// Sends `method path_and_query` to the API (paths under `/api/` go to the upload host,
    /// like the official SDKs' routing) with an optional JSON body, and returns the answer's
    /// JSON text (`{}` for an empty body).
    ///
    /// `path_and_query` must start with `/` and is sent as given (encode it yourself); absolute
    /// URLs are refused so the private key never goes to another host.
    pub fn request(&self, method: &str, path_and_query: &str, body_json: Option<&str>) -> Result<String> {
        let m = Method::parse(method).ok_or_else(|| {
            Error::invalid(format!(
                "unsupported method {method:?}: use GET, POST, PUT, PATCH or DELETE"
            ))
        })?;
        if !path_and_query.starts_with('/') || path_and_query.starts_with("//") {
            return Err(Error::invalid(format!(
                "path_and_query must be a path starting with a single '/', got {path_and_query:?}"
            )));
        }
        if path_and_query.bytes().any(|b| b <= b' ' || b == 0x7f || b == b'#') {
            return Err(Error::invalid(
                "path_and_query contains a space, a control character or '#': percent-encode it",
            ));
        }
        let body = match body_json {
            None => Body::Empty,
            Some(text) => {
                serde_json::from_str::<serde::de::IgnoredAny>(text)
                    .map_err(|e| Error::invalid(format!("body_json is not valid JSON: {e}")))?;
                Body::Json(text.to_string())
            }
        };
        let base = if is_upload_path(path_and_query) {
            &self.config.upload_base_url
        } else {
            &self.config.api_base_url
        };
        self.send(
            m,
            format!("{base}{path_and_query}"),
            body,
            retry_class(m, path_and_query),
            None,
        )
    }
}
