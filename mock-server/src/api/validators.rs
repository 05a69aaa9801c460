//! Checks and normalisations of request fields that several handlers share.

use serde_json::Value;

/// Spec: alphanumerics, `.`, `-` are kept; anything else becomes `_`.
pub(crate) fn sanitize_name(n: &str) -> String {
    n.chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '.' || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// `x,y,width,height`, non-negative integers.
pub(crate) fn valid_coordinates(s: &str) -> bool {
    let p: Vec<&str> = s.split(',').collect();
    p.len() == 4
        && p.iter()
            .all(|x| !x.trim().is_empty() && x.trim().parse::<u64>().is_ok())
}

/// Validates an `extensions` array (each item an object with a string `name`).
pub(crate) fn valid_extensions(v: &Value) -> bool {
    v.as_array()
        .is_some_and(|a| a.iter().all(|e| e.get("name").and_then(Value::as_str).is_some()))
}

pub(crate) fn valid_transformation(v: &Value) -> bool {
    let Some(o) = v.as_object() else { return false };
    (o.contains_key("pre") || o.contains_key("post"))
        && o.get("pre").is_none_or(Value::is_string)
        && o.get("post").is_none_or(|p| {
            p.as_array()
                .is_some_and(|a| a.iter().all(|t| t.get("type").and_then(Value::as_str).is_some()))
        })
}

pub(crate) fn valid_http_url(s: &str) -> bool {
    let l = s.to_ascii_lowercase();
    let rest = l.strip_prefix("https://").or_else(|| l.strip_prefix("http://"));
    rest.is_some_and(|r| !r.is_empty() && !r.starts_with('/')) && !s.chars().any(char::is_whitespace)
}
