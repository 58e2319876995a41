// swift-tools-version: 6.1
// The DuoOTP benchmark: TOTP codes, Base32 decodes and otpauth URI parses per second, beside a bare
// HMAC-SHA1 of 8 bytes (the floor). Its own package so that the root package never builds it; run
// it with `Benchmarks/run-otp-bench.sh`, which builds it with `-c release` and runs pyotp beside it.
import PackageDescription

let package = Package(
    name: "OTPBench",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "swift-duo", path: "../.."),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.0.0"),
    ],
    targets: [
        .executableTarget(
            name: "OTPBench",
            dependencies: [
                .product(name: "DuoOTP", package: "swift-duo"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: [
                .enableUpcomingFeature("ExistentialAny"),
                .enableUpcomingFeature("MemberImportVisibility"),
                .enableUpcomingFeature("InternalImportsByDefault"),
            ]
        ),
    ]
)
