/// An archive that cannot be written or read: why, and where in the file.
///
/// Messages name the line and the reason, never a record's content, so the error is safe to log.
public struct ArchiveError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Why. New codes are added as constants, never breaking a `switch`.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The codes. Only the library adds one, as a new static constant, so code that matches on
        /// codes keeps compiling, and no caller can make a code the library does not know.
        private enum Base: String, Sendable {
            case truncated
            case corrupt
            case newerVersion
            case lineTooLong
            case fileExists
            case fileError
        }

        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The name written in logs, JSON and the store; it never changes once released.
        public var name: String { base.rawValue }

        /// The file ends before the archive does (no trailer, or a cut compressed stream).
        public static let truncated = Code(.truncated)
        /// The bytes are not a valid archive: bad compression, bad JSON, wrong counts or checksum.
        public static let corrupt = Code(.corrupt)
        /// The archive was written by a newer format version than this library reads.
        public static let newerVersion = Code(.newerVersion)
        /// A line is longer than the format allows (16 MiB): a damaged or hostile file.
        public static let lineTooLong = Code(.lineTooLong)
        /// The file to write exists already, and replacing it was not asked for.
        public static let fileExists = Code(.fileExists)
        /// The file could not be opened, read or written.
        public static let fileError = Code(.fileError)

        /// The name, as printed.
        public var description: String { name }
    }

    /// Why.
    public var code: Code
    /// The line of the uncompressed archive at fault, from 1, when one is.
    public var line: Int?
    /// A sentence for a person.
    public var message: String

    /// Creates an error.
    public init(code: Code, line: Int? = nil, message: String) {
        self.code = code
        self.line = line
        self.message = message
    }

    /// `code (line n): message`.
    public var description: String {
        "\(code)\(line.map { " (line \($0))" } ?? ""): \(message)"
    }
}
