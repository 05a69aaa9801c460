//! The one redaction mechanism: every text that comes from a server (bodies, echoed headers,
//! transport messages) passes through [`Secrets`] before it reaches an error document or a log
//! record, so a server that echoes the private key or the Authorization header cannot make the
//! library hand them to the caller.
//!
//! What counts as a secret: the private key itself, the Basic token (`base64("<key>:")`) in every
//! base64 alphabet and padding a server or proxy might echo it in, the base64 of the bare key,
//! and the key's percent-encoded and JSON-escaped forms. Each occurrence becomes `<redacted>`.

use crate::error::Error;
use base64::Engine;
use serde_json::{Map, Value};
use std::borrow::Cow;

/// What a secret is replaced with.
pub const REDACTED: &str = "<redacted>";

/// The texts to scrub, longest first (so a longer form is replaced before a shorter one inside it).
#[derive(Clone, Default)]
pub struct Secrets {
    needles: Vec<String>,
}

impl std::fmt::Debug for Secrets {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Secrets({} forms)", self.needles.len())
    }
}

impl Secrets {
    /// The secrets derived from a private key.
    pub fn for_private_key(key: &str) -> Secrets {
        use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD};
        let mut needles: Vec<String> = Vec::new();
        if key.is_empty() {
            return Secrets { needles };
        }
        needles.push(key.to_string());
        let with_colon = format!("{key}:");
        for engine in [&STANDARD, &STANDARD_NO_PAD, &URL_SAFE, &URL_SAFE_NO_PAD] {
            needles.push(engine.encode(&with_colon));
            needles.push(engine.encode(key));
        }
        // Percent-encoded as a form or a strict encoder would (everything but alphanumerics, or
        // everything but RFC 3986's unreserved set), in upper- and lower-case hex.
        use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
        const UNRESERVED: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');
        for set in [NON_ALPHANUMERIC, UNRESERVED] {
            let upper = utf8_percent_encode(key, set).to_string();
            needles.push(lower_hex_escapes(&upper));
            needles.push(upper);
        }
        if let Ok(json) = serde_json::to_string(key) {
            needles.push(json[1..json.len() - 1].to_string());
        }
        needles.sort_by_key(|n| std::cmp::Reverse(n.len()));
        needles.dedup();
        Secrets { needles }
    }

    /// True when `text` holds any secret.
    pub fn found_in(&self, text: &str) -> bool {
        self.needles.iter().any(|n| text.contains(n.as_str()))
    }

    /// `text` with every secret replaced by `<redacted>` (borrowed when there is none).
    pub fn scrub<'a>(&self, text: &'a str) -> Cow<'a, str> {
        if !self.found_in(text) {
            return Cow::Borrowed(text);
        }
        let mut out = text.to_string();
        for n in &self.needles {
            if out.contains(n.as_str()) {
                out = out.replace(n.as_str(), REDACTED);
            }
        }
        Cow::Owned(out)
    }

    /// True when `text` holds a secret, or its JSON-escaped form does: an error document prints
    /// a control character as `\u001c` or `\n`, whose last letter or digit can complete a secret
    /// with the text after it (`\u001c` + `HJpdm…` reads `…cHJpdm…`, the Basic token).
    fn found_in_json(&self, text: &str) -> bool {
        self.found_in(text) || (text.chars().any(char::is_control) && self.found_in(&json_escaped(text)))
    }

    /// `text` with every secret replaced, as it will stand in an error document: when an escape
    /// would complete a secret, the control characters become U+FFFD (printed as themselves).
    fn scrub_json<'a>(&self, text: &'a str) -> Cow<'a, str> {
        if !self.found_in_json(text) {
            return Cow::Borrowed(text);
        }
        let mut out = self.scrub(text).into_owned();
        if self.found_in(&json_escaped(&out)) {
            out = out
                .chars()
                .map(|c| if c.is_control() { '\u{FFFD}' } else { c })
                .collect();
            out = self.scrub(&out).into_owned();
        }
        Cow::Owned(out)
    }

    fn scrub_string(&self, s: &mut String) {
        if let Cow::Owned(clean) = self.scrub_json(s) {
            *s = clean;
        }
    }

    /// Scrubs every string in a JSON value, object keys included.
    pub fn scrub_value(&self, v: &mut Value) {
        match v {
            Value::String(s) => self.scrub_string(s),
            Value::Array(a) => a.iter_mut().for_each(|x| self.scrub_value(x)),
            Value::Object(o) => {
                if o.keys().any(|k| self.found_in_json(k)) {
                    let old = std::mem::take(o);
                    let mut clean = Map::with_capacity(old.len());
                    for (k, mut x) in old {
                        self.scrub_value(&mut x);
                        clean.insert(self.scrub_json(&k).into_owned(), x);
                    }
                    *o = clean;
                } else {
                    o.values_mut().for_each(|x| self.scrub_value(x));
                }
            }
            _ => {}
        }
    }

    /// Scrubs every text field of an error: message, help, reason, request id and body.
    pub fn scrub_error(&self, e: &mut Error) {
        if self.needles.is_empty() {
            return;
        }
        let info = &mut **e;
        self.scrub_string(&mut info.message);
        for field in [&mut info.help, &mut info.reason, &mut info.request_id]
            .into_iter()
            .flatten()
        {
            self.scrub_string(field);
        }
        if let Some(b) = info.body.as_mut() {
            self.scrub_value(b);
        }
    }

    /// [`scrub_error`](Self::scrub_error) on an owned error.
    pub fn scrubbed(&self, mut e: Error) -> Error {
        self.scrub_error(&mut e);
        e
    }
}

