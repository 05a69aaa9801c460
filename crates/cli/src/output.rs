//! Where things are printed: data on stdout (a line per item, or one JSON object per line with
//! `--json`), messages on stderr (coloured on a terminal unless `NO_COLOR` is set). Every text
//! passes through the private key's scrubber on its way out.

use imagekit_core::http::Secrets;
use serde_json::Value;
use std::io::{IsTerminal, Write};
use std::sync::OnceLock;

/// The process's exit codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Ok = 0,
    /// Some items failed (they are listed).
    Partial = 1,
    /// A usage or configuration error: nothing was done.
    Usage = 2,
    /// Done, with warnings.
    Warnings = 3,
    Interrupted = 130,
}

/// A command that could not do its work: the message and the exit code.
#[derive(Debug)]
pub struct Failure {
    pub exit: Exit,
    pub message: String,
}

impl Failure {
    pub fn usage(message: impl Into<String>) -> Failure {
        Failure {
            exit: Exit::Usage,
            message: message.into(),
        }
    }

    pub fn failed(message: impl Into<String>) -> Failure {
        Failure {
            exit: Exit::Partial,
            message: message.into(),
        }
    }
}

impl From<imagekit_core::Error> for Failure {
    fn from(e: imagekit_core::Error) -> Failure {
        use imagekit_core::ErrorKind::*;
        let exit = match e.kind {
            InvalidArgument | NullArgument | Unauthorized | Forbidden => Exit::Usage,
            Cancelled => Exit::Interrupted,
            _ => Exit::Partial,
        };
        Failure {
            exit,
            message: describe(&e),
        }
    }
}

/// One line for an error of the core: its message, the HTTP status and ImageKit's help.
pub fn describe(e: &imagekit_core::Error) -> String {
    let mut s = e.message.clone();
    if let Some(status) = e.http_status {
        if !s.contains(&status.to_string()) {
            s = format!("HTTP {status}: {s}");
        }
    }
    if matches!(
        e.kind,
        imagekit_core::ErrorKind::Unauthorized | imagekit_core::ErrorKind::Forbidden
    ) {
        s.push_str(" (check IMAGEKIT_PRIVATE_KEY and the base URLs)");
    }
    s
}

pub struct Out {
    pub json: bool,
    pub quiet: bool,
    color: bool,
    secrets: OnceLock<Secrets>,
}

impl Out {
    pub fn new(json: bool, quiet: bool) -> Out {
        let color = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stderr().is_terminal();
        Out {
            json,
            quiet,
            color,
            secrets: OnceLock::new(),
        }
    }

    /// From now on every text printed is scrubbed of `private_key`'s forms.
    pub fn protect(&self, private_key: &str) {
        if !private_key.is_empty() {
            let _ = self.secrets.set(Secrets::for_private_key(private_key));
        }
    }

    pub fn scrub(&self, text: &str) -> String {
        match self.secrets.get() {
            Some(s) => s.scrub(text).into_owned(),
            None => text.to_string(),
        }
    }

    pub fn color(&self) -> bool {
        self.color
    }

    fn paint(&self, code: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }

    pub fn error(&self, message: &str) {
        eprintln!("{} {}", self.paint("1;31", "imagekit: error:"), self.scrub(message));
    }

    pub fn warn(&self, message: &str) {
        eprintln!("{} {}", self.paint("1;33", "imagekit: warning:"), self.scrub(message));
    }

    /// A progress or summary message (not with --quiet).
    pub fn info(&self, message: &str) {
        if !self.quiet {
            eprintln!("{}", self.scrub(message));
        }
    }

    /// A line of data on stdout.
    pub fn line(&self, text: &str) {
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "{}", self.scrub(text));
    }

    /// One JSON object on its own line on stdout.
    pub fn object(&self, v: &Value) {
        self.line(&v.to_string());
    }

    /// A JSON document, pretty-printed when stdout is a terminal.
    pub fn document(&self, v: &Value) {
        if !self.json && std::io::stdout().is_terminal() {
            self.line(&serde_json::to_string_pretty(v).unwrap_or_default());
        } else {
            self.object(v);
        }
    }
}
