//! Origins (`/v1/accounts/origins`): the fields each type requires (reference `OriginRequest`);
//! answers leave out the secrets (`OriginResponse`). PUT replaces the settings; an origin that a
//! URL endpoint uses cannot be deleted.

use super::crud::{check_len, Build, Resource};
use super::ctx::bad;
use super::validators::valid_http_url;
use crate::http::Response;
use crate::store::{Collection, State};
use serde_json::{Map, Value};

/// Each type and the fields it requires besides `name` and `type`.
const TYPES: [(&str, &[&str]); 8] = [
    ("S3", &["bucket", "accessKey", "secretKey"]),
    ("S3_COMPATIBLE", &["bucket", "accessKey", "secretKey", "endpoint"]),
    ("CLOUDINARY_BACKUP", &["bucket", "accessKey", "secretKey"]),
    ("WEB_FOLDER", &["baseUrl"]),
    ("WEB_PROXY", &[]),
    ("GCS", &["bucket", "clientEmail", "privateKey"]),
    ("AZURE_BLOB", &["container", "accountName", "sasToken"]),
    (
        "AKENEO_PIM",
        &["baseUrl", "clientId", "clientSecret", "username", "password"],
    ),
];

/// Stored, never answered.
const SECRETS: [&str; 8] = [
    "accessKey",
    "secretKey",
    "privateKey",
    "sasToken",
    "clientId",
    "clientSecret",
    "username",
    "password",
];
/// Types whose answer has `prefix` (default "").
const PREFIXED: [&str; 5] = ["S3", "S3_COMPATIBLE", "CLOUDINARY_BACKUP", "GCS", "AZURE_BLOB"];

pub(crate) struct Origins;

impl Resource for Origins {
    const NOUN: &'static str = "origin";

    fn items(st: &State) -> &Collection {
        &st.origins
    }

    fn items_mut(st: &mut State) -> &mut Collection {
        &mut st.origins
    }

    fn build(b: &Build<'_>) -> Result<Map<String, Value>, Response> {
        check_len(b, "name", 100, true)?;
        let ty = b.body.get("type").and_then(Value::as_str).unwrap_or("");
        let Some((_, required)) = TYPES.iter().find(|(t, _)| *t == ty) else {
            let names: Vec<&str> = TYPES.iter().map(|t| t.0).collect();
            return Err(bad(format!("type must be one of {}.", names.join(", "))));
        };
        let iam = b.body.get("useIAMRole").and_then(Value::as_bool).unwrap_or(false);
        for k in *required {
            let keys_may_be_empty = iam && (*k == "accessKey" || *k == "secretKey");
            match b.body.get(*k).and_then(Value::as_str) {
                None => return Err(bad(format!("Your request is missing {k} parameter for a {ty} origin."))),
                Some("") if !keys_may_be_empty => {
                    return Err(bad(format!("Your request is missing {k} parameter for a {ty} origin.")))
                }
                _ => {}
            }
        }
        for k in ["baseUrl", "endpoint", "baseUrlForCanonicalHeader"] {
            if b.body
                .get(k)
                .and_then(Value::as_str)
                .is_some_and(|u| !valid_http_url(u))
            {
                return Err(bad(format!("{k} must be an http or https URL.")));
            }
        }
        let mut r = b.body.clone();
        r.insert("id".into(), b.id.into());
        r.entry("includeCanonicalHeader").or_insert(false.into());
        if PREFIXED.contains(&ty) {
            r.entry("prefix").or_insert("".into());
        }
        match ty {
            "S3" | "CLOUDINARY_BACKUP" => {
                r.entry("useIAMRole").or_insert(false.into());
            }
            "S3_COMPATIBLE" => {
                r.entry("s3ForcePathStyle").or_insert(false.into());
            }
            "WEB_FOLDER" => {
                r.entry("forwardHostHeaderToOrigin").or_insert(false.into());
            }
            _ => {}
        }
        Ok(r)
    }

    fn view(rec: &Map<String, Value>) -> Value {
        let mut v = rec.clone();
        v.retain(|k, _| !SECRETS.contains(&k.as_str()));
        Value::Object(v)
    }

    fn check_delete(st: &State, rec: &Map<String, Value>) -> Result<(), Response> {
        let id = rec.get("id").cloned().unwrap_or(Value::Null);
        let used = st.url_endpoints.iter().any(|e| {
            e.get("origins")
                .and_then(Value::as_array)
                .is_some_and(|o| o.contains(&id))
        });
        if used {
            return Err(bad(
                "The origin is used by a URL endpoint; remove it from the URL endpoint first.",
            ));
        }
        Ok(())
    }
}
