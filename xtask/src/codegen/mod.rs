//! The generator: everything that repeats per operation or per status code, rendered from the
//! operation table and the status list of the `imagekit-ops` crate. One file per target: `c`
//! (the C layer's generated Rust, its C test and the tests' dispatcher), `go`, `cpp`, `docs` (the
//! coverage table) and `json` (`docs/operations.json`, the language-neutral description that new
//! bindings are generated from).

mod c;
mod cpp;
mod docs;
mod go;
mod json;
mod names;

pub use docs::IRREGULAR;

/// (path relative to the repository, contents) of every generated file.
pub fn render_all() -> Vec<(&'static str, String)> {
    vec![
        ("src/ops_gen.rs", c::ffi_rs()),
        ("src/status_gen.rs", c::status_rs()),
        ("bindings/go/ops_gen.go", go::go_ops()),
        ("bindings/go/status_gen.go", go::go_status()),
        ("bindings/cpp/imagekit_status.hpp", cpp::cpp_status()),
        ("bindings/cpp/imagekit_ops.hpp", cpp::cpp_ops()),
        ("docs/operations.md", docs::coverage_md()),
        ("docs/operations.json", json::operations_json()),
        ("tests/it/support/op_calls.rs", c::rust_calls()),
        ("tests/c/test_ops_gen.c", c::c_test()),
    ]
}
