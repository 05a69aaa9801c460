//! Every media-library operation through its C ABI function, called from Rust, against the
//! project's ImageKit-compatible server (`ik-mock-server`, started in-process), whose request log
//! shows what went over the wire: the round trip upload → list → details → update → metadata →
//! remote metadata → purge → status → delete, percent-encoded ids, the multipart shape,
//! progress and cancellation, streamed file uploads (memory does not grow with the file), NULL /
//! UTF-8 / JSON errors, the error document, and that the private key never shows up in an error
//! or a log record.

use crate::support::{self, config, dead_port, Mock};
use ik_mock_server::{Fault, MockServer, RecordedRequest, HELP};
use imagekit::client::{ik_client, ik_client_free, ik_client_new, ik_client_set_logger, ik_string_free};
use imagekit::ops_gen::{
    ik_delete_file, ik_get_file_details, ik_get_file_metadata, ik_get_purge_cache_status,
    ik_get_remote_file_url_metadata, ik_list_files, ik_purge_cache, ik_update_file_details,
};
use imagekit::request::ik_request;
use imagekit::seed_names::{ik_upload_file, ik_upload_file_bytes, ik_upload_file_path};
use imagekit::status::ik_status;
use serde_json::{json, Value};
use std::ffi::{c_char, c_int, c_void, CStr, CString};
use std::sync::{Mutex, RwLock};

/// Memory-measuring tests take this exclusively; the others share it.
static GATE: RwLock<()> = RwLock::new(());

/// The key the mock server accepts.
const TEST_PRIVATE_KEY: &str = ik_mock_server::DEFAULT_PRIVATE_KEY;

/// The request target as sent: raw path, `?`, raw query.
fn target(r: &RecordedRequest) -> String {
    if r.query.is_empty() {
        r.path.clone()
    } else {
        format!("{}?{}", r.path, r.query)
    }
}

struct Fixture {
    mock: Mock,
    client: *mut ik_client,
    logs: Box<Mutex<Vec<String>>>,
}

unsafe extern "C" fn collect_log(userdata: *mut c_void, _level: u32, message: *const c_char) {
    let logs = &*(userdata as *const Mutex<Vec<String>>);
    logs.lock()
        .unwrap()
        .push(CStr::from_ptr(message).to_string_lossy().into_owned());
}

impl Fixture {
    fn new() -> Fixture {
        let mock = Mock::start();
        let cfg = CString::new(config(&mock.server().base_url(), TEST_PRIVATE_KEY, json!({}))).unwrap();
        let mut client = std::ptr::null_mut();
        let logs = Box::new(Mutex::new(Vec::new()));
        unsafe {
            assert_eq!(
                ik_client_new(cfg.as_ptr(), &mut client, std::ptr::null_mut()),
                ik_status::Ok
            );
            let ud = &*logs as *const Mutex<Vec<String>> as *mut c_void;
            assert_eq!(ik_client_set_logger(client, Some(collect_log), 4, ud), ik_status::Ok);
        }
        Fixture { mock, client, logs }
    }

    fn mock(&self) -> &MockServer {
        self.mock.server()
    }

    /// The newest request in the server's log.
    fn last(&self) -> RecordedRequest {
        self.mock().requests().pop().expect("a request reached the server")
    }

    fn logs(&self) -> Vec<String> {
        self.logs.lock().unwrap().clone()
    }
}

impl Drop for Fixture {
    fn drop(&mut self) {
        unsafe { ik_client_free(self.client) };
    }
}

/// Calls `f(&mut out)`, takes the string, frees it, and returns (status, text).
fn take(f: impl FnOnce(*mut *mut c_char) -> ik_status) -> (ik_status, String) {
    let mut out: *mut c_char = std::ptr::dangling_mut::<c_char>(); // the call must overwrite it
    let st = f(&mut out);
    assert!(!out.is_null(), "out_json is set on every path");
    let text = unsafe { CStr::from_ptr(out) }.to_str().unwrap().to_string();
    unsafe { ik_string_free(out) };
    let _: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("out_json is JSON ({e}): {text}"));
    (st, text)
}

fn ok(f: impl FnOnce(*mut *mut c_char) -> ik_status) -> Value {
    let (st, text) = take(f);
    assert_eq!(st, ik_status::Ok, "{text}");
    serde_json::from_str(&text).unwrap()
}

fn fails(want: ik_status, f: impl FnOnce(*mut *mut c_char) -> ik_status) -> Value {
    let (st, text) = take(f);
    assert_eq!(st, want, "{text}");
    let doc: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(doc["code"], want as u32, "{text}");
    assert!(!text.contains(TEST_PRIVATE_KEY), "{text}");
    doc
}

fn cs(s: &str) -> CString {
    CString::new(s).unwrap()
}

// ---------------------------------------------------------------------------------------------

