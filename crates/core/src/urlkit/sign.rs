//! HMAC-SHA1 with lowercase hex: the one primitive behind URL signatures and upload auth params.
//!
//! HMAC is done by hand on top of the SHA-1 compression function (RFC 2104): the key is absorbed
//! once, in [`Signer::new`], into the two chaining states after the `key ^ ipad` and
//! `key ^ opad` blocks. A signature then costs the payload's blocks plus one outer block, with
//! no hasher objects cloned, buffered or finalized (URL signing is a hot path). The tests check
//! the result against the `hmac` crate on every length around the block boundaries.

use sha1::block_api::compress;
use sha1::{Digest, Sha1};

const BLOCK: usize = 64;

/// SHA-1's initial chaining value (FIPS 180-4 §5.3.1).
const H0: [u32; 5] = [0x6745_2301, 0xEFCD_AB89, 0x98BA_DCFE, 0x1032_5476, 0xC3D2_E1F0];

/// A pre-keyed HMAC-SHA1: the SHA-1 states after the inner and outer key blocks.
#[derive(Clone)]
pub struct Signer {
    inner: [u32; 5],
    outer: [u32; 5],
}

/// SHA-1 over the message blocks that follow one already-absorbed 64-byte block (the HMAC key
/// block), starting from `state`; returns the final state.
#[inline]
fn finish_after_key_block(mut state: [u32; 5], parts: &[&[u8]]) -> [u32; 5] {
    // Bytes of `block` past `fill` are always zero, so the padding needs no clearing.
    let mut block = [0u8; BLOCK];
    let mut fill = 0;
    let mut total = BLOCK as u64;
    for part in parts {
        let mut p: &[u8] = part;
        total += p.len() as u64;
        while !p.is_empty() {
            let take = p.len().min(BLOCK - fill);
            block[fill..fill + take].copy_from_slice(&p[..take]);
            fill += take;
            p = &p[take..];
            if fill == BLOCK {
                compress(&mut state, std::slice::from_ref(&block));
                block = [0u8; BLOCK];
                fill = 0;
            }
        }
    }
    // Padding: 0x80, zeros, the message length in bits (big-endian) in the last 8 bytes.
    block[fill] = 0x80;
    if fill >= BLOCK - 8 {
        compress(&mut state, std::slice::from_ref(&block));
        block = [0u8; BLOCK];
    }
    block[BLOCK - 8..].copy_from_slice(&(total * 8).to_be_bytes());
    compress(&mut state, std::slice::from_ref(&block));
    state
}

/// The 20 digest bytes of a SHA-1 state.
#[inline]
fn state_bytes(state: [u32; 5]) -> [u8; 20] {
    let mut digest = [0u8; 20];
    for (d, s) in digest.chunks_exact_mut(4).zip(state) {
        d.copy_from_slice(&s.to_be_bytes());
    }
    digest
}

impl Signer {
    pub fn new(private_key: &str) -> Signer {
        // A key longer than a block is replaced by its SHA-1; a shorter one is zero-padded.
        let mut key = [0u8; BLOCK];
        let k = private_key.as_bytes();
        if k.len() > BLOCK {
            key[..20].copy_from_slice(&Sha1::digest(k));
        } else {
            key[..k.len()].copy_from_slice(k);
        }
        let keyed = |pad: u8| {
            let mut state = H0;
            let block: [u8; BLOCK] = std::array::from_fn(|i| key[i] ^ pad);
            compress(&mut state, &[block]);
            state
        };
        Signer {
            inner: keyed(0x36),
            outer: keyed(0x5c),
        }
    }

    /// The raw HMAC over the concatenation of `parts`.
    pub fn mac_parts(&self, parts: &[&[u8]]) -> [u8; 20] {
        let inner = state_bytes(finish_after_key_block(self.inner, parts));
        // The outer message is always the 20-byte inner digest: one block of fixed layout.
        let mut block = [0u8; BLOCK];
        block[..20].copy_from_slice(&inner);
        block[20] = 0x80;
        block[BLOCK - 8..].copy_from_slice(&((BLOCK as u64 + 20) * 8).to_be_bytes());
        let mut outer = self.outer;
        compress(&mut outer, std::slice::from_ref(&block));
        state_bytes(outer)
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
        out.push_str(hex40(&self.mac_parts(parts)).as_str());
    }

