"""Bulk uploads (`ik_bulk_upload`) and the sync plan (`ik_sync_plan`): many files at once over
one client's connection pool, resumable through a journal, and what uploading a local tree to a
remote folder would change. The journal, the walk and the plan are the Rust core's, as the
`imagekit` CLI uses them."""

from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, List, Mapping, Optional, Sequence, Union

from ._core import Core, c_str, take_json, to_json
from ._errors import ImageKitError, error_from_document
from ._native import ffi, lib
from ._relay import CallbackRelay

PathInput = Union[str, "os.PathLike[str]"]


@dataclass(frozen=True)
class BulkProgress:
    """The whole batch's progress: files finished of `files_total`, file bytes sent of
    `bytes_total`, and the `key` of the item the report is about."""

    files_done: int
    files_total: int
    bytes_sent: int
    bytes_total: int
    key: str


BulkProgressCallback = Callable[[BulkProgress], Optional[bool]]
"""`progress(p)`: called from the library's worker threads, one call at a time. Return `False`
(or raise) to cancel the batch; an exception raised in it is re-raised by `bulk_upload`."""

# The callback runs at most this often, plus whenever a file finishes.
PROGRESS_INTERVAL_S = 0.1


@dataclass(frozen=True)
class BulkItemResult:
    """How one item ended. `status` is `"uploaded"`, `"replaced"` (a new version),
    `"already_there"` (a file of that name and size was already stored: not sent again),
    `"unchanged"` (with a journal: confirmed by it, not sent), `"failed"` (`error` set; nothing
    known stored) or `"cancelled"`."""

    key: str
    status: str
    size: int
    file: Optional[Dict[str, Any]] = None
    error: Optional[ImageKitError] = None
    warning: Optional[str] = None

    @property
    def ok(self) -> bool:
        """The file is stored (by this batch or before it)."""
        return self.status in ("uploaded", "replaced", "already_there", "unchanged")


@dataclass(frozen=True)
class BulkSummary:
    uploaded: int = 0
    replaced: int = 0
    already_there: int = 0
    failed: int = 0
    cancelled: int = 0
    unchanged: int = 0
    was_cancelled: bool = False


@dataclass(frozen=True)
class BulkResult:
    """A result per item (in the order they finished) and the counts; `journal_error` names a
    journal that could not be written to (the uploads went on)."""

    results: List[BulkItemResult]
    summary: BulkSummary
    journal_error: Optional[str] = None

    @property
    def failed(self) -> List[BulkItemResult]:
        return [r for r in self.results if r.status == "failed"]


@dataclass(frozen=True)
class PlanFile:
    """A local file the plan would send (path relative to the local directory); for a
    replacement, `file_id` is the remote file that gets a new version."""

    path: str
    size: int
    file_id: Optional[str] = None


@dataclass(frozen=True)
class RemoteOnlyFile:
    """A remote file with no local counterpart (nothing here deletes it)."""

    file_path: str
    file_id: str
    size: int


@dataclass(frozen=True)
class UnreadableFile:
    path: str
    error: str


@dataclass(frozen=True)
class SyncPlan:
    """What uploading a local tree to a remote folder would change. `raw` is the library's plan
    document (the objects `imagekit sync --dry-run --json` prints are its `actions`)."""

    folder: str
    remote_folder_exists: bool
    upload: List[PlanFile] = field(default_factory=list)
    replace: List[PlanFile] = field(default_factory=list)
    remote_only: List[RemoteOnlyFile] = field(default_factory=list)
    unreadable: List[UnreadableFile] = field(default_factory=list)
    unchanged: int = 0
    raw: Dict[str, Any] = field(default_factory=dict)


def _path_text(value: Any, what: str) -> str:
    if isinstance(value, os.PathLike):
        value = os.fspath(value)
    if isinstance(value, bytes):
        raise TypeError(f"{what} must be a str or os.PathLike[str], not bytes")
    if not isinstance(value, str) or not value:
        raise TypeError(f"{what} must be a non-empty str or os.PathLike, not {type(value).__name__}")
    return value


def _globs(value: Union[None, str, Sequence[str]], what: str) -> Optional[List[str]]:
    if value is None:
        return None
    if isinstance(value, str):
        return [value]
    globs = list(value)
    for g in globs:
        if not isinstance(g, str):
            raise TypeError(f"{what} must be a str or a list of str, not a list holding {type(g).__name__}")
    return globs


def _item(index: int, item: Any) -> Dict[str, Any]:
    """One item without a journal: `{"file": Path | URL str, "file_name", "options", "key",
    "replace_file_id"}`; a Path is a local file (streamed), a str a URL or base64 text."""
    if not isinstance(item, Mapping):
        raise TypeError(f"items[{index}] must be a dict, not {type(item).__name__}")
    known = {"file", "file_name", "options", "key", "replace_file_id"}
    unknown = sorted(set(item) - known)
    if unknown:
        raise ValueError(f"items[{index}] has an unknown key {unknown[0]!r} (known: {', '.join(sorted(known))})")
    file = item.get("file")
    options = dict(item.get("options") or {})
    if item.get("file_name") is not None:
        options["fileName"] = item["file_name"]
    out: Dict[str, Any] = {"options": options}
    if isinstance(file, os.PathLike):
        out["path"] = _path_text(file, f"items[{index}]['file']")
    elif isinstance(file, str) and file:
        out["file"] = file
    else:
        raise TypeError(f"items[{index}]['file'] must be a pathlib.Path (a local file) or a URL / base64 str")
    for key, name in (("key", "key"), ("replace_file_id", "replaceFileId")):
        if item.get(key) is not None:
            out[name] = item[key]
    return out


