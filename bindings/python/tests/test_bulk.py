"""Bulk uploads and the sync plan against the local server: a result per item, progress that can
cancel, a journal that makes a re-run upload nothing (and a changed file a new version), a plan
that changes nothing, and refused journals left byte for byte as they were."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any, List

import pytest

from conftest import Mock
from libimagekit import (
    BulkProgress,
    BulkResult,
    ImageKit,
    ImageKitIOError,
    InvalidArgumentError,
    SyncPlan,
)


def make_tree(root: Path, n: int) -> List[str]:
    """`n` files under `root`, two of them in `sub/`; their relative paths."""
    (root / "sub").mkdir(parents=True, exist_ok=True)
    rels = []
    for i in range(n):
        rel = f"sub/t{i}.bin" if i < 2 else f"t{i}.bin"
        (root / rel).write_bytes(bytes([65 + i]) * (30 + i))
        rels.append(rel)
    return rels


def stored(mock: Mock) -> List[str]:
    return sorted(f["filePath"] for f in mock.control("GET", "/__mock/files"))


def uploads_sent(mock: Mock) -> int:
    return sum(1 for r in mock.requests() if r["method"] == "POST" and r["path"] == "/api/v1/files/upload")


def test_a_batch_gives_a_result_per_item_and_progress(imagekit: ImageKit, mock: Mock, tmp_path: Path) -> None:
    make_tree(tmp_path, 6)
    items: List[Any] = [
        {"file": p, "file_name": p.name, "options": {"folder": "/py-bulk", "tags": ["py"]}, "key": p.name}
        for p in sorted(tmp_path.rglob("*.bin"))
    ]
    seen: List[BulkProgress] = []
    threads = set()

    def on_progress(p: BulkProgress) -> None:
        seen.append(p)
        threads.add(threading.get_ident())

    result = imagekit.bulk_upload(items, concurrency=3, progress=on_progress)
    assert isinstance(result, BulkResult)
    assert result.summary.uploaded == 6 and result.summary.failed == 0
    assert len(result.results) == 6 and all(r.ok and r.file for r in result.results)
    assert {r.file["filePath"] for r in result.results if r.file} == {f"/py-bulk/{p.name}" for p in tmp_path.rglob("*.bin")}
    assert seen and seen[-1].files_done == 6 and all(p.files_total == 6 for p in seen)
    assert all(p.bytes_sent <= p.bytes_total for p in seen)
    assert threading.get_ident() not in threads, "progress ran on the library's threads"
    # Again: already there, nothing stored twice.
    again = imagekit.bulk_upload(items)
    assert again.summary.already_there == 6
    assert len(stored(mock)) == 6
    # A missing file fails alone, with its error.
    missing = imagekit.bulk_upload([{"file": tmp_path / "missing.bin", "file_name": "missing.bin"}])
    assert missing.summary.failed == 1 and not missing.results[0].ok
    assert isinstance(missing.failed[0].error, ImageKitIOError)


def test_progress_returning_false_cancels_and_an_exception_is_reraised(imagekit: ImageKit, mock: Mock, tmp_path: Path) -> None:
    make_tree(tmp_path, 30)
    items = [{"file": p, "file_name": p.name} for p in sorted(tmp_path.rglob("*.bin"))]
    result = imagekit.bulk_upload(items, concurrency=1, progress=lambda p: p.files_done < 2)
    assert result.summary.was_cancelled
    assert len(result.results) == 30
    done = [r for r in result.results if r.file]
    assert 0 < len(done) < 30
    assert len(stored(mock)) == len(done)

    class Stop(Exception):
        pass

    def boom(p: BulkProgress) -> None:
        raise Stop("stop here")

    mock.reset()
    with pytest.raises(Stop):
        imagekit.bulk_upload(items, concurrency=1, progress=boom)
    assert len(stored(mock)) < 30


def test_a_journal_makes_a_rerun_upload_nothing_and_replaces_changed_files(imagekit: ImageKit, mock: Mock, tmp_path: Path) -> None:
    root = tmp_path / "tree"
    rels = make_tree(root, 5)
    journal = tmp_path / "upload.journal"
    first = imagekit.bulk_upload(journal=journal, root=root, folder="/py-j", upload_options={"tags": ["j"]})
    assert first.summary.uploaded == 5, first
    assert stored(mock) == sorted(f"/py-j/{r}" for r in rels)
    assert {r.key for r in first.results} == set(rels)

    sent = uploads_sent(mock)
    second = imagekit.bulk_upload(journal=str(journal), root=root, folder="/py-j")
    assert second.summary.unchanged == 5 and second.summary.uploaded == 0
    assert all(r.status == "unchanged" for r in second.results)
    assert uploads_sent(mock) == sent, "a re-run sent an upload"

    (root / "t3.bin").write_bytes(b"changed")
    (root / "new.bin").write_bytes(b"new")
    third = imagekit.bulk_upload(["t3.bin", root / "new.bin"], journal=journal, root=root, folder="/py-j")
    assert (third.summary.replaced, third.summary.uploaded) == (1, 1), third
    assert len(stored(mock)) == 6


def test_the_sync_plan_changes_nothing(imagekit: ImageKit, mock: Mock, tmp_path: Path) -> None:
    root = tmp_path / "tree"
    make_tree(root, 5)
    journal = tmp_path / "j"
    imagekit.bulk_upload(journal=journal, root=root, folder="/py-plan")
    (root / "t4.bin").unlink()
    (root / "t2.bin").write_bytes(b"a different size")
    (root / "fresh.jpg").write_bytes(b"x")
    before, journal_bytes = mock.control("GET", "/__mock/files"), journal.read_bytes()
    sent = len(mock.requests())

    plan = imagekit.sync_plan(root, "/py-plan", journal=journal)
    assert isinstance(plan, SyncPlan)
    assert [f.path for f in plan.upload] == ["fresh.jpg"]
    assert [(f.path, bool(f.file_id)) for f in plan.replace] == [("t2.bin", True)]
    assert [f.file_path for f in plan.remote_only] == ["/py-plan/t4.bin"]
    assert plan.unchanged == 3 and plan.remote_folder_exists and plan.folder == "/py-plan"
    assert plan.raw["summary"]["upload"] == 1
    filtered = imagekit.sync_plan(str(root), "/py-plan/", exclude="*.jpg", include=["*.bin"])
    assert filtered.upload == [] and [f.path for f in filtered.replace] == ["t2.bin"]
    nowhere = imagekit.sync_plan(root, "/py-nowhere")
    assert not nowhere.remote_folder_exists and len(nowhere.upload) == 5

    assert all(r["method"] == "GET" for r in mock.requests()[sent:])
    assert mock.control("GET", "/__mock/files") == before
    assert journal.read_bytes() == journal_bytes


def test_refused_journals_are_left_untouched(imagekit: ImageKit, mock: Mock, tmp_path: Path) -> None:
    root = tmp_path / "tree"
    make_tree(root, 3)
    journal = tmp_path / "j"
    imagekit.bulk_upload(journal=journal, root=root, folder="/py-a")
    good = journal.read_bytes()
    cases = [
        ("another folder", good, "/py-b", "not to folder"),
        ("corrupt", good + b'{"x": 1}\n{}\n', "/py-a", "corrupt"),
        ("foreign", b"hello\n", "/py-a", "not an imagekit upload journal"),
    ]
    for what, content, folder, needle in cases:
        journal.write_bytes(content)
        with pytest.raises(InvalidArgumentError, match=needle):
            imagekit.bulk_upload(journal=journal, root=root, folder=folder)
        with pytest.raises(InvalidArgumentError):
            imagekit.sync_plan(root, folder, journal=journal)
        assert journal.read_bytes() == content, what
    assert len(stored(mock)) == 3


def test_bad_arguments(imagekit: ImageKit, tmp_path: Path) -> None:
    with pytest.raises(TypeError, match="root"):
        imagekit.bulk_upload(journal=tmp_path / "j")
    with pytest.raises(TypeError, match="goes with journal"):
        imagekit.bulk_upload([], root=tmp_path)
    with pytest.raises(TypeError, match="items is required"):
        imagekit.bulk_upload()
    with pytest.raises(ValueError, match="unknown key"):
        imagekit.bulk_upload([{"file": tmp_path / "a", "colour": 1}])
    with pytest.raises(TypeError, match="pathlib.Path"):
        imagekit.bulk_upload([{"file": 3, "file_name": "a"}])
    with pytest.raises(InvalidArgumentError, match="fileName"):
        imagekit.bulk_upload([{"file": tmp_path / "a"}])
    with pytest.raises(InvalidArgumentError, match="concurrency"):
        imagekit.bulk_upload([], concurrency=0)
    with pytest.raises(TypeError, match="progress must be callable"):
        imagekit.bulk_upload([], progress=3)  # type: ignore[arg-type]
    with pytest.raises(InvalidArgumentError, match="not a file under the root"):
        imagekit.bulk_upload(["../x"], journal=tmp_path / "j", root=tmp_path)
    with pytest.raises(InvalidArgumentError, match="cannot read directory"):
        imagekit.sync_plan(tmp_path / "missing", "/a")
    with pytest.raises(InvalidArgumentError, match="include"):
        imagekit.sync_plan(tmp_path, "/a", include="a[")
    with pytest.raises(ValueError, match="NUL"):
        imagekit.sync_plan(tmp_path, "/a\0b")
    with pytest.raises(TypeError):
        imagekit.sync_plan(None, "/a")  # type: ignore[arg-type]
    assert not (tmp_path / "j").exists(), "a refused call created the journal"
