"""Fixtures: the repository's local ImageKit-compatible server (ik-mock-server) on 127.0.0.1,
started once per session, and clients pointed at it.

The server binary is `IK_MOCK_SERVER_BIN`, else `<target>/debug/ik-mock-server` after
`cargo build -p ik-mock-server` (run here when cargo is available).
"""

from __future__ import annotations

import json
import os
import subprocess
import urllib.request
from pathlib import Path
from typing import Any, Dict, Iterator

import pytest

from libimagekit import ImageKit

REPO = Path(__file__).resolve().parents[3]
DATA = Path(__file__).resolve().parent / "data"
PRIVATE_KEY = "private_key_test"
PUBLIC_KEY = "public_key_test"
URL_ENDPOINT = "https://ik.imagekit.io/your_imagekit_id"


def required() -> bool:
    """Under CI a missing tool fails the test instead of skipping it."""
    return bool(os.environ.get("CI") or os.environ.get("IK_REQUIRE_PRISM"))


def _target_dir() -> Path:
    target = Path(os.environ.get("CARGO_TARGET_DIR") or REPO / "target")
    return target if target.is_absolute() else REPO / target


def _mock_binary() -> Path:
    if os.environ.get("IK_MOCK_SERVER_BIN"):
        return Path(os.environ["IK_MOCK_SERVER_BIN"])
    subprocess.run(["cargo", "build", "-q", "-p", "ik-mock-server"], cwd=REPO, check=True)
    return _target_dir() / "debug" / "ik-mock-server"


class Mock:
    def __init__(self, url: str) -> None:
        self.url = url

    def control(self, method: str, path: str, body: Any = None) -> Any:
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.url + path, data=data, method=method)
        with urllib.request.urlopen(req, timeout=30) as resp:
            text = resp.read().decode()
        return json.loads(text) if text else None

    def reset(self) -> None:
        self.control("POST", "/__mock/reset")

    def fault(self, **fault: Any) -> None:
        self.control("POST", "/__mock/faults", fault)

    def requests(self) -> Any:
        return self.control("GET", "/__mock/requests")


@pytest.fixture(scope="session")
def mock() -> Iterator[Mock]:
    proc = subprocess.Popen(
        [str(_mock_binary()), "--no-tls", "--exit-on-stdin-eof",
         "--private-key", PRIVATE_KEY, "--public-key", PUBLIC_KEY],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    line = proc.stdout.readline().strip()
    assert line.startswith("IK_MOCK_URL="), f"ik-mock-server printed {line!r}"
    try:
        yield Mock(line.split("=", 1)[1])
    finally:
        assert proc.stdin is not None
        proc.stdin.close()
        proc.wait(timeout=30)
        proc.stdout.close()


def settings(base_url: str, **extra: Any) -> Dict[str, Any]:
    return {"api_base_url": base_url, "upload_base_url": base_url, "proxy": "", **extra}


@pytest.fixture()
def imagekit(mock: Mock) -> Iterator[ImageKit]:
    mock.reset()
    with ImageKit(private_key=PRIVATE_KEY, public_key=PUBLIC_KEY, url_endpoint=URL_ENDPOINT,
                  **settings(mock.url, max_retries=0)) as client:
        yield client
