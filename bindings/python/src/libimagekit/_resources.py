"""The hand-written parts of the resource tree: uploads (`files.upload`, `beta.v2.files.upload`),
which the operation table leaves out (multipart, streaming, progress)."""

from __future__ import annotations

from typing import Any, Dict, Mapping, Optional

from . import _ops_gen
from ._core import Core
from ._native import lib
from ._upload import FileInput, Progress, UploadEntries, upload

V1 = UploadEntries(lib.ik_files_upload, lib.ik_files_upload_bytes, lib.ik_files_upload_path)
V2 = UploadEntries(lib.ik_beta_v2_files_upload, lib.ik_beta_v2_files_upload_bytes, lib.ik_beta_v2_files_upload_path)

def upload_options(file_name: Any, options: Optional[Mapping[str, Any]]) -> Dict[str, Any]:
    if not file_name:
        raise TypeError("file_name is required")
    if not isinstance(file_name, str):
        raise TypeError(f"file_name must be a str, not {type(file_name).__name__}")
    if options is None:
        return {"fileName": file_name}
    if not isinstance(options, Mapping):
        raise TypeError(f"options must be a dict, not {type(options).__name__}")
    for key in ("file", "fileName", "file_name"):
        if key in options:
            raise ValueError(f"options must not contain {key!r}: pass it as an argument")
    return {"fileName": file_name, **options}


class Files(_ops_gen.Files):
    """`files` resources, with uploads."""

    def upload(self, *, file: FileInput, file_name: str, progress: Optional[Progress] = None, **options: Any) -> Any:
        """Uploads a file (upload API v1); returns the API's answer, raises on failure.
        Options are the upload API's fields in snake_case or camelCase (`tags`, `folder`, ...)."""
        return upload(self._core, V1, file, upload_options(file_name, options), progress)


class BetaV2Files:
    def __init__(self, core: Core) -> None:
        self._core = core

    def upload(self, *, file: FileInput, file_name: str, progress: Optional[Progress] = None, **options: Any) -> Any:
        """Uploads a file to upload API v2 (authenticated by the private key, or by a `token` from
        `imagekit.helper.create_upload_v2_token`)."""
        return upload(self._core, V2, file, upload_options(file_name, options), progress)


class BetaV2:
    def __init__(self, core: Core) -> None:
        self.files = BetaV2Files(core)


class Beta:
    def __init__(self, core: Core) -> None:
        self.v2 = BetaV2(core)
