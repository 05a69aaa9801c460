#!/usr/bin/env bash
# Fuzz targets (fuzz/, cargo-fuzz + libFuzzer) on the stable toolchain (RUSTC_BOOTSTRAP=1).
#
#   scripts/fuzz.sh smoke [SECONDS]          every target: replay its committed corpus, then fuzz
#                                            SECONDS (default 15) each; fails on any crash
#   scripts/fuzz.sh run TARGET SECONDS [LOG] one long run (what RELIABILITY.md records)
#   scripts/fuzz.sh list
#
# New inputs go to a scratch directory (the committed corpora stay as they are); a crash is
# saved under fuzz/artifacts/TARGET/ and makes the script fail.
set -euo pipefail
cd "$(dirname "$0")/.."
export RUSTC_BOOTSTRAP=1
command -v cargo-fuzz >/dev/null 2>&1 || { echo "fuzz: cargo-fuzz is missing (scripts/setup.sh installs it)" >&2; exit 1; }

targets() { cargo fuzz list; }

dict_for() {
  case "$1" in
    url|json_diff|config|upload) echo "-dict=fuzz/dict/json.dict" ;;
  esac
}

run_one() {
  local target=$1 seconds=$2 scratch rc=0
  scratch=$(mktemp -d "${TMPDIR:-/tmp}/ik-fuzz-$target.XXXXXX")
  # shellcheck disable=SC2046
  cargo fuzz run "$target" "$scratch" "fuzz/corpus/$target" -- \
    -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 -print_final_stats=1 $(dict_for "$target") || rc=$?
  rm -rf "$scratch"
  return $rc
}

case "${1:-smoke}" in
  list) targets ;;
  smoke)
    seconds=${2:-15}
    cargo fuzz build
    failed=()
    for t in $(targets); do
      echo "== fuzz smoke: $t (${seconds}s after replaying fuzz/corpus/$t)"
      run_one "$t" "$seconds" 2>&1 | grep -E "INITED|Done [0-9]+ runs|stat::number_of_executed_units|ERROR|panicked|SUMMARY|Test unit written" || true
      [ "${PIPESTATUS[0]}" -eq 0 ] || failed+=("$t")
    done
    if [ ${#failed[@]} -gt 0 ]; then
      echo "fuzz smoke: crashes in ${failed[*]} (inputs under fuzz/artifacts/)" >&2
      exit 1
    fi
    echo "fuzz smoke: $(targets | wc -l) targets, no crash"
    ;;
  run)
    [ $# -ge 3 ] || { echo "usage: $0 run TARGET SECONDS [LOG]" >&2; exit 2; }
    if [ -n "${4:-}" ]; then run_one "$2" "$3" >"$4" 2>&1; else run_one "$2" "$3"; fi
    ;;
  *) echo "usage: $0 smoke [SECONDS] | run TARGET SECONDS [LOG] | list" >&2; exit 2 ;;
esac
