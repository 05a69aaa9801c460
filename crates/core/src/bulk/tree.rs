//! A local tree against a remote folder: walking the tree (include/exclude globs, the journal
//! left out), where each file goes (`folder` + its relative path), and the upload of a plan that
//! records every confirmed file in the journal. The CLI (`upload -r`, `sync`) and the C ABI
//! (`ik_bulk_upload` with a journal, `ik_sync_plan`) both stand on it.

use super::batch::{self, Item, ItemResult, Mode, ProgressFn, Source, Summary};
use super::journal::{normalize_folder, Entry, Index, Journal};
use super::plan::{Evidence, LocalFile, Plan};
use crate::client::Client;
use crate::error::{Error, ErrorKind, Result};
use globset::{Glob, GlobSet, GlobSetBuilder};
use serde_json::{json, Map, Value};
use std::path::Path;
use std::sync::atomic::AtomicBool;
use std::sync::Mutex;

/// Which relative paths a walk keeps.
#[derive(Debug)]
pub struct Filter {
    include: Option<GlobSet>,
    exclude: GlobSet,
}

fn glob_set(globs: &[String], what: &str) -> Result<GlobSet> {
    let bad = |g: &str, e: globset::Error| Error::invalid(format!("{what} glob {g:?}: {e}"));
    let mut b = GlobSetBuilder::new();
    for g in globs {
        b.add(Glob::new(g).map_err(|e| bad(g, e))?);
        // `*.jpg` should match at any depth, as users expect from a file filter.
        if !g.contains('/') {
            b.add(Glob::new(&format!("**/{g}")).map_err(|e| bad(g, e))?);
        }
    }
    b.build().map_err(|e| Error::invalid(format!("{what} globs: {e}")))
}

impl Filter {
    /// Keeps the paths matching one of `include` (all when empty) and none of `exclude`.
    pub fn new(include: &[String], exclude: &[String]) -> Result<Filter> {
        Ok(Filter {
            include: if include.is_empty() {
                None
            } else {
                Some(glob_set(include, "include")?)
            },
            exclude: glob_set(exclude, "exclude")?,
        })
    }

    /// Keeps everything.
    pub fn all() -> Filter {
        Filter {
            include: None,
            exclude: GlobSet::empty(),
        }
    }

    pub fn keeps(&self, rel: &str) -> bool {
        !self.exclude.is_match(rel) && self.include.as_ref().is_none_or(|i| i.is_match(rel))
    }
}

/// What a walk found: files, and entries that could not be read (relative path, reason).
#[derive(Debug, Default)]
pub struct Walked {
    pub files: Vec<LocalFile>,
    pub unreadable: Vec<(String, String)>,
}

/// Modification time in nanoseconds since the Unix epoch (0 when unknown).
pub fn mtime_ns(meta: &std::fs::Metadata) -> i64 {
    meta.modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos().min(i64::MAX as u128) as i64)
}

/// `rel` with `/` separators.
pub fn rel_text(rel: &Path) -> String {
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// `path` relative to `root` when it lies in it (both resolved through the file system, so
/// `./x` and symlinked parents compare equal).
pub fn relative_to(root: &Path, path: &Path) -> Option<String> {
    let parent = path.parent()?;
    let dir = std::fs::canonicalize(if parent.as_os_str().is_empty() {
        Path::new(".")
    } else {
        parent
    })
    .ok()?;
    let full = dir.join(path.file_name()?);
    full.strip_prefix(std::fs::canonicalize(root).ok()?).ok().map(rel_text)
}

/// Every regular file under `root` that the filter keeps (symbolic links are not followed),
/// sorted by relative path; `skip` (the journal, when it lies in the tree) is left out. A root
/// that is not a readable directory is an invalid argument.
pub fn walk(root: &Path, filter: &Filter, skip: Option<&Path>) -> Result<Walked> {
    let meta = std::fs::metadata(root)
        .map_err(|e| Error::invalid(format!("cannot read directory {}: {e}", root.display())))?;
    if !meta.is_dir() {
        return Err(Error::invalid(format!("{} is not a directory", root.display())));
    }
    let skip: Option<String> = skip.and_then(|p| relative_to(root, p));
    let mut out = Walked::default();
    for entry in walkdir::WalkDir::new(root).sort_by_file_name() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let rel = e
                    .path()
                    .and_then(|p| p.strip_prefix(root).ok())
                    .map(rel_text)
                    .unwrap_or_default();
                out.unreadable
                    .push((rel, e.io_error().map_or_else(|| e.to_string(), |io| io.to_string())));
                continue;
            }
        };
        if !entry.file_type().is_file() {
            continue;
        }
        let path = entry.path();
        let Ok(rel) = path.strip_prefix(root) else { continue };
        let rel = rel_text(rel);
        if skip.as_deref() == Some(rel.as_str()) || !filter.keeps(&rel) {
            continue;
        }
        match entry.metadata() {
            Ok(m) => out.files.push(LocalFile {
                rel,
                path: path.to_path_buf(),
                size: m.len(),
                mtime_ns: mtime_ns(&m),
            }),
            Err(e) => out.unreadable.push((rel, e.to_string())),
        }
    }
    Ok(out)
}

