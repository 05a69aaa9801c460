//! The directory transfer shared by `upload -r` and `sync`: the journal, the batch with its
//! progress bar and Ctrl-C, one result per item, the summary and the exit code.

use crate::context::Context;
use crate::output::{describe, Exit, Failure};
use crate::progress::Bar;
use imagekit_core::bulk::batch::{self, ItemResult, Outcome};
use imagekit_core::bulk::journal::{self, Destination, Index, Journal};
use imagekit_core::bulk::plan::Plan;
use imagekit_core::bulk::tree;
use imagekit_core::{Client, ErrorKind};
use serde_json::{json, Map};
use std::path::{Path, PathBuf};

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

/// Uploads the plan's new and changed files through the core's journaled upload
/// (`imagekit_core::bulk::tree::upload_plan`), with the progress bar, Ctrl-C and one line or
/// JSON object per item.
pub fn upload_plan(ctx: &Context, client: &Client, plan: Plan, target: &Target<'_>) -> Result<Tally, Failure> {
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
    if out.json {
        for (local, _) in &plan.unchanged {
            out.object(&json!({"key": local.rel, "status": "unchanged", "size": local.size}));
        }
    }
    let mut options = Map::new();
    if !target.tags.is_empty() {
        options.insert("tags".into(), json!(target.tags));
    }
    let files_total = (plan.upload.len() + plan.replace.len()) as u64;
    let bytes_total =
        plan.upload.iter().map(|f| f.size).sum::<u64>() + plan.replace.iter().map(|(f, _)| f.size).sum::<u64>();
    let bar = Bar::new(ctx, files_total, bytes_total);
    let progress = |p: &batch::Progress<'_>| {
        bar.update(p);
        true
    };
    let mut on_result = |r: ItemResult| {
        if let Some(w) = &r.warning {
            tally.warnings += 1;
            bar.suspend(|| out.warn(w));
        }
        report(ctx, &bar, &r, &mut tally);
    };
    let core_target = tree::Target {
        folder: target.folder,
        options: &options,
        concurrency: target.concurrency,
        journal: target.journal,
        index: target.index,
        hash_field: target.hash_field,
        cancel: Some(crate::interrupt::flag()),
    };
    let done = tree::upload_plan(client, plan, &core_target, Some(&progress), &mut on_result);
    bar.finish();
    let done = done.map_err(|e| match e.kind {
        ErrorKind::Io => Failure::failed(e.message.clone()),
        _ => Failure::from(e),
    })?;
    let summary = done.summary;
    tally.interrupted = summary.was_cancelled;
    if let Some(e) = &done.journal_error {
        out.error(e);
        tally.warnings += 1;
    }
    out.info(&format!(
        "{} uploaded, {} replaced, {} already there, {} unchanged, {} failed{}",
        summary.uploaded,
        summary.replaced,
        summary.already_there,
        done.unchanged,
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
