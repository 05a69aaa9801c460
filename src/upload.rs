//! C surface: uploads to v1 (`ik_files_upload`, `_bytes`, `_path`) and v2
//! (`ik_beta_v2_files_upload`, `_bytes`, `_path`), and the progress callback type. The original SDK's
//! names (`ik_upload_file` …) are in `seed_names.rs`.

use super::args::{bytes_arg, str_arg};
use super::boundary::call_with_out;
use super::client::{client_arg, ik_client};
use super::status::ik_status;
use imagekit_core::api::upload::{UploadApi, UploadSource};
use imagekit_core::error::Result;
use imagekit_core::http::ProgressFn;
use imagekit_core::options::parse_object;
use std::ffi::{c_char, c_int, c_void};
use std::path::Path;

/// Reports upload progress, libcurl style: `sent` request-body bytes out of `total` (the whole
/// multipart body, so a little more than the file). Called on the thread that started the
/// upload: once before the first byte, then as the body goes out. Return 0 to go on; any other
/// value cancels the upload, which then fails with `IK_STATUS_CANCELLED` and nothing is stored.
/// When a failed attempt is retried, the count starts again from 0.
pub type ik_progress_callback = Option<unsafe extern "C" fn(userdata: *mut c_void, sent: u64, total: u64) -> c_int>;

