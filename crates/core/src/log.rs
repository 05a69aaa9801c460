//! An optional, caller-supplied log sink. The core calls it for request tracing; it never
//! receives the private key or the Authorization header.

use std::sync::Arc;

/// Severity of a log record. The numeric values are part of the C ABI (`IK_LOG_*`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum LogLevel {
    Error = 1,
    Warn = 2,
    Info = 3,
    Debug = 4,
}

/// A log sink. Shared by all threads using the client.
pub type LogFn = Arc<dyn Fn(LogLevel, &str) + Send + Sync>;
