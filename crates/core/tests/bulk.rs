//! The bulk layer against the local server: concurrent batches, a result per item, no duplicate
//! after a lost answer, replacements that make exactly one version, cancellation, the journal.

use ik_mock_server::{Fault, MockServer};
use imagekit_core::bulk::batch::{self, Item, Mode, Outcome, Source};
use imagekit_core::bulk::journal::{Destination, Journal};
use imagekit_core::bulk::plan::{self, LocalFile};
use imagekit_core::{Client, Config};
use serde_json::{json, Map, Value};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};

fn client(server: &MockServer) -> Client {
    let cfg = json!({
        "private_key": server.options().private_key, "public_key": server.options().public_key,
        "url_endpoint": "https://ik.imagekit.io/mock", "api_base_url": server.base_url(),
        "upload_base_url": server.base_url(), "retry_initial_delay_ms": 10, "retry_max_delay_ms": 50,
    });
    Client::new(Config::from_json(&cfg.to_string()).unwrap()).unwrap()
}

fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("ik-bulk-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn item(dir: &std::path::Path, i: usize, folder: &str) -> Item {
    let path = dir.join(format!("f{i:03}.bin"));
    if !path.exists() {
        std::fs::write(&path, vec![i as u8; 1000 + i]).unwrap();
    }
    let mut options = Map::new();
    options.insert("fileName".into(), Value::from(format!("f{i:03}.bin")));
    options.insert("folder".into(), Value::from(folder));
    Item {
        key: format!("f{i:03}.bin"),
        source: Source::Path(path),
        options,
        mode: Mode::New,
    }
}

fn files(server: &MockServer) -> Vec<Value> {
    server.files()
}

#[test]
fn a_batch_uploads_every_item_concurrently_with_one_progress_and_a_result_each() {
    let server = MockServer::start();
    let c = client(&server);
    let dir = scratch("batch");
    let items: Vec<Item> = (0..40).map(|i| item(&dir, i, "/b")).collect();
    let calls = AtomicU64::new(0);
    let last_done = AtomicU64::new(0);
    let progress = |p: &batch::Progress<'_>| {
        calls.fetch_add(1, Ordering::Relaxed);
        assert_eq!(p.files_total, 40);
        assert!(p.bytes_sent <= p.bytes_total);
        last_done.fetch_max(p.files_done, Ordering::Relaxed);
        true
    };
    let (results, summary) = batch::upload_all(&c, items, 8, Some(&progress)).unwrap();
    assert_eq!(summary.uploaded, 40, "{summary:?}");
    assert_eq!(results.len(), 40);
    assert!(results.iter().all(|r| matches!(r.outcome, Outcome::Uploaded(_))));
    assert_eq!(last_done.load(Ordering::Relaxed), 40);
    assert!(calls.load(Ordering::Relaxed) >= 40);
    assert_eq!(files(&server).len(), 40);
    // Concurrency over a keep-alive pool: fewer connections than uploads, more than one.
    let conns = server.connections_accepted();
    assert!((2..=16).contains(&conns), "{conns} connections");

    // Again: every one is already there (same name and size), nothing stored twice.
    let items: Vec<Item> = (0..40).map(|i| item(&dir, i, "/b")).collect();
    let (_, summary) = batch::upload_all(&c, items, 8, None).unwrap();
    assert_eq!(summary.already_there, 40, "{summary:?}");
    assert_eq!(files(&server).len(), 40);
}

#[test]
fn a_5xx_storm_fails_some_items_each_with_its_error_and_none_is_reported_stored() {
    let server = MockServer::start();
    let c = client(&server);
    let dir = scratch("storm");
    // Every upload attempt fails 6 times in a row: with 2 retries per upload, two items fail.
    server.push_fault(Fault::status(503).on("POST", "/api/v1/files/upload").times(6));
    let items: Vec<Item> = (0..10).map(|i| item(&dir, i, "/s")).collect();
    let (results, summary) = batch::upload_all(&c, items, 1, None).unwrap();
    assert_eq!(summary.failed, 2, "{summary:?}");
    assert_eq!(summary.uploaded, 8);
    let failed: Vec<_> = results
        .iter()
        .filter(|r| matches!(r.outcome, Outcome::Failed(_)))
        .collect();
    for r in &failed {
        let doc = r.to_json();
        assert_eq!(doc["status"], "failed");
        assert_eq!(doc["error"]["http_status"], 503, "{doc}");
        assert!(doc.get("file").is_none());
    }
    assert_eq!(files(&server).len(), 8);
}

#[test]
fn a_dropped_answer_after_the_server_stored_the_file_stores_no_duplicate() {
    let server = MockServer::start();
    let c = client(&server);
    let dir = scratch("drop");
    server.push_fault(Fault::handle_then_drop().on("POST", "/api/v1/files/upload").times(3));
    let items: Vec<Item> = (0..6).map(|i| item(&dir, i, "/d")).collect();
    let (results, summary) = batch::upload_all(&c, items, 3, None).unwrap();
    assert_eq!(summary.failed, 0, "{results:?}");
    assert_eq!(summary.uploaded + summary.already_there, 6);
    assert_eq!(files(&server).len(), 6);
}

