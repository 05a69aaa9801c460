//! The C++ wrapper's status enum and per-operation methods.

use super::names::{params_arg, screaming};
use imagekit_ops::{id_arg, OPS, STATUSES};
use std::fmt::Write;

pub(crate) fn cpp_status() -> String {
    let mut s = String::new();
    s.push_str("// Generated from crates/ops/src/status.rs by xtask/src/codegen (cargo xtask codegen). Do not edit.\n");
    s.push_str("// Included by imagekit.hpp.\n#ifndef IMAGEKIT_STATUS_HPP\n#define IMAGEKIT_STATUS_HPP\n\n#include <imagekit.h>\n\n#include <cstdint>\n\nnamespace imagekit {\n\n");
    s.push_str("/// The library's status codes (ik_status); the values are the C enum's.\nenum class Status : std::uint32_t {\n");
    for st in STATUSES {
        let v = st.variant.to_string();
        let _ = writeln!(s, "    {v} = IK_STATUS_{},  ///< {}", screaming(&v), st.describe);
    }
    s.push_str("};\n\n}  // namespace imagekit\n\n#endif  // IMAGEKIT_STATUS_HPP\n");
    s
}

pub(crate) fn cpp_ops() -> String {
    let mut s = String::new();
    s.push_str("// Generated from crates/ops/src/lib.rs by xtask/src/codegen (cargo xtask codegen). Do not edit.\n");
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
