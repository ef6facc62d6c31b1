/// A channel to a smart card: send a command APDU, receive the response APDU (data ‖ SW1 SW2).
///
/// Implemented by a PC/SC reader, a remote-reader bridge, or ``SimulatedChip``.
///
/// <!-- snippet: context=ChipCardContext -->
/// ```swift
/// let reply = try await transport.transmit([0x00, 0x84, 0x00, 0x00, 0x08])   // GET CHALLENGE
/// ```
public protocol APDUTransport: Sendable {
    /// Sends one command APDU and returns the complete response APDU, status word included.
    ///
    /// - Throws: the transport's own error when the card cannot be reached.
    func transmit(_ apdu: [UInt8]) async throws -> [UInt8]
}

/// A command APDU in short form.
public struct CommandAPDU: Hashable, Sendable {
    /// The class byte.
    public var instructionClass: UInt8
    /// The instruction byte.
    public var instruction: UInt8
    /// Parameter 1.
    public var parameter1: UInt8
    /// Parameter 2.
    public var parameter2: UInt8
    /// The command data (at most 255 bytes).
    public var data: [UInt8]
    /// The expected response length, 1–256 (256 is encoded `00`), or `nil` for none.
    public var expectedLength: Int?

    /// Creates a command.
    public init(
        instructionClass: UInt8 = 0x00,
        instruction: UInt8,
        parameter1: UInt8,
        parameter2: UInt8,
        data: [UInt8] = [],
        expectedLength: Int? = nil
    ) {
        self.instructionClass = instructionClass
        self.instruction = instruction
        self.parameter1 = parameter1
        self.parameter2 = parameter2
        self.data = data
        self.expectedLength = expectedLength
    }

    /// The four header bytes.
    public var header: [UInt8] { [instructionClass, instruction, parameter1, parameter2] }

    /// The command encoded: header, `Lc` and data when there is data, `Le` when expected.
    public var bytes: [UInt8] {
        var bytes = header
        if !data.isEmpty {
            bytes.append(UInt8(truncatingIfNeeded: data.count))
            bytes += data
        }
        if let expectedLength { bytes.append(UInt8(truncatingIfNeeded: expectedLength)) }
        return bytes
    }

    /// SELECT by application identifier (`00 A4 04 0C`).
    public static func selectApplication(_ identifier: [UInt8]) -> CommandAPDU {
        CommandAPDU(instruction: 0xA4, parameter1: 0x04, parameter2: 0x0C, data: identifier)
    }

    /// SELECT an elementary file by its 2-byte identifier (`00 A4 02 0C`).
    public static func selectFile(_ identifier: UInt16) -> CommandAPDU {
        CommandAPDU(
            instruction: 0xA4,
            parameter1: 0x02,
            parameter2: 0x0C,
            data: [UInt8(identifier >> 8), UInt8(identifier & 0xFF)]
        )
    }

    /// READ BINARY of `length` bytes at `offset` (below 32768) of the selected file.
    public static func readBinary(offset: Int, length: Int) -> CommandAPDU {
        CommandAPDU(
            instruction: 0xB0,
            parameter1: UInt8((offset >> 8) & 0x7F),
            parameter2: UInt8(offset & 0xFF),
            expectedLength: length
        )
    }

    /// GET CHALLENGE of 8 bytes (`00 84 00 00 08`).
    public static let getChallenge = CommandAPDU(instruction: 0x84, parameter1: 0, parameter2: 0, expectedLength: 8)
}

/// A response APDU: data and the status word.
public struct ResponseAPDU: Hashable, Sendable {
    /// The response data.
    public var data: [UInt8]
    /// The status word, `0x9000` for success.
    public var statusWord: UInt16

    /// Creates a response.
    public init(data: [UInt8], statusWord: UInt16) {
        self.data = data
        self.statusWord = statusWord
    }

    /// Splits raw response bytes into data and status word.
    ///
    /// - Throws: ``ChipCardError`` `malformedResponse` for fewer than 2 bytes.
    public init(bytes: [UInt8]) throws(ChipCardError) {
        guard bytes.count >= 2 else {
            throw ChipCardError(
                .malformedResponse,
                "a response has at least a 2-byte status word, got \(bytes.count) bytes"
            )
        }
        self.data = Array(bytes.dropLast(2))
        self.statusWord = UInt16(bytes[bytes.count - 2]) << 8 | UInt16(bytes[bytes.count - 1])
    }

    /// Data followed by the status word.
    public var bytes: [UInt8] { data + [UInt8(statusWord >> 8), UInt8(statusWord & 0xFF)] }

    /// True for `9000`.
    public var isSuccess: Bool { statusWord == 0x9000 }

    /// Throws the error a non-success status word means for `step`.
    ///
    /// - Throws: ``ChipCardError``: `accessDenied` for 6982, `fileNotFound` for 6A82,
    ///   `secureMessaging` for 6987/6988, otherwise `unexpectedStatus`.
    public func requireSuccess(_ step: String) throws(ChipCardError) {
        switch statusWord {
        case 0x9000: return
        case 0x6982:
            throw ChipCardError(.accessDenied, "\(step): security status not satisfied", statusWord: statusWord)
        case 0x6A82: throw ChipCardError(.fileNotFound, "\(step): no such file", statusWord: statusWord)
        case 0x6987, 0x6988:
            throw ChipCardError(
                .secureMessaging,
                "\(step): the card rejected the secure-messaging objects",
                statusWord: statusWord
            )
        default: throw ChipCardError(.unexpectedStatus, "\(step) failed", statusWord: statusWord)
        }
    }
}
