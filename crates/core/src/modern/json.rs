//! JSON for the modern builder: a [`Reader`] over the original builder's borrowing pull parser
//! (`crate::urlkit::json::Parser`), scalar values with JavaScript's `String()` formatting, and a
//! trail (`transformation[0].overlay.position.x`) that names where a bad value sits.
//!
//! The options are read in one pass without a tree (the transformation string is written while
//! its steps are read); strings are borrowed from the input unless they have escapes. Numbers
//! are typed as serde_json types them: an integer literal that fits `u64` is [`Scalar::U`], a
//! negative one that fits `i64` is [`Scalar::I`], anything else (a fraction, an exponent, an
//! overflow, `-0`) is an `f64` ([`Scalar::F`]); a literal beyond `f64` is an error. Nesting is
//! limited to the parser's depth (no stack overflow on deep input). Errors end with
//! `at line L column C`.

use crate::error::invalid;
use crate::error::{Error, Result};
use crate::urlkit::json::{Parser, Plain, Value, MAX_DEPTH};
use std::borrow::Cow;
use std::fmt;

/// How the original builder's parser starts its syntax errors; [`in_context`] puts the caller's context there.
const PARSER_PREFIX: &str = "options_json is not valid JSON: ";

/// `err` as an error of the document named by `context` (`invalid options_json: …`).
#[cold]
pub fn in_context(mut err: Error, context: &str) -> Error {
    let message = err.message.strip_prefix(PARSER_PREFIX).unwrap_or(&err.message);
    err.message = format!("{context}: {message}");
    err
}

/// A cursor over one JSON document, typed for the modern options.
pub struct Reader<'a> {
    p: Parser<'a>,
    src: &'a str,
    /// Arrays and objects open at the cursor.
    depth: usize,
}

