//! A hand-built, streaming `multipart/form-data` body (RFC 7578) with a precomputed length.
//!
//! The body is a list of segments: bytes we own (part headers, text values, delimiters),
//! bytes the caller lends us, and local files that are opened and read in chunks only while
//! the body is sent. Memory does not grow with the file size, and the body can be produced
//! again from the start for a retry (files are simply reopened).

use super::response::BodyFault;
use crate::error::{Error, ErrorKind, Result};
use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

enum Segment<'a> {
    Owned(Vec<u8>),
    Borrowed(&'a [u8]),
    File { path: PathBuf, len: u64 },
}

impl Segment<'_> {
    fn len(&self) -> u64 {
        match self {
            Segment::Owned(v) => v.len() as u64,
            Segment::Borrowed(b) => b.len() as u64,
            Segment::File { len, .. } => *len,
        }
    }
}

/// A multipart body under construction, then a source of readers.
pub struct Multipart<'a> {
    boundary: String,
    segments: Vec<Segment<'a>>,
    finished: bool,
}

/// Makes a header parameter value safe inside quotes, the way browsers do (HTML spec):
/// `"` → `%22`, CR → `%0D`, LF → `%0A`.
fn quote_param(v: &str) -> String {
    v.replace('"', "%22").replace('\r', "%0D").replace('\n', "%0A")
}

/// A random boundary: 32 hex digits of randomness after a fixed prefix.
pub fn random_boundary() -> String {
    use std::collections::hash_map::RandomState;
    use std::hash::{BuildHasher, Hasher};
    let mut out = String::from("----libimagekit-");
    for i in 0..2u8 {
        let mut h = RandomState::new().build_hasher();
        h.write_u8(i);
        h.write_u128(
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos())
                .unwrap_or(0),
        );
        out.push_str(&format!("{:016x}", h.finish()));
    }
    out
}

impl<'a> Multipart<'a> {
    pub fn new() -> Multipart<'a> {
        Multipart::with_boundary(random_boundary())
    }

    /// A body with a fixed boundary (for tests).
    pub fn with_boundary(boundary: impl Into<String>) -> Multipart<'a> {
        Multipart {
            boundary: boundary.into(),
            segments: Vec::new(),
            finished: false,
        }
    }

    pub fn boundary(&self) -> &str {
        &self.boundary
    }

    /// The `Content-Type` header value.
    pub fn content_type(&self) -> String {
        format!("multipart/form-data; boundary={}", self.boundary)
    }

    fn push_owned(&mut self, bytes: &[u8]) {
        if let Some(Segment::Owned(v)) = self.segments.last_mut() {
            v.extend_from_slice(bytes);
        } else {
            self.segments.push(Segment::Owned(bytes.to_vec()));
        }
    }

    fn part_head(&mut self, name: &str, filename: Option<&str>, content_type: Option<&str>) {
        assert!(!self.finished, "multipart body already finished");
        let mut head = format!(
            "--{}\r\nContent-Disposition: form-data; name=\"{}\"",
            self.boundary,
            quote_param(name)
        );
        if let Some(f) = filename {
            head.push_str(&format!("; filename=\"{}\"", quote_param(f)));
        }
        head.push_str("\r\n");
        if let Some(ct) = content_type {
            head.push_str(&format!("Content-Type: {}\r\n", ct.replace(['\r', '\n'], "")));
        }
        head.push_str("\r\n");
        self.push_owned(head.as_bytes());
    }

    /// Adds a text field.
    pub fn text(&mut self, name: &str, value: &str) {
        self.part_head(name, None, None);
        self.push_owned(value.as_bytes());
        self.push_owned(b"\r\n");
    }

    /// Adds a file part whose bytes the caller lends for the body's lifetime.
    pub fn bytes(&mut self, name: &str, filename: &str, content_type: &str, data: &'a [u8]) {
        self.part_head(name, Some(filename), Some(content_type));
        self.segments.push(Segment::Borrowed(data));
        self.push_owned(b"\r\n");
    }

    /// Adds a file part read from `path` while sending. The file must exist and be a regular
    /// file now; its current size goes into the Content-Length.
    pub fn file(&mut self, name: &str, filename: &str, content_type: &str, path: &Path) -> Result<()> {
        let meta = std::fs::metadata(path)
            .map_err(|e| Error::new(ErrorKind::Io, format!("cannot read {}: {e}", path.display())))?;
        if !meta.is_file() {
            return Err(Error::new(
                ErrorKind::Io,
                format!("{} is not a regular file", path.display()),
            ));
        }
        // Opening now surfaces permission problems before any byte is sent.
        File::open(path).map_err(|e| Error::new(ErrorKind::Io, format!("cannot open {}: {e}", path.display())))?;
        self.part_head(name, Some(filename), Some(content_type));
        self.segments.push(Segment::File {
            path: path.to_path_buf(),
            len: meta.len(),
        });
        self.push_owned(b"\r\n");
        Ok(())
    }

    /// Writes the closing delimiter. Adding parts afterwards panics.
    pub fn finish(&mut self) {
        if !self.finished {
            let tail = format!("--{}--\r\n", self.boundary);
            self.push_owned(tail.as_bytes());
            self.finished = true;
        }
    }

    /// The exact number of bytes the body will have (call after [`finish`](Self::finish)), or
    /// `None` if that does not fit in a `u64`.
    pub fn checked_len(&self) -> Option<u64> {
        self.segments.iter().try_fold(0u64, |sum, s| sum.checked_add(s.len()))
    }

    /// [`checked_len`](Self::checked_len), saturated (uploads check it before sending).
    pub fn len(&self) -> u64 {
        self.checked_len().unwrap_or(u64::MAX)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// A fresh reader over the whole body, from the first byte.
    pub fn reader(&self) -> MultipartReader<'_, 'a> {
        MultipartReader {
            body: self,
            index: 0,
            offset: 0,
            file: None,
        }
    }
}

