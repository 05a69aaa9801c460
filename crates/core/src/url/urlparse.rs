//! CPython 3.11's `urlparse` / `urlunparse`, which split the original SDK's builder's URL and
//! put it back together (and in doing so lower-case the scheme, drop an empty `?` or `#`, move
//! `;params` and occasionally add `//`).
//!
//! Kept by hand instead of a URL crate for byte-exactness: WHATWG parsers (the `url` crate)
//! normalise differently from CPython, and `ik_url` must match the Python SDK byte for byte.

use crate::error::Error;
use crate::error::{invalid, Result};
use std::net::Ipv6Addr;

/// The six components of `urlparse`. The scheme is lower-cased by the caller's buffer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UrlParts<'a> {
    pub scheme: &'a str,
    pub scheme_needs_lowercase: bool,
    /// The URL had `//` (an authority) after the scheme, even if the netloc is empty.
    pub had_authority: bool,
    pub netloc: &'a str,
    pub path: &'a str,
    pub params: &'a str,
    pub query: &'a str,
    pub fragment: &'a str,
}

/// Schemes in `urllib.parse.uses_netloc` (CPython 3.11).
fn uses_netloc(scheme: &str) -> bool {
    if scheme == "https" || scheme == "http" {
        return true;
    }
    matches!(
        scheme,
        "" | "ftp"
            | "http"
            | "gopher"
            | "nntp"
            | "telnet"
            | "imap"
            | "wais"
            | "file"
            | "mms"
            | "https"
            | "shttp"
            | "snews"
            | "prospero"
            | "rtsp"
            | "rtsps"
            | "rtspu"
            | "rsync"
            | "svn"
            | "svn+ssh"
            | "sftp"
            | "nfs"
            | "git"
            | "git+ssh"
            | "ws"
            | "wss"
    )
}

/// Schemes in `urllib.parse.uses_params` (CPython 3.11).
fn uses_params(scheme: &str) -> bool {
    if scheme == "https" || scheme == "http" {
        return true;
    }
    matches!(
        scheme,
        "" | "ftp"
            | "hdl"
            | "prospero"
            | "http"
            | "imap"
            | "https"
            | "shttp"
            | "rtsp"
            | "rtsps"
            | "rtspu"
            | "sip"
            | "sips"
            | "mms"
            | "sftp"
            | "tel"
    )
}

const CONTROL: u8 = 1; // \t \r \n: removed by urlsplit
const HASH: u8 = 2;
const QUESTION: u8 = 4;
const SEMICOLON: u8 = 8;
const BRACKET: u8 = 16;

/// Byte classes the parser cares about; most bytes are 0.
const CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    t[b'\t' as usize] = CONTROL;
    t[b'\r' as usize] = CONTROL;
    t[b'\n' as usize] = CONTROL;
    t[b'#' as usize] = HASH;
    t[b'?' as usize] = QUESTION;
    t[b';' as usize] = SEMICOLON;
    t[b'[' as usize] = BRACKET;
    t[b']' as usize] = BRACKET;
    t
};

/// One pass over the URL: which special bytes occur, and where the first `#` and `?` are.
#[derive(Debug, Clone, Copy, Default)]
pub struct Scan {
    seen: u8,
    hash: Option<usize>,
    question: Option<usize>,
}

/// True when any byte of the 8 in `x` might be special: below 0x0E (tab, LF, CR, but also
/// other C0 bytes: false positives are fine), `#`, `;` or `?` (they differ only in bit 2),
/// `[`, `]`.
#[inline]
fn word_may_have_special(x: u64) -> bool {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    let zero = |v: u64| v.wrapping_sub(LO) & !v & HI;
    let low = x.wrapping_sub(LO * 0x0E) & !x & HI;
    let hash = zero(x ^ (LO * 0x23));
    let semi_q = zero((x & (LO * 0xFB)) ^ (LO * 0x3B));
    let open = zero(x ^ (LO * 0x5B));
    let close = zero(x ^ (LO * 0x5D));
    (low | hash | semi_q | open | close) != 0
}

