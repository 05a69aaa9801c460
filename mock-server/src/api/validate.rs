//! The one generic validating step every table row goes through before its handler: path ids
//! non-empty, query parameters and body fields checked against the row (required fields present,
//! values of the row's kind, no unknown body keys, list limits). Errors carry ImageKit's body
//! (`message`, `help`; `reason` for a missing parameter, `errors` for an unknown one).

use super::ctx::{bad, error_with_reason, Ctx};
use crate::http::{Response, HELP};
use imagekit_ops::{Input, Kind, Op, Param};
use serde_json::{json, Value};

/// Checks the request against its row; on success a body row's object is in `ctx.json`.
pub(crate) fn row(ctx: &mut Ctx<'_, '_>, op: &'static Op) -> Result<(), Response> {
    if let Some((name, _)) = ctx.params.iter().find(|(_, v)| v.is_empty()) {
        return Err(missing(name));
    }
    match op.input {
        Input::None => Ok(()),
        Input::Query(params) => query(ctx, params),
        Input::Body(fields) => body(ctx, op, fields),
    }
}

fn missing(name: &str) -> Response {
    error_with_reason(
        400,
        "MISSING_PARAMETER",
        format!("Your request is missing {name} parameter."),
    )
}

fn invalid(p: &Param) -> Response {
    bad(format!(
        "Your request contains invalid value for {} parameter. It should be {}.",
        p.name,
        p.kind.describe()
    ))
}

/// Query parameters: required ones present; booleans and integers well-formed. Unknown query
/// parameters are ignored, as the API does.
fn query(ctx: &Ctx<'_, '_>, params: &[Param]) -> Result<(), Response> {
    for p in params {
        let v = ctx.query(p.name).map(str::trim);
        match v {
            None | Some("") if p.required => return Err(missing(p.name)),
            None | Some("") => {}
            Some(v) => {
                let ok = match p.kind {
                    Kind::Bool => v == "true" || v == "false",
                    Kind::Int => v.strip_prefix('-').unwrap_or(v).bytes().all(|b| b.is_ascii_digit()),
                    _ => true,
                };
                if !ok {
                    return Err(bad(format!(
                        "Your request contains invalid value for {} parameter. Value sent is {v}.",
                        p.name
                    )));
                }
            }
        }
    }
    Ok(())
}

fn of_kind(kind: Kind, v: &Value) -> bool {
    let strings = |a: &Vec<Value>| a.iter().all(Value::is_string);
    match kind {
        Kind::Str => v.is_string(),
        Kind::Bool => v.is_boolean(),
        Kind::Int => v.is_u64(),
        Kind::StrList => v.as_array().is_some_and(strings),
        Kind::StrOrList => v.is_string() || v.as_array().is_some_and(strings),
        Kind::Object => v.is_object(),
        Kind::Array => v.is_array(),
        Kind::Json => v.is_object() || v.is_array() || v.is_string(),
    }
}

/// A JSON object body: no unknown keys, required fields present (a required string must not be
/// empty), values of the row's kind (`null` is allowed for optional fields: it unsets them), list
/// limits.
fn body(ctx: &mut Ctx<'_, '_>, op: &'static Op, fields: &[Param]) -> Result<(), Response> {
    let Some(Value::Object(o)) = ctx.json_body()? else {
        return Err(bad("Your request body must be a JSON object."));
    };
    if let Some(k) = o.keys().find(|k| !fields.iter().any(|f| f.name == k.as_str())) {
        return Err(Response::json(
            400,
            &json!({
                "message": format!("Your request contains invalid parameter: {k}."),
                "help": HELP,
                "errors": {k.clone(): "not allowed"},
            }),
        ));
    }
    for f in fields {
        match o.get(f.name) {
            None | Some(Value::Null) if f.required => return Err(missing(f.name)),
            Some(Value::String(s)) if f.required && s.trim().is_empty() => return Err(missing(f.name)),
            None | Some(Value::Null) => {}
            Some(v) if !of_kind(f.kind, v) => return Err(invalid(f)),
            Some(_) => {}
        }
    }
    if let Some(m) = op.max_items {
        let n = o.get(m.field).and_then(Value::as_array).map_or(0, Vec::len);
        if n > m.max {
            return Err(bad(format!(
                "A maximum of {} {} can be sent in one request. Value sent has {n}.",
                m.max, m.field
            )));
        }
    }
    ctx.json = Some(Value::Object(o));
    Ok(())
}
