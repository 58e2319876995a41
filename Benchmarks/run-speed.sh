#!/usr/bin/env bash
# Builds `duo` in release mode, then runs `duo speed --json` and the Python peers
# (Benchmarks/peers.py) on the same inputs, alternating, ROUNDS times, and prints the table of
# median figures and median same-round ratios (Documentation/Performance.md, "CPU paths").
# Alternating rounds put load from elsewhere on the machine on both sides alike.
#
#   Benchmarks/run-speed.sh [SECONDS]        # seconds per operation, default 1
#   ROUNDS=3 Benchmarks/run-speed.sh 1       # rounds of ours-then-peers, default 1
#
# Needs: swift, python3 with `pip install duo-universal duo-client pyotp`.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-1}"
rounds="${ROUNDS:-1}"
out="${SPEED_OUT:-.build/speed}"
mkdir -p "$out"

swift build -c release --product duo >&2
bin="$(swift build -c release --show-bin-path)/duo"

echo "machine: $(uname -srm); $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'); $(nproc) CPUs" >&2
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
for round in $(seq 1 "$rounds"); do
    echo "round $round of $rounds" >&2
    "$bin" speed --json --seconds "$seconds" > "$out/ours-$round.json"
    python3 Benchmarks/peers.py --seconds "$seconds" --json "$out/peers-$round.json" > /dev/null
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
python3 - "$out" "$rounds" <<'PYTHON'
import json, statistics, sys
out, rounds = sys.argv[1], int(sys.argv[2])
ops = ["create_auth_url", "validate_id_token", "client_assertion", "totp_sha1", "totp_sha512",
       "sign_request_v5", "sign_request_v2", "base32_decode", "parse_otpauth_uri"]
floors = {"sign_request_v5": "ref.sign_v5_floor", "sign_request_v2": "ref.hmac_sha512", "totp_sha1": "ref.hmac_sha1_8"}
targets = {name: 3.0 if name == "sign_request_v5" else 5.0 for name in ops}
ours = [json.load(open(f"{out}/ours-{r}.json")) for r in range(1, rounds + 1)]
peers = [json.load(open(f"{out}/peers-{r}.json")) for r in range(1, rounds + 1)]
print(f"{'operation':<20} {'ours ns/op':>11} {'peer ns/op':>11} {'peer/ours':>10} {'min':>6} {'floor ns':>9} {'ours/floor':>10} {'target':>7}")
for name in ops:
    mine = statistics.median(o[name]["ns_per_op"] for o in ours)
    theirs = statistics.median(p[name]["ns_per_op"] for p in peers)
    ratios = [p[name]["ns_per_op"] / o[name]["ns_per_op"] for o, p in zip(ours, peers)]
    floor = statistics.median(o[floors[name]]["ns_per_op"] for o in ours) if name in floors else None
    floor_text = f"{floor:>9.0f} {mine / floor:>9.2f}x" if floor else f"{'':>9} {'':>10}"
    verdict = "ok" if statistics.median(ratios) >= targets[name] else "BELOW"
    print(f"{name:<20} {mine:>11.0f} {theirs:>11.0f} {statistics.median(ratios):>9.1f}x {min(ratios):>5.1f}x {floor_text} {targets[name]:>5.0f}x {verdict}")
PYTHON
echo "figures: $out/ours-*.json, $out/peers-*.json" >&2
