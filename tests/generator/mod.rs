//! The generator: everything that repeats per operation or per status code, rendered from the
//! operation table (`src/api/ops.rs`) and the status enum (`src/ffi/status.rs`).
//!
//! `tests/codegen.rs` compares each rendered file with the committed one and fails on drift;
//! `IK_REGENERATE=1 cargo test --test codegen` writes them.

use imagekit::api::ops::{id_arg, snake_case, Input, Kind, Op, Param, OPS};
use imagekit::ffi::status::ik_status;
use std::fmt::Write;

/// (path relative to the repository, contents) of every generated file.
pub fn render_all() -> Vec<(&'static str, String)> {
    vec![
        ("src/ffi/ops_gen.rs", ffi_rs()),
        ("bindings/go/ops_gen.go", go_ops()),
        ("bindings/go/status_gen.go", go_status()),
        ("bindings/cpp/imagekit_status.hpp", cpp_status()),
        ("bindings/cpp/imagekit_ops.hpp", cpp_ops()),
        ("docs/operations.md", coverage_md()),
        ("tests/op_calls/mod.rs", rust_calls()),
        ("tests/c/test_ops_gen.c", c_test()),
    ]
}

const RUST_BANNER: &str = "// Generated from src/api/ops.rs by tests/codegen (IK_REGENERATE=1 cargo test --test codegen).\n// Do not edit by hand: tests/codegen.rs fails when this file drifts from the table.\n";
const GO_BANNER: &str = "// Code generated from src/api/ops.rs by tests/codegen (IK_REGENERATE=1 cargo test --test codegen). DO NOT EDIT.\n";

/// `files.versions.get` → `FilesVersionsGet`, with Go initialisms (`URL`, `AI`, `ID`).
fn go_method(op: &Op) -> String {
    if !op.go.is_empty() {
        return op.go.replace('.', "");
    }
    op.py.split(['.', '_']).map(go_word).collect()
}

fn go_word(w: &str) -> String {
    match w {
        "url" => "URL".into(),
        "ai" => "AI".into(),
        "id" => "ID".into(),
        _ => {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                .unwrap_or_default()
        }
    }
}

/// `fileId` → `fileID`: a path id as a Go parameter.
fn go_arg(id: &str) -> String {
    match id.strip_suffix("Id") {
        Some(stem) => format!("{stem}ID"),
        None => id.to_string(),
    }
}

fn kind_doc(kind: Kind) -> &'static str {
    match kind {
        Kind::Str => "string",
        Kind::Bool => "boolean",
        Kind::Int => "integer",
        Kind::StrList => "list of strings",
        Kind::StrOrList => "string or list of strings",
        Kind::Object => "object",
        Kind::Array => "array",
    }
}

