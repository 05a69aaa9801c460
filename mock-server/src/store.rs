//! The in-memory media library.

use crate::util::{extension, iso8601, now_ms};
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, HashMap, HashSet};

/// Width × height reported for every image.
pub const IMAGE_SIZE: (u32, u32) = (1000, 500);
/// Width × height reported for every video.
pub const VIDEO_SIZE: (u32, u32) = (1280, 720);

/// One file (its current version).
#[derive(Debug, Clone)]
pub(crate) struct FileRecord {
    pub file_id: String,
    pub name: String,
    /// Folder path with leading and trailing `/` (`/` for the root).
    pub folder: String,
    pub tags: Option<Vec<String>>,
    pub ai_tags: Option<Vec<Value>>,
    pub version_id: String,
    pub version_number: u32,
    pub is_private: bool,
    pub is_published: bool,
    pub custom_coordinates: Option<String>,
    pub mime: String,
    pub size: u64,
    pub custom_metadata: Map<String, Value>,
    pub description: Option<String>,
    pub created_ms: i64,
    pub updated_ms: i64,
    /// Stable input for the fake pHash: CRC of the bytes (or the source URL's hash).
    pub content_hash: u64,
    /// The file's older versions, oldest first (each with an empty `history`).
    pub history: Vec<FileRecord>,
}

impl FileRecord {
    pub fn file_path(&self) -> String {
        format!("{}{}", self.folder, self.name)
    }

    pub fn is_image(&self) -> bool {
        self.mime.starts_with("image/")
    }

    pub fn is_video(&self) -> bool {
        self.mime.starts_with("video/")
    }

