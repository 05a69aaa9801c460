//! File metadata and remote-URL metadata.

use super::ctx::{Ctx, HandlerResult};
use super::files::not_found;
use super::validators::valid_http_url;
use crate::http::Response;
use crate::shared::lock;
use crate::store::metadata_for;
use crate::util::{extension, fnv1a64, mime_for};

/// The size reported for a remote URL that is not one of the server's files.
pub const REMOTE_FILE_SIZE: u64 = 102_400;

/// `GET /v1/files/{fileId}/metadata`
pub(crate) fn file(ctx: &mut Ctx<'_, '_>) -> HandlerResult {
    let st = lock(&ctx.shared.state);
    let f = st.files.get(ctx.param("fileId")).ok_or_else(not_found)?;
    Ok(Response::json(200, &f.metadata()))
}

/// `GET /v1/metadata?url=…` (and the old `GET /v1/files/metadata?url=…`). A URL under the
/// server's URL endpoint must name a stored file (else 404); any other http(s) URL gets
/// plausible metadata derived from the URL. Nothing is fetched.
pub(crate) fn remote(ctx: &mut Ctx<'_, '_>) -> HandlerResult {
    let url = match ctx.query("url") {
        None | Some("") => return Err(Response::error(400, "Your request is missing url query parameter.")),
        Some(u) => u.to_string(),
    };
    if !valid_http_url(&url) {
        return Err(Response::error(400, "Your request contains invalid url parameter."));
    }
    let without_query = url.split(['?', '#']).next().unwrap_or(&url).to_string();
    let endpoint = ctx.endpoint().trim_end_matches('/').to_string();
    if let Some(path) = without_query.strip_prefix(&endpoint).filter(|p| p.starts_with('/')) {
        // Transformations in the path (`/tr:w-100/…`) do not change which file it is.
        let path = match path.strip_prefix("/tr:") {
            Some(rest) => rest.find('/').map(|i| rest[i..].to_string()).unwrap_or_default(),
            None => path.to_string(),
        };
        let st = lock(&ctx.shared.state);
        let f = st.file_by_path(&path).ok_or_else(not_found)?;
        return Ok(Response::json(200, &f.metadata()));
    }
    let phash = format!("{:016x}", fnv1a64(without_query.as_bytes()));
    let mime = mime_for(&without_query);
    let mime = if mime == "application/octet-stream" {
        "image/jpeg"
    } else {
        mime
    };
    let mut format = extension(&without_query);
    if format.is_empty() {
        format = "jpg".into();
    }
    Ok(Response::json(
        200,
        &metadata_for(mime, &format, REMOTE_FILE_SIZE, &phash),
    ))
}
