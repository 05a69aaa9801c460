//! The shared body of every table-driven `extern "C"` function (`ops_gen.rs`): decode the C
//! arguments, run the row through [`Client::call`](imagekit_core::Client::call), apply the out-parameter
//! protocol.

use super::args::{opt_str_arg, str_arg};
use super::boundary::call_with_out;
use super::client::{client_arg, ik_client};
use super::status::ik_status;
use imagekit_core::api::ops::{id_arg, Op, OPS};
use imagekit_core::error::{Error, ErrorKind, Result};
use std::ffi::c_char;

/// Runs row `index` of the operation table, which must be the operation `py`. `ids` are the path
/// ids in template order; `params_json` is the row's query or body JSON (NULL: none; the function
/// has no such argument when the row takes neither).
///
/// # Safety
/// `client` NULL or a live handle; each id and `params_json` NULL or NUL-terminated; `out_json`
/// NULL or writable.
pub unsafe fn run_op(
    index: usize,
    py: &str,
    client: *const ik_client,
    ids: &[*const c_char],
    params_json: *const c_char,
    out_json: *mut *mut c_char,
) -> ik_status {
    call_with_out(out_json, || {
        // The generated functions call rows by index; the name guards against a table changed
        // without regenerating them (`cargo xtask codegen --check` fails on that too).
        let op = OPS.get(index).filter(|op| op.py == py).ok_or_else(|| {
            Error::new(
                ErrorKind::Panic,
                format!("{py}: src/ops_gen.rs is out of date with the operation table"),
            )
        })?;
        let client = client_arg(client)?;
        let ids = decode_ids(op, ids)?;
        let params = opt_str_arg(params_json, "params_json")?;
        // A row with required parameters has no meaning without them: NULL is a NULL argument.
        if params.is_none() && op.params().iter().any(|p| p.required) {
            return Err(Error::null_argument("params_json"));
        }
        client.call(op, &ids, params)
    })
}

/// Borrows each id argument, naming it (`file_id`, `version_id` …) when NULL or not UTF-8.
///
/// # Safety
/// Each pointer NULL or NUL-terminated.
pub(crate) unsafe fn decode_ids<'a>(op: &Op, ids: &[*const c_char]) -> Result<Vec<&'a str>> {
    let names: Vec<&str> = op.path_ids().collect();
    if names.len() != ids.len() {
        return Err(Error::new(
            ErrorKind::Panic,
            format!("{}: generated code passes the wrong ids", op.py),
        ));
    }
    names
        .iter()
        .zip(ids)
        .map(|(name, ptr)| str_arg(*ptr, &id_arg(name)))
        .collect()
}
