//! The operation table: one row per regular REST operation of ImageKit's API, the single source of
//! truth for everything that repeats per operation.
//!
//! From these rows come the core's executor (`imagekit_core::api::exec`), the `extern "C"`
//! functions and their header docs (`src/ops_gen.rs` of the root crate), the Go and C++ methods,
//! the coverage table (`docs/operations.md`), the language-neutral description
//! (`docs/operations.json`) and the mock server's routing. `cargo xtask codegen` writes the
//! generated files; `cargo xtask codegen --check` fails when one of them drifts from the table.
//! CONTRIBUTING.md says how to add an operation.
//!
//! Irregular operations (multipart uploads, pagination, webhook verification, the JWT helper) are
//! written by hand beside the executor.
//!
//! This crate has no dependencies, so the mock server and the generator can use it without the
//! library.

pub mod status;

pub use status::{Status, STATUSES};

/// The HTTP method of an operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verb {
    Get,
    Post,
    Put,
    Patch,
    Delete,
}

impl Verb {
    pub const fn as_str(self) -> &'static str {
        match self {
            Verb::Get => "GET",
            Verb::Post => "POST",
            Verb::Put => "PUT",
            Verb::Patch => "PATCH",
            Verb::Delete => "DELETE",
        }
    }
}

/// The JSON type a parameter takes, and so how it is checked and sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A string.
    Str,
    /// `true` / `false` (a query parameter also takes the strings "true" / "false").
    Bool,
    /// A non-negative integer (a query parameter also takes a string of digits).
    Int,
    /// A list of strings. In a query it is sent comma-joined; a single string is sent as is.
    StrList,
    /// A string or a list of strings (sent as given in a body).
    StrOrList,
    /// Any JSON object.
    Object,
    /// Any JSON array.
    Array,
    /// A JSON object or array, or its JSON text (a form field carries it as text).
    Json,
}

impl Kind {
    /// How the kind is named in error messages and docs.
    pub const fn describe(self) -> &'static str {
        match self {
            Kind::Str => "a string",
            Kind::Bool => "a boolean",
            Kind::Int => "a non-negative integer",
            Kind::StrList => "a list of strings",
            Kind::StrOrList => "a string or a list of strings",
            Kind::Object => "a JSON object",
            Kind::Array => "a JSON array",
            Kind::Json => "a JSON object or array (or its JSON text)",
        }
    }
}

/// One key of a JSON option object: an operation's query parameter or body field, an upload
/// field, a client-config key, a webhook or token option. The same description serves every
/// reader (`imagekit_core::options`): a caller's key matches the name, the name's snake_case
/// spelling (`fileIds` or `file_ids`) or one of the aliases; the name is what goes on the wire
/// and what messages show.
#[derive(Debug, Clone, Copy)]
pub struct Param {
    pub name: &'static str,
    pub kind: Kind,
    pub required: bool,
    /// Other accepted spellings besides the name and its snake_case.
    pub aliases: &'static [&'static str],
}

/// A required key.
pub const fn req(name: &'static str, kind: Kind) -> Param {
    Param {
        name,
        kind,
        required: true,
        aliases: &[],
    }
}

/// An optional key.
pub const fn opt(name: &'static str, kind: Kind) -> Param {
    Param {
        name,
        kind,
        required: false,
        aliases: &[],
    }
}

impl Param {
    /// The same key, also accepted under `aliases`.
    pub const fn or(self, aliases: &'static [&'static str]) -> Param {
        Param { aliases, ..self }
    }

    /// True when a caller's (trimmed) key names this parameter.
    pub fn accepts(&self, key: &str) -> bool {
        key == self.name || self.aliases.contains(&key) || snake_case(self.name) == key
    }
}

