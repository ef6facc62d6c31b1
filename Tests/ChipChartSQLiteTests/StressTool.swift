import Foundation

/// The `sqlite-stress` helper executable, found beside the test binary in the build products.
enum StressTool {
    struct NotFound: Error, CustomStringConvertible {
        let searched: [String]
        var description: String { "sqlite-stress not found; looked in: \(searched.joined(separator: ", "))" }
    }

    /// The executable's URL: beside the running test binary (or its bundle) first, then in the
    /// package's `.build` products.
    static func url() throws -> URL {
        var folders: [URL] = []
        let argument0 = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        folders.append(argument0.deletingLastPathComponent())
        if let executable = Bundle.main.executableURL?.resolvingSymlinksInPath() {
            folders.append(executable.deletingLastPathComponent())
        }
        // macOS: …/debug/Package.xctest/Contents/MacOS/binary
        folders.append(argument0.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent())
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        for configuration in ["debug", "release"] {
            folders.append(packageRoot.appendingPathComponent(".build/\(configuration)"))
        }
        let candidates = folders.map { $0.appendingPathComponent("sqlite-stress") }
        if let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) {
            return found
        }
        throw NotFound(searched: candidates.map(\.path))
    }

    /// A started child process and the pipe its standard output goes to.
    final class Child: @unchecked Sendable {
        let process = Process()
        private let output = Pipe()

        init(_ arguments: [String]) throws {
            process.executableURL = try StressTool.url()
            process.arguments = arguments
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            try process.run()
        }

        /// Waits for the child to end and returns every line it wrote.
        func finish() -> [String] {
            let data = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
        }

        /// Waits for the child on a thread of its own, so a long run never holds one of the few
        /// threads that every test's tasks share.
        func finished() async -> [String] {
            await withCheckedContinuation { continuation in
                DispatchQueue.global().async { continuation.resume(returning: self.finish()) }
            }
        }

        /// Kills the child with SIGKILL, then returns every line it wrote before dying.
        func kill() -> [String] {
            Foundation.kill(process.processIdentifier, SIGKILL)
            return finish()
        }
    }

    /// Runs the tool to the end and returns its output lines.
    static func run(_ arguments: [String]) throws -> [String] {
        try Child(arguments).finish()
    }
}
