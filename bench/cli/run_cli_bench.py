"""Benchmark of `imagekit upload -r` against the local ImageKit-compatible server (loopback only).

    python3 bench/cli/run_cli_bench.py [--py-venv VENV]

1. 1,000 files of 64 KiB: `imagekit upload -r --concurrency 8` vs the official Python SDK
   (imagekitio 4.2.0, from VENV, uploading them one by one in a loop) vs
   `curl --parallel --parallel-max 8` (one config file, the same multipart form fields).
2. The resumed run when everything is uploaded (journal only) vs listing the folder
   (`imagekit ls -r --json`, every page).
3. Peak RSS of `imagekit upload -r` for 1,000 and for 10,000 small files.

Uses target/release/{imagekit,ik-mock-server} (cargo build --release -p imagekit-cli -p
ik-mock-server). Without --py-venv the Python row is skipped; make one with
`python3 -m venv /tmp/v && /tmp/v/bin/pip install imagekitio==4.2.0`.
Each upload run starts from an empty server (POST /__mock/reset). One run of each; the figures
vary by a few per cent between runs on a shared machine.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TARGET = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
CLI = os.path.join(TARGET, "release", "imagekit")
MOCK = os.path.join(TARGET, "release", "ik-mock-server")
KEY = "private_key_test"

PY_LOOP = r'''
import os, sys, time
from imagekitio import ImageKit
from imagekitio.constants.url import URL
from imagekitio.models.UploadFileRequestOptions import UploadFileRequestOptions
base, root = sys.argv[1], sys.argv[2]
assert base.startswith("http://127.0.0.1:")
URL.API_BASE_URL = URL.UPLOAD_BASE_URL = base
ik = ImageKit(private_key="private_key_test", public_key="public_key_test", url_endpoint="https://ik.imagekit.io/x")
files = sorted(os.path.join(d, f) for d, _, fs in os.walk(root) for f in fs)
t0 = time.perf_counter()
for p in files:
    rel = os.path.relpath(p, root)
    folder = "/py/" + os.path.dirname(rel)
    with open(p, "rb") as f:
        r = ik.upload_file(file=f, file_name=os.path.basename(p),
                           options=UploadFileRequestOptions(folder=folder, use_unique_file_name=False))
    assert r.file_id, r
print("%.6f" % (time.perf_counter() - t0))
'''


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def control(base, path, method="GET"):
    req = urllib.request.Request(base + path, method=method, data=b"" if method == "POST" else None)
    with urllib.request.urlopen(req) as r:
        return json.loads(r.read() or b"null")


def make_tree(root, n, size):
    for i in range(n):
        d = os.path.join(root, "d%02d" % (i % 10))
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, "f%05d.bin" % i), "wb") as f:
            f.write(os.urandom(size))


def timed(cmd, env=None):
    """Runs cmd under /usr/bin/time; returns (seconds, peak RSS KiB of cmd itself)."""
    with tempfile.NamedTemporaryFile("r") as rss:
        t0 = time.perf_counter()
        p = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", rss.name] + cmd, env=env, stdout=subprocess.DEVNULL)
        s = time.perf_counter() - t0
        if p.returncode != 0:
            raise SystemExit("failed (%d): %s" % (p.returncode, " ".join(cmd)))
        return s, int(rss.read().strip().splitlines()[-1])


def main():
    venv = None
    if "--py-venv" in sys.argv:
        venv = sys.argv[sys.argv.index("--py-venv") + 1]
    for b in (CLI, MOCK):
        if not os.path.exists(b):
            raise SystemExit("missing %s: cargo build --release -p imagekit-cli -p ik-mock-server" % b)
    work = tempfile.mkdtemp(prefix="ik-cli-bench-")
    mock = subprocess.Popen([MOCK, "--no-tls", "--exit-on-stdin-eof"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True)
    base = mock.stdout.readline().strip().split("=", 1)[1]
    assert base.startswith("http://127.0.0.1:"), base
    env = dict(os.environ, IMAGEKIT_PRIVATE_KEY=KEY, IMAGEKIT_API_BASE_URL=base,
               NO_PROXY="127.0.0.1", no_proxy="127.0.0.1")
    rows = []
    try:
        data = os.path.join(work, "data")
        make_tree(data, 1000, 64 * 1024)
        journal = os.path.join(work, "journal.jsonl")
        upload = [CLI, "upload", "-r", data, "--folder", "/cli", "--concurrency", "8", "--quiet",
                  "--no-progress", "--journal", journal]

        control(base, "/__mock/reset", "POST")
        s, rss = timed(upload, env)
        files = control(base, "/__mock/stats")["files"]
        assert files == 1000, files
        rows.append(("imagekit upload -r --concurrency 8", s, rss))
        cli_s = s
        log("cli: %.3f s, peak RSS %d KiB" % (s, rss))

        s_resume, rss_resume = timed(upload, env)
        s_list, _ = timed([CLI, "ls", "/cli", "-r", "--json", "--quiet"], env)
        log("resume: %.3f s; listing: %.3f s" % (s_resume, s_list))

        control(base, "/__mock/reset", "POST")
        cfg = os.path.join(work, "curl.cfg")
        entries = []
        for d, _, fs in sorted(os.walk(data)):
            for name in sorted(fs):
                rel = os.path.relpath(os.path.join(d, name), data)
                entries.append(
                    'url = "%s/api/v1/files/upload"\nuser = "%s:"\noutput = "/dev/null"\n' % (base, KEY)
                    + 'form = "file=@%s"\nform = "fileName=%s"\n' % (os.path.join(d, name), name)
                    + 'form = "folder=/curl/%s"\nform = "useUniqueFileName=false"\n' % os.path.dirname(rel))
        with open(cfg, "w") as f:
            f.write("next\n".join(entries))
        s, rss = timed(["curl", "--silent", "--no-progress-meter", "--fail", "--noproxy", "*", "--parallel", "--parallel-max", "8", "-K", cfg], env)
        assert control(base, "/__mock/stats")["files"] == 1000
        rows.append(("curl --parallel --parallel-max 8", s, rss))
        curl_s = s
        log("curl: %.3f s" % s)

        py_s = None
        if venv:
            control(base, "/__mock/reset", "POST")
            out = subprocess.run([os.path.join(venv, "bin", "python"), "-c", PY_LOOP, base, data],
                                 check=True, capture_output=True, text=True, env=env)
            py_s = float(out.stdout.strip())
            assert control(base, "/__mock/stats")["files"] == 1000
            rows.append(("imagekitio 4.2.0, one by one", py_s, 0))
            log("python: %.3f s" % py_s)

        # Peak RSS against the number of files.
        rss_rows = []
        for n in (1000, 10000):
            control(base, "/__mock/reset", "POST")
            tree = os.path.join(work, "small-%d" % n)
            make_tree(tree, n, 1024)
            s, rss = timed([CLI, "upload", "-r", tree, "--folder", "/rss", "--quiet", "--no-progress",
                            "--journal", os.path.join(work, "rss-%d.jsonl" % n)], env)
            rss_rows.append((n, s, rss))
            log("rss %d files: %d KiB (%.2f s)" % (n, rss, s))
    finally:
        mock.stdin.close()
        mock.wait(timeout=30)
        shutil.rmtree(work, ignore_errors=True)

    print("| 1,000 files of 64 KiB to the local server | seconds | files/s | peak RSS |")
    print("|---|---|---|---|")
    for label, s, rss in rows:
        print("| %s | %.2f | %.0f | %s |" % (label, s, 1000 / s, ("%.1f MiB" % (rss / 1024)) if rss else "-"))
    if py_s:
        print("\nimagekit vs the Python loop: %.1fx faster" % (py_s / cli_s))
    print("imagekit vs curl: %.2fx curl's time" % (cli_s / curl_s))
    print("\nresumed run, everything uploaded (journal only): %.3f s (peak RSS %.1f MiB); listing the folder (`imagekit ls -r`, every page): %.3f s; ratio %.2f"
          % (s_resume, rss_resume / 1024, s_list, s_resume / s_list))
    print("\n| files (1 KiB each) | seconds | peak RSS |\n|---|---|---|")
    for n, s, rss in rss_rows:
        print("| %d | %.2f | %.1f MiB |" % (n, s, rss / 1024))


if __name__ == "__main__":
    main()
