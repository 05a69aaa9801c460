"""`ImageKit`: the imagekitio 2.x interface (the original README's) on libimagekit, plus the
newest SDK's resource tree (`imagekit.files.versions.list(...)`, generated from the operation
table) and its helpers."""

from __future__ import annotations

from typing import Any, Dict, Mapping, Optional

from . import _ops_gen
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
