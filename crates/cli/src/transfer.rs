//! The directory transfer shared by `upload -r` and `sync`: the journal, the batch with its
//! progress bar and Ctrl-C, one result per item, the summary and the exit code.

use crate::context::Context;
use crate::output::{describe, Exit, Failure};
use crate::progress::Bar;
use imagekit_core::bulk::batch::{self, Item, ItemResult, Mode, Outcome, Source};
use imagekit_core::bulk::journal::{self, Destination, Entry, Index, Journal};
use imagekit_core::bulk::plan::{Evidence, LocalFile, Plan};
use imagekit_core::Client;
use serde_json::{json, Map, Value};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The journal's path for a tree: `--journal`, else `DIR/.imagekit-journal.jsonl`; `None` with `--no-journal`.
pub fn journal_path(dir: &Path, given: Option<&PathBuf>, none: bool) -> Option<PathBuf> {
    if none {
        return None;
    }
    Some(given.cloned().unwrap_or_else(|| dir.join(".imagekit-journal.jsonl")))
}

/// Opens the journal for appending; a refused journal is a configuration error.
pub fn open_journal(path: Option<&Path>, dest: &Destination) -> Result<(Option<Journal>, Index), Failure> {
    match path {
        None => Ok((None, Index::new())),
        Some(p) => match Journal::open(p, dest) {
            Ok((j, index)) => Ok((Some(j), index)),
            Err(e) => Err(Failure::usage(e.to_string())),
        },
    }
}

/// Reads the journal without changing it (for a dry run).
pub fn read_journal(path: Option<&Path>, dest: &Destination) -> Result<Index, Failure> {
    match path {
        None => Ok(Index::new()),
        Some(p) => match journal::read(p, dest) {
            Ok(c) => Ok(c.map(|c| c.index).unwrap_or_default()),
            Err(e) => Err(Failure::usage(e.to_string())),
        },
    }
}

/// The remote folder and file name of a relative path under `folder`.
pub fn destination_of(folder: &str, rel: &str) -> (String, String) {
    let (dir, name) = match rel.rsplit_once('/') {
        Some((d, n)) => (format!("{}/{d}", folder.trim_end_matches('/')), n.to_string()),
        None => (folder.to_string(), rel.to_string()),
    };
    (journal::normalize_folder(&dir), name)
}

fn item(folder: &str, tags: &[String], local: LocalFile, mode: Mode) -> Item {
    let (dir, name) = destination_of(folder, &local.rel);
    let mut options = Map::new();
    options.insert("fileName".into(), json!(name));
    options.insert("folder".into(), json!(dir));
    if !tags.is_empty() {
        options.insert("tags".into(), json!(tags));
    }
    Item {
        key: local.rel,
        source: Source::Path(local.path),
        options,
        mode,
    }
}

/// What a transfer did, for the summary and the exit code.
#[derive(Default)]
pub struct Tally {
    pub failed: Vec<String>,
    pub warnings: u64,
    pub interrupted: bool,
}

/// Where and how a plan's files go.
pub struct Target<'a> {
    pub folder: &'a str,
    pub tags: &'a [String],
    pub concurrency: usize,
    pub journal: Option<&'a Journal>,
    /// What the journal recorded before this run.
    pub index: &'a Index,
    /// The custom metadata field that keeps each file's content hash, if any.
    pub hash_field: Option<&'a str>,
}