/// The remote folder and file name of a relative path under `folder`.
pub fn destination_of(folder: &str, rel: &str) -> (String, String) {
    let (dir, name) = match rel.rsplit_once('/') {
        Some((d, n)) => (format!("{}/{d}", folder.trim_end_matches('/')), n.to_string()),
        None => (folder.to_string(), rel.to_string()),
    };
    (normalize_folder(&dir), name)
}

/// The batch item for a local file of the tree: `options` plus its `fileName` and `folder`.
pub fn item(folder: &str, options: &Map<String, Value>, local: LocalFile, mode: Mode) -> Item {
    let (dir, name) = destination_of(folder, &local.rel);
    let mut options = options.clone();
    options.insert("fileName".into(), json!(name));
    options.insert("folder".into(), json!(dir));
    Item {
        key: local.rel,
        source: Source::Path(local.path),
        options,
        mode,
    }
}

/// Where and how a plan's files go.
pub struct Target<'a> {
    /// The remote folder the tree maps to.
    pub folder: &'a str,
    /// Upload options every file gets (`tags`, …); `fileName` and `folder` are set per file.
    pub options: &'a Map<String, Value>,
    pub concurrency: usize,
    pub journal: Option<&'a Journal>,
    /// What the journal recorded before this run.
    pub index: &'a Index,
    /// The custom metadata field that keeps each file's content hash, if any.
    pub hash_field: Option<&'a str>,
    pub cancel: Option<&'a AtomicBool>,
}

/// What uploading a plan did, beyond the per-item results.
#[derive(Debug, Default)]
pub struct Report {
    pub summary: Summary,
    /// Files the plan found unchanged (not sent).
    pub unchanged: u64,
    /// The first failure to write the journal (the uploads went on; the entries are missing).
    pub journal_error: Option<String>,
}

