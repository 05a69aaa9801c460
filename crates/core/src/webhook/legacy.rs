//! The older scheme (docs `api-introduction/webhooks.md`, node6): one header
//! `x-ik-signature: t=<unix ms>,v1=<hex HMAC-SHA256(key, t + "." + body)>`. Parts are split on
//! `,` and then on the first `=`; unknown parts are ignored, several `v1` parts are all tried.
//! node6 applied no freshness check; this one applies the same tolerance as the standard scheme.

use super::checks::{any_matches, check_fresh, parse_timestamp, Check, Clock, Headers, Scheme};
use crate::error::Result;

/// The scheme's header.
pub(super) const HEADER: &str = "x-ik-signature";

const S: Scheme = Scheme::Legacy;

/// Verifies signature and freshness; returns the timestamp (unix milliseconds).
pub(super) fn verify(
    keys: &[Vec<u8>],
    body: &[u8],
    headers: &Headers<'_>,
    tolerance: i64,
    clock: Clock,
) -> Result<i64> {
    let value = headers.one(S, HEADER)?;
    let mut t: Option<&str> = None;
    let mut signatures = Vec::new();
    for part in value.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let Some((key, val)) = part.split_once('=') else {
            return Err(Check::MalformedHeader.fail(Some(S), "a part of `x-ik-signature` is not `key=value`"));
        };
        match key.trim() {
            "t" if t.is_some() => {
                return Err(Check::MalformedHeader.fail(Some(S), "`x-ik-signature` has more than one t="));
            }
            "t" => t = Some(val.trim()),
            "v1" => signatures.push(decode_hex(val.trim())),
            _ => {}
        }
    }
    let Some(t_text) = t else {
        return Err(Check::MalformedHeader.fail(Some(S), "`x-ik-signature` has no timestamp (t=)"));
    };
    let ts = parse_timestamp(S, "the t= of `x-ik-signature`", t_text)?;
    if signatures.is_empty() {
        return Err(Check::MalformedHeader.fail(Some(S), "`x-ik-signature` has no signature (v1=)"));
    }
    let parts: [&[u8]; 3] = [t_text.as_bytes(), b".", body];
    if !any_matches(keys, &parts, &signatures) {
        return Err(
            Check::NoMatchingSignature.fail(Some(S), "the v1 signature of `x-ik-signature` does not match the body")
        );
    }
    check_fresh(S, ts, tolerance, clock)?;
    Ok(ts)
}

/// Hex (either case) to bytes; anything else gives no bytes, which matches no signature.
fn decode_hex(text: &str) -> Vec<u8> {
    hex::decode(text).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::decode_hex;

    #[test]
    fn hex() {
        assert_eq!(decode_hex("00ff0A"), vec![0, 255, 10]);
        assert!(decode_hex("0").is_empty());
        assert!(decode_hex("zz").is_empty());
    }
}
