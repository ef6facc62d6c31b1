import ChipCard
import ChipCardTesting
import ChipChart
import Foundation

/// A simulated chip card on a simulated reader, with what the blocks about the chip take as
/// given: the card's MRZ, its files as read, and the trust anchors of its test PKI. The card is
/// `SimulatedCard.sample`, Nguyễn Văn A, born 1999.
struct ChipCardContext: DocumentationContext {
    /// The test PKI that signed the card's EF.SOD.
    let pki: SimulatedPKI
    /// The simulated chip, the transport the blocks talk to.
    let chip: SimulatedChip
    /// The chip as an APDU transport.
    var transport: any APDUTransport { chip }
    /// The chip, where a block names a PC/SC reader.
    var pcscReader: any APDUTransport { chip }
    /// The card's MRZ, as scanned from its back.
    let mrz: MRZ
    /// The MRZ's three lines.
    var scanned: [String] { mrz.lines }
    /// The MRZ's three lines, by the name the reader's example uses.
    var scannedLines: [String] { mrz.lines }
    /// The CSCA the deployer trusts: the test PKI's.
    let anchors: TrustAnchors
    /// A chip reader over `chip`, with the card's access key and `anchors`.
    let reader: ChipCardReader
    /// The bytes of DG1, as read from the chip.
    let dg1: [UInt8]
    /// The bytes of DG13, as read from the chip.
    let dg13: [UInt8]
    /// The bytes of DG13, where a block parses "the bytes".
    var bytes: [UInt8] { dg13 }
    /// The bytes of EF.SOD, as read from the chip.
    let efSOD: [UInt8]
    /// EF.SOD, parsed.
    let sod: SecurityObject
    /// A secure-messaging session with `chip`, opened by basic access control.
    let session: SecureMessaging

    static func make(in folder: URL) async throws -> ChipCardContext {
        let pki = try SimulatedPKI()
        let chip = try SimulatedChip(card: .sample, pki: pki)
        let anchors = try TrustAnchors(derCertificates: [pki.cscaCertificate])
        let efSOD = chip.files[LDSFile.sod.identifier] ?? []
        return ChipCardContext(
            pki: pki,
            chip: chip,
            mrz: chip.mrz,
            anchors: anchors,
            reader: ChipCardReader(transport: chip, key: chip.accessKey, trustAnchors: anchors),
            dg1: chip.files[LDSFile.dg1.identifier] ?? [],
            dg13: chip.files[LDSFile.dg13.identifier] ?? [],
            efSOD: efSOD,
            sod: try SecurityObject(bytes: efSOD),
            session: try await BasicAccessControl(key: chip.accessKey).authenticate(over: chip)
        )
    }
}
