//! C surface: many uploads at once (`ik_bulk_upload`) over one client, with one progress callback
//! for the whole batch and a result per item, resumable through a journal; and the sync plan of
//! a local tree against a remote folder (`ik_sync_plan`). The journal, the walk and the plan are
//! the core's (`imagekit_core::bulk`), as the CLI uses them.

use super::args::{opt_str_arg, str_arg};
use super::boundary::call_with_out;
use super::client::{client_arg, ik_client};
use super::status::ik_status;
use imagekit_core::api::upload::{read_options, split_idempotent};
use imagekit_core::bulk::batch::{self, Item, ItemResult, Mode, Source};
use imagekit_core::bulk::journal::{self, Destination, Journal, JournalError};
use imagekit_core::bulk::plan::{self, LocalFile};
use imagekit_core::bulk::tree::{self, Filter};
use imagekit_core::client::Client;
use imagekit_core::error::{Error, ErrorKind, Result};
use imagekit_core::options::{self, opt, parse_object, req, Kind, Param, Read, Wire};
use serde_json::{json, Map, Value};
use std::ffi::{c_char, c_int, c_void, CString};
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

/// Reports a batch's progress: files finished of `files_total`, file bytes sent of
/// `bytes_total`, and the `key` of the item the report is about (borrowed for the call). Called
/// from the library's worker threads, never two at a time. Return 0 to go on; any other value
/// cancels the batch: uploads in flight stop before the server has them whole, the rest are not
/// started, and they are reported `"cancelled"`.
pub type ik_bulk_progress_callback = Option<
    unsafe extern "C" fn(
        userdata: *mut c_void,
        files_done: u64,
        files_total: u64,
        bytes_sent: u64,
        bytes_total: u64,
        key: *const c_char,
    ) -> c_int,
>;

/// The C callback and its userdata, called from the worker threads one at a time.
struct Reporter {
    callback: unsafe extern "C" fn(*mut c_void, u64, u64, u64, u64, *const c_char) -> c_int,
    userdata: *mut c_void,
    lock: Mutex<()>,
}

// SAFETY: the caller of `ik_bulk_upload` promised the callback may be called with `userdata`
// from the library's threads during the call; the lock keeps the calls from overlapping.
unsafe impl Send for Reporter {}
unsafe impl Sync for Reporter {}

impl Reporter {
    fn report(&self, p: &batch::Progress<'_>) -> bool {
        let key = CString::new(p.current.replace('\0', "")).unwrap_or_default();
        let _one_at_a_time = self.lock.lock().unwrap_or_else(|e| e.into_inner());
        // SAFETY: see `unsafe impl Send`.
        unsafe {
            (self.callback)(
                self.userdata,
                p.files_done,
                p.files_total,
                p.bytes_sent,
                p.bytes_total,
                key.as_ptr(),
            ) == 0
        }
    }
}

/// The keys of one `items_json` entry.
const ITEM_KEYS: &[Param] = &[
    opt("path", Kind::Str),
    opt("file", Kind::Str),
    opt("key", Kind::Str),
    opt("options", Kind::Object),
    opt("replaceFileId", Kind::Str),
];

/// The keys of `ik_bulk_upload`'s `options_json`.
const BULK_KEYS: &[Param] = &[
    opt("concurrency", Kind::Int),
    opt("journal", Kind::Str),
    opt("root", Kind::Str),
    opt("folder", Kind::Str),
    opt("include", Kind::StrOrList),
    opt("exclude", Kind::StrOrList),
    opt("hashField", Kind::Str),
    opt("uploadOptions", Kind::Object),
];

/// The keys of `ik_sync_plan`'s `options_json`.
const PLAN_KEYS: &[Param] = &[
    opt("journal", Kind::Str),
    opt("hashField", Kind::Str),
    opt("include", Kind::StrOrList),
    opt("exclude", Kind::StrOrList),
];

/// A string option that, when given, must not be blank.
fn text(r: &Read<'_, '_>, name: &str, what: &str) -> Result<Option<String>> {
    match r.str(name) {
        Some(s) if s.trim().is_empty() => Err(Error::invalid(format!("{what} `{name}` must not be empty"))),
        s => Ok(s.map(str::to_string)),
    }
}

