//! The parts of an absolute `http(s)` URL (`urlEndpoint`, or a `src` that starts with `http://` /
//! `https://`) and the WHATWG path rules node7 gets from `new URL()` and the `pathname` setter:
//! `\` is `/`, `.` and `..` segments (also spelled `%2e`) are resolved, and each segment is
//! percent-encoded ([`Set::Path`]).
//!
//! Borrowed slices only: nothing is allocated unless the host has upper-case letters.

use super::encode::{push_encoded, Set};
use crate::error::invalid;
use crate::error::Result;
use std::borrow::Cow;

/// An absolute `http:` / `https:` URL, split.
#[derive(Debug)]
pub struct Parts<'a> {
    /// `"http"` or `"https"`.
    pub scheme: &'static str,
    /// Lower-cased host (an IPv6 literal keeps its brackets).
    pub host: Cow<'a, str>,
    /// A port other than the scheme's default.
    pub port: Option<u16>,
    /// The path as written (`""` when there is none).
    pub path: &'a str,
    /// The query after `?`, when there is one and it is not empty.
    pub query: Option<&'a str>,
    /// `scheme://host` as the input has it, when that is already its normalized form (most
    /// URLs): [`Parts::push_origin`] copies it in one piece.
    origin: Option<&'a str>,
}

/// Leading and trailing C0 controls and spaces are not part of a URL (WHATWG).
fn trim_c0(s: &str) -> &str {
    // Byte-wise: the trimmed bytes are ASCII, so the cuts are char boundaries.
    let b = s.as_bytes();
    let start = b.iter().position(|&c| c > b' ').unwrap_or(b.len());
    let end = b.iter().rposition(|&c| c > b' ').map_or(start, |i| i + 1);
    &s[start..end.max(start)]
}

fn scheme_of(s: &str) -> Option<(&'static str, &str)> {
    for scheme in ["https", "http"] {
        if s.len() > scheme.len()
            // Bytes, not `&s[..n]`: `n` may fall inside a multi-byte character (`h😀ttps:`).
            && s.as_bytes()[..scheme.len()].eq_ignore_ascii_case(scheme.as_bytes())
            && s.as_bytes()[scheme.len()] == b':'
        {
            return Some((scheme, &s[scheme.len() + 1..]));
        }
    }
    None
}

/// Splits `input`; `what` names the option in errors.
pub fn parse<'a>(input: &'a str, what: &str) -> Result<Parts<'a>> {
    let s = trim_c0(input);
    let Some((scheme, rest)) = scheme_of(s) else {
        return Err(invalid(format!(
            "option `{what}` must be an http:// or https:// URL, got {input:?}"
        )));
    };
    let slashes = rest.bytes().take_while(|&b| b == b'/' || b == b'\\').count();
    let after = &rest[slashes..];
    if slashes < 2 {
        return Err(invalid(format!(
            "option `{what}` must start with {scheme}:// (got {input:?})"
        )));
    }
    // The common authority first: a host name alone (no port, no credentials), in one pass.
    let ab = after.as_bytes();
    let mut n = 0;
    let mut upper = false;
    while n < ab.len() && HOST_BYTE[ab[n] as usize] {
        upper |= ab[n].is_ascii_uppercase();
        n += 1;
    }
    let (host, port, tail, origin) = if n > 0 && (n == ab.len() || matches!(ab[n], b'/' | b'\\' | b'?' | b'#')) {
        let (host, tail) = after.split_at(n);
        let as_written = !upper && slashes == 2 && s.starts_with(scheme) && rest.starts_with("//");
        let origin = as_written.then(|| &s[..scheme.len() + 3 + n]);
        let host = if upper {
            Cow::Owned(host.to_ascii_lowercase())
        } else {
            Cow::Borrowed(host)
        };
        (host, None, tail, origin)
    } else {
        let (host, port, tail) = authority(after, scheme, what)?;
        (host, port, tail, None)
    };
    let tb = tail.as_bytes();
    let cut = query_or_fragment(tb);
    let question = (cut < tb.len() && tb[cut] == b'?').then_some(cut);
    if cut < tb.len() && (question.is_none() || tb[cut..].contains(&b'#')) {
        return Err(invalid(format!(
            "option `{what}` has a #fragment, which is never sent to the server (and cannot be signed); remove it"
        )));
    }
    let (path, query) = match question {
        Some(i) => (&tail[..i], Some(&tail[i + 1..])),
        None => (tail, None),
    };
    Ok(Parts {
        scheme,
        host,
        port,
        path,
        query: query.filter(|q| !q.is_empty()),
        origin,
    })
}

