public import Foundation

/// One of the package's executables, as the build that made the running tests made it.
///
/// It is looked for only among the build products the test binary sits in (on macOS, the folder
/// of the `.xctest` bundle): never in another configuration's folder, where a copy may be older
/// than the code under test. A missing executable is an error naming the folders searched.
public struct BuiltExecutable: Sendable {
    /// How a run ended, and everything it printed.
    public struct Result: Sendable, Equatable {
        /// The exit status, or the signal that ended the process.
        public let status: Int32
        /// Whether a signal ended the process (`status` is then the signal's number).
        public let wasKilled: Bool
        /// Everything written to standard output, as UTF-8.
        public let standardOutput: String
        /// Everything written to standard error, as UTF-8.
        public let standardError: String
    }

    /// The executable is not among the build products of the running tests.
    public struct NotFound: Error, CustomStringConvertible {
        /// The executable's name.
        public let name: String
        /// The paths looked at.
        public let searched: [String]
        /// The name and the paths looked at.
        public var description: String {
            "\(name) is not built beside the tests; looked at \(searched.joined(separator: ", ")) (build with --build-tests)"
        }
    }

    /// Where the executable is.
    public let url: URL

    /// Finds the executable `name` among the running tests' build products.
    public init(_ name: String) throws(NotFound) {
        let candidates = Self.productFolders().map { $0.appendingPathComponent(name) }
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            throw NotFound(name: name, searched: candidates.map(\.path))
        }
        url = found
    }

    /// The folders the running test binary's build put its products in: the binary's own, and on
    /// macOS the one holding its `.xctest` bundle.
    static func productFolders() -> [URL] {
        var binaries: [URL] = []
        if let executable = Bundle.main.executableURL { binaries.append(executable) }
        if let first = CommandLine.arguments.first, first.hasPrefix("/") {
            binaries.append(URL(fileURLWithPath: first))
        }
        var folders: [URL] = []
        for binary in binaries.map({ $0.resolvingSymlinksInPath() }) {
            let folder = binary.deletingLastPathComponent()
            folders.append(folder)
            // macOS: …/debug/Package.xctest/Contents/MacOS/binary
            if folder.path.hasSuffix(".xctest/Contents/MacOS") {
                folders.append(
                    folder.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                )
            }
        }
        var unique: [URL] = []
        for folder in folders where !unique.contains(folder) { unique.append(folder) }
        return unique
    }

    /// An executable outside the package's build, such as a system tool (`/usr/bin/script`),
    /// run the same way.
    public init(at url: URL) {
        self.url = url
    }

    /// Runs the executable with `arguments` in `folder` (the tests' working directory when
    /// `nil`) and waits for it; after `timeout` seconds, when given, it is sent SIGTERM.
    public func run(_ arguments: [String], in folder: URL? = nil, timeout: TimeInterval? = nil) throws -> Result {
        let running = try launch(arguments, in: folder)
        if let timeout {
            let process = running.process
            DispatchQueue.global().asyncAfter(deadline: .now() + timeout) {
                if process.isRunning { process.terminate() }
            }
        }
        return running.wait()
    }

    /// Runs as ``run(_:in:timeout:)`` does, waiting on a thread of its own: an async test
    /// that runs a long child this way never holds one of the few threads every test's tasks
    /// share.
    public func runInBackground(_ arguments: [String], in folder: URL? = nil) async throws -> Result {
        try await launch(arguments, in: folder).finished()
    }

    /// Starts the executable with `arguments` in `folder`; its standard output and standard
    /// error are read as it writes them, so it never blocks on a full pipe.
    public func launch(_ arguments: [String], in folder: URL? = nil) throws -> RunningExecutable {
        try RunningExecutable(url: url, arguments: arguments, folder: folder)
    }

    /// Starts the executable with `arguments` in `folder` without waiting for it; what it
    /// prints is discarded. The caller waits for it, or stops it.
    public func start(_ arguments: [String], in folder: URL? = nil) throws -> Process {
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        if let folder { process.currentDirectoryURL = folder }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }
}
