//! The original Python SDK's builder: imagekitio 4.2.0's `Url.build_url` with the original
//! README's transformation table, step by step, on borrowed options.

use super::options::Options;
use super::pyfmt;
use super::query::{push_quote_plus, QueryDict};
use super::signature::{signature, signature_with, Expiry};
use super::urlparse::{plainly_verbatim, sanitize, urlparse, Scan, UrlParts};
use crate::client::Client;
use crate::clock::unix_now;
use crate::config::TransformationPosition;
use crate::error::Result;
use crate::error::{invalid, Result as Res};
use crate::urlkit::json::Value;
use std::cell::RefCell;

/// `int(now) + expire_seconds` when `expire_seconds` is truthy; `None` when it is falsy. The
/// clock is read only when needed (`now` freezes it).
fn expiry_for(expire: Option<&Value<'_>>, now: Option<i64>) -> Res<Option<Expiry>> {
    let Some(v) = expire else { return Ok(None) };
    let now = || now.unwrap_or_else(unix_now);
    match v {
        // The usual `300`: up to 18 digits, no sign, not zero (so truthy, and it fits an i64).
        Value::Number(n) if plain_positive_int(n) => {
            let secs = n.bytes().fold(0i64, |acc, d| acc * 10 + i64::from(d - b'0'));
            Ok(Some(Expiry::Int(now() as i128 + secs as i128)))
        }
        Value::Null => Ok(None),
        Value::Number(_) if !v.truthy() => Ok(None),
        Value::Number(n) if pyfmt::is_int_literal(n) => {
            let secs: i128 = match n.parse::<i64>() {
                Ok(s) => s as i128,
                Err(_) => n
                    .parse()
                    .map_err(|_| invalid(format!("option `expire_seconds` is out of range: {n}")))?,
            };
            Ok(Some(Expiry::Int(now() as i128 + secs)))
        }
        Value::Number(n) => {
            let secs: f64 = n.parse().unwrap_or(f64::NAN);
            Ok(Some(Expiry::Float(now() as f64 + secs)))
        }
        other => Err(invalid(format!(
            "option `expire_seconds` must be a number of seconds when the URL is signed, got {}",
            other.type_name()
        ))),
    }
}

/// A literal of 1 to 18 decimal digits that does not start with `0`.
#[inline]
fn plain_positive_int(n: &str) -> bool {
    let b = n.as_bytes();
    (1..=18).contains(&b.len()) && b[0] != b'0' && b.iter().all(u8::is_ascii_digit)
}

/// Appends `str(expiry)`, quote_plus-encoded (a float may print `1e+20`).
fn push_expiry(out: &mut String, e: Expiry) {
    match e {
        Expiry::Int(i) => {
            // Digits and '-' are ASCII and safe in quote_plus.
            out.push_str(itoa::Buffer::new().format(i));
        }
        Expiry::Float(_) => {
            let mut s = String::new();
            e.push_str(&mut s);
            push_quote_plus(out, &s);
        }
    }
}

impl Client {
    /// Builds a URL with the original Python SDK's `url()` semantics, byte for byte.
    /// `options_json` is the options object; see the `ik_url` documentation for every key.
    /// Returns `""` when neither `path` nor `src` is given (as that SDK does).
    pub fn url(&self, options_json: &str) -> Result<String> {
        self.url_with(options_json, str::to_owned)
    }

    /// Like [`Client::url`], handing the URL to `f` where it was built (a buffer reused by the
    /// thread), so a caller that copies it elsewhere anyway (the C ABI) copies it once.
    pub fn url_with<T>(&self, options_json: &str, f: impl FnOnce(&str) -> T) -> Result<T> {
        with_scratch(|scratch| {
            let mut opts = Options::default();
            opts.parse_into(options_json, &mut scratch.tr)?;
            Ok(match self.build_url(&opts, &scratch.tr, &mut scratch.base)? {
                Built::InScratch => f(&scratch.base),
                Built::Owned(s) => f(&s),
            })
        })
    }

