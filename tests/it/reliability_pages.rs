//! Pagination against lying list servers, through the C functions: a server that ignores `skip`
//! and alternates or rotates its items ends the walk with an error (it used to grow without
//! bound), a `skip` near 2^64 is an error naming `skip` (it used to wrap and restart the walk),
//! and items come back as the text the server sent.

use crate::support::{client, config, cstr, out, raw_server, read_head};
use imagekit::pages::{ik_assets_list_all, ik_assets_list_each};
use imagekit::status::ik_status;
use serde_json::{json, Value};
use std::ffi::{c_char, c_int, c_void};
use std::io::Write;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

const KEY: &str = "private_key_test";

/// The query parameter `name` of a request head's target.
fn param(head: &str, name: &str) -> Option<String> {
    let target = head.split_whitespace().nth(1)?;
    let query = target.split_once('?')?.1;
    query
        .split('&')
        .find_map(|kv| kv.strip_prefix(&format!("{name}=")).map(str::to_string))
}

/// A list server: `page(request_no, skip)` gives the JSON array of each answer; after `cap`
/// requests it answers `[]` so a walk that never ends still stops.
fn list_server(cap: usize, page: impl Fn(usize, u64) -> String + Send + Sync + 'static) -> (u16, Arc<AtomicUsize>) {
    let count = Arc::new(AtomicUsize::new(0));
    let c2 = count.clone();
    let port = raw_server(move |mut conn| loop {
        let head = read_head(&mut conn);
        if head.is_empty() {
            return;
        }
        let n = c2.fetch_add(1, Ordering::SeqCst);
        let skip = param(&head, "skip").and_then(|s| s.parse().ok()).unwrap_or(0);
        let body = if n >= cap { "[]".to_string() } else { page(n, skip) };
        let ok = write!(
            conn,
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        );
        if ok.is_err() {
            return;
        }
    });
    (port, count)
}

fn items(ids: &[u32]) -> String {
    let v: Vec<String> = ids
        .iter()
        .map(|i| format!(r#"{{"fileId":"f{i}","name":"n{i}"}}"#))
        .collect();
    format!("[{}]", v.join(","))
}

fn list_all(port: u16, params: &str) -> (ik_status, String) {
    let c = client(&config(&format!("http://127.0.0.1:{port}"), KEY, json!({})));
    let p = cstr(params);
    out(|o| unsafe { ik_assets_list_all(c.ptr, p.as_ptr(), 0, o) })
}

#[test]
fn a_server_that_alternates_its_items_and_ignores_skip_ends_the_walk() {
    let (port, count) = list_server(300, |n, _| {
        if n % 2 == 0 {
            items(&[1, 2, 3])
        } else {
            items(&[3, 1, 2])
        }
    });
    let (st, doc) = list_all(port, r#"{"limit":3}"#);
    assert_eq!(st, ik_status::Decode, "{}", &doc[..doc.len().min(300)]);
    assert!(doc.contains("brings no item not already seen"), "{doc}");
    assert_eq!(count.load(Ordering::SeqCst), 2);
}

#[test]
fn a_server_that_rotates_ten_items_ends_the_walk_within_eleven_requests() {
    let ids: Vec<u32> = (0..10).collect();
    let (port, count) = list_server(300, move |n, _| {
        let page: Vec<u32> = (0..3).map(|k| ids[(n * 7 + k) % 10]).collect();
        items(&page)
    });
    let (st, doc) = list_all(port, r#"{"limit":3}"#);
    assert_eq!(st, ik_status::Decode, "{}", &doc[..doc.len().min(300)]);
    assert!(
        count.load(Ordering::SeqCst) <= 11,
        "{} requests",
        count.load(Ordering::SeqCst)
    );
}

#[test]
fn skip_near_two_to_the_64_is_an_error_naming_skip() {
    let (port, count) = list_server(300, |n, _| items(&[n as u32 * 3, n as u32 * 3 + 1, n as u32 * 3 + 2]));
    let (st, doc) = list_all(port, &format!(r#"{{"limit":3,"skip":{}}}"#, u64::MAX - 4));
    assert_eq!(st, ik_status::InvalidArgument, "{doc}");
    assert!(doc.contains("`skip`"), "{doc}");
    assert_eq!(
        count.load(Ordering::SeqCst),
        2,
        "the walk never asks for a wrapped skip"
    );
}

#[test]
fn items_come_back_as_sent_and_the_walk_ends_on_a_short_page() {
    let (port, _) = list_server(300, |_, skip| match skip {
        0 => r#"[{"fileId":"a", "n":1.50},{"fileId":"b"}]"#.to_string(),
        2 => r#"[ {"fileId":"c"} ]"#.to_string(),
        _ => "[]".to_string(),
    });
    let (st, doc) = list_all(port, r#"{"limit":2}"#);
    assert_eq!(st, ik_status::Ok, "{doc}");
    assert_eq!(doc, r#"[{"fileId":"a", "n":1.50},{"fileId":"b"},{"fileId":"c"}]"#);
    let v: Value = serde_json::from_str(&doc).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 3);
}

unsafe extern "C" fn count_pages(ud: *mut c_void, _page: *const c_char) -> c_int {
    (*(ud as *const AtomicUsize)).fetch_add(1, Ordering::SeqCst);
    0
}

#[test]
fn each_page_stops_on_the_same_lie() {
    let (port, _) = list_server(300, |_, _| items(&[7, 8]));
    let c = client(&config(&format!("http://127.0.0.1:{port}"), KEY, json!({})));
    let p = cstr(r#"{"limit":2}"#);
    let pages = AtomicUsize::new(0);
    let ud = &pages as *const AtomicUsize as *mut c_void;
    let (st, doc) = out(|o| unsafe { ik_assets_list_each(c.ptr, p.as_ptr(), Some(count_pages), ud, o) });
    assert_eq!(st, ik_status::Decode, "{doc}");
    assert_eq!(pages.load(Ordering::SeqCst), 1);
}
