#!/usr/bin/env bash
# Builds the release library and bench/url_keys_bench.c, then prints ik_url time against the
# number of distinct keys (a transformation step, query_parameters, a src query).
#
#   bench/run_url_keys_bench.sh [largest n (default 160000)]
#
# Honors CARGO_TARGET_DIR.
set -euo pipefail
cd "$(dirname "$0")/.."
target="${CARGO_TARGET_DIR:-target}"
mkdir -p "$target"
target="$(cd "$target" && pwd)"
cargo build --release --lib
lib="$target/release"
exe="$lib/url_keys_bench"
gcc -std=c11 -O2 -Wall -Wextra -Wpedantic -Werror -Iinclude bench/url_keys_bench.c -o "$exe" \
    -L"$lib" -Wl,-rpath,"$lib" -limagekit
exec "$exe" "$@"
