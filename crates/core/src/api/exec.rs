//! The one executor under every regular operation: a row of the operation table plus the caller's
//! ids and JSON parameters in, the API's JSON answer out.
//!
//! Checks happen before anything is sent: the number of ids, empty or dot-segment ids, then the
//! parameters through the one option reader (`crate::options`: unknown keys named, spellings,
//! repeated keys, required fields, value types), then the API's list limits. The camelCase name
//! goes on the wire. A `null` query parameter counts as absent; a `null` body field is sent as
//! `null` (the update API clears `tags` and `customCoordinates` that way), except that it does not
//! satisfy a required field.

use super::ops::{Input, Op, Param, Verb};
use super::{encode_query, encode_segment, require_id};
use crate::client::Client;
use crate::error::{clip_name as clip, Error, ErrorKind, Result};
use crate::http::{Answer, Body, Method, MAX_URL_LEN};
use crate::options::{self, Wire};
use serde_json::{Map, Value};

impl Client {
    /// Runs `op` with the path ids in template order and the caller's JSON parameters (query
    /// parameters or the body, per the row; `None` when the caller passed none).
    ///
    /// Returns the API's JSON text as sent, or the row's `empty_answer` (`{}`) when the answer has
    /// no body.
    pub fn call(&self, op: &Op, ids: &[&str], params_json: Option<&str>) -> Result<String> {
        let request = prepare(op, ids, params_json)?;
        let url = self.api_url(&request.path_and_query);
        if url.len() > MAX_URL_LEN {
            return Err(url_too_long(op, ids, url.len()));
        }
        let answer = self.send_answer(method(op.verb), url, request.body, op.retry, None)?;
        if answer.status == 207 {
            return Err(self.secrets.scrubbed(partial_success(op, answer)));
        }
        Ok(if answer.text.trim().is_empty() {
            op.empty_answer.to_string()
        } else {
            answer.text
        })
    }
}

/// The error for a call whose URL would pass the HTTP stack's limit: it names the argument
/// that made it long (the longest id, or the query parameters) and the limit, before anything
/// that could be cut.
fn url_too_long(op: &Op, ids: &[&str], url_len: usize) -> Error {
    let longest_id = op.path_ids().zip(ids).max_by_key(|(_, id)| encode_segment(id).len());
    let query_len = matches!(op.input, Input::Query(_)).then_some(url_len);
    let arg = match (longest_id, query_len) {
        (Some((name, id)), _) if encode_segment(id).len() * 2 > url_len => super::ops::id_arg(name),
        (_, Some(_)) => "params_json".to_string(),
        (Some((name, _)), None) => super::ops::id_arg(name),
        (None, None) => "params_json".to_string(),
    };
    Error::invalid(format!(
        "argument `{arg}` is too long: the request URL of {} would be {url_len} bytes, over the limit of {MAX_URL_LEN} bytes",
        op.py
    ))
}

/// A 207 answer: some items of a bulk operation failed. It is not reported as OK (a caller who
/// trusts the status would miss the failed items); the answer is the error's `body`.
fn partial_success(op: &Op, answer: Answer) -> Error {
    let body: Value = serde_json::from_str(&answer.text).unwrap_or(Value::String(answer.text));
    let failed = body.get("errors").and_then(Value::as_array).map(Vec::len);
    let what = match failed {
        Some(n) => format!("{n} item(s) failed"),
        None => "some items failed".to_string(),
    };
    let mut e = Error::new(
        ErrorKind::PartialSuccess,
        format!(
            "{}: HTTP 207, partial success: {what}, the others were done (`body.errors` lists the failures)",
            op.py
        ),
    );
    e.http_status = Some(answer.status);
    e.request_id = answer.request_id;
    e.attempts = Some(answer.attempts);
    e.body = Some(body);
    e
}

/// What `prepare` makes of a call: everything the transport needs except the host.
pub struct Prepared {
    pub path_and_query: String,
    pub body: Body<'static>,
}

fn method(verb: Verb) -> Method {
    match verb {
        Verb::Get => Method::Get,
        Verb::Post => Method::Post,
        Verb::Put => Method::Put,
        Verb::Patch => Method::Patch,
        Verb::Delete => Method::Delete,
    }
}

