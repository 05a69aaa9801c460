//! Copy, move and rename of one file (by path). A missing destination folder is created.

use super::ctx::{bool_field, error_with_reason, str_field, Ctx, HandlerResult};
use super::validators::sanitize_name;
use crate::http::Response;
use crate::shared::lock;
use crate::store::normalize_folder;
use serde_json::json;

fn no_file(path: &str) -> Response {
    error_with_reason(404, "NOT_FOUND", format!("No file found with filePath {path}."))
}

/// `POST /v1/files/copy` `{sourceFilePath, destinationPath, includeFileVersions}`: 204. Over a
/// file of the same name, the copy (and its versions) is appended to that file's versions.
pub(crate) fn copy(ctx: &mut Ctx<'_, '_>) -> HandlerResult {
    let o = ctx.obj();
    let src = str_field(&o, "sourceFilePath").unwrap_or("");
    let dest = normalize_folder(str_field(&o, "destinationPath").unwrap_or(""));
    let mut st = lock(&ctx.shared.state);
    let mut f = st.file_by_path(src).cloned().ok_or_else(|| no_file(src))?;
    if !bool_field(&o, "includeFileVersions", false) {
        f.history.clear();
    }
    let now = st.tick();
    f.created_ms = now;
    st.place(f, &dest, true);
    Ok(Response::new(204))
}

/// `POST /v1/files/move` `{sourceFilePath, destinationPath}`: 204; the file keeps its id unless
/// it lands on a file of the same name (then it becomes that file's newest versions).
pub(crate) fn move_file(ctx: &mut Ctx<'_, '_>) -> HandlerResult {
    let o = ctx.obj();
    let src = str_field(&o, "sourceFilePath").unwrap_or("");
    let dest = normalize_folder(str_field(&o, "destinationPath").unwrap_or(""));
    let mut st = lock(&ctx.shared.state);
    let id = st.file_id_by_path(src).ok_or_else(|| no_file(src))?;
    let f = st.files.remove(&id).expect("found by path");
    st.place(f, &dest, false);
    Ok(Response::new(204))
}

/// `PUT /v1/files/rename` `{filePath, newFileName, purgeCache}`: 200 `{}`, or
/// `{"purgeRequestId"}` with `purgeCache`; 409 when the new name is taken.
pub(crate) fn rename(ctx: &mut Ctx<'_, '_>) -> HandlerResult {
    let o = ctx.obj();
    let path = str_field(&o, "filePath").unwrap_or("");
    let new_name = sanitize_name(str_field(&o, "newFileName").unwrap_or("").trim());
    let endpoint = ctx.endpoint().to_string();
    let mut st = lock(&ctx.shared.state);
    let id = st.file_id_by_path(path).ok_or_else(|| no_file(path))?;
    let f = &st.files[&id];
    let target = format!("{}{new_name}", f.folder);
    if st.file_id_by_path(&target).is_some_and(|other| other != id) {
        return Err(error_with_reason(
            409,
            "FILE_ALREADY_EXISTS",
            format!("File with name {new_name} already exists at the same location."),
        ));
    }
    let old_url = f.url(&endpoint);
    let now = st.tick();
    let f = st.files.get_mut(&id).expect("found by path");
    f.name = new_name.clone();
    for v in &mut f.history {
        v.name = new_name.clone();
    }
    f.updated_ms = now;
    if !bool_field(&o, "purgeCache", false) {
        return Ok(Response::json(200, &json!({})));
    }
    let rid = super::purge::start(&mut st, old_url);
    Ok(Response::json(200, &json!({"purgeRequestId": rid})))
}
