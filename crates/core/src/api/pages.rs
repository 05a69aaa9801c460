//! Walking every page of a list that pages with `skip` / `limit` (the table's `pages` rows, today
//! `assets.list`): one call per page, `skip` advanced by what came back, until a page is short, the
//! caller stops, or a cap is reached.
//!
//! The walk always ends: a full page that brings no item not already seen in this walk (a server
//! that ignores `skip`, or repeats or rotates its items) is an error, and `skip` never wraps.
//! Items stay the JSON text received (`RawValue` slices of the page), never a parsed tree, so
//! collecting every item costs about the bytes received plus the result.

use super::ops::Op;
use crate::client::Client;
use crate::error::{Error, ErrorKind, Result};
use serde::de::{DeserializeSeed, Deserializer, SeqAccess, Visitor};
use serde_json::value::RawValue;
use serde_json::{Map, Value};
use std::collections::hash_map::RandomState;
use std::collections::HashSet;
use std::hash::BuildHasher;

/// The page size when the caller gives no `limit`: the API's maximum.
pub const DEFAULT_PAGE_SIZE: u64 = MAX_PAGE_SIZE;

/// The largest page the API serves; a larger `limit` would be clamped or refused by the server.
pub const MAX_PAGE_SIZE: u64 = 1000;

/// What a walk did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Walk {
    pub pages: u64,
    pub items: u64,
    /// True when the callback (or the cap) ended the walk before the last page.
    pub stopped: bool,
}

impl Walk {
    pub fn to_json(self) -> String {
        format!(
            r#"{{"pages":{},"items":{},"stopped":{}}}"#,
            self.pages, self.items, self.stopped
        )
    }
}

/// Reads `skip` / `limit` (number or digit string, either spelling) out of the caller's
/// parameters; the rest are sent on every page.
fn split_paging(op: &Op, params_json: Option<&str>) -> Result<(Map<String, Value>, u64, u64)> {
    let mut params = match params_json.map(serde_json::from_str::<Value>) {
        None => Map::new(),
        Some(Ok(Value::Object(m))) => m,
        Some(Ok(_)) => return Err(Error::invalid(format!("{}: params_json must be a JSON object", op.py))),
        Some(Err(e)) => return Err(Error::invalid(format!("{}: params_json is not valid JSON: {e}", op.py))),
    };
    let mut take = |name: &str, default: u64| -> Result<u64> {
        let key = params.keys().find(|k| k.trim() == name).cloned();
        let Some(v) = key.and_then(|k| params.remove(&k)) else {
            return Ok(default);
        };
        let n = match &v {
            Value::Null => Some(default),
            Value::Number(n) => n.as_u64(),
            Value::String(s) if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) => s.parse().ok(),
            _ => None,
        };
        n.ok_or_else(|| Error::invalid(format!("{} option `{name}` must be a non-negative integer", op.py)))
    };
    let skip = take("skip", 0)?;
    let limit = take("limit", DEFAULT_PAGE_SIZE)?;
    if limit == 0 || limit > MAX_PAGE_SIZE {
        return Err(Error::invalid(format!(
            "{} option `limit` (the page size) must be 1 to {MAX_PAGE_SIZE}",
            op.py
        )));
    }
    Ok((params, skip, limit))
}

/// One page's items as slices of its text, refusing more than `limit` (a server never sends more
/// than it was asked for; the cap also bounds the slice list).
struct PageItems {
    limit: u64,
}

impl<'de> DeserializeSeed<'de> for PageItems {
    type Value = Vec<&'de RawValue>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> std::result::Result<Self::Value, D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for PageItems {
    type Value = Vec<&'de RawValue>;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "a JSON array of at most {} items", self.limit)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<Self::Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(self.limit as usize));
        while let Some(item) = seq.next_element::<&'de RawValue>()? {
            if items.len() as u64 == self.limit {
                return Err(serde::de::Error::custom(format_args!(
                    "more items than the `limit` of {} asked for",
                    self.limit
                )));
            }
            items.push(item);
        }
        Ok(items)
    }
}

/// Parses a page: its items as raw JSON slices.
fn page_items(text: &str, limit: u64) -> std::result::Result<Vec<&RawValue>, serde_json::Error> {
    let mut d = serde_json::Deserializer::from_str(text);
    let items = PageItems { limit }.deserialize(&mut d)?;
    d.end()?;
    Ok(items)
}

