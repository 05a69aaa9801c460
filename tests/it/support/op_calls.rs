// Generated from crates/ops/src/lib.rs by xtask/src/codegen (cargo xtask codegen).
// Do not edit by hand: `cargo xtask codegen --check` fails when this file drifts from the table.
//! Calls each table-driven C function by its row index (for tests that walk the table).
#![allow(dead_code)]

use imagekit::client::ik_client;
use imagekit::ops_gen::*;
use imagekit::status::ik_status;
use std::ffi::c_char;

/// Whether row i's function takes `params_json`.
pub const TAKES_PARAMS: &[bool] = &[
    true, // assets.list
    false, // files.get
    true, // files.update
    false, // files.delete
    true, // files.copy
    true, // files.move
    true, // files.rename
    true, // files.bulk.delete
    true, // files.bulk.add_tags
    true, // files.bulk.remove_tags
    true, // files.bulk.remove_ai_tags
    false, // files.versions.list
    false, // files.versions.get
    false, // files.versions.delete
    false, // files.versions.restore
    false, // files.metadata.get
    true, // files.metadata.get_from_url
    true, // cache.invalidation.create
    false, // cache.invalidation.get
    true, // folders.create
    true, // folders.delete
    true, // folders.copy
    true, // folders.move
    true, // folders.rename
    false, // folders.job.get
    true, // custom_metadata_fields.create
    true, // custom_metadata_fields.list
    true, // custom_metadata_fields.update
    false, // custom_metadata_fields.delete
    false, // saved_extensions.list
    true, // saved_extensions.create
    false, // saved_extensions.get
    true, // saved_extensions.update
    false, // saved_extensions.delete
    false, // named_transformations.list
    true, // named_transformations.create
    false, // named_transformations.get
    true, // named_transformations.update
    false, // named_transformations.delete
    true, // accounts.usage.get
    true, // accounts.usage_analytics.get
    false, // accounts.origins.list
    true, // accounts.origins.create
    false, // accounts.origins.get
    true, // accounts.origins.update
    false, // accounts.origins.delete
    false, // accounts.url_endpoints.list
    true, // accounts.url_endpoints.create
    false, // accounts.url_endpoints.get
    true, // accounts.url_endpoints.update
    false, // accounts.url_endpoints.delete
    false, // accounts.webhooks.list
    true, // accounts.webhooks.create
    false, // accounts.webhooks.get
    true, // accounts.webhooks.update
    false, // accounts.webhooks.delete
];

/// Calls row `index`'s function; `ids` must have as many entries as its path has ids, `params`
/// is ignored when it takes none.
///
/// # Safety
/// As for the functions called.
pub unsafe fn call(
    index: usize,
    client: *const ik_client,
    ids: &[*const c_char],
    params: *const c_char,
    out: *mut *mut c_char,
) -> ik_status {
    match index {
        0 => ik_assets_list(client, params, out),
        1 => ik_files_get(client, ids[0], out),
        2 => ik_files_update(client, ids[0], params, out),
        3 => ik_files_delete(client, ids[0], out),
        4 => ik_files_copy(client, params, out),
        5 => ik_files_move(client, params, out),
        6 => ik_files_rename(client, params, out),
        7 => ik_files_bulk_delete(client, params, out),
        8 => ik_files_bulk_add_tags(client, params, out),
        9 => ik_files_bulk_remove_tags(client, params, out),
        10 => ik_files_bulk_remove_ai_tags(client, params, out),
        11 => ik_files_versions_list(client, ids[0], out),
        12 => ik_files_versions_get(client, ids[0], ids[1], out),
        13 => ik_files_versions_delete(client, ids[0], ids[1], out),
        14 => ik_files_versions_restore(client, ids[0], ids[1], out),
        15 => ik_files_metadata_get(client, ids[0], out),
        16 => ik_files_metadata_get_from_url(client, params, out),
        17 => ik_cache_invalidation_create(client, params, out),
        18 => ik_cache_invalidation_get(client, ids[0], out),
        19 => ik_folders_create(client, params, out),
        20 => ik_folders_delete(client, params, out),
        21 => ik_folders_copy(client, params, out),
        22 => ik_folders_move(client, params, out),
        23 => ik_folders_rename(client, params, out),
        24 => ik_folders_job_get(client, ids[0], out),
        25 => ik_custom_metadata_fields_create(client, params, out),
        26 => ik_custom_metadata_fields_list(client, params, out),
        27 => ik_custom_metadata_fields_update(client, ids[0], params, out),
        28 => ik_custom_metadata_fields_delete(client, ids[0], out),
        29 => ik_saved_extensions_list(client, out),
        30 => ik_saved_extensions_create(client, params, out),
        31 => ik_saved_extensions_get(client, ids[0], out),
        32 => ik_saved_extensions_update(client, ids[0], params, out),
        33 => ik_saved_extensions_delete(client, ids[0], out),
        34 => ik_named_transformations_list(client, out),
        35 => ik_named_transformations_create(client, params, out),
        36 => ik_named_transformations_get(client, ids[0], out),
        37 => ik_named_transformations_update(client, ids[0], params, out),
        38 => ik_named_transformations_delete(client, ids[0], out),
        39 => ik_accounts_usage_get(client, params, out),
        40 => ik_accounts_usage_analytics_get(client, params, out),
        41 => ik_accounts_origins_list(client, out),
        42 => ik_accounts_origins_create(client, params, out),
        43 => ik_accounts_origins_get(client, ids[0], out),
        44 => ik_accounts_origins_update(client, ids[0], params, out),
        45 => ik_accounts_origins_delete(client, ids[0], out),
        46 => ik_accounts_url_endpoints_list(client, out),
        47 => ik_accounts_url_endpoints_create(client, params, out),
        48 => ik_accounts_url_endpoints_get(client, ids[0], out),
        49 => ik_accounts_url_endpoints_update(client, ids[0], params, out),
        50 => ik_accounts_url_endpoints_delete(client, ids[0], out),
        51 => ik_accounts_webhooks_list(client, out),
        52 => ik_accounts_webhooks_create(client, params, out),
        53 => ik_accounts_webhooks_get(client, ids[0], out),
        54 => ik_accounts_webhooks_update(client, ids[0], params, out),
        55 => ik_accounts_webhooks_delete(client, ids[0], out),
        _ => panic!("no operation #{index}"),
    }
}
