//! Walking a local tree: the core's walk (`imagekit_core::bulk::tree`), with its errors as usage
//! failures that name the flags.

use crate::output::Failure;
pub use imagekit_core::bulk::tree::{mtime_ns, Filter, Walked};
use std::path::Path;

/// The filter of `--include` / `--exclude`.
pub fn filter(include: &[String], exclude: &[String]) -> Result<Filter, Failure> {
    Filter::new(include, exclude).map_err(|e| Failure::usage(format!("--{}", e.message)))
}

/// Every regular file under `root` that the filter keeps, sorted by relative path.
pub fn walk(root: &Path, filter: &Filter, skip: Option<&Path>) -> Result<Walked, Failure> {
    imagekit_core::bulk::tree::walk(root, filter, skip).map_err(|e| Failure::usage(e.message.clone()))
}
