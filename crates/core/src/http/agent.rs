//! The ureq `Agent` (connection pool, timeouts, TLS, proxy, default headers), built once per
//! client.
//!
//! TLS is rustls (ring) with certificate verification always on. The trusted roots are the
//! Mozilla set (webpki) and, when the config has `ca_pem`/`ca_file`, those certificates added
//! to it: extra CAs never replace the public roots.

use super::resolver::CachingResolver;
use super::sent::TrackWrites;
use crate::config::Config;
use crate::error::{Error, Result};
use std::sync::Arc;
use ureq::tls::{Certificate, PemItem, RootCerts, TlsConfig, TlsProvider};
use ureq::unversioned::transport::{Connector, DefaultConnector};
use ureq::{Agent, Proxy};

/// `libimagekit/<version>`, used in the User-Agent and by `ik_version()`.
pub const VERSION_STRING: &str = concat!("libimagekit/", env!("CARGO_PKG_VERSION"));

/// Parses `ca_pem` and checks each certificate can act as a trust anchor.
fn extra_roots(pem: &str) -> Result<Vec<Certificate<'static>>> {
    let mut out = Vec::new();
    for item in ureq::tls::parse_pem(pem.as_bytes()) {
        match item {
            Ok(PemItem::Certificate(c)) => out.push(c.to_owned()),
            Ok(_) => {} // keys or other items are ignored
            Err(e) => {
                return Err(Error::invalid(format!(
                    "config `ca_pem`/`ca_file` is not valid PEM: {e}"
                )))
            }
        }
    }
    if out.is_empty() {
        return Err(Error::invalid("config `ca_pem`/`ca_file` contains no PEM certificate"));
    }
    for (i, c) in out.iter().enumerate() {
        let mut probe = rustls::RootCertStore::empty();
        probe
            .add(rustls::pki_types::CertificateDer::from(c.der()))
            .map_err(|e| {
                Error::invalid(format!(
                    "config `ca_pem`/`ca_file`: certificate #{} is not usable as a CA: {e}",
                    i + 1
                ))
            })?;
    }
    Ok(out)
}

/// The root set: Mozilla's alone, or Mozilla's plus the configured extra CAs.
pub fn root_certs(ca_pem: Option<&str>) -> Result<RootCerts> {
    let Some(pem) = ca_pem else {
        return Ok(RootCerts::WebPki);
    };
    let extra = extra_roots(pem)?;
    let mut all: Vec<Certificate<'static>> = webpki_root_certs::TLS_SERVER_ROOT_CERTS
        .iter()
        .map(|der| Certificate::from_der(der.as_ref()))
        .collect();
    all.extend(extra);
    Ok(RootCerts::Specific(Arc::new(all)))
}

/// The proxy variables, in the order ureq reads them (`Proxy::try_from_env`).
const PROXY_ENV: [&str; 6] = [
    "ALL_PROXY",
    "all_proxy",
    "HTTPS_PROXY",
    "https_proxy",
    "HTTP_PROXY",
    "http_proxy",
];

/// Refuses what the transport cannot use: SOCKS (this build has no SOCKS connector; ureq would
/// panic on a configured one and silently go direct with one from the environment).
fn usable(proxy: &Proxy, source: &str) -> Result<()> {
    use ureq::ProxyProtocol as P;
    match proxy.protocol() {
        P::Http | P::Https => Ok(()),
        _ => Err(Error::invalid(format!(
            "{source} is a SOCKS proxy ({}), which libimagekit does not support: use an http:// or \
             https:// (CONNECT) proxy, or set config `proxy` to \"\" to connect directly",
            super::response::host_port(proxy.host(), proxy.port())
        ))),
    }
}

