//! The operation table walked against the server: every row of the library's `OPS` has a route
//! and a handler (an operation cannot exist in the library without existing here), and every row
//! goes through the generic validating step (auth, required fields, unknown keys, types, limits).

mod support;

use ik_mock_server::{MockServer, Options};
use imagekit_ops::{self as ops, Input, Kind, Op, OPS};
use serde_json::{json, Map, Value};
use support::*;

fn plain() -> MockServer {
    MockServer::start_with(Options {
        tls: false,
        ..Default::default()
    })
}

/// A well-formed value of a kind.
fn sample(kind: Kind) -> Value {
    match kind {
        Kind::Str => json!("x"),
        Kind::Bool => json!(true),
        Kind::Int => json!(1),
        Kind::StrList | Kind::StrOrList => json!(["x"]),
        Kind::Object => json!({}),
        Kind::Array | Kind::Json => json!([]),
    }
}

/// A value that is not of the kind.
fn wrong(kind: Kind) -> Value {
    match kind {
        Kind::Str | Kind::StrList | Kind::StrOrList | Kind::Object | Kind::Array | Kind::Json => json!(12),
        Kind::Bool | Kind::Int => json!("x"),
    }
}

/// The path with every id set to `x`.
fn path(op: &Op) -> String {
    op.path_ids()
        .fold(op.path.to_string(), |p, id| p.replace(&format!("{{{id}}}"), "x"))
}

/// The required fields with well-formed values.
fn required(op: &Op) -> Map<String, Value> {
    op.params()
        .iter()
        .filter(|p| p.required)
        .map(|p| (p.name.to_string(), sample(p.kind)))
        .collect()
}

/// Sends a request for `op` with `fields` in its query or body.
fn send(s: &MockServer, op: &Op, fields: &Map<String, Value>) -> Resp {
    match op.input {
        Input::Body(_) => send_json(s.addr(), op.verb.as_str(), &path(op), &Value::Object(fields.clone())),
        _ => {
            let q: Vec<String> = fields
                .iter()
                .map(|(k, v)| format!("{k}={}", v.as_str().map(String::from).unwrap_or_else(|| v.to_string())))
                .collect();
            let target = if q.is_empty() {
                path(op)
            } else {
                format!("{}?{}", path(op), q.join("&"))
            };
            call(s.addr(), op.verb.as_str(), &target, b"")
        }
    }
}

#[test]
fn every_row_of_the_table_has_a_route_and_a_handler() {
    let s = plain();
    assert_eq!(OPS.len(), 56, "the table changed: this test still walks all of it");
    let mut unserved = Vec::new();
    for op in OPS {
        let r = send(&s, op, &required(op));
        let text = r.text();
        let no_route = r.status == 404 && text.contains("No such API");
        if r.status == 501 || r.status == 405 || no_route {
            unserved.push(format!(
                "{} {} {} → {} {text}",
                op.py,
                op.verb.as_str(),
                op.path,
                r.status
            ));
            continue;
        }
        assert!(r.header("x-ik-requestId").is_some(), "{}", op.py);
        if r.status != 204 {
            let v = r.json();
            if r.status >= 400 {
                assert!(v["message"].is_string() && v["help"].is_string(), "{}: {v}", op.py);
            }
        }
    }
    assert!(
        unserved.is_empty(),
        "rows the mock does not serve:\n{}",
        unserved.join("\n")
    );
}

#[test]
fn every_row_needs_the_private_key() {
    let s = plain();
    for op in OPS {
        let r = Conn::plain(s.addr()).request(op.verb.as_str(), &path(op), &[], b"");
        assert_eq!(r.status, 401, "{}", op.py);
        assert_eq!(
            r.json()["message"],
            "Your request does not contain private API key.",
            "{}",
            op.py
        );
    }
}

