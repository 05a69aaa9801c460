//! Client configuration, parsed once from the JSON given to `ik_client_new`.
//!
//! Keys are accepted in the original SDK's snake_case and in camelCase, after trimming surrounding
//! white space. Unknown keys are rejected by name so that a typo never silently falls back
//! to a default.

use crate::error::{Error, Result};
use crate::options::{self, opt, req, Kind, Param, Wire};
use serde_json::{Map, Value};
use std::time::Duration;

pub const DEFAULT_API_BASE_URL: &str = "https://api.imagekit.io";
pub const DEFAULT_UPLOAD_BASE_URL: &str = "https://upload.imagekit.io";

/// Where transformations go when a URL is built from `path`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TransformationPosition {
    Path,
    Query,
}

impl TransformationPosition {
    pub fn parse(s: &str) -> Option<TransformationPosition> {
        match s {
            "path" => Some(TransformationPosition::Path),
            "query" => Some(TransformationPosition::Query),
            _ => None,
        }
    }
}

/// Everything a client needs. `Debug` is implemented by hand so the private key never prints.
#[derive(Clone)]
pub struct Config {
    pub private_key: String,
    pub public_key: String,
    pub url_endpoint: String,
    pub transformation_position: TransformationPosition,
    /// Base of every REST call, without a trailing slash.
    pub api_base_url: String,
    /// Base of upload calls, without a trailing slash.
    pub upload_base_url: String,
    pub connect_timeout: Duration,
    /// Per-attempt timeout for a whole request (upload bodies excepted: see `http`).
    pub timeout: Duration,
    pub max_retries: u32,
    /// First retry delay before doubling (ImageKit's SDKs: 0.5 s).
    pub retry_initial_delay: Duration,
    /// Cap on a computed retry delay (ImageKit's SDKs: 8 s).
    pub retry_max_delay: Duration,
    /// Extra trusted CA certificates (PEM), added to the Mozilla roots.
    pub ca_pem: Option<String>,
    /// An explicit proxy URL; `None` means "from the environment".
    pub proxy: Option<String>,
    /// Appended to the User-Agent after `libimagekit/<version>`.
    pub user_agent_suffix: Option<String>,
}

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("private_key", &"<redacted>")
            .field("public_key", &self.public_key)
            .field("url_endpoint", &self.url_endpoint)
            .field("api_base_url", &self.api_base_url)
            .field("upload_base_url", &self.upload_base_url)
            .finish_non_exhaustive()
    }
}

/// Every config key, read by the one option reader (`crate::options`): snake_case names, the
/// camelCase spellings as aliases.
#[rustfmt::skip]
const CONFIG_KEYS: &[Param] = &[
    req("private_key", Kind::Str).or(&["privateKey"]),
    req("public_key", Kind::Str).or(&["publicKey"]),
    req("url_endpoint", Kind::Str).or(&["urlEndpoint"]),
    opt("transformation_position", Kind::Str).or(&["transformationPosition"]),
    opt("api_base_url", Kind::Str).or(&["apiBaseUrl", "base_url", "baseUrl", "baseURL"]),
    opt("upload_base_url", Kind::Str).or(&["uploadBaseUrl"]),
    opt("connect_timeout_ms", Kind::Int).or(&["connectTimeoutMs"]),
    opt("timeout_ms", Kind::Int).or(&["timeoutMs"]),
    opt("max_retries", Kind::Int).or(&["maxRetries"]),
    opt("retry_initial_delay_ms", Kind::Int).or(&["retryInitialDelayMs"]),
    opt("retry_max_delay_ms", Kind::Int).or(&["retryMaxDelayMs"]),
    opt("ca_pem", Kind::Str).or(&["caPem"]),
    opt("ca_file", Kind::Str).or(&["caFile"]),
    opt("proxy", Kind::Str),
    opt("user_agent", Kind::Str).or(&["userAgent"]),
];

fn trim_base(url: &str) -> String {
    url.trim_end_matches('/').to_string()
}

/// Longest timeout accepted (one day): longer values overflow clock arithmetic on some platforms.
pub const MAX_TIMEOUT_MS: u64 = 86_400_000;

/// Longest retry delay accepted (ten minutes).
pub const MAX_RETRY_DELAY_MS: u64 = 600_000;

/// Checks a base URL: http(s), a host, nothing after the path (no query, fragment, user info,
/// white space or control characters), so that every request URL built on it is valid.
fn check_base_url(key: &str, url: &str) -> Result<()> {
    if !(url.starts_with("http://") || url.starts_with("https://")) {
        return Err(Error::invalid(format!(
            "config `{key}` must start with http:// or https://"
        )));
    }
    if let Some(c) = url.chars().find(|c| c.is_whitespace() || c.is_control()) {
        return Err(Error::invalid(format!(
            "config `{key}` must not contain white space or control characters (found {:?})",
            c
        )));
    }
    if url.contains(['?', '#']) {
        return Err(Error::invalid(format!(
            "config `{key}` must not have a query or fragment"
        )));
    }
    let uri: ureq::http::Uri = url
        .parse()
        .map_err(|e| Error::invalid(format!("config `{key}` is not a valid URL: {e}")))?;
    match uri.authority() {
        Some(a) if !a.host().is_empty() && !a.as_str().contains('@') => Ok(()),
        Some(_) => Err(Error::invalid(format!(
            "config `{key}` must not carry user info (user@host)"
        ))),
        None => Err(Error::invalid(format!("config `{key}` has no host"))),
    }
}

