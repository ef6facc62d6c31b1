public import ChipChart

/// A failure talking to a chip or making sense of what it sent.
///
/// Malformed *contents* of a well-transmitted data group (a bad date, an unknown sex) are reported
/// as `ValidationError` naming the field; this error is for the protocol and the bytes around it.
/// Codes are static constants rather than enum cases, so adding one never breaks a `switch`:
///
/// <!-- snippet: context=ChipCardContext -->
/// ```swift
/// do {
///     let reading = try await reader.read()
///     print(reading.name)
/// } catch let error as ChipCardError where error.code == .accessControlFailed {
///     // the MRZ key is wrong: ask staff to rescan the card's back
/// }
/// ```
public struct ChipCardError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of failure this is.
    public struct Code: StableCode {
        /// The codes. Only the library adds one, as a new static constant, so code that matches on
        /// codes keeps compiling, and no caller can make a code the library does not know.
        private enum Base: String, Sendable {
            case transport
            case unexpectedStatus
            case accessDenied
            case accessControlFailed
            case secureMessaging
            case malformedResponse
            case malformedData
            case fileNotFound
            case dataGroupHashMismatch
            case signatureInvalid
            case cryptography
        }

        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The name written in logs, JSON and the store; it never changes once released.
        public var name: String { base.rawValue }

        /// The transport (reader, radio, simulator) failed to deliver an APDU.
        public static let transport = Code(.transport)
        /// The card answered with a status word the step does not accept.
        public static let unexpectedStatus = Code(.unexpectedStatus)
        /// The card refused access (6982): access control has not been performed.
        public static let accessDenied = Code(.accessDenied)
        /// Basic access control failed: the key from the MRZ does not fit this chip.
        public static let accessControlFailed = Code(.accessControlFailed)
        /// A secure-messaging check failed (wrong MAC, 6987/6988, an unprotected error reply).
        public static let secureMessaging = Code(.secureMessaging)
        /// A response APDU is truncated or not in the expected structure.
        public static let malformedResponse = Code(.malformedResponse)
        /// A file's bytes are not valid BER-TLV or not in the structure the standard gives.
        public static let malformedData = Code(.malformedData)
        /// The card does not hold the requested file or application (6A82).
        public static let fileNotFound = Code(.fileNotFound)
        /// A data group's hash differs from the one EF.SOD states.
        public static let dataGroupHashMismatch = Code(.dataGroupHashMismatch)
        /// EF.SOD's signature does not verify with its document-signer certificate.
        public static let signatureInvalid = Code(.signatureInvalid)
        /// The cryptographic library failed.
        public static let cryptography = Code(.cryptography)
    }

    /// The kind of failure.
    public var code: Code
    /// A sentence for a person; never contains an identification number or a name.
    public var message: String
    /// The status word the card sent, when the failure is about one.
    public var statusWord: UInt16?

    /// Creates an error.
    public init(_ code: Code, _ message: String, statusWord: UInt16? = nil) {
        self.code = code
        self.message = message
        self.statusWord = statusWord
    }

    /// `code: message (SW xxxx)`.
    public var description: String {
        if let statusWord {
            return "\(code): \(message) (SW \(Hex.string(statusWord)))"
        }
        return "\(code): \(message)"
    }
}
