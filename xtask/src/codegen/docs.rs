//! The coverage table `docs/operations.md`: the official SDKs' names beside libimagekit's.

use super::names::{go_method, screaming};
use imagekit_ops::{OPS, STATUSES};
use std::fmt::Write;

/// Hand-written (irregular) operations, listed beside the table's rows in the coverage table:
/// (py5, node7, go2, C functions, Go functions or methods). `codegen --check` checks that each C
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
    ("— (the original SDK's url()())", "—", "—", "ik_url", "URL"),
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
    (
        "— (no SDK has it: many uploads at once)",
        "—",
        "—",
        "ik_bulk_upload",
        "BulkUpload",
    ),
    (
        "— (no SDK has it: the sync plan of a local tree)",
        "—",
        "—",
        "ik_sync_plan",
        "SyncPlan",
    ),
    ("— (any endpoint)", "—", "—", "ik_request", "Request"),
];

pub(crate) fn coverage_md() -> String {
    let mut s = String::new();
    s.push_str(
        "<!-- Generated from crates/ops/src/lib.rs by xtask/src/codegen (cargo xtask codegen). Do not edit. -->\n",
    );
    s.push_str("# Operations: the official SDKs' methods and libimagekit's\n\n");
    s.push_str("Every operation of the newest official SDKs (Python `imagekitio` 5.x, `@imagekit/nodejs` 7.x,\n`imagekit-go` v2) and the C function and Go method that do it. The regular REST operations come\nfrom one table, `crates/ops/src/lib.rs`; the C++ wrapper has each as a method named like the C function\nwithout `ik_` (`client.files_versions_get(file_id, version_id)`).\n\n");
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
    for st in STATUSES {
        let v = st.variant.to_string();
        let _ = writeln!(
            s,
            "| {} | `IK_STATUS_{}` | `{}` | {} |",
            st.code,
            screaming(&v),
            st.name,
            st.describe
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