/// Checks the call against the row and builds its path, query and body.
pub fn prepare(op: &Op, ids: &[&str], params_json: Option<&str>) -> Result<Prepared> {
    let mut path_and_query = fill_path(op, ids)?;
    let body = match op.input {
        Input::None => {
            if let Some(text) = params_json {
                let extra = parse_params(op, Some(text))?;
                if let Some(key) = extra.keys().next() {
                    return Err(Error::invalid(format!(
                        "{} takes no options, got `{}`",
                        op.py,
                        clip(key)
                    )));
                }
            }
            Body::Empty
        }
        Input::Query(params) => {
            let object = parse_params(op, params_json)?;
            let read = read(op, params, &object, Wire::Text)?;
            let mut first = true;
            for (param, value) in read.iter() {
                path_and_query.push(if first { '?' } else { '&' });
                first = false;
                path_and_query.push_str(&encode_query(param.name));
                path_and_query.push('=');
                path_and_query.push_str(&encode_query(&options::wire_text(param.kind, value)));
            }
            Body::Empty
        }
        Input::Body(fields) => {
            if params_json.is_none() && fields.iter().any(|f| f.required) {
                return Err(Error::new(
                    ErrorKind::NullArgument,
                    format!("{} needs params_json (a JSON object)", op.py),
                ));
            }
            let object = parse_params(op, params_json)?;
            let read = read(op, fields, &object, Wire::Json)?;
            let mut body = Map::with_capacity(read.len());
            // In a body, null is a value the API gives meaning to (`"tags": null` clears the tags).
            for &(field, value) in read.with_nulls() {
                body.insert(field.name.to_string(), (*value).clone());
            }
            Body::Json(Value::Object(body).to_string())
        }
    };
    Ok(Prepared { path_and_query, body })
}

/// The row's path with each `{id}` replaced by the caller's id, percent-encoded.
fn fill_path(op: &Op, ids: &[&str]) -> Result<String> {
    let names: Vec<&str> = op.path_ids().collect();
    if names.len() != ids.len() {
        return Err(Error::invalid(format!(
            "{} takes {} id(s), got {}",
            op.py,
            names.len(),
            ids.len()
        )));
    }
    let mut out = String::with_capacity(op.path.len() + ids.iter().map(|i| i.len()).sum::<usize>());
    let mut rest = op.path;
    for (name, id) in names.iter().zip(ids) {
        let arg = super::ops::id_arg(name);
        let id = require_id(id, &arg)?;
        let (before, after) = rest.split_once('{').expect("path id");
        out.push_str(before);
        out.push_str(&encode_segment(id));
        rest = after.split_once('}').expect("path id").1;
    }
    out.push_str(rest);
    Ok(out)
}

fn parse_params(op: &Op, text: Option<&str>) -> Result<Map<String, Value>> {
    options::parse_object(text, &format!("{}: params_json", op.py))
}

/// Reads the caller's object against the row (the one option reader), then checks the API's
/// list limit.
fn read<'p, 'v>(
    op: &Op,
    params: &'p [Param],
    object: &'v Map<String, Value>,
    wire: Wire,
) -> Result<options::Read<'p, 'v>> {
    let read = options::read(params, object, &format!("{} option", op.py), wire)?;
    if let Some(limit) = op.max_items {
        if let Some(Value::Array(items)) = read.get(limit.field) {
            if items.len() > limit.max {
                return Err(Error::invalid(format!(
                    "{} option `{}` takes at most {} items, got {}",
                    op.py,
                    limit.field,
                    limit.max,
                    items.len()
                )));
            }
        }
    }
    Ok(read)
}

#[cfg(test)]
mod tests {
    use super::super::ops::find;
    use super::*;

    fn prep(py: &str, ids: &[&str], params: Option<&str>) -> Result<(String, String)> {
        let p = prepare(find(py).unwrap(), ids, params)?;
        let body = match p.body {
            Body::Json(s) => s,
            Body::Empty => String::new(),
            _ => unreachable!(),
        };
        Ok((p.path_and_query, body))
    }

