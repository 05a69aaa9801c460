//! Repository tasks, run as `cargo xtask <task>`:
//!
//! - `codegen`: writes every file generated from the operation table and the status list
//!   (`crates/ops`): the C layer's `src/ops_gen.rs` and `src/status_gen.rs`, the Go and C++
//!   bindings' generated files, `docs/operations.md`, `docs/operations.json`, the C test program
//!   and the tests' dispatcher.
//! - `codegen --check`: writes nothing; fails when a generated file differs from what the table
//!   gives, when the header's functions are not exactly the documented ones, when the core
//!   crate has C in it, or when modules of a crate import each other in a cycle (`cycles`). The
//!   test command runs it.

mod checks;
mod codegen;
mod cycles;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = repo_root();
    match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["codegen"] => write_all(&root),
        ["codegen", "--check"] => check_all(&root),
        _ => {
            eprintln!("usage: cargo xtask codegen [--check]");
            ExitCode::from(2)
        }
    }
}

/// The repository: the parent of this crate's folder.
fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in the repository")
        .to_path_buf()
}

fn write_all(root: &Path) -> ExitCode {
    for (rel, text) in codegen::render_all() {
        let path = root.join(rel);
        if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            if let Err(e) = std::fs::write(&path, &text) {
                eprintln!("xtask: cannot write {rel}: {e}");
                return ExitCode::FAILURE;
            }
            println!("wrote {rel}");
        }
    }
    ExitCode::SUCCESS
}

fn check_all(root: &Path) -> ExitCode {
    let mut problems = Vec::new();
    for (rel, text) in codegen::render_all() {
        if std::fs::read_to_string(root.join(rel)).ok().as_deref() != Some(text.as_str()) {
            problems.push(format!("{rel} drifted from the table: run `cargo xtask codegen`"));
        }
    }
    problems.extend(checks::run(root));
    problems.extend(cycles::run(root));
    if problems.is_empty() {
        println!("codegen check: every generated file matches the table; the header and the core are as documented");
        ExitCode::SUCCESS
    } else {
        for p in &problems {
            eprintln!("xtask: {p}");
        }
        ExitCode::FAILURE
    }
}

/// The same checks as `codegen --check`, so `cargo test --workspace` runs them too.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_files_match_the_table() {
        let root = repo_root();
        let drift: Vec<&str> = codegen::render_all()
            .into_iter()
            .filter(|(rel, text)| std::fs::read_to_string(root.join(rel)).ok().as_deref() != Some(text.as_str()))
            .map(|(rel, _)| rel)
            .collect();
        assert!(
            drift.is_empty(),
            "drifted from the table: {drift:?}; run `cargo xtask codegen`"
        );
    }

    #[test]
    fn the_header_holds_exactly_the_documented_functions_and_the_core_no_c() {
        let problems = checks::run(&repo_root());
        assert!(problems.is_empty(), "{problems:#?}");
    }

    #[test]
    fn the_core_check_finds_c() {
        let dir = std::env::temp_dir().join(format!("xtask-core-check-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("bad.rs"),
            "#[no_mangle]\npub extern \"C\" fn f() {}\n// extern \"C\" in a comment is fine\n",
        )
        .unwrap();
        let problems = checks::core_without_c(&dir);
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!(problems.len(), 2, "{problems:?}");
    }
}
