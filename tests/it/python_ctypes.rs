//! Runs bindings/python/example.py (ctypes: URL, upload with progress, list, delete, errors)
//! with this test run's libimagekit.so against the local ImageKit-compatible server.

use crate::support::{self, lib_dir, repo_dir, Mock};
use std::process::Command;

#[test]
fn the_python_ctypes_example_runs_against_the_local_server() {
    support::ensure_cdylib();
    let python = ["python3", "python"]
        .into_iter()
        .find(|p| {
            Command::new(p)
                .arg("--version")
                .output()
                .map(|o| o.status.success())
                .unwrap_or(false)
        })
        .expect("python3 is not installed");
    let server = Mock::start();
    let mut cmd = Command::new(python);
    cmd.arg(repo_dir().join("bindings/python/example.py"))
        .env("IMAGEKIT_LIB", lib_dir().join("libimagekit.so"))
        .env_remove("IK_BASE_URL");
    for v in ["IMAGEKIT_PRIVATE_KEY", "IMAGEKIT_PUBLIC_KEY", "IMAGEKIT_URL_ENDPOINT"] {
        cmd.env_remove(v);
    }
    server.apply_env(&mut cmd); // IK_TEST_BASE_URL
    let o = cmd.output().expect("run python");
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(
        o.status.success(),
        "example.py failed ({}):\n--- stdout\n{stdout}\n--- stderr\n{}",
        o.status,
        String::from_utf8_lossy(&o.stderr)
    );
    for want in [
        "url: https://ik.imagekit.io/your_imagekit_id/tr:h-300,w-400:rt-90/default-image.jpg\n",
        "signed url: https://ik.imagekit.io/your_imagekit_id/default-image.jpg?ik-s=c86f61bcf1fb5f7a123cd3dbcc89bc5658923ace\n",
        "bad options rejected: invalid_argument: ",
        "uploaded: ",
        "listed: ['/python/ctypes",
        "deleted; deleting again: not_found: ",
        "(HTTP 404)",
    ] {
        assert!(stdout.contains(want), "missing {want:?} in:\n{stdout}");
    }
}