    #[test]
    fn paths_queries_and_bodies() {
        assert_eq!(
            prep("files.versions.get", &["a/b", "v 1"], None).unwrap().0,
            "/v1/files/a%2Fb/versions/v%201"
        );
        assert_eq!(
            prep(
                "assets.list",
                &[],
                Some(r#"{"search_query":"name = \"a&b\"","tags":["x","y"],"limit":"5"}"#)
            )
            .unwrap(),
            (
                "/v1/files?searchQuery=name%20%3D%20%22a%26b%22&tags=x%2Cy&limit=5".to_string(),
                String::new()
            )
        );
        assert_eq!(prep("assets.list", &[], None).unwrap().0, "/v1/files");
        assert_eq!(
            prep(
                "files.bulk.remove_ai_tags",
                &[],
                Some(r#"{"file_ids":["a"],"ai_tags":["car"]}"#)
            )
            .unwrap()
            .1,
            r#"{"fileIds":["a"],"AITags":["car"]}"#
        );
        // A null body field is sent (the update API clears tags that way); a null query parameter is absent.
        assert_eq!(
            prep(
                "files.update",
                &["f"],
                Some(r#"{"tags":null,"customCoordinates":null}"#)
            )
            .unwrap()
            .1,
            r#"{"tags":null,"customCoordinates":null}"#
        );
        let e = prep(
            "files.copy",
            &[],
            Some(r#"{"sourceFilePath":null,"destinationPath":"/b/"}"#),
        )
        .unwrap_err();
        assert!(e.message.contains("`sourceFilePath` is required"), "{}", e.message);
        assert_eq!(
            prep("assets.list", &[], Some(r#"{"limit":null,"path":"/a"}"#))
                .unwrap()
                .0,
            "/v1/files?path=%2Fa"
        );
    }

    #[test]
    fn errors_name_the_problem() {
        let msg = |r: Result<(String, String)>| r.unwrap_err().message.clone();
        assert!(msg(prep("files.get", &[], None)).contains("takes 1 id(s), got 0"));
        assert!(msg(prep("files.get", &[" "], None)).contains("`file_id` must not be empty"));
        assert!(msg(prep("files.get", &[".."], None)).contains("`file_id`"));
        assert!(msg(prep("files.copy", &[], Some("{"))).contains("not valid JSON"));
        assert!(msg(prep("files.copy", &[], Some("[]"))).contains("must be a JSON object"));
        let m = msg(prep(
            "files.copy",
            &[],
            Some(r#"{"sourceFilePath":"a","destinationPath":"b","x":1}"#),
        ));
        assert!(
            m.contains("unknown files.copy option `x`") && m.contains("sourceFilePath"),
            "{m}"
        );
        assert!(
            msg(prep("files.copy", &[], Some(r#"{"sourceFilePath":"a"}"#))).contains("`destinationPath` is required")
        );
        assert!(msg(prep("files.copy", &[], None)).contains("needs params_json"));
        assert!(msg(prep(
            "files.rename",
            &[],
            Some(r#"{"filePath":"a","newFileName":"b","purgeCache":"yes"}"#)
        ))
        .contains("`purgeCache` must be a boolean"));
        let ids: Vec<String> = (0..101).map(|i| format!("\"{i}\"")).collect();
        let body = format!(r#"{{"fileIds":[{}]}}"#, ids.join(","));
        assert!(msg(prep("files.bulk.delete", &[], Some(&body))).contains("at most 100 items, got 101"));
        // One key under two spellings: the last value, at the first position (the one reader's rule).
        assert_eq!(
            prep(
                "files.bulk.add_tags",
                &[],
                Some(r#"{"fileIds":["a"],"tags":["t"],"file_ids":["b"]}"#)
            )
            .unwrap()
            .1,
            r#"{"fileIds":["b"],"tags":["t"]}"#
        );
        assert!(msg(prep("files.get", &["a"], Some(r#"{"x":1}"#))).contains("takes no options"));
        let long = "k".repeat(10_000);
        let m = msg(prep("assets.list", &[], Some(&format!(r#"{{"{long}":1}}"#))));
        assert!(m.len() < 600, "{}", m.len());
        assert!(msg(prep("accounts.usage.get", &[], Some(r#"{"startDate":"2026-01-01"}"#))).contains("`endDate`"));
        assert!(msg(prep("cache.invalidation.create", &[], Some(r#"{"url":" "}"#))).contains("`url` must not be empty"));
    }
}
