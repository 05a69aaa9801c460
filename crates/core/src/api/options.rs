//! Parsing of the JSON option objects the operations take.
//!
//! Each operation has a table of options: the API's camelCase name plus accepted spellings
//! (the original SDK's snake_case). Keys are matched after trimming white space. An unknown key, or one
//! option given under two spellings, is an `InvalidArgument` error that names it; `null` values
//! count as absent.

use crate::error::{Error, Result};
use serde_json::{Map, Value};

/// How an option's value is written on the wire (a form field or a query parameter).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A JSON string, sent as is.
    Str,
    /// `true`/`false` (or the strings "true"/"false"), sent as "true"/"false".
    Bool,
    /// A non-negative integer (or a string of digits), sent in decimal.
    Int,
    /// A list of strings joined with ",", or one string sent as is.
    List,
    /// An object or array sent JSON-stringified, or a string sent as is (already JSON).
    Json,
    /// Handled by the operation itself.
    Special,
}

/// One known option.
#[derive(Debug)]
pub struct Spec {
    /// The API's name (the form field or query parameter).
    pub name: &'static str,
    /// Other accepted spellings.
    pub aliases: &'static [&'static str],
    pub kind: Kind,
}

/// Parses `text` as a JSON object. `None` (a NULL pointer) is an empty object.
pub fn parse_object(text: Option<&str>, what: &str) -> Result<Map<String, Value>> {
    let Some(text) = text else { return Ok(Map::new()) };
    let value: Value =
        serde_json::from_str(text).map_err(|e| Error::invalid(format!("{what} is not valid JSON: {e}")))?;
    match value {
        Value::Object(m) => Ok(m),
        _ => Err(Error::invalid(format!("{what} must be a JSON object"))),
    }
}

