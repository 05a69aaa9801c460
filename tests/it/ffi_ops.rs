//! Walks the operation table through the real exported C functions (`support::op_calls`, generated):
//! for every row, NULL for each pointer, invalid JSON, a missing or empty id, an unknown option and
//! a missing required field each give the documented status and an error document that names the
//! problem. Also: every row has a sample call valid for the executor, and the header declares
//! exactly the table's functions.

use crate::support::{self, op_calls};

use imagekit::client::{ik_client, ik_client_free, ik_client_new, ik_string_free};
use imagekit::status::ik_status;
use imagekit_core::api::exec::prepare;
use imagekit_core::api::ops::{id_arg, Input, OPS};
use serde_json::Value;
use std::ffi::{c_char, CStr, CString};
use std::ptr;

struct Client(*mut ik_client);
impl Drop for Client {
    fn drop(&mut self) {
        unsafe { ik_client_free(self.0) }
    }
}

/// A client whose API base URL is a closed port on 127.0.0.1: every error below must come from
/// the argument checks, before anything is sent (a request would fail with a network error).
fn offline_client() -> Client {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let cfg = CString::new(format!(
        r#"{{"private_key":"private_key_test","public_key":"public_key_test","url_endpoint":"https://ik.imagekit.io/demo","api_base_url":"http://127.0.0.1:{port}","max_retries":0,"proxy":""}}"#
    ))
    .unwrap();
    let mut c = ptr::null_mut();
    let mut err = ptr::null_mut();
    assert_eq!(unsafe { ik_client_new(cfg.as_ptr(), &mut c, &mut err) }, ik_status::Ok);
    Client(c)
}

/// Calls row `index` and returns its status and out document.
fn run(index: usize, client: *const ik_client, ids: &[*const c_char], params: *const c_char) -> (ik_status, Value) {
    let mut out = ptr::null_mut();
    let st = unsafe { op_calls::call(index, client, ids, params, &mut out) };
    assert!(!out.is_null(), "{}: no out document", OPS[index].py);
    let text = unsafe { CStr::from_ptr(out) }.to_string_lossy().into_owned();
    unsafe { ik_string_free(out) };
    (
        st,
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: not JSON ({e}): {text}", OPS[index].py)),
    )
}

fn expect(index: usize, got: (ik_status, Value), want: ik_status, mentions: &str) {
    let (st, doc) = got;
    let py = OPS[index].py;
    assert_eq!(st, want, "{py}: {doc}");
    assert_eq!(doc["code"], want as u32, "{py}: {doc}");
    let msg = doc["message"].as_str().unwrap_or_default();
    assert!(
        msg.contains(mentions),
        "{py}: message {msg:?} should mention {mentions:?}"
    );
}

fn samples() -> Value {
    serde_json::from_str(&std::fs::read_to_string(support::repo_dir().join("tests/data/op_samples.json")).unwrap())
        .unwrap()
}

