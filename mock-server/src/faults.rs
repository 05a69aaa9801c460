//! Scripted misbehaviour: canned statuses, delays, dropped connections, truncated responses.

use crate::http::{Response, HELP};
use serde_json::{json, Map, Value};
use std::time::Duration;

/// A canned response for [`FaultAction::Respond`] and [`FaultAction::DropMidResponse`].
#[derive(Debug, Clone, PartialEq)]
pub struct CannedResponse {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl CannedResponse {
    /// `status` with ImageKit's usual body for it (see [`default_body`]).
    pub fn new(status: u16) -> Self {
        CannedResponse {
            status,
            headers: Vec::new(),
            body: default_body(status).into_bytes(),
        }
    }

    pub(crate) fn to_response(&self) -> Response {
        let mut r = Response::new(self.status).body(self.body.clone());
        r.headers = self.headers.clone();
        if !self.body.is_empty() && !r.has_header("content-type") {
            let ct = if serde_json::from_slice::<Value>(&self.body).is_ok() {
                "application/json"
            } else {
                "text/plain; charset=utf-8"
            };
            r.headers.push(("Content-Type".into(), ct.into()));
        }
        r
    }
}

/// The body a fault sends when none is given: `{"message": …}` for 429 (as the spec's
/// RateLimitExceeded), `{"message", "help"}` otherwise.
pub fn default_body(status: u16) -> String {
    let v = match status {
        429 => json!({"message": "You have exceeded the rate limit. Please try again later."}),
        500..=599 => json!({"message": "Something went wrong. Please try again later.", "help": HELP}),
        _ => json!({"message": crate::http::reason(status), "help": HELP}),
    };
    v.to_string()
}

/// What a fault does to the request it matches.
#[derive(Debug, Clone, PartialEq)]
pub enum FaultAction {
    /// Read the request, then send this response instead of the normal one.
    Respond(CannedResponse),
    /// Read the request, then close the connection without answering.
    DropConnection,
    /// Send the status line, headers and half of the body, then close. With `None` the normal
    /// response is the one cut short (so the operation itself does happen).
    DropMidResponse(Option<CannedResponse>),
    /// Answer normally (useful with a delay).
    Passthrough,
    /// Handle the request normally (an upload is stored), then close the connection without
    /// sending the answer: the client cannot know whether the operation happened.
    HandleThenDrop,
    /// Answer `status` with a body and headers that echo the request's credentials: the
    /// `Authorization` header, its Basic token alone, and the private key decoded from it, in
    /// the body's `message`/`help`/`reason` and in an object key, and in every
    /// header a client might echo (`x-ik-requestId`, the rate-limit headers, `Retry-After`,
    /// `Location`, …). For tests that no secret reaches the client's output.
    EchoSecrets(u16),
    /// As [`FaultAction::EchoSecrets`], with a plain-text body (not JSON) echoing the same.
    EchoSecretsText(u16),
}

/// A scripted fault. Matched against each API request (never against `/__mock/…`) by method
/// and path prefix; the first pending fault that matches is used, and it is removed once it has
/// fired `times` times (`times == 0`: fires until cleared).
///
/// ```
/// use ik_mock_server::Fault;
/// // Two 503s for uploads, then normal service.
/// let f = Fault::status(503).on("POST", "/api/v1/files/upload").times(2);
/// // A 429 that asks for a one-second pause.
/// let g = Fault::status(429).header("Retry-After", "1");
/// // Answer after 3 s (for client timeout tests).
/// let h = Fault::delay(std::time::Duration::from_secs(3));
/// # let _ = (f, g, h);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Fault {
    /// Request method to match (case-insensitive); `None` matches any.
    pub method: Option<String>,
    /// Path prefix to match (raw path, no query); `None` matches any.
    pub path_prefix: Option<String>,
    /// How many requests this fault applies to; 0 = unlimited.
    pub times: u32,
    /// Wait this long (after reading the request) before acting.
    pub delay: Option<Duration>,
    pub action: FaultAction,
}

impl Fault {
    fn with_action(action: FaultAction) -> Self {
        Fault {
            method: None,
            path_prefix: None,
            times: 1,
            delay: None,
            action,
        }
    }

    /// Respond with `status` and ImageKit's usual body for it.
    pub fn status(status: u16) -> Self {
        Fault::with_action(FaultAction::Respond(CannedResponse::new(status)))
    }

