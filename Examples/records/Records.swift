import ArgumentParser
import ExampleSupport

/// The clinic's records at the command line: claims files, FHIR bundles, backups and restores.
///
/// Each subcommand lives in its own file as an extension of `Records`.
@main
struct Records: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Claims (signed or not), FHIR, backup and restore of a clinic's records; signature checks.",
        discussion: """
            Exit status: 0 done, 64 usage (a missing or unknown option), 65 invalid input (one line \
            on standard error naming the field), 66 no such patient, database or archive file, \
            74 the records could not be read or written. Only restore creates a database; the \
            other commands refuse a --db where none is.
            """,
        subcommands: [
            Claims.self, FHIR.self, Visit.self, Backup.self, Restore.self, Verify.self, Checkpoint.self,
            VerifyTrail.self, Submit.self, Receipts.self,
        ]
    )

    /// Runs the command, telling the store options whether it only reads; every failure ends
    /// with one line on standard error.
    static func main() async {
        await mainReportingOneLine(binding: CommonOptions.$use) { $0 is Restore ? .write : .read }
    }
}
