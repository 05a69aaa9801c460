//! The command line: every subcommand, flag and help text (clap derive, with environment fallbacks).

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

const EXAMPLES: &str = "\
Examples:
  export IMAGEKIT_PRIVATE_KEY=private_... IMAGEKIT_PUBLIC_KEY=public_... IMAGEKIT_URL_ENDPOINT=https://ik.imagekit.io/demo
  imagekit upload -r ./photos --folder /shop/photos      # resumable: re-run after a crash uploads only the rest
  imagekit sync ./photos /shop/photos --dry-run           # what a sync would change
  imagekit ls /shop/photos --json
  imagekit url /shop/photos/a.jpg -t width=300,height=200 --sign --expires 3600
  imagekit dev-server --port 8080 --seed ./fixtures       # a local ImageKit-compatible server for tests

Exit codes: 0 success, 1 some items failed (listed), 2 usage or configuration error,
3 done with warnings, 130 interrupted.";

#[derive(Debug, Parser)]
#[command(name = "imagekit", version, about = "A command-line client for ImageKit.io", after_help = EXAMPLES)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}

/// Flags every subcommand takes, before or after its name.
#[derive(Debug, Args)]
pub struct Global {
    /// Private API key (prefer the environment: a flag is visible in the process list)
    #[arg(long, global = true, env = "IMAGEKIT_PRIVATE_KEY", hide_env_values = true)]
    pub private_key: Option<String>,
    /// Public API key
    #[arg(long, global = true, env = "IMAGEKIT_PUBLIC_KEY")]
    pub public_key: Option<String>,
    /// URL endpoint, e.g. https://ik.imagekit.io/your_id
    #[arg(long, global = true, env = "IMAGEKIT_URL_ENDPOINT")]
    pub url_endpoint: Option<String>,
    /// Base URL of the REST API (default https://api.imagekit.io)
    #[arg(long, global = true, env = "IMAGEKIT_API_BASE_URL")]
    pub api_base_url: Option<String>,
    /// Base URL of the upload API (default https://upload.imagekit.io, or --api-base-url when only that is given)
    #[arg(long, global = true, env = "IMAGEKIT_UPLOAD_BASE_URL")]
    pub upload_base_url: Option<String>,
    /// Extra CA certificates (PEM file) to trust
    #[arg(long, global = true, env = "IMAGEKIT_CA_FILE")]
    pub ca_file: Option<PathBuf>,
    /// Retries per request after a network error, 429 or 5xx (0-10)
    #[arg(long, global = true, default_value_t = 2)]
    pub max_retries: u32,
    /// Machine-readable output: one JSON object per line on stdout
    #[arg(long, global = true)]
    pub json: bool,
    /// No progress bar (there is none anyway when stderr is not a terminal)
    #[arg(long, global = true)]
    pub no_progress: bool,
    /// Print only errors and warnings on stderr
    #[arg(long, short, global = true)]
    pub quiet: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    Url(UrlArgs),
    Upload(UploadArgs),
    Sync(SyncArgs),
    Ls(LsArgs),
    Search(SearchArgs),
    Rm(RmArgs),
    Mv(MoveArgs),
    Cp(CopyArgs),
    Purge(PurgeArgs),
    Auth(AuthArgs),
    Token(TokenArgs),
    /// Webhooks: verify a captured request's signature (`webhook verify`)
    #[command(subcommand)]
    Webhook(WebhookCommand),
    Usage(UsageArgs),
    Api(ApiArgs),
    DevServer(DevServerArgs),
}

/// Build a delivery URL (transformations, signing, expiry)
#[derive(Debug, Args)]
#[command(after_help = "\
Examples:
  imagekit url /photos/a.jpg -t width=300,height=200
  imagekit url /photos/a.jpg -t width=300 -t rotation=90        # two chained steps
  imagekit url https://ik.imagekit.io/demo/a.jpg --sign --expires 600
  imagekit url /a.jpg --builder legacy --transformation '[{\"height\":\"300\"}]'")]
