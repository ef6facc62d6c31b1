// swift-tools-version: 6.1

import PackageDescription

let package = Package(
    name: "ChipChart",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "ChipChart", targets: ["ChipChart"]),
        .library(name: "ChipChartTesting", targets: ["ChipChartTesting"]),
        .executable(name: "clinic-day", targets: ["clinic-day"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2")
    ],
    targets: [
        .target(
            name: "ChipChart",
            dependencies: [.product(name: "Logging", package: "swift-log")]
        ),
        .target(
            name: "ChipChartTesting",
            dependencies: ["ChipChart"]
        ),
        .testTarget(
            name: "ChipChartTests",
            dependencies: ["ChipChart", "ChipChartTesting"]
        ),
        .testTarget(
            name: "ChipChartTestingTests",
            dependencies: ["ChipChart", "ChipChartTesting"]
        ),
    ]
)

// ChipChartSQLite: the embedded default store, over the system SQLite (libsqlite3-dev).
package.products.append(.library(name: "ChipChartSQLite", targets: ["ChipChartSQLite"]))
package.targets.append(contentsOf: [
    .systemLibrary(
        name: "CSQLite",
        path: "Sources/CSQLite",
        providers: [.apt(["libsqlite3-dev"])]
    ),
    .target(
        name: "ChipChartSQLite",
        dependencies: ["ChipChart", "CSQLite", .product(name: "Logging", package: "swift-log")]
    ),
    .executableTarget(
        name: "sqlite-stress",
        dependencies: ["ChipChart", "ChipChartSQLite", "ChipChartTesting"],
        path: "Tests/SQLiteStressTool"
    ),
    .executableTarget(
        name: "record-format-benchmark",
        dependencies: ["ChipChart", "ChipChartSQLite", "ChipChartTesting"],
        path: "Benchmarks/record-format-benchmark"
    ),
    .executableTarget(
        name: "sqlite-benchmark",
        dependencies: ["ChipChart", "ChipChartSQLite", "ChipChartTesting", "CSQLite"],
        path: "Benchmarks/sqlite-benchmark"
    ),
    .testTarget(
        name: "ChipChartSQLiteTests",
        dependencies: ["ChipChart", "ChipChartSQLite", "ChipChartTesting", "CSQLite", "sqlite-stress"],
        exclude: ["Fixtures"]
    ),
])

// Card reading: the ChipCard module (QR, MRZ, ICAO 9303 chip), its OpenSSL shim, the reception
// example, the card benchmark and the card fuzzer.
package.dependencies += [
    .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
    .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
]
package.products += [
    .library(name: "ChipCard", targets: ["ChipCard"]),
    .executable(name: "reception", targets: ["reception"]),
]
package.targets += [
    .systemLibrary(
        name: "COpenSSL",
        pkgConfig: "libcrypto",
        providers: [.apt(["libssl-dev"])]
    ),
    .target(
        name: "ChipCard",
        dependencies: [
            "ChipChart", "COpenSSL",
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "Logging", package: "swift-log"),
        ]
    ),
    .target(
        name: "ChipCardFuzzing",
        dependencies: ["ChipCard", "ChipChart"]
    ),
    .executableTarget(
        name: "reception",
        dependencies: [
            "ChipChart", "ChipCard", "ChipChartTesting", "ExampleSupport",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ],
        path: "Examples/reception"
    ),
    .executableTarget(
        name: "virtual-card",
        dependencies: ["ChipCard", "ChipChart"],
        path: "Examples/virtual-card"
    ),
    .executableTarget(
        name: "card-benchmark",
        dependencies: ["ChipCard", "ChipChart"],
        path: "Benchmarks/card-benchmark"
    ),
    .executableTarget(
        name: "card-fuzz",
        dependencies: ["ChipCardFuzzing"],
        path: "Benchmarks/card-fuzz"
    ),
    .testTarget(
        name: "ChipCardTests",
        dependencies: ["ChipCard", "ChipChart", "ChipCardFuzzing", "ChipCardPCSC"]
    ),
]

// PC/SC transport for real contactless readers, behind the trait `PCSC` (needs libpcsclite-dev).
package.traits.insert(.trait(name: "PCSC", description: "ChipCardPCSC talks to PC/SC readers through pcsclite."))
package.products += [.library(name: "ChipCardPCSC", targets: ["ChipCardPCSC"])]
package.targets += [
    .systemLibrary(
        name: "CPCSCLite",
        pkgConfig: "libpcsclite",
        providers: [.apt(["libpcsclite-dev"])]
    ),
    .target(
        name: "ChipCardPCSC",
        dependencies: ["ChipCard", .target(name: "CPCSCLite", condition: .when(traits: ["PCSC"]))]
    ),
]

// The simulated clinic day: the README's first command; and what the examples share: opening the
// store a --db option names (an SQLite file, or PostgreSQL in a build with the trait).
package.targets.append(
    .target(
        name: "ExampleSupport",
        dependencies: [
            "ChipChart", "ChipChartSQLite", "ChipChartPostgres",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "PostgresNIO", package: "postgres-nio", condition: .when(traits: ["PostgreSQL"])),
        ],
        path: "Examples/ExampleSupport"
    )
)
package.targets.append(
    .executableTarget(
        name: "clinic-day",
        dependencies: [
            "ChipChart", "ChipChartTesting", "ChipChartSQLite", "ChipCard", "ExampleSupport",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ],
        path: "Examples/clinic-day"
    )
)

