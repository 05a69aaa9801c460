//! Decoding of C arguments: NULL checks, UTF-8, and the client handle.

use imagekit_core::error::{Error, Result};
use std::ffi::{c_char, CStr};

/// Borrows a NUL-terminated UTF-8 string argument, or fails naming the argument.
///
/// # Safety
/// `ptr` must be NULL or point to a NUL-terminated string valid for `'a`.
pub unsafe fn str_arg<'a>(ptr: *const c_char, name: &str) -> Result<&'a str> {
    if ptr.is_null() {
        return Err(Error::null_argument(name));
    }
    utf8_arg(CStr::from_ptr(ptr).to_bytes(), name)
}

/// The bytes of argument `name` as UTF-8 text, or an error naming the argument and the byte.
pub fn utf8_arg<'a>(bytes: &'a [u8], name: &str) -> Result<&'a str> {
    // Options documents are usually ASCII, which is confirmed several times faster than the
    // general UTF-8 check (this is on the path of every URL).
    if is_ascii(bytes) {
        // SAFETY: ASCII text is UTF-8.
        return Ok(unsafe { std::str::from_utf8_unchecked(bytes) });
    }
    std::str::from_utf8(bytes).map_err(|e| {
        Error::invalid(format!(
            "argument `{name}` is not valid UTF-8 (byte {})",
            e.valid_up_to()
        ))
    })
}

/// `[u8]::is_ascii`, eight bytes at a time to the end: the last word overlaps the one before
/// instead of leaving up to 63 bytes to a byte loop, as the standard one does.
#[inline]
fn is_ascii(b: &[u8]) -> bool {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    if b.len() < 8 {
        return b.is_ascii();
    }
    let word = |c: &[u8]| u64::from_le_bytes(c.try_into().expect("8-byte chunk"));
    let mut acc = word(&b[b.len() - 8..]);
    for c in b.chunks_exact(8) {
        acc |= word(c);
    }
    acc & HIGH == 0
}

/// Like [`str_arg`], but NULL gives `None` (for optional arguments).
///
/// # Safety
/// As for [`str_arg`].
pub unsafe fn opt_str_arg<'a>(ptr: *const c_char, name: &str) -> Result<Option<&'a str>> {
    if ptr.is_null() {
        Ok(None)
    } else {
        str_arg(ptr, name).map(Some)
    }
}

/// Borrows `len` bytes at `ptr`. A NULL pointer is accepted only with `len == 0`. A length no
/// object can have on this platform (over `PTRDIFF_MAX`, or running past the end of the address
/// space from `ptr`) is `InvalidArgument`: such a `len` is a caller's bug (often a negative
/// number cast to `size_t`), and building a slice from it would be undefined behaviour.
///
/// # Safety
/// `ptr` must be NULL or point to `len` readable bytes valid for `'a`.
pub unsafe fn bytes_arg<'a>(ptr: *const u8, len: usize, name: &str) -> Result<&'a [u8]> {
    if ptr.is_null() {
        if len == 0 {
            return Ok(&[]);
        }
        return Err(Error::null_argument(name));
    }
    if len > isize::MAX as usize || (ptr as usize).checked_add(len).is_none() {
        return Err(Error::invalid(format!(
            "argument `{name}`: length {len} is larger than any object can be (a negative length cast to size_t?)"
        )));
    }
    Ok(std::slice::from_raw_parts(ptr, len))
}

#[cfg(test)]
mod tests {
    #[test]
    fn ascii_check_agrees_with_std_at_every_length_and_position() {
        for len in 0..80 {
            let clean = vec![b'a'; len];
            assert!(super::is_ascii(&clean));
            for at in 0..len {
                let mut b = clean.clone();
                b[at] = 0x80 | (at as u8);
                assert!(!super::is_ascii(&b), "len {len} at {at}");
            }
        }
    }
}