/// A string-or-list option as a list (its kind checked by the reader).
fn strings(r: &Read<'_, '_>, name: &str) -> Vec<String> {
    match r.get(name) {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).map(str::to_string).collect(),
        _ => Vec::new(),
    }
}

/// One item of `items_json`.
fn item(index: usize, v: &Value) -> Result<Item> {
    let Value::Object(m) = v else {
        return Err(Error::invalid(format!("items_json[{index}] must be a JSON object")));
    };
    let what = format!("items_json[{index}] key");
    let r = options::read(ITEM_KEYS, m, &what, Wire::Json)?;
    let source = match (text(&r, "path", &what)?, text(&r, "file", &what)?) {
        (Some(p), None) => Source::Path(PathBuf::from(p)),
        (None, Some(f)) => Source::Url(f),
        (Some(_), Some(_)) => {
            return Err(Error::invalid(format!(
                "items_json[{index}] has both `path` and `file`"
            )))
        }
        (None, None) => {
            return Err(Error::invalid(format!(
                "items_json[{index}] needs a non-empty `path` or `file`"
            )))
        }
    };
    let options = r.get("options").and_then(Value::as_object).cloned().unwrap_or_default();
    // The upload options are checked here, before anything of the batch is sent.
    let (fields, _) = split_idempotent(&options);
    let upload = read_options(&fields, &format!("items_json[{index}] upload option"))?;
    let Some(file_name) = upload.str("fileName").filter(|n| !n.trim().is_empty()) else {
        return Err(Error::invalid(format!(
            "items_json[{index}].options needs a non-empty `fileName`"
        )));
    };
    let key = match (text(&r, "key", &what)?, &source) {
        (Some(k), _) => k,
        (None, Source::Path(p)) => p.to_string_lossy().into_owned(),
        (None, _) => file_name.to_string(),
    };
    let mode = match text(&r, "replaceFileId", &what)? {
        Some(id) => Mode::Replace { file_id: id },
        None => Mode::New,
    };
    Ok(Item {
        key,
        source,
        options,
        mode,
    })
}

/// A journal that cannot be used is the caller's to fix (another path, or move it away); it
/// was left as it is.
fn journal_error(e: JournalError) -> Error {
    match e {
        JournalError::Io(..) => Error::new(ErrorKind::Io, e.to_string()),
        _ => Error::invalid(e.to_string()),
    }
}

/// `{"key", "status", "size", "file" | "error", "warning"?}`; a failed item's error document
/// carries its status code, as every error here does.
fn result_json(r: &ItemResult) -> Value {
    let mut v = r.to_json();
    if let batch::Outcome::Failed(e) = &r.outcome {
        v["error"]["code"] = json!(ik_status::from(e.kind) as u32);
    }
    if let Some(w) = &r.warning {
        v["warning"] = json!(w);
    }
    v
}

/// The bulk options that go with a journal.
struct Journaled {
    journal: PathBuf,
    root: PathBuf,
    folder: String,
    filter: Filter,
    hash_field: Option<String>,
    upload_options: Map<String, Value>,
}

