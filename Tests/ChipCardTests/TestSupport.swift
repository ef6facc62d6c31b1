import ChipCardTesting
import ChipChart

@testable import ChipCard

/// Bytes from hex text in a test vector; an unparsable vector yields an empty array so that the
/// comparison it feeds fails visibly.
func hex(_ text: String) -> [UInt8] {
    Hex.bytes(text) ?? []
}

/// A transport that answers from a script and records what was sent.
actor ScriptedTransport: APDUTransport {
    private var replies: [[UInt8]]
    private(set) var sent: [[UInt8]] = []

    init(replies: [[UInt8]]) { self.replies = replies }

    func transmit(_ apdu: [UInt8]) async throws -> [UInt8] {
        sent.append(apdu)
        return replies.isEmpty ? [0x6F, 0x00] : replies.removeFirst()
    }
}

/// Reads a simulated chip for the sample card that offers chip authentication and active
/// authentication as told.
func readSimulatedChip(
    chipAuthentication: SimulatedChip.ChipAuthenticationCipher? = nil,
    activeAuthentication: SimulatedActiveAuthenticationKey.Kind? = nil,
    misbehaviour: SimulatedChip.Misbehaviour? = nil,
    accessControl: SimulatedChip.AccessControl = .pace(),
    requiresIntegrity: Bool = true
) async throws -> CardReading {
    let pki = try SimulatedPKI()
    let chip = try SimulatedChip(
        card: try SimulatedCard.sample,
        pki: pki,
        misbehaviour: misbehaviour,
        accessControl: accessControl,
        activeAuthentication: activeAuthentication,
        chipAuthentication: chipAuthentication
    )
    return try await read(chip, pki: pki, requiresIntegrity: requiresIntegrity).reading
}

/// A transport that counts the APDUs a reader sends to the chip behind it.
actor CountingTransport: APDUTransport {
    let chip: SimulatedChip
    private(set) var count = 0

    init(_ chip: SimulatedChip) { self.chip = chip }

    func transmit(_ apdu: [UInt8]) async throws -> [UInt8] {
        count += 1
        return try await chip.transmit(apdu)
    }
}

/// Reads `chip` with the key from its printed MRZ: the reading and the number of APDUs sent.
func read(
    _ chip: SimulatedChip,
    pki: SimulatedPKI,
    requiresIntegrity: Bool = true
) async throws -> (reading: CardReading, apdus: Int) {
    let transport = CountingTransport(chip)
    let reader = ChipCardReader(
        transport: transport,
        key: chip.accessKey,
        trustAnchors: try pki.trustAnchors,
        requiresIntegrity: requiresIntegrity
    )
    let reading = try await reader.read()
    return (reading, await transport.count)
}
