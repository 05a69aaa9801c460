#!/usr/bin/env python3
"""Side-by-side benchmark: libimagekit (C ABI and Go binding) against the official SDKs.

    make bench                      # = python3 bench/run.py
    python3 bench/run.py --quick    # shorter runs, smaller upload (a smoke test)

Steps (each prints what it does to stderr; the report goes to stdout):
 1. install the official SDKs into bench/.sdk/ (gitignored; reused when the versions match):
    imagekitio 4.2.0 and 5.11.0 (PyPI, one venv each), `imagekit` 6.0.0 and `@imagekit/nodejs`
    7.11.0 (npm), `github.com/imagekit-developer/imagekit-go/v2` (Go module proxy: the
    version it serves for @latest, else $IK_BENCH_GO_SDK, default v2.10.0);
 2. build the release library, the mock server and the harnesses in bench/sdk/;
 3. verify: every implementation builds every workload of bench/workloads.json; URLs must equal
    the C ABI's byte for byte (ik-t/ik-s aside when the URL expires), or, for a newer SDK's
    format, be the same URL once percent-decoded with each step's parameters sorted; every
    signature (ik-s) must verify against HMAC-SHA1 of the URL's own payload; ik-t must be
    now + expire_seconds; auth parameters must equal the official vector, and with the
    defaults (auth_defaults: a new token each call) carry a signature that verifies and an
    expiry of now + 1800. Any failure stops;
 4. time: each implementation, each CPU workload, pinned to one core (taskset), best of RUNS
    runs of at least MIN_SECONDS each, over ROUNDS rounds that alternate the implementations
    (the best of all is kept: the machine is shared, so the best run is the least disturbed);
 5. callgrind: instructions per call of the URL workloads and auth through the C ABI and the
    Go binding (deterministic: the figure to watch for regressions);
 6. network, against the bundled mock server on 127.0.0.1 only: 10,000 sequential keep-alive
    get_file_details calls (after 100 warm-up calls) and one upload of a 512 MiB file from
    disk, with each process's peak RSS (/usr/bin/time %M) and the server's byte count checked;
 7. print one table of rates and ratios, and the targets; the raw figures go to
    bench/.sdk/last-run.json.

Environment: IK_BENCH_CPU (the core to pin to, default the last one), IK_BENCH_SKIP_NET=1,
UPLOAD_MIB (512), CALLS (10000), CARGO_TARGET_DIR. Exit status 0 when every step succeeded
(a missed target is reported, not a failure).
"""

import hashlib
import hmac
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
SDK_DIR = os.path.join(HERE, ".sdk")
QUICK = "--quick" in sys.argv
MIN_SECONDS = 0.1 if QUICK else 0.3
RUNS = 3 if QUICK else 5
ROUNDS = 1 if QUICK else 4
CALLS = int(os.environ.get("CALLS", "1000" if QUICK else "10000"))
WARMUP = 100
UPLOAD_MIB = int(os.environ.get("UPLOAD_MIB", "32" if QUICK else "512"))
CG_CALLS = 20000 if QUICK else 100000
KEY = "private_key_test"

PY_VERSIONS = ["4.2.0", "5.11.0"]
NODE_PACKAGES = [("imagekit", "6.0.0"), ("@imagekit/nodejs", "7.11.0")]
GO_SDK = "github.com/imagekit-developer/imagekit-go/v2"
GO_SDK_FALLBACK = os.environ.get("IK_BENCH_GO_SDK", "v2.10.0")

TARGET_DIR = os.path.abspath(os.environ.get("CARGO_TARGET_DIR", os.path.join(REPO, "target")))
RELEASE = os.path.join(TARGET_DIR, "release")
BIN = os.path.join(SDK_DIR, "bin")

# No request of this benchmark may leave the machine.
for var in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
    os.environ.pop(var, None)
