//! The server's settings.

use std::time::Duration;

/// The private key the server accepts by default.
pub const DEFAULT_PRIVATE_KEY: &str = "private_key_test";
/// The public key the server accepts for client-side uploads by default.
pub const DEFAULT_PUBLIC_KEY: &str = "public_key_test";
/// The URL endpoint used in file URLs by default (a name only: nothing is served there).
pub const DEFAULT_URL_ENDPOINT: &str = "https://ik.imagekit.io/mock";

/// Server settings. `Options::default()` gives the values in each field's doc.
#[derive(Debug, Clone)]
pub struct Options {
    /// The key Basic auth must carry as user name. Default `private_key_test`.
    pub private_key: String,
    /// The key client-side uploads must carry as `publicKey`. Default `public_key_test`.
    pub public_key: String,
    /// Prefix of file URLs in responses. Default [`DEFAULT_URL_ENDPOINT`].
    pub url_endpoint: String,
    /// Also start the HTTPS listener. Default true.
    pub tls: bool,
    /// Port for plain HTTP on 127.0.0.1; 0 (default) lets the OS choose.
    pub port: u16,
    /// Port for HTTPS on 127.0.0.1; 0 (default) lets the OS choose.
    pub tls_port: u16,
    /// An idle keep-alive connection (or a stalled read) is closed after this. Default 120 s.
    pub idle_timeout: Duration,
    /// The request log keeps the newest this many requests. Default 10 000.
    pub max_recorded_requests: usize,
    /// Print one line per API request to stderr. Default: true when the environment variable
    /// `IK_MOCK_LOG` is set to a non-empty value other than `0`.
    pub log: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            private_key: DEFAULT_PRIVATE_KEY.into(),
            public_key: DEFAULT_PUBLIC_KEY.into(),
            url_endpoint: DEFAULT_URL_ENDPOINT.into(),
            tls: true,
            port: 0,
            tls_port: 0,
            idle_timeout: Duration::from_secs(120),
            max_recorded_requests: 10_000,
            log: std::env::var("IK_MOCK_LOG").is_ok_and(|v| !v.is_empty() && v != "0"),
        }
    }
}
