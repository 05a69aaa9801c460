//! Named transformations (`/v1/named-transformations`): at most 250; names are alphanumeric or
//! `_`, unique and case-sensitive; `enabled` defaults to true.

use super::crud::{check_len, Build, Resource};
use super::ctx::bad;
use crate::http::Response;
use crate::store::{Collection, State};
use serde_json::{Map, Value};

pub(crate) struct NamedTransformations;

impl Resource for NamedTransformations {
    const NOUN: &'static str = "named transformation";
    const MAX: Option<usize> = Some(250);

    fn items(st: &State) -> &Collection {
        &st.named_transformations
    }

    fn items_mut(st: &mut State) -> &mut Collection {
        &mut st.named_transformations
    }

    fn build(b: &Build<'_>) -> Result<Map<String, Value>, Response> {
        check_len(b, "name", 100, true)?;
        check_len(b, "transformation", usize::MAX, true)?;
        let name = b.str("name").unwrap_or("");
        if !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            return Err(bad("name may contain only letters, digits and _."));
        }
        if b.others(&b.st.named_transformations)
            .iter()
            .any(|r| r.get("name").and_then(Value::as_str) == Some(name))
        {
            return Err(bad(format!("A named transformation called {name} already exists.")));
        }
        let mut r = Map::new();
        r.insert("id".into(), b.id.into());
        r.insert("name".into(), name.into());
        r.insert("transformation".into(), b.str("transformation").unwrap_or("").into());
        r.insert(
            "enabled".into(),
            b.field("enabled").and_then(Value::as_bool).unwrap_or(true).into(),
        );
        let created = b
            .old
            .and_then(|o| o.get("createdAt"))
            .cloned()
            .unwrap_or_else(|| b.now.into());
        r.insert("createdAt".into(), created);
        Ok(r)
    }
}