os.environ["NO_PROXY"] = os.environ["no_proxy"] = "127.0.0.1,localhost"


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def run(cmd, **kw):
    """Runs cmd, returns stdout; stops the benchmark on failure."""
    kw.setdefault("cwd", REPO)
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw)
    if p.returncode != 0:
        log("FAILED: %s\n%s%s" % (" ".join(shlex.quote(c) for c in cmd), p.stdout[-4000:], p.stderr[-4000:]))
        sys.exit(1)
    return p.stdout


def cpu():
    return os.environ.get("IK_BENCH_CPU", str(os.cpu_count() - 1))


def pinned(cmd):
    return (["taskset", "-c", cpu()] if shutil.which("taskset") else []) + cmd


# ----------------------------------------------------------------------------------------------
# 1-2. Installs and builds
# ----------------------------------------------------------------------------------------------


class Impl:
    """One implementation: how to run its harness, and what it is."""

    def __init__(self, key, label, cmd, env=None, new_format=False, version=""):
        self.key, self.label, self.cmd, self.env = key, label, cmd, env
        self.new_format, self.version = new_format, version

    def __call__(self, *args, pin=False, **kw):
        cmd = self.cmd + list(args)
        env = dict(os.environ, **(self.env or {}))
        return run(pinned(cmd) if pin else cmd, env=env, **kw)


def installed_py(venv, version):
    py = os.path.join(venv, "bin", "python")
    if not os.path.exists(py):
        return False
    code = "import importlib.metadata as m, sys; sys.exit(m.version('imagekitio') != %r)" % version
    return subprocess.run([py, "-c", code], capture_output=True).returncode == 0


def setup_python():
    impls = []
    for version in PY_VERSIONS:
        venv = os.path.join(SDK_DIR, "py-" + version)
        if not installed_py(venv, version):
            log("== pip install imagekitio==%s into %s" % (version, venv))
            run([sys.executable, "-m", "venv", "--clear", venv])
            run([os.path.join(venv, "bin", "pip"), "install", "--quiet", "imagekitio==" + version])
        py = os.path.join(venv, "bin", "python")
        impls.append(Impl("py" + version, "imagekitio %s (Python)" % version,
                          [py, os.path.join(HERE, "sdk", "py_sdk.py")], new_format=version >= "5",
                          version=version))
    return impls


def setup_node():
    impls = []
    for pkg, version in NODE_PACKAGES:
        d = os.path.join(SDK_DIR, "node-%s-%s" % (pkg.replace("/", "_").replace("@", ""), version))
        pj = os.path.join(d, "node_modules", *pkg.split("/"), "package.json")
        if not (os.path.exists(pj) and json.load(open(pj)).get("version") == version):
            log("== npm install %s@%s into %s" % (pkg, version, d))
            os.makedirs(d, exist_ok=True)
            with open(os.path.join(d, "package.json"), "w") as f:
                json.dump({"name": "ik-bench-sdk", "private": True}, f)
            run(["npm", "install", "--no-audit", "--no-fund", "--silent", "%s@%s" % (pkg, version)], cwd=d)
        impls.append(Impl("node-" + pkg, "%s %s (Node %s)" % (pkg, version, run(["node", "--version"]).strip()),
                          ["node", os.path.join(HERE, "sdk", "node_sdk.js"), pkg],
                          env={"NODE_PATH": os.path.join(d, "node_modules")}, new_format=version >= "7",
                          version=version))
    return impls


