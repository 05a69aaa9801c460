//! Media-library commands: `ls`, `search`, `rm`, `mv`, `cp`, `purge`.

use crate::cli::{CopyArgs, LsArgs, MoveArgs, PurgeArgs, RmArgs, SearchArgs};
use crate::context::{Context, Needs};
use crate::output::{Exit, Failure};
use imagekit_core::api::ops;
use imagekit_core::bulk::batch::find_file;
use imagekit_core::bulk::journal::normalize_folder;
use imagekit_core::bulk::plan::folder_exists;
use imagekit_core::Client;
use serde_json::{json, Value};

fn op(name: &str) -> &'static ops::Op {
    ops::find(name).unwrap_or_else(|| panic!("{name} is in the operation table"))
}

/// Every item of every page of `assets.list` with `params`, printed as it comes.
fn list_all(ctx: &Context, client: &Client, params: Value) -> Result<Exit, Failure> {
    let mut rows: u64 = 0;
    let mut bad = None;
    if !ctx.json() {
        ctx.out
            .line(&format!("{:<7} {:>10}  {:<24}  {}", "TYPE", "SIZE", "UPDATED", "PATH"));
    }
    client.each_page(op("assets.list"), Some(&params.to_string()), &mut |page| {
        let items: Vec<Value> = match serde_json::from_str(page) {
            Ok(v) => v,
            Err(e) => {
                bad = Some(e.to_string());
                return false;
            }
        };
        for f in items {
            rows += 1;
            if ctx.json() {
                ctx.out.object(&f);
                continue;
            }
            let folder = f["type"].as_str() == Some("folder");
            let path = if folder {
                f["folderPath"].as_str()
            } else {
                f["filePath"].as_str()
            }
            .unwrap_or("");
            let size = if folder {
                "-".to_string()
            } else {
                f["size"].as_u64().map_or("-".into(), |s| s.to_string())
            };
            ctx.out.line(&format!(
                "{:<7} {:>10}  {:<24}  {}{}",
                f["type"].as_str().unwrap_or("?"),
                size,
                f["updatedAt"].as_str().unwrap_or(""),
                path,
                if folder { "/" } else { "" }
            ));
        }
        true
    })?;
    if let Some(e) = bad {
        return Err(Failure::failed(format!(
            "a page of the listing could not be decoded: {e}"
        )));
    }
    ctx.out.info(&format!("{rows} item(s)"));
    Ok(Exit::Ok)
}

pub fn ls(ctx: &Context, a: LsArgs) -> Result<Exit, Failure> {
    let client = ctx.client(Needs::PrivateKey)?;
    let folder = normalize_folder(&a.folder);
    if !folder_exists(&client, &folder)? {
        return Err(Failure::failed(format!("remote folder {folder} does not exist")));
    }
    let params = if a.recursive {
        if folder == "/" {
            json!({"type": "file"})
        } else {
            json!({"searchQuery": format!("path : \"{folder}\"")})
        }
    } else {
        json!({"type": "all", "path": folder})
    };
    list_all(ctx, &client, params)
}

pub fn search(ctx: &Context, a: SearchArgs) -> Result<Exit, Failure> {
    let client = ctx.client(Needs::PrivateKey)?;
    let mut params = json!({"searchQuery": a.query});
    if let Some(f) = a.folder {
        params["path"] = json!(normalize_folder(&f));
    }
    list_all(ctx, &client, params)
}

