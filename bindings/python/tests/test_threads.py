"""One client shared by many threads; the GIL released during network calls; close() while calls
are in flight."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any, List

from conftest import PRIVATE_KEY, PUBLIC_KEY, URL_ENDPOINT, Mock, settings
from libimagekit import ClosedClientError, ImageKit


def test_many_threads_share_one_client(imagekit: ImageKit) -> None:
    def work(n: int) -> Any:
        url = imagekit.url({"path": f"/t{n}.jpg", "transformation": [{"width": n}]})
        assert url == f"{URL_ENDPOINT}/tr:w-{n}/t{n}.jpg"
        signed = imagekit.url({"path": f"/t{n}.jpg", "signed": True})
        assert "ik-s=" in signed
        up = imagekit.upload(file=b"thread %d" % n, file_name=f"t{n}.txt", options={"folder": "/threads"})
        assert up["error"] is None, up
        got = imagekit.files.get(up["response"]["fileId"])
        assert got["name"].startswith(f"t{n}")
        return up["response"]["fileId"]

    with ThreadPoolExecutor(max_workers=16) as pool:
        ids = list(pool.map(work, range(64)))
    assert len(set(ids)) == 64
    listed = imagekit.assets.list_all(path="/threads")
    assert sorted(f["fileId"] for f in listed) == sorted(ids)


def test_gil_is_released_during_network_calls(mock: Mock) -> None:
    mock.reset()
    with ImageKit(PUBLIC_KEY, PRIVATE_KEY, URL_ENDPOINT, **settings(mock.url, max_retries=0)) as ik:
        mock.fault(method="GET", path="/v1/files", action="passthrough", delay_ms=800, times=4)
        # Four slow calls in four threads overlap: together they take about one delay, not four.
        start = time.monotonic()
        with ThreadPoolExecutor(max_workers=4) as pool:
            results = list(pool.map(lambda _: ik.list_files(), range(4)))
        elapsed = time.monotonic() - start
        assert all(r["error"] is None for r in results)
        assert elapsed < 2.0, f"4 calls of 0.8 s took {elapsed:.2f} s: the GIL was held"
        # And Python code keeps running in this thread while one call waits on the server.
        mock.fault(method="GET", path="/v1/files", action="passthrough", delay_ms=800)
        done = threading.Event()
        def slow_call() -> None:
            ik.list_files()
            done.set()

        worker = threading.Thread(target=slow_call)
        worker.start()
        time.sleep(0.05)
        spins = 0
        while not done.is_set():
            spins += 1
        worker.join()
        assert spins > 10_000, spins


def test_close_while_calls_are_in_flight(mock: Mock) -> None:
    mock.reset()
    ik = ImageKit(PUBLIC_KEY, PRIVATE_KEY, URL_ENDPOINT, **settings(mock.url, max_retries=0))
    mock.fault(method="GET", path="/v1/files", action="passthrough", delay_ms=300, times=8)
    outcomes: List[str] = []
    lock = threading.Lock()

    def call() -> None:
        try:
            for _ in range(50):
                ik.url({"path": "/a.jpg"})
            result = ik.list_files()
            outcome = "ok" if result["error"] is None else "error"
        except ClosedClientError:
            outcome = "closed"
        with lock:
            outcomes.append(outcome)

    threads = [threading.Thread(target=call) for _ in range(8)]
    for t in threads:
        t.start()
    time.sleep(0.1)
    ik.close()  # the calls in flight finish; the client is freed after the last one
    for t in threads:
        t.join()
    assert len(outcomes) == 8 and set(outcomes) <= {"ok", "closed"}, outcomes
    try:
        ik.url({"path": "/a.jpg"})
    except ClosedClientError:
        pass
    else:
        raise AssertionError("a closed client answered")
