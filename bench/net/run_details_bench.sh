#!/usr/bin/env bash
# get_file_details rate: libimagekit (C ABI, one client, keep-alive) vs the seed's Python SDK
# imagekitio==4.2.0, same file id, same local mock server on 127.0.0.1.
#
#   bench/net/run_details_bench.sh           # 10,000 timed calls each (after 100 warm-up), 3 runs
#   CALLS=2000 RUNS=5 bench/net/run_details_bench.sh
#
# Environment: CARGO_TARGET_DIR (default <repo>/target), CALLS (10000), WARMUP (100), RUNS (3),
# PY_SESSION (1: also run the informational keep-alive-patched Python variant; 0: skip),
# BENCH_VENV (default <repo>/.tools/bench-venv; created with imagekitio==4.2.0 from PyPI if
# missing), SKIP_BUILD=1, MOCK_PORT.
#
# Target: libimagekit calls/s >= 5x the Python SDK as shipped.
# Exit status: 0 when every call of every run succeeded (a missed target is reported only).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

CALLS=${CALLS:-10000}
WARMUP=${WARMUP:-100}
RUNS=${RUNS:-3}
PY_SESSION=${PY_SESSION:-1}
VENV=${BENCH_VENV:-$REPO/.tools/bench-venv}
TARGET_RATIO=5

build_release
compile_harness details_bench

if ! "$VENV/bin/python" -c 'import importlib.metadata as m, sys; sys.exit(m.version("imagekitio") != "4.2.0")' 2>/dev/null; then
    log "== creating $VENV with imagekitio==4.2.0"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet 'imagekitio==4.2.0' >&2
fi
PY=$VENV/bin/python
PY_DESC="CPython $("$PY" -c 'import platform; print(platform.python_version())'), imagekitio $("$PY" -c 'import importlib.metadata as m; print(m.version("imagekitio"))'), requests $("$PY" -c 'import importlib.metadata as m; print(m.version("requests"))')"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/ik-details-bench.XXXXXX")
cleanup() {
    stop_mock
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

start_mock "$WORK"
head -c 4096 /dev/urandom >"$WORK/small.bin"
"$BENCH_BIN/details_bench" "$MOCK_URL" upload "$WORK/small.bin" >"$WORK/upload.out"
FILE_ID=$(sed -n 's/^FILE_ID=//p' "$WORK/upload.out")
[[ -n $FILE_ID ]] || { log "upload gave no fileId"; exit 1; }
log "== uploaded $WORK/small.bin as fileId $FILE_ID"

# "connections_accepted requests_total" from the mock. /__mock/ requests are not counted in
# requests_total; each stats query is one new connection (curl), counted in the total it reads.
mock_counts() {
    curl -sS "$MOCK_URL/__mock/stats" |
        python3 -c 'import json,sys; v=json.load(sys.stdin); print(v["connections_accepted"], v["requests_total"])'
}

declare -a ROWS
declare -A BEST ALL
failures=0
LOAD_BEFORE=$(load_avg)

# run_one LABEL CMD...: runs a harness, records its RESULT and the server's connection and
# request counts for it (the stats queries themselves are one connection + request each).
run_one() {
    local label=$1
    shift
    local conn0 req0 conn1 req1 rc line get
    read -r conn0 req0 < <(mock_counts)
    set +e
    "$@" >"$WORK/run.out" 2>"$WORK/run.err"
    rc=$?
    set -e
    read -r conn1 req1 < <(mock_counts)
    cat "$WORK/run.err" >&2
    line=$(grep '^RESULT ' "$WORK/run.out" || true)
    get() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<" $line"; }
    local rate errors ok p50 p99 conns reqs
    rate=$(get calls_per_s) errors=$(get errors) ok=$(get ok) p50=$(get p50_us) p99=$(get p99_us)
    conns=$((conn1 - conn0 - 1)) # minus the second stats query's own connection
    reqs=$((req1 - req0))
    if ((reqs != CALLS + WARMUP)); then
        log "!! $label: the server counted $reqs API requests, expected $((CALLS + WARMUP))"
        failures=$((failures + 1))
    fi
    if [[ $rc != 0 || -z $line || $errors != 0 || $ok != "$CALLS" ]]; then
        log "!! $label failed (exit $rc, ok ${ok:-?}, errors ${errors:-?})"
        failures=$((failures + 1))
    else
        ALL[$label]="${ALL[$label]:-} $rate"
        if [[ -z ${BEST[$label]:-} ]] || awk -v a="$rate" -v b="${BEST[$label]}" 'BEGIN{exit !(a>b)}'; then
            BEST[$label]=$rate
        fi
    fi
    ROWS+=("$(printf '%-4s %-24s %10s %7s %7s %9s %9s %12s %9s' "$run" "$label" "${rate:-?}" "${ok:-?}" \
        "${errors:-?}" "${p50:-?}" "${p99:-?}" "$conns" "$reqs")")
}

