//! HTTP transport: ureq agent, retries, multipart streaming. (Filled in by the network work.)

use crate::config::Config;
use crate::error::Result;

/// The per-client HTTP machinery.
#[derive(Debug)]
pub struct Transport {}

impl Transport {
    pub fn new(_config: &Config) -> Result<Transport> {
        Ok(Transport {})
    }
}