pub struct UrlArgs {
    /// A path under the URL endpoint (/photos/a.jpg) or a full URL
    pub src: String,
    /// One transformation step as name=value pairs (width=300,height=200); repeat for chained steps
    #[arg(short = 't', long = "tr")]
    pub steps: Vec<String>,
    /// The transformation as JSON (a list of steps), instead of -t
    #[arg(long, conflicts_with = "steps")]
    pub transformation: Option<String>,
    /// Sign the URL with the private key
    #[arg(long)]
    pub sign: bool,
    /// Seconds the signed URL stays valid (implies --sign)
    #[arg(long)]
    pub expires: Option<u64>,
    /// Put the transformation in the query (?tr=) instead of the path
    #[arg(long)]
    pub query: bool,
    /// Which builder: modern (@imagekit/javascript rules) or legacy (imagekitio 4.x rules)
    #[arg(long, value_parser = ["modern", "legacy"], default_value = "modern")]
    pub builder: String,
}

/// Upload files, or directories with -r (resumable: a journal records every confirmed upload)
#[derive(Debug, Args)]
#[command(after_help = "\
Examples:
  imagekit upload a.jpg b.png --folder /products --tags new,summer
  imagekit upload -r ./photos --folder /shop/photos --concurrency 8
  imagekit upload -r ./photos --folder /shop/photos --include '*.jpg' --exclude 'raw/**'

With -r each file keeps its path relative to the directory under --folder. The journal
(default DIR/.imagekit-journal.jsonl) records each confirmed upload: re-running the same command
after a crash, a kill or Ctrl-C uploads only what is not recorded, and replaces files that
changed (a new version of the same file). A file already at the destination with the same name
and size is taken as uploaded, never stored twice.")]
pub struct UploadArgs {
    /// Files, or directories with -r
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Upload directories recursively
    #[arg(short, long)]
    pub recursive: bool,
    /// Remote folder
    #[arg(long, default_value = "/")]
    pub folder: String,
    /// Tags for every file (comma-separated)
    #[arg(long, value_delimiter = ',')]
    pub tags: Vec<String>,
    #[command(flatten)]
    pub transfer: TransferArgs,
}

/// What a directory transfer takes (upload -r and sync)
#[derive(Debug, Args)]
pub struct TransferArgs {
    /// Only files matching this glob (relative path; repeatable)
    #[arg(long)]
    pub include: Vec<String>,
    /// Skip files matching this glob (relative path; repeatable; wins over --include)
    #[arg(long)]
    pub exclude: Vec<String>,
    /// Uploads in flight (1-64)
    #[arg(long, short = 'j', default_value_t = 8)]
    pub concurrency: usize,
    /// Journal file (default DIR/.imagekit-journal.jsonl)
    #[arg(long)]
    pub journal: Option<PathBuf>,
    /// Keep no journal (a re-run then finds uploaded files by name and size on the server)
    #[arg(long, conflicts_with = "journal")]
    pub no_journal: bool,
    /// Store each file's SHA-256 in this custom metadata field (create the field first), so sync
    /// detects changed content without a journal
    #[arg(long, value_name = "FIELD")]
    pub hash_field: Option<String>,
}

/// Make a remote folder match a local directory
#[derive(Debug, Args)]
#[command(after_help = "\
Examples:
  imagekit sync ./site/img /site/img --dry-run           # print the plan, change nothing
  imagekit sync ./site/img /site/img                     # upload new files, replace changed ones
  imagekit sync ./site/img /site/img --delete --yes --max-delete 50

A file is unchanged when the journal records it with the same size and modification time (or
content hash), or, without a journal entry, when the remote file has the same path and size.
--delete also deletes remote files that have no local counterpart: it asks on a terminal, needs
--yes otherwise, and deletes nothing when the plan would delete more than --max-delete. Each
remote file is checked again just before it is deleted.")]
pub struct SyncArgs {
    pub dir: PathBuf,
    pub remote_folder: String,
    /// Print the plan and change nothing
    #[arg(long, short = 'n')]
    pub dry_run: bool,
    /// Also delete remote files that have no local counterpart
    #[arg(long)]
    pub delete: bool,
    /// Do not ask before deleting
    #[arg(long, short)]
    pub yes: bool,
    /// Delete nothing (and change nothing) when the plan would delete more than this many files
    #[arg(long)]
    pub max_delete: Option<u64>,
    /// Create the remote folder when it does not exist
    #[arg(long)]
    pub create: bool,
    /// Tags for every uploaded file (comma-separated)
    #[arg(long, value_delimiter = ',')]
    pub tags: Vec<String>,
    #[command(flatten)]
    pub transfer: TransferArgs,
}

