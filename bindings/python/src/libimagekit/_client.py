"""`ImageKit`: the imagekitio 2.x interface (the original README's) on libimagekit, plus the
newest SDK's resource tree (`imagekit.files.versions.list(...)`, generated from the operation
table) and its helpers."""

from __future__ import annotations

from typing import Any, Dict, Mapping, Optional, Sequence, Union

from . import _bulk, _ops_gen
from ._bulk import BulkProgressCallback, BulkResult, PathInput, SyncPlan
from ._core import Core
from ._helpers import Helper, Webhooks
from ._legacy import Legacy2x, Result
from ._resources import Beta, Files


class ImageKit(Legacy2x, _ops_gen.Resources):
    """An ImageKit client.

    `ImageKit(public_key=..., private_key=..., url_endpoint=...)` as in imagekitio 2.x (same
    positional order), plus the library's client settings as keyword arguments: `api_base_url`,
    `upload_base_url`, `connect_timeout_ms`, `timeout_ms`, `max_retries`,
    `retry_initial_delay_ms`, `retry_max_delay_ms`, `ca_pem`, `ca_file`, `proxy`, `user_agent`;
    and `webhook_secret` for `webhooks.unwrap`. `options` (a dict) may hold the same settings.

    One client may be shared by any number of threads. `close()` (or a `with` block) releases it.
    """

    files: Files

    def __init__(
        self,
        public_key: Optional[str] = None,
        private_key: Optional[str] = None,
        url_endpoint: Optional[str] = None,
        transformation_position: Optional[str] = None,
        options: Optional[Mapping[str, Any]] = None,
        **settings: Any,
    ) -> None:
        if not (private_key and public_key and url_endpoint):
            raise ValueError("private_key, public_key and url_endpoint are required")
        if options is not None and not isinstance(options, Mapping):
            raise TypeError(f"options must be a dict, not {type(options).__name__}")
        config: Dict[str, Any] = {**(options or {}), **settings}
        webhook_secret = config.pop("webhook_secret", None)
        config.update(private_key=private_key, public_key=public_key, url_endpoint=url_endpoint)
        if transformation_position is not None:
            config["transformation_position"] = transformation_position
        self._core = Core(config)
        super().__init__(self._core)
        self.files = Files(self._core)
        self.beta = Beta(self._core)
        self.helper = Helper(self._core)
        self.webhooks = Webhooks(webhook_secret)

    # --- bulk transfers ------------------------------------------------------------------------

    def bulk_upload(
        self,
        items: Optional[Sequence[Any]] = None,
        *,
        concurrency: Optional[int] = None,
        progress: Optional[BulkProgressCallback] = None,
        journal: Optional[PathInput] = None,
        root: Optional[PathInput] = None,
        folder: Optional[str] = None,
        include: Union[None, str, Sequence[str]] = None,
        exclude: Union[None, str, Sequence[str]] = None,
        hash_field: Optional[str] = None,
        upload_options: Optional[Mapping[str, Any]] = None,
    ) -> BulkResult:
        """Uploads many files at once (`concurrency` in flight, default 8) over the client's
        connection pool; a retry never stores a file twice. Returns a result per item; items that
        failed are in the results (`result.failed`), not raised.

        Without a journal, `items` are dicts: `{"file": Path("a.jpg") or "https://…",
        "file_name": "a.jpg", "options": {"folder": "/shop", "tags": [...]}, "key": …,
        "replace_file_id": …}` (a `Path` is a local file, streamed; a `str` a URL or base64 text).

        With `journal` (a file, created when missing) and `root` (a local directory) the batch is
        a resumable upload of that tree: each file goes to `folder` (default `/`) + its path under
        `root`, each confirmed upload is recorded, and a re-run sends only what the journal does
        not confirm (a changed file becomes a new version). `items` is then None (every file
        under `root`, filtered by `include` / `exclude` globs) or a list of paths under `root`;
        `upload_options` (e.g. `{"tags": [...]}`) go with every file. A corrupt or foreign
        journal, or one of another folder, raises `InvalidArgumentError` and is left untouched.

        `progress(p: BulkProgress)` is called from the library's threads; returning `False`
        cancels the batch (`summary.was_cancelled`), an exception in it cancels and is re-raised."""
        return _bulk.bulk_upload(
            self._core, items, concurrency=concurrency, progress=progress, journal=journal, root=root,
            folder=folder, include=include, exclude=exclude, hash_field=hash_field,
            upload_options=upload_options,
        )

    def sync_plan(
        self,
        local_dir: PathInput,
        remote_folder: str,
        *,
        journal: Optional[PathInput] = None,
        hash_field: Optional[str] = None,
        include: Union[None, str, Sequence[str]] = None,
        exclude: Union[None, str, Sequence[str]] = None,
    ) -> SyncPlan:
        """What uploading `local_dir` to `remote_folder` would change, without changing anything
        (on the server or in the journal): files to upload, to replace, unchanged (by the
        journal, by name and size, or by a content hash kept in the custom metadata field
        `hash_field`) and remote-only. The same plan `imagekit sync --dry-run` shows."""
        return _bulk.sync_plan(self._core, local_dir, remote_folder, journal=journal, hash_field=hash_field,
                               include=include, exclude=exclude)

    # --- lifetime ------------------------------------------------------------------------------

    def close(self) -> None:
        """Releases the client (its connection pool). Calls in flight finish first; later calls
        raise `ClosedClientError`. Closing twice is harmless."""
        self._core.close()

    @property
    def closed(self) -> bool:
        return self._core.closed

    def __enter__(self) -> "ImageKit":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


__all__ = ["ImageKit", "Result"]
