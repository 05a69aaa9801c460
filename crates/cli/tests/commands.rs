//! The other subcommands end to end: url, auth, token, webhook verify, ls/search, rm, mv, cp,
//! purge, usage, api, dev-server, help and global flags.

mod common;
use common::*;
use serde_json::Value;
use std::io::{BufRead, BufReader};

fn uploaded(server: &ik_mock_server::MockServer, folder: &str, n: usize) -> std::path::PathBuf {
    let dir = scratch(&format!("cmd{}", folder.replace('/', "_")));
    for i in 0..n {
        std::fs::write(dir.join(format!("f{i}.txt")), format!("file {i}")).unwrap();
    }
    let mut cmd = imagekit(server);
    cmd.args(["upload", "-r"])
        .arg(&dir)
        .args(["--folder", folder, "--no-journal"]);
    assert_eq!(run(cmd).code, 0);
    dir
}

#[test]
fn url_with_both_builders_signed_and_expiring() {
    let server = server();
    let mut cmd = imagekit(&server);
    cmd.args(["url", "/a.jpg", "-t", "width=300,height=200"]);
    let r = run(cmd);
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(r.stdout.trim(), "https://ik.imagekit.io/mock/tr:w-300,h-200/a.jpg");
    let mut cmd = imagekit(&server);
    cmd.args(["url", "/a.jpg", "--builder", "legacy", "-t", "height=300"]);
    let r = run(cmd);
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(r.stdout.trim(), "https://ik.imagekit.io/mock/tr:h-300/a.jpg");
    for builder in ["modern", "legacy"] {
        let mut cmd = imagekit(&server);
        cmd.args(["url", "/a.jpg", "--builder", builder, "--expires", "600", "--json"]);
        let r = run(cmd);
        assert_eq!(r.code, 0, "{r:?}");
        let url = r.objects()[0]["url"].as_str().unwrap().to_string();
        assert!(url.contains("ik-s=") && url.contains("ik-t="), "{builder}: {url}");
    }
    assert_eq!(server.requests().len(), 0, "a URL needs no request");
}

#[test]
fn auth_token_and_webhook_verify() {
    let server = server();
    let mut cmd = imagekit(&server);
    cmd.args(["auth", "--token", "t1", "--expire", "2000000000"]);
    let r = run(cmd);
    assert_eq!(r.code, 0, "{r:?}");
    let v = &r.objects()[0];
    assert_eq!(v["token"], "t1");
    assert_eq!(v["expire"], 2000000000);
    assert_eq!(v["signature"].as_str().unwrap().len(), 40);

    let mut cmd = imagekit(&server);
    cmd.args(["token", "--file-name", "a.jpg", "--param", "folder=/up"]);
    let r = run(cmd);
    assert_eq!(r.code, 0, "{r:?}");
    let token = r.stdout.trim().to_string();
    assert_eq!(token.split('.').count(), 3);
    // The server takes it for a client-side upload of exactly that form.
    let dir = scratch("token");
    let file = dir.join("a.jpg");
    std::fs::write(&file, b"jpeg").unwrap();
    let out = std::process::Command::new("curl")
        .args(["-s", "--noproxy", "*", "-F"])
        .arg(format!("file=@{}", file.display()))
        .args(["-F", "fileName=a.jpg", "-F", "folder=/up", "-F"])
        .arg(format!("token={token}"))
        .arg(format!("{}/api/v2/files/upload", server.base_url()))
        .output();
    if let Ok(out) = out {
        let body: Value = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
        // Stored in the folder the token signed (under a unique name: the default).
        let path = body["filePath"].as_str().unwrap_or_default();
        assert!(
            path.starts_with("/up/a") && path.ends_with(".jpg"),
            "{}",
            String::from_utf8_lossy(&out.stdout)
        );
    } else {
        assert!(std::env::var("CI").is_err(), "curl is needed for this check");
    }

    // A Standard Webhooks request, signed here, verified by the CLI; then tampered with.
    use base64::Engine;
    use hmac::{Hmac, KeyInit, Mac};
    let key = b"webhook key bytes";
    let secret = format!("whsec_{}", base64::engine::general_purpose::STANDARD.encode(key));
    let body = r#"{"type":"video.transformation.ready","id":"e1","data":{}}"#;
    let ts = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
        .to_string();
    let mut mac = Hmac::<sha2::Sha256>::new_from_slice(key).unwrap();
    mac.update(format!("msg_1.{ts}.{body}").as_bytes());
    let sig = base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes());
    let request = format!(
        "POST /hook HTTP/1.1\r\nHost: example\r\nwebhook-id: msg_1\r\nwebhook-timestamp: {ts}\r\nwebhook-signature: v1,{sig}\r\ncontent-type: application/json\r\n\r\n{body}"
    );
    let req_file = dir.join("request.http");
    std::fs::write(&req_file, &request).unwrap();
    let mut cmd = imagekit(&server);
    cmd.args(["webhook", "verify", "--secret", &secret, "--json"])
        .arg(&req_file);
    let r = run(cmd);
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(r.objects()[0]["event"]["id"], "e1");
    std::fs::write(&req_file, request.replace("\"e1\"", "\"e2\"")).unwrap();
    let mut cmd = imagekit(&server);
    cmd.env("IMAGEKIT_WEBHOOK_SECRET", &secret)
        .args(["webhook", "verify"])
        .arg(&req_file);
    let r = run(cmd);
    assert_eq!(r.code, 1, "{r:?}");
    assert!(r.stderr.contains("not verified"), "{r:?}");
    assert!(!r.stdout.contains("e2"));
}

