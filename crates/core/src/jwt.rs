//! The upload-v2 JWT: the one-time `token` a browser or app sends to `POST /api/v2/files/upload`
//! instead of the v1 `publicKey`/`signature`/`expire` trio (docs/webhooks-and-upload-tokens.md). No official SDK
//! makes it; this does, from the keys alone (no transport), so a backend can hand it out.
//!
//! The token is the JWS compact form `b64url(header).b64url(payload).b64url(sig)` with
//! - header `{"alg":"HS256","typ":"JWT","kid":"<public key>"}`;
//! - payload: every upload parameter the client will send, except `file` and `token`, keyed by
//!   its API name and in stringified form (the text the multipart form will carry), then `iat`
//!   and `exp` as integers, `exp − iat ≤ 3600`;
//! - sig = HMAC-SHA256(private key, `b64url(header) + "." + b64url(payload)`).
//!
//! The parameters go through the upload's own option table and wire encoding
//! ([`crate::api::upload::UPLOAD_OPTIONS`], [`crate::options::wire_text`]), so the payload
//! holds exactly the text the library's own upload would send for the same options: ImageKit
//! rejects an upload whose form differs from the token's payload in any field.

use crate::api::upload::read_options;
use crate::error::{Error, Result};
use crate::options::{self, opt, wire_text, Kind, Param, Wire};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use hmac::{Hmac, KeyInit, Mac};
use serde_json::{Map, Value};
use sha2::Sha256;

// Not `pub` (nor associated consts): cbindgen reads the whole crate and would put them in the C
// header as macros.
/// The longest lifetime ImageKit accepts: `exp − iat ≤ 3600` seconds.
const MAX_EXPIRE_SECONDS: i64 = 3600;
/// The lifetime used when the caller names none (the v1 authentication parameters' default too).
const DEFAULT_EXPIRE_SECONDS: i64 = 1800;

/// Upload fields that never go in the payload: the file itself, the token, and the v1
/// client-side authentication fields, which v2 does not have.
const NOT_IN_PAYLOAD: &[(&str, &str)] = &[
    ("file", "the file is not part of the token's payload"),
    ("token", "the token cannot sign itself"),
    (
        "publicKey",
        "v2 uploads carry no publicKey (the token's `kid` header names it)",
    ),
    ("signature", "v2 uploads carry no v1 signature"),
    (
        "expire",
        "v2 uploads carry no v1 `expire`; set the token's lifetime with `expire_seconds`",
    ),
];

/// How long the token lives and which clock it reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TokenOptions {
    /// Seconds from `iat` to `exp`: 1..=3600.
    pub expire_seconds: i64,
    /// `iat` as unix seconds; `None` reads the system clock. Tests freeze it here.
    pub now: Option<i64>,
}

impl Default for TokenOptions {
    fn default() -> TokenOptions {
        TokenOptions {
            expire_seconds: DEFAULT_EXPIRE_SECONDS,
            now: None,
        }
    }
}

impl TokenOptions {
    /// Reads `{"expire_seconds":600,"now":1714035985}` (both optional; `null` = absent) with the
    /// one option reader.
    pub fn from_json_map(map: &Map<String, Value>) -> Result<TokenOptions> {
        const KEYS: &[Param] = &[
            opt("expire_seconds", Kind::Int).or(&["expireSeconds"]),
            opt("now", Kind::Int),
        ];
        let read = options::read(KEYS, map, "token option", Wire::Json)?;
        let mut opts = TokenOptions::default();
        if let Some(seconds) = read.u64("expire_seconds") {
            opts.expire_seconds = i64::try_from(seconds).unwrap_or(i64::MAX);
        }
        if let Some(now) = read.u64("now") {
            let now = i64::try_from(now).map_err(|_| Error::invalid("token option `now` is too large"))?;
            opts.now = Some(now);
        }
        opts.validate()?;
        Ok(opts)
    }

    fn validate(&self) -> Result<()> {
        if !(1..=MAX_EXPIRE_SECONDS).contains(&self.expire_seconds) {
            return Err(Error::invalid(format!(
                "token option `expire_seconds` is {}: ImageKit accepts 1..={MAX_EXPIRE_SECONDS} (exp − iat ≤ 1 hour)",
                self.expire_seconds
            )));
        }
        Ok(())
    }
}

