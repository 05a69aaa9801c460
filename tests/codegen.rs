//! Fails when a generated file (the table-driven C functions, Go methods and status constants,
//! C++ methods and status enum, docs/operations.md) differs from what the operation table and the
//! status enum give. `IK_REGENERATE=1 cargo test --test codegen` rewrites them (never under `CI`).

mod generator;

use std::path::Path;

#[test]
fn generated_files_match_the_table() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let regenerate = std::env::var_os("IK_REGENERATE").is_some() && std::env::var_os("CI").is_none();
    let mut drift = Vec::new();
    for (rel, text) in generator::render_all() {
        let path = root.join(rel);
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        if committed != text {
            if regenerate {
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                std::fs::write(&path, &text).unwrap_or_else(|e| panic!("write {rel}: {e}"));
            } else {
                drift.push(rel);
            }
        }
    }
    assert!(
        drift.is_empty(),
        "generated files drifted from src/api/ops.rs / src/ffi/status.rs: {drift:?}; run `IK_REGENERATE=1 cargo test --test codegen`"
    );
}

/// The hand-written rows of the coverage table name functions that exist: each C function in the
/// header, each Go name defined in bindings/go.
#[test]
fn the_hand_written_coverage_rows_name_real_functions() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let header = std::fs::read_to_string(root.join("include/imagekit.h")).unwrap();
    let mut go = String::new();
    for entry in std::fs::read_dir(root.join("bindings/go")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.ends_with(".go") && !name.ends_with("_test.go") {
            go.push_str(&std::fs::read_to_string(&path).unwrap());
        }
    }
    for (py, _, _, c_names, go_names) in generator::IRREGULAR {
        for c in c_names.split(", ") {
            assert!(
                header.contains(&format!(" {c}(")),
                "{py}: {c} is not declared in include/imagekit.h"
            );
        }
        for g in go_names.split(", ") {
            let defined = go.contains(&format!("\nfunc {g}(")) || go.contains(&format!(") {g}("));
            assert!(defined, "{py}: Go {g} is not defined in bindings/go");
        }
    }
}
