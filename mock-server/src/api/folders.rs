//! Folders: create and delete, and copy / move / rename as bulk jobs. A job's effect is applied
//! when it is submitted; its status (`GET /v1/bulkJobs/{jobId}`) answers `Pending` on the first
//! query and `Completed` after, like purge requests.

use super::ctx::{bad, bool_field, error_with_reason, str_field, Ctx, HandlerResult};
use crate::http::Response;
use crate::shared::lock;
use crate::store::{normalize_folder, JobRecord, State};
use serde_json::json;

/// Folder names keep letters, digits (any script), `-` and `_`; anything else becomes `_`.
fn sanitize_folder_name(n: &str) -> String {
    n.trim()
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// `/a/b/` or `a/b` → `/a/b` (the key of `State::folders`); the root is "".
fn key(path: &str) -> String {
    normalize_folder(path).trim_end_matches('/').to_string()
}

fn folder_not_found(path: &str) -> Response {
    error_with_reason(
        404,
        "FOLDER_NOT_FOUND",
        format!("No folder found with folderPath {path}."),
    )
}

/// `key` is `under` or inside it.
fn within(key: &str, under: &str) -> bool {
    key == under || key.starts_with(&format!("{under}/"))
}

/// `POST /v1/folder` `{folderName, parentFolderPath}`: 201 `{}`; missing parents are created.
pub(crate) fn create(ctx: &mut Ctx<'_, '_>) -> HandlerResult {
    let o = ctx.obj();
    let name = sanitize_folder_name(str_field(&o, "folderName").unwrap_or(""));
    let parent = normalize_folder(str_field(&o, "parentFolderPath").unwrap_or("/"));
    lock(&ctx.shared.state).ensure_folders(&format!("{parent}{name}/"));
    Ok(Response::json(201, &json!({})))
}

/// Removes a folder with its subfolders and files.
fn remove_tree(st: &mut State, k: &str) {
    st.folders.retain(|p, _| !within(p, k));
    st.files.retain(|_, f| !within(f.folder.trim_end_matches('/'), k));
}

/// `DELETE /v1/folder` `{folderPath}`: 204; the folder, its subfolders and files are gone.
pub(crate) fn delete(ctx: &mut Ctx<'_, '_>) -> HandlerResult {
    let path = str_field(&ctx.obj(), "folderPath").unwrap_or("").to_string();
    let k = key(&path);
    let mut st = lock(&ctx.shared.state);
    if k.is_empty() || !st.folders.contains_key(&k) {
        return Err(folder_not_found(&path));
    }
    remove_tree(&mut st, &k);
    Ok(Response::new(204))
}

fn new_job(st: &mut State, kind: &'static str, purge_request_id: Option<String>) -> String {
    let id = crate::util::object_id();
    st.jobs.insert(
        id.clone(),
        JobRecord {
            kind,
            polls: 0,
            purge_request_id,
        },
    );
    id
}

/// Copies (or moves) the folder `src` into the folder `dest`: `dest/<name of src>/…`.
fn transfer(st: &mut State, src: &str, dest: &str, moving: bool, include_versions: bool) {
    let name = src.rsplit('/').next().unwrap_or("").to_string();
    let new_base = format!("{dest}/{name}");
    let folders: Vec<String> = st.folders.keys().filter(|p| within(p, src)).cloned().collect();
    for p in &folders {
        st.ensure_folders(&format!("{new_base}{}/", &p[src.len()..]));
    }
    let files: Vec<String> = st
        .files
        .values()
        .filter(|f| within(f.folder.trim_end_matches('/'), src))
        .map(|f| f.file_id.clone())
        .collect();
    for id in files {
        let mut f = if moving {
            st.files.remove(&id)
        } else {
            st.files.get(&id).cloned()
        }
        .expect("listed");
        let folder = format!("{new_base}{}", &f.folder[src.len()..]);
        if !moving && !include_versions {
            f.history.clear();
        }
        st.place(f, &folder, !moving);
    }
    if moving {
        st.folders.retain(|p, _| !within(p, src));
    }
}

/// The checks shared by copy and move: the source exists and the destination is not inside it.
fn source_and_dest(st: &State, o: &serde_json::Map<String, serde_json::Value>) -> Result<(String, String), Response> {
    let src_path = str_field(o, "sourceFolderPath").unwrap_or("");
    let src = key(src_path);
    if src.is_empty() || !st.folders.contains_key(&src) {
        return Err(folder_not_found(src_path));
    }
    let dest = key(str_field(o, "destinationPath").unwrap_or(""));
    if within(&dest, &src) {
        return Err(bad("The destination folder cannot be the source folder or inside it."));
    }
    Ok((src, dest))
}

/// `POST /v1/bulkJobs/copyFolder` `{sourceFolderPath, destinationPath, includeVersions}`: 200 `{jobId}`.
pub(crate) fn copy(ctx: &mut Ctx<'_, '_>) -> HandlerResult {
    let o = ctx.obj();
    let mut st = lock(&ctx.shared.state);
    let (src, dest) = source_and_dest(&st, &o)?;
    transfer(&mut st, &src, &dest, false, bool_field(&o, "includeVersions", false));
    let id = new_job(&mut st, "COPY_FOLDER", None);
    Ok(Response::json(200, &json!({"jobId": id})))
}

/// `POST /v1/bulkJobs/moveFolder` `{sourceFolderPath, destinationPath}`: 200 `{jobId}`.
pub(crate) fn move_folder(ctx: &mut Ctx<'_, '_>) -> HandlerResult {
    let o = ctx.obj();
    let mut st = lock(&ctx.shared.state);
    let (src, dest) = source_and_dest(&st, &o)?;
    if src.rsplit_once('/').map(|(parent, _)| parent) == Some(dest.as_str()) {
        return Err(bad("The folder is already in the destination folder."));
    }
    transfer(&mut st, &src, &dest, true, true);
    let id = new_job(&mut st, "MOVE_FOLDER", None);
    Ok(Response::json(200, &json!({"jobId": id})))
}

/// `POST /v1/bulkJobs/renameFolder` `{folderPath, newFolderName, purgeCache}`: 202 `{jobId}`;
/// 409 when the new name is taken. With `purgeCache` the job carries a `purgeRequestId`.
pub(crate) fn rename(ctx: &mut Ctx<'_, '_>) -> HandlerResult {
    let o = ctx.obj();
    let path = str_field(&o, "folderPath").unwrap_or("");
    let k = key(path);
    let name = sanitize_folder_name(str_field(&o, "newFolderName").unwrap_or(""));
    let endpoint = ctx.endpoint().trim_end_matches('/').to_string();
    let mut st = lock(&ctx.shared.state);
    if k.is_empty() || !st.folders.contains_key(&k) {
        return Err(folder_not_found(path));
    }
    let parent = k.rsplit_once('/').map(|(p, _)| p).unwrap_or("").to_string();
    let new_key = format!("{parent}/{name}");
    if new_key != k && st.folders.contains_key(&new_key) {
        return Err(error_with_reason(
            409,
            "FOLDER_ALREADY_EXISTS",
            format!("Folder with name {name} already exists at the same location."),
        ));
    }
    let now = st.tick();
    let moved: Vec<String> = st.folders.keys().filter(|p| within(p, &k)).cloned().collect();
    for p in moved {
        let mut rec = st.folders.remove(&p).expect("listed");
        rec.path = format!("{new_key}{}", &p[k.len()..]);
        rec.updated_ms = now;
        st.folders.insert(rec.path.clone(), rec);
    }
    for f in st.files.values_mut() {
        if within(f.folder.trim_end_matches('/'), &k) {
            f.folder = format!("{new_key}{}", &f.folder[k.len()..]);
            for v in &mut f.history {
                v.folder = f.folder.clone();
            }
            f.updated_ms = now;
        }
    }
    let purge = bool_field(&o, "purgeCache", false).then(|| super::purge::start(&mut st, format!("{endpoint}{k}/*")));
    let id = new_job(&mut st, "RENAME_FOLDER", purge);
    Ok(Response::json(202, &json!({"jobId": id})))
}

/// `GET /v1/bulkJobs/{jobId}`: `{jobId, type, status}` (+ `purgeRequestId` for a rename that purged).
pub(crate) fn job(ctx: &mut Ctx<'_, '_>) -> HandlerResult {
    let id = ctx.param("jobId").to_string();
    let mut st = lock(&ctx.shared.state);
    let j = st
        .jobs
        .get_mut(&id)
        .ok_or_else(|| Response::error(404, "No bulk job exists with this jobId."))?;
    j.polls += 1;
    let status = if j.polls == 1 { "Pending" } else { "Completed" };
    let mut out = json!({"jobId": id, "type": j.kind, "status": status});
    if let Some(p) = &j.purge_request_id {
        out["purgeRequestId"] = p.clone().into();
    }
    Ok(Response::json(200, &out))
}
