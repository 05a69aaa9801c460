//! The upload journal: an append-only file of JSON lines that makes a directory upload resumable.
//!
//! The first line is a header naming the destination (remote folder and upload endpoint), so a
//! journal written for another destination, or a file that is not a journal, is refused before
//! anything is read from or written to it. Every further line is one confirmed upload: the local
//! file's relative path, size, modification time and content hash, and what ImageKit stored
//! (fileId, versionId, filePath). A later line for the same path supersedes an earlier one.
//!
//! Each line goes out in one `write` ending in `\n`, so a kill can only leave the last line
//! without its newline: such a torn tail is ignored when reading and cut off before appending.
//! Any other line that does not parse makes the journal corrupt, and it is left untouched.

use serde_json::{json, Map, Value};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::fs::{File, OpenOptions};
use std::io::{self, BufRead, BufReader, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The header's `journal` value: what marks a file as one of these journals.
pub const FORMAT: &str = "imagekit-upload-journal";
/// The header's `version`.
pub const VERSION: u64 = 1;

/// Where the uploads recorded in a journal went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Destination {
    /// The remote folder, as `/a/b` (`/` for the root).
    pub folder: String,
    /// The upload base URL (one account's API host, or a local server).
    pub endpoint: String,
}

impl Destination {
    pub fn new(folder: &str, endpoint: &str) -> Destination {
        Destination {
            folder: normalize_folder(folder),
            endpoint: endpoint.trim_end_matches('/').to_string(),
        }
    }
}

/// A remote folder as `/a/b`: one leading slash, no trailing slash, no empty segments (`/` for the root).
pub fn normalize_folder(folder: &str) -> String {
    let parts: Vec<&str> = folder.split('/').filter(|s| !s.trim().is_empty()).collect();
    format!("/{}", parts.join("/"))
}

/// One confirmed upload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The local path relative to the uploaded directory, with `/` separators.
    pub path: String,
    pub size: u64,
    /// Modification time, nanoseconds since the Unix epoch.
    pub mtime_ns: i64,
    /// `sha256:<hex>` of the content that was uploaded.
    pub hash: String,
    pub file_id: String,
    pub version_id: Option<String>,
    pub file_path: String,
}

impl Entry {
    fn to_line(&self) -> String {
        let mut line = json!({
            "path": self.path, "size": self.size, "mtimeNs": self.mtime_ns, "hash": self.hash,
            "fileId": self.file_id, "versionId": self.version_id, "filePath": self.file_path,
        })
        .to_string();
        line.push('\n');
        line
    }

    fn from_value(v: &Value) -> Option<Entry> {
        let s = |k: &str| v.get(k).and_then(Value::as_str).map(str::to_string);
        Some(Entry {
            path: s("path").filter(|p| !p.is_empty())?,
            size: v.get("size")?.as_u64()?,
            mtime_ns: v.get("mtimeNs")?.as_i64()?,
            hash: s("hash")?,
            file_id: s("fileId").filter(|p| !p.is_empty())?,
            version_id: s("versionId"),
            file_path: s("filePath")?,
        })
    }
}

/// Why a journal cannot be used. Each message names the file and says what to do.
#[derive(Debug)]
pub enum JournalError {
    Io(PathBuf, io::Error),
    /// The file is not a journal of this kind (or of a newer version).
    Foreign(PathBuf, String),
    /// The journal records uploads to another destination.
    OtherDestination {
        path: PathBuf,
        theirs: Destination,
        ours: Destination,
    },
    /// A complete line that does not parse.
    Corrupt {
        path: PathBuf,
        line: u64,
    },
}

impl std::fmt::Display for JournalError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            JournalError::Io(p, e) => write!(f, "journal {}: {e}", p.display()),
            JournalError::Foreign(p, why) => write!(
                f,
                "{} is not an imagekit upload journal ({why}); it was left as it is: give another --journal path",
                p.display()
            ),
            JournalError::OtherDestination { path, theirs, ours } => write!(
                f,
                "journal {} records uploads to folder {} at {}, not to folder {} at {}; it was left as it is: \
                 give another --journal path for this destination",
                path.display(),
                theirs.folder,
                theirs.endpoint,
                ours.folder,
                ours.endpoint
            ),
            JournalError::Corrupt { path, line } => write!(
                f,
                "journal {} is corrupt at line {line}; it was left as it is: move it away to start over \
                 (files already uploaded are then found on the server by name and size)",
                path.display()
            ),
        }
    }
}

impl std::error::Error for JournalError {}

/// The confirmed uploads of a journal, by relative path (the last line for a path wins).
pub type Index = HashMap<String, Entry>;

/// What reading a journal found.
#[derive(Debug)]
pub struct Contents {
    pub index: Index,
    /// Bytes of complete lines (the header included); a torn tail starts here.
    pub good_len: u64,
    /// Whether the file ended in a torn (unterminated) line, now ignored.
    pub torn: bool,
}