impl<'a> Reader<'a> {
    pub fn new(src: &'a str) -> Reader<'a> {
        Reader {
            p: Parser::new(src),
            src,
            depth: 0,
        }
    }

    /// `message at line L column C` (1-based; columns in characters), for a bad value at the
    /// cursor.
    #[cold]
    #[inline(never)]
    pub fn fail(&self, message: impl fmt::Display) -> Error {
        let upto = &self.src.as_bytes()[..self.p.mark().min(self.src.len())];
        let line = upto.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = upto.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        // Characters: every byte that does not continue a UTF-8 sequence.
        let col = upto[line_start..].iter().filter(|&&b| b & 0xC0 != 0x80).count() + 1;
        invalid(format!("{message} at line {line} column {col}"))
    }

    #[cold]
    fn eof(&self) -> Error {
        self.fail("EOF while parsing a value")
    }

    /// The error for a value of the wrong type at the cursor: `invalid type: a string "x",
    /// expected …`. A scalar is read first, so a syntax error in it is reported as such.
    #[cold]
    #[inline(never)]
    fn invalid_type(&mut self, expected: impl FnOnce() -> String) -> Error {
        let found = match self.p.peek_value() {
            None => return self.eof(),
            Some(b'{') => "an object".to_owned(),
            Some(b'[') => "an array".to_owned(),
            Some(_) => match self.p.value(self.depth) {
                Ok(Value::String(s)) => format!("a string {s:?}"),
                Ok(Value::Number(n)) => format!("the number {n}"),
                Ok(Value::Bool(b)) => format!("{b}"),
                Ok(v) => v.type_name().to_owned(),
                Err(e) => return e,
            },
        };
        self.fail(format_args!("invalid type: {found}, expected {}", expected()))
    }

    /// The next byte of the value at the cursor (white space skipped), without reading it.
    pub fn peek(&mut self) -> Option<u8> {
        self.p.peek_value()
    }

    /// Opens the object at the cursor (`true`), or reads `null` when `null_ok` (`false`); any
    /// other value is an "invalid type" error saying what was `expected`.
    #[inline(always)]
    pub fn object(&mut self, null_ok: bool, expected: impl FnOnce() -> String) -> Result<bool> {
        self.open(b'{', null_ok, expected)
    }

    /// As [`Reader::object`], for an array.
    #[inline(always)]
    pub fn array(&mut self, null_ok: bool, expected: impl FnOnce() -> String) -> Result<bool> {
        self.open(b'[', null_ok, expected)
    }

    #[inline(always)]
    fn open(&mut self, bracket: u8, null_ok: bool, expected: impl FnOnce() -> String) -> Result<bool> {
        match self.p.peek_value() {
            Some(b) if b == bracket => {
                self.enter()?;
                if bracket == b'{' {
                    self.p.begin_object()?;
                } else {
                    self.p.begin_array()?;
                }
                Ok(true)
            }
            Some(b'n') if null_ok => match self.p.value(self.depth)? {
                Value::Null => Ok(false),
                _ => Err(self.invalid_type(expected)),
            },
            _ => Err(self.invalid_type(expected)),
        }
    }

    #[inline(always)]
    fn enter(&mut self) -> Result<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.fail("recursion limit exceeded"));
        }
        Ok(())
    }

    /// The next key of the open object (the cursor is then on its value), or `None` after its
    /// `}`. `first` starts `true` for each object.
    #[inline(always)]
    pub fn key(&mut self, first: &mut bool) -> Result<Option<Cow<'a, str>>> {
        let key = self.p.next_key(first)?;
        if key.is_none() {
            self.depth -= 1;
        }
        Ok(key)
    }

    /// True when another element of the open array follows (the cursor is then on it), false
    /// after its `]`. `first` starts `true` for each array.
    #[inline(always)]
    pub fn element(&mut self, first: &mut bool) -> Result<bool> {
        let more = self.p.next_element(first)?;
        if !more {
            self.depth -= 1;
        }
        Ok(more)
    }

    /// A string, number, boolean or `null`; with `lists`, also an array of those. `trail` names
    /// the value in the "expected …" message of a wrong type.
    #[inline(always)]
    pub fn scalar(&mut self, trail: &Trail, lists: bool) -> Result<Scalar<'a>> {
        match self.p.plain_scalar() {
            Some(Plain::String(s)) => Ok(Scalar::Str(Cow::Borrowed(s))),
            Some(Plain::Integer(n)) => self.number(n),
            None => self.scalar_general(trail, lists),
        }
    }

    #[inline(never)]
    fn scalar_general(&mut self, trail: &Trail, lists: bool) -> Result<Scalar<'a>> {
        match self.p.peek_value() {
            Some(b'[') if lists => self.list(trail),
            Some(b'[' | b'{') => Err(self.invalid_type(|| expecting_scalar(trail, lists))),
            None => Err(self.eof()),
            Some(_) => match self.p.value(self.depth)? {
                Value::Null => Ok(Scalar::Null),
                Value::Bool(b) => Ok(Scalar::Bool(b)),
                Value::String(s) => Ok(Scalar::Str(s)),
                Value::Number(n) => self.number(n),
                v @ (Value::Array(_) | Value::Object(_)) => Err(self.fail(format_args!(
                    "invalid type: {}, expected {}",
                    v.type_name(),
                    expecting_scalar(trail, lists)
                ))),
            },
        }
    }

    /// A string, or `null` (`None`); any other value is an error: a wrong scalar is "`name()`
    /// must be a string, got …".
    #[inline(always)]
    pub fn string(&mut self, trail: &Trail, name: impl FnOnce() -> String) -> Result<Option<Cow<'a, str>>> {
        match self.p.plain_scalar() {
            Some(Plain::String(s)) => return Ok(Some(Cow::Borrowed(s))),
            Some(Plain::Integer(_)) => return Err(self.fail(format_args!("{} must be a string, got a number", name()))),
            None => {}
        }
        match self.scalar(trail, false)? {
            Scalar::Null => Ok(None),
            Scalar::Str(s) => Ok(Some(s)),
            other => Err(self.fail(format_args!("{} must be a string, got {}", name(), other.type_name()))),
        }
    }

    fn list(&mut self, trail: &Trail) -> Result<Scalar<'a>> {
        self.enter()?;
        self.p.begin_array()?;
        let mut items = Vec::new();
        let mut first = true;
        while self.element(&mut first)? {
            let v = self.scalar(&trail.index(items.len()), false)?;
            items.push(v);
        }
        Ok(Scalar::List(items))
    }

    /// A number literal (already checked against the JSON grammar) typed as serde_json does.
    #[inline]
    fn number(&self, text: &str) -> Result<Scalar<'a>> {
        if !text.bytes().any(|b| matches!(b, b'.' | b'e' | b'E')) {
            if !text.starts_with('-') {
                if let Ok(n) = text.parse::<u64>() {
                    return Ok(Scalar::U(n));
                }
            } else if let Ok(n) = text.parse::<i64>() {
                return Ok(if n == 0 { Scalar::F(-0.0) } else { Scalar::I(n) });
            }
        }
        match text.parse::<f64>() {
            Ok(x) if x.is_finite() => Ok(Scalar::F(x)),
            _ => Err(self.fail("number out of range")),
        }
    }

    /// Checks that only white space is left.
    pub fn end(&mut self) -> Result<()> {
        self.p.ws();
        if self.p.mark() != self.src.len() {
            return Err(self.fail("trailing characters"));
        }
        Ok(())
    }
}

