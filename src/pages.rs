//! C surface: every page of a list that pages (`assets.list`): a callback per page, or all items
//! in one array with a cap.

use super::args::opt_str_arg;
use super::boundary::call_with_out;
use super::client::{client_arg, ik_client};
use super::status::ik_status;
use imagekit_core::api::ops;
use imagekit_core::error::{Error, ErrorKind, Result};
use std::ffi::{c_char, c_int, c_void, CString};

/// Receives one page of a paged list: `page_json` is the page's JSON array as the API sent it,
/// borrowed for the call only (copy what you keep). Called on the thread that started the walk.
/// Return 0 to go on to the next page, any other value to stop.
pub type ik_page_callback = Option<unsafe extern "C" fn(userdata: *mut c_void, page_json: *const c_char) -> c_int>;

fn assets_list() -> Result<&'static ops::Op> {
    ops::find("assets.list").ok_or_else(|| Error::new(ErrorKind::Panic, "no assets.list row"))
}

/// Lists and searches files and folders page by page (`GET /v1/files` with `skip`/`limit`),
/// handing each page to `on_page` until a page comes back shorter than the page size or
/// `on_page` returns non-zero.
///
/// `params_json` (may be NULL) is as for `ik_assets_list`; its `skip` (default 0) is where the
/// walk starts and its `limit` (default 1000, the API's maximum) is the page size.
///
/// On `IK_STATUS_OK`, `*out_json` holds `{"pages":N,"items":M,"stopped":bool}` (`stopped`: the
/// callback ended the walk early). On failure (an HTTP error on any page, a page that is not a
/// JSON array) it holds an error document; the pages before it were delivered. The caller frees
/// it with `ik_string_free`. NULL `client`, `on_page` or `out_json` gives
/// `IK_STATUS_NULL_ARGUMENT`. `userdata` is passed to `on_page` untouched. Thread-safe on a shared
/// client; `on_page` must not free the client.
///
/// @code
/// static int print_page(void *ud, const char *page) { (void)ud; puts(page); return 0; }
/// char *out = NULL;
/// ik_assets_list_each(client, "{\"path\":\"/products\",\"limit\":100}", print_page, NULL, &out);
/// ik_string_free(out);
/// @endcode
///
/// # Safety
/// `client` NULL or a live handle; `params_json` NULL or NUL-terminated; `on_page` safe to call
/// with `userdata`; `out_json` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ik_assets_list_each(
    client: *const ik_client,
    params_json: *const c_char,
    on_page: ik_page_callback,
    userdata: *mut c_void,
    out_json: *mut *mut c_char,
) -> ik_status {
    call_with_out(out_json, || {
        let client = client_arg(client)?;
        let params = opt_str_arg(params_json, "params_json")?;
        let on_page = on_page.ok_or_else(|| Error::null_argument("on_page"))?;
        let mut bad_page = None;
        let mut deliver = |page: &str| -> bool {
            let Ok(text) = CString::new(page) else {
                bad_page = Some(Error::new(ErrorKind::Decode, "a page holds a NUL byte"));
                return false;
            };
            // SAFETY: the caller promised `on_page` may be called with `userdata` during this call.
            let verdict = unsafe { on_page(userdata, text.as_ptr()) };
            verdict == 0
        };
        let walk = client.each_page(assets_list()?, params, &mut deliver)?;
        match bad_page {
            Some(e) => Err(e),
            None => Ok(walk.to_json()),
        }
    })
}

/// Lists and searches files and folders across every page (`GET /v1/files` with `skip`/`limit`)
/// and returns all items in one JSON array, at most `max_items` of them (0: no cap; a result of
/// exactly `max_items` items may have been cut).
///
/// `params_json` (may be NULL) is as for `ik_assets_list_each`. On `IK_STATUS_OK`, `*out_json`
/// holds the array; otherwise an error document. The caller frees it with `ik_string_free`. NULL
/// `client` or `out_json` gives `IK_STATUS_NULL_ARGUMENT`. Thread-safe on a shared client.
///
/// # Safety
/// `client` NULL or a live handle; `params_json` NULL or NUL-terminated; `out_json` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ik_assets_list_all(
    client: *const ik_client,
    params_json: *const c_char,
    max_items: u64,
    out_json: *mut *mut c_char,
) -> ik_status {
    call_with_out(out_json, || {
        let client = client_arg(client)?;
        client.collect_all(assets_list()?, opt_str_arg(params_json, "params_json")?, max_items)
    })
}
