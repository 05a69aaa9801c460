//! `docs/operations.json`: every regular operation and status code in a language-neutral form,
//! the input new bindings are generated from (the Python package's generator reads it).

use super::names::{go_method, params_arg};
use imagekit_ops::{snake_case, Answer, Input, Kind, SeedArg, OPS, STATUSES};
use serde_json::{json, Value};

/// The kind's name in the description (`str_list`).
fn kind_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Str => "str",
        Kind::Bool => "bool",
        Kind::Int => "int",
        Kind::StrList => "str_list",
        Kind::StrOrList => "str_or_list",
        Kind::Object => "object",
        Kind::Array => "array",
        Kind::Json => "json",
    }
}

pub(crate) fn operations_json() -> String {
    let operations: Vec<Value> = OPS
        .iter()
        .map(|op| {
            let (input, params) = match op.input {
                Input::None => ("none", &[][..]),
                Input::Query(p) => ("query", p),
                Input::Body(p) => ("body", p),
            };
            let params: Vec<Value> = params
                .iter()
                .map(|p| {
                    json!({"name": p.name, "snake": snake_case(p.name), "kind": kind_name(p.kind), "required": p.required})
                })
                .collect();
            json!({
                "name": op.py,
                "node": op.node,
                "go": op.go,
                "c_function": op.c_name(),
                "go_method": go_method(op),
                "http_method": op.verb.as_str(),
                "path": op.path,
                "ids": op.path_ids().collect::<Vec<_>>(),
                "input": input,
                "params_required": params_arg(op) == Some(false),
                "params": params,
                "max_items": op.max_items.map(|m| json!({"field": m.field, "max": m.max})),
                "pages": op.pages,
                "in_spec": op.in_spec,
                "empty_answer": op.empty_answer,
                "retry": op.retry.name(),
                "doc": op.doc,
                "c_deprecated_alias": op.seed_alias.map(|a| json!({
                    "name": a.c_name,
                    "arg": match a.arg {
                        SeedArg::Same => json!({"shape": "same"}),
                        SeedArg::ParamsNamed(n) => json!({"shape": "params_named", "name": n}),
                        SeedArg::RequiredParamsNamed(n) => json!({"shape": "required_params_named", "name": n}),
                        SeedArg::Url(n) => json!({"shape": "url", "name": n}),
                    },
                })),
                "answer": match op.answer {
                    Answer::Json => json!({"shape": "json"}),
                    Answer::Nothing => json!({"shape": "nothing"}),
                    Answer::One(t) => json!({"shape": "one", "type": t}),
                    Answer::ListOf(t) => json!({"shape": "list", "type": t}),
                },
            })
        })
        .collect();
    let statuses: Vec<Value> = STATUSES
        .iter()
        .map(|st| {
            json!({
                "name": st.name,
                "variant": st.variant,
                "c": format!("IK_STATUS_{}", super::names::screaming(st.variant)),
                "value": st.code,
                "describe": st.describe,
                "doc": st.doc.replace('\n', " "),
            })
        })
        .collect();
    let kinds: serde_json::Map<String, Value> = [
        Kind::Str,
        Kind::Bool,
        Kind::Int,
        Kind::StrList,
        Kind::StrOrList,
        Kind::Object,
        Kind::Array,
        Kind::Json,
    ]
    .into_iter()
    .map(|k| (kind_name(k).to_string(), Value::from(k.describe())))
    .collect();
    let doc = json!({
        "format": 1,
        "generated_by": "cargo xtask codegen (from crates/ops); do not edit",
        "c_shape": "ik_status <c_function>(const ik_client *client, const char *<id>..., [const char *params_json,] char **out_json); params_json may be NULL unless params_required",
        "kinds": kinds,
        "operations": operations,
        "statuses": statuses,
    });
    let mut text = serde_json::to_string_pretty(&doc).expect("a JSON value serialises");
    text.push('\n');
    text
}
