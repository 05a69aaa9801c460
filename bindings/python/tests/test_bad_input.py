"""Bad input from Python gives a clear exception (never a crash), and no message carries the
private key."""

from __future__ import annotations

import base64
import io
import json
import math
from pathlib import Path
from typing import Any, Callable, Optional

import pytest

from conftest import PRIVATE_KEY, PUBLIC_KEY, URL_ENDPOINT, Mock, settings
from libimagekit import (
    ClosedClientError,
    ImageKit,
    ImageKitError,
    ImageKitIOError,
    InvalidArgumentError,
    UploadCancelledError,
)

SECRET = "private_key_SECRET_9f8e7d"


def secret_forms(key: str) -> list[str]:
    return [key, base64.b64encode(f"{key}:".encode()).decode(), base64.b64encode(key.encode()).decode()]


def assert_no_secret(text: str, key: str = SECRET) -> None:
    for form in secret_forms(key):
        assert form not in text, f"the private key leaked: {text}"


def raises(exc: Any, fn: Callable[[], Any], match: Optional[str] = None) -> BaseException:
    with pytest.raises(exc, match=match) as info:
        fn()
    assert_no_secret(str(info.value))
    assert_no_secret(repr(getattr(info.value, "document", "")))
    error: BaseException = info.value
    return error


def test_constructor() -> None:
    raises(ValueError, lambda: ImageKit(), "required")
    raises(ValueError, lambda: ImageKit(public_key="p", private_key=SECRET), "required")
    raises(InvalidArgumentError, lambda: ImageKit("p", SECRET, URL_ENDPOINT, timeout_ms="soon"), "timeout_ms")
    raises(InvalidArgumentError, lambda: ImageKit("p", SECRET, URL_ENDPOINT, no_such_setting=1), "no_such_setting")
    raises(InvalidArgumentError, lambda: ImageKit("p", SECRET, URL_ENDPOINT, transformation_position="sideways"))
    raises(TypeError, lambda: ImageKit("p", SECRET, URL_ENDPOINT, proxy=object()), "client settings")
    raises(TypeError, lambda: ImageKit("p", SECRET, URL_ENDPOINT, options="x"))  # type: ignore[arg-type]
    raises(InvalidArgumentError, lambda: ImageKit("p", SECRET + "\0", URL_ENDPOINT))


def test_url_options() -> None:
    ik = ImageKit(PUBLIC_KEY, SECRET, URL_ENDPOINT)
    raises(TypeError, lambda: ik.url(None))  # type: ignore[arg-type]
    raises(TypeError, lambda: ik.url("/path.jpg"))  # type: ignore[arg-type]
    raises(TypeError, lambda: ik.url({"path": b"/bytes.jpg"}), "url options")
    raises(TypeError, lambda: ik.url({"path": "/a.jpg", "query_parameters": {"v": {1, 2}}}), "not JSON serializable")
    raises(ValueError, lambda: ik.url({"path": "/a.jpg", "transformation": [{"width": math.nan}]}), "url options")
    raises(ValueError, lambda: ik.url({"path": "/a\0.jpg", "signed": True}), "NUL")
    raises(InvalidArgumentError, lambda: ik.url({"path": 1}), "path")
    raises(InvalidArgumentError, lambda: ik.url({"path": "/a.jpg", "bogus_option": 1}), "bogus_option")
    raises(InvalidArgumentError, lambda: ik.url({"path": "/a.jpg", "transformation": "h-300"}), "transformation")
    raises(ValueError, lambda: ik.url({"path": "/\ud800.jpg"}))  # a lone surrogate is no UTF-8
    # Helpers.
    raises(TypeError, lambda: ik.get_authentication_parameters(token=1))  # type: ignore[arg-type]
    raises(TypeError, lambda: ik.get_authentication_parameters(expire="soon"))  # type: ignore[arg-type]
    raises(ValueError, lambda: ik.get_authentication_parameters(expire=2**70))
    raises(ValueError, lambda: ik.get_authentication_parameters(token="a\0b"))
    raises(TypeError, lambda: ik.phash_distance(None, "f06830ca9f1e3e90"))  # type: ignore[arg-type]
    raises(TypeError, lambda: ik.phash_distance("xyz", "f06830ca9f1e3e90"))
    raises(TypeError, lambda: ik.phash_distance("f068", "f06830ca9f1e3e90"))
    raises(InvalidArgumentError, lambda: ik.helper.build_url(src="/a.jpg", transformation=[{"overlay": {"type": "shape"}}]))
    raises(TypeError, lambda: ik.helper.build_url(src=object()))
    raises(TypeError, lambda: ik.webhooks.unwrap(b"{}", {}), "secret")
    raises(InvalidArgumentError, lambda: ik.webhooks.unwrap(b"{}", {}, secret="whsec_x"), "missing_header|header")