fn header_line(dest: &Destination) -> String {
    let mut h =
        json!({"journal": FORMAT, "version": VERSION, "folder": dest.folder, "endpoint": dest.endpoint}).to_string();
    h.push('\n');
    h
}

/// Reads a journal written for `dest`. `Ok(None)` when the file does not exist or holds nothing
/// but a torn header (nothing was confirmed).
pub fn read(path: &Path, dest: &Destination) -> Result<Option<Contents>, JournalError> {
    let io_err = |e| JournalError::Io(path.to_path_buf(), e);
    let file = match File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(io_err(e)),
    };
    let mut reader = BufReader::new(file);
    let mut line = Vec::new();
    let mut good_len = 0u64;
    let mut index = Index::new();
    let mut number = 0u64;
    loop {
        line.clear();
        let n = reader.read_until(b'\n', &mut line).map_err(io_err)?;
        if n == 0 {
            return Ok((number > 0).then_some(Contents {
                index,
                good_len,
                torn: false,
            }));
        }
        if line.last() != Some(&b'\n') {
            // A torn tail: the last write did not complete.
            return Ok((number > 0).then_some(Contents {
                index,
                good_len,
                torn: true,
            }));
        }
        number += 1;
        let value: Option<Value> = serde_json::from_slice(&line).ok();
        if number == 1 {
            check_header(path, value.as_ref(), dest)?;
        } else {
            let entry = value
                .as_ref()
                .and_then(Entry::from_value)
                .ok_or(JournalError::Corrupt {
                    path: path.to_path_buf(),
                    line: number,
                })?;
            index.insert(entry.path.clone(), entry);
        }
        good_len += n as u64;
    }
}

fn check_header(path: &Path, header: Option<&Value>, ours: &Destination) -> Result<(), JournalError> {
    let foreign = |why: &str| JournalError::Foreign(path.to_path_buf(), why.to_string());
    let h = header
        .and_then(Value::as_object)
        .ok_or_else(|| foreign("its first line is not a journal header"))?;
    if h.get("journal").and_then(Value::as_str) != Some(FORMAT) {
        return Err(foreign("its first line is not a journal header"));
    }
    if h.get("version").and_then(Value::as_u64) != Some(VERSION) {
        return Err(foreign(&format!("its version is not {VERSION}")));
    }
    let text = |m: &Map<String, Value>, k: &str| m.get(k).and_then(Value::as_str).unwrap_or("").to_string();
    let theirs = Destination::new(&text(h, "folder"), &text(h, "endpoint"));
    if &theirs != ours {
        return Err(JournalError::OtherDestination {
            path: path.to_path_buf(),
            theirs,
            ours: ours.clone(),
        });
    }
    Ok(())
}

/// A journal open for appending; `append` may be called from many threads.
#[derive(Debug)]
pub struct Journal {
    file: Mutex<File>,
    path: PathBuf,
}

