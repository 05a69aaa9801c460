//! What every subcommand shares: the output and the client, built from flags and environment.

use crate::cli::Global;
use crate::output::{Failure, Out};
use imagekit_core::{Client, Config};
use serde_json::{json, Map, Value};

pub struct Context {
    pub out: Out,
    pub no_progress: bool,
    global: Global,
}

/// What a command needs of the configuration.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Needs {
    /// The private key (REST calls, uploads, signing).
    PrivateKey,
    /// The private key and the URL endpoint (URLs).
    Endpoint,
    /// The private and the public key (client-side upload tokens).
    PublicKey,
}

impl Context {
    pub fn new(global: Global) -> Context {
        let out = Out::new(global.json, global.quiet);
        if let Some(k) = &global.private_key {
            out.protect(k);
        }
        Context {
            out,
            no_progress: global.no_progress,
            global,
        }
    }

    /// A client for `needs`; a missing setting is a configuration error naming its variable.
    pub fn client(&self, needs: Needs) -> Result<Client, Failure> {
        let g = &self.global;
        let given = |v: &Option<String>| {
            v.as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
        };
        let mut missing = Vec::new();
        let private_key = given(&g.private_key);
        if private_key.is_none() {
            missing.push("IMAGEKIT_PRIVATE_KEY (or --private-key)");
        }
        let public_key = given(&g.public_key);
        if needs == Needs::PublicKey && public_key.is_none() {
            missing.push("IMAGEKIT_PUBLIC_KEY (or --public-key)");
        }
        let url_endpoint = given(&g.url_endpoint);
        if needs == Needs::Endpoint && url_endpoint.is_none() {
            missing.push("IMAGEKIT_URL_ENDPOINT (or --url-endpoint)");
        }
        if !missing.is_empty() {
            return Err(Failure::usage(format!(
                "missing configuration: set {}",
                missing.join(" and ")
            )));
        }
        let mut cfg = Map::new();
        cfg.insert("private_key".into(), json!(private_key));
        // The core wants both; commands that do not use them get placeholders.
        cfg.insert("public_key".into(), json!(public_key.unwrap_or_else(|| "unset".into())));
        cfg.insert(
            "url_endpoint".into(),
            json!(url_endpoint.unwrap_or_else(|| "https://ik.imagekit.io/unset".into())),
        );
        cfg.insert("max_retries".into(), json!(g.max_retries));
        cfg.insert(
            "user_agent".into(),
            json!(format!("imagekit-cli/{}", env!("CARGO_PKG_VERSION"))),
        );
        if let Some(u) = given(&g.api_base_url) {
            cfg.insert("api_base_url".into(), json!(u));
        }
        if let Some(u) = given(&g.upload_base_url) {
            cfg.insert("upload_base_url".into(), json!(u));
        }
        if let Some(p) = &g.ca_file {
            cfg.insert("ca_file".into(), json!(p.to_string_lossy()));
        }
        let config = Config::from_map(&cfg).map_err(|e| Failure::usage(format!("configuration: {}", e.message)))?;
        Client::new(config).map_err(|e| Failure::usage(format!("configuration: {}", e.message)))
    }

    pub fn json(&self) -> bool {
        self.out.json
    }
}

/// Parses `name=value` pairs (`a=1,b=2`) into a JSON object of strings.
pub fn pairs(text: &str, what: &str) -> Result<Map<String, Value>, Failure> {
    let mut m = Map::new();
    for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let (k, v) = part
            .split_once('=')
            .ok_or_else(|| Failure::usage(format!("{what}: expected name=value, got {part:?}")))?;
        m.insert(k.trim().to_string(), Value::String(v.trim().to_string()));
    }
    Ok(m)
}
