//! `imagekit sync DIR REMOTE_FOLDER`: the plan, then the uploads, then (when asked and allowed)
//! the deletions, each remote file checked again just before it goes.

use crate::cli::SyncArgs;
use crate::context::{Context, Needs};
use crate::output::{describe, Exit, Failure};
use crate::transfer;
use crate::walk;
use imagekit_core::api::ops;
use imagekit_core::bulk::batch::MAX_CONCURRENCY;
use imagekit_core::bulk::journal::{normalize_folder, Destination};
use imagekit_core::bulk::plan::{self, Plan, RemoteFile};
use imagekit_core::{Client, ErrorKind};
use serde_json::{json, Value};
use std::io::{BufRead, IsTerminal, Write};

pub fn run(ctx: &Context, a: SyncArgs) -> Result<Exit, Failure> {
    if a.transfer.concurrency == 0 || a.transfer.concurrency > MAX_CONCURRENCY {
        return Err(Failure::usage(format!("--concurrency must be 1 to {MAX_CONCURRENCY}")));
    }
    let folder = normalize_folder(&a.remote_folder);
    let filter = walk::filter(&a.transfer.include, &a.transfer.exclude)?;
    let client = ctx.client(Needs::PrivateKey)?;
    let dest = Destination::new(&folder, &client.config.upload_base_url);
    let journal_path = transfer::journal_path(&a.dir, a.transfer.journal.as_ref(), a.transfer.no_journal);
    let walked = walk::walk(&a.dir, &filter, journal_path.as_deref())?;

    let exists = plan::folder_exists(&client, &folder)?;
    if !exists && !a.create {
        return Err(Failure::usage(format!(
            "remote folder {folder} does not exist: check its name, or add --create to make it"
        )));
    }
    // A dry run reads the journal without touching it.
    let (journal, index) = if a.dry_run {
        (None, transfer::read_journal(journal_path.as_deref(), &dest)?)
    } else {
        transfer::open_journal(journal_path.as_deref(), &dest)?
    };
    let listing = if exists {
        plan::list_remote(&client, &folder, a.transfer.hash_field.as_deref())?
    } else {
        Default::default()
    };
    let mut plan = plan::build(walked.files, &index, Some(listing));
    plan.unreadable.extend(walked.unreadable);
    if a.dry_run {
        print_plan(ctx, &plan, a.delete);
        return Ok(if plan.unreadable.is_empty() {
            Exit::Ok
        } else {
            Exit::Partial
        });
    }
    let deletions = if a.delete {
        std::mem::take(&mut plan.remote_only)
    } else {
        Vec::new()
    };
    // Deletions are settled before anything changes: refused means nothing happens at all.
    if !deletions.is_empty() {
        if let Some(max) = a.max_delete {
            if deletions.len() as u64 > max {
                return Err(Failure::usage(format!(
                    "the plan deletes {} remote files, more than --max-delete {max}: nothing was changed \
                     (see the plan with --dry-run)",
                    deletions.len()
                )));
            }
        }
        if !a.yes && !confirm(ctx, deletions.len())? {
            return Err(Failure::usage("deletion not confirmed: nothing was changed"));
        }
    }
    if !exists {
        create_folder(&client, &folder)?;
    }
    if !plan.remote_only.is_empty() {
        ctx.out.info(&format!(
            "{} remote file(s) have no local counterpart (kept; --delete removes them)",
            plan.remote_only.len()
        ));
    }
    let target = transfer::Target {
        folder: &folder,
        tags: &a.tags,
        concurrency: a.transfer.concurrency,
        journal: journal.as_ref(),
        index: &index,
        hash_field: a.transfer.hash_field.as_deref(),
    };
    let mut tally = transfer::upload_plan(ctx, &client, plan, &target)?;
    if !tally.interrupted {
        for r in &deletions {
            if crate::interrupt::interrupted() {
                tally.interrupted = true;
                break;
            }
            let local = a.dir.join(&r.rel);
            match delete_checked(&client, r, local.exists()) {
                Ok(None) => {
                    if ctx.json() {
                        ctx.out.object(&json!({"key": r.rel, "status": "deleted", "file": {"fileId": r.file_id, "filePath": r.file_path}}));
                    } else if !ctx.out.quiet {
                        ctx.out.line(&format!("{:<13} {}", "deleted", r.file_path));
                    }
                }
                Ok(Some(why)) => {
                    tally.warnings += 1;
                    if ctx.json() {
                        ctx.out.object(&json!({"key": r.rel, "status": "kept", "reason": why, "file": {"fileId": r.file_id, "filePath": r.file_path}}));
                    }
                    ctx.out.warn(&format!("{}: not deleted: {why}", r.file_path));
                }
                Err(e) => {
                    tally.failed.push(r.file_path.clone());
                    if ctx.json() {
                        ctx.out.object(
                            &json!({"key": r.rel, "status": "failed", "error": Value::Object(e.to_json_map())}),
                        );
                    }
                    ctx.out
                        .error(&format!("{}: delete failed: {}", r.file_path, describe(&e)));
                }
            }
        }
    }
    Ok(transfer::finish(ctx, &tally))
}

