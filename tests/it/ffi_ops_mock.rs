//! Every row of the operation table through its generated C function against the local
//! ImageKit-compatible server, as a stateful story per resource (upload → versions → copy/move/
//! rename → bulk tags → folders and their bulk jobs → custom metadata fields → saved extensions →
//! named transformations → account resources → cache), checking that each answer has the API's
//! shape and that the state moved. The test also fails if any row of the table was not called.

use crate::support::{mock_client, op_calls, Mock, C};
use imagekit::client::ik_string_free;
use imagekit::status::ik_status;
use imagekit::upload::ik_files_upload_bytes;
use imagekit_core::api::ops::OPS;
use serde_json::{json, Value};
use std::cell::RefCell;
use std::collections::BTreeSet;
use std::ffi::{c_char, CStr, CString};
use std::ptr;

struct Api {
    client: C,
    called: RefCell<BTreeSet<&'static str>>,
}

impl Api {
    fn new(server: &Mock) -> Api {
        let o = server.server().options();
        Api {
            client: mock_client(&o.private_key, &o.public_key, &server.server().base_url()),
            called: RefCell::new(BTreeSet::new()),
        }
    }

    /// Calls the row named `py` through its C function; returns the status and the out document.
    fn call(&self, py: &str, ids: &[&str], params: Option<Value>) -> (ik_status, Value) {
        let index = OPS
            .iter()
            .position(|op| op.py == py)
            .unwrap_or_else(|| panic!("no row {py}"));
        self.called.borrow_mut().insert(OPS[index].py);
        let ids: Vec<CString> = ids.iter().map(|s| CString::new(*s).unwrap()).collect();
        let id_ptrs: Vec<*const c_char> = ids.iter().map(|s| s.as_ptr()).collect();
        let params = params.map(|p| CString::new(p.to_string()).unwrap());
        let mut out = ptr::null_mut();
        let st = unsafe {
            op_calls::call(
                index,
                self.client.0,
                &id_ptrs,
                params.as_ref().map_or(ptr::null(), |p| p.as_ptr()),
                &mut out,
            )
        };
        let text = unsafe { CStr::from_ptr(out) }.to_string_lossy().into_owned();
        unsafe { ik_string_free(out) };
        (
            st,
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{py}: not JSON ({e}): {text}")),
        )
    }

    /// Like `call`, asserting success.
    fn ok(&self, py: &str, ids: &[&str], params: Option<Value>) -> Value {
        let (st, doc) = self.call(py, ids, params);
        assert_eq!(st, ik_status::Ok, "{py}: {doc}");
        doc
    }

    fn upload(&self, name: &str, folder: &str, body: &[u8], extra: Value) -> Value {
        let mut opts = json!({"fileName": name, "folder": folder, "useUniqueFileName": false});
        for (k, v) in extra.as_object().unwrap() {
            opts[k] = v.clone();
        }
        let opts = CString::new(opts.to_string()).unwrap();
        let mut out = ptr::null_mut();
        let st = unsafe {
            ik_files_upload_bytes(
                self.client.0,
                body.as_ptr(),
                body.len(),
                opts.as_ptr(),
                None,
                ptr::null_mut(),
                &mut out,
            )
        };
        let text = unsafe { CStr::from_ptr(out) }.to_string_lossy().into_owned();
        unsafe { ik_string_free(out) };
        assert_eq!(st, ik_status::Ok, "upload {name}: {text}");
        serde_json::from_str(&text).unwrap()
    }
}

fn s(v: &Value) -> &str {
    v.as_str().unwrap_or_else(|| panic!("not a string: {v}"))
}