def setup_go_sdk():
    d = os.path.join(SDK_DIR, "gosdk")
    os.makedirs(d, exist_ok=True)
    shutil.copy(os.path.join(HERE, "sdk", "gosdk", "main.go"), os.path.join(d, "main.go"))
    env = dict(os.environ, GOFLAGS="-mod=mod", GOWORK="off")
    if not os.path.exists(os.path.join(d, "go.mod")):
        run(["go", "mod", "init", "ikbench/gosdk"], cwd=d, env=env)
    have = subprocess.run(["go", "list", "-m", "-f", "{{.Version}}", GO_SDK], cwd=d, env=env,
                          capture_output=True, text=True)
    if have.returncode != 0 or not have.stdout.strip():
        log("== go get %s (module proxy)" % GO_SDK)
        got = subprocess.run(["go", "get", GO_SDK + "@latest"], cwd=d, env=env, capture_output=True, text=True)
        if got.returncode != 0:
            log("   @latest not served (%s); asking for %s" % (got.stderr.strip().splitlines()[-1], GO_SDK_FALLBACK))
            run(["go", "get", "%s@%s" % (GO_SDK, GO_SDK_FALLBACK)], cwd=d, env=env)
        run(["go", "mod", "tidy"], cwd=d, env=env)
    version = run(["go", "list", "-m", "-f", "{{.Version}}", GO_SDK], cwd=d, env=env).strip()
    exe = os.path.join(BIN, "gosdk")
    run(["go", "build", "-o", exe, "."], cwd=d, env=env)
    go = run(["go", "env", "GOVERSION"]).strip()
    return Impl("gosdk", "imagekit-go %s (%s)" % (version, go), [exe], new_format=True, version=version)


def build_ours():
    log("== cargo build --release -p imagekit -p ik-mock-server")
    run(["cargo", "build", "--release", "--quiet", "-p", "imagekit", "-p", "ik-mock-server"],
        env=dict(os.environ, CARGO_TARGET_DIR=TARGET_DIR))
    os.makedirs(BIN, exist_ok=True)
    cc = os.environ.get("CC", "cc")
    inc = "-I" + os.path.join(REPO, "include")
    link = ["-L" + RELEASE, "-Wl,-rpath," + RELEASE, "-limagekit"]
    for src, name in (("sdk/cabi.c", "cabi"), ("net/details_bench.c", "details_bench"),
                      ("net/upload_bench.c", "upload_bench")):
        run([cc, "-O2", "-std=c11", "-Wall", "-Wextra", "-Werror", inc, os.path.join(HERE, src), "-o",
             os.path.join(BIN, name)] + link)
    exe = os.path.join(BIN, "gobinding")
    env = dict(os.environ, CGO_ENABLED="1", GOFLAGS="-mod=mod", GOPROXY="off", GOWORK="off",
               CGO_CFLAGS="-O2 " + inc, CGO_LDFLAGS=" ".join(link))
    run(["go", "build", "-tags", "imagekit_external", "-o", exe, "."], cwd=os.path.join(HERE, "sdk", "gobinding"),
        env=env)
    version = run(["sed", "-n", 's/^version *= *"\\([^"]*\\)".*/\\1/p', os.path.join(REPO, "Cargo.toml")]).split()[0]
    go = run(["go", "env", "GOVERSION"]).strip()
    cabi = Impl("cabi", "libimagekit %s, C ABI" % version, [os.path.join(BIN, "cabi")], version=version)
    gob = Impl("gobinding", "libimagekit %s, Go binding (%s)" % (version, go), [exe], version=version)
    return cabi, gob


# ----------------------------------------------------------------------------------------------
# 3. Verification
# ----------------------------------------------------------------------------------------------


def workload_args(w):
    args = []
    for u in w["url"]:
        args += [u["id"], json.dumps(u["options"], separators=(",", ":"))]
    return args + ["auth", w["auth"]["token"], str(w["auth"]["expire"]), "auth_defaults"]


def outputs(text):
    out = {}
    for line in text.splitlines():
        if line.startswith("OUT "):
            _, wid, value = line.split(" ", 2)
            out[wid] = value
    return out


SIG = re.compile(r"[?&]ik-t=(\d+)&ik-s=([0-9a-f]{40})$|[?&]ik-s=([0-9a-f]{40})$")


def split_signature(url):
    """(url without the ik-t/ik-s parameters, expiry or None, signature or None)."""
    m = SIG.search(url)
    if not m:
        return url, None, None
    return url[: m.start()], m.group(1), m.group(2) or m.group(3)


