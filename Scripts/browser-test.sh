#!/usr/bin/env bash
# Real-browser test of the login demo: installs Debian's chromium + chromium-driver when missing,
# starts the demo (embedded emulator) on 127.0.0.1, and drives the allow and deny flows over
# WebDriver (Scripts/browser_test.py, Python stdlib only). Screenshots of every page go to
# Examples/LoginDemo/artifacts/. Skips (exit 0, clear message) only where Chromium cannot be
# installed.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
artifacts="$root/Examples/LoginDemo/artifacts"
port="${DEMO_PORT:-18080}"
driver_port="${CHROMEDRIVER_PORT:-9515}"

find_chromium() { command -v chromium || command -v chromium-browser || true; }
find_driver() { command -v chromedriver || { [[ -x /usr/bin/chromedriver ]] && echo /usr/bin/chromedriver; } || true; }

if [[ -z "$(find_chromium)" || -z "$(find_driver)" ]]; then
    if command -v apt-get >/dev/null 2>&1; then
        sudo=(); [[ $(id -u) -eq 0 ]] || sudo=(sudo)
        echo "browser-test: installing chromium and chromium-driver" >&2
        if ! { "${sudo[@]}" apt-get update -qq && DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq chromium chromium-driver; } >/tmp/browser-test-apt.log 2>&1; then
            echo "browser-test: SKIPPED - chromium could not be installed (see /tmp/browser-test-apt.log)"
            exit 0
        fi
    fi
fi
chromium=$(find_chromium); driver=$(find_driver)
if [[ -z "$chromium" || -z "$driver" ]]; then
    echo "browser-test: SKIPPED - chromium/chromedriver are not available on this machine and apt-get cannot install them"
    exit 0
fi

echo "browser-test: building the demo" >&2
(cd Examples/LoginDemo && swift build --product login-demo)
mkdir -p "$artifacts"
rm -f "$artifacts"/*.png

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT

DEMO_PORT="$port" env -u DUO_API_HOST -u DUO_CLIENT_ID -u DUO_CLIENT_SECRET \
    Examples/LoginDemo/.build/debug/login-demo >"$artifacts/demo.log" 2>&1 &
pids+=($!)
"$driver" --port="$driver_port" >"$artifacts/chromedriver.log" 2>&1 &
pids+=($!)

for _ in $(seq 1 120); do
    if curl -fsS "http://127.0.0.1:$port/" >/dev/null 2>&1 && curl -fsS "http://127.0.0.1:$driver_port/status" >/dev/null 2>&1; then
        ready=1; break
    fi
    sleep 0.5
done
if [[ -z "${ready:-}" ]]; then
    echo "browser-test: the demo or chromedriver did not start; logs in $artifacts" >&2
    exit 1
fi

python3 Scripts/browser_test.py --base "http://127.0.0.1:$port" --driver "http://127.0.0.1:$driver_port" \
    --artifacts "$artifacts" --chromium "$chromium"
