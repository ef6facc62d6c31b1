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
            discussion: """
                The store is read from one snapshot, so desks may go on writing. The archive is \
                written beside --out, read back and checked (counts, references, the audit chain), \
                and only then moved into place: an existing file survives any failure. The export \
                is one audit event, kept in the archive. Exit status: 0, 65 (an existing --out \
                without --replace, or --out naming the database), 66 no such database, 74.
                """
        )

        @OptionGroup var options: CommonOptions

        @Option(help: "The archive to write.")
        var out: String

        @Flag(help: "Replace --out if it exists (a nightly backup over last night's).")
        var replace = false

        @Flag(help: "No progress on standard error (shown only when it is a terminal).")
        var quiet = false

        func run() async throws {
            do {
                guard options.location.isPostgres || FileManager.default.fileExists(atPath: options.db) else {
                    throw Failure.missing("db", "no database at this path")
                }
                let output = OutputFile(path: out, replace: replace)
                let access = Access(by: try options.actor(), purpose: "backup")
                let progress = ProgressBar(
                    total: nil,
                    enabled: ProgressBar.onTerminal(quiet: quiet),
                    label: "records written:"
                )
                defer { progress.finish() }
                let counts = try await options.withStore { store in
                    try output.check(against: options.location)
                    return try await ArchiveWriter.export(store, to: output.url, by: access, replacing: replace) {
                        progress.update(to: $0.total)
                    }
                }
                progress.finish()
                FileHandle.standardOutput.write(Data("\(Restore.summary(counts)) written to \(out)\n".utf8))
            } catch let error as ChipChart.ValidationError {
                throw Failure.invalid(error)
            } catch let error as ArchiveError {
                throw OutputFile.failure(error)
            } catch let error as StoreError {
                throw Failure.storage("\(error)")
            }
        }
    }
}