def test_management_arguments(imagekit: ImageKit) -> None:
    ik = imagekit
    raises(TypeError, lambda: ik.get_file_details(None), "file_id")
    raises(TypeError, lambda: ik.get_file_details(123))  # type: ignore[arg-type]
    raises(ValueError, lambda: ik.get_file_details("abc\0def"), "NUL")
    raises(TypeError, lambda: ik.update_file_details("id", None), "fields")
    raises(TypeError, lambda: ik.update_file_details("id", {"tags": {"a", "b"}}), "not JSON serializable")
    raises(InvalidArgumentError, lambda: ik.update_file_details("id", {"tags": "a"}), "tags")
    raises(TypeError, lambda: ik.list_files("skip=10"))  # type: ignore[arg-type]
    raises(InvalidArgumentError, lambda: ik.list_files({"bogus": 1}), "bogus")
    raises(InvalidArgumentError, lambda: ik.list_files({"limit": -1}), "limit")
    raises(ValueError, lambda: ik.bulk_delete([]))
    raises(TypeError, lambda: ik.bulk_delete("id"))
    raises(TypeError, lambda: ik.purge_cache(None))
    raises(ValueError, lambda: ik.get_remote_url_metadata(""))
    # The generated tree.
    raises(TypeError, lambda: ik.files.get(None))  # type: ignore[arg-type]
    raises(TypeError, lambda: ik.files.copy(source_file_path="/a.jpg"))  # type: ignore[call-arg]
    raises(InvalidArgumentError, lambda: ik.files.copy(source_file_path=1, destination_path="/b"), "sourceFilePath")  # type: ignore[arg-type]
    raises(InvalidArgumentError, lambda: ik.files.bulk.delete(file_ids=["x"] * 101), "100")
    raises(TypeError, lambda: ik.folders.create(folder_name=object(), parent_folder_path="/"))  # type: ignore[arg-type]
    raises(ValueError, lambda: ik.assets.list_all(max_items=-1))


def test_upload_arguments(imagekit: ImageKit, tmp_path: Path) -> None:
    ik = imagekit
    raises(TypeError, lambda: ik.upload(file=None, file_name="a.txt"), "file")
    raises(TypeError, lambda: ik.upload(file="", file_name="a.txt"), "file")
    raises(TypeError, lambda: ik.upload(file=b"x", file_name=None), "file_name")
    raises(TypeError, lambda: ik.upload(file=b"x", file_name=b"a.txt"))  # type: ignore[arg-type]
    raises(TypeError, lambda: ik.upload(file=12345, file_name="a.txt"))  # type: ignore[arg-type]
    raises(TypeError, lambda: ik.upload(file=io.StringIO("text"), file_name="a.txt"), "binary")  # type: ignore[arg-type]
    raises(InvalidArgumentError, lambda: ik.upload(file=b"x", file_name="a.txt", options={"bogus": 1}), "bogus")
    raises(ValueError, lambda: ik.upload(file=b"x", file_name="a.txt", options={"file": "y"}))
    raises(TypeError, lambda: ik.upload(file=b"x", file_name="a.txt", progress=42))  # type: ignore[arg-type]
    raises(ImageKitIOError, lambda: ik.upload(file=tmp_path / "missing.bin", file_name="a.bin"))
    raises(ValueError, lambda: ik.upload(file=Path("bad\0name"), file_name="a.bin"), "NUL")
    closed = open(tmp_path / "f.bin", "wb+")
    closed.close()
    raises(ValueError, lambda: ik.upload(file=closed, file_name="f.bin"), "closed")
    raises(TypeError, lambda: ik.files.upload(file=memoryview(b"abcd")[::2], file_name="a.bin"), "contiguous")
    assert ik.list_files()["response"] == []  # nothing was stored


