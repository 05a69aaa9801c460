//! Upload: `POST <upload_base_url>/api/v1/files/upload` (or `/api/v2/files/upload`) as a
//! streamed multipart form.
//!
//! The file comes from one of three places: the `file` option (a public URL, a base64 string
//! or a data URI, sent as a text field), bytes the caller lends, or a local path read in chunks
//! while it is sent. Options follow the API's field names (camelCase) and the original SDK's
//! snake_case; lists are joined with ",", booleans sent as "true"/"false", objects as JSON text.

use super::ops::Retry;
use crate::client::Client;
use crate::error::{Error, ErrorKind, Result};
use crate::http::{Answer, Body, Method, Multipart, ProgressFn};
use crate::options::{self, opt, wire_text, Kind, Param, Read, Wire};
use serde_json::{Map, Value};
use std::path::Path;

/// The library's own upload option (never sent): `"idempotent": true` makes a retried upload
/// unable to store the file twice (see [`Client::upload`]).
pub const IDEMPOTENT_OPTION: &str = "idempotent";

/// Every field of the upload API (`FileUploadV1`), read by the one option reader as form text
/// (`crate::options`). `file` is checked by the upload itself (it depends on the source).
#[rustfmt::skip]
pub const UPLOAD_OPTIONS: &[Param] = &[
    opt("file", Kind::Str),
    opt("fileName", Kind::Str),
    opt("useUniqueFileName", Kind::Bool),
    opt("tags", Kind::StrOrList),
    opt("folder", Kind::Str),
    opt("isPrivateFile", Kind::Bool),
    opt("isPublished", Kind::Bool),
    opt("customCoordinates", Kind::Str),
    opt("responseFields", Kind::StrOrList),
    opt("extensions", Kind::Json),
    opt("webhookUrl", Kind::Str),
    opt("overwriteFile", Kind::Bool),
    opt("overwriteAITags", Kind::Bool).or(&["overwriteAiTags"]),
    opt("overwriteTags", Kind::Bool),
    opt("overwriteCustomMetadata", Kind::Bool),
    opt("customMetadata", Kind::Json),
    opt("transformation", Kind::Json),
    opt("checks", Kind::Str),
    opt("description", Kind::Str),
    // Client-side upload authentication fields of the same API (normally not needed: the
    // library authenticates with the private key).
    opt("publicKey", Kind::Str),
    opt("signature", Kind::Str),
    opt("expire", Kind::Int),
    opt("token", Kind::Str),
];

/// Reads upload options (or a token payload: `what` says which) with the one option reader.
pub fn read_options<'v>(options: &'v Map<String, Value>, what: &str) -> Result<Read<'static, 'v>> {
    options::read(UPLOAD_OPTIONS, options, what, Wire::Text)
}

/// Which upload API a call goes to. Both take the same multipart form; v2 authenticates a
/// client-side upload with a JWT `token` (see `crate::jwt`) instead of v1's
/// `publicKey`/`signature`/`expire`, which it refuses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UploadApi {
    V1,
    V2,
}

impl UploadApi {
    /// The path on the upload host.
    pub fn path(self) -> &'static str {
        match self {
            UploadApi::V1 => "/api/v1/files/upload",
            UploadApi::V2 => "/api/v2/files/upload",
        }
    }
}

/// The v1 fields that upload v2 does not take (its client-side auth is the JWT `token`).
const V1_ONLY: &[&str] = &["publicKey", "signature", "expire"];

/// Where the uploaded file's bytes come from.
#[derive(Debug, Clone, Copy)]
pub enum UploadSource<'a> {
    /// The `file` option: a URL, a base64 string or a data URI.
    Option,
    /// Bytes lent by the caller.
    Bytes(&'a [u8]),
    /// A local file, streamed from disk.
    Path(&'a Path),
}

/// Builds the multipart body for an upload (exposed for tests and benchmarks).
pub fn build_body<'a>(source: UploadSource<'a>, options: &Map<String, Value>) -> Result<Multipart<'a>> {
    build_body_for(UploadApi::V1, source, options)
}