/// List a remote folder (every page)
#[derive(Debug, Args)]
#[command(after_help = "\
Examples:
  imagekit ls                     # the root folder
  imagekit ls /shop/photos --json")]
pub struct LsArgs {
    #[arg(default_value = "/")]
    pub folder: String,
    /// Files in sub-folders too (no folder rows)
    #[arg(short, long)]
    pub recursive: bool,
}

/// Search the media library with a query (every page)
#[derive(Debug, Args)]
#[command(after_help = "\
Examples:
  imagekit search 'size > \"1mb\" AND format = \"png\"'
  imagekit search 'tags IN [\"sale\"]' --folder /shop --json")]
pub struct SearchArgs {
    /// ImageKit's Lucene-like searchQuery
    pub query: String,
    /// Only within this folder
    #[arg(long)]
    pub folder: Option<String>,
}

/// Delete files (by path or file id) or a folder
#[derive(Debug, Args)]
#[command(after_help = "\
Examples:
  imagekit rm /shop/old.jpg /shop/older.jpg
  imagekit rm 6538a5a8a3b5c3b5a3b5c3b5           # a file id
  imagekit rm --folder /shop/tmp")]
pub struct RmArgs {
    /// File paths (/folder/name) or file ids; with --folder, folder paths
    #[arg(required = true)]
    pub targets: Vec<String>,
    /// The targets are folders (deleted with everything in them)
    #[arg(long)]
    pub folder: bool,
}

/// Move a file or a folder
#[derive(Debug, Args)]
#[command(after_help = "\
Examples:
  imagekit mv /a/photo.jpg /b           # the file goes into folder /b
  imagekit mv --folder /a/photos /b      # the folder becomes /b/photos")]
pub struct MoveArgs {
    pub source: String,
    /// Destination folder
    pub destination: String,
    /// The source is a folder
    #[arg(long)]
    pub folder: bool,
}

/// Copy a file or a folder
#[derive(Debug, Args)]
#[command(after_help = "\
Examples:
  imagekit cp /a/photo.jpg /b
  imagekit cp --folder /a/photos /b --versions")]
pub struct CopyArgs {
    pub source: String,
    /// Destination folder
    pub destination: String,
    /// The source is a folder
    #[arg(long)]
    pub folder: bool,
    /// Copy every version, not only the current one
    #[arg(long)]
    pub versions: bool,
}

/// Purge a URL from the CDN cache, or show a purge's status
#[derive(Debug, Args)]
#[command(after_help = "\
Examples:
  imagekit purge https://ik.imagekit.io/demo/a.jpg
  imagekit purge --status 6538a5a8a3b5")]
pub struct PurgeArgs {
    /// The URL to purge (a trailing * purges every URL starting with it)
    #[arg(required_unless_present = "status")]
    pub url: Option<String>,
    /// Show the status of this purge request instead
    #[arg(long, conflicts_with = "url")]
    pub status: Option<String>,
}

/// Client-side upload parameters (token, expire, signature) for a browser or app
#[derive(Debug, Args)]
#[command(after_help = "\
Examples:
  imagekit auth
  imagekit auth --expire $(( $(date +%s) + 600 ))")]
pub struct AuthArgs {
    /// Unix time the parameters expire (default: in 30 minutes)
    #[arg(long, default_value_t = 0)]
    pub expire: i64,
    /// The token (default: a new random UUID)
    #[arg(long)]
    pub token: Option<String>,
}

/// The upload-v2 JWT for a client-side upload of one file
#[derive(Debug, Args)]
#[command(after_help = "\
Examples:
  imagekit token --file-name a.jpg
  imagekit token --file-name a.jpg --param folder=/uploads --param useUniqueFileName=false --expire-seconds 600")]
pub struct TokenArgs {
    /// The upload's fileName
    #[arg(long)]
    pub file_name: String,
    /// Another upload parameter the token signs (name=value; repeatable)
    #[arg(long = "param")]
    pub params: Vec<String>,
    /// Seconds the token stays valid (at most 3600)
    #[arg(long, default_value_t = 3600)]
    pub expire_seconds: i64,
}

#[derive(Debug, Subcommand)]
pub enum WebhookCommand {
    Verify(WebhookVerifyArgs),
}

