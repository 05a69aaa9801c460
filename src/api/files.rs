//! Files: list and search, details, metadata, update, delete.

use super::options::{resolve, wire_text, Kind, Spec};
use super::{encode_query, encode_segment, query_string, require_id};
use crate::client::Client;
use crate::error::{Error, Result};
use crate::http::{Body, Method};
use serde_json::{Map, Value};

/// `GET /v1/files` query parameters.
pub const LIST_OPTIONS: &[Spec] = &[
    Spec {
        name: "type",
        aliases: &[],
        kind: Kind::Str,
    },
    Spec {
        name: "sort",
        aliases: &[],
        kind: Kind::Str,
    },
    Spec {
        name: "path",
        aliases: &[],
        kind: Kind::Str,
    },
    Spec {
        name: "searchQuery",
        aliases: &["search_query"],
        kind: Kind::Str,
    },
    Spec {
        name: "fileType",
        aliases: &["file_type"],
        kind: Kind::Str,
    },
    Spec {
        name: "tags",
        aliases: &[],
        kind: Kind::List,
    },
    Spec {
        name: "includeFolder",
        aliases: &["include_folder"],
        kind: Kind::Bool,
    },
    Spec {
        name: "skip",
        aliases: &[],
        kind: Kind::Int,
    },
    Spec {
        name: "limit",
        aliases: &[],
        kind: Kind::Int,
    },
];

/// The query string for `list_files` options (`""` when there are none).
pub fn list_query(options: &Map<String, Value>) -> Result<String> {
    let mut pairs = Vec::new();
    for (spec, value) in resolve(LIST_OPTIONS, options, "list_files")? {
        pairs.push((spec.name.to_string(), wire_text(spec, value, "list_files")?));
    }
    Ok(query_string(&pairs))
}

impl Client {
    /// `GET /v1/files`: lists and searches files and folders. Returns the JSON array as sent.
    pub fn list_files(&self, options: &Map<String, Value>) -> Result<String> {
        let url = self.api_url(&format!("/v1/files{}", list_query(options)?));
        self.send(Method::Get, url, Body::Empty, None)
    }

    /// `GET /v1/files/{fileId}/details`.
    pub fn get_file_details(&self, file_id: &str) -> Result<String> {
        let id = encode_segment(require_id(file_id, "file_id")?);
        self.send(
            Method::Get,
            self.api_url(&format!("/v1/files/{id}/details")),
            Body::Empty,
            None,
        )
    }

    /// `GET /v1/files/{fileId}/metadata`: EXIF, pHash and other metadata of an uploaded file.
    pub fn get_file_metadata(&self, file_id: &str) -> Result<String> {
        let id = encode_segment(require_id(file_id, "file_id")?);
        self.send(
            Method::Get,
            self.api_url(&format!("/v1/files/{id}/metadata")),
            Body::Empty,
            None,
        )
    }

    /// `GET /v1/metadata?url=…`: metadata of a file reachable through the account's URLs.
    pub fn get_remote_file_url_metadata(&self, remote_url: &str) -> Result<String> {
        let url = require_id(remote_url, "remote_url")?;
        self.send(
            Method::Get,
            self.api_url(&format!("/v1/metadata?url={}", encode_query(url))),
            Body::Empty,
            None,
        )
    }

    /// `PATCH /v1/files/{fileId}/details` with `update_json` (a JSON object, sent as given).
    pub fn update_file_details(&self, file_id: &str, update_json: &str) -> Result<String> {
        let id = encode_segment(require_id(file_id, "file_id")?);
        match serde_json::from_str::<Value>(update_json) {
            Ok(Value::Object(_)) => {}
            Ok(_) => return Err(Error::invalid("update_json must be a JSON object")),
            Err(e) => return Err(Error::invalid(format!("update_json is not valid JSON: {e}"))),
        }
        let url = self.api_url(&format!("/v1/files/{id}/details"));
        self.send(Method::Patch, url, Body::Json(update_json.to_string()), None)
    }

    /// `DELETE /v1/files/{fileId}`: deletes the file and all its versions. Returns `{}`.
    pub fn delete_file(&self, file_id: &str) -> Result<String> {
        let id = encode_segment(require_id(file_id, "file_id")?);
        self.send(
            Method::Delete,
            self.api_url(&format!("/v1/files/{id}")),
            Body::Empty,
            None,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn q(v: Value) -> Result<String> {
        list_query(v.as_object().unwrap())
    }

    #[test]
    fn list_query_strings() {
        assert_eq!(q(json!({})).unwrap(), "");
        assert_eq!(
            q(json!({"type": "file", "search_query": "name: \"a b\"", "tags": ["x", "y z"], "include_folder": true, "skip": 5, "limit": "10"})).unwrap(),
            "?type=file&searchQuery=name%3A%20%22a%20b%22&tags=x%2Cy%20z&includeFolder=true&skip=5&limit=10"
        );
        assert_eq!(
            q(json!({"tags": "a,b", "fileType": "image", "sort": "ASC_CREATED", "path": "/x/"})).unwrap(),
            "?tags=a%2Cb&fileType=image&sort=ASC_CREATED&path=%2Fx%2F"
        );
        assert_eq!(q(json!({"limit": null})).unwrap(), "");
        assert!(q(json!({"name": "x"})).unwrap_err().message.contains("`name`"));
        assert!(q(json!({"limit": -1})).is_err());
        assert!(q(json!({"includeFolder": "yes"})).is_err());
    }
}
