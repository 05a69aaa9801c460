//! Standard Webhooks (<https://www.standardwebhooks.com/>), as ImageKit's newest SDKs verify it:
//! `webhook-signature` lists `v1,<base64 HMAC-SHA256(key, id + "." + timestamp + "." + body)>`
//! entries separated by spaces (several while a secret is being rotated); entries of other
//! versions are skipped. `webhook-timestamp` is in unix seconds.

use super::checks::{any_matches, check_fresh, parse_timestamp, Check, Clock, Headers, Scheme};
use crate::error::Result;
use base64::engine::general_purpose::STANDARD;
use base64::Engine;

/// The three headers of the scheme; any of them present selects it.
pub(super) const HEADERS: [&str; 3] = ["webhook-id", "webhook-timestamp", "webhook-signature"];

const S: Scheme = Scheme::Standard;

/// Verifies signature and freshness; returns the timestamp (unix seconds).
pub(super) fn verify(
    keys: &[Vec<u8>],
    body: &[u8],
    headers: &Headers<'_>,
    tolerance: i64,
    clock: Clock,
) -> Result<i64> {
    let id = headers.one(S, "webhook-id")?;
    let ts_text = headers.one(S, "webhook-timestamp")?;
    let sig_values = headers.all(S, "webhook-signature")?;
    if sig_values.is_empty() {
        return Err(Check::MissingHeader.fail(Some(S), "header `webhook-signature` is missing"));
    }
    let ts = parse_timestamp(S, "header `webhook-timestamp`", ts_text)?;
    let signatures = parse_signatures(&sig_values)?;
    if signatures.is_empty() {
        return Err(Check::NoMatchingSignature.fail(Some(S), "header `webhook-signature` has no v1 signature"));
    }
    let parts: [&[u8]; 5] = [id.as_bytes(), b".", ts_text.as_bytes(), b".", body];
    if !any_matches(keys, &parts, &signatures) {
        return Err(Check::NoMatchingSignature.fail(
            Some(S),
            format_args!(
                "none of the {} v1 signature(s) in `webhook-signature` matches the body",
                signatures.len()
            ),
        ));
    }
    check_fresh(S, ts.saturating_mul(1000), tolerance, clock)?;
    Ok(ts)
}

/// The decoded `v1` signatures. Every entry must read `<version>,<signature>`; a v1 signature
/// that is not base64 is kept as its raw bytes, so it simply fails to match.
fn parse_signatures(values: &[&str]) -> Result<Vec<Vec<u8>>> {
    let mut out = Vec::new();
    let mut entries = 0;
    for entry in values.iter().flat_map(|v| v.split_ascii_whitespace()) {
        entries += 1;
        let Some((version, sig)) = entry.split_once(',') else {
            return Err(Check::MalformedHeader.fail(
                Some(S),
                format_args!("entry {entries} of `webhook-signature` is not `<version>,<signature>`"),
            ));
        };
        if version.is_empty() || sig.is_empty() {
            return Err(Check::MalformedHeader.fail(
                Some(S),
                format_args!("entry {entries} of `webhook-signature` has an empty version or signature"),
            ));
        }
        if version == "v1" {
            out.push(STANDARD.decode(sig).unwrap_or_else(|_| sig.as_bytes().to_vec()));
        }
    }
    if entries == 0 {
        return Err(Check::MalformedHeader.fail(Some(S), "header `webhook-signature` is empty"));
    }
    Ok(out)
}