/// Verify a captured webhook request's signature and print its event
#[derive(Debug, Args)]
#[command(after_help = "\
Examples:
  imagekit webhook verify --secret whsec_... request.http    # a raw HTTP request as captured
  imagekit webhook verify --secret whsec_... --body body.json -H 'webhook-id: msg_1' \\
      -H 'webhook-timestamp: 1700000000' -H 'webhook-signature: v1,...'")]
pub struct WebhookVerifyArgs {
    /// The endpoint's signing secret
    #[arg(long, env = "IMAGEKIT_WEBHOOK_SECRET", hide_env_values = true)]
    pub secret: String,
    /// A captured raw HTTP request (request line, headers, blank line, body); - for stdin
    #[arg(conflicts_with = "body")]
    pub request: Option<PathBuf>,
    /// The request body (with -H headers), instead of a raw request; - for stdin
    #[arg(long)]
    pub body: Option<PathBuf>,
    /// A request header 'Name: value' (repeatable)
    #[arg(short = 'H', long = "header")]
    pub headers: Vec<String>,
    /// Seconds the timestamp may be off
    #[arg(long, default_value_t = 300)]
    pub tolerance: i64,
}

/// Account usage between two dates
#[derive(Debug, Args)]
#[command(after_help = "\
Examples:
  imagekit usage --start 2026-11-01 --end 2026-12-01")]
pub struct UsageArgs {
    /// First day (YYYY-MM-DD)
    #[arg(long)]
    pub start: String,
    /// Day after the last (YYYY-MM-DD)
    #[arg(long)]
    pub end: String,
}

/// Call any operation of the API by name (see --list)
#[derive(Debug, Args)]
#[command(after_help = "\
Examples:
  imagekit api --list
  imagekit api files.get 6538a5a8a3b5c3b5a3b5c3b5
  imagekit api folders.create -d '{\"folderName\":\"new\",\"parentFolderPath\":\"/\"}'
  imagekit api assets.list -d '{\"path\":\"/shop\"}' --all")]
pub struct ApiArgs {
    /// Operation name, as in the Python SDK (files.get, folders.create, ...)
    #[arg(required_unless_present = "list")]
    pub operation: Option<String>,
    /// Path ids, in order (fileId, versionId, ...)
    pub ids: Vec<String>,
    /// Parameters as a JSON object (query parameters or the body)
    #[arg(short = 'd', long = "data")]
    pub data: Option<String>,
    /// Every page of a list operation, as one array
    #[arg(long)]
    pub all: bool,
    /// List the operations
    #[arg(long)]
    pub list: bool,
}

/// Run a local ImageKit-compatible server for integration tests (no keys, no network)
#[derive(Debug, Args)]
#[command(after_help = "\
Examples:
  imagekit dev-server --port 8080
  imagekit dev-server --seed ./fixtures --seed-folder /fixtures
  imagekit dev-server --fault '{\"path\":\"/api/v1/files/upload\",\"status\":503,\"times\":2}'

Prints IMAGEKIT_API_BASE_URL, IMAGEKIT_UPLOAD_BASE_URL, IMAGEKIT_PRIVATE_KEY, IMAGEKIT_PUBLIC_KEY
and IMAGEKIT_URL_ENDPOINT lines (eval-able in a shell) once it listens, then serves until
interrupted. Control API: POST /__mock/faults, GET /__mock/requests, GET /__mock/files,
POST /__mock/reset (see the CLI README).")]
pub struct DevServerArgs {
    /// Port on 127.0.0.1 (0: any free port)
    #[arg(long, default_value_t = 0)]
    pub port: u16,
    /// Upload every file of this directory at start
    #[arg(long)]
    pub seed: Option<PathBuf>,
    /// Remote folder for the seed files
    #[arg(long, default_value = "/")]
    pub seed_folder: String,
    /// A fault to inject, as the control API's JSON (repeatable)
    #[arg(long)]
    pub fault: Vec<String>,
    /// Private key the server accepts
    #[arg(long = "server-private-key", default_value = "private_key_test")]
    pub server_private_key: String,
    /// Public key the server accepts
    #[arg(long = "server-public-key", default_value = "public_key_test")]
    pub server_public_key: String,
    /// Also serve HTTPS (with the test CA) on another port
    #[arg(long)]
    pub tls: bool,
    /// Print one line per request on stderr
    #[arg(long)]
    pub log: bool,
}