impl std::fmt::Debug for Multipart<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Multipart")
            .field("boundary", &self.boundary)
            .field("segments", &self.segments.len())
            .field("len", &self.len())
            .finish()
    }
}

impl Default for Multipart<'_> {
    fn default() -> Self {
        Multipart::new()
    }
}

/// Streams a [`Multipart`] body. Files are opened when their part is reached, and checked at
/// their end: a file that shrank, grew or went away while it was sent fails the read (so the
/// server never receives a complete body and stores nothing).
pub struct MultipartReader<'m, 'a> {
    body: &'m Multipart<'a>,
    index: usize,
    /// Bytes of the current segment already produced.
    offset: u64,
    file: Option<File>,
}

impl MultipartReader<'_, '_> {
    /// At the end of a file part: the file must still be `len` bytes long, with nothing to read
    /// past that end (a file that grew would otherwise be stored cut to its old size).
    fn check_file_end(&mut self, path: &Path, len: u64) -> io::Result<()> {
        let mut f = match self.file.take() {
            Some(f) => f,
            // A 0-byte part is never read from: open it here to check it.
            None => File::open(path)
                .map_err(|e| BodyFault::Source(format!("cannot open {}: {e}", path.display())).into_io())?,
        };
        let changed = |now: u64| {
            BodyFault::Source(format!(
                "{} changed size during the upload ({len} → {now} bytes); nothing was stored",
                path.display()
            ))
            .into_io()
        };
        let now = f
            .metadata()
            .map_err(|e| BodyFault::Source(format!("cannot read {}: {e}", path.display())).into_io())?
            .len();
        if now != len {
            return Err(changed(now));
        }
        let mut probe = [0u8; 1];
        loop {
            match f.read(&mut probe) {
                Ok(0) => return Ok(()),
                Ok(_) => {
                    return Err(BodyFault::Source(format!(
                        "{} grew during the upload (past the {len} bytes it had at the start); nothing was stored",
                        path.display()
                    ))
                    .into_io())
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(BodyFault::Source(format!("cannot read {}: {e}", path.display())).into_io()),
            }
        }
    }
}

impl Read for MultipartReader<'_, '_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        loop {
            let Some(seg) = self.body.segments.get(self.index) else {
                return Ok(0);
            };
            let remaining = seg.len() - self.offset;
            if remaining == 0 {
                if let Segment::File { path, len } = seg {
                    self.check_file_end(path, *len)?;
                }
                self.index += 1;
                self.offset = 0;
                self.file = None;
                continue;
            }
            let want = (buf.len() as u64).min(remaining) as usize;
            let n = match seg {
                Segment::Owned(v) => {
                    let start = self.offset as usize;
                    buf[..want].copy_from_slice(&v[start..start + want]);
                    want
                }
                Segment::Borrowed(b) => {
                    let start = self.offset as usize;
                    buf[..want].copy_from_slice(&b[start..start + want]);
                    want
                }
                Segment::File { path, len } => {
                    if self.file.is_none() {
                        let f = File::open(path)
                            .map_err(|e| BodyFault::Source(format!("cannot open {}: {e}", path.display())).into_io())?;
                        let now = f.metadata().map(|m| m.len()).unwrap_or(*len);
                        if now != *len {
                            return Err(BodyFault::Source(format!(
                                "{} changed size during the upload ({len} → {now} bytes)",
                                path.display()
                            ))
                            .into_io());
                        }
                        self.file = Some(f);
                    }
                    let f = self.file.as_mut().expect("opened above");
                    let n = loop {
                        match f.read(&mut buf[..want]) {
                            Ok(n) => break n,
                            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                            Err(e) => {
                                return Err(BodyFault::Source(format!("cannot read {}: {e}", path.display())).into_io())
                            }
                        }
                    };
                    if n == 0 {
                        return Err(BodyFault::Source(format!(
                            "{} ended early during the upload (expected {len} bytes)",
                            path.display()
                        ))
                        .into_io());
                    }
                    n
                }
            };
            self.offset += n as u64;
            return Ok(n);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(m: &Multipart<'_>, chunk: usize) -> Vec<u8> {
        let mut r = m.reader();
        let mut out = Vec::new();
        let mut buf = vec![0u8; chunk];
        loop {
            let n = r.read(&mut buf).unwrap();
            if n == 0 {
                break;
            }
            out.extend_from_slice(&buf[..n]);
        }
        out
    }

