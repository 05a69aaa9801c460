//! C surface of the modern URL builder (`imagekit_core::modern`): `ik_build_url`,
//! `ik_build_transformation` and `ik_responsive_image_attributes`.

use super::args::str_arg;
use super::boundary::call_with_out;
use super::client::{client_arg, ik_client};
use super::cstring::CText;
use super::status::ik_status;
use std::ffi::c_char;

/// Builds an ImageKit URL the way the newest official SDKs do (`helper.buildSrc` of
/// `@imagekit/nodejs` 7, the reference port), optionally signed.
///
/// `options_json` is a JSON object (camelCase names as in the SDKs; the snake_case spellings
/// `url_endpoint`, `transformation_position`, `query_parameters`, `expires_in` are accepted too;
/// `null` is the same as leaving an option out; any other key is an error that names it):
/// - `src` (string): a path under the URL endpoint (`"/photo.jpg"`), or an absolute `http://` /
///   `https://` URL (then transformations always go into the query). Empty or missing: the
///   result is the empty string, as in the SDKs.
/// - `urlEndpoint` (string): e.g. `https://ik.imagekit.io/your_id`; default: the client's.
/// - `transformation` (array of objects): steps chained with `:`, parameters in the order
///   written (`[{"width":300,"height":200}]` → `w-300,h-200`). Names are mapped through the same
///   table as `ik_url` (`aspectRatio` → `ar`, `grayscale` → `e-grayscale`, …); unknown names pass
///   through; `raw` is emitted as given; `overlay` is a layer: `{"type":"text"|"image"|"video"|
///   "subtitle"|"solidColor", "text"/"input"/"color", "encoding":"auto"|"plain"|"base64",
///   "position":{x,y,xCenter,yCenter,focus,anchorPoint}, "timing":{start,end,duration},
///   "layerMode", "transformation":[…]}`.
/// - `transformationPosition`: `"query"` (default: `?tr=w-300,h-200`) or `"path"` (`/tr:w-300/…`).
/// - `queryParameters` (object of strings / numbers / booleans): appended, form-encoded, in order.
/// - `signed` (bool): add `ik-s`, the HMAC-SHA1 signature with the client's private key.
/// - `expiresIn` (seconds): add `ik-t` = now + this, and sign (even without `signed`).
/// - `now` (integer unix seconds): freezes the clock used for `expiresIn` (tests, caches).
///
/// Unlike the SDKs, the URL never holds a raw space or control character (the transformation
/// string is percent-encoded where needed, an existing `%XX` is kept), `0` in a layer position is
/// kept, and asking to sign a URL that is not under the endpoint is an error (the server could
/// never accept its signature). See the README's "Modern URL builder" section.
///
/// On `IK_STATUS_OK`, `*out_url` holds the URL as plain text; on failure an error JSON document
/// (`IK_STATUS_INVALID_ARGUMENT` for invalid UTF-8 or JSON, an unknown option, a wrong type or
/// value; the message names the option and its place, e.g. `transformation[0].overlay.type`).
///
/// # Safety
/// `client` must be NULL or a live handle from `ik_client_new`; `options_json` must be NULL or
/// a NUL-terminated string; `out_url` must be NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ik_build_url(
    client: *const ik_client,
    options_json: *const c_char,
    out_url: *mut *mut c_char,
) -> ik_status {
    call_with_out(out_url, || {
        let client = client_arg(client)?;
        let options = str_arg(options_json, "options_json")?;
        imagekit_core::modern::build_url_with(client, options, |url| CText::copy_of(url.as_bytes()))
    })
}

/// The transformation string alone, as the newest SDKs' `buildTransformationString` makes it
/// (the same rules as `transformation` in `ik_build_url`), e.g. `[{"width":300},{"rotation":90}]`
/// → `w-300:rt-90`.
///
/// `transformation_json` is a JSON array of steps, or an object `{"transformation": [...]}`. It is
/// borrowed for the call only. On `IK_STATUS_OK`, `*out_transformation` holds the string as plain
/// text (empty when no step yields anything); on failure an error JSON document
/// (`IK_STATUS_INVALID_ARGUMENT`, naming the problem). The caller releases it with
/// `ik_string_free`.
///
/// Thread safety: a pure function; may be called from any thread at any time.
///
/// # Safety
/// `transformation_json` must be NULL or a NUL-terminated string; `out_transformation` must be
/// NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ik_build_transformation(
    transformation_json: *const c_char,
    out_transformation: *mut *mut c_char,
) -> ik_status {
    call_with_out(out_transformation, || {
        let json = str_arg(transformation_json, "transformation_json")?;
        imagekit_core::modern::build_transformation(json)
    })
}

/// Attributes for a responsive `<img>`, as the browser SDK (`@imagekit/javascript` 5,
/// `getResponsiveImageAttributes`) computes them: a JSON object
/// `{"src": …, "srcSet": …, "sizes": …, "width": …}` (`sizes` and `width` only when they apply).
///
/// `options_json` takes every option of `ik_build_url` (`src` is required here) plus:
/// - `width` (number): the display width; without `sizes` it gives `1x` / `2x` candidates;
/// - `sizes` (string): the `sizes` attribute; gives `w` candidates, dropping breakpoints below
///   the smallest `NNvw` share of the smallest device breakpoint;
/// - `deviceBreakpoints` (default `[640,750,828,1080,1200,1920,2048,3840]`) and
///   `imageBreakpoints` (default `[16,32,48,64,96,128,256,384]`): positive pixel widths.
///
/// Each candidate URL is `ik_build_url`'s with a last step `w-<width>,c-at_max`; with `signed` /
/// `expiresIn` every candidate is signed (the browser SDK drops them). Neither `sizes` nor
/// `width`: the device breakpoints with `sizes` = `100vw`.
///
/// Arguments are borrowed for the call only. On `IK_STATUS_OK`, `*out_json` holds the JSON
/// document; on failure an error JSON document (`IK_STATUS_INVALID_ARGUMENT`, naming the problem).
/// The caller releases it with `ik_string_free`. NULL `client` or `options_json` gives
/// `IK_STATUS_NULL_ARGUMENT` (with an error document); NULL `out_json` gives
/// `IK_STATUS_NULL_ARGUMENT` and writes nothing.
///
/// # Safety
/// `client` must be NULL or a live handle from `ik_client_new`; `options_json` must be NULL or
/// a NUL-terminated string; `out_json` must be NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ik_responsive_image_attributes(
    client: *const ik_client,
    options_json: *const c_char,
    out_json: *mut *mut c_char,
) -> ik_status {
    call_with_out(out_json, || {
        let client = client_arg(client)?;
        let options = str_arg(options_json, "options_json")?;
        imagekit_core::modern::responsive_image_attributes(client, options)
    })
}
