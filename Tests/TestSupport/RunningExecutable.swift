public import Foundation

/// A started executable whose standard output and standard error are each drained by a thread
/// of their own while it runs: however much it prints on either, it never waits on a full pipe.
///
/// Unchecked: `Process` is not marked `Sendable`; this class only starts it, waits for it and
/// signals it, which may happen from any thread.
public final class RunningExecutable: @unchecked Sendable {
    /// The process.
    public let process: Process
    private let output: PipeDrain
    private let error: PipeDrain

    init(url: URL, arguments: [String], folder: URL?) throws {
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        if let folder { process.currentDirectoryURL = folder }
        output = PipeDrain()
        error = PipeDrain()
        process.standardOutput = output.pipe
        process.standardError = error.pipe
        try process.run()
        output.start()
        error.start()
        self.process = process
    }

    /// Waits for the process to end and for both pipes to be read to their end.
    public func wait() -> BuiltExecutable.Result {
        let standardOutput = output.collected()
        let standardError = error.collected()
        process.waitUntilExit()
        return BuiltExecutable.Result(
            status: process.terminationStatus,
            wasKilled: process.terminationReason == .uncaughtSignal,
            standardOutput: String(decoding: standardOutput, as: UTF8.self),
            standardError: String(decoding: standardError, as: UTF8.self)
        )
    }

    /// Waits as ``wait()`` does, on a thread of its own, so a long run never holds one of the
    /// few threads every test's tasks share.
    public func finished() async -> BuiltExecutable.Result {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread { continuation.resume(returning: self.wait()) }
        }
    }

    /// Kills the process with SIGKILL and returns what it printed before it died.
    public func kill() -> BuiltExecutable.Result {
        Foundation.kill(process.processIdentifier, SIGKILL)
        return wait()
    }
}

/// A pipe read to its end by a thread of its own.
final class PipeDrain: @unchecked Sendable {
    let pipe = Pipe()
    private let done = DispatchSemaphore(value: 0)
    // Written once by the reading thread before `done` is signalled; read after waiting on it.
    private var data = Data()

    /// Starts reading; the process must have been started.
    func start() {
        Thread.detachNewThread {
            self.data = self.pipe.fileHandleForReading.readDataToEndOfFile()
            self.done.signal()
        }
    }

    /// Everything read, once the writing end is closed; every call after the first returns it
    /// at once.
    func collected() -> Data {
        done.wait()
        done.signal()
        return data
    }
}