unsafe fn bulk_upload(
    client: *const ik_client,
    items_json: *const c_char,
    options_json: *const c_char,
    progress: ik_bulk_progress_callback,
    userdata: *mut c_void,
) -> Result<String> {
    let client = client_arg(client)?;
    let object = parse_object(opt_str_arg(options_json, "options_json")?, "options_json")?;
    const WHAT: &str = "bulk option";
    let o = options::read(BULK_KEYS, &object, WHAT, Wire::Json)?;
    let concurrency = match o.u64("concurrency") {
        None => 0,
        Some(n) if (1..=batch::MAX_CONCURRENCY as u64).contains(&n) => n as usize,
        Some(_) => {
            return Err(Error::invalid(format!(
                "bulk option `concurrency` must be 1 to {}",
                batch::MAX_CONCURRENCY
            )))
        }
    };
    let journal = text(&o, "journal", WHAT)?;
    let root = text(&o, "root", WHAT)?;
    let folder = text(&o, "folder", WHAT)?;
    let include = strings(&o, "include");
    let exclude = strings(&o, "exclude");
    let hash_field = text(&o, "hashField", WHAT)?;
    let upload_options = o
        .get("uploadOptions")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    let reporter = progress.map(|callback| Reporter {
        callback,
        userdata,
        lock: Mutex::new(()),
    });
    let report = |p: &batch::Progress<'_>| reporter.as_ref().is_none_or(|r| r.report(p));

    let Some(journal) = journal else {
        let given = [
            ("root", root.is_some()),
            ("folder", folder.is_some()),
            ("include", !include.is_empty()),
            ("exclude", !exclude.is_empty()),
            ("hashField", hash_field.is_some()),
            ("uploadOptions", !upload_options.is_empty()),
        ];
        if let Some((name, _)) = given.iter().find(|(_, g)| *g) {
            return Err(Error::invalid(format!(
                "bulk option `{name}` goes with `journal` (a journaled upload of a local tree)"
            )));
        }
        let items: Value = serde_json::from_str(str_arg(items_json, "items_json")?)
            .map_err(|e| Error::invalid(format!("items_json is not valid JSON: {e}")))?;
        let Value::Array(items) = items else {
            return Err(Error::invalid("items_json must be a JSON array"));
        };
        let items = items
            .into_iter()
            .enumerate()
            .map(|(i, v)| item(i, &v))
            .collect::<Result<Vec<_>>>()?;
        let (results, summary) = batch::upload_all(client, items, concurrency, Some(&report))?;
        let results: Vec<Value> = results.iter().map(result_json).collect();
        return Ok(json!({"results": results, "summary": summary.to_json()}).to_string());
    };
    let root = root.ok_or_else(|| {
        Error::invalid(
            "bulk option `root` (the local directory the journal's paths are relative to) is required with `journal`",
        )
    })?;
    for (name, value) in [("fileName", "per file"), ("folder", "from `folder`")] {
        if upload_options.contains_key(name) {
            return Err(Error::invalid(format!(
                "bulk option `uploadOptions` must not set `{name}`: with a journal each file goes to `folder` + its path under `root` ({value})"
            )));
        }
    }
    let job = Journaled {
        journal: PathBuf::from(journal),
        root: PathBuf::from(root),
        folder: journal::normalize_folder(folder.as_deref().unwrap_or("/")),
        filter: Filter::new(&include, &exclude)?,
        hash_field,
        upload_options,
    };
    let items_text = opt_str_arg(items_json, "items_json")?;
    journaled_upload(client, &job, items_text, concurrency, &report)
}

/// The local files of a journaled upload: every file under the root (NULL `items_json`), or the
/// listed ones, each of which must lie under the root.
fn journaled_files(job: &Journaled, items_text: Option<&str>) -> Result<tree::Walked> {
    let Some(text) = items_text else {
        return tree::walk(&job.root, &job.filter, Some(&job.journal));
    };
    let items: Value =
        serde_json::from_str(text).map_err(|e| Error::invalid(format!("items_json is not valid JSON: {e}")))?;
    let Value::Array(items) = items else {
        return Err(Error::invalid("items_json must be a JSON array"));
    };
    if !job.root.is_dir() {
        return Err(Error::invalid(format!(
            "cannot read directory {}: not a directory (bulk option `root`)",
            job.root.display()
        )));
    }
    let mut out = tree::Walked::default();
    for (index, v) in items.into_iter().enumerate() {
        const JOURNAL_ITEM_KEYS: &[Param] = &[req("path", Kind::Str)];
        let path = match &v {
            Value::String(s) => Some(s.as_str()),
            Value::Object(m) => {
                options::read(JOURNAL_ITEM_KEYS, m, &format!("items_json[{index}] key"), Wire::Json)?.str("path")
            }
            _ => None,
        }
        .filter(|p| !p.is_empty())
        .ok_or_else(|| {
            Error::invalid(format!(
                "items_json[{index}]: with a journal an item is a path (a string, or {{\"path\": …}} alone)"
            ))
        })?;
        let given = Path::new(path);
        let full = job.root.join(given);
        // A relative path is taken as it is written (so a missing file is reported, not refused);
        // an absolute one must resolve to a place under the root.
        let rel = if given.is_relative() {
            let plain = given
                .components()
                .all(|c| matches!(c, Component::Normal(_) | Component::CurDir));
            plain.then(|| {
                tree::rel_text(
                    &given
                        .components()
                        .filter(|c| *c != Component::CurDir)
                        .collect::<PathBuf>(),
                )
            })
        } else {
            tree::relative_to(&job.root, &full)
        }
        .filter(|r| !r.is_empty());
        let Some(rel) = rel else {
            return Err(Error::invalid(format!(
                "items_json[{index}]: {path} is not a file under the root {}",
                job.root.display()
            )));
        };
        match std::fs::metadata(&full) {
            Ok(m) if m.is_file() => out.files.push(LocalFile {
                rel,
                path: full,
                size: m.len(),
                mtime_ns: tree::mtime_ns(&m),
            }),
            Ok(_) => out.unreadable.push((rel, "not a regular file".into())),
            Err(e) => out.unreadable.push((rel, e.to_string())),
        }
    }
    Ok(out)
}

