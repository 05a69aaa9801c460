#!/usr/bin/env bash
# Builds the library and the C sample (bindings/c/example.c) and runs it.
#
# With IMAGEKIT_PRIVATE_KEY, IMAGEKIT_PUBLIC_KEY and IMAGEKIT_URL_ENDPOINT set, the sample talks
# to your ImageKit account. Otherwise this script builds and starts the local ImageKit-compatible
# server (ik-mock-server) on a free port of 127.0.0.1, points the sample at it through
# IK_BASE_URL, and stops it afterwards. CARGO_TARGET_DIR is honoured.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
target=${CARGO_TARGET_DIR:-$repo/target}
case "$target" in /*) ;; *) target=$repo/$target ;; esac
release=$target/release

scripts/setup.sh --no-prism

echo "== building libimagekit (release) =="
make --no-print-directory build CARGO_TARGET_DIR="$target"

echo "== building the sample =="
exe=$release/imagekit-example
${CC:-cc} -std=c11 -Wall -Wextra -O2 -I"$repo/include" "$repo/bindings/c/example.c" \
  -L"$release" -Wl,-rpath,"$release" -limagekit -o "$exe"

if [ -n "${IMAGEKIT_PRIVATE_KEY:-}" ] && [ -n "${IMAGEKIT_PUBLIC_KEY:-}" ] && [ -n "${IMAGEKIT_URL_ENDPOINT:-}" ]; then
  echo "== running the sample against $IMAGEKIT_URL_ENDPOINT =="
  exec "$exe"
fi

echo "== building and starting the local ImageKit-compatible server =="
cargo build --release --quiet -p ik-mock-server --bin ik-mock-server
tmp=$(mktemp -d)
server_pid=
cleanup() {
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
"$release/ik-mock-server" --no-tls >"$tmp/server.out" 2>"$tmp/server.err" &
server_pid=$!

url=
for _ in $(seq 1 300); do
  url=$(sed -n 's/^IK_MOCK_URL=//p' "$tmp/server.out")
  [ -n "$url" ] && break
  if ! kill -0 "$server_pid" 2>/dev/null; then
    echo "ik-mock-server exited early:" >&2
    cat "$tmp/server.err" >&2
    exit 1
  fi
  sleep 0.1
done
[ -n "$url" ] || { echo "ik-mock-server printed no IK_MOCK_URL within 30 s" >&2; exit 1; }
echo "local server: $url"

echo "== running the sample =="
NO_PROXY=127.0.0.1,localhost no_proxy=127.0.0.1,localhost IK_BASE_URL=$url "$exe"
