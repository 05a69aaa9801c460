//! Hamming distance between two pHash values (hex strings, as the API's file metadata gives them).
//!
//! The rule, not the Python SDK's quirks: both values must be non-empty hexadecimal
//! strings (an optional `0x`/`0X` prefix is accepted) of the same length; anything else is an
//! `InvalidArgument` error with a message. The distance is the number of differing bits over the
//! 4-bit expansion of each digit (`0..=4 × len`), so the original SDK's examples give 0, 17 and 37.

use crate::error::{Error, Result};

fn digits<'a>(name: &str, value: &'a str) -> Result<&'a [u8]> {
    if value.is_empty() {
        return Err(Error::invalid(format!("missing pHash value: `{name}` is empty")));
    }
    let hex = value
        .strip_prefix("0x")
        .or_else(|| value.strip_prefix("0X"))
        .unwrap_or(value);
    if hex.is_empty() {
        return Err(Error::invalid(format!(
            "invalid pHash value: `{name}` has no digits after 0x"
        )));
    }
    if let Some((i, c)) = hex.char_indices().find(|(_, c)| !c.is_ascii_hexdigit()) {
        let at = i + (value.len() - hex.len());
        return Err(Error::invalid(format!(
            "invalid pHash value: `{name}` must be hexadecimal, found {c:?} at byte {at}"
        )));
    }
    Ok(hex.as_bytes())
}

#[inline]
fn nibble(b: u8) -> u8 {
    match b {
        b'0'..=b'9' => b - b'0',
        b'a'..=b'f' => b - b'a' + 10,
        _ => b - b'A' + 10,
    }
}

/// The number of differing bits between two hex pHash strings of equal length.
pub fn distance(first: &str, second: &str) -> Result<u32> {
    let a = digits("first", first)?;
    let b = digits("second", second)?;
    if a.len() != b.len() {
        return Err(Error::invalid(format!(
            "unequal pHash string length: {} and {} hex digits; both pHash values must have the same length",
            a.len(),
            b.len()
        )));
    }
    let bits: u64 = a
        .iter()
        .zip(b)
        .map(|(x, y)| (nibble(*x) ^ nibble(*y)).count_ones() as u64)
        .sum();
    u32::try_from(bits).map_err(|_| Error::invalid("pHash values are too long"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_examples() {
        assert_eq!(distance("f06830ca9f1e3e90", "f06830ca9f1e3e90").unwrap(), 0);
        assert_eq!(distance("2d5ad3936d2e015b", "2d6ed293db36a4fb").unwrap(), 17);
        assert_eq!(distance("a4a65595ac94518b", "7838873e791f8400").unwrap(), 37);
        assert_eq!(distance("33699c96619cc69e", "968e978414fe04ea").unwrap(), 30);
    }

    #[test]
    fn prefix_case_and_lengths() {
        assert_eq!(distance("0xF06830CA9F1E3E90", "f06830ca9f1e3e90").unwrap(), 0);
        assert_eq!(distance("0", "f").unwrap(), 4);
        assert_eq!(distance("0000", "ffff").unwrap(), 16);
        assert_eq!(distance(&"f".repeat(64), &"0".repeat(64)).unwrap(), 256);
    }

    #[test]
    fn errors() {
        for (a, b, want) in [
            ("", "dkf90", "missing pHash value: `first`"),
            ("f0", "", "missing pHash value: `second`"),
            (
                "INVALIDHEXSTRING",
                "f06830ca9f1e3e90",
                "`first` must be hexadecimal, found 'I' at byte 0",
            ),
            (
                "f06830ca9f1e3e90",
                "a4a655~!!@94518b",
                "`second` must be hexadecimal, found '~' at byte 6",
            ),
            ("f06830ca9f1e3e90", "42", "unequal pHash string length: 16 and 2"),
            ("0x", "0x", "no digits after 0x"),
            (" f0", "f0 ", "must be hexadecimal"),
            ("-f0", "0f0", "must be hexadecimal"),
            ("f_0", "f00", "must be hexadecimal"),
            ("é0", "00", "found 'é'"),
        ] {
            let e = distance(a, b).unwrap_err();
            assert_eq!(e.kind, crate::error::ErrorKind::InvalidArgument);
            assert!(e.message.contains(want), "{a:?} {b:?}: {}", e.message);
        }
    }
}
