//! Many uploads at once over one client's keep-alive pool, none of which can store a file twice.
//!
//! A new file goes out in the client's `idempotent` mode (`useUniqueFileName=false`,
//! `overwriteFile=false`): a repeat is refused by ImageKit as "already exists" instead of stored
//! twice. When that answer comes (a file of that name is already there, say from a run that was
//! killed before it could record the upload), the file is looked up and taken as this one when its
//! size matches; otherwise the item fails and nothing is overwritten.
//!
//! A replacement (a local file that changed since it was uploaded) is an upload with
//! `overwriteFile=true`, which makes a new version. The client's own retries could make two, so
//! a replacement is sent without them; after an answer that leaves its fate unknown (a dropped
//! connection, a timeout, a 5xx) the file's current version is checked, and the upload is
//! repeated only when it did not land.
//!
//! Items are drawn lazily from an iterator and results handed out one by one, so memory stays
//! flat in the number of files; files are streamed from disk, never held.

use crate::api::ops;
use crate::api::upload::{read_options, split_idempotent, UploadSource, IDEMPOTENT_OPTION};
use crate::client::Client;
use crate::config::Config;
use crate::error::{Error, ErrorKind, Result};
use serde_json::{json, Map, Value};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::Duration;

/// Uploads in flight when the caller does not say.
pub const DEFAULT_CONCURRENCY: usize = 8;
/// The most uploads in flight a batch allows.
pub const MAX_CONCURRENCY: usize = 64;

/// Where an item's bytes come from.
#[derive(Debug, Clone)]
pub enum Source {
    /// A local file, streamed from disk.
    Path(PathBuf),
    /// Bytes in memory.
    Bytes(Vec<u8>),
    /// A public URL (or base64 text / data URI) that ImageKit fetches.
    Url(String),
}

/// What an upload may do to a file already at the destination.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    /// Store a new file; a file of that name already there is never overwritten.
    New,
    /// Store a new version of this file (it changed since it was uploaded).
    Replace { file_id: String },
}

/// One file of a batch.
#[derive(Debug, Clone)]
pub struct Item {
    /// The caller's name for it (a relative path, …), echoed in its result and the progress.
    pub key: String,
    pub source: Source,
    /// Upload options; `fileName` is required, `folder`, `tags`, … as for one upload.
    pub options: Map<String, Value>,
    pub mode: Mode,
}

/// How one item ended.
#[derive(Debug, Clone)]
pub enum Outcome {
    /// Stored by this batch: the API's answer.
    Uploaded(Value),
    /// A new version stored by this batch: the API's answer.
    Replaced(Value),
    /// Already stored (by an earlier run or attempt) under that name with that size: not sent
    /// again. The stored file's details.
    AlreadyThere(Value),
    /// Not stored (or not known to be): the error document.
    Failed(Error),
    /// Not started, or stopped before the server had the whole file: nothing stored.
    Cancelled,
}

impl Outcome {
    /// The stored file's details, for the three outcomes that have one.
    pub fn stored(&self) -> Option<&Value> {
        match self {
            Outcome::Uploaded(v) | Outcome::Replaced(v) | Outcome::AlreadyThere(v) => Some(v),
            _ => None,
        }
    }

    pub fn name(&self) -> &'static str {
        match self {
            Outcome::Uploaded(_) => "uploaded",
            Outcome::Replaced(_) => "replaced",
            Outcome::AlreadyThere(_) => "already_there",
            Outcome::Failed(_) => "failed",
            Outcome::Cancelled => "cancelled",
        }
    }
}

/// An item's result.
#[derive(Debug, Clone)]
pub struct ItemResult {
    pub key: String,
    /// Bytes of the file (0 when unknown, e.g. a URL).
    pub size: u64,
    pub outcome: Outcome,
    /// With [`Options::hash`], for a local file: what was uploaded, as the journal records it.
    pub content: Option<Content>,
    /// Something the caller should know although the item is done (a file that changed while
    /// it was sent: stored, but its content is not known, so `content` is `None`).
    pub warning: Option<String>,
}

/// A local file's identity when it was uploaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Content {
    /// `sha256:<hex>`.
    pub hash: String,
    pub size: u64,
    /// Modification time, nanoseconds since the Unix epoch.
    pub mtime_ns: i64,
}