fn expecting_scalar(trail: &Trail, lists: bool) -> String {
    if lists {
        format!("`{trail}` to be a string, number, boolean or array of those")
    } else {
        format!("`{trail}` to be a string, number or boolean")
    }
}

/// Where a value sits in the options, for error messages: `transformation[0].overlay.text`.
#[derive(Clone, Copy)]
pub struct Trail<'p> {
    parent: Option<&'p Trail<'p>>,
    part: Part<'p>,
}

#[derive(Clone, Copy)]
enum Part<'p> {
    Key(&'p str),
    Index(usize),
}

impl<'p> Trail<'p> {
    pub fn root(key: &'p str) -> Trail<'p> {
        Trail {
            parent: None,
            part: Part::Key(key),
        }
    }
    pub fn key(&'p self, key: &'p str) -> Trail<'p> {
        Trail {
            parent: Some(self),
            part: Part::Key(key),
        }
    }
    pub fn index(&'p self, i: usize) -> Trail<'p> {
        Trail {
            parent: Some(self),
            part: Part::Index(i),
        }
    }
}

impl fmt::Display for Trail<'_> {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        if let Some(p) = self.parent {
            write!(f, "{p}")?;
            if let Part::Key(_) = self.part {
                f.write_str(".")?;
            }
        }
        match self.part {
            Part::Key(k) => f.write_str(k),
            Part::Index(i) => write!(f, "[{i}]"),
        }
    }
}

