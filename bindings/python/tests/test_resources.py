"""Every generated method of the resource tree, called against the local server as one stateful
story per resource; the test fails if any operation of the table was not called. Then the
hand-written parts of the tree: uploads (v1, v2 with a token), paging, errors as exceptions."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import subprocess
import sys
from pathlib import Path
from typing import Any, Iterator, List, Set

import pytest

from libimagekit import ImageKit, NotFoundError, _core, _ops_gen
from libimagekit._native import ffi, lib
from conftest import PRIVATE_KEY, PUBLIC_KEY, Mock

HERE = Path(__file__).resolve().parent


def address(fn: Any) -> int:
    return int(ffi.cast("uintptr_t", fn))


@pytest.fixture()
def called(monkeypatch: pytest.MonkeyPatch) -> Iterator[Set[str]]:
    """The C functions the generated methods called."""
    seen: Set[str] = set()
    real = _core.Core.op
    # cffi's ABI-mode functions carry no name: know them by address.
    names = {address(getattr(lib, name)): name for name in _ops_gen.OPERATIONS.values()}

    def op(self: _core.Core, fn: Any, *args: Any) -> Any:
        seen.add(names[address(fn)])
        return real(self, fn, *args)

    monkeypatch.setattr(_core.Core, "op", op)
    yield seen


def test_every_generated_method_against_the_server(imagekit: ImageKit, called: Set[str], mock: Mock) -> None:
    ik = imagekit
    up = ik.files.upload(file=b"first version", file_name="cat.jpg", folder="/walk", use_unique_file_name=False)
    file_id = up["fileId"]
    assert ik.files.get(file_id)["fileId"] == file_id
    assert ik.files.update(file_id, tags=["sale"], custom_coordinates="1,1,2,2")["tags"] == ["sale"]
    assert ik.files.update(file_id, tags=None)["tags"] is None  # None is sent as null
    ik.files.update(file_id, tags=["sale"])
    assert isinstance(ik.files.metadata.get(file_id), dict)
    assert len(ik.assets.list(path="/walk", tags=["sale"])) == 1
    assert isinstance(ik.files.metadata.get_from_url(url=up["url"]), dict)

    ik.files.upload(file=b"second version!", file_name="cat.jpg", folder="/walk", use_unique_file_name=False,
                    overwrite_file=True)
    versions = ik.files.versions.list(file_id)
    assert len(versions) == 2
    old_id = next(v for v in versions if v["type"] == "file-version")["versionInfo"]["id"]
    assert ik.files.versions.get(file_id, old_id)["versionInfo"]["id"] == old_id
    assert ik.files.versions.restore(file_id, old_id)["size"] == len(b"first version")
    older = [v["versionInfo"]["id"] for v in ik.files.versions.list(file_id) if v["type"] == "file-version"]
    assert ik.files.versions.delete(file_id, older[0]) == {}

    assert ik.files.copy(source_file_path="/walk/cat.jpg", destination_path="/copies") == {}
    assert len(ik.assets.list(path="/copies")) == 1
    ik.files.move(source_file_path="/copies/cat.jpg", destination_path="/moved")
    assert ik.assets.list(path="/copies") == []
    renamed = ik.files.rename(file_path="/moved/cat.jpg", new_file_name="dog.jpg", purge_cache=True)
    assert isinstance(renamed["purgeRequestId"], str)
    moved_id = ik.assets.list(path="/moved")[0]["fileId"]

    tagged = ik.files.bulk.add_tags(file_ids=[file_id, moved_id], tags=["bulk"])
    assert len(tagged["successfullyUpdatedFileIds"]) == 2
    ik.files.bulk.remove_tags(file_ids=[file_id], tags=["bulk"])
    assert "bulk" not in (ik.files.get(file_id)["tags"] or [])
    ik.files.bulk.remove_ai_tags(file_ids=[file_id], ai_tags=["car"])
    deleted = ik.files.bulk.delete(file_ids=[moved_id])
    assert deleted["successfullyDeletedFileIds"] == [moved_id]
    with pytest.raises(NotFoundError):
        ik.files.get(moved_id)

    ik.folders.create(folder_name="jobs", parent_folder_path="/")
    ik.files.upload(file=b"x", file_name="in-folder.txt", folder="/jobs")
    job = ik.folders.copy(source_folder_path="/jobs", destination_path="/jobs-copy")
    statuses = [ik.folders.job.get(job["jobId"])["status"] for _ in range(3)]
    assert statuses[-1] == "Completed"
    assert len(ik.assets.list(path="/jobs-copy/jobs")) == 1
    assert isinstance(ik.folders.move(source_folder_path="/jobs-copy", destination_path="/archive")["jobId"], str)
    assert isinstance(ik.folders.rename(folder_path="/jobs", new_folder_name="jobs2")["jobId"], str)
    assert ik.folders.delete(folder_path="/archive") == {}

    field = ik.custom_metadata_fields.create(name="price", label="Price", schema={"type": "Number", "minValue": 0})
    assert field["id"] in json.dumps(ik.custom_metadata_fields.list())
    assert ik.custom_metadata_fields.update(field["id"], label="Price (EUR)")["label"] == "Price (EUR)"
    ik.custom_metadata_fields.delete(field["id"])
    assert field["id"] in json.dumps(ik.custom_metadata_fields.list(include_deleted=True))

    collections: List[Any] = [
        (ik.saved_extensions,
         dict(name="tagger", description="tags", config={"name": "google-auto-tagging", "minConfidence": 80, "maxTags": 5}),
         dict(description="more tags")),
        (ik.named_transformations, dict(name="thumb", transformation="w-200,h-200"), dict(transformation="w-300")),
        (ik.accounts.origins, dict(name="My S3", type="S3", bucket="b", access_key="k", secret_key="s"),
         dict(name="My S3", type="S3", bucket="b2", access_key="k", secret_key="s")),
        (ik.accounts.url_endpoints, dict(description="products", url_prefix="products"),
         dict(description="p2", url_prefix="products")),
        (ik.accounts.webhooks, dict(endpoint="https://example.com/hook", events=["file.created"]), dict(enabled=False)),
    ]
    for resource, create, update in collections:
        made = resource.create(**create)
        assert made["id"] in json.dumps(resource.list())
        assert resource.get(made["id"])["id"] == made["id"]
        after = resource.update(made["id"], **update)
        assert after["id"] == made["id"]
        resource.delete(made["id"])
        with pytest.raises(NotFoundError):
            resource.get(made["id"])

    assert isinstance(ik.accounts.usage.get(start_date="2026-11-01", end_date="2026-11-30")["bandwidthBytes"], (int, float))
    assert isinstance(ik.accounts.usage_analytics.get(start_date="2026-11-01", end_date="2026-11-30"), dict)
    purge = ik.cache.invalidation.create(url=up["url"])
    assert ik.cache.invalidation.get(purge["requestId"])["status"] in ("Pending", "Completed")
    assert ik.files.delete(file_id) == {}
    with pytest.raises(NotFoundError) as err:
        ik.files.get(file_id)
    assert err.value.http_status == 404 and err.value.request_id

    missing = sorted(set(_ops_gen.OPERATIONS.values()) - called)
    assert not missing, f"generated methods never called against the server: {missing}"


def test_pages_iterate_lazily_and_all_collects(imagekit: ImageKit, mock: Mock) -> None:
    for n in range(7):
        imagekit.files.upload(file=b"%d" % n, file_name=f"p{n}.txt", folder="/pages")
    pages = imagekit.assets.list_pages(path="/pages", limit=3)
    first = next(pages)
    assert len(first) == 3
    requests_after_first = len([r for r in mock.requests() if r["path"] == "/v1/files"])
    rest = list(pages)
    assert [len(p) for p in rest] == [3, 1]
    assert len([r for r in mock.requests() if r["path"] == "/v1/files"]) == requests_after_first + 2
    assert len(imagekit.assets.list_all(path="/pages", limit=2)) == 7
    assert len(imagekit.assets.list_all(path="/pages", limit=2, max_items=5)) == 5
    # Leaving the loop early stops the walk.
    mock.control("DELETE", "/__mock/requests")
    for page in imagekit.assets.list_pages(path="/pages", limit=2):
        break
    assert len([r for r in mock.requests() if r["path"] == "/v1/files"]) <= 2


def test_upload_v2_with_a_token(imagekit: ImageKit, mock: Mock) -> None:
    token = imagekit.helper.create_upload_v2_token({"fileName": "v2.txt", "tags": ["a", "b"]})
    assert token.count(".") == 2
    done = imagekit.beta.v2.files.upload(file=b"through v2", file_name="v2.txt", tags=["a", "b"], token=token)
    assert done["size"] == len(b"through v2")
    assert imagekit.files.get(done["fileId"])["tags"] == ["a", "b"]
    sent = [r for r in mock.requests() if r["path"] == "/api/v2/files/upload"][-1]
    assert {p["name"]: p["value"] for p in sent["multipart"]}["token"] == token
    # The token: HS256 over header.payload with the private key; kid = the public key.
    head, body, signature = token.split(".")
    expected = hmac.new(PRIVATE_KEY.encode(), f"{head}.{body}".encode(), hashlib.sha256).digest()
    assert base64.urlsafe_b64decode(signature + "==") == expected
    assert json.loads(base64.urlsafe_b64decode(head + "=="))["kid"] == PUBLIC_KEY
    claims = json.loads(base64.urlsafe_b64decode(body + "=="))
    assert claims["fileName"] == "v2.txt" and claims["tags"] == "a,b" and claims["exp"] - claims["iat"] == 1800


def test_drift_check_passes() -> None:
    result = subprocess.run([sys.executable, str(HERE.parent / "codegen.py"), "--check"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_every_status_has_an_exception_class() -> None:
    from libimagekit._errors import ERROR_CLASSES

    names = {name.lower() for name in _ops_gen.STATUS_NAMES.values()} - {"ok"}
    assert names == set(ERROR_CLASSES)
