// swift-tools-version: 6.1

import PackageDescription

// The packages ChipChart builds on.
let swiftLog = Package.Dependency.package(url: "https://github.com/apple/swift-log.git", from: "1.16.2")
let swiftCrypto = Package.Dependency.package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0")
let argumentParser = Package.Dependency.package(
    url: "https://github.com/apple/swift-argument-parser.git",
    from: "1.8.2"
)
let postgresNIO = Package.Dependency.package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2")
let asyncHTTPClient = Package.Dependency.package(
    url: "https://github.com/swift-server/async-http-client.git",
    from: "1.37.0"
)
let swiftNIO = Package.Dependency.package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2")

// The products of those packages the targets use.
let logging = Target.Dependency.product(name: "Logging", package: "swift-log")
let crypto = Target.Dependency.product(name: "Crypto", package: "swift-crypto")
let argumentParserProduct = Target.Dependency.product(name: "ArgumentParser", package: "swift-argument-parser")
let httpClient = Target.Dependency.product(name: "AsyncHTTPClient", package: "async-http-client")
/// SwiftNIO (it comes with AsyncHTTPClient): the HTTP types, and the fake insurer's server.
let nioCore = Target.Dependency.product(name: "NIOCore", package: "swift-nio")
let nioPosix = Target.Dependency.product(name: "NIOPosix", package: "swift-nio")
let nioHTTP1 = Target.Dependency.product(name: "NIOHTTP1", package: "swift-nio")
/// postgres-nio is linked only in a build with the trait `PostgreSQL`.
let postgresNIOWhenTraitIsOn = Target.Dependency.product(
    name: "PostgresNIO",
    package: "postgres-nio",
    condition: .when(traits: ["PostgreSQL"])
)

