#!/usr/bin/env bash
# Installs the Debian packages swift-duo needs when they are missing:
# - libcurl4-openssl-dev: the system libcurl that DuoTransport links (pkg-config "libcurl").
# - openssl and python3: the DuoTransport tests start a local HTTPS server (a standard-library
#   Python script) with certificates made at test time by the openssl CLI.
# - zbar-tools and librsvg2-bin: the DuoQR tests decode the QR codes they draw with ZBar's
#   zbarimg, after rasterising the SVGs with rsvg-convert (independent readers).
# Uses apt-get directly as root, sudo otherwise; does nothing on macOS (libcurl ships with it).
set -euo pipefail

packages=(libcurl4-openssl-dev pkg-config openssl zbar-tools librsvg2-bin)

if [[ "$(uname -s)" == "Darwin" ]]; then
    exit 0
fi
if ! command -v dpkg-query >/dev/null 2>&1; then
    echo "install-deps: not a Debian-like system; install libcurl development files yourself" >&2
    exit 0
fi

missing=()
for package in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$package")
    fi
done
# python3 may come from elsewhere (pyenv); install Debian's only when there is none at all.
if ! command -v python3 >/dev/null 2>&1; then
    missing+=(python3)
fi
[[ ${#missing[@]} -eq 0 ]] && exit 0

echo "install-deps: installing ${missing[*]}" >&2
if [[ $(id -u) -eq 0 ]]; then
    sudo=()
else
    sudo=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