    /// Respond with `status` and exactly this body (Content-Type: JSON if it parses, else text).
    pub fn respond(status: u16, body: impl Into<Vec<u8>>) -> Self {
        Fault::status(status).body(body)
    }

    /// A 429 carrying ImageKit's rate-limit headers (`X-RateLimit-Limit: 10`,
    /// `X-RateLimit-Reset: reset_ms`, `X-RateLimit-Interval: 1000`).
    pub fn rate_limited(reset_ms: u64) -> Self {
        Fault::status(429)
            .header("X-RateLimit-Limit", "10")
            .header("X-RateLimit-Reset", reset_ms.to_string())
            .header("X-RateLimit-Interval", "1000")
    }

    /// A gateway's HTML error page: 502, `text/html`, `<html>Bad Gateway</html>`.
    pub fn bad_gateway_html() -> Self {
        Fault::respond(502, "<html>Bad Gateway</html>").header("Content-Type", "text/html")
    }

    /// `status` with an empty body.
    pub fn empty(status: u16) -> Self {
        Fault::respond(status, Vec::new())
    }

    /// Close the connection after reading the request, without a response.
    pub fn drop_connection() -> Self {
        Fault::with_action(FaultAction::DropConnection)
    }

    /// Send the normal response's head and half its body, then close.
    pub fn drop_mid_response() -> Self {
        Fault::with_action(FaultAction::DropMidResponse(None))
    }

    /// Handle the request (store an upload, …), then drop the connection without answering.
    pub fn handle_then_drop() -> Self {
        Fault::with_action(FaultAction::HandleThenDrop)
    }

    /// Answer `status` echoing the request's credentials in the body and every header (see
    /// [`FaultAction::EchoSecrets`]).
    pub fn echo_secrets(status: u16) -> Self {
        Fault::with_action(FaultAction::EchoSecrets(status))
    }

    /// As [`Fault::echo_secrets`], with a plain-text (non-JSON) body.
    pub fn echo_secrets_text(status: u16) -> Self {
        Fault::with_action(FaultAction::EchoSecretsText(status))
    }

    /// Answer normally, but only after `d`.
    pub fn delay(d: Duration) -> Self {
        Fault::with_action(FaultAction::Passthrough).after(d)
    }

    /// Only for this method and path prefix.
    pub fn on(self, method: &str, path_prefix: &str) -> Self {
        self.method(method).path(path_prefix)
    }

    pub fn method(mut self, method: &str) -> Self {
        self.method = Some(method.to_string());
        self
    }

    pub fn path(mut self, prefix: &str) -> Self {
        self.path_prefix = Some(prefix.to_string());
        self
    }

    /// Applies to the next `n` matching requests (0: every one until cleared).
    pub fn times(mut self, n: u32) -> Self {
        self.times = n;
        self
    }

    /// Applies to every matching request until cleared.
    pub fn forever(self) -> Self {
        self.times(0)
    }

    /// Waits `d` before acting.
    pub fn after(mut self, d: Duration) -> Self {
        self.delay = Some(d);
        self
    }

    fn canned_mut(&mut self) -> &mut CannedResponse {
        match &mut self.action {
            FaultAction::Respond(c) => c,
            FaultAction::DropMidResponse(c) => c.get_or_insert_with(|| CannedResponse::new(200)),
            a => {
                *a = FaultAction::Respond(CannedResponse::new(200));
                match a {
                    FaultAction::Respond(c) => c,
                    _ => unreachable!(),
                }
            }
        }
    }

    /// Adds a response header (turns a drop/passthrough fault into a canned response).
    pub fn header(mut self, k: &str, v: impl Into<String>) -> Self {
        self.canned_mut().headers.push((k.to_string(), v.into()));
        self
    }

    /// Replaces the response body.
    pub fn body(mut self, b: impl Into<Vec<u8>>) -> Self {
        self.canned_mut().body = b.into();
        self
    }

    pub(crate) fn matches(&self, method: &str, path: &str) -> bool {
        self.method.as_deref().is_none_or(|m| m.eq_ignore_ascii_case(method))
            && self.path_prefix.as_deref().is_none_or(|p| path.starts_with(p))
    }

