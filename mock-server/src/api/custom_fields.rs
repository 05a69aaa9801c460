//! Custom metadata fields: create, list (`includeDeleted`, `folderPath`), update, delete. A
//! deleted field is only marked deleted: `includeDeleted=true` still lists it and its name can
//! never be used again.

use super::ctx::{bad, str_field, Ctx, HandlerResult};
use crate::http::Response;
use crate::shared::lock;
use crate::store::FieldRecord;
use serde_json::{json, Map, Value};

const TYPES: [&str; 7] = [
    "Text",
    "Textarea",
    "Number",
    "Date",
    "Boolean",
    "SingleSelect",
    "MultiSelect",
];
const SCHEMA_KEYS: [&str; 8] = [
    "type",
    "selectOptions",
    "defaultValue",
    "isValueRequired",
    "minValue",
    "maxValue",
    "minLength",
    "maxLength",
];

fn view(f: &FieldRecord) -> Value {
    json!({"id": f.id, "name": f.name, "label": f.label, "schema": Value::Object(f.schema.clone())})
}

fn not_found() -> Response {
    Response::error(404, "No such custom metadata field exists.")
}

/// Checks a schema object; `type` is required on create (`ty` = None) and kept on update.
fn check_schema(schema: &Map<String, Value>, ty: Option<&str>) -> Result<Map<String, Value>, Response> {
    if let Some(k) = schema.keys().find(|k| !SCHEMA_KEYS.contains(&k.as_str())) {
        return Err(bad(format!("Your request contains invalid schema parameter: {k}.")));
    }
    let mut out = schema.clone();
    let t = match ty {
        Some(t) => {
            out.insert("type".into(), t.into()); // type cannot be updated
            t.to_string()
        }
        None => match str_field(schema, "type") {
            Some(t) if TYPES.contains(&t) => t.to_string(),
            _ => return Err(bad(format!("schema.type must be one of {}.", TYPES.join(", ")))),
        },
    };
    let select = t == "SingleSelect" || t == "MultiSelect";
    if select
        && out
            .get("selectOptions")
            .and_then(Value::as_array)
            .is_none_or(|a| a.is_empty())
    {
        return Err(bad(
            "schema.selectOptions is required for SingleSelect and MultiSelect fields.",
        ));
    }
    if out.get("isValueRequired") == Some(&Value::Bool(true)) && !out.contains_key("defaultValue") {
        return Err(bad("schema.defaultValue is required when isValueRequired is true."));
    }
    Ok(out)
}

/// `POST /v1/customMetadataFields` `{name, label, schema}`: 201 `CustomMetadataField`.
pub(crate) fn create(ctx: &mut Ctx<'_, '_>) -> HandlerResult {
    let o = ctx.obj();
    let name = str_field(&o, "name").unwrap_or("").to_string();
    let label = str_field(&o, "label").unwrap_or("").to_string();
    let schema = check_schema(o.get("schema").and_then(Value::as_object).expect("validated"), None)?;
    let mut st = lock(&ctx.shared.state);
    if st.custom_fields.iter().any(|f| f.name == name) {
        return Err(bad(format!(
            "A custom metadata field with name {name} already exists (names of deleted fields stay taken)."
        )));
    }
    if st.custom_fields.iter().any(|f| !f.deleted && f.label == label) {
        return Err(bad(format!(
            "A custom metadata field with label {label} already exists."
        )));
    }
    let f = FieldRecord {
        id: crate::util::object_id(),
        name,
        label,
        schema,
        deleted: false,
    };
    let out = view(&f);
    st.custom_fields.push(f);
    Ok(Response::json(201, &out))
}

/// `GET /v1/customMetadataFields?includeDeleted=&folderPath=`: the fields in creation order.
/// Path policies are not modelled: `folderPath` is accepted and every field applies.
pub(crate) fn list(ctx: &mut Ctx<'_, '_>) -> HandlerResult {
    let include_deleted = ctx.query("includeDeleted") == Some("true");
    let st = lock(&ctx.shared.state);
    let out: Vec<Value> = st
        .custom_fields
        .iter()
        .filter(|f| include_deleted || !f.deleted)
        .map(view)
        .collect();
    Ok(Response::json(200, &Value::Array(out)))
}

/// `PATCH /v1/customMetadataFields/{id}` `{label, schema}` (at least one): 200.
pub(crate) fn update(ctx: &mut Ctx<'_, '_>) -> HandlerResult {
    let o = ctx.obj();
    let id = ctx.param("id").to_string();
    let mut st = lock(&ctx.shared.state);
    let i = st
        .custom_fields
        .iter()
        .position(|f| f.id == id && !f.deleted)
        .ok_or_else(not_found)?;
    if o.get("label").is_none_or(Value::is_null) && o.get("schema").is_none_or(Value::is_null) {
        return Err(bad("Your request must contain label or schema."));
    }
    if let Some(label) = str_field(&o, "label") {
        if st
            .custom_fields
            .iter()
            .any(|f| !f.deleted && f.id != id && f.label == label)
        {
            return Err(bad(format!(
                "A custom metadata field with label {label} already exists."
            )));
        }
    }
    let f = &st.custom_fields[i];
    let schema = match o.get("schema").and_then(Value::as_object) {
        Some(s) => {
            let mut merged = f.schema.clone();
            merged.extend(s.clone());
            check_schema(&merged, str_field(&f.schema, "type"))?
        }
        None => f.schema.clone(),
    };
    let f = &mut st.custom_fields[i];
    if let Some(label) = str_field(&o, "label") {
        f.label = label.to_string();
    }
    f.schema = schema;
    Ok(Response::json(200, &view(f)))
}

/// `DELETE /v1/customMetadataFields/{id}`: 204; the field is marked deleted.
pub(crate) fn delete(ctx: &mut Ctx<'_, '_>) -> HandlerResult {
    let id = ctx.param("id").to_string();
    let mut st = lock(&ctx.shared.state);
    let f = st
        .custom_fields
        .iter_mut()
        .find(|f| f.id == id && !f.deleted)
        .ok_or_else(not_found)?;
    f.deleted = true;
    Ok(Response::new(204))
}