/// Matches the caller's keys against `table`, in the caller's order, dropping `null`s.
pub fn resolve<'t, 'v>(
    table: &'t [Spec],
    options: &'v Map<String, Value>,
    what: &str,
) -> Result<Vec<(&'t Spec, &'v Value)>> {
    let mut out: Vec<(&'t Spec, &'v Value)> = Vec::with_capacity(options.len());
    let mut seen: Vec<(&'static str, &str)> = Vec::new();
    for (raw, value) in options {
        let key = raw.trim();
        let spec = table
            .iter()
            .find(|s| s.name == key || s.aliases.contains(&key))
            .ok_or_else(|| Error::invalid(format!("unknown {what} option `{key}`")))?;
        if let Some((_, first)) = seen.iter().find(|(n, _)| *n == spec.name) {
            return Err(Error::invalid(format!(
                "{what} option `{}` is given twice (as `{first}` and `{key}`)",
                spec.name
            )));
        }
        seen.push((spec.name, raw.as_str()));
        if !value.is_null() {
            out.push((spec, value));
        }
    }
    Ok(out)
}

/// The wire text of a value per its spec's kind.
pub fn wire_text(spec: &Spec, value: &Value, what: &str) -> Result<String> {
    let name = spec.name;
    let bad = |want: &str| Error::invalid(format!("{what} option `{name}` must be {want}"));
    match spec.kind {
        Kind::Str | Kind::Special => match value {
            Value::String(s) => Ok(s.clone()),
            _ => Err(bad("a string")),
        },
        Kind::Bool => match value {
            Value::Bool(b) => Ok(b.to_string()),
            Value::String(s) if s.trim() == "true" || s.trim() == "false" => Ok(s.trim().to_string()),
            _ => Err(bad("a boolean (true or false)")),
        },
        Kind::Int => match value {
            Value::Number(n) if n.as_u64().is_some() => Ok(n.to_string()),
            Value::String(s) if !s.trim().is_empty() && s.trim().bytes().all(|b| b.is_ascii_digit()) => {
                Ok(s.trim().to_string())
            }
            _ => Err(bad("a non-negative integer")),
        },
        Kind::List => match value {
            Value::String(s) => Ok(s.clone()),
            Value::Array(items) => {
                let mut parts = Vec::with_capacity(items.len());
                for item in items {
                    match item {
                        Value::String(s) => parts.push(s.clone()),
                        _ => return Err(bad("a list of strings or a comma-separated string")),
                    }
                }
                Ok(parts.join(","))
            }
            _ => Err(bad("a list of strings or a comma-separated string")),
        },
        Kind::Json => match value {
            Value::String(s) => Ok(s.clone()),
            Value::Object(_) | Value::Array(_) => Ok(value.to_string()),
            _ => Err(bad("a JSON object or array (or its JSON text)")),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const TABLE: &[Spec] = &[
        Spec {
            name: "fileName",
            aliases: &["file_name"],
            kind: Kind::Str,
        },
        Spec {
            name: "isPrivateFile",
            aliases: &["is_private_file"],
            kind: Kind::Bool,
        },
        Spec {
            name: "tags",
            aliases: &[],
            kind: Kind::List,
        },
        Spec {
            name: "limit",
            aliases: &[],
            kind: Kind::Int,
        },
        Spec {
            name: "customMetadata",
            aliases: &["custom_metadata"],
            kind: Kind::Json,
        },
    ];

    fn obj(v: Value) -> Map<String, Value> {
        v.as_object().unwrap().clone()
    }

    #[test]
    fn resolves_aliases_trims_and_drops_nulls() {
        let m = obj(json!({" file_name ": "a", "isPrivateFile": null, "tags": ["x", "y"]}));
        let r = resolve(TABLE, &m, "upload").unwrap();
        assert_eq!(r.len(), 2);
        assert_eq!(r[0].0.name, "fileName");
        assert_eq!(wire_text(r[1].0, r[1].1, "upload").unwrap(), "x,y");
    }

    #[test]
    fn unknown_and_duplicate_keys_are_named() {
        let e = resolve(TABLE, &obj(json!({"colour": 1})), "upload").unwrap_err();
        assert!(e.message.contains("`colour`"), "{}", e.message);
        let e = resolve(TABLE, &obj(json!({"fileName": "a", "file_name": "b"})), "upload").unwrap_err();
        assert!(e.message.contains("given twice"), "{}", e.message);
    }

    #[test]
    fn value_kinds() {
        let s = |name: &str| TABLE.iter().find(|s| s.name == name).unwrap();
        assert_eq!(wire_text(s("isPrivateFile"), &json!(false), "u").unwrap(), "false");
        assert_eq!(wire_text(s("isPrivateFile"), &json!("true"), "u").unwrap(), "true");
        assert!(wire_text(s("isPrivateFile"), &json!(1), "u")
            .unwrap_err()
            .message
            .contains("`isPrivateFile`"));
        assert_eq!(wire_text(s("limit"), &json!(10), "u").unwrap(), "10");
        assert_eq!(wire_text(s("limit"), &json!("10"), "u").unwrap(), "10");
        assert!(wire_text(s("limit"), &json!(-1), "u").is_err());
        assert!(wire_text(s("limit"), &json!(1.5), "u").is_err());
        assert_eq!(wire_text(s("tags"), &json!("a, b"), "u").unwrap(), "a, b");
        assert!(wire_text(s("tags"), &json!([1]), "u").is_err());
        assert_eq!(
            wire_text(s("customMetadata"), &json!({"b": 1, "a": [true]}), "u").unwrap(),
            r#"{"b":1,"a":[true]}"#
        );
        assert_eq!(
            wire_text(s("customMetadata"), &json!("{\"x\":1}"), "u").unwrap(),
            "{\"x\":1}"
        );
        assert!(wire_text(s("customMetadata"), &json!(3), "u").is_err());
        assert!(wire_text(s("fileName"), &json!(3), "u").is_err());
    }

    #[test]
    fn objects_only() {
        assert!(parse_object(None, "x").unwrap().is_empty());
        assert!(parse_object(Some("[1]"), "x").is_err());
        assert!(parse_object(Some("{"), "x")
            .unwrap_err()
            .message
            .contains("not valid JSON"));
    }
}