/// Builds the multipart body for an upload to `api`.
pub fn build_body_for<'a>(
    api: UploadApi,
    source: UploadSource<'a>,
    options: &Map<String, Value>,
) -> Result<Multipart<'a>> {
    let fields = read_options(options, "upload option")?;
    if api == UploadApi::V2 {
        if let Some((spec, _)) = fields.iter().find(|(spec, _)| V1_ONLY.contains(&spec.name)) {
            return Err(Error::invalid(format!(
                "upload v2 option `{}` does not exist: v2 authenticates client-side uploads with a JWT `token` (ik_upload_v2_token)",
                spec.name
            )));
        }
    }
    let mut file_text: Option<String> = None;
    let mut file_name: Option<String> = None;
    let mut texts: Vec<(&'static str, String)> = Vec::with_capacity(fields.len());
    for (spec, value) in fields.iter() {
        let text = wire_text(spec.kind, value);
        match spec.name {
            "file" => file_text = Some(text),
            "fileName" => file_name = Some(text),
            _ => texts.push((spec.name, text)),
        }
    }
    let file_name = match file_name {
        Some(n) if !n.trim().is_empty() => n,
        Some(_) => return Err(Error::invalid("upload option `fileName` must not be empty")),
        None => return Err(Error::invalid("upload option `fileName` is required")),
    };

    let mut body = Multipart::new();
    body.text("fileName", &file_name);
    for (name, text) in &texts {
        body.text(name, text);
    }
    const BINARY: &str = "application/octet-stream";
    match source {
        UploadSource::Option => match file_text {
            Some(f) if !f.trim().is_empty() => body.text("file", &f),
            _ => {
                return Err(Error::invalid(
                    "upload option `file` is required: a public URL, a base64 string or a data URI",
                ))
            }
        },
        UploadSource::Bytes(data) => {
            if file_text.is_some() {
                return Err(Error::invalid(
                    "upload option `file` must not be given: the bytes are the file",
                ));
            }
            body.bytes("file", &file_name, BINARY, data);
        }
        UploadSource::Path(path) => {
            if file_text.is_some() {
                return Err(Error::invalid(
                    "upload option `file` must not be given: the path is the file",
                ));
            }
            body.file("file", &file_name, BINARY, path)?;
        }
    }
    body.finish();
    if body.checked_len().is_none() {
        return Err(Error::invalid("the upload body would be larger than 2^64 bytes"));
    }
    Ok(body)
}

/// True when the upload answer describes a stored file: a JSON object with a non-empty string
/// `fileId`, or a 202 (`{"message": …}`: a pre-transformation queued, the file stored later).
fn describes_a_file(status: u16, text: &str) -> bool {
    match serde_json::from_str::<Value>(text) {
        Ok(Value::Object(o)) => {
            o.get("fileId")
                .and_then(Value::as_str)
                .is_some_and(|id| !id.trim().is_empty())
                || status == 202
        }
        _ => false,
    }
}

/// The error for a 2xx upload answer that does not describe a stored file. The body is kept (as
/// JSON when it is JSON), scrubbed like any server text.
fn not_a_file(answer: &Answer) -> Error {
    let status = answer.status;
    let what = if answer.text.trim() == "{}" || answer.text.trim().is_empty() {
        "an empty answer"
    } else {
        "an answer without a `fileId`"
    };
    let mut e = Error::new(
        ErrorKind::Decode,
        format!("HTTP {status}: the upload got {what}, so it is not known to be stored; check before uploading again"),
    );
    e.http_status = Some(status);
    e.request_id = answer.request_id.clone();
    e.attempts = Some(answer.attempts);
    e.body = Some(serde_json::from_str(&answer.text).unwrap_or_else(|_| Value::String(answer.text.clone())));
    e
}

/// True for ImageKit's answer to an upload of an existing name with `useUniqueFileName=false`
/// and `overwriteFile=false`.
fn is_already_exists(e: &Error) -> bool {
    matches!(e.http_status, Some(400) | Some(409)) && e.message.contains("already exists")
}

