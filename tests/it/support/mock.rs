//! Starts the local ImageKit-compatible server (`ik-mock-server`, in-process) for tests that
//! need the network. It listens on 127.0.0.1 only: plain HTTP and HTTPS (test CA in
//! `tests/data/tls/ca.pem`).

use ik_mock_server::MockServer;
use std::process::Command;

pub struct Mock {
    server: MockServer,
}

impl Mock {
    /// Starts the server with default options (private key `private_key_test`, public key
    /// `public_key_test`, plain HTTP and HTTPS on OS-chosen ports).
    pub fn start() -> Mock {
        Mock {
            server: MockServer::start(),
        }
    }

    /// The running server: faults, request log, state.
    pub fn server(&self) -> &MockServer {
        &self.server
    }

    /// Exports the server's addresses to a child process:
    /// `IK_TEST_BASE_URL` (http://127.0.0.1:PORT), `IK_TEST_TLS_BASE_URL`
    /// (https://localhost:PORT), `IK_TEST_CA_FILE` (the test CA's PEM), `IK_TEST_PRIVATE_KEY`,
    /// `IK_TEST_PUBLIC_KEY`; and adds 127.0.0.1 and localhost to `NO_PROXY`/`no_proxy` so a
    /// proxy set in the environment is never used for them.
    pub fn apply_env(&self, cmd: &mut Command) {
        cmd.env("IK_TEST_BASE_URL", self.server.base_url());
        if let Some(u) = self.server.tls_base_url() {
            cmd.env("IK_TEST_TLS_BASE_URL", u);
        }
        cmd.env("IK_TEST_CA_FILE", self.server.ca_pem_path());
        cmd.env("IK_TEST_PRIVATE_KEY", &self.server.options().private_key);
        cmd.env("IK_TEST_PUBLIC_KEY", &self.server.options().public_key);
        for var in ["NO_PROXY", "no_proxy"] {
            let old = std::env::var(var).unwrap_or_default();
            let v = if old.is_empty() {
                "127.0.0.1,localhost".to_string()
            } else {
                format!("{old},127.0.0.1,localhost")
            };
            cmd.env(var, v);
        }
    }
}