/// What an operation takes besides the ids in its path.
#[derive(Debug, Clone, Copy)]
pub enum Input {
    /// Nothing.
    None,
    /// Query parameters; the caller's JSON object may be NULL when none is required.
    Query(&'static [Param]),
    /// A JSON object sent as the request body, its top-level keys checked against the fields.
    Body(&'static [Param]),
}

/// What a failed attempt of an operation allows: whether it may be sent again, and what a lost
/// answer means. Every class retries failures that prove the server did not act (the connection
/// was refused or failed, DNS, the TLS handshake, an error while the request was still being
/// written, 429, `x-should-retry: true`); they differ on failures after the whole request went
/// out (a dropped connection, a timeout waiting for the answer, a 5xx).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Retry {
    /// Doing it twice is doing it once (reads, whole-resource updates, tag sets): retried on any
    /// retryable failure, as the official SDKs do.
    Safe,
    /// A delete: retried like `Safe`, and when an attempt may have deleted the target, a later
    /// attempt's "not found" means the target is gone: the call succeeds.
    ResolveIfGone,
    /// Creates, copies, moves, renames, purges, restores: never sent again once a whole request
    /// went out without a clear answer; the error then says the outcome is unknown (the server
    /// may have applied the change).
    OutcomeUnknown,
}

impl Retry {
    /// One sentence for the header docs and the retry docs.
    pub const fn describe(self) -> &'static str {
        match self {
            Retry::Safe => {
                "repeating it is harmless, so connection errors, timeouts, 408, 409, 429 and 5xx answers are retried"
            }
            Retry::ResolveIfGone => {
                "retried like a read; when an attempt whose answer was lost may have deleted the target, a later \
                 404 means the target is gone and the call returns `IK_STATUS_OK` with `{}`"
            }
            Retry::OutcomeUnknown => {
                "retried only when the server provably did not act (no connection, DNS, TLS handshake, the request \
                 not fully sent, 429, `x-should-retry: true`); after a lost answer or a 5xx it is not sent again \
                 and the error document has `\"outcome\": \"unknown\"` (the server may have applied the change)"
            }
        }
    }

    /// The class's name in docs (`safe`, `resolve_if_gone`, `outcome_unknown`).
    pub const fn name(self) -> &'static str {
        match self {
            Retry::Safe => "safe",
            Retry::ResolveIfGone => "resolve_if_gone",
            Retry::OutcomeUnknown => "outcome_unknown",
        }
    }

    /// The class of a request that is not a row of the table, by its method: reads and whole
    /// replacements are safe, deletes resolve, everything else may not be repeated blindly.
    pub const fn for_verb(verb: Verb) -> Retry {
        match verb {
            Verb::Get | Verb::Put => Retry::Safe,
            Verb::Delete => Retry::ResolveIfGone,
            Verb::Post | Verb::Patch => Retry::OutcomeUnknown,
        }
    }
}

/// A limit the API states on the length of a list field (≤ 100 ids for bulk delete …).
#[derive(Debug, Clone, Copy)]
pub struct MaxItems {
    pub field: &'static str,
    pub max: usize,
}

/// The original SDK's C name of an operation, kept for the C programs that link it and marked
/// deprecated in the header.
#[derive(Debug, Clone, Copy)]
pub struct SeedAlias {
    pub c_name: &'static str,
    pub arg: SeedArg,
}

