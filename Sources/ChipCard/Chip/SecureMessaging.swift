/// A secure-messaging session (ICAO 9303-11 §9.8) with 3DES keys and a send sequence counter.
///
/// ``protect(_:)`` wraps a command: data encrypted in DO'87', `Le` in DO'97', a retail MAC over
/// the counter, the padded header and those objects in DO'8E'. ``unprotect(_:)`` checks the MAC
/// of a reply before trusting any of it, then decrypts DO'87' and returns the status of DO'99'.
/// The counter is incremented before each command and before checking each reply.
package struct SecureMessaging: Hashable, Sendable {
    /// The session keys `KSenc` and `KSmac`.
    package let keys: SessionKeys
    /// The send sequence counter.
    package internal(set) var sendSequenceCounter: UInt64

    /// A session from its keys and the initial counter (`RND.IC[4..<8] ‖ RND.IFD[4..<8]`).
    package init(keys: SessionKeys, sendSequenceCounter: UInt64) {
        self.keys = keys
        self.sendSequenceCounter = sendSequenceCounter
    }

    /// The counter as 8 big-endian bytes.
    package var counterBytes: [UInt8] { SecureMessaging.bigEndian(sendSequenceCounter) }

    /// Wraps a command for the card.
    ///
    /// - Throws: ``ChipCardError`` `cryptography` when the cipher fails.
    package mutating func protect(_ command: CommandAPDU) throws(ChipCardError) -> [UInt8] {
        sendSequenceCounter &+= 1
        let header: [UInt8] = [0x0C, command.instruction, command.parameter1, command.parameter2]
        var objects: [UInt8] = []
        if !command.data.isEmpty {
            let encrypted = try TripleDES.encryptCBC(key: keys.encryption, RetailMAC.pad(command.data))
            objects += BERTLV.encode(tag: 0x87, value: [0x01] + encrypted)
        }
        if let expected = command.expectedLength {
            objects += BERTLV.encode(tag: 0x97, value: [UInt8(truncatingIfNeeded: expected)])
        }
        let mac = try RetailMAC.mac(key: keys.mac, counterBytes + RetailMAC.pad(header) + objects)
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
        let expected = try RetailMAC.mac(key: keys.mac, counterBytes + authenticated)
        guard RetailMAC.equal(expected, mac) else {
            throw ChipCardError(.secureMessaging, "the reply's MAC does not verify")
        }
        var data: [UInt8] = []
        if let encrypted {
            guard encrypted.first == 0x01, (encrypted.count - 1) % 8 == 0, encrypted.count > 1 else {
                throw ChipCardError(.malformedResponse, "DO'87' is not padding indicator 01 and whole blocks")
            }
            let plain = try TripleDES.decryptCBC(key: keys.encryption, Array(encrypted.dropFirst()))
            guard let unpadded = RetailMAC.unpad(plain) else {
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
