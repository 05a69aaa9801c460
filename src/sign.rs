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
        let mut mac = self.keyed.clone();
        for p in parts {
            mac.update(p);
        }
        hex::encode(mac.finalize().into_bytes())
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
    }
}
