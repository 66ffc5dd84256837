// swift-tools-version: 6.2
import PackageDescription

// Layers, bottom to top: CArgon2 (system libargon2) and CPhoneNumber (a C interface to the
// system libphonenumber, in C++) → HomewardCore (domain, storage, auth,
// audit, casework, imports, matching, identification, reports through swift-mustache) → HomewardDemo (synthetic data, the demo's story)
// → HomewardCLI (one command per file) → homeward (entry point).
// Beside them: HomewardFuzzing (properties the fuzz targets assert) → one fuzz-<name>
// executable per target, run by `make fuzz`.
let strict: [SwiftSetting] = [.treatAllWarnings(as: .error)]

/// The fuzz targets, as `FuzzTarget`'s raw values: `Sources/fuzz-<name>`, `Tests/Fuzz/<name>`.
let fuzzTargets = ["csv-inquiries", "csv-manifest", "dates", "regions", "names", "references", "phones", "phc"]

let package = Package(
    name: "Homeward",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "homeward", targets: ["homeward"]),
        .library(name: "HomewardCore", targets: ["HomewardCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/yaslab/CSV.swift", exact: "2.5.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        // The server and its client (issue 11), generated from api/openapi.yaml.
        .package(url: "https://github.com/apple/swift-openapi-generator", from: "1.14.3"),
        .package(url: "https://github.com/apple/swift-openapi-runtime", from: "1.13.4"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/hummingbird-project/swift-openapi-hummingbird", from: "2.1.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/swift-server/swift-openapi-async-http-client", from: "1.5.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CArgon2",
            path: "Sources/CArgon2",
            pkgConfig: "libargon2",
            providers: [.apt(["libargon2-dev"])]
        ),
        .target(
            name: "CPhoneNumber",
            path: "Sources/CPhoneNumber",
            // Debian's libphonenumber-dev ships no pkg-config file; its headers include
            // protobuf's (libprotobuf-dev).
            linkerSettings: [.linkedLibrary("phonenumber"), .linkedLibrary("protobuf")]
        ),
        .target(
            name: "HomewardCore",
            dependencies: [
                "CArgon2",
                "CPhoneNumber",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CSV", package: "CSV.swift"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            resources: [
                // schema/ is the single source of truth; Schema is a symlink to ../../schema.
                .embedInCode("Schema/0001_core.sql"),
                .embedInCode("Schema/0002_casework.sql"),
                .embedInCode("Schema/0003_hardening.sql"),
                .embedInCode("Schema/0004_matching.sql"),
                .embedInCode("Schema/0005_reports.sql"),
                .embedInCode("Schema/0006_import.sql"),
                .embedInCode("Auth/common-passwords.txt"),
                .embedInCode("Regions/regions.csv"),
                .embedInCode("Regions/adjacency.csv"),
                .embedInCode("Matching/given-names.csv"),
                .embedInCode("Reports/Templates/family.html.mustache"),
                .embedInCode("Reports/Templates/family.txt.mustache"),
                .embedInCode("Reports/Templates/coordinator.html.mustache"),
                .embedInCode("Reports/Templates/coordinator.txt.mustache"),
                .embedInCode("Reports/Strings/en.json"),
                .embedInCode("Reports/Strings/uk.json"),
                .embedInCode("Reports/Strings/ru.json"),
            ],
            swiftSettings: strict
        ),
        .target(
            // Synthetic data with fixed seeds and the demo's story, told through the core's use cases.
            name: "HomewardDemo",
            dependencies: ["HomewardCore"],
            swiftSettings: strict
        ),
        .target(
            // Types, server stubs and client generated from api/openapi.yaml (a symlink here).
            name: "HomewardAPI",
            dependencies: [.product(name: "OpenAPIRuntime", package: "swift-openapi-runtime")],
            plugins: [.plugin(name: "OpenAPIGenerator", package: "swift-openapi-generator")]
        ),
        .target(
            // The HTTP API on the core: adapts requests to the core's use cases; no domain rule,
            // no SQL, no access rule.
            name: "HomewardServer",
            dependencies: [
                "HomewardCore",
                "HomewardAPI",
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "OpenAPIHummingbird", package: "swift-openapi-hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Crypto", package: "swift-crypto"),
                // Only for the type of its errors (busy, locked): the server runs no SQL.
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "HomewardCLI",
            dependencies: [
                "HomewardCore",
                "HomewardDemo",
                "HomewardAPI",
                "HomewardServer",
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "OpenAPIAsyncHTTPClient", package: "swift-openapi-async-http-client"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(name: "homeward", dependencies: ["HomewardCLI"], swiftSettings: strict),
        .executableTarget(
            name: "homeward-bench",
            dependencies: ["HomewardCore", "HomewardDemo", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strict),
        .target(name: "HomewardFuzzing", dependencies: ["HomewardCore"], swiftSettings: strict),
        .testTarget(name: "HomewardFuzzingTests", dependencies: ["HomewardFuzzing"], swiftSettings: strict),
        .testTarget(
            name: "HomewardCoreTests",
            dependencies: ["HomewardCore"],
            resources: [
                .embedInCode("Names/Fixtures/translit-uk-examples.csv"),
                .embedInCode("Names/Fixtures/translit-ru-examples.csv"),
            ],
            swiftSettings: strict
        ),
        .testTarget(name: "HomewardDemoTests", dependencies: ["HomewardDemo", "HomewardCore"], swiftSettings: strict),
        .testTarget(
            name: "HomewardCLITests",
            dependencies: ["HomewardCore", "homeward"],
            swiftSettings: strict
        ),
    ] + fuzzTargets.map { name in
        .executableTarget(name: "fuzz-\(name)", dependencies: ["HomewardFuzzing"], swiftSettings: strict)
    }
)