impl ItemResult {
    /// `{"key", "status", "size", "file" | "error"}`.
    pub fn to_json(&self) -> Value {
        let mut o = json!({"key": self.key, "status": self.outcome.name(), "size": self.size});
        match &self.outcome {
            Outcome::Failed(e) => o["error"] = Value::Object(e.to_json_map()),
            other => {
                if let Some(v) = other.stored() {
                    o["file"] = v.clone();
                }
            }
        }
        o
    }
}

/// The whole batch's progress, as handed to the callback.
#[derive(Debug, Clone, Copy)]
pub struct Progress<'a> {
    pub files_done: u64,
    pub files_total: u64,
    /// File bytes sent (a retry takes its file's share back to 0).
    pub bytes_sent: u64,
    pub bytes_total: u64,
    /// The key of the item the update is about.
    pub current: &'a str,
}

/// The batch's progress callback: called from the worker threads; `false` cancels the batch.
pub type ProgressFn<'a> = dyn Fn(&Progress<'_>) -> bool + Sync + 'a;

/// Counts per outcome.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    pub uploaded: u64,
    pub replaced: u64,
    pub already_there: u64,
    pub failed: u64,
    pub cancelled: u64,
    /// True when the progress callback (or [`Options::cancel`]) stopped the batch.
    pub was_cancelled: bool,
}

impl Summary {
    fn count(&mut self, o: &Outcome) {
        match o {
            Outcome::Uploaded(_) => self.uploaded += 1,
            Outcome::Replaced(_) => self.replaced += 1,
            Outcome::AlreadyThere(_) => self.already_there += 1,
            Outcome::Failed(_) => self.failed += 1,
            Outcome::Cancelled => self.cancelled += 1,
        }
    }

    pub fn to_json(&self) -> Value {
        json!({"uploaded": self.uploaded, "replaced": self.replaced, "alreadyThere": self.already_there,
               "failed": self.failed, "cancelled": self.cancelled, "wasCancelled": self.was_cancelled})
    }
}

/// How a batch runs.
#[derive(Debug, Default)]
pub struct Options<'a> {
    /// Uploads in flight (0: [`DEFAULT_CONCURRENCY`]; at most [`MAX_CONCURRENCY`]).
    pub concurrency: usize,
    /// Totals for the progress callback, when the caller knows them (a lazy iterator's length
    /// is not known in advance).
    pub files_total: u64,
    pub bytes_total: u64,
    /// Set from anywhere (a signal handler) to cancel like the progress callback does.
    pub cancel: Option<&'a AtomicBool>,
    /// Hash each local file before it is sent (in the worker threads) and check after it was
    /// stored that it did not change meanwhile: the result's `content`.
    pub hash: bool,
    /// Also store the hash in this custom metadata field of each uploaded file (the field must
    /// exist in the account), so a later plan can compare content without a journal. Implies `hash`.
    pub hash_field: Option<&'a str>,
}

/// Shared state of a running batch.
struct Run<'a> {
    client: &'a Client,
    /// The same settings without retries, for replacements (see the module docs).
    single_shot: Client,
    progress: Option<&'a ProgressFn<'a>>,
    cancel: Option<&'a AtomicBool>,
    cancelled: AtomicBool,
    hash: bool,
    hash_field: Option<&'a str>,
    files_done: AtomicU64,
    files_total: u64,
    bytes_sent: AtomicU64,
    bytes_total: u64,
}

impl Run<'_> {
    fn is_cancelled(&self) -> bool {
        self.cancelled.load(Ordering::Relaxed) || self.cancel.is_some_and(|c| c.load(Ordering::Relaxed))
    }

    fn report(&self, current: &str) -> bool {
        if self.is_cancelled() {
            return false;
        }
        let Some(cb) = self.progress else { return true };
        let p = Progress {
            files_done: self.files_done.load(Ordering::Relaxed),
            files_total: self.files_total,
            bytes_sent: self.bytes_sent.load(Ordering::Relaxed),
            bytes_total: self.bytes_total,
            current,
        };
        if cb(&p) {
            true
        } else {
            self.cancelled.store(true, Ordering::Relaxed);
            false
        }
    }
}

