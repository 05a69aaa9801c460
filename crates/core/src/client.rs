//! The client: configuration plus the state shared by every call (signing key, HTTP transport,
//! log sink). `Client` is `Send + Sync`; every operation takes `&self`.

use crate::config::Config;
use crate::error::Result;
use crate::http::{Secrets, Transport};
use crate::log::{LogFn, LogLevel};
use crate::urlkit::sign::Signer;
use std::sync::{OnceLock, RwLock};

pub struct Client {
    pub config: Config,
    pub(crate) signer: Signer,
    /// The key's forms, scrubbed from every error and log record that can carry server text.
    pub(crate) secrets: Secrets,
    /// Built on the first network call: a client that only signs URLs never builds it. Its
    /// settings were checked when the client was made.
    transport: OnceLock<Transport>,
    logger: RwLock<Option<LogFn>>,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

impl Client {
    /// Checks the whole configuration (network settings included: CAs, proxy, User-Agent), so
    /// every problem is reported here, naming the key; the transport itself is built on first use.
    pub fn new(config: Config) -> Result<Client> {
        crate::http::agent::validate(&config)?;
        let signer = Signer::new(&config.private_key);
        let secrets = Secrets::for_private_key(&config.private_key);
        Ok(Client {
            config,
            signer,
            secrets,
            transport: OnceLock::new(),
            logger: RwLock::new(None),
        })
    }

    /// The transport, built on first use (two threads racing may both build one; one is kept).
    pub(crate) fn transport(&self) -> Result<&Transport> {
        if let Some(t) = self.transport.get() {
            return Ok(t);
        }
        let built =
            Transport::with_secrets(&self.config, self.secrets.clone()).map_err(|e| self.secrets.scrubbed(e))?;
        Ok(self.transport.get_or_init(|| built))
    }

    /// Whether the transport has been built (it is, after the first network call).
    #[doc(hidden)]
    pub fn transport_is_built(&self) -> bool {
        self.transport.get().is_some()
    }

    /// The private key's forms (plain, Basic, base64 variants), for scrubbing text that leaves
    /// the library by another way, such as a caught panic's message.
    pub fn secrets(&self) -> &Secrets {
        &self.secrets
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
    /// Every record is scrubbed of the key's forms (records quote response headers, the request
    /// id, and transport messages, which a server controls) and cut at 4 KiB like error texts.
    pub fn log(&self, level: LogLevel, message: impl FnOnce() -> String) {
        let sink = self.logger.read().ok().and_then(|l| l.clone());
        if let Some(sink) = sink {
            let text = message();
            let clean = self.secrets.scrub(&text);
            sink(level, &crate::error::clip(&clean));
        }
    }
}
