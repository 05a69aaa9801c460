//! Walking a local tree: regular files (symbolic links are not followed), relative paths with
//! `/`, include/exclude globs matched against the relative path, the journal itself left out.

use crate::output::Failure;
use globset::{Glob, GlobSet, GlobSetBuilder};
use imagekit_core::bulk::plan::LocalFile;
use std::path::Path;

pub struct Filter {
    include: Option<GlobSet>,
    exclude: GlobSet,
}

fn set(globs: &[String], flag: &str) -> Result<GlobSet, Failure> {
    let mut b = GlobSetBuilder::new();
    for g in globs {
        let glob = Glob::new(g).map_err(|e| Failure::usage(format!("{flag} {g:?}: {e}")))?;
        b.add(glob);
        // `*.jpg` should match at any depth, as users expect from a file filter.
        if !g.contains('/') {
            b.add(Glob::new(&format!("**/{g}")).map_err(|e| Failure::usage(format!("{flag} {g:?}: {e}")))?);
        }
    }
    b.build().map_err(|e| Failure::usage(format!("{flag}: {e}")))
}

impl Filter {
    pub fn new(include: &[String], exclude: &[String]) -> Result<Filter, Failure> {
        Ok(Filter {
            include: if include.is_empty() {
                None
            } else {
                Some(set(include, "--include")?)
            },
            exclude: set(exclude, "--exclude")?,
        })
    }

    fn keeps(&self, rel: &str) -> bool {
        !self.exclude.is_match(rel) && self.include.as_ref().is_none_or(|i| i.is_match(rel))
    }
}

/// What a walk found: files, and entries that could not be read (relative path, reason).
pub struct Walked {
    pub files: Vec<LocalFile>,
    pub unreadable: Vec<(String, String)>,
}

pub fn mtime_ns(meta: &std::fs::Metadata) -> i64 {
    meta.modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos().min(i64::MAX as u128) as i64)
}

/// Every regular file under `root` that the filter keeps, sorted by relative path.
pub fn walk(root: &Path, filter: &Filter, skip: Option<&Path>) -> Result<Walked, Failure> {
    let meta = std::fs::metadata(root)
        .map_err(|e| Failure::usage(format!("cannot read directory {}: {e}", root.display())))?;
    if !meta.is_dir() {
        return Err(Failure::usage(format!("{} is not a directory", root.display())));
    }
    // The journal, when it lies in the tree, as a relative path.
    let skip: Option<String> = skip.and_then(|p| {
        let parent = p.parent()?;
        let dir = std::fs::canonicalize(if parent.as_os_str().is_empty() {
            Path::new(".")
        } else {
            parent
        })
        .ok()?;
        let full = dir.join(p.file_name()?);
        full.strip_prefix(std::fs::canonicalize(root).ok()?).ok().map(rel_text)
    });
    let mut files = Vec::new();
    let mut unreadable = Vec::new();
    for entry in walkdir::WalkDir::new(root).sort_by_file_name() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let rel = e
                    .path()
                    .and_then(|p| p.strip_prefix(root).ok())
                    .map(rel_text)
                    .unwrap_or_default();
                unreadable.push((rel, e.io_error().map_or_else(|| e.to_string(), |io| io.to_string())));
                continue;
            }
        };
        if !entry.file_type().is_file() {
            continue;
        }
        let path = entry.path();
        let Ok(rel) = path.strip_prefix(root) else { continue };
        let rel = rel_text(rel);
        if skip.as_deref() == Some(rel.as_str()) {
            continue;
        }
        if !filter.keeps(&rel) {
            continue;
        }
        match entry.metadata() {
            Ok(m) => files.push(LocalFile {
                rel,
                path: path.to_path_buf(),
                size: m.len(),
                mtime_ns: mtime_ns(&m),
            }),
            Err(e) => unreadable.push((rel, e.to_string())),
        }
    }
    Ok(Walked { files, unreadable })
}

fn rel_text(rel: &Path) -> String {
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}