/// Uploads `items`, `concurrency` at a time, handing each result to `on_result` as it comes
/// (from the worker threads, one at a time). After a cancel the remaining items are drawn and
/// reported as [`Outcome::Cancelled`] without being touched.
pub fn upload<I>(
    client: &Client,
    items: I,
    options: &Options<'_>,
    progress: Option<&ProgressFn<'_>>,
    on_result: &mut (dyn FnMut(ItemResult) + Send),
) -> Result<Summary>
where
    I: Iterator<Item = Item> + Send,
{
    let concurrency = match options.concurrency {
        0 => DEFAULT_CONCURRENCY,
        n if n > MAX_CONCURRENCY => {
            return Err(Error::invalid(format!(
                "concurrency must be 1 to {MAX_CONCURRENCY}, got {n}"
            )))
        }
        n => n,
    };
    let single_shot = Client::new(Config {
        max_retries: 0,
        ..client.config.clone()
    })?;
    let run = Run {
        client,
        single_shot,
        progress,
        cancel: options.cancel,
        cancelled: AtomicBool::new(false),
        hash: options.hash || options.hash_field.is_some(),
        hash_field: options.hash_field,
        files_done: AtomicU64::new(0),
        files_total: options.files_total,
        bytes_sent: AtomicU64::new(0),
        bytes_total: options.bytes_total,
    };
    let items = Mutex::new(items);
    let sink = Mutex::new((on_result, Summary::default()));
    std::thread::scope(|s| {
        for _ in 0..concurrency {
            s.spawn(|| loop {
                let next = items.lock().unwrap_or_else(|e| e.into_inner()).next();
                let Some(item) = next else { break };
                let result = if run.is_cancelled() {
                    ItemResult {
                        key: item.key,
                        size: 0,
                        outcome: Outcome::Cancelled,
                        content: None,
                        warning: None,
                    }
                } else {
                    upload_one(&run, item)
                };
                run.files_done.fetch_add(1, Ordering::Relaxed);
                let mut guard = sink.lock().unwrap_or_else(|e| e.into_inner());
                guard.1.count(&result.outcome);
                let key = result.key.clone();
                (guard.0)(result);
                drop(guard);
                run.report(&key);
            });
        }
    });
    let mut summary = sink.into_inner().unwrap_or_else(|e| e.into_inner()).1;
    summary.was_cancelled = run.is_cancelled();
    Ok(summary)
}

/// [`upload`] for a list in memory: every result, in the order they finished.
pub fn upload_all(
    client: &Client,
    items: Vec<Item>,
    concurrency: usize,
    progress: Option<&ProgressFn<'_>>,
) -> Result<(Vec<ItemResult>, Summary)> {
    let bytes_total = items
        .iter()
        .map(|i| match &i.source {
            Source::Path(p) => std::fs::metadata(p).map_or(0, |m| m.len()),
            Source::Bytes(b) => b.len() as u64,
            Source::Url(_) => 0,
        })
        .sum();
    let options = Options {
        concurrency,
        files_total: items.len() as u64,
        bytes_total,
        cancel: None,
        hash: false,
        hash_field: None,
    };
    let mut results = Vec::with_capacity(items.len());
    let summary = upload(client, items.into_iter(), &options, progress, &mut |r| results.push(r))?;
    Ok((results, summary))
}

