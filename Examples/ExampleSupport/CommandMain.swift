public import ArgumentParser
import ChipChart
import Foundation

extension AsyncParsableCommand {
    /// Parses the command line and runs the command, ending every failure with one line on
    /// standard error and its sysexits status (``CommandFailure``).
    ///
    /// A usage error (a missing or unknown option, options that do not go together) is
    /// `error: usage: …` and status 64, without the help text (`--help` shows it). An error the
    /// command did not report itself is reported here: ``MissingInput`` 66, a
    /// ``ChipChart/ValidationError`` 65 naming its field, a ``ChipChart/StoreError`` as
    /// ``CommandFailure/classify(_:)`` says, anything else `error: failure: …` and 74.
    /// `--help` and `--version` print as usual.
    public static func mainReportingOneLine() async -> Never {
        await mainReportingOneLine(binding: TaskLocal<Bool>(wrappedValue: false)) { _ in false }
    }

    /// Runs as ``mainReportingOneLine()``, with `local` bound, for the run of the parsed
    /// command, to what `value` says for it: how the command tells its options what it is.
    public static func mainReportingOneLine<Value: Sendable>(
        binding local: TaskLocal<Value>,
        to value: (any ParsableCommand) -> Value
    ) async -> Never {
        var command: any ParsableCommand
        do {
            command = try parseAsRoot()
        } catch {
            let status = exitCode(for: error)
            guard status == .validationFailure else { exit(withError: error) }
            let message = message(for: error).split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
            CommandFailure.report("usage", message + " (see --help)")
            Foundation.exit(CommandFailure.usage)
        }
        do {
            try await local.withValue(value(command)) {
                if var asynchronous = command as? any AsyncParsableCommand {
                    try await asynchronous.run()
                } else {
                    try command.run()
                }
            }
        } catch let error as MissingInput {
            CommandFailure.report(error.field, error.message)
            Foundation.exit(CommandFailure.missingInput)
        } catch let error as ChipChart.ValidationError {
            CommandFailure.report(error.field, "\(error.message) (\(error.reason))")
            Foundation.exit(CommandFailure.invalidInput)
        } catch let error as StoreError {
            let failure = CommandFailure.classify(error)
            CommandFailure.report(failure.field, failure.message)
            Foundation.exit(failure.status)
        } catch {
            // Help asked for (a command with subcommands run alone), or an `ExitCode` after the
            // command reported its failure itself: as ArgumentParser ends it.
            let message = message(for: error)
            if exitCode(for: error) == .success || message.isEmpty { exit(withError: error) }
            CommandFailure.report("failure", message)
            Foundation.exit(CommandFailure.ioFailure)
        }
        Foundation.exit(0)
    }
}
