//! C surface: many uploads at once (`ik_bulk_upload`) over one client, with one progress callback
//! for the whole batch and a result per item.

use super::args::{opt_str_arg, str_arg};
use super::boundary::call_with_out;
use super::client::{client_arg, ik_client};
use super::status::ik_status;
use imagekit_core::bulk::batch::{self, Item, Mode, Source};
use imagekit_core::error::{Error, Result};
use imagekit_core::options::parse_object;
use serde_json::{json, Map, Value};
use std::ffi::{c_char, c_int, c_void, CString};
use std::path::PathBuf;
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

/// One item of `items_json`.
fn item(index: usize, v: Value) -> Result<Item> {
    let Value::Object(mut m) = v else {
        return Err(Error::invalid(format!("items_json[{index}] must be a JSON object")));
    };
    let mut take_str = |name: &str| -> Result<Option<String>> {
        match m.remove(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s)),
            Some(_) => Err(Error::invalid(format!("items_json[{index}].{name} must be a string"))),
        }
    };
    let path = take_str("path")?;
    let file = take_str("file")?;
    let key = take_str("key")?;
    let replace = take_str("replaceFileId")?;
    let options = match m.remove("options") {
        None | Some(Value::Null) => Map::new(),
        Some(Value::Object(o)) => o,
        Some(_) => {
            return Err(Error::invalid(format!(
                "items_json[{index}].options must be a JSON object"
            )))
        }
    };
    if let Some(extra) = m.keys().next() {
        return Err(Error::invalid(format!(
            "items_json[{index}] has an unknown key `{extra}` (known: path, file, key, options, replaceFileId)"
        )));
    }
    let source = match (path, file) {
        (Some(p), None) if !p.is_empty() => Source::Path(PathBuf::from(p)),
        (None, Some(f)) if !f.is_empty() => Source::Url(f),
        (Some(_), Some(_)) => {
            return Err(Error::invalid(format!(
                "items_json[{index}] has both `path` and `file`"
            )))
        }
        _ => {
            return Err(Error::invalid(format!(
                "items_json[{index}] needs a non-empty `path` or `file`"
            )))
        }
    };
    if options
        .get("fileName")
        .and_then(Value::as_str)
        .is_none_or(|n| n.trim().is_empty())
    {
        return Err(Error::invalid(format!(
            "items_json[{index}].options needs a non-empty `fileName`"
        )));
    }
    let key = key.unwrap_or_else(|| match &source {
        Source::Path(p) => p.to_string_lossy().into_owned(),
        _ => options["fileName"].as_str().unwrap_or_default().to_string(),
    });
    let mode = match replace {
        Some(id) if !id.trim().is_empty() => Mode::Replace { file_id: id },
        Some(_) => {
            return Err(Error::invalid(format!(
                "items_json[{index}].replaceFileId must not be empty"
            )))
        }
        None => Mode::New,
    };
    Ok(Item {
        key,
        source,
        options,
        mode,
    })
}

unsafe fn bulk_upload(
    client: *const ik_client,
    items_json: *const c_char,
    options_json: *const c_char,
    progress: ik_bulk_progress_callback,
    userdata: *mut c_void,
) -> Result<String> {
    let client = client_arg(client)?;
    let items: Value = serde_json::from_str(str_arg(items_json, "items_json")?)
        .map_err(|e| Error::invalid(format!("items_json is not valid JSON: {e}")))?;
    let Value::Array(items) = items else {
        return Err(Error::invalid("items_json must be a JSON array"));
    };
    let items = items
        .into_iter()
        .enumerate()
        .map(|(i, v)| item(i, v))
        .collect::<Result<Vec<_>>>()?;
    let mut options = parse_object(opt_str_arg(options_json, "options_json")?, "options_json")?;
    let concurrency = match options.remove("concurrency") {
        None | Some(Value::Null) => 0,
        Some(v) => v
            .as_u64()
            .filter(|n| (1..=batch::MAX_CONCURRENCY as u64).contains(n))
            .ok_or_else(|| {
                Error::invalid(format!(
                    "bulk option `concurrency` must be 1 to {}",
                    batch::MAX_CONCURRENCY
                ))
            })? as usize,
    };
    if let Some(extra) = options.keys().next() {
        return Err(Error::invalid(format!(
            "unknown bulk option `{extra}` (known: concurrency)"
        )));
    }
    let reporter = progress.map(|callback| Reporter {
        callback,
        userdata,
        lock: Mutex::new(()),
    });
    let report = |p: &batch::Progress<'_>| reporter.as_ref().is_none_or(|r| r.report(p));
    let (results, summary) = batch::upload_all(client, items, concurrency, Some(&report))?;
    let results: Vec<Value> = results
        .iter()
        .map(|r| {
            let mut v = r.to_json();
            // The error document of a failed item carries its status code, as every error here does.
            if let batch::Outcome::Failed(e) = &r.outcome {
                v["error"]["code"] = json!(ik_status::from(e.kind) as u32);
            }
            v
        })
        .collect();
    Ok(json!({"results": results, "summary": summary.to_json()}).to_string())
}

/// Uploads many files at once over the client's kept-alive connections, none of which can be
/// stored twice.
///
/// `items_json` is a JSON array; each item is an object with `"path"` (a local file, streamed)
/// or `"file"` (a URL, base64 text or data URI ImageKit fetches), `"options"` (the upload options
/// of `ik_files_upload`; `"fileName"` required), an optional `"key"` (echoed in its result and the
/// progress; default the path or file name) and an optional `"replaceFileId"` (store a new version
/// of that file instead of a new file). `options_json` may be NULL or
/// `{"concurrency": 1-64}` (default 8).
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
/// the error document) or `cancelled`. A failed item is never reported stored. Bad arguments
/// (invalid JSON, an item without `fileName`, an unknown key) give `IK_STATUS_INVALID_ARGUMENT`
/// before anything is sent, with an error document naming the item. The caller frees `*out_json`
/// with `ik_string_free`. NULL `client`, `items_json` or `out_json` gives
/// `IK_STATUS_NULL_ARGUMENT`.
///
/// @code
/// char *out = NULL;
/// ik_status st = ik_bulk_upload(client,
///     "[{\"path\":\"a.jpg\",\"options\":{\"fileName\":\"a.jpg\",\"folder\":\"/shop\"}},"
///     " {\"path\":\"b.jpg\",\"options\":{\"fileName\":\"b.jpg\",\"folder\":\"/shop\"}}]",
///     "{\"concurrency\":8}", NULL, NULL, &out);
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
