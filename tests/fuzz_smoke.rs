//! Every fuzz target in fuzz/ (cargo-fuzz, libFuzzer) replays its committed corpus and then
//! fuzzes for a short time (`IK_FUZZ_SECONDS`, default 10); any crash, panic or failed
//! invariant fails the test, with the input saved under fuzz/artifacts/<target>/.
//!
//! This needs cargo-fuzz (scripts/setup.sh installs it) and builds the targets with
//! AddressSanitizer, which takes minutes, so it runs when `CI` or `IK_FUZZ_SMOKE` is set
//! (scripts/test.sh sets it); under `CI` a missing cargo-fuzz is a failure, never a skip.
//! The long runs recorded in RELIABILITY.md use the same script: `scripts/fuzz.sh run T SECONDS`.

use std::path::Path;
use std::process::Command;
use std::sync::{Mutex, Once};

/// Every target, in the order they are run. `the_list_is_complete` keeps it equal to fuzz/Cargo.toml.
const TARGETS: &[&str] = &[
    "config",
    "url",
    "json_diff",
    "upload",
    "multipart",
    "response",
    "phash",
    "auth",
    "build_url",
    "ops",
    "webhooks",
    "webhook_signed",
    "pages",
];

/// One fuzzer at a time (the test harness runs tests in parallel).
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());
static BUILD: Once = Once::new();

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// True when the smoke runs are wanted; panics under CI when they cannot run.
fn enabled() -> bool {
    let wanted = std::env::var_os("CI").is_some() || std::env::var_os("IK_FUZZ_SMOKE").is_some();
    if !wanted {
        eprintln!("fuzz smoke skipped: set IK_FUZZ_SMOKE=1 (scripts/test.sh does; CI always runs it)");
        return false;
    }
    let have = Command::new("cargo")
        .args(["fuzz", "--version"])
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(have, "cargo-fuzz is not installed (scripts/setup.sh installs it)");
    true
}

fn smoke(target: &str) {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    if !enabled() {
        return;
    }
    BUILD.call_once(|| {
        let out = Command::new("cargo")
            .args(["fuzz", "build"])
            .env("RUSTC_BOOTSTRAP", "1")
            .current_dir(root())
            .output()
            .expect("cargo fuzz build");
        assert!(
            out.status.success(),
            "cargo fuzz build failed:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
    });
    let seconds = std::env::var("IK_FUZZ_SECONDS").unwrap_or_else(|_| "10".into());
    let out = Command::new(root().join("scripts/fuzz.sh"))
        .args(["run", target, &seconds])
        .current_dir(root())
        .output()
        .expect("scripts/fuzz.sh");
    let log = String::from_utf8_lossy(&out.stderr);
    let tail: Vec<&str> = log
        .lines()
        .rev()
        .take(60)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    assert!(
        out.status.success(),
        "fuzz target {target} failed:\n{}",
        tail.join("\n")
    );
    // The corpus was replayed and the fuzzer ran (libFuzzer's closing line).
    assert!(
        log.contains("INITED"),
        "{target}: the corpus was not loaded:\n{}",
        tail.join("\n")
    );
    let runs = log.lines().find_map(|l| l.strip_prefix("Done ")).unwrap_or("?");
    eprintln!("fuzz {target}: {runs}");
}

#[test]
fn the_list_is_complete() {
    let manifest = std::fs::read_to_string(root().join("fuzz/Cargo.toml")).unwrap();
    let mut in_manifest: Vec<&str> = manifest
        .lines()
        .filter_map(|l| l.strip_prefix("name = \""))
        .map(|n| n.trim_end_matches('"'))
        .filter(|n| *n != "imagekit-fuzz")
        .collect();
    let mut listed = TARGETS.to_vec();
    in_manifest.sort_unstable();
    listed.sort_unstable();
    assert_eq!(in_manifest, listed, "tests/fuzz_smoke.rs TARGETS vs fuzz/Cargo.toml");
    for t in TARGETS {
        assert!(
            root()
                .join("fuzz/corpus")
                .join(t)
                .read_dir()
                .is_ok_and(|mut d| d.next().is_some()),
            "{t}: no seed corpus"
        );
    }
}

macro_rules! smoke_tests {
    ($($name:ident),*) => { $( #[test] fn $name() { smoke(stringify!($name)); } )* };
}

smoke_tests!(
    config,
    url,
    json_diff,
    upload,
    multipart,
    response,
    phash,
    auth,
    build_url,
    ops,
    webhooks,
    webhook_signed,
    pages
);
