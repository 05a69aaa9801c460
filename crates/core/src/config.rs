//! Client configuration, parsed once from the JSON given to `ik_client_new`.
//!
//! Keys are accepted in the original SDK's snake_case and in camelCase, after trimming surrounding
//! white space. Unknown keys are rejected by name so that a typo never silently falls back
//! to a default.

use crate::error::{Error, Result};
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

/// Canonical key for a config key as written by the caller (snake_case or camelCase).
fn canonical_key(raw: &str) -> Option<&'static str> {
    Some(match raw.trim() {
        "private_key" | "privateKey" => "private_key",
        "public_key" | "publicKey" => "public_key",
        "url_endpoint" | "urlEndpoint" => "url_endpoint",
        "transformation_position" | "transformationPosition" => "transformation_position",
        "api_base_url" | "apiBaseUrl" | "base_url" | "baseUrl" | "baseURL" => "api_base_url",
        "upload_base_url" | "uploadBaseUrl" => "upload_base_url",
        "connect_timeout_ms" | "connectTimeoutMs" => "connect_timeout_ms",
        "timeout_ms" | "timeoutMs" => "timeout_ms",
        "max_retries" | "maxRetries" => "max_retries",
        "retry_initial_delay_ms" | "retryInitialDelayMs" => "retry_initial_delay_ms",
        "retry_max_delay_ms" | "retryMaxDelayMs" => "retry_max_delay_ms",
        "ca_pem" | "caPem" => "ca_pem",
        "ca_file" | "caFile" => "ca_file",
        "proxy" => "proxy",
        "user_agent" | "userAgent" => "user_agent",
        _ => return None,
    })
}

fn want_str<'a>(key: &str, v: &'a Value) -> Result<&'a str> {
    let s = v
        .as_str()
        .ok_or_else(|| Error::invalid(format!("config `{key}` must be a string")))?;
    // A NUL (from `\u0000`) would be cut from every C string the value ends up in (a URL, a
    // header), so what is signed or sent would differ from what the caller sees.
    if s.contains('\0') {
        return Err(Error::invalid(format!(
            "config `{key}` must not contain a NUL character"
        )));
    }
    Ok(s)
}

fn want_u64(key: &str, v: &Value) -> Result<u64> {
    v.as_u64()
        .ok_or_else(|| Error::invalid(format!("config `{key}` must be a non-negative integer")))
}

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
        let mut fields: Vec<(&'static str, &Value)> = Vec::with_capacity(obj.len());
        for (raw, v) in obj {
            let key =
                canonical_key(raw).ok_or_else(|| Error::invalid(format!("unknown config key `{}`", raw.trim())))?;
            fields.push((key, v));
        }
        let get = |k: &str| fields.iter().rev().find(|(key, _)| *key == k).map(|(_, v)| *v);
        let required = |k: &str| -> Result<String> {
            match get(k) {
                None | Some(Value::Null) => Err(Error::invalid(format!("config `{k}` is required"))),
                Some(v) => {
                    let s = want_str(k, v)?;
                    if s.is_empty() {
                        Err(Error::invalid(format!("config `{k}` must not be empty")))
                    } else {
                        Ok(s.to_string())
                    }
                }
            }
        };

        let private_key = required("private_key")?;
        let public_key = required("public_key")?;
        let url_endpoint = required("url_endpoint")?;

        let transformation_position = match get("transformation_position") {
            None | Some(Value::Null) => TransformationPosition::Path,
            Some(v) => {
                let s = want_str("transformation_position", v)?;
                TransformationPosition::parse(s.trim()).ok_or_else(|| {
                    Error::invalid(format!(
                        "config `transformation_position` must be \"path\" or \"query\", got {s:?}"
                    ))
                })?
            }
        };

        let opt_str = |k: &str| -> Result<Option<String>> {
            match get(k) {
                None | Some(Value::Null) => Ok(None),
                Some(v) => Ok(Some(want_str(k, v)?.to_string())),
            }
        };
        let opt_u64 = |k: &str| -> Result<Option<u64>> {
            match get(k) {
                None | Some(Value::Null) => Ok(None),
                Some(v) => Ok(Some(want_u64(k, v)?)),
            }
        };

        let api_override = opt_str("api_base_url")?;
        let api_base_url = trim_base(api_override.as_deref().unwrap_or(DEFAULT_API_BASE_URL));
        // As the official SDKs do: with only the API base overridden, uploads follow it
        // (`<base>/api/v1/files/upload`); with nothing overridden they go to the upload host.
        let upload_base_url = match opt_str("upload_base_url")? {
            Some(u) => trim_base(&u),
            None if api_override.is_some() => api_base_url.clone(),
            None => DEFAULT_UPLOAD_BASE_URL.to_string(),
        };
        for (k, u) in [("api_base_url", &api_base_url), ("upload_base_url", &upload_base_url)] {
            check_base_url(k, u)?;
        }

        let mut ca_pem = opt_str("ca_pem")?;
        if let Some(path) = opt_str("ca_file")? {
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

        let max_retries = opt_u64("max_retries")?.unwrap_or(2);
        if max_retries > 10 {
            return Err(Error::invalid("config `max_retries` must be at most 10"));
        }
        // A timeout of 0 is refused rather than read as "none" or "fail at once": there is no
        // way to turn the timeouts off, only to make them long (up to a day).
        let ms = |k: &str, default: u64, min: u64, max: u64| -> Result<Duration> {
            let v = opt_u64(k)?.unwrap_or(default);
            if v < min || v > max {
                return Err(Error::invalid(format!(
                    "config `{k}` must be between {min} and {max} (milliseconds), got {v}"
                )));
            }
            Ok(Duration::from_millis(v))
        };
        let user_agent_suffix = opt_str("user_agent")?;
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
            proxy: opt_str("proxy")?,
            user_agent_suffix,
        })
    }
}