/// Host, port and the rest of `after` (the text after `scheme://`), for any authority.
fn authority<'a>(after: &'a str, scheme: &str, what: &str) -> Result<(Cow<'a, str>, Option<u16>, &'a str)> {
    // One pass over the authority: where it ends, and whether it has credentials.
    let mut auth_end = after.len();
    let mut at = false;
    for (i, b) in after.bytes().enumerate() {
        match b {
            b'/' | b'\\' | b'?' | b'#' => {
                auth_end = i;
                break;
            }
            b'@' => at = true,
            _ => {}
        }
    }
    let (authority, tail) = after.split_at(auth_end);
    if at {
        return Err(invalid(format!(
            "option `{what}` must not carry credentials (user@host)"
        )));
    }
    let (host, port) = split_port(authority, what)?;
    let port = match (scheme, port) {
        ("https", Some(443)) | ("http", Some(80)) => None,
        (_, p) => p,
    };
    let host = check_host(host, what)?;
    Ok((host, port, tail))
}

/// The position of the first `?` or `#` in `b` (or its length), eight bytes at a time (a
/// path is most of a URL; `memchr` costs more on slices this short).
fn query_or_fragment(b: &[u8]) -> usize {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    let mut i = 0;
    while i + 8 <= b.len() {
        let mut w = [0u8; 8];
        w.copy_from_slice(&b[i..i + 8]);
        let x = u64::from_le_bytes(w);
        // Flags the bytes equal to `?` or `#`; the lowest flag is always a true match (borrows
        // only propagate upwards).
        let q = x ^ (LO * b'?' as u64);
        let h = x ^ (LO * b'#' as u64);
        let mask = ((q.wrapping_sub(LO) & !q) | (h.wrapping_sub(LO) & !h)) & HI;
        if mask != 0 {
            return i + (mask.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < b.len() && b[i] != b'?' && b[i] != b'#' {
        i += 1;
    }
    i
}

fn split_port<'a>(authority: &'a str, what: &str) -> Result<(&'a str, Option<u16>)> {
    let colon = if authority.starts_with('[') {
        match authority.find(']') {
            Some(end) => authority[end + 1..].find(':').map(|i| end + 1 + i),
            None => return Err(invalid(format!("option `{what}` has an unterminated IPv6 host"))),
        }
    } else {
        // Bytes, not `rfind`: the authority is short, and `rfind`'s searcher costs more here.
        authority.bytes().rposition(|b| b == b':')
    };
    let Some(colon) = colon else {
        return Ok((authority, None));
    };
    let digits = &authority[colon + 1..];
    if digits.is_empty() {
        return Ok((&authority[..colon], None));
    }
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(invalid(format!("option `{what}` has an invalid port {digits:?}")));
    }
    let port = digits
        .trim_start_matches('0')
        .parse::<u32>()
        .ok()
        .or(if digits.bytes().all(|b| b == b'0') {
            Some(0)
        } else {
            None
        })
        .filter(|p| *p <= 65535)
        .ok_or_else(|| invalid(format!("option `{what}` has an invalid port {digits:?}")))?;
    Ok((&authority[..colon], Some(port as u16)))
}

/// Bytes of a host name (ASCII letters, digits, `-._~`).
static HOST_BYTE: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        t[i] = b.is_ascii_alphanumeric() || b == b'-' || b == b'.' || b == b'_' || b == b'~';
        i += 1;
    }
    t
};

