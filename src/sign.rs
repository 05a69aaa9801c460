//! HMAC-SHA1 with lowercase hex: the one primitive behind URL signatures and upload auth params.

use hmac::{Hmac, KeyInit, Mac};
use sha1::Sha1;

type HmacSha1 = Hmac<Sha1>;

/// A pre-keyed HMAC-SHA1 state. Cloning the keyed state per signature skips re-hashing the key.
#[derive(Clone)]
pub struct Signer {
    keyed: HmacSha1,
}

impl Signer {
    pub fn new(private_key: &str) -> Signer {
        Signer {
            keyed: HmacSha1::new_from_slice(private_key.as_bytes()).expect("HMAC accepts any key length"),
        }
    }

    /// HMAC over the concatenation of `parts`, as 40 lowercase hex characters.
    pub fn sign_parts(&self, parts: &[&[u8]]) -> String {
        let mut out = String::with_capacity(40);
        self.sign_parts_into(parts, &mut out);
        out
    }

    /// Like [`Signer::sign_parts`], appending the hex digest to `out` (no allocation of its own:
    /// URL signing is a hot path).
    pub fn sign_parts_into(&self, parts: &[&[u8]], out: &mut String) {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let mut mac = self.keyed.clone();
        for p in parts {
            mac.update(p);
        }
        let digest = mac.finalize().into_bytes();
        let mut text = [0u8; 40];
        for (i, b) in digest.iter().enumerate() {
            text[2 * i] = HEX[usize::from(b >> 4)];
            text[2 * i + 1] = HEX[usize::from(b & 0x0f)];
        }
        out.push_str(std::str::from_utf8(&text).expect("hex digits are ASCII"));
    }

    pub fn sign(&self, message: &[u8]) -> String {
        self.sign_parts(&[message])
    }
}

impl std::fmt::Debug for Signer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Signer(<redacted>)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn official_auth_vector() {
        // imagekit-python tests/test_utils_calculation.py
        let s = Signer::new("private_key_test");
        assert_eq!(s.sign(b"your_token1582269249"), "e71bcd6031016b060d349d212e23e85c791decdd");
        assert_eq!(
            s.sign_parts(&[b"your_token", b"1582269249"]),
            "e71bcd6031016b060d349d212e23e85c791decdd"
        );
        let mut out = String::from("ik-s=");
        s.sign_parts_into(&[b"your_token1582269249"], &mut out);
        assert_eq!(out, "ik-s=e71bcd6031016b060d349d212e23e85c791decdd");
    }
}
