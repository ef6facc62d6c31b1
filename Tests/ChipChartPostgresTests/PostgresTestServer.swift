#if PostgreSQL
    import ChipChart
    import ChipChartPostgres
    import Foundation
    import Logging
    import PostgresNIO
    import Testing

    /// The PostgreSQL server the tests run against, from `CHIPCHART_POSTGRES_URL`
    /// (`postgres://USER[:PASSWORD]@127.0.0.1:PORT/DATABASE?sslmode=disable`; `.ci/run` starts one).
    ///
    /// One client serves every test; each test gets stores in schemas of its own, so tests never
    /// see each other's records.
    enum PostgresTestServer {
        /// The URL, when one is given.
        static let url: String? = ProcessInfo.processInfo.environment["CHIPCHART_POSTGRES_URL"].flatMap {
            $0.isEmpty ? nil : $0
        }

        /// Why the PostgreSQL tests are skipped, shown by the test runner.
        static let howToRun: Comment =
            "set CHIPCHART_POSTGRES_URL=postgres://USER@127.0.0.1:PORT/DATABASE?sslmode=disable to run the PostgreSQL tests (.ci/run starts a throwaway server)"

        /// True when a server is configured.
        static var isConfigured: Bool { url != nil }

        /// The shared client, running for the life of the test process.
        static let shared: PostgresClient? = {
            guard let url, let configuration = try? PostgresStore.clientConfiguration(url: url) else { return nil }
            return makeRunningClient(configuration)
        }()

        /// A new client with `configuration`, already running; it runs until the process ends.
        static func makeRunningClient(_ configuration: PostgresClient.Configuration) -> PostgresClient {
            // Quiet: the pool warns that run() has not started yet when the first test is quicker.
            let client = PostgresClient(configuration: configuration)
            Task.detached { await client.run() }
            return client
        }

        /// The client configuration for the URL.
        static func configuration() throws -> PostgresClient.Configuration {
            guard let url else { throw StoreError(.storageFailure, "CHIPCHART_POSTGRES_URL is not set") }
            return try PostgresStore.clientConfiguration(url: url)
        }

        /// A fresh schema name, unique to this run.
        static func freshSchema(_ purpose: String) -> String {
            let suffix = UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(12)
            return "t_\(purpose.lowercased().filter { $0.isLetter || $0.isNumber }.prefix(30))_\(suffix)"
        }

        /// A new, empty store in a schema of its own.
        static func freshStore(_ purpose: String, client: PostgresClient? = nil) async throws -> PostgresStore {
            guard let client = client ?? shared else {
                throw StoreError(.storageFailure, "CHIPCHART_POSTGRES_URL is not set")
            }
            return try await PostgresStore.open(client: client, schema: freshSchema(purpose))
        }
    }
#endif
