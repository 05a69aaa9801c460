//! URL signatures exactly as imagekitio 4.2.0 computes them (`Url.get_signature`):
//!
//! ```text
//! endpoint += "/" unless it ends with "/"
//! payload   = url.replace(endpoint, "") + str(expiry if expiry >= 1 else 9999999999)
//! if payload has a non-ASCII character:            # 4.x encode-before-sign, with its quirk:
//!     payload = quote(payload.split("?")[0], safe="~@#$&()*!+=:;,?/'") + "?" + payload.split("?")[1]
//!               (or quote(payload, safe=…) when there is no "?")
//! signature = lowercase hex HMAC-SHA1(private_key, payload)
//! ```
//! `str.replace` removes every occurrence of the endpoint, not only the prefix; text after a
//! second `?` is dropped from a non-ASCII payload (expiry included).

use super::pyfmt;
use super::query::push_quote_sign;
use crate::error::Result;
use crate::error::{invalid, Result as Res};
use crate::urlkit::sign::{hex40, Hex40, Signer};

/// An expiry timestamp: Python `int(now) + expire_seconds` is an int, or a float when
/// `expire_seconds` is a float.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Expiry {
    Int(i128),
    Float(f64),
}

impl Expiry {
    /// The timestamp signed when no expiry is asked for (and no `ik-t` is emitted).
    pub const DEFAULT: Expiry = Expiry::Int(9_999_999_999);

    /// Python `str()` of the timestamp.
    pub fn push_str(&self, out: &mut String) {
        match *self {
            Expiry::Int(i) => out.push_str(itoa::Buffer::new().format(i)),
            Expiry::Float(x) => pyfmt::push_float(out, x),
        }
    }

    /// `get_signature` replaces a timestamp below 1 by the default.
    fn for_signing(self) -> Expiry {
        let below_one = match self {
            Expiry::Int(i) => i < 1,
            Expiry::Float(x) => x < 1.0,
        };
        if below_one {
            Expiry::DEFAULT
        } else {
            self
        }
    }
}

/// The first occurrence of `needle` in `hay` at or after byte `from` (which must be a char
/// boundary). A plain first-byte scan: `str::find` sets up a two-way searcher per call, which
/// costs more than the whole search on URL-sized text.
fn find_from(hay: &str, needle: &str, from: usize) -> Option<usize> {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    let Some(&first) = n.first() else { return Some(from) };
    let mut i = from;
    while i + n.len() <= h.len() {
        let off = h[i..=h.len() - n.len()].iter().position(|&b| b == first)?;
        let j = i + off;
        if &h[j..j + n.len()] == n {
            return Some(j);
        }
        i = j + 1;
    }
    None
}

/// Calls `f` with the pieces of `url.replace(endpoint_slash, "")`, where `endpoint_slash` is
/// `endpoint` followed by `/` when `add_slash` (without building that needle).
fn replace_pieces<'u>(url: &'u str, endpoint: &str, add_slash: bool, mut f: impl FnMut(&'u str)) {
    let needle_len = endpoint.len() + add_slash as usize;
    let mut last = 0;
    let mut from = 0;
    while from <= url.len() {
        let Some(i) = find_from(url, endpoint, from) else { break };
        if !add_slash || url.as_bytes().get(i + endpoint.len()) == Some(&b'/') {
            f(&url[last..i]);
            last = i + needle_len;
            from = last;
            if needle_len == 0 {
                break;
            }
        } else {
            // Not a match of endpoint + "/": try again one character further.
            from = i + url[i..].chars().next().map_or(1, char::len_utf8);
        }
    }
    f(&url[last..]);
}

/// The 4.x `encode_string_if_required` step for a payload with non-ASCII characters.
fn encode_non_ascii(payload: &str) -> String {
    let mut out = String::with_capacity(payload.len() * 2);
    let mut parts = payload.split('?');
    let first = parts.next().unwrap_or("");
    push_quote_sign(&mut out, first);
    if let Some(second) = parts.next() {
        out.push('?');
        out.push_str(second);
    }
    out
}

