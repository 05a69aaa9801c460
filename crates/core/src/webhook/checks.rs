//! What both signature schemes check, and how: the request's headers, the HMAC comparison,
//! the freshness of the timestamp, and the [`Check`] that names a failure. A leaf: the schemes
//! and `webhook` itself use it, it uses neither.

use crate::error::{Error, Result};
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
    pub(super) fn fail(self, scheme: Option<Scheme>, message: impl std::fmt::Display) -> Error {
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
    pub(super) fn all(&self, scheme: Scheme, name: &str) -> Result<Vec<&'a str>> {
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
    pub(super) fn one(&self, scheme: Scheme, name: &str) -> Result<&'a str> {
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

    pub(super) fn has(&self, name: &str) -> bool {
        self.map.keys().any(|k| k.trim().eq_ignore_ascii_case(name))
    }
}

/// True when HMAC-SHA256(key, concat(parts)) equals one of `signatures` under one of `keys`.
/// Each comparison is constant-time (`Mac::verify_slice`); a signature of the wrong length
/// simply does not match.
pub(super) fn any_matches(keys: &[Vec<u8>], parts: &[&[u8]], signatures: &[Vec<u8>]) -> bool {
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
pub enum Clock {
    System,
    Frozen(i64),
}

impl Clock {
    /// Now in unix milliseconds.
    pub(super) fn now_ms(self) -> i64 {
        match self {
            Clock::Frozen(s) => s.saturating_mul(1000),
            Clock::System => crate::clock::unix_now_ms(),
        }
    }
}

/// Checks `ts_ms` against now ± `tolerance_seconds`.
pub(super) fn check_fresh(scheme: Scheme, ts_ms: i64, tolerance_seconds: i64, clock: Clock) -> Result<()> {
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
pub(super) fn parse_timestamp(scheme: Scheme, what: &str, text: &str) -> Result<i64> {
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
