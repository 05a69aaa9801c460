//! The control API under `/__mock/` (no auth, no faults, not recorded).

use crate::faults::Fault;
use crate::http::{Body, RequestHead, Response};
use crate::shared::{lock, Shared};
use crate::store::State;
use serde_json::{json, Value};
use std::io::{BufRead, Read, Write};
use std::sync::atomic::Ordering;

/// Clears the library, faults and request log (connection counters stay).
pub(crate) fn reset(shared: &Shared) {
    *lock(&shared.state) = State::default();
    lock(&shared.faults).clear();
    lock(&shared.records).clear();
}

pub(crate) fn stats(shared: &Shared) -> Value {
    let st = lock(&shared.state);
    json!({
        "connections_accepted": shared.accepted.load(Ordering::SeqCst),
        "open_connections": shared.open.load(Ordering::SeqCst),
        "requests_total": shared.requests_total.load(Ordering::SeqCst),
        "requests_recorded": lock(&shared.records).len(),
        "faults_pending": lock(&shared.faults).len(),
        "files": st.files.len(),
        "folders": st.folders.len(),
        "purge_requests": st.purges.len(),
        "file_versions": st.files.values().map(|f| f.history.len()).sum::<usize>(),
        "bulk_jobs": st.jobs.len(),
        "custom_metadata_fields": st.custom_fields.len(),
        "saved_extensions": st.saved_extensions.len(),
        "named_transformations": st.named_transformations.len(),
        "origins": st.origins.len(),
        "url_endpoints": st.url_endpoints.len(),
        "webhooks": st.webhooks.len(),
    })
}

/// FileDetails of every file, oldest first.
pub(crate) fn files(shared: &Shared) -> Vec<Value> {
    let st = lock(&shared.state);
    let mut v: Vec<_> = st.files.values().collect();
    v.sort_by_key(|f| f.created_ms);
    v.iter().map(|f| f.details(&shared.opts.url_endpoint)).collect()
}

/// Parses a fault or an array of faults.
pub(crate) fn parse_faults(v: &Value) -> Result<Vec<Fault>, String> {
    match v {
        Value::Array(a) => a
            .iter()
            .enumerate()
            .map(|(i, f)| Fault::from_json(f).map_err(|e| format!("fault {i}: {e}")))
            .collect(),
        v => Fault::from_json(v).map(|f| vec![f]),
    }
}

fn bad(m: impl Into<String>) -> Response {
    Response::json(400, &json!({"message": m.into()}))
}

pub(crate) fn handle<S: BufRead + Write>(shared: &Shared, head: &RequestHead, body: &mut Body<'_, S>) -> Response {
    let ok = |v: Value| Response::json(200, &v);
    match (head.method.as_str(), head.path.trim_end_matches('/')) {
        ("GET", "/__mock/health") => ok(json!({"ok": true})),
        ("GET", "/__mock/stats") => ok(stats(shared)),
        ("GET", "/__mock/files") => ok(Value::Array(files(shared))),
        ("POST", "/__mock/reset") => {
            reset(shared);
            ok(json!({"reset": true}))
        }
        ("GET", "/__mock/requests") => {
            let recs: Vec<Value> = lock(&shared.records).iter().map(|r| r.to_json()).collect();
            ok(Value::Array(recs))
        }
        ("DELETE", "/__mock/requests") => {
            let mut recs = lock(&shared.records);
            let n = recs.len();
            recs.clear();
            ok(json!({"cleared": n}))
        }
        ("GET", "/__mock/faults") => {
            let f: Vec<Value> = lock(&shared.faults).pending().iter().map(Fault::to_json).collect();
            ok(Value::Array(f))
        }
        ("DELETE", "/__mock/faults") => {
            let mut q = lock(&shared.faults);
            let n = q.len();
            q.clear();
            ok(json!({"cleared": n}))
        }
        ("POST", "/__mock/faults") => {
            let mut raw = Vec::new();
            if body.take(1 << 20).read_to_end(&mut raw).is_err() {
                return bad("could not read the body");
            }
            let v: Value = match serde_json::from_slice(&raw) {
                Ok(v) => v,
                Err(e) => return bad(format!("invalid JSON: {e}")),
            };
            match parse_faults(&v) {
                Ok(fs) => {
                    let n = fs.len();
                    let mut q = lock(&shared.faults);
                    for f in fs {
                        q.push(f);
                    }
                    ok(json!({"queued": n, "pending": q.len()}))
                }
                Err(e) => bad(e),
            }
        }
        _ => Response::json(
            404,
            &json!({"message": format!("unknown control endpoint {} {}", head.method, head.path)}),
        ),
    }
}
