"""The Python SDKs' side of the side-by-side benchmark (bench/run.py runs it in each throwaway
venv): imagekitio 4.x (the seed: `ImageKit(...).url(dict)`) and 5.x (`client.helper.build_url`).

    python py_sdk.py verify ID JSON [ID JSON ...] auth TOKEN EXPIRE [auth_defaults]
    python py_sdk.py time MIN_SECONDS RUNS ID JSON [...] auth TOKEN EXPIRE [auth_defaults]

auth_defaults calls get_authentication_parameters() with no arguments (a new token, expire
now + 1800).
    python py_sdk.py details BASE_URL FILE_ID N WARMUP
    python py_sdk.py upload BASE_URL FILE

Output lines as bench/sdk/cabi.c prints them (OUT, RATE), RESULT for the network modes. Network
modes refuse any base URL that is not http://127.0.0.1:PORT.
"""

import importlib.metadata
import json
import sys
import time

VERSION = importlib.metadata.version("imagekitio")
MAJOR = int(VERSION.split(".")[0])
KEY = "private_key_test"
ENDPOINT = "https://ik.imagekit.io/your_imagekit_id"


def fail(msg):
    print("py_sdk: " + msg, file=sys.stderr)
    sys.exit(1)


def loopback(base):
    if not base.startswith("http://127.0.0.1:"):
        fail("refusing a non-loopback base URL: " + base)
    return base


def client(base=None):
    if MAJOR < 5:
        from imagekitio import ImageKit

        if base:
            from imagekitio.constants.url import URL

            # 4.x reads these class attributes at call time; nothing is sent anywhere else.
            URL.API_BASE_URL = URL.UPLOAD_BASE_URL = loopback(base)
        return ImageKit(private_key=KEY, public_key="public_key_test", url_endpoint=ENDPOINT)
    from imagekitio import ImageKit

    if base:
        return ImageKit(private_key=KEY, base_url=loopback(base), max_retries=0)
    return ImageKit(private_key=KEY)


def url_call(ik, opts):
    """A no-argument callable building the workload's URL (options mapped once, up front)."""
    if MAJOR < 5:
        return lambda: ik.url(opts)
    kw = {
        "src": opts["path"],
        "url_endpoint": opts.get("url_endpoint", ENDPOINT),
        "transformation": opts.get("transformation"),
        "transformation_position": opts.get("transformation_position", "path"),
    }
    if opts.get("query_parameters"):
        kw["query_parameters"] = opts["query_parameters"]
    if opts.get("signed"):
        kw["signed"] = True
    if opts.get("expire_seconds"):
        kw["expires_in"] = opts["expire_seconds"]
    build = ik.helper.build_url
    return lambda: build(**kw)


def auth_call(ik, token, expire):
    if MAJOR < 5:
        return lambda: ik.get_authentication_parameters(token, expire)
    get = ik.helper.get_authentication_parameters
    return lambda: get(token=token, expire=expire)


def auth_defaults_call(ik):
    if MAJOR < 5:
        return ik.get_authentication_parameters
    return ik.helper.get_authentication_parameters


def workloads(ik, args):
    out, i = [], 0
    while i < len(args):
        if args[i] == "auth_defaults":
            out.append(("auth_defaults", auth_defaults_call(ik)))
            i += 1
        elif args[i] == "auth":
            token, expire = args[i + 1], int(args[i + 2])
            out.append(("auth", auth_call(ik, token, expire)))
            i += 3
        else:
            out.append((args[i], url_call(ik, json.loads(args[i + 1]))))
            i += 2
    return out


def time_runs(fn, min_seconds, runs):
    clock = time.perf_counter
    n = 100
    while True:
        t0 = clock()
        for _ in range(n):
            fn()
        dt = clock() - t0
        if dt >= min_seconds / 4:
            break
        n *= 4
    calls = int(n * min_seconds / dt) + 1
    best = float("inf")
    for _ in range(runs):
        t0 = clock()
        for _ in range(calls):
            fn()
        best = min(best, clock() - t0)
    return calls, best


def main(argv):
    mode, args = argv[1], argv[2:]
    if mode == "verify":
        ik = client()
        for wid, fn in workloads(ik, args):
            r = fn()
            if wid.startswith("auth"):
                print("OUT %s token=%s expire=%s signature=%s" % (wid, r["token"], r["expire"], r["signature"]))
            else:
                print("OUT %s %s" % (wid, r))
    elif mode == "time":
        min_seconds, runs = float(args[0]), int(args[1])
        ik = client()
        for wid, fn in workloads(ik, args[2:]):
            calls, best = time_runs(fn, min_seconds, runs)
            print("RATE %s %.1f %.2f" % (wid, calls / best, best * 1e9 / calls), flush=True)
    elif mode == "details":
        base, file_id, n, warm = args[0], args[1], int(args[2]), int(args[3])
        ik = client(base)
        if MAJOR < 5:
            get = lambda: ik.get_file_details(file_id).file_id  # noqa: E731
        else:
            get = lambda: ik.files.get(file_id).file_id  # noqa: E731

        def call():
            try:
                return get() == file_id
            except Exception as e:  # every failure is counted
                print("details failed: %r" % e, file=sys.stderr)
                return False

        for _ in range(warm):
            call()
        ok = 0
        t0 = time.perf_counter()
        for _ in range(n):
            ok += call()
        s = time.perf_counter() - t0
        print("RESULT calls=%d ok=%d errors=%d seconds=%.6f calls_per_s=%.1f" % (n, ok, n - ok, s, n / s))
    elif mode == "upload":
        base, path = args[0], args[1]
        ik = client(base)
        with open(path, "rb") as f:
            t0 = time.perf_counter()
            if MAJOR < 5:
                r = ik.upload_file(file=f, file_name="big.bin")
                size = r.size
            else:
                r = ik.files.upload(file=f, file_name="big.bin")
                size = r.size
            s = time.perf_counter() - t0
        print("RESULT seconds=%.6f size=%d" % (s, int(size)))
    else:
        fail("unknown mode " + mode)


if __name__ == "__main__":
    main(sys.argv)
