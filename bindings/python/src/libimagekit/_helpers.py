"""What needs no network: the newest SDKs' URL builder and responsive image attributes,
authentication parameters for client-side uploads, upload-v2 tokens, webhook verification."""

from __future__ import annotations

from typing import Any, Dict, Mapping, Optional, Sequence, Union

from ._core import Core, c_str, take_json, take_text, to_json
from ._native import ffi, lib


def camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def camel_keys(options: Mapping[str, Any]) -> Dict[str, Any]:
    return {camel(k): v for k, v in options.items()}


class Helper:
    """`imagekit.helper`: the newest SDKs' URL helpers, built by the library."""

    def __init__(self, core: Core) -> None:
        self._core = core

    def build_url(self, **options: Any) -> str:
        """A URL as the newest SDKs build it (`src`, `url_endpoint`, `transformation`,
        `transformation_position` (default "query"), `query_parameters`, `signed`, `expires_in`)."""
        return self._core.text(lib.ik_build_url, to_json(camel_keys(options), "build_url options"))

    def build_transformation_string(self, transformation: Sequence[Mapping[str, Any]]) -> str:
        """The transformation string alone: `[{"width": 300}, {"rotation": 90}]` -> `w-300:rt-90`."""
        out = ffi.new("char **")
        status = lib.ik_build_transformation(to_json(transformation, "transformation"), out)
        return take_text(status, out)

    def get_responsive_image_attributes(self, **options: Any) -> Dict[str, Any]:
        """`{"src", "srcSet", "sizes", "width"}` for an `<img>`: every `build_url` option plus
        `width`, `sizes`, `device_breakpoints`, `image_breakpoints`."""
        result: Dict[str, Any] = self._core.json(
            lib.ik_responsive_image_attributes, to_json(camel_keys(options), "responsive image options")
        )
        return result

    def get_authentication_parameters(self, token: Optional[str] = None, expire: Optional[int] = None) -> Dict[str, Any]:
        """`{"token", "expire", "signature"}` for a client-side upload (new token and now + 30 min
        when not given)."""
        return authentication_parameters(self._core, token or "", expire or 0)

    def create_upload_v2_token(
        self, payload: Mapping[str, Any], *, expire_seconds: Optional[int] = None, now: Optional[int] = None
    ) -> str:
        """The one-time JWT a client sends with an upload to API v2: `payload` holds every upload
        field the client will send except `file` (`fileName` required)."""
        options: Dict[str, Any] = {}
        if expire_seconds is not None:
            options["expire_seconds"] = expire_seconds
        if now is not None:
            options["now"] = now
        return self._core.text(
            lib.ik_upload_v2_token,
            to_json(payload, "upload token payload"),
            to_json(options, "upload token options") if options else ffi.NULL,
        )


def authentication_parameters(core: Core, token: Any, expire: Any) -> Dict[str, Any]:
    if not isinstance(token, str):
        raise TypeError(f"token must be a str, not {type(token).__name__}")
    if not isinstance(expire, int) or isinstance(expire, bool):
        raise TypeError(f"expire must be an int (unix seconds), not {type(expire).__name__}")
    if not -(2**63) <= expire < 2**63:
        raise ValueError("expire is out of range")
    result: Dict[str, Any] = core.json(
        lib.ik_get_authentication_parameters, c_str(token, "token") if token else ffi.NULL, expire
    )
    return result


def phash_distance(first: Any, second: Any) -> int:
    """Hamming distance between two pHash hex strings (0: the same image)."""
    if not first or not second:
        raise TypeError("phash_distance needs two pHash values")
    if not isinstance(first, str) or not isinstance(second, str):
        raise TypeError("pHash values must be hexadecimal str")
    distance = ffi.new("uint32_t *")
    error = ffi.new("char **")
    status = lib.ik_phash_distance(c_str(first, "first pHash"), c_str(second, "second pHash"), distance, error)
    if status:
        try:
            take_text(status, error)
        except ValueError as e:
            raise TypeError(str(e)) from None
    return int(distance[0])


class Webhooks:
    """`imagekit.webhooks`: checks that a webhook request comes from ImageKit and is fresh."""

    def __init__(self, secret: Optional[str]) -> None:
        self._secret = secret

    def unwrap(
        self,
        body: Union[str, bytes],
        headers: Mapping[str, Union[str, Sequence[str]]],
        *,
        secret: Optional[str] = None,
        tolerance_seconds: Optional[int] = None,
        now: Optional[int] = None,
        scheme: Optional[str] = None,
        secret_encoding: Optional[str] = None,
    ) -> Any:
        """The event (the body as JSON) when the signature and timestamp check out; otherwise an
        `InvalidArgumentError` whose `document["reason"]` names the failed check."""
        key = secret if secret is not None else self._secret
        if key is None:
            raise TypeError("no webhook secret: pass secret= or ImageKit(webhook_secret=...)")
        if isinstance(body, str):
            body = body.encode("utf-8")
        if not isinstance(body, (bytes, bytearray)):
            raise TypeError(f"body must be the raw request body as bytes or str, not {type(body).__name__}")
        if not isinstance(headers, Mapping):
            raise TypeError(f"headers must be a mapping of header names to values, not {type(headers).__name__}")
        options = {
            k: v
            for k, v in (
                ("tolerance_seconds", tolerance_seconds),
                ("now", now),
                ("scheme", scheme),
                ("secret_encoding", secret_encoding),
            )
            if v is not None
        }
        out = ffi.new("char **")
        buf = ffi.from_buffer(body)
        status = lib.ik_webhooks_unwrap(
            c_str(key, "webhook secret"),
            buf,
            len(buf),
            to_json(dict(headers), "headers"),
            to_json(options, "webhook options") if options else ffi.NULL,
            out,
        )
        return take_json(status, out)

    def verify(self, *args: Any, **kwargs: Any) -> Any:
        """Alias of `unwrap`."""
        return self.unwrap(*args, **kwargs)


__all__ = ["Helper", "Webhooks", "authentication_parameters", "phash_distance", "camel"]
