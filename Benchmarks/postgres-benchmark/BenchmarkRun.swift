#if PostgreSQL
    import ChipChart
    import ChipChartPostgres
    import ChipChartSQLite
    import ChipChartTesting
    import Foundation
    import Logging
    import PostgresNIO

    /// What a run measures.
    enum Workload: String, CaseIterable {
        /// The check-in through `PostgresStore`.
        case store = "PostgresStore"
        /// The same statements sent directly through PostgresNIO in one transaction, the audit rows
        /// numbered by a PostgreSQL sequence instead of a chain.
        case baseline = "PostgresNIO, same SQL, no chain"
        /// The same check-in through `SQLiteStore`, all desks sharing one file on this machine.
        case sqlite = "SQLiteStore, same check-in"
        /// A returning patient's check-in and the visit's closing through `PostgresStore`.
        case returning = "PostgresStore, returning patient"

        /// The workloads of new people's check-ins.
        static let checkIns: [Workload] = [.store, .baseline, .sqlite]
    }

    /// One run: `desks` tasks checking in new people for `duration`, in a fresh schema.
    struct BenchmarkRun {
        let workload: Workload
        let desks: Int
        let duration: Duration
        let personOffset: Int
        let client: PostgresClient

        struct Result {
            let workload: Workload
            let desks: Int
            let checkIns: Int
            let elapsed: Duration
            let latencies: [Duration]
            /// CPU seconds (user + system) of this process and of the server's processes.
            let clientCPU: Double
            let serverCPU: Double
            /// The audit checkpoints the store wrote during the run (none for the other workloads).
            let checkpoints: Int

            var opsPerSecond: Double { Double(checkIns) / elapsed.seconds }

            func percentile(_ fraction: Double) -> Double {
                guard !latencies.isEmpty else { return 0 }
                let index = min(latencies.count - 1, Int((Double(latencies.count - 1) * fraction).rounded()))
                return latencies[index].seconds * 1000
            }

            var markdownRow: String {
                "| \(workload.rawValue) | \(desks) | \(checkIns) | \(format(opsPerSecond, 0)) | "
                    + "\(format(percentile(0.5), 2)) | \(format(percentile(0.95), 2)) | "
                    + "\(format(perCheckIn(clientCPU), 3)) | \(format(perCheckIn(serverCPU), 3)) | "
                    + "\(workload == .store || workload == .returning ? format(Double(checkpoints) / elapsed.seconds, 1) : "") |"
            }

            /// Milliseconds of `seconds` per check-in.
            private func perCheckIn(_ seconds: Double) -> Double {
                checkIns == 0 ? 0 : seconds * 1000 / Double(checkIns)
            }

            private func format(_ value: Double, _ digits: Int) -> String {
                String(format: "%.\(digits)f", value)
            }
        }

        func run() async throws -> Result {
            let schema = "bench_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(12)
            let store = try await PostgresStore.open(client: client, schema: schema)
            let population = SyntheticPopulation(seed: 2026)
            let staff = try population.staff()
            let baseline = try BaselineCheckIn(schema: schema, sample: population.person(at: 0), staff: staff)
            try await BaselineCheckIn.createSequence(schema: schema, client: client)
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent(schema)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let sqlite = try SQLiteStore(
                path: folder.appendingPathComponent("desks.sqlite").path,
                logger: Logger(label: "postgres-benchmark", factory: { _ in SwiftLogNoOpLogHandler() })
            )
            let returning =
                workload == .returning
                ? try await ReturningCheckIn.load(
                    desks * ReturningCheckIn.patientsPerDesk,
                    from: personOffset,
                    of: population,
                    store: store,
                    staff: staff
                ) : []
            let clock = ContinuousClock()
            let cpu = try await ProcessCPU.server(of: client, logger: Logger(label: "postgres-benchmark"))
            let before = cpu.sample()
            let start = clock.now
            let deadline = start.advanced(by: duration)
            let workload = self.workload
            let desks = self.desks
            let personOffset = self.personOffset
            let client = self.client
            let latencies = try await withThrowingTaskGroup(of: [Duration].self) { group in
                for desk in 0..<desks {
                    group.addTask {
                        var latencies: [Duration] = []
                        var turn = 0
                        while clock.now < deadline {
                            let index = desk + turn * desks
                            turn += 1
                            let person =
                                workload == .returning
                                ? returning[index % returning.count]
                                : try population.person(at: personOffset + index)
                            let began = clock.now
                            switch workload {
                            case .store: try await StoreCheckIn.checkIn(person, store: store, staff: staff)
                            case .baseline: try await baseline.checkIn(person, client: client)
                            case .sqlite: try await StoreCheckIn.checkIn(person, store: sqlite, staff: staff)
                            case .returning: try await ReturningCheckIn.checkIn(person, store: store, staff: staff)
                            }
                            latencies.append(began.duration(to: clock.now))
                        }
                        return latencies
                    }
                }
                return try await group.reduce(into: [Duration]()) { $0 += $1 }
            }
            let elapsed = start.duration(to: clock.now)
            let used = cpu.sample().since(before)
            let checkpoints = try await Self.checkpoints(in: schema, client: client)
            try await client.query("DROP SCHEMA \(unescaped: "\"\(schema)\"") CASCADE")
            return Result(
                workload: workload,
                desks: desks,
                checkIns: latencies.count,
                elapsed: elapsed,
                latencies: latencies.sorted(),
                clientCPU: used.client,
                serverCPU: used.server ?? 0,
                checkpoints: checkpoints
            )
        }

        /// How many audit checkpoints the store's trail in `schema` holds.
        private static func checkpoints(in schema: String, client: PostgresClient) async throws -> Int {
            let rows = try await client.query(
                "SELECT count(*) FROM \(unescaped: "\"\(schema)\"").audit_events WHERE action = 'checkpoint'"
            )
            var count = 0
            for try await value in rows.decode(Int.self) { count = value }
            return count
        }
    }

    extension Duration {
        /// The duration in seconds, as a `Double`.
        var seconds: Double {
            let parts = components
            return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
        }
    }
#endif