def signature_ok(url, endpoint):
    base, expiry, sig = split_signature(url)
    ep = endpoint if endpoint.endswith("/") else endpoint + "/"
    payload = base.replace(ep, "", 1) + (expiry or "9999999999")
    return hmac.compare_digest(hmac.new(KEY.encode(), payload.encode(), hashlib.sha1).hexdigest(), sig or "")


def normalized(url):
    """The URL percent-decoded, duplicate slashes in its path folded, each transformation step's
    parameters sorted: how the newer SDKs' format is compared with the seed's."""
    u = urllib.parse.urlsplit(urllib.parse.unquote(url))
    path = re.sub("/+", "/", u.path)

    def steps(tr):
        return ":".join(",".join(sorted(s.split(","))) for s in tr.split(":"))

    path = re.sub(r"/tr:([^/]+)", lambda m: "/tr:" + steps(m.group(1)), path)
    query = "&".join("tr=" + steps(p[3:]) if p.startswith("tr=") else p for p in u.query.split("&") if p)
    return "%s://%s%s?%s" % (u.scheme, u.netloc, path, query)


def verify(impls, w, client_endpoint):
    args = workload_args(w)
    ref = None
    verdicts = {}
    for impl in impls:
        t0 = int(time.time())
        got = outputs(impl("verify", *args))
        t1 = int(time.time()) + 1
        if ref is None:
            ref = got  # the C ABI comes first: it is the reference
        for u in w["url"]:
            wid, opts = u["id"], u["options"]
            url = got.get(wid)
            problems = []
            if not url:
                problems.append("no output")
            else:
                base, expiry, sig = split_signature(url)
                rbase, _, _ = split_signature(ref[wid])
                if opts.get("signed"):
                    if not signature_ok(url, opts.get("url_endpoint", client_endpoint)):
                        problems.append("signature does not verify")
                    want = opts.get("expire_seconds")
                    if want and not (expiry and t0 + want <= int(expiry) <= t1 + want):
                        problems.append("ik-t %s not in now+%d" % (expiry, want))
                if url == ref[wid] or (expiry and base == rbase):
                    verdict = "identical"
                elif normalized(base) == normalized(rbase):
                    verdict = "equivalent"
                else:
                    problems.append("differs from the C ABI's %s" % ref[wid])
            if problems:
                log("VERIFY FAILED: %s %s: %s\n  got %s" % (impl.label, wid, "; ".join(problems), url))
                sys.exit(1)
            if verdict != "identical" and not impl.new_format and impl.key in ("cabi", "gobinding"):
                log("VERIFY FAILED: %s %s must be identical to the C ABI's\n  got %s" % (impl.label, wid, url))
                sys.exit(1)
            verdicts[(impl.key, wid)] = verdict
        a = w["auth"]
        want = "token=%s expire=%s signature=%s" % (a["token"], a["expire"], a["signature"])
        if got.get("auth") != want:
            log("VERIFY FAILED: %s auth: got %s, want %s" % (impl.label, got.get("auth"), want))
            sys.exit(1)
        verdicts[(impl.key, "auth")] = "identical"
        # Defaults: a fresh token each call, so the signature is checked instead of compared.
        m = re.fullmatch(r"token=(\S+) expire=(-?\d+) signature=([0-9a-f]{40})", got.get("auth_defaults", ""))
        life = w["auth_defaults"]["lifetime"]
        if not m or not (t0 + life <= int(m.group(2)) <= t1 + life) or not hmac.compare_digest(
                hmac.new(KEY.encode(), (m.group(1) + m.group(2)).encode(), hashlib.sha1).hexdigest(), m.group(3)):
            log("VERIFY FAILED: %s auth_defaults: got %s (want a token, expire now+%d, a signature that verifies)"
                % (impl.label, got.get("auth_defaults"), life))
            sys.exit(1)
        verdicts[(impl.key, "auth_defaults")] = "verified"
        log("   %-45s ok (%s)" % (impl.label, ", ".join(sorted(set(v for (k, _), v in verdicts.items() if k == impl.key)))))
    return verdicts, ref


