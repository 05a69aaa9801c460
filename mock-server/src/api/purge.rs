//! Cache purge and purge status.

use super::ctx::{str_field, Ctx, HandlerResult};
use super::validators::valid_http_url;
use crate::http::Response;
use crate::shared::lock;
use crate::store::{PurgeRecord, State};
use serde_json::{json, Value};

/// `POST /v1/files/purge` `{"url": …}` → 201 `{"requestId": …}`.
pub(crate) fn create(ctx: &mut Ctx<'_, '_>) -> HandlerResult {
    let body = ctx.json_body()?;
    let Some(Value::Object(o)) = body else {
        return Err(Response::error(400, "Your request is missing url parameter."));
    };
    let url = match str_field(&o, "url") {
        None | Some("") => return Err(Response::error(400, "Your request is missing url parameter.")),
        Some(u) if !valid_http_url(u) => {
            return Err(Response::error(400, "Your request contains invalid url parameter."))
        }
        Some(u) => u.to_string(),
    };
    let id = start(&mut lock(&ctx.shared.state), url);
    Ok(Response::json(201, &json!({"requestId": id})))
}

/// Records a purge request (also made by rename with `purgeCache`); returns its id.
pub(crate) fn start(st: &mut State, url: String) -> String {
    let id = crate::util::object_id();
    st.purges.insert(id.clone(), PurgeRecord { url, polls: 0 });
    id
}

/// `GET /v1/files/purge/{requestId}`: `Pending` on the first query, `Completed` after.
pub(crate) fn status(ctx: &mut Ctx<'_, '_>) -> HandlerResult {
    let mut st = lock(&ctx.shared.state);
    let p = st
        .purges
        .get_mut(ctx.param("requestId"))
        .ok_or_else(|| Response::error(404, "No purge request exists with this requestId."))?;
    p.polls += 1;
    let status = if p.polls == 1 { "Pending" } else { "Completed" };
    Ok(Response::json(200, &json!({"status": status})))
}
