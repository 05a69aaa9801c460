//! The client: configuration plus the state shared by every call (signing key, HTTP transport,
//! log sink). `Client` is `Send + Sync`; every operation takes `&self`.

use crate::config::Config;
use crate::error::Result;
use crate::http::Transport;
use crate::log::{LogFn, LogLevel};
use crate::sign::Signer;
use std::sync::RwLock;

pub struct Client {
    pub config: Config,
    pub(crate) signer: Signer,
    pub(crate) transport: Transport,
    logger: RwLock<Option<LogFn>>,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client").field("config", &self.config).finish_non_exhaustive()
    }
}

impl Client {
    pub fn new(config: Config) -> Result<Client> {
        let signer = Signer::new(&config.private_key);
        let transport = Transport::new(&config)?;
        Ok(Client { config, signer, transport, logger: RwLock::new(None) })
    }

    pub fn from_json(config_json: &str) -> Result<Client> {
        Client::new(Config::from_json(config_json)?)
    }

    /// Installs (or with `None` removes) the log sink.
    pub fn set_logger(&self, logger: Option<LogFn>) {
        *self.logger.write().unwrap_or_else(|e| e.into_inner()) = logger;
    }

    /// True when a sink is installed, so callers can skip formatting log text.
    pub fn log_enabled(&self) -> bool {
        self.logger.read().map(|l| l.is_some()).unwrap_or(false)
    }

    /// Sends one record to the sink, if any. `message` is only built when a sink is installed.
    pub fn log(&self, level: LogLevel, message: impl FnOnce() -> String) {
        let sink = self.logger.read().ok().and_then(|l| l.clone());
        if let Some(sink) = sink {
            sink(level, &message());
        }
    }
}