/// How an original-name alias's arguments differ from those of the table's function.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeedArg {
    /// The same arguments.
    Same,
    /// The parameters under another name (`options_json`), NULL allowed as in the table function.
    ParamsNamed(&'static str),
    /// The parameters under another name, and required: NULL is a NULL argument.
    RequiredParamsNamed(&'static str),
    /// One string argument of this name, sent as `{"url": value}`.
    Url(&'static str),
}

/// What a binding decodes an operation's answer into, where it offers a typed result (a name
/// each binding maps to its own type; `[]` marks a list).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// The API's JSON as it came.
    Json,
    /// Nothing: success alone is the answer.
    Nothing,
    /// One object of the named shape (`File`).
    One(&'static str),
    /// A list of objects of the named shape.
    ListOf(&'static str),
}

/// One regular operation.
#[derive(Debug, Clone, Copy)]
pub struct Op {
    /// The name in the newest Python SDK's resource tree (`files.versions.get`). The C function is
    /// `ik_` + this with dots as underscores (`ik_files_versions_get`).
    pub py: &'static str,
    /// The name in `@imagekit/nodejs` 7 (`files.versions.get`).
    pub node: &'static str,
    /// The name in imagekit-go v2 (`Files.Versions.Get`); "" where that SDK lacks it. The Go
    /// binding's method is this without the dots, or derived from `py` when empty.
    pub go: &'static str,
    pub verb: Verb,
    /// The path on the API host, with ids as `{name}` (`/v1/files/{fileId}/versions/{versionId}`).
    pub path: &'static str,
    pub input: Input,
    pub max_items: Option<MaxItems>,
    /// Lists that page with `skip` / `limit` get the `_each` / `_all` walkers.
    pub pages: bool,
    /// Whether ImageKit's OpenAPI spec has the operation (the contract tests call it through
    /// Prism); the others are tested against the mock server only.
    pub in_spec: bool,
    /// What the call returns when the API answers with no body.
    pub empty_answer: &'static str,
    /// One line for the header, the bindings and the coverage table.
    pub doc: &'static str,
    /// What a failed attempt allows (see [`Retry`]).
    pub retry: Retry,
    /// The original SDK's C name, if it had one.
    pub seed_alias: Option<SeedAlias>,
    /// What the bindings decode the answer into.
    pub answer: Answer,
}

impl Op {
    const fn new(py: &'static str, node: &'static str, go: &'static str, verb: Verb, path: &'static str) -> Op {
        Op {
            py,
            node,
            go,
            verb,
            path,
            input: Input::None,
            max_items: None,
            pages: false,
            in_spec: true,
            empty_answer: "{}",
            doc: "",
            retry: Retry::Safe,
            seed_alias: None,
            answer: Answer::Json,
        }
    }
    const fn query(mut self, params: &'static [Param]) -> Op {
        self.input = Input::Query(params);
        self
    }
    const fn body(mut self, fields: &'static [Param]) -> Op {
        self.input = Input::Body(fields);
        self
    }
    const fn max(mut self, field: &'static str, max: usize) -> Op {
        self.max_items = Some(MaxItems { field, max });
        self
    }
    const fn pages(mut self) -> Op {
        self.pages = true;
        self
    }
    const fn not_in_spec(mut self) -> Op {
        self.in_spec = false;
        self
    }
    const fn doc(mut self, doc: &'static str) -> Op {
        self.doc = doc;
        self
    }
    const fn retry(mut self, retry: Retry) -> Op {
        self.retry = retry;
        self
    }
    const fn seed(mut self, c_name: &'static str, arg: SeedArg) -> Op {
        self.seed_alias = Some(SeedAlias { c_name, arg });
        self
    }
    const fn answer(mut self, answer: Answer) -> Op {
        self.answer = answer;
        self
    }

    /// The ids in the path template, in order (`["fileId", "versionId"]`).
    pub fn path_ids(&self) -> impl Iterator<Item = &'static str> {
        let path: &'static str = self.path;
        path.split('{')
            .skip(1)
            .filter_map(|s| s.split_once('}').map(|(id, _)| id))
    }

    /// The parameters of the row's query or body (empty for `Input::None`).
    pub fn params(&self) -> &'static [Param] {
        match self.input {
            Input::None => &[],
            Input::Query(p) | Input::Body(p) => p,
        }
    }

    /// The C function's name: `ik_files_versions_get`.
    pub fn c_name(&self) -> String {
        format!("ik_{}", self.py.replace('.', "_"))
    }
}

use Kind::*;
use Retry::*;
use Verb::*;

const LIST_ASSETS: &[Param] = &[
    opt("type", Str),
    opt("sort", Str),
    opt("path", Str),
    opt("searchQuery", Str),
    opt("fileType", Str),
    opt("tags", StrList),
    opt("includeFolder", Bool),
    opt("limit", Int),
    opt("skip", Int),
];
const UPDATE_FILE: &[Param] = &[
    opt("removeAITags", StrOrList),
    opt("webhookUrl", Str),
    opt("extensions", Array),
    opt("tags", StrList),
    opt("customCoordinates", Str),
    opt("customMetadata", Object),
    opt("description", Str),
    opt("publish", Object),
];
const FILE_IDS: &[Param] = &[req("fileIds", StrList)];
const COPY_FILE: &[Param] = &[
    req("sourceFilePath", Str),
    req("destinationPath", Str),
    opt("includeFileVersions", Bool),
];
const MOVE_FILE: &[Param] = &[req("sourceFilePath", Str), req("destinationPath", Str)];
const RENAME_FILE: &[Param] = &[req("filePath", Str), req("newFileName", Str), opt("purgeCache", Bool)];
const TAGS: &[Param] = &[req("fileIds", StrList), req("tags", StrList)];
const AI_TAGS: &[Param] = &[req("fileIds", StrList), req("AITags", StrList)];
const URL_QUERY: &[Param] = &[req("url", Str)];
const PURGE: &[Param] = &[req("url", Str)];
const CREATE_FOLDER: &[Param] = &[req("folderName", Str), req("parentFolderPath", Str)];
const DELETE_FOLDER: &[Param] = &[req("folderPath", Str)];
const COPY_FOLDER: &[Param] = &[
    req("sourceFolderPath", Str),
    req("destinationPath", Str),
    opt("includeVersions", Bool),
];
const MOVE_FOLDER: &[Param] = &[req("sourceFolderPath", Str), req("destinationPath", Str)];
const RENAME_FOLDER: &[Param] = &[
    req("folderPath", Str),
    req("newFolderName", Str),
    opt("purgeCache", Bool),
];
const CREATE_FIELD: &[Param] = &[req("name", Str), req("label", Str), req("schema", Object)];
const LIST_FIELDS: &[Param] = &[opt("includeDeleted", Bool), opt("folderPath", Str)];
const UPDATE_FIELD: &[Param] = &[opt("label", Str), opt("schema", Object)];
const CREATE_EXTENSION: &[Param] = &[req("name", Str), req("description", Str), req("config", Object)];
const UPDATE_EXTENSION: &[Param] = &[opt("name", Str), opt("description", Str), opt("config", Object)];
const CREATE_NAMED: &[Param] = &[req("name", Str), req("transformation", Str), opt("enabled", Bool)];
const UPDATE_NAMED: &[Param] = &[opt("name", Str), opt("transformation", Str), opt("enabled", Bool)];
const DATE_RANGE: &[Param] = &[req("startDate", Str), req("endDate", Str)];
/// Every field of every origin type; which ones a type requires is the API's to check.
const ORIGIN: &[Param] = &[
    req("name", Str),
    req("type", Str),
    opt("includeCanonicalHeader", Bool),
    opt("baseUrlForCanonicalHeader", Str),
    opt("bucket", Str),
    opt("prefix", Str),
    opt("useIAMRole", Bool),
    opt("accessKey", Str),
    opt("secretKey", Str),
    opt("endpoint", Str),
    opt("s3ForcePathStyle", Bool),
    opt("baseUrl", Str),
    opt("forwardHostHeaderToOrigin", Bool),
    opt("clientEmail", Str),
    opt("privateKey", Str),
    opt("container", Str),
    opt("accountName", Str),
    opt("sasToken", Str),
    opt("clientId", Str),
    opt("clientSecret", Str),
    opt("username", Str),
    opt("password", Str),
];
const URL_ENDPOINT: &[Param] = &[
    req("description", Str),
    opt("urlPrefix", Str),
    opt("origins", StrList),
    opt("urlRewriter", Object),
];
const CREATE_WEBHOOK: &[Param] = &[req("endpoint", Str), req("events", StrList), opt("enabled", Bool)];
const UPDATE_WEBHOOK: &[Param] = &[opt("endpoint", Str), opt("events", StrList), opt("enabled", Bool)];

/// Every regular operation. Order is the order of the docs and the generated code; append new rows
/// where they belong by resource.
#[rustfmt::skip] // one row a line
pub static OPS: &[Op] = &[
    // Files and assets.
    Op::new("assets.list", "assets.list", "Assets.List", Get, "/v1/files").query(LIST_ASSETS).pages().doc("Lists and searches files and folders (skip/limit paging; `searchQuery` is Lucene-like).").seed("ik_list_files", SeedArg::ParamsNamed("options_json")).answer(Answer::ListOf("File")).retry(Safe),
    Op::new("files.get", "files.get", "Files.Get", Get, "/v1/files/{fileId}/details").doc("Gets a file's details.").seed("ik_get_file_details", SeedArg::Same).answer(Answer::One("File")).retry(Safe),
    Op::new("files.update", "files.update", "Files.Update", Patch, "/v1/files/{fileId}/details").body(UPDATE_FILE).doc("Updates a file's tags, custom coordinates, custom metadata, extensions or publication status.").seed("ik_update_file_details", SeedArg::RequiredParamsNamed("update_json")).answer(Answer::One("File")).retry(Safe),
    Op::new("files.delete", "files.delete", "Files.Delete", Delete, "/v1/files/{fileId}").doc("Deletes a file and all its versions (cached copies stay until purged).").seed("ik_delete_file", SeedArg::Same).answer(Answer::Nothing).retry(ResolveIfGone),
    Op::new("files.copy", "files.copy", "Files.Copy", Post, "/v1/files/copy").body(COPY_FILE).doc("Copies a file to another folder.").retry(OutcomeUnknown),
    Op::new("files.move", "files.move", "Files.Move", Post, "/v1/files/move").body(MOVE_FILE).doc("Moves a file to another folder.").retry(OutcomeUnknown),
    Op::new("files.rename", "files.rename", "Files.Rename", Put, "/v1/files/rename").body(RENAME_FILE).doc("Renames a file (optionally purging the old URL from the cache).").retry(OutcomeUnknown),
    Op::new("files.bulk.delete", "files.bulk.delete", "Files.Bulk.Delete", Post, "/v1/files/batch/deleteByFileIds").body(FILE_IDS).max("fileIds", 100).doc("Deletes up to 100 files by id.").retry(ResolveIfGone),
    Op::new("files.bulk.add_tags", "files.bulk.addTags", "Files.Bulk.AddTags", Post, "/v1/files/addTags").body(TAGS).max("fileIds", 50).doc("Adds tags to up to 50 files.").retry(Safe),
    Op::new("files.bulk.remove_tags", "files.bulk.removeTags", "Files.Bulk.RemoveTags", Post, "/v1/files/removeTags").body(TAGS).max("fileIds", 50).doc("Removes tags from up to 50 files.").retry(Safe),
    Op::new("files.bulk.remove_ai_tags", "files.bulk.removeAITags", "Files.Bulk.RemoveAITags", Post, "/v1/files/removeAITags").body(AI_TAGS).max("fileIds", 50).doc("Removes AI tags from up to 50 files.").retry(Safe),
    Op::new("files.versions.list", "files.versions.list", "Files.Versions.List", Get, "/v1/files/{fileId}/versions").doc("Lists a file's versions.").retry(Safe),
    Op::new("files.versions.get", "files.versions.get", "Files.Versions.Get", Get, "/v1/files/{fileId}/versions/{versionId}").doc("Gets one version of a file.").retry(Safe),
    Op::new("files.versions.delete", "files.versions.delete", "Files.Versions.Delete", Delete, "/v1/files/{fileId}/versions/{versionId}").doc("Deletes a non-current version of a file.").retry(ResolveIfGone),
    Op::new("files.versions.restore", "files.versions.restore", "Files.Versions.Restore", Put, "/v1/files/{fileId}/versions/{versionId}/restore").doc("Makes a version the current version of its file.").retry(OutcomeUnknown),
    Op::new("files.metadata.get", "files.metadata.get", "Files.Metadata.Get", Get, "/v1/files/{fileId}/metadata").doc("Gets an uploaded file's metadata: EXIF, dimensions, pHash …").seed("ik_get_file_metadata", SeedArg::Same).answer(Answer::One("Metadata")).retry(Safe),
    Op::new("files.metadata.get_from_url", "files.metadata.getFromURL", "Files.Metadata.GetFromURL", Get, "/v1/metadata").query(URL_QUERY).doc("Gets the metadata of a file by its URL (served through one of the account's URL endpoints).").seed("ik_get_remote_file_url_metadata", SeedArg::Url("remote_url")).answer(Answer::One("Metadata")).retry(Safe),
    // Cache.
    Op::new("cache.invalidation.create", "cache.invalidation.create", "Cache.Invalidation.New", Post, "/v1/files/purge").body(PURGE).doc("Purges a URL (or a prefix ending in `*`) from the CDN cache; returns a `requestId`.").seed("ik_purge_cache", SeedArg::Url("url")).answer(Answer::One("PurgeRequest")).retry(OutcomeUnknown),
    Op::new("cache.invalidation.get", "cache.invalidation.get", "Cache.Invalidation.Get", Get, "/v1/files/purge/{requestId}").doc("Gets the status of a purge request.").seed("ik_get_purge_cache_status", SeedArg::Same).answer(Answer::One("PurgeStatus")).retry(Safe),
    // Folders and bulk jobs.
    Op::new("folders.create", "folders.create", "Folders.New", Post, "/v1/folder").body(CREATE_FOLDER).doc("Creates a folder.").retry(OutcomeUnknown),
    Op::new("folders.delete", "folders.delete", "Folders.Delete", Delete, "/v1/folder").body(DELETE_FOLDER).doc("Deletes a folder with everything in it.").retry(ResolveIfGone),
    Op::new("folders.copy", "folders.copy", "Folders.Copy", Post, "/v1/bulkJobs/copyFolder").body(COPY_FOLDER).doc("Copies a folder (a bulk job: returns a `jobId`).").retry(OutcomeUnknown),
    Op::new("folders.move", "folders.move", "Folders.Move", Post, "/v1/bulkJobs/moveFolder").body(MOVE_FOLDER).doc("Moves a folder (a bulk job: returns a `jobId`).").retry(OutcomeUnknown),
    Op::new("folders.rename", "folders.rename", "Folders.Rename", Post, "/v1/bulkJobs/renameFolder").body(RENAME_FOLDER).doc("Renames a folder (a bulk job: returns a `jobId`).").retry(OutcomeUnknown),
    Op::new("folders.job.get", "folders.job.get", "Folders.Job.Get", Get, "/v1/bulkJobs/{jobId}").doc("Gets the status of a bulk job (folder copy, move or rename).").retry(Safe),
    // Custom metadata fields.
    Op::new("custom_metadata_fields.create", "customMetadataFields.create", "CustomMetadataFields.New", Post, "/v1/customMetadataFields").body(CREATE_FIELD).doc("Creates a custom metadata field.").retry(OutcomeUnknown),
    Op::new("custom_metadata_fields.list", "customMetadataFields.list", "CustomMetadataFields.List", Get, "/v1/customMetadataFields").query(LIST_FIELDS).doc("Lists the custom metadata fields (optionally deleted ones, or those of a folder).").retry(Safe),
    Op::new("custom_metadata_fields.update", "customMetadataFields.update", "CustomMetadataFields.Update", Patch, "/v1/customMetadataFields/{id}").body(UPDATE_FIELD).doc("Updates a custom metadata field's label or schema.").retry(Safe),
    Op::new("custom_metadata_fields.delete", "customMetadataFields.delete", "CustomMetadataFields.Delete", Delete, "/v1/customMetadataFields/{id}").doc("Deletes a custom metadata field.").retry(ResolveIfGone),
    // Saved extensions.
    Op::new("saved_extensions.list", "savedExtensions.list", "SavedExtensions.List", Get, "/v1/saved-extensions").doc("Lists the saved extensions.").retry(Safe),
    Op::new("saved_extensions.create", "savedExtensions.create", "SavedExtensions.New", Post, "/v1/saved-extensions").body(CREATE_EXTENSION).doc("Saves an extension configuration under a name.").retry(OutcomeUnknown),
    Op::new("saved_extensions.get", "savedExtensions.get", "SavedExtensions.Get", Get, "/v1/saved-extensions/{id}").doc("Gets a saved extension.").retry(Safe),
    Op::new("saved_extensions.update", "savedExtensions.update", "SavedExtensions.Update", Patch, "/v1/saved-extensions/{id}").body(UPDATE_EXTENSION).doc("Updates a saved extension.").retry(Safe),
    Op::new("saved_extensions.delete", "savedExtensions.delete", "SavedExtensions.Delete", Delete, "/v1/saved-extensions/{id}").doc("Deletes a saved extension.").retry(ResolveIfGone),
    // Named transformations (not in the stored spec).
    Op::new("named_transformations.list", "namedTransformations.list", "NamedTransformations.List", Get, "/v1/named-transformations").not_in_spec().doc("Lists the named transformations.").retry(Safe),
    Op::new("named_transformations.create", "namedTransformations.create", "NamedTransformations.New", Post, "/v1/named-transformations").body(CREATE_NAMED).not_in_spec().doc("Creates a named transformation (used in URLs as `tr:n-<name>`).").retry(OutcomeUnknown),
    Op::new("named_transformations.get", "namedTransformations.get", "NamedTransformations.Get", Get, "/v1/named-transformations/{id}").not_in_spec().doc("Gets a named transformation.").retry(Safe),
    Op::new("named_transformations.update", "namedTransformations.update", "NamedTransformations.Update", Patch, "/v1/named-transformations/{id}").body(UPDATE_NAMED).not_in_spec().doc("Updates a named transformation (409 while an upload setting refers to it).").retry(Safe),
    Op::new("named_transformations.delete", "namedTransformations.delete", "NamedTransformations.Delete", Delete, "/v1/named-transformations/{id}").not_in_spec().doc("Deletes a named transformation (409 while an upload setting refers to it).").retry(ResolveIfGone),
    // Accounts.
    Op::new("accounts.usage.get", "accounts.usage.get", "Accounts.Usage.Get", Get, "/v1/accounts/usage").query(DATE_RANGE).doc("Gets the account's usage between two dates (`endDate` excluded).").retry(Safe),
    Op::new("accounts.usage_analytics.get", "accounts.usageAnalytics.get", "Accounts.UsageAnalytics.Get", Get, "/v1/accounts/usage-analytics").query(DATE_RANGE).not_in_spec().doc("Gets usage analytics between two dates, both included (beta).").retry(Safe),
    Op::new("accounts.origins.list", "accounts.origins.list", "Accounts.Origins.List", Get, "/v1/accounts/origins").doc("Lists the origins.").retry(Safe),
    Op::new("accounts.origins.create", "accounts.origins.create", "Accounts.Origins.New", Post, "/v1/accounts/origins").body(ORIGIN).doc("Creates an origin (S3, S3-compatible, Cloudinary backup, web folder, web proxy, GCS, Azure, Akeneo).").retry(OutcomeUnknown),
    Op::new("accounts.origins.get", "accounts.origins.get", "Accounts.Origins.Get", Get, "/v1/accounts/origins/{id}").doc("Gets an origin.").retry(Safe),
    Op::new("accounts.origins.update", "accounts.origins.update", "Accounts.Origins.Update", Put, "/v1/accounts/origins/{id}").body(ORIGIN).doc("Replaces an origin's settings.").retry(Safe),
    Op::new("accounts.origins.delete", "accounts.origins.delete", "Accounts.Origins.Delete", Delete, "/v1/accounts/origins/{id}").doc("Deletes an origin.").retry(ResolveIfGone),
    Op::new("accounts.url_endpoints.list", "accounts.urlEndpoints.list", "Accounts.URLEndpoints.List", Get, "/v1/accounts/url-endpoints").doc("Lists the URL endpoints.").retry(Safe),
    Op::new("accounts.url_endpoints.create", "accounts.urlEndpoints.create", "Accounts.URLEndpoints.New", Post, "/v1/accounts/url-endpoints").body(URL_ENDPOINT).doc("Creates a URL endpoint.").retry(OutcomeUnknown),
    Op::new("accounts.url_endpoints.get", "accounts.urlEndpoints.get", "Accounts.URLEndpoints.Get", Get, "/v1/accounts/url-endpoints/{id}").doc("Gets a URL endpoint.").retry(Safe),
    Op::new("accounts.url_endpoints.update", "accounts.urlEndpoints.update", "Accounts.URLEndpoints.Update", Put, "/v1/accounts/url-endpoints/{id}").body(URL_ENDPOINT).doc("Replaces a URL endpoint's settings.").retry(Safe),
    Op::new("accounts.url_endpoints.delete", "accounts.urlEndpoints.delete", "Accounts.URLEndpoints.Delete", Delete, "/v1/accounts/url-endpoints/{id}").doc("Deletes a URL endpoint (not the default one).").retry(ResolveIfGone),
    Op::new("accounts.webhooks.list", "", "", Get, "/v1/accounts/webhooks").not_in_spec().doc("Lists the webhook endpoints (Python SDK 5.11 only).").retry(Safe),
    Op::new("accounts.webhooks.create", "", "", Post, "/v1/accounts/webhooks").body(CREATE_WEBHOOK).not_in_spec().doc("Creates a webhook endpoint; the answer carries its `whsec_` secret.").retry(OutcomeUnknown),
    Op::new("accounts.webhooks.get", "", "", Get, "/v1/accounts/webhooks/{id}").not_in_spec().doc("Gets a webhook endpoint.").retry(Safe),
    Op::new("accounts.webhooks.update", "", "", Patch, "/v1/accounts/webhooks/{id}").body(UPDATE_WEBHOOK).not_in_spec().doc("Updates a webhook endpoint (`events` replaces the whole list).").retry(Safe),
    Op::new("accounts.webhooks.delete", "", "", Delete, "/v1/accounts/webhooks/{id}").not_in_spec().doc("Deletes a webhook endpoint.").retry(ResolveIfGone),
];

/// The row whose Python name is `py`.
pub fn find(py: &str) -> Option<&'static Op> {
    OPS.iter().find(|op| op.py == py)
}

