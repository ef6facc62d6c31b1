import ChipCardTesting
import ChipChart
import Testing

@testable import ChipCard

@Suite("Chip authentication by the chip reader")
struct ChipAuthenticationTests {
    @Test(
        arguments: SimulatedChip.ChipAuthenticationCipher.allCases,
        [SimulatedChip.AccessControl.pace(), .pace(curve: .brainpoolP256r1), .bacOnly]
    )
    func genuineChipPasses(
        cipher: SimulatedChip.ChipAuthenticationCipher,
        accessControl: SimulatedChip.AccessControl
    ) async throws {
        let reading = try await readSimulatedChip(chipAuthentication: cipher, accessControl: accessControl)
        #expect(reading.chipAuthentication == .passed)
        #expect(reading.authentication?.dataGroupHashesMatch == true)
        #expect(reading.personalID?.digits == (try SimulatedCard.sample).personalID.digits)
    }

    @Test func genuineChipPassesBesideActiveAuthentication() async throws {
        let reading = try await readSimulatedChip(chipAuthentication: .tripleDES, activeAuthentication: .p256)
        #expect(reading.chipAuthentication == .passed)
        #expect(reading.activeAuthentication == .passed)
    }

    @Test(arguments: SimulatedChip.ChipAuthenticationCipher.allCases)
    func clonedChipIsRefused(cipher: SimulatedChip.ChipAuthenticationCipher) async throws {
        let error = await #expect(throws: ChipCardError.self) {
            try await readSimulatedChip(chipAuthentication: cipher, misbehaviour: .clonedChipAuthenticationKey)
        }
        #expect(error?.code == .signatureInvalid)
        #expect(error?.message.contains("chip authentication") == true)
    }

    @Test func clonedChipIsReportedWithoutIntegrityRequired() async throws {
        let reading = try await readSimulatedChip(
            chipAuthentication: .tripleDES,
            misbehaviour: .clonedChipAuthenticationKey,
            requiresIntegrity: false
        )
        #expect(reading.chipAuthentication == .failed)
        #expect(reading.authentication?.signatureVerified == true)
        #expect(reading.personalID != nil)
    }

    @Test func chipWithoutDG14IsNotOffered() async throws {
        let reading = try await readSimulatedChip(chipAuthentication: nil)
        #expect(reading.chipAuthentication == .notOffered)
    }
}

@Suite("DG14")
struct DataGroup14Tests {
    static let curve = PACECurve(parameterID: 12)
    static var point: [UInt8] { (try? curve?.multiply([0x2A])) ?? [] }
    static let pk = ChipAuthenticationPublicKeyInfo.protocolIdentifier
    static let ca = ChipAuthenticationInfo(cipher: .aes128).protocolIdentifier.arcs

    /// A SecurityInfo: the protocol's object identifier, then the fields as given.
    static func entry(_ arcs: [UInt64], _ fields: [UInt8]) -> [UInt8] {
        BERTLV.encode(
            tag: 0x30,
            value: BERTLV.encode(tag: 0x06, value: ASN1ObjectIdentifier(arcs: arcs).encoded) + fields
        )
    }

    static var key: ChipAuthenticationPublicKeyInfo? {
        curve.map { ChipAuthenticationPublicKeyInfo(curve: $0, publicPoint: point, keyID: 3) }
    }

    @Test func chipAuthenticationEntriesAreDecodedAndUnknownOnesKept() throws {
        let key = try #require(Self.key)
        let unknown = Self.entry([0, 4, 0, 127, 0, 7, 2, 2, 2], [0x02, 0x01, 0x01])  // id-TA, version 1
        let bytes = SecurityInfos.encodeDataGroup14([
            ChipAuthenticationInfo(cipher: .aes128, keyID: 3).encoded, unknown, key.encoded,
        ])
        let infos = try SecurityInfos(dataGroup14: bytes)
        #expect(infos.infos.count == 3)
        guard case .other = infos.infos[1] else {
            Issue.record("the unknown entry is not kept")
            return
        }
        let (info, found) = try #require(infos.chipAuthentication)
        #expect(info.cipher == .aes128)
        #expect(info.version == 1)
        #expect(found == key)
    }

    @Test func keysArePairedByKeyIdentifier() throws {
        let key = try #require(Self.key)
        let other = ChipAuthenticationPublicKeyInfo(curve: key.curve, publicPoint: key.publicPoint, keyID: 9)
        let bytes = SecurityInfos.encodeDataGroup14([
            other.encoded, ChipAuthenticationInfo(cipher: .tripleDES, keyID: 3).encoded, key.encoded,
        ])
        #expect(try SecurityInfos(dataGroup14: bytes).chipAuthentication?.key.keyID == 3)
    }

    @Test func onlyVersionOneIsRun() throws {
        let key = try #require(Self.key)
        let bytes = SecurityInfos.encodeDataGroup14([
            ChipAuthenticationInfo(cipher: .aes128, version: 2, keyID: 3).encoded, key.encoded,
        ])
        #expect(try SecurityInfos(dataGroup14: bytes).chipAuthentication == nil)
    }

    @Test func keyWithExplicitDomainParametersIsKeptUninterpreted() throws {
        // id-PK-ECDH with the algorithm id-PK-ECDH (domain parameters), not id-ecPublicKey on a named curve.
        let algorithm = BERTLV.encode(tag: 0x30, value: BERTLV.encode(tag: 0x06, value: Self.pk.encoded))
        let spki = BERTLV.encode(tag: 0x30, value: algorithm + BERTLV.encode(tag: 0x03, value: [0, 4, 1, 2]))
        let bytes = SecurityInfos.encodeDataGroup14([Self.entry(Self.pk.arcs, spki)])
        let infos = try SecurityInfos(dataGroup14: bytes)
        #expect(infos.chipAuthentication == nil)
        guard case .other = infos.infos.first else {
            Issue.record("the entry is not kept")
            return
        }
    }

    static let malformed: [(String, [UInt8])] = {
        let info = ChipAuthenticationInfo(cipher: .aes128).encoded
        var offCurve = point
        if let last = offCurve.indices.last { offCurve[last] ^= 0x01 }
        let offCurveKey = curve.map { ChipAuthenticationPublicKeyInfo(curve: $0, publicPoint: offCurve).encoded } ?? []
        return [
            ("not tag 6E", BERTLV.encode(tag: 0x6F, value: BERTLV.encode(tag: 0x31, value: info))),
            ("not a SET", BERTLV.encode(tag: 0x6E, value: BERTLV.encode(tag: 0x30, value: info))),
            ("version not an INTEGER", SecurityInfos.encodeDataGroup14([entry(ca, [0x04, 0x01, 0x01])])),
            (
                "keyId not an INTEGER",
                SecurityInfos.encodeDataGroup14([entry(ca, [0x02, 0x01, 0x01, 0x04, 0x01, 0x01])])
            ),
            ("public key not a SEQUENCE", SecurityInfos.encodeDataGroup14([entry(pk.arcs, [0x04, 0x01, 0xFF])])),
            (
                "public key not a BIT STRING",
                SecurityInfos.encodeDataGroup14([entry(pk.arcs, [0x30, 0x02, 0x30, 0x00])])
            ),
            ("point not on the curve", SecurityInfos.encodeDataGroup14([offCurveKey])),
            ("cut short", Array(SecurityInfos.encodeDataGroup14([info]).dropLast())),
        ]
    }()

    @Test(arguments: malformed)
    func malformedDG14IsRefused(name: String, bytes: [UInt8]) {
        #expect(throws: ChipCardError.self, "\(name)") { try SecurityInfos(dataGroup14: bytes) }
    }
}
