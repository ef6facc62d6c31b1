/// A transport and a secure-messaging session together: sends protected commands and reads files.
///
/// <!-- snippet: context=ChipCardContext -->
/// ```swift
/// var channel = SecureChannel(transport: transport, session: session)
/// let dg1 = try await channel.readFile(LDSFile.dg1)
/// ```
package struct SecureChannel: Sendable {
    /// The largest chunk one READ BINARY asks for (so the protected reply fits a short APDU).
    package static let chunkSize = 0xDF
    /// The largest file read (READ BINARY offsets stop at 32767).
    package static let maximumFileSize = 0x7FFF

    /// The transport to the card.
    package let transport: any APDUTransport
    /// The secure-messaging session.
    package private(set) var session: SecureMessaging

    /// Creates a channel after access control.
    package init(transport: any APDUTransport, session: SecureMessaging) {
        self.transport = transport
        self.session = session
    }

    /// Sends one command under secure messaging and returns the verified reply.
    ///
    /// - Throws: ``ChipCardError`` from ``SecureMessaging/unprotect(_:)``, or the transport's errors.
    package mutating func send(_ command: CommandAPDU) async throws -> ResponseAPDU {
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
    package mutating func readFile(_ file: LDSFile) async throws -> [UInt8] {
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

    /// ``readFile(_:)``, or `nil` when the chip has no such file.
    ///
    /// - Throws: as ``readFile(_:)``, except `fileNotFound`.
    package mutating func readFileIfPresent(_ file: LDSFile) async throws -> [UInt8]? {
        do {
            return try await readFile(file)
        } catch let error as ChipCardError where error.code == .fileNotFound {
            return nil
        }
    }

    /// ``readFileIfPresent(_:)`` for a data group EF.SOD lists; `nil`, with no command sent, for
    /// one it does not: EF.SOD hashes every data group the chip holds (ICAO Doc 9303 part 10), so
    /// a group it leaves out is not on the chip, or could not be verified if it were.
    ///
    /// - Throws: as ``readFileIfPresent(_:)``.
    package mutating func readFileIfListed(_ file: LDSFile, in sod: SecurityObject) async throws -> [UInt8]? {
        guard sod.dataGroupHashes[file.dataGroup] != nil else { return nil }
        return try await readFileIfPresent(file)
    }
}
