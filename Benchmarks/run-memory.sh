#!/usr/bin/env bash
# Peak resident memory (VmHWM from /proc/self/status) of id_token validations and health checks
# through DuoWebClient, each at two counts in its own process: equal peaks show no growth per call.
#
#   Benchmarks/run-memory.sh
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product duo-memory-bench >&2
bin="$(swift build -c release --show-bin-path)/duo-memory-bench"
for run in "tokens 10000" "tokens 100000" "health 1000" "health 10000"; do
    "$bin" $run
done
