//! The routing table and what handlers share.
//!
//! To add an operation: write a handler `fn(&mut Ctx) -> Result<Response, Response>` in the
//! module for its area and add one line to [`ROUTES`]. Patterns are `/`-separated; a segment
//! `{name}` captures one path segment (percent-decoded), read with [`Ctx::param`]. The first
//! route whose method and pattern match wins, so list literal paths before patterns that could
//! also match them.

pub(crate) mod control;
pub(crate) mod files;
pub(crate) mod metadata;
pub(crate) mod purge;
pub(crate) mod upload;

use crate::http::{Body, RequestHead, Response};
use crate::multipart::MpError;
use crate::record::RecordedRequest;
use crate::server::{ConnIo, Shared};
use serde_json::Value;
use std::io::Read;

/// What a handler returns; `Err` is an error response, so `?` works on validation helpers.
pub(crate) type HandlerResult = Result<Response, Response>;
pub(crate) type Handler = fn(&mut Ctx<'_, '_>) -> HandlerResult;

/// How a route authenticates.
#[derive(Clone, Copy, PartialEq, Debug)]
pub(crate) enum Auth {
    /// HTTP Basic with the private key as user name.
    Basic,
    /// Basic when an Authorization header is present; otherwise the handler checks the
    /// client-side upload fields (publicKey, signature, expire, token).
    BasicOrUploadSignature,
}

pub(crate) struct Route {
    pub method: &'static str,
    pub pattern: &'static str,
    pub auth: Auth,
    pub handler: Handler,
}

const fn route(method: &'static str, pattern: &'static str, auth: Auth, handler: Handler) -> Route {
    Route { method, pattern, auth, handler }
}

/// Every ImageKit operation the server knows.
pub(crate) static ROUTES: &[Route] = &[
    // Upload (upload.imagekit.io)
    route("POST", "/api/v1/files/upload", Auth::BasicOrUploadSignature, upload::upload_v1),
    // Files (api.imagekit.io)
    route("GET", "/v1/files", Auth::Basic, files::list),
    route("POST", "/v1/files/purge", Auth::Basic, purge::create),
    route("GET", "/v1/files/purge/{requestId}", Auth::Basic, purge::status),
    route("GET", "/v1/files/metadata", Auth::Basic, metadata::remote), // old public spec's path
    route("GET", "/v1/files/{fileId}/details", Auth::Basic, files::details),
    route("PATCH", "/v1/files/{fileId}/details", Auth::Basic, files::update),
    route("GET", "/v1/files/{fileId}/metadata", Auth::Basic, metadata::file),
    route("DELETE", "/v1/files/{fileId}", Auth::Basic, files::delete),
    // Metadata
    route("GET", "/v1/metadata", Auth::Basic, metadata::remote),
];

/// Matches `path` against `pattern`, returning the captured `{name}` segments.
pub(crate) fn match_pattern(pattern: &'static str, path: &str) -> Option<Vec<(&'static str, String)>> {
    let mut params = Vec::new();
    let mut p = pattern.split('/');
    let mut s = path.split('/');
    loop {
        match (p.next(), s.next()) {
            (None, None) => return Some(params),
            (Some(pp), Some(ss)) => {
                if let Some(name) = pp.strip_prefix('{').and_then(|x| x.strip_suffix('}')) {
                    if ss.is_empty() {
                        return None;
                    }
                    params.push((name, crate::util::percent_decode(ss, false)));
                } else if pp != ss {
                    return None;
                }
            }
            _ => return None,
        }
    }
}

/// One request as a handler sees it.
pub(crate) struct Ctx<'a, 'b> {
    pub shared: &'a Shared,
    pub head: &'a RequestHead,
    pub query: Vec<(String, String)>,
    pub params: Vec<(&'static str, String)>,
    pub body: &'a mut Body<'b, ConnIo>,
    pub record: &'a mut RecordedRequest,
    /// The request carried valid Basic credentials.
    pub basic_auth: bool,
    /// Reading the body failed: the connection is closed after the handler.
    pub io_failed: bool,
}

impl<'a, 'b> Ctx<'a, 'b> {
    pub fn new(
        shared: &'a Shared,
        head: &'a RequestHead,
        body: &'a mut Body<'b, ConnIo>,
        record: &'a mut RecordedRequest,
    ) -> Self {
        Ctx {
            shared,
            head,
            query: crate::util::parse_query(&head.query),
            params: Vec::new(),
            body,
            record,
            basic_auth: false,
            io_failed: false,
        }
    }

    /// A captured path segment.
    pub fn param(&self, name: &str) -> &str {
        self.params.iter().find(|(k, _)| *k == name).map(|(_, v)| v.as_str()).unwrap_or("")
    }