class _BulkRelay(CallbackRelay):
    """Relays the library's batch progress (from its worker threads, one call at a time) to a
    Python callable at a bounded rate; `False` or an exception cancels the batch."""

    def __init__(self, callback: Optional[BulkProgressCallback]) -> None:
        self._last = 0.0
        self._last_done = -1
        self._lock = threading.Lock()
        super().__init__(callback, "ik_bulk_progress_callback")

    def _on_progress(self, _userdata: Any, done: int, total: int, sent: int, bytes_total: int, key: Any) -> int:
        with self._lock:
            if self.error is not None:
                return 1
            now = time.monotonic()
            if done == self._last_done and now - self._last < PROGRESS_INTERVAL_S:
                return 0
            self._last, self._last_done = now, done
            name = ffi.string(key).decode("utf-8", "replace") if key != ffi.NULL else ""
            return self.deliver(BulkProgress(done, total, sent, bytes_total, name))


def _decode_result(doc: Dict[str, Any]) -> BulkResult:
    results = []
    for r in doc.get("results", []):
        error = None
        if isinstance(r.get("error"), dict):
            e = r["error"]
            error = error_from_document(int(e.get("code", 0)), to_json(e, "error").decode())
        results.append(
            BulkItemResult(
                key=r.get("key", ""),
                status=r.get("status", ""),
                size=int(r.get("size", 0)),
                file=r.get("file"),
                error=error,
                warning=r.get("warning"),
            )
        )
    s = doc.get("summary", {})
    summary = BulkSummary(
        uploaded=s.get("uploaded", 0),
        replaced=s.get("replaced", 0),
        already_there=s.get("alreadyThere", 0),
        failed=s.get("failed", 0),
        cancelled=s.get("cancelled", 0),
        unchanged=s.get("unchanged", 0),
        was_cancelled=bool(s.get("wasCancelled", False)),
    )
    return BulkResult(results=results, summary=summary, journal_error=doc.get("journalError"))


def bulk_upload(
    core: Core,
    items: Optional[Sequence[Any]],
    *,
    concurrency: Optional[int],
    progress: Optional[BulkProgressCallback],
    journal: Optional[PathInput],
    root: Optional[PathInput],
    folder: Optional[str],
    include: Union[None, str, Sequence[str]],
    exclude: Union[None, str, Sequence[str]],
    hash_field: Optional[str],
    upload_options: Optional[Mapping[str, Any]],
) -> BulkResult:
    options: Dict[str, Any] = {}
    if concurrency is not None:
        options["concurrency"] = concurrency
    if journal is not None:
        options["journal"] = _path_text(journal, "journal")
        if root is None:
            raise TypeError("root (the local directory the journal's paths are relative to) is required with journal")
        options["root"] = _path_text(root, "root")
        if folder is not None:
            options["folder"] = folder
        for name, value in (("include", _globs(include, "include")), ("exclude", _globs(exclude, "exclude"))):
            if value:
                options[name] = value
        if hash_field is not None:
            options["hashField"] = hash_field
        if upload_options:
            options["uploadOptions"] = dict(upload_options)
        items_json = (
            ffi.NULL
            if items is None
            else to_json([_path_text(p, f"items[{i}]") for i, p in enumerate(items)], "items")
        )
    else:
        given = [n for n, v in (("root", root), ("folder", folder), ("include", include), ("exclude", exclude),
                                ("hash_field", hash_field), ("upload_options", upload_options)) if v is not None]
        if given:
            raise TypeError(f"{given[0]} goes with journal (a resumable upload of a local tree)")
        if items is None:
            raise TypeError("items is required without a journal")
        items_json = to_json([_item(i, it) for i, it in enumerate(items)], "items")
    relay = _BulkRelay(progress)
    out = ffi.new("char **")
    client = core.enter()
    try:
        status = lib.ik_bulk_upload(client, items_json, to_json(options, "bulk options"), relay.c_callback, ffi.NULL, out)
    finally:
        core.leave()
    doc = take_json(status, out)
    if relay.error is not None:
        raise relay.error
    return _decode_result(doc)


def sync_plan(
    core: Core,
    local_dir: PathInput,
    remote_folder: str,
    *,
    journal: Optional[PathInput],
    hash_field: Optional[str],
    include: Union[None, str, Sequence[str]],
    exclude: Union[None, str, Sequence[str]],
) -> SyncPlan:
    options: Dict[str, Any] = {}
    if journal is not None:
        options["journal"] = _path_text(journal, "journal")
    if hash_field is not None:
        options["hashField"] = hash_field
    for name, value in (("include", _globs(include, "include")), ("exclude", _globs(exclude, "exclude"))):
        if value:
            options[name] = value
    doc = core.json(
        lib.ik_sync_plan,
        c_str(_path_text(local_dir, "local_dir"), "local_dir"),
        c_str(remote_folder, "remote_folder"),
        to_json(options, "sync plan options"),
    )
    plan = SyncPlan(
        folder=doc.get("folder", ""),
        remote_folder_exists=bool(doc.get("remoteFolderExists")),
        unchanged=int(doc.get("summary", {}).get("unchanged", 0)),
        raw=doc,
    )
    for a in doc.get("actions", []):
        action = a.get("action")
        if action == "upload":
            plan.upload.append(PlanFile(a["path"], int(a.get("size", 0))))
        elif action == "replace":
            plan.replace.append(PlanFile(a["path"], int(a.get("size", 0)), a.get("fileId")))
        elif action == "remote-only":
            plan.remote_only.append(RemoteOnlyFile(a["path"], a.get("fileId", ""), int(a.get("size", 0))))
        elif action == "unreadable":
            plan.unreadable.append(UnreadableFile(a["path"], a.get("error", "")))
    return plan
