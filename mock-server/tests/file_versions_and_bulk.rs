//! File versions, copy / move / rename and the bulk operations, as state changes.

mod support;

use ik_mock_server::{MockServer, Options};
use serde_json::{json, Value};
use support::*;

fn plain() -> MockServer {
    MockServer::start_with(Options {
        tls: false,
        ..Default::default()
    })
}

fn up(s: &MockServer, folder: &str, name: &str, data: &[u8]) -> Value {
    upload_file(
        s.addr(),
        name,
        data,
        &[("folder", folder), ("useUniqueFileName", "false")],
    )
}

fn details(s: &MockServer, id: &str) -> Resp {
    get(s.addr(), &format!("/v1/files/{id}/details"))
}

fn by_path(s: &MockServer, path: &str) -> Option<Value> {
    s.files().into_iter().find(|f| f["filePath"] == path)
}

#[test]
fn overwriting_uploads_make_versions_that_can_be_listed_deleted_and_restored() {
    let s = plain();
    let a = s.addr();
    let v1 = up(&s, "/docs", "a.txt", b"one");
    let v2 = up(&s, "/docs", "a.txt", b"second");
    let v3 = up(&s, "/docs", "a.txt", b"third!!");
    let id = v1["fileId"].as_str().unwrap();
    assert_eq!(v2["fileId"], id);
    assert_eq!(v3["versionInfo"]["name"], "Version 3");
    let list = get(a, &format!("/v1/files/{id}/versions")).json();
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 3);
    let types: Vec<&str> = list.iter().map(|v| v["type"].as_str().unwrap()).collect();
    assert_eq!(types, ["file-version", "file-version", "file"]);
    assert_eq!(list[0]["size"], 3);
    assert_eq!(list[0]["versionInfo"], v1["versionInfo"]);
    assert!(list[0]["url"].as_str().unwrap().ends_with(&format!(
        "?ik-obj-version={}",
        v1["versionInfo"]["id"].as_str().unwrap()
    )));

    // The older versions are also what `type=file-version` lists.
    let older = get(a, "/v1/files?type=file-version").json();
    assert_eq!(older.as_array().unwrap().len(), 2, "{older}");
    assert!(older
        .as_array()
        .unwrap()
        .iter()
        .all(|v| v["type"] == "file-version" && v["fileId"] == id));
    assert_eq!(s.stats()["file_versions"], 2);
    let vid1 = v1["versionInfo"]["id"].as_str().unwrap();
    let vid3 = v3["versionInfo"]["id"].as_str().unwrap();
    let r = get(a, &format!("/v1/files/{id}/versions/{vid1}"));
    assert_eq!((r.status, r.json()["size"].clone()), (200, json!(3)));
    assert_eq!(get(a, &format!("/v1/files/{id}/versions/nope")).status, 404);
    assert_eq!(get(a, "/v1/files/nope/versions").status, 404);

    // The current version cannot be deleted; an old one can.
    let r = call(a, "DELETE", &format!("/v1/files/{id}/versions/{vid3}"), b"");
    assert_eq!(r.status, 400);
    let vid2 = v2["versionInfo"]["id"].as_str().unwrap();
    assert_eq!(
        call(a, "DELETE", &format!("/v1/files/{id}/versions/{vid2}"), b"").status,
        204
    );
    assert_eq!(
        call(a, "DELETE", &format!("/v1/files/{id}/versions/{vid2}"), b"").status,
        404
    );
    assert_eq!(
        get(a, &format!("/v1/files/{id}/versions"))
            .json()
            .as_array()
            .unwrap()
            .len(),
        2
    );

    // Restoring version 1 makes it current; version 3 goes into the history.
    let r = call(a, "PUT", &format!("/v1/files/{id}/versions/{vid1}/restore"), b"");
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["versionInfo"]["id"], vid1);
    assert_eq!(details(&s, id).json()["size"], 3);
    let list = get(a, &format!("/v1/files/{id}/versions")).json();
    let ids: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["versionInfo"]["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, [vid3, vid1]);
    // Deleting the file deletes every version.
    assert_eq!(call(a, "DELETE", &format!("/v1/files/{id}"), b"").status, 204);
    assert_eq!(get(a, &format!("/v1/files/{id}/versions/{vid3}")).status, 404);
}

