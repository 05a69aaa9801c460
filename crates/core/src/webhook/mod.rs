//! Webhook verification (`webhooks.unwrap` in the newest SDKs): checks that a webhook request
//! really comes from ImageKit and is fresh, then hands back its event JSON.
//!
//! Two signature schemes are in use (ImageKit's webhook docs; docs/webhooks-and-upload-tokens.md):
//! - [`standard`]: Standard Webhooks, what the newest SDKs verify: headers `webhook-id`,
//!   `webhook-timestamp` (unix seconds) and `webhook-signature` (space-separated `v1,<base64>`),
//!   HMAC-SHA256 over `id.timestamp.body`;
//! - [`legacy`]: `x-ik-signature: t=<unix ms>,v1=<hex>`, HMAC-SHA256 over `t.body`, from the
//!   docs and the older SDKs.
//!
//! Which one a request uses is read from its headers (or pinned with [`UnwrapOptions::scheme`]).
//! Checks run in this order, and the first that fails is the error, its `reason` naming it
//! ([`Check`]): headers present, headers well formed, a signature matches (constant-time
//! comparison), the timestamp is within the tolerance (default ±5 minutes) of now, and the body
//! is a JSON object. The signature comes before the clock so that a forged request only ever
//! learns "no matching signature".
//!
//! The key: the official SDKs disagree. py5 keys the HMAC with the secret's raw UTF-8 bytes
//! (it base64-encodes the secret before handing it to `standardwebhooks`); node7 hands it over
//! as is, so `standardwebhooks` strips `whsec_` and base64-decodes the rest (the Standard
//! Webhooks spec). [`SecretEncoding::Auto`] accepts a signature made with either key; both come
//! from the secret, so this widens nothing an attacker could use.

mod checks;
pub mod legacy;
pub mod standard;

use checks::Clock;
pub use checks::{Check, Headers, Scheme};

use crate::error::{Error, Result};
use crate::options::{self, opt, Kind, Param, Wire};
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use serde_json::{Map, Value};

/// How the secret string becomes the HMAC key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SecretEncoding {
    /// Accept a signature made with either key below.
    #[default]
    Auto,
    /// The secret's UTF-8 bytes as given, prefix and all (py5, the legacy scheme's docs).
    Raw,
    /// Standard Webhooks: the base64 text after an optional `whsec_` prefix, decoded (node7).
    Whsec,
}

/// Options of [`unwrap`]; the JSON form is `{"tolerance_seconds":300,"now":…,"scheme":"auto",
/// "secret_encoding":"auto"}`, every member optional.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnwrapOptions {
    /// How far the timestamp may be from now, either way, in seconds (default 300).
    pub tolerance_seconds: i64,
    /// "Now" as unix seconds; `None` reads the system clock. Tests freeze it here.
    pub now: Option<i64>,
    /// `None` picks the scheme from the headers present.
    pub scheme: Option<Scheme>,
    pub secret_encoding: SecretEncoding,
}

impl Default for UnwrapOptions {
    fn default() -> UnwrapOptions {
        UnwrapOptions {
            tolerance_seconds: 300,
            now: None,
            scheme: None,
            secret_encoding: SecretEncoding::Auto,
        }
    }
}

