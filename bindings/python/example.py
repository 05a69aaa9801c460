#!/usr/bin/env python3
"""libimagekit from Python through ctypes: build a URL, upload a file, list files.

The library is found through IMAGEKIT_LIB (a path to libimagekit.so), else next to this
repository's build (target/release, target/debug, or $CARGO_TARGET_DIR), else through the
system's loader (ctypes.util.find_library, e.g. after `make install`).

Configuration: IMAGEKIT_PRIVATE_KEY / IMAGEKIT_PUBLIC_KEY / IMAGEKIT_URL_ENDPOINT for your
account, or else the test keys and IK_BASE_URL (or IK_TEST_BASE_URL) naming a local
ImageKit-compatible server such as `ik-mock-server`. Without either, only the URL part runs.

The wrapper below is deliberately small; the pattern for every other ik_* function is the same:
strings in as UTF-8 bytes, an out-parameter `char **` read as a c_void_p, copied, then freed
with ik_string_free.
"""

import ctypes
import ctypes.util
import json
import os
import sys
from pathlib import Path

STATUS_OK = 0

PROGRESS = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_uint64, ctypes.c_uint64)


def load_library():
    candidates = []
    if os.environ.get("IMAGEKIT_LIB"):
        candidates.append(Path(os.environ["IMAGEKIT_LIB"]))
    repo = Path(__file__).resolve().parents[2]
    target = Path(os.environ.get("CARGO_TARGET_DIR") or repo / "target")
    if not target.is_absolute():
        target = repo / target
    candidates += [target / "release" / "libimagekit.so", target / "debug" / "libimagekit.so"]
    for path in candidates:
        if path.is_file():
            return ctypes.CDLL(str(path))
    found = ctypes.util.find_library("imagekit")
    if found:
        return ctypes.CDLL(found)
    sys.exit("libimagekit.so not found: build it (make) or set IMAGEKIT_LIB")


lib = load_library()

# Signatures. Every returned `char *` is declared c_void_p so that its address survives to be
# passed back to ik_string_free (a c_char_p result would be converted to bytes and leaked).
lib.ik_version.restype = ctypes.c_char_p
lib.ik_status_str.argtypes = [ctypes.c_uint32]
lib.ik_status_str.restype = ctypes.c_char_p
lib.ik_string_free.argtypes = [ctypes.c_void_p]
lib.ik_string_free.restype = None
lib.ik_client_new.argtypes = [ctypes.c_char_p, ctypes.POINTER(ctypes.c_void_p), ctypes.POINTER(ctypes.c_void_p)]
lib.ik_client_new.restype = ctypes.c_uint32
lib.ik_client_free.argtypes = [ctypes.c_void_p]
lib.ik_client_free.restype = None
lib.ik_url.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.POINTER(ctypes.c_void_p)]
lib.ik_url.restype = ctypes.c_uint32
lib.ik_list_files.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.POINTER(ctypes.c_void_p)]
lib.ik_list_files.restype = ctypes.c_uint32
lib.ik_delete_file.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.POINTER(ctypes.c_void_p)]
lib.ik_delete_file.restype = ctypes.c_uint32
lib.ik_upload_file_bytes.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_size_t, ctypes.c_char_p,
                                     PROGRESS, ctypes.c_void_p, ctypes.POINTER(ctypes.c_void_p)]
lib.ik_upload_file_bytes.restype = ctypes.c_uint32


class ImageKitError(Exception):
    """A failed call: `status` (the ik_status code), `http_status` and the error document."""

    def __init__(self, status, document):
        self.status = status
        self.document = document
        self.http_status = document.get("http_status")
        super().__init__(f"{document.get('status') or lib.ik_status_str(status).decode()}: "
                         f"{document.get('message', '')}")


def _take(status, out):
    """Copies and frees an out string; raises ImageKitError unless status is OK."""
    text = ctypes.string_at(out.value).decode() if out.value else ""
    lib.ik_string_free(out)
    if status != STATUS_OK:
        raise ImageKitError(status, json.loads(text) if text else {})
    return text


