//! Percent-encoding for the modern builder. One table per place a byte can land in a URL, so the
//! output never holds a raw space, control character, non-ASCII byte or delimiter that would
//! change the URL's meaning, and an existing `%XX` escape is kept as it is (never `%25XX`).
//!
//! | set | used for | keeps (besides `A-Za-z0-9`) |
//! |---|---|---|
//! | [`Set::Path`] | path segments of `src` and `urlEndpoint` | `-._~!$&'()*+,;=:@` and `%XX` |
//! | [`Set::Query`] | a query already in `src` / `urlEndpoint` | the path's, plus `/?`, minus `'` (WHATWG special-query) |
//! | [`Set::Tr`] | the transformation string (path or query) | the path's plus `/`, minus `&` (a `&` would end the `tr` parameter) |
//! | [`push_form`] | `queryParameters` keys and values | `*-._`, space → `+` (WHATWG `application/x-www-form-urlencoded`, as node7's `searchParams.append`) |
//! | [`push_component`] | text layers (`encodeURIComponent`) | `-_.!~*'()` |
//!
//! The WHATWG URL parser that node7 relies on leaves `%` (alone), `[`, `]`, `|`, `^` and, in
//! paths, `'` raw; RFC 3986 does not allow the first five outside their special places, so they
//! are encoded here too (a lone `%` becomes `%25`).

const HEX: &[u8; 16] = b"0123456789ABCDEF";

/// Where the bytes go.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Set {
    Path,
    Query,
    Tr,
}

const fn table(set: Set) -> [bool; 256] {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        let keep = b.is_ascii_alphanumeric()
            || matches!(
                b,
                b'-' | b'.'
                    | b'_'
                    | b'~'
                    | b'!'
                    | b'$'
                    | b'&'
                    | b'\''
                    | b'('
                    | b')'
                    | b'*'
                    | b'+'
                    | b','
                    | b';'
                    | b'='
                    | b':'
                    | b'@'
            );
        t[i] = match set {
            Set::Path => keep,
            Set::Query => (keep && b != b'\'') || b == b'/' || b == b'?',
            Set::Tr => (keep && b != b'&') || b == b'/',
        };
        i += 1;
    }
    t
}

static PATH: [bool; 256] = table(Set::Path);

/// The bytes [`Set::Path`] keeps (for the path writer's byte classes).
pub const fn path_keeps() -> [bool; 256] {
    table(Set::Path)
}
static QUERY: [bool; 256] = table(Set::Query);
static TR: [bool; 256] = table(Set::Tr);

#[inline]
fn keeps(set: Set) -> &'static [bool; 256] {
    match set {
        Set::Path => &PATH,
        Set::Query => &QUERY,
        Set::Tr => &TR,
    }
}

#[inline]
pub fn push_pct(out: &mut String, b: u8) {
    out.push('%');
    out.push(HEX[(b >> 4) as usize] as char);
    out.push(HEX[(b & 15) as usize] as char);
}

/// Appends `s` to `out`, percent-encoding every byte that `set` does not keep; `%XX` escapes
/// are copied as they are.
#[inline]
pub fn push_encoded(out: &mut String, s: &str, set: Set) {
    let keep = keeps(set);
    let b = s.as_bytes();
    let mut run = 0;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if keep[c as usize] {
            i += 1;
            continue;
        }
        if escape_at(b, i) {
            i += 3;
            continue;
        }
        // A non-empty s[run..i] is a run of kept ASCII bytes (or whole escapes), so both ends
        // are char boundaries (`run` may sit inside a character only while `i == run`).
        if run < i {
            out.push_str(&s[run..i]);
        }
        push_pct(out, c);
        i += 1;
        run = i;
    }
    out.push_str(&s[run..]);
}

/// True when `b[i..i + 3]` is `%` and two hex digits.
#[inline]
fn escape_at(b: &[u8], i: usize) -> bool {
    i + 2 < b.len() && b[i] == b'%' && b[i + 1].is_ascii_hexdigit() && b[i + 2].is_ascii_hexdigit()
}

