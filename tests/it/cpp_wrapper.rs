//! Builds the C++17 wrapper's test program (bindings/cpp/test_imagekit.cpp) with
//! `g++ -std=c++17 -Wall -Wextra -Wpedantic -Werror -fsanitize=address,undefined` against the
//! generated header and the cdylib, checks that imagekit.hpp compiles on its own, and runs the
//! program against the local ImageKit-compatible server (IK_TEST_BASE_URL).

use crate::support::{self, have, lib_dir, repo_dir, scratch, Mock};
use std::path::Path;
use std::process::Command;

fn gxx(args: &[&str], src: &Path, out: Option<&Path>) {
    let mut cmd = Command::new("g++");
    cmd.args(["-std=c++17", "-Wall", "-Wextra", "-Wpedantic", "-Werror", "-g"])
        .args(args)
        .arg(format!("-I{}", repo_dir().join("include").display()))
        .arg(format!("-I{}", repo_dir().join("bindings/cpp").display()))
        .arg(src);
    match out {
        Some(out) => {
            cmd.arg("-o")
                .arg(out)
                .arg(format!("-L{}", lib_dir().display()))
                .arg(format!("-Wl,-rpath,{}", lib_dir().display()))
                .args(["-limagekit", "-lpthread"]);
        }
        None => {
            cmd.arg("-fsyntax-only");
        }
    }
    let o = cmd.output().expect("run g++");
    assert!(
        o.status.success(),
        "g++ failed for {}:\n{}",
        src.display(),
        String::from_utf8_lossy(&o.stderr)
    );
}

#[test]
fn cpp_wrapper_under_asan_and_ubsan() {
    support::ensure_cdylib();
    assert!(have("g++"), "g++ is not installed (scripts/setup.sh installs it)");
    let dir = scratch("cpp-wrapper");

    // The header stands alone (includes everything it uses).
    let alone = dir.join("alone.cpp");
    std::fs::write(
        &alone,
        "#include \"imagekit.hpp\"\nint main() { return imagekit::version().empty(); }\n",
    )
    .unwrap();
    gxx(&[], &alone, None);

    let exe = dir.join("test_imagekit");
    gxx(
        &[
            "-O1",
            "-fsanitize=address,undefined",
            "-fno-omit-frame-pointer",
            "-fno-sanitize-recover=all",
        ],
        &repo_dir().join("bindings/cpp/test_imagekit.cpp"),
        Some(&exe),
    );

    let server = Mock::start();
    let mut cmd = Command::new(&exe);
    server.apply_env(&mut cmd);
    cmd.current_dir(&dir)
        .env("ASAN_OPTIONS", "detect_leaks=1:abort_on_error=0")
        .env("UBSAN_OPTIONS", "print_stacktrace=1:halt_on_error=1");
    let o = cmd.output().expect("run test_imagekit");
    assert!(
        o.status.success(),
        "test_imagekit failed ({}):\n--- stdout\n{}\n--- stderr\n{}",
        o.status,
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
}
