//! `ik-mock-server`: runs the local ImageKit-compatible server until killed.
//!
//! Prints, then flushes, one `NAME=value` line per listener and one for the CA file:
//!
//! ```text
//! IK_MOCK_URL=http://127.0.0.1:PORT
//! IK_MOCK_TLS_URL=https://localhost:PORT
//! IK_MOCK_CA_FILE=/path/to/tests/data/tls/ca.pem
//! ```

use ik_mock_server::{MockServer, Options};
use std::io::{Read, Write};
use std::time::Duration;

const USAGE: &str = "\
usage: ik-mock-server [options]

Serves an ImageKit-compatible API on 127.0.0.1 until killed.

options:
  --port N                 plain HTTP port (default 0: the OS picks)
  --tls-port N             HTTPS port (default 0: the OS picks)
  --no-tls                 no HTTPS listener
  --private-key K          private key for Basic auth (default private_key_test)
  --public-key K           public key for client-side uploads (default public_key_test)
  --url-endpoint URL       prefix of file URLs in responses (default https://ik.imagekit.io/mock)
  --idle-timeout-ms N      close idle connections after N ms (default 120000)
  --exit-on-stdin-eof      exit when standard input reaches end of file
  --log                    print one line per API request to stderr (also: IK_MOCK_LOG=1)
  -h, --help               this text

stdout: IK_MOCK_URL=http://127.0.0.1:PORT, IK_MOCK_TLS_URL=https://localhost:PORT (unless
--no-tls) and IK_MOCK_CA_FILE=PATH, one per line, then nothing more.
";

fn fail(msg: &str) -> ! {
    eprintln!("ik-mock-server: {msg}\n\n{USAGE}");
    std::process::exit(2);
}

fn main() {
    let mut opts = Options::default();
    let mut exit_on_eof = false;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let (flag, inline) = match a.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_string(), Some(v.to_string())),
            _ => (a.clone(), None),
        };
        let mut value = |name: &str| -> String {
            inline
                .clone()
                .or_else(|| args.next())
                .unwrap_or_else(|| fail(&format!("{name} needs a value")))
        };
        match flag.as_str() {
            "--port" => opts.port = value("--port").parse().unwrap_or_else(|_| fail("bad --port")),
            "--tls-port" => opts.tls_port = value("--tls-port").parse().unwrap_or_else(|_| fail("bad --tls-port")),
            "--no-tls" => opts.tls = false,
            "--private-key" => opts.private_key = value("--private-key"),
            "--public-key" => opts.public_key = value("--public-key"),
            "--url-endpoint" => opts.url_endpoint = value("--url-endpoint"),
            "--idle-timeout-ms" => {
                let ms: u64 = value("--idle-timeout-ms")
                    .parse()
                    .unwrap_or_else(|_| fail("bad --idle-timeout-ms"));
                opts.idle_timeout = Duration::from_millis(ms.max(1));
            }
            "--exit-on-stdin-eof" => exit_on_eof = true,
            "--log" => opts.log = true,
            "-h" | "--help" => {
                print!("{USAGE}");
                return;
            }
            other => fail(&format!("unknown argument {other:?}")),
        }
    }
    let server = match MockServer::try_start_with(opts) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("ik-mock-server: cannot start: {e}");
            std::process::exit(1);
        }
    };
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "IK_MOCK_URL={}", server.base_url());
    if let Some(u) = server.tls_base_url() {
        let _ = writeln!(out, "IK_MOCK_TLS_URL={u}");
    }
    let _ = writeln!(out, "IK_MOCK_CA_FILE={}", server.ca_pem_path().display());
    let _ = out.flush();
    drop(out);

    if exit_on_eof {
        let mut sink = [0u8; 4096];
        let mut stdin = std::io::stdin().lock();
        while matches!(stdin.read(&mut sink), Ok(n) if n > 0) {}
        drop(server);
        return;
    }
    loop {
        std::thread::park();
    }
}