fn journaled_upload(
    client: &Client,
    job: &Journaled,
    items_text: Option<&str>,
    concurrency: usize,
    report: &(dyn Fn(&batch::Progress<'_>) -> bool + Sync),
) -> Result<String> {
    let dest = Destination::new(&job.folder, &client.config.upload_base_url);
    // Everything is checked (the tree, then the journal) before anything is sent.
    let walked = journaled_files(job, items_text)?;
    let (journal, index) = Journal::open(&job.journal, &dest).map_err(journal_error)?;
    let mut plan = plan::build(walked.files, &index, None);
    plan.unreadable.extend(walked.unreadable);
    let mut results: Vec<Value> = Vec::with_capacity(plan.upload.len() + plan.replace.len());
    for (rel, why) in &plan.unreadable {
        let e = Error::new(ErrorKind::Io, format!("cannot read {rel}: {why}"));
        let mut v = json!({"key": rel, "status": "failed", "size": 0, "error": Value::Object(e.to_json_map())});
        v["error"]["code"] = json!(ik_status::from(e.kind) as u32);
        results.push(v);
    }
    for (local, _) in &plan.unchanged {
        results.push(json!({"key": local.rel, "status": "unchanged", "size": local.size}));
    }
    let unreadable = plan.unreadable.len() as u64;
    let target = tree::Target {
        folder: &job.folder,
        options: &job.upload_options,
        concurrency,
        journal: Some(&journal),
        index: &index,
        hash_field: job.hash_field.as_deref(),
        cancel: None,
    };
    let done = tree::upload_plan(client, plan, &target, Some(report), &mut |r| {
        results.push(result_json(&r))
    })?;
    let mut summary = done.summary.to_json();
    summary["unchanged"] = json!(done.unchanged);
    summary["failed"] = json!(done.summary.failed + unreadable);
    let mut out = json!({"results": results, "summary": summary});
    if let Some(e) = done.journal_error {
        out["journalError"] = json!(e);
    }
    Ok(out.to_string())
}

/// Uploads many files at once over the client's kept-alive connections, none of which can be
/// stored twice; with a journal, a re-run uploads only what is not confirmed yet.
///
/// `items_json` is a JSON array; each item is an object with `"path"` (a local file, streamed)
/// or `"file"` (a URL, base64 text or data URI ImageKit fetches), `"options"` (the upload options
/// of `ik_files_upload`; `"fileName"` required), an optional `"key"` (echoed in its result and the
/// progress; default the path or file name) and an optional `"replaceFileId"` (store a new version
/// of that file instead of a new file). `options_json` may be NULL or
/// `{"concurrency": 1-64}` (default 8).
///
/// **With a journal** (`options_json` `{"journal": "<file>", "root": "<local dir>", "folder":
/// "/remote/folder", …}`) the batch is a resumable upload of a local tree, as `imagekit upload -r`
/// does it: each file goes to `folder` (default `/`) + its path relative to `root`, and every
/// confirmed upload is appended to the journal (created if missing). A re-run skips the files the
/// journal records unchanged (same size and time, or same content hash), uploads the rest and
/// replaces (as a new version) the files whose content changed. `items_json` is then NULL (every
/// regular file under `root`, filtered by `"include"` / `"exclude"` globs, the journal left out)
/// or an array of paths (strings or `{"path": …}`) relative to `root` or absolute under it.
/// Further options: `"hashField"` (also keep each file's content hash in this custom metadata
/// field) and `"uploadOptions"` (upload options every file gets, such as `tags`; not `fileName`
/// or `folder`). A journal that is not one, is corrupt or records another folder or endpoint
/// gives `IK_STATUS_INVALID_ARGUMENT` with a message saying what to do, before anything is sent;
/// the journal is left byte for byte as it was.
///
/// New files go up in the `idempotent` mode (`useUniqueFileName=false`, `overwriteFile=false`),
/// each retried per the client's `max_retries`; a file of that name and size already there (an
/// earlier run's upload whose answer was lost) is reported `"already_there"` with its details, a
/// different file of that name is a failure and is not overwritten. A replacement is sent
/// without automatic retries and, after a lost answer, checked before it is repeated, so it makes
/// one new version.
///
/// `progress` may be NULL; see `ik_bulk_progress_callback`.
///
/// On `IK_STATUS_OK` (the batch ran, even if items failed or it was cancelled), `*out_json` holds
/// `{"results": [{"key", "status", "size", "file" | "error"}, …], "summary": {"uploaded",
/// "replaced", "alreadyThere", "failed", "cancelled", "wasCancelled"}}`, one result per item in
/// the order they finished; `status` is `uploaded`, `replaced`, `already_there`, `failed` (with
/// the error document) or `cancelled`. A failed item is never reported stored. With a journal,
/// the keys are the relative paths, unchanged files have a result with status `unchanged` (and the
/// summary an `"unchanged"` count), a result may carry a `"warning"`, and a journal that could not
/// be written to is named in a top-level `"journalError"`. Bad arguments
/// (invalid JSON, an item without `fileName`, an unknown key) give `IK_STATUS_INVALID_ARGUMENT`
/// before anything is sent, with an error document naming the item. The caller frees `*out_json`
/// with `ik_string_free`. NULL `client` or `out_json`, or NULL `items_json` without a journal,
/// gives `IK_STATUS_NULL_ARGUMENT`.
///
/// @code
/// char *out = NULL;
/// ik_status st = ik_bulk_upload(client,
///     "[{\"path\":\"a.jpg\",\"options\":{\"fileName\":\"a.jpg\",\"folder\":\"/shop\"}},"
///     " {\"path\":\"b.jpg\",\"options\":{\"fileName\":\"b.jpg\",\"folder\":\"/shop\"}}]",
///     "{\"concurrency\":8}", NULL, NULL, &out);
/// ik_string_free(out);
/// // A resumable upload of a directory: run it again after a crash to upload only the rest.
/// st = ik_bulk_upload(client, NULL,
///     "{\"journal\":\"photos.journal\",\"root\":\"photos\",\"folder\":\"/shop\"}", NULL, NULL, &out);
/// ik_string_free(out);
/// @endcode
///
/// # Safety
/// Pointers must be NULL or valid as described; `progress` must be safe to call with `userdata`
/// from other threads during the call.
#[no_mangle]
pub unsafe extern "C" fn ik_bulk_upload(
    client: *const ik_client,
    items_json: *const c_char,
    options_json: *const c_char,
    progress: ik_bulk_progress_callback,
    userdata: *mut c_void,
    out_json: *mut *mut c_char,
) -> ik_status {
    call_with_out(out_json, || {
        bulk_upload(client, items_json, options_json, progress, userdata)
    })
}

unsafe fn sync_plan(
    client: *const ik_client,
    local_dir: *const c_char,
    remote_folder: *const c_char,
    options_json: *const c_char,
) -> Result<String> {
    let client = client_arg(client)?;
    let root = PathBuf::from(str_arg(local_dir, "local_dir")?);
    let folder = journal::normalize_folder(str_arg(remote_folder, "remote_folder")?);
    let object = parse_object(opt_str_arg(options_json, "options_json")?, "options_json")?;
    const WHAT: &str = "sync plan option";
    let o = options::read(PLAN_KEYS, &object, WHAT, Wire::Json)?;
    let journal_path = text(&o, "journal", WHAT)?.map(PathBuf::from);
    let hash_field = text(&o, "hashField", WHAT)?;
    let filter = Filter::new(&strings(&o, "include"), &strings(&o, "exclude"))?;
    let dest = Destination::new(&folder, &client.config.upload_base_url);
    let walked = tree::walk(&root, &filter, journal_path.as_deref())?;
    // Read only: a plan never writes the journal (a torn tail stays for the next upload to cut).
    let index = match &journal_path {
        Some(p) => journal::read(p, &dest)
            .map_err(journal_error)?
            .map(|c| c.index)
            .unwrap_or_default(),
        None => Default::default(),
    };
    let exists = plan::folder_exists(client, &folder)?;
    let listing = if exists {
        plan::list_remote(client, &folder, hash_field.as_deref())?
    } else {
        Default::default()
    };
    let mut plan = plan::build(walked.files, &index, Some(listing));
    plan.unreadable.extend(walked.unreadable);
    let mut doc = plan.to_json();
    doc["folder"] = json!(folder);
    doc["remoteFolderExists"] = json!(exists);
    Ok(doc.to_string())
}

/// Works out what uploading the local directory `local_dir` to the remote folder `remote_folder`
/// would change, without changing anything (on the server or in the journal): the sync plan
/// that `imagekit sync --dry-run` shows, from the same code.
///
/// Every regular file under `local_dir` (symbolic links not followed) is compared with the
/// remote folder's listing (every page, sub-folders included) and, when given, the journal of
/// earlier uploads: a file is unchanged when the journal records it with the same size and
/// modification time or the same content hash, or (without a journal entry) when the remote
/// folder has a file of that relative path and size, or that content hash in the `hashField`
/// custom metadata field; a recorded or remote file whose content differs is to be replaced;
/// a file the folder lacks is to be uploaded; a remote file with no local counterpart is
/// remote-only (deleting it is the caller's decision: nothing here deletes).
///
/// `options_json` may be NULL or `{"journal": "<file>", "hashField": "<custom metadata field>",
/// "include": ["*.jpg"], "exclude": ["*.tmp"]}` (globs on the path relative to `local_dir`; a
/// bare name matches at any depth). The journal is only read; a missing one is no journal.
///
/// On `IK_STATUS_OK`, `*out_json` holds `{"actions": [...], "summary": {"upload", "replace",
/// "unchanged", "remoteOnly", "unreadable"}, "folder": "/normalized", "remoteFolderExists":
/// bool}`; each action is `{"action": "upload", "path": rel, "size"}`, `{"action": "replace",
/// "path": rel, "size", "fileId"}`, `{"action": "remote-only", "path": filePath, "fileId",
/// "size"}` or `{"action": "unreadable", "path": rel, "error"}`. A remote folder that does not
/// exist is not an error: everything is to be uploaded and `remoteFolderExists` is false.
///
/// A `local_dir` that is not a readable directory, bad options, or a journal that is not one,
/// is corrupt or records another folder or endpoint give `IK_STATUS_INVALID_ARGUMENT` with a
/// message saying what to do (the journal is left as it was); a failed listing gives the
/// request's status and error document. NULL `client`, `local_dir`, `remote_folder` or
/// `out_json` gives `IK_STATUS_NULL_ARGUMENT`. The caller frees `*out_json` with
/// `ik_string_free`.
///
/// @code
/// char *plan = NULL;
/// if (ik_sync_plan(client, "photos", "/shop", "{\"journal\":\"photos.journal\"}", &plan) == IK_STATUS_OK)
///     puts(plan);   // {"actions":[{"action":"upload","path":"new.jpg","size":1234}],...}
/// ik_string_free(plan);
/// @endcode
///
/// # Safety
/// Pointers must be NULL or valid NUL-terminated strings; `out_json` must be NULL or valid for a
/// pointer write.
#[no_mangle]
pub unsafe extern "C" fn ik_sync_plan(
    client: *const ik_client,
    local_dir: *const c_char,
    remote_folder: *const c_char,
    options_json: *const c_char,
    out_json: *mut *mut c_char,
) -> ik_status {
    call_with_out(out_json, || sync_plan(client, local_dir, remote_folder, options_json))
}
