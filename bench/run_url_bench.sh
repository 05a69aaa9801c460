#!/usr/bin/env bash
# Builds the release library and bench/url_bench.c, then prints ik_url and ik_build_url throughput
# (URLs/s, µs per URL, and the modern builder's time relative to ik_url for the same URL) for the
# seed README's examples, signed and unsigned, on one core.
#
#   bench/run_url_bench.sh [iterations per run] [runs]
#
# Honors CARGO_TARGET_DIR. Pins the process to one CPU with taskset when available.
set -euo pipefail
exe=$("$(dirname "$0")/build_c_bench.sh" url_bench)
cd "$(dirname "$0")/.."
echo "libimagekit $(grep -m1 '^version' Cargo.toml | cut -d'"' -f2), $(uname -m), $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2 | sed 's/^ //')"
if command -v taskset >/dev/null 2>&1; then
    exec taskset -c 0 "$exe" "$@"
else
    exec "$exe" "$@"
fi
