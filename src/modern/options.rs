//! The options document of `ik_build_url` / `ik_responsive_image_attributes` (node7's
//! `SrcOptions`, js5's `GetImageAttributesOptions`), read in one streaming pass.
//!
//! Names are camelCase as in the SDKs, snake_case accepted too; `null` is the same as leaving an
//! option out; a repeated key keeps its last value (as `JSON.parse`); any other key is an error
//! that names it. The transformation string and the encoded query parameters are built while
//! the JSON is read.

use super::encode::push_form;
use super::invalid;
use super::json::{Scalar, ScalarSeed, Str, Trail};
use super::transform::{self, StepsSeed};
use crate::error::Result;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use std::borrow::Cow;
use std::fmt;

/// Where the transformation goes for a relative `src`.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub enum Position {
    #[default]
    Query,
    Path,
}

#[derive(Default)]
pub struct Options<'a> {
    pub src: Option<Cow<'a, str>>,
    pub url_endpoint: Option<Cow<'a, str>>,
    /// The transformation string, percent-encoded ([`transform::finish`]).
    pub tr: String,
    pub position: Position,
    /// `queryParameters`, form-encoded and joined with `&`, in order.
    pub query: String,
    pub signed: bool,
    /// Seconds; 0 = no expiry.
    pub expires_in: u64,
    pub now: Option<i64>,
    // Responsive images only.
    pub width: Option<Scalar<'a>>,
    pub sizes: Option<Cow<'a, str>>,
    pub device_breakpoints: Option<Vec<u64>>,
    pub image_breakpoints: Option<Vec<u64>>,
}

const KNOWN: &str = "src, urlEndpoint, transformation, transformationPosition, queryParameters, signed, expiresIn, now";
const KNOWN_RESPONSIVE: &str = "src, urlEndpoint, transformation, transformationPosition, queryParameters, signed, \
                                expiresIn, now, width, sizes, deviceBreakpoints, imageBreakpoints";

/// Parses `json`; `responsive` admits the responsive-image options.
pub fn parse(json: &str, responsive: bool) -> Result<Options<'_>> {
    let mut de = serde_json::Deserializer::from_str(json);
    // Filled in place: the struct is large enough that moving it through serde's layers shows.
    let mut o = Options {
        tr: String::with_capacity(64),
        ..Options::default()
    };
    OptionsSeed { responsive, o: &mut o }
        .deserialize(&mut de)
        .and_then(|()| de.end())
        .map_err(|e| invalid(format!("invalid options_json: {e}")))?;
    o.tr = transform::finish(std::mem::take(&mut o.tr));
    Ok(o)
}

/// Parses the argument of `ik_build_transformation`: a list of steps, or `{"transformation": […]}`.
pub fn parse_transformation(json: &str) -> Result<String> {
    let mut de = serde_json::Deserializer::from_str(json);
    let mut tr = String::new();
    TransformationDoc { out: &mut tr }
        .deserialize(&mut de)
        .and_then(|()| de.end())
        .map_err(|e| invalid(format!("invalid transformation JSON: {e}")))?;
    Ok(transform::finish(tr))
}

struct TransformationDoc<'o> {
    out: &'o mut String,
}

impl<'de> DeserializeSeed<'de> for TransformationDoc<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> std::result::Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for TransformationDoc<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an array of transformation steps, or {\"transformation\": [...]}")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> std::result::Result<(), A::Error> {
        let root = Trail::root("transformation");
        StepsSeed {
            out: self.out,
            trail: &root,
        }
        .visit_seq(seq)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<(), A::Error> {
        while let Some(Str(key)) = map.next_key::<Str>()? {
            if key != "transformation" {
                return Err(de::Error::custom(format!(
                    "unknown key `{key}` (the only key is `transformation`)"
                )));
            }
            self.out.clear();
            let root = Trail::root("transformation");
            map.next_value_seed(StepsSeed {
                out: &mut *self.out,
                trail: &root,
            })?;
        }
        Ok(())
    }
}

struct OptionsSeed<'o, 'de> {
    responsive: bool,
    o: &'o mut Options<'de>,
}

impl<'de> DeserializeSeed<'de> for OptionsSeed<'_, 'de> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> std::result::Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }
}

fn string_option<'de, A: MapAccess<'de>>(
    map: &mut A,
    key: &str,
) -> std::result::Result<Option<Cow<'de, str>>, A::Error> {
    let t = Trail::root(key);
    match map.next_value_seed(ScalarSeed {
        trail: &t,
        lists: false,
    })? {
        Scalar::Null => Ok(None),
        Scalar::Str(s) => Ok(Some(s)),
        other => Err(de::Error::custom(format!(
            "option `{key}` must be a string, got {}",
            other.type_name()
        ))),
    }
}

fn number_option<'de, A: MapAccess<'de>>(map: &mut A, key: &str) -> std::result::Result<Option<Scalar<'de>>, A::Error> {
    let t = Trail::root(key);
    match map.next_value_seed(ScalarSeed {
        trail: &t,
        lists: false,
    })? {
        Scalar::Null => Ok(None),
        v @ (Scalar::U(_) | Scalar::I(_) | Scalar::F(_)) => Ok(Some(v)),
        other => Err(de::Error::custom(format!(
            "option `{key}` must be a number, got {}",
            other.type_name()
        ))),
    }
}

/// `expiresIn`: whole seconds (a fraction is cut off, as node7's `parseInt` does); negative or
/// below one second is an error (node7 would sign without any expiry).
fn expires_in(v: &Scalar) -> std::result::Result<u64, String> {
    let secs = match *v {
        Scalar::U(n) => n,
        Scalar::F(x) if (0.0..1.8e19).contains(&x) => x as u64,
        _ => {
            return Err(format!(
                "option `expiresIn` must be a non-negative number of seconds, got {}",
                v.to_js(",")
            ))
        }
    };
    if secs == 0 && v.as_f64() != Some(0.0) {
        return Err(format!(
            "option `expiresIn` must be at least 1 second (or 0 for no expiry), got {}",
            v.to_js(",")
        ));
    }
    Ok(secs)
}

