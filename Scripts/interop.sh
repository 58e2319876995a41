#!/usr/bin/env bash
# Duo's official Python clients against duo-emulator (Scripts/interop_official_clients.py).
# Installs the pinned clients from PyPI into a virtual environment in the build folder (made once,
# reused while the pins match), builds duo-emulator, and runs the checks.
# Usage: Scripts/interop.sh [swift-binary]
set -euo pipefail
cd "$(dirname "$0")/.."

SWIFT="${1:-swift}"
CLIENTS=(duo-universal==2.3.1 duo-client==5.7.0)
VENV=.build/interop-venv
STAMP="$VENV/.pins"

make_venv() {
    python3 -m venv "$VENV" 2>/dev/null && "$VENV/bin/python" -m pip --version >/dev/null 2>&1
}

if [[ ! -f "$STAMP" || "$(cat "$STAMP")" != "${CLIENTS[*]}" ]]; then
    rm -rf "$VENV"
    mkdir -p .build
    if ! make_venv; then
        # Debian ships venv's pip bootstrap apart, in python3-venv.
        rm -rf "$VENV"
        if command -v apt-get >/dev/null 2>&1; then
            if [[ $(id -u) -eq 0 ]]; then sudo=(); else sudo=(sudo); fi
            export DEBIAN_FRONTEND=noninteractive
            "${sudo[@]}" apt-get update -qq
            "${sudo[@]}" apt-get install -y -qq --no-install-recommends python3-venv
        fi
        make_venv || { echo "interop: cannot create a Python virtual environment (python3 -m venv)" >&2; exit 1; }
    fi
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "${CLIENTS[@]}"
    echo "${CLIENTS[*]}" > "$STAMP"
fi

"$SWIFT" build --traits Emulator --product duo-emulator
BIN="$("$SWIFT" build --traits Emulator --show-bin-path)"
# Bounded: the script's own waits are bounded too; this is the backstop.
timeout 300 "$VENV/bin/python" Scripts/interop_official_clients.py --emulator "$BIN/duo-emulator"
