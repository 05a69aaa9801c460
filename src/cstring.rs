//! Strings handed to C. Every string the library returns is a NUL-terminated copy in memory from
//! `malloc`, and `ik_string_free` is `free`: releasing a string costs no `strlen` (which
//! `CString::from_raw` needs to rebuild its length), and hot paths copy their result from a
//! scratch buffer straight into its final allocation.

use std::ffi::c_char;
use std::ptr::NonNull;

/// A NUL-terminated string from `malloc`, owned until [`CText::into_raw`] hands it to C.
pub struct CText(NonNull<c_char>);

impl CText {
    /// A copy of `bytes` with the C terminator. Interior NULs (impossible in the library's output,
    /// which refuses them in every input; guarded anyway) are dropped, so C sees the whole text.
    pub fn copy_of(bytes: &[u8]) -> CText {
        if has_nul(bytes) {
            let cleaned: Vec<u8> = bytes.iter().copied().filter(|&b| b != 0).collect();
            return CText::copy_of(&cleaned);
        }
        let len = bytes.len();
        // SAFETY: malloc of len + 1 bytes (never 0); on success the `len` bytes of `bytes` and the
        // terminator are written inside the allocation, which cannot overlap `bytes`.
        unsafe {
            let p = libc::malloc(len + 1).cast::<u8>();
            let Some(p) = NonNull::new(p) else {
                // As Rust's own allocations do when memory runs out.
                std::alloc::handle_alloc_error(
                    std::alloc::Layout::array::<u8>(len + 1).unwrap_or(std::alloc::Layout::new::<u8>()),
                );
            };
            std::ptr::copy_nonoverlapping(bytes.as_ptr(), p.as_ptr(), len);
            *p.as_ptr().add(len) = 0;
            CText(p.cast())
        }
    }

    /// Gives the string to C, which releases it with `ik_string_free` ([`free`]).
    pub fn into_raw(self) -> *mut c_char {
        let p = self.0.as_ptr();
        std::mem::forget(self);
        p
    }
}

impl Drop for CText {
    fn drop(&mut self) {
        // SAFETY: the pointer came from malloc in `copy_of` and was not handed out.
        unsafe { libc::free(self.0.as_ptr().cast()) }
    }
}

/// Releases a string from [`CText::into_raw`] (or NULL).
///
/// # Safety
/// `s` must be NULL or a pointer from [`CText::into_raw`] not yet freed.
pub unsafe fn free(s: *mut c_char) {
    libc::free(s.cast());
}

/// What an exported function may return through `*out`: its text, as a [`CText`].
pub trait IntoCText {
    fn into_c_text(self) -> CText;
}

impl IntoCText for String {
    fn into_c_text(self) -> CText {
        CText::copy_of(self.as_bytes())
    }
}

impl IntoCText for CText {
    fn into_c_text(self) -> CText {
        self
    }
}

/// True when `b` has a NUL byte. A lane-wise minimum over 16-byte chunks (plus the last 16 bytes,
/// overlapping), which the compiler turns into vector instructions: a word-at-a-time `memchr`
/// costs several times more on URL-sized strings (`ik_url` is a hot path).
#[inline]
fn has_nul(b: &[u8]) -> bool {
    if b.len() < 16 {
        return b.contains(&0);
    }
    let mut lanes = [u8::MAX; 16];
    let mut fold = |chunk: &[u8]| {
        // A fixed-size chunk, so that the loop below is unrolled into vector operations.
        let chunk: &[u8; 16] = chunk.try_into().expect("16-byte chunk");
        for (l, &x) in lanes.iter_mut().zip(chunk) {
            *l = (*l).min(x);
        }
    };
    let mut chunks = b.chunks_exact(16);
    for chunk in &mut chunks {
        fold(chunk);
    }
    fold(&b[b.len() - 16..]);
    // A horizontal minimum, not `contains` (a `memchr` call for 16 bytes).
    lanes.iter().fold(u8::MAX, |m, &l| m.min(l)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::CStr;

    fn round_trip(bytes: &[u8]) -> Vec<u8> {
        let p = CText::copy_of(bytes).into_raw();
        // SAFETY: `p` is a live NUL-terminated string from `into_raw`, freed once below.
        let back = unsafe { CStr::from_ptr(p) }.to_bytes().to_vec();
        unsafe { free(p) };
        back
    }

    #[test]
    fn nul_search_and_c_strings() {
        for len in 0..70 {
            let clean = "a".repeat(len);
            assert!(!has_nul(clean.as_bytes()));
            assert_eq!(round_trip(clean.as_bytes()), clean.as_bytes());
            for at in 0..len {
                let mut b = clean.clone().into_bytes();
                b[at] = 0;
                assert!(has_nul(&b), "len {len} at {at}");
                // Interior NULs are dropped.
                assert_eq!(round_trip(&b), "a".repeat(len - 1).as_bytes());
            }
        }
    }

    #[test]
    fn dropped_texts_are_freed_and_strings_convert() {
        drop(CText::copy_of(b"never handed out"));
        let p = String::from("{\"a\":1}").into_c_text().into_raw();
        assert_eq!(unsafe { CStr::from_ptr(p) }.to_str().unwrap(), "{\"a\":1}");
        unsafe { free(p) };
        unsafe { free(std::ptr::null_mut()) };
    }
}
