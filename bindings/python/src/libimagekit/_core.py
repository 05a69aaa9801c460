"""The one place that talks to the C library: the client handle, argument encoding, result decoding.

Every call goes through `Core`: it encodes arguments (UTF-8, JSON), calls the `ik_*` function (cffi
releases the GIL for the duration of the call, so other threads run during network I/O), then copies
and frees the out string and turns a failure into an exception.
"""

from __future__ import annotations

import json
import threading
from typing import Any, Callable, Optional, Tuple

from ._errors import ClosedClientError, error_from_document
from ._native import ffi, lib

def _not_serializable(value: Any) -> Any:
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def _make_encoder() -> Callable[[Any], str]:
    """`json.dumps` with the settings every call uses (NaN/Infinity are not JSON, so they are
    refused with a clear message), without the per-call set-up `json.dumps` does: the C encoder
    is made once and called directly, which is most of `url()`'s cost. No circularity markers
    (so no shared state between threads): a circular structure ends in RecursionError."""
    try:
        from json.encoder import c_make_encoder, encode_basestring  # type: ignore[attr-defined]

        encoder = c_make_encoder(None, _not_serializable, encode_basestring, None, ":", ",", False, False, False)
        join = "".join
        if join(encoder({"a": [1, True, None, "\u00e9"]}, 0)) == '{"a":[1,true,null,"\u00e9"]}':
            return lambda value: join(encoder(value, 0))
    except (ImportError, TypeError):
        pass
    return json.JSONEncoder(ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode


_encode_json = _make_encoder()


def to_json(value: Any, what: str) -> bytes:
    """`value` as UTF-8 JSON text; a value JSON cannot carry is a TypeError/ValueError naming `what`."""
    try:
        return _encode_json(value).encode()
    except TypeError as e:
        raise TypeError(f"{what}: {e}") from None
    except RecursionError:
        raise ValueError(f"{what}: circular reference (or nested too deeply)") from None
    except ValueError as e:
        raise ValueError(f"{what}: {e}") from None


def c_str(value: Any, what: str) -> bytes:
    """A C string argument: a `str` without NUL characters, as UTF-8."""
    if not isinstance(value, str):
        raise TypeError(f"{what} must be a str, not {type(value).__name__}")
    if "\0" in value:
        raise ValueError(f"{what} must not contain a NUL character")
    try:
        return value.encode("utf-8")
    except UnicodeEncodeError as e:
        raise ValueError(f"{what} is not valid Unicode text: {e.reason}") from None


def take_text(status: int, out: Any) -> str:
    """Copies and frees `*out`; returns it on success, raises the error it describes otherwise."""
    ptr = out[0]
    if ptr == ffi.NULL:
        text = ""
    else:
        try:
            text = ffi.string(ptr).decode("utf-8", "replace")
        finally:
            lib.ik_string_free(ptr)
    if status:
        raise error_from_document(status, text)
    return text


def take_json(status: int, out: Any) -> Any:
    return json.loads(take_text(status, out))


class Core:
    """Owns one `ik_client*` and frees it only once no call is using it (the C library forbids
    freeing a client another thread is in).

    Every call registers itself in `_inflight` before it reads `_closed`, and `close()` sets
    `_closed` before it looks at `_inflight`; list appends and pops are atomic, so either the
    call sees the client closed (and fails) or `close()` sees the call (and leaves the freeing
    to the last call out). This costs far less per call than a lock, which matters for `url()`.
    """

    __slots__ = ("_ptr", "_inflight", "_closed", "_free_lock", "__weakref__")

    def __init__(self, config: dict[str, Any]) -> None:
        self._inflight: list[None] = []
        self._closed = False
        self._free_lock = threading.Lock()
        self._ptr: Any = None
        out_client = ffi.new("ik_client **")
        out_error = ffi.new("char **")
        status = lib.ik_client_new(to_json(config, "client settings"), out_client, out_error)
        take_text(status, out_error)
        self._ptr = out_client[0]

    def enter(self) -> Any:
        self._inflight.append(None)
        if self._closed:
            self.leave()
            raise ClosedClientError("this ImageKit client is closed")
        return self._ptr

    def leave(self) -> None:
        self._inflight.pop()
        if self._closed and not self._inflight:
            self._free()

    def close(self) -> None:
        self._closed = True
        if not self._inflight:
            self._free()

    @property
    def closed(self) -> bool:
        return self._closed

    def _free(self) -> None:
        with self._free_lock:
            ptr, self._ptr = self._ptr, None
        if ptr is not None:
            lib.ik_client_free(ptr)

    def __del__(self) -> None:
        # Not reached while a call runs: the call holds a reference to this object.
        if getattr(self, "_ptr", None) is not None:
            self._closed = True
            self._free()

    # --- calls -------------------------------------------------------------------------------

    def text(self, fn: Callable[..., int], *args: Any) -> str:
        """`fn(client, *args, &out)` → the out string (plain text or JSON), or an exception."""
        out = ffi.new("char **")
        client = self.enter()
        try:
            status = fn(client, *args, out)
        finally:
            self.leave()
        return take_text(status, out)

    def json(self, fn: Callable[..., int], *args: Any) -> Any:
        return json.loads(self.text(fn, *args))

    def op(self, fn: Callable[..., int], ids: Tuple[Tuple[str, Any], ...], params: Optional[Any], takes_params: bool) -> Any:
        """A table operation: `fn(client, id..., [params_json,] &out)`; `ids` are (name, value) pairs."""
        args = [c_str(value, name) for name, value in ids]
        if takes_params:
            args.append(ffi.NULL if params is None else to_json(params, "parameters"))
        return self.json(fn, *args)
