#!/usr/bin/env bash
# Tests the Python package (bindings/python):
#   1. `pip wheel ./bindings/python` builds the wheel (maturin + cargo, release, stripped);
#   2. a venv under .tools/ gets that wheel plus pytest and mypy from PyPI;
#   3. the generated resource tree is checked against docs/operations.json (codegen.py --check),
#      mypy checks the package and its tests (each counts as one test), pytest runs, then runs
#      again under `python -X dev` with ResourceWarning as an error;
#   4. a fresh venv runs `pip install ./bindings/python` and the seed README's example
#      (tests/fresh_check.py), with nothing else installed.
# Ends with a `test result:` line in cargo's format, which scripts/test.sh adds to its total.
# Under CI=true nothing is skipped (a missing Prism or server fails).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
py=${PYTHON:-python3}
venv=.tools/python-test
fresh=.tools/python-fresh
wheels=.tools/python-wheel

passed=0 failed=0 skipped=0
count() { # adds the counts of pytest's closing line ("3 failed, 60 passed, 1 skipped in 9.1s") in $1
  local line n kind
  line=$(grep -E '[0-9]+ (passed|failed|skipped|errors?).* in [0-9.]+s' "$1" | tail -1 || true)
  if [ -z "$line" ]; then failed=$((failed + 1)); return; fi
  while read -r n kind; do
    case $kind in
      passed) passed=$((passed + n)) ;;
      skipped) skipped=$((skipped + n)) ;;
      *) failed=$((failed + n)) ;;
    esac
  done < <(grep -oE '[0-9]+ (passed|failed|skipped|errors?)' <<<"$line")
}
status=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT

cargo build -q -p ik-mock-server
export IK_MOCK_SERVER_BIN="${CARGO_TARGET_DIR:-$root/target}/debug/ik-mock-server"

[ -x "$venv/bin/python" ] || "$py" -m venv "$venv"
rm -rf "$wheels"
"$venv/bin/pip" wheel -q --no-deps ./bindings/python -w "$wheels"
"$venv/bin/pip" install -q --force-reinstall --no-deps "$wheels"/libimagekit-*.whl
"$venv/bin/pip" install -q cffi pytest mypy

check() { # a check that is not pytest counts as one test
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); status=1; fi
}
echo "== python: drift check"
check "$venv/bin/python" bindings/python/codegen.py --check
echo "== python: mypy"
check bash -c "cd bindings/python && '$root/$venv/bin/python' -m mypy"

for mode in "" "-X dev -W error::ResourceWarning"; do
  echo "== python: pytest ${mode:-(default)}"
  # shellcheck disable=SC2086
  (cd bindings/python && "$root/$venv/bin/python" $mode -m pytest -q -p no:cacheprovider tests) 2>&1 | tee "$log" || status=1
  count "$log"
done

echo "== python: fresh venv, pip install ./bindings/python, the seed README's example"
rm -rf "$fresh"
"$py" -m venv "$fresh"
if "$fresh/bin/pip" install -q ./bindings/python && (cd /tmp && "$root/$fresh/bin/python" "$root/bindings/python/tests/fresh_check.py" "$IK_MOCK_SERVER_BIN"); then
  passed=$((passed + 1))
else
  failed=$((failed + 1)); status=1
fi

[ "$failed" = 0 ] || status=1
echo "test result: $([ "$status" = 0 ] && echo ok || echo FAILED). $passed passed; $failed failed; $skipped ignored (python: pytest, pytest -X dev, fresh venv)"
exit "$status"
