//! The structural checks of `codegen --check`, beside the drift check: the header holds exactly
//! the documented functions, the hand-written coverage rows name real functions, and the core
//! crate holds no C.

use crate::codegen::IRREGULAR;
use imagekit_ops::OPS;
use std::collections::BTreeSet;
use std::path::Path;

/// The original Python SDK's function names, kept for existing C callers (src/seed_names.rs).
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

/// The client, string, status and version plumbing.
const PLUMBING: &[&str] = &[
    "ik_client_new",
    "ik_client_free",
    "ik_client_set_logger",
    "ik_string_free",
    "ik_status_str",
    "ik_version",
];

/// Every problem found (empty when all hold).
pub fn run(root: &Path) -> Vec<String> {
    let mut problems = Vec::new();
    let header = match std::fs::read_to_string(root.join("include/imagekit.h")) {
        Ok(h) => h,
        Err(e) => return vec![format!("cannot read include/imagekit.h: {e}")],
    };
    problems.extend(header_functions(&header));
    problems.extend(coverage_rows(root, &header));
    problems.extend(core_without_c(&root.join("crates/core/src")));
    problems
}

/// The header declares exactly the table's functions, the hand-written ones of the coverage
/// table, the original SDK's aliases and the plumbing: one outside these lists is undocumented surface,
/// one missing from the header a broken promise.
fn header_functions(header: &str) -> Vec<String> {
    let declared: BTreeSet<String> = header
        .lines()
        .filter(|l| !l.starts_with(' ') && !l.starts_with('*') && !l.starts_with('/') && !l.starts_with('#'))
        .filter_map(|l| l.split_once('(').map(|(head, _)| head))
        .filter_map(|head| head.rsplit([' ', '*']).next())
        .filter(|name| name.starts_with("ik_"))
        .map(str::to_string)
        .collect();
    let mut documented: BTreeSet<String> = OPS.iter().map(|op| op.c_name()).collect();
    for (_, _, _, c_names, _) in IRREGULAR {
        documented.extend(c_names.split(", ").map(str::to_string));
    }
    documented.extend(SEED_ALIASES.iter().chain(PLUMBING).map(|s| s.to_string()));
    let mut problems = Vec::new();
    let undocumented: Vec<&String> = declared.difference(&documented).collect();
    let missing: Vec<&String> = documented.difference(&declared).collect();
    if !undocumented.is_empty() || !missing.is_empty() {
        problems.push(format!(
            "header functions: in the header only {undocumented:?}; documented but not declared {missing:?}"
        ));
    }
    if declared.len() < 80 {
        problems.push(format!("the header parse found only {} functions", declared.len()));
    }
    problems
}

/// Each C function of a hand-written coverage row is in the header; each Go name is defined.
fn coverage_rows(root: &Path, header: &str) -> Vec<String> {
    let mut go = String::new();
    if let Ok(dir) = std::fs::read_dir(root.join("bindings/go")) {
        for entry in dir.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.ends_with(".go") && !name.ends_with("_test.go") {
                go.push_str(&std::fs::read_to_string(entry.path()).unwrap_or_default());
            }
        }
    }
    let mut problems = Vec::new();
    for (py, _, _, c_names, go_names) in IRREGULAR {
        for c in c_names.split(", ") {
            if !header.contains(&format!(" {c}(")) {
                problems.push(format!("{py}: {c} is not declared in include/imagekit.h"));
            }
        }
        for g in go_names.split(", ") {
            if !go.contains(&format!("\nfunc {g}(")) && !go.contains(&format!(") {g}(")) {
                problems.push(format!("{py}: Go {g} is not defined in bindings/go"));
            }
        }
    }
    problems
}

/// The core is plain Rust: no exported symbols, no C types. (Its crate also denies `unsafe_code`,
/// which catches `#[no_mangle]`, and has no `libc`.)
pub(crate) fn core_without_c(dir: &Path) -> Vec<String> {
    const C_WORDS: &[&str] = &[
        "extern \"C\"",
        "no_mangle",
        "export_name",
        "c_char",
        "c_void",
        "CStr",
        "CString",
        "libc::",
    ];
    let mut problems = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            problems.push(format!("cannot read {}", d.display()));
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap_or_default();
                for (n, line) in text.lines().enumerate() {
                    let code = line.split("//").next().unwrap_or("");
                    if let Some(w) = C_WORDS.iter().find(|w| code.contains(*w)) {
                        problems.push(format!(
                            "{}:{}: `{w}` in the core (C belongs in src/)",
                            path.display(),
                            n + 1
                        ));
                    }
                }
            }
        }
    }
    problems
}
