//! The URL itself (node7's `buildSrc`, `url-generation.md` §3.2 and §5): endpoint path, the
//! `tr:` segment (path position) and `src`, joined with runs of `/` collapsed; the query from
//! `src` / `urlEndpoint`, then `queryParameters`, then `tr=`; then `ik-t` / `ik-s`.
//!
//! Fixes (★) over node7: the endpoint used to cut the signed string is the normalized one
//! (node7 uses the string as typed, so `https://IK.imagekit.io/x` or `…//x` sign the whole URL and
//! fail on the server); a URL that is not under the endpoint (an absolute `src` on another host,
//! or a `..` that climbs out of it) cannot carry a valid signature, so asking to sign one is an
//! error; a bare `?` in `src` does not leave `??tr=`.

use super::encode::{push_encoded, Set};
use super::invalid;
use super::options::{Options, Position};
use super::urlparts::{self, Parts, PathWriter};
use crate::error::Result;
use crate::sign::Signer;

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

/// `scheme://host[:port]/endpoint/path/` with a trailing `/`: what a signed URL must start with.
fn endpoint_prefix(ep: &Parts) -> String {
    let mut p = String::with_capacity(ep.host.len() + ep.path.len() + 12);
    ep.push_origin(&mut p);
    let mut w = PathWriter::new(&p);
    w.path(&mut p, ep.path, true, false);
    p.push('/');
    p
}

thread_local! {
    /// Where URLs are assembled: the result is then copied into an allocation of its exact size
    /// (plus the C terminator), so a call costs one allocation and no shrinking realloc.
    static SCRATCH: std::cell::RefCell<String> = std::cell::RefCell::new(String::with_capacity(512));
}

/// Builds the URL with transformation string `tr` (already encoded). An empty `src` gives `""`.
pub fn build(req: &Request, tr: &str) -> Result<String> {
    SCRATCH.with(|cell| {
        let mut fresh = String::new();
        let mut guard = cell.try_borrow_mut();
        let out = match guard.as_deref_mut() {
            Ok(s) => s,
            Err(_) => &mut fresh,
        };
        out.clear();
        build_into(req, tr, out)?;
        let mut exact = String::with_capacity(out.len() + 1);
        exact.push_str(out);
        Ok(exact)
    })
}

fn build_into(req: &Request, tr: &str, out: &mut String) -> Result<()> {
    let o = req.options;
    let src = o.src.as_deref().unwrap_or("");
    if src.is_empty() {
        return Ok(());
    }
    let absolute = is_absolute(src);
    let endpoint = if absolute {
        None
    } else {
        Some(urlparts::parse(req.endpoint, "urlEndpoint")?)
    };
    let parsed_src;
    let base = match &endpoint {
        Some(ep) => ep,
        None => {
            parsed_src = urlparts::parse(src, "src")?;
            &parsed_src
        }
    };
    out.reserve(req.endpoint.len() + src.len() + tr.len() + o.query.len() + 80);
    base.push_origin(out);
    let mut w = PathWriter::new(out);
    let tr_in_query = absolute || o.position == Position::Query;
    // Where the endpoint's path ends in `out` (relative `src` only).
    let mut endpoint_end = usize::MAX;
    if absolute {
        w.path(out, base.path, false, true);
    } else {
        w.path(out, base.path, true, false);
        endpoint_end = out.len();
        w.lowest = usize::MAX;
        if !tr.is_empty() && !tr_in_query {
            w.atom(out, "tr:");
            out.push_str(tr);
        }
        w.path(out, src, true, true);
    }
    w.finish(out);

    let mut has_query = false;
    let mut sep = |out: &mut String| {
        out.push(if has_query { '&' } else { '?' });
        has_query = true;
    };
    if let Some(q) = base.query {
        sep(out);
        push_encoded(out, q, Set::Query);
    }
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
        let prefix_len = if endpoint_end < out.len() && w.lowest >= endpoint_end {
            endpoint_end + 1
        } else {
            let prefix = match &endpoint {
                Some(ep) => endpoint_prefix(ep),
                None => endpoint_prefix(&urlparts::parse(req.endpoint, "urlEndpoint")?),
            };
            if !out.starts_with(&prefix) {
                return Err(invalid(format!(
                    "cannot sign {out:?}: it is not under the URL endpoint {prefix:?}, and ImageKit checks \
                     signatures relative to the endpoint (sign a `src` under `urlEndpoint`)"
                )));
            }
            prefix.len()
        };
        let mut digit_buf = [0u8; 20];
        let digits = urlparts::u64_digits(expiry, &mut digit_buf);
        let sig = crate::sign::hex40(
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