/// The decoded length of a `file` option given as base64 text or a base64 `data:` URI (`None` for
/// a URL or anything else).
fn base64_payload_len(file: &str) -> Option<u64> {
    let text = match file.strip_prefix("data:") {
        Some(rest) => rest.split_once(";base64,")?.1,
        None => file,
    };
    let text = text.trim();
    if text.is_empty()
        || !text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'=' | b'-' | b'_'))
    {
        return None;
    }
    let padding = text.bytes().rev().take_while(|&b| b == b'=').count() as u64;
    let n = text.len() as u64 - padding;
    Some(n * 3 / 4)
}

/// Unix seconds of an ISO 8601 UTC time as the API writes it (`2026-12-01T09:30:00.000Z`).
fn iso8601_secs(t: &str) -> Option<i64> {
    let b = t.as_bytes();
    if b.len() < 19 || b[4] != b'-' || b[7] != b'-' || b[10] != b'T' || b[13] != b':' || b[16] != b':' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| t.get(r)?.parse::<i64>().ok();
    let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (hh, mm, ss) = (num(11..13)?, num(14..16)?, num(17..19)?);
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) || hh > 23 || mm > 59 || ss > 60 {
        return None;
    }
    // Days from the civil date (Howard Hinnant's algorithm).
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    Some(days * 86_400 + hh * 3600 + mm * 60 + ss)
}

/// The folder as the list API's `path` wants it: leading `/`, no trailing `/` (root: `/`).
fn list_path(folder: Option<&str>) -> String {
    let f = folder.unwrap_or("/").trim().trim_matches('/');
    format!("/{f}")
}

/// The options as the upload API takes them (the library's own `idempotent` option off, under
/// every spelling of its key: keys are trimmed) and that option's value (the last one given, the
/// one option reader's rule).
pub fn split_idempotent(options: &Map<String, Value>) -> (Map<String, Value>, Option<Value>) {
    let mut wire = options.clone();
    let keys: Vec<String> = wire.keys().filter(|k| k.trim() == IDEMPOTENT_OPTION).cloned().collect();
    let value = keys.iter().fold(None, |_, k| wire.shift_remove(k));
    (wire, value)
}

/// The two fields the idempotent mode pins to `false`.
const PINNED: [&str; 2] = ["useUniqueFileName", "overwriteFile"];

/// The options of an upload once the library's `idempotent` option is split off.
#[derive(Debug)]
struct WireOptions {
    idempotent: bool,
    /// What goes on the wire. In idempotent mode: resolved (trimmed keys, the API's names,
    /// nulls dropped) with both pinned fields present and `false`.
    options: Map<String, Value>,
    /// In idempotent mode: the caller gave both pinned fields (as `false`) themselves.
    caller_pinned_both: bool,
}

/// Splits off the library's `idempotent` option (its key trimmed like every other); in idempotent
/// mode resolves the options first, so a `null`, an alias or a key with spaces is read as the API
/// will read it, then adds `useUniqueFileName=false` and `overwriteFile=false` where absent and
/// refuses either set to `true`.
fn idempotent_options(options: &Map<String, Value>) -> Result<WireOptions> {
    let (wire, value) = split_idempotent(options);
    let on = match value {
        None | Some(Value::Null) | Some(Value::Bool(false)) => false,
        Some(Value::Bool(true)) => true,
        Some(_) => return Err(Error::invalid("upload option `idempotent` must be true or false")),
    };
    if !on {
        return Ok(WireOptions {
            idempotent: false,
            options: wire,
            caller_pinned_both: false,
        });
    }
    let read = read_options(&wire, "upload option")?;
    let mut resolved = Map::with_capacity(wire.len() + PINNED.len());
    for (spec, value) in read.iter() {
        resolved.insert(spec.name.to_string(), value.clone());
    }
    let mut caller_pinned_both = true;
    for name in PINNED {
        match read.bool(name) {
            None => {
                caller_pinned_both = false;
                resolved.insert(name.to_string(), Value::Bool(false));
            }
            Some(false) => {}
            Some(true) => {
                return Err(Error::invalid(format!(
                    "upload option `{name}` must be false with `idempotent` (a retry must not store a second copy)"
                )))
            }
        }
    }
    Ok(WireOptions {
        idempotent: true,
        options: resolved,
        caller_pinned_both,
    })
}

