//! The one reader of JSON option objects: an operation's parameters, upload fields, the client
//! config, webhook and token options, bulk-upload items. Each caller describes its keys with
//! [`Param`] (name, kind, required, aliases: the operation table's own description) and gets the
//! caller's values back, matched and checked.
//!
//! The rules, the same for every object:
//! - a key names a parameter by its name, its snake_case spelling (`fileIds` or `file_ids`) or
//!   an alias, after trimming surrounding white space; any other key is an error that names it
//!   and lists the known ones;
//! - a key given twice, literally or under two spellings of one parameter, keeps its last value
//!   at its first position. That is how a Python dict, `JSON.parse` and Go's `encoding/json` read
//!   JSON, and the URL builders (which read their options with their own pull parser, for speed)
//!   must read it as the official SDKs do;
//! - `null` is absent for [`Read::get`] and the required check; [`Read::with_nulls`] keeps it for
//!   the one place it means something (a body field set to `null` clears it);
//! - each value is checked against its [`Kind`]: strictly when it is sent as JSON, and with the
//!   text forms a form field or a query parameter allows (`"true"`, `"10"`, `"a,b"`) when it is
//!   sent as text ([`Wire::Text`]);
//! - a required key must be present, not `null`, and (a string) not blank.

use crate::error::{clip_name as clip, Error, Result};
pub use imagekit_ops::{opt, req, Kind, Param};
use serde_json::{Map, Value};

/// How the values are sent on, which decides how strictly their kinds are checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wire {
    /// As JSON (a request body, or read by the library itself): the JSON type must match.
    Json,
    /// As text (a query parameter or a multipart form field): booleans and integers may also be
    /// given as their text, and a list as one comma-separated string.
    Text,
}

/// The values read from one option object, in the caller's order.
#[derive(Debug)]
pub struct Read<'p, 'v> {
    pairs: Vec<(&'p Param, &'v Value)>,
}

/// Parses `text` as a JSON object; `None` (no object given) is an empty one. `what` names the
/// argument in the error (`params_json`, `config`, …).
pub fn parse_object(text: Option<&str>, what: &str) -> Result<Map<String, Value>> {
    let Some(text) = text else { return Ok(Map::new()) };
    match serde_json::from_str::<Value>(text) {
        Ok(Value::Object(m)) => Ok(m),
        Ok(_) => Err(Error::invalid(format!("{what} must be a JSON object"))),
        Err(e) => Err(Error::invalid(format!("{what} is not valid JSON: {e}"))),
    }
}

/// Reads `object` against `params`. `what` is the noun the messages put before a key
/// (`files.copy option`, `upload option`, `config`): "unknown {what} `x`", "{what} `x` is
/// required".
pub fn read<'p, 'v>(
    params: &'p [Param],
    object: &'v Map<String, Value>,
    what: &str,
    wire: Wire,
) -> Result<Read<'p, 'v>> {
    let mut pairs: Vec<(&'p Param, &'v Value)> = Vec::with_capacity(object.len());
    for (raw, value) in object {
        let key = raw.trim();
        let Some(param) = params.iter().find(|p| p.accepts(key)) else {
            return Err(unknown(params, key, what));
        };
        match pairs.iter_mut().find(|(p, _)| p.name == param.name) {
            Some(earlier) => earlier.1 = value,
            None => pairs.push((param, value)),
        }
    }
    for (param, value) in &pairs {
        if !value.is_null() {
            check_kind(param, value, what, wire)?;
        }
    }
    for param in params.iter().filter(|p| p.required) {
        match pairs.iter().find(|(p, _)| p.name == param.name).map(|(_, v)| *v) {
            None | Some(Value::Null) => return Err(Error::invalid(format!("{what} `{}` is required", param.name))),
            Some(Value::String(s)) if s.trim().is_empty() => {
                return Err(Error::invalid(format!("{what} `{}` must not be empty", param.name)))
            }
            Some(_) => {}
        }
    }
    Ok(Read { pairs })
}

fn unknown(params: &[Param], key: &str, what: &str) -> Error {
    let known: Vec<&str> = params.iter().map(|p| p.name).collect();
    let known = if known.is_empty() {
        "none".to_string()
    } else {
        known.join(", ")
    };
    Error::invalid(format!("unknown {what} `{}` (known: {known})", clip(key)))
}