/// Host names are ASCII here (no IDNA): a non-ASCII host must be given in its `xn--` form.
fn check_host<'a>(host: &'a str, what: &str) -> Result<Cow<'a, str>> {
    if host.is_empty() {
        return Err(invalid(format!("option `{what}` has no host")));
    }
    let ipv6 = host.starts_with('[') && host.ends_with(']');
    let mut upper = false;
    for &b in host.as_bytes() {
        upper |= b.is_ascii_uppercase();
        let ok = HOST_BYTE[b as usize] || (ipv6 && matches!(b, b':' | b'[' | b']'));
        if !ok {
            return Err(invalid(if b >= 0x80 {
                format!("option `{what}` has a non-ASCII host; give its punycode (xn--) form")
            } else {
                format!("option `{what}` has an invalid character {:?} in its host", b as char)
            }));
        }
    }
    Ok(if upper {
        Cow::Owned(host.to_ascii_lowercase())
    } else {
        Cow::Borrowed(host)
    })
}

impl Parts<'_> {
    /// `scheme://host[:port]`.
    pub fn push_origin(&self, out: &mut String) {
        if let Some(origin) = self.origin {
            out.push_str(origin);
            return;
        }
        out.push_str(self.scheme);
        out.push_str("://");
        out.push_str(&self.host);
        if let Some(p) = self.port {
            out.push(':');
            out.push_str(itoa::Buffer::new().format(p));
        }
    }
}

const KEEP: u8 = 0;
const SEPARATOR: u8 = 1;
const ENCODE: u8 = 2;

/// Per byte of a path: kept as is, a segment separator (`/`, `\\`), or to be looked at by
/// [`push_encoded`] (which also keeps `%XX` escapes).
static CLASS: [u8; 256] = {
    let keep = super::encode::path_keeps();
    let mut t = [ENCODE; 256];
    let mut i = 0;
    while i < 256 {
        if keep[i] {
            t[i] = KEEP;
        }
        i += 1;
    }
    t[b'/' as usize] = SEPARATOR;
    t[b'\\' as usize] = SEPARATOR;
    t
};

/// True when the path `b` (after its leading separator) is written as it is: segments that need
/// no encoding, are not empty and are not `.` or `..` (a segment without `%` has no other dot
/// spelling), separated by `/`. Most paths are; they are then copied in one piece.
fn is_plain(b: &[u8]) -> bool {
    let plain_segment = |s: &[u8]| !s.is_empty() && s != b"." && s != b"..";
    let mut start = 0;
    for (i, &c) in b.iter().enumerate() {
        if CLASS[c as usize] != KEEP {
            if c != b'/' || !plain_segment(&b[start..i]) {
                return false;
            }
            start = i + 1;
        }
    }
    plain_segment(&b[start..])
}

fn is_single_dot(seg: &str) -> bool {
    seg == "." || seg.eq_ignore_ascii_case("%2e")
}

fn is_double_dot(seg: &str) -> bool {
    matches!(seg.len(), 2 | 4 | 6)
        && (seg == ".."
            || seg.eq_ignore_ascii_case(".%2e")
            || seg.eq_ignore_ascii_case("%2e.")
            || seg.eq_ignore_ascii_case("%2e%2e"))
}

/// Writes a URL path into `out`, segment by segment, the WHATWG way.
///
/// `out[root..]` is the path written so far (it starts with `/` once anything is written); a
/// `..` never removes anything before `root`. The one segment given with [`PathWriter::atom`]
/// (the `tr:` segment) is removed whole by a `..`, as node7's placeholder segment is.
pub struct PathWriter {
    root: usize,
    atom: Option<usize>,
    /// The lowest length `out` was cut back to by a `..` (signing checks it).
    pub lowest: usize,
}

impl PathWriter {
    pub fn new(out: &str) -> PathWriter {
        PathWriter {
            root: out.len(),
            atom: None,
            lowest: usize::MAX,
        }
    }

    fn pop(&mut self, out: &mut String) {
        let tail = &out.as_bytes()[self.root..];
        let cut = match tail.iter().rposition(|&b| b == b'/') {
            Some(i) => self.root + i,
            None => return,
        };
        let cut = match self.atom {
            Some(a) if a < out.len() && cut >= a => {
                self.atom = None;
                a
            }
            _ => cut,
        };
        out.truncate(cut);
        self.lowest = self.lowest.min(cut);
    }

