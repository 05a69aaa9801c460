"""Sequential get_file_details calls through the seed's Python SDK (imagekitio 4.2.0) against
the local mock server, for comparison with bench/net/details_bench.c.

    python details_bench.py BASE_URL FILE_ID N [WARMUP] [--session]

imagekitio 4.2.0 hard-codes https://api.imagekit.io; its URL class attribute
`imagekitio.constants.url.URL.API_BASE_URL` is read at call time, so it is pointed at BASE_URL
before the calls. As shipped, the SDK calls the module-level `requests.request()` for every
call, which builds a new `requests.Session` and so a new TCP connection each time: no
keep-alive. `--session` (informational only) replaces that one static method with a shared
`requests.Session`, to show what the same SDK does with keep-alive.

Prints one line on stdout:
    RESULT calls=N ok=K errors=E seconds=S calls_per_s=R p50_us=.. p99_us=.. max_us=.. mode=..
A call is ok only if it returns and the result's file_id equals FILE_ID. Exit 0 if all were ok.
"""

import importlib.metadata
import sys
import time

from imagekitio import ImageKit
from imagekitio.constants.url import URL


def main(argv):
    args = [a for a in argv[1:] if not a.startswith("--")]
    flags = {a for a in argv[1:] if a.startswith("--")}
    if len(args) not in (3, 4) or flags - {"--session"}:
        print(__doc__, file=sys.stderr)
        return 2
    base, file_id, n = args[0], args[1], int(args[2])
    warmup = int(args[3]) if len(args) == 4 else 100
    if not (base.startswith("http://127.0.0.1:") or base.startswith("http://localhost:")):
        print("refusing a non-loopback base URL: " + base, file=sys.stderr)
        return 2

    URL.API_BASE_URL = base
    mode = "sdk-as-shipped (requests.request: new connection per call)"
    if "--session" in flags:
        import requests
        from imagekitio.resource import ImageKitRequest

        session = requests.Session()

        def request(method, url, headers, params=None, files=None, data=None):
            return session.request(
                method=method, url=url, params=params, files=files, data=data, headers=headers
            )

        ImageKitRequest.request = staticmethod(request)
        mode = "patched: shared requests.Session (keep-alive)"

    ik = ImageKit(
        private_key="private_key_test",
        public_key="public_key_test",
        url_endpoint="https://ik.imagekit.io/demo",
    )

    errors = 0
    first_error = None

    def call():
        nonlocal errors, first_error
        try:
            r = ik.get_file_details(file_id)
            if getattr(r, "file_id", None) == file_id:
                return True
            if first_error is None:
                first_error = "unexpected result: %r" % (vars(r),)
        except Exception as e:  # every failure is counted, none is fatal
            if first_error is None:
                first_error = "%s: %s" % (type(e).__name__, e)
        errors += 1
        return False

    for _ in range(warmup):
        call()
    lat = [0.0] * n
    ok = 0
    clock = time.perf_counter
    t0 = clock()
    for i in range(n):
        a = clock()
        if call():
            ok += 1
        lat[i] = clock() - a
    secs = clock() - t0
    lat.sort()
    rate = n / secs
    print(
        "python imagekitio %s details [%s]: %d calls in %.3f s = %.0f calls/s (%.1f us/call); "
        "ok %d, errors %d (warm-up %d); latency p50 %.1f us, p99 %.1f us, max %.1f us"
        % (importlib.metadata.version("imagekitio"), mode, n, secs, rate, secs / n * 1e6, ok,
           errors, warmup, lat[n // 2] * 1e6, lat[int(n * 0.99)] * 1e6, lat[-1] * 1e6),
        file=sys.stderr,
    )
    if first_error:
        print("first failed call: " + first_error, file=sys.stderr)
    print(
        "RESULT calls=%d ok=%d errors=%d seconds=%.6f calls_per_s=%.1f p50_us=%.1f p99_us=%.1f "
        "max_us=%.1f mode=%s"
        % (n, ok, errors, secs, rate, lat[n // 2] * 1e6, lat[int(n * 0.99)] * 1e6, lat[-1] * 1e6,
           "session" if "--session" in flags else "as-shipped")
    )
    return 0 if errors == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
