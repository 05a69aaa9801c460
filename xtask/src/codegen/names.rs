//! Names and doc fragments every target renders the same way (Go method and argument names, C
//! enum suffixes, parameter docs, the generated-file banners). A leaf: the targets use it.

use imagekit_ops::{snake_case, Input, Kind, Op, Param};

pub(crate) const RUST_BANNER: &str = "// Generated from crates/ops/src/lib.rs by xtask/src/codegen (cargo xtask codegen).\n// Do not edit by hand: `cargo xtask codegen --check` fails when this file drifts from the table.\n";
pub(crate) const GO_BANNER: &str =
    "// Code generated from crates/ops/src/lib.rs by xtask/src/codegen (cargo xtask codegen). DO NOT EDIT.\n";

/// `files.versions.get` → `FilesVersionsGet`, with Go initialisms (`URL`, `AI`, `ID`).
pub(crate) fn go_method(op: &Op) -> String {
    if !op.go.is_empty() {
        return op.go.replace('.', "");
    }
    op.py.split(['.', '_']).map(go_word).collect()
}

pub(crate) fn go_word(w: &str) -> String {
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
pub(crate) fn go_arg(id: &str) -> String {
    match id.strip_suffix("Id") {
        Some(stem) => format!("{stem}ID"),
        None => id.to_string(),
    }
}

pub(crate) fn kind_doc(kind: Kind) -> &'static str {
    match kind {
        Kind::Str => "string",
        Kind::Bool => "boolean",
        Kind::Int => "integer",
        Kind::StrList => "list of strings",
        Kind::StrOrList => "string or list of strings",
        Kind::Object => "object",
        Kind::Array => "array",
        Kind::Json => "object or array, or its JSON text",
    }
}

pub(crate) fn params_doc(params: &[Param]) -> String {
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
pub(crate) fn params_arg(op: &Op) -> Option<bool> {
    match op.input {
        Input::None => None,
        Input::Query(p) => Some(!p.iter().any(|p| p.required)),
        Input::Body(p) => Some(!p.iter().any(|p| p.required)),
    }
}

/// `NotFound` → `NOT_FOUND`, `ApiError` → `API_ERROR`: the C enum constant's suffix.
pub(crate) fn screaming(variant: &str) -> String {
    snake_case(variant).to_ascii_uppercase()
}
