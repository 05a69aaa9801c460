//! The options document of `ik_url`, read in one borrowed pass.
//!
//! Keys are the original Python SDK's snake_case names (`path`, `src`, `url_endpoint`, `transformation`,
//! `transformation_position`, `query_parameters`, `signed`, `expire_seconds`), the camelCase
//! aliases the Python SDK accepts (`urlEndpoint`, `transformationPosition`, `queryParameters`,
//! `expireSeconds`) and `now`, a testing aid that freezes the clock. Keys are matched after
//! trimming surrounding white space; any other key is an error that names it. A repeated key
//! keeps its last value, as Python's `json.loads` does. These are the rules of the one option
//! reader (`crate::options`); the URL builders apply them in their own pull parser, which reads
//! the document in one borrowed pass for speed.

use super::pyfmt;
use super::query::QueryDict;
use super::transform::parse_transformation;
use crate::config::TransformationPosition;
use crate::error::{invalid, Result};
use crate::urlkit::json::{has_nul, nul_error, Parser, Plain, Value};
use std::borrow::Cow;

/// The parsed options, read in one pass: the transformation string is built and the query
/// parameters are converted while the JSON is read.
#[derive(Default)]
pub struct Options<'a> {
    pub path: Option<Cow<'a, str>>,
    pub src: Option<Cow<'a, str>>,
    pub url_endpoint: Option<Cow<'a, str>>,
    /// A `transformation` option was given (its string went to the caller's buffer).
    pub has_transformation: bool,
    pub transformation_position: Option<TransformationPosition>,
    /// `query_parameters` in dict order, values as Python `str()`, `ik-attachment` lower-cased
    /// when truthy (imagekitio 4.x).
    pub query: QueryDict<'a>,
    /// Python truthiness of `signed`.
    pub signed: bool,
    /// Checked only when the URL is signed.
    pub expire_seconds: Option<Value<'a>>,
    pub now: Option<i64>,
}

/// Names accepted, for the "unknown option" message.
const KNOWN: &str = "path, src, url_endpoint (urlEndpoint), transformation, transformation_position \
                     (transformationPosition), query_parameters (queryParameters), signed, expire_seconds \
                     (expireSeconds), now";

/// `str::trim`, skipped when the key visibly needs none (the usual case): both ends are ASCII
/// and above the space (Unicode white space is U+0009–U+000D, U+0020 and non-ASCII).
#[inline]
fn trim_key(k: &str) -> &str {
    let plain = |b: u8| b > b' ' && b < 0x80;
    match (k.as_bytes().first(), k.as_bytes().last()) {
        (Some(&f), Some(&l)) if plain(f) && plain(l) => k,
        _ => k.trim(),
    }
}

/// A string option's value. Inline for the usual plain string; the rest is out of line.
#[inline(always)]
fn want_string<'a>(key: &str, v: Value<'a>) -> Result<Cow<'a, str>> {
    match v {
        Value::String(Cow::Borrowed(s)) => Ok(Cow::Borrowed(s)),
        other => want_string_slow(key, other),
    }
}

/// Reads a string option's value: `Err` for bad JSON, `Ok(Err)` for a value of another type. A
/// plain string is taken straight from the scanner (no [`Value`] built: the hot path).
#[inline(always)]
fn read_string<'a>(p: &mut Parser<'a>, key: &str) -> Result<Result<Cow<'a, str>>> {
    match p.plain_scalar() {
        Some(Plain::String(s)) => Ok(Ok(Cow::Borrowed(s))),
        Some(Plain::Integer(n)) => Ok(want_string_slow(key, Value::Number(n))),
        None => Ok(want_string(key, p.value(1)?)),
    }
}

#[inline(never)]
fn want_string_slow<'a>(key: &str, v: Value<'a>) -> Result<Cow<'a, str>> {
    match v {
        Value::String(s) if has_nul(&s) => Err(nul_error(&format!("option `{key}`"))),
        Value::String(s) => Ok(s),
        other => Err(invalid(format!(
            "option `{key}` must be a string, got {}",
            other.type_name()
        ))),
    }
}

