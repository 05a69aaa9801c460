//! `POST /api/v1/files/upload`: multipart, streamed (a file part is counted, never stored).

use super::ctx::{bad, forbidden, unauthorized, Ctx, HandlerResult};
use super::validators::{sanitize_name, valid_coordinates, valid_extensions, valid_http_url, valid_transformation};
use crate::http::Response;
use crate::multipart::{boundary, MpError, Multipart};
use crate::record::{PartRecorder, RecordedPart};
use crate::shared::lock;
use crate::store::{normalize_folder, FileRecord};
use crate::util::{self, Base64Check};
use serde_json::{json, Map, Value};
use std::io::Read;

/// The size reported for a file given as a URL (the server fetches nothing).
pub const URL_FILE_SIZE: u64 = 102_400;
/// Text fields larger than this are rejected.
const MAX_FIELD: usize = 1 << 20;
/// Tags' combined length limit (spec).
const MAX_TAGS_LEN: usize = 500;

const RESPONSE_FIELDS: [&str; 8] = [
    "tags",
    "customCoordinates",
    "isPrivateFile",
    "embeddedMetadata",
    "isPublished",
    "customMetadata",
    "metadata",
    "selectedFieldsSchema",
];

/// What the `file` field held.
#[derive(Debug)]
enum FileInput {
    Binary {
        size: u64,
        crc: u32,
        content_type: Option<String>,
    },
    Url(String),
    Base64 {
        size: u64,
        crc: u32,
    },
    DataUri {
        size: u64,
        crc: u32,
        mime: String,
    },
    Invalid,
}

/// Classifies a text `file` field as it streams past: URL, data URI or base64.
#[derive(Default)]
struct TextSniffer {
    head: Vec<u8>,
    total: u64,
    all: Base64Check,
    /// For `data:` URIs: the bytes after the comma.
    after_comma: Option<(Base64Check, u64)>,
    comma_search_done: bool,
}

const SNIFF_HEAD: usize = 8192;

impl TextSniffer {
    fn feed(&mut self, mut c: &[u8]) {
        self.total += c.len() as u64;
        self.all.feed(c);
        if self.head.len() < SNIFF_HEAD {
            let n = (SNIFF_HEAD - self.head.len()).min(c.len());
            self.head.extend_from_slice(&c[..n]);
        }
        if !self.comma_search_done {
            if self.head.len() < 5 {
                return;
            }
            if !self.head[..5].eq_ignore_ascii_case(b"data:") {
                self.comma_search_done = true;
                return;
            }
            // Offset of `c` within the stream decides where the comma is.
            let start_of_c = self.total - c.len() as u64;
            let head_end = self.head.len() as u64;
            if let Some(i) = self.head.iter().position(|&b| b == b',') {
                self.comma_search_done = true;
                let after_from = i as u64 + 1;
                let skip = after_from.saturating_sub(start_of_c) as usize;
                self.after_comma = Some((Base64Check::default(), 0));
                c = &c[skip.min(c.len())..];
            } else {
                if head_end >= SNIFF_HEAD as u64 {
                    self.comma_search_done = true; // no comma in 8 KiB: not a data URI
                }
                return;
            }
        }
        if let Some((chk, n)) = &mut self.after_comma {
            chk.feed(c);
            *n += c.len() as u64;
        }
    }

    fn finish(self, crc: u32) -> FileInput {
        let head = String::from_utf8_lossy(&self.head);
        let lower = head.to_ascii_lowercase();
        if lower.starts_with("http://") || lower.starts_with("https://") {
            let ok = self.total <= SNIFF_HEAD as u64
                && !head.chars().any(char::is_whitespace)
                && head
                    .split_once("://")
                    .is_some_and(|(_, rest)| !rest.is_empty() && !rest.starts_with('/'));
            return if ok {
                FileInput::Url(head.into_owned())
            } else {
                FileInput::Invalid
            };
        }
        if lower.starts_with("data:") {
            let Some((check, raw_len)) = self.after_comma else {
                return FileInput::Invalid;
            };
            let meta = &head[5..head.find(',').unwrap_or(5)];
            let mime = meta.split(';').next().unwrap_or("").trim().to_string();
            let size = if meta.to_ascii_lowercase().ends_with(";base64") {
                match check.decoded_len() {
                    Some(n) => n,
                    None => return FileInput::Invalid,
                }
            } else {
                raw_len
            };
            return FileInput::DataUri { size, crc, mime };
        }
        match self.all.decoded_len() {
            Some(size) => FileInput::Base64 { size, crc },
            None => FileInput::Invalid,
        }
    }
}