impl Client {
    /// Uploads a file. Returns the API's JSON (the `Upload` object, or `{message}` for a 202).
    ///
    /// `progress` receives `(sent, total)` request-body bytes; returning `false` cancels the
    /// upload (`ErrorKind::Cancelled`) before the server has the whole body, so nothing is
    /// stored. A retry restarts the count from 0.
    ///
    /// A 2xx answer that does not describe a stored file (an empty body, JSON without a
    /// `fileId`; a 202 `{message}` excepted) is a `Decode` error carrying the body: the upload is
    /// not known to have been stored.
    ///
    /// With the option `"idempotent": true` (never sent) the upload goes out with
    /// `useUniqueFileName=false` and `overwriteFile=false`, so a repeat of a stored upload is
    /// refused by ImageKit as "already exists" instead of stored twice. When a retry of this call
    /// gets that answer and an earlier attempt may have been stored (its whole body went out and
    /// its answer was lost or was a 5xx), the stored file is looked up by folder and name
    /// (`GET /v1/files`) and, if its `filePath`, size and creation time match, its details are
    /// returned as the result. Otherwise (the first attempt, or retries after attempts that
    /// provably stored nothing) "already exists" stays an error: the name was taken by someone else.
    ///
    /// One case stays ambiguous: an attempt whose body went out but which was not stored, while
    /// another client stores a file of the same folder, name and size during this call. The
    /// look-up cannot tell that file from ours (the API returns no content hash to compare), so it
    /// is returned as ours.
    pub fn upload(
        &self,
        source: UploadSource<'_>,
        options: &Map<String, Value>,
        progress: Option<&mut ProgressFn<'_>>,
    ) -> Result<String> {
        self.upload_to(UploadApi::V1, source, options, progress)
    }

    /// [`Client::upload`] to the given upload API (v1, or v2 with the same streaming, progress,
    /// cancellation, answer checks and idempotent mode).
    pub fn upload_to(
        &self,
        api: UploadApi,
        source: UploadSource<'_>,
        options: &Map<String, Value>,
        progress: Option<&mut ProgressFn<'_>>,
    ) -> Result<String> {
        let WireOptions {
            idempotent,
            options,
            caller_pinned_both,
        } = idempotent_options(options)?;
        // A v2 token signs the form: fields the idempotent mode would add must be in it already.
        if idempotent && api == UploadApi::V2 && options.contains_key("token") && !caller_pinned_both {
            return Err(Error::invalid(
                "upload option `idempotent` with a v2 `token` needs `useUniqueFileName: false` and `overwriteFile: false` \
                 given in the options and in the token's payload (the token signs the whole form)",
            ));
        }
        let started = crate::clock::unix_now();
        let body = build_body_for(api, source, &options)?;
        let total = body.len();
        self.log(crate::log::LogLevel::Debug, || {
            format!("upload: multipart body of {total} bytes")
        });
        let url = format!("{}{}", self.config.upload_base_url, api.path());
        // Uploads are retried like reads (the idempotent mode makes a repeat harmless, see above).
        match self.send_answer(Method::Post, url, Body::Multipart(body), Retry::Safe, progress) {
            Ok(answer) if describes_a_file(answer.status, &answer.text) => Ok(answer.text),
            Ok(answer) => Err(self.secrets.scrubbed(not_a_file(&answer))),
            // Only an earlier attempt whose whole body went out and whose outcome is unknown may be
            // the one that took the name; after attempts that provably stored nothing (429, a
            // refused connection, a body cut short, a 4xx) the name is someone else's.
            Err(e) if idempotent && is_already_exists(&e) && e.maybe_applied => {
                self.find_stored_upload(source, &options, started, e)
            }
            Err(e) => Err(e),
        }
    }

