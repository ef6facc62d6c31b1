import ArgumentParser

/// A reception desk at the command line: read a patient's card (and, later, check them in).
///
/// Each subcommand lives in its own file as an extension of `Reception`.
@main
struct Reception: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "A clinic's reception desk.",
        subcommands: [Read.self, CheckIn.self, Patient.self]
    )
}