/// Python `str()` of a query parameter value; arrays and objects are refused.
fn query_value<'a>(key: &str, v: Value<'a>) -> Result<Cow<'a, str>> {
    match v {
        Value::String(s) if has_nul(&s) => Err(nul_error(&format!("query_parameters: the value of `{key}`"))),
        Value::String(s) => Ok(s),
        Value::Array(_) | Value::Object(_) => Err(invalid(format!(
            "query_parameters: the value of `{key}` must be a string, number, boolean or null, got {}",
            v.type_name()
        ))),
        other => {
            let mut s = String::new();
            pyfmt::push_scalar(&mut s, &other);
            Ok(Cow::Owned(s))
        }
    }
}

/// Reads `query_parameters` (the parser is on its value) into `into`. A key whose last value is
/// invalid is an error; an invalid value replaced later is not (Python dict semantics).
fn parse_query<'a>(p: &mut Parser<'a>, into: &mut QueryDict<'a>) -> Result<()> {
    if p.peek_value() != Some(b'{') {
        let v = p.value(1)?;
        return Err(invalid(format!(
            "option `query_parameters` must be an object, got {}",
            v.type_name()
        )));
    }
    p.begin_object()?;
    into.clear();
    // The error of each pair whose current value is invalid, by pair position (rarely used).
    let mut bad: Vec<Option<crate::error::Error>> = Vec::new();
    let mut first = true;
    while let Some(k) = p.next_key(&mut first)? {
        if has_nul(&k) {
            return Err(nul_error(&format!("query_parameters: the key {:?}", k.as_ref())));
        }
        let v = p.value(2)?;
        let lower = k == "ik-attachment" && v.truthy();
        match query_value(&k, v) {
            Ok(mut value) => {
                if lower {
                    value = Cow::Owned(value.to_lowercase());
                }
                let at = into.set(k, value);
                if let Some(slot) = bad.get_mut(at) {
                    *slot = None;
                }
            }
            Err(e) => {
                let at = into.set(k, Cow::Borrowed(""));
                if bad.len() <= at {
                    bad.resize_with(at + 1, || None);
                }
                bad[at] = Some(e);
            }
        }
    }
    match bad.into_iter().flatten().next() {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

/// Option slots whose value can be invalid, for [`Pending`].
const PATH: usize = 0;
const SRC: usize = 1;
const URL_ENDPOINT: usize = 2;
const TRANSFORMATION: usize = 3;
const POSITION: usize = 4;
const QUERY: usize = 5;
const NOW: usize = 6;
const UNKNOWN: usize = 7;

/// The error of each option whose last value so far is invalid, with where it was read: the
/// first of those left at the end of the document is reported. Allocated on the first invalid
/// value only, so valid options cost one test per option.
#[derive(Default)]
struct Pending(Option<Box<[Option<PendingError>; 8]>>);

/// Where an invalid value was read, and its error.
type PendingError = (usize, crate::error::Error);

impl Pending {
    /// Records the outcome of reading option `slot` at `at`: an error waits, a valid value
    /// clears the slot's earlier error.
    #[inline(always)]
    fn record<T>(&mut self, slot: usize, at: usize, r: Result<T>) -> Option<T> {
        match r {
            Ok(v) => {
                if let Some(errors) = &mut self.0 {
                    errors[slot] = None;
                }
                Some(v)
            }
            Err(e) => {
                self.fail(slot, at, e);
                None
            }
        }
    }

    #[cold]
    fn fail(&mut self, slot: usize, at: usize, e: crate::error::Error) {
        self.0.get_or_insert_with(Default::default)[slot] = Some((at, e));
    }

    fn has(&self, slot: usize) -> bool {
        self.0.as_ref().is_some_and(|errors| errors[slot].is_some())
    }

    #[inline]
    fn into_result(self) -> Result<()> {
        match self.0 {
            None => Ok(()),
            Some(errors) => match errors.into_iter().flatten().min_by_key(|(at, _)| *at) {
                Some((_, e)) => Err(e),
                None => Ok(()),
            },
        }
    }
}

/// Reads a value with `read` (which may stop at an invalid value, e.g. a wrong type in a
/// transformation step); on such an error the value is read again as plain JSON from `at`, so
/// that a syntax error anywhere in it wins over the invalid value, as in `json.loads`.
fn read_or_skip<'a, T>(
    p: &mut Parser<'a>,
    at: usize,
    read: impl FnOnce(&mut Parser<'a>) -> Result<T>,
) -> Result<Result<T>> {
    match read(p) {
        Ok(v) => Ok(Ok(v)),
        Err(e) => {
            p.reset(at);
            p.value(1)?;
            Ok(Err(e))
        }
    }
}

impl<'a> Options<'a> {
    /// Parses `text` (a JSON object). The result is large (inline buffers), so hot callers use
    /// [`Options::parse_into`] to fill one in place instead of moving it around.
    #[cfg(test)]
    pub fn parse(text: &'a str) -> Result<(Options<'a>, String)> {
        let mut o = Options::default();
        let mut tr = String::new();
        o.parse_into(text, &mut tr)?;
        Ok((o, tr))
    }

    /// Fills `self` (fresh from `Default`) from `text`; the transformation string goes to `tr`
    /// (a reused buffer, cleared first).
    pub fn parse_into(&mut self, text: &'a str, tr: &mut String) -> Result<()> {
        tr.clear();
        let o = self;
        let mut p = Parser::new(text);
        if p.peek_value() != Some(b'{') {
            let v = Parser::document(text)?;
            return Err(invalid(format!(
                "options_json must be a JSON object, got {}",
                v.type_name()
            )));
        }
        p.begin_object()?;
        let mut pending = Pending::default();
        let mut first = true;
        while let Some(raw_key) = p.next_key(&mut first)? {
            let at = p.mark();
            match trim_key(&raw_key) {
                "path" => o.path = pending.record(PATH, at, read_string(&mut p, "path")?),
                "src" => o.src = pending.record(SRC, at, read_string(&mut p, "src")?),
                "url_endpoint" | "urlEndpoint" => {
                    o.url_endpoint = pending.record(URL_ENDPOINT, at, read_string(&mut p, "url_endpoint")?)
                }
                "transformation" => {
                    tr.clear();
                    o.has_transformation = true;
                    let r = read_or_skip(&mut p, at, |p| parse_transformation(p, tr))?;
                    if pending.record(TRANSFORMATION, at, r).is_none() {
                        tr.clear();
                    }
                }
                "transformation_position" | "transformationPosition" => {
                    let bad = |got: &str| {
                        invalid(format!(
                            "option `transformation_position` must be \"path\" or \"query\", got {got}"
                        ))
                    };
                    let r = match p.plain_scalar() {
                        Some(Plain::String(s)) => {
                            TransformationPosition::parse(s).ok_or_else(|| bad(&format!("{s:?}")))
                        }
                        Some(Plain::Integer(_)) => Err(bad("a number")),
                        None => match &p.value(1)? {
                            Value::String(s) => TransformationPosition::parse(s).ok_or_else(|| bad(&format!("{s:?}"))),
                            other => Err(bad(other.type_name())),
                        },
                    };
                    o.transformation_position = pending.record(POSITION, at, r);
                }
                "query_parameters" | "queryParameters" => {
                    let r = read_or_skip(&mut p, at, |p| parse_query(p, &mut o.query))?;
                    if pending.record(QUERY, at, r).is_none() {
                        o.query.clear();
                    }
                }
                "signed" => o.signed = p.value(1)?.truthy(),
                "expire_seconds" | "expireSeconds" => o.expire_seconds = Some(p.value(1)?),
                "now" => {
                    let r = match p.value(1)? {
                        Value::Number(n) if pyfmt::is_int_literal(n) => n
                            .parse::<i64>()
                            .map_err(|_| invalid(format!("option `now` is out of range: {n}"))),
                        other => Err(invalid(format!(
                            "option `now` must be an integer (unix seconds), got {}",
                            other.type_name()
                        ))),
                    };
                    o.now = pending.record(NOW, at, r);
                }
                other => {
                    // Not replaceable by a later key; reported after any syntax error.
                    let e = invalid(format!("unknown option `{other}` (known options: {KNOWN})"));
                    p.value(1)?;
                    if !pending.has(UNKNOWN) {
                        pending.fail(UNKNOWN, at, e);
                    }
                }
            }
        }
        p.finish()?;
        pending.into_result()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_option() {
        let (o, tr) = Options::parse(
            r#"{"path":"/a.jpg","src":"s","urlEndpoint":"https://e","transformation":[{"w":1}],
                " transformation_position ":"query","queryParameters":{"v":"1"},"signed":1,
                "expireSeconds":300,"now":1735689600}"#,
        )
        .unwrap();
        assert_eq!(o.path.as_deref(), Some("/a.jpg"));
        assert_eq!(o.src.as_deref(), Some("s"));
        assert_eq!(o.url_endpoint.as_deref(), Some("https://e"));
        assert_eq!(tr, "w-1");
        assert!(o.has_transformation);
        assert_eq!(o.transformation_position, Some(TransformationPosition::Query));
        assert_eq!(
            o.query.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>(),
            ["v=1"]
        );
        assert!(o.signed);
        assert_eq!(o.expire_seconds, Some(Value::Number("300")));
        assert_eq!(o.now, Some(1735689600));
    }

    #[test]
    fn keys_are_trimmed_like_str_trim() {
        for k in [
            "path",
            " path",
            "path\t",
            "\u{a0}path\u{3000}",
            "path\u{b}",
            "\u{85}path",
            "~x~",
            "é",
            "",
            " ",
        ] {
            assert_eq!(trim_key(k), k.trim(), "{k:?}");
        }
    }

    #[test]
    fn last_duplicate_wins_and_signed_is_truthiness() {
        let (o, _) = Options::parse(r#"{"path":"a","path":"b","signed":"false"}"#).unwrap();
        assert_eq!(o.path.as_deref(), Some("b"));
        assert!(o.signed, "a non-empty string is truthy in Python");
        for falsy in ["false", "0", "0.0", "\"\"", "null", "[]", "{}"] {
            let text = format!("{{\"signed\":{falsy}}}");
            assert!(!Options::parse(&text).unwrap().0.signed, "{falsy}");
        }
    }

    #[test]
    fn errors_name_the_problem() {
        for (json, want) in [
            ("[]", "must be a JSON object, got an array"),
            ("{\"colour\":1}", "unknown option `colour`"),
            ("{\"private_key\":\"x\"}", "unknown option `private_key`"),
            ("{\"path\":1}", "`path` must be a string, got a number"),
            ("{\"path\":null}", "`path` must be a string, got null"),
            ("{\"src\":[]}", "`src` must be a string"),
            ("{\"url_endpoint\":false}", "`url_endpoint` must be a string"),
            ("{\"transformation\":{\"w\":1}}", "`transformation` must be a list"),
            ("{\"transformation\":\"w-1\"}", "`transformation` must be a list"),
            (
                "{\"transformation_position\":\"fake\"}",
                "must be \"path\" or \"query\", got \"fake\"",
            ),
            ("{\"transformation_position\":\"query \"}", "got \"query \""),
            ("{\"transformation_position\":null}", "got null"),
            (
                "{\"query_parameters\":[]}",
                "`query_parameters` must be an object, got an array",
            ),
            (
                "{\"query_parameters\":null}",
                "`query_parameters` must be an object, got null",
            ),
            ("{\"now\":1.5}", "`now` must be an integer"),
            ("{\"now\":\"1\"}", "`now` must be an integer"),
            ("{\"now\":99999999999999999999}", "`now` is out of range"),
            ("{\"path\":\"a\",}", "not valid JSON"),
        ] {
            let Err(e) = Options::parse(json) else {
                panic!("{json} was accepted")
            };
            assert!(e.message.contains(want), "{json}: {}", e.message);
        }
        assert!(Options::parse("{\"transformation\":null}").unwrap().1.is_empty());
        // The last `transformation` / `query_parameters` wins.
        let (o, tr) = Options::parse(r#"{"transformation":[{"w":1}],"transformation":[{"h":2}],"query_parameters":{"a":"1"},"query_parameters":{"b":2}}"#).unwrap();
        assert_eq!(tr, "h-2");
        assert_eq!(
            o.query.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>(),
            ["b=2"]
        );
    }
}
