//! The secrets of every client made by `ik_client_new` and not yet freed, for the one error text
//! that does not pass through a client's own scrubbing: the message of a panic caught at the
//! boundary, which runs without knowing which client (if any) the call was about.

use imagekit_core::http::redact::Secrets;
use std::sync::{Mutex, MutexGuard, PoisonError};

/// (handle address, that client's secrets).
static LIVE: Mutex<Vec<(usize, Secrets)>> = Mutex::new(Vec::new());

fn live() -> MutexGuard<'static, Vec<(usize, Secrets)>> {
    // A panic while the list was held cannot leave it half-written (push and retain only).
    LIVE.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Records the secrets of the client behind `handle`.
pub fn register(handle: usize, secrets: Secrets) {
    live().push((handle, secrets));
}

/// Forgets the client behind `handle` (a no-op for a handle never registered).
pub fn unregister(handle: usize) {
    live().retain(|(h, _)| *h != handle);
}

/// `text` with the secrets of every live client replaced by `<redacted>`.
pub fn scrub(text: String) -> String {
    let mut text = text;
    for (_, secrets) in live().iter() {
        if secrets.found_in(&text) {
            text = secrets.scrub(&text).into_owned();
        }
    }
    text
}