    /// Builds into `base` (a cleared scratch buffer) or returns a new string.
    fn build_url(&self, opts: &Options<'_>, tr: &str, base: &mut String) -> Res<Built> {
        let endpoint_raw: &str = opts.url_endpoint.as_deref().unwrap_or(&self.config.url_endpoint);
        let endpoint = trim_slashes(endpoint_raw);
        let mut position = opts
            .transformation_position
            .unwrap_or(self.config.transformation_position);
        let now = opts.now;

        let path = trim_slashes(opts.path.as_deref().unwrap_or(""));
        let src = trim_slashes(opts.src.as_deref().unwrap_or(""));
        if path.is_empty() && src.is_empty() {
            return Ok(Built::Owned(String::new()));
        }

        // The URL before its query is rebuilt, with room for the query and the signature.
        base.clear();
        base.reserve(endpoint.len() + 3 * tr.len() + path.len() + src.len() + 128);
        if !path.is_empty() {
            base.push_str(endpoint);
            if position == TransformationPosition::Path && !tr.is_empty() {
                base.push_str("/tr:");
                base.push_str(trim_slashes(tr));
            }
            base.push('/');
            base.push_str(path);
        } else {
            base.push_str(src);
            position = TransformationPosition::Query;
        }
        // Usually the URL is plainly one that urlunparse(urlparse()) gives back unchanged; else
        // it is sanitized (in place) and parsed for the verdict.
        let verbatim = plainly_verbatim(base) || {
            let scan = sanitize(base);
            urlparse(base, &scan)?.is_verbatim(&scan)
        };

        // dict(parse_qsl(query)) updated with query_parameters, then with tr; `updates` holds
        // the keys the builder adds itself (tr, then ik-t and ik-s).
        let tr_update = [("tr", tr)];
        let updates: &[(&str, &str)] = if position == TransformationPosition::Query && !tr.is_empty() {
            &tr_update
        } else {
            &[]
        };

        if verbatim {
            // Usual case: urlunparse gives `base` back unchanged, and there is no query or
            // fragment in it; append to it in place.
            let out = base;
            let q = &opts.query;
            if !q.is_empty_with(updates) {
                out.push('?');
                q.push_urlencoded_with(out, updates);
            }
            if !opts.signed {
                return Ok(Built::InScratch);
            }
            let expiry = expiry_for(opts.expire_seconds.as_ref(), now)?;
            if q.contains("ik-t") || q.contains("ik-s") {
                let signature = signature(&self.signer, out, endpoint, expiry.unwrap_or(Expiry::DEFAULT))?;
                return Ok(Built::Owned(self.resign(
                    &parts_of(out)?,
                    q,
                    updates,
                    expiry,
                    signature.as_str(),
                )));
            }
            let url_len = out.len();
            out.push(if q.is_empty_with(updates) { '?' } else { '&' });
            match expiry {
                Some(Expiry::Int(i)) if i >= 1 => {
                    // The usual signed URL: `ik-t` is written once and its digits are also the
                    // expiry signed (the URL signed is the text before `?ik-t` / `&ik-t`).
                    out.push_str("ik-t=");
                    let t = out.len();
                    out.push_str(itoa::Buffer::new().format(i));
                    let signature = signature_with(&self.signer, &out[..url_len], endpoint, &out[t..])?;
                    out.push_str("&ik-s=");
                    out.push_str(signature.as_str());
                }
                _ => {
                    let signature = signature(
                        &self.signer,
                        &out[..url_len],
                        endpoint,
                        expiry.unwrap_or(Expiry::DEFAULT),
                    )?;
                    push_signature_params(out, expiry, signature.as_str());
                }
            }
            return Ok(Built::InScratch);
        }

        // General case: the URL had its own query, a fragment, params or a scheme to fix.
        // (`base` is already sanitized, and parsed once without error.)
        let scan = Scan::of(base);
        let parts = urlparse(base, &scan)?;
        let mut merged = QueryDict::default();
        merged.parse_qsl(parts.query);
        for (k, v) in opts.query.iter() {
            merged.set(k.clone(), v.clone());
        }
        let q = &merged;
        let mut out = String::with_capacity(base.capacity() + 64);
        parts.push_head(&mut out);
        if !q.is_empty_with(updates) {
            out.push('?');
            q.push_urlencoded_with(&mut out, updates);
        }
        let query_end = out.len();
        parts.push_fragment(&mut out);
        if !opts.signed {
            return Ok(Built::Owned(out));
        }
        let expiry = expiry_for(opts.expire_seconds.as_ref(), now)?;
        let signature = signature(&self.signer, &out, endpoint, expiry.unwrap_or(Expiry::DEFAULT))?;
        if q.contains("ik-t") || q.contains("ik-s") {
            return Ok(Built::Owned(self.resign(
                &parts,
                q,
                updates,
                expiry,
                signature.as_str(),
            )));
        }
        // Append ik-t / ik-s to the query, before any fragment.
        out.truncate(query_end);
        out.push(if q.is_empty_with(updates) { '?' } else { '&' });
        push_signature_params(&mut out, expiry, signature.as_str());
        parts.push_fragment(&mut out);
        Ok(Built::Owned(out))
    }