# ----------------------------------------------------------------------------------------------
# 4-5. Timing and instruction counts
# ----------------------------------------------------------------------------------------------


def time_all(impls, w):
    args = workload_args(w)
    best = {}
    for r in range(ROUNDS):
        for impl in impls:
            log("   round %d/%d: %s" % (r + 1, ROUNDS, impl.label))
            for line in impl("time", str(MIN_SECONDS), str(RUNS), *args, pin=True).splitlines():
                if line.startswith("RATE "):
                    _, wid, rate, _ns = line.split()
                    best[(impl.key, wid)] = max(best.get((impl.key, wid), 0.0), float(rate))
    return best


def instructions(impl, extra_env, args):
    """Instructions per call: callgrind's total for CG_CALLS calls minus that for none."""
    totals = []
    for n in (0, CG_CALLS):
        with tempfile.NamedTemporaryFile(suffix=".cg") as out:
            cmd = ["valgrind", "--tool=callgrind", "--callgrind-out-file=" + out.name] + impl.cmd + ["count", str(n)] + args
            p = subprocess.run(cmd, capture_output=True, text=True, env=dict(os.environ, **extra_env))
            m = re.search(r"refs:\s+([\d,]+)", p.stderr)
            if p.returncode != 0 or not m:
                log("callgrind failed for %s: %s" % (impl.label, p.stderr[-2000:]))
                return None
            totals.append(int(m.group(1).replace(",", "")))
    return (totals[1] - totals[0]) / CG_CALLS


def callgrind_all(impls, w):
    if not shutil.which("valgrind"):
        log("   valgrind not installed: no instruction counts")
        return {}
    counts = {}
    for impl in impls:
        # Go's asynchronous preemption signals upset valgrind on long runs. The collector is off
        # and one P runs: a collection (or an idle P spinning) that lands in the counted window
        # once added up to 237,000 instructions per call; the binding's own work is what is counted.
        env = {"GODEBUG": "asyncpreemptoff=1", "GOGC": "off", "GOMAXPROCS": "1"} if impl.key == "gobinding" else {}
        for u in w["url"]:
            counts[(impl.key, u["id"])] = instructions(impl, env, [u["id"], json.dumps(u["options"], separators=(",", ":"))])
        counts[(impl.key, "auth")] = instructions(impl, env, ["auth", w["auth"]["token"], str(w["auth"]["expire"])])
        counts[(impl.key, "auth_defaults")] = instructions(impl, env, ["auth_defaults"])
        log("   %s: %s" % (impl.label, ", ".join("%s %.0f" % (k[1], v) for k, v in counts.items() if k[0] == impl.key and v)))
    return counts


# ----------------------------------------------------------------------------------------------
# 6. Network workloads against the mock server
# ----------------------------------------------------------------------------------------------


class Mock:
    def __init__(self, workdir):
        exe = os.path.join(RELEASE, "ik-mock-server")
        self.out = open(os.path.join(workdir, "mock.out"), "w+")
        self.proc = subprocess.Popen([exe, "--no-tls", "--port", "0", "--exit-on-stdin-eof"], stdin=subprocess.PIPE,
                                     stdout=self.out, stderr=subprocess.DEVNULL, text=True)
        self.url = None
        for _ in range(400):
            self.out.seek(0)
            m = re.search(r"^IK_MOCK_URL=(\S+)", self.out.read(), re.M)
            if m:
                self.url = m.group(1)
                break
            time.sleep(0.025)
        if not self.url or not re.match(r"^http://127\.0\.0\.1:\d+$", self.url):
            log("mock server did not start on 127.0.0.1 (%s)" % self.url)
            self.stop()
            sys.exit(1)

    def stats(self):
        import urllib.request

        with urllib.request.urlopen(self.url + "/__mock/stats") as r:
            return json.load(r)

    def stop(self):
        if self.proc.poll() is None:
            self.proc.stdin.close()
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def result_line(text):
    for line in text.splitlines():
        if line.startswith("RESULT "):
            return dict(kv.split("=", 1) for kv in line.split()[1:] if "=" in kv)
    return {}


