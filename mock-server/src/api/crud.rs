//! One generic create / list / get / update / delete over a [`Collection`], for the account
//! resources that are plain collections: origins, URL endpoints, webhooks, saved extensions and
//! named transformations. Each resource says how to build a record from a body and how a record
//! looks in an answer.

use super::ctx::{bad, Ctx, HandlerResult};
use crate::http::Response;
use crate::shared::lock;
use crate::store::{Collection, State};
use serde_json::{Map, Value};

/// What a create or update has to work with.
pub(crate) struct Build<'a> {
    /// The whole library (for uniqueness and cross-resource checks).
    pub st: &'a State,
    /// The validated JSON object body.
    pub body: &'a Map<String, Value>,
    /// The stored record on update, `None` on create.
    pub old: Option<&'a Map<String, Value>>,
    /// The record's id (new on create).
    pub id: &'a str,
    /// Now, ISO 8601.
    pub now: &'a str,
}

impl Build<'_> {
    /// The body's value for `k`, else the stored one (PATCH semantics).
    pub fn field(&self, k: &str) -> Option<&Value> {
        self.body
            .get(k)
            .filter(|v| !v.is_null())
            .or_else(|| self.old.and_then(|o| o.get(k)))
    }

    pub fn str(&self, k: &str) -> Option<&str> {
        self.field(k).and_then(Value::as_str)
    }

    /// The other records of the collection (not the one being updated).
    pub fn others<'c>(&self, c: &'c Collection) -> Vec<&'c Map<String, Value>> {
        c.iter()
            .filter(|r| r.get("id").and_then(Value::as_str) != Some(self.id))
            .collect()
    }
}

pub(crate) trait Resource {
    /// The resource's name in messages ("origin").
    const NOUN: &'static str;
    /// How many the account may have.
    const MAX: Option<usize> = None;
    fn items(st: &State) -> &Collection;
    fn items_mut(st: &mut State) -> &mut Collection;
    /// Validates the body and returns the record to store (with `id`).
    fn build(b: &Build<'_>) -> Result<Map<String, Value>, Response>;
    /// The record as the API answers it.
    fn view(rec: &Map<String, Value>) -> Value {
        Value::Object(rec.clone())
    }
    /// Refuses a delete (the default URL endpoint, an origin in use).
    fn check_delete(_st: &State, _rec: &Map<String, Value>) -> Result<(), Response> {
        Ok(())
    }
}

fn not_found<R: Resource>() -> Response {
    Response::error(404, format!("The requested {} does not exist.", R::NOUN))
}

/// `GET /…`: every record, oldest first.
pub(crate) fn list<R: Resource>(ctx: &mut Ctx<'_, '_>) -> HandlerResult {
    let st = lock(&ctx.shared.state);
    let out: Vec<Value> = R::items(&st).iter().map(R::view).collect();
    Ok(Response::json(200, &Value::Array(out)))
}

/// `POST /…`: 201 with the record.
pub(crate) fn create<R: Resource>(ctx: &mut Ctx<'_, '_>) -> HandlerResult {
    let body = ctx.obj();
    let mut st = lock(&ctx.shared.state);
    if R::MAX.is_some_and(|m| R::items(&st).len() >= m) {
        return Err(bad(format!(
            "You can have at most {} {}s.",
            R::MAX.unwrap_or(0),
            R::NOUN
        )));
    }
    let id = crate::util::object_id();
    let now = super::ctx::now_iso();
    let rec = R::build(&Build {
        st: &st,
        body: &body,
        old: None,
        id: &id,
        now: &now,
    })?;
    let out = R::view(&rec);
    R::items_mut(&mut st).insert(rec);
    Ok(Response::json(201, &out))
}

/// `GET /…/{id}`
pub(crate) fn get<R: Resource>(ctx: &mut Ctx<'_, '_>) -> HandlerResult {
    let st = lock(&ctx.shared.state);
    let rec = R::items(&st).get(ctx.param("id")).ok_or_else(not_found::<R>)?;
    Ok(Response::json(200, &R::view(rec)))
}

/// `PUT` or `PATCH /…/{id}`: 200 with the record. What a missing field means (kept or reset)
/// is the resource's `build`.
pub(crate) fn update<R: Resource>(ctx: &mut Ctx<'_, '_>) -> HandlerResult {
    let body = ctx.obj();
    let id = ctx.param("id").to_string();
    let mut st = lock(&ctx.shared.state);
    let old = R::items(&st).get(&id).cloned().ok_or_else(not_found::<R>)?;
    let now = super::ctx::now_iso();
    let rec = R::build(&Build {
        st: &st,
        body: &body,
        old: Some(&old),
        id: &id,
        now: &now,
    })?;
    let out = R::view(&rec);
    R::items_mut(&mut st).insert(rec);
    Ok(Response::json(200, &out))
}

/// `DELETE /…/{id}`: 204.
pub(crate) fn delete<R: Resource>(ctx: &mut Ctx<'_, '_>) -> HandlerResult {
    let id = ctx.param("id").to_string();
    let mut st = lock(&ctx.shared.state);
    let rec = R::items(&st).get(&id).ok_or_else(not_found::<R>)?;
    R::check_delete(&st, rec)?;
    R::items_mut(&mut st).remove(&id);
    Ok(Response::new(204))
}

/// A string field that must not be longer than `max` characters (and not empty when `required`).
pub(crate) fn check_len(b: &Build<'_>, k: &str, max: usize, required: bool) -> Result<(), Response> {
    match b.str(k) {
        None | Some("") if required => Err(bad(format!("Your request is missing {k} parameter."))),
        Some(s) if s.chars().count() > max => Err(bad(format!("{k} must be at most {max} characters long."))),
        _ => Ok(()),
    }
}
