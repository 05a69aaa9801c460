//! A small, borrowing JSON pull parser for the options of both URL builders.
//!
//! Kept by hand instead of a crate for a measured speed win: building a `serde_json::Value` tree
//! costs more than signing the URL, so the options are read with this parser instead: strings
//! are borrowed from the input unless they contain escapes, numbers keep their literal text (so
//! Python's `str()` can be reproduced exactly). The caller walks objects and arrays it cares
//! about in one pass with [`Parser::next_key`] and [`Parser::next_element`]; any other array or
//! object is validated and kept as raw text ([`Raw`]). Nothing here allocates unless a string
//! has escapes.
//!
//! The grammar is RFC 8259 JSON. Lone UTF-16 surrogates in `\u` escapes are rejected (they cannot
//! be represented in UTF-8). Nesting is limited to [`MAX_DEPTH`] levels.

use crate::error::Error;
use crate::error::{invalid, Result};
use std::borrow::Cow;

/// Deepest nesting of arrays/objects accepted.
pub(crate) const MAX_DEPTH: usize = 128;

/// The error for a NUL character in a string that goes into the URL.
#[cold]
pub fn nul_error(what: &str) -> crate::error::Error {
    invalid(format!(
        "{what} contains a NUL character (\\u0000), which a URL returned as a C string cannot carry"
    ))
}

/// True when `s` holds a NUL. Only strings decoded from escapes can (the input is a C string and
/// the scanner refuses raw control characters), so borrowed strings are not searched.
#[inline]
#[allow(clippy::ptr_arg)] // The Cow is the point: only an owned (decoded) string is searched.
pub fn has_nul(s: &Cow<'_, str>) -> bool {
    matches!(s, Cow::Owned(o) if o.as_bytes().contains(&0))
}

