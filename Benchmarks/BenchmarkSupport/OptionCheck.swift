import Foundation

/// What a benchmark's command line may hold, checked before the benchmark does anything.
///
/// A benchmark's default run takes minutes and gigabytes (a million patients), so a word it does
/// not understand must not start it: `--help` (or `-h`) prints the usage and exits 0, and an
/// option it does not know, or one missing its value, prints the problem and the usage and exits
/// 64 (`EX_USAGE`).
public struct OptionCheck: Sendable {
    /// The usage lines, as the file's header shows them.
    public let usage: String
    /// Options that stand alone.
    public let flags: Set<String>
    /// Options followed by a value.
    public let valued: Set<String>

    /// A check of `flags` and `valued` options; any other word not starting with `-` is left to
    /// the benchmark (a count, a mode, a file).
    public init(usage: String, flags: Set<String> = [], valued: Set<String> = []) {
        self.usage = usage
        self.flags = flags
        self.valued = valued
    }

    /// What is wrong with `arguments` (the command line without the program's name): `nil` when
    /// nothing is; `.help` when help was asked for.
    public func problem(in arguments: [String]) -> Problem? {
        var remaining = arguments[...]
        while let word = remaining.popFirst() {
            if word == "--help" || word == "-h" { return .help }
            if valued.contains(word) {
                guard remaining.popFirst() != nil else { return .mistake("\(word) needs a value") }
            } else if word.hasPrefix("-"), !flags.contains(word), Double(word) == nil {
                return .mistake("unknown option \(word)")
            }
        }
        return nil
    }

    /// Returns when `arguments` are sound; otherwise prints the usage (and the problem, on
    /// standard error) and ends the process.
    public func enforce(_ arguments: [String]) {
        switch problem(in: arguments) {
        case nil:
            return
        case .help:
            print(usage)
            exit(0)
        case .mistake(let sentence):
            FileHandle.standardError.write(Data("\(sentence)\n\(usage)\n".utf8))
            exit(64)
        }
    }

    /// Why a command line is not run.
    public enum Problem: Equatable, Sendable {
        /// `--help` or `-h`.
        case help
        /// An unknown option, or one without its value.
        case mistake(String)
    }
}