// The example executables, run as built and checked by their output.
package.targets.append(
    .testTarget(
        name: "ExampleTests",
        dependencies: [
            "reception", "clinic-day", "ChipChart", "ChipChartSQLite", "ChipCard", "ChipChartTesting", "ExampleSupport",
        ]
    )
)
// Claims and interchange: Decision 130/4750 XML and FHIR R4.
package.products += [
    .library(name: "ChipChartClaims", targets: ["ChipChartClaims"]),
    .library(name: "ChipChartFHIR", targets: ["ChipChartFHIR"]),
    .executable(name: "claims-benchmark", targets: ["claims-benchmark"]),
]
package.targets += [
    .target(name: "ChipChartClaims", dependencies: ["ChipChart"]),
    .target(name: "ChipChartFHIR", dependencies: ["ChipChart"]),
    .executableTarget(
        name: "claims-benchmark",
        dependencies: ["ChipChart", "ChipChartClaims", "ChipChartTesting"],
        path: "Benchmarks/claims-benchmark"
    ),
    .testTarget(
        name: "ChipChartClaimsTests",
        dependencies: ["ChipChart", "ChipChartClaims"],
        exclude: ["Golden"]
    ),
    .testTarget(
        name: "ChipChartFHIRTests",
        dependencies: ["ChipChart", "ChipChartFHIR"],
        exclude: ["Golden"]
    ),
]

// Archives: a store's records as one gzip file of JSON lines.
package.products += [.library(name: "ChipChartArchive", targets: ["ChipChartArchive"])]
package.targets += [
    .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
    .target(name: "ChipChartArchive", dependencies: ["ChipChart", "CZlib"]),
    .testTarget(name: "ChipChartArchiveTests", dependencies: ["ChipChart", "ChipChartArchive", "ChipChartTesting"]),
]

// PostgreSQL store: the `PostgreSQL` trait (off by default) brings postgres-nio and builds
// `ChipChartPostgres`; without it the module is empty and its tests are skipped.
package.traits.insert(.trait(name: "PostgreSQL", description: "The PostgreSQL store (ChipChartPostgres)."))
package.dependencies.append(.package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"))
package.products.append(.library(name: "ChipChartPostgres", targets: ["ChipChartPostgres"]))
package.targets += [
    .target(
        name: "ChipChartPostgres",
        dependencies: [
            "ChipChart",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "PostgresNIO", package: "postgres-nio", condition: .when(traits: ["PostgreSQL"])),
        ]
    ),
    .testTarget(
        name: "ChipChartPostgresTests",
        dependencies: [
            "ChipChart",
            "ChipChartTesting",
            "ChipChartPostgres",
            "ChipChartSQLite",
            "ChipChartArchive",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "PostgresNIO", package: "postgres-nio", condition: .when(traits: ["PostgreSQL"])),
        ]
    ),
    .executableTarget(
        name: "postgres-benchmark",
        dependencies: [
            "ChipChart",
            "ChipChartTesting",
            "ChipChartPostgres",
            "ChipChartArchive",
            "ChipChartSQLite",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "PostgresNIO", package: "postgres-nio", condition: .when(traits: ["PostgreSQL"])),
        ],
        path: "Benchmarks/postgres-benchmark"
    ),
]

for target in package.targets where target.name == "ExampleTests" {
    target.dependencies += [
        "ChipChartPostgres",
        .product(name: "Logging", package: "swift-log"),
        .product(name: "PostgresNIO", package: "postgres-nio", condition: .when(traits: ["PostgreSQL"])),
    ]
}

// Upcoming language features, turned on for every target in one place.
for target in package.targets where [.executable, .test, .regular].contains(target.type) {
    var settings = target.swiftSettings ?? []
    settings.append(.enableUpcomingFeature("ExistentialAny"))
    settings.append(.enableUpcomingFeature("MemberImportVisibility"))
    settings.append(.enableUpcomingFeature("InternalImportsByDefault"))
    settings.append(.enableUpcomingFeature("NonisolatedNonsendingByDefault"))
    target.swiftSettings = settings
}

// Whole stores: archives of any ArchivableStore, and the records command.
package.targets += [
    .testTarget(
        name: "ChipChartArchiveStoreTests",
        dependencies: ["ChipChart", "ChipChartArchive", "ChipChartSQLite", "ChipChartTesting"],
        exclude: ["Fixtures"]
    )
]
package.targets.append(
    .executableTarget(
        name: "records",
        dependencies: [
            "ChipChart", "ChipChartArchive", "ChipChartClaims", "ChipChartFHIR", "ExampleSupport",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ],
        path: "Examples/records"
    )
)
for target in package.targets where target.name == "ExampleTests" {
    target.dependencies += ["records", "ChipChartClaims", "ChipChartArchive"]
}
package.targets.append(
    .executableTarget(
        name: "archive-benchmark",
        dependencies: [
            "ChipChart", "ChipChartArchive", "ChipChartSQLite",
            .product(name: "Logging", package: "swift-log"),
        ],
        path: "Benchmarks/archive-benchmark"
    )
)
let archiveTargets = ["records", "ChipChartArchiveStoreTests", "archive-benchmark"]
for target in package.targets where archiveTargets.contains(target.name) {
    target.swiftSettings = [
        .enableUpcomingFeature("ExistentialAny"),
        .enableUpcomingFeature("MemberImportVisibility"),
        .enableUpcomingFeature("InternalImportsByDefault"),
        .enableUpcomingFeature("NonisolatedNonsendingByDefault"),
    ]
}
