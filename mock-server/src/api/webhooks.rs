//! Webhook endpoints (`/v1/accounts/webhooks`, py5 only): at most 3, unique http(s) endpoints,
//! events from the API's list, a generated `whsec_…` secret that never changes.

use super::crud::{Build, Resource};
use super::ctx::bad;
use super::validators::valid_http_url;
use crate::http::Response;
use crate::store::{Collection, State};
use base64::Engine;
use serde_json::{Map, Value};

/// The event types a webhook can subscribe to (ImageKit's webhook docs).
pub(crate) const EVENTS: [&str; 15] = [
    "video.transformation.accepted",
    "video.transformation.ready",
    "video.transformation.error",
    "upload.pre-transform.success",
    "upload.pre-transform.error",
    "upload.post-transform.success",
    "upload.post-transform.error",
    "file.created",
    "file.updated",
    "file.deleted",
    "file-version.created",
    "file-version.deleted",
    "folder.created",
    "folder.updated",
    "folder.deleted",
];

pub(crate) struct Webhooks;

impl Resource for Webhooks {
    const NOUN: &'static str = "webhook";
    const MAX: Option<usize> = Some(3);

    fn items(st: &State) -> &Collection {
        &st.webhooks
    }

    fn items_mut(st: &mut State) -> &mut Collection {
        &mut st.webhooks
    }

    fn build(b: &Build<'_>) -> Result<Map<String, Value>, Response> {
        let endpoint = b.str("endpoint").unwrap_or("");
        if !valid_http_url(endpoint) {
            return Err(bad("endpoint must be an http or https URL."));
        }
        if b.others(&b.st.webhooks)
            .iter()
            .any(|r| r.get("endpoint").and_then(Value::as_str) == Some(endpoint))
        {
            return Err(bad(format!("A webhook with endpoint {endpoint} already exists.")));
        }
        let events = b.field("events").and_then(Value::as_array).cloned().unwrap_or_default();
        if events.is_empty() {
            return Err(bad("events must name at least one event type."));
        }
        if let Some(e) = events.iter().find(|e| !e.as_str().is_some_and(|e| EVENTS.contains(&e))) {
            return Err(bad(format!("{e} is not a webhook event type.")));
        }
        let secret = match b.old.and_then(|o| o.get("secret")) {
            Some(s) => s.clone(),
            None => {
                let raw = crate::util::random_bytes::<24>();
                format!("whsec_{}", base64::engine::general_purpose::STANDARD.encode(raw)).into()
            }
        };
        let mut r = Map::new();
        r.insert("id".into(), b.id.into());
        r.insert("endpoint".into(), endpoint.into());
        r.insert("events".into(), Value::Array(events));
        r.insert(
            "enabled".into(),
            b.field("enabled").and_then(Value::as_bool).unwrap_or(true).into(),
        );
        r.insert("secret".into(), secret);
        let created = b
            .old
            .and_then(|o| o.get("createdAt"))
            .cloned()
            .unwrap_or_else(|| b.now.into());
        r.insert("createdAt".into(), created);
        r.insert("updatedAt".into(), b.now.into());
        Ok(r)
    }
}
