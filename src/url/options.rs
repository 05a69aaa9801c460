//! The options document of `ik_url`, read in one borrowed pass (Decision 1).
//!
//! Keys are the seed's snake_case names (`path`, `src`, `url_endpoint`, `transformation`,
//! `transformation_position`, `query_parameters`, `signed`, `expire_seconds`), the camelCase
//! aliases the Python SDK accepts (`urlEndpoint`, `transformationPosition`, `queryParameters`,
//! `expireSeconds`) and `now`, a testing aid that freezes the clock. Keys are matched after
//! trimming surrounding white space; any other key is an error that names it. A repeated key
//! keeps its last value, as Python's `json.loads` does.

use super::json::{Parser, Value};
use crate::config::TransformationPosition;
use crate::error::{Error, Result};
use std::borrow::Cow;

/// The parsed options. Values the builder only needs later stay as borrowed JSON.
#[derive(Debug, Default)]
pub struct Options<'a> {
    pub path: Option<Cow<'a, str>>,
    pub src: Option<Cow<'a, str>>,
    pub url_endpoint: Option<Cow<'a, str>>,
    /// A validated JSON array (or `None` when absent or null).
    pub transformation: Option<Value<'a>>,
    pub transformation_position: Option<TransformationPosition>,
    /// A validated JSON object.
    pub query_parameters: Option<Value<'a>>,
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

fn want_string<'a>(key: &str, v: Value<'a>) -> Result<Cow<'a, str>> {
    match v {
        Value::String(s) => Ok(s),
        other => Err(Error::invalid(format!("option `{key}` must be a string, got {}", other.type_name()))),
    }
}

impl<'a> Options<'a> {
    pub fn parse(text: &'a str) -> Result<Options<'a>> {
        let doc = Parser::document(text)?;
        let Value::Object(obj) = doc else {
            return Err(Error::invalid(format!("options_json must be a JSON object, got {}", doc.type_name())));
        };
        let mut o = Options::default();
        for member in obj.members() {
            let (raw_key, v) = member?;
            match raw_key.trim() {
                "path" => o.path = Some(want_string("path", v)?),
                "src" => o.src = Some(want_string("src", v)?),
                "url_endpoint" | "urlEndpoint" => o.url_endpoint = Some(want_string("url_endpoint", v)?),
                "transformation" => {
                    o.transformation = match v {
                        Value::Null => None,
                        Value::Array(_) => Some(v),
                        other => {
                            return Err(Error::invalid(format!(
                                "option `transformation` must be a list (JSON array) of objects, got {}",
                                other.type_name()
                            )))
                        }
                    }
                }
                "transformation_position" | "transformationPosition" => {
                    let bad = |got: &str| {
                        Error::invalid(format!(
                            "option `transformation_position` must be \"path\" or \"query\", got {got}"
                        ))
                    };
                    o.transformation_position = Some(match &v {
                        Value::String(s) => TransformationPosition::parse(s).ok_or_else(|| bad(&format!("{s:?}")))?,
                        other => return Err(bad(other.type_name())),
                    });
                }
                "query_parameters" | "queryParameters" => {
                    o.query_parameters = match v {
                        Value::Object(_) => Some(v),
                        other => {
                            return Err(Error::invalid(format!(
                                "option `query_parameters` must be an object, got {}",
                                other.type_name()
                            )))
                        }
                    }
                }
                "signed" => o.signed = v.truthy(),
                "expire_seconds" | "expireSeconds" => o.expire_seconds = Some(v),
                "now" => {
                    o.now = Some(match v {
                        Value::Number(n) if super::pyfmt::is_int_literal(n) => n.parse::<i64>().map_err(|_| {
                            Error::invalid(format!("option `now` is out of range: {n}"))
                        })?,
                        other => {
                            return Err(Error::invalid(format!(
                                "option `now` must be an integer (unix seconds), got {}",
                                other.type_name()
                            )))
                        }
                    })
                }
                other => {
                    return Err(Error::invalid(format!("unknown option `{other}` (known options: {KNOWN})")));
                }
            }
        }
        Ok(o)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_option() {
        let o = Options::parse(
            r#"{"path":"/a.jpg","src":"s","urlEndpoint":"https://e","transformation":[{"w":1}],
                " transformation_position ":"query","queryParameters":{"v":"1"},"signed":1,
                "expireSeconds":300,"now":1735689600}"#,
        )
        .unwrap();
        assert_eq!(o.path.as_deref(), Some("/a.jpg"));
        assert_eq!(o.src.as_deref(), Some("s"));
        assert_eq!(o.url_endpoint.as_deref(), Some("https://e"));
        assert!(matches!(o.transformation, Some(Value::Array(_))));
        assert_eq!(o.transformation_position, Some(TransformationPosition::Query));
        assert!(matches!(o.query_parameters, Some(Value::Object(_))));
        assert!(o.signed);
        assert_eq!(o.expire_seconds, Some(Value::Number("300")));
        assert_eq!(o.now, Some(1735689600));
    }

    #[test]
    fn last_duplicate_wins_and_signed_is_truthiness() {
        let o = Options::parse(r#"{"path":"a","path":"b","signed":"false"}"#).unwrap();
        assert_eq!(o.path.as_deref(), Some("b"));
        assert!(o.signed, "a non-empty string is truthy in Python");
        for falsy in ["false", "0", "0.0", "\"\"", "null", "[]", "{}"] {
            let text = format!("{{\"signed\":{falsy}}}");
            assert!(!Options::parse(&text).unwrap().signed, "{falsy}");
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
            ("{\"transformation_position\":\"fake\"}", "must be \"path\" or \"query\", got \"fake\""),
            ("{\"transformation_position\":\"query \"}", "got \"query \""),
            ("{\"transformation_position\":null}", "got null"),
            ("{\"query_parameters\":[]}", "`query_parameters` must be an object, got an array"),
            ("{\"query_parameters\":null}", "`query_parameters` must be an object, got null"),
            ("{\"now\":1.5}", "`now` must be an integer"),
            ("{\"now\":\"1\"}", "`now` must be an integer"),
            ("{\"now\":99999999999999999999}", "`now` is out of range"),
            ("{\"path\":\"a\",}", "not valid JSON"),
        ] {
            let e = Options::parse(json).unwrap_err();
            assert!(e.message.contains(want), "{json}: {}", e.message);
        }
        assert!(Options::parse("{\"transformation\":null}").unwrap().transformation.is_none());
    }
}