/// The exact string HMAC'd for `url` (for tests and diagnostics; signing streams it instead).
pub fn signed_payload(url: &str, url_endpoint: &str, expiry: Expiry) -> Result<String> {
    payload(url, url_endpoint, expiry)
}

fn payload(url: &str, url_endpoint: &str, expiry: Expiry) -> Res<String> {
    let mut exp = String::new();
    expiry.for_signing().push_str(&mut exp);
    payload_with(url, url_endpoint, &exp)
}

/// The payload for `url` with the expiry already as text (`str(expiry)` after the below-one rule).
fn payload_with(url: &str, url_endpoint: &str, exp: &str) -> Res<String> {
    if url_endpoint.is_empty() {
        return Err(invalid("cannot sign a URL without a url_endpoint"));
    }
    let add_slash = !url_endpoint.ends_with('/');
    let mut payload = String::with_capacity(url.len() + 12);
    replace_pieces(url, url_endpoint, add_slash, |p| payload.push_str(p));
    payload.push_str(exp);
    if payload.is_ascii() {
        Ok(payload)
    } else {
        Ok(encode_non_ascii(&payload))
    }
}

/// `get_signature(private_key, url, url_endpoint, expiry)` with a pre-keyed signer. The endpoint
/// is used as given (plus a trailing `/`); an empty endpoint is an error, as in the original Python SDK.
pub fn get_signature(signer: &Signer, url: &str, url_endpoint: &str, expiry: Expiry) -> Result<String> {
    signature(signer, url, url_endpoint, expiry).map(|h| h.as_str().to_string())
}

/// [`get_signature`] with the builder's boxed error, as hex on the stack.
pub(crate) fn signature(signer: &Signer, url: &str, url_endpoint: &str, expiry: Expiry) -> Res<Hex40> {
    let mut digits = itoa::Buffer::new();
    let mut float_text = String::new();
    let exp: &str = match expiry.for_signing() {
        Expiry::Int(i) => digits.format(i),
        e @ Expiry::Float(_) => {
            e.push_str(&mut float_text);
            &float_text
        }
    };
    signature_with(signer, url, url_endpoint, exp)
}