def timed(cmd, env=None):
    """Runs cmd under /usr/bin/time: (stdout, peak RSS in KiB or None)."""
    with tempfile.NamedTemporaryFile(suffix=".time") as tf:
        full = (["/usr/bin/time", "-f", "%M", "-o", tf.name] if os.path.exists("/usr/bin/time") else []) + cmd
        out = run(full, env=env)
        tf.seek(0)
        rss = tf.read().decode().strip().splitlines()
        return out, int(rss[-1]) if rss and rss[-1].isdigit() else None


def network_all(impls, cabi):
    results = {}
    workdir = tempfile.mkdtemp(prefix="ik-bench-")
    mock = Mock(workdir)
    try:
        small = os.path.join(workdir, "small.bin")
        with open(small, "wb") as f:
            f.write(os.urandom(4096))
        file_id = re.search(r"FILE_ID=(\S+)", run([os.path.join(BIN, "details_bench"), mock.url, "upload", small])).group(1)
        log("   mock server %s, file %s" % (mock.url, file_id))
        for impl in impls:
            before = mock.stats()["requests_total"]
            if impl is cabi:
                out = run([os.path.join(BIN, "details_bench"), mock.url, "loop", file_id, str(CALLS), str(WARMUP)])
            else:
                out = impl("details", mock.url, file_id, str(CALLS), str(WARMUP))
            r = result_line(out)
            served = mock.stats()["requests_total"] - before
            ok = r.get("ok") == str(CALLS) and served == CALLS + WARMUP
            if not ok:
                log("DETAILS FAILED: %s: %s (server counted %d requests)" % (impl.label, r, served))
                sys.exit(1)
            results[(impl.key, "details")] = float(r["calls_per_s"])
            log("   details %-45s %9.0f calls/s" % (impl.label, float(r["calls_per_s"])))

        big = os.path.join(workdir, "big.bin")
        log("   writing %d MiB of random bytes to %s" % (UPLOAD_MIB, big))
        with open(big, "wb") as f:
            for _ in range(UPLOAD_MIB):
                f.write(os.urandom(1 << 20))
        size = os.path.getsize(big)
        for impl in impls:
            if impl is cabi:
                out, rss = timed([os.path.join(BIN, "upload_bench"), mock.url, big, "big.bin"])
                r = result_line(out)
                got_size = r.get("server_size")
            else:
                out, rss = timed(impl.cmd + ["upload", mock.url, big], env=dict(os.environ, **(impl.env or {})))
                r = result_line(out)
                got_size = r.get("size")
            if got_size != str(size):
                log("UPLOAD FAILED: %s: server saw %s bytes of %d" % (impl.label, got_size, size))
                sys.exit(1)
            secs = float(r["seconds"])
            results[(impl.key, "upload")] = size / (1 << 20) / secs
            results[(impl.key, "upload_rss")] = (rss or 0) / 1024
            log("   upload  %-45s %7.1f MiB/s, peak RSS %.1f MiB" % (impl.label, size / (1 << 20) / secs, (rss or 0) / 1024))
    finally:
        mock.stop()
        shutil.rmtree(workdir, ignore_errors=True)
    return results


# ----------------------------------------------------------------------------------------------
# 7. Report
# ----------------------------------------------------------------------------------------------


def rate(v):
    if v is None:
        return "-"
    if v >= 1e6:
        return "%.2f M/s" % (v / 1e6)
    if v >= 1e3:
        return "%.1f k/s" % (v / 1e3)
    return "%.0f /s" % v


