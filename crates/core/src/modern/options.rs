//! The options document of `ik_build_url` / `ik_responsive_image_attributes` (node7's
//! `SrcOptions`, js5's `GetImageAttributesOptions`), read in one pass ([`Reader`]).
//!
//! Names are camelCase as in the SDKs, snake_case accepted too; `null` is the same as leaving an
//! option out; a repeated key keeps its last value (as `JSON.parse`); any other key is an error
//! that names it: the one option reader's rules (`crate::options`), applied in the URL floor's
//! pull parser for speed. The transformation string and the encoded query parameters are built while
//! the JSON is read.

use super::encode::push_form;
use super::json::{in_context, Reader, Scalar, Trail};
use super::transform;
use crate::error::Result;
use std::borrow::Cow;

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

/// Parses `json` into `o` (fresh from `Options::default()`; filled in place, as the struct is
/// large enough that moving it shows); `responsive` admits the responsive-image options. The
/// transformation string goes to `tr` (replacing what it held), percent-encoded
/// ([`transform::finish`]).
pub fn parse<'a>(json: &'a str, responsive: bool, o: &mut Options<'a>, tr: &mut String) -> Result<()> {
    tr.clear();
    let mut r = Reader::new(json);
    read_options(&mut r, o, tr, responsive)
        .and_then(|()| r.end())
        .map_err(|e| in_context(e, "invalid options_json"))?;
    transform::finish(tr);
    Ok(())
}

/// Parses the argument of `ik_build_transformation`: a list of steps, or `{"transformation": […]}`.
pub fn parse_transformation(json: &str) -> Result<String> {
    let mut r = Reader::new(json);
    let mut tr = String::new();
    transformation_doc(&mut r, &mut tr)
        .and_then(|()| r.end())
        .map_err(|e| in_context(e, "invalid transformation JSON"))?;
    transform::finish(&mut tr);
    Ok(tr)
}

fn transformation_doc(r: &mut Reader, out: &mut String) -> Result<()> {
    let root = Trail::root("transformation");
    if r.peek() == Some(b'[') {
        return transform::steps(r, out, &root);
    }
    r.object(false, || {
        "an array of transformation steps, or {\"transformation\": [...]}".into()
    })?;
    let mut first = true;
    while let Some(key) = r.key(&mut first)? {
        if key != "transformation" {
            return Err(r.fail(format_args!("unknown key `{key}` (the only key is `transformation`)")));
        }
        out.clear();
        transform::steps(r, out, &root)?;
    }
    Ok(())
}

/// A string option; `null` is `None`.
#[inline]
fn string_option<'a>(r: &mut Reader<'a>, key: &str) -> Result<Option<Cow<'a, str>>> {
    r.string(&Trail::root(key), || format!("option `{key}`"))
}

/// A number option; `null` is `None`.
fn number_option<'a>(r: &mut Reader<'a>, key: &str) -> Result<Option<Scalar<'a>>> {
    match r.scalar(&Trail::root(key), false)? {
        Scalar::Null => Ok(None),
        v @ (Scalar::U(_) | Scalar::I(_) | Scalar::F(_)) => Ok(Some(v)),
        other => Err(r.fail(format_args!(
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

fn read_options<'a>(r: &mut Reader<'a>, o: &mut Options<'a>, tr: &mut String, responsive: bool) -> Result<()> {
    r.object(false, || "a JSON object of options".into())?;
    let mut first = true;
    while let Some(key) = r.key(&mut first)? {
        match &*key {
            "src" => o.src = string_option(r, "src")?,
            "urlEndpoint" | "url_endpoint" => o.url_endpoint = string_option(r, "urlEndpoint")?,
            "transformation" => {
                tr.clear();
                transform::steps(r, tr, &Trail::root("transformation"))?;
            }
            "transformationPosition" | "transformation_position" => {
                o.position = match string_option(r, "transformationPosition")?.as_deref() {
                    None | Some("query") => Position::Query,
                    Some("path") => Position::Path,
                    Some(other) => {
                        return Err(r.fail(format_args!(
                            "option `transformationPosition` must be \"path\" or \"query\", got {other:?}"
                        )))
                    }
                }
            }
            "queryParameters" | "query_parameters" => {
                o.query.clear();
                query(r, &mut o.query)?;
            }
            "signed" => {
                o.signed = match r.scalar(&Trail::root("signed"), false)? {
                    Scalar::Null => false,
                    Scalar::Bool(b) => b,
                    other => {
                        return Err(r.fail(format_args!(
                            "option `signed` must be true or false, got {}",
                            other.type_name()
                        )))
                    }
                }
            }
            "expiresIn" | "expires_in" => {
                o.expires_in = match number_option(r, "expiresIn")? {
                    None => 0,
                    Some(v) => expires_in(&v).map_err(|m| r.fail(m))?,
                }
            }
            "now" => {
                o.now = match number_option(r, "now")? {
                    None => None,
                    Some(Scalar::U(n)) if n <= i64::MAX as u64 => Some(n as i64),
                    Some(Scalar::I(n)) => Some(n),
                    Some(other) => {
                        return Err(r.fail(format_args!(
                            "option `now` must be whole unix seconds, got {}",
                            other.to_js(",")
                        )))
                    }
                }
            }
            "width" if responsive => o.width = number_option(r, "width")?,
            "sizes" if responsive => o.sizes = string_option(r, "sizes")?,
            "deviceBreakpoints" | "device_breakpoints" if responsive => {
                o.device_breakpoints = breakpoints(r, "deviceBreakpoints")?
            }
            "imageBreakpoints" | "image_breakpoints" if responsive => {
                o.image_breakpoints = breakpoints(r, "imageBreakpoints")?
            }
            other => {
                return Err(r.fail(format_args!(
                    "unknown option `{other}` (known: {})",
                    if responsive { KNOWN_RESPONSIVE } else { KNOWN }
                )))
            }
        }
    }
    Ok(())
}

/// `queryParameters`: an object of string, number or boolean values (or `null`), form-encoded
/// as node7's `searchParams.append` does (`null` values are left out).
fn query(r: &mut Reader, out: &mut String) -> Result<()> {
    if !r.object(true, || "option `queryParameters` to be an object".into())? {
        return Ok(());
    }
    let root = Trail::root("queryParameters");
    let mut first = true;
    while let Some(key) = r.key(&mut first)? {
        let v = r.scalar(&root.key(&key), false)?;
        if v == Scalar::Null {
            continue;
        }
        if !out.is_empty() {
            out.push('&');
        }
        push_form(out, &key);
        out.push('=');
        match &v {
            Scalar::Str(s) => push_form(out, s),
            other => push_form(out, &other.to_js(",")),
        }
    }
    Ok(())
}

/// A list of breakpoints (or `null`): positive whole pixel widths.
fn breakpoints(r: &mut Reader, key: &str) -> Result<Option<Vec<u64>>> {
    if !r.array(true, || format!("option `{key}` to be an array of pixel widths"))? {
        return Ok(None);
    }
    let root = Trail::root(key);
    let mut v = Vec::new();
    let mut first = true;
    while r.element(&mut first)? {
        let t = root.index(v.len());
        match r.scalar(&t, false)? {
            Scalar::U(n) if n > 0 => v.push(n),
            Scalar::F(x) if x >= 1.0 && x.fract() == 0.0 && x < 1e15 => v.push(x as u64),
            other => {
                return Err(r.fail(format_args!(
                    "`{t}` must be a positive whole number of pixels, got {}",
                    other.to_js(",")
                )))
            }
        }
    }
    Ok(Some(v))
}
