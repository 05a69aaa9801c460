//! List and search, file details, update, delete.

use super::ctx::{bad, Ctx, HandlerResult};
use crate::http::Response;
use crate::search::{self, Searchable};
use crate::shared::lock;
use crate::store::{normalize_folder, FileRecord, FolderRecord};
use crate::util::{extension, iso8601};
use serde_json::{json, Map, Value};

pub(crate) fn not_found() -> Response {
    Response::error(404, "The requested file does not exist.")
}

impl Searchable for FileRecord {
    fn values(&self, field: &str) -> Vec<Value> {
        let one = |v: Value| vec![v];
        match field {
            "name" => one(self.name.clone().into()),
            "tags" => self.tags.iter().flatten().map(|t| Value::from(t.clone())).collect(),
            "size" => one(self.size.into()),
            "height" => self.dimensions().map(|d| vec![d.1.into()]).unwrap_or_default(),
            "width" => self.dimensions().map(|d| vec![d.0.into()]).unwrap_or_default(),
            "createdAt" => one(iso8601(self.created_ms).into()),
            "updatedAt" => one(iso8601(self.updated_ms).into()),
            "type" => one("file".into()),
            "fileType" => one(self.file_type().into()),
            "format" => one(extension(&self.name).into()),
            "mime" => one(self.mime.clone().into()),
            "path" => one(self.folder.clone().into()),
            "filePath" => one(self.file_path().into()),
            "fileId" => one(self.file_id.clone().into()),
            "isPrivateFile" => one(self.is_private.into()),
            "isPublished" => one(self.is_published.into()),
            "description" => self.description.iter().map(|d| Value::from(d.clone())).collect(),
            f => match f
                .strip_prefix("customMetadata.")
                .and_then(|k| self.custom_metadata.get(k))
            {
                Some(Value::Array(a)) => a.clone(),
                Some(v) => one(v.clone()),
                None => vec![],
            },
        }
    }
}

impl Searchable for FolderRecord {
    fn values(&self, field: &str) -> Vec<Value> {
        match field {
            "name" => vec![self.name().into()],
            "type" => vec!["folder".into()],
            "createdAt" => vec![iso8601(self.created_ms).into()],
            "updatedAt" => vec![iso8601(self.updated_ms).into()],
            "path" => vec![self.parent().into()],
            f => match f
                .strip_prefix("customMetadata.")
                .and_then(|k| self.custom_metadata.get(k))
            {
                Some(v) => vec![v.clone()],
                None => vec![],
            },
        }
    }
}

/// A listed item's `duration` in seconds (0 when it has none).
fn duration(item: &Item) -> u64 {
    item.json.get("duration").and_then(Value::as_u64).unwrap_or(0)
}

/// A file or folder in a listing, with its sort keys.
struct Item {
    json: Value,
    name: String,
    created: i64,
    updated: i64,
    height: u32,
    width: u32,
    size: u64,
}

/// Every sort the API takes (the newest Python SDK sends the last four too).
const SORTS: [&str; 18] = [
    "ASC_NAME",
    "DESC_NAME",
    "ASC_CREATED",
    "DESC_CREATED",
    "ASC_UPDATED",
    "DESC_UPDATED",
    "ASC_HEIGHT",
    "DESC_HEIGHT",
    "ASC_WIDTH",
    "DESC_WIDTH",
    "ASC_SIZE",
    "DESC_SIZE",
    "ASC_RELEVANCE",
    "DESC_RELEVANCE",
    "ASC_DURATION",
    "DESC_DURATION",
    "ASC_ORIGINAL_CREATION_DATE",
    "DESC_ORIGINAL_CREATION_DATE",
];

fn int_param(ctx: &Ctx<'_, '_>, name: &str, default: i64) -> Result<i64, Response> {
    match ctx.query(name) {
        None | Some("") => Ok(default),
        Some(v) => v.trim().parse().map_err(|_| {
            bad(format!(
                "Your request contains invalid value for {name} parameter. Value sent is {v}."
            ))
        }),
    }
}