    /// A short description, stored in the request log.
    pub(crate) fn describe(&self) -> String {
        let mut s = match &self.action {
            FaultAction::Respond(c) => format!("respond {}", c.status),
            FaultAction::DropConnection => "drop".into(),
            FaultAction::DropMidResponse(Some(c)) => format!("drop_mid_response {}", c.status),
            FaultAction::DropMidResponse(None) => "drop_mid_response".into(),
            FaultAction::Passthrough => "passthrough".into(),
            FaultAction::HandleThenDrop => "handle_then_drop".into(),
            FaultAction::EchoSecrets(s) => format!("echo_secrets {s}"),
            FaultAction::EchoSecretsText(s) => format!("echo_secrets_text {s}"),
        };
        if let Some(d) = self.delay {
            s.push_str(&format!(" after {} ms", d.as_millis()));
        }
        s
    }

    /// Parses the control API's JSON form (see the crate docs).
    pub fn from_json(v: &Value) -> Result<Fault, String> {
        let o = v.as_object().ok_or("a fault must be a JSON object")?;
        const KNOWN: [&str; 9] = [
            "method",
            "path",
            "path_prefix",
            "times",
            "delay_ms",
            "action",
            "status",
            "headers",
            "body",
        ];
        if let Some(k) = o.keys().find(|k| !KNOWN.contains(&k.as_str())) {
            return Err(format!("unknown fault field {k:?}"));
        }
        let str_field = |k: &str| -> Result<Option<String>, String> {
            match o.get(k) {
                None | Some(Value::Null) => Ok(None),
                Some(Value::String(s)) => Ok(Some(s.clone())),
                Some(_) => Err(format!("{k} must be a string")),
            }
        };
        let u64_field = |k: &str| -> Result<Option<u64>, String> {
            match o.get(k) {
                None | Some(Value::Null) => Ok(None),
                Some(v) => v
                    .as_u64()
                    .map(Some)
                    .ok_or(format!("{k} must be a non-negative integer")),
            }
        };
        let status = match u64_field("status")? {
            Some(s) if (100..=999).contains(&s) && s != 101 => Some(s as u16),
            Some(s) => return Err(format!("status {s} is not a usable HTTP status")),
            None => None,
        };
        let mut headers = Vec::new();
        match o.get("headers") {
            None | Some(Value::Null) => {}
            Some(Value::Object(m)) => {
                for (k, v) in m {
                    headers.push((k.clone(), header_value(v)?));
                }
            }
            Some(Value::Array(a)) => {
                for pair in a {
                    match pair.as_array().map(Vec::as_slice) {
                        Some([Value::String(k), v]) => headers.push((k.clone(), header_value(v)?)),
                        _ => return Err("headers array items must be [name, value]".into()),
                    }
                }
            }
            Some(_) => return Err("headers must be an object or an array of [name, value]".into()),
        }
        for (k, v) in &headers {
            if k.is_empty() || k.contains([':', '\r', '\n', ' ']) || v.contains(['\r', '\n']) {
                return Err(format!("invalid header {k:?}"));
            }
        }
        let body = match o.get("body") {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) => Some(s.clone().into_bytes()),
            Some(v) => Some(v.to_string().into_bytes()),
        };
        let canned = |status: u16| CannedResponse {
            status,
            headers: headers.clone(),
            body: body.clone().unwrap_or_else(|| default_body(status).into_bytes()),
        };
        let action_name = str_field("action")?.unwrap_or_else(|| "respond".into());
        let has_response_fields = status.is_some() || !headers.is_empty() || body.is_some();
        let action = match action_name.as_str() {
            "respond" => FaultAction::Respond(canned(status.ok_or("a respond fault needs a status")?)),
            "drop" | "drop_connection" => FaultAction::DropConnection,
            "drop_mid_response" => {
                FaultAction::DropMidResponse(has_response_fields.then(|| canned(status.unwrap_or(200))))
            }
            "passthrough" | "delay" => FaultAction::Passthrough,
            "handle_then_drop" => FaultAction::HandleThenDrop,
            "echo_secrets" | "echo_secrets_text" => {
                if !headers.is_empty() || body.is_some() {
                    return Err(format!("action {action_name:?} takes a status only"));
                }
                let status = status.unwrap_or(500);
                if action_name == "echo_secrets" {
                    FaultAction::EchoSecrets(status)
                } else {
                    FaultAction::EchoSecretsText(status)
                }
            }
            a => return Err(format!("unknown fault action {a:?}")),
        };
        if has_response_fields
            && matches!(
                action,
                FaultAction::DropConnection | FaultAction::Passthrough | FaultAction::HandleThenDrop
            )
        {
            return Err(format!("action {action_name:?} takes no status, headers or body"));
        }
        let path = match (str_field("path")?, str_field("path_prefix")?) {
            (Some(_), Some(_)) => return Err("give path or path_prefix, not both".into()),
            (a, b) => a.or(b),
        };
        Ok(Fault {
            method: str_field("method")?,
            path_prefix: path,
            times: u64_field("times")?.unwrap_or(1).min(u32::MAX as u64) as u32,
            delay: u64_field("delay_ms")?.map(Duration::from_millis),
            action,
        })
    }

    /// The JSON form accepted by [`Fault::from_json`].
    pub fn to_json(&self) -> Value {
        let mut o = Map::new();
        if let Some(m) = &self.method {
            o.insert("method".into(), m.clone().into());
        }
        if let Some(p) = &self.path_prefix {
            o.insert("path".into(), p.clone().into());
        }
        o.insert("times".into(), self.times.into());
        if let Some(d) = self.delay {
            o.insert("delay_ms".into(), (d.as_millis() as u64).into());
        }
        let (action, canned) = match &self.action {
            FaultAction::Respond(c) => ("respond", Some(c)),
            FaultAction::DropConnection => ("drop", None),
            FaultAction::DropMidResponse(c) => ("drop_mid_response", c.as_ref()),
            FaultAction::Passthrough => ("passthrough", None),
            FaultAction::HandleThenDrop => ("handle_then_drop", None),
            FaultAction::EchoSecrets(status) | FaultAction::EchoSecretsText(status) => {
                let name = if matches!(self.action, FaultAction::EchoSecrets(_)) {
                    "echo_secrets"
                } else {
                    "echo_secrets_text"
                };
                o.insert("action".into(), name.into());
                o.insert("status".into(), (*status).into());
                return Value::Object(o);
            }
        };
        o.insert("action".into(), action.into());
        if let Some(c) = canned {
            o.insert("status".into(), c.status.into());
            let h: Vec<Value> = c.headers.iter().map(|(k, v)| json!([k, v])).collect();
            o.insert("headers".into(), h.into());
            o.insert("body".into(), String::from_utf8_lossy(&c.body).into_owned().into());
        }
        Value::Object(o)
    }
}