/// Builds the payload object: the caller's upload parameters, checked against the upload's
/// option table, under their API names and in wire form, followed by `iat` and `exp`.
pub fn payload(params: &Map<String, Value>, iat: i64, exp: i64) -> Result<Map<String, Value>> {
    for key in params.keys() {
        if matches!(key.trim(), "iat" | "exp") {
            return Err(Error::invalid(format!(
                "upload-v2 token payload must not contain `{}`: the library sets iat and exp (see `expire_seconds`, `now`)",
                key.trim()
            )));
        }
    }
    let read = read_options(params, "upload-v2 token payload option")?;
    let mut out = Map::with_capacity(read.len() + 2);
    for (spec, value) in read.iter() {
        if let Some((_, why)) = NOT_IN_PAYLOAD.iter().find(|(name, _)| *name == spec.name) {
            return Err(Error::invalid(format!(
                "upload-v2 token payload must not contain `{}`: {why}",
                spec.name
            )));
        }
        out.insert(spec.name.to_string(), Value::String(wire_text(spec.kind, value)));
    }
    // Blank as the upload sees it: the upload refuses a `fileName` of white space only.
    match out.get("fileName") {
        Some(Value::String(s)) if s.trim().is_empty() => {
            return Err(Error::invalid(
                "upload-v2 token payload option `fileName` must not be blank (the upload refuses it)",
            ))
        }
        Some(Value::String(_)) => {}
        _ => {
            return Err(Error::invalid(
                "upload-v2 token payload needs `fileName` (every upload parameter goes in the token)",
            ))
        }
    }
    out.insert("iat".into(), iat.into());
    out.insert("exp".into(), exp.into());
    Ok(out)
}

/// The upload-v2 JWT for `params` (a JSON object of upload parameters), signed with
/// `private_key`, its header's `kid` naming `public_key`.
pub fn upload_v2_token(
    private_key: &str,
    public_key: &str,
    params: &Map<String, Value>,
    opts: TokenOptions,
) -> Result<String> {
    opts.validate()?;
    if private_key.is_empty() {
        return Err(Error::invalid(
            "the client has no private key to sign the upload-v2 token with",
        ));
    }
    if public_key.is_empty() {
        return Err(Error::invalid(
            "the client has no public key for the upload-v2 token's `kid` header",
        ));
    }
    let iat = match opts.now {
        Some(now) => now,
        None => unix_now()?,
    };
    let exp = iat
        .checked_add(opts.expire_seconds)
        .ok_or_else(|| Error::invalid("token option `now` is too large"))?;
    let payload = payload(params, iat, exp)?;

    let mut header = Map::with_capacity(3);
    header.insert("alg".into(), "HS256".into());
    header.insert("typ".into(), "JWT".into());
    header.insert("kid".into(), public_key.into());

    let mut token = URL_SAFE_NO_PAD.encode(Value::Object(header).to_string());
    token.push('.');
    token.push_str(&URL_SAFE_NO_PAD.encode(Value::Object(payload).to_string()));
    let mut mac = Hmac::<Sha256>::new_from_slice(private_key.as_bytes()).expect("HMAC takes a key of any length");
    mac.update(token.as_bytes());
    let sig = mac.finalize().into_bytes();
    token.push('.');
    token.push_str(&URL_SAFE_NO_PAD.encode(sig));
    Ok(token)
}

