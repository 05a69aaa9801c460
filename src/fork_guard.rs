//! Tells the core's token generator about forks, so it may batch OS randomness (see
//! `imagekit_core::random`): a `pthread_atfork` child handler counts each fork. Registered once,
//! when the first client is made; if registration fails, tokens keep one system call each.

use std::sync::Once;

/// Registers the fork handler (once per process).
pub fn install() {
    static REGISTER: Once = Once::new();
    REGISTER.call_once(register);
}

#[cfg(unix)]
fn register() {
    extern "C" fn in_child() {
        imagekit_core::random::note_fork();
    }
    // SAFETY: registering a handler has no precondition; the handler only touches an atomic,
    // which is async-signal-safe, as a handler in the child of a multi-threaded process must be.
    if unsafe { libc::pthread_atfork(None, None, Some(in_child)) } == 0 {
        imagekit_core::random::fork_counting_started();
    }
}

#[cfg(not(unix))]
fn register() {}
