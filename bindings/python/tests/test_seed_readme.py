"""Every Python code block of the imagekitio 2.0.0 README runs on libimagekit against the local
server, unchanged except the import line, keys and base URLs, and gives what the README shows:
the URL examples byte for byte, the signed URL with a signature checked here with hmac."""

from __future__ import annotations

import ast
import hashlib
import hmac
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Dict, List

import pytest

from conftest import PRIVATE_KEY, PUBLIC_KEY, Mock
from readme_blocks import NEW_IMPORT, adapt_init, blocks, inline_auth_line, python_blocks

ENDPOINT = "https://ik.imagekit.io/your_imagekit_id"


def run(block: str, namespace: Dict[str, Any]) -> Any:
    """Executes a block; returns the value of its last statement when that is an expression."""
    tree = ast.parse(block)
    last = tree.body[-1] if tree.body and isinstance(tree.body[-1], ast.Expr) else None
    if last is not None:
        tree.body.pop()
    exec(compile(tree, "<README>", "exec"), namespace)
    if last is None:
        return None
    return eval(compile(ast.Expression(last.value), "<README>", "eval"), namespace)


def expected_after(block_index: int) -> str:
    """The last line of the plain block after a Python block: the README's shown result."""
    all_blocks = blocks()
    lang, text = all_blocks[block_index + 1]
    assert lang == "", f"block {block_index + 1} is not a result block"
    return text.strip().splitlines()[-1]


def block_index(prefix: str) -> int:
    for i, (lang, text) in enumerate(blocks()):
        if lang == "python" and text.lstrip().startswith(prefix):
            return i
    raise AssertionError(f"no README block starts with {prefix!r}")


@pytest.fixture()
def ns(mock: Mock) -> Dict[str, Any]:
    mock.reset()
    namespace: Dict[str, Any] = {}
    init = next(b for b in python_blocks() if "from imagekitio import ImageKit" in b)
    run(adapt_init(init, PRIVATE_KEY, PUBLIC_KEY, ENDPOINT, mock.url), namespace)
    return namespace


def test_the_readme_has_the_blocks_this_test_knows() -> None:
    py = python_blocks()
    assert len(py) == 18, [b[:30] for b in py]
    # The last one is a shell command in a Python fence, not Python: it is the only one not run.
    assert py[-1] == "python sample.py\n"


def test_url_examples_byte_for_byte(ns: Dict[str, Any]) -> None:
    checked = 0
    for i, (lang, text) in enumerate(blocks()):
        if lang != "python" or "imagekit.url(" not in text or '"signed": True' in text:
            continue
        result = run(text, ns)
        assert result is None  # assignments, as in the README
        value = ns.get("imagekit_url", ns.get("image_url"))
        assert value == expected_after(i), text
        ns.pop("imagekit_url", None)
        ns.pop("image_url", None)
        checked += 1
    assert checked == 4


def test_signed_url_with_expiry(ns: Dict[str, Any]) -> None:
    i = block_index('image_url = imagekit.url({\n    "path": "/default-image"')
    before = int(time.time())
    run(blocks()[i][1], ns)
    after = int(time.time())
    url = ns["image_url"]
    shown = expected_after(i)
    # The README's own sample shape (its timestamp and signature come from another key and time).
    assert re.fullmatch(r"https://ik\.imagekit\.io/your_imagekit_id/tr:h-300,w-400/default-image\.jpg"
                        r"\?v=123&ik-t=\d+&ik-s=[0-9a-f]{40}", shown)
    found = re.fullmatch(re.escape(ENDPOINT + "/tr:h-300,w-400/default-image?v=123") + r"&ik-t=(\d+)&ik-s=([0-9a-f]{40})", url)
    assert found, url
    expiry, signature = int(found.group(1)), found.group(2)
    assert before + 300 <= expiry <= after + 300
    signed = f"tr:h-300,w-400/default-image?v=123{expiry}"
    assert signature == hmac.new(PRIVATE_KEY.encode(), signed.encode(), hashlib.sha1).hexdigest()