/// One JSON value, borrowed from the input.
#[derive(Debug, Clone, PartialEq)]
pub enum Value<'a> {
    Null,
    Bool(bool),
    /// The literal text of a number, already checked against the JSON grammar.
    Number(&'a str),
    String(Cow<'a, str>),
    /// A validated array, as its raw text (brackets included).
    Array(Raw<'a>),
    /// A validated object, as its raw text (braces included).
    Object(Raw<'a>),
}

impl<'a> Value<'a> {
    /// The JSON type name, for error messages.
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Number(_) => "a number",
            Value::String(_) => "a string",
            Value::Array(_) => "an array",
            Value::Object(_) => "an object",
        }
    }

    /// Python truthiness of the value `json.loads` would produce.
    #[inline]
    pub fn truthy(&self) -> bool {
        match self {
            Value::Null => false,
            Value::Bool(b) => *b,
            Value::Number(n) => number_is_nonzero(n),
            Value::String(s) => !s.is_empty(),
            Value::Array(r) | Value::Object(r) => !r.is_empty(),
        }
    }
}

/// True unless the number is zero as Python's `json.loads` reads it: an integer literal with a
/// non-zero digit, or a float literal that is not 0.0 after rounding to f64 (so `0e5`, `-0.0`
/// and `1e-400`, which underflows, are zero; `1e400` is inf, which is not).
#[inline(never)]
fn number_is_nonzero(n: &str) -> bool {
    let mut nonzero_digit = false;
    for b in n.bytes() {
        match b {
            b'1'..=b'9' => nonzero_digit = true,
            // A grammar-checked literal always parses (overflow gives ±inf, as in Python).
            b'.' | b'e' | b'E' => return n.parse::<f64>().is_ok_and(|x| x != 0.0),
            _ => {}
        }
    }
    nonzero_digit
}

/// A value [`Parser::plain_scalar`] read, borrowed from the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Plain<'a> {
    /// The content of a string without escapes.
    String(&'a str),
    /// The literal of an integer that does not start with `0` or `-` (so Python's `str()` of it
    /// is the literal itself).
    Integer(&'a str),
}

/// Raw text of an array or object that has already been validated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Raw<'a> {
    text: &'a str,
}

impl<'a> Raw<'a> {
    /// True for `[]` / `{}` (with any white space inside).
    pub fn is_empty(&self) -> bool {
        self.text.len() < 2 || self.text[1..self.text.len() - 1].bytes().all(is_ws)
    }
}

/// The position of the first `"`, `\\` or control character at or after `pos` (or the end):
/// sixteen bytes at a time with SSE2 (part of every x86-64), then eight at a time.
#[cfg(target_arch = "x86_64")]
#[inline(always)]
#[allow(unsafe_code)] // SSE2 intrinsics
fn scan_plain(b: &[u8], mut pos: usize) -> usize {
    use std::arch::x86_64::{
        __m128i, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_min_epu8, _mm_movemask_epi8, _mm_or_si128, _mm_set1_epi8,
    };
    while pos + 16 <= b.len() {
        // SAFETY: SSE2 is in the x86-64 baseline; the unaligned load reads b[pos..pos + 16],
        // which is in bounds.
        let mask = unsafe {
            let x = _mm_loadu_si128(b.as_ptr().add(pos).cast::<__m128i>());
            let quote = _mm_cmpeq_epi8(x, _mm_set1_epi8(b'"' as i8));
            let backslash = _mm_cmpeq_epi8(x, _mm_set1_epi8(b'\\' as i8));
            // Unsigned x < 0x20 exactly when min(x, 0x1f) == x.
            let control = _mm_cmpeq_epi8(_mm_min_epu8(x, _mm_set1_epi8(0x1f)), x);
            _mm_movemask_epi8(_mm_or_si128(_mm_or_si128(quote, backslash), control)) as u32
        };
        if mask != 0 {
            return pos + mask.trailing_zeros() as usize;
        }
        pos += 16;
    }
    scan_plain_words(b, pos)
}

#[cfg(not(target_arch = "x86_64"))]
#[inline(always)]
fn scan_plain(b: &[u8], pos: usize) -> usize {
    scan_plain_words(b, pos)
}

/// [`scan_plain`] eight bytes at a time.
#[inline(always)]
fn scan_plain_words(b: &[u8], mut pos: usize) -> usize {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    while pos + 8 <= b.len() {
        let mut w = [0u8; 8];
        w.copy_from_slice(&b[pos..pos + 8]);
        let x = u64::from_le_bytes(w);
        // Flags bytes < 0x20, == '"' and == '\\'. The lowest flagged byte is always a true
        // match (borrows only propagate upwards), so trailing_zeros finds the first one.
        let lt20 = x.wrapping_sub(LO * 0x20) & !x & HI;
        let q = x ^ (LO * b'"' as u64);
        let quote = q.wrapping_sub(LO) & !q & HI;
        let bs = x ^ (LO * b'\\' as u64);
        let backslash = bs.wrapping_sub(LO) & !bs & HI;
        let mask = lt20 | quote | backslash;
        if mask != 0 {
            return pos + (mask.trailing_zeros() / 8) as usize;
        }
        pos += 8;
    }
    while pos < b.len() && b[pos] != b'"' && b[pos] != b'\\' && b[pos] >= 0x20 {
        pos += 1;
    }
    pos
}

#[inline]
fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

/// A cursor over JSON text.
pub struct Parser<'a> {
    src: &'a str,
    pos: usize,
}

impl<'a> Parser<'a> {
    pub fn new(src: &'a str) -> Parser<'a> {
        Parser { src, pos: 0 }
    }

    #[inline]
    fn bytes(&self) -> &'a [u8] {
        self.src.as_bytes()
    }

