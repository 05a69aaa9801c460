#!/usr/bin/env bash
# Runs every test of the project: Rust unit and integration tests, the C tests under
# ASan/UBSan and valgrind, the header checks, the Prism contract tests against ImageKit's
# OpenAPI spec, the C++/Go/Python bindings and the install test. Everything it needs is
# installed by scripts/setup.sh first; every server it talks to runs on 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh

# Never let a developer's proxy divert loopback test traffic.
unset HTTP_PROXY HTTPS_PROXY ALL_PROXY http_proxy https_proxy all_proxy
export NO_PROXY=127.0.0.1,localhost no_proxy=127.0.0.1,localhost

if [ -x .tools/prism/node_modules/.bin/prism ]; then
  export IK_PRISM_BIN="$PWD/.tools/prism/node_modules/.bin/prism"
fi
export IK_REQUIRE_PRISM=1
# tests/fuzz_smoke.rs: replay each fuzz target's corpus and fuzz it for IK_FUZZ_SECONDS (10 s).
export IK_FUZZ_SMOKE=1

cargo build --workspace --all-targets
# Every generated file matches the operation table; the header and the core are as documented.
cargo xtask codegen --check
# Formatting (rustfmt.toml) and lints, over every crate of the workspace.
cargo fmt --all --check
cargo clippy --workspace --all-targets --quiet -- -D warnings

# Run everything, then close with one total over all test binaries.
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
cargo test --workspace --no-fail-fast 2>&1 | tee "$log" || status=$?
# --- Python package (bindings/python): its closing `test result:` line joins the total. ---
scripts/test_python.sh 2>&1 | tee -a "$log" || status=$?
# --- end Python package ---
awk '/^test result:/ { for (i = 1; i <= NF; i++) { if ($(i+1) ~ /^passed/) p += $i; if ($(i+1) ~ /^failed/) f += $i; if ($(i+1) ~ /^ignored/) s += $i } }
     END { printf "\ntests: %d passed, %d failed, %d skipped\n", p, f, s }' "$log"
exit "$status"