#[test]
fn ls_search_rm_mv_cp_purge_usage_and_api() {
    let server = server();
    uploaded(&server, "/m", 3);
    // ls: a table, or one JSON object per item.
    let mut cmd = imagekit(&server);
    cmd.args(["ls", "/m"]);
    let r = run(cmd);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.stdout.starts_with("TYPE") && r.stdout.contains("/m/f1.txt"), "{r:?}");
    let mut cmd = imagekit(&server);
    cmd.args(["--json", "ls", "/m"]); // global flag before the subcommand
    assert_eq!(run(cmd).objects().len(), 3);
    let mut cmd = imagekit(&server);
    cmd.args(["search", "name = \"f2.txt\"", "--json"]);
    let r = run(cmd);
    assert_eq!(r.objects().len(), 1, "{r:?}");
    let id2 = r.objects()[0]["fileId"].as_str().unwrap().to_string();

    // cp, mv, rm by path and by id.
    let mut cmd = imagekit(&server);
    cmd.args(["cp", "/m/f0.txt", "/copies"]);
    assert_eq!(run(cmd).code, 0);
    let mut cmd = imagekit(&server);
    cmd.args(["mv", "/m/f1.txt", "/moved"]);
    assert_eq!(run(cmd).code, 0);
    let mut cmd = imagekit(&server);
    cmd.args(["rm", "/copies/f0.txt", &id2, "/m/none.txt", "--json"]);
    let r = run(cmd);
    assert_eq!(r.code, 1, "{r:?}");
    assert_eq!(r.with_status("deleted").len(), 2);
    assert_eq!(r.with_status("failed").len(), 1);
    assert!(r.stderr.contains("/m/none.txt"));
    let mut paths: Vec<String> = server
        .files()
        .iter()
        .map(|f| f["filePath"].as_str().unwrap().to_string())
        .collect();
    paths.sort();
    assert_eq!(paths, ["/m/f0.txt", "/moved/f1.txt"]);
    let mut cmd = imagekit(&server);
    cmd.args(["cp", "--folder", "/m", "/backup"]);
    assert_eq!(run(cmd).code, 0);
    assert!(server.files().iter().any(|f| f["filePath"] == "/backup/m/f0.txt"));
    let mut cmd = imagekit(&server);
    cmd.args(["rm", "--folder", "/backup"]);
    assert_eq!(run(cmd).code, 0);

    // purge and its status.
    let mut cmd = imagekit(&server);
    cmd.args(["purge", "https://ik.imagekit.io/mock/m/f0.txt", "--json"]);
    let r = run(cmd);
    assert_eq!(r.code, 0, "{r:?}");
    let id = r.objects()[0]["requestId"].as_str().unwrap().to_string();
    let mut cmd = imagekit(&server);
    cmd.args(["purge", "--status", &id, "--json"]);
    let r = run(cmd);
    assert_eq!(r.objects()[0]["status"], "Pending", "{r:?}");

    let mut cmd = imagekit(&server);
    cmd.args(["usage", "--start", "2026-11-01", "--end", "2026-11-03", "--json"]);
    let r = run(cmd);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.objects()[0].get("bandwidthBytes").is_some(), "{r:?}");

    // api: any row of the table by name.
    let mut cmd = imagekit(&server);
    cmd.args(["api", "--list"]);
    let r = run(cmd);
    assert!(
        r.stdout.lines().count() >= 50 && r.stdout.contains("folders.create"),
        "{r:?}"
    );
    let mut cmd = imagekit(&server);
    cmd.args([
        "api",
        "folders.create",
        "-d",
        r#"{"folderName":"viaapi","parentFolderPath":"/"}"#,
    ]);
    assert_eq!(run(cmd).code, 0);
    let mut cmd = imagekit(&server);
    cmd.args(["api", "assets.list", "-d", r#"{"type":"folder"}"#, "--all", "--json"]);
    let r = run(cmd);
    assert!(r.objects().iter().any(|o| o["name"] == "viaapi"), "{r:?}");
    let mut cmd = imagekit(&server);
    cmd.args(["api", "no.such.op"]);
    let r = run(cmd);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("--list"));
}