/// A JSON scalar (or a list of scalars) as a transformation or query value.
#[derive(Debug, Clone, PartialEq)]
pub enum Scalar<'a> {
    Null,
    Bool(bool),
    U(u64),
    I(i64),
    F(f64),
    Str(Cow<'a, str>),
    List(Vec<Scalar<'a>>),
}

impl Scalar<'_> {
    /// JavaScript's `String(value)`, except that numbers never use exponent notation. A list
    /// joins its items with `sep` (`,` as `Array.prototype.toString` does).
    pub fn write_js(&self, out: &mut String, sep: &str) {
        match self {
            Scalar::Null => {}
            Scalar::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Scalar::U(n) => out.push_str(itoa::Buffer::new().format(*n)),
            Scalar::I(n) => out.push_str(itoa::Buffer::new().format(*n)),
            Scalar::F(x) => {
                use std::fmt::Write;
                // Rust's `Display` is the shortest round-trip form without an exponent; `-0`
                // prints as `0` (as in JavaScript).
                let x = if *x == 0.0 { 0.0 } else { *x };
                let _ = write!(out, "{x}");
            }
            Scalar::Str(s) => out.push_str(s),
            Scalar::List(items) => {
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(sep);
                    }
                    item.write_js(out, sep);
                }
            }
        }
    }

    pub fn to_js(&self, sep: &str) -> String {
        let mut s = String::new();
        self.write_js(&mut s, sep);
        s
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Scalar::Str(s) => Some(s),
            _ => None,
        }
    }

    /// The value as a number, when it is one.
    pub fn as_f64(&self) -> Option<f64> {
        match *self {
            Scalar::U(n) => Some(n as f64),
            Scalar::I(n) => Some(n as f64),
            Scalar::F(x) => Some(x),
            _ => None,
        }
    }

    pub fn type_name(&self) -> &'static str {
        match self {
            Scalar::Null => "null",
            Scalar::Bool(_) => "a boolean",
            Scalar::U(_) | Scalar::I(_) | Scalar::F(_) => "a number",
            Scalar::Str(_) => "a string",
            Scalar::List(_) => "an array",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn js_strings() {
        let cases: [(Scalar, &str); 9] = [
            (Scalar::Bool(true), "true"),
            (Scalar::U(80), "80"),
            (Scalar::I(-5), "-5"),
            (Scalar::F(80.0), "80"),
            (Scalar::F(0.1), "0.1"),
            (Scalar::F(-0.0), "0"),
            (Scalar::F(1e21), "1000000000000000000000"),
            (Scalar::F(2.5e-7), "0.00000025"),
            (Scalar::List(vec![Scalar::U(240), Scalar::Str("360".into())]), "240,360"),
        ];
        for (v, want) in cases {
            assert_eq!(v.to_js(","), want);
        }
    }

    #[test]
    fn trails() {
        let root = Trail::root("transformation");
        let step = root.index(2);
        let ov = step.key("overlay");
        assert_eq!(ov.key("text").to_string(), "transformation[2].overlay.text");
    }

    fn scalar(text: &str) -> Result<Scalar<'_>> {
        let mut r = Reader::new(text);
        let v = r.scalar(&Trail::root("v"), true)?;
        r.end()?;
        Ok(v)
    }

    /// serde_json's `deserialize_any` types, which the builder kept when it moved off serde.
    #[test]
    fn numbers_are_typed_as_serde_json_types_them() {
        let serde_kind = |text: &str| -> Scalar<'static> {
            match serde_json::from_str::<serde_json::Value>(text).unwrap() {
                serde_json::Value::Number(n) => match (n.as_u64(), n.as_i64()) {
                    (Some(u), _) => Scalar::U(u),
                    (None, Some(i)) => Scalar::I(i),
                    _ => Scalar::F(n.as_f64().unwrap()),
                },
                v => panic!("{v}"),
            }
        };
        for text in [
            "0",
            "7",
            "18446744073709551615",
            "18446744073709551616",
            "-1",
            "-9223372036854775808",
            "-9223372036854775809",
            "-18446744073709551615",
            "1.5",
            "1e3",
            "-2.5E-3",
            "1e-400",
            "123456789012345678901234567890",
        ] {
            assert_eq!(scalar(text).unwrap(), serde_kind(text), "{text}");
        }
        // serde_json reads `-0` as the float -0.0 (so `expiresIn: -0` is no expiry, not an error).
        assert!(matches!(scalar("-0").unwrap(), Scalar::F(x) if x == 0.0 && x.is_sign_negative()));
        for huge in ["1e400", "-1e400", &format!("1{}", "0".repeat(400))] {
            let e = scalar(huge).unwrap_err();
            assert!(e.message.contains("number out of range"), "{huge}: {}", e.message);
            assert!(serde_json::from_str::<serde_json::Value>(huge).is_err());
        }
    }

    #[test]
    fn scalars_lists_and_wrong_types() {
        assert_eq!(
            scalar(r#" [1, "a\nb", null, true] "#).unwrap(),
            Scalar::List(vec![
                Scalar::U(1),
                Scalar::Str("a\nb".into()),
                Scalar::Null,
                Scalar::Bool(true)
            ])
        );
        let e = scalar("[[1]]").unwrap_err();
        assert!(
            e.message
                .starts_with("invalid type: an array, expected `v[0]` to be a string, number or boolean at line 1"),
            "{}",
            e.message
        );
        let e = scalar("{\"a\":1}").unwrap_err();
        assert!(e
            .message
            .contains("invalid type: an object, expected `v` to be a string, number, boolean"));
        assert!(scalar("").unwrap_err().message.contains("EOF"));
        assert!(scalar("1 2").unwrap_err().message.contains("trailing characters"));
        assert!(scalar("[1,]").is_err() && scalar("tru").is_err() && scalar("\"\\x\"").is_err());
    }

    #[test]
    fn errors_name_line_and_column() {
        let text = "{\n  \"é\": [x]}";
        let mut r = Reader::new(text);
        let mut first = true;
        assert!(r.object(false, String::new).unwrap());
        assert_eq!(r.key(&mut first).unwrap().as_deref(), Some("é"));
        let e = r.scalar(&Trail::root("é"), false).unwrap_err();
        assert!(e.message.contains("invalid type: an array"), "{}", e.message);
        assert!(e.message.ends_with("at line 2 column 8"), "{}", e.message);
        let mut r = Reader::new("{\"a\" 1}");
        assert!(r.object(false, String::new).unwrap());
        let e = in_context(r.key(&mut true).unwrap_err(), "ctx");
        assert!(e.message.starts_with("ctx: "), "{}", e.message);
        assert!(!e.message.contains("options_json"), "{}", e.message);
    }

    #[test]
    fn depth_is_limited() {
        fn walk(r: &mut Reader) -> Result<()> {
            if r.array(true, String::new)? {
                let mut first = true;
                while r.element(&mut first)? {
                    walk(r)?;
                }
            }
            Ok(())
        }
        let ok = "[".repeat(MAX_DEPTH) + &"]".repeat(MAX_DEPTH);
        assert!(walk(&mut Reader::new(&ok)).is_ok());
        let deep = "[".repeat(MAX_DEPTH + 1) + &"]".repeat(MAX_DEPTH + 1);
        let e = walk(&mut Reader::new(&deep)).unwrap_err();
        assert!(e.message.contains("recursion limit"), "{}", e.message);
    }
}