impl UnwrapOptions {
    /// Reads the JSON form with the one option reader; unknown members and wrong types are
    /// errors that name them.
    pub fn from_json_map(map: &Map<String, Value>) -> Result<UnwrapOptions> {
        const KEYS: &[Param] = &[
            opt("tolerance_seconds", Kind::Int).or(&["toleranceSeconds"]),
            opt("now", Kind::Int),
            opt("scheme", Kind::Str),
            opt("secret_encoding", Kind::Str).or(&["secretEncoding"]),
        ];
        let read = options::read(KEYS, map, "webhook option", Wire::Json)?;
        let bad = |key: &str, want: &str| Error::invalid(format!("webhook option `{key}` must be {want}"));
        let seconds = |key: &str| match read.u64(key) {
            None => Ok(None),
            Some(n) => i64::try_from(n).map(Some).map_err(|_| bad(key, "at most 2^63 - 1")),
        };
        let mut o = UnwrapOptions::default();
        if let Some(t) = seconds("tolerance_seconds")? {
            o.tolerance_seconds = t;
        }
        o.now = seconds("now")?;
        o.scheme = match read.str("scheme") {
            None | Some("auto") => None,
            Some("standard") => Some(Scheme::Standard),
            Some("legacy") => Some(Scheme::Legacy),
            Some(_) => return Err(bad("scheme", r#""auto", "standard" or "legacy""#)),
        };
        o.secret_encoding = match read.str("secret_encoding") {
            None | Some("auto") => SecretEncoding::Auto,
            Some("raw") => SecretEncoding::Raw,
            Some("whsec") => SecretEncoding::Whsec,
            Some(_) => return Err(bad("secret_encoding", r#""auto", "raw" or "whsec""#)),
        };
        Ok(o)
    }
}

/// A verified webhook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified<'a> {
    pub scheme: Scheme,
    /// The timestamp as signed: unix seconds (standard) or milliseconds (legacy).
    pub timestamp: i64,
    /// The event: the request body, verbatim (a JSON object).
    pub event: &'a str,
}

/// Verifies a webhook request and returns its event. `secret` is the endpoint's signing secret
/// (never echoed in errors); `body` the raw request body, exactly as received.
pub fn unwrap<'b>(secret: &str, body: &'b [u8], headers: &Headers<'_>, opts: &UnwrapOptions) -> Result<Verified<'b>> {
    let keys = keys(secret, opts.secret_encoding)?;
    let scheme = match opts.scheme {
        Some(s) => s,
        None if standard::HEADERS.iter().any(|h| headers.has(h)) => Scheme::Standard,
        None if headers.has(legacy::HEADER) => Scheme::Legacy,
        None => return Err(Check::MissingHeader.fail(
            None,
            "no signature headers: expected webhook-id, webhook-timestamp and webhook-signature (Standard Webhooks) \
                 or x-ik-signature",
        )),
    };
    let now = match opts.now {
        Some(n) => Clock::Frozen(n),
        None => Clock::System,
    };
    let timestamp = match scheme {
        Scheme::Standard => standard::verify(&keys, body, headers, opts.tolerance_seconds, now)?,
        Scheme::Legacy => legacy::verify(&keys, body, headers, opts.tolerance_seconds, now)?,
    };
    let event = std::str::from_utf8(body).map_err(|e| {
        Check::BodyNotJson.fail(
            Some(scheme),
            format_args!("the body is not UTF-8 (byte {})", e.valid_up_to()),
        )
    })?;
    serde_json::from_str::<Map<String, Value>>(event)
        .map_err(|e| Check::BodyNotJson.fail(Some(scheme), format_args!("the body is not a JSON object: {e}")))?;
    Ok(Verified {
        scheme,
        timestamp,
        event,
    })
}

/// The HMAC keys the secret stands for under `encoding` (one or two; never empty).
fn keys(secret: &str, encoding: SecretEncoding) -> Result<Vec<Vec<u8>>> {
    if secret.is_empty() {
        return Err(Error::invalid("the webhook secret is empty"));
    }
    let decoded = || {
        let text = secret.strip_prefix("whsec_").unwrap_or(secret);
        STANDARD.decode(text).ok().filter(|k| !k.is_empty())
    };
    Ok(match encoding {
        SecretEncoding::Raw => vec![secret.as_bytes().to_vec()],
        SecretEncoding::Whsec => vec![decoded().ok_or_else(|| {
            Error::invalid("the webhook secret is not `whsec_` followed by base64 (secret_encoding \"whsec\")")
        })?],
        // Either key, as the docs say: the decoded one whenever the text (after an optional
        // `whsec_`) is valid base64, prefix or not, as `whsec` itself would take it.
        SecretEncoding::Auto => {
            let mut v = vec![secret.as_bytes().to_vec()];
            v.extend(decoded());
            v
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn options_from_json() {
        let m = json!({"tolerance_seconds":10,"now":5,"scheme":"legacy","secret_encoding":"raw"});
        let o = UnwrapOptions::from_json_map(m.as_object().unwrap()).unwrap();
        assert_eq!(
            o,
            UnwrapOptions {
                tolerance_seconds: 10,
                now: Some(5),
                scheme: Some(Scheme::Legacy),
                secret_encoding: SecretEncoding::Raw
            }
        );
        for bad in [
            json!({"tolerance_seconds":-1}),
            json!({"tolerance_seconds":"5"}),
            json!({"now":-5}),
            json!({"scheme":"stripe"}),
            json!({"secret_encoding":1}),
            json!({"tolerance":5}),
        ] {
            assert!(UnwrapOptions::from_json_map(bad.as_object().unwrap()).is_err(), "{bad}");
        }
    }

    #[test]
    fn key_candidates() {
        assert_eq!(keys("abc", SecretEncoding::Auto).unwrap(), vec![b"abc".to_vec()]);
        // A valid-base64 secret without the prefix: both keys, as under `whsec` and `raw`.
        assert_eq!(
            keys("AAEC", SecretEncoding::Auto).unwrap(),
            vec![b"AAEC".to_vec(), vec![0, 1, 2]]
        );
        assert_eq!(
            keys("whsec_AAEC", SecretEncoding::Auto).unwrap(),
            vec![b"whsec_AAEC".to_vec(), vec![0, 1, 2]]
        );
        assert_eq!(
            keys("whsec_!!", SecretEncoding::Auto).unwrap(),
            vec![b"whsec_!!".to_vec()]
        );
        assert_eq!(keys("whsec_AAEC", SecretEncoding::Whsec).unwrap(), vec![vec![0, 1, 2]]);
        assert_eq!(keys("AAEC", SecretEncoding::Whsec).unwrap(), vec![vec![0, 1, 2]]);
        assert_eq!(
            keys("whsec_AAEC", SecretEncoding::Raw).unwrap(),
            vec![b"whsec_AAEC".to_vec()]
        );
        let e = keys("whsec_sec!ret", SecretEncoding::Whsec).unwrap_err();
        assert!(!e.message.contains("sec!ret"));
        assert!(keys("", SecretEncoding::Auto).is_err());
    }
}