impl Journal {
    /// Opens (or creates) the journal at `path` for `dest` and returns it with what it already
    /// records. A torn tail is cut off first; a foreign, corrupt or other-destination journal is
    /// refused and left untouched.
    pub fn open(path: &Path, dest: &Destination) -> Result<(Journal, Index), JournalError> {
        let io_err = |e| JournalError::Io(path.to_path_buf(), e);
        let contents = read(path, dest)?;
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(path)
            .map_err(io_err)?;
        let index = match contents {
            Some(c) => {
                if c.torn {
                    file.set_len(c.good_len).map_err(io_err)?;
                }
                c.index
            }
            None => {
                // New, empty, or only a torn header: start it afresh.
                file.set_len(0).map_err(io_err)?;
                file.write_all(header_line(dest).as_bytes()).map_err(io_err)?;
                Index::new()
            }
        };
        file.seek(SeekFrom::End(0)).map_err(io_err)?;
        Ok((
            Journal {
                file: Mutex::new(file),
                path: path.to_path_buf(),
            },
            index,
        ))
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Appends one confirmed upload as a single write of one whole line.
    pub fn append(&self, entry: &Entry) -> io::Result<()> {
        let line = entry.to_line();
        let mut file = self.file.lock().unwrap_or_else(|e| e.into_inner());
        file.write_all(line.as_bytes())?;
        file.flush()
    }

    /// Forces what was written to the disk (at the end of a run; a kill needs no sync, the
    /// lines are already in the kernel's hands).
    pub fn sync(&self) -> io::Result<()> {
        self.file.lock().unwrap_or_else(|e| e.into_inner()).sync_data()
    }
}

/// `sha256:<hex>` of a file's content, read in chunks.
pub fn hash_file(path: &Path) -> io::Result<String> {
    let mut file = File::open(path)?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    let digest = hasher.finalize();
    let mut out = String::with_capacity(7 + 64);
    out.push_str("sha256:");
    for b in digest.iter() {
        out.push_str(&format!("{b:02x}"));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dest() -> Destination {
        Destination::new("/photos/", "http://127.0.0.1:1/")
    }

    fn entry(path: &str, id: &str) -> Entry {
        Entry {
            path: path.into(),
            size: 3,
            mtime_ns: 1_700_000_000_123_456_789,
            hash: "sha256:00".into(),
            file_id: id.into(),
            version_id: Some(format!("v-{id}")),
            file_path: format!("/photos/{path}"),
        }
    }

    fn temp(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("ik-journal-{}-{name}", std::process::id()));
        let _ = std::fs::remove_file(&dir);
        dir
    }

    #[test]
    fn appends_and_reads_back_the_last_line_per_path() {
        let p = temp("roundtrip");
        let (j, index) = Journal::open(&p, &dest()).unwrap();
        assert!(index.is_empty());
        j.append(&entry("a.jpg", "1")).unwrap();
        j.append(&entry("b/c.jpg", "2")).unwrap();
        j.append(&entry("a.jpg", "3")).unwrap();
        drop(j);
        let (_, index) = Journal::open(&p, &dest()).unwrap();
        assert_eq!(index.len(), 2);
        assert_eq!(index["a.jpg"], entry("a.jpg", "3"));
        assert_eq!(index["b/c.jpg"], entry("b/c.jpg", "2"));
        let _ = std::fs::remove_file(&p);
    }

    #[test]
    fn a_torn_last_line_is_ignored_and_cut_before_appending() {
        let p = temp("torn");
        let (j, _) = Journal::open(&p, &dest()).unwrap();
        j.append(&entry("a.jpg", "1")).unwrap();
        drop(j);
        let whole = std::fs::read(&p).unwrap();
        let torn_line = entry("b.jpg", "2").to_line();
        let mut f = OpenOptions::new().append(true).open(&p).unwrap();
        f.write_all(&torn_line.as_bytes()[..torn_line.len() / 2]).unwrap();
        drop(f);
        let c = read(&p, &dest()).unwrap().unwrap();
        assert!(c.torn);
        assert_eq!(c.good_len, whole.len() as u64);
        assert_eq!(c.index.len(), 1);
        let (j, index) = Journal::open(&p, &dest()).unwrap();
        assert_eq!(index.len(), 1);
        j.append(&entry("c.jpg", "3")).unwrap();
        drop(j);
        let text = std::fs::read_to_string(&p).unwrap();
        assert_eq!(
            text,
            format!("{}{}", String::from_utf8(whole).unwrap(), entry("c.jpg", "3").to_line())
        );
        let _ = std::fs::remove_file(&p);
    }

    #[test]
    fn foreign_corrupt_and_other_destination_journals_are_refused_untouched() {
        let p = temp("refused");
        let (j, _) = Journal::open(&p, &dest()).unwrap();
        j.append(&entry("a.jpg", "1")).unwrap();
        drop(j);
        let before = std::fs::read(&p).unwrap();
        let other = Destination::new("/other", "http://127.0.0.1:1");
        let e = Journal::open(&p, &other).unwrap_err();
        assert!(matches!(e, JournalError::OtherDestination { .. }), "{e}");
        assert!(
            e.to_string().contains("/photos") && e.to_string().contains("/other"),
            "{e}"
        );
        assert_eq!(std::fs::read(&p).unwrap(), before);

        let mut corrupt = before.clone();
        corrupt.extend_from_slice(b"{\"path\": \"x\"}\n");
        corrupt.extend_from_slice(entry("b.jpg", "2").to_line().as_bytes());
        std::fs::write(&p, &corrupt).unwrap();
        let e = Journal::open(&p, &dest()).unwrap_err();
        assert!(matches!(e, JournalError::Corrupt { line: 3, .. }), "{e}");
        assert_eq!(std::fs::read(&p).unwrap(), corrupt);

        std::fs::write(&p, b"hello\nworld\n").unwrap();
        let e = Journal::open(&p, &dest()).unwrap_err();
        assert!(matches!(e, JournalError::Foreign(..)), "{e}");
        assert_eq!(std::fs::read(&p).unwrap(), b"hello\nworld\n");
        let _ = std::fs::remove_file(&p);
    }

    #[test]
    fn hashes_and_folders() {
        let p = temp("hash");
        std::fs::write(&p, b"abc").unwrap();
        assert_eq!(
            hash_file(&p).unwrap(),
            "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        let _ = std::fs::remove_file(&p);
        assert_eq!(normalize_folder(""), "/");
        assert_eq!(normalize_folder("//a//b/"), "/a/b");
    }
}
