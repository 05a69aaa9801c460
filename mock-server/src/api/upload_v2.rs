//! The client-side authentication of `POST /api/v2/files/upload` (the handler, shared with v1,
//! is in `upload.rs`): the v1 multipart form, authenticated by Basic auth or by a `token` field holding an HS256 JWT (docs/webhooks-and-upload-tokens.md): header `{"alg":"HS256","typ":"JWT",
//! "kid":<public key>}`, payload = every other form field with its value as a string plus
//! integer `iat` and `exp` (`exp − iat` ≤ 3600), signed with the private key. The signature is
//! verified, the payload must match the form exactly, and a token works once.

use super::ctx::{bad, forbidden, unauthorized, Ctx};
use crate::http::Response;
use crate::shared::lock;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use base64::engine::DecodePaddingMode;
use base64::Engine;
use serde_json::{Map, Value};

/// base64url, with or without padding (JWTs have none).
const B64URL: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::URL_SAFE,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

fn invalid_token(why: &str) -> Response {
    bad(format!("Your request contains an invalid token: {why}."))
}

fn decode_json(part: &str, what: &str) -> Result<Map<String, Value>, Response> {
    let bytes = B64URL
        .decode(part)
        .map_err(|_| invalid_token(&format!("the {what} is not base64url")))?;
    match serde_json::from_slice(&bytes) {
        Ok(Value::Object(o)) => Ok(o),
        _ => Err(invalid_token(&format!("the {what} is not a JSON object"))),
    }
}

/// A payload value as the form carries it: strings as they are, other values as JSON text.
fn as_form_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Checks the `token` of a client-side v2 upload against the other form fields.
pub(crate) fn check_token(ctx: &Ctx<'_, '_>, fields: &[(String, String)]) -> Result<(), Response> {
    let field = |k: &str| fields.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
    let Some(token) = field("token").filter(|t| !t.is_empty()) else {
        return Err(unauthorized());
    };
    let parts: Vec<&str> = token.split('.').collect();
    let [h, p, sig] = parts[..] else {
        return Err(invalid_token("it is not a JWS compact serialisation"));
    };
    let header = decode_json(h, "header")?;
    if header.get("alg").and_then(Value::as_str) != Some("HS256") {
        return Err(invalid_token("alg must be HS256"));
    }
    if header.get("kid").and_then(Value::as_str) != Some(ctx.shared.opts.public_key.as_str()) {
        return Err(forbidden());
    }
    let payload = decode_json(p, "payload")?;
    let sig = B64URL
        .decode(sig)
        .map_err(|_| invalid_token("the signature is not base64url"))?;
    let key = ring::hmac::Key::new(ring::hmac::HMAC_SHA256, ctx.shared.opts.private_key.as_bytes());
    if ring::hmac::verify(&key, format!("{h}.{p}").as_bytes(), &sig).is_err() {
        return Err(Response::error(
            403,
            "Your request contains an invalid token signature.",
        ));
    }
    let (Some(iat), Some(exp)) = (
        payload.get("iat").and_then(Value::as_i64),
        payload.get("exp").and_then(Value::as_i64),
    ) else {
        return Err(invalid_token("iat and exp must be integers"));
    };
    let now = crate::util::now_ms() / 1000;
    if exp - iat > 3600 || exp < iat {
        return Err(invalid_token("exp must be at most 3600 seconds after iat"));
    }
    if exp < now {
        return Err(invalid_token("it has expired"));
    }
    if iat > now + 60 {
        return Err(invalid_token("iat is in the future"));
    }
    for (name, value) in fields.iter().filter(|(n, _)| n != "token") {
        match payload.get(name) {
            Some(v) if as_form_text(v) == *value => {}
            Some(_) => return Err(bad(format!("The value of {name} does not match the one in the token."))),
            None => return Err(bad(format!("The token does not include the {name} parameter."))),
        }
    }
    if let Some(k) = payload
        .keys()
        .find(|k| !["iat", "exp"].contains(&k.as_str()) && field(k).is_none())
    {
        return Err(bad(format!(
            "The request is missing the {k} parameter that the token includes."
        )));
    }
    if !lock(&ctx.shared.state).used_tokens.insert(token.to_string()) {
        return Err(bad(
            "The token has already been used. Use a unique token for every request.",
        ));
    }
    Ok(())
}
