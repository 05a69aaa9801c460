//! The sync plan: what uploading a local tree to a remote folder would change, worked out without
//! changing anything.
//!
//! A local file is unchanged when the journal records it with the same size and modification
//! time, or with the same content hash when those moved (a copy, a `touch`); without a journal
//! entry, when the remote folder holds a file of that relative path and size (ImageKit exposes
//! no content hash to compare). A recorded file whose content changed is replaced; a file the
//! remote folder lacks is uploaded; a remote file with no local counterpart is remote-only.

use super::journal::{hash_file, normalize_folder, Entry, Index};
use crate::api::ops;
use crate::client::Client;
use crate::error::{Error, ErrorKind, Result};
use serde_json::{json, Value};
use std::collections::HashMap;
use std::path::PathBuf;

/// A local file, found by the caller's walk of the tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalFile {
    /// Path relative to the tree's root, `/`-separated.
    pub rel: String,
    pub path: PathBuf,
    pub size: u64,
    /// Modification time, nanoseconds since the Unix epoch.
    pub mtime_ns: i64,
}

/// A file of the remote folder's listing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemoteFile {
    /// Path relative to the remote folder.
    pub rel: String,
    pub file_id: String,
    pub version_id: Option<String>,
    pub file_path: String,
    pub size: u64,
    /// The content hash kept in the custom metadata field the listing was asked for, if any.
    pub hash: Option<String>,
}

/// Why a file counts as unchanged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Evidence {
    /// The journal records this size and modification time.
    Journal,
    /// The journal records this content hash (size or time moved).
    Hash,
    /// No journal entry: the remote folder has a file of this path and size.
    SizeAndName,
    /// No journal entry: the remote file's custom metadata holds this content hash.
    RemoteHash,
}

/// What happens to one local file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Upload,
    /// A new version of this remote file.
    Replace {
        file_id: String,
    },
    Unchanged(Evidence),
}

/// The decision for one local file, with its content hash when one was computed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    pub action: Action,
    pub hash: Option<String>,
}

/// Decides what to do with `local`, given its journal entry and (when the remote folder was
/// listed) the remote file at its path. A journal entry whose file is no longer the remote one
/// (deleted or replaced behind the journal's back) is not trusted.
pub fn decide(
    local: &LocalFile,
    journal: Option<&Entry>,
    remote: Option<Option<&RemoteFile>>,
) -> std::io::Result<Decision> {
    let trusted = journal.filter(|j| match remote {
        None => true,
        Some(r) => r.is_some_and(|r| r.file_id == j.file_id),
    });
    if let Some(j) = trusted {
        if j.size == local.size && j.mtime_ns == local.mtime_ns {
            return Ok(Decision {
                action: Action::Unchanged(Evidence::Journal),
                hash: None,
            });
        }
        let hash = hash_file(&local.path)?;
        let action = if hash == j.hash && j.size == local.size {
            Action::Unchanged(Evidence::Hash)
        } else {
            Action::Replace {
                file_id: j.file_id.clone(),
            }
        };
        return Ok(Decision {
            action,
            hash: Some(hash),
        });
    }
    let action = match remote {
        None | Some(None) => Action::Upload,
        Some(Some(r)) => {
            if let Some(theirs) = &r.hash {
                let hash = hash_file(&local.path)?;
                let action = if &hash == theirs && r.size == local.size {
                    Action::Unchanged(Evidence::RemoteHash)
                } else {
                    Action::Replace {
                        file_id: r.file_id.clone(),
                    }
                };
                return Ok(Decision {
                    action,
                    hash: Some(hash),
                });
            }
            if r.size == local.size {
                Action::Unchanged(Evidence::SizeAndName)
            } else {
                Action::Replace {
                    file_id: r.file_id.clone(),
                }
            }
        }
    };
    Ok(Decision { action, hash: None })
}

/// A whole plan.
#[derive(Debug, Default)]
pub struct Plan {
    pub upload: Vec<LocalFile>,
    pub replace: Vec<(LocalFile, String)>,
    pub unchanged: Vec<(LocalFile, Evidence)>,
    /// Remote files with no local counterpart, by relative path.
    pub remote_only: Vec<RemoteFile>,
    /// Local files that could not be read (path, reason): neither uploaded nor compared.
    pub unreadable: Vec<(String, String)>,
}

impl Evidence {
    pub fn name(self) -> &'static str {
        match self {
            Evidence::Journal => "journal",
            Evidence::Hash => "hash",
            Evidence::SizeAndName => "sizeAndName",
            Evidence::RemoteHash => "remoteHash",
        }
    }
}

