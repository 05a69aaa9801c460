//! Bad input gives a clear message and a non-zero exit, loses nothing and leaves the journal as
//! it was; no private key reaches any output.

mod common;
use common::*;
use ik_mock_server::Fault;

#[test]
fn missing_keys_are_a_configuration_error_naming_the_variable() {
    let server = server();
    let dir = scratch("nokeys");
    tree(&dir, 2, 10);
    let mut cmd = imagekit(&server);
    cmd.env_remove("IMAGEKIT_PRIVATE_KEY").args(["upload", "-r"]).arg(&dir);
    let r = run(cmd);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("IMAGEKIT_PRIVATE_KEY"), "{r:?}");
    let mut cmd = imagekit(&server);
    cmd.env_remove("IMAGEKIT_URL_ENDPOINT").args(["url", "/a.jpg"]);
    let r = run(cmd);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("IMAGEKIT_URL_ENDPOINT"), "{r:?}");
    assert_eq!(server.requests().len(), 0);
}

#[test]
fn a_wrong_key_is_a_configuration_error() {
    let server = server();
    let mut cmd = imagekit(&server);
    cmd.env("IMAGEKIT_PRIVATE_KEY", "private_wrong").args(["ls", "/"]);
    let r = run(cmd);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("IMAGEKIT_PRIVATE_KEY"), "{r:?}");
}

#[test]
fn unreadable_files_and_usage_errors_are_refused_before_anything_is_sent() {
    let server = server();
    let dir = scratch("unreadable");
    let mut cmd = imagekit(&server);
    cmd.arg("upload").arg(dir.join("missing.jpg"));
    let r = run(cmd);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("missing.jpg"), "{r:?}");
    let mut cmd = imagekit(&server);
    cmd.arg("upload").arg(&dir);
    let r = run(cmd);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("-r"), "{r:?}");
    let mut cmd = imagekit(&server);
    cmd.args(["upload", "-r"]).arg(dir.join("nope"));
    let r = run(cmd);
    assert_eq!(r.code, 2, "{r:?}");
    let mut cmd = imagekit(&server);
    cmd.args(["upload", "--bogus"]);
    assert_eq!(run(cmd).code, 2);
    assert_eq!(server.requests().len(), 0);
}

#[test]
fn a_file_that_vanishes_during_the_run_fails_alone() {
    let server = server();
    let dir = scratch("vanish");
    tree(&dir, 30, 100);
    // The first upload is slow, so the file can be removed after the walk and before its turn.
    server.push_fault(
        Fault::delay(std::time::Duration::from_millis(1500))
            .on("POST", "/api/v1/files/upload")
            .times(1),
    );
    let mut cmd = imagekit(&server);
    cmd.args(["upload", "-r"])
        .arg(&dir)
        .args(["--folder", "/v", "--json", "--concurrency", "1"]);
    let child = spawn(cmd);
    // The journal is created once the walk is done.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while !dir.join(".imagekit-journal.jsonl").exists() {
        assert!(std::time::Instant::now() < deadline, "no journal");
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    let victim = "d1/sub1/file0025.bin";
    std::fs::remove_file(dir.join(victim)).unwrap();
    let out = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    let failed: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|o| o["status"] == "failed")
        .collect();
    assert_eq!(failed.len(), 1, "{stdout}");
    assert_eq!(failed[0]["key"], victim);
    assert_eq!(server.files().len(), 29);
}

fn journal_case(name: &str, content: &[u8]) -> (Run, Vec<u8>, usize) {
    let server = server();
    let dir = scratch(name);
    tree(&dir, 3, 10);
    let journal = dir.join(".imagekit-journal.jsonl");
    std::fs::write(&journal, content).unwrap();
    let mut cmd = imagekit(&server);
    cmd.args(["upload", "-r"]).arg(&dir).args(["--folder", "/j"]);
    let r = run(cmd);
    (r, std::fs::read(&journal).unwrap(), server.files().len())
}

