//! Ctrl-C (and SIGTERM): the first one asks the running transfer to stop cleanly (uploads in
//! flight are cancelled before the server has them whole, the journal keeps what was confirmed);
//! a second one exits at once with 130.

use std::sync::atomic::{AtomicBool, Ordering};

static INTERRUPTED: AtomicBool = AtomicBool::new(false);

/// Installs the handler (once) and returns the flag it sets.
pub fn flag() -> &'static AtomicBool {
    static INSTALLED: std::sync::Once = std::sync::Once::new();
    INSTALLED.call_once(|| {
        let _ = ctrlc::set_handler(|| {
            if INTERRUPTED.swap(true, Ordering::SeqCst) {
                std::process::exit(crate::output::Exit::Interrupted as i32);
            }
            eprintln!("imagekit: interrupted: stopping (press Ctrl-C again to quit at once)");
        });
    });
    &INTERRUPTED
}

pub fn interrupted() -> bool {
    INTERRUPTED.load(Ordering::SeqCst)
}
