//! CPython 3.11's `urlparse` / `urlunparse`, which split the seed builder's URL and put it
//! back together (and in doing so lower-case the scheme, drop an empty `?` or `#`, move `;params`
//! and occasionally add `//`).

use crate::error::{Error, Result};
use std::net::Ipv6Addr;

/// The six components of `urlparse`. The scheme is lower-cased by the caller's buffer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UrlParts<'a> {
    pub scheme: &'a str,
    pub scheme_needs_lowercase: bool,
    pub netloc: &'a str,
    pub path: &'a str,
    pub params: &'a str,
    pub query: &'a str,
    pub fragment: &'a str,
}

/// Schemes in `urllib.parse.uses_netloc` (CPython 3.11).
fn uses_netloc(scheme: &str) -> bool {
    matches!(
        scheme,
        "" | "ftp" | "http" | "gopher" | "nntp" | "telnet" | "imap" | "wais" | "file" | "mms" | "https" | "shttp"
            | "snews" | "prospero" | "rtsp" | "rtsps" | "rtspu" | "rsync" | "svn" | "svn+ssh" | "sftp" | "nfs"
            | "git" | "git+ssh" | "ws" | "wss"
    )
}

/// Schemes in `urllib.parse.uses_params` (CPython 3.11).
fn uses_params(scheme: &str) -> bool {
    matches!(
        scheme,
        "" | "ftp" | "hdl" | "prospero" | "http" | "imap" | "https" | "shttp" | "rtsp" | "rtsps" | "rtspu" | "sip"
            | "sips" | "mms" | "sftp" | "tel"
    )
}

/// What `urlsplit` does to its input first: strip leading C0 controls and spaces, and remove
/// every tab, CR and LF.
pub fn sanitize(url: &mut String) {
    if url.bytes().any(|b| matches!(b, b'\t' | b'\r' | b'\n')) {
        url.retain(|c| !matches!(c, '\t' | '\r' | '\n'));
    }
    let lead = url.bytes().take_while(|&b| b <= b' ').count();
    if lead > 0 {
        url.drain(..lead);
    }
}

/// Characters whose NFKC form contains one of `/?#@:` (computed from Unicode 14.0, the table of
/// CPython 3.11). `_checknetloc` rejects a netloc holding any of them.
const NFKC_SEPARATORS: &[char] = &[
    '\u{2047}', '\u{2048}', '\u{2049}', '\u{2100}', '\u{2101}', '\u{2105}', '\u{2106}', '\u{2A74}', '\u{FE13}',
    '\u{FE16}', '\u{FE55}', '\u{FE56}', '\u{FE5F}', '\u{FE6B}', '\u{FF03}', '\u{FF0F}', '\u{FF1A}', '\u{FF1F}',
    '\u{FF20}',
];

fn bad_url(url: &str, why: &str) -> Error {
    Error::invalid(format!("cannot parse the URL {url:?}: {why}"))
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

/// `urlparse(url)` on an already sanitized URL. Fails where CPython raises `ValueError`.
pub fn urlparse(url: &str) -> Result<UrlParts<'_>> {
    let mut rest = url;
    let mut scheme = "";
    if let Some(i) = url.find(':') {
        let candidate = &url[..i];
        if i > 0
            && url.as_bytes()[0].is_ascii_alphabetic()
            && candidate.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'))
        {
            scheme = candidate;
            rest = &url[i + 1..];
        }
    }
    let mut netloc = "";
    if let Some(after) = rest.strip_prefix("//") {
        let end = after.find(['/', '?', '#']).unwrap_or(after.len());
        netloc = &after[..end];
        rest = &after[end..];
        let (open, close) = (netloc.contains('['), netloc.contains(']'));
        if open != close {
            return Err(bad_url(url, "invalid IPv6 URL (unbalanced brackets)"));
        }
        if open {
            let host = netloc.split_once('[').map_or("", |(_, r)| r);
            let host = host.split_once(']').map_or(host, |(h, _)| h);
            check_bracketed_host(url, host)?;
        }
    }
    let mut fragment = "";
    if let Some((before, after)) = rest.split_once('#') {
        rest = before;
        fragment = after;
    }
    let mut query = "";
    if let Some((before, after)) = rest.split_once('?') {
        rest = before;
        query = after;
    }
    if !netloc.is_ascii() {
        let stripped = netloc.chars().filter(|c| !matches!(c, '@' | ':' | '#' | '?'));
        if stripped.clone().any(|c| NFKC_SEPARATORS.contains(&c)) {
            return Err(bad_url(url, "the host contains characters that are invalid under NFKC normalization"));
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
    if with_params && path.contains(';') {
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
    Ok(UrlParts { scheme, scheme_needs_lowercase, netloc, path, params, query, fragment })
}

impl<'a> UrlParts<'a> {
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
        sanitize(&mut s);
        let p = urlparse(&s).unwrap();
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
        let p = urlparse("HTTPS://Host:8080/a/b;p=1?q=2#frag").unwrap();
        assert_eq!(
            p,
            UrlParts {
                scheme: "HTTPS",
                scheme_needs_lowercase: true,
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
            ("https://ik.imagekit.io/demo/tr:w-1/a.jpg", "https://ik.imagekit.io/demo/tr:w-1/a.jpg"),
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
    fn rejects_what_cpython_rejects() {
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
