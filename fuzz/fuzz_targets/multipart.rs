//! The multipart writer on arbitrary field names, file names, content types and values: exact
//! length, the same bytes in any read size, and a body a reader splits back into exactly the
//! parts written: no CR, LF or `"` from a name, file name or type ends up raw in a header.
#![no_main]

use imagekit_core::http::Multipart;
use libfuzzer_sys::fuzz_target;
use std::io::Read;

const BOUNDARY: &str = "fuzzboundary0123456789";

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let mut body = Multipart::with_boundary(BOUNDARY);
    // Parts separated by '\u{1}', fields of a part by '\u{2}': name, value[, filename[, type]].
    let mut parts: Vec<(&str, bool)> = Vec::new();
    for part in text.split('\u{1}') {
        let f: Vec<&str> = part.split('\u{2}').collect();
        let value = f.get(1).copied().unwrap_or("");
        match f.get(2) {
            Some(file) => body.bytes(
                f[0],
                file,
                f.get(3).copied().unwrap_or("application/octet-stream"),
                value.as_bytes(),
            ),
            None => body.text(f[0], value),
        }
        parts.push((value, f.len() > 2));
    }
    body.finish();
    let mut all = Vec::new();
    body.reader().read_to_end(&mut all).unwrap();
    assert_eq!(all.len() as u64, body.len());
    let mut again = Vec::new();
    let mut r = body.reader();
    let mut buf = [0u8; 3];
    loop {
        let n = r.read(&mut buf).unwrap();
        if n == 0 {
            break;
        }
        again.extend_from_slice(&buf[..n]);
    }
    assert!(again == all);
    split_back(&all, &parts);
});

/// Reads the body as a server would, knowing only the boundary and each value's length.
fn split_back(body: &[u8], parts: &[(&str, bool)]) {
    let delimiter = format!("--{BOUNDARY}\r\n");
    let mut pos = 0;
    for (i, (value, is_file)) in parts.iter().enumerate() {
        assert!(body[pos..].starts_with(delimiter.as_bytes()), "part {i}: no delimiter");
        pos += delimiter.len();
        let end = find(&body[pos..], b"\r\n\r\n").unwrap_or_else(|| panic!("part {i}: unterminated headers"));
        let head = std::str::from_utf8(&body[pos..pos + end]).expect("headers are UTF-8");
        let lines: Vec<&str> = head.split("\r\n").collect();
        assert_eq!(
            lines.len(),
            if *is_file { 2 } else { 1 },
            "part {i}: header lines {lines:?}"
        );
        assert!(
            lines[0].starts_with("Content-Disposition: form-data; name=\""),
            "{head:?}"
        );
        assert_eq!(
            lines[0].matches('"').count(),
            if *is_file { 4 } else { 2 },
            "part {i}: {head:?}"
        );
        if *is_file {
            assert!(lines[1].starts_with("Content-Type: "), "{head:?}");
        }
        assert!(
            lines.iter().all(|l| !l.contains(['\r', '\n'])),
            "part {i}: raw CR/LF in {head:?}"
        );
        pos += end + 4;
        assert!(body[pos..].starts_with(value.as_bytes()), "part {i}: value");
        pos += value.len();
        assert!(body[pos..].starts_with(b"\r\n"), "part {i}: value not closed");
        pos += 2;
    }
    assert_eq!(
        &body[pos..],
        format!("--{BOUNDARY}--\r\n").as_bytes(),
        "closing delimiter"
    );
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}