#[test]
fn every_row_checks_its_fields_against_the_table() {
    let s = plain();
    for op in OPS {
        // A missing required field is named, with the API's reason.
        for p in op.params().iter().filter(|p| p.required) {
            let mut f = required(op);
            f.remove(p.name);
            let r = send(&s, op, &f);
            assert_eq!(r.status, 400, "{} without {}: {}", op.py, p.name, r.text());
            let v = r.json();
            assert_eq!(v["reason"], "MISSING_PARAMETER", "{}", op.py);
            assert!(v["message"].as_str().unwrap().contains(p.name), "{}: {v}", op.py);
            assert!(v["help"].is_string());
        }
        let Input::Body(fields) = op.input else {
            continue;
        };
        // Unknown keys are refused by name.
        let mut f = required(op);
        f.insert("colour".into(), json!("red"));
        let r = send(&s, op, &f);
        assert_eq!(r.status, 400, "{}", op.py);
        assert_eq!(r.json()["errors"], json!({"colour": "not allowed"}), "{}", op.py);
        // Snake_case spellings are the library's to translate: on the wire they are unknown.
        if let Some(p) = fields.iter().find(|p| ops::snake_case(p.name) != p.name) {
            let mut f = required(op);
            f.remove(p.name);
            f.insert(ops::snake_case(p.name), sample(p.kind));
            assert_eq!(send(&s, op, &f).status, 400, "{} {}", op.py, p.name);
        }
        // Values of the wrong type.
        for p in fields {
            let mut f = required(op);
            f.insert(p.name.into(), wrong(p.kind));
            let r = send(&s, op, &f);
            assert_eq!(r.status, 400, "{} {}={}: {}", op.py, p.name, wrong(p.kind), r.text());
            assert!(r.text().contains(p.name), "{}", op.py);
        }
        // The body must be an object.
        for body in [&b"[]"[..], b"\"x\"", b""] {
            let r = call(s.addr(), op.verb.as_str(), &path(op), body);
            assert_eq!(r.status, 400, "{} {:?}", op.py, String::from_utf8_lossy(body));
        }
        let r = call(s.addr(), op.verb.as_str(), &path(op), b"{nope");
        assert_eq!(r.status, 400, "{}", op.py);
        assert!(r.json()["message"].as_str().unwrap().contains("invalid JSON"));
        // List limits from the table.
        if let Some(m) = op.max_items {
            let mut f = required(op);
            let ids: Vec<String> = (0..=m.max).map(|i| format!("id{i}")).collect();
            f.insert(m.field.into(), json!(ids));
            let r = send(&s, op, &f);
            assert_eq!(r.status, 400, "{}", op.py);
            assert!(r.text().contains(&m.max.to_string()), "{}", r.text());
            let mut f = required(op);
            f.insert(m.field.into(), json!(ids[..m.max]));
            assert_ne!(send(&s, op, &f).status, 400, "{}: {} ids are allowed", op.py, m.max);
        }
    }
}

#[test]
fn a_literal_segment_wins_over_an_id_and_other_methods_are_405() {
    let s = plain();
    // POST /v1/files/copy is files.copy, DELETE /v1/files/copy deletes a file called "copy".
    let r = send_json(s.addr(), "POST", "/v1/files/copy", &json!({}));
    assert_eq!(r.json()["reason"], "MISSING_PARAMETER");
    let r = call(s.addr(), "DELETE", "/v1/files/copy", b"");
    assert_eq!(r.json()["message"], "The requested file does not exist.");
    let r = call(s.addr(), "GET", "/v1/files/copy", b"");
    assert_eq!(r.status, 405);
    assert_eq!(r.header("allow"), Some("POST, DELETE"));
    // Ids are percent-decoded.
    let r = call(s.addr(), "GET", "/v1/accounts/origins/a%2Fb", b"");
    assert_eq!(r.status, 404);
    assert_eq!(get(s.addr(), "/v1/files//details").status, 404);
}

/// The library's sample call of every row (`tests/data/op_samples.json`, valid for ImageKit's
/// spec) passes the server's checks: it answers 2xx, or 404 for ids that do not exist here (400
/// for origins that do not exist).
#[test]
fn the_library_sample_calls_pass_the_checks() {
    let s = plain();
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/data/op_samples.json")).unwrap();
    let samples: Value = serde_json::from_str(&text).unwrap();
    let mut refused = Vec::new();
    for op in OPS {
        let sample = &samples[op.py];
        assert!(sample.is_object(), "no sample for {}", op.py);
        let ids: Vec<&str> = sample["ids"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        let p = op
            .path_ids()
            .zip(&ids)
            .fold(op.path.to_string(), |p, (id, v)| p.replace(&format!("{{{id}}}"), v));
        let params = sample["params"].as_object().cloned().unwrap_or_default();
        let r = match op.input {
            Input::Body(_) => send_json(s.addr(), op.verb.as_str(), &p, &Value::Object(params)),
            _ => {
                let q: Vec<String> = params
                    .iter()
                    .map(|(k, v)| {
                        let v = v.as_str().map(String::from).unwrap_or_else(|| v.to_string());
                        format!("{k}={}", v.replace('%', "%25").replace(' ', "%20").replace('"', "%22"))
                    })
                    .collect();
                call(
                    s.addr(),
                    op.verb.as_str(),
                    &if q.is_empty() {
                        p
                    } else {
                        format!("{p}?{}", q.join("&"))
                    },
                    b"",
                )
            }
        };
        // A URL endpoint may only name origins that exist (the sample's do not, here).
        let unknown_origin = r.status == 400 && r.text().contains("No origin exists");
        if !(200..300).contains(&r.status) && r.status != 404 && !unknown_origin {
            refused.push(format!("{} → {} {}", op.py, r.status, r.text()));
        }
    }
    assert!(
        refused.is_empty(),
        "sample calls the server refuses:\n{}",
        refused.join("\n")
    );
}