fn params_doc(params: &[Param]) -> String {
    params
        .iter()
        .map(|p| {
            let snake = snake_case(p.name);
            let alias = if snake != p.name {
                format!(" / `{snake}`")
            } else {
                String::new()
            };
            let req = if p.required { ", required" } else { "" };
            format!("`{}`{alias} ({}{req})", p.name, kind_doc(p.kind))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Whether the C function takes `params_json`, and whether it may be NULL.
fn params_arg(op: &Op) -> Option<bool> {
    match op.input {
        Input::None => None,
        Input::Query(p) => Some(!p.iter().any(|p| p.required)),
        Input::Body(p) => Some(!p.iter().any(|p| p.required)),
    }
}

fn ffi_rs() -> String {
    let mut s = String::new();
    s.push_str(RUST_BANNER);
    s.push_str("//! C surface: one function per row of the operation table (src/api/ops.rs).\n\n");
    s.push_str("use super::client::ik_client;\nuse super::ops::run_op;\nuse super::status::ik_status;\nuse std::ffi::c_char;\n");
    for (index, op) in OPS.iter().enumerate() {
        let ids: Vec<String> = op.path_ids().map(id_arg).collect();
        s.push('\n');
        let _ = writeln!(s, "/// {}", op.doc);
        s.push_str("///\n");
        let other = match (op.node.is_empty(), op.go.is_empty()) {
            (false, false) => format!(" (Node `{}`, Go `{}`)", op.node, op.go),
            (false, true) => format!(" (Node `{}`)", op.node),
            _ => String::new(),
        };
        let _ = writeln!(
            s,
            "/// `{} {}`: `{}` in the newest SDKs{other}.",
            op.verb.as_str(),
            op.path,
            op.py
        );
        if !ids.is_empty() {
            let list = ids.iter().map(|i| format!("`{i}`")).collect::<Vec<_>>().join(", ");
            let verb = if ids.len() == 1 { "goes" } else { "go" };
            let _ = writeln!(
                s,
                "/// {list} {verb} into the path percent-encoded; an empty one is `IK_STATUS_INVALID_ARGUMENT`."
            );
        }
        match op.input {
            Input::None => {}
            Input::Query(p) => {
                let null = if params_arg(op) == Some(true) {
                    " (may be NULL)"
                } else {
                    ""
                };
                let _ = writeln!(
                    s,
                    "/// `params_json`{null}: a JSON object of query parameters: {}.",
                    params_doc(p)
                );
            }
            Input::Body(p) => {
                let null = if params_arg(op) == Some(true) {
                    " (may be NULL: `{}`)"
                } else {
                    ""
                };
                let _ = writeln!(s, "/// `params_json`{null}: the JSON body: {}.", params_doc(p));
            }
        }
        if let Some(m) = op.max_items {
            let _ = writeln!(s, "/// At most {} `{}` per call.", m.max, m.field);
        }
        if params_arg(op).is_some() {
            s.push_str("/// Keys may be camelCase or snake_case; an unknown key, a wrong type or a missing required\n/// field is `IK_STATUS_INVALID_ARGUMENT`, naming it.\n");
        }
        s.push_str("///\n");
        let _ = writeln!(
            s,
            "/// On `IK_STATUS_OK`, `*out_json` holds the API's JSON answer (`{}` when it has no body); otherwise\n/// an error document. The caller frees it with `ik_string_free`. NULL `client`, `out_json`{} gives\n/// `IK_STATUS_NULL_ARGUMENT`. Inputs are borrowed for the call. Thread-safe on a shared client.",
            op.empty_answer,
            {
                let mut names: String = ids.iter().map(|i| format!(", `{i}`")).collect();
                if params_arg(op) == Some(false) {
                    names.push_str(", `params_json`");
                }
                names
            }
        );
        let _ = writeln!(s, "///\n/// Retry class `{}`: {}.", op.retry.name(), op.retry.describe());
        s.push_str("///\n/// # Safety\n/// `client` must be NULL or a live handle; strings NULL or NUL-terminated; `out_json` NULL or writable.\n");
        s.push_str("#[no_mangle]\n");
        let _ = writeln!(s, "pub unsafe extern \"C\" fn {}(", op.c_name());
        s.push_str("    client: *const ik_client,\n");
        for id in &ids {
            let _ = writeln!(s, "    {id}: *const c_char,");
        }
        if params_arg(op).is_some() {
            s.push_str("    params_json: *const c_char,\n");
        }
        s.push_str("    out_json: *mut *mut c_char,\n) -> ik_status {\n");
        let params = if params_arg(op).is_some() {
            "params_json"
        } else {
            "std::ptr::null()"
        };
        let _ = writeln!(
            s,
            "    run_op({index}, \"{}\", client, &[{}], {params}, out_json)",
            op.py,
            ids.join(", ")
        );
        s.push_str("}\n");
    }
    s
}

fn go_ops() -> String {
    let mut s = String::new();
    s.push_str(GO_BANNER);
    s.push_str("\npackage imagekit\n\n/*\n#include \"imagekit.h\"\n*/\nimport \"C\"\n\nimport (\n\t\"context\"\n\t\"encoding/json\"\n)\n");
    for op in OPS {
        let ids: Vec<String> = op.path_ids().map(go_arg).collect();
        let name = go_method(op);
        let mut args = vec!["ctx context.Context".to_string()];
        if !ids.is_empty() {
            args.push(format!("{} string", ids.join(", ")));
        }
        if params_arg(op).is_some() {
            args.push("params any".to_string());
        }
        s.push('\n');
        let first = op.doc.trim_end_matches('.');
        let lower = first[..1].to_lowercase() + &first[1..];
        let _ = writeln!(s, "// {name} {lower} ({} {}; {}).", op.verb.as_str(), op.path, op.py);
        if params_arg(op).is_some() {
            s.push_str("// params is a map or struct marshalled to JSON, a json.RawMessage, []byte or string sent as is, or nil.\n");
        }
        let _ = writeln!(
            s,
            "func (c *Client) {name}({}) (json.RawMessage, error) {{",
            args.join(", ")
        );
        let params = if params_arg(op).is_some() { "params" } else { "nil" };
        let id_list = if ids.is_empty() {
            "nil".to_string()
        } else {
            format!("[]string{{{}}}", ids.join(", "))
        };
        let _ = writeln!(
            s,
            "\treturn c.op(ctx, {id_list}, {params}, func(p *C.ik_client, ids []*C.char, params *C.char, out **C.char) C.ik_status {{"
        );
        let mut cargs = vec!["p".to_string()];
        for i in 0..ids.len() {
            cargs.push(format!("ids[{i}]"));
        }
        if params_arg(op).is_some() {
            cargs.push("params".to_string());
        }
        cargs.push("out".to_string());
        let _ = writeln!(s, "\t\treturn C.{}({})", op.c_name(), cargs.join(", "));
        s.push_str("\t})\n}\n");
    }
    // The table, for tests and tools: method name → C function and SDK names.
    s.push_str("\n// operations lists every table-driven method: Go name, C function, Python SDK name.\nvar operations = [][3]string{\n");
    for op in OPS {
        let _ = writeln!(s, "\t{{\"{}\", \"{}\", \"{}\"}},", go_method(op), op.c_name(), op.py);
    }
    s.push_str("}\n");
    s
}

/// The Rust variant name (`NotFound`) of a status.
fn variant(st: ik_status) -> String {
    format!("{st:?}")
}

/// `NotFound` → `NOT_FOUND`, `ApiError` → `API_ERROR`: the C enum constant's suffix.
fn screaming(variant: &str) -> String {
    snake_case(variant).to_ascii_uppercase()
}

/// `Io` → `IO`, `Tls` → `TLS`, `ApiError` → `APIError`: Go's spelling.
fn go_status_name(variant: &str) -> String {
    match variant {
        "Ok" => "OK".into(),
        "Io" => "IO".into(),
        "Tls" => "TLS".into(),
        "ApiError" => "APIError".into(),
        v => v.into(),
    }
}

/// Rows of cells joined as gofmt aligns them: each column but the last padded to its widest cell
/// plus one space.
fn go_aligned(rows: &[Vec<String>], indent: &str) -> String {
    let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..cols)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|x| x.chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut s = String::new();
    for row in rows {
        s.push_str(indent);
        for (c, cell) in row.iter().enumerate() {
            s.push_str(cell);
            if c + 1 < row.len() {
                s.push_str(&" ".repeat(widths[c] - cell.chars().count() + 1));
            }
        }
        s.push('\n');
    }
    s
}

fn go_status() -> String {
    let mut s = String::new();
    s.push_str("// Code generated from src/ffi/status.rs by tests/codegen (IK_REGENERATE=1 cargo test --test codegen). DO NOT EDIT.\n");
    s.push_str("\npackage imagekit\n\n/*\n#include \"imagekit.h\"\n*/\nimport \"C\"\n\n");
    s.push_str("// The library's ik_status codes; the values are the C enum's (part of the ABI).\nconst (\n");
    let rows: Vec<Vec<String>> = ik_status::ALL
        .iter()
        .map(|st| {
            let v = variant(*st);
            vec![
                format!("Status{}", go_status_name(&v)),
                "Status".into(),
                "=".into(),
                (*st as u32).to_string(),
                format!("// {}", st.describe()),
            ]
        })
        .collect();
    s.push_str(&go_aligned(&rows, "\t"));
    s.push_str(")\n\n// Values to match with errors.Is; each stands for every *Error with that status.\nvar (\n");
    let rows: Vec<Vec<String>> = ik_status::ALL
        .iter()
        .filter(|s| **s != ik_status::Ok)
        .map(|st| {
            let v = go_status_name(&variant(*st));
            vec![format!("Err{v}"), "error".into(), format!("= &kind{{Status{v}}}")]
        })
        .collect();
    s.push_str(&go_aligned(&rows, "\t"));
    s.push_str(")\n\n// cStatuses maps each C enum constant's name to its value, read from the header at build time;\n// status_test.go checks the Go constants against it.\nfunc cStatuses() map[string]uint32 {\n\treturn map[string]uint32{\n");
    let rows: Vec<Vec<String>> = ik_status::ALL
        .iter()
        .map(|st| {
            let c = screaming(&variant(*st));
            vec![format!("\"{c}\":"), format!("C.IK_STATUS_{c},")]
        })
        .collect();
    s.push_str(&go_aligned(&rows, "\t\t"));
    s.push_str("\t}\n}\n\n// goStatuses lists the Go constants by their C names, for status_test.go.\nfunc goStatuses() map[string]Status {\n\treturn map[string]Status{\n");
    let rows: Vec<Vec<String>> = ik_status::ALL
        .iter()
        .map(|st| {
            let v = variant(*st);
            vec![
                format!("\"{}\":", screaming(&v)),
                format!("Status{},", go_status_name(&v)),
            ]
        })
        .collect();
    s.push_str(&go_aligned(&rows, "\t\t"));
    s.push_str("\t}\n}\n");
    s
}

fn cpp_status() -> String {
    let mut s = String::new();
    s.push_str("// Generated from src/ffi/status.rs by tests/codegen (IK_REGENERATE=1 cargo test --test codegen). Do not edit.\n");
    s.push_str("// Included by imagekit.hpp.\n#ifndef IMAGEKIT_STATUS_HPP\n#define IMAGEKIT_STATUS_HPP\n\n#include <imagekit.h>\n\n#include <cstdint>\n\nnamespace imagekit {\n\n");
    s.push_str("/// The library's status codes (ik_status); the values are the C enum's.\nenum class Status : std::uint32_t {\n");
    for st in ik_status::ALL {
        let v = variant(*st);
        let _ = writeln!(s, "    {v} = IK_STATUS_{},  ///< {}", screaming(&v), st.describe());
    }
    s.push_str("};\n\n}  // namespace imagekit\n\n#endif  // IMAGEKIT_STATUS_HPP\n");
    s
}

fn cpp_ops() -> String {
    let mut s = String::new();
    s.push_str(
        "// Generated from src/api/ops.rs by tests/codegen (IK_REGENERATE=1 cargo test --test codegen). Do not edit.\n",
    );
    s.push_str("// Included by imagekit.hpp: the table-driven operations, as methods of imagekit::Client.\n");
    s.push_str("#ifndef IMAGEKIT_OPS_HPP\n#define IMAGEKIT_OPS_HPP\n\n#include <string>\n\nnamespace imagekit {\nnamespace detail {\n\n");
    s.push_str("/// Mixed into Client (CRTP): one method per row of the operation table. Each returns the API's\n/// JSON (\"{}\" when it has no body) and throws imagekit::Error on failure.\ntemplate <class Self>\nclass Operations {\npublic:\n");
    for op in OPS {
        let ids: Vec<String> = op.path_ids().map(id_arg).collect();
        let name = op.py.replace('.', "_");
        let mut args: Vec<String> = ids.iter().map(|i| format!("const std::string &{i}")).collect();
        match params_arg(op) {
            Some(true) => args.push("const std::string &params_json = \"{}\"".into()),
            Some(false) => args.push("const std::string &params_json".into()),
            None => {}
        }
        let _ = writeln!(s, "    /// {} `{} {}`", op.doc, op.verb.as_str(), op.path);
        let _ = writeln!(s, "    std::string {name}({}) const {{", args.join(", "));
        let mut cargs = vec!["handle()".to_string()];
        cargs.extend(ids.iter().map(|i| format!("c_arg({i}, \"{i}\")")));
        if params_arg(op).is_some() {
            cargs.push("c_arg(params_json, \"params_json\")".into());
        }
        cargs.push("out.out()".into());
        let _ = writeln!(
            s,
            "        OwnedString out;\n        check({}({}), out);\n        return out.str();\n    }}",
            op.c_name(),
            cargs.join(", ")
        );
    }
    s.push_str("\nprivate:\n    ik_client *handle() const { return static_cast<const Self *>(this)->get(); }\n};\n\n}  // namespace detail\n}  // namespace imagekit\n\n#endif  // IMAGEKIT_OPS_HPP\n");
    s
}

/// Hand-written (irregular) operations, listed beside the table's rows in the coverage table:
/// (py5, node7, go2, C functions, Go functions or methods). `tests/codegen.rs` checks that each C
/// function is in the header and each Go name is defined in bindings/go.
pub const IRREGULAR: &[(&str, &str, &str, &str, &str)] = &[
    (
        "files.upload",
        "files.upload",
        "Files.Upload",
        "ik_files_upload, ik_files_upload_bytes, ik_files_upload_path",
        "UploadFile, UploadURL, UploadBytes, UploadPath",
    ),
    (
        "beta.v2.files.upload",
        "beta.v2.files.upload",
        "Beta.V2.Files.Upload",
        "ik_beta_v2_files_upload, ik_beta_v2_files_upload_bytes, ik_beta_v2_files_upload_path",
        "UploadV2File, UploadV2Bytes, UploadV2Path",
    ),
    (
        "— (every page of assets.list)",
        "—",
        "—",
        "ik_assets_list_each, ik_assets_list_all",
        "AssetsListEach, AssetsListAll",
    ),
    (
        "helper.build_url",
        "helper.buildSrc",
        "Helper.BuildURL",
        "ik_build_url",
        "BuildURL",
    ),
    ("— (the seed's url())", "—", "—", "ik_url", "URL"),
    (
        "— (py5 builds it inside build_url)",
        "helper.buildTransformationString",
        "— (internal in go2)",
        "ik_build_transformation",
        "BuildTransformation",
    ),
    (
        "— (only the browser SDK's getResponsiveImageAttributes)",
        "—",
        "—",
        "ik_responsive_image_attributes",
        "ResponsiveImageAttributes",
    ),
    (
        "helper.get_authentication_parameters",
        "helper.getAuthenticationParameters",
        "Helper.GetAuthenticationParameters",
        "ik_get_authentication_parameters, ik_get_authentication_parameters_into",
        "AuthenticationParameters",
    ),
    (
        "webhooks.unwrap",
        "webhooks.unwrap",
        "Webhooks.Unwrap",
        "ik_webhooks_unwrap",
        "WebhooksUnwrap",
    ),
    ("— (no SDK has it)", "—", "—", "ik_upload_v2_token", "UploadV2Token"),
    ("— (pHash distance)", "—", "—", "ik_phash_distance", "PHashDistance"),
    ("— (any endpoint)", "—", "—", "ik_request", "Request"),
];

fn coverage_md() -> String {
    let mut s = String::new();
    s.push_str("<!-- Generated from src/api/ops.rs by tests/codegen (IK_REGENERATE=1 cargo test --test codegen). Do not edit. -->\n");
    s.push_str("# Operations: the official SDKs' methods and libimagekit's\n\n");
    s.push_str("Every operation of the newest official SDKs (Python `imagekitio` 5.x, `@imagekit/nodejs` 7.x,\n`imagekit-go` v2) and the C function and Go method that do it. The regular REST operations come\nfrom one table, `src/api/ops.rs`; the C++ wrapper has each as a method named like the C function\nwithout `ik_` (`client.files_versions_get(file_id, version_id)`).\n\n");
    let _ = writeln!(s, "## The {} table-driven operations\n", OPS.len());
    s.push_str(
        "| Python 5 | Node 7 | Go v2 | HTTP | C function | Go method | notes |\n|---|---|---|---|---|---|---|\n",
    );
    for op in OPS {
        let dash = |x: &str| {
            if x.is_empty() {
                "—".to_string()
            } else {
                format!("`{x}`")
            }
        };
        let mut notes = op.doc.replace('|', "\\|");
        if let Some(m) = op.max_items {
            let _ = write!(notes, " ≤ {} `{}`.", m.max, m.field);
        }
        if !op.in_spec {
            notes.push_str(" Not in the OpenAPI spec (tested against the mock server).");
        }
        let _ = write!(notes, " Retry: `{}`.", op.retry.name());
        let _ = writeln!(
            s,
            "| `{}` | {} | {} | `{} {}` | `{}` | `{}` | {} |",
            op.py,
            dash(op.node),
            dash(op.go),
            op.verb.as_str(),
            op.path,
            op.c_name(),
            go_method(op),
            notes
        );
    }
    s.push_str("\n## Written by hand beside the table\n\n| Python 5 | Node 7 | Go v2 | C functions | Go methods |\n|---|---|---|---|---|\n");
    for (py, node, go, c, gom) in IRREGULAR {
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {} |",
            code_list(py),
            code_list(node),
            code_list(go),
            code_list(c),
            code_list(gom)
        );
    }
    s.push_str("\n## Status codes\n\n| code | C constant | name in the error JSON | meaning |\n|---|---|---|---|\n");
    for st in ik_status::ALL {
        let v = variant(*st);
        let _ = writeln!(
            s,
            "| {} | `IK_STATUS_{}` | `{}` | {} |",
            *st as u32,
            screaming(&v),
            st.name(),
            st.describe()
        );
    }
    s
}

fn code_list(items: &str) -> String {
    let code = |i: &str| {
        if i.starts_with('—') {
            i.to_string()
        } else {
            format!("`{i}`")
        }
    };
    items.split(", ").map(code).collect::<Vec<_>>().join(", ")
}

/// A dispatcher for the tests: row index → the real exported function, so a table walk calls what
/// C callers call.
fn rust_calls() -> String {
    let mut s = String::new();
    s.push_str(RUST_BANNER);
    s.push_str("//! Calls each table-driven C function by its row index (for tests that walk the table).\n#![allow(dead_code)]\n\n");
    s.push_str("use imagekit::ffi::client::ik_client;\nuse imagekit::ffi::ops_gen::*;\nuse imagekit::ffi::status::ik_status;\nuse std::ffi::c_char;\n\n");
    s.push_str("/// Whether row i's function takes `params_json`.\npub const TAKES_PARAMS: &[bool] = &[\n");
    for op in OPS {
        let _ = writeln!(s, "    {}, // {}", params_arg(op).is_some(), op.py);
    }
    s.push_str("];\n\n/// Calls row `index`'s function; `ids` must have as many entries as its path has ids, `params`\n/// is ignored when it takes none.\n///\n/// # Safety\n/// As for the functions called.\npub unsafe fn call(\n    index: usize,\n    client: *const ik_client,\n    ids: &[*const c_char],\n    params: *const c_char,\n    out: *mut *mut c_char,\n) -> ik_status {\n    match index {\n");
    for (index, op) in OPS.iter().enumerate() {
        let n = op.path_ids().count();
        let mut args = vec!["client".to_string()];
        args.extend((0..n).map(|i| format!("ids[{i}]")));
        if params_arg(op).is_some() {
            args.push("params".into());
        }
        args.push("out".into());
        let _ = writeln!(s, "        {index} => {}({}),", op.c_name(), args.join(", "));
    }
    s.push_str("        _ => panic!(\"no operation #{index}\"),\n    }\n}\n");
    s
}

/// A C program (run under ASan/UBSan and valgrind by tests/c_abi.rs) that calls every
/// table-driven function with NULLs, bad JSON and an empty id, then once against the local server.
fn c_test() -> String {
    let mut s = String::new();
    s.push_str("/* Generated from src/api/ops.rs by tests/codegen (IK_REGENERATE=1 cargo test --test codegen). Do not edit. */\n");
    s.push_str("/* Every table-driven function: NULL client / out_json / ids / required params, invalid JSON, an\n * unknown option and an empty id give the documented status and an error document; then one call\n * each against the local server answers with an HTTP status (never a transport error or a panic). */\n");
    s.push_str("#include \"ik_test.h\"\n\n");
    s.push_str("static void expect_error(ik_status got, ik_status want, char **slot, const char *what) {\n    char *out = *slot;\n    *slot = NULL;\n    if (got != want) {\n        fprintf(stderr, \"%s: status %u, want %u: %s\\n\", what, (unsigned)got, (unsigned)want, out ? out : \"(null)\");\n        ik_test_failures++;\n    } else if (want != IK_STATUS_OK && (out == NULL || strstr(out, \"\\\"message\\\"\") == NULL)) {\n        fprintf(stderr, \"%s: no error document\\n\", what);\n        ik_test_failures++;\n    }\n    ik_string_free(out);\n}\n\n");
    s.push_str("static void expect_http(ik_status got, char **slot, const char *what) {\n    char *out = *slot;\n    *slot = NULL;\n    if (got != IK_STATUS_OK && (got < IK_STATUS_BAD_REQUEST || got > IK_STATUS_API_ERROR)) {\n        fprintf(stderr, \"%s against the server: status %u: %s\\n\", what, (unsigned)got, out ? out : \"(null)\");\n        ik_test_failures++;\n    }\n    ik_string_free(out);\n}\n\n");
    s.push_str("int main(void) {\n    /* Only ever the local server: without it the calls would go to api.imagekit.io. */\n    const char *base = getenv(\"IK_TEST_BASE_URL\");\n    if (base == NULL) {\n        fprintf(stderr, \"IK_TEST_BASE_URL is not set\\n\");\n        return 2;\n    }\n    ik_client *c = ik_test_client_at(base);\n    char *out = NULL;\n    const char *id = \"598821f949c0a938d57563bd\";\n    (void)id;\n\n");
    for op in OPS {
        let n = op.path_ids().count();
        let name = op.c_name();
        let params = params_arg(op);
        let call = |client: &str, ids: &[&str], p: &str, out: &str| {
            let mut a = vec![client.to_string()];
            a.extend(ids.iter().map(|x| x.to_string()));
            if params.is_some() {
                a.push(p.to_string());
            }
            a.push(out.to_string());
            format!("{name}({})", a.join(", "))
        };
        let good_ids: Vec<&str> = (0..n).map(|_| "id").collect();
        let good_params = if params.is_some() { "\"{}\"" } else { "" };
        let _ = writeln!(s, "    /* {} */", op.py);
        let _ = writeln!(
            s,
            "    expect_error({}, IK_STATUS_NULL_ARGUMENT, &out, \"{name}: NULL client\");",
            call("NULL", &good_ids, good_params, "&out")
        );
        let _ = writeln!(
            s,
            "    if ({} != IK_STATUS_NULL_ARGUMENT) ik_test_failures++;",
            call("c", &good_ids, good_params, "NULL")
        );
        for i in 0..n {
            let mut ids = good_ids.clone();
            ids[i] = "NULL";
            let _ = writeln!(
                s,
                "    expect_error({}, IK_STATUS_NULL_ARGUMENT, &out, \"{name}: NULL id {i}\");",
                call("c", &ids, good_params, "&out")
            );
            ids[i] = "\"\"";
            let _ = writeln!(
                s,
                "    expect_error({}, IK_STATUS_INVALID_ARGUMENT, &out, \"{name}: empty id {i}\");",
                call("c", &ids, good_params, "&out")
            );
        }
        if params.is_some() {
            let _ = writeln!(
                s,
                "    expect_error({}, IK_STATUS_INVALID_ARGUMENT, &out, \"{name}: bad JSON\");",
                call("c", &good_ids, "\"{nope\"", "&out")
            );
            let _ = writeln!(
                s,
                "    expect_error({}, IK_STATUS_INVALID_ARGUMENT, &out, \"{name}: unknown option\");",
                call("c", &good_ids, "\"{\\\"no_such_option\\\":1}\"", "&out")
            );
            if params == Some(false) {
                let _ = writeln!(
                    s,
                    "    expect_error({}, IK_STATUS_NULL_ARGUMENT, &out, \"{name}: NULL params\");",
                    call("c", &good_ids, "NULL", "&out")
                );
                let _ = writeln!(
                    s,
                    "    expect_error({}, IK_STATUS_INVALID_ARGUMENT, &out, \"{name}: missing required\");",
                    call("c", &good_ids, "\"{}\"", "&out")
                );
            } else {
                let _ = writeln!(
                    s,
                    "    expect_http({}, &out, \"{name}\");",
                    call("c", &good_ids, "NULL", "&out")
                );
            }
        } else {
            let _ = writeln!(
                s,
                "    expect_http({}, &out, \"{name}\");",
                call("c", &good_ids, "", "&out")
            );
        }
    }
    s.push_str("\n    ik_client_free(c);\n    TEST_DONE();\n}\n");
    s
}
