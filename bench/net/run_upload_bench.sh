#!/usr/bin/env bash
# Large-upload benchmark: libimagekit (C ABI, ik_files_upload_path) vs curl, same file, same
# local mock server on 127.0.0.1.
#
#   bench/net/run_upload_bench.sh            # 1 GiB file, 5 runs of each, best of 5 reported
#   SIZE_MIB=256 RUNS=3 bench/net/run_upload_bench.sh
#
# Environment: CARGO_TARGET_DIR (default <repo>/target), SIZE_MIB (1024), RUNS (5),
# SKIP_BUILD=1 (use the existing release build), TMPDIR (where the big file is written),
# MOCK_PORT (0 = any free port).
#
# Targets: peak RSS of the uploading process < 64 MiB; throughput within 2x of curl.
# Exit status: 0 when every upload succeeded and the server got every byte (targets missed
# are reported, not turned into failures).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

SIZE_MIB=${SIZE_MIB:-1024}
RUNS=${RUNS:-5}
RSS_TARGET_MIB=64

build_release
compile_harness upload_bench

WORK=$(mktemp -d "${TMPDIR:-/tmp}/ik-upload-bench.XXXXXX")
cleanup() {
    stop_mock
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

BIG=$WORK/big
log "== writing $SIZE_MIB MiB of random bytes to $BIG"
head -c "$((SIZE_MIB * 1024 * 1024))" /dev/urandom >"$BIG"
BYTES=$(stat -c %s "$BIG")

start_mock "$WORK"
TIME=/usr/bin/time
[[ -x $TIME ]] || TIME=

LOAD_BEFORE=$(load_avg)
declare -a ROWS
ik_best= curl_best= ik_rss_max=0 curl_rss_max=0 failures=0 ik_all= curl_all=

for run in $(seq 1 "$RUNS"); do
    # --- libimagekit through the C ABI
    set +e
    if [[ -n $TIME ]]; then
        $TIME -f 'TIME_MAXRSS_KIB=%M' -o "$WORK/ik.time" \
            "$BENCH_BIN/upload_bench" "$MOCK_URL" "$BIG" big.bin >"$WORK/ik.out" 2>"$WORK/ik.err"
    else
        "$BENCH_BIN/upload_bench" "$MOCK_URL" "$BIG" big.bin >"$WORK/ik.out" 2>"$WORK/ik.err"
    fi
    rc=$?
    set -e
    cat "$WORK/ik.err" >&2
    line=$(grep '^RESULT ' "$WORK/ik.out" || true)
    get() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$line"; }
    ik_s=$(get seconds) ik_mibs=$(get mib_per_s) ik_calls=$(get progress_calls)
    ik_size=$(get server_size) ik_rss=$(get rss_peak_kib)
    ik_trss=$(sed -n 's/^TIME_MAXRSS_KIB=//p' "$WORK/ik.time" 2>/dev/null || true)
    if [[ $rc != 0 || $ik_size != "$BYTES" ]]; then
        log "!! libimagekit run $run failed (exit $rc, server size ${ik_size:-?})"
        failures=$((failures + 1))
    fi
    # Peak RSS: /usr/bin/time's %M (the same measure as for curl) when there, and never less
    # than the harness's own getrusage() figure.
    [[ -n $ik_rss ]] || ik_rss=0
    [[ -n ${ik_trss:-} ]] && ((ik_trss > ik_rss)) && ik_rss=$ik_trss
    ((ik_rss > ik_rss_max)) && ik_rss_max=$ik_rss
    [[ $rc == 0 ]] && ik_all="$ik_all $ik_s"
    if [[ $rc == 0 ]] && { [[ -z $ik_best ]] || awk -v a="$ik_s" -v b="$ik_best" 'BEGIN{exit !(a<b)}'; }; then
        ik_best=$ik_s
    fi
    ROWS+=("$(printf '%-4s %-13s %9.3f %9.1f %12s %12s %14s' "$run" libimagekit "$ik_s" "$ik_mibs" \
        "$(awk -v k="$ik_rss" 'BEGIN{printf "%.1f", k/1024}')" "${ik_size:-?}" "$ik_calls")")

    # --- curl, same file, same server
    set +e
    if [[ -n $TIME ]]; then
        $TIME -f 'TIME_MAXRSS_KIB=%M' -o "$WORK/curl.time" \
            curl -sS -u private_key_test: -F "file=@$BIG" -F fileName=big.bin \
            -o "$WORK/curl.json" -w '%{http_code} %{time_total} %{size_upload}\n' \
            "$MOCK_URL/api/v1/files/upload" >"$WORK/curl.out" 2>"$WORK/curl.err"
    else
        curl -sS -u private_key_test: -F "file=@$BIG" -F fileName=big.bin \
            -o "$WORK/curl.json" -w '%{http_code} %{time_total} %{size_upload}\n' \
            "$MOCK_URL/api/v1/files/upload" >"$WORK/curl.out" 2>"$WORK/curl.err"
    fi
    rc=$?
    set -e
    read -r c_code c_s c_up <"$WORK/curl.out" || true
    c_size=$(json_field size <"$WORK/curl.json" 2>/dev/null || true)
    c_rss=$(sed -n 's/^TIME_MAXRSS_KIB=//p' "$WORK/curl.time" 2>/dev/null || true)
    [[ -n $c_rss ]] || c_rss=0
    ((c_rss > curl_rss_max)) && curl_rss_max=$c_rss
    if [[ $rc != 0 || $c_code != 200 || $c_size != "$BYTES" ]]; then
        log "!! curl run $run failed (exit $rc, HTTP ${c_code:-?}, server size ${c_size:-?})"
        cat "$WORK/curl.err" >&2
        failures=$((failures + 1))
    else
        log "curl upload: HTTP $c_code, $BYTES bytes in $c_s s, request body $c_up bytes, server size $c_size"
        curl_all="$curl_all $c_s"
        if [[ -z $curl_best ]] || awk -v a="$c_s" -v b="$curl_best" 'BEGIN{exit !(a<b)}'; then
            curl_best=$c_s
        fi
    fi
    c_mibs=$(awk -v b="$BYTES" -v s="$c_s" 'BEGIN{printf "%.1f", b/1048576/s}')
    ROWS+=("$(printf '%-4s %-13s %9.3f %9s %12s %12s %14s' "$run" curl "$c_s" "$c_mibs" \
        "$(awk -v k="$c_rss" 'BEGIN{printf "%.1f", k/1024}')" "${c_size:-?}" "-")")
done
LOAD_AFTER=$(load_avg)

# What the server saw (every upload request, with the file part's size).
curl -sS "$MOCK_URL/__mock/stats" >"$WORK/stats.json" || true

echo
machine_info
echo "file:    $BYTES bytes ($SIZE_MIB MiB, random), on $(df -P "$WORK" | awk 'NR==2{print $1}'), page-cached"
echo "curl:    $(curl --version | head -n1 | cut -d' ' -f1-2)"
echo "load:    $LOAD_BEFORE (before)  ->  $LOAD_AFTER (after)   [1/5/15-min load average]"
echo "server:  $(cat "$WORK/stats.json" 2>/dev/null)"
echo
printf '%-4s %-13s %9s %9s %12s %12s %14s\n' run tool seconds 'MiB/s' 'peak RSS MiB' 'server size' 'progress calls'
printf '%s\n' "${ROWS[@]}"
echo
median() { tr ' ' '\n' | grep . | sort -g | awk '{v[NR]=$1} END{if (NR%2) print v[(NR+1)/2]; else print (v[NR/2]+v[NR/2+1])/2}'; }
mibs() { awk -v b="$BYTES" -v s="$1" 'BEGIN{printf "%.1f", b/1048576/s}'; }
if [[ -n $ik_best && -n $curl_best ]]; then
    ik_med=$(median <<<"$ik_all")
    curl_med=$(median <<<"$curl_all")
    ratio=$(awk -v a="$ik_best" -v b="$curl_best" 'BEGIN{printf "%.2f", a/b}')
    ratio_med=$(awk -v a="$ik_med" -v b="$curl_med" 'BEGIN{printf "%.2f", a/b}')
    rss_mib=$(awk -v k="$ik_rss_max" 'BEGIN{printf "%.1f", k/1024}')
    curl_rss_mib=$(awk -v k="$curl_rss_max" 'BEGIN{printf "%.1f", k/1024}')
    rss_ok=$(awk -v k="$ik_rss_max" -v t="$RSS_TARGET_MIB" 'BEGIN{print (k < t*1024) ? "MET" : "MISSED"}')
    tp_ok=$(awk -v r="$ratio" 'BEGIN{print (r <= 2.0) ? "MET" : "MISSED"}')
    tp_ok_med=$(awk -v r="$ratio_med" 'BEGIN{print (r <= 2.0) ? "MET" : "MISSED"}')
    echo "summary ($RUNS runs; best / median):"
    printf '  %-40s %s\n' "libimagekit throughput" "$(mibs "$ik_best") / $(mibs "$ik_med") MiB/s"
    printf '  %-40s %s\n' "curl throughput" "$(mibs "$curl_best") / $(mibs "$curl_med") MiB/s"
    printf '  %-40s %s\n' "libimagekit time / curl time, best" "${ratio}x   (target <= 2x: $tp_ok)"
    printf '  %-40s %s\n' "libimagekit time / curl time, medians" "${ratio_med}x   (target <= 2x: $tp_ok_med)"
    printf '  %-40s %s\n' "libimagekit peak RSS (max of runs)" "$rss_mib MiB   (target < $RSS_TARGET_MIB MiB: $rss_ok)"
    printf '  %-40s %s\n' "curl peak RSS (max of runs)" "$curl_rss_mib MiB"
fi
if ((failures > 0)); then
    echo "FAILED: $failures upload(s) failed or were incomplete"
    exit 1
fi
