//! Differential: the hand-written JSON scanner of `ik_url` (crates/core/src/urlkit/json.rs) against serde_json.
//! Both must accept and reject the same documents and read the same values, with two known,
//! deliberate differences of the scanner (it follows Python's `json.loads`, the original SDK's parser):
//! numbers beyond the f64 range are accepted (as ±inf; serde_json says "number out of range"),
//! and nesting is limited at 128 levels where serde_json stops at 127.
#![no_main]

use imagekit_core::urlkit::fuzz_support::{shallow, walk, Tree};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let ours = walk(text);
    let flat = shallow(text);
    // The streaming walk and the validating skip agree on what is JSON.
    assert_eq!(ours.is_ok(), flat.is_ok(), "walk {ours:?} vs document {flat:?}");
    let theirs = serde_json::from_str::<Value>(text);
    match (&ours, &theirs) {
        (Ok(t), Ok(v)) => {
            assert!(same(t, v), "values differ: scanner {t:?} vs serde_json {v:?}");
            let flat = flat.unwrap();
            assert_eq!(flat.truthy, python_truthy(v), "truthiness of {v:?}");
        }
        (Err(_), Err(_)) => {}
        (Ok(t), Err(e)) => {
            let msg = e.to_string();
            let allowed = (msg.contains("number out of range") && has_infinite(t))
                || (msg.contains("recursion limit exceeded") && depth(t) == 128);
            assert!(
                allowed,
                "the scanner accepted what serde_json rejects ({msg}): {text:?}"
            );
        }
        (Err(e), Ok(_)) => panic!("the scanner rejected valid JSON ({e}): {text:?}"),
    }
});

fn number(lit: &str) -> f64 {
    lit.parse().expect("the scanner checked the number grammar")
}

fn same(t: &Tree, v: &Value) -> bool {
    match (t, v) {
        (Tree::Null, Value::Null) => true,
        (Tree::Bool(a), Value::Bool(b)) => a == b,
        (Tree::String(a), Value::String(b)) => a == b,
        (Tree::Number(lit), Value::Number(n)) => {
            if let Some(i) = n.as_i64() {
                lit.parse::<i128>().is_ok_and(|x| x == i as i128)
            } else if let Some(u) = n.as_u64() {
                lit.parse::<i128>().is_ok_and(|x| x == u as i128)
            } else {
                number(lit) == n.as_f64().expect("a float")
            }
        }
        (Tree::Array(a), Value::Array(b)) => a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same(x, y)),
        (Tree::Object(members), Value::Object(map)) => {
            // Python dict / serde_json map semantics: first position, last value.
            let mut last: Vec<(&str, &Tree)> = Vec::new();
            for (k, v) in members {
                match last.iter_mut().find(|(lk, _)| *lk == k.as_str()) {
                    Some(slot) => slot.1 = v,
                    None => last.push((k, v)),
                }
            }
            last.len() == map.len()
                && last
                    .iter()
                    .zip(map)
                    .all(|((k1, v1), (k2, v2))| k1 == k2 && same(v1, v2))
        }
        _ => false,
    }
}

/// Python truthiness of what `json.loads` gives (floats compared after rounding to f64).
fn python_truthy(v: &Value) -> bool {
    match v {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64().is_some_and(|f| f != 0.0),
        Value::String(s) => !s.is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Object(o) => !o.is_empty(),
    }
}

fn has_infinite(t: &Tree) -> bool {
    match t {
        Tree::Number(lit) => number(lit).is_infinite(),
        Tree::Array(a) => a.iter().any(has_infinite),
        Tree::Object(m) => m.iter().any(|(_, v)| has_infinite(v)),
        _ => false,
    }
}

fn depth(t: &Tree) -> usize {
    match t {
        Tree::Array(a) => 1 + a.iter().map(depth).max().unwrap_or(0),
        Tree::Object(m) => 1 + m.iter().map(|(_, v)| depth(v)).max().unwrap_or(0),
        _ => 0,
    }
}
