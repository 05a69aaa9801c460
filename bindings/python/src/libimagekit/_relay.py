"""Calling a Python progress callback from one of the library's C callbacks: a return of `False`
or an exception cancels (the exception is kept, for the call to re-raise), and nothing ever
raises into C."""

from __future__ import annotations

from typing import Any, Callable, Optional

from ._native import ffi


class CallbackRelay:
    """The C callback of type `cdecl` for `callback` (NULL when there is none). Subclasses turn
    the C arguments into the callback's in `_on_progress` and hand them to `deliver`."""

    def __init__(self, callback: Optional[Callable[..., Any]], cdecl: str) -> None:
        self.callback = callback
        self.error: Optional[BaseException] = None
        self.c_callback: Any = ffi.NULL
        if callback is not None:
            if not callable(callback):
                raise TypeError(f"progress must be callable, not {type(callback).__name__}")
            self.c_callback = ffi.callback(cdecl, self._on_progress, onerror=self._on_error)

    def _on_progress(self, *args: Any) -> int:
        raise NotImplementedError

    def deliver(self, *args: Any) -> int:
        """Calls the callback with `args`: 0 goes on, 1 cancels."""
        assert self.callback is not None
        try:
            if self.callback(*args) is False:
                return 1
        except BaseException as e:  # re-raised by the call, never into C
            self.error = e
            return 1
        return 0

    def _on_error(self, exc_type: Any, exc: Optional[BaseException], _tb: Any) -> int:
        # Only reached if the relay itself failed; cancel and report it.
        self.error = exc
        return 1
