//! The parts of CPython 3.11's `urllib.parse` the original SDK's builder relies on for query
//! strings: `quote`, `quote_plus`, `unquote`, `parse_qsl` (and the dict it feeds) and `urlencode`.
//!
//! Kept by hand instead of `percent-encoding` / `form_urlencoded` for byte-exactness with CPython
//! (safe sets, `+` for space, `errors="replace"` decoding, blank pairs), which they do not promise.

use super::small::SmallList;
use std::borrow::Cow;

const HEX: &[u8; 16] = b"0123456789ABCDEF";

/// Python's `_ALWAYS_SAFE`: `A-Za-z0-9_.-~`, as a lookup table.
const ALWAYS_SAFE: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        t[i] = b.is_ascii_alphanumeric() || b == b'_' || b == b'.' || b == b'-' || b == b'~';
        i += 1;
    }
    t
};

#[inline]
fn always_safe(b: u8) -> bool {
    ALWAYS_SAFE[b as usize]
}

/// The extra safe characters of the 4.x encode-before-sign step (`Default.IGNORE_CHARACTERS`).
#[inline]
fn sign_safe(b: u8) -> bool {
    always_safe(b) || b"~@#$&()*!+=:;,?/'".contains(&b)
}

/// `%00%01…%FF`: the escape of byte `b` is `PCT[3 * b..3 * b + 3]`, pushed as one `&str` (three
/// `char` pushes cost three capacity checks; quoting is on the hot path of query URLs).
const PCT: &str = {
    const BYTES: [u8; 768] = {
        let mut t = [0u8; 768];
        let mut i = 0;
        while i < 256 {
            t[3 * i] = b'%';
            t[3 * i + 1] = HEX[i >> 4];
            t[3 * i + 2] = HEX[i & 15];
            i += 1;
        }
        t
    };
    match std::str::from_utf8(&BYTES) {
        Ok(s) => s,
        Err(_) => panic!("ASCII table"),
    }
};

#[inline]
fn push_pct(out: &mut String, b: u8) {
    let i = 3 * b as usize;
    out.push_str(&PCT[i..i + 3]);
}

/// `urllib.parse.quote_plus(s, safe='')`: space → `+`, always-safe bytes kept, the rest `%XX`.
///
/// Byte by byte into reserved room, with the length kept in a register: the values quoted here
/// are short (a transformation string, a query value), and copying each run of safe bytes with
/// `push_str` cost a `memcpy` call per run (~9% of the instructions of a URL with a chained
/// transformation in the query).
#[allow(unsafe_code)] // writes ASCII into reserved room
pub fn push_quote_plus(out: &mut String, s: &str) {
    out.reserve(3 * s.len());
    // SAFETY: only ASCII is written (safe ASCII bytes as they are, `+`, and `%XX` for every
    // other byte, including each byte of a multi-byte character), so `out` stays UTF-8.
    let v = unsafe { out.as_mut_vec() };
    let room = v.spare_capacity_mut();
    let mut n = 0;
    for &b in s.as_bytes() {
        if always_safe(b) {
            room[n].write(b);
            n += 1;
        } else if b == b' ' {
            room[n].write(b'+');
            n += 1;
        } else {
            let i = 3 * b as usize;
            for (slot, &c) in room[n..n + 3].iter_mut().zip(&PCT.as_bytes()[i..i + 3]) {
                slot.write(c);
            }
            n += 3;
        }
    }
    // SAFETY: the first `n` bytes of the spare capacity were written above (at most 3 per input
    // byte, and `3 * s.len()` were reserved; the indexing checks it too).
    unsafe { v.set_len(v.len() + n) };
}

/// `urllib.parse.quote(s, safe="~@#$&()*!+=:;,?/'")`, the 4.x encode-before-sign step.
pub fn push_quote_sign(out: &mut String, s: &str) {
    let bytes = s.as_bytes();
    let mut run = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if sign_safe(b) {
            continue;
        }
        if run < i {
            // s[run..i] is a run of safe ASCII bytes, so both ends are char boundaries.
            out.push_str(&s[run..i]);
        }
        push_pct(out, b);
        run = i + 1;
    }
    out.push_str(&s[run..]);
}

#[inline]
fn hex_val(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// Percent-decodes one run of ASCII text to bytes (`unquote_to_bytes`): `%XX` with two hex
/// digits becomes a byte, anything else (a lone `%`, `%G1`) is kept as it is.
fn unquote_ascii_run(run: &str, out: &mut String) {
    let b = run.as_bytes();
    let mut bytes = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            if let (Some(h), Some(l)) = (hex_val(b[i + 1]), hex_val(b[i + 2])) {
                bytes.push(h << 4 | l);
                i += 3;
                continue;
            }
        }
        bytes.push(b[i]);
        i += 1;
    }
    // Python decodes with errors='replace'; both replace maximal invalid subparts with U+FFFD.
    out.push_str(&String::from_utf8_lossy(&bytes));
}

