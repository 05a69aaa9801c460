//! Responsive image attributes (js5's `getResponsiveImageAttributes`; docs/url-modern.md):
//! `src`, `srcSet`, `sizes` and `width` for an `<img>`, each candidate URL being the caller's
//! transformation plus a step `w-<width>,c-at_max`.
//!
//! - `sizes` given: `w` descriptors for every breakpoint at least as wide as the smallest device
//!   breakpoint times the smallest `NNvw` in `sizes` (all breakpoints when it has none);
//! - else no `width`: `w` descriptors for the device breakpoints, `sizes` = `100vw`;
//! - else `1x` / `2x` for the nearest breakpoints to `width` and `2 × width`.
//!
//! Fixes (★) over js5: `signed` / `expiresIn` sign every candidate (js5 drops them, so a private
//! image's `srcSet` would not load), all with one expiry; a breakpoint in both lists appears once;
//! a missing `src` is an error (js5 returns `" 640w, …"`).

use super::build::{expiry, Request, Scratch};
use super::options::Options;
use crate::error::invalid;
use crate::error::Result;
use crate::urlkit::sign::Signer;
use serde_json::{Map, Value};

const DEVICE: &[u64] = &[640, 750, 828, 1080, 1200, 1920, 2048, 3840];
const IMAGE: &[u64] = &[16, 32, 48, 64, 96, 128, 256, 384];

/// JavaScript's `\s`.
fn js_space(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n' | '\u{b}' | '\u{c}' | '\r' | ' ' | '\u{a0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200a}' | '\u{2028}' | '\u{2029}' | '\u{202f}' | '\u{205f}' | '\u{3000}' | '\u{feff}'
    )
}

/// The percentages of `/(^|\s)(1?\d{1,2})vw/g` in `sizes`.
fn vw_percents(sizes: &str) -> Vec<u32> {
    let b = sizes.as_bytes();
    let digit = |i: usize| b.get(i).is_some_and(|c| c.is_ascii_digit());
    let vw_at = |i: usize| b.get(i..i + 2) == Some(b"vw");
    // The digits of a match starting at `i`, trying the regex's alternatives in its order.
    let match_at = |i: usize| -> Option<usize> {
        let starts: &[usize] = if b.get(i) == Some(&b'1') { &[1, 0] } else { &[0] };
        for &skip in starts {
            let d = i + skip;
            for n in [2, 1] {
                if (0..n).all(|k| digit(d + k)) && vw_at(d + n) {
                    return Some(skip + n);
                }
            }
        }
        None
    };
    let mut found = Vec::new();
    let mut i = 0;
    if let Some(len) = match_at(0) {
        found.push(sizes[..len].parse().unwrap_or(0));
        i = len + 2;
    }
    // Every later match starts right after a white-space character.
    while let Some(c) = sizes[i..].chars().next() {
        let after = i + c.len_utf8();
        if js_space(c) {
            if let Some(len) = match_at(after) {
                found.push(sizes[after..after + len].parse().unwrap_or(0));
                i = after + len + 2;
                continue;
            }
        }
        i = after;
    }
    found
}

fn sorted(list: Option<&Vec<u64>>, default: &[u64]) -> Vec<u64> {
    let mut v = list.cloned().unwrap_or_else(|| default.to_vec());
    v.sort_unstable();
    v
}

/// A candidate's URL: its transformation is the caller's (`scratch.tr[..base]`) plus a step
/// `w-<width>,c-at_max`.
fn candidate<'s>(scratch: &'s mut Scratch, req: &Request, base: usize, w: Option<u64>) -> Result<&'s str> {
    let tr = &mut scratch.tr;
    tr.truncate(base);
    if base > 0 {
        tr.push(':');
    }
    if let Some(w) = w {
        tr.push_str("w-");
        tr.push_str(itoa::Buffer::new().format(w));
        tr.push(',');
    }
    tr.push_str("c-at_max");
    scratch.url(req)
}