for run in $(seq 1 "$RUNS"); do
    run_one libimagekit "$BENCH_BIN/details_bench" "$MOCK_URL" loop "$FILE_ID" "$CALLS" "$WARMUP"
    run_one python-4.2.0 "$PY" "$REPO/bench/net/details_bench.py" "$MOCK_URL" "$FILE_ID" "$CALLS" "$WARMUP"
    if [[ $PY_SESSION == 1 ]]; then
        run_one python-4.2.0+session "$PY" "$REPO/bench/net/details_bench.py" "$MOCK_URL" "$FILE_ID" "$CALLS" "$WARMUP" --session
    fi
done
LOAD_AFTER=$(load_avg)

echo
machine_info
echo "python:  $PY_DESC"
echo "load:    $LOAD_BEFORE (before)  ->  $LOAD_AFTER (after)   [1/5/15-min load average]"
echo "calls:   $CALLS timed + $WARMUP warm-up per run, sequential, fileId $FILE_ID"
echo
printf '%-4s %-24s %10s %7s %7s %9s %9s %12s %9s\n' run client 'calls/s' ok errors 'p50 us' 'p99 us' 'connections' requests
printf '%s\n' "${ROWS[@]}"
echo
median() { tr ' ' '\n' | grep . | sort -g | awk '{v[NR]=$1} END{if (NR%2) print v[(NR+1)/2]; else printf "%.1f\n", (v[NR/2]+v[NR/2+1])/2}'; }
div() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.2f", a/b}'; }
if [[ -n ${BEST[libimagekit]:-} && -n ${BEST[python-4.2.0]:-} ]]; then
    ik_med=$(median <<<"${ALL[libimagekit]}")
    py_med=$(median <<<"${ALL[python-4.2.0]}")
    ratio=$(div "${BEST[libimagekit]}" "${BEST[python-4.2.0]}")
    ratio_med=$(div "$ik_med" "$py_med")
    # Worst case: each run's libimagekit rate over the same run's Python rate.
    read -ra ik_all <<<"${ALL[libimagekit]}"
    read -ra py_all <<<"${ALL[python-4.2.0]}"
    worst=
    for i in "${!ik_all[@]}"; do
        [[ -n ${py_all[$i]:-} ]] || continue
        r=$(div "${ik_all[$i]}" "${py_all[$i]}")
        if [[ -z $worst ]] || awk -v a="$r" -v b="$worst" 'BEGIN{exit !(a<b)}'; then worst=$r; fi
    done
    met=$(awk -v r="$ratio" -v t="$TARGET_RATIO" 'BEGIN{print (r >= t) ? "MET" : "MISSED"}')
    met_med=$(awk -v r="$ratio_med" -v t="$TARGET_RATIO" 'BEGIN{print (r >= t) ? "MET" : "MISSED"}')
    echo "summary ($RUNS runs; best / median):"
    printf '  %-44s %s\n' "libimagekit (C ABI, keep-alive)" "${BEST[libimagekit]} / $ik_med calls/s"
    printf '  %-44s %s\n' "python imagekitio 4.2.0 as shipped" "${BEST[python-4.2.0]} / $py_med calls/s"
    printf '  %-44s %s\n' "ratio, best of runs" "${ratio}x   (target >= ${TARGET_RATIO}x: $met)"
    printf '  %-44s %s\n' "ratio, medians" "${ratio_med}x   (target >= ${TARGET_RATIO}x: $met_med)"
    printf '  %-44s %s\n' "ratio, worst single run (same-run pair)" "${worst}x"
    if [[ -n ${BEST[python-4.2.0+session]:-} ]]; then
        s_med=$(median <<<"${ALL[python-4.2.0+session]}")
        printf '  %-44s %s\n' "python 4.2.0 patched to a shared Session" "${BEST[python-4.2.0+session]} / $s_med calls/s (ratio $(div "${BEST[libimagekit]}" "${BEST[python-4.2.0+session]}")x best, $(div "$ik_med" "$s_med")x median; informational)"
    fi
fi
if ((failures > 0)); then
    echo "FAILED: $failures run(s) had failed calls"
    exit 1
fi