def test_upload_and_file_management_blocks(ns: Dict[str, Any], mock: Mock) -> None:
    imagekit = ns["imagekit"]
    # File upload, as written: its `file` is a placeholder string, sent as the form field (a URL
    # or base64 text in 2.x); the server refuses it, and 2.x's error result carries its answer.
    block = blocks()[block_index("imagekit.upload(")][1]
    refused = run(block, ns)
    assert refused["response"] is None and refused["error"]["http_status"] == 400, refused
    assert "invalid file parameter" in refused["error"]["message"]
    sent = [r for r in mock.requests() if r["path"] == "/api/v1/files/upload"][-1]
    fields = {p["name"]: p["value"] for p in sent["multipart"]}
    assert fields["file"] == "<url|base_64|binary>" and fields["fileName"] == "my_file_name.jpg"
    # With the placeholder filled in with each kind it names: a URL, base64 text, binary.
    results = []
    for value in ('"https://example.com/cat.jpg"', '"aGVsbG8gd29ybGQ="', 'b"binary data"'):
        results.append(run(block.replace('"<url|base_64|binary>"', value), ns))
    for result in results:
        assert result["error"] is None, result
        # useUniqueFileName defaults to true: ImageKit adds a suffix.
        assert re.fullmatch(r"my_file_name_\w+\.jpg", result["response"]["name"]), result
    upload = results[-1]
    assert upload["response"]["size"] == len(b"binary data")

    # The README leaves these to the user: a stored file, its URL, a purge request id.
    for n in range(10):
        imagekit.upload(file=b"file %d" % n, file_name=f"extra-{n}.txt")
    file_id = upload["response"]["fileId"]
    ns.update(file_id=file_id, full_url=upload["response"]["url"])

    listed = run(blocks()[block_index("imagekit.list_files(")][1], ns)
    assert listed["error"] is None and len(listed["response"]) == 3  # 13 files, skip 10

    details = run(blocks()[block_index("imagekit.get_file_details(file_id)")][1], ns)
    assert details == {"error": None, "response": details["response"]}
    assert details["response"]["fileId"] == file_id

    metadata = run(blocks()[block_index("imagekit.get_metadata(file_id)")][1], ns)
    assert metadata["error"] is None and isinstance(metadata["response"], dict)

    # The README updates the literal id "file_id", which no server has: 2.x's error result.
    updated = run(blocks()[block_index('imagekit.update_file_details("file_id"')][1], ns)
    assert updated["response"] is None
    assert updated["error"]["http_status"] == 404 and updated["error"]["status"] == "not_found"
    assert updated["error"]["message"]
    # The same call on a stored file succeeds and changes it.
    real = run(blocks()[block_index('imagekit.update_file_details("file_id"')][1].replace('"file_id"', "file_id"), ns)
    assert real["error"] is None and real["response"]["tags"] == ["image_tag"]

    purge = run(blocks()[block_index("imagekit.purge_cache(full_url)")][1], ns)
    assert purge["error"] is None and purge["response"]["request_id"]
    ns["cache_request_id"] = purge["response"]["request_id"]
    status = run(blocks()[block_index("imagekit.get_purge_cache_status(")][1], ns)
    assert status == {"error": None, "response": {"status": "Pending"}}

    deleted = run(blocks()[block_index("imagekit.delete_file(file_id)")][1], ns)
    assert deleted == {"error": None, "response": None}
    again = imagekit.get_file_details(file_id)
    assert again["response"] is None and again["error"]["http_status"] == 404


def test_authentication_parameters(ns: Dict[str, Any]) -> None:
    shown = run(blocks()[block_index('{\n    "token": "unique_token"')][1], ns)
    ns.update(token="", expire=0)
    run(inline_auth_line(), ns)
    params = ns["authentication_parameters"]
    assert set(params) == set(shown)
    assert re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}", params["token"])
    assert abs(params["expire"] - (time.time() + 1800)) < 5
    message = (params["token"] + str(params["expire"])).encode()
    assert params["signature"] == hmac.new(PRIVATE_KEY.encode(), message, hashlib.sha1).hexdigest()
    # With both given, as the README's call passes them.
    ns.update(token="your_token", expire=1582269249)
    run(inline_auth_line(), ns)
    assert ns["authentication_parameters"] == {
        "token": "your_token",
        "expire": 1582269249,
        "signature": hmac.new(PRIVATE_KEY.encode(), b"your_token1582269249", hashlib.sha1).hexdigest(),
    }


def test_phash_blocks(ns: Dict[str, Any]) -> None:
    examples = blocks()[block_index("imagekit.phash_distance(")][1].splitlines()
    checked = 0
    for call, comment in zip(examples[0::3], examples[1::3]):
        expected = int(re.match(r"# output: (\d+)", comment).group(1))  # type: ignore[union-attr]
        assert run(call, ns) == expected, call
        checked += 1
    assert checked == 3
    run(blocks()[block_index("def calculate_distance():")][1], ns)
    ns.update(first_hash="2d5ad3936d2e015b", second_hash="2d6ed293db36a4fb")
    assert ns["calculate_distance"]() == 17


def test_readme_snippets_type_check(tmp_path: Path) -> None:
    """mypy accepts the README's code as a user's module (the names it leaves to the user declared)."""
    body: List[str] = [
        "file_id: str = ''", "full_url: str = ''", "cache_request_id: str = ''",
        "token: str = ''", "expire: int = 0", "first_hash: str = ''", "second_hash: str = ''",
    ]
    for text in python_blocks()[:-1]:
        body.append(text.replace("from imagekitio import ImageKit", NEW_IMPORT))
    body.append(inline_auth_line())
    module = tmp_path / "readme_snippets.py"
    module.write_text("\n".join(body) + "\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "mypy", "--no-incremental", str(module)],
                            capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
