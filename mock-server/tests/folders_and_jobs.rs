//! Folders: create and delete, and copy / move / rename as bulk jobs whose status completes.

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

fn paths(s: &MockServer) -> Vec<String> {
    let mut v: Vec<String> = s
        .files()
        .iter()
        .map(|f| f["filePath"].as_str().unwrap().to_string())
        .collect();
    v.sort();
    v
}

fn folders(s: &MockServer) -> Vec<String> {
    let list = get(s.addr(), "/v1/files?type=folder").json();
    let mut v: Vec<String> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["folderPath"].as_str().unwrap().to_string())
        .collect();
    v.sort();
    v
}

/// Polls a job twice: Pending, then Completed.
fn finish(s: &MockServer, job: &Value, kind: &str) -> Value {
    let id = job["jobId"].as_str().expect("jobId");
    let first = get(s.addr(), &format!("/v1/bulkJobs/{id}")).json();
    assert_eq!(
        (&first["jobId"], &first["type"], &first["status"]),
        (&json!(id), &json!(kind), &json!("Pending"))
    );
    let second = get(s.addr(), &format!("/v1/bulkJobs/{id}")).json();
    assert_eq!(second["status"], "Completed");
    second
}

fn seed(s: &MockServer) {
    for (folder, name) in [("/src", "a.jpg"), ("/src/sub", "b.jpg"), ("/other", "c.jpg")] {
        upload_file(
            s.addr(),
            name,
            name.as_bytes(),
            &[("folder", folder), ("useUniqueFileName", "false")],
        );
    }
}

#[test]
fn folders_are_created_and_deleted_with_their_content() {
    let s = plain();
    let a = s.addr();
    let r = send_json(
        a,
        "POST",
        "/v1/folder",
        &json!({"folderName": "new folder", "parentFolderPath": "/p/q/"}),
    );
    assert_eq!((r.status, r.json()), (201, json!({})));
    assert_eq!(folders(&s), ["/p", "/p/q", "/p/q/new_folder"]);
    seed(&s);
    let r = send_json(a, "DELETE", "/v1/folder", &json!({"folderPath": "/src/"}));
    assert_eq!(r.status, 204, "{}", r.text());
    assert_eq!(paths(&s), ["/other/c.jpg"]);
    assert!(!folders(&s).iter().any(|f| f.starts_with("/src")));
    let r = send_json(a, "DELETE", "/v1/folder", &json!({"folderPath": "/src"}));
    assert_eq!(r.status, 404);
    assert_eq!(r.json()["reason"], "FOLDER_NOT_FOUND");
}

#[test]
fn copy_and_move_folder_jobs() {
    let s = plain();
    let a = s.addr();
    seed(&s);
    let ids_before: Vec<Value> = s.files().iter().map(|f| f["fileId"].clone()).collect();
    let r = send_json(
        a,
        "POST",
        "/v1/bulkJobs/copyFolder",
        &json!({"sourceFolderPath": "/src", "destinationPath": "/dst"}),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    finish(&s, &r.json(), "COPY_FOLDER");
    assert_eq!(
        paths(&s),
        [
            "/dst/src/a.jpg",
            "/dst/src/sub/b.jpg",
            "/other/c.jpg",
            "/src/a.jpg",
            "/src/sub/b.jpg"
        ]
    );
    assert!(folders(&s).contains(&"/dst/src/sub".to_string()));

    let r = send_json(
        a,
        "POST",
        "/v1/bulkJobs/moveFolder",
        &json!({"sourceFolderPath": "/src/", "destinationPath": "/other"}),
    );
    assert_eq!(r.status, 200);
    finish(&s, &r.json(), "MOVE_FOLDER");
    assert_eq!(
        paths(&s),
        [
            "/dst/src/a.jpg",
            "/dst/src/sub/b.jpg",
            "/other/c.jpg",
            "/other/src/a.jpg",
            "/other/src/sub/b.jpg"
        ]
    );
    assert!(!folders(&s).contains(&"/src".to_string()));
    // Moved files keep their ids.
    let moved = s
        .files()
        .into_iter()
        .find(|f| f["filePath"] == "/other/src/a.jpg")
        .unwrap();
    assert!(ids_before.contains(&moved["fileId"]));

    let r = send_json(
        a,
        "POST",
        "/v1/bulkJobs/moveFolder",
        &json!({"sourceFolderPath": "/nope", "destinationPath": "/"}),
    );
    assert_eq!(r.status, 404);
    let r = send_json(
        a,
        "POST",
        "/v1/bulkJobs/copyFolder",
        &json!({"sourceFolderPath": "/dst", "destinationPath": "/dst/src"}),
    );
    assert_eq!(r.status, 400, "into itself");
    assert_eq!(get(a, "/v1/bulkJobs/unknown").status, 404);
}

#[test]
fn rename_folder_job_with_purge() {
    let s = plain();
    let a = s.addr();
    seed(&s);
    let r = send_json(
        a,
        "POST",
        "/v1/bulkJobs/renameFolder",
        &json!({"folderPath": "/src", "newFolderName": "renamed"}),
    );
    assert_eq!(r.status, 202, "{}", r.text());
    let done = finish(&s, &r.json(), "RENAME_FOLDER");
    assert!(done.get("purgeRequestId").is_none());
    assert_eq!(paths(&s), ["/other/c.jpg", "/renamed/a.jpg", "/renamed/sub/b.jpg"]);
    let body = json!({"folderPath": "/renamed/", "newFolderName": "again", "purgeCache": true});
    let r = send_json(a, "POST", "/v1/bulkJobs/renameFolder", &body);
    let done = finish(&s, &r.json(), "RENAME_FOLDER");
    let rid = done["purgeRequestId"].as_str().unwrap();
    assert_eq!(get(a, &format!("/v1/files/purge/{rid}")).status, 200);
    let r = send_json(
        a,
        "POST",
        "/v1/bulkJobs/renameFolder",
        &json!({"folderPath": "/again", "newFolderName": "other"}),
    );
    assert_eq!(r.status, 409);
}
