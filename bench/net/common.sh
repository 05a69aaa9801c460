# Shared helpers for bench/net/run_*.sh (sourced, not run).
#
# Sets REPO, TARGET (CARGO_TARGET_DIR if set, else <repo>/target), BENCH_BIN (where the C
# harnesses are compiled) and offers: build_release, compile_harness, start_mock, stop_mock,
# machine_info, load_avg.

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
if [[ -n "${CARGO_TARGET_DIR:-}" ]]; then
    case "$CARGO_TARGET_DIR" in
        /*) TARGET=$CARGO_TARGET_DIR ;;
        *) TARGET=$REPO/$CARGO_TARGET_DIR ;; # cargo runs from $REPO below
    esac
else
    TARGET=$REPO/target
fi
RELEASE=$TARGET/release
BENCH_BIN=$TARGET/bench-net
CC=${CC:-cc}

# Nothing here may go through a proxy: every request is for 127.0.0.1.
export NO_PROXY=127.0.0.1,localhost no_proxy=127.0.0.1,localhost
unset HTTP_PROXY HTTPS_PROXY ALL_PROXY http_proxy https_proxy all_proxy

log() { printf '%s\n' "$*" >&2; }

# Release cdylib + release mock server (SKIP_BUILD=1 to use what is already built).
build_release() {
    if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
        log "== cargo build --release -p imagekit -p ik-mock-server (target: $TARGET)"
        (cd "$REPO" && CARGO_TARGET_DIR=$TARGET cargo build --release --quiet -p imagekit -p ik-mock-server) >&2
    fi
    [[ -f $RELEASE/libimagekit.so && -x $RELEASE/ik-mock-server ]] || {
        log "missing $RELEASE/libimagekit.so or ik-mock-server"
        exit 1
    }
}

# compile_harness NAME: bench/net/NAME.c -> $BENCH_BIN/NAME, linked to the release cdylib.
compile_harness() {
    mkdir -p "$BENCH_BIN"
    "$CC" -O2 -std=c11 -Wall -Wextra -Werror -I"$REPO/include" "$REPO/bench/net/$1.c" \
        -L"$RELEASE" -limagekit -Wl,-rpath,"$RELEASE" -o "$BENCH_BIN/$1"
}

# start_mock DIR: starts the release mock server (plain HTTP only) on 127.0.0.1; sets MOCK_PID
# and MOCK_URL. Its stdout/stderr go to DIR/mock.out / DIR/mock.err.
start_mock() {
    local dir=$1
    "$RELEASE/ik-mock-server" --no-tls --port "${MOCK_PORT:-0}" >"$dir/mock.out" 2>"$dir/mock.err" &
    MOCK_PID=$!
    MOCK_URL=
    for _ in $(seq 1 200); do
        MOCK_URL=$(sed -n 's/^IK_MOCK_URL=//p' "$dir/mock.out" 2>/dev/null | head -n1)
        [[ -n $MOCK_URL ]] && break
        kill -0 "$MOCK_PID" 2>/dev/null || break
        sleep 0.05
    done
    if [[ -z $MOCK_URL ]]; then
        log "mock server did not start:"
        cat "$dir/mock.err" >&2
        exit 1
    fi
    case "$MOCK_URL" in
        http://127.0.0.1:*) ;;
        *) log "refusing non-loopback mock URL $MOCK_URL"; exit 1 ;;
    esac
    log "== mock server pid $MOCK_PID at $MOCK_URL"
}

stop_mock() {
    if [[ -n "${MOCK_PID:-}" ]]; then
        kill "$MOCK_PID" 2>/dev/null || true
        wait "$MOCK_PID" 2>/dev/null || true
        MOCK_PID=
    fi
}

# A field of a JSON document on stdin: json_field KEY.
json_field() {
    python3 -c 'import json,sys; v=json.load(sys.stdin); print(v.get(sys.argv[1], ""))' "$1"
}

load_avg() { cut -d' ' -f1-3 /proc/loadavg; }

machine_info() {
    local cpu fam model commit
    cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1)
    fam=$(sed -n 's/^cpu family[[:space:]]*: //p' /proc/cpuinfo | head -n1)
    model=$(sed -n 's/^model[[:space:]]*: //p' /proc/cpuinfo | head -n1)
    if commit=$(cd "$REPO" && git rev-parse --short HEAD 2>/dev/null); then
        (cd "$REPO" && git diff --quiet HEAD -- src mock-server include 2>/dev/null) ||
            commit="$commit (with uncommitted changes in src/, mock-server/ or include/)"
    else
        commit="${IK_BENCH_COMMIT:-unknown} (not a git checkout)"
    fi
    echo "machine: $(nproc) CPUs, ${cpu:-unknown CPU} (family ${fam:-?} model ${model:-?}), $(uname -sr)"
    echo "date:    $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "commit:  $commit"
}
