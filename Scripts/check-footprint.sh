#!/usr/bin/env bash
# What a relying party pays for swift-duo: a throwaway downstream package that depends on this
# checkout and uses DuoWebSDK, DuoAuthAPI and DuoOTP with the default traits. It must resolve at
# most MAX_PACKAGES packages, none of them a server framework, SwiftNIO or a TLS library, and it
# must build. Prints the figures (packages, checkout size, resolve and build time).
#
# It also checks that every source file of a trait-gated folder is wrapped in its trait's `#if`:
# SwiftPM compiles those targets without the trait too, and an unwrapped file would import a
# package that was never resolved.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
MAX_PACKAGES="${MAX_PACKAGES:-8}"
forbidden=(hummingbird swift-nio swift-nio-ssl swift-nio-http2 swift-nio-extras swift-certificates async-http-client vapor postgres-nio swift-service-lifecycle)

# 1. Trait-gated folders: every Swift file opens with the trait's #if and closes it.
unwrapped=0
for folder in Sources/DuoEmulator Sources/duo-emulator Benchmarks/Load Tests/DuoEmulatorTests; do
    while IFS= read -r file; do
        if [[ "$(head -n 1 "$file")" != "#if Emulator" || "$(tail -n 1 "$file")" != "#endif" ]]; then
            echo "footprint: $file is in a folder gated by the Emulator trait but is not wrapped in '#if Emulator' ... '#endif'" >&2
            unwrapped=1
        fi
    done < <(find "$root/$folder" -name '*.swift' | sort)
done
[[ $unwrapped -eq 0 ]] || exit 1

# 2. A downstream package, as a relying party writes it.
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/Sources/App"
cat > "$work/Package.swift" <<EOF
// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Downstream",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "swift-duo", path: "$root")],
    targets: [
        .executableTarget(name: "App", dependencies: [
            .product(name: "DuoWebSDK", package: "swift-duo"),
            .product(name: "DuoAuthAPI", package: "swift-duo"),
            .product(name: "DuoOTP", package: "swift-duo"),
        ]),
    ]
)
EOF
cat > "$work/Sources/App/main.swift" <<'EOF'
import DuoAuthAPI
import DuoOTP
import DuoWebSDK

let configuration = try DuoWebConfiguration(clientID: "DIXXXXXXXXXXXXXXXXXX", clientSecret: String(repeating: "s", count: 40),
                                            apiHost: "api-xxxxxxxx.duosecurity.com", redirectURI: "https://app.example/callback")
let client = try DuoWebClient(configuration: configuration)
print(try client.authorizationURL(username: "alice", state: client.generateState()).host ?? "")
let auth = try DuoAuthConfiguration(integrationKey: "DIXXXXXXXXXXXXXXXXXX", secretKey: String(repeating: "k", count: 40),
                                    apiHost: "api-xxxxxxxx.duosecurity.com")
print(auth.apiHost)
print(try TOTPGenerator(secret: try OTPSecret(base32: "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ")).code(at: 59))
EOF

start=$SECONDS
(cd "$work" && swift package resolve >/dev/null 2>"$work/resolve.log") || { cat "$work/resolve.log" >&2; exit 1; }
resolve_seconds=$((SECONDS - start))
pins=()
if [[ -f "$work/Package.resolved" ]]; then
    while IFS= read -r name; do pins+=("$name"); done < <(python3 -c '
import json, sys
data = json.load(open(sys.argv[1]))
for pin in data.get("pins", []):
    print(pin["identity"])
' "$work/Package.resolved")
fi
checkouts_kib=$(du -sk "$work/.build/checkouts" 2>/dev/null | cut -f1 || echo 0)
echo "footprint: a DuoWebSDK + DuoAuthAPI + DuoOTP downstream resolves ${#pins[@]} packages (${pins[*]}), $((checkouts_kib / 1024)) MiB of checkouts, in ${resolve_seconds} s"

status=0
if (( ${#pins[@]} > MAX_PACKAGES )); then
    echo "footprint: more than $MAX_PACKAGES packages" >&2
    status=1
fi
for pin in "${pins[@]}"; do
    for name in "${forbidden[@]}"; do
        if [[ "$pin" == "$name" ]]; then
            echo "footprint: the lean graph contains $pin" >&2
            status=1
        fi
    done
done
[[ $status -eq 0 ]] || exit 1

# 3. It builds, with nothing trait-gated in it.
start=$SECONDS
(cd "$work" && swift build >"$work/build.log" 2>&1) || { tail -n 40 "$work/build.log" >&2; exit 1; }
echo "footprint: the downstream builds in $((SECONDS - start)) s; its app prints: $("$work/.build/debug/App" | tr '\n' ' ')"
