//! A panic caught at the C boundary writes nothing to the host's stderr (not even with
//! `RUST_BACKTRACE=1`), and the host's own panics are still reported by the hook it had.
//!
//! The test runs itself again as a child process (so stderr can be inspected whole). The child
//! panics inside the library's boundary through `ffi::boundary::call_with_out` (the helper every
//! `extern "C"` function runs in; it is not a C symbol), then panics in its own code.

use imagekit::boundary::{call_with_error, call_with_out, guard};
use imagekit::status::ik_status;
use std::ffi::c_char;
use std::process::Command;

const CHILD: &str = "IK_PANIC_TEST_CHILD";
const MARKER: &str = "--- host panic next ---\n";

#[test]
fn caught_panics_print_nothing_and_host_panics_still_print() {
    if std::env::var_os(CHILD).is_some() {
        child();
        return;
    }
    let out = Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "reliability_panic::caught_panics_print_nothing_and_host_panics_still_print",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD, "1")
        .env("RUST_BACKTRACE", "1")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "child failed:\n{stdout}\n{stderr}");
    assert!(stdout.contains("CHILD DONE"), "{stdout}");
    // Everything the library's panics could have written comes before the marker: nothing.
    let (library_part, host_part) = stderr.split_once(MARKER).expect("marker on stderr");
    assert!(
        library_part.is_empty(),
        "caught panics wrote to stderr:\n{library_part}"
    );
    // The host's own panic, after the library's hook was installed, still goes to the host's hook.
    assert!(
        host_part.contains("host-side boom"),
        "the host's panic was swallowed:\n{stderr}"
    );
    assert!(!host_part.contains("library-side"), "{stderr}");
}

fn child() {
    let mut out: *mut c_char = std::ptr::null_mut();
    let st = unsafe {
        call_with_out(&mut out, || -> imagekit_core::Result<String> {
            panic!("library-side boom {}", 1)
        })
    };
    assert_eq!(st, ik_status::Panic);
    let doc = unsafe { std::ffi::CStr::from_ptr(out) }.to_string_lossy().into_owned();
    assert!(doc.contains("library-side boom 1"), "{doc}");
    unsafe { imagekit::client::ik_string_free(out) };
    let st = unsafe {
        call_with_error(std::ptr::null_mut(), || -> imagekit_core::Result<()> {
            panic!("library-side boom 2")
        })
    };
    assert_eq!(st, ik_status::Panic);
    assert_eq!(guard(7, || -> i32 { panic!("library-side boom 3") }), 7);
    // Nested: a panic inside a call made from inside a call (a callback calling back in).
    let st = unsafe {
        call_with_out(&mut out, || -> imagekit_core::Result<String> {
            let mut inner: *mut c_char = std::ptr::null_mut();
            let st = call_with_out(&mut inner, || -> imagekit_core::Result<String> {
                panic!("library-side boom 4")
            });
            imagekit::client::ik_string_free(inner);
            assert_eq!(st, ik_status::Panic);
            panic!("library-side boom 5")
        })
    };
    assert_eq!(st, ik_status::Panic);
    unsafe { imagekit::client::ik_string_free(out) };
    // Then a panic of the host's own, outside any library call.
    eprint!("{MARKER}");
    let r = std::panic::catch_unwind(|| panic!("host-side boom"));
    assert!(r.is_err());
    println!("CHILD DONE");
}
