#!/usr/bin/env bash
# Builds `duo` in release mode, runs `duo speed --json` and the Python peers (Benchmarks/peers.py)
# on the same inputs, and prints the ratio table (Documentation/Performance.md, "CPU paths").
#
#   Benchmarks/run-speed.sh [SECONDS]        # seconds per operation, default 1
#
# Needs: swift, python3 with `pip install duo-universal duo-client pyotp`.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-1}"
out="${SPEED_OUT:-.build/speed}"
mkdir -p "$out"

swift build -c release --product duo >&2
bin="$(swift build -c release --show-bin-path)/duo"

echo "machine: $(uname -srm); $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'); $(nproc) CPUs" >&2
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
"$bin" speed --json --seconds "$seconds" > "$out/ours.json"
python3 Benchmarks/peers.py --ours "$out/ours.json" --seconds "$seconds" --json "$out/peers.json"
echo "figures: $out/ours.json, $out/peers.json" >&2