/// Walks pages from `skip` with pages of `limit` items: `fetch(skip, limit)` returns one page's
/// JSON array text; `on_page(page_text, items)` gets each non-empty page (its items as slices of
/// the text) and returns false to stop. `what` names the list in errors.
///
/// Ends after a page shorter than `limit`, when `on_page` stops, or with an error: a page that is
/// not a JSON array (the error carries the text in `body`: scrub it before it leaves), a page
/// with more than `limit` items, a full page with no item not already seen in this walk, or a
/// `skip` that would pass `u64::MAX`.
pub fn walk_pages(
    what: &str,
    mut skip: u64,
    limit: u64,
    fetch: &mut dyn FnMut(u64, u64) -> Result<String>,
    on_page: &mut dyn FnMut(&str, &[&RawValue]) -> bool,
) -> Result<Walk> {
    let mut walk = Walk::default();
    // Hashes of the items seen (keyed per walk, so no server can aim collisions at it).
    let hasher = RandomState::new();
    let mut seen: HashSet<u64> = HashSet::new();
    loop {
        let text = fetch(skip, limit)?;
        let items = match page_items(&text, limit) {
            Ok(items) => items,
            Err(err) => {
                let mut e = Error::new(
                    ErrorKind::Decode,
                    format!(
                        "{what}: page {} is not a JSON array of at most {limit} items: {err}",
                        walk.pages + 1
                    ),
                );
                e.body = Some(Value::String(text));
                return Err(e);
            }
        };
        let n = items.len() as u64;
        let mut fresh = 0u64;
        for item in &items {
            if seen.insert(hasher.hash_one(item.get().trim())) {
                fresh += 1;
            }
        }
        // A full page of items already seen: the server ignores or misapplies `skip` (the same
        // page again, or its items in another order), and the walk would never end.
        if n == limit && fresh == 0 {
            return Err(Error::new(
                ErrorKind::Decode,
                format!(
                    "{what}: page {} (skip={skip}) brings no item not already seen in this walk: the server ignores `skip`",
                    walk.pages + 1
                ),
            ));
        }
        walk.pages += 1;
        walk.items += n;
        let go_on = n == 0 || on_page(&text, &items);
        if n < limit {
            return Ok(walk);
        }
        if !go_on {
            walk.stopped = true;
            return Ok(walk);
        }
        skip = skip.checked_add(n).ok_or_else(|| {
            Error::invalid(format!(
                "{what}: option `skip` ({skip}) plus the {n} items of page {} passes the largest skip, {}",
                walk.pages,
                u64::MAX
            ))
        })?;
    }
}

impl Client {
    /// Calls `op` page after page from the caller's `skip` (default 0) with pages of `limit`
    /// (default 1000) items, handing each page's JSON array text to `on_page`; `on_page` returns
    /// false to stop. Ends after the first page shorter than `limit`; see [`walk_pages`] for the
    /// errors that end a walk that would not.
    pub fn each_page(&self, op: &Op, params_json: Option<&str>, on_page: &mut dyn FnMut(&str) -> bool) -> Result<Walk> {
        self.walk_op(op, params_json, &mut |text, _| on_page(text))
    }

    /// Every item of every page in one JSON array, at most `max_items` of them (0: no cap). A
    /// result of exactly `max_items` items may have been cut. Items are copied as the JSON text
    /// received, never parsed into trees.
    pub fn collect_all(&self, op: &Op, params_json: Option<&str>, max_items: u64) -> Result<String> {
        let mut out = String::from("[");
        let mut count = 0u64;
        self.walk_op(op, params_json, &mut |_, items| {
            for item in items {
                if max_items > 0 && count == max_items {
                    break;
                }
                if count > 0 {
                    out.push(',');
                }
                out.push_str(item.get());
                count += 1;
            }
            max_items == 0 || count < max_items
        })?;
        out.push(']');
        Ok(out)
    }