impl<'de> Visitor<'de> for OptionsSeed<'_, 'de> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON object of options")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<Self::Value, A::Error> {
        let o = self.o;
        while let Some(Str(key)) = map.next_key::<Str>()? {
            match &*key {
                "src" => o.src = string_option(&mut map, "src")?,
                "urlEndpoint" | "url_endpoint" => o.url_endpoint = string_option(&mut map, "urlEndpoint")?,
                "transformation" => {
                    o.tr.clear();
                    o.tr.reserve(64);
                    let root = Trail::root("transformation");
                    map.next_value_seed(StepsSeed {
                        out: &mut o.tr,
                        trail: &root,
                    })?;
                }
                "transformationPosition" | "transformation_position" => {
                    o.position = match string_option(&mut map, "transformationPosition")?.as_deref() {
                        None | Some("query") => Position::Query,
                        Some("path") => Position::Path,
                        Some(other) => {
                            return Err(de::Error::custom(format!(
                                "option `transformationPosition` must be \"path\" or \"query\", got {other:?}"
                            )))
                        }
                    }
                }
                "queryParameters" | "query_parameters" => {
                    o.query.clear();
                    map.next_value_seed(QuerySeed { out: &mut o.query })?;
                }
                "signed" => {
                    let t = Trail::root("signed");
                    o.signed = match map.next_value_seed(ScalarSeed {
                        trail: &t,
                        lists: false,
                    })? {
                        Scalar::Null => false,
                        Scalar::Bool(b) => b,
                        other => {
                            return Err(de::Error::custom(format!(
                                "option `signed` must be true or false, got {}",
                                other.type_name()
                            )))
                        }
                    }
                }
                "expiresIn" | "expires_in" => {
                    o.expires_in = match number_option(&mut map, "expiresIn")? {
                        None => 0,
                        Some(v) => expires_in(&v).map_err(de::Error::custom)?,
                    }
                }
                "now" => {
                    o.now = match number_option(&mut map, "now")? {
                        None => None,
                        Some(Scalar::U(n)) if n <= i64::MAX as u64 => Some(n as i64),
                        Some(Scalar::I(n)) => Some(n),
                        Some(other) => {
                            return Err(de::Error::custom(format!(
                                "option `now` must be whole unix seconds, got {}",
                                other.to_js(",")
                            )))
                        }
                    }
                }
                "width" if self.responsive => o.width = number_option(&mut map, "width")?,
                "sizes" if self.responsive => o.sizes = string_option(&mut map, "sizes")?,
                "deviceBreakpoints" | "device_breakpoints" if self.responsive => {
                    o.device_breakpoints = map.next_value_seed(Breakpoints {
                        key: "deviceBreakpoints",
                    })?
                }
                "imageBreakpoints" | "image_breakpoints" if self.responsive => {
                    o.image_breakpoints = map.next_value_seed(Breakpoints {
                        key: "imageBreakpoints",
                    })?
                }
                other => {
                    return Err(de::Error::custom(format!(
                        "unknown option `{other}` (known: {})",
                        if self.responsive { KNOWN_RESPONSIVE } else { KNOWN }
                    )))
                }
            }
        }
        Ok(())
    }
}

/// `queryParameters`: an object of string, number or boolean values, form-encoded as node7's
/// `searchParams.append` does (`null` values are left out).
struct QuerySeed<'o> {
    out: &'o mut String,
}

impl<'de> DeserializeSeed<'de> for QuerySeed<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> std::result::Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for QuerySeed<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("option `queryParameters` to be an object")
    }
    fn visit_unit<E: de::Error>(self) -> std::result::Result<(), E> {
        Ok(())
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<(), A::Error> {
        let root = Trail::root("queryParameters");
        while let Some(Str(key)) = map.next_key::<Str>()? {
            let t = root.key(&key);
            let v = map.next_value_seed(ScalarSeed {
                trail: &t,
                lists: false,
            })?;
            if v == Scalar::Null {
                continue;
            }
            if !self.out.is_empty() {
                self.out.push('&');
            }
            push_form(self.out, &key);
            self.out.push('=');
            match &v {
                Scalar::Str(s) => push_form(self.out, s),
                other => push_form(self.out, &other.to_js(",")),
            }
        }
        Ok(())
    }
}

/// A list of breakpoints: positive whole pixel widths.
struct Breakpoints {
    key: &'static str,
}

impl<'de> DeserializeSeed<'de> for Breakpoints {
    type Value = Option<Vec<u64>>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> std::result::Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Breakpoints {
    type Value = Option<Vec<u64>>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "option `{}` to be an array of pixel widths", self.key)
    }
    fn visit_unit<E: de::Error>(self) -> std::result::Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<Self::Value, A::Error> {
        let root = Trail::root(self.key);
        let mut v = Vec::new();
        loop {
            let t = root.index(v.len());
            match seq.next_element_seed(ScalarSeed {
                trail: &t,
                lists: false,
            })? {
                None => return Ok(Some(v)),
                Some(Scalar::U(n)) if n > 0 => v.push(n),
                Some(Scalar::F(x)) if x >= 1.0 && x.fract() == 0.0 && x < 1e15 => v.push(x as u64),
                Some(other) => {
                    return Err(de::Error::custom(format!(
                        "`{t}` must be a positive whole number of pixels, got {}",
                        other.to_js(",")
                    )))
                }
            }
        }
    }
}