/// `urllib.parse.unquote(s)` (UTF-8, errors='replace'). Only runs of ASCII characters are
/// decoded, each run on its own, exactly as CPython splits the string.
pub fn unquote(s: &str) -> Cow<'_, str> {
    if !s.contains('%') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let start = i;
        if b[i].is_ascii() {
            while i < b.len() && b[i].is_ascii() {
                i += 1;
            }
            unquote_ascii_run(&s[start..i], &mut out);
        } else {
            while i < b.len() && !b[i].is_ascii() {
                i += 1;
            }
            out.push_str(&s[start..i]);
        }
    }
    Cow::Owned(out)
}

/// `x.replace('+', ' ')` then `unquote`.
fn unquote_plus(s: &str) -> Cow<'_, str> {
    if s.contains('+') {
        Cow::Owned(unquote(&s.replace('+', " ")).into_owned())
    } else {
        unquote(s)
    }
}

/// An insertion-ordered string map with Python `dict` assignment semantics: assigning an
/// existing key replaces its value in place, a new key goes to the end. The first few pairs
/// live inline.
#[derive(Default)]
pub struct QueryDict<'a> {
    pairs: SmallList<(Cow<'a, str>, Cow<'a, str>), 8>,
}

impl<'a> QueryDict<'a> {
    /// `d[key] = value`. Returns the pair's position (in insertion order).
    #[inline]
    pub fn set(&mut self, key: Cow<'a, str>, value: Cow<'a, str>) -> usize {
        self.pairs.upsert(key, value)
    }

