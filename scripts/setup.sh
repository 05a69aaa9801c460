#!/usr/bin/env bash
# Installs everything the build, the sample and the tests need on a fresh Debian machine
# (root: apt-get; otherwise it only checks). Idempotent: quick when all is present.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
have() { command -v "$1" >/dev/null 2>&1; }
for tool in gcc g++ make cmake pkg-config valgrind curl python3 go npm; do
  have "$tool" || need_apt+=("$tool")
done
if [ ${#need_apt[@]} -gt 0 ]; then
  pkgs=()
  for t in "${need_apt[@]}"; do
    case "$t" in
      g++) pkgs+=(g++) ;;
      pkg-config) pkgs+=(pkg-config) ;;
      go) pkgs+=(golang-go) ;;
      npm) pkgs+=(npm) ;;
      *) pkgs+=("$t") ;;
    esac
  done
  if [ "$(id -u)" = 0 ] && have apt-get; then
    echo "setup: installing ${pkgs[*]} with apt-get"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${pkgs[@]}" >/dev/null
  else
    echo "setup: missing tools: ${need_apt[*]} (install them, e.g. apt-get install ${pkgs[*]})" >&2
    exit 1
  fi
fi

have cargo || { echo "setup: cargo is required (https://rustup.rs)" >&2; exit 1; }
# rustfmt and clippy: the test command checks formatting and lints.
if ! cargo fmt --version >/dev/null 2>&1 || ! cargo clippy --version >/dev/null 2>&1; then
  have rustup && rustup component add rustfmt clippy || {
    echo "setup: cargo fmt and cargo clippy are required (rustup component add rustfmt clippy)" >&2
    exit 1
  }
fi

# Prism (the OpenAPI mock used by the contract tests), pinned as ImageKit's own SDKs pin it.
# `--no-prism` skips it (the sample does not need it).
PRISM_DIR=.tools/prism
if [ "${1:-}" = "--no-prism" ]; then
  :
elif [ ! -x "$PRISM_DIR/node_modules/.bin/prism" ]; then
  if have npm; then
    echo "setup: installing @stainless-api/prism-cli@5.15.0 into $PRISM_DIR"
    mkdir -p "$PRISM_DIR"
    npm install --silent --no-audit --no-fund --prefix "$PRISM_DIR" @stainless-api/prism-cli@5.15.0 >/dev/null
  else
    echo "setup: npm not found: it is needed for Prism (the contract tests); run with --no-prism to do without" >&2
    exit 1
  fi
fi
# cargo-fuzz (fuzz/, run on the stable toolchain with RUSTC_BOOTSTRAP=1): the test command
# replays every fuzz target's corpus and fuzzes each briefly (tests/fuzz_smoke.rs).
if [ "${1:-}" != "--no-prism" ] && ! cargo fuzz --version >/dev/null 2>&1; then
  echo "setup: installing cargo-fuzz from crates.io"
  cargo install cargo-fuzz --locked
fi
echo "setup: ok"
