//! Builds every `tests/c/test_*.c` against the generated header and the cdylib, then runs it
//! twice: compiled with `-fsanitize=address,undefined`, and compiled plain under valgrind
//! (`--leak-check=full`, any error or definite leak fails). Network tests get the local
//! ImageKit-compatible server through `IK_TEST_BASE_URL`.

use crate::support::{self, have, lib_dir, repo_dir, scratch, Mock};
use std::path::Path;
use std::process::Command;

fn compile(src: &Path, out: &Path, sanitize: bool) {
    support::ensure_cdylib();
    let mut cmd = Command::new("gcc");
    cmd.args(["-std=c11", "-Wall", "-Wextra", "-Wpedantic", "-Werror", "-g", "-O1"]);
    if sanitize {
        cmd.args([
            "-fsanitize=address,undefined",
            "-fno-omit-frame-pointer",
            "-fno-sanitize-recover=all",
        ]);
    }
    cmd.arg(format!("-I{}", repo_dir().join("include").display()))
        .arg(format!("-I{}", repo_dir().join("tests/c").display()))
        .arg(src)
        .arg("-o")
        .arg(out)
        .arg(format!("-L{}", lib_dir().display()))
        .arg(format!("-Wl,-rpath,{}", lib_dir().display()))
        .args(["-limagekit", "-lpthread"]);
    let o = cmd.output().expect("run gcc");
    assert!(
        o.status.success(),
        "gcc failed for {}:\n{}",
        src.display(),
        String::from_utf8_lossy(&o.stderr)
    );
}

fn c_tests() -> Vec<std::path::PathBuf> {
    let mut v: Vec<_> = std::fs::read_dir(repo_dir().join("tests/c"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.extension().is_some_and(|e| e == "c") && p.file_name().unwrap().to_string_lossy().starts_with("test_")
        })
        .collect();
    v.sort();
    assert!(!v.is_empty(), "no C tests found");
    v
}

/// Environment for the C programs: the local server, when the tests have one.
fn test_env(cmd: &mut Command, server: &Mock) {
    server.apply_env(cmd);
    cmd.env("IK_TEST_DATA_DIR", repo_dir().join("tests/data"));
}

fn run(cmd: &mut Command, what: &str) -> Result<(), String> {
    let o = cmd.output().map_err(|e| format!("{what}: cannot start: {e}"))?;
    if o.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{what} failed ({}):\n--- stdout\n{}\n--- stderr\n{}",
            o.status,
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        ))
    }
}

#[test]
fn c_tests_under_asan_and_ubsan() {
    let dir = scratch("c-asan");
    let server = Mock::start();
    let mut failures = Vec::new();
    for src in c_tests() {
        let exe = dir.join(src.file_stem().unwrap());
        compile(&src, &exe, true);
        let mut cmd = Command::new(&exe);
        test_env(&mut cmd, &server);
        cmd.env("ASAN_OPTIONS", "detect_leaks=1:abort_on_error=0")
            .env("UBSAN_OPTIONS", "print_stacktrace=1:halt_on_error=1");
        if let Err(e) = run(&mut cmd, &format!("{} (asan)", src.display())) {
            failures.push(e);
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn c_tests_under_valgrind() {
    if !have("valgrind") {
        panic!("valgrind is not installed: the README's setup installs it (apt-get install valgrind)");
    }
    let dir = scratch("c-valgrind");
    let server = Mock::start();
    let mut failures = Vec::new();
    for src in c_tests() {
        let exe = dir.join(src.file_stem().unwrap());
        compile(&src, &exe, false);
        let mut cmd = Command::new("valgrind");
        cmd.args([
            "--error-exitcode=97",
            "--leak-check=full",
            "--errors-for-leak-kinds=definite",
            "--show-leak-kinds=definite",
            "--quiet",
        ])
        .arg(&exe);
        test_env(&mut cmd, &server);
        if let Err(e) = run(&mut cmd, &format!("{} (valgrind)", src.display())) {
            failures.push(e);
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