def report(impls, w, rates, counts, net, verdicts, machine):
    keys = [i.key for i in impls]
    by = {i.key: i for i in impls}
    cpu_rows = [(u["id"], u["title"]) for u in w["url"]] + [("auth", w["auth"]["title"]),
                                                             ("auth_defaults", w["auth_defaults"]["title"])]
    lines = []
    p = lines.append
    p("libimagekit side-by-side benchmark")
    for k, v in machine.items():
        p("  %-9s %s" % (k + ":", v))
    p("")
    p("Implementations:")
    for i in impls:
        p("  %-10s %s" % (i.key, i.label))
    p("")
    head = "| workload | " + " | ".join(keys) + " |"
    p("Rates (calls/s, one core, best of %d runs x %d rounds; network: one run):" % (RUNS, ROUNDS))
    p("")
    p(head)
    p("|" + "---|" * (len(keys) + 1))
    for wid, title in cpu_rows:
        p("| %s | %s |" % (title, " | ".join(rate(rates.get((k, wid))) for k in keys)))
    if net:
        p("| %d keep-alive get_file_details | %s |" % (CALLS, " | ".join(rate(net.get((k, "details"))) for k in keys)))
        p("| %d MiB upload from disk, MiB/s | %s |" % (UPLOAD_MIB, " | ".join(
            "%.0f" % net[(k, "upload")] if (k, "upload") in net else "-" for k in keys)))
        p("| same upload, peak RSS MiB | %s |" % " | ".join(
            "%.1f" % net[(k, "upload_rss")] if (k, "upload_rss") in net else "-" for k in keys))
    p("")
    p("URL output check: identical = byte for byte the C ABI's (ik-t aside); equivalent = the same URL in the")
    p("newer SDKs' format (percent-decoded, parameters of a step sorted), signature verified; verified = a new")
    p("token, expire now + 1800 and a signature that verifies (auth_defaults).")
    p("")
    p("| workload | " + " | ".join(keys) + " |")
    p("|" + "---|" * (len(keys) + 1))
    for wid, title in cpu_rows:
        p("| %s | %s |" % (wid, " | ".join(verdicts.get((k, wid), "-") for k in keys)))
    p("")
    sdks = [k for k in keys if k not in ("cabi", "gobinding")]
    p("Ratios (how many times faster; time per call for Go/C):")
    p("")
    p("| workload | " + " | ".join("C ABI / " + k for k in sdks) + " | Go binding / gosdk | Go time / C time |")
    p("|" + "---|" * (len(sdks) + 3))
    rows = cpu_rows + ([("details", "%d keep-alive get_file_details" % CALLS), ("upload", "%d MiB upload" % UPLOAD_MIB)]
                       if net else [])
    for wid, title in rows:
        src = rates if wid not in ("details", "upload") else net

        def ratio(a, b):
            x, y = src.get((a, wid)), src.get((b, wid))
            return "%.1fx" % (x / y) if x and y else "-"

        gc = src.get(("cabi", wid)), src.get(("gobinding", wid))
        p("| %s | %s | %s | %s |" % (title, " | ".join(ratio("cabi", k) for k in sdks), ratio("gobinding", "gosdk"),
                                     "%.2fx" % (gc[0] / gc[1]) if all(gc) else "-"))
    if counts:
        p("")
        p("Instructions per call (valgrind --tool=callgrind, %d calls minus none; SHA-1 runs in software" % CG_CALLS)
        p("under valgrind, which hides SHA-NI, so signed cases count more than they cost; the Go binding with")
        p("GOGC=off GOMAXPROCS=1, so the collector's work is not in its figures):")
        p("")
        p("| workload | cabi | gobinding |")
        p("|---|---|---|")
        for wid, title in cpu_rows:
            c = [counts.get((k, wid)) for k in ("cabi", "gobinding")]
            p("| %s | %s |" % (title, " | ".join("%.0f" % x if x else "-" for x in c)))
    p("")
    p("Targets:")

    def target(desc, ok):
        p("  %-70s %s" % (desc, "MET" if ok else "MISSED"))

    url_ids = [u["id"] for u in w["url"]]
    g = lambda k, wid: rates.get((k, wid)) or 0  # noqa: E731
    for wid in url_ids + ["auth"]:
        r = g("gobinding", wid) / max(g("gosdk", wid), 1e-9)
        target("Go binding >= 5x imagekit-go on %s (%.1fx)" % (wid, r), r >= 5)
    for wid in url_ids + ["auth"]:
        r = g("cabi", wid) / max(g("gobinding", wid), 1e-9)
        target("Go binding time per call within 3x of the C ABI's on %s (%.2fx)" % (wid, r), r <= 3)
    target("C ABI >= 2.5 M/s on url_ex5 (%s)" % rate(g("cabi", "url_ex5")), g("cabi", "url_ex5") >= 2.5e6)
    target("C ABI >= 3 M/s on auth (%s)" % rate(g("cabi", "auth")), g("cabi", "auth") >= 3e6)
    node7 = "node-@imagekit/nodejs"
    for wid in url_ids:
        r = g("cabi", wid) / max(g(node7, wid), 1e-9)
        target("C ABI >= 10x @imagekit/nodejs on %s (%.1fx)" % (wid, r), r >= 10)
    return "\n".join(lines)


