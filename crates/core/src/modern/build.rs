//! The URL itself (node7's `buildSrc`; docs/url-modern.md): endpoint path, the
//! `tr:` segment (path position) and `src`, joined with runs of `/` collapsed; the query from
//! `src` / `urlEndpoint`, then `queryParameters`, then `tr=`; then `ik-t` / `ik-s`.
//!
//! Fixes (★) over node7: the endpoint used to cut the signed string is the normalized one
//! (node7 uses the string as typed, so `https://IK.imagekit.io/x` or `…//x` sign the whole URL and
//! fail on the server); a URL that is not under the endpoint (an absolute `src` on another host,
//! or a `..` that climbs out of it) cannot carry a valid signature, so asking to sign one is an
//! error; a bare `?` in `src` does not leave `??tr=`.

use super::encode::{push_encoded, Set};
use super::options::{Options, Position};
use super::urlparts::{self, PathWriter};
use crate::error::invalid;
use crate::error::Result;
use crate::urlkit::sign::Signer;

/// node7's `DEFAULT_TIMESTAMP`: the expiry signed when there is none.
pub const NO_EXPIRY: u64 = 9_999_999_999;

/// Everything a URL needs besides the transformation string.
pub struct Request<'a> {
    pub options: &'a Options<'a>,
    /// The endpoint to use: the option, or the client's.
    pub endpoint: &'a str,
    pub signer: &'a Signer,
    /// `Some(expiry)` when the URL is to be signed.
    pub expiry: Option<u64>,
}

/// The expiry to sign with, or `None` for an unsigned URL: node7 signs when `signed` is true or
/// `expiresIn` is positive. The clock is read only when needed.
pub fn expiry(o: &Options, now: impl FnOnce() -> i64) -> Result<Option<u64>> {
    if o.expires_in > 0 {
        let now = o.now.unwrap_or_else(now);
        let at = now
            .checked_add_unsigned(o.expires_in)
            .filter(|t| *t > 0)
            .ok_or_else(|| invalid("option `expiresIn` is too large"))?;
        return Ok(Some(at as u64));
    }
    Ok(o.signed.then_some(NO_EXPIRY))
}

fn is_absolute(src: &str) -> bool {
    src.starts_with("http://") || src.starts_with("https://")
}

/// An endpoint ready to be written: `scheme://host[:port]` and the normalized path (no
/// trailing `/`; what a signed URL must start with, followed by `/`), and its query encoded.
struct Endpoint {
    /// The endpoint as given.
    text: String,
    /// `head[..origin]` is `scheme://host[:port]`: a `..` in `src` may cut back to there.
    origin: usize,
    head: String,
    query: Option<String>,
}

impl Endpoint {
    fn parse(text: &str) -> Result<Endpoint> {
        let ep = urlparts::parse(text, "urlEndpoint")?;
        let mut head = String::with_capacity(text.len() + 8);
        ep.push_origin(&mut head);
        let origin = head.len();
        PathWriter::new(&head).path(&mut head, ep.path, true, false);
        let query = ep.query.map(|q| {
            let mut encoded = String::with_capacity(q.len());
            push_encoded(&mut encoded, q, Set::Query);
            encoded
        });
        Ok(Endpoint {
            text: text.to_owned(),
            origin,
            head,
            query,
        })
    }
}

/// The endpoint `text` ready to be written, parsed unless it is the one `slot` holds (the
/// client's endpoint, or the same option, on almost every call).
fn prepared<'s>(slot: &'s mut Option<Endpoint>, text: &str) -> Result<&'s Endpoint> {
    let ep = match slot.take() {
        Some(ep) if ep.text == text => ep,
        _ => Endpoint::parse(text)?,
    };
    Ok(slot.insert(ep))
}

/// Per-thread buffers and the last endpoint, kept between calls (a call then costs one
/// allocation: the copy of the URL its caller hands out).
#[derive(Default)]
pub struct Scratch {
    /// The transformation string of the call (filled by `options::parse`).
    pub tr: String,
    /// Where URLs are assembled.
    url: String,
    /// The endpoint of the last URL with a relative `src` (or signed).
    endpoint: Option<Endpoint>,
}

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::new(Scratch {
        tr: String::with_capacity(128),
        url: String::with_capacity(512),
        endpoint: None,
    });
}

/// Most bytes a thread keeps in its [`Scratch`] between calls (a huge input is not held on to).
const KEEP_BYTES: usize = 64 * 1024;

/// Runs `f` with this thread's [`Scratch`] (a fresh one should it be in use already).
pub fn with_scratch<R>(f: impl FnOnce(&mut Scratch) -> R) -> R {
    SCRATCH.with(|cell| {
        let mut fresh = Scratch::default();
        let mut guard = cell.try_borrow_mut();
        let scratch = match guard.as_deref_mut() {
            Ok(s) => s,
            Err(_) => &mut fresh,
        };
        let result = f(scratch);
        scratch.trim();
        result
    })
}

impl Scratch {
    /// Lets go of what a huge call left behind.
    fn trim(&mut self) {
        if self.tr.capacity() > KEEP_BYTES {
            self.tr = String::new();
        }
        if self.url.capacity() > KEEP_BYTES {
            self.url = String::new();
        }
        if self
            .endpoint
            .as_ref()
            .is_some_and(|ep| ep.text.len() + ep.head.len() > KEEP_BYTES)
        {
            self.endpoint = None;
        }
    }

