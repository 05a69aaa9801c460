//! The seed builder: imagekitio 4.2.0's `Url.build_url` with the seed table, step by step
//! (`url-legacy-exact.md` §1), on borrowed options.

use super::json::Value;
use super::options::Options;
use super::pyfmt;
use super::query::QueryDict;
use super::signature::{get_signature, Expiry};
use super::transform::push_transformation;
use super::urlparse::{sanitize, urlparse};
use crate::client::Client;
use crate::config::TransformationPosition;
use crate::error::{Error, Result};
use std::borrow::Cow;
use std::time::{SystemTime, UNIX_EPOCH};

/// Unix seconds now, as Python's `int(datetime.now().timestamp())`.
pub(crate) fn unix_now() -> i64 {
    match SystemTime::now().duration_since(UNIX_EPOCH) {
        Ok(d) => d.as_secs() as i64,
        Err(e) => -(e.duration().as_secs_f64().ceil() as i64),
    }
}

/// `int(now) + expire_seconds` when `expire_seconds` is truthy; `None` when it is falsy.
fn expiry_for(expire: Option<&Value<'_>>, now: i64) -> Result<Option<Expiry>> {
    let Some(v) = expire else { return Ok(None) };
    match v {
        Value::Null => Ok(None),
        Value::Number(_) if !v.truthy() => Ok(None),
        Value::Number(n) if pyfmt::is_int_literal(n) => {
            let secs: i128 = n
                .parse()
                .map_err(|_| Error::invalid(format!("option `expire_seconds` is out of range: {n}")))?;
            Ok(Some(Expiry::Int(now as i128 + secs)))
        }
        Value::Number(n) => {
            let secs: f64 = n.parse().unwrap_or(f64::NAN);
            Ok(Some(Expiry::Float(now as f64 + secs)))
        }
        other => Err(Error::invalid(format!(
            "option `expire_seconds` must be a number of seconds when the URL is signed, got {}",
            other.type_name()
        ))),
    }
}

