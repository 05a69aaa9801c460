"""The newest SDKs' helpers through the package: the modern URL builder on the official vectors
(snake_case keyword arguments), responsive image attributes, webhook verification on the
repository's vectors, the official authentication-parameter vectors."""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path
from typing import Any, Dict

import pytest

from libimagekit import ImageKit, InvalidArgumentError
from libimagekit._native import ffi, lib

REPO_DATA = Path(__file__).resolve().parents[3] / "tests" / "data"
# Where the library deliberately differs from @imagekit/nodejs 7 (the reasons are given with the
# Rust test of the same vectors, tests/it/ffi_url_modern.rs).
DELIBERATE_DIFFERENCES = {"new-0212", "new-0292"}


def snake(name: str) -> str:
    return re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name).lower()


def raw_build(client: ImageKit, options: Dict[str, Any]) -> str:
    out = ffi.new("char **")
    status = lib.ik_build_url(client._core._ptr, json.dumps(options).encode(), out)
    text = ffi.string(out[0]).decode()
    lib.ik_string_free(out[0])
    return text if status == 0 else f"error {status}: {text}"


def test_modern_builder_on_the_official_vectors() -> None:
    cases = json.loads((REPO_DATA / "url_modern_official.json").read_text())["cases"]
    clients: Dict[str, ImageKit] = {}
    checked = 0
    for case in cases:
        if case["kind"] == "build_transformation_string":
            helper = ImageKit("p", "k", "https://unused.example/x").helper
            assert helper.build_transformation_string(case["args"][0]) == case["output"], case["id"]
            continue
        if case["kind"] != "build_src":
            continue
        key = case["private_key"]
        client = clients.setdefault(key, ImageKit("public", key, "https://unused.example/x"))
        options = {**case["options"], "now": case["now"]}
        try:
            got = client.helper.build_url(**{snake(k): v for k, v in options.items()})
        except InvalidArgumentError as e:
            got = f"error: {e}"
        assert got == raw_build(client, options) or got.startswith("error"), case["id"]
        if case["id"] in DELIBERATE_DIFFERENCES:
            assert got != case["output"], case["id"]
        else:
            assert got == case["output"], (case["id"], got, case["output"])
        checked += 1
    assert checked == 125


def test_responsive_image_attributes() -> None:
    ik = ImageKit("public", "private", "https://ik.imagekit.io/demo")
    attrs = ik.helper.get_responsive_image_attributes(src="/a.jpg", width=400)
    assert attrs["width"] == 400
    assert attrs["src"].startswith("https://ik.imagekit.io/demo/a.jpg?tr=")
    assert re.fullmatch(r"\S+ 1x, \S+ 2x", attrs["srcSet"]), attrs
    sized = ik.helper.get_responsive_image_attributes(src="/a.jpg", sizes="50vw", device_breakpoints=[640, 1200])
    assert sized["sizes"] == "50vw" and "1200w" in sized["srcSet"]


def test_webhook_vectors() -> None:
    doc = json.loads((REPO_DATA / "webhook_vectors.json").read_text())
    ik = ImageKit("public", "private", "https://ik.imagekit.io/demo")
    for case in doc["cases"]:
        options = case.get("options") or {}
        body = case["body"].encode() if "body" in case else base64.b64decode(case["body_b64"])

        def call() -> Any:
            return ik.webhooks.unwrap(body, case["headers"], secret=case["secret"], **options)

        if case["expect"] == "ok":
            assert call() == json.loads(body), case["name"]
        else:
            with pytest.raises(InvalidArgumentError) as err:
                call()
            assert err.value.document.get("reason") == case["expect"], case["name"]
            assert case["secret"] not in str(err.value)
    # The client's own secret is the default.
    first = doc["cases"][0]
    with ImageKit("public", "private", "https://ik.imagekit.io/demo", webhook_secret=first["secret"]) as own:
        assert own.webhooks.unwrap(first["body"].encode(), first["headers"], **first["options"])["id"] == "evt_2Xf1"


def test_authentication_parameter_vectors() -> None:
    doc = json.loads((REPO_DATA / "auth_official.json").read_text())
    for case in doc["auth_params"]:
        if case.get("token_random"):
            continue
        ik = ImageKit("public", case["private_key"], "https://ik.imagekit.io/demo")
        got = ik.get_authentication_parameters(case["token"], int(case["expire"]))
        assert got["signature"] == case["expected"]["signature"], case["id"]
        assert got["token"] == case["token"] and got["expire"] == int(case["expire"])
        assert ik.helper.get_authentication_parameters(case["token"], int(case["expire"])) == got


def test_phash_vectors() -> None:
    doc = json.loads((REPO_DATA / "phash_official.json").read_text())
    cases = next(v for k, v in doc.items() if isinstance(v, list))
    for case in cases:
        if "sdk_disagree" in case["tags"] and isinstance(case["expected"], int):
            # imagekitio counts unequal lengths as a distance; the library refuses them (as
            # tests/it/ffi_url.rs says): a clear TypeError here.
            with pytest.raises(TypeError, match="length"):
                ImageKit.phash_distance(case["a"], case["b"])
        elif isinstance(case["expected"], int):
            assert ImageKit.phash_distance(case["a"], case["b"]) == case["expected"], case["id"]
        else:
            # imagekitio raises TypeError for a missing or an invalid value (the Node SDK's
            # ValueError for invalid hex is a different language's convention).
            with pytest.raises(TypeError):
                ImageKit.phash_distance(case["a"], case["b"])