/// Reads every part: text fields into `fields`, the `file` part counted and classified.
fn read_form<R: Read>(
    mp: &mut Multipart<R>,
    fields: &mut Vec<(String, String)>,
    file: &mut Option<FileInput>,
    parts: &mut Vec<RecordedPart>,
    too_big: &mut Vec<String>,
) -> Result<(), MpError> {
    while let Some(h) = mp.next_part()? {
        let mut rec = PartRecorder::new(&h.name, h.filename.as_deref(), h.content_type.as_deref());
        if h.name == "file" && file.is_none() {
            let mut sniff = h.filename.is_none().then(TextSniffer::default);
            while let Some(c) = mp.next_chunk()? {
                rec.feed(c);
                if let Some(s) = &mut sniff {
                    s.feed(c);
                }
            }
            let part = rec.finish();
            *file = Some(match sniff {
                None => FileInput::Binary {
                    size: part.size,
                    crc: part.crc32,
                    content_type: h.content_type.clone(),
                },
                Some(s) => s.finish(part.crc32),
            });
            parts.push(part);
        } else {
            let mut v = Vec::new();
            while let Some(c) = mp.next_chunk()? {
                rec.feed(c);
                if v.len() + c.len() <= MAX_FIELD {
                    v.extend_from_slice(c);
                } else {
                    too_big.push(h.name.clone());
                }
            }
            parts.push(rec.finish());
            fields.push((h.name, String::from_utf8_lossy(&v).into_owned()));
        }
    }
    Ok(())
}

/// Form fields with typed accessors; the first occurrence of a name wins.
struct Form(Vec<(String, String)>);

impl Form {
    fn get(&self, k: &str) -> Option<&str> {
        self.0.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str())
    }

    fn bool(&self, k: &str, default: bool) -> Result<bool, Response> {
        match self.get(k).map(str::trim) {
            None | Some("") => Ok(default),
            Some("true") => Ok(true),
            Some("false") => Ok(false),
            Some(v) => Err(bad(format!(
                "Your request contains invalid value for {k} parameter. It should be true or false, got {v:?}."
            ))),
        }
    }

    fn list(&self, k: &str) -> Option<Vec<String>> {
        self.get(k).map(|v| {
            v.split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect()
        })
    }

    fn json(&self, k: &str) -> Result<Option<Value>, Response> {
        match self.get(k) {
            None => Ok(None),
            Some(v) => serde_json::from_str(v).map(Some).map_err(|_| {
                bad(format!(
                    "Your request contains invalid {k} parameter. It should be a JSON string."
                ))
            }),
        }
    }
}

/// Client-side upload authentication (spec: signature = HMAC-SHA1(private key, token + expire)).
fn client_auth(ctx: &Ctx<'_, '_>, form: &Form) -> Result<(), Response> {
    if form.get("publicKey").is_none() && form.get("signature").is_none() {
        return Err(unauthorized());
    }
    for k in ["publicKey", "signature", "expire", "token"] {
        if form.get(k).is_none_or(str::is_empty) {
            return Err(bad(format!("Your request is missing {k} parameter.")));
        }
    }
    let opts = &ctx.shared.opts;
    if form.get("publicKey") != Some(opts.public_key.as_str()) {
        return Err(forbidden());
    }
    let expire_s = form.get("expire").unwrap_or("");
    let now = util::now_ms() / 1000;
    match expire_s.trim().parse::<i64>() {
        Ok(e) if e > now && e <= now + 3600 + 5 => {}
        _ => {
            return Err(bad(
                "Your request contains invalid expire parameter. Expire parameter should be a Unix time in less than 1 hour into the future.",
            ))
        }
    }
    let token = form.get("token").unwrap_or("");
    let key = ring::hmac::Key::new(ring::hmac::HMAC_SHA1_FOR_LEGACY_USE_ONLY, opts.private_key.as_bytes());
    let expected = util::hex(ring::hmac::sign(&key, format!("{token}{expire_s}").as_bytes()).as_ref());
    if form.get("signature") != Some(expected.as_str()) {
        return Err(Response::error(403, "Your request contains invalid signature."));
    }
    if !lock(&ctx.shared.state).used_tokens.insert(token.to_string()) {
        return Err(bad(
            "The token has already been used. Use a unique token for every request.",
        ));
    }
    Ok(())
}

