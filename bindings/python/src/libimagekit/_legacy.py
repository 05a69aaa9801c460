"""imagekitio 2.x's interface (the original README's): `url`, `upload`, `list_files`, ... with
2.x's `{"error": ..., "response": ...}` results. Mixed into `ImageKit`."""

from __future__ import annotations

import re
from typing import Any, Callable, Dict, Mapping, Optional, Sequence

from ._core import Core, _encode_json, c_str, to_json
from ._errors import APIStatusError, ClosedClientError, error_from_document
from ._helpers import authentication_parameters, phash_distance
from ._native import ffi, lib
from ._resources import V1, upload_options
from ._upload import FileInput, Progress, upload

Result = Dict[str, Any]
"""imagekitio 2.x's result: `{"error": None, "response": <the API's JSON>}` or
`{"error": <the API's error JSON + status, http_status, request_id>, "response": None}`."""

# Bound once for url()'s hot path.
_ik_url = lib.ik_url
_string = ffi.string
_string_free = lib.ik_string_free
_new = ffi.new
_CHAR_PP = ffi.typeof("char **")

class Legacy2x:
    """The 2.x methods; `_core` is the client's."""

    _core: Core

    # --- imagekitio 2.x: URLs and utilities ----------------------------------------------------

    def url(self, options: Dict[str, Any]) -> str:
        """A URL exactly as imagekitio 2.x builds it (`path` or `src`, `url_endpoint`,
        `transformation`, `transformation_position`, `query_parameters`, `signed`,
        `expire_seconds`)."""
        # The hot path, inlined (Core.enter/leave, to_json): one JSON pass over the options, one
        # C call, one copy out. This is what makes url() several times faster than imagekitio.
        if type(options) is not dict:
            if not isinstance(options, Mapping):
                raise TypeError(f"url() takes a dict of options, not {type(options).__name__}")
            options = dict(options)
        try:
            data = _encode_json(options).encode()
        except (TypeError, ValueError, RecursionError):
            data = to_json(options, "url options")  # raises, naming the argument
        out = _new(_CHAR_PP)
        core = self._core
        inflight = core._inflight
        inflight.append(None)
        try:
            if core._closed:
                raise ClosedClientError("this ImageKit client is closed")
            status = _ik_url(core._ptr, data, out)
        finally:
            inflight.pop()
            if core._closed and not inflight:
                core._free()
        ptr = out[0]
        text = _string(ptr)
        _string_free(ptr)
        if status:
            raise error_from_document(status, text.decode("utf-8", "replace"))
        return text.decode()  # type: ignore[no-any-return]

    def get_authentication_parameters(self, token: str = "", expire: int = 0) -> Dict[str, Any]:
        """`{"token", "expire", "signature"}` for a client-side upload; a new token and now + 30
        minutes when not given."""
        return authentication_parameters(self._core, token, expire)

    @staticmethod
    def phash_distance(first: str, second: str) -> int:
        return phash_distance(first, second)

    # --- imagekitio 2.x: uploads and file management -------------------------------------------

    def upload(
        self,
        file: Optional[FileInput] = None,
        file_name: Optional[str] = None,
        options: Optional[Mapping[str, Any]] = None,
        *,
        progress: Optional[Progress] = None,
    ) -> Result:
        """Uploads `file`: a `str` is a URL or base64 text; bytes, a `pathlib.Path` or a binary
        file are sent as the file (a path or an open file streamed from disk)."""
        if file is None or (isinstance(file, (str, bytes, bytearray)) and not file):
            raise TypeError("Missing file parameter for upload")
        opts = upload_options(file_name, options)
        return _result(lambda: upload(self._core, V1, file, opts, progress))

    upload_file = upload

    def list_files(self, options: Optional[Mapping[str, Any]] = None) -> Result:
        """Lists and searches files (`path`, `fileType`, `tags`, `includeFolder`, `name`,
        `searchQuery`, `type`, `sort`, `limit`, `skip`; snake_case or camelCase)."""
        params = _list_options(options)
        return _result(lambda: self._core.json(lib.ik_assets_list, params))

    def get_file_details(self, file_id: Optional[str] = None) -> Result:
        return _result(lambda: self._core.json(lib.ik_files_get, _file_id(file_id)))

    def get_metadata(self, file_id: Optional[str] = None) -> Result:
        return _result(lambda: self._core.json(lib.ik_files_metadata_get, _file_id(file_id)))

    get_file_metadata = get_metadata

    def get_remote_url_metadata(self, remote_file_url: Optional[str] = None) -> Result:
        if not remote_file_url:
            raise ValueError("You must provide remote url")
        query = _url_param(remote_file_url, "remote_file_url")
        return _result(lambda: self._core.json(lib.ik_files_metadata_get_from_url, query))

    get_remote_file_url_metadata = get_remote_url_metadata

    def update_file_details(self, file_id: Optional[str] = None, options: Optional[Mapping[str, Any]] = None) -> Result:
        """Updates `tags`, `custom_coordinates`, `custom_metadata`, `extensions`, ... of a file."""
        fid = _file_id(file_id)
        if options is None:
            raise TypeError("update_file_details needs the fields to update")
        if not isinstance(options, Mapping):
            raise TypeError(f"options must be a dict, not {type(options).__name__}")
        body = to_json(options, "update options")
        return _result(lambda: self._core.json(lib.ik_files_update, fid, body))

    def delete_file(self, file_id: Optional[str] = None) -> Result:
        fid = _file_id(file_id)

        def call() -> None:
            self._core.json(lib.ik_files_delete, fid)

        return _result(call)

    def bulk_delete(self, file_ids: Optional[Sequence[str]] = None) -> Result:
        if not file_ids:
            raise ValueError("Need to pass ids in list")
        if isinstance(file_ids, str) or not isinstance(file_ids, Sequence):
            raise TypeError(f"file_ids must be a list of str, not {type(file_ids).__name__}")
        body = to_json({"fileIds": list(file_ids)}, "file_ids")
        return _result(lambda: self._core.json(lib.ik_files_bulk_delete, body))

    bulk_file_delete = bulk_delete

    def purge_cache(self, file_url: Optional[str] = None) -> Result:
        if not file_url:
            raise TypeError("Missing file_url parameter")
        body = _url_param(file_url, "file_url")
        return _snake_result(_result(lambda: self._core.json(lib.ik_cache_invalidation_create, body)))

    def get_purge_cache_status(self, purge_cache_id: Optional[str] = None) -> Result:
        if not purge_cache_id:
            raise TypeError("Missing purge_cache_id parameter")
        rid = c_str(purge_cache_id, "purge_cache_id")
        return _snake_result(_result(lambda: self._core.json(lib.ik_cache_invalidation_get, rid)))


