/// The card's half of secure messaging: open a protected command, seal a reply.
extension SecureMessaging {
    /// Verifies a protected command's MAC and decrypts it (card side).
    ///
    /// - Throws: ``ChipCardError`` `secureMessaging` for a wrong MAC or missing DO'8E';
    ///   `malformedData` for objects that are not BER-TLV.
    package mutating func openCommand(_ apdu: [UInt8]) throws(ChipCardError) -> CommandAPDU {
        sendSequenceCounter &+= 1
        guard apdu.count >= 6, Int(apdu[4]) + 5 <= apdu.count else {
            throw ChipCardError(.secureMessaging, "a protected command without its objects")
        }
        let header = Array(apdu[0..<4])
        let objects = try BERTLV.sequence(parsing: Array(apdu[5..<(5 + Int(apdu[4]))]))
        var authenticated: [UInt8] = []
        var data: [UInt8] = []
        var expectedLength: Int?
        var mac: [UInt8]?
        for object in objects {
            switch object.tag {
            case 0x87:
                authenticated += object.encoded
                guard object.value.first == 0x01, (object.value.count - 1) % cipher.blockSize == 0,
                    let plain = Padding.unpad(
                        try cipher.decrypt(Array(object.value.dropFirst()), counter: counterBytes),
                        blockSize: cipher.blockSize
                    )
                else {
                    throw ChipCardError(.secureMessaging, "DO'87' does not decrypt")
                }
                data = plain
            case 0x97:
                authenticated += object.encoded
                expectedLength = object.value.first.map { Int($0) }
            case 0x8E:
                mac = object.value
            default:
                throw ChipCardError(.secureMessaging, "an unexpected object in a protected command")
            }
        }
        let expected = try cipher.mac(counterBytes + cipher.pad(header) + authenticated)
        guard let mac, RetailMAC.equal(expected, mac) else {
            throw ChipCardError(.secureMessaging, "the command's MAC does not verify")
        }
        return CommandAPDU(
            instructionClass: apdu[0],
            instruction: apdu[1],
            parameter1: apdu[2],
            parameter2: apdu[3],
            data: data,
            expectedLength: expectedLength
        )
    }

    /// Builds a protected reply: DO'87' when there is data, DO'99', DO'8E', then `9000` (card side).
    ///
    /// - Throws: ``ChipCardError`` `cryptography`.
    package mutating func sealReply(data: [UInt8], statusWord: UInt16) throws(ChipCardError) -> [UInt8] {
        sendSequenceCounter &+= 1
        var objects: [UInt8] = []
        if !data.isEmpty {
            objects += BERTLV.encode(
                tag: 0x87,
                value: [0x01] + (try cipher.encrypt(cipher.pad(data), counter: counterBytes))
            )
        }
        objects += BERTLV.encode(tag: 0x99, value: [UInt8(statusWord >> 8), UInt8(statusWord & 0xFF)])
        let mac = try cipher.mac(counterBytes + objects)
        return objects + BERTLV.encode(tag: 0x8E, value: mac) + [0x90, 0x00]
    }
}