impl Plan {
    /// One object per thing the plan would do, in the order upload, replace, remote-only,
    /// unreadable (unchanged files are only counted): `{"action": "upload", "path": rel, "size"}`,
    /// `{"action": "replace", "path": rel, "size", "fileId"}`, `{"action": "remote-only" (or
    /// "delete" when `deleting`), "path": filePath, "fileId", "size"}`, `{"action": "unreadable",
    /// "path": rel, "error"}`. The CLI's `sync --dry-run --json` prints these, one per line.
    pub fn actions(&self, deleting: bool) -> impl Iterator<Item = Value> + '_ {
        let upload = self
            .upload
            .iter()
            .map(|f| json!({"action": "upload", "path": f.rel, "size": f.size}));
        let replace = self
            .replace
            .iter()
            .map(|(f, id)| json!({"action": "replace", "path": f.rel, "size": f.size, "fileId": id}));
        let remote_only = self.remote_only.iter().map(move |r| {
            let action = if deleting { "delete" } else { "remote-only" };
            json!({"action": action, "path": r.file_path, "fileId": r.file_id, "size": r.size})
        });
        let unreadable = self
            .unreadable
            .iter()
            .map(|(p, why)| json!({"action": "unreadable", "path": p, "error": why}));
        upload.chain(replace).chain(remote_only).chain(unreadable)
    }

    /// The counts: `{"upload", "replace", "unchanged", "remoteOnly", "unreadable"}`.
    pub fn summary(&self) -> Value {
        json!({"upload": self.upload.len(), "replace": self.replace.len(), "unchanged": self.unchanged.len(),
               "remoteOnly": self.remote_only.len(), "unreadable": self.unreadable.len()})
    }

    /// The whole plan as one document: `{"actions": [`[`Plan::actions`]`…], "summary": {…}}`.
    pub fn to_json(&self) -> Value {
        json!({"actions": self.actions(false).collect::<Vec<_>>(), "summary": self.summary()})
    }
}

/// Builds the plan for `locals` against `remote` (the listing of the remote folder, by relative
/// path; `None` when it was not listed) and the journal's `index`.
pub fn build(
    locals: impl IntoIterator<Item = LocalFile>,
    index: &Index,
    remote: Option<HashMap<String, RemoteFile>>,
) -> Plan {
    let mut plan = Plan::default();
    let mut remote = remote;
    for local in locals {
        let r = remote.as_mut().map(|m| m.remove(&local.rel));
        let decision = decide(&local, index.get(&local.rel), r.as_ref().map(Option::as_ref));
        match decision {
            Ok(d) => match d.action {
                Action::Upload => plan.upload.push(local),
                Action::Replace { file_id } => plan.replace.push((local, file_id)),
                Action::Unchanged(why) => plan.unchanged.push((local, why)),
            },
            Err(e) => plan.unreadable.push((local.rel, e.to_string())),
        }
    }
    if let Some(rest) = remote {
        let mut rest: Vec<RemoteFile> = rest.into_values().collect();
        rest.sort_by(|a, b| a.rel.cmp(&b.rel));
        plan.remote_only = rest;
    }
    plan
}

/// Every file under the remote `folder` (sub-folders included), every page, by path relative to
/// the folder; with `hash_field`, each file's content hash from that custom metadata field.
pub fn list_remote(client: &Client, folder: &str, hash_field: Option<&str>) -> Result<HashMap<String, RemoteFile>> {
    let folder = normalize_folder(folder);
    let op = ops::find("assets.list").expect("assets.list is in the table");
    let prefix = if folder == "/" {
        "/".to_string()
    } else {
        format!("{folder}/")
    };
    let params = if folder == "/" {
        json!({"type": "file"})
    } else {
        json!({"searchQuery": format!("path : \"{folder}\"")})
    };
    let mut out = HashMap::new();
    let mut bad = None;
    client.each_page(op, Some(&params.to_string()), &mut |page| {
        let items: Vec<Value> = match serde_json::from_str(page) {
            Ok(v) => v,
            Err(e) => {
                bad = Some(e.to_string());
                return false;
            }
        };
        for f in items {
            if f["type"].as_str().is_some_and(|t| t != "file") {
                continue;
            }
            let (Some(file_path), Some(file_id)) = (f["filePath"].as_str(), f["fileId"].as_str()) else {
                continue;
            };
            let Some(rel) = file_path.strip_prefix(&prefix) else {
                continue;
            };
            out.insert(
                rel.to_string(),
                RemoteFile {
                    rel: rel.to_string(),
                    file_id: file_id.to_string(),
                    version_id: f["versionInfo"]["id"].as_str().map(str::to_string),
                    file_path: file_path.to_string(),
                    size: f["size"].as_u64().unwrap_or(0),
                    hash: hash_field
                        .and_then(|k| f["customMetadata"][k].as_str())
                        .filter(|h| h.starts_with("sha256:"))
                        .map(str::to_string),
                },
            );
        }
        true
    })?;
    if let Some(e) = bad {
        return Err(Error::new(
            ErrorKind::Decode,
            format!("the listing of {folder} could not be decoded: {e}"),
        ));
    }
    Ok(out)
}

