//! `imagekit sync` end to end: the dry run changes nothing, deletions need confirmation and
//! respect --max-delete, a missing remote folder is refused.

mod common;
use common::*;
use ik_mock_server::MockServer;

/// A local tree of 6 files uploaded to /site, then: one local file changed, one added, and
/// three remote-only files put on the server.
fn diverged(name: &str) -> (MockServer, std::path::PathBuf) {
    let server = server();
    let dir = scratch(name);
    let rels = tree(&dir, 6, 200);
    let mut cmd = imagekit(&server);
    cmd.args(["upload", "-r"]).arg(&dir).args(["--folder", "/site"]);
    assert_eq!(run(cmd).code, 0);
    std::fs::write(dir.join(&rels[0]), b"changed").unwrap();
    std::fs::write(dir.join("new.txt"), b"new").unwrap();
    put_remote_only(&server, name);
    (server, dir)
}

fn changes(server: &MockServer) -> usize {
    server.requests().iter().filter(|r| r.method != "GET").count()
}

#[test]
fn a_dry_run_prints_the_plan_and_changes_nothing() {
    let (server, dir) = diverged("dry");
    let journal = std::fs::read(dir.join(".imagekit-journal.jsonl")).unwrap();
    let before = server.files();
    server.clear_requests();
    let mut cmd = imagekit(&server);
    cmd.arg("sync")
        .arg(&dir)
        .args(["/site", "--dry-run", "--delete", "--json"]);
    let r = run(cmd);
    assert_eq!(r.code, 0, "{r:?}");
    let actions = |a: &str| r.objects().into_iter().filter(|o| o["action"] == a).count();
    assert_eq!(actions("upload"), 1, "{r:?}");
    assert_eq!(actions("replace"), 1, "{r:?}");
    assert_eq!(actions("delete"), 3, "{r:?}");
    assert_eq!(
        changes(&server),
        0,
        "a dry run sent {:?}",
        server
            .requests()
            .iter()
            .map(|r| (&r.method, &r.path))
            .collect::<Vec<_>>()
    );
    assert_eq!(server.files(), before);
    assert_eq!(std::fs::read(dir.join(".imagekit-journal.jsonl")).unwrap(), journal);
}

#[test]
fn delete_respects_max_delete_and_needs_yes_off_a_terminal() {
    let (server, dir) = diverged("delete");
    let before = server.files();
    server.clear_requests();
    // Over the limit: nothing at all happens.
    let mut cmd = imagekit(&server);
    cmd.arg("sync")
        .arg(&dir)
        .args(["/site", "--delete", "--yes", "--max-delete", "2"]);
    let r = run(cmd);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(
        r.stderr.contains("--max-delete 2") && r.stderr.contains("nothing was changed"),
        "{r:?}"
    );
    assert_eq!(changes(&server), 0);
    assert_eq!(server.files(), before);
    // No --yes and no terminal: refused, nothing happens.
    let mut cmd = imagekit(&server);
    cmd.arg("sync").arg(&dir).args(["/site", "--delete"]);
    let r = run(cmd);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("--yes"), "{r:?}");
    assert_eq!(changes(&server), 0);
    // Within the limit, confirmed.
    let mut cmd = imagekit(&server);
    cmd.arg("sync")
        .arg(&dir)
        .args(["/site", "--delete", "--yes", "--max-delete", "3", "--json"]);
    let r = run(cmd);
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(r.with_status("deleted").len(), 3, "{r:?}");
    assert_eq!(r.with_status("uploaded").len(), 1);
    assert_eq!(r.with_status("replaced").len(), 1);
    let files = server.files();
    assert_eq!(files.len(), 7);
    assert!(files
        .iter()
        .all(|f| !f["filePath"].as_str().unwrap().starts_with("/site/gone/")));
    // In sync now.
    let mut cmd = imagekit(&server);
    cmd.arg("sync")
        .arg(&dir)
        .args(["/site", "--dry-run", "--delete", "--json"]);
    let r = run(cmd);
    assert_eq!(r.code, 0);
    assert_eq!(r.stdout, "", "{r:?}");
}

#[test]
fn without_a_journal_unchanged_files_are_found_by_name_and_size() {
    let server = server();
    let dir = scratch("nojournal");
    tree(&dir, 5, 100);
    let mut cmd = imagekit(&server);
    cmd.args(["upload", "-r"])
        .arg(&dir)
        .args(["--folder", "/nj", "--no-journal"]);
    assert_eq!(run(cmd).code, 0);
    server.clear_requests();
    let mut cmd = imagekit(&server);
    cmd.arg("sync").arg(&dir).args(["/nj", "--no-journal", "--json"]);
    let r = run(cmd);
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(r.with_status("unchanged").len(), 5);
    assert_eq!(upload_requests(&server), 0);
}

#[test]
fn a_remote_folder_that_does_not_exist_is_refused_unless_created() {
    let server = server();
    let dir = scratch("nofolder");
    tree(&dir, 2, 10);
    let mut cmd = imagekit(&server);
    cmd.arg("sync").arg(&dir).arg("/missing");
    let r = run(cmd);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("/missing does not exist"), "{r:?}");
    assert!(server.files().is_empty());
    assert!(
        !dir.join(".imagekit-journal.jsonl").exists(),
        "a refused sync wrote a journal"
    );
    let mut cmd = imagekit(&server);
    cmd.arg("sync").arg(&dir).args(["/missing", "--create"]);
    let r = run(cmd);
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(server.files().len(), 2);
    let mut cmd = imagekit(&server);
    cmd.args(["ls", "/nowhere"]);
    let r = run(cmd);
    assert_ne!(r.code, 0);
    assert!(r.stderr.contains("/nowhere does not exist"), "{r:?}");
}

#[test]
fn a_hash_kept_in_custom_metadata_detects_a_same_size_change_without_a_journal() {
    let server = server();
    let dir = scratch("hashfield");
    let rels = tree(&dir, 4, 100);
    let mut cmd = imagekit(&server);
    cmd.args(["api", "custom_metadata_fields.create", "-d"])
        .arg(r#"{"name":"sha256","label":"sha256","schema":{"type":"Text"}}"#);
    assert_eq!(run(cmd).code, 0);
    let mut cmd = imagekit(&server);
    cmd.args(["upload", "-r"])
        .arg(&dir)
        .args(["--folder", "/hf", "--no-journal", "--hash-field", "sha256"]);
    assert_eq!(run(cmd).code, 0);
    assert!(server.files().iter().all(|f| f["customMetadata"]["sha256"]
        .as_str()
        .is_some_and(|h| h.starts_with("sha256:"))));
    // Same size, other content: only the hash can tell.
    let p = dir.join(&rels[1]);
    let mut body = std::fs::read(&p).unwrap();
    body[0] ^= 1;
    std::fs::write(&p, body).unwrap();
    let mut by_size = imagekit(&server);
    by_size
        .arg("sync")
        .arg(&dir)
        .args(["/hf", "--no-journal", "--dry-run", "--json"]);
    assert_eq!(run(by_size).stdout, "", "by size and name nothing changed");
    let mut cmd = imagekit(&server);
    cmd.arg("sync")
        .arg(&dir)
        .args(["/hf", "--no-journal", "--hash-field", "sha256", "--json"]);
    let r = run(cmd);
    assert_eq!(r.code, 0, "{r:?}");
    let replaced = r.with_status("replaced");
    assert_eq!(replaced.len(), 1, "{r:?}");
    assert_eq!(replaced[0]["key"], rels[1].as_str());
    assert_eq!(r.with_status("unchanged").len(), 3);
    assert_versions(&server, 1);
}