/// The crate's clock; a token issued before 1970 makes no sense to the server, so it is refused.
fn unix_now() -> Result<i64> {
    match crate::clock::unix_now() {
        now if now < 0 => Err(Error::invalid("the system clock is before 1970")),
        now => Ok(now),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn obj(v: Value) -> Map<String, Value> {
        v.as_object().unwrap().clone()
    }

    fn decode_part(part: &str) -> Value {
        serde_json::from_slice(&URL_SAFE_NO_PAD.decode(part).unwrap()).unwrap()
    }

    #[test]
    fn payload_is_the_upload_wire_form_plus_iat_exp() {
        let p = payload(
            &obj(
                json!({"file_name":"dress.jpg","useUniqueFileName":false,"tags":["summer","dress"],
                        "customMetadata":{"brand":"x"},"folder":null}),
            ),
            1714035985,
            1714039585,
        )
        .unwrap();
        assert_eq!(
            Value::Object(p).to_string(),
            r#"{"fileName":"dress.jpg","useUniqueFileName":"false","tags":"summer,dress","customMetadata":"{\"brand\":\"x\"}","iat":1714035985,"exp":1714039585}"#
        );
    }

    #[test]
    fn rejects_what_is_not_an_upload_parameter() {
        for (params, needle) in [
            (json!({"fileName":"a.jpg","file":"x"}), "`file`"),
            (json!({"fileName":"a.jpg","token":"x"}), "`token`"),
            (json!({"fileName":"a.jpg","publicKey":"x"}), "`publicKey`"),
            (json!({"fileName":"a.jpg","expire":1}), "`expire`"),
            (json!({"fileName":"a.jpg","iat":1}), "`iat`"),
            (json!({"fileName":"a.jpg","exp":1}), "`exp`"),
            (json!({"fileName":"a.jpg","filename":"b"}), "`filename`"),
            (json!({"tags":["a"]}), "`fileName`"),
            (json!({"fileName":""}), "`fileName`"),
            (json!({"fileName":" \t "}), "`fileName` must not be blank"),
            (
                json!({"fileName":"a.jpg","useUniqueFileName":"maybe"}),
                "useUniqueFileName",
            ),
        ] {
            let e = upload_v2_token(
                "k",
                "p",
                &obj(params.clone()),
                TokenOptions {
                    now: Some(1),
                    ..Default::default()
                },
            )
            .unwrap_err();
            assert!(e.message.contains(needle), "{params}: {}", e.message);
        }
    }

    #[test]
    fn expiry_bounds_and_options() {
        let p = obj(json!({"fileName":"a.jpg"}));
        for bad in [0, -1, 3601] {
            let e = upload_v2_token(
                "k",
                "p",
                &p,
                TokenOptions {
                    expire_seconds: bad,
                    now: Some(10),
                },
            )
            .unwrap_err();
            assert!(e.message.contains("1..=3600"), "{bad}: {}", e.message);
        }
        let t = upload_v2_token(
            "k",
            "pub",
            &p,
            TokenOptions {
                expire_seconds: 3600,
                now: Some(10),
            },
        )
        .unwrap();
        let parts: Vec<&str> = t.split('.').collect();
        assert_eq!(parts.len(), 3);
        assert_eq!(decode_part(parts[0]), json!({"alg":"HS256","typ":"JWT","kid":"pub"}));
        assert_eq!(decode_part(parts[1]), json!({"fileName":"a.jpg","iat":10,"exp":3610}));

        let o = TokenOptions::from_json_map(&obj(json!({"expireSeconds":60,"now":5}))).unwrap();
        assert_eq!(
            o,
            TokenOptions {
                expire_seconds: 60,
                now: Some(5)
            }
        );
        assert_eq!(
            TokenOptions::from_json_map(&Map::new()).unwrap(),
            TokenOptions::default()
        );
        for bad in [
            json!({"expire_seconds":"60"}),
            json!({"now":-1}),
            json!({"ttl":5}),
            json!({"expire_seconds":7200}),
        ] {
            assert!(TokenOptions::from_json_map(&obj(bad.clone())).is_err(), "{bad}");
        }
    }

    #[test]
    fn clock_is_read_when_not_frozen() {
        let t = upload_v2_token("k", "p", &obj(json!({"fileName":"a"})), TokenOptions::default()).unwrap();
        let payload = decode_part(t.split('.').nth(1).unwrap());
        let iat = payload["iat"].as_i64().unwrap();
        assert!((iat - unix_now().unwrap()).abs() <= 5);
        assert_eq!(payload["exp"].as_i64().unwrap() - iat, DEFAULT_EXPIRE_SECONDS);
    }

    #[test]
    fn missing_keys_are_errors() {
        let p = obj(json!({"fileName":"a"}));
        assert!(upload_v2_token("", "p", &p, TokenOptions::default()).is_err());
        assert!(upload_v2_token("k", "", &p, TokenOptions::default()).is_err());
    }
}
