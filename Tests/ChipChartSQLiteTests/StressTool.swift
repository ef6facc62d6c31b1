import Foundation
import TestSupport

/// The `sqlite-stress` helper executable, run as the build that made the tests built it.
enum StressTool {
    /// A started child and what it prints.
    final class Child: Sendable {
        private let running: RunningExecutable

        /// The child's process.
        var process: Process { running.process }

        init(_ arguments: [String]) throws {
            running = try BuiltExecutable("sqlite-stress").launch(arguments)
        }

        /// Waits for the child to end and returns every line it wrote to standard output.
        func finish() -> [String] { Self.lines(running.wait()) }

        /// Waits for the child on a thread of its own, so a long run never holds one of the few
        /// threads that every test's tasks share.
        func finished() async -> [String] { Self.lines(await running.finished()) }

        /// Kills the child with SIGKILL, then returns every line it wrote before dying.
        func kill() -> [String] { Self.lines(running.kill()) }

        private static func lines(_ result: BuiltExecutable.Result) -> [String] {
            result.standardOutput.split(separator: "\n").map(String.init)
        }
    }

    /// Runs the tool to the end and returns its output lines.
    static func run(_ arguments: [String]) throws -> [String] {
        try Child(arguments).finish()
    }
}