/// Checks a non-null value against its parameter's kind.
pub fn check_kind(param: &Param, value: &Value, what: &str, wire: Wire) -> Result<()> {
    let text = wire == Wire::Text;
    let strings = |items: &Vec<Value>| items.iter().all(Value::is_string);
    let ok = match (param.kind, value) {
        (Kind::Str, Value::String(_)) => true,
        (Kind::Bool, Value::Bool(_)) => true,
        (Kind::Bool, Value::String(s)) => text && matches!(s.trim(), "true" | "false"),
        (Kind::Int, Value::Number(n)) => n.as_u64().is_some(),
        (Kind::Int, Value::String(s)) => text && !s.trim().is_empty() && s.trim().bytes().all(|b| b.is_ascii_digit()),
        (Kind::StrList | Kind::StrOrList, Value::Array(items)) => strings(items),
        (Kind::StrList, Value::String(_)) => text,
        (Kind::StrOrList, Value::String(_)) => true,
        (Kind::Object, Value::Object(_)) => true,
        (Kind::Array, Value::Array(_)) => true,
        (Kind::Json, Value::Object(_) | Value::Array(_) | Value::String(_)) => true,
        _ => false,
    };
    if ok {
        Ok(())
    } else {
        Err(Error::invalid(format!(
            "{what} `{}` must be {}",
            param.name,
            param.kind.describe()
        )))
    }
}

/// A checked value as the text a query parameter or form field carries: strings as they are
/// (booleans and integers given as text trimmed), booleans and numbers in their text form, lists
/// of strings comma-joined, JSON values stringified.
pub fn wire_text(kind: Kind, value: &Value) -> String {
    match (kind, value) {
        (Kind::Bool | Kind::Int, Value::String(s)) => s.trim().to_string(),
        (_, Value::String(s)) => s.clone(),
        (_, Value::Bool(b)) => b.to_string(),
        (_, Value::Number(n)) => n.to_string(),
        (Kind::StrList | Kind::StrOrList, Value::Array(items)) => {
            items.iter().filter_map(Value::as_str).collect::<Vec<_>>().join(",")
        }
        (_, other) => other.to_string(),
    }
}