/// Whether the remote `folder` exists (the root always does).
pub fn folder_exists(client: &Client, folder: &str) -> Result<bool> {
    let folder = normalize_folder(folder);
    let Some((parent, name)) = folder.rsplit_once('/') else {
        return Ok(true);
    };
    if name.is_empty() {
        return Ok(true);
    }
    let parent = if parent.is_empty() { "/" } else { parent };
    let op = ops::find("assets.list").expect("assets.list is in the table");
    let params = json!({"type": "folder", "path": parent});
    let mut found = false;
    client.each_page(op, Some(&params.to_string()), &mut |page| {
        let items: Vec<Value> = serde_json::from_str(page).unwrap_or_default();
        found = items.iter().any(|f| {
            f["type"].as_str() == Some("folder")
                && (f["name"].as_str() == Some(name)
                    || f["folderPath"].as_str().map(normalize_folder).as_deref() == Some(folder.as_str()))
        });
        !found
    })?;
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn local(dir: &std::path::Path, rel: &str, body: &[u8], mtime_ns: i64) -> LocalFile {
        let path = dir.join(rel.replace('/', "_"));
        std::fs::write(&path, body).unwrap();
        LocalFile {
            rel: rel.into(),
            path,
            size: body.len() as u64,
            mtime_ns,
        }
    }

    fn entry(l: &LocalFile, id: &str) -> Entry {
        Entry {
            path: l.rel.clone(),
            size: l.size,
            mtime_ns: l.mtime_ns,
            hash: hash_file(&l.path).unwrap(),
            file_id: id.into(),
            version_id: None,
            file_path: format!("/f/{}", l.rel),
        }
    }

    fn remote(rel: &str, id: &str, size: u64) -> RemoteFile {
        RemoteFile {
            rel: rel.into(),
            file_id: id.into(),
            version_id: None,
            file_path: format!("/f/{rel}"),
            size,
            hash: None,
        }
    }

    #[test]
    fn decisions() {
        let dir = std::env::temp_dir().join(format!("ik-plan-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let a = local(&dir, "a.jpg", b"aaaa", 10);
        let ja = entry(&a, "A");
        // Same size and time: unchanged without reading it.
        assert_eq!(
            decide(&a, Some(&ja), None).unwrap().action,
            Action::Unchanged(Evidence::Journal)
        );
        // Touched: same hash.
        let touched = LocalFile {
            mtime_ns: 20,
            ..a.clone()
        };
        let d = decide(&touched, Some(&ja), None).unwrap();
        assert_eq!(d.action, Action::Unchanged(Evidence::Hash));
        assert_eq!(d.hash.as_deref(), Some(ja.hash.as_str()));
        // Changed content: replace the recorded file.
        let changed = local(&dir, "a.jpg", b"bbbb", 30);
        assert_eq!(
            decide(&changed, Some(&ja), None).unwrap().action,
            Action::Replace { file_id: "A".into() }
        );
        // The remote file is not the journal's any more: by the listing.
        let r = remote("a.jpg", "OTHER", 4);
        assert_eq!(
            decide(&a, Some(&ja), Some(Some(&r))).unwrap().action,
            Action::Unchanged(Evidence::SizeAndName)
        );
        assert_eq!(decide(&a, Some(&ja), Some(None)).unwrap().action, Action::Upload);
        let r = remote("a.jpg", "OTHER", 5);
        assert_eq!(
            decide(&a, None, Some(Some(&r))).unwrap().action,
            Action::Replace {
                file_id: "OTHER".into()
            }
        );
        assert_eq!(decide(&a, None, None).unwrap().action, Action::Upload);
        // A hash kept on the remote file decides over size and name.
        let mut r = remote("a.jpg", "H", 4);
        r.hash = Some(hash_file(&a.path).unwrap()); // the file holds "bbbb" by now
        assert_eq!(
            decide(&a, None, Some(Some(&r))).unwrap().action,
            Action::Unchanged(Evidence::RemoteHash)
        );
        r.hash = Some("sha256:other".into());
        assert_eq!(
            decide(&a, None, Some(Some(&r))).unwrap().action,
            Action::Replace { file_id: "H".into() }
        );

        let b = local(&dir, "sub/b.jpg", b"b", 1);
        let mut listing = HashMap::new();
        listing.insert("sub/b.jpg".to_string(), remote("sub/b.jpg", "B", 1));
        listing.insert("gone.jpg".to_string(), remote("gone.jpg", "G", 1));
        let plan = build(vec![a.clone(), b], &Index::new(), Some(listing));
        assert_eq!(plan.upload.len(), 1);
        assert_eq!(plan.unchanged.len(), 1);
        assert_eq!(plan.remote_only.len(), 1);
        assert_eq!(plan.remote_only[0].file_id, "G");
        let missing = LocalFile {
            rel: "missing".into(),
            path: dir.join("missing"),
            size: 1,
            mtime_ns: 1,
        };
        let mut index = Index::new();
        index.insert(
            "missing".into(),
            Entry {
                path: "missing".into(),
                size: 2,
                ..ja.clone()
            },
        );
        let plan = build(vec![missing], &index, None);
        assert_eq!(plan.unreadable.len(), 1);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
