//! Where things are: the built library, the repository, the test data, scratch directories,
//! and the tools the C, C++, Go and Python tests need.

use std::path::{Path, PathBuf};
use std::process::Command;

/// `target/<profile>`, where cargo put libimagekit.so for this test run.
pub fn lib_dir() -> PathBuf {
    // The test binary lives in target/<profile>/deps/.
    let exe = std::env::current_exe().expect("current_exe");
    exe.parent()
        .and_then(Path::parent)
        .expect("target/<profile>")
        .to_path_buf()
}

pub fn repo_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn have(tool: &str) -> bool {
    Command::new(tool)
        .arg("--version")
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false)
}

/// A fresh scratch directory under target/.
pub fn scratch(name: &str) -> PathBuf {
    let d = lib_dir().join("test-scratch").join(name);
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// Builds (or confirms up to date) the cdylib the C, C++, Go and Python tests link against.
///
/// `cargo test` compiles the library only as an rlib for the Rust tests, so without this a
/// fresh target directory has no `libimagekit.so`, and an old one may hold a stale library.
/// Runs once per test process; a no-op build takes a fraction of a second.
pub fn ensure_cdylib() {
    static BUILT: std::sync::OnceLock<()> = std::sync::OnceLock::new();
    BUILT.get_or_init(|| {
        let target_dir = lib_dir().parent().expect("target dir").to_path_buf();
        let profile = lib_dir()
            .file_name()
            .expect("profile dir")
            .to_string_lossy()
            .into_owned();
        let mut cmd = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
        cmd.args(["build", "--lib", "-p", "imagekit"])
            .env("CARGO_TARGET_DIR", &target_dir)
            .current_dir(repo_dir());
        if profile == "release" {
            cmd.arg("--release");
        }
        let out = cmd.output().expect("run cargo build --lib");
        assert!(
            out.status.success(),
            "cargo build --lib failed:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
    });
}

/// A JSON file of `tests/data`.
pub fn data(name: &str) -> serde_json::Value {
    let path = repo_dir().join("tests/data").join(name);
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}
