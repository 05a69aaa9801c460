#!/usr/bin/env bash
# Builds the release library and the C benchmark bench/NAME.c linked to it; prints the path of
# the executable. Shared by the bench/run_*_bench.sh scripts. Honors CARGO_TARGET_DIR.
#
#   exe=$(bench/build_c_bench.sh NAME)
set -euo pipefail
cd "$(dirname "$0")/.."
target="${CARGO_TARGET_DIR:-target}"
mkdir -p "$target"
target="$(cd "$target" && pwd)"
cargo build --release --lib >&2
lib="$target/release"
exe="$lib/$1"
gcc -std=c11 -O2 -Wall -Wextra -Wpedantic -Werror -Iinclude "bench/$1.c" -o "$exe" \
    -L"$lib" -Wl,-rpath,"$lib" -limagekit >&2
echo "$exe"
