#!/usr/bin/env bash
# Load and soak against the emulator on loopback HTTPS (issue 9, item 4).
#
# Builds duo-load-bench with -c release and runs, against the emulator (EMULATOR=process: in a
# child process, so RSS and fds are the SDK clients' alone; EMULATOR=inprocess, the default: in
# the same process, so the figures are client and emulator together):
#   - SEQUENTIAL Universal exchanges (default 10 000): auth URL -> FakeDuo browser simulation ->
#     callback -> DuoWebClient.exchangeAuthorizationCode over CurlTransport;
#   - CONCURRENT Universal exchanges (default 1 000), all started at once;
#   - PUSHES Auth API pushes (default 1 000), all at once (DuoAuthClient.push: /auth + /auth_status);
# and prints one LOAD| line per phase: requests, errors, p50/p99/max latency, wall time, VmRSS and
# open file descriptors (/proc/self) before and after. Exits non-zero on any error.
#
# Usage: Benchmarks/run-load.sh   (env: CONFIG=release SEQUENTIAL=10000 CONCURRENT=1000 PUSHES=1000
#                                  ROUNDS=2 TIME_LIMIT_SECONDS=900 SKIP_BUILD=1 SCRATCH=.build
#                                  EMULATOR=inprocess|process)
# Only 127.0.0.1 traffic; the whole run is bounded by TIME_LIMIT_SECONDS (and a timeout(1) of
# twice that).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SCRATCH=${SCRATCH:-$ROOT/.build}
LIMIT=${TIME_LIMIT_SECONDS:-900}
CONFIG=${CONFIG:-release}   # CONFIG=debug reuses the debug build of `swift build --build-tests`

if [ -z "${SKIP_BUILD:-}" ]; then
    (cd "$ROOT" && nice -n 5 swift build -c "$CONFIG" --traits Emulator --product duo-load-bench --scratch-path "$SCRATCH" >&2)
fi
BIN="$SCRATCH/$CONFIG/duo-load-bench"
# 1 000 concurrent clients need more descriptors than some shells' default soft limit.
ulimit -n 8192 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
echo "host: $(nproc) CPUs, $(uname -sr), ulimit -n $(ulimit -n), load average $(cut -d' ' -f1-3 /proc/loadavg), CONFIG=$CONFIG EMULATOR=${EMULATOR:-inprocess}"
TIME_LIMIT_SECONDS=$LIMIT timeout $((LIMIT * 2)) "$BIN"
