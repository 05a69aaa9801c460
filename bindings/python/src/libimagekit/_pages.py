"""Paged lists as Python iterators over the library's page walker (`ik_*_each`).

The walker runs in a worker thread and hands each page over through a one-slot queue, so a page
is fetched only when the loop asks for it and leaving the loop early stops the walk after the
page in hand. The walker's own rules (start at `skip`, page size `limit`, stop at a short page)
stay in the library.
"""

from __future__ import annotations

import json
import queue
import threading
from typing import Any, Callable, Iterator, List, Optional

from ._core import Core, take_text, to_json
from ._native import ffi

_DONE = object()


def walk_pages(core: Core, each: Callable[..., int], params: Optional[Any]) -> Iterator[List[Any]]:
    params_json = ffi.NULL if params is None else to_json(params, "parameters")
    return _walk(core, each, params_json)


def _walk(core: Core, each: Callable[..., int], params_json: Any) -> Iterator[List[Any]]:
    pages: "queue.Queue[Any]" = queue.Queue(maxsize=1)
    wanted = threading.Event()
    stop = threading.Event()

    def deliver(_userdata: Any, page_json: Any) -> int:
        pages.put(json.loads(ffi.string(page_json).decode("utf-8")))
        wanted.wait()
        wanted.clear()
        return 1 if stop.is_set() else 0

    # A failure inside `deliver` (not expected) stops the walk instead of reaching C.
    on_page = ffi.callback("ik_page_callback", deliver, onerror=lambda *_: 1)

    def run() -> None:
        out = ffi.new("char **")
        try:
            client = core.enter()
        except BaseException as e:  # closed client: report it to the loop
            pages.put(e)
            return
        try:
            status = each(client, params_json, on_page, ffi.NULL, out)
        finally:
            core.leave()
        try:
            take_text(status, out)
            pages.put(_DONE)
        except BaseException as e:
            pages.put(e)

    worker = threading.Thread(target=run, name="libimagekit-pages", daemon=True)
    worker.start()
    try:
        while True:
            item = pages.get()
            if item is _DONE:
                return
            if isinstance(item, BaseException):
                raise item
            yield item
            wanted.set()
    finally:
        stop.set()
        wanted.set()
        # Drain whatever the walker still hands over until it returns.
        while worker.is_alive():
            try:
                pages.get(timeout=0.05)
            except queue.Empty:
                pass
            wanted.set()
        worker.join()


def all_items(core: Core, walk_all: Callable[..., int], params: Optional[Any], max_items: int) -> List[Any]:
    if not isinstance(max_items, int) or isinstance(max_items, bool) or max_items < 0:
        raise ValueError(f"max_items must be a non-negative int, not {max_items!r}")
    params_json = ffi.NULL if params is None else to_json(params, "parameters")
    result: List[Any] = core.json(walk_all, params_json, max_items)
    return result

