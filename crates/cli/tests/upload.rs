//! `imagekit upload -r` end to end against the mock server: concurrency, resume after a real
//! kill and after Ctrl-C, replacement of changed files, 5xx storms, lost answers.

mod common;
use common::*;
use ik_mock_server::Fault;
use std::time::{Duration, Instant};

#[test]
fn a_few_hundred_files_upload_concurrently_keeping_their_relative_paths() {
    let server = server();
    let dir = scratch("many");
    let rels = tree(&dir, 300, 2000);
    let mut cmd = imagekit(&server);
    cmd.args(["upload", "-r"])
        .arg(&dir)
        .args(["--folder", "/bulk", "--concurrency", "8", "--json", "--tags", "a,b"]);
    let r = run(cmd);
    assert_eq!(r.code, 0, "{r:?}");
    let uploaded = r.with_status("uploaded");
    assert_eq!(uploaded.len(), 300, "{r:?}");
    let files = server.files();
    assert_eq!(files.len(), 300);
    for rel in &rels {
        let want = format!("/bulk/{rel}");
        assert!(files.iter().any(|f| f["filePath"] == want.as_str()), "{want} missing");
    }
    assert_eq!(files[0]["tags"], serde_json::json!(["a", "b"]));
    assert_eq!(upload_requests(&server), 300);
    // Eight at a time over kept-alive connections.
    let conns = server.connections_accepted();
    assert!((2..=24).contains(&conns), "{conns} connections for 300 uploads");
    assert_no_duplicates(&server);
    assert_eq!(journal_lines(&dir.join(".imagekit-journal.jsonl")), 300);

    // A second run sends nothing.
    server.clear_requests();
    let mut cmd = imagekit(&server);
    cmd.args(["upload", "-r"])
        .arg(&dir)
        .args(["--folder", "/bulk", "--json"]);
    let r = run(cmd);
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(r.with_status("unchanged").len(), 300);
    assert_eq!(upload_requests(&server), 0);
}

/// Waits until the journal records at least `n` uploads.
fn wait_for_journal(path: &std::path::Path, n: usize, child: &mut std::process::Child) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while journal_lines(path) < n {
        assert!(
            child.try_wait().unwrap().is_none(),
            "the upload ended before it could be interrupted"
        );
        assert!(Instant::now() < deadline, "the journal did not grow");
        std::thread::sleep(Duration::from_millis(5));
    }
}

#[test]
fn a_run_killed_part_way_resumes_uploading_only_the_rest_and_stores_nothing_twice() {
    let server = server();
    let dir = scratch("kill");
    tree(&dir, 300, 1000);
    let journal = dir.join(".imagekit-journal.jsonl");
    // Slow uploads, so the kill lands in the middle with uploads in flight.
    server.push_fault(
        Fault::delay(Duration::from_millis(20))
            .on("POST", "/api/v1/files/upload")
            .forever(),
    );
    let mut cmd = imagekit(&server);
    cmd.args(["upload", "-r"])
        .arg(&dir)
        .args(["--folder", "/k", "--concurrency", "8", "--json"]);
    let mut child = spawn(cmd);
    wait_for_journal(&journal, 60, &mut child);
    child.kill().unwrap(); // SIGKILL: no chance to clean up
    let status = child.wait().unwrap();
    assert!(!status.success());
    // Requests the server had whole before the kill are still in its delay: let them land.
    assert!(server.wait_for_open_connections(0, Duration::from_secs(10)));
    std::thread::sleep(Duration::from_millis(100));
    server.clear_faults();
    let confirmed = journal_lines(&journal);
    let stored_at_kill = server.files().len();
    assert!((60..300).contains(&confirmed), "{confirmed} confirmed");
    assert!(
        stored_at_kill >= confirmed && stored_at_kill < 300,
        "{stored_at_kill} stored"
    );

    server.clear_requests();
    let mut cmd = imagekit(&server);
    cmd.args(["upload", "-r"])
        .arg(&dir)
        .args(["--folder", "/k", "--concurrency", "8", "--json"]);
    let r = run(cmd);
    assert_eq!(r.code, 0, "{r:?}");
    let unchanged = r.with_status("unchanged").len();
    let uploaded = r.with_status("uploaded").len();
    let already = r.with_status("already_there").len();
    // Only what the journal did not confirm was sent again; what the server had stored without
    // the journal knowing was recognised, not stored twice.
    assert!(
        unchanged >= confirmed,
        "{unchanged} unchanged, {confirmed} confirmed before: {r:?}"
    );
    assert_eq!(unchanged + uploaded + already, 300);
    assert_eq!(upload_requests(&server), 300 - unchanged);
    assert_eq!(uploaded, 300 - stored_at_kill, "{r:?}");
    assert_eq!(server.files().len(), 300);
    assert_no_duplicates(&server);
    assert_eq!(journal_lines(&journal), 300 + (unchanged - confirmed));
}