    /// The first query parameter with this name.
    pub fn query(&self, name: &str) -> Option<&str> {
        self.query.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    pub fn endpoint(&self) -> &str {
        &self.shared.opts.url_endpoint
    }

    /// The whole body (at most `limit` bytes), recorded as text.
    pub fn body_bytes(&mut self, limit: usize) -> Result<Vec<u8>, Response> {
        let mut v = Vec::new();
        let r = (&mut *self.body).take(limit as u64 + 1).read_to_end(&mut v);
        if r.is_err() {
            self.io_failed = true;
            return Err(Response::error(400, "Could not read the request body."));
        }
        if v.len() > limit {
            return Err(Response::error(413, format!("Request body larger than {limit} bytes.")));
        }
        if v.len() <= crate::record::MAX_KEPT_TEXT {
            self.record.body = String::from_utf8(v.clone()).ok();
        }
        Ok(v)
    }

    /// The body as JSON; an empty body is `None`.
    pub fn json_body(&mut self) -> Result<Option<Value>, Response> {
        let b = self.body_bytes(16 << 20)?;
        if b.iter().all(u8::is_ascii_whitespace) {
            return Ok(None);
        }
        serde_json::from_slice(&b)
            .map(Some)
            .map_err(|e| Response::error(400, format!("Your request contains invalid JSON: {e}.")))
    }

    /// Turns a multipart error into a response (and notes I/O failure).
    pub fn multipart_error(&mut self, e: MpError) -> Response {
        if matches!(e, MpError::Io(_)) {
            self.io_failed = true;
        }
        Response::error(400, format!("Your request could not be parsed: {e}."))
    }
}

/// 401 with ImageKit's body.
pub(crate) fn unauthorized() -> Response {
    Response::error(401, "Your request does not contain private API key.")
}

/// 403 with ImageKit's body.
pub(crate) fn forbidden() -> Response {
    Response::error(403, "Your account cannot be authenticated.")
}

/// Checks `Authorization: Basic …`: user name = private key, password ignored. The spec also
/// allows the raw key (`Basic <private_api_key>`).
pub(crate) fn check_basic(head: &RequestHead, private_key: &str) -> Result<(), Response> {
    let Some(v) = head.header("authorization") else { return Err(unauthorized()) };
    let (scheme, cred) = v.trim().split_once(' ').unwrap_or((v.trim(), ""));
    let cred = cred.trim();
    if !scheme.eq_ignore_ascii_case("basic") || cred.is_empty() {
        return Err(unauthorized());
    }
    if cred == private_key {
        return Ok(());
    }
    let decoded = crate::util::base64_decode(cred).ok_or_else(forbidden)?;
    let decoded = String::from_utf8_lossy(&decoded);
    let user = decoded.split(':').next().unwrap_or("");
    if user.is_empty() {
        Err(unauthorized())
    } else if user == private_key {
        Ok(())
    } else {
        Err(forbidden())
    }
}

/// Routes a request: 404 for unknown paths, 405 for known paths with another method.
pub(crate) fn dispatch(ctx: &mut Ctx<'_, '_>) -> Response {
    let path = ctx.head.path.clone();
    let mut allowed: Vec<&str> = Vec::new();
    for r in ROUTES {
        let Some(params) = match_pattern(r.pattern, &path) else { continue };
        if r.method != ctx.head.method {
            allowed.push(r.method);
            continue;
        }
        match r.auth {
            Auth::Basic => {
                if let Err(resp) = check_basic(ctx.head, &ctx.shared.opts.private_key) {
                    return resp;
                }
                ctx.basic_auth = true;
            }
            Auth::BasicOrUploadSignature => {
                if ctx.head.header("authorization").is_some() {
                    if let Err(resp) = check_basic(ctx.head, &ctx.shared.opts.private_key) {
                        return resp;
                    }
                    ctx.basic_auth = true;
                }
            }
        }
        ctx.params = params;
        return (r.handler)(ctx).unwrap_or_else(|e| e);
    }
    if allowed.is_empty() {
        Response::error(404, format!("No such API: {} {}.", ctx.head.method, path))
    } else {
        Response::error(405, format!("{} is not allowed on {path}.", ctx.head.method))
            .header("Allow", allowed.join(", "))
    }
}

/// A required string field of a JSON object.
pub(crate) fn str_field<'v>(o: &'v serde_json::Map<String, Value>, k: &str) -> Option<&'v str> {
    o.get(k).and_then(Value::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns() {
        assert_eq!(match_pattern("/v1/files", "/v1/files"), Some(vec![]));
        assert_eq!(match_pattern("/v1/files", "/v1/files/"), None);
        assert_eq!(
            match_pattern("/v1/files/{fileId}/details", "/v1/files/a%2Fb/details"),
            Some(vec![("fileId", "a/b".to_string())])
        );
        assert_eq!(match_pattern("/v1/files/{fileId}/details", "/v1/files//details"), None);
        assert_eq!(match_pattern("/v1/files/{fileId}", "/v1/files/x/details"), None);
    }

    #[test]
    fn basic_auth() {
        let head = |auth: Option<&str>| RequestHead {
            method: "GET".into(),
            path: "/".into(),
            query: String::new(),
            http10: false,
            headers: auth.map(|a| vec![("Authorization".to_string(), a.to_string())]).unwrap_or_default(),
        };
        let status = |a: Option<&str>| check_basic(&head(a), "private_key_test").err().map(|r| r.status);
        assert_eq!(status(Some("Basic cHJpdmF0ZV9rZXlfdGVzdDpkb19ub3Rfc2V0")), None); // key:do_not_set
        assert_eq!(status(Some("basic cHJpdmF0ZV9rZXlfdGVzdDo=")), None); // key:
        assert_eq!(status(Some("Basic private_key_test")), None); // raw key
        assert_eq!(status(None), Some(401));
        assert_eq!(status(Some("Bearer x")), Some(401));
        assert_eq!(status(Some("Basic ")), Some(401));
        assert_eq!(status(Some("Basic Ong=")), Some(401)); // ":x"
        assert_eq!(status(Some("Basic d3Jvbmc6")), Some(403)); // wrong:
        assert_eq!(status(Some("Basic !!!")), Some(403));
    }
}
