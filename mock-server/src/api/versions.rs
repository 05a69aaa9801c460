//! File versions: an upload over an existing file path (overwriteFile) makes a new version;
//! these list, get, delete (not the current one) and restore them.

use super::ctx::{bad, Ctx, HandlerResult};
use super::files::not_found;
use crate::http::Response;
use crate::shared::lock;
use serde_json::Value;

fn version_not_found() -> Response {
    Response::error(404, "The requested file version does not exist.")
}

/// `GET /v1/files/{fileId}/versions`: every version, oldest first, the current one last.
pub(crate) fn list(ctx: &mut Ctx<'_, '_>) -> HandlerResult {
    let st = lock(&ctx.shared.state);
    let f = st.files.get(ctx.param("fileId")).ok_or_else(not_found)?;
    let endpoint = ctx.endpoint();
    let mut out: Vec<Value> = f.history.iter().map(|v| v.version_details(endpoint, false)).collect();
    out.push(f.version_details(endpoint, true));
    Ok(Response::json(200, &Value::Array(out)))
}

/// `GET /v1/files/{fileId}/versions/{versionId}`
pub(crate) fn get(ctx: &mut Ctx<'_, '_>) -> HandlerResult {
    let st = lock(&ctx.shared.state);
    let f = st.files.get(ctx.param("fileId")).ok_or_else(not_found)?;
    let vid = ctx.param("versionId");
    if f.version_id == vid {
        return Ok(Response::json(200, &f.version_details(ctx.endpoint(), true)));
    }
    let v = f
        .history
        .iter()
        .find(|v| v.version_id == vid)
        .ok_or_else(version_not_found)?;
    Ok(Response::json(200, &v.version_details(ctx.endpoint(), false)))
}

/// `DELETE /v1/files/{fileId}/versions/{versionId}`: 204; the current version cannot be deleted.
pub(crate) fn delete(ctx: &mut Ctx<'_, '_>) -> HandlerResult {
    let vid = ctx.param("versionId").to_string();
    let mut st = lock(&ctx.shared.state);
    let f = st.files.get_mut(ctx.param("fileId")).ok_or_else(not_found)?;
    if f.version_id == vid {
        return Err(bad(
            "You cannot delete the current version of a file. Restore another version first.",
        ));
    }
    let i = f
        .history
        .iter()
        .position(|v| v.version_id == vid)
        .ok_or_else(version_not_found)?;
    f.history.remove(i);
    Ok(Response::new(204))
}

/// `PUT /v1/files/{fileId}/versions/{versionId}/restore`: the version becomes the current one
/// (the current one goes into the history); answers the file's `FileDetails`.
pub(crate) fn restore(ctx: &mut Ctx<'_, '_>) -> HandlerResult {
    let vid = ctx.param("versionId").to_string();
    let endpoint = ctx.endpoint().to_string();
    let mut st = lock(&ctx.shared.state);
    let now = st.tick();
    let f = st.files.get_mut(ctx.param("fileId")).ok_or_else(not_found)?;
    if f.version_id != vid {
        let i = f
            .history
            .iter()
            .position(|v| v.version_id == vid)
            .ok_or_else(version_not_found)?;
        let restored = f.history.remove(i);
        let old = f.snapshot();
        let mut history = std::mem::take(&mut f.history);
        history.push(old);
        *f = crate::store::FileRecord {
            history,
            created_ms: f.created_ms,
            ..restored
        };
    }
    f.updated_ms = now;
    Ok(Response::json(200, &f.details(&endpoint)))
}