/// `GET /v1/files`
pub(crate) fn list(ctx: &mut Ctx<'_, '_>) -> HandlerResult {
    let typ = ctx.query("type").filter(|t| !t.is_empty()).unwrap_or("file");
    if !["file", "file-version", "folder", "all"].contains(&typ) {
        return Err(bad(
            "Your request contains invalid value for type parameter. Please provide one of the following: file, file-version, folder, all.",
        ));
    }
    let sort = ctx.query("sort").filter(|s| !s.is_empty()).unwrap_or("ASC_CREATED");
    if !SORTS.contains(&sort) {
        return Err(bad("Your request contains invalid value for sort parameters."));
    }
    let file_type = ctx.query("fileType").filter(|s| !s.is_empty()).unwrap_or("all");
    if !["all", "image", "non-image"].contains(&file_type) {
        return Err(bad(
            "Your request contains invalid value for fileType parameter. Please provide one of the following: all, image, non-image.",
        ));
    }
    let skip = int_param(ctx, "skip", 0)?;
    if skip < 0 {
        return Err(bad(format!(
            "The value of skip parameter should be greater than or equal to 0. Value sent is {skip}."
        )));
    }
    let limit = int_param(ctx, "limit", 1000)?;
    if limit < 1 {
        return Err(bad(format!(
            "Minimum value of limit parameter is 1. Value sent is {limit}."
        )));
    }
    if limit > 1000 {
        return Err(bad(format!(
            "Maximum value of limit parameter is 1000. Value sent is {limit}."
        )));
    }
    let include_folder = match ctx.query("includeFolder") {
        None | Some("") | Some("false") => false,
        Some("true") => true,
        Some(_) => return Err(bad("Your request contains invalid value for includeFolder parameter.")),
    };
    let query = match ctx.query("searchQuery").map(str::trim).filter(|q| !q.is_empty()) {
        None => None,
        Some(q) => Some(search::parse(q).map_err(|e| {
            bad(format!(
                "Your request contains invalid syntax for the searchQuery parameter: {e}."
            ))
        })?),
    };
    let path = ctx.query("path").filter(|p| !p.is_empty()).map(normalize_folder);
    let tags: Option<Vec<String>> = ctx.query("tags").filter(|t| !t.is_empty()).map(|t| {
        t.split(',')
            .map(|x| x.trim().to_string())
            .filter(|x| !x.is_empty())
            .collect()
    });
    let name = ctx.query("name").filter(|n| !n.is_empty()).map(str::to_string);

    // With a searchQuery, `type`, `tags` and `name` have no effect (spec); folders come in only
    // when the query talks about `type`.
    let (want_files, want_folders) = match &query {
        Some(q) => (true, search::mentions(q, "type")),
        None => (
            typ == "file" || typ == "all",
            typ == "folder" || typ == "all" || include_folder,
        ),
    };
    // `type=file-version` lists the older versions of files.
    let want_versions = query.is_none() && typ == "file-version";
    let endpoint = ctx.endpoint().to_string();
    let st = lock(&ctx.shared.state);
    let mut items: Vec<Item> = Vec::new();
    if want_files || want_versions {
        let records: Vec<&FileRecord> = if want_versions {
            st.files.values().flat_map(|f| f.history.iter()).collect()
        } else {
            st.files.values().collect()
        };
        for f in records {
            if path.as_ref().is_some_and(|p| &f.folder != p) || (file_type != "all" && f.file_type() != file_type) {
                continue;
            }
            match &query {
                Some(q) => {
                    if !search::eval(q, f) {
                        continue;
                    }
                }
                None => {
                    if tags
                        .as_ref()
                        .is_some_and(|t| !t.iter().any(|x| f.tags.iter().flatten().any(|y| y == x)))
                        || name.as_ref().is_some_and(|n| &f.name != n)
                    {
                        continue;
                    }
                }
            }
            let (width, height) = f.dimensions().unwrap_or((0, 0));
            items.push(Item {
                json: f.version_details(&endpoint, !want_versions),
                name: f.name.clone(),
                created: f.created_ms,
                updated: f.updated_ms,
                height,
                width,
                size: f.size,
            });
        }
    }
    if want_folders && file_type == "all" {
        for d in st.folders.values() {
            if path.as_ref().is_some_and(|p| &d.parent() != p) {
                continue;
            }
            let keep = match &query {
                Some(q) => search::eval(q, d),
                None => name.as_ref().is_none_or(|n| d.name() == n) && tags.is_none(),
            };
            if keep {
                items.push(Item {
                    json: d.details(),
                    name: d.name().to_string(),
                    created: d.created_ms,
                    updated: d.updated_ms,
                    height: 0,
                    width: 0,
                    size: 0,
                });
            }
        }
    }
    drop(st);
    let (dir, key) = sort.split_once('_').unwrap_or(("ASC", "CREATED"));
    items.sort_by(|a, b| {
        let o = match key {
            "NAME" => a.name.cmp(&b.name),
            "UPDATED" => a.updated.cmp(&b.updated),
            "HEIGHT" => a.height.cmp(&b.height),
            "WIDTH" => a.width.cmp(&b.width),
            "SIZE" => a.size.cmp(&b.size),
            // Only videos have a duration; the others sort as 0.
            "DURATION" => duration(a).cmp(&duration(b)),
            // The mock keeps no EXIF dates: a file's original creation is its upload.
            _ => a.created.cmp(&b.created),
        }
        .then(a.created.cmp(&b.created));
        if dir == "DESC" {
            o.reverse()
        } else {
            o
        }
    });
    let page: Vec<Value> = items
        .into_iter()
        .skip(skip as usize)
        .take(limit as usize)
        .map(|i| i.json)
        .collect();
    Ok(Response::json(200, &Value::Array(page)))
}