/// The answer of an [`FaultAction::EchoSecrets`] fault to a request carrying `authorization`.
pub(crate) fn echo_secrets_response(status: u16, authorization: Option<&str>, as_text: bool) -> Response {
    let auth = authorization.unwrap_or("").trim().to_string();
    let token = auth.strip_prefix("Basic ").unwrap_or(&auth).trim().to_string();
    let key = crate::util::base64_decode(&token)
        .and_then(|b| String::from_utf8(b).ok())
        .map(|s| s.trim_end_matches(':').to_string())
        .unwrap_or_default();
    let everything = format!("{key} {auth} {token}");
    let body = json!({
        "message": format!("Your key {key} is wrong (sent as {auth})"),
        "help": format!("token {token}"),
        "reason": key,
        "echo": {"authorization": auth, "nested": [token, {key.clone(): everything}]},
    });
    let (body, content_type) = if as_text {
        (format!("<html>echo: {everything}\n{body}</html>"), "text/html")
    } else {
        (body.to_string(), "application/json")
    };
    let mut r = Response::new(status).body(body.into_bytes());
    r.headers.push(("Content-Type".into(), content_type.into()));
    for (k, v) in [
        ("x-ik-requestId", everything.as_str()),
        ("X-RateLimit-Limit", token.as_str()),
        ("X-RateLimit-Reset", key.as_str()),
        ("X-RateLimit-Interval", auth.as_str()),
        ("Retry-After", key.as_str()),
        ("retry-after-ms", token.as_str()),
        ("x-should-retry", key.as_str()),
        ("Location", &format!("http://127.0.0.1:9/{key}?auth={token}")),
        ("WWW-Authenticate", auth.as_str()),
        ("X-Echo-Key", key.as_str()),
    ] {
        r.headers.push((k.into(), v.to_string()));
    }
    r
}

fn header_value(v: &Value) -> Result<String, String> {
    match v {
        Value::String(s) => Ok(s.clone()),
        Value::Number(n) => Ok(n.to_string()),
        Value::Bool(b) => Ok(b.to_string()),
        _ => Err("header values must be strings or numbers".into()),
    }
}

/// The pending faults, in order.
#[derive(Default)]
pub(crate) struct FaultQueue {
    faults: Vec<Fault>,
}

impl FaultQueue {
    pub fn push(&mut self, f: Fault) {
        self.faults.push(f);
    }

    pub fn clear(&mut self) {
        self.faults.clear();
    }

