#!/usr/bin/env bash
# Builds the release library and bench/url_keys_bench.c, then prints ik_url time against the
# number of distinct keys (a transformation step, query_parameters, a src query).
#
#   bench/run_url_keys_bench.sh [largest n (default 160000)]
#
# Honors CARGO_TARGET_DIR.
set -euo pipefail
exe=$("$(dirname "$0")/build_c_bench.sh" url_keys_bench)
exec "$exe" "$@"
