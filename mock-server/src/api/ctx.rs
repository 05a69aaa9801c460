//! What every handler shares: the request context, the handler signature and the small
//! helpers for fields and ImageKit's error bodies.

use crate::conn::ConnIo;
use crate::http::{Body, RequestHead, Response};
use crate::multipart::MpError;
use crate::record::RecordedRequest;
use crate::shared::Shared;
use imagekit_ops::Op;
use serde_json::{Map, Value};
use std::io::Read;

/// What a handler returns; `Err` is an error response, so `?` works on validation helpers.
pub(crate) type HandlerResult = Result<Response, Response>;
pub(crate) type Handler = fn(&mut Ctx<'_, '_>) -> HandlerResult;

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
    /// The table row being served (`None` for the irregular routes, `super::ROUTES`).
    pub op: Option<&'static Op>,
    /// The JSON body once read (the validating step reads it before the handler).
    pub json: Option<Value>,
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
            op: None,
            json: None,
        }
    }

    /// A captured path segment.
    pub fn param(&self, name: &str) -> &str {
        self.params
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.as_str())
            .unwrap_or("")
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

    /// The body as JSON; an empty body is `None`. Read once, then served from [`Ctx::json`].
    pub fn json_body(&mut self) -> Result<Option<Value>, Response> {
        if let Some(v) = &self.json {
            return Ok(Some(v.clone()));
        }
        let b = self.body_bytes(16 << 20)?;
        if b.iter().all(u8::is_ascii_whitespace) {
            return Ok(None);
        }
        let v: Value = serde_json::from_slice(&b)
            .map_err(|e| Response::error(400, format!("Your request contains invalid JSON: {e}.")))?;
        self.json = Some(v.clone());
        Ok(Some(v))
    }

    /// The validated JSON object body of a table row with a body (empty for other rows).
    pub fn obj(&self) -> Map<String, Value> {
        match &self.json {
            Some(Value::Object(o)) => o.clone(),
            _ => Map::new(),
        }
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

/// A required string field of a JSON object.
pub(crate) fn str_field<'v>(o: &'v serde_json::Map<String, Value>, k: &str) -> Option<&'v str> {
    o.get(k).and_then(Value::as_str)
}

/// A boolean field; absent or null is `default`.
pub(crate) fn bool_field(o: &Map<String, Value>, k: &str, default: bool) -> bool {
    o.get(k).and_then(Value::as_bool).unwrap_or(default)
}

/// A list-of-strings field (the validating step checked the type).
pub(crate) fn str_list(o: &Map<String, Value>, k: &str) -> Vec<String> {
    o.get(k)
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).map(String::from).collect())
        .unwrap_or_default()
}

/// 400 with ImageKit's body.
pub(crate) fn bad(m: impl Into<String>) -> Response {
    Response::error(400, m)
}

/// ImageKit's error body with a `reason` (copy, move, rename and folder operations add one).
pub(crate) fn error_with_reason(status: u16, reason: &str, message: impl Into<String>) -> Response {
    Response::json(
        status,
        &serde_json::json!({"message": message.into(), "help": crate::http::HELP, "reason": reason}),
    )
}

/// The current time as ISO 8601, for `createdAt` / `updatedAt` of account resources.
pub(crate) fn now_iso() -> String {
    crate::util::iso8601(crate::util::now_ms())
}