    /// One raw segment (no `/` inside); `last` tells whether the path ends after it; `clean`
    /// that it needs no percent-encoding.
    fn segment(&mut self, out: &mut String, seg: &str, last: bool, clean: bool) {
        if is_double_dot(seg) {
            self.pop(out);
            if last {
                out.push('/');
            }
        } else if is_single_dot(seg) {
            if last {
                out.push('/');
            }
        } else {
            out.push('/');
            if clean {
                out.push_str(seg);
            } else {
                push_encoded(out, seg, Set::Path);
            }
        }
    }

    /// The `tr:` segment, already encoded.
    pub fn atom(&mut self, out: &mut String, encoded: &str) {
        self.atom = Some(out.len());
        out.push('/');
        out.push_str(encoded);
    }

    /// Every segment of `path` (`/` and `\` separate them). With `collapse`, empty segments are
    /// dropped (node7 collapses runs of `/` in a relative `src`), except that a path ending in a
    /// separator keeps its trailing `/` when `keep_trailing`.
    pub fn path(&mut self, out: &mut String, path: &str, collapse: bool, keep_trailing: bool) {
        let b = path.as_bytes();
        let first = usize::from(matches!(b.first(), Some(b'/' | b'\\')));
        if first == b.len() {
            if !collapse || keep_trailing {
                out.push('/');
            }
            return;
        }
        if is_plain(&b[first..]) {
            out.push('/');
            out.push_str(&path[first..]);
            return;
        }
        // One pass over the bytes: segment ends, and whether a segment needs encoding.
        let mut seg = first;
        let mut i = first;
        loop {
            let mut clean = true;
            while i < b.len() {
                match CLASS[b[i] as usize] {
                    KEEP => {}
                    SEPARATOR => break,
                    _ => clean = false,
                }
                i += 1;
            }
            let last = i == b.len();
            // `seg` and `i` sit at separators (ASCII) or at the ends: both are char boundaries.
            let s = &path[seg..i];
            if collapse && s.is_empty() {
                if last && keep_trailing {
                    out.push('/');
                }
            } else {
                self.segment(out, s, last && (keep_trailing || !collapse), clean);
            }
            if last {
                return;
            }
            i += 1;
            seg = i;
        }
    }