/// Uploads the plan's new and changed files, recording each confirmed one in the journal, and
/// refreshes the journal's entries of files that were only touched.
pub fn upload_plan(ctx: &Context, client: &Client, plan: Plan, target: &Target<'_>) -> Result<Tally, Failure> {
    let Target {
        folder,
        tags,
        concurrency,
        journal,
        index,
        hash_field,
    } = *target;
    let mut tally = Tally::default();
    let out = &ctx.out;
    for (rel, why) in &plan.unreadable {
        tally.failed.push(rel.clone());
        if out.json {
            out.object(&json!({"key": rel, "status": "failed", "error": {"message": why}}));
        } else {
            out.error(&format!("{rel}: cannot read it: {why}"));
        }
    }
    let mut unchanged = 0u64;
    for (local, why) in &plan.unchanged {
        unchanged += 1;
        if out.json {
            out.object(&json!({"key": local.rel, "status": "unchanged", "size": local.size}));
        }
        // Touched but not changed: record the new time so the next run need not read it.
        if let (Evidence::Hash, Some(j), Some(old)) = (why, journal, index.get(&local.rel)) {
            let refreshed = Entry {
                mtime_ns: local.mtime_ns,
                size: local.size,
                ..old.clone()
            };
            if let Err(e) = j.append(&refreshed) {
                return Err(Failure::failed(format!(
                    "cannot write the journal {}: {e}",
                    j.path().display()
                )));
            }
        }
    }
    let files_total = (plan.upload.len() + plan.replace.len()) as u64;
    let bytes_total =
        plan.upload.iter().map(|f| f.size).sum::<u64>() + plan.replace.iter().map(|(f, _)| f.size).sum::<u64>();
    let items = plan.upload.into_iter().map(|f| item(folder, tags, f, Mode::New)).chain(
        plan.replace
            .into_iter()
            .map(|(f, id)| item(folder, tags, f, Mode::Replace { file_id: id })),
    );
    let bar = Bar::new(ctx, files_total, bytes_total);
    let progress = |p: &batch::Progress<'_>| {
        bar.update(p);
        true
    };
    let journal_error: Mutex<Option<String>> = Mutex::new(None);
    let mut on_result = |r: ItemResult| {
        if let Some(w) = &r.warning {
            tally.warnings += 1;
            bar.suspend(|| out.warn(w));
        }
        if let (Some(file), Some(content), Some(j)) = (r.outcome.stored(), &r.content, journal) {
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
                tally.warnings += 1;
                bar.suspend(|| {
                    out.warn(&format!(
                        "{}: stored, but the answer names no file id; not recorded in the journal",
                        r.key
                    ))
                });
            } else if let Err(e) = j.append(&entry) {
                let mut slot = journal_error.lock().unwrap_or_else(|e| e.into_inner());
                slot.get_or_insert_with(|| format!("cannot write the journal {}: {e}", j.path().display()));
            }
        }
        report(ctx, &bar, &r, &mut tally);
    };
    let options = batch::Options {
        concurrency,
        files_total,
        bytes_total,
        cancel: Some(crate::interrupt::flag()),
        hash: journal.is_some(),
        hash_field,
    };
    let summary = batch::upload(client, items, &options, Some(&progress), &mut on_result)?;
    bar.finish();
    if let Some(j) = journal {
        let _ = j.sync();
    }
    tally.interrupted = summary.was_cancelled;
    if let Some(e) = journal_error.into_inner().unwrap_or_else(|e| e.into_inner()) {
        out.error(&e);
        tally.warnings += 1;
    }
    out.info(&format!(
        "{} uploaded, {} replaced, {} already there, {} unchanged, {} failed{}",
        summary.uploaded,
        summary.replaced,
        summary.already_there,
        unchanged,
        tally.failed.len(),
        if summary.was_cancelled {
            format!(", {} not done (interrupted)", summary.cancelled)
        } else {
            String::new()
        }
    ));
    Ok(tally)
}

fn report(ctx: &Context, bar: &Bar, r: &ItemResult, tally: &mut Tally) {
    let out = &ctx.out;
    if let Outcome::Failed(_) = r.outcome {
        tally.failed.push(r.key.clone());
    }
    if out.json {
        bar.suspend(|| out.object(&r.to_json()));
        return;
    }
    match &r.outcome {
        Outcome::Failed(e) => bar.suspend(|| out.error(&format!("{}: {}", r.key, describe(e)))),
        Outcome::Cancelled => {}
        other => {
            if !out.quiet {
                let path = other.stored().and_then(|f| f["filePath"].as_str()).unwrap_or("");
                let what = other.name().replace('_', " ");
                bar.suspend(|| out.line(&format!("{what:<13} {} -> {path}", r.key)));
            }
        }
    }
}

/// The exit code of a finished transfer, listing the failed items.
pub fn finish(ctx: &Context, tally: &Tally) -> Exit {
    if tally.interrupted {
        ctx.out
            .warn("interrupted: run the same command again to upload the rest (the journal keeps what was done)");
        return Exit::Interrupted;
    }
    if !tally.failed.is_empty() {
        let shown: Vec<&str> = tally.failed.iter().take(20).map(String::as_str).collect();
        let more = tally.failed.len().saturating_sub(shown.len());
        ctx.out.error(&format!(
            "{} item(s) failed: {}{}",
            tally.failed.len(),
            shown.join(", "),
            if more > 0 {
                format!(" and {more} more")
            } else {
                String::new()
            }
        ));
        return Exit::Partial;
    }
    if tally.warnings > 0 {
        return Exit::Warnings;
    }
    Exit::Ok
}

/// A JSON object for a planned action.
pub fn planned(action: &str, path: &str, extra: Option<(&str, Value)>) -> Value {
    let mut v = json!({"action": action, "path": path});
    if let Some((k, x)) = extra {
        v[k] = x;
    }
    v
}
