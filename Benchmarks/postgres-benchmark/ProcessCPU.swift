#if PostgreSQL
    import Foundation
    import Logging
    import PostgresNIO

    /// CPU time, user plus system, in seconds: this process's, its finished children's (the
    /// baseline's `pg_dump`, `psql`, `gzip`), and the PostgreSQL server's (the postmaster, every
    /// process it runs, and the backends it has reaped), read from `getrusage` and `/proc`.
    struct ProcessCPU {
        /// The postmaster's process id; `nil` when the server runs elsewhere (no server figure).
        let postmaster: Int32?

        /// CPU seconds at one instant.
        struct Sample {
            var client: Double
            var children: Double
            var server: Double?

            /// The CPU time spent between `earlier` and this sample.
            func since(_ earlier: Sample) -> Sample {
                Sample(
                    client: client - earlier.client,
                    children: children - earlier.children,
                    server: server.flatMap { now in earlier.server.map { now - $0 } }
                )
            }
        }

        /// The postmaster is the parent of the backend serving `backend` (`pg_backend_pid()`).
        init(backend: Int32?) {
            postmaster = backend.flatMap { Self.stat($0)?.parent }
        }

        /// The CPU time of the server behind `client`, found through one of its backends.
        static func server(of client: PostgresClient, logger: Logger) async throws -> ProcessCPU {
            var backend: Int32?
            for try await pid in try await client.query("SELECT pg_backend_pid()", logger: logger).decode(Int32.self) {
                backend = pid
            }
            return ProcessCPU(backend: backend)
        }

        func sample() -> Sample {
            Sample(client: Self.usage(RUSAGE_SELF), children: Self.usage(RUSAGE_CHILDREN), server: serverSeconds())
        }

        private static func usage(_ who: __rusage_who) -> Double {
            var usage = rusage()
            guard getrusage(who.rawValue, &usage) == 0 else { return 0 }
            func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
            return seconds(usage.ru_utime) + seconds(usage.ru_stime)
        }

        /// The postmaster's own and reaped children's time, and every live child's.
        private func serverSeconds() -> Double? {
            guard let postmaster, let own = Self.stat(postmaster) else { return nil }
            var ticks = own.ticks + own.reapedTicks
            let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
            for name in names {
                guard let pid = Int32(name), pid != postmaster, let child = Self.stat(pid),
                    child.parent == postmaster
                else { continue }
                ticks += child.ticks
            }
            return Double(ticks) / Double(sysconf(Int32(_SC_CLK_TCK)))
        }

        /// The fields of `/proc/PID/stat` this needs: parent, own ticks, reaped children's ticks.
        private static func stat(_ pid: Int32) -> (parent: Int32, ticks: Int, reapedTicks: Int)? {
            guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                let close = text.lastIndex(of: ")")
            else { return nil }
            // After the command's closing parenthesis: state, ppid, …; utime is field 14 of the line.
            let fields = text[text.index(after: close)...].split(separator: " ")
            guard fields.count > 15, let parent = Int32(fields[1]) else { return nil }
            let numbers = fields[11...14].map { Int($0) ?? 0 }
            return (parent, numbers[0] + numbers[1], numbers[2] + numbers[3])
        }
    }
#endif