    /// The URL for `req` with the transformation string in [`Scratch::tr`] (already encoded),
    /// where it was assembled (the caller copies it where it goes). An empty `src` gives `""`.
    pub fn url(&mut self, req: &Request) -> Result<&str> {
        let Scratch { tr, url, endpoint } = self;
        url.clear();
        build_into(req, tr, url, endpoint)?;
        Ok(url)
    }
}

fn build_into(req: &Request, tr: &str, out: &mut String, endpoint: &mut Option<Endpoint>) -> Result<()> {
    let o = req.options;
    let src = o.src.as_deref().unwrap_or("");
    if src.is_empty() {
        return Ok(());
    }
    let absolute = is_absolute(src);
    let tr_in_query = absolute || o.position == Position::Query;
    let mut has_query = false;
    // Where the endpoint's path ends in `out` (relative `src` only).
    let mut endpoint_end = usize::MAX;
    let lowest;
    if absolute {
        let base = urlparts::parse(src, "src")?;
        out.reserve(src.len() + tr.len() + o.query.len() + 80);
        base.push_origin(out);
        let mut w = PathWriter::new(out);
        w.path(out, base.path, false, true);
        w.finish(out);
        lowest = w.lowest;
        // Deliberately unlike node7: with `queryParameters` set, node7 appends through
        // `URLSearchParams`, which re-serialises the whole query (`%20` becomes `+`, `a` becomes
        // `a=`); here the query of an absolute `src` is kept as given and the pairs are appended.
        if let Some(q) = base.query {
            out.push('?');
            push_encoded(out, q, Set::Query);
            has_query = true;
        }
    } else {
        let ep = prepared(endpoint, req.endpoint)?;
        out.reserve(ep.head.len() + src.len() + tr.len() + o.query.len() + 80);
        out.push_str(&ep.head[..ep.origin]);
        let mut w = PathWriter::new(out);
        out.push_str(&ep.head[ep.origin..]);
        endpoint_end = out.len();
        if !tr.is_empty() && !tr_in_query {
            w.atom(out, "tr:");
            out.push_str(tr);
        }
        w.path(out, src, true, true);
        w.finish(out);
        lowest = w.lowest;
        if let Some(q) = &ep.query {
            out.push('?');
            out.push_str(q);
            has_query = true;
        }
    }

    let mut sep = |out: &mut String| {
        out.push(if has_query { '&' } else { '?' });
        has_query = true;
    };
    if !o.query.is_empty() {
        sep(out);
        out.push_str(&o.query);
    }
    if !tr.is_empty() && tr_in_query {
        sep(out);
        out.push_str("tr=");
        out.push_str(tr);
    }

    if let Some(expiry) = req.expiry {
        // The signed string is the URL after the normalized endpoint and its `/`. For a
        // relative `src` that is `out[endpoint_end + 1..]` unless a `..` cut into the endpoint.
        let prefix_len = if endpoint_end < out.len() && lowest >= endpoint_end {
            endpoint_end + 1
        } else {
            let head = &prepared(endpoint, req.endpoint)?.head;
            if !(out.starts_with(head.as_str()) && out.as_bytes().get(head.len()) == Some(&b'/')) {
                return Err(invalid(format!(
                    "cannot sign {out:?}: it is not under the URL endpoint {:?}, and ImageKit checks \
                     signatures relative to the endpoint (sign a `src` under `urlEndpoint`)",
                    format!("{head}/")
                )));
            }
            head.len() + 1
        };
        let mut digit_buf = itoa::Buffer::new();
        let digits = digit_buf.format(expiry);
        let sig = crate::urlkit::sign::hex40(
            &req.signer
                .mac_parts(&[&out.as_bytes()[prefix_len..], digits.as_bytes()]),
        );
        sep(out);
        if expiry != NO_EXPIRY {
            out.push_str("ik-t=");
            out.push_str(digits);
            out.push('&');
        }
        out.push_str("ik-s=");
        out.push_str(sig.as_str());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scratch_lets_go_of_huge_buffers_only() {
        let mut s = Scratch::default();
        s.tr.reserve(100);
        s.url.reserve(KEEP_BYTES + 1);
        s.endpoint = Some(Endpoint::parse("https://ik.imagekit.io/demo").unwrap());
        s.trim();
        assert!(s.tr.capacity() >= 100 && s.url.capacity() == 0 && s.endpoint.is_some());
        s.endpoint = Some(Endpoint::parse(&format!("https://h/{}", "p".repeat(KEEP_BYTES))).unwrap());
        s.trim();
        assert!(s.endpoint.is_none());
    }

    #[test]
    fn endpoints_are_prepared_once_and_replaced_when_they_change() {
        let mut slot = None;
        let a = prepared(&mut slot, "HTTPS://IK.imagekit.io//demo/./x/..?a b").unwrap();
        assert_eq!(
            (a.head.as_str(), a.origin, a.query.as_deref()),
            ("https://ik.imagekit.io/demo", 22, Some("a%20b"))
        );
        // The same text again is not parsed again: the same buffers come back.
        let head = a.head.as_ptr();
        let again = prepared(&mut slot, "HTTPS://IK.imagekit.io//demo/./x/..?a b").unwrap();
        assert_eq!(again.head.as_ptr(), head);
        assert_eq!(prepared(&mut slot, "http://h:81").unwrap().head, "http://h:81");
        assert!(prepared(&mut slot, "http://").is_err());
        assert_eq!(prepared(&mut slot, "https://h/p/").unwrap().head, "https://h/p");
    }
}