impl Scan {
    pub fn of(url: &str) -> Scan {
        let mut scan = Scan::default();
        let b = url.as_bytes();
        // Skip plain 8-byte words quickly; classify byte by byte from the first word that may
        // hold something.
        let mut start = 0;
        while start + 8 <= b.len() {
            let mut w = [0u8; 8];
            w.copy_from_slice(&b[start..start + 8]);
            if word_may_have_special(u64::from_le_bytes(w)) {
                break;
            }
            start += 8;
        }
        for (i, &b) in b.iter().enumerate().skip(start) {
            let c = CLASS[b as usize];
            if c != 0 {
                if c == HASH && scan.hash.is_none() {
                    scan.hash = Some(i);
                }
                if c == QUESTION && scan.question.is_none() {
                    scan.question = Some(i);
                }
                scan.seen |= c;
            }
        }
        scan
    }

    fn has(&self, class: u8) -> bool {
        self.seen & class != 0
    }
}

/// What `urlsplit` does to its input first: strip leading C0 controls and spaces, and remove
/// every tab, CR and LF. Returns the [`Scan`] of the result.
pub fn sanitize(url: &mut String) -> Scan {
    let mut scan = Scan::of(url);
    let mut changed = false;
    if scan.has(CONTROL) {
        url.retain(|c| !matches!(c, '\t' | '\r' | '\n'));
        changed = true;
    }
    if url.as_bytes().first().is_some_and(|&b| b <= b' ') {
        let lead = url.bytes().take_while(|&b| b <= b' ').count();
        url.drain(..lead);
        changed = true;
    }
    if changed {
        scan = Scan::of(url);
    }
    scan
}

/// True when `url` is certainly left as it is by [`sanitize`], parsed without error by
/// [`urlparse`] and [`UrlParts::is_verbatim`], checked in one cheap pass: a lower-case `http://`
/// or `https://` URL with a non-empty host of letters, digits and `.-_:` only, and no `?`, `#`,
/// `;` or byte below 0x0E (tab, LF, CR and rarer controls) anywhere. False says nothing: the
/// caller then takes the general path. (The builder's usual URL: endpoint + path.)
pub fn plainly_verbatim(url: &str) -> bool {
    let b = url.as_bytes();
    let rest = if let Some(r) = b.strip_prefix(b"https://") {
        r
    } else if let Some(r) = b.strip_prefix(b"http://") {
        r
    } else {
        return false;
    };
    let host = rest.split(|&c| c == b'/').next().unwrap_or_default();
    !host.is_empty()
        && host
            .iter()
            .all(|&c| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'-' | b'_' | b':'))
        && !has_special(b)
}

/// True when `b` has a byte below 0x0E, `#`, `;` or `?`. A lane-wise minimum over 16-byte chunks
/// (plus the last 16 bytes, overlapping) of a value that is zero exactly for those bytes, made
/// of operations that map one-to-one onto SSE2 instructions, so that the loop is vectorized.
#[inline]
fn has_special(b: &[u8]) -> bool {
    /// Zero exactly for a special byte. ';' (0x3B) and '?' (0x3F) differ only in bit 2.
    #[inline(always)]
    fn key(c: u8) -> u8 {
        c.saturating_sub(0x0D).min(c ^ b'#').min((c & 0xFB) ^ b';')
    }
    if b.len() < 16 {
        return b.iter().any(|&c| key(c) == 0);
    }
    let mut lanes = [u8::MAX; 16];
    let mut fold = |chunk: &[u8]| {
        let chunk: &[u8; 16] = chunk.try_into().expect("16-byte chunk");
        for (l, &c) in lanes.iter_mut().zip(chunk) {
            *l = (*l).min(key(c));
        }
    };
    for chunk in b.chunks_exact(16) {
        fold(chunk);
    }
    fold(&b[b.len() - 16..]);
    // A horizontal minimum, not `contains` (a `memchr` call for 16 bytes).
    lanes.iter().fold(u8::MAX, |m, &l| m.min(l)) == 0
}

