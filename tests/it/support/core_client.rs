//! The Rust core's client (`imagekit_core::Client`), for the transport tests that check what
//! the core does on the wire.

use super::capi::config;
use imagekit_core::log::LogLevel;
use std::sync::{Arc, Mutex};

/// The private key used by every core test client; asserted never to leak.
pub const TEST_PRIVATE_KEY: &str = "private_key_SEKRIT_0123456789";

/// The configuration of a core test client: [`config`] with [`TEST_PRIVATE_KEY`].
pub fn core_config(base_url: &str, extra: serde_json::Value) -> String {
    config(base_url, TEST_PRIVATE_KEY, extra)
}

/// A core client for a test server at `base_url`, from [`core_config`].
pub fn core_client(base_url: &str, extra: serde_json::Value) -> imagekit_core::Client {
    imagekit_core::Client::from_json(&core_config(base_url, extra)).expect("test client")
}

/// Collects log records from a client.
pub fn capture_logs(client: &imagekit_core::Client) -> Arc<Mutex<Vec<(LogLevel, String)>>> {
    let logs = Arc::new(Mutex::new(Vec::new()));
    let sink = logs.clone();
    client.set_logger(Some(Arc::new(move |level, msg: &str| {
        sink.lock().unwrap().push((level, msg.to_string()))
    })));
    logs
}