let package = Package(
    name: "ChipChart",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "ChipChart", targets: ["ChipChart"]),
        .library(name: "ChipCard", targets: ["ChipCard"]),
        .library(name: "ChipCardPCSC", targets: ["ChipCardPCSC"]),
        .library(name: "ChipChartSQLite", targets: ["ChipChartSQLite"]),
        .library(name: "ChipChartPostgres", targets: ["ChipChartPostgres"]),
        .library(name: "ChipChartArchive", targets: ["ChipChartArchive"]),
        .library(name: "ChipChartClaims", targets: ["ChipChartClaims"]),
        .library(name: "ChipChartFHIR", targets: ["ChipChartFHIR"]),
        .library(name: "ChipChartSignatures", targets: ["ChipChartSignatures"]),
        .library(name: "ChipChartPortal", targets: ["ChipChartPortal"]),
        .library(name: "ChipChartPortalTesting", targets: ["ChipChartPortalTesting"]),
        .library(name: "ChipChartTesting", targets: ["ChipChartTesting"]),
        .library(name: "ChipCardTesting", targets: ["ChipCardTesting"]),
    ],
    traits: [
        .trait(name: "PCSC", description: "ChipCardPCSC talks to PC/SC readers through pcsclite."),
        .trait(name: "PostgreSQL", description: "The PostgreSQL store (ChipChartPostgres)."),
    ],
    dependencies: [swiftLog, swiftCrypto, argumentParser, postgresNIO, asyncHTTPClient, swiftNIO],
    targets: [
        // MARK: Domain: people, identifiers, coverage, visits, the store contract, the desk.

        .target(name: "ChipChart", dependencies: [logging]),

        // MARK: Card reading: the card's QR, its MRZ, and the ICAO 9303 chip.

        .systemLibrary(name: "COpenSSL", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        .target(name: "ChipCard", dependencies: ["ChipChart", "COpenSSL", crypto, logging]),
        // PC/SC readers through pcsclite, with the trait `PCSC` (libpcsclite-dev); empty without it.
        .systemLibrary(name: "CPCSCLite", pkgConfig: "libpcsclite", providers: [.apt(["libpcsclite-dev"])]),
        .target(
            name: "ChipCardPCSC",
            dependencies: ["ChipCard", .target(name: "CPCSCLite", condition: .when(traits: ["PCSC"]))]
        ),

        // MARK: Storage: the embedded SQLite file by default, PostgreSQL with the trait, archives.

        .systemLibrary(name: "CSQLite", path: "Sources/CSQLite", providers: [.apt(["libsqlite3-dev"])]),
        .target(name: "ChipChartSQLite", dependencies: ["ChipChart", "CSQLite", logging]),
        // With the trait `PostgreSQL` it brings postgres-nio; without it the module is empty.
        .target(
            name: "ChipChartPostgres",
            dependencies: ["ChipChart", "ChipChartArchive", logging, postgresNIOWhenTraitIsOn]
        ),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .target(name: "ChipChartArchive", dependencies: ["ChipChart", "CZlib"]),

        // MARK: Interchange: the insurer's claims XML (Decision 130/4750) and FHIR R4.

        .target(name: "ChipChartClaims", dependencies: ["ChipChart"]),
        .target(name: "ChipChartFHIR", dependencies: ["ChipChart"]),
        // Enveloped XMLDSig of the claims files: C14N, PKCS#12 (libcrypto) and PKCS#11 token signing, verification.
        .systemLibrary(name: "CPKCS11", pkgConfig: "p11-kit-1", providers: [.apt(["libp11-kit-dev"])]),
        .target(name: "ChipChartSignatures", dependencies: ["ChipChart", "COpenSSL", "CPKCS11"]),
        // The insurer's portal over HTTP: token, card check, visit history; retries and a breaker.
        .target(name: "ChipChartPortal", dependencies: ["ChipChart", httpClient, nioCore, nioHTTP1, crypto, logging]),

        // MARK: Test support: the insurer simulator, a synthetic population, the conformance suites;
        // the simulated chip, card and PKI, and the card parsers' fuzzer.

        .target(name: "ChipChartTesting", dependencies: ["ChipChart"]),
        .target(name: "ChipCardTesting", dependencies: ["ChipCard", "ChipChart", "ChipChartTesting", "COpenSSL"]),
        // The fake insurer's portal over HTTP on loopback (SwiftNIO kept out of ChipChartTesting).
        .target(
            name: "ChipChartPortalTesting",
            dependencies: [
                "ChipChart", "ChipChartPortal", "ChipChartSignatures", "ChipChartTesting", nioCore, nioPosix, nioHTTP1,
            ]
        ),
        // The tests' own helpers: running the built executables, a throwaway CA, xmlsec1.
        .target(name: "TestSupport", dependencies: ["COpenSSL"], path: "Tests/TestSupport"),

        // MARK: Examples: the clinic day, the reception desk, the records tool, a virtual card.

        // What the examples share: the store a `--db` option names, progress on a terminal.
        .target(
            name: "ExampleSupport",
            dependencies: [
                "ChipChart", "ChipChartSQLite", "ChipChartPostgres", "ChipChartPortal", "ChipChartArchive",
                "ChipChartSignatures", argumentParserProduct, logging, postgresNIOWhenTraitIsOn,
            ],
            path: "Examples/ExampleSupport"
        ),
        .executableTarget(
            name: "clinic-day",
            dependencies: [
                "ChipChart", "ChipChartTesting", "ChipChartSQLite", "ChipChartClaims", "ChipCard", "ChipCardTesting",
                "ChipChartArchive", "ChipChartSignatures", "ExampleSupport", argumentParserProduct, logging,
            ],
            path: "Examples/clinic-day"
        ),
        .executableTarget(
            name: "reception",
            dependencies: [
                "ChipChart", "ChipCard", "ChipCardTesting", "ChipChartTesting", "ExampleSupport",
                argumentParserProduct,
            ],
            path: "Examples/reception"
        ),
        .executableTarget(
            name: "records",
            dependencies: [
                "ChipChart", "ChipChartArchive", "ChipChartClaims", "ChipChartFHIR", "ChipChartSignatures",
                "ChipChartPortal", "ExampleSupport", argumentParserProduct, logging,
            ],
            path: "Examples/records"
        ),
        .executableTarget(
            name: "insurer-portal",
            dependencies: ["ChipChartPortalTesting", "ChipChartTesting", argumentParserProduct],
            path: "Examples/insurer-portal"
        ),
        .executableTarget(
            name: "virtual-card",
            dependencies: ["ChipCard", "ChipCardTesting", "ChipChart"],
            path: "Examples/virtual-card"
        ),

        // MARK: Tests

        .testTarget(name: "ChipChartTests", dependencies: ["ChipChart", "ChipChartTesting"]),
        .testTarget(name: "ChipChartTestingTests", dependencies: ["ChipChart", "ChipChartTesting"]),
        .testTarget(
            name: "ChipCardTests",
            dependencies: ["ChipCard", "ChipCardTesting", "ChipChart", "ChipCardPCSC"]
        ),
        // A process that writes to a store until it is killed: the crash and multi-process tests.
        .executableTarget(
            name: "sqlite-stress",
            dependencies: ["ChipChart", "ChipChartSQLite", "ChipChartTesting"],
            path: "Tests/SQLiteStressTool"
        ),
        .testTarget(
            name: "ChipChartSQLiteTests",
            dependencies: [
                "ChipChart", "ChipChartSQLite", "ChipChartSignatures", "ChipChartTesting", "CSQLite", "sqlite-stress",
                "TestSupport",
            ],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "ChipChartPostgresTests",
            dependencies: [
                "ChipChart", "ChipChartTesting", "ChipChartPostgres", "ChipChartSQLite", "ChipChartArchive", logging,
                postgresNIOWhenTraitIsOn,
            ]
        ),
        .testTarget(
            name: "ChipChartArchiveTests",
            dependencies: ["ChipChart", "ChipChartArchive", "ChipChartTesting"]
        ),
        .testTarget(
            name: "ChipChartArchiveStoreTests",
            dependencies: ["ChipChart", "ChipChartArchive", "ChipChartSQLite", "ChipChartTesting"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "ChipChartPortalTests",
            dependencies: [
                "ChipChart", "ChipChartPortal", "ChipChartPortalTesting", "ChipChartSignatures", "ChipChartTesting",
                "TestSupport", logging,
            ]
        ),
        .testTarget(name: "ChipChartClaimsTests", dependencies: ["ChipChart", "ChipChartClaims"], exclude: ["Golden"]),
        .testTarget(
            name: "ChipChartFHIRTests",
            dependencies: ["ChipChart", "ChipChartFHIR", "ChipChartTesting"],
            exclude: ["Golden"]
        ),
        .testTarget(
            name: "ChipChartSignaturesTests",
            dependencies: ["ChipChartSignatures", "TestSupport", crypto],
            exclude: ["C14N"]
        ),
        // The example executables, run as built and checked by their output.
        .testTarget(
            name: "ExampleTests",
            dependencies: [
                "reception", "clinic-day", "records", "insurer-portal", "ChipChart", "ChipChartSQLite",
                "ChipChartPostgres", "ChipCard", "ChipCardTesting", "ChipChartTesting", "ChipChartArchive",
                "ChipChartClaims", "ChipChartSignatures", "ChipChartPortal", "ChipChartPortalTesting", "ExampleSupport",
                "TestSupport", logging, postgresNIOWhenTraitIsOn,
            ]
        ),
        // Every Swift block of the READMEs and the DocC catalogues, compiled and run
        // (`DocumentationBlocks.swift` is generated from them by `generate.sh`).
        .testTarget(
            name: "DocumentationTests",
            dependencies: [
                "ChipCard", "ChipCardPCSC", "ChipCardTesting", "ChipChart", "ChipChartArchive", "ChipChartClaims",
                "ChipChartFHIR", "ChipChartSignatures", "ChipChartSQLite", "ChipChartTesting", "ChipChartPostgres",
                "ChipChartPortal", "TestSupport", logging,
                postgresNIOWhenTraitIsOn,
            ],
            exclude: ["generate.sh"]
        ),
    ]
)

// Upcoming language features, for every Swift target.
for target in package.targets where target.type != .system {
    target.swiftSettings = [
        .enableUpcomingFeature("ExistentialAny"),
        .enableUpcomingFeature("MemberImportVisibility"),
        .enableUpcomingFeature("InternalImportsByDefault"),
        .enableUpcomingFeature("NonisolatedNonsendingByDefault"),
    ]
}