/// Checks the `user_agent` suffix: it goes into a header, so no control characters (CR and LF
/// included: they would split the header).
fn check_user_agent(ua: &str) -> Result<()> {
    if let Some((at, c)) = ua.char_indices().find(|(_, c)| c.is_control()) {
        return Err(Error::invalid(format!(
            "config `user_agent` must not contain control characters (U+{:04X} at byte {at})",
            c as u32
        )));
    }
    if ua.len() > 1024 {
        return Err(Error::invalid("config `user_agent` must be at most 1024 bytes"));
    }
    Ok(())
}

impl Config {
    /// Parses the config document. Missing required keys and unknown keys are errors that name the key.
    pub fn from_json(text: &str) -> Result<Config> {
        let value: Value =
            serde_json::from_str(text).map_err(|e| Error::invalid(format!("config is not valid JSON: {e}")))?;
        let obj = value
            .as_object()
            .ok_or_else(|| Error::invalid("config must be a JSON object"))?;
        Config::from_map(obj)
    }

    pub fn from_map(obj: &Map<String, Value>) -> Result<Config> {
        let read = options::read(CONFIG_KEYS, obj, "config", Wire::Json)?;
        // A NUL (from `\u0000`) would be cut from every C string the value ends up in (a URL, a
        // header), so what is signed or sent would differ from what the caller sees.
        if let Some((key, _)) = read.iter().find(|(_, v)| v.as_str().is_some_and(|s| s.contains('\0'))) {
            return Err(Error::invalid(format!(
                "config `{}` must not contain a NUL character",
                key.name
            )));
        }
        let text = |k: &str| read.str(k).unwrap_or_default().to_string();
        let private_key = text("private_key");
        let public_key = text("public_key");
        let url_endpoint = text("url_endpoint");

        let transformation_position = match read.str("transformation_position") {
            None => TransformationPosition::Path,
            Some(s) => TransformationPosition::parse(s.trim()).ok_or_else(|| {
                Error::invalid(format!(
                    "config `transformation_position` must be \"path\" or \"query\", got {s:?}"
                ))
            })?,
        };

        let opt_str = |k: &str| read.str(k).map(str::to_string);

        let api_override = opt_str("api_base_url");
        let api_base_url = trim_base(api_override.as_deref().unwrap_or(DEFAULT_API_BASE_URL));
        // As the official SDKs do: with only the API base overridden, uploads follow it
        // (`<base>/api/v1/files/upload`); with nothing overridden they go to the upload host.
        let upload_base_url = match opt_str("upload_base_url") {
            Some(u) => trim_base(&u),
            None if api_override.is_some() => api_base_url.clone(),
            None => DEFAULT_UPLOAD_BASE_URL.to_string(),
        };
        for (k, u) in [("api_base_url", &api_base_url), ("upload_base_url", &upload_base_url)] {
            check_base_url(k, u)?;
        }

        let mut ca_pem = opt_str("ca_pem");
        if let Some(path) = opt_str("ca_file") {
            let text = std::fs::read_to_string(&path)
                .map_err(|e| Error::invalid(format!("config `ca_file`: cannot read {path:?}: {e}")))?;
            ca_pem = Some(match ca_pem {
                Some(mut p) => {
                    p.push('\n');
                    p.push_str(&text);
                    p
                }
                None => text,
            });
        }

        let max_retries = read.u64("max_retries").unwrap_or(2);
        if max_retries > 10 {
            return Err(Error::invalid("config `max_retries` must be at most 10"));
        }
        // A timeout of 0 is refused rather than read as "none" or "fail at once": there is no
        // way to turn the timeouts off, only to make them long (up to a day).
        let ms = |k: &str, default: u64, min: u64, max: u64| -> Result<Duration> {
            let v = read.u64(k).unwrap_or(default);
            if v < min || v > max {
                return Err(Error::invalid(format!(
                    "config `{k}` must be between {min} and {max} (milliseconds), got {v}"
                )));
            }
            Ok(Duration::from_millis(v))
        };
        let user_agent_suffix = opt_str("user_agent");
        if let Some(ua) = user_agent_suffix.as_deref() {
            check_user_agent(ua)?;
        }

        Ok(Config {
            private_key,
            public_key,
            url_endpoint,
            transformation_position,
            api_base_url,
            upload_base_url,
            connect_timeout: ms("connect_timeout_ms", 5_000, 1, MAX_TIMEOUT_MS)?,
            timeout: ms("timeout_ms", 60_000, 1, MAX_TIMEOUT_MS)?,
            max_retries: max_retries as u32,
            retry_initial_delay: ms("retry_initial_delay_ms", 500, 0, MAX_RETRY_DELAY_MS)?,
            retry_max_delay: ms("retry_max_delay_ms", 8_000, 0, MAX_RETRY_DELAY_MS)?,
            ca_pem,
            proxy: opt_str("proxy"),
            user_agent_suffix,
        })
    }
}
