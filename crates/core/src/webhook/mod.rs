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

pub mod legacy;
pub mod standard;

use crate::error::{Error, Result};
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use hmac::{Hmac, KeyInit, Mac};
use serde_json::{Map, Value};
use sha2::Sha256;

/// The check that failed; its [`Check::name`] is the error document's `reason`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Check {
    /// A header the scheme needs is absent.
    MissingHeader,
    /// A header is present but cannot be parsed.
    MalformedHeader,
    /// The timestamp is older than the tolerance allows.
    StaleTimestamp,
    /// The timestamp is further in the future than the tolerance allows.
    FutureTimestamp,
    /// No signature in the header matches the body under the secret.
    NoMatchingSignature,
    /// The (authentic) body is not a JSON object.
    BodyNotJson,
}

impl Check {
    /// The stable snake_case name, e.g. `"no_matching_signature"`.
    pub fn name(self) -> &'static str {
        match self {
            Check::MissingHeader => "missing_header",
            Check::MalformedHeader => "malformed_header",
            Check::StaleTimestamp => "stale_timestamp",
            Check::FutureTimestamp => "future_timestamp",
            Check::NoMatchingSignature => "no_matching_signature",
            Check::BodyNotJson => "body_not_json",
        }
    }

    /// The error for this failed check: `InvalidArgument` with `reason` = [`Check::name`].
    pub(crate) fn fail(self, scheme: Option<Scheme>, message: impl std::fmt::Display) -> Error {
        let prefix = match scheme {
            Some(s) => format!("webhook ({}): ", s.name()),
            None => "webhook: ".to_string(),
        };
        let mut e = Error::invalid(format!("{prefix}{message}"));
        e.reason = Some(self.name().to_string());
        e
    }
}

/// A webhook signature scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scheme {
    /// `webhook-id` / `webhook-timestamp` / `webhook-signature`.
    Standard,
    /// `x-ik-signature: t=…,v1=…`.
    Legacy,
}

