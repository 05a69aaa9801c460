//! Client-side upload authentication parameters (token, expire, signature), as the original Python SDK's
//! `get_authentication_parameters(token="", expire=0)`:
//!
//! * an empty token becomes a new UUIDv4 (`str(uuid4())`, lower-case, hyphenated);
//! * an expire of 0 becomes `now + 1800` (30 minutes; an absolute unix time);
//! * `signature = lowercase hex HMAC-SHA1(private_key, token + str(expire))`.
//!
//! [`Client::authentication_parameters_json`] is what the C ABI calls: it writes the JSON
//! document straight into one exactly sized buffer (no JSON tree, no intermediate strings), since
//! apps call it once per upload from a busy backend.

use crate::client::Client;
use crate::error::{Error, Result};
use crate::urlkit::sign::hex40;

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
        write_json(
            &self.token,
            itoa::Buffer::new().format(self.expire).as_bytes(),
            self.signature.as_bytes(),
        )
    }
}

/// A UUIDv4 in its 36-character text form, on the stack.
struct Token([u8; 36]);

impl Token {
    fn random() -> Result<Token> {
        let mut buf = [0u8; 36];
        uuid::Builder::from_random_bytes(crate::random::random_16()?)
            .into_uuid()
            .hyphenated()
            .encode_lower(&mut buf);
        Ok(Token(buf))
    }

    fn as_str(&self) -> &str {
        // encode_lower writes only hex digits and hyphens.
        std::str::from_utf8(&self.0).unwrap_or_default()
    }
}

/// True for the bytes JSON needs escaped in a string.
#[inline]
fn needs_escape(b: u8) -> bool {
    b < 0x20 || b == b'"' || b == b'\\'
}