/// Characters whose NFKC form contains one of `/?#@:` (computed from Unicode 14.0, the table of
/// CPython 3.11). `_checknetloc` rejects a netloc holding any of them.
const NFKC_SEPARATORS: &[char] = &[
    '\u{2047}', '\u{2048}', '\u{2049}', '\u{2100}', '\u{2101}', '\u{2105}', '\u{2106}', '\u{2A74}', '\u{FE13}',
    '\u{FE16}', '\u{FE55}', '\u{FE56}', '\u{FE5F}', '\u{FE6B}', '\u{FF03}', '\u{FF0F}', '\u{FF1A}', '\u{FF1F}',
    '\u{FF20}',
];

fn bad_url(url: &str, why: &str) -> Error {
    invalid(format!("cannot parse the URL {url:?}: {why}"))
}

/// `_check_bracketed_host`: an IPv6 address (optionally with a `%zone`) or an IPvFuture `vX.Y`.
fn check_bracketed_host(url: &str, host: &str) -> Result<()> {
    if let Some(rest) = host.strip_prefix('v') {
        let hex = rest.bytes().take_while(|b| b.is_ascii_hexdigit()).count();
        let after = &rest[hex..];
        if hex == 0 || !after.starts_with('.') || after.len() < 2 || after[1..].contains('\n') {
            return Err(bad_url(url, "invalid IPvFuture address in brackets"));
        }
        return Ok(());
    }
    let (addr, zone) = match host.split_once('%') {
        Some((a, z)) => (a, Some(z)),
        None => (host, None),
    };
    if let Some(z) = zone {
        if z.is_empty() || z.contains('%') {
            return Err(bad_url(url, "invalid IPv6 zone in brackets"));
        }
    }
    if addr.parse::<Ipv6Addr>().is_ok() {
        Ok(())
    } else if zone.is_none() && addr.parse::<std::net::Ipv4Addr>().is_ok() {
        Err(bad_url(url, "an IPv4 address cannot be in brackets"))
    } else {
        Err(bad_url(url, "invalid IPv6 address in brackets"))
    }
}

/// Position of an ASCII byte. A plain loop: on URL-sized strings it beats `str::find(char)`,
/// whose searcher setup costs more than the search.
#[inline]
fn pos(s: &str, b: u8) -> Option<usize> {
    s.as_bytes().iter().position(|&x| x == b)
}

/// Splits at the first `b` (ASCII), like `str::split_once`.
#[inline]
fn split_at_byte(s: &str, b: u8) -> Option<(&str, &str)> {
    pos(s, b).map(|i| (&s[..i], &s[i + 1..]))
}

