// swift-tools-version: 6.1
// The swift-duo package: Duo Security multi-factor authentication for Swift servers.
//
// Layering (see Documentation/Architecture.md): DuoCore <- DuoTransport <- DuoWebSDK / DuoAuthAPI,
// DuoCore <- DuoOTP, DuoQR (no dependencies) <- DuoOTP. Only swift-crypto, swift-log and the system libcurl reach the client
// libraries; swift-argument-parser reaches only the `duo` executable.
//
// Heavy dependencies sit behind package traits (SE-0450), off by default: a relying party that
// uses the client libraries resolves neither Hummingbird nor SwiftNIO nor a TLS library. SwiftPM
// drops a dependency from resolution only when every target reference to it is trait-gated, so
// each such reference below carries `condition: .when(traits: [...])`; the gated modules' sources
// are wrapped in `#if <Trait>` so that a build without the trait still compiles.
import PackageDescription

let swiftCrypto: Target.Dependency = .product(name: "Crypto", package: "swift-crypto")

/// `Emulator`: the DuoEmulator library and the `duo-emulator` command (Hummingbird, SwiftNIO,
/// swift-nio-ssl, swift-certificates). `make test`, `make demo` and `make emulator` enable it.
let emulatorTrait = "Emulator"
func emulatorOnly(_ product: String, _ package: String) -> Target.Dependency {
    .product(name: product, package: package, condition: .when(traits: [emulatorTrait]))
}
let logging: Target.Dependency = .product(name: "Logging", package: "swift-log")