    pub fn pending(&self) -> Vec<Fault> {
        self.faults.clone()
    }

    pub fn len(&self) -> usize {
        self.faults.len()
    }

    /// Takes one use of the first fault that matches.
    pub fn take(&mut self, method: &str, path: &str) -> Option<Fault> {
        let i = self.faults.iter().position(|f| f.matches(method, path))?;
        let f = self.faults[i].clone();
        match f.times {
            0 => {}
            1 => {
                self.faults.remove(i);
            }
            n => self.faults[i].times = n - 1,
        }
        Some(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_round_trip_and_defaults() {
        let f = Fault::from_json(&json!({
            "method": "post", "path": "/api/v1/files/upload", "times": 2, "delay_ms": 5,
            "status": 429, "headers": {"Retry-After": 1, "retry-after-ms": "250"}
        }))
        .unwrap();
        assert_eq!(f.times, 2);
        assert_eq!(f.delay, Some(Duration::from_millis(5)));
        assert!(f.matches("POST", "/api/v1/files/upload") && !f.matches("GET", "/api/v1/files/upload"));
        let FaultAction::Respond(c) = &f.action else { panic!() };
        assert_eq!(c.headers[0], ("Retry-After".to_string(), "1".to_string()));
        assert!(String::from_utf8_lossy(&c.body).contains("rate limit"));
        assert_eq!(Fault::from_json(&f.to_json()).unwrap(), f);

        let d = Fault::from_json(&json!({"action": "drop_mid_response"})).unwrap();
        assert_eq!(d.action, FaultAction::DropMidResponse(None));
        let j = Fault::from_json(&json!({"status": 500, "body": {"a": 1}})).unwrap();
        let r = match j.action {
            FaultAction::Respond(c) => c.to_response(),
            _ => panic!(),
        };
        assert_eq!(r.body, br#"{"a":1}"#);
        assert!(r.headers.contains(&("Content-Type".into(), "application/json".into())));
        let e = Fault::from_json(&json!({"status": 200, "body": ""})).unwrap();
        let r = match e.action {
            FaultAction::Respond(c) => c.to_response(),
            _ => panic!(),
        };
        assert!(r.body.is_empty() && !r.has_header("content-type"));
        for f in [
            Fault::handle_then_drop(),
            Fault::echo_secrets(401),
            Fault::echo_secrets_text(200).times(0),
        ] {
            assert_eq!(Fault::from_json(&f.to_json()).unwrap(), f);
        }
        assert_eq!(
            Fault::from_json(&json!({"action": "echo_secrets"})).unwrap().action,
            FaultAction::EchoSecrets(500)
        );
        let r = echo_secrets_response(404, Some("Basic a2V5MTIzNDo="), false);
        let text = String::from_utf8(r.body.clone()).unwrap();
        assert!(text.contains("key1234") && text.contains("a2V5MTIzNDo="), "{text}");
        assert!(r
            .headers
            .iter()
            .any(|(k, v)| k == "x-ik-requestId" && v.contains("key1234")));
        for bad in [
            json!({"action": "echo_secrets", "body": "x"}),
            json!({"action": "handle_then_drop", "status": 500}),
            json!({"action": "respond"}),
            json!({"status": 42}),
            json!({"status": 500, "colour": 1}),
            json!({"action": "drop", "status": 500}),
            json!({"action": "explode"}),
            json!({"status": 500, "headers": {"X": {"a": 1}}}),
            json!({"status": 500, "headers": {"Bad Name": "x"}}),
            json!([1]),
        ] {
            assert!(Fault::from_json(&bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn queue_order_and_counts() {
        let mut q = FaultQueue::default();
        q.push(Fault::status(503).on("GET", "/v1/files").times(2));
        q.push(Fault::status(500).forever());
        assert_eq!(
            q.take("POST", "/api/v1/files/upload").unwrap().describe(),
            "respond 500"
        );
        assert_eq!(
            q.take("GET", "/v1/files/abc/details").unwrap().describe(),
            "respond 503"
        );
        assert_eq!(q.take("GET", "/v1/files").unwrap().describe(), "respond 503");
        assert_eq!(q.take("GET", "/v1/files").unwrap().describe(), "respond 500");
        assert_eq!(q.len(), 1);
        q.clear();
        assert!(q.take("GET", "/").is_none());
        let html = Fault::bad_gateway_html().to_json();
        assert_eq!(html["status"], 502);
        assert_eq!(html["body"], "<html>Bad Gateway</html>");
    }
}