/// True when [`push_encoded`] would copy `s` unchanged.
#[inline]
pub fn is_clean(s: &str, set: Set) -> bool {
    let keep = keeps(set);
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if keep[b[i] as usize] {
            i += 1;
        } else if escape_at(b, i) {
            i += 3;
        } else {
            return false;
        }
    }
    true
}

/// WHATWG `application/x-www-form-urlencoded` byte serializer (what `URLSearchParams` emits).
pub fn push_form(out: &mut String, s: &str) {
    let b = s.as_bytes();
    let mut run = 0;
    for (i, &c) in b.iter().enumerate() {
        if c.is_ascii_alphanumeric() || matches!(c, b'*' | b'-' | b'.' | b'_') {
            continue;
        }
        if run < i {
            out.push_str(&s[run..i]);
        }
        if c == b' ' {
            out.push('+');
        } else {
            push_pct(out, c);
        }
        run = i + 1;
    }
    out.push_str(&s[run..]);
}

/// JavaScript's `encodeURIComponent`.
pub fn push_component(out: &mut String, s: &str) {
    let b = s.as_bytes();
    let mut run = 0;
    for (i, &c) in b.iter().enumerate() {
        if c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.' | b'!' | b'~' | b'*' | b'\'' | b'(' | b')') {
            continue;
        }
        if run < i {
            out.push_str(&s[run..i]);
        }
        push_pct(out, c);
        run = i + 1;
    }
    out.push_str(&s[run..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn enc(s: &str, set: Set) -> String {
        let mut out = String::new();
        push_encoded(&mut out, s, set);
        assert_eq!(is_clean(s, set), out == s, "{s:?}");
        out
    }

    #[test]
    fn path_set() {
        assert_eq!(enc("a b/c", Set::Path), "a%20b%2Fc");
        assert_eq!(enc("é", Set::Path), "%C3%A9");
        assert_eq!(enc("f%20g", Set::Path), "f%20g");
        assert_eq!(enc("100%", Set::Path), "100%25");
        assert_eq!(enc("%2", Set::Path), "%252");
        assert_eq!(enc("%zz", Set::Path), "%25zz");
        assert_eq!(enc("it's(1)!*,;=:@$&+~", Set::Path), "it's(1)!*,;=:@$&+~");
        assert_eq!(
            enc("a?b#c\"<>`{}|^[]\\", Set::Path),
            "a%3Fb%23c%22%3C%3E%60%7B%7D%7C%5E%5B%5D%5C"
        );
        assert_eq!(enc("\t\n\u{7f}", Set::Path), "%09%0A%7F");
    }

    #[test]
    fn query_and_tr_sets() {
        assert_eq!(enc("a=1&b='x'/?", Set::Query), "a=1&b=%27x%27/?");
        assert_eq!(enc("w-300,h-400:rt-90", Set::Tr), "w-300,h-400:rt-90");
        assert_eq!(
            enc("e-edit-prompt-make it vintage", Set::Tr),
            "e-edit-prompt-make%20it%20vintage"
        );
        assert_eq!(enc("i-a&b?c#d", Set::Tr), "i-a%26b%3Fc%23d");
        assert_eq!(enc("ie-SGk%3D,l-end", Set::Tr), "ie-SGk%3D,l-end");
        assert_eq!(enc("i-/path/to/x.jpg", Set::Tr), "i-/path/to/x.jpg");
    }

    #[test]
    fn form_and_component() {
        let mut s = String::new();
        push_form(&mut s, "a b*-._~ü&=+");
        assert_eq!(s, "a+b*-._%7E%C3%BC%26%3D%2B");
        let mut s = String::new();
        push_component(&mut s, "Hello, World! (it's) ~*");
        assert_eq!(s, "Hello%2C%20World!%20(it's)%20~*");
    }
}