/// [`signature`] with the expiry already as its signing text (`str()` of the timestamp, after the
/// below-one rule), e.g. the `ik-t` value the builder has just written.
pub(crate) fn signature_with(signer: &Signer, url: &str, url_endpoint: &str, exp: &str) -> Res<Hex40> {
    if url_endpoint.is_empty() {
        return Err(invalid("cannot sign a URL without a url_endpoint"));
    }
    let add_slash = !url_endpoint.ends_with('/');
    if url.is_ascii() {
        // Fast path: feed the pieces straight into the HMAC, no payload string.
        const MAX: usize = 8;
        let mut parts: [&[u8]; MAX] = [&[]; MAX];
        let mut n = 0;
        let mut overflow = false;
        replace_pieces(url, url_endpoint, add_slash, |p| {
            if n < MAX - 1 {
                parts[n] = p.as_bytes();
                n += 1;
            } else {
                overflow = true;
            }
        });
        if !overflow {
            parts[n] = exp.as_bytes();
            return Ok(hex40(&signer.mac_parts(&parts[..=n])));
        }
    }
    let payload = payload_with(url, url_endpoint, exp)?;
    Ok(hex40(&signer.mac_parts(&[payload.as_bytes()])))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn payload(url: &str, ep: &str, e: Expiry) -> String {
        signed_payload(url, ep, e).unwrap()
    }

    #[test]
    fn payload_rules() {
        let ep = "https://h/e";
        assert_eq!(
            payload("https://h/e/tr:w-1/a.jpg", ep, Expiry::DEFAULT),
            "tr:w-1/a.jpg9999999999"
        );
        assert_eq!(
            payload("https://h/e/tr:w-1/a.jpg", "https://h/e/", Expiry::Int(100)),
            "tr:w-1/a.jpg100"
        );
        assert_eq!(payload("https://h/e/a.jpg", ep, Expiry::Int(0)), "a.jpg9999999999");
        assert_eq!(payload("https://h/e/a.jpg", ep, Expiry::Int(-5)), "a.jpg9999999999");
        assert_eq!(
            payload("https://h/e/a.jpg", ep, Expiry::Float(1735689602.5)),
            "a.jpg1735689602.5"
        );
        // Every occurrence is removed (str.replace), not just the prefix.
        assert_eq!(payload("https://h/e/x/https://h/e/y", ep, Expiry::Int(1)), "x/y1");
        // The endpoint must be followed by '/' to match.
        assert_eq!(
            payload("https://h/ex/https://h/e/y", ep, Expiry::Int(1)),
            "https://h/ex/y1"
        );
        // Another host: the whole URL is signed.
        assert_eq!(payload("https://o/a.jpg", ep, Expiry::Int(1)), "https://o/a.jpg1");
        // Non-ASCII: encoded before signing; text after a second '?' is dropped.
        assert_eq!(payload("https://h/e/é?p=1#x?y", ep, Expiry::Int(7)), "%C3%A9?p=1#x");
        assert_eq!(payload("https://h/e/é%20", ep, Expiry::Int(7)), "%C3%A9%25207");
        // An empty-after-strip endpoint is "/" in Python: every '/' is removed.
        assert_eq!(payload("a/b/c", "/", Expiry::Int(3)), "abc3");
    }

    #[test]
    fn streaming_equals_payload_hmac() {
        let s = Signer::new("private_key_test");
        for (url, ep) in [
            ("https://h/e/tr:w-1/a.jpg", "https://h/e"),
            ("https://h/e/1/https://h/e/2/https://h/e/3/https://h/e/4/https://h/e/5/https://h/e/6/https://h/e/7/https://h/e/8/", "https://h/e"),
            ("https://h/e/é", "https://h/e"),
            ("x", "https://h/e/"),
        ] {
            for e in [Expiry::DEFAULT, Expiry::Int(5), Expiry::Float(2.5)] {
                let want = s.sign(signed_payload(url, ep, e).unwrap().as_bytes());
                assert_eq!(get_signature(&s, url, ep, e).unwrap(), want, "{url}");
            }
        }
        assert!(get_signature(&s, "x", "", Expiry::DEFAULT).is_err());
    }

    #[test]
    fn expiry_text_and_search() {
        for v in [0i128, 7, -7, 9_999_999_999, u64::MAX as i128 + 1, i128::MIN] {
            let mut s = String::new();
            Expiry::Int(v).push_str(&mut s);
            assert_eq!(s, v.to_string());
        }
        assert_eq!(find_from("abcabc", "bc", 0), Some(1));
        assert_eq!(find_from("abcabc", "bc", 2), Some(4));
        assert_eq!(find_from("abcabc", "bd", 0), None);
        assert_eq!(find_from("ab", "abc", 0), None);
        assert_eq!(find_from("éé/é/", "é/", 0), Some(2));
    }

    #[test]
    fn documented_vectors() {
        // The signing examples of ImageKit's docs (key private_key_test).
        let s = Signer::new("private_key_test");
        let ep = "https://test-domain.com/test-endpoint";
        let u = "https://test-domain.com/test-endpoint/tr:w-100/test-signed-url.png";
        assert_eq!(
            get_signature(&s, u, ep, Expiry::DEFAULT).unwrap(),
            "41b3075c40bc84147eb71b8b49ae7fbf349d0f00"
        );
        assert_eq!(
            get_signature(&s, u, ep, Expiry::Int(100)).unwrap(),
            "5e5037a31a7121cbe2964e220b4338cc6e1ba66d"
        );
        let u = "https://test-domain.com/test-endpoint/aéb/test_é_path_alt.jpg";
        assert_eq!(
            get_signature(&s, u, ep, Expiry::DEFAULT).unwrap(),
            "40a821ef1b7a2e9253599dac36a47be3d49787ab"
        );
    }
}
