import Foundation

/// Runs one of the package's example executables, found beside the test binary in the build
/// products, and collects what it printed.
struct BuiltExecutable {
    struct Result {
        let status: Int32
        let standardOutput: String
        let standardError: String
    }

    struct NotFound: Error, CustomStringConvertible {
        let name: String
        let searched: [String]
        var description: String { "\(name) not built; looked in \(searched.joined(separator: ", "))" }
    }

    let url: URL

    init(_ name: String) throws {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let folders = [
            binary.deletingLastPathComponent(),
            packageRoot.appendingPathComponent(".build/debug"),
            packageRoot.appendingPathComponent(".build/release"),
        ]
        let candidates = folders.map { $0.appendingPathComponent(name) }
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            throw NotFound(name: name, searched: candidates.map(\.path))
        }
        url = found
    }

    /// Runs the executable with `arguments` in `folder` and waits for it; after `timeout`
    /// seconds, when given, the process is terminated (its status is then that of SIGTERM, 15).
    func run(_ arguments: [String], in folder: URL, timeout: TimeInterval? = nil) throws -> Result {
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        process.currentDirectoryURL = folder
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        if let timeout {
            DispatchQueue.global().asyncAfter(deadline: .now() + timeout) {
                if process.isRunning { process.terminate() }
            }
        }
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            standardOutput: String(decoding: outputData, as: UTF8.self),
            standardError: String(decoding: errorData, as: UTF8.self)
        )
    }
}

/// A fresh folder under the system's temporary directory.
func makeTemporaryFolder() throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("chipchart-example-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
}
