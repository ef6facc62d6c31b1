/// A secure-messaging session (ICAO 9303-11 §9.8): a ``SecureMessagingCipher`` (3DES after BAC,
/// AES or 3DES after PACE) and a send sequence counter.
///
/// ``protect(_:)`` wraps a command: data encrypted in DO'87', `Le` in DO'97', a MAC over the
/// counter, the padded header and those objects in DO'8E'. ``unprotect(_:)`` checks the MAC of a
/// reply before trusting any of it, then decrypts DO'87' and returns the status of DO'99'. The
/// counter is incremented before each command and before checking each reply.
package struct SecureMessaging: Sendable {
    /// The cipher and MAC with the session keys `KSenc` and `KSmac`.
    package let cipher: any SecureMessagingCipher
    /// The send sequence counter.
    package internal(set) var sendSequenceCounter: UInt64

    /// A session from a cipher and the initial counter (0 after PACE).
    package init(cipher: any SecureMessagingCipher, sendSequenceCounter: UInt64 = 0) {
        self.cipher = cipher
        self.sendSequenceCounter = sendSequenceCounter
    }

    /// A 3DES session from its keys and the initial counter (`RND.IC[4..<8] ‖ RND.IFD[4..<8]` after BAC).
    package init(keys: SessionKeys, sendSequenceCounter: UInt64) {
        self.init(cipher: TripleDESCipher(keys: keys), sendSequenceCounter: sendSequenceCounter)
    }

    /// The counter as big-endian bytes, one cipher block long.
    package var counterBytes: [UInt8] {
        [UInt8](repeating: 0, count: max(0, cipher.blockSize - 8)) + SecureMessaging.bigEndian(sendSequenceCounter)
    }

    /// Wraps a command for the card.
    ///
    /// - Throws: ``ChipCardError`` `cryptography` when the cipher fails.
    package mutating func protect(_ command: CommandAPDU) throws(ChipCardError) -> [UInt8] {
        sendSequenceCounter &+= 1
        let header: [UInt8] = [0x0C, command.instruction, command.parameter1, command.parameter2]
        var objects: [UInt8] = []
        if !command.data.isEmpty {
            let encrypted = try cipher.encrypt(cipher.pad(command.data), counter: counterBytes)
            objects += BERTLV.encode(tag: 0x87, value: [0x01] + encrypted)
        }
        if let expected = command.expectedLength {
            objects += BERTLV.encode(tag: 0x97, value: [UInt8(truncatingIfNeeded: expected)])
        }
        let mac = try cipher.mac(counterBytes + cipher.pad(header) + objects)
        objects += BERTLV.encode(tag: 0x8E, value: mac)
        return header + [UInt8(objects.count)] + objects + [0x00]
    }

    /// Checks and unwraps a reply from the card.
    ///
    /// - Throws: ``ChipCardError``: `secureMessaging` for a wrong MAC, 6987/6988 or an unprotected
    ///   error; `malformedResponse` for a reply that is cut short or lacks DO'99'/DO'8E'.
    package mutating func unprotect(_ reply: [UInt8]) throws(ChipCardError) -> ResponseAPDU {
        sendSequenceCounter &+= 1
        let response = try ResponseAPDU(bytes: reply)
        guard !response.data.isEmpty else {
            if response.statusWord == 0x6987 || response.statusWord == 0x6988 {
                throw ChipCardError(
                    .secureMessaging,
                    "the card rejected the secure-messaging objects",
                    statusWord: response.statusWord
                )
            }
            throw ChipCardError(
                .secureMessaging,
                "an unprotected reply inside secure messaging",
                statusWord: response.statusWord
            )
        }
        let objects: [BERTLV]
        do {
            objects = try BERTLV.sequence(parsing: response.data)
        } catch {
            throw ChipCardError(.malformedResponse, "the protected reply is not BER-TLV: \(error.message)")
        }
        var authenticated: [UInt8] = []
        var encrypted: [UInt8]?
        var status: [UInt8]?
        var mac: [UInt8]?
        for object in objects {
            switch object.tag {
            case 0x87:
                guard encrypted == nil, mac == nil else {
                    throw ChipCardError(.malformedResponse, "DO'87' out of place")
                }
                encrypted = object.value
                authenticated += object.encoded
            case 0x99:
                guard status == nil, mac == nil, object.value.count == 2 else {
                    throw ChipCardError(.malformedResponse, "DO'99' out of place or not 2 bytes")
                }
                status = object.value
                authenticated += object.encoded
            case 0x8E:
                guard mac == nil, object.value.count == 8 else {
                    throw ChipCardError(.malformedResponse, "DO'8E' repeated or not 8 bytes")
                }
                mac = object.value
            default:
                throw ChipCardError(.malformedResponse, "an unexpected object in a protected reply")
            }
        }
        guard let status, let mac else {
            throw ChipCardError(.malformedResponse, "a protected reply lacks DO'99' or DO'8E'")
        }
        let expected = try cipher.mac(counterBytes + authenticated)
        guard RetailMAC.equal(expected, mac) else {
            throw ChipCardError(.secureMessaging, "the reply's MAC does not verify")
        }
        var data: [UInt8] = []
        if let encrypted {
            guard encrypted.first == 0x01, (encrypted.count - 1) % cipher.blockSize == 0, encrypted.count > 1 else {
                throw ChipCardError(.malformedResponse, "DO'87' is not padding indicator 01 and whole blocks")
            }
            let plain = try cipher.decrypt(Array(encrypted.dropFirst()), counter: counterBytes)
            guard let unpadded = Padding.unpad(plain, blockSize: cipher.blockSize) else {
                throw ChipCardError(.malformedResponse, "the decrypted reply is not padded")
            }
            data = unpadded
        }
        return ResponseAPDU(data: data, statusWord: UInt16(status[0]) << 8 | UInt16(status[1]))
    }

    static func bigEndian(_ value: UInt64) -> [UInt8] {
        (0..<8).map { UInt8(truncatingIfNeeded: value >> (56 - 8 * $0)) }
    }

    package static func counter(_ bytes: some Collection<UInt8>) -> UInt64 {
        bytes.reduce(0) { $0 << 8 | UInt64($1) }
    }
}