/// `text` as a JSON string literal prints it, quotes left off.
fn json_escaped(text: &str) -> String {
    let quoted = serde_json::to_string(text).unwrap_or_default();
    quoted
        .get(1..quoted.len().saturating_sub(1))
        .unwrap_or_default()
        .to_string()
}

/// `%2F` → `%2f`: the same percent-encoding with lower-case hex digits.
fn lower_hex_escapes(encoded: &str) -> String {
    let mut out = String::with_capacity(encoded.len());
    let mut hex_left = 0;
    for c in encoded.chars() {
        if hex_left > 0 {
            out.push(c.to_ascii_lowercase());
            hex_left -= 1;
        } else {
            if c == '%' {
                hex_left = 2;
            }
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    const KEY: &str = "private_key_SEKRIT/+0123456789";

    #[test]
    fn a_json_escape_cannot_complete_a_secret_in_the_error_document() {
        // `\u001c` ends in `c`; followed by the Basic token without its first letter, the
        // document's text would read the whole token (a fuzzing find).
        let s = Secrets::for_private_key("private_key_test");
        let body = "\u{1c}HJpdmF0ZV9rZXlfdGVzdDo and \nmore";
        assert!(!s.found_in(body) && s.found_in(&json_escaped(body)));
        let mut e = Error::new(ErrorKind::RateLimited, format!("HTTP 429: {body}"));
        e.body = Some(serde_json::json!({ body: [body], "ok": "a\u{1c}b" }));
        let e = s.scrubbed(e);
        let doc = serde_json::to_string(&(e.message.clone(), e.body.clone())).unwrap();
        assert!(!s.found_in(&doc), "{doc}");
        assert!(e.message.contains('\u{FFFD}'), "{}", e.message);
        // A string no escape can complete a secret in is left alone, control characters and all.
        assert_eq!(e.body.as_ref().unwrap()["ok"], "a\u{1c}b");
    }

    #[test]
    fn every_form_of_the_key_is_scrubbed() {
        use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
        let s = Secrets::for_private_key(KEY);
        let token = STANDARD.encode(format!("{KEY}:"));
        let forms = [
            KEY.to_string(),
            format!("Basic {token}"),
            token.trim_end_matches('=').to_string(),
            URL_SAFE_NO_PAD.encode(format!("{KEY}:")),
            STANDARD.encode(KEY),
            "private_key_SEKRIT%2F%2B0123456789".to_string(),
            "private%5fkey%5fSEKRIT%2f%2b0123456789".to_string(),
        ];
        for f in &forms {
            let text = format!("before {f} after");
            let clean = s.scrub(&text);
            assert!(!clean.contains(f.as_str()), "{f} survived: {clean}");
            assert!(clean.contains(REDACTED) && clean.starts_with("before ") && clean.ends_with(" after"));
        }
        assert!(matches!(s.scrub("nothing here"), Cow::Borrowed(_)));
    }

    #[test]
    fn json_keys_values_and_error_fields() {
        let s = Secrets::for_private_key(KEY);
        let mut v = serde_json::json!({KEY: [KEY, {"x": format!("a{KEY}b")}], "n": 1});
        s.scrub_value(&mut v);
        let text = v.to_string();
        assert!(!text.contains(KEY), "{text}");
        assert_eq!(v["n"], 1);
        let mut e = Error::new(ErrorKind::ServerError, format!("m {KEY}"));
        e.help = Some(KEY.into());
        e.reason = Some(KEY.into());
        e.request_id = Some(KEY.into());
        e.body = Some(Value::String(KEY.into()));
        let e = s.scrubbed(e);
        let doc = Value::Object(e.to_json_map()).to_string();
        assert!(!doc.contains("SEKRIT"), "{doc}");
    }
}