/// `urlparse(url)` on an already sanitized URL whose [`Scan`] is `scan`. Fails where CPython
/// raises `ValueError`.
pub fn urlparse<'u>(url: &'u str, scan: &Scan) -> Result<UrlParts<'u>> {
    let mut rest = url;
    let mut scheme = "";
    if let Some(i) = pos(url, b':') {
        let candidate = &url[..i];
        if i > 0
            && url.as_bytes()[0].is_ascii_alphabetic()
            && candidate
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'))
        {
            scheme = candidate;
            rest = &url[i + 1..];
        }
    }
    let mut netloc = "";
    let had_authority = rest.starts_with("//");
    if let Some(after) = rest.strip_prefix("//") {
        let end = after
            .as_bytes()
            .iter()
            .position(|&b| matches!(b, b'/' | b'?' | b'#'))
            .unwrap_or(after.len());
        netloc = &after[..end];
        rest = &after[end..];
        let (open, close) = if scan.has(BRACKET) {
            (pos(netloc, b'[').is_some(), pos(netloc, b']').is_some())
        } else {
            (false, false)
        };
        if open != close {
            return Err(bad_url(url, "invalid IPv6 URL (unbalanced brackets)"));
        }
        if open {
            let host = netloc.split_once('[').map_or("", |(_, r)| r);
            let host = host.split_once(']').map_or(host, |(h, _)| h);
            check_bracketed_host(url, host)?;
        }
    }
    // Neither the scheme nor the netloc can hold '#' or '?', so the first ones in the whole URL
    // are the first ones in `rest`.
    let mut fragment = "";
    if scan.hash.is_some() {
        if let Some((before, after)) = split_at_byte(rest, b'#') {
            rest = before;
            fragment = after;
        }
    }
    let mut query = "";
    if scan.question.is_some() {
        if let Some((before, after)) = split_at_byte(rest, b'?') {
            rest = before;
            query = after;
        }
    }
    if !netloc.is_ascii() {
        let stripped = netloc.chars().filter(|c| !matches!(c, '@' | ':' | '#' | '?'));
        if stripped.clone().any(|c| NFKC_SEPARATORS.contains(&c)) {
            return Err(bad_url(
                url,
                "the host contains characters that are invalid under NFKC normalization",
            ));
        }
    }
    let scheme_needs_lowercase = scheme.bytes().any(|b| b.is_ascii_uppercase());
    let with_params = if scheme_needs_lowercase {
        uses_params(&scheme.to_ascii_lowercase())
    } else {
        uses_params(scheme)
    };
    let mut path = rest;
    let mut params = "";
    if with_params && scan.has(SEMICOLON) && pos(path, b';').is_some() {
        // _splitparams: the ';' must be in the last path segment.
        let i = match path.rfind('/') {
            Some(slash) => path[slash..].find(';').map(|j| slash + j),
            None => path.find(';'),
        };
        if let Some(i) = i {
            params = &path[i + 1..];
            path = &path[..i];
        }
    }
    Ok(UrlParts {
        scheme,
        scheme_needs_lowercase,
        had_authority,
        netloc,
        path,
        params,
        query,
        fragment,
    })
}

impl<'a> UrlParts<'a> {
    /// True when `urlunparse` of these parts (with no query) gives back the sanitized URL they
    /// were parsed from byte for byte: no `?`, `#` or `;` anywhere, a lower-case scheme, and no
    /// `//` to insert.
    pub fn is_verbatim(&self, scan: &Scan) -> bool {
        scan.seen & (HASH | QUESTION | SEMICOLON) == 0
            && !self.scheme_needs_lowercase
            && (!self.netloc.is_empty()
                || (!self.had_authority
                    && (self.scheme.is_empty() || !uses_netloc(self.scheme) || self.path.starts_with("//"))))
    }

    /// Writes `urlunparse` of these parts with the given query up to (not including) `?query`;
    /// the caller appends `?query` and then calls [`UrlParts::push_fragment`].
    pub fn push_head(&self, out: &mut String) {
        let mut scheme_uses_netloc = false;
        if !self.scheme.is_empty() {
            let start = out.len();
            out.push_str(self.scheme);
            if self.scheme_needs_lowercase {
                out[start..].make_ascii_lowercase();
            }
            scheme_uses_netloc = uses_netloc(&out[start..]);
            out.push(':');
        }
        // urlunsplit works on url = path + (';' + params if params): it starts with "//" exactly
        // when the path does, and it is empty when both are.
        let url_is_empty = self.path.is_empty() && self.params.is_empty();
        if !self.netloc.is_empty() || (scheme_uses_netloc && !self.path.starts_with("//")) {
            out.push_str("//");
            out.push_str(self.netloc);
            if !url_is_empty && !self.path.starts_with('/') {
                out.push('/');
            }
        }
        out.push_str(self.path);
        if !self.params.is_empty() {
            out.push(';');
            out.push_str(self.params);
        }
    }

