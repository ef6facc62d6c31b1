import ArgumentParser
import ChipChart
import ChipChartArchive
import ExampleSupport
import Foundation

extension Records {
    /// `records backup`: the whole store as one archive file.
    struct Backup: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the whole store to a gzip archive (readable by gunzip).",
            discussion: "The export is one audit event, kept in the archive. Exit status: 0, 65, 74."
        )

        @OptionGroup var options: CommonOptions

        @Option(help: "The archive to write (replaced if it exists).")
        var out: String

        func run() async throws {
            do {
                guard options.location.isPostgres || FileManager.default.fileExists(atPath: options.db) else {
                    throw Failure.missing("db", "no database at this path")
                }
                let access = Access(by: try options.actor(), purpose: "backup")
                let counts = try await options.withStore { store in
                    try await ArchiveWriter.export(store, to: URL(fileURLWithPath: out), by: access)
                }
                FileHandle.standardOutput.write(Data("\(Restore.summary(counts)) written to \(out)\n".utf8))
            } catch let error as ChipChart.ValidationError {
                throw Failure.invalid(error)
            } catch let error as ArchiveError {
                throw Failure.invalid("out", error.message)
            } catch let error as StoreError {
                throw Failure.storage("\(error)")
            }
        }
    }

    /// `records restore`: an archive into a new SQLite file or an empty database.
    struct Restore: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Restore an archive into a new or empty database (SQLite or PostgreSQL), all or nothing.",
            discussion: """
                A truncated, corrupt or newer-version archive, or a database that holds records, \
                is refused and nothing is written. Exit status: 0, 65 a bad archive or a \
                non-empty database, 66 no such archive, 74.
                """
        )

        @OptionGroup var options: CommonOptions

        @Argument(help: "The archive to restore (FILE.gz).")
        var archive: String

        func run() async throws {
            let existed = FileManager.default.fileExists(atPath: options.db)
            do {
                guard FileManager.default.fileExists(atPath: archive) else {
                    throw Failure.missing("archive", "no such file")
                }
                let counts = try await options.withStore { store in
                    try await ArchiveReader.restore(from: URL(fileURLWithPath: archive), into: store)
                }
                FileHandle.standardOutput.write(
                    Data("\(Self.summary(counts)) restored into \(options.location)\n".utf8)
                )
            } catch let error as ChipChart.ValidationError {
                throw Failure.invalid(error)
            } catch let error as ArchiveError {
                removeIfCreated(existed)
                throw Failure.invalid("archive", "\(error)")
            } catch let error as StoreError where error.code == .notEmpty {
                throw Failure.invalid(
                    "db",
                    "the database already holds records; restore into a new file or an empty PostgreSQL database"
                )
            } catch let error as StoreError {
                removeIfCreated(existed)
                throw Failure.storage("\(error)")
            }
        }

        /// Removes a database file this command created for a restore that failed (a PostgreSQL
        /// restore leaves nothing behind by itself: its one transaction is rolled back).
        private func removeIfCreated(_ existed: Bool) {
            guard !existed, !options.location.isPostgres else { return }
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: options.db + suffix) }
        }

        /// `N patients, N coverages, N visits, N audit events`.
        static func summary(_ counts: ArchiveRecord.Counts) -> String {
            "\(counts.patients) patients, \(counts.coverages) coverages, \(counts.visits) visits, "
                + "\(counts.auditEvents) audit events"
        }
    }
}
