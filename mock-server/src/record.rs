//! The request log: what each API request looked like on the wire.

use serde_json::{json, Map, Value};

/// Text bodies and text fields up to this size are kept verbatim.
pub const MAX_KEPT_TEXT: usize = 64 * 1024;
/// How many leading bytes of each multipart part are kept.
pub const KEPT_PREFIX: usize = 64;

/// One multipart part as received. File content is never stored: only its size, CRC-32 and
/// first bytes.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RecordedPart {
    pub name: String,
    pub filename: Option<String>,
    pub content_type: Option<String>,
    /// Content size in bytes.
    pub size: u64,
    /// CRC-32 (IEEE, as zlib's `crc32`) of the content.
    pub crc32: u32,
    /// The first [`KEPT_PREFIX`] bytes of the content.
    pub prefix: Vec<u8>,
    /// The content as text, for parts without a filename of at most [`MAX_KEPT_TEXT`] bytes of
    /// UTF-8.
    pub value: Option<String>,
}

/// One API request (control requests under `/__mock/` are not logged).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RecordedRequest {
    /// 1, 2, 3… in arrival order (continues across [`crate::MockServer::clear_requests`]).
    pub seq: u64,
    /// Which connection carried it (1, 2, 3… per server), to observe keep-alive and reconnects.
    pub connection_id: u64,
    pub tls: bool,
    pub method: String,
    /// Raw path, no query.
    pub path: String,
    /// Raw query string without `?`.
    pub query: String,
    /// Headers in order, names as sent.
    pub headers: Vec<(String, String)>,
    /// Body bytes received (after de-chunking).
    pub body_len: u64,
    /// The body as text when it was not multipart, valid UTF-8 and at most [`MAX_KEPT_TEXT`].
    pub body: Option<String>,
    /// The parts, for `multipart/form-data` bodies that were read.
    pub multipart: Option<Vec<RecordedPart>>,
    /// The status sent (`None` if no response was sent).
    pub status: Option<u16>,
    /// The `x-ik-requestId` sent.
    pub request_id: String,
    /// The fault applied, e.g. `"respond 503"`, `"drop"`.
    pub fault: Option<String>,
}

impl RecordedRequest {
    /// The first header with this name (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// A decoded query parameter.
    pub fn query_param(&self, name: &str) -> Option<String> {
        crate::util::parse_query(&self.query)
            .into_iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v)
    }

    /// A multipart part by field name.
    pub fn part(&self, name: &str) -> Option<&RecordedPart> {
        self.multipart.as_ref()?.iter().find(|p| p.name == name)
    }

    /// A multipart text field's value.
    pub fn field(&self, name: &str) -> Option<&str> {
        self.part(name)?.value.as_deref()
    }

    /// The body parsed as JSON, if it was kept and parses.
    pub fn json(&self) -> Option<Value> {
        serde_json::from_str(self.body.as_deref()?).ok()
    }

    /// The JSON form served by `GET /__mock/requests`.
    pub fn to_json(&self) -> Value {
        let mut headers = Map::new();
        for (k, v) in &self.headers {
            let k = k.to_ascii_lowercase();
            match headers.get_mut(&k) {
                Some(Value::String(old)) => {
                    old.push_str(", ");
                    old.push_str(v);
                }
                _ => {
                    headers.insert(k, v.clone().into());
                }
            }
        }
        let mut params = Map::new();
        for (k, v) in crate::util::parse_query(&self.query) {
            params.entry(k).or_insert(v.into());
        }
        json!({
            "seq": self.seq,
            "connection_id": self.connection_id,
            "tls": self.tls,
            "method": self.method,
            "path": self.path,
            "query": self.query,
            "query_params": params,
            "headers": headers,
            "body_len": self.body_len,
            "body": self.body,
            "multipart": self.multipart.as_ref().map(|parts| parts.iter().map(|p| json!({
                "name": p.name,
                "filename": p.filename,
                "content_type": p.content_type,
                "size": p.size,
                "crc32": p.crc32,
                "prefix_hex": crate::util::hex(&p.prefix),
                "value": p.value,
            })).collect::<Vec<_>>()),
            "status": self.status,
            "request_id": self.request_id,
            "fault": self.fault,
        })
    }
}

/// Accumulates one part while it streams past.
pub(crate) struct PartRecorder {
    part: RecordedPart,
    crc: crc32fast::Hasher,
    text: Option<Vec<u8>>,
}

impl PartRecorder {
    pub fn new(name: &str, filename: Option<&str>, content_type: Option<&str>) -> Self {
        PartRecorder {
            part: RecordedPart {
                name: name.to_string(),
                filename: filename.map(str::to_string),
                content_type: content_type.map(str::to_string),
                ..Default::default()
            },
            crc: Default::default(),
            text: filename.is_none().then(Vec::new),
        }
    }

    pub fn feed(&mut self, chunk: &[u8]) {
        self.part.size += chunk.len() as u64;
        self.crc.update(chunk);
        if self.part.prefix.len() < KEPT_PREFIX {
            let n = (KEPT_PREFIX - self.part.prefix.len()).min(chunk.len());
            self.part.prefix.extend_from_slice(&chunk[..n]);
        }
        if let Some(t) = &mut self.text {
            if t.len() + chunk.len() <= MAX_KEPT_TEXT {
                t.extend_from_slice(chunk);
            } else {
                self.text = None;
            }
        }
    }

    pub fn finish(mut self) -> RecordedPart {
        self.part.crc32 = self.crc.finalize();
        self.part.value = self.text.and_then(|t| String::from_utf8(t).ok());
        self.part
    }
}