    pub fn file_type(&self) -> &'static str {
        if self.is_image() {
            "image"
        } else {
            "non-image"
        }
    }

    pub fn dimensions(&self) -> Option<(u32, u32)> {
        if self.is_image() {
            Some(IMAGE_SIZE)
        } else if self.is_video() {
            Some(VIDEO_SIZE)
        } else {
            None
        }
    }

    pub fn url(&self, endpoint: &str) -> String {
        format!("{}{}", endpoint.trim_end_matches('/'), self.file_path())
    }

    pub fn phash(&self) -> String {
        format!("{:016x}", crate::util::fnv1a64(&self.content_hash.to_le_bytes()))
    }

    fn version_info(&self) -> Value {
        json!({"id": self.version_id, "name": format!("Version {}", self.version_number)})
    }

    fn tags_json(&self) -> Value {
        self.tags.as_ref().map_or(Value::Null, |t| json!(t))
    }

    fn ai_tags_json(&self) -> Value {
        self.ai_tags.as_ref().map_or(Value::Null, |t| json!(t))
    }

    fn media_fields(&self, o: &mut Map<String, Value>) {
        if self.is_video() {
            o.insert("bitRate".into(), 1_453_966.into());
            o.insert("duration".into(), 7.into());
            o.insert("audioCodec".into(), "aac".into());
            o.insert("videoCodec".into(), "h264".into());
        }
    }

    /// The `FileDetails` schema (details, update, list).
    pub fn details(&self, endpoint: &str) -> Value {
        let url = format!("{}?updatedAt={}", self.url(endpoint), self.updated_ms);
        let mut o = Map::new();
        o.insert("fileId".into(), self.file_id.clone().into());
        o.insert("type".into(), "file".into());
        o.insert("name".into(), self.name.clone().into());
        o.insert("filePath".into(), self.file_path().into());
        o.insert("tags".into(), self.tags_json());
        o.insert("AITags".into(), self.ai_tags_json());
        o.insert("versionInfo".into(), self.version_info());
        o.insert("isPrivateFile".into(), self.is_private.into());
        o.insert("isPublished".into(), self.is_published.into());
        o.insert("customCoordinates".into(), self.custom_coordinates.clone().into());
        o.insert("url".into(), url.clone().into());
        o.insert("thumbnail".into(), format!("{url}&tr=n-ik_ml_thumbnail").into());
        o.insert("fileType".into(), self.file_type().into());
        o.insert("mime".into(), self.mime.clone().into());
        if let Some((w, h)) = self.dimensions() {
            o.insert("width".into(), w.into());
            o.insert("height".into(), h.into());
        }
        o.insert("size".into(), self.size.into());
        self.media_fields(&mut o);
        if self.is_image() {
            o.insert("hasAlpha".into(), (self.mime == "image/png").into());
        }
        o.insert("customMetadata".into(), Value::Object(self.custom_metadata.clone()));
        if let Some(d) = &self.description {
            o.insert("description".into(), d.clone().into());
        }
        o.insert("createdAt".into(), iso8601(self.created_ms).into());
        o.insert("updatedAt".into(), iso8601(self.updated_ms).into());
        Value::Object(o)
    }

    /// A `FileDetails` of this record as a version of its file: `type` is `file` for the
    /// current version, `file-version` (with `?ik-obj-version=` in the URL) for older ones.
    pub fn version_details(&self, endpoint: &str, current: bool) -> Value {
        let mut v = self.details(endpoint);
        if !current {
            let url = format!("{}?ik-obj-version={}", self.url(endpoint), self.version_id);
            v["type"] = "file-version".into();
            v["thumbnail"] = format!("{url}&tr=n-ik_ml_thumbnail").into();
            v["url"] = url.into();
        }
        v
    }

    /// This record as an entry of a version history (no nested history).
    pub fn snapshot(&self) -> FileRecord {
        FileRecord {
            history: Vec::new(),
            ..self.clone()
        }
    }

    /// The `Upload` schema. `response_fields` adds the optional fields (spec: "Send `tags` in
    /// `responseFields` … to get the value of this field").
    pub fn upload_response(&self, endpoint: &str, response_fields: &[String]) -> Value {
        let mut o = Map::new();
        o.insert("fileId".into(), self.file_id.clone().into());
        o.insert("name".into(), self.name.clone().into());
        o.insert("size".into(), self.size.into());
        o.insert("versionInfo".into(), self.version_info());
        o.insert("filePath".into(), self.file_path().into());
        o.insert("url".into(), self.url(endpoint).into());
        o.insert("fileType".into(), self.file_type().into());
        if let Some((w, h)) = self.dimensions() {
            o.insert("height".into(), h.into());
            o.insert("width".into(), w.into());
        }
        self.media_fields(&mut o);
        if self.is_image() {
            let base = endpoint.trim_end_matches('/');
            o.insert(
                "thumbnailUrl".into(),
                format!("{base}/tr:n-ik_ml_thumbnail{}", self.file_path()).into(),
            );
        }
        o.insert("AITags".into(), self.ai_tags_json());
        if let Some(d) = &self.description {
            o.insert("description".into(), d.clone().into());
        }
        for f in response_fields {
            let v = match f.as_str() {
                "tags" => self.tags_json(),
                "customCoordinates" => self.custom_coordinates.clone().into(),
                "isPrivateFile" => self.is_private.into(),
                "isPublished" => self.is_published.into(),
                "customMetadata" => Value::Object(self.custom_metadata.clone()),
                "metadata" => self.metadata(),
                "embeddedMetadata" => self.embedded_metadata(),
                "selectedFieldsSchema" => json!({}),
                _ => continue,
            };
            o.insert(f.clone(), v);
        }
        Value::Object(o)
    }

    /// The `Metadata` schema: fixed numbers, the real size, a stable fake pHash.
    pub fn metadata(&self) -> Value {
        metadata_for(&self.mime, &extension(&self.name), self.size, &self.phash())
    }

    pub fn embedded_metadata(&self) -> Value {
        if !self.is_image() {
            return json!({});
        }
        let date = iso8601(self.created_ms);
        json!({
            "XResolution": 72,
            "YResolution": 72,
            "ResolutionUnit": 2,
            "ImageWidth": IMAGE_SIZE.0,
            "ImageHeight": IMAGE_SIZE.1,
            "DateCreated": &date[..10],
            "DateTimeCreated": date,
        })
    }
}

/// A plausible `Metadata` object.
pub(crate) fn metadata_for(mime: &str, format: &str, size: u64, phash: &str) -> Value {
    if mime.starts_with("video/") {
        return json!({
            "height": VIDEO_SIZE.1, "width": VIDEO_SIZE.0, "bitRate": 1_453_966, "duration": 7,
            "audioCodec": "aac", "videoCodec": "h264", "size": size,
        });
    }
    if !mime.starts_with("image/") {
        return json!({"size": size, "format": format});
    }
    json!({
        "height": IMAGE_SIZE.1,
        "width": IMAGE_SIZE.0,
        "size": size,
        "format": format,
        "hasColorProfile": false,
        "quality": 0,
        "density": 72,
        "hasTransparency": mime == "image/png",
        "exif": {
            "image": {"Orientation": 1, "XResolution": 72, "YResolution": 72, "ResolutionUnit": 2},
            "thumbnail": {},
            "exif": {"ExifImageWidth": IMAGE_SIZE.0, "ExifImageHeight": IMAGE_SIZE.1},
            "gps": {},
            "interoperability": {},
            "makernote": {},
        },
        "pHash": phash,
    })
}