#[test]
fn every_row_rejects_bad_arguments_before_sending() {
    let client = offline_client();
    let c = client.0 as *const ik_client;
    let id = CString::new("598821f949c0a938d57563bd").unwrap();
    let empty = CString::new("").unwrap();
    let bad_json = CString::new("{nope").unwrap();
    let unknown = CString::new(r#"{"no_such_option": 1}"#).unwrap();
    let not_object = CString::new("[1,2]").unwrap();
    let bad_utf8 = b"\xff\xfe\0";
    let bad_utf8 = bad_utf8.as_ptr() as *const c_char;
    let braces = CString::new("{}").unwrap();
    assert_eq!(op_calls::TAKES_PARAMS.len(), OPS.len());

    for (index, op) in OPS.iter().enumerate() {
        let names: Vec<String> = op.path_ids().map(id_arg).collect();
        let good: Vec<*const c_char> = names.iter().map(|_| id.as_ptr()).collect();
        let takes_params = op_calls::TAKES_PARAMS[index];
        assert_eq!(takes_params, !matches!(op.input, Input::None), "{}", op.py);
        let params = if takes_params { braces.as_ptr() } else { ptr::null() };

        expect(
            index,
            run(index, ptr::null(), &good, params),
            ik_status::NullArgument,
            "client",
        );
        let st = unsafe { op_calls::call(index, c, &good, params, ptr::null_mut()) };
        assert_eq!(st, ik_status::NullArgument, "{}: NULL out_json", op.py);

        for (i, name) in names.iter().enumerate() {
            let mut ids = good.clone();
            ids[i] = ptr::null();
            expect(index, run(index, c, &ids, params), ik_status::NullArgument, name);
            ids[i] = empty.as_ptr();
            expect(index, run(index, c, &ids, params), ik_status::InvalidArgument, name);
            ids[i] = bad_utf8;
            expect(index, run(index, c, &ids, params), ik_status::InvalidArgument, "UTF-8");
        }
        if !takes_params {
            continue;
        }
        expect(
            index,
            run(index, c, &good, bad_json.as_ptr()),
            ik_status::InvalidArgument,
            "not valid JSON",
        );
        expect(
            index,
            run(index, c, &good, not_object.as_ptr()),
            ik_status::InvalidArgument,
            "JSON object",
        );
        expect(
            index,
            run(index, c, &good, bad_utf8),
            ik_status::InvalidArgument,
            "UTF-8",
        );
        expect(
            index,
            run(index, c, &good, unknown.as_ptr()),
            ik_status::InvalidArgument,
            "`no_such_option`",
        );
        if let Some(required) = op.params().iter().find(|p| p.required) {
            expect(
                index,
                run(index, c, &good, braces.as_ptr()),
                ik_status::InvalidArgument,
                required.name,
            );
            if let Input::Body(_) = op.input {
                expect(
                    index,
                    run(index, c, &good, ptr::null()),
                    ik_status::NullArgument,
                    "params_json",
                );
            }
        }
        for param in op.params() {
            // A value of the wrong JSON type is named too (a number fits none of the kinds but Int).
            let wrong = if param.kind == imagekit_core::api::ops::Kind::Int {
                "\"x\""
            } else {
                "12.5"
            };
            let text = CString::new(format!(r#"{{"{}": {wrong}}}"#, param.name)).unwrap();
            expect(
                index,
                run(index, c, &good, text.as_ptr()),
                ik_status::InvalidArgument,
                param.name,
            );
        }
        if let Some(limit) = op.max_items {
            let many: Vec<String> = (0..=limit.max).map(|i| format!("id{i}")).collect();
            let mut body = samples()[op.py]["params"].clone();
            body[limit.field] = many.into();
            let text = CString::new(body.to_string()).unwrap();
            expect(
                index,
                run(index, c, &good, text.as_ptr()),
                ik_status::InvalidArgument,
                &format!("at most {}", limit.max),
            );
        }
    }
}

#[test]
fn every_row_has_a_valid_sample() {
    let samples = samples();
    assert_eq!(
        samples
            .as_object()
            .unwrap()
            .keys()
            .filter(|k| !k.starts_with('_'))
            .count(),
        OPS.len()
    );
    for op in OPS {
        let sample = &samples[op.py];
        assert!(
            sample.is_object(),
            "tests/data/op_samples.json has no sample for {}",
            op.py
        );
        let ids: Vec<&str> = sample["ids"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        let params = (!sample["params"].is_null()).then(|| sample["params"].to_string());
        if let Err(e) = prepare(op, &ids, params.as_deref()) {
            panic!("sample for {} is refused: {}", op.py, e.message);
        }
    }
}

#[test]
fn the_header_declares_exactly_the_table_functions() {
    let header = std::fs::read_to_string(support::repo_dir().join("include/imagekit.h")).unwrap();
    let declared: std::collections::BTreeSet<String> = header
        .split("ik_status ")
        .skip(1)
        .filter_map(|s| s.split_once('(').map(|(name, _)| name.trim().to_string()))
        .filter(|n| n.starts_with("ik_"))
        .collect();
    for op in OPS {
        assert!(
            declared.contains(&op.c_name()),
            "{} is not in include/imagekit.h",
            op.c_name()
        );
        // Its parameter list: the client, one `const char *` per id, params_json when the row has
        // input, out_json.
        let decl = header.split(&format!("ik_status {}(", op.c_name())).nth(1).unwrap();
        let args: Vec<&str> = decl.split(')').next().unwrap().split(',').map(str::trim).collect();
        let mut want = vec!["const struct ik_client *client".to_string()];
        want.extend(op.path_ids().map(|id| format!("const char *{}", id_arg(id))));
        if !matches!(op.input, Input::None) {
            want.push("const char *params_json".into());
        }
        want.push("char **out_json".into());
        assert_eq!(args, want, "{}", op.c_name());
    }
}

/// A generated function bound to the wrong row (a table changed without regenerating) answers an
/// error instead of running another operation.
#[test]
fn a_stale_row_index_is_refused() {
    let client = offline_client();
    let id = CString::new("abc").unwrap();
    let mut out = ptr::null_mut();
    let st = unsafe { imagekit::ops::run_op(1, "files.delete", client.0, &[id.as_ptr()], ptr::null(), &mut out) };
    let text = unsafe { CStr::from_ptr(out) }.to_string_lossy().into_owned();
    unsafe { ik_string_free(out) };
    assert_eq!(st, ik_status::Panic, "{text}");
    assert!(text.contains("out of date"), "{text}");
}
