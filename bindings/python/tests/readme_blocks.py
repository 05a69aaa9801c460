"""The code blocks of the imagekitio 2.0.0 README (tests/data/seed_readme.md), and the edits a
user makes to run them on libimagekit: the import line, the keys, the base URLs."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path
from typing import List, Tuple

SEED = Path(__file__).resolve().parent / "data" / "seed_readme.md"

OLD_IMPORT = "from imagekitio import ImageKit"
NEW_IMPORT = "from libimagekit import ImageKit"


def blocks() -> List[Tuple[str, str]]:
    """Every fenced block as (language, dedented text), in README order."""
    text = SEED.read_text(encoding="utf-8")
    return [(lang, _unindent(body)) for lang, body in re.findall(r"```(\w*)\n(.*?)```", text, re.S)]


def _unindent(body: str) -> str:
    """The README indents some blocks as if inside a function; one (list_files) has a closing
    brace at column 0, which `dedent` leaves alone. Its other lines are inside brackets, where
    Python ignores indentation, so dropping the first line's indent is enough there."""
    body = textwrap.dedent(body)
    return body.lstrip(" ") if body.startswith(" ") else body


def python_blocks() -> List[str]:
    return [body for lang, body in blocks() if lang == "python"]


def inline_auth_line() -> str:
    """The README gives this call inline (in backticks), not in a block."""
    text = SEED.read_text(encoding="utf-8")
    found = re.search(r"`(authentication_parameters = imagekit\.get_authentication_parameters\(token, expire\))`", text)
    assert found, "the README's authentication line moved"
    return found.group(1)


def adapt_init(block: str, private_key: str, public_key: str, url_endpoint: str, base_url: str) -> str:
    """The initialization block with the import line, keys and base URLs a user would change."""
    assert OLD_IMPORT in block
    out = block.replace(OLD_IMPORT, NEW_IMPORT)
    out = out.replace("'your private_key'", repr(private_key)).replace("'your public_key'", repr(public_key))
    out = out.replace(
        "url_endpoint = 'your url_endpoint'\n",
        f"url_endpoint = {url_endpoint!r},\n    api_base_url={base_url!r}, upload_base_url={base_url!r}, proxy=''\n",
    )
    assert out.count("private_key=") == 1 and base_url in out, out
    return out
