//! Saved extensions (`/v1/saved-extensions`): at most 100; `config` is a base extension (not a
//! saved-extension reference).

use super::crud::{check_len, Build, Resource};
use super::ctx::bad;
use crate::http::Response;
use crate::store::{Collection, State};
use serde_json::{Map, Value};

const BASE_EXTENSIONS: [&str; 5] = [
    "remove-bg",
    "google-auto-tagging",
    "aws-auto-tagging",
    "ai-auto-description",
    "ai-tasks",
];

pub(crate) struct SavedExtensions;

impl Resource for SavedExtensions {
    const NOUN: &'static str = "saved extension";
    const MAX: Option<usize> = Some(100);

    fn items(st: &State) -> &Collection {
        &st.saved_extensions
    }

    fn items_mut(st: &mut State) -> &mut Collection {
        &mut st.saved_extensions
    }

    fn build(b: &Build<'_>) -> Result<Map<String, Value>, Response> {
        check_len(b, "name", usize::MAX, true)?;
        check_len(b, "description", usize::MAX, true)?;
        let config = b
            .field("config")
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default();
        let name = config.get("name").and_then(Value::as_str).unwrap_or("");
        if !BASE_EXTENSIONS.contains(&name) {
            return Err(bad(format!(
                "config.name must be one of {}.",
                BASE_EXTENSIONS.join(", ")
            )));
        }
        let mut r = Map::new();
        r.insert("id".into(), b.id.into());
        r.insert("name".into(), b.str("name").unwrap_or("").into());
        r.insert("description".into(), b.str("description").unwrap_or("").into());
        r.insert("config".into(), Value::Object(config));
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