#[test]
fn every_operation_against_the_stateful_server() {
    let server = Mock::start();
    let api = Api::new(&server);

    // Files: upload, details, update, metadata, list.
    let up = api.upload("cat.jpg", "/walk", b"first version", json!({}));
    let file_id = s(&up["fileId"]).to_string();
    assert_eq!(s(&api.ok("files.get", &[&file_id], None)["fileId"]), file_id);
    let updated = api.ok(
        "files.update",
        &[&file_id],
        Some(json!({"tags": ["sale"], "custom_coordinates": "1,1,2,2"})),
    );
    assert_eq!(updated["tags"], json!(["sale"]));
    assert!(api.ok("files.metadata.get", &[&file_id], None).is_object());
    // null clears, as the API documents for tags and customCoordinates.
    let cleared = api.ok("files.update", &[&file_id], Some(json!({"tags": null})));
    assert!(cleared["tags"].is_null(), "{cleared}");
    api.ok("files.update", &[&file_id], Some(json!({"tags": ["sale"]})));
    let listed = api.ok("assets.list", &[], Some(json!({"path": "/walk", "tags": ["sale"]})));
    assert_eq!(listed.as_array().unwrap().len(), 1, "{listed}");
    let url = s(&up["url"]).to_string();
    assert!(api
        .ok("files.metadata.get_from_url", &[], Some(json!({"url": url})))
        .is_object());

    // Versions: an overwrite makes a second version; get, restore, delete the old one.
    api.upload("cat.jpg", "/walk", b"second version!", json!({"overwriteFile": true}));
    let versions = api.ok("files.versions.list", &[&file_id], None);
    let versions = versions.as_array().unwrap();
    assert_eq!(versions.len(), 2, "{versions:?}");
    let old = versions
        .iter()
        .find(|v| v["type"] == "file-version")
        .expect("an older version");
    let old_id = s(&old["versionInfo"]["id"]).to_string();
    assert_eq!(
        s(&api.ok("files.versions.get", &[&file_id, &old_id], None)["versionInfo"]["id"]),
        old_id
    );
    let restored = api.ok("files.versions.restore", &[&file_id, &old_id], None);
    assert_eq!(restored["size"], b"first version".len());
    let versions = api.ok("files.versions.list", &[&file_id], None);
    let older: Vec<String> = versions
        .as_array()
        .unwrap()
        .iter()
        .filter(|v| v["type"] == "file-version")
        .map(|v| s(&v["versionInfo"]["id"]).to_string())
        .collect();
    assert_eq!(older.len(), 1);
    assert_eq!(api.ok("files.versions.delete", &[&file_id, &older[0]], None), json!({}));
    assert_eq!(
        api.ok("files.versions.list", &[&file_id], None)
            .as_array()
            .unwrap()
            .len(),
        1
    );

    // Copy, move, rename.
    assert_eq!(
        api.ok(
            "files.copy",
            &[],
            Some(json!({"sourceFilePath": "/walk/cat.jpg", "destinationPath": "/copies"}))
        ),
        json!({})
    );
    let copies = api.ok("assets.list", &[], Some(json!({"path": "/copies"})));
    assert_eq!(copies.as_array().unwrap().len(), 1);
    api.ok(
        "files.move",
        &[],
        Some(json!({"source_file_path": "/copies/cat.jpg", "destination_path": "/moved"})),
    );
    assert_eq!(api.ok("assets.list", &[], Some(json!({"path": "/copies"}))), json!([]));
    let renamed = api.ok(
        "files.rename",
        &[],
        Some(json!({"filePath": "/moved/cat.jpg", "newFileName": "dog.jpg", "purgeCache": true})),
    );
    assert!(renamed["purgeRequestId"].is_string(), "{renamed}");
    let moved = api.ok("assets.list", &[], Some(json!({"path": "/moved"})));
    assert_eq!(s(&moved[0]["name"]), "dog.jpg");
    let moved_id = s(&moved[0]["fileId"]).to_string();

    // Bulk tags, AI tags, bulk delete (one id missing: a partial success).
    let tagged = api.ok(
        "files.bulk.add_tags",
        &[],
        Some(json!({"fileIds": [file_id, moved_id], "tags": ["bulk"]})),
    );
    assert_eq!(
        tagged["successfullyUpdatedFileIds"].as_array().unwrap().len(),
        2,
        "{tagged}"
    );
    assert!(api.ok("files.get", &[&file_id], None)["tags"]
        .as_array()
        .unwrap()
        .contains(&json!("bulk")));
    api.ok(
        "files.bulk.remove_tags",
        &[],
        Some(json!({"fileIds": [file_id], "tags": ["bulk"]})),
    );
    assert!(!api.ok("files.get", &[&file_id], None)["tags"]
        .to_string()
        .contains("bulk"));
    api.ok(
        "files.bulk.remove_ai_tags",
        &[],
        Some(json!({"fileIds": [file_id], "AITags": ["car"]})),
    );
    // Some ids missing: the API answers 207, a status of its own carrying the answer.
    let (st, doc) = api.call(
        "files.bulk.delete",
        &[],
        Some(json!({"fileIds": [moved_id, "no-such-file"]})),
    );
    assert_eq!(st, ik_status::PartialSuccess, "{doc}");
    let deleted = &doc["body"];
    assert_eq!(deleted["successfullyDeletedFileIds"], json!([moved_id]), "{deleted}");
    assert_eq!(deleted["errors"][0]["fileId"], "no-such-file", "{deleted}");
    let (st, _) = api.call("files.get", &[&moved_id], None);
    assert_eq!(st, ik_status::NotFound);

    // Folders and bulk jobs that complete.
    api.ok(
        "folders.create",
        &[],
        Some(json!({"folderName": "jobs", "parentFolderPath": "/"})),
    );
    api.upload("in-folder.txt", "/jobs", b"x", json!({}));
    let job = api.ok(
        "folders.copy",
        &[],
        Some(json!({"sourceFolderPath": "/jobs", "destinationPath": "/jobs-copy"})),
    );
    let job_id = s(&job["jobId"]).to_string();
    let mut status = Value::Null;
    for _ in 0..5 {
        status = api.ok("folders.job.get", &[&job_id], None);
        if status["status"] == "Completed" {
            break;
        }
    }
    assert_eq!(status["status"], "Completed", "{status}");
    assert_eq!(
        api.ok("assets.list", &[], Some(json!({"path": "/jobs-copy/jobs"})))
            .as_array()
            .map(Vec::len),
        Some(1)
    );
    let job = api.ok(
        "folders.move",
        &[],
        Some(json!({"sourceFolderPath": "/jobs-copy", "destinationPath": "/archive"})),
    );
    assert!(job["jobId"].is_string());
    let job = api.ok(
        "folders.rename",
        &[],
        Some(json!({"folderPath": "/jobs", "newFolderName": "jobs2"})),
    );
    assert!(job["jobId"].is_string());
    for _ in 0..5 {
        api.ok("folders.job.get", &[s(&job["jobId"])], None);
    }
    assert_eq!(
        api.ok("folders.delete", &[], Some(json!({"folderPath": "/archive"}))),
        json!({})
    );

    // Custom metadata fields.
    let field = api.ok(
        "custom_metadata_fields.create",
        &[],
        Some(json!({"name": "price", "label": "Price", "schema": {"type": "Number", "minValue": 0}})),
    );
    let field_id = s(&field["id"]).to_string();
    let fields = api.ok("custom_metadata_fields.list", &[], None);
    assert!(fields.to_string().contains(&field_id));
    let changed = api.ok(
        "custom_metadata_fields.update",
        &[&field_id],
        Some(json!({"label": "Price (EUR)"})),
    );
    assert_eq!(changed["label"], "Price (EUR)");
    api.ok("custom_metadata_fields.delete", &[&field_id], None);
    assert!(!api
        .ok("custom_metadata_fields.list", &[], None)
        .to_string()
        .contains(&field_id));
    let with_deleted = api.ok(
        "custom_metadata_fields.list",
        &[],
        Some(json!({"includeDeleted": true})),
    );
    assert!(with_deleted.to_string().contains(&field_id), "{with_deleted}");

    // The collection resources: create, list, get, update, delete, then get is 404.
    let collections: &[(&str, Value, Value)] = &[
        (
            "saved_extensions",
            json!({"name": "tagger", "description": "tags", "config": {"name": "google-auto-tagging", "minConfidence": 80, "maxTags": 5}}),
            json!({"description": "more tags"}),
        ),
        (
            "named_transformations",
            json!({"name": "thumb", "transformation": "w-200,h-200"}),
            json!({"transformation": "w-300"}),
        ),
        (
            "accounts.origins",
            json!({"name": "My S3", "type": "S3", "bucket": "b", "accessKey": "k", "secretKey": "s"}),
            json!({"name": "My S3", "type": "S3", "bucket": "b2", "accessKey": "k", "secretKey": "s"}),
        ),
        (
            "accounts.url_endpoints",
            json!({"description": "products", "urlPrefix": "products"}),
            json!({"description": "p2", "urlPrefix": "products"}),
        ),
        (
            "accounts.webhooks",
            json!({"endpoint": "https://example.com/hook", "events": ["file.created"]}),
            json!({"enabled": false}),
        ),
    ];
    for (resource, create, update) in collections {
        let made = api.ok(&format!("{resource}.create"), &[], Some(create.clone()));
        let id = s(&made["id"]).to_string();
        assert!(
            api.ok(&format!("{resource}.list"), &[], None).to_string().contains(&id),
            "{resource}"
        );
        assert_eq!(s(&api.ok(&format!("{resource}.get"), &[&id], None)["id"]), id);
        let after = api.ok(&format!("{resource}.update"), &[&id], Some(update.clone()));
        // Origins never echo their credentials.
        for (k, v) in update.as_object().unwrap().iter().filter(|(k, _)| !k.ends_with("Key")) {
            assert_eq!(&after[k], v, "{resource}.update: {after}");
        }
        if *resource == "accounts.webhooks" {
            assert!(s(&made["secret"]).starts_with("whsec_"), "{made}");
        }
        api.ok(&format!("{resource}.delete"), &[&id], None);
        let (st, doc) = api.call(&format!("{resource}.get"), &[&id], None);
        assert_eq!(st, ik_status::NotFound, "{resource}: {doc}");
    }
    let (st, _) = api.call("accounts.url_endpoints.delete", &["default"], None);
    assert_ne!(st, ik_status::Ok, "the default URL endpoint cannot be deleted");

    // Usage, cache.
    let usage = api.ok(
        "accounts.usage.get",
        &[],
        Some(json!({"startDate": "2026-11-01", "endDate": "2026-11-30"})),
    );
    assert!(usage["bandwidthBytes"].is_number(), "{usage}");
    let analytics = api.ok(
        "accounts.usage_analytics.get",
        &[],
        Some(json!({"start_date": "2026-11-01", "end_date": "2026-11-30"})),
    );
    assert!(analytics.is_object(), "{analytics}");
    let purge = api.ok("cache.invalidation.create", &[], Some(json!({"url": url})));
    let status = api.ok("cache.invalidation.get", &[s(&purge["requestId"])], None);
    assert!(
        status["status"] == "Pending" || status["status"] == "Completed",
        "{status}"
    );

    // Delete the file; then it is gone.
    assert_eq!(api.ok("files.delete", &[&file_id], None), json!({}));
    assert_eq!(api.call("files.get", &[&file_id], None).0, ik_status::NotFound);

    let called = api.called.borrow();
    let missing: Vec<&str> = OPS.iter().map(|op| op.py).filter(|py| !called.contains(py)).collect();
    assert!(missing.is_empty(), "rows never called against the server: {missing:?}");
}
