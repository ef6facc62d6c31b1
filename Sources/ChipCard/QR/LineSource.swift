/// Where text lines come from: a keyboard-wedge scanner types one line per scan.
///
/// Inject your own to read from a serial port, a socket or a test script.
public protocol LineSource: Sendable {
    /// The next line without its line terminator, or `nil` at the end of input.
    ///
    /// - Throws: the source's own error when reading fails.
    func nextLine() async throws -> String?
}

/// Lines typed on standard input: a QR scanner in keyboard mode.
public struct StandardInputLines: LineSource {
    /// Creates the source.
    public init() {}

    /// The next line of standard input, `nil` at end of file.
    public func nextLine() async throws -> String? {
        readLine(strippingNewline: true)
    }
}

/// A fixed list of lines, in order: for tests and scripted demos.
public actor ScriptedLines: LineSource {
    private var remaining: [String]

    /// A source that yields these lines, then ends.
    public init(_ lines: [String]) { self.remaining = lines }

    /// The next scripted line, `nil` when none are left.
    public func nextLine() async throws -> String? {
        remaining.isEmpty ? nil : remaining.removeFirst()
    }
}
