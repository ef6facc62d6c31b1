#if PostgreSQL
    import ChipChart
    import ChipChartPostgres
    import Foundation
    import PostgresNIO
    import Testing

    /// A server that cannot be reached: an operation fails within its time limit instead of waiting
    /// for ever. Needs no server, only a port on loopback that nobody listens on.
    @Suite("PostgresStore with no server to reach", .timeLimit(.minutes(1)))
    struct PostgresUnreachableTests {
        /// A loopback port that was free a moment ago.
        static func unusedPort() throws -> Int {
            let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            defer { close(socket) }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            address.sin_port = 0
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let bound = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                    bind(socket, pointer, length) == 0 && getsockname(socket, pointer, &length) == 0
                }
            }
            guard bound else { throw StoreError(.storageFailure, "no free port") }
            return Int(UInt16(bigEndian: address.sin_port))
        }

        @Test func openingAStoreOnAnUnreachableServerFailsWithinItsTimeLimit() async throws {
            let port = try Self.unusedPort()
            let client = PostgresClient(
                configuration: try PostgresStore.clientConfiguration(
                    url: "postgres://chipchart@127.0.0.1:\(port)/clinic?sslmode=disable"
                )
            )
            let running = Task { await client.run() }
            defer { running.cancel() }
            let started = ContinuousClock.now
            await #expect {
                _ = try await PostgresStore.open(client: client, connectionTimeout: .seconds(2))
            } throws: { error in
                (error as? StoreError)?.code == .storageFailure
            }
            let waited = ContinuousClock.now - started
            #expect(waited < .seconds(10), "waited \(waited)")
        }
    }
#endif
