//! URL endpoints (`/v1/accounts/url-endpoints`): the account starts with the `default` one,
//! which cannot be deleted. `urlPrefix` is letters, digits and `-` (≤ 100), unique; every id in
//! `origins` must be an existing origin. PUT replaces the settings.

use super::crud::{check_len, Build, Resource};
use super::ctx::bad;
use crate::http::Response;
use crate::store::{Collection, State};
use serde_json::{json, Map, Value};

pub(crate) struct UrlEndpoints;

impl Resource for UrlEndpoints {
    const NOUN: &'static str = "URL endpoint";

    fn items(st: &State) -> &Collection {
        &st.url_endpoints
    }

    fn items_mut(st: &mut State) -> &mut Collection {
        &mut st.url_endpoints
    }

    fn build(b: &Build<'_>) -> Result<Map<String, Value>, Response> {
        check_len(b, "description", 1000, true)?;
        let prefix = b.body.get("urlPrefix").and_then(Value::as_str).unwrap_or("");
        if prefix.len() > 100 || !prefix.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
            return Err(bad(
                "urlPrefix may contain only letters, digits and -, at most 100 characters.",
            ));
        }
        if b.id != "default" && prefix.is_empty() {
            return Err(bad(
                "urlPrefix is required: the empty prefix belongs to the default URL endpoint.",
            ));
        }
        if b.others(&b.st.url_endpoints)
            .iter()
            .any(|r| r.get("urlPrefix").and_then(Value::as_str) == Some(prefix))
        {
            return Err(bad(format!("A URL endpoint with urlPrefix {prefix:?} already exists.")));
        }
        let origins = b
            .body
            .get("origins")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        if let Some(o) = origins
            .iter()
            .find(|o| o.as_str().is_none_or(|id| b.st.origins.get(id).is_none()))
        {
            return Err(bad(format!("No origin exists with id {o}.")));
        }
        let mut r = Map::new();
        r.insert("id".into(), b.id.into());
        r.insert("description".into(), b.str("description").unwrap_or("").into());
        r.insert("urlPrefix".into(), prefix.into());
        r.insert("origins".into(), json!(origins));
        if let Some(rw) = b.body.get("urlRewriter").filter(|v| !v.is_null()) {
            let ty = rw.get("type").and_then(Value::as_str).unwrap_or("");
            if !["CLOUDINARY", "IMGIX", "AKAMAI"].contains(&ty) {
                return Err(bad("urlRewriter.type must be CLOUDINARY, IMGIX or AKAMAI."));
            }
            r.insert("urlRewriter".into(), rw.clone());
        }
        Ok(r)
    }

    fn check_delete(_st: &State, rec: &Map<String, Value>) -> Result<(), Response> {
        if rec.get("id").and_then(Value::as_str) == Some("default") {
            return Err(bad("The default URL endpoint cannot be deleted."));
        }
        Ok(())
    }
}
