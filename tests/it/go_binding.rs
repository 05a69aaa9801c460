//! Runs the Go binding's checks in bindings/go: `go vet ./...`, `go test -race ./...` against the
//! local ImageKit-compatible server, and the tests again under the `imagekit_debug` tag with
//! `GOGC=1` (a GC before every call, so a missing runtime.KeepAlive or an early finalizer shows).
//!
//! The binding links the library this test run built, never an installed one (that is the
//! package's default, which tests/install.rs checks): with cargo's default target directory
//! through the `imagekit_intree` tag (`../../target/debug`); otherwise (CARGO_TARGET_DIR, a
//! release test run) the `imagekit_external` tag with CGO_CFLAGS/CGO_LDFLAGS naming it.
//! Skipped, saying so, only when `go` is not installed, and never when `CI` is set.

use crate::support::{self, lib_dir, repo_dir, Mock};
use std::process::Command;

fn go_available() -> bool {
    Command::new("go")
        .arg("version")
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false)
}

/// `go <args>` in bindings/go, linked against this run's library and pointed at `server`.
fn go(args: &[&str], server: &Mock, extra_tags: &[&str]) -> Command {
    let mut cmd = Command::new("go");
    let mut tags: Vec<&str> = extra_tags.to_vec();
    let in_tree = repo_dir().join("target").join("debug");
    let same_dir = |a: &std::path::Path, b: &std::path::Path| {
        a.canonicalize()
            .ok()
            .is_some_and(|a| b.canonicalize().ok().is_some_and(|b| a == b))
    };
    if !same_dir(&lib_dir(), &in_tree) {
        tags.push("imagekit_external");
        cmd.env("CGO_CFLAGS", format!("-I{}", repo_dir().join("include").display()))
            .env(
                "CGO_LDFLAGS",
                format!("-L{0} -Wl,-rpath,{0} -limagekit", lib_dir().display()),
            );
    } else {
        tags.push("imagekit_intree");
        cmd.env_remove("CGO_CFLAGS").env_remove("CGO_LDFLAGS");
    }
    cmd.arg(args[0]).arg(format!("-tags={}", tags.join(",")));
    cmd.args(&args[1..])
        .current_dir(repo_dir().join("bindings/go"))
        .env("CGO_ENABLED", "1")
        .env("GOFLAGS", "-mod=mod")
        .env("GOPROXY", "off")
        .env("GOWORK", "off")
        .env_remove("IK_MOCK_SERVER_BIN");
    server.apply_env(&mut cmd);
    cmd
}

fn run(mut cmd: Command, what: &str) {
    let o = cmd.output().unwrap_or_else(|e| panic!("{what}: cannot start go: {e}"));
    assert!(
        o.status.success(),
        "{what} failed ({}):\n--- stdout\n{}\n--- stderr\n{}",
        o.status,
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
}

#[test]
fn go_vet_and_race_tests() {
    support::ensure_cdylib();
    if !go_available() {
        // Under CI a missing tool is a failure, never a skip (the -race run must happen there).
        assert!(
            std::env::var_os("CI").is_none(),
            "CI is set but `go` is not installed: scripts/setup.sh installs it"
        );
        eprintln!("SKIPPED: the Go binding's tests need `go`, which is not installed");
        return;
    }
    // Every Go file, the generated ones too, is gofmt-clean.
    let gofmt = Command::new("gofmt")
        .arg("-l")
        .arg(".")
        .current_dir(repo_dir().join("bindings/go"))
        .output();
    let gofmt = gofmt.unwrap_or_else(|e| panic!("cannot run gofmt: {e}"));
    assert!(
        gofmt.status.success() && gofmt.stdout.is_empty(),
        "not gofmt-clean: {}",
        String::from_utf8_lossy(&gofmt.stdout)
    );
    let server = Mock::start();
    run(go(&["vet", "./..."], &server, &[]), "go vet ./...");
    run(
        go(&["test", "-race", "-count=1", "./..."], &server, &[]),
        "go test -race ./...",
    );
    let mut debug = go(&["test", "-count=1", "./..."], &server, &["imagekit_debug"]);
    debug.env("GOGC", "1");
    run(debug, "GOGC=1 go test -tags imagekit_debug ./...");
}
