// swift-tools-version: 6.1
// The transport benchmark: requests per second through CurlTransport and health checks per second
// through DuoWebClient against a local nginx. Its own package so that the root package never
// builds it; run it with `Benchmarks/run-transport-bench.sh`, which builds it with `-c release`.
import PackageDescription

let package = Package(
    name: "TransportBench",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "swift-duo", path: "../.."),
    ],
    targets: [
        .executableTarget(
            name: "TransportBench",
            dependencies: [
                .product(name: "DuoCore", package: "swift-duo"),
                .product(name: "DuoTransport", package: "swift-duo"),
                .product(name: "DuoWebSDK", package: "swift-duo"),
            ],
            swiftSettings: [
                .enableUpcomingFeature("ExistentialAny"),
                .enableUpcomingFeature("MemberImportVisibility"),
                .enableUpcomingFeature("InternalImportsByDefault"),
            ]
        ),
    ]
)
