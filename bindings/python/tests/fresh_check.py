"""The fresh-install check: run with only `pip install ./bindings/python` done in a new venv.

    python fresh_check.py /path/to/ik-mock-server

Runs the seed README's initialization (its import line changed), its URL examples (checked byte
for byte) and an upload / list / delete against the local server. Standard library only.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any, Dict

sys.path.insert(0, str(Path(__file__).resolve().parent))
from readme_blocks import adapt_init, blocks  # noqa: E402


def main() -> int:
    server = subprocess.Popen([sys.argv[1], "--no-tls", "--exit-on-stdin-eof"],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert server.stdout is not None and server.stdin is not None
    base_url = server.stdout.readline().strip().split("=", 1)[1]
    try:
        ns: Dict[str, Any] = {}
        all_blocks = blocks()
        init = next(text for lang, text in all_blocks if "from imagekitio import ImageKit" in text)
        exec(adapt_init(init, "private_key_test", "public_key_test", "https://ik.imagekit.io/your_imagekit_id", base_url), ns)
        import libimagekit

        assert Path(libimagekit.__file__).resolve().is_relative_to(Path(sys.prefix).resolve()), libimagekit.__file__
        checked = 0
        for i, (lang, text) in enumerate(all_blocks):
            if lang == "python" and "imagekit.url(" in text and '"signed": True' not in text:
                exec(text, ns)
                got = ns.pop("image_url", None) or ns.pop("imagekit_url")
                want = all_blocks[i + 1][1].strip().splitlines()[-1]
                print(got)
                assert got == want, (got, want)
                checked += 1
        assert checked == 4
        imagekit = ns["imagekit"]
        uploaded = imagekit.upload(file=b"fresh install", file_name="fresh.txt")
        assert uploaded["error"] is None, uploaded
        listed = imagekit.list_files({"skip": 0, "limit": 10})
        assert [f["fileId"] for f in listed["response"]] == [uploaded["response"]["fileId"]]
        assert imagekit.delete_file(uploaded["response"]["fileId"]) == {"error": None, "response": None}
        print(f"fresh install ok: {libimagekit.library_version} from {Path(libimagekit.__file__).parent}")
        return 0
    finally:
        server.stdin.close()
        server.wait(timeout=30)


if __name__ == "__main__":
    sys.exit(main())
