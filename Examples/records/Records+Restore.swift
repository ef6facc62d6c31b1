import ArgumentParser
import ChipChart
import ChipChartArchive
import ExampleSupport
import Foundation
import Logging

extension Records {
    /// `records restore`: an archive into a new SQLite file or an empty database.
    struct Restore: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Restore an archive into a new or empty database (SQLite or PostgreSQL), all or nothing.",
            discussion: """
                A truncated, corrupt or newer-version archive, or a database that holds records, \
                is refused and nothing is written. A new SQLite file is restored beside --db and \
                moved into place only when complete, never over a file that appeared meanwhile. \
                Exit status: 0, 65 a bad archive or a non-empty database, 66 no such archive, 74.
                """
        )

        @OptionGroup var options: CommonOptions

        @Argument(help: "The archive to restore (FILE.gz).")
        var archive: String

        @Flag(help: "No progress on standard error (shown only when it is a terminal).")
        var quiet = false

        func run() async throws {
            do {
                guard FileManager.default.fileExists(atPath: archive) else {
                    throw Failure.missing("archive", "no such file")
                }
                let source = URL(fileURLWithPath: archive)
                let counts: ArchiveRecord.Counts
                let progress = ProgressBar(
                    total: nil,
                    enabled: ProgressBar.onTerminal(quiet: quiet),
                    label: "records restored:"
                )
                defer { progress.finish() }
                if options.location.isPostgres || FileManager.default.fileExists(atPath: options.db) {
                    // PostgreSQL, or a file that exists: the store's one transaction is all or nothing.
                    counts = try await options.withStore { store in
                        try await ArchiveReader.restore(from: source, into: store) { progress.update(to: $0.total) }
                    }
                } else {
                    counts = try await restoreIntoNewFile(from: source, progress: progress)
                }
                progress.finish()
                FileHandle.standardOutput.write(
                    Data("\(Self.summary(counts)) restored into \(options.location)\n".utf8)
                )
            } catch let error as ChipChart.ValidationError {
                throw Failure.invalid(error)
            } catch let error as ArchiveError {
                throw Failure.invalid("archive", "\(archive): \(error)")
            } catch let error as StoreError where error.code == .notEmpty {
                throw Failure.invalid(
                    "db",
                    "the database already holds records; restore into a new file or an empty PostgreSQL database"
                )
            } catch let error as StoreError where Self.archiveFaults.contains(error.code) {
                throw Failure.invalid("archive", "\(archive): \(error.message)")
            } catch let error as StoreError {
                throw Failure.storage("\(error)")
            }
        }

        /// The store errors a restore raises for records that break the store's rules (out of
        /// order, an id twice, a missing patient, a broken audit chain): the archive's fault.
        static let archiveFaults: Set<StoreError.Code> = [.invalidChangeSet, .missingRecord, .duplicateIdentifier]

        /// Restores into a new file beside `--db`, then links it into place: a file that appeared
        /// at `--db` meanwhile (a desk's check-in) is never replaced, and on any failure only the
        /// new file (with its `-wal` and `-shm`) is removed.
        private func restoreIntoNewFile(from source: URL, progress: ProgressBar) async throws -> ArchiveRecord.Counts {
            let staged: StagedFile
            do {
                staged = try StagedFile(target: URL(fileURLWithPath: options.db))
            } catch {
                throw Failure.unwritable("db", error.message)
            }
            let temporary = staged.temporary.path
            defer {
                staged.discard()
                for suffix in ["-wal", "-shm"] { unlink(temporary + suffix) }
            }
            let counts = try await StoreLocation(temporary).withStore(logLevel: .error) { store in
                try await ArchiveReader.restore(from: source, into: store) { progress.update(to: $0.total) }
            }
            // The store is closed: its log is checkpointed into the file and removed.
            var log = stat()
            guard stat(temporary + "-wal", &log) != 0 || log.st_size == 0 else {
                throw StoreError(.storageFailure, "the restored file's log was not checkpointed; nothing was moved")
            }
            do {
                try staged.commit(replacing: false)
            } catch {
                guard error.code == .fileExists else { throw Failure.unwritable("db", error.message) }
                throw Failure.invalid("db", "a database appeared at this path during the restore; it is kept")
            }
            return counts
        }

        /// `N patients, N coverages, N visits, N audit events`.
        static func summary(_ counts: ArchiveRecord.Counts) -> String {
            "\(counts.patients) patients, \(counts.coverages) coverages, \(counts.visits) visits, "
                + "\(counts.auditEvents) audit events"
        }
    }
}
