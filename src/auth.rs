//! Client-side upload authentication parameters (token, expire, signature), as the seed SDK's
//! `get_authentication_parameters(token="", expire=0)`:
//!
//! * an empty token becomes a new UUIDv4 (`str(uuid4())`, lower-case, hyphenated);
//! * an expire of 0 becomes `now + 1800` (30 minutes; an absolute unix time);
//! * `signature = lowercase hex HMAC-SHA1(private_key, token + str(expire))`.

use crate::client::Client;
use crate::error::{Error, Result};

/// Default lifetime of the parameters when `expire` is 0, in seconds.
pub const DEFAULT_EXPIRE_SECONDS: i64 = 60 * 30;

/// The result of [`Client::authentication_parameters`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthParams {
    pub token: String,
    pub expire: i64,
    pub signature: String,
}

impl AuthParams {
    /// `{"token":"…","expire":1582269249,"signature":"…"}`, keys in that order.
    pub fn to_json(&self) -> String {
        let mut m = serde_json::Map::new();
        m.insert("token".into(), self.token.as_str().into());
        m.insert("expire".into(), self.expire.into());
        m.insert("signature".into(), self.signature.as_str().into());
        serde_json::Value::Object(m).to_string()
    }
}

impl Client {
    /// Authentication parameters for a client-side upload. `token` `None` or empty gives a new
    /// UUIDv4; `expire` 0 gives `now + 1800`. `now` is unix seconds (pass the current time; it
    /// is a parameter so tests can freeze the clock).
    pub fn authentication_parameters(&self, token: Option<&str>, expire: i64, now: i64) -> Result<AuthParams> {
        let token = match token {
            Some(t) if !t.is_empty() => t.to_string(),
            _ => uuid::Uuid::new_v4().to_string(),
        };
        let expire = if expire == 0 {
            now.checked_add(DEFAULT_EXPIRE_SECONDS)
                .ok_or_else(|| Error::invalid("now + 1800 overflows a 64-bit timestamp"))?
        } else {
            expire
        };
        let digits = expire.to_string();
        let signature = self.signer.sign_parts(&[token.as_bytes(), digits.as_bytes()]);
        Ok(AuthParams {
            token,
            expire,
            signature,
        })
    }

    /// [`Client::authentication_parameters`] with the system clock.
    pub fn authentication_parameters_now(&self, token: Option<&str>, expire: i64) -> Result<AuthParams> {
        self.authentication_parameters(token, expire, crate::url::unix_now())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn client() -> Client {
        Client::from_json(r#"{"private_key":"private_key_test","public_key":"p","url_endpoint":"https://x"}"#).unwrap()
    }

    #[test]
    fn official_vector() {
        let p = client()
            .authentication_parameters(Some("your_token"), 1582269249, 0)
            .unwrap();
        assert_eq!(p.token, "your_token");
        assert_eq!(p.expire, 1582269249);
        assert_eq!(p.signature, "e71bcd6031016b060d349d212e23e85c791decdd");
        assert_eq!(
            p.to_json(),
            r#"{"token":"your_token","expire":1582269249,"signature":"e71bcd6031016b060d349d212e23e85c791decdd"}"#
        );
    }

    #[test]
    fn defaults() {
        let c = client();
        let p = c.authentication_parameters(None, 0, 1735689600).unwrap();
        assert_eq!(p.expire, 1735691400);
        let u = uuid::Uuid::parse_str(&p.token).unwrap();
        assert_eq!(u.get_version_num(), 4);
        assert_eq!(
            p.token,
            u.hyphenated().to_string(),
            "lower-case hyphenated like str(uuid4())"
        );
        assert_eq!(p.signature, c.signer.sign(format!("{}1735691400", p.token).as_bytes()));
        let q = c.authentication_parameters(Some(""), 0, 1735689600).unwrap();
        assert_ne!(p.token, q.token, "a new token each call");
        // A negative expire is signed as Python's str() prints it.
        let n = c.authentication_parameters(Some("t"), -5, 0).unwrap();
        assert_eq!(n.signature, c.signer.sign(b"t-5"));
        assert!(c.authentication_parameters(None, 0, i64::MAX).is_err());
    }

    #[test]
    fn json_escapes_the_token() {
        let p = client().authentication_parameters(Some("a\"b\\c\u{1}é"), 1, 0).unwrap();
        let v: serde_json::Value = serde_json::from_str(&p.to_json()).unwrap();
        assert_eq!(v["token"], "a\"b\\c\u{1}é");
    }
}
