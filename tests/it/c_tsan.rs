//! ThreadSanitizer over the C tests that share one client between threads: `test_net_threads.c`
//! (8 threads of network calls with a logger) and `test_threads.c` (8 threads of URL signing).
//! The C side is compiled with `gcc -fsanitize=thread`; the library is the normal build, whose
//! internals TSan cannot see (tests/c/tsan.supp says why; RELIABILITY.md has the run with the
//! Rust side instrumented too). A self-check compiles the network test with a racy (non-atomic)
//! log counter and requires TSan to report it, so a harness that sees nothing cannot pass.
//! Never skipped: gcc with TSan is part of the documented toolchain.

use crate::support::{self, lib_dir, repo_dir, scratch, Mock};
use std::path::Path;
use std::process::{Command, Output};

fn compile(src: &Path, out: &Path, defines: &[&str]) {
    support::ensure_cdylib();
    let o = Command::new("gcc")
        .args([
            "-std=c11",
            "-Wall",
            "-Wextra",
            "-Wpedantic",
            "-Werror",
            "-g",
            "-O1",
            "-fsanitize=thread",
        ])
        .args(defines)
        .arg(format!("-I{}", repo_dir().join("include").display()))
        .arg(format!("-I{}", repo_dir().join("tests/c").display()))
        .arg(src)
        .arg("-o")
        .arg(out)
        .arg(format!("-L{}", lib_dir().display()))
        .arg(format!("-Wl,-rpath,{}", lib_dir().display()))
        .args(["-limagekit", "-lpthread"])
        .output()
        .expect("run gcc");
    assert!(
        o.status.success(),
        "gcc -fsanitize=thread failed for {}:\n{}",
        src.display(),
        String::from_utf8_lossy(&o.stderr)
    );
}

fn run_tsan(exe: &Path, server: &Mock) -> Output {
    let mut cmd = Command::new(exe);
    server.apply_env(&mut cmd);
    cmd.env(
        "TSAN_OPTIONS",
        format!(
            "halt_on_error=1 exitcode=66 suppressions={}",
            repo_dir().join("tests/c/tsan.supp").display()
        ),
    );
    cmd.output().expect("run the TSan build")
}

fn text(o: &Output) -> String {
    format!(
        "--- stdout\n{}\n--- stderr\n{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

#[test]
fn threads_sharing_a_client_are_race_free_under_thread_sanitizer() {
    let dir = scratch("c-tsan");
    let server = Mock::start();
    for (name, defines) in [
        ("test_net_threads", &["-DPER_THREAD=24"][..]),
        ("test_net_threads", &["-DPER_THREAD=24", "-DIK_TEST_WARM_UP"][..]),
        ("test_threads", &[][..]),
    ] {
        let exe = dir.join(format!("{name}{}", defines.len()));
        compile(&repo_dir().join(format!("tests/c/{name}.c")), &exe, defines);
        let o = run_tsan(&exe, &server);
        assert!(
            o.status.success(),
            "{name} {defines:?} under TSan ({}):\n{}",
            o.status,
            text(&o)
        );
        assert!(
            !String::from_utf8_lossy(&o.stderr).contains("ThreadSanitizer"),
            "{}",
            text(&o)
        );
    }
}

#[test]
fn the_harness_reports_a_race_in_a_log_callback() {
    let dir = scratch("c-tsan-selfcheck");
    let server = Mock::start();
    let exe = dir.join("racy_logger");
    compile(
        &repo_dir().join("tests/c/test_net_threads.c"),
        &exe,
        &["-DIK_TEST_RACY_LOGGER", "-DPER_THREAD=8"],
    );
    let o = run_tsan(&exe, &server);
    assert_eq!(
        o.status.code(),
        Some(66),
        "TSan should stop on the racy counter:\n{}",
        text(&o)
    );
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("WARNING: ThreadSanitizer: data race"),
        "{}",
        text(&o)
    );
}
