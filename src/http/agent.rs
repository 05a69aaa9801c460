//! The ureq `Agent` (connection pool, timeouts, TLS, proxy, default headers), built once per
//! client.
//!
//! TLS is rustls (ring) with certificate verification always on. The trusted roots are the
//! Mozilla set (webpki) and, when the config has `ca_pem`/`ca_file`, those certificates added
//! to it: extra CAs never replace the public roots.

use super::resolver::CachingResolver;
use crate::config::Config;
use crate::error::{Error, Result};
use std::sync::Arc;
use ureq::tls::{Certificate, PemItem, RootCerts, TlsConfig, TlsProvider};
use ureq::unversioned::transport::DefaultConnector;
use ureq::{Agent, Proxy};

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

/// `proxy`: `None` = from the environment (`ALL_PROXY`, `HTTPS_PROXY`, `HTTP_PROXY`, lowercase
/// forms, `NO_PROXY`); `""` = no proxy at all; otherwise the proxy URL.
fn proxy(setting: Option<&str>) -> Result<Option<Proxy>> {
    match setting.map(str::trim) {
        None => Ok(Proxy::try_from_env()),
        Some("") => Ok(None),
        Some(url) => Proxy::new(url)
            .map(Some)
            .map_err(|e| Error::invalid(format!("config `proxy` is not a usable proxy URL: {e}"))),
    }
}

/// The User-Agent: `libimagekit/<version>`, plus the configured suffix.
pub fn user_agent(config: &Config) -> String {
    match config.user_agent_suffix.as_deref().map(str::trim) {
        Some(s) if !s.is_empty() => format!("{} {}", crate::VERSION_STRING, s.replace(['\r', '\n'], " ")),
        _ => crate::VERSION_STRING.to_string(),
    }
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
    Ok(Agent::with_parts(agent_config, DefaultConnector::new(), CachingResolver::new()))
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
    }
}
