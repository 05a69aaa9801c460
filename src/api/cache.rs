//! Cache: purge a URL from the CDN and ImageKit's caches, and check the purge's status.

use super::{encode_segment, require_id};
use crate::client::Client;
use crate::error::Result;
use crate::http::{Body, Method};

impl Client {
    /// `POST /v1/files/purge` with `{"url": url}`. Returns `{"requestId": "…"}`.
    pub fn purge_cache(&self, url: &str) -> Result<String> {
        let url = require_id(url, "url")?;
        let body = serde_json::json!({ "url": url }).to_string();
        self.send(Method::Post, self.api_url("/v1/files/purge"), Body::Json(body), None)
    }

    /// `GET /v1/files/purge/{requestId}`. Returns `{"status": "Pending" | "Completed"}`.
    pub fn get_purge_cache_status(&self, request_id: &str) -> Result<String> {
        let id = encode_segment(require_id(request_id, "request_id")?);
        self.send(
            Method::Get,
            self.api_url(&format!("/v1/files/purge/{id}")),
            Body::Empty,
            None,
        )
    }
}