#[test]
fn ctrl_c_stops_cleanly_with_exit_130_and_the_journal_resumes() {
    let server = server();
    let dir = scratch("sigint");
    tree(&dir, 120, 1000);
    let journal = dir.join(".imagekit-journal.jsonl");
    server.push_fault(
        Fault::delay(Duration::from_millis(30))
            .on("POST", "/api/v1/files/upload")
            .forever(),
    );
    let mut cmd = imagekit(&server);
    cmd.args(["upload", "-r"])
        .arg(&dir)
        .args(["--folder", "/c", "--concurrency", "4"]);
    let mut child = spawn(cmd);
    wait_for_journal(&journal, 10, &mut child);
    let pid = child.id().to_string();
    assert!(std::process::Command::new("kill")
        .args(["-INT", &pid])
        .status()
        .unwrap()
        .success());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(130), "{stderr}");
    assert!(stderr.contains("interrupted"), "{stderr}");
    server.clear_faults();
    // A clean stop leaves every stored file confirmed in the journal, and nothing torn.
    let text = std::fs::read_to_string(&journal).unwrap();
    assert!(text.ends_with('\n'));
    assert_eq!(journal_lines(&journal), server.files().len(), "{text}");
    assert!(server.files().len() < 120);

    let mut cmd = imagekit(&server);
    cmd.args(["upload", "-r"]).arg(&dir).args(["--folder", "/c", "--json"]);
    let r = run(cmd);
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(r.with_status("already_there").len(), 0, "{r:?}");
    assert_eq!(server.files().len(), 120);
    assert_no_duplicates(&server);
}

#[test]
fn a_file_changed_between_runs_is_replaced_by_a_new_version() {
    let server = server();
    let dir = scratch("changed");
    let rels = tree(&dir, 10, 500);
    let mut cmd = imagekit(&server);
    cmd.args(["upload", "-r"]).arg(&dir).args(["--folder", "/ch"]);
    assert_eq!(run(cmd).code, 0);
    std::fs::write(dir.join(&rels[3]), b"new content, new size").unwrap();
    // Touched but identical: not replaced.
    let same = std::fs::read(dir.join(&rels[4])).unwrap();
    std::thread::sleep(Duration::from_millis(20));
    std::fs::write(dir.join(&rels[4]), same).unwrap();
    let mut cmd = imagekit(&server);
    cmd.args(["upload", "-r"]).arg(&dir).args(["--folder", "/ch", "--json"]);
    let r = run(cmd);
    assert_eq!(r.code, 0, "{r:?}");
    let replaced = r.with_status("replaced");
    assert_eq!(replaced.len(), 1, "{r:?}");
    assert_eq!(replaced[0]["key"], rels[3].as_str());
    assert_eq!(r.with_status("unchanged").len(), 9);
    let files = server.files();
    assert_eq!(files.len(), 10);
    let f = files
        .iter()
        .find(|f| f["filePath"] == format!("/ch/{}", rels[3]).as_str())
        .unwrap();
    assert_eq!(f["size"], 21);
    assert_versions(&server, 1);
}

#[test]
fn a_5xx_storm_on_some_files_gives_exit_1_a_result_per_file_and_lists_the_failed() {
    let server = server();
    let dir = scratch("storm");
    tree(&dir, 20, 300);
    server.push_fault(Fault::status(503).on("POST", "/api/v1/files/upload").times(5));
    let mut cmd = imagekit(&server);
    cmd.args(["upload", "-r"])
        .arg(&dir)
        .args(["--folder", "/s", "--json", "--max-retries", "0", "--concurrency", "4"]);
    let r = run(cmd);
    assert_eq!(r.code, 1, "{r:?}");
    assert_eq!(r.objects().len(), 20, "{r:?}");
    let failed = r.with_status("failed");
    assert_eq!(failed.len(), 5);
    for f in &failed {
        assert_eq!(f["error"]["http_status"], 503, "{f}");
        assert!(
            r.stderr.contains(f["key"].as_str().unwrap()),
            "failed item not listed: {r:?}"
        );
    }
    assert!(r.stderr.contains("5 item(s) failed"), "{r:?}");
    assert_eq!(server.files().len(), 15);
    // The re-run uploads the five.
    let mut cmd = imagekit(&server);
    cmd.args(["upload", "-r"]).arg(&dir).args(["--folder", "/s", "--json"]);
    let r = run(cmd);
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(r.with_status("uploaded").len(), 5);
    assert_no_duplicates(&server);
}

#[test]
fn a_dropped_connection_after_the_server_stored_a_file_stores_no_duplicate() {
    let server = server();
    let dir = scratch("dropped");
    tree(&dir, 12, 300);
    server.push_fault(Fault::handle_then_drop().on("POST", "/api/v1/files/upload").times(4));
    let mut cmd = imagekit(&server);
    cmd.args(["upload", "-r"])
        .arg(&dir)
        .args(["--folder", "/dr", "--json", "--concurrency", "3"]);
    let r = run(cmd);
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(
        r.with_status("uploaded").len() + r.with_status("already_there").len(),
        12,
        "{r:?}"
    );
    assert_eq!(server.files().len(), 12);
    assert_no_duplicates(&server);
    assert_eq!(journal_lines(&dir.join(".imagekit-journal.jsonl")), 12);
}

#[test]
fn include_and_exclude_globs_pick_the_files() {
    let server = server();
    let dir = scratch("globs");
    for rel in ["a.jpg", "b.png", "raw/c.jpg", "x/d.jpg"] {
        let p = dir.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, rel).unwrap();
    }
    let mut cmd = imagekit(&server);
    cmd.args(["upload", "-r"]).arg(&dir).args([
        "--folder",
        "/g",
        "--include",
        "*.jpg",
        "--exclude",
        "raw/**",
        "--json",
    ]);
    let r = run(cmd);
    assert_eq!(r.code, 0, "{r:?}");
    let mut keys: Vec<String> = r
        .objects()
        .iter()
        .map(|o| o["key"].as_str().unwrap().to_string())
        .collect();
    keys.sort();
    assert_eq!(keys, ["a.jpg", "x/d.jpg"]);
}
