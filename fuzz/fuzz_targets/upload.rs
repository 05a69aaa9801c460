//! Upload options and the multipart body they build (`ik_upload_file*` before any byte is sent):
//! never a panic; the body has exactly the length it announces (the Content-Length), reads the
//! same in any chunk size, starts with `fileName` and ends with the closing delimiter.
#![no_main]

use imagekit_core::api::upload::{build_body, UploadSource};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;
use std::io::Read;

fuzz_target!(|data: &[u8]| {
    // "<options JSON>\0<file bytes>"
    let (opts, bytes) = match data.iter().position(|&b| b == 0) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, &b"GIF89a"[..]),
    };
    let Ok(text) = std::str::from_utf8(opts) else { return };
    let Ok(Value::Object(options)) = serde_json::from_str::<Value>(text) else {
        return;
    };
    for source in [UploadSource::Option, UploadSource::Bytes(bytes)] {
        let Ok(body) = build_body(source, &options) else {
            continue;
        };
        let mut all = Vec::new();
        body.reader().read_to_end(&mut all).expect("reading an in-memory body");
        assert_eq!(all.len() as u64, body.len(), "Content-Length differs from the body");
        let chunk = 1 + bytes.len() % 7;
        let mut again = Vec::new();
        let mut r = body.reader();
        let mut buf = vec![0u8; chunk];
        loop {
            let n = r.read(&mut buf).unwrap();
            if n == 0 {
                break;
            }
            again.extend_from_slice(&buf[..n]);
        }
        assert!(again == all, "the body depends on the read size");
        let head = format!(
            "--{}\r\nContent-Disposition: form-data; name=\"fileName\"\r\n",
            body.boundary()
        );
        assert!(all.starts_with(head.as_bytes()));
        let tail = format!("\r\n--{}--\r\n", body.boundary());
        assert!(all.ends_with(tail.as_bytes()));
        assert!(body.content_type().ends_with(body.boundary()));
    }
});