/// A file id from a path (`/folder/name`) or an id given as is.
fn resolve(client: &Client, target: &str) -> Result<Option<Value>, imagekit_core::Error> {
    if target.starts_with('/') {
        let (folder, name) = target.rsplit_once('/').unwrap_or(("", target));
        let folder = if folder.is_empty() { "/" } else { folder };
        return find_file(client, folder, name);
    }
    match client.call(op("files.get"), &[target], None) {
        Ok(t) => Ok(Some(serde_json::from_str(&t).unwrap_or(Value::Null))),
        Err(e) if e.kind == imagekit_core::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

/// Runs `f` on every target, one result line each; exit 1 when some failed.
fn each(ctx: &Context, targets: &[String], mut f: impl FnMut(&str) -> Result<Value, Failure>) -> Result<Exit, Failure> {
    let mut failed = Vec::new();
    for t in targets {
        match f(t) {
            Ok(v) => {
                if ctx.json() {
                    ctx.out.object(&v);
                } else if !ctx.out.quiet {
                    ctx.out
                        .line(&format!("{:<13} {t}", v["status"].as_str().unwrap_or("done")));
                }
            }
            Err(e) => {
                if e.exit == Exit::Usage {
                    return Err(e);
                }
                if ctx.json() {
                    ctx.out.object(
                        &json!({"key": t, "status": "failed", "error": {"message": ctx.out.scrub(&e.message)}}),
                    );
                }
                ctx.out.error(&format!("{t}: {}", e.message));
                failed.push(t.clone());
            }
        }
    }
    if failed.is_empty() {
        Ok(Exit::Ok)
    } else {
        ctx.out
            .error(&format!("{} item(s) failed: {}", failed.len(), failed.join(", ")));
        Ok(Exit::Partial)
    }
}

pub fn rm(ctx: &Context, a: RmArgs) -> Result<Exit, Failure> {
    let client = ctx.client(Needs::PrivateKey)?;
    each(ctx, &a.targets, |t| {
        if a.folder {
            let folder = normalize_folder(t);
            client.call(
                op("folders.delete"),
                &[],
                Some(&json!({"folderPath": folder}).to_string()),
            )?;
            return Ok(json!({"key": t, "status": "deleted", "folderPath": folder}));
        }
        let file = resolve(&client, t)?.ok_or_else(|| Failure::failed("no such file"))?;
        let id = file["fileId"].as_str().unwrap_or_default();
        client.call(op("files.delete"), &[id], None)?;
        Ok(json!({"key": t, "status": "deleted", "fileId": id, "filePath": file["filePath"]}))
    })
}

pub fn mv(ctx: &Context, a: MoveArgs) -> Result<Exit, Failure> {
    let client = ctx.client(Needs::PrivateKey)?;
    let dest = normalize_folder(&a.destination);
    let answer = if a.folder {
        client.call(
            op("folders.move"),
            &[],
            Some(&json!({"sourceFolderPath": normalize_folder(&a.source), "destinationPath": dest}).to_string()),
        )?
    } else {
        client.call(
            op("files.move"),
            &[],
            Some(&json!({"sourceFilePath": a.source, "destinationPath": dest}).to_string()),
        )?
    };
    done(ctx, "moved", &a.source, &dest, &answer)
}

pub fn cp(ctx: &Context, a: CopyArgs) -> Result<Exit, Failure> {
    let client = ctx.client(Needs::PrivateKey)?;
    let dest = normalize_folder(&a.destination);
    let answer = if a.folder {
        client.call(
            op("folders.copy"),
            &[],
            Some(
                &json!({"sourceFolderPath": normalize_folder(&a.source), "destinationPath": dest, "includeVersions": a.versions})
                    .to_string(),
            ),
        )?
    } else {
        client.call(
            op("files.copy"),
            &[],
            Some(
                &json!({"sourceFilePath": a.source, "destinationPath": dest, "includeFileVersions": a.versions})
                    .to_string(),
            ),
        )?
    };
    done(ctx, "copied", &a.source, &dest, &answer)
}

fn done(ctx: &Context, status: &str, source: &str, dest: &str, answer: &str) -> Result<Exit, Failure> {
    let answer: Value = serde_json::from_str(answer).unwrap_or(Value::Null);
    if ctx.json() {
        ctx.out
            .object(&json!({"key": source, "status": status, "destination": dest, "answer": answer}));
    } else {
        let job = answer["jobId"]
            .as_str()
            .map(|j| format!(" (job {j})"))
            .unwrap_or_default();
        ctx.out.line(&format!("{status} {source} -> {dest}{job}"));
    }
    Ok(Exit::Ok)
}

pub fn purge(ctx: &Context, a: PurgeArgs) -> Result<Exit, Failure> {
    let client = ctx.client(Needs::PrivateKey)?;
    let answer = match (&a.url, &a.status) {
        (_, Some(id)) => client.call(op("cache.invalidation.get"), &[id], None),
        (Some(url), None) => client.call(
            op("cache.invalidation.create"),
            &[],
            Some(&json!({"url": url}).to_string()),
        ),
        (None, None) => return Err(Failure::usage("give a URL to purge, or --status REQUEST_ID")),
    }?;
    let v: Value = serde_json::from_str(&answer).unwrap_or(Value::Null);
    if ctx.json() {
        ctx.out.object(&v);
    } else if let Some(id) = v["requestId"].as_str() {
        ctx.out
            .line(&format!("purge requested: {id}  (imagekit purge --status {id})"));
    } else if let Some(s) = v["status"].as_str() {
        ctx.out.line(s);
    } else {
        ctx.out.document(&v);
    }
    Ok(Exit::Ok)
}
