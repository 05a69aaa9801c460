//! Upload: `POST <upload_base_url>/api/v1/files/upload` as a streamed multipart form.
//!
//! The file comes from one of three places: the `file` option (a public URL, a base64 string
//! or a data URI, sent as a text field), bytes the caller lends, or a local path read in chunks
//! while it is sent. Options follow the API's field names (camelCase) and the seed's
//! snake_case; lists are joined with ",", booleans sent as "true"/"false", objects as JSON text.

use super::options::{resolve, wire_text, Kind, Spec};
use crate::client::Client;
use crate::error::{Error, Result};
use crate::http::{Body, Method, Multipart, ProgressFn};
use serde_json::{Map, Value};
use std::path::Path;

/// Every field of the upload API (`FileUploadV1`).
pub const UPLOAD_OPTIONS: &[Spec] = &[
    Spec {
        name: "file",
        aliases: &[],
        kind: Kind::Special,
    },
    Spec {
        name: "fileName",
        aliases: &["file_name"],
        kind: Kind::Str,
    },
    Spec {
        name: "useUniqueFileName",
        aliases: &["use_unique_file_name"],
        kind: Kind::Bool,
    },
    Spec {
        name: "tags",
        aliases: &[],
        kind: Kind::List,
    },
    Spec {
        name: "folder",
        aliases: &[],
        kind: Kind::Str,
    },
    Spec {
        name: "isPrivateFile",
        aliases: &["is_private_file"],
        kind: Kind::Bool,
    },
    Spec {
        name: "isPublished",
        aliases: &["is_published"],
        kind: Kind::Bool,
    },
    Spec {
        name: "customCoordinates",
        aliases: &["custom_coordinates"],
        kind: Kind::Str,
    },
    Spec {
        name: "responseFields",
        aliases: &["response_fields"],
        kind: Kind::List,
    },
    Spec {
        name: "extensions",
        aliases: &[],
        kind: Kind::Json,
    },
    Spec {
        name: "webhookUrl",
        aliases: &["webhook_url"],
        kind: Kind::Str,
    },
    Spec {
        name: "overwriteFile",
        aliases: &["overwrite_file"],
        kind: Kind::Bool,
    },
    Spec {
        name: "overwriteAITags",
        aliases: &["overwrite_ai_tags", "overwriteAiTags"],
        kind: Kind::Bool,
    },
    Spec {
        name: "overwriteTags",
        aliases: &["overwrite_tags"],
        kind: Kind::Bool,
    },
    Spec {
        name: "overwriteCustomMetadata",
        aliases: &["overwrite_custom_metadata"],
        kind: Kind::Bool,
    },
    Spec {
        name: "customMetadata",
        aliases: &["custom_metadata"],
        kind: Kind::Json,
    },
    Spec {
        name: "transformation",
        aliases: &[],
        kind: Kind::Json,
    },
    Spec {
        name: "checks",
        aliases: &[],
        kind: Kind::Str,
    },
    Spec {
        name: "description",
        aliases: &[],
        kind: Kind::Str,
    },
    // Client-side upload authentication fields of the same API (normally not needed: the
    // library authenticates with the private key).
    Spec {
        name: "publicKey",
        aliases: &["public_key"],
        kind: Kind::Str,
    },
    Spec {
        name: "signature",
        aliases: &[],
        kind: Kind::Str,
    },
    Spec {
        name: "expire",
        aliases: &[],
        kind: Kind::Int,
    },
    Spec {
        name: "token",
        aliases: &[],
        kind: Kind::Str,
    },
];

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
    let fields = resolve(UPLOAD_OPTIONS, options, "upload")?;
    let mut file_text: Option<String> = None;
    let mut file_name: Option<String> = None;
    let mut texts: Vec<(&'static str, String)> = Vec::with_capacity(fields.len());
    for (spec, value) in fields {
        let text = wire_text(spec, value, "upload")?;
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
    Ok(body)
}

impl Client {
    /// Uploads a file. Returns the API's JSON (the `Upload` object, or `{message}` for a 202).
    ///
    /// `progress` receives `(sent, total)` request-body bytes; returning `false` cancels the
    /// upload (`ErrorKind::Cancelled`) before the server has the whole body, so nothing is
    /// stored. A retry restarts the count from 0.
    pub fn upload(
        &self,
        source: UploadSource<'_>,
        options: &Map<String, Value>,
        progress: Option<&mut ProgressFn<'_>>,
    ) -> Result<String> {
        let body = build_body(source, options)?;
        let total = body.len();
        self.log(crate::log::LogLevel::Debug, || {
            format!("upload: multipart body of {total} bytes")
        });
        let url = format!("{}/api/v1/files/upload", self.config.upload_base_url);
        self.send(Method::Post, url, Body::Multipart(body), progress)
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
