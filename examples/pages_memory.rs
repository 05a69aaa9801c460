//! Peak memory of `ik_assets_list_all` over one large page, as a multiple of the bytes received.
//!
//! A local server (127.0.0.1, a thread of this process) answers `GET /v1/files` with one page of
//! 1000 file objects of MIB/1000 bytes each (many small custom-metadata fields: the shape that
//! costs the most as parsed JSON trees), then `[]`. The process's peak RSS is reset (Linux
//! `/proc/self/clear_refs`) once the page is built, so the figure is what the call adds.
//!
//!     cargo run --example pages_memory -- 16      # MiB of page; prints the peak and the ratio
//!
//! RELIABILITY.md records the figures (before and after items were kept as raw JSON text).

use imagekit::client::{ik_client, ik_client_free, ik_client_new, ik_string_free};
use imagekit::pages::ik_assets_list_all;
use imagekit::status::ik_status;
use std::ffi::{c_char, CStr, CString};
use std::io::{Read, Write};
use std::net::TcpListener;
use std::sync::Arc;

fn status_kib(field: &str) -> u64 {
    let text = std::fs::read_to_string("/proc/self/status").expect("/proc/self/status");
    let line = text.lines().find(|l| l.starts_with(field)).expect(field);
    line.split_whitespace().nth(1).unwrap().parse().unwrap()
}

/// One page of 1000 items, `total` bytes in all (about).
fn page(total: usize) -> Vec<u8> {
    let per_item = total / 1000;
    let mut out = String::with_capacity(total + 4096);
    out.push('[');
    for i in 0..1000 {
        if i > 0 {
            out.push(',');
        }
        let start = out.len();
        out.push_str(&format!(
            r#"{{"type":"file","fileId":"f{i:06}","name":"n{i}.jpg","filePath":"/bench/n{i}.jpg","size":1234,"tags":["a","b"],"customMetadata":{{"#
        ));
        let mut k = 0;
        while out.len() - start + 16 < per_item {
            if k > 0 {
                out.push(',');
            }
            out.push_str(&format!(r#""k{k}":{k}"#));
            k += 1;
        }
        out.push_str("}}");
    }
    out.push(']');
    out.into_bytes()
}

fn serve(body: Arc<Vec<u8>>) -> u16 {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = l.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for conn in l.incoming() {
            let Ok(mut conn) = conn else { continue };
            let body = body.clone();
            std::thread::spawn(move || loop {
                let mut head = Vec::new();
                let mut b = [0u8; 1];
                while !head.ends_with(b"\r\n\r\n") {
                    match conn.read(&mut b) {
                        Ok(1) => head.push(b[0]),
                        _ => return,
                    }
                }
                let head = String::from_utf8_lossy(&head);
                let first = !head.contains("skip=1000");
                let bytes: &[u8] = if first { &body } else { b"[]" };
                let _ = write!(
                    conn,
                    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
                    bytes.len()
                );
                if conn.write_all(bytes).is_err() {
                    return;
                }
            });
        }
    });
    port
}

fn main() {
    let mib: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(16);
    let body = Arc::new(page(mib << 20));
    let received = body.len() as u64 + 2;
    let port = serve(body.clone());
    let cfg = CString::new(format!(
        r#"{{"private_key":"private_bench","public_key":"public_bench","url_endpoint":"https://ik.imagekit.io/b","api_base_url":"http://127.0.0.1:{port}","proxy":""}}"#
    ))
    .unwrap();
    let mut client: *mut ik_client = std::ptr::null_mut();
    let mut err: *mut c_char = std::ptr::null_mut();
    assert_eq!(
        unsafe { ik_client_new(cfg.as_ptr(), &mut client, &mut err) },
        ik_status::Ok
    );

    // Reset the peak to what is resident now (the page the server holds included).
    std::fs::write("/proc/self/clear_refs", "5").expect("clear_refs (Linux)");
    let before = status_kib("VmRSS:");
    let params = CString::new(r#"{"limit":1000}"#).unwrap();
    let mut out: *mut c_char = std::ptr::null_mut();
    let st = unsafe { ik_assets_list_all(client, params.as_ptr(), 0, &mut out) };
    let peak = status_kib("VmHWM:");
    let result_len = unsafe { CStr::from_ptr(out) }.to_bytes().len();
    if st != ik_status::Ok {
        eprintln!("{:?}: {}", st, unsafe { CStr::from_ptr(out) }.to_string_lossy());
        std::process::exit(1);
    }
    unsafe { ik_string_free(out) };
    unsafe { ik_client_free(client) };
    let added = (peak.saturating_sub(before)) * 1024;
    println!(
        "page {} bytes ({mib} MiB, 1000 items), result {result_len} bytes: peak RSS +{:.1} MiB = {:.2}x the bytes received",
        received - 2,
        added as f64 / (1 << 20) as f64,
        added as f64 / received as f64
    );
}
