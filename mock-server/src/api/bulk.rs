//! Bulk operations on files by id: delete (≤ 100 ids), add tags, remove tags, remove AI tags
//! (≤ 50; the limits are checked by the validating step from the table). All ids found: 200;
//! some: 207 with `errors` for the missing ones (the found ones are changed); none: 404 with
//! `missingFileIds`.

use super::ctx::{str_list, Ctx, HandlerResult};
use crate::http::{Response, HELP};
use crate::shared::lock;
use crate::store::FileRecord;
use serde_json::{json, Value};

/// Applies `change` to every file of `fileIds` that exists (`None` = delete it).
fn bulk(ctx: &mut Ctx<'_, '_>, done_key: &str, change: Option<&dyn Fn(&mut FileRecord)>) -> HandlerResult {
    let mut ids = str_list(&ctx.obj(), "fileIds");
    let mut seen = std::collections::HashSet::new();
    ids.retain(|id| seen.insert(id.clone()));
    let mut st = lock(&ctx.shared.state);
    let (found, missing): (Vec<String>, Vec<String>) = ids.into_iter().partition(|id| st.files.contains_key(id));
    if found.is_empty() {
        return Err(Response::json(
            404,
            &json!({"message": "The requested file(s) does not exist.", "help": HELP, "missingFileIds": missing}),
        ));
    }
    let now = st.tick();
    for id in &found {
        match change {
            None => {
                st.files.remove(id);
            }
            Some(f) => {
                let rec = st.files.get_mut(id).expect("found");
                f(rec);
                rec.updated_ms = now;
            }
        }
    }
    if missing.is_empty() {
        return Ok(Response::json(200, &json!({done_key: found})));
    }
    let errors: Vec<Value> = missing
        .iter()
        .map(|id| json!({"fileId": id, "error": "File not found."}))
        .collect();
    Ok(Response::json(207, &json!({done_key: found, "errors": errors})))
}

/// `POST /v1/files/batch/deleteByFileIds` `{fileIds}`
pub(crate) fn delete(ctx: &mut Ctx<'_, '_>) -> HandlerResult {
    bulk(ctx, "successfullyDeletedFileIds", None)
}

/// `POST /v1/files/addTags` `{fileIds, tags}`: tags not already there are appended.
pub(crate) fn add_tags(ctx: &mut Ctx<'_, '_>) -> HandlerResult {
    let tags = str_list(&ctx.obj(), "tags");
    bulk(
        ctx,
        "successfullyUpdatedFileIds",
        Some(&|f: &mut FileRecord| {
            let have = f.tags.get_or_insert_with(Vec::new);
            for t in &tags {
                if !have.contains(t) {
                    have.push(t.clone());
                }
            }
        }),
    )
}

/// `POST /v1/files/removeTags` `{fileIds, tags}`: no tags left means `tags: null`.
pub(crate) fn remove_tags(ctx: &mut Ctx<'_, '_>) -> HandlerResult {
    let tags = str_list(&ctx.obj(), "tags");
    bulk(
        ctx,
        "successfullyUpdatedFileIds",
        Some(&|f: &mut FileRecord| {
            if let Some(have) = &mut f.tags {
                have.retain(|t| !tags.contains(t));
                if have.is_empty() {
                    f.tags = None;
                }
            }
        }),
    )
}

/// `POST /v1/files/removeAITags` `{fileIds, AITags}` (by tag name).
pub(crate) fn remove_ai_tags(ctx: &mut Ctx<'_, '_>) -> HandlerResult {
    let names = str_list(&ctx.obj(), "AITags");
    bulk(
        ctx,
        "successfullyUpdatedFileIds",
        Some(&|f: &mut FileRecord| {
            if let Some(have) = &mut f.ai_tags {
                have.retain(|t| !names.iter().any(|n| t["name"] == *n));
                if have.is_empty() {
                    f.ai_tags = None;
                }
            }
        }),
    )
}