def test_closed_client() -> None:
    ik = ImageKit(PUBLIC_KEY, PRIVATE_KEY, URL_ENDPOINT)
    assert ik.url({"path": "/a.jpg"}) == URL_ENDPOINT + "/a.jpg"
    ik.close()
    ik.close()  # harmless
    assert ik.closed
    for call in (
        lambda: ik.url({"path": "/a.jpg"}),
        lambda: ik.list_files(),
        lambda: ik.upload(file=b"x", file_name="a.txt"),
        lambda: ik.files.get("id"),
        lambda: list(ik.assets.list_pages()),
        lambda: ik.helper.build_url(src="/a.jpg"),
        lambda: ik.get_authentication_parameters(),
    ):
        raises(ClosedClientError, call, "closed")
    with ImageKit(PUBLIC_KEY, PRIVATE_KEY, URL_ENDPOINT) as ctx:
        ctx.url({"path": "/a.jpg"})
    raises(ClosedClientError, lambda: ctx.url({"path": "/a.jpg"}))


def test_raising_progress_callback_cancels_and_reraises(imagekit: ImageKit) -> None:
    class Stop(Exception):
        pass

    def progress(sent: int, total: int) -> None:
        raise Stop(f"stopped at {sent}")

    with pytest.raises(Stop):
        imagekit.upload(file=b"x" * 100_000, file_name="a.bin", progress=progress)
    with pytest.raises(Stop):
        imagekit.files.upload(file="aGVsbG8=", file_name="a.bin", progress=progress)
    with pytest.raises(UploadCancelledError):
        imagekit.upload(file=b"x" * 100_000, file_name="a.bin", progress=lambda s, t: False)
    assert imagekit.list_files()["response"] == []  # nothing was stored


def test_file_shrinking_or_deleted_mid_upload(imagekit: ImageKit, mock: Mock, tmp_path: Path) -> None:
    path = tmp_path / "big.bin"
    path.write_bytes(b"\1" * (8 << 20))

    def shrink(sent: int, total: int) -> None:
        # The first report comes before the first byte, with the file open and its size taken.
        with open(path, "r+b") as f:
            f.truncate(1000)

    with pytest.raises(ImageKitIOError):
        imagekit.upload(file=path, file_name="big.bin", progress=shrink)
    assert imagekit.list_files()["response"] == []

    # Deleted while it is sent: the open file is still read to its end (POSIX), but the retry
    # after a failed attempt cannot reopen it: a clear I/O error.
    path.write_bytes(b"\2" * (1 << 20))
    mock.fault(method="POST", path="/api/v1/files/upload", status=503)
    retrying = ImageKit(PUBLIC_KEY, PRIVATE_KEY, URL_ENDPOINT, **settings(mock.url, max_retries=1, retry_initial_delay_ms=10))

    def delete(sent: int, total: int) -> None:
        if path.exists():
            path.unlink()

    with retrying:
        err = raises(ImageKitIOError, lambda: retrying.upload(file=path, file_name="gone.bin", progress=delete))
    assert isinstance(err, OSError)


def test_no_private_key_in_any_error(mock: Mock) -> None:
    mock.reset()
    ik = ImageKit(PUBLIC_KEY, SECRET, URL_ENDPOINT, **settings(mock.url, max_retries=0))
    for action in ("echo_secrets", "echo_secrets_text"):
        mock.fault(action=action, status=500, times=0)
        result = ik.list_files()
        assert result["response"] is None and result["error"]["http_status"] == 500
        assert_no_secret(json.dumps(result))
        err = raises(ImageKitError, lambda: ik.files.get("abc"))
        assert_no_secret(json.dumps(err.document))  # type: ignore[attr-defined]
        raises(ImageKitError, lambda: ik.files.upload(file=b"x", file_name="a.txt"))
        mock.control("DELETE", "/__mock/faults")
    ik.close()
