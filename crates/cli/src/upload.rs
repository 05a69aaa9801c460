//! `imagekit upload`: files, or directories with `-r` (journal, resume, replacement of changed files).

use crate::cli::UploadArgs;
use crate::context::{Context, Needs};
use crate::output::{Exit, Failure};
use crate::transfer::{self, Tally};
use crate::walk::{self, Filter};
use imagekit_core::bulk::batch::{self, Item, Mode, Source};
use imagekit_core::bulk::journal::{normalize_folder, Destination};
use imagekit_core::bulk::plan;
use imagekit_core::bulk::tree;
use serde_json::{json, Map};

pub fn run(ctx: &Context, a: UploadArgs) -> Result<Exit, Failure> {
    if a.transfer.concurrency == 0 || a.transfer.concurrency > batch::MAX_CONCURRENCY {
        return Err(Failure::usage(format!(
            "--concurrency must be 1 to {}",
            batch::MAX_CONCURRENCY
        )));
    }
    let folder = normalize_folder(&a.folder);
    if a.recursive {
        if a.transfer.journal.is_some() && a.paths.len() > 1 {
            return Err(Failure::usage(
                "--journal names one journal: give one directory per run",
            ));
        }
        let client = ctx.client(Needs::PrivateKey)?;
        let filter = walk::filter(&a.transfer.include, &a.transfer.exclude)?;
        let mut total = Tally::default();
        for dir in &a.paths {
            let tally = upload_dir(ctx, &client, &a, &folder, &filter, dir)?;
            total.failed.extend(tally.failed);
            total.warnings += tally.warnings;
            total.interrupted |= tally.interrupted;
            if total.interrupted {
                break;
            }
        }
        return Ok(transfer::finish(ctx, &total));
    }
    // Plain files: checked before anything is sent.
    for p in &a.paths {
        match std::fs::metadata(p) {
            Ok(m) if m.is_dir() => {
                return Err(Failure::usage(format!(
                    "{} is a directory: add -r to upload it recursively",
                    p.display()
                )))
            }
            Ok(_) => {}
            Err(e) => return Err(Failure::usage(format!("cannot read {}: {e}", p.display()))),
        }
    }
    let client = ctx.client(Needs::PrivateKey)?;
    let locals: Vec<plan::LocalFile> = a
        .paths
        .iter()
        .map(|p| {
            let m = std::fs::metadata(p).ok();
            plan::LocalFile {
                rel: p
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                path: p.clone(),
                size: m.as_ref().map_or(0, |m| m.len()),
                mtime_ns: m.as_ref().map_or(0, walk::mtime_ns),
            }
        })
        .collect();
    let plan = plan::Plan {
        upload: locals,
        ..Default::default()
    };
    let target = transfer::Target {
        folder: &folder,
        tags: &a.tags,
        concurrency: a.transfer.concurrency,
        journal: None,
        index: &Default::default(),
        hash_field: a.transfer.hash_field.as_deref(),
    };
    let tally = transfer::upload_plan(ctx, &client, plan, &target)?;
    Ok(transfer::finish(ctx, &tally))
}

fn upload_dir(
    ctx: &Context,
    client: &imagekit_core::Client,
    a: &UploadArgs,
    folder: &str,
    filter: &Filter,
    dir: &std::path::Path,
) -> Result<Tally, Failure> {
    let dest = Destination::new(folder, &client.config.upload_base_url);
    let journal_path = transfer::journal_path(dir, a.transfer.journal.as_ref(), a.transfer.no_journal);
    // The tree is checked before the journal is created in it.
    let walked = walk::walk(dir, filter, journal_path.as_deref())?;
    let (journal, index) = transfer::open_journal(journal_path.as_deref(), &dest)?;
    let mut plan = plan::build(walked.files, &index, None);
    plan.unreadable.extend(walked.unreadable);
    let target = transfer::Target {
        folder,
        tags: &a.tags,
        concurrency: a.transfer.concurrency,
        journal: journal.as_ref(),
        index: &index,
        hash_field: a.transfer.hash_field.as_deref(),
    };
    transfer::upload_plan(ctx, client, plan, &target)
}

/// Items for plain files (used by `dev-server --seed` too).
pub fn file_item(rel: &str, path: std::path::PathBuf, folder: &str) -> Item {
    let (dir, name) = tree::destination_of(folder, rel);
    let mut options = Map::new();
    options.insert("fileName".into(), json!(name));
    options.insert("folder".into(), json!(dir));
    Item {
        key: rel.to_string(),
        source: Source::Path(path),
        options,
        mode: Mode::New,
    }
}
