//! One test in a child process of its own, for tests that measure the whole process (open
//! file descriptors, resident memory): the tests running beside them in this binary would move
//! the figures.

use std::process::Command;

/// Set in the child to the path of the test it runs.
const CHILD: &str = "IK_TEST_ALONE";

/// Call first in the test `name` of `module` (`module_path!()`). In the test run: runs that test
/// again, alone, in a child process of this binary, fails if it fails there (with its output),
/// and returns false: the caller returns. In the child: returns true and the caller does the work.
pub fn alone(module: &str, name: &str) -> bool {
    // The harness names a test by its path without the crate: `ffi_files::a_test`.
    let module = module.split_once("::").map_or("", |(_crate, rest)| rest);
    let test = if module.is_empty() {
        name.to_string()
    } else {
        format!("{module}::{name}")
    };
    if std::env::var(CHILD).is_ok_and(|t| t == test) {
        return true;
    }
    let out = Command::new(std::env::current_exe().expect("current_exe"))
        .args(["--exact", &test, "--nocapture", "--test-threads=1"])
        .env(CHILD, &test)
        .output()
        .expect("run the test binary");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    eprint!("{stderr}");
    assert!(
        out.status.success(),
        "{test} failed in its own process:\n{stdout}\n{stderr}"
    );
    // A wrong path would run nothing and pass.
    assert!(
        stdout.contains("test result: ok. 1 passed"),
        "{test} did not run in the child:\n{stdout}"
    );
    false
}