/// Python `str()` of a query parameter value; arrays and objects are refused.
fn query_value<'a>(key: &str, v: Value<'a>) -> Result<Cow<'a, str>> {
    match v {
        Value::String(s) => Ok(s),
        Value::Array(_) | Value::Object(_) => Err(Error::invalid(format!(
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

impl Client {
    /// Builds a URL with the seed SDK's `url()` semantics (Decision 1). `options_json` is the
    /// options object; see the `ik_url` documentation for every key. Returns `""` when neither
    /// `path` nor `src` is given (as the seed does).
    pub fn url(&self, options_json: &str) -> Result<String> {
        let opts = Options::parse(options_json)?;
        let now = match opts.now {
            Some(n) => n,
            None => unix_now(),
        };
        self.build_url(opts, now)
    }

    fn build_url(&self, opts: Options<'_>, now: i64) -> Result<String> {
        let endpoint_raw: &str = opts.url_endpoint.as_deref().unwrap_or(&self.config.url_endpoint);
        let endpoint = endpoint_raw.trim_matches('/');
        let mut position = opts.transformation_position.unwrap_or(self.config.transformation_position);

        let mut tr = String::new();
        if let Some(t) = &opts.transformation {
            push_transformation(&mut tr, t)?;
        }

        let path = opts.path.as_deref().unwrap_or("").trim_matches('/');
        let src = opts.src.as_deref().unwrap_or("").trim_matches('/');
        if path.is_empty() && src.is_empty() {
            return Ok(String::new());
        }

        // The URL before its query is rebuilt.
        let mut base;
        if !path.is_empty() {
            base = String::with_capacity(endpoint.len() + tr.len() + path.len() + 6);
            base.push_str(endpoint);
            if position == TransformationPosition::Path && !tr.is_empty() {
                base.push_str("/tr:");
                base.push_str(tr.trim_matches('/'));
            }
            base.push('/');
            base.push_str(path);
        } else {
            base = src.to_string();
            position = TransformationPosition::Query;
        }
        sanitize(&mut base);
        let parts = urlparse(&base)?;

        // dict(parse_qsl(query)), updated with query_parameters, then tr.
        let mut q = QueryDict::with_capacity(4);
        q.parse_qsl(parts.query);
        if let Some(Value::Object(obj)) = &opts.query_parameters {
            for m in obj.members() {
                let (k, v) = m?;
                let lower = k == "ik-attachment" && v.truthy();
                let mut value = query_value(&k, v)?;
                if lower {
                    value = Cow::Owned(value.to_lowercase());
                }
                q.set(k, value);
            }
        }
        if position == TransformationPosition::Query && !tr.is_empty() {
            q.set(Cow::Borrowed("tr"), Cow::Borrowed(tr.as_str()));
        }

        let mut out = String::with_capacity(base.len() + tr.len() * 2 + 96);
        parts.push_head(&mut out);
        if !q.is_empty() {
            out.push('?');
            q.push_urlencoded(&mut out);
        }
        let query_end = out.len();
        parts.push_fragment(&mut out);

        if !opts.signed {
            return Ok(out);
        }

        let expiry = expiry_for(opts.expire_seconds.as_ref(), now)?;
        let signature = get_signature(&self.signer, &out, endpoint, expiry.unwrap_or(Expiry::DEFAULT))?;
        let mut ik_t = String::new();
        if let Some(e) = expiry {
            e.push_str(&mut ik_t);
        }

        if q.contains("ik-t") || q.contains("ik-s") {
            // The caller's own ik-t / ik-s keep their place and get our values (dict update).
            if expiry.is_some() {
                q.set(Cow::Borrowed("ik-t"), Cow::Borrowed(ik_t.as_str()));
            }
            q.set(Cow::Borrowed("ik-s"), Cow::Borrowed(signature.as_str()));
            out.clear();
            parts.push_head(&mut out);
            out.push('?');
            q.push_urlencoded(&mut out);
            parts.push_fragment(&mut out);
            return Ok(out);
        }

        // Common case: append ik-t / ik-s to the query, before any fragment.
        out.truncate(query_end);
        out.push(if q.is_empty() { '?' } else { '&' });
        if expiry.is_some() {
            out.push_str("ik-t=");
            super::query::push_quote_plus(&mut out, &ik_t);
            out.push('&');
        }
        out.push_str("ik-s=");
        out.push_str(&signature);
        parts.push_fragment(&mut out);
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use crate::client::Client;

    fn client() -> Client {
        Client::from_json(
            r#"{"private_key":"private_key_test","public_key":"public_key_test",
                "url_endpoint":"https://test-domain.com/test-endpoint"}"#,
        )
        .unwrap()
    }

    fn url(opts: &str) -> String {
        client().url(opts).unwrap()
    }

    #[test]
    fn basic_path_and_query_positions() {
        assert_eq!(
            url(r#"{"path":"/a.jpg","transformation":[{"height":"300","width":"400"}]}"#),
            "https://test-domain.com/test-endpoint/tr:h-300,w-400/a.jpg"
        );
        assert_eq!(
            url(r#"{"path":"/a.jpg","transformation":[{"height":"300"},{"rotation":90}],"transformation_position":"query"}"#),
            "https://test-domain.com/test-endpoint/a.jpg?tr=h-300%3Art-90"
        );
        assert_eq!(url(r#"{}"#), "");
        assert_eq!(url(r#"{"path":"///","src":"/"}"#), "");
    }

    #[test]
    fn signed_with_expiry_uses_now() {
        let u = url(r#"{"path":"/default-image.jpg","transformation":[{"width":"400"}],"signed":true,"expire_seconds":100,"now":1735689600}"#);
        assert_eq!(
            u,
            "https://test-domain.com/test-endpoint/tr:w-400/default-image.jpg?ik-t=1735689700&ik-s=d3ac333e012f1492a23d9458ea71b41bb277004f"
        );
    }

    #[test]
    fn expire_seconds_types() {
        let c = client();
        for bad in ["\"300\"", "true", "[1]", "{}"] {
            let e = c.url(&format!("{{\"path\":\"a\",\"signed\":true,\"expire_seconds\":{bad}}}")).unwrap_err();
            assert!(e.message.contains("`expire_seconds` must be a number"), "{bad}: {}", e.message);
            // Not signed: the seed ignores expire_seconds entirely.
            assert!(c.url(&format!("{{\"path\":\"a\",\"expire_seconds\":{bad}}}")).is_ok());
        }
        let u = c.url(r#"{"path":"a","signed":true,"expire_seconds":2.5,"now":1735689600}"#).unwrap();
        assert!(u.contains("?ik-t=1735689602.5&ik-s="), "{u}");
        let u = c.url(r#"{"path":"a","signed":true,"expire_seconds":0,"now":1735689600}"#).unwrap();
        assert!(u.contains("?ik-s=") && !u.contains("ik-t"), "{u}");
    }
}