    /// `&self.src[start..end]`, inline: the generic `str` range index is an out-of-line call on
    /// this hot path. (`split_at` still checks both ends are char boundaries.)
    #[inline(always)]
    fn slice(&self, start: usize, end: usize) -> &'a str {
        self.src.split_at(end).0.split_at(start).1
    }

    #[inline(always)]
    fn peek(&self) -> Option<u8> {
        self.bytes().get(self.pos).copied()
    }

    #[inline(always)]
    pub fn ws(&mut self) {
        let b = self.bytes();
        while self.pos < b.len() && is_ws(b[self.pos]) {
            self.pos += 1;
        }
    }

    #[inline(always)]
    fn eat(&mut self, c: u8) -> bool {
        if self.peek() == Some(c) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    #[cold]
    #[inline(never)]
    fn error(&self, what: &str) -> Error {
        // Report a 1-based line and column (columns in characters) like most JSON tools.
        let upto = &self.src[..self.pos.min(self.src.len())];
        let line = upto.bytes().filter(|&b| b == b'\n').count() + 1;
        let col = upto.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        invalid(format!(
            "options_json is not valid JSON: {what} at line {line} column {col}"
        ))
    }

    #[inline]
    fn expect(&mut self, c: u8) -> Result<()> {
        self.ws();
        if self.eat(c) {
            Ok(())
        } else {
            Err(self.expected_byte(c))
        }
    }

    #[cold]
    #[inline(never)]
    fn expected_byte(&self, c: u8) -> Error {
        self.unexpected(&format!("`{}`", c as char))
    }

    /// The cursor, for [`Parser::reset`].
    pub fn mark(&self) -> usize {
        self.pos
    }

    /// Goes back to a position from [`Parser::mark`] (to read a part of the input again).
    pub fn reset(&mut self, mark: usize) {
        self.pos = mark;
    }

    /// Parses the whole input as one value followed only by white space.
    pub fn document(src: &'a str) -> Result<Value<'a>> {
        let mut p = Parser::new(src);
        let v = p.value(0)?;
        p.finish()?;
        Ok(v)
    }

    /// Consumes `{` (after optional white space).
    #[inline(always)]
    pub fn begin_object(&mut self) -> Result<()> {
        if self.peek() == Some(b'{') {
            self.pos += 1;
            return Ok(());
        }
        self.expect(b'{')
    }

    /// Consumes `[` (after optional white space).
    #[inline(always)]
    pub fn begin_array(&mut self) -> Result<()> {
        if self.peek() == Some(b'[') {
            self.pos += 1;
            return Ok(());
        }
        self.expect(b'[')
    }

    /// The next key of an object opened with [`Parser::begin_object`], positioned on its value,
    /// or `None` after the closing `}`. `first` must start `true` for each object.
    #[inline(always)]
    pub fn next_key(&mut self, first: &mut bool) -> Result<Option<Cow<'a, str>>> {
        // Fast path, inlined: compact JSON (`"key":` or `,"key":`) with a key without escapes,
        // or `}`. Anything else (white space, escapes, errors) takes the general path.
        let b = self.bytes();
        if b.get(self.pos) == Some(&b'}') {
            self.pos += 1;
            return Ok(None);
        }
        let q = self.pos + usize::from(!*first);
        if (*first || b.get(self.pos) == Some(&b',')) && b.get(q) == Some(&b'"') {
            let end = scan_plain(b, q + 1);
            if b.get(end) == Some(&b'"') && b.get(end + 1) == Some(&b':') {
                *first = false;
                self.pos = end + 2;
                // Both ends are next to ASCII bytes ('"'), hence char boundaries.
                return Ok(Some(Cow::Borrowed(self.slice(q + 1, end))));
            }
        }
        self.next_key_general(first)
    }

    #[inline(never)]
    fn next_key_general(&mut self, first: &mut bool) -> Result<Option<Cow<'a, str>>> {
        self.ws();
        if self.eat(b'}') {
            return Ok(None);
        }
        if !std::mem::take(first) {
            if !self.eat(b',') {
                return Err(self.unexpected("`,` or `}` in an object"));
            }
            self.ws();
        }
        if self.peek() != Some(b'"') {
            return Err(self.unexpected("a string key"));
        }
        let key = self.string()?;
        self.expect(b':')?;
        Ok(Some(key))
    }

    /// True when another element of an array opened with [`Parser::begin_array`] follows (the
    /// parser is then on it); false after the closing `]`.
    pub fn next_element(&mut self, first: &mut bool) -> Result<bool> {
        self.ws();
        if self.eat(b']') {
            return Ok(false);
        }
        if !std::mem::take(first) && !self.eat(b',') {
            return Err(self.unexpected("`,` or `]` in an array"));
        }
        Ok(true)
    }

    /// The next non-white-space byte, without consuming it.
    pub fn peek_value(&mut self) -> Option<u8> {
        self.ws();
        self.peek()
    }

    /// Checks that only white space is left.
    pub fn finish(&mut self) -> Result<()> {
        self.ws();
        if self.pos != self.src.len() {
            return Err(self.error("unexpected text after the JSON value"));
        }
        Ok(())
    }

    #[cold]
    #[inline(never)]
    fn unexpected(&self, what: &str) -> Error {
        if self.pos >= self.src.len() {
            self.error(&format!("expected {what} but the input ended"))
        } else {
            self.error(&format!("expected {what}"))
        }
    }

    /// Parses one value (after optional white space).
    #[inline(always)]
    pub fn value(&mut self, depth: usize) -> Result<Value<'a>> {
        // Fast path, inlined: a string without escapes, an integer or `true`, right at the cursor.
        match self.plain_scalar() {
            Some(Plain::String(s)) => return Ok(Value::String(Cow::Borrowed(s))),
            Some(Plain::Integer(n)) => return Ok(Value::Number(n)),
            None => {}
        }
        if self
            .bytes()
            .get(self.pos..)
            .is_some_and(|rest| rest.starts_with(b"true"))
        {
            self.pos += 4;
            return Ok(Value::Bool(true));
        }
        self.value_general(depth)
    }

    /// The commonest values, read without building a [`Value`]: a string without escapes or an
    /// integer without fraction or exponent, right at the cursor. `None` (the cursor unmoved) for
    /// anything else. Callers on the hot path use it to keep the value in registers.
    #[inline(always)]
    pub fn plain_scalar(&mut self) -> Option<Plain<'a>> {
        let b = self.bytes();
        match b.get(self.pos) {
            Some(b'"') => {
                let start = self.pos + 1;
                let end = scan_plain(b, start);
                if b.get(end) == Some(&b'"') {
                    self.pos = end + 1;
                    // Both ends are next to ASCII bytes ('"'), hence char boundaries.
                    return Some(Plain::String(self.slice(start, end)));
                }
            }
            Some(b'1'..=b'9') => {
                let start = self.pos;
                let mut i = start + 1;
                while i < b.len() && b[i].is_ascii_digit() {
                    i += 1;
                }
                // Not followed by a fraction or an exponent (the general path reads those).
                if !matches!(b.get(i), Some(b'.' | b'e' | b'E')) {
                    self.pos = i;
                    return Some(Plain::Integer(self.slice(start, i)));
                }
            }
            _ => {}
        }
        None
    }

    #[inline(never)]
    fn value_general(&mut self, depth: usize) -> Result<Value<'a>> {
        self.ws();
        match self.peek() {
            None => Err(self.error("expected a value but the input ended")),
            Some(b'"') => self.string().map(Value::String),
            Some(b'{') => {
                let start = self.pos;
                self.skip_object(depth + 1)?;
                Ok(Value::Object(Raw {
                    text: &self.src[start..self.pos],
                }))
            }
            Some(b'[') => {
                let start = self.pos;
                self.skip_array(depth + 1)?;
                Ok(Value::Array(Raw {
                    text: &self.src[start..self.pos],
                }))
            }
            Some(b't') => self.literal("true", Value::Bool(true)),
            Some(b'f') => self.literal("false", Value::Bool(false)),
            Some(b'n') => self.literal("null", Value::Null),
            Some(b'-' | b'0'..=b'9') => self.number().map(Value::Number),
            Some(_) => Err(self.error("expected a value")),
        }
    }

    fn literal(&mut self, word: &str, v: Value<'a>) -> Result<Value<'a>> {
        if self.bytes()[self.pos..].starts_with(word.as_bytes()) {
            self.pos += word.len();
            Ok(v)
        } else {
            Err(self.error("invalid literal"))
        }
    }

    fn digits(&mut self) -> usize {
        let b = self.bytes();
        let start = self.pos;
        while self.pos < b.len() && b[self.pos].is_ascii_digit() {
            self.pos += 1;
        }
        self.pos - start
    }

    fn number(&mut self) -> Result<&'a str> {
        let start = self.pos;
        self.eat(b'-');
        match self.peek() {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => {
                self.digits();
            }
            _ => return Err(self.error("invalid number")),
        }
        if self.eat(b'.') && self.digits() == 0 {
            return Err(self.error("invalid number: digits expected after `.`"));
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            if !self.eat(b'+') {
                self.eat(b'-');
            }
            if self.digits() == 0 {
                return Err(self.error("invalid number: digits expected in the exponent"));
            }
        }
        Ok(&self.src[start..self.pos])
    }

    /// Parses a string starting at `"`; borrows it when it has no escapes.
    #[inline(always)]
    pub fn string(&mut self) -> Result<Cow<'a, str>> {
        let start = self.pos + 1;
        let end = scan_plain(self.bytes(), start);
        if self.bytes().get(end) == Some(&b'"') {
            self.pos = end + 1;
            // Both ends are next to ASCII bytes ('"'), hence char boundaries.
            return Ok(Cow::Borrowed(self.slice(start, end)));
        }
        self.string_slow(start, end)
    }

    /// The rest of [`Parser::string`] after its first run of plain bytes `start..end`.
    #[inline(never)]
    fn string_slow(&mut self, start: usize, end: usize) -> Result<Cow<'a, str>> {
        self.pos = end;
        match self.peek() {
            Some(b'\\') => {
                let mut owned = String::with_capacity(self.pos - start + 16);
                owned.push_str(&self.src[start..self.pos]);
                self.string_escaped(owned).map(Cow::Owned)
            }
            Some(_) => Err(self.error("control character in a string (escape it)")),
            None => Err(self.error("unterminated string")),
        }
    }

    fn string_escaped(&mut self, mut out: String) -> Result<String> {
        let b = self.bytes();
        loop {
            // Copy a run of plain bytes.
            let run = self.pos;
            while self.pos < b.len() && b[self.pos] != b'"' && b[self.pos] != b'\\' && b[self.pos] >= 0x20 {
                self.pos += 1;
            }
            out.push_str(&self.src[run..self.pos]);
            match self.peek() {
                None => return Err(self.error("unterminated string")),
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.pos += 1;
                    let c = self.escape()?;
                    out.push(c);
                }
                Some(_) => return Err(self.error("control character in a string (escape it)")),
            }
        }
    }

    fn hex4(&mut self) -> Result<u32> {
        let b = self.bytes();
        if self.pos + 4 > b.len() {
            return Err(self.error("incomplete \\u escape"));
        }
        let mut v = 0u32;
        for i in 0..4 {
            let d = (b[self.pos + i] as char)
                .to_digit(16)
                .ok_or_else(|| self.error("invalid \\u escape"))?;
            v = v * 16 + d;
        }
        self.pos += 4;
        Ok(v)
    }

    /// Decodes one escape (after the backslash).
    fn escape(&mut self) -> Result<char> {
        let c = match self.peek() {
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => {
                self.pos += 1;
                let hi = self.hex4()?;
                let cp = if (0xD800..0xDC00).contains(&hi) {
                    if !self.bytes()[self.pos..].starts_with(b"\\u") {
                        return Err(self.error("lone UTF-16 surrogate in a \\u escape"));
                    }
                    self.pos += 2;
                    let lo = self.hex4()?;
                    if !(0xDC00..0xE000).contains(&lo) {
                        return Err(self.error("lone UTF-16 surrogate in a \\u escape"));
                    }
                    0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
                } else if (0xDC00..0xE000).contains(&hi) {
                    return Err(self.error("lone UTF-16 surrogate in a \\u escape"));
                } else {
                    hi
                };
                return char::from_u32(cp).ok_or_else(|| self.error("invalid \\u escape"));
            }
            _ => return Err(self.error("invalid escape in a string")),
        };
        self.pos += 1;
        Ok(c)
    }

    /// Validates a string without decoding it.
    fn skip_string(&mut self) -> Result<()> {
        self.pos += 1;
        let b = self.bytes();
        while self.pos < b.len() {
            match b[self.pos] {
                b'"' => {
                    self.pos += 1;
                    return Ok(());
                }
                b'\\' => {
                    self.pos += 1;
                    self.escape()?;
                }
                c if c < 0x20 => return Err(self.error("control character in a string (escape it)")),
                _ => self.pos += 1,
            }
        }
        Err(self.error("unterminated string"))
    }

    fn skip_value(&mut self, depth: usize) -> Result<()> {
        self.ws();
        match self.peek() {
            Some(b'"') => self.skip_string(),
            Some(b'{') => self.skip_object(depth + 1),
            Some(b'[') => self.skip_array(depth + 1),
            _ => self.value(depth).map(|_| ()),
        }
    }

    fn skip_array(&mut self, depth: usize) -> Result<()> {
        if depth > MAX_DEPTH {
            return Err(self.error("arrays/objects nested too deeply"));
        }
        self.pos += 1; // '['
        self.ws();
        if self.eat(b']') {
            return Ok(());
        }
        loop {
            self.skip_value(depth)?;
            self.ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    return Ok(());
                }
                None => return Err(self.error("unterminated array")),
                Some(_) => return Err(self.error("expected `,` or `]` in an array")),
            }
        }
    }

    fn skip_object(&mut self, depth: usize) -> Result<()> {
        if depth > MAX_DEPTH {
            return Err(self.error("arrays/objects nested too deeply"));
        }
        self.pos += 1; // '{'
        self.ws();
        if self.eat(b'}') {
            return Ok(());
        }
        loop {
            self.ws();
            if self.peek() != Some(b'"') {
                return Err(self.error("expected a string key"));
            }
            self.skip_string()?;
            self.expect(b':')?;
            self.skip_value(depth)?;
            self.ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(());
                }
                None => return Err(self.error("unterminated object")),
                Some(_) => return Err(self.error("expected `,` or `}` in an object")),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(s: &str) -> Value<'_> {
        Parser::document(s).unwrap()
    }

    fn err(s: &str) -> String {
        Parser::document(s).unwrap_err().message.clone()
    }

    #[test]
    fn scalars() {
        assert_eq!(doc(" null "), Value::Null);
        assert_eq!(doc("true"), Value::Bool(true));
        assert_eq!(doc("false"), Value::Bool(false));
        assert_eq!(doc("-12.5e+3"), Value::Number("-12.5e+3"));
        assert_eq!(doc("0"), Value::Number("0"));
        assert_eq!(doc("\"a b\""), Value::String(Cow::Borrowed("a b")));
    }

    #[test]
    fn strings_borrow_unless_escaped() {
        match doc("\"plain é\"") {
            Value::String(Cow::Borrowed(s)) => assert_eq!(s, "plain é"),
            v => panic!("{v:?}"),
        }
        match doc(r#""a\"b\\c\/d\b\f\n\r\t\u00e9\ud83d\ude00""#) {
            Value::String(Cow::Owned(s)) => assert_eq!(s, "a\"b\\c/d\u{8}\u{c}\n\r\té😀"),
            v => panic!("{v:?}"),
        }
    }

    #[test]
    fn plain_scan_finds_the_first_special_byte() {
        for text in [
            "",
            "a",
            "abcdefgh",
            "abcdefghijklmnop\"",
            "é€😀 plain\"x",
            "0123456\\x",
            "01234567\u{1f}",
            "\"",
            "\u{7f}\u{80}\u{ff}ÿ\"",
        ] {
            let b = text.as_bytes();
            for start in 0..=b.len() {
                let want = (start..b.len())
                    .find(|&i| b[i] == b'"' || b[i] == b'\\' || b[i] < 0x20)
                    .unwrap_or(b.len());
                assert_eq!(scan_plain(b, start), want, "{text:?} from {start}");
            }
        }
    }

    #[test]
    fn plain_scan_at_every_length_position_and_byte() {
        for len in 0..48 {
            for at in 0..=len {
                for special in [b'"', b'\\', 0x00, 0x1f, b' ', 0x7f, 0x80, 0xff] {
                    let mut b = vec![b'a'; len];
                    if at < len {
                        b[at] = special;
                    }
                    for start in [0, 1, 7, 8, 15, 16, 17].into_iter().filter(|&s| s <= len) {
                        let want = (start..len)
                            .find(|&i| b[i] == b'"' || b[i] == b'\\' || b[i] < 0x20)
                            .unwrap_or(len);
                        assert_eq!(
                            scan_plain(&b, start),
                            want,
                            "len {len}, byte {special:#x} at {at}, from {start}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn rejects_malformed() {
        for bad in [
            "",
            " ",
            "{",
            "[",
            "{\"a\"}",
            "{\"a\":}",
            "{\"a\":1,}",
            "[1,]",
            "[1 2]",
            "{a:1}",
            "'a'",
            "01",
            "1.",
            ".5",
            "1e",
            "-",
            "+1",
            "tru",
            "nul",
            "\"abc",
            "\"\\x\"",
            "\"\\u12\"",
            "\"\\ud800\"",
            "\"\\udc00\"",
            "\"\\ud800\\u0041\"",
            "\"a\u{1}b\"",
            "{} x",
            "[] []",
            "NaN",
            "Infinity",
        ] {
            assert!(Parser::document(bad).is_err(), "accepted {bad:?}");
        }
        assert!(err("{\"a\":1,}").contains("line 1 column 8"), "{}", err("{\"a\":1,}"));
        assert!(
            err("{\n  \"a\": x}").contains("line 2 column 8"),
            "{}",
            err("{\n  \"a\": x}")
        );
    }

    #[test]
    fn depth_limit() {
        let ok = "[".repeat(MAX_DEPTH) + &"]".repeat(MAX_DEPTH);
        assert!(Parser::document(&ok).is_ok());
        let deep = "[".repeat(MAX_DEPTH + 1) + &"]".repeat(MAX_DEPTH + 1);
        assert!(err(&deep).contains("nested too deeply"));
        // Far deeper than the stack could take if recursion were unbounded.
        let huge = "[".repeat(1_000_000);
        assert!(err(&huge).contains("nested too deeply"));
    }

    #[test]
    fn walks_objects_and_arrays_in_order_with_duplicates() {
        let text = r#" {"b": 1, "a": [true, null, "x"], "b": {"c": 2}} "#;
        let mut p = Parser::new(text);
        p.begin_object().unwrap();
        let mut first = true;
        let mut seen = Vec::new();
        while let Some(k) = p.next_key(&mut first).unwrap() {
            if k == "a" {
                p.begin_array().unwrap();
                let mut f = true;
                let mut items = Vec::new();
                while p.next_element(&mut f).unwrap() {
                    items.push(p.value(2).unwrap());
                }
                assert_eq!(items, vec![Value::Bool(true), Value::Null, Value::String("x".into())]);
                seen.push(("a".to_string(), None));
            } else {
                seen.push((k.to_string(), Some(p.value(1).unwrap())));
            }
        }
        p.finish().unwrap();
        assert_eq!(seen.len(), 3);
        assert_eq!(seen[0], ("b".to_string(), Some(Value::Number("1"))));
        assert_eq!(seen[2].0, "b");
        assert!(matches!(seen[2].1, Some(Value::Object(_))));
    }

    #[test]
    fn walking_rejects_malformed_containers() {
        for bad in [r#"{"a":1,}"#, r#"{"a":1 "b":2}"#, r#"{"a" 1}"#, r#"{1:2}"#, r#"{"a":1"#] {
            let mut p = Parser::new(bad);
            p.begin_object().unwrap();
            let mut first = true;
            let r = (|| {
                while p.next_key(&mut first)?.is_some() {
                    p.value(1)?;
                }
                p.finish()
            })();
            assert!(r.is_err(), "accepted {bad}");
        }
        for bad in ["[1,]", "[1 2]", "[,1]", "[1"] {
            let mut p = Parser::new(bad);
            p.begin_array().unwrap();
            let mut first = true;
            let r = (|| {
                while p.next_element(&mut first)? {
                    p.value(1)?;
                }
                p.finish()
            })();
            assert!(r.is_err(), "accepted {bad}");
        }
    }

    #[test]
    fn empty_containers_and_truthiness() {
        for (text, truthy) in [
            ("[]", false),
            ("[ \n ]", false),
            ("{}", false),
            ("{ }", false),
            ("[0]", true),
            ("{\"a\":0}", true),
            ("0", false),
            ("-0", false),
            ("0.0", false),
            ("0e10", false),
            ("-0.0e-3", false),
            ("0.001", true),
            ("1e-300", true),
            // Underflow to 0.0, as Python's float() (2.47e-324 is half the smallest subnormal
            // and rounds to even, i.e. to zero; 2.48e-324 rounds up to it).
            ("1e-400", false),
            ("-1e-400", false),
            ("123.456e-999", false),
            ("0.000000000000000000000000000001e-300", false),
            ("2.47e-324", false),
            ("2.48e-324", true),
            ("5e-324", true),
            ("1e400", true),
            ("-1e400", true),
            ("\"\"", false),
            ("\"0\"", true),
            ("null", false),
            ("false", false),
            ("true", true),
        ] {
            assert_eq!(doc(text).truthy(), truthy, "{text}");
        }
    }
}