fn print_plan(ctx: &Context, plan: &Plan, deleting: bool) {
    let out = &ctx.out;
    // The objects are the core's (`Plan::actions`), the same the C ABI's `ik_sync_plan` returns.
    for a in plan.actions(deleting) {
        let (action, path) = (a["action"].as_str().unwrap_or(""), a["path"].as_str().unwrap_or(""));
        if out.json {
            out.object(&a);
        } else if action == "unreadable" {
            out.error(&format!(
                "{path}: cannot read it: {}",
                a["error"].as_str().unwrap_or("")
            ));
        } else {
            out.line(&format!("{action:<13} {path}"));
        }
    }
    let (deleted, kept) = if deleting {
        (plan.remote_only.len(), 0)
    } else {
        (0, plan.remote_only.len())
    };
    out.info(&format!(
        "dry run: {} to upload, {} to replace, {} to delete, {} remote-only kept, {} unchanged; nothing was changed",
        plan.upload.len(),
        plan.replace.len(),
        deleted,
        kept,
        plan.unchanged.len()
    ));
}

fn confirm(ctx: &Context, n: usize) -> Result<bool, Failure> {
    if !(std::io::stdin().is_terminal() && std::io::stderr().is_terminal()) {
        return Err(Failure::usage(format!(
            "--delete would delete {n} remote file(s): add --yes to confirm when not on a terminal; nothing was changed"
        )));
    }
    let _ = ctx;
    eprint!("Delete {n} remote file(s) that have no local counterpart? [y/N] ");
    let _ = std::io::stderr().flush();
    let mut answer = String::new();
    let _ = std::io::stdin().lock().read_line(&mut answer);
    Ok(matches!(answer.trim(), "y" | "Y" | "yes" | "YES" | "Yes"))
}

fn create_folder(client: &Client, folder: &str) -> Result<(), Failure> {
    let (parent, name) = folder.rsplit_once('/').unwrap_or(("", folder));
    let parent = if parent.is_empty() { "/" } else { parent };
    let op = ops::find("folders.create").expect("folders.create is in the table");
    client.call(
        op,
        &[],
        Some(&json!({"folderName": name, "parentFolderPath": parent}).to_string()),
    )?;
    Ok(())
}

/// Deletes a remote-only file after checking it again: `Ok(Some(reason))` when it was kept
/// (gone already, changed since the listing, or a local file appeared).
fn delete_checked(client: &Client, r: &RemoteFile, local_exists: bool) -> Result<Option<String>, imagekit_core::Error> {
    if local_exists {
        return Ok(Some("a local file of that path appeared since the plan".into()));
    }
    let get = ops::find("files.get").expect("files.get is in the table");
    let now: Value = match client.call(get, &[&r.file_id], None) {
        Ok(t) => serde_json::from_str(&t).unwrap_or(Value::Null),
        Err(e) if e.kind == ErrorKind::NotFound => return Ok(Some("already gone".into())),
        Err(e) => return Err(e),
    };
    if now["filePath"].as_str() != Some(r.file_path.as_str()) {
        return Ok(Some("it was moved since the plan".into()));
    }
    if r.version_id.is_some() && now["versionInfo"]["id"].as_str() != r.version_id.as_deref() {
        return Ok(Some("it has a new version since the plan".into()));
    }
    let delete = ops::find("files.delete").expect("files.delete is in the table");
    match client.call(delete, &[&r.file_id], None) {
        Ok(_) => Ok(None),
        Err(e) if e.kind == ErrorKind::NotFound => Ok(Some("already gone".into())),
        Err(e) => Err(e),
    }
}
