//! A 1 GiB upload streams through the server without its memory growing.

mod support;

use ik_mock_server::{MockServer, Options};
use std::io::Write;
use support::*;

fn rss_kib() -> u64 {
    let s = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    s.lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

#[test]
fn one_gibibyte_file_part_is_counted_not_stored() {
    const SIZE: u64 = 1 << 30;
    let s = MockServer::start_with(Options {
        tls: false,
        ..Default::default()
    });
    let block: Vec<u8> = (0..65_536u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    let boundary = "bigBoundary0123456789";
    let head = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"fileName\"\r\n\r\nhuge.bin\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"huge.bin\"\r\nContent-Type: application/octet-stream\r\n\r\n"
    );
    let tail = format!("\r\n--{boundary}--\r\n");
    let total = head.len() as u64 + SIZE + tail.len() as u64;

    let before = rss_kib();
    let mut c = Conn::plain(s.addr());
    c.send(
        format!(
            "POST /api/v1/files/upload HTTP/1.1\r\nHost: x\r\nAuthorization: {}\r\nContent-Type: multipart/form-data; boundary={boundary}\r\nContent-Length: {total}\r\n\r\n{head}",
            basic(KEY, "")
        )
        .as_bytes(),
    );
    let w = c.r.get_mut();
    for _ in 0..SIZE / block.len() as u64 {
        w.write_all(&block).unwrap();
    }
    w.write_all(tail.as_bytes()).unwrap();
    let r = c.read_response(false).unwrap();
    let grown = rss_kib().saturating_sub(before);

    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["size"], SIZE);
    assert_eq!(r.json()["fileType"], "non-image");
    let rec = s.requests().pop().unwrap();
    assert_eq!(rec.body_len, total);
    let part = rec.part("file").unwrap();
    assert_eq!(part.size, SIZE);
    assert_eq!(part.prefix, block[..64].to_vec());
    assert_eq!(rec.field("fileName"), Some("huge.bin"));
    assert!(grown < 64 * 1024, "memory grew by {grown} KiB during a 1 GiB upload");
}

#[test]
fn file_crc_matches_for_a_few_mebibytes_sent_chunked() {
    let s = MockServer::start_with(Options {
        tls: false,
        ..Default::default()
    });
    let data: Vec<u8> = (0..3_000_017u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 11) as u8)
        .collect();
    let (ct, body) = Form::new()
        .file("file", "d.bin", "application/octet-stream", &data)
        .text("fileName", "d.bin")
        .finish();
    let mut c = Conn::plain(s.addr());
    let mut raw = format!(
        "POST /api/v1/files/upload HTTP/1.1\r\nHost: x\r\nAuthorization: {}\r\nContent-Type: {ct}\r\nTransfer-Encoding: chunked\r\n\r\n",
        basic(KEY, "")
    )
    .into_bytes();
    for chunk in body.chunks(40_000) {
        raw.extend(format!("{:x}\r\n", chunk.len()).as_bytes());
        raw.extend(chunk);
        raw.extend(b"\r\n");
    }
    raw.extend(b"0\r\n\r\n");
    c.send(&raw);
    let r = c.read_response(false).unwrap();
    assert_eq!(r.status, 200, "{}", r.text());
    let part = s.requests().pop().unwrap().part("file").unwrap().clone();
    assert_eq!((part.size, part.crc32), (data.len() as u64, crc32(&data)));
}
