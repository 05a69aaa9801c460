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

/// The header declares exactly: the table's functions, the hand-written ones of the coverage table,
/// the seed's aliases and the client/string/status plumbing. A function outside these lists is
/// undocumented surface; one missing from the header is a broken promise.
#[test]
fn the_header_holds_exactly_the_documented_functions() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let header = std::fs::read_to_string(root.join("include/imagekit.h")).unwrap();
    let declared: std::collections::BTreeSet<String> = header
        .lines()
        .filter(|l| !l.starts_with(' ') && !l.starts_with('*') && !l.starts_with('/') && !l.starts_with('#'))
        .filter_map(|l| l.split_once('(').map(|(head, _)| head))
        .filter_map(|head| head.rsplit([' ', '*']).next())
        .filter(|name| name.starts_with("ik_"))
        .map(str::to_string)
        .collect();
    let mut documented: std::collections::BTreeSet<String> =
        imagekit::api::ops::OPS.iter().map(|op| op.c_name()).collect();
    for (_, _, _, c_names, _) in generator::IRREGULAR {
        documented.extend(c_names.split(", ").map(str::to_string));
    }
    const SEED_ALIASES: &[&str] = &[
        "ik_upload_file",
        "ik_upload_file_bytes",
        "ik_upload_file_path",
        "ik_list_files",
        "ik_get_file_details",
        "ik_get_file_metadata",
        "ik_get_remote_file_url_metadata",
        "ik_update_file_details",
        "ik_delete_file",
        "ik_purge_cache",
        "ik_get_purge_cache_status",
    ];
    const PLUMBING: &[&str] = &[
        "ik_client_new",
        "ik_client_free",
        "ik_client_set_logger",
        "ik_string_free",
        "ik_status_str",
        "ik_version",
    ];
    documented.extend(SEED_ALIASES.iter().chain(PLUMBING).map(|s| s.to_string()));
    let undocumented: Vec<&String> = declared.difference(&documented).collect();
    let missing: Vec<&String> = documented.difference(&declared).collect();
    assert!(
        undocumented.is_empty() && missing.is_empty(),
        "in the header only: {undocumented:?}; documented but not declared: {missing:?}"
    );
    assert!(
        declared.len() >= 80,
        "the header parse found only {} functions",
        declared.len()
    );
}