fn unique_name(n: &str) -> String {
    let suffix = util::random_alnum(9);
    match n.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => format!("{stem}_{suffix}.{ext}"),
        _ => format!("{n}_{suffix}"),
    }
}

/// Which upload API a request came in on.
#[derive(Clone, Copy, PartialEq, Debug)]
pub(crate) enum Api {
    V1,
    V2,
}

/// `POST /api/v1/files/upload`
pub(crate) fn upload_v1(ctx: &mut Ctx<'_, '_>) -> HandlerResult {
    upload(ctx, Api::V1)
}

/// `POST /api/v2/files/upload`
pub(crate) fn upload_v2(ctx: &mut Ctx<'_, '_>) -> HandlerResult {
    upload(ctx, Api::V2)
}

/// Both upload APIs: the same multipart form; they differ in client-side authentication.
pub(crate) fn upload(ctx: &mut Ctx<'_, '_>, api: Api) -> HandlerResult {
    let ct = ctx.head.header("content-type").unwrap_or("");
    let Some(b) = boundary(ct) else {
        if !ctx.basic_auth && ctx.head.header("authorization").is_none() {
            return Err(unauthorized());
        }
        return Err(bad("Your request must be multipart/form-data with a boundary."));
    };
    let (mut fields, mut file, mut parts, mut too_big) = (Vec::new(), None, Vec::new(), Vec::new());
    let res = {
        let mut mp = Multipart::new(&mut *ctx.body, &b);
        read_form(&mut mp, &mut fields, &mut file, &mut parts, &mut too_big)
    };
    ctx.record.multipart = Some(parts);
    if let Err(e) = res {
        return Err(ctx.multipart_error(e));
    }
    let form = Form(fields);

    // Authentication.
    if ctx.basic_auth {
        if form.get("signature").is_some() {
            return Err(bad(
                "Your request contains both signature and basic auth parameter. Use only one method, you might be exposing your private API key.",
            ));
        }
    } else if api == Api::V1 {
        client_auth(ctx, &form)?;
    } else {
        super::upload_v2::check_token(ctx, &form.0)?;
    }
    if let Some(f) = too_big.first() {
        return Err(bad(format!(
            "Your request contains invalid {f} parameter. It is larger than {MAX_FIELD} bytes."
        )));
    }

    // Required fields.
    let Some(file) = file else {
        return Err(bad("Your request is missing file parameter."));
    };
    let file_name = form.get("fileName").map(str::trim).unwrap_or("");
    if file_name.is_empty() {
        return Err(bad("Your request is missing fileName parameter."));
    }
    if let FileInput::Invalid = file {
        return Err(bad(
            "Your request contains invalid file parameter. Send binary data, a base64 string, a data URI or an http(s) URL.",
        ));
    }

    // Options.
    let use_unique = form.bool("useUniqueFileName", true)?;
    let is_private = form.bool("isPrivateFile", false)?;
    let is_published = form.bool("isPublished", true)?;
    let overwrite_file = form.bool("overwriteFile", true)?;
    let overwrite_ai_tags = form.bool("overwriteAITags", true)?;
    let overwrite_tags = form.bool("overwriteTags", true)?;
    let overwrite_cm = form.bool("overwriteCustomMetadata", true)?;
    let tags = form.list("tags");
    if let Some(t) = &tags {
        if t.iter().map(String::len).sum::<usize>() > MAX_TAGS_LEN || t.iter().any(|x| x.contains('%')) {
            return Err(bad("Your request contains invalid tags parameter. The combined length of all tags must not exceed 500 characters and tags must not contain %."));
        }
    }
    let coords = form
        .get("customCoordinates")
        .map(str::to_string)
        .filter(|c| !c.is_empty());
    if coords.as_deref().is_some_and(|c| !valid_coordinates(c)) {
        return Err(bad(
            "Your request contains invalid customCoordinates parameter. It should be x,y,width,height.",
        ));
    }
    let custom_metadata = match form.json("customMetadata")? {
        None => None,
        Some(Value::Object(m)) => Some(m),
        Some(_) => {
            return Err(bad(
                "Your request contains invalid customMetadata parameter. It should be a JSON object.",
            ))
        }
    };
    let extensions = form.json("extensions")?;
    if extensions.as_ref().is_some_and(|e| !valid_extensions(e)) {
        return Err(bad("Your request contains invalid extensions parameter."));
    }
    let transformation = form.json("transformation")?;
    if transformation.as_ref().is_some_and(|t| !valid_transformation(t)) {
        return Err(bad(
            "The file could not be uploaded because the transformation field is invalid.",
        ));
    }
    let response_fields = form.list("responseFields").unwrap_or_default();
    if let Some(f) = response_fields.iter().find(|f| !RESPONSE_FIELDS.contains(&f.as_str())) {
        return Err(bad(format!(
            "Your request contains invalid responseFields parameter: {f:?}."
        )));
    }
    if let Some(u) = form.get("webhookUrl") {
        if !valid_http_url(u) {
            return Err(bad("Your request contains invalid webhookUrl parameter."));
        }
    }
    if let Some(e) = form.get("expire") {
        if !e.is_empty() && e.trim().parse::<i64>().is_err() {
            return Err(bad("Your request contains invalid expire parameter."));
        }
    }
    let folder = normalize_folder(form.get("folder").unwrap_or("/"));
    let base_name = sanitize_name(file_name);
    let name = if use_unique { unique_name(&base_name) } else { base_name };

    // Size, type and a stable content hash.
    let (size, content_hash, hinted_mime) = match &file {
        FileInput::Binary {
            size,
            crc,
            content_type,
        } => (*size, ((*size) << 32) ^ *crc as u64, content_type.clone()),
        FileInput::Url(u) => (URL_FILE_SIZE, util::fnv1a64(u.as_bytes()), None),
        FileInput::Base64 { size, crc } => (*size, ((*size) << 32) ^ *crc as u64, None),
        FileInput::DataUri { size, crc, mime } => (*size, ((*size) << 32) ^ *crc as u64, Some(mime.clone())),
        FileInput::Invalid => unreachable!(),
    };
    let mut mime = util::mime_for(&name).to_string();
    if mime == "application/octet-stream" {
        if let Some(h) = hinted_mime.filter(|h| !h.is_empty() && !h.starts_with("application/octet-stream")) {
            mime = h.split(';').next().unwrap_or("").trim().to_string();
        }
    }

    let endpoint = ctx.endpoint().to_string();
    let mut st = lock(&ctx.shared.state);
    let path = format!("{folder}{name}");
    let existing = st.file_by_path(&path).cloned();
    if existing.is_some() && !overwrite_file && !use_unique {
        return Err(bad("A file with the same name already exists at the exact location. We could not overwrite it because both overwriteFile and useUniqueFileName are set to false."));
    }
    let now = st.tick();
    let mut rec = match existing {
        Some(old) => FileRecord {
            history: {
                let mut h = old.history.clone();
                h.push(old.snapshot());
                h
            },
            version_id: util::object_id(),
            version_number: old.version_number + 1,
            tags: if tags.is_some() || overwrite_tags {
                tags.clone()
            } else {
                old.tags.clone()
            },
            ai_tags: if overwrite_ai_tags { None } else { old.ai_tags.clone() },
            custom_metadata: match (&custom_metadata, overwrite_cm) {
                (Some(m), _) => m.clone(),
                (None, true) => Map::new(),
                (None, false) => old.custom_metadata.clone(),
            },
            updated_ms: now,
            ..old
        },
        None => {
            let id = util::object_id();
            FileRecord {
                file_id: id.clone(),
                name: name.clone(),
                folder: folder.clone(),
                tags: tags.clone(),
                ai_tags: None,
                version_id: id,
                version_number: 1,
                is_private: false,
                is_published: true,
                custom_coordinates: None,
                mime: String::new(),
                size: 0,
                custom_metadata: custom_metadata.clone().unwrap_or_default(),
                description: None,
                created_ms: now,
                updated_ms: now,
                content_hash: 0,
                history: Vec::new(),
            }
        }
    };
    rec.is_private = is_private;
    rec.is_published = is_published;
    rec.custom_coordinates = coords;
    rec.mime = mime;
    rec.size = size;
    rec.content_hash = content_hash;
    if let Some(d) = form.get("description") {
        rec.description = Some(d.to_string());
    }
    let ext_status = extensions.as_ref().map(|e| super::files::apply_extensions(&mut rec, e));
    st.ensure_folders(&folder);
    st.files.insert(rec.file_id.clone(), rec.clone());
    drop(st);

    let pre_video = rec.is_video() && transformation.as_ref().is_some_and(|t| t.get("pre").is_some());
    if pre_video {
        return Ok(Response::json(
            202,
            &json!({"message": "The pre-transformation has been queued successfully."}),
        ));
    }
    let mut out = rec.upload_response(&endpoint, &response_fields);
    if let (Some(s), Some(o)) = (ext_status, out.as_object_mut()) {
        o.insert("extensionStatus".into(), Value::Object(s));
    }
    Ok(Response::json(200, &out))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sniff(chunks: &[&[u8]]) -> FileInput {
        let mut s = TextSniffer::default();
        let mut crc = crc32fast::Hasher::new();
        for c in chunks {
            s.feed(c);
            crc.update(c);
        }
        s.finish(crc.finalize())
    }

    #[test]
    fn text_file_kinds() {
        assert!(
            matches!(sniff(&[b"https://example.com/a.jpg"]), FileInput::Url(u) if u == "https://example.com/a.jpg")
        );
        assert!(matches!(sniff(&[b"http", b"://x/y.png"]), FileInput::Url(_)));
        assert!(matches!(sniff(&[b"https:///nohost"]), FileInput::Invalid));
        assert!(matches!(
            sniff(&[b"aGVsbG8gd29y", b"bGQ="]),
            FileInput::Base64 { size: 11, .. }
        ));
        assert!(
            matches!(sniff(&[b"data:image/png;base64,aGVs", b"bG8="]), FileInput::DataUri { size: 5, ref mime, .. } if mime == "image/png")
        );
        assert!(matches!(
            sniff(&[b"da", b"ta:text/plain,hello"]),
            FileInput::DataUri { size: 5, .. }
        ));
        assert!(matches!(sniff(&[b"data:image/png;base64,!!!"]), FileInput::Invalid));
        assert!(matches!(sniff(&[b"just some text"]), FileInput::Invalid));
        assert!(matches!(sniff(&[b"ftp://x/y"]), FileInput::Invalid));
    }

    #[test]
    fn names_and_fields() {
        assert_eq!(sanitize_name("my file (1).jpg"), "my_file__1_.jpg");
        let u = unique_name("a.b.jpg");
        assert!(u.starts_with("a.b_") && u.ends_with(".jpg") && u.len() == "a.b_.jpg".len() + 9);
        assert!(unique_name("noext").starts_with("noext_"));
        assert!(valid_coordinates("10,10,100,100") && !valid_coordinates("1,2,3") && !valid_coordinates("a,b,c,d"));
        assert!(valid_transformation(
            &json!({"pre": "w-100", "post": [{"type": "thumbnail", "value": "w-10"}]})
        ));
        assert!(!valid_transformation(&json!({"post": {"type": "x"}})));
        assert!(!valid_transformation(&json!({})));
        assert!(valid_extensions(&json!([{"name": "remove-bg"}])) && !valid_extensions(&json!([{}])));
    }
}