/// Runs `f` with the C callback wrapped as a Rust progress hook.
fn with_progress<R>(
    progress: ik_progress_callback,
    userdata: *mut c_void,
    f: impl FnOnce(Option<&mut ProgressFn<'_>>) -> R,
) -> R {
    match progress {
        None => f(None),
        Some(cb) => {
            // SAFETY: the caller promised `cb` may be called with `userdata` during this call.
            let mut hook = move |sent: u64, total: u64| unsafe { cb(userdata, sent, total) } == 0;
            f(Some(&mut hook))
        }
    }
}

pub(crate) unsafe fn upload_with(
    api: UploadApi,
    client: *const ik_client,
    source: UploadSource<'_>,
    options_json: *const c_char,
    progress: ik_progress_callback,
    userdata: *mut c_void,
) -> Result<String> {
    let client = client_arg(client)?;
    let options = parse_object(Some(str_arg(options_json, "options_json")?), "options_json")?;
    with_progress(progress, userdata, |p| client.upload_to(api, source, &options, p))
}

/// An upload of the `len` bytes at `data` (checked: NULL only with 0, a length an object can
/// have) to `api`.
///
/// # Safety
/// As for `ik_files_upload_bytes`.
pub(crate) unsafe fn upload_bytes(
    api: UploadApi,
    client: *const ik_client,
    data: *const u8,
    len: usize,
    options_json: *const c_char,
    progress: ik_progress_callback,
    userdata: *mut c_void,
) -> Result<String> {
    let bytes = bytes_arg(data, len, "data")?;
    upload_with(
        api,
        client,
        UploadSource::Bytes(bytes),
        options_json,
        progress,
        userdata,
    )
}

/// An upload of the local file at `path` (checked: not NULL, UTF-8, not empty) to `api`.
///
/// # Safety
/// As for `ik_files_upload_path`.
pub(crate) unsafe fn upload_path(
    api: UploadApi,
    client: *const ik_client,
    path: *const c_char,
    options_json: *const c_char,
    progress: ik_progress_callback,
    userdata: *mut c_void,
) -> Result<String> {
    let path = str_arg(path, "path")?;
    if path.is_empty() {
        return Err(imagekit_core::error::Error::invalid(
            "argument `path` must not be empty",
        ));
    }
    upload_with(
        api,
        client,
        UploadSource::Path(Path::new(path)),
        options_json,
        progress,
        userdata,
    )
}

/// Uploads a file given by URL, base64 text or data URI (`POST /api/v1/files/upload`).
///
/// `options_json` is a JSON object with the API's upload fields, in camelCase or the original SDK's
/// snake_case. It must contain `"file"` (a public http(s) URL ImageKit fetches, a base64
/// string, or a `data:` URI) and `"fileName"`. Optional: `useUniqueFileName`, `tags` (list or
/// comma-separated string), `folder`, `isPrivateFile`, `isPublished`, `customCoordinates`,
/// `responseFields` (list or string), `extensions`, `webhookUrl`, `overwriteFile`,
/// `overwriteAITags`, `overwriteTags`, `overwriteCustomMetadata`, `customMetadata`,
/// `transformation`, `checks`, `description`. Booleans are sent as "true"/"false" and objects
/// as JSON text. An unknown key is `IK_STATUS_INVALID_ARGUMENT`, naming it.
///
/// The library's own option `"idempotent": true` (never sent; all three upload functions take
/// it) makes a retry unable to store a second copy: the upload goes out with
/// `useUniqueFileName=false` and `overwriteFile=false` (either set to `true` with it is
/// `IK_STATUS_INVALID_ARGUMENT`; a `null` counts as absent). When a retry is answered "already
/// exists" after an earlier attempt of this call whose whole body went out and whose outcome is
/// unknown, the stored file is looked up (its `filePath` must be the folder sent plus the file
/// name, with the same size) and its details object is returned with `IK_STATUS_OK`. After
/// attempts that provably stored nothing, or on the first attempt, "already exists" stays
/// `IK_STATUS_BAD_REQUEST`: the name was taken by someone else. One case stays ambiguous: another
/// client storing a file of the same path and size while this call's lost attempt was not stored.
///
/// `progress` may be NULL; see `ik_progress_callback`. `userdata` is passed to it untouched.
///
/// On `IK_STATUS_OK`, `*out_json` holds the API's answer (the uploaded file's `fileId`, `url`,
/// `name`, …), which always describes a stored file: a 2xx answer without a `fileId` (an empty
/// body, `{}`, other JSON; a 202 `{"message"}` excepted) is `IK_STATUS_DECODE`, with the answer in
/// the error's `body`. Otherwise `*out_json` holds an error document (`status`, `message`,
/// `http_status`, `help`, `request_id`, `attempts`, `body`, …; texts at most 4 KiB, the private key
/// redacted). NULL `client`, `options_json` or `out_json` gives `IK_STATUS_NULL_ARGUMENT`.
///
/// Failed attempts (connection errors, timeouts, 408/409/429/5xx) are retried per the client's
/// `max_retries`. Thread safety: may be called from several threads at once on one client;
/// the callback runs on the calling thread.
///
/// @code
/// char *out = NULL;
/// ik_status st = ik_files_upload(client,
///     "{\"file\":\"https://example.com/cat.jpg\",\"fileName\":\"cat.jpg\",\"tags\":[\"pets\"]}",
///     NULL, NULL, &out);
/// if (st == IK_STATUS_OK) printf("uploaded: %s\n", out); else fprintf(stderr, "%s\n", out);
/// ik_string_free(out);
/// @endcode
///
/// # Safety
/// Pointers must be NULL or valid as described; `progress` must be safe to call with `userdata`.
#[no_mangle]
pub unsafe extern "C" fn ik_files_upload(
    client: *const ik_client,
    options_json: *const c_char,
    progress: ik_progress_callback,
    userdata: *mut c_void,
    out_json: *mut *mut c_char,
) -> ik_status {
    call_with_out(out_json, || {
        upload_with(
            UploadApi::V1,
            client,
            UploadSource::Option,
            options_json,
            progress,
            userdata,
        )
    })
}

/// Uploads `len` bytes at `data` as the file (a binary multipart part named after `fileName`).
///
/// `data` is borrowed for the call only and is not copied: it is streamed from where it is.
/// `data` may be NULL only when `len` is 0. A `len` no object can have (over `PTRDIFF_MAX`, or
/// running past the end of the address space from `data`: often a negative length cast to
/// `size_t`) is `IK_STATUS_INVALID_ARGUMENT` and nothing is sent. `options_json` is as for `ik_files_upload` but must
/// not contain `"file"`; `"fileName"` is required.
///
/// On `IK_STATUS_OK`, `*out_json` holds the API's answer; otherwise an error document. The
/// caller frees it with `ik_string_free`. NULL `client`, `options_json` or `out_json` gives
/// `IK_STATUS_NULL_ARGUMENT`. A non-zero return from `progress` gives `IK_STATUS_CANCELLED`.
/// Retried like every call (the bytes are simply sent again). Thread-safe on a shared client.
///
/// @code
/// static int on_progress(void *ud, uint64_t sent, uint64_t total) {
///     (void)ud; fprintf(stderr, "\r%llu/%llu", (unsigned long long)sent, (unsigned long long)total);
///     return 0; // non-zero cancels
/// }
/// char *out = NULL;
/// ik_status st = ik_files_upload_bytes(client, buf, buf_len, "{\"fileName\":\"photo.jpg\"}",
///                                     on_progress, NULL, &out);
/// ik_string_free(out);
/// @endcode
///
/// # Safety
/// `data` must point to `len` readable bytes (or be NULL with `len == 0`); other pointers as
/// for `ik_files_upload`.
#[no_mangle]
pub unsafe extern "C" fn ik_files_upload_bytes(
    client: *const ik_client,
    data: *const u8,
    len: usize,
    options_json: *const c_char,
    progress: ik_progress_callback,
    userdata: *mut c_void,
    out_json: *mut *mut c_char,
) -> ik_status {
    call_with_out(out_json, || {
        upload_bytes(UploadApi::V1, client, data, len, options_json, progress, userdata)
    })
}

/// Uploads the local file at `path`, streamed from disk in chunks while it is sent: memory
/// use does not grow with the file's size.
///
/// `path` is a NUL-terminated UTF-8 path, borrowed for the call. The file must exist and be a
/// regular file (else `IK_STATUS_IO`); its size when the call starts is the size sent, and a
/// file that changes size during the upload (shrinks, or grows: nothing may be read past the
/// size it had) fails with `IK_STATUS_IO` before the body is complete, so nothing is stored. `options_json` is as
/// for `ik_files_upload` but must not contain `"file"`; `"fileName"` is required (it is not
/// taken from the path).
///
/// On `IK_STATUS_OK`, `*out_json` holds the API's answer; otherwise an error document. The
/// caller frees it with `ik_string_free`. NULL `client`, `path`, `options_json` or `out_json`
/// gives `IK_STATUS_NULL_ARGUMENT`. A non-zero return from `progress` gives
/// `IK_STATUS_CANCELLED`. A retry reopens the file and sends it again from the start.
/// Thread-safe on a shared client.
///
/// @code
/// char *out = NULL;
/// ik_status st = ik_files_upload_path(client, "/tmp/video.mp4",
///     "{\"fileName\":\"video.mp4\",\"folder\":\"/videos\"}", on_progress, &state, &out);
/// ik_string_free(out);
/// @endcode
///
/// # Safety
/// Pointers must be NULL or valid as described; `progress` must be safe to call with `userdata`.
#[no_mangle]
pub unsafe extern "C" fn ik_files_upload_path(
    client: *const ik_client,
    path: *const c_char,
    options_json: *const c_char,
    progress: ik_progress_callback,
    userdata: *mut c_void,
    out_json: *mut *mut c_char,
) -> ik_status {
    call_with_out(out_json, || {
        upload_path(UploadApi::V1, client, path, options_json, progress, userdata)
    })
}

/// Uploads a file given by URL, base64 text or data URI to upload API v2
/// (`POST /api/v2/files/upload`, `beta.v2.files.upload` in the newest SDKs).
///
/// As `ik_files_upload` in every respect (options, streaming, progress, cancellation, retries,
/// idempotent mode, result and errors), except that v2 has no `publicKey`, `signature` or
/// `expire` (`IK_STATUS_INVALID_ARGUMENT` if given): a client-side upload authenticates with a
/// JWT `token` made by `ik_upload_v2_token`; a server-side one with the client's private key.
///
/// # Safety
/// As for `ik_files_upload`.
#[no_mangle]
pub unsafe extern "C" fn ik_beta_v2_files_upload(
    client: *const ik_client,
    options_json: *const c_char,
    progress: ik_progress_callback,
    userdata: *mut c_void,
    out_json: *mut *mut c_char,
) -> ik_status {
    call_with_out(out_json, || {
        upload_with(
            UploadApi::V2,
            client,
            UploadSource::Option,
            options_json,
            progress,
            userdata,
        )
    })
}

/// Uploads `len` bytes at `data` to upload API v2: as `ik_files_upload_bytes`, with v2's
/// options (see `ik_beta_v2_files_upload`).
///
/// # Safety
/// As for `ik_files_upload_bytes`.
#[no_mangle]
pub unsafe extern "C" fn ik_beta_v2_files_upload_bytes(
    client: *const ik_client,
    data: *const u8,
    len: usize,
    options_json: *const c_char,
    progress: ik_progress_callback,
    userdata: *mut c_void,
    out_json: *mut *mut c_char,
) -> ik_status {
    call_with_out(out_json, || {
        upload_bytes(UploadApi::V2, client, data, len, options_json, progress, userdata)
    })
}

/// Uploads the local file at `path`, streamed from disk, to upload API v2: as
/// `ik_files_upload_path`, with v2's options (see `ik_beta_v2_files_upload`).
///
/// # Safety
/// As for `ik_files_upload_path`.
#[no_mangle]
pub unsafe extern "C" fn ik_beta_v2_files_upload_path(
    client: *const ik_client,
    path: *const c_char,
    options_json: *const c_char,
    progress: ik_progress_callback,
    userdata: *mut c_void,
    out_json: *mut *mut c_char,
) -> ik_status {
    call_with_out(out_json, || {
        upload_path(UploadApi::V2, client, path, options_json, progress, userdata)
    })
}