#[test]
fn round_trip_through_every_operation() {
    let _g = GATE.read().unwrap();
    let fx = Fixture::new();
    let c = fx.client;
    unsafe {
        // upload by URL (a text field), with snake_case options
        let opts = cs(
            r#"{"file":"https://example.com/cat.jpg","file_name":"cat.jpg","folder":"/pets","tags":["a","b"],"is_private_file":false,"custom_metadata":{"k":1},"use_unique_file_name":false}"#,
        );
        let up = ok(|o| ik_upload_file(c, opts.as_ptr(), None, std::ptr::null_mut(), o));
        let id = up["fileId"].as_str().unwrap().to_string();
        assert_eq!(up["filePath"], "/pets/cat.jpg");
        let last = fx.last();
        assert_eq!(
            last.path, "/api/v1/files/upload",
            "uploads go to <base>/api/v1/files/upload"
        );
        assert!(last
            .header("content-type")
            .unwrap()
            .starts_with("multipart/form-data; boundary="));
        assert_eq!(last.header("content-length").unwrap(), last.body_len.to_string());
        let file = last.part("file").unwrap();
        assert_eq!(file.filename, None, "a URL goes as a text field");
        assert_eq!(file.value.as_deref(), Some("https://example.com/cat.jpg"));
        assert_eq!(last.field("fileName"), Some("cat.jpg"));
        assert_eq!(last.field("tags"), Some("a,b"));
        assert_eq!(last.field("isPrivateFile"), Some("false"));
        assert_eq!(last.field("customMetadata"), Some(r#"{"k":1}"#));
        assert_eq!(last.field("useUniqueFileName"), Some("false"));

        // upload raw bytes: a file part with the name, the exact bytes
        let data: Vec<u8> = (0..=255u8).cycle().take(5000).collect();
        let opts = cs(r#"{"fileName":"raw.bin","folder":"/pets","useUniqueFileName":false}"#);
        let up2 = ok(|o| {
            ik_upload_file_bytes(
                c,
                data.as_ptr(),
                data.len(),
                opts.as_ptr(),
                None,
                std::ptr::null_mut(),
                o,
            )
        });
        assert_eq!(up2["size"], 5000);
        let id2 = up2["fileId"].as_str().unwrap().to_string();
        let last = fx.last();
        let file_part = last.part("file").unwrap();
        assert_eq!(file_part.filename.as_deref(), Some("raw.bin"));
        assert_eq!(file_part.size, 5000);
        assert_eq!(file_part.crc32, crc32fast::hash(&data));
        assert_eq!(file_part.prefix, data[..file_part.prefix.len()]);

        // list (all, then filtered; options in the query string)
        let all = ok(|o| ik_list_files(c, std::ptr::null(), o));
        assert_eq!(all.as_array().unwrap().len(), 2);
        assert_eq!(target(&fx.last()), "/v1/files");
        let q = cs(
            r#"{"path":"/pets","search_query":"name = \"cat.jpg\"","tags":["a","b"],"include_folder":false,"skip":0,"limit":10,"type":"file","sort":"ASC_CREATED","file_type":"image"}"#,
        );
        let listed = ok(|o| ik_list_files(c, q.as_ptr(), o));
        assert_eq!(listed.as_array().unwrap().len(), 1, "{listed}");
        assert_eq!(listed[0]["fileId"], id.as_str());
        assert_eq!(
            target(&fx.last()),
            "/v1/files?path=%2Fpets&searchQuery=name%20%3D%20%22cat.jpg%22&tags=a%2Cb&includeFolder=false&skip=0&limit=10&type=file&sort=ASC_CREATED&fileType=image"
        );

        // details
        let cid = cs(&id);
        let details = ok(|o| ik_get_file_details(c, cid.as_ptr(), o));
        assert_eq!(details["name"], "cat.jpg");
        assert_eq!(details["tags"], json!(["a", "b"]));

        // update
        let upd = cs(r#"{"tags":["x"],"customCoordinates":"1,2,3,4"}"#);
        let updated = ok(|o| ik_update_file_details(c, cid.as_ptr(), upd.as_ptr(), o));
        assert_eq!(updated["tags"], json!(["x"]));
        assert_eq!(updated["customCoordinates"], "1,2,3,4");
        let r = fx.last();
        assert_eq!(r.method, "PATCH");
        assert_eq!(r.header("content-type"), Some("application/json"));
        assert_eq!(
            r.body.as_deref(),
            Some(r#"{"tags":["x"],"customCoordinates":"1,2,3,4"}"#),
            "sent as given"
        );

        // metadata, by id and by URL: the same file, the same pHash
        let meta = ok(|o| ik_get_file_metadata(c, cid.as_ptr(), o));
        let phash = meta["pHash"].as_str().unwrap().to_string();
        assert_eq!(phash.len(), 16);
        let url = cs(up["url"].as_str().unwrap());
        let remote = ok(|o| ik_get_remote_file_url_metadata(c, url.as_ptr(), o));
        assert_eq!(remote["pHash"], phash.as_str());
        assert_eq!(
            target(&fx.last()),
            "/v1/metadata?url=https%3A%2F%2Fik.imagekit.io%2Fmock%2Fpets%2Fcat.jpg"
        );

        // purge and its status
        let purge = ok(|o| ik_purge_cache(c, url.as_ptr(), o));
        let rid = cs(purge["requestId"].as_str().unwrap());
        assert_eq!(
            fx.last().body.unwrap(),
            format!(r#"{{"url":"{}"}}"#, up["url"].as_str().unwrap())
        );
        assert_eq!(
            ok(|o| ik_get_purge_cache_status(c, rid.as_ptr(), o))["status"],
            "Pending"
        );
        assert_eq!(
            ok(|o| ik_get_purge_cache_status(c, rid.as_ptr(), o))["status"],
            "Completed"
        );

        // delete (204, no body → "{}"), then it is gone
        let deleted = ok(|o| ik_delete_file(c, cid.as_ptr(), o));
        assert_eq!(deleted, json!({}));
        let doc = fails(ik_status::NotFound, |o| ik_get_file_details(c, cid.as_ptr(), o));
        assert_eq!(doc["http_status"], 404);
        assert_eq!(doc["message"], "The requested file does not exist.");
        assert_eq!(doc["help"], HELP);
        assert_eq!(
            doc["request_id"],
            fx.last().request_id.as_str(),
            "the x-ik-requestId of the answer"
        );
        assert_eq!(doc["attempts"], 1);
        assert_eq!(doc["body"]["message"], "The requested file does not exist.");
        fails(ik_status::NotFound, |o| ik_delete_file(c, cid.as_ptr(), o));

        // the generic request reaches the same API
        let cid2 = cs(&format!("/v1/files/{id2}/details"));
        let d2 = ok(|o| ik_request(c, c"get".as_ptr(), cid2.as_ptr(), std::ptr::null(), o));
        assert_eq!(d2["name"], "raw.bin");
        let empty = ok(|o| {
            ik_request(
                c,
                c"DELETE".as_ptr(),
                cs(&format!("/v1/files/{id2}")).as_ptr(),
                std::ptr::null(),
                o,
            )
        });
        assert_eq!(empty, json!({}));
        assert!(fx.mock().files().is_empty());
    }
    // the log has the request and response lines, never the key
    let logs = fx.logs();
    assert!(
        logs.iter().any(|l| l.contains("request POST /api/v1/files/upload")),
        "{logs:?}"
    );
    assert!(
        logs.iter()
            .any(|l| l.contains("response DELETE /v1/files/") && l.contains("204")),
        "{logs:?}"
    );
    assert!(
        logs.iter()
            .all(|l| !l.contains(TEST_PRIVATE_KEY) && !l.contains("Basic ")),
        "{logs:?}"
    );
}

#[test]
fn path_segments_are_percent_encoded() {
    let _g = GATE.read().unwrap();
    let fx = Fixture::new();
    let c = fx.client;
    unsafe {
        let id = cs("a/b c?d#%é");
        fails(ik_status::NotFound, |o| ik_get_file_details(c, id.as_ptr(), o));
        assert_eq!(target(&fx.last()), "/v1/files/a%2Fb%20c%3Fd%23%25%C3%A9/details");
        fails(ik_status::NotFound, |o| ik_delete_file(c, id.as_ptr(), o));
        assert_eq!(target(&fx.last()), "/v1/files/a%2Fb%20c%3Fd%23%25%C3%A9");
        fails(ik_status::NotFound, |o| {
            ik_get_purge_cache_status(c, c"x/y".as_ptr(), o)
        });
        assert_eq!(target(&fx.last()), "/v1/files/purge/x%2Fy");
        let n = fx.mock().requests().len();
        for bad in [c"", c".."] {
            fails(ik_status::InvalidArgument, |o| ik_get_file_details(c, bad.as_ptr(), o));
        }
        assert_eq!(fx.mock().requests().len(), n, "refused before sending");
        // An id that needs encoding reaches the right file.
        let up = ok(|o| {
            ik_upload_file_bytes(
                c,
                b"x".as_ptr(),
                1,
                cr#"{"fileName":"e.txt"}"#.as_ptr(),
                None,
                std::ptr::null_mut(),
                o,
            )
        });
        let fid = cs(up["fileId"].as_str().unwrap());
        assert_eq!(ok(|o| ik_get_file_details(c, fid.as_ptr(), o))["fileId"], up["fileId"]);
    }
}

struct Progress {
    calls: Vec<(u64, u64)>,
    cancel_after: u64,
    rss_peak_kb: u64,
    measure: bool,
}

unsafe extern "C" fn on_progress(userdata: *mut c_void, sent: u64, total: u64) -> c_int {
    let p = &mut *(userdata as *mut Progress);
    p.calls.push((sent, total));
    if p.measure && p.calls.len() % 16 == 0 {
        p.rss_peak_kb = p.rss_peak_kb.max(rss_kb());
    }
    (sent >= p.cancel_after) as c_int
}

fn rss_kb() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

#[test]
fn progress_is_reported_up_to_the_total() {
    let _g = GATE.read().unwrap();
    let fx = Fixture::new();
    let data = vec![7u8; 1 << 20];
    let mut p = Progress {
        calls: vec![],
        cancel_after: u64::MAX,
        rss_peak_kb: 0,
        measure: false,
    };
    let opts = cs(r#"{"fileName":"p.bin"}"#);
    unsafe {
        ok(|o| {
            ik_upload_file_bytes(
                fx.client,
                data.as_ptr(),
                data.len(),
                opts.as_ptr(),
                Some(on_progress),
                &mut p as *mut _ as *mut c_void,
                o,
            )
        });
    }
    let last = fx.last();
    let wire = last.body_len;
    assert_eq!(last.part("file").unwrap().size, data.len() as u64);
    assert!(p.calls.len() >= 3, "{:?}", p.calls);
    assert_eq!(p.calls[0], (0, wire), "a first call before any byte");
    assert_eq!(
        *p.calls.last().unwrap(),
        (wire, wire),
        "the last call reports everything sent"
    );
    assert!(
        p.calls.windows(2).all(|w| w[0].0 <= w[1].0 && w[0].1 == w[1].1),
        "monotonic, fixed total"
    );
    assert!(wire > data.len() as u64, "total is the whole multipart body");
}

#[test]
fn cancelling_stops_the_upload_and_nothing_is_stored() {
    let _g = GATE.read().unwrap();
    let fx = Fixture::new();
    let data = vec![1u8; 4 << 20];
    let opts = cs(r#"{"fileName":"cancel.bin"}"#);
    for cancel_after in [0u64, 1 << 20] {
        let mut p = Progress {
            calls: vec![],
            cancel_after,
            rss_peak_kb: 0,
            measure: false,
        };
        let before = fx.mock().requests().len();
        let doc = unsafe {
            fails(ik_status::Cancelled, |o| {
                ik_upload_file_bytes(
                    fx.client,
                    data.as_ptr(),
                    data.len(),
                    opts.as_ptr(),
                    Some(on_progress),
                    &mut p as *mut _ as *mut c_void,
                    o,
                )
            })
        };
        assert_eq!(doc["status"], "cancelled");
        assert_eq!(doc["attempts"], 1, "a cancelled upload is never retried");
        assert!(p.calls.last().unwrap().0 >= cancel_after);
        assert!(
            p.calls.last().unwrap().0 < p.calls.last().unwrap().1,
            "stopped before the end"
        );
        std::thread::sleep(std::time::Duration::from_millis(100));
        let after = fx.mock().requests();
        assert!(
            after[before..].iter().all(|r| r.status.is_none()),
            "the server never got a complete request"
        );
    }
    assert!(fx.mock().files().is_empty());
    // the client still works afterwards
    unsafe {
        let list = ok(|o| ik_list_files(fx.client, std::ptr::null(), o));
        assert_eq!(list, json!([]));
    }
}

#[test]
fn a_large_file_is_streamed_from_disk_in_constant_memory() {
    // It measures the process's memory: alone, in a child process.
    if !support::alone(module_path!(), "a_large_file_is_streamed_from_disk_in_constant_memory") {
        return;
    }
    let _g = GATE.write().unwrap();
    let fx = Fixture::new();
    let dir = std::env::temp_dir().join(format!("ik-big-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("big.bin");
    {
        use std::io::Write;
        let mut f = std::fs::File::create(&path).unwrap();
        let chunk = vec![0xABu8; 1 << 20];
        for _ in 0..96 {
            f.write_all(&chunk).unwrap();
        }
    }
    let size = 96u64 << 20;
    let cpath = cs(path.to_str().unwrap());
    let opts = cs(r#"{"fileName":"big.bin"}"#);
    let base = rss_kb();
    let mut p = Progress {
        calls: vec![],
        cancel_after: u64::MAX,
        rss_peak_kb: base,
        measure: true,
    };
    let out = unsafe {
        ok(|o| {
            ik_upload_file_path(
                fx.client,
                cpath.as_ptr(),
                opts.as_ptr(),
                Some(on_progress),
                &mut p as *mut _ as *mut c_void,
                o,
            )
        })
    };
    assert_eq!(out["size"], size, "the server counted every byte");
    let last = fx.last();
    assert_eq!(last.part("file").unwrap().size, size);
    assert_eq!(last.part("file").unwrap().filename.as_deref(), Some("big.bin"));
    let wire = last.body_len;
    assert!(wire > size && wire < size + 4096, "{wire}");
    assert_eq!(p.calls.last().unwrap(), &(wire, wire));
    let growth_mb = p.rss_peak_kb.saturating_sub(base) / 1024;
    eprintln!("rss growth {growth_mb} MiB, {} progress calls", p.calls.len());
    assert!(
        growth_mb < 32,
        "memory grew by {growth_mb} MiB while streaming a 96 MiB file"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn bad_upload_arguments_are_refused_naming_the_problem() {
    let _g = GATE.read().unwrap();
    let fx = Fixture::new();
    let c = fx.client;
    let nul = std::ptr::null_mut();
    unsafe {
        // missing fileName / file, unknown option (named), bad value type, file + bytes
        let d = fails(ik_status::InvalidArgument, |o| {
            ik_upload_file(c, cr#"{"file":"https://x/y.jpg"}"#.as_ptr(), None, nul, o)
        });
        assert!(d["message"].as_str().unwrap().contains("fileName"));
        let d = fails(ik_status::InvalidArgument, |o| {
            ik_upload_file(c, cr#"{"fileName":"y.jpg"}"#.as_ptr(), None, nul, o)
        });
        assert!(d["message"].as_str().unwrap().contains("`file`"));
        let d = fails(ik_status::InvalidArgument, |o| {
            ik_upload_file(
                c,
                cr#"{"file":"u","fileName":"y","colour":"red"}"#.as_ptr(),
                None,
                nul,
                o,
            )
        });
        assert!(d["message"].as_str().unwrap().contains("colour"));
        let d = fails(ik_status::InvalidArgument, |o| {
            ik_upload_file(
                c,
                cr#"{"file":"u","fileName":"y","useUniqueFileName":"maybe"}"#.as_ptr(),
                None,
                nul,
                o,
            )
        });
        assert!(d["message"].as_str().unwrap().contains("useUniqueFileName"));
        fails(ik_status::InvalidArgument, |o| {
            ik_upload_file_bytes(
                c,
                b"x".as_ptr(),
                1,
                cr#"{"fileName":"y","file":"z"}"#.as_ptr(),
                None,
                nul,
                o,
            )
        });
        // JSON problems
        fails(ik_status::InvalidArgument, |o| {
            ik_upload_file(c, c"{".as_ptr(), None, nul, o)
        });
        fails(ik_status::InvalidArgument, |o| {
            ik_upload_file(c, c"[]".as_ptr(), None, nul, o)
        });
        // NULLs
        let d = fails(ik_status::NullArgument, |o| {
            ik_upload_file(std::ptr::null(), c"{}".as_ptr(), None, nul, o)
        });
        assert!(d["message"].as_str().unwrap().contains("client"));
        let d = fails(ik_status::NullArgument, |o| {
            ik_upload_file(c, std::ptr::null(), None, nul, o)
        });
        assert!(d["message"].as_str().unwrap().contains("options_json"));
        let d = fails(ik_status::NullArgument, |o| {
            ik_upload_file_bytes(c, std::ptr::null(), 3, cr#"{"fileName":"y"}"#.as_ptr(), None, nul, o)
        });
        assert!(d["message"].as_str().unwrap().contains("data"));
        let d = fails(ik_status::NullArgument, |o| {
            ik_upload_file_path(c, std::ptr::null(), cr#"{"fileName":"y"}"#.as_ptr(), None, nul, o)
        });
        assert!(d["message"].as_str().unwrap().contains("path"));
        assert_eq!(
            ik_upload_file(c, c"{}".as_ptr(), None, nul, std::ptr::null_mut()),
            ik_status::NullArgument
        );
        // a missing file or a directory is an Io error naming the path
        let d = fails(ik_status::Io, |o| {
            ik_upload_file_path(
                c,
                c"/nonexistent/dir/f.jpg".as_ptr(),
                cr#"{"fileName":"f.jpg"}"#.as_ptr(),
                None,
                nul,
                o,
            )
        });
        assert!(d["message"].as_str().unwrap().contains("/nonexistent/dir/f.jpg"));
        fails(ik_status::Io, |o| {
            ik_upload_file_path(c, c"/tmp".as_ptr(), cr#"{"fileName":"f"}"#.as_ptr(), None, nul, o)
        });
        // invalid UTF-8 anywhere
        let bad = [b'{', 0xff, b'}', 0];
        let d = fails(ik_status::InvalidArgument, |o| {
            ik_upload_file(c, bad.as_ptr().cast(), None, nul, o)
        });
        assert!(d["message"].as_str().unwrap().contains("UTF-8"));
        fails(ik_status::InvalidArgument, |o| {
            ik_upload_file_path(c, bad.as_ptr().cast(), cr#"{"fileName":"f"}"#.as_ptr(), None, nul, o)
        });
        // an empty byte upload is allowed (NULL data with len 0)
        let up = ok(|o| {
            ik_upload_file_bytes(
                c,
                std::ptr::null(),
                0,
                cr#"{"fileName":"empty.txt"}"#.as_ptr(),
                None,
                nul,
                o,
            )
        });
        assert_eq!(up["size"], 0);
    }
    assert_eq!(fx.mock().requests().len(), 1, "no invalid call reached the server");
}

#[test]
fn bad_file_operation_arguments_are_refused() {
    let _g = GATE.read().unwrap();
    let fx = Fixture::new();
    let c = fx.client;
    let null: *const c_char = std::ptr::null();
    let nc: *const ik_client = std::ptr::null();
    let bad = [0xc3u8, 0x28, 0];
    let badp: *const c_char = bad.as_ptr().cast();
    unsafe {
        // NULL client for every function
        fails(ik_status::NullArgument, |o| ik_list_files(nc, null, o));
        fails(ik_status::NullArgument, |o| ik_get_file_details(nc, c"x".as_ptr(), o));
        fails(ik_status::NullArgument, |o| ik_get_file_metadata(nc, c"x".as_ptr(), o));
        fails(ik_status::NullArgument, |o| {
            ik_get_remote_file_url_metadata(nc, c"x".as_ptr(), o)
        });
        fails(ik_status::NullArgument, |o| {
            ik_update_file_details(nc, c"x".as_ptr(), c"{}".as_ptr(), o)
        });
        fails(ik_status::NullArgument, |o| ik_delete_file(nc, c"x".as_ptr(), o));
        fails(ik_status::NullArgument, |o| ik_purge_cache(nc, c"x".as_ptr(), o));
        fails(ik_status::NullArgument, |o| {
            ik_get_purge_cache_status(nc, c"x".as_ptr(), o)
        });
        fails(ik_status::NullArgument, |o| {
            ik_request(nc, c"GET".as_ptr(), c"/v1/files".as_ptr(), null, o)
        });
        // NULL required strings, named
        for (doc, name) in [
            (
                fails(ik_status::NullArgument, |o| ik_get_file_details(c, null, o)),
                "file_id",
            ),
            (
                fails(ik_status::NullArgument, |o| ik_get_file_metadata(c, null, o)),
                "file_id",
            ),
            (
                fails(ik_status::NullArgument, |o| ik_get_remote_file_url_metadata(c, null, o)),
                "remote_url",
            ),
            (
                fails(ik_status::NullArgument, |o| {
                    ik_update_file_details(c, c"x".as_ptr(), null, o)
                }),
                "update_json",
            ),
            (
                fails(ik_status::NullArgument, |o| ik_delete_file(c, null, o)),
                "file_id",
            ),
            (fails(ik_status::NullArgument, |o| ik_purge_cache(c, null, o)), "url"),
            (
                fails(ik_status::NullArgument, |o| ik_get_purge_cache_status(c, null, o)),
                "request_id",
            ),
            (
                fails(ik_status::NullArgument, |o| {
                    ik_request(c, null, c"/v1/files".as_ptr(), null, o)
                }),
                "method",
            ),
            (
                fails(ik_status::NullArgument, |o| {
                    ik_request(c, c"GET".as_ptr(), null, null, o)
                }),
                "path_and_query",
            ),
        ] {
            assert!(doc["message"].as_str().unwrap().contains(name), "{doc}");
        }
        // NULL out_json
        assert_eq!(ik_list_files(c, null, std::ptr::null_mut()), ik_status::NullArgument);
        assert_eq!(
            ik_delete_file(c, c"x".as_ptr(), std::ptr::null_mut()),
            ik_status::NullArgument
        );
        // invalid UTF-8
        for d in [
            fails(ik_status::InvalidArgument, |o| ik_get_file_details(c, badp, o)),
            fails(ik_status::InvalidArgument, |o| ik_list_files(c, badp, o)),
            fails(ik_status::InvalidArgument, |o| {
                ik_update_file_details(c, c"x".as_ptr(), badp, o)
            }),
            fails(ik_status::InvalidArgument, |o| ik_purge_cache(c, badp, o)),
            fails(ik_status::InvalidArgument, |o| {
                ik_request(c, c"GET".as_ptr(), badp, null, o)
            }),
        ] {
            assert!(d["message"].as_str().unwrap().contains("UTF-8"), "{d}");
        }
        // bad JSON and bad options
        fails(ik_status::InvalidArgument, |o| ik_list_files(c, c"{nope".as_ptr(), o));
        let d = fails(ik_status::InvalidArgument, |o| {
            ik_list_files(c, cr#"{"name":"x"}"#.as_ptr(), o)
        });
        assert!(d["message"].as_str().unwrap().contains("`name`"));
        fails(ik_status::InvalidArgument, |o| {
            ik_list_files(c, cr#"{"limit":"ten"}"#.as_ptr(), o)
        });
        fails(ik_status::InvalidArgument, |o| {
            ik_update_file_details(c, c"x".as_ptr(), c"[1]".as_ptr(), o)
        });
        fails(ik_status::InvalidArgument, |o| {
            ik_update_file_details(c, c"x".as_ptr(), c"{".as_ptr(), o)
        });
        fails(ik_status::InvalidArgument, |o| ik_purge_cache(c, c"  ".as_ptr(), o));
        fails(ik_status::InvalidArgument, |o| {
            ik_get_remote_file_url_metadata(c, c"".as_ptr(), o)
        });
        // the generic request's own checks
        fails(ik_status::InvalidArgument, |o| {
            ik_request(c, c"TRACE".as_ptr(), c"/v1/files".as_ptr(), null, o)
        });
        fails(ik_status::InvalidArgument, |o| {
            ik_request(c, c"GET".as_ptr(), c"v1/files".as_ptr(), null, o)
        });
        fails(ik_status::InvalidArgument, |o| {
            ik_request(c, c"GET".as_ptr(), c"https://evil.example/v1".as_ptr(), null, o)
        });
        fails(ik_status::InvalidArgument, |o| {
            ik_request(c, c"GET".as_ptr(), c"//evil.example/v1".as_ptr(), null, o)
        });
        fails(ik_status::InvalidArgument, |o| {
            ik_request(c, c"GET".as_ptr(), c"/v1/a b".as_ptr(), null, o)
        });
        fails(ik_status::InvalidArgument, |o| {
            ik_request(c, c"POST".as_ptr(), c"/v1/files".as_ptr(), c"{x".as_ptr(), o)
        });
    }
    assert_eq!(fx.mock().requests().len(), 0, "no invalid call reached the server");
}

#[test]
fn http_errors_carry_the_error_document() {
    let _g = GATE.read().unwrap();
    let fx = Fixture::new();
    let c = fx.client;
    fx.mock().push_fault(
        Fault::status(429)
            .body(r#"{"message":"Too many requests"}"#)
            .header("X-RateLimit-Limit", "100")
            .header("X-RateLimit-Reset", "10")
            .header("X-RateLimit-Interval", "1000")
            .header("x-should-retry", "false"),
    );
    fx.mock().push_fault(Fault::bad_gateway_html().times(3));
    unsafe {
        let d = fails(ik_status::RateLimited, |o| ik_list_files(c, std::ptr::null(), o));
        assert_eq!(d["status"], "rate_limited");
        assert_eq!(
            d["rate_limit"],
            json!({"limit": 100, "reset_ms": 10, "interval_ms": 1000})
        );
        assert_eq!(d["message"], "Too many requests");
        assert_eq!(d["request_id"], fx.last().request_id.as_str());
        assert_eq!(d["attempts"], 1, "x-should-retry: false");

        let d = fails(ik_status::ServerError, |o| ik_list_files(c, std::ptr::null(), o));
        assert_eq!(d["http_status"], 502);
        assert_eq!(d["attempts"], 3);
        assert_eq!(
            d["body"], "<html>Bad Gateway</html>",
            "non-JSON bodies are kept as text"
        );

        // The server's own 400 for a missing field, with its reason.
        let d = fails(ik_status::BadRequest, |o| {
            ik_request(c, c"POST".as_ptr(), c"/v1/files/copy".as_ptr(), c"{}".as_ptr(), o)
        });
        assert_eq!(d["reason"], "MISSING_PARAMETER");
        assert_eq!(d["help"], HELP);
        assert!(d["message"].as_str().unwrap().contains("sourceFilePath"), "{d}");
    }
    // a wrong key is refused (403), and the error never shows either key
    let cfg = cs(&config(
        &fx.mock().base_url(),
        TEST_PRIVATE_KEY,
        json!({"private_key": "wrong_private_key_XYZ"}),
    ));
    unsafe {
        let mut other = std::ptr::null_mut();
        assert_eq!(
            ik_client_new(cfg.as_ptr(), &mut other, std::ptr::null_mut()),
            ik_status::Ok
        );
        let (st, text) = take(|o| ik_list_files(other, std::ptr::null(), o));
        assert_eq!(st, ik_status::Forbidden, "{text}");
        assert!(
            !text.contains("wrong_private_key_XYZ") && !text.contains(TEST_PRIVATE_KEY),
            "{text}"
        );
        ik_client_free(other);
    }
    let logs = fx.logs();
    assert!(
        logs.iter().any(|l| l.contains("retry 1/2") && l.contains("HTTP 502")),
        "{logs:?}"
    );
    assert!(logs.iter().all(|l| !l.contains(TEST_PRIVATE_KEY)), "{logs:?}");
}

#[test]
fn an_unreachable_server_is_a_network_error_after_the_retries() {
    let _g = GATE.read().unwrap();
    let port = dead_port();
    let cfg = cs(&config(
        &format!("http://127.0.0.1:{port}"),
        TEST_PRIVATE_KEY,
        json!({"max_retries": 1}),
    ));
    unsafe {
        let mut c = std::ptr::null_mut();
        assert_eq!(ik_client_new(cfg.as_ptr(), &mut c, std::ptr::null_mut()), ik_status::Ok);
        let d = fails(ik_status::Network, |o| ik_get_file_details(c, c"abc".as_ptr(), o));
        assert_eq!(d["status"], "network");
        assert_eq!(d["attempts"], 2);
        assert!(d.get("http_status").is_none());
        let data = [1u8; 10];
        let d = fails(ik_status::Network, |o| {
            ik_upload_file_bytes(
                c,
                data.as_ptr(),
                10,
                cr#"{"fileName":"a"}"#.as_ptr(),
                None,
                std::ptr::null_mut(),
                o,
            )
        });
        assert_eq!(d["attempts"], 2, "byte uploads are replayable, so they are retried");
        ik_client_free(c);
    }
}

// ---------------------------------------------------------------------------------------------
// Reconnects, TLS and cancellation against the server.

mod connections {
    use super::*;
    use std::time::Duration;

    fn mock_client(base: &str, extra: Value) -> *mut ik_client {
        let mut cfg: Value = serde_json::from_str(&config(base, TEST_PRIVATE_KEY, extra)).unwrap();
        cfg["private_key"] = json!(ik_mock_server::DEFAULT_PRIVATE_KEY);
        let cfg = cs(&cfg.to_string());
        let mut c = std::ptr::null_mut();
        unsafe { assert_eq!(ik_client_new(cfg.as_ptr(), &mut c, std::ptr::null_mut()), ik_status::Ok) };
        c
    }

    #[test]
    fn round_trip_against_the_mock_server() {
        let _g = GATE.read().unwrap();
        let mock = MockServer::start();
        let c = mock_client(&mock.base_url(), json!({}));
        let dir = std::env::temp_dir().join(format!("ik-mock-rt-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("notes.txt");
        std::fs::write(&path, "hello from a file\n".repeat(1000)).unwrap();
        let cpath = cs(path.to_str().unwrap());
        unsafe {
            let a = ok(|o| {
                ik_upload_file_path(
                    c,
                    cpath.as_ptr(),
                    cr#"{"fileName":"notes.txt","folder":"/rt","tags":["t1","t2"],"useUniqueFileName":false}"#.as_ptr(),
                    None,
                    std::ptr::null_mut(),
                    o,
                )
            });
            assert_eq!(a["size"], 18_000);
            let b = ok(|o| {
                ik_upload_file_bytes(
                    c,
                    b"abc".as_ptr(),
                    3,
                    cr#"{"fileName":"b.txt","folder":"/rt","is_private_file":true}"#.as_ptr(),
                    None,
                    std::ptr::null_mut(),
                    o,
                )
            });
            let u = ok(|o| {
                ik_upload_file(
                    c,
                    cr#"{"file":"https://example.com/x.jpg","fileName":"x.jpg","folder":"/rt"}"#.as_ptr(),
                    None,
                    std::ptr::null_mut(),
                    o,
                )
            });
            let rec = mock.requests();
            let up = rec.iter().find(|r| r.field("fileName") == Some("notes.txt")).unwrap();
            assert_eq!(up.field("tags"), Some("t1,t2"));
            assert_eq!(up.field("useUniqueFileName"), Some("false"));
            assert_eq!(up.part("file").unwrap().size, 18_000);
            assert_eq!(up.part("file").unwrap().filename.as_deref(), Some("notes.txt"));
            let upb = rec.iter().find(|r| r.field("isPrivateFile") == Some("true")).unwrap();
            assert_eq!(upb.part("file").unwrap().size, 3);

            let listed = ok(|o| ik_list_files(c, cr#"{"path":"/rt","limit":10}"#.as_ptr(), o));
            assert_eq!(listed.as_array().unwrap().len(), 3, "{listed}");
            let searched = ok(|o| ik_list_files(c, cr#"{"search_query":"name = \"notes.txt\""}"#.as_ptr(), o));
            assert_eq!(searched.as_array().unwrap().len(), 1, "{searched}");

            let id = cs(a["fileId"].as_str().unwrap());
            let d = ok(|o| ik_get_file_details(c, id.as_ptr(), o));
            assert_eq!(d["name"], "notes.txt");
            let upd = ok(|o| ik_update_file_details(c, id.as_ptr(), cr#"{"tags":["changed"]}"#.as_ptr(), o));
            assert_eq!(upd["tags"], json!(["changed"]));
            let m = ok(|o| ik_get_file_metadata(c, id.as_ptr(), o));
            assert!(m.get("pHash").is_some() || m.get("size").is_some(), "{m}");
            let url = cs(d["url"].as_str().unwrap());
            ok(|o| ik_get_remote_file_url_metadata(c, url.as_ptr(), o));

            let p = ok(|o| ik_purge_cache(c, url.as_ptr(), o));
            let rid = cs(p["requestId"].as_str().unwrap());
            assert_eq!(
                ok(|o| ik_get_purge_cache_status(c, rid.as_ptr(), o))["status"],
                "Pending"
            );
            assert_eq!(
                ok(|o| ik_get_purge_cache_status(c, rid.as_ptr(), o))["status"],
                "Completed"
            );
            fails(ik_status::NotFound, |o| {
                ik_get_purge_cache_status(c, c"no-such-purge".as_ptr(), o)
            });

            for f in [&a, &b, &u] {
                let fid = cs(f["fileId"].as_str().unwrap());
                assert_eq!(ok(|o| ik_delete_file(c, fid.as_ptr(), o)), json!({}));
            }
            let doc = fails(ik_status::NotFound, |o| ik_get_file_details(c, id.as_ptr(), o));
            assert!(doc["request_id"].as_str().is_some_and(|r| !r.is_empty()));
            assert!(mock.files().is_empty());
            ik_client_free(c);
        }
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn faults_are_retried_and_connections_are_not_leaked() {
        let _g = GATE.read().unwrap();
        let mock = MockServer::start();
        let c = mock_client(&mock.base_url(), json!({}));
        unsafe {
            mock.push_fault(Fault::status(503).times(2));
            ok(|o| ik_list_files(c, std::ptr::null(), o));
            assert_eq!(mock.requests().len(), 3);

            mock.push_fault(Fault::rate_limited(20).times(5));
            let d = fails(ik_status::RateLimited, |o| ik_list_files(c, std::ptr::null(), o));
            assert_eq!(d["attempts"], 3);
            assert_eq!(d["rate_limit"]["reset_ms"], 20);
            mock.clear_faults();

            mock.push_fault(Fault::bad_gateway_html().times(3));
            let d = fails(ik_status::ServerError, |o| ik_list_files(c, std::ptr::null(), o));
            assert_eq!(d["body"], "<html>Bad Gateway</html>");

            // an upload whose connection drops is sent again, whole
            mock.push_fault(Fault::status(500).on("POST", "/api/v1/files/upload"));
            let data = vec![9u8; 300_000];
            let up = ok(|o| {
                ik_upload_file_bytes(
                    c,
                    data.as_ptr(),
                    data.len(),
                    cr#"{"fileName":"again.bin"}"#.as_ptr(),
                    None,
                    std::ptr::null_mut(),
                    o,
                )
            });
            assert_eq!(up["size"], 300_000);
            let uploads: Vec<_> = mock
                .requests()
                .into_iter()
                .filter(|r| r.path == "/api/v1/files/upload")
                .collect();
            assert_eq!(uploads.len(), 2);
            assert_eq!(uploads[0].body_len, uploads[1].body_len);

            // every attempt above reused the one keep-alive connection
            assert_eq!(mock.connections_accepted(), 1);
            ik_client_free(c);
        }
        assert!(
            mock.wait_for_open_connections(0, Duration::from_secs(5)),
            "freeing the client closes its connections"
        );
    }

    #[test]
    fn tls_is_refused_without_the_servers_ca() {
        let _g = GATE.read().unwrap();
        let mock = MockServer::start();
        let base = mock.tls_base_url().unwrap();
        let ca = mock.ca_pem_path();
        let c = mock_client(&base, json!({"ca_file": ca.to_str().unwrap()}));
        unsafe {
            ok(|o| ik_list_files(c, std::ptr::null(), o));
            ik_client_free(c);
            let c = mock_client(&base, json!({}));
            let d = fails(ik_status::Tls, |o| ik_list_files(c, std::ptr::null(), o));
            assert_eq!(d["attempts"], 1);
            ik_client_free(c);
            let c = mock_client(&base, json!({"ca_pem": ik_mock_server::OTHER_CA_PEM}));
            fails(ik_status::Tls, |o| ik_list_files(c, std::ptr::null(), o));
            ik_client_free(c);
        }
    }

    #[test]
    fn a_cancelled_upload_leaves_nothing_on_the_mock_server() {
        let _g = GATE.read().unwrap();
        let mock = MockServer::start();
        let c = mock_client(&mock.base_url(), json!({}));
        let data = vec![3u8; 8 << 20];
        let mut p = Progress {
            calls: vec![],
            cancel_after: 2 << 20,
            rss_peak_kb: 0,
            measure: false,
        };
        unsafe {
            fails(ik_status::Cancelled, |o| {
                ik_upload_file_bytes(
                    c,
                    data.as_ptr(),
                    data.len(),
                    cr#"{"fileName":"half.bin"}"#.as_ptr(),
                    Some(on_progress),
                    &mut p as *mut _ as *mut c_void,
                    o,
                )
            });
            ik_client_free(c);
        }
        assert!(mock.wait_for_open_connections(0, Duration::from_secs(5)));
        assert!(mock.files().is_empty(), "{:?}", mock.files());
    }
}
