//! Walking every page of a list that pages with `skip` / `limit` (the table's `pages` rows, today
//! `assets.list`): one call per page, `skip` advanced by what came back, until a page is short, the
//! caller stops, or a cap is reached.

use super::ops::Op;
use crate::client::Client;
use crate::error::{Error, ErrorKind, Result};
use serde_json::{Map, Value};

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

impl Client {
    /// Calls `op` page after page from the caller's `skip` (default 0) with pages of `limit`
    /// (default 1000) items, handing each page's JSON array text to `on_page`; `on_page` returns
    /// false to stop. Ends after the first page shorter than `limit`.
    pub fn each_page(&self, op: &Op, params_json: Option<&str>, on_page: &mut dyn FnMut(&str) -> bool) -> Result<Walk> {
        if !op.pages {
            return Err(Error::invalid(format!("{} does not page", op.py)));
        }
        let (mut params, mut skip, limit) = split_paging(op, params_json)?;
        let mut walk = Walk::default();
        let mut previous_first: Option<Value> = None;
        loop {
            params.insert("skip".into(), skip.into());
            params.insert("limit".into(), limit.into());
            let text = self.call(op, &[], Some(&Value::Object(params.clone()).to_string()))?;
            let (n, first) = match serde_json::from_str::<Value>(&text) {
                Ok(Value::Array(mut items)) => (
                    items.len() as u64,
                    if items.is_empty() {
                        None
                    } else {
                        Some(items.swap_remove(0))
                    },
                ),
                _ => {
                    let mut e = Error::new(
                        ErrorKind::Decode,
                        format!("{}: page {} is not a JSON array", op.py, walk.pages + 1),
                    );
                    // Server text: scrubbed of the key and the Basic token before anything else
                    // (the error document caps its length itself).
                    e.body = Some(Value::String(text));
                    return Err(self.secrets.scrubbed(e));
                }
            };
            // A server (or proxy) that ignores `skip` would send the same full page forever.
            if first.is_some() && first == previous_first {
                return Err(Error::new(
                    ErrorKind::Decode,
                    format!(
                        "{}: page {} starts with the same item as the page before: the server ignores `skip`",
                        op.py,
                        walk.pages + 1
                    ),
                ));
            }
            previous_first = first;
            walk.pages += 1;
            walk.items += n;
            let go_on = n == 0 || on_page(&text);
            if n < limit {
                return Ok(walk);
            }
            if !go_on {
                walk.stopped = true;
                return Ok(walk);
            }
            skip += n;
        }
    }

    /// Every item of every page in one JSON array, at most `max_items` of them (0: no cap). A
    /// result of exactly `max_items` items may have been cut.
    pub fn collect_all(&self, op: &Op, params_json: Option<&str>, max_items: u64) -> Result<String> {
        let mut items: Vec<Value> = Vec::new();
        let mut bad_page = None;
        self.each_page(op, params_json, &mut |page| {
            match serde_json::from_str::<Vec<Value>>(page) {
                Ok(mut page) => {
                    if max_items > 0 {
                        page.truncate((max_items as usize).saturating_sub(items.len()));
                    }
                    items.extend(page);
                }
                Err(e) => bad_page = Some(e.to_string()),
            }
            bad_page.is_none() && (max_items == 0 || (items.len() as u64) < max_items)
        })?;
        if let Some(e) = bad_page {
            return Err(Error::new(
                ErrorKind::Decode,
                format!("{}: a page could not be decoded: {e}", op.py),
            ));
        }
        Ok(Value::Array(items).to_string())
    }
}