/// `proxy`: `None` = from the environment (`ALL_PROXY`, `HTTPS_PROXY`, `HTTP_PROXY`, lowercase
/// forms, `NO_PROXY`); `""` = no proxy at all; otherwise the proxy URL. A SOCKS proxy, or an
/// environment variable that is set but not a proxy URL, is an error naming where it came from.
fn proxy(setting: Option<&str>) -> Result<Option<Proxy>> {
    match setting.map(str::trim) {
        None => {
            for var in PROXY_ENV {
                let Ok(value) = std::env::var(var) else { continue };
                if value.trim().is_empty() {
                    continue;
                }
                let parsed = Proxy::new(value.trim()).map_err(|e| {
                    Error::invalid(format!(
                        "the environment variable {var} is not a usable proxy URL ({e}): fix it, or set \
                         config `proxy` to \"\" to connect directly"
                    ))
                })?;
                usable(&parsed, &format!("the proxy in the environment variable {var}"))?;
                // The first set variable is the one ureq takes (with NO_PROXY applied).
                return Ok(Proxy::try_from_env());
            }
            Ok(None)
        }
        Some("") => Ok(None),
        Some(url) => {
            let p = Proxy::new(url)
                .map_err(|e| Error::invalid(format!("config `proxy` is not a usable proxy URL: {e}")))?;
            usable(&p, "config `proxy`")?;
            Ok(Some(p))
        }
    }
}

/// The User-Agent: `libimagekit/<version>`, plus the configured suffix.
pub fn user_agent(config: &Config) -> String {
    match config.user_agent_suffix.as_deref().map(str::trim) {
        Some(s) if !s.is_empty() => format!("{} {}", VERSION_STRING, s),
        _ => VERSION_STRING.to_string(),
    }
}

/// Checks everything [`build_agent`] will need, without building it: the extra CAs, the proxy
/// (configured or from the environment) and the User-Agent. `ik_client_new` runs it, so a client
/// that only signs URLs never builds a TLS transport, and a bad setting is reported at creation,
/// naming the key, instead of failing (or panicking) on the first call.
pub fn validate(config: &Config) -> Result<()> {
    if let Some(pem) = config.ca_pem.as_deref() {
        extra_roots(pem)?;
    }
    proxy(config.proxy.as_deref())?;
    ureq::http::HeaderValue::from_str(&user_agent(config))
        .map_err(|_| Error::invalid("config `user_agent` is not a valid HTTP header value"))?;
    Ok(())
}

/// Builds the agent for `config`.
pub fn build_agent(config: &Config) -> Result<Agent> {
    let tls = TlsConfig::builder()
        .provider(TlsProvider::Rustls)
        .root_certs(root_certs(config.ca_pem.as_deref())?)
        .disable_verification(false)
        .build();
    let timeout = Some(config.timeout);
    let agent_config = Agent::config_builder()
        .http_status_as_error(false)
        .tls_config(tls)
        .proxy(proxy(config.proxy.as_deref())?)
        .user_agent(user_agent(config))
        .accept("application/json")
        // ImageKit's API does not redirect; a 3xx is reported, never followed with our key.
        .max_redirects(0)
        .max_redirects_will_error(false)
        .max_idle_connections(32)
        .max_idle_connections_per_host(8)
        .timeout_connect(Some(config.connect_timeout))
        .timeout_resolve(Some(config.connect_timeout))
        .timeout_send_request(timeout)
        // The body of an upload may take as long as it takes; a stall is still caught by the
        // per-write limit below.
        .timeout_send_body(None)
        .timeout_per_write(timeout)
        .timeout_recv_response(timeout)
        .timeout_recv_body(timeout)
        .build();
    // Every connection records whether an attempt's whole request went out (see `sent`).
    let connector = DefaultConnector::new().chain(TrackWrites);
    Ok(Agent::with_parts(agent_config, connector, CachingResolver::new()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOT_PEM: &str = "hello";
    const BAD_CERT: &str = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n";

    #[test]
    fn roots() {
        assert!(matches!(root_certs(None).unwrap(), RootCerts::WebPki));
        assert!(root_certs(Some(NOT_PEM))
            .unwrap_err()
            .message
            .contains("no PEM certificate"));
        assert!(root_certs(Some(BAD_CERT)).is_err());
        assert!(!webpki_root_certs::TLS_SERVER_ROOT_CERTS.is_empty());
    }

    #[test]
    fn proxies() {
        assert!(proxy(Some("")).unwrap().is_none());
        assert!(proxy(Some("http://127.0.0.1:3128")).unwrap().is_some());
        assert!(proxy(Some("::::")).is_err());
        for socks in ["socks5://127.0.0.1:1080", "socks4://h:1", "socks5h://h", "socks://h"] {
            let e = proxy(Some(socks)).unwrap_err();
            assert!(
                e.message.contains("config `proxy`") && e.message.contains("SOCKS"),
                "{}",
                e.message
            );
        }
        assert!(proxy(Some("https://127.0.0.1:3128")).unwrap().is_some());
    }
}