/// The row for `verb` on a concrete request path (`/v1/files/abc/versions/1`), with the decoded
/// path ids in order. Ids are single path segments; a literal segment beats an id (`/v1/files/copy`
/// is `files.copy`, never `files.delete` of a file called "copy" — the API has the same rule).
pub fn route<'p>(verb: Verb, path: &'p str) -> Option<(&'static Op, Vec<&'p str>)> {
    let segs: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    let mut best: Option<(&'static Op, Vec<&'p str>, usize)> = None;
    for op in OPS.iter().filter(|op| op.verb == verb) {
        let tpl: Vec<&str> = op.path.trim_start_matches('/').split('/').collect();
        if tpl.len() != segs.len() {
            continue;
        }
        let mut ids = Vec::new();
        let mut literals = 0;
        let matched = tpl.iter().zip(&segs).all(|(t, s)| {
            if t.starts_with('{') {
                ids.push(*s);
                !s.is_empty()
            } else {
                literals += 1;
                t == s
            }
        });
        if matched && best.as_ref().is_none_or(|(_, _, l)| literals > *l) {
            best = Some((op, ids, literals));
        }
    }
    best.map(|(op, ids, _)| (op, ids))
}

/// `fileIds` → `file_ids`, `AITags` → `ai_tags`, `useIAMRole` → `use_iam_role`: the accepted
/// snake_case spelling of an API name.
pub fn snake_case(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::with_capacity(name.len() + 4);
    for (i, &c) in chars.iter().enumerate() {
        if c.is_ascii_uppercase() {
            let prev_lower = i > 0 && (chars[i - 1].is_ascii_lowercase() || chars[i - 1].is_ascii_digit());
            let next_lower = chars.get(i + 1).is_some_and(|n| n.is_ascii_lowercase());
            let prev_upper = i > 0 && chars[i - 1].is_ascii_uppercase();
            if i > 0 && (prev_lower || (prev_upper && next_lower)) {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// `fileId` → `file_id`: the argument name of a path id in C, Go and C++.
pub fn id_arg(id: &str) -> String {
    snake_case(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snake_case_spellings() {
        assert_eq!(snake_case("fileIds"), "file_ids");
        assert_eq!(snake_case("AITags"), "ai_tags");
        assert_eq!(snake_case("useIAMRole"), "use_iam_role");
        assert_eq!(snake_case("s3ForcePathStyle"), "s3_force_path_style");
        assert_eq!(snake_case("baseUrlForCanonicalHeader"), "base_url_for_canonical_header");
        assert_eq!(snake_case("url"), "url");
        assert_eq!(snake_case("removeAITags"), "remove_ai_tags");
    }

    #[test]
    fn table_is_consistent() {
        let mut names = std::collections::HashSet::new();
        for op in OPS {
            assert!(names.insert(op.py), "{} twice", op.py);
            assert!(!op.doc.is_empty(), "{} has no doc", op.py);
            assert!(op.path.starts_with("/v1/"), "{}", op.py);
            if let Some(m) = op.max_items {
                assert!(
                    op.params().iter().any(|p| p.name == m.field && p.kind == Kind::StrList),
                    "{}",
                    op.py
                );
            }
            // Reads are always safe to repeat; a DELETE is resolved by what is left.
            if op.verb == Verb::Get {
                assert_eq!(op.retry, Retry::Safe, "{}", op.py);
            }
            if op.verb == Verb::Delete {
                assert_eq!(op.retry, Retry::ResolveIfGone, "{}", op.py);
            }
            // A body with ids in the path and a GET with a body would not reach the API.
            if let Input::Body(_) = op.input {
                assert!(op.verb != Verb::Get, "{}", op.py);
            }
            let mut keys = std::collections::HashSet::new();
            for p in op.params() {
                assert!(keys.insert(p.name), "{}: {} twice", op.py, p.name);
                assert!(keys.insert(Box::leak(snake_case(p.name).into_boxed_str())) || snake_case(p.name) == p.name);
            }
        }
        assert_eq!(OPS.len(), 56);
    }

    #[test]
    fn routing() {
        let (op, ids) = route(Verb::Get, "/v1/files/abc/versions/v1").unwrap();
        assert_eq!((op.py, ids), ("files.versions.get", vec!["abc", "v1"]));
        assert_eq!(route(Verb::Post, "/v1/files/copy").unwrap().0.py, "files.copy");
        assert_eq!(route(Verb::Delete, "/v1/files/copy").unwrap().0.py, "files.delete");
        assert_eq!(route(Verb::Get, "/v1/files").unwrap().0.py, "assets.list");
        assert!(route(Verb::Get, "/v1/nothing").is_none());
        assert!(route(Verb::Get, "/v1/files//details").is_none());
        assert_eq!(
            OPS.iter()
                .find(|o| o.py == "files.versions.restore")
                .unwrap()
                .path_ids()
                .collect::<Vec<_>>(),
            ["fileId", "versionId"]
        );
    }
}
