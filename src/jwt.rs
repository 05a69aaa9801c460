//! C surface: the upload-v2 JWT for client-side uploads (`ik_upload_v2_token`).

use super::args::{opt_str_arg, str_arg};
use super::boundary::call_with_out;
use super::client::{client_arg, ik_client};
use super::status::ik_status;
use imagekit_core::jwt::{upload_v2_token, TokenOptions};
use imagekit_core::options::parse_object;
use std::ffi::c_char;

/// Makes the one-time `token` (a JWT) a browser or app sends with a client-side upload to
/// `POST /api/v2/files/upload`. No network call; only the client's keys are used.
///
/// The token is HS256, signed with the client's private key; its header is
/// `{"alg":"HS256","typ":"JWT","kid":"<public key>"}`; its payload holds the upload parameters
/// from `payload_json` followed by `iat` (now) and `exp` (now + the lifetime).
///
/// `payload_json` is a JSON object of **every** upload parameter the client will send except
/// `file` and `token`: ImageKit rejects the upload if the form's fields differ from the
/// payload's. Keys are the upload API's names (`fileName`, `useUniqueFileName`, `tags`,
/// `folder`, `customMetadata`, …; the snake_case spellings the upload functions accept work too
/// and are written under the API name). `fileName` is required. Values are written in the
/// stringified form the multipart form carries, exactly as the library's own upload sends them:
/// booleans `"true"`/`"false"`, lists of strings joined with `,`, objects and arrays
/// (`customMetadata`, `extensions`, `transformation`) as JSON text, strings as given.
/// `null` members are left out. Errors: an unknown key, a wrong type, `file`, `token`, `iat`,
/// `exp`, or the v1 fields `publicKey`/`signature`/`expire`.
///
/// `options_json` may be NULL (defaults) or `{"expire_seconds":1800,"now":1714035985}`:
/// `expire_seconds` (alias `expireSeconds`) is the lifetime, 1..=3600 (default 1800; ImageKit
/// accepts at most one hour); `now` (unix seconds) freezes the clock for `iat`, for tests.
///
/// Example: payload `{"fileName":"dress.jpg","useUniqueFileName":false,"tags":["summer","dress"]}`
/// gives a token whose payload is `{"fileName":"dress.jpg","useUniqueFileName":"false",
/// "tags":"summer,dress","iat":…,"exp":…}`; the client then sends the same three fields.
/// A token must be used for one upload only.
///
/// On `IK_STATUS_OK`, `*out_token` holds the token as plain text (not JSON); on failure an error
/// JSON document (`IK_STATUS_INVALID_ARGUMENT` for invalid UTF-8 or JSON, a bad parameter or
/// option, a lifetime outside 1..=3600, or a client without a public key; the message names the
/// problem).
///
/// # Safety
/// `client` must be NULL or a live handle from `ik_client_new`; `payload_json` and
/// `options_json` must be NULL or NUL-terminated strings; `out_token` must be NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ik_upload_v2_token(
    client: *const ik_client,
    payload_json: *const c_char,
    options_json: *const c_char,
    out_token: *mut *mut c_char,
) -> ik_status {
    call_with_out(out_token, || {
        let client = client_arg(client)?;
        let payload = parse_object(Some(str_arg(payload_json, "payload_json")?), "payload_json")?;
        let options = parse_object(opt_str_arg(options_json, "options_json")?, "options_json")?;
        let options = TokenOptions::from_json_map(&options)?;
        upload_v2_token(&client.config.private_key, &client.config.public_key, &payload, options)
    })
}