fn upload_one(run: &Run<'_>, item: Item) -> ItemResult {
    let size = match &item.source {
        Source::Path(p) => match std::fs::metadata(p) {
            Ok(m) if m.is_file() => m.len(),
            Ok(_) => {
                return failed(
                    item.key,
                    0,
                    Error::new(ErrorKind::Io, format!("{} is not a file", p.display())),
                )
            }
            Err(e) => {
                return failed(
                    item.key,
                    0,
                    Error::new(ErrorKind::Io, format!("cannot read {}: {e}", p.display())),
                )
            }
        },
        Source::Bytes(b) => b.len() as u64,
        Source::Url(_) => 0,
    };
    let mut content = None;
    if let (true, Source::Path(p)) = (run.hash, &item.source) {
        let hashed = stat(p)
            .and_then(|(size, mtime_ns)| super::journal::hash_file(p).map(|hash| Content { hash, size, mtime_ns }));
        match hashed {
            Ok(c) => content = Some(c),
            Err(e) => {
                return failed(
                    item.key,
                    size,
                    Error::new(ErrorKind::Io, format!("cannot read {}: {e}", p.display())),
                )
            }
        }
    }
    let source = match &item.source {
        Source::Path(p) => UploadSource::Path(p),
        Source::Bytes(b) => UploadSource::Bytes(b),
        Source::Url(_) => UploadSource::Option,
    };
    let mut options = item.options.clone();
    if let (Some(field), Some(c)) = (run.hash_field, &content) {
        let meta = options
            .entry("customMetadata")
            .or_insert_with(|| Value::Object(Map::new()));
        match meta {
            Value::Object(m) => {
                m.insert(field.to_string(), Value::String(c.hash.clone()));
            }
            _ => {
                return failed(
                    item.key,
                    size,
                    Error::invalid("upload option `customMetadata` must be a JSON object"),
                )
            }
        }
    }
    if let Source::Url(u) = &item.source {
        options.insert("file".into(), Value::String(u.clone()));
    }
    // This item's share of `bytes_sent`, so a retry (which restarts its count) can take it back.
    let mine = AtomicU64::new(0);
    let mut on_bytes = |sent: u64, total: u64| -> bool {
        let share = if total == 0 {
            0
        } else {
            (sent as u128 * size as u128 / total as u128) as u64
        };
        let before = mine.swap(share, Ordering::Relaxed);
        if share >= before {
            run.bytes_sent.fetch_add(share - before, Ordering::Relaxed);
        } else {
            run.bytes_sent.fetch_sub(before - share, Ordering::Relaxed);
        }
        run.report(&item.key)
    };
    let outcome = match &item.mode {
        Mode::New => upload_new(run, source, options, &mut on_bytes),
        Mode::Replace { file_id } => replace(run, source, options, file_id, size, &mut on_bytes),
    };
    // Settle this item's share: all of it when stored, none otherwise.
    let settled = if outcome.stored().is_some() { size } else { 0 };
    let before = mine.swap(settled, Ordering::Relaxed);
    if settled >= before {
        run.bytes_sent.fetch_add(settled - before, Ordering::Relaxed);
    } else {
        run.bytes_sent.fetch_sub(before - settled, Ordering::Relaxed);
    }
    let mut warning = None;
    if let (Some(c), Source::Path(p)) = (&content, &item.source) {
        if outcome.stored().is_some() && stat(p).ok() != Some((c.size, c.mtime_ns)) {
            warning = Some(format!(
                "{} changed while it was uploaded: what was stored may be either version",
                p.display()
            ));
            content = None;
        }
    }
    ItemResult {
        key: item.key,
        size,
        outcome,
        content,
        warning,
    }
}

fn failed(key: String, size: u64, e: Error) -> ItemResult {
    ItemResult {
        key,
        size,
        outcome: Outcome::Failed(e),
        content: None,
        warning: None,
    }
}

/// Size and modification time of a local file.
fn stat(path: &std::path::Path) -> std::io::Result<(u64, i64)> {
    let m = std::fs::metadata(path)?;
    let mtime = m
        .modified()?
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos().min(i64::MAX as u128) as i64);
    Ok((m.len(), mtime))
}

fn parse(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|_| Value::String(text.to_string()))
}

fn cancelled_or(e: Error) -> Outcome {
    if e.kind == ErrorKind::Cancelled {
        Outcome::Cancelled
    } else {
        Outcome::Failed(e)
    }
}

fn upload_new(
    run: &Run<'_>,
    source: UploadSource<'_>,
    mut options: Map<String, Value>,
    on_bytes: &mut dyn FnMut(u64, u64) -> bool,
) -> Outcome {
    options.insert(IDEMPOTENT_OPTION.into(), Value::Bool(true));
    match run.client.upload(source, &options, Some(on_bytes)) {
        Ok(text) => Outcome::Uploaded(parse(&text)),
        Err(e) if is_already_exists(&e) => match already_there(run.client, source, &split_idempotent(&options).0) {
            Ok(Some(file)) => Outcome::AlreadyThere(file),
            Ok(None) => {
                let mut e = e;
                e.message
                    .push_str(" (a different file of that name, by size, is already there; it was not overwritten)");
                Outcome::Failed(e)
            }
            Err(lookup) => {
                let mut e = e;
                e.message
                    .push_str(&format!(" (looking up the file there failed: {})", lookup.message));
                Outcome::Failed(e)
            }
        },
        Err(e) => cancelled_or(e),
    }
}

/// ImageKit's answer to an upload of an existing name with `useUniqueFileName=false` and
/// `overwriteFile=false`.
fn is_already_exists(e: &Error) -> bool {
    matches!(e.http_status, Some(400) | Some(409)) && e.message.contains("already exists")
}

