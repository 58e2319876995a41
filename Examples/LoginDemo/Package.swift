// swift-tools-version: 6.1
// The login demo: a university e-mail sign-in protected by Duo (the embedded emulator by default).
// It depends on the swift-duo package by path and on Hummingbird; the SDK's client libraries
// never depend on Hummingbird.
import Foundation
import PackageDescription

// A path dependency's identity is its folder's name, which differs between checkouts
// (swift-duo, main, a worktree): read it rather than hard-code it.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let duo = root.lastPathComponent

let package = Package(
    name: "LoginDemo",
    platforms: [.macOS(.v14)],
    dependencies: [
        // The emulator is behind the SDK's Emulator trait (off by default, so relying parties
        // resolve no Hummingbird or SwiftNIO through swift-duo); the demo embeds it.
        .package(path: "../..", traits: ["Emulator"]),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.0.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.0.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.0.0"),
    ],
    targets: [
        .target(
            name: "LoginDemoKit",
            dependencies: [
                .product(name: "DuoWebSDK", package: duo),
                .product(name: "DuoCore", package: duo),
                .product(name: "DuoTransport", package: duo),
                .product(name: "DuoTesting", package: duo),
                .product(name: "DuoEmulator", package: duo),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        .executableTarget(
            name: "login-demo",
            dependencies: ["LoginDemoKit", .product(name: "Hummingbird", package: "hummingbird")]
        ),
        .testTarget(
            name: "LoginDemoTests",
            dependencies: [
                "LoginDemoKit",
                .product(name: "DuoEmulator", package: duo),
                .product(name: "DuoTransport", package: duo),
                .product(name: "DuoWebSDK", package: duo),
                .product(name: "DuoCore", package: duo),
                .product(name: "Hummingbird", package: "hummingbird"),
            ]
        ),
    ]
)

for target in package.targets {
    target.swiftSettings = [
        .enableUpcomingFeature("ExistentialAny"),
        .enableUpcomingFeature("MemberImportVisibility"),
        .enableUpcomingFeature("InternalImportsByDefault"),
    ]
}
