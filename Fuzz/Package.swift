// swift-tools-version: 6.1
// libFuzzer targets for swift-duo's parsers. A separate package: the root Package.swift never
// references it, so `swift build` / `swift test` at the root are unaffected.
//
// Build and run through Scripts/fuzz.sh (it passes `--sanitize=fuzzer --sanitize=address`).
// Documentation/Hardening.md explains the layout.
//
// Adding a target (for example for DuoOTP's Base32 decoder):
//   1. write Sources/FuzzBase32/FuzzBase32.swift with one `@_cdecl("LLVMFuzzerTestOneInput")` function;
//   2. add one line to `fuzzTargets` below: `("FuzzBase32", ["DuoOTP"]),`;
//   3. put a few seed inputs in Corpus/FuzzBase32/.
// Scripts/fuzz.sh finds targets by the Sources/Fuzz* folders, so nothing else changes.
import PackageDescription

/// Each fuzz target and the root-package products it fuzzes.
let fuzzTargets: [(name: String, products: [String])] = [
    ("FuzzJWT", ["DuoCore"]),
    ("FuzzBase64URL", ["DuoCore"]),
    ("FuzzJSONValue", ["DuoCore"]),
    ("FuzzIdentifiers", ["DuoCore"]),
    ("FuzzCallback", ["DuoCore", "DuoWebSDK"]),
    ("FuzzTokenResponse", ["DuoCore", "DuoTransport", "DuoWebSDK"]),
    ("FuzzHealthCheck", ["DuoCore", "DuoTransport", "DuoWebSDK"]),
    ("FuzzRememberedBrowser", ["DuoCore", "DuoWebSDK"]),
    ("FuzzRetryAfter", ["DuoTransport"]),
    ("FuzzBase32", ["DuoOTP"]),
    ("FuzzOTPAuthURI", ["DuoOTP"]),
    ("FuzzAuthAPIResponse", ["DuoCore", "DuoTransport", "DuoAuthAPI"]),
    ("FuzzAuthAPICanonical", ["DuoCore", "DuoAuthAPI"]),
    ("FuzzStrictJSON", ["DuoCore"]),
    ("FuzzQRCode", ["DuoQR"]),
]

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "swift-duo-fuzz",
    platforms: [.macOS(.v13)],
    products: fuzzTargets.map { .executable(name: $0.name, targets: [$0.name]) },
    dependencies: [.package(name: "swift-duo", path: "..")],
    targets: [
        .target(
            name: "FuzzSupport",
            dependencies: ["DuoCore", "DuoTransport", "DuoWebSDK"].map { Target.Dependency.product(name: $0, package: "swift-duo") },
            swiftSettings: swiftSettings
        ),
    ] + fuzzTargets.map { target in
        .executableTarget(
            name: target.name,
            dependencies: ["FuzzSupport"] + target.products.map { Target.Dependency.product(name: $0, package: "swift-duo") },
            // libFuzzer supplies main(); the target only exports LLVMFuzzerTestOneInput.
            swiftSettings: swiftSettings + [.unsafeFlags(["-parse-as-library"])],
            // lld, not gold: gold drops most of the coverage counters of a many-module link
            // (libFuzzer then reports "no interesting inputs ... instrumented for coverage?").
            linkerSettings: [.unsafeFlags(["-use-ld=lld"])]
        )
    }
)