/// The file already stored under the item's folder and name when its size is the item's.
fn already_there(client: &Client, source: UploadSource<'_>, options: &Map<String, Value>) -> Result<Option<Value>> {
    let size = match source {
        UploadSource::Path(p) => std::fs::metadata(p)
            .map_err(|e| Error::new(ErrorKind::Io, e.to_string()))?
            .len(),
        UploadSource::Bytes(b) => b.len() as u64,
        UploadSource::Option => return Ok(None),
    };
    let options = read_options(options, "upload option")?;
    let name = options.str("fileName").unwrap_or_default();
    let folder = super::journal::normalize_folder(options.str("folder").unwrap_or("/"));
    Ok(find_file(client, &folder, name)?.filter(|f| f["size"].as_u64() == Some(size)))
}

/// The file named `name` directly in `folder`, if any.
pub fn find_file(client: &Client, folder: &str, name: &str) -> Result<Option<Value>> {
    if name.contains(['"', '\\']) {
        return Err(Error::invalid(format!("the name {name:?} cannot be searched for")));
    }
    let op = ops::find("assets.list").expect("assets.list is in the table");
    let params = json!({"type": "file", "path": folder, "searchQuery": format!("name = \"{name}\"")});
    let text = client.call(op, &[], Some(&params.to_string()))?;
    let items: Vec<Value> = serde_json::from_str(&text).unwrap_or_default();
    Ok(items.into_iter().find(|f| f["name"].as_str() == Some(name)))
}

/// The current version id of a file (`None` when the file is gone).
fn current_version(client: &Client, file_id: &str) -> Result<Option<Value>> {
    let op = ops::find("files.get").expect("files.get is in the table");
    match client.call(op, &[file_id], None) {
        Ok(text) => Ok(Some(parse(&text))),
        Err(e) if e.kind == ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

fn version_id(details: &Value) -> Option<&str> {
    details["versionInfo"]["id"].as_str()
}

/// True for a failure after which the upload may or may not have been stored.
fn fate_unknown(e: &Error) -> bool {
    matches!(
        e.kind,
        ErrorKind::Network | ErrorKind::Timeout | ErrorKind::ServerError | ErrorKind::Decode
    ) || e.http_status == Some(429)
}

fn replace(
    run: &Run<'_>,
    source: UploadSource<'_>,
    mut options: Map<String, Value>,
    file_id: &str,
    size: u64,
    on_bytes: &mut dyn FnMut(u64, u64) -> bool,
) -> Outcome {
    let before = match current_version(run.client, file_id) {
        Ok(Some(d)) => d,
        // The file was deleted since: store it anew.
        Ok(None) => {
            return match upload_new(run, source, options, on_bytes) {
                Outcome::Uploaded(v) | Outcome::AlreadyThere(v) => Outcome::Replaced(v),
                other => other,
            }
        }
        Err(e) => return Outcome::Failed(e),
    };
    let old_version = version_id(&before).map(str::to_string);
    options.insert("useUniqueFileName".into(), Value::Bool(false));
    options.insert("overwriteFile".into(), Value::Bool(true));
    let config = &run.client.config;
    let mut delay = config.retry_initial_delay;
    let mut attempt = 0u32;
    loop {
        attempt += 1;
        let e = match run.single_shot.upload(source, &options, Some(&mut *on_bytes)) {
            Ok(text) => return Outcome::Replaced(parse(&text)),
            Err(e) if !fate_unknown(&e) || attempt > config.max_retries => return cancelled_or(e),
            Err(e) => e,
        };
        // Did that attempt land? A new current version of our size means it did.
        match current_version(run.client, file_id) {
            Ok(Some(now)) if version_id(&now) != old_version.as_deref() && now["size"].as_u64() == Some(size) => {
                return Outcome::Replaced(now)
            }
            Ok(_) => {}
            Err(check) => {
                let mut e = e;
                e.message.push_str(&format!(
                    " (whether the new version was stored is not known: checking failed: {})",
                    check.message
                ));
                return Outcome::Failed(e);
            }
        }
        if run.is_cancelled() {
            return Outcome::Cancelled;
        }
        std::thread::sleep(delay.min(config.retry_max_delay));
        delay = (delay * 2).min(Duration::from_secs(8));
    }
}
