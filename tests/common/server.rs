//! Starts the local ImageKit-compatible server for tests that need the network.
//! (Until the mock server lands this is an empty handle: network C tests skip themselves.)
#![allow(dead_code)]

use std::process::Command;

pub struct Handle {}

impl Handle {
    pub fn start() -> Handle {
        Handle {}
    }

    /// Exports the server's addresses to a child process.
    pub fn apply_env(&self, _cmd: &mut Command) {}
}