/// `GET /v1/files/{fileId}/details`
pub(crate) fn details(ctx: &mut Ctx<'_, '_>) -> HandlerResult {
    let st = lock(&ctx.shared.state);
    let f = st.files.get(ctx.param("fileId")).ok_or_else(not_found)?;
    Ok(Response::json(200, &f.details(ctx.endpoint())))
}

/// `DELETE /v1/files/{fileId}`: 204, no body.
pub(crate) fn delete(ctx: &mut Ctx<'_, '_>) -> HandlerResult {
    let mut st = lock(&ctx.shared.state);
    st.files.remove(ctx.param("fileId")).ok_or_else(not_found)?;
    Ok(Response::new(204))
}

const AI_VOCABULARY: [(&str, f64); 6] = [
    ("Shirt", 95.3),
    ("Clothing", 91.8),
    ("Sleeve", 88.1),
    ("Textile", 82.4),
    ("Pattern", 74.9),
    ("Fashion", 63.2),
];

/// Pretends to run extensions: auto-tagging adds AITags, auto-description sets a description.
/// Returns `extensionStatus`.
pub(crate) fn apply_extensions(rec: &mut FileRecord, exts: &Value) -> Map<String, Value> {
    let mut status = Map::new();
    for e in exts.as_array().into_iter().flatten() {
        let name = e.get("name").and_then(Value::as_str).unwrap_or("");
        match name {
            "google-auto-tagging" | "aws-auto-tagging" => {
                let min = e.get("minConfidence").and_then(Value::as_f64).unwrap_or(0.0);
                let max = e.get("maxTags").and_then(Value::as_u64).unwrap_or(10) as usize;
                let tags = rec.ai_tags.get_or_insert_with(Vec::new);
                for (tag, conf) in AI_VOCABULARY.iter().filter(|(_, c)| *c >= min).take(max) {
                    if !tags.iter().any(|t| t["name"] == *tag && t["source"] == name) {
                        tags.push(json!({"name": tag, "confidence": conf, "source": name}));
                    }
                }
                status.insert(name.into(), "success".into());
            }
            "ai-auto-description" => {
                if rec.description.is_none() {
                    rec.description = Some(format!("An auto-generated description of {}.", rec.name));
                }
                status.insert(name.into(), "success".into());
            }
            "remove-bg" | "ai-tasks" => {
                status.insert(name.into(), "pending".into());
            }
            "saved-extension" => {
                status.insert(name.into(), "pending".into());
            }
            other => {
                status.insert(other.into(), "failed".into());
            }
        }
    }
    status
}

const UPDATE_FIELDS: [&str; 8] = [
    "tags",
    "customCoordinates",
    "customMetadata",
    "extensions",
    "webhookUrl",
    "removeAITags",
    "description",
    "publish",
];

fn field_error(field: &str, msg: &str) -> Response {
    Response::json(
        400,
        &json!({
            "message": format!("Your request contains invalid value for {field} parameter."),
            "help": crate::http::HELP,
            "errors": {field: msg},
        }),
    )
}

