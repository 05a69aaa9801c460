//! Routing and what handlers share.
//!
//! Regular operations are routed by the library's own operation table (`crates/ops`,
//! a dependency of this crate): [`imagekit_ops::route`] picks the row, one
//! generic step ([`validate::row`]) checks ids, query and body against it, and
//! [`handlers::handler`] picks the handler by the row's Python-SDK name. An operation cannot
//! exist in the library without a route here: a row without a handler answers 501, and
//! `tests/operations.rs` walks the table and fails on such a row.
//!
//! The irregular operations (multipart uploads, the old `/v1/files/metadata` path) are in
//! [`ROUTES`]. To add a regular operation: add its row to `crates/ops` (the library does),
//! write a handler `fn(&mut Ctx) -> Result<Response, Response>` in the module of its resource,
//! and add one line to [`handlers::handler`].

pub(crate) mod accounts;
pub(crate) mod bulk;
pub(crate) mod control;
pub(crate) mod crud;
pub(crate) mod custom_fields;
pub(crate) mod file_ops;
pub(crate) mod files;
pub(crate) mod folders;
pub(crate) mod handlers;
pub(crate) mod metadata;
pub(crate) mod named_transformations;
pub(crate) mod origins;
pub(crate) mod purge;
pub(crate) mod saved_extensions;
pub(crate) mod upload;
pub(crate) mod upload_v2;
pub(crate) mod url_endpoints;
pub(crate) mod validate;
pub(crate) mod versions;
pub(crate) mod webhooks;

pub(crate) mod ctx;
pub(crate) mod validators;

use crate::http::{RequestHead, Response};
use ctx::{forbidden, unauthorized, Ctx, Handler, HandlerResult};
use imagekit_ops::{self as ops, Op, Verb};

/// How a route authenticates.
#[derive(Clone, Copy, PartialEq, Debug)]
pub(crate) enum Auth {
    /// HTTP Basic with the private key as user name.
    Basic,
    /// Basic when an Authorization header is present; otherwise the handler checks the
    /// client-side upload fields (v1: publicKey, signature, expire, token; v2: a JWT `token`).
    BasicOrUploadSignature,
}

pub(crate) struct Route {
    pub method: &'static str,
    pub pattern: &'static str,
    pub auth: Auth,
    pub handler: Handler,
}

const fn route(method: &'static str, pattern: &'static str, auth: Auth, handler: Handler) -> Route {
    Route {
        method,
        pattern,
        auth,
        handler,
    }
}

/// The operations that are not rows of the operation table.
pub(crate) static ROUTES: &[Route] = &[
    // Upload (upload.imagekit.io)
    route(
        "POST",
        "/api/v1/files/upload",
        Auth::BasicOrUploadSignature,
        upload::upload_v1,
    ),
    route(
        "POST",
        "/api/v2/files/upload",
        Auth::BasicOrUploadSignature,
        upload::upload_v2,
    ),
    // The old public spec's path of files.metadata.get_from_url.
    route("GET", "/v1/files/metadata", Auth::Basic, metadata::remote),
];

const VERBS: [Verb; 5] = [Verb::Get, Verb::Post, Verb::Put, Verb::Patch, Verb::Delete];

fn verb(method: &str) -> Option<Verb> {
    VERBS.into_iter().find(|v| v.as_str() == method)
}

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

/// Checks `Authorization: Basic …`: user name = private key, password ignored. The spec also
/// allows the raw key (`Basic <private_api_key>`).
pub(crate) fn check_basic(head: &RequestHead, private_key: &str) -> Result<(), Response> {
    let Some(v) = head.header("authorization") else {
        return Err(unauthorized());
    };
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

/// Routes a request: [`ROUTES`] first, then the operation table; 404 for unknown paths, 405
/// for known paths with another method.
pub(crate) fn dispatch(ctx: &mut Ctx<'_, '_>) -> Response {
    let path = ctx.head.path.clone();
    let mut allowed: Vec<&str> = Vec::new();
    for r in ROUTES {
        let Some(params) = match_pattern(r.pattern, &path) else {
            continue;
        };
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
    if let Some((op, ids)) = verb(&ctx.head.method).and_then(|v| ops::route(v, &path)) {
        let ids: Vec<String> = ids
            .into_iter()
            .map(|raw| crate::util::percent_decode(raw, false))
            .collect();
        return serve_op(ctx, op, ids);
    }
    allowed.extend(
        VERBS
            .into_iter()
            .filter(|v| ops::route(*v, &path).is_some())
            .map(Verb::as_str),
    );
    if allowed.is_empty() {
        Response::error(404, format!("No such API: {} {}.", ctx.head.method, path))
    } else {
        Response::error(405, format!("{} is not allowed on {path}.", ctx.head.method))
            .header("Allow", allowed.join(", "))
    }
}

/// One table row: Basic auth, the generic validating step, then the row's handler.
fn serve_op(ctx: &mut Ctx<'_, '_>, op: &'static Op, ids: Vec<String>) -> Response {
    if let Err(resp) = check_basic(ctx.head, &ctx.shared.opts.private_key) {
        return resp;
    }
    ctx.basic_auth = true;
    ctx.op = Some(op);
    ctx.params = op.path_ids().zip(ids).collect();
    let run = |ctx: &mut Ctx<'_, '_>| -> HandlerResult {
        validate::row(ctx, op)?;
        match handlers::handler(op.py) {
            Some(h) => h(ctx),
            None => Err(no_handler(op)),
        }
    };
    run(ctx).unwrap_or_else(|e| e)
}

/// The answer of a table row the mock has no handler for (a test fails on it).
pub(crate) fn no_handler(op: &Op) -> Response {
    Response::error(
        501,
        format!(
            "The mock server has no handler for {} ({} {}).",
            op.py,
            op.verb.as_str(),
            op.path
        ),
    )
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
            headers: auth
                .map(|a| vec![("Authorization".to_string(), a.to_string())])
                .unwrap_or_default(),
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