impl<'p, 'v> Read<'p, 'v> {
    /// The non-null values, in the caller's order.
    pub fn iter(&self) -> impl Iterator<Item = (&'p Param, &'v Value)> + '_ {
        self.pairs.iter().copied().filter(|(_, v)| !v.is_null())
    }

    /// Every value, `null`s included, in the caller's order.
    pub fn with_nulls(&self) -> &[(&'p Param, &'v Value)] {
        &self.pairs
    }

    /// The value of `name` (a parameter's name), unless absent or `null`.
    pub fn get(&self, name: &str) -> Option<&'v Value> {
        self.iter().find(|(p, _)| p.name == name).map(|(_, v)| v)
    }

    /// A string parameter's value (its kind checked by [`read`]).
    pub fn str(&self, name: &str) -> Option<&'v str> {
        self.get(name).and_then(Value::as_str)
    }

    /// An integer parameter's value (its kind checked by [`read`]; text forms parsed).
    pub fn u64(&self, name: &str) -> Option<u64> {
        match self.get(name)? {
            Value::String(s) => s.trim().parse().ok(),
            v => v.as_u64(),
        }
    }

    /// A boolean parameter's value (its kind checked by [`read`]; text forms parsed).
    pub fn bool(&self, name: &str) -> Option<bool> {
        match self.get(name)? {
            Value::String(s) => Some(s.trim() == "true"),
            v => v.as_bool(),
        }
    }

    /// How many keys the caller gave (`null`s included).
    pub fn len(&self) -> usize {
        self.pairs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const TABLE: &[Param] = &[
        req("fileName", Kind::Str),
        opt("isPrivateFile", Kind::Bool),
        opt("tags", Kind::StrList),
        opt("limit", Kind::Int),
        opt("customMetadata", Kind::Json),
        opt("overwriteAITags", Kind::Bool).or(&["overwriteAiTags"]),
    ];

    fn obj(text: &str) -> Map<String, Value> {
        parse_object(Some(text), "options").unwrap()
    }

    #[test]
    fn matches_names_snake_case_and_aliases_after_trimming() {
        let m = obj(r#"{" file_name ": "a", "is_private_file": true, "overwriteAiTags": false}"#);
        let r = read(TABLE, &m, "upload option", Wire::Json).unwrap();
        let names: Vec<&str> = r.iter().map(|(p, _)| p.name).collect();
        assert_eq!(names, ["fileName", "isPrivateFile", "overwriteAITags"]);
        assert_eq!(r.str("fileName"), Some("a"));
        assert_eq!(r.bool("overwriteAITags"), Some(false));
    }

    #[test]
    fn a_repeated_key_keeps_its_last_value_at_its_first_position() {
        // Literally repeated: the JSON parser keeps the last value at the first position.
        let m = obj(r#"{"fileName":"a","tags":["x"],"fileName":"c"}"#);
        let r = read(TABLE, &m, "upload option", Wire::Json).unwrap();
        assert_eq!(r.with_nulls()[0].0.name, "fileName");
        assert_eq!(r.str("fileName"), Some("c"));
        // Under two spellings: the reader does the same.
        let m = obj(r#"{"fileName":"a","tags":["x"],"file_name":"b","tags":["y"]}"#);
        let r = read(TABLE, &m, "upload option", Wire::Json).unwrap();
        assert_eq!(r.len(), 2);
        assert_eq!(r.with_nulls()[0].0.name, "fileName");
        assert_eq!(r.str("fileName"), Some("b"));
        assert_eq!(r.get("tags"), Some(&json!(["y"])));
    }

    #[test]
    fn unknown_keys_are_named_with_the_known_ones() {
        let m = obj(r#"{"fileName":"a","colour":1}"#);
        let e = read(TABLE, &m, "upload option", Wire::Json).unwrap_err();
        assert!(
            e.message
                .starts_with("unknown upload option `colour` (known: fileName, isPrivateFile"),
            "{}",
            e.message
        );
        let long = format!(r#"{{"{}":1}}"#, "k".repeat(10_000));
        assert!(read(TABLE, &obj(&long), "x", Wire::Json).unwrap_err().message.len() < 600);
    }

    #[test]
    fn required_keys_must_be_present_not_null_and_not_blank() {
        let msg = |t: &str| {
            read(TABLE, &obj(t), "upload option", Wire::Json)
                .unwrap_err()
                .message
                .clone()
        };
        assert_eq!(msg("{}"), "upload option `fileName` is required");
        assert_eq!(msg(r#"{"fileName":null}"#), "upload option `fileName` is required");
        assert_eq!(msg(r#"{"fileName":" "}"#), "upload option `fileName` must not be empty");
    }

    #[test]
    fn nulls_are_absent_except_where_kept() {
        let m = obj(r#"{"fileName":"a","tags":null}"#);
        let r = read(TABLE, &m, "o", Wire::Json).unwrap();
        assert_eq!(r.get("tags"), None);
        assert_eq!(r.iter().count(), 1);
        assert_eq!(r.with_nulls().len(), 2);
    }

    #[test]
    fn kinds_are_strict_as_json_and_take_text_forms_as_text() {
        let check = |name: &str, v: Value, wire| {
            let p = TABLE.iter().find(|p| p.name == name).unwrap();
            check_kind(p, &v, "o", wire).is_ok()
        };
        assert!(check("isPrivateFile", json!(" true"), Wire::Text));
        assert!(!check("isPrivateFile", json!("true"), Wire::Json));
        assert!(!check("isPrivateFile", json!("yes"), Wire::Text));
        assert!(check("limit", json!("10"), Wire::Text));
        assert!(!check("limit", json!("10"), Wire::Json));
        assert!(!check("limit", json!(-1), Wire::Text));
        assert!(!check("limit", json!(1.5), Wire::Text));
        assert!(check("tags", json!("a,b"), Wire::Text));
        assert!(!check("tags", json!("a,b"), Wire::Json));
        assert!(!check("tags", json!([1]), Wire::Text));
        assert!(check("customMetadata", json!({"a": 1}), Wire::Json));
        assert!(check("customMetadata", json!("{\"a\":1}"), Wire::Text));
        assert!(!check("customMetadata", json!(3), Wire::Text));
        let e = read(TABLE, &obj(r#"{"fileName":3}"#), "upload option", Wire::Text).unwrap_err();
        assert_eq!(e.message, "upload option `fileName` must be a string");
    }

    #[test]
    fn wire_texts() {
        assert_eq!(wire_text(Kind::Str, &json!(" a b ")), " a b ");
        assert_eq!(wire_text(Kind::Bool, &json!(" true ")), "true");
        assert_eq!(wire_text(Kind::Bool, &json!(false)), "false");
        assert_eq!(wire_text(Kind::Int, &json!(10)), "10");
        assert_eq!(wire_text(Kind::StrList, &json!(["x", "y"])), "x,y");
        assert_eq!(wire_text(Kind::Json, &json!(["x", "y"])), r#"["x","y"]"#);
        assert_eq!(
            wire_text(Kind::Json, &json!({"b": 1, "a": [true]})),
            r#"{"b":1,"a":[true]}"#
        );
    }

    #[test]
    fn objects_only() {
        assert!(parse_object(None, "x").unwrap().is_empty());
        assert_eq!(
            parse_object(Some("[1]"), "x").unwrap_err().message,
            "x must be a JSON object"
        );
        assert!(parse_object(Some("{"), "x")
            .unwrap_err()
            .message
            .contains("not valid JSON"));
    }
}