impl Scheme {
    pub fn name(self) -> &'static str {
        match self {
            Scheme::Standard => "standard",
            Scheme::Legacy => "legacy",
        }
    }
}

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
    /// Reads the JSON form; unknown members and wrong types are errors that name them.
    pub fn from_json_map(map: &Map<String, Value>) -> Result<UnwrapOptions> {
        let mut o = UnwrapOptions::default();
        for (raw, value) in map {
            if value.is_null() {
                continue;
            }
            let key = raw.trim();
            let bad = |want: &str| Error::invalid(format!("webhook option `{key}` must be {want}"));
            match key {
                "tolerance_seconds" | "toleranceSeconds" => {
                    o.tolerance_seconds = value
                        .as_i64()
                        .filter(|n| *n >= 0)
                        .ok_or_else(|| bad("a non-negative integer (seconds)"))?;
                }
                "now" => {
                    o.now = Some(
                        value
                            .as_i64()
                            .filter(|n| *n >= 0)
                            .ok_or_else(|| bad("a unix time in seconds"))?,
                    )
                }
                "scheme" => {
                    o.scheme = match value.as_str() {
                        Some("auto") => None,
                        Some("standard") => Some(Scheme::Standard),
                        Some("legacy") => Some(Scheme::Legacy),
                        _ => return Err(bad(r#""auto", "standard" or "legacy""#)),
                    }
                }
                "secret_encoding" | "secretEncoding" => {
                    o.secret_encoding = match value.as_str() {
                        Some("auto") => SecretEncoding::Auto,
                        Some("raw") => SecretEncoding::Raw,
                        Some("whsec") => SecretEncoding::Whsec,
                        _ => return Err(bad(r#""auto", "raw" or "whsec""#)),
                    }
                }
                other => {
                    return Err(Error::invalid(format!(
                        "unknown webhook option `{other}` (known: tolerance_seconds, now, scheme, secret_encoding)"
                    )))
                }
            }
        }
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

/// The request headers, looked up by name without regard to case. Built from a JSON object
/// whose values are strings or lists of strings (one per occurrence, as Go's `http.Header`).
#[derive(Debug)]
pub struct Headers<'a> {
    map: &'a Map<String, Value>,
}

impl<'a> Headers<'a> {
    pub fn new(map: &'a Map<String, Value>) -> Headers<'a> {
        Headers { map }
    }

    /// Every value given for `name` (any case, any number of keys and list items), trimmed.
    fn all(&self, scheme: Scheme, name: &str) -> Result<Vec<&'a str>> {
        let mut out = Vec::new();
        for (key, value) in self.map {
            if !key.trim().eq_ignore_ascii_case(name) {
                continue;
            }
            match value {
                Value::String(s) => out.push(s.trim()),
                Value::Array(items) if items.iter().all(Value::is_string) => {
                    out.extend(items.iter().filter_map(Value::as_str).map(str::trim))
                }
                _ => {
                    return Err(Check::MalformedHeader.fail(
                        Some(scheme),
                        format_args!("header `{name}` must be a string or a list of strings"),
                    ))
                }
            }
        }
        Ok(out)
    }

    /// The one value of a header that may occur once.
    fn one(&self, scheme: Scheme, name: &str) -> Result<&'a str> {
        let values = self.all(scheme, name)?;
        match values.as_slice() {
            [] => Err(Check::MissingHeader.fail(Some(scheme), format_args!("header `{name}` is missing"))),
            [""] => Err(Check::MalformedHeader.fail(Some(scheme), format_args!("header `{name}` is empty"))),
            [v] => Ok(v),
            _ => Err(Check::MalformedHeader.fail(
                Some(scheme),
                format_args!("header `{name}` is given {} times", values.len()),
            )),
        }
    }

    fn has(&self, name: &str) -> bool {
        self.map.keys().any(|k| k.trim().eq_ignore_ascii_case(name))
    }
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

/// True when HMAC-SHA256(key, concat(parts)) equals one of `signatures` under one of `keys`.
/// Each comparison is constant-time (`Mac::verify_slice`); a signature of the wrong length
/// simply does not match.
fn any_matches(keys: &[Vec<u8>], parts: &[&[u8]], signatures: &[Vec<u8>]) -> bool {
    let mut matched = false;
    for key in keys {
        let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes a key of any length");
        for p in parts {
            mac.update(p);
        }
        for sig in signatures {
            // No early exit: the time taken does not depend on which candidate matched.
            matched |= mac.clone().verify_slice(sig).is_ok();
        }
    }
    matched
}

/// Where "now" comes from.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Clock {
    System,
    Frozen(i64),
}

impl Clock {
    /// Now in unix milliseconds.
    fn now_ms(self) -> i64 {
        match self {
            Clock::Frozen(s) => s.saturating_mul(1000),
            Clock::System => crate::clock::unix_now_ms(),
        }
    }
}

/// Checks `ts_ms` against now ± `tolerance_seconds`.
fn check_fresh(scheme: Scheme, ts_ms: i64, tolerance_seconds: i64, clock: Clock) -> Result<()> {
    let now = clock.now_ms();
    let tolerance = tolerance_seconds.saturating_mul(1000);
    let age = now.saturating_sub(ts_ms);
    if age > tolerance {
        return Err(Check::StaleTimestamp.fail(
            Some(scheme),
            format_args!(
                "the timestamp is {} s old; the tolerance is {tolerance_seconds} s",
                age / 1000
            ),
        ));
    }
    if -age > tolerance {
        return Err(Check::FutureTimestamp.fail(
            Some(scheme),
            format_args!(
                "the timestamp is {} s in the future; the tolerance is {tolerance_seconds} s",
                -age / 1000
            ),
        ));
    }
    Ok(())
}

/// Parses a header's decimal timestamp: ASCII digits only, fits in an i64.
fn parse_timestamp(scheme: Scheme, what: &str, text: &str) -> Result<i64> {
    if text.is_empty() || text.len() > 18 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Check::MalformedHeader.fail(Some(scheme), format_args!("{what} is not a decimal unix time")));
    }
    Ok(text.parse().expect("at most 18 ASCII digits fit in an i64"))
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

    #[test]
    fn header_lookup_ignores_case_and_collects_lists() {
        let m = json!({"Webhook-Signature":"v1,a","WEBHOOK-SIGNATURE":["v1,b"," v1,c "],"webhook-id":" x ","n":5});
        let h = Headers::new(m.as_object().unwrap());
        assert_eq!(
            h.all(Scheme::Standard, "webhook-signature").unwrap(),
            vec!["v1,a", "v1,b", "v1,c"]
        );
        assert_eq!(h.one(Scheme::Standard, "webhook-id").unwrap(), "x");
        assert!(h.one(Scheme::Standard, "webhook-signature").is_err());
        let e = h.one(Scheme::Standard, "webhook-timestamp").unwrap_err();
        assert_eq!(e.reason.as_deref(), Some("missing_header"));
    }

    #[test]
    fn freshness_window_is_symmetric_and_inclusive() {
        let c = Clock::Frozen(1000);
        assert!(check_fresh(Scheme::Legacy, 700_000, 300, c).is_ok());
        assert!(check_fresh(Scheme::Legacy, 1_300_000, 300, c).is_ok());
        let stale = check_fresh(Scheme::Legacy, 699_999, 300, c).unwrap_err();
        assert_eq!(stale.reason.as_deref(), Some("stale_timestamp"));
        let future = check_fresh(Scheme::Legacy, 1_300_001, 300, c).unwrap_err();
        assert_eq!(future.reason.as_deref(), Some("future_timestamp"));
        assert!(check_fresh(Scheme::Legacy, i64::MAX, 300, c).is_err());
        assert!(check_fresh(Scheme::Legacy, 0, i64::MAX, c).is_ok());
    }

    #[test]
    fn timestamps_are_plain_digits() {
        for bad in ["", "-1", "+1", "1.5", "1e3", " 1", "0x10", "1234567890123456789"] {
            assert!(parse_timestamp(Scheme::Standard, "t", bad).is_err(), "{bad:?}");
        }
        assert_eq!(parse_timestamp(Scheme::Standard, "t", "0017").unwrap(), 17);
    }
}