def machine_info():
    model = ""
    with open("/proc/cpuinfo") as f:
        m = re.search(r"^model name\s*:\s*(.*)$", f.read(), re.M)
        model = m.group(1) if m else "?"
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True).stdout.strip()
    dirty = subprocess.run(["git", "diff", "--quiet", "HEAD", "--", "src", "bindings", "bench", "include"], cwd=REPO).returncode
    return {
        "machine": "%d CPUs, %s, %s" % (os.cpu_count(), model, " ".join(os.uname()[2:3])),
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "commit": (commit or "?") + (" (with uncommitted changes)" if dirty else ""),
        "pinned": "taskset -c %s" % cpu() if shutil.which("taskset") else "not pinned (no taskset)",
    }


def loadavg():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def main():
    w = json.load(open(os.path.join(HERE, "workloads.json")))
    os.makedirs(BIN, exist_ok=True)
    log("== 1. official SDKs into %s" % SDK_DIR)
    sdks = [setup_go_sdk()] + setup_node() + setup_python()
    log("== 2. libimagekit and the harnesses")
    cabi, gob = build_ours()
    impls = [cabi, gob] + sdks
    load_start = loadavg()
    log("== 3. verify outputs")
    verdicts, _ = verify(impls, w, w["client"]["url_endpoint"])
    log("== 4. time the CPU workloads (load %s)" % loadavg())
    rates = time_all(impls, w)
    log("== 5. callgrind")
    counts = callgrind_all([cabi, gob], w)
    net = {}
    if os.environ.get("IK_BENCH_SKIP_NET") != "1":
        log("== 6. network workloads")
        net = network_all(impls, cabi)
    machine = machine_info()
    machine["load"] = "%s at the start, %s at the end (1/5/15-min load average)" % (load_start, loadavg())
    text = report(impls, w, rates, counts, net, verdicts, machine)
    print(text)
    with open(os.path.join(SDK_DIR, "last-run.json"), "w") as f:
        json.dump({"machine": machine, "impls": {i.key: i.label for i in impls},
                   "rates": {"%s|%s" % k: v for k, v in rates.items()},
                   "instructions": {"%s|%s" % k: v for k, v in counts.items()},
                   "network": {"%s|%s" % k: v for k, v in net.items()}}, f, indent=1)
    with open(os.path.join(SDK_DIR, "last-run.txt"), "w") as f:
        f.write(text + "\n")


if __name__ == "__main__":
    main()