    fn walk_op(
        &self,
        op: &Op,
        params_json: Option<&str>,
        on_page: &mut dyn FnMut(&str, &[&RawValue]) -> bool,
    ) -> Result<Walk> {
        if !op.pages {
            return Err(Error::invalid(format!("{} does not page", op.py)));
        }
        let (mut params, skip, limit) = split_paging(op, params_json)?;
        let mut fetch = |skip: u64, limit: u64| {
            params.insert("skip".into(), skip.into());
            params.insert("limit".into(), limit.into());
            self.call(op, &[], Some(&Value::Object(params.clone()).to_string()))
        };
        // A page that is not an array carries server text: scrubbed before anything else (the
        // error document caps its length itself).
        walk_pages(op.py, skip, limit, &mut fetch, on_page).map_err(|e| self.secrets.scrubbed(e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A scripted list: `server(skip, limit)` answers a page, and the number of requests is kept.
    fn run(skip: u64, limit: u64, server: impl Fn(u64, u64) -> String) -> (Result<Walk>, Vec<String>, usize) {
        let mut calls = 0usize;
        let mut got = Vec::new();
        let mut fetch = |s: u64, l: u64| {
            calls += 1;
            assert!(calls < 10_000, "the walk does not end");
            Ok(server(s, l))
        };
        let r = walk_pages("list", skip, limit, &mut fetch, &mut |_, items| {
            got.extend(items.iter().map(|i| i.get().to_string()));
            true
        });
        (r, got, calls)
    }

    fn page(items: impl Iterator<Item = u64>) -> String {
        let v: Vec<String> = items.map(|i| format!(r#"{{"fileId":"f{i}"}}"#)).collect();
        format!("[{}]", v.join(","))
    }

    #[test]
    fn a_server_that_honours_skip_is_walked_to_the_end() {
        let (r, got, calls) = run(0, 3, |s, l| page(s..(s + l).min(10)));
        let w = r.unwrap();
        assert_eq!((w.pages, w.items, calls, got.len()), (4, 10, 4, 10));
        // Exactly a multiple of the page size: one empty page ends it.
        let (r, _, calls) = run(0, 5, |s, l| page(s..(s + l).min(10)));
        assert_eq!((r.unwrap().items, calls), (10, 3));
    }

    #[test]
    fn servers_that_ignore_skip_end_the_walk_with_an_error() {
        // The same page again.
        let (r, _, calls) = run(0, 3, |_, _| page(0..3));
        assert!(r.unwrap_err().message.contains("brings no item not already seen"));
        assert_eq!(calls, 2);
        // Alternating between two orders of the same items.
        let (r, _, calls) = run(0, 3, |s, _| {
            if s % 2 == 0 {
                page([0, 1, 2].into_iter())
            } else {
                page([2, 0, 1].into_iter())
            }
        });
        assert!(r.is_err());
        assert_eq!(calls, 2);
        // Rotating 10 items, a page of 3 at a time, from where the last page ended: every page
        // is "new" until the rotation comes round.
        let (r, got, calls) = run(0, 3, |s, _| page((0..3).map(|k| (s / 3 + k) % 10)));
        let e = r.unwrap_err();
        assert!(e.message.contains("skip="), "{}", e.message);
        assert!(calls <= 10 + 1, "{calls} requests for 10 distinct items");
        assert!(got.len() <= 30);
    }

    #[test]
    fn skip_never_wraps() {
        let (r, _, calls) = run(u64::MAX - 4, 3, |_, _| {
            page(0..3).replace("f", &format!("g{}", rand_tag()))
        });
        let e = r.unwrap_err();
        assert!(e.message.contains("option `skip`"), "{}", e.message);
        assert_eq!(e.kind, ErrorKind::InvalidArgument);
        assert_eq!(calls, 2);
    }

    /// A different tag per call, so each page's items are new.
    fn rand_tag() -> u64 {
        use std::sync::atomic::{AtomicU64, Ordering};
        static N: AtomicU64 = AtomicU64::new(0);
        N.fetch_add(1, Ordering::Relaxed)
    }

    #[test]
    fn pages_that_are_not_arrays_or_too_long_are_decode_errors() {
        for bad in ["{}", "[1,2", "[1,2,3,4]", "[1] x", "nope"] {
            let (r, _, _) = run(0, 3, |_, _| bad.to_string());
            let e = r.unwrap_err();
            assert_eq!(e.kind, ErrorKind::Decode, "{bad}");
            assert_eq!(e.body, Some(Value::String(bad.to_string())));
        }
        // Items are the text received, white space inside them included.
        let (r, got, _) = run(0, 3, |_, _| r#"[ {"a" : 1} , 2 ]"#.to_string());
        assert!(r.is_ok());
        assert_eq!(got, [r#"{"a" : 1}"#, "2"]);
    }
}