    /// Idempotent mode, after a retry was told "already exists": the details of the file an
    /// earlier attempt of this call stored, or `original` when no file is certainly that one. A
    /// match must be a file (not a folder) of the name sent, whose `filePath` is the folder sent
    /// plus that name, of the size sent,
    /// created since this call started (less a minute of clock skew): a file that was there before
    /// is someone else's.
    fn find_stored_upload(
        &self,
        source: UploadSource<'_>,
        options: &Map<String, Value>,
        started: i64,
        original: Error,
    ) -> Result<String> {
        let Ok(options) = read_options(options, "upload option") else {
            return Err(original);
        };
        let Some(name) = options.str("fileName") else {
            return Err(original);
        };
        let folder = list_path(options.str("folder"));
        let unresolved = |why: &str| {
            let mut e = original.clone();
            e.message.push_str(&format!(
                " (idempotent upload: an earlier attempt may have stored it, but {why})"
            ));
            e
        };
        let size = match source {
            UploadSource::Bytes(b) => b.len() as u64,
            UploadSource::Path(p) => match std::fs::metadata(p) {
                Ok(m) => m.len(),
                Err(_) => return Err(unresolved("the file's size is no longer known")),
            },
            UploadSource::Option => match options.str("file").and_then(base64_payload_len) {
                Some(n) => n,
                None => {
                    return Err(unresolved(
                        "the size of a file ImageKit fetches from a URL is not known here",
                    ))
                }
            },
        };
        if name.contains(['"', '\\']) {
            return Err(unresolved("its name cannot be searched for"));
        }
        let query = super::query_string(&[
            ("path".into(), folder.clone()),
            ("type".into(), "file".into()),
            ("searchQuery".into(), format!("name = \"{name}\"")),
        ]);
        let listing = match self.send(
            Method::Get,
            self.api_url(&format!("/v1/files{query}")),
            Body::Empty,
            Retry::Safe,
            None,
        ) {
            Ok(t) => t,
            Err(e) => return Err(unresolved(&format!("looking it up failed: {}", e.message))),
        };
        let items: Vec<Value> = serde_json::from_str(&listing).unwrap_or_default();
        const CLOCK_SKEW_SECS: i64 = 60;
        let file_path = if folder == "/" {
            format!("/{name}")
        } else {
            format!("{folder}/{name}")
        };
        let found = items.into_iter().find(|f| {
            f["type"].as_str().is_none_or(|t| t == "file")
                && f["name"].as_str() == Some(name)
                && f["filePath"].as_str() == Some(file_path.as_str())
                && f["size"].as_u64() == Some(size)
                && f["createdAt"]
                    .as_str()
                    .and_then(iso8601_secs)
                    .is_some_and(|t| t >= started - CLOCK_SKEW_SECS)
        });
        match found {
            Some(file) => {
                self.log(crate::log::LogLevel::Info, || {
                    format!("upload: a retry found {folder}/{name} already stored by an earlier attempt; returning it")
                });
                Ok(file.to_string())
            }
            None => Err(unresolved(
                "no file of that name and size created during this call was found",
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use std::io::Read;

    fn text_of(m: &Multipart<'_>) -> String {
        let mut s = Vec::new();
        m.reader().read_to_end(&mut s).unwrap();
        assert_eq!(s.len() as u64, m.len());
        String::from_utf8_lossy(&s).into_owned()
    }

    fn field(body: &str, name: &str) -> Option<String> {
        let marker = format!("name=\"{name}\"");
        let start = body.find(&marker)?;
        let rest = &body[start..];
        let value_start = rest.find("\r\n\r\n")? + 4;
        let value_end = rest[value_start..].find("\r\n--")?;
        Some(rest[value_start..value_start + value_end].to_string())
    }

    #[test]
    fn every_field_in_both_spellings() {
        let snake = json!({
            "file": "https://example.com/a.jpg", "file_name": "a.jpg", "use_unique_file_name": false,
            "tags": ["t1", "t2"], "folder": "/f/", "is_private_file": true, "is_published": false,
            "custom_coordinates": "10,10,20,20", "response_fields": "tags,customCoordinates",
            "extensions": [{"name": "google-auto-tagging", "maxTags": 5}], "webhook_url": "https://h/w",
            "overwrite_file": false, "overwrite_ai_tags": true, "overwrite_tags": false,
            "overwrite_custom_metadata": true, "custom_metadata": {"price": 10},
            "transformation": {"pre": "w-100"}, "checks": "\"file.size\" < \"1mb\"", "description": "d"
        });
        let camel = json!({
            "file": "https://example.com/a.jpg", "fileName": "a.jpg", "useUniqueFileName": false,
            "tags": "t1,t2", "folder": "/f/", "isPrivateFile": true, "isPublished": "false",
            "customCoordinates": "10,10,20,20", "responseFields": ["tags", "customCoordinates"],
            "extensions": "[{\"name\":\"google-auto-tagging\",\"maxTags\":5}]", "webhookUrl": "https://h/w",
            "overwriteFile": false, "overwriteAITags": true, "overwriteTags": false,
            "overwriteCustomMetadata": true, "customMetadata": {"price": 10},
            "transformation": {"pre": "w-100"}, "checks": "\"file.size\" < \"1mb\"", "description": "d"
        });
        for opts in [snake, camel] {
            let m = build_body(UploadSource::Option, opts.as_object().unwrap()).unwrap();
            let b = text_of(&m);
            let f = |n| field(&b, n).unwrap_or_else(|| panic!("{n} missing in {b}"));
            assert_eq!(f("file"), "https://example.com/a.jpg");
            assert_eq!(f("fileName"), "a.jpg");
            assert_eq!(f("useUniqueFileName"), "false");
            assert_eq!(f("tags"), "t1,t2");
            assert_eq!(f("folder"), "/f/");
            assert_eq!(f("isPrivateFile"), "true");
            assert_eq!(f("isPublished"), "false");
            assert_eq!(f("customCoordinates"), "10,10,20,20");
            assert_eq!(f("responseFields"), "tags,customCoordinates");
            assert_eq!(f("extensions"), r#"[{"name":"google-auto-tagging","maxTags":5}]"#);
            assert_eq!(f("webhookUrl"), "https://h/w");
            assert_eq!(f("overwriteFile"), "false");
            assert_eq!(f("overwriteAITags"), "true");
            assert_eq!(f("overwriteTags"), "false");
            assert_eq!(f("overwriteCustomMetadata"), "true");
            assert_eq!(f("customMetadata"), r#"{"price":10}"#);
            assert_eq!(f("transformation"), r#"{"pre":"w-100"}"#);
            assert_eq!(f("checks"), "\"file.size\" < \"1mb\"");
            assert_eq!(f("description"), "d");
        }
    }

    #[test]
    fn idempotent_lookup_helpers() {
        assert_eq!(iso8601_secs("1970-01-01T00:00:00.000Z"), Some(0));
        assert_eq!(iso8601_secs("2019-08-24T06:34:41.313Z"), Some(1_566_628_481));
        assert_eq!(iso8601_secs("2024-02-29T23:59:59Z"), Some(1_709_251_199));
        assert_eq!(iso8601_secs("2019-13-24T00:00:00Z"), None);
        assert_eq!(iso8601_secs("yesterday"), None);
        assert_eq!(base64_payload_len("aGVsbG8="), Some(5));
        assert_eq!(base64_payload_len("data:text/plain;base64,aGVsbG8h"), Some(6));
        assert_eq!(base64_payload_len("https://example.com/a.jpg"), None);
        assert_eq!(base64_payload_len(""), None);
    }

    #[test]
    fn idempotent_mode_reads_the_options_as_the_upload_does() {
        let wire = |v: Value| idempotent_options(v.as_object().unwrap());
        // Nulls, aliases and keys with spaces: the pinned fields end up present and false.
        for opts in [
            json!({"fileName": "a", "idempotent": true, "useUniqueFileName": null, "overwriteFile": null}),
            json!({"fileName": "a", " idempotent ": true, "use_unique_file_name": null}),
            json!({"fileName": "a", "idempotent": true, " overwriteFile": "false"}),
        ] {
            let w = wire(opts.clone()).unwrap();
            assert!(w.idempotent, "{opts}");
            assert_eq!(
                w.options
                    .get("useUniqueFileName")
                    .map(|v| wire_text(Kind::Bool, v))
                    .as_deref(),
                Some("false"),
                "{opts}"
            );
            assert_eq!(
                w.options
                    .get("overwriteFile")
                    .map(|v| wire_text(Kind::Bool, v))
                    .as_deref(),
                Some("false"),
                "{opts}"
            );
            assert!(!w.options.contains_key("use_unique_file_name") && !w.options.contains_key(" overwriteFile"));
            let body = text_of(&build_body(UploadSource::Bytes(b"x"), &w.options).unwrap());
            assert_eq!(field(&body, "useUniqueFileName").as_deref(), Some("false"), "{opts}");
            assert_eq!(field(&body, "overwriteFile").as_deref(), Some("false"), "{opts}");
        }
        for bad in [
            json!({"fileName": "a", "idempotent": true, " useUniqueFileName ": true}),
            json!({"fileName": "a", "idempotent": true, "overwrite_file": "true"}),
        ] {
            assert!(
                wire(bad.clone())
                    .unwrap_err()
                    .message
                    .contains("must be false with `idempotent`"),
                "{bad}"
            );
        }
        // Both given by the caller (as false) versus a null standing in for one.
        assert!(
            wire(json!({"fileName": "a", "idempotent": true, "useUniqueFileName": false, "overwrite_file": false}))
                .unwrap()
                .caller_pinned_both
        );
        assert!(
            !wire(json!({"fileName": "a", "idempotent": true, "useUniqueFileName": false, "overwriteFile": null}))
                .unwrap()
                .caller_pinned_both
        );
        // Not idempotent: the options are left as given.
        let w = wire(json!({"fileName": "a", "useUniqueFileName": null})).unwrap();
        assert!(!w.idempotent && w.options.contains_key("useUniqueFileName"));
    }

    #[test]
    fn v2_refuses_the_v1_client_side_auth_fields() {
        for (field, value) in [
            ("publicKey", json!("pk")),
            ("signature", json!("sig")),
            ("expire", json!(1700000000)),
        ] {
            let opts = json!({"fileName": "a.jpg", field: value});
            let err = build_body_for(UploadApi::V2, UploadSource::Bytes(b"x"), opts.as_object().unwrap()).unwrap_err();
            assert!(
                err.message.contains(field) && err.message.contains("token"),
                "{}",
                err.message
            );
            assert!(build_body_for(UploadApi::V1, UploadSource::Bytes(b"x"), opts.as_object().unwrap()).is_ok());
        }
        let opts = json!({"fileName": "a.jpg", "token": "jwt", "tags": ["a"]});
        let body =
            text_of(&build_body_for(UploadApi::V2, UploadSource::Bytes(b"x"), opts.as_object().unwrap()).unwrap());
        assert_eq!(field(&body, "token").as_deref(), Some("jwt"));
        assert_eq!(UploadApi::V2.path(), "/api/v2/files/upload");
    }

    #[test]
    fn required_and_unknown() {
        let e = build_body(UploadSource::Option, json!({"file": "x"}).as_object().unwrap()).unwrap_err();
        assert!(e.message.contains("`fileName`"));
        let e = build_body(UploadSource::Option, json!({"fileName": "x"}).as_object().unwrap()).unwrap_err();
        assert!(e.message.contains("`file`"));
        let e = build_body(
            UploadSource::Bytes(b"x"),
            json!({"fileName": "x", "colour": "red"}).as_object().unwrap(),
        )
        .unwrap_err();
        assert!(e.message.contains("`colour`"));
        let e = build_body(
            UploadSource::Bytes(b"x"),
            json!({"fileName": "x", "file": "y"}).as_object().unwrap(),
        )
        .unwrap_err();
        assert!(e.message.contains("`file`"));
        let e = build_body(
            UploadSource::Bytes(b"x"),
            json!({"fileName": "x", "isPrivateFile": "yes"}).as_object().unwrap(),
        )
        .unwrap_err();
        assert!(e.message.contains("`isPrivateFile`"));
    }

    #[test]
    fn bytes_are_a_binary_part_named_after_the_file() {
        let data = [0u8, 159, 146, 150];
        let m = build_body(
            UploadSource::Bytes(&data),
            json!({"fileName": "x.bin"}).as_object().unwrap(),
        )
        .unwrap();
        let mut raw = Vec::new();
        m.reader().read_to_end(&mut raw).unwrap();
        let head = b"name=\"file\"; filename=\"x.bin\"\r\nContent-Type: application/octet-stream\r\n\r\n";
        let at = raw.windows(head.len()).position(|w| w == head).expect("file part") + head.len();
        assert_eq!(&raw[at..at + 4], &data);
    }
}