class ImageKit:
    def __init__(self, **config):
        out, err = ctypes.c_void_p(), ctypes.c_void_p()
        status = lib.ik_client_new(json.dumps(config).encode(), ctypes.byref(out), ctypes.byref(err))
        _take(status, err)
        self._client = out

    def close(self):
        if self._client:
            lib.ik_client_free(self._client)
            self._client = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def url(self, options):
        """The seed SDK's url(): dict order is kept, which matters for transformations."""
        out = ctypes.c_void_p()
        return _take(lib.ik_url(self._client, json.dumps(options).encode(), ctypes.byref(out)), out)

    def upload_bytes(self, data, options, progress=None):
        def on_progress(_userdata, sent, total):
            try:
                return 0 if progress is None or progress(sent, total) is not False else 1
            except Exception:  # never let an exception unwind into C
                return 1

        callback = PROGRESS(on_progress)  # kept alive for the duration of the call
        out = ctypes.c_void_p()
        status = lib.ik_upload_file_bytes(self._client, data, len(data), json.dumps(options).encode(),
                                          callback, None, ctypes.byref(out))
        return json.loads(_take(status, out))

    def list_files(self, options=None):
        out = ctypes.c_void_p()
        return json.loads(_take(lib.ik_list_files(self._client, json.dumps(options or {}).encode(),
                                                  ctypes.byref(out)), out))

    def delete_file(self, file_id):
        out = ctypes.c_void_p()
        return json.loads(_take(lib.ik_delete_file(self._client, file_id.encode(), ctypes.byref(out)), out))


def main():
    env = os.environ
    real = all(env.get(k) for k in ("IMAGEKIT_PRIVATE_KEY", "IMAGEKIT_PUBLIC_KEY", "IMAGEKIT_URL_ENDPOINT"))
    base_url = env.get("IK_BASE_URL") or env.get("IK_TEST_BASE_URL")
    if real:
        config = dict(private_key=env["IMAGEKIT_PRIVATE_KEY"], public_key=env["IMAGEKIT_PUBLIC_KEY"],
                      url_endpoint=env["IMAGEKIT_URL_ENDPOINT"])
    else:
        config = dict(private_key="private_key_test", public_key="public_key_test",
                      url_endpoint="https://ik.imagekit.io/your_imagekit_id")
        if base_url:
            config.update(api_base_url=base_url, upload_base_url=base_url)

    print(lib.ik_version().decode())
    with ImageKit(**config) as ik:
        print("url:", ik.url({
            "path": "/default-image.jpg",
            "transformation": [{"height": "300", "width": "400"}, {"rotation": 90}],
        }))
        print("signed url:", ik.url({"path": "/default-image.jpg", "signed": True}))

        try:
            ik.url({"path": "/x.jpg", "transformation_position": "sideways"})
        except ImageKitError as e:
            print("bad options rejected:", e)

        if not (real or base_url):
            print("set IK_BASE_URL or IMAGEKIT_* to upload and list")
            return

        seen = []
        uploaded = ik.upload_bytes(b"hello from ctypes\n" * 100,
                                   {"fileName": "ctypes.txt", "folder": "/python", "tags": ["python"]},
                                   progress=lambda sent, total: seen.append((sent, total)))
        print("uploaded:", uploaded["fileId"], uploaded["filePath"], f"({len(seen)} progress reports, "
              f"last {seen[-1][0]}/{seen[-1][1]} bytes)")

        files = ik.list_files({"tags": ["python"]})
        print("listed:", [f["filePath"] for f in files])
        assert uploaded["fileId"] in [f["fileId"] for f in files]

        ik.delete_file(uploaded["fileId"])
        try:
            ik.delete_file(uploaded["fileId"])
        except ImageKitError as e:
            print("deleted; deleting again:", e, f"(HTTP {e.http_status})")
        else:
            sys.exit("deleting a deleted file did not fail")


if __name__ == "__main__":
    main()
