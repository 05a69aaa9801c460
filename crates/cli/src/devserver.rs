//! `imagekit dev-server`: the bundled ImageKit-compatible server (the repository's mock server)
//! for users' own integration tests: no keys, no network, optional seed files and faults.

use crate::cli::DevServerArgs;
use crate::context::Context;
use crate::output::{Exit, Failure};
use ik_mock_server::{Fault, MockServer, Options};
use imagekit_core::bulk::batch;
use imagekit_core::bulk::journal::normalize_folder;
use std::io::Write;
use std::time::Duration;

pub fn run(ctx: &Context, a: DevServerArgs) -> Result<Exit, Failure> {
    let mut faults = Vec::new();
    for text in &a.fault {
        let v: serde_json::Value =
            serde_json::from_str(text).map_err(|e| Failure::usage(format!("--fault is not JSON: {e}")))?;
        let list = match v {
            serde_json::Value::Array(items) => items,
            one => vec![one],
        };
        for f in list {
            faults.push(Fault::from_json(&f).map_err(|e| Failure::usage(format!("--fault: {e}")))?);
        }
    }
    let opts = Options {
        private_key: a.server_private_key.clone(),
        public_key: a.server_public_key.clone(),
        tls: a.tls,
        port: a.port,
        log: a.log,
        ..Options::default()
    };
    let server = MockServer::try_start_with(opts)
        .map_err(|e| Failure::usage(format!("cannot listen on 127.0.0.1:{}: {e}", a.port)))?;
    let base = server.base_url();
    if let Some(dir) = &a.seed {
        seed(ctx, &server, dir, &normalize_folder(&a.seed_folder))?;
    }
    for f in faults {
        server.push_fault(f);
    }
    let interrupted = crate::interrupt::flag();
    {
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "IMAGEKIT_API_BASE_URL={base}");
        let _ = writeln!(out, "IMAGEKIT_UPLOAD_BASE_URL={base}");
        let _ = writeln!(out, "IMAGEKIT_PRIVATE_KEY={}", a.server_private_key);
        let _ = writeln!(out, "IMAGEKIT_PUBLIC_KEY={}", a.server_public_key);
        let _ = writeln!(out, "IMAGEKIT_URL_ENDPOINT={}", server.options().url_endpoint);
        if let Some(tls) = server.tls_base_url() {
            let _ = writeln!(out, "IMAGEKIT_TLS_BASE_URL={tls}");
            let _ = writeln!(out, "IMAGEKIT_CA_FILE={}", server.ca_pem_path().display());
        }
        let _ = out.flush();
    }
    ctx.out
        .info(&format!("dev-server listening on {base} (Ctrl-C stops it)"));
    while !interrupted.load(std::sync::atomic::Ordering::SeqCst) {
        std::thread::sleep(Duration::from_millis(100));
    }
    drop(server);
    Ok(Exit::Ok)
}

/// Uploads every file under `dir` to the server, keeping relative paths under `folder`.
fn seed(ctx: &Context, server: &MockServer, dir: &std::path::Path, folder: &str) -> Result<(), Failure> {
    let filter = crate::walk::Filter::all();
    let walked = crate::walk::walk(dir, &filter, None)?;
    if let Some((rel, why)) = walked.unreadable.first() {
        return Err(Failure::usage(format!("--seed: cannot read {rel}: {why}")));
    }
    let cfg = serde_json::json!({
        "private_key": server.options().private_key, "public_key": server.options().public_key,
        "url_endpoint": server.options().url_endpoint, "api_base_url": server.base_url(),
    });
    let client = imagekit_core::Client::from_json(&cfg.to_string())?;
    let items: Vec<_> = walked
        .files
        .into_iter()
        .map(|f| crate::upload::file_item(&f.rel, f.path, folder))
        .collect();
    let n = items.len();
    let (results, summary) = batch::upload_all(&client, items, 8, None)?;
    if summary.failed > 0 {
        let first = results.iter().find(|r| matches!(r.outcome, batch::Outcome::Failed(_)));
        return Err(Failure::usage(format!(
            "--seed: {} file(s) failed, first {:?}",
            summary.failed,
            first.map(|r| &r.key)
        )));
    }
    ctx.out.info(&format!("seeded {n} file(s) into {folder}"));
    Ok(())
}
