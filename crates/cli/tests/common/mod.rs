//! Running the `imagekit` binary against an in-process mock server.
#![allow(dead_code)]

use ik_mock_server::{MockServer, Options};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};

pub const KEY: &str = "private_key_cli_test_SECRET_4711";

pub fn server() -> MockServer {
    MockServer::start_with(Options {
        private_key: KEY.into(),
        tls: false,
        ..Options::default()
    })
}

/// The binary with the server's settings in its environment (nothing inherited from ours).
pub fn imagekit(server: &MockServer) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_imagekit"));
    for var in [
        "IMAGEKIT_PRIVATE_KEY",
        "IMAGEKIT_PUBLIC_KEY",
        "IMAGEKIT_URL_ENDPOINT",
        "IMAGEKIT_API_BASE_URL",
        "IMAGEKIT_UPLOAD_BASE_URL",
        "IMAGEKIT_CA_FILE",
        "IMAGEKIT_WEBHOOK_SECRET",
    ] {
        cmd.env_remove(var);
    }
    cmd.env("IMAGEKIT_PRIVATE_KEY", KEY)
        .env("IMAGEKIT_PUBLIC_KEY", &server.options().public_key)
        .env("IMAGEKIT_URL_ENDPOINT", "https://ik.imagekit.io/mock")
        .env("IMAGEKIT_API_BASE_URL", server.base_url())
        .env("NO_PROXY", "127.0.0.1,localhost")
        .env("no_proxy", "127.0.0.1,localhost")
        .stdin(Stdio::null());
    cmd
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// stdout's lines as JSON objects.
    pub fn objects(&self) -> Vec<Value> {
        self.stdout
            .lines()
            .map(|l| {
                serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON: {l:?}: {e}\nstderr: {}", self.stderr))
            })
            .collect()
    }

    pub fn with_status(&self, status: &str) -> Vec<Value> {
        self.objects().into_iter().filter(|o| o["status"] == status).collect()
    }
}

impl std::fmt::Debug for Run {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "exit {}\n--- stdout\n{}\n--- stderr\n{}",
            self.code, self.stdout, self.stderr
        )
    }
}

pub fn run(mut cmd: Command) -> Run {
    let Output { status, stdout, stderr } = cmd.output().expect("run imagekit");
    Run {
        code: status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&stdout).into_owned(),
        stderr: String::from_utf8_lossy(&stderr).into_owned(),
    }
}

pub fn spawn(mut cmd: Command) -> Child {
    cmd.stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn imagekit")
}

pub fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("ik-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// `n` files of about `size` bytes (each different) in a few sub-folders; returns their relative paths.
pub fn tree(root: &Path, n: usize, size: usize) -> Vec<String> {
    (0..n)
        .map(|i| {
            let rel = format!("d{}/sub{}/file{i:04}.bin", i % 4, i % 3);
            let p = root.join(&rel);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            let mut body = format!("file {i} ").into_bytes();
            body.resize(size + i % 7, b'x');
            std::fs::write(&p, body).unwrap();
            rel
        })
        .collect()
}

/// How many upload requests the server saw.
/// Three files put on the server in /site/gone and nowhere locally (the remote-only files of a
/// sync), uploaded from a scratch folder of their own without a journal.
pub fn put_remote_only(server: &MockServer, name: &str) {
    let extra = scratch(&format!("{name}-extra"));
    for i in 0..3 {
        std::fs::write(extra.join(format!("old{i}.txt")), b"old").unwrap();
    }
    let mut cmd = imagekit(server);
    cmd.args(["upload", "-r"])
        .arg(&extra)
        .args(["--folder", "/site/gone", "--no-journal"]);
    assert_eq!(run(cmd).code, 0);
}

pub fn upload_requests(server: &MockServer) -> usize {
    server
        .requests()
        .iter()
        .filter(|r| r.method == "POST" && r.path.starts_with("/api/v1/files/upload"))
        .count()
}

/// Paths are unique and no file has an older version beyond `replaced` (nothing was stored twice).
pub fn assert_no_duplicates(server: &MockServer) {
    assert_versions(server, 0);
}

pub fn assert_versions(server: &MockServer, older_versions: u64) {
    let files = server.files();
    let mut paths: Vec<&str> = files.iter().map(|f| f["filePath"].as_str().unwrap()).collect();
    paths.sort();
    let n = paths.len();
    paths.dedup();
    assert_eq!(paths.len(), n, "a path stored twice");
    // `file_versions` counts the older versions kept in files' histories.
    let versions = server.stats()["file_versions"].as_u64().unwrap_or(u64::MAX);
    assert_eq!(versions, older_versions, "versions: {}", server.stats());
}

pub fn journal_lines(path: &Path) -> usize {
    std::fs::read_to_string(path)
        .map(|t| t.lines().count().saturating_sub(1))
        .unwrap_or(0)
}