/// Uploads the plan's new and changed files, recording each confirmed one in the journal, and
/// refreshes the journal's entries of files that were only touched (same content, new time), so
/// the next run need not read them. The plan's unchanged and unreadable files are the caller's
/// to report; each uploaded item's result goes to `on_result`, with a warning added when a
/// stored file could not be recorded.
pub fn upload_plan(
    client: &Client,
    plan: Plan,
    target: &Target<'_>,
    progress: Option<&ProgressFn<'_>>,
    on_result: &mut (dyn FnMut(ItemResult) + Send),
) -> Result<Report> {
    let mut report = Report {
        unchanged: plan.unchanged.len() as u64,
        ..Default::default()
    };
    if let Some(j) = target.journal {
        for (local, why) in &plan.unchanged {
            let (Evidence::Hash, Some(old)) = (why, target.index.get(&local.rel)) else {
                continue;
            };
            let refreshed = Entry {
                mtime_ns: local.mtime_ns,
                size: local.size,
                ..old.clone()
            };
            j.append(&refreshed).map_err(|e| journal_write_error(j, e))?;
        }
    }
    let files_total = (plan.upload.len() + plan.replace.len()) as u64;
    let bytes_total =
        plan.upload.iter().map(|f| f.size).sum::<u64>() + plan.replace.iter().map(|(f, _)| f.size).sum::<u64>();
    let (folder, options) = (target.folder, target.options);
    let items = plan
        .upload
        .into_iter()
        .map(move |f| item(folder, options, f, Mode::New))
        .chain(
            plan.replace
                .into_iter()
                .map(move |(f, id)| item(folder, options, f, Mode::Replace { file_id: id })),
        );
    let journal_error: Mutex<Option<String>> = Mutex::new(None);
    let mut record = |mut r: ItemResult| {
        if let (Some(file), Some(content), Some(j)) = (r.outcome.stored(), &r.content, target.journal) {
            let entry = Entry {
                path: r.key.clone(),
                size: content.size,
                mtime_ns: content.mtime_ns,
                hash: content.hash.clone(),
                file_id: file["fileId"].as_str().unwrap_or_default().to_string(),
                version_id: file["versionInfo"]["id"].as_str().map(str::to_string),
                file_path: file["filePath"].as_str().unwrap_or_default().to_string(),
            };
            if entry.file_id.is_empty() {
                // A 202 (queued pre-transformation) names no file yet: nothing to record.
                let w = format!(
                    "{}: stored, but the answer names no file id; not recorded in the journal",
                    r.key
                );
                r.warning = Some(match r.warning.take() {
                    Some(before) => format!("{before}; {w}"),
                    None => w,
                });
            } else if let Err(e) = j.append(&entry) {
                let mut slot = journal_error.lock().unwrap_or_else(|e| e.into_inner());
                slot.get_or_insert_with(|| journal_write_error(j, e).message.clone());
            }
        }
        on_result(r);
    };
    let options = batch::Options {
        concurrency: target.concurrency,
        files_total,
        bytes_total,
        cancel: target.cancel,
        hash: target.journal.is_some(),
        hash_field: target.hash_field,
    };
    report.summary = batch::upload(client, items, &options, progress, &mut record)?;
    if let Some(j) = target.journal {
        let _ = j.sync();
    }
    report.journal_error = journal_error.into_inner().unwrap_or_else(|e| e.into_inner());
    Ok(report)
}

fn journal_write_error(j: &Journal, e: std::io::Error) -> Error {
    Error::new(
        ErrorKind::Io,
        format!("cannot write the journal {}: {e}", j.path().display()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn destinations_and_filters() {
        assert_eq!(
            destination_of("/f", "a/b.jpg"),
            ("/f/a".to_string(), "b.jpg".to_string())
        );
        assert_eq!(destination_of("/", "b.jpg"), ("/".to_string(), "b.jpg".to_string()));
        let f = Filter::new(&["*.jpg".into()], &["skip/**".into()]).unwrap();
        assert!(f.keeps("a.jpg") && f.keeps("x/y/a.jpg"));
        assert!(!f.keeps("a.png") && !f.keeps("skip/a.jpg"));
        assert!(Filter::all().keeps("anything"));
        let e = Filter::new(&["a[".into()], &[]).unwrap_err();
        assert_eq!(e.kind, ErrorKind::InvalidArgument);
        assert!(e.message.contains("include"), "{}", e.message);
    }

    #[test]
    fn a_walk_skips_the_journal_and_refuses_a_file_root() {
        let dir = std::env::temp_dir().join(format!("ik-tree-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("sub")).unwrap();
        std::fs::write(dir.join("a.jpg"), b"a").unwrap();
        std::fs::write(dir.join("sub/b.jpg"), b"bb").unwrap();
        std::fs::write(dir.join("journal.jsonl"), b"").unwrap();
        let w = walk(&dir, &Filter::all(), Some(&dir.join("journal.jsonl"))).unwrap();
        let rels: Vec<&str> = w.files.iter().map(|f| f.rel.as_str()).collect();
        assert_eq!(rels, ["a.jpg", "sub/b.jpg"]);
        assert_eq!(w.files[1].size, 2);
        let e = walk(&dir.join("a.jpg"), &Filter::all(), None).unwrap_err();
        assert_eq!(e.kind, ErrorKind::InvalidArgument);
        let e = walk(&dir.join("missing"), &Filter::all(), None).unwrap_err();
        assert!(e.message.contains("cannot read directory"), "{}", e.message);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
