/// A transport and a secure-messaging session together: sends protected commands and reads files.
///
/// ```swift
/// var channel = SecureChannel(transport: transport, session: session)
/// let dg1 = try await channel.readFile(LDSFile.dg1)
/// ```
public struct SecureChannel: Sendable {
    /// The largest chunk one READ BINARY asks for (so the protected reply fits a short APDU).
    public static let chunkSize = 0xDF
    /// The largest file read (READ BINARY offsets stop at 32767).
    public static let maximumFileSize = 0x7FFF

    /// The transport to the card.
    public let transport: any APDUTransport
    /// The secure-messaging session.
    public private(set) var session: SecureMessaging

    /// Creates a channel after access control.
    public init(transport: any APDUTransport, session: SecureMessaging) {
        self.transport = transport
        self.session = session
    }

    /// Sends one command under secure messaging and returns the verified reply.
    ///
    /// - Throws: ``ChipCardError`` from ``SecureMessaging/unprotect(_:)``, or the transport's errors.
    public mutating func send(_ command: CommandAPDU) async throws -> ResponseAPDU {
        let protected = try session.protect(command)
        let reply = try await transport.transmit(protected)
        return try session.unprotect(reply)
    }

    /// Selects a file and reads it whole: 4 bytes first to learn its BER length, then chunks of at
    /// most ``chunkSize`` bytes.
    ///
    /// - Throws: ``ChipCardError``: `fileNotFound`, `accessDenied`, `malformedData` (a header
    ///   that is not BER or claims more than ``maximumFileSize``), `malformedResponse` (a reply
    ///   with no bytes or more than asked), and secure-messaging errors.
    public mutating func readFile(_ file: LDSFile) async throws -> [UInt8] {
        try (try await send(.selectFile(file.identifier))).requireSuccess("SELECT \(file.name)")
        let first = try await send(.readBinary(offset: 0, length: 4))
        try first.requireSuccess("READ BINARY \(file.name)")
        guard !first.data.isEmpty, first.data.count <= 4 else {
            throw ChipCardError(.malformedResponse, "READ BINARY \(file.name) returned \(first.data.count) bytes for 4")
        }
        let header: (tag: UInt32, headerLength: Int, valueLength: Int)
        do {
            header = try BERTLV.header(of: first.data)
        } catch {
            throw ChipCardError(.malformedData, "\(file.name): \(error.message)")
        }
        let total = header.headerLength + header.valueLength
        guard total <= Self.maximumFileSize else {
            throw ChipCardError(.malformedData, "\(file.name) claims \(total) bytes, more than \(Self.maximumFileSize)")
        }
        var contents = Array(first.data.prefix(total))
        while contents.count < total {
            let length = min(Self.chunkSize, total - contents.count)
            let chunk = try await send(.readBinary(offset: contents.count, length: length))
            try chunk.requireSuccess("READ BINARY \(file.name)")
            guard !chunk.data.isEmpty, chunk.data.count <= length else {
                throw ChipCardError(
                    .malformedResponse,
                    "READ BINARY \(file.name) returned \(chunk.data.count) bytes for \(length)"
                )
            }
            contents += chunk.data
        }
        return contents
    }
}

/// An elementary file of the eMRTD application.
public struct LDSFile: Hashable, Sendable, CustomStringConvertible {
    /// The 2-byte file identifier.
    public let identifier: UInt16
    /// The data-group number (0 for EF.COM and EF.SOD).
    public let dataGroup: Int
    /// The tag the file's contents start with.
    public let tag: UInt8
    /// The file's name, such as `DG13`.
    public let name: String

    /// Creates a file description.
    public init(identifier: UInt16, dataGroup: Int, tag: UInt8, name: String) {
        self.identifier = identifier
        self.dataGroup = dataGroup
        self.tag = tag
        self.name = name
    }

    /// The name.
    public var description: String { name }

    /// EF.COM (`011E`, tag 60).
    public static let com = LDSFile(identifier: 0x011E, dataGroup: 0, tag: 0x60, name: "EF.COM")
    /// DG1, the MRZ (`0101`, tag 61).
    public static let dg1 = LDSFile(identifier: 0x0101, dataGroup: 1, tag: 0x61, name: "DG1")
    /// DG2, the face image (`0102`, tag 75).
    public static let dg2 = LDSFile(identifier: 0x0102, dataGroup: 2, tag: 0x75, name: "DG2")
    /// DG13, the Vietnamese personal data (`010D`, tag 6D).
    public static let dg13 = LDSFile(identifier: 0x010D, dataGroup: 13, tag: 0x6D, name: "DG13")
    /// DG14, security infos (`010E`, tag 6E).
    public static let dg14 = LDSFile(identifier: 0x010E, dataGroup: 14, tag: 0x6E, name: "DG14")
    /// DG15, the active-authentication public key (`010F`, tag 6F).
    public static let dg15 = LDSFile(identifier: 0x010F, dataGroup: 15, tag: 0x6F, name: "DG15")
    /// EF.SOD, the document security object (`011D`, tag 77).
    public static let sod = LDSFile(identifier: 0x011D, dataGroup: 0, tag: 0x77, name: "EF.SOD")
}
