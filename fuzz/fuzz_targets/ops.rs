//! The operation table's option checking (`ik_<operation>` before any byte is sent): for any row,
//! ids and options, `prepare` never panics; a prepared call has the row's path with every id
//! in one percent-encoded segment (no `/`, no dot segment), a JSON body that is an object, and
//! routes back to a row of the same verb. The first byte picks the row, then one id per line,
//! then the options JSON.
#![no_main]

use imagekit_core::api::exec::prepare;
use imagekit_core::api::ops::{route, OPS};
use imagekit_core::http::Body;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&which, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else { return };
    let op = &OPS[which as usize % OPS.len()];
    let n_ids = op.path_ids().count();
    let mut lines = text.splitn(n_ids + 1, '\n');
    let ids: Vec<&str> = lines.by_ref().take(n_ids).collect();
    let params = lines.next();
    let Ok(prepared) = prepare(op, &ids, params) else {
        return;
    };
    let path = prepared.path_and_query.split('?').next().unwrap();
    let segs: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    let tpl: Vec<&str> = op.path.trim_start_matches('/').split('/').collect();
    assert_eq!(segs.len(), tpl.len(), "{} for {}", prepared.path_and_query, op.path);
    for (s, t) in segs.iter().zip(&tpl) {
        if !t.starts_with('{') {
            assert_eq!(s, t);
        } else {
            assert!(!s.is_empty() && *s != "." && *s != "..", "id segment {s:?} in {path}");
        }
    }
    assert!(route(op.verb, path).is_some(), "{path} routes nowhere");
    match &prepared.body {
        Body::Empty => {}
        Body::Json(text) => {
            let v: serde_json::Value = serde_json::from_str(text).expect("a JSON body");
            assert!(v.is_object(), "{text}");
        }
        _ => panic!("a table operation with a streamed body"),
    }
});
