//! The C layer's generated Rust (`src/ops_gen.rs`: one `extern "C"` function per row;
//! `src/status_gen.rs`: the `ik_status` enum), the C program that calls every function, and the
//! tests' dispatcher.

use super::names::{params_arg, params_doc, RUST_BANNER};
use imagekit_ops::{id_arg, Input, Op, SeedArg, OPS, STATUSES};
use std::fmt::Write;

pub(crate) fn ffi_rs() -> String {
    let mut s = String::new();
    s.push_str(RUST_BANNER);
    s.push_str("//! C surface: one function per row of the operation table (crates/ops).\n\n");
    s.push_str("use super::client::ik_client;\nuse super::ops::run_op;\nuse super::seed_names::{null_argument, with_url};\nuse super::status::ik_status;\nuse std::ffi::c_char;\n");
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
        let _ = writeln!(
            s,
            "///\n/// Retry class `{}`: {}.",
            op.retry.name(),
            op.retry.describe()
        );
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
        seed_alias_rs(&mut s, index, op, &ids);
    }
    s
}

/// The original SDK's name of the row's function, if it had one: the same call, marked
/// deprecated (cbindgen writes the mark into the header).
fn seed_alias_rs(s: &mut String, index: usize, op: &Op, ids: &[String]) {
    let Some(alias) = op.seed_alias else { return };
    let target = op.c_name();
    s.push('\n');
    let how = match alias.arg {
        SeedArg::Same => "same arguments, same result".to_string(),
        SeedArg::ParamsNamed(n) => format!("the same, with `params_json` named `{n}`"),
        SeedArg::RequiredParamsNamed(n) => format!("the same, with `params_json` named `{n}` and required"),
        SeedArg::Url(n) => format!("the URL itself as `{n}`, sent as `{{\"url\": …}}`, instead of a JSON object"),
    };
    let _ = writeln!(s, "/// The original SDK's name of `{target}` ({how}).");
    let _ = writeln!(s, "///\n/// # Safety\n/// As for `{target}`.");
    let _ = writeln!(s, "#[deprecated(note = \"use {target}\")]\n#[no_mangle]");
    let _ = writeln!(s, "pub unsafe extern \"C\" fn {}(", alias.c_name);
    s.push_str("    client: *const ik_client,\n");
    for id in ids {
        let _ = writeln!(s, "    {id}: *const c_char,");
    }
    let arg = match alias.arg {
        SeedArg::Same => params_arg(op).map(|_| "params_json"),
        SeedArg::ParamsNamed(n) | SeedArg::RequiredParamsNamed(n) | SeedArg::Url(n) => Some(n),
    };
    if let Some(a) = arg {
        let _ = writeln!(s, "    {a}: *const c_char,");
    }
    s.push_str("    out_json: *mut *mut c_char,\n) -> ik_status {\n");
    let id_list = ids.join(", ");
    match alias.arg {
        SeedArg::Url(n) => {
            let _ = writeln!(
                s,
                "    with_url({index}, \"{}\", client, {n}, \"{n}\", out_json)",
                op.py
            );
        }
        SeedArg::RequiredParamsNamed(n) => {
            let _ = writeln!(
                s,
                "    if {n}.is_null() {{\n        return null_argument(\"{n}\", out_json);\n    }}\n    run_op({index}, \"{}\", client, &[{id_list}], {n}, out_json)",
                op.py
            );
        }
        _ => {
            let params = arg.unwrap_or("std::ptr::null()");
            let _ = writeln!(
                s,
                "    run_op({index}, \"{}\", client, &[{id_list}], {params}, out_json)",
                op.py
            );
        }
    }
    s.push_str("}\n");
}

/// A dispatcher for the tests: row index → the real exported function, so a table walk calls what
/// C callers call.
pub(crate) fn rust_calls() -> String {
    let mut s = String::new();
    s.push_str(RUST_BANNER);
    s.push_str("//! Calls each table-driven C function by its row index (for tests that walk the table).\n#![allow(dead_code)]\n\n");
    s.push_str("use imagekit::client::ik_client;\nuse imagekit::ops_gen::*;\nuse imagekit::status::ik_status;\nuse std::ffi::c_char;\n\n");
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

/// A C program (run under ASan/UBSan and valgrind by tests/it/c_abi.rs) that calls every
/// table-driven function with NULLs, bad JSON and an empty id, then once against the local server.
pub(crate) fn c_test() -> String {
    let mut s = String::new();
    s.push_str("/* Generated from crates/ops/src/lib.rs by xtask/src/codegen (cargo xtask codegen). Do not edit. */\n");
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

/// `src/status_gen.rs`: the `ik_status` enum (what cbindgen writes into the header), its list in
/// code order, and the static NUL-terminated texts `ik_status_str` hands out.
pub(crate) fn status_rs() -> String {
    let mut s = String::new();
    s.push_str(&RUST_BANNER.replace("crates/ops/src/lib.rs", "crates/ops/src/status.rs"));
    s.push_str("//! The status codes of every fallible `ik_*` function.\n\n");
    s.push_str("/// The result of an `ik_*` call. 0 is success; every other value is an error whose details are\n/// in the error JSON written to the call's `out_json`.\n///\n/// The numeric values are part of the ABI: they never change and are never reused; new codes\n/// are only appended. Codes 20-28 are HTTP answers from ImageKit; 10-13 are transport failures.\n#[repr(u32)]\n#[derive(Debug, Clone, Copy, PartialEq, Eq)]\npub enum ik_status {\n");
    for st in STATUSES {
        for line in st.doc.split('\n') {
            let _ = writeln!(s, "    /// {line}");
        }
        let _ = writeln!(s, "    {} = {},", st.variant, st.code);
    }
    s.push_str(
        "}\n\nimpl ik_status {\n    /// Every status, in code order.\n    pub const ALL: &'static [ik_status] = &[\n",
    );
    for st in STATUSES {
        let _ = writeln!(s, "        ik_status::{},", st.variant);
    }
    s.push_str("    ];\n\n    /// The static, NUL-terminated text of a code (`ik_status_str`).\n    pub(crate) fn description(code: u32) -> &'static [u8] {\n        match code {\n");
    for st in STATUSES {
        let _ = writeln!(s, "            {} => b\"{}\\0\",", st.code, st.describe);
    }
    s.push_str("            _ => b\"unknown status\\0\",\n        }\n    }\n}\n");
    s
}