    /// Makes sure the path is at least `/`.
    pub fn finish(&self, out: &mut String) {
        if out.len() == self.root {
            out.push('/');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_and_normalizes() {
        let p = parse("  HTTPS://IK.ImageKit.io:443/demo/a.jpg?x=1 ", "src").unwrap();
        assert_eq!(
            (p.scheme, &*p.host, p.port, p.path, p.query),
            ("https", "ik.imagekit.io", None, "/demo/a.jpg", Some("x=1"))
        );
        let p = parse("http://h:8080", "e").unwrap();
        assert_eq!((p.port, p.path, p.query), (Some(8080), "", None));
        let p = parse("http://[::1]:80/x?", "e").unwrap();
        assert_eq!((&*p.host, p.port, p.query), ("[::1]", None, None));
    }

    #[test]
    fn origin_is_the_normalized_one_whether_copied_or_written() {
        for (input, origin) in [
            ("https://ik.imagekit.io/demo/a.jpg", "https://ik.imagekit.io"),
            ("https://ik.imagekit.io", "https://ik.imagekit.io"),
            ("http://h?x", "http://h"),
            ("HTTPS://h/", "https://h"),
            ("https://H/", "https://h"),
            ("https:\\\\h/", "https://h"),
            ("https:///h/", "https://h"),
            (" https://h/", "https://h"),
            ("https://h:443/", "https://h"),
            ("https://h:8443/", "https://h:8443"),
            ("http://[::1]:80/", "http://[::1]"),
        ] {
            let p = parse(input, "src").unwrap();
            let mut out = String::new();
            p.push_origin(&mut out);
            assert_eq!(out, origin, "{input:?}");
            let port = p.port.map(|n| format!(":{n}")).unwrap_or_default();
            assert_eq!(out, format!("{}://{}{port}", p.scheme, p.host), "{input:?}");
        }
    }

    #[test]
    fn rejects_what_cannot_be_a_delivery_url() {
        for (bad, needle) in [
            ("https://", "no host"),
            ("ftp://x/y", "http:// or https://"),
            ("https:x.com", "must start with"),
            ("https://u:p@x.com/", "credentials"),
            ("https://x.com/a#b", "#fragment"),
            ("https://x.com:99999/", "invalid port"),
            ("https://ex ample.com/", "invalid character"),
            ("https://bücher.de/", "punycode"),
        ] {
            let e = parse(bad, "src").unwrap_err();
            assert!(e.message.contains(needle), "{bad}: {}", e.message);
        }
    }

    fn path(p: &str, collapse: bool, trailing: bool) -> String {
        let mut out = String::new();
        let mut w = PathWriter::new(&out);
        w.path(&mut out, p, collapse, trailing);
        w.finish(&mut out);
        out
    }

    #[test]
    fn whatwg_path_rules() {
        assert_eq!(path("/a//b/./c/../d", false, true), "/a//b/d");
        assert_eq!(path("/a//b/./c/../d", true, true), "/a/b/d");
        assert_eq!(path("/a/%2E%2e/b", false, true), "/b");
        assert_eq!(path("/a/b/..", false, true), "/a/");
        assert_eq!(path("/a/.", false, true), "/a/");
        assert_eq!(path("/../../x", false, true), "/x");
        assert_eq!(path("", false, true), "/");
        assert_eq!(path("a\\b c", true, true), "/a/b%20c");
        assert_eq!(path("/folder/", true, true), "/folder/");
        assert_eq!(path("/folder/", true, false), "/folder");
    }

    /// The segment-at-a-time writer that the run copying in [`PathWriter::path`] must agree with.
    fn reference_path(w: &mut PathWriter, out: &mut String, path: &str, collapse: bool, keep_trailing: bool) {
        let b = path.as_bytes();
        let first = usize::from(matches!(b.first(), Some(b'/' | b'\\')));
        if first == b.len() {
            if !collapse || keep_trailing {
                out.push('/');
            }
            return;
        }
        let mut seg = first;
        let mut i = first;
        loop {
            while i < b.len() && CLASS[b[i] as usize] != SEPARATOR {
                i += 1;
            }
            let last = i == b.len();
            let s = &path[seg..i];
            let clean = s.bytes().all(|c| CLASS[c as usize] == KEEP);
            if collapse && s.is_empty() {
                if last && keep_trailing {
                    out.push('/');
                }
            } else {
                w.segment(out, s, last && (keep_trailing || !collapse), clean);
            }
            if last {
                return;
            }
            i += 1;
            seg = i;
        }
    }

    #[test]
    fn plain_paths_are_written_as_segment_by_segment() {
        let pieces = [
            "a", "bc", "/", "\\", ".", "..", "%2e", "%2E.", "%", " ", "é", "//", "x.y", "~", "?", ".a",
        ];
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..20_000 {
            let n = (next() % 9) as usize;
            let path: String = (0..n)
                .map(|_| pieces[(next() % pieces.len() as u64) as usize])
                .collect();
            for (collapse, trailing) in [(false, true), (true, true), (true, false)] {
                // Behind an endpoint path and a `tr:` atom, as a relative `src` is written.
                let mut got = String::from("https://h");
                let mut want = got.clone();
                let mut w1 = PathWriter::new(&got);
                let mut w2 = PathWriter::new(&want);
                for (w, out) in [(&mut w1, &mut got), (&mut w2, &mut want)] {
                    out.push_str("/ep/x");
                    w.atom(out, "tr:w-1");
                }
                w1.path(&mut got, &path, collapse, trailing);
                reference_path(&mut w2, &mut want, &path, collapse, trailing);
                assert_eq!(got, want, "{path:?} collapse={collapse} trailing={trailing}");
                assert_eq!(w1.lowest, w2.lowest, "{path:?}");
            }
        }
    }

    #[test]
    fn finds_the_query_or_fragment() {
        for text in [
            "",
            "a",
            "abcdefgh",
            "abcdefgh?",
            "/p/q/r/s/t?x#y",
            "01234567#",
            "é?",
            "????????",
            "#",
        ] {
            let b = text.as_bytes();
            for start in 0..=b.len() {
                let want = (start..b.len())
                    .find(|&i| b[i] == b'?' || b[i] == b'#')
                    .unwrap_or(b.len());
                assert_eq!(start + query_or_fragment(&b[start..]), want, "{text:?} from {start}");
            }
        }
    }
}