/// Appends `s` as JSON string content, escaped exactly as serde_json does (`\"`, `\\`, `\b`,
/// `\f`, `\n`, `\r`, `\t`, other control bytes as `\u00xx`; everything else verbatim).
fn push_escaped(out: &mut Vec<u8>, s: &[u8]) {
    let mut rest = s;
    while let Some(i) = rest.iter().position(|&b| needs_escape(b)) {
        out.extend_from_slice(&rest[..i]);
        match rest[i] {
            b'"' => out.extend_from_slice(b"\\\""),
            b'\\' => out.extend_from_slice(b"\\\\"),
            0x08 => out.extend_from_slice(b"\\b"),
            0x0c => out.extend_from_slice(b"\\f"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\r' => out.extend_from_slice(b"\\r"),
            b'\t' => out.extend_from_slice(b"\\t"),
            b => {
                let mut digits = [0u8; 2];
                hex::encode_to_slice([b], &mut digits).expect("2 bytes hold the hex of 1");
                out.extend_from_slice(b"\\u00");
                out.extend_from_slice(&digits);
            }
        }
        rest = &rest[i + 1..];
    }
    out.extend_from_slice(rest);
}

const KEY_TOKEN: &[u8] = b"{\"token\":\"";
const KEY_EXPIRE: &[u8] = b"\",\"expire\":";
const KEY_SIGNATURE: &[u8] = b",\"signature\":\"";
const END: &[u8] = b"\"}";

/// The longest document written on the stack; a longer one (a long or escaped token) goes
/// through a `Vec`.
const STACK_DOC: usize = 256;

/// Hands the document to `f` as bytes (UTF-8: the parts are `&str` or ASCII). The usual
/// document is assembled on the stack at fixed offsets (no capacity checks, no allocation), so
/// the caller's copy (the C ABI's string) is the only one.
fn with_json<T>(token: &str, expire: &[u8], signature: &[u8], f: impl FnOnce(&[u8]) -> T) -> T {
    let parts: [&[u8]; 7] = [
        KEY_TOKEN,
        token.as_bytes(),
        KEY_EXPIRE,
        expire,
        KEY_SIGNATURE,
        signature,
        END,
    ];
    let len: usize = parts.iter().map(|p| p.len()).sum();
    if len > STACK_DOC || token.bytes().any(needs_escape) {
        let mut out = Vec::with_capacity(len + 16);
        out.extend_from_slice(KEY_TOKEN);
        push_escaped(&mut out, token.as_bytes());
        for part in &parts[2..] {
            out.extend_from_slice(part);
        }
        return f(&out);
    }
    let mut buf = [0u8; STACK_DOC];
    let mut at = 0;
    for part in parts {
        buf[at..at + part.len()].copy_from_slice(part);
        at += part.len();
    }
    f(&buf[..at])
}

/// The document as a `String`.
fn write_json(token: &str, expire: &[u8], signature: &[u8]) -> String {
    with_json(token, expire, signature, |doc| {
        String::from_utf8_lossy(doc).into_owned()
    })
}

/// `expire` as given, or `now + 1800` when it is 0.
fn resolve_expire(expire: i64, now: i64) -> Result<i64> {
    if expire != 0 {
        return Ok(expire);
    }
    now.checked_add(DEFAULT_EXPIRE_SECONDS)
        .ok_or_else(|| Error::invalid("now + 1800 overflows a 64-bit timestamp"))
}

impl Client {
    /// Runs `f` on the token (the given one, or a new UUIDv4 when `None`/empty), the expiry's
    /// digits and the 40-hex-digit signature, all borrowed from the stack.
    fn with_auth_parts<T>(
        &self,
        token: Option<&str>,
        expire: i64,
        now: i64,
        f: impl FnOnce(&str, i64, &[u8], &[u8; 40]) -> T,
    ) -> Result<T> {
        let random;
        let token = match token {
            Some(t) if !t.is_empty() => t,
            _ => {
                random = Token::random()?;
                random.as_str()
            }
        };
        let expire = resolve_expire(expire, now)?;
        let mut digits = itoa::Buffer::new();
        let digits = digits.format(expire).as_bytes();
        let signature = hex40(&self.signer.mac_parts(&[token.as_bytes(), digits]));
        Ok(f(token, expire, digits, signature.as_bytes()))
    }

    /// Authentication parameters for a client-side upload. `token` `None` or empty gives a new
    /// UUIDv4; `expire` 0 gives `now + 1800`. `now` is unix seconds (pass the current time; it
    /// is a parameter so tests can freeze the clock).
    pub fn authentication_parameters(&self, token: Option<&str>, expire: i64, now: i64) -> Result<AuthParams> {
        self.with_auth_parts(token, expire, now, |token, expire, _, signature| AuthParams {
            token: token.to_string(),
            expire,
            signature: String::from_utf8_lossy(signature).into_owned(),
        })
    }

    /// [`Client::authentication_parameters`] as its JSON document
    /// (`{"token":"…","expire":…,"signature":"…"}`), written directly.
    pub fn authentication_parameters_json(&self, token: Option<&str>, expire: i64, now: i64) -> Result<String> {
        self.authentication_parameters_json_with(token, expire, now, |doc| String::from_utf8_lossy(doc).into_owned())
    }

    /// Like [`Client::authentication_parameters_json`], handing the document (UTF-8 bytes) to
    /// `f` where it was written, on the stack, so that a caller that copies it anyway (the C
    /// ABI) copies it once.
    pub fn authentication_parameters_json_with<T>(
        &self,
        token: Option<&str>,
        expire: i64,
        now: i64,
        f: impl FnOnce(&[u8]) -> T,
    ) -> Result<T> {
        self.with_auth_parts(token, expire, now, |token, _, digits, signature| {
            with_json(token, digits, signature, f)
        })
    }

    /// [`Client::authentication_parameters`] with the system clock.
    pub fn authentication_parameters_now(&self, token: Option<&str>, expire: i64) -> Result<AuthParams> {
        self.authentication_parameters(token, expire, crate::clock::unix_now())
    }

    /// [`Client::authentication_parameters_json_with`] with the system clock (read only when
    /// `expire` is 0).
    pub fn authentication_parameters_json_now<T>(
        &self,
        token: Option<&str>,
        expire: i64,
        f: impl FnOnce(&[u8]) -> T,
    ) -> Result<T> {
        let now = if expire == 0 { crate::clock::unix_now() } else { 0 };
        self.authentication_parameters_json_with(token, expire, now, f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn client() -> Client {
        Client::from_json(r#"{"private_key":"private_key_test","public_key":"p","url_endpoint":"https://x"}"#).unwrap()
    }

    /// The document as serde_json writes it (the reference the direct writer must match).
    fn reference_json(p: &AuthParams) -> String {
        let mut m = serde_json::Map::new();
        m.insert("token".into(), p.token.as_str().into());
        m.insert("expire".into(), p.expire.into());
        m.insert("signature".into(), p.signature.as_str().into());
        serde_json::Value::Object(m).to_string()
    }

    #[test]
    fn official_vector() {
        let c = client();
        let p = c.authentication_parameters(Some("your_token"), 1582269249, 0).unwrap();
        assert_eq!(p.token, "your_token");
        assert_eq!(p.expire, 1582269249);
        assert_eq!(p.signature, "e71bcd6031016b060d349d212e23e85c791decdd");
        let want =
            r#"{"token":"your_token","expire":1582269249,"signature":"e71bcd6031016b060d349d212e23e85c791decdd"}"#;
        assert_eq!(p.to_json(), want);
        let direct = c
            .authentication_parameters_json(Some("your_token"), 1582269249, 0)
            .unwrap();
        assert_eq!(direct, want);
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
        assert!(c.authentication_parameters_json(None, 0, i64::MAX).is_err());

        let doc: serde_json::Value =
            serde_json::from_str(&c.authentication_parameters_json(None, 0, 1735689600).unwrap()).unwrap();
        let token = doc["token"].as_str().unwrap();
        assert_eq!(uuid::Uuid::parse_str(token).unwrap().get_version_num(), 4);
        assert_eq!(doc["expire"], 1735691400);
        assert_eq!(doc["signature"], c.signer.sign(format!("{token}1735691400").as_bytes()));
    }

    #[test]
    fn expire_prints_as_std_formatting() {
        for n in [
            0,
            1,
            -1,
            9,
            10,
            -10,
            99,
            1582269249,
            9999999999,
            i64::MAX,
            i64::MIN,
            i64::MIN + 1,
        ] {
            let p = AuthParams {
                token: "t".into(),
                expire: n,
                signature: "s".into(),
            };
            assert_eq!(p.to_json(), format!(r#"{{"token":"t","expire":{n},"signature":"s"}}"#));
        }
    }

    #[test]
    fn direct_writer_matches_serde_json_byte_for_byte() {
        let c = client();
        let tokens = [
            "your_token",
            "a\"b\\c\u{1}é",
            "\u{8}\u{c}\n\r\t\u{1f}\u{7f}",
            "tab\tand \"quotes\" and \\ and ☃ and 😀",
            "\u{0}",
        ];
        for token in tokens {
            for expire in [1, -5, 1582269249, i64::MAX, i64::MIN] {
                let p = c.authentication_parameters(Some(token), expire, 0).unwrap();
                let want = reference_json(&p);
                assert_eq!(p.to_json(), want, "{token:?} {expire}");
                assert_eq!(c.authentication_parameters_json(Some(token), expire, 0).unwrap(), want);
            }
        }
    }

    #[test]
    fn json_escapes_the_token() {
        let p = client().authentication_parameters(Some("a\"b\\c\u{1}é"), 1, 0).unwrap();
        let v: serde_json::Value = serde_json::from_str(&p.to_json()).unwrap();
        assert_eq!(v["token"], "a\"b\\c\u{1}é");
    }
}
