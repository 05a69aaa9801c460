"""libimagekit: the ImageKit.io SDK on a Rust core.

`from libimagekit import ImageKit` runs code written for imagekitio 2.x (the original README's
`url`, `upload`, `list_files`, ... with `{"error", "response"}` results), and the same client has
the newest SDK's resource tree (`imagekit.files.versions.list(file_id)`, ...), its URL helpers and
webhook verification.
"""

from importlib import metadata as _metadata

from ._bulk import (
    BulkItemResult,
    BulkProgress,
    BulkResult,
    BulkSummary,
    PlanFile,
    RemoteOnlyFile,
    SyncPlan,
    UnreadableFile,
)
from ._client import ImageKit, Result
from ._resources import BetaV2Files, Files
from ._errors import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ClosedClientError,
    ConflictError,
    DecodeError,
    ImageKitError,
    ImageKitIOError,
    InternalError,
    PartialSuccessError,
    InternalServerError,
    InvalidArgumentError,
    NotFoundError,
    NullArgumentError,
    PermissionDeniedError,
    RateLimitError,
    UnprocessableEntityError,
    UploadCancelledError,
)
from ._native import ffi as _ffi
from ._native import lib as _lib
from ._params import NOT_GIVEN, NotGiven
from ._upload import FileInput, Progress

__version__: str = _metadata.version("libimagekit")
library_version: str = _ffi.string(_lib.ik_version()).decode()
"""The Rust library's version string, e.g. `libimagekit/0.1.0`."""

__all__ = [
    "APIConnectionError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "BetaV2Files",
    "BulkItemResult",
    "BulkProgress",
    "BulkResult",
    "BulkSummary",
    "ClosedClientError",
    "ConflictError",
    "DecodeError",
    "FileInput",
    "Files",
    "ImageKit",
    "ImageKitError",
    "ImageKitIOError",
    "InternalError",
    "PartialSuccessError",
    "InternalServerError",
    "InvalidArgumentError",
    "NOT_GIVEN",
    "NotFoundError",
    "NotGiven",
    "NullArgumentError",
    "PermissionDeniedError",
    "PlanFile",
    "Progress",
    "RateLimitError",
    "RemoteOnlyFile",
    "Result",
    "SyncPlan",
    "UnreadableFile",
    "UnprocessableEntityError",
    "UploadCancelledError",
    "library_version",
]