/// The attributes document for `o`, whose transformation string is in `scratch.tr`.
pub fn attributes(
    o: &Options,
    scratch: &mut Scratch,
    endpoint: &str,
    signer: &Signer,
    now: impl FnOnce() -> i64,
) -> Result<String> {
    if o.src.as_deref().unwrap_or("").is_empty() {
        return Err(invalid("option `src` is required for responsive image attributes"));
    }
    let device = sorted(o.device_breakpoints.as_ref(), DEVICE);
    if device.is_empty() {
        return Err(invalid("option `deviceBreakpoints` must not be empty"));
    }
    let mut all = sorted(o.image_breakpoints.as_ref(), IMAGE);
    all.extend_from_slice(&device);
    all.sort_unstable();
    all.dedup();
    let width = match &o.width {
        None => None,
        Some(w) => match w.as_f64() {
            Some(x) if x > 0.0 => Some(x),
            _ => {
                return Err(invalid(format!(
                    "option `width` must be a positive number, got {}",
                    w.to_js(",")
                )))
            }
        },
    };
    let sizes = o.sizes.as_deref().filter(|s| !s.is_empty());
    let (candidates, kind): (Vec<u64>, char) = if let Some(sizes) = sizes {
        let vw = vw_percents(sizes);
        match vw.iter().min() {
            Some(&min) => {
                let min_px = device[0] as f64 * min as f64 / 100.0;
                (all.iter().copied().filter(|w| *w as f64 >= min_px).collect(), 'w')
            }
            None => (all.clone(), 'w'),
        }
    } else if let Some(width) = width {
        let nearest = |t: f64| {
            all.iter()
                .copied()
                .find(|w| *w as f64 >= t)
                .unwrap_or(all[all.len() - 1])
        };
        let mut c = vec![nearest(width), nearest(2.0 * width)];
        c.dedup();
        (c, 'x')
    } else {
        (device.clone(), 'w')
    };

    let req = Request {
        options: o,
        endpoint,
        signer,
        expiry: expiry(o, now)?,
    };
    let base = scratch.tr.len();
    let mut src_set = String::new();
    // Where the last candidate's URL sits in `src_set`: it is also `src`.
    let mut last = None;
    for (i, w) in candidates.iter().enumerate() {
        if i > 0 {
            src_set.push_str(", ");
        }
        let start = src_set.len();
        src_set.push_str(candidate(scratch, &req, base, Some(*w))?);
        last = Some(start..src_set.len());
        src_set.push(' ');
        let n = if kind == 'w' { *w } else { i as u64 + 1 };
        src_set.push_str(itoa::Buffer::new().format(n));
        src_set.push(kind);
    }
    let src = match last {
        Some(range) => src_set[range].to_owned(),
        None => candidate(scratch, &req, base, None)?.to_owned(),
    };

    let mut doc = Map::new();
    doc.insert("src".into(), Value::String(src));
    if !src_set.is_empty() {
        doc.insert("srcSet".into(), Value::String(src_set));
    }
    match (o.sizes.as_deref(), kind) {
        (Some(s), _) if !s.is_empty() => {
            doc.insert("sizes".into(), Value::String(s.to_owned()));
        }
        (None, 'w') => {
            doc.insert("sizes".into(), Value::String("100vw".into()));
        }
        _ => {}
    }
    if let Some(w) = &o.width {
        let v = match *w {
            super::json::Scalar::U(n) => Value::from(n),
            super::json::Scalar::I(n) => Value::from(n),
            _ => Value::from(w.as_f64().unwrap_or_default()),
        };
        doc.insert("width".into(), v);
    }
    Ok(Value::Object(doc).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vw_like_the_regex() {
        assert_eq!(vw_percents("100vw"), [100]);
        assert_eq!(vw_percents("(min-width: 768px) 50vw, 100vw"), [50, 100]);
        assert_eq!(vw_percents("1vw 10vw 199vw 200vw"), [1, 10, 199]);
        assert_eq!(vw_percents("(50vw) x33vw 33vh"), Vec::<u32>::new());
        assert_eq!(vw_percents("\u{a0}25vw"), [25]);
    }
}
