//! Contract tests: every network operation, called through the C ABI, against Prism serving
//! ImageKit's official OpenAPI spec. Prism validates each request (path, query, JSON body,
//! multipart fields, Basic auth) and answers 422/404/401 when it breaks the spec, which
//! fails the test.
//!
//! Every row of the operation table that ImageKit's spec has is called with its sample from
//! `tests/data/op_samples.json` through its generated C function.
//!
//! Needs the spec (`IMAGEKIT_OPENAPI_SPEC`, default the copy committed in `tests/data/openapi/`)
//! and Prism (`IK_PRISM_BIN`, default `.tools/prism`, installed by scripts/setup.sh). Without
//! Prism the test is skipped with a message, except when `CI` or `IK_REQUIRE_PRISM` is set
//! (scripts/test.sh sets it): there a missing spec or Prism is a failure.

use crate::support::{op_calls, repo_dir};
use imagekit::client::*;
use imagekit::ops_gen::*;
use imagekit::request::*;
use imagekit::seed_names::*;
use imagekit::status::ik_status;
use imagekit::upload::{ik_beta_v2_files_upload, ik_beta_v2_files_upload_bytes, ik_beta_v2_files_upload_path};
use std::ffi::{c_char, CStr, CString};
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::ptr;
use std::sync::mpsc;
use std::time::Duration;

struct Prism {
    child: Child,
    base_url: String,
    /// Prism's log lines, so a failure can show the spec violation Prism reported.
    log: std::sync::Arc<std::sync::Mutex<Vec<String>>>,
}

impl Drop for Prism {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn spec_path() -> PathBuf {
    std::env::var_os("IMAGEKIT_OPENAPI_SPEC")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_dir().join("tests/data/openapi/imagekit-openapi-v1.0.0.yaml"))
}

fn start_prism() -> Option<Prism> {
    let spec = spec_path();
    let required = std::env::var_os("IK_REQUIRE_PRISM").is_some() || std::env::var_os("CI").is_some();
    if !spec.exists() {
        assert!(!required, "OpenAPI spec not found at {}", spec.display());
        eprintln!(
            "SKIPPED: Prism contract tests: OpenAPI spec not found at {} (set IMAGEKIT_OPENAPI_SPEC)",
            spec.display()
        );
        return None;
    }
    let bin = std::env::var_os("IK_PRISM_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_dir().join(".tools/prism/node_modules/.bin/prism"));
    if !bin.exists() {
        if required {
            panic!("Prism not found at {} (CI or IK_REQUIRE_PRISM is set)", bin.display());
        }
        eprintln!("SKIPPED: Prism contract tests: Prism not installed (run scripts/setup.sh)");
        return None;
    }
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let mut child = Command::new(&bin)
        .args(["mock", "-p", &port.to_string()])
        .arg(&spec)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start prism");
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    let log = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let sink = log.clone();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            sink.lock().unwrap().push(line.clone());
            if line.contains("Prism is listening") {
                let _ = tx.send(Ok(()));
            } else if line.contains("fatal") {
                let _ = tx.send(Err(line));
            }
        }
    });
    let mut prism = Prism {
        child,
        base_url: format!("http://127.0.0.1:{port}"),
        log,
    };
    match rx.recv_timeout(Duration::from_secs(120)) {
        Ok(Ok(())) => Some(prism),
        Ok(Err(line)) => panic!("prism failed to start: {line}"),
        Err(_) => {
            let _ = prism.child.kill();
            panic!("prism did not start within 120 s");
        }
    }
}

fn take(s: *mut c_char) -> String {
    assert!(!s.is_null());
    let out = unsafe { CStr::from_ptr(s) }.to_string_lossy().into_owned();
    unsafe { ik_string_free(s) };
    out
}

fn c(s: &str) -> CString {
    CString::new(s).unwrap()
}

struct Client(*mut ik_client);
impl Drop for Client {
    fn drop(&mut self) {
        unsafe { ik_client_free(self.0) }
    }
}

fn client(base: &str) -> Client {
    let cfg = c(&format!(
        r#"{{"private_key":"private_key_test","public_key":"public_key_test","url_endpoint":"https://ik.imagekit.io/demo","api_base_url":"{base}","max_retries":0,"proxy":null}}"#
    ));
    let mut cl = ptr::null_mut();
    let mut err = ptr::null_mut();
    let st = unsafe { ik_client_new(cfg.as_ptr(), &mut cl, &mut err) };
    assert_eq!(
        st,
        ik_status::Ok,
        "{}",
        if err.is_null() { String::new() } else { take(err) }
    );
    Client(cl)
}

/// Runs one call; returns (name, status, json) so every operation is reported, not just the first failure.
fn check(results: &mut Vec<String>, name: &str, f: impl FnOnce(*mut *mut c_char) -> ik_status) {
    let mut out = ptr::null_mut();
    let st = f(&mut out);
    let text = if out.is_null() {
        String::from("(null)")
    } else {
        take(out)
    };
    if st != ik_status::Ok {
        results.push(format!("{name}: status {st:?}: {text}"));
    } else {
        assert!(
            serde_json::from_str::<serde_json::Value>(&text).is_ok(),
            "{name}: OK but not JSON: {text}"
        );
    }
}

