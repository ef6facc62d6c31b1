/// The GENERAL AUTHENTICATE command and reply of PACE (ICAO 9303-11 §4.4.4.2): a dynamic
/// authentication data object `7C` holding one tagged value each way.
package enum GeneralAuthenticate {
    /// The command for one step: data `7C { tag value }` (`7C 00` for the first step), `Le` 256,
    /// the class byte `10` (command chaining) for every step but the last.
    package static func command(tag: UInt8?, value: [UInt8], last: Bool) -> CommandAPDU {
        let inner = tag.map { BERTLV.encode(tag: UInt32($0), value: value) } ?? []
        return CommandAPDU(
            instructionClass: last ? 0x00 : 0x10,
            instruction: 0x86,
            parameter1: 0,
            parameter2: 0,
            data: BERTLV.encode(tag: 0x7C, value: inner),
            expectedLength: 256
        )
    }

    /// The value of `tag` inside a reply's `7C` object.
    ///
    /// - Throws: ``ChipCardError`` `malformedResponse` when the data is not one `7C` object, its
    ///   contents are not BER-TLV, or `tag` is missing or empty.
    package static func value(of tag: UInt8, in data: [UInt8]) throws(ChipCardError) -> [UInt8] {
        let objects: [BERTLV]
        let template: BERTLV
        do {
            template = try BERTLV(parsing: data)
            objects = try template.children()
        } catch {
            throw ChipCardError(.malformedResponse, "a GENERAL AUTHENTICATE reply: \(error.message)")
        }
        guard template.tag == 0x7C else {
            throw ChipCardError(.malformedResponse, "a GENERAL AUTHENTICATE reply is not a 7C object")
        }
        guard let object = objects.first(where: { $0.tag == UInt32(tag) }), !object.value.isEmpty else {
            let name = String(tag, radix: 16, uppercase: true)
            throw ChipCardError(.malformedResponse, "a GENERAL AUTHENTICATE reply lacks its \(name) object")
        }
        return object.value
    }

    /// The public-key data object a PACE authentication token is computed over (ICAO 9303-11
    /// §4.4.3.4, §9.4.2): `7F49 { 06 protocol, 86 point }`.
    package static func publicKeyObject(protocol identifier: ASN1ObjectIdentifier, point: [UInt8]) -> [UInt8] {
        BERTLV.encode(
            tag: 0x7F49,
            value: BERTLV.encode(tag: 0x06, value: identifier.encoded) + BERTLV.encode(tag: 0x86, value: point)
        )
    }
}

extension ResponseAPDU {
    /// Throws `accessControlFailed` with `message` and the status word unless the reply is `9000`:
    /// how BAC and PACE report a chip that refuses the key or password.
    ///
    /// - Throws: ``ChipCardError`` `accessControlFailed`.
    package func requireAccessGranted(_ message: String) throws(ChipCardError) {
        guard isSuccess else { throw ChipCardError(.accessControlFailed, message, statusWord: statusWord) }
    }
}