#[test]
fn copy_move_and_rename_change_paths() {
    let s = plain();
    let a = s.addr();
    let x = up(&s, "/a", "x.jpg", b"xx");
    up(&s, "/a", "x.jpg", b"xxx"); // a second version
    let id = x["fileId"].as_str().unwrap();

    // Copy: a new file, the source stays; only the current version unless asked.
    let r = send_json(
        a,
        "POST",
        "/v1/files/copy",
        &json!({"sourceFilePath": "/a/x.jpg", "destinationPath": "/b"}),
    );
    assert_eq!(r.status, 204, "{}", r.text());
    let copy = by_path(&s, "/b/x.jpg").expect("copied");
    assert_ne!(copy["fileId"], id);
    assert_eq!(copy["size"], 3);
    let cid = copy["fileId"].as_str().unwrap();
    assert_eq!(
        get(a, &format!("/v1/files/{cid}/versions"))
            .json()
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert!(by_path(&s, "/a/x.jpg").is_some());
    // Copying onto a file of the same name appends versions to it.
    let body = json!({"sourceFilePath": "/a/x.jpg", "destinationPath": "/b/", "includeFileVersions": true});
    assert_eq!(send_json(a, "POST", "/v1/files/copy", &body).status, 204);
    assert_eq!(
        get(a, &format!("/v1/files/{cid}/versions"))
            .json()
            .as_array()
            .unwrap()
            .len(),
        3
    );
    let r = send_json(
        a,
        "POST",
        "/v1/files/copy",
        &json!({"sourceFilePath": "/nope.jpg", "destinationPath": "/b"}),
    );
    assert_eq!(r.status, 404);
    assert!(r.json()["reason"].is_string());

    // Move: same id, new path, the old path is gone; a missing folder is created.
    let r = send_json(
        a,
        "POST",
        "/v1/files/move",
        &json!({"sourceFilePath": "/a/x.jpg", "destinationPath": "/c/d"}),
    );
    assert_eq!(r.status, 204);
    assert_eq!(details(&s, id).json()["filePath"], "/c/d/x.jpg");
    assert!(by_path(&s, "/a/x.jpg").is_none());
    let folders = get(a, "/v1/files?type=folder").json();
    assert!(
        folders.as_array().unwrap().iter().any(|f| f["folderPath"] == "/c/d"),
        "{folders}"
    );

    // Rename, with and without purging the old URL.
    let r = send_json(
        a,
        "PUT",
        "/v1/files/rename",
        &json!({"filePath": "/c/d/x.jpg", "newFileName": "y.jpg"}),
    );
    assert_eq!((r.status, r.json()), (200, json!({})));
    assert_eq!(details(&s, id).json()["name"], "y.jpg");
    let versions = get(a, &format!("/v1/files/{id}/versions")).json();
    assert!(versions.as_array().unwrap().iter().all(|v| v["name"] == "y.jpg"));
    let body = json!({"filePath": "/c/d/y.jpg", "newFileName": "z.jpg", "purgeCache": true});
    let r = send_json(a, "PUT", "/v1/files/rename", &body);
    assert_eq!(r.status, 200);
    let rid = r.json()["purgeRequestId"].as_str().unwrap().to_string();
    assert_eq!(get(a, &format!("/v1/files/purge/{rid}")).json()["status"], "Pending");
    assert_eq!(get(a, &format!("/v1/files/purge/{rid}")).json()["status"], "Completed");
    // Name taken → 409; no such file → 404.
    up(&s, "/c/d", "taken.jpg", b"t");
    let r = send_json(
        a,
        "PUT",
        "/v1/files/rename",
        &json!({"filePath": "/c/d/z.jpg", "newFileName": "taken.jpg"}),
    );
    assert_eq!(r.status, 409);
    let r = send_json(
        a,
        "PUT",
        "/v1/files/rename",
        &json!({"filePath": "/c/d/none.jpg", "newFileName": "q.jpg"}),
    );
    assert_eq!(r.status, 404);
}

#[test]
fn bulk_operations_report_what_they_changed() {
    let s = plain();
    let a = s.addr();
    let f1 = upload_file(a, "1.jpg", b"1", &[("tags", "keep")]);
    let f2 = upload_file(
        a,
        "2.jpg",
        b"2",
        &[(
            "extensions",
            r#"[{"name":"google-auto-tagging","minConfidence":80,"maxTags":5}]"#,
        )],
    );
    let (id1, id2) = (f1["fileId"].as_str().unwrap(), f2["fileId"].as_str().unwrap());

    let r = send_json(
        a,
        "POST",
        "/v1/files/addTags",
        &json!({"fileIds": [id1, id2], "tags": ["new", "keep"]}),
    );
    assert_eq!(
        (r.status, r.json()),
        (200, json!({"successfullyUpdatedFileIds": [id1, id2]}))
    );
    assert_eq!(details(&s, id1).json()["tags"], json!(["keep", "new"]));
    assert_eq!(details(&s, id2).json()["tags"], json!(["new", "keep"]));

    // Some ids missing: 207, the others are changed.
    let r = send_json(
        a,
        "POST",
        "/v1/files/removeTags",
        &json!({"fileIds": [id1, "ghost"], "tags": ["keep"]}),
    );
    assert_eq!(r.status, 207);
    assert_eq!(
        r.json(),
        json!({"successfullyUpdatedFileIds": [id1], "errors": [{"fileId": "ghost", "error": "File not found."}]})
    );
    assert_eq!(details(&s, id1).json()["tags"], json!(["new"]));
    // None found: 404 with the missing ids.
    let r = send_json(
        a,
        "POST",
        "/v1/files/removeTags",
        &json!({"fileIds": ["g1", "g2"], "tags": ["x"]}),
    );
    assert_eq!(r.status, 404);
    assert_eq!(r.json()["missingFileIds"], json!(["g1", "g2"]));

    let ai = details(&s, id2).json()["AITags"].clone();
    let first = ai[0]["name"].as_str().unwrap().to_string();
    let n = ai.as_array().unwrap().len();
    let r = send_json(
        a,
        "POST",
        "/v1/files/removeAITags",
        &json!({"fileIds": [id2], "AITags": [first]}),
    );
    assert_eq!(r.status, 200);
    let left = details(&s, id2).json()["AITags"].clone();
    assert_eq!(left.as_array().unwrap().len(), n - 1);
    assert!(left.as_array().unwrap().iter().all(|t| t["name"] != first.as_str()));

    let r = send_json(
        a,
        "POST",
        "/v1/files/batch/deleteByFileIds",
        &json!({"fileIds": [id1, id2, "ghost"]}),
    );
    assert_eq!(r.status, 207);
    assert_eq!(r.json()["successfullyDeletedFileIds"], json!([id1, id2]));
    assert!(s.files().is_empty());
    let many: Vec<String> = (0..101).map(|i| format!("f{i}")).collect();
    let r = send_json(a, "POST", "/v1/files/batch/deleteByFileIds", &json!({"fileIds": many}));
    assert_eq!(r.status, 400, "more than 100 ids");
}