    #[test]
    fn exact_wire_form_and_length() {
        let data = b"\x00\x01binary";
        let mut m = Multipart::with_boundary("XyZ");
        m.text("fileName", "a.jpg");
        m.text("tags", "t1,t2");
        m.bytes("file", "a\"b.jpg", "application/octet-stream", data);
        m.finish();
        let want = b"--XyZ\r\nContent-Disposition: form-data; name=\"fileName\"\r\n\r\na.jpg\r\n\
--XyZ\r\nContent-Disposition: form-data; name=\"tags\"\r\n\r\nt1,t2\r\n\
--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a%22b.jpg\"\r\nContent-Type: application/octet-stream\r\n\r\n\x00\x01binary\r\n\
--XyZ--\r\n";
        for chunk in [1, 3, 7, 64, 100_000] {
            assert_eq!(read_all(&m, chunk), want.to_vec(), "chunk {chunk}");
        }
        assert_eq!(m.len(), want.len() as u64);
        assert_eq!(m.content_type(), "multipart/form-data; boundary=XyZ");
    }

    #[test]
    fn length_matches_for_files_and_replays() {
        let dir = std::env::temp_dir().join(format!("ik-mp-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("f.bin");
        let content: Vec<u8> = (0..300_000u32).map(|i| (i % 251) as u8).collect();
        std::fs::write(&path, &content).unwrap();
        let mut m = Multipart::new();
        m.text("fileName", "f.bin");
        m.file("file", "f.bin", "application/octet-stream", &path).unwrap();
        m.finish();
        let first = read_all(&m, 8192);
        assert_eq!(first.len() as u64, m.len());
        assert!(first.windows(content.len()).any(|w| w == &content[..]));
        assert_eq!(read_all(&m, 65536), first, "a second reader replays the same bytes");

        // a file that shrinks between building and sending is an Io fault, not a short body
        std::fs::write(&path, b"short").unwrap();
        let mut r = m.reader();
        let mut buf = vec![0u8; 1 << 20];
        let err = loop {
            match r.read(&mut buf) {
                Ok(0) => panic!("should fail"),
                Ok(_) => continue,
                Err(e) => break e,
            }
        };
        assert!(matches!(BodyFault::find(&err), Some(BodyFault::Source(_))));
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn missing_files_and_directories_are_io_errors() {
        let mut m = Multipart::new();
        let e = m
            .file(
                "file",
                "x",
                "application/octet-stream",
                Path::new("/nonexistent/ik/file"),
            )
            .unwrap_err();
        assert_eq!(e.kind, ErrorKind::Io);
        let e = m
            .file("file", "x", "application/octet-stream", &std::env::temp_dir())
            .unwrap_err();
        assert_eq!(e.kind, ErrorKind::Io);
    }

    #[test]
    fn boundaries_are_random() {
        let a = random_boundary();
        let b = random_boundary();
        assert_ne!(a, b);
        assert!(a.len() <= 70, "RFC 2046 limit");
    }
}