#[test]
fn every_subcommand_has_help_with_examples() {
    let server = server();
    for sub in [
        "url",
        "upload",
        "sync",
        "ls",
        "search",
        "rm",
        "mv",
        "cp",
        "purge",
        "auth",
        "token",
        "usage",
        "api",
        "dev-server",
    ] {
        let mut cmd = imagekit(&server);
        cmd.args([sub, "--help"]);
        let r = run(cmd);
        assert_eq!(r.code, 0, "{sub}: {r:?}");
        assert!(r.stdout.contains("Examples:"), "{sub} --help has no examples");
    }
    let mut cmd = imagekit(&server);
    cmd.args(["webhook", "verify", "--help"]);
    assert!(run(cmd).stdout.contains("Examples:"));
}

#[test]
fn dev_server_serves_seed_files_and_faults_to_another_program() {
    let seed = scratch("seed");
    std::fs::create_dir_all(seed.join("sub")).unwrap();
    std::fs::write(seed.join("a.jpg"), b"a").unwrap();
    std::fs::write(seed.join("sub/b.jpg"), b"bb").unwrap();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_imagekit"))
        .args(["dev-server", "--seed"])
        .arg(&seed)
        .args([
            "--seed-folder",
            "/fixtures",
            "--fault",
            r#"{"method":"DELETE","path":"/v1/files","status":503,"times":0}"#,
        ])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut env = Vec::new();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    while env.len() < 5 {
        let line = lines.next().expect("dev-server printed its settings").unwrap();
        let (k, v) = line.split_once('=').unwrap();
        env.push((k.to_string(), v.to_string()));
    }
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_imagekit"));
    cmd.env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .envs(env.iter().cloned());
    cmd.args(["ls", "/fixtures", "-r", "--json"]);
    let r = run(cmd);
    let mut paths: Vec<String> = r
        .objects()
        .iter()
        .map(|o| o["filePath"].as_str().unwrap().to_string())
        .collect();
    paths.sort();
    assert_eq!(paths, ["/fixtures/a.jpg", "/fixtures/sub/b.jpg"], "{r:?}");
    // The fault given on its command line answers deletes with 503.
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_imagekit"));
    cmd.env_clear()
        .envs(env.iter().cloned())
        .args(["rm", "/fixtures/a.jpg", "--max-retries", "0"]);
    let r = run(cmd);
    assert_eq!(r.code, 1, "{r:?}");
    assert!(r.stderr.contains("503"), "{r:?}");
    let pid = child.id().to_string();
    assert!(std::process::Command::new("kill")
        .args(["-INT", &pid])
        .status()
        .unwrap()
        .success());
    assert!(child.wait().unwrap().success());
}