let package = Package(
    name: "swift-duo",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "DuoCore", targets: ["DuoCore"]),
        .library(name: "DuoTransport", targets: ["DuoTransport"]),
        .library(name: "DuoWebSDK", targets: ["DuoWebSDK"]),
        .library(name: "DuoAuthAPI", targets: ["DuoAuthAPI"]),
        .library(name: "DuoTesting", targets: ["DuoTesting"]),
        .library(name: "DuoOTP", targets: ["DuoOTP"]),
        .library(name: "DuoQR", targets: ["DuoQR"]),
        .executable(name: "duo", targets: ["duo"]),
        .library(name: "DuoEmulator", targets: ["DuoEmulator"]),
        .executable(name: "duo-emulator", targets: ["duo-emulator"]),
    ],
    traits: [
        .trait(name: emulatorTrait, description: "The DuoEmulator library and the duo-emulator command: a local Duo over Hummingbird and SwiftNIO."),
        .default(enabledTraits: []),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.0.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        // Only the DuoEmulator product (and Examples/) use Hummingbird; the client libraries never do.
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.0.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-certificates.git", from: "1.0.0"),
        .package(url: "https://github.com/apple/swift-asn1.git", from: "1.0.0"),
        // `make docs` only: the DocC command plugin. It reaches no product or target.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin.git", from: "1.4.0"),
    ],
    targets: [
        .target(
            name: "DuoCore",
            dependencies: [swiftCrypto, logging]
        ),
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"]), .brew(["curl"])]
        ),
        .target(
            name: "CCurlShims",
            dependencies: ["CCurl"]
        ),
        .target(
            name: "DuoTransport",
            dependencies: ["DuoCore", "CCurl", "CCurlShims", logging]
        ),
        .target(
            name: "DuoWebSDK",
            dependencies: ["DuoCore", "DuoTransport", logging]
        ),
        .target(
            name: "DuoAuthAPI",
            dependencies: ["DuoCore", "DuoTransport", logging]
        ),
        .target(
            name: "DuoTesting",
            dependencies: ["DuoCore", "DuoTransport", "DuoWebSDK", "DuoAuthAPI"]
        ),
        // The QR encoder and its renderers: no dependencies, so any app can draw codes with it.
        .target(name: "DuoQR"),
        .target(
            name: "DuoOTP",
            dependencies: ["DuoCore", "DuoQR", swiftCrypto]
        ),
        .executableTarget(
            name: "duo",
            dependencies: [
                "DuoCore", "DuoTransport", "DuoWebSDK", "DuoAuthAPI", "DuoOTP", "DuoQR",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(
            name: "DuoEmulator",
            dependencies: [
                "DuoCore", "DuoTransport", "DuoWebSDK", "DuoTesting", "DuoOTP", "DuoQR",
                emulatorOnly("Hummingbird", "hummingbird"),
                emulatorOnly("HTTPTypes", "swift-http-types"),
                emulatorOnly("NIOCore", "swift-nio"),
                emulatorOnly("HummingbirdTLS", "hummingbird"),
                emulatorOnly("NIOSSL", "swift-nio-ssl"),
                emulatorOnly("X509", "swift-certificates"),
                emulatorOnly("SwiftASN1", "swift-asn1"),
                swiftCrypto,
            ]
        ),
        .executableTarget(
            name: "duo-emulator",
            dependencies: [
                "DuoEmulator", "DuoTesting", "DuoCore",
                emulatorOnly("Hummingbird", "hummingbird"),
                emulatorOnly("HummingbirdTLS", "hummingbird"),
                emulatorOnly("HummingbirdCore", "hummingbird"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Benchmarks/run-memory.sh: peak RSS of many validations and health checks (not shipped).
        .executableTarget(
            name: "duo-memory-bench",
            dependencies: ["DuoCore", "DuoTransport", "DuoWebSDK"],
            path: "Benchmarks/Memory"
        ),
        // Benchmarks/run-load.sh: load and soak against the emulator on loopback (not shipped).
        .executableTarget(
            name: "duo-load-bench",
            dependencies: [
                "DuoCore", "DuoTransport", "DuoWebSDK", "DuoAuthAPI", "DuoTesting", "DuoEmulator",
                emulatorOnly("Hummingbird", "hummingbird"),
                emulatorOnly("HummingbirdCore", "hummingbird"),
                emulatorOnly("HummingbirdTLS", "hummingbird"),
            ],
            path: "Benchmarks/Load"
        ),
        // Test-only support shared by test targets (finding the `duo` CLI, external QR decoders); not a product.
        .target(name: "DuoCLITestSupport", path: "Tests/DuoCLITestSupport"),
        .testTarget(
            name: "DuoCoreTests",
            dependencies: ["DuoCore", "DuoTransport", swiftCrypto],
            resources: [.copy("Fixtures")]
        ),
        // Test-only: one request through CurlTransport in a fresh process, for the tests of the
        // environment variables libcurl reads at start-up; not a product.
        .executableTarget(
            name: "duo-transport-probe",
            dependencies: ["DuoTransport"],
            path: "Tests/DuoTransportProbe"
        ),
        .testTarget(
            name: "DuoTransportTests",
            dependencies: ["DuoTransport", "DuoCore", "duo-transport-probe", logging],
            exclude: ["Helpers/transport_test_server.py"]
        ),
        .testTarget(
            name: "DuoWebSDKTests",
            dependencies: ["DuoWebSDK", "DuoTesting", "DuoCore", "DuoTransport", "duo", "DuoCLITestSupport"],
            exclude: ["Helpers/duo_https_server.py"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "DuoOTPTests",
            dependencies: ["DuoOTP", "DuoQR", "DuoCore", "duo", "DuoCLITestSupport"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "DuoQRTests",
            dependencies: ["DuoQR", "DuoCLITestSupport"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "DuoAuthAPITests",
            dependencies: ["DuoAuthAPI", "DuoTesting", "DuoCore", "DuoTransport", "duo", "DuoCLITestSupport"],
            exclude: ["Helpers/auth_api_test_server.py"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "DuoEmulatorTests",
            dependencies: [
                "DuoEmulator", "DuoTesting", "DuoWebSDK", "DuoTransport", "DuoCore", "DuoOTP", "DuoQR", "DuoAuthAPI", "duo", "DuoCLITestSupport", logging,
                emulatorOnly("Hummingbird", "hummingbird"),
                emulatorOnly("HummingbirdTLS", "hummingbird"),
                emulatorOnly("HummingbirdCore", "hummingbird"),
            ]
        ),
    ]
)

// Common settings, applied in one place (swift-log style): Swift 6 language mode comes from the
// tools version; these add the upcoming features every target is held to.
let commonSwiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

for target in package.targets where [.regular, .test, .executable].contains(target.type) {
    target.swiftSettings = (target.swiftSettings ?? []) + commonSwiftSettings
}
