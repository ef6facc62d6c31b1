import Foundation

extension BuiltExecutable {
    /// Starts the executable with `arguments` in `folder` without waiting for it; what it prints
    /// is discarded. The caller waits for it, or stops it.
    func start(_ arguments: [String], in folder: URL) throws -> Process {
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        process.currentDirectoryURL = folder
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }
}
