//! Borrowed JSON pieces for the serde visitors of the modern builder: strings that borrow from
//! the input when they have no escapes, scalar values with JavaScript's `String()` formatting,
//! and a trail (`transformation[0].overlay.position.x`) that names where a bad value sits.
//!
//! The options are read in one streaming pass with serde_json (no `Value` tree): the
//! transformation string is written while its steps are read.

use serde::de::{self, Deserialize, DeserializeSeed, Deserializer, SeqAccess, Visitor};
use std::borrow::Cow;
use std::fmt;

/// A string, borrowed from the input unless it had escapes.
pub struct Str<'a>(pub Cow<'a, str>);

struct StrVisitor;

impl<'de> Visitor<'de> for StrVisitor {
    type Value = Str<'de>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string")
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Str(Cow::Borrowed(v)))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Str(Cow::Owned(v.to_owned())))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(Str(Cow::Owned(v)))
    }
}

impl<'de> Deserialize<'de> for Str<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(StrVisitor)
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
            Scalar::U(n) => super::urlparts::push_u64(out, *n),
            Scalar::I(n) => {
                if *n < 0 {
                    out.push('-');
                }
                super::urlparts::push_u64(out, n.unsigned_abs());
            }
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

/// Reads a [`Scalar`]; `trail` names the value in the "expected …" message of a wrong type.
/// `lists` allows one level of array.
pub struct ScalarSeed<'t> {
    pub trail: &'t Trail<'t>,
    pub lists: bool,
}

impl<'de> DeserializeSeed<'de> for ScalarSeed<'_> {
    type Value = Scalar<'de>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ScalarSeed<'_> {
    type Value = Scalar<'de>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        if self.lists {
            write!(f, "`{}` to be a string, number, boolean or array of those", self.trail)
        } else {
            write!(f, "`{}` to be a string, number or boolean", self.trail)
        }
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
        Ok(Scalar::Bool(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Scalar::U(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(if v >= 0 { Scalar::U(v as u64) } else { Scalar::I(v) })
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        Ok(Scalar::F(v))
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Scalar::Str(Cow::Borrowed(v)))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Scalar::Str(Cow::Owned(v.to_owned())))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(Scalar::Str(Cow::Owned(v)))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Scalar::Null)
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Scalar::Null)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        if !self.lists {
            return Err(de::Error::invalid_type(de::Unexpected::Seq, &self));
        }
        let mut items = Vec::new();
        let mut i = 0;
        loop {
            let t = self.trail.index(i);
            match seq.next_element_seed(ScalarSeed {
                trail: &t,
                lists: false,
            })? {
                Some(v) => items.push(v),
                None => break,
            }
            i += 1;
        }
        Ok(Scalar::List(items))
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
}
