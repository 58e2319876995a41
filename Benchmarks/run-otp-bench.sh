#!/usr/bin/env bash
# The DuoOTP benchmark (issue 5's closing figures): builds Benchmarks/OTPBench with -c release,
# runs it and pyotp (Benchmarks/otp_peers.py) on the same inputs in the same run, and prints both
# side by side with the ratios: DuoOTP / pyotp (target >= 10x for TOTP SHA-1) and DuoOTP TOTP
# against a bare prepared HMAC-SHA1 of 8 bytes (target: within 3x of it).
#
# Usage: Benchmarks/run-otp-bench.sh   (env: BENCH_SECONDS=1 SKIP_BUILD=1)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH="$ROOT/Benchmarks/OTPBench"
SECONDS_PER_OP=${BENCH_SECONDS:-1}

python3 -c 'import pyotp' 2>/dev/null || python3 -m pip install --quiet 'pyotp==2.12.0'
if [ -z "${SKIP_BUILD:-}" ]; then
    swift build -c release --package-path "$BENCH" >&2
fi
BIN=$(swift build -c release --package-path "$BENCH" --show-bin-path)/OTPBench

WORK=$(mktemp -d "${TMPDIR:-/tmp}/duo-otp-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
"$BIN" --json --seconds "$SECONDS_PER_OP" > "$WORK/swift.json"
python3 "$ROOT/Benchmarks/otp_peers.py" --json --seconds "$SECONDS_PER_OP" > "$WORK/python.json"

python3 - "$WORK/swift.json" "$WORK/python.json" <<'PY'
import json, sys
swift = json.load(open(sys.argv[1]))
python = json.load(open(sys.argv[2]))
print(f"{'operation':34} {'DuoOTP ops/s':>14} {'pyotp/Python ops/s':>19} {'ratio':>8}")
for name, result in swift.items():
    peer = python.get(name, {}).get("ops_per_sec")
    ratio = f"{result['ops_per_sec'] / peer:7.1f}x" if peer else "      -"
    peer_text = f"{peer:19,.0f}" if peer else f"{'-':>19}"
    print(f"{name:34} {result['ops_per_sec']:14,.0f} {peer_text} {ratio}")
floor = swift["ref.hmac_sha1_8_bytes"]["ops_per_sec"]
totp = swift["totp_sha1"]["ops_per_sec"]
print()
print(f"TOTP SHA-1 vs pyotp: {totp / python['totp_sha1']['ops_per_sec']:.1f}x (target >= 10x)")
print(f"TOTP SHA-1 vs bare prepared HMAC-SHA1 of 8 bytes: {floor / totp:.2f}x slower (target <= 3x)")
PY
