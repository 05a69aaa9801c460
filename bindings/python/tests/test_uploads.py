"""Uploads from bytes, open files, pathlib.Path and BytesIO arrive intact; paths and open files
are streamed by the library (Python never holds the file); progress is reported from the
uploading thread at a bounded rate."""

from __future__ import annotations

import io
import os
import threading
import time
import tracemalloc
import zlib
from pathlib import Path
from typing import Any, List, Tuple

import pytest

from conftest import Mock
from libimagekit import ImageKit
from libimagekit._upload import PROGRESS_INTERVAL_S

SIZE = 16 << 20


@pytest.fixture(scope="module")
def big_file(tmp_path_factory: pytest.TempPathFactory) -> Tuple[Path, int]:
    path = tmp_path_factory.mktemp("uploads") / "big.bin"
    crc = 0
    with open(path, "wb") as f:
        for i in range(SIZE >> 20):
            chunk = os.urandom(1 << 20)
            crc = zlib.crc32(chunk, crc)
            f.write(chunk)
    return path, crc


def sent_file_part(mock: Mock) -> Any:
    upload = [r for r in mock.requests() if r["path"] == "/api/v1/files/upload"][-1]
    return next(p for p in upload["multipart"] if p["name"] == "file")


@pytest.mark.parametrize("kind", ["path", "open file"])
def test_paths_and_open_files_are_streamed(imagekit: ImageKit, mock: Mock, big_file: Tuple[Path, int], kind: str) -> None:
    path, crc = big_file
    tracing = tracemalloc.is_tracing()
    if not tracing:
        tracemalloc.start()
    tracemalloc.reset_peak()
    base, _ = tracemalloc.get_traced_memory()
    try:
        if kind == "path":
            result = imagekit.upload(file=path, file_name="big.bin")
        else:
            with open(path, "rb") as f:
                result = imagekit.upload(file=f, file_name="big.bin")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        if not tracing:
            tracemalloc.stop()
    peak -= base
    assert result["error"] is None, result
    assert result["response"]["size"] == SIZE
    part = sent_file_part(mock)
    assert part["size"] == SIZE and part["crc32"] == crc and part["filename"] == "big.bin"
    assert peak < SIZE // 16, f"Python allocated {peak} bytes for a {SIZE}-byte upload"


@pytest.mark.parametrize("wrap", [bytes, bytearray, memoryview, io.BytesIO])
def test_memory_inputs(imagekit: ImageKit, mock: Mock, wrap: Any) -> None:
    data = os.urandom(300_000)
    result = imagekit.files.upload(file=wrap(data), file_name="mem.bin", folder="/mem")
    assert result["size"] == len(data)
    assert sent_file_part(mock)["crc32"] == zlib.crc32(data)


def test_a_reader_without_a_file_descriptor(imagekit: ImageKit, mock: Mock) -> None:
    class Reader:
        def __init__(self, data: bytes) -> None:
            self.data = data

        def read(self) -> bytes:
            return self.data

    data = b"from a reader" * 1000
    result = imagekit.upload(file=Reader(data), file_name="r.bin")  # type: ignore[arg-type]
    assert result["response"]["size"] == len(data)


def test_progress_is_bounded_and_on_the_calling_thread(imagekit: ImageKit, big_file: Tuple[Path, int]) -> None:
    path, _ = big_file
    reports: List[Tuple[int, int, int]] = []

    start = time.monotonic()
    imagekit.upload(file=path, file_name="big.bin",
                    progress=lambda sent, total: reports.append((sent, total, threading.get_ident())))
    elapsed = time.monotonic() - start
    assert reports[0][0] == 0 and reports[-1][0] == reports[-1][1] > SIZE
    assert all(r[1] == reports[0][1] for r in reports)
    assert [r[0] for r in reports] == sorted(r[0] for r in reports)
    assert {r[2] for r in reports} == {threading.get_ident()}
    assert len(reports) <= 2 + elapsed / PROGRESS_INTERVAL_S + 1, (len(reports), elapsed)


def test_progress_can_cancel_a_path_upload(imagekit: ImageKit, big_file: Tuple[Path, int]) -> None:
    path, _ = big_file
    with pytest.raises(KeyboardInterrupt):
        imagekit.files.upload(file=path, file_name="big.bin", progress=lambda s, t: (_ for _ in ()).throw(KeyboardInterrupt()))
    assert imagekit.assets.list() == []
