import ArgumentParser
import ExampleSupport

/// A reception desk at the command line: read a patient's card (and, later, check them in).
///
/// Each subcommand lives in its own file as an extension of `Reception`.
@main
struct Reception: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "A clinic's reception desk.",
        discussion: """
            Exit status: 0 done, 64 usage (a missing or unknown option), 65 invalid input (one line \
            on standard error naming the field), 66 no such patient, database or scenario file, \
            74 the records could not be read or written.
            """,
        subcommands: [Read.self, CheckIn.self, Patient.self]
    )

    /// Runs the command; every failure ends with one line on standard error.
    static func main() async {
        await mainReportingOneLine()
    }
}