    /// The signed URL when the caller's own query has `ik-t` / `ik-s`: they keep their place
    /// and take our values (Python's dict update), so the whole query is written again.
    fn resign(
        &self,
        parts: &UrlParts<'_>,
        q: &QueryDict<'_>,
        updates: &[(&str, &str)],
        expiry: Option<Expiry>,
        signature: &str,
    ) -> String {
        let mut ik_t = String::new();
        let mut all: Vec<(&str, &str)> = updates.to_vec();
        if let Some(e) = expiry {
            e.push_str(&mut ik_t);
            all.push(("ik-t", &ik_t));
        }
        all.push(("ik-s", signature));
        let mut out = String::new();
        parts.push_head(&mut out);
        out.push('?');
        q.push_urlencoded_with(&mut out, &all);
        parts.push_fragment(&mut out);
        out
    }
}

/// Where [`Client::build_url`] left the URL.
enum Built {
    /// In the scratch `base` buffer.
    InScratch,
    Owned(String),
}

/// Buffers reused by every URL built on a thread, so a call allocates little beyond its result.
struct Scratch {
    tr: String,
    base: String,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = const { RefCell::new(Scratch { tr: String::new(), base: String::new() }) };
}

/// Scratch buffers above this size are released after use rather than kept for the thread.
const SCRATCH_KEEP: usize = 64 * 1024;

fn with_scratch<R>(f: impl FnOnce(&mut Scratch) -> R) -> R {
    SCRATCH.with(|cell| match cell.try_borrow_mut() {
        Ok(mut scratch) => {
            let r = f(&mut scratch);
            let Scratch { tr, base } = &mut *scratch;
            for buf in [tr, base] {
                if buf.capacity() > SCRATCH_KEEP {
                    *buf = String::new();
                }
            }
            r
        }
        // Not reachable today (building a URL never builds another), but never panic for it.
        Err(_) => f(&mut Scratch {
            tr: String::new(),
            base: String::new(),
        }),
    })
}

/// Re-parses a URL the builder produced (only on the rare `resign` path).
fn parts_of(url: &str) -> Res<UrlParts<'_>> {
    urlparse(url, &Scan::of(url))
}

/// `ik-t=<expiry>&ik-s=<signature>` (no `ik-t` without an expiry).
fn push_signature_params(out: &mut String, expiry: Option<Expiry>, signature: &str) {
    if let Some(e) = expiry {
        out.push_str("ik-t=");
        push_expiry(out, e);
        out.push('&');
    }
    out.push_str("ik-s=");
    out.push_str(signature);
}