#[test]
fn a_corrupt_or_foreign_journal_or_one_for_another_folder_is_refused_untouched() {
    let header = |folder: &str| {
        format!("{{\"journal\":\"imagekit-upload-journal\",\"version\":1,\"folder\":\"{folder}\",\"endpoint\":\"http://127.0.0.1:1\"}}\n")
    };
    // Foreign: not a journal at all.
    let foreign = b"these are my notes\nnot a journal\n".to_vec();
    let (r, after, stored) = journal_case("foreign", &foreign);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(
        r.stderr.contains("not an imagekit upload journal") && r.stderr.contains("--journal"),
        "{r:?}"
    );
    assert_eq!((after, stored), (foreign, 0));

    // Another destination (the endpoint differs from the test server's).
    let other = header("/elsewhere").into_bytes();
    let (r, after, stored) = journal_case("other", &other);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("/elsewhere") && r.stderr.contains("/j"), "{r:?}");
    assert_eq!((after, stored), (other, 0));

    // Corrupt: a broken line in the middle.
    let server = server();
    let dir = scratch("corrupt");
    tree(&dir, 3, 10);
    let mut cmd = imagekit(&server);
    cmd.args(["upload", "-r"]).arg(&dir).args(["--folder", "/j"]);
    assert_eq!(run(cmd).code, 0);
    let journal = dir.join(".imagekit-journal.jsonl");
    let text = std::fs::read_to_string(&journal).unwrap();
    let mut lines: Vec<&str> = text.lines().collect();
    lines.insert(2, "{\"path\": ");
    let corrupt = format!("{}\n", lines.join("\n"));
    std::fs::write(&journal, &corrupt).unwrap();
    server.clear_requests();
    let mut cmd = imagekit(&server);
    cmd.args(["upload", "-r"]).arg(&dir).args(["--folder", "/j"]);
    let r = run(cmd);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("corrupt at line 3"), "{r:?}");
    assert_eq!(std::fs::read_to_string(&journal).unwrap(), corrupt);
    assert_eq!(upload_requests(&server), 0);

    // The same journal used for another remote folder.
    std::fs::write(&journal, &text).unwrap();
    let mut cmd = imagekit(&server);
    cmd.args(["upload", "-r"]).arg(&dir).args(["--folder", "/other"]);
    let r = run(cmd);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("records uploads to folder /j"), "{r:?}");
    assert_eq!(std::fs::read_to_string(&journal).unwrap(), text);
    assert_eq!(upload_requests(&server), 0);
}

#[test]
fn a_torn_last_journal_line_is_ignored_and_cut() {
    let server = server();
    let dir = scratch("torn");
    tree(&dir, 4, 10);
    let mut cmd = imagekit(&server);
    cmd.args(["upload", "-r"]).arg(&dir).args(["--folder", "/t"]);
    assert_eq!(run(cmd).code, 0);
    let journal = dir.join(".imagekit-journal.jsonl");
    let text = std::fs::read_to_string(&journal).unwrap();
    // Drop the last line's second half, as a kill in the middle of a write would.
    let cut = text.len() - 40;
    std::fs::write(&journal, &text[..cut]).unwrap();
    let mut cmd = imagekit(&server);
    cmd.args(["upload", "-r"]).arg(&dir).args(["--folder", "/t", "--json"]);
    let r = run(cmd);
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(r.with_status("unchanged").len(), 3, "{r:?}");
    assert_eq!(r.with_status("already_there").len(), 1, "{r:?}");
    let after = std::fs::read_to_string(&journal).unwrap();
    assert!(
        after
            .lines()
            .all(|l| serde_json::from_str::<serde_json::Value>(l).is_ok()),
        "{after}"
    );
    assert_eq!(journal_lines(&journal), 4);
    assert_no_duplicates(&server);
}

#[test]
fn no_private_key_in_any_output_even_when_the_server_echoes_it() {
    let server = server();
    let dir = scratch("secrets");
    tree(&dir, 4, 10);
    let mut outputs = Vec::new();
    // The key on the command line: warned about, never printed.
    server.push_fault(Fault::echo_secrets(500).on("POST", "/api/v1/files/upload").forever());
    let mut cmd = imagekit(&server);
    cmd.env_remove("IMAGEKIT_PRIVATE_KEY")
        .args(["--private-key", KEY, "upload", "-r"])
        .arg(&dir)
        .args(["--json", "--max-retries", "0"]);
    let r = run(cmd);
    assert_eq!(r.code, 1, "{r:?}");
    assert!(
        r.stderr.contains("process list"),
        "no warning about the key on the command line: {r:?}"
    );
    outputs.push(r);
    let mut cmd = imagekit(&server);
    cmd.args(["upload", "-r"]).arg(&dir).args(["--max-retries", "0"]);
    outputs.push(run(cmd));
    server.clear_faults();
    server.push_fault(Fault::echo_secrets_text(502).forever());
    for args in [
        &["ls", "/"][..],
        &["api", "files.get", "x", "--json"],
        &["search", "name = \"a\""],
        &["usage", "--start", "2026-01-01", "--end", "2026-01-02"],
    ] {
        let mut cmd = imagekit(&server);
        cmd.args(args).args(["--max-retries", "0"]);
        let r = run(cmd);
        assert_ne!(r.code, 0, "{args:?}: {r:?}");
        outputs.push(r);
    }
    server.clear_faults();
    let mut cmd = imagekit(&server);
    cmd.args(["auth", "--json"]);
    outputs.push(run(cmd));
    let mut cmd = imagekit(&server);
    cmd.args(["--help"]);
    outputs.push(run(cmd));
    let basic = base64_of(&format!("{KEY}:"));
    for r in &outputs {
        let all = format!("{}{}", r.stdout, r.stderr);
        assert!(!all.contains(KEY), "the key leaked: {r:?}");
        assert!(!all.contains(&basic), "the Basic token leaked: {r:?}");
        assert!(!all.contains("SECRET_4711"), "part of the key leaked: {r:?}");
    }
}

fn base64_of(s: &str) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(s)
}