    pub fn sign(&self, message: &[u8]) -> String {
        self.sign_parts(&[message])
    }
}

/// 40 lowercase hex characters on the stack.
pub struct Hex40([u8; 40]);

impl Hex40 {
    pub fn as_bytes(&self) -> &[u8; 40] {
        &self.0
    }

    #[allow(unsafe_code)] // hex digits are ASCII
    pub fn as_str(&self) -> &str {
        // SAFETY: a `Hex40` is only made by `hex40`, where `hex::encode_to_slice` writes ASCII hex
        // digits into every byte, so the bytes are UTF-8 (a checked conversion shows in every
        // signed URL).
        unsafe { std::str::from_utf8_unchecked(&self.0) }
    }
}

/// Lowercase hex of a SHA-1 sized digest.
pub fn hex40(digest: &[u8; 20]) -> Hex40 {
    let mut text = [0u8; 40];
    hex::encode_to_slice(digest, &mut text).expect("40 bytes hold the hex of 20");
    Hex40(text)
}

impl std::fmt::Debug for Signer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Signer(<redacted>)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hmac::{Hmac, KeyInit, Mac};

    fn reference(key: &[u8], msg: &[u8]) -> String {
        let mut mac = Hmac::<Sha1>::new_from_slice(key).unwrap();
        mac.update(msg);
        hex40(&mac.finalize().into_bytes().into()).as_str().to_string()
    }

    #[test]
    fn official_auth_vector() {
        // imagekit-python tests/test_utils_calculation.py
        let s = Signer::new("private_key_test");
        assert_eq!(
            s.sign(b"your_token1582269249"),
            "e71bcd6031016b060d349d212e23e85c791decdd"
        );
        assert_eq!(
            s.sign_parts(&[b"your_token", b"1582269249"]),
            "e71bcd6031016b060d349d212e23e85c791decdd"
        );
        let mut out = String::from("ik-s=");
        s.sign_parts_into(&[b"your_token1582269249"], &mut out);
        assert_eq!(out, "ik-s=e71bcd6031016b060d349d212e23e85c791decdd");
    }

    #[test]
    fn hex_of_every_byte() {
        for b in 0..=255u8 {
            let mut d = [0u8; 20];
            d[7] = b;
            assert_eq!(
                hex40(&d).as_str(),
                format!("{}{b:02x}{}", "00".repeat(7), "00".repeat(12))
            );
        }
    }

    #[test]
    fn rfc2202_vectors() {
        let s = Signer::new("Jefe");
        assert_eq!(
            s.sign(b"what do ya want for nothing?"),
            "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79"
        );
        // Key longer than a block (80 bytes of 0xaa), hashed first.
        let key = String::from_utf8(vec![b'a'; 80]).unwrap();
        assert_eq!(Signer::new(&key).sign(b"x"), reference(key.as_bytes(), b"x"));
    }

    #[test]
    fn matches_the_hmac_crate_at_every_length_and_split() {
        let msg: Vec<u8> = (0..300u32).map(|i| (i * 7 + 3) as u8).collect();
        for key in [
            "",
            "k",
            "private_key_test",
            &"x".repeat(64),
            &"y".repeat(65),
            &"z".repeat(200),
        ] {
            let s = Signer::new(key);
            for len in 0..msg.len() {
                let m = &msg[..len];
                let want = reference(key.as_bytes(), m);
                assert_eq!(s.sign(m), want, "key {} len {len}", key.len());
                // Split in three at a few places (parts that cross block boundaries, empty parts).
                for a in [0, 1.min(len), len / 3, len.saturating_sub(1), len] {
                    for b in [a, (a + len) / 2, len] {
                        let got = s.sign_parts(&[&m[..a], &m[a..b], &[], &m[b..]]);
                        assert_eq!(got, want, "key {} len {len} split {a}/{b}", key.len());
                    }
                }
            }
        }
    }
}