/// `s.strip("/")`, on bytes (`str::trim_matches` decodes characters from both ends).
fn trim_slashes(s: &str) -> &str {
    let b = s.as_bytes();
    let start = b.iter().position(|&c| c != b'/').unwrap_or(b.len());
    let end = b.iter().rposition(|&c| c != b'/').map_or(start, |i| i + 1);
    &s[start..end]
}

#[cfg(test)]
mod tests {
    use crate::client::Client;

    fn client() -> Client {
        Client::from_json(
            r#"{"private_key":"private_key_test","public_key":"public_key_test",
                "url_endpoint":"https://test-domain.com/test-endpoint"}"#,
        )
        .unwrap()
    }

    fn url(opts: &str) -> String {
        client().url(opts).unwrap()
    }

    #[test]
    fn trim_slashes_is_python_strip() {
        for (s, want) in [
            ("", ""),
            ("/", ""),
            ("///", ""),
            ("/a/", "a"),
            ("//a/b//", "a/b"),
            ("a", "a"),
            ("é/", "é"),
        ] {
            assert_eq!(super::trim_slashes(s), want, "{s:?}");
        }
    }

    #[test]
    fn basic_path_and_query_positions() {
        assert_eq!(
            url(r#"{"path":"/a.jpg","transformation":[{"height":"300","width":"400"}]}"#),
            "https://test-domain.com/test-endpoint/tr:h-300,w-400/a.jpg"
        );
        assert_eq!(
            url(
                r#"{"path":"/a.jpg","transformation":[{"height":"300"},{"rotation":90}],"transformation_position":"query"}"#
            ),
            "https://test-domain.com/test-endpoint/a.jpg?tr=h-300%3Art-90"
        );
        assert_eq!(url(r#"{}"#), "");
        assert_eq!(url(r#"{"path":"///","src":"/"}"#), "");
    }

    #[test]
    fn signed_with_expiry_uses_now() {
        let u = url(
            r#"{"path":"/default-image.jpg","transformation":[{"width":"400"}],"signed":true,"expire_seconds":100,"now":1735689600}"#,
        );
        assert_eq!(
            u,
            "https://test-domain.com/test-endpoint/tr:w-400/default-image.jpg?ik-t=1735689700&ik-s=d3ac333e012f1492a23d9458ea71b41bb277004f"
        );
    }

    #[test]
    fn expire_seconds_types() {
        let c = client();
        for bad in ["\"300\"", "true", "[1]", "{}"] {
            let e = c
                .url(&format!("{{\"path\":\"a\",\"signed\":true,\"expire_seconds\":{bad}}}"))
                .unwrap_err();
            assert!(
                e.message.contains("`expire_seconds` must be a number"),
                "{bad}: {}",
                e.message
            );
            // Not signed: the original SDK ignores expire_seconds entirely.
            assert!(c.url(&format!("{{\"path\":\"a\",\"expire_seconds\":{bad}}}")).is_ok());
        }
        let u = c
            .url(r#"{"path":"a","signed":true,"expire_seconds":2.5,"now":1735689600}"#)
            .unwrap();
        assert!(u.contains("?ik-t=1735689602.5&ik-s="), "{u}");
        let u = c
            .url(r#"{"path":"a","signed":true,"expire_seconds":0,"now":1735689600}"#)
            .unwrap();
        assert!(u.contains("?ik-s=") && !u.contains("ik-t"), "{u}");
    }

    #[test]
    fn expiry_of_integer_literals() {
        use super::{expiry_for, Expiry, Value};
        let now = 1_567_358_367i128;
        for lit in [
            "1",
            "7",
            "300",
            "100000",
            "999999999999999999",
            "9223372036854775807",
            "9999999999999999999",
            "123456789012345678901234567890",
            "-1",
            "-300",
            "-0",
            "0",
        ] {
            let got = expiry_for(Some(&Value::Number(lit)), Some(now as i64)).unwrap();
            let secs: i128 = lit.parse().unwrap();
            let want = (secs != 0).then_some(Expiry::Int(now + secs));
            assert_eq!(got, want, "{lit}");
        }
    }
}