/// `PATCH /v1/files/{fileId}/details`
pub(crate) fn update(ctx: &mut Ctx<'_, '_>) -> HandlerResult {
    let body = ctx.json_body()?.unwrap_or(Value::Null);
    let Value::Object(o) = body else {
        return Err(bad("Your request body must be a JSON object."));
    };
    if let Some(k) = o.keys().find(|k| !UPDATE_FIELDS.contains(&k.as_str())) {
        return Err(Response::json(
            400,
            &json!({
                "message": format!("Your request contains invalid parameter: {k}."),
                "help": crate::http::HELP,
                "errors": {k.clone(): "not allowed"},
            }),
        ));
    }
    if o.contains_key("publish") && o.len() > 1 {
        return Err(bad("publish cannot be combined with other parameters in one request."));
    }
    // Validate everything before touching the record.
    let tags = match o.get("tags") {
        None => None,
        Some(Value::Null) => Some(None),
        Some(Value::Array(a)) if a.iter().all(Value::is_string) => Some(Some(
            a.iter().filter_map(Value::as_str).map(String::from).collect::<Vec<_>>(),
        )),
        Some(_) => return Err(field_error("tags", "must be an array of strings or null")),
    };
    let coords = match o.get("customCoordinates") {
        None => None,
        Some(Value::Null) => Some(None),
        Some(Value::String(s)) if super::validators::valid_coordinates(s) => Some(Some(s.clone())),
        Some(_) => return Err(field_error("customCoordinates", "must be \"x,y,width,height\" or null")),
    };
    let cm = match o.get("customMetadata") {
        None => None,
        Some(Value::Object(m)) => Some(m.clone()),
        Some(_) => return Err(field_error("customMetadata", "must be an object")),
    };
    if let Some(e) = o.get("extensions") {
        if !super::validators::valid_extensions(e) {
            return Err(field_error("extensions", "must be an array of extension objects"));
        }
    }
    if let Some(w) = o.get("webhookUrl") {
        if !w.as_str().is_some_and(super::validators::valid_http_url) {
            return Err(field_error("webhookUrl", "must be an http(s) URL"));
        }
    }
    let remove_ai = match o.get("removeAITags") {
        None => None,
        Some(Value::String(s)) if s == "all" => Some(None),
        Some(Value::Array(a)) if a.iter().all(Value::is_string) => Some(Some(
            a.iter().filter_map(Value::as_str).map(String::from).collect::<Vec<_>>(),
        )),
        Some(_) => return Err(field_error("removeAITags", "must be \"all\" or an array of strings")),
    };
    let description = match o.get("description") {
        None => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(_) => return Err(field_error("description", "must be a string")),
    };
    let publish = match o.get("publish") {
        None => None,
        Some(Value::Object(p)) => match p.get("isPublished") {
            Some(Value::Bool(b)) if p.keys().all(|k| k == "isPublished" || k == "includeFileVersions") => Some(*b),
            _ => return Err(field_error("publish", "needs a boolean isPublished")),
        },
        Some(_) => return Err(field_error("publish", "must be an object")),
    };

    let endpoint = ctx.endpoint().to_string();
    let mut st = lock(&ctx.shared.state);
    let now = st.tick();
    let rec = st.files.get_mut(ctx.param("fileId")).ok_or_else(not_found)?;
    if let Some(t) = tags {
        rec.tags = t;
    }
    if let Some(c) = coords {
        rec.custom_coordinates = c;
    }
    if let Some(m) = cm {
        for (k, v) in m {
            if v.is_null() {
                rec.custom_metadata.remove(&k);
            } else {
                rec.custom_metadata.insert(k, v);
            }
        }
    }
    match remove_ai {
        None => {}
        Some(None) => rec.ai_tags = None,
        Some(Some(names)) => {
            if let Some(t) = &mut rec.ai_tags {
                t.retain(|x| !names.iter().any(|n| x["name"] == *n));
            }
        }
    }
    if let Some(d) = description {
        rec.description = Some(d);
    }
    if let Some(p) = publish {
        rec.is_published = p;
    }
    let ext_status = o.get("extensions").map(|e| apply_extensions(rec, e));
    if rec.ai_tags.as_ref().is_some_and(Vec::is_empty) {
        rec.ai_tags = None;
    }
    rec.updated_ms = now;
    let mut out = rec.details(&endpoint);
    if let (Some(s), Some(obj)) = (ext_status, out.as_object_mut()) {
        obj.insert("extensionStatus".into(), Value::Object(s));
    }
    Ok(Response::json(200, &out))
}
