"""Contract test: every operation of ImageKit's OpenAPI spec, called through the package's
generated methods (and its uploads), against Prism serving the spec. Prism answers 4xx when a
request breaks the spec, which fails the call.

Prism is `IK_PRISM_BIN`, else `.tools/prism/node_modules/.bin/prism` (scripts/setup.sh installs
it). Without it the test is skipped, except under CI or IK_REQUIRE_PRISM, where it fails.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import threading
from pathlib import Path
from typing import Any, Callable, Dict, Iterator, List

import pytest

from conftest import REPO, required, settings
from libimagekit import ImageKit, ImageKitError

SPEC = REPO / "tests" / "data" / "openapi" / "imagekit-openapi-v1.0.0.yaml"


@pytest.fixture(scope="module")
def prism() -> Iterator[str]:
    binary = Path(os.environ.get("IK_PRISM_BIN") or REPO / ".tools/prism/node_modules/.bin/prism")
    if not binary.exists() or not SPEC.exists():
        message = f"Prism ({binary}) or the spec ({SPEC}) is missing: run scripts/setup.sh"
        if required():
            pytest.fail(message)
        pytest.skip(message)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([str(binary), "mock", "-h", "127.0.0.1", "-p", str(port), str(SPEC)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    assert proc.stdout is not None
    ready = threading.Event()
    log: List[str] = []

    def read() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            log.append(line)
            if "Prism is listening" in line:
                ready.set()

    threading.Thread(target=read, daemon=True).start()
    try:
        assert ready.wait(120), "Prism did not start:\n" + "".join(log[-20:])
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        proc.stdout.close()


def operations() -> List[Dict[str, Any]]:
    ops: List[Dict[str, Any]] = json.loads((REPO / "docs" / "operations.json").read_text())["operations"]
    return ops


def test_spec_operations_through_the_package(prism: str) -> None:
    samples = json.loads((REPO / "tests" / "data" / "op_samples.json").read_text())
    failures: List[str] = []
    called = 0
    with ImageKit("public_key_test", "private_key_test", "https://ik.imagekit.io/demo",
                  **settings(prism, max_retries=0)) as ik:
        for op in operations():
            if not op["in_spec"]:
                continue
            sample = samples[op["name"]]
            snake = {p["name"]: p["snake"] for p in op["params"]}
            kwargs = {snake[k]: v for k, v in (sample["params"] or {}).items()}
            target: Any = ik
            for part in op["name"].split("."):
                target = getattr(target, part)
            try:
                target(*sample["ids"], **kwargs)
            except ImageKitError as e:
                failures.append(f"{op['name']}: {e}")
            called += 1
        # Scalar upload fields only: the spec types the structured ones (tags, customMetadata, ...)
        # as arrays/objects, which no multipart body can match (tests/it/contract_prism.rs).
        uploads: List[Callable[[], Any]] = [
            lambda: ik.files.upload(file=b"\xff\xd8\xff\xe0 not really a jpeg", file_name="contract.jpg",
                                    folder="/contract", use_unique_file_name=False, is_private_file=False),
            lambda: ik.files.upload(file="https://example.com/a.jpg", file_name="remote.jpg"),
            lambda: ik.beta.v2.files.upload(file=b"v2 bytes", file_name="v2.jpg", is_private_file=False),
            lambda: ik.upload(file=b"seed", file_name="seed.jpg", options={"folder": "/seed"}),
            lambda: ik.list_files({"skip": 0, "limit": 10}),
        ]
        for n, call in enumerate(uploads):
            try:
                result = call()
                if isinstance(result, dict) and result.keys() == {"error", "response"} and result["error"]:
                    failures.append(f"call {n}: {result['error']}")
            except ImageKitError as e:
                failures.append(f"call {n}: {e}")
    assert called >= 40
    assert not failures, "\n".join(failures)
