"""Uploads: picks the library's entry point for what `file` is, and runs the progress callback.

- `str`: a URL ImageKit fetches, or base64 / data-URI text (as imagekitio 2.x sent it);
- `bytes`, `bytearray`, `memoryview`, `io.BytesIO`: sent from where they are, not copied;
- `pathlib.Path` (any `os.PathLike`) and a binary file opened on a regular file: streamed from
  disk in chunks by the library, never read whole (a file object is sent from its start);
- any other binary file-like object: read into memory first (the library has no streaming entry
  for arbitrary Python readers).
"""

from __future__ import annotations

import io
import os
import stat
import sys
import time
from typing import Any, BinaryIO, Callable, Dict, Optional, Union

from ._core import Core, take_json, to_json
from ._errors import UploadCancelledError
from ._native import ffi
from ._relay import CallbackRelay

Progress = Callable[[int, int], Optional[bool]]
"""`progress(sent, total)`: bytes of the request body sent so far out of the whole. Return
`False` (or raise) to cancel the upload; an exception raised in it is re-raised by the upload."""

FileInput = Union[str, bytes, bytearray, memoryview, "os.PathLike[str]", BinaryIO]

# The callback runs at most this often (plus the first and the last report).
PROGRESS_INTERVAL_S = 0.1


class _ProgressRelay(CallbackRelay):
    """Relays the library's progress reports to a Python callable at a bounded rate, on the
    uploading thread, turning `False` or an exception into a cancellation."""

    def __init__(self, callback: Optional[Progress]) -> None:
        self._last = 0.0
        super().__init__(callback, "ik_progress_callback")

    def _on_progress(self, _userdata: Any, sent: int, total: int) -> int:
        now = time.monotonic()
        if sent != 0 and sent != total and now - self._last < PROGRESS_INTERVAL_S:
            return 0
        self._last = now
        return self.deliver(sent, total)

    def finish(self, status: int, out: Any) -> Any:
        try:
            return take_json(status, out)
        except UploadCancelledError as e:
            if self.error is not None:
                raise self.error from e
            raise


class UploadEntries:
    """The three C functions of one upload API: from text, from memory, from a path."""

    def __init__(self, text: Callable[..., int], data: Callable[..., int], path: Callable[..., int]) -> None:
        self.text, self.data, self.path = text, data, path


def _fd_path(fd: int) -> str:
    return f"/proc/self/fd/{fd}" if sys.platform.startswith("linux") else f"/dev/fd/{fd}"


def _regular_file_fd(obj: Any) -> Optional[int]:
    try:
        fd = obj.fileno()
        return fd if isinstance(fd, int) and stat.S_ISREG(os.fstat(fd).st_mode) else None
    except (AttributeError, OSError, ValueError, io.UnsupportedOperation):
        return None


def upload(core: Core, entries: UploadEntries, file: Any, options: Dict[str, Any], progress: Optional[Progress]) -> Any:
    """Uploads `file` with `options` (which already holds `fileName`); returns the API's answer."""
    relay = _ProgressRelay(progress)
    out = ffi.new("char **")
    if isinstance(file, str):
        if not file:
            raise TypeError("file must not be empty")
        return _call(core, relay, out, entries.text, to_json({**options, "file": file}, "upload options"))
    options_json = to_json(options, "upload options")
    if isinstance(file, os.PathLike):
        return _call_path(core, relay, out, entries.path, os.fspath(file), options_json)
    if isinstance(file, (bytes, bytearray, memoryview)):
        return _call_data(core, relay, out, entries.data, file, options_json)
    if isinstance(file, io.TextIOBase):
        raise TypeError("file is a text stream: open the file in binary mode ('rb')")
    if isinstance(file, io.BytesIO):
        with file.getbuffer() as view:
            return _call_data(core, relay, out, entries.data, view, options_json)
    if getattr(file, "closed", False) is True:
        raise ValueError("file is closed")
    fd = _regular_file_fd(file)
    if fd is not None:
        return _call_path(core, relay, out, entries.path, _fd_path(fd), options_json)
    read = getattr(file, "read", None)
    if callable(read):
        data = read()
        if not isinstance(data, (bytes, bytearray)):
            raise TypeError(f"file.read() returned {type(data).__name__}, not bytes: open the file in binary mode")
        return _call_data(core, relay, out, entries.data, data, options_json)
    if file is None:
        raise TypeError("file is required: a URL or base64 str, bytes, a pathlib.Path or a binary file")
    raise TypeError(
        f"file must be a URL or base64 str, bytes, a pathlib.Path or a binary file, not {type(file).__name__}"
    )


def _call(core: Core, relay: _ProgressRelay, out: Any, fn: Callable[..., int], *args: Any) -> Any:
    client = core.enter()
    try:
        status = fn(client, *args, relay.c_callback, ffi.NULL, out)
    finally:
        core.leave()
    return relay.finish(status, out)


def _call_path(core: Core, relay: _ProgressRelay, out: Any, fn: Callable[..., int], path: Any, options_json: bytes) -> Any:
    if isinstance(path, bytes):
        raw = path
    else:
        try:
            raw = path.encode("utf-8")
        except UnicodeEncodeError:
            raise ValueError("the file's path is not valid UTF-8") from None
    if b"\0" in raw:
        raise ValueError("the file's path must not contain a NUL character")
    return _call(core, relay, out, fn, raw, options_json)


def _call_data(core: Core, relay: _ProgressRelay, out: Any, fn: Callable[..., int], data: Any, options_json: bytes) -> Any:
    try:
        buf = ffi.from_buffer(data)
    except (TypeError, ValueError, BufferError) as e:
        raise TypeError(f"file: a contiguous bytes-like object is needed ({e})") from None
    return _call(core, relay, out, fn, buf, len(buf), options_json)


__all__ = ["FileInput", "Progress", "UploadEntries", "upload"]