    pub fn push_fragment(&self, out: &mut String) {
        if !self.fragment.is_empty() {
            out.push('#');
            out.push_str(self.fragment);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// urlunparse(urlparse(u)) with the original query, as CPython 3.11 gives it.
    fn roundtrip(u: &str) -> String {
        let mut s = u.to_string();
        let scan = sanitize(&mut s);
        let p = urlparse(&s, &scan).unwrap();
        let mut out = String::new();
        p.push_head(&mut out);
        if !p.query.is_empty() {
            out.push('?');
            out.push_str(p.query);
        }
        p.push_fragment(&mut out);
        out
    }

    #[test]
    fn splits_like_cpython() {
        let urlparse = |u| urlparse(u, &Scan::of(u));
        let p = urlparse("HTTPS://Host:8080/a/b;p=1?q=2#frag").unwrap();
        assert_eq!(
            p,
            UrlParts {
                scheme: "HTTPS",
                scheme_needs_lowercase: true,
                had_authority: true,
                netloc: "Host:8080",
                path: "/a/b",
                params: "p=1",
                query: "q=2",
                fragment: "frag"
            }
        );
        let p = urlparse("img.jpg?x=1").unwrap();
        assert_eq!((p.scheme, p.netloc, p.path, p.query), ("", "", "img.jpg", "x=1"));
        let p = urlparse("a/b;c/d;e").unwrap();
        assert_eq!((p.path, p.params), ("a/b;c/d", "e"));
        let p = urlparse("mailto:x;y").unwrap();
        assert_eq!((p.scheme, p.path, p.params), ("mailto", "x;y", ""));
        let p = urlparse("https://h/x#a?b").unwrap();
        assert_eq!((p.path, p.query, p.fragment), ("/x", "", "a?b"));
    }

    #[test]
    fn reassembles_like_cpython() {
        // Expected values: CPython 3.11.7 urlunparse(urlparse(u)).
        for (u, want) in [
            (
                "https://ik.imagekit.io/demo/tr:w-1/a.jpg",
                "https://ik.imagekit.io/demo/tr:w-1/a.jpg",
            ),
            ("HTTPS://Host/x", "https://Host/x"),
            ("https://h/x?", "https://h/x"),
            ("https://h/x#", "https://h/x"),
            ("https://h/x;", "https://h/x"),
            ("https://h/x;p?q#f", "https://h/x;p?q#f"),
            ("https:x", "https:///x"),
            ("https:", "https://"),
            ("https:/x", "https:///x"),
            ("https:////x", "https://x"),
            ("http:;p", "http:///;p"),
            ("https://h;x/y;z", "https://h;x/y;z"),
            ("foo:bar", "foo:bar"),
            ("img.jpg", "img.jpg"),
            ("  \t https://h/a\nb", "https://h/ab"),
            ("https://[::1]:80/x", "https://[::1]:80/x"),
            ("a:b:c", "a:b:c"),
            ("1http://x", "1http://x"),
        ] {
            assert_eq!(roundtrip(u), want, "{u:?}");
        }
    }

    #[test]
    fn scan_finds_every_special_byte() {
        let specials = b"\t\r\n#?;[]";
        for len in 0..40 {
            for at in 0..len {
                for &sp in specials.iter() {
                    let mut v = vec![b'a'; len];
                    v[at] = sp;
                    let s = String::from_utf8(v).unwrap();
                    let scan = Scan::of(&s);
                    assert_ne!(scan.seen, 0, "{s:?}");
                    assert_eq!(scan.hash, (sp == b'#').then_some(at), "{s:?}");
                    assert_eq!(scan.question, (sp == b'?').then_some(at), "{s:?}");
                }
                // Neighbours of the special bytes are not special.
                for plain in [
                    b'\x0e', b'"', b'$', b':', b'<', b'>', b'@', b'Z', b'\\', b'^', b'{', b'}', 0x80,
                ] {
                    let mut v = vec![b'a'; len];
                    v[at] = plain;
                    if let Ok(s) = String::from_utf8(v) {
                        assert_eq!(Scan::of(&s).seen, 0, "{s:?}");
                    }
                }
            }
        }
        let s = Scan::of("https://h/é?a#b?c#d");
        assert_eq!((s.question, s.hash), (Some(12), Some(14)));
    }

    #[test]
    fn special_bytes_exactly() {
        for len in [1, 7, 15, 16, 17, 31, 32, 33, 70] {
            for at in [0, len / 2, len - 1] {
                for c in 0..=255u8 {
                    let mut v = vec![b'a'; len];
                    v[at] = c;
                    let want = c < 0x0E || c == b'#' || c == b';' || c == b'?';
                    assert_eq!(has_special(&v), want, "len {len} at {at} byte {c:#x}");
                }
            }
        }
        assert!(!has_special(b""));
    }

    #[test]
    fn plainly_verbatim_implies_the_general_verdict() {
        let mut cases: Vec<String> = [
            "https://h/a",
            "https://h",
            "http://h:1/a/b.jpg",
            "https://ik.imagekit.io/demo/tr:w-1,h-2:rt-90/a b/é/[x]@y=z&k.jpg",
            "https://h/",
            "https://",
            "http:///x",
            "https://h@u/x",
            "https://[::1]/x",
            "https://hé/x",
            "HTTPS://h/x",
            "Https://h/x",
            "ftp://h/x",
            "https:/h/x",
            " https://h/x",
            "https://h/x\t",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        // Every special byte at every position of URLs around the 16-byte chunk size.
        for len in 0..40 {
            for &sp in b"\t\r\n\x01\x0d#?;[]\x0e:@" {
                for at in 0..len {
                    let mut v = b"https://ik.io/".to_vec();
                    v.extend(std::iter::repeat_n(b'a', len));
                    v[14 + at] = sp;
                    cases.push(String::from_utf8(v).unwrap());
                }
            }
        }
        let mut plain = 0;
        for u in &cases {
            let mut s = u.clone();
            let scan = sanitize(&mut s);
            let general = s == *u && urlparse(&s, &scan).is_ok_and(|p| p.is_verbatim(&scan));
            if plainly_verbatim(u) {
                plain += 1;
                assert!(general, "{u:?}");
            }
            let specials = u.bytes().any(|c| c < 0x0E || b"#?;".contains(&c));
            if specials {
                assert!(!plainly_verbatim(u), "{u:?}");
            }
        }
        assert!(plain > 100);
        assert!(plainly_verbatim("https://ik.imagekit.io/demo/tr:w-1/a.jpg"));
        assert!(plainly_verbatim("http://h:1/a/b.jpg"));
    }

    #[test]
    fn verbatim_means_roundtrip_is_identity() {
        for u in [
            "https://h/a",
            "https://h",
            "http://h:1/a/b.jpg",
            "img.jpg",
            "foo:bar",
            "https:x",
            "https:",
            "HTTP://h/x",
            "https://h/x?q",
            "https://h/x#f",
            "https://h/a;b",
            "https://[::1]/x",
            "https:////x",
            "https://",
            "//x",
            "////x",
            "a:b:c",
            "",
        ] {
            let mut s = u.to_string();
            let scan = sanitize(&mut s);
            let p = urlparse(&s, &scan).unwrap();
            if p.is_verbatim(&scan) {
                assert_eq!(roundtrip(u), s, "{u:?} claimed verbatim");
            }
        }
        let verbatim = |u: &str| {
            let scan = Scan::of(u);
            urlparse(u, &scan).unwrap().is_verbatim(&scan)
        };
        assert!(verbatim("https://ik.imagekit.io/demo/tr:w-1/a.jpg"));
        assert!(!verbatim("https:x"));
        assert!(!verbatim("HTTPS://h/x"));
        assert!(!verbatim("https://h/x?"));
    }

    #[test]
    fn rejects_what_cpython_rejects() {
        let urlparse = |u| urlparse(u, &Scan::of(u));
        for u in [
            "https://[::1/x",
            "https://::1]/x",
            "https://[1.2.3.4]/x",
            "https://[zz]/x",
            "https://[v1]/x",
            "https://a\u{FF0F}b/x",
            "https://a\u{2100}/x",
        ] {
            assert!(urlparse(u).is_err(), "{u:?}");
        }
        assert!(urlparse("https://[v1.x]/y").is_ok());
        assert!(urlparse("https://[fe80::1%eth0]/y").is_ok());
        assert!(urlparse("https://bücher.example/y").is_ok());
    }
}
