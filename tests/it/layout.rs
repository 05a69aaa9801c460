//! With `autotests = false` cargo compiles only the test targets Cargo.toml declares, so a test
//! file nobody declared would never run. Every `tests/*.rs` is a `[[test]]` of Cargo.toml and
//! every `tests/it/*.rs` a module of `tests/it/main.rs`.

use crate::support::repo_dir;

fn rust_files(dir: &str) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(repo_dir().join(dir))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".rs"))
        .collect();
    names.sort();
    names
}

#[test]
fn every_test_file_is_compiled() {
    let manifest = std::fs::read_to_string(repo_dir().join("Cargo.toml")).unwrap();
    let top = rust_files("tests");
    assert!(top.len() >= 3, "{top:?}");
    for name in top {
        assert!(
            manifest.contains(&format!("path = \"tests/{name}\"")),
            "tests/{name} is not a [[test]] in Cargo.toml, so it never runs: make it a module of tests/it/"
        );
    }
    let main = std::fs::read_to_string(repo_dir().join("tests/it/main.rs")).unwrap();
    let modules = rust_files("tests/it");
    assert!(modules.len() > 20, "{modules:?}");
    for name in modules.iter().filter(|n| *n != "main.rs") {
        let module = name.trim_end_matches(".rs");
        assert!(
            main.lines().any(|l| l.trim() == format!("mod {module};")),
            "tests/it/{name} is not declared in tests/it/main.rs (`mod {module};`), so it never runs"
        );
    }
}