/// A folder, created implicitly by uploads.
#[derive(Debug, Clone)]
pub(crate) struct FolderRecord {
    pub folder_id: String,
    /// `/a/b` (no trailing slash).
    pub path: String,
    pub created_ms: i64,
    pub updated_ms: i64,
    pub custom_metadata: Map<String, Value>,
}

impl FolderRecord {
    pub fn name(&self) -> &str {
        self.path.rsplit('/').next().unwrap_or("")
    }

    /// The parent folder with trailing slash (`/a/` for `/a/b`).
    pub fn parent(&self) -> String {
        let i = self.path.rfind('/').unwrap_or(0);
        format!("{}/", &self.path[..i])
    }

    /// The `FolderDetails` schema.
    pub fn details(&self) -> Value {
        json!({
            "type": "folder",
            "folderId": self.folder_id,
            "name": self.name(),
            "folderPath": self.path,
            "customMetadata": Value::Object(self.custom_metadata.clone()),
            "createdAt": iso8601(self.created_ms),
            "updatedAt": iso8601(self.updated_ms),
        })
    }
}

#[derive(Debug, Clone)]
pub(crate) struct PurgeRecord {
    #[allow(dead_code)] // kept for inspection in a debugger and for later operations
    pub url: String,
    /// Status queries so far: the first answers Pending, later ones Completed.
    pub polls: u32,
}

/// A bulk job (folder copy, move or rename). Its effect is applied when it is submitted.
#[derive(Debug, Clone)]
pub(crate) struct JobRecord {
    /// `COPY_FOLDER`, `MOVE_FOLDER` or `RENAME_FOLDER`.
    pub kind: &'static str,
    /// Status queries so far: the first answers Pending, later ones Completed.
    pub polls: u32,
    pub purge_request_id: Option<String>,
}

/// A custom metadata field. Deleting one only marks it deleted (its name stays taken).
#[derive(Debug, Clone)]
pub(crate) struct FieldRecord {
    pub id: String,
    pub name: String,
    pub label: String,
    pub schema: Map<String, Value>,
    pub deleted: bool,
}

/// The whole library. Guarded by one mutex in the server.
pub(crate) struct State {
    pub files: HashMap<String, FileRecord>,
    /// Keyed by path (`/a/b`).
    pub folders: BTreeMap<String, FolderRecord>,
    pub purges: HashMap<String, PurgeRecord>,
    /// Client-side upload tokens (v1 tokens, v2 JWTs) already used.
    pub used_tokens: HashSet<String>,
    pub jobs: HashMap<String, JobRecord>,
    pub custom_fields: Vec<FieldRecord>,
    pub saved_extensions: Collection,
    pub named_transformations: Collection,
    pub origins: Collection,
    pub url_endpoints: Collection,
    pub webhooks: Collection,
    last_ms: i64,
}

impl Default for State {
    /// An empty library; the account has its `default` URL endpoint.
    fn default() -> Self {
        let mut url_endpoints = Collection::default();
        let mut default = Map::new();
        default.insert("id".into(), "default".into());
        default.insert("description".into(), "Default URL endpoint".into());
        default.insert("urlPrefix".into(), "".into());
        default.insert("origins".into(), json!([]));
        url_endpoints.insert(default);
        State {
            files: HashMap::new(),
            folders: BTreeMap::new(),
            purges: HashMap::new(),
            used_tokens: HashSet::new(),
            jobs: HashMap::new(),
            custom_fields: Vec::new(),
            saved_extensions: Collection::default(),
            named_transformations: Collection::default(),
            origins: Collection::default(),
            url_endpoints,
            webhooks: Collection::default(),
            last_ms: 0,
        }
    }
}

impl State {
    /// A timestamp later than every one handed out before, so creation order is total.
    pub fn tick(&mut self) -> i64 {
        self.last_ms = now_ms().max(self.last_ms + 1);
        self.last_ms
    }

    pub fn file_by_path(&self, path: &str) -> Option<&FileRecord> {
        self.files.values().find(|f| f.file_path() == path)
    }

