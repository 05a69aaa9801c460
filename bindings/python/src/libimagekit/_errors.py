"""Exceptions. Every failed call raises one `ImageKitError` subclass chosen by the library's
status code; the names follow the newest official SDK (`NotFoundError`, `RateLimitError`, ...),
and local mistakes are also `ValueError` / `TypeError` / `OSError` so ordinary handlers catch them.

Messages come from the library, which never puts the private key in them.
"""

from __future__ import annotations

import json
from typing import Any, Dict, Optional, Type


class ImageKitError(Exception):
    """A failed call. `document` is the library's error JSON (`status`, `code`, `message`,
    `http_status`, `help`, `reason`, `request_id`, `body`, ...)."""

    def __init__(self, message: str, document: Optional[Dict[str, Any]] = None) -> None:
        super().__init__(message)
        self.message = message
        self.document: Dict[str, Any] = document or {}
        self.status: Optional[str] = self.document.get("status")
        self.code: Optional[int] = self.document.get("code")
        self.http_status: Optional[int] = self.document.get("http_status")
        self.request_id: Optional[str] = self.document.get("request_id")
        self.body: Any = self.document.get("body")
        # A call that changes state whose answer was lost (or was a 5xx) after the whole request
        # went out: the change may have been applied; check before repeating it.
        self.outcome_unknown: bool = self.document.get("outcome") == "unknown"


class InvalidArgumentError(ImageKitError, ValueError):
    """Bad input: the message names the option or argument."""


class NullArgumentError(ImageKitError, TypeError):
    """A required argument was missing."""


class ImageKitIOError(ImageKitError, OSError):
    """A local file could not be opened or read, or changed size while it was being sent."""


class UploadCancelledError(ImageKitError):
    """The progress callback cancelled the upload; nothing was stored."""


class APIConnectionError(ImageKitError, ConnectionError):
    """The request did not get an answer: connection refused or reset, DNS, proxy, TLS."""


class APITimeoutError(APIConnectionError, TimeoutError):
    """The connect or request timeout expired (after any retries)."""


class DecodeError(ImageKitError):
    """A successful answer whose body could not be understood."""


class APIStatusError(ImageKitError):
    """ImageKit answered with an HTTP error status (`http_status`)."""


class BadRequestError(APIStatusError):
    pass


class AuthenticationError(APIStatusError):
    pass


class PermissionDeniedError(APIStatusError):
    pass


class NotFoundError(APIStatusError):
    pass


class ConflictError(APIStatusError):
    pass


class UnprocessableEntityError(APIStatusError):
    pass


class RateLimitError(APIStatusError):
    pass


class InternalServerError(APIStatusError):
    pass


class PartialSuccessError(APIStatusError):
    """HTTP 207: a bulk operation did some items and failed others; `body["errors"]` lists the
    failed ones."""


class InternalError(ImageKitError):
    """A bug inside the library (a caught panic); the client stays usable."""


class ClosedClientError(ImageKitError, ValueError):
    """The client was closed; create a new one."""


# By the library's status names (the `statuses` of docs/operations.json, lower-cased); a test
# checks that every status has an entry.
ERROR_CLASSES: Dict[str, Type[ImageKitError]] = {
    "null_argument": NullArgumentError,
    "invalid_argument": InvalidArgumentError,
    "io": ImageKitIOError,
    "cancelled": UploadCancelledError,
    "network": APIConnectionError,
    "timeout": APITimeoutError,
    "tls": APIConnectionError,
    "decode": DecodeError,
    "bad_request": BadRequestError,
    "unauthorized": AuthenticationError,
    "forbidden": PermissionDeniedError,
    "not_found": NotFoundError,
    "conflict": ConflictError,
    "unprocessable_entity": UnprocessableEntityError,
    "rate_limited": RateLimitError,
    "server_error": InternalServerError,
    "api_error": APIStatusError,
    "partial_success": PartialSuccessError,
    "panic": InternalError,
}

# HTTP answers from ImageKit: the 2.x interface returns these as `{"error": ..., "response": None}`.
API_ANSWER_CLASSES = (APIStatusError,)


def error_from_document(status: int, text: str) -> ImageKitError:
    from ._ops_gen import STATUS_NAMES

    try:
        document = json.loads(text) if text else {}
    except ValueError:
        document = {"message": text}
    if not isinstance(document, dict):
        document = {"message": str(document)}
    name = document.get("status") or STATUS_NAMES.get(status, "unknown").lower()
    document.setdefault("status", name)
    document.setdefault("code", status)
    cls = ERROR_CLASSES.get(name, ImageKitError)
    message = document.get("message") or name
    return cls(f"{name}: {message}", document)