#[test]
fn every_operation_passes_prism_validation() {
    let Some(prism) = start_prism() else { return };
    let cl = client(&prism.base_url);
    let cl = cl.0 as *const ik_client;
    let mut failures = Vec::new();

    // Every scalar upload field, typed as the spec says.
    let scalar_upload_options = c(r#"{
        "fileName": "contract.jpg", "use_unique_file_name": false, "folder": "/contract",
        "isPrivateFile": false, "customCoordinates": "10,10,20,20",
        "webhookUrl": "https://example.com/hook", "overwriteFile": true, "overwriteAITags": true,
        "overwriteTags": false, "overwriteCustomMetadata": true,
        "checks": "\"file.size\" < \"1mb\"", "description": "contract test", "isPublished": true
    }"#);
    let bytes = b"\xff\xd8\xff\xe0 not really a jpeg";
    check(&mut failures, "upload_file_bytes (every scalar option)", |out| unsafe {
        ik_upload_file_bytes(
            cl,
            bytes.as_ptr(),
            bytes.len(),
            scalar_upload_options.as_ptr(),
            None,
            ptr::null_mut(),
            out,
        )
    });
    let url_upload = c(r#"{"file": "https://example.com/a.jpg", "file_name": "remote.jpg"}"#);
    check(&mut failures, "upload_file (remote URL)", |out| unsafe {
        ik_upload_file(cl, url_upload.as_ptr(), None, ptr::null_mut(), out)
    });
    let b64_upload = c(r#"{"file": "aGVsbG8=", "fileName": "hello.txt"}"#);
    check(&mut failures, "upload_file (base64)", |out| unsafe {
        ik_upload_file(cl, b64_upload.as_ptr(), None, ptr::null_mut(), out)
    });
    let tmp = std::env::temp_dir().join(format!("ik-contract-{}.bin", std::process::id()));
    std::fs::write(&tmp, vec![7u8; 200_000]).unwrap();
    let tmp_c = c(tmp.to_str().unwrap());
    let path_opts = c(r#"{"fileName": "streamed.bin"}"#);
    check(&mut failures, "upload_file_path", |out| unsafe {
        ik_upload_file_path(cl, tmp_c.as_ptr(), path_opts.as_ptr(), None, ptr::null_mut(), out)
    });
    // Upload v2: the same form, at /api/v2/files/upload.
    check(
        &mut failures,
        "beta.v2.files.upload (bytes, every scalar option)",
        |out| unsafe {
            ik_beta_v2_files_upload_bytes(
                cl,
                bytes.as_ptr(),
                bytes.len(),
                scalar_upload_options.as_ptr(),
                None,
                ptr::null_mut(),
                out,
            )
        },
    );
    check(&mut failures, "beta.v2.files.upload (remote URL)", |out| unsafe {
        ik_beta_v2_files_upload(cl, url_upload.as_ptr(), None, ptr::null_mut(), out)
    });
    check(&mut failures, "beta.v2.files.upload (path)", |out| unsafe {
        ik_beta_v2_files_upload_path(cl, tmp_c.as_ptr(), path_opts.as_ptr(), None, ptr::null_mut(), out)
    });
    let _ = std::fs::remove_file(&tmp);

    let list_opts = c(
        r#"{"type": "file", "sort": "ASC_CREATED", "path": "/", "searchQuery": "size > 10", "fileType": "image", "tags": ["a", "b"], "includeFolder": false, "skip": 0, "limit": 10}"#,
    );
    check(&mut failures, "list_files (every parameter)", |out| unsafe {
        ik_list_files(cl, list_opts.as_ptr(), out)
    });
    check(&mut failures, "list_files (no filter)", |out| unsafe {
        ik_list_files(cl, ptr::null(), out)
    });

    let id = c("598821f949c0a938d57563bd");
    check(&mut failures, "get_file_details", |out| unsafe {
        ik_get_file_details(cl, id.as_ptr(), out)
    });
    check(&mut failures, "get_file_metadata", |out| unsafe {
        ik_get_file_metadata(cl, id.as_ptr(), out)
    });
    let remote = c("https://ik.imagekit.io/demo/a%20b.jpg?x=1&y=2");
    check(&mut failures, "get_remote_file_url_metadata", |out| unsafe {
        ik_get_remote_file_url_metadata(cl, remote.as_ptr(), out)
    });
    let update = c(
        r#"{"tags": ["t1"], "customCoordinates": "1,1,2,2", "removeAITags": ["car"], "webhookUrl": "https://example.com/h", "customMetadata": {"brand": "y"}, "description": "d"}"#,
    );
    check(&mut failures, "update_file_details", |out| unsafe {
        ik_update_file_details(cl, id.as_ptr(), update.as_ptr(), out)
    });
    check(&mut failures, "delete_file", |out| unsafe {
        ik_delete_file(cl, id.as_ptr(), out)
    });
    let purge_url = c("https://ik.imagekit.io/demo/default-image.jpg");
    check(&mut failures, "purge_cache", |out| unsafe {
        ik_purge_cache(cl, purge_url.as_ptr(), out)
    });
    let req_id = c("598821f949c0a938d57563bd");
    check(&mut failures, "get_purge_cache_status", |out| unsafe {
        ik_get_purge_cache_status(cl, req_id.as_ptr(), out)
    });
    // Every table row the spec has, with its sample.
    let samples: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(repo_dir().join("tests/data/op_samples.json")).unwrap()).unwrap();
    let mut called = 0;
    for (index, op) in imagekit_core::api::ops::OPS
        .iter()
        .enumerate()
        .filter(|(_, op)| op.in_spec)
    {
        let sample = &samples[op.py];
        assert!(sample.is_object(), "no sample for {}", op.py);
        let ids: Vec<CString> = sample["ids"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| c(v.as_str().unwrap()))
            .collect();
        let id_ptrs: Vec<*const c_char> = ids.iter().map(|s| s.as_ptr()).collect();
        let params = (!sample["params"].is_null()).then(|| c(&sample["params"].to_string()));
        let params_ptr = params.as_ref().map_or(ptr::null(), |p| p.as_ptr());
        check(&mut failures, op.py, |out| unsafe {
            op_calls::call(index, cl, &id_ptrs, params_ptr, out)
        });
        called += 1;
    }
    // The spec's 48 operations: these 45 rows, the two uploads (above) and the internal /v1/dummy/test.
    assert_eq!(called, 45, "table rows of the spec called");

    let (get, path) = (c("GET"), c("/v1/files?limit=1"));
    check(&mut failures, "request (escape hatch)", |out| unsafe {
        ik_request(cl, get.as_ptr(), path.as_ptr(), ptr::null(), out)
    });

    // Structured upload fields. The real API and every official SDK send them as text parts
    // (`tags`/`responseFields` comma-joined, `extensions`/`customMetadata`/`transformation` as
    // JSON text, as ImageKit documents), while the spec types them as array/object, which Prism
    // cannot match in multipart. Production wins: the request must be valid in every other
    // respect, so Prism's only complaints may be exactly those five type mismatches.
    let before = prism.log.lock().unwrap().len();
    let structured = c(r#"{
        "fileName": "structured.jpg", "tags": ["a", "b"],
        "responseFields": ["tags", "customCoordinates", "isPrivateFile", "metadata"],
        "extensions": [{"name": "google-auto-tagging", "maxTags": 5, "minConfidence": 95}],
        "customMetadata": {"brand": "x"},
        "transformation": {"pre": "w-100", "post": [{"type": "transformation", "value": "h-100"}]}
    }"#);
    let mut out = ptr::null_mut();
    let st = unsafe {
        ik_upload_file_bytes(
            cl,
            bytes.as_ptr(),
            bytes.len(),
            structured.as_ptr(),
            None,
            ptr::null_mut(),
            &mut out,
        )
    };
    let _ = take(out);
    std::thread::sleep(Duration::from_millis(300)); // let Prism's log lines arrive
    let complaints: Vec<String> = prism.log.lock().unwrap()[before..]
        .iter()
        .filter(|l| l.contains("Violation:"))
        .cloned()
        .collect();
    let expected_only = [
        "request.body.tags Request body property tags must be array",
        "request.body.responseFields Request body property responseFields must be array",
        "request.body.extensions Request body property extensions must be array",
        "request.body.customMetadata Request body property customMetadata must be object",
        "request.body.transformation Request body property transformation must be object",
    ];
    assert_eq!(
        st,
        ik_status::BadRequest,
        "Prism should flag the text-encoded structured fields"
    );
    for line in &complaints {
        assert!(
            expected_only.iter().any(|e| line.contains(e)),
            "unexpected spec violation in the structured upload: {line}"
        );
    }
    assert_eq!(complaints.len(), expected_only.len(), "violations: {complaints:#?}");

    // The validation is live: a request that breaks the spec must be refused, so this test can fail.
    let bad = c(r#"{"urls": "the required field is `url`"}"#);
    let (patch, details) = (c("POST"), c("/v1/files/purge"));
    let mut out = ptr::null_mut();
    let st = unsafe { ik_request(cl, patch.as_ptr(), details.as_ptr(), bad.as_ptr(), &mut out) };
    let text = take(out);
    assert_ne!(st, ik_status::Ok, "Prism accepted a request outside the spec: {text}");

    let violations: Vec<String> = prism
        .log
        .lock()
        .unwrap()
        .iter()
        .filter(|l| l.contains("✖") || l.contains("violation") || l.contains("error"))
        .cloned()
        .collect();
    assert!(
        failures.is_empty(),
        "requests rejected by Prism:\n{}\n--- Prism reported:\n{}",
        failures.join("\n"),
        violations.join("\n")
    );
}
