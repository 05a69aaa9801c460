//! pHash distance (`ik_phash_distance`): never panics; a distance is symmetric, zero for equal
//! values, at most 4 bits per digit; the C entry point answers exactly as the core does.
#![no_main]

use imagekit::phash::ik_phash_distance;
use imagekit::status::ik_status;
use libfuzzer_sys::fuzz_target;
use std::ffi::{c_char, CString};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let (a, b) = text.split_once('\n').unwrap_or((text, text));
    let d = imagekit_core::phash::distance(a, b);
    let r = imagekit_core::phash::distance(b, a);
    assert_eq!(d.as_ref().ok(), r.as_ref().ok(), "not symmetric: {a:?} {b:?}");
    if let Ok(n) = d {
        assert!(n as usize <= 4 * a.len(), "{n} bits from {a:?} {b:?}");
        assert_eq!(imagekit_core::phash::distance(a, a).ok(), Some(0));
    }
    let (Ok(ca), Ok(cb)) = (CString::new(a), CString::new(b)) else {
        return;
    };
    let mut out = 0u32;
    let mut err: *mut c_char = std::ptr::null_mut();
    let st = unsafe { ik_phash_distance(ca.as_ptr(), cb.as_ptr(), &mut out, &mut err) };
    unsafe { imagekit::client::ik_string_free(err) };
    match d {
        Ok(n) => assert!(st == ik_status::Ok && out == n, "C gave {st:?} {out}, core {n}"),
        Err(_) => assert_eq!(st, ik_status::InvalidArgument),
    }
});