    pub fn file_id_by_path(&self, path: &str) -> Option<String> {
        self.file_by_path(path).map(|f| f.file_id.clone())
    }

    /// Creates `folder` (`/a/b/`) and its ancestors if missing.
    pub fn ensure_folders(&mut self, folder: &str) {
        let mut path = String::new();
        for seg in folder.split('/').filter(|s| !s.is_empty()) {
            path.push('/');
            path.push_str(seg);
            if !self.folders.contains_key(&path) {
                let t = self.tick();
                self.folders.insert(
                    path.clone(),
                    FolderRecord {
                        folder_id: crate::util::object_id(),
                        path: path.clone(),
                        created_ms: t,
                        updated_ms: t,
                        custom_metadata: Map::new(),
                    },
                );
            }
        }
    }

    /// Puts `f` (with its history) into `folder` (`/a/b/`). When a file of that name is already
    /// there, `f` and its versions are appended to that file's history, `f` becoming the current
    /// version (the API's rule for copy and move); otherwise `f` is stored as its own file.
    /// `fresh_ids` gives every version new ids (a copy).
    pub fn place(&mut self, mut f: FileRecord, folder: &str, fresh_ids: bool) {
        let now = self.tick();
        self.ensure_folders(folder);
        f.folder = folder.to_string();
        f.updated_ms = now;
        if fresh_ids {
            f.file_id = crate::util::object_id();
            f.version_id = crate::util::object_id();
            for v in &mut f.history {
                v.version_id = crate::util::object_id();
            }
        }
        let existing = self.file_id_by_path(&f.file_path()).filter(|id| *id != f.file_id);
        match existing.and_then(|id| self.files.get_mut(&id)) {
            Some(dest) => {
                let mut number = dest.version_number;
                let mut incoming: Vec<FileRecord> = f.history.drain(..).collect();
                incoming.push(f.snapshot());
                let last = incoming.len() - 1;
                for (i, mut v) in incoming.into_iter().enumerate() {
                    number += 1;
                    v.file_id = dest.file_id.clone();
                    v.folder = dest.folder.clone();
                    v.name = dest.name.clone();
                    v.version_number = number;
                    v.created_ms = dest.created_ms;
                    if i == last {
                        let old = dest.snapshot();
                        let history = std::mem::take(&mut dest.history);
                        *dest = FileRecord { history, ..v };
                        dest.history.push(old);
                    } else {
                        dest.history.push(v);
                    }
                }
            }
            None => {
                let folder = f.folder.clone();
                for v in &mut f.history {
                    v.file_id = f.file_id.clone();
                    v.folder = folder.clone();
                }
                self.files.insert(f.file_id.clone(), f);
            }
        }
    }
}

/// The records of one account resource (origins, URL endpoints, webhooks, saved extensions,
/// named transformations), each a JSON object with a string `id`, in creation order.
#[derive(Debug, Clone, Default)]
pub(crate) struct Collection {
    items: Vec<Map<String, Value>>,
}

impl Collection {
    pub fn get(&self, id: &str) -> Option<&Map<String, Value>> {
        self.items
            .iter()
            .find(|r| r.get("id").and_then(Value::as_str) == Some(id))
    }

    /// Replaces the record with the same id, or appends.
    pub fn insert(&mut self, rec: Map<String, Value>) {
        let id = rec.get("id").and_then(Value::as_str).unwrap_or("").to_string();
        match self
            .items
            .iter_mut()
            .find(|r| r.get("id").and_then(Value::as_str) == Some(id.as_str()))
        {
            Some(old) => *old = rec,
            None => self.items.push(rec),
        }
    }

    pub fn remove(&mut self, id: &str) -> Option<Map<String, Value>> {
        let i = self
            .items
            .iter()
            .position(|r| r.get("id").and_then(Value::as_str) == Some(id))?;
        Some(self.items.remove(i))
    }

    pub fn iter(&self) -> impl Iterator<Item = &Map<String, Value>> {
        self.items.iter()
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }
}

/// `a//b` → `/a/b/`; `""` → `/`.
pub(crate) fn normalize_folder(f: &str) -> String {
    let segs: Vec<&str> = f.split('/').filter(|s| !s.is_empty() && *s != ".").collect();
    if segs.is_empty() {
        "/".into()
    } else {
        format!("/{}/", segs.join("/"))
    }
}