#[test]
fn a_replacement_makes_exactly_one_new_version_even_when_its_answer_is_lost() {
    let server = MockServer::start();
    let c = client(&server);
    let dir = scratch("replace");
    let (results, _) = batch::upload_all(&c, vec![item(&dir, 1, "/r")], 1, None).unwrap();
    let file_id = results[0].outcome.stored().unwrap()["fileId"]
        .as_str()
        .unwrap()
        .to_string();
    std::fs::write(dir.join("f001.bin"), b"changed content").unwrap();
    server.push_fault(Fault::handle_then_drop().on("POST", "/api/v1/files/upload"));
    let mut it = item(&dir, 1, "/r");
    it.mode = Mode::Replace {
        file_id: file_id.clone(),
    };
    let (results, summary) = batch::upload_all(&c, vec![it], 1, None).unwrap();
    assert_eq!(summary.replaced, 1, "{results:?}");
    let versions = c
        .call(
            imagekit_core::api::ops::find("files.versions.list").unwrap(),
            &[&file_id],
            None,
        )
        .unwrap();
    let versions: Vec<Value> = serde_json::from_str(&versions).unwrap();
    assert_eq!(versions.len(), 2, "{versions:?}");
    assert_eq!(files(&server).len(), 1);
    assert_eq!(files(&server)[0]["size"], 15);
}

#[test]
fn cancelling_from_the_progress_callback_stops_the_batch_and_reports_the_rest_cancelled() {
    let server = MockServer::start();
    let c = client(&server);
    let dir = scratch("cancel");
    let items: Vec<Item> = (0..30).map(|i| item(&dir, i, "/c")).collect();
    let progress = |p: &batch::Progress<'_>| p.files_done < 5;
    let (results, summary) = batch::upload_all(&c, items, 2, Some(&progress)).unwrap();
    assert!(summary.was_cancelled);
    assert_eq!(results.len(), 30);
    assert!(summary.cancelled >= 20, "{summary:?}");
    let stored = results.iter().filter(|r| r.outcome.stored().is_some()).count();
    assert_eq!(files(&server).len(), stored, "a cancelled item was stored");
}

#[test]
fn an_item_that_cannot_be_read_fails_alone() {
    let server = MockServer::start();
    let c = client(&server);
    let dir = scratch("unreadable");
    let mut items: Vec<Item> = (0..3).map(|i| item(&dir, i, "/u")).collect();
    items[1].source = Source::Path(dir.join("missing.bin"));
    let (results, summary) = batch::upload_all(&c, items, 2, None).unwrap();
    assert_eq!((summary.uploaded, summary.failed), (2, 1));
    let bad = results.iter().find(|r| r.key == "f001.bin").unwrap();
    assert!(matches!(&bad.outcome, Outcome::Failed(e) if e.message.contains("missing.bin")));
}

#[test]
fn the_plan_lists_the_remote_folder_and_checks_it_exists() {
    let server = MockServer::start();
    let c = client(&server);
    let dir = scratch("plan");
    let items: Vec<Item> = (0..3).map(|i| item(&dir, i, "/p/sub")).collect();
    batch::upload_all(&c, items, 2, None).unwrap();
    assert!(plan::folder_exists(&c, "/p").unwrap());
    assert!(plan::folder_exists(&c, "/p/sub/").unwrap());
    assert!(!plan::folder_exists(&c, "/nope").unwrap());
    let listing = plan::list_remote(&c, "/p", None).unwrap();
    assert_eq!(listing.len(), 3);
    assert!(listing.contains_key("sub/f000.bin"));
    let local = |i: usize| {
        let path = dir.join(format!("f{i:03}.bin"));
        let size = std::fs::metadata(&path).unwrap().len();
        LocalFile {
            rel: format!("sub/f{i:03}.bin"),
            path,
            size,
            mtime_ns: 0,
        }
    };
    std::fs::write(dir.join("f009.bin"), b"new").unwrap();
    let p = plan::build(vec![local(0), local(1), local(9)], &Default::default(), Some(listing));
    assert_eq!(p.unchanged.len(), 2);
    assert_eq!(p.upload.len(), 1);
    assert_eq!(p.remote_only.len(), 1);
    assert_eq!(p.remote_only[0].file_path, "/p/sub/f002.bin");
}

#[test]
fn the_journal_records_what_the_batch_confirmed() {
    let server = MockServer::start();
    let c = client(&server);
    let dir = scratch("journal");
    let dest = Destination::new("/j", &server.base_url());
    let path = dir.join("journal.jsonl");
    let (journal, index) = Journal::open(&path, &dest).unwrap();
    assert!(index.is_empty());
    let items: Vec<Item> = (0..5).map(|i| item(&dir, i, "/j")).collect();
    let mut sink = |r: batch::ItemResult| {
        let f = r.outcome.stored().unwrap();
        journal
            .append(&imagekit_core::bulk::journal::Entry {
                path: r.key.clone(),
                size: r.size,
                mtime_ns: 1,
                hash: "sha256:x".into(),
                file_id: f["fileId"].as_str().unwrap().into(),
                version_id: f["versionInfo"]["id"].as_str().map(Into::into),
                file_path: f["filePath"].as_str().unwrap().into(),
            })
            .unwrap();
    };
    batch::upload(&c, items.into_iter(), &batch::Options::default(), None, &mut sink).unwrap();
    drop(journal);
    let (_, index) = Journal::open(&path, &dest).unwrap();
    assert_eq!(index.len(), 5);
    assert_eq!(index["f003.bin"].file_path, "/j/f003.bin");
}