def _file_id(file_id: Any) -> bytes:
    if not file_id:
        raise TypeError("Missing file_id parameter")
    return c_str(file_id, "file_id")


def _url_param(url: Any, what: str) -> bytes:
    """`{"url": url}`, the parameters of the operations that take a file's URL."""
    if not isinstance(url, str):
        raise TypeError(f"{what} must be a str, not {type(url).__name__}")
    return to_json({"url": url}, what)


def _list_options(options: Any) -> Any:
    if options is None:
        return ffi.NULL
    if not isinstance(options, Mapping):
        raise TypeError(f"list_files options must be a dict, not {type(options).__name__}")
    params = dict(options)
    # 2.x sent `name` as a query parameter the API has since replaced with searchQuery.
    if "name" in params:
        name = params.pop("name")
        if "searchQuery" in params or "search_query" in params:
            raise ValueError("list_files: give either name or searchQuery, not both")
        if not isinstance(name, str):
            raise TypeError(f"list_files: name must be a str, not {type(name).__name__}")
        params["searchQuery"] = f"name = {to_json(name, 'name').decode()}"
    return to_json(params, "list_files options")


def _result(call: Callable[[], Any]) -> Result:
    try:
        response = call()
    except APIStatusError as e:
        return {"error": _error_body(e), "response": None}
    return {"error": None, "response": response}


def _error_body(e: APIStatusError) -> Dict[str, Any]:
    body = dict(e.body) if isinstance(e.body, dict) else {"message": e.document.get("message")}
    for key in ("help", "reason"):
        if key not in body and e.document.get(key) is not None:
            body[key] = e.document[key]
    body["status"] = e.status
    body["http_status"] = e.http_status
    body["request_id"] = e.request_id
    return body


def _snake_result(result: Result) -> Result:
    # imagekitio 2.x snake-cased the top-level keys of the purge answers (request_id, status).
    for key in ("error", "response"):
        value = result[key]
        if isinstance(value, dict):
            result[key] = {_snake(k): v for k, v in value.items()}
    return result


def _snake(name: str) -> str:
    return re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name).lower()
