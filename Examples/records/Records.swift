import ArgumentParser

/// The clinic's records at the command line: claims files, FHIR bundles, backups and restores.
///
/// Each subcommand lives in its own file as an extension of `Records`.
@main
struct Records: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Claims, FHIR, backup and restore of a clinic's records.",
        discussion: """
            Exit status: 0 done, 65 invalid input (one line on standard error naming the field), \
            66 no such patient or archive file, 74 the records could not be read or written.
            """,
        subcommands: [Claims.self, FHIR.self, Backup.self, Restore.self]
    )
}