    pub fn contains(&self, key: &str) -> bool {
        self.pairs.iter().any(|(k, _)| k == key)
    }

    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }

    pub fn clear(&mut self) {
        self.pairs.clear();
    }

    pub fn iter(&self) -> impl Iterator<Item = &(Cow<'a, str>, Cow<'a, str>)> {
        self.pairs.iter()
    }

    /// `dict(parse_qsl(qs))`: split on `&`, skip empty pieces, pieces without `=` and pieces
    /// with an empty value; decode `+` and `%XX` in names and values; a repeated name keeps its
    /// first position and its last value.
    pub fn parse_qsl(&mut self, qs: &'a str) {
        if qs.is_empty() {
            return;
        }
        for piece in qs.split('&') {
            let Some((name, value)) = piece.split_once('=') else {
                continue;
            };
            if value.is_empty() {
                continue;
            }
            self.set(unquote_plus(name), unquote_plus(value));
        }
    }

    /// `urlencode(d)`: `quote_plus(k)=quote_plus(v)` joined with `&`.
    #[cfg(test)]
    pub fn push_urlencoded(&self, out: &mut String) {
        self.push_urlencoded_with(out, &[]);
    }

    /// `urlencode` of this dict after `d.update(updates)` (without building that dict): a key
    /// already present takes the update's value in place, the others follow in order.
    /// Writes nothing for an empty result.
    pub fn push_urlencoded_with(&self, out: &mut String, updates: &[(&str, &str)]) {
        let mut first = true;
        let mut sep = |out: &mut String| {
            if !std::mem::take(&mut first) {
                out.push('&');
            }
        };
        for (k, v) in self.pairs.iter() {
            let v = updates
                .iter()
                .find(|(uk, _)| *uk == k.as_ref())
                .map_or(v.as_ref(), |(_, uv)| *uv);
            sep(out);
            push_quote_plus(out, k);
            out.push('=');
            push_quote_plus(out, v);
        }
        for (k, v) in updates {
            if !self.contains(k) {
                sep(out);
                push_quote_plus(out, k);
                out.push('=');
                push_quote_plus(out, v);
            }
        }
    }

    /// True when `urlencode` of this dict updated with keys `extra` would be empty.
    pub fn is_empty_with(&self, extra: &[(&str, &str)]) -> bool {
        self.is_empty() && extra.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn qp(s: &str) -> String {
        let mut o = String::new();
        push_quote_plus(&mut o, s);
        o
    }

    fn qs(s: &str) -> String {
        let mut o = String::new();
        push_quote_sign(&mut o, s);
        o
    }

    fn parsed(q: &str) -> Vec<(String, String)> {
        let mut d = QueryDict::default();
        d.parse_qsl(q);
        d.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn quote_plus_matches_python() {
        // Expected values: CPython 3.11 urllib.parse.quote_plus(s).
        assert_eq!(qp("h-300,w-400:rt-90"), "h-300%2Cw-400%3Art-90");
        assert_eq!(qp("a b+c/d?e#f&g=h"), "a+b%2Bc%2Fd%3Fe%23f%26g%3Dh");
        assert_eq!(qp("~_.-*'!()"), "~_.-%2A%27%21%28%29");
        assert_eq!(qp("é"), "%C3%A9");
        assert_eq!(qp("😀"), "%F0%9F%98%80");
        assert_eq!(qp("%20"), "%2520");
        assert_eq!(qp(""), "");
        assert_eq!(qp("plain"), "plain");
    }

    #[test]
    fn quote_plus_of_every_character_appends_to_what_is_there() {
        // The rule itself, byte by byte, as the reference.
        fn reference(s: &str) -> String {
            s.bytes()
                .map(|b| match b {
                    b' ' => "+".to_string(),
                    b if b.is_ascii_alphanumeric() || b"_.-~".contains(&b) => (b as char).to_string(),
                    b => format!("%{b:02X}"),
                })
                .collect()
        }
        let mut every: String = (0u32..0x800).filter_map(char::from_u32).collect();
        every.push_str("😀\u{10FFFF}");
        for len in [0, 1, 2, 3, 15, 16, 17, 100, every.chars().count()] {
            let s: String = every.chars().take(len).collect();
            let mut out = String::from("prefix&");
            push_quote_plus(&mut out, &s);
            assert_eq!(out, format!("prefix&{}", reference(&s)), "{len} characters");
        }
    }

    #[test]
    fn quote_for_signing_matches_python() {
        // quote(s, safe="~@#$&()*!+=:;,?/'")
        assert_eq!(
            qs("tr:l-text,i-Imagekité,fs-50,l-end/aéb/x.jpg9999999999"),
            "tr:l-text,i-Imagekit%C3%A9,fs-50,l-end/a%C3%A9b/x.jpg9999999999"
        );
        assert_eq!(qs("a b%20\"<>[]{}|^`\\"), "a%20b%2520%22%3C%3E%5B%5D%7B%7D%7C%5E%60%5C");
        assert_eq!(qs("~@#$&()*!+=:;,?/'"), "~@#$&()*!+=:;,?/'");
    }

    #[test]
    fn unquote_matches_python() {
        assert_eq!(unquote("a%20b"), "a b");
        assert_eq!(unquote("%C3%A9%c3%a9"), "éé");
        assert_eq!(unquote("100%"), "100%");
        assert_eq!(unquote("%G1%4"), "%G1%4");
        assert_eq!(unquote("%FF"), "\u{FFFD}");
        assert_eq!(unquote("%C3"), "\u{FFFD}");
        // Runs are decoded separately: a UTF-8 sequence split by a non-ASCII char is not joined.
        assert_eq!(unquote("%C3é%A9"), "\u{FFFD}é\u{FFFD}");
        assert_eq!(unquote("no escapes"), "no escapes");
    }

    #[test]
    fn parse_qsl_matches_python() {
        let p = |v: &[(&str, &str)]| {
            v.iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect::<Vec<_>>()
        };
        assert_eq!(parsed("a=1&b=2"), p(&[("a", "1"), ("b", "2")]));
        assert_eq!(parsed("a=&b&c=3&&=4"), p(&[("c", "3"), ("", "4")]));
        assert_eq!(parsed("a=1&b=2&a=3"), p(&[("a", "3"), ("b", "2")]));
        assert_eq!(parsed("x=a+b%2Bc&y%20z=%7E"), p(&[("x", "a b+c"), ("y z", "~")]));
        assert_eq!(parsed("k=v=w;x=1"), p(&[("k", "v=w;x=1")]));
        assert_eq!(parsed(""), p(&[]));
    }

    #[test]
    fn urlencode_with_updates() {
        let mut d = QueryDict::default();
        d.set("a".into(), "1".into());
        d.set("tr".into(), "mine".into());
        d.set("b".into(), "x y".into());
        let mut o = String::new();
        d.push_urlencoded_with(&mut o, &[("tr", "w-1:h-2"), ("ik-t", "5"), ("ik-s", "sig")]);
        assert_eq!(o, "a=1&tr=w-1%3Ah-2&b=x+y&ik-t=5&ik-s=sig");
        let e = QueryDict::default();
        let mut o = String::new();
        e.push_urlencoded_with(&mut o, &[]);
        assert_eq!(o, "");
        assert!(e.is_empty_with(&[]));
        assert!(!e.is_empty_with(&[("tr", "x")]));
        e.push_urlencoded_with(&mut o, &[("tr", "x")]);
        assert_eq!(o, "tr=x");
    }

    #[test]
    fn dict_assignment_keeps_first_position() {
        let mut d = QueryDict::default();
        d.set("a".into(), "1".into());
        d.set("b".into(), "2".into());
        d.set("a".into(), "3".into());
        let mut o = String::new();
        d.push_urlencoded(&mut o);
        assert_eq!(o, "a=3&b=2");
        assert!(d.contains("b"));
        assert!(!d.contains("c"));
    }
}
