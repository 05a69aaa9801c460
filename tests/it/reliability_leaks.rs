//! No fd or memory growth over thousands of failing network calls through the C functions:
//! 404s, 503s (not retried), dropped connections, refused connections, timeouts, bad arguments
//! and uploads of a missing file, on one client. Measured from /proc/self (Linux) after a
//! warm-up, so pools and caches that fill once are not counted. (valgrind's leak check over the
//! C tests, in tests/it/c_abi.rs, covers the C ABI's own allocations.)

use crate::support::{self, client, config, cstr, out, upload_bytes, CClient};
use ik_mock_server::{Fault, MockServer};
use imagekit::request::ik_request;
use imagekit::seed_names::{ik_upload_file_bytes, ik_upload_file_path};
use imagekit::status::ik_status;
use serde_json::json;
use std::time::Duration;

fn open_fds() -> usize {
    std::fs::read_dir("/proc/self/fd").unwrap().count()
}

fn rss_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap()
}

fn failing_round(c: &CClient, quick: &CClient, dead: &CClient, server: &MockServer, i: usize) {
    let (m, p) = (cstr("GET"), cstr("/v1/files/missing/details"));
    let (st, _) = out(|o| unsafe { ik_request(c.ptr, m.as_ptr(), p.as_ptr(), std::ptr::null(), o) });
    assert_eq!(st, ik_status::NotFound);
    match i % 5 {
        0 => server.push_fault(Fault::status(503)),
        1 => server.push_fault(Fault::drop_connection()),
        2 => server.push_fault(Fault::drop_mid_response()),
        3 => server.push_fault(Fault::delay(Duration::from_millis(120))),
        _ => server.push_fault(Fault::echo_secrets(500)),
    }
    let data = [1u8; 700];
    let o_ = cstr(r#"{"fileName":"leak.bin"}"#);
    let up = if i % 5 == 3 { quick } else { c };
    let (st, _) = upload_bytes(ik_upload_file_bytes, up.ptr, &data, &o_);
    assert_ne!(st, ik_status::Ok, "round {i}");
    server.clear_faults();
    let (st, _) = out(|o| unsafe { ik_request(dead.ptr, m.as_ptr(), p.as_ptr(), std::ptr::null(), o) });
    assert_eq!(st, ik_status::Network);
    let (bad, path) = (cstr("{\"fileName\":"), cstr("/nonexistent/ik/leak"));
    let (st, _) =
        out(|o| unsafe { ik_upload_file_path(c.ptr, path.as_ptr(), bad.as_ptr(), None, std::ptr::null_mut(), o) });
    assert_eq!(st, ik_status::InvalidArgument);
    let ok_opts = cstr(r#"{"fileName":"x"}"#);
    let (st, _) =
        out(|o| unsafe { ik_upload_file_path(c.ptr, path.as_ptr(), ok_opts.as_ptr(), None, std::ptr::null_mut(), o) });
    assert_eq!(st, ik_status::Io);
}

#[test]
fn failing_calls_do_not_grow_fds_or_memory() {
    // It measures the whole process: alone, in a child process.
    if !support::alone(module_path!(), "failing_calls_do_not_grow_fds_or_memory") {
        return;
    }
    let server = MockServer::start();
    let c = client(&config(
        &server.base_url(),
        "private_key_test",
        json!({"max_retries": 0}),
    ));
    let quick = client(&config(
        &server.base_url(),
        "private_key_test",
        json!({"max_retries": 0, "timeout_ms": 40}),
    ));
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let dead = client(&config(
        &format!("http://127.0.0.1:{port}"),
        "k",
        json!({"max_retries": 0}),
    ));
    for i in 0..100 {
        failing_round(&c, &quick, &dead, &server, i);
    }
    c.clear_logs();
    quick.clear_logs();
    dead.clear_logs();
    let (fd0, rss0) = (open_fds(), rss_kib());
    let rounds = 800;
    for i in 0..rounds {
        failing_round(&c, &quick, &dead, &server, i);
        if i % 100 == 0 {
            server.clear_requests(); // the in-process mock keeps a request log
            c.clear_logs(); // the test's own log store, not the library's
            quick.clear_logs();
            dead.clear_logs();
        }
    }
    c.clear_logs();
    quick.clear_logs();
    dead.clear_logs();
    let (fd1, rss1) = (open_fds(), rss_kib());
    eprintln!(
        "leaks: {} failing calls; open fds {fd0} -> {fd1}; RSS {rss0} KiB -> {rss1} KiB ({:+} KiB)",
        rounds * 5,
        rss1 as i64 - rss0 as i64
    );
    assert!(fd1 <= fd0 + 4, "fds grew: {fd0} -> {fd1}");
    assert!(rss1 <= rss0 + 8 * 1024, "RSS grew by {} KiB", rss1 - rss0);
}
