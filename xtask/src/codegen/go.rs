//! The Go binding's methods (`bindings/go/ops_gen.go`) and status constants (`status_gen.go`).

use super::names::{go_arg, go_method, params_arg, screaming, GO_BANNER};
use imagekit_ops::{Answer, OPS, STATUSES};
use std::fmt::Write;

/// The Go type of a method's first result (`*File`, `[]File`, `json.RawMessage`), its own types
/// prefixed with `package` (`"imagekit."` gives the names reflect prints); `None` when the error
/// is the only result.
fn answer_type(answer: Answer, package: &str) -> Option<String> {
    match answer {
        Answer::Json => Some("json.RawMessage".to_string()),
        Answer::Nothing => None,
        Answer::One(t) => Some(format!("*{package}{t}")),
        Answer::ListOf(t) => Some(format!("[]{package}{t}")),
    }
}

pub(crate) fn go_ops() -> String {
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
        let result = match answer_type(op.answer, "") {
            Some(t) => format!("({t}, error)"),
            None => "error".to_string(),
        };
        let _ = writeln!(s, "func (c *Client) {name}({}) {result} {{", args.join(", "));
        let params = if params_arg(op).is_some() { "params" } else { "nil" };
        let id_list = if ids.is_empty() {
            "nil".to_string()
        } else {
            format!("[]string{{{}}}", ids.join(", "))
        };
        let head = match op.answer {
            Answer::Json => "\treturn c.op(",
            Answer::Nothing => "\t_, err := c.op(",
            _ => "\tout, err := c.op(",
        };
        let _ = writeln!(
            s,
            "{head}ctx, {id_list}, {params}, func(p *C.ik_client, ids []*C.char, params *C.char, out **C.char) C.ik_status {{"
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
        s.push_str("\t})\n");
        match op.answer {
            Answer::Json => {}
            Answer::Nothing => s.push_str("\treturn err\n"),
            Answer::One(t) => {
                let _ = write!(s, "\tif err != nil {{\n\t\treturn nil, err\n\t}}\n\tvar v {t}\n\treturn &v, decode(out, &v, \"{}\")\n", op.py);
            }
            Answer::ListOf(t) => {
                let _ = write!(s, "\tif err != nil {{\n\t\treturn nil, err\n\t}}\n\tvar v []{t}\n\treturn v, decode(out, &v, \"{}\")\n", op.py);
            }
        }
        s.push_str("}\n");
    }
    // The table, for tests and tools: method name → C function and SDK names.
    s.push_str("\n// operations lists every table-driven method: Go name, C function, Python SDK name, and its\n// first result's type as reflect prints it (\"\" when the error is the only result).\nvar operations = [][4]string{\n");
    for op in OPS {
        let result = answer_type(op.answer, "imagekit.").unwrap_or_default();
        let _ = writeln!(
            s,
            "\t{{\"{}\", \"{}\", \"{}\", \"{result}\"}},",
            go_method(op),
            op.c_name(),
            op.py
        );
    }
    s.push_str("}\n");
    s
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

pub(crate) fn go_status() -> String {
    let mut s = String::new();
    s.push_str(
        "// Code generated from crates/ops/src/status.rs by xtask/src/codegen (cargo xtask codegen). DO NOT EDIT.\n",
    );
    s.push_str("\npackage imagekit\n\n/*\n#include \"imagekit.h\"\n*/\nimport \"C\"\n\n");
    s.push_str("// The library's ik_status codes; the values are the C enum's (part of the ABI).\nconst (\n");
    let rows: Vec<Vec<String>> = STATUSES
        .iter()
        .map(|st| {
            let v = st.variant.to_string();
            vec![
                format!("Status{}", go_status_name(&v)),
                "Status".into(),
                "=".into(),
                (st.code).to_string(),
                format!("// {}", st.describe),
            ]
        })
        .collect();
    s.push_str(&go_aligned(&rows, "\t"));
    s.push_str(")\n\n// Values to match with errors.Is; each stands for every *Error with that status.\nvar (\n");
    let rows: Vec<Vec<String>> = STATUSES
        .iter()
        .filter(|s| s.code != 0)
        .map(|st| {
            let v = go_status_name(st.variant);
            vec![format!("Err{v}"), "error".into(), format!("= &kind{{Status{v}}}")]
        })
        .collect();
    s.push_str(&go_aligned(&rows, "\t"));
    s.push_str(")\n\n// cStatuses maps each C enum constant's name to its value, read from the header at build time;\n// status_test.go checks the Go constants against it.\nfunc cStatuses() map[string]uint32 {\n\treturn map[string]uint32{\n");
    let rows: Vec<Vec<String>> = STATUSES
        .iter()
        .map(|st| {
            let c = screaming(st.variant);
            vec![format!("\"{c}\":"), format!("C.IK_STATUS_{c},")]
        })
        .collect();
    s.push_str(&go_aligned(&rows, "\t\t"));
    s.push_str("\t}\n}\n\n// goStatuses lists the Go constants by their C names, for status_test.go.\nfunc goStatuses() map[string]Status {\n\treturn map[string]Status{\n");
    let rows: Vec<Vec<String>> = STATUSES
        .iter()
        .map(|st| {
            let v = st.variant.to_string();
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
