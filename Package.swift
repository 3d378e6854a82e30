// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "OTVerify",
    products: [
        .executable(name: "otverify", targets: ["otverify"]),
    ],
    targets: [
        // MPFR and GMP from the system (Debian: libmpfr-dev, libgmp-dev).
        .systemLibrary(
            name: "CMPFR",
            pkgConfig: "mpfr",
            providers: [.apt(["libmpfr-dev", "libgmp-dev"])]
        ),
        .target(name: "ArbitraryPrecision", dependencies: ["CMPFR"]),
        .target(name: "Transport", dependencies: ["ArbitraryPrecision"]),
        .target(name: "Construction", dependencies: ["ArbitraryPrecision", "Transport"]),
        .target(name: "Campaign", dependencies: ["ArbitraryPrecision", "Transport", "Construction"]),
        .target(name: "Claims", dependencies: ["ArbitraryPrecision", "Transport", "Construction", "Campaign"]),
        .target(name: "Reports", dependencies: ["ArbitraryPrecision", "Campaign", "Claims"]),
        .target(name: "PropertyTesting", dependencies: ["ArbitraryPrecision", "Transport", "Construction", "Campaign", "Reports"]),
        .target(name: "OTVerifyCLI", dependencies: ["ArbitraryPrecision", "Transport", "Construction", "Campaign", "Claims", "Reports", "PropertyTesting"]),
        .executableTarget(name: "otverify", dependencies: ["OTVerifyCLI"]),

        .testTarget(name: "ArbitraryPrecisionTests", dependencies: ["ArbitraryPrecision"], exclude: ["Fixtures"]),
        .testTarget(name: "TransportTests", dependencies: ["ArbitraryPrecision", "Transport"], exclude: ["Fixtures"]),
        .testTarget(name: "ConstructionTests", dependencies: ["ArbitraryPrecision", "Transport", "Construction"]),
        .testTarget(name: "CampaignTests", dependencies: ["ArbitraryPrecision", "Transport", "Construction", "Campaign", "Reports"]),
        .testTarget(name: "ClaimsTests", dependencies: ["ArbitraryPrecision", "Transport", "Construction", "Campaign", "Claims"]),
        .testTarget(name: "CLITests", dependencies: ["OTVerifyCLI", "ArbitraryPrecision", "Claims", "Reports"]),
        .testTarget(name: "PropertyTestingTests", dependencies: ["ArbitraryPrecision", "Campaign", "PropertyTesting", "OTVerifyCLI"]),
    ]
)
