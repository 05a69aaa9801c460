//! The committed header must be exactly what cbindgen generates from src/ffi, must compile on
//! its own as C11 and as C++17, and the library must export only `ik_`-prefixed symbols.

mod common;

use common::{lib_dir, repo_dir, scratch};
use std::process::Command;

const GENERATED: &str = include_str!(concat!(env!("OUT_DIR"), "/imagekit.h"));

#[test]
fn committed_header_matches_generated() {
    let committed = std::fs::read_to_string(repo_dir().join("include/imagekit.h"))
        .expect("include/imagekit.h exists");
    assert!(
        committed == GENERATED,
        "include/imagekit.h is stale: run `cargo build` (outside CI) and commit the regenerated header"
    );
}

fn syntax_check(compiler: &str, std: &str, ext: &str) {
    let dir = scratch(&format!("header-{compiler}"));
    let src = dir.join(format!("only_header.{ext}"));
    std::fs::write(&src, "#include \"imagekit.h\"\nint main(void) { return IK_STATUS_OK; }\n").unwrap();
    let out = Command::new(compiler)
        .args([std, "-Wall", "-Wextra", "-Wpedantic", "-Werror", "-fsyntax-only"])
        .arg(format!("-I{}", repo_dir().join("include").display()))
        .arg(&src)
        .output()
        .expect("compiler runs");
    assert!(out.status.success(), "{compiler} {std}:\n{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn header_compiles_alone_as_c11() {
    syntax_check("gcc", "-std=c11", "c");
}

#[test]
fn header_compiles_alone_as_cpp17() {
    syntax_check("g++", "-std=c++17", "cpp");
}

#[test]
fn exports_only_ik_symbols() {
    common::ensure_cdylib();
    let so = lib_dir().join("libimagekit.so");
    let out = Command::new("nm").args(["-D", "--defined-only"]).arg(&so).output().expect("nm");
    assert!(out.status.success(), "nm failed on {}", so.display());
    let text = String::from_utf8_lossy(&out.stdout);
    let mut exported = Vec::new();
    for line in text.lines() {
        let mut parts = line.split_whitespace();
        let (_addr, kind, name) = (parts.next(), parts.next(), parts.next());
        if let (Some(kind), Some(name)) = (kind, name) {
            if kind == "T" {
                exported.push(name.to_string());
            }
        }
    }
    assert!(exported.iter().any(|s| s == "ik_client_new"), "ik_client_new not exported");
    let stray: Vec<_> = exported.iter().filter(|s| !s.starts_with("ik_")).collect();
    assert!(stray.is_empty(), "exported symbols without the ik_ prefix: {stray:?}");
}
